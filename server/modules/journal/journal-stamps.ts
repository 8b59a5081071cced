import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';

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
