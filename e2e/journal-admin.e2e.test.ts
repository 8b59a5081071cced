import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MessageKey, translate } from '../contract/i18n/index.js';
import { launchBrowser, newContext, type RunningServer, screenshot, signIn, startServer } from './harness.js';
import { ensureDemoTimetable } from './journal-fixture.js';

// Who "I" am from /api/auth/me (own timetable week, "my journals", the class teacher's classes on
// the codes page), homework files in the lesson panel, and a closed period (R4.2): the admin
// closes it with a confirmation, corrects a locked cell with a written reason that shows in the
// history, and reopens it with a reason. Screenshots in Russian and English.

let server: RunningServer;
let browser: Browser;
let journals: string[];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  journals = await ensureDemoTimetable(server.url);
  if (journals.length === 0) throw new Error('the demo teacher has no journal to write in');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const ru = (key: MessageKey, params?: Record<string, string | number>) => translate('ru', key, params);
const en = (key: MessageKey, params?: Record<string, string | number>) => translate('en', key, params);

async function signedIn(login: string, locale: 'ru' | 'en' = 'ru'): Promise<{ context: BrowserContext; page: Page; schoolPath: string }> {
  const context = await newContext(browser, server.url);
  // The language chosen on the device: it also wins over the one an earlier test saved to the account.
  await context.addCookies([{ name: 'otmetka_lang', value: locale, url: server.url }]);
  const page = await context.newPage();
  await signIn(page, login);
  const match = new URL(page.url()).pathname.match(/^\/schools\/[^/]+/);
  if (!match) throw new Error(`not on a school page: ${page.url()}`);
  return { context, page, schoolPath: match[0] };
}

const cell = (page: Page, row: number, col: number): Locator => page.locator(`[data-cell="${row}:${col}"]`);

