import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { prefectureIdOf } from '../db/fragments.js';
import { knownSince, tieInForceOn, type TieDates } from '../domain/statistics.js';
import { DEFAULT_VITALITY_THRESHOLDS, vitalityOn, type VitalityThresholds } from '../domain/vitality.js';
import { japanTies } from './stats.js';
import { lastExchangesOn } from './vitality.js';
import {
  countriesAgainstJapan,
  coverageGaps,
  DEFAULT_TARGET,
  greatCities,
  GREAT_CITY_POPULATION,
  partnerSpread,
  partnersAbroad,
  regionalPartners,
  quietTies,
  REGIONAL_CAPITAL_POPULATION,
  regionOf,
  type CountryTies,
  type PartnersAbroad,
  type PartnerTarget,
  type PlaceAbroad,
  type StrategyUnit,
  type Tie,
  type Vitality,
} from '../domain/strategy.js';
import { DEFAULT_WEIGHTS } from '../domain/matching.js';
import { notFound } from '../errors.js';
import { loadCountries } from '../reference/countries.js';
import { loadCountryPopulations } from '../reference/countriesStatesCities.js';
import { loadCapitals } from '../reference/places.js';
import { localGovernmentUrl, relationshipUrl } from './presenters.js';
import { keptUnderVersion, registerVersionReader } from './registerVersion.js';
import type { PartnerLine } from './lists.js';
import { anniversariesOf, type AnniversaryLine } from './anniversaries.js';
import { matchCandidatesInBatch, type MatchResult } from './matching.js';
import { today } from './registry.js';

/**
 * The strategy page's figures: the register as it stood on a day, read in a few queries of column
 * arrays, and measured by the pure rules of domain/strategy.ts.
 */

type Name = { en: string; ja: string | null };

/** A prefecture as the strategy names it, with the address of its report. */
export interface PrefectureRef {
  id: number;
  jisCode: string;
  name: { en: string; ja: string };
  url: string;
}

/** A Japanese LG in the strategy's lists. */
export interface StrategyLocalGovernment {
  id: number;
  url: string;
  name: Name;
  kind: string;
  population: number | null;
  /** The JIS code of its prefecture. */
  prefecture: string;
  /** Its distinct partners abroad, and their countries, most first. */
  partnersAbroad: number;
  countries: string[];
}

/** A great city abroad without a Japanese partner. */
export interface StrategyCity {
  id: number;
  url: string;
  name: Name;
  country: string;
  continent: string;
  population: number | null;
  capital: 'country' | 'region' | null;
  /** Its partners in other countries than its own (Japan has none), by country. */
  tiesAbroad: { country: string; count: number }[];
}

export interface GreatCityFilter {
  country?: string | undefined;
  continent?: string | undefined;
}

export interface Strategy {
  asOf: string;
  target: PartnerTarget;
  coverage: {
    national: { total: number; withPartner: number; coverage: number };
    byKind: { kind: string; total: number; withPartner: number; coverage: number }[];
    byPrefecture: { prefecture: PrefectureRef; total: number; withPartner: number; coverage: number }[];
  };
  /** Every LG counted without a partner abroad, the most populous first. */
  withoutPartner: StrategyLocalGovernment[];
  /** Each prefecture's partners abroad at its own level (states, provinces…) and in all; those with none at its level lack a partner there. */
  regionalPartners: { prefecture: PrefectureRef; regionalPartners: number; partnersAbroad: number }[];
  greatCities: {
    rule: { population: number; regionalCapitalPopulation: number };
    filter: { country: string | null; continent: string | null };
    /** Great cities (of the filter), and how many of them have a Japanese partner. */
    total: number;
    withJapanesePartner: number;
    withoutJapanesePartner: StrategyCity[];
  };
  countries: (CountryTies & { continent: string })[];
  nameOnly:
    | { available: false }
    | { available: true; relationships: { id: number; url: string }[]; localGovernments: StrategyLocalGovernment[] };
  spread: {
    target: PartnerTarget;
    histogram: { partners: number; orMore: boolean; localGovernments: number }[];
    below: number;
    within: number;
    above: number;
    oneCountry: StrategyLocalGovernment[];
  };
}

type NamedUnit = StrategyUnit & { name: Name; slug: string; jisCode: string };
type NamedPlace = PlaceAbroad & { name: Name; slug: string };

