import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import { prepare } from '../../db/prepared.js';

/**
 * Invalidation of prepared journal pages across app nodes, as the diary's stamps: a page is built
 * under the counters of its curriculum item, its class or group (the roster) and the whole school
 * ('*'); every change to any of them bumps its counter in the writer's transaction.
 */
export const WHOLE_SCHOOL = '*';

export async function bumpJournalStamps(db: Db, schoolId: string, scopeIds: readonly string[]): Promise<void> {
  for (const scopeId of new Set(scopeIds)) {
    await db
      .insertInto('journal_stamps')
      .values({ school_id: schoolId, scope_id: scopeId, version: 1 })
      .onConflict((oc) => oc.columns(['school_id', 'scope_id']).doUpdateSet({ version: sql<number>`journal_stamps.version + 1` }))
      .execute();
  }
}

const stampQuery = prepare((db, q: { schoolId: string; scopeIds: readonly string[] }) =>
  db
    .selectFrom('journal_stamps')
    .select(sql<number>`coalesce(sum(version), 0)`.as('stamp'))
    .where('school_id', '=', q.schoolId)
    .where('scope_id', 'in', q.scopeIds),
);

/** The sum of the counters a page is built under (one primary-key range read, outside any open write). */
export async function journalStamp(db: Db, schoolId: string, scopeIds: readonly string[]): Promise<number> {
  const row = await stampQuery.readCommitted(db, { schoolId, scopeIds });
  return Number(row?.stamp ?? 0);
}

const freshnessQuery = prepare((db, q: { schoolId: string; scopeIds: readonly string[]; sessionId: string }) =>
  db.selectNoFrom((eb) => [
    eb
      .selectFrom('journal_stamps')
      .select(sql<number>`coalesce(sum(version), 0)`.as('v'))
      .where('school_id', '=', q.schoolId)
      .where('scope_id', 'in', q.scopeIds)
      .as('stamp'),
    // A read-only look at the auth module's sessions, as the diary's freshness check does: logout,
    // a password change and disabling delete the row, so a cached actor loses the page at once.
    eb.selectFrom('sessions').select(sql<number>`1`.as('one')).where('id', '=', q.sessionId).as('live'),
  ]),
);

/** The stamp of a page's scopes and whether the reader's session still exists, in one round trip. */
export async function journalFreshness(
  db: Db,
  schoolId: string,
  scopeIds: readonly string[],
  sessionId: string,
): Promise<{ stamp: number; live: boolean }> {
  const row = await freshnessQuery.readCommitted(db, { schoolId, scopeIds, sessionId });
  return { stamp: Number(row?.stamp ?? 0), live: row?.live !== null && row?.live !== undefined };
}

/** The scopes a curriculum item's journal page is built under: the item, its class or group, the school. */
export function journalScopesOf(item: { id: string; classId: string | null; groupId: string | null }): string[] {
  return [item.id, ...[item.groupId ?? item.classId].filter((x): x is string => !!x), WHOLE_SCHOOL];
}
