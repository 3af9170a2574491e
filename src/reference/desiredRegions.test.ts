import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Countries as WorldCountries } from 'world-countries';
import {
  DESIRED_REGION_KINDS,
  checkDesiredRegions,
  countriesOfDesiredRegions,
  desiredRegionChoices,
  desiredRegionName,
  desiredRegionsOverlap,
  findDesiredRegion,
} from './desiredRegions.js';

const countriesOf = (code: string) => findDesiredRegion(code)?.countries ?? [];

describe('desiredRegionChoices', () => {
  const choices = desiredRegionChoices();

  it('groups countries by official language', () => {
    expect(countriesOf('language:eng')).toEqual(expect.arrayContaining(['US', 'CA', 'AU', 'NZ', 'GB', 'IE']));
    expect(countriesOf('language:fra')).toEqual(expect.arrayContaining(['FR', 'CA']));
    expect(countriesOf('language:spa')).toEqual(expect.arrayContaining(['ES', 'MX', 'AR']));
    expect(countriesOf('language:eng')).not.toContain('JP');
  });

  it('makes a language group only of a language official in three countries or more', () => {
    const languageGroups = choices.filter((choice) => choice.kind === 'language');
    expect(languageGroups.length).toBeGreaterThanOrEqual(10);
    for (const group of languageGroups) expect(group.countries.length, group.code).toBeGreaterThanOrEqual(3);
    expect(findDesiredRegion('language:jpn')).toBeUndefined();
  });

  it('groups countries by continent and sub-region', () => {
    expect(countriesOf('continent:OC')).toEqual(expect.arrayContaining(['AU', 'NZ']));
    expect(countriesOf('continent:OC')).not.toContain('JP');
    expect(countriesOf('subregion:australia-and-new-zealand')).toEqual(expect.arrayContaining(['AU', 'NZ']));
    expect(countriesOf('subregion:eastern-asia')).toEqual(expect.arrayContaining(['JP', 'KR', 'CN']));
    expect(countriesOf('subregion:south-eastern-asia')).toContain('VN');
    expect(findDesiredRegion('country:JP')?.countries).toEqual(['JP']);
  });

  it('names language groups, continents and sub-regions in English and Japanese', () => {
    expect(findDesiredRegion('language:eng')?.name).toEqual({ en: 'English-speaking countries', ja: '英語圏' });
    expect(findDesiredRegion('language:fra')?.name).toEqual({ en: 'French-speaking countries', ja: 'フランス語圏' });
    expect(findDesiredRegion('language:spa')?.name).toEqual({ en: 'Spanish-speaking countries', ja: 'スペイン語圏' });
    expect(findDesiredRegion('continent:OC')?.name).toEqual({ en: 'Oceania', ja: 'オセアニア' });
    expect(findDesiredRegion('subregion:australia-and-new-zealand')?.name.ja).toBe('オーストラリア・ニュージーランド');
    expect(desiredRegionName('country:AU', 'ja')).toBe('オーストラリア');
    expect(desiredRegionName('subregion:eastern-asia', 'en')).toBe('Eastern Asia');
  });

  it('has a choice for every sub-region of world-countries', () => {
    const worldCountries = createRequire(import.meta.url)('world-countries') as WorldCountries;
    const subregions = new Set(worldCountries.map((country) => country.subregion).filter(Boolean));
    expect(choices.filter((choice) => choice.kind === 'subregion')).toHaveLength(subregions.size);
  });

  it('gives every choice a known kind, both names and at least one country', () => {
    for (const choice of choices) {
      expect(DESIRED_REGION_KINDS, choice.code).toContain(choice.kind);
      expect(choice.code.startsWith(`${choice.kind}:`), choice.code).toBe(true);
      expect(choice.name.en.trim(), choice.code).not.toBe('');
      expect(choice.name.ja.trim(), choice.code).not.toBe('');
      expect(choice.countries.length, choice.code).toBeGreaterThan(0);
      expect([...choice.countries].sort(), choice.code).toEqual(choice.countries);
    }
    expect(new Set(choices.map((choice) => choice.code)).size).toBe(choices.length);
  });

  it('gives one name to two choices only when they stand for the same countries', () => {
    for (const lang of ['en', 'ja'] as const) {
      const byName = new Map<string, readonly string[]>();
      for (const choice of choices) {
        const earlier = byName.get(choice.name[lang]);
        if (earlier) expect(choice.countries, `${lang} "${choice.name[lang]}"`).toEqual(earlier);
        byName.set(choice.name[lang], choice.countries);
      }
    }
  });

  it('lists language groups largest first, then continents, sub-regions and countries by English name', () => {
    const kinds = choices.map((choice) => choice.kind);
    expect(kinds.filter((kind, index) => kind !== kinds[index - 1])).toEqual(['language', 'continent', 'subregion', 'country']);
    const groupSizes = choices.filter((choice) => choice.kind === 'language').map((choice) => choice.countries.length);
    expect(groupSizes).toEqual([...groupSizes].sort((a, b) => b - a));
    expect(choices[0]?.code).toBe('language:eng');
    const countryNames = choices.filter((choice) => choice.kind === 'country').map((choice) => choice.name.en);
    expect(countryNames).toEqual([...countryNames].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('is built once', () => {
    expect(desiredRegionChoices()).toBe(choices);
  });
});

describe('checkDesiredRegions', () => {
  it('accepts known codes', () => {
    expect(checkDesiredRegions(['language:eng', 'country:US', 'continent:OC', 'subregion:eastern-asia'])).toEqual([]);
    expect(checkDesiredRegions([])).toEqual([]);
  });

  it('names each unknown code and each code chosen twice', () => {
    expect(checkDesiredRegions(['language:xyz', 'country:AU', 'country:AU', 'country:AU', 'AU', 'country:au'])).toEqual([
      '"language:xyz" is not a known country or region',
      '"country:AU" is chosen more than once',
      '"AU" is not a known country or region',
      '"country:au" is not a known country or region',
    ]);
  });
});

describe('countriesOfDesiredRegions and desiredRegionsOverlap', () => {
  it('joins the countries of every choice', () => {
    const countries = countriesOfDesiredRegions(['country:FR', 'subregion:australia-and-new-zealand', 'language:xyz']);
    expect(countries.has('FR')).toBe(true);
    expect(countries.has('AU')).toBe(true);
    expect(countries.has('NZ')).toBe(true);
    expect(countries.has('US')).toBe(false);
  });

  it('sees whether two selections share a country', () => {
    expect(desiredRegionsOverlap(['country:AU'], ['language:eng'])).toBe(true);
    expect(desiredRegionsOverlap(['language:eng'], ['country:AU'])).toBe(true);
    expect(desiredRegionsOverlap(['country:FR'], ['continent:OC'])).toBe(false);
    expect(desiredRegionsOverlap(['country:FR', 'country:NZ'], ['continent:OC'])).toBe(true);
    expect(desiredRegionsOverlap([], ['continent:OC'])).toBe(false);
  });
});

describe('desiredRegionName', () => {
  it('falls back to the code when the choice is unknown', () => {
    expect(desiredRegionName('language:xyz', 'en')).toBe('language:xyz');
  });
});
