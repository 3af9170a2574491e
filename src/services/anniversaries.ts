import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { KizunaError } from '../errors.js';
import { anniversaryAgesUpTo, anniversaryIn, type Anniversary } from '../domain/anniversaries.js';
import { EARLIEST_YEAR, parsePartialDate, type PreciseDate } from '../domain/relationships.js';
import { fromJapaneseSide, party, partnerLines, prefectureCodeOf, prefectureMembers, type PartnerLine } from './lists.js';
import { getJurisdiction, relationshipIdsWithin } from './jurisdictions.js';
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
  /** Among these relationships (those within a jurisdiction: jurisdictions.ts relationshipIdsWithin). */
  relationshipIds?: number[];
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
    if (filter.relationshipIds !== undefined) parts.push(sql`r.id = any(${sql.param(filter.relationshipIds)}::int[])`);
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

/** The choices of the anniversaries page as an address gives them, every one text. */
export interface AnniversaryQuery {
  year?: string | undefined;
  country?: string | undefined;
  region?: string | undefined;
  prefecture?: string | undefined;
  jurisdiction?: string | undefined;
}

/** What is wrong with a choice: the field, and the catalogue's `anniversaries.problem.<code>`. */
export interface AnniversaryQueryProblem {
  field: keyof AnniversaryQuery;
  code: 'year' | 'country' | 'region' | 'regionWithoutCountry' | 'prefecture' | 'jurisdiction';
  value: string;
}

/** The years the page answers for: from the first a relationship could turn one to a century ahead. */
export const yearsAnswered = (thisYear: number) => ({ min: EARLIEST_YEAR + 1, max: thisYear + 100 });

/**
 * Reads the page's choices against the register: the year (this year when none is given), and each
 * filter to what it names, or a problem naming the field and why. Empty choices narrow nothing.
 */
export async function readAnniversaryQuery(
  db: Db,
  query: AnniversaryQuery,
  thisYear: number,
): Promise<{ year: number; filter: AnniversaryFilter; problems: AnniversaryQueryProblem[] }> {
  const problems: AnniversaryQueryProblem[] = [];
  const filter: AnniversaryFilter = {};
  const given = (value: string | undefined) => value?.normalize('NFKC').trim() ?? '';
  const yearText = given(query.year);
  const { min, max } = yearsAnswered(thisYear);
  const year = yearText === '' ? thisYear : /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
  if (!(year >= min && year <= max)) problems.push({ field: 'year', code: 'year', value: yearText });
  const country = given(query.country).toUpperCase();
  if (country !== '') {
    const [known] = await queryRows<{ code: string }>(db, sql`select code from countries where code = ${country.slice(0, 2)} and ${country.length === 2}`);
    if (known) filter.country = country;
    else problems.push({ field: 'country', code: 'country', value: country });
  }
  const region = given(query.region).toUpperCase();
  if (region !== '') {
    if (country === '') problems.push({ field: 'region', code: 'regionWithoutCountry', value: region });
    else if (filter.country !== undefined) {
      const [known] = await queryRows<{ id: number }>(db, sql`select id from local_governments where country = ${filter.country} and admin1 = ${region} limit 1`);
      if (known) filter.region = region;
      else problems.push({ field: 'region', code: 'region', value: region });
    }
  }
  const prefecture = given(query.prefecture);
  if (prefecture !== '') {
    const code = /^\d{6}$/.test(prefecture) ? prefecture : await prefectureCodeOf(db, prefecture);
    const [found] = code ? await queryRows<{ id: number }>(db, sql`select id from local_governments where jis_code = ${code} and kind = 'prefecture'`) : [];
    if (found) filter.prefectureId = found.id;
    else problems.push({ field: 'prefecture', code: 'prefecture', value: prefecture });
  }
  const jurisdiction = given(query.jurisdiction);
  if (jurisdiction !== '') {
    const found = await getJurisdiction(db, jurisdiction.toLowerCase()).catch((error: unknown) => {
      if (error instanceof KizunaError && error.id === 'not_found') return null;
      throw error;
    });
    if (found) filter.relationshipIds = await relationshipIdsWithin(db, found);
    else problems.push({ field: 'jurisdiction', code: 'jurisdiction', value: jurisdiction });
  }
  return { year, filter, problems };
}

let prefectures: Promise<{ code: string; name: { en: string; ja: string | null } }[]> | undefined;

/** The 47 prefectures by JIS code, for the page's choice: reference data, read once a process. */
export function prefectureChoices(db: Db): Promise<{ code: string; name: { en: string; ja: string | null } }[]> {
  prefectures ??= queryRows<{ jis_code: string; name_en: string; name_ja: string | null }>(
    db,
    sql`select jis_code, name_en, name_ja from local_governments where country = 'JP' and kind = 'prefecture' order by jis_code`,
  ).then((rows) => rows.map((row) => ({ code: row.jis_code.trim(), name: { en: row.name_en, ja: row.name_ja } })));
  return prefectures;
}
