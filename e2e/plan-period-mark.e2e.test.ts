import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, newContext, type RunningServer, screenshot, startServer } from './harness.js';
import { apiSignIn, ensureDemoTimetable } from './journal-fixture.js';

// The thematic plan page and «why this period mark?» (issue 11, item 4): a teacher imports a plan
// with one bad row, fixes it, applies it and sees the topics on lessons; the journal and the
// parent's diary explain the proposed period mark. In Russian and English, with screenshots.

let server: RunningServer;
let browser: Browser;
let curriculumId: string;
let schoolId: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const journals = await ensureDemoTimetable(server.url);
  curriculumId = journals[0] as string;
  if (!curriculumId) throw new Error('the demo teacher has no journal to write in');
  schoolId = (await apiSignIn(server.url, 'teacher')).schoolId;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

type Locale = 'ru' | 'en';

async function signInAs(login: string, locale: Locale): Promise<Page> {
  const context = await newContext(browser, server.url);
  const page = await context.newPage();
  await page.goto('/login');
  await page.locator('input[name="username"]').waitFor();
  if (locale !== 'ru') await page.locator(`.language-switch button[lang="${locale}"]`).click();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, locale);
  await page.locator('input[name="username"]').fill(login);
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.locator('h1[data-testid^="home-"]').waitFor({ timeout: 15_000 });
  return page;
}

const csvFile = (text: string) => ({ name: 'ktp.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

const TEXT = {
  ru: {
    badRow: 'количество часов должно быть целым числом от 1 до 20',
    problems: 'В файле ошибок: 1',
    applied: 'План сохранён',
    proposed: 'Предлагаемая оценка',
  },
  en: {
    badRow: 'hours must be a whole number from 1 to 20',
    problems: 'Errors in the file: 1',
    applied: 'The plan is saved',
    proposed: 'Proposed mark',
  },
} as const;

describe.each(['ru', 'en'] as const)('thematic plan and the period mark explanation (%s)', (locale) => {
  it('imports a plan with one bad row, fixes it, applies it and shows topics on lessons', { timeout: 120_000 }, async () => {
    const page = await signInAs('teacher', locale);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    try {
      await page.goto(`/schools/${schoolId}/journal/${curriculumId}`);
      await page.getByTestId('plan-link').click();
      await page.getByTestId('plan-file').waitFor();

      const topic = locale === 'ru' ? 'Повторение' : 'Revision';
      const bad = `№;Тема;Часы;ДЗ\n1;${topic} 1;2;№ 1\n2;${topic} 2;200;\n3;${topic} 3;1;\n`;
      await page.getByTestId('plan-file').setInputFiles(csvFile(bad));
      await page.getByTestId('plan-check').click();
      const problems = page.getByTestId('plan-problems');
      await problems.waitFor();
      expect(await problems.textContent()).toContain(TEXT[locale].problems);
      expect(await problems.locator('tbody tr').allTextContents()).toEqual([`3${TEXT[locale].badRow}`]);
      expect(await page.getByTestId('plan-apply').isDisabled()).toBe(true);
      await screenshot(page, `plan-problems-${locale}`);

      await page.getByTestId('plan-file').setInputFiles(csvFile(bad.replace(';200;', ';1;')));
      await page.getByTestId('plan-check').click();
      await page.getByTestId('plan-preview').waitFor();
      await page.getByTestId('plan-apply').click();
      await page.getByText(TEXT[locale].applied).waitFor();
      const rows = page.getByTestId('plan-lessons').locator('tbody tr');
      await expect.poll(async () => (await rows.first().textContent()) ?? '').toContain(`${topic} 1`);
      expect(await rows.nth(1).textContent()).toContain(`${topic} 1`); // two hours
      expect(await rows.nth(2).textContent()).toContain(`${topic} 2`);
      await screenshot(page, `plan-applied-${locale}`);

      // The journal shows the plan's first topic on the year's first lesson (when that lesson has no own topic).
      const lessons = (await (
        await fetch(`${server.url}/api/schools/${schoolId}/journals/${curriculumId}/plan-lessons`, {
          headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
        })
      ).json()) as { lessons: Array<{ plannedTopic: string | null }> };
      expect(lessons.lessons[0]?.plannedTopic).toBe(`${topic} 1`);
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('explains the proposed period mark in the journal', { timeout: 120_000 }, async () => {
    const page = await signInAs('teacher', locale);
    try {
      await page.goto(`/schools/${schoolId}/journal/${curriculumId}`);
      await page.getByTestId('journal-grid').waitFor();
      const explain = page.getByTestId('explain-proposed').first();
      await explain.waitFor({ timeout: 15_000 });
      const proposed = ((await explain.textContent()) ?? '').trim();
      await explain.click();
      const dialog = page.getByTestId('period-dialog');
      const explanation = dialog.getByTestId('period-mark-explanation');
      await explanation.waitFor({ timeout: 15_000 });
      expect(await dialog.getByTestId('period-mark-proposed').textContent()).toContain(TEXT[locale].proposed);
      expect(await dialog.getByTestId('period-mark-proposed').textContent()).toContain(`: ${proposed} (`);
      await dialog.screenshot({ path: `e2e/screenshots/period-mark-journal-${locale}.png` });
    } finally {
      await page.context().close();
    }
  });

  it('explains the proposed period mark in the parent’s diary', { timeout: 120_000 }, async () => {
    const page = await signInAs('parent', locale);
    try {
      await page.goto(`/schools/${schoolId}/diary/grades`);
      const details = page.getByTestId('diary-period-mark').first();
      await details.waitFor({ timeout: 15_000 });
      await details.locator('summary').click();
      await details.getByTestId('period-mark-explanation').waitFor();
      expect(await details.getByTestId('period-mark-weighted').textContent()).toMatch(/\d/);
      await details.scrollIntoViewIfNeeded();
      await details.screenshot({ path: `e2e/screenshots/period-mark-diary-${locale}.png` });
    } finally {
      await page.context().close();
    }
  });
});
