import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../lib/ids.js';
import { createTestDatabase } from '../test/database.js';
import type { DbHandle } from './connect.js';
import { dialectFor } from './dialect.js';
import { runWrite } from './group-commit.js';

let handle: DbHandle;
let drop: () => Promise<void>;
const at = '2026-11-23T00:00:00.000Z';

beforeAll(async () => {
  const database = await createTestDatabase();
  handle = database.handle;
  drop = database.drop;
});
afterAll(async () => drop());

const deps = () => ({ db: handle.db, dialect: dialectFor(handle.kind) });
const insertOperator = (name: string) => (trx: Parameters<Parameters<typeof runWrite>[1]>[0]) =>
  trx.insertInto('operators').values({ id: newId(), name, created_at: at }).execute();

describe('runWrite', () => {
  it('stores every write of a concurrent burst and answers each caller', async () => {
    const names = Array.from({ length: 300 }, (_, i) => `burst-${i}`);
    await Promise.all(names.map((n) => runWrite(deps(), insertOperator(n))));
    const stored = await handle.db.selectFrom('operators').select('name').where('name', 'like', 'burst-%').execute();
    expect(stored).toHaveLength(300);
  });

  it('undoes only the failing write of a batch and reports its own error to it', async () => {
    const results = await Promise.allSettled([
      runWrite(deps(), insertOperator('kept-1')),
      runWrite(deps(), async (trx) => {
        await insertOperator('undone')(trx);
        throw new Error('stale version');
      }),
      runWrite(deps(), insertOperator('kept-2')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('stale version');
    const names = (
      await handle.db.selectFrom('operators').select('name').where('name', 'in', ['kept-1', 'kept-2', 'undone']).execute()
    ).map((r) => r.name);
    expect(names.sort()).toEqual(['kept-1', 'kept-2']);
  });

  it('returns what the work returns', async () => {
    expect(await runWrite(deps(), async () => 42)).toBe(42);
  });
});
