import { sql } from 'drizzle-orm';
import { itemsOf, selectMany } from '../db/bulk.js';
import type { Db } from '../db/client.js';
import { nameVariants } from '../domain/placeNames.js';
import { isFirstLevelKind } from '../domain/firstLevelRegions.js';
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

  private static keysOf(place: Candidate): Set<string> {
    const keys = new Set<string>();
    for (const name of place.foldedNames) {
      keys.add(name);
      if (name.includes(' ')) keys.add(name.replace(/ /g, ''));
    }
    return keys;
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
    let names = this.byName.get(place.country);
    if (!names) this.byName.set(place.country, (names = new Map()));
    for (const key of Gazetteer.keysOf(place)) {
      const list = names.get(key);
      if (list) list.push(place);
      else names.set(key, [place]);
    }
  }

  /** Records a municipality merged into an LG already added: its name finds the LG. */
  addFormerName(id: number, name: string, keys: string[]): void {
    const place = this.byId.get(id);
    if (!place) return;
    const names = this.formerNames.get(id) ?? new Map<string, string>();
    this.formerNames.set(id, names);
    const inCountry = this.byName.get(place.country)!;
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
      const names = this.byName.get(place.country)!;
      for (const key of Gazetteer.keysOf(place)) names.set(key, names.get(key)!.filter((other) => other.id !== id));
      const regions = this.regionsByCountry.get(place.country);
      if (regions) this.regionsByCountry.set(place.country, regions.filter((other) => other.id !== id));
    }
  }

  /** True when some place of the country lies in the coordinates' one-degree cell or a neighbouring one. */
  hasPlaceNear(country: string, latitude: number, longitude: number): boolean {
    for (let dLat = -1; dLat <= 1; dLat++) {
      for (let dLng = -1; dLng <= 1; dLng++) {
        if (this.cells.has(`${country}|${Math.floor(latitude) + dLat}|${Math.floor(longitude) + dLng}`)) return true;
      }
    }
    return false;
  }

  /** The reference gazetteer's places of the country within some kilometres of a point. */
  near(country: string, latitude: number, longitude: number, km: number): Candidate[] {
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

  /** Places in the country under any spelling variant of the name or of its qualified forms. */
  candidates(country: string, names: string[]): Candidate[] {
    const found = new Map<number, Candidate>();
    const inCountry = this.byName.get(country);
    if (!inCountry) return [];
    for (const name of names) {
      for (const variant of nameVariants(name)) {
        for (const key of [variant, variant.replace(/ /g, '')]) {
          for (const place of inCountry.get(key) ?? []) found.set(place.id, place);
        }
      }
    }
    return [...found.values()];
  }
}

const GAZETTEER_COLUMNS = ['id', 'country', 'kind', 'admin1', 'region_name', 'population', 'jis_code', 'verified', 'latitude', 'longitude', 'keys'] as const;

interface GazetteerRows {
  version: string;
  places: Record<(typeof GAZETTEER_COLUMNS)[number], string | null>[];
  formers: FormerName[];
}

/** The rows of the last gazetteer read, by database: they change only with the search version. */
const gazetteerRows = new WeakMap<Db, GazetteerRows>();

async function readGazetteerRows(db: Db, version: string): Promise<GazetteerRows> {
  const cached = gazetteerRows.get(db);
  if (cached?.version === version) return cached;
  const places = await selectMany(
    db,
    GAZETTEER_COLUMNS,
    // A Japanese LG without coordinates of its own is placed at its parent's, which is close enough
    // to tell it from a namesake in another prefecture.
    sql`select lg.id, lg.country, lg.kind, lg.admin1, lg.region_name, lg.population, lg.jis_code, lg.verified::int as verified,
        coalesce(lg.latitude, parent.latitude, grandparent.latitude) as latitude,
        coalesce(lg.longitude, parent.longitude, grandparent.longitude) as longitude,
        array_to_string(coalesce(recorded.keys, '{}') || coalesce(lg.alternate_keys, '{}'), chr(31)) as keys
      from local_governments lg
      left join (select local_government_id as id, array_agg(key) as keys from search_keys group by local_government_id) recorded on recorded.id = lg.id
      left join local_governments parent on parent.id = lg.parent_id
      left join local_governments grandparent on grandparent.id = parent.parent_id`,
  );
  const formers = await readFormerNames(db);
  // In id order, as the gazetteer has always been built: among equal candidates the older LG comes first.
  places.sort((a, b) => Number(a.id) - Number(b.id));
  const rows = { version, places, formers };
  gazetteerRows.set(db, rows);
  return rows;
}

/** The gazetteer as of a search version, built afresh (an import adds to it and takes away). */
export async function loadGazetteer(db: Db, version: string): Promise<Gazetteer> {
  const { places: rows, formers } = await readGazetteerRows(db, version);
  const gazetteer = new Gazetteer();
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

