import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { connect, type DbHandle } from '../db/connect.js';
import { FixedClock } from '../lib/clock.js';
import type { Deps } from '../lib/deps.js';
import { createTestDatabase } from './database.js';

export const TEST_ORIGIN = 'http://127.0.0.1:3000';

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  clock: FixedClock;
  close(): Promise<void>;
  /** Signs in and returns a client that sends the session cookie with every request. */
  signIn(login: string, password: string): Promise<Client>;
  anonymous: Client;
  /** DATABASE_URL for a CLI command run against this test's database (its own PostgreSQL schema included). */
  cliDatabaseUrl: string;
  /**
   * A second app node on its own connection to the same database (as a second server of a region
   * would be), with the same clock; a client of the first node can be carried over by its cookie.
   */
  secondNode(): Promise<{ app: FastifyInstance; as(client: Client): Client }>;
}

export interface Client {
  cookie: string | null;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  delete(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

function makeClient(app: FastifyInstance, cookie: string | null): Client {
  const request = (options: InjectOptions) =>
    app.inject({
      ...options,
      headers: {
        origin: TEST_ORIGIN,
        ...(cookie ? { cookie } : {}),
        ...(options.headers ?? {}),
      },
    });
  const withBody = (method: 'POST' | 'PATCH' | 'PUT') => (url: string, body?: unknown, headers?: Record<string, string>) =>
    request({ method, url, ...(body === undefined ? {} : { payload: body as object }), ...(headers ? { headers } : {}) });
  return {
    cookie,
    request,
    get: (url, headers) => request({ method: 'GET', url, ...(headers ? { headers } : {}) }),
    post: withBody('POST'),
    patch: withBody('PATCH'),
    put: withBody('PUT'),
    delete: (url, headers) => request({ method: 'DELETE', url, ...(headers ? { headers } : {}) }),
  };
}

/** A real server on a fresh database (SQLite, or PostgreSQL when TEST_DATABASE_URL says so). */
// The test world's staff sign in with a password only; tests of the second factor turn
// MFA_REQUIRED back on through `env` (server/modules/auth/mfa.api.test.ts).
export async function createTestApp(now = new Date('2026-11-23T09:00:00Z'), env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = new FixedClock(now);
  const config = loadConfig({
    PUBLIC_URL: TEST_ORIGIN,
    DATA_DIR: '/tmp/otmetka-test-data',
    SERVE_WEB: 'false',
    MFA_REQUIRED: 'false',
    PASSWORD_HASH_COST: '14',
    ...env,
  });
  const cliDatabaseUrl = database.pgSchema
    ? `${database.url}${database.url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${database.pgSchema}`)}`
    : database.url;
  // The app's own configuration names the test database too (a backup copies what DATABASE_URL names).
  const { app, deps } = await buildApp({
    config: { ...config, databaseKind: database.handle.kind, databaseUrl: cliDatabaseUrl },
    database: database.handle,
    clock,
  });
  await app.ready();
  const extraNodes: Array<{ app: FastifyInstance; handle: DbHandle }> = [];
  return {
    app,
    deps,
    clock,
    anonymous: makeClient(app, null),
    cliDatabaseUrl,
    close: async () => {
      for (const node of extraNodes) {
        await node.app.close();
        await node.handle.close();
      }
      await app.close();
      await database.drop();
    },
    secondNode: async () => {
      const handle = connect(database.url, database.pgSchema ? { pgSchema: database.pgSchema, poolSize: 5 } : {});
      const built = await buildApp({ config: { ...config, databaseKind: handle.kind }, database: handle, clock });
      await built.app.ready();
      extraNodes.push({ app: built.app, handle });
      return { app: built.app, as: (client: Client) => makeClient(built.app, client.cookie) };
    },
    signIn: async (login, password) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login, password },
        headers: { origin: TEST_ORIGIN },
      });
      if (res.statusCode !== 200) throw new Error(`sign-in of ${login} failed: ${res.statusCode} ${res.body}`);
      const set = res.cookies.find((c) => c.name === 'otmetka_session');
      if (!set) throw new Error('no session cookie');
      return makeClient(app, `otmetka_session=${set.value}`);
    },
  };
}
