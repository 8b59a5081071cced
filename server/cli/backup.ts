import type { Config } from '../config.js';
import { connect } from '../db/connect.js';
import { dialectFor } from '../db/dialect.js';
import { migrateToLatest } from '../db/migrate.js';
import { systemClock } from '../lib/clock.js';
import { BackupError, restoreBackup, runBackup, runDrill } from '../modules/operations/operations.service.js';

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/**
 * `otmetka backup [--drill]`: one archive in BACKUP_DIR, recorded with the server's backups (the
 * server may be running); with --drill, restores it into a scratch place and verifies it. Exit 0
 * on success, 1 when the backup failed, 7 when its drill failed.
 */
export async function runBackupCommand(config: Config, args: string[]): Promise<number> {
  const database = connect(config.databaseUrl);
  try {
    // The record goes into backup_runs, which an older schema lacks: bring it up to date first,
    // as `serve` would.
    await migrateToLatest(database.db);
    const deps = { db: database.db, dialect: dialectFor(database.kind), clock: systemClock, config };
    const run = await runBackup(deps, 'cli');
    if (run.status !== 'ok') {
      console.error(`Backup failed: ${run.error}`);
      return 1;
    }
    console.log(
      `Backup written: ${config.backup.dir}/${run.fileName} (${mb(run.sizeBytes ?? 0)}, schema ${run.schemaVersion}${run.encrypted ? ', encrypted' : ''})`,
    );
    if (args.includes('--drill')) {
      const drill = await runDrill(deps, run.id);
      if (drill?.drill?.status !== 'ok') {
        console.error(`Restore drill FAILED: ${drill?.drill?.error ?? 'no backup to drill'}`);
        return 7;
      }
      console.log(`Restore drill ok (${drill.drill.ms} ms): restored into a scratch place and verified against the manifest.`);
    }
    return 0;
  } finally {
    await database.close();
  }
}

/**
 * `otmetka restore FILE [--force]`: into the empty DATABASE_URL and DATA_DIR (with --force over
 * what they hold), verified against the manifest. Exit codes: 0 restored and verified; 4 the file
 * is damaged, truncated, not a backup, or its key is missing or wrong; 5 a newer schema; 6 the
 * target is not empty; 7 verification failed; 1 anything else. Only 7 may leave a changed target.
 */
export async function runRestoreCommand(config: Config, args: string[]): Promise<number> {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('Usage: otmetka restore FILE [--force]');
    return 1;
  }
  const force = args.includes('--force');
  try {
    const report = await restoreBackup(file, { databaseUrl: config.databaseUrl, dataDir: config.dataDir }, config.backup.key, { force });
    console.log(
      `Restored the backup of ${report.createdAt} (schema ${report.schemaVersion}): ${report.tables} tables, ${report.rows} rows, ${report.attachments} attachments; verified against its manifest.`,
    );
    return 0;
  } catch (error) {
    if (error instanceof BackupError) {
      console.error(`Restore refused: ${error.message}`);
      return error.exitCode;
    }
    throw error;
  }
}
