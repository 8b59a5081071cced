import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHILD_CONSENT_FIELDS, CONSENT_PURPOSES, PARENT_CONSENT_FIELDS } from '../../../contract/schemas/service.js';
import { makeSchoolWorld, makeStudent, type SchoolWorld } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';
import { createSession } from '../auth/auth.service.js';
import { makeApplication, makeCode } from './service.fixtures.js';

let t: TestApp;
let w: SchoolWorld;
let other: SchoolWorld;
let secretary: Client;
let director: Client;
let classTeacher: Client;
let admin: Client;
let operator: Client;
let teacher: Client;

const api = (path: string) => `/api/schools/${w.schoolId}/service${path}`;

const application = (over: Record<string, unknown> = {}) => ({
  parentSurname: 'Соколова',
  parentName: 'Елена',
  parentPatronymic: 'Игоревна',
  addressCity: 'Калининград',
  addressStreet: 'ул. Горького',
  addressHouse: '12',
  addressBuilding: '2',
  addressFlat: '34',
  phone: '+7 911 123-45-67',
  passportSeries: '2712',
  passportNumber: '345678',
  passportIssuedBy: 'УМВД России по Калининградской области',
  childFullName: 'Соколов Артём Дмитриевич',
  childClass: '5Б',
  ...over,
});

const consent = (over: Record<string, unknown> = {}) => ({
  childFullName: 'Соколов Артём Дмитриевич',
  parentFullName: 'Соколова Елена Игоревна',
  childFields: [...CHILD_CONSENT_FIELDS],
  parentFields: [...PARENT_CONSENT_FIELDS],
  purposes: [...CONSENT_PURPOSES],
  signedOn: '2026-11-23',
  ...over,
});

