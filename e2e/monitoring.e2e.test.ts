// The director's monitoring in Chromium (issue 14, R9.3; decision 015): the director opens
// «Мониторинг» from the menu, sees the demo school's late teachers and the table 2.13 indicators,
// opens a late teacher's journal from the list, downloads the indicators as CSV, XLSX and PDF and
// reads them back (the PDF's first page as a PNG to look at); at a desktop width and at 375 px, in
// Russian and in English.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Locale, translate } from '../contract/i18n/index.js';
import { DEMO_PASSWORD, launchBrowser, type RunningServer, SCREENSHOTS, screenshot, startServer } from './harness.js';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page, login: string, locale: Locale): Promise<string> {
  await page.goto('/login');
  if (locale !== 'ru') await page.locator(`.language-switch button[lang="${locale}"]`).click();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, locale);
  await page.locator('input[name="username"]').fill(login);
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.locator('h1[data-testid^="home-"]').waitFor({ timeout: 15_000 });
  const match = /\/schools\/([^/]+)\//.exec(page.url());
  if (!match?.[1]) throw new Error(`no school in ${page.url()}`);
  return match[1];
}

async function download(page: Page, testId: string, name: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const target = path.join(SCREENSHOTS, name);
  await file.saveAs(target);
  return fs.readFileSync(target);
}

describe.each([
  // Russian first: signing in with the English switch stores the account's language.
  ['ru', 1280],
  ['ru', 375],
  ['en', 375],
  ['en', 1280],
] as const)("the director's monitoring (%s, %i px)", (locale: Locale, width: number) => {
  const t = (key: Parameters<typeof translate>[1], p = {}) => translate(locale, key, p);
  const full = width > 800;

  it('shows late teachers and the indicators, opens a late journal, downloads the tables', async () => {
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width, height: full ? 900 : 812 },
      locale: locale === 'ru' ? 'ru-RU' : 'en-GB',
      timezoneId: 'Europe/Kaliningrad',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    try {
      const schoolId = await signIn(page, 'director', locale);
      // On a desktop the director walks in from the home page's section list; on a phone by the address.
      if (full)
        await page
          .locator('main')
          .getByRole('link', { name: t('reports.menu') })
          .first()
          .click();
      else await page.goto(`/schools/${schoolId}/monitoring`);
      await page.getByRole('heading', { level: 1, name: t('reports.title') }).waitFor({ timeout: 15_000 });
      const lateRows = page.getByTestId('late-row');
      await lateRows.first().waitFor({ timeout: 30_000 });
      // The demo school has slow teachers: something is overdue, and the school-wide share of topics shows.
      expect(await lateRows.count()).toBeGreaterThan(0);
      const topics = page.getByTestId('indicator-topics');
      await topics.waitFor({ timeout: 60_000 });
      expect(await topics.textContent()).toContain(t('reports.ind.topics'));
      const onTime = await page.getByTestId('indicator-on_time_share').textContent();
      expect(onTime).toMatch(/\d+ %/);
      await page.getByTestId('trend-chart').waitFor();
      expect(await page.getByTestId('trend-table').locator('tbody tr').count()).toBeGreaterThan(3);
      await screenshot(page, `monitoring-${locale}-${width}`);
      if (full) await page.screenshot({ path: path.join(SCREENSHOTS, `monitoring-${locale}-${width}-full.png`), fullPage: true });

      if (locale === 'ru' && full) {
        const csv = await download(page, 'export-indicators-csv', 'monitoring-indicators.csv');
        expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const lines = csv.subarray(3).toString('utf8').split('\r\n');
        expect(lines[0]).toBe('Кто;№;Показатель;В срок / есть;Всего;%;Норма;Выполнен');
        expect(lines.some((l) => l.startsWith('Школа;7;Доля оценок и пропусков, выставленных своевременно;'))).toBe(true);

        const xlsx = await download(page, 'export-indicators-xlsx', 'monitoring-indicators.xlsx');
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(xlsx as unknown as ArrayBuffer);
        const sheet = book.worksheets[0];
        expect(sheet?.getCell('A1').value).toBe('Показатели качества (таблица 2.13)');
        const schoolRows: unknown[][] = [];
        sheet?.eachRow((r) => {
          const v = (r.values as unknown[]).slice(1);
          if (v[0] === 'Школа') schoolRows.push(v);
        });
        expect(schoolRows.slice(0, 7).map((r) => r[1])).toEqual([1, 2, 3, 4, 5, 6, 7]);
        expect(schoolRows).toHaveLength(9);

        const pdf = await download(page, 'export-indicators-pdf', 'monitoring-indicators.pdf');
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        spawnSync('pdftoppm', [
          '-png',
          '-r',
          '70',
          '-f',
          '1',
          '-l',
          '1',
          path.join(SCREENSHOTS, 'monitoring-indicators.pdf'),
          path.join(SCREENSHOTS, 'monitoring-indicators'),
        ]);
      }

      // A late teacher's journal opens from the list, at the period the list names.
      const link = lateRows.first().getByRole('link').first();
      const href = (await link.getAttribute('href')) ?? '';
      const curriculumId = /\/journal\/([^/?]+)/.exec(href)?.[1] ?? '';
      expect(curriculumId).not.toBe('');
      await link.click();
      await page.waitForURL(new RegExp(`/schools/${schoolId}/journal/${curriculumId}`), { timeout: 15_000 });
      // The journal shows that item chosen in its picker (read-only for the director).
      await page.waitForFunction((id) => [...document.querySelectorAll('select')].some((el) => el.value === id), curriculumId, {
        timeout: 30_000,
      });
      await page.getByTestId('journal-grid').waitFor({ timeout: 30_000 });
      await screenshot(page, `monitoring-${locale}-${width}-journal`);
    } catch (error) {
      await screenshot(page, `monitoring-${locale}-${width}-failed`);
      throw error;
    } finally {
      await context.close();
    }
  }, 120_000);
});
