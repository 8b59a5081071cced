import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAll } from '../../cli/audit-verify.js';
import { newId } from '../../lib/ids.js';
import { makeSchoolWorld, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';
import { multipartFile, multipartHeaders } from '../../test/multipart.js';
import { appendAuditRows, ReadAuditCommitter } from './read-commit.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');

let t: TestApp;
let w: SchoolWorld;
let admin: Client;
let director: Client;
let teacher: Client;
let lessonId: string;
let gradeId: string;
let editedActor: string | null = null;

const base = () => `/api/schools/${w.schoolId}`;
const journal = () => `${base()}/journals/${w.curriculumIds.mathA}`;

async function auditRows(entity: string, actorId: string) {
  return t.deps.db
    .selectFrom('audit_log')
    .select(['action', 'entity_id', 'details', 'school_id', 'chain_seq', 'hash'])
    .where('entity', '=', entity)
    .where('actor_user_id', '=', actorId)
    .execute();
}

/** `otmetka audit verify` as an operator runs it, against this test's database. */
async function verifyCommand(): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, ['bin/otmetka.mjs', 'audit', 'verify'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: t.cliDatabaseUrl },
    });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: `${e.stdout}${e.stderr}` };
  }
}

beforeAll(async () => {
  t = await createTestApp();
  w = await makeSchoolWorld(t.deps.db);
  admin = await t.signIn(w.users.admin.login, TEST_PASSWORD);
  director = await t.signIn(w.users.director.login, TEST_PASSWORD);
  teacher = await t.signIn(w.users.teacher.login, TEST_PASSWORD);
  await admin.post(`${base()}/timetable/entries`, { curriculumId: w.curriculumIds.mathA, weekday: 1, lessonNumber: 1 });
  const lesson = await teacher.put(`${journal()}/lessons/2026-11-23/1`, { topic: 'Дроби', version: 0 });
  expect(lesson.statusCode, lesson.body).toBe(200);
  lessonId = lesson.json().id;
  const types = await teacher.get(`${base()}/work-types`);
  const answerId = types.json().items.find((x: { code: string }) => x.code === 'answer').id;
  const grade = await teacher.post(`${journal()}/grades`, {
    studentId: w.studentIds.inA,
    date: '2026-11-23',
    lessonNumber: 1,
    value: '5',
    workTypeId: answerId,
  });
  expect(grade.statusCode, grade.body).toBe(201);
  gradeId = grade.json().id;
  const changed = await teacher.patch(`${base()}/grades/${gradeId}`, { value: '4', version: 1 });
  expect(changed.statusCode, changed.body).toBe(200);
}, 60_000);
afterAll(async () => t.close());

