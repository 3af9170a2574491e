import { describe, expect, it } from 'vitest';
import { graphOf, place } from '../../test/matchGraph.js';
import {
  chooseCases,
  evaluate,
  figuresOf,
  foldOf,
  linkScores,
  outcomeOf,
  RANKERS,
  rankPercentile,
  recallAt,
  reciprocalRank,
  seededRandom,
  withoutTies,
  type EvaluationCase,
} from './matchEvaluation.js';
import type { MatchPlace, MatchSide } from './matching.js';

describe('the figures of a ranking', () => {
  it('counts the candidates above the hidden partner, and ties half', () => {
    const outcome = outcomeOf(Float64Array.from([5, 3, 3, 3, 1]), 5, 2);
    expect(outcome).toEqual({ above: 1, tied: 2, size: 5 });
    expect(rankPercentile(outcome)).toBe(40);
    // Ranked 2nd, 3rd or 4th, equally likely.
    expect(reciprocalRank(outcome)).toBeCloseTo((1 / 2 + 1 / 3 + 1 / 4) / 3, 12);
    expect(recallAt(outcome, 1)).toBe(0);
    expect(recallAt(outcome, 3)).toBeCloseTo(2 / 3, 12);
    expect(recallAt(outcome, 10)).toBe(1);
  });

  it('gives each figure an interval from resampling the cases, the same for the same seed', () => {
    const outcomes = Array.from({ length: 200 }, (_, i) => ({ above: i % 80, tied: 0, size: 100 }));
    const figures = figuresOf(outcomes, seededRandom(7));
    expect(figures.recallAt10.value).toBe(15);
    expect(figures.medianRankPercentile.value).toBe(33);
    for (const figure of Object.values(figures)) {
      expect(figure.low).toBeLessThanOrEqual(figure.value);
      expect(figure.high).toBeGreaterThanOrEqual(figure.value);
      expect(figure.high - figure.low).toBeGreaterThan(0);
    }
    expect(figuresOf(outcomes, seededRandom(7))).toEqual(figures);
  });
});

describe('the graph without the hidden ties', () => {
  const ibara = place(2, { name: 'Ibara', country: 'JP' });
  const sandpoint = place(10, { name: 'Sandpoint', country: 'US' });
  const lyon = place(11, { name: 'Lyon', country: 'FR' });
  const graph = graphOf([ibara, sandpoint, lyon], [[2, 10], [10, 11]]);

  it('forgets a hidden tie on both sides: partners, degrees and ties with a country', () => {
    const blind = withoutTies(graph, [{ seeker: 2, hidden: 10 }]);
    expect([...blind.partnersOf(2)]).toEqual([]);
    expect([...blind.partnersOf(10)]).toEqual([11]);
    expect([blind.degreeOf(2), blind.degreeOf(10), blind.degreeOf(11)]).toEqual([0, 1, 1]);
    expect([blind.tiesWith(10, 'JP'), blind.tiesWith(10, 'FR'), blind.tiesWith(2, 'US')]).toEqual([0, 1, 0]);
    expect(graph.degreeOf(10)).toBe(2);
  });

  it('counts common neighbours and Adamic–Adar through partners and the LGs of the same prefecture or state', () => {
    // Ibara (2) and Kasaoka (3) in Okayama; Sandpoint (10) and Boise (12) in Idaho; Lyon (11) in France.
    const kasaoka = place(3, { name: 'Kasaoka', country: 'JP', region: '33' });
    const okayamaIbara = { ...ibara, region: '33' };
    const idaho = (id: number, name: string) => place(id, { name, country: 'US', region: 'US|ID' });
    const links = linkScores(okayamaIbara, graphOf([okayamaIbara, kasaoka, idaho(10, 'Sandpoint'), idaho(12, 'Boise'), lyon], [[2, 10], [3, 11]]));
    // Boise: through Sandpoint (Ibara's partner, Boise's neighbour in Idaho). Lyon: through Kasaoka.
    expect(links.common.get(12)).toBe(1);
    expect(links.common.get(11)).toBe(1);
    // Sandpoint's neighbours are Ibara and Boise; Kasaoka's are Ibara and Lyon: 1 / log 2 each.
    expect(links.adamicAdar.get(12)).toBeCloseTo(1 / Math.log(2), 12);
    expect(links.common.has(2)).toBe(false);
  });
});

