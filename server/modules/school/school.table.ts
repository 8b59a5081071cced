import type { Generated } from 'kysely';

export interface OperatorsTable {
  id: string;
  name: string;
  created_at: string;
}

export interface SchoolsTable {
  id: string;
  operator_id: string | null;
  name: string;
  short_name: string;
  address: string;
  director_name: string;
  timezone: string;
  /** 5 or 6 (migration 002); Sunday is never a school day. */
  working_days_per_week: Generated<number>;
  is_demo: number;
  created_at: string;
}

export interface AcademicYearsTable {
  id: string;
  school_id: string;
  name: string;
  starts_on: string;
  ends_on: string;
}

export interface StudyPeriodsTable {
  id: string;
  school_id: string;
  year_id: string;
  kind: string;
  ordinal: number;
  name: string;
  grade_from: number;
  grade_to: number;
  starts_on: string;
  ends_on: string;
  closed_at: string | null;
  closed_by: string | null;
}

export interface HolidaysTable {
  id: string;
  school_id: string;
  year_id: string;
  kind: string;
  name: string;
  starts_on: string;
  ends_on: string;
}

export interface BellsTable {
  id: string;
  school_id: string;
  lesson_number: number;
  starts_at: string;
  ends_at: string;
}

export interface ClassesTable {
  id: string;
  school_id: string;
  year_id: string;
  grade_level: number;
  letter: string;
  name: string;
  class_teacher_id: string | null;
}

export interface StudyGroupsTable {
  id: string;
  school_id: string;
  year_id: string;
  class_id: string | null;
  name: string;
}

export interface SubjectsTable {
  id: string;
  school_id: string;
  name: string;
  short_name: string;
}

export interface CurriculumTable {
  id: string;
  school_id: string;
  year_id: string;
  subject_id: string;
  teacher_id: string;
  class_id: string | null;
  group_id: string | null;
  hours_per_week: number;
}
