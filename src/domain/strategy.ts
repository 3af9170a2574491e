import { FIRST_LEVEL_KINDS } from './firstLevelRegions.js';
import { coverageByKind, isInternational, type JapaneseTie, type JapaneseUnit } from './statistics.js';

/**
 * The strategy's measures: where Japan's ties abroad are missing, thin or only on paper. Pure: the
 * service gives the register as it stood on a day (the relationships in force then) and names
 * nothing; every measure answers with ids, counts and the rule it followed.
 */

/** A Japanese local government as the strategy needs it. */
export interface StrategyUnit extends JapaneseUnit {
  population: number | null;
}

/** A place abroad: a partner of a Japanese LG, or a great city. */
export interface PlaceAbroad {
  id: number;
  country: string;
  kind: string;
  population: number | null;
  /** The capital of its country (GeoNames PPLC) or of its first-level region (PPLA), or neither. */
  capital: 'country' | 'region' | null;
}

/** A relationship in force between any two LGs, of any countries. */
export type Tie = Pick<JapaneseTie, 'firstId' | 'secondId' | 'firstCountry' | 'secondCountry'> & { id: number };

/** The target range of partners abroad per LG: the op-ed suggests four to eight. */
export interface PartnerTarget {
  min: number;
  max: number;
}
export const DEFAULT_TARGET: PartnerTarget = { min: 4, max: 8 };

/** Each Japanese LG's distinct partners abroad, and their countries. */
export interface PartnersAbroad {
  partners: Map<number, Set<number>>;
  /** Partner countries of each Japanese LG: country → partners there. */
  countries: Map<number, Map<string, number>>;
}

/** The partners abroad of every Japanese LG, each partner once however many agreements the two signed. */
export function partnersAbroad(ties: readonly Tie[]): PartnersAbroad {
  const partners = new Map<number, Set<number>>();
  const countries = new Map<number, Map<string, number>>();
  const add = (japanese: number, partner: number, country: string) => {
    const set = partners.get(japanese) ?? new Set<number>();
    if (set.has(partner)) return;
    partners.set(japanese, set.add(partner));
    const byCountry = countries.get(japanese) ?? new Map<string, number>();
    countries.set(japanese, byCountry.set(country, (byCountry.get(country) ?? 0) + 1));
  };
  for (const tie of ties) {
    if (tie.firstCountry === 'JP' && tie.secondCountry !== 'JP') add(tie.firstId, tie.secondId, tie.secondCountry);
    else if (tie.secondCountry === 'JP' && tie.firstCountry !== 'JP') add(tie.secondId, tie.firstId, tie.firstCountry);
  }
  return { partners, countries };
}

const byPopulation = (a: { population: number | null; id: number }, b: { population: number | null; id: number }) =>
  (b.population ?? -1) - (a.population ?? -1) || a.id - b.id;

export interface PrefectureCoverage {
  prefectureId: number;
  /** LGs of the prefecture counted (itself, its municipalities and wards), and those with a partner abroad. */
  total: number;
  withPartner: number;
  coverage: number;
}

export interface CoverageGaps {
  /** By kind, as the statistics count it (computeTieStatistics). */
  byKind: { kind: string; total: number; withPartner: number; coverage: number }[];
  national: { total: number; withPartner: number; coverage: number };
  byPrefecture: PrefectureCoverage[];
  /** Every LG counted without a partner abroad, the most populous first (unknown populations last). */
  withoutPartner: StrategyUnit[];
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 10000) / 10000);

/**
 * Japan's LGs without a partner abroad, by kind and by prefecture: coverage is the share of the LGs
 * counted (those in coverage, as the statistics count them) with at least one partner abroad.
 */
export function coverageGaps(units: readonly StrategyUnit[], partners: PartnersAbroad): CoverageGaps {
  const counted = units.filter((unit) => unit.inCoverage);
  const byKind = coverageByKind(counted, new Set(partners.partners.keys()));
  const prefectures = new Map<number, PrefectureCoverage>();
  for (const unit of counted) {
    const row = prefectures.get(unit.prefectureId) ?? { prefectureId: unit.prefectureId, total: 0, withPartner: 0, coverage: 0 };
    row.total += 1;
    if (partners.partners.has(unit.id)) row.withPartner += 1;
    prefectures.set(unit.prefectureId, row);
  }
  for (const row of prefectures.values()) row.coverage = share(row.withPartner, row.total);
  const withPartner = counted.filter((unit) => partners.partners.has(unit.id)).length;
  return {
    byKind,
    national: { total: counted.length, withPartner, coverage: share(withPartner, counted.length) },
    byPrefecture: [...prefectures.values()].sort((a, b) => a.prefectureId - b.prefectureId),
    withoutPartner: counted.filter((unit) => !partners.partners.has(unit.id)).sort(byPopulation),
  };
}

const FIRST_LEVEL: ReadonlySet<string> = new Set(FIRST_LEVEL_KINDS);

export interface PrefectureRegionalPartners {
  prefectureId: number;
  /** Its partners abroad that are states, provinces or like regions. */
  regionalPartners: number;
  /** All its partners abroad. */
  partnersAbroad: number;
}

