import fs from 'node:fs';
import path from 'node:path';
import type { Actor } from '../../access/actor.js';
import { requireInstallationOperator } from '../../access/policy.js';
import type { Deps } from '../../lib/deps.js';
import { newId } from '../../lib/ids.js';
import { type BackupResult, createBackup, drillRestore } from './backup.js';
import * as repo from './operations.repository.js';

export { BackupError, type BackupResult, createBackup, drillRestore, type Manifest, type RestoreReport, restoreBackup } from './backup.js';

export type BackupTrigger = 'schedule' | 'manual' | 'cli';

export interface BackupView {
  id: string;
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  status: string;
  fileName: string | null;
  sizeBytes: number | null;
  schemaVersion: string | null;
  encrypted: boolean;
  error: string | null;
  drill: { status: string; at: string; ms: number | null; error: string | null } | null;
  pruned: boolean;
}

const present = (r: repo.BackupRun): BackupView => ({
  id: r.id,
  trigger: r.trigger,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  status: r.status,
  fileName: r.file_name,
  sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
  schemaVersion: r.schema_version,
  encrypted: r.encrypted === 1,
  error: r.error,
  drill: r.drill_status && r.drill_at ? { status: r.drill_status, at: r.drill_at, ms: r.drill_ms, error: r.drill_error } : null,
  pruned: r.pruned_at !== null,
});

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

const sourceOf = (deps: Deps) => ({ databaseUrl: deps.config.databaseUrl, dataDir: deps.config.dataDir });

// One backup at a time in a process (a second request joins the running one).
let inFlight: Promise<unknown> | null = null;

async function execute(deps: Deps, run: repo.BackupRun): Promise<repo.BackupRun> {
  const cfg = deps.config.backup;
  let result: BackupResult;
  try {
    result = await createBackup(sourceOf(deps), cfg.dir, cfg.key, new Date(run.started_at));
  } catch (error) {
    const patch = { status: 'failed', finished_at: deps.clock.now().toISOString(), error: messageOf(error) };
    await repo.updateRun(deps.db, run.id, patch);
    return { ...run, ...patch };
  }
  const patch = {
    status: 'ok',
    finished_at: deps.clock.now().toISOString(),
    file_name: path.basename(result.file),
    size_bytes: result.size,
    schema_version: result.manifest.schemaVersion,
  };
  await repo.updateRun(deps.db, run.id, patch);
  await prune(deps);
  return { ...run, ...patch };
}

/** Deletes the archives past BACKUP_KEEP, oldest first (their rows stay, marked pruned). */
async function prune(deps: Deps): Promise<void> {
  const kept = await repo.keptRuns(deps.db);
  for (const old of kept.slice(deps.config.backup.keep)) {
    if (old.file_name) fs.rmSync(path.join(deps.config.backup.dir, old.file_name), { force: true });
    await repo.updateRun(deps.db, old.id, { pruned_at: deps.clock.now().toISOString() });
  }
}

function newRun(deps: Deps, trigger: BackupTrigger, requestedBy: string | null, scheduleKey: string | null): repo.BackupRun {
  return {
    id: newId(),
    trigger,
    schedule_key: scheduleKey,
    requested_by: requestedBy,
    started_at: deps.clock.now().toISOString(),
    finished_at: null,
    status: 'running',
    file_name: null,
    size_bytes: null,
    schema_version: null,
    encrypted: deps.config.backup.key ? 1 : 0,
    error: null,
    drill_status: null,
    drill_at: null,
    drill_ms: null,
    drill_error: null,
    pruned_at: null,
  };
}

/** Makes a backup now and records it (the CLI; the worker and the web page go through here too). */
export async function runBackup(deps: Deps, trigger: BackupTrigger, requestedBy: string | null = null): Promise<BackupView> {
  const run = newRun(deps, trigger, requestedBy, null);
  await repo.insertRun(deps.db, run);
  return present(await execute(deps, run));
}

/**
 * The restore drill: restores the newest kept backup (or the given one) into a scratch place,
 * verifies it against its manifest and records the result on the backup's row.
 */
