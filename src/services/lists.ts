import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { foldName } from '../domain/names.js';
import { prefectureIdOf } from '../db/fragments.js';
import { notFound } from '../errors.js';
import type { Relationship } from './registry.js';
import { formatPartialDate, japanDayOf, type DatePrecision } from '../domain/relationships.js';
import type { Vitality } from '../domain/vitality.js';
import { DEFAULT_VITALITY_THRESHOLDS, editedOnOf, vitalityOfRecord, type LifeOptions } from './vitality.js';
import { today } from './registry.js';
import {
  prefixedRow,
  presentLocalGovernmentSummary,
  relationshipUrl,
  summaryColumns,
  type LocalGovernmentRow,
  type LocalGovernmentSummary,
} from './presenters.js';

/** One line of a details list: a relationship seen from one side. */
export interface PartnerLine {
  relationshipId: number;
  relationshipUrl: string;
  localGovernment: LocalGovernmentSummary;
  partner: LocalGovernmentSummary;
  label: string;
  signedOn: string | null;
  status: string;
  domestic: boolean;
  /** Whether it is alive on the list's day (domain/vitality.ts); null when not in force. */
  vitality: Vitality | null;
}

type PairRow = {
  relationship_id: number;
  label: string;
  signed_on: string | null;
  signed_precision: DatePrecision | null;
  status: string;
  domestic: boolean;
  ended_on: string | null;
  fixed_term_end: string | null;
  created_at: string;
  updated_at: string;
  last_exchange_on: string | null;
} & {
  [key: string]: unknown;
};

function toLine(row: PairRow, life: LifeOptions): PartnerLine {
  return {
    relationshipId: row.relationship_id,
    relationshipUrl: relationshipUrl({ id: row.relationship_id }),
    localGovernment: presentLocalGovernmentSummary(prefixedRow(row, 'own_')),
    partner: presentLocalGovernmentSummary(prefixedRow(row, 'partner_')),
    label: row.label,
    signedOn: row.signed_on && row.signed_precision ? formatPartialDate(row.signed_on, row.signed_precision) : null,
    status: row.status,
    domestic: row.domestic,
    vitality: vitalityOfRecord(
      {
        status: row.status,
        signedOn: row.signed_on,
        endedOn: row.ended_on,
        fixedTermEnd: row.fixed_term_end,
        recordedOn: japanDayOf(new Date(row.created_at).toISOString()),
        editedOn: editedOnOf(row.created_at, row.updated_at),
        lastExchangeOn: row.last_exchange_on,
      },
      life,
    ),
  };
}

/** Today, judged by the default thresholds. */
const lifeToday = (): LifeOptions => ({ today: today(), thresholds: DEFAULT_VITALITY_THRESHOLDS });

/** An LG's relationships as lines of a list, each seen from the LG's side. */
export function partnerLinesOf(lg: LocalGovernmentSummary, relationships: Relationship[]): PartnerLine[] {
  return relationships.map((relationship) => ({
    relationshipId: relationship.id,
    relationshipUrl: relationship.url,
    localGovernment: lg,
    partner: relationship.parties[0].id === lg.id ? relationship.parties[1] : relationship.parties[0],
    label: relationship.label,
    signedOn: relationship.signedOn,
    status: relationship.status,
    domestic: relationship.domestic,
    vitality: relationship.vitality,
  }));
}

/** Which relationships a list holds, seen from "own" side: a condition on `r` when own is the first party, and when it is the second. */
export type SidePicker = (own: 'first' | 'second') => SQL;

/**
 * The relationships a list holds, each seen from its "own" side, in the order given. The two
 * directions are picked through the indexes on each party, and the lines come back as one JSON
 * row: PGlite spends far more on each row it returns than on the query.
 */
export async function partnerLines(db: Db, pick: SidePicker, orderBy: SQL, life: LifeOptions = lifeToday()): Promise<PartnerLine[]> {
  const columns = sql`r.label, r.signed_on, r.signed_precision, r.status, r.domestic, r.ended_on, r.fixed_term_end, r.created_at, r.updated_at, r.last_exchange_on`;
  const [result] = await queryRows<{ lines: PairRow[] }>(
    db,
    sql`select coalesce(json_agg(line order by line.position), '[]') as lines from (
      select row_number() over (order by ${orderBy}) as position,
        s.relationship_id, s.label, to_char(s.signed_on, 'YYYY-MM-DD') as signed_on, s.signed_precision, s.status, s.domestic,
        to_char(s.ended_on, 'YYYY-MM-DD') as ended_on, to_char(s.fixed_term_end, 'YYYY-MM-DD') as fixed_term_end, s.created_at, s.updated_at,
        to_char(least(s.last_exchange_on, ${life.today}::date), 'YYYY-MM-DD') as last_exchange_on,
        ${sql.raw(summaryColumns('own', 'own_'))}, ${sql.raw(summaryColumns('partner', 'partner_'))}
      from (
        select r.id as relationship_id, r.first_id as own_id, r.second_id as partner_id, ${columns}
          from relationships r where ${pick('first')}
        union all
        select r.id, r.second_id, r.first_id, ${columns}
          from relationships r where ${pick('second')}
      ) s
      join local_governments own on own.id = s.own_id
      join local_governments partner on partner.id = s.partner_id
    ) line`,
  );
  const lines = typeof result?.lines === 'string' ? (JSON.parse(result.lines) as PairRow[]) : (result?.lines ?? []);
  return lines.map((row) => toLine(row, life));
}

