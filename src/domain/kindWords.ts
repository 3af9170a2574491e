import type { JapaneseKind } from './romanisation.js';

/**
 * The words that follow a Japanese LG's name to say its kind: the romanised suffix (Ibara-shi,
 * Nagi-chō) and the English word (Ibara City). One table for search keys, matching and imports.
 */
export const KIND_WORDS: Readonly<Record<JapaneseKind, { romaji: readonly string[]; english: readonly string[] }>> = {
  prefecture: { romaji: ['ken', 'fu', 'to'], english: ['prefecture', 'metropolis'] },
  city: { romaji: ['shi'], english: ['city'] },
  special_ward: { romaji: ['ku'], english: ['ward'] },
  ward: { romaji: ['ku'], english: ['ward'] },
  town: { romaji: ['machi', 'cho'], english: ['town'] },
  village: { romaji: ['mura', 'son'], english: ['village'] },
};

/** "to" (都) is also an ordinary word at the end of names, so it is only offered, never stripped. */
const NOT_STRIPPED = new Set(['to']);

/** Every kind word that may be dropped from the end of a folded name to find its base. */
export const STRIPPABLE_KIND_WORDS: ReadonlySet<string> = new Set(
  Object.values(KIND_WORDS)
    .flatMap((words) => [...words.romaji, ...words.english])
    .filter((word) => !NOT_STRIPPED.has(word)),
);

/** The kinds that the last word of a folded name allows ("okayama prefecture" → prefecture), or null. */
export function kindsNamedBy(folded: string): JapaneseKind[] | null {
  const last = folded.split(' ').at(-1) ?? '';
  if (NOT_STRIPPED.has(last)) return null;
  const kinds = (Object.keys(KIND_WORDS) as JapaneseKind[]).filter(
    (kind) => KIND_WORDS[kind].romaji.includes(last) || KIND_WORDS[kind].english.includes(last),
  );
  return kinds.length > 0 ? kinds : null;
}
