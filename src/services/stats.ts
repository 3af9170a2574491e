import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';

/** The Japanese kinds in the order statistics show them. */
export const JAPANESE_KINDS = ['prefecture', 'city', 'special_ward', 'ward', 'town', 'village'] as const;

export interface JapanStatistics {
  totals: { international: number; domestic: number };
  byCountry: { country: string; count: number }[];
  byKind: { kind: string; total: number; withPartner: number; coverage: number }[];
  byPrefecture: { prefecture: { id: number; jisCode: string; name: { en: string; ja: string } }; relationships: number; localGovernmentsWithPartner: number }[];
}

/**
 * Statistics of Japan's relationships in force (not ended). Domestic relationships (both parties
 * in Japan) are counted on their own and left out of every international figure. Coverage is the
 * share of Japan's LGs of a kind with at least one international partner; the Northern
 * Territories villages are not counted.
 */
export async function japanStatistics(db: Db): Promise<JapanStatistics> {
  const japanese = sql`
    japanese as (
      select lg.id, lg.kind, lg.in_coverage,
        case when lg.kind = 'prefecture' then lg.id when lg.kind = 'ward' then parent.parent_id else lg.parent_id end as prefecture_id
      from local_governments lg left join local_governments parent on parent.id = lg.parent_id
      where lg.country = 'JP'
    ),
    ties as (
      select r.id, r.domestic, a.country as first_country, b.country as second_country, r.first_id, r.second_id
      from relationships r
      join local_governments a on a.id = r.first_id
      join local_governments b on b.id = r.second_id
      where r.status <> 'ended' and (a.country = 'JP' or b.country = 'JP')
    ),
    japanese_sides as (
      select id as relationship_id, first_id as japanese_id, second_country as partner_country from ties where not domestic and first_country = 'JP'
      union all
      select id, second_id, first_country from ties where not domestic and second_country = 'JP'
    )`;
  const [totals] = await queryRows<{ international: number; domestic: number }>(
    db,
    sql`with ${japanese} select count(*) filter (where not domestic)::int as international, count(*) filter (where domestic)::int as domestic from ties`,
  );
  const byCountry = await queryRows<{ country: string; count: number }>(
    db,
    sql`with ${japanese} select partner_country as country, count(*)::int as count from japanese_sides
      group by partner_country order by count desc, partner_country`,
  );
  const byKind = await queryRows<{ kind: string; total: number; with_partner: number }>(
    db,
    sql`with ${japanese} select j.kind, count(*)::int as total,
        count(*) filter (where exists (select 1 from japanese_sides s where s.japanese_id = j.id))::int as with_partner
      from japanese j where j.in_coverage group by j.kind`,
  );
  const byPrefecture = await queryRows<{ id: number; jis_code: string; name_en: string; name_ja: string; relationships: number; with_partner: number }>(
    db,
    sql`with ${japanese}
      select p.id, p.jis_code, p.name_en, p.name_ja,
        (select count(*) from japanese_sides s join japanese j on j.id = s.japanese_id where j.prefecture_id = p.id)::int as relationships,
        (select count(distinct s.japanese_id) from japanese_sides s join japanese j on j.id = s.japanese_id where j.prefecture_id = p.id)::int as with_partner
      from local_governments p where p.country = 'JP' and p.kind = 'prefecture' order by p.jis_code`,
  );
  const kindOrder = (kind: string) => (JAPANESE_KINDS as readonly string[]).indexOf(kind);
  return {
    totals: totals ?? { international: 0, domestic: 0 },
    byCountry: byCountry.map((row) => ({ country: row.country.trim(), count: row.count })),
    byKind: byKind
      .sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind))
      .map((row) => ({
        kind: row.kind,
        total: row.total,
        withPartner: row.with_partner,
        coverage: row.total === 0 ? 0 : Math.round((row.with_partner / row.total) * 10000) / 10000,
      })),
    byPrefecture: byPrefecture.map((row) => ({
      prefecture: { id: row.id, jisCode: row.jis_code.trim(), name: { en: row.name_en, ja: row.name_ja } },
      relationships: row.relationships,
      localGovernmentsWithPartner: row.with_partner,
    })),
  };
}