/** The register on a day, as the strategy reads it. */
export interface StrategyRegister {
  asOf: string;
  units: NamedUnit[];
  unitById: Map<number, NamedUnit>;
  prefectures: Map<number, PrefectureRef>;
  /** Relationships in force on the day, international and domestic, between LGs of any countries. */
  ties: Tie[];
  /** Places abroad: partners of Japanese LGs, places of 100,000 or more, and capitals of countries. */
  places: Map<number, NamedPlace>;
  partners: PartnersAbroad;
}

/** The address of a prefecture's strategy report. */
export const prefectureReportUrl = (jisCode: string) => `/strategy/prefectures/${jisCode}`;

/**
 * What the exchange log says of each relationship's vitality on a day: the relationships in force it
 * finds in name only, by the rules of domain/vitality.ts (an exchange long ago, or none ever recorded
 * although the record has been kept up). While no exchange at all has been recorded, nothing is
 * available, and the strategy says so rather than count every relationship as dormant.
 */
export async function readVitality(db: Db, asOf: string, thresholds: VitalityThresholds = DEFAULT_VITALITY_THRESHOLDS): Promise<Vitality> {
  const { ties, lastExchanges: latest } = await japanTies(db);
  if (latest.size === 0) return { available: false };
  const lastExchanges = asOf >= today() ? latest : await lastExchangesOn(db, asOf);
  const quiet = new Set<number>();
  for (const tie of ties) {
    const facts = { knownSince: knownSince(tie), lastExchangeOn: lastExchanges.get(tie.id!) ?? null, editedOn: tie.editedOn ?? null, inForce: tieInForceOn(tie, asOf), expired: false };
    if (vitalityOn(facts, asOf, thresholds) === 'in-name-only') quiet.add(tie.id!);
  }
  return { available: true, quiet };
}

let continents: Map<string, string> | undefined;
let populations: Map<string, number | null> | undefined;
const continentOf = (country: string) => (continents ??= new Map(loadCountries().map((entry) => [entry.code, entry.continent]))).get(country) ?? '';

/** Whether a country code names a country of the reference data. */
export const isKnownCountry = (code: string) => continentOf(code) !== '';

/** What the strategy reads of the register, whatever the day: kept in memory under the register's version. */
interface StrategyTables {
  version: string;
  units: NamedUnit[];
  unitById: Map<number, NamedUnit>;
  prefectures: Map<number, PrefectureRef>;
  /** Every international relationship and every one of a Japanese LG, with its dates, to be filtered by day. */
  ties: (Tie & TieDates)[];
  places: Map<number, NamedPlace>;
}

const tables = new WeakMap<Db, Promise<StrategyTables>>();

/**
 * The register's tables the strategy reads, from memory while the register's version is the one
 * they were read under (every write to the register advances it), else read again: reading the
 * world's 24,000 relationships takes a few hundred milliseconds on PGlite.
 */
async function strategyTables(db: Db): Promise<StrategyTables> {
  const version = await registerVersionReader(db)();
  return keptUnderVersion(tables, db, version, () => readStrategyTables(db, version));
}

