import type { LightMyRequestResponse } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSchoolWorld, makeUser, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

// Issue 12 item 3: TOTP for staff, recovery codes, step-up. MFA_REQUIRED is on here (the
// harness turns it off for every other test) and MFA_KEY seals the stored secrets.
let t: TestApp;
let world: SchoolWorld;

beforeAll(async () => {
  t = await createTestApp(undefined, { MFA_REQUIRED: 'true', MFA_KEY: 'test-key-for-sealing-totp-secrets-0123456789' });
  world = await makeSchoolWorld(t.deps.db);
});
afterAll(async () => t.close());

const codeOf = (secret: string, offsetMs = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: t.deps.clock.now().getTime() + offsetMs,
  });

const cookieOf = (res: LightMyRequestResponse, name: string) => {
  const value = res.cookies.find((c) => c.name === name)?.value;
  return value ? `${name}=${value}` : undefined;
};

async function passwordStep(login: string, headers: Record<string, string> = {}) {
  const res = await t.anonymous.post('/api/auth/login', { login, password: TEST_PASSWORD }, headers);
  return { res, mfa: cookieOf(res, 'otmetka_mfa') ?? '' };
}

/** Enrols an account through the sign-in that sends it to enrolment; answers its secret, recovery codes and session cookie. */
async function enrol(login: string) {
  const { res, mfa } = await passwordStep(login);
  expect(res.statusCode).toBe(202);
  const started = await t.anonymous.post('/api/auth/mfa/enrol', undefined, { cookie: mfa });
  expect(started.statusCode).toBe(200);
  const { secret } = started.json();
  const confirmed = await t.anonymous.post('/api/auth/mfa/enrol/confirm', { code: codeOf(secret) }, { cookie: mfa });
  expect(confirmed.statusCode).toBe(200);
  return { secret, recoveryCodes: confirmed.json().recoveryCodes as string[], session: cookieOf(confirmed, 'otmetka_session') ?? '' };
}

