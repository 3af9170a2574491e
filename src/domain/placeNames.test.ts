import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { foldName } from './names.js';
import { nameVariants, parsePlaceName } from './placeNames.js';

describe('parsePlaceName', () => {
  it('reads a bracketed or comma qualifier', () => {
    expect(parsePlaceName('Setagaya (Tokyo)')).toEqual({ name: 'Setagaya', qualifiers: ['Tokyo'] });
    expect(parsePlaceName('Bayside, New South Wales')).toEqual({ name: 'Bayside', qualifiers: ['New South Wales'] });
    expect(parsePlaceName('Saint Paul, Minnesota')).toEqual({ name: 'Saint Paul', qualifiers: ['Minnesota'] });
    expect(parsePlaceName('Washington, D.C.')).toEqual({ name: 'Washington', qualifiers: ['D.C.'] });
    expect(parsePlaceName('Lagoa, Azores')).toEqual({ name: 'Lagoa', qualifiers: ['Azores'] });
    expect(parsePlaceName('Halle (Saale)')).toEqual({ name: 'Halle', qualifiers: ['Saale'] });
  });

  it('reads "City – District" as the district in its city', () => {
    expect(parsePlaceName('Seoul – Gangnam')).toEqual({ name: 'Gangnam', qualifiers: ['Seoul'] });
    expect(parsePlaceName('Tokyo – Setagaya')).toEqual({ name: 'Setagaya', qualifiers: ['Tokyo'] });
    expect(parsePlaceName('Vienna 9 – Alsergrund')).toEqual({ name: 'Alsergrund', qualifiers: ['Vienna 9'] });
    // With a bracket the dash belongs to the district's own name.
    expect(parsePlaceName('Podsused – Vrapče (Zagreb)')).toEqual({ name: 'Podsused – Vrapče', qualifiers: ['Zagreb'] });
  });

  it('keeps several qualifiers, most specific first', () => {
    expect(parsePlaceName('Brooklyn (New York), New York')).toEqual({
      name: 'Brooklyn',
      qualifiers: ['New York', 'New York'],
    });
    expect(parsePlaceName('Mitte (Berlin), Germany')).toEqual({ name: 'Mitte', qualifiers: ['Berlin', 'Germany'] });
  });

  it('keeps words that say what kind of unit it is apart from the qualifiers', () => {
    expect(parsePlaceName('Świdnica (rural gmina)')).toEqual({ name: 'Świdnica', qualifiers: [], kind: 'rural gmina' });
    expect(parsePlaceName('Siegen-Wittgenstein (district)')).toEqual({
      name: 'Siegen-Wittgenstein',
      qualifiers: [],
      kind: 'district',
    });
    expect(parsePlaceName('Trittau (Amt)')).toMatchObject({ name: 'Trittau', kind: 'Amt' });
    expect(parsePlaceName('Victoria (state)')).toMatchObject({ name: 'Victoria', kind: 'state' });
  });

  it('strips footnote marks, stray quotes and spaces but keeps apostrophes', () => {
    expect(parsePlaceName('  Sakai [1] ')).toEqual({ name: 'Sakai', qualifiers: [] });
    expect(parsePlaceName('"Rjukan"[note 2]')).toEqual({ name: 'Rjukan', qualifiers: [] });
    expect(parsePlaceName("'s-Hertogenbosch")).toEqual({ name: "'s-Hertogenbosch", qualifiers: [] });
    expect(parsePlaceName("St. John's")).toEqual({ name: "St. John's", qualifiers: [] });
    expect(parsePlaceName('Biel/Bienne')).toEqual({ name: 'Biel/Bienne', qualifiers: [] });
  });
});

describe('parsePlaceName on the twin-town file', () => {
  it('leaves a bare name and clean qualifiers for every city', () => {
    const rows: Record<string, string>[] = parse(
      readFileSync('../shared/data/wikipedia-twin-cities/twin_cities_raw.csv'),
      { columns: true, skip_empty_lines: true },
    );
    const problems: string[] = [];
    for (const row of rows) {
      for (const raw of [row.city1 ?? '', row.city2 ?? '']) {
        const { name, qualifiers } = parsePlaceName(raw);
        const parts = [name, ...qualifiers];
        if (name.length === 0 || parts.some((part) => /[(),[\]"]|^\s|\s$/.test(part) || part.length === 0)) {
          problems.push(raw);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('nameVariants', () => {
  it('puts the plain folded name first', () => {
    expect(nameVariants('Ōsaka')[0]).toBe('osaka');
    expect(nameVariants('Kraków')).toContain('krakow');
  });

  it('spells Saint, Fort and Mount every way', () => {
    for (const name of ['St. Petersburg', 'Saint Petersburg', 'Sankt Petersburg']) {
      expect(nameVariants(name)).toEqual(
        expect.arrayContaining(['saint petersburg', 'st petersburg', 'sankt petersburg']),
      );
    }
    expect(nameVariants('Ft. Lauderdale')).toContain('fort lauderdale');
    expect(nameVariants('Fort Myers')).toContain('ft myers');
    expect(nameVariants('Mt. Vernon')).toContain(foldName('Mount Vernon'));
    expect(nameVariants('Mount Hagen')).toContain('mt hagen');
    expect(nameVariants('Sault Ste. Marie')).toContain('sault sainte marie');
  });

  it('drops Japanese and English unit words', () => {
    expect(nameVariants('Setagaya-ku')).toContain('setagaya');
    expect(nameVariants('Setagaya Ward')).toContain('setagaya');
    expect(nameVariants('Ibara-shi')).toContain('ibara');
    expect(nameVariants('Ibara City')).toContain('ibara');
    expect(nameVariants('Kochi Prefecture')).toContain('kochi');
    expect(nameVariants('Kōchi-ken')).toContain('kochi');
    expect(nameVariants('Karuizawa-machi')).toContain('karuizawa');
    expect(nameVariants('City of Sydney')).toContain('sydney');
    expect(nameVariants('Quebec City')).toContain('quebec');
  });

  it('reads either half of a bilingual name, joined hyphenated names and Hepburn m', () => {
    expect(nameVariants('Biel/Bienne')).toEqual(expect.arrayContaining(['biel', 'bienne']));
    expect(nameVariants('Nasu-Shiobara')).toContain('nasushiobara');
    expect(nameVariants('Halle (Saale)')).toContain('halle');
    expect(nameVariants('Gumma')).toContain('gunma');
    expect(nameVariants('Duesseldorf')).toContain(nameVariants('Düsseldorf')[0]);
  });

  it('does not strip a unit word that is the whole name', () => {
    expect(nameVariants('Town')).toEqual(['town']);
  });
});