/**
 * Each prefecture's partners at its own level: those of its partners abroad recorded as a state,
 * province, region, territory or county. A prefecture with none has no partner at its level. A
 * city that is a region of its own (Beijing, Seoul) is recorded as a city, so it does not count;
 * the partners the prefecture has are given beside.
 */
export function regionalPartners(units: readonly StrategyUnit[], places: ReadonlyMap<number, PlaceAbroad>, partners: PartnersAbroad): PrefectureRegionalPartners[] {
  return units
    .filter((unit) => unit.kind === 'prefecture' && unit.inCoverage)
    .map((prefecture) => {
      const own = [...(partners.partners.get(prefecture.id) ?? [])];
      return { prefectureId: prefecture.id, regionalPartners: own.filter((id) => FIRST_LEVEL.has(places.get(id)?.kind ?? '')).length, partnersAbroad: own.length };
    });
}

/** A great city abroad: a place of this many inhabitants or more… */
export const GREAT_CITY_POPULATION = 500_000;
/** …or the capital of its country, or of its first-level region with this many or more. */
export const REGIONAL_CAPITAL_POPULATION = 100_000;

/** Whether a place abroad is one of the world's great cities, as the strategy counts them. */
export function isGreatCity(place: PlaceAbroad): boolean {
  const population = place.population ?? 0;
  return place.country !== 'JP' && (population >= GREAT_CITY_POPULATION || place.capital === 'country' || (place.capital === 'region' && population >= REGIONAL_CAPITAL_POPULATION));
}

export interface GreatCity extends PlaceAbroad {
  /** Its partners in Japan. */
  japaneseTies: number;
  /** Its partners in other countries than its own and Japan, by country, most first. */
  tiesAbroad: { country: string; count: number }[];
}

/** The great cities among the places given, the most populous first, with their ties in Japan and elsewhere. */
export function greatCities(places: Iterable<PlaceAbroad>, ties: readonly Tie[]): GreatCity[] {
  const cities = new Map<number, GreatCity>();
  for (const place of places) if (isGreatCity(place)) cities.set(place.id, { ...place, japaneseTies: 0, tiesAbroad: [] });
  // Each city's partners beyond its own country, each once however many agreements: partner → its country.
  const partnersOf = new Map<number, Map<number, string>>();
  const note = (self: number, other: number, country: string) => {
    const city = cities.get(self);
    if (!city || country === city.country) return;
    const partners = partnersOf.get(self);
    if (partners) partners.set(other, country);
    else partnersOf.set(self, new Map([[other, country]]));
  };
  for (const tie of ties) {
    note(tie.firstId, tie.secondId, tie.secondCountry);
    note(tie.secondId, tie.firstId, tie.firstCountry);
  }
  for (const [id, partners] of partnersOf) {
    const city = cities.get(id)!;
    const byCountry = new Map<string, number>();
    for (const country of partners.values()) {
      if (country === 'JP') city.japaneseTies += 1;
      else byCountry.set(country, (byCountry.get(country) ?? 0) + 1);
    }
    city.tiesAbroad = [...byCountry].map(([country, count]) => ({ country, count })).sort((a, b) => b.count - a.count || a.country.localeCompare(b.country));
  }
  return [...cities.values()].sort(byPopulation);
}

export interface CountryTies {
  country: string;
  population: number;
  /** International relationships of the country's LGs with Japan's. */
  withJapan: number;
  /** International relationships of the country's LGs with those of other countries than Japan. */
  elsewhere: number;
  /** Japan's share of the country's international relationships (0 when it has none). */
  japanShare: number;
  /** Relationships with Japan per ten million inhabitants. */
  withJapanPerTenMillion: number;
}

/**
 * Every inhabited country (Japan aside) with its relationships with Japan set against its population
 * and its relationships with the rest of the world; the least represented first (fewest ties with
 * Japan for their population), the most populous first among equals.
 */
export function countriesAgainstJapan(ties: readonly Tie[], populations: ReadonlyMap<string, number | null>): CountryTies[] {
  const counts = new Map<string, { withJapan: number; elsewhere: number }>();
  const tally = (country: string, field: 'withJapan' | 'elsewhere') => {
    const row = counts.get(country) ?? { withJapan: 0, elsewhere: 0 };
    row[field] += 1;
    counts.set(country, row);
  };
  for (const tie of ties) {
    if (tie.firstCountry === tie.secondCountry) continue;
    if (tie.firstCountry === 'JP') tally(tie.secondCountry, 'withJapan');
    else if (tie.secondCountry === 'JP') tally(tie.firstCountry, 'withJapan');
    else {
      tally(tie.firstCountry, 'elsewhere');
      tally(tie.secondCountry, 'elsewhere');
    }
  }
  const rows: CountryTies[] = [];
  for (const [country, population] of populations) {
    if (country === 'JP' || !population) continue;
    const { withJapan, elsewhere } = counts.get(country) ?? { withJapan: 0, elsewhere: 0 };
    rows.push({
      country,
      population,
      withJapan,
      elsewhere,
      japanShare: share(withJapan, withJapan + elsewhere),
      withJapanPerTenMillion: (withJapan / population) * 1e7,
    });
  }
  return rows.sort((a, b) => a.withJapanPerTenMillion - b.withJapanPerTenMillion || b.population - a.population || a.country.localeCompare(b.country));
}

