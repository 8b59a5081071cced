import type { LightMyRequestResponse } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSchoolWorld, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';
import { makeApplication } from '../service/service.fixtures.js';

// Issue 12 item 3, the rest (decision 013): a school's rule that every staff role uses a second
// factor, set by its admin or director with a fresh code; step-up for bulk exports of personal
// data and the consent list. MFA_REQUIRED is on here, as in mfa.api.test.ts.

let t: TestApp;
let w: SchoolWorld;
let directorMfa: { secret: string; as: Client };

beforeAll(async () => {
  t = await createTestApp(new Date('2026-11-23T09:00:00Z'), { MFA_REQUIRED: 'true' });
  w = await makeSchoolWorld(t.deps.db);
});
afterAll(async () => t.close());

const api = (path: string) => `/api/schools/${w.schoolId}${path}`;

const codeOf = (secret: string, offsetMs = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: t.deps.clock.now().getTime() + offsetMs,
  });

const cookieOf = (res: LightMyRequestResponse, name: string) => {
  const value = res.cookies.find((c) => c.name === name)?.value;
  return value ? `${name}=${value}` : undefined;
};

const client = (cookie: string): Client => ({
  cookie,
  request: (o) => t.app.inject({ ...o, headers: { origin: 'http://127.0.0.1:3000', cookie, ...(o.headers ?? {}) } }),
  get: (url, headers) => t.app.inject({ method: 'GET', url, headers: { cookie, ...(headers ?? {}) } }),
  post: (url, body, headers) =>
    t.app.inject({
      method: 'POST',
      url,
      payload: (body ?? {}) as object,
      headers: { origin: 'http://127.0.0.1:3000', cookie, ...(headers ?? {}) },
    }),
  patch: (url, body, headers) =>
    t.app.inject({
      method: 'PATCH',
      url,
      payload: (body ?? {}) as object,
      headers: { origin: 'http://127.0.0.1:3000', cookie, ...(headers ?? {}) },
    }),
  put: (url, body, headers) =>
    t.app.inject({
      method: 'PUT',
      url,
      payload: (body ?? {}) as object,
      headers: { origin: 'http://127.0.0.1:3000', cookie, ...(headers ?? {}) },
    }),
  delete: (url, headers) =>
    t.app.inject({ method: 'DELETE', url, headers: { origin: 'http://127.0.0.1:3000', cookie, ...(headers ?? {}) } }),
});

async function passwordStep(login: string) {
  const res = await t.anonymous.post('/api/auth/login', { login, password: TEST_PASSWORD });
  return { res, mfa: cookieOf(res, 'otmetka_mfa') ?? '', session: cookieOf(res, 'otmetka_session') };
}

/** Enrols through the sign-in that sends the account to enrolment; answers the secret and a signed-in client. */
async function enrolAtSignIn(login: string) {
  const { res, mfa } = await passwordStep(login);
  expect(res.json()).toEqual({ mfa: 'enrol' });
  const { secret } = (await t.anonymous.post('/api/auth/mfa/enrol', undefined, { cookie: mfa })).json();
  const confirmed = await t.anonymous.post('/api/auth/mfa/enrol/confirm', { code: codeOf(secret) }, { cookie: mfa });
  expect(confirmed.statusCode).toBe(200);
  return { secret, as: client(cookieOf(confirmed, 'otmetka_session') ?? '') };
}

