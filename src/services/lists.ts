import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { prefectureIdOf } from '../db/fragments.js';
import { notFound } from '../errors.js';
import { ANNIVERSARY_YEARS, anniversaryIn } from '../domain/anniversaries.js';
import { formatPartialDate, type DatePrecision } from '../domain/relationships.js';
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
}

type PairRow = { relationship_id: number; label: string; signed_on: unknown; signed_precision: DatePrecision | null; status: string; domestic: boolean } & {
  [key: string]: unknown;
};

function toLine(row: PairRow): PartnerLine {
  const signed = row.signed_on instanceof Date ? row.signed_on.toISOString().slice(0, 10) : row.signed_on ? String(row.signed_on) : null;
  return {
    relationshipId: row.relationship_id,
    relationshipUrl: relationshipUrl({ id: row.relationship_id }),
    localGovernment: presentLocalGovernmentSummary(prefixedRow(row, 'own_')),
    partner: presentLocalGovernmentSummary(prefixedRow(row, 'partner_')),
    label: row.label,
    signedOn: signed && row.signed_precision ? formatPartialDate(signed, row.signed_precision) : null,
    status: row.status,
    domestic: row.domestic,
  };
}

/** Both directions of every relationship, so each side can be "own" once. */
const SIDES = sql.raw(`(
  select id as relationship_id, first_id as own_id, second_id as partner_id, label, signed_on, signed_precision, status, domestic from relationships
  union all
  select id, second_id, first_id, label, signed_on, signed_precision, status, domestic from relationships
)`);

/** The relationships seen from the "own" side that the condition picks, in the order given. */
async function partnerLines(db: Db, where: SQL, orderBy: SQL): Promise<PartnerLine[]> {
  const rows = await queryRows<PairRow>(
    db,
    sql`select s.relationship_id, s.label, s.signed_on, s.signed_precision, s.status, s.domestic,
        ${sql.raw(summaryColumns('own', 'own_'))}, ${sql.raw(summaryColumns('partner', 'partner_'))}
      from ${SIDES} s
      join local_governments own on own.id = s.own_id
      left join local_governments parent on parent.id = own.parent_id
      join local_governments partner on partner.id = s.partner_id
      where ${where} order by ${orderBy}`,
  );
  return rows.map(toLine);
}

export interface PrefectureList {
  prefecture: LocalGovernmentSummary;
  lines: PartnerLine[];
}

/** Every relationship of a prefecture, its municipalities and their wards, by JIS code of the Japanese side. */
export async function prefectureList(db: Db, jisCode: string): Promise<PrefectureList> {
  const [prefecture] = await queryRows<LocalGovernmentRow>(
    db,
    sql`select ${sql.raw(summaryColumns('lg'))} from local_governments lg where lg.jis_code = ${jisCode} and lg.kind = 'prefecture'`,
  );
  if (!prefecture) throw notFound(`Prefecture ${jisCode}`);
  const lines = await partnerLines(
    db,
    sql`${prefectureIdOf('own', 'parent')} = ${prefecture.id}`,
    sql`own.jis_code, s.signed_on nulls last, partner.name_en`,
  );
  return { prefecture: presentLocalGovernmentSummary(prefecture), lines };
}

export interface CountryList {
  country: { code: string; nameEn: string; nameJa: string };
  /** Lines grouped by the partner's region (state, province) where known. */
  groups: { region: string | null; lines: PartnerLine[] }[];
}

/** Every relationship between a country's LGs and Japan's, grouped by the foreign side's region. */
export async function countryList(db: Db, countryCode: string): Promise<CountryList> {
  const [country] = await queryRows<{ code: string; name_en: string; name_ja: string }>(
    db,
    sql`select code, name_en, name_ja from countries where code = ${countryCode}`,
  );
  if (!country) throw notFound(`Country ${countryCode}`);
  const lines = await partnerLines(
    db,
    sql`own.country = ${countryCode} and partner.country = 'JP' and own.country <> 'JP'`,
    sql`own.region_name nulls last, own.name_en, s.signed_on nulls last`,
  );
  const groups: CountryList['groups'] = [];
  for (const line of lines) {
    const region = line.localGovernment.region;
    const last = groups.at(-1);
    if (last && last.region === region) last.lines.push(line);
    else groups.push({ region, lines: [line] });
  }
  return { country: { code: country.code.trim(), nameEn: country.name_en, nameJa: country.name_ja }, groups };
}

/** Countries with at least one relationship with Japan, most first. */
export async function countryIndex(db: Db): Promise<{ code: string; nameEn: string; nameJa: string; relationships: number }[]> {
  const rows = await queryRows<{ code: string; name_en: string; name_ja: string; relationships: number }>(
    db,
    sql`select c.code, c.name_en, c.name_ja, count(*)::int as relationships
      from ${SIDES} s join local_governments own on own.id = s.own_id join local_governments partner on partner.id = s.partner_id
      join countries c on c.code = own.country
      where own.country <> 'JP' and partner.country = 'JP' and s.status <> 'ended'
      group by c.code, c.name_en, c.name_ja order by relationships desc, c.name_en`,
  );
  return rows.map((row) => ({ code: row.code.trim(), nameEn: row.name_en, nameJa: row.name_ja, relationships: row.relationships }));
}

/** The relationships of Japanese LGs signed most recently (then the most recently recorded), one line each. */
export async function latestJapaneseRelationships(db: Db, limit: number): Promise<PartnerLine[]> {
  return partnerLines(
    db,
    sql`own.country = 'JP' and (partner.country <> 'JP' or own.id < partner.id) and s.relationship_id in (
      select id from relationships where first_country = 'JP' or second_country = 'JP'
      order by signed_on desc nulls last, created_at desc, id desc limit ${limit})`,
    sql`s.signed_on desc nulls last, s.relationship_id desc`,
  );
}

/** Relationships of Japanese LGs with a recorded date that turn 5, 10, 15… years old in a year. */
export async function japaneseAnniversaries(db: Db, year: number): Promise<(PartnerLine & { years: number })[]> {
  const years = ANNIVERSARY_YEARS.map((age) => year - age);
  const lines = await partnerLines(
    db,
    sql`own.country = 'JP' and (partner.country <> 'JP' or own.id < partner.id) and s.signed_on is not null
      and extract(year from s.signed_on)::int = any(${sql.param(years)}::int[]) and s.status <> 'ended'`,
    sql`s.signed_on, own.jis_code`,
  );
  return lines.map((line) => ({ ...line, years: anniversaryIn(line.signedOn!, year)! }));
}
