import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadConfig } from '../server/config.js';
import { connect, type DbHandle } from '../server/db/connect.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { addDays } from '../server/lib/dates.js';
import { createSession } from '../server/modules/auth/auth.service.js';
import { benchParents, generateDataset, kyselySink, sqliteSink, YEAR } from './generate.js';

/**
 * The diary scenario (issue 4): parents signed in with their own cookies read a random child's
 * random week, 50 connections on 127.0.0.1, against the real server in a child process; beside it
 * a bare node:http server answering a fixed body of the same size; p99 on 1 school vs N schools;
 * then the same on PostgreSQL. Options: --schools=N (default 20), --seconds=S (default 10),
 * --parents=P (parents signed in, default 200), --no-postgres, --no-sqlite (the bare server still runs).
 * Datasets are generated once and cached (SQLite files under bench/.data/, PostgreSQL schemas
 * bench_diary_<N>).
 */

const args = process.argv.slice(2);
/** `--name=value` (bench/run.ts takes every bare word for a scenario name). */
const option = (name: string, fallback: number) => {
  const given = args.find((a) => a.startsWith(`--${name}=`));
  return given ? Number(given.slice(name.length + 3)) : fallback;
};
const SCHOOLS = option('schools', 20);
const SECONDS = option('seconds', 10);
const WARMUP_SECONDS = 2;
const PARENTS = option('parents', 200);
const CONNECTIONS = 50;
export const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DATA_DIR = path.resolve('bench/.data');
/** Bump when the generator changes, so a cached dataset is rebuilt. */
const DATASET_VERSION = 2;

export interface Measured {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  bytes: number;
}

export function measured(r: autocannon.Result): Measured {
  return {
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx,
    bytes: r.requests.total > 0 ? Math.round(r.throughput.total / r.requests.total) : 0,
  };
}

export async function sqliteDataset(schools: number): Promise<string> {
  const file = path.join(DATA_DIR, `diary-v${DATASET_VERSION}-${schools}.db`);
  if (fs.existsSync(file) && fs.existsSync(`${file}.done`)) return file;
  fs.mkdirSync(DATA_DIR, { recursive: true });
  for (const suffix of ['', '-wal', '-shm', '.done']) fs.rmSync(file + suffix, { force: true });
  console.log(`generating ${schools} school(s) into ${path.relative(process.cwd(), file)} …`);
  const handle = connect(`sqlite:${file}`);
  await migrateToLatest(handle.db);
  await handle.close();
  const sink = sqliteSink(file);
  const restore = sink.deferIndexes();
  const result = await generateDataset(sink, { schools, log: (line) => console.log(`  ${line}`) });
  const started = performance.now();
  restore();
  sink.close();
  const rows = Object.values(result.rows).reduce((a, b) => a + b, 0);
  console.log(
    `  ${rows} rows in ${(result.ms / 1000).toFixed(1)} s + indexes ${((performance.now() - started) / 1000).toFixed(1)} s (load average ${os.loadavg()[0]?.toFixed(1)})`,
  );
  fs.writeFileSync(`${file}.done`, JSON.stringify(result.rows));
  return file;
}

export async function postgresDataset(schools: number): Promise<string> {
  const schema = `bench_diary_v${DATASET_VERSION}_${schools}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  const done = await admin.query("select 1 from information_schema.tables where table_schema = $1 and table_name = 'bench_done'", [schema]);
  if (done.rowCount === 1) {
    await admin.end();
    return schema;
  }
  await admin.query(`drop schema if exists ${schema} cascade`);
  await admin.query(`create schema ${schema}`);
  await admin.end();
  console.log(`generating ${schools} school(s) into PostgreSQL schema ${schema} …`);
  const handle = connect(PG_URL, { pgSchema: schema, poolSize: 2 });
  await migrateToLatest(handle.db, { pgSchema: schema });
  const result = await generateDataset(kyselySink(handle.db), { schools, log: (line) => console.log(`  ${line}`) });
  await handle.close();
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(`analyze`);
  await c.query(`create table ${schema}.bench_done (rows text)`);
  await c.end();
  console.log(`  generated in ${(result.ms / 1000).toFixed(1)} s`);
  return schema;
}

export async function startChild(args: string[], label = 'bare'): Promise<{ child: ChildProcess; origin: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
  // One profile per run: "diary.cpuprofile" becomes "diary-sqlite-20-schools.cpuprofile" and so on.
  const profile = process.env.BENCH_CPU_PROFILE;
  if (profile) env.BENCH_CPU_PROFILE = profile.replace(/(\.cpuprofile)?$/, `-${label.replace(/\W+/g, '-')}.cpuprofile`);
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('bench/diary-server.ts'), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env,
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /port (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, origin: `http://127.0.0.1:${port}` };
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** The (cookie, path) pairs to read: each signed-in parent's children × every week of the year. */
export async function targets(handle: DbHandle, count: number): Promise<Array<{ cookie: string; path: string }>> {
  const parents = (await benchParents(handle.db))
    .filter((_, i, all) => i % Math.max(1, Math.floor(all.length / count)) === 0)
    .slice(0, count);
  const deps = {
    db: handle.db,
    clock: { now: () => new Date() },
    config: loadConfig({ DATABASE_URL: 'sqlite::memory:', SERVE_WEB: 'false' }),
  } as Parameters<typeof createSession>[0];
  const weeks: string[] = [];
  for (let d = YEAR.startsOn; d <= YEAR.endsOn; d = addDays(d, 7)) weeks.push(d);
  const out: Array<{ cookie: string; path: string }> = [];
  for (const p of parents) {
    // A real session through the auth service (the HTTP login is rate-limited per address).
    const { token } = await createSession(deps, p.userId, '127.0.0.1');
    for (const child of p.children) {
      for (const week of weeks) {
        out.push({ cookie: `otmetka_session=${token}`, path: `/api/schools/${p.schoolId}/students/${child}/diary/week?weekOf=${week}` });
      }
    }
  }
  return out;
}

export async function warm(origin: string, list: Array<{ cookie: string; path: string }>): Promise<number> {
  // Every (child, week) once, so the measured run sees the steady state of a running server.
  let next = 0;
  let failures = 0;
  const worker = async () => {
    while (next < list.length) {
      const t = list[next++] as { cookie: string; path: string };
      const res = await fetch(origin + t.path, { headers: { cookie: t.cookie } });
      if (!res.ok) failures++;
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return failures;
}

export async function load(origin: string, list: Array<{ cookie: string; path: string }>, seconds: number): Promise<Measured> {
  let seed = 12345;
  const pick = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return list[seed % list.length] as { cookie: string; path: string };
  };
  const result = await autocannon({
    url: origin,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        setupRequest: (req) => {
          const t = pick();
          return { ...req, path: t.path, headers: { ...req.headers, cookie: t.cookie } };
        },
      },
    ],
  });
  return measured(result);
}

