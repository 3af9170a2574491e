import type { FieldProblem } from '../errors.js';

/** Fields of exchange a relationship may cover. */
export const EXCHANGE_FIELDS = [
  'education_youth',
  'culture_arts',
  'sport',
  'administration',
  'economy_trade',
  'tourism',
  'technical_medical',
  'disaster_support',
  'environment',
  'other',
] as const;
export type ExchangeField = (typeof EXCHANGE_FIELDS)[number];

/** The life of a relationship: proposed, in force, quiet, or ended. */
export const RELATIONSHIP_STATUSES = ['proposed', 'active', 'dormant', 'ended'] as const;
export type RelationshipStatus = (typeof RELATIONSHIP_STATUSES)[number];

/**
 * Where a relationship's record comes from: a register sheet (CLAIR's or a prefecture's), a
 * twin-town pairs file (the Wikipedia lists), a person's entry, or a formation tracker's signing.
 * The relationship's `source` names the particular sheet, file or person.
 */
export const SOURCE_KINDS = ['register', 'pairs', 'entry', 'tracker'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** How precisely a date is known. */
export const DATE_PRECISIONS = ['year', 'month', 'day'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/** A date known to a year, a month or a day, stored as its first day. */
export interface PreciseDate {
  date: string;
  precision: DatePrecision;
}

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

const JAPAN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The day in Japan of a moment, as YYYY-MM-DD: the registry's days are Japanese days. */
export const japanDayOf = (iso: string) => JAPAN_DAY.format(new Date(iso));

/** The earliest year a relationship can carry (the first sister cities date from the 1950s). */
export const EARLIEST_YEAR = 1900;

/**
 * Reads "1955", "1955-12" or "1955-12-07" as a date with its precision.
 * Returns an explanation instead when the text is no real date.
 */
export function parsePartialDate(text: string): PreciseDate | string {
  const parts = PARTIAL_DATE.exec(text);
  if (!parts) return 'write the date as YYYY, YYYY-MM or YYYY-MM-DD';
  const [, year, month, day] = parts;
  const monthNumber = month ? Number(month) : 1;
  const dayNumber = day ? Number(day) : 1;
  if (monthNumber < 1 || monthNumber > 12) return `there is no month ${month}`;
  const asDate = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years below 100 as 19xx.
  asDate.setUTCFullYear(Number(year), monthNumber - 1, dayNumber);
  if (asDate.getUTCMonth() !== monthNumber - 1 || asDate.getUTCDate() !== dayNumber) {
    return `${text} is not a day of the calendar`;
  }
  const precision: DatePrecision = day ? 'day' : month ? 'month' : 'year';
  return { date: asDate.toISOString().slice(0, 10), precision };
}

/** Writes a stored date back at its precision: 1955, 1955-12 or 1955-12-07. */
export function formatPartialDate(date: string, precision: DatePrecision): string {
  return precision === 'year' ? date.slice(0, 4) : precision === 'month' ? date.slice(0, 7) : date.slice(0, 10);
}

export interface RelationshipDates {
  signedOn?: PreciseDate | null;
  endedOn?: string | null;
  fixedTermEnd?: string | null;
  renewals?: { renewedOn: string; newEnd: string }[];
}

/**
 * Checks the dates of a relationship against each other and against today: none before 1900,
 * none signed in the future, no end before the signing, renewals after the signing.
 */
export function checkRelationshipDates(dates: RelationshipDates, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const signed = dates.signedOn?.date ?? null;
  const check = (field: string, value: string | null | undefined, mayBeFuture: boolean) => {
    if (!value) return;
    if (Number(value.slice(0, 4)) < EARLIEST_YEAR) problems.push({ field, message: `must not be before ${EARLIEST_YEAR}` });
    else if (!mayBeFuture && value > today) problems.push({ field, message: `must not be in the future (today is ${today})` });
    else if (signed && value < signed) problems.push({ field, message: `must not be before the signing (${signed})` });
  };
  if (signed) {
    if (Number(signed.slice(0, 4)) < EARLIEST_YEAR) problems.push({ field: 'signedOn', message: `must not be before ${EARLIEST_YEAR}` });
    else if (signed > today) problems.push({ field: 'signedOn', message: `must not be in the future (today is ${today})` });
  }
  check('endedOn', dates.endedOn, false);
  check('fixedTermEnd', dates.fixedTermEnd, true);
  (dates.renewals ?? []).forEach((renewal, index) => {
    check(`renewals[${index}].renewedOn`, renewal.renewedOn, false);
    check(`renewals[${index}].newEnd`, renewal.newEnd, true);
    if (renewal.newEnd < renewal.renewedOn) {
      problems.push({ field: `renewals[${index}].newEnd`, message: 'must not be before the renewal itself' });
    }
  });
  return problems;
}

/**
 * Whether a relationship stays verified after a change by someone who may not verify: a change
 * to its facts makes it that person's claim again, to be checked anew.
 */
export function staysVerified(wasVerified: boolean, changesFacts: boolean, byVerifier: boolean): boolean {
  return wasVerified && (byVerifier || !changesFacts);
}

/** The two parties in stored order (smaller id first), so a pair has one form. */
export function orderedPair(a: number, b: number): [number, number] {
  return a < b ? [a, b] : [b, a];
}

/** Normalises a label for comparison and storage: trimmed, single spaces, lower case. */
export function normaliseLabel(label: string | null | undefined): string {
  return (label ?? '').normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The date to keep when a source gives a date for a relationship already known: the given one,
 * unless it only says less of the same (1989 for a relationship known to date from 12 June 1989).
 * A date that contradicts the known one replaces it; no date leaves the known one.
 */
export function betterDate(known: PreciseDate | null, given: PreciseDate | null): PreciseDate | null {
  if (!given) return known;
  if (!known) return given;
  const length = { year: 4, month: 7, day: 10 } as const;
  const sameSpan = known.date.slice(0, length[given.precision]) === given.date.slice(0, length[given.precision]);
  return sameSpan && length[known.precision] >= length[given.precision] ? known : given;
}
