// The whole service procedure in Chromium (issue 5; seed 002 §3, seed 000 §3.2): the secretary
// registers an application and its consent, the director decides and signs the order, the class
// teacher issues a parent's code and opens the slip, a new parent activates the code in a fresh
// browser and sees the child; then the consent is withdrawn and the child is gone for that parent.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MessageKey, translate } from '../contract/i18n/index.js';
import { DEMO_PASSWORD, launchBrowser, newContext, type RunningServer, SCREENSHOTS, screenshot, signIn, startServer } from './harness.js';

const ru = (key: MessageKey, params?: Record<string, string | number>) => translate('ru', key, params);

let server: RunningServer;
let browser: Browser;

interface ApiSession {
  cookie: string;
  schoolId: string;
}

/** Signs a demo account in through the API (for looking up test data only; the flow itself is clicked). */
async function apiSignIn(login: string): Promise<ApiSession> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ login, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${login}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const me = (await res.json()) as { schools: { id: string }[] };
  return { cookie, schoolId: me.schools[0]?.id ?? '' };
}

async function apiGet<T>(session: ApiSession, url: string): Promise<T> {
  const res = await fetch(`${server.url}${url}`, { headers: { cookie: session.cookie, accept: 'application/json' } });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface Pupil {
  studentId: string;
  surname: string;
  name: string;
  patronymic: string;
  className: string;
}

/**
 * A student of the class the demo `classteacher` leads (the demo student's class), other than the
 * demo family's child: nobody has applied for them yet.
 */
async function pupilOfClassTeacher(): Promise<Pupil> {
  const student = await apiSignIn('student');
  const mine = await apiGet<{ items: { id: string; class: { id: string; name: string } | null }[] }>(student, '/api/my/students');
  const own = mine.items[0];
  if (!own?.class) throw new Error('the demo student has no class');
  const secretary = await apiSignIn('secretary');
  const roster = await apiGet<{ items: { studentId: string; surname: string; name: string; patronymic: string }[] }>(
    secretary,
    `/api/schools/${secretary.schoolId}/classes/${own.class.id}/students`,
  );
  const other = roster.items.filter((s) => s.studentId !== own.id).at(-1);
  if (!other) throw new Error('the class has no other student');
  return { ...other, className: own.class.name };
}

/** The school's page under /schools/:id/… of the signed-in user. */
async function openSchoolPage(page: Page, rest: string): Promise<void> {
  const match = new URL(page.url()).pathname.match(/^\/schools\/([^/]+)/);
  if (!match) throw new Error(`not on a school page: ${page.url()}`);
  await page.goto(`/schools/${match[1]}/${rest}`);
}

/** Saves a PDF's first page as PNG next to the screenshots (pdftoppm from poppler-utils), to look at. */
function pdfToPng(pdf: Buffer, name: string): void {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  spawnSync('pdftoppm', ['-png', '-r', '80', '-singlefile', file, path.join(SCREENSHOTS, name)]);
}

/** Downloads a GET PDF with the page's session cookie (as the link in the page would). */
async function pagePdf(page: Page, url: string, postBody?: unknown): Promise<Buffer> {
  const base64 = await page.evaluate(
    async ([href, body]) => {
      const res = await fetch(
        href,
        body === undefined
          ? { credentials: 'same-origin' }
          : { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      );
      if (!res.ok) throw new Error(`${href}: ${res.status}`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      let text = '';
      for (const b of bytes) text += String.fromCharCode(b);
      return btoa(text);
    },
    [url, postBody] as const,
  );
  return Buffer.from(base64, 'base64');
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the service procedure, from the application to the parent’s diary', () => {
  it('secretary → director → class teacher → new parent; withdrawal closes the child', async () => {
    const pupil = await pupilOfClassTeacher();
    const childName = `${pupil.surname} ${pupil.name} ${pupil.patronymic}`.trim();
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    let step = 'secretary';
    try {
      // 1. The secretary registers the application (Приложение 1), linked to the school's student.
      await signIn(page, 'secretary');
      await openSchoolPage(page, 'service/applications');
      await page.getByRole('heading', { level: 1, name: ru('serviceWeb.register.title') }).waitFor();
      await page.getByLabel(ru('serviceWeb.picker.label')).fill(pupil.surname);
      await page.getByRole('button', { name: ru('web.people.find') }).click();
      const match = page.getByTestId('student-matches').locator('li', { hasText: childName });
      await match.getByRole('button', { name: ru('serviceWeb.picker.choose') }).click();
      await page.getByTestId('student-picked').waitFor();
      const form = page.getByTestId('application-form');
      expect(await form.locator('input[name="childFullName"]').inputValue()).toBe(childName);
      // A wrong passport number is refused by the server and shown next to its field; nothing is registered.
      const fill = async (name: string, value: string) => form.locator(`input[name="${name}"]`).fill(value);
      await fill('parentSurname', pupil.surname);
      await fill('parentName', 'Ольга');
      await fill('parentPatronymic', 'Викторовна');
      await fill('addressCity', 'г. Светлогорск');
      await fill('addressStreet', 'ул. Новая');
      await fill('addressHouse', '7');
      await fill('addressFlat', '12');
      await fill('phone', '+7 911 555-12-34');
      await fill('passportSeries', '2714');
      await fill('passportNumber', '12345');
      await fill('passportIssuedBy', 'ОВД г. Светлогорска, 12.03.2015');
      await form.getByRole('button', { name: ru('serviceWeb.register.submit') }).click();
      const fieldError = form.locator('input[name="passportNumber"] ~ .field__error');
      await fieldError.waitFor();
      expect(await fieldError.textContent()).toContain(ru('serviceWeb.app.passportNumber'));
      await screenshot(page, 'service-01-application-field-error');
      await fill('passportNumber', '123456');
      await form.getByRole('button', { name: ru('serviceWeb.register.submit') }).click();
      await page.getByTestId('application-title').waitFor();
      const title = (await page.getByTestId('application-title').textContent()) ?? '';
      const number = title.replace(ru('serviceWeb.app.title', { number: '' }), '').trim();
      expect(number).not.toBe('');
      const applicationUrl = new URL(page.url()).pathname;

      // The consent (Приложение 2): every field of both columns, all purposes.
      const consent = page.getByTestId('consent-form');
      await consent
        .getByTestId('consent-child')
        .getByRole('button', { name: ru('serviceWeb.consent.all') })
        .click();
      await consent
        .getByTestId('consent-parent')
        .getByRole('button', { name: ru('serviceWeb.consent.all') })
        .click();
      await screenshot(page, 'service-02-consent-form');
      await consent.getByRole('button', { name: ru('serviceWeb.consent.submit') }).click();
      await page.getByTestId('consent-card').waitFor();
      expect(await page.getByTestId('consent-card').textContent()).toContain(ru('serviceWeb.consent.valid'));
      await screenshot(page, 'service-03-application-with-consent');
      pdfToPng(await pagePdf(page, (await page.getByTestId('application-pdf').getAttribute('href')) ?? ''), 'service-pdf-application');
      const consentPdf = await page
        .getByTestId('consent-card')
        .getByRole('link', { name: ru('serviceWeb.consent.pdf') })
        .getAttribute('href');
      pdfToPng(await pagePdf(page, consentPdf ?? ''), 'service-pdf-consent');

      // The register finds it by number, and prints.
      await openSchoolPage(page, 'service/applications');
      await page.getByLabel(ru('serviceWeb.register.number')).fill(number);
      await page.getByRole('button', { name: ru('web.common.apply') }).click();
      await page.getByTestId('register').locator(`tr[data-row="${number}"]`).waitFor();
      await screenshot(page, 'service-04-register');
      await page.emulateMedia({ media: 'print' });
      await screenshot(page, 'service-04-register-print');
      await page.emulateMedia({ media: 'screen' });
      const registerPdf = await page.getByRole('link', { name: ru('serviceWeb.register.pdf') }).getAttribute('href');
      pdfToPng(await pagePdf(page, registerPdf ?? ''), 'service-pdf-register');

      // 2. The director grants the service and signs the order.
      step = 'director';
      await context.clearCookies();
      await signIn(page, 'director');
      await page.goto(applicationUrl);
      const decision = page.getByTestId('decision-form');
      await decision.getByLabel(ru('serviceWeb.decision.grant')).check();
      await decision.getByRole('button', { name: ru('serviceWeb.decision.submit') }).click();
      const order = page.getByTestId('order-form');
      await order.waitFor();
      await order.getByLabel(ru('serviceWeb.order.number')).fill(`E2E-${number}`);
      await order.getByRole('button', { name: ru('serviceWeb.order.submit') }).click();
      await page.getByTestId('order').waitFor();
      expect(await page.getByTestId('order').textContent()).toContain(`E2E-${number}`);
      await screenshot(page, 'service-05-director-order');
      await openSchoolPage(page, 'service/deadlines');
      await page.getByRole('heading', { level: 1, name: ru('serviceWeb.deadlines.title') }).waitFor();
      await page.locator('.deadline-summary, .status--empty').first().waitFor();
      await screenshot(page, 'service-06-deadlines');

      // 3. The class teacher issues the parent's code and opens the slip (print page and PDF).
      step = 'classteacher';
      await context.clearCookies();
      await signIn(page, 'classteacher');
      await openSchoolPage(page, 'service/codes');
      await page.getByLabel(ru('web.school.field.class')).selectOption({ label: pupil.className });
      const row = page.getByTestId('codes-roster').locator('li', { hasText: childName });
      await row.getByTestId('issue-parent').click();
      const codeText = ((await page.getByTestId('issued-code').textContent()) ?? '').trim();
      expect(codeText).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      expect(await page.getByTestId('slip').textContent()).toContain(childName);
      expect(await page.getByTestId('slip').textContent()).toContain(ru('service.pdf.slipReceived').slice(0, 10));
      await screenshot(page, 'service-07-code-issued');
      await page.emulateMedia({ media: 'print' });
      await screenshot(page, 'service-08-slip-print');
      await page.emulateMedia({ media: 'screen' });
      // The slip PDF is a POST (the issuer sends the code again); read the server's answer itself.
      const slipResponse = page.waitForResponse((r) => r.url().endsWith('/service/codes/slip.pdf'));
      const popup = context.waitForEvent('page');
      await page.getByTestId('slip-pdf').click();
      const slip = await slipResponse;
      expect(slip.status()).toBe(200);
      expect(slip.headers()['content-type']).toBe('application/pdf');
      await (await popup).close();
      // The same request again from the page, to keep the bytes (the blob lives in the page only).
      const slipBody = slip.request().postDataJSON() as { codeId: string; code: string };
      pdfToPng(await pagePdf(page, slip.url(), slipBody), 'service-pdf-slip');

      // 4. A new parent, in a fresh browser, activates the code from the login page.
      step = 'parent';
      const family = await newContext(browser, server.url);
      const parent = await family.newPage();
      try {
        await parent.goto('/login');
        await parent.getByTestId('activate-link').click();
        await parent.getByRole('heading', { level: 1, name: ru('serviceWeb.activate.title') }).waitFor();
        await parent.getByLabel(ru('serviceWeb.activate.code')).fill('AAAA-BBBB-CCCC');
        const login = `e2e.parent.${Date.now()}`;
        await parent.getByLabel(ru('serviceWeb.activate.login')).fill(login);
        await parent.getByLabel(ru('serviceWeb.activate.password'), { exact: true }).fill('Надёжный-пароль-42');
        await parent.getByLabel(ru('serviceWeb.activate.repeat')).fill('Надёжный-пароль-42');
        await parent.getByRole('button', { name: ru('serviceWeb.activate.submit') }).click();
        await parent.getByText(ru('error.service.invalidCode')).waitFor();
        await screenshot(parent, 'service-09-activate-wrong-code');
        await parent.getByLabel(ru('serviceWeb.activate.code')).fill(codeText.toLowerCase());
        await parent.getByLabel(ru('serviceWeb.activate.password'), { exact: true }).fill('Надёжный-пароль-42');
        await parent.getByLabel(ru('serviceWeb.activate.repeat')).fill('Надёжный-пароль-42');
        await parent.getByLabel(ru('serviceWeb.activate.displayName')).fill(`${pupil.surname} Ольга Викторовна`);
        await parent.getByRole('button', { name: ru('serviceWeb.activate.submit') }).click();
        await parent.getByTestId('home-parent').waitFor({ timeout: 15_000 });
        const child = parent.getByTestId('home-child');
        await child.waitFor();
        expect(await child.textContent()).toContain(childName);
        await screenshot(parent, 'service-10-parent-home');
        await parent.setViewportSize({ width: 375, height: 800 });
        await screenshot(parent, 'service-10-parent-home-375');

        // 5. «Мои данные»: what is held; the consent is withdrawn; the child is gone for this parent.
        await openSchoolPage(parent, 'my-data');
        await parent.getByTestId('my-children').waitFor();
        expect(await parent.getByTestId('my-children').textContent()).toContain(childName);
        await screenshot(parent, 'service-11-my-data-375');
        await parent.setViewportSize({ width: 1280, height: 800 });
        await parent.getByTestId('withdraw-consent').click();
        await parent.getByTestId('withdraw-confirm').waitFor();
        expect(await parent.getByTestId('withdraw-confirm').textContent()).toContain(ru('serviceWeb.withdraw.notifications'));
        await screenshot(parent, 'service-12-withdraw-confirm');
        const diaryUrl = `${new URL(parent.url()).pathname.replace(/\/my-data$/, '').replace('/schools/', '/api/schools/')}/students/${pupil.studentId}/diary/week`;
        const status = (url: string) => parent.evaluate(async (u) => (await fetch(u, { credentials: 'same-origin' })).status, url);
        expect(await status(diaryUrl)).toBe(200);
        await parent.getByTestId('withdraw-yes').click();
        await parent
          .getByTestId('consent-card')
          .getByText(ru('serviceWeb.consent.withdrawnOn', { date: '' }).trim(), { exact: false })
          .waitFor();
        await screenshot(parent, 'service-13-after-withdrawal');
        // R6.5: from now on the child's diary is not shown to this family.
        expect(await status(diaryUrl)).toBe(404);
        await openSchoolPage(parent, 'diary');
        await parent.waitForLoadState('networkidle');
        await screenshot(parent, 'service-14-diary-after-withdrawal');
      } catch (err) {
        await screenshot(parent, `FAILED-service-${step}-family`);
        throw err;
      } finally {
        await family.close();
      }
    } catch (err) {
      await screenshot(page, `FAILED-service-${step}`);
      throw err;
    } finally {
      await context.close();
    }
  }, 180_000);

  it('the other service pages open for their roles, in English and on a phone', async () => {
    const en = (key: MessageKey) => translate('en', key);
    const pages: ReadonlyArray<readonly [login: string, path: string, heading: MessageKey]> = [
      ['director', 'service/deadlines', 'serviceWeb.deadlines.title'],
      ['director', 'oversight/complaints', 'serviceWeb.complaints.title'],
      ['director', 'oversight/inspections', 'serviceWeb.inspections.title'],
      ['operator', 'service/consents', 'serviceWeb.consents.title'],
      ['admin', 'service/codes', 'serviceWeb.codes.title'],
      ['secretary', 'service/applications', 'serviceWeb.register.title'],
    ];
    for (const [login, rest, heading] of pages) {
      const context = await newContext(browser, server.url);
      const page = await context.newPage();
      try {
        await page.goto('/login');
        await page.locator('.language-switch button[lang="en"]').click();
        await page.waitForFunction(() => document.documentElement.lang === 'en');
        await signIn(page, login);
        await openSchoolPage(page, rest);
        await page.getByRole('heading', { level: 1, name: en(heading) }).waitFor();
        await page.locator('.status--loading').waitFor({ state: 'detached' });
        await screenshot(page, `service-en-${login}-${rest.replace('/', '-')}`);
        await page.setViewportSize({ width: 375, height: 800 });
        await screenshot(page, `service-en-${login}-${rest.replace('/', '-')}-375`);
      } catch (err) {
        await screenshot(page, `FAILED-service-en-${login}-${rest.replace('/', '-')}`);
        throw err;
      } finally {
        await context.close();
      }
    }
    // The public activation page, reachable without signing in.
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    try {
      await page.setViewportSize({ width: 375, height: 800 });
      await page.goto('/activate');
      await page.getByRole('heading', { level: 1, name: ru('serviceWeb.activate.title') }).waitFor();
      await screenshot(page, 'service-activate-375');
    } finally {
      await context.close();
    }
  }, 180_000);
});
