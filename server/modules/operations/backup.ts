import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type DatabaseKind, databaseKindOf } from '../../config.js';
import { knownMigrations } from '../../db/migrate.js';
import {
  clearPostgres,
  type DatabaseFacts,
  dumpPostgres,
  inspectPostgres,
  inspectSqlite,
  postgresAdmin,
  postgresTarget,
  restorePostgres,
  snapshotSqlite,
  sqliteFileOfUrl,
  sqliteIsEmpty,
} from '../../db/snapshot.js';
import { type ArchiveEntry, BackupError, readArchive, type WrittenEntry, writeArchive } from './archive.js';

export { BackupError } from './archive.js';

/** What a backup says about itself (manifest.json, the archive's last entry). */
export interface Manifest {
  format: 'otmetka-backup';
  version: 1;
  createdAt: string;
  database: DatabaseKind;
  /** PostgreSQL: the schema dumped (restored into a schema of the same name). */
  pgSchema?: string;
  /** The newest migration applied: the schema version. */
  schemaVersion: string | null;
  tables: Record<string, number>;
  files: WrittenEntry[];
}

export interface BackupSource {
  databaseUrl: string;
  dataDir: string;
}

export interface BackupResult {
  file: string;
  size: number;
  manifest: Manifest;
}

const stampOf = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

