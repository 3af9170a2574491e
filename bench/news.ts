/**
 * News, feeds and commendations (issue 14): a plausible body of news generated over the imported
 * register (2,000 items over two years, each tagged with a country, a local government and a
 * relationship of Japan's), then the server time of the news page, the site's Atom feed, a
 * country's and a local government's feeds, the LG's page with its news, and the commendations'
 * page. Run by `npm run bench` after the exchange log; `node dist/bench/news.js` runs it alone on
 * the database of KIZUNA_DATA_DIR or DATABASE_URL (the Wikipedia pairs imported), adding the news once.
 */
import { sql } from 'drizzle-orm';
import { fileURLToPath } from 'node:url';
import { openDatabase, optionsFromEnvironment, queryRows, type Db } from '../src/db/client.js';
import { line as printLine, percentile, serverTimes, type Line } from './portal.js';
import { startServer, type Engine } from './server.js';

export const NEWS_ITEMS = 2000;

/**
 * Adds the news in two statements, the same on every run: each item about one of Japan's
 * international relationships (drawn by a hash of its number), tagged with the partner's country,
 * the Japanese party and the relationship. Returns how many items there are and the LG with the most.
 */
export async function generateNews(db: Db): Promise<{ items: number; seconds: number; localGovernmentId: number }> {
  const started = performance.now();
  const [existing] = await queryRows<{ count: number }>(db, sql`select count(*)::int as count from news_items`);
  if ((existing?.count ?? 0) === 0) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`
        with pairs as (
          select id, first_id, first_country, second_country, row_number() over (order by md5(id::text)) as n, count(*) over () as total
          from relationships where first_country = 'JP' and second_country <> 'JP' and status in ('active', 'dormant')
        ), items as (
          insert into news_items (title_en, title_ja, body_en, body_ja, published_at, updated_at)
          select 'Bench news ' || g, case when g % 2 = 0 then 'ベンチマーク用のニュース ' || g else '' end,
            'A visit, a concert, a letter between mayors: the bench’s news item ' || g || '.' || repeat(' More words of the item.', 20),
            case when g % 2 = 0 then 'ベンチマーク用の本文 ' || g else '' end,
            now() - (g || ' hours')::interval * 8, now() - (g || ' hours')::interval * 8
          from generate_series(1, ${NEWS_ITEMS}) g
          returning id
        ), numbered as (select id, row_number() over (order by id) as g from items)
        insert into news_tags (news_id, kind, value)
        select i.id, t.kind, t.value from numbered i
        join pairs p on p.n = 1 + (i.g * 7919) % p.total
        cross join lateral (values ('country', p.second_country::text), ('lg', p.first_id::text), ('relationship', p.id::text)) as t(kind, value)`);
    });
    await db.execute(sql`analyze news_items`);
    await db.execute(sql`analyze news_tags`);
  }
  const [counts] = await queryRows<{ items: number }>(db, sql`select count(*)::int as items from news_items`);
  const [busiest] = await queryRows<{ id: number }>(db, sql`select value::int as id from news_tags where kind = 'lg' group by value order by count(*) desc, value limit 1`);
  return { items: counts!.items, seconds: (performance.now() - started) / 1000, localGovernmentId: busiest!.id };
}

/** Generates the news in this process (the server must not hold an embedded folder), then times the pages through a server. */
export async function benchNews(engine: Engine, port: number, line: Line = printLine): Promise<void> {
  const database = await openDatabase(optionsFromEnvironment({ ...process.env, ...engine.env }));
  let news: Awaited<ReturnType<typeof generateNews>>;
  try {
    news = await generateNews(database.db);
  } finally {
    await database.close();
  }
  console.log(`  ${'news'.padEnd(34)} ${news.items.toLocaleString('en')} items (${news.seconds.toFixed(1)} s to make)`);
  const server = await startServer(engine, port, { KIZUNA_CACHE_MB: '0', KIZUNA_RATE_LIMITS: 'off' });
  try {
    const timed = async (label: string, path: string, budget: string) => {
      await serverTimes(server.url, path, 3);
      const times = await serverTimes(server.url, path, 30);
      line(label, `${percentile(times, 50).toFixed(1)} / ${percentile(times, 95).toFixed(1)} ms`, budget);
    };
    await timed('news page p50 / p95', '/news', '—');
    await timed('news page, Japanese, page 20 p50 / p95', '/ja/news?page=20', '—');
    await timed('Atom feed of all news p50 / p95', '/news.atom', '—');
    await timed('Atom feed of a country (US) p50 / p95', '/countries/US/news.atom', '—');
    await timed('Atom feed of an LG p50 / p95', `/lg/${news.localGovernmentId}/news.atom`, '—');
    await timed('LG page with its news p50 / p95', `/lg/${news.localGovernmentId}`, '≤ 30 ms');
    await timed('commendations page p50 / p95', '/commendations', '—');
  } finally {
    await server.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const engine: Engine = { name: 'this database', env: {}, cleanUp: async () => {} };
  console.log(`News bench on ${process.env.DATABASE_URL ? 'PostgreSQL' : `PGlite at ${process.env.KIZUNA_DATA_DIR ?? './var'}`}`);
  benchNews(engine, Number(process.env.KIZUNA_BENCH_PORT ?? 39_490)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
