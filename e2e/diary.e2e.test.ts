import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Locale, type MessageKey, translate } from '../contract/i18n/index.js';
import { addFreshGrade, type DemoChild, ensureDemoDiary } from './diary-fixture.js';
import { DEMO_PASSWORD, launchBrowser, type RunningServer, SCREENSHOTS, screenshot, startServer } from './harness.js';

// The diary of a parent with two children (issue 4): at phone width, in Russian and English —
// switch child, move between weeks, open a grade's details, print the week, read the grades by
// subject, make and revoke the calendar link; axe-core finds no serious or critical problem; and
// the first load of the diary on a simulated slow phone is measured.

const LOCALES: readonly Locale[] = ['ru', 'en'];
const PHONE = { width: 375, height: 812 };
const TIME_ZONE = 'Europe/Kaliningrad';
// Evaluated through the DevTools protocol: the app's CSP (script-src 'self') rightly refuses an injected <script>.
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Slow phone: Chromium CPU ×4 and a slow mobile network (Lighthouse's mobile profile: 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up). */
const CPU_SLOWDOWN = 4;
const SLOW_NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
/**
 * The aim (R5.4) is under 2 s; it is measured by `npm run bench -- first-load` (median of several
 * runs, with the waterfall), not asserted here: this test checks that the diary comes up on such a
 * phone at all and has the compressed assets, and prints its one figure.
 */

let server: RunningServer;
let browser: Browser;
let children: DemoChild[];
let schoolId: string;

function isoInZone(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}
function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
function mondayOf(iso: string): string {
  const weekday = (new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(iso, -weekday);
}

const today = isoInZone(new Date());
const thisMonday = mondayOf(today);
const previousMonday = addDays(thisMonday, -7);

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  children = await ensureDemoDiary(server.url, today, previousMonday);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function phoneContext(): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: server.url,
    viewport: PHONE,
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    locale: 'ru-RU',
    timezoneId: TIME_ZONE,
  });
}

async function signInAsParent(page: Page, locale: Locale): Promise<void> {
  await page.goto('/login');
  await page.locator('input[name="username"]').waitFor();
  if (locale !== 'ru') await page.locator(`.language-switch button[lang="${locale}"]`).click();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, locale);
  await page.locator('input[name="username"]').fill('parent');
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.getByTestId('home-parent').waitFor({ timeout: 15_000 });
  schoolId = new URL(page.url()).pathname.split('/')[2] ?? '';
}

/** Waits until the week of `monday` is on screen and nothing is loading. */
async function weekShown(page: Page, monday: string): Promise<void> {
  await page.locator(`[data-testid="diary-week"][data-week="${monday}"]`).waitFor({ timeout: 15_000 });
  await page.locator('.diary-week[aria-busy="false"]').waitFor({ timeout: 15_000 });
}

async function studentShown(page: Page, child: DemoChild): Promise<void> {
  await expect
    .poll(async () => (await page.getByTestId('diary-student').textContent()) ?? '', { timeout: 15_000 })
    .toContain(child.surname);
  await expect.poll(async () => (await page.getByTestId('diary-student').textContent()) ?? '').toContain(child.name);
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** Runs axe-core in the page; returns the serious and critical violations. */
async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } })
      .axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** What the phone's screen shows (a full-page shot would misplace a modal dialog). */
async function screenShot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

const text = (locale: Locale, key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);

