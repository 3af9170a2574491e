import { cosine } from './textSimilarity.js';
import { trigramSimilarity } from './trigrams.js';

/**
 * Matchmaking: how well a candidate suits a local government seeking a partner, as a score whose
 * parts say why. Pure: the service gives it the places, the listings and the ties it needs.
 *
 * Each factor gives a value from 0 to 1; the score is the weighted mean of the values on a scale
 * of 100, so the points of the parts add up to the score and a weight of 0 leaves a factor out.
 */

export const MATCH_FACTORS = [
  'reciprocity',
  'desiredRegion',
  'population',
  'themes',
  'fields',
  'text',
  'latitude',
  'season',
  'name',
  'network',
  'newToCountry',
] as const;
export type MatchFactor = (typeof MATCH_FACTORS)[number];
export type MatchWeights = Record<MatchFactor, number>;

/** Two listings that want each other count most; then what the seeker asked for, the network and size. */
export const DEFAULT_WEIGHTS: MatchWeights = {
  reciprocity: 8,
  desiredRegion: 4,
  population: 3,
  themes: 3,
  fields: 1,
  text: 2,
  latitude: 1,
  season: 0.5,
  name: 1,
  network: 4,
  newToCountry: 1,
};
export const MAX_WEIGHT = 10;

/** A place as matchmaking sees it. */
export interface MatchPlace {
  id: number;
  country: string;
  /**
   * Where it lies below the country: in Japan the id of its prefecture (as text), elsewhere the
   * country and first-level region code ("US|KS"); null when unknown.
   */
  region: string | null;
  /** The LG that is the region itself, when there is one (a prefecture). */
  regionLgId: number | null;
  population: number | null;
  latitude: number | null;
  /** The name folded for comparison (see names.ts foldName), without kind words: "ibara". */
  name: string;
  /** Its trigrams (trigrams.ts), kept so that names are compared without rebuilding them. */
  nameGrams: readonly string[];
}

/** What a published (or, for its own officers, an open) listing tells matchmaking. */
export interface MatchListing {
  listingId: number;
  /** The regions it wants, each with the countries it covers; a listing from abroad wants Japan. */
  wants: readonly { code: string; countries: ReadonlySet<string> }[];
  /** The population the listing gives, newer than the gazetteer's. */
  population: number | null;
  themes: ReadonlySet<string>;
  fields: ReadonlySet<string>;
  /** A unit TF-IDF vector of its texts (textSimilarity.ts). */
  text: ReadonlyMap<string, number>;
}

export interface MatchSide {
  place: MatchPlace;
  listing: MatchListing | null;
}

/** The relationships as matchmaking needs them: each LG's partners, and where each LG lies. */
export interface MatchGraph {
  partnersOf(id: number): ReadonlySet<number>;
  /** The countries an LG has partners in. */
  partnerCountriesOf(id: number): ReadonlySet<string>;
  placeOf(id: number): MatchPlace | undefined;
  /** The LGs of a region (see MatchPlace.region). */
  membersOf(region: string): readonly number[];
}

export type MatchReason =
  | { factor: 'reciprocity'; mutual: boolean; candidateWants: string; seekerWants: string | null }
  | { factor: 'desiredRegion'; wanted: boolean; code: string | null }
  | { factor: 'population'; seeker: number; candidate: number }
  | { factor: 'themes'; themes: string[] }
  | { factor: 'fields'; fields: string[] }
  | { factor: 'text'; similarity: number }
  | { factor: 'latitude'; seeker: number; candidate: number }
  | { factor: 'season'; sameHemisphere: boolean; /** The seeker's hemisphere. */ north: boolean }
  | { factor: 'name'; identical: boolean; seekerId: number; candidateId: number }
  /** The candidate is twinned with a partner of the seeker. */
  | { factor: 'network'; kind: 'sharedPartner'; partner: number }
  /** The candidate is twinned with a partner of the seeker's prefecture (its sister state, often). */
  | { factor: 'network'; kind: 'regionPartner'; region: number; partner: number }
  /** The candidate is twinned with another LG of the seeker's prefecture or state. */
  | { factor: 'network'; kind: 'neighbourTwinned'; neighbour: number }
  /** Ties already link the seeker's prefecture or state with the candidate's: how many, and one of them. */
  | { factor: 'network'; kind: 'regionTies'; count: number; member: number; partner: number }
  | { factor: 'newToCountry'; country: string };

export interface MatchPart {
  factor: MatchFactor;
  /** This factor's share of the score, in points of 100. */
  points: number;
  reasons: MatchReason[];
}

export interface RankedCandidate {
  id: number;
  score: number;
  parts: MatchPart[];
}

/** What is worked out once per seeker, so that each candidate costs a few lookups. */
export interface SeekerContext {
  seeker: MatchSide;
  graph: MatchGraph;
  /** Partners of the seeker's partners: candidate → the partner they share. */
  sharedPartner: Map<number, number>;
  /** Partners of the seeker's prefecture's partners: candidate → that partner. */
  regionPartner: Map<number, number>;
  /** Partners of the other LGs of the seeker's region: candidate → that neighbour. */
  neighbourTwinned: Map<number, number>;
  /** The ties between the seeker's region and each other region, with one of them as an example. */
  regionTies: Map<string, { count: number; member: number; partner: number }>;
  seekerGrams: ReadonlySet<string>;
}

