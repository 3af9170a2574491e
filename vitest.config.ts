import { defineConfig } from 'vitest/config';

// The browser tests drive the pages the route tests already check on both engines; run once, on the
// embedded database that `npm start` serves, they keep the two runs of CI within its 20 minutes.
const onPostgres = Boolean(process.env.KIZUNA_TEST_DATABASE_URL);

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', ...(onPostgres ? [] : ['e2e/**/*.test.ts'])],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration files each open a database; two cores run two files at a time.
    maxWorkers: 2,
    reporters: ['default'],
    globalSetup: ['test/globalSetup.ts'],
  },
});
