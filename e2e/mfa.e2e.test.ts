// Two-step sign-in (issue 12.3) in Chromium: a director (ru) and a school admin (en) of the demo
// school enrol TOTP from their account page (the secret read off the page, the code computed here),
// sign out, sign in with a code, then with a recovery code once; the same recovery code is refused.
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Locale, translate } from '../contract/i18n/index.js';
import { DEMO_PASSWORD, launchBrowser, newContext, type RunningServer, screenshot, startServer } from './harness.js';

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

const CASES: ReadonlyArray<readonly [locale: Locale, login: string, role: string]> = [
  ['ru', 'director', 'director'],
  ['en', 'admin', 'school_admin'],
];

const totp = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });

async function passwordStep(page: Page, login: string): Promise<void> {
  await page.goto('/login');
  await page.locator('input[name="username"]').fill(login);
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.locator('button[type="submit"]').click();
}

async function signOut(page: Page, locale: Locale): Promise<void> {
  await page.getByRole('button', { name: translate(locale, 'web.shell.logout') }).click();
  await page.locator('input[name="username"]').waitFor({ timeout: 15_000 });
}

describe.each(CASES)('two-step sign-in (%s, %s)', (locale, login, role) => {
  it('enrols from the account page, then signs in with a code and once with a recovery code', async () => {
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    const home = page.getByTestId(`home-${role}`);
    try {
      await page.goto('/login');
      if (locale !== 'ru') await page.locator(`.language-switch button[lang="${locale}"]`).click();
      await page.waitForFunction((lang) => document.documentElement.lang === lang, locale);
      await passwordStep(page, login);
      await home.waitFor({ timeout: 15_000 });

      // Enrolment: the account page, reached from the name in the header.
      await page.getByTestId('shell-security').click();
      expect((await page.getByTestId('mfa-status').textContent())?.trim()).toBe(translate(locale, 'web.mfa.status.off'));
      await page.getByTestId('mfa-start').click();
      await page.getByTestId('mfa-qr').waitFor();
      const secret = ((await page.getByTestId('mfa-secret').textContent()) ?? '').replace(/\s/g, '');
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(await page.getByTestId('mfa-qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      await screenshot(page, `mfa-${locale}-enrol`);

      await page.getByTestId('mfa-confirm-input').fill('000000');
      await page.getByTestId('mfa-confirm-submit').click();
      const wrong = page.getByTestId('mfa-confirm-error');
      await wrong.waitFor();
      expect((await wrong.textContent())?.trim()).toBe(translate(locale, 'error.mfa.wrongCode'));
      await page.getByTestId('mfa-confirm-input').fill(totp(secret).generate());
      await page.getByTestId('mfa-confirm-submit').click();
      const list = page.getByTestId('mfa-recovery-codes');
      await list.waitFor();
      const codes = (await list.locator('code').allTextContents()).map((c) => c.trim());
      expect(codes).toHaveLength(10);
      await screenshot(page, `mfa-${locale}-recovery-codes`);
      await page.getByTestId('mfa-recovery-done').click();
      await page
        .getByTestId('mfa-status')
        .filter({ hasText: translate(locale, 'web.mfa.status.on', { count: 10 }) })
        .waitFor();
      await screenshot(page, `mfa-${locale}-enrolled`);

      // Signing in now needs a code: the next step's (the enrolment took this step's).
      await signOut(page, locale);
      await passwordStep(page, login);
      await page.getByTestId('mfa-verify-input').waitFor({ timeout: 15_000 });
      expect(new URL(page.url()).pathname).toBe('/login/code');
      await screenshot(page, `mfa-${locale}-code`);
      await page.getByTestId('mfa-verify-input').fill(totp(secret).generate({ timestamp: Date.now() + 30_000 }));
      await page.getByTestId('mfa-verify-submit').click();
      await home.waitFor({ timeout: 15_000 });

      // A recovery code works once.
      const recovery = codes[0] as string;
      await signOut(page, locale);
      await passwordStep(page, login);
      await page.getByTestId('mfa-verify-input').fill(recovery);
      await page.getByTestId('mfa-verify-submit').click();
      await home.waitFor({ timeout: 15_000 });
      await page.getByTestId('shell-security').click();
      await page
        .getByTestId('mfa-status')
        .filter({ hasText: translate(locale, 'web.mfa.status.on', { count: 9 }) })
        .waitFor();

      await signOut(page, locale);
      await passwordStep(page, login);
      await page.getByTestId('mfa-verify-input').fill(recovery);
      await page.getByTestId('mfa-verify-submit').click();
      const refused = page.getByTestId('mfa-verify-error');
      await refused.waitFor();
      expect((await refused.textContent())?.trim()).toBe(translate(locale, 'error.mfa.wrongCode'));
      expect(new URL(page.url()).pathname).toBe('/login/code');
      await screenshot(page, `mfa-${locale}-recovery-refused`);
    } catch (err) {
      await screenshot(page, `FAILED-mfa-${locale}`);
      throw err;
    } finally {
      await context.close();
    }
  });
});
