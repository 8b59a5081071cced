import type { LightMyRequestResponse } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSchoolWorld, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

// Issue 12.9: sign-in events — the password step, a wrong second factor, the second factor's
// set-up and use — are in the school's log, where its director reads them.

let t: TestApp;
let w: SchoolWorld;

beforeAll(async () => {
  t = await createTestApp(undefined, { MFA_REQUIRED: 'true', MFA_KEY: 'test-key-for-sealing-totp-secrets-0123456789' });
  w = await makeSchoolWorld(t.deps.db);
});
afterAll(async () => t.close());

const codeOf = (secret: string, offsetMs = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: t.deps.clock.now().getTime() + offsetMs,
  });
const cookieOf = (res: LightMyRequestResponse, name: string) => {
  const value = res.cookies.find((c) => c.name === name)?.value;
  return value ? `${name}=${value}` : '';
};
const passwordStep = async (login: string) => {
  const res = await t.anonymous.post('/api/auth/login', { login, password: TEST_PASSWORD });
  expect(res.statusCode).toBe(202);
  return cookieOf(res, 'otmetka_mfa');
};

describe('sign-in events in the school’s audit log (issue 12.9)', () => {
  it('shows the director the second factor’s set-up, a wrong code and the sign-in with the code', async () => {
    const director = w.users.director;
    let mfa = await passwordStep(director.login);
    const started = await t.anonymous.post('/api/auth/mfa/enrol', undefined, { cookie: mfa });
    const secret = started.json().secret as string;
    expect((await t.anonymous.post('/api/auth/mfa/enrol/confirm', { code: codeOf(secret) }, { cookie: mfa })).statusCode).toBe(200);

    t.clock.advanceMs(60_000);
    mfa = await passwordStep(director.login);
    expect((await t.anonymous.post('/api/auth/mfa/verify', { code: '000000' }, { cookie: mfa })).statusCode).toBe(400);
    const ok = await t.anonymous.post('/api/auth/mfa/verify', { code: codeOf(secret) }, { cookie: mfa });
    expect(ok.statusCode).toBe(200);
    const session = cookieOf(ok, 'otmetka_session');

    const log = await t.anonymous.get(`/api/schools/${w.schoolId}/audit?actorUserId=${director.id}`, { cookie: session });
    expect(log.statusCode, log.body).toBe(200);
    const events = (log.json().items as Array<{ action: string; entity: string; details: Record<string, unknown> }>).map((i) => [
      i.action,
      i.entity,
      i.details.secondFactor ?? i.details.event ?? null,
    ]);
    expect(events).toContainEqual(['update', 'mfa', 'enrol_confirm']);
    expect(events).toContainEqual(['login_failed', 'user', true]);
    expect(events).toContainEqual(['update', 'mfa', 'verified']);
    expect(events).toContainEqual(['login', 'user', 'totp']);
  });
});
