import { toHiragana } from 'wanakana';
import { kanaToHepburn } from './romanisation.js';

/** A word of a morphological analysis, as far as a reading needs it. */
export interface AnalysedWord {
  surface: string;
  /** The reading in katakana; absent for a word the dictionary does not know. */
  reading?: string | undefined;
  /** Part of speech and its first detail (名詞, 固有名詞). */
  partOfSpeech: string;
  detail: string;
}

/**
 * The reading of a place name (without its kind, 栗沢 → くりさわ) from a dictionary's analysis,
 * when it can be trusted: only when every word is a proper noun the dictionary knows, so that
 * 三石 (read by the dictionary as a number and a counter, サンセキ, where the town was Mitsuishi) or
 * 上紋別 (an ordinary 上 and a proper noun) give no reading rather than a wrong one.
 */
export function trustedReading(name: string, words: readonly AnalysedWord[]): { kana: string; romaji: string } | null {
  if (words.length === 0 || words.map((word) => word.surface).join('') !== name) return null;
  const trusted = words.every((word) => word.partOfSpeech === '名詞' && word.detail === '固有名詞' && word.reading && word.reading !== '*');
  if (!trusted) return null;
  const kana = toHiragana(words.map((word) => word.reading).join(''));
  return { kana, romaji: capitalise(kanaToHepburn(kana)) };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
