import { KIND_WORDS } from './kindWords.js';
import { foldName } from './names.js';
import type { JapaneseKind } from './romanisation.js';

/** The names of an LG that search should find it by. */
export interface SearchableNames {
  /** Names without any kind suffix: 井原, いばら, Ibara, Glasgow. */
  baseNames: (string | null | undefined)[];
  /** Full names: 井原市, いばらし, Ibara City, Ibara-shi. */
  fullNames: (string | null | undefined)[];
}

export interface SearchKey {
  key: string;
  isBase: boolean;
}


/** The distinct folded search keys of one LG; a base key wins over an equal full key. */
export function searchKeysFor(names: SearchableNames): SearchKey[] {
  const keys = new Map<string, boolean>();
  const add = (name: string | null | undefined, isBase: boolean) => {
    if (!name) return;
    const key = foldName(name);
    if (key.length === 0) return;
    keys.set(key, (keys.get(key) ?? false) || isBase);
  };
  for (const name of names.baseNames) add(name, true);
  for (const name of names.fullNames) add(name, false);
  return [...keys].map(([key, isBase]) => ({ key, isBase }));
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
