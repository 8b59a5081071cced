import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import { type ChainReport, linkRows, sealUnchained, verifyChains } from '../../db/hash-chain.js';
import { newId } from '../../lib/ids.js';

export async function findLessonByKey(db: Db, schoolId: string, curriculumId: string, date: string, lessonNumber: number) {
  return db
    .selectFrom('lessons')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('curriculum_id', '=', curriculumId)
    .where('date', '=', date)
    .where('lesson_number', '=', lessonNumber)
    .executeTakeFirst();
}

export async function findLesson(db: Db, schoolId: string, id: string) {
  return db.selectFrom('lessons').selectAll().where('school_id', '=', schoolId).where('id', '=', id).executeTakeFirst();
}
export type LessonRow = NonNullable<Awaited<ReturnType<typeof findLesson>>>;

/** Materialises a lesson on its first journal write; concurrent first writes meet on the unique key. */
export async function ensureLesson(
  db: Db,
  schoolId: string,
  curriculumId: string,
  date: string,
  lessonNumber: number,
  at: string,
  by: string | null,
) {
  await db
    .insertInto('lessons')
    .values({
      id: newId(),
      school_id: schoolId,
      curriculum_id: curriculumId,
      date,
      lesson_number: lessonNumber,
      topic: null,
      homework: null,
      homework_due_on: null,
      control_work_type_id: null,
      version: 0,
      entered_by: by,
      created_at: at,
      updated_by: by,
      updated_at: at,
    })
    .onConflict((oc) => oc.columns(['curriculum_id', 'date', 'lesson_number']).doNothing())
    .execute();
  return (await findLessonByKey(db, schoolId, curriculumId, date, lessonNumber)) as LessonRow;
}

export async function lessonsInRange(db: Db, schoolId: string, curriculumId: string, from: string, to: string) {
  return db
    .selectFrom('lessons as l')
    .select([
      'l.id',
      'l.date',
      'l.lesson_number',
      'l.topic',
      'l.homework',
      'l.homework_due_on',
      'l.control_work_type_id',
      'l.version',
      (eb) =>
        eb
          .selectFrom('lesson_attachments as a')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('a.lesson_id', '=', 'l.id')
          .as('attachment_count'),
    ])
    .where('l.school_id', '=', schoolId)
    .where('l.curriculum_id', '=', curriculumId)
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .execute();
}

export async function attachmentsOf(db: Db, schoolId: string, lessonId: string) {
  return db
    .selectFrom('lesson_attachments')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('lesson_id', '=', lessonId)
    .orderBy('uploaded_at')
    .execute();
}

// Read-only joins onto the people module's membership projections: who is in the class/group when.
export async function rosterSpans(
  db: Db,
  schoolId: string,
  owner: { classId: string | null; groupId: string | null },
  from: string,
  to: string,
): Promise<Array<{ student_id: string; starts_on: string; ends_on: string | null; surname: string; name: string; patronymic: string }>> {
  if (owner.groupId) {
    return db
      .selectFrom('group_memberships as m')
      .innerJoin('students as s', 's.id', 'm.student_id')
      .select(['m.student_id', 'm.starts_on', 'm.ends_on', 's.surname', 's.name', 's.patronymic'])
      .where('m.school_id', '=', schoolId)
      .where('m.group_id', '=', owner.groupId)
      .where('m.starts_on', '<=', to)
      .where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>=', from)]))
      .execute();
  }
  if (!owner.classId) return [];
  return db
    .selectFrom('class_memberships as m')
    .innerJoin('students as s', 's.id', 'm.student_id')
    .select(['m.student_id', 'm.starts_on', 'm.ends_on', 's.surname', 's.name', 's.patronymic'])
    .where('m.school_id', '=', schoolId)
    .where('m.class_id', '=', owner.classId)
    .where('m.starts_on', '<=', to)
    .where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>=', from)]))
    .execute();
}

/** Whether the student belongs to the class/group at some day of [from, to]. */
export async function isOnRoster(
  db: Db,
  schoolId: string,
  owner: { classId: string | null; groupId: string | null },
  studentId: string,
  from: string,
  to: string,
): Promise<boolean> {
  if (owner.groupId) {
    const row = await db
      .selectFrom('group_memberships')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('group_id', '=', owner.groupId)
      .where('student_id', '=', studentId)
      .where('starts_on', '<=', to)
      .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', from)]))
      .executeTakeFirst();
    return row !== undefined;
  }
  if (!owner.classId) return false;
  const row = await db
    .selectFrom('class_memberships')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('class_id', '=', owner.classId)
    .where('student_id', '=', studentId)
    .where('starts_on', '<=', to)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', from)]))
    .executeTakeFirst();
  return row !== undefined;
}

