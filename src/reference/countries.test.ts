import { describe, expect, it } from 'vitest';
import { loadCountries } from './countries.js';

describe('loadCountries', () => {
  const countries = loadCountries();
  const byCode = new Map(countries.map((country) => [country.code, country]));

  it('has every ISO country once, with two-letter codes', () => {
    expect(countries.length).toBeGreaterThanOrEqual(249);
    expect(byCode.size).toBe(countries.length);
    for (const country of countries) expect(country.code).toMatch(/^[A-Z]{2}$/);
  });

  it('gives English and Japanese names, continent and languages', () => {
    expect(byCode.get('JP')).toMatchObject({ nameEn: 'Japan', nameJa: '日本', continent: 'AS', languages: ['ja'] });
    expect(byCode.get('GB')).toMatchObject({ nameEn: 'United Kingdom', nameJa: 'イギリス', continent: 'EU' });
    expect(byCode.get('US')?.aliases).toContain('United States of America');
    for (const country of countries) {
      expect(country.nameJa.length, country.code).toBeGreaterThan(0);
      expect(['AF', 'AN', 'AS', 'EU', 'NA', 'OC', 'SA']).toContain(country.continent);
      for (const language of country.languages) expect(language).toMatch(/^[a-z]{2}$/);
    }
  });

  it('includes Kosovo', () => {
    expect(byCode.get('XK')).toMatchObject({ nameEn: 'Kosovo', nameJa: 'コソボ', continent: 'EU' });
  });
});
