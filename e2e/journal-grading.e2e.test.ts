import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MessageKey, translate } from '../contract/i18n/index.js';
import { launchBrowser, newContext, type RunningServer, screenshot, signIn, startServer } from './harness.js';
import { apiSignIn, ensureDemoTimetable } from './journal-fixture.js';

// Issue 11, item 4: the admin sets one subject's scale to pass/fail on the settings page for
// scales and work types; the teacher marks «зач» in that journal and enters an exam grade in
// another. Once in Russian and once in English, with screenshots of each step.

let server: RunningServer;
let browser: Browser;
let items: Array<{ curriculumId: string; subjectName: string; ownerName: string }>;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const ids = await ensureDemoTimetable(server.url);
  const teacher = await apiSignIn(server.url, 'teacher');
  const res = await fetch(`${server.url}/api/schools/${teacher.schoolId}/journals`, {
    headers: { accept: 'application/json', cookie: teacher.cookie },
  });
  const all = ((await res.json()) as { items: typeof items }).items;
  items = ids.map((id) => all.find((j) => j.curriculumId === id)).filter((j): j is (typeof items)[number] => !!j);
  if (items.length < 2) throw new Error('the demo teacher needs two journals');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const tr = (locale: 'ru' | 'en') => (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);

async function signedIn(login: string, locale: 'ru' | 'en'): Promise<{ page: Page; schoolPath: string }> {
  const context = await newContext(browser, server.url);
  await context.addCookies([{ name: 'otmetka_lang', value: locale, url: server.url }]);
  const page = await context.newPage();
  await signIn(page, login);
  const match = new URL(page.url()).pathname.match(/^\/schools\/[^/]+/);
  if (!match) throw new Error(`not on a school page: ${page.url()}`);
  return { page, schoolPath: match[0] };
}

/** Runs a browser step, saving a FAILED screenshot when it throws. */
async function step(page: Page, name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    await screenshot(page, `FAILED-${name}`);
    throw err;
  } finally {
    await page.context().close();
  }
}

const cell = (page: Page, row: number, col: number): Locator => page.locator(`[data-cell="${row}:${col}"]`);
const cellText = async (page: Page, row: number, col: number) =>
  (await cell(page, row, col).locator('.journal-mark, .journal-grade').allTextContents()).map((t) => t.trim()).join(' ');

describe('scales per subject and final grades', () => {
  for (const locale of ['ru', 'en'] as const) {
    it(`the admin sets a subject to pass/fail, the teacher marks «зач» and enters an exam grade (${locale})`, async () => {
      const t = tr(locale);
      const [passFail, fivePoint] = items as [(typeof items)[number], (typeof items)[number]];

      // 1. The admin: settings page, the subject's scale → pass/fail.
      const admin = await signedIn('admin', locale);
      await step(admin.page, `grading-settings-${locale}`, async () => {
        const { page, schoolPath } = admin;
        await page.goto(`${schoolPath}/home`);
        await page
          .getByRole('link', { name: t('journalWeb.nav.grading') })
          .first()
          .click();
        await page.getByTestId('subject-scales').waitFor();
        // One class or group at a time: choose the journal's.
        await page.getByTestId('subject-scales-owner').selectOption(passFail.ownerName);
        const select = page.getByLabel(t('journalWeb.grading.scaleOf', { subject: passFail.subjectName, owner: passFail.ownerName }));
        // The English run starts from the Russian run's choice: back to the default first.
        if ((await select.inputValue()) !== '') {
          await select.selectOption('');
          await expect.poll(() => select.isEnabled(), { timeout: 10_000 }).toBe(true);
        }
        await select.selectOption('pass_fail');
        const row = page.getByTestId('subject-scale-row').filter({ has: select });
        await row.getByRole('status').waitFor();
        expect(await row.getByRole('status').textContent()).toBe(t('journalWeb.grading.saved'));
        await page.getByTestId('work-types').waitFor();
        await screenshot(page, `grading-settings-${locale}`);
        // After a reload the choice is still there.
        await page.reload();
        await page.getByTestId('subject-scales').waitFor();
        await page.getByTestId('subject-scales-owner').selectOption(passFail.ownerName);
        await expect.poll(() => select.inputValue()).toBe('pass_fail');
      });

      // 2. The teacher: «зач» in the pass/fail journal; a number is refused there.
      const teacher = await signedIn('teacher', locale);
      await step(teacher.page, `journal-pass-${locale}`, async () => {
        const { page, schoolPath } = teacher;
        await page.goto(`${schoolPath}/journal/${passFail.curriculumId}`);
        await page.getByTestId('journal-grid').waitFor();
        expect(await page.getByTestId('journal-scale').textContent()).toBe(
          t('journalWeb.journal.scale', { scale: t('journal.scale.pass_fail') }),
        );
        // The first lesson where the first student's cell is writable and empty.
        const lessons = await page.locator('th.journal-table__lesson').count();
        let col = 0;
        while (col < lessons - 1) {
          if ((await cell(page, 0, col).getAttribute('aria-readonly')) === 'false' && (await cellText(page, 0, col)) === '') break;
          col++;
        }
        await cell(page, 0, col).click();
        await page.keyboard.type(locale === 'ru' ? 'зач' : 'pass');
        await page.keyboard.press('Enter');
        await expect.poll(() => cell(page, 0, col).getAttribute('data-status'), { timeout: 10_000 }).toBe('saved');
        expect(await cellText(page, 0, col)).toBe(translate(locale, 'journal.special.pass'));
        // Enter moved down a row. A five-point grade is not a value of this scale: the cell says so
        // and nothing is sent.
        await page.keyboard.type('5');
        await page.keyboard.press('Enter');
        await expect.poll(() => cell(page, 1, col).getAttribute('data-status')).toBe('error');
        expect(await cell(page, 1, col).getAttribute('title')).toBe(t('journalWeb.journal.badValue', { value: '5' }));
        await screenshot(page, `journal-pass-fail-${locale}`);
        await page.reload();
        await page.getByTestId('journal-grid').waitFor();
        expect(await cellText(page, 0, col)).toBe(translate(locale, 'journal.special.pass'));
      });

      // 3. The teacher: an exam grade in the five-point journal, kept after a reload.
      const again = await signedIn('teacher', locale);
      await step(again.page, `journal-exam-${locale}`, async () => {
        const { page, schoolPath } = again;
        await page.goto(`${schoolPath}/journal/${fivePoint.curriculumId}`);
        await page.getByTestId('journal-grid').waitFor();
        await page.getByTestId('finals-open').click();
        const dialog = page.getByTestId('finals-dialog');
        await dialog.waitFor();
        const value = locale === 'ru' ? '5' : '4';
        const exam = dialog.getByTestId('final-exam').first();
        await exam.selectOption(value);
        await dialog.getByRole('status').first().waitFor();
        await screenshot(page, `journal-finals-${locale}`);
        await page.reload();
        await page.getByTestId('journal-grid').waitFor();
        await page.getByTestId('finals-open').click();
        await expect.poll(() => page.getByTestId('finals-dialog').getByTestId('final-exam').first().inputValue()).toBe(value);
      });
    });
  }
});
