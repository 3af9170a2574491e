/**
 * The countries and regions a partner-seeking listing may name as where it wants a partner: every
 * inhabited country, the continents, the sub-regions of world-countries, and groups of the countries
 * that share an official language. Each choice is a code `kind:id` (`country:AU`, `continent:OC`,
 * `subregion:eastern-asia`, `language:eng`) that stands for a set of countries.
 *
 * Some codes are known but no longer offered: the uninhabited territories (Bouvet Island, Heard
 * Island), the continent that holds nothing else (Antarctic), and the sub-region South America,
 * which is the continent again. Listings that chose them keep their meaning.
 */
import { createRequire } from 'node:module';
import type { Countries as WorldCountries } from 'world-countries';
import type { Lang } from '../i18n/index.js';
import { loadCountries } from './countries.js';
import { loadCountryPopulations } from './countriesStatesCities.js';

/** The kinds of choice, in the order the form lists them. */
export const DESIRED_REGION_KINDS = ['language', 'continent', 'subregion', 'country'] as const;
export type DesiredRegionKind = (typeof DESIRED_REGION_KINDS)[number];

/** A country or region a listing may choose, with the countries it stands for. */
export interface DesiredRegionChoice {
  /** `kind:id`, e.g. `country:AU`, `language:eng`. */
  code: string;
  kind: DesiredRegionKind;
  name: Record<Lang, string>;
  /** ISO 3166-1 alpha-2 codes, sorted. */
  countries: readonly string[];
  /** Known but no longer offered; with the code offered instead where one stands for the same countries. */
  retired?: { replacedBy?: string };
}

/** countries-list's continent codes. */
const CONTINENT_NAMES: Record<string, Record<Lang, string>> = {
  AF: { en: 'Africa', ja: 'アフリカ' },
  // Not "Antarctica": that is the name of the country AQ, and this continent also holds BV, GS, HM and TF.
  AN: { en: 'Antarctic', ja: '南極地域' },
  AS: { en: 'Asia', ja: 'アジア' },
  EU: { en: 'Europe', ja: 'ヨーロッパ' },
  NA: { en: 'North America', ja: '北アメリカ' },
  OC: { en: 'Oceania', ja: 'オセアニア' },
  SA: { en: 'South America', ja: '南アメリカ' },
};

/** world-countries' `subregion` values. */
const SUBREGION_NAMES: Record<string, Record<Lang, string>> = {
  'Australia and New Zealand': { en: 'Australia and New Zealand', ja: 'オーストラリア・ニュージーランド' },
  Caribbean: { en: 'Caribbean', ja: 'カリブ地域' },
  'Central America': { en: 'Central America', ja: '中央アメリカ' },
  'Central Asia': { en: 'Central Asia', ja: '中央アジア' },
  'Central Europe': { en: 'Central Europe', ja: '中央ヨーロッパ' },
  'Eastern Africa': { en: 'Eastern Africa', ja: '東アフリカ' },
  'Eastern Asia': { en: 'Eastern Asia', ja: '東アジア' },
  'Eastern Europe': { en: 'Eastern Europe', ja: '東ヨーロッパ' },
  Melanesia: { en: 'Melanesia', ja: 'メラネシア' },
  // The country FM is "Micronesia" too.
  Micronesia: { en: 'Micronesia (region)', ja: 'ミクロネシア地域' },
  'Middle Africa': { en: 'Middle Africa', ja: '中部アフリカ' },
  // The continent NA is "North America"; this sub-region is only its northern part.
  'North America': { en: 'Northern America', ja: '北部アメリカ' },
  'Northern Africa': { en: 'Northern Africa', ja: '北アフリカ' },
  'Northern Europe': { en: 'Northern Europe', ja: '北ヨーロッパ' },
  Polynesia: { en: 'Polynesia', ja: 'ポリネシア' },
  'South America': { en: 'South America', ja: '南アメリカ' },
  'South-Eastern Asia': { en: 'South-Eastern Asia', ja: '東南アジア' },
  'Southeast Europe': { en: 'Southeast Europe', ja: '南東ヨーロッパ' },
  'Southern Africa': { en: 'Southern Africa', ja: '南部アフリカ' },
  'Southern Asia': { en: 'Southern Asia', ja: '南アジア' },
  'Southern Europe': { en: 'Southern Europe', ja: '南ヨーロッパ' },
  'Western Africa': { en: 'Western Africa', ja: '西アフリカ' },
  'Western Asia': { en: 'Western Asia', ja: '西アジア' },
  'Western Europe': { en: 'Western Europe', ja: '西ヨーロッパ' },
};

