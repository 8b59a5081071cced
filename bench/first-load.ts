import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, launchBrowser, startServer } from '../e2e/harness.js';

/**
 * First load of the diary on a slow phone (issue 4, R5.4; aim: under 2 s): the real server with
 * the demo school, Debian's Chromium at 375 px with CPU ×4 and Lighthouse's slow mobile network
 * (150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up), browser cache off. A returning parent (signed in,
 * the child chosen before) opens the diary; timed from navigation start to the first lesson on
 * screen (the frame after the lesson's element appears, so layout and paint count), measured by
 * the page itself. `--runs=N` (default 5), `--lang=en`; prints the median and the waterfall
 * of the median run, and ends with one JSON line.
 */

const args = process.argv.slice(2);
const RUNS = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);
/** The reader's chosen language (`--lang=en`): English is a chunk of its own, fetched by the boot script. */
const LANG = args.find((a) => a.startsWith('--lang='))?.slice(7) === 'en' ? 'en' : 'ru';
const CPU_SLOWDOWN = 4;
const SLOW_NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

interface Load {
  ms: number;
  kib: number;
  entries: Array<{ name: string; start: number; end: number; kib: number }>;
}

async function firstLoad(page: Page, path: string): Promise<Load> {
  await page.goto('about:blank');
  await page.goto(path, { waitUntil: 'commit' });
  // Waits for the page's own signal (see the init script): Playwright's locator polling would take
  // ~10 % of the throttled main thread during the load, which a phone does not have to pay.
  await page.evaluate(() => (window as unknown as { __diaryShown: Promise<number> }).__diaryShown);
  return page.evaluate(() => {
    const all = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')] as PerformanceResourceTiming[];
    const entries = all.map((e) => ({
      name: new URL(e.name).pathname,
      start: Math.round(e.startTime),
      end: Math.round(e.responseEnd),
      kib: Math.round((e.transferSize || 0) / 102.4) / 10,
    }));
    return {
      ms: Math.round((window as unknown as { __diaryShownAt: number }).__diaryShownAt),
      kib: Math.round(entries.reduce((s, e) => s + e.kib, 0)),
      entries,
    };
  });
}

export async function runFirstLoadBench(): Promise<void> {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 375, height: 812 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'ru-RU',
      timezoneId: 'Europe/Kaliningrad',
    });
    const page = await context.newPage();
    await page.goto('/login');
    await page.locator('input[name="username"]').fill('parent');
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.getByTestId('home-parent').waitFor({ timeout: 30_000 });
    const schoolId = new URL(page.url()).pathname.split('/')[2] ?? '';
    const path = `/schools/${schoolId}/diary`;
    // The server has prepared this week once, as it has in the evening for a returning family.
    await page.goto(path);
    await page.locator('[data-testid="diary-week"] [data-testid="diary-lesson"]').first().waitFor({ timeout: 30_000 });
    await page.addInitScript(() => {
      const shown = window as unknown as { __diaryShownAt: number; __diaryShown: Promise<number> };
      shown.__diaryShown = new Promise((resolve, reject) => {
        const timeout = setTimeout(() => reject(new Error('no lesson on screen within 60 s')), 60_000);
        const observer = new MutationObserver(() => {
          if (document.querySelector('[data-testid="diary-week"] [data-testid="diary-lesson"]')) {
            observer.disconnect();
            // On screen means painted: the inserted lesson still needs style, layout and paint. A
            // task queued from the next animation frame runs after that frame has been produced.
            requestAnimationFrame(() =>
              setTimeout(() => {
                shown.__diaryShownAt = performance.now();
                clearTimeout(timeout);
                resolve(shown.__diaryShownAt);
              }),
            );
          }
        });
        observer.observe(document, { childList: true, subtree: true });
      });
    });
    await context.addCookies([{ name: 'otmetka_lang', value: LANG, url: server.url }]);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    const cpuOnly = await firstLoad(page, path);
    await cdp.send('Network.emulateNetworkConditions', SLOW_NETWORK);
    const loads: Load[] = [];
    for (let i = 0; i < RUNS; i++) loads.push(await firstLoad(page, path));
    const sorted = [...loads].sort((a, b) => a.ms - b.ms);
    const median = sorted[Math.floor(sorted.length / 2)] as Load;
    console.log(`CPU ×${CPU_SLOWDOWN}, local network: ${cpuOnly.ms} ms`);
    console.log(
      `CPU ×${CPU_SLOWDOWN} + slow mobile network, ${RUNS} runs: ${loads.map((l) => l.ms).join(', ')} ms; median ${median.ms} ms, ${median.kib} KiB`,
    );
    console.log('\nwaterfall of the median run (ms from navigation start):');
    for (const e of median.entries)
      console.log(`  ${String(e.start).padStart(5)} → ${String(e.end).padStart(5)}  ${String(e.kib).padStart(6)} KiB  ${e.name}`);
    console.log(`  ${String(median.ms).padStart(14)}  first lesson on screen`);
    console.log(
      JSON.stringify({
        scenario: 'diary-first-load',
        lang: LANG,
        cpu_slowdown: CPU_SLOWDOWN,
        network: '150ms/1.6Mbit',
        median_ms: median.ms,
        runs_ms: loads.map((l) => l.ms),
        cpu_only_ms: cpuOnly.ms,
        kib: median.kib,
      }),
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}
