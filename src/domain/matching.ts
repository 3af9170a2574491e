import model from './matchingModel.json' with { type: 'json' };
import { distanceKm } from './resolution.js';
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
  'popularity',
  'countryTies',
  'countryLinks',
  'regionLinks',
  'size',
  'newToCountry',
] as const;
export type MatchFactor = (typeof MATCH_FACTORS)[number];
export type MatchWeights = Record<MatchFactor, number>;

/**
 * The factors the registry alone can tell, whose weights are fitted to its relationships
 * (matchEvaluation.ts, `kizuna fit matching`); the others read listings, which are too few to learn
 * from, or names.
 */
export const FITTED_FACTORS = ['population', 'latitude', 'season', 'network', 'popularity', 'countryTies', 'countryLinks', 'regionLinks', 'size', 'newToCountry'] as const satisfies readonly MatchFactor[];
export type FittedFactor = (typeof FITTED_FACTORS)[number];
export type FittedCoefficients = Record<FittedFactor, number>;

export const MAX_WEIGHT = 10;
/** The largest fitted weight on the scale of 0 to 10: below what a listing asks for, which counts most. */
const FITTED_SCALE = 4;

/**
 * Weights from fitted coefficients: the listings' factors as set by hand (two listings that want
 * each other count most, then the regions the seeker asked for, then shared themes), the registry's
 * in the fitted proportions, the largest at 4, each rounded to a tenth so that the page's form can show it.
 */
export function weightsFrom(coefficients: FittedCoefficients): MatchWeights {
  const largest = Math.max(...FITTED_FACTORS.map((factor) => coefficients[factor]));
  const scaled = (factor: FittedFactor) => (largest > 0 ? Math.round((10 * FITTED_SCALE * coefficients[factor]) / largest) / 10 : 1);
  return {
    reciprocity: 10,
    desiredRegion: 6,
    themes: 4,
    fields: 1,
    text: 2,
    // Fitted, similar names counted for next to nothing, and comparing names costs a tenth of a
    // second over every place abroad: they count only when a coordinator asks.
    name: 0,
    ...(Object.fromEntries(FITTED_FACTORS.map((factor) => [factor, scaled(factor)])) as FittedCoefficients),
  };
}

/** The weights of the model fitted to the registry (matchingModel.json). */
export const DEFAULT_WEIGHTS: MatchWeights = weightsFrom(model.coefficients);

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
  /** Its kind: prefecture, city, town, village, ward, special_ward, municipality, state, province… */
  kind: string;
  population: number | null;
  latitude: number | null;
  longitude: number | null;
  /** The name folded for comparison (see names.ts foldName), without kind words: "ibara". */
  name: string;
  /** Its trigrams (trigrams.ts), kept so that names are compared without rebuilding them. */
  nameGrams: readonly string[];
  /** The themes of its description, where the registry has one (a listing's themes come first). */
  themes: ReadonlySet<string> | null;
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
  /** How many partners an LG has: partnersOf(id).size, without building the set. */
  degreeOf(id: number): number;
  /** How many partners an LG has in a country. */
  tiesWith(id: number, country: string): number;
  placeOf(id: number): MatchPlace | undefined;
  /** The LGs of a region (see MatchPlace.region). */
  membersOf(region: string): readonly number[];
  /** The LGs of a country. */
  placesIn(country: string): readonly number[];
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
  /** The candidate is twinned with a neighbour of the seeker: an LG of its country within NEIGHBOUR_KM. */
  | { factor: 'network'; kind: 'neighbourTwinned'; neighbour: number; km: number }
  /** The candidate is twinned with another LG of the seeker's prefecture or state. */
  | { factor: 'network'; kind: 'regionTwinned'; member: number }
  /** Ties already link the seeker's prefecture or state with the candidate's: how many, and one of them. */
  | { factor: 'network'; kind: 'regionTies'; count: number; member: number; partner: number }
  | { factor: 'popularity'; ties: number }
  | { factor: 'countryTies'; country: string; count: number; example: number }
  /** The ties between the seeker's country and the candidate's. */
  | { factor: 'countryLinks'; seekerCountry: string; country: string; count: number }
  /** The ties between the seeker's country and the candidate's state or province. */
  | { factor: 'regionLinks'; seekerCountry: string; count: number }
  | { factor: 'size'; population: number }
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
  /** Partners of the seeker's neighbours (NEIGHBOUR_KM): candidate → the nearest such neighbour and how far it is. */
  neighbourTwinned: Map<number, { neighbour: number; km: number }>;
  /** Partners of the other LGs of the seeker's region: candidate → that LG. */
  regionTwinned: Map<number, number>;
  /** Every candidate the four maps above name. */
  reached: ReadonlySet<number>;
  /** The ties between the seeker's region and each other region, with one of them as an example. */
  regionTies: Map<string, { count: number; member: number; partner: number }>;
  /** The ties of the seeker's country's LGs abroad by the partner's country and by its region: how many, and the factor's value. */
  countryLinks: ReadonlyMap<string, { count: number; value: number }>;
  regionLinks: ReadonlyMap<string, { count: number; value: number }>;
  seekerGrams: ReadonlySet<string>;
}

