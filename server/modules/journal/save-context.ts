import { LRUCache } from 'lru-cache';
import type { Actor } from '../../access/actor.js';
import type { Db } from '../../db/connect.js';
import type { Deps } from '../../lib/deps.js';
import { unauthenticated } from '../../lib/errors.js';
import { schoolToday } from '../school/school.service.js';
import { type JournalContext, openJournal } from './journal-context.js';
import { journalFreshness, WHOLE_SCHOOL } from './journal-stamps.js';

/**
 * The journal context of a save, kept per node for a teacher entering a column of grades. A save
 * bumps its item's page stamp, so the page's view would be stale at every save; what a save needs
 * from the context (the item, the reader's rights) changes only with a school-wide change
 * (curriculum, staff, classes, calendar all bump the school's stamp), and the save's own guard
 * re-reads the item's teacher, the roster, the lesson and the lock inside its transaction, while a
 * substitute's right is asked of the database for the lesson (mayWriteLesson). The key names the
 * reader's grants and the school's date. A cached context costs one query, which also checks that
 * the session still exists (the actor may come from the short session cache).
 */
interface Kept {
  ctx: JournalContext;
  stamp: number;
}

const caches = new WeakMap<Db, LRUCache<string, Kept>>();
function cacheOf(db: Db): LRUCache<string, Kept> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new LRUCache<string, Kept>({ max: 20_000 });
    caches.set(db, cache);
  }
  return cache;
}

const WHOLE = [WHOLE_SCHOOL];

export async function openJournalForSave(
  deps: Deps,
  actor: Actor,
  schoolId: string,
  curriculumId: string,
  sessionId: string | null | undefined,
): Promise<JournalContext> {
  if (!sessionId || actor.kind !== 'user') return openJournal(deps, actor, schoolId, curriculumId);
  const today = await schoolToday(deps, schoolId);
  const grants = actor.grants.map((g) => `${g.role}:${g.schoolId ?? ''}:${g.operatorId ?? ''}`).join(',');
  const key = `${actor.userId}|${grants}|${schoolId}|${curriculumId}|${today}`;
  const cache = cacheOf(deps.db);
  // Read BEFORE the context it guards: a change landing in between leaves the kept stamp older.
  const fresh = await journalFreshness(deps.db, schoolId, WHOLE, sessionId);
  if (!fresh.live) throw unauthenticated();
  const kept = cache.get(key);
  if (kept && kept.stamp === fresh.stamp) return { ...kept.ctx, actor };
  const ctx = await openJournal(deps, actor, schoolId, curriculumId);
  cache.set(key, { ctx, stamp: fresh.stamp });
  return ctx;
}