/** The party column of `r` on one side, and the other side's. */
export const party = (own: 'first' | 'second') => ({ own: sql.raw(`r.${own}_id`), ownCountry: sql.raw(`r.${own}_country`), otherCountry: sql.raw(`r.${own === 'first' ? 'second' : 'first'}_country`) });

/** Each relationship once, from its Japanese side (the first party when both are Japanese). */
export const fromJapaneseSide = (own: 'first' | 'second'): SQL => sql`${party(own).ownCountry} = 'JP' and ${own === 'first' ? sql`true` : sql`r.first_country <> 'JP'`}`;

/** The LGs of a prefecture (by its LG's id): itself, its municipalities and their wards. */
export const prefectureMembers = (prefectureId: number): SQL =>
  // Parents are Japanese too; saying so keeps the planner from hashing all 135,000 places to find them.
  sql`select lg.id from local_governments lg left join local_governments parent on parent.id = lg.parent_id and parent.country = 'JP'
    where lg.country = 'JP' and ${prefectureIdOf('lg', 'parent')} = ${prefectureId}`;

export interface PrefectureList {
  prefecture: LocalGovernmentSummary;
  lines: PartnerLine[];
}

/**
 * The six-digit code of the prefecture an address names by its number (13 for Tokyo) or its name
 * in romaji, with or without macrons or its kind (tokyo, Tōkyō, osaka-prefecture); null when none.
 */
export async function prefectureCodeOf(db: Db, key: string): Promise<string | null> {
  const prefectures = await queryRows<{ jis_code: string; name_romaji: string; slug: string }>(
    db,
    sql`select jis_code, name_romaji, slug from local_governments where country = 'JP' and kind = 'prefecture'`,
  );
  const wanted = /^\d{1,2}$/.test(key) ? null : foldName(key.replace(/-/g, ' '));
  const found = prefectures.find((prefecture) =>
    wanted === null ? Number(prefecture.jis_code.slice(0, 2)) === Number(key) : foldName(prefecture.name_romaji) === wanted || foldName(prefecture.slug.replace(/-/g, ' ')) === wanted,
  );
  return found?.jis_code ?? null;
}

/** Every relationship of a prefecture, its municipalities and their wards, by JIS code of the Japanese side. */
export async function prefectureList(db: Db, jisCode: string, life?: LifeOptions): Promise<PrefectureList> {
  const [prefecture] = await queryRows<LocalGovernmentRow>(
    db,
    sql`select ${sql.raw(summaryColumns('lg'))} from local_governments lg where lg.jis_code = ${jisCode} and lg.kind = 'prefecture'`,
  );
  if (!prefecture) throw notFound(`Prefecture ${jisCode}`);
  const lines = await partnerLines(db, (own) => sql`${party(own).own} in (${prefectureMembers(prefecture.id)})`, sql`own.jis_code, s.signed_on nulls last, partner.name_en`, life);
  return { prefecture: presentLocalGovernmentSummary(prefecture), lines };
}

export interface CountryList {
  country: { code: string; nameEn: string; nameJa: string };
  /** Its LGs' relationships with Japan's, by region (state, province) and name. */
  lines: PartnerLine[];
}

/** Every relationship between a country's LGs and Japan's, grouped by the foreign side's region. */
export async function countryList(db: Db, countryCode: string, life?: LifeOptions): Promise<CountryList> {
  const [country] = await queryRows<{ code: string; name_en: string; name_ja: string }>(
    db,
    sql`select code, name_en, name_ja from countries where code = ${countryCode}`,
  );
  if (!country) throw notFound(`Country ${countryCode}`);
  const lines = await partnerLines(
    db,
    (own) => sql`${party(own).ownCountry} = ${countryCode} and ${party(own).otherCountry} = 'JP' and ${countryCode} <> 'JP'`,
    sql`own.region_name nulls last, own.name_en, s.signed_on nulls last`,
    life,
  );
  return { country: { code: country.code.trim(), nameEn: country.name_en, nameJa: country.name_ja }, lines };
}


/**
 * The relationships of Japanese LGs signed most recently, by their recorded day of signing, one
 * line each. Relationships without a date are left out: nothing says when they were signed.
 */
export async function latestSignedJapaneseRelationships(db: Db, limit: number): Promise<PartnerLine[]> {
  const latest = sql`select id from relationships where (first_country = 'JP' or second_country = 'JP') and signed_on is not null
    order by signed_on desc, id desc limit ${limit}`;
  return partnerLines(
    db,
    (own) => sql`r.id in (${latest}) and ${fromJapaneseSide(own)}`,
    sql`s.signed_on desc, s.relationship_id desc`,
  );
}
