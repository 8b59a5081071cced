// «Кто смотрел данные» in Chromium (issue 12.13): school staff open the demo family's child's card
// and diary; the parent, on a phone, sees who did and when, and downloads the family's export as
// a PDF and a JSON file made by the server (152-FZ art. 14). Russian and English, 375 px.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Locale, type MessageKey, translate } from '../contract/i18n/index.js';
import { DEMO_PASSWORD, launchBrowser, newContext, type RunningServer, SCREENSHOTS, screenshot, signIn, startServer } from './harness.js';

const PHONE = { width: 375, height: 812 };

let server: RunningServer;
let browser: Browser;
let schoolId: string;
let child: { id: string; surname: string; name: string };

async function apiSignIn(login: string): Promise<{ cookie: string; schoolId: string }> {
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

async function apiGet(session: { cookie: string }, url: string): Promise<Response> {
  const res = await fetch(`${server.url}${url}`, { headers: { cookie: session.cookie, accept: 'application/json' } });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return res;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const parent = await apiSignIn('parent');
  schoolId = parent.schoolId;
  const mine = (await (await apiGet(parent, '/api/my/students')).json()) as {
    items: Array<{ id: string; surname: string; name: string; relation: string; schoolId: string }>;
  };
  const first = mine.items.find((s) => s.relation === 'child' && s.schoolId === schoolId);
  if (!first) throw new Error('the demo parent has no child');
  child = first;
  // Staff open the child's data: the admin the card, the director the diary.
  const admin = await apiSignIn('admin');
  await apiGet(admin, `/api/schools/${schoolId}/students/${child.id}`);
  const director = await apiSignIn('director');
  await apiGet(director, `/api/schools/${schoolId}/students/${child.id}/diary/week`);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe.each(['ru', 'en'] as const)('a parent sees who viewed the data and downloads the export (%s, 375 px)', (locale: Locale) => {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);

  it('lists the staff who opened the child’s card and diary, and gives the family’s data as PDF and JSON', async () => {
    const context = await newContext(browser, server.url);
    await context.addCookies([{ name: 'otmetka_lang', value: locale, url: server.url }]);
    const page: Page = await context.newPage();
    await page.setViewportSize(PHONE);
    try {
      await signIn(page, 'parent');
      // Through the phone's menu, as a parent finds it.
      await page.locator('.shell__menu-button').click();
      await page
        .getByRole('link', { name: t('family.nav'), exact: true })
        .first()
        .click();
      await page.waitForURL(`**/schools/${schoolId}/who-viewed`);
      await expect.poll(() => page.locator('h1').first().textContent()).toBe(t('family.title'));
      const log = page.getByTestId('family-access-log');
      await log.waitFor();
      const card = log.locator('li[data-view="card"]').first();
      await expect.poll(() => card.textContent()).toContain(t('family.view.card'));
      expect(await card.textContent()).toContain(t('web.role.school_admin'));
      expect(await card.textContent()).toContain(child.name);
      const diary = log.locator('li[data-view="diary"]').first();
      expect(await diary.textContent()).toContain(t('web.role.director'));
      // Nothing about the family in the address bar.
      expect(page.url()).not.toContain(child.id);
      await screenshot(page, `family-who-viewed-${locale}-375`);

      const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('family-export-pdf').click()]);
      expect(pdf.suggestedFilename()).toMatch(/^otmetka-family-\d{4}-\d{2}-\d{2}\.pdf$/);
      const pdfPath = path.join(SCREENSHOTS, `family-export-${locale}.pdf`);
      await pdf.saveAs(pdfPath);
      const bytes = fs.readFileSync(pdfPath);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      // Its first page as a picture, to look at (poppler-utils).
      spawnSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '2', pdfPath, path.join(SCREENSHOTS, `family-export-${locale}`)]);

      const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('family-export-json').click()]);
      expect(json.suggestedFilename()).toMatch(/^otmetka-family-\d{4}-\d{2}-\d{2}\.json$/);
      const jsonPath = path.join(SCREENSHOTS, `family-export-${locale}.json`);
      await json.saveAs(jsonPath);
      const data = JSON.parse(fs.readFileSync(jsonPath, 'utf8')) as {
        account: { login: string };
        people: { children: Array<{ id: string }> };
        journal: { grades: unknown[] };
        accessLog: Array<{ view: string }>;
      };
      expect(data.account.login).toBe('parent');
      expect(data.people.children.map((c) => c.id)).toContain(child.id);
      expect(data.journal.grades.length).toBeGreaterThan(0);
      expect(data.accessLog.map((a) => a.view)).toEqual(expect.arrayContaining(['card', 'diary']));
    } catch (err) {
      await screenshot(page, `FAILED-family-${locale}`);
      throw err;
    } finally {
      await context.close();
    }
  }, 120_000);
});
