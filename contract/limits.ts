/**
 * Field limits in characters: the one home read by the request schemas (contract/schemas/*) and by
 * the web's inputs. Plain numbers, so the web takes them without TypeBox in its bundle. Keys are
 * the bodies' field names (dotted for nested ones), so a form looks its fields up by name
 * (`withLimits` in web/src/components/EntityForm.tsx); limits.test.ts holds each table to its schema.
 */

const PERSON_NAME = 100;
const PHONE = 30;
const EMAIL = 200;
const ADDRESS = 500;
const ORDER_NUMBER = 50;
const REASON = 500;
const LONG_NOTE = 500;

/** A search box (names, file numbers). */
export const SEARCH_QUERY_MAX = 100;

export const PERSON_NAME_LIMITS = { surname: PERSON_NAME, name: PERSON_NAME, patronymic: PERSON_NAME } as const;

export const ENROLMENT_LIMITS = { orderNumber: ORDER_NUMBER, reason: REASON } as const;

export const STUDENT_LIMITS = {
  ...PERSON_NAME_LIMITS,
  fileNumber: 50,
  residenceAddress: ADDRESS,
  registrationAddress: ADDRESS,
  homePhone: PHONE,
  mobilePhone: PHONE,
  birthCertificate: 100,
  email: EMAIL,
  foreignLanguage: 100,
  additionalEducation: LONG_NOTE,
  studyProgram: 200,
  'enrolment.orderNumber': ENROLMENT_LIMITS.orderNumber,
  'enrolment.reason': ENROLMENT_LIMITS.reason,
} as const;

export const PARENT_LIMITS = {
  ...PERSON_NAME_LIMITS,
  residenceAddress: ADDRESS,
  homePhone: PHONE,
  mobilePhone: PHONE,
  workplace: 300,
  position: 200,
  workPhone: PHONE,
  email: EMAIL,
  schoolHelp: LONG_NOTE,
  extraContact: LONG_NOTE,
} as const;

export const STAFF_ACCOUNT_LIMITS = { login: 100, password: 200 } as const;

export const STAFF_LIMITS = {
  ...PERSON_NAME_LIMITS,
  position: 200,
  email: EMAIL,
  phone: PHONE,
  'account.login': STAFF_ACCOUNT_LIMITS.login,
  'account.password': STAFF_ACCOUNT_LIMITS.password,
} as const;

export const MOVEMENT_LIMITS = { orderNumber: ORDER_NUMBER, reason: REASON } as const;

export const YEAR_LIMITS = { name: 50 } as const;
export const PERIOD_LIMITS = { name: 50 } as const;
export const HOLIDAY_LIMITS = { name: 100 } as const;
export const CLASS_LIMITS = { letter: 3 } as const;
export const GROUP_LIMITS = { name: 100 } as const;
export const SUBJECT_LIMITS = { name: 100, shortName: 20 } as const;

// ---------------------------------------------------------------- public service and oversight

export const APPLICATION_LIMITS = {
  parentSurname: PERSON_NAME,
  parentName: PERSON_NAME,
  parentPatronymic: PERSON_NAME,
  addressCity: 100,
  addressStreet: 200,
  addressHouse: 20,
  addressBuilding: 20,
  addressFlat: 20,
  phone: PHONE,
  passportSeries: 4,
  passportNumber: 6,
  passportIssuedBy: 300,
  childFullName: 300,
  childClass: 10,
} as const;
export const APPLICATION_QUERY_LIMITS = { number: 30, name: SEARCH_QUERY_MAX } as const;
export const DECISION_LIMITS = { note: 1000 } as const;
export const ORDER_LIMITS = { orderNumber: ORDER_NUMBER } as const;
export const CONSENT_LIMITS = { childFullName: 300, parentFullName: 300 } as const;
/** How a copy or an answer was sent (post, in person, e-mail…). */
export const SENT_BY_LIMITS = { method: 200 } as const;
export const REDEEM_LIMITS = {
  code: 20,
  login: STAFF_ACCOUNT_LIMITS.login,
  password: STAFF_ACCOUNT_LIMITS.password,
  displayName: 200,
} as const;

export const COMPLAINT_LIMITS = { addressee: 300, complainantName: 300, complainantAddress: ADDRESS, substance: 5000 } as const;
export const COMPLAINT_EXTEND_LIMITS = { reason: 2000 } as const;
export const COMPLAINT_ANSWER_LIMITS = { text: 10_000, method: SENT_BY_LIMITS.method } as const;
export const INSPECTION_LIMITS = { subject: 1000, orderRef: 200 } as const;
export const INSPECTION_RESULT_LIMITS = { resultText: 20_000 } as const;

// ---------------------------------------------------------------- journal, timetable, sign-in, audit

/** Why a closed period's record is changed (R4.2), and why a period is reopened. */
export const REASON_MAX = 1000;
export const LESSON_RECORD_LIMITS = { topic: 500, homework: 5000 } as const;
export const GRADE_LIMITS = { comment: 500 } as const;
export const WORK_TYPE_LIMITS = { name: 100 } as const;
export const GRADE_SCALE_LIMITS = { name: 100 } as const;
export const TIMETABLE_LIMITS = { room: 50, note: 500 } as const;
export const LOGIN_LIMITS = { login: STAFF_ACCOUNT_LIMITS.login, password: STAFF_ACCOUNT_LIMITS.password } as const;
export const AUDIT_QUERY_LIMITS = { entity: 50 } as const;
