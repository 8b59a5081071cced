import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/ids.js';
import { makeSchoolWorld, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, createTestApp, TEST_ORIGIN, type TestApp } from '../../test/harness.js';

/**
 * The journal page's fast path (issue 11): a reader's rights and period are kept per node under
 * the page's stamps and the actor comes from the short session cache. Whatever changes the rights
 * must still take effect on the next read, on this node and on another one.
 */

let t: TestApp;
let w: SchoolWorld;
let admin: Client;

const page = () => `/api/schools/${w.schoolId}/journals/${w.curriculumIds.mathA}`;
const curriculum = () => `/api/schools/${w.schoolId}/curriculum/${w.curriculumIds.mathA}`;

beforeAll(async () => {
  t = await createTestApp();
  w = await makeSchoolWorld(t.deps.db);
  admin = await t.signIn(w.users.admin.login, TEST_PASSWORD);
}, 60_000);
afterAll(async () => t.close());

describe('a journal page read from the per-node view', () => {
  it('is refused at once after the item is given to another teacher, on both nodes', async () => {
    const teacher = await t.signIn(w.users.teacher.login, TEST_PASSWORD);
    const second = await t.secondNode();
    const teacherThere = second.as(teacher);
    for (const client of [teacher, teacher, teacherThere, teacherThere]) {
      const read = await client.get(page());
      expect(read.statusCode, read.body).toBe(200);
      expect(read.json().canWrite).toBe(true);
    }
    const moved = await admin.patch(curriculum(), { teacherId: w.staffIds.otherTeacher });
    expect(moved.statusCode, moved.body).toBe(200);
    for (const client of [teacher, teacherThere]) {
      const read = await client.get(page());
      // Not the item's teacher any more: no write right, and no read beyond what the policy allows.
      if (read.statusCode === 200) expect(read.json().canWrite).toBe(false);
      else expect([403, 404]).toContain(read.statusCode);
    }
    const back = await admin.patch(curriculum(), { teacherId: w.staffIds.teacher });
    expect(back.statusCode, back.body).toBe(200);
    const again = await teacher.get(page());
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().canWrite).toBe(true);
  });

  it('is refused at once after the reader signs out, although the actor was cached', async () => {
    const teacher = await t.signIn(w.users.teacher.login, TEST_PASSWORD);
    const cookie = teacher.cookie;
    expect((await teacher.get(page())).statusCode).toBe(200);
    expect((await teacher.get(page())).statusCode).toBe(200);
    expect((await teacher.post('/api/auth/logout')).statusCode).toBeLessThan(300);
    // The old cookie, replayed: the session row is gone, so the page is not served.
    const replay = await t.app.inject({ method: 'GET', url: page(), headers: { cookie: cookie ?? '' } });
    expect(replay.statusCode).toBe(401);
  });

  it('serves another reader their own rights, not the first reader view', async () => {
    const teacher = await t.signIn(w.users.teacher.login, TEST_PASSWORD);
    expect((await teacher.get(page())).json().canWrite).toBe(true);
    const other = await t.signIn(w.users.otherTeacher.login, TEST_PASSWORD);
    const byOther = await other.get(page());
    if (byOther.statusCode === 200) expect(byOther.json().canWrite).toBe(false);
    else expect([403, 404]).toContain(byOther.statusCode);
  });

  it('a save from a kept context is refused at once after reassignment and after sign-out', async () => {
    await t.deps.db
      .insertInto('bells')
      .values({ id: newId(), school_id: w.schoolId, lesson_number: 1, starts_at: '08:00', ends_at: '08:45' })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const entry = await admin.post(`/api/schools/${w.schoolId}/timetable/entries`, {
      curriculumId: w.curriculumIds.mathA,
      weekday: 1,
      lessonNumber: 1,
    });
    expect(entry.statusCode, entry.body).toBe(201);
    const teacher = await t.signIn(w.users.teacher.login, TEST_PASSWORD);
    const types = (await teacher.get(`/api/schools/${w.schoolId}/work-types`)).json().items as Array<{ id: string; code: string }>;
    const workTypeId = types.find((x) => x.code === 'answer')?.id as string;
    const grade = (value: string) => ({ studentId: w.studentIds.inA, date: '2026-11-16', lessonNumber: 1, value, workTypeId });
    const grades = `${page()}/grades`;
    for (const value of ['4', '5']) expect((await teacher.post(grades, grade(value))).statusCode).toBe(201);
    expect((await admin.patch(curriculum(), { teacherId: w.staffIds.otherTeacher })).statusCode).toBe(200);
    const refused = await teacher.post(grades, grade('3'));
    expect([403, 404, 409]).toContain(refused.statusCode);
    expect((await admin.patch(curriculum(), { teacherId: w.staffIds.teacher })).statusCode).toBe(200);
    expect((await teacher.post(grades, grade('3'))).statusCode).toBe(201);
    const cookie = teacher.cookie ?? '';
    expect((await teacher.post('/api/auth/logout')).statusCode).toBeLessThan(300);
    const replay = await t.app.inject({
      method: 'POST',
      url: grades,
      headers: { cookie, origin: TEST_ORIGIN },
      payload: grade('2'),
    });
    expect(replay.statusCode).toBe(401);
  });
});
