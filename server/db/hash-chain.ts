import { createHash } from 'node:crypto';
import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Hash chains over append-only tables (issue 12.9, decision 012): the audit log and the journal's
 * grade history. Each row stores its place in its chain (`chain_seq`, 1, 2, 3 … per school), the
 * hash of the row before it (`prev_hash`) and its own `hash`, a SHA-256 of the previous hash and
 * the row's canonical content. An insider who edits, inserts or deletes a row in the middle
 * breaks the link at that row; `otmetka audit verify` names the first broken link.
 *
 * The canonical form (CHAIN_FORMAT, the field lists below) is frozen like a migration: changing it
 * would make every stored hash unverifiable. A new form needs a new format name.
 */
export const CHAIN_FORMAT = 'otmetka-chain-v1';

/** The chained tables and the fields of each that the hash covers, in order. */
export const CHAINED = {
  audit_log: ['id', 'school_id', 'actor_user_id', 'action', 'entity', 'entity_id', 'details', 'ip', 'at'],
  journal_history: [
    'id',
    'school_id',
    'curriculum_id',
    'entity',
    'entity_id',
    'action',
    'student_id',
    'lesson_id',
    'old_value',
    'new_value',
    'reason',
    'changed_by',
    'changed_at',
  ],
} as const;
export type ChainedTable = keyof typeof CHAINED;

/** The columns of a row the hash covers (all text or null on both databases). */
export type ChainRow = Record<string, string | null>;

/** The link fields a chained row carries. */
export interface ChainLink {
  chain_seq: number;
  prev_hash: string | null;
  hash: string;
}

/** The hash of one row: its table, place, the previous row's hash and its content. */
export function chainHash(table: ChainedTable, seq: number, prevHash: string | null, row: ChainRow): string {
  const content = CHAINED[table].map((f) => row[f] ?? null);
  return createHash('sha256')
    .update(JSON.stringify([CHAIN_FORMAT, table, seq, prevHash, ...content]))
    .digest('hex');
}

// biome-ignore lint/suspicious/noExplicitAny: the chained tables are named at run time; callers pass their own typed Kysely.
type AnyDb = Kysely<any>;

const isPostgres = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Serialises appends to one school's chains until the transaction ends. PostgreSQL: a
 * transaction-level advisory lock on the school, shared by both tables so that a write touching
 * both (a grade: history, then audit) takes one lock and two writers cannot deadlock on them.
 * SQLite: one writer at a time already (Kysely serialises the connection; another process's
 * write makes our deferred transaction fail with SQLITE_BUSY rather than fork the chain).
 */
