/** A lesson that holds journal content; (curriculum_id, date, lesson_number) is unique. */
export interface LessonsTable {
  id: string;
  school_id: string;
  curriculum_id: string;
  date: string;
  lesson_number: number;
  topic: string | null;
  homework: string | null;
  homework_due_on: string | null;
  control_work_type_id: string | null;
  version: number;
  entered_by: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
}

export interface LessonAttachmentsTable {
  id: string;
  school_id: string;
  lesson_id: string;
  file_name: string;
  content_type: string;
  size: number;
  storage_path: string;
  uploaded_by: string | null;
  uploaded_at: string;
}

export interface GradeScalesTable {
  id: string;
  school_id: string;
  name: string;
  values_json: string;
  created_at: string;
}

export interface JournalSettingsTable {
  school_id: string;
  default_scale: string;
  updated_at: string;
}

/** The grade scale chosen for one curriculum item (migration 007); no row: the school's default. */
export interface CurriculumScalesTable {
  curriculum_id: string;
  school_id: string;
  /** A built-in scale code or a grade_scales id. */
  scale: string;
  updated_by: string | null;
  updated_at: string;
}

export interface WorkTypesTable {
  id: string;
  school_id: string;
  code: string | null;
  name: string;
  weight: number;
  is_control: number;
  ordinal: number;
  created_at: string;
}

export interface GradesTable {
  id: string;
  school_id: string;
  curriculum_id: string;
  lesson_id: string | null;
  student_id: string;
  work_date: string;
  value: string;
  numeric_value: number | null;
  scale: string;
  work_type_id: string;
  comment: string;
  version: number;
  entered_by: string | null;
  entered_at: string;
  updated_by: string | null;
  updated_at: string;
}

export interface AttendanceMarksTable {
  id: string;
  school_id: string;
  curriculum_id: string;
  lesson_id: string;
  student_id: string;
  lesson_date: string;
  mark: string;
  version: number;
  entered_by: string | null;
  entered_at: string;
  updated_by: string | null;
  updated_at: string;
}

export interface PeriodGradesTable {
  id: string;
  school_id: string;
  curriculum_id: string;
  student_id: string;
  kind: string;
  period_key: string;
  value: string;
  version: number;
  entered_by: string | null;
  entered_at: string;
  updated_by: string | null;
  updated_at: string;
}

export interface JournalHistoryTable {
  id: string;
  school_id: string;
  curriculum_id: string;
  entity: string;
  entity_id: string;
  action: string;
  student_id: string | null;
  lesson_id: string | null;
  old_value: string | null;
  new_value: string | null;
  reason: string | null;
  changed_by: string | null;
  changed_at: string;
  /** The row's place in its school's chain, the previous row's hash and its own (migration 015, server/db/hash-chain.ts). */
  chain_seq: number | null;
  prev_hash: string | null;
  hash: string | null;
}

/** Invalidation counter of prepared journal pages (see migration 006-changes). */
export interface JournalStampsTable {
  school_id: string;
  /** A curriculum item, a class or group id, or '*' for the whole school. */
  scope_id: string;
  version: number;
}

/** A journal save's idempotency key and what it created or changed (see migration 009-journal-saves). */
export interface JournalSavesTable {
  actor_id: string;
  key: string;
  school_id: string;
  /** SHA-256 of the request the key was first used for: the same key with another request is refused. */
  fingerprint: string;
  entity_id: string | null;
  created_at: string;
}
