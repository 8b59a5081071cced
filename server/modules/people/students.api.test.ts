import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { giveConsent, makeSchoolWorld, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';

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
const newStudent = (extra: Record<string, unknown> = {}) => ({
  fileNumber: `Т-${++seq}-${Date.now() % 100000}`,
  surname: 'Ёлкина',
  name: 'Алёна',
  patronymic: 'Игоревна',
  birthDate: '2015-04-01',
  sex: 'f',
  ...extra,
});

const count = async (table: 'students' | 'class_memberships' | 'student_movements' | 'audit_log') =>
  Number(
    (
      await t.deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('student list', () => {
  it('shows whole-school staff every student with the class on the date, and no contact data', async () => {
    const res = await admin.get(`${base}/students`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(3);
    const inB = body.items.find((s: { id: string }) => s.id === world.studentIds.inB);
    expect(inB.class).toEqual({ id: world.classIds.b, name: '5Б' });
    expect(Object.keys(inB).sort()).toEqual(['class', 'fileNumber', 'id', 'name', 'patronymic', 'surname']);
  });

  it('shows a teacher only the students of the classes and groups they teach', async () => {
    const teacher = await t.signIn(world.users.teacher.login, TEST_PASSWORD);
    const ids = (await teacher.get(`${base}/students`)).json().items.map((s: { id: string }) => s.id);
    expect(ids.sort()).toEqual([world.studentIds.inA, world.studentIds.inA2].sort());
    const groupTeacher = await t.signIn(world.users.otherTeacher.login, TEST_PASSWORD);
    expect((await groupTeacher.get(`${base}/students`)).json().items.map((s: { id: string }) => s.id)).toEqual([world.studentIds.inA2]);
  });

  it('shows a parent only their child and a student only themself', async () => {
    const parent = await t.signIn(world.users.parent.login, TEST_PASSWORD);
    expect((await parent.get(`${base}/students`)).json().items.map((s: { id: string }) => s.id)).toEqual([world.studentIds.inA]);
    const student = await t.signIn(world.users.student.login, TEST_PASSWORD);
    expect((await student.get(`${base}/students`)).json().items.map((s: { id: string }) => s.id)).toEqual([world.studentIds.inA]);
  });

  it('answers 404 for another school', async () => {
    const res = await admin.get(`/api/schools/${other.schoolId}/students`);
    expect(res.statusCode).toBe(404);
  });

  it('filters by class, group and a case-insensitive Cyrillic search over names and file number', async () => {
    const byClass = (await admin.get(`${base}/students?classId=${world.classIds.b}`)).json();
    expect(byClass.items.map((s: { id: string }) => s.id)).toEqual([world.studentIds.inB]);
    const byGroup = (await admin.get(`${base}/students?groupId=${world.groupId}`)).json();
    expect(byGroup.items.map((s: { id: string }) => s.id)).toEqual([world.studentIds.inA2]);
    const q = encodeURIComponent('КУЗНЕЦ');
    expect((await admin.get(`${base}/students?q=${q}`)).json().items.map((s: { id: string }) => s.id)).toEqual([world.studentIds.inB]);
    const created = (await admin.post(`${base}/students`, newStudent({ fileNumber: 'ЯЩ-77' }))).json();
    expect((await admin.get(`${base}/students?q=${encodeURIComponent('елкина')}`)).json().items.map((s: { id: string }) => s.id)).toEqual([
      created.id,
    ]);
    expect((await admin.get(`${base}/students?q=${encodeURIComponent('ящ-77')}`)).json().items[0].id).toBe(created.id);
    expect((await admin.get(`${base}/students?q=${encodeURIComponent('100%')}`)).json().items).toEqual([]);
  });

  it('pages with limit and offset and reports the total', async () => {
    const page = (await admin.get(`${base}/students?limit=1&offset=1`)).json();
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(3);
  });

  it('records one list entry in the audit log per call with the count', async () => {
    const before = await count('audit_log');
    await admin.get(`${base}/students?classId=${world.classIds.a}`);
    const rows = await t.deps.db.selectFrom('audit_log').selectAll().where('entity', '=', 'student').where('action', '=', 'list').execute();
    expect(await count('audit_log')).toBe(before + 1);
    expect(JSON.parse(rows[rows.length - 1]?.details ?? '{}')).toEqual({ count: 2 });
  });

  it('rejects a bad query with a readable 400', async () => {
    const res = await admin.get(`${base}/students?onDate=2026-02-30`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('onDate');
    expect((await admin.get(`${base}/students?limit=0`)).statusCode).toBe(400);
    expect((await admin.get(`${base}/students?sort=x`)).statusCode).toBe(400);
  });
});

describe('student record', () => {
  it('gives the full record with class and parents, and audits the read', async () => {
    const res = await admin.get(`${base}/students/${world.studentIds.inA}`);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.class).toEqual({ id: world.classIds.a, name: '5А' });
    expect(s.parents).toEqual([expect.objectContaining({ parentId: world.parentId, kinship: 'mother' })]);
    expect(s.hasAccount).toBe(true);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'student')
      .where('action', '=', 'read')
      .where('entity_id', '=', world.studentIds.inA)
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('answers 404 to a teacher of another class, a parent of another child and another school', async () => {
    const classTeacher = await t.signIn(world.users.classTeacher.login, TEST_PASSWORD);
    expect((await classTeacher.get(`${base}/students/${world.studentIds.inA}`)).statusCode).toBe(404);
    expect((await classTeacher.get(`${base}/students/${world.studentIds.inB}`)).statusCode).toBe(200);
    const parent = await t.signIn(world.users.parent.login, TEST_PASSWORD);
    expect((await parent.get(`${base}/students/${world.studentIds.inB}`)).statusCode).toBe(404);
    expect((await parent.get(`${base}/students/${world.studentIds.inA}`)).statusCode).toBe(200);
    const otherAdmin = await t.signIn(other.users.admin.login, TEST_PASSWORD);
    expect((await otherAdmin.get(`${base}/students/${world.studentIds.inA}`)).statusCode).toBe(404);
    // Their own school does not know the id either.
    expect((await otherAdmin.get(`/api/schools/${other.schoolId}/students/${world.studentIds.inA}`)).statusCode).toBe(404);
  });
});

describe('create student', () => {
  it('creates a student and enrols them in the same transaction; the consent-form fields follow the consent', async () => {
    const before = { m: await count('student_movements'), c: await count('class_memberships') };
    const res = await admin.post(
      `${base}/students`,
      newStudent({
        studyForm: 'family',
        enrolment: { classId: world.classIds.b, onDate: '2026-11-02', orderNumber: '45-у', orderDate: '2026-10-30' },
      }),
    );
    expect(res.statusCode).toBe(201);
    const s = res.json();
    expect(s).toMatchObject({ studyForm: 'family', class: { id: world.classIds.b, name: '5Б' } });
    // Issue 12.10: the optional fields of Приложение 2 are placed once a consent allows them.
    await giveConsent(t.deps.db, world.schoolId, s.id, null);
    const filled = await admin.patch(`${base}/students/${s.id}`, {
      residenceAddress: 'г. Калининград, ул. Ленина, 1',
      registrationAddress: 'г. Калининград, ул. Ленина, 1',
      homePhone: '+7 4012 000000',
      mobilePhone: '+7 900 000 00 00',
      birthCertificate: 'I-РЕ 123456',
      hasHomePc: true,
      email: 'alena@example.ru',
      foreignLanguage: 'английский',
      additionalEducation: 'музыкальная школа',
      studyProgram: 'ООП ООО',
    });
    expect(filled.statusCode, filled.body).toBe(200);
    expect(filled.json()).toMatchObject({ hasHomePc: true, studyProgram: 'ООП ООО', withheld: [] });
    expect(await count('student_movements')).toBe(before.m + 1);
    expect(await count('class_memberships')).toBe(before.c + 1);
    const movement = await t.deps.db.selectFrom('student_movements').selectAll().where('student_id', '=', s.id).executeTakeFirstOrThrow();
    expect(movement).toMatchObject({ kind: 'enrol', order_number: '45-у', order_date: '2026-10-30', created_by: world.users.admin.id });
  });

  it('refuses a duplicate file number with 409 and writes nothing', async () => {
    const first = newStudent();
    expect((await admin.post(`${base}/students`, first)).statusCode).toBe(201);
    const before = await count('students');
    const res = await admin.post(`${base}/students`, { ...first, surname: 'Другая' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain(first.fileNumber);
    expect(await count('students')).toBe(before);
    // The same number in another school is fine.
    const otherAdmin = await t.signIn(other.users.admin.login, TEST_PASSWORD);
    expect((await otherAdmin.post(`/api/schools/${other.schoolId}/students`, first)).statusCode).toBe(201);
  });

  it('rejects an enrolment into a class of another school with 422 and writes nothing', async () => {
    const before = { s: await count('students'), m: await count('student_movements'), c: await count('class_memberships') };
    const res = await admin.post(
      `${base}/students`,
      newStudent({ enrolment: { classId: other.classIds.a, onDate: '2026-11-02', orderNumber: '1', orderDate: '2026-11-01' } }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toBe('Не найдено: класс.');
    expect({ s: await count('students'), m: await count('student_movements'), c: await count('class_memberships') }).toEqual(before);
  });

  it('rejects unknown fields, wrong types, over-long strings, impossible dates and bad enums with a readable 400', async () => {
    const before = await count('students');
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [newStudent({ isAdmin: true }), 'isAdmin', 'неизвестное поле'],
      [newStudent({ hasHomePc: 'yes' }), 'hasHomePc', 'неверный тип значения'],
      [newStudent({ surname: 'Я'.repeat(101) }), 'surname', 'не длиннее 100 символов'],
      [newStudent({ birthDate: '2015-02-30' }), 'birthDate', 'дата в формате ГГГГ-ММ-ДД, существующая в календаре'],
      [newStudent({ sex: 'x' }), 'sex', 'допустимые значения: m, f'],
      [newStudent({ email: 'not-an-email' }), 'email', 'неверный формат'],
      [newStudent({ fileNumber: '' }), 'fileNumber', 'обязательное поле'],
      [
        newStudent({ enrolment: { classId: world.classIds.a, onDate: '2026-13-01', orderNumber: '1', orderDate: '2026-11-01' } }),
        'enrolment.onDate',
        'дата',
      ],
    ];
    for (const [body, field, text] of cases) {
      const res = await admin.post(`${base}/students`, body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.field).toBe(field);
      expect(res.json().error.message).toContain(text);
    }
    expect(await count('students')).toBe(before);
  });

  it('is for the school admin only: 403 for the director, 404 for another school', async () => {
    const director = await t.signIn(world.users.director.login, TEST_PASSWORD);
    expect((await director.post(`${base}/students`, newStudent())).statusCode).toBe(403);
    const otherAdmin = await t.signIn(other.users.admin.login, TEST_PASSWORD);
    expect((await otherAdmin.post(`${base}/students`, newStudent())).statusCode).toBe(404);
  });
});

describe('update student', () => {
  it('changes only the given fields and audits their names, never the values', async () => {
    const created = (await admin.post(`${base}/students`, newStudent())).json();
    await giveConsent(t.deps.db, world.schoolId, created.id, null);
    const res = await admin.patch(`${base}/students/${created.id}`, { mobilePhone: '+7 911 111 11 11', surname: 'Соснина' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ mobilePhone: '+7 911 111 11 11', surname: 'Соснина', name: 'Алёна' });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('entity_id', '=', created.id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details)).toEqual({ fields: ['surname', 'mobilePhone'] });
    expect(audit.details).not.toContain('911');
    // The search follows the new surname.
    expect((await admin.get(`${base}/students?q=${encodeURIComponent('соснин')}`)).json().items[0].id).toBe(created.id);
  });

  it('refuses a file number already used in the school with 409 and changes nothing', async () => {
    const a = (await admin.post(`${base}/students`, newStudent())).json();
    const b = (await admin.post(`${base}/students`, newStudent())).json();
    const res = await admin.patch(`${base}/students/${b.id}`, { fileNumber: a.fileNumber });
    expect(res.statusCode).toBe(409);
    const row = await t.deps.db.selectFrom('students').select('file_number').where('id', '=', b.id).executeTakeFirstOrThrow();
    expect(row.file_number).toBe(b.fileNumber);
  });

  it('rejects bad input with 400 and changes nothing', async () => {
    const created = (await admin.post(`${base}/students`, newStudent())).json();
    for (const body of [
      { schoolId: other.schoolId },
      { birthDate: '2015-02-29' },
      { homePhone: '1'.repeat(31) },
      { studyForm: 'online' },
      { name: 5 },
    ]) {
      expect((await admin.patch(`${base}/students/${created.id}`, body)).statusCode).toBe(400);
    }
    const row = await t.deps.db.selectFrom('students').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.updated_at).toBe(created.updatedAt);
  });

  it('answers 404 for a student of another school and 404 (not 403) to a teacher who cannot see the student', async () => {
    expect((await admin.patch(`${base}/students/${other.studentIds.inA}`, { name: 'X' })).statusCode).toBe(404);
    const classTeacher = await t.signIn(world.users.classTeacher.login, TEST_PASSWORD);
    expect((await classTeacher.patch(`${base}/students/${world.studentIds.inA}`, { name: 'X' })).statusCode).toBe(404);
    expect((await classTeacher.patch(`${base}/students/${world.studentIds.inB}`, { name: 'X' })).statusCode).toBe(403);
  });
});

describe('my students', () => {
  it("gives a parent their children and a student themself, with school and today's class", async () => {
    const parent = await t.signIn(world.users.parent.login, TEST_PASSWORD);
    const items = (await parent.get('/api/my/students')).json().items;
    expect(items).toEqual([
      expect.objectContaining({
        id: world.studentIds.inA,
        schoolId: world.schoolId,
        relation: 'child',
        class: { id: world.classIds.a, name: '5А' },
      }),
    ]);
    expect(items[0].schoolName).toMatch(/СОШ/);
    const student = await t.signIn(world.users.student.login, TEST_PASSWORD);
    expect((await student.get('/api/my/students')).json().items).toEqual([
      expect.objectContaining({ id: world.studentIds.inA, relation: 'self' }),
    ]);
    expect((await admin.get('/api/my/students')).json().items).toEqual([]);
    expect((await t.anonymous.get('/api/my/students')).statusCode).toBe(401);
  });

  it('leaves out a child whose consent has been withdrawn (R6.5)', async () => {
    const family = await makeSchoolWorld(t.deps.db);
    const parent = await t.signIn(family.users.parent.login, TEST_PASSWORD);
    expect((await parent.get('/api/my/students')).json().items).toHaveLength(1);
    await t.deps.db
      .updateTable('service_consents')
      .set({ withdrawn_at: '2026-11-20T10:00:00.000Z' })
      .where('student_id', '=', family.studentIds.inA)
      .execute();
    expect((await parent.get('/api/my/students')).json().items).toEqual([]);
    const student = await t.signIn(family.users.student.login, TEST_PASSWORD);
    expect((await student.get('/api/my/students')).json().items).toEqual([]);
  });
});
