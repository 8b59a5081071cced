// End-to-end harness: the real server (`otmetka serve --demo` on a fresh SQLite database in a
// temporary DATA_DIR, on a free port) and Debian's Chromium driven by playwright-core.

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = path.join(ROOT, 'e2e', 'screenshots');
export const DEMO_PASSWORD = 'otmetka-demo';

// Without the background-networking flags Chromium keeps trying to reach Google's hosts, which
// this sandbox's closed network refuses.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Newest modification time of the files under a path (a file or a folder), 0 if it is missing. */
function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Builds the web app when web/dist is missing or older than its sources, so the tests never drive a stale build. */
export function ensureWebBuilt(): void {
  const built = newestMtime(path.join(ROOT, 'web', 'dist', 'index.html'));
  const sources = Math.max(
    newestMtime(path.join(ROOT, 'web', 'src')),
    newestMtime(path.join(ROOT, 'web', 'index.html')),
    newestMtime(path.join(ROOT, 'web', 'vite.config.ts')),
    newestMtime(path.join(ROOT, 'contract')),
  );
  if (built > 0 && built >= sources) return;
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build (bigger,
  // slower): the browser tests must drive (and time) what users get.
  const result = spawnSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) throw new Error(`npm run build:web failed with exit code ${result.status}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningServer {
  url: string;
  /** Everything the server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `node bin/otmetka.mjs serve --demo` on a free port with a fresh DATA_DIR and waits for
 * /api/health; `extraEnv` adds settings (the notification test points SMTP_URL and SMPP_URL at its
 * local servers).
 */
export async function startServer(extraEnv: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  ensureWebBuilt();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'otmetka-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    PUBLIC_URL: url,
    LOG_LEVEL: 'warn',
    SERVE_WEB: 'true',
    // scrypt at 2^14 instead of production's 2^17 (issue 12.11): every sign-in here stays fast.
    PASSWORD_HASH_COST: process.env.PASSWORD_HASH_COST ?? '14',
    // No daily backup of the demo at start (a worker started after BACKUP_TIME catches up the
    // day's run); the backups test sets its own time and backs up by hand.
    BACKUP_TIME: 'off',
    ...extraEnv,
  };
  // The browser tests always run on their own SQLite file, whatever the unit tests use.
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, ['bin/otmetka.mjs', 'serve', '--demo'], { cwd: ROOT, env, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exitCode !== undefined) throw new Error(`the server exited with code ${exitCode} before answering:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`the server did not answer /api/health within 90 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  return {
    url,
    output: () => output,
    stop: async () => {
      if (exitCode === undefined) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Launches Debian's Chromium headless; playwright-core never downloads a browser of its own. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** A fresh browser profile (no cookies), sized like a laptop screen. */
export async function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, viewport: { width: 1280, height: 800 }, locale: 'ru-RU', timezoneId: 'Europe/Kaliningrad' });
}

/** Signs in through the login page as a demo account and waits for the role's home page. */
export async function signIn(page: Page, login: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.locator('input[name="username"]').fill(login);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.locator('h1[data-testid^="home-"]').waitFor({ timeout: 15_000 });
}

/** Saves a full-page screenshot under e2e/screenshots/ (git-ignored) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
