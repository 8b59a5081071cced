import type { Db } from '../../db/connect.js';
import type { BackupRunsTable } from './operations.table.js';

export type BackupRun = BackupRunsTable;

export async function insertRun(db: Db, row: BackupRunsTable): Promise<boolean> {
  const result = await db
    .insertInto('backup_runs')
    .values(row)
    .onConflict((oc) => oc.column('schedule_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateRun(db: Db, id: string, patch: Partial<BackupRunsTable>): Promise<void> {
  await db.updateTable('backup_runs').set(patch).where('id', '=', id).execute();
}

export async function recentRuns(db: Db, limit: number): Promise<BackupRun[]> {
  return db.selectFrom('backup_runs').selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function runningRun(db: Db): Promise<BackupRun | undefined> {
  return db.selectFrom('backup_runs').selectAll().where('status', '=', 'running').orderBy('started_at', 'desc').executeTakeFirst();
}

export async function keptRuns(db: Db): Promise<BackupRun[]> {
  return db
    .selectFrom('backup_runs')
    .selectAll()
    .where('status', '=', 'ok')
    .where('pruned_at', 'is', null)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function lastOkAt(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('backup_runs')
    .select('finished_at')
    .where('status', '=', 'ok')
    .orderBy('finished_at', 'desc')
    .executeTakeFirst();
  return row?.finished_at ?? null;
}

export async function lastDrill(db: Db): Promise<{ drill_status: string | null; drill_at: string | null } | undefined> {
  return db
    .selectFrom('backup_runs')
    .select(['drill_status', 'drill_at'])
    .where('drill_at', 'is not', null)
    .orderBy('drill_at', 'desc')
    .executeTakeFirst();
}

// A read-only count of the notification module's outbox for the /metrics gauge (issue 16.5):
// reading another module's table for a read model is allowed; nothing here writes it.
export async function outboxDepth(db: Db): Promise<number> {
  const row = await db
    .selectFrom('notify_outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', ['queued', 'sending'])
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
