import { buildApp } from './app.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { connect } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { auditIdle } from './modules/audit/audit.service.js';
import { startNotifyWorker } from './modules/notifications/notifications.service.js';
import { backupSettled, startOperationsWorker } from './modules/operations/operations.service.js';
import { beginDrain } from './modules/system/system.service.js';

/** How long in-flight requests may take to finish after SIGTERM before their connections are cut. */
const SHUTDOWN_GRACE_MS = 25_000;

export interface RunningServer {
  close(): Promise<void>;
  url: string;
}

/**
 * Starts what SERVICES asks for (default web,worker): the HTTP server and the notification worker
 * that drains the outbox; used by `otmetka serve` and `npm start`.
 */
export async function startServer(
  config: Config,
  beforeListen?: (deps: import('./lib/deps.js').Deps) => Promise<void>,
): Promise<RunningServer> {
  const database = connect(config.databaseUrl, { backgroundCheckpoints: true });
  await migrateToLatest(database.db);
  const { app, deps } = await buildApp({ config, database, logger: true });
  if (beforeListen) await beforeListen(deps);
  const worker = config.services.includes('worker') ? startNotifyWorker(deps) : null;
  // The daily backup and its restore drill (issue 16) run beside the notification worker.
  const operations = config.services.includes('worker') ? startOperationsWorker(deps) : null;
  if (!config.services.includes('web')) {
    return {
      url: '',
      close: async () => {
        await worker?.stop();
        await operations?.stop();
        await database.close();
      },
    };
  }
  const url = await app.listen({ host: config.host, port: config.port });
  let closing: Promise<void> | null = null;
  // Graceful shutdown (issue 16.5): readiness turns 503, the server stops accepting and finishes
  // the requests in flight, the workers finish their round, the read-audit queue is flushed, and
  // only then the database closes.
  const close = () => {
    closing ??= (async () => {
      beginDrain(deps);
      // Node closes the connections idle at close() only once: a keep-alive connection that
      // finishes its request afterwards would hold the close for the client's keep-alive time
      // (72 s here). Sweep them as they go idle; past the grace period, end what is left.
      const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
      const ceiling = setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      try {
        await app.close();
      } finally {
        clearInterval(sweep);
        clearTimeout(ceiling);
      }
      await worker?.stop();
      await operations?.stop();
      await backupSettled();
      await auditIdle(deps.db);
      await database.close();
    })();
    return closing;
  };
  return { url, close };
}

export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
}
