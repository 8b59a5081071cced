import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { connect, type DbHandle } from '../server/db/connect.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { addDays, isoWeekday } from '../server/lib/dates.js';
import { newId } from '../server/lib/ids.js';
import { makeSchoolWorld, makeStudent, TEST_PASSWORD } from '../server/test/factories.js';

/**
 * Journal scenarios (issue 3): one journal page of 35 students × 60 lessons, and grade saves,
 * with 20 concurrent connections against 127.0.0.1. Database: BENCH_DATABASE_URL (postgres://…)
 * or a fresh SQLite file.
 */

const CONNECTIONS = 20;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const PERIOD = { from: '2027-01-12', to: '2027-03-21' }; // the world's third quarter

async function openDatabase(): Promise<{ handle: DbHandle; url: string; pgSchema?: string; drop: () => Promise<void> }> {
  const url = process.env.BENCH_DATABASE_URL;
  if (url?.startsWith('postgres')) {
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const handle = connect(url, { pgSchema: schema, poolSize: 10 });
    return {
      handle,
      url,
      pgSchema: schema,
      drop: async () => {
        await handle.close();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP SCHEMA ${schema} CASCADE`);
        await c.end();
      },
    };
  }
  const file = path.join(os.tmpdir(), `otmetka-bench-${randomBytes(4).toString('hex')}.db`);
  const handle = connect(`sqlite:${file}`);
  return {
    handle,
    url: `sqlite:${file}`,
    drop: async () => {
      await handle.close();
      for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
    },
  };
}

function report(scenario: string, db: string, r: autocannon.Result): void {
  const errors = r.errors + r.timeouts + r.non2xx;
  console.log(
    `${scenario}: ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.requests.total} requests, ${errors} errors`,
  );
  console.log(JSON.stringify({ scenario, db, rps: Math.round(r.requests.average), p50_ms: r.latency.p50, p99_ms: r.latency.p99, errors }));
}

export async function runJournalBench(): Promise<void> {
  const database = await openDatabase();
  await migrateToLatest(database.handle.db, database.pgSchema ? { pgSchema: database.pgSchema } : {});
  const db = database.handle.db;
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
  const students = (await db.selectFrom('class_memberships').select('student_id').where('class_id', '=', w.classIds.a).execute()).map(
    (r) => r.student_id,
  );

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otmetka-bench-data-'));
  const config = {
    ...loadConfig({ DATABASE_URL: database.url, DATA_DIR: dir, SERVE_WEB: 'false', PORT: '0' }),
    databaseKind: database.handle.kind,
  };
  const { app } = await buildApp({ config, database: database.handle });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  try {
    const login = await fetch(`${origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: config.publicUrl },
      body: JSON.stringify({ login: w.users.teacher.login, password: TEST_PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const headers = { cookie, origin: config.publicUrl, 'content-type': 'application/json' };
    const journalUrl = `${origin}/api/schools/${w.schoolId}/journals/${w.curriculumIds.mathA}`;
    const periodId = w.periodIds[2] as string;
    const types = (await (await fetch(`${origin}/api/schools/${w.schoolId}/work-types`, { headers })).json()) as {
      items: Array<{ id: string }>;
    };
    const workTypeId = types.items[0]?.id as string;

    // Fill the grid like a real quarter: a grade in about every third cell, some absences, topics.
    let filled = 0;
    for (const [di, date] of dates.entries()) {
      await fetch(`${journalUrl}/lessons/${date}/1`, {
        method: 'PUT',
        headers,
        body: JSON.stringify({ topic: `Тема ${di + 1}`, version: 0 }),
      });
      for (const [si, studentId] of students.entries()) {
        if ((si + di) % 3 === 0) {
          const value = String(2 + ((si * 7 + di) % 4));
          const res = await fetch(`${journalUrl}/grades`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ studentId, date, lessonNumber: 1, value, workTypeId }),
          });
          if (res.ok) filled++;
        } else if ((si * 5 + di) % 17 === 0) {
          await fetch(`${journalUrl}/attendance`, {
            method: 'PUT',
            headers,
            body: JSON.stringify({ studentId, date, lessonNumber: 1, mark: 'absent', version: 0 }),
          });
        }
      }
    }
    const page = (await (await fetch(`${journalUrl}?periodId=${periodId}`, { headers })).json()) as {
      lessons: unknown[];
      students: unknown[];
      grades: unknown[];
    };
    console.log(
      `journal page: ${page.students.length} students × ${page.lessons.length} lessons, ${page.grades.length} grades (${filled} entered)`,
    );

    // One connection, one request at a time: the cost of a page without queueing.
    const started = performance.now();
    for (let i = 0; i < 20; i++) await (await fetch(`${journalUrl}?periodId=${periodId}`, { headers })).arrayBuffer();
    console.log(
      `journal page alone: ${((performance.now() - started) / 20).toFixed(1)} ms per request (load average ${os.loadavg()[0]?.toFixed(1)})`,
    );

    const pageRun = await autocannon({
      url: `${journalUrl}?periodId=${periodId}`,
      connections: CONNECTIONS,
      duration: DURATION_S,
      headers: { cookie },
    });
    report('journal-page', database.handle.kind, pageRun);

    let n = 0;
    const saveRun = await autocannon({
      url: `${journalUrl}/grades`,
      connections: CONNECTIONS,
      duration: DURATION_S,
      method: 'POST',
      headers,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            const i = n++;
            const body = {
              studentId: students[i % students.length],
              date: dates[Math.floor(i / students.length) % dates.length],
              lessonNumber: 1,
              value: String(2 + (i % 4)),
              workTypeId,
            };
            return { ...req, body: JSON.stringify(body) };
          },
        },
      ],
    });
    report('grade-save', database.handle.kind, saveRun);
  } finally {
    await app.close();
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
