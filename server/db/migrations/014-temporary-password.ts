import type { Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one.
// Temporary passwords (issue 12 item 11): a password set by an administrator is temporary until
// the account's owner changes it; users.password_temporary_until says until when it signs in
// (null: the owner's own password). While it is set, a session may only change the password.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('password_temporary_until', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('password_temporary_until').execute();
}
