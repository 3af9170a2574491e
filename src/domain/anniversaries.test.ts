import { describe, expect, it } from 'vitest';
import { anniversaryAgesUpTo, anniversaryIn, isAnniversaryAge } from './anniversaries.js';

describe('isAnniversaryAge', () => {
  it('marks the first and third years, every fifth up to 30, then every tenth', () => {
    const marked = Array.from({ length: 101 }, (_, years) => years).filter(isAnniversaryAge);
    expect(marked).toEqual([1, 3, 5, 10, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90, 100]);
  });

  it('marks nothing at 0, below it, or between whole years', () => {
    expect(isAnniversaryAge(0)).toBe(false);
    expect(isAnniversaryAge(-5)).toBe(false);
    expect(isAnniversaryAge(2.5)).toBe(false);
    expect(isAnniversaryAge(35)).toBe(false);
    expect(isAnniversaryAge(45)).toBe(false);
  });

  it('lists the ages up to the oldest asked for, the oldest included', () => {
    expect(anniversaryAgesUpTo(40)).toEqual([1, 3, 5, 10, 15, 20, 25, 30, 40]);
    expect(anniversaryAgesUpTo(0)).toEqual([]);
  });
});

describe('anniversaryIn', () => {
  it('falls on the day of signing when the day is known, as a one-day event', () => {
    expect(anniversaryIn('1955-12-07', 'day', 2025)).toEqual({ years: 70, startsOn: '2025-12-07', endsBefore: '2025-12-08', precision: 'day' });
    expect(anniversaryIn('2001-04-01', 'day', 2026)).toMatchObject({ years: 25, startsOn: '2026-04-01' });
  });

  it('counts by calendar years: signed on the last day of a year, one year old the next year', () => {
    expect(anniversaryIn('2025-12-31', 'day', 2026)).toEqual({ years: 1, startsOn: '2026-12-31', endsBefore: '2027-01-01', precision: 'day' });
    expect(anniversaryIn('2025-01-01', 'day', 2026)).toMatchObject({ years: 1, startsOn: '2026-01-01' });
    expect(anniversaryIn('2023-06-15', 'day', 2026)).toMatchObject({ years: 3 });
  });

  it('marks nothing in the year of signing, before it, or in a year without an anniversary', () => {
    expect(anniversaryIn('2026-01-01', 'day', 2026)).toBeNull();
    expect(anniversaryIn('2026-01-01', 'day', 2025)).toBeNull();
    expect(anniversaryIn('2024-05-05', 'day', 2026)).toBeNull();
    expect(anniversaryIn('1991-04-01', 'day', 2026)).toBeNull();
  });

  it('gives a relationship dated by its month the whole month', () => {
    expect(anniversaryIn('1996-04-01', 'month', 2026)).toEqual({ years: 30, startsOn: '2026-04-01', endsBefore: '2026-05-01', precision: 'month' });
    expect(anniversaryIn('1976-12-01', 'month', 2026)).toEqual({ years: 50, startsOn: '2026-12-01', endsBefore: '2027-01-01', precision: 'month' });
    expect(anniversaryIn('1997-04-01', 'month', 2026)).toBeNull();
  });

  it('gives a relationship dated only by its year the whole year', () => {
    expect(anniversaryIn('1986-01-01', 'year', 2026)).toEqual({ years: 40, startsOn: '2026-01-01', endsBefore: '2027-01-01', precision: 'year' });
    expect(anniversaryIn('1986', 'year', 2026)).toMatchObject({ years: 40 });
    expect(anniversaryIn('1987-01-01', 'year', 2026)).toBeNull();
  });

  it('keeps 29 February on 28 February in a common year, and on the 29th in a leap year', () => {
    expect(anniversaryIn('2000-02-29', 'day', 2025)).toMatchObject({ years: 25, startsOn: '2025-02-28', endsBefore: '2025-03-01' });
    expect(anniversaryIn('1996-02-29', 'day', 2026)).toMatchObject({ years: 30, startsOn: '2026-02-28' });
    expect(anniversaryIn('1984-02-29', 'day', 2024)).toMatchObject({ years: 40, startsOn: '2024-02-29', endsBefore: '2024-03-01' });
  });
});
