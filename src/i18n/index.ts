import type { Fact, Problem } from '../domain/introductions.js';
import { parsePartialDate, type DatePrecision } from '../domain/relationships.js';
import { loadCountries } from '../reference/countries.js';
import { en, type MessageKey } from './en.js';
import { ja } from './ja.js';

export const LANGUAGES = ['en', 'ja'] as const;
export type Lang = (typeof LANGUAGES)[number];
export type { MessageKey };

const catalogues: Record<Lang, Record<MessageKey, string>> = { en, ja };

/** A message in the language, with {name} placeholders filled. */
export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  // A key made up at run time (`kind.${kind}`) may have no message: show the key rather than fail;
  // the catalogue's own keys only, not the names every object carries (constructor, toString).
  const message = Object.hasOwn(catalogues[lang], key) ? catalogues[lang][key] : key;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** The address of a page in a language: English at /path, Japanese at /ja/path. */
export function localePath(lang: Lang, path: string): string {
  if (lang === 'en') return path;
  return path === '/' ? '/ja' : `/ja${path}`;
}

/** The same page's address without its language prefix. */
export function pathWithoutLocale(path: string): string {
  if (path === '/ja') return '/';
  return path.startsWith('/ja/') ? path.slice(3) : path;
}

const locales: Record<Lang, string> = { en: 'en-GB', ja: 'ja-JP' };

/** A moment in Japan time, as the language writes it: "2 Jan 2025, 13:45", "2025/01/02 13:45" (with seconds for the audit log). */
export function formatJapanTime(lang: Lang, iso: string, precision: 'minute' | 'second' = 'minute'): string {
  const timeStyle = precision === 'second' ? 'medium' : 'short';
  return new Intl.DateTimeFormat(locales[lang], { dateStyle: 'medium', timeStyle, timeZone: 'Asia/Tokyo' }).format(new Date(iso));
}

/** Made once per language: making a formatter costs far more than formatting, and long tables format thousands of numbers. */
const numberFormats = new Map<Lang, Intl.NumberFormat>();
const percentFormats = new Map<Lang, Intl.NumberFormat>();

/** A whole number as the language writes it: 1,234 in both, grouped by thousands. */
export function formatNumber(lang: Lang, value: number): string {
  let format = numberFormats.get(lang);
  if (!format) numberFormats.set(lang, (format = new Intl.NumberFormat(locales[lang])));
  return format.format(value);
}

/** Items joined as the language lists them: "a, b and c", "a、b、c". */
export function formatList(lang: Lang, items: string[]): string {
  return new Intl.ListFormat(locales[lang], { type: 'conjunction' }).format(items);
}

/** A share as a percentage with one decimal: 71.7 % or 71.7%. */
export function formatPercent(lang: Lang, ratio: number): string {
  let format = percentFormats.get(lang);
  if (!format) percentFormats.set(lang, (format = new Intl.NumberFormat(locales[lang], { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })));
  return format.format(ratio);
}

/** Made once per language and precision, as the number formats are. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A date known to a year, month or day, as the language writes it: "December 1955", "1955年12月". */
export function formatPreciseDate(lang: Lang, date: string, precision: DatePrecision): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const value = new Date(Date.UTC(year, month - 1, day));
  const key = `${lang}|${precision}`;
  let format = dateFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      precision === 'year' ? { year: 'numeric' } : precision === 'month' ? { year: 'numeric', month: 'long' } : { year: 'numeric', month: 'long', day: 'numeric' };
    dateFormats.set(key, (format = new Intl.DateTimeFormat(locales[lang], { ...options, timeZone: 'UTC' })));
  }
  return format.format(value);
}

let countryNames: Map<string, { en: string; ja: string }> | undefined;

/** A country's name in the language, from its ISO code (the code itself when unknown). */
export function countryName(lang: Lang, code: string): string {
  countryNames ??= new Map(loadCountries().map((country) => [country.code, { en: country.nameEn, ja: country.nameJa }]));
  return countryNames.get(code)?.[lang] ?? code;
}

/** A date as Kizuna stores a partial one ("1955", "1955-12", "1955-12-07"), as the language writes it. */
export function formatPartial(lang: Lang, partial: string): string {
  const parsed = parsePartialDate(partial);
  return typeof parsed === 'string' ? partial : formatPreciseDate(lang, parsed.date, parsed.precision);
}

/** The region an LG lies in, in the language: its Japanese name where known, else its English one; null when unknown. */
export function regionName(lang: Lang, lg: { region: { en: string; ja: string | null } | null }): string | null {
  if (!lg.region) return null;
  return lang === 'ja' ? (lg.region.ja ?? lg.region.en) : lg.region.en;
}

/** An LG's name in the language: kanji in Japanese, romaji in English; the English name where no Japanese one is known. */
export function lgName(lang: Lang, lg: { name: { en: string; ja: string | null } }): string {
  return lang === 'ja' ? (lg.name.ja ?? lg.name.en) : lg.name.en;
}

/** A fact in words: text and numbers as they are, a local government by its name, a day as the language writes it, a message by its key. */
function factText(lang: Lang, fact: Fact): string | number {
  if (typeof fact === 'string' || typeof fact === 'number') return typeof fact === 'number' ? formatNumber(lang, fact) : fact;
  if ('lg' in fact) return lgName(lang, { name: fact.lg });
  if ('day' in fact) return formatPreciseDate(lang, fact.day, 'day');
  return t(lang, fact.key as MessageKey);
}

/** A message whose placeholders are facts (local governments, days, other messages), in the language. */
export function tFacts(lang: Lang, key: MessageKey, facts: Record<string, Fact> = {}): string {
  return t(lang, key, Object.fromEntries(Object.entries(facts).map(([name, fact]) => [name, factText(lang, fact)])));
}

/** A problem of an introduction or its tracker, in the language. */
export const problemText = (lang: Lang, problem: Problem): string => tFacts(lang, `introductions.problem.${problem.code}`, problem.facts);

/** The messages that come in the forms of a count: `base.one` and `base.other`. */
export type CountedKey = { [K in MessageKey]: K extends `${infer Base}.other` ? (`${Base}.one` extends MessageKey ? Base : never) : never }[MessageKey];

const pluralRules: Record<Lang, Intl.PluralRules> = { en: new Intl.PluralRules(locales.en), ja: new Intl.PluralRules(locales.ja) };

/**
 * A message about a count, in the form the language's plural rules choose ("1 relationship",
 * "2 relationships"; Japanese has one form), with {count} written for the language.
 */
export function tCount(lang: Lang, base: CountedKey, count: number, params: Record<string, string | number> = {}): string {
  const form = pluralRules[lang].select(count) === 'one' ? 'one' : 'other';
  return t(lang, `${base}.${form}` as MessageKey, { count: formatNumber(lang, count), ...params });
}
