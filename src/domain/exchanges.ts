import type { FieldProblem } from '../errors.js';
import { EARLIEST_YEAR } from './relationships.js';

/**
 * The kinds of exchange, after CLAIR's FAQ (question 7): delegations official and of citizens,
 * students and youth, schools, culture and the arts, sport, economy and trade, tourism, technical
 * and administrative cooperation, disaster support, exchange online, and the rest.
 */
export const EXCHANGE_KINDS = [
  'official_delegation',
  'citizens_delegation',
  'student_youth',
  'school',
  'culture_arts',
  'sport',
  'economy_trade',
  'tourism',
  'technical_administrative',
  'disaster_support',
  'online',
  'other',
] as const;
export type ExchangeKind = (typeof EXCHANGE_KINDS)[number];

/**
 * Who travelled: the people of one party visited the other (`visit`, with the visiting party
 * named), both visited each other (`mutual`), or nobody travelled (`remote`: online, by post).
 */
export const EXCHANGE_DIRECTIONS = ['visit', 'mutual', 'remote'] as const;
export type ExchangeDirection = (typeof EXCHANGE_DIRECTIONS)[number];

/** The most links an exchange carries. */
export const EXCHANGE_LINKS_MAX = 10;

/** An exchange as the rules see it. */
export interface ExchangeFacts {
  startedOn: string;
  endedOn: string | null;
  direction: ExchangeDirection;
  /** The party whose people travelled, for a visit. */
  visitorId: number | null;
  description: { en: string; ja: string };
}

/** The relationship an exchange belongs to, as the rules see it. */
export interface ExchangeRelationship {
  parties: readonly [number, number];
  /** The first day of the day, month or year of signing; null when not recorded. */
  signedOn: string | null;
  endedOn: string | null;
}

/**
 * Checks an exchange against its relationship and today: not before 1900, not in the future, not
 * before the signing (a relationship signed in a month or a year allows that whole month or year),
 * not after the relationship ended, a period that ends after it starts, a visiting party for a
 * visit and none otherwise, and a description in at least one language.
 */
export function checkExchange(exchange: ExchangeFacts, relationship: ExchangeRelationship, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const day = (field: 'startedOn' | 'endedOn', value: string | null) => {
    if (!value) return;
    if (Number(value.slice(0, 4)) < EARLIEST_YEAR) problems.push({ field, message: `must not be before ${EARLIEST_YEAR}` });
    else if (value > today) problems.push({ field, message: `must not be in the future (today is ${today}): record an exchange once it has begun` });
    else if (relationship.signedOn && value < relationship.signedOn) {
      problems.push({ field, message: `must not be before the relationship was signed (${relationship.signedOn})` });
    } else if (relationship.endedOn && value > relationship.endedOn) {
      problems.push({ field, message: `must not be after the relationship ended (${relationship.endedOn})` });
    }
  };
  day('startedOn', exchange.startedOn);
  day('endedOn', exchange.endedOn);
  if (exchange.endedOn && exchange.endedOn < exchange.startedOn) problems.push({ field: 'endedOn', message: `must not be before the first day (${exchange.startedOn})` });
  if (exchange.direction === 'visit') {
    if (exchange.visitorId === null) problems.push({ field: 'visitorId', message: 'name the party whose people visited the other' });
    else if (!relationship.parties.includes(exchange.visitorId)) {
      problems.push({ field: 'visitorId', message: `must be one of the two parties (${relationship.parties.join(' or ')})` });
    }
  } else if (exchange.visitorId !== null) {
    problems.push({ field: 'visitorId', message: `names a visiting party only for a visit one way (direction "visit"), not "${exchange.direction}"` });
  }
  if (!exchange.description.en.trim() && !exchange.description.ja.trim()) {
    problems.push({ field: 'description', message: 'describe the exchange in English, Japanese or both' });
  }
  return problems;
}

/** The last day of an exchange that counts on a day: its end, or its start, and never after the day. */
export function lastDayOfExchange(exchange: { startedOn: string; endedOn: string | null }, day: string): string | null {
  if (exchange.startedOn > day) return null;
  const last = exchange.endedOn ?? exchange.startedOn;
  return last > day ? day : last;
}
