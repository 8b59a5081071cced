import { Type } from '@sinclair/typebox';
import {
  APPLICATION_LIMITS,
  APPLICATION_QUERY_LIMITS,
  CONSENT_LIMITS,
  DECISION_LIMITS,
  ORDER_LIMITS,
  REDEEM_LIMITS,
  SENT_BY_LIMITS,
} from '../limits.js';
import { Id, IsoDate, Nullable, RequiredText, ShortText } from './common.js';

/**
 * The public service (seed 002 §2–3, Приложения 1–2; seed 000 §2–3): applications, consents,
 * decisions, orders, access codes and deadlines.
 */

/** Fields of the child's column of the consent form, in the order of Приложение 2. */
export const CHILD_CONSENT_FIELDS = [
  'surname',
  'name',
  'patronymic',
  'birthDate',
  'sex',
  'residenceAddress',
  'registrationAddress',
  'homePhone',
  'birthCertificate',
  'hasHomePc',
  'email',
  'parents',
  'grades',
  'foreignLanguage',
  'movement',
  'fileNumber',
  'additionalEducation',
  'studyForm',
  'studyProgram',
] as const;
export type ChildConsentField = (typeof CHILD_CONSENT_FIELDS)[number];

/** Fields of the parent's column of the consent form, in the order of Приложение 2. */
export const PARENT_CONSENT_FIELDS = [
  'surname',
  'name',
  'patronymic',
  'sex',
  'residenceAddress',
  'homePhone',
  'kinship',
  'mobilePhone',
  'workplace',
  'position',
  'workPhone',
  'birthDate',
  'email',
  'children',
  'schoolHelp',
  'extraContact',
] as const;
export type ParentConsentField = (typeof PARENT_CONSENT_FIELDS)[number];

/**
 * Fields that identify a person (152-FZ art. 3 п. 9: without them the data is depersonalised).
 * A consent whose child's or parent's column allows none of them permits only depersonalised data:
 * a ground for refusal (seed 002 §2.8).
 */
export const IDENTIFYING_CHILD_FIELDS: readonly ChildConsentField[] = [
  'surname',
  'name',
  'patronymic',
  'birthDate',
  'residenceAddress',
  'registrationAddress',
  'homePhone',
  'birthCertificate',
  'email',
  'fileNumber',
];
export const IDENTIFYING_PARENT_FIELDS: readonly ParentConsentField[] = [
  'surname',
  'name',
  'patronymic',
  'residenceAddress',
  'homePhone',
  'mobilePhone',
  'workPhone',
  'email',
];

/** The five purposes of processing listed in Приложение 2. */
export const CONSENT_PURPOSES = ['database', 'statistics', 'access', 'decisions', 'policy'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** Grounds for refusing the service: seed 002 §2.8 (and seed 000 §2.6). */
export const REFUSAL_GROUNDS = ['no_consent', 'consent_depersonalised'] as const;
export type RefusalGround = (typeof REFUSAL_GROUNDS)[number];

export const APPLICATION_STATUSES = ['registered', 'granted', 'refused', 'ordered', 'issued'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Stages with a deadline (seed 002 §3.2.3–3.2.5). */
export const DEADLINE_STAGES = ['decision', 'order', 'access', 'operatorCopy'] as const;
export type DeadlineStage = (typeof DEADLINE_STAGES)[number];

export const CODE_KINDS = ['parent', 'student'] as const;
export type CodeKind = (typeof CODE_KINDS)[number];

/** A string limited to these values; typed as their union. */
const literals = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });

export const PassportSeries = Type.String({ pattern: '^[0-9]{4}$', maxLength: APPLICATION_LIMITS.passportSeries });
export const PassportNumber = Type.String({ pattern: '^[0-9]{6}$', maxLength: APPLICATION_LIMITS.passportNumber });
export const Phone = Type.String({ minLength: 5, maxLength: APPLICATION_LIMITS.phone, pattern: '^[0-9+()\\- ]+$' });

