import { createHash } from 'node:crypto';
import type { Actor } from '../../access/actor.js';
import type { Db } from '../../db/connect.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { AppError } from '../../lib/errors.js';

/**
 * Idempotency keys of journal saves (the grid sends an `Idempotency-Key` header with each save and
 * the same key when it retries). The key is claimed in the save's own transaction, so it exists
 * exactly when the save committed: a retry after a lost answer finds it and gets the first save's
 * outcome; two copies racing each other meet at the key's primary key and the loser gets the
 * winner's outcome.
 */
export interface SaveKey {
  actorId: string;
  key: string;
  fingerprint: string;
}

/** Keys are kept two days: far longer than any retry, short enough to stay small. */
const KEEP_MS = 2 * 24 * 3600 * 1000;
const PURGE_EVERY = 1000;
let claimsSincePurge = 0;

export function saveKeyOf(actor: Actor, key: string | undefined, what: string, request: unknown): SaveKey | null {
  if (!key || !actor.userId) return null;
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([what, request]))
    .digest('base64url');
  return { actorId: actor.userId, key, fingerprint };
}

const reusedKey = () => new AppError(422, 'invalid', 'error.journal.idempotencyKeyReused');

/**
 * The save a key already stands for: `{ entityId }` when it was used for this very request,
 * undefined when unused; 422 when it was used for another request.
 */
export async function savedUnder(db: Db, k: SaveKey): Promise<{ entityId: string | null } | undefined> {
  const row = await db
    .selectFrom('journal_saves')
    .select(['fingerprint', 'entity_id'])
    .where('actor_id', '=', k.actorId)
    .where('key', '=', k.key)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.fingerprint !== k.fingerprint) throw reusedKey();
  return { entityId: row.entity_id };
}

/** Claims the key inside the save's transaction (first, so a duplicate stops before writing anything). */
export async function claimSaveKey(trx: Db, k: SaveKey, schoolId: string, entityId: string | null, now: Date): Promise<void> {
  await trx
    .insertInto('journal_saves')
    .values({
      actor_id: k.actorId,
      key: k.key,
      school_id: schoolId,
      fingerprint: k.fingerprint,
      entity_id: entityId,
      created_at: now.toISOString(),
    })
    .execute();
  if (++claimsSincePurge >= PURGE_EVERY) {
    claimsSincePurge = 0;
    await trx
      .deleteFrom('journal_saves')
      .where('created_at', '<', new Date(now.getTime() - KEEP_MS).toISOString())
      .execute();
  }
}

/**
 * After a failed save: when the failure was a copy of this request losing the race for its key,
 * the key's save; otherwise undefined (the caller rethrows).
 */
export async function lostRaceTo(db: Db, k: SaveKey | null, error: unknown): Promise<{ entityId: string | null } | undefined> {
  if (!k || !isUniqueViolation(error)) return undefined;
  return savedUnder(db, k);
}
