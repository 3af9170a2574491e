import { foldName } from './names.js';
import { areSpellingVariantsWithoutSpaces, distanceKm } from './resolution.js';

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

const LATIN_NAME = /^[\p{Script=Latin}\p{P}\p{Zs}\d]+$/u;

export interface NamedPoint {
  country: string;
  name: string;
  latitude: number;
  longitude: number;
}

/**
 * The places of a second gazetteer that the first lacks: those with no place of the first, nor one
 * kept before them, of the same name within `km`, or of a spelling of it within `variantKm` (any of
 * its names in Latin letters: Zaporozhie is GeoNames' Zaporizhzhia, alias Zaporozhye). Keeps the order
 * of `extra`.
 */
export function placesAbsentFrom<T extends NamedPoint>(
  reference: readonly (NamedPoint & { alternateNames?: readonly string[] })[],
  extra: readonly T[],
  km = 25,
  variantKm = 5,
): T[] {
  // Spellings are looked for among close neighbours only, in cells of a twentieth of a degree, and
  // there among names of the same first letter (written without spaces, as isSpellingVariant
  // compares them). Names and cells are kept by country, and a cell is known by a number rather
  // than by text: this runs for a million names on a first start.
  const CELL = 0.05;
  interface CountryIndex {
    byName: Map<string, NamedPoint[]>;
    cells: Map<number, Map<string, { point: NamedPoint; spelling: string }[]>>;
  }
  const countries = new Map<string, CountryIndex>();
  const cellNumber = (latitude: number, longitude: number) => (Math.floor(latitude / CELL) + 2000) * 10_000 + (Math.floor(longitude / CELL) + 4000);
  const add = (point: NamedPoint, names: string[]) => {
    let country = countries.get(point.country);
    if (!country) countries.set(point.country, (country = { byName: new Map(), cells: new Map() }));
    const number = cellNumber(point.latitude, point.longitude);
    let cell = country.cells.get(number);
    if (!cell) country.cells.set(number, (cell = new Map()));
    for (const name of names) {
      const list = country.byName.get(name);
      if (list) list.push(point);
      else country.byName.set(name, [point]);
      const spelling = name.replace(/ /g, '');
      const sameLetter = cell.get(spelling.charAt(0));
      if (sameLetter) sameLetter.push({ point, spelling });
      else cell.set(spelling.charAt(0), [{ point, spelling }]);
    }
  };
  const within = (a: NamedPoint, b: NamedPoint, limit: number) => distanceKm(a.latitude, a.longitude, b.latitude, b.longitude) <= limit;
  // The second gazetteer writes names in Latin letters: only those of the first need folding.
  for (const place of reference) add(place, [...new Set([place.name, ...(place.alternateNames ?? []).filter((name) => LATIN_NAME.test(name))].map(foldName))]);
  const kept: T[] = [];
  for (const place of extra) {
    const name = foldName(place.name);
    const country = countries.get(place.country);
    if ((country?.byName.get(name) ?? []).some((other) => within(place, other, km))) continue;
    const spelling = name.replace(/ /g, '');
    const spanLng = Math.min(20, Math.ceil(variantKm / (111 * CELL * Math.max(0.05, Math.cos((place.latitude * Math.PI) / 180)))));
    const spanLat = Math.ceil(variantKm / (111 * CELL));
    let known = false;
    for (let dLat = -spanLat; dLat <= spanLat && !known && country; dLat++) {
      for (let dLng = -spanLng; dLng <= spanLng && !known; dLng++) {
        const sameLetter = country.cells.get(cellNumber(place.latitude + dLat * CELL, place.longitude + dLng * CELL))?.get(spelling.charAt(0));
        for (const other of sameLetter ?? []) {
          if (areSpellingVariantsWithoutSpaces(other.spelling, spelling) && within(place, other.point, variantKm)) {
            known = true;
            break;
          }
        }
      }
    }
    if (known) continue;
    kept.push(place);
    add(place, [name]);
  }
  return kept;
}

/**
 * A Korean name without the romanised word of its kind (Gangnam-gu → Gangnam, Goyang-si →
 * Goyang, Jinan-gun → Jinan), as lists write them; null when the name has none.
 */
export function koreanNameWithoutKind(name: string): string | null {
  const match = /^(.{2,}?)[- ](gu|si|gun)$/i.exec(name.trim());
  return match ? match[1]! : null;
}
