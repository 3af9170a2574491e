import { describe, expect, it } from 'vitest';
import { besidePublished, registerFigure } from './publishedFigures.js';
import { computeTieStatistics, type JapaneseTie, type JapaneseUnit } from './statistics.js';

const units: JapaneseUnit[] = [
  { id: 1, kind: 'prefecture', inCoverage: true, prefectureId: 1 },
  { id: 2, kind: 'city', inCoverage: true, prefectureId: 1 },
  { id: 3, kind: 'city', inCoverage: true, prefectureId: 1 },
];
const tie = (japaneseId: number, partnerId: number, country: string): JapaneseTie => ({
  firstId: japaneseId,
  secondId: partnerId,
  firstCountry: 'JP',
  secondCountry: country,
  label: '',
  status: 'active',
  signedOn: '2000-01-01',
  endedOn: null,
  recordedOn: '2025-01-01',
  sourceKind: 'entry',
  source: 'entered by test',
});

describe('registerFigure', () => {
  const statistics = computeTieStatistics(units, [tie(2, 100, 'US'), tie(2, 101, 'US'), tie(1, 102, 'CN'), tie(2, 3, 'JP')]);

  it('reads the total of international relationships, a country’s, or the LGs of a kind with a partner abroad', () => {
    expect(registerFigure({ scope: 'total', subject: '' }, statistics)).toBe(3);
    expect(registerFigure({ scope: 'country', subject: 'US' }, statistics)).toBe(2);
    expect(registerFigure({ scope: 'country', subject: 'FR' }, statistics)).toBe(0);
    expect(registerFigure({ scope: 'kind', subject: 'city' }, statistics)).toBe(1);
    expect(registerFigure({ scope: 'kind', subject: 'prefecture' }, statistics)).toBe(1);
  });
});

describe('besidePublished', () => {
  it('says the register has fewer when even its undated relationships do not reach the published value', () => {
    expect(besidePublished(1751, 0, 1066)).toEqual({ inForce: 0, withUndated: 1066, difference: { inForce: -1751, withUndated: -685 }, verdict: 'fewer' });
  });

  it('says the register has more when its dated relationships alone pass the published value', () => {
    expect(besidePublished(40, 43, 50).verdict).toBe('more');
  });

  it('says the undated relationships could make up the difference when the value lies between the two figures', () => {
    expect(besidePublished(451, 300, 500)).toMatchObject({ verdict: 'within', difference: { inForce: -151, withUndated: 49 } });
  });

  it('says the same when nothing is undated and the figures agree', () => {
    expect(besidePublished(43, 43, 43).verdict).toBe('same');
  });
});
