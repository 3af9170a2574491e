import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { formatEraDate } from '../domain/eraDates.js';
import { writeRegisterCsv, writeRegisterXlsx, type RegisterExportRow, type SheetEncoding } from '../domain/registerSheet.js';
import type { DatePrecision } from '../domain/relationships.js';
import { toDateString } from './presenters.js';

export type RegisterFormat = 'csv' | 'xlsx';

/** Kinds of LG abroad that are a first-level region: written in the state or province column alone. */
const REGION_KINDS = new Set(['state', 'province', 'region']);

/** A region named in Japanese is written with its kind, as the sheets do, so that it reads back as that kind. */
function regionWithKind(name: string, kind: string): string {
  const suffix = { state: '州', province: '省' }[kind];
  return suffix && /[\p{Script=Han}\p{Script=Katakana}]$/u.test(name) && !name.endsWith(suffix) ? `${name}${suffix}` : name;
}

/**
 * Every relationship of a Japanese LG as a row of CLAIR's register form: prefecture, LG (under the
 * name it signed under, when it has since merged), partner country, state or province, partner,
 * date in the era calendar at its precision, name of the affiliation and remarks. Importing these
 * rows into an empty register gives the same relationships back.
 */
export async function registerRows(db: Db): Promise<RegisterExportRow[]> {
  const rows = await queryRows<{
    prefecture: string | null;
    japanese: string;
    japanese_signed_as: string | null;
    country_ja: string;
    partner_kind: string;
    partner_name: string;
    partner_region: string | null;
    signed_on: string | Date | null;
    signed_precision: DatePrecision | null;
    label: string;
    label_original: string | null;
    notes: string | null;
  }>(
    db,
    sql`with sides as (
        select r.*, case when r.first_country = 'JP' then r.first_id else r.second_id end as japanese_id,
          case when r.first_country = 'JP' then r.second_id else r.first_id end as partner_id,
          case when r.first_country = 'JP' then r.first_signed_as else r.second_signed_as end as japanese_signed_as
        from relationships r where 'JP' in (r.first_country, r.second_country)
      )
      select prefecture.name_local as prefecture, japanese.name_local as japanese, sides.japanese_signed_as,
        country.name_ja as country_ja, partner.kind as partner_kind, coalesce(partner.name_ja, partner.name_local) as partner_name,
        coalesce(partner.region_name_ja, partner.region_name) as partner_region,
        sides.signed_on, sides.signed_precision, sides.label, sides.label_original, sides.notes
      from sides
      join local_governments japanese on japanese.id = sides.japanese_id
      join local_governments partner on partner.id = sides.partner_id
      join countries country on country.code = partner.country
      left join local_governments prefecture on prefecture.kind = 'prefecture' and left(prefecture.jis_code, 2) = left(japanese.jis_code, 2)
      order by japanese.jis_code, sides.signed_on nulls last, partner_name, sides.label`,
  );
  return rows.map((row) => {
    const regionItself = REGION_KINDS.has(row.partner_kind);
    const signedOn = toDateString(row.signed_on);
    return {
      prefecture: row.prefecture ?? '',
      localGovernment: row.japanese_signed_as ?? row.japanese,
      partnerCountry: row.country_ja,
      partnerRegion: regionItself ? regionWithKind(row.partner_name, row.partner_kind) : (row.partner_region ?? ''),
      partnerLocalGovernment: regionItself ? '' : row.partner_name,
      signedOn: signedOn && row.signed_precision ? formatEraDate({ date: signedOn, precision: row.signed_precision }) : '',
      label: row.label_original ?? row.label,
      remarks: row.notes ?? '',
    };
  });
}

/** The register as a CLAIR-style sheet: CSV (UTF-8 with BOM, or Shift_JIS) or XLSX. */
export async function exportRegister(db: Db, format: RegisterFormat, encoding: SheetEncoding = 'utf-8'): Promise<Uint8Array> {
  const rows = await registerRows(db);
  return format === 'xlsx' ? writeRegisterXlsx(rows) : writeRegisterCsv(rows, encoding);
}
