import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/ids.js';
import { makeSchoolWorld, type SchoolWorld, TEST_PASSWORD } from '../../test/factories.js';
import { type Client, createTestApp, type TestApp } from '../../test/harness.js';
import {
  type LocalHttpGateway,
  type LocalSmpp,
  type LocalSmtp,
  startLocalHttpGateway,
  startLocalSmpp,
  startLocalSmtp,
} from './gateways.testkit.js';
import { makeSettings } from './notifications.fixtures.js';
import { createNotifyWorker, devEmail, httpSmsChannel, type NotifyWorker, smsSegments, smtpChannel } from './notifications.service.js';

let t: TestApp;
let w: SchoolWorld;
let smtp: LocalSmtp;
let smppServer: LocalSmpp;
let gateway: LocalHttpGateway;
let worker: NotifyWorker;
let admin: Client;
let teacher: Client;
let parent: Client;
let answerId: string;

const base = () => `/api/schools/${w.schoolId}`;
const NOW = new Date('2026-11-23T09:00:00Z');

async function drain(on: NotifyWorker = worker): Promise<void> {
  for (let i = 0; i < 10; i++) if ((await on.runOnce()) === 0) return;
}

async function row(id: string) {
  return t.deps.db.selectFrom('notify_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  smtp = await startLocalSmtp();
  smppServer = await startLocalSmpp();
  gateway = await startLocalHttpGateway();
  t = await createTestApp(NOW, {
    SMTP_URL: smtp.url,
    SMTP_FROM: 'Отметка <noreply@school.example>',
    SMPP_URL: smppServer.url,
    SMPP_SYSTEM_ID: smppServer.systemId,
    SMPP_PASSWORD: smppServer.password,
    SMPP_SOURCE_ADDR: 'Otmetka',
    NOTIFY_COALESCE_SECONDS: '0',
    NOTIFY_SEND_TIMEOUT_MS: '1500',
    NOTIFY_MAX_ATTEMPTS: '3',
  });
  w = await makeSchoolWorld(t.deps.db);
  worker = createNotifyWorker(t.deps);
  admin = await t.signIn(w.users.admin.login, TEST_PASSWORD);
  teacher = await t.signIn(w.users.teacher.login, TEST_PASSWORD);
  parent = await t.signIn(w.users.parent.login, TEST_PASSWORD);
  await t.deps.db
    .insertInto('bells')
    .values({ id: newId(), school_id: w.schoolId, lesson_number: 1, starts_at: '08:00', ends_at: '08:45' })
    .execute();
  expect(
    (await admin.post(`${base()}/timetable/entries`, { curriculumId: w.curriculumIds.mathA, weekday: 1, lessonNumber: 1 })).statusCode,
  ).toBe(201);
  answerId = ((await teacher.get(`${base()}/work-types`)).json().items as Array<{ id: string; code: string }>).find(
    (x) => x.code === 'answer',
  )?.id as string;
}, 60_000);
afterAll(async () => {
  await worker.stop();
  await t.close();
  await smtp.close();
  await smppServer.close();
  await gateway.close();
});

