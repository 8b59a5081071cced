export interface StaffTable {
  id: string;
  school_id: string;
  user_id: string | null;
  surname: string;
  name: string;
  patronymic: string;
  position: string;
  email: string | null;
  phone: string | null;
  search_text: string;
  created_at: string;
  left_on: string | null;
}

/** Fields of the child's column of the consent form (seed 002, Приложение 2). */
export interface StudentsTable {
  id: string;
  school_id: string;
  user_id: string | null;
  file_number: string;
  surname: string;
  name: string;
  patronymic: string;
  birth_date: string;
  sex: string;
  residence_address: string | null;
  registration_address: string | null;
  home_phone: string | null;
  mobile_phone: string | null;
  birth_certificate: string | null;
  has_home_pc: number | null;
  email: string | null;
  foreign_language: string | null;
  additional_education: string | null;
  study_form: string;
  /** Added in migration 003 (consent form: «Программа обучения»). */
  study_program: string | null;
  search_text: string;
  created_at: string;
  updated_at: string;
}

/** Fields of the parent's column of the consent form (seed 002, Приложение 2). */
export interface ParentsTable {
  id: string;
  school_id: string;
  user_id: string | null;
  surname: string;
  name: string;
  patronymic: string;
  sex: string | null;
  birth_date: string | null;
  residence_address: string | null;
  home_phone: string | null;
  mobile_phone: string | null;
  workplace: string | null;
  position: string | null;
  work_phone: string | null;
  email: string | null;
  school_help: string | null;
  extra_contact: string | null;
  search_text: string;
  created_at: string;
  updated_at: string;
}

export interface StudentParentsTable {
  school_id: string;
  student_id: string;
  parent_id: string;
  kinship: string;
}

export interface StudentMovementsTable {
  id: string;
  school_id: string;
  student_id: string;
  kind: string;
  on_date: string;
  class_id: string | null;
  group_id: string | null;
  order_number: string;
  order_date: string;
  reason: string;
  created_by: string;
  created_at: string;
}

export interface ClassMembershipsTable {
  id: string;
  school_id: string;
  student_id: string;
  class_id: string;
  starts_on: string;
  ends_on: string | null;
}

export interface GroupMembershipsTable {
  id: string;
  school_id: string;
  student_id: string;
  group_id: string;
  starts_on: string;
  ends_on: string | null;
}
