import { type ExpressionBuilder, sql } from 'kysely';
import { familyMayRead } from '../../access/policy.js';
import type { Db } from '../../db/connect.js';
import { prepare } from '../../db/prepared.js';
import type { Database } from '../../db/schema.js';

// The diary is a read model: besides its own tables (diary_stamps, diary_seen,
// diary_calendar_feeds) it reads, never writes, the people, school, timetable and journal tables
// through the read-only joins below. Every query filters by school_id.

export async function studentCard(db: Db, schoolId: string, studentId: string) {
  return db
    .selectFrom('students')
    .select(['id', 'surname', 'name', 'patronymic', 'user_id'])
    .where('school_id', '=', schoolId)
    .where('id', '=', studentId)
    .executeTakeFirst();
}

/** Class memberships of a student overlapping [from, to], with the class's name and grade level. */
export async function classSpans(db: Db, schoolId: string, studentId: string, from: string, to: string) {
  return db
    .selectFrom('class_memberships as m')
    .innerJoin('classes as k', 'k.id', 'm.class_id')
    .select(['m.class_id', 'm.starts_on', 'm.ends_on', 'k.name', 'k.grade_level', 'k.year_id'])
    .where('m.school_id', '=', schoolId)
    .where('m.student_id', '=', studentId)
    .where('m.starts_on', '<=', to)
    .where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>=', from)]))
    .orderBy('m.starts_on')
    .execute();
}

/** Group memberships of a student overlapping [from, to]. */
export async function groupSpans(db: Db, schoolId: string, studentId: string, from: string, to: string) {
  return db
    .selectFrom('group_memberships')
    .select(['group_id', 'starts_on', 'ends_on'])
    .where('school_id', '=', schoolId)
    .where('student_id', '=', studentId)
    .where('starts_on', '<=', to)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', from)]))
    .execute();
}

/** Ids of the curriculum items of these classes (whole-class items) and groups. */
export async function curriculumIdsOf(db: Db, schoolId: string, classIds: readonly string[], groupIds: readonly string[]) {
  if (classIds.length === 0 && groupIds.length === 0) return [];
  const rows = await db
    .selectFrom('curriculum')
    .select('id')
    .where('school_id', '=', schoolId)
    .where((eb) => {
      const any = [];
      if (classIds.length > 0) any.push(eb.and([eb('class_id', 'in', classIds), eb('group_id', 'is', null)]));
      if (groupIds.length > 0) any.push(eb('group_id', 'in', groupIds));
      return eb.or(any);
    })
    .execute();
  return rows.map((r) => r.id);
}

/** Journal records (topic, homework, control work) of these items in [from, to]. */
export async function lessonRows(db: Db, schoolId: string, curriculumIds: readonly string[], from: string, to: string) {
  if (curriculumIds.length === 0) return [];
  return db
    .selectFrom('lessons')
    .select(['id', 'curriculum_id', 'date', 'lesson_number', 'topic', 'homework', 'homework_due_on', 'control_work_type_id'])
    .where('school_id', '=', schoolId)
    .where('curriculum_id', 'in', curriculumIds)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .execute();
}

/** Homework of these items due in [from, to] (set at any earlier lesson). */
export async function homeworkDue(db: Db, schoolId: string, curriculumIds: readonly string[], from: string, to: string) {
  if (curriculumIds.length === 0) return [];
  return db
    .selectFrom('lessons')
    .select(['curriculum_id', 'date', 'homework', 'homework_due_on'])
    .where('school_id', '=', schoolId)
    .where('curriculum_id', 'in', curriculumIds)
    .where('homework_due_on', '>=', from)
    .where('homework_due_on', '<=', to)
    .where('homework', 'is not', null)
    .orderBy('date')
    .execute();
}

export async function attachmentsOf(db: Db, schoolId: string, lessonIds: readonly string[]) {
  if (lessonIds.length === 0) return [];
  return db
    .selectFrom('lesson_attachments')
    .select(['id', 'lesson_id', 'file_name', 'content_type', 'size'])
    .where('school_id', '=', schoolId)
    .where('lesson_id', 'in', lessonIds)
    .orderBy('uploaded_at')
    .execute();
}

