import { createRequire } from 'node:module';
import type * as OpenCC from 'opencc-js';

const HAN_ONLY = /^\p{Script=Han}+$/u;

let converters: Record<string, (text: string) => string> | undefined;

/**
 * A Chinese or Taiwanese place name in the kanji Japanese writes it in (大连 → 大連, 辽宁省 → 遼寧省,
 * 臺北 → 台北); null for any other name, or a name not wholly in Han characters. The converters are
 * made on first use, by bootstrap only: OpenCC reads its dictionaries then, which would slow every start.
 */
export function japaneseKanjiOf(country: string, name: string): string | null {
  if ((country !== 'CN' && country !== 'TW') || !HAN_ONLY.test(name)) return null;
  if (!converters) {
    const opencc = createRequire(import.meta.url)('opencc-js') as typeof OpenCC;
    converters = { CN: opencc.Converter({ from: 'cn', to: 'jp' }), TW: opencc.Converter({ from: 'tw', to: 'jp' }) };
  }
  return converters[country]!(name);
}

/** A place name in Japanese kanji where it is Chinese (see japaneseKanjiOf), else as it is. */
export const inJapaneseKanji = (country: string, name: string): string => japaneseKanjiOf(country, name) ?? name;
