import type { Kysely } from 'kysely';
import { sealUnchained } from '../hash-chain.js';

// Frozen in time: never edit a migration that has shipped; add a new one.
// A tamper-evident audit log and grade history (issue 12 item 9, decision 012): each row of
// audit_log and journal_history takes its place in its school's chain (chain_seq 1, 2, 3 …), the
// hash of the row before it and its own hash over its content (server/db/hash-chain.ts, whose
// canonical form is frozen with this migration). Rows written before this migration are linked
// here, in the order they were written.

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit_log', 'journal_history'] as const) {
    await db.schema.alterTable(table).addColumn('chain_seq', 'integer').execute();
    await db.schema.alterTable(table).addColumn('prev_hash', 'text').execute();
    await db.schema.alterTable(table).addColumn('hash', 'text').execute();
    await db.schema.createIndex(`${table}_chain`).on(table).columns(['school_id', 'chain_seq']).unique().execute();
    await sealUnchained(db, table, (trx, id, link) => trx.updateTable(table).set(link).where('id', '=', id).execute());
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit_log', 'journal_history'] as const) {
    await db.schema.dropIndex(`${table}_chain`).execute();
    await db.schema.alterTable(table).dropColumn('hash').execute();
    await db.schema.alterTable(table).dropColumn('prev_hash').execute();
    await db.schema.alterTable(table).dropColumn('chain_seq').execute();
  }
}
