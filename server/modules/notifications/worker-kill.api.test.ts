import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/ids.js';
import { makeSchoolWorld, type SchoolWorld } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { type LocalSmtp, startLocalSmtp } from './gateways.testkit.js';

// Issue 13: a worker killed with SIGKILL in the middle of a run. After a restart every notice has
// arrived, and only those the dead worker was sending at that moment may have arrived twice —
// each copy with the same Message-ID (decision 014: at-least-once, and why).

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const N = 240;

let t: TestApp;
let w: SchoolWorld;
let smtp: LocalSmtp;
let databaseUrl: string;

function workerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SERVICES: 'worker',
    DATABASE_URL: databaseUrl,
    DATA_DIR: '/tmp/otmetka-test-data',
    PUBLIC_URL: 'http://127.0.0.1:3000',
    SMTP_URL: smtp.url,
    NOTIFY_POLL_MS: '50',
    NOTIFY_SEND_TIMEOUT_MS: '2000',
    NOTIFY_LEASE_SECONDS: '5',
    LOG_LEVEL: 'warn',
  };
  delete env.TEST_DATABASE_URL;
  return env;
}

function startWorker(): { child: ChildProcess; exited: Promise<number | null>; output: () => string } {
  const child = spawn(process.execPath, ['bin/otmetka.mjs', 'serve'], { cwd: ROOT, env: workerEnv(), stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (c) => {
    output += String(c);
  });
  child.stderr?.on('data', (c) => {
    output += String(c);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const statuses = async () => {
  const rows = await t.deps.db.selectFrom('notify_outbox').select(['id', 'status']).where('school_id', '=', w.schoolId).execute();
  return new Map(rows.map((r) => [r.id, r.status]));
};

beforeAll(async () => {
  smtp = await startLocalSmtp();
  t = await createTestApp(new Date());
  w = await makeSchoolWorld(t.deps.db);
  // The child connects to the same database: the SQLite file, or this file's PostgreSQL schema.
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const schema = await currentSchema();
    databaseUrl = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  } else {
    databaseUrl = await sqliteUrl();
  }
  const now = new Date().toISOString();
  const rows = Array.from({ length: N }, (_, i) => ({
    id: newId(),
    school_id: w.schoolId,
    user_id: w.users.admin.id,
    student_id: null,
    channel: 'email',
    event: 'test',
    entity_id: null,
    dedupe_key: `kill:${i}`,
    payload: JSON.stringify({ kind: 'test', address: `k${i}@family.example`, school: 'СОШ' }),
    language: 'ru',
    status: 'queued',
    attempts: 0,
    not_before: now,
    created_at: now,
  }));
  for (let i = 0; i < rows.length; i += 100)
    await t.deps.db
      .insertInto('notify_outbox')
      .values(rows.slice(i, i + 100))
      .execute();
}, 60_000);

async function currentSchema(): Promise<string> {
  const { sql } = await import('kysely');
  const r = await sql<{ s: string }>`select current_schema() as s`.execute(t.deps.db);
  return r.rows[0]?.s as string;
}

async function sqliteUrl(): Promise<string> {
  const { sql } = await import('kysely');
  const r = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(t.deps.db);
  return `sqlite:${r.rows[0]?.file}`;
}

afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe('a worker killed with SIGKILL mid-run', () => {
  it('after a restart every notice has arrived; only those in flight at the kill may arrive twice, with the same Message-ID', async () => {
    smtp.mode.delayMs = 40;
    const first = startWorker();
    await until(() => smtp.mails.length >= N / 4 || first.child.exitCode !== null, 'the first quarter of the mails');
    expect(first.child.exitCode, first.output()).toBeNull();
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = await statuses();
    const inFlight = new Set([...atKill].filter(([, s]) => s === 'sending').map(([id]) => id));
    const sentAtKill = [...atKill.values()].filter((s) => s === 'sent').length;
    expect(sentAtKill).toBeGreaterThan(0);
    expect(sentAtKill).toBeLessThan(N);

    smtp.mode.delayMs = 0;
    const second = startWorker();
    try {
      await until(async () => [...(await statuses()).values()].every((s) => s === 'sent' || s === 'failed'), 'the outbox to drain', 90_000);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    const after = await statuses();
    expect([...after.values()].every((s) => s === 'sent')).toBe(true);

    // Every notice arrived; copies only of what was in flight, each copy with its first one's Message-ID.
    const byAddress = new Map<string, string[]>();
    for (const m of smtp.mails) byAddress.set(m.to, [...(byAddress.get(m.to) ?? []), String(m.headers.get('message-id'))]);
    expect(byAddress.size).toBe(N);
    const rows = await t.deps.db.selectFrom('notify_outbox').select(['id', 'payload']).where('school_id', '=', w.schoolId).execute();
    const idOf = new Map(rows.map((r) => [(JSON.parse(r.payload) as { address: string }).address, r.id]));
    const twice = [...byAddress].filter(([, ids]) => ids.length > 1);
    for (const [address, ids] of twice) {
      expect(inFlight.has(idOf.get(address) as string), `${address} arrived twice but was not in flight`).toBe(true);
      expect(new Set(ids).size).toBe(1);
    }
    expect(twice.length).toBeLessThanOrEqual(inFlight.size);
  }, 180_000);
});