async function count(table: 'service_applications' | 'service_consents' | 'access_codes', schoolId = w.schoolId) {
  const r = await t.deps.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('school_id', '=', schoolId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

beforeAll(async () => {
  t = await createTestApp(new Date('2026-11-23T09:00:00Z')); // Monday
  w = await makeSchoolWorld(t.deps.db);
  other = await makeSchoolWorld(t.deps.db);
  await signInAll();
}, 60_000);
afterAll(async () => t.close());

/** Moves the clock; sessions expire across months, so everyone gets a fresh one. */
async function at(iso: string) {
  t.clock.set(new Date(iso));
  await signInAll();
}

/**
 * A session made directly (the login route is rate-limited in real time, and these tests move the
 * clock across months, which ends sessions).
 */
async function sessionOf(userId: string): Promise<Client> {
  const { token } = await createSession(t.deps, userId, '127.0.0.1');
  const cookie = `otmetka_session=${token}`;
  const a = t.anonymous;
  return {
    cookie,
    request: (o) => a.request({ ...o, headers: { cookie, ...(o.headers ?? {}) } }),
    get: (url, h) => a.get(url, { cookie, ...h }),
    post: (url, body, h) => a.post(url, body, { cookie, ...h }),
    patch: (url, body, h) => a.patch(url, body, { cookie, ...h }),
    put: (url, body, h) => a.put(url, body, { cookie, ...h }),
    delete: (url, h) => a.delete(url, { cookie, ...h }),
  };
}

async function signInAll() {
  secretary = await sessionOf(w.users.secretary.id);
  director = await sessionOf(w.users.director.id);
  classTeacher = await sessionOf(w.users.classTeacher.id);
  admin = await sessionOf(w.users.admin.id);
  operator = await sessionOf(w.users.operator.id);
  teacher = await sessionOf(w.users.teacher.id);
}

// Tests move the clock across months; sessions expire then, so sign in again when they have.
beforeEach(async () => {
  t.clock.set(new Date('2026-11-23T09:00:00Z'));
  // Every test call comes from the same address; each test starts with a clean code throttle.
  await t.deps.db.deleteFrom('login_throttle').where('key', 'like', 'code-ip:%').execute();
  await signInAll();
});

describe('the whole procedure (seed 002 §3.2)', () => {
  it('registers, records consent, decides, orders, issues a code, and the parent activates and sees the child', async () => {
    t.clock.set(new Date('2026-11-23T09:00:00Z'));
    const child = await makeStudent(t.deps.db, w.schoolId, w.classIds.b, { surname: 'Соколов' });

    const reg = await secretary.post(api('/applications'), application());
    expect(reg.statusCode).toBe(201);
    const app = reg.json();
    expect(app.number).toMatch(/^З-2026\/\d{4}$/);
    expect(app.registeredOn).toBe('2026-11-23');
    expect(app.status).toBe('registered');
    expect(app.nextDeadline).toEqual({ stage: 'decision', dueOn: '2026-11-30', overdue: false });
    const second = (await secretary.post(api('/applications'), application({ childFullName: 'Другой Ребёнок' }))).json();
    expect(Number(second.number.slice(-4))).toBe(Number(app.number.slice(-4)) + 1);

    // Passport data never reaches the audit log.
    const audit = await t.deps.db.selectFrom('audit_log').select('details').where('entity_id', '=', app.id).execute();
    expect(audit.map((a) => a.details).join(' ')).not.toContain('345678');

    const linked = await secretary.patch(api(`/applications/${app.id}`), { studentId: child.id });
    expect(linked.statusCode).toBe(200);
    const c = await secretary.post(api('/consents'), consent({ applicationId: app.id }));
    expect(c.statusCode).toBe(201);
    expect(c.json()).toMatchObject({
      depersonalisedOnly: false,
      studentId: child.id,
      receivedOn: '2026-11-23',
      operatorCopyDueOn: '2026-12-03',
    });

    const decided = await director.post(api(`/applications/${app.id}/decision`), { decision: 'granted' });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({
      status: 'granted',
      decidedOn: '2026-11-23',
      nextDeadline: { stage: 'order', dueOn: '2026-11-30' },
    });

    const ordered = await director.post(api(`/applications/${app.id}/order`), { orderNumber: '45-у', orderDate: '2026-11-23' });
    expect(ordered.statusCode).toBe(200);
    expect(ordered.json()).toMatchObject({
      status: 'ordered',
      orderNumber: '45-у',
      nextDeadline: { stage: 'access', dueOn: '2026-11-28' },
    });

    const issued = await classTeacher.post(api(`/students/${child.id}/codes`), { kind: 'parent' });
    expect(issued.statusCode).toBe(201);
    const code = issued.json();
    expect(code.code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(code.systemAddress).toBe('http://127.0.0.1:3000');
    const stored = await t.deps.db.selectFrom('access_codes').selectAll().where('id', '=', code.id).executeTakeFirstOrThrow();
    expect(stored.code_hash).not.toContain(code.code.replace(/-/g, ''));
    expect(stored.issued_by).toBe(w.users.classTeacher.id);
    expect((await director.get(api(`/applications/${app.id}`))).json()).toMatchObject({
      status: 'issued',
      accessIssuedOn: '2026-11-23',
      nextDeadline: null,
    });

    const slip = await classTeacher.post(api('/codes/slip.pdf'), { codeId: code.id, code: code.code });
    expect(slip.statusCode).toBe(200);
    expect(slip.headers['content-type']).toBe('application/pdf');
    expect(slip.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // The parent types the code in lower case with spaces, sets a login and password.
    const typed = code.code.toLowerCase().replace(/-/g, ' ');
    const redeemed = await t.anonymous.post('/api/access-codes/redeem', { code: typed, login: 'sokolova', password: 'my-own-password-1' });
    expect(redeemed.statusCode).toBe(200);
    expect(redeemed.json()).toEqual({ schoolId: w.schoolId, studentId: child.id, studentName: 'Соколов Иван Сергеевич', role: 'parent' });
    expect(redeemed.cookies.find((k) => k.name === 'otmetka_session')).toBeTruthy();

    const parent = await t.signIn('sokolova', 'my-own-password-1');
    expect((await parent.get(`/api/schools/${w.schoolId}/students/${child.id}`)).statusCode).toBe(200);
    expect((await parent.get(`/api/schools/${w.schoolId}/students/${w.studentIds.inB}`)).statusCode).toBe(404);

    // The same code works once.
    const again = await t.anonymous.post('/api/access-codes/redeem', {
      code: code.code,
      login: 'sokolova2',
      password: 'my-own-password-1',
    });
    expect(again.statusCode).toBe(400);

    // A second child adds to the same account.
    const child2 = await makeStudent(t.deps.db, w.schoolId, w.classIds.b, { surname: 'Соколова' });
    const app2 = await makeApplication(t.deps.db, w.schoolId, { status: 'ordered', studentId: child2.id });
    const code2 = (await admin.post(api(`/students/${child2.id}/codes`), { kind: 'parent' })).json();
    const withLogin = await parent.post('/api/access-codes/redeem', { code: code2.code, login: 'x-y-z', password: 'whatever-long-1' });
    expect(withLogin.statusCode).toBe(400);
    const added = await parent.post('/api/access-codes/redeem', { code: code2.code });
    expect(added.statusCode).toBe(200);
    expect((await parent.get(`/api/schools/${w.schoolId}/students/${child2.id}`)).statusCode).toBe(200);
    const parents = await t.deps.db.selectFrom('parents').select('id').where('user_id', '=', redeemed.json().studentId).execute();
    expect(parents).toEqual([]);
    const app2Row = await t.deps.db
      .selectFrom('service_applications')
      .select('parent_id')
      .where('id', '=', app2.id)
      .executeTakeFirstOrThrow();
    const app1Row = await t.deps.db
      .selectFrom('service_applications')
      .select('parent_id')
      .where('id', '=', app.id)
      .executeTakeFirstOrThrow();
    expect(app2Row.parent_id).toBe(app1Row.parent_id);

    // The student gets their own code the same way.
    const sCode = (await classTeacher.post(api(`/students/${child.id}/codes`), { kind: 'student' })).json();
    const sRes = await t.anonymous.post('/api/access-codes/redeem', {
      code: sCode.code,
      login: 'artem-sokolov',
      password: 'student-password-1',
    });
    expect(sRes.statusCode).toBe(200);
    expect(sRes.json().role).toBe('student');
    const student = await t.signIn('artem-sokolov', 'student-password-1');
    expect((await student.get(`/api/schools/${w.schoolId}/students/${child.id}`)).statusCode).toBe(200);

    // The register finds it by number, name and status.
    const byNumber = (await director.get(api(`/applications?number=${encodeURIComponent(app.number)}`))).json();
    expect(byNumber.items.map((i: { id: string }) => i.id)).toEqual([app.id]);
    const byName = (await director.get(api(`/applications?name=${encodeURIComponent('СОКОЛОВА')}&status=issued`))).json();
    expect(byName.items.map((i: { id: string }) => i.id)).toContain(app.id);
    expect(JSON.stringify(byName)).not.toContain('345678');
  });
});

describe('bad input: 4xx and nothing written', () => {
  it('refuses an application with a missing field or a malformed passport', async () => {
    const before = await count('service_applications');
    const { passportIssuedBy: _omit, ...missing } = application();
    expect((await secretary.post(api('/applications'), missing)).statusCode).toBe(400);
    for (const bad of [
      { passportSeries: '27 12' },
      { passportSeries: '271' },
      { passportNumber: '12345' },
      { passportNumber: '12345a' },
      { phone: 'звоните' },
    ]) {
      const res = await secretary.post(api('/applications'), application(bad));
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.code).toBe('validation');
    }
    expect((await secretary.post(api('/applications'), application({ extra: 1 }))).statusCode).toBe(400);
    expect((await secretary.post(api('/applications'), application({ parentSurname: '' }))).statusCode).toBe(400);
    const foreign = await secretary.post(api('/applications'), application({ studentId: other.studentIds.inA }));
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().error.message).toBe('Не найдено: ученик.');
    expect(await count('service_applications')).toBe(before);
  });

  it('keeps registration to the secretary and the admin', async () => {
    expect((await director.post(api('/applications'), application())).statusCode).toBe(403);
    expect((await teacher.post(api('/applications'), application())).statusCode).toBe(403);
    const outsider = await sessionOf(other.users.admin.id);
    expect((await outsider.post(api('/applications'), application())).statusCode).toBe(404);
  });

  it('refuses a decision on an unregistered application, a second decision and an order before a decision', async () => {
    expect((await director.post(api('/applications/no-such-application/decision'), { decision: 'granted' })).statusCode).toBe(404);
    const other1 = await makeApplication(t.deps.db, other.schoolId);
    expect((await director.post(api(`/applications/${other1.id}/decision`), { decision: 'granted' })).statusCode).toBe(404);

    const a = await makeApplication(t.deps.db, w.schoolId);
    const early = await director.post(api(`/applications/${a.id}/order`), { orderNumber: '1', orderDate: '2026-11-23' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/только после решения/);
    expect((await director.post(api(`/applications/${a.id}/decision`), { decision: 'granted' })).statusCode).toBe(200);
    const twice = await director.post(api(`/applications/${a.id}/decision`), { decision: 'refused', ground: 'no_consent' });
    expect(twice.statusCode).toBe(409);
    const row = await t.deps.db
      .selectFrom('service_applications')
      .select(['status', 'refusal_ground'])
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'granted', refusal_ground: null });

    const beforeDecision = await director.post(api(`/applications/${a.id}/order`), { orderNumber: '2', orderDate: '2026-11-22' });
    expect(beforeDecision.statusCode).toBe(422);
    const future = await director.post(api(`/applications/${a.id}/order`), { orderNumber: '2', orderDate: '2026-11-24' });
    expect(future.statusCode).toBe(422);
    expect((await director.post(api(`/applications/${a.id}/order`), { orderNumber: '2', orderDate: '2026-11-23' })).statusCode).toBe(200);
    expect((await director.post(api(`/applications/${a.id}/order`), { orderNumber: '3', orderDate: '2026-11-23' })).statusCode).toBe(409);

    const refused = await makeApplication(t.deps.db, w.schoolId, { status: 'refused' });
    expect((await director.post(api(`/applications/${refused.id}/order`), { orderNumber: '4', orderDate: '2026-11-23' })).statusCode).toBe(
      409,
    );
    expect((await secretary.post(api(`/applications/${a.id}/decision`), { decision: 'granted' })).statusCode).toBe(403);
  });
});

describe('every refusal ground of seed 002 §2.8', () => {
  it('refuses for no consent, and only when there is none', async () => {
    const none = await makeApplication(t.deps.db, w.schoolId, { consent: 'none' });
    expect((await director.post(api(`/applications/${none.id}/decision`), { decision: 'granted' })).statusCode).toBe(422);
    expect((await director.post(api(`/applications/${none.id}/decision`), { decision: 'refused' })).statusCode).toBe(422);
    expect(
      (await director.post(api(`/applications/${none.id}/decision`), { decision: 'refused', ground: 'consent_depersonalised' })).statusCode,
    ).toBe(422);
    const res = await director.post(api(`/applications/${none.id}/decision`), { decision: 'refused', ground: 'no_consent' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'refused', refusalGround: 'no_consent', nextDeadline: null });

    const withConsent = await makeApplication(t.deps.db, w.schoolId);
    const wrong = await director.post(api(`/applications/${withConsent.id}/decision`), { decision: 'refused', ground: 'no_consent' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.message).toMatch(/приложено согласие/);
  });

  it('refuses for a consent to depersonalised data only, and never grants on one', async () => {
    const body = consent({ childFields: ['grades', 'sex', 'movement'], parentFields: ['sex', 'children'] });
    const a = (await secretary.post(api('/applications'), application())).json();
    const c = await secretary.post(api('/consents'), { ...body, applicationId: a.id });
    expect(c.json()).toMatchObject({ depersonalisedOnly: true, valid: false });
    expect((await director.post(api(`/applications/${a.id}/decision`), { decision: 'granted' })).statusCode).toBe(422);
    expect((await director.post(api(`/applications/${a.id}/decision`), { decision: 'granted', ground: 'no_consent' })).statusCode).toBe(
      422,
    );
    const res = await director.post(api(`/applications/${a.id}/decision`), { decision: 'refused', ground: 'consent_depersonalised' });
    expect(res.statusCode).toBe(200);
    expect(res.json().refusalGround).toBe('consent_depersonalised');
  });
});

describe('deadlines on the working-day calendar (R6.3)', () => {
  it('counts 5 working days across a weekend', async () => {
    await at('2026-11-20T10:00:00Z'); // Friday
    const a = (await secretary.post(api('/applications'), application())).json();
    expect(a.nextDeadline).toEqual({ stage: 'decision', dueOn: '2026-11-27', overdue: false });
  });

  it('crosses the year end and the New Year holidays, and lists it as overdue afterwards', async () => {
    await at('2026-12-30T10:00:00Z');
    const a = (await secretary.post(api('/applications'), application())).json();
    expect(a.registeredOn).toBe('2026-12-30');
    expect(a.number).toMatch(/^З-2026\//);
    expect(a.nextDeadline).toEqual({ stage: 'decision', dueOn: '2027-01-15', overdue: false });
    await at('2027-01-18T08:00:00Z');
    const list = (await director.get(api('/deadlines?overdue=true'))).json();
    const item = list.items.find((i: { applicationId: string; stage: string }) => i.applicationId === a.id && i.stage === 'decision');
    expect(item).toMatchObject({ dueOn: '2027-01-15', overdue: true, number: a.number });
    const next = (await secretary.post(api('/applications'), application())).json();
    expect(next.number).toBe('З-2027/0001');
    t.clock.set(new Date('2026-11-23T09:00:00Z'));
  });

  it('registers the date of the school’s time zone, not UTC', async () => {
    await at('2026-11-23T22:30:00Z'); // already 24 November in Kaliningrad (UTC+2)
    const a = (await secretary.post(api('/applications'), application())).json();
    expect(a.registeredOn).toBe('2026-11-24');
    t.clock.set(new Date('2026-11-23T09:00:00Z'));
  });

  it('follows the school’s own edits of a year (a holiday across a weekend)', async () => {
    const cal = await admin.put(api('/calendar/2026'), { holidays: ['2026-11-27', '2026-11-30'], workdays: [] });
    expect(cal.statusCode).toBe(200);
    expect(cal.json().custom).toBe(true);
    await at('2026-11-20T10:00:00Z');
    const a = (await secretary.post(api('/applications'), application())).json();
    expect(a.nextDeadline.dueOn).toBe('2026-12-01');
    expect((await admin.put(api('/calendar/2026'), { holidays: ['2026-11-28'], workdays: [] })).statusCode).toBe(422);
    expect((await admin.put(api('/calendar/2026'), { holidays: ['2027-01-11'], workdays: [] })).statusCode).toBe(422);
    expect((await director.put(api('/calendar/2026'), { holidays: [], workdays: [] })).statusCode).toBe(403);
    await t.deps.db.deleteFrom('working_calendars').where('school_id', '=', w.schoolId).execute();
    expect((await director.get(api('/calendar/2026'))).json()).toMatchObject({
      custom: false,
      holidays: expect.arrayContaining(['2026-12-31']),
    });
    t.clock.set(new Date('2026-11-23T09:00:00Z'));
  });

  it('tracks the consent copy to the operator, and the operator lists and downloads the consents', async () => {
    const a = await makeApplication(t.deps.db, w.schoolId, { registeredOn: '2026-11-02' });
    const due = (await director.get(api('/deadlines'))).json();
    expect(due.items.find((i: { consentId: string }) => i.consentId === a.consentId)).toMatchObject({
      stage: 'operatorCopy',
      dueOn: '2026-11-12',
      overdue: true,
    });
    expect(
      (await secretary.post(api(`/consents/${a.consentId}/operator-copy`), { sentOn: '2026-11-01', method: 'почтой' })).statusCode,
    ).toBe(422);
    const sent = await secretary.post(api(`/consents/${a.consentId}/operator-copy`), { sentOn: '2026-11-10', method: 'заказным письмом' });
    expect(sent.json()).toMatchObject({ operatorCopySentOn: '2026-11-10', operatorCopyMethod: 'заказным письмом' });
    const after = (await director.get(api('/deadlines'))).json();
    expect(after.items.find((i: { consentId: string }) => i.consentId === a.consentId)).toBeUndefined();
    const list = await operator.get(api('/consents'));
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((c: { id: string }) => c.id)).toContain(a.consentId);
    const pdf = await operator.get(api(`/consents/${a.consentId}/form.pdf`));
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });
});

describe('registration codes: one answer for every bad code, throttled and audited', () => {
  it('answers a mistyped, used, expired, revoked or foreign code identically and audits each attempt', async () => {
    const child = await makeStudent(t.deps.db, w.schoolId, w.classIds.b);
    const { id: applicationId } = await makeApplication(t.deps.db, w.schoolId, { status: 'issued', studentId: child.id });
    const used = await makeCode(t.deps.db, w.schoolId, child.id, { applicationId });
    await t.deps.db.updateTable('access_codes').set({ used_at: '2026-11-21T00:00:00.000Z' }).where('id', '=', used.id).execute();
    const old = await makeCode(t.deps.db, w.schoolId, child.id, { applicationId });
    await admin.post(api(`/students/${child.id}/codes`), { kind: 'parent' }); // reissue revokes `old`
    const expired = await makeCode(t.deps.db, w.schoolId, child.id, { applicationId, expiresAt: '2026-11-22T00:00:00.000Z' });
    const good = await makeCode(t.deps.db, w.schoolId, child.id, { applicationId });
    const headers = { 'x-forwarded-for': '10.9.9.1' };
    const attempt = (code: string, extra: Record<string, unknown> = {}) =>
      t.anonymous.post(
        '/api/access-codes/redeem',
        { code, login: `bad${Math.random().toString(36).slice(2, 8)}`, password: 'long-enough-pass-1', ...extra },
        headers,
      );
    const usersBefore = await t.deps.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const answers = [
      await attempt(`${good.code.slice(0, -1)}${good.code.endsWith('A') ? 'B' : 'A'}`),
      await attempt(used.code),
      await attempt(expired.code),
      await attempt(old.code),
      await attempt(good.code, { schoolId: other.schoolId }),
    ];
    for (const a of answers) {
      expect(a.statusCode).toBe(400);
      expect(a.json()).toEqual(answers[0]?.json());
    }
    expect(answers[0]?.json().error.message).toMatch(/Код не подходит/);
    const usersAfter = await t.deps.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(usersAfter.n)).toBe(Number(usersBefore.n));
    const audited = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('entity', '=', 'access_code')
      .where('action', '=', 'login_failed')
      .execute();
    const reasons = audited.map((a) => JSON.parse(a.details).reason);
    expect(reasons, JSON.stringify(reasons)).toEqual(expect.arrayContaining(['unknown', 'used', 'expired', 'revoked', 'other_school']));
    // The good code still works afterwards.
    expect(
      (await t.anonymous.post('/api/access-codes/redeem', { code: good.code, login: 'good-parent', password: 'long-enough-pass-1' }))
        .statusCode,
    ).toBe(200);
  });

  it('locks an address after ten wrong codes, even for a right one', async () => {
    const child = await makeStudent(t.deps.db, w.schoolId, w.classIds.b);
    const { id: applicationId } = await makeApplication(t.deps.db, w.schoolId, { status: 'issued', studentId: child.id });
    const good = await makeCode(t.deps.db, w.schoolId, child.id, { applicationId });
    const headers = { 'x-forwarded-for': '10.9.9.2' };
    const res = [];
    for (let i = 0; i < 10; i++) {
      res.push(
        (
          await t.anonymous.post(
            '/api/access-codes/redeem',
            { code: `AAAA-BBBB-CC${i}C`, login: 'guess', password: 'long-enough-pass-1' },
            headers,
          )
        ).statusCode,
      );
    }
    expect(res.every((s) => s === 400 || s === 429)).toBe(true);
    const locked = await t.anonymous.post(
      '/api/access-codes/redeem',
      { code: good.code, login: 'locked-out', password: 'long-enough-pass-1' },
      headers,
    );
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.message).toMatch(/попыток ввода кода/);
  });

  it('needs a login and password from someone not signed in, and refuses a code without an order or consent', async () => {
    expect((await t.anonymous.post('/api/access-codes/redeem', { code: 'AAAA-BBBB-CCCC' })).statusCode).toBe(400);
    const child = await makeStudent(t.deps.db, w.schoolId, w.classIds.b);
    expect((await admin.post(api(`/students/${child.id}/codes`), { kind: 'parent' })).statusCode).toBe(422);
    expect((await admin.post(api(`/students/${child.id}/codes`), { kind: 'student' })).statusCode).toBe(422);
    await makeApplication(t.deps.db, w.schoolId, { status: 'ordered', studentId: child.id, consent: 'depersonalised' });
    const res = await admin.post(api(`/students/${child.id}/codes`), { kind: 'parent' });
    expect(res.statusCode).toBe(422);
    expect(await count('access_codes')).toBeGreaterThan(0);
  });

  it('binds the account through the people module: a new parent record linked to the child, never a record another account holds', async () => {
    const child = await makeStudent(t.deps.db, w.schoolId, w.classIds.b);
    const { id: applicationId } = await makeApplication(t.deps.db, w.schoolId, { status: 'issued', studentId: child.id });
    const first = await makeCode(t.deps.db, w.schoolId, child.id, { applicationId });
    const redeem = (code: string, login: string) =>
      t.anonymous.post('/api/access-codes/redeem', { code, login, password: 'long-enough-pass-1' }, { 'x-forwarded-for': '10.9.9.3' });
    expect((await redeem(first.code, 'binding-parent')).statusCode).toBe(200);
    const records = await t.deps.db
      .selectFrom('parents as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .innerJoin('student_parents as sp', 'sp.parent_id', 'p.id')
      .select(['p.id', 'p.surname', 'p.search_text', 'sp.student_id', 'sp.kinship'])
      .where('u.login', '=', 'binding-parent')
      .execute();
    expect(records).toEqual([
      { id: expect.any(String), surname: 'Петрова', search_text: 'петрова анна викторовна', student_id: child.id, kinship: 'other' },
    ]);

    // An application that names this parent record: another account may not take it over.
    const named = await makeApplication(t.deps.db, w.schoolId, { status: 'issued', studentId: child.id, parentId: records[0]?.id });
    const second = await makeCode(t.deps.db, w.schoolId, child.id, { applicationId: named.id });
    const refused = await redeem(second.code, 'other-parent');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/уже зарегистрирован/);
    const code = await t.deps.db.selectFrom('access_codes').select('used_at').where('id', '=', second.id).executeTakeFirstOrThrow();
    expect(code.used_at).toBeNull();

    // A student record that already has its account: the code does not give it a second one.
    const pupil = await makeStudent(t.deps.db, w.schoolId, w.classIds.b, { withAccount: true });
    await makeApplication(t.deps.db, w.schoolId, { status: 'issued', studentId: pupil.id });
    const studentCode = await makeCode(t.deps.db, w.schoolId, pupil.id, { kind: 'student' });
    const again = await redeem(studentCode.code, 'second-pupil-account');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/уже есть учётная запись/);
  });

  it('lets a class teacher issue codes only for the class they lead', async () => {
    const inA = await makeStudent(t.deps.db, w.schoolId, w.classIds.a);
    await makeApplication(t.deps.db, w.schoolId, { status: 'ordered', studentId: inA.id });
    expect((await classTeacher.post(api(`/students/${inA.id}/codes`), { kind: 'parent' })).statusCode).toBe(403);
    expect((await teacher.post(api(`/students/${inA.id}/codes`), { kind: 'parent' })).statusCode).toBe(403);
    expect((await admin.post(api(`/students/${inA.id}/codes`), { kind: 'parent' })).statusCode).toBe(201);
    const history = (await admin.get(api(`/students/${inA.id}/codes`))).json();
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).not.toHaveProperty('code');
  });
});

