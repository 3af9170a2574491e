import type { Db } from '../db/client.js';
import { chooseCases, evaluate, fitCoefficients, seededRandom, type EvaluationResult } from '../domain/matchEvaluation.js';
import type { FittedCoefficients, MatchGraph } from '../domain/matching.js';
import { matchGraph, matchTables, type PlaceTable } from './matching.js';

/**
 * The leave-one-out evaluation of matchmaking over the registry as it stands, and the fitting of
 * the weights it ships with (`kizuna evaluate matching`, `kizuna fit matching`, `npm run bench`).
 */

export interface EvaluationReport extends EvaluationResult {
  seed: number;
  /** Seekers whose partners abroad could none be a party with them (canPartner), so not evaluated. */
  skipped: number;
  seconds: number;
}

/** The graph, and every Japanese LG with a partner abroad with one of those partners hidden. */
async function evaluationSetting(db: Db, seed: number): Promise<{ places: PlaceTable; graph: MatchGraph } & ReturnType<typeof chooseCases>> {
  const { places, ties } = await matchTables(db);
  const graph = matchGraph(places, ties);
  const seekers = (places.sidesIn.get('JP') ?? []).map((side) => side.place);
  return { places, graph, ...chooseCases(graph, seekers, seededRandom(seed)) };
}

export async function evaluateMatching(db: Db, seed: number): Promise<EvaluationReport> {
  const started = performance.now();
  const { places, graph, cases, skipped } = await evaluationSetting(db, seed);
  const result = evaluate({ graph, cases, candidatesIn: (country) => places.sidesIn.get(country) ?? [], seed });
  return { ...result, seed, skipped, seconds: (performance.now() - started) / 1000 };
}

/** The model file: the fitted coefficients, when and on what. */
export interface MatchingModel {
  fittedOn: string;
  data: string;
  cases: number;
  coefficients: FittedCoefficients;
}

/** Weights fitted on every case, each over the graph without its own hidden tie. */
export async function fitMatchingModel(db: Db, seed: number, today = new Date()): Promise<MatchingModel> {
  const { places, graph, cases } = await evaluationSetting(db, seed);
  const coefficients = fitCoefficients(graph, cases, (country) => places.sidesIn.get(country) ?? [], seededRandom(seed));
  const ties = [...places.places.keys()].reduce((sum, id) => sum + graph.partnersOf(id).size, 0) / 2;
  return {
    fittedOn: today.toISOString().slice(0, 10),
    data: `the registry's ${ties.toLocaleString('en')} relationships in force and ${places.places.size.toLocaleString('en')} places; one partner abroad hidden for each of ${cases.length} Japanese LGs (seed ${seed})`,
    cases: cases.length,
    coefficients: Object.fromEntries(Object.entries(coefficients).map(([factor, value]) => [factor, Math.round(value * 1e4) / 1e4])) as FittedCoefficients,
  };
}
