import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './connect.js';
import * as m001 from './migrations/001-foundation.js';
import * as m002 from './migrations/002-school-week.js';
import * as m003 from './migrations/003-people-study-program.js';
import * as m003tj from './migrations/003-timetable-journal.js';
import * as m004 from './migrations/004-service.js';
import * as m005 from './migrations/005-diary.js';
import * as m006 from './migrations/006-changes.js';
import * as m007 from './migrations/007-curriculum-scale.js';
import * as m009 from './migrations/009-journal-saves.js';
import * as m010 from './migrations/010-account-disable.js';
import * as m011 from './migrations/011-login-throttle.js';
import * as m013 from './migrations/013-mfa.js';
import * as m014 from './migrations/014-temporary-password.js';
import * as m015 from './migrations/015-audit-chain.js';
import * as m016 from './migrations/016-consent-fields-read-budgets.js';
import * as m017 from './migrations/017-notifications.js';
import * as m020 from './migrations/020-backups.js';

// Listed explicitly (not read from disk) so the bundle and the tests see exactly the same set.
const migrations: Record<string, Migration> = {
  '001-foundation': m001,
  '002-school-week': m002,
  '003-people-study-program': m003,
  '003-timetable-journal': m003tj,
  '004-service': m004,
  '005-diary': m005,
  '006-changes': m006,
  '007-curriculum-scale': m007,
  '009-journal-saves': m009,
  '010-account-disable': m010,
  '011-login-throttle': m011,
  '013-mfa': m013,
  '014-temporary-password': m014,
  '015-audit-chain': m015,
  '016-consent-fields-read-budgets': m016,
  '017-notifications': m017,
  '020-backups': m020,
};

/** The migrations this build knows, oldest first: a backup naming another is of a newer schema. */
export const knownMigrations: readonly string[] = Object.keys(migrations).sort();

class ListedMigrations implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

/** Brings the schema up to date; throws with the failing migration's name on error. */
export async function migrateToLatest(db: Db, options: { pgSchema?: string } = {}): Promise<string[]> {
  // Kysely looks for its bookkeeping tables across every schema on the search path unless told
  // which one; test databases live side by side in schemas of one PostgreSQL database.
  const migrator = new Migrator({
    db,
    provider: new ListedMigrations(),
    ...(options.pgSchema ? { migrationTableSchema: options.pgSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
