import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { foldName } from '../domain/names.js';
import { KizunaError } from '../errors.js';
import { presentLocalGovernmentSummary, type LocalGovernmentRow, type LocalGovernmentSummary } from './presenters.js';

export interface SearchQuery {
  q: string;
  country?: string | undefined;
  kind?: string | undefined;
  limit?: number | undefined;
}

export interface SearchResult extends LocalGovernmentSummary {
  /** How well the name matched, 0–1 and a little over for exact base names. */
  match: number;
}

/** Escapes LIKE's wildcards so that a typed % or _ is taken literally. */
function likePrefix(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
}

/**
 * Finds local governments however a person types the name: kanji, kana, romaji with or without
 * macrons or suffix, foreign names with or without diacritics, small typos. Exact names beat
 * prefixes, which beat near matches; among equals, prefectures, designated cities and larger
 * places come first, so "Osaka" means Osaka City and Osaka Prefecture before any small Osaka.
 */
export async function searchLocalGovernments(db: Db, query: SearchQuery): Promise<SearchResult[]> {
  const folded = foldName(query.q);
  if (folded.length === 0) {
    throw new KizunaError('validation_failed', 'q: type at least one letter or character of a name.', [
      { field: 'q', message: 'type at least one letter or character of a name' },
    ]);
  }
  const limit = Math.min(Math.max(query.limit ?? 10, 1), 100);
  const rows = await queryRows<LocalGovernmentRow & { match: number }>(
    db,
    sql`select lg.id, lg.slug, lg.kind, lg.country, lg.name_en, lg.name_ja, lg.name_local, lg.jis_code,
        lg.geonames_id, lg.population, lg.designated_city, lg.region_name, matched.match
      from (
        select local_government_id as id,
          max(case when key = ${folded} then 1.0
                   when key like ${likePrefix(folded)} then 0.6 + 0.4 * similarity(key, ${folded})
                   else 0.9 * similarity(key, ${folded}) end
              + case when is_base then 0.02 else 0 end) as match
        from search_keys
        where key % ${folded} or key like ${likePrefix(folded)}
        group by local_government_id
      ) as matched
      join local_governments as lg on lg.id = matched.id
      where (${query.country ?? null}::text is null or lg.country = ${query.country ?? null})
        and (${query.kind ?? null}::text is null or lg.kind = ${query.kind ?? null})
      order by matched.match
        + case when lg.kind = 'prefecture' then 0.12 else 0 end
        + case when lg.designated_city then 0.05 else 0 end
        + 0.02 * log(coalesce(lg.population, 0) + 1) desc,
        lg.id
      limit ${limit}`,
  );
  return rows.map((row) => ({ ...presentLocalGovernmentSummary(row), match: Number(row.match) }));
}
