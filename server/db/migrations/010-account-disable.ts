import type { Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
// Disabling an account (issue 12 item 4): users.disabled_at (since 001) now says when, and
// disabled_by who; a disabled account cannot sign in and has no sessions. Staff leaving dates are
// read per request to drop a leaver's grants, so staff is indexed by account and leaving date.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('disabled_by', 'text').execute();
  await db.schema.createIndex('staff_user_left').on('staff').columns(['user_id', 'left_on']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('staff_user_left').execute();
  await db.schema.alterTable('users').dropColumn('disabled_by').execute();
}
