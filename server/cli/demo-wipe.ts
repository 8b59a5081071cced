import { sql } from 'kysely';
import type { DatabaseKind } from '../config.js';
import type { Db } from '../db/connect.js';

/**
 * Empties every application table (the migration bookkeeping stays), for `otmetka demo --reset`
 * only, after the caller has made sure the database holds nothing but the demo. Whole-database
 * maintenance rather than a query, so it branches on the database kind here instead of in
 * db/dialect.ts: tables added by later migrations are found by introspection and emptied too,
 * whatever their foreign keys.
 */
export async function emptyAllTables(db: Db, kind: DatabaseKind): Promise<void> {
  const tables = await db.introspection.getTables();
  if (kind === 'postgres') {
    const current = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    const schema = current.rows[0]?.schema;
    const names = tables.filter((t) => t.schema === schema && !t.isView).map((t) => sql.id(t.name));
    if (names.length === 0) return;
    // Listing every table in one TRUNCATE satisfies the foreign keys between them.
    await sql`truncate table ${sql.join(names)}`.execute(db);
    return;
  }
  await db.transaction().execute(async (trx) => {
    // Foreign keys are checked at commit, when every table is already empty.
    await sql`pragma defer_foreign_keys = on`.execute(trx);
    for (const t of tables) {
      if (!t.isView) await sql`delete from ${sql.id(t.name)}`.execute(trx);
    }
  });
}
