import type { Kysely } from 'kysely';

/**
 * The consent form (seed 002, Приложение 2) lists «Программа обучения» among the child's data;
 * 001 left it out. Nullable text: the programme is recorded when the school knows it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('students').addColumn('study_program', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup instead.');
}