async function* attachmentsOf(dataDir: string): AsyncIterable<ArchiveEntry> {
  const root = path.join(dataDir, 'attachments');
  if (!fs.existsSync(root)) return;
  const files = fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  files.sort((a, b) => path.join(a.parentPath, a.name).localeCompare(path.join(b.parentPath, b.name)));
  for (const f of files) {
    const full = path.join(f.parentPath, f.name);
    let data: Buffer;
    try {
      data = fs.readFileSync(full);
    } catch (error) {
      // Deleted (with its row) since the listing: the database copy may or may not still name it.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    yield { name: path.relative(dataDir, full).split(path.sep).join('/'), data };
  }
}

/**
 * Makes one backup archive in `dir`: a consistent copy of the database taken while the server
 * runs, the attachments folder and the manifest; sealed when `secret` is set. The file appears
 * under its final name only when complete (mode 0600).
 */
export async function createBackup(source: BackupSource, dir: string, secret: string | null, now: Date): Promise<BackupResult> {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const work = fs.mkdtempSync(path.join(dir, '.work-'));
  // The instant names the file; a random tail keeps two backups of one second (two nodes, a
  // scheduled and a manual one) apart.
  const name = `otmetka-${stampOf(now)}-${randomBytes(3).toString('hex')}.backup`;
  const dest = path.join(dir, name);
  const partial = path.join(work, `${name}.partial`);
  try {
    const kind = databaseKindOf(source.databaseUrl);
    let facts: DatabaseFacts;
    let pgSchema: string | undefined;
    let dbEntry: ArchiveEntry;
    if (kind === 'sqlite') {
      const copy = path.join(work, 'database.sqlite');
      await snapshotSqlite(sqliteFileOfUrl(source.databaseUrl), copy);
      const inspected = inspectSqlite(copy);
      if (inspected.integrity !== 'ok')
        throw new BackupError('failed', `the database copy fails its integrity check: ${inspected.integrity}`);
      facts = inspected;
      dbEntry = { name: 'database.sqlite', file: copy };
    } else {
      const copy = path.join(work, 'database.pgdump');
      const dumped = await dumpPostgres(source.databaseUrl, copy);
      facts = dumped;
      pgSchema = dumped.pgSchema;
      dbEntry = { name: 'database.pgdump', file: copy };
    }
    let manifest: Manifest | null = null;
    await writeArchive(
      partial,
      (async function* () {
        yield dbEntry;
        yield* attachmentsOf(source.dataDir);
      })(),
      secret,
      (files) => {
        manifest = {
          format: 'otmetka-backup',
          version: 1,
          createdAt: now.toISOString(),
          database: kind,
          ...(pgSchema ? { pgSchema } : {}),
          schemaVersion: facts.schemaVersion,
          tables: facts.tables,
          files,
        };
        return manifest;
      },
    );
    fs.renameSync(partial, dest);
    return { file: dest, size: fs.statSync(dest).size, manifest: manifest as unknown as Manifest };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export interface RestoreTarget {
  databaseUrl: string;
  dataDir: string;
}

export interface RestoreReport {
  schemaVersion: string | null;
  tables: number;
  rows: number;
  attachments: number;
  createdAt: string;
}

function parseManifest(raw: unknown): Manifest {
  const m = raw as Partial<Manifest> | null;
  if (
    m?.format !== 'otmetka-backup' ||
    typeof m.tables !== 'object' ||
    !Array.isArray(m.files) ||
    (m.database !== 'sqlite' && m.database !== 'postgres')
  ) {
    throw new BackupError('corrupt', 'the backup’s manifest is not one Otmetka writes');
  }
  if (m.version !== 1)
    throw new BackupError(
      'newer_schema',
      `the backup is of format version ${m.version}; this Otmetka reads version 1: upgrade Otmetka first`,
    );
  return m as Manifest;
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): string | null {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const n of [...names].sort()) if (a[n] !== b[n]) return `${n}: ${b[n] ?? 'missing'} rows, the manifest says ${a[n] ?? 'none'}`;
  return null;
}

const dirIsEmpty = (dir: string) => !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;

function moveInto(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  try {
    fs.renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    fs.cpSync(from, to, { recursive: true });
  }
}

/**
 * Restores an archive into an empty database and data folder (or over them with `force`), then
 * checks the result against the manifest: SQLite's integrity check, the schema version, the rows
 * of every table and each attachment's checksum. Unreadable input, a newer schema or a target in
 * use throw BackupError before anything is changed.
 */
export async function restoreBackup(
  file: string,
  target: RestoreTarget,
  secret: string | null,
  options: { force?: boolean } = {},
): Promise<RestoreReport> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new BackupError('failed', `no backup file at ${file}`);
  const kind = databaseKindOf(target.databaseUrl);
  const attachmentsDir = path.join(target.dataDir, 'attachments');
  const sqliteFile = kind === 'sqlite' ? path.resolve(sqliteFileOfUrl(target.databaseUrl)) : '';
  if (!options.force) {
    const dbEmpty = kind === 'sqlite' ? sqliteIsEmpty(sqliteFile) : (await postgresTarget(target.databaseUrl)).empty;
    if (!dbEmpty || !dirIsEmpty(attachmentsDir)) {
      throw new BackupError(
        'not_empty',
        `the target is not empty (${!dbEmpty ? 'the database holds tables' : `${attachmentsDir} holds files`}): restore into an empty database and data folder, or pass --force to replace them`,
      );
    }
  }
  const stagingBase = path.dirname(path.resolve(target.dataDir));
  fs.mkdirSync(stagingBase, { recursive: true });
  const staging = fs.mkdtempSync(path.join(stagingBase, '.otmetka-restore-'));
  try {
    const { manifest: raw, read } = await readArchive(file, staging, secret);
    const manifest = parseManifest(raw);
    if (manifest.schemaVersion !== null && !knownMigrations.includes(manifest.schemaVersion)) {
      throw new BackupError(
        'newer_schema',
        `the backup is of schema ${manifest.schemaVersion}, newer than this Otmetka knows (up to ${knownMigrations.at(-1)}): restore it with the Otmetka version that made it, or a later one`,
      );
    }
    if (manifest.database !== kind) {
      throw new BackupError('failed', `the backup is of a ${manifest.database} database; the target DATABASE_URL is ${kind}`);
    }
    const byPath = new Map(read.map((r) => [r.path, r]));
    for (const f of manifest.files) {
      const got = byPath.get(f.path);
      if (!got) throw new BackupError('corrupt', `the backup lacks ${f.path}, which its manifest lists`);
      if (got.sha256 !== f.sha256 || got.size !== f.size)
        throw new BackupError('corrupt', `${f.path} does not match its checksum in the manifest: the file is damaged`);
      byPath.delete(f.path);
    }
    if (byPath.size > 0) throw new BackupError('corrupt', `the backup holds ${[...byPath.keys()][0]}, which its manifest does not list`);

    if (kind === 'sqlite') {
      const staged = path.join(staging, 'database.sqlite');
      if (!fs.existsSync(staged)) throw new BackupError('corrupt', 'the backup holds no SQLite database');
      const facts = inspectSqlite(staged);
      if (facts.integrity !== 'ok')
        throw new BackupError('verify_failed', `the restored database fails its integrity check: ${facts.integrity}`);
      const mismatch = facts.schemaVersion !== manifest.schemaVersion ? 'schema version' : sameCounts(manifest.tables, facts.tables);
      if (mismatch) throw new BackupError('verify_failed', `the restored database differs from the manifest (${mismatch})`);
      if (options.force) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(sqliteFile + suffix, { force: true });
      moveInto(staged, sqliteFile);
    } else {
      const staged = path.join(staging, 'database.pgdump');
      if (!fs.existsSync(staged)) throw new BackupError('corrupt', 'the backup holds no PostgreSQL dump');
      const { pgSchema } = await postgresTarget(target.databaseUrl);
      if (pgSchema !== (manifest.pgSchema ?? 'public')) {
        throw new BackupError(
          'failed',
          `the backup holds schema "${manifest.pgSchema}"; the target DATABASE_URL uses "${pgSchema ?? 'none'}": create that schema or set its search_path`,
        );
      }
      if (options.force) await clearPostgres(target.databaseUrl);
      await restorePostgres(target.databaseUrl, staged, staging);
      const facts = await inspectPostgres(target.databaseUrl);
      const mismatch = facts.schemaVersion !== manifest.schemaVersion ? 'schema version' : sameCounts(manifest.tables, facts.tables);
      if (mismatch) throw new BackupError('verify_failed', `the restored database differs from the manifest (${mismatch})`);
    }
    const stagedAttachments = path.join(staging, 'attachments');
    let attachments = 0;
    if (fs.existsSync(stagedAttachments)) {
      attachments = manifest.files.filter((f) => f.path.startsWith('attachments/')).length;
      if (options.force) fs.rmSync(attachmentsDir, { recursive: true, force: true });
      else if (fs.existsSync(attachmentsDir)) fs.rmdirSync(attachmentsDir);
      moveInto(stagedAttachments, attachmentsDir);
    }
    return {
      schemaVersion: manifest.schemaVersion,
      tables: Object.keys(manifest.tables).length,
      rows: Object.values(manifest.tables).reduce((a, b) => a + b, 0),
      attachments,
      createdAt: manifest.createdAt,
    };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * The restore drill: restores `file` into a scratch place (a folder beside the backups; on
 * PostgreSQL a scratch database, which needs CREATEDB) with full verification, then removes it.
 */
export async function drillRestore(file: string, source: BackupSource, dir: string, secret: string | null): Promise<RestoreReport> {
  const scratch = fs.mkdtempSync(path.join(dir, '.drill-'));
  try {
    if (databaseKindOf(source.databaseUrl) === 'sqlite') {
      return await restoreBackup(
        file,
        { databaseUrl: `sqlite:${path.join(scratch, 'drill.db')}`, dataDir: path.join(scratch, 'data') },
        secret,
      );
    }
    const name = `otmetka_drill_${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
    const url = new URL(source.databaseUrl);
    const pgSchema = (await postgresTarget(source.databaseUrl)).pgSchema ?? 'public';
    await postgresAdmin(source.databaseUrl, `create database ${name}`);
    try {
      url.pathname = `/${name}`;
      if (pgSchema !== 'public') await postgresAdmin(url.toString(), `create schema "${pgSchema.replaceAll('"', '""')}"`);
      return await restoreBackup(file, { databaseUrl: url.toString(), dataDir: path.join(scratch, 'data') }, secret);
    } finally {
      await postgresAdmin(source.databaseUrl, `drop database if exists ${name} with (force)`);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