/**
 * A registry where only the network tells the partners: twelve Japanese cities of one prefecture,
 * each twinned with two American towns that are twinned with each other, and forty more towns
 * twinned in pairs; every place of the same size and latitude. Hidden, a city's partner is the town
 * twinned with its other partner.
 */
function triangles() {
  const places: MatchPlace[] = [place(1, { name: 'Okayama', country: 'JP', kind: 'prefecture', region: '1', regionLgId: 1 })];
  const ties: [number, number][] = [];
  const town = (id: number) => place(id, { name: `Town ${id}`, country: 'US', region: 'US|KS', population: 30_000, latitude: 38 });
  for (let i = 0; i < 12; i++) {
    places.push(place(100 + i, { name: `City ${i}`, country: 'JP', region: '1', regionLgId: 1, population: 30_000, latitude: 35, longitude: 130 + i }), town(200 + i), town(300 + i));
    ties.push([100 + i, 200 + i], [100 + i, 300 + i], [200 + i, 300 + i]);
  }
  for (let i = 0; i < 40; i += 2) {
    places.push(town(400 + i), town(401 + i));
    ties.push([400 + i, 401 + i]);
  }
  const cases: EvaluationCase[] = Array.from({ length: 12 }, (_, i) => ({ seeker: 100 + i, hidden: 200 + i }));
  const candidates: MatchSide[] = places.filter((item) => item.country === 'US').map((item) => ({ place: item, listing: null }));
  return { places, ties, cases, candidatesIn: () => candidates };
}

describe('the leave-one-out evaluation', () => {
  it('hides one partner of each seeker abroad, chosen by the seed', () => {
    const { places, ties } = triangles();
    const graph = graphOf(places, ties);
    const seekers = places.filter((item) => item.country === 'JP');
    const { cases, skipped } = chooseCases(graph, seekers, seededRandom(1));
    expect(cases).toHaveLength(12);
    expect(skipped).toBe(0);
    for (const { seeker, hidden } of cases) expect([seeker + 100, seeker + 200]).toContain(hidden);
    expect(chooseCases(graph, seekers, seededRandom(1)).cases).toEqual(cases);
  });

  it('finds on a small graph the partners only the network tells, where rankers that ignore it fail', () => {
    const { places, ties, cases, candidatesIn } = triangles();
    const result = evaluate({ graph: graphOf(places, ties), cases, candidatesIn, seed: 1 });
    for (const setting of [result.withinCountry, result.allAbroad]) {
      expect(setting.cases).toBe(12);
      expect(setting.rankers.kizuna.recallAt10.value).toBe(100);
      expect(setting.rankers.kizuna.mrr.value).toBe(100);
      // Every town has the same size: population similarity cannot tell them apart.
      expect(setting.rankers.population.medianRankPercentile.value).toBeGreaterThan(40);
      expect(setting.rankers.population.recallAt10.value).toBeLessThan(50);
      expect(setting.rankers.random.mrr.value).toBeLessThan(50);
    }
    expect(Object.keys(result.withinCountry.rankers)).toEqual([...RANKERS]);
    expect(result.folds.every((fold) => fold.network > 0)).toBe(true);
  });

  it('leaks nothing: a case is ranked, and its fold’s weights fitted, the same whether the registry holds its hidden tie or not', () => {
    const { places, ties, cases, candidatesIn } = triangles();
    const hiddenCase = cases[3]!;
    const without = ties.filter(([a, b]) => !(a === hiddenCase.seeker && b === hiddenCase.hidden));
    expect(without).toHaveLength(ties.length - 1);
    const withTie = evaluate({ graph: graphOf(places, ties), cases, candidatesIn, seed: 5 });
    const withoutTie = evaluate({ graph: graphOf(places, without), cases, candidatesIn, seed: 5 });
    // The fitted weights of its fold: learnt from the other folds' cases over a graph without it.
    expect(withoutTie.folds[foldOf(hiddenCase)]).toEqual(withTie.folds[foldOf(hiddenCase)]);
    // Its outcome under every ranker, in both settings: degrees, ties with Japan, the network and the weights all read without it.
    const index = withTie.order.indexOf(hiddenCase);
    for (const setting of ['withinCountry', 'allAbroad'] as const) {
      for (const ranker of RANKERS) expect(withoutTie[setting].outcomes[ranker][index]).toEqual(withTie[setting].outcomes[ranker][index]);
    }
  });
});
