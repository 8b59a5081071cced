import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect } from 'kysely';
import pg from 'pg';
import { type DatabaseKind, databaseKindOf } from '../config.js';
import { startCheckpointer } from './checkpointer.js';
import { DurableSqliteDialect, WalDurability } from './durable-sqlite.js';
import type { Database } from './schema.js';
import { WalFlusher } from './wal-flush.js';

export type Db = Kysely<Database>;

export interface DbHandle {
  db: Db;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** PostgreSQL schema to use (tests isolate themselves in their own schema). */
  pgSchema?: string;
  poolSize?: number;
  /** SQLite: checkpoint the log on a worker thread (servers; short-lived tools checkpoint inline). */
  backgroundCheckpoints?: boolean;
}

// Dates and instants are stored as text; keep pg from turning DATE/TIMESTAMP columns into JS Dates,
// and return BIGINT counts as numbers (our counts are far below 2^53).
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

function sqliteFileOf(url: string): string {
  return url === ':memory:' || url === 'sqlite::memory:' ? ':memory:' : url.replace(/^sqlite:(\/\/)?/, '');
}

function openSqlite(url: string): SQLite.Database {
  const file = sqliteFileOf(url);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // better-sqlite3 builds with WAL defaulting to synchronous=NORMAL, which can lose a committed
  // transaction on power loss; an acknowledged grade must survive (R12.2). The writer of a file
  // database then moves the flush off the event loop (see connect and WalFlusher).
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Erased personal data (a withdrawn consent's phones and addresses) must not linger in freed
  // space of the file, where a copy of it would still carry it (issue 12.10, decision 013).
  sqlite.pragma('secure_delete = ON');
  return sqlite;
}

/**
 * Reuses prepared statements by SQL text: Kysely's SQLite driver prepares every query anew, and
 * preparing costs more than running a primary-key read. One connection, serialised by Kysely, so
 * a statement is never used by two queries at once. Bounded: cleared when it grows past 2,000.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase & { isReader(sql: string): boolean } {
  const statements = new Map<string, SQLite.Statement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= 2_000) statements.clear();
      statement = sqlite.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  return {
    close: () => sqlite.close(),
    prepare,
    isReader: (sql: string) => statements.get(sql)?.reader ?? false,
  };
}

const durabilities = new WeakMap<Db, WalDurability>();

/** The SQLite writer's durability control (group commit defers its flush); none on PostgreSQL. */
export function walDurabilityOf(db: Db): WalDurability | undefined {
  return durabilities.get(db);
}

/** A reader of committed data outside any transaction (see committedReaderOf). */
export interface CommittedReader {
  all(sql: string, parameters: readonly unknown[]): Promise<unknown[]>;
}

const committedReaders = new WeakMap<Db, CommittedReader>();

/**
 * The fast lane for the hottest reads, which never need the caller's transaction:
 * - SQLite: a second, query-only connection to the file. In WAL mode it reads the last committed
 *   data without waiting for the one write connection (Kysely serialises every query on it,
 *   transactions included).
 * - PostgreSQL: the pool with named prepared statements, planned once per connection (Kysely sends
 *   unnamed ones, planned on every call: measured ~1 ms against ~0.2 ms for the diary's check).
 * A Transaction object is not the root Db and finds no reader here.
 */
export function committedReaderOf(db: Db): CommittedReader | undefined {
  return committedReaders.get(db);
}

function openSqliteReader(url: string): { reader: CommittedReader; close(): void } | undefined {
  if (url === ':memory:' || url === 'sqlite::memory:') return undefined;
  const sqlite = openSqlite(url);
  sqlite.pragma('query_only = ON');
  const statements = withStatementCache(sqlite);
  return {
    reader: { all: async (sql, parameters) => statements.prepare(sql).all(parameters) },
    close: () => sqlite.close(),
  };
}

function postgresReader(pool: pg.Pool): CommittedReader {
  const names = new Map<string, string>();
  return {
    all: async (sql, parameters) => {
      let name = names.get(sql);
      if (!name) {
        // A name per SQL text: a connection that has prepared it reuses the plan.
        name = `otm_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
        names.set(sql, name);
      }
      return (await pool.query({ name, text: sql, values: parameters as unknown[] })).rows;
    },
  };
}

/** Opens the database named by the URL (sqlite:… or postgres://…). */
export function connect(url: string, options: ConnectOptions = {}): DbHandle {
  const kind = databaseKindOf(url);
  if (kind === 'sqlite') {
    const sqlite = openSqlite(url);
    const statements = withStatementCache(sqlite);
    const file = sqliteFileOf(url);
    let db: Db;
    if (file === ':memory:') {
      db = new Kysely<Database>({ dialect: new SqliteDialect({ database: statements }) });
    } else {
      // Commits hand the log to the OS; the driver flushes it before any writer is answered.
      sqlite.pragma('synchronous = NORMAL');
      const durability = new WalDurability(new WalFlusher(`${path.resolve(file)}-wal`), sqlite);
      db = new Kysely<Database>({ dialect: new DurableSqliteDialect({ database: statements }, durability, statements.isReader) });
      durabilities.set(db, durability);
    }
    const snapshot = openSqliteReader(url);
    if (snapshot) committedReaders.set(db, snapshot.reader);
    const checkpointer = options.backgroundCheckpoints && file !== ':memory:' ? startCheckpointer(sqlite, path.resolve(file)) : null;
    return {
      db,
      kind,
      close: async () => {
        await checkpointer?.stop();
        snapshot?.close();
        await db.destroy();
      },
    };
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  committedReaders.set(db, postgresReader(pool));
  return { db, kind, close: () => db.destroy() };
}
