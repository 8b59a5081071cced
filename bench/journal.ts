import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../server/config.js';
import { connect, type DbHandle, walDurabilityOf } from '../server/db/connect.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { addDays, isoWeekday } from '../server/lib/dates.js';
import { newId } from '../server/lib/ids.js';
import { createSession } from '../server/modules/auth/auth.service.js';
import { makeSchoolWorld, makeStudent, TEST_PASSWORD } from '../server/test/factories.js';
import {
  load as diaryLoad,
  targets as diaryTargets,
  warm as diaryWarm,
  PG_URL,
  postgresDataset,
  sqliteDataset,
  startChild,
  stop,
} from './diary.js';
import { benchParents } from './generate.js';

/**
 * Journal scenarios (issues 3 and 11), each on SQLite and on PostgreSQL, against the real server in
 * a child process on 127.0.0.1 (bench/diary-server.ts, so autocannon does not share its event loop):
 *
 * - journal-page: one journal page of 35 students × 59 lessons, 20 connections, plain GETs (200 with
 *   the body); then the same with If-None-Match (304) as an extra line, "journal-page-304";
 * - grade-save: a new grade per request, 20 connections; SQLite flushing its WAL before every
 *   acknowledgement, FULL's guarantee off the event loop (decision 017; printed from the connection
 *   server/db/connect.ts opens);
 * - diary-mixed: the diary dataset of a city (bench/generate.ts, --schools=N, default 20) copied
 *   for the run; parents read random (child, week) pairs with 50 connections, first alone
 *   (read_only_rps), then while teachers save grades at a steady --save-rate (default 200/s)
 *   for those children on dates spread over the year, so the weeks being read keep going stale.
 *
 * Options: --no-sqlite, --no-postgres, --only=journal-page,grade-save,diary-mixed, --schools=N,
 * --parents=P (diary readers, default 200), --save-rate=R, --repeat=N (diary-mixed rounds on one
 * copy and one warmed server, default 1). BENCH_SECONDS sets each measured run
 * (default 10). PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test),
 * each journal run in its own fresh schema and each mixed run in a copy of the cached diary schema,
 * dropped afterwards. BENCH_CPU_PROFILE=<file> writes one server profile per measured scenario.
 */

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const given = args.find((a) => a.startsWith(`--${name}=`));
  return given ? Number(given.slice(name.length + 3)) : fallback;
};
const onlyArg = args.find((a) => a.startsWith('--only='));
const ONLY = new Set(onlyArg ? onlyArg.slice('--only='.length).split(',') : ['journal-page', 'grade-save', 'diary-mixed']);
const CONNECTIONS = 20;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_S = 2;
const SCHOOLS = option('schools', 20);
const PARENTS = option('parents', 200);
const SAVE_RATE = option('save-rate', 200);
/** diary-mixed: read-only + mixed measured this many times over one copy and one warm server. */
const REPEAT = option('repeat', 1);
const PERIOD = { from: '2027-01-12', to: '2027-03-21' }; // the world's third quarter

type Kind = 'sqlite' | 'postgres';

function requireLocal(url: string): void {
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    throw new Error(`BENCH_DATABASE_URL must point at 127.0.0.1 (the bench loads its database hard), got ${host}`);
  }
}

async function pgAdmin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

interface BenchDatabase {
  kind: Kind;
  url: string;
  pgSchema?: string;
  /** Arguments for bench/diary-server.ts app … */
  serverArgs: string[];
  drop(): Promise<void>;
}

/** A fresh, migrated database: a temporary SQLite file or a new PostgreSQL schema. */
async function freshDatabase(kind: Kind): Promise<BenchDatabase> {
  if (kind === 'postgres') {
    const schema = `bench_journal_${randomBytes(4).toString('hex')}`;
    await pgAdmin((c) => c.query(`create schema ${schema}`));
    const handle = connect(PG_URL, { pgSchema: schema, poolSize: 2 });
    await migrateToLatest(handle.db, { pgSchema: schema });
    await handle.close();
    return {
      kind,
      url: PG_URL,
      pgSchema: schema,
      serverArgs: ['app', PG_URL, schema],
      drop: () => pgAdmin((c) => c.query(`drop schema ${schema} cascade`)).then(() => undefined),
    };
  }
  const file = path.join(os.tmpdir(), `otmetka-bench-${randomBytes(4).toString('hex')}.db`);
  const handle = connect(`sqlite:${file}`);
  await migrateToLatest(handle.db);
  await handle.close();
  return {
    kind,
    url: `sqlite:${file}`,
    serverArgs: ['app', `sqlite:${file}`],
    drop: async () => {
      for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
    },
  };
}

