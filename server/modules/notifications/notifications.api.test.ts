import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/ids.js';
import { makeParent, makeSchoolWorld, makeStudent, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';
import { makeSettings, makeVerifiedContact } from './notifications.fixtures.js';
import { createNotifyWorker, devEmail, devSms, httpSmsChannel, type NotifyWorker } from './notifications.service.js';

let t: TestApp;
let w: SchoolWorld;
let admin: Client;
let teacher: Client;
let parent: Client;
let worker: NotifyWorker;
let answerId: string;

const base = () => `/api/schools/${w.schoolId}`;
const MONDAY_11_LOCAL = new Date('2026-11-23T09:00:00Z'); // Europe/Kaliningrad, UTC+2

async function outbox(where: { userId?: string; event?: string; channel?: string } = {}) {
  let q = t.deps.db.selectFrom('notify_outbox').selectAll().where('school_id', '=', w.schoolId);
  if (where.userId) q = q.where('user_id', '=', where.userId);
  if (where.event) q = q.where('event', '=', where.event);
  if (where.channel) q = q.where('channel', '=', where.channel);
  return q.orderBy('created_at').orderBy('id').execute();
}

async function grade(studentId: string, value: string, date = '2026-11-16') {
  const res = await teacher.post(`${base()}/journals/${w.curriculumIds.mathA}/grades`, {
    studentId,
    date,
    lessonNumber: 1,
    value,
    workTypeId: answerId,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}

/** Moves the clock and signs everyone in again (sessions end after an idle hour). */
async function clockAt(at: Date): Promise<void> {
  t.clock.set(at);
  admin = await t.signIn(w.users.admin.login, TEST_PASSWORD);
  teacher = await t.signIn(w.users.teacher.login, TEST_PASSWORD);
  parent = await t.signIn(w.users.parent.login, TEST_PASSWORD);
}

async function drain(): Promise<number> {
  let total = 0;
  for (let i = 0; i < 10; i++) {
    const n = await worker.runOnce();
    total += n;
    if (n === 0) break;
  }
  return total;
}

beforeAll(async () => {
  t = await createTestApp(MONDAY_11_LOCAL, { NOTIFY_COALESCE_SECONDS: '120', NOTIFY_MAX_ATTEMPTS: '3' });
  w = await makeSchoolWorld(t.deps.db);
  worker = createNotifyWorker(t.deps, { email: devEmail, sms: devSms });
  admin = await t.signIn(w.users.admin.login, TEST_PASSWORD);
  teacher = await t.signIn(w.users.teacher.login, TEST_PASSWORD);
  parent = await t.signIn(w.users.parent.login, TEST_PASSWORD);
  for (const n of [1, 2, 3]) {
    await t.deps.db
      .insertInto('bells')
      .values({ id: newId(), school_id: w.schoolId, lesson_number: n, starts_at: `0${7 + n}:00`, ends_at: `0${7 + n}:45` })
      .execute();
  }
  const entry = await admin.post(`${base()}/timetable/entries`, { curriculumId: w.curriculumIds.mathA, weekday: 1, lessonNumber: 1 });
  expect(entry.statusCode, entry.body).toBe(201);
  const types = (await teacher.get(`${base()}/work-types`)).json().items as Array<{ id: string; code: string }>;
  answerId = types.find((x) => x.code === 'answer')?.id as string;
}, 60_000);
afterAll(async () => {
  await worker.stop();
  await t.close();
});

describe('settings: the family’s own, nothing on by default (R8.1)', () => {
  it('lists the parent’s child with every event off and quiet hours 21:00–08:00', async () => {
    const res = await parent.get(`${base()}/notifications/settings`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items;
    expect(items).toHaveLength(1);
    expect(items[0].studentId).toBe(w.studentIds.inA);
    expect(items[0].quietFrom).toBe('21:00');
    expect(items[0].quietTo).toBe('08:00');
    for (const e of ['grade', 'attendance', 'homework', 'periodGrade']) {
      expect(items[0].events[e]).toEqual({ email: false, sms: false, inapp: false, night: false });
    }
  });

  it('a grade with nothing turned on queues nothing', async () => {
    await grade(w.studentIds.inA, '4');
    expect(await outbox()).toEqual([]);
  });

  it('staff are refused (403), another family’s child is not found (404), a bad time is a 400', async () => {
    const body = {
      events: {
        grade: { email: true, sms: false, inapp: true, night: false },
        attendance: { email: false, sms: false, inapp: false, night: false },
        homework: { email: false, sms: false, inapp: false, night: false },
        periodGrade: { email: false, sms: false, inapp: false, night: false },
      },
      quietFrom: '21:00',
      quietTo: '08:00',
      language: 'ru',
    };
    expect((await teacher.put(`${base()}/notifications/settings/${w.studentIds.inA}`, body)).statusCode).toBe(403);
    expect((await parent.put(`${base()}/notifications/settings/${w.studentIds.inB}`, body)).statusCode).toBe(404);
    expect((await parent.put(`${base()}/notifications/settings/${w.studentIds.inA}`, { ...body, quietFrom: '25:00' })).statusCode).toBe(
      400,
    );
    const saved = await parent.put(`${base()}/notifications/settings/${w.studentIds.inA}`, body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().events.grade).toEqual({ email: true, sms: false, inapp: true, night: false });
  });
});

describe('verified contacts (issue 13 item 2)', () => {
  it('an SMS code: wrong codes count down, the right one verifies; the code went out through the outbox', async () => {
    const set = await parent.put('/api/notifications/contacts/sms', { address: '8 (900) 123-45-67' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ channel: 'sms', address: '+79001234567', verified: false });
    const [verify] = await outbox({ userId: w.users.parent.id, event: 'verify', channel: 'sms' });
    const code = JSON.parse(verify?.payload ?? '{}').code as string;
    expect(code).toMatch(/^\d{6}$/);
    await drain();
    const sent = (await outbox({ userId: w.users.parent.id, event: 'verify', channel: 'sms' }))[0];
    expect(sent?.status).toBe('sent');
    expect(sent?.body).toContain(code);
    const wrong = code === '000000' ? '111111' : '000000';
    const first = await parent.post('/api/notifications/contacts/sms/confirm', { code: wrong });
    expect(first.statusCode).toBe(422);
    expect(first.json().error.message).toBe('Код неверный. Осталось попыток: 4.');
    const ok = await parent.post('/api/notifications/contacts/sms/confirm', { code });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().verified).toBe(true);
  });

  it('five wrong codes end the code; an expired code is refused; a bad number is a 422 in the user’s language', async () => {
    const student = await t.signIn(w.users.student.login, TEST_PASSWORD);
    expect((await student.put('/api/notifications/contacts/sms', { address: '+7 901 000 00 01' })).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await student.post('/api/notifications/contacts/sms/confirm', { code: 'x' })).statusCode).toBe(422);
    expect((await student.post('/api/notifications/contacts/sms/confirm', { code: 'x' })).statusCode).toBe(410);
    const [row] = await t.deps.db
      .selectFrom('notify_outbox')
      .select('payload')
      .where('user_id', '=', w.users.student.id)
      .where('event', '=', 'verify')
      .execute();
    const code = JSON.parse(row?.payload ?? '{}').code as string;
    expect((await student.post('/api/notifications/contacts/sms/confirm', { code })).statusCode).toBe(410);
    // A new code; it expires after 10 minutes.
    expect((await student.put('/api/notifications/contacts/sms', { address: '+7 901 000 00 01' })).statusCode).toBe(200);
    t.clock.advanceMs(11 * 60_000);
    const rows = await t.deps.db
      .selectFrom('notify_outbox')
      .select('payload')
      .where('user_id', '=', w.users.student.id)
      .where('event', '=', 'verify')
      .orderBy('id', 'desc')
      .execute();
    const second = JSON.parse(rows[0]?.payload ?? '{}').code as string;
    const late = await student.post('/api/notifications/contacts/sms/confirm', { code: second });
    expect(late.statusCode).toBe(410);
    t.clock.set(MONDAY_11_LOCAL);
    const bad = await student.put('/api/notifications/contacts/sms', { address: '12345' }, { 'accept-language': 'en' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.message).toBe('Enter a mobile number like +7 900 123-45-67.');
    expect((await student.put('/api/notifications/contacts/email', { address: 'no-at-sign' })).statusCode).toBe(422);
  });

  it('an e-mail link verifies by its token alone; a wrong token is refused', async () => {
    const set = await parent.put('/api/notifications/contacts/email', { address: 'Anna.Petrova@Example.RU' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().address).toBe('Anna.Petrova@example.ru');
    const [verify] = await outbox({ userId: w.users.parent.id, event: 'verify', channel: 'email' });
    const link = JSON.parse(verify?.payload ?? '{}').link as string;
    const token = link.split('#')[1] as string;
    expect((await t.anonymous.post('/api/notifications/contacts/email/confirm', { token: 'nope' })).statusCode).toBe(410);
    const ok = await t.anonymous.post('/api/notifications/contacts/email/confirm', { token });
    expect(ok.statusCode, ok.body).toBe(200);
    const contacts = (await parent.get('/api/notifications/contacts')).json().items;
    expect(contacts.find((c: { channel: string }) => c.channel === 'email').verified).toBe(true);
  });

  it('a contact the consent does not allow is refused (Приложение 2), and staff keep no contacts', async () => {
    const child = await makeStudent(t.deps.db, w.schoolId, w.classIds.a);
    const p = await makeParent(t.deps.db, w.schoolId, [child.id]);
    await t.deps.db
      .updateTable('service_consents')
      .set({ parent_fields: JSON.stringify(['surname', 'name', 'patronymic']) })
      .where('parent_id', '=', p.id)
      .execute();
    const client = await t.signIn(p.user.login, TEST_PASSWORD);
    const res = await client.put('/api/notifications/contacts/email', { address: 'x@example.ru' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('no_consent');
    expect(await t.deps.db.selectFrom('notify_contacts').select('id').where('user_id', '=', p.user.id).execute()).toEqual([]);
    expect((await teacher.put('/api/notifications/contacts/email', { address: 'x@example.ru' })).statusCode).toBe(403);
  });
});

describe('the outbox: written with the change, sent by the worker', () => {
  it('a grade queues e-mail and in-app notices in its own transaction; the worker sends them; the feed counts unread', async () => {
    await drain();
    const g = await grade(w.studentIds.inA, '5', '2026-11-23');
    const rows = await outbox({ userId: w.users.parent.id, event: 'grade' });
    expect(rows.map((r) => r.channel).sort()).toEqual(['email', 'inapp']);
    expect(rows.every((r) => r.status === 'queued' && r.entity_id === g.id)).toBe(true);
    // In-app at once; e-mail waits for the coalescing window.
    await drain();
    expect((await outbox({ userId: w.users.parent.id, event: 'grade', channel: 'email' }))[0]?.status).toBe('queued');
    const feed = (await parent.get('/api/notifications/feed')).json();
    expect(feed.unread).toBe(1);
    expect(feed.items[0].text).toContain('Математика — 5');
    t.clock.advanceMs(121_000);
    await drain();
    const email = (await outbox({ userId: w.users.parent.id, event: 'grade', channel: 'email' }))[0];
    expect(email?.status).toBe('sent');
    expect(email?.subject).toMatch(/^Новая оценка: /);
    expect((await parent.post('/api/notifications/feed/read')).statusCode).toBe(204);
    expect((await parent.get('/api/notifications/feed')).json().unread).toBe(0);
    const history = (await parent.get('/api/notifications/history')).json().items;
    expect(history.some((h: { event: string; status: string }) => h.event === 'grade' && h.status === 'sent')).toBe(true);
    t.clock.set(MONDAY_11_LOCAL);
  });

  it('several grades within minutes go out as one message; the same grade saved again queues nothing more', async () => {
    const before = (await outbox({ channel: 'email', event: 'grade' })).length;
    const a = await grade(w.studentIds.inA, '3', '2026-11-09');
    await grade(w.studentIds.inA, '4', '2026-11-02');
    expect((await outbox({ channel: 'email', event: 'grade' })).length).toBe(before + 2);
    // A comment changed: the same value, the same dedupe key.
    const patched = await teacher.patch(`${base()}/grades/${a.id}`, { comment: 'Устно', version: a.version });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await outbox({ channel: 'email', event: 'grade' })).length).toBe(before + 2);
    t.clock.advanceMs(121_000);
    await drain();
    const sent = (await outbox({ channel: 'email', event: 'grade' })).slice(before);
    expect(sent.map((s) => s.status)).toEqual(['sent', 'sent']);
    expect(sent[0]?.provider_id).toBe(sent[1]?.provider_id);
    expect(sent[0]?.subject).toMatch(/^Новые оценки \(2\): /);
    expect(sent[0]?.body).toContain('Математика — 3');
    expect(sent[0]?.body).toContain('Математика — 4');
    t.clock.set(MONDAY_11_LOCAL);
  });

  it('a grade deleted before its notice went out cancels it', async () => {
    const g = await grade(w.studentIds.inA, '2', '2026-10-19');
    const del = await teacher.delete(`${base()}/grades/${g.id}?version=1`);
    expect(del.statusCode, del.body).toBe(204);
    const rows = (await outbox({ event: 'grade' })).filter((r) => r.entity_id === g.id);
    expect(rows.map((r) => [r.status, r.reason])).toEqual([
      ['cancelled', 'deleted'],
      ['cancelled', 'deleted'],
    ]);
  });

  it('quiet hours hold e-mail and SMS until 08:00 school time; “even at night” sends', async () => {
    await drain();
    await clockAt(new Date('2026-11-23T20:00:00Z')); // 22:00 in Kaliningrad
    const g = await grade(w.studentIds.inA, '5', '2026-10-12');
    t.clock.advanceMs(121_000);
    await drain();
    const email = (await outbox({ channel: 'email' })).find((r) => r.entity_id === g.id);
    expect(email?.status).toBe('queued');
    expect(email?.not_before).toBe('2026-11-24T06:00:00.000Z');
    expect((await outbox({ channel: 'inapp' })).find((r) => r.entity_id === g.id)?.status).toBe('sent');
    await makeSettings(t.deps.db, { userId: w.users.parent.id, studentId: w.studentIds.inA, schoolId: w.schoolId, night: true });
    const h = await grade(w.studentIds.inA, '4', '2026-10-12');
    t.clock.advanceMs(121_000);
    await drain();
    expect((await outbox({ channel: 'email' })).find((r) => r.entity_id === h.id)?.status).toBe('sent');
    await clockAt(new Date('2026-11-24T06:05:00Z'));
    await drain();
    expect((await outbox({ channel: 'email' })).find((r) => r.entity_id === g.id)?.status).toBe('sent');
    await clockAt(MONDAY_11_LOCAL);
  });
});

describe('the consent gate (R6.5)', () => {
  it('a withdrawal cancels what is queued for the child, and nothing more is sent', async () => {
    const child = await makeStudent(t.deps.db, w.schoolId, w.classIds.a);
    const p = await makeParent(t.deps.db, w.schoolId, [child.id]);
    await makeVerifiedContact(t.deps.db, p.user.id, 'email', 'family@example.ru');
    await makeSettings(t.deps.db, { userId: p.user.id, studentId: child.id, schoolId: w.schoolId });
    const g = await grade(child.id, '5', '2026-11-23');
    const queued = (await outbox({ userId: p.user.id })).filter((r) => r.entity_id === g.id);
    expect(queued.map((r) => r.status)).toEqual(['queued', 'queued']);
    const client = await t.signIn(p.user.login, TEST_PASSWORD);
    const consents = (await client.get(`${base()}/service/consents`)).json().items as Array<{ id: string }>;
    const res = await client.post(`${base()}/service/consents/${consents[0]?.id}/withdraw`, {});
    expect(res.statusCode, res.body).toBe(200);
    const after = (await outbox({ userId: p.user.id })).filter((r) => r.entity_id === g.id);
    expect(after.map((r) => [r.status, r.reason])).toEqual([
      ['cancelled', 'consent'],
      ['cancelled', 'consent'],
    ]);
    await drain();
    expect((await outbox({ userId: p.user.id })).every((r) => r.status === 'cancelled')).toBe(true);
  });
});

describe('retries, then failed with the reason; nothing sent twice', () => {
  it('a gateway answering 503 is tried with backoff and then marked failed; a 400 fails at once', async () => {
    let calls = 0;
    const keys: string[] = [];
    const server = http.createServer((req, res) => {
      calls += 1;
      keys.push(String(req.headers['idempotency-key']));
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        const to = (JSON.parse(body) as { to: string }).to;
        res.writeHead(to.endsWith('99') ? 400 : 503, { 'content-type': 'application/json' }).end('{"error":"busy"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
    const failing = createNotifyWorker(t.deps, { email: devEmail, sms: httpSmsChannel({ url, token: 't' }, 2000) });
    try {
      await drain();
      const test = await admin.post(`${base()}/notifications/test`, { channel: 'sms', address: '+79001112233' });
      expect(test.statusCode, test.body).toBe(202);
      const id = test.json().id as string;
      const status = async () => t.deps.db.selectFrom('notify_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      await failing.runOnce();
      expect(await status()).toMatchObject({ status: 'queued', attempts: 1, reason: 'HTTP gateway 503: {"error":"busy"}' });
      expect(await failing.runOnce()).toBe(0); // not due before its backoff
      t.clock.advanceMs(31_000);
      await failing.runOnce();
      expect(await status()).toMatchObject({ status: 'queued', attempts: 2 });
      t.clock.advanceMs(61_000);
      await failing.runOnce();
      expect(await status()).toMatchObject({ status: 'failed', attempts: 3, reason: 'HTTP gateway 503: {"error":"busy"}' });
      expect(calls).toBe(3);
      expect(new Set(keys).size).toBe(1);
      const bad = (await admin.post(`${base()}/notifications/test`, { channel: 'sms', address: '+79001112299' })).json().id as string;
      await failing.runOnce();
      const row = await t.deps.db.selectFrom('notify_outbox').selectAll().where('id', '=', bad).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'failed', attempts: 1 });
      const log = (await admin.get(`${base()}/notifications/log?status=failed&channel=sms`)).json().items;
      expect(log.map((l: { id: string }) => l.id)).toEqual(expect.arrayContaining([id, bad]));
      expect(log.find((l: { id: string }) => l.id === id).recipient).toBe('+7******33');
    } finally {
      await failing.stop();
      server.close();
      t.clock.set(MONDAY_11_LOCAL);
    }
  });

  it('a worker killed after claiming leaves the notice to be claimed again once its lease ends', async () => {
    const test = await admin.post(`${base()}/notifications/test`, { channel: 'email', address: 'lease@example.ru' });
    const id = test.json().id as string;
    // Claimed by a worker that then died: status sending, lease in the future.
    await t.deps.db
      .updateTable('notify_outbox')
      .set({ status: 'sending', attempts: 1, locked_until: new Date(MONDAY_11_LOCAL.getTime() + 300_000).toISOString(), batch_id: 'dead' })
      .where('id', '=', id)
      .execute();
    await drain();
    expect((await t.deps.db.selectFrom('notify_outbox').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe(
      'sending',
    );
    t.clock.advanceMs(301_000);
    await drain();
    const row = await t.deps.db.selectFrom('notify_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    t.clock.set(MONDAY_11_LOCAL);
  });
});

describe('the SMS budget', () => {
  it('over the month’s budget SMS stop with the reason; e-mail goes on; the admin sees the count', async () => {
    await makeVerifiedContact(t.deps.db, w.users.parent.id, 'sms', '+79001234567');
    await makeSettings(t.deps.db, {
      userId: w.users.parent.id,
      studentId: w.studentIds.inA,
      schoolId: w.schoolId,
      channels: { email: true, sms: true, inapp: false },
    });
    await drain();
    const used = (await admin.get(`${base()}/notifications/sms-usage`)).json().segments as number;
    const set = await admin.put(`${base()}/notifications/sms-budget`, { budget: used });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ budget: used, overBudget: true, channels: { email: 'dev', sms: 'dev' } });
    const g = await grade(w.studentIds.inA, '5', '2026-09-14');
    t.clock.advanceMs(121_000);
    await drain();
    const rows = (await outbox({ userId: w.users.parent.id })).filter((r) => r.entity_id === g.id);
    expect(rows.map((r) => [r.channel, r.status, r.reason]).sort()).toEqual([
      ['email', 'sent', null],
      ['sms', 'failed', 'sms_budget'],
    ]);
    await admin.put(`${base()}/notifications/sms-budget`, { budget: null });
    t.clock.set(MONDAY_11_LOCAL);
  });
});

describe('two workers share the outbox (FOR UPDATE SKIP LOCKED on PostgreSQL)', () => {
  it('each notice goes out exactly once while two workers drain at the same time', async () => {
    await drain();
    const sent: string[] = [];
    const counting = {
      name: 'dev' as const,
      async send(m: { to: string }) {
        sent.push(m.to);
        await new Promise((r) => setTimeout(r, 1));
        return `c-${m.to}`;
      },
      close: async () => {},
    };
    const a = createNotifyWorker(t.deps, { email: counting, sms: devSms });
    const b = createNotifyWorker(t.deps, { email: counting, sms: devSms });
    const expected: string[] = [];
    for (let i = 0; i < 120; i++) {
      const address = `w${i}@example.ru`;
      expected.push(address);
      const res = await admin.post(`${base()}/notifications/test`, { channel: 'email', address });
      expect(res.statusCode).toBe(202);
    }
    for (let round = 0; round < 20; round++) {
      const [x, y] = await Promise.all([a.runOnce(), b.runOnce()]);
      if (x + y === 0) break;
    }
    expect([...sent].sort()).toEqual([...expected].sort());
    const statuses = await t.deps.db
      .selectFrom('notify_outbox')
      .select('status')
      .where('event', '=', 'test')
      .where('channel', '=', 'email')
      .execute();
    expect(statuses.every((s) => s.status === 'sent' || s.status === 'failed')).toBe(true);
    await a.stop();
    await b.stop();
  });
});
