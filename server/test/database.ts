import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type DatabaseKind, databaseKindOf } from '../config.js';
import { connect, type DbHandle } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';

/** The database under test: TEST_DATABASE_URL (postgres://…) or, by default, a fresh SQLite file. */
export function testDatabaseKind(): DatabaseKind {
  const url = process.env.TEST_DATABASE_URL;
  return url ? databaseKindOf(url) : 'sqlite';
}

/**
 * A fresh, migrated database for one test file. On PostgreSQL each file gets its own schema, so
 * files run in parallel against one server without seeing each other.
 */
export async function createTestDatabase(): Promise<{ handle: DbHandle; url: string; pgSchema?: string; drop(): Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (url && databaseKindOf(url) === 'postgres') {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const handle = connect(url, { pgSchema: schema, poolSize: 5 });
    await migrateToLatest(handle.db, { pgSchema: schema });
    return {
      handle,
      url,
      pgSchema: schema,
      drop: async () => {
        await handle.close();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP SCHEMA ${schema} CASCADE`);
        await c.end();
      },
    };
  }
  const file = path.join(os.tmpdir(), `otmetka-test-${randomBytes(6).toString('hex')}.db`);
  const sqliteUrl = `sqlite:${file}`;
  const handle = connect(sqliteUrl);
  await migrateToLatest(handle.db);
  return {
    handle,
    url: sqliteUrl,
    drop: async () => {
      await handle.close();
      const fs = await import('node:fs');
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    },
  };
}
