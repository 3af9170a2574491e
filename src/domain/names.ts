import { isKana, toRomaji } from 'wanakana';

const ASCII = /^[\x00-\x7f]*$/;

const LETTER_REPLACEMENTS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
};

/**
 * Folds a name to the form search and matching compare: NFKC, lower case, no diacritics, no
 * punctuation, single spaces, and Japanese long vowels collapsed (Ōsaka, Oosaka, Ousaka → osaka).
 * Kana are turned into romaji first, so いばら and Ibara fold alike. Kanji and other scripts are
 * kept as they are.
 *
 * @example foldName('Ōsaka-shi') // 'osaka shi'
 */
export function foldName(name: string): string {
  // Most names are plain ASCII: the same folding without Unicode normalisation, several times faster.
  if (ASCII.test(name)) {
    return collapseRomanisation(
      name
        .toLowerCase()
        .replace(/['`]/g, '')
        .replace(/[^a-z0-9]+/g, ' ')
        .trim(),
    );
  }
  let text = name.normalize('NFKC').trim();
  if (text.length > 0 && isKana(text.replace(/[\s・ー]/g, ''))) text = toRomaji(text.replace(/・/g, ' '));
  text = plainLetters(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return collapseRomanisation(text);
}

/**
 * Lower case without diacritics or apostrophes, special letters spelt out (ß → ss, ł → l):
 * "Saint-Étienne", "Kan'onji" → "saint-etienne", "kanonji".
 */
export function plainLetters(text: string): string {
  // Plain ASCII, as most names are, has no marks or special letters to undo: several times faster.
  if (ASCII.test(text)) return text.toLowerCase().replace(/['`]/g, '');
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßæœøłđðþıħ]/g, (letter) => LETTER_REPLACEMENTS[letter] ?? letter)
    .replace(/['’‘`ʻʼ]/g, '');
}

/**
 * Collapses the spellings of Japanese romanisation that differ without meaning: long vowels (oo,
 * ou, uu → one vowel) and ん before b, m and p, which traditional Hepburn writes m (Mombetsu,
 * Kyōtamba, Gumma → monbetsu, kyotanba, gunma). Applied alike to every name, so that names
 * abroad still compare equal among themselves.
 */
function collapseRomanisation(text: string): string {
  return text.replace(/o[ou]/g, 'o').replace(/uu/g, 'u').replace(/m(?=[bmp])/g, 'n');
}

/** ASCII slug for URLs: folded, spaces to hyphens, anything else dropped. */
export function slugify(name: string): string {
  const slug = plainLetters(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.length > 0 ? slug : 'place';
}
