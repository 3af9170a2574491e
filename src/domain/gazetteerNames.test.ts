import { describe, expect, it } from 'vitest';
import { alternateNamesOf, canBeLocalGovernment, japaneseNameOf } from './gazetteerNames.js';

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
