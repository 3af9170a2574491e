/**
 * The load runs of issue 13: many clients at once on the public pages, against Kizuna and against a
 * bare Hono page on the same machine in the same run; and scripts looping on matchmaking while
 * people search. Each client keeps one connection open and sends its next request when the answer
 * to the last has arrived, as a browser or a script does. KIZUNA_BENCH_LOAD_SECONDS shortens a run
 * (default 60). `node dist/bench/load.js` runs them alone on the database of KIZUNA_DATA_DIR or
 * DATABASE_URL, which must hold the register (the Wikipedia pairs imported) already.
 */
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { line as printLine, percentile, type Line } from './portal.js';
import { buildSearchQueries } from './queries.js';
import { startBareHono, startServer, type Engine } from './server.js';

/** The public pages of the issue's load, in both languages. */
export const PAGE_MIX = ['/', '/statistics', '/countries/US', '/prefectures', '/map', '/api/search?q=osaka', '/api/stats', '/ja/statistics'];

const seconds = Number(process.env.KIZUNA_BENCH_LOAD_SECONDS ?? 60);

interface Outcome {
  /** Answers by status ("error" for a failed or timed-out request). */
  statuses: Map<string, number>;
  /** Milliseconds of each answered request, sorted. */
  times: number[];
  perSecond: number;
}

/** What a client sends next: a path, and the headers that go with it (its address behind the proxy). */
type NextRequest = (client: number, sent: number) => { path: string; headers?: Record<string, string> };

/**
 * `clients` clients each sending requests one after another for `duration` seconds. Browsers'
 * Accept-Encoding, so answers come compressed as they would to people. Whatever is not 200 or 304
 * counts as an error.
 */
function load(url: string, clients: number, duration: number, next: NextRequest): Promise<Outcome> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const statuses = new Map<string, number>();
  const times: number[] = [];
  const count = (status: string) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
  const started = performance.now();
  const until = started + duration * 1000;
  const one = (path: string, headers: Record<string, string>) =>
    new Promise<void>((resolve) => {
      const sent = performance.now();
      const request = http.get(url + path, { agent, headers: { 'accept-encoding': 'gzip, deflate, br', ...headers }, timeout: 30_000 }, (response) => {
        response.on('data', () => {});
        response.on('end', () => {
          count(String(response.statusCode));
          times.push(performance.now() - sent);
          resolve();
        });
        response.on('error', () => {
          count('error');
          resolve();
        });
      });
      request.on('timeout', () => request.destroy(new Error('timed out')));
      request.on('error', () => {
        count('error');
        resolve();
      });
    });
  const client = async (index: number) => {
    for (let sent = 0; performance.now() < until; sent++) {
      const { path, headers = {} } = next(index, sent);
      await one(path, headers);
    }
  };
  return Promise.all(Array.from({ length: clients }, (_, index) => client(index))).then(() => {
    agent.destroy();
    const elapsed = (performance.now() - started) / 1000;
    times.sort((a, b) => a - b);
    return { statuses, times, perSecond: times.length / elapsed };
  });
}

const errorsOf = (outcome: Outcome) => [...outcome.statuses].filter(([status]) => status !== '200' && status !== '304').reduce((sum, [, n]) => sum + n, 0);
const summary = (outcome: Outcome) =>
  `${outcome.perSecond.toFixed(0)} req/s, p50 ${percentile(outcome.times, 50).toFixed(1)} ms, p99 ${percentile(outcome.times, 99).toFixed(1)} ms, ${errorsOf(outcome)} errors of ${outcome.times.length + (outcome.statuses.get('error') ?? 0)}`;

