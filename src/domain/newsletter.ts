import type { Anniversary } from './anniversaries.js';

/** The last day of a month, as YYYY-MM-DD. */
const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/**
 * Whether an anniversary falls within a period (its first and last day, YYYY-MM-DD): on its day
 * where the signing's day is known, else anywhere in its month or year that meets the period.
 */
export const fallsWithin = (anniversary: Pick<Anniversary, 'startsOn' | 'endsBefore'>, from: string, to: string): boolean => anniversary.startsOn <= to && anniversary.endsBefore > from;

/** The two-month periods of a bi-monthly newsletter: the period of the issue that covers a day. */
export function periodCovering(day: string): { from: string; to: string } {
  const year = Number(day.slice(0, 4));
  const firstMonth = Math.floor((Number(day.slice(5, 7)) - 1) / 2) * 2 + 1;
  return { from: `${year}-${String(firstMonth).padStart(2, '0')}-01`, to: lastDayOf(year, firstMonth + 1) };
}