export async function lockChain(trx: AnyDb, schoolId: string | null): Promise<void> {
  if (!isPostgres(trx)) return;
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`otmetka-chain:${schoolId ?? '-'}`}, 0))`.execute(trx);
}

async function headOf(trx: AnyDb, table: ChainedTable, schoolId: string | null): Promise<{ seq: number; hash: string | null }> {
  let q = trx.selectFrom(table).select(['chain_seq', 'hash']).where('chain_seq', 'is not', null).orderBy('chain_seq', 'desc').limit(1);
  q = schoolId === null ? q.where('school_id', 'is', null) : q.where('school_id', '=', schoolId);
  const row = (await q.executeTakeFirst()) as { chain_seq: number; hash: string } | undefined;
  return row ? { seq: Number(row.chain_seq), hash: row.hash } : { seq: 0, hash: null };
}

/**
 * Gives rows their places in their schools' chains; the table's owner inserts what this returns
 * (server/db writes no module's table). Must run inside the transaction that inserts them: the
 * lock and the head read hold until it commits. Rows keep their given order.
 */
export async function linkRows<R extends ChainRow>(trx: AnyDb, table: ChainedTable, rows: readonly R[]): Promise<Array<R & ChainLink>> {
  if (rows.length === 0) return [];
  if (!trx.isTransaction) throw new Error(`linkRows(${table}) needs a transaction`);
  const bySchool = new Map<string | null, R[]>();
  for (const row of rows) {
    const school = row.school_id ?? null;
    const list = bySchool.get(school) ?? [];
    list.push(row);
    bySchool.set(school, list);
  }
  // Locks in a fixed order, so two batches touching the same schools cannot deadlock.
  const schools = [...bySchool.keys()].sort((a, b) => (a ?? '').localeCompare(b ?? ''));
  const linked: Array<R & ChainLink> = [];
  for (const school of schools) {
    await lockChain(trx, school);
    let { seq, hash } = await headOf(trx, table, school);
    for (const row of bySchool.get(school) ?? []) {
      seq += 1;
      const own = chainHash(table, seq, hash, row);
      linked.push({ ...row, chain_seq: seq, prev_hash: hash, hash: own });
      hash = own;
    }
  }
  return linked;
}

/**
 * Links the rows that were written without a link (the rows before migration 015, the demo
 * generator's bulk rows), in the order they were written, at the end of their chains; `write`
 * (the table's owner) stores each row's link.
 */
export async function sealUnchained(
  db: AnyDb,
  table: ChainedTable,
  write: (trx: AnyDb, id: string, link: ChainLink) => Promise<unknown>,
): Promise<number> {
  const timeColumn = table === 'audit_log' ? 'at' : 'changed_at';
  const run = async (trx: AnyDb) => {
    const schools = (await trx.selectFrom(table).select('school_id').distinct().where('chain_seq', 'is', null).execute()) as Array<{
      school_id: string | null;
    }>;
    let sealed = 0;
    for (const { school_id: school } of schools) {
      await lockChain(trx, school);
      let { seq, hash } = await headOf(trx, table, school);
      let q = trx
        .selectFrom(table)
        .select([...CHAINED[table]])
        .where('chain_seq', 'is', null)
        .orderBy(timeColumn)
        .orderBy('id');
      q = school === null ? q.where('school_id', 'is', null) : q.where('school_id', '=', school);
      const rows = (await q.execute()) as ChainRow[];
      for (const row of rows) {
        seq += 1;
        const own = chainHash(table, seq, hash, row);
        await write(trx, String(row.id), { chain_seq: seq, prev_hash: hash, hash: own });
        hash = own;
        sealed += 1;
      }
    }
    return sealed;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/** The first broken link of a chain, or where each chain ends. */
export interface ChainReport {
  table: ChainedTable;
  schoolId: string | null;
  rows: number;
  /** The last good link: what an operator writes down to notice a cut tail later. */
  head: { seq: number; hash: string | null };
  broken: null | { seq: number | null; id: string; problem: 'unlinked' | 'missing_before' | 'prev_hash' | 'hash' };
}

/** Walks every chain of a table in order and reports the first broken link of each. */
export async function verifyChains(db: AnyDb, table: ChainedTable): Promise<ChainReport[]> {
  const reports: ChainReport[] = [];
  const schools = (await db.selectFrom(table).select('school_id').distinct().execute()) as Array<{ school_id: string | null }>;
  schools.sort((a, b) => (a.school_id ?? '').localeCompare(b.school_id ?? ''));
  for (const { school_id: school } of schools) {
    const report: ChainReport = { table, schoolId: school, rows: 0, head: { seq: 0, hash: null }, broken: null };
    reports.push(report);
    const scoped = () => {
      const q = db.selectFrom(table);
      return school === null ? q.where('school_id', 'is', null) : q.where('school_id', '=', school);
    };
    const unlinked = (await scoped().select('id').where('chain_seq', 'is', null).orderBy('id').limit(1).executeTakeFirst()) as
      | { id: string }
      | undefined;
    let expected = 1;
    let prev: string | null = null;
    let after = 0;
    for (;;) {
      const page = (await scoped()
        .select([...CHAINED[table], 'chain_seq', 'prev_hash', 'hash'])
        .where('chain_seq', '>', after)
        .orderBy('chain_seq')
        .limit(2000)
        .execute()) as Array<ChainRow & ChainLink>;
      if (page.length === 0) break;
      for (const row of page) {
        const seq = Number(row.chain_seq);
        report.rows += 1;
        if (report.broken) continue;
        if (seq !== expected) report.broken = { seq, id: String(row.id), problem: 'missing_before' };
        else if (row.prev_hash !== prev) report.broken = { seq, id: String(row.id), problem: 'prev_hash' };
        else if (chainHash(table, seq, prev, row) !== row.hash) report.broken = { seq, id: String(row.id), problem: 'hash' };
        else report.head = { seq, hash: row.hash };
        expected = seq + 1;
        prev = row.hash;
      }
      after = Number(page[page.length - 1]?.chain_seq);
    }
    if (!report.broken && unlinked) report.broken = { seq: null, id: unlinked.id, problem: 'unlinked' };
  }
  return reports;
}
