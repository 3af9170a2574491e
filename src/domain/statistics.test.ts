import { describe, expect, it } from 'vitest';
import {
  changeBetween,
  computeTieStatistics,
  computeVitalityStatistics,
  tieCountedExpiredOn,
  countSources,
  growthByYear,
  tieCouldBeInForceOn,
  tieInForceOn,
  tieSignedAwaitingExchange,
  type JapaneseTie,
  type JapaneseUnit,
} from './statistics.js';

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
  recordedOn: '2025-03-10',
  sourceKind: 'pairs',
  source: 'twin_cities.csv',
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
      { country: 'US', count: 2, undated: 2 },
      { country: 'CN', count: 1, undated: 1 },
      { country: 'RU', count: 1, undated: 1 },
    ]);
  });

  it('leaves LGs outside coverage out of the coverage figures', () => {
    expect(stats.byKind.find((row) => row.kind === 'village')).toEqual({ kind: 'village', total: 1, withPartner: 0, coverage: 0 });
  });

  it('counts ties and partnered LGs per prefecture, wards included', () => {
    expect(stats.byPrefecture.get(1)).toEqual({ relationships: 3, undated: 3, localGovernmentsWithPartner: 2 });
    expect(stats.byPrefecture.get(6)).toEqual({ relationships: 1, undated: 1, localGovernmentsWithPartner: 1 });
  });
});

describe('tieInForceOn', () => {
  it('counts a relationship from its signing until its end', () => {
    const fixedTerm = tie(1, 'JP', 2, 'ID', { signedOn: '1997-04-01', endedOn: '2002-03-31' });
    expect(tieInForceOn(fixedTerm, '1997-03-31')).toBe(false);
    expect(tieInForceOn(fixedTerm, '1997-04-01')).toBe(true);
    expect(tieInForceOn(fixedTerm, '2002-03-31')).toBe(false);
    expect(tieInForceOn(tie(1, 'JP', 2, 'US', { status: 'proposed' }), '2026-01-01')).toBe(false);
  });

  it('counts a relationship without a date only from the day its record was made, never in the past', () => {
    const undated = tie(1, 'JP', 2, 'US', { recordedOn: '2025-03-10' });
    expect(tieInForceOn(undated, '1960-01-01')).toBe(false);
    expect(tieInForceOn(undated, '2025-03-09')).toBe(false);
    expect(tieInForceOn(undated, '2025-03-10')).toBe(true);
    expect(tieInForceOn(undated, '2026-01-01')).toBe(true);
  });

  it('goes by the day of signing, not the day of the record, when the date is known', () => {
    const recordedLater = tie(1, 'JP', 2, 'US', { signedOn: '1955-12-07', recordedOn: '2025-03-10' });
    expect(tieInForceOn(recordedLater, '1960-01-01')).toBe(true);
  });

  it('stops counting an undated relationship once it ended, or when it ended at an unknown day', () => {
    expect(tieInForceOn(tie(1, 'JP', 2, 'US', { endedOn: '2025-06-01' }), '2025-06-01')).toBe(false);
    expect(tieInForceOn(tie(1, 'JP', 2, 'US', { status: 'ended' }), '2026-01-01')).toBe(false);
  });
});

describe('tieCouldBeInForceOn', () => {
  it('takes a relationship without a date to have existed at any day before its end, as the most the register could hold', () => {
    const undated = tie(1, 'JP', 2, 'US', { recordedOn: '2025-03-10', endedOn: '2025-06-01' });
    expect(tieCouldBeInForceOn(undated, '1960-01-01')).toBe(true);
    expect(tieCouldBeInForceOn(undated, '2025-06-01')).toBe(false);
    expect(tieCouldBeInForceOn(tie(1, 'JP', 2, 'US', { signedOn: '1990-01-01' }), '1989-12-31')).toBe(false);
    expect(tieCouldBeInForceOn(tie(1, 'JP', 2, 'US', { status: 'proposed' }), '2026-01-01')).toBe(false);
  });
});

describe('changeBetween', () => {
  const month = { before: '2025-02-15', after: '2025-03-15' };

  it('counts relationships signed in the month as new, domestic apart', () => {
    const ties = [tie(2, 'JP', 100, 'US', { signedOn: '2025-03-01' }), tie(2, 'JP', 3, 'JP', { signedOn: '2025-02-20' }), tie(2, 'JP', 101, 'US', { signedOn: '2024-01-01' })];
    expect(changeBetween(ties, month.before, month.after)).toEqual({ international: 1, domestic: 1 });
  });

  it('never counts a relationship without a date as new, though its record was made in the month', () => {
    const ties = [tie(2, 'JP', 100, 'US', { recordedOn: '2025-03-10' }), tie(3, 'JP', 101, 'CN', { recordedOn: '2025-03-11' })];
    // The figures themselves do go up: the two are known to exist from the day they were recorded.
    expect(ties.filter((one) => tieInForceOn(one, month.after))).toHaveLength(2);
    expect(ties.filter((one) => tieInForceOn(one, month.before))).toHaveLength(0);
    expect(changeBetween(ties, month.before, month.after)).toEqual({ international: 0, domestic: 0 });
  });

  it('counts the ending of a relationship, with or without a date of signing', () => {
    const ties = [tie(2, 'JP', 100, 'US', { recordedOn: '2020-01-01', endedOn: '2025-03-01' }), tie(2, 'JP', 101, 'US', { signedOn: '1990-01-01', endedOn: '2025-02-28' })];
    expect(changeBetween(ties, month.before, month.after)).toEqual({ international: -2, domestic: 0 });
  });

  it('counts nothing for a relationship signed and ended within the month', () => {
    expect(changeBetween([tie(2, 'JP', 100, 'US', { signedOn: '2025-02-20', endedOn: '2025-03-01' })], month.before, month.after)).toEqual({ international: 0, domestic: 0 });
  });
});

