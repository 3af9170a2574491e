import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration files each open a database; two cores run two files at a time.
    maxWorkers: 2,
    reporters: ['default'],
    globalSetup: ['test/globalSetup.ts'],
  },
});
