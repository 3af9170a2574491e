import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

// The browser tests drive the pages the route tests already check on both engines; run once, on the
// embedded database that `npm start` serves, they keep the two runs of CI within its 20 minutes.
const onPostgres = Boolean(process.env.KIZUNA_TEST_DATABASE_URL);

/** The files that take minutes, slowest first: started first, none is left running alone at the end. */
const SLOW_FILES = [
  'e2e/portal.test.ts',
  'src/web/security.test.ts',
  'src/web/fuzz.test.ts',
  'src/cli/cli.test.ts',
  'src/workers.test.ts',
  'e2e/listings.test.ts',
  'src/services/importPairs.test.ts',
  'src/cli/accounts.test.ts',
  'e2e/matching.test.ts',
];

class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const index = SLOW_FILES.findIndex((slow) => file.moduleId.endsWith(slow));
      return index < 0 ? SLOW_FILES.length : index;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', ...(onPostgres ? [] : ['e2e/**/*.test.ts'])],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration files each open a database; two cores run two files at a time.
    maxWorkers: 2,
    reporters: ['default'],
    globalSetup: ['test/globalSetup.ts'],
    sequence: { sequencer: SlowFilesFirst },
  },
});
