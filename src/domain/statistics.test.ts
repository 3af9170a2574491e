import { describe, expect, it } from 'vitest';
import { computeTieStatistics, growthByYear, tieInForceOn, tieSignedAwaitingExchange, type JapaneseTie, type JapaneseUnit } from './statistics.js';

const units: JapaneseUnit[] = [
  { id: 1, kind: 'prefecture', inCoverage: true, prefectureId: 1 },
  { id: 2, kind: 'city', inCoverage: true, prefectureId: 1 },
  { id: 3, kind: 'city', inCoverage: true, prefectureId: 1 },
  { id: 4, kind: 'village', inCoverage: true, prefectureId: 1 },
  { id: 5, kind: 'village', inCoverage: false, prefectureId: 1 },
  { id: 6, kind: 'prefecture', inCoverage: true, prefectureId: 6 },
  { id: 7, kind: 'ward', inCoverage: true, prefectureId: 6 },
];
const tie = (firstId: number, firstCountry: string, secondId: number, secondCountry: string, extra: Partial<JapaneseTie> = {}): JapaneseTie => ({
  firstId,
  secondId,
  firstCountry,
  secondCountry,
  label: '',
  status: 'active',
  signedOn: null,
  endedOn: null,
  ...extra,
});

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

describe('tieInForceOn', () => {
  it('counts a relationship from its signing until its end, and one of unknown date always', () => {
    const fixedTerm = tie(1, 'JP', 2, 'ID', { signedOn: '1997-04-01', endedOn: '2002-03-31' });
    expect(tieInForceOn(fixedTerm, '1997-03-31')).toBe(false);
    expect(tieInForceOn(fixedTerm, '1997-04-01')).toBe(true);
    expect(tieInForceOn(fixedTerm, '2002-03-31')).toBe(false);
    expect(tieInForceOn(tie(1, 'JP', 2, 'US'), '1950-01-01')).toBe(true);
    expect(tieInForceOn(tie(1, 'JP', 2, 'US', { status: 'proposed' }), '2026-01-01')).toBe(false);
  });
});

describe('growthByYear', () => {
  const ties = [
    tie(1, 'JP', 100, 'US', { signedOn: '1955-12-07' }),
    tie(2, 'JP', 101, 'US', { signedOn: '1957-05-01' }),
    tie(3, 'JP', 102, 'CN', { signedOn: '1957-10-01', endedOn: '1958-06-30' }),
    tie(4, 'JP', 5, 'JP', { signedOn: '1956-01-01' }),
    tie(6, 'JP', 103, 'KR'),
  ];

  it('counts signings per year and those in force at each year end, international and dated only', () => {
    const { years } = growthByYear(ties, 1955, 1958);
    expect(years).toEqual([
      { year: 1955, signed: 1, inForce: 1 },
      { year: 1956, signed: 0, inForce: 1 },
      { year: 1957, signed: 2, inForce: 3 },
      { year: 1958, signed: 0, inForce: 2 },
    ]);
    expect(computeTieStatistics(units, ties).undated).toBe(1);
  });

  it('marks the first relationship', () => {
    expect(growthByYear(ties, 1955, 1958).milestones).toEqual([{ ordinal: 1, signedOn: '1955-12-07', tieIndex: 0 }]);
  });

  it('counts labels of international relationships', () => {
    const stats = computeTieStatistics(units, [tie(2, 'JP', 100, 'US', { label: 'sister city' }), tie(3, 'JP', 101, 'CN', { label: 'friendship city' }), tie(2, 'JP', 102, 'US', { label: 'sister city' })]);
    expect(stats.byLabel).toEqual([
      { label: 'sister city', count: 2 },
      { label: 'friendship city', count: 1 },
    ]);
  });
});

describe('tieSignedAwaitingExchange', () => {
  it('holds a proposed relationship signed on or before the day, which is not in force', () => {
    const signed = tie(1, 'JP', 2, 'US', { status: 'proposed', signedOn: '2026-11-20' });
    expect(tieSignedAwaitingExchange(signed, '2026-11-20')).toBe(true);
    expect(tieInForceOn(signed, '2026-11-20')).toBe(false);
    expect(tieSignedAwaitingExchange(signed, '2026-11-19')).toBe(false);
  });

  it('does not hold a proposal without a day of signing, an active relationship, or an ended one', () => {
    expect(tieSignedAwaitingExchange(tie(1, 'JP', 2, 'US', { status: 'proposed' }), '2026-11-20')).toBe(false);
    expect(tieSignedAwaitingExchange(tie(1, 'JP', 2, 'US', { signedOn: '2026-01-01' }), '2026-11-20')).toBe(false);
    expect(tieSignedAwaitingExchange(tie(1, 'JP', 2, 'US', { status: 'proposed', signedOn: '2026-01-01', endedOn: '2026-06-01' }), '2026-11-20')).toBe(false);
  });
});
