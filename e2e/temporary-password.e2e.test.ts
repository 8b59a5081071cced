import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../contract/i18n/index.js';
import { launchBrowser, newContext, type RunningServer, screenshot, signIn, startServer } from './harness.js';

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

describe('a temporary password (issue 12.11)', () => {
  it('sends the user to the change-password form, and only then home', async () => {
    // The teacher's staff id, then the admin resets the password (as the staff card's button does).
    const teacherContext = await newContext(browser, server.url);
    const teacherPage = await teacherContext.newPage();
    await signIn(teacherPage, 'teacher');
    const staffId = await teacherPage.evaluate(async () => (await (await fetch('/api/auth/me')).json()).schools[0].staffId as string);
    await teacherContext.close();
    const adminContext = await newContext(browser, server.url);
    const adminPage = await adminContext.newPage();
    await signIn(adminPage, 'admin');
    const reset = await adminPage.evaluate(async (id) => {
      const me = await (await fetch('/api/auth/me')).json();
      const res = await fetch(`/api/schools/${me.schools[0].id}/staff/${id}/password-reset`, { method: 'POST' });
      return { status: res.status, body: await res.text() };
    }, staffId);
    await adminContext.close();
    expect(reset.status, reset.body).toBe(200);
    const { login, temporaryPassword } = JSON.parse(reset.body) as { login: string; temporaryPassword: string };
    expect(login).toBe('teacher');

    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    try {
      await page.goto('/login');
      await page.locator('input[name="username"]').fill(login);
      await page.locator('input[name="password"]').fill(temporaryPassword);
      await page.locator('button[type="submit"]').click();
      await page.getByTestId('change-password-form').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('password-change-required').textContent()).toBe(translate('ru', 'web.password.changeRequired'));
      // Going elsewhere comes back to the form.
      await page.goto('/');
      await page.getByTestId('change-password-form').waitFor({ timeout: 15_000 });
      await page.locator('input[name="current-password"]').fill(temporaryPassword);
      // A common password is refused with the server's message.
      await page.locator('input[name="new-password"]').fill('йцукенгшщз');
      await page.locator('input[name="repeat-password"]').fill('йцукенгшщз');
      await page.locator('button[type="submit"]').click();
      await page.getByTestId('password-error').waitFor();
      expect(await page.getByTestId('password-error').textContent()).toBe(translate('ru', 'error.commonPassword'));
      await screenshot(page, 'password-change-required');
      await page.locator('input[name="new-password"]').fill('синий-трамвай-1987');
      await page.locator('input[name="repeat-password"]').fill('синий-трамвай-1987');
      await page.locator('button[type="submit"]').click();
      await page.locator('h1[data-testid="home-teacher"]').waitFor({ timeout: 15_000 });
    } finally {
      await context.close();
    }
  });
});
