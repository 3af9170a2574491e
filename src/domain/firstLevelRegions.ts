import { foldName } from './names.js';
import { distanceKm } from './resolution.js';

/** The kinds a first-level region abroad is recorded as: a US state, a Chinese province, … */
export const FIRST_LEVEL_KINDS = ['state', 'province', 'region', 'territory', 'county'] as const;
export type FirstLevelKind = (typeof FIRST_LEVEL_KINDS)[number];

/**
 * The source's word for a region by the kind Kizuna records. Types not listed are not regional
 * governments that a prefecture could partner with: municipalities, districts, boroughs, and the
 * cities that are regions of their own (Beijing, Busan, Berlin), which the gazetteer has as cities.
 */
const KIND_BY_TYPE = new Map<string, FirstLevelKind>([
  ['state', 'state'],
  ['land', 'state'],
  ['canton', 'state'],
  ['emirate', 'state'],
  ['province', 'province'],
  ['autonomous province', 'province'],
  ['special self-governing province', 'province'],
  ['prefecture', 'province'],
  ['governorate', 'province'],
  ['voivodship', 'province'],
  ['oblast', 'province'],
  ['department', 'province'],
  ['region', 'region'],
  ['autonomous region', 'region'],
  ['autonomous community', 'region'],
  ['administrative region', 'region'],
  ['republic', 'region'],
  ['overseas region', 'region'],
  ['metropolitan region', 'region'],
  ['territory', 'territory'],
  ['union territory', 'territory'],
  ['administrative territory', 'territory'],
  ['county', 'county'],
  ['two-tier county', 'county'],
]);

/** The kind of a first-level region by the type its source gives, or null when it is not one Kizuna records. */
export function firstLevelKindOf(type: string | null): FirstLevelKind | null {
  return type ? (KIND_BY_TYPE.get(type.trim().toLowerCase()) ?? null) : null;
}

export function isFirstLevelKind(kind: string): kind is FirstLevelKind {
  return (FIRST_LEVEL_KINDS as readonly string[]).includes(kind);
}

export interface RegionPoint {
  country: string;
  latitude: number;
  longitude: number;
}

export interface CodedPlace extends RegionPoint {
  admin1: string | null;
}

/**
 * GeoNames' first-level code for each region, where it can be told: the code of the populated
 * place nearest the region's point (a region's point lies inside it, and so, nearly always, does
 * the place nearest to it). A code that two regions would share is given to neither, and a region
 * whose nearest place is further than `maxKm` gets none. Returns the codes in the regions' order.
 */
export function admin1CodesByNearestPlace(regions: readonly RegionPoint[], places: readonly CodedPlace[], maxKm = 300): (string | null)[] {
  const byCountry = new Map<string, CodedPlace[]>();
  for (const place of places) {
    if (!place.admin1 || place.admin1 === '00') continue;
    const list = byCountry.get(place.country);
    if (list) list.push(place);
    else byCountry.set(place.country, [place]);
  }
  const nearest = regions.map((region) => {
    let best: { code: string; km: number } | null = null;
    for (const place of byCountry.get(region.country) ?? []) {
      const km = distanceKm(region.latitude, region.longitude, place.latitude, place.longitude);
      if (km <= maxKm && (!best || km < best.km)) best = { code: place.admin1!, km };
    }
    return best?.code ?? null;
  });
  const uses = new Map<string, number>();
  regions.forEach((region, index) => {
    const code = nearest[index];
    if (code) uses.set(`${region.country}|${code}`, (uses.get(`${region.country}|${code}`) ?? 0) + 1);
  });
  return nearest.map((code, index) => (code && uses.get(`${regions[index]!.country}|${code}`) === 1 ? code : null));
}

/**
 * True for each region that is a city in its own right (Berlin, Hamburg, Vienna): a place of the
 * same name lies within `km` of the region's point. The gazetteer has the city; the region would
 * be the same government twice.
 */
export function isCityRegion(regions: readonly (RegionPoint & { name: string })[], places: readonly (RegionPoint & { name: string })[], km = 40): boolean[] {
  const byName = new Map<string, RegionPoint[]>();
  for (const place of places) {
    const key = `${place.country}|${foldName(place.name)}`;
    const list = byName.get(key);
    if (list) list.push(place);
    else byName.set(key, [place]);
  }
  return regions.map((region) =>
    (byName.get(`${region.country}|${foldName(region.name)}`) ?? []).some(
      (place) => distanceKm(region.latitude, region.longitude, place.latitude, place.longitude) <= km,
    ),
  );
}
