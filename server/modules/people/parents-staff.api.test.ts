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

const count = async (table: 'parents' | 'student_parents' | 'staff' | 'users' | 'role_assignments') =>
  Number(
    (
      await t.deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

let seq = 0;
const newParent = (extra: Record<string, unknown> = {}) => ({ surname: `Отцов${++seq}`, name: 'Пётр', ...extra });

describe('parents', () => {
  it('creates a parent, links them to a child, fills the consent-form fields the consent allows, and shows the link both ways', async () => {
    const res = await admin.post(`${base}/parents`, newParent({ patronymic: 'Ильич' }));
    expect(res.statusCode).toBe(201);
    const parent = res.json();
    expect(parent).toMatchObject({ patronymic: 'Ильич', hasAccount: false, children: [] });
    const link = await admin.post(`${base}/students/${world.studentIds.inB}/parents`, { parentId: parent.id, kinship: 'father' });
    expect(link.statusCode).toBe(204);
    // Issue 12.10: the optional fields of Приложение 2 are placed once the parent's consent allows them.
    await giveConsent(t.deps.db, world.schoolId, world.studentIds.inB, parent.id);
    const filled = await admin.patch(`${base}/parents/${parent.id}`, {
      sex: 'm',
      birthDate: '1985-07-01',
      residenceAddress: 'ул. Мира, 2',
      homePhone: '+7 4012 111111',
      mobilePhone: '+7 900 111 11 11',
      workplace: 'ООО «Ромашка»',
      position: 'инженер',
      workPhone: '+7 4012 222222',
      email: 'petr@example.ru',
      schoolHelp: 'готов помочь с экскурсиями',
      extraContact: 'звонить после 18:00',
    });
    expect(filled.statusCode, filled.body).toBe(200);
    expect(filled.json()).toMatchObject({ workplace: 'ООО «Ромашка»', withheld: [] });
    const student = (await admin.get(`${base}/students/${world.studentIds.inB}`)).json();
    expect(student.parents).toEqual(expect.arrayContaining([expect.objectContaining({ parentId: parent.id, kinship: 'father' })]));
    const again = (await admin.get(`${base}/parents/${parent.id}`)).json();
    expect(again.children).toEqual([expect.objectContaining({ studentId: world.studentIds.inB, kinship: 'father' })]);
    // A second link of the same pair is a conflict; unlinking removes it; a second unlink is 404.
    expect(
      (await admin.post(`${base}/students/${world.studentIds.inB}/parents`, { parentId: parent.id, kinship: 'other' })).statusCode,
    ).toBe(409);
    expect((await admin.delete(`${base}/students/${world.studentIds.inB}/parents/${parent.id}`)).statusCode).toBe(204);
    expect((await admin.delete(`${base}/students/${world.studentIds.inB}/parents/${parent.id}`)).statusCode).toBe(404);
  });

  it('refuses a link to a parent of another school (422) and a bad kinship (400), writing nothing', async () => {
    const before = await count('student_parents');
    const foreign = await admin.post(`${base}/students/${world.studentIds.inB}/parents`, { parentId: other.parentId, kinship: 'mother' });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().error.message).toBe('Не найдено: родитель.');
    const kinship = await admin.post(`${base}/students/${world.studentIds.inB}/parents`, { parentId: world.parentId, kinship: 'aunt' });
    expect(kinship.statusCode).toBe(400);
    expect(kinship.json().error.message).toContain('mother, father, guardian, custodian, grandmother, grandfather, other');
    expect(
      (await admin.post(`${base}/students/${other.studentIds.inA}/parents`, { parentId: world.parentId, kinship: 'mother' })).statusCode,
    ).toBe(404);
    expect(await count('student_parents')).toBe(before);
  });

  it('rejects bad parent input with 400 and writes nothing; updates audit field names only', async () => {
    const before = await count('parents');
    for (const body of [
      newParent({ role: 'x' }),
      newParent({ birthDate: '1985-02-30' }),
      newParent({ surname: '' }),
      newParent({ workPhone: 5 }),
    ]) {
      expect((await admin.post(`${base}/parents`, body)).statusCode).toBe(400);
    }
    expect(await count('parents')).toBe(before);
    const parent = (await admin.post(`${base}/parents`, newParent())).json();
    await giveConsent(t.deps.db, world.schoolId, world.studentIds.inA, parent.id);
    expect((await admin.patch(`${base}/parents/${parent.id}`, { email: 'bad' })).statusCode).toBe(400);
    const ok = await admin.patch(`${base}/parents/${parent.id}`, { email: 'ok@example.ru', position: null });
    expect(ok.statusCode).toBe(200);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('entity_id', '=', parent.id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details)).toEqual({ fields: ['email'] });
  });

  it('a parent sees only themself; a teacher the parents of their students; a student none', async () => {
    const parent = await t.signIn(world.users.parent.login, TEST_PASSWORD);
    expect((await parent.get(`${base}/parents`)).json().items.map((p: { id: string }) => p.id)).toEqual([world.parentId]);
    expect((await parent.get(`${base}/parents/${world.parentId}`)).json().children).toEqual([
      expect.objectContaining({ studentId: world.studentIds.inA }),
    ]);
    const teacher = await t.signIn(world.users.teacher.login, TEST_PASSWORD);
    expect((await teacher.get(`${base}/parents/${world.parentId}`)).statusCode).toBe(200);
    const classTeacher = await t.signIn(world.users.classTeacher.login, TEST_PASSWORD);
    expect((await classTeacher.get(`${base}/parents/${world.parentId}`)).statusCode).toBe(404);
    const student = await t.signIn(world.users.student.login, TEST_PASSWORD);
    expect((await student.get(`${base}/parents`)).statusCode).toBe(403);
    expect((await admin.get(`/api/schools/${other.schoolId}/parents/${other.parentId}`)).statusCode).toBe(404);
    expect((await parent.patch(`${base}/parents/${world.parentId}`, { workplace: 'x' })).statusCode).toBe(403);
  });
});