function open(database: BenchDatabase, poolSize = 2): DbHandle {
  return connect(database.url, { ...(database.pgSchema ? { pgSchema: database.pgSchema } : {}), poolSize });
}

/** What server/db/connect.ts gives the server: the SQLite pragmas read back from a connection it opened. */
async function durability(database: BenchDatabase): Promise<string> {
  if (database.kind === 'postgres') {
    const handle = open(database);
    try {
      const r = await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(handle.db);
      return `synchronous_commit=${r.rows[0]?.synchronous_commit}`;
    } finally {
      await handle.close();
    }
  }
  const handle = open(database);
  try {
    const s = await sql<{ synchronous: number }>`pragma synchronous`.execute(handle.db);
    const j = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(handle.db);
    const level = s.rows[0]?.synchronous;
    const name = ['OFF', 'NORMAL', 'FULL', 'EXTRA'][level ?? -1] ?? String(level);
    // NORMAL with the WAL flushed before each acknowledgement (decision 017) is FULL's guarantee.
    const flushed = walDurabilityOf(handle.db) ? ', WAL fdatasync before every acknowledgement' : '';
    return `synchronous=${name} (${level})${flushed}, journal_mode=${j.rows[0]?.journal_mode}`;
  } finally {
    await handle.close();
  }
}

interface Line {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
}

function summary(r: autocannon.Result): Line {
  const errors = r.errors + r.timeouts + r.non2xx;
  if (errors > 0) {
    const codes = Object.entries(r.statusCodeStats ?? {})
      .map(([code, { count }]) => `${code}×${count}`)
      .join(' ');
    console.log(`  errors: ${r.errors} connection errors, ${r.timeouts} timeouts, status codes ${codes}`);
  }
  return {
    rps: Math.round(r.requests.average),
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx,
  };
}

/**
 * Conditional GETs, CONNECTIONS at a time over keep-alive node:http connections; anything but a
 * 304 counts as an error. Not autocannon: the server's 304 carries "content-length: 4" (the
 * serialised null of its response schema) and autocannon then waits for a body that never comes.
 */
async function conditionalLoad(url: string, headers: Record<string, string>, seconds: number): Promise<Line> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      http
        .get(url, { agent, headers }, (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode !== 304) errors++;
            latencies.push(performance.now() - started);
            resolve();
          });
        })
        .on('error', () => {
          errors++;
          resolve();
        });
    });
  const worker = async () => {
    while (performance.now() < until) await one();
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return { rps: Math.round(latencies.length / seconds), p50_ms: at(0.5), p99_ms: at(0.99), errors };
}

function report(scenario: string, db: Kind, line: Line, extra: Record<string, unknown> = {}): void {
  console.log(`${scenario} (${db}): ${line.rps} req/s, p50 ${line.p50_ms} ms, p99 ${line.p99_ms} ms, ${line.errors} errors`);
  console.log(JSON.stringify({ scenario, db, ...line, ...extra }));
}

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

async function withServer<T>(
  database: BenchDatabase,
  label: string,
  work: (origin: string, child: ChildProcess) => Promise<T>,
): Promise<T> {
  const { child, origin } = await startChild(database.serverArgs, label);
  try {
    return await work(origin, child);
  } finally {
    await stop(child);
  }
}

/** Starts the server's CPU profile (BENCH_CPU_PROFILE, see diary-server.ts) for the measured run. */
function profileFromHere(child: ChildProcess): void {
  if (process.env.BENCH_CPU_PROFILE) child.kill('SIGUSR2');
}

// ---------------------------------------------------------------------------------------------
// journal-page and grade-save

interface JournalWorld {
  schoolId: string;
  curriculumId: string;
  periodId: string;
  teacherLogin: string;
  students: string[];
  dates: string[];
}

