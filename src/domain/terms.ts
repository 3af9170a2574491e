import type { FieldProblem } from '../errors.js';

/** A renewal of a fixed term: the day it was agreed, the new end, and the end it extended (null when not recorded). */
export interface Renewal {
  renewedOn: string;
  newEnd: string;
  previousEnd?: string | null;
}

/** A relationship's fixed term: the end of its current term and the renewals that led to it. */
export interface Term {
  /** The last day of the current term; null for a relationship without a fixed term. */
  fixedTermEnd: string | null;
  renewals: readonly Renewal[];
}

/** How many days before a term's end its officers and the coordinators are told: first 90, then 30. */
export const TERM_NOTICE_DAYS = [90, 30] as const;
export type TermNoticeDays = (typeof TERM_NOTICE_DAYS)[number];

const byRenewalDay = (a: Renewal, b: Renewal) => a.renewedOn.localeCompare(b.renewedOn) || a.newEnd.localeCompare(b.newEnd);

/**
 * The last day of the term in force on a day, as was known then: the new end of the last renewal
 * agreed by then; before the first renewal, the end it extended (or, when that was not recorded,
 * at least the day of that renewal, for the term was still running when it was renewed); without
 * renewals, the current end. Null for a relationship without a fixed term.
 * @example termEndOn({ fixedTermEnd: '2007-03-31', renewals: [{ renewedOn: '2002-03-01', newEnd: '2007-03-31', previousEnd: '2002-03-31' }] }, '2001-01-01') // '2002-03-31'
 */
export function termEndOn(term: Term, day: string): string | null {
  if (term.renewals.length === 0) return term.fixedTermEnd;
  const renewals = [...term.renewals].sort(byRenewalDay);
  const agreed = renewals.filter((renewal) => renewal.renewedOn <= day).at(-1);
  if (agreed) return agreed.newEnd;
  const first = renewals[0]!;
  return first.previousEnd ?? first.renewedOn;
}

/** Expired on a day: its term in force then ended before that day, and no renewal had extended it. */
export function termExpiredOn(term: Term, day: string): boolean {
  const end = termEndOn(term, day);
  return end !== null && end < day;
}

/** Whole days from one day to a later one (negative when it is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The notice a term's end calls for on a day: 30 when it ends within 30 days (today included), 90
 * when within 90, none otherwise or once it has ended.
 */
export function termNoticeOn(end: string | null, day: string): TermNoticeDays | null {
  if (end === null) return null;
  const days = daysBetween(day, end);
  if (days < 0) return null;
  return days <= 30 ? 30 : days <= 90 ? 90 : null;
}

/** The chain of ends renewals extended, in order of renewal: each renewal extended the end the one before it set. */
export function withPreviousEnds(renewals: readonly { renewedOn: string; newEnd: string }[]): Renewal[] {
  return [...renewals].sort(byRenewalDay).map((renewal, index, sorted) => ({ ...renewal, previousEnd: index === 0 ? null : sorted[index - 1]!.newEnd }));
}

/**
 * A relationship's renewals given again whole (PATCH with `renewals`), against those recorded: a
 * renewal given as it was (the same day and new end) is the one recorded, and keeps who recorded it
 * and the end it extended; the others are new, chained as withPreviousEnds chains them; recorded
 * ones not given again are dropped.
 */
export function renewalsGivenWhole<R extends Renewal>(recorded: readonly R[], given: readonly { renewedOn: string; newEnd: string }[]): { kept: R[]; added: Renewal[] } {
  const unmatched = [...recorded];
  const kept: R[] = [];
  const added: Renewal[] = [];
  for (const renewal of withPreviousEnds(given)) {
    const index = unmatched.findIndex((old) => old.renewedOn === renewal.renewedOn && old.newEnd === renewal.newEnd);
    if (index < 0) added.push(renewal);
    else kept.push(...unmatched.splice(index, 1));
  }
  return { kept, added };
}

/** What a new renewal is checked against: the relationship's signing, end, current term and last renewal. */
export interface RenewalContext {
  signedOn: string | null;
  endedOn: string | null;
  fixedTermEnd: string | null;
  lastRenewedOn: string | null;
}

/**
 * Checks a renewal to record: agreed not in the future, not before the signing nor before the last
 * renewal; its new end after the end of the term it renews (a renewal extends a term) and after the
 * day it was agreed.
 */
export function checkRenewal(renewal: { renewedOn: string; newEnd: string }, context: RenewalContext, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (renewal.renewedOn > today) problems.push({ field: 'renewedOn', message: `must not be in the future (today is ${today}): record a renewal once it is agreed` });
  else if (context.signedOn && renewal.renewedOn < context.signedOn) problems.push({ field: 'renewedOn', message: `must not be before the signing (${context.signedOn})` });
  else if (context.lastRenewedOn && renewal.renewedOn < context.lastRenewedOn) {
    problems.push({ field: 'renewedOn', message: `must not be before the last renewal (${context.lastRenewedOn})` });
  }
  if (context.fixedTermEnd && renewal.newEnd <= context.fixedTermEnd) {
    problems.push({ field: 'newEnd', message: `must be after the end of the term it renews (${context.fixedTermEnd})` });
  } else if (renewal.newEnd < renewal.renewedOn) {
    problems.push({ field: 'newEnd', message: `must not be before the renewal itself (${renewal.renewedOn})` });
  }
  return problems;
}
