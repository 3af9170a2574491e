import { sql, type SQL } from 'drizzle-orm';
import { itemsOf, selectMany } from '../db/bulk.js';
import type { Db } from '../db/client.js';
import { nameVariants } from '../domain/placeNames.js';
import { FIRST_LEVEL_KINDS, isFirstLevelKind } from '../domain/firstLevelRegions.js';
import { closestBySound } from '../domain/katakanaSounds.js';
import { distanceKm, type Candidate } from '../domain/resolution.js';
import { readFormerNames, type FormerName } from './formerMunicipalities.js';

const KATAKANA = /^[\p{Script=Katakana}ー・\s]+$/u;
const LATIN = /^[a-z ]+$/;

/** The gazetteer in memory, indexed by country and folded name (and the same without spaces). */
export class Gazetteer {
  /** Places by country, then by folded name and the same without spaces. */
  private readonly byName = new Map<string, Map<string, Candidate[]>>();
  private readonly byId = new Map<number, Candidate>();
  /** The names of municipalities merged into an LG, by LG and folded key. */
  private readonly formerNames = new Map<number, Map<string, string>>();
  /** Which one-degree cells hold a place of which country. */
  private readonly cells = new Set<string>();
  /** The places of the reference gazetteer by country and one-degree cell, for finding those near a point. */
  private readonly placesByCell = new Map<string, Candidate[]>();
  /** States, provinces and like regions by country. */
  private readonly regionsByCountry = new Map<string, Candidate[]>();

  /**
   * @param loadedFor the lookup keys of the names it was loaded for, when it holds only the places
   *   with those names (and every Japanese LG and region): asked for another name, it throws
   *   rather than answer wrongly. Such a gazetteer cannot say what lies near a point either.
   */
  constructor(private readonly loadedFor: ReadonlySet<string> | null = null) {}

  /**
   * Places of the countries whose names are not indexed yet: a country's index is built when it is
   * first asked for, so that an import of a few countries' rows does not index the whole world.
   */
  private readonly unindexed = new Map<string, Candidate[]>();

  private static index(names: Map<string, Candidate[]>, place: Candidate): void {
    const put = (key: string) => {
      const list = names.get(key);
      if (!list) names.set(key, [place]);
      else if (list[list.length - 1] !== place) list.push(place);
    };
    for (const name of place.foldedNames) {
      put(name);
      if (name.includes(' ')) put(name.replace(/ /g, ''));
    }
  }

  /** The country's places by folded name, indexed now if they were not. */
  private namesIn(country: string): Map<string, Candidate[]> {
    let names = this.byName.get(country);
    if (!names) this.byName.set(country, (names = new Map()));
    const pending = this.unindexed.get(country);
    if (pending) {
      this.unindexed.delete(country);
      for (const place of pending) Gazetteer.index(names, place);
    }
    return names;
  }

  /** Adds a place; only places of the reference gazetteer say where a country lies. */
  add(place: Candidate, marksCountry: boolean): void {
    if (marksCountry && place.latitude !== null && place.longitude !== null) {
      const cell = `${place.country}|${Math.floor(place.latitude)}|${Math.floor(place.longitude)}`;
      this.cells.add(cell);
      const list = this.placesByCell.get(cell);
      if (list) list.push(place);
      else this.placesByCell.set(cell, [place]);
    }
    this.byId.set(place.id, place);
    if (isFirstLevelKind(place.kind)) {
      const regions = this.regionsByCountry.get(place.country);
      if (regions) regions.push(place);
      else this.regionsByCountry.set(place.country, [place]);
    }
    const names = this.byName.get(place.country);
    if (names) {
      Gazetteer.index(names, place);
      return;
    }
    const pending = this.unindexed.get(place.country);
    if (pending) pending.push(place);
    else this.unindexed.set(place.country, [place]);
  }

  /** Records a municipality merged into an LG already added: its name finds the LG. */
  addFormerName(id: number, name: string, keys: string[]): void {
    const place = this.byId.get(id);
    if (!place) return;
    const names = this.formerNames.get(id) ?? new Map<string, string>();
    this.formerNames.set(id, names);
    const inCountry = this.namesIn(place.country);
    for (const key of keys) {
      if (place.foldedNames.includes(key) || names.has(key)) continue;
      names.set(key, name);
      place.foldedNames.push(key);
      for (const spelling of new Set([key, key.replace(/ /g, '')])) inCountry.set(spelling, [...(inCountry.get(spelling) ?? []), place]);
    }
  }

