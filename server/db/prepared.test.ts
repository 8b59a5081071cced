import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/database.js';
import type { DbHandle } from './connect.js';
import { prepare } from './prepared.js';

let handle: DbHandle;
let drop: () => Promise<void>;
const at = '2026-11-23T00:00:00.000Z';

beforeAll(async () => {
  const database = await createTestDatabase();
  handle = database.handle;
  drop = database.drop;
  await handle.db
    .insertInto('operators')
    .values(['alpha', 'beta', 'gamma', 'delta'].map((name, i) => ({ id: `op-${i}`, name, created_at: at })))
    .execute();
});
afterAll(async () => drop());

const byName = prepare((db, a: { name: string }) => db.selectFrom('operators').select(['id', 'name']).where('name', '=', a.name));
const byIds = prepare((db, a: { ids: readonly string[]; except: string }) =>
  db
    .selectFrom('operators')
    .select('name')
    .where('id', 'in', a.ids)
    .where('name', '<>', a.except)
    .where('created_at', '=', at)
    .orderBy('name'),
);

describe('prepare', () => {
  it('binds each call its own values, the same as the query built anew', async () => {
    expect(await byName.execute(handle.db, { name: 'beta' })).toEqual([{ id: 'op-1', name: 'beta' }]);
    expect(await byName.executeTakeFirst(handle.db, { name: 'gamma' })).toEqual({ id: 'op-2', name: 'gamma' });
    expect(await byName.executeTakeFirst(handle.db, { name: 'nobody' })).toBeUndefined();
  });

  it('compiles once per length of a list argument and keeps constants in place', async () => {
    const names = async (ids: string[], except: string) => (await byIds.execute(handle.db, { ids, except })).map((r) => r.name);
    expect(await names(['op-0', 'op-1'], 'alpha')).toEqual(['beta']);
    expect(await names(['op-0', 'op-1', 'op-3'], 'zzz')).toEqual(['alpha', 'beta', 'delta']);
    expect(await names(['op-2', 'op-3'], 'zzz')).toEqual(['delta', 'gamma']);
  });

  it('readCommitted sees committed data only, never a transaction still open elsewhere', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inserted: () => void = () => {};
    const insertedInTrx = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    const transaction = handle.db.transaction().execute(async (trx) => {
      await trx.insertInto('operators').values({ id: 'op-open', name: 'epsilon', created_at: at }).execute();
      inserted();
      await held;
    });
    await insertedInTrx;
    expect(await byName.readCommitted(handle.db, { name: 'epsilon' })).toBeUndefined();
    expect(await byName.readCommitted(handle.db, { name: 'alpha' })).toEqual({ id: 'op-0', name: 'alpha' });
    release();
    await transaction;
    expect(await byName.readCommitted(handle.db, { name: 'epsilon' })).toEqual({ id: 'op-open', name: 'epsilon' });
  });

  it('refuses a query where an argument does not end up as a bound parameter', async () => {
    const inlined = prepare((db, a: { name: string }) => db.selectFrom('operators').select('id').where('name', '=', sql.lit(a.name)));
    await expect(inlined.execute(handle.db, { name: 'alpha' })).rejects.toThrow(/not a bound parameter/);
  });
});
