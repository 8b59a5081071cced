import { PARENT_CONSENT_COLUMNS } from '@contract/consent-fields';
import { PARENT_LIMITS, STUDENT_LIMITS } from '@contract/limits';
import type { Parent, Student } from '@contract/schemas/people';
import { type FieldSpec, type FormValues, withLimits } from '../../components/EntityForm';
import type { Translate } from '../../lib/i18n';
import { kinshipOptions, sexOptions, studyFormOptions } from './options';

/**
 * The consent form's fields (seed 002, Приложение 2) as form inputs, grouped as a secretary reads
 * the paper form: who the person is, how to reach them, how they study.
 */
export const studentFields = (t: Translate): FieldSpec[] =>
  withLimits(STUDENT_LIMITS, [
    { group: 'web.people.group.identity', name: 'fileNumber', label: 'people.student.fileNumber', required: true },
    { group: 'web.people.group.identity', name: 'surname', label: 'people.student.surname', required: true },
    { group: 'web.people.group.identity', name: 'name', label: 'people.student.name', required: true },
    { group: 'web.people.group.identity', name: 'patronymic', label: 'people.student.patronymic' },
    { group: 'web.people.group.identity', name: 'birthDate', label: 'people.student.birthDate', type: 'date', required: true },
    {
      group: 'web.people.group.identity',
      name: 'sex',
      label: 'people.student.sex',
      type: 'select',
      required: true,
      options: sexOptions(t),
    },
    {
      group: 'web.people.group.identity',
      name: 'birthCertificate',
      label: 'people.student.birthCertificate',
      nullable: true,
    },
    {
      group: 'web.people.group.contacts',
      name: 'residenceAddress',
      label: 'people.student.residenceAddress',
      type: 'textarea',
      nullable: true,
    },
    {
      group: 'web.people.group.contacts',
      name: 'registrationAddress',
      label: 'people.student.registrationAddress',
      type: 'textarea',
      nullable: true,
    },
    { group: 'web.people.group.contacts', name: 'homePhone', label: 'people.student.homePhone', type: 'tel', nullable: true },
    {
      group: 'web.people.group.contacts',
      name: 'mobilePhone',
      label: 'people.student.mobilePhone',
      type: 'tel',
      nullable: true,
    },
    { group: 'web.people.group.contacts', name: 'email', label: 'people.student.email', type: 'email', nullable: true },
    {
      group: 'web.people.group.study',
      name: 'studyForm',
      label: 'people.student.studyForm',
      type: 'select',
      required: true,
      options: studyFormOptions(t),
    },
    { group: 'web.people.group.study', name: 'studyProgram', label: 'people.student.studyProgram', nullable: true },
    { group: 'web.people.group.study', name: 'foreignLanguage', label: 'people.student.foreignLanguage', nullable: true },
    {
      group: 'web.people.group.study',
      name: 'additionalEducation',
      label: 'people.student.additionalEducation',
      type: 'textarea',
      nullable: true,
    },
    { group: 'web.people.group.study', name: 'hasHomePc', label: 'people.student.hasHomePc', type: 'yesno', nullable: true },
  ]);

const text = (value: string | null | undefined) => value ?? '';
const yesNo = (value: boolean | null) => (value === null ? '' : String(value));

export const studentValues = (s: Student): FormValues => ({
  fileNumber: s.fileNumber,
  surname: s.surname,
  name: s.name,
  patronymic: s.patronymic,
  birthDate: s.birthDate,
  sex: s.sex,
  birthCertificate: text(s.birthCertificate),
  residenceAddress: text(s.residenceAddress),
  registrationAddress: text(s.registrationAddress),
  homePhone: text(s.homePhone),
  mobilePhone: text(s.mobilePhone),
  email: text(s.email),
  studyForm: s.studyForm,
  studyProgram: text(s.studyProgram),
  foreignLanguage: text(s.foreignLanguage),
  additionalEducation: text(s.additionalEducation),
  hasHomePc: yesNo(s.hasHomePc),
});

/** The parent's part of the consent form. */
export const parentFields = (t: Translate): FieldSpec[] =>
  withLimits(PARENT_LIMITS, [
    { group: 'web.people.group.identity', name: 'surname', label: 'people.parent.surname', required: true },
    { group: 'web.people.group.identity', name: 'name', label: 'people.parent.name', required: true },
    { group: 'web.people.group.identity', name: 'patronymic', label: 'people.parent.patronymic' },
    { group: 'web.people.group.identity', name: 'sex', label: 'people.parent.sex', type: 'select', options: sexOptions(t), nullable: true },
    { group: 'web.people.group.identity', name: 'birthDate', label: 'people.parent.birthDate', type: 'date', nullable: true },
    {
      group: 'web.people.group.contacts',
      name: 'residenceAddress',
      label: 'people.parent.residenceAddress',
      type: 'textarea',
      nullable: true,
    },
    { group: 'web.people.group.contacts', name: 'homePhone', label: 'people.parent.homePhone', type: 'tel', nullable: true },
    {
      group: 'web.people.group.contacts',
      name: 'mobilePhone',
      label: 'people.parent.mobilePhone',
      type: 'tel',
      nullable: true,
    },
    { group: 'web.people.group.contacts', name: 'email', label: 'people.parent.email', type: 'email', nullable: true },
    { group: 'web.people.group.work', name: 'workplace', label: 'people.parent.workplace', nullable: true },
    { group: 'web.people.group.work', name: 'position', label: 'people.parent.position', nullable: true },
    { group: 'web.people.group.work', name: 'workPhone', label: 'people.parent.workPhone', type: 'tel', nullable: true },
    {
      group: 'web.people.group.other',
      name: 'schoolHelp',
      label: 'people.parent.schoolHelp',
      type: 'textarea',
      nullable: true,
    },
    {
      group: 'web.people.group.other',
      name: 'extraContact',
      label: 'people.parent.extraContact',
      type: 'textarea',
      nullable: true,
    },
  ]);

export const parentValues = (p: Parent): FormValues => ({
  surname: p.surname,
  name: p.name,
  patronymic: p.patronymic,
  sex: text(p.sex),
  birthDate: text(p.birthDate),
  residenceAddress: text(p.residenceAddress),
  homePhone: text(p.homePhone),
  mobilePhone: text(p.mobilePhone),
  email: text(p.email),
  workplace: text(p.workplace),
  position: text(p.position),
  workPhone: text(p.workPhone),
  schoolHelp: text(p.schoolHelp),
  extraContact: text(p.extraContact),
});

/** The kinship select used when linking a parent and a child. */
export const kinshipField = (t: Translate): FieldSpec => ({
  name: 'kinship',
  label: 'people.parent.kinship',
  type: 'select',
  required: true,
  options: kinshipOptions(t),
});

/**
 * Without the fields no valid consent allows (issue 12.10, decision 013): the server neither keeps
 * nor shows them, so the form does not offer them.
 */
export const consentedFields = (fields: FieldSpec[], withheld: readonly string[]): FieldSpec[] =>
  fields.filter((f) => !withheld.includes(f.name));

/** The parent's optional fields: a new parent has no consent yet, so only the name is asked. */
export const PARENT_CONSENT_FIELD_NAMES: readonly string[] = Object.keys(PARENT_CONSENT_COLUMNS);