async function diaryRun(label: string, serverArgs: string[], handle: DbHandle): Promise<Measured> {
  const list = await targets(handle, PARENTS);
  const { child, origin } = await startChild(serverArgs, label);
  try {
    const started = performance.now();
    const failures = await warm(origin, list);
    console.log(
      `${label}: ${list.length} (child, week) pairs prepared in ${((performance.now() - started) / 1000).toFixed(1)} s${failures ? `, ${failures} FAILED` : ''}`,
    );
    await load(origin, list, WARMUP_SECONDS);
    if (process.env.BENCH_CPU_PROFILE) child.kill('SIGUSR2'); // see diary-server.ts
    const m = await load(origin, list, SECONDS);
    console.log(`${label}: ${m.rps} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, ${m.bytes} bytes/response, ${m.errors} errors`);
    return m;
  } finally {
    await stop(child);
  }
}

async function bareRun(bytes: number): Promise<Measured> {
  const { child, origin } = await startChild(['bare', String(bytes)]);
  try {
    const list = [{ cookie: 'x=1', path: '/' }];
    await load(origin, list, WARMUP_SECONDS);
    const m = await load(origin, list, SECONDS);
    console.log(`bare node:http (${bytes} bytes): ${m.rps} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms`);
    return m;
  } finally {
    await stop(child);
  }
}

function line(db: string, big: Measured, bare: Measured, small: Measured) {
  return JSON.stringify({
    scenario: 'diary',
    db,
    rps: big.rps,
    p50_ms: big.p50,
    p99_ms: big.p99,
    baseline_rps: bare.rps,
    ratio: Math.round((big.rps / bare.rps) * 1000) / 1000,
    p99_1_school_ms: small.p99,
    p99_20_schools_ms: big.p99,
    errors: big.errors + small.errors,
  });
}

function table(rows: Array<[string, Measured]>) {
  console.log('\n| run | req/s | p50 ms | p99 ms | errors |\n|---|---|---|---|---|');
  for (const [name, m] of rows) console.log(`| ${name} | ${m.rps} | ${m.p50} | ${m.p99} | ${m.errors} |`);
  console.log(
    `(load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; ${os.cpus().length} cores shared with other work)\n`,
  );
}

export async function runDiaryBench(): Promise<void> {
  let sqliteLine: string | null = null;
  let bare: Measured | null = null;
  if (!args.includes('--no-sqlite')) {
    const bigFile = await sqliteDataset(SCHOOLS);
    const smallFile = await sqliteDataset(1);
    const bigHandle = connect(`sqlite:${bigFile}`);
    const smallHandle = connect(`sqlite:${smallFile}`);
    const big = await diaryRun(`sqlite ${SCHOOLS} schools`, ['app', `sqlite:${bigFile}`], bigHandle);
    const small = await diaryRun('sqlite 1 school', ['app', `sqlite:${smallFile}`], smallHandle);
    await bigHandle.close();
    await smallHandle.close();
    bare = await bareRun(big.bytes);
    table([
      [`diary, SQLite, ${SCHOOLS} schools`, big],
      ['diary, SQLite, 1 school', small],
      ['bare node:http', bare],
    ]);
    sqliteLine = line('sqlite', big, bare, small);
  }
  let postgresLine: string | null = null;
  if (!args.includes('--no-postgres')) {
    const bigSchema = await postgresDataset(SCHOOLS);
    const smallSchema = await postgresDataset(1);
    const bigPg = connect(PG_URL, { pgSchema: bigSchema, poolSize: 2 });
    const smallPg = connect(PG_URL, { pgSchema: smallSchema, poolSize: 2 });
    const pgBig = await diaryRun(`postgres ${SCHOOLS} schools`, ['app', PG_URL, bigSchema], bigPg);
    const pgSmall = await diaryRun('postgres 1 school', ['app', PG_URL, smallSchema], smallPg);
    await bigPg.close();
    await smallPg.close();
    bare ??= await bareRun(pgBig.bytes);
    table([
      [`diary, PostgreSQL, ${SCHOOLS} schools`, pgBig],
      ['diary, PostgreSQL, 1 school', pgSmall],
      ['bare node:http', bare],
    ]);
    postgresLine = line('postgres', pgBig, bare, pgSmall);
  }
  // The run ends with the SQLite line (the scenario's result); PostgreSQL's is printed beside it, before.
  if (postgresLine) console.log(postgresLine);
  if (sqliteLine) console.log(sqliteLine);
}