describe('staff', () => {
  it('creates a staff member with an account and roles; the new user can sign in with those roles', async () => {
    const before = await count('users');
    const res = await admin.post(`${base}/staff`, {
      surname: 'Учителева',
      name: 'Вера',
      patronymic: 'Павловна',
      position: 'учитель физики',
      email: 'vera@example.ru',
      account: { login: 'vera.uchiteleva', password: 'long-enough-pass-1', roles: ['teacher', 'deputy'] },
    });
    expect(res.statusCode).toBe(201);
    const staff = res.json();
    expect(staff).toMatchObject({ hasAccount: true, login: 'vera.uchiteleva', roles: ['deputy', 'teacher'] });
    expect(await count('users')).toBe(before + 1);
    const vera = await t.signIn('vera.uchiteleva', 'long-enough-pass-1');
    const me = (await vera.get('/api/auth/me')).json();
    expect(me.schools[0].roles.sort()).toEqual(['deputy', 'teacher']);
  });

  it('refuses a taken login (409) and a weak password (400) and writes neither staff nor user', async () => {
    const before = { staff: await count('staff'), users: await count('users') };
    const taken = await admin.post(`${base}/staff`, {
      surname: 'Дубль',
      name: 'Дина',
      account: { login: world.users.teacher.login, password: 'long-enough-pass-1', roles: ['teacher'] },
    });
    expect(taken.statusCode).toBe(409);
    const weak = await admin.post(`${base}/staff`, {
      surname: 'Слабова',
      name: 'Дина',
      account: { login: 'slabova', password: 'short', roles: [] },
    });
    expect(weak.statusCode).toBe(400);
    const badRole = await admin.post(`${base}/staff`, {
      surname: 'Ролева',
      name: 'Дина',
      account: { login: 'roleva', password: 'long-enough-pass-1', roles: ['operator'] },
    });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().error.field).toBe('account.roles.0');
    for (const body of [{ surname: 'X', name: 'Y', salary: 1 }, { surname: 'X'.repeat(101), name: 'Y' }, { surname: 'X' }]) {
      expect((await admin.post(`${base}/staff`, body)).statusCode).toBe(400);
    }
    expect({ staff: await count('staff'), users: await count('users') }).toEqual(before);
  });

  it('marks leaving with leftOn: hidden from the list after that date unless includeLeft', async () => {
    const created = (await admin.post(`${base}/staff`, { surname: 'Уходящая', name: 'Анна' })).json();
    expect((await admin.patch(`${base}/staff/${created.id}`, { leftOn: '2026-11-01' })).json().leftOn).toBe('2026-11-01');
    const current = (await admin.get(`${base}/staff?q=${encodeURIComponent('уходящ')}`)).json();
    expect(current.items).toEqual([]);
    const all = (await admin.get(`${base}/staff?includeLeft=true&q=${encodeURIComponent('УХОДЯЩ')}`)).json();
    expect(all.items.map((s: { id: string }) => s.id)).toEqual([created.id]);
    expect((await admin.patch(`${base}/staff/${created.id}`, { leftOn: '2026-02-30' })).statusCode).toBe(400);
    expect((await admin.patch(`${base}/staff/${other.staffIds.teacher}`, { position: 'x' })).statusCode).toBe(404);
  });

  it('sets school roles, keeps other roles, and refuses to change the own roles', async () => {
    const url = `${base}/staff/${world.staffIds.classTeacher}/roles`;
    const res = await admin.put(url, { roles: ['teacher', 'secretary'] });
    expect(res.statusCode).toBe(200);
    expect(res.json().roles).toEqual(['secretary', 'teacher']);
    expect((await admin.put(url, { roles: ['teacher'] })).json().roles).toEqual(['teacher']);
    expect((await admin.put(url, { roles: ['teacher', 'teacher'] })).statusCode).toBe(400);
    expect((await admin.put(url, { roles: ['parent'] })).statusCode).toBe(400);
    const self = await t.deps.db.selectFrom('staff').select('id').where('user_id', '=', world.users.admin.id).executeTakeFirstOrThrow();
    const own = await admin.put(`${base}/staff/${self.id}/roles`, { roles: ['teacher'] });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toBe('Нельзя менять собственные роли: это делает другой администратор.');
    const director = await t.signIn(world.users.director.login, TEST_PASSWORD);
    expect((await director.put(url, { roles: ['teacher'] })).statusCode).toBe(403);
    const noAccount = (await admin.post(`${base}/staff`, { surname: 'Безучётная', name: 'Ира' })).json();
    expect((await admin.put(`${base}/staff/${noAccount.id}/roles`, { roles: ['teacher'] })).statusCode).toBe(422);
  });

  it('issues a temporary password once: the user signs in with it, old sessions end, the old password no longer works', async () => {
    const created = (
      await admin.post(`${base}/staff`, {
        surname: 'Забывчивая',
        name: 'Ольга',
        account: { login: 'zabyvchivaya', password: 'original-pass-1', roles: ['teacher'] },
      })
    ).json();
    const oldSession = await t.signIn('zabyvchivaya', 'original-pass-1');
    const res = await admin.post(`${base}/staff/${created.id}/password-reset`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const { login, temporaryPassword } = res.json();
    expect(login).toBe('zabyvchivaya');
    expect(temporaryPassword).toHaveLength(12);
    expect((await oldSession.get('/api/auth/me')).statusCode).toBe(401);
    expect((await t.anonymous.post('/api/auth/login', { login, password: 'original-pass-1' })).statusCode).toBe(401);
    await t.signIn(login, temporaryPassword);
    const staffRow = await t.deps.db.selectFrom('staff').select('user_id').where('id', '=', created.id).executeTakeFirstOrThrow();
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'password_change')
      .where('entity_id', '=', staffRow.user_id as string)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).not.toContain(temporaryPassword);
  });

  it('password reset: admin may, operator and director 403, other school 404, account used elsewhere 403', async () => {
    const operator = await t.signIn(world.users.operator.login, TEST_PASSWORD);
    expect((await operator.post(`${base}/staff/${world.staffIds.otherTeacher}/password-reset`)).statusCode).toBe(403);
    expect((await admin.post(`${base}/staff/${world.staffIds.otherTeacher}/password-reset`)).statusCode).toBe(200);
    const director = await t.signIn(world.users.director.login, TEST_PASSWORD);
    expect((await director.post(`${base}/staff/${world.staffIds.teacher}/password-reset`)).statusCode).toBe(403);
    const otherAdmin = await t.signIn(other.users.admin.login, TEST_PASSWORD);
    expect((await otherAdmin.post(`${base}/staff/${world.staffIds.teacher}/password-reset`)).statusCode).toBe(404);
    // The teacher also works in the other school: this school's admin may not take the account over.
    const teacher = await t.deps.db
      .selectFrom('staff')
      .select('user_id')
      .where('id', '=', world.staffIds.teacher)
      .executeTakeFirstOrThrow();
    await t.deps.db
      .insertInto('role_assignments')
      .values({
        id: `ra-${Date.now()}`,
        user_id: teacher.user_id as string,
        role: 'teacher',
        school_id: other.schoolId,
        operator_id: null,
        created_at: '2026-09-01T00:00:00.000Z',
      })
      .execute();
    expect((await admin.post(`${base}/staff/${world.staffIds.teacher}/password-reset`)).statusCode).toBe(403);
  });

  it('teachers may read the staff list and a record; parents may not', async () => {
    const teacher = await t.signIn(world.users.teacher.login, TEST_PASSWORD);
    expect((await teacher.get(`${base}/staff`)).statusCode).toBe(200);
    const record = (await teacher.get(`${base}/staff/${world.staffIds.classTeacher}`)).json();
    expect(record.login).toBeTruthy();
    const parent = await t.signIn(world.users.parent.login, TEST_PASSWORD);
    expect((await parent.get(`${base}/staff`)).statusCode).toBe(403);
    expect((await teacher.post(`${base}/staff`, { surname: 'X', name: 'Y' })).statusCode).toBe(403);
  });
});
