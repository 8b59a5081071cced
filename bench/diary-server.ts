import http from 'node:http';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { connect } from '../server/db/connect.js';
import { migrateToLatest } from '../server/db/migrate.js';

/**
 * A child process for the diary benchmark, so the load generator and the server do not share an
 * event loop:  diary-server.ts app <databaseUrl> [pgSchema]   — the real server (buildApp)
 *              diary-server.ts bare <bodyBytes>                — node:http with a fixed JSON body
 * Prints "port <n>" when listening.
 */
const [mode, arg, pgSchema] = process.argv.slice(2);

if (mode === 'bare') {
  const size = Number(arg);
  const body = Buffer.from(`{"x":"${'a'.repeat(Math.max(0, size - 8))}"}`);
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    res.end(body);
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    console.log(`port ${typeof address === 'object' && address ? address.port : 0}`);
  });
} else {
  const url = arg as string;
  const handle = connect(url, { ...(pgSchema ? { pgSchema } : {}), poolSize: 10 });
  await migrateToLatest(handle.db, pgSchema ? { pgSchema } : {});
  const config = {
    ...loadConfig({ DATABASE_URL: url, DATA_DIR: '/tmp/otmetka-bench-data', SERVE_WEB: 'false', PORT: '0', SERVICES: 'web' }),
    databaseKind: handle.kind,
  };
  const { app } = await buildApp({ config, database: handle });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  console.log(`port ${typeof address === 'object' && address ? address.port : 0}`);
}
