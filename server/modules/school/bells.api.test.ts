import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAudit, countRows, createStructureKit, expectRefused, type StructureKit } from './school.testkit.js';

let k: StructureKit;
let url: (path: string) => string;

beforeAll(async () => {
  k = await createStructureKit();
  url = (path) => `/api/schools/${k.world.schoolId}/bells${path}`;
});
afterAll(async () => k.t.close());

async function nothingWritten(calls: () => Promise<void>) {
  const before = await k.t.deps.db.selectFrom('bells').selectAll().where('school_id', '=', k.world.schoolId).orderBy('id').execute();
  const audit = await countAudit(k.t.deps.db, k.world.schoolId);
  await calls();
  expect(await k.t.deps.db.selectFrom('bells').selectAll().where('school_id', '=', k.world.schoolId).orderBy('id').execute()).toEqual(
    before,
  );
  expect(await countAudit(k.t.deps.db, k.world.schoolId)).toBe(audit);
}

const SCHEDULE = [
  { lessonNumber: 2, startsAt: '08:55', endsAt: '09:40' },
  { lessonNumber: 1, startsAt: '08:00', endsAt: '08:45' },
  { lessonNumber: 3, startsAt: '09:55', endsAt: '10:40' },
];

describe('bell schedule', () => {
  it('replaces the whole schedule and lists it sorted by lesson number', async () => {
    const res = await k.admin.put(url(''), { items: SCHEDULE });
    expect(res.statusCode).toBe(200);
    const list = (await k.parent.get(url(''))).json().items;
    expect(list.map((b: { lessonNumber: number; startsAt: string }) => [b.lessonNumber, b.startsAt])).toEqual([
      [1, '08:00'],
      [2, '08:55'],
      [3, '09:55'],
    ]);
  });

  it('keeps the ids of lessons that stay when the schedule is replaced', async () => {
    const before = (await k.admin.get(url(''))).json().items as Array<{ id: string; lessonNumber: number }>;
    const res = await k.admin.put(url(''), { items: [{ lessonNumber: 1, startsAt: '08:30', endsAt: '09:15' }] });
    expect(res.json().items).toEqual([{ id: before[0]?.id, lessonNumber: 1, startsAt: '08:30', endsAt: '09:15' }]);
    await k.admin.put(url(''), { items: SCHEDULE });
  });

  it('adds, changes and removes single lessons', async () => {
    const zero = await k.admin.post(url(''), { lessonNumber: 0, startsAt: '07:10', endsAt: '07:50' });
    expect(zero.statusCode).toBe(201);
    const moved = await k.operator.patch(url(`/${zero.json().id}`), { startsAt: '07:05' });
    expect(moved.json()).toMatchObject({ lessonNumber: 0, startsAt: '07:05', endsAt: '07:50' });
    expect((await k.admin.delete(url(`/${zero.json().id}`))).statusCode).toBe(204);
    expect(await countRows(k.t.deps.db, 'bells', k.world.schoolId)).toBe(3);
  });

  it('refuses bad single lessons and writes nothing', async () => {
    await nothingWritten(async () => {
      expectRefused(await k.admin.post(url(''), { lessonNumber: 1, startsAt: '12:00', endsAt: '12:45' }), 409);
      expect(expectRefused(await k.admin.post(url(''), { lessonNumber: 4, startsAt: '10:30', endsAt: '11:15' }), 422)).toBe(
        'Уроки № 3 и № 4 пересекаются по времени.',
      );
      expectRefused(await k.admin.post(url(''), { lessonNumber: 4, startsAt: '11:15', endsAt: '11:00' }), 422);
      expectRefused(await k.admin.post(url(''), { lessonNumber: 4, startsAt: '11:00', endsAt: '11:00' }), 422);
      expectRefused(await k.admin.post(url(''), { lessonNumber: 13, startsAt: '11:00', endsAt: '11:45' }), 400, 'lessonNumber');
      expectRefused(await k.admin.post(url(''), { lessonNumber: -1, startsAt: '11:00', endsAt: '11:45' }), 400, 'lessonNumber');
      expect(expectRefused(await k.admin.post(url(''), { lessonNumber: 4, startsAt: '25:00', endsAt: '25:45' }), 400, 'startsAt')).toMatch(
        /ЧЧ:ММ/,
      );
      expectRefused(await k.admin.post(url(''), { lessonNumber: 4, startsAt: '11:00', endsAt: '11:45', room: '1' }), 400, 'room');
      expectRefused(await k.admin.post(url(''), { lessonNumber: 4, startsAt: '11:00' }), 400, 'endsAt');
      expectRefused(await k.teacher.post(url(''), { lessonNumber: 4, startsAt: '11:00', endsAt: '11:45' }), 403);
      const first = ((await k.admin.get(url(''))).json().items as Array<{ id: string }>)[0]?.id as string;
      expectRefused(await k.admin.patch(url(`/${first}`), { endsAt: '09:00' }), 422);
      expectRefused(await k.admin.patch(url(`/${first}`), { lessonNumber: 2 }), 409);
      expectRefused(await k.admin.patch(url(`/${first}`), {}), 400, 'body');
      expectRefused(await k.otherAdmin.patch(`/api/schools/${k.other.schoolId}/bells/${first}`, { endsAt: '08:40' }), 404);
      expectRefused(await k.otherAdmin.delete(url(`/${first}`)), 404);
    });
  });

  it('refuses a bad whole schedule atomically', async () => {
    await nothingWritten(async () => {
      const dup = [...SCHEDULE, { lessonNumber: 1, startsAt: '12:00', endsAt: '12:45' }];
      expectRefused(await k.admin.put(url(''), { items: dup }), 422);
      const overlap = [...SCHEDULE, { lessonNumber: 4, startsAt: '10:00', endsAt: '10:50' }];
      expectRefused(await k.admin.put(url(''), { items: overlap }), 422);
      expectRefused(
        await k.admin.put(url(''), { items: [{ lessonNumber: 1, startsAt: '9:00', endsAt: '09:45' }] }),
        400,
        'items.0.startsAt',
      );
      expectRefused(await k.admin.put(url(''), SCHEDULE), 400);
      expectRefused(await k.parent.put(url(''), { items: SCHEDULE }), 403);
    });
  });
});