export async function findAttachment(db: Db, schoolId: string, id: string) {
  return db
    .selectFrom('lesson_attachments as a')
    .innerJoin('lessons as l', 'l.id', 'a.lesson_id')
    .select(['a.id', 'a.file_name', 'a.content_type', 'a.size', 'a.storage_path', 'l.curriculum_id', 'l.date'])
    .where('a.school_id', '=', schoolId)
    .where('a.id', '=', id)
    .executeTakeFirst();
}

/** A student's grades with work dates in [from, to], with work type and lesson number. */
export async function gradesOfStudent(db: Db, schoolId: string, studentId: string, from: string, to: string) {
  return db
    .selectFrom('grades as g')
    .innerJoin('work_types as w', 'w.id', 'g.work_type_id')
    .leftJoin('lessons as l', 'l.id', 'g.lesson_id')
    .select([
      'g.id',
      'g.curriculum_id',
      'g.lesson_id',
      'g.work_date',
      'g.value',
      'g.numeric_value',
      'g.scale',
      'g.comment',
      'g.entered_at',
      'g.updated_at',
      'l.lesson_number',
      'w.code as work_code',
      'w.name as work_name',
      'w.weight',
      'w.is_control',
    ])
    .where('g.school_id', '=', schoolId)
    .where('g.student_id', '=', studentId)
    .where('g.work_date', '>=', from)
    .where('g.work_date', '<=', to)
    .orderBy('g.work_date')
    .orderBy('g.entered_at')
    .execute();
}
export type GradeFact = Awaited<ReturnType<typeof gradesOfStudent>>[number];

/** A student's attendance marks in [from, to], with their lesson's number. */
export async function attendanceOfStudent(db: Db, schoolId: string, studentId: string, from: string, to: string) {
  return db
    .selectFrom('attendance_marks as a')
    .innerJoin('lessons as l', 'l.id', 'a.lesson_id')
    .select(['a.curriculum_id', 'a.lesson_date', 'a.mark', 'a.updated_at', 'l.lesson_number'])
    .where('a.school_id', '=', schoolId)
    .where('a.student_id', '=', studentId)
    .where('a.lesson_date', '>=', from)
    .where('a.lesson_date', '<=', to)
    .execute();
}

/** Timetable changes of these items touching [from, to] (their own date or the date moved to). */
export async function changesOf(db: Db, schoolId: string, curriculumIds: readonly string[], from: string, to: string) {
  if (curriculumIds.length === 0) return [];
  return db
    .selectFrom('timetable_changes')
    .select(['curriculum_id', 'date', 'lesson_number', 'cancelled', 'room', 'moved_to_date', 'moved_to_lesson_number', 'note'])
    .where('school_id', '=', schoolId)
    .where('curriculum_id', 'in', curriculumIds)
    .where((eb) => eb.or([eb.between('date', from, to), eb.between('moved_to_date', from, to)]))
    .execute();
}

export async function bellsOf(db: Db, schoolId: string) {
  return db.selectFrom('bells').select(['lesson_number', 'starts_at', 'ends_at']).where('school_id', '=', schoolId).execute();
}

export async function holidaysIn(db: Db, schoolId: string, from: string, to: string) {
  return db
    .selectFrom('holidays')
    .select(['year_id', 'name', 'starts_on', 'ends_on'])
    .where('school_id', '=', schoolId)
    .where('starts_on', '<=', to)
    .where('ends_on', '>=', from)
    .execute();
}

export async function staffNames(db: Db, schoolId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('staff')
    .select(['id', 'surname', 'name', 'patronymic'])
    .where('school_id', '=', schoolId)
    .where('id', 'in', ids)
    .execute();
}

export async function workTypesOf(db: Db, schoolId: string) {
  return db.selectFrom('work_types').select(['id', 'code', 'name', 'weight', 'is_control']).where('school_id', '=', schoolId).execute();
}

