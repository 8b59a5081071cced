import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import pg from 'pg';

/**
 * A consistent copy of the database and what it holds, for backups and their verification
 * (issue 16). Every SQLite/PostgreSQL difference of copying lives here: SQLite's online backup
 * API, PostgreSQL's pg_dump and pg_restore under one exported snapshot.
 */

/** What a database holds, to compare a copy with its manifest. */
export interface DatabaseFacts {
  /** The newest applied migration, or null on an empty database. */
  schemaVersion: string | null;
  /** Rows per table (Kysely's bookkeeping included). */
  tables: Record<string, number>;
}

export class SnapshotError extends Error {}

export const sqliteFileOfUrl = (url: string) => url.replace(/^sqlite:(\/\/)?/, '');

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

// The copy runs on a worker thread with its own connection so the server's event loop keeps
// answering while pages are copied. After the first step it asks for every remaining page in one
// step: SQLite restarts a backup whose source another connection wrote between steps, and one
// step is one read transaction, which a writer in WAL mode never disturbs.
const BACKUP_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.source, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.backup(workerData.dest, { progress: ({ totalPages }) => Math.max(totalPages, 100) }).then(
  () => { db.close(); parentPort.postMessage({ ok: true }); },
  (error) => { db.close(); parentPort.postMessage({ ok: false, message: String(error && error.message || error) }); },
);
`;

/** Copies a live SQLite file with the online backup API into `dest` (a new file). */
export async function snapshotSqlite(sourceFile: string, dest: string): Promise<void> {
  if (!fs.existsSync(sourceFile)) throw new SnapshotError(`the database file ${sourceFile} does not exist`);
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const result = await new Promise<{ ok: boolean; message?: string }>((resolve, reject) => {
    const worker = new Worker(BACKUP_WORKER, { eval: true, workerData: { driver, source: sourceFile, dest } });
    worker.once('message', (m) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
  if (!result.ok) throw new SnapshotError(`SQLite online backup failed: ${result.message}`);
  // The copy is a file of its own: fold its log in so it is one self-contained file.
  const copy = new SQLite(dest);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** Integrity check, schema version and row counts of a SQLite file (opened read-only). */
export function inspectSqlite(file: string): DatabaseFacts & { integrity: string } {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join('; ');
    const names = (
      db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as Array<{
        name: string;
      }>
    ).map((r) => r.name);
    const tables: Record<string, number> = {};
    for (const name of names) tables[name] = (db.prepare(`select count(*) as n from ${quote(name)}`).get() as { n: number }).n;
    const version = names.includes('kysely_migration')
      ? ((db.prepare('select max(name) as v from kysely_migration').get() as { v: string | null }).v ?? null)
      : null;
    return { integrity, schemaVersion: version, tables };
  } finally {
    db.close();
  }
}

/** True when a SQLite target holds no table (or does not exist yet). */
export function sqliteIsEmpty(file: string): boolean {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return true;
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("select count(*) as n from sqlite_master where type = 'table'").get() as { n: number }).n === 0;
  } finally {
    db.close();
  }
}

async function pgFacts(client: pg.Client): Promise<DatabaseFacts> {
  const names = (
    await client.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name",
    )
  ).rows.map((r) => r.table_name);
  const tables: Record<string, number> = {};
  for (const name of names) tables[name] = Number((await client.query(`select count(*) as n from ${quote(name)}`)).rows[0].n);
  const version = names.includes('kysely_migration')
    ? ((await client.query<{ v: string | null }>('select max(name) as v from kysely_migration')).rows[0]?.v ?? null)
    : null;
  return { schemaVersion: version, tables };
}

async function withPg<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Runs a PostgreSQL client tool; a missing tool is said in so many words. */
function runTool(tool: 'pg_dump' | 'pg_restore', args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      if (stderr.length < 4000) stderr += String(chunk);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        new SnapshotError(
          error.code === 'ENOENT'
            ? `${tool} is not installed or not on PATH: install the PostgreSQL client tools of the server's major version (Debian: apt-get install postgresql-client)`
            : `${tool} could not start: ${error.message}`,
        ),
      );
    });
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new SnapshotError(`${tool} failed (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`));
    });
  });
}

