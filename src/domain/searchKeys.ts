import { KIND_WORDS } from './kindWords.js';
import { foldName } from './names.js';
import type { JapaneseKind } from './romanisation.js';

/** The names of an LG that search should find it by. */
export interface SearchableNames {
  /** Names without any kind suffix: 井原, いばら, Ibara, Glasgow. */
  baseNames: (string | null | undefined)[];
  /** Full names: 井原市, いばらし, Ibara City, Ibara-shi. */
  fullNames: (string | null | undefined)[];
  /** Other names in any language: exonyms and other scripts (Cologne, ケルン, Pusan, 釜山). */
  alternateNames?: readonly string[];
}

export interface SearchKey {
  key: string;
  isBase: boolean;
  /** Only an alternate name has this key: search finds it exactly or by its beginning, not as a near spelling. */
  isAlternate: boolean;
}

/** The distinct folded search keys of one LG; a base key wins over an equal full key, and either over an alternate. */
export function searchKeysFor(names: SearchableNames): SearchKey[] {
  const keys = new Map<string, SearchKey>();
  const add = (name: string | null | undefined, isBase: boolean, isAlternate: boolean) => {
    if (!name) return;
    const key = foldName(name);
    if (key.length === 0) return;
    const known = keys.get(key);
    if (known) {
      known.isBase ||= isBase;
      known.isAlternate &&= isAlternate;
    } else keys.set(key, { key, isBase, isAlternate });
  };
  for (const name of names.baseNames) add(name, true, false);
  for (const name of names.fullNames) add(name, false, false);
  for (const name of names.alternateNames ?? []) add(name, false, true);
  return [...keys.values()];
}

/** The names of a Japanese LG to index: kanji, kana and romaji, each with and without its suffix. */
export function japaneseSearchNames(lg: {
  kind: string;
  name: string;
  kanjiBase: string;
  kana: string;
  kanaBase: string;
  romaji: string;
  english: string;
}): SearchableNames {
  const suffixed = (KIND_WORDS[lg.kind as JapaneseKind]?.romaji ?? []).map((suffix) => `${lg.romaji} ${suffix}`);
  return {
    baseNames: [lg.kanjiBase, lg.kanaBase, lg.romaji],
    fullNames: [lg.name, lg.kana, lg.english, ...suffixed],
  };
}