/** The academic year holding a date, if any. */
export async function yearOn(db: Db, schoolId: string, date: string) {
  return db
    .selectFrom('academic_years')
    .select(['id', 'starts_on', 'ends_on'])
    .where('school_id', '=', schoolId)
    .where('starts_on', '<=', date)
    .where('ends_on', '>=', date)
    .executeTakeFirst();
}

/** The academic year closest to a date (the one holding it, else the latest starting before it, else the first). */
export async function yearNear(db: Db, schoolId: string, date: string) {
  const before = await db
    .selectFrom('academic_years')
    .select(['id', 'starts_on', 'ends_on'])
    .where('school_id', '=', schoolId)
    .where('starts_on', '<=', date)
    .orderBy('starts_on', 'desc')
    .executeTakeFirst();
  if (before) return before;
  return db
    .selectFrom('academic_years')
    .select(['id', 'starts_on', 'ends_on'])
    .where('school_id', '=', schoolId)
    .orderBy('starts_on')
    .executeTakeFirst();
}

/** Study periods of a year that apply to a grade level (all of them when the level is unknown). */
export async function periodsOf(db: Db, schoolId: string, yearId: string, gradeLevel: number | null) {
  let q = db
    .selectFrom('study_periods')
    .select(['id', 'name', 'kind', 'starts_on', 'ends_on'])
    .where('school_id', '=', schoolId)
    .where('year_id', '=', yearId);
  if (gradeLevel !== null) q = q.where('grade_from', '<=', gradeLevel).where('grade_to', '>=', gradeLevel);
  return q.orderBy('starts_on').orderBy('ordinal').execute();
}