  /** The former municipality a name of the LG stands for, when the name is not the LG's own. */
  formerNameOf(id: number, name: string): string | undefined {
    const names = this.formerNames.get(id);
    if (!names) return undefined;
    for (const variant of nameVariants(name)) {
      const former = names.get(variant) ?? names.get(variant.replace(/ /g, ''));
      if (former) return former;
    }
    return undefined;
  }

  /** Takes places out again (ones this import meant to create, then found no use for). */
  remove(ids: Set<number>): void {
    for (const id of ids) {
      const place = this.byId.get(id);
      if (!place) continue;
      this.byId.delete(id);
      const names = this.namesIn(place.country);
      for (const name of place.foldedNames) {
        for (const key of [name, name.replace(/ /g, '')]) {
          const list = names.get(key);
          if (list) names.set(key, list.filter((other) => other.id !== id));
        }
      }
      const regions = this.regionsByCountry.get(place.country);
      if (regions) this.regionsByCountry.set(place.country, regions.filter((other) => other.id !== id));
    }
  }

  private mustBeWhole(): void {
    if (this.loadedFor) throw new Error('A gazetteer loaded for some names cannot tell what lies near a point');
  }

  /** True when some place of the country lies in the coordinates' one-degree cell or a neighbouring one. */
  hasPlaceNear(country: string, latitude: number, longitude: number): boolean {
    this.mustBeWhole();
    for (let dLat = -1; dLat <= 1; dLat++) {
      for (let dLng = -1; dLng <= 1; dLng++) {
        if (this.cells.has(`${country}|${Math.floor(latitude) + dLat}|${Math.floor(longitude) + dLng}`)) return true;
      }
    }
    return false;
  }

  /** The reference gazetteer's places of the country within some kilometres of a point. */
  near(country: string, latitude: number, longitude: number, km: number): Candidate[] {
    this.mustBeWhole();
    const found: Candidate[] = [];
    for (let dLat = -1; dLat <= 1; dLat++) {
      for (let dLng = -1; dLng <= 1; dLng++) {
        for (const place of this.placesByCell.get(`${country}|${Math.floor(latitude) + dLat}|${Math.floor(longitude) + dLng}`) ?? []) {
          if (distanceKm(latitude, longitude, place.latitude!, place.longitude!) <= km) found.push(place);
        }
      }
    }
    return found;
  }

  /**
   * The state, province or like region of the country that a name means (Oregon, 江蘇, 遼寧省), or
   * failing that whose Latin name a katakana name sounds like (オレゴン): undefined when none or
   * several fit.
   */
  firstLevelRegion(country: string, names: string[]): Candidate | undefined {
    const byName = this.candidates(country, names).filter((candidate) => isFirstLevelKind(candidate.kind));
    if (byName.length > 0) return byName.length === 1 ? byName[0] : undefined;
    const katakana = names.find((name) => KATAKANA.test(name));
    if (!katakana) return undefined;
    const regions = (this.regionsByCountry.get(country) ?? []).map((region) => ({ region, names: region.foldedNames.filter((name) => LATIN.test(name)) }));
    return closestBySound(katakana, regions)?.region;
  }

  /**
   * The towns and cities in the country under any of the names: what a pairs list or a sheet means
   * by a partner. A state or province of the same name (Washington) is not one; see firstLevelRegion.
   */
  towns(country: string, names: string[]): Candidate[] {
    return this.candidates(country, names).filter((candidate) => !isFirstLevelKind(candidate.kind));
  }

  /** Places in the country under any spelling variant of the name or of its qualified forms. */
  candidates(country: string, names: string[]): Candidate[] {
    const found = new Map<number, Candidate>();
    const inCountry = this.namesIn(country);
    for (const key of lookupKeys(names)) {
      if (this.loadedFor && !this.loadedFor.has(key)) throw new Error(`The gazetteer was loaded for other names than "${key}"`);
      for (const place of inCountry.get(key) ?? []) found.set(place.id, place);
    }
    return [...found.values()];
  }
}

/** The keys under which the gazetteer looks names up: each spelling variant, with and without its spaces. */
export function lookupKeys(names: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (const name of names) {
    for (const variant of nameVariants(name)) {
      keys.add(variant);
      keys.add(variant.replace(/ /g, ''));
    }
  }
  return keys;
}

const GAZETTEER_COLUMNS = ['id', 'country', 'kind', 'admin1', 'region_name', 'population', 'jis_code', 'verified', 'latitude', 'longitude', 'keys'] as const;

