// Notifications in Chromium (issue 13): the demo parent turns on e-mail and SMS for one child and
// verifies both (the link read from the local SMTP server, the code from the local SMPP server);
// the demo teacher types a grade into the journal; the e-mail and the SMS arrive in Russian naming
// the child, the subject and the grade. Then a notice held by quiet hours is cancelled by the
// withdrawal of the child's consent. Screenshots at 375 px in Russian and English.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSmpp, type LocalSmtp, startLocalSmpp, startLocalSmtp } from '../server/modules/notifications/gateways.testkit.js';
import { launchBrowser, type RunningServer, screenshot, signIn, startServer } from './harness.js';
import { apiSignIn, ensureDemoTimetable } from './journal-fixture.js';

let server: RunningServer;
let browser: Browser;
let smtp: LocalSmtp;
let smpp: LocalSmpp;

beforeAll(async () => {
  smtp = await startLocalSmtp();
  smpp = await startLocalSmpp();
  server = await startServer({
    SMTP_URL: smtp.url,
    SMTP_FROM: 'Отметка <noreply@school.example>',
    SMPP_URL: smpp.url,
    SMPP_SYSTEM_ID: smpp.systemId,
    SMPP_PASSWORD: smpp.password,
    SMPP_SOURCE_ADDR: 'Otmetka',
    NOTIFY_COALESCE_SECONDS: '0',
    NOTIFY_POLL_MS: '200',
  });
  browser = await launchBrowser();
  await ensureDemoTimetable(server.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
  await smpp?.close();
});

async function api<T>(session: { cookie: string }, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { cookie: session.cookie, origin: server.url, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

async function phonePage(locale: 'ru-RU' | 'en-GB'): Promise<Page> {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 375, height: 740 },
    deviceScaleFactor: 1,
    locale,
    timezoneId: 'Europe/Kaliningrad',
  });
  return context.newPage();
}

interface Child {
  id: string;
  surname: string;
  name: string;
  classId: string;
}

/** The first empty cell of the child in a lesson up to today: (row, column) of the grid, and the lesson. */
async function emptyCell(teacher: { cookie: string; schoolId: string }, curriculumId: string, childId: string, today: string) {
  const page = await api<{
    students: Array<{ id: string }>;
    lessons: Array<{ date: string; lessonNumber: number }>;
    grades: Array<{ studentId: string; date: string; lessonNumber: number }>;
    attendance: Array<{ studentId: string; date: string; lessonNumber: number }>;
  }>(teacher, 'GET', `/api/schools/${teacher.schoolId}/journals/${curriculumId}`);
  const row = page.students.findIndex((s) => s.id === childId);
  const taken = new Set(
    [...page.grades, ...page.attendance].filter((g) => g.studentId === childId).map((g) => `${g.date}:${g.lessonNumber}`),
  );
  let col = -1;
  for (let i = page.lessons.length - 1; i >= 0; i--) {
    const l = page.lessons[i] as { date: string; lessonNumber: number };
    if (l.date <= today && !taken.has(`${l.date}:${l.lessonNumber}`)) {
      col = i;
      break;
    }
  }
  if (row < 0 || col < 0) throw new Error(`no empty cell for the child in ${curriculumId}`);
  return { row, col };
}

/** The teacher types a grade into the journal grid, as in journal.e2e.test.ts. */
async function teacherTypesGrade(curriculumId: string, childId: string, today: string, value: string): Promise<void> {
  const teacher = await apiSignIn(server.url, 'teacher');
  const { row, col } = await emptyCell(teacher, curriculumId, childId, today);
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 }, locale: 'ru-RU' });
  const page = await context.newPage();
  try {
    await signIn(page, 'teacher');
    await page.goto(`/schools/${teacher.schoolId}/journal/${curriculumId}`);
    await page.getByTestId('journal-grid').waitFor();
    const cell = page.locator(`[data-cell="${row}:${col}"]`);
    await cell.click();
    await page.keyboard.type(value);
    await page.keyboard.press('Enter');
    await expect.poll(() => cell.getAttribute('data-status'), { timeout: 10_000 }).toBe('saved');
  } finally {
    await context.close();
  }
}

