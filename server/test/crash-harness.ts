import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { describeReport, verifyAll } from '../cli/audit-verify.js';
import { connect, type DbHandle } from '../db/connect.js';
import { newId } from '../lib/ids.js';
import { createTestDatabase } from './database.js';
import { makeSchoolWorld, TEST_PASSWORD } from './factories.js';

/**
 * Crash safety, proven (issue 16.3): a real server process takes concurrent grade and attendance
 * writes, is killed with SIGKILL at a random moment, and is started again on the same database.
 * Every write it acknowledged with 2xx must be there with its value; the database must pass its
 * integrity check (SQLite) and the audit and grade-history chains must still link. Used by the
 * API test (a few rounds) and by `npm run bench -- crash` (many).
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MARKS = ['absent', 'ill', 'excused', 'late'] as const;

export interface CrashWorld {
  kind: DbHandle['kind'];
  /** DATABASE_URL of the server process (its own PostgreSQL schema included). */
  serverUrl: string;
  handle: DbHandle;
  schoolId: string;
  curriculumId: string;
  teacherLogin: string;
  adminLogin: string;
  parentLogin: string;
  workTypeId: string;
  students: string[];
  dates: string[];
  dataDir: string;
  drop(): Promise<void>;
}

/** A school whose 5А has mathematics in the first lesson of every weekday. */
export async function prepareCrashWorld(): Promise<CrashWorld> {
  const database = await createTestDatabase();
  const { handle } = database;
  const w = await makeSchoolWorld(handle.db);
  await handle.db
    .insertInto('bells')
    .values({ id: newId(), school_id: w.schoolId, lesson_number: 1, starts_at: '08:00', ends_at: '08:45' })
    .execute();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'otmetka-crash-'));
  const serverUrl = database.pgSchema
    ? `${database.url}${database.url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${database.pgSchema}`)}`
    : database.url;
  return {
    kind: handle.kind,
    serverUrl,
    handle,
    schoolId: w.schoolId,
    curriculumId: w.curriculumIds.mathA,
    teacherLogin: w.users.teacher.login,
    adminLogin: w.users.admin.login,
    parentLogin: w.users.parent.login,
    workTypeId: '',
    students: [w.studentIds.inA, w.studentIds.inA2],
    dates: weekdaysBetween('2026-11-09', '2026-11-27'),
    dataDir,
    drop: async () => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      await database.drop();
    },
  };
}

function weekdaysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    const day = d.getUTCDay();
    if (day >= 1 && day <= 5) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  origin: string;
  child: ChildProcess;
  output(): string;
}

/** `otmetka serve` in its own process on the world's database; resolves when /api/health answers. */
export async function startServerProcess(
  world: CrashWorld,
  opts: { services?: 'web' | 'worker' | 'web,worker' } = {},
): Promise<RunningServer> {
  const chosen = await freePort();
  const services = opts.services ?? 'web';
  const origin = `http://127.0.0.1:${chosen}`;
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/otmetka.mjs'), 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: world.serverUrl,
      DATA_DIR: world.dataDir,
      HOST: '127.0.0.1',
      PORT: String(chosen),
      PUBLIC_URL: origin,
      SERVICES: services,
      SERVE_WEB: 'false',
      MFA_REQUIRED: 'false',
      PASSWORD_HASH_COST: '14',
      // A worker node started after the daily backup's time would catch it up mid-test.
      BACKUP_TIME: 'off',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  // A worker-only node has no HTTP to ask; it is up once it runs (its jobs show it).
  if (!services.includes('web')) return { origin, child, output: () => stderr };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${stderr}`);
    try {
      const res = await fetch(`${origin}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start within 60 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { origin, child, output: () => stderr };
}

/**
 * Mathematics in the first lesson of every weekday, written through the API as a school would,
 * and the work type the grades are given for (the school's defaults appear on first use).
 */
