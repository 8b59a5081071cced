import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSchoolWorld, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';

/** Issue 12 points 1, 2, 4: operators stay outside, duties are separated, leavers lose access. */

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(async () => t.close());

// Each sign-in comes from an address of its own: the login route allows 30 a minute per address.
let address = 0;
async function signIn(login: string, password = TEST_PASSWORD): Promise<Client> {
  const res = await t.anonymous.request({
    method: 'POST',
    url: '/api/auth/login',
    payload: { login, password },
    remoteAddress: `10.12.${Math.floor(++address / 200)}.${address % 200}`,
  });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${login} failed: ${res.statusCode} ${res.body}`);
  const cookie = `otmetka_session=${res.cookies.find((c) => c.name === 'otmetka_session')?.value}`;
  const h = (headers?: Record<string, string>) => ({ cookie, ...(headers ?? {}) });
  return {
    cookie,
    request: (o) => t.anonymous.request({ ...o, headers: h(o.headers as Record<string, string> | undefined) }),
    get: (url, headers) => t.anonymous.get(url, h(headers)),
    post: (url, body, headers) => t.anonymous.post(url, body, h(headers)),
    patch: (url, body, headers) => t.anonymous.patch(url, body, h(headers)),
    put: (url, body, headers) => t.anonymous.put(url, body, h(headers)),
    delete: (url, headers) => t.anonymous.delete(url, h(headers)),
  };
}

const staffIdOf = async (userId: string) =>
  (await t.deps.db.selectFrom('staff').select('id').where('user_id', '=', userId).executeTakeFirstOrThrow()).id;

const sessionsOf = async (userId: string) =>
  Number(
    (
      await t.deps.db
        .selectFrom('sessions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow()
    ).n,
  );

async function world(): Promise<{ w: SchoolWorld; base: string; admin: Client; operator: Client; director: Client }> {
  const w = await makeSchoolWorld(t.deps.db);
  return {
    w,
    base: `/api/schools/${w.schoolId}`,
    admin: await signIn(w.users.admin.login, TEST_PASSWORD),
    operator: await signIn(w.users.operator.login, TEST_PASSWORD),
    director: await signIn(w.users.director.login, TEST_PASSWORD),
  };
}

describe('support accounts cannot become school staff (issue 12.1)', () => {
  it("an operator neither resets a staff member's password nor grants them admin", async () => {
    const { w, base, operator } = await world();
    const reset = await operator.post(`${base}/staff/${w.staffIds.otherTeacher}/password-reset`, undefined, {
      'accept-language': 'en',
    });
    expect(reset.statusCode).toBe(403);
    expect(reset.json().error.message).toMatch(/operator/i);
    const grant = await operator.put(`${base}/staff/${w.staffIds.otherTeacher}/roles`, { roles: ['teacher', 'school_admin'] });
    expect(grant.statusCode).toBe(403);
    expect(grant.json().error.message).toBeTruthy();
    const roles = await t.deps.db.selectFrom('role_assignments').select('role').where('user_id', '=', w.users.otherTeacher.id).execute();
    expect(roles.map((r) => r.role)).toEqual(['teacher']);
  });

  it('an operator reaches no journal', async () => {
    const { w, base, operator } = await world();
    // In the school (403), but no journal, no journal list, no averages.
    expect((await operator.get(`${base}/journals/${w.curriculumIds.mathA}`)).statusCode).toBe(403);
    expect((await operator.get(`${base}/journals`)).statusCode).toBe(403);
    expect((await operator.get(`${base}/journals/${w.curriculumIds.mathA}/averages`)).statusCode).toBe(403);
  });

  it('an operator creates the first administrator of a school that has none, and only then', async () => {
    const { w, base, operator } = await world();
    await t.deps.db.deleteFrom('role_assignments').where('user_id', '=', w.users.admin.id).execute();
    const body = (login: string) => ({
      surname: 'Первая',
      name: 'Админ',
      account: { login, password: 'long-enough-pass-1', roles: ['school_admin'] },
    });
    expect((await operator.post(`${base}/staff`, body(`first-${w.schoolId}`))).statusCode).toBe(201);
    expect((await operator.post(`${base}/staff`, body(`second-${w.schoolId}`))).statusCode).toBe(403);
  });

  it("the director sees the operator's account actions in the school", async () => {
    const { w, base, operator, director } = await world();
    const teacherStaff = await staffIdOf(w.users.teacher.id);
    expect((await operator.put(`${base}/staff/${teacherStaff}/roles`, { roles: ['teacher', 'director'] })).statusCode).toBe(200);
    const res = await director.get(`${base}/audit?byOperator=true`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ actorUserId: string; entityId: string }>;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.actorUserId === w.users.operator.id)).toBe(true);
    expect(items.some((i) => i.entityId === teacherStaff)).toBe(true);
  });
});

describe('separation of duties (issue 12.2)', () => {
  it('an admin grants neither director nor anything to themself; deputy to another is fine', async () => {
    const { w, base, admin } = await world();
    const adminStaff = await staffIdOf(w.users.admin.id);
    const self = await admin.put(`${base}/staff/${adminStaff}/roles`, { roles: ['school_admin', 'director'] }, { 'accept-language': 'en' });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toMatch(/own/i);
    expect((await admin.put(`${base}/staff/${adminStaff}/roles`, { roles: ['school_admin', 'deputy'] })).statusCode).toBe(403);
    const toTeacher = await admin.put(`${base}/staff/${w.staffIds.teacher}/roles`, { roles: ['teacher', 'director'] });
    expect(toTeacher.statusCode).toBe(403);
    expect((await admin.put(`${base}/staff/${w.staffIds.teacher}/roles`, { roles: ['teacher', 'deputy'] })).statusCode).toBe(200);
    // Nor takes director away.
    const directorStaff = await staffIdOf(w.users.director.id);
    expect((await admin.put(`${base}/staff/${directorStaff}/roles`, { roles: ['teacher'] })).statusCode).toBe(403);
  });

  it("only an operator resets a director's password; nobody resets their own here", async () => {
    const { w, base, admin, operator } = await world();
    const directorStaff = await staffIdOf(w.users.director.id);
    expect((await admin.post(`${base}/staff/${directorStaff}/password-reset`)).statusCode).toBe(403);
    expect((await admin.post(`${base}/staff/${await staffIdOf(w.users.admin.id)}/password-reset`)).statusCode).toBe(403);
    expect((await operator.post(`${base}/staff/${directorStaff}/password-reset`)).statusCode).toBe(200);
    expect((await admin.post(`${base}/staff/${w.staffIds.teacher}/password-reset`)).statusCode).toBe(200);
  });
});

describe('leavers lose access (issue 12.4)', () => {
  it('leftOn today ends the sessions and the role grants', async () => {
    const { w, base, admin } = await world();
    const teacher = await signIn(w.users.teacher.login, TEST_PASSWORD);
    expect((await teacher.get(`${base}/journals/${w.curriculumIds.mathA}`)).statusCode).toBe(200);
    expect((await admin.patch(`${base}/staff/${w.staffIds.teacher}`, { leftOn: '2026-11-23' })).statusCode).toBe(200);
    expect(await sessionsOf(w.users.teacher.id)).toBe(0);
    expect((await teacher.get('/api/auth/me')).statusCode).toBe(401);
    const again = await signIn(w.users.teacher.login, TEST_PASSWORD);
    expect((await again.get(`${base}/journals/${w.curriculumIds.mathA}`)).statusCode).toBe(404);
    const me = (await again.get('/api/auth/me')).json();
    expect(me.schools.find((s: { id: string }) => s.id === w.schoolId)).toBeUndefined();
  });

  it('a leaving date ahead keeps access until that day', async () => {
    const { w, base, admin } = await world();
    const teacher = await signIn(w.users.teacher.login, TEST_PASSWORD);
    expect((await admin.patch(`${base}/staff/${w.staffIds.teacher}`, { leftOn: '2026-11-25' })).statusCode).toBe(200);
    expect((await teacher.get(`${base}/journals/${w.curriculumIds.mathA}`)).statusCode).toBe(200);
    const saved = t.clock.now();
    try {
      t.clock.set(new Date('2026-11-24T23:30:00Z')); // 25 November in Kaliningrad (UTC+2)
      const later = await signIn(w.users.teacher.login, TEST_PASSWORD);
      expect((await later.get(`${base}/journals/${w.curriculumIds.mathA}`)).statusCode).toBe(404);
    } finally {
      t.clock.set(saved);
    }
  });

  it('an admin disables and re-enables an account; a disabled account cannot sign in', async () => {
    const { w, base, admin } = await world();
    const teacher = await signIn(w.users.teacher.login, TEST_PASSWORD);
    const off = await admin.post(`${base}/staff/${w.staffIds.teacher}/disable`);
    expect(off.statusCode).toBe(200);
    expect(off.json().accountDisabled).toBe(true);
    expect(await sessionsOf(w.users.teacher.id)).toBe(0);
    expect((await teacher.get('/api/auth/me')).statusCode).toBe(401);
    const login = await t.anonymous.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: w.users.teacher.login, password: TEST_PASSWORD },
      headers: { 'accept-language': 'en' },
      remoteAddress: '10.13.0.1',
    });
    expect(login.statusCode).toBe(403);
    expect(login.json().error.code).toBe('account_disabled');
    expect(login.json().error.message).toMatch(/disabled/i);
    const on = await admin.post(`${base}/staff/${w.staffIds.teacher}/enable`);
    expect(on.statusCode).toBe(200);
    expect(on.json().accountDisabled).toBe(false);
    expect((await signIn(w.users.teacher.login, TEST_PASSWORD)).cookie).toBeTruthy();
    const changes = await t.deps.db
      .selectFrom('change_log')
      .select('kind')
      .where('entity_id', '=', w.staffIds.teacher)
      .where('kind', '=', 'account')
      .execute();
    expect(changes.length).toBe(2);
  });

  it('disable: not oneself, not the director by an admin, a staff member without account 422, other school 404', async () => {
    const { w, base, admin } = await world();
    const other = await makeSchoolWorld(t.deps.db);
    expect((await admin.post(`${base}/staff/${await staffIdOf(w.users.admin.id)}/disable`)).statusCode).toBe(403);
    expect((await admin.post(`${base}/staff/${await staffIdOf(w.users.director.id)}/disable`)).statusCode).toBe(403);
    const teacherOnly = await signIn(w.users.teacher.login, TEST_PASSWORD);
    expect((await teacherOnly.post(`${base}/staff/${w.staffIds.otherTeacher}/disable`)).statusCode).toBe(403);
    expect((await admin.post(`/api/schools/${other.schoolId}/staff/${other.staffIds.teacher}/disable`)).statusCode).toBe(404);
    const noAccount = (await admin.post(`${base}/staff`, { surname: 'Безучётная', name: 'Анна' })).json();
    const res = await admin.post(`${base}/staff/${noAccount.id}/disable`, undefined, { 'accept-language': 'ru' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toMatch(/учётной записи/);
  });
});
