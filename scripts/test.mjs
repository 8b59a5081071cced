#!/usr/bin/env node
// `npm test`: every suite, ending with one line "N passed, N failed" summed over all of them.
//   1. Vitest on SQLite, in UTC;
//   2. Vitest on PostgreSQL (TEST_DATABASE_URL) in a non-UTC zone (Asia/Vladivostok), so date code
//      that leans on the machine's zone fails here and not at a school in the Far East;
//   3. the browser tests in e2e/ (Vitest + playwright-core driving /usr/bin/chromium).
// Under CI=true a missing PostgreSQL or Chromium is a failure; on a developer's machine it is a
// loud warning and the suite is skipped.
//
//   node scripts/test.mjs               all suites
//   node scripts/test.mjs --only e2e    one suite (sqlite | postgres | e2e)
//   extra arguments after `--` go to Vitest (e.g. a file filter)

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PG_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const CHROMIUM = '/usr/bin/chromium';
const CI = process.env.CI === 'true' || process.env.CI === '1';
const SUITES = ['sqlite', 'postgres', 'e2e'];

function parseArgs(argv) {
  const dashDash = argv.indexOf('--');
  const own = dashDash === -1 ? argv : argv.slice(0, dashDash);
  const passThrough = dashDash === -1 ? [] : argv.slice(dashDash + 1);
  let only = null;
  for (let i = 0; i < own.length; i++) {
    if (own[i] === '--only') only = own[++i];
    else if (own[i]?.startsWith('--only=')) only = own[i].slice('--only='.length);
    else {
      console.error(`Unknown argument "${own[i]}". Usage: node scripts/test.mjs [--only ${SUITES.join('|')}] [-- vitest args]`);
      process.exit(2);
    }
  }
  if (only !== null && !SUITES.includes(only)) {
    console.error(`--only takes one of: ${SUITES.join(', ')}`);
    process.exit(2);
  }
  return { only, passThrough };
}

function banner(text) {
  const line = '='.repeat(Math.max(60, text.length + 4));
  console.log(`\n${line}\n  ${text}\n${line}`);
}

function warnLoudly(text) {
  const line = '!'.repeat(72);
  console.warn(`\n${line}\n!! WARNING: ${text}\n${line}\n`);
}

/** Runs Vitest with the JSON reporter next to the default one; returns the counts it wrote. */
function runVitest(name, { env, args }) {
  const report = path.join(os.tmpdir(), `otmetka-vitest-${name}-${process.pid}.json`);
  fs.rmSync(report, { force: true });
  const vitest = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
  const fullArgs = [vitest, 'run', '--passWithNoTests', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, fullArgs, { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'inherit' });
    child.on('exit', (code, signal) => {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      let readable = false;
      try {
        const json = JSON.parse(fs.readFileSync(report, 'utf8'));
        passed = json.numPassedTests ?? 0;
        failed = json.numFailedTests ?? 0;
        skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
        readable = true;
        // A file that fails to load has no failed test but a failed suite: count it, so a broken
        // import can never pass as "0 failed".
        if (failed === 0 && (json.numFailedTestSuites ?? 0) > 0) failed = json.numFailedTestSuites;
      } catch {
        // No report: Vitest crashed before writing it.
      }
      fs.rmSync(report, { force: true });
      if (code !== 0 && failed === 0) {
        console.error(
          `\n${name}: Vitest exited with ${signal ?? `code ${code}`}${readable ? '' : ' and wrote no report'}; counted as one failure.`,
        );
        failed = 1;
      }
      resolve({ name, passed, failed, skipped, status: 'ran' });
    });
  });
}

async function postgresReachable(url) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await client.end().catch(() => {});
  }
}

function unavailable(name, why) {
  if (CI) {
    console.error(`\n${name}: ${why} — under CI this is a failure.`);
    return { name, passed: 0, failed: 1, skipped: 0, status: 'unavailable' };
  }
  warnLoudly(`${name} tests SKIPPED: ${why}`);
  return { name, passed: 0, failed: 0, skipped: 0, status: 'skipped' };
}

async function main() {
  const { only, passThrough } = parseArgs(process.argv.slice(2));
  const wanted = only ? [only] : SUITES;
  const results = [];
  const unitEnv = { TEST_DATABASE_URL: '', DATABASE_URL: '' };

  if (wanted.includes('sqlite')) {
    banner('Unit and API tests on SQLite (TZ=UTC)');
    results.push(await runVitest('sqlite', { env: { ...unitEnv, TZ: 'UTC' }, args: passThrough }));
  }

  if (wanted.includes('postgres')) {
    banner('Unit and API tests on PostgreSQL (TZ=Asia/Vladivostok)');
    const problem = await postgresReachable(PG_URL);
    if (problem) {
      results.push(unavailable('postgres', `PostgreSQL at ${PG_URL.replace(/\/\/[^@]*@/, '//***@')} is unreachable (${problem})`));
    } else {
      results.push(
        await runVitest('postgres', { env: { ...unitEnv, TEST_DATABASE_URL: PG_URL, TZ: 'Asia/Vladivostok' }, args: passThrough }),
      );
    }
  }

  if (wanted.includes('e2e')) {
    banner('Browser tests (Chromium)');
    if (!fs.existsSync(CHROMIUM)) {
      results.push(unavailable('e2e', `${CHROMIUM} is missing (apt-get install -y chromium)`));
    } else {
      results.push(await runVitest('e2e', { env: { ...unitEnv, TZ: 'UTC' }, args: ['--config', 'e2e/vitest.config.ts', ...passThrough] }));
    }
  }

  banner('Summary');
  for (const r of results) {
    const detail = r.status === 'ran' ? `${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}` : r.status;
    console.log(`  ${r.name.padEnd(10)} ${detail}`);
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
