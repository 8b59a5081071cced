import { writeFileSync } from 'node:fs';
import http from 'node:http';
import inspector from 'node:inspector';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
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
  const handle = connect(url, { ...(pgSchema ? { pgSchema } : {}), poolSize: 10, backgroundCheckpoints: true });
  await migrateToLatest(handle.db, pgSchema ? { pgSchema } : {});
  const config = {
    ...loadConfig({ DATABASE_URL: url, DATA_DIR: '/tmp/otmetka-bench-data', SERVE_WEB: 'false', PORT: '0', SERVICES: 'web' }),
    databaseKind: handle.kind,
  };
  const { app } = await buildApp({ config, database: handle });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  console.log(`port ${typeof address === 'object' && address ? address.port : 0}`);
  if (process.env.BENCH_SERVER_STATS) reportPauses();
  if (process.env.BENCH_CPU_PROFILE) profileOnSignal(process.env.BENCH_CPU_PROFILE);
}

/**
 * BENCH_CPU_PROFILE=<file>: the bench sends SIGUSR2 when the measured run starts; the CPU profile
 * of the run is written to <file> (.cpuprofile, for Chrome's DevTools) when the server is stopped.
 */
function profileOnSignal(file: string): void {
  const session = new inspector.Session();
  session.connect();
  process.once('SIGUSR2', () => {
    session.post('Profiler.enable', () => session.post('Profiler.start'));
  });
  process.once('SIGTERM', () => {
    session.post('Profiler.stop', (err, result) => {
      if (!err) writeFileSync(file, JSON.stringify(result.profile));
      process.exit(0);
    });
  });
}

/** BENCH_SERVER_STATS=1: every 5 s, the server's GC pauses and event-loop delay, to stderr. */
function reportPauses(): void {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  let pauses: number[] = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push(e.duration);
  }).observe({ entryTypes: ['gc'] });
  setInterval(() => {
    const heap = process.memoryUsage().heapUsed / 2 ** 20;
    const sorted = pauses.sort((a, b) => b - a);
    console.error(
      `server: heap ${heap.toFixed(0)} MB, gc ${pauses.length} pauses, ${sorted.reduce((s, p) => s + p, 0).toFixed(0)} ms, max ${(sorted[0] ?? 0).toFixed(1)} ms; loop delay p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms`,
    );
    pauses = [];
    loop.reset();
  }, 5000).unref();
}