async function readStrategyTables(db: Db, version: string): Promise<StrategyTables> {
  const capitals = loadCapitals();
  const countryCapitals = [...capitals].filter(([, kind]) => kind === 'country').map(([id]) => id);
  const [[units], [ties], [places]] = await Promise.all([
    queryRows<{ ids: number[]; kinds: string[]; in_coverage: boolean[]; prefecture_ids: number[]; populations: (number | null)[]; names_en: string[]; names_ja: (string | null)[]; slugs: string[]; jis_codes: string[] }>(
      db,
      sql`select array_agg(lg.id) as ids, array_agg(lg.kind) as kinds, array_agg(lg.in_coverage) as in_coverage,
          array_agg(${prefectureIdOf('lg', 'parent')}) as prefecture_ids, array_agg(lg.population) as populations,
          array_agg(lg.name_en) as names_en, array_agg(lg.name_ja) as names_ja, array_agg(lg.slug) as slugs, array_agg(lg.jis_code) as jis_codes
        from local_governments lg left join local_governments parent on parent.id = lg.parent_id
        where lg.country = 'JP'`,
    ),
    queryRows<{ ids: number[] | null; first_ids: number[]; second_ids: number[]; first_countries: string[]; second_countries: string[]; statuses: string[]; signed: (string | null)[]; ended: (string | null)[]; recorded: string[] }>(
      db,
      sql`select array_agg(id) as ids, array_agg(first_id) as first_ids, array_agg(second_id) as second_ids,
          array_agg(first_country) as first_countries, array_agg(second_country) as second_countries, array_agg(status) as statuses,
          array_agg(to_char(signed_on, 'YYYY-MM-DD')) as signed, array_agg(to_char(ended_on, 'YYYY-MM-DD')) as ended,
          array_agg(to_char(created_at at time zone 'Asia/Tokyo', 'YYYY-MM-DD')) as recorded
        from relationships where first_country <> second_country or first_country = 'JP'`,
    ),
    queryRows<{ ids: number[] | null; countries: string[]; kinds: string[]; populations: (number | null)[]; geonames_ids: (number | null)[]; names_en: string[]; names_ja: (string | null)[]; slugs: string[] }>(
      db,
      sql`select array_agg(lg.id) as ids, array_agg(lg.country) as countries, array_agg(lg.kind) as kinds, array_agg(lg.population) as populations,
          array_agg(lg.geonames_id) as geonames_ids, array_agg(lg.name_en) as names_en, array_agg(lg.name_ja) as names_ja, array_agg(lg.slug) as slugs
        from local_governments lg
        where lg.country <> 'JP' and (lg.population >= ${REGIONAL_CAPITAL_POPULATION} or lg.geonames_id = any(${sql.param(countryCapitals)}::int[])
          or lg.id in (select second_id from relationships where first_country = 'JP' union select first_id from relationships where second_country = 'JP'))`,
    ),
  ]);
  const namedUnits: NamedUnit[] = units!.ids.map((id, i) => ({
    id,
    kind: units!.kinds[i]!,
    inCoverage: units!.in_coverage[i]!,
    prefectureId: units!.prefecture_ids[i]!,
    population: units!.populations[i] ?? null,
    name: { en: units!.names_en[i]!, ja: units!.names_ja[i] ?? null },
    slug: units!.slugs[i]!,
    jisCode: (units!.jis_codes[i] ?? '').trim(),
  }));
  const prefectures = new Map(
    namedUnits
      .filter((unit) => unit.kind === 'prefecture')
      .sort((a, b) => a.jisCode.localeCompare(b.jisCode))
      .map((unit) => [unit.id, { id: unit.id, jisCode: unit.jisCode, name: { en: unit.name.en, ja: unit.name.ja ?? unit.name.en }, url: prefectureReportUrl(unit.jisCode) }]),
  );
  const namedPlaces = new Map<number, NamedPlace>();
  (places?.ids ?? []).forEach((id, i) => {
    const geonamesId = places!.geonames_ids[i];
    namedPlaces.set(id, {
      id,
      country: places!.countries[i]!.trim(),
      kind: places!.kinds[i]!,
      population: places!.populations[i] ?? null,
      capital: geonamesId === null || geonamesId === undefined ? null : (capitals.get(geonamesId) ?? null),
      name: { en: places!.names_en[i]!, ja: places!.names_ja[i] ?? null },
      slug: places!.slugs[i]!,
    });
  });
  return {
    version,
    units: namedUnits,
    unitById: new Map(namedUnits.map((unit) => [unit.id, unit])),
    prefectures,
    ties: (ties?.ids ?? []).map((id, i) => ({
      id,
      firstId: ties!.first_ids[i]!,
      secondId: ties!.second_ids[i]!,
      firstCountry: ties!.first_countries[i]!.trim(),
      secondCountry: ties!.second_countries[i]!.trim(),
      status: ties!.statuses[i]!,
      signedOn: ties!.signed[i] ?? null,
      endedOn: ties!.ended[i] ?? null,
      recordedOn: ties!.recorded[i]!,
    })),
    places: namedPlaces,
  };
}

/** Japan's LGs, the relationships in force on a day, and the places abroad the strategy names. */
export async function loadStrategyRegister(db: Db, asOf: string = today()): Promise<StrategyRegister> {
  const { units, unitById, prefectures, ties, places } = await strategyTables(db);
  const inForce = ties.filter((tie) => tieInForceOn(tie, asOf));
  return { asOf, units, unitById, prefectures, ties: inForce, places, partners: partnersAbroad(inForce) };
}

