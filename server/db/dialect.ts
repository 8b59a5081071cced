import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { DatabaseKind } from '../config.js';
import type { Database } from './schema.js';

/**
 * Every difference between SQLite and PostgreSQL lives here; repositories and migrations
 * call these helpers and never branch on the dialect themselves.
 */
export interface Dialect {
  kind: DatabaseKind;
  /** Case-insensitive substring match for search boxes. */
  containsInsensitive(column: Expression<string | null>, needle: string): Expression<SqlBool>;
  /** Whether SELECT … FOR UPDATE is available (SQLite serialises writers instead). */
  supportsRowLocks: boolean;
  /**
   * After erasing personal data (a withdrawn consent), pushes it out of the files: SQLite copies the
   * WAL into the database file, whose freed space secure_delete has zeroed, and empties the WAL,
   * which still held the old pages (decision 013). PostgreSQL leaves dead row versions to VACUUM.
   */
  flushErased(db: Kysely<Database>): Promise<void>;
}

function escapeLike(needle: string): string {
  return needle.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function dialectFor(kind: DatabaseKind): Dialect {
  if (kind === 'postgres') {
    return {
      kind,
      containsInsensitive: (column, needle) => sql<SqlBool>`${column} ILIKE ${`%${escapeLike(needle)}%`} ESCAPE '\\'`,
      supportsRowLocks: true,
      flushErased: async () => {},
    };
  }
  return {
    kind,
    // SQLite's LIKE folds only ASCII; lower() with the ICU-less build also folds only ASCII,
    // so Cyrillic search compares both sides lower-cased by JavaScript-side normalisation in the
    // stored search column (see people.repository search_name).
    containsInsensitive: (column, needle) => sql<SqlBool>`${column} LIKE ${`%${escapeLike(needle)}%`} ESCAPE '\\'`,
    supportsRowLocks: false,
    flushErased: async (db) => {
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
    },
  };
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/** A unique-index violation (SQLite SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY, PostgreSQL 23505): a duplicate that raced past a check. */
export function isUniqueViolation(error: unknown): boolean {
  const code = errorCode(error);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** A foreign-key violation (SQLite SQLITE_CONSTRAINT_FOREIGNKEY, PostgreSQL 23503): a row still referenced elsewhere. */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = errorCode(error);
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
