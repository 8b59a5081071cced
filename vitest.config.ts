import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Web unit tests (pure functions, node environment) import the contract the way the web build does.
  resolve: { alias: { '@contract': new URL('./contract', import.meta.url).pathname } },
  test: {
    include: ['server/**/*.test.ts', 'contract/**/*.test.ts', 'web/src/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