describe('enrolment', () => {
  it('sends a director to enrolment after the password, with no session until a first code confirms it', async () => {
    const { res, mfa } = await passwordStep(world.users.director.login);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ mfa: 'enrol' });
    expect(cookieOf(res, 'otmetka_session')).toBeUndefined();
    expect((await t.anonymous.get('/api/auth/me', { cookie: mfa })).statusCode).toBe(401);
    // The code step of a sign-in is not open to an account that must enrol first.
    const skip = await t.anonymous.post('/api/auth/mfa/verify', { code: '123456' }, { cookie: mfa });
    expect(skip.statusCode).toBe(403);
    expect(skip.json().error.code).toBe('mfa_enrolment_required');

    const started = await t.anonymous.post('/api/auth/mfa/enrol', undefined, { cookie: mfa });
    expect(started.statusCode).toBe(200);
    const { secret, otpauthUri, qrSvg } = started.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Otmetka:.+secret=/);
    expect(qrSvg).toContain('<svg');

    // Sealed at rest: the stored value is not the secret.
    const row = await t.deps.db.selectFrom('mfa_totp').selectAll().where('user_id', '=', world.users.director.id).executeTakeFirstOrThrow();
    expect(row.secret.startsWith('v1:')).toBe(true);
    expect(row.secret).not.toContain(secret);

    const wrong = await t.anonymous.post('/api/auth/mfa/enrol/confirm', { code: '000000' }, { cookie: mfa });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ code: 'wrong_code' });
    expect(wrong.json().error.message).toMatch(/^Неверный код/);
    const wrongEn = await t.anonymous.post('/api/auth/mfa/enrol/confirm', { code: '000001' }, { cookie: mfa, 'accept-language': 'en' });
    expect(wrongEn.json().error.message).toMatch(/^Wrong code/);

    const confirmed = await t.anonymous.post('/api/auth/mfa/enrol/confirm', { code: codeOf(secret) }, { cookie: mfa });
    expect(confirmed.statusCode).toBe(200);
    const codes = confirmed.json().recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const session = cookieOf(confirmed, 'otmetka_session') ?? '';
    expect((await t.anonymous.get('/api/auth/me', { cookie: session })).statusCode).toBe(200);
    const status = await t.anonymous.get('/api/auth/mfa', { cookie: session });
    expect(status.json()).toEqual({ enrolled: true, required: true, recoveryCodesLeft: 10 });
    expect(status.body).not.toContain(secret);
    // Only hashes are kept.
    const stored = await t.deps.db
      .selectFrom('mfa_recovery_codes')
      .select('code_hash')
      .where('user_id', '=', world.users.director.id)
      .execute();
    expect(stored.map((r) => r.code_hash)).not.toContain(codes[0]);
    // Enrolled: no second secret from a session alone.
    expect((await t.anonymous.post('/api/auth/mfa/enrol', undefined, { cookie: session })).statusCode).toBe(409);
    // Recorded: the audit and the school's account changes.
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('entity', '=', 'mfa')
      .where('entity_id', '=', world.users.director.id)
      .execute();
    expect(audit.map((a) => JSON.parse(a.details).event)).toEqual(expect.arrayContaining(['enrol_start', 'enrol_confirm']));
    const changes = await t.deps.db
      .selectFrom('change_log')
      .select('kind')
      .where('school_id', '=', world.schoolId)
      .where('entity_id', '=', world.users.director.id)
      .execute();
    expect(changes.length).toBeGreaterThanOrEqual(2);
    expect(changes.every((c) => c.kind === 'account')).toBe(true);
  });

  it('does not send a teacher or a demo account to enrolment; a teacher may enrol by choice', async () => {
    const teacher = await passwordStep(world.users.teacher.login);
    expect(teacher.res.statusCode).toBe(200);
    const demo = await makeUser(t.deps.db);
    await t.deps.db
      .insertInto('role_assignments')
      .values({
        id: `demo-${demo.id}`,
        user_id: demo.id,
        role: 'director',
        school_id: world.schoolId,
        operator_id: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    await t.deps.db.updateTable('users').set({ is_demo: 1 }).where('id', '=', demo.id).execute();
    expect((await passwordStep(demo.login)).res.statusCode).toBe(200);

    const session = cookieOf(teacher.res, 'otmetka_session') ?? '';
    expect((await t.anonymous.get('/api/auth/mfa', { cookie: session })).json()).toEqual({
      enrolled: false,
      required: false,
      recoveryCodesLeft: 0,
    });
    const started = await t.anonymous.post('/api/auth/mfa/enrol', undefined, { cookie: session });
    const confirmed = await t.anonymous.post('/api/auth/mfa/enrol/confirm', { code: codeOf(started.json().secret) }, { cookie: session });
    expect(confirmed.statusCode).toBe(200);
    t.clock.advanceMs(30_000);
    expect((await passwordStep(world.users.teacher.login)).res.json()).toEqual({ mfa: 'verify' });
  });
});

