import { foldName } from './names.js';
import { editDistance } from './trigrams.js';
import type { Country } from '../reference/countries.js';

/** A country column value mapped to ISO codes. */
export interface NormalisedCountry {
  /** ISO 3166-1 alpha-2 code (a territory's own code where it has one, e.g. AX for Åland). */
  country: string;
  /** 'England' | 'Scotland' | 'Wales' | 'Northern Ireland' when the name was a UK constituent country. */
  constituent?: string;
  /** GeoNames admin1 code the name implies: ENG, SCT, WLS, NIR for the UK, a state for "Ohio, United States". */
  admin1?: string;
}

/** Admin1 codes that a region name may stand for within a country (see reference/regions.ts). */
export type QualifierAdmin1 = (country: string, qualifier: string) => string[];

const CONSTITUENTS: Record<string, { constituent: string; admin1: string }> = {
  england: { constituent: 'England', admin1: 'ENG' },
  scotland: { constituent: 'Scotland', admin1: 'SCT' },
  wales: { constituent: 'Wales', admin1: 'WLS' },
  'northern ireland': { constituent: 'Northern Ireland', admin1: 'NIR' },
};

// Names used by Wikipedia's twin-town lists that neither package knows, or knows for more than one
// code. These win over the packages' names.
const EXTRA_NAMES: Record<string, string> = {
  'georgia country': 'GE',
  'republic of ireland': 'IE',
  'republic of macedonia': 'MK',
  'bosnia and hercegovina': 'BA',
  // Both Congos carry the alias "Congo"; the lists write the other one out in full.
  congo: 'CG',
  'federated states of micronesia': 'FM',
  'vatican city state': 'VA',
  'west bank': 'PS',
  'gaza strip': 'PS',
  // Not recognised by ISO; GeoNames files its places under Cyprus.
  'northern cyprus': 'CY',
  'turkish republic of northern cyprus': 'CY',
  surinam: 'SR',
  'west germany': 'DE',
  'east germany': 'DE',
  // Short forms of Japanese lists and register sheets.
  米国: 'US',
  英国: 'GB',
  豪州: 'AU',
};

// Dependent territories with their own ISO code, by the sovereign state that holds them. Used only to
// read "Guadeloupe, France" as GP while "Georgia, United States" stays a US state.
const DEPENDENCIES: Record<string, string[]> = {
  AU: ['CC', 'CX', 'HM', 'NF'],
  CN: ['HK', 'MO'],
  DK: ['FO', 'GL'],
  FI: ['AX'],
  FR: ['BL', 'GF', 'GP', 'MF', 'MQ', 'NC', 'PF', 'PM', 'RE', 'TF', 'WF', 'YT'],
  GB: ['AI', 'BM', 'FK', 'GG', 'GI', 'GS', 'IM', 'IO', 'JE', 'KY', 'MS', 'PN', 'SH', 'TC', 'VG'],
  NL: ['AW', 'BQ', 'CW', 'SX'],
  NO: ['BV', 'SJ'],
  NZ: ['CK', 'NU', 'TK'],
  US: ['AS', 'GU', 'MP', 'PR', 'UM', 'VI'],
};

const DROPPED_WORDS = new Set(['the', 'and']);
const SAINT_WORDS = new Set(['st', 'saint', 'sankt']);

/** The lookup key of a country name: folded, "St" read as "Saint", "the"/"and" ignored. */
function countryKey(name: string): string {
  return foldName(name)
    .split(' ')
    .filter((word) => word.length > 0 && !DROPPED_WORDS.has(word))
    .map((word) => (SAINT_WORDS.has(word) ? 'saint' : word))
    .join(' ');
}

