import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, type RunningServer, screenshot, signIn, startServer } from './harness.js';
import { ensureDemoTimetable } from './journal-fixture.js';

// The teacher's journal (issue 3, item 9): keyboard entry of grades and attendance marks, kept
// after a reload, and the history of a changed grade.

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const journals = await ensureDemoTimetable(server.url);
  if (journals.length === 0) throw new Error('the demo teacher has no journal to write in');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signInAsTeacher(): Promise<Page> {
  const context = await newContext(browser, server.url);
  const page = await context.newPage();
  await signIn(page, 'teacher');
  await page.getByTestId('home-teacher').waitFor({ timeout: 15_000 });
  return page;
}

const cell = (page: Page, row: number, col: number): Locator => page.locator(`[data-cell="${row}:${col}"]`);

/** Waits until a cell's write has been confirmed by the server. */
async function savedAt(page: Page, row: number, col: number): Promise<void> {
  await expect.poll(() => cell(page, row, col).getAttribute('data-status'), { timeout: 10_000 }).toBe('saved');
}

/** The marks and grades a cell shows, space-separated («оп 5»). */
const cellText = async (page: Page, row: number, col: number) =>
  (await cell(page, row, col).locator('.journal-mark, .journal-grade').allTextContents()).map((t) => t.trim()).join(' ');

describe('the teacher’s journal', () => {
  it('takes grades and marks from the keyboard, keeps them after a reload, and shows a changed grade’s history', async () => {
    const page = await signInAsTeacher();
    try {
      await page.getByRole('link', { name: 'Журнал' }).first().click();
      await page.getByTestId('journal-link').first().click();
      const grid = page.getByTestId('journal-grid');
      await grid.waitFor();

      // The demo journal already holds grades and marks up to yesterday: work in the first lesson
      // whose cells of the first five students (and the next lesson's fifth) are still empty.
      const lessons = await page.locator('th.journal-table__lesson').count();
      let col = 0;
      while (col < lessons - 2) {
        const texts = await Promise.all([0, 1, 2, 3, 4].map((row) => cellText(page, row, col)));
        if (texts.every((t) => t === '') && (await cellText(page, 4, col + 1)) === '') break;
        col++;
      }
      const next = col + 1;

      // Focus that lesson of the first student, then type down the column like a teacher.
      await cell(page, 0, col).click();
      await page.keyboard.type('5');
      await page.keyboard.press('Enter');
      await page.keyboard.type('4');
      await page.keyboard.press('Enter');
      await page.keyboard.type('н');
      await page.keyboard.press('Enter');
      await page.keyboard.type('5 4');
      await page.keyboard.press('Enter');
      // Latin shortcut for «оп» (late), then move right with Tab and give a grade there.
      await page.keyboard.type('o');
      await page.keyboard.press('Tab');
      await page.keyboard.type('3');
      await page.keyboard.press('ArrowDown');

      for (const [row, c] of [
        [0, col],
        [1, col],
        [2, col],
        [3, col],
        [4, col],
        [4, next],
      ] as const) {
        await savedAt(page, row, c);
      }
      await screenshot(page, 'journal-typed');

      await page.reload();
      await grid.waitFor();
      expect(await cellText(page, 0, col)).toBe('5');
      expect(await cellText(page, 1, col)).toBe('4');
      expect(await cellText(page, 2, col)).toBe('н');
      expect(await cellText(page, 3, col)).toBe('5 4');
      expect(await cellText(page, 4, col)).toBe('оп');
      expect(await cellText(page, 4, next)).toBe('3');

      // Delete clears a cell.
      await cell(page, 2, col).click();
      await page.keyboard.press('Delete');
      await savedAt(page, 2, col);
      expect(await cellText(page, 2, col)).toBe('');

      // Change the first grade 5 → 3, then open the cell (Enter) and read its history.
      await cell(page, 0, col).click();
      await page.keyboard.type('3');
      await page.keyboard.press('Enter');
      await savedAt(page, 0, col);
      await cell(page, 0, col).click();
      await page.keyboard.press('Enter');
      const dialog = page.getByTestId('cell-dialog');
      await dialog.waitFor();
      const history = dialog.getByTestId('cell-history');
      await history.waitFor();
      const entries = (await history.getByTestId('history-entry').allTextContents()).map((t) => t.replace(/\s+/g, ' '));
      expect(entries.some((e) => /5\s.*→\s3/.test(e))).toBe(true);
      expect(entries.some((e) => /—\s→\s5/.test(e))).toBe(true);
      await screenshot(page, 'journal-history');
    } catch (err) {
      await screenshot(page, 'FAILED-journal');
      throw err;
    } finally {
      await page.context().close();
    }
  });
});
