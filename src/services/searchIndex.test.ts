import { describe, expect, it } from 'vitest';
import { foldName } from '../domain/names.js';
import { SearchIndex } from './searchIndex.js';

const row = (id: number, name: string, fields: { country?: string; kind?: string; population?: number | null; designatedCity?: boolean; isBase?: boolean } = {}) => ({
  id,
  key: foldName(name),
  isBase: fields.isBase ?? true,
  country: fields.country ?? 'JP',
  kind: fields.kind ?? 'city',
  population: fields.population ?? null,
  designatedCity: fields.designatedCity ?? false,
});

const index = new SearchIndex('1', [
  row(1, 'Ibara', { population: 34_000 }),
  row(1, 'Ibara City', { isBase: false }),
  row(2, 'Ibaraki', { kind: 'prefecture' }),
  row(3, 'Ibaraki', { population: 270_000 }),
  row(4, 'Glasgow', { country: 'GB', kind: 'municipality', population: 591_620 }),
  row(5, 'Glasgow', { country: 'US', kind: 'municipality', population: 14_470 }),
  row(6, 'Ōsaka', { designatedCity: true, population: 2_592_413 }),
  row(7, 'Ōsaka', { kind: 'prefecture' }),
  row(8, 'Osakarovka', { country: 'KZ', kind: 'municipality', population: 7_305 }),
]);

describe('SearchIndex', () => {
  it('puts the exact name before longer names that start with it', () => {
    expect(index.search('ibara', {}, 5).map((hit) => hit.id)).toEqual([1, 2, 3]);
  });

  it('finds a name with a typo, the larger namesake first', () => {
    expect(index.search(foldName('Glasgo'), {}, 5).map((hit) => hit.id)).toEqual([4, 5]);
  });

  it('ranks a designated city and a prefecture before a small place', () => {
    expect(index.search('osaka', {}, 5).map((hit) => hit.id)).toEqual([6, 7, 8]);
  });

  it('filters by country and kind', () => {
    expect(index.search('glasgow', { country: 'US' }, 5).map((hit) => hit.id)).toEqual([5]);
    expect(index.search('ibaraki', { kind: 'prefecture' }, 5).map((hit) => hit.id)).toEqual([2]);
  });

  it('finds nothing for a name unlike any', () => {
    expect(index.search('zzyzx', {}, 5)).toEqual([]);
  });
});
