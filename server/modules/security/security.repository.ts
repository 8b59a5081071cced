import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';

/**
 * Adds `n` to a user's counter of a window and answers the new total, in one statement: two app
 * nodes (or two requests of one) never both read the same count (decision 013, as decision 007's
 * login throttle).
 */
export async function addReads(db: Db, userId: string, kind: string, windowStart: string, n: number): Promise<number> {
  const row = await db
    .insertInto('read_budget_counters')
    .values({ user_id: userId, window_kind: kind, window_start: windowStart, reads: n })
    .onConflict((oc) =>
      oc.columns(['user_id', 'window_kind', 'window_start']).doUpdateSet({ reads: sql<number>`read_budget_counters.reads + ${n}` }),
    )
    .returning('reads')
    .executeTakeFirstOrThrow();
  return Number(row.reads);
}

/** Forgets a user's counters of windows that started before `before` (the table stays small). */
export async function pruneCounters(db: Db, userId: string, before: string): Promise<void> {
  await db.deleteFrom('read_budget_counters').where('user_id', '=', userId).where('window_start', '<', before).execute();
}

/** Records the alert unless this window already has one; whether this call recorded it. */
export async function insertAlert(
  db: Db,
  row: {
    id: string;
    school_id: string;
    user_id: string;
    window_kind: string;
    window_start: string;
    reads: number;
    budget: number;
    created_at: string;
  },
): Promise<boolean> {
  const res = await db
    .insertInto('read_budget_alerts')
    .values({ ...row, seen_at: null, seen_by: null })
    .onConflict((oc) => oc.columns(['school_id', 'user_id', 'window_kind', 'window_start']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** A school's alerts, newest first, with the account's name (read-only join onto the auth module's users). */
export function listAlerts(db: Db, schoolId: string, limit: number) {
  return db
    .selectFrom('read_budget_alerts as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.id', 'a.user_id', 'a.window_kind', 'a.window_start', 'a.reads', 'a.budget', 'a.created_at', 'u.display_name', 'u.login'])
    .where('a.school_id', '=', schoolId)
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
}
