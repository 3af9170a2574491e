import { describe, expect, it } from 'vitest';
import { foldName } from '../domain/names.js';
import { SearchIndex } from './searchIndex.js';

const place = (
  id: number,
  names: string[],
  fields: { country?: string; kind?: string; population?: number | null; designatedCity?: boolean; fullNames?: string[]; alternateNames?: string[] } = {},
) => ({
  id,
  country: fields.country ?? 'JP',
  kind: fields.kind ?? 'city',
  population: fields.population ?? null,
  designatedCity: fields.designatedCity ?? false,
  keys: [...names.map((name) => ({ key: foldName(name), isBase: true })), ...(fields.fullNames ?? []).map((name) => ({ key: foldName(name), isBase: false }))],
  alternateKeys: (fields.alternateNames ?? []).map(foldName),
});

const index = await SearchIndex.build('1', [
  place(1, ['Ibara'], { population: 34_000, fullNames: ['Ibara City'] }),
  place(2, ['Ibaraki'], { kind: 'prefecture' }),
  place(3, ['Ibaraki'], { population: 270_000 }),
  place(4, ['Glasgow'], { country: 'GB', kind: 'municipality', population: 591_620 }),
  place(5, ['Glasgow'], { country: 'US', kind: 'municipality', population: 14_470 }),
  place(6, ['Ōsaka'], { designatedCity: true, population: 2_592_413 }),
  place(7, ['Ōsaka'], { kind: 'prefecture' }),
  place(8, ['Osakarovka'], { country: 'KZ', kind: 'municipality', population: 7_305 }),
  place(9, ['Köln'], { country: 'DE', kind: 'municipality', population: 963_395, alternateNames: ['Cologne', 'ケルン'] }),
  place(10, ['Cologne'], { country: 'FR', kind: 'municipality', population: 728 }),
  place(11, ['Busan'], { country: 'KR', kind: 'municipality', population: 3_678_555, alternateNames: ['Pusan', '釜山'] }),
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

  it('finds a place by an alternate name, exactly or by its beginning, the larger namesake first', () => {
    expect(index.search(foldName('Cologne'), {}, 5).map((hit) => hit.id)).toEqual([9, 10]);
    expect(index.search(foldName('ケルン'), {}, 5).map((hit) => hit.id)).toEqual([9]);
    expect(index.search(foldName('釜山'), {}, 5).map((hit) => hit.id)).toEqual([11]);
    expect(index.search(foldName('Pusa'), {}, 5).map((hit) => hit.id)).toEqual([11]);
  });

  it('does not offer an alternate name as a near spelling', () => {
    expect(index.search(foldName('Pusam'), {}, 5).map((hit) => hit.id)).not.toContain(11);
    expect(index.search(foldName('Busam'), {}, 5).map((hit) => hit.id)).toContain(11);
  });

  it('finds nothing for a name unlike any', () => {
    expect(index.search('zzyzx', {}, 5)).toEqual([]);
  });
});

describe('SearchIndex.build', () => {
  it('gives the event loop turns while it is built, so that other requests are answered meanwhile', async () => {
    let turns = 0;
    let built = false;
    const tick = () => {
      turns++;
      if (!built) setImmediate(tick);
    };
    setImmediate(tick);
    const large = await SearchIndex.build(
      '2',
      Array.from({ length: 5_000 }, (_, i) => place(i + 1, [`Town ${i}`], { country: 'US', kind: 'municipality' })),
    );
    built = true;
    expect(turns).toBeGreaterThan(5);
    expect(large.search(foldName('Town 4321'), {}, 1).map((hit) => hit.id)).toEqual([4322]);
  });
});
