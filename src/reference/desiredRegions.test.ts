import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Countries as WorldCountries } from 'world-countries';
import {
  DESIRED_REGION_KINDS,
  checkDesiredRegions,
  countriesOfDesiredRegions,
  desiredRegionChoices,
  desiredRegionGroups,
  desiredRegionName,
  desiredRegionsOverlap,
  findDesiredRegion,
  offeredCodesOf,
  retireWhatNoOneCanChoose,
  type DesiredRegionChoice,
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

  it('knows every sub-region of world-countries, and offers all but South America, which is the continent again', () => {
    const worldCountries = createRequire(import.meta.url)('world-countries') as WorldCountries;
    const subregions = [...new Set(worldCountries.map((country) => country.subregion).filter(Boolean))];
    const slugs = subregions.map((name) => `subregion:${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`);
    for (const code of slugs) expect(findDesiredRegion(code), code).toBeDefined();
    expect(choices.filter((choice) => choice.kind === 'subregion')).toHaveLength(subregions.length - 1);
    expect(findDesiredRegion('subregion:south-america')?.retired).toEqual({ replacedBy: 'continent:SA' });
    expect(countriesOf('subregion:south-america')).toEqual(countriesOf('continent:SA'));
  });

  it('offers no territory nobody lives in, nor the continent of nothing else, while still knowing their codes', () => {
    const offered = new Set(choices.map((choice) => choice.code));
    for (const code of ['country:AQ', 'country:BV', 'country:HM', 'country:GS', 'country:TF', 'country:UM', 'country:IO', 'continent:AN']) {
      expect(offered.has(code), code).toBe(false);
      expect(findDesiredRegion(code)?.retired, code).toEqual({});
    }
    expect(desiredRegionName('country:BV', 'en')).toBe('Bouvet Island');
    for (const code of ['country:SJ', 'country:PN', 'country:VA', 'country:AC', 'country:TA']) expect(offered.has(code), code).toBe(true);
    expect(checkDesiredRegions(['country:BV', 'subregion:south-america'])).toEqual([]);
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

  it('offers each name once in each language, and no two choices of the same countries', () => {
    for (const lang of ['en', 'ja'] as const) {
      const names = choices.map((choice) => choice.name[lang]);
      expect(names.filter((name, index) => names.indexOf(name) !== index), lang).toEqual([]);
    }
    const groups = choices.filter((choice) => choice.kind !== 'country').map((choice) => choice.countries.join(' '));
    expect(groups.filter((group, index) => groups.indexOf(group) !== index)).toEqual([]);
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

describe('retireWhatNoOneCanChoose', () => {
  const choice = (code: string, countries: string[]): DesiredRegionChoice => ({ code, kind: code.split(':')[0] as DesiredRegionChoice['kind'], name: { en: code, ja: code }, countries });

  it('retires the uninhabited, a group of nothing else, and a later group of the same countries', () => {
    const retired = retireWhatNoOneCanChoose(
      [choice('continent:AN', ['AQ', 'BV']), choice('continent:SA', ['AR', 'BR']), choice('subregion:south-america', ['AR', 'BR']), choice('country:AR', ['AR']), choice('country:BV', ['BV'])],
      new Set(['AQ', 'BV']),
    );
    expect(retired.map((entry) => [entry.code, entry.retired])).toEqual([
      ['continent:AN', {}],
      ['continent:SA', undefined],
      ['subregion:south-america', { replacedBy: 'continent:SA' }],
      ['country:AR', undefined],
      ['country:BV', {}],
    ]);
  });
});

describe('offeredCodesOf', () => {
  it('puts the code offered in place of a retired one it replaces, once, and keeps the others', () => {
    expect(offeredCodesOf(['subregion:south-america', 'continent:SA', 'country:BV', 'country:FR'])).toEqual(['continent:SA', 'country:BV', 'country:FR']);
  });
});

describe('desiredRegionGroups', () => {
  const { languages, continents } = desiredRegionGroups();
  const grouped = [
    ...languages,
    ...continents.flatMap((group) => [group.continent, ...group.subregions.flatMap((entry) => [entry.subregion, ...entry.countries]), ...group.countries]),
  ];

  it('places every offered choice exactly once', () => {
    const codes = grouped.map((entry) => entry.code);
    expect(codes.filter((code, index) => codes.indexOf(code) !== index)).toEqual([]);
    expect([...codes].sort()).toEqual(desiredRegionChoices().map((entry) => entry.code).sort());
  });

  it('puts each country under its sub-region, each sub-region under the continent of most of its countries', () => {
    const asia = continents.find((group) => group.continent.code === 'continent:AS')!;
    const eastern = asia.subregions.find((entry) => entry.subregion.code === 'subregion:eastern-asia')!;
    expect(eastern.countries.map((entry) => entry.code)).toEqual(expect.arrayContaining(['country:CN', 'country:KR', 'country:JP']));
    const oceania = continents.find((group) => group.continent.code === 'continent:OC')!;
    expect(oceania.subregions.map((entry) => entry.subregion.code)).toContain('subregion:australia-and-new-zealand');
    const southAmerica = continents.find((group) => group.continent.code === 'continent:SA')!;
    expect(southAmerica.subregions).toEqual([]);
    expect(southAmerica.countries.map((entry) => entry.code)).toEqual(expect.arrayContaining(['country:AR', 'country:BR', 'country:CL']));
    expect(continents.map((group) => group.continent.code)).not.toContain('continent:AN');
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
