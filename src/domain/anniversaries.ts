import type { DatePrecision } from './relationships.js';

/**
 * Whether a relationship of this age (in whole years) has an anniversary worth marking: the first
 * and third, which some celebrate, every fifth up to the thirtieth, then every tenth.
 */
export function isAnniversaryAge(years: number): boolean {
  if (!Number.isInteger(years) || years < 1) return false;
  return years === 1 || years === 3 || (years <= 30 ? years % 5 === 0 : years % 10 === 0);
}

/** The ages with an anniversary from 1 up to `oldest` years, youngest first: 1, 3, 5, 10 … 30, 40 … */
export function anniversaryAgesUpTo(oldest: number): number[] {
  const ages: number[] = [];
  for (let years = 1; years <= oldest; years++) if (isAnniversaryAge(years)) ages.push(years);
  return ages;
}

/** An anniversary in a year: how many years, and when it falls, as precisely as the signing is known. */
export interface Anniversary {
  years: number;
  /**
   * The first day it falls on (YYYY-MM-DD) and the day after its last, as an all-day calendar event
   * gives them: the day of signing where the day is known (29 February on 28 February in a common
   * year), the month where only the month is, the whole year where only the year is.
   */
  startsOn: string;
  endsBefore: string;
  precision: DatePrecision;
}

const isoDay = (year: number, month: number, day: number) => {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.toISOString().slice(0, 10);
};

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The anniversary a relationship signed on a date (YYYY, YYYY-MM or YYYY-MM-DD as stored, with its
 * precision) has in a year, or null when that year marks none. The age is counted by calendar
 * years: a relationship of December 2025 turns 1 in 2026, whatever the precision.
 */
export function anniversaryIn(signedOn: string, precision: DatePrecision, year: number): Anniversary | null {
  const [signedYear, month = 1, day = 1] = signedOn.slice(0, 10).split('-').map(Number) as [number, number?, number?];
  const years = year - signedYear;
  if (!isAnniversaryAge(years)) return null;
  if (precision === 'year') return { years, startsOn: isoDay(year, 1, 1), endsBefore: isoDay(year + 1, 1, 1), precision };
  if (precision === 'month') return { years, startsOn: isoDay(year, month, 1), endsBefore: isoDay(year, month + 1, 1), precision };
  const onDay = Math.min(day, daysInMonth(year, month));
  return { years, startsOn: isoDay(year, month, onDay), endsBefore: isoDay(year, month, onDay + 1), precision };
}