export function seekerContext(seeker: MatchSide, graph: MatchGraph): SeekerContext {
  const { place } = seeker;
  const sharedPartner = new Map<number, number>();
  for (const partner of graph.partnersOf(place.id)) {
    for (const next of graph.partnersOf(partner)) if (next !== place.id && !sharedPartner.has(next)) sharedPartner.set(next, partner);
  }
  const regionPartner = new Map<number, number>();
  if (place.regionLgId !== null && place.regionLgId !== place.id) {
    for (const partner of graph.partnersOf(place.regionLgId)) {
      for (const next of graph.partnersOf(partner)) if (next !== place.regionLgId && !regionPartner.has(next)) regionPartner.set(next, partner);
    }
  }
  const neighbourTwinned = new Map<number, number>();
  const regionTies = new Map<string, { count: number; member: number; partner: number }>();
  if (place.region !== null) {
    for (const member of graph.membersOf(place.region)) {
      for (const partner of graph.partnersOf(member)) {
        if (member !== place.id && !neighbourTwinned.has(partner)) neighbourTwinned.set(partner, member);
        const partnerRegion = graph.placeOf(partner)?.region;
        if (!partnerRegion || partnerRegion === place.region) continue;
        const ties = regionTies.get(partnerRegion);
        if (!ties) regionTies.set(partnerRegion, { count: 1, member, partner });
        else {
          ties.count += 1;
          // The seeker's own tie makes a poor example of what its region shares with the candidate's.
          if (ties.member === place.id) Object.assign(ties, { member, partner });
        }
      }
    }
  }
  return { seeker, graph, sharedPartner, regionPartner, neighbourTwinned, regionTies, seekerGrams: new Set(place.nameGrams) };
}

const populationOf = (side: MatchSide) => side.listing?.population ?? side.place.population;

/** Sizes by ratio: equal is 1, twice as large about 0.77, twenty times or more 0. */
export function populationSimilarity(a: number, b: number): number {
  return Math.max(0, 1 - Math.abs(Math.log(a / b)) / Math.log(20));
}

/** Distance from the equator, so that 35° N and 35° S count as alike: 15° apart or more is 0. */
export function latitudeSimilarity(a: number, b: number): number {
  return Math.max(0, 1 - Math.abs(Math.abs(a) - Math.abs(b)) / 15);
}

/** Shared themes: one is worth half, two three quarters, and so on towards 1. */
const sharedValue = (count: number) => 1 - 0.5 ** count;

const intersection = (a: ReadonlySet<string>, b: ReadonlySet<string>) => [...a].filter((item) => b.has(item));

/** A listing's texts alike enough to say so; at 0.4 and above the factor is full. */
const TEXT_NOTABLE = 0.08;
const TEXT_FULL = 0.4;
/** Below this a population or name likeness is not worth a sentence. */
const NOTABLE = 0.4;

function wantedRegion(listing: MatchListing, country: string): string | null {
  for (const region of listing.wants) if (region.countries.has(country)) return region.code;
  return null;
}

/**
 * The value of one factor for one candidate. With `reasons`, also says why in MatchReasons; without,
 * it allocates nothing, since it runs for every candidate in the pool.
 */