export async function setUpOverHttp(world: CrashWorld, origin: string): Promise<void> {
  const cookie = await signInOver(origin, world.adminLogin);
  const types = await fetch(`${origin}/api/schools/${world.schoolId}/work-types`, { headers: { cookie } });
  const items = ((await types.json()) as { items: Array<{ id: string; code: string }> }).items;
  world.workTypeId = items.find((x) => x.code === 'answer')?.id ?? '';
  if (!world.workTypeId) throw new Error('no work type "answer"');
  for (let weekday = 1; weekday <= 5; weekday++) {
    const res = await fetch(`${origin}/api/schools/${world.schoolId}/timetable/entries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, cookie },
      body: JSON.stringify({ curriculumId: world.curriculumId, weekday, lessonNumber: 1 }),
    });
    if (res.status !== 201) throw new Error(`timetable entry answered ${res.status}: ${await res.text()}`);
  }
}

export async function killHard(server: RunningServer): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.child.once('exit', () => resolve()));
  server.child.kill('SIGKILL');
  await exited;
}

export async function signInOver(origin: string, login: string): Promise<string> {
  const res = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ login, password: TEST_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('otmetka_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0] as string;
}

interface AttendanceKey {
  studentId: string;
  date: string;
}

/** What the clients were told: grades by id, and per attendance key its last acknowledged state. */
export interface Acknowledged {
  grades: Map<string, string>;
  attendance: Map<string, { key: AttendanceKey; mark: string; version: number; pending: string | null }>;
}

export function newAcknowledged(): Acknowledged {
  return { grades: new Map(), attendance: new Map() };
}

const keyOf = (k: AttendanceKey) => `${k.studentId}|${k.date}`;

/**
 * Writers until the server dies: `graders` post new grades; `markers` each own attendance keys and
 * change their marks in turn, remembering the last acknowledged mark and version and the one in
 * flight (which may or may not have committed when the process was killed).
 */
export async function writeUntilDeath(
  world: CrashWorld,
  origin: string,
  cookie: string,
  acked: Acknowledged,
  opts: { graders: number; markers: number },
): Promise<void> {
  const base = `${origin}/api/schools/${world.schoolId}/journals/${world.curriculumId}`;
  const headers = { 'content-type': 'application/json', origin, cookie };
  let n = 0;
  const grader = async () => {
    for (;;) {
      const i = n++;
      const value = String(2 + (i % 4));
      const body = {
        studentId: world.students[i % world.students.length],
        date: world.dates[i % world.dates.length],
        value,
        workTypeId: world.workTypeId,
      };
      let res: Response;
      try {
        res = await fetch(`${base}/grades`, { method: 'POST', headers, body: JSON.stringify(body) });
      } catch {
        return; // the server is gone
      }
      if (res.status !== 201) throw new Error(`grade save answered ${res.status}: ${await res.text()}`);
      const grade = (await res.json()) as { id: string; value: string };
      acked.grades.set(grade.id, grade.value);
    }
  };
  const keys: AttendanceKey[] = world.dates.flatMap((date) => world.students.map((studentId) => ({ studentId, date })));
  const marker = async (own: AttendanceKey[]) => {
    for (let turn = 0; ; turn++) {
      const key = own[turn % own.length] as AttendanceKey;
      const state = acked.attendance.get(keyOf(key)) ?? { key, mark: '', version: 0, pending: null };
      const mark = MARKS[(MARKS.indexOf(state.mark as (typeof MARKS)[number]) + 1) % MARKS.length] as string;
      state.pending = mark;
      acked.attendance.set(keyOf(key), state);
      let res: Response;
      try {
        res = await fetch(`${base}/attendance`, {
          method: 'PUT',
          headers,
          body: JSON.stringify({ ...key, lessonNumber: 1, mark, version: state.version }),
        });
      } catch {
        return;
      }
      if (res.status === 409) {
        // The write in flight when the server was killed committed unanswered: adopt it, once.
        const current = ((await res.json()) as { error: { current: { mark: string; version: number } | null } }).error.current;
        if (current && current.version === state.version + 1 && current.mark === state.pending) {
          state.mark = current.mark;
          state.version = current.version;
          state.pending = null;
          continue;
        }
        throw new Error(`attendance save conflicts with a state no client was told of: ${JSON.stringify(current)}`);
      }
      if (res.status !== 200) throw new Error(`attendance save answered ${res.status}: ${await res.text()}`);
      const saved = (await res.json()) as { item: { mark: string; version: number } };
      state.mark = saved.item.mark;
      state.version = saved.item.version;
      state.pending = null;
    }
  };
  const share = (i: number) => keys.filter((_, k) => k % opts.markers === i);
  await Promise.all([...Array.from({ length: opts.graders }, grader), ...Array.from({ length: opts.markers }, (_, i) => marker(share(i)))]);
}

export interface Verdict {
  acknowledged: number;
  lost: string[];
  integrity: string;
}

/** Compares the database with what was acknowledged (read through a fresh connection). */
export async function verify(world: CrashWorld, acked: Acknowledged): Promise<Verdict> {
  const fresh = world.kind === 'sqlite' ? connect(world.serverUrl) : null;
  const db = fresh?.db ?? world.handle.db;
  try {
    const lost: string[] = [];
    const ids = [...acked.grades.keys()];
    const stored = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db
        .selectFrom('grades')
        .select(['id', 'value'])
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const r of rows) stored.set(r.id, r.value);
    }
    for (const [id, value] of acked.grades) {
      if (stored.get(id) !== value) lost.push(`grade ${id}: acknowledged ${value}, stored ${stored.get(id) ?? 'nothing'}`);
    }
    for (const state of acked.attendance.values()) {
      if (state.version === 0) continue;
      const row = await db
        .selectFrom('attendance_marks as a')
        .innerJoin('lessons as l', 'l.id', 'a.lesson_id')
        .select(['a.mark', 'a.version'])
        .where('a.student_id', '=', state.key.studentId)
        .where('a.curriculum_id', '=', world.curriculumId)
        .where('a.lesson_date', '=', state.key.date)
        .where('l.lesson_number', '=', 1)
        .executeTakeFirst();
      const fine =
        (row?.version === state.version && row.mark === state.mark) ||
        // The write in flight at the kill may have committed without its answer reaching the client.
        (row?.version === state.version + 1 && row.mark === state.pending);
      if (!fine) {
        lost.push(
          `attendance ${keyOf(state.key)}: acknowledged ${state.mark} v${state.version}, stored ${row ? `${row.mark} v${row.version}` : 'nothing'}`,
        );
      }
    }
    let integrity = 'ok';
    if (world.kind === 'sqlite') {
      const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
      integrity = check.rows.map((r) => r.integrity_check).join('; ');
    }
    // The audit log and the grade history must still link: a torn batch would break a chain.
    const broken = (await verifyAll(db)).filter((r) => r.broken !== null).map(describeReport);
    if (broken.length > 0) integrity = integrity === 'ok' ? broken.join('; ') : `${integrity}; ${broken.join('; ')}`;
    const acknowledged = acked.grades.size + [...acked.attendance.values()].filter((s) => s.version > 0).length;
    return { acknowledged, lost, integrity };
  } finally {
    await fresh?.close();
  }
}
