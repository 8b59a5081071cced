import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ru } from '../contract/i18n/catalogue.ru.js';
import type { Locale } from '../contract/i18n/index.js';
import { launchBrowser, newContext, type RunningServer, signIn, startServer } from './harness.js';

// Every page in every role's navigation opens, in both languages, without a script error, a
// console error or warning, or a message key shown instead of its text. The flows are tested
// elsewhere; this catches a page that breaks on opening (a library change such as decision 005
// shows here first).
const LOGINS = ['operator', 'admin', 'director', 'secretary', 'teacher', 'classteacher', 'parent', 'student'] as const;
const LOCALES: readonly Locale[] = ['ru', 'en'];
const MESSAGE_KEYS = Object.keys(ru);

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

describe.each(LOCALES)('every page opens cleanly (%s)', (locale) => {
  it.each(LOGINS)('for %s', async (login) => {
    const context = await newContext(browser, server.url);
    await context.addCookies([{ name: 'otmetka_lang', value: locale, url: server.url }]);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    try {
      await signIn(page, login);
      await page.waitForLoadState('networkidle');
      const hrefs = await page
        .locator('nav a[href^="/"]')
        .evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute('href') ?? ''))].filter(Boolean));
      expect(hrefs.length, 'the navigation lists pages').toBeGreaterThan(1);
      for (const href of hrefs) {
        await page.goto(href);
        await page.waitForLoadState('networkidle');
        await page.locator('main h1').first().waitFor({ timeout: 10_000 });
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
        const text = (await page.locator('body').textContent()) ?? '';
        const shownKeys = MESSAGE_KEYS.filter((key) => text.includes(key));
        if (shownKeys.length > 0) problems.push(`${href} shows message keys: ${shownKeys.slice(0, 5).join(', ')}`);
      }
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
