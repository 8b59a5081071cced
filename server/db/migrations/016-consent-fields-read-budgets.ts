import type { Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
// Issue 12 items 3 and 12 (decision 013):
// - mfa_school_settings: a school's «every staff role must use a second factor» (auth module);
// - read_budget_counters: personal-data records served per user and window, counted by one
//   INSERT … ON CONFLICT … RETURNING so two app nodes never both let the last read through;
// - read_budget_alerts: a staff account that went over its budget, once per window and school,
//   for the director.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('mfa_school_settings')
    .addColumn('school_id', 'text', (c) => c.primaryKey().references('schools.id'))
    .addColumn('staff_mfa_required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('read_budget_counters')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('window_kind', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('reads', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('read_budget_counters_pk', ['user_id', 'window_kind', 'window_start'])
    .execute();
  await db.schema.createIndex('read_budget_counters_window').on('read_budget_counters').column('window_start').execute();
  await db.schema
    .createTable('read_budget_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('window_kind', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('reads', 'integer', (c) => c.notNull())
    .addColumn('budget', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'text')
    .addColumn('seen_by', 'text')
    .addUniqueConstraint('read_budget_alerts_once', ['school_id', 'user_id', 'window_kind', 'window_start'])
    .execute();
  await db.schema.createIndex('read_budget_alerts_school').on('read_budget_alerts').columns(['school_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('read_budget_alerts').execute();
  await db.schema.dropTable('read_budget_counters').execute();
  await db.schema.dropTable('mfa_school_settings').execute();
}
