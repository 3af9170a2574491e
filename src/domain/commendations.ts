import type { FieldProblem } from '../errors.js';

/**
 * The awards the register keeps, each with a stable code for its pages' addresses. The International
 * Exchange Commendation (Minister for Internal Affairs and Communications Award) is presented yearly
 * by the Minister to local governments for exemplary international exchange, administered jointly by
 * CLAIR and the Ministry (CLAIR's page on it). Its names in each language are in the catalogue.
 */
export const COMMENDATION_AWARDS = ['international-exchange'] as const;
export type CommendationAward = (typeof COMMENDATION_AWARDS)[number];

/** The first year an award may be recorded for. */
export const EARLIEST_COMMENDATION_YEAR = 1950;

/** The most relationships and exchanges one commendation is linked to. */
export const COMMENDATION_LINKS_MAX = 20;

/** A commendation as the rules see it. */
export interface CommendationFacts {
  year: number;
  localGovernmentId: number | null;
  organisation: { en: string; ja: string };
  citation: { en: string; ja: string };
}

/** A relationship a commendation is linked to, as the rules see it. */
export interface LinkedRelationship {
  id: number;
  parties: readonly [number, number];
}

/** An exchange a commendation is linked to, as the rules see it. */
export interface LinkedExchange {
  id: number;
  relationshipId: number;
}

/**
 * Checks a commendation against the year of today and what it is linked to: a year from 1950 to
 * this one; one recipient, a local government or an organisation named in English, Japanese or
 * both, never both; a citation in at least one language; relationships of the commended local
 * government (any, for an organisation); exchanges of the relationships it is linked to.
 */
export function checkCommendation(commendation: CommendationFacts, relationships: readonly LinkedRelationship[], exchanges: readonly LinkedExchange[], thisYear: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (commendation.year < EARLIEST_COMMENDATION_YEAR) problems.push({ field: 'year', message: `must not be before ${EARLIEST_COMMENDATION_YEAR}` });
  else if (commendation.year > thisYear) problems.push({ field: 'year', message: `must not be after this year (${thisYear})` });
  const organisationNamed = Boolean(commendation.organisation.en.trim() || commendation.organisation.ja.trim());
  if (commendation.localGovernmentId === null && !organisationNamed) {
    problems.push({ field: 'localGovernmentId', message: 'name the local government commended, or the organisation (in English, Japanese or both)' });
  } else if (commendation.localGovernmentId !== null && organisationNamed) {
    problems.push({ field: 'organisation', message: 'name either a local government or an organisation, not both' });
  }
  if (!commendation.citation.en.trim() && !commendation.citation.ja.trim()) {
    problems.push({ field: 'citation', message: 'give the citation in English, Japanese or both' });
  }
  const lg = commendation.localGovernmentId;
  relationships.forEach((relationship, index) => {
    if (lg !== null && !relationship.parties.includes(lg)) {
      problems.push({ field: `relationshipIds[${index}]`, message: `relationship ${relationship.id} is not one of the commended local government's (${lg})` });
    }
  });
  const linked = new Set(relationships.map((relationship) => relationship.id));
  exchanges.forEach((exchange, index) => {
    if (!linked.has(exchange.relationshipId)) {
      problems.push({ field: `exchangeIds[${index}]`, message: `exchange ${exchange.id} belongs to relationship ${exchange.relationshipId}, which the commendation is not linked to: link that relationship too` });
    }
  });
  return problems;
}