async function buildJournalWorld(database: BenchDatabase): Promise<JournalWorld> {
  const handle = open(database);
  const db = handle.db;
  try {
    const w = await makeSchoolWorld(db);
    // 35 students in 5А (the world has 2), a bell schedule, and mathematics six days a week.
    for (let i = 0; i < 33; i++) await makeStudent(db, w.schoolId, w.classIds.a, { surname: `Ученик${String(i).padStart(2, '0')}` });
    for (const n of [1, 2, 3, 4, 5, 6]) {
      await db
        .insertInto('bells')
        .values({ id: newId(), school_id: w.schoolId, lesson_number: n, starts_at: `0${7 + n}:00`, ends_at: `0${7 + n}:45` })
        .execute();
    }
    const at = new Date().toISOString();
    for (const weekday of [1, 2, 3, 4, 5, 6]) {
      await db
        .insertInto('timetable_entries')
        .values({
          id: newId(),
          school_id: w.schoolId,
          curriculum_id: w.curriculumIds.mathA,
          weekday,
          lesson_number: 1,
          room: '101',
          valid_from: '2026-09-01',
          valid_to: '2027-05-31',
          version: 1,
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
    const dates: string[] = [];
    for (let d = PERIOD.from; d <= PERIOD.to; d = addDays(d, 1)) if (isoWeekday(d) <= 6) dates.push(d);
    const students = (
      await db.selectFrom('class_memberships').select('student_id').where('class_id', '=', w.classIds.a).orderBy('student_id').execute()
    ).map((r) => r.student_id);
    return {
      schoolId: w.schoolId,
      curriculumId: w.curriculumIds.mathA,
      periodId: w.periodIds[2] as string,
      teacherLogin: w.users.teacher.login,
      students,
      dates,
    };
  } finally {
    await handle.close();
  }
}

/** The config the child server runs with (bench/diary-server.ts): its public URL is the Origin writes must name. */
const serverConfig = (url: string) =>
  loadConfig({ DATABASE_URL: url, DATA_DIR: '/tmp/otmetka-bench-data', SERVE_WEB: 'false', PORT: '0', SERVICES: 'web' });

async function signIn(origin: string, database: BenchDatabase, login: string): Promise<Record<string, string>> {
  const publicUrl = serverConfig(database.url).publicUrl;
  const res = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: publicUrl },
    body: JSON.stringify({ login, password: TEST_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  return { cookie, origin: publicUrl, 'content-type': 'application/json' };
}

async function fillGrid(origin: string, w: JournalWorld, headers: Record<string, string>, workTypeId: string): Promise<number> {
  // Fill the grid like a real quarter: a grade in about every third cell, some absences, topics.
  const journalUrl = `${origin}/api/schools/${w.schoolId}/journals/${w.curriculumId}`;
  let filled = 0;
  for (const [di, date] of w.dates.entries()) {
    await fetch(`${journalUrl}/lessons/${date}/1`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ topic: `Тема ${di + 1}`, version: 0 }),
    }).then((r) => r.arrayBuffer());
    for (const [si, studentId] of w.students.entries()) {
      if ((si + di) % 3 === 0) {
        const value = String(2 + ((si * 7 + di) % 4));
        const res = await fetch(`${journalUrl}/grades`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ studentId, date, lessonNumber: 1, value, workTypeId }),
        });
        await res.arrayBuffer();
        if (res.ok) filled++;
      } else if ((si * 5 + di) % 17 === 0) {
        await fetch(`${journalUrl}/attendance`, {
          method: 'PUT',
          headers,
          body: JSON.stringify({ studentId, date, lessonNumber: 1, mark: 'absent', version: 0 }),
        }).then((r) => r.arrayBuffer());
      }
    }
  }
  return filled;
}

