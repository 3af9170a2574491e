import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { loadCountries } from '../reference/countries.js';
import { createCountryNormaliser } from './countryNames.js';

const DATA_DIR = '../shared/data/wikipedia-twin-cities';

function readRows(file: string): Record<string, string>[] {
  return parse(readFileSync(`${DATA_DIR}/${file}`), { columns: true, skip_empty_lines: true });
}

const normalise = createCountryNormaliser(loadCountries(), (country, qualifier) =>
  country === 'US' && qualifier === 'Ohio' ? ['OH'] : country === 'US' && qualifier === 'Georgia' ? ['GA'] : [],
);

describe('createCountryNormaliser', () => {
  it('reads English names, aliases and former names', () => {
    const cases: [string, string][] = [
      ['United States', 'US'],
      ['USA', 'US'],
      ['UK', 'GB'],
      ['Russia', 'RU'],
      ['South Korea', 'KR'],
      ['Republic of Korea', 'KR'],
      ['Korea, Republic of', 'KR'],
      ['Czech Republic', 'CZ'],
      ['Czechia', 'CZ'],
      ['Ivory Coast', 'CI'],
      ["Côte d'Ivoire", 'CI'],
      ['Macedonia', 'MK'],
      ['North Macedonia', 'MK'],
      ['Swaziland', 'SZ'],
      ['Eswatini', 'SZ'],
      ['Burma', 'MM'],
      ['Cape Verde', 'CV'],
      ['East Timor', 'TL'],
      ['Vatican City', 'VA'],
      ['Palestine', 'PS'],
      ['West Bank', 'PS'],
      ['Taiwan', 'TW'],
      ['Kosovo', 'XK'],
      ['Moldavia', 'MD'],
      ['Republic of Ireland', 'IE'],
      ['Congo', 'CG'],
      ['Democratic Republic of the Congo', 'CD'],
      ['Federated States of Micronesia', 'FM'],
      ['The Gambia', 'GM'],
      ['Trinidad & Tobago', 'TT'],
      ['St. Kitts and Nevis', 'KN'],
    ];
    for (const [raw, code] of cases) expect(normalise(raw), raw).toEqual({ country: code });
  });

  it('reads the Japanese names of register sheets, official and short', () => {
    for (const [name, code] of [
      ['アメリカ合衆国', 'US'],
      ['米国', 'US'],
      ['中華人民共和国', 'CN'],
      ['中国', 'CN'],
      ['韓国', 'KR'],
      ['英国', 'GB'],
      ['豪州', 'AU'],
      ['ロシア', 'RU'],
    ] as const) {
      expect(normalise(name)?.country, name).toBe(code);
    }
  });

  it('reads Georgia as the country in a country column', () => {
    expect(normalise('Georgia')).toEqual({ country: 'GE' });
    expect(normalise('Georgia (country)')).toEqual({ country: 'GE' });
    expect(normalise('Georgia, United States')).toEqual({ country: 'US', admin1: 'GA' });
  });

  it('keeps the UK constituent countries as constituent and admin1', () => {
    expect(normalise('Scotland')).toEqual({ country: 'GB', constituent: 'Scotland', admin1: 'SCT' });
    expect(normalise('England, United Kingdom')).toEqual({ country: 'GB', constituent: 'England', admin1: 'ENG' });
    expect(normalise('Wales')).toMatchObject({ admin1: 'WLS' });
    expect(normalise('Northern Ireland, United Kingdom')).toMatchObject({ admin1: 'NIR' });
  });

  it('reads "Region, Country" and "Territory, Country"', () => {
    expect(normalise('Ohio, United States')).toEqual({ country: 'US', admin1: 'OH' });
    expect(normalise('Brandenburg, Germany')).toEqual({ country: 'DE' });
    expect(normalise('Guadeloupe, France')).toEqual({ country: 'GP' });
    expect(normalise('Åland Islands, Finland')).toEqual({ country: 'AX' });
    expect(normalise('Luxembourg, Belgium')).toEqual({ country: 'BE' });
  });

  it('ignores case, diacritics, quotes and footnotes, and forgives one slip in a long name', () => {
    expect(normalise('  SAO TOME AND PRINCIPE ')).toEqual({ country: 'ST' });
    expect(normalise('"Japan"[1]')).toEqual({ country: 'JP' });
    expect(normalise('Kazakhstah')).toEqual({ country: 'KZ' });
    expect(normalise('Japa')).toEqual({ country: 'JP' });
    expect(normalise('Bali')).toBeNull();
    expect(normalise('Yugoslavia')).toBeNull();
  });

  it('normalises every distinct country string in both twin-town files', () => {
    // Five rows leave the country empty and put it in the city column instead ("Varna, Bulgaria",
    // "American Samoa", "Falkland Islands"): an empty string names no country.
    const namesNoCountry = new Set(['']);
    const seen = new Set<string>();
    const cityWhenEmpty = new Set<string>();
    for (const file of ['twin_cities.csv', 'twin_cities_raw.csv']) {
      for (const row of readRows(file)) {
        for (const side of ['1', '2']) {
          const country = row[`country${side}`] ?? '';
          seen.add(country);
          if (country.trim() === '') cityWhenEmpty.add(row[`city${side}`] ?? '');
        }
      }
    }
    const failures = [...seen].filter((raw) => !namesNoCountry.has(raw) && normalise(raw) === null);
    expect(failures).toEqual([]);
    expect(seen.size).toBeGreaterThan(200);
    for (const raw of namesNoCountry) expect(normalise(raw)).toBeNull();
    // Where the country is empty, the city column itself names a country or ends with one.
    for (const city of cityWhenEmpty) expect(normalise(city), city).not.toBeNull();
  });
});
