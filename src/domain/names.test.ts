import { describe, expect, it } from 'vitest';
import { foldName, slugify } from './names.js';

describe('foldName', () => {
  it('folds macrons, long-vowel spellings and case to one form', () => {
    expect(foldName('Ōsaka')).toBe('osaka');
    expect(foldName('Oosaka')).toBe('osaka');
    expect(foldName('OSAKA')).toBe('osaka');
    expect(foldName('Tōkyō')).toBe(foldName('Toukyou'));
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
