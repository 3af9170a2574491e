import { JAPANESE_KINDS, type TieStatistics } from './statistics.js';

/**
 * Figures published elsewhere (CLAIR's monthly count, a consulate's count for its country) that the
 * register's own figures are set beside, so that a coordinator sees how complete the register is.
 *
 * A figure counts one of three things: every international relationship of Japan ('total'), those
 * with one partner country ('country', its ISO code as subject), or the Japanese local governments
 * of one kind with at least one partner abroad ('kind', the kind as subject).
 */
export const FIGURE_SCOPES = ['total', 'country', 'kind'] as const;
export type FigureScope = (typeof FIGURE_SCOPES)[number];

/** The kinds a figure may count: Japan's kinds, as the statistics name them. */
export const FIGURE_KINDS = JAPANESE_KINDS;

/** What a published figure counts. */
export interface FigureSubject {
  scope: FigureScope;
  /** '' for the total, the partner country's code, or the Japanese kind. */
  subject: string;
}

/** The register's own figure for what a published figure counts, from statistics of the same day. */
export function registerFigure(figure: FigureSubject, statistics: TieStatistics): number {
  switch (figure.scope) {
    case 'total':
      return statistics.totals.international;
    case 'country':
      return statistics.byCountry.find((row) => row.country === figure.subject)?.count ?? 0;
    case 'kind':
      return statistics.byKind.find((row) => row.kind === figure.subject)?.withPartner ?? 0;
  }
}

/**
 * How the register compares with a published figure on the figure's day: 'fewer' even when every
 * relationship without a date is taken to have existed then, 'more' even without them, the 'same',
 * or 'within' when the relationships without a date could make up the difference.
 */
export type Verdict = 'fewer' | 'more' | 'same' | 'within';

/** The register's figures beside a published value, and what they say together. */
export interface RegisterBeside {
  /** The register's figure by its rule: what is known to exist on the day. */
  inForce: number;
  /** Counting also every relationship without a date of signing not ended by then: the most the register could hold. */
  withUndated: number;
  /** The register's figures less the published value (negative: the register has fewer). */
  difference: { inForce: number; withUndated: number };
  verdict: Verdict;
}

/** Sets the register's two figures for a day beside a value published for that day. */
export function besidePublished(value: number, inForce: number, withUndated: number): RegisterBeside {
  const verdict: Verdict = withUndated < value ? 'fewer' : inForce > value ? 'more' : inForce === withUndated ? 'same' : 'within';
  return { inForce, withUndated, difference: { inForce: inForce - value, withUndated: withUndated - value }, verdict };
}