function factorValue(factor: MatchFactor, context: SeekerContext, candidate: MatchSide, reasons?: MatchReason[]): number {
  const { seeker, graph } = context;
  const self = seeker.place;
  const other = candidate.place;
  switch (factor) {
    case 'reciprocity': {
      const candidateWants = candidate.listing && wantedRegion(candidate.listing, self.country);
      if (!candidateWants) return 0;
      const seekerWants = seeker.listing && wantedRegion(seeker.listing, other.country);
      reasons?.push({ factor, mutual: seekerWants !== null, candidateWants, seekerWants });
      return seekerWants ? 1 : 0.4;
    }
    case 'desiredRegion': {
      if (!seeker.listing) return 0;
      const code = wantedRegion(seeker.listing, other.country);
      reasons?.push({ factor, wanted: code !== null, code });
      return code ? 1 : 0;
    }
    case 'population': {
      const a = populationOf(seeker);
      const b = populationOf(candidate);
      if (!a || !b) return 0;
      const value = populationSimilarity(a, b);
      if (value >= NOTABLE) reasons?.push({ factor, seeker: a, candidate: b });
      return value;
    }
    case 'themes':
    case 'fields': {
      if (!seeker.listing || !candidate.listing) return 0;
      const shared = intersection(seeker.listing[factor], candidate.listing[factor]);
      if (shared.length > 0) reasons?.push(factor === 'themes' ? { factor, themes: shared } : { factor, fields: shared });
      return sharedValue(shared.length);
    }
    case 'text': {
      if (!seeker.listing || !candidate.listing) return 0;
      const similarity = cosine(seeker.listing.text, candidate.listing.text);
      if (similarity >= TEXT_NOTABLE) reasons?.push({ factor, similarity });
      return Math.min(1, similarity / TEXT_FULL);
    }
    case 'latitude': {
      if (self.latitude === null || other.latitude === null) return 0;
      const value = latitudeSimilarity(self.latitude, other.latitude);
      if (value >= 0.5) reasons?.push({ factor, seeker: self.latitude, candidate: other.latitude });
      return value;
    }
    case 'season': {
      if (self.latitude === null || other.latitude === null) return 0;
      const sameHemisphere = self.latitude >= 0 === other.latitude >= 0;
      reasons?.push({ factor, sameHemisphere, north: self.latitude >= 0 });
      return sameHemisphere ? 1 : 0;
    }
    case 'name': {
      if (self.name === other.name) {
        reasons?.push({ factor, identical: true, seekerId: self.id, candidateId: other.id });
        return 1;
      }
      const mine = context.seekerGrams;
      let shared = 0;
      for (const gram of other.nameGrams) if (mine.has(gram)) shared += 1;
      const value = trigramSimilarity(shared, mine.size, other.nameGrams.length);
      if (value < NOTABLE) return 0;
      reasons?.push({ factor, identical: false, seekerId: self.id, candidateId: other.id });
      return value;
    }
    case 'network': {
      let missing = 1;
      const partner = context.sharedPartner.get(other.id);
      if (partner !== undefined) {
        missing *= 0.4;
        reasons?.push({ factor, kind: 'sharedPartner', partner });
      }
      const regionPartner = context.regionPartner.get(other.id);
      if (regionPartner !== undefined) {
        missing *= 0.4;
        reasons?.push({ factor, kind: 'regionPartner', region: self.regionLgId!, partner: regionPartner });
      }
      const neighbour = context.neighbourTwinned.get(other.id);
      if (neighbour !== undefined) {
        missing *= 0.5;
        reasons?.push({ factor, kind: 'neighbourTwinned', neighbour });
      }
      const ties = other.region === null ? undefined : context.regionTies.get(other.region);
      if (ties) {
        missing *= Math.max(0.2, 0.7 ** ties.count);
        reasons?.push({ factor, kind: 'regionTies', ...ties });
      }
      return 1 - missing;
    }
    case 'newToCountry': {
      if (graph.partnerCountriesOf(other.id).has(self.country)) return 0;
      reasons?.push({ factor, country: self.country });
      return 1;
    }
  }
}

const totalWeight = (weights: MatchWeights) => MATCH_FACTORS.reduce((sum, factor) => sum + weights[factor], 0);

/** The score of a candidate from 0 to 100, without its reasons. */
export function scoreOf(context: SeekerContext, candidate: MatchSide, weights: MatchWeights, total = totalWeight(weights)): number {
  let sum = 0;
  for (const factor of MATCH_FACTORS) if (weights[factor] > 0) sum += weights[factor] * factorValue(factor, context, candidate);
  return (100 * sum) / total;
}

/** The score of a candidate with its parts and their reasons, largest part first. */
export function explain(context: SeekerContext, candidate: MatchSide, weights: MatchWeights): RankedCandidate {
  const total = totalWeight(weights);
  const parts: MatchPart[] = [];
  let score = 0;
  for (const factor of MATCH_FACTORS) {
    if (weights[factor] === 0) continue;
    const reasons: MatchReason[] = [];
    const points = (100 * weights[factor] * factorValue(factor, context, candidate, reasons)) / total;
    score += points;
    if (points > 0 || reasons.length > 0) parts.push({ factor, points, reasons });
  }
  parts.sort((a, b) => b.points - a.points);
  return { id: candidate.place.id, score, parts };
}

/**
 * The best `limit` candidates, best first. Every candidate is scored without reasons and only the best
 * are kept as it goes, so that ranking tens of thousands sorts a few; equal scores keep the pool's order.
 */
export function bestCandidates(context: SeekerContext, candidates: readonly MatchSide[], weights: MatchWeights, limit: number): MatchSide[] {
  const best: { index: number; score: number }[] = [];
  const total = totalWeight(weights);
  for (let i = 0; i < candidates.length; i++) {
    const score = scoreOf(context, candidates[i]!, weights, total);
    if (best.length === limit && score <= best[limit - 1]!.score) continue;
    let at = best.length;
    while (at > 0 && best[at - 1]!.score < score) at -= 1;
    best.splice(at, 0, { index: i, score });
    if (best.length > limit) best.pop();
  }
  return best.map(({ index }) => candidates[index]!);
}

/** The best `limit` candidates, explained. */
export function rankCandidates(context: SeekerContext, candidates: readonly MatchSide[], weights: MatchWeights, limit: number): RankedCandidate[] {
  return bestCandidates(context, candidates, weights, limit).map((candidate) => explain(context, candidate, weights));
}
