/**
 * Matchmaking in `npm run bench`: the time to rank one listing over all its candidates, and a
 * leave-one-out evaluation over the imported Wikipedia pairs. For each Japanese LG with a partner
 * abroad, one of those partners is hidden (its tie taken out of the graph) and every gazetteer place
 * of the partner's country is ranked; the hidden partner's place in that ranking is what counts.
 */
import type { Db } from '../src/db/client.js';
import { DEFAULT_WEIGHTS, MATCH_FACTORS, scoreOf, seekerContext, type MatchGraph, type MatchWeights } from '../src/domain/matching.js';
import { matchGraph, matchTables } from '../src/services/matching.js';
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

/** The graph without one tie, as if it had never been recorded. */
function withoutTie(graph: MatchGraph, a: number, b: number): MatchGraph {
  return {
    ...graph,
    partnersOf(id) {
      const partners = graph.partnersOf(id);
      if (id !== a && id !== b) return partners;
      const other = id === a ? b : a;
      return partners.has(other) ? new Set([...partners].filter((partner) => partner !== other)) : partners;
    },
    partnerCountriesOf(id) {
      if (id !== a && id !== b) return graph.partnerCountriesOf(id);
      return new Set([...this.partnersOf(id)].map((partner) => graph.placeOf(partner)?.country).filter((country) => country !== undefined));
    },
  };
}

/** A small seeded generator, so that the partner hidden for each LG is the same from run to run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Outcome {
  /** The share of candidates ranked above the hidden partner, ties counted half (0–100). */
  percentile: number;
  /** The chance the hidden partner is in the top k, ties broken at random. */
  recallAt: (k: number) => number;
}

function outcomeOf(scores: Float64Array, hidden: number): Outcome {
  const target = scores[hidden]!;
  let above = 0;
  let tied = 0;
  scores.forEach((score, i) => {
    if (score > target) above += 1;
    else if (score === target && i !== hidden) tied += 1;
  });
  return {
    percentile: (100 * (above + tied / 2)) / scores.length,
    recallAt: (k) => Math.min(1, Math.max(0, (k - above) / (tied + 1))),
  };
}

const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

/** The leave-one-out evaluation; prints Kizuna's figures beside the two baselines'. */
export async function evaluateMatching(db: Db): Promise<void> {
  const { places, ties } = await matchTables(db);
  const graph = matchGraph(places, ties);
  const populationOnly = Object.fromEntries(MATCH_FACTORS.map((factor) => [factor, factor === 'population' ? 1 : 0])) as MatchWeights;
  const rankers: { name: string; weights: MatchWeights | null }[] = [
    { name: 'random', weights: null },
    { name: 'population similarity alone', weights: populationOnly },
    { name: 'Kizuna (default weights)', weights: DEFAULT_WEIGHTS },
  ];
  const outcomes = rankers.map(() => [] as Outcome[]);
  let skipped = 0;
  let poolTotal = 0;
  const started = performance.now();
  for (const place of places.places.values()) {
    if (place.country !== 'JP') continue;
    const abroad = [...graph.partnersOf(place.id)].filter((id) => graph.placeOf(id) && graph.placeOf(id)!.country !== 'JP').sort((a, b) => a - b);
    if (abroad.length === 0) continue;
    const hiddenId = abroad[Math.floor(seeded(place.id)() * abroad.length)]!;
    const hidden = graph.placeOf(hiddenId)!;
    const gazetteer = places.gazetteerByCountry.get(hidden.country) ?? [];
    if (!gazetteer.includes(hiddenId)) {
      skipped += 1;
      continue;
    }
    const blind = withoutTie(graph, place.id, hiddenId);
    const known = blind.partnersOf(place.id);
    const pool = gazetteer.filter((id) => !known.has(id)).map((id) => ({ place: graph.placeOf(id)!, listing: null }));
    poolTotal += pool.length;
    const context = seekerContext({ place, listing: null }, blind);
    const hiddenIndex = pool.findIndex((candidate) => candidate.place.id === hiddenId);
    rankers.forEach((ranker, r) => {
      const scores = new Float64Array(pool.length);
      if (ranker.weights) for (let i = 0; i < pool.length; i++) scores[i] = scoreOf(context, pool[i]!, ranker.weights);
      outcomes[r]!.push(outcomeOf(scores, hiddenIndex));
    });
  }
  const queries = outcomes[0]!.length;
  console.log(
    `  leave-one-out over the imported pairs: ${queries} Japanese LGs with a partner abroad, one partner hidden each ` +
      `(${skipped} more skipped: their hidden partner is not a gazetteer place); ${Math.round(poolTotal / queries).toLocaleString('en')} candidates per LG on average; ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(`  ${'ranker'.padEnd(30)} ${'median rank percentile'.padStart(24)} ${'recall@10'.padStart(10)} ${'recall@50'.padStart(10)}`);
  rankers.forEach((ranker, r) => {
    const results = outcomes[r]!;
    const recall = (k: number) => `${((100 * results.reduce((sum, outcome) => sum + outcome.recallAt(k), 0)) / results.length).toFixed(1)} %`;
    console.log(`  ${ranker.name.padEnd(30)} ${`${median(results.map((outcome) => outcome.percentile)).toFixed(1)} %`.padStart(24)} ${recall(10).padStart(10)} ${recall(50).padStart(10)}`);
  });
}
