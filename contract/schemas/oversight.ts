import { Type } from '@sinclair/typebox';
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
    addressee: RequiredText(300),
    complainantName: RequiredText(300),
    complainantAddress: RequiredText(500),
    substance: RequiredText(5000),
    registeredOn: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);

export const ComplaintExtend = Type.Object({ reason: RequiredText(2000), noticeOn: IsoDate }, { additionalProperties: false });
export const ComplaintAnswer = Type.Object(
  { text: RequiredText(10000), answeredOn: IsoDate, method: RequiredText(200) },
  { additionalProperties: false },
);
export const ComplaintDecline = Type.Object({ repeatOfId: Id, declinedOn: IsoDate }, { additionalProperties: false });

export const ComplaintQuery = Type.Object(
  { status: Type.Optional(literals([...COMPLAINT_STATUSES, 'overdue'] as const)), q: Type.Optional(Type.String({ maxLength: 100 })) },
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
    subject: RequiredText(1000),
    orderRef: ShortText(200),
    startsOn: IsoDate,
  },
  { additionalProperties: false },
);
export const InspectionResult = Type.Object({ resultText: RequiredText(20000), resultOn: IsoDate }, { additionalProperties: false });
export const InspectionResultSent = Type.Object({ sentOn: IsoDate, method: RequiredText(200) }, { additionalProperties: false });

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
