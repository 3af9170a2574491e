import { describe, expect, it } from 'vitest';
import { computeTieStatistics, type JapaneseUnit } from './statistics.js';

const units: JapaneseUnit[] = [
  { id: 1, kind: 'prefecture', inCoverage: true, prefectureId: 1 },
  { id: 2, kind: 'city', inCoverage: true, prefectureId: 1 },
  { id: 3, kind: 'city', inCoverage: true, prefectureId: 1 },
  { id: 4, kind: 'village', inCoverage: true, prefectureId: 1 },
  { id: 5, kind: 'village', inCoverage: false, prefectureId: 1 },
  { id: 6, kind: 'prefecture', inCoverage: true, prefectureId: 6 },
  { id: 7, kind: 'ward', inCoverage: true, prefectureId: 6 },
];
const tie = (firstId: number, firstCountry: string, secondId: number, secondCountry: string) => ({ firstId, secondId, firstCountry, secondCountry });

describe('computeTieStatistics', () => {
  const stats = computeTieStatistics(units, [
    tie(2, 'JP', 100, 'US'),
    tie(2, 'JP', 101, 'US'),
    tie(102, 'CN', 7, 'JP'),
    tie(2, 'JP', 3, 'JP'),
    tie(5, 'JP', 103, 'RU'),
  ]);

  it('counts domestic ties apart and leaves them out of every international figure', () => {
    expect(stats.totals).toEqual({ international: 4, domestic: 1 });
    expect(stats.byKind.find((row) => row.kind === 'city')).toEqual({ kind: 'city', total: 2, withPartner: 1, coverage: 0.5 });
  });

  it('orders partner countries by count, then by code', () => {
    expect(stats.byCountry).toEqual([
      { country: 'US', count: 2 },
      { country: 'CN', count: 1 },
      { country: 'RU', count: 1 },
    ]);
  });

  it('leaves LGs outside coverage out of the coverage figures', () => {
    expect(stats.byKind.find((row) => row.kind === 'village')).toEqual({ kind: 'village', total: 1, withPartner: 0, coverage: 0 });
  });

  it('counts ties and partnered LGs per prefecture, wards included', () => {
    expect(stats.byPrefecture.get(1)).toEqual({ relationships: 3, localGovernmentsWithPartner: 2 });
    expect(stats.byPrefecture.get(6)).toEqual({ relationships: 1, localGovernmentsWithPartner: 1 });
  });
});
