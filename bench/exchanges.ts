/**
 * The exchange log's budgets (issue 14): a plausible log generated over the imported register
 * (30,000 exchanges over 5,000 international relationships, every one of Japan's among them, some
 * lively, some gone quiet years ago), then the server time of the statistics page with vitality, a relationship's
 * page and the list and statistics that now judge vitality. Run by `npm run bench` after the
 * portal's figures; `node dist/bench/exchanges.js` runs it alone on the database of
 * KIZUNA_DATA_DIR or DATABASE_URL (the Wikipedia pairs imported), adding the log once.
 */
import { sql } from 'drizzle-orm';
import { fileURLToPath } from 'node:url';
import { openDatabase, optionsFromEnvironment, queryRows, type Db } from '../src/db/client.js';
import { EXCHANGE_KINDS } from '../src/domain/exchanges.js';
import { line as printLine, percentile, serverTimes, type Line } from './portal.js';
import { startServer, type Engine } from './server.js';

export const LOG_RELATIONSHIPS = 5000;
export const EXCHANGES_EACH = 6;

/**
 * Adds the log in one statement, the same on every run (seeded): each chosen relationship gets six
 * exchanges of every kind and direction between its signing (or 1990) and a last year that makes a
 * quarter of them quiet, a quarter in name only and half active. Returns how many exchanges there
 * are and the relationship with the latest exchange, whose page the bench times.
 */
export async function generateExchangeLog(db: Db): Promise<{ exchanges: number; relationships: number; seconds: number; relationshipId: number }> {
  const started = performance.now();
  const [existing] = await queryRows<{ count: number }>(db, sql`select count(*)::int as count from exchanges`);
  if ((existing?.count ?? 0) === 0) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`select setseed(0.14)`);
      await tx.execute(sql`
        with chosen as (
          -- Every international relationship of Japan's first (about a thousand in the Wikipedia pairs), then others.
          select id, first_id, second_id, row_number() over (order by md5(id::text)) as n,
            greatest(coalesce(signed_on, date '1990-01-01'), date '1990-01-01') as since
          from relationships
          where status in ('active', 'dormant') and not domestic
          order by (first_country = 'JP' or second_country = 'JP') desc, md5(id::text) limit ${LOG_RELATIONSHIPS}
        ), spans as (
          -- Half lively to last month, a quarter quiet since five years, a quarter silent since fifteen.
          select *, current_date - 10 - case n % 4 when 1 then 5 * 365 when 2 then 15 * 365 else 30 end as until from chosen
        ), dated as (
          select s.id, s.first_id, s.second_id, s.since, s.until, g,
            least(s.since, s.until - 365) + floor(random() * (s.until - least(s.since, s.until - 365)))::int as day, random() as r
          from spans s, generate_series(1, ${EXCHANGES_EACH}) g
        )
        insert into exchanges (relationship_id, started_on, ended_on, kind, direction, visitor_id, participants, description_en, description_ja)
        select id, day,
          case when r < 0.4 then day + (1 + floor(random() * 9))::int end,
          (${sql.param([...EXCHANGE_KINDS])}::text[])[1 + floor(random() * ${EXCHANGE_KINDS.length})::int],
          case when r < 0.25 then 'visit' when r < 0.5 then 'visit' when r < 0.7 then 'mutual' else 'remote' end,
          case when r < 0.25 then first_id when r < 0.5 then second_id end,
          case when random() < 0.2 then null else 2 + floor(random() * 120)::int end,
          'Exchange ' || g || ' of the bench’s log: delegations, pupils and letters.',
          case when random() < 0.5 then 'ベンチマーク用の交流記録 ' || g else '' end
        from dated`);
    });
    // The triggers rewrote 5,000 relationships: PGlite has no autovacuum to clear their old versions.
    await db.execute(sql`vacuum analyze relationships`);
    await db.execute(sql`vacuum analyze exchanges`);
  }
  const [counts] = await queryRows<{ exchanges: number; relationships: number }>(
    db,
    sql`select count(*)::int as exchanges, count(distinct relationship_id)::int as relationships from exchanges`,
  );
  const [latest] = await queryRows<{ id: number }>(db, sql`select relationship_id as id from exchanges order by started_on desc, id desc limit 1`);
  return { ...counts!, seconds: (performance.now() - started) / 1000, relationshipId: latest!.id };
}

/** Generates the log in this process (the server must not hold an embedded folder), then times the pages through a server. */
export async function benchExchanges(engine: Engine, port: number, line: Line = printLine): Promise<void> {
  const database = await openDatabase(optionsFromEnvironment({ ...process.env, ...engine.env }));
  let log: Awaited<ReturnType<typeof generateExchangeLog>>;
  try {
    log = await generateExchangeLog(database.db);
  } finally {
    await database.close();
  }
  console.log(`  ${'exchange log'.padEnd(34)} ${log.exchanges.toLocaleString('en')} exchanges over ${log.relationships.toLocaleString('en')} relationships (${log.seconds.toFixed(1)} s to make)`);
  const server = await startServer(engine, port, { KIZUNA_CACHE_MB: '0', KIZUNA_RATE_LIMITS: 'off' });
  try {
    const timed = async (label: string, path: string, budget: string) => {
      await serverTimes(server.url, path, 3);
      const times = await serverTimes(server.url, path, 30);
      line(label, `${percentile(times, 50).toFixed(1)} / ${percentile(times, 95).toFixed(1)} ms`, budget);
    };
    await timed('statistics page with vitality p50 / p95', '/statistics', '≤ 100 ms');
    await timed('relationship page with its log p50 / p95', `/relationships/${log.relationshipId}`, '≤ 30 ms');
    await timed('/api/stats with vitality p50 / p95', '/api/stats', '≤ 100 ms');
    await timed('list page (/countries/US) with vitality p50 / p95', '/countries/US', '≤ 50 ms');
    await timed('statistics as of 2010-06-01 p50 / p95', '/statistics?asOf=2010-06-01', '—');
  } finally {
    await server.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const engine: Engine = { name: 'this database', env: {}, cleanUp: async () => {} };
  console.log(`Exchange log bench on ${process.env.DATABASE_URL ? 'PostgreSQL' : `PGlite at ${process.env.KIZUNA_DATA_DIR ?? './var'}`}`);
  benchExchanges(engine, Number(process.env.KIZUNA_BENCH_PORT ?? 39_480)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