async function journalScenarios(kind: Kind): Promise<void> {
  const database = await freshDatabase(kind);
  try {
    console.log(`\n== journal, ${kind}: ${await durability(database)} (the server opens the database with the same connect())`);
    const w = await buildJournalWorld(database);
    const pageUrl = (origin: string) => `${origin}/api/schools/${w.schoolId}/journals/${w.curriculumId}?periodId=${w.periodId}`;
    let workTypeId = '';

    // Server 1: fill the grid, then the page.
    await withServer(database, `journal-page-${kind}`, async (origin, child) => {
      const headers = await signIn(origin, database, w.teacherLogin);
      const types = (await (await fetch(`${origin}/api/schools/${w.schoolId}/work-types`, { headers })).json()) as {
        items: Array<{ id: string }>;
      };
      workTypeId = types.items[0]?.id as string;
      const started = performance.now();
      const filled = await fillGrid(origin, w, headers, workTypeId);
      // identity: the strong ETag of the plain body, as autocannon asks without Accept-Encoding.
      const first = await fetch(pageUrl(origin), { headers: { ...headers, 'accept-encoding': 'identity' } });
      const etag = first.headers.get('etag');
      const body = await first.arrayBuffer();
      const page = JSON.parse(new TextDecoder().decode(body)) as { lessons: unknown[]; students: unknown[]; grades: unknown[] };
      console.log(
        `journal page: ${page.students.length} students × ${page.lessons.length} lessons, ${page.grades.length} grades (${filled} entered in ${((performance.now() - started) / 1000).toFixed(1)} s), ${body.byteLength} bytes, ETag ${etag ?? 'none'}`,
      );

      // One connection, one request at a time: the cost of a page without queueing.
      const alone = performance.now();
      for (let i = 0; i < 20; i++)
        await (await fetch(pageUrl(origin), { headers: { ...headers, 'accept-encoding': 'identity' } })).arrayBuffer();
      console.log(`journal page alone: ${((performance.now() - alone) / 20).toFixed(1)} ms per request (load average ${loadAverage()})`);

      if (ONLY.has('journal-page')) {
        const run = (extra: Record<string, string>, seconds: number) =>
          autocannon({
            url: pageUrl(origin),
            connections: CONNECTIONS,
            duration: seconds,
            headers: { cookie: headers.cookie as string, ...extra },
          });
        await run({}, WARMUP_S);
        profileFromHere(child);
        const plain = await run({}, DURATION_S);
        report('journal-page', kind, summary(plain), { bytes: Math.round(plain.throughput.total / Math.max(1, plain.requests.total)) });
        if (etag) {
          const conditional = await conditionalLoad(
            pageUrl(origin),
            { cookie: headers.cookie as string, 'if-none-match': etag },
            DURATION_S,
          );
          report('journal-page-304', kind, conditional);
        } else {
          console.log('journal-page-304: the page came without an ETag (server before prepared pages); skipped');
        }
      }
    });

    // Server 2: grade saves (its own process, so its profile is the saves' alone).
    if (ONLY.has('grade-save')) {
      await withServer(database, `grade-save-${kind}`, async (origin, child) => {
        const headers = await signIn(origin, database, w.teacherLogin);
        const journalUrl = `${origin}/api/schools/${w.schoolId}/journals/${w.curriculumId}`;
        let n = 0;
        const saves = (seconds: number) =>
          autocannon({
            url: `${journalUrl}/grades`,
            connections: CONNECTIONS,
            duration: seconds,
            method: 'POST',
            headers,
            requests: [
              {
                method: 'POST',
                setupRequest: (req) => {
                  const i = n++;
                  const body = {
                    studentId: w.students[i % w.students.length],
                    date: w.dates[Math.floor(i / w.students.length) % w.dates.length],
                    lessonNumber: 1,
                    value: String(2 + (i % 4)),
                    workTypeId,
                  };
                  return { ...req, body: JSON.stringify(body) };
                },
              },
            ],
          });
        await saves(WARMUP_S);
        profileFromHere(child);
        const run = await saves(DURATION_S);
        report('grade-save', kind, summary(run), kind === 'sqlite' ? { durability: 'wal-fdatasync-before-ack' } : {});
      });
    }
    console.log(`(load average ${loadAverage()}; ${os.cpus().length} cores shared with other work)`);
  } finally {
    await database.drop();
  }
}

// ---------------------------------------------------------------------------------------------
// diary-mixed

