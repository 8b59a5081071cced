// Backups in Chromium (issue 16, decision 016): the operator opens «Резервные копии» from the
// menu, makes a backup, and sees it in the list with its size and the restore drill's result — in
// Russian, then in English with a second backup.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Locale, translate } from '../contract/i18n/index.js';
import { DEMO_PASSWORD, launchBrowser, type RunningServer, screenshot, startServer } from './harness.js';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  // A daily time the page shows; the test's own backups are made by hand.
  server = await startServer({ BACKUP_TIME: '23:59' });
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

async function backUpAndWait(page: Page, locale: Locale, rowsBefore: number): Promise<void> {
  await page.getByRole('button', { name: translate(locale, 'operations.run') }).click();
  const rows = page.locator('tr[data-testid="backup-row"]');
  await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(rowsBefore + 1);
  // The newest row settles: backed up, then restored into a scratch place and verified.
  await page
    .locator('tr[data-testid="backup-row"]')
    .first()
    .and(page.locator('[data-status="ok"][data-drill="ok"]'))
    .waitFor({ timeout: 60_000 });
}

describe('backups page', () => {
  it('ru: the operator makes a backup and sees its size and drill', async () => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1024, height: 720 }, locale: 'ru-RU' });
    const page = await context.newPage();
    await signIn(page, 'operator', 'ru');
    await page
      .getByRole('link', { name: translate('ru', 'operations.menu') })
      .first()
      .click();
    await page.locator('h1', { hasText: translate('ru', 'operations.title') }).waitFor();
    await expect.poll(() => page.getByText(translate('ru', 'operations.empty')).count()).toBe(1);
    expect(await page.getByTestId('backup-schedule').textContent()).toContain('23:59 UTC');

    await backUpAndWait(page, 'ru', 0);
    const row = page.locator('tr[data-testid="backup-row"]').first();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(translate('ru', 'operations.status.ok'));
    expect(text).toMatch(/\d+,\d МБ/);
    expect(text).toContain('Восстановлена и сверена');
    expect(text).toContain(translate('ru', 'operations.trigger.manual'));
    expect(await page.getByTestId('backup-alarm').count()).toBe(0);
    await screenshot(page, 'backups-ru');
    await context.close();
  });

  it('en: a second backup joins the list, newest first, both drilled', async () => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1024, height: 720 }, locale: 'en-GB' });
    const page = await context.newPage();
    const schoolId = await signIn(page, 'operator', 'en');
    await page.goto(`/schools/${schoolId}/backups`);
    await page.locator('h1', { hasText: translate('en', 'operations.title') }).waitFor();
    await page.locator('tr[data-testid="backup-row"]').first().waitFor();
    await backUpAndWait(page, 'en', 1);
    const rows = page.locator('tr[data-testid="backup-row"]');
    expect(await rows.count()).toBe(2);
    for (const text of await rows.allTextContents()) {
      expect(text).toContain(translate('en', 'operations.status.ok'));
      expect(text).toMatch(/\d+\.\d MB/);
      expect(text).toContain('Restored and verified');
    }
    await screenshot(page, 'backups-en');
    await context.close();
  });
});
