import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../lib/ids.js';
import { connect, type DbHandle, walDurabilityOf } from './connect.js';
import { dialectFor } from './dialect.js';
import { runWrite } from './group-commit.js';
import { migrateToLatest } from './migrate.js';

// The writer's durability is SQLite's own business; this file runs a database of its own.
let handle: DbHandle;
let dir: string;
const at = '2026-11-23T00:00:00.000Z';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otmetka-durable-'));
  handle = connect(`sqlite:${path.join(dir, 'school.db')}`);
  await migrateToLatest(handle.db);
});
afterAll(async () => {
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const flushes = () => walDurabilityOf(handle.db)?.flusher.flushes ?? Number.NaN;
const operator = (name: string) => ({ id: newId(), name, created_at: at });

describe('the SQLite writer flushes its log before a writer goes on', () => {
  it('commits with synchronous=NORMAL and flushes itself, so no commit stops the event loop', async () => {
    const level = await sql<{ synchronous: number }>`pragma synchronous`.execute(handle.db);
    expect(level.rows[0]?.synchronous).toBe(1);
  });

  it('flushes after a transaction, before execute() answers', async () => {
    const before = flushes();
    await handle.db.transaction().execute((trx) => trx.insertInto('operators').values(operator('trx')).execute());
    expect(flushes()).toBeGreaterThan(before);
  });

  it('flushes after a write outside any transaction', async () => {
    const before = flushes();
    await handle.db.insertInto('operators').values(operator('autocommit')).execute();
    expect(flushes()).toBeGreaterThan(before);
  });

  it('does not flush for a read', async () => {
    const before = flushes();
    await handle.db.selectFrom('operators').select('id').execute();
    expect(flushes()).toBe(before);
  });

  it('answers a group-committed write only after a flush that followed its work, sharing flushes', async () => {
    const deps = { db: handle.db, dialect: dialectFor(handle.kind) };
    const seen: Array<{ during: number; answered: number }> = [];
    const before = flushes();
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        runWrite(deps, async (trx) => {
          const during = flushes();
          await trx
            .insertInto('operators')
            .values(operator(`group-${i}`))
            .execute();
          return during;
        }).then((during) => seen.push({ during, answered: flushes() })),
      ),
    );
    expect(seen).toHaveLength(200);
    for (const s of seen) expect(s.answered).toBeGreaterThan(s.during);
    expect(flushes() - before).toBeLessThan(200);
    const stored = await handle.db.selectFrom('operators').select('id').where('name', 'like', 'group-%').execute();
    expect(stored).toHaveLength(200);
  });

  it('a failed commit leaves the next transaction waiting for its own flush', async () => {
    const durability = walDurabilityOf(handle.db);
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await trx.insertInto('operators').values(operator('undone')).execute();
        durability?.deferNextFlush();
        throw new Error('work failed after deferring');
      }),
    ).rejects.toThrow('work failed after deferring');
    const before = flushes();
    await handle.db.transaction().execute((trx) => trx.insertInto('operators').values(operator('after')).execute());
    expect(flushes()).toBeGreaterThan(before);
  });
});
