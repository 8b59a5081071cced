import { buildApp } from './app.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { connect } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { startNotifyWorker } from './modules/notifications/notifications.service.js';

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
  if (!config.services.includes('web')) {
    return {
      url: '',
      close: async () => {
        await worker?.stop();
        await database.close();
      },
    };
  }
  const url = await app.listen({ host: config.host, port: config.port });
  const close = async () => {
    await app.close();
    await worker?.stop();
    await database.close();
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
