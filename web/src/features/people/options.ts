import type { MessageKey } from '@contract/i18n/translate';
import type { Kinship, MovementKind, Sex, StaffRoleValue, StudyForm } from '@contract/schemas/people';
import type { FieldOption } from '../../components/EntityForm';
import type { Translate } from '../../lib/i18n';

// Type-checked copies of the contract's lists (importing the values would pull TypeBox into the bundle).
export const SEXES: readonly Sex[] = ['m', 'f'];
export const STUDY_FORMS: readonly StudyForm[] = ['full_time', 'part_time', 'extramural', 'family', 'home'];
export const KINSHIPS: readonly Kinship[] = ['mother', 'father', 'guardian', 'custodian', 'grandmother', 'grandfather', 'other'];
export const MOVEMENT_KINDS: readonly MovementKind[] = ['enrol', 'transfer', 'leave', 'group_join', 'group_leave'];
export const STAFF_ROLES: readonly StaffRoleValue[] = ['school_admin', 'director', 'deputy', 'secretary', 'teacher'];

const options = (prefix: string, values: readonly string[], t: Translate): FieldOption[] =>
  values.map((value) => ({ value, label: t(`${prefix}.${value}` as MessageKey) }));

export const sexOptions = (t: Translate) => options('people.sex', SEXES, t);
export const movementKindOptions = (t: Translate) => options('people.movementKind', MOVEMENT_KINDS, t);
export const staffRoleOptions = (t: Translate) => options('people.staffRole', STAFF_ROLES, t);
export const studyFormOptions = (t: Translate) => options('people.studyForm', STUDY_FORMS, t);
export const kinshipOptions = (t: Translate) => options('people.kinship', KINSHIPS, t);
