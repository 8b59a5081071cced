import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/**
 * Moves SQLite's WAL checkpoints off the event loop. By default the COMMIT that pushes the log past
 * 1,000 pages runs the checkpoint itself: it flushes the log, copies the pages into the database
 * and flushes the database, all while every request of the process waits (tens of milliseconds on
 * a busy disk, in a save's p99). Here a worker thread with its own connection runs a PASSIVE
 * checkpoint (never blocks readers or the writer) whenever the log has grown past the same size;
 * the writer's own autocheckpoint is off while the worker lives and comes back if it dies, so the
 * log cannot grow without bound.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
let stopped = false;
const walSize = () => { try { return fs.statSync(workerData.file + '-wal').size; } catch { return 0; } };
function tick() {
  if (stopped) return;
  try {
    if (walSize() > workerData.thresholdBytes) db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    // SQLITE_BUSY and the like: the next tick tries again.
  }
  setTimeout(tick, workerData.intervalMs);
}
parentPort.on('message', (m) => {
  if (m === 'stop') { stopped = true; db.close(); parentPort.postMessage('stopped'); }
});
tick();
`;

const PAGE_BYTES = 4096;
const AUTOCHECKPOINT_PAGES = 1000;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(writer: SQLite.Database, file: string, intervalMs = 100): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver, file, intervalMs, thresholdBytes: AUTOCHECKPOINT_PAGES * PAGE_BYTES },
  });
  worker.unref();
  writer.pragma('wal_autocheckpoint = 0');
  let alive = true;
  const fallBack = () => {
    if (!alive) return;
    alive = false;
    if (writer.open) writer.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  };
  worker.on('error', (error) => {
    console.error(`background checkpoints stopped, the writer checkpoints itself again: ${error.message}`);
    fallBack();
  });
  worker.on('exit', fallBack);
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (!alive) return resolve();
        worker.once('message', () => {
          void worker.terminate().then(() => resolve());
        });
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }),
  };
}