type GazetteerRow = Record<(typeof GAZETTEER_COLUMNS)[number], string | null>;

interface GazetteerRows {
  version: string;
  places: GazetteerRow[];
  formers: FormerName[];
}

/** The rows of the last whole gazetteer read, by database: they change only with the search version. */
const gazetteerRows = new WeakMap<Db, GazetteerRows>();

/**
 * The gazetteer's places, with all their name keys. A Japanese LG without coordinates of its own
 * is placed at its parent's, which is close enough to tell it from a namesake in another prefecture.
 * `keys` is an expression of the LG's keys of record; `where` chooses the LGs, or takes all.
 */
async function selectPlaces(db: Db, keysOfRecord: SQL, joins: SQL, where: SQL): Promise<GazetteerRow[]> {
  const places = await selectMany(
    db,
    GAZETTEER_COLUMNS,
    sql`select lg.id, lg.country, lg.kind, lg.admin1, lg.region_name, lg.population, lg.jis_code, lg.verified::int as verified,
        coalesce(lg.latitude, parent.latitude, grandparent.latitude) as latitude,
        coalesce(lg.longitude, parent.longitude, grandparent.longitude) as longitude,
        array_to_string(coalesce(${keysOfRecord}, '{}') || coalesce(lg.alternate_keys, '{}'), chr(31)) as keys
      from local_governments lg ${joins}
      left join local_governments parent on parent.id = lg.parent_id
      left join local_governments grandparent on grandparent.id = parent.parent_id
      ${where}`,
  );
  // In id order, as the gazetteer has always been built: among equal candidates the older LG comes first.
  return places.sort((a, b) => Number(a.id) - Number(b.id));
}

async function readGazetteerRows(db: Db, version: string): Promise<GazetteerRows> {
  const cached = gazetteerRows.get(db);
  if (cached?.version === version) return cached;
  const places = await selectPlaces(
    db,
    sql`recorded.keys`,
    sql`left join (select local_government_id as id, array_agg(key) as keys from search_keys group by local_government_id) recorded on recorded.id = lg.id`,
    sql``,
  );
  const rows = { version, places, formers: await readFormerNames(db) };
  gazetteerRows.set(db, rows);
  return rows;
}

/**
 * The gazetteer as of a search version, built afresh (an import adds to it and takes away): the
 * whole of it, or, given the names an import will look up, the places under those names with every
 * Japanese LG and every region, which is read in a fraction of the time.
 */
export async function loadGazetteer(db: Db, version: string, names?: readonly string[]): Promise<Gazetteer> {
  let rows: GazetteerRow[];
  let formers: FormerName[];
  let keys: Set<string> | null = null;
  if (names) {
    keys = lookupKeys(names);
    const wanted = sql.param([...keys]);
    rows = await selectPlaces(
      db,
      sql`(select array_agg(k.key) from search_keys k where k.local_government_id = lg.id)`,
      // Joins with the wanted keys (hash joins), in a union: `= any(array)` or `in` under an `or`
      // would compare each of 200,000 places with every key.
      sql`join (
          select local_government_id as id from search_keys join unnest(${wanted}::text[]) as wanted(key) using (key)
          union select alternate.id from (select id, unnest(alternate_keys) as key from local_governments) as alternate
            join unnest(${wanted}::text[]) as wanted(key) using (key)
          union select id from local_governments where country = 'JP' or kind = any(${sql.param([...FIRST_LEVEL_KINDS])}::text[])
        ) as chosen on chosen.id = lg.id`,
      sql``,
    );
    formers = await readFormerNames(db);
  } else {
    ({ places: rows, formers } = await readGazetteerRows(db, version));
  }
  const gazetteer = new Gazetteer(keys);
  const numberOrNull = (text: string | null) => (text === null ? null : Number(text));
  for (const row of rows) {
    const country = row.country!.trim();
    gazetteer.add({
      id: Number(row.id),
      foldedNames: itemsOf(row.keys),
      country,
      // Japanese LGs carry their prefecture's two-digit code, which the JP qualifier lookup gives.
      admin1: country === 'JP' && row.jis_code ? row.jis_code.slice(0, 2) : row.admin1,
      regionName: row.region_name,
      population: numberOrNull(row.population),
      latitude: numberOrNull(row.latitude),
      longitude: numberOrNull(row.longitude),
      kind: row.kind!,
    }, row.verified === '1' && !isFirstLevelKind(row.kind!));
  }
  for (const former of formers) gazetteer.addFormerName(former.successorId, former.name, former.keys);
  return gazetteer;
}
