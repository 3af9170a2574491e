import { anniversaryIn } from './anniversaries.js';

/** The first and last day a date known to a year, a month or a day stands for: 1990 is 1990-01-01 to 1990-12-31. */
export function spanOf(partial: string): { first: string; last: string } {
  const [year, month, day] = partial.split('-');
  if (day) return { first: partial, last: partial };
  if (month) {
    const lastDay = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
    return { first: `${year}-${month}-01`, last: `${year}-${month}-${String(lastDay).padStart(2, '0')}` };
  }
  return { first: `${year}-01-01`, last: `${year}-12-31` };
}

/**
 * The anniversary worth marking (5, 10, 15 … years) that a relationship signed on a date has within
 * a period, if any: on the day of signing in that year where the day is known, else in its month or
 * year, counted when that month or year meets the period. 29 February falls on 28 February in other years.
 */
export function anniversaryWithin(signedOn: string, from: string, to: string): { years: number; on: string } | null {
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    const years = anniversaryIn(signedOn, year);
    if (years === null) continue;
    const on = `${year}${signedOn.slice(4)}`.replace(/-02-29$/, (leap) => (new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1 ? leap : '-02-28'));
    const span = spanOf(on);
    if (span.last >= from && span.first <= to) return { years, on };
  }
  return null;
}

/** The two-month periods of a bi-monthly newsletter: the period of the issue that covers a day. */
export function periodCovering(day: string): { from: string; to: string } {
  const year = Number(day.slice(0, 4));
  const firstMonth = Math.floor((Number(day.slice(5, 7)) - 1) / 2) * 2 + 1;
  return { from: spanOf(`${year}-${String(firstMonth).padStart(2, '0')}`).first, to: spanOf(`${year}-${String(firstMonth + 1).padStart(2, '0')}`).last };
}
