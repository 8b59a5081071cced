import type { Db } from '../../db/connect.js';

// Read-only queries over the journal's, school's and people's tables (decision 015 §5): the
// indicators read one school's grades, marks, lessons and period grades in one pass each, where a
// call per item through the owners' services would read the same rows many times. Nothing here
// writes; every query filters by school_id.

/** Curriculum item ids of an academic year. */
export async function curriculumIdsOfYear(db: Db, schoolId: string, yearId: string): Promise<string[]> {
  const rows = await db.selectFrom('curriculum').select('id').where('school_id', '=', schoolId).where('year_id', '=', yearId).execute();
  return rows.map((r) => r.id);
}

export interface GradeFact {
  curriculum_id: string;
  student_id: string;
  work_date: string;
  value: string;
  numeric_value: number | null;
  scale: string;
  entered_at: string;
}

/** Current grades whose work date lies in [from, to]. */
export function gradesBetween(db: Db, schoolId: string, from: string, to: string): Promise<GradeFact[]> {
  return db
    .selectFrom('grades')
    .select(['curriculum_id', 'student_id', 'work_date', 'value', 'numeric_value', 'scale', 'entered_at'])
    .where('school_id', '=', schoolId)
    .where('work_date', '>=', from)
    .where('work_date', '<=', to)
    .execute();
}

export interface MarkFact {
  curriculum_id: string;
  student_id: string;
  lesson_date: string;
  mark: string;
  entered_at: string;
}

/** Attendance marks of lessons in [from, to]. */
export function marksBetween(db: Db, schoolId: string, from: string, to: string): Promise<MarkFact[]> {
  return db
    .selectFrom('attendance_marks')
    .select(['curriculum_id', 'student_id', 'lesson_date', 'mark', 'entered_at'])
    .where('school_id', '=', schoolId)
    .where('lesson_date', '>=', from)
    .where('lesson_date', '<=', to)
    .execute();
}

export interface LessonFact {
  id: string;
  curriculum_id: string;
  date: string;
  lesson_number: number;
  topic: string | null;
  homework: string | null;
  homework_due_on: string | null;
}

/** Lesson records in [from, to]. */
export function lessonsBetween(db: Db, schoolId: string, from: string, to: string): Promise<LessonFact[]> {
  return db
    .selectFrom('lessons')
    .select(['id', 'curriculum_id', 'date', 'lesson_number', 'topic', 'homework', 'homework_due_on'])
    .where('school_id', '=', schoolId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .execute();
}

export interface LessonHistoryFact {
  entity_id: string;
  changed_at: string;
  new_value: string | null;
}

/** History of lesson records of lessons in [from, to], oldest first (homework's first posting). */
export function lessonHistoryBetween(db: Db, schoolId: string, from: string, to: string): Promise<LessonHistoryFact[]> {
  return db
    .selectFrom('journal_history as h')
    .innerJoin('lessons as l', 'l.id', 'h.entity_id')
    .select(['h.entity_id', 'h.changed_at', 'h.new_value'])
    .where('h.school_id', '=', schoolId)
    .where('h.entity', '=', 'lesson')
    .where('l.school_id', '=', schoolId)
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .orderBy('h.changed_at')
    .execute();
}

export interface PeriodGradeFact {
  curriculum_id: string;
  student_id: string;
  kind: string;
  period_key: string;
  value: string;
  entered_at: string;
}

/** Period (or year) grades of the given periods; '' is the year's key. */
export async function periodGradesOf(db: Db, schoolId: string, kind: string, periodKeys: readonly string[]): Promise<PeriodGradeFact[]> {
  if (periodKeys.length === 0) return [];
  return db
    .selectFrom('period_grades')
    .select(['curriculum_id', 'student_id', 'kind', 'period_key', 'value', 'entered_at'])
    .where('school_id', '=', schoolId)
    .where('kind', '=', kind)
    .where('period_key', 'in', periodKeys)
    .execute();
}

/**
 * Who is in each class and group on a date (the people module's memberships, as its roster reads
 * them: started on or before, not ended before): owner id → student ids. One query per table for
 * the whole school instead of one roster per item.
 */
export async function membersOn(db: Db, schoolId: string, date: string): Promise<Map<string, string[]>> {
  const [classes, groups] = await Promise.all([
    db
      .selectFrom('class_memberships')
      .select(['class_id as owner', 'student_id'])
      .where('school_id', '=', schoolId)
      .where('starts_on', '<=', date)
      .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', date)]))
      .execute(),
    db
      .selectFrom('group_memberships')
      .select(['group_id as owner', 'student_id'])
      .where('school_id', '=', schoolId)
      .where('starts_on', '<=', date)
      .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', date)]))
      .execute(),
  ]);
  const out = new Map<string, string[]>();
  for (const m of [...classes, ...groups]) out.set(m.owner, [...(out.get(m.owner) ?? []), m.student_id]);
  return out;
}

export interface StudentNameFact {
  id: string;
  surname: string;
  name: string;
  patronymic: string;
}

/** Names of these students (the list of students with «2» or «н/а»). */
export async function studentNames(db: Db, schoolId: string, ids: readonly string[]): Promise<StudentNameFact[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('students')
    .select(['id', 'surname', 'name', 'patronymic'])
    .where('school_id', '=', schoolId)
    .where('id', 'in', ids)
    .execute();
}

/** Class names of the school by id (a group's item is counted under its class). */
export async function classNames(db: Db, schoolId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('classes').select(['id', 'name']).where('school_id', '=', schoolId).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
