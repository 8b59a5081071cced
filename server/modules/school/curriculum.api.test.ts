import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../access/actor.js';
import { listCurriculum } from './school.service.js';
import { countAudit, countRows, createStructureKit, expectRefused, type StructureKit } from './school.testkit.js';

let k: StructureKit;
let url: (path: string) => string;

beforeAll(async () => {
  k = await createStructureKit();
  url = (path) => `/api/schools/${k.world.schoolId}${path}`;
});
afterAll(async () => k.t.close());

async function nothingWritten(table: Parameters<typeof countRows>[1], calls: () => Promise<void>) {
  const rows = await countRows(k.t.deps.db, table, k.world.schoolId);
  const audit = await countAudit(k.t.deps.db, k.world.schoolId);
  await calls();
  expect(await countRows(k.t.deps.db, table, k.world.schoolId)).toBe(rows);
  expect(await countAudit(k.t.deps.db, k.world.schoolId)).toBe(audit);
}

describe('subjects', () => {
  it('lists, creates, renames and deletes subjects', async () => {
    expect((await k.parent.get(url('/subjects'))).json().items.map((s: { name: string }) => s.name)).toEqual([
      'Английский язык',
      'Математика',
    ]);
    const created = await k.admin.post(url('/subjects'), { name: ' Физика ', shortName: 'Физ' });
    expect(created.json()).toMatchObject({ name: 'Физика', shortName: 'Физ' });
    expect((await k.admin.patch(url(`/subjects/${created.json().id}`), { name: 'Физика (углублённая)' })).json().name).toBe(
      'Физика (углублённая)',
    );
    expect((await k.admin.delete(url(`/subjects/${created.json().id}`))).statusCode).toBe(204);
  });

  it('refuses bad subjects and writes nothing', async () => {
    await nothingWritten('subjects', async () => {
      expect(expectRefused(await k.admin.post(url('/subjects'), { name: 'Математика', shortName: 'М' }), 409)).toBe(
        'Предмет «Математика» уже есть в этой школе.',
      );
      expectRefused(await k.admin.post(url('/subjects'), { name: 'x'.repeat(101), shortName: 'М' }), 400, 'name');
      expectRefused(await k.admin.post(url('/subjects'), { name: 'Химия', shortName: 'x'.repeat(21) }), 400, 'shortName');
      expectRefused(await k.admin.post(url('/subjects'), { name: 'Химия' }), 400, 'shortName');
      expectRefused(await k.admin.post(url('/subjects'), { name: 'Химия', shortName: 'Х', hours: 2 }), 400, 'hours');
      expectRefused(await k.teacher.post(url('/subjects'), { name: 'Химия', shortName: 'Х' }), 403);
      expectRefused(await k.admin.patch(url(`/subjects/${k.world.subjectIds.english}`), { name: 'Математика' }), 409);
      expectRefused(await k.admin.patch(url(`/subjects/${k.world.subjectIds.english}`), {}), 400, 'body');
      expectRefused(await k.admin.patch(url(`/subjects/${k.other.subjectIds.english}`), { shortName: 'А' }), 404);
      expectRefused(await k.admin.delete(url(`/subjects/${k.world.subjectIds.math}`)), 409);
    });
  });
});

