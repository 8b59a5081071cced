import type { Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
// Russian schools study five or six days a week (Sunday is always off); the school's week decides
// which dates are school days for the timetable, the journal and deadline counting.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('schools')
    .addColumn('working_days_per_week', 'integer', (c) => c.notNull().defaultTo(5))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup instead.');
}