describe('reads of personal data are audited before they are answered (issue 12.9)', () => {
  it('logs reads of the journal history, averages, a lesson record, an attachment and a period mark', async () => {
    expect((await teacher.get(`${journal()}/history`)).statusCode).toBe(200);
    expect((await teacher.get(`${journal()}/averages`)).statusCode).toBe(200);
    expect((await teacher.get(`${base()}/lessons/${lessonId}`)).statusCode).toBe(200);
    expect((await teacher.get(`${journal()}/students/${w.studentIds.inA}/period-mark`)).statusCode).toBe(200);
    const upload = await teacher.request({
      method: 'POST',
      url: `${base()}/lessons/${lessonId}/attachments`,
      headers: multipartHeaders(),
      payload: multipartFile('task.txt', 'Задание', 'text/plain'),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const attachmentId = upload.json().id;
    expect((await teacher.get(`${base()}/lessons/${lessonId}/attachments/${attachmentId}`)).statusCode).toBe(200);
    // No flush, no wait: each answer came after its row's commit.
    const me = w.users.teacher.id;
    expect((await auditRows('journal_history', me)).map((r) => [r.action, r.entity_id])).toEqual([['read', w.curriculumIds.mathA]]);
    expect((await auditRows('journal_averages', me)).map((r) => r.entity_id)).toEqual([w.curriculumIds.mathA]);
    expect((await auditRows('lesson', me)).filter((r) => r.action === 'read').map((r) => r.entity_id)).toEqual([lessonId]);
    expect((await auditRows('period_mark', me)).map((r) => r.entity_id)).toEqual([w.curriculumIds.mathA]);
    const read = (await auditRows('attachment', me)).filter((r) => r.action === 'read');
    expect(read.map((r) => r.entity_id)).toEqual([attachmentId]);
    // Ids and counts only; the grade values and the file's content are not in the log.
    for (const row of await auditRows('journal_history', me)) expect(row.details).not.toMatch(/"value"/);
    expect(read[0]?.details).not.toContain('Задание');
  });

  it('logs reads of the audit log itself, with the filter used', async () => {
    const res = await director.get(`${base()}/audit?entity=grade`);
    expect(res.statusCode).toBe(200);
    const rows = await auditRows('audit_log', w.users.director.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.action).toBe('list');
    expect(JSON.parse(rows[0]?.details ?? '{}')).toMatchObject({ entity: 'grade' });
  });

  it("shows the school's admin and director the sign-ins of its staff: success, failure and the second factor's", async () => {
    const wrong = await t.anonymous.post('/api/auth/login', { login: w.users.teacher.login, password: 'not-the-password-1' });
    expect(wrong.statusCode).toBe(401);
    const seen = await director.get(`${base()}/audit?actorUserId=${w.users.teacher.id}&entity=user`);
    expect(seen.statusCode).toBe(200);
    const actions = seen.json().items.map((i: { action: string }) => i.action);
    expect(actions).toContain('login');
    expect(actions).toContain('login_failed');
    // Each in the school's chain.
    const rows = await t.deps.db
      .selectFrom('audit_log')
      .select(['school_id', 'chain_seq'])
      .where('entity', '=', 'user')
      .where('entity_id', '=', w.users.teacher.id)
      .execute();
    expect(rows.every((r) => r.school_id === w.schoolId && r.chain_seq !== null)).toBe(true);
  });

  it('retries a failed batch instead of dropping it, and refuses the read only when every attempt failed', async () => {
    let calls = 0;
    const flaky = new ReadAuditCommitter(t.deps.db, async (db, rows) => {
      calls += 1;
      if (calls <= 2) throw new Error('disk I/O error');
      await db.transaction().execute((trx) => appendAuditRows(trx, rows));
    });
    const id = newId();
    const row = {
      id,
      school_id: w.schoolId,
      actor_user_id: w.users.teacher.id,
      action: 'read',
      entity: 'student',
      entity_id: w.studentIds.inA,
      details: '{}',
      ip: '127.0.0.1',
      at: new Date().toISOString(),
    };
    await flaky.commit([row]);
    expect(calls).toBe(3);
    expect(await t.deps.db.selectFrom('audit_log').select('id').where('id', '=', id).executeTakeFirst()).toBeDefined();

    const broken = new ReadAuditCommitter(t.deps.db, async () => {
      throw new Error('disk full');
    });
    await expect(broken.commit([{ ...row, id: newId() }])).rejects.toMatchObject({ status: 503, code: 'audit_unavailable' });
  }, 15_000);
});

describe('the group commit of audit rows', () => {
  it('starts a new batch for a row queued just as the last batch ends, instead of leaving it waiting', async () => {
    const written: string[] = [];
    const committer = new ReadAuditCommitter(t.deps.db, async (_db, rows) => {
      written.push(...rows.map((r) => r.id));
    });
    const row = (id: string) => ({
      id,
      school_id: w.schoolId,
      actor_user_id: null,
      action: 'read',
      entity: 'student',
      entity_id: null,
      details: '{}',
      ip: '127.0.0.1',
      at: new Date().toISOString(),
    });
    // Queued from the first row's own resolution: the microtask right after its batch's last step.
    let second: Promise<void> | undefined;
    await committer.commit([row('a')]).then(() => {
      second = committer.commit([row('b')]);
    });
    const outcome = await Promise.race([second?.then(() => 'stored'), new Promise((r) => setTimeout(() => r('stuck'), 2000))]);
    expect(outcome).toBe('stored');
    expect(written).toEqual(['a', 'b']);
  });
});

describe('the audit log and the grade history are hash-chained (issue 12.9)', () => {
  it('keeps one unbroken chain per school under concurrent reads and writes', async () => {
    const types = await teacher.get(`${base()}/work-types`);
    const answerId = types.json().items.find((x: { code: string }) => x.code === 'answer').id;
    const results = await Promise.all([
      ...Array.from({ length: 20 }, () => teacher.get(journal())),
      ...Array.from({ length: 8 }, (_, i) =>
        teacher.post(`${journal()}/grades`, {
          studentId: i % 2 ? w.studentIds.inA : w.studentIds.inA2,
          date: '2026-11-16',
          lessonNumber: 1,
          value: String(2 + (i % 4)),
          workTypeId: answerId,
        }),
      ),
    ]);
    for (const r of results) expect([200, 201], r.body).toContain(r.statusCode);
    const reports = await verifyAll(t.deps.db);
    expect(reports.filter((r) => r.broken)).toEqual([]);
    const school = reports.filter((r) => r.schoolId === w.schoolId);
    expect(school.map((r) => r.table).sort()).toEqual(['audit_log', 'journal_history']);
    for (const r of school) expect(r.head.seq).toBe(r.rows);
  });

  it('finds a row edited in the database and names the first broken link, on the command line', async () => {
    expect(await verifyCommand()).toMatchObject({ code: 0 });
    const victim = await t.deps.db
      .selectFrom('journal_history')
      .select(['id', 'chain_seq'])
      .where('school_id', '=', w.schoolId)
      .where('entity', '=', 'grade')
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    // An insider turns the 5 → 4 change into 5 → 5.
    await t.deps.db
      .updateTable('journal_history')
      .set({ new_value: JSON.stringify({ value: '5' }) })
      .where('id', '=', victim.id)
      .execute();
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['id', 'chain_seq', 'actor_user_id'])
      .where('school_id', '=', w.schoolId)
      .where('chain_seq', '=', 3)
      .executeTakeFirstOrThrow();
    editedActor = audit.actor_user_id;
    await t.deps.db.updateTable('audit_log').set({ actor_user_id: w.users.operator.id }).where('id', '=', audit.id).execute();

    const { code, out } = await verifyCommand();
    expect(code).toBe(3);
    expect(out).toContain(
      `BROKEN  journal_history of school ${w.schoolId}: first broken link at #${victim.chain_seq} (row ${victim.id}): its content does not match its hash`,
    );
    expect(out).toContain(`BROKEN  audit_log of school ${w.schoolId}: first broken link at #3 (row ${audit.id})`);
  }, 60_000);

  it('finds a row deleted from the middle of the chain', async () => {
    // Mend the edit of the test before, so that the deletion is the first broken link.
    await t.deps.db
      .updateTable('audit_log')
      .set({ actor_user_id: editedActor })
      .where('school_id', '=', w.schoolId)
      .where('chain_seq', '=', 3)
      .execute();
    const rows = await t.deps.db
      .selectFrom('audit_log')
      .select(['id', 'chain_seq'])
      .where('school_id', '=', w.schoolId)
      .orderBy('chain_seq')
      .execute();
    const gone = rows[rows.length - 3] as (typeof rows)[number];
    const after = rows[rows.length - 2] as (typeof rows)[number];
    await t.deps.db.deleteFrom('audit_log').where('id', '=', gone.id).execute();
    const mine = (await verifyAll(t.deps.db)).find((r) => r.table === 'audit_log' && r.schoolId === w.schoolId);
    expect(mine?.broken).toEqual({ seq: after.chain_seq, id: after.id, problem: 'missing_before' });
  });
});
