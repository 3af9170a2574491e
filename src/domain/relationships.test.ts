import { describe, expect, it } from 'vitest';
import { betterDate, checkRelationshipDates, formatPartialDate, normaliseLabel, orderedPair, parsePartialDate, staysVerified } from './relationships.js';

describe('parsePartialDate', () => {
  it('reads a year, a month or a day with its precision', () => {
    expect(parsePartialDate('1955')).toEqual({ date: '1955-01-01', precision: 'year' });
    expect(parsePartialDate('1955-12')).toEqual({ date: '1955-12-01', precision: 'month' });
    expect(parsePartialDate('1997-04-15')).toEqual({ date: '1997-04-15', precision: 'day' });
  });

  it('explains dates that are not on the calendar or not dates at all', () => {
    expect(parsePartialDate('2001-02-29')).toBe('2001-02-29 is not a day of the calendar');
    expect(parsePartialDate('1955-13')).toBe('there is no month 13');
    expect(parsePartialDate('Dec 1955')).toBe('write the date as YYYY, YYYY-MM or YYYY-MM-DD');
    expect(parsePartialDate('2000-02-29')).toEqual({ date: '2000-02-29', precision: 'day' });
  });

  it('writes a date back at its precision', () => {
    expect(formatPartialDate('1955-12-01', 'month')).toBe('1955-12');
    expect(formatPartialDate('1955-12-01', 'year')).toBe('1955');
    expect(formatPartialDate('1955-12-07', 'day')).toBe('1955-12-07');
  });
});

describe('checkRelationshipDates', () => {
  const today = '2026-11-21';
  const signed = { date: '1997-04-01', precision: 'month' as const };

  it('accepts a fixed term with a renewal after the signing', () => {
    expect(checkRelationshipDates({ signedOn: signed, fixedTermEnd: '2007-03-31', renewals: [{ renewedOn: '2002-03-31', newEnd: '2007-03-31' }] }, today)).toEqual([]);
  });

  it('refuses dates before 1900 and signings in the future', () => {
    expect(checkRelationshipDates({ signedOn: { date: '1899-12-31', precision: 'day' } }, today)).toEqual([{ field: 'signedOn', message: 'must not be before 1900' }]);
    expect(checkRelationshipDates({ signedOn: { date: '2027-01-01', precision: 'year' } }, today)).toEqual([
      { field: 'signedOn', message: 'must not be in the future (today is 2026-11-21)' },
    ]);
  });

  it('refuses an end before the signing, but lets a fixed term end in the future', () => {
    expect(checkRelationshipDates({ signedOn: signed, endedOn: '1990-01-01' }, today)).toEqual([
      { field: 'endedOn', message: 'must not be before the signing (1997-04-01)' },
    ]);
    expect(checkRelationshipDates({ signedOn: signed, endedOn: '2030-01-01' }, today)[0]?.field).toBe('endedOn');
    expect(checkRelationshipDates({ signedOn: signed, fixedTermEnd: '2030-01-01' }, today)).toEqual([]);
  });

  it('refuses a renewal whose new end comes before it', () => {
    expect(checkRelationshipDates({ signedOn: signed, renewals: [{ renewedOn: '2002-03-31', newEnd: '2001-03-31' }] }, today)).toEqual([
      { field: 'renewals[0].newEnd', message: 'must not be before the renewal itself' },
    ]);
  });
});

describe('pairs and labels', () => {
  it('orders a pair smaller id first and normalises labels', () => {
    expect(orderedPair(9, 4)).toEqual([4, 9]);
    expect(normaliseLabel('  Sister   City ')).toBe('sister city');
    expect(normaliseLabel(undefined)).toBe('');
  });
});

describe('parsePartialDate with early years', () => {
  it('keeps a year below 100 as written, for the 1900 rule to refuse', () => {
    expect(parsePartialDate('0055')).toEqual({ date: '0055-01-01', precision: 'year' });
    expect(checkRelationshipDates({ signedOn: { date: '0055-01-01', precision: 'year' } }, '2026-11-21')[0]?.message).toBe('must not be before 1900');
  });
});

describe('betterDate', () => {
  const day = { date: '1989-06-12', precision: 'day' } as const;
  const year = { date: '1989-01-01', precision: 'year' } as const;

  it('takes a date where none was known, and keeps the known one when none is given', () => {
    expect(betterDate(null, year)).toEqual(year);
    expect(betterDate(day, null)).toEqual(day);
  });

  it('keeps a more precise date that the given one agrees with, and takes a more precise one', () => {
    expect(betterDate(day, year)).toEqual(day);
    expect(betterDate(year, day)).toEqual(day);
  });

  it('replaces a date that the given one contradicts', () => {
    const other = { date: '1990-01-01', precision: 'year' } as const;
    expect(betterDate(day, other)).toEqual(other);
  });
});

describe('staysVerified', () => {
  it('keeps a verification through a coordinator’s change and through a change of nothing but the verification', () => {
    expect(staysVerified(true, true, true)).toBe(true);
    expect(staysVerified(true, false, false)).toBe(true);
  });

  it('makes a verified relationship a claim again when someone who may not verify changes its facts', () => {
    expect(staysVerified(true, true, false)).toBe(false);
  });

  it('never verifies what was not verified', () => {
    expect(staysVerified(false, true, true)).toBe(false);
    expect(staysVerified(false, false, false)).toBe(false);
  });
});
