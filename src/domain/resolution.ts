import { foldName } from './names.js';
import { nameVariants } from './placeNames.js';
import { diceSimilarity, editDistance } from './trigrams.js';

/** One side of a twin-town pair as the source gives it, country already normalised. */
export interface PairSide {
  name: string;
  qualifiers: string[];
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** GeoNames admin1 code implied by the country column (SCT for "Scotland"). */
  admin1?: string;
  latitude?: number;
  longitude?: number;
  /** True when no place of the country lies near the coordinates: they belong to another country. */
  coordinatesOutsideCountry?: boolean;
}

/** A gazetteer place that a side may refer to. */
export interface Candidate {
  id: number;
  /** Names of the place, each already passed through foldName. */
  foldedNames: string[];
  country: string;
  admin1: string | null;
  regionName: string | null;
  population: number | null;
  latitude: number | null;
  longitude: number | null;
  kind: string;
}

/** The outcome of matching a side against its candidates, with the reason in plain words. */
export interface Resolution {
  status: 'resolved' | 'ambiguous' | 'unresolved';
  candidate?: Candidate;
  /** Points of the chosen candidate: 100 for an exact name, plus or minus region and distance evidence. */
  score?: number;
  /** Distance from the side's coordinates to the chosen candidate, when both are known. */
  distanceKm?: number;
  reason: string;
}

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(aLat: number, aLng: number, bLat: number, bLng: number): number {
  const toRad = Math.PI / 180;
  const dLat = (bLat - aLat) * toRad;
  const dLng = (bLng - aLng) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * toRad) * Math.cos(bLat * toRad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

const EXACT_NAME = 100;
const VARIANT_NAME = 90;
/** Similarity a name must reach without supporting coordinates, and with them. */
const NEAR_NAME_ALONE = 0.8;
const NEAR_NAME_NEARBY = 0.6;
const QUALIFIER_MATCH = 60;
const QUALIFIER_CONFLICT = -60;
const ADMIN1_MATCH = 40;
const ADMIN1_CONFLICT = -60;
/** Candidates this many points or fewer behind the best are still in the running. */
const MARGIN = 15;
/** A contender this many times larger than every other is taken to be the one meant. */
const POPULATION_RATIO = 3;
/** Contenders this close to the best one are the same place entered twice. */
const SAME_PLACE_KM = 10;
/** A contender within 30 km of the given coordinates wins if the next is this many times, and this much, farther. */
const NEAREST_RATIO = 3;
const NEAREST_LEAD_KM = 10;

const REGION_WORD: Record<string, string> = {
  US: 'state',
  AU: 'state',
  BR: 'state',
  DE: 'state',
  IN: 'state',
  MX: 'state',
  CA: 'province',
  CN: 'province',
  JP: 'prefecture',
  GB: 'country',
};
const COUNT_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** Points for the distance between the side's coordinates and a candidate. */
function distancePoints(km: number): number {
  if (km <= 10) return 50;
  if (km <= 30) return 50 - ((km - 10) / 20) * 10;
  if (km <= 100) return (40 * (100 - km)) / 70;
  return -Math.min(50, (km - 100) / 5);
}

function overlaps(a: Iterable<string>, b: Set<string>): string | undefined {
  for (const item of a) if (b.has(item)) return item;
  return undefined;
}

const variantsByCandidate = new WeakMap<Candidate, Set<string>>();

/** Every spelling variant of a candidate's names, worked out once per candidate (large cities have hundreds of names). */
function variantsOf(candidate: Candidate): Set<string> {
  let variants = variantsByCandidate.get(candidate);
  if (!variants) variantsByCandidate.set(candidate, (variants = new Set(candidate.foldedNames.flatMap((name) => nameVariants(name)))));
  return variants;
}

interface Scored {
  candidate: Candidate;
  points: number;
  distance?: number;
  qualifierMatched: boolean;
  evidence: string[];
}

function formatCount(n: number): string {
  return n < COUNT_WORDS.length ? COUNT_WORDS[n]! : String(n);
}

function formatPeople(n: number | null): string {
  return n === null ? 'unknown population' : `${new Intl.NumberFormat('en').format(n)} people`;
}

/**
 * Picks the candidate a side refers to. A candidate must be in the side's country and match its
 * name (exactly, as a spelling variant, or nearly); then qualifiers that name its region, an admin1
 * code implied by the country column, and closeness to the side's coordinates add points, and
 * contrary evidence takes them away. When the best few are within a small margin, they are taken as
 * one place if they lie within 10 km of each other; otherwise the one clearly nearest the given
 * coordinates wins, then a place at least three times larger than the rest (unless the coordinates are
 * far from all of them or a qualifier fits none); else the side is ambiguous.
 */
export function resolveSide(
  side: PairSide,
  candidates: Candidate[],
  qualifierAdmin1: (country: string, qualifier: string) => string[],
): Resolution {
  const label = side.qualifiers.length > 0 ? `${side.name} (${side.qualifiers.join(', ')})` : side.name;
  const sideVariants = nameVariants(side.name);
  const primary = sideVariants[0];
  if (primary === undefined) return { status: 'unresolved', reason: `no name given for a place in ${side.country}` };
  const variantSet = new Set(sideVariants);
  // "Halle (Saale)" may be listed under its whole name.
  const qualifiedNames = new Map(side.qualifiers.map((q) => [foldName(`${side.name} ${q}`), q]));

  const inCountry = candidates.filter((candidate) => candidate.country === side.country);
  if (inCountry.length === 0) {
    const elsewhere = [...new Set(candidates.map((candidate) => candidate.country))].sort();
    const tail = elsewhere.length > 0 ? ` (only in ${elsewhere.join(', ')})` : '';
    return { status: 'unresolved', reason: `no place named "${label}" in ${side.country}${tail}` };
  }

  // Coordinates outside the country point at another country's place of that name (a geocoding
  // slip, like "Birmingham, United States" placed in England): they say nothing here.
  const hasCoordinates = side.latitude !== undefined && side.longitude !== undefined && side.coordinatesOutsideCountry !== true;
  const qualifierCodes = side.qualifiers.map((q) => ({
    qualifier: q,
    folded: new Set(nameVariants(q)),
    codes: qualifierAdmin1(side.country, q),
  }));

  const scored: Scored[] = [];
  let closestMiss: { name: string; similarity: number } | undefined;
  for (const candidate of inCountry) {
    const evidence: string[] = [];
    let points: number;
    let qualifierByName: string | undefined;

    const exactName = candidate.foldedNames.find((name) => name === primary || qualifiedNames.has(name));
    const candidateVariants = variantsOf(candidate);
    const variant = exactName === undefined ? overlaps(sideVariants, candidateVariants) : undefined;
    let distance: number | undefined;
    if (hasCoordinates && candidate.latitude !== null && candidate.longitude !== null) {
      distance = distanceKm(side.latitude!, side.longitude!, candidate.latitude, candidate.longitude);
    }

    // Only an exact name may stand against the coordinates: a variant or near spelling far from them
    // is more likely another place ("Kocaeli" is not a village spelt "Kocalı" 800 km away).
    const plausible = distance === undefined || distance <= 100;
    if (exactName !== undefined) {
      points = EXACT_NAME;
      qualifierByName = qualifiedNames.get(exactName);
      evidence.push(qualifierByName === undefined ? 'exact name' : `full name "${exactName}"`);
    } else if (variant !== undefined) {
      if (!plausible) continue;
      points = VARIANT_NAME;
      evidence.push(`name variant "${variant}"`);
    } else {
      let best = 0;
      let bestName = '';
      for (const name of candidateVariants) {
        for (const mine of variantSet) {
          const value = diceSimilarity(mine, name);
          if (value > best) [best, bestName] = [value, name];
        }
      }
      // A candidate named like a qualifier is the containing place ("Prague 1 (Prague)" is not Prague).
      if (qualifierCodes.some(({ folded }) => overlaps(folded, candidateVariants) !== undefined)) continue;
      const nearby = distance !== undefined && distance <= 30;
      if (!(best >= NEAR_NAME_ALONE && plausible) && !(best >= NEAR_NAME_NEARBY && nearby)) {
        if (best > (closestMiss?.similarity ?? 0)) closestMiss = { name: bestName, similarity: best };
        continue;
      }
      points = Math.round(80 * best);
      evidence.push(`similar name "${bestName}" (${best.toFixed(2)})`);
    }

    let qualifierMatched = false;
    if (side.qualifiers.length > 0) {
      const regionVariants = new Set(candidate.regionName ? nameVariants(candidate.regionName) : []);
      let matched = qualifierByName;
      let conflicted = false;
      for (const { qualifier, folded, codes } of qualifierCodes) {
        if (matched !== undefined) break;
        if (candidate.admin1 !== null && codes.includes(candidate.admin1)) matched = qualifier;
        else if (overlaps(folded, regionVariants) !== undefined) matched = qualifier;
        else if (codes.length > 0 && candidate.admin1 !== null) conflicted = true;
      }
      if (matched !== undefined) {
        qualifierMatched = true;
        points += QUALIFIER_MATCH;
        evidence.push(`qualifier "${matched}"`);
      } else if (conflicted) {
        points += QUALIFIER_CONFLICT;
        evidence.push(`qualifier names another ${REGION_WORD[side.country] ?? 'region'}`);
      }
    }

    if (side.admin1 !== undefined && candidate.admin1 !== null) {
      if (candidate.admin1 === side.admin1) {
        points += ADMIN1_MATCH;
        evidence.push(`in ${side.admin1}`);
      } else {
        points += ADMIN1_CONFLICT;
        evidence.push(`in ${candidate.admin1}, not ${side.admin1}`);
      }
    }

    if (distance !== undefined) {
      points += distancePoints(distance);
      evidence.push(`${Math.round(distance)} km from the given coordinates`);
    }

    scored.push({ candidate, points: Math.round(points * 10) / 10, distance, qualifierMatched, evidence });
  }

  if (scored.length === 0) {
    const hint = closestMiss ? `; closest is "${closestMiss.name}" (${closestMiss.similarity.toFixed(2)})` : '';
    return { status: 'unresolved', reason: `no place named "${label}" in ${side.country}${hint}` };
  }

  scored.sort((a, b) => b.points - a.points || (b.candidate.population ?? 0) - (a.candidate.population ?? 0));
  const best = scored[0]!;
  const contenders = scored.filter((entry) => best.points - entry.points <= MARGIN);

  const resolved = (chosen: Scored, extra: string[]): Resolution => {
    const resolution: Resolution = {
      status: 'resolved',
      candidate: chosen.candidate,
      score: chosen.points,
      reason: `"${label}" is id ${chosen.candidate.id} in ${side.country}: ${[...chosen.evidence, ...extra].join(', ')}`,
    };
    if (chosen.distance !== undefined) resolution.distanceKm = Math.round(chosen.distance * 10) / 10;
    return resolution;
  };

  if (contenders.length === 1) {
    const extra = scored.length === 1 ? ['only candidate'] : [`${Math.round(best.points - scored[1]!.points)} points ahead`];
    return resolved(best, extra);
  }

  // GeoNames sometimes lists one town twice ("Balikpapan" and "City of Balikpapan").
  const bestCandidate = best.candidate;
  if (bestCandidate.latitude !== null && bestCandidate.longitude !== null) {
    const others = contenders.slice(1);
    const sameSpot = others.every(
      ({ candidate }) =>
        candidate.latitude !== null &&
        candidate.longitude !== null &&
        distanceKm(bestCandidate.latitude!, bestCandidate.longitude!, candidate.latitude, candidate.longitude) <=
          SAME_PLACE_KM,
    );
    if (sameSpot) {
      const ids = others.map((entry) => entry.candidate.id).join(', ');
      return resolved(best, [`ids ${ids} lie within ${SAME_PLACE_KM} km and are taken as the same place`]);
    }
  }

  const located = contenders.filter((entry) => entry.distance !== undefined);
  if (located.length === contenders.length) {
    const byDistance = [...located].sort((a, b) => a.distance! - b.distance!);
    const nearest = byDistance[0]!;
    const next = byDistance[1]!;
    const near = nearest.distance!;
    if (near <= 30 && next.distance! >= Math.max(NEAREST_RATIO * near, near + NEAREST_LEAD_KM)) {
      return resolved(nearest, [`nearest of ${contenders.length} to the given coordinates (next ${Math.round(next.distance!)} km)`]);
    }
  }

  // Size is only a prior: it must not outvote coordinates that point elsewhere, or a qualifier that
  // fits none of them ("Zhongshan (Dalian)" is not the large Zhongshan in Guangdong).
  const byPopulation = [...contenders].sort((a, b) => (b.candidate.population ?? 0) - (a.candidate.population ?? 0));
  const largest = byPopulation[0]!;
  const runnerUp = byPopulation[1]!;
  const largestPopulation = largest.candidate.population ?? 0;
  const runnerUpPopulation = runnerUp.candidate.population ?? 0;
  const allFar = located.length === contenders.length && located.every((entry) => entry.distance! > 100);
  const qualifierUnmet = side.qualifiers.length > 0 && !largest.qualifierMatched;
  if (
    !allFar &&
    !qualifierUnmet &&
    largestPopulation > 0 &&
    largestPopulation >= POPULATION_RATIO * runnerUpPopulation
  ) {
    const ratio = runnerUpPopulation > 0 ? `${(largestPopulation / runnerUpPopulation).toFixed(1)}×` : 'far more than';
    return resolved(largest, [
      `largest of ${contenders.length} (${formatPeople(largest.candidate.population)}, ${ratio} the next)`,
    ]);
  }

  const regionWord = REGION_WORD[side.country] ?? 'region';
  const given = side.qualifiers.length > 0 || side.admin1 !== undefined;
  let why: string;
  if (!hasCoordinates && !given) {
    why = `no coordinates or ${regionWord} given`;
  } else {
    const coordinates = !hasCoordinates
      ? 'no coordinates given'
      : allFar
        ? 'the given coordinates are over 100 km from all of them'
        : 'the coordinates do not tell them apart';
    const region = !given
      ? `no ${regionWord} given`
      : side.qualifiers.length > 0
        ? `"${side.qualifiers.join(', ')}" does not tell them apart`
        : `the ${regionWord} does not tell them apart`;
    why = `${coordinates}, ${region}`;
  }
  const ids = contenders.map((entry) => entry.candidate.id).join(', ');
  return {
    status: 'ambiguous',
    reason: `${formatCount(contenders.length)} places named ${label} in ${side.country}, ${why}: ids ${ids}`,
  };
}

/** Words that make a name an administrative unit or a section of a city rather than a town of that name. */
const UNIT_WORDS = new RegExp(
  `\\b(${'county|district|borough|shire|province|region|raion|rayon|oblast|okrug|krai|municipality|kommune|kreis|landkreis|gmina|powiat|parish|department|governorate|prefecture|canton|city and county'
    .split('|')
    // Also as foldName writes them: it shortens "ou" and "mm" as in Japanese romanisation (county → conty).
    .flatMap((word) => [word, foldName(word)])
    .join('|')})\\b`,
);

/** True when a folded name names a county, a district or a numbered section (Milwaukee County, Prague 9), which no town of a similar name stands for. */
export function namesAdministrativeUnit(folded: string): boolean {
  return UNIT_WORDS.test(folded) || /\d/.test(folded);
}

/**
 * True when two folded names are spellings of one name (Yevpatoria and Yevpatoriya, Svietlahorsk
 * and Svyetlahorsk, Zhukovsky and Zhukovskiy): the same first letter and at most one letter in
 * eight otherwise. Names of neighbouring towns that merely look alike (Wolverton and Calverton,
 * Sovetsky and Sovetskoye) and one name inside a longer one (Taipei, New Taipei) are not.
 */
export function isSpellingVariant(a: string, b: string): boolean {
  return areSpellingVariantsWithoutSpaces(a.replace(/ /g, ''), b.replace(/ /g, ''));
}

/** isSpellingVariant of two folded names whose spaces are taken out already, for comparing many. */
export function areSpellingVariantsWithoutSpaces(a: string, b: string): boolean {
  if (a[0] !== b[0]) return false;
  const allowed = Math.max(1, Math.floor(Math.max(a.length, b.length) / 8));
  return editDistance(a, b, allowed) <= allowed;
}

/** Words that, added to a name, make it another place: North Saanich is not Saanich, Africo Nuovo not Africo. */
const DISTINGUISHING_WORDS = new Set(
  'north south east west new old upper lower great little nord sud ober unter nieder gross klein alt alte neu neue oude nieuw nieuwe nuovo nova novo novi nowa nowy stary stara naujoji dolni horni dolna horna donji gornji polnoc poludnie juh sever zapad vychod central centre center mount fort port saint sankt san santa st'
    .split(' ')
    .map(foldName),
);

/**
 * True when one folded name is the other with words added, as places are written in full or in
 * short: Rottenburg am Neckar and Rottenburg, Lake Macquarie Shire and Lake Macquarie, Bad Kötzting
 * and Kötzting, Pöls-Oberkurzheim and Pöls. Words may be added at the end, or one at the front; not
 * words that name another place (North Saanich, Africo Nuovo), and the shorter name has four
 * letters at least. Whether the two are one place is for the coordinates to say.
 */
export function isLongerFormOf(a: string, b: string): boolean {
  const wordsA = a.split(' ');
  const wordsB = b.split(' ');
  if (wordsA.length === wordsB.length) return false;
  const [short, long] = wordsA.length < wordsB.length ? [wordsA, wordsB] : [wordsB, wordsA];
  if (short.join('').length < 4) return false;
  const added = short.every((word, i) => long[i] === word)
    ? long.slice(short.length)
    : long.length - short.length === 1 && short.every((word, i) => long[i + 1] === word)
      ? long.slice(0, 1)
      : undefined;
  return added !== undefined && !added.some((word) => DISTINGUISHING_WORDS.has(word));
}
