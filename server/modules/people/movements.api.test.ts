import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/ids.js';
import { makeSchoolWorld, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';
import { classOfStudentOn, rosterOn } from './people.service.js';

let t: TestApp;
let world: SchoolWorld;
let other: SchoolWorld;
let admin: Client;
let base: string;

beforeAll(async () => {
  t = await createTestApp();
  world = await makeSchoolWorld(t.deps.db);
  other = await makeSchoolWorld(t.deps.db);
  admin = await t.signIn(world.users.admin.login, TEST_PASSWORD);
  base = `/api/schools/${world.schoolId}`;
}, 60_000);
afterAll(async () => t.close());

let seq = 0;
async function freshStudent(classId?: string, onDate = '2026-09-01'): Promise<string> {
  const body: Record<string, unknown> = {
    fileNumber: `Д-${++seq}-${Date.now() % 100000}`,
    surname: `Движенцев${seq}`,
    name: 'Олег',
    birthDate: '2014-05-05',
    sex: 'm',
  };
  if (classId) body.enrolment = { classId, onDate, orderNumber: `${seq}-у`, orderDate: onDate };
  const res = await admin.post(`${base}/students`, body);
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

const move = (studentId: string, body: Record<string, unknown>) =>
  admin.post(`${base}/students/${studentId}/movements`, { orderNumber: '77-у', orderDate: '2026-10-01', ...body });

const rosterIds = async (path: string, onDate: string) =>
  (await admin.get(`${base}/${path}/students?onDate=${onDate}`)).json().items.map((s: { studentId: string }) => s.studentId);

const counts = async () => ({
  movements: Number(
    (
      await t.deps.db
        .selectFrom('student_movements')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  classes: Number(
    (
      await t.deps.db
        .selectFrom('class_memberships')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  groups: Number(
    (
      await t.deps.db
        .selectFrom('group_memberships')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
});

describe('movement rules', () => {
  it('transfers between classes: the roster changes on the transfer date, the old membership closes the day before', async () => {
    const id = await freshStudent(world.classIds.a);
    const res = await move(id, { kind: 'transfer', onDate: '2026-10-15', classId: world.classIds.b, reason: 'заявление родителей' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      kind: 'transfer',
      onDate: '2026-10-15',
      class: { id: world.classIds.b, name: '5Б' },
      orderNumber: '77-у',
      orderDate: '2026-10-01',
      reason: 'заявление родителей',
      createdBy: world.users.admin.id,
    });
    expect(await rosterIds(`classes/${world.classIds.a}`, '2026-10-14')).toContain(id);
    expect(await rosterIds(`classes/${world.classIds.b}`, '2026-10-14')).not.toContain(id);
    expect(await rosterIds(`classes/${world.classIds.a}`, '2026-10-15')).not.toContain(id);
    expect(await rosterIds(`classes/${world.classIds.b}`, '2026-10-15')).toContain(id);
    const memberships = await t.deps.db
      .selectFrom('class_memberships')
      .selectAll()
      .where('student_id', '=', id)
      .orderBy('starts_on')
      .execute();
    expect(memberships.map((m) => [m.class_id, m.starts_on, m.ends_on])).toEqual([
      [world.classIds.a, '2026-09-01', '2026-10-14'],
      [world.classIds.b, '2026-10-15', null],
    ]);
    expect(await classOfStudentOn(t.deps, world.schoolId, id, '2026-10-14')).toEqual({ id: world.classIds.a, name: '5А' });
    expect(await classOfStudentOn(t.deps, world.schoolId, id, '2026-10-15')).toEqual({ id: world.classIds.b, name: '5Б' });
    const history = (await admin.get(`${base}/students/${id}/movements`)).json().items;
    expect(history.map((m: { kind: string }) => m.kind)).toEqual(['enrol', 'transfer']);
  });

  it('transfer leaves the groups of the old class; leave closes class and group memberships', async () => {
    const id = await freshStudent(world.classIds.a);
    expect((await move(id, { kind: 'group_join', onDate: '2026-09-10', groupId: world.groupId })).statusCode).toBe(201);
    expect(await rosterIds(`groups/${world.groupId}`, '2026-09-10')).toContain(id);
    expect((await move(id, { kind: 'transfer', onDate: '2026-10-01', classId: world.classIds.b })).statusCode).toBe(201);
    expect(await rosterIds(`groups/${world.groupId}`, '2026-09-30')).toContain(id);
    expect(await rosterIds(`groups/${world.groupId}`, '2026-10-01')).not.toContain(id);

    const leaver = await freshStudent(world.classIds.a);
    await move(leaver, { kind: 'group_join', onDate: '2026-09-10', groupId: world.groupId });
    expect((await move(leaver, { kind: 'leave', onDate: '2026-11-01', reason: 'переезд' })).statusCode).toBe(201);
    expect(await rosterIds(`classes/${world.classIds.a}`, '2026-10-31')).toContain(leaver);
    expect(await rosterIds(`classes/${world.classIds.a}`, '2026-11-01')).not.toContain(leaver);
    expect(await rosterIds(`groups/${world.groupId}`, '2026-11-01')).not.toContain(leaver);
    // Re-enrolment after leaving is allowed.
    expect((await move(leaver, { kind: 'enrol', onDate: '2026-12-01', classId: world.classIds.b })).statusCode).toBe(201);
  });

  it('enrols only when not enrolled; transfer and leave only when enrolled', async () => {
    const enrolled = await freshStudent(world.classIds.a);
    const before = await counts();
    const again = await move(enrolled, { kind: 'enrol', onDate: '2026-10-01', classId: world.classIds.b });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.message).toBe('Ученик уже зачислен на эту дату.');
    const notEnrolled = await freshStudent();
    const after = await counts();
    for (const body of [
      { kind: 'transfer', onDate: '2026-10-01', classId: world.classIds.b },
      { kind: 'leave', onDate: '2026-10-01' },
      { kind: 'group_join', onDate: '2026-10-01', groupId: world.groupId },
    ]) {
      const res = await move(notEnrolled, body);
      expect(res.statusCode).toBe(422);
      expect(res.json().error.message).toBe('Ученик не числится в школе на эту дату.');
    }
    expect(before).toEqual(after);
    expect(await counts()).toEqual(after);
  });

  it('refuses a movement dated before the last one with 422 movementBeforeLast', async () => {
    const id = await freshStudent(world.classIds.a, '2026-10-01');
    const before = await counts();
    const res = await move(id, { kind: 'transfer', onDate: '2026-09-20', classId: world.classIds.b });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toBe('Дата движения раньше последней записи о движении ученика (2026-10-01).');
    expect(await counts()).toEqual(before);
  });

  it('lets a student join a class group only while in that class', async () => {
    const inB = await freshStudent(world.classIds.b);
    const res = await move(inB, { kind: 'group_join', onDate: '2026-10-01', groupId: world.groupId });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toBe('Ученик не числится в классе этой группы.');
    const inA = await freshStudent(world.classIds.a);
    expect((await move(inA, { kind: 'group_join', onDate: '2026-10-01', groupId: world.groupId })).statusCode).toBe(201);
    expect((await move(inA, { kind: 'group_join', onDate: '2026-10-02', groupId: world.groupId })).statusCode).toBe(422);
    expect((await move(inA, { kind: 'group_leave', onDate: '2026-10-20', groupId: world.groupId })).statusCode).toBe(201);
    expect((await move(inA, { kind: 'group_leave', onDate: '2026-10-21', groupId: world.groupId })).statusCode).toBe(422);
    expect(await rosterIds(`groups/${world.groupId}`, '2026-10-19')).toContain(inA);
    expect(await rosterIds(`groups/${world.groupId}`, '2026-10-20')).not.toContain(inA);
  });

  it('transfer to the same class is refused', async () => {
    const id = await freshStudent(world.classIds.a);
    expect((await move(id, { kind: 'transfer', onDate: '2026-10-01', classId: world.classIds.a })).statusCode).toBe(422);
  });

  it('rejects bad input with a readable 4xx and writes nothing', async () => {
    const id = await freshStudent(world.classIds.a);
    const before = await counts();
    const bad: Array<[Record<string, unknown>, number, string]> = [
      [{ kind: 'expel', onDate: '2026-10-01' }, 400, 'kind'],
      [{ kind: 'leave', onDate: '2026-10-32' }, 400, 'onDate'],
      [{ kind: 'leave', onDate: '2026-10-01', orderNumber: '' }, 400, 'orderNumber'],
      [{ kind: 'leave', onDate: '2026-10-01', orderNumber: '1'.repeat(51) }, 400, 'orderNumber'],
      [{ kind: 'leave', onDate: '2026-10-01', reason: 'x'.repeat(501) }, 400, 'reason'],
      [{ kind: 'leave', onDate: '2026-10-01', approvedBy: 'me' }, 400, 'approvedBy'],
      [{ kind: 'leave', onDate: '2026-10-01', orderDate: 20261001 }, 400, 'orderDate'],
      [{ kind: 'transfer', onDate: '2026-10-01' }, 400, 'classId'],
      [{ kind: 'leave', onDate: '2026-10-01', classId: world.classIds.b }, 400, 'classId'],
      [{ kind: 'group_join', onDate: '2026-10-01' }, 400, 'groupId'],
      [{ kind: 'transfer', onDate: '2026-10-01', classId: other.classIds.a }, 422, ''],
      [{ kind: 'group_join', onDate: '2026-10-01', groupId: other.groupId }, 422, ''],
      [{ kind: 'transfer', onDate: '2026-10-01', classId: newId() }, 422, ''],
    ];
    for (const [body, status, field] of bad) {
      const res = await move(id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      if (field) expect(res.json().error.field).toBe(field);
      else expect(res.json().error.code).toBe('reference_not_found');
    }
    expect(await counts()).toEqual(before);
  });

  it('has no route to change or delete a movement', async () => {
    const history = (await admin.get(`${base}/students/${world.studentIds.inA}/movements`)).json().items;
    const id = history[0].id;
    expect((await admin.request({ method: 'DELETE', url: `${base}/movements/${id}` })).statusCode).toBe(404);
    expect((await admin.patch(`${base}/movements/${id}`, { orderNumber: 'x' })).statusCode).toBe(404);
  });
});

describe('movement access', () => {
  it('only the school admin records movements; a teacher who cannot see the student gets 404, another school 404', async () => {
    const director = await t.signIn(world.users.director.login, TEST_PASSWORD);
    const body = { kind: 'leave', onDate: '2026-11-23', orderNumber: '1', orderDate: '2026-11-23' };
    expect((await director.post(`${base}/students/${world.studentIds.inA}/movements`, body)).statusCode).toBe(403);
    const classTeacher = await t.signIn(world.users.classTeacher.login, TEST_PASSWORD);
    expect((await classTeacher.post(`${base}/students/${world.studentIds.inA}/movements`, body)).statusCode).toBe(404);
    expect((await admin.post(`${base}/students/${other.studentIds.inA}/movements`, body)).statusCode).toBe(404);
    const otherAdmin = await t.signIn(other.users.admin.login, TEST_PASSWORD);
    expect((await otherAdmin.post(`${base}/students/${world.studentIds.inA}/movements`, body)).statusCode).toBe(404);
  });

  it('the register lists the school movements in a date range for whole-school staff only', async () => {
    const items = (await admin.get(`${base}/movements?from=2026-09-01&to=2026-09-01`)).json().items;
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.every((m: { onDate: string }) => m.onDate === '2026-09-01')).toBe(true);
    expect(items[0].student.surname).toBeTruthy();
    const teacher = await t.signIn(world.users.teacher.login, TEST_PASSWORD);
    expect((await teacher.get(`${base}/movements`)).statusCode).toBe(403);
    expect((await admin.get(`/api/schools/${other.schoolId}/movements`)).statusCode).toBe(404);
  });

  it('a parent sees the movement history of their child only', async () => {
    const parent = await t.signIn(world.users.parent.login, TEST_PASSWORD);
    expect((await parent.get(`${base}/students/${world.studentIds.inA}/movements`)).statusCode).toBe(200);
    expect((await parent.get(`${base}/students/${world.studentIds.inB}/movements`)).statusCode).toBe(404);
  });
});

describe('rosters', () => {
  it('lists a class on a date sorted by surname, name; a teacher sees only the students they may see', async () => {
    const res = await admin.get(`${base}/classes/${world.classIds.a}/students?onDate=2026-09-01`);
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((s: { surname: string }) => s.surname);
    expect(names).toEqual([...names].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(await rosterIds(`classes/${world.classIds.a}`, '2026-08-31')).toEqual([]);
    const otherTeacher = await t.signIn(world.users.otherTeacher.login, TEST_PASSWORD);
    const seen = (await otherTeacher.get(`${base}/classes/${world.classIds.a}/students?onDate=2026-09-01`)).json().items;
    expect(seen.map((s: { studentId: string }) => s.studentId)).toEqual([world.studentIds.inA2]);
  });

  it('answers 404 for a class or group of another school, 403 for a parent', async () => {
    expect((await admin.get(`${base}/classes/${other.classIds.a}/students`)).statusCode).toBe(404);
    expect((await admin.get(`${base}/groups/${other.groupId}/students`)).statusCode).toBe(404);
    const parent = await t.signIn(world.users.parent.login, TEST_PASSWORD);
    expect((await parent.get(`${base}/classes/${world.classIds.a}/students`)).statusCode).toBe(403);
    expect((await admin.get(`${base}/classes/${world.classIds.a}/students?onDate=2026-02-30`)).statusCode).toBe(400);
  });

  it('rosterOn for other modules gives the same roster without an access check', async () => {
    const viaService = await rosterOn(t.deps, world.schoolId, { groupId: world.groupId }, '2026-09-01');
    expect(viaService.map((s) => s.studentId)).toContain(world.studentIds.inA2);
  });
});
