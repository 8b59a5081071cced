/**
 * Load scenarios: `npm run bench -- <name>` (or no name for all). Each scenario starts a real
 * server on 127.0.0.1 over a fresh database and ends by printing one JSON line per measurement:
 * {"scenario":…,"db":…,"rps":…,"p50_ms":…,"p99_ms":…,"errors":…}.
 */
const scenarios: Record<string, () => Promise<void>> = {
  journal: async () => (await import('./journal.js')).runJournalBench(),
  diary: async () => (await import('./diary.js')).runDiaryBench(),
  'first-load': async () => (await import('./first-load.js')).runFirstLoadBench(),
  crash: async () => (await import('./crash.js')).runCrashBench(),
  notify: async () => (await import('./notify.js')).runNotifyBench(),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length > 0 ? wanted : Object.keys(scenarios);
for (const name of names) {
  const run = scenarios[name];
  if (!run) {
    console.error(`Unknown scenario "${name}". Known: ${Object.keys(scenarios).join(', ')}`);
    process.exit(2);
  }
  await run();
}
process.exit(0);