async function savedAt(page: Page, row: number, col: number): Promise<void> {
  await expect.poll(() => cell(page, row, col).getAttribute('data-status'), { timeout: 10_000 }).toBe('saved');
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

describe('journal, timetable and codes pages know who the user is', () => {
  it('opens the teacher’s own week and puts “my journals” first', async () => {
    for (const locale of ['ru', 'en'] as const) {
      const { page, schoolPath } = await signedIn('teacher', locale);
      const tr = locale === 'ru' ? ru : en;
      await step(page, `own-week-${locale}`, async () => {
        await page.goto(`${schoolPath}/timetable`);
        await expect.poll(() => page.getByLabel(tr('journalWeb.tt.view')).inputValue()).toBe('teacher');
        expect(await page.getByLabel(tr('journalWeb.tt.teacher'), { exact: true }).inputValue()).not.toBe('');
        await page.getByTestId('timetable-week').waitFor();
        // Another teacher's week, then back to one's own with one button.
        await page.getByLabel(tr('journalWeb.tt.view')).selectOption('class');
        await page.getByTestId('my-timetable').click();
        await page.getByTestId('timetable-week').waitFor();
        await screenshot(page, `h14-timetable-own-week-${locale}`);

        await page.goto(`${schoolPath}/journal`);
        const mine = page.getByTestId('my-journals');
        await mine.waitFor();
        expect(await mine.getByTestId('journal-link').count()).toBeGreaterThan(0);
        await screenshot(page, `h14-journal-mine-${locale}`);
      });
    }
  });

  it('offers the class teacher exactly the classes they lead on the codes page', async () => {
    const { page, schoolPath } = await signedIn('classteacher');
    await step(page, 'codes-classteacher', async () => {
      const me = (await (await page.request.get('/api/auth/me')).json()) as { schools: { leadsClasses: { name: string }[] }[] };
      const led = me.schools[0]?.leadsClasses.map((c) => c.name) ?? [];
      expect(led.length).toBeGreaterThan(0);
      await page.goto(`${schoolPath}/service/codes`);
      const select = page.getByLabel(ru('web.school.field.class'));
      await select.waitFor();
      expect(await select.locator('option').allTextContents()).toEqual(led);
      await page.getByTestId('codes-roster').waitFor();
      await screenshot(page, 'h14-codes-classteacher-ru');
    });
  });
});

describe('homework files in the lesson panel', () => {
  it('uploads a PDF, refuses a program with the server’s message, and removes the file', async () => {
    const { page, schoolPath } = await signedIn('teacher');
    await step(page, 'journal-files', async () => {
      await page.goto(`${schoolPath}/journal/${journals[0]}`);
      await page.getByTestId('journal-grid').waitFor();
      await cell(page, 0, 0).click();
      const files = page.getByTestId('lesson-files');
      await files.waitFor();
      expect(await files.textContent()).toContain(ru('journalWeb.lesson.filesLimits', { mb: 10, count: 10 }));

      await files.getByTestId('attach-file').setInputFiles({
        name: 'задание.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
      });
      await files.getByTestId('lesson-file').first().waitFor();
      const link = files.getByTestId('lesson-file').first().getByRole('link');
      expect(await link.textContent()).toBe('задание.pdf');
      expect(await link.getAttribute('href')).toMatch(/\/lessons\/[^/]+\/attachments\/[^/]+$/);

      await files.getByTestId('attach-file').setInputFiles({
        name: 'program.exe',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from('MZ\u0090\u0000binary'),
      });
      await expect.poll(() => files.getByTestId('attach-error').textContent()).toBe(ru('error.attachment.type'));
      await screenshot(page, 'h14-journal-files-ru');

      // The file survives a reload, then goes away with a confirmation.
      await page.reload();
      await page.getByTestId('journal-grid').waitFor();
      await cell(page, 0, 0).click();
      await files.getByTestId('lesson-file').first().waitFor();
      await files.getByRole('button', { name: ru('journalWeb.lesson.removeFileLabel', { name: 'задание.pdf' }) }).click();
      await files.getByRole('button', { name: ru('web.form.confirmDeleteYes') }).click();
      await expect.poll(() => files.getByTestId('lesson-file').count()).toBe(0);
    });
  });
});

describe('a closed period (R4.2)', () => {
  it('the admin closes it with a confirmation, corrects a locked cell with a reason shown in the history, and reopens it', async () => {
    const { page, schoolPath } = await signedIn('admin');
    await step(page, 'period-close', async () => {
      await page.goto(`${schoolPath}/journal/${journals[0]}`);
      await page.getByTestId('journal-grid').waitFor();

      await page.getByTestId('period-close').click();
      const confirm = page.getByTestId('period-confirm');
      await confirm.waitFor();
      // The current period has not ended (on every day but its last): it closes only early, with a
      // reason (decision 008); the button waits for the reason.
      const earlyReason = confirm.getByTestId('early-reason');
      if ((await earlyReason.count()) > 0) {
        expect(await confirm.getByTestId('period-early-warning').textContent()).toContain('ещё не закончился');
        expect(await confirm.getByTestId('period-confirm-button').isDisabled()).toBe(true);
        await earlyReason.fill('Досрочное закрытие периода по приказу № 12');
      }
      await screenshot(page, 'h14-period-close-confirm-ru');
      await confirm.getByTestId('period-confirm-button').click();
      await page.getByTestId('period-reopen').waitFor();
      await expect.poll(() => cell(page, 0, 0).getAttribute('aria-readonly')).toBe('true');

      // Typing into a locked cell changes nothing.
      await cell(page, 0, 0).click();
      await page.keyboard.type('5');
      await page.keyboard.press('Escape');
      expect(await cell(page, 0, 0).getAttribute('data-status')).toBe('idle');

      // The cell dialog: controls closed until the reason is written.
      await page.keyboard.press('Enter');
      const dialog = page.getByTestId('cell-dialog');
      await dialog.waitFor();
      const absent = dialog.getByRole('radio', { name: ru('journal.attendance.absent') });
      expect(await absent.isDisabled()).toBe(true);
      const reason = 'Ошибка учителя: ученик отсутствовал (служебная записка № 7)';
      await dialog.getByTestId('override-reason').fill(reason);
      // The radio follows the saved mark, so it turns checked once the server confirms.
      await absent.click();
      await savedAt(page, 0, 0);
      await expect.poll(() => absent.isChecked()).toBe(true);
      await expect.poll(() => dialog.getByTestId('cell-history').textContent(), { timeout: 10_000 }).toContain(reason);
      await screenshot(page, 'h14-period-override-ru');
      await dialog.getByRole('button', { name: ru('journalWeb.cell.close') }).click();

      // Reopen: the reason is required.
      await page.getByTestId('period-reopen').click();
      await confirm.waitFor();
      expect(await confirm.getByTestId('period-confirm-button').isDisabled()).toBe(true);
      await confirm.getByTestId('reopen-reason').fill('Исправление итоговых оценок по приказу');
      await confirm.getByTestId('period-confirm-button').click();
      await page.getByTestId('period-close').waitFor();
      await expect.poll(() => cell(page, 0, 0).getAttribute('aria-readonly')).toBe('false');
    });
  });

  it('shows the close confirmation and the override in English', async () => {
    const { page, schoolPath } = await signedIn('admin', 'en');
    await step(page, 'period-close-en', async () => {
      await page.goto(`${schoolPath}/journal/${journals[0]}`);
      await page.getByTestId('journal-grid').waitFor();
      await page.getByTestId('period-close').click();
      const confirm = page.getByTestId('period-confirm');
      await confirm.waitFor();
      expect(await confirm.textContent()).toContain(en('journalWeb.period.closeText'));
      const earlyReason = confirm.getByTestId('early-reason');
      if ((await earlyReason.count()) > 0) await earlyReason.fill('Closing early by order No. 12');
      await screenshot(page, 'h14-period-close-confirm-en');
      await confirm.getByTestId('period-confirm-button').click();
      await page.getByTestId('period-reopen').waitFor();
      await cell(page, 1, 0).click();
      await page.keyboard.press('Enter');
      const dialog = page.getByTestId('cell-dialog');
      await dialog.getByTestId('override').waitFor();
      await screenshot(page, 'h14-period-override-en');
    });
  });

  it('locks the year grades once every period is closed; the admin changes one with a reason', async () => {
    const { page, schoolPath } = await signedIn('admin');
    const api = (method: string, path: string, body?: unknown) =>
      page.evaluate(
        async ([m, p, b]) => {
          const res = await fetch(p, {
            method: m,
            ...(b === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) }),
          });
          return { status: res.status, json: (await res.json().catch(() => null)) as { periods?: Array<{ id: string; closed: boolean }> } };
        },
        [method, path, body] as const,
      );
    await step(page, 'year-closed', async () => {
      await page.goto(`${schoolPath}/journal/${journals[0]}`);
      await page.getByTestId('journal-grid').waitFor();
      const apiBase = `/api${schoolPath}`;
      const periods = (await api('GET', `${apiBase}/journals/${journals[0]}`)).json.periods ?? [];
      const open = periods.filter((p) => !p.closed);
      try {
        for (const p of open) {
          const closed = await api('POST', `${apiBase}/periods/${p.id}/close`, { early: true, reason: 'Проверка закрытия года' });
          expect(closed.status).toBe(200);
        }
        await page.reload();
        await page.getByTestId('journal-grid').waitFor();
        await page.getByTestId('finals-open').click();
        const dialog = page.getByTestId('finals-dialog');
        await dialog.getByTestId('finals-year-closed').waitFor();
        const select = dialog.getByTestId('final-year').first();
        expect(await select.isDisabled()).toBe(true);
        await dialog.getByTestId('finals-reason').fill('Решение педсовета, протокол № 5');
        await expect.poll(() => select.isDisabled()).toBe(false);
        await select.selectOption((await select.inputValue()) === '5' ? '4' : '5');
        await dialog.locator('[data-status="saved"]').first().waitFor();
        await screenshot(page, 'h14-year-closed-ru');
      } finally {
        for (const p of open) await api('POST', `${apiBase}/periods/${p.id}/reopen`, { reason: 'Конец проверки' });
      }
    });
  });
});
