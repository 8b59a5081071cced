// School security in Chromium at a phone's width (issue 12, items 3 and 12; decision 013): a staff
// account that reads more personal data than its budget is stopped with a readable message, the
// director (ru) and the admin (en) see the alert on their home page and on «Безопасность школы»,
// and they set the school's rule that every staff role signs in with a second factor.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Locale, translate } from '../contract/i18n/index.js';
import { DEMO_PASSWORD, launchBrowser, type RunningServer, screenshot, startServer } from './harness.js';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  // A small budget, so that one list of the demo school's pupils goes over it.
  const saved = process.env.READ_BUDGET_PER_HOUR;
  process.env.READ_BUDGET_PER_HOUR = '60';
  try {
    server = await startServer();
  } finally {
    if (saved === undefined) delete process.env.READ_BUDGET_PER_HOUR;
    else process.env.READ_BUDGET_PER_HOUR = saved;
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const phone = (b: Browser): Promise<BrowserContext> =>
  b.newContext({ baseURL: server.url, viewport: { width: 375, height: 812 }, locale: 'ru-RU', timezoneId: 'Europe/Kaliningrad' });

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

/** Reads the school's pupils as this account until the budget stops it; answers the refusal's message. */
async function readUntilRefused(page: Page, schoolId: string): Promise<string> {
  return page.evaluate(async (id) => {
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`/api/schools/${id}/students?limit=100&offset=${i * 100}`);
      if (res.status === 429) return ((await res.json()) as { error: { message: string } }).error.message;
      if (!res.ok) throw new Error(`unexpected ${res.status}`);
    }
    throw new Error('never refused');
  }, schoolId);
}

/** A student or parent of the demo school whose card has fields the family's consent does not allow. */
async function withheldCard(page: Page, schoolId: string, kind: 'students' | 'parents'): Promise<string> {
  return page.evaluate(
    async ({ id, kind }) => {
      for (let offset = 0; offset < 60; offset += 12) {
        const list = (await (await fetch(`/api/schools/${id}/${kind}?limit=12&offset=${offset}`)).json()) as {
          items: Array<{ id: string }>;
        };
        for (const item of list.items) {
          const card = (await (await fetch(`/api/schools/${id}/${kind}/${item.id}`)).json()) as { withheld: string[] };
          if (card.withheld.length > 0) return item.id;
        }
      }
      throw new Error('no card with withheld fields');
    },
    { id: schoolId, kind },
  );
}

describe('school security at 375 px', () => {
  it('ru: the secretary is stopped past the budget; the director sees the alert and turns on the staff second-factor rule', async () => {
    const secretaryContext = await phone(browser);
    const secretary = await secretaryContext.newPage();
    const directorContext = await phone(browser);
    const director = await directorContext.newPage();
    try {
      const schoolId = await signIn(secretary, 'secretary', 'ru');
      const message = await readUntilRefused(secretary, schoolId);
      expect(message).toContain('Норма защищает данные учеников от копирования');
      // The app says the same in its own page.
      await secretary.goto(`/schools/${schoolId}/students`);
      await secretary.getByText('Норма защищает данные учеников от копирования').waitFor({ timeout: 15_000 });
      await screenshot(secretary, 'security-ru-375-refused');

      const directorSchool = await signIn(director, 'director', 'ru');
      // Issue 12.10: a card names the fields the family's consent does not allow.
      const studentId = await withheldCard(director, directorSchool, 'students');
      await director.goto(`/schools/${directorSchool}/students/${studentId}`);
      const withheld = director.getByTestId('consent-withheld');
      await withheld.waitFor({ timeout: 15_000 });
      expect(await withheld.textContent()).toContain('Согласие семьи не разрешает хранить эти данные');
      await screenshot(director, 'consent-ru-375-student');
      await director.goto(`/schools/${directorSchool}/home/director`);
      const banner = director.getByTestId('read-alerts-banner');
      await banner.waitFor({ timeout: 15_000 });
      expect(await banner.textContent()).toContain(translate('ru', 'web.security.alerts.banner', { count: 1 }));
      await screenshot(director, 'security-ru-375-home');

      await banner.getByRole('link').click();
      await director.getByTestId('read-alert').first().waitFor();
      expect(await director.getByTestId('read-alerts').textContent()).toContain(translate('ru', 'web.security.alerts.window.hour'));

      const rule = director.getByTestId('security-mfa');
      expect((await director.getByTestId('security-mfa-state').textContent())?.trim()).toContain(translate('ru', 'web.security.mfa.off'));
      await rule.locator('input[name="staffMfaRequired"]').check();
      await rule.locator('button[type="submit"]').click();
      await rule.getByText(translate('ru', 'web.security.mfa.saved')).waitFor();
      expect(await director.getByTestId('security-mfa-state').textContent()).toContain(translate('ru', 'web.security.mfa.on'));
      await screenshot(director, 'security-ru-375-page');
    } finally {
      await secretaryContext.close();
      await directorContext.close();
    }
  });

  it('en: the class teacher is stopped too; the admin sees both alerts and turns the rule off again', async () => {
    const teacherContext = await phone(browser);
    const teacher = await teacherContext.newPage();
    const adminContext = await phone(browser);
    const admin = await adminContext.newPage();
    try {
      const schoolId = await signIn(teacher, 'classteacher', 'en');
      expect(await readUntilRefused(teacher, schoolId)).toContain("protects pupils' data from copying");

      await signIn(admin, 'admin', 'en');
      const parentId = await withheldCard(admin, schoolId, 'parents');
      await admin.goto(`/schools/${schoolId}/parents/${parentId}`);
      const withheld = admin.getByTestId('consent-withheld');
      await withheld.waitFor({ timeout: 15_000 });
      expect(await withheld.textContent()).toContain("The family's consent does not allow keeping this data");
      await screenshot(admin, 'consent-en-375-parent');
      await admin.goto(`/schools/${schoolId}/home/school_admin`);
      const banner = admin.getByTestId('read-alerts-banner');
      await banner.waitFor({ timeout: 15_000 });
      expect(await banner.textContent()).toContain(translate('en', 'web.security.alerts.banner', { count: 2 }));
      await screenshot(admin, 'security-en-375-home');

      await admin.goto(`/schools/${schoolId}/security`);
      await admin.getByTestId('read-alert').nth(1).waitFor();
      const rule = admin.getByTestId('security-mfa');
      await admin
        .getByTestId('security-mfa-state')
        .filter({ hasText: translate('en', 'web.security.mfa.on') })
        .waitFor();
      await rule.locator('input[name="staffMfaRequired"]').uncheck();
      await rule.locator('button[type="submit"]').click();
      await rule.getByText(translate('en', 'web.security.mfa.saved')).waitFor();
      expect(await admin.getByTestId('security-mfa-state').textContent()).toContain(translate('en', 'web.security.mfa.off'));
      await screenshot(admin, 'security-en-375-page');
    } finally {
      await teacherContext.close();
      await adminContext.close();
    }
  });
});
