import { loadJapaneseLocalGovernments } from '../src/reference/japan.js';
import { loadWorldPlaces } from '../src/reference/places.js';

/** A small seeded generator, so every run asks the same queries. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function typo(name: string, random: () => number): string {
  if (name.length < 5) return name;
  const at = 1 + Math.floor(random() * (name.length - 2));
  return random() < 0.5 ? name.slice(0, at) + name.slice(at + 1) : name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2);
}

/**
 * Queries as people type them: Japanese names in kanji, kana, romaji with macrons, long-vowel
 * spellings and suffixes; foreign names with and without diacritics, and by any of their other
 * names in any script; and typos of both.
 */
export function buildSearchQueries(count: number): string[] {
  const random = seededRandom(20261121);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const japanese = loadJapaneseLocalGovernments();
  const places = loadWorldPlaces().filter((place) => place.country !== 'JP' && (place.population ?? 0) > 20_000);
  const named = places.filter((place) => place.alternateNames.length > 0);
  const makers: (() => string)[] = [
    () => pick(japanese).name,
    () => pick(japanese).kanjiBase,
    () => pick(japanese).kanaBase,
    () => pick(japanese).romaji,
    () => pick(japanese).ascii,
    () => pick(japanese).english,
    () => `${pick(japanese).ascii}-shi`,
    () => pick(japanese).romaji.replace(/ō/g, 'ou').replace(/ū/g, 'uu'),
    () => pick(places).name,
    () => pick(places).name.normalize('NFD').replace(/\p{M}/gu, ''),
    () => typo(pick(places).name, random),
    () => typo(pick(japanese).ascii, random),
    // Any of a place's other names: exonyms, native scripts, Japanese (Cologne, 釜山, ケルン).
    () => pick(pick(named).alternateNames),
    () => pick(pick(named).alternateNames),
  ];
  return Array.from({ length: count }, () => pick(makers)());
}
