import { sql } from 'drizzle-orm';
import { bulkInsert } from '../db/bulk.js';
import type { Db } from '../db/client.js';
import { FIRST_LEVEL_KINDS } from '../domain/firstLevelRegions.js';
import { slugify } from '../domain/names.js';
import { searchKeysFor, type SearchKey } from '../domain/searchKeys.js';

/** A local government outside Japan, from GeoNames or created by an import. */
export interface ForeignPlace {
  country: string;
  name: string;
  /** The name in Japanese where the gazetteer has one (ケルン, 大连). */
  nameJa: string | null;
  /** Other names search and imports should find it by. */
  alternateNames: readonly string[];
  /** 'municipality' unless the source says it is a state, a province or a county. */
  kind?: string;
  geonamesId: number | null;
  admin1: string | null;
  /** GeoNames' second-level code (a US county's FIPS code), where the gazetteer gives one. */
  admin2?: string | null;
  regionName: string | null;
  /** The region's name in Japanese; left out, it is taken from the region's own LG where that has one. */
  regionNameJa?: string | null;
  population: number | null;
  latitude: number | null;
  longitude: number | null;
  verified: boolean;
  source: string;
}

/** Inserts LGs' search keys of record; alternate keys are stored with the LG (see alternateKeysOf). */
export async function insertSearchKeys(db: Db, keys: (SearchKey & { id: number })[]): Promise<void> {
  await bulkInsert(
    db,
    'search_keys',
    [
      { name: 'local_government_id', type: 'int', value: (k) => k.id },
      { name: 'key', type: 'text', value: (k) => k.key },
      { name: 'is_base', type: 'bool', value: (k) => k.isBase },
    ],
    keys.filter((key) => !key.isAlternate),
  );
}

/** The keys that only alternate names give, for an LG's alternate_keys column; null when none. */
export function alternateKeysOf(keys: SearchKey[]): string[] | null {
  const alternates = keys.filter((key) => key.isAlternate).map((key) => key.key);
  return alternates.length > 0 ? alternates : null;
}

/** Inserts places abroad as local governments with their search keys; returns their ids in order. */
export async function insertForeignPlaces(db: Db, places: ForeignPlace[]): Promise<number[]> {
  const keysOf = places.map((place) => searchKeysFor({ baseNames: [place.name], fullNames: [], alternateNames: place.alternateNames }));
  const rows = await bulkInsert<ForeignPlace & { keys: SearchKey[] }, { id: number }>(
    db,
    'local_governments',
    [
      { name: 'country', type: 'text', value: (p) => p.country },
      { name: 'kind', type: 'text', value: (p) => p.kind ?? 'municipality' },
      { name: 'name_local', type: 'text', value: (p) => p.name },
      { name: 'name_romaji', type: 'text', value: (p) => p.name },
      { name: 'name_en', type: 'text', value: (p) => p.name },
      { name: 'name_ja', type: 'text', value: (p) => p.nameJa },
      { name: 'slug', type: 'text', value: (p) => slugify(p.name) },
      { name: 'geonames_id', type: 'int', value: (p) => p.geonamesId },
      { name: 'admin1', type: 'text', value: (p) => p.admin1 },
      { name: 'admin2', type: 'text', value: (p) => p.admin2 ?? null },
      { name: 'region_name', type: 'text', value: (p) => p.regionName },
      { name: 'region_name_ja', type: 'text', value: (p) => p.regionNameJa ?? null },
      { name: 'population', type: 'int', value: (p) => p.population },
      { name: 'latitude', type: 'float8', value: (p) => p.latitude },
      { name: 'longitude', type: 'float8', value: (p) => p.longitude },
      { name: 'alternate_keys', type: 'text[]', value: (p) => alternateKeysOf(p.keys) },
      { name: 'verified', type: 'bool', value: (p) => p.verified },
      { name: 'source', type: 'text', value: (p) => p.source },
    ],
    places.map((place, index) => ({ ...place, keys: keysOf[index]! })),
    { returning: 'id' },
  );
  const ids = rows.map((row) => row.id);
  const withoutRegionJa = ids.filter((_, index) => places[index]!.regionNameJa === undefined);
  if (withoutRegionJa.length > 0) {
    await db.execute(sql`update local_governments as place set region_name_ja = region.name_ja
      from local_governments as region
      where place.id = any(${sql.param(withoutRegionJa)}::int[]) and place.admin1 is not null
        and region.country = place.country and region.admin1 = place.admin1
        and region.kind = any(${sql.param([...FIRST_LEVEL_KINDS])}::text[]) and region.name_ja is not null`);
  }
  await insertSearchKeys(
    db,
    keysOf.flatMap((keys, index) => keys.map((key) => ({ ...key, id: ids[index]! }))),
  );
  return ids;
}
