import type { Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
// The grade scale of one curriculum item (R3.2: pass/fail for one subject, 10-point for another).

export async function up(db: Kysely<unknown>): Promise<void> {
  // At most one row per item; no row means the school's default scale (journal_settings). Kept in a
  // table of the journal's own rather than a column of curriculum, which the school module owns.
  // `scale` is a built-in code or a grade_scales id, checked by the service when set.
  await db.schema
    .createTable('curriculum_scales')
    .addColumn('curriculum_id', 'text', (c) => c.primaryKey().references('curriculum.id').onDelete('cascade'))
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('scale', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('curriculum_scales_school').on('curriculum_scales').columns(['school_id', 'curriculum_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('curriculum_scales').execute();
}
