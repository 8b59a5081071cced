import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/ids.js';
import { makeSchoolWorld, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';

// Issue 12, point 8 (decision 008): a substitute reads the journal of the item only on the
// school's days of their substitutions in it (the substitution's date ± 0 days).

let t: TestApp;
let w: SchoolWorld;
let admin: Client;
let substitute: Client;
let answerId: string;

const base = () => `/api/schools/${w.schoolId}`;
const journal = () => `${base()}/journals/${w.curriculumIds.mathA}`;
/** Moves the clock and signs the substitute in again (a session does not outlive a day idle). */
async function at(instant: string): Promise<void> {
  t.clock.set(new Date(instant.length === 10 ? `${instant}T09:00:00Z` : instant));
  substitute = await t.signIn(w.users.otherTeacher.login, TEST_PASSWORD);
}
const grade = (date: string, lessonNumber: number) => ({
  studentId: w.studentIds.inA,
  date,
  lessonNumber,
  value: '4',
  workTypeId: answerId,
});
const listed = async () =>
  ((await substitute.get(`${base()}/journals`)).json().items as Array<{ curriculumId: string }>).some(
    (i) => i.curriculumId === w.curriculumIds.mathA,
  );

beforeAll(async () => {
  t = await createTestApp(); // clock: Monday 2026-11-23
  w = await makeSchoolWorld(t.deps.db);
  for (const n of [1, 2]) {
    await t.deps.db
      .insertInto('bells')
      .values({ id: newId(), school_id: w.schoolId, lesson_number: n, starts_at: `0${7 + n}:00`, ends_at: `0${7 + n}:45` })
      .execute();
  }
  admin = await t.signIn(w.users.admin.login, TEST_PASSWORD);
  // 5А mathematics: Monday lesson 1, Wednesday lesson 2.
  for (const body of [
    { curriculumId: w.curriculumIds.mathA, weekday: 1, lessonNumber: 1 },
    { curriculumId: w.curriculumIds.mathA, weekday: 3, lessonNumber: 2 },
  ]) {
    const res = await admin.post(`${base()}/timetable/entries`, body);
    expect(res.statusCode, res.body).toBe(201);
  }
  answerId = ((await admin.get(`${base()}/work-types`)).json().items as Array<{ id: string; code: string }>).find(
    (x) => x.code === 'answer',
  )?.id as string;
  const change = await admin.post(`${base()}/timetable/changes`, {
    curriculumId: w.curriculumIds.mathA,
    date: '2026-11-25',
    lessonNumber: 2,
    substituteTeacherId: w.staffIds.otherTeacher,
  });
  expect(change.statusCode, change.body).toBe(201);
}, 60_000);
afterAll(async () => t.close());

describe('a substitute’s read access lasts the substitution’s day', () => {
  it('sees nothing before the day', async () => {
    await at('2026-11-23');
    expect((await substitute.get(journal())).statusCode).toBe(404);
    expect((await substitute.get(`${journal()}/averages`)).statusCode).toBe(404);
    expect(await listed()).toBe(false);
    expect((await substitute.post(`${journal()}/grades`, grade('2026-11-25', 2))).statusCode).toBe(404);
  });

  it('reads the journal and writes the covered lesson on the day (school time zone), not other lessons', async () => {
    // 23:30 UTC on the 24th is 01:30 on the 25th in the school's zone (Europe/Kaliningrad, UTC+2).
    await at('2026-11-24T23:30:00Z');
    const page = await substitute.get(journal());
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().canWrite).toBe(false);
    expect(await listed()).toBe(true);
    await at('2026-11-25');
    const covered = await substitute.post(`${journal()}/grades`, grade('2026-11-25', 2));
    expect(covered.statusCode, covered.body).toBe(201);
    expect((await substitute.post(`${journal()}/grades`, grade('2026-11-23', 1))).statusCode).toBe(403);
  });

  it('loses the journal the day after', async () => {
    await at('2026-11-26');
    expect((await substitute.get(journal())).statusCode).toBe(404);
    expect((await substitute.get(`${journal()}/history`)).statusCode).toBe(404);
    expect(await listed()).toBe(false);
    expect((await substitute.post(`${journal()}/grades`, { ...grade('2026-11-25', 2), value: '5' })).statusCode).toBe(404);
    await at('2026-11-23');
  });
});
