import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { prefectureIdOf } from '../db/fragments.js';
import { computeTieStatistics, type JapaneseTie } from '../domain/statistics.js';

export interface JapanStatistics {
  totals: { international: number; domestic: number };
  byCountry: { country: string; count: number }[];
  byKind: { kind: string; total: number; withPartner: number; coverage: number }[];
  byPrefecture: { prefecture: { id: number; jisCode: string; name: { en: string; ja: string } }; relationships: number; localGovernmentsWithPartner: number }[];
}

/**
 * Statistics of Japan's relationships in force (not ended). Domestic relationships are counted on
 * their own and left out of every international figure; the Northern Territories villages are not
 * counted in coverage. Three small queries fetch Japan's LGs, its ties and the prefectures; the counting is a pure rule.
 */
export async function japanStatistics(db: Db): Promise<JapanStatistics> {
  // Column arrays in one row each: PGlite spends far more on each row it hands back than on the query.
  const [units] = await queryRows<{ ids: number[]; kinds: string[]; in_coverage: boolean[]; prefecture_ids: number[] }>(
    db,
    sql`select array_agg(lg.id) as ids, array_agg(lg.kind) as kinds, array_agg(lg.in_coverage) as in_coverage,
        array_agg(${prefectureIdOf('lg', 'parent')}) as prefecture_ids
      from local_governments lg left join local_governments parent on parent.id = lg.parent_id
      where lg.country = 'JP'`,
  );
  const [ties] = await queryRows<{ first_ids: number[]; second_ids: number[]; first_countries: string[]; second_countries: string[] }>(
    db,
    sql`select array_agg(first_id) as first_ids, array_agg(second_id) as second_ids,
        array_agg(first_country) as first_countries, array_agg(second_country) as second_countries
      from relationships where status <> 'ended' and (first_country = 'JP' or second_country = 'JP')`,
  );
  const prefectures = await queryRows<{ id: number; jis_code: string; name_en: string; name_ja: string }>(
    db,
    sql`select id, jis_code, name_en, name_ja from local_governments where country = 'JP' and kind = 'prefecture' order by jis_code`,
  );
  const statistics = computeTieStatistics(
    (units?.ids ?? []).map((id, i) => ({ id, kind: units!.kinds[i]!, inCoverage: units!.in_coverage[i]!, prefectureId: units!.prefecture_ids[i]! })),
    (ties?.first_ids ?? []).map<JapaneseTie>((firstId, i) => ({
      firstId,
      secondId: ties!.second_ids[i]!,
      firstCountry: ties!.first_countries[i]!.trim(),
      secondCountry: ties!.second_countries[i]!.trim(),
    })),
  );
  return {
    totals: statistics.totals,
    byCountry: statistics.byCountry,
    byKind: statistics.byKind,
    byPrefecture: prefectures.map((prefecture) => ({
      prefecture: { id: prefecture.id, jisCode: prefecture.jis_code.trim(), name: { en: prefecture.name_en, ja: prefecture.name_ja } },
      ...statistics.byPrefecture.get(prefecture.id)!,
    })),
  };
}
