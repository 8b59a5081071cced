import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { ConfigError, loadConfig } from '../../config.js';
import { makeUser, TEST_PASSWORD } from '../../test/factories.js';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../../test/harness.js';

// Issue 12, point 5 (decision 007): failures are counted atomically per login-and-address, per
// login and per address, with growing delays; the owner's usual address is not locked by others.

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

function attempt(login: string, password: string, ip: string, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { login, password },
    remoteAddress: ip,
    headers: { origin: TEST_ORIGIN, ...headers },
  });
}

describe('login throttling', () => {
  it('counts parallel guesses atomically: only five pass the check, the rest get 429', async () => {
    const user = await makeUser(t.deps.db);
    const answers = await Promise.all(Array.from({ length: 20 }, () => attempt(user.login, 'bad-password', '198.51.100.1')));
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  it('delays a login at an address by 1 s, 2 s, 4 s … with Retry-After and a message in the user’s language', async () => {
    const user = await makeUser(t.deps.db);
    const ip = '198.51.100.2';
    for (let i = 0; i < 5; i++) expect((await attempt(user.login, 'bad-password', ip)).statusCode).toBe(401);
    const first = await attempt(user.login, TEST_PASSWORD, ip);
    expect(first.statusCode).toBe(429);
    expect(first.headers['retry-after']).toBe('1');
    expect(first.json().error).toEqual({ code: 'too_many_attempts', message: 'Слишком много попыток входа. Попробуйте снова через 1 с.' });
    t.clock.advanceMs(1_000);
    expect((await attempt(user.login, 'bad-password', ip)).statusCode).toBe(401);
    const second = await attempt(user.login, 'bad-password', ip, { 'accept-language': 'en' });
    expect(second.statusCode).toBe(429);
    expect(second.headers['retry-after']).toBe('2');
    expect(second.json().error.message).toBe('Too many sign-in attempts. Try again in 2 s.');
    t.clock.advanceMs(2_000);
    expect((await attempt(user.login, 'bad-password', ip)).statusCode).toBe(401);
    expect((await attempt(user.login, TEST_PASSWORD, ip)).headers['retry-after']).toBe('4');
    t.clock.advanceMs(4_000);
    expect((await attempt(user.login, TEST_PASSWORD, ip)).statusCode).toBe(200);
  });

  it('keeps the owner able to sign in from an address they used, while others fail from elsewhere', async () => {
    const director = await makeUser(t.deps.db);
    const home = '198.51.100.3';
    expect((await attempt(director.login, TEST_PASSWORD, home)).statusCode).toBe(200);
    for (let i = 0; i < 40; i++) await attempt(director.login, 'bad-password', `203.0.113.${i + 1}`);
    // A fresh address is slowed down (the login is under attack) …
    expect((await attempt(director.login, TEST_PASSWORD, '192.0.2.77')).statusCode).toBe(429);
    // … the owner's usual one is not.
    expect((await attempt(director.login, TEST_PASSWORD, home)).statusCode).toBe(200);
  });

  it('lets a whole class sign in behind one school address: successful sign-ins do not count', async () => {
    const school = '198.51.100.4';
    const pupils = await Promise.all(Array.from({ length: 40 }, () => makeUser(t.deps.db)));
    for (const pupil of pupils) expect((await attempt(pupil.login, TEST_PASSWORD, school)).statusCode).toBe(200);
  });

  it('slows an address that tries many logins, but not a login that signed in there before', async () => {
    const ip = '198.51.100.5';
    const regular = await makeUser(t.deps.db);
    expect((await attempt(regular.login, TEST_PASSWORD, ip)).statusCode).toBe(200);
    for (let i = 0; i < 30; i++) expect((await attempt(`nobody-${i}`, 'bad-password', ip)).statusCode).toBe(401);
    const stranger = await makeUser(t.deps.db);
    expect((await attempt(stranger.login, TEST_PASSWORD, ip)).statusCode).toBe(429);
    expect((await attempt(regular.login, TEST_PASSWORD, ip)).statusCode).toBe(200);
  });
});

describe('TRUST_PROXY', () => {
  it('refuses true at start and says what to use', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/hop count.*TRUST_PROXY=1.*addresses/);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.local' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
  });

  it('takes a hop count or a list of proxy addresses and networks', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 192.168.0.0/16,::1' }).trustProxy).toEqual(['10.0.0.5', '192.168.0.0/16', '::1']);
  });

  it('behind one proxy, a client cannot pick its own address with X-Forwarded-For', async () => {
    const config = loadConfig({ PUBLIC_URL: TEST_ORIGIN, DATA_DIR: '/tmp/otmetka-test-data', SERVE_WEB: 'false', TRUST_PROXY: '1' });
    const { app } = await buildApp({
      config: { ...config, databaseKind: t.deps.dialect.kind },
      database: { kind: t.deps.dialect.kind, db: t.deps.db, close: async () => {} },
      clock: t.clock,
    });
    try {
      const user = await makeUser(t.deps.db);
      const viaProxy = (password: string, spoofed: string) =>
        app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { login: user.login, password },
          remoteAddress: '10.0.0.1',
          headers: { origin: TEST_ORIGIN, 'x-forwarded-for': `${spoofed}, 203.0.113.200` },
        });
      for (let i = 0; i < 30; i++) await viaProxy('bad-password', `192.0.2.${i + 1}`);
      const right = await viaProxy(TEST_PASSWORD, '192.0.2.250');
      expect(right.statusCode).toBe(429);
    } finally {
      await app.close();
    }
  });
});
