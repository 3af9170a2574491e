import { fitPairwise } from './logisticRegression.js';
import {
  canPartner,
  FITTED_FACTORS,
  MATCH_FACTORS,
  fittedValues,
  scorePool,
  seekerContext,
  weightsFrom,
  type FittedCoefficients,
  type MatchGraph,
  type MatchPlace,
  type MatchSide,
  type MatchWeights,
  type SeekerContext,
} from './matching.js';

/**
 * The leave-one-out evaluation of matchmaking, and the fitting of its weights. Pure: the service
 * gives it the graph of ties and the candidates. For each Japanese LG with a partner abroad, one
 * partner is hidden: its tie is taken out of the graph every ranker reads (degrees, ties with
 * Japan, ties between regions, neighbours' ties), and out of the ties Kizuna's weights are fitted on,
 * by cross-fitting: the seekers are split into folds, and a fold's cases are ranked with weights
 * fitted on the other folds' cases over a graph without any of this fold's hidden ties.
 */

export const SETTINGS = ['withinCountry', 'allAbroad'] as const;
export type Setting = (typeof SETTINGS)[number];
export const RANKERS = ['kizuna', 'random', 'population', 'popularity', 'japanTies', 'commonNeighbours', 'adamicAdar'] as const;
export type Ranker = (typeof RANKERS)[number];
export const FOLDS = 5;

/** One seeker with the partner hidden from it. */
export interface EvaluationCase {
  seeker: number;
  hidden: number;
}

/** A small seeded generator (mulberry32), so that a seed gives the same run every time. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** The graph without some ties, as if they had never been recorded. */
export function withoutTies(graph: MatchGraph, ties: readonly EvaluationCase[]): MatchGraph {
  const removed = new Map<number, Set<number>>();
  const remove = (a: number, b: number) => removed.set(a, (removed.get(a) ?? new Set()).add(b));
  for (const { seeker, hidden } of ties) {
    remove(seeker, hidden);
    remove(hidden, seeker);
  }
  const partnersOf = (id: number) => {
    const gone = removed.get(id);
    const partners = graph.partnersOf(id);
    return gone ? new Set([...partners].filter((partner) => !gone.has(partner))) : partners;
  };
  const gone = (id: number, country: string | null) => {
    let count = 0;
    for (const partner of removed.get(id) ?? []) if (graph.partnersOf(id).has(partner) && (country === null || graph.placeOf(partner)?.country === country)) count += 1;
    return count;
  };
  return {
    ...graph,
    partnersOf,
    degreeOf: (id) => graph.degreeOf(id) - (removed.has(id) ? gone(id, null) : 0),
    tiesWith: (id, country) => graph.tiesWith(id, country) - (removed.has(id) ? gone(id, country) : 0),
  };
}

/**
 * The cases: every seeker with a partner abroad that could be a party with it (canPartner) has one
 * of those hidden, chosen at random; `skipped` counts the seekers whose partners abroad could not.
 */
export function chooseCases(graph: MatchGraph, seekers: readonly MatchPlace[], random: () => number): { cases: EvaluationCase[]; skipped: number } {
  const cases: EvaluationCase[] = [];
  let skipped = 0;
  for (const seeker of [...seekers].sort((a, b) => a.id - b.id)) {
    const abroad = [...graph.partnersOf(seeker.id)].map((id) => graph.placeOf(id)).filter((place) => place !== undefined && place.country !== seeker.country);
    if (abroad.length === 0) continue;
    const eligible = abroad.filter((place) => canPartner(seeker, place!)).map((place) => place!.id).sort((a, b) => a - b);
    if (eligible.length === 0) skipped += 1;
    else cases.push({ seeker: seeker.id, hidden: eligible[Math.floor(random() * eligible.length)]! });
  }
  return { cases, skipped };
}

/** Where the hidden partner came: how many candidates scored above it, and how many the same. */
export interface RankOutcome {
  above: number;
  tied: number;
  size: number;
}

