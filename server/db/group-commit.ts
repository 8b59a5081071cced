import { sql, type Transaction } from 'kysely';
import type { Deps } from '../lib/deps.js';
import { walDurabilityOf } from './connect.js';
import type { Database } from './schema.js';

export type WriteWork<T> = (trx: Transaction<Database>) => Promise<T>;

interface Pending {
  work: WriteWork<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

// Enough to amortise one fsync over many writers, small enough to keep a batch's latency low.
const MAX_BATCH = 256;

/**
 * Group commit for SQLite. Every acknowledged write waits for a disk flush of the log (about
 * 0.3–10 ms here, depending on the other work on the disk), which would cap the school at a few
 * hundred saved grades a second. Writes that arrive while a batch runs are run together in the next
 * transaction, each inside its own SAVEPOINT so that one write's failure (a stale version, a closed
 * period) undoes only that write. A batch's log flush runs on the thread pool (WalFlusher) while the
 * next batch works; every caller is answered only after the flush covering its COMMIT, so an
 * acknowledged write is as durable as with synchronous=FULL.
 */
export class GroupCommitter {
  private queue: Pending[] = [];
  private draining = false;

  constructor(private readonly db: Deps['db']) {}

  run<T>(work: WriteWork<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work: work as WriteWork<unknown>, resolve: resolve as (v: unknown) => void, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
        const durability = walDurabilityOf(this.db);
        try {
          await this.db.transaction().execute(async (trx) => {
            for (const [i, item] of batch.entries()) {
              const savepoint = sql.raw(`w${i}`);
              await sql`SAVEPOINT ${savepoint}`.execute(trx);
              try {
                const value = await item.work(trx);
                await sql`RELEASE ${savepoint}`.execute(trx);
                outcomes.push({ ok: true, value });
              } catch (error) {
                await sql`ROLLBACK TO ${savepoint}`.execute(trx);
                await sql`RELEASE ${savepoint}`.execute(trx);
                outcomes.push({ ok: false, error });
              }
            }
            durability?.deferNextFlush();
          });
        } catch (error) {
          // The COMMIT itself failed: nothing of this batch is stored, so nobody may be told otherwise.
          for (const item of batch) item.reject(error);
          continue;
        }
        // The next batch runs while this one's log is being flushed; its writers hear after the flush.
        const flushed = durability ? durability.takeDeferredFlush() : Promise.resolve();
        flushed.then(
          () => {
            for (const [i, item] of batch.entries()) {
              const outcome = outcomes[i];
              if (outcome?.ok) item.resolve(outcome.value);
              else item.reject(outcome?.error);
            }
          },
          (error: unknown) => {
            // Committed but not known to be on the disk: no writer may be told it is saved.
            for (const item of batch) item.reject(error);
          },
        );
      }
    } finally {
      this.draining = false;
    }
  }
}

const committers = new WeakMap<object, GroupCommitter>();

/**
 * Runs a write in a transaction. On SQLite concurrent writes share one commit (see
 * GroupCommitter); on PostgreSQL each write is its own transaction on its own connection, and the
 * server's WAL already groups the flushes. The work must use only `trx`, never `deps.db`.
 */
export function runWrite<T>(deps: Pick<Deps, 'db' | 'dialect'>, work: WriteWork<T>): Promise<T> {
  if (deps.dialect.kind !== 'sqlite') return deps.db.transaction().execute(work);
  let committer = committers.get(deps.db);
  if (!committer) {
    committer = new GroupCommitter(deps.db);
    committers.set(deps.db, committer);
  }
  return committer.run(work);
}
