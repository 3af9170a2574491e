/**
 * The anniversaries' budgets (issue 14), on the imported register with the exchange log
 * bench/exchanges.ts makes: server time of the anniversaries page for a year and of a country's
 * iCalendar feed (answers not cached), and a consulate's jurisdiction's page and feed beside them.
 * Run alone (`node dist/bench/anniversaries.js`) on the database of KIZUNA_DATA_DIR or DATABASE_URL.
 */
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { openDatabase, optionsFromEnvironment, queryRows, type Db } from '../src/db/client.js';
import { createJurisdiction, getJurisdiction } from '../src/services/jurisdictions.js';
import { today } from '../src/services/registry.js';
import { generateExchangeLog } from './exchanges.js';
import { line as printLine, percentile, serverTimes, type Line } from './portal.js';
import { startServer, type Engine } from './server.js';

const SLUG = 'northern-and-central-california';

/** The Bay Area's and the Central Valley's counties (FIPS), as a consulate in San Francisco might keep them. */
const COUNTIES = ['001', '013', '019', '029', '041', '047', '053', '055', '067', '075', '077', '081', '085', '087', '095', '097', '099', '107'];

/**
 * The Wikipedia pairs carry no date of signing, so that no relationship would have an anniversary:
 * each undated relationship of Japan's gets a date between 1955 and 2025, the same on every run
 * (seeded), to the day for three in five, to the month for one in four, to the year for the rest.
 * Only the bench's register is dated so; the statistics of its later steps count them as dated.
 */
async function dateRelationships(db: Db): Promise<number> {
  const [dated] = await queryRows<{ count: number }>(db, sql`select count(*)::int as count from relationships where (first_country = 'JP' or second_country = 'JP') and signed_on is not null`);
  if ((dated?.count ?? 0) > 0) return dated!.count;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select setseed(0.55)`);
    await tx.execute(sql`update relationships r set signed_on = chosen.signed_on, signed_precision = chosen.precision from (
        select id, precision, date_trunc(case precision when 'day' then 'day' when 'month' then 'month' else 'year' end, day)::date as signed_on from (
          select id, date '1955-01-01' + floor(random() * (date '2025-12-31' - date '1955-01-01'))::int as day,
            (array['day', 'day', 'day', 'day', 'day', 'day', 'day', 'day', 'day', 'day', 'day', 'day', 'month', 'month', 'month', 'month', 'month', 'year', 'year', 'year'])[1 + floor(random() * 20)::int] as precision
          from relationships where (first_country = 'JP' or second_country = 'JP') and signed_on is null order by id
        ) drawn
      ) chosen where r.id = chosen.id`);
    const [count] = await queryRows<{ count: number }>(tx, sql`select count(*)::int as count from relationships where signed_on is not null and (first_country = 'JP' or second_country = 'JP')`);
    return count!.count;
  }).finally(() => db.execute(sql`analyze relationships`));
}

/** Makes the exchange log, the dates and the jurisdiction when they are not there yet, in this process (an embedded folder has one opener). */
async function prepare(engine: Engine): Promise<void> {
  const database = await openDatabase(optionsFromEnvironment({ ...process.env, ...engine.env }));
  try {
    await generateExchangeLog(database.db);
    console.log(`  ${'relationships of Japan dated'.padEnd(34)} ${(await dateRelationships(database.db)).toLocaleString('en')}`);
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
