import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSchoolWorld, makeUser, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
let world: SchoolWorld;

beforeAll(async () => {
  t = await createTestApp();
  world = await makeSchoolWorld(t.deps.db);
});
afterAll(async () => t.close());

describe('health', () => {
  it('reports ok and the database kind', async () => {
    const res = await t.anonymous.get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: t.deps.dialect.kind });
  });
});

describe('login', () => {
  it('sets an httpOnly SameSite session cookie and returns the user with roles', async () => {
    const res = await t.anonymous.post('/api/auth/login', { login: world.users.teacher.login, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'otmetka_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const me = res.json();
    expect(me.login).toBe(world.users.teacher.login);
    expect(me.schools[0].roles).toEqual(['teacher']);
    expect(me.schools[0].staffId).toBe(world.staffIds.teacher);
    expect(me.schools[0].leadsClasses).toEqual([]);
  });

  it('tells a class teacher which class they lead', async () => {
    const res = await t.anonymous.post('/api/auth/login', { login: world.users.classTeacher.login, password: TEST_PASSWORD });
    const school = res.json().schools[0];
    expect(school.roles).toEqual(['teacher', 'class_teacher']);
    expect(school.leadsClasses).toEqual([{ id: world.classIds.b, name: '5Б' }]);
    const parent = await t.anonymous.post('/api/auth/login', { login: world.users.parent.login, password: TEST_PASSWORD });
    expect(parent.json().schools[0]).toMatchObject({ staffId: null, leadsClasses: [] });
  });

  it('answers an unknown login and a wrong password the same way, in Russian by default', async () => {
    const unknown = await t.anonymous.post('/api/auth/login', { login: 'nobody-here', password: 'whatever-123' });
    const wrong = await t.anonymous.post('/api/auth/login', { login: world.users.director.login, password: 'wrong-password' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.json().error.message).toBe('Неверный логин или пароль.');
  });

  it('answers in English on request', async () => {
    const res = await t.anonymous.post('/api/auth/login', { login: 'nobody-en', password: 'x' }, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(res.json().error).toEqual({ code: 'bad_credentials', message: 'Wrong login or password.' });
  });

  it('delays a login at an address after five failures, even for the right password, and tells when to retry', async () => {
    const user = await makeUser(t.deps.db);
    for (let i = 0; i < 5; i++) {
      expect((await t.anonymous.post('/api/auth/login', { login: user.login, password: 'bad-password' })).statusCode).toBe(401);
    }
    const locked = await t.anonymous.post('/api/auth/login', { login: user.login, password: TEST_PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.message).toMatch(/Попробуйте снова через 1 с/);
    t.clock.advanceMs(1_000);
    expect((await t.anonymous.post('/api/auth/login', { login: user.login, password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('rejects malformed JSON, unknown fields and wrong types with a readable 400', async () => {
    const malformed = await t.anonymous.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: '{"login": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('malformed_json');
    const unknown = await t.anonymous.post('/api/auth/login', { login: 'a', password: 'b', admin: true });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'validation', field: 'admin' });
    expect(unknown.json().error.message).toBe('Проверьте поле «admin»: неизвестное поле');
    const wrongType = await t.anonymous.post('/api/auth/login', { login: 5, password: 'b' });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.field).toBe('login');
    const tooLong = await t.anonymous.post('/api/auth/login', { login: 'x'.repeat(101), password: 'b' });
    expect(tooLong.json().error.message).toBe('Проверьте поле «login»: не длиннее 100 символов');
  });

  it('refuses writes from a foreign origin', async () => {
    const res = await t.anonymous.post('/api/auth/login', { login: 'a', password: 'b' }, { origin: 'https://evil.example' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('foreign_origin');
  });
});

describe('sessions', () => {
  it('needs a session for /api/auth/me and ends it on logout', async () => {
    expect((await t.anonymous.get('/api/auth/me')).statusCode).toBe(401);
    const client = await t.signIn(world.users.parent.login, TEST_PASSWORD);
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('expires after the idle time and after the absolute lifetime', async () => {
    const client = await t.signIn(world.users.secretary.login, TEST_PASSWORD);
    t.clock.advanceMs(59 * 60_000);
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advanceMs(61 * 60_000);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);

    const busy = await t.signIn(world.users.secretary.login, TEST_PASSWORD);
    for (let i = 0; i < 14; i++) {
      t.clock.advanceMs(50 * 60_000);
      expect((await busy.get('/api/auth/me')).statusCode).toBe(200);
    }
    t.clock.advanceMs(30 * 60_000); // 12 h 10 min after sign-in, only 30 min idle
    expect((await busy.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('ends other sessions when the password changes', async () => {
    const user = await makeUser(t.deps.db);
    const first = await t.signIn(user.login, TEST_PASSWORD);
    const second = await t.signIn(user.login, TEST_PASSWORD);
    const weak = await second.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    const wrong = await second.post('/api/auth/password', { currentPassword: 'nope-nope-nope', newPassword: 'a-much-better-pass' });
    expect(wrong.statusCode).toBe(400);
    const res = await second.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'a-much-better-pass' });
    expect(res.statusCode).toBe(204);
    expect((await first.get('/api/auth/me')).statusCode).toBe(401);
    expect((await second.get('/api/auth/me')).statusCode).toBe(401);
    const fresh = res.cookies.find((c) => c.name === 'otmetka_session');
    const renewed = await t.anonymous.get('/api/auth/me', { cookie: `otmetka_session=${fresh?.value}` });
    expect(renewed.statusCode).toBe(200);
    expect((await t.anonymous.post('/api/auth/login', { login: user.login, password: 'a-much-better-pass' })).statusCode).toBe(200);
  });
});

describe('security headers and docs', () => {
  it('sends security headers and serves the OpenAPI document', async () => {
    const res = await t.anonymous.get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.json().paths['/api/auth/login']).toBeDefined();
  });

  it('answers unknown addresses with a 404 in the error shape', async () => {
    const res = await t.anonymous.get('/api/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});
