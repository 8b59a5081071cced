import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { makeSchoolWorld, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';
import { hashPassword, isCommonPassword, needsRehash, verifyPassword } from './password.js';

let t: TestApp;
let w: SchoolWorld;
let admin: Client;

const hashOf = async (login: string) =>
  (await t.deps.db.selectFrom('users').select('password_hash').where('login', '=', login).executeTakeFirstOrThrow())
    .password_hash as string;

beforeAll(async () => {
  // One step above the tests' own cost, so the factories' hashes are «old» here.
  t = await createTestApp(new Date('2026-11-23T09:00:00Z'), { PASSWORD_HASH_COST: '15' });
  w = await makeSchoolWorld(t.deps.db);
  admin = await t.signIn(w.users.admin.login, TEST_PASSWORD);
}, 60_000);
afterAll(async () => t.close());

describe('password hashing (issue 12.11)', () => {
  it('hashes at the OWASP cost by default (scrypt N=2^17, r=8, p=1) and keeps the parameters with the hash', async () => {
    expect(loadConfig({}).passwordHashCost).toBe(17);
    const hash = await hashPassword('a long passphrase', 17);
    expect(hash.startsWith('scrypt$131072$8$1$')).toBe(true);
    expect(await verifyPassword('a long passphrase', hash)).toBe(true);
    expect(needsRehash(hash, 17)).toBe(false);
    expect(needsRehash(hash.replace('scrypt$131072$', 'scrypt$16384$'), 17)).toBe(true);
    expect(() => loadConfig({ PASSWORD_HASH_COST: '10' })).toThrow(/PASSWORD_HASH_COST/);
  });

  it('an old, cheaper hash still signs in and is rehashed at the current cost on that sign-in', async () => {
    const login = w.users.teacher.login;
    expect((await hashOf(login)).startsWith('scrypt$16384$8$1$')).toBe(true);
    await t.signIn(login, TEST_PASSWORD);
    const after = await hashOf(login);
    expect(after.startsWith('scrypt$32768$8$1$')).toBe(true);
    await t.signIn(login, TEST_PASSWORD);
    expect(await hashOf(login)).toBe(after);
  });
});

describe('common passwords (issue 12.11)', () => {
  it('the shipped list knows Russian and Latin favourites, in any case', () => {
    for (const p of ['qwerty123', 'йцукен', 'ЙЦУКЕНГШЩЗ', '1234567890', 'Password123', 'qwertyuiop'])
      expect(isCommonPassword(p)).toBe(true);
    expect(isCommonPassword('синий-трамвай-1987')).toBe(false);
  });

  it('refuses a common password as the new one, in the user’s language', async () => {
    const parent = await t.signIn(w.users.parent.login, TEST_PASSWORD);
    const ru = await parent.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'йцукенгшщз' });
    expect(ru.statusCode).toBe(400);
    expect(ru.json().error.code).toBe('common_password');
    expect(ru.json().error.message).toMatch(/распростран/);
    const en = await parent.post(
      '/api/auth/password',
      { currentPassword: TEST_PASSWORD, newPassword: 'qwerty123456' },
      { 'accept-language': 'en' },
    );
    expect(en.statusCode).toBe(400);
    expect(en.json().error.message).toMatch(/common/i);
  });
});

describe('temporary passwords (issue 12.11)', () => {
  const reset = async (staffId: string) => {
    const res = await admin.post(`/api/schools/${w.schoolId}/staff/${staffId}/password-reset`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { login: string; temporaryPassword: string };
  };

  it('must be changed at first sign-in: until then the session may only change the password', async () => {
    const { login, temporaryPassword } = await reset(w.staffIds.otherTeacher);
    const session = await t.signIn(login, temporaryPassword);
    const me = await session.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().passwordChangeRequired).toBe(true);
    const blocked = await session.get(`/api/schools/${w.schoolId}/journals`);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('password_change_required');
    expect(blocked.json().error.message).toMatch(/смените|Смените/);
    const changed = await session.post('/api/auth/password', { currentPassword: temporaryPassword, newPassword: 'синий-трамвай-1987' });
    expect(changed.statusCode, changed.body).toBe(204);
    const fresh = await t.signIn(login, 'синий-трамвай-1987');
    expect((await fresh.get('/api/auth/me')).json().passwordChangeRequired).toBe(false);
    expect((await fresh.get(`/api/schools/${w.schoolId}/journals`)).statusCode).toBe(200);
  });

  it('expires after 72 hours with a clear message', async () => {
    const { login, temporaryPassword } = await reset(w.staffIds.teacher);
    t.clock.advanceMs(72 * 3_600_000 + 60_000);
    try {
      const res = await t.anonymous.post('/api/auth/login', { login, password: temporaryPassword });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('temporary_password_expired');
      expect(res.json().error.message).toMatch(/истёк|истек/);
      // A wrong password still gets the usual answer: the expiry is told only to who knows it.
      expect((await t.anonymous.post('/api/auth/login', { login, password: 'wrong-password-1' })).statusCode).toBe(401);
    } finally {
      t.clock.advanceMs(-(72 * 3_600_000 + 60_000));
    }
  });
});