/** A Japanese LG as the strategy's lists show it. */
export function presentStrategyLocalGovernment(register: StrategyRegister, id: number): StrategyLocalGovernment {
  const unit = register.unitById.get(id)!;
  const countries = register.partners.countries.get(id);
  return {
    id,
    url: localGovernmentUrl(unit),
    name: unit.name,
    kind: unit.kind,
    population: unit.population,
    prefecture: register.prefectures.get(unit.prefectureId)?.jisCode ?? '',
    partnersAbroad: register.partners.partners.get(id)?.size ?? 0,
    countries: countries ? [...countries].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([country]) => country) : [],
  };
}

/** The strategy's figures on a day (default today), the great cities filtered by country or continent. */
export async function strategyOverview(
  db: Db,
  options: { asOf?: string | undefined; target?: PartnerTarget | undefined; vitality?: VitalityThresholds | undefined } & GreatCityFilter = {},
): Promise<Strategy> {
  const asOf = options.asOf ?? today();
  if (options.country && !isKnownCountry(options.country)) throw notFound(`Country ${options.country}`);
  const [register, vitality] = await Promise.all([loadStrategyRegister(db, asOf), readVitality(db, asOf, options.vitality)]);
  return measureStrategy(register, vitality, options);
}

/** The strategy's figures from a register already read. */
export function measureStrategy(register: StrategyRegister, vitality: Vitality, options: { target?: PartnerTarget | undefined } & GreatCityFilter = {}): Strategy {
  const target = options.target ?? DEFAULT_TARGET;
  const lg = (id: number) => presentStrategyLocalGovernment(register, id);
  const gaps = coverageGaps(register.units, register.partners);
  const cities = greatCities(register.places.values(), register.ties).filter(
    (city) => (!options.country || city.country === options.country) && (!options.continent || continentOf(city.country) === options.continent),
  );
  populations ??= loadCountryPopulations();
  const quiet = quietTies(register.ties, vitality);
  const spread = partnerSpread(register.units, register.partners, target);
  return {
    asOf: register.asOf,
    target,
    coverage: {
      national: gaps.national,
      byKind: gaps.byKind,
      byPrefecture: gaps.byPrefecture
        .filter((row) => register.prefectures.has(row.prefectureId))
        .map(({ prefectureId, ...row }) => ({ prefecture: register.prefectures.get(prefectureId)!, ...row }))
        .sort((a, b) => a.prefecture.jisCode.localeCompare(b.prefecture.jisCode)),
    },
    withoutPartner: gaps.withoutPartner.map((unit) => lg(unit.id)),
    regionalPartners: regionalPartners(register.units, register.places, register.partners)
      .map(({ prefectureId, ...row }) => ({ prefecture: register.prefectures.get(prefectureId)!, ...row }))
      .sort((a, b) => a.prefecture.jisCode.localeCompare(b.prefecture.jisCode)),
    greatCities: {
      rule: { population: GREAT_CITY_POPULATION, regionalCapitalPopulation: REGIONAL_CAPITAL_POPULATION },
      filter: { country: options.country ?? null, continent: options.continent ?? null },
      total: cities.length,
      withJapanesePartner: cities.filter((city) => city.japaneseTies > 0).length,
      withoutJapanesePartner: cities
        .filter((city) => city.japaneseTies === 0)
        .map((city) => {
          const place = register.places.get(city.id)!;
          return {
            id: city.id,
            url: localGovernmentUrl(place),
            name: place.name,
            country: city.country,
            continent: continentOf(city.country),
            population: city.population,
            capital: city.capital,
            tiesAbroad: city.tiesAbroad,
          };
        }),
    },
    countries: countriesAgainstJapan(register.ties, populations).map((row) => ({ ...row, continent: continentOf(row.country) })),
    nameOnly: quiet.available
      ? { available: true, relationships: quiet.relationships.map((id) => ({ id, url: relationshipUrl({ id }) })), localGovernments: quiet.localGovernments.map(lg) }
      : { available: false },
    spread: { ...spread, oneCountry: spread.oneCountry.map((row) => lg(row.id)) },
  };
}

/** Which Japanese LGs a list behind a figure holds. */
export interface LocalGovernmentFilter {
  kind?: string | undefined;
  /** The JIS code of a prefecture. */
  prefecture?: string | undefined;
  minPartners?: number | undefined;
  maxPartners?: number | undefined;
  /** Only those with two partners abroad or more, all in one country. */
  oneCountry?: boolean | undefined;
}