describe("a school's rule: every staff role uses a second factor", () => {
  it('is off by default; a teacher signs in with the password alone', async () => {
    const { res, session } = await passwordStep(w.users.teacher.login);
    expect(res.statusCode).toBe(200);
    expect(session).toBeDefined();
    const teacher = client(session as string);
    expect((await teacher.get(api('/security/mfa'))).json()).toEqual({ staffMfaRequired: false, updatedAt: null });
    // A teacher may not set it.
    const refused = await teacher.put(api('/security/mfa'), { staffMfaRequired: true });
    expect(refused.statusCode).toBe(403);
  });

  it('is set by the director with a fresh code, ends staff sessions without a second factor and sends staff to enrolment', async () => {
    const teacherSession = (await passwordStep(w.users.classTeacher.login)).session as string;
    const teacher = client(teacherSession);
    expect((await teacher.get('/api/auth/me')).statusCode).toBe(200);

    const director = await enrolAtSignIn(w.users.director.login);
    directorMfa = director;
    // The code of the enrolment is fresh; ten minutes later it is not.
    t.clock.advanceMs(11 * 60_000);
    const stale = await director.as.put(api('/security/mfa'), { staffMfaRequired: true });
    expect(stale.statusCode).toBe(403);
    expect(stale.json().error.code).toBe('step_up_required');
    expect((await director.as.get(api('/security/mfa'))).json().staffMfaRequired).toBe(false);

    expect((await director.as.post('/api/auth/mfa/step-up', { code: codeOf(director.secret) })).statusCode).toBe(204);
    const on = await director.as.put(api('/security/mfa'), { staffMfaRequired: true });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json()).toMatchObject({ staffMfaRequired: true });

    // The teacher's open session without a second factor has ended; the next sign-in enrols.
    expect((await teacher.get('/api/auth/me')).statusCode).toBe(401);
    const again = await passwordStep(w.users.classTeacher.login);
    expect(again.res.statusCode).toBe(202);
    expect(again.res.json()).toEqual({ mfa: 'enrol' });
    expect((await passwordStep(w.users.secretary.login)).res.json()).toEqual({ mfa: 'enrol' });
    // A family is not staff: the parent still signs in with the password.
    expect((await passwordStep(w.users.parent.login)).res.statusCode).toBe(200);

    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['details', 'actor_user_id'])
      .where('entity', '=', 'mfa_policy')
      .where('school_id', '=', w.schoolId)
      .executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBe(w.users.director.id);
    expect(JSON.parse(audit.details)).toMatchObject({ staffMfaRequired: true });
    expect(JSON.parse(audit.details).sessionsEnded).toBeGreaterThanOrEqual(1);

    // Turned off again, staff sign in with the password alone.
    const off = await director.as.put(api('/security/mfa'), { staffMfaRequired: false });
    expect(off.statusCode).toBe(200);
    expect((await passwordStep(w.users.secretary.login)).res.statusCode).toBe(200);
  });
});

describe('step-up for bulk exports of personal data and the consent list', () => {
  it('asks for a fresh code before the application register, the complaint book and the consent list', async () => {
    await makeApplication(t.deps.db, w.schoolId);
    const director = directorMfa;
    t.clock.advanceMs(11 * 60_000);
    // (Sessions idle for an hour end: sign in again with a code.)
    const { mfa } = await passwordStep(w.users.director.login);
    const verified = await t.anonymous.post('/api/auth/mfa/verify', { code: codeOf(director.secret) }, { cookie: mfa });
    expect(verified.statusCode).toBe(200);
    const as = client(cookieOf(verified, 'otmetka_session') ?? '');
    t.clock.advanceMs(11 * 60_000);
    const urls = [
      api('/service/register.pdf?from=2026-01-01&to=2026-12-31'),
      api('/oversight/complaints/book.pdf'),
      api('/service/consents'),
    ];
    for (const url of urls) {
      const res = await as.get(url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('step_up_required');
      expect(res.json().error.message).toContain('код');
    }
    expect((await as.post('/api/auth/mfa/step-up', { code: codeOf(director.secret) })).statusCode).toBe(204);
    for (const url of urls) expect((await as.get(url)).statusCode, url).toBe(200);
    // One card stays open without a new code: the step-up is for bulk reads.
    t.clock.advanceMs(11 * 60_000);
    expect((await as.get(api(`/students/${w.studentIds.inA}`))).statusCode).toBe(200);
    // A parent reads their own consents without one.
    const parent = client((await passwordStep(w.users.parent.login)).session as string);
    expect((await parent.get(api('/service/consents'))).statusCode).toBe(200);
  });
});
