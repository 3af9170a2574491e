import { createRequire } from 'node:module';
import { countries as countryTable } from 'countries-list';
import isoCountries from 'i18n-iso-countries/index.js';
import type { LocaleData } from 'i18n-iso-countries';

/** A country or territory with an ISO 3166-1 alpha-2 code. */
export interface Country {
  /** ISO 3166-1 alpha-2 (XK for Kosovo, a user-assigned code). */
  code: string;
  nameEn: string;
  nameJa: string;
  /** Main continent: AF AN AS EU NA OC SA. */
  continent: string;
  /** ISO 639-1 codes of the languages spoken. */
  languages: string[];
  /** Other English and native names the packages know (official names, former names, short forms). */
  aliases?: string[];
  /** Code of the country this territory belongs to, where the packages say so (AX → FI). */
  partOf?: string;
}

const require = createRequire(import.meta.url);
let localesRegistered = false;

function registerLocales(): void {
  if (localesRegistered) return;
  isoCountries.registerLocale(require('i18n-iso-countries/langs/en.json') as LocaleData);
  isoCountries.registerLocale(require('i18n-iso-countries/langs/ja.json') as LocaleData);
  localesRegistered = true;
}

/** Every country and territory in countries-list, with Japanese names and aliases from i18n-iso-countries. */
export function loadCountries(): Country[] {
  registerLocales();
  const englishNames = isoCountries.getNames('en', { select: 'all' });
  const japaneseNames = isoCountries.getNames('ja', { select: 'official' });
  // i18n-iso-countries has no entry for a few codes (Ascension, Tristan da Cunha); ICU does.
  const icuJapanese = new Intl.DisplayNames(['ja'], { type: 'region', fallback: 'none' });

  const result: Country[] = [];
  for (const [code, entry] of Object.entries(countryTable)) {
    const aliases = new Set<string>([...(englishNames[code] ?? []), ...(entry.alias ?? [])]);
    if (entry.native) aliases.add(entry.native);
    // ICU's Japanese name is the short one Japanese lists use (中国, 韓国, ロシア) beside the official one.
    const shortJapanese = icuJapanese.of(code);
    if (shortJapanese) aliases.add(shortJapanese);
    aliases.delete(entry.name);
    const country: Country = {
      code,
      nameEn: entry.name,
      nameJa: japaneseNames[code] ?? icuJapanese.of(code) ?? entry.name,
      continent: entry.continent,
      languages: [...entry.languages],
      aliases: [...aliases],
    };
    if (entry.partOf) country.partOf = entry.partOf;
    result.push(country);
  }
  return result.sort((a, b) => a.code.localeCompare(b.code));
}
