import { type Kysely, SqliteAdapter, sql } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
// The change record (one row per write, in its transaction) and the journal page's stamps.

export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  // seq orders changes within the database: SQLite's rowid alias, PostgreSQL's bigserial.
  await db.schema
    .createTable('change_log')
    .addColumn('seq', sqlite ? 'integer' : sql`bigserial`, (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('change_log_school_seq').on('change_log').columns(['school_id', 'seq']).execute();
  await db.schema.createIndex('change_log_entity').on('change_log').columns(['entity_id', 'seq']).execute();

  // One counter per (school, scope) of prepared journal pages: scope is a curriculum item, a class
  // or group (its roster), or '*' for the whole school. Bumped by the journal's change subscriber.
  await db.schema
    .createTable('journal_stamps')
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('scope_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('journal_stamps_pk', ['school_id', 'scope_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('journal_stamps').execute();
  await db.schema.dropTable('change_log').execute();
}
