import {
  PARENT_CONSENT_COLUMNS,
  type ParentConsentColumn,
  STUDENT_CONSENT_COLUMNS,
  type StudentConsentColumn,
  withheldColumns,
} from '../../../contract/consent-fields.js';
import { type MessageKey, translate } from '../../../contract/i18n/index.js';
import type { Parent, Student } from '../../../contract/schemas/people.js';
import type { Actor } from '../../access/actor.js';
import { consentedChildFields, consentedParentFields } from '../../access/policy.js';
import type { Db } from '../../db/connect.js';
import { AppError } from '../../lib/errors.js';
import { updateParent } from './parents.repository.js';
import type { ParentsTable, StudentsTable } from './people.table.js';
import { updateStudent } from './students.repository.js';

// Issue 12.10 (R6.2, R6.5; decision 013): a field the family did not allow in Приложение 2 is
// neither placed in the system nor shown. Writes that would place one are refused (422, naming the
// fields), not silently dropped: the clerk who typed a phone from the paper must learn that it was
// not kept, and why. Reads show such a column as null and list it in `withheld`.

const STUDENT_DB: Record<StudentConsentColumn, keyof StudentsTable> = {
  residenceAddress: 'residence_address',
  registrationAddress: 'registration_address',
  homePhone: 'home_phone',
  mobilePhone: 'mobile_phone',
  birthCertificate: 'birth_certificate',
  hasHomePc: 'has_home_pc',
  email: 'email',
  foreignLanguage: 'foreign_language',
  additionalEducation: 'additional_education',
  studyProgram: 'study_program',
};

const PARENT_DB: Record<ParentConsentColumn, keyof ParentsTable> = {
  sex: 'sex',
  birthDate: 'birth_date',
  residenceAddress: 'residence_address',
  homePhone: 'home_phone',
  mobilePhone: 'mobile_phone',
  workplace: 'workplace',
  position: 'position',
  workPhone: 'work_phone',
  email: 'email',
  schoolHelp: 'school_help',
  extraContact: 'extra_contact',
};

/** The student's optional columns that no valid consent allows today. */
export async function withheldStudentColumns(db: Db, schoolId: string, studentId: string | null, today: string) {
  const allowed = studentId ? await consentedChildFields(db, schoolId, studentId, today) : new Set<string>();
  return withheldColumns(STUDENT_CONSENT_COLUMNS, allowed);
}

/** The parent's optional columns that none of the parent's valid consents allows today. */
export async function withheldParentColumns(db: Db, schoolId: string, parentId: string | null, today: string) {
  const allowed = parentId ? await consentedParentFields(db, schoolId, parentId, today) : new Set<string>();
  return withheldColumns(PARENT_CONSENT_COLUMNS, allowed);
}

/**
 * 422 consent_field_not_allowed when the input gives a value (not null: clearing is always
 * allowed) to a column the consent does not allow; the message names the fields in the user's
 * language and `fields` lists them for the form.
 */
export function refuseWithheldInput(actor: Actor, kind: 'student' | 'parent', input: object, withheld: readonly string[]): void {
  const values = input as Record<string, unknown>;
  const fields = withheld.filter((c) => values[c] !== undefined && values[c] !== null);
  if (fields.length === 0) return;
  const names = fields.map((f) => translate(actor.locale, `people.${kind}.${f}` as MessageKey)).join(', ');
  throw new AppError(422, 'consent_field_not_allowed', 'error.consent.fieldNotAllowed', { fields: names }, { fields });
}

/** The student as shown: withheld columns null, and named. */
export function maskStudent(student: Student, withheld: readonly StudentConsentColumn[]): Student {
  const out: Student = { ...student, withheld: [...withheld] };
  for (const c of withheld) (out as Record<StudentConsentColumn, unknown>)[c] = null;
  return out;
}

export function maskParent(parent: Parent, withheld: readonly ParentConsentColumn[]): Parent {
  const out: Parent = { ...parent, withheld: [...withheld] };
  for (const c of withheld) (out as Record<ParentConsentColumn, unknown>)[c] = null;
  return out;
}

/** Nulls in the caller's transaction every stored column no valid consent allows any more (withdrawal). */
export async function eraseWithheldStudentColumns(trx: Db, now: Date, schoolId: string, studentId: string, today: string) {
  const withheld = await withheldStudentColumns(trx, schoolId, studentId, today);
  if (withheld.length === 0) return [];
  const patch = Object.fromEntries(withheld.map((c) => [STUDENT_DB[c], null]));
  await updateStudent(trx, schoolId, studentId, { ...patch, updated_at: now.toISOString() });
  return withheld;
}

export async function eraseWithheldParentColumns(trx: Db, now: Date, schoolId: string, parentId: string, today: string) {
  const withheld = await withheldParentColumns(trx, schoolId, parentId, today);
  if (withheld.length === 0) return [];
  const patch = Object.fromEntries(withheld.map((c) => [PARENT_DB[c], null]));
  await updateParent(trx, schoolId, parentId, { ...patch, updated_at: now.toISOString() });
  return withheld;
}
