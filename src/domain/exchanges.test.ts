import { describe, expect, it } from 'vitest';
import { checkExchange, lastDayOfExchange, type ExchangeFacts } from './exchanges.js';

const TODAY = '2026-06-15';
const RELATIONSHIP = { parties: [10, 20] as const, signedOn: '1990-04-01', endedOn: null };
const exchange = (over: Partial<ExchangeFacts>): ExchangeFacts => ({
  startedOn: '2024-07-20',
  endedOn: '2024-07-28',
  direction: 'visit',
  visitorId: 10,
  description: { en: 'Eight pupils stayed with families.', ja: '' },
  ...over,
});
const fields = (problems: { field: string }[]) => problems.map((problem) => problem.field);

describe('checkExchange', () => {
  it('accepts a visit by a party, within the relationship’s life', () => {
    expect(checkExchange(exchange({}), RELATIONSHIP, TODAY)).toEqual([]);
    expect(checkExchange(exchange({ startedOn: TODAY, endedOn: null }), RELATIONSHIP, TODAY)).toEqual([]);
  });

  it('refuses an exchange before the signing day, naming the day', () => {
    expect(checkExchange(exchange({ startedOn: '1990-03-31', endedOn: null }), RELATIONSHIP, TODAY)).toEqual([
      { field: 'startedOn', message: 'must not be before the relationship was signed (1990-04-01)' },
    ]);
    // Signed in 1990 (a year only): any day of 1990 will do.
    expect(checkExchange(exchange({ startedOn: '1990-01-01', endedOn: null }), { ...RELATIONSHIP, signedOn: '1990-01-01' }, TODAY)).toEqual([]);
  });

  it('refuses an exchange in the future, or one whose period ends in the future or before it starts', () => {
    expect(fields(checkExchange(exchange({ startedOn: '2026-06-16', endedOn: null }), RELATIONSHIP, TODAY))).toEqual(['startedOn']);
    expect(fields(checkExchange(exchange({ startedOn: TODAY, endedOn: '2026-06-20' }), RELATIONSHIP, TODAY))).toEqual(['endedOn']);
    expect(checkExchange(exchange({ endedOn: '2024-07-19' }), RELATIONSHIP, TODAY)).toEqual([{ field: 'endedOn', message: 'must not be before the first day (2024-07-20)' }]);
  });

  it('refuses an exchange after the relationship ended, or before 1900', () => {
    expect(fields(checkExchange(exchange({}), { ...RELATIONSHIP, endedOn: '2020-03-31' }, TODAY))).toEqual(['startedOn', 'endedOn']);
    expect(fields(checkExchange(exchange({ startedOn: '1899-12-31', endedOn: null }), { ...RELATIONSHIP, signedOn: null }, TODAY))).toEqual(['startedOn']);
  });

  it('wants the visiting party for a visit, one of the two, and none otherwise', () => {
    expect(fields(checkExchange(exchange({ visitorId: null }), RELATIONSHIP, TODAY))).toEqual(['visitorId']);
    expect(checkExchange(exchange({ visitorId: 30 }), RELATIONSHIP, TODAY)[0]?.message).toBe('must be one of the two parties (10 or 20)');
    expect(fields(checkExchange(exchange({ direction: 'remote', visitorId: 10 }), RELATIONSHIP, TODAY))).toEqual(['visitorId']);
    expect(checkExchange(exchange({ direction: 'mutual', visitorId: null }), RELATIONSHIP, TODAY)).toEqual([]);
  });

  it('wants a description in at least one language', () => {
    expect(fields(checkExchange(exchange({ description: { en: ' ', ja: '' } }), RELATIONSHIP, TODAY))).toEqual(['description']);
    expect(checkExchange(exchange({ description: { en: '', ja: '中学生8名がホームステイ' } }), RELATIONSHIP, TODAY)).toEqual([]);
  });
});

describe('lastDayOfExchange', () => {
  it('counts an exchange by its last day, never past the day asked for, and not at all before it began', () => {
    expect(lastDayOfExchange({ startedOn: '2024-07-20', endedOn: '2024-07-28' }, TODAY)).toBe('2024-07-28');
    expect(lastDayOfExchange({ startedOn: '2024-07-20', endedOn: null }, TODAY)).toBe('2024-07-20');
    expect(lastDayOfExchange({ startedOn: '2024-07-20', endedOn: '2024-07-28' }, '2024-07-22')).toBe('2024-07-22');
    expect(lastDayOfExchange({ startedOn: '2024-07-20', endedOn: null }, '2024-07-19')).toBeNull();
  });
});
