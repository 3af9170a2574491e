import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { anniversaryAgesUpTo, anniversaryIn, type Anniversary } from '../domain/anniversaries.js';
import { EARLIEST_YEAR, parsePartialDate, type PreciseDate } from '../domain/relationships.js';
import { fromJapaneseSide, party, partnerLines, prefectureMembers, type PartnerLine } from './lists.js';
import { withinJurisdiction } from './jurisdictions.js';
import type { LifeOptions } from './vitality.js';

/**
 * Which relationships of Japan's LGs have an anniversary in a year (domain/anniversaries.ts), each
 * seen from its Japanese side, narrowed by the partner's country and first-level region, the
 * Japanese side's prefecture, a jurisdiction, or one local government.
 */

/** What narrows the anniversaries; every part is optional, and they combine. */
export interface AnniversaryFilter {
  /** The partner's country (ISO code); JP gives Japan's domestic relationships. */
  country?: string;
  /** The partner's first-level region by GeoNames' code (a US state's postal code); with a country. */
  region?: string;
  /** The Japanese side's prefecture, by the id of the prefecture's LG. */
  prefectureId?: number;
  /** Either side within the jurisdiction (by its id). */
  jurisdictionId?: number;
  /** Either side is this local government. */
  localGovernmentId?: number;
}

export interface AnniversaryLine extends PartnerLine {
  anniversary: Anniversary;
}

/** The years a relationship may have been signed in to have an anniversary in `year`. */
const signingYears = (year: number) => anniversaryAgesUpTo(year - EARLIEST_YEAR).map((age) => year - age);

function narrowing(filter: AnniversaryFilter): (own: 'first' | 'second') => SQL {
  return (own) => {
    const side = party(own);
    const other = sql.raw(`r.${own === 'first' ? 'second' : 'first'}_id`);
    const parts: SQL[] = [];
    if (filter.country !== undefined) parts.push(sql`${side.otherCountry} = ${filter.country}`);
    if (filter.region !== undefined) {
      parts.push(sql`${other} in (select lg.id from local_governments lg where lg.country = ${filter.country ?? ''} and lg.admin1 = ${filter.region})`);
    }
    if (filter.prefectureId !== undefined) parts.push(sql`${side.own} in (${prefectureMembers(filter.prefectureId)})`);
    if (filter.localGovernmentId !== undefined) parts.push(sql`(r.first_id = ${filter.localGovernmentId} or r.second_id = ${filter.localGovernmentId})`);
    if (filter.jurisdictionId !== undefined) {
      parts.push(sql`r.id in (select within.id from relationships within
        join local_governments first_party on first_party.id = within.first_id
        join local_governments second_party on second_party.id = within.second_id
        where (within.first_country = 'JP' or within.second_country = 'JP')
          and (${withinJurisdiction(filter.jurisdictionId, 'first_party')} or ${withinJurisdiction(filter.jurisdictionId, 'second_party')}))`);
    }
    return parts.length === 0 ? sql`true` : sql.join(parts, sql` and `);
  };
}

/**
 * The relationships in force (active or dormant) with a recorded date of signing that have an
 * anniversary in the year, in the order they fall: by the day where it is known, a month's before
 * the days of that month, a year's first.
 */
export async function anniversariesOf(db: Db, year: number, filter: AnniversaryFilter = {}, life?: LifeOptions): Promise<AnniversaryLine[]> {
  const narrow = narrowing(filter);
  const lines = await partnerLines(
    db,
    (own) => sql`${fromJapaneseSide(own)} and r.signed_on is not null and r.status in ('active', 'dormant')
      and extract(year from r.signed_on)::int = any(${sql.param(signingYears(year))}::int[]) and ${narrow(own)}`,
    sql`s.signed_on, own.jis_code, s.relationship_id`,
    life,
  );
  return lines
    .map((line) => {
      const signed = parsePartialDate(line.signedOn!) as PreciseDate;
      return { ...line, anniversary: anniversaryIn(signed.date, signed.precision, year)! };
    })
    .sort((a, b) => a.anniversary.startsOn.localeCompare(b.anniversary.startsOn) || b.anniversary.endsBefore.localeCompare(a.anniversary.endsBefore));
}
