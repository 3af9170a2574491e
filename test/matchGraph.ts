import type { MatchGraph, MatchPlace } from '../src/domain/matching.js';
import { foldName } from '../src/domain/names.js';
import { trigramsOf } from '../src/domain/trigrams.js';

/** A place for matchmaking's tests: a Japanese city or a municipality abroad unless told otherwise. */
export function place(id: number, fields: Partial<MatchPlace> & { name: string; country: string }): MatchPlace {
  const name = foldName(fields.name);
  return { id, region: null, regionLgId: null, kind: fields.country === 'JP' ? 'city' : 'municipality', population: null, latitude: null, longitude: null, themes: null, ...fields, name, nameGrams: trigramsOf(name) };
}

/** A graph over the places given, with the ties given, as the service builds it from the registry. */
export function graphOf(places: readonly MatchPlace[], ties: readonly (readonly [number, number])[]): MatchGraph {
  const partners = new Map<number, Set<number>>();
  for (const [a, b] of ties) {
    partners.set(a, (partners.get(a) ?? new Set()).add(b));
    partners.set(b, (partners.get(b) ?? new Set()).add(a));
  }
  const byId = new Map(places.map((item) => [item.id, item]));
  const partnersOf = (id: number): ReadonlySet<number> => partners.get(id) ?? new Set();
  return {
    partnersOf,
    degreeOf: (id) => partnersOf(id).size,
    tiesWith: (id, country) => [...partnersOf(id)].filter((partner) => byId.get(partner)?.country === country).length,
    placeOf: (id) => byId.get(id),
    membersOf: (region) => places.filter((item) => item.region === region).map((item) => item.id),
    placesIn: (country) => places.filter((item) => item.country === country).map((item) => item.id),
  };
}
