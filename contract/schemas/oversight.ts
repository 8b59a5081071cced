import { Type } from '@sinclair/typebox';
import {
  COMPLAINT_ANSWER_LIMITS,
  COMPLAINT_EXTEND_LIMITS,
  COMPLAINT_LIMITS,
  INSPECTION_LIMITS,
  INSPECTION_RESULT_LIMITS,
  SEARCH_QUERY_MAX,
  SENT_BY_LIMITS,
} from '../limits.js';
import { Id, IsoDate, Nullable, RequiredText, ShortText } from './common.js';

/** Oversight (seed 002 §4–5, seed 000 §4): the complaint book, inspections, the register of quality checks. */
export const COMPLAINT_FORMS = ['oral', 'written', 'electronic'] as const;
export type ComplaintForm = (typeof COMPLAINT_FORMS)[number];
export const COMPLAINT_STATUSES = ['open', 'answered', 'declined'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const INSPECTION_KINDS = ['planned', 'unplanned'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

const literals = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });

/** seed 002 §5.1.2: addressee, the complainant's name and postal address, the substance, the date. */
export const ComplaintCreate = Type.Object(
  {
    form: literals(COMPLAINT_FORMS),
    addressee: RequiredText(COMPLAINT_LIMITS.addressee),
    complainantName: RequiredText(COMPLAINT_LIMITS.complainantName),
    complainantAddress: RequiredText(COMPLAINT_LIMITS.complainantAddress),
    substance: RequiredText(COMPLAINT_LIMITS.substance),
    registeredOn: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);

export const ComplaintExtend = Type.Object(
  { reason: RequiredText(COMPLAINT_EXTEND_LIMITS.reason), noticeOn: IsoDate },
  { additionalProperties: false },
);
export const ComplaintAnswer = Type.Object(
  { text: RequiredText(COMPLAINT_ANSWER_LIMITS.text), answeredOn: IsoDate, method: RequiredText(COMPLAINT_ANSWER_LIMITS.method) },
  { additionalProperties: false },
);
export const ComplaintDecline = Type.Object({ repeatOfId: Id, declinedOn: IsoDate }, { additionalProperties: false });

export const ComplaintQuery = Type.Object(
  {
    status: Type.Optional(literals([...COMPLAINT_STATUSES, 'overdue'] as const)),
    q: Type.Optional(Type.String({ maxLength: SEARCH_QUERY_MAX })),
  },
  { additionalProperties: false },
);

export const ComplaintSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  form: literals(COMPLAINT_FORMS),
  addressee: Type.String(),
  complainantName: Type.String(),
  complainantAddress: Type.String(),
  substance: Type.String(),
  registeredOn: Type.String(),
  dueOn: Type.String(),
  extendedDueOn: Nullable(Type.String()),
  extensionReason: Nullable(Type.String()),
  extensionNoticeOn: Nullable(Type.String()),
  status: literals(COMPLAINT_STATUSES),
  answerText: Nullable(Type.String()),
  answeredOn: Nullable(Type.String()),
  answerMethod: Nullable(Type.String()),
  repeatOfId: Nullable(Type.String()),
  declinedOn: Nullable(Type.String()),
  overdue: Type.Boolean(),
});

export const InspectionCreate = Type.Object(
  {
    kind: literals(INSPECTION_KINDS),
    complaintId: Type.Optional(Nullable(Id)),
    subject: RequiredText(INSPECTION_LIMITS.subject),
    orderRef: ShortText(INSPECTION_LIMITS.orderRef),
    startsOn: IsoDate,
  },
  { additionalProperties: false },
);
export const InspectionResult = Type.Object(
  { resultText: RequiredText(INSPECTION_RESULT_LIMITS.resultText), resultOn: IsoDate },
  { additionalProperties: false },
);
export const InspectionResultSent = Type.Object(
  { sentOn: IsoDate, method: RequiredText(SENT_BY_LIMITS.method) },
  { additionalProperties: false },
);

export const InspectionSchema = Type.Object({
  id: Type.String(),
  kind: literals(INSPECTION_KINDS),
  complaintId: Nullable(Type.String()),
  complaintNumber: Nullable(Type.String()),
  subject: Type.String(),
  orderRef: Type.String(),
  startsOn: Type.String(),
  resultText: Nullable(Type.String()),
  resultOn: Nullable(Type.String()),
  resultSentOn: Nullable(Type.String()),
  resultSentMethod: Nullable(Type.String()),
});