describe('countSources', () => {
  it('counts the international relationships of each source, register sheets first and the largest first, leaving domestic ones out', () => {
    const ties = [
      tie(2, 'JP', 100, 'US'),
      tie(2, 'JP', 101, 'US'),
      tie(3, 'JP', 102, 'CN', { sourceKind: 'entry', source: 'entered by coordinator@example.org' }),
      tie(3, 'JP', 103, 'KR', { sourceKind: 'register', source: 'CLAIR register, 2024' }),
      tie(3, 'JP', 104, 'KR', { sourceKind: 'tracker', source: 'formation tracker, introduction 12' }),
      tie(2, 'JP', 3, 'JP', { sourceKind: 'entry', source: 'entered by coordinator@example.org' }),
    ];
    expect(countSources(ties)).toEqual([
      { kind: 'register', source: 'CLAIR register, 2024', count: 1 },
      { kind: 'pairs', source: 'twin_cities.csv', count: 2 },
      { kind: 'entry', source: 'entered by coordinator@example.org', count: 1 },
      { kind: 'tracker', source: 'formation tracker, introduction 12', count: 1 },
    ]);
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
      { label: 'sister city', count: 2, undated: 2 },
      { label: 'friendship city', count: 1, undated: 1 },
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

describe('fixed terms in the statistics', () => {
  // Osaka Prefecture and Dubai: three years from October 2002, renewed for three more (CLAIR's FAQ, question 8).
  const renewed = tie(1, 'JP', 100, 'AE', {
    signedOn: '2002-10-01',
    term: { fixedTermEnd: '2008-09-30', renewals: [{ renewedOn: '2005-09-01', newEnd: '2008-09-30', previousEnd: '2005-09-30' }] },
  });
  const lapsed = tie(2, 'JP', 101, 'ID', { signedOn: '1997-04-01', term: { fixedTermEnd: '2002-03-31', renewals: [] } });

  it('count a relationship in force until its term ends, then expired, unless a renewal extended it', () => {
    expect(tieInForceOn(lapsed, '2002-03-31')).toBe(true);
    expect(tieInForceOn(lapsed, '2002-04-01')).toBe(false);
    expect(tieCountedExpiredOn(lapsed, '2002-04-01')).toBe(true);
    expect(tieInForceOn(renewed, '2006-01-01')).toBe(true);
    expect(tieInForceOn(renewed, '2008-10-01')).toBe(false);
    expect(tieCountedExpiredOn(renewed, '2008-10-01')).toBe(true);
  });

  it('never count an expired relationship as one the register could hold, and count its expiry as a change', () => {
    expect(tieCouldBeInForceOn(lapsed, '2003-01-01')).toBe(false);
    expect(changeBetween([lapsed], '2002-03-15', '2002-04-15')).toEqual({ international: -1, domestic: 0 });
  });

  it('count vitality of international relationships by country and by kind, expired ones apart', () => {
    const lastExchange = new Map<JapaneseTie, string>();
    const active = tie(2, 'JP', 102, 'US', { signedOn: '1990-01-01' });
    const quiet = tie(3, 'JP', 103, 'US', { signedOn: '1990-01-01' });
    lastExchange.set(active, '2025-05-01');
    lastExchange.set(quiet, '2019-05-01');
    const stats = computeVitalityStatistics(
      units,
      [active, quiet, lapsed, tie(4, 'JP', 104, 'CN'), tie(2, 'JP', 3, 'JP', { signedOn: '1990-01-01' })],
      (one) => lastExchange.get(one) ?? null,
      '2026-06-15',
      { activeYears: 3, quietYears: 10 },
    );
    expect(stats.totals).toEqual({ active: 1, quiet: 1, 'in-name-only': 0, unrecorded: 1, expired: 1 });
    expect(stats.byCountry[0]).toEqual({ country: 'US', active: 1, quiet: 1, 'in-name-only': 0, unrecorded: 0, expired: 0 });
    expect(stats.byKind.find((row) => row.kind === 'city')).toEqual({ kind: 'city', active: 1, quiet: 1, 'in-name-only': 0, unrecorded: 0, expired: 1 });
    expect(stats.byKind.find((row) => row.kind === 'village')).toMatchObject({ unrecorded: 1 });
  });
});