// A language official in only one or two countries adds nothing to choosing those countries by name.
const MIN_COUNTRIES_PER_LANGUAGE = 3;

/** Svalbard and Jan Mayen has people (Longyearbyen), though the countries data gives it no figure. */
const INHABITED_WITHOUT_A_FIGURE = new Set(['SJ']);

/** Territories nobody lives in, for which no partner can be sought: those the countries data gives no population. */
function uninhabitedTerritories(): Set<string> {
  const populations = loadCountryPopulations();
  return new Set([...populations].filter(([code, population]) => !population && !INHABITED_WITHOUT_A_FIGURE.has(code)).map(([code]) => code));
}

/** "Australia and New Zealand" → "australia-and-new-zealand". */
const subregionSlug = (subregion: string): string =>
  subregion
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const languageDisplayNames = {
  en: new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }),
  ja: new Intl.DisplayNames(['ja'], { type: 'language', fallback: 'none' }),
};

/** "English-speaking countries" / "英語圏" for an ISO 639-3 code. */
function languageGroupName(language: string): Record<Lang, string> {
  const en = languageDisplayNames.en.of(language);
  const ja = languageDisplayNames.ja.of(language);
  if (!en || !ja) throw new Error(`Intl.DisplayNames has no English or Japanese name for the language "${language}"`);
  return { en: `${en}-speaking countries`, ja: `${ja.replace(/語$/, '')}語圏` };
}

/** A continent's or sub-region's names from its table: one the package adds must be named there before it can be offered. */
function namedOrThrow(table: Record<string, Record<Lang, string>>, key: string, what: string): Record<Lang, string> {
  const name = table[key];
  if (!name) throw new Error(`Kizuna has no English and Japanese name for the ${what} "${key}"`);
  return name;
}

function buildChoices(): DesiredRegionChoice[] {
  const countries = loadCountries();
  const known = new Set(countries.map((country) => country.code));
  // world-countries' types declare an ES default export, but Node loads its CommonJS entry (the bare array).
  const worldCountries = (createRequire(import.meta.url)('world-countries') as WorldCountries).filter((country) => known.has(country.cca2));

  const groupBy = (pairs: Iterable<readonly [key: string, country: string]>) => {
    const groups = new Map<string, string[]>();
    for (const [key, country] of pairs) {
      const group = groups.get(key);
      if (group) group.push(country);
      else groups.set(key, [country]);
    }
    return [...groups];
  };
  const choice = (kind: DesiredRegionKind, id: string, name: Record<Lang, string>, codes: string[]): DesiredRegionChoice => ({
    code: `${kind}:${id}`,
    kind,
    name,
    countries: [...codes].sort(),
  });

  const officialLanguages = worldCountries.flatMap((country) => Object.keys(country.languages).map((language) => [language, country.cca2] as const));
  const languages = groupBy(officialLanguages)
    .filter(([, codes]) => codes.length >= MIN_COUNTRIES_PER_LANGUAGE)
    .sort(([languageA, codesA], [languageB, codesB]) => codesB.length - codesA.length || languageA.localeCompare(languageB))
    .map(([language, codes]) => choice('language', language, languageGroupName(language), codes));

  const continents = groupBy(countries.map((country) => [country.continent, country.code] as const))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([continent, codes]) => choice('continent', continent, namedOrThrow(CONTINENT_NAMES, continent, 'continent'), codes));

  const subregions = groupBy(worldCountries.filter((country) => country.subregion).map((country) => [country.subregion, country.cca2] as const))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([subregion, codes]) => choice('subregion', subregionSlug(subregion), namedOrThrow(SUBREGION_NAMES, subregion, 'sub-region'), codes));

  const byEnglishName = [...countries].sort((a, b) => a.nameEn.localeCompare(b.nameEn, 'en'));
  const countryChoices = byEnglishName.map((country) => choice('country', country.code, { en: country.nameEn, ja: country.nameJa }, [country.code]));

  return retireWhatNoOneCanChoose([...languages, ...continents, ...subregions, ...countryChoices], uninhabitedTerritories());
}

/**
 * Marks as retired the countries nobody lives in, the groups that hold nothing else, and a group
 * that stands for the same countries as one listed before it (the sub-region South America after
 * the continent).
 */
