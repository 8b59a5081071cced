export interface TimetableEntriesTable {
  id: string;
  school_id: string;
  curriculum_id: string;
  weekday: number;
  lesson_number: number;
  room: string;
  valid_from: string;
  valid_to: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface TimetableChangesTable {
  id: string;
  school_id: string;
  curriculum_id: string;
  date: string;
  lesson_number: number;
  cancelled: number;
  substitute_teacher_id: string | null;
  room: string | null;
  moved_to_date: string | null;
  moved_to_lesson_number: number | null;
  note: string;
  created_by: string | null;
  created_at: string;
}

export interface ThematicPlanItemsTable {
  id: string;
  school_id: string;
  curriculum_id: string;
  ordinal: number;
  topic: string;
  hours: number;
  homework: string | null;
  created_at: string;
}
