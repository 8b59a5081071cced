import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Locale, type MessageKey, translate } from '../contract/i18n/index.js';
import { DEMO_PASSWORD, launchBrowser, newContext, type RunningServer, screenshot, startServer } from './harness.js';

// Every demo account lands on its role's home page (the heading carries data-testid="home-<role>").
const ACCOUNTS: ReadonlyArray<readonly [login: string, role: string]> = [
  ['operator', 'operator'],
  ['admin', 'school_admin'],
  ['director', 'director'],
  ['secretary', 'secretary'],
  ['teacher', 'teacher'],
  ['classteacher', 'class_teacher'],
  ['parent', 'parent'],
  ['student', 'student'],
];
const LOCALES: readonly Locale[] = ['ru', 'en'];

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

/** Opens the login page in a fresh profile and, for English, switches the language first. */
async function openLogin(locale: Locale): Promise<Page> {
  const context = await newContext(browser, server.url);
  const page = await context.newPage();
  await page.goto('/login');
  await page.locator('input[name="username"]').waitFor();
  if (locale !== 'ru') {
    await page.locator(`.language-switch button[lang="${locale}"]`).click();
  }
  await page.waitForFunction((lang) => document.documentElement.lang === lang, locale);
  return page;
}

async function signIn(page: Page, login: string, password: string): Promise<void> {
  await page.locator('input[name="username"]').fill(login);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
}

describe.each(LOCALES)('signing in (%s)', (locale) => {
  it.each(ACCOUNTS)('%s lands on the %s home page', async (login, role) => {
    const page = await openLogin(locale);
    try {
      await signIn(page, login, DEMO_PASSWORD);
      const heading = page.getByTestId(`home-${role}`);
      await heading.waitFor({ timeout: 15_000 });
      expect(await heading.textContent()).toBe(translate(locale, `web.role.${role}` as MessageKey));
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
      await screenshot(page, `login-${locale}-${login}`);
    } catch (err) {
      await screenshot(page, `FAILED-login-${locale}-${login}`);
      throw err;
    } finally {
      await page.context().close();
    }
  });

  it('shows the server’s message for a wrong password and stays on the login page', async () => {
    const page = await openLogin(locale);
    try {
      await signIn(page, 'director', 'not-the-password');
      const error = page.getByTestId('login-error');
      await error.waitFor({ timeout: 15_000 });
      expect((await error.textContent())?.trim()).toBe(translate(locale, 'error.badCredentials'));
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(await page.locator('input[name="password"]').inputValue()).toBe('');
      await screenshot(page, `login-${locale}-wrong-password`);
    } finally {
      await page.context().close();
    }
  });
});
