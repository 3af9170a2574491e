import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';

export interface MapDataset {
  /** Changes whenever relationships change: the key the map caches its drawings under. */
  version: string;
  places: { id: number; latitude: number; longitude: number; country: string; name: string; nameJa: string | null }[];
  links: { firstId: number; secondId: number }[];
}

const cached = new WeakMap<Db, MapDataset>();

/**
 * Every relationship in force with both parties' positions, for the world map. A Japanese LG with
 * no coordinates of its own is drawn at its parent's (city or prefecture seat), so its links show.
 * Read again only when the relationships have changed.
 */
export async function relationshipMap(db: Db): Promise<MapDataset> {
  const [stamp] = await queryRows<{ version: string }>(
    db,
    sql`select count(*) || '-' || coalesce(max(id), 0) || '-' || coalesce(max(extract(epoch from updated_at)), 0) as version from relationships`,
  );
  const version = stamp?.version ?? '0';
  const previous = cached.get(db);
  if (previous?.version === version) return previous;
  const [links] = await queryRows<{ first_ids: number[] | null; second_ids: number[] }>(
    db,
    sql`select array_agg(first_id order by id) as first_ids, array_agg(second_id order by id) as second_ids
      from relationships where status <> 'ended'`,
  );
  const [places] = await queryRows<{ ids: number[] | null; latitudes: number[]; longitudes: number[]; countries: string[]; names: string[]; names_ja: (string | null)[] }>(
    db,
    sql`select array_agg(lg.id) as ids,
        array_agg(coalesce(lg.latitude, parent.latitude, grandparent.latitude)) as latitudes,
        array_agg(coalesce(lg.longitude, parent.longitude, grandparent.longitude)) as longitudes,
        array_agg(lg.country) as countries, array_agg(lg.name_en) as names, array_agg(lg.name_ja) as names_ja
      from local_governments lg
      left join local_governments parent on parent.id = lg.parent_id
      left join local_governments grandparent on grandparent.id = parent.parent_id
      where lg.id in (select first_id from relationships union select second_id from relationships)
        and coalesce(lg.latitude, parent.latitude, grandparent.latitude) is not null`,
  );
  const dataset: MapDataset = {
    version,
    places: (places?.ids ?? []).map((id, i) => ({
      id,
      latitude: places!.latitudes[i]!,
      longitude: places!.longitudes[i]!,
      country: places!.countries[i]!.trim(),
      name: places!.names[i]!,
      nameJa: places!.names_ja[i] ?? null,
    })),
    links: (links?.first_ids ?? []).map((firstId, i) => ({ firstId, secondId: links!.second_ids[i]! })),
  };
  cached.set(db, dataset);
  return dataset;
}

/** Which relationships a map shows: Japan's (those with a Japanese party, domestic ones too) or the whole world's. */
export type MapScope = 'japan' | 'world';

const japanese = new WeakMap<MapDataset, MapDataset>();

/** The relationships of a scope and their places, with a version of their own; Japan's worked out once per dataset. */
export function mapScope(data: MapDataset, scope: MapScope): MapDataset {
  if (scope === 'world') return data;
  const found = japanese.get(data);
  if (found) return found;
  const byId = new Map(data.places.map((place) => [place.id, place]));
  const links = data.links.filter((link) => byId.get(link.firstId)?.country === 'JP' || byId.get(link.secondId)?.country === 'JP');
  const linked = new Set(links.flatMap((link) => [link.firstId, link.secondId]));
  const scoped = { version: `${data.version}-japan`, places: data.places.filter((place) => linked.has(place.id)), links };
  japanese.set(data, scoped);
  return scoped;
}
