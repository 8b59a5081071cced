import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeSchoolWorld, type SchoolWorld } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';
import { createSession } from '../auth/auth.service.js';
import { makeComplaint } from './oversight.fixtures.js';

let t: TestApp;
let w: SchoolWorld;
let other: SchoolWorld;
let director: Client;
let secretary: Client;
let deputy: Client;
let teacher: Client;

const api = (path: string) => `/api/schools/${w.schoolId}/oversight${path}`;
const complaint = (over: Record<string, unknown> = {}) => ({
  form: 'written',
  addressee: 'Директору МАОУ СОШ',
  complainantName: 'Орлов Олег Олегович',
  complainantAddress: '236000, г. Калининград, ул. Мира, д. 1, кв. 2',
  substance: 'Оценки за контрольную не выставлены в электронный дневник в течение двух недель.',
  ...over,
});

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

async function at(iso: string) {
  t.clock.set(new Date(iso));
  director = await sessionOf(w.users.director.id);
  secretary = await sessionOf(w.users.secretary.id);
  deputy = await sessionOf(w.users.deputy.id);
  teacher = await sessionOf(w.users.teacher.id);
}

beforeAll(async () => {
  t = await createTestApp();
  w = await makeSchoolWorld(t.deps.db);
  other = await makeSchoolWorld(t.deps.db);
});
beforeEach(async () => at('2026-11-23T09:00:00Z'));
afterAll(async () => t.close());

