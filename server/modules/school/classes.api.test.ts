import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStaff } from '../../test/factories.js';
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

describe('classes', () => {
  it('lists classes with the class teacher’s short name', async () => {
    const res = await k.parent.get(url(`/classes?yearId=${k.world.yearId}`));
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((c: { name: string; classTeacherName: string | null }) => [c.name, c.classTeacherName])).toEqual([
      ['5А', null],
      ['5Б', 'Иванова М. П.'],
    ]);
    expect((await k.teacher.get(url(`/classes/${k.world.classIds.b}`))).json().classTeacherId).toBe(k.world.staffIds.classTeacher);
    expectRefused(await k.otherAdmin.get(url(`/classes/${k.world.classIds.a}`)), 404);
    expectRefused(await k.admin.get(url(`/classes/${k.other.classIds.a}`)), 404);
  });

  it('creates a class named from grade and letter, changes and deletes it', async () => {
    const created = await k.admin.post(url('/classes'), {
      yearId: k.world.yearId,
      gradeLevel: 7,
      letter: 'в',
      classTeacherId: k.world.staffIds.teacher,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: '7В', letter: 'В', gradeLevel: 7, classTeacherName: 'Иванова М. П.' });
    const id = created.json().id;
    const patched = await k.operator.patch(url(`/classes/${id}`), { gradeLevel: 8, classTeacherId: null });
    expect(patched.json()).toMatchObject({ name: '8В', classTeacherId: null, classTeacherName: null });
    expect((await k.admin.delete(url(`/classes/${id}`))).statusCode).toBe(204);
  });

  it('refuses bad classes and writes nothing', async () => {
    const outsider = await makeStaff(k.t.deps.db, k.other.schoolId, 'teacher');
    const ok = { yearId: k.world.yearId, gradeLevel: 6, letter: 'А' };
    await nothingWritten('classes', async () => {
      expect(expectRefused(await k.admin.post(url('/classes'), { ...ok, gradeLevel: 5 }), 409)).toBe(
        'Класс 5А в этом учебном году уже есть.',
      );
      expectRefused(await k.admin.post(url('/classes'), { ...ok, gradeLevel: 5, letter: 'а' }), 409);
      expectRefused(await k.admin.post(url('/classes'), { ...ok, gradeLevel: 0 }), 400, 'gradeLevel');
      expectRefused(await k.admin.post(url('/classes'), { ...ok, gradeLevel: 12 }), 400, 'gradeLevel');
      expectRefused(await k.admin.post(url('/classes'), { ...ok, letter: 'A' }), 400, 'letter'); // Latin A
      expectRefused(await k.admin.post(url('/classes'), { ...ok, letter: 'АБВГ' }), 400, 'letter');
      expectRefused(await k.admin.post(url('/classes'), { ...ok, letter: '' }), 400, 'letter');
      expect(expectRefused(await k.admin.post(url('/classes'), { ...ok, classTeacherId: outsider.id }), 422, 'classTeacherId')).toMatch(
        /классный руководитель/,
      );
      expectRefused(await k.admin.post(url('/classes'), { ...ok, classTeacherId: 'no-such-staff' }), 422, 'classTeacherId');
      expectRefused(await k.admin.post(url('/classes'), { ...ok, yearId: k.other.yearId }), 422, 'yearId');
      expectRefused(await k.admin.post(url('/classes'), { ...ok, name: '6А' }), 400, 'name');
      expectRefused(await k.teacher.post(url('/classes'), ok), 403);
      expectRefused(await k.otherAdmin.post(url('/classes'), ok), 404);
    });
  });

  it('refuses bad class changes, leaving the class as it was', async () => {
    const outsider = await makeStaff(k.t.deps.db, k.other.schoolId, 'teacher');
    const classA = url(`/classes/${k.world.classIds.a}`);
    expectRefused(await k.admin.patch(classA, { letter: 'Б' }), 409);
    expectRefused(await k.admin.patch(classA, { classTeacherId: outsider.id }), 422, 'classTeacherId');
    expectRefused(await k.admin.patch(classA, { gradeLevel: 12 }), 400, 'gradeLevel');
    expectRefused(await k.admin.patch(classA, {}), 400, 'body');
    expectRefused(await k.admin.patch(url(`/classes/${k.other.classIds.a}`), { letter: 'Я' }), 404);
    const row = await k.t.deps.db.selectFrom('classes').selectAll().where('id', '=', k.world.classIds.a).executeTakeFirstOrThrow();
    expect([row.name, row.class_teacher_id]).toEqual(['5А', null]);
  });

  it('refuses to delete a class with students or curriculum', async () => {
    expectRefused(await k.admin.delete(url(`/classes/${k.world.classIds.a}`)), 409);
    expect(await countRows(k.t.deps.db, 'classes', k.world.schoolId)).toBe(2);
  });
});

describe('groups', () => {
  it('lists groups by class and creates in-class and cross-class groups', async () => {
    const list = (await k.parent.get(url(`/groups?classId=${k.world.classIds.a}`))).json().items;
    expect(list).toEqual([
      { id: k.world.groupId, yearId: k.world.yearId, classId: k.world.classIds.a, className: '5А', name: '5А английский 1' },
    ]);
    const inClass = await k.admin.post(url('/groups'), { yearId: k.world.yearId, classId: k.world.classIds.a, name: '5А английский 2' });
    expect(inClass.statusCode).toBe(201);
    const cross = await k.admin.post(url('/groups'), { yearId: k.world.yearId, name: 'Хор 5-х классов' });
    expect(cross.json()).toMatchObject({ classId: null, className: null });
    expect((await k.admin.patch(url(`/groups/${cross.json().id}`), { name: 'Хор 5–6 классов' })).json().name).toBe('Хор 5–6 классов');
    expect((await k.admin.delete(url(`/groups/${cross.json().id}`))).statusCode).toBe(204);
  });

  it('refuses bad groups and writes nothing', async () => {
    const nextYear = (await k.admin.post(url('/years'), { name: '2027/2028', startsOn: '2027-09-01', endsOn: '2028-05-31' })).json().id;
    const ok = { yearId: k.world.yearId, classId: k.world.classIds.b, name: '5Б информатика' };
    await nothingWritten('study_groups', async () => {
      expectRefused(await k.admin.post(url('/groups'), { ...ok, name: '5А английский 1' }), 409);
      expectRefused(await k.admin.post(url('/groups'), { ...ok, classId: k.other.classIds.a }), 422, 'classId');
      expectRefused(await k.admin.post(url('/groups'), { ...ok, yearId: nextYear }), 422, 'classId');
      expectRefused(await k.admin.post(url('/groups'), { ...ok, yearId: k.other.yearId }), 422, 'yearId');
      expectRefused(await k.admin.post(url('/groups'), { ...ok, name: 'x'.repeat(101) }), 400, 'name');
      expectRefused(await k.admin.post(url('/groups'), { ...ok, name: ' ' }), 400, 'name');
      expectRefused(await k.admin.post(url('/groups'), { ...ok, students: [] }), 400, 'students');
      expectRefused(await k.parent.post(url('/groups'), ok), 403);
      expectRefused(await k.admin.patch(url(`/groups/${k.world.groupId}`), {}), 400, 'body');
      expectRefused(await k.admin.patch(url(`/groups/${k.world.groupId}`), { classId: null }), 400, 'classId');
      expectRefused(await k.admin.delete(url(`/groups/${k.world.groupId}`)), 409);
      expectRefused(await k.admin.delete(url(`/groups/${k.other.groupId}`)), 404);
    });
  });
});