describe('signing in with a second factor', () => {
  let limited = '';
  it('needs the code after the password, never the same code twice, and recovery codes work once', async () => {
    const user = world.users.operator;
    const { secret, recoveryCodes } = await enrol(user.login);

    const first = await passwordStep(user.login);
    expect(first.res.statusCode).toBe(202);
    expect(first.res.json()).toEqual({ mfa: 'verify' });
    // The code that confirmed the enrolment (same 30-second step) is not taken again.
    const replay = await t.anonymous.post('/api/auth/mfa/verify', { code: codeOf(secret) }, { cookie: first.mfa });
    expect(replay.statusCode).toBe(400);
    t.clock.advanceMs(30_000);
    const ok = await t.anonymous.post('/api/auth/mfa/verify', { code: codeOf(secret) }, { cookie: first.mfa });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().login).toBe(user.login);
    const session = cookieOf(ok, 'otmetka_session') ?? '';
    expect((await t.anonymous.get('/api/auth/me', { cookie: session })).statusCode).toBe(200);
    // The challenge is spent.
    const again = await t.anonymous.post('/api/auth/mfa/verify', { code: codeOf(secret, 30_000) }, { cookie: first.mfa });
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('mfa_challenge_expired');

    const recovery = recoveryCodes[3] as string;
    const second = await passwordStep(user.login);
    const used = await t.anonymous.post('/api/auth/mfa/verify', { code: recovery.toUpperCase() }, { cookie: second.mfa });
    expect(used.statusCode).toBe(200);
    const third = await passwordStep(user.login);
    const reused = await t.anonymous.post('/api/auth/mfa/verify', { code: recovery }, { cookie: third.mfa });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error.code).toBe('wrong_code');
    const status = await t.anonymous.get('/api/auth/mfa', { cookie: cookieOf(used, 'otmetka_session') ?? '' });
    expect(status.json().recoveryCodesLeft).toBe(9);
  });

  it('limits wrong codes: after five, even the right code waits, then works', async () => {
    const user = await makeUser(t.deps.db);
    await t.deps.db
      .insertInto('role_assignments')
      .values({
        id: `adm-${user.id}`,
        user_id: user.id,
        role: 'school_admin',
        school_id: world.schoolId,
        operator_id: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    limited = user.login;
    const { secret } = await enrol(user.login);
    t.clock.advanceMs(30_000);
    const { mfa } = await passwordStep(user.login);
    for (let i = 0; i < 5; i++) {
      expect((await t.anonymous.post('/api/auth/mfa/verify', { code: `12345${i}` }, { cookie: mfa })).statusCode).toBe(400);
    }
    const locked = await t.anonymous.post('/api/auth/mfa/verify', { code: codeOf(secret) }, { cookie: mfa });
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBeDefined();
    t.clock.advanceMs(1_000);
    expect((await t.anonymous.post('/api/auth/mfa/verify', { code: codeOf(secret) }, { cookie: mfa })).statusCode).toBe(200);
  });

  it('forgets a sign-in that waited too long for its code', async () => {
    t.clock.advanceMs(30_000);
    const { mfa } = await passwordStep(limited);
    t.clock.advanceMs(11 * 60_000);
    const late = await t.anonymous.post('/api/auth/mfa/verify', { code: '123456' }, { cookie: mfa });
    expect(late.statusCode).toBe(401);
    expect(late.json().error.message).toMatch(/Войдите снова/);
  });
});

describe('step-up', () => {
  it('asks a fresh code for a staff password reset and a role grant, and is satisfied after one', async () => {
    const { secret, session } = await enrol(world.users.admin.login);
    const reset = `/api/schools/${world.schoolId}/staff/${world.staffIds.teacher}/password-reset`;
    const roles = `/api/schools/${world.schoolId}/staff/${world.staffIds.otherTeacher}/roles`;
    // Fresh right after the sign-in's code.
    expect((await t.anonymous.post(reset, undefined, { cookie: session })).statusCode).toBe(200);

    t.clock.advanceMs(11 * 60_000);
    const stale = await t.anonymous.post(reset, undefined, { cookie: session });
    expect(stale.statusCode).toBe(403);
    expect(stale.json().error).toEqual({ code: 'step_up_required', message: expect.stringMatching(/^Подтвердите действие кодом/) });
    const staleEn = await t.anonymous.put(roles, { roles: ['teacher', 'secretary'] }, { cookie: session, 'accept-language': 'en' });
    expect(staleEn.statusCode).toBe(403);
    expect(staleEn.json().error.message).toMatch(/^Confirm this action/);

    expect((await t.anonymous.post('/api/auth/mfa/step-up', { code: '000000' }, { cookie: session })).statusCode).toBe(400);
    expect((await t.anonymous.post('/api/auth/mfa/step-up', { code: codeOf(secret) }, { cookie: session })).statusCode).toBe(204);
    expect((await t.anonymous.post(reset, undefined, { cookie: session })).statusCode).toBe(200);
    const granted = await t.anonymous.put(roles, { roles: ['teacher', 'secretary'] }, { cookie: session });
    expect(granted.statusCode).toBe(200);
    expect(granted.json().roles).toEqual(expect.arrayContaining(['teacher', 'secretary']));
  });

  it('answers 400 to a step-up of an account without a second factor', async () => {
    const user = await makeUser(t.deps.db);
    const client = await t.signIn(user.login, TEST_PASSWORD);
    const res = await client.post('/api/auth/mfa/step-up', { code: '123456' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('mfa_not_enrolled');
  });
});