/** A neighbour: an LG of the same country whose point lies within this distance. */
export const NEIGHBOUR_KM = 30;

/** The LGs of the seeker's country within NEIGHBOUR_KM of it, nearest first. */
export function neighboursOf(place: MatchPlace, graph: MatchGraph): { id: number; km: number }[] {
  if (place.latitude === null || place.longitude === null) return [];
  const near: { id: number; km: number }[] = [];
  for (const id of graph.placesIn(place.country)) {
    const other = graph.placeOf(id);
    if (id === place.id || !other || other.latitude === null || other.longitude === null) continue;
    const km = distanceKm(place.latitude, place.longitude, other.latitude, other.longitude);
    if (km <= NEIGHBOUR_KM) near.push({ id, km });
  }
  return near.sort((a, b) => a.km - b.km);
}

/** What is worked out once per seeker; `countryLinks` keeps its country's links for the next seeker of it (a batch). */
export function seekerContext(seeker: MatchSide, graph: MatchGraph, countryLinks?: Map<string, CountryLinks>): SeekerContext {
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
  const neighbourTwinned = new Map<number, { neighbour: number; km: number }>();
  for (const { id, km } of neighboursOf(place, graph)) {
    for (const partner of graph.partnersOf(id)) if (!neighbourTwinned.has(partner)) neighbourTwinned.set(partner, { neighbour: id, km });
  }
  const regionTwinned = new Map<number, number>();
  const regionTies = new Map<string, { count: number; member: number; partner: number }>();
  if (place.region !== null) {
    for (const member of graph.membersOf(place.region)) {
      for (const partner of graph.partnersOf(member)) {
        if (member !== place.id && member !== place.regionLgId && !regionTwinned.has(partner)) regionTwinned.set(partner, member);
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
  const reached = new Set([...sharedPartner.keys(), ...regionPartner.keys(), ...neighbourTwinned.keys(), ...regionTwinned.keys()]);
  const links = countryLinks?.get(place.country) ?? linksOfCountry(place.country, graph);
  countryLinks?.set(place.country, links);
  return { seeker, graph, sharedPartner, regionPartner, neighbourTwinned, regionTwinned, reached, regionTies, ...links, seekerGrams: new Set(place.nameGrams) };
}

/** What a country's ties abroad say of every seeker of it: the same for all, so a batch keeps them by country. */
export type CountryLinks = Pick<SeekerContext, 'countryLinks' | 'regionLinks'>;

/** The ties of a country's LGs abroad, by the partner's country and region, with the factor's value on a log scale. */
function linksOfCountry(country: string, graph: MatchGraph): CountryLinks {
  const countries = new Map<string, number>();
  const regions = new Map<string, number>();
  let total = 0;
  for (const member of graph.placesIn(country)) {
    for (const partner of graph.partnersOf(member)) {
      const other = graph.placeOf(partner);
      if (!other || other.country === country) continue;
      total += 1;
      countries.set(other.country, (countries.get(other.country) ?? 0) + 1);
      if (other.region !== null) regions.set(other.region, (regions.get(other.region) ?? 0) + 1);
    }
  }
  // On a log scale, all of the country's ties abroad 1: worked out once here rather than for each candidate.
  const valued = (counts: Map<string, number>) => new Map([...counts].map(([key, count]) => [key, { count, value: Math.log1p(count) / Math.log1p(total) }]));
  return { countryLinks: valued(countries), regionLinks: valued(regions) };
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

/** A candidate's ties beyond its first: this many make the rest of the factor half full. */
const POPULARITY_HALF = 4;

/** Size on a log scale: 1,000 inhabitants or fewer 0, ten million or more 1. */
export function sizeValue(population: number): number {
  return Math.min(1, Math.max(0, (Math.log10(population) - 3) / 4));
}

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

/** A factor's value for a candidate; `self` and `other` are the seeker's and the candidate's places. */
type FactorValue = (context: SeekerContext, candidate: MatchSide, self: MatchPlace, other: MatchPlace, reasons?: MatchReason[]) => number;

/** The themes of a side's texts: its listing's, else its description's. */
const themesOf = (side: MatchSide) => side.listing?.themes ?? side.place.themes;

/**
 * The value of each factor for one candidate, from 0 to 1. With `reasons`, also says why in
 * MatchReasons; without, it allocates nothing, since it runs for every candidate in the pool. One
 * function per factor, so that scoring a pool factor by factor calls the same function in a row.
 */
const FACTOR_VALUES: Record<MatchFactor, FactorValue> = {
  themes: (context, candidate, self, other, reasons) => {
    const mine = themesOf(context.seeker);
    const theirs = themesOf(candidate);
    if (!mine || !theirs) return 0;
    const themes = intersection(mine, theirs);
    if (themes.length > 0) reasons?.push({ factor: 'themes', themes });
    return sharedValue(themes.length);
  },
  fields: (context, candidate, self, other, reasons) => {
    const mine = context.seeker.listing;
    if (!mine || !candidate.listing) return 0;
    const fields = intersection(mine.fields, candidate.listing.fields);
    if (fields.length > 0) reasons?.push({ factor: 'fields', fields });
    return sharedValue(fields.length);
  },
  reciprocity: (context, candidate, self, other, reasons) => {
    const candidateWants = candidate.listing && wantedRegion(candidate.listing, self.country);
    if (!candidateWants) return 0;
    const seekerWants = context.seeker.listing && wantedRegion(context.seeker.listing, other.country);
    reasons?.push({ factor: 'reciprocity', mutual: seekerWants !== null, candidateWants, seekerWants });
    // A listing that wants the seeker's country is rare and says much, even when the seeker's asks elsewhere.
    return seekerWants ? 1 : 0.7;
  },
  desiredRegion: (context, candidate, self, other, reasons) => {
    if (!context.seeker.listing) return 0;
    const code = wantedRegion(context.seeker.listing, other.country);
    reasons?.push({ factor: 'desiredRegion', wanted: code !== null, code });
    return code ? 1 : 0;
  },
  population: (context, candidate, self, other, reasons) => {
    const a = populationOf(context.seeker);
    const b = populationOf(candidate);
    if (!a || !b) return 0;
    const value = populationSimilarity(a, b);
    if (value >= NOTABLE) reasons?.push({ factor: 'population', seeker: a, candidate: b });
    return value;
  },
  text: (context, candidate, self, other, reasons) => {
    if (!context.seeker.listing || !candidate.listing) return 0;
    const similarity = cosine(context.seeker.listing.text, candidate.listing.text);
    if (similarity >= TEXT_NOTABLE) reasons?.push({ factor: 'text', similarity });
    return Math.min(1, similarity / TEXT_FULL);
  },
  latitude: (context, candidate, self, other, reasons) => {
    if (self.latitude === null || other.latitude === null) return 0;
    const value = latitudeSimilarity(self.latitude, other.latitude);
    if (value >= 0.5) reasons?.push({ factor: 'latitude', seeker: self.latitude, candidate: other.latitude });
    return value;
  },
  season: (context, candidate, self, other, reasons) => {
    if (self.latitude === null || other.latitude === null) return 0;
    const sameHemisphere = self.latitude >= 0 === other.latitude >= 0;
    reasons?.push({ factor: 'season', sameHemisphere, north: self.latitude >= 0 });
    return sameHemisphere ? 1 : 0;
  },
  name: (context, candidate, self, other, reasons) => {
    if (self.name === other.name) {
      reasons?.push({ factor: 'name', identical: true, seekerId: self.id, candidateId: other.id });
      return 1;
    }
    const mine = context.seekerGrams;
    let shared = 0;
    for (const gram of other.nameGrams) if (mine.has(gram)) shared += 1;
    const value = trigramSimilarity(shared, mine.size, other.nameGrams.length);
    if (value < NOTABLE) return 0;
    reasons?.push({ factor: 'name', identical: false, seekerId: self.id, candidateId: other.id });
    return value;
  },
  network: (context, candidate, self, other, reasons) => {
    const ties = other.region === null ? undefined : context.regionTies.get(other.region);
    if (!ties && !context.reached.has(other.id)) return 0;
    let missing = 1;
    const partner = context.sharedPartner.get(other.id);
    if (partner !== undefined) {
      missing *= 0.4;
      reasons?.push({ factor: 'network', kind: 'sharedPartner', partner });
    }
    const regionPartner = context.regionPartner.get(other.id);
    if (regionPartner !== undefined) {
      missing *= 0.4;
      reasons?.push({ factor: 'network', kind: 'regionPartner', region: self.regionLgId!, partner: regionPartner });
    }
    const neighbour = context.neighbourTwinned.get(other.id);
    if (neighbour !== undefined) {
      missing *= 0.4;
      reasons?.push({ factor: 'network', kind: 'neighbourTwinned', ...neighbour });
    }
    const member = context.regionTwinned.get(other.id);
    if (member !== undefined && member !== neighbour?.neighbour) {
      missing *= 0.7;
      reasons?.push({ factor: 'network', kind: 'regionTwinned', member });
    }
    if (ties) {
      missing *= Math.max(0.2, 0.7 ** ties.count);
      reasons?.push({ factor: 'network', kind: 'regionTies', ...ties });
    }
    return 1 - missing;
  },
  popularity: (context, candidate, self, other, reasons) => {
    const ties = context.graph.degreeOf(other.id);
    if (ties === 0) return 0;
    reasons?.push({ factor: 'popularity', ties });
    // A first tie says most: the place forms such ties at all.
    return 0.5 + (0.5 * ties) / (ties + POPULARITY_HALF);
  },
  countryTies: (context, candidate, self, other, reasons) => {
    const count = context.graph.tiesWith(other.id, self.country);
    if (count === 0) return 0;
    if (reasons) {
      const example = [...context.graph.partnersOf(other.id)].find((partner) => context.graph.placeOf(partner)?.country === self.country)!;
      reasons.push({ factor: 'countryTies', country: self.country, count, example });
    }
    return count / (count + 1);
  },
  countryLinks: (context, candidate, self, other, reasons) => {
    const country = candidate.place.country;
    const links = context.countryLinks.get(country);
    if (!links) return 0;
    reasons?.push({ factor: 'countryLinks', seekerCountry: context.seeker.place.country, country, count: links.count });
    return links.value;
  },
  regionLinks: (context, candidate, self, other, reasons) => {
    const region = candidate.place.region;
    const links = region === null ? undefined : context.regionLinks.get(region);
    if (!links) return 0;
    reasons?.push({ factor: 'regionLinks', seekerCountry: context.seeker.place.country, count: links.count });
    return links.value;
  },
  size: (context, candidate, self, other, reasons) => {
    const population = populationOf(candidate);
    if (!population) return 0;
    const value = sizeValue(population);
    reasons?.push({ factor: 'size', population });
    return value;
  },
  newToCountry: (context, candidate, self, other, reasons) => {
    if (context.graph.tiesWith(other.id, self.country) > 0) return 0;
    reasons?.push({ factor: 'newToCountry', country: self.country });
    return 1;
  },
};

const factorValue = (factor: MatchFactor, context: SeekerContext, candidate: MatchSide, reasons?: MatchReason[]) => FACTOR_VALUES[factor](context, candidate, context.seeker.place, candidate.place, reasons);

const totalWeight = (weights: MatchWeights) => MATCH_FACTORS.reduce((sum, factor) => sum + weights[factor], 0);

/** The score of a candidate from 0 to 100, without its reasons. */
export function scoreOf(context: SeekerContext, candidate: MatchSide, weights: MatchWeights, total = totalWeight(weights)): number {
  let sum = 0;
  for (const factor of MATCH_FACTORS) if (weights[factor] > 0) sum += weights[factor] * factorValue(factor, context, candidate);
  return (100 * sum) / total;
}

/**
 * The scores of a whole pool into `scores`, the same as scoreOf gives one by one: factor by factor
 * over the pool, so that ranking two hundred thousand candidates stays within a few tens of milliseconds.
 */
export function scorePool(context: SeekerContext, pool: readonly MatchSide[], weights: MatchWeights, scores: Float64Array): void {
  const total = totalWeight(weights);
  scores.fill(0, 0, pool.length);
  // These factors are 0 for a candidate without a listing or a description, and most have neither.
  const listed: number[] = [];
  for (let i = 0; i < pool.length; i++) if (pool[i]!.listing || pool[i]!.place.themes) listed.push(i);
  for (const factor of MATCH_FACTORS) {
    const weight = weights[factor];
    const value = FACTOR_VALUES[factor];
    if (weight === 0 || (factor === 'desiredRegion' && !context.seeker.listing)) continue;
    const self = context.seeker.place;
    if (LISTING_FACTORS.has(factor)) for (const i of listed) scores[i]! += weight * value(context, pool[i]!, self, pool[i]!.place);
    else for (let i = 0; i < pool.length; i++) scores[i]! += weight * value(context, pool[i]!, self, pool[i]!.place);
  }
  for (let i = 0; i < pool.length; i++) scores[i] = (100 * scores[i]!) / total;
}

/** The factors that are 0 for a candidate without a listing or a description. */
const LISTING_FACTORS: ReadonlySet<MatchFactor> = new Set(['reciprocity', 'themes', 'fields', 'text']);

/** The values of the fitted factors for one candidate, in the order of FITTED_FACTORS: what the weights are fitted on. */
export function fittedValues(context: SeekerContext, candidate: MatchSide, into: Float64Array): Float64Array {
  FITTED_FACTORS.forEach((factor, i) => (into[i] = factorValue(factor, context, candidate)));
  return into;
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

/** Among the first candidates shown, at most this many from one state, province or country without one. */
export const PER_REGION = 3;

/** How many of the best rankCandidates chooses among, so that it can spread the first over regions. */
export const shortlistFor = (limit: number) => limit * 4;

/** The positions of the `count` best scores, best first; equal scores keep their order. */
function bestOf(scores: Float64Array, count: number): { index: number; score: number }[] {
  const best: { index: number; score: number }[] = [];
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i]!;
    if (best.length === count && score <= best[count - 1]!.score) continue;
    let at = best.length;
    while (at > 0 && best[at - 1]!.score < score) at -= 1;
    best.splice(at, 0, { index: i, score });
    if (best.length > count) best.pop();
  }
  return best;
}

/**
 * The best `count` candidates by score, best first, unexplained. Ranking slices of a pool one at a
 * time and then their best together, with `count` at shortlistFor(limit), ranks as one pass would.
 */
export function bestCandidates(context: SeekerContext, candidates: readonly MatchSide[], weights: MatchWeights, count: number): MatchSide[] {
  const scores = new Float64Array(candidates.length);
  scorePool(context, candidates, weights, scores);
  return bestOf(scores, count).map(({ index }) => candidates[index]!);
}

/**
 * The best `limit` candidates, explained, best first, but no more than PER_REGION of one region among
 * them while others score nearly as well: the next-best of a region already full waits until the
 * places of other regions within REGION_MARGIN points of it have been shown. Every candidate is
 * scored without reasons and only the best few are sorted; equal scores keep the pool's order.
 */
export function rankCandidates(context: SeekerContext, candidates: readonly MatchSide[], weights: MatchWeights, limit: number): RankedCandidate[] {
  const scores = new Float64Array(candidates.length);
  scorePool(context, candidates, weights, scores);
  const best = bestOf(scores, shortlistFor(limit));
  const regionOf = (index: number) => candidates[index]!.place.region ?? candidates[index]!.place.country;
  const shown = new Map<string, number>();
  const chosen: number[] = [];
  const waiting = [...best];
  while (chosen.length < limit && waiting.length > 0) {
    const top = waiting[0]!.score;
    const open = waiting.findIndex(({ index, score }) => (shown.get(regionOf(index)) ?? 0) < PER_REGION && score >= top - REGION_MARGIN);
    const { index } = waiting.splice(open < 0 ? 0 : open, 1)[0]!;
    shown.set(regionOf(index), (shown.get(regionOf(index)) ?? 0) + 1);
    chosen.push(index);
  }
  return chosen.map((index) => explain(context, candidates[index]!, weights));
}

/**
 * The factors whose value for a candidate is the same for every seeker of one country: the
 * candidate's own ties and size, and the ties between the seeker's country and the candidate's
 * country and region. A batch of seekers of one country works them out once (preparePool).
 */
export const SEEKER_FREE_FACTORS: readonly MatchFactor[] = ['popularity', 'countryTies', 'countryLinks', 'regionLinks', 'size', 'newToCountry'];

/** A pool prepared once for every seeker of one country (see SEEKER_FREE_FACTORS), its candidates' values in flat arrays. */
export interface PreparedPool {
  country: string;
  sides: readonly MatchSide[];
  /** Each candidate's points from SEEKER_FREE_FACTORS, and the positions by those points, most first. */
  fixed: Float64Array;
  byFixed: Int32Array;
  /** Each candidate's population and latitude, NaN where unknown. */
  population: Float64Array;
  latitude: Float64Array;
  /** Candidates with a listing or themes, whose listing factors only scoreOf works out. */
  listed: number[];
  /** Each candidate's position by id, its region, and the positions of each region's candidates by their fixed points, most first. */
  positionOf: Map<number, number>;
  regionOf: (string | null)[];
  byRegion: Map<string, number[]>;
}

/** Prepares a pool once for every seeker of the country of `context`'s seeker. */
export function preparePool(context: SeekerContext, pool: readonly MatchSide[], weights: MatchWeights): PreparedPool {
  const total = totalWeight(weights);
  const self = context.seeker.place;
  const fixed = new Float64Array(pool.length);
  const positionOf = new Map<number, number>();
  const byRegion = new Map<string, number[]>();
  const listed: number[] = [];
  pool.forEach((side, i) => {
    let sum = 0;
    for (const factor of SEEKER_FREE_FACTORS) if (weights[factor] > 0) sum += weights[factor] * FACTOR_VALUES[factor](context, side, self, side.place);
    fixed[i] = (100 * sum) / total;
    positionOf.set(side.place.id, i);
    if (side.place.region !== null) {
      const members = byRegion.get(side.place.region);
      if (members) members.push(i);
      else byRegion.set(side.place.region, [i]);
    }
    if (side.listing || side.place.themes) listed.push(i);
  });
  const mostFirst = (a: number, b: number) => fixed[b]! - fixed[a]! || a - b;
  for (const members of byRegion.values()) members.sort(mostFirst);
  return {
    country: self.country,
    sides: pool,
    fixed,
    byFixed: Int32Array.from(pool.keys()).sort(mostFirst),
    regionOf: pool.map((side) => side.place.region),
    population: Float64Array.from(pool, (side) => populationOf(side) || NaN),
    latitude: Float64Array.from(pool, (side) => side.place.latitude ?? NaN),
    listed,
    positionOf,
    byRegion,
  };
}

/**
 * The best `count` candidates of a prepared pool for one seeker of its country, best first, as
 * bestCandidates finds them over the same pool less `exclude` (equal scores in the pool's order).
 * Those with a listing or themes are scored by scoreOf, those the network reaches with its points;
 * every other candidate scores its fixed points and the seeker's population, latitude and season,
 * so they are taken by their fixed points, most first, until those points and the most the seeker's
 * factors could add fall short of the list. A seeker with a listing, or weights that count names,
 * is scored by bestCandidates itself.
 */
export function bestOfPrepared(context: SeekerContext, prepared: PreparedPool, weights: MatchWeights, count: number, exclude: ReadonlySet<number>): MatchSide[] {
  const self = context.seeker.place;
  if (self.country !== prepared.country) throw new RangeError('A prepared pool serves seekers of its own country only');
  if (context.seeker.listing || weights.name > 0) return bestCandidates(context, prepared.sides.filter((side) => !exclude.has(side.place.id) && side.place.id !== self.id), weights, count);
  const total = totalWeight(weights);
  const seekerPopulation = populationOf(context.seeker);
  const [population, latitude, season] = [weights.population, weights.latitude, weights.season].map((weight) => (100 * weight) / total) as [number, number, number];
  const base = (i: number) => {
    let score = prepared.fixed[i]!;
    const candidatePopulation = prepared.population[i]!;
    if (population > 0 && seekerPopulation && candidatePopulation > 0) score += population * populationSimilarity(seekerPopulation, candidatePopulation);
    const candidateLatitude = prepared.latitude[i]!;
    if (self.latitude !== null && !Number.isNaN(candidateLatitude)) {
      if (latitude > 0) score += latitude * latitudeSimilarity(self.latitude, candidateLatitude);
      if (season > 0 && self.latitude >= 0 === candidateLatitude >= 0) score += season;
    }
    return score;
  };
  const excluded = new Set<number>();
  for (const id of [...exclude, self.id]) {
    const position = prepared.positionOf.get(id);
    if (position !== undefined) excluded.add(position);
  }
  const best: { position: number; score: number }[] = [];
  const lowest = () => (best.length === count ? best[count - 1]!.score : -Infinity);
  const offer = (position: number, score: number) => {
    if (best.length === count && (score < lowest() || (score === lowest() && position > best[count - 1]!.position))) return;
    let at = best.length;
    while (at > 0 && (best[at - 1]!.score < score || (best[at - 1]!.score === score && best[at - 1]!.position > position))) at -= 1;
    best.splice(at, 0, { position, score });
    if (best.length > count) best.pop();
  };
  // Those with a listing or themes, and those the seeker's ties reach, scored whole first.
  const listed = new Set(prepared.listed);
  const special = new Set(listed);
  const networkPoints = (position: number) => {
    const side = prepared.sides[position]!;
    return (100 * weights.network * FACTOR_VALUES.network(context, side, self, side.place)) / total;
  };
  if (weights.network > 0) {
    for (const id of context.reached) {
      const position = prepared.positionOf.get(id);
      if (position !== undefined) special.add(position);
    }
  }
  for (const position of special) {
    if (excluded.has(position)) continue;
    offer(position, listed.has(position) ? scoreOf(context, prepared.sides[position]!, weights, total) : base(position) + networkPoints(position));
  }
  // Then the others by their fixed points, most first, while they could still reach the list: those
  // of a region the seeker's region has ties with get the network's points for it, at most mostNetwork.
  const most = population + latitude + season;
  const mostNetwork = weights.network > 0 ? (100 * weights.network) / total : 0;
  const tied = (position: number) => weights.network > 0 && prepared.regionOf[position] !== null && context.regionTies.has(prepared.regionOf[position]!);
  for (const position of prepared.byFixed) {
    if (prepared.fixed[position]! + most < lowest()) break;
    if (!special.has(position) && !excluded.has(position) && !tied(position)) offer(position, base(position));
  }
  if (weights.network > 0) {
    for (const region of context.regionTies.keys()) {
      for (const position of prepared.byRegion.get(region) ?? []) {
        if (prepared.fixed[position]! + most + mostNetwork < lowest()) break;
        if (!special.has(position) && !excluded.has(position)) offer(position, base(position) + networkPoints(position));
      }
    }
  }
  return best.map(({ position }) => prepared.sides[position]!);
}

/** How far below the best waiting candidate one of another region may be and still come first. */
export const REGION_MARGIN = 3;

const FIRST_LEVEL = new Set(['prefecture', 'state', 'province', 'region', 'territory', 'county']);
/** A prefecture's or state's partners among places: large cities only. */
export const LARGE_CITY = 100_000;
/** A village's partners: places of this size or smaller, or of unknown size. */
export const SMALL_PLACE = 100_000;

/** What canPartner asks of a seeker besides its country: first-level region, village, or other municipality. */
export const partnerClass = (seeker: MatchPlace) => (FIRST_LEVEL.has(seeker.kind) ? 'region' : seeker.kind === 'village' ? 'village' : 'municipality');

/**
 * Whether a candidate could be a party with the seeker: never in the seeker's own country, never a
 * ward of a designated city (a part of a city); a prefecture, state or province with first-level
 * regions and large cities; a municipality with municipalities, a village with small ones.
 */
export function canPartner(seeker: MatchPlace, candidate: MatchPlace): boolean {
  if (candidate.country === seeker.country || candidate.kind === 'ward') return false;
  const seekerClass = partnerClass(seeker);
  if (seekerClass === 'region') return FIRST_LEVEL.has(candidate.kind) || (candidate.population ?? 0) >= LARGE_CITY;
  if (FIRST_LEVEL.has(candidate.kind)) return false;
  return seekerClass !== 'village' || candidate.population === null || candidate.population <= SMALL_PLACE;
}