export async function findPeriod(db: Db, schoolId: string, id: string) {
  return db
    .selectFrom('study_periods')
    .select(['id', 'name', 'kind', 'year_id', 'starts_on', 'ends_on', 'grade_from', 'grade_to'])
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function periodGradesOfStudent(db: Db, schoolId: string, studentId: string) {
  return db
    .selectFrom('period_grades')
    .select(['curriculum_id', 'kind', 'period_key', 'value'])
    .where('school_id', '=', schoolId)
    .where('student_id', '=', studentId)
    .execute();
}

/** Curriculum items of a year for which a student has any grade (subjects left mid-year still show). */
export async function gradedCurriculumIds(db: Db, schoolId: string, studentId: string, from: string, to: string) {
  const rows = await db
    .selectFrom('grades')
    .select('curriculum_id')
    .distinct()
    .where('school_id', '=', schoolId)
    .where('student_id', '=', studentId)
    .where('work_date', '>=', from)
    .where('work_date', '<=', to)
    .execute();
  return rows.map((r) => r.curriculum_id);
}

type FreshnessArgs = { schoolId: string; scopeIds: readonly string[]; week: string; userId: string; studentId: string; sessionId: string };

function freshnessColumns(eb: ExpressionBuilder<Database, never>, q: FreshnessArgs) {
  return [
    eb
      .selectFrom('diary_stamps')
      .select(sql<number>`coalesce(sum(version), 0)`.as('v'))
      .where('school_id', '=', q.schoolId)
      .where('scope_id', 'in', q.scopeIds)
      .where('week_start', 'in', [q.week, '*'])
      .as('stamp'),
    eb.selectFrom('diary_seen').select('seen_at').where('user_id', '=', q.userId).where('student_id', '=', q.studentId).as('seen'),
    eb.selectFrom('sessions').select(sql<number>`1`.as('one')).where('id', '=', q.sessionId).as('live'),
  ] as const;
}

const freshnessQuery = prepare((db, q: FreshnessArgs) => db.selectNoFrom((eb) => freshnessColumns(eb, q)));

/** The same read with the family access rule folded in (asked of the policy, not restated here). */
const familyFreshnessQuery = prepare((db, q: FreshnessArgs & { onDate: string }) =>
  db.selectNoFrom((eb) => [...freshnessColumns(eb, q), familyMayRead(db, eb, q).as('allowed')]),
);

export interface Freshness {
  stamp: number;
  seenAt: string | null;
  live: boolean;
}

/** What a freshness check asks about; no session for a system reader. */
type FreshnessAsk = Omit<FreshnessArgs, 'sessionId'> & { sessionId: string | null };

function freshnessOf(row: { stamp: number | null; seen: string | null; live: number | null } | undefined): Freshness {
  if (!row) throw new Error('freshness: no row');
  return { stamp: Number(row.stamp ?? 0), seenAt: row.seen ?? null, live: row.live !== null };
}

/**
 * The freshness check of a prepared week, in one round trip: the sum of the stamps of the week's
 * scopes (for this week and for every week), the viewer's seen marker, and whether the viewer's
 * session still exists (read-only look at the auth module's sessions table: logout and password
 * changes delete the row). All three are primary-key reads.
 */
export async function freshness(db: Db, q: FreshnessAsk): Promise<Freshness> {
  return freshnessOf(await freshnessQuery.readCommitted(db, { ...q, sessionId: q.sessionId ?? '' }));
}

/**
 * freshness() for a family reader, which also answers whether the access policy lets this user
 * read the student today (parent with a valid consent, or the student themself): one round trip
 * for a cached week, checked on every request, so a withdrawn consent or a removed link is seen at
 * once on every node.
 */
export async function familyFreshness(db: Db, q: FreshnessAsk & { onDate: string }): Promise<Freshness & { allowed: boolean }> {
  const row = await familyFreshnessQuery.readCommitted(db, { ...q, sessionId: q.sessionId ?? '' });
  // SQLite answers 1/0, PostgreSQL true/false.
  return { ...freshnessOf(row), allowed: row?.allowed === true || Number(row?.allowed) === 1 };
}

export async function seenAt(db: Db, userId: string, studentId: string) {
  const row = await db
    .selectFrom('diary_seen')
    .select('seen_at')
    .where('user_id', '=', userId)
    .where('student_id', '=', studentId)
    .executeTakeFirst();
  return row?.seen_at ?? null;
}

export async function markSeen(db: Db, schoolId: string, userId: string, studentId: string, at: string) {
  await db
    .insertInto('diary_seen')
    .values({ school_id: schoolId, user_id: userId, student_id: studentId, seen_at: at })
    .onConflict((oc) => oc.columns(['user_id', 'student_id']).doUpdateSet({ seen_at: at }))
    .execute();
}

export async function findFeedByHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('diary_calendar_feeds')
    .select(['id', 'school_id', 'user_id', 'student_id', 'created_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function replaceFeed(
  db: Db,
  feed: { id: string; schoolId: string; userId: string; studentId: string; tokenHash: string; createdAt: string },
) {
  await db
    .deleteFrom('diary_calendar_feeds')
    .where('school_id', '=', feed.schoolId)
    .where('user_id', '=', feed.userId)
    .where('student_id', '=', feed.studentId)
    .execute();
  await db
    .insertInto('diary_calendar_feeds')
    .values({
      id: feed.id,
      school_id: feed.schoolId,
      user_id: feed.userId,
      student_id: feed.studentId,
      token_hash: feed.tokenHash,
      created_at: feed.createdAt,
    })
    .execute();
}

/** Deletes every feed of an account; answers the schools they were in. */
export async function deleteFeedsOfUser(db: Db, userId: string): Promise<string[]> {
  const rows = await db.deleteFrom('diary_calendar_feeds').where('user_id', '=', userId).returning('school_id').execute();
  return [...new Set(rows.map((r) => r.school_id))];
}

export async function deleteFeed(db: Db, schoolId: string, userId: string, studentId: string): Promise<number> {
  const result = await db
    .deleteFrom('diary_calendar_feeds')
    .where('school_id', '=', schoolId)
    .where('user_id', '=', userId)
    .where('student_id', '=', studentId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
