import type { Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
// Idempotency keys of journal saves: a retried save (its answer lost to a dropped connection or a
// crash after the commit) finds the key and gets the first save's outcome instead of a duplicate.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('journal_saves')
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('journal_saves_pk', ['actor_id', 'key'])
    .execute();
  await db.schema.createIndex('journal_saves_created').on('journal_saves').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('journal_saves').execute();
}