/** The Japanese LGs counted (in coverage) that pass a filter, the most populous first: the list behind a figure. */
export function filterLocalGovernments(register: StrategyRegister, filter: LocalGovernmentFilter): StrategyLocalGovernment[] {
  return register.units
    .filter((unit) => unit.inCoverage)
    .map((unit) => presentStrategyLocalGovernment(register, unit.id))
    .filter(
      (lg) =>
        (!filter.kind || lg.kind === filter.kind) &&
        (!filter.prefecture || lg.prefecture === filter.prefecture) &&
        (filter.minPartners === undefined || lg.partnersAbroad >= filter.minPartners) &&
        (filter.maxPartners === undefined || lg.partnersAbroad <= filter.maxPartners) &&
        (!filter.oneCountry || (lg.partnersAbroad >= 2 && lg.countries.length === 1)),
    )
    .sort((a, b) => (b.population ?? -1) - (a.population ?? -1) || a.id - b.id);
}

type Coverage = { total: number; withPartner: number; coverage: number };

/** A prefecture's strategy report: its coverage beside Japan's and its region's, its gaps, its ties on paper, its coming anniversaries. */
export interface PrefectureReport {
  asOf: string;
  prefecture: PrefectureRef;
  /** The key of its region (JAPAN_REGIONS), whose other prefectures are its neighbours. */
  region: string;
  coverage: { prefecture: Coverage; national: Coverage; neighbours: ({ prefecture: PrefectureRef } & Coverage)[] };
  /** Its own partners abroad at its level (states, provinces…) and in all. */
  regional: { regionalPartners: number; partnersAbroad: number };
  /** Its LGs without a partner abroad, the most populous first. */
  withoutPartner: StrategyLocalGovernment[];
  nameOnly: Strategy['nameOnly'];
  /** Relationships of its LGs with an anniversary (1, 3, 5, 10 … years) in the year after asOf's. */
  anniversaries: { year: number; lines: AnniversaryLine[] };
}

/** A prefecture by its six-digit JIS code; a 404 when none has it. */
export async function prefectureOf(db: Db, jisCode: string): Promise<PrefectureRef> {
  const { prefectures } = await strategyTables(db);
  const found = [...prefectures.values()].find((prefecture) => prefecture.jisCode === jisCode);
  if (!found) throw notFound(`Prefecture ${jisCode}`);
  return found;
}

/** A prefecture's strategy report on a day (default today). */
export async function prefectureReport(db: Db, jisCode: string, options: { asOf?: string | undefined; vitality?: VitalityThresholds | undefined } = {}): Promise<PrefectureReport> {
  const prefecture = await prefectureOf(db, jisCode);
  const asOf = options.asOf ?? today();
  const year = Number(asOf.slice(0, 4)) + 1;
  const [register, vitality, anniversaries] = await Promise.all([loadStrategyRegister(db, asOf), readVitality(db, asOf, options.vitality), anniversariesOf(db, year, { prefectureId: prefecture.id })]);
  const gaps = coverageGaps(register.units, register.partners);
  const byPrefecture = new Map(gaps.byPrefecture.map((row) => [row.prefectureId, row]));
  const coverageOf = (id: number): Coverage => {
    const { total = 0, withPartner = 0, coverage = 0 } = byPrefecture.get(id) ?? {};
    return { total, withPartner, coverage };
  };
  const number = Number(jisCode.slice(0, 2));
  const region = regionOf(number);
  const byNumber = new Map([...register.prefectures.values()].map((ref) => [Number(ref.jisCode.slice(0, 2)), ref]));
  const own = regionalPartners(register.units, register.places, register.partners).find((row) => row.prefectureId === prefecture.id);
  const quiet = quietTies(register.ties, vitality);
  const inPrefecture = (id: number) => register.unitById.get(id)?.prefectureId === prefecture.id;
  return {
    asOf,
    prefecture,
    region: region.key,
    coverage: {
      prefecture: coverageOf(prefecture.id),
      national: gaps.national,
      neighbours: region.neighbours.flatMap((neighbour) => {
        const ref = byNumber.get(neighbour);
        return ref ? [{ prefecture: ref, ...coverageOf(ref.id) }] : [];
      }),
    },
    regional: { regionalPartners: own?.regionalPartners ?? 0, partnersAbroad: own?.partnersAbroad ?? 0 },
    withoutPartner: gaps.withoutPartner.filter((unit) => unit.prefectureId === prefecture.id).map((unit) => presentStrategyLocalGovernment(register, unit.id)),
    nameOnly: quiet.available
      ? {
          available: true,
          relationships: quiet.relationships
            .filter((id) => register.ties.some((tie) => tie.id === id && (inPrefecture(tie.firstId) || inPrefecture(tie.secondId))))
            .map((id) => ({ id, url: relationshipUrl({ id }) })),
          localGovernments: quiet.localGovernments.filter(inPrefecture).map((id) => presentStrategyLocalGovernment(register, id)),
        }
      : { available: false },
    anniversaries: { year, lines: anniversaries },
  };
}


