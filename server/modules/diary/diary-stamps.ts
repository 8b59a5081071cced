import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import { weekStart } from '../../lib/dates.js';

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
 * Bumps the counters of these keys inside the transaction of a write; called only by the diary's
 * change subscriber (diary.subscriptions.ts), never by a writer.
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
