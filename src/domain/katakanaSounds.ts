import { foldName } from './names.js';
import { editDistance } from './trigrams.js';

/**
 * The consonants of a folded Latin name as a Japanese ear writes them: l and r alike, v as b, th
 * and soft c or g as s, hard c and q as k, no vowels, w, y or silent gh, and one mark for a name
 * that begins with a vowel. A name has two keys, the second without the r that katakana leaves
 * out after a vowel (ニューヨーク, バーモント). So カリフォルニア and California share a key, and
 * a katakana name can be set against the Latin names of one country's states and provinces, which
 * have no Japanese name in the reference data.
 */
export function soundKeys(folded: string): string[] {
  const letters = folded.replace(/[^a-z]/g, '');
  const keyOf = (text: string) => {
    const consonants = text
      .replace(/^[aeiouyw]+/, '_')
      .replace(/gh/g, '')
      .replace(/ph/g, 'f')
      .replace(/th/g, 's')
      .replace(/(sh|ch|ts|tz)/g, 's')
      .replace(/ck|qu|q/g, 'k')
      .replace(/x/g, 'ks')
      .replace(/c(?=[eiy])/g, 's')
      .replace(/g(?=[eiy])/g, 'j')
      .replace(/ng/g, 'n')
      .replace(/([^aeiou_])h/g, '$1')
      .replace(/[aeiouyw]/g, '');
    const classes: Record<string, string> = { c: 'k', g: 'k', d: 't', b: 'p', v: 'p', f: 'p', l: 'r', m: 'n', z: 's', j: 's' };
    return [...consonants].map((letter) => classes[letter] ?? letter).join('').replace(/(.)\1+/g, '$1');
  };
  const keys = new Set([keyOf(letters), keyOf(letters.replace(/([aeiou])r+(?![aeiouy])/g, '$1'))]);
  return [...keys];
}

/**
 * The one candidate whose name sounds like the katakana (オレゴン → Oregon, ニューサウスウェールズ →
 * New South Wales): the nearest by sound key, within a quarter of the key's length (at least one;
 * none for keys of one or two sounds), and strictly nearer than any other. Null when there is no such candidate.
 */
export function closestBySound<T extends { names: readonly string[] }>(katakana: string, candidates: readonly T[]): T | null {
  const [key] = soundKeys(foldName(katakana));
  if (!key) return null;
  // A key of one or two sounds must match exactly: near misses of short keys are many.
  const limit = key.length <= 2 ? 0 : Math.max(1, Math.floor(key.length / 4));
  let best: T | null = null;
  let bestDistance = limit + 1;
  let tied = false;
  for (const candidate of candidates) {
    const distance = Math.min(...candidate.names.flatMap((name) => soundKeys(foldName(name)).map((other) => editDistance(key, other, limit))));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tied = false;
    } else if (distance === bestDistance) {
      tied = true;
    }
  }
  return best && !tied && bestDistance <= limit ? best : null;
}