export interface Proposals {
  /** The day of the register the matchmaker read (it reads the register as it stands). */
  asOf: string;
  /** The JIS code of the prefecture the proposals are limited to, if any. */
  prefecture: string | null;
  /** How many great cities abroad without a Japanese partner were taken, the most populous first. */
  greatCities: number;
  seconds: number;
  /** For each Japanese LG without a partner abroad (of the prefecture), the places abroad that fit it best. */
  forJapanese: MatchResult[];
  /** For each great city abroad without a Japanese partner, the Japanese LGs (of the prefecture) that fit it best. */
  forGreatCities: MatchResult[];
}

/** How many great cities abroad the proposals take: the most populous without a Japanese partner. */
export const PROPOSAL_CITIES = 500;

/**
 * Proposals for all of Japan (or one prefecture) in one batch, from the matchmaker with its default
 * weights and the public's listings: for each Japanese LG without a partner abroad, the places abroad
 * that fit it best; for each of the most populous great cities abroad without a Japanese partner,
 * the Japanese LGs (of the prefecture, when one is given) that fit it best.
 */
export async function strategyProposals(
  db: Db,
  options: { prefecture?: string | undefined; limit?: number; greatCities?: number } = {},
): Promise<Proposals> {
  const started = performance.now();
  const { limit = 3, greatCities: cityCount = PROPOSAL_CITIES } = options;
  const prefecture = options.prefecture ? await prefectureOf(db, options.prefecture) : null;
  const register = await loadStrategyRegister(db);
  const strategy = measureStrategy(register, { available: false });
  const seekers = strategy.withoutPartner.filter((lg) => !prefecture || lg.prefecture === prefecture.jisCode).map((lg) => lg.id);
  const cities = strategy.greatCities.withoutJapanesePartner.slice(0, cityCount).map((city) => city.id);
  const memberOf = prefecture ? new Set(filterLocalGovernments(register, { prefecture: prefecture.jisCode }).map((lg) => lg.id)) : null;
  const weights = { weights: DEFAULT_WEIGHTS, limit };
  const forJapanese = await matchCandidatesInBatch(db, seekers, weights);
  const forGreatCities = await matchCandidatesInBatch(db, cities, { ...weights, ...(memberOf ? { candidates: (place: { id: number }) => memberOf.has(place.id) } : {}) });
  return {
    asOf: strategy.asOf,
    prefecture: prefecture?.jisCode ?? null,
    greatCities: cities.length,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    forJapanese,
    forGreatCities,
  };
}

const proposalMemo = new WeakMap<Db, Map<string, Promise<Proposals>>>();

/**
 * A prefecture's proposals (strategyProposals for it), kept in memory under the register's version
 * for the few prefectures last asked for: a report is read many times, and the batch takes seconds.
 */
export async function prefectureProposals(db: Db, jisCode: string): Promise<Proposals> {
  const key = `${await registerVersionReader(db)()}|${jisCode}`;
  let kept = proposalMemo.get(db);
  if (!kept) proposalMemo.set(db, (kept = new Map()));
  const found = kept.get(key);
  if (found) return found;
  for (const old of [...kept.keys()].filter((other) => !other.startsWith(key.split('|')[0]! + '|'))) kept.delete(old);
  if (kept.size >= 8) kept.delete(kept.keys().next().value!);
  const made = strategyProposals(db, { prefecture: jisCode });
  kept.set(key, made);
  made.catch(() => kept.delete(key));
  return made;
}
