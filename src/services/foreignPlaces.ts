import { bulkInsert } from '../db/bulk.js';
import type { Db } from '../db/client.js';
import { slugify } from '../domain/names.js';
import { searchKeysFor, type SearchKey } from '../domain/searchKeys.js';

/** A local government outside Japan, from GeoNames or created by an import. */
export interface ForeignPlace {
  country: string;
  name: string;
  geonamesId: number | null;
  admin1: string | null;
  regionName: string | null;
  population: number | null;
  latitude: number | null;
  longitude: number | null;
  verified: boolean;
  source: string;
}

/** Inserts LGs' search keys. */
export async function insertSearchKeys(db: Db, keys: (SearchKey & { id: number })[]): Promise<void> {
  await bulkInsert(
    db,
    'search_keys',
    [
      { name: 'local_government_id', type: 'int', value: (k) => k.id },
      { name: 'key', type: 'text', value: (k) => k.key },
      { name: 'is_base', type: 'bool', value: (k) => k.isBase },
    ],
    keys,
  );
}

/** Inserts places abroad as local governments with their search keys; returns their ids in order. */
export async function insertForeignPlaces(db: Db, places: ForeignPlace[]): Promise<number[]> {
  const rows = await bulkInsert<ForeignPlace, { id: number }>(
    db,
    'local_governments',
    [
      { name: 'country', type: 'text', value: (p) => p.country },
      { name: 'kind', type: 'text', value: () => 'municipality' },
      { name: 'name_local', type: 'text', value: (p) => p.name },
      { name: 'name_romaji', type: 'text', value: (p) => p.name },
      { name: 'name_en', type: 'text', value: (p) => p.name },
      { name: 'slug', type: 'text', value: (p) => slugify(p.name) },
      { name: 'geonames_id', type: 'int', value: (p) => p.geonamesId },
      { name: 'admin1', type: 'text', value: (p) => p.admin1 },
      { name: 'region_name', type: 'text', value: (p) => p.regionName },
      { name: 'population', type: 'int', value: (p) => p.population },
      { name: 'latitude', type: 'float8', value: (p) => p.latitude },
      { name: 'longitude', type: 'float8', value: (p) => p.longitude },
      { name: 'verified', type: 'bool', value: (p) => p.verified },
      { name: 'source', type: 'text', value: (p) => p.source },
    ],
    places,
    { returning: 'id' },
  );
  const ids = rows.map((row) => row.id);
  await insertSearchKeys(
    db,
    places.flatMap((place, index) => searchKeysFor({ baseNames: [place.name], fullNames: [] }).map((key) => ({ ...key, id: ids[index]! }))),
  );
  return ids;
}
