import { STRIPPABLE_KIND_WORDS } from './kindWords.js';
import { foldName } from './names.js';

/** What matching needs of a Japanese LG. */
export interface JapaneseLgForMatch {
  jisCode: string;
  prefectureCode: string;
  kind: string;
  ascii: string;
  /** The name in kanji with its kind (南アルプス市), and without it (南アルプス). */
  name: string;
  kanjiBase: string;
}

/** What matching needs of a GeoNames place in Japan. */
export interface JapanesePlaceForMatch {
  geonamesId: number;
  name: string;
  admin1: string | null;
  featureCode: string;
  population: number | null;
  /** GeoNames' other names of the place, among them its name in kanji. */
  alternateNames: readonly string[];
}

export interface JapanMatchResult {
  /** GeoNames place id for each matched LG, by JIS code. */
  placeByJisCode: Map<string, number>;
  /** GeoNames admin1 code → JIS prefecture code, learnt from unambiguous matches. */
  prefectureByAdmin1: Map<string, string>;
}

// GeoNames writes some Japanese places with their romanised kind word ("Yasugichō", "Nishi-Tokyo-shi").
const SUFFIX = new RegExp(`(?:^|\\s)(?:${[...STRIPPABLE_KIND_WORDS, 'gun'].join('|')})$`);

/** The key a GeoNames name and a romanised LG name share: folded, suffix dropped, no spaces. */
export function japanesePlaceKey(name: string): string {
  const folded = foldName(name);
  const withoutSuffix = folded.replace(SUFFIX, '');
  return (withoutSuffix.length > 0 ? withoutSuffix : folded).replace(/\s+/g, '');
}

/** Seats of government and larger places first: a PPLA2 "Ibara" is the city, a PPL may be a district. */
function placeRank(place: JapanesePlaceForMatch): number {
  const featureRank = { PPLC: 4, PPLA: 3, PPLA2: 2, PPLA3: 1 }[place.featureCode] ?? 0;
  return featureRank * 1e9 + (place.population ?? 0);
}

/**
 * Matches Japan's municipalities (and designated-city wards) to GeoNames places by romanised name.
 * GeoNames' Japanese admin1 codes are not JIS codes, so the mapping between them is learnt from
 * the names that occur once on both sides, then used to tell apart same-named places (府中市 of
 * Tokyo and of Hiroshima). Prefectures are not populated places and are not matched.
 */
export function matchJapaneseToGazetteer(
  localGovernments: JapaneseLgForMatch[],
  places: JapanesePlaceForMatch[],
): JapanMatchResult {
  const municipalities = localGovernments.filter((lg) => lg.kind !== 'prefecture');
  const lgsByKey = groupBy(municipalities, (lg) => japanesePlaceKey(lg.ascii));
  const placesByKey = groupBy(places, (place) => japanesePlaceKey(place.name));

  const votes = new Map<string, Map<string, number>>();
  for (const [key, lgs] of lgsByKey) {
    const candidates = placesByKey.get(key);
    if (lgs.length !== 1 || candidates?.length !== 1) continue;
    const admin1 = candidates[0]!.admin1;
    if (!admin1) continue;
    const tally = votes.get(admin1) ?? new Map<string, number>();
    tally.set(lgs[0]!.prefectureCode, (tally.get(lgs[0]!.prefectureCode) ?? 0) + 1);
    votes.set(admin1, tally);
  }
  const prefectureByAdmin1 = new Map<string, string>();
  for (const [admin1, tally] of votes) {
    const [best] = [...tally].sort((a, b) => b[1] - a[1]);
    if (best) prefectureByAdmin1.set(admin1, best[0]);
  }

  const placeByJisCode = new Map<string, number>();
  const takenPlaces = new Set<number>();
  for (const [key, lgs] of lgsByKey) {
    const candidates = [...(placesByKey.get(key) ?? [])].sort((a, b) => placeRank(b) - placeRank(a));
    // Municipalities before wards, so "Kita" goes to a city of that name rather than a ward.
    const ordered = [...lgs].sort((a, b) => Number(a.kind === 'ward') - Number(b.kind === 'ward'));
    for (const lg of ordered) {
      const place = candidates.find(
        (candidate) =>
          !takenPlaces.has(candidate.geonamesId) &&
          candidate.admin1 !== null &&
          prefectureByAdmin1.get(candidate.admin1) === lg.prefectureCode,
      );
      if (!place) continue;
      placeByJisCode.set(lg.jisCode, place.geonamesId);
      takenPlaces.add(place.geonamesId);
    }
  }

  // Romanisations differ (Minami-Alps and Minami-Arupusu, Mombetsu and Monbetsu, Kyōtamba and
  // Kyōtanba), the name in kanji does not: a place of the LG's prefecture that GeoNames also calls
  // by the LG's kanji name, with or without its kind, is the LG when it is the only one. Wards are left out: one prefecture
  // may hold two 北区 of two cities.
  const placesByKanji = new Map<string, JapanesePlaceForMatch[]>();
  for (const place of places) {
    if (takenPlaces.has(place.geonamesId)) continue;
    for (const name of new Set(place.alternateNames)) {
      const list = placesByKanji.get(name);
      if (list) list.push(place);
      else placesByKanji.set(name, [place]);
    }
  }
  for (const lg of municipalities) {
    if (lg.kind === 'ward' || placeByJisCode.has(lg.jisCode)) continue;
    const named = new Set([...(placesByKanji.get(lg.name) ?? []), ...(placesByKanji.get(lg.kanjiBase) ?? [])]);
    const inPrefecture = [...named].filter(
      (place) => !takenPlaces.has(place.geonamesId) && place.admin1 !== null && prefectureByAdmin1.get(place.admin1) === lg.prefectureCode,
    );
    if (inPrefecture.length !== 1) continue;
    placeByJisCode.set(lg.jisCode, inPrefecture[0]!.geonamesId);
    takenPlaces.add(inPrefecture[0]!.geonamesId);
  }
  return { placeByJisCode, prefectureByAdmin1 };
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
