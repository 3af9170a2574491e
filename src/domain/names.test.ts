import { describe, expect, it } from 'vitest';
import { foldName, slugify } from './names.js';

describe('foldName', () => {
  it('folds macrons, long-vowel spellings and case to one form', () => {
    expect(foldName('Ōsaka')).toBe('osaka');
    expect(foldName('Oosaka')).toBe('osaka');
    expect(foldName('OSAKA')).toBe('osaka');
    expect(foldName('Tōkyō')).toBe(foldName('Toukyou'));
  });
  it('reads the m of traditional Hepburn before b, m and p as n', () => {
    expect(foldName('Mombetsu')).toBe(foldName('Monbetsu'));
    expect(foldName('Kyōtamba')).toBe(foldName('Kyōtanba'));
    expect(foldName('Gumma')).toBe('gunma');
    expect(foldName('Hamburg')).toBe(foldName('HAMBURG'));
  });

  it('folds plain ASCII exactly as the full folding does', () => {
    for (const name of ["Saint-Étienne's", 'Ōsaka-shi', 'Ibara City', "Kan'onji", 'St. Paul (MN)', '  New   York  ', 'Glasgow']) {
      const ascii = name.normalize('NFD').replace(/\p{M}/gu, '');
      expect(foldName(ascii)).toBe(foldName(name));
    }
  });

  it('turns kana into romaji', () => {
    expect(foldName('いばら')).toBe('ibara');
    expect(foldName('おおさか')).toBe('osaka');
  });
  it('drops diacritics and punctuation', () => {
    expect(foldName('Bérat')).toBe('berat');
    expect(foldName('Ibara-shi')).toBe('ibara shi');
    expect(foldName("St. John's")).toBe('st johns');
    expect(foldName('Kraków')).toBe('krakow');
    expect(foldName('Łódź')).toBe('lodz');
    expect(foldName('Straßburg')).toBe('strassburg');
  });
  it('keeps kanji as they are', () => {
    expect(foldName('井原市')).toBe('井原市');
  });
});

describe('slugify', () => {
  it('makes lower-case ASCII with hyphens', () => {
    expect(slugify('Ōsaka')).toBe('osaka');
    expect(slugify('Saint-Étienne du Rouvray')).toBe('saint-etienne-du-rouvray');
    expect(slugify('北京')).toBe('place');
  });
});