/** Removes footnote marks, quotes and surrounding space. */
function clean(raw: string): string {
  return raw
    .replace(/\[[^\]]*\]/g, '')
    .replace(/["“”„«»]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Builds a function that reads a country column value ("United States", "England, United Kingdom",
 * "Georgia (country)", "Czech Republic", "Moldavia", "Guadeloupe, France", a misspelling one letter
 * off) as ISO codes, or null when it names no country. Pass `qualifierAdmin1` to also read the region
 * in "Ohio, United States" as an admin1 code.
 */
export function createCountryNormaliser(
  countries: Country[],
  qualifierAdmin1?: QualifierAdmin1,
): (raw: string) => NormalisedCountry | null {
  const byKey = new Map<string, string>();
  const aliasCodes = new Map<string, Set<string>>();
  const addAlias = (name: string, code: string): void => {
    const keys = [countryKey(name)];
    // "Korea, Republic of" is also written "Republic of Korea".
    const comma = name.indexOf(',');
    if (comma > 0) keys.push(countryKey(`${name.slice(comma + 1)} ${name.slice(0, comma)}`));
    for (const key of keys) {
      if (key.length === 0) continue;
      const codes = aliasCodes.get(key) ?? new Set<string>();
      codes.add(code);
      aliasCodes.set(key, codes);
    }
  };
  for (const country of countries) {
    for (const alias of country.aliases ?? []) addAlias(alias, country.code);
    addAlias(country.nameJa, country.code);
  }
  // An alias shared by two codes ("Congo") says nothing on its own.
  for (const [key, codes] of aliasCodes) {
    if (codes.size === 1) byKey.set(key, [...codes][0]!);
  }
  for (const country of countries) byKey.set(countryKey(country.nameEn), country.code);
  const known = new Set(countries.map((country) => country.code));
  for (const [name, code] of Object.entries(EXTRA_NAMES)) {
    if (known.has(code)) byKey.set(countryKey(name), code);
  }

  const sovereignOf = new Map<string, string>();
  for (const [sovereign, territories] of Object.entries(DEPENDENCIES)) {
    for (const territory of territories) sovereignOf.set(territory, sovereign);
  }
  for (const country of countries) if (country.partOf) sovereignOf.set(country.code, country.partOf);

  const fuzzyKeys = [...byKey.keys()].filter((key) => key.length >= 4);

  const exact = (text: string): NormalisedCountry | null => {
    const key = countryKey(text);
    const constituent = CONSTITUENTS[key];
    if (constituent && known.has('GB')) return { country: 'GB', ...constituent };
    const code = byKey.get(key);
    if (code) return { country: code };
    // A scraping artefact: "in Italy".
    if (key.startsWith('in ')) return exact(key.slice(3));
    // "Georgia (country)" is handled by EXTRA_NAMES; other parentheses are read without their content.
    const outside = text.replace(/\([^)]*\)/g, ' ').trim();
    if (outside !== text && outside.length > 0) return exact(outside);
    return null;
  };

  // One typing slip ("Kazakhstah", "Grece", "Japa") when exactly one name is that close.
  const fuzzy = (text: string): NormalisedCountry | null => {
    const key = countryKey(text);
    if (key.length < 4) return null;
    const hits = new Set<string>();
    for (const candidate of fuzzyKeys) {
      // Short names are too close to each other ("Bali" is one letter from Mali): there only a
      // dropped last letter counts.
      const close =
        key.length < 5
          ? candidate.length === key.length + 1 && candidate.startsWith(key)
          : editDistance(key, candidate, 1) <= 1;
      if (close) hits.add(byKey.get(candidate)!);
    }
    return hits.size === 1 ? { country: [...hits][0]! } : null;
  };

  const withRegion = (prefix: string, country: NormalisedCountry): NormalisedCountry => {
    const inner = exact(prefix);
    if (inner?.constituent && inner.country === country.country) return inner;
    if (inner && !inner.constituent && sovereignOf.get(inner.country) === country.country) return inner;
    if (qualifierAdmin1 && !country.constituent) {
      const codes = qualifierAdmin1(country.country, prefix);
      if (codes.length === 1) return { country: country.country, admin1: codes[0]! };
    }
    return country;
  };

  return (raw: string): NormalisedCountry | null => {
    const text = clean(raw);
    if (text.length === 0) return null;
    const whole = exact(text);
    if (whole) return whole;
    const comma = text.lastIndexOf(',');
    if (comma > 0) {
      const prefix = text.slice(0, comma).trim();
      const last = text.slice(comma + 1).trim();
      const country = exact(last) ?? fuzzy(last);
      if (country) return withRegion(prefix, country);
      return exact(prefix) ?? fuzzy(prefix);
    }
    return fuzzy(text);
  };
}