/** A copy of the cached city dataset for one run (the run writes grades into it). */
async function cityCopy(kind: Kind): Promise<BenchDatabase> {
  const started = performance.now();
  if (kind === 'sqlite') {
    const source = await sqliteDataset(SCHOOLS);
    // Fold the WAL into the file first, so one file is a complete copy.
    const h = connect(`sqlite:${source}`);
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(h.db);
    await h.close();
    const file = path.join(os.tmpdir(), `otmetka-bench-mixed-${randomBytes(4).toString('hex')}.db`);
    fs.copyFileSync(source, file);
    console.log(`copied ${path.relative(process.cwd(), source)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return {
      kind,
      url: `sqlite:${file}`,
      serverArgs: ['app', `sqlite:${file}`],
      drop: async () => {
        for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
      },
    };
  }
  const source = await postgresDataset(SCHOOLS);
  const schema = `bench_mixed_${randomBytes(4).toString('hex')}`;
  await pgAdmin(async (c) => {
    await c.query(`create schema ${schema}`);
    const tables = await c.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE' and table_name <> 'bench_done'",
      [source],
    );
    for (const { table_name: t } of tables.rows) {
      await c.query(`create table ${schema}.${t} (like ${source}.${t} including all)`);
      await c.query(`insert into ${schema}.${t} select * from ${source}.${t}`);
      await c.query(`analyze ${schema}.${t}`);
    }
  });
  console.log(`copied PostgreSQL schema ${source} to ${schema} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return {
    kind,
    url: PG_URL,
    pgSchema: schema,
    serverArgs: ['app', PG_URL, schema],
    drop: () => pgAdmin((c) => c.query(`drop schema ${schema} cascade`)).then(() => undefined),
  };
}

interface SaveTarget {
  cookie: string;
  path: string;
  body: string;
}

/**
 * Teachers for the city (the generated staff get accounts with the teacher role) and the grade
 * saves they make: for each child the parents read, lessons of the child's class or English group
 * spread over the year, each saved by the item's own teacher.
 */
async function saveTargets(handle: DbHandle): Promise<SaveTarget[]> {
  const db = handle.db;
  const now = new Date().toISOString();
  const staff = await db.selectFrom('staff').select(['id', 'school_id']).where('user_id', 'is', null).execute();
  for (let i = 0; i < staff.length; i += 200) {
    const chunk = staff.slice(i, i + 200);
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('users')
        .values(
          chunk.map((s) => ({
            id: `u-${s.id}`,
            login: `bench-teacher-${s.id}`,
            password_hash: 'x',
            display_name: `Учитель ${s.id}`,
            locale: 'ru',
            is_demo: 0,
            disabled_at: null,
            password_changed_at: now,
            created_at: now,
          })),
        )
        .execute();
      await trx
        .insertInto('role_assignments')
        .values(
          chunk.map((s) => ({
            id: `r-${s.id}`,
            user_id: `u-${s.id}`,
            role: 'teacher',
            school_id: s.school_id,
            operator_id: null,
            created_at: now,
          })),
        )
        .execute();
      for (const s of chunk)
        await trx
          .updateTable('staff')
          .set({ user_id: `u-${s.id}` })
          .where('id', '=', s.id)
          .execute();
    });
  }
  const deps = {
    db,
    clock: { now: () => new Date() },
    config: loadConfig({ DATABASE_URL: 'sqlite::memory:', SERVE_WEB: 'false' }),
  } as Parameters<typeof createSession>[0];
  const sessions = new Map<string, string>();
  const cookieOf = async (staffId: string) => {
    let cookie = sessions.get(staffId);
    if (!cookie) {
      const { token } = await createSession(deps, `u-${staffId}`, '127.0.0.1');
      cookie = `otmetka_session=${token}`;
      sessions.set(staffId, cookie);
    }
    return cookie;
  };
  const parents = (await benchParents(db)).filter((_, i, all) => i % Math.max(1, Math.floor(all.length / PARENTS)) === 0).slice(0, PARENTS);
  const out: SaveTarget[] = [];
  let seed = 777;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  for (const p of parents) {
    for (const studentId of p.children) {
      const classIds = db.selectFrom('class_memberships').select('class_id').where('student_id', '=', studentId);
      const groupIds = db.selectFrom('group_memberships').select('group_id').where('student_id', '=', studentId);
      const lessons = await db
        .selectFrom('lessons as l')
        .innerJoin('curriculum as c', 'c.id', 'l.curriculum_id')
        .select(['l.curriculum_id', 'l.date', 'l.lesson_number', 'c.teacher_id'])
        .where('l.school_id', '=', p.schoolId)
        .where((eb) => eb.or([eb('c.class_id', 'in', classIds), eb('c.group_id', 'in', groupIds)]))
        .execute();
      // About 30 lessons per child, all over the year.
      for (const l of lessons.filter(() => rnd() < 30 / lessons.length)) {
        out.push({
          cookie: await cookieOf(l.teacher_id),
          path: `/api/schools/${p.schoolId}/journals/${l.curriculum_id}/grades`,
          body: JSON.stringify({
            studentId,
            date: l.date,
            lessonNumber: l.lesson_number,
            value: String(3 + Math.floor(rnd() * 3)),
            workTypeId: `${p.schoolId}-wt-answer`,
          }),
        });
      }
    }
  }
  // Shuffled, so consecutive saves land in different schools, children and weeks.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j] as SaveTarget, out[i] as SaveTarget];
  }
  return out;
}