export function outcomeOf(scores: Float64Array, size: number, index: number): RankOutcome {
  const target = scores[index]!;
  let above = 0;
  let tied = 0;
  for (let i = 0; i < size; i++) {
    if (scores[i]! > target) above += 1;
    else if (scores[i] === target && i !== index) tied += 1;
  }
  return { above, tied, size };
}

/** The share of candidates ranked above the hidden partner, ties counted half, from 0 to 100. */
export const rankPercentile = (outcome: RankOutcome) => (100 * (outcome.above + outcome.tied / 2)) / outcome.size;

/** 1 / rank, averaged over the places ties may give it. */
export function reciprocalRank(outcome: RankOutcome): number {
  let sum = 0;
  for (let rank = outcome.above + 1; rank <= outcome.above + outcome.tied + 1; rank++) sum += 1 / rank;
  return sum / (outcome.tied + 1);
}

/** The chance that the hidden partner is among the first k, ties broken at random. */
export const recallAt = (outcome: RankOutcome, k: number) => Math.min(1, Math.max(0, (k - outcome.above) / (outcome.tied + 1)));

/** A figure with its 95 % bootstrap interval. */
export interface Interval {
  value: number;
  low: number;
  high: number;
}

export interface RankerFigures {
  medianRankPercentile: Interval;
  mrr: Interval;
  recallAt10: Interval;
  recallAt50: Interval;
}

