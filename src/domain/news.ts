import type { FieldProblem } from '../errors.js';
import { SLUG_PATTERN } from './jurisdictions.js';

/**
 * What a news item may be tagged with: a relationship, a local government (by id), a country (its
 * ISO code), a jurisdiction (its slug). A tag is a kind and a value, so that a new kind of place is
 * one more kind here.
 */
export const NEWS_TAG_KINDS = ['relationship', 'lg', 'country', 'jurisdiction'] as const;
export type NewsTagKind = (typeof NEWS_TAG_KINDS)[number];

/** A tag of a news item: `{ kind: 'country', value: 'US' }`, written "country:US". */
export interface NewsTag {
  kind: NewsTagKind;
  value: string;
}

/** The most tags one news item carries. */
export const NEWS_TAGS_MAX = 30;

/** The longest title and text of a news item, in each language. */
export const NEWS_LIMITS = { title: 200, body: 20_000 } as const;

/** A tag as written in an address or a form: "country:US", "lg:123", "relationship:45". */
export const tagText = (tag: NewsTag): string => `${tag.kind}:${tag.value}`;

/** Reads "kind:value"; a string that is not one is a problem naming why. */
export function parseTag(text: string): NewsTag | string {
  const match = /^([a-z]+):(.+)$/.exec(text.trim());
  if (!match) return `write a tag as kind:value, such as country:US, lg:123 or jurisdiction:northern-california (got "${text}")`;
  const [, kind, value] = match as unknown as [string, string, string];
  if (!(NEWS_TAG_KINDS as readonly string[]).includes(kind)) return `the kind of tag "${kind}" is unknown: use ${NEWS_TAG_KINDS.join(', ')}`;
  if (kind === 'jurisdiction') {
    if (!SLUG_PATTERN.test(value)) return `a jurisdiction is named by the slug of its address, such as northern-california (got "${value}")`;
    return { kind, value };
  }
  if (kind === 'country') {
    if (!/^[A-Za-z]{2}$/.test(value)) return `a country is its two-letter ISO code, such as US (got "${value}")`;
    return { kind, value: value.toUpperCase() };
  }
  if (!/^[1-9]\d{0,8}$/.test(value)) return `a ${kind === 'lg' ? 'local government' : 'relationship'} is named by its id, a whole number (got "${value}")`;
  return { kind: kind as NewsTagKind, value };
}

/** A news item's text as the rules see it. */
export interface NewsFacts {
  title: { en: string; ja: string };
  body: { en: string; ja: string };
}

/**
 * Checks that a news item can be read in at least one language: a title and a text in English, or in
 * Japanese, or both; a language with a title must have its text and the other way round.
 */
export function checkNewsItem(item: NewsFacts): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const written = (lang: 'en' | 'ja') => Boolean(item.title[lang].trim() || item.body[lang].trim());
  if (!written('en') && !written('ja')) problems.push({ field: 'title', message: 'write the title and text in English, Japanese or both' });
  for (const lang of ['en', 'ja'] as const) {
    if (!written(lang)) continue;
    if (!item.title[lang].trim()) problems.push({ field: `title.${lang}`, message: `give the title in ${lang === 'en' ? 'English' : 'Japanese'} too, since the text is written in it` });
    if (!item.body[lang].trim()) problems.push({ field: `body.${lang}`, message: `give the text in ${lang === 'en' ? 'English' : 'Japanese'} too, since the title is written in it` });
  }
  return problems;
}