describe.each(LOCALES)('the diary of a parent with two children (%s, 375 px)', (locale) => {
  // One long user flow: a generous time limit, the machine is shared.
  it('switches child, moves between weeks, opens a grade, prints the week, shows grades and the calendar link', {
    timeout: 180_000,
  }, async () => {
    const context = await phoneContext();
    const page = await context.newPage();
    try {
      await signInAsParent(page, locale);

      // From the home page to the diary of the child chosen there (the first).
      await page.getByTestId('home-open-diary').click();
      await weekShown(page, thisMonday);
      const [first, second] = children as [DemoChild, DemoChild];
      const shownFirst = (await page.getByTestId('diary-student').textContent()) ?? '';
      const [current, other] = shownFirst.includes(first.surname) && shownFirst.includes(first.name) ? [first, second] : [second, first];
      await studentShown(page, current);
      expect(new URL(page.url()).search).not.toContain(encodeURIComponent(current.surname));
      // Today stands out, and the week holds lessons with grades.
      await expect
        .poll(() => page.locator(`[data-testid="diary-day"][data-date="${today}"] time[aria-current="date"]`).count())
        .toBe(new Date(`${today}T00:00:00Z`).getUTCDay() === 0 ? 0 : 1);
      await screenshot(page, `diary-${locale}-week`);
      expect(await seriousViolations(page)).toEqual([]);

      // Switch to the other child: their week, their name. The first child's week has been on
      // screen long enough to count as seen (a glimpse under 2 s does not), which the «new» check
      // below relies on; on a fast machine the steps above can take less than that.
      await page.waitForTimeout(2_100);
      await page.getByTestId('diary-child').selectOption(other.id);
      await studentShown(page, other);
      await weekShown(page, thisMonday);
      expect(await page.getByTestId('diary-lesson').count()).toBeGreaterThan(0);
      await screenshot(page, `diary-${locale}-other-child`);

      // Previous week, next week, and a date picked in the calendar.
      await page.getByTestId('week-previous').click();
      await weekShown(page, previousMonday);
      expect(await page.getByTestId('grade-badge').count()).toBeGreaterThan(0);
      await screenshot(page, `diary-${locale}-previous-week`);
      await page.getByTestId('week-next').click();
      await weekShown(page, thisMonday);
      await page.getByTestId('week-date').fill(addDays(previousMonday, 2));
      await weekShown(page, previousMonday);

      // A grade's details: work type, weight, date; Escape closes and focus returns to the grade.
      const badge = page.getByTestId('grade-badge').first();
      await badge.click();
      const dialog = page.getByTestId('grade-details');
      await dialog.waitFor({ state: 'visible' });
      const details = (await dialog.textContent()) ?? '';
      expect(details).toContain(text(locale, 'diaryWeb.grade.workType'));
      expect(details).toContain(text(locale, 'diaryWeb.grade.weight'));
      await screenShot(page, `diary-${locale}-grade-details`);
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      expect(await badge.evaluate((el) => el === document.activeElement)).toBe(true);

      // Print: the week alone — no header, navigation or buttons; grades still there.
      await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.shell__header').isVisible()).toBe(false);
      expect(await page.getByTestId('week-previous').isVisible()).toBe(false);
      expect(await page.getByTestId('diary-child').isVisible()).toBe(false);
      expect(await page.getByTestId('grade-badge').first().isVisible()).toBe(true);
      await screenshot(page, `diary-${locale}-print`);
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize(PHONE);

      // Grades by subject for the current period, with the attendance summary.
      await page.getByTestId('diary-tab-grades').click();
      await page.getByTestId('diary-subjects').waitFor({ timeout: 15_000 });
      await page.locator('.diary-grades[aria-busy="false"]').waitFor();
      expect(await page.getByTestId('attendance-summary').textContent()).toContain(text(locale, 'diaryWeb.attendanceSummary.missed'));
      await screenshot(page, `diary-${locale}-grades`);
      expect(await seriousViolations(page)).toEqual([]);

      // The private calendar link: made, served as iCalendar, revoked, gone.
      await page.getByTestId('diary-tab-calendar').click();
      await page.getByRole('button', { name: text(locale, 'diaryWeb.calendar.create') }).click();
      const link = page.getByTestId('calendar-link');
      await link.waitFor();
      const url = await link.inputValue();
      expect(url).toMatch(/\.ics$/);
      const feed = await fetch(url);
      expect(feed.status).toBe(200);
      expect(await feed.text()).toContain('BEGIN:VCALENDAR');
      await screenshot(page, `diary-${locale}-calendar`);
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: text(locale, 'diaryWeb.calendar.revoke') }).click();
      await page.getByText(text(locale, 'diaryWeb.calendar.revoked')).waitFor();
      expect((await fetch(url)).status).toBe(404);

      // The choice of child is remembered on this device.
      await page.goto(`/schools/${schoolId}/diary`);
      await studentShown(page, other);
      await weekShown(page, thisMonday);

      // What changed since the last visit: the first child's diary was left (marked seen) when
      // the other child was chosen; a grade given since then is marked «new» on the next visit.
      const gradedOn = await addFreshGrade(server.url, current, today);
      await page.goto(`/schools/${schoolId}/diary?child=${current.id}&week=${gradedOn}`);
      await studentShown(page, current);
      await weekShown(page, mondayOf(gradedOn));
      const fresh = page.locator('[data-testid="grade-badge"].diary-grade--new');
      await expect.poll(() => fresh.count()).toBe(1);
      expect(await fresh.textContent()).toContain(text(locale, 'diaryWeb.new'));
      await fresh.scrollIntoViewIfNeeded();
      await screenShot(page, `diary-${locale}-new-grade`);
      await page.getByRole('button', { name: text(locale, 'diaryWeb.week.markSeen') }).click();
      await expect.poll(() => fresh.count()).toBe(0);

      // The same week on a desktop screen: days side by side.
      await page.setViewportSize({ width: 1280, height: 900 });
      await screenshot(page, `diary-${locale}-desktop`);
    } catch (err) {
      await screenshot(page, `FAILED-diary-${locale}`);
      throw err;
    } finally {
      await context.close();
    }
  });
});

