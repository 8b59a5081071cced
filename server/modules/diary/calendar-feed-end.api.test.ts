import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSchoolWorld, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';

// Issue 12, point 8 (decision 008): a private calendar URL ends with the password it was made
// under: the owner's password change and an administrator's reset delete the owner's feeds.

let t: TestApp;
let w: SchoolWorld;
let admin: Client;

const diary = (studentId: string) => `/api/schools/${w.schoolId}/students/${studentId}/diary`;

beforeAll(async () => {
  t = await createTestApp();
  w = await makeSchoolWorld(t.deps.db);
  admin = await t.signIn(w.users.admin.login, TEST_PASSWORD);
}, 60_000);
afterAll(async () => t.close());

async function feedOf(client: Client, studentId: string): Promise<string> {
  const res = await client.post(`${diary(studentId)}/calendar-feed`);
  expect(res.statusCode, res.body).toBe(201);
  const { path } = res.json() as { path: string };
  expect((await t.anonymous.get(path)).statusCode).toBe(200);
  return path;
}

const feedsOf = async (userId: string) =>
  Number(
    (
      await t.deps.db
        .selectFrom('diary_calendar_feeds')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('calendar feeds end with the password', () => {
  it('a password change ends the owner’s feeds, and only theirs', async () => {
    const parent = await t.signIn(w.users.parent.login, TEST_PASSWORD);
    const path = await feedOf(parent, w.studentIds.inA);
    const student = await t.signIn(w.users.student.login, TEST_PASSWORD);
    const studentPath = await feedOf(student, w.studentIds.inA);
    const changed = await parent.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Новый-пароль-2026!' });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await t.anonymous.get(path)).statusCode).toBe(404);
    expect(await feedsOf(w.users.parent.id)).toBe(0);
    expect((await t.anonymous.get(studentPath)).statusCode).toBe(200);
  });

  it('a refused password change keeps the feeds', async () => {
    const student = await t.signIn(w.users.student.login, TEST_PASSWORD);
    const path = await feedOf(student, w.studentIds.inA);
    const wrong = await student.post('/api/auth/password', { currentPassword: 'не тот', newPassword: 'Новый-пароль-2026!' });
    expect(wrong.statusCode).toBe(400);
    expect((await t.anonymous.get(path)).statusCode).toBe(200);
  });

  it('an administrator’s password reset ends the staff member’s feeds', async () => {
    const classTeacher = await t.signIn(w.users.classTeacher.login, TEST_PASSWORD);
    const path = await feedOf(classTeacher, w.studentIds.inB);
    const staff = await t.deps.db.selectFrom('staff').select('id').where('user_id', '=', w.users.classTeacher.id).executeTakeFirstOrThrow();
    const reset = await admin.post(`/api/schools/${w.schoolId}/staff/${staff.id}/password-reset`);
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await t.anonymous.get(path)).statusCode).toBe(404);
    expect(await feedsOf(w.users.classTeacher.id)).toBe(0);
  });
});