// Read-only on the school module's study periods: which closed period covers a date.
export async function periodsOfYear(db: Db, schoolId: string, yearId: string, gradeLevel: number | null) {
  let q = db
    .selectFrom('study_periods')
    .select(['id', 'name', 'kind', 'ordinal', 'starts_on', 'ends_on', 'closed_at', 'grade_from', 'grade_to'])
    .where('school_id', '=', schoolId)
    .where('year_id', '=', yearId);
  if (gradeLevel !== null) q = q.where('grade_from', '<=', gradeLevel).where('grade_to', '>=', gradeLevel);
  return q.orderBy('starts_on').orderBy('ordinal').execute();
}
export type PeriodRow = Awaited<ReturnType<typeof periodsOfYear>>[number];

/** The academic year's name (read-only, from the school module's table). */
export async function yearName(db: Db, schoolId: string, yearId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('academic_years')
    .select('name')
    .where('school_id', '=', schoolId)
    .where('id', '=', yearId)
    .executeTakeFirst();
  return row?.name;
}

export async function findPeriod(db: Db, schoolId: string, id: string) {
  return db.selectFrom('study_periods').selectAll().where('school_id', '=', schoolId).where('id', '=', id).executeTakeFirst();
}

/** A grade as the journal shows it: its own columns plus its lesson's number. */
function gradeRows(db: Db, schoolId: string) {
  return db
    .selectFrom('grades as g')
    .leftJoin('lessons as l', 'l.id', 'g.lesson_id')
    .select([
      'g.id',
      'g.student_id',
      'g.curriculum_id',
      'g.lesson_id',
      'g.work_date',
      'l.lesson_number',
      'g.value',
      'g.numeric_value',
      'g.scale',
      'g.work_type_id',
      'g.comment',
      'g.version',
      'g.entered_by',
      'g.entered_at',
      'g.updated_at',
    ])
    .where('g.school_id', '=', schoolId);
}

export async function gradesInRange(db: Db, schoolId: string, curriculumId: string, from: string, to: string) {
  return gradeRows(db, schoolId)
    .where('g.curriculum_id', '=', curriculumId)
    .where('g.work_date', '>=', from)
    .where('g.work_date', '<=', to)
    .orderBy('g.work_date')
    .orderBy('g.entered_at')
    .execute();
}
export type GradeRow = Awaited<ReturnType<typeof gradesInRange>>[number];

export async function findGrade(db: Db, schoolId: string, id: string): Promise<GradeRow | undefined> {
  return gradeRows(db, schoolId).where('g.id', '=', id).executeTakeFirst();
}

export async function attendanceInRange(db: Db, schoolId: string, curriculumId: string, from: string, to: string) {
  return db
    .selectFrom('attendance_marks as a')
    .innerJoin('lessons as l', 'l.id', 'a.lesson_id')
    .select([
      'a.id',
      'a.student_id',
      'a.lesson_id',
      'a.lesson_date',
      'l.lesson_number',
      'a.mark',
      'a.version',
      'a.entered_at',
      'a.updated_at',
    ])
    .where('a.school_id', '=', schoolId)
    .where('a.curriculum_id', '=', curriculumId)
    .where('a.lesson_date', '>=', from)
    .where('a.lesson_date', '<=', to)
    .execute();
}
export type AttendanceRow = Awaited<ReturnType<typeof attendanceInRange>>[number];

export async function findAttendance(db: Db, schoolId: string, lessonId: string, studentId: string): Promise<AttendanceRow | undefined> {
  return db
    .selectFrom('attendance_marks as a')
    .innerJoin('lessons as l', 'l.id', 'a.lesson_id')
    .select([
      'a.id',
      'a.student_id',
      'a.lesson_id',
      'a.lesson_date',
      'l.lesson_number',
      'a.mark',
      'a.version',
      'a.entered_at',
      'a.updated_at',
    ])
    .where('a.school_id', '=', schoolId)
    .where('a.lesson_id', '=', lessonId)
    .where('a.student_id', '=', studentId)
    .executeTakeFirst();
}

/** Plain and weighted averages of numeric grades per student, computed in SQL (R3.6). */
export async function averages(db: Db, schoolId: string, curriculumId: string, from: string, to: string) {
  return db
    .selectFrom('grades as g')
    .innerJoin('work_types as w', 'w.id', 'g.work_type_id')
    .select((eb) => [
      'g.student_id',
      eb.fn.count<number>('g.numeric_value').as('count'),
      eb.fn.avg<number>('g.numeric_value').as('plain'),
      sql<number>`sum(${sql.ref('g.numeric_value')} * ${sql.ref('w.weight')}) / sum(${sql.ref('w.weight')})`.as('weighted'),
    ])
    .where('g.school_id', '=', schoolId)
    .where('g.curriculum_id', '=', curriculumId)
    .where('g.work_date', '>=', from)
    .where('g.work_date', '<=', to)
    .where('g.numeric_value', 'is not', null)
    .groupBy('g.student_id')
    .execute();
}

