import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/connect.js';
import { createTestDatabase } from '../../test/database.js';
import { makeSchoolWorld, type SchoolWorld } from '../../test/factories.js';
import { ChangeKind, changesSince, type RecordedChange, recordChange, subscribeToChanges } from './changes.service.js';

let database: { handle: DbHandle; drop(): Promise<void> };
let w: SchoolWorld;
beforeAll(async () => {
  database = await createTestDatabase();
  w = await makeSchoolWorld(database.handle.db);
});
afterAll(async () => database.drop());

const AT = '2026-11-23T09:00:00.000Z';

describe('recordChange', () => {
  it('refuses to record while no read model listens (a write would leave stale pages)', async () => {
    await expect(
      recordChange(database.handle.db, { kind: ChangeKind.grade, action: 'create', schoolId: w.schoolId, at: AT }),
    ).rejects.toThrow(/no change subscribers/);
  });

  it('logs the change and runs the subscribers of its kind in the writer’s transaction, normalised', async () => {
    const seen: RecordedChange[] = [];
    subscribeToChanges('test.grades', [ChangeKind.grade], async (_trx, c) => {
      seen.push(c);
    });
    subscribeToChanges('test.bells', [ChangeKind.bells], async () => {
      throw new Error('must not run for a grade');
    });
    await database.handle.db.transaction().execute(async (trx) => {
      await recordChange(trx, {
        kind: ChangeKind.grade,
        action: 'create',
        schoolId: w.schoolId,
        entityId: 'g1',
        actorId: null,
        at: AT,
        students: [w.studentIds.inA, w.studentIds.inA, null],
        dates: ['2026-11-16', undefined, '2026-11-16'],
      });
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ students: [w.studentIds.inA], groups: [], curricula: [], dates: ['2026-11-16'], wholeSchool: false });
    const logged = await changesSince(database.handle.db, w.schoolId, 0, 10);
    expect(logged).toEqual([expect.objectContaining({ kind: 'grade', entityId: 'g1', students: [w.studentIds.inA], seq: seen[0]?.seq })]);
  });

  it('rolls the log back with the write', async () => {
    const before = (await changesSince(database.handle.db, w.schoolId, 0, 100)).length;
    await expect(
      database.handle.db.transaction().execute(async (trx) => {
        await recordChange(trx, { kind: ChangeKind.grade, action: 'delete', schoolId: w.schoolId, at: AT, students: ['x'] });
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    expect((await changesSince(database.handle.db, w.schoolId, 0, 100)).length).toBe(before);
  });
});
