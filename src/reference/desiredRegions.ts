/**
 * The countries and regions a partner-seeking listing may name as where it wants a partner: every
 * country, the seven continents, the sub-regions of world-countries, and groups of the countries
 * that share an official language. Each choice is a code `kind:id` (`country:AU`, `continent:OC`,
 * `subregion:eastern-asia`, `language:eng`) that stands for a set of countries.
 */
import { createRequire } from 'node:module';
import type { Countries as WorldCountries } from 'world-countries';
import type { Lang } from '../i18n/index.js';
import { loadCountries } from './countries.js';

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

  return [...languages, ...continents, ...subregions, ...countryChoices];
}

let catalogue: { choices: readonly DesiredRegionChoice[]; byCode: ReadonlyMap<string, DesiredRegionChoice> } | undefined;

function loadCatalogue() {
  if (!catalogue) {
    const choices = buildChoices();
    catalogue = { choices, byCode: new Map(choices.map((choice) => [choice.code, choice])) };
  }
  return catalogue;
}

/** Every choice: language groups (largest first), continents, sub-regions, then countries by English name. */
export function desiredRegionChoices(): readonly DesiredRegionChoice[] {
  return loadCatalogue().choices;
}

/** The choice with this code, if there is one. */
export function findDesiredRegion(code: string): DesiredRegionChoice | undefined {
  return loadCatalogue().byCode.get(code);
}

/** One problem message per unknown code and per code chosen more than once; none when all is well. */
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
