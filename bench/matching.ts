/**
 * Matchmaking in `npm run bench`: the time to rank one LG over all its candidates, and the
 * leave-one-out evaluation over the imported Wikipedia pairs (src/services/matchEvaluation.ts).
 */
import { evaluationLines } from '../src/cli/evaluate.js';
import type { Db } from '../src/db/client.js';
import { evaluateMatching as evaluateAll } from '../src/services/matchEvaluation.js';
import { percentile, serverTimes } from './portal.js';

type Line = (label: string, value: string, budget: string) => void;

/** GET /api/match for each LG with a published listing, 30 times each; the server's own times. */
export async function benchMatchRequests(url: string, line: Line): Promise<void> {
  const lists = await Promise.all(['from-japan', 'to-japan'].map((direction) => fetch(`${url}/api/listings?direction=${direction}`).then((response) => response.json() as Promise<{ results: { localGovernment: { id: number } }[] }>)));
  const seekers = lists.flatMap((list) => list.results.map((listing) => listing.localGovernment.id));
  const first = await serverTimes(url, `/api/match?lg=${seekers[0]}`, 1);
  const times: number[] = [];
  for (const id of seekers) times.push(...(await serverTimes(url, `/api/match?lg=${id}`, 30)));
  times.sort((a, b) => a - b);
  const pool = ((await (await fetch(`${url}/api/match?lg=${seekers[0]}&limit=1`)).json()) as { poolSize: number }).poolSize;
  line('ranking, first request (loads places)', `${first[0]!.toFixed(0)} ms`, '—');
  line(`ranking one listing p50 (${seekers.length} listings)`, `${percentile(times, 50).toFixed(1)} ms`, '—');
  line(`ranking one listing p95 (pool ${pool.toLocaleString('en')})`, `${percentile(times, 95).toFixed(1)} ms`, '≤ 300 ms');
}

/** The leave-one-out evaluation (`kizuna evaluate matching`), printed as its table with its time. */
export async function evaluateMatching(db: Db, line: Line): Promise<void> {
  const report = await evaluateAll(db, 1);
  for (const text of evaluationLines(report)) console.log(`  ${text}`);
  line('evaluation of matching, both settings', `${report.seconds.toFixed(1)} s`, '≤ 120 s');
}
