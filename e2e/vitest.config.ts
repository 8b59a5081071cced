import { defineConfig } from 'vitest/config';

// Browser tests: one real server and one Chromium per file, files one after another (2 cores).
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    // Building the web app (when web/dist is missing) and starting the server happen in beforeAll.
    hookTimeout: 240_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