async function mixedScenario(kind: Kind): Promise<void> {
  console.log(`\n== diary-mixed, ${kind}: ${SCHOOLS} schools, ${PARENTS} parents reading, grade saves at ${SAVE_RATE}/s`);
  const database = await cityCopy(kind);
  try {
    const handle = open(database);
    let reads: Array<{ cookie: string; path: string }>;
    let saves: SaveTarget[];
    try {
      // The cached dataset may predate the newest migrations; sessions are written before the server starts.
      await migrateToLatest(handle.db, database.pgSchema ? { pgSchema: database.pgSchema } : {});
      reads = await diaryTargets(handle, PARENTS);
      saves = await saveTargets(handle);
    } finally {
      await handle.close();
    }
    console.log(
      `${reads.length} (child, week) pairs to read; ${saves.length} grade saves prepared (${new Set(saves.map((s) => s.cookie)).size} teachers)`,
    );
    const publicUrl = serverConfig(database.url).publicUrl;
    await withServer(database, `diary-mixed-${kind}`, async (origin, child) => {
      const started = performance.now();
      const failures = await diaryWarm(origin, reads);
      console.log(`weeks prepared in ${((performance.now() - started) / 1000).toFixed(1)} s${failures ? `, ${failures} FAILED` : ''}`);
      let next = 0;
      for (let round = 1; round <= REPEAT; round++) {
        // Weeks made stale by the previous round are rebuilt as they are read, as on a real evening.
        await diaryLoad(origin, reads, WARMUP_S);
        const readOnly = await diaryLoad(origin, reads, DURATION_S);
        console.log(`diary read-only: ${readOnly.rps} req/s, p50 ${readOnly.p50} ms, p99 ${readOnly.p99} ms, ${readOnly.errors} errors`);
        const saveRun = autocannon({
          url: origin,
          connections: 20,
          overallRate: SAVE_RATE,
          duration: DURATION_S,
          method: 'POST',
          requests: [
            {
              method: 'POST',
              setupRequest: (req) => {
                const t = saves[next++ % saves.length] as SaveTarget;
                return {
                  ...req,
                  path: t.path,
                  body: t.body,
                  headers: { ...req.headers, cookie: t.cookie, origin: publicUrl, 'content-type': 'application/json' },
                };
              },
            },
          ],
        });
        if (round === 1) profileFromHere(child);
        const [mixed, saved] = await Promise.all([diaryLoad(origin, reads, DURATION_S), saveRun]);
        const s = summary(saved);
        console.log(`grade saves beside it: ${s.rps}/s (aim ${SAVE_RATE}), p50 ${s.p50_ms} ms, p99 ${s.p99_ms} ms, ${s.errors} errors`);
        report(
          'diary-mixed',
          kind,
          { rps: mixed.rps, p50_ms: mixed.p50, p99_ms: mixed.p99, errors: mixed.errors + s.errors },
          {
            read_only_rps: readOnly.rps,
            read_only_p99_ms: readOnly.p99,
            kept: Math.round((mixed.rps / Math.max(1, readOnly.rps)) * 1000) / 1000,
            save_rps: s.rps,
            save_p99_ms: s.p99_ms,
            ...(REPEAT > 1 ? { round } : {}),
          },
        );
      }
    });
    console.log(`(load average ${loadAverage()}; ${os.cpus().length} cores shared with other work)`);
  } finally {
    await database.drop();
  }
}

export async function runJournalBench(): Promise<void> {
  const kinds: Kind[] = [];
  if (!args.includes('--no-sqlite')) kinds.push('sqlite');
  if (!args.includes('--no-postgres')) {
    requireLocal(PG_URL);
    kinds.push('postgres');
  }
  for (const kind of kinds) {
    if (ONLY.has('journal-page') || ONLY.has('grade-save')) await journalScenarios(kind);
    if (ONLY.has('diary-mixed')) await mixedScenario(kind);
  }
}
