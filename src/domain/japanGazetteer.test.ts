import { describe, expect, it } from 'vitest';
import { matchJapaneseToGazetteer, type JapaneseLgForMatch, type JapanesePlaceForMatch } from './japanGazetteer.js';

const lg = (jisCode: string, ascii: string, name: string, kind = 'city'): JapaneseLgForMatch => ({
  jisCode,
  prefectureCode: jisCode.slice(0, 2),
  kind,
  ascii,
  name,
  kanjiBase: name.slice(0, -1),
});
const place = (geonamesId: number, name: string, admin1: string, alternateNames: string[] = []): JapanesePlaceForMatch => ({
  geonamesId,
  name,
  admin1,
  featureCode: 'PPLA2',
  population: 10_000,
  alternateNames,
});

// Yamanashi (GeoNames admin1 46) learnt from Kōfu; Hokkaidō (12) from Sapporo.
const localGovernments = [
  lg('192015', 'Kofu', '甲府市'),
  lg('192082', 'Minami-Arupusu', '南アルプス市'),
  lg('011002', 'Sapporo', '札幌市'),
  lg('012190', 'Monbetsu', '紋別市'),
];

describe('matchJapaneseToGazetteer', () => {
  it('matches by romanised name and learns which GeoNames code is which prefecture', () => {
    const result = matchJapaneseToGazetteer(localGovernments, [place(1, 'Kōfu', '46'), place(2, 'Sapporo', '12')]);
    expect(result.placeByJisCode.get('192015')).toBe(1);
    expect(result.prefectureByAdmin1.get('46')).toBe('19');
  });

  it('matches a place romanised otherwise by its name in kanji, with or without its kind, in the right prefecture', () => {
    const result = matchJapaneseToGazetteer(localGovernments, [
      place(1, 'Kōfu', '46'),
      place(2, 'Sapporo', '12'),
      place(3, 'Minami-Alps', '46', ['nanarupusu', '南アルプス']),
      place(4, 'Mombetsu', '12', ['Monbetu', '紋別']),
      place(5, 'Mombetsu', '46', ['紋別市']),
    ]);
    expect(result.placeByJisCode.get('192082')).toBe(3);
    expect(result.placeByJisCode.get('012190')).toBe(4);
  });

  it('leaves an LG unmatched when two places of its prefecture carry its kanji name', () => {
    const result = matchJapaneseToGazetteer(localGovernments, [
      place(1, 'Kōfu', '46'),
      place(3, 'Minami-Alps', '46', ['南アルプス市']),
      place(6, 'Minamiarupusu Station', '46', ['南アルプス市']),
    ]);
    expect(result.placeByJisCode.has('192082')).toBe(false);
  });
});
