/**
 * Matchmaking in `npm run bench`: the time to rank one LG over all its candidates, and the
 * leave-one-out evaluation over the imported Wikipedia pairs (src/services/matchEvaluation.ts).
 */
import { evaluationLines } from '../src/cli/evaluate.js';
import type { Db } from '../src/db/client.js';
import { evaluateMatching as evaluateAll } from '../src/services/matchEvaluation.js';
import { percentile, serverTimes } from './portal.js';

type Line = (label: string, value: string, budget: string) => void;

/**
 * GET /api/match right after the server starts (the tables still loading in the background), then
 * for thirty Japanese cities without a listing and each LG with a published listing, ten times each,
 * every one ranked over all its candidates abroad; the server's own times.
 */
export async function benchMatchRequests(url: string, line: Line): Promise<void> {
  const getJson = async <T>(path: string) => (await fetch(url + path)).json() as Promise<T>;
  const cities = await getJson<{ results: { id: number }[] }>('/api/local-governments?country=JP&kind=city&limit=30');
  const first = await serverTimes(url, `/api/match?lg=${cities.results[0]!.id}`, 1);
  const lists = await Promise.all(['from-japan', 'to-japan'].map((direction) => getJson<{ results: { localGovernment: { id: number } }[] }>(`/api/listings?direction=${direction}`)));
  const seekers = [...cities.results.map((city) => city.id), ...lists.flatMap((list) => list.results.map((listing) => listing.localGovernment.id))];
  const times = [...first];
  for (const id of seekers) times.push(...(await serverTimes(url, `/api/match?lg=${id}`, 10)));
  times.sort((a, b) => a - b);
  const pool = (await getJson<{ poolSize: number }>(`/api/match?lg=${seekers[0]}&limit=1`)).poolSize;
  line('ranking, first request after start', `${first[0]!.toFixed(0)} ms`, '—');
  line(`ranking one LG p50 (${seekers.length} LGs)`, `${percentile(times, 50).toFixed(1)} ms`, '—');
  line(`ranking one LG p95 (pool ${pool.toLocaleString('en')}, first included)`, `${percentile(times, 95).toFixed(1)} ms`, '≤ 300 ms');
}

/** The leave-one-out evaluation (`kizuna evaluate matching`), printed as its table with its time. */
export async function evaluateMatching(db: Db, line: Line): Promise<void> {
  const report = await evaluateAll(db, 1);
  for (const text of evaluationLines(report)) console.log(`  ${text}`);
  line('evaluation of matching, both settings', `${report.seconds.toFixed(1)} s`, '≤ 120 s');
}