export const ApplicationCreate = Type.Object(
  {
    parentSurname: RequiredText(APPLICATION_LIMITS.parentSurname),
    parentName: RequiredText(APPLICATION_LIMITS.parentName),
    parentPatronymic: ShortText(APPLICATION_LIMITS.parentPatronymic),
    addressCity: RequiredText(APPLICATION_LIMITS.addressCity),
    addressStreet: RequiredText(APPLICATION_LIMITS.addressStreet),
    addressHouse: RequiredText(APPLICATION_LIMITS.addressHouse),
    addressBuilding: ShortText(APPLICATION_LIMITS.addressBuilding),
    addressFlat: ShortText(APPLICATION_LIMITS.addressFlat),
    phone: Phone,
    passportSeries: PassportSeries,
    passportNumber: PassportNumber,
    passportIssuedBy: RequiredText(APPLICATION_LIMITS.passportIssuedBy),
    childFullName: RequiredText(APPLICATION_LIMITS.childFullName),
    childClass: RequiredText(APPLICATION_LIMITS.childClass),
    studentId: Type.Optional(Nullable(Id)),
    parentId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);

export const ApplicationLinks = Type.Object(
  { studentId: Type.Optional(Nullable(Id)), parentId: Type.Optional(Nullable(Id)) },
  { additionalProperties: false },
);

export const ApplicationQuery = Type.Object(
  {
    number: Type.Optional(Type.String({ maxLength: APPLICATION_QUERY_LIMITS.number })),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    name: Type.Optional(Type.String({ maxLength: APPLICATION_QUERY_LIMITS.name })),
    status: Type.Optional(literals(APPLICATION_STATUSES)),
  },
  { additionalProperties: false },
);

export const Deadline = Type.Object({
  stage: literals(DEADLINE_STAGES),
  dueOn: Type.String(),
  overdue: Type.Boolean(),
});

/** An application as listed: no passport data. */
export const ApplicationSummary = Type.Object({
  id: Type.String(),
  number: Type.String(),
  registeredOn: Type.String(),
  parentFullName: Type.String(),
  childFullName: Type.String(),
  childClass: Type.String(),
  status: literals(APPLICATION_STATUSES),
  refusalGround: Nullable(Type.String()),
  decidedOn: Nullable(Type.String()),
  orderNumber: Nullable(Type.String()),
  orderDate: Nullable(Type.String()),
  accessIssuedOn: Nullable(Type.String()),
  studentId: Nullable(Type.String()),
  parentId: Nullable(Type.String()),
  nextDeadline: Nullable(Deadline),
});

export const ApplicationDetail = Type.Intersect([
  ApplicationSummary,
  Type.Object({
    parentSurname: Type.String(),
    parentName: Type.String(),
    parentPatronymic: Type.String(),
    addressCity: Type.String(),
    addressStreet: Type.String(),
    addressHouse: Type.String(),
    addressBuilding: Type.String(),
    addressFlat: Type.String(),
    phone: Type.String(),
    passportSeries: Type.String(),
    passportNumber: Type.String(),
    passportIssuedBy: Type.String(),
    personalDataErasedAt: Nullable(Type.String()),
    decisionNote: Type.String(),
    consentIds: Type.Array(Type.String()),
  }),
]);

export const DecisionInput = Type.Object(
  {
    decision: literals(['granted', 'refused'] as const),
    ground: Type.Optional(literals(REFUSAL_GROUNDS)),
    note: Type.Optional(ShortText(DECISION_LIMITS.note)),
  },
  { additionalProperties: false },
);

export const OrderInput = Type.Object(
  { orderNumber: RequiredText(ORDER_LIMITS.orderNumber), orderDate: IsoDate },
  { additionalProperties: false },
);

export const ConsentCreate = Type.Object(
  {
    applicationId: Type.Optional(Nullable(Id)),
    studentId: Type.Optional(Nullable(Id)),
    parentId: Type.Optional(Nullable(Id)),
    childFullName: RequiredText(CONSENT_LIMITS.childFullName),
    parentFullName: RequiredText(CONSENT_LIMITS.parentFullName),
    childFields: Type.Array(literals(CHILD_CONSENT_FIELDS), { maxItems: CHILD_CONSENT_FIELDS.length, uniqueItems: true }),
    parentFields: Type.Array(literals(PARENT_CONSENT_FIELDS), { maxItems: PARENT_CONSENT_FIELDS.length, uniqueItems: true }),
    purposes: Type.Array(literals(CONSENT_PURPOSES), { minItems: 1, maxItems: CONSENT_PURPOSES.length, uniqueItems: true }),
    signedOn: IsoDate,
  },
  { additionalProperties: false },
);

export const ConsentWithdraw = Type.Object({ withdrawnOn: Type.Optional(IsoDate) }, { additionalProperties: false });
export const OperatorCopyInput = Type.Object(
  { sentOn: IsoDate, method: RequiredText(SENT_BY_LIMITS.method) },
  { additionalProperties: false },
);

export const ConsentSchema = Type.Object({
  id: Type.String(),
  applicationId: Nullable(Type.String()),
  studentId: Nullable(Type.String()),
  parentId: Nullable(Type.String()),
  childFullName: Type.String(),
  parentFullName: Type.String(),
  childFields: Type.Array(Type.String()),
  parentFields: Type.Array(Type.String()),
  purposes: Type.Array(Type.String()),
  depersonalisedOnly: Type.Boolean(),
  signedOn: Type.String(),
  receivedOn: Type.String(),
  withdrawnOn: Nullable(Type.String()),
  operatorCopySentOn: Nullable(Type.String()),
  operatorCopyMethod: Nullable(Type.String()),
  operatorCopyDueOn: Type.String(),
  valid: Type.Boolean(),
});

export const CodeIssueInput = Type.Object({ kind: literals(CODE_KINDS) }, { additionalProperties: false });

/** The one time the plain code is shown: at issue, for the slip. */
export const IssuedCode = Type.Object({
  id: Type.String(),
  kind: literals(CODE_KINDS),
  code: Type.String(),
  studentName: Type.String(),
  issuedAt: Type.String(),
  expiresAt: Type.String(),
  systemAddress: Type.String(),
});

export const CodeRecord = Type.Object({
  id: Type.String(),
  kind: literals(CODE_KINDS),
  issuedAt: Type.String(),
  issuedByName: Nullable(Type.String()),
  expiresAt: Type.String(),
  usedAt: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
});

export const CodeSlipInput = Type.Object(
  { codeId: Id, code: Type.String({ minLength: 1, maxLength: REDEEM_LIMITS.code }) },
  { additionalProperties: false },
);

export const RedeemInput = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: REDEEM_LIMITS.code }),
    schoolId: Type.Optional(Id),
    login: Type.Optional(Type.String({ minLength: 3, maxLength: REDEEM_LIMITS.login, pattern: '^[A-Za-z0-9._@-]+$' })),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: REDEEM_LIMITS.password })),
    displayName: Type.Optional(RequiredText(REDEEM_LIMITS.displayName)),
  },
  { additionalProperties: false },
);

export const RedeemResult = Type.Object({
  schoolId: Type.String(),
  studentId: Type.String(),
  studentName: Type.String(),
  role: literals(CODE_KINDS),
});

export const DeadlineItem = Type.Object({
  stage: literals(DEADLINE_STAGES),
  dueOn: Type.String(),
  overdue: Type.Boolean(),
  applicationId: Nullable(Type.String()),
  consentId: Nullable(Type.String()),
  number: Nullable(Type.String()),
  childFullName: Type.String(),
});

export const CalendarYearParams = Type.Object({ schoolId: Id, year: Type.Integer({ minimum: 2000, maximum: 2100 }) });
export const CalendarInput = Type.Object(
  { holidays: Type.Array(IsoDate, { maxItems: 120 }), workdays: Type.Array(IsoDate, { maxItems: 60 }) },
  { additionalProperties: false },
);
export const CalendarSchema = Type.Object({
  year: Type.Integer(),
  holidays: Type.Array(Type.String()),
  workdays: Type.Array(Type.String()),
  source: Type.String(),
  custom: Type.Boolean(),
});

export const StudentCodeParams = Type.Object({ schoolId: Id, studentId: Id });
