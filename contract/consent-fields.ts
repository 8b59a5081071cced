import type { ChildConsentField, ParentConsentField } from './schemas/service.js';

/**
 * Which field of the consent form (seed 002, Приложение 2) places each optional column of a
 * student's and a parent's record (R1.4, R6.2; decision 013). A column listed here is stored and
 * shown only while a valid consent allows its field; the columns not listed (surname, name,
 * patronymic, birth date, sex, file number and form of study of the child; the parent's name and
 * kinship) are the school's own record of who its pupils and their legal representatives are.
 *
 * The form names one phone of the child («Домашний телефон»): the child's mobile phone is placed
 * under it, never without it.
 */
export const STUDENT_CONSENT_COLUMNS = {
  residenceAddress: 'residenceAddress',
  registrationAddress: 'registrationAddress',
  homePhone: 'homePhone',
  mobilePhone: 'homePhone',
  birthCertificate: 'birthCertificate',
  hasHomePc: 'hasHomePc',
  email: 'email',
  foreignLanguage: 'foreignLanguage',
  additionalEducation: 'additionalEducation',
  studyProgram: 'studyProgram',
} as const satisfies Record<string, ChildConsentField>;
export type StudentConsentColumn = keyof typeof STUDENT_CONSENT_COLUMNS;

export const PARENT_CONSENT_COLUMNS = {
  sex: 'sex',
  birthDate: 'birthDate',
  residenceAddress: 'residenceAddress',
  homePhone: 'homePhone',
  mobilePhone: 'mobilePhone',
  workplace: 'workplace',
  position: 'position',
  workPhone: 'workPhone',
  email: 'email',
  schoolHelp: 'schoolHelp',
  extraContact: 'extraContact',
} as const satisfies Record<string, ParentConsentField>;
export type ParentConsentColumn = keyof typeof PARENT_CONSENT_COLUMNS;

/** The optional columns whose consent field is not among `allowed`: neither stored nor shown. */
export function withheldColumns<C extends string>(columns: Record<C, string>, allowed: ReadonlySet<string>): C[] {
  return (Object.keys(columns) as C[]).filter((c) => !allowed.has(columns[c]));
}