describe('notifications that the parent sets up themself', () => {
  it('e-mail and SMS verified, a grade arrives at both servers in Russian; a withdrawal cancels a queued notice', async () => {
    const parentApi = await apiSignIn(server.url, 'parent');
    const me = await api<{ schools: Array<{ id: string; timezone: string }> }>(parentApi, 'GET', '/api/auth/me');
    const zone = me.schools[0]?.timezone ?? 'Europe/Moscow';
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
    const children = (
      await api<{ items: Array<Child & { relation: string; schoolId: string; class: { id: string } | null }> }>(
        parentApi,
        'GET',
        '/api/my/students',
      )
    ).items.filter((c) => c.relation === 'child');
    const teacher = await apiSignIn(server.url, 'teacher');
    const journals = (
      await api<{ items: Array<{ curriculumId: string; classId: string | null; canWrite: boolean; subjectName?: string }> }>(
        teacher,
        'GET',
        `/api/schools/${teacher.schoolId}/journals`,
      )
    ).items.filter((j) => j.canWrite);
    const child = children.find((c) => journals.some((j) => j.classId === c.class?.id));
    if (!child) throw new Error('the demo teacher teaches none of the demo parent’s children');
    const journal = journals.find((j) => j.classId === child.class?.id) as { curriculumId: string };

    const page = await phonePage('ru-RU');
    try {
      await signIn(page, 'parent');
      await page.goto(`/schools/${parentApi.schoolId}/notifications`);
      await page.getByRole('heading', { level: 1, name: 'Уведомления' }).waitFor();

      // E-mail: the link arrives at the SMTP server and is opened.
      const email = page.getByTestId('contact-email');
      await email.getByRole('textbox').fill('parent@family.example');
      await email.getByRole('button', { name: 'Отправить ссылку' }).click();
      await email.getByText('Мы отправили письмо со ссылкой').waitFor();
      const letter = await smtp.waitFor((m) => m.to === 'parent@family.example', 20_000);
      expect(letter.subject).toBe('Отметка: подтвердите адрес для уведомлений');
      const link = /(https?:\/\/\S+\/notifications\/confirm#\S+)/.exec(letter.text)?.[1] as string;
      await page.goto(link);
      await page.getByTestId('email-confirmed').waitFor();

      // SMS: the code arrives at the SMPP server and is typed back.
      await page.goto(`/schools/${parentApi.schoolId}/notifications`);
      const phone = page.getByTestId('contact-sms');
      await phone.getByRole('textbox').first().fill('+7 900 765-43-21');
      await phone.getByRole('button', { name: 'Получить код' }).click();
      const codeSms = await smpp.waitFor((m) => m.to === '79007654321', 20_000);
      const code = /(\d{6})/.exec(codeSms.text)?.[1] as string;
      await phone.getByLabel('Код из SMS').fill(code);
      await phone.getByRole('button', { name: 'Подтвердить' }).click();
      await phone.getByText('Подтверждён').waitFor();
      await expect.poll(async () => page.getByTestId('contact-email').getByText('Подтверждён').count()).toBe(1);

      // Grades of this child by e-mail and SMS; quiet hours moved away from the hour the test runs in.
      const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
      const pad = (h: number) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
      const panel = page.getByTestId(`notify-child-${child.id}`);
      await panel.getByLabel('с', { exact: true }).fill(pad(hour + 3));
      await panel.getByLabel('до', { exact: true }).fill(pad(hour + 4));
      await panel.getByTestId('notify-grade-email').check();
      await panel.getByTestId('notify-grade-sms').check();
      await panel.getByTestId('notify-grade-inapp').check();
      await panel.getByTestId('notify-save').click();
      await panel.getByText('Сохранено').waitFor();
      await screenshot(page, 'notifications-parent-375-ru');

      await teacherTypesGrade(journal.curriculumId, child.id, today, '5');
      const label = `${child.name} ${child.surname.slice(0, 1)}.`;
      const mail = await smtp.waitFor((m) => m.to === 'parent@family.example' && m.subject.startsWith('Новая оценка'), 30_000);
      expect(mail.subject).toBe(`Новая оценка: ${label}`);
      expect(mail.text).toMatch(/— 5 \(/);
      const sms = await smpp.waitFor((m) => m.to === '79007654321' && m.text.startsWith('Новая оценка'), 30_000);
      expect(sms.text).toContain(`Новая оценка: ${label}.`);
      expect(sms.text).toMatch(/— 5 \(/);
      // The subject named in both is the journal's.
      const subjectName = /\. (.+?) — 5 \(/.exec(sms.text)?.[1] as string;
      expect(mail.text).toContain(`${subjectName} — 5 (`);

      await page.reload();
      const feed = await page.evaluate(async () => (await fetch('/api/notifications/feed')).text());
      expect(feed).toContain('"unread":1');
      await page.getByTestId('notify-unread').waitFor();
      await page.getByTestId('notify-history').getByText(`Новая оценка: ${label}`).first().waitFor();
      await screenshot(page, 'notifications-parent-after-grade-375-ru');

      // Quiet hours now: the next grade's e-mail and SMS wait; withdrawing the consent cancels them.
      await panel.getByLabel('с', { exact: true }).fill(pad(hour - 1));
      await panel.getByLabel('до', { exact: true }).fill(pad(hour + 2));
      await panel.getByTestId('notify-save').click();
      await panel.getByText('Сохранено').waitFor();
      const before = { mails: smtp.mails.length, sms: smpp.messages().length };
      await teacherTypesGrade(journal.curriculumId, child.id, today, '4');
      await page.reload();
      await expect
        .poll(async () => page.getByTestId('notify-history').locator('[data-status="queued"]').count(), { timeout: 15_000 })
        .toBe(2);

      await page.goto(`/schools/${parentApi.schoolId}/my-data`);
      const card = page.getByTestId('consent-card').filter({ hasText: `${child.surname} ${child.name}` });
      await card.getByTestId('withdraw-consent').click();
      await card.getByTestId('withdraw-yes').click();
      await card.getByText('отозвано', { exact: false }).first().waitFor();
      await page.goto(`/schools/${parentApi.schoolId}/notifications`);
      await expect
        .poll(async () => page.getByTestId('notify-history').locator('[data-status="cancelled"]').count(), { timeout: 15_000 })
        .toBe(2);
      await page.getByTestId('notify-history').getByText('Нет действующего согласия на этот контакт').first().waitFor();
      await screenshot(page, 'notifications-after-withdrawal-375-ru');
      // Nothing more reached either server.
      await new Promise((r) => setTimeout(r, 1500));
      expect(smtp.mails.length).toBe(before.mails);
      expect(smpp.messages().length).toBe(before.sms);
    } finally {
      await page.context().close();
    }

    // The same page in English at 375 px, and the administrator's delivery log.
    const en = await phonePage('en-GB');
    try {
      await signIn(en, 'parent');
      await en.goto(`/schools/${parentApi.schoolId}/notifications`);
      await en.locator('.language-switch button[lang="en"]').click();
      await en.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
      await en.getByText('E-mails and SMS sent').waitFor();
      await screenshot(en, 'notifications-parent-375-en');
      await en.context().clearCookies();
      await signIn(en, 'admin');
      await en.goto(`/schools/${parentApi.schoolId}/notifications/log`);
      await en.locator('.language-switch button[lang="en"]').click();
      await en.getByTestId('delivery-log').waitFor();
      await en.getByTestId('sms-usage').waitFor();
      await screenshot(en, 'notifications-delivery-log-375-en');
    } finally {
      await en.context().close();
    }
  }, 240_000);
});