const median = (values: Float64Array) => {
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const mean = (values: Float64Array) => values.reduce((sum, value) => sum + value, 0) / values.length;

export const BOOTSTRAP_RESAMPLES = 1000;

/** The four figures of one ranker, each a percentage from 0 to 100, with intervals from resampling the cases. */
export function figuresOf(outcomes: readonly RankOutcome[], random: () => number, resamples = BOOTSTRAP_RESAMPLES): RankerFigures {
  const columns = {
    medianRankPercentile: { of: rankPercentile, aggregate: median },
    mrr: { of: (outcome: RankOutcome) => 100 * reciprocalRank(outcome), aggregate: mean },
    recallAt10: { of: (outcome: RankOutcome) => 100 * recallAt(outcome, 10), aggregate: mean },
    recallAt50: { of: (outcome: RankOutcome) => 100 * recallAt(outcome, 50), aggregate: mean },
  };
  const figures = {} as RankerFigures;
  const sample = new Float64Array(outcomes.length);
  for (const [name, { of, aggregate }] of Object.entries(columns) as [keyof RankerFigures, (typeof columns)['mrr']][]) {
    const values = Float64Array.from(outcomes, of);
    const estimates = new Float64Array(resamples);
    for (let r = 0; r < resamples; r++) {
      for (let i = 0; i < values.length; i++) sample[i] = values[Math.floor(random() * values.length)]!;
      estimates[r] = aggregate(sample);
    }
    estimates.sort();
    figures[name] = { value: aggregate(values), low: estimates[Math.floor(0.025 * resamples)]!, high: estimates[Math.ceil(0.975 * resamples) - 1]! };
  }
  return figures;
}

/**
 * Common neighbours and Adamic–Adar over the graph of ties, where an LG's neighbours are its
 * partners and the other LGs of its prefecture or state: each path seeker–z–candidate counts 1, or
 * 1 / log(z's neighbours) for Adamic–Adar.
 */
export function linkScores(seeker: MatchPlace, graph: MatchGraph): { common: Map<number, number>; adamicAdar: Map<number, number> } {
  const mates = (place: MatchPlace | undefined) => (place?.region ? graph.membersOf(place.region) : []);
  const common = new Map<number, number>();
  const adamicAdar = new Map<number, number>();
  const through = new Set<number>([...graph.partnersOf(seeker.id), ...mates(seeker)]);
  through.delete(seeker.id);
  for (const z of through) {
    const place = graph.placeOf(z);
    const ends = [...graph.partnersOf(z), ...mates(place)].filter((end) => end !== z);
    if (ends.length < 2) continue;
    const weight = 1 / Math.log(ends.length);
    for (const end of ends) {
      if (end === seeker.id) continue;
      common.set(end, (common.get(end) ?? 0) + 1);
      adamicAdar.set(end, (adamicAdar.get(end) ?? 0) + weight);
    }
  }
  return { common, adamicAdar };
}

/** What the evaluation reads: the graph, who seeks, and the candidates of a country (or, for null, of every country). */
export interface EvaluationInput {
  graph: MatchGraph;
  cases: readonly EvaluationCase[];
  candidatesIn(country: string | null): readonly MatchSide[];
  seed: number;
}

export interface SettingResult {
  cases: number;
  /** Candidates per case on average. */
  averagePool: number;
  rankers: Record<Ranker, RankerFigures>;
  outcomes: Record<Ranker, RankOutcome[]>;
}

export interface EvaluationResult {
  withinCountry: SettingResult;
  allAbroad: SettingResult;
  /** The cases in the order of the outcomes: fold by fold. */
  order: EvaluationCase[];
  /** The coefficients fitted for each fold. */
  folds: FittedCoefficients[];
}

/** The candidates a seeker is ranked against, into `pool`: those that could be a party with it, less its known partners. */
function fillPool(pool: MatchSide[], seeker: MatchPlace, graph: MatchGraph, candidates: readonly MatchSide[], hidden: number): MatchSide[] {
  const known = graph.partnersOf(seeker.id);
  pool.length = 0;
  for (const side of candidates) if (canPartner(seeker, side.place) && (side.place.id === hidden || !known.has(side.place.id))) pool.push(side);
  return pool;
}

const NEGATIVES = { sameCountry: 40, withTies: 20, anywhere: 20, anywhereWithTies: 10 };

/**
 * The rows fitting learns from: for each case, over a graph without its hidden tie, the values of
 * the fitted factors of the hidden partner less those of other candidates, drawn from its country,
 * from its country's places with ties, from everywhere, and from the places with ties everywhere.
 */
export function trainingRows(graph: MatchGraph, cases: readonly EvaluationCase[], candidatesIn: EvaluationInput['candidatesIn'], random: () => number): Float64Array {
  const features = FITTED_FACTORS.length;
  const rows: number[] = [];
  const positive = new Float64Array(features);
  const negative = new Float64Array(features);
  const tiedAbroad = candidatesIn(null).filter((side) => graph.degreeOf(side.place.id) > 0);
  for (const known of cases) {
    const blind = withoutTies(graph, [known]);
    const seeker = blind.placeOf(known.seeker)!;
    const hidden = blind.placeOf(known.hidden)!;
    const context = seekerContext({ place: seeker, listing: null }, blind);
    fittedValues(context, { place: hidden, listing: null }, positive);
    const partners = blind.partnersOf(seeker.id);
    const usable = (side: MatchSide | undefined): side is MatchSide => side !== undefined && side.place.id !== hidden.id && !partners.has(side.place.id) && canPartner(seeker, side.place);
    const add = (side: MatchSide | undefined) => {
      if (!usable(side)) return;
      fittedValues(context, side, negative);
      for (let f = 0; f < features; f++) rows.push(positive[f]! - negative[f]!);
    };
    const draw = <T>(list: readonly T[], count: number) => {
      for (let i = 0; i < count && list.length > 0; i++) add(list[Math.floor(random() * list.length)] as MatchSide | undefined);
    };
    const sameCountry = candidatesIn(hidden.country);
    draw(sameCountry, NEGATIVES.sameCountry);
    draw(sameCountry.filter((side) => blind.degreeOf(side.place.id) > 0), NEGATIVES.withTies);
    draw(candidatesIn(null), NEGATIVES.anywhere);
    draw(tiedAbroad, NEGATIVES.anywhereWithTies);
  }
  return Float64Array.from(rows);
}

/** Coefficients fitted on these cases, each case's hidden tie out of the graph while its rows are made. */
export function fitCoefficients(graph: MatchGraph, cases: readonly EvaluationCase[], candidatesIn: EvaluationInput['candidatesIn'], random: () => number): FittedCoefficients {
  const coefficients = fitPairwise(trainingRows(graph, cases, candidatesIn, random), FITTED_FACTORS.length);
  return Object.fromEntries(FITTED_FACTORS.map((factor, i) => [factor, coefficients[i]!])) as FittedCoefficients;
}

/** The fold of a case: by the seeker, so that a seeker's cases never sit on both sides. */
export const foldOf = (evaluationCase: EvaluationCase) => evaluationCase.seeker % FOLDS;

/** Each ranker's scores for the pool, into `scores`. */
function scoreRanker(ranker: Ranker, pool: readonly MatchSide[], context: SeekerContext, links: ReturnType<typeof linkScores>, coefficients: FittedCoefficients, random: () => number, scores: Float64Array): void {
  const graph = context.graph;
  const each = (score: (side: MatchSide) => number) => {
    for (let i = 0; i < pool.length; i++) scores[i] = score(pool[i]!);
  };
  const only = (factor: keyof FittedCoefficients) => scorePool(context, pool, { ...zeroWeights, [factor]: 1 }, scores);
  switch (ranker) {
    case 'kizuna':
      return scorePool(context, pool, weightsFrom(coefficients), scores);
    case 'random':
      return each(() => random());
    case 'population':
      return only('population');
    case 'popularity':
      return each((side) => graph.degreeOf(side.place.id));
    case 'japanTies':
      return only('countryTies');
    case 'commonNeighbours':
      return each((side) => links.common.get(side.place.id) ?? 0);
    case 'adamicAdar':
      return each((side) => links.adamicAdar.get(side.place.id) ?? 0);
  }
}

const zeroWeights = Object.fromEntries(MATCH_FACTORS.map((factor) => [factor, 0])) as MatchWeights;

/**
 * Every case ranked in both settings by every ranker: within the hidden partner's country, and over
 * every candidate abroad. Kizuna's weights for a fold are fitted over the graph without any of the
 * fold's hidden ties, on the other folds' cases.
 */
export function evaluate(input: EvaluationInput): EvaluationResult {
  const { graph, cases, candidatesIn } = input;
  const random = seededRandom(input.seed);
  const outcomes = Object.fromEntries(SETTINGS.map((setting) => [setting, Object.fromEntries(RANKERS.map((ranker) => [ranker, [] as RankOutcome[]]))])) as Record<Setting, Record<Ranker, RankOutcome[]>>;
  const poolSizes: Record<Setting, number> = { withinCountry: 0, allAbroad: 0 };
  let scores = new Float64Array(0);
  const buffer: MatchSide[] = [];
  const folds: FittedCoefficients[] = [];
  const order: EvaluationCase[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const testing = cases.filter((item) => foldOf(item) === fold);
    order.push(...testing);
    const learning = withoutTies(graph, testing);
    const coefficients = fitCoefficients(learning, cases.filter((item) => foldOf(item) !== fold), candidatesIn, seededRandom(input.seed + fold));
    folds.push(coefficients);
    for (const evaluationCase of testing) {
      const blind = withoutTies(graph, [evaluationCase]);
      const seeker = blind.placeOf(evaluationCase.seeker)!;
      const context = seekerContext({ place: seeker, listing: null }, blind);
      const links = linkScores(seeker, blind);
      for (const setting of SETTINGS) {
        const pool = fillPool(buffer, seeker, blind, candidatesIn(setting === 'withinCountry' ? blind.placeOf(evaluationCase.hidden)!.country : null), evaluationCase.hidden);
        const index = pool.findIndex((side) => side.place.id === evaluationCase.hidden);
        poolSizes[setting] += pool.length;
        if (scores.length < pool.length) scores = new Float64Array(pool.length);
        for (const ranker of RANKERS) {
          scoreRanker(ranker, pool, context, links, coefficients, random, scores);
          outcomes[setting][ranker].push(outcomeOf(scores, pool.length, index));
        }
      }
    }
  }
  const settingResult = (setting: Setting): SettingResult => ({
    cases: cases.length,
    averagePool: cases.length ? poolSizes[setting] / cases.length : 0,
    rankers: Object.fromEntries(RANKERS.map((ranker) => [ranker, figuresOf(outcomes[setting][ranker], random)])) as Record<Ranker, RankerFigures>,
    outcomes: outcomes[setting],
  });
  return { withinCountry: settingResult('withinCountry'), allAbroad: settingResult('allAbroad'), order, folds };
}
