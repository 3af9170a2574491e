/**
 * Which GeoNames places can be a party to a relationship, and which of their many names Kizuna
 * keeps. Pure rules over what the gazetteer says of a place.
 */

/**
 * Feature codes of populated places that are no local government: a section of a larger place
 * (Chatsworth and West Hills are parts of Los Angeles), and places historical, abandoned or
 * destroyed. Everything else of GeoNames' class P stays a candidate.
 */
const NOT_A_LOCAL_GOVERNMENT = new Set(['PPLX', 'PPLH', 'PPLQ', 'PPLW', 'PPLCH']);

/** True when a GeoNames place with this feature code may be a local government. */
export function canBeLocalGovernment(featureCode: string): boolean {
  return !NOT_A_LOCAL_GOVERNMENT.has(featureCode);
}

/** Names longer than this are descriptions rather than names a person types. */
const MAX_NAME_LENGTH = 80;

const KATAKANA = /\p{Script=Katakana}/u;
const HAN_ONLY = /^[\p{Script=Han}]+$/u;
const KANA_OR_HAN_ONLY = /^[\p{Script=Katakana}\p{Script=Han}ー・]+$/u;
/** Countries whose places Japanese writes in kanji (大連, 台北); Korea's in kanji when there is no katakana name (釜山, but ソウル). */
const KANJI_FIRST = new Set(['CN', 'TW', 'HK', 'MO']);
const KANJI_SECOND = new Set(['KR', 'KP']);

/**
 * The other names of a place worth keeping: distinct from the name itself, not empty, not over
 * 80 characters. GeoNames' alternate names mix exonyms (Cologne for Köln), native scripts (釜山),
 * Japanese forms (ケルン) and transliterations; all of them may be what a person types.
 */
export function alternateNamesOf(name: string, asciiName: string, alternates: readonly string[]): string[] {
  const seen = new Set([name]);
  const kept: string[] = [];
  for (const raw of [asciiName, ...alternates]) {
    const alternate = raw.trim();
    if (alternate.length === 0 || alternate.length > MAX_NAME_LENGTH || seen.has(alternate)) continue;
    seen.add(alternate);
    kept.push(alternate);
  }
  return kept;
}

/**
 * The name a Japanese reader knows a place abroad by, among its alternate names: a katakana name
 * (ケルン, ポートランド) or, for Chinese and Korean places, a name in kanji (大连, 釜山). The
 * shortest wins, so that ソウル is preferred to ソウル特別市; null when there is none.
 */
export function japaneseNameOf(country: string, alternates: readonly string[]): string | null {
  const katakana = alternates.filter((name) => KATAKANA.test(name) && KANA_OR_HAN_ONLY.test(name));
  const kanji = KANJI_FIRST.has(country) || KANJI_SECOND.has(country) ? alternates.filter((name) => HAN_ONLY.test(name)) : [];
  const pool = KANJI_FIRST.has(country) ? (kanji.length > 0 ? kanji : katakana) : katakana.length > 0 ? katakana : kanji;
  if (pool.length === 0) return null;
  return pool.reduce((best, name) => (name.length < best.length ? name : best));
}
