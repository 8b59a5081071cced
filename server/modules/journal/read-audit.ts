import type { Actor } from '../../access/actor.js';
import type { Db } from '../../db/connect.js';
import { type AuditEntry, recordAudit } from '../audit/audit.service.js';

/**
 * Read-audit entries of journal pages, written in batches. A read must be logged (R7.3), but a
 * commit per page view would cost one disk flush per read (synchronous=FULL) and cap page loads at
 * the disk's flush rate; batching writes many reads with one flush. At most FLUSH_MS of reads can
 * be lost on a crash; writes are never batched (their audit rides in their own transaction).
 */
const FLUSH_MS = 200;
const MAX_BATCH = 500;

interface Pending {
  entries: Array<{ actor: Actor; at: Date; entry: AuditEntry }>;
  timer: NodeJS.Timeout | null;
  flushing: Promise<void> | null;
}

const pendingByDb = new WeakMap<Db, Pending>();

function pendingOf(db: Db): Pending {
  let p = pendingByDb.get(db);
  if (!p) {
    p = { entries: [], timer: null, flushing: null };
    pendingByDb.set(db, p);
  }
  return p;
}

/** Queues one read entry; it reaches audit_log within FLUSH_MS (or at shutdown). */
export function queueReadAudit(db: Db, actor: Actor, at: Date, entry: AuditEntry): void {
  const p = pendingOf(db);
  p.entries.push({ actor, at, entry });
  if (p.entries.length >= MAX_BATCH) {
    void flushReadAudits(db);
    return;
  }
  if (!p.timer) {
    p.timer = setTimeout(() => void flushReadAudits(db), FLUSH_MS);
    p.timer.unref();
  }
}

/** Writes every queued read entry in one transaction; called by the timer and on shutdown. */
export async function flushReadAudits(db: Db): Promise<void> {
  const p = pendingOf(db);
  if (p.timer) {
    clearTimeout(p.timer);
    p.timer = null;
  }
  if (p.flushing) await p.flushing;
  const batch = p.entries.splice(0, p.entries.length);
  if (batch.length === 0) return;
  p.flushing = db
    .transaction()
    .execute(async (trx) => {
      for (const e of batch) await recordAudit(trx, e.actor, e.at, e.entry);
    })
    .catch((error: unknown) => {
      // No personal data here: only that a batch failed and its size.
      console.error(`read-audit batch of ${batch.length} failed: ${error instanceof Error ? error.message : String(error)}`);
    })
    .finally(() => {
      p.flushing = null;
    });
  await p.flushing;
}
