import type { Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
// Backups and their restore drills (issue 16, R12.2; decision 016): what ran, when, its file and
// size, and the drill's result the administrator sees.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('backup_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('schedule_key', 'text', (c) => c.unique())
    .addColumn('requested_by', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('size_bytes', 'bigint')
    .addColumn('schema_version', 'text')
    .addColumn('encrypted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('drill_status', 'text')
    .addColumn('drill_at', 'text')
    .addColumn('drill_ms', 'integer')
    .addColumn('drill_error', 'text')
    .addColumn('pruned_at', 'text')
    .execute();
  await db.schema.createIndex('backup_runs_started').on('backup_runs').column('started_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('backup_runs').execute();
}