async function complaintCount() {
  const r = await t.deps.db
    .selectFrom('complaints')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('school_id', '=', w.schoolId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('the complaint book (seed 002 §5)', () => {
  it('refuses an extension dated after the due date (issue 14, decision 015)', async () => {
    await at('2026-12-24T09:00:00Z');
    const c = (await secretary.post(api('/complaints'), complaint({ registeredOn: '2026-11-01' }))).json();
    expect(c.dueOn).toBe('2026-12-01');
    const late = await director.post(api(`/complaints/${c.id}/extend`), { reason: 'Нужна проверка', noticeOn: '2026-12-02' });
    expect(late.statusCode).toBe(422);
    expect(late.json().error.message).toContain('не позднее 2026-12-01 включительно');
    const onTime = await director.post(api(`/complaints/${c.id}/extend`), { reason: 'Нужна проверка', noticeOn: '2026-12-01' });
    expect(onTime.statusCode, onTime.body).toBe(200);
    await at('2026-11-23T09:00:00Z');
  });

  it('registers, extends once with a written notice, answers, and lists what is overdue', async () => {
    const res = await secretary.post(api('/complaints'), complaint());
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      number: expect.stringMatching(/^Ж-2026\/\d{4}$/),
      registeredOn: '2026-11-23',
      dueOn: '2026-12-23',
      status: 'open',
      overdue: false,
    });

    await at('2026-12-24T09:00:00Z');
    const overdue = (await director.get(api('/complaints?status=overdue'))).json();
    expect(overdue.items.map((i: { id: string }) => i.id)).toContain(c.id);

    const ext = await director.post(api(`/complaints/${c.id}/extend`), { reason: 'Нужна внеплановая проверка', noticeOn: '2026-12-20' });
    expect(ext.statusCode).toBe(200);
    expect(ext.json()).toMatchObject({ extendedDueOn: '2027-01-22', extensionNoticeOn: '2026-12-20', overdue: false });
    const again = await director.post(api(`/complaints/${c.id}/extend`), { reason: 'Ещё', noticeOn: '2026-12-21' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/только один раз/);
    expect((await director.get(api('/complaints?status=overdue'))).json().items.map((i: { id: string }) => i.id)).not.toContain(c.id);

    const answered = await deputy.post(api(`/complaints/${c.id}/answer`), {
      text: 'Оценки выставлены, учителю сделано замечание.',
      answeredOn: '2026-12-24',
      method: 'заказным письмом',
    });
    expect(answered.statusCode).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', answeredOn: '2026-12-24' });
    expect((await deputy.post(api(`/complaints/${c.id}/answer`), { text: 'x', answeredOn: '2026-12-24', method: 'x' })).statusCode).toBe(
      409,
    );

    // A repeated complaint already answered on the merits may be declined, and that is recorded.
    const repeat = (await secretary.post(api('/complaints'), complaint({ form: 'oral' }))).json();
    expect(
      (await director.post(api(`/complaints/${repeat.id}/decline`), { repeatOfId: repeat.id, declinedOn: '2026-12-24' })).statusCode,
    ).toBe(422);
    const open = await makeComplaint(t.deps.db, w.schoolId);
    expect((await director.post(api(`/complaints/${repeat.id}/decline`), { repeatOfId: open, declinedOn: '2026-12-24' })).statusCode).toBe(
      422,
    );
    const declined = await director.post(api(`/complaints/${repeat.id}/decline`), { repeatOfId: c.id, declinedOn: '2026-12-24' });
    expect(declined.statusCode).toBe(200);
    expect(declined.json()).toMatchObject({ status: 'declined', repeatOfId: c.id });

    const book = await director.get(api('/complaints/book.pdf'));
    expect(book.statusCode).toBe(200);
    expect(book.headers['content-type']).toBe('application/pdf');
  });

  it('refuses bad complaints and writes nothing', async () => {
    const before = await complaintCount();
    const { complainantAddress: _a, ...noAddress } = complaint();
    expect((await secretary.post(api('/complaints'), noAddress)).statusCode).toBe(400);
    expect((await secretary.post(api('/complaints'), complaint({ form: 'telegram' }))).statusCode).toBe(400);
    expect((await secretary.post(api('/complaints'), complaint({ substance: '' }))).statusCode).toBe(400);
    expect((await secretary.post(api('/complaints'), complaint({ registeredOn: '2026-11-24' }))).statusCode).toBe(422);
    expect((await teacher.post(api('/complaints'), complaint())).statusCode).toBe(403);
    expect((await sessionOf(other.users.director.id).then((c) => c.post(api('/complaints'), complaint()))).statusCode).toBe(404);
    expect(await complaintCount()).toBe(before);
    const c = await makeComplaint(t.deps.db, w.schoolId, { registeredOn: '2026-11-10' });
    expect(
      (await director.post(api(`/complaints/${c}/answer`), { text: 'x', answeredOn: '2026-11-09', method: 'почтой' })).statusCode,
    ).toBe(422);
    expect(
      (await director.post(api(`/complaints/${c}/answer`), { text: 'x', answeredOn: '2026-11-24', method: 'почтой' })).statusCode,
    ).toBe(422);
  });
});

describe('inspections and the register of quality checks (seed 002 §4.1)', () => {
  it('allows one planned inspection a year', async () => {
    const first = await director.post(api('/inspections'), {
      kind: 'planned',
      subject: 'Ведение журналов',
      orderRef: 'Приказ № 5',
      startsOn: '2026-03-02',
    });
    expect(first.statusCode).toBe(201);
    const second = await deputy.post(api('/inspections'), { kind: 'planned', subject: 'Ещё одна', orderRef: '', startsOn: '2026-10-01' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toMatch(/2026/);
    expect(
      (await director.post(api('/inspections'), { kind: 'planned', subject: 'Следующий год', orderRef: '', startsOn: '2027-03-01' }))
        .statusCode,
    ).toBe(201);
    const complaintId = await makeComplaint(t.deps.db, w.schoolId);
    expect(
      (await director.post(api('/inspections'), { kind: 'planned', complaintId, subject: 'x', orderRef: '', startsOn: '2028-03-01' }))
        .statusCode,
    ).toBe(422);
  });

  it('makes an unplanned inspection on a complaint, records the справка and sends it to the complainant', async () => {
    expect(
      (await director.post(api('/inspections'), { kind: 'unplanned', subject: 'x', orderRef: '', startsOn: '2026-11-20' })).statusCode,
    ).toBe(422);
    const foreign = await makeComplaint(t.deps.db, other.schoolId);
    expect(
      (
        await director.post(api('/inspections'), {
          kind: 'unplanned',
          complaintId: foreign,
          subject: 'x',
          orderRef: '',
          startsOn: '2026-11-20',
        })
      ).statusCode,
    ).toBe(422);
    const complaintId = await makeComplaint(t.deps.db, w.schoolId);
    const created = await director.post(api('/inspections'), {
      kind: 'unplanned',
      complaintId,
      subject: 'Своевременность оценок',
      orderRef: 'Приказ № 9',
      startsOn: '2026-11-20',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect((await director.post(api(`/inspections/${id}/result-sent`), { sentOn: '2026-11-23', method: 'почтой' })).statusCode).toBe(422);
    const result = await director.post(api(`/inspections/${id}/result`), {
      resultText: 'Справка: нарушения устранены.',
      resultOn: '2026-11-22',
    });
    expect(result.statusCode).toBe(200);
    expect((await director.post(api(`/inspections/${id}/result`), { resultText: 'Ещё', resultOn: '2026-11-22' })).statusCode).toBe(409);
    const sent = await director.post(api(`/inspections/${id}/result-sent`), { sentOn: '2026-11-23', method: 'заказным письмом' });
    expect(sent.json()).toMatchObject({ resultSentOn: '2026-11-23', complaintId });
    const register = (await deputy.get(api('/inspections'))).json();
    expect(register.items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await secretary.get(api('/inspections'))).statusCode).toBe(403);
  });
});
