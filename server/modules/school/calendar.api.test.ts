import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../access/actor.js';
import { isSchoolDay, periodOn, yearOn } from './school.service.js';
import { countAudit, countRows, createStructureKit, expectRefused, type StructureKit } from './school.testkit.js';

let k: StructureKit;
let url: (path: string) => string;

beforeAll(async () => {
  k = await createStructureKit();
  url = (path) => `/api/schools/${k.world.schoolId}${path}`;
});
afterAll(async () => k.t.close());

/** Runs refused calls and checks that the table and the audit log are exactly as before. */
async function nothingWritten(table: Parameters<typeof countRows>[1], calls: () => Promise<void>) {
  const rows = await countRows(k.t.deps.db, table, k.world.schoolId);
  const audit = await countAudit(k.t.deps.db, k.world.schoolId);
  await calls();
  expect(await countRows(k.t.deps.db, table, k.world.schoolId)).toBe(rows);
  expect(await countAudit(k.t.deps.db, k.world.schoolId)).toBe(audit);
}

describe('academic years', () => {
  it('lists, creates, renames and deletes an empty year', async () => {
    expect((await k.parent.get(url('/years'))).json().items.map((y: { name: string }) => y.name)).toEqual(['2026/2027']);
    const created = await k.admin.post(url('/years'), { name: '2027/2028', startsOn: '2027-09-01', endsOn: '2028-05-31' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const renamed = await k.operator.patch(url(`/years/${id}`), { name: '2027–2028', endsOn: '2028-06-30' });
    expect(renamed.json()).toEqual({ id, name: '2027–2028', startsOn: '2027-09-01', endsOn: '2028-06-30' });
    expect((await k.admin.delete(url(`/years/${id}`))).statusCode).toBe(204);
    const audit = await k.t.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
  });

  it('refuses bad years and writes nothing', async () => {
    await nothingWritten('academic_years', async () => {
      const ok = { name: '2030/2031', startsOn: '2030-09-01', endsOn: '2031-05-31' };
      expect(expectRefused(await k.admin.post(url('/years'), { ...ok, startsOn: '2030-02-30' }), 400, 'startsOn')).toMatch(/ГГГГ-ММ-ДД/);
      expectRefused(await k.admin.post(url('/years'), { ...ok, endsOn: '31.05.2031' }), 400, 'endsOn');
      expectRefused(await k.admin.post(url('/years'), { ...ok, endsOn: '2030-08-31' }), 422);
      expectRefused(await k.admin.post(url('/years'), { ...ok, startsOn: '2027-05-01' }), 422);
      expectRefused(await k.admin.post(url('/years'), { ...ok, name: 'x'.repeat(51) }), 400, 'name');
      expectRefused(await k.admin.post(url('/years'), { ...ok, schoolId: k.other.schoolId }), 400, 'schoolId');
      expectRefused(await k.teacher.post(url('/years'), ok), 403);
      expectRefused(await k.otherAdmin.post(url('/years'), ok), 404);
    });
  });

  it('refuses overlapping years with a readable message', async () => {
    const res = await k.admin.post(url('/years'), { name: 'Дубль', startsOn: '2027-05-01', endsOn: '2028-05-31' });
    expect(expectRefused(res, 422)).toBe('Учебный год пересекается с другим учебным годом этой школы.');
  });

  it('refuses to shrink a year past its periods, or to patch with nothing', async () => {
    const yearUrl = url(`/years/${k.world.yearId}`);
    expectRefused(await k.admin.patch(yearUrl, { endsOn: '2027-05-20' }), 422);
    expectRefused(await k.admin.patch(yearUrl, {}), 400, 'body');
    expectRefused(await k.admin.patch(yearUrl, { endsOn: '2026-08-01' }), 422);
    expectRefused(await k.admin.patch(url(`/years/${k.other.yearId}`), { name: 'чужой' }), 404);
    const year = await k.t.deps.db.selectFrom('academic_years').selectAll().where('id', '=', k.world.yearId).executeTakeFirstOrThrow();
    expect(year.ends_on).toBe('2027-05-31');
  });

  it('refuses to delete a year in use with 409', async () => {
    expectRefused(await k.admin.delete(url(`/years/${k.world.yearId}`)), 409);
    expectRefused(await k.admin.delete(url(`/years/${k.other.yearId}`)), 404);
    expect(await countRows(k.t.deps.db, 'academic_years', k.world.schoolId)).toBeGreaterThan(0);
  });
});

describe('study periods', () => {
  let yearId: string;
  beforeAll(async () => {
    yearId = (await k.admin.post(url('/years'), { name: '2028/2029', startsOn: '2028-09-01', endsOn: '2029-05-31' })).json().id;
  });

  it('creates the standard preset in one go, and only once', async () => {
    const res = await k.admin.post(url(`/years/${yearId}/periods/preset`));
    expect(res.statusCode).toBe(201);
    const items = res.json().items as Array<{
      kind: string;
      name: string;
      gradeFrom: number;
      gradeTo: number;
      startsOn: string;
      endsOn: string;
    }>;
    expect(items.map((p) => [p.kind, p.name, p.gradeFrom, p.gradeTo, p.startsOn, p.endsOn])).toEqual([
      ['quarter', '1 четверть', 1, 9, '2028-09-01', '2028-10-26'],
      ['quarter', '2 четверть', 1, 9, '2028-11-05', '2028-12-28'],
      ['quarter', '3 четверть', 1, 9, '2029-01-09', '2029-03-21'],
      ['quarter', '4 четверть', 1, 9, '2029-04-01', '2029-05-31'],
      ['half_year', '1 полугодие', 10, 11, '2028-09-01', '2028-12-28'],
      ['half_year', '2 полугодие', 10, 11, '2029-01-09', '2029-05-31'],
    ]);
    await nothingWritten('study_periods', async () => {
      expectRefused(await k.admin.post(url(`/years/${yearId}/periods/preset`)), 409);
    });
  });

  it('lists periods of a year and finds the period of a grade on a date', async () => {
    const list = (await k.teacher.get(url(`/periods?yearId=${yearId}`))).json().items;
    expect(list).toHaveLength(6);
    const system = systemActor();
    expect((await periodOn(k.t.deps, system, k.world.schoolId, 5, '2028-11-10'))?.name).toBe('2 четверть');
    expect((await periodOn(k.t.deps, system, k.world.schoolId, 10, '2028-11-10'))?.name).toBe('1 полугодие');
    expect(await periodOn(k.t.deps, system, k.world.schoolId, 5, '2028-11-01')).toBeNull();
  });

  it('creates, edits and deletes a period', async () => {
    const y = (await k.admin.post(url('/years'), { name: '2029/2030', startsOn: '2029-09-01', endsOn: '2030-05-31' })).json().id;
    const body = {
      yearId: y,
      kind: 'trimester',
      ordinal: 1,
      name: '1 триместр',
      gradeFrom: 1,
      gradeTo: 11,
      startsOn: '2029-09-01',
      endsOn: '2029-11-30',
    };
    const created = await k.admin.post(url('/periods'), body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ kind: 'trimester', closedAt: null });
    const patched = await k.admin.patch(url(`/periods/${created.json().id}`), { endsOn: '2029-11-25' });
    expect(patched.json().endsOn).toBe('2029-11-25');
    expect((await k.admin.delete(url(`/periods/${created.json().id}`))).statusCode).toBe(204);
  });

  it('refuses bad periods with readable 4xx and writes nothing', async () => {
    const ok = {
      yearId,
      kind: 'quarter',
      ordinal: 1,
      name: 'Лишняя',
      gradeFrom: 10,
      gradeTo: 11,
      startsOn: '2028-09-01',
      endsOn: '2028-09-30',
    };
    await nothingWritten('study_periods', async () => {
      expect(expectRefused(await k.admin.post(url('/periods'), ok), 422)).toBe('Периоды одной параллели не должны пересекаться.');
      expectRefused(await k.admin.post(url('/periods'), { ...ok, kind: 'semester' }), 400, 'kind');
      expectRefused(await k.admin.post(url('/periods'), { ...ok, gradeFrom: 0 }), 400, 'gradeFrom');
      expectRefused(await k.admin.post(url('/periods'), { ...ok, gradeTo: 12 }), 400, 'gradeTo');
      expectRefused(await k.admin.post(url('/periods'), { ...ok, gradeFrom: 9, gradeTo: 5 }), 422);
      expectRefused(await k.admin.post(url('/periods'), { ...ok, startsOn: '2029-02-30' }), 400, 'startsOn');
      expectRefused(await k.admin.post(url('/periods'), { ...ok, startsOn: '2028-10-01', endsOn: '2028-09-30' }), 422);
      expect(expectRefused(await k.admin.post(url('/periods'), { ...ok, startsOn: '2028-08-01' }), 422)).toBe(
        'Даты должны лежать внутри учебного года.',
      );
      expectRefused(await k.admin.post(url('/periods'), { ...ok, name: 'x'.repeat(51) }), 400, 'name');
      expectRefused(await k.admin.post(url('/periods'), { ...ok, extra: 1 }), 400, 'extra');
      expect(expectRefused(await k.admin.post(url('/periods'), { ...ok, yearId: k.other.yearId }), 422, 'yearId')).toMatch(/^Не найдено: /);
      expectRefused(await k.parent.post(url('/periods'), ok), 403);
    });
  });

  it('refuses to change or delete a closed period, or to overlap by a patch', async () => {
    const periods = (await k.admin.get(url(`/periods?yearId=${yearId}`))).json().items as Array<{ id: string; name: string }>;
    const q1 = periods.find((p) => p.name === '1 четверть')?.id as string;
    const q2 = periods.find((p) => p.name === '2 четверть')?.id as string;
    expectRefused(await k.admin.patch(url(`/periods/${q2}`), { startsOn: '2028-10-20' }), 422);
    expectRefused(await k.admin.patch(url(`/periods/${q2}`), {}), 400, 'body');
    await k.t.deps.db.updateTable('study_periods').set({ closed_at: '2028-10-30T00:00:00.000Z' }).where('id', '=', q1).execute();
    expectRefused(await k.admin.patch(url(`/periods/${q1}`), { name: 'Новая' }), 409);
    expectRefused(await k.admin.delete(url(`/periods/${q1}`)), 409);
    expectRefused(await k.otherAdmin.delete(url(`/periods/${q2}`)), 404);
    const row = await k.t.deps.db.selectFrom('study_periods').selectAll().where('id', '=', q2).executeTakeFirstOrThrow();
    expect(row.starts_on).toBe('2028-11-05');
  });
});

describe('holidays and school days', () => {
  it('creates, edits and deletes a holiday', async () => {
    const created = await k.admin.post(url('/holidays'), {
      yearId: k.world.yearId,
      kind: 'vacation',
      name: 'Осенние каникулы',
      startsOn: '2026-10-26',
      endsOn: '2026-11-04',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect((await k.parent.get(url(`/holidays?yearId=${k.world.yearId}`))).json().items.map((h: { id: string }) => h.id)).toContain(id);
    expect((await k.admin.patch(url(`/holidays/${id}`), { endsOn: '2026-11-03' })).json().endsOn).toBe('2026-11-03');
    const extra = await k.admin.post(url('/holidays'), {
      yearId: k.world.yearId,
      kind: 'day_off',
      name: 'Пересменка',
      startsOn: '2026-12-01',
      endsOn: '2026-12-01',
    });
    expect((await k.admin.delete(url(`/holidays/${extra.json().id}`))).statusCode).toBe(204);
  });

  it('refuses bad holidays and writes nothing', async () => {
    const ok = { yearId: k.world.yearId, kind: 'public_holiday', name: 'Праздник', startsOn: '2027-02-23', endsOn: '2027-02-23' };
    await nothingWritten('holidays', async () => {
      expectRefused(await k.admin.post(url('/holidays'), { ...ok, kind: 'party' }), 400, 'kind');
      expectRefused(await k.admin.post(url('/holidays'), { ...ok, startsOn: '2027-02-30' }), 400, 'startsOn');
      expectRefused(await k.admin.post(url('/holidays'), { ...ok, endsOn: '2027-02-22' }), 422);
      expectRefused(await k.admin.post(url('/holidays'), { ...ok, endsOn: '2027-06-15' }), 422);
      expectRefused(await k.admin.post(url('/holidays'), { ...ok, yearId: k.other.yearId }), 422, 'yearId');
      expectRefused(await k.admin.post(url('/holidays'), { ...ok, name: 'x'.repeat(101) }), 400, 'name');
      expectRefused(await k.admin.post(url('/holidays'), { ...ok, note: 'x' }), 400, 'note');
      expectRefused(await k.teacher.post(url('/holidays'), ok), 403);
    });
  });

  it('decides school days from the working week, the year and the holidays', async () => {
    const system = systemActor();
    const day = (date: string) => isSchoolDay(k.t.deps, system, k.world.schoolId, date);
    expect(await day('2026-11-10')).toBe(true); // Tuesday
    expect(await day('2026-11-14')).toBe(false); // Saturday, five-day week
    expect(await day('2026-11-15')).toBe(false); // Sunday
    expect(await day('2026-10-28')).toBe(false); // autumn vacation
    expect(await day('2026-08-20')).toBe(false); // before the year
    await k.admin.patch(url(''), { workingDaysPerWeek: 6 });
    expect(await day('2026-11-14')).toBe(true);
    expect(await day('2026-11-15')).toBe(false);
    await k.admin.patch(url(''), { workingDaysPerWeek: 5 });
    expect((await yearOn(k.t.deps, system, k.world.schoolId, '2027-01-15'))?.id).toBe(k.world.yearId);
    expect(await yearOn(k.t.deps, system, k.world.schoolId, '2027-07-01')).toBeNull();
  });

  it('checks access in the service functions too', async () => {
    const outsider = {
      ...systemActor(),
      kind: 'user' as const,
      userId: k.other.users.admin.id,
      grants: [{ role: 'school_admin' as const, schoolId: k.other.schoolId, operatorId: null }],
    };
    await expect(isSchoolDay(k.t.deps, outsider, k.world.schoolId, '2026-11-10')).rejects.toMatchObject({ status: 404 });
  });
});