describe('withdrawal of consent (R6.2, R6.5)', () => {
  it('stops the family’s access at once, erases passport data and revokes pending codes', async () => {
    const child = await makeStudent(t.deps.db, w.schoolId, w.classIds.b);
    const a = await makeApplication(t.deps.db, w.schoolId, { status: 'ordered', studentId: child.id });
    const code = (await admin.post(api(`/students/${child.id}/codes`), { kind: 'parent' })).json();
    const redeemed = await t.anonymous.post('/api/access-codes/redeem', {
      code: code.code,
      login: 'withdrawing-parent',
      password: 'long-enough-pass-1',
    });
    expect(redeemed.statusCode).toBe(200);
    const parent = await t.signIn('withdrawing-parent', 'long-enough-pass-1');
    const url = `/api/schools/${w.schoolId}/students/${child.id}`;
    expect((await parent.get(url)).statusCode).toBe(200);
    const pending = (await admin.post(api(`/students/${child.id}/codes`), { kind: 'student' })).json();

    const mine = (await parent.get(api('/consents'))).json();
    expect(mine.items.map((c: { id: string }) => c.id)).toEqual([a.consentId]);
    const parentRecord = await t.deps.db
      .selectFrom('parents as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .select('p.id')
      .where('u.login', '=', 'withdrawing-parent')
      .executeTakeFirstOrThrow();
    await t.deps.db
      .updateTable('parents')
      .set({ mobile_phone: '+7 900 111-22-33', email: 'mother@example.org' })
      .where('id', '=', parentRecord.id)
      .execute();
    const res = await parent.post(api(`/consents/${a.consentId}/withdraw`), {});
    expect(res.statusCode).toBe(200);
    // The contacts were placed only by consent; the name stays in the personal file.
    const erased = await t.deps.db
      .selectFrom('parents')
      .select(['surname', 'mobile_phone', 'email'])
      .where('id', '=', parentRecord.id)
      .executeTakeFirstOrThrow();
    expect(erased).toEqual({ surname: 'Петрова', mobile_phone: null, email: null });
    expect(res.json()).toMatchObject({ withdrawnOn: '2026-11-23', valid: false });
    expect((await parent.post(api(`/consents/${a.consentId}/withdraw`), {})).statusCode).toBe(409);
    expect((await parent.get(url)).statusCode).toBe(404);
    const app = (await director.get(api(`/applications/${a.id}`))).json();
    expect(app).toMatchObject({ passportSeries: '', passportNumber: '', passportIssuedBy: '' });
    expect(app.personalDataErasedAt).not.toBeNull();
    const again = await t.anonymous.post('/api/access-codes/redeem', {
      code: pending.code,
      login: 'late-student',
      password: 'long-enough-pass-1',
    });
    expect(again.statusCode).toBe(400);
    expect((await admin.post(api(`/students/${child.id}/codes`), { kind: 'parent' })).statusCode).toBe(422);
  });
});

describe('printed forms', () => {
  it('prints the application, the consent and the register as PDF', async () => {
    const a = await makeApplication(t.deps.db, w.schoolId);
    for (const url of [
      api(`/applications/${a.id}/form.pdf`),
      api(`/consents/${a.consentId}/form.pdf`),
      api('/register.pdf?from=2026-01-01&to=2026-12-31'),
    ]) {
      const res = await secretary.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    expect((await teacher.get(api(`/applications/${a.id}/form.pdf`))).statusCode).toBe(403);
  });
});