/** Every page of the mix once, so that the run measures pages once they are cached. */
async function warm(url: string): Promise<void> {
  for (const path of PAGE_MIX) {
    const response = await fetch(url + path, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  }
}

/** 100 clients on the page mix for the run's seconds, then the same on the bare Hono page; the ratio of the two. */
async function pagesUnderLoad(url: string, barePort: number, line: Line): Promise<void> {
  await warm(url);
  const kizuna = await load(url, 100, seconds, (client, sent) => ({ path: PAGE_MIX[(client + sent) % PAGE_MIX.length]! }));
  line(`100 clients × ${seconds} s, page mix`, `${kizuna.perSecond.toFixed(0)} req/s`, '≥ 1,000 req/s');
  line('  p50 / p99', `${percentile(kizuna.times, 50).toFixed(1)} / ${percentile(kizuna.times, 99).toFixed(1)} ms`, 'p99 ≤ 300 ms');
  line('  errors', `${errorsOf(kizuna)} of ${kizuna.times.length + (kizuna.statuses.get('error') ?? 0)}`, '0');
  const bare = await startBareHono(barePort);
  try {
    const yardstick = await load(bare.url, 100, seconds, () => ({ path: '/' }));
    console.log(`  ${'  bare Hono page, same load'.padEnd(34)} ${summary(yardstick)}`);
    line('  Kizuna / bare Hono, req/s', `${((100 * kizuna.perSecond) / yardstick.perSecond).toFixed(0)} %`, '—');
  } finally {
    await bare.stop();
  }
}

/** Japanese cities to match, a different one at each request so that none comes from the cache. */
async function seekers(url: string): Promise<number[]> {
  const ids: number[] = [];
  for (let page = 1; page <= 2; page++) {
    const body = (await (await fetch(`${url}/api/local-governments?country=JP&kind=city&limit=500&page=${page}`)).json()) as { results: { id: number }[] };
    ids.push(...body.results.map((lg) => lg.id));
  }
  return ids;
}

/** What the matchmaking scripts are told in their thread. */
interface ScriptsTask {
  url: string;
  ids: number[];
  addresses: string[];
}

/** The ten scripts: each loops on /api/match from its address, a different LG at each request so that none comes from the cache. */
async function runScripts({ url, ids, addresses }: ScriptsTask): Promise<Record<string, number>> {
  const outcome = await load(url, addresses.length, seconds, (script, sent) => ({ path: `/api/match?lg=${ids[(script * 97 + sent) % ids.length]}`, headers: { 'x-forwarded-for': addresses[script]! } }));
  return Object.fromEntries(outcome.statuses);
}

/**
 * Ten scripts looping on /api/match, from the addresses given (through X-Forwarded-For; the server
 * trusts a proxy for these runs), while people search: one request after another, each from another
 * address and with another query, so that neither the cache nor one bucket answers them. The scripts
 * run in a thread of their own, so that their answers (often a quick 429) do not delay the timing of
 * the searches in this one.
 */
async function searchWhileMatching(url: string, label: string, addresses: string[], line: Line): Promise<void> {
  const ids = await seekers(url);
  // The first ranking reads the places into memory, the first search builds its index: both are
  // timed elsewhere in the bench.
  for (const path of [`/api/match?lg=${ids[0]}`, '/api/search?q=kobe']) await (await fetch(url + path, { headers: { 'x-forwarded-for': '10.9.9.9' } })).arrayBuffer();
  const queries = buildSearchQueries(5000);
  const task: ScriptsTask = { url, ids, addresses };
  const [statuses, searching] = await Promise.all([
    new Promise<Record<string, number>>((resolve, reject) => {
      const scripts = new Worker(new URL(import.meta.url), { workerData: task });
      scripts.once('message', resolve);
      scripts.once('error', reject);
    }),
    load(url, 1, seconds, (_, sent) => ({
      path: `/api/search?q=${encodeURIComponent(queries[sent % queries.length]!)}`,
      headers: { 'x-forwarded-for': `10.1.${Math.floor(sent / 250) % 250}.${sent % 250}` },
    })),
  ]);
  console.log(`  ${`  ${label}`.padEnd(34)} matchmaking ${statuses['200'] ?? 0} answered, ${statuses['429'] ?? 0} refused (429); ${searching.times.length} searches`);
  line('  /api/search p50 / p95', `${percentile(searching.times, 50).toFixed(1)} / ${percentile(searching.times, 95).toFixed(1)} ms`, 'p95 ≤ 50 ms');
}

const tenAddresses = (network: string) => Array.from({ length: 10 }, (_, i) => `${network}.${i + 1}`);

/**
 * The load runs on an engine holding the register: the page mix with the settings of a default
 * install; then the matchmaking scripts from one machine, from ten, and from ten with fair use off,
 * which shows what taking turns does alone.
 */
export async function benchLoad(engine: Engine, port: number, line: Line): Promise<void> {
  const server = await startServer(engine, port, { KIZUNA_TRUST_PROXY: '1' });
  try {
    await pagesUnderLoad(server.url, port + 100, line);
    console.log(`  10 scripts on /api/match × ${seconds} s, searching meanwhile:`);
    await searchWhileMatching(server.url, 'from one address:', Array(10).fill('10.0.0.1'), line);
    await searchWhileMatching(server.url, 'from ten addresses:', tenAddresses('10.0.1'), line);
  } finally {
    await server.stop();
  }
  const unlimited = await startServer(engine, port, { KIZUNA_TRUST_PROXY: '1', KIZUNA_RATE_LIMITS: 'off' });
  try {
    await searchWhileMatching(unlimited.url, 'ten, fair use off:', tenAddresses('10.0.2'), line);
  } finally {
    await unlimited.stop();
  }
}

if (!isMainThread) {
  parentPort!.postMessage(await runScripts(workerData as ScriptsTask));
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const engine: Engine = { name: 'this database', env: {}, cleanUp: async () => {} };
  console.log(`Load runs on ${process.env.DATABASE_URL ? 'PostgreSQL' : `PGlite at ${process.env.KIZUNA_DATA_DIR ?? './var'}`}`);
  benchLoad(engine, Number(process.env.KIZUNA_BENCH_PORT ?? 39_480), printLine).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
