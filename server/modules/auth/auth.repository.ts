import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';

export function findUserByLogin(db: Db, login: string) {
  return db.selectFrom('users').selectAll().where('login', '=', login.toLowerCase()).executeTakeFirst();
}

export function findUserById(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findSession(db: Db, id: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id', 's.user_id', 's.last_seen_at', 's.expires_at', 's.mfa_at', 'u.locale', 'u.disabled_at', 'u.password_temporary_until'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export function getThrottle(db: Db, key: string) {
  return db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function saveThrottle(
  db: Db,
  row: { key: string; failures: number; window_started_at: string; locked_until: string | null },
): Promise<void> {
  await db
    .insertInto('login_throttle')
    .values(row)
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: row.failures,
        window_started_at: row.window_started_at,
        locked_until: row.locked_until,
      }),
    )
    .execute();
}

export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}

export interface Admission {
  key: string;
  /** Failures after which each further one is delayed; `lockAfter[n]` is the lock after the n-th. */
  lockAfter: ReadonlyArray<string | null>;
  /** The lock once the failures outrun `lockAfter`. */
  lockCap: string;
  now: string;
  /** Failures older than this are forgotten (the key starts again at one). */
  staleBefore: string;
  token: string;
}

/**
 * One statement, the same on both databases: admits an attempt under a throttle key and counts
 * it as a failure unless the key is locked now. A locked key keeps its row (and token) unchanged,
 * so the caller was admitted exactly when the returned token is its own (decision 007).
 */
export async function admitAttempt(db: Db, a: Admission): Promise<{ admitted: boolean; failures: number; lockedUntil: string | null }> {
  const lockFor = (failures: ReturnType<typeof sql<number>>) =>
    sql<string | null>`case ${sql.join(
      a.lockAfter.map((lock, n) => sql`when ${failures} = ${n} then ${lock}`),
      sql` `,
    )} else ${a.lockCap} end`;
  const stale = sql`login_throttle.window_started_at < ${a.staleBefore}`;
  const locked = sql`(login_throttle.locked_until is not null and login_throttle.locked_until > ${a.now})`;
  const row = await db
    .insertInto('login_throttle')
    .values({ key: a.key, failures: 1, window_started_at: a.now, locked_until: a.lockAfter[1] ?? null, attempt_token: a.token })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql<number>`case when ${stale} then 1 when ${locked} then login_throttle.failures else login_throttle.failures + 1 end`,
        locked_until: sql<
          string | null
        >`case when ${stale} then ${a.lockAfter[1] ?? null} when ${locked} then login_throttle.locked_until else ${lockFor(sql<number>`login_throttle.failures + 1`)} end`,
        window_started_at: sql<string>`case when ${locked} and not ${stale} then login_throttle.window_started_at else ${a.now} end`,
        attempt_token: sql<string | null>`case when ${locked} and not ${stale} then login_throttle.attempt_token else ${a.token} end`,
      }),
    )
    .returning(['failures', 'locked_until', 'attempt_token'])
    .executeTakeFirstOrThrow();
  return { admitted: row.attempt_token === a.token, failures: row.failures, lockedUntil: row.locked_until };
}

/** Takes back one admitted attempt that turned out not to be a failure (a right password, or a lock elsewhere). */
export async function refundAttempt(db: Db, key: string, threshold: number): Promise<void> {
  await db
    .updateTable('login_throttle')
    .set({
      failures: sql<number>`case when failures > 0 then failures - 1 else 0 end`,
      locked_until: sql<string | null>`case when failures - 1 < ${threshold} then null else locked_until end`,
    })
    .where('key', '=', key)
    .execute();
}

export async function isKnownAddress(db: Db, userId: string, ip: string, since: string): Promise<boolean> {
  const row = await db
    .selectFrom('login_addresses')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('ip', '=', ip)
    .where('last_success_at', '>=', since)
    .executeTakeFirst();
  return row !== undefined;
}

export async function rememberAddress(db: Db, userId: string, ip: string, now: string): Promise<void> {
  await db
    .insertInto('login_addresses')
    .values({ user_id: userId, ip, last_success_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'ip']).doUpdateSet({ last_success_at: now }))
    .execute();
}

/** Replaces a password hash by one at today's cost, unless it changed meanwhile (issue 12.11). */
export async function replacePasswordHash(db: Db, userId: string, oldHash: string, newHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: newHash }).where('id', '=', userId).where('password_hash', '=', oldHash).execute();
}
