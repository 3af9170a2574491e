/**
 * The anniversaries' budgets (issue 14), on the imported register with the exchange log
 * bench/exchanges.ts makes: server time of the anniversaries page for a year and of a country's
 * iCalendar feed (answers not cached), and a consulate's jurisdiction's page and feed beside them.
 * Run alone (`node dist/bench/anniversaries.js`) on the database of KIZUNA_DATA_DIR or DATABASE_URL.
 */
import { fileURLToPath } from 'node:url';
import { openDatabase, optionsFromEnvironment } from '../src/db/client.js';
import { createJurisdiction, getJurisdiction } from '../src/services/jurisdictions.js';
import { today } from '../src/services/registry.js';
import { generateExchangeLog } from './exchanges.js';
import { line as printLine, percentile, serverTimes, type Line } from './portal.js';
import { startServer, type Engine } from './server.js';

const SLUG = 'northern-and-central-california';

/** The Bay Area's and the Central Valley's counties (FIPS), as a consulate in San Francisco might keep them. */
const COUNTIES = ['001', '013', '019', '029', '041', '047', '053', '055', '067', '075', '077', '081', '085', '087', '095', '097', '099', '107'];

/** Makes the exchange log and the jurisdiction when they are not there yet, in this process (an embedded folder has one opener). */
async function prepare(engine: Engine): Promise<void> {
  const database = await openDatabase(optionsFromEnvironment({ ...process.env, ...engine.env }));
  try {
    await generateExchangeLog(database.db);
    await getJurisdiction(database.db, SLUG).catch(() =>
      createJurisdiction(database.db, { kind: 'system', label: 'bench' }, { nameEn: 'Northern and Central California', members: COUNTIES.map((county) => `US-CA-${county}`).join('\n') }),
    );
  } finally {
    await database.close();
  }
}

export async function benchAnniversaries(engine: Engine, port: number, line: Line = printLine): Promise<void> {
  await prepare(engine);
  const year = today().slice(0, 4);
  const server = await startServer(engine, port, { KIZUNA_CACHE_MB: '0', KIZUNA_RATE_LIMITS: 'off' });
  try {
    for (const [label, path, budget] of [
      [`anniversaries page (${year}) p50 / p95`, `/anniversaries?year=${year}`, '≤ 50 ms'],
      ['  the same in Japanese', `/ja/anniversaries?year=${year}`, '≤ 50 ms'],
      ['  narrowed to California', `/anniversaries?year=${year}&country=US&region=CA`, '—'],
      ['iCalendar feed of a country (US) p50 / p95', '/countries/US/anniversaries.ics', '≤ 50 ms'],
      ['a jurisdiction’s page p50 / p95', `/jurisdictions/${SLUG}`, '—'],
      ['  its iCalendar feed', `/jurisdictions/${SLUG}/anniversaries.ics`, '—'],
    ] as const) {
      await serverTimes(server.url, path, 3);
      const times = await serverTimes(server.url, path, 30);
      line(label, `${percentile(times, 50).toFixed(1)} / ${percentile(times, 95).toFixed(1)} ms`, budget);
    }
  } finally {
    await server.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const engine: Engine = { name: 'this database', env: {}, cleanUp: async () => {} };
  console.log(`Anniversaries bench on ${process.env.DATABASE_URL ? 'PostgreSQL' : `PGlite at ${process.env.KIZUNA_DATA_DIR ?? './var'}`}`);
  benchAnniversaries(engine, Number(process.env.KIZUNA_BENCH_PORT ?? 39_490)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
