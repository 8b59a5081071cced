import type {
  Kinship,
  Movement,
  Parent,
  RosterEntry,
  Sex,
  StaffMember,
  StaffRoleValue,
  Student,
  StudentListItem,
  StudyForm,
} from '../../../contract/schemas/people.js';
import type { MovementListRow } from './movements.repository.js';
import type { ParentRow } from './parents.repository.js';
import type { StaffRow } from './staff.repository.js';
import type { ClassOnDate, LinkedParentRow, StudentListRow, StudentRow } from './students.repository.js';

/** Row → API shapes. camelCase out, integers 0/1 back to booleans. */

export function presentStudentListItem(r: StudentListRow): StudentListItem {
  return {
    id: r.id,
    fileNumber: r.file_number,
    surname: r.surname,
    name: r.name,
    patronymic: r.patronymic,
    class: r.class_id && r.class_name ? { id: r.class_id, name: r.class_name } : null,
  };
}

export function presentStudent(r: StudentRow, klass: ClassOnDate | null, parents: LinkedParentRow[]): Student {
  return {
    id: r.id,
    schoolId: r.school_id,
    fileNumber: r.file_number,
    surname: r.surname,
    name: r.name,
    patronymic: r.patronymic,
    birthDate: r.birth_date,
    sex: r.sex as Sex,
    residenceAddress: r.residence_address,
    registrationAddress: r.registration_address,
    homePhone: r.home_phone,
    mobilePhone: r.mobile_phone,
    birthCertificate: r.birth_certificate,
    hasHomePc: r.has_home_pc === null ? null : r.has_home_pc === 1,
    email: r.email,
    foreignLanguage: r.foreign_language,
    additionalEducation: r.additional_education,
    studyForm: r.study_form as StudyForm,
    studyProgram: r.study_program ?? null,
    hasAccount: r.user_id !== null,
    class: klass,
    parents: parents.map((p) => ({
      parentId: p.parent_id,
      surname: p.surname,
      name: p.name,
      patronymic: p.patronymic,
      kinship: p.kinship as Kinship,
    })),
    withheld: [],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function presentParent(
  r: ParentRow,
  children: Array<{ student_id: string; surname: string; name: string; patronymic: string; kinship: string }>,
): Parent {
  return {
    id: r.id,
    schoolId: r.school_id,
    surname: r.surname,
    name: r.name,
    patronymic: r.patronymic,
    sex: r.sex as Sex | null,
    birthDate: r.birth_date,
    residenceAddress: r.residence_address,
    homePhone: r.home_phone,
    mobilePhone: r.mobile_phone,
    workplace: r.workplace,
    position: r.position,
    workPhone: r.work_phone,
    email: r.email,
    schoolHelp: r.school_help,
    extraContact: r.extra_contact,
    hasAccount: r.user_id !== null,
    children: children.map((c) => ({
      studentId: c.student_id,
      surname: c.surname,
      name: c.name,
      patronymic: c.patronymic,
      kinship: c.kinship as Kinship,
    })),
    withheld: [],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function presentStaff(r: StaffRow, login: string | null, roles: string[], accountDisabled = false): StaffMember {
  return {
    id: r.id,
    schoolId: r.school_id,
    surname: r.surname,
    name: r.name,
    patronymic: r.patronymic,
    position: r.position,
    email: r.email,
    phone: r.phone,
    leftOn: r.left_on,
    hasAccount: r.user_id !== null,
    login,
    accountDisabled,
    roles: roles as StaffRoleValue[],
    createdAt: r.created_at,
  };
}

export function presentMovement(r: MovementListRow): Movement {
  return {
    id: r.id,
    studentId: r.student_id,
    student: { surname: r.surname, name: r.name, patronymic: r.patronymic },
    kind: r.kind as Movement['kind'],
    onDate: r.on_date,
    class: r.class_id && r.class_name ? { id: r.class_id, name: r.class_name } : null,
    group: r.group_id && r.group_name ? { id: r.group_id, name: r.group_name } : null,
    orderNumber: r.order_number,
    orderDate: r.order_date,
    reason: r.reason,
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
  };
}

export function presentRosterEntry(r: {
  id: string;
  file_number: string;
  surname: string;
  name: string;
  patronymic: string;
  starts_on: string;
  ends_on: string | null;
}): RosterEntry {
  return {
    studentId: r.id,
    fileNumber: r.file_number,
    surname: r.surname,
    name: r.name,
    patronymic: r.patronymic,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
  };
}