/**
 * Dumps the schema the URL's connection uses (custom format) under one exported snapshot and
 * counts its rows in that same snapshot, so the counts describe exactly the dump.
 */
export async function dumpPostgres(url: string, dest: string): Promise<DatabaseFacts & { pgSchema: string }> {
  return withPg(url, async (client) => {
    await client.query('begin isolation level repeatable read read only');
    try {
      const snapshot = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]?.id as string;
      const pgSchema = (await client.query<{ s: string | null }>('select current_schema() as s')).rows[0]?.s;
      if (!pgSchema) throw new SnapshotError('the database URL names no existing schema');
      const facts = await pgFacts(client);
      await runTool('pg_dump', [
        '--format=custom',
        '--no-owner',
        '--no-privileges',
        `--snapshot=${snapshot}`,
        `--schema=${pgSchema}`,
        `--file=${dest}`,
        `--dbname=${url}`,
      ]);
      return { ...facts, pgSchema };
    } finally {
      await client.query('rollback');
    }
  });
}

/** The schema a PostgreSQL URL's connection uses (null if it does not exist) and whether it holds any table. */
export async function postgresTarget(url: string): Promise<{ pgSchema: string | null; empty: boolean }> {
  return withPg(url, async (client) => {
    const pgSchema = (await client.query<{ s: string | null }>('select current_schema() as s')).rows[0]?.s ?? null;
    const n = Number(
      (
        await client.query(
          "select count(*) as n from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'",
        )
      ).rows[0].n,
    );
    return { pgSchema, empty: n === 0 };
  });
}

/** Drops every table of the URL's schema (restore --force over a live database). */
export async function clearPostgres(url: string): Promise<void> {
  await withPg(url, async (client) => {
    const names = (
      await client.query<{ table_name: string }>(
        "select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'",
      )
    ).rows.map((r) => r.table_name);
    if (names.length) await client.query(`drop table if exists ${names.map(quote).join(', ')} cascade`);
  });
}

/**
 * Restores a custom-format dump into the URL's (existing, empty) schema. The schema itself is
 * left out of the list: it exists already ("public" always does), and creating it would fail.
 */
export async function restorePostgres(url: string, dumpFile: string, workDir: string): Promise<void> {
  const listed = await new Promise<string>((resolve, reject) => {
    const child = spawn('pg_restore', ['--list', dumpFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => {
      out += String(c);
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new SnapshotError(
          error.code === 'ENOENT'
            ? 'pg_restore is not installed or not on PATH (Debian: apt-get install postgresql-client)'
            : error.message,
        ),
      ),
    );
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new SnapshotError(`pg_restore --list failed (exit ${code})`))));
  });
  const list = listed
    .split('\n')
    .filter((line) => !/^\d+; \d+ \d+ (SCHEMA|COMMENT) - (SCHEMA )?\S+ /.test(line))
    .join('\n');
  const listFile = `${workDir}/restore.list`;
  fs.writeFileSync(listFile, list, { mode: 0o600 });
  await runTool('pg_restore', [
    '--no-owner',
    '--no-privileges',
    '--exit-on-error',
    '--single-transaction',
    `--use-list=${listFile}`,
    `--dbname=${url}`,
    dumpFile,
  ]);
}

/** Schema version and row counts of the URL's schema. */
export async function inspectPostgres(url: string): Promise<DatabaseFacts> {
  return withPg(url, pgFacts);
}

/** Runs one statement on an administrative connection (creating and dropping a drill's scratch database). */
export async function postgresAdmin(url: string, statement: string): Promise<void> {
  await withPg(url, async (client) => {
    await client.query(statement);
  });
}
