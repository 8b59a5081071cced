import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHILD_CONSENT_FIELDS, CONSENT_PURPOSES, PARENT_CONSENT_FIELDS } from '../../../contract/schemas/service.js';
import { makeParent, makeSchoolWorld, makeStudent, type SchoolWorld } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';

// Issue 12.10 (R6.2, R6.5; decision 013): what a family did not allow in Приложение 2 is not placed
// in the system nor shown; a withdrawal erases the application's address and phone and the fields
// no remaining consent allows; on SQLite the erased bytes are gone from the files.

let t: TestApp;
let w: SchoolWorld;
let admin: Client;
let director: Client;

const people = (path: string) => `/api/schools/${w.schoolId}${path}`;
const service = (path: string) => `/api/schools/${w.schoolId}/service${path}`;

/** Everything but these fields, in each column. */
const without = (child: string[], parent: string[]) => ({
  childFields: CHILD_CONSENT_FIELDS.filter((f) => !child.includes(f)),
  parentFields: PARENT_CONSENT_FIELDS.filter((f) => !parent.includes(f)),
});

async function recordConsent(
  studentId: string,
  parentId: string,
  fields: { childFields: string[]; parentFields: string[] },
  applicationId?: string,
) {
  const res = await admin.post(service('/consents'), {
    ...(applicationId ? { applicationId } : {}),
    studentId,
    parentId,
    childFullName: 'Морозов Пётр Ильич',
    parentFullName: 'Морозова Ольга Павловна',
    ...fields,
    purposes: [...CONSENT_PURPOSES],
    signedOn: '2026-11-20',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function newParent(surname: string): Promise<string> {
  const res = await admin.post(people('/parents'), { surname, name: 'Ольга' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

beforeAll(async () => {
  t = await createTestApp(new Date('2026-11-23T09:00:00Z'));
  w = await makeSchoolWorld(t.deps.db);
  admin = await t.signIn(w.users.admin.login, 'test-password-1');
  director = await t.signIn(w.users.director.login, 'test-password-1');
});

afterAll(async () => {
  await t.close();
});

describe('fields the consent does not allow (write time)', () => {
  it('refuses a new record with an optional field, naming it; nothing is written', async () => {
    const before = await t.deps.db
      .selectFrom('students')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await admin.post(people('/students'), {
      fileNumber: 'К-1',
      surname: 'Морозов',
      name: 'Пётр',
      birthDate: '2014-01-02',
      sex: 'm',
      mobilePhone: '+7 900 555-00-01',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('consent_field_not_allowed');
    expect(res.json().error.message).toContain('Мобильный телефон');
    const after = await t.deps.db
      .selectFrom('students')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    const parent = await admin.post(people('/parents'), { surname: 'Морозова', name: 'Ольга', workplace: 'Завод' });
    expect(parent.statusCode).toBe(422);
    expect(parent.json().error.message).toContain('Место работы');
    const en = await admin.post(
      people('/parents'),
      { surname: 'Морозова', name: 'Ольга', workplace: 'Завод' },
      { 'accept-language': 'en' },
    );
    expect(en.json().error.message).toContain('Workplace');
    expect(en.json().error.message).toContain('does not allow');
    // The school's own record needs no consent.
    expect((await admin.post(people('/parents'), { surname: 'Морозова', name: 'Ольга' })).statusCode).toBe(201);
  });

  it('allows what the consent allows and refuses the rest, per column', async () => {
    const child = await makeStudent(t.deps.db, w.schoolId, w.classIds.a, { surname: 'Морозов' });
    const parentId = await newParent('Морозова');
    await admin.post(people(`/students/${child.id}/parents`), { parentId, kinship: 'mother' });
    await recordConsent(child.id, parentId, without(['homePhone', 'residenceAddress'], ['workplace', 'mobilePhone']));

    const refused = await admin.patch(people(`/students/${child.id}`), { homePhone: '+7 4012 55-55-55', foreignLanguage: 'немецкий' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toContain('Домашний телефон');
    // The child's mobile phone is placed under the form's one phone of the child.
    expect((await admin.patch(people(`/students/${child.id}`), { mobilePhone: '+7 900 1' })).statusCode).toBe(422);
    const row = await t.deps.db
      .selectFrom('students')
      .select(['home_phone', 'foreign_language'])
      .where('id', '=', child.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ home_phone: null, foreign_language: null });
    const ok = await admin.patch(people(`/students/${child.id}`), { foreignLanguage: 'немецкий', email: 'petr@example.org' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ foreignLanguage: 'немецкий', email: 'petr@example.org' });
    expect(ok.json().withheld).toEqual(['residenceAddress', 'homePhone', 'mobilePhone']);
    // Clearing is always allowed.
    expect((await admin.patch(people(`/students/${child.id}`), { homePhone: null })).statusCode).toBe(200);

    expect((await admin.patch(people(`/parents/${parentId}`), { workplace: 'Порт' })).statusCode).toBe(422);
    const parent = await admin.patch(people(`/parents/${parentId}`), { workPhone: '+7 4012 11-22-33', position: 'инженер' });
    expect(parent.statusCode, parent.body).toBe(200);
    expect(parent.json()).toMatchObject({ workPhone: '+7 4012 11-22-33', position: 'инженер', workplace: null });
    expect(parent.json().withheld).toEqual(['mobilePhone', 'workplace']);
  });
});

describe('fields the consent does not allow (read time)', () => {
  it('shows neither a stored value the consent does not allow nor anything without a consent', async () => {
    const child = await makeStudent(t.deps.db, w.schoolId, w.classIds.a, { surname: 'Старый' });
    const parent = await makeParent(t.deps.db, w.schoolId, [child.id], { consent: false });
    // Values stored before the rule (or by another path): the card must not show them.
    await t.deps.db
      .updateTable('students')
      .set({ home_phone: '+7 4012 00-00-77', foreign_language: 'французский' })
      .where('id', '=', child.id)
      .execute();
    await t.deps.db.updateTable('parents').set({ workplace: 'Банк', email: 'old@example.org' }).where('id', '=', parent.id).execute();

    const bare = (await director.get(people(`/students/${child.id}`))).json();
    expect(bare).toMatchObject({ surname: 'Старый', homePhone: null, foreignLanguage: null });
    expect(bare.withheld).toContain('homePhone');
    expect(JSON.stringify(bare)).not.toContain('00-00-77');
    const bareParent = (await director.get(people(`/parents/${parent.id}`))).json();
    expect(bareParent).toMatchObject({ surname: 'Петрова', workplace: null, email: null });

    await recordConsent(child.id, parent.id, without(['homePhone'], ['workplace']));
    const consented = (await director.get(people(`/students/${child.id}`))).json();
    expect(consented).toMatchObject({ homePhone: null, foreignLanguage: 'французский' });
    const consentedParent = (await director.get(people(`/parents/${parent.id}`))).json();
    expect(consentedParent).toMatchObject({ workplace: null, email: 'old@example.org' });
  });
});

describe('withdrawal', () => {
  it('erases the application’s address and phone and what no remaining consent allows', async () => {
    const child = await makeStudent(t.deps.db, w.schoolId, w.classIds.b, { surname: 'Отзывов' });
    const mother = await newParent('Отзывова');
    const father = await newParent('Отзывов');
    await admin.post(people(`/students/${child.id}/parents`), { parentId: mother, kinship: 'mother' });
    await admin.post(people(`/students/${child.id}/parents`), { parentId: father, kinship: 'father' });
    const application = await admin.post(service('/applications'), {
      parentSurname: 'Отзывова',
      parentName: 'Ольга',
      parentPatronymic: '',
      addressCity: 'Калининград',
      addressStreet: 'ул. Маяковского',
      addressHouse: '77',
      addressBuilding: '',
      addressFlat: '15',
      phone: '+7 911 765-43-21',
      passportSeries: '2712',
      passportNumber: '345678',
      passportIssuedBy: 'УМВД',
      childFullName: 'Отзывов Пётр',
      childClass: '5Б',
      studentId: child.id,
      parentId: mother,
    });
    expect(application.statusCode, application.body).toBe(201);
    const applicationId = application.json().id as string;
    const motherConsent = await recordConsent(child.id, mother, without([], []), applicationId);
    // The father's consent allows the child's e-mail but not the address.
    await recordConsent(child.id, father, without(['residenceAddress', 'homePhone', 'studyProgram'], []));
    expect(
      (
        await admin.patch(people(`/students/${child.id}`), {
          residenceAddress: 'ул. Маяковского, 77-15',
          email: 'petr@example.org',
          homePhone: '+7 4012 77-15-15',
        })
      ).statusCode,
    ).toBe(200);
    expect((await admin.patch(people(`/parents/${mother}`), { mobilePhone: '+7 911 765-43-21', workplace: 'Порт' })).statusCode).toBe(200);

    const res = await admin.post(service(`/consents/${motherConsent}/withdraw`), {});
    expect(res.statusCode, res.body).toBe(200);

    const app = await t.deps.db
      .selectFrom('service_applications')
      .select(['address_city', 'address_street', 'address_house', 'address_flat', 'phone', 'passport_number', 'parent_surname'])
      .where('id', '=', applicationId)
      .executeTakeFirstOrThrow();
    expect(app).toEqual({
      address_city: '',
      address_street: '',
      address_house: '',
      address_flat: '',
      phone: '',
      passport_number: '',
      parent_surname: 'Отзывова',
    });
    const student = await t.deps.db
      .selectFrom('students')
      .select(['surname', 'residence_address', 'home_phone', 'email'])
      .where('id', '=', child.id)
      .executeTakeFirstOrThrow();
    // The father's consent is still in force: the e-mail it allows stays, the rest is erased.
    expect(student).toEqual({ surname: 'Отзывов', residence_address: null, home_phone: null, email: 'petr@example.org' });
    const parent = await t.deps.db
      .selectFrom('parents')
      .select(['surname', 'mobile_phone', 'workplace'])
      .where('id', '=', mother)
      .executeTakeFirstOrThrow();
    expect(parent).toEqual({ surname: 'Отзывова', mobile_phone: null, workplace: null });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('entity', '=', 'service_consent')
      .where('entity_id', '=', motherConsent)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details).erased).toEqual(expect.arrayContaining(['student.residenceAddress', 'parent.mobilePhone']));
    expect(audit.details).not.toContain('Маяковского');
  });

  it.skipIf(t?.deps.dialect.kind === 'postgres' || process.env.TEST_DATABASE_URL?.startsWith('postgres'))(
    'leaves no erased byte in the SQLite files (secure_delete, WAL emptied)',
    async () => {
      // Long enough that the smaller record written over the old one cannot cover its first bytes.
      const needle = 'Кv7Q-ул. Тайная';
      const marker = `${needle}, ${'дом девять, '.repeat(20)}`;
      const phone = '+7 900 313-37-00';
      const child = await makeStudent(t.deps.db, w.schoolId, w.classIds.b, { surname: 'Стёртый' });
      const parentId = await newParent('Стёртая');
      const consentId = await recordConsent(child.id, parentId, without([], []));
      expect((await admin.patch(people(`/students/${child.id}`), { residenceAddress: marker })).statusCode).toBe(200);
      expect((await admin.patch(people(`/parents/${parentId}`), { mobilePhone: phone })).statusCode).toBe(200);

      const files = async () => {
        const list = await sql<{ file: string }>`PRAGMA database_list`.execute(t.deps.db);
        const main = list.rows.find((r) => r.file)?.file as string;
        return [main, `${main}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f));
      };
      const holds = (buffers: Buffer[], text: string) => buffers.some((b) => b.includes(Buffer.from(text, 'utf8')));
      // The values are in the files now (the test would prove nothing otherwise).
      expect(holds(await files(), needle)).toBe(true);
      expect(holds(await files(), phone)).toBe(true);

      expect((await admin.post(service(`/consents/${consentId}/withdraw`), {})).statusCode).toBe(200);
      const after = await files();
      expect(holds(after, needle)).toBe(false);
      expect(holds(after, phone)).toBe(false);
    },
  );
});