describe('e-mail over SMTP (nodemailer → smtp-server)', () => {
  it('verifies an address by the link that arrives, then a grade arrives in Russian with a plain-text part and one-click unsubscribe', async () => {
    const set = await parent.put('/api/notifications/contacts/email', { address: 'anna@family.example' });
    expect(set.statusCode, set.body).toBe(200);
    await drain();
    const verify = await smtp.waitFor((m) => m.to === 'anna@family.example');
    expect(verify.subject).toBe('Отметка: подтвердите адрес для уведомлений');
    const link = /https?:\/\/\S+#(\S+)/.exec(verify.text);
    expect(link).not.toBeNull();
    const confirmed = await t.anonymous.post('/api/notifications/contacts/email/confirm', { token: link?.[1] });
    expect(confirmed.statusCode, confirmed.body).toBe(200);

    const choice = { email: true, sms: false, inapp: false, night: false };
    const off = { email: false, sms: false, inapp: false, night: false };
    const saved = await parent.put(`${base()}/notifications/settings/${w.studentIds.inA}`, {
      events: { grade: choice, attendance: off, homework: off, periodGrade: off },
      quietFrom: '21:00',
      quietTo: '08:00',
      language: 'ru',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const g = await teacher.post(`${base()}/journals/${w.curriculumIds.mathA}/grades`, {
      studentId: w.studentIds.inA,
      date: '2026-11-16',
      lessonNumber: 1,
      value: '5',
      workTypeId: answerId,
    });
    expect(g.statusCode, g.body).toBe(201);
    await drain();
    const mail = await smtp.waitFor((m) => m.subject.startsWith('Новая оценка'));
    const child = await t.deps.db
      .selectFrom('students')
      .select(['name', 'surname'])
      .where('id', '=', w.studentIds.inA)
      .executeTakeFirstOrThrow();
    expect(mail.subject).toBe(`Новая оценка: ${child.name} ${child.surname.slice(0, 1)}.`);
    expect(mail.text).toContain('Математика — 5 (Ответ на уроке, 16.11.2026)');
    expect(mail.raw).toMatch(/Content-Type: text\/plain; charset=utf-8/i);
    // RFC 8058: both headers, the URL in angle brackets, the POST body named.
    expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    const unsubscribe = /^List-Unsubscribe:\s*<([^>]+)>/m.exec(mail.raw)?.[1] ?? '';
    expect(unsubscribe).toMatch(/^http:\/\/127\.0\.0\.1:3000\/api\/notifications\/unsubscribe\//);
    // The mail provider's POST (RFC 8058) carries no session and no Origin.
    const path = new URL(unsubscribe).pathname;
    const res = await t.app.inject({
      method: 'POST',
      url: path,
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode, res.body).toBe(204);
    const after = (await parent.get(`${base()}/notifications/settings`)).json().items[0];
    expect(after.events.grade.email).toBe(false);
  });

  it('a refused address fails at once with the server’s reason; an unreachable server is retried, then failed', async () => {
    smtp.refuse.add('nobody@family.example');
    const refused = (await admin.post(`${base()}/notifications/test`, { channel: 'email', address: 'nobody@family.example' })).json().id;
    await drain();
    expect(await row(refused)).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await row(refused)).reason).toMatch(/^SMTP 550/);

    const closed = createNotifyWorker(t.deps, { email: smtpChannel('smtp://127.0.0.1:1', 'x@y.z', 1000), sms: worker.channels.sms });
    try {
      const id = (await admin.post(`${base()}/notifications/test`, { channel: 'email', address: 'later@family.example' })).json().id;
      await closed.runOnce();
      expect(await row(id)).toMatchObject({ status: 'queued', attempts: 1 });
      expect((await row(id)).reason).toMatch(/^SMTP (ECONNECTION|ESOCKET)/);
      // Sent by the working server after the backoff: once.
      t.clock.advanceMs(31_000);
      await drain();
      expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2 });
      expect(smtp.mails.filter((m) => m.to === 'later@family.example')).toHaveLength(1);
    } finally {
      await closed.stop();
      t.clock.set(NOW);
    }
  });
});

