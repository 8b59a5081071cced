import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/ids.js';
import { makeSchoolWorld, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';

/**
 * Saves that survive a lost answer (issue 11 item 3): a retried save with the same Idempotency-Key
 * gets the first save's outcome and stores nothing twice; the checks run inside the transaction.
 */

let t: TestApp;
let w: SchoolWorld;
let teacher: Client;
let admin: Client;
let answerId: string;

const base = () => `/api/schools/${w.schoolId}`;
const journal = () => `${base()}/journals/${w.curriculumIds.mathA}`;
const key = () => `k-${newId()}`;

async function gradesOf(studentId: string, date: string): Promise<number> {
  const row = await t.deps.db
    .selectFrom('grades')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('student_id', '=', studentId)
    .where('work_date', '=', date)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

beforeAll(async () => {
  t = await createTestApp(); // Monday 2026-11-23, second quarter
  w = await makeSchoolWorld(t.deps.db);
  for (const n of [1, 2]) {
    await t.deps.db
      .insertInto('bells')
      .values({ id: newId(), school_id: w.schoolId, lesson_number: n, starts_at: `0${7 + n}:00`, ends_at: `0${7 + n}:45` })
      .execute();
  }
  admin = await t.signIn(w.users.admin.login, TEST_PASSWORD);
  teacher = await t.signIn(w.users.teacher.login, TEST_PASSWORD);
  const entry = await admin.post(`${base()}/timetable/entries`, { curriculumId: w.curriculumIds.mathA, weekday: 1, lessonNumber: 1 });
  expect(entry.statusCode, entry.body).toBe(201);
  const types = (await teacher.get(`${base()}/work-types`)).json().items as Array<{ id: string; code: string }>;
  answerId = types.find((x) => x.code === 'answer')?.id as string;
}, 60_000);
afterAll(async () => t.close());

describe('a save retried with its Idempotency-Key', () => {
  it('gives one grade however often the same save is sent', async () => {
    const k = key();
    const body = { studentId: w.studentIds.inA, date: '2026-11-16', lessonNumber: 1, value: '4', workTypeId: answerId };
    const first = await teacher.post(`${journal()}/grades`, body, { 'idempotency-key': k });
    expect(first.statusCode, first.body).toBe(201);
    const again = await teacher.post(`${journal()}/grades`, body, { 'idempotency-key': k });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(await gradesOf(w.studentIds.inA, '2026-11-16')).toBe(1);
    // Without a key, a second post is a second grade (two grades in one lesson are allowed).
    const plain = await teacher.post(`${journal()}/grades`, body);
    expect(plain.statusCode).toBe(201);
    expect(await gradesOf(w.studentIds.inA, '2026-11-16')).toBe(2);
  });

  it('gives one grade when two copies of a save race each other', async () => {
    const k = key();
    const body = { studentId: w.studentIds.inA2, date: '2026-11-16', lessonNumber: 1, value: '5', workTypeId: answerId };
    const answers = await Promise.all([1, 2, 3].map(() => teacher.post(`${journal()}/grades`, body, { 'idempotency-key': k })));
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect(await gradesOf(w.studentIds.inA2, '2026-11-16')).toBe(1);
  });

  it('refuses a key used for another save, in the user’s language, and stores nothing', async () => {
    const k = key();
    const body = { studentId: w.studentIds.inA, date: '2026-11-09', lessonNumber: 1, value: '3', workTypeId: answerId };
    expect((await teacher.post(`${journal()}/grades`, body, { 'idempotency-key': k })).statusCode).toBe(201);
    const other = await teacher.post(`${journal()}/grades`, { ...body, value: '2' }, { 'idempotency-key': k });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.message).toMatch(/ключ повторной отправки/);
    const english = await teacher.post(`${journal()}/grades`, { ...body, value: '2' }, { 'idempotency-key': k, 'accept-language': 'en' });
    expect(english.json().error.message).toMatch(/retry key/);
    expect(await gradesOf(w.studentIds.inA, '2026-11-09')).toBe(1);
  });

  it('refuses a malformed key with a clear message', async () => {
    const body = { studentId: w.studentIds.inA, date: '2026-11-09', lessonNumber: 1, value: '3', workTypeId: answerId };
    const res = await teacher.post(`${journal()}/grades`, body, { 'idempotency-key': 'no spaces allowed here' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).not.toBe('');
  });

  it('changes, marks and deletes once: a retry answers the first outcome instead of a conflict', async () => {
    const created = (
      await teacher.post(`${journal()}/grades`, {
        studentId: w.studentIds.inA,
        date: '2026-11-02',
        lessonNumber: 1,
        value: '3',
        workTypeId: answerId,
      })
    ).json();
    const k1 = key();
    const change = { value: '5', version: created.version };
    const changed = await teacher.patch(`${base()}/grades/${created.id}`, change, { 'idempotency-key': k1 });
    expect(changed.statusCode, changed.body).toBe(200);
    // Without the key the same body would now be stale (version 1 → 2); with it, the first answer.
    const retried = await teacher.patch(`${base()}/grades/${created.id}`, change, { 'idempotency-key': k1 });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ value: '5', version: 2 });
    expect((await teacher.patch(`${base()}/grades/${created.id}`, change)).statusCode).toBe(409);

    const k2 = key();
    const mark = { studentId: w.studentIds.inA, date: '2026-11-02', lessonNumber: 1, mark: 'absent', version: 0 };
    const marked = await teacher.put(`${journal()}/attendance`, mark, { 'idempotency-key': k2 });
    expect(marked.statusCode, marked.body).toBe(200);
    const remarked = await teacher.put(`${journal()}/attendance`, mark, { 'idempotency-key': k2 });
    expect(remarked.statusCode, remarked.body).toBe(200);
    expect(remarked.json().item).toMatchObject({ mark: 'absent', version: 1 });

    const k3 = key();
    const url = `${base()}/grades/${created.id}?version=2`;
    expect((await teacher.delete(url, { 'idempotency-key': k3 })).statusCode).toBe(204);
    expect((await teacher.delete(url, { 'idempotency-key': k3 })).statusCode).toBe(204);
    expect((await teacher.delete(url)).statusCode).toBe(404);
  });

  it('writes a lesson’s topic once: a retry answers the lesson as saved, not a conflict', async () => {
    const k = key();
    const url = `${journal()}/lessons/2026-11-23/1`;
    const body = { topic: 'Десятичные дроби', version: 0 };
    const first = await teacher.put(url, body, { 'idempotency-key': k });
    expect(first.statusCode, first.body).toBe(200);
    const again = await teacher.put(url, body, { 'idempotency-key': k });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, topic: 'Десятичные дроби', version: 1 });
    expect((await teacher.put(url, body)).statusCode).toBe(409);
  });

  it('checks the closed period inside the save: a save after the close is refused and writes nothing', async () => {
    const body = { studentId: w.studentIds.inA, date: '2026-11-16', lessonNumber: 1, value: '2', workTypeId: answerId };
    const before = await gradesOf(w.studentIds.inA, '2026-11-16');
    // The quarter has not ended on the test clock: an early close, with its reason (decision 008).
    const close = await admin.post(`${base()}/periods/${w.periodIds[1]}/close`, { early: true, reason: 'Проверка блокировки' });
    expect(close.statusCode, close.body).toBe(200);
    const refused = await teacher.post(`${journal()}/grades`, body, { 'idempotency-key': key() });
    expect(refused.statusCode).toBe(423);
    expect(await gradesOf(w.studentIds.inA, '2026-11-16')).toBe(before);
    // The refused key was not kept: the same key is free once the period is open again.
    expect((await admin.post(`${base()}/periods/${w.periodIds[1]}/reopen`, { reason: 'Проверка' })).statusCode).toBe(200);
  });
});
