import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import { knownMigrations } from '../../db/migrate.js';
import type { Deps } from '../../lib/deps.js';

const draining = new WeakSet<Db>();

/** From SIGTERM on, /api/health/ready answers 503 so a proxy stops sending new requests here. */
export function beginDrain(deps: Deps): void {
  draining.add(deps.db);
}

/** Ready: not shutting down, the database answers, and every migration this build knows is applied. */
export async function readiness(deps: Deps): Promise<{ ready: boolean; reason: 'draining' | 'database' | 'migrations' | null }> {
  if (draining.has(deps.db)) return { ready: false, reason: 'draining' };
  let applied: string[];
  try {
    applied = (await sql<{ name: string }>`select name from kysely_migration`.execute(deps.db)).rows.map((r) => r.name);
  } catch {
    return { ready: false, reason: 'database' };
  }
  const have = new Set(applied);
  return knownMigrations.every((m) => have.has(m)) ? { ready: true, reason: null } : { ready: false, reason: 'migrations' };
}
