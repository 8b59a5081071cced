import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../access/actor.js';
import { sqliteFileOfUrl } from '../../db/snapshot.js';
import { makeSchoolWorld } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { BackupError, listBackups, restoreBackup, runBackup, runDrill, scheduledTick } from './operations.service.js';

// Issue 16 items 1, 2 and 8 on the database under test: a backup while the app runs, a restore
// into an empty place verified against the manifest, and every bad input refused with nothing changed.
const KEY = 'k'.repeat(40);
const hasPgTools = spawnSync('pg_dump', ['--version']).status === 0 && spawnSync('pg_restore', ['--version']).status === 0;
const onPostgres = !!process.env.TEST_DATABASE_URL;
const repoRoot = path.resolve(import.meta.dirname, '../../..');

describe.skipIf(onPostgres && !hasPgTools && !process.env.CI)('backup and restore', () => {
  let t: TestApp;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'otmetka-backup-src-'));
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'otmetka-backup-dst-'));
  const scratchDatabases: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(undefined, { DATA_DIR: dataDir, BACKUP_DIR: path.join(dataDir, 'backups') });
    await makeSchoolWorld(t.deps.db);
    fs.mkdirSync(path.join(dataDir, 'attachments', 's1', 'l1'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'attachments', 's1', 'l1', 'a1'), randomBytes(5000));
    fs.writeFileSync(path.join(dataDir, 'attachments', 's1', 'l1', 'a2'), 'домашнее задание');
  });
  afterAll(async () => {
    await t.close();
    if (onPostgres) {
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      for (const name of scratchDatabases) await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  /** An empty restore target: a new SQLite file, or a new PostgreSQL database with the source's schema. */
  async function emptyTarget(): Promise<{ databaseUrl: string; dataDir: string }> {
    const dir = fs.mkdtempSync(path.join(scratch, 't-'));
    if (!onPostgres) return { databaseUrl: `sqlite:${path.join(dir, 'restored.db')}`, dataDir: path.join(dir, 'data') };
    const name = `otm_restore_${randomBytes(5).toString('hex')}`;
    scratchDatabases.push(name);
    const base = process.env.TEST_DATABASE_URL as string;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(t.cliDatabaseUrl);
    url.pathname = `/${name}`;
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.deps.db)).rows[0]?.s as string;
    const c = new pg.Client({ connectionString: url.toString() });
    await c.connect();
    await c.query(`create schema if not exists ${schema}`);
    await c.end();
    return { databaseUrl: url.toString(), dataDir: path.join(dir, 'data') };
  }

  async function rowsIn(databaseUrl: string, table: string): Promise<number> {
    if (databaseUrl.startsWith('sqlite:')) {
      const out = execFileSync(
        'node',
        [
          '-e',
          `const D=require('better-sqlite3');const d=new D(process.argv[1],{readonly:true});console.log(d.prepare('select count(*) n from ${table}').get().n)`,
          sqliteFileOfUrl(databaseUrl),
        ],
        { cwd: repoRoot },
      );
      return Number(String(out).trim());
    }
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    try {
      return Number((await c.query(`select count(*) as n from ${table}`)).rows[0].n);
    } finally {
      await c.end();
    }
  }

  const targetUntouched = async (target: { databaseUrl: string; dataDir: string }) => {
    expect(fs.existsSync(path.join(target.dataDir, 'attachments'))).toBe(false);
    if (target.databaseUrl.startsWith('sqlite:')) expect(fs.existsSync(sqliteFileOfUrl(target.databaseUrl))).toBe(false);
    else {
      const c = new pg.Client({ connectionString: target.databaseUrl });
      await c.connect();
      const n = Number(
        (await c.query('select count(*) as n from information_schema.tables where table_schema = current_schema()')).rows[0].n,
      );
      await c.end();
      expect(n).toBe(0);
    }
  };

  async function withKey<T>(key: string | null, run: () => Promise<T>): Promise<T> {
    const saved = t.deps.config.backup.key;
    t.deps.config.backup.key = key;
    try {
      return await run();
    } finally {
      t.deps.config.backup.key = saved;
    }
  }

  it('backs up while the app runs and restores into an empty place, verified against the manifest', async () => {
    const run = await runBackup(t.deps, 'cli');
    expect(run.status, run.error ?? '').toBe('ok');
    const file = path.join(t.deps.config.backup.dir, run.fileName as string);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(run.sizeBytes).toBe(fs.statSync(file).size);
    expect(run.schemaVersion).toBe('020-backups');

    const target = await emptyTarget();
    const report = await restoreBackup(file, target, null);
    expect(report.attachments).toBe(2);
    expect(report.schemaVersion).toBe('020-backups');
    expect(await rowsIn(target.databaseUrl, 'schools')).toBe(
      Number(
        (
          await t.deps.db
            .selectFrom('schools')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    );
    expect(fs.readFileSync(path.join(target.dataDir, 'attachments', 's1', 'l1', 'a2'), 'utf8')).toBe('домашнее задание');
    expect(fs.readFileSync(path.join(target.dataDir, 'attachments', 's1', 'l1', 'a1'))).toEqual(
      fs.readFileSync(path.join(dataDir, 'attachments', 's1', 'l1', 'a1')),
    );

    // Not over a live one: a second restore into the now-full target is refused and changes nothing.
    const before = await rowsIn(target.databaseUrl, 'users');
    await expect(restoreBackup(file, target, null)).rejects.toMatchObject({ code: 'not_empty', exitCode: 6 });
    expect(await rowsIn(target.databaseUrl, 'users')).toBe(before);
  });

  it('encrypts with BACKUP_KEY; a missing or wrong key is a clear error and changes nothing', async () => {
    const run = await withKey(KEY, () => runBackup(t.deps, 'cli'));
    expect(run.status, run.error ?? '').toBe('ok');
    expect(run.encrypted).toBe(true);
    const file = path.join(t.deps.config.backup.dir, run.fileName as string);
    // Sealed: no table name of the plain tar shows through.
    expect(fs.readFileSync(file).includes(Buffer.from('manifest.json'))).toBe(false);

    const target = await emptyTarget();
    await expect(restoreBackup(file, target, null)).rejects.toMatchObject({ code: 'key_missing', exitCode: 4 });
    await expect(restoreBackup(file, target, 'w'.repeat(40))).rejects.toThrow(/BACKUP_KEY is not the key/);
    await targetUntouched(target);
    const report = await restoreBackup(file, target, KEY);
    expect(report.attachments).toBe(2);
  });

  it('refuses a truncated or damaged file, plain or sealed, and changes nothing', async () => {
    for (const key of [null, KEY]) {
      const run = await withKey(key, () => runBackup(t.deps, 'cli'));
      const file = path.join(t.deps.config.backup.dir, run.fileName as string);
      const bytes = fs.readFileSync(file);
      const truncated = path.join(scratch, `truncated-${key ? 'sealed' : 'plain'}.backup`);
      fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      const damaged = path.join(scratch, `damaged-${key ? 'sealed' : 'plain'}.backup`);
      const copy = Buffer.from(bytes);
      const at = Math.floor(copy.length / 3);
      copy[at] = (copy[at] as number) ^ 0xff;
      fs.writeFileSync(damaged, copy);
      for (const bad of [truncated, damaged]) {
        const target = await emptyTarget();
        const error = await restoreBackup(bad, target, key).catch((e: unknown) => e);
        expect(error, `${bad}`).toBeInstanceOf(BackupError);
        expect((error as BackupError).exitCode, `${bad}: ${(error as Error).message}`).toBe(4);
        await targetUntouched(target);
      }
    }
  });

  it('refuses a backup of a newer schema and changes nothing', async () => {
    await sql`insert into kysely_migration (name, timestamp) values ('999-from-the-future', '2099-01-01T00:00:00.000Z')`.execute(t.deps.db);
    try {
      const run = await runBackup(t.deps, 'cli');
      expect(run.schemaVersion).toBe('999-from-the-future');
      const target = await emptyTarget();
      await expect(restoreBackup(path.join(t.deps.config.backup.dir, run.fileName as string), target, null)).rejects.toMatchObject({
        code: 'newer_schema',
        exitCode: 5,
      });
      await targetUntouched(target);
    } finally {
      await sql`delete from kysely_migration where name = '999-from-the-future'`.execute(t.deps.db);
    }
  });

  it('drills the latest backup; a failed drill is the alarm of the list', async () => {
    const run = await runBackup(t.deps, 'manual');
    const drilled = await runDrill(t.deps);
    expect(drilled?.id).toBe(run.id);
    expect(drilled?.drill?.status, drilled?.drill?.error ?? '').toBe('ok');
    let list = await listBackups(t.deps, systemActor());
    expect(list.alarm).toBe(false);
    expect(list.items[0]?.drill?.status).toBe('ok');

    // The archive rots on disk: the next drill fails and the page raises the alarm.
    const file = path.join(t.deps.config.backup.dir, run.fileName as string);
    const bytes = fs.readFileSync(file);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] as number) ^ 0xff;
    fs.writeFileSync(file, bytes);
    const failed = await runDrill(t.deps, run.id);
    expect(failed?.drill?.status).toBe('failed');
    expect(failed?.drill?.error).toMatch(/damaged|checksum/);
    list = await listBackups(t.deps, systemActor());
    expect(list.alarm).toBe(true);
  });

  it('keeps BACKUP_KEEP archives and deletes older ones', async () => {
    const saved = t.deps.config.backup.keep;
    t.deps.config.backup.keep = 2;
    try {
      await runBackup(t.deps, 'cli');
      await runBackup(t.deps, 'cli');
      const archives = fs.readdirSync(t.deps.config.backup.dir).filter((f) => f.endsWith('.backup'));
      expect(archives).toHaveLength(2);
    } finally {
      t.deps.config.backup.keep = saved;
    }
  });

  it("the worker runs the day's backup at BACKUP_TIME once, however many workers look, and drills it", async () => {
    const saved = t.deps.config.backup.time;
    try {
      // The test clock stands at 09:00 UTC.
      t.deps.config.backup.time = '09:01';
      expect(await scheduledTick(t.deps)).toBe(false);
      t.deps.config.backup.time = '08:30';
      const ran = await Promise.all([scheduledTick(t.deps), scheduledTick(t.deps), scheduledTick(t.deps)]);
      expect(ran.filter(Boolean)).toHaveLength(1);
      expect(await scheduledTick(t.deps)).toBe(false);
      const scheduled = (await listBackups(t.deps, systemActor())).items.filter((i) => i.trigger === 'schedule');
      expect(scheduled).toHaveLength(1);
      expect(scheduled[0]?.status).toBe('ok');
      expect(scheduled[0]?.drill?.status, scheduled[0]?.drill?.error ?? '').toBe('ok');
    } finally {
      t.deps.config.backup.time = saved;
    }
  });

  it('otmetka restore exits with the documented codes and messages', async () => {
    const run = await runBackup(t.deps, 'cli');
    const file = path.join(t.deps.config.backup.dir, run.fileName as string);
    const truncated = path.join(scratch, 'cli-truncated.backup');
    fs.writeFileSync(truncated, fs.readFileSync(file).subarray(0, 3000));
    const cli = (target: { databaseUrl: string; dataDir: string }, ...args: string[]) =>
      spawnSync('node', ['bin/otmetka.mjs', 'restore', ...args], {
        cwd: repoRoot,
        env: { ...process.env, DATABASE_URL: target.databaseUrl, DATA_DIR: target.dataDir, BACKUP_KEY: '' },
        encoding: 'utf8',
      });
    const target = await emptyTarget();
    const bad = cli(target, truncated);
    expect(bad.status, bad.stderr).toBe(4);
    expect(bad.stderr).toMatch(/Restore refused: .*(truncated|damaged)/);
    await targetUntouched(target);
    const ok = cli(target, file);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/verified against its manifest/);
    const again = cli(target, file);
    expect(again.status).toBe(6);
    expect(again.stderr).toMatch(/not empty/);
  }, 60_000);
});