describe('first load of the diary on a slow phone', () => {
  it(`shows the week with CPU ×${CPU_SLOWDOWN} and a slow mobile network, in compressed bytes`, {
    timeout: 120_000,
  }, async () => {
    const context = await phoneContext();
    const page = await context.newPage();
    try {
      await signInAsParent(page, 'ru');
      // A returning parent: signed in, the child chosen before; but nothing cached by the browser.
      await page.goto(`/schools/${schoolId}/diary`);
      await page.getByTestId('diary-week').waitFor({ timeout: 15_000 });
      // Notes the moment the first lesson is in the page, without waiting for the test's polling.
      await page.addInitScript(() => {
        const seen = () => {
          if (document.querySelector('[data-testid="diary-week"] [data-testid="diary-lesson"]')) {
            (window as unknown as { __diaryShownAt: number }).__diaryShownAt = performance.now();
            return true;
          }
          return false;
        };
        const observer = new MutationObserver(() => {
          if (seen()) observer.disconnect();
        });
        observer.observe(document, { childList: true, subtree: true });
      });
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });

      /** Opens the diary afresh; returns ms from navigation start to the first lesson on screen, and bytes. */
      const firstLoad = async (): Promise<{ ms: number; kib: number }> => {
        await page.goto('about:blank');
        await page.goto(`/schools/${schoolId}/diary`, { waitUntil: 'commit' });
        await page.locator('[data-testid="diary-week"] [data-testid="diary-lesson"]').first().waitFor({ timeout: 30_000 });
        // Measured by the page itself (see the init script), from the start of its navigation.
        const ms = Math.round(await page.evaluate(() => (window as unknown as { __diaryShownAt: number }).__diaryShownAt));
        const bytes = await page.evaluate(() =>
          performance
            .getEntriesByType('resource')
            .concat(performance.getEntriesByType('navigation'))
            .reduce((sum, e) => sum + ((e as PerformanceResourceTiming).transferSize || 0), 0),
        );
        return { ms, kib: Math.round(bytes / 1024) };
      };

      // The reader chose Russian on this device (the server may remember English from another test).
      await context.addCookies([{ name: 'otmetka_lang', value: 'ru', url: server.url }]);
      const cpuOnly = await firstLoad();
      await cdp.send('Network.emulateNetworkConditions', SLOW_NETWORK);
      const slow = await firstLoad();
      await screenshot(page, 'diary-slow-phone-first-load');
      console.log(
        `[diary first load] CPU ×${CPU_SLOWDOWN}, local network: ${cpuOnly.ms} ms; CPU ×${CPU_SLOWDOWN} + ${SLOW_NETWORK.latency} ms latency, 1.6 Mbit/s down: ${slow.ms} ms; ${slow.kib} KiB transferred`,
      );
      // Brotli/gzip assets: the app's ~840 KiB arrive as ~120 KiB.
      expect(slow.kib).toBeLessThan(300);

      // The boot script's requests are the ones the app uses: each asked once, and sent while the
      // main script is still downloading; a Russian reader never downloads the English messages.
      const resources = await page.evaluate(() =>
        (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => ({
          path: new URL(e.name).pathname,
          start: e.startTime,
          end: e.responseEnd,
        })),
      );
      const count = (test: (path: string) => boolean) => resources.filter((r) => test(r.path)).length;
      expect(count((p) => p === '/api/auth/me')).toBe(1);
      expect(count((p) => p === '/api/my/students')).toBe(1);
      expect(count((p) => p.endsWith('/diary/week'))).toBe(1);
      const mainScript = resources.find((r) => /^\/assets\/index-.*\.js$/.test(r.path));
      const week = resources.find((r) => r.path.endsWith('/diary/week'));
      expect(week && mainScript && week.start < mainScript.end).toBe(true);
      expect(count((p) => p.includes('catalogue.en'))).toBe(0);

      // A reader who chose English gets its messages fetched by the boot script, beside the main script.
      await context.addCookies([{ name: 'otmetka_lang', value: 'en', url: server.url }]);
      await firstLoad();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      const english = await page.evaluate(() =>
        (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((e) => e.name.includes('catalogue.en') || /\/assets\/index-.*\.js$/.test(e.name))
          .map((e) => ({ catalogue: e.name.includes('catalogue.en'), start: e.startTime, end: e.responseEnd })),
      );
      const catalogue = english.filter((e) => e.catalogue);
      expect(catalogue).toHaveLength(1);
      expect((catalogue[0]?.start ?? Infinity) < (english.find((e) => !e.catalogue)?.end ?? 0)).toBe(true);
    } finally {
      await context.close();
    }
  });
});