export async function runDrill(deps: Deps, runId?: string): Promise<BackupView | null> {
  const kept = await repo.keptRuns(deps.db);
  const run = runId ? kept.find((r) => r.id === runId) : kept[0];
  if (!run?.file_name) return null;
  const started = Date.now();
  const patch: Partial<repo.BackupRun> = { drill_at: deps.clock.now().toISOString() };
  try {
    await drillRestore(path.join(deps.config.backup.dir, run.file_name), sourceOf(deps), deps.config.backup.dir, deps.config.backup.key);
    Object.assign(patch, { drill_status: 'ok', drill_error: null });
  } catch (error) {
    Object.assign(patch, { drill_status: 'failed', drill_error: messageOf(error) });
  }
  patch.drill_ms = Date.now() - started;
  await repo.updateRun(deps.db, run.id, patch);
  return present({ ...run, ...patch });
}

async function backupThenDrill(deps: Deps, run: repo.BackupRun): Promise<void> {
  const done = await execute(deps, run);
  if (done.status === 'ok') await runDrill(deps, done.id);
}

/** Backups with their size, result and drill, newest first, and whether the last drill failed. */
export async function listBackups(
  deps: Deps,
  actor: Actor,
): Promise<{ items: BackupView[]; schedule: string | null; keep: number; encrypted: boolean; alarm: boolean }> {
  requireInstallationOperator(actor);
  const items = (await repo.recentRuns(deps.db, 30)).map(present);
  const drill = await repo.lastDrill(deps.db);
  const lastBackup = items.find((i) => i.status !== 'running');
  return {
    items,
    schedule: deps.config.backup.time,
    keep: deps.config.backup.keep,
    encrypted: deps.config.backup.key !== null,
    // A visible alarm: the last drill failed, or the last backup did.
    alarm: drill?.drill_status === 'failed' || lastBackup?.status === 'failed',
  };
}

/** Starts a backup and its drill from the web page; answers at once with the running row (or the one already running). */
export async function requestBackup(deps: Deps, actor: Actor): Promise<BackupView> {
  requireInstallationOperator(actor);
  const running = await repo.runningRun(deps.db);
  if (running && inFlight) return present(running);
  const run = newRun(deps, 'manual', actor.userId, null);
  await repo.insertRun(deps.db, run);
  inFlight = backupThenDrill(deps, run)
    .catch(() => {})
    .finally(() => {
      inFlight = null;
    });
  return present(run);
}

/** Waits for a backup started from the web page (tests, shutdown). */
export async function backupSettled(): Promise<void> {
  await inFlight;
}

/** What /metrics reports of backups and the outbox. */
export async function operationsGauges(
  deps: Deps,
): Promise<{ lastBackupAt: string | null; lastDrillOk: boolean | null; outboxDepth: number }> {
  const drill = await repo.lastDrill(deps.db);
  return {
    lastBackupAt: await repo.lastOkAt(deps.db),
    lastDrillOk: drill?.drill_status ? drill.drill_status === 'ok' : null,
    outboxDepth: await repo.outboxDepth(deps.db),
  };
}

/**
 * The worker's daily backup at BACKUP_TIME (UTC), followed by the restore drill of it. The day's
 * row is keyed by its date, so of several worker nodes exactly one runs it.
 */
export async function scheduledTick(deps: Deps): Promise<boolean> {
  const time = deps.config.backup.time;
  if (!time) return false;
  const now = deps.clock.now();
  const day = now.toISOString().slice(0, 10);
  if (now.toISOString().slice(11, 16) < time) return false;
  const run = newRun(deps, 'schedule', null, `schedule:${day}`);
  if (!(await repo.insertRun(deps.db, run))) return false;
  await backupThenDrill(deps, run);
  return true;
}

export interface OperationsWorker {
  stop(): Promise<void>;
}

/** Looks once a minute whether the day's backup is due (SERVICES containing worker). */
export function startOperationsWorker(deps: Deps, intervalMs = 60_000): OperationsWorker {
  let current: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    current = scheduledTick(deps).catch((error) => console.error(`scheduled backup failed: ${messageOf(error)}`));
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await current;
      await inFlight;
    },
  };
}