/**
 * What the exchange log says of each relationship's vitality: nothing yet where no log exists, else
 * which relationships in force are quiet (no exchange recorded for years, by the log's own rule).
 */
export type Vitality = { available: false } | { available: true; quiet: ReadonlySet<number> };

export type QuietTies =
  | { available: false }
  | {
      available: true;
      /** Relationships with a Japanese party the log finds quiet: in name only. */
      relationships: number[];
      /** Japanese LGs with partners abroad whose every relationship abroad is quiet. */
      localGovernments: number[];
    };

/** Relationships in name only, and the LGs whose every relationship abroad is one; nothing is guessed without a log. */
export function quietTies(ties: readonly Tie[], vitality: Vitality): QuietTies {
  if (!vitality.available) return { available: false };
  const relationships: number[] = [];
  const alive = new Set<number>();
  const tied = new Set<number>();
  for (const tie of ties) {
    if (!isInternational(tie) || (tie.firstCountry !== 'JP' && tie.secondCountry !== 'JP')) continue;
    const japanese = tie.firstCountry === 'JP' ? tie.firstId : tie.secondId;
    tied.add(japanese);
    if (vitality.quiet.has(tie.id)) relationships.push(tie.id);
    else alive.add(japanese);
  }
  return { available: true, relationships: relationships.sort((a, b) => a - b), localGovernments: [...tied].filter((id) => !alive.has(id)).sort((a, b) => a - b) };
}

export interface PartnerSpread {
  target: PartnerTarget;
  /** How many LGs counted have each number of partners abroad; the last bucket is "this many or more". */
  histogram: { partners: number; orMore: boolean; localGovernments: number }[];
  below: number;
  within: number;
  above: number;
  /** LGs with two partners abroad or more, all in one country: the country and how many. */
  oneCountry: { id: number; country: string; partners: number }[];
}

/** How many partners abroad an LG needs to reach the target's lower end (0 when it has enough). */
export const partnersShort = (partners: number, target: PartnerTarget) => Math.max(0, target.min - partners);

/**
 * The spread of partners abroad over the LGs counted: how many have 0, 1, 2 … against the target
 * range, and those whose partners abroad all lie in one country.
 */
export function partnerSpread(units: readonly StrategyUnit[], partners: PartnersAbroad, target: PartnerTarget = DEFAULT_TARGET): PartnerSpread {
  const counted = units.filter((unit) => unit.inCoverage);
  const last = Math.max(10, target.max + 2);
  const histogram = Array.from({ length: last + 1 }, (_, partnersCount) => ({ partners: partnersCount, orMore: partnersCount === last, localGovernments: 0 }));
  let below = 0;
  let within = 0;
  let above = 0;
  const oneCountry: PartnerSpread['oneCountry'] = [];
  for (const unit of counted) {
    const count = partners.partners.get(unit.id)?.size ?? 0;
    histogram[Math.min(count, last)]!.localGovernments += 1;
    if (count < target.min) below += 1;
    else if (count > target.max) above += 1;
    else within += 1;
    const countries = partners.countries.get(unit.id);
    if (count >= 2 && countries?.size === 1) oneCountry.push({ id: unit.id, country: [...countries.keys()][0]!, partners: count });
  }
  oneCountry.sort((a, b) => b.partners - a.partners || a.id - b.id);
  return { target, histogram, below, within, above, oneCountry };
}

/** Japan's eight regions by the numbers of their prefectures (JIS X 0401): Hokkaidō stands with Tōhoku, having no neighbour of its own. */
export const JAPAN_REGIONS = [
  { key: 'hokkaido', prefectures: [1, 2, 3, 4, 5, 6, 7] },
  { key: 'kanto', prefectures: [8, 9, 10, 11, 12, 13, 14] },
  { key: 'chubu', prefectures: [15, 16, 17, 18, 19, 20, 21, 22, 23] },
  { key: 'kinki', prefectures: [24, 25, 26, 27, 28, 29, 30] },
  { key: 'chugoku', prefectures: [31, 32, 33, 34, 35] },
  { key: 'shikoku', prefectures: [36, 37, 38, 39] },
  { key: 'kyushu', prefectures: [40, 41, 42, 43, 44, 45, 46, 47] },
] as const;

/** The region a prefecture (by its number, 1–47) lies in, and the other prefectures of it: its neighbours in a report. */
export function regionOf(prefecture: number): { key: (typeof JAPAN_REGIONS)[number]['key']; neighbours: number[] } {
  const region = JAPAN_REGIONS.find((candidate) => (candidate.prefectures as readonly number[]).includes(prefecture));
  if (!region) throw new RangeError(`No prefecture numbered ${prefecture}`);
  return { key: region.key, neighbours: region.prefectures.filter((other) => other !== prefecture) };
}