describe('SMS over SMPP 3.4 (smpp client → smpp server)', () => {
  it('verifies a phone by the code that arrives, sends UCS-2 parts of 67 with concatenation headers, and a receipt marks it delivered', async () => {
    parent = await t.signIn(w.users.parent.login, TEST_PASSWORD);
    const set = await parent.put('/api/notifications/contacts/sms', { address: '+7 900 555-44-33' });
    expect(set.statusCode, set.body).toBe(200);
    await drain();
    const codeSms = await smppServer.waitFor((m) => m.to === '79005554433');
    const code = /(\d{6})/.exec(codeSms.text)?.[1] as string;
    expect(codeSms.text).toBe(`Отметка: код подтверждения ${code}. Никому его не сообщайте.`);
    expect((await parent.post('/api/notifications/contacts/sms/confirm', { code })).json().verified).toBe(true);

    const hw = 'Упражнения 245–250 на странице 87, выучить правило о безударных гласных и подготовиться к словарному диктанту';
    await makeSettings(t.deps.db, {
      userId: w.users.parent.id,
      studentId: w.studentIds.inA,
      schoolId: w.schoolId,
      channels: { sms: true, email: false, inapp: false },
    });
    const lesson = await teacher.put(`${base()}/journals/${w.curriculumIds.mathA}/lessons/2026-11-16/1`, { homework: hw, version: 0 });
    expect(lesson.statusCode, lesson.body).toBeLessThan(300);
    await drain();
    const sms = await smppServer.waitFor((m) => m.text.startsWith('Домашнее задание'));
    expect(sms.text).toContain(hw);
    expect(sms.parts).toBe(smsSegments(sms.text));
    expect(sms.parts).toBeGreaterThan(1);
    const parts = smppServer.received.filter((r) => sms.ids.includes(r.id));
    expect(parts.every((p) => p.dataCoding === 8 && p.from === 'Otmetka' && p.text.length <= 67)).toBe(true);
    const notice = await t.deps.db
      .selectFrom('notify_outbox')
      .selectAll()
      .where('user_id', '=', w.users.parent.id)
      .where('event', '=', 'homework')
      .where('channel', '=', 'sms')
      .executeTakeFirstOrThrow();
    expect(notice.segments).toBe(sms.parts);
    await until(async () => (await row(notice.id)).status === 'delivered', 'the delivery receipt');
    const usage = (await admin.get(`${base()}/notifications/sms-usage`)).json();
    expect(usage).toMatchObject({ channels: { email: 'smtp', sms: 'smpp' } });
    expect(usage.segments).toBe(1 + sms.parts);
  });

  it('an UNDELIV receipt marks the SMS failed with the receipt’s state', async () => {
    smppServer.mode.receipts = 'UNDELIV';
    const id = (await admin.post(`${base()}/notifications/test`, { channel: 'sms', address: '+79005550000' })).json().id;
    // Claimed together with the SMS: the receipt must not touch it.
    const other = (await admin.post(`${base()}/notifications/test`, { channel: 'email', address: 'bystander@family.example' })).json().id;
    await drain();
    await until(async () => (await row(id)).status === 'failed', 'the receipt');
    expect((await row(id)).reason).toBe('receipt: UNDELIV');
    expect((await row(other)).batch_id).toBe((await row(id)).batch_id);
    expect(await row(other)).toMatchObject({ status: 'sent', reason: null });
    smppServer.mode.receipts = 'DELIVRD';
  });

  it('a throttling answer and a silent server are retried with the reason; after the server recovers it is sent once', async () => {
    smppServer.mode.status = 0x58;
    const id = (await admin.post(`${base()}/notifications/test`, { channel: 'sms', address: '+79005551111' })).json().id;
    await drain();
    expect(await row(id)).toMatchObject({ status: 'queued', attempts: 1, reason: 'SMPP submit_sm status 0x58' });
    smppServer.mode.status = 'silent';
    t.clock.advanceMs(31_000);
    await drain();
    expect(await row(id)).toMatchObject({ status: 'queued', attempts: 2, reason: 'SMPP submit_sm: no answer in 1500 ms' });
    smppServer.mode.status = 0;
    t.clock.advanceMs(61_000);
    await drain();
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 3 });
    expect(smppServer.messages().filter((m) => m.to === '79005551111')).toHaveLength(1);
    t.clock.set(NOW);
  });

  it('an invalid destination (0x0B) fails at once; wrong credentials are a failed bind, retried', async () => {
    smppServer.mode.status = 0x0b;
    const id = (await admin.post(`${base()}/notifications/test`, { channel: 'sms', address: '+79005552222' })).json().id;
    await drain();
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 1, reason: 'SMPP submit_sm status 0xb' });
    smppServer.mode.status = 0;
    const { smppChannel } = await import('./notifications.service.js');
    const wrong = createNotifyWorker(t.deps, {
      email: devEmail,
      sms: smppChannel({ url: smppServer.url, systemId: 'otmetka', password: 'wrong', sourceAddr: 'X' }, 1500, async () => {}),
    });
    try {
      const other = (await admin.post(`${base()}/notifications/test`, { channel: 'sms', address: '+79005553333' })).json().id;
      await wrong.runOnce();
      expect(await row(other)).toMatchObject({ status: 'queued', reason: 'SMPP bind refused: status 0xe' });
    } finally {
      await wrong.stop();
    }
  });
});

describe('SMS over a generic HTTP gateway', () => {
  it('posts JSON with the bearer token and one idempotency key per notice; a slow gateway is a retry, not a loss nor a double', async () => {
    const http = createNotifyWorker(t.deps, { email: devEmail, sms: httpSmsChannel({ url: gateway.url, token: gateway.token }, 300) });
    try {
      await drain();
      gateway.mode.delayMs = 1000;
      const id = (await admin.post(`${base()}/notifications/test`, { channel: 'sms', address: '+79005554444' })).json().id;
      await http.runOnce();
      expect(await row(id)).toMatchObject({ status: 'queued', attempts: 1, reason: 'HTTP gateway: no answer in 300 ms' });
      gateway.mode.delayMs = 0;
      t.clock.advanceMs(31_000);
      await http.runOnce();
      expect(await row(id)).toMatchObject({ status: 'sent', provider: 'http' });
      // The slow first answer also reached the gateway: the same key both times lets it drop the copy.
      await until(async () => gateway.received.filter((r) => r.to === '+79005554444').length === 2, 'both posts');
      const keys = new Set(gateway.received.filter((r) => r.to === '+79005554444').map((r) => r.key));
      expect(keys.size).toBe(1);
      expect((await row(id)).provider_id).toMatch(/^h\d+$/);
    } finally {
      await http.stop();
      t.clock.set(NOW);
    }
  });
});
