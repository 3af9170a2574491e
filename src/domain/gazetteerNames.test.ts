import { describe, expect, it } from 'vitest';
import { alternateNamesOf, canBeLocalGovernment, japaneseNameOf, placesAbsentFrom, koreanNameWithoutKind } from './gazetteerNames.js';

describe('canBeLocalGovernment', () => {
  it('lets in cities, towns, villages and seats of government', () => {
    for (const code of ['PPL', 'PPLA', 'PPLA2', 'PPLA3', 'PPLA4', 'PPLC', 'PPLL']) expect(canBeLocalGovernment(code)).toBe(true);
  });

  it('leaves out sections of a city and historical, abandoned or destroyed places', () => {
    for (const code of ['PPLX', 'PPLH', 'PPLQ', 'PPLW', 'PPLCH']) expect(canBeLocalGovernment(code)).toBe(false);
  });
});

describe('alternateNamesOf', () => {
  it('keeps the ASCII name and every other name once, without the name itself', () => {
    expect(alternateNamesOf('Ţarţūs', 'Tartus', ['Tartous', 'Tartouss', 'Tartus', 'Ţarţūs', ' طرطوس '])).toEqual([
      'Tartus',
      'Tartous',
      'Tartouss',
      'طرطوس',
    ]);
  });

  it('drops empty names and descriptions too long to be typed', () => {
    expect(alternateNamesOf('Köln', 'Koeln', ['', 'x'.repeat(81), 'Cologne'])).toEqual(['Koeln', 'Cologne']);
  });
});

describe('japaneseNameOf', () => {
  it('takes the shortest katakana name of a place abroad', () => {
    expect(japaneseNameOf('DE', ['Cologne', 'ケルン', 'ケルン市', '科隆'])).toBe('ケルン');
  });

  it('prefers kanji for a Chinese place and katakana for a Korean one', () => {
    expect(japaneseNameOf('CN', ['Dalian', 'ダーリエン', '大连'])).toBe('大连');
    expect(japaneseNameOf('KR', ['Seoul', 'ソウル', '首尔'])).toBe('ソウル');
    expect(japaneseNameOf('KR', ['Busan', '釜山', '부산'])).toBe('釜山');
  });

  it('ignores kanji names of places outside China and Korea, and names mixing scripts', () => {
    expect(japaneseNameOf('US', ['Portland', '波特兰', 'ポートランド (オレゴン州)'])).toBeNull();
  });
});

describe('places a second gazetteer adds', () => {
  const reference = [
    { country: 'UA', name: 'Zaporizhzhia', alternateNames: ['Zaporozhye', 'Запоріжжя'], latitude: 47.82, longitude: 35.19 },
    { country: 'NO', name: 'Oslo', latitude: 59.91, longitude: 10.75 },
  ];
  it('keeps only the places the first lacks', () => {
    const extra = [
      { country: 'UA', name: 'Zaporozhie', latitude: 47.84, longitude: 35.14 }, // a spelling of its alternate Zaporozhye, 4 km away
      { country: 'UA', name: 'Zaporozhye', latitude: 47.9, longitude: 35.3 }, // an alternate name, 12 km away
      { country: 'NO', name: 'Oslo', latitude: 59.95, longitude: 10.8 }, // the same name, 5 km away
      { country: 'NO', name: 'Bærum', latitude: 59.89, longitude: 10.52 }, // not in the first
      { country: 'NO', name: 'Bærum', latitude: 59.9, longitude: 10.53 }, // twice in the second: once
      { country: 'SE', name: 'Oslo', latitude: 59.91, longitude: 10.75 }, // another country
      { country: 'NO', name: 'Oslo', latitude: 62.0, longitude: 10.75 }, // a namesake far away
    ];
    expect(placesAbsentFrom(reference, extra).map((place) => `${place.country} ${place.name} ${place.latitude}`)).toEqual([
      'NO Bærum 59.89',
      'SE Oslo 59.91',
      'NO Oslo 62',
    ]);
  });
});

describe('Korean names without their kind', () => {
  it('drops -gu, -si and -gun, and leaves other names alone', () => {
    expect(koreanNameWithoutKind('Gangnam-gu')).toBe('Gangnam');
    expect(koreanNameWithoutKind('Goyang-si')).toBe('Goyang');
    expect(koreanNameWithoutKind('Jinan-gun')).toBe('Jinan');
    expect(koreanNameWithoutKind('Jung-gu')).toBe('Jung');
    expect(koreanNameWithoutKind('Busan')).toBeNull();
    expect(koreanNameWithoutKind('Chungju')).toBeNull();
  });
});