export function retireWhatNoOneCanChoose(choices: readonly DesiredRegionChoice[], uninhabited: ReadonlySet<string>): DesiredRegionChoice[] {
  const firstWithCountries = new Map<string, string>();
  return choices.map((choice) => {
    if (choice.countries.every((country) => uninhabited.has(country))) return { ...choice, retired: {} };
    const key = choice.countries.join(' ');
    const earlier = firstWithCountries.get(key);
    if (earlier && choice.kind !== 'country') return { ...choice, retired: { replacedBy: earlier } };
    firstWithCountries.set(key, choice.code);
    return choice;
  });
}

let catalogue: { offered: readonly DesiredRegionChoice[]; byCode: ReadonlyMap<string, DesiredRegionChoice> } | undefined;

function loadCatalogue() {
  if (!catalogue) {
    const choices = buildChoices();
    catalogue = { offered: choices.filter((choice) => !choice.retired), byCode: new Map(choices.map((choice) => [choice.code, choice])) };
  }
  return catalogue;
}

/** Every choice offered: language groups (largest first), continents, sub-regions, then countries by English name. */
export function desiredRegionChoices(): readonly DesiredRegionChoice[] {
  return loadCatalogue().offered;
}

/** The choice with this code, offered or retired, if there is one. */
export function findDesiredRegion(code: string): DesiredRegionChoice | undefined {
  return loadCatalogue().byCode.get(code);
}

/** Chosen codes as the form offers them: a retired code replaced by another is that other one, once. */
export function offeredCodesOf(codes: readonly string[]): string[] {
  return [...new Set(codes.map((code) => findDesiredRegion(code)?.retired?.replacedBy ?? code))];
}

/** A continent with its sub-regions and their countries, as the listing form groups them. */
export interface ContinentGroup {
  continent: DesiredRegionChoice;
  subregions: { subregion: DesiredRegionChoice; countries: DesiredRegionChoice[] }[];
  /** The continent's countries that are in no sub-region offered. */
  countries: DesiredRegionChoice[];
}

/**
 * The offered choices grouped for the form: the language groups, then each continent with its
 * sub-regions (a sub-region under the continent most of its countries are in) and each country once,
 * under its sub-region, or its continent when its sub-region is not offered.
 */
export function desiredRegionGroups(): { languages: DesiredRegionChoice[]; continents: ContinentGroup[] } {
  const offered = desiredRegionChoices();
  const ofKind = (kind: DesiredRegionKind) => offered.filter((choice) => choice.kind === kind);
  const continents: ContinentGroup[] = ofKind('continent').map((continent) => ({ continent, subregions: [], countries: [] }));
  const continentOf = (countries: readonly string[]) =>
    continents.reduce((best, group) => (overlap(group.continent, countries) > overlap(best.continent, countries) ? group : best));
  const overlap = (choice: DesiredRegionChoice, countries: readonly string[]) => countries.filter((country) => choice.countries.includes(country)).length;
  for (const subregion of ofKind('subregion')) continentOf(subregion.countries).subregions.push({ subregion, countries: [] });
  for (const country of ofKind('country')) {
    const code = country.countries[0]!;
    const inSubregion = continents.flatMap((group) => group.subregions).find((entry) => entry.subregion.countries.includes(code));
    if (inSubregion) inSubregion.countries.push(country);
    else continentOf(country.countries).countries.push(country);
  }
  return { languages: ofKind('language'), continents };
}

/** One problem message per unknown code and per code chosen more than once; none when all is well. Retired codes are known. */
export function checkDesiredRegions(codes: readonly string[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const reportedTwice = new Set<string>();
  for (const code of codes) {
    if (seen.has(code)) {
      if (!reportedTwice.has(code)) problems.push(`"${code}" is chosen more than once`);
      reportedTwice.add(code);
      continue;
    }
    seen.add(code);
    if (!findDesiredRegion(code)) problems.push(`"${code}" is not a known country or region`);
  }
  return problems;
}

/** Every country the chosen codes stand for; unknown codes stand for none. */
export function countriesOfDesiredRegions(codes: readonly string[]): Set<string> {
  return new Set(codes.flatMap((code) => findDesiredRegion(code)?.countries ?? []));
}

/** Whether two selections share at least one country (`country:AU` and `language:eng` do). */
export function desiredRegionsOverlap(a: readonly string[], b: readonly string[]): boolean {
  const countriesOfA = countriesOfDesiredRegions(a);
  return [...countriesOfDesiredRegions(b)].some((country) => countriesOfA.has(country));
}

/** The choice's name in a language; the code itself when it is no longer a known choice. */
export function desiredRegionName(code: string, lang: Lang): string {
  return findDesiredRegion(code)?.name[lang] ?? code;
}
