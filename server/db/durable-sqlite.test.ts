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

describe('background checkpoints', () => {
  it('turn off the writer own checkpoints and copy the log into the database from a worker thread', async () => {
    const file = path.join(dir, 'checkpointed.db');
    const own = connect(`sqlite:${file}`, { backgroundCheckpoints: true });
    try {
      await migrateToLatest(own.db);
      const auto = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(own.db);
      expect(auto.rows[0]?.wal_autocheckpoint).toBe(0);
      const before = fs.statSync(file).size;
      const wide = 'x'.repeat(2_000);
      for (let i = 0; i < 30; i++) {
        await own.db
          .insertInto('operators')
          .values(Array.from({ length: 100 }, (_, j) => operator(`${wide}-${i}-${j}`)))
          .execute();
      }
      // ~6 MB went to the log; only the worker can have moved it into the database file.
      const deadline = Date.now() + 20_000;
      while (fs.statSync(file).size <= before + 4_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(fs.statSync(file).size).toBeGreaterThan(before + 4_000_000);
    } finally {
      await own.close();
    }
  });
});
