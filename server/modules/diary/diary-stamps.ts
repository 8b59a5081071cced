import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import { weekStart } from '../timetable/lesson-derivation.js';

/**
 * Invalidation of prepared diary weeks, correct across several app nodes: every write that changes
 * what a diary week shows bumps a counter row in the SAME transaction; a node reuses its prepared
 * week only while the sum of the counters it was built under is unchanged (one indexed read).
 *
 * Scopes: a student (their grades, marks, class/group moves), a class or group (lesson topics,
 * homework, timetable), or '*' the whole school (bells, holidays, names, work types). Weeks: a
 * Monday, or '*' for a change that touches every week (a weekly timetable entry, a move).
 */

export const ALL = '*';

export interface StampKey {
  scopeId: string;
  /** A Monday, or '*'. */
  week: string;
}

/** The stamp key of a scope for the week holding a date (any day of it). */
export function stampOf(scopeId: string, date: string | null | undefined): StampKey {
  return { scopeId, week: date ? weekStart(date) : ALL };
}

/**
 * Bumps the counters of these keys; call it inside the transaction of the write (db is then the
 * transaction). For other modules: the journal, the timetable, school structure and movements.
 */
export async function bumpDiaryStamps(db: Db, schoolId: string, keys: readonly StampKey[]): Promise<void> {
  const unique = new Map<string, StampKey>();
  for (const k of keys) unique.set(`${k.scopeId}|${k.week}`, k);
  for (const k of unique.values()) {
    // INSERT … ON CONFLICT DO UPDATE: the same statement on SQLite (≥ 3.24) and PostgreSQL.
    await db
      .insertInto('diary_stamps')
      .values({ school_id: schoolId, scope_id: k.scopeId, week_start: k.week, version: 1 })
      .onConflict((oc) =>
        oc.columns(['school_id', 'scope_id', 'week_start']).doUpdateSet({ version: sql<number>`diary_stamps.version + 1` }),
      )
      .execute();
  }
}

/** Bumps the whole school's diaries (reference data: bells, holidays, subjects, staff names, work types). */
export async function bumpSchoolDiaries(db: Db, schoolId: string): Promise<void> {
  await bumpDiaryStamps(db, schoolId, [{ scopeId: ALL, week: ALL }]);
}

// Read-only lookups onto the school and timetable tables, to find the scope a write touches.

/** Bumps the weeks (or, with 'all', every week) of the class or group a curriculum item belongs to. */
export async function bumpCurriculumDiaries(
  db: Db,
  schoolId: string,
  curriculumId: string,
  dates: readonly (string | null | undefined)[] | 'all',
): Promise<void> {
  const row = await db
    .selectFrom('curriculum')
    .select(['class_id', 'group_id'])
    .where('school_id', '=', schoolId)
    .where('id', '=', curriculumId)
    .executeTakeFirst();
  const scopeId = row?.group_id ?? row?.class_id;
  if (!scopeId) return;
  const keys = dates === 'all' ? [{ scopeId, week: ALL }] : dates.filter((d): d is string => !!d).map((d) => stampOf(scopeId, d));
  await bumpDiaryStamps(db, schoolId, keys);
}

/** Call before deleting a weekly timetable entry: every week of its class or group changes. */
export async function bumpTimetableEntryDiaries(db: Db, schoolId: string, entryId: string): Promise<void> {
  const row = await db
    .selectFrom('timetable_entries')
    .select('curriculum_id')
    .where('school_id', '=', schoolId)
    .where('id', '=', entryId)
    .executeTakeFirst();
  if (row) await bumpCurriculumDiaries(db, schoolId, row.curriculum_id, 'all');
}

/** Call before deleting a one-off timetable change: its own week and the week it moved a lesson to. */
export async function bumpTimetableChangeDiaries(db: Db, schoolId: string, changeId: string): Promise<void> {
  const row = await db
    .selectFrom('timetable_changes')
    .select(['curriculum_id', 'date', 'moved_to_date'])
    .where('school_id', '=', schoolId)
    .where('id', '=', changeId)
    .executeTakeFirst();
  if (row) await bumpCurriculumDiaries(db, schoolId, row.curriculum_id, [row.date, row.moved_to_date]);
}
