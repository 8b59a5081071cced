import { type Db, walDurabilityOf } from '../../db/connect.js';
import { type ChainRow, linkRows } from '../../db/hash-chain.js';
import { AppError } from '../../lib/errors.js';

/**
 * Group commit of audit rows written outside a write's transaction — above all the audit of
 * reads (R7.3). A staff read of personal data is answered only after its row is durable: every
 * caller waits for the COMMIT of the batch its row went into (tried before with a 200 ms timer
 * and kill -9: reads answered in the last 200 ms were never logged). Rows that arrive while a
 * batch commits go together into the next one, so one disk flush (synchronous=FULL) serves many
 * readers, as GroupCommitter does for saves (server/db/group-commit.ts), and on PostgreSQL one
 * chain lock per school serves the batch.
 *
 * A failed batch is retried (RETRY_DELAYS_MS); only when every attempt failed are its readers
 * refused (503 audit_unavailable): an unlogged read is never answered.
 */

/** An audit row before it is linked (audit_log's columns without the chain's). */
export interface AuditRow extends ChainRow {
  id: string;
  school_id: string | null;
  actor_user_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  details: string;
  ip: string;
  at: string;
}

export type BatchWriter = (db: Db, rows: readonly AuditRow[]) => Promise<void>;

const MAX_BATCH = 500;
export const RETRY_DELAYS_MS = [20, 100, 400, 1500] as const;

interface Waiting {
  rows: AuditRow[];
  resolve(): void;
  reject(error: unknown): void;
}

/** Links audit rows into their schools' chains and inserts them, inside the caller's transaction. */
export async function appendAuditRows(trx: Db, rows: readonly AuditRow[]): Promise<void> {
  const linked = await linkRows(trx, 'audit_log', rows);
  // Chunks keep a statement under SQLite's bound-parameter limit.
  for (let i = 0; i < linked.length; i += 200)
    await trx
      .insertInto('audit_log')
      .values(linked.slice(i, i + 200))
      .execute();
}

// On SQLite the batch's COMMIT frees the connection at once; its readers wait for the log flush.
const writeBatch: BatchWriter = async (db, rows) => {
  const durability = walDurabilityOf(db);
  await db.transaction().execute(async (trx) => {
    await appendAuditRows(trx, rows);
    durability?.deferNextFlush();
  });
  if (durability) await durability.takeDeferredFlush();
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ReadAuditCommitter {
  private queue: Waiting[] = [];
  private draining: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly write: BatchWriter = writeBatch,
  ) {}

  /** Resolves once the rows are committed (after retries); rejects with 503 if they could not be. */
  commit(rows: AuditRow[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      if (!this.draining) this.draining = this.drain();
    });
  }

  /** Waits for every queued row (server shutdown). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    // `draining` is cleared in the same step as the last look at the queue (no await between): a
    // row queued after it starts a new drain instead of waiting for one that has ended.
    try {
      while (this.queue.length > 0) {
        const batch: Waiting[] = [];
        let size = 0;
        while (this.queue.length > 0 && (batch.length === 0 || size + (this.queue[0]?.rows.length ?? 0) <= MAX_BATCH)) {
          const next = this.queue.shift() as Waiting;
          batch.push(next);
          size += next.rows.length;
        }
        const rows = batch.flatMap((w) => w.rows);
        let failure: unknown = null;
        for (let attempt = 0; ; attempt++) {
          try {
            await this.write(this.db, rows);
            failure = null;
            break;
          } catch (error) {
            failure = error;
            const delay = RETRY_DELAYS_MS[attempt];
            if (delay === undefined) break;
            // No personal data: the size of the batch and the database's message.
            console.error(
              `audit batch of ${rows.length} failed (attempt ${attempt + 1}), retrying: ${error instanceof Error ? error.message : String(error)}`,
            );
            await sleep(delay);
          }
        }
        if (failure === null) {
          for (const w of batch) w.resolve();
        } else {
          const refused = new AppError(503, 'audit_unavailable', 'error.audit.unavailable');
          for (const w of batch) w.reject(refused);
        }
      }
    } finally {
      this.draining = null;
    }
  }
}

const committers = new WeakMap<Db, ReadAuditCommitter>();

/** The committer of one database (one per process and database). */
export function readAuditCommitterOf(db: Db): ReadAuditCommitter {
  let committer = committers.get(db);
  if (!committer) {
    committer = new ReadAuditCommitter(db);
    committers.set(db, committer);
  }
  return committer;
}
