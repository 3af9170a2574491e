/**
 * How alike two texts are in what they talk about, in English, Japanese or both: TF-IDF vectors
 * over the terms of each text, compared by cosine.
 */

import { plainLetters } from './names.js';

/** English words that say nothing of a place; contractions lose their apostrophe before this. */
const STOP_WORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both but by
  can cannot could did do does doing down during each either else even ever every few for from further had has have having he
  her here hers herself him himself his how however if in into is it itself just let many may me might more most much must my
  myself neither no nor not now of off often on once one only or other others our ours ourselves out over own per quite rather
  same several shall she should since so some such than that the their theirs them themselves then there these they this those
  through thus to too under until up upon us very via was we were what when where whether which while who whom whose why will
  with within without would yet you your yours yourself yourselves
  dont doesnt didnt isnt arent wasnt werent cant couldnt wont wouldnt shouldnt hasnt havent hadnt im ive youre youve theyre
  theyve weve ill youll theyll itll id hed shed wed theyd lets
  st nd rd th km cm mm kg`.split(/\s+/),
);

/** A Latin word, apostrophes inside it allowed (don't, Kan'onji), or a run of Japanese script. */
const TOKEN = /\p{Script=Latin}+(?:['’]\p{Script=Latin}+)*|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+/gu;

const JAPANESE = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]/u;

/** Kana that carry grammar more than meaning (です, して, から): alone they make no term. */
const HIRAGANA_ONLY = /^[\p{Script=Hiragana}ー]+$/u;

/**
 * A light stemming that only folds plurals: stars → star, cities → city, peaches → peach. Short
 * words and those ending in ss, us or is are left alone (glass, campus, analysis).
 */
function singular(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:ss|x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (/[^siu]s$/.test(word)) return word.slice(0, -1);
  return word;
}

function englishTerm(word: string): string | null {
  const plain = plainLetters(word.replace(/['’]s$/, ''));
  if (plain.length < 2 || STOP_WORDS.has(plain)) return null;
  return singular(plain);
}

/** Character bigrams of a run of Japanese script, or the character itself when it stands alone. */
function japaneseTerms(run: string): string[] {
  const characters = Array.from(run);
  const grams = characters.length === 1 ? characters : characters.slice(1).map((character, i) => characters[i]! + character);
  return grams.filter((gram) => !HIRAGANA_ONLY.test(gram));
}

/**
 * The terms of a text: English words (lower case, stop words dropped, plurals folded) and, for each
 * run of Japanese script, its character bigrams without those made only of hiragana. Numbers and
 * punctuation are dropped.
 *
 * @example termsOf('Stars over 美星町') // ['star', '美星', '星町']
 */
export function termsOf(text: string): string[] {
  const terms: string[] = [];
  for (const [token] of text.normalize('NFKC').toLowerCase().matchAll(TOKEN)) {
    if (JAPANESE.test(token)) {
      terms.push(...japaneseTerms(token));
    } else {
      const term = englishTerm(token);
      if (term) terms.push(term);
    }
  }
  return terms;
}

/** Inverse document frequencies learned from a corpus, and the unit TF-IDF vectors they give. */
export class TextSimilarity {
  private readonly inverseFrequencies = new Map<string, number>();
  /** The weight of a term no document has: the highest there is. */
  private readonly unseenWeight: number;

  /** Each document is the terms of one text (termsOf). */
  constructor(documents: readonly (readonly string[])[]) {
    const documentFrequencies = new Map<string, number>();
    for (const terms of documents) {
      for (const term of new Set(terms)) documentFrequencies.set(term, (documentFrequencies.get(term) ?? 0) + 1);
    }
    // Smoothed idf, log((1 + N) / (1 + df)) + 1: a term every document has still counts a little.
    const idf = (frequency: number) => Math.log((1 + documents.length) / (1 + frequency)) + 1;
    for (const [term, frequency] of documentFrequencies) this.inverseFrequencies.set(term, idf(frequency));
    this.unseenWeight = idf(0);
  }

  /** The unit-length TF-IDF vector of a text's terms; an empty map when it has none. */
  vectorOf(terms: readonly string[]): Map<string, number> {
    const vector = new Map<string, number>();
    for (const term of terms) vector.set(term, (vector.get(term) ?? 0) + 1);
    let squares = 0;
    for (const [term, count] of vector) {
      const weight = count * (this.inverseFrequencies.get(term) ?? this.unseenWeight);
      vector.set(term, weight);
      squares += weight * weight;
    }
    const length = Math.sqrt(squares);
    for (const [term, weight] of vector) vector.set(term, weight / length);
    return vector;
  }
}

/** The cosine of two unit vectors, from 0 (no term shared) to 1 (the same direction). */
export function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const [smaller, larger] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [term, weight] of smaller) sum += weight * (larger.get(term) ?? 0);
  return Math.min(1, sum);
}