describe('curriculum', () => {
  it('lists entries with subject, teacher and class or group names, filtered', async () => {
    const res = await k.parent.get(url(`/curriculum?yearId=${k.world.yearId}`));
    expect(res.statusCode).toBe(200);
    const rows = res
      .json()
      .items.map((c: { subjectName: string; teacherName: string; targetName: string; hoursPerWeek: number }) => [
        c.subjectName,
        c.teacherName,
        c.targetName,
        c.hoursPerWeek,
      ]);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['Математика', 'Иванова М. П.', '5А', 5],
        ['Английский язык', 'Иванова М. П.', '5А английский 1', 3],
      ]),
    );
    const byTeacher = (await k.admin.get(url(`/curriculum?teacherId=${k.world.staffIds.teacher}`))).json().items;
    expect(byTeacher.map((c: { id: string }) => c.id)).toEqual([k.world.curriculumIds.mathA]);
    const byGroup = await listCurriculum(k.t.deps, systemActor(), k.world.schoolId, { groupId: k.world.groupId });
    expect(byGroup.map((c) => c.id)).toEqual([k.world.curriculumIds.englishGroup]);
  });

  it('creates, changes and deletes an entry', async () => {
    const created = await k.admin.post(url('/curriculum'), {
      subjectId: k.world.subjectIds.math,
      teacherId: k.world.staffIds.classTeacher,
      classId: k.world.classIds.b,
      hoursPerWeek: 5,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ yearId: k.world.yearId, targetName: '5Б', groupId: null, subjectName: 'Математика' });
    const id = created.json().id;
    expect((await k.operator.patch(url(`/curriculum/${id}`), { hoursPerWeek: 4 })).json().hoursPerWeek).toBe(4);
    expect((await k.admin.delete(url(`/curriculum/${id}`))).statusCode).toBe(204);
  });

  it('refuses bad entries with readable 4xx and writes nothing', async () => {
    const ok = { subjectId: k.world.subjectIds.english, teacherId: k.world.staffIds.teacher, classId: k.world.classIds.b, hoursPerWeek: 2 };
    await nothingWritten('curriculum', async () => {
      expect(expectRefused(await k.admin.post(url('/curriculum'), { ...ok, groupId: k.world.groupId }), 422)).toBe(
        'Укажите либо класс, либо группу — ровно одно.',
      );
      expectRefused(await k.admin.post(url('/curriculum'), { ...ok, classId: null }), 422);
      expect(
        expectRefused(
          await k.admin.post(url('/curriculum'), {
            subjectId: k.world.subjectIds.math,
            teacherId: k.world.staffIds.teacher,
            classId: k.world.classIds.a,
            hoursPerWeek: 1,
          }),
          409,
        ),
      ).toBe('Этот учитель уже ведёт этот предмет в этом классе или группе.');
      expectRefused(await k.admin.post(url('/curriculum'), { ...ok, subjectId: k.other.subjectIds.english }), 422, 'subjectId');
      expectRefused(await k.admin.post(url('/curriculum'), { ...ok, teacherId: k.other.staffIds.teacher }), 422, 'teacherId');
      expectRefused(await k.admin.post(url('/curriculum'), { ...ok, classId: k.other.classIds.b }), 422, 'classId');
      expectRefused(await k.admin.post(url('/curriculum'), { ...ok, classId: undefined, groupId: k.other.groupId }), 422, 'groupId');
      expectRefused(await k.admin.post(url('/curriculum'), { ...ok, hoursPerWeek: 0 }), 400, 'hoursPerWeek');
      expectRefused(await k.admin.post(url('/curriculum'), { ...ok, hoursPerWeek: 41 }), 400, 'hoursPerWeek');
      expectRefused(await k.admin.post(url('/curriculum'), { ...ok, hoursPerWeek: 2.5 }), 400, 'hoursPerWeek');
      expectRefused(await k.admin.post(url('/curriculum'), { ...ok, yearId: k.world.yearId }), 400, 'yearId');
      expectRefused(await k.admin.post(url('/curriculum'), { ...ok, subjectId: 'x'.repeat(65) }), 400, 'subjectId');
      expectRefused(await k.teacher.post(url('/curriculum'), ok), 403);
      expectRefused(await k.otherAdmin.post(url('/curriculum'), ok), 404);
    });
  });

  it('refuses bad changes, leaving the entry as it was', async () => {
    const entry = url(`/curriculum/${k.world.curriculumIds.englishGroup}`);
    expectRefused(await k.admin.patch(entry, { teacherId: k.other.staffIds.teacher }), 422, 'teacherId');
    expectRefused(await k.admin.patch(entry, { subjectId: k.other.subjectIds.math }), 422, 'subjectId');
    expectRefused(await k.admin.patch(entry, { hoursPerWeek: 0 }), 400, 'hoursPerWeek');
    expectRefused(await k.admin.patch(entry, { groupId: k.world.groupId }), 400, 'groupId');
    expectRefused(await k.admin.patch(entry, {}), 400, 'body');
    expectRefused(await k.admin.patch(url(`/curriculum/${k.other.curriculumIds.mathA}`), { hoursPerWeek: 1 }), 404);
    const row = await k.t.deps.db
      .selectFrom('curriculum')
      .selectAll()
      .where('id', '=', k.world.curriculumIds.englishGroup)
      .executeTakeFirstOrThrow();
    expect([row.teacher_id, row.subject_id, row.hours_per_week]).toEqual([k.world.staffIds.otherTeacher, k.world.subjectIds.english, 3]);
  });
});