export async function periodGradesOf(db: Db, schoolId: string, curriculumId: string) {
  return db.selectFrom('period_grades').selectAll().where('school_id', '=', schoolId).where('curriculum_id', '=', curriculumId).execute();
}

export async function findPeriodGrade(db: Db, schoolId: string, curriculumId: string, studentId: string, kind: string, periodKey: string) {
  return db
    .selectFrom('period_grades')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('curriculum_id', '=', curriculumId)
    .where('student_id', '=', studentId)
    .where('kind', '=', kind)
    .where('period_key', '=', periodKey)
    .executeTakeFirst();
}
export type PeriodGradeRow = NonNullable<Awaited<ReturnType<typeof findPeriodGrade>>>;

export async function workTypesOf(db: Db, schoolId: string) {
  return db.selectFrom('work_types').selectAll().where('school_id', '=', schoolId).orderBy('ordinal').execute();
}
export type WorkTypeRow = Awaited<ReturnType<typeof workTypesOf>>[number];

export async function customScalesOf(db: Db, schoolId: string) {
  return db.selectFrom('grade_scales').selectAll().where('school_id', '=', schoolId).orderBy('created_at').execute();
}

export async function settingsOf(db: Db, schoolId: string) {
  return db.selectFrom('journal_settings').selectAll().where('school_id', '=', schoolId).executeTakeFirst();
}

export async function planItemsOf(db: Db, schoolId: string, curriculumId: string) {
  return db
    .selectFrom('thematic_plan_items')
    .select(['id', 'ordinal', 'topic', 'hours', 'homework'])
    .where('school_id', '=', schoolId)
    .where('curriculum_id', '=', curriculumId)
    .orderBy('ordinal')
    .execute();
}

export interface HistoryInsert {
  schoolId: string;
  curriculumId: string;
  entity: 'grade' | 'attendance' | 'lesson' | 'period_grade';
  entityId: string;
  action: 'create' | 'update' | 'delete';
  studentId: string | null;
  lessonId: string | null;
  oldValue: Record<string, unknown> | null;
  newValue: Record<string, unknown> | null;
  reason: string | null;
  changedBy: string | null;
  changedAt: string;
}

/** Appends one old → new entry; called inside the write's transaction (R3.4). */
export async function appendHistory(db: Db, h: HistoryInsert): Promise<void> {
  // Appended to the school's hash chain (decision 012): an edit in the database breaks the link.
  const linked = await linkRows(db, 'journal_history', [
    {
      id: newId(),
      school_id: h.schoolId,
      curriculum_id: h.curriculumId,
      entity: h.entity,
      entity_id: h.entityId,
      action: h.action,
      student_id: h.studentId,
      lesson_id: h.lessonId,
      old_value: h.oldValue ? JSON.stringify(h.oldValue) : null,
      new_value: h.newValue ? JSON.stringify(h.newValue) : null,
      reason: h.reason,
      changed_by: h.changedBy,
      changed_at: h.changedAt,
    },
  ]);
  await db.insertInto('journal_history').values(linked).execute();
}

/** Every chain of the grade history checked link by link (`otmetka audit verify`). */
export function verifyHistoryChains(db: Db): Promise<ChainReport[]> {
  return verifyChains(db, 'journal_history');
}

/** Links history rows written in bulk without a link (the demo generator). */
export function sealHistoryRows(db: Db): Promise<number> {
  return sealUnchained(db, 'journal_history', (trx, id, link) =>
    trx.updateTable('journal_history').set(link).where('id', '=', id).execute(),
  );
}

export async function historyOf(
  db: Db,
  schoolId: string,
  curriculumId: string,
  q: { entity?: string; entityId?: string; studentId?: string; lessonId?: string; limit: number },
) {
  let query = db
    .selectFrom('journal_history as h')
    .leftJoin('users as u', 'u.id', 'h.changed_by')
    .select([
      'h.id',
      'h.entity',
      'h.entity_id',
      'h.action',
      'h.student_id',
      'h.lesson_id',
      'h.old_value',
      'h.new_value',
      'h.changed_by',
      'u.display_name',
      'h.changed_at',
      'h.reason',
    ])
    .where('h.school_id', '=', schoolId)
    .where('h.curriculum_id', '=', curriculumId);
  if (q.entity) query = query.where('h.entity', '=', q.entity);
  if (q.entityId) query = query.where('h.entity_id', '=', q.entityId);
  if (q.studentId) query = query.where('h.student_id', '=', q.studentId);
  if (q.lessonId) query = query.where('h.lesson_id', '=', q.lessonId);
  return query.orderBy('h.changed_at', 'desc').orderBy('h.id', 'desc').limit(q.limit).execute();
}
