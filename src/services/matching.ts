import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { prefectureIdOf } from '../db/fragments.js';
import { decide, type Actor } from '../domain/authorization.js';
import {
  bestCandidates,
  rankCandidates,
  seekerContext,
  type MatchGraph,
  type MatchListing,
  type MatchPart,
  type MatchPlace,
  type MatchReason,
  type MatchSide,
  type MatchWeights,
} from '../domain/matching.js';
import type { ListingStatus } from '../domain/listings.js';
import { foldName } from '../domain/names.js';
import { themesIn } from '../domain/themes.js';
import { TextSimilarity, termsOf } from '../domain/textSimilarity.js';
import { trigramsOf } from '../domain/trigrams.js';
import { notFound } from '../errors.js';
import { countriesOfDesiredRegions } from '../reference/desiredRegions.js';
import { getListing, publishedListings, type Listing } from './listings.js';
import { presentLocalGovernmentSummary, summaryColumns, type LocalGovernmentRow, type LocalGovernmentSummary } from './presenters.js';
import { searchVersion } from './searchIndex.js';
import { inTurns, nextTurn } from '../turns.js';

/**
 * Matchmaking over the whole registry: the places are read once into memory (again only when an
 * import or bootstrap changes them, as search does), the relationships whenever they have changed,
 * and the published listings on every request, since they are few and change often.
 */

export interface PlaceTable {
  version: string;
  places: Map<number, MatchPlace>;
  /** Each place as a candidate without a listing, made once rather than on every request. */
  sides: Map<number, MatchSide>;
  /** Places of the gazetteer (GeoNames) by country: the pool of a listing's desired countries. */
  gazetteerByCountry: Map<string, number[]>;
  /** Every place of each country, for seekers abroad, whose pool is Japan. */
  byCountry: Map<string, number[]>;
  membersByRegion: Map<string, number[]>;
  largestId: number;
}

export interface Ties {
  version: string;
  partners: Map<number, Set<number>>;
  partnerCountries: Map<number, Set<string>>;
}

const placeTables = new WeakMap<Db, Promise<PlaceTable>>();
const tieTables = new WeakMap<Db, Promise<Ties>>();

/** Reloads a cached table when its version has changed; a failed load is forgotten. */
async function cached<T extends { version: string }>(cache: WeakMap<Db, Promise<T>>, db: Db, version: string, load: () => Promise<T>): Promise<T> {
  const current = cache.get(db);
  if (current) {
    const table = await current.catch(() => undefined);
    if (table?.version === version) return table;
  }
  const loading = load();
  cache.set(db, loading);
  loading.catch(() => cache.delete(db));
  return loading;
}

/** The name matchmaking compares: the romaji in Japan, which has no "-shi", the English name elsewhere. */
const comparableName = (country: string, romaji: string, english: string) => foldName(country === 'JP' ? romaji : english);

async function loadPlaces(db: Db, version: string): Promise<PlaceTable> {
  // One row of arrays: PGlite returns a few long arrays much faster than 140,000 rows.
  const [columns] = await queryRows<{
    ids: number[];
    countries: string[];
    regions: (string | null)[];
    prefectures: (number | null)[];
    populations: (number | null)[];
    latitudes: (number | null)[];
    romaji: string[];
    english: string[];
    gazetteer: boolean[];
  }>(
    db,
    sql`select array_agg(lg.id order by lg.id) as ids, array_agg(lg.country order by lg.id) as countries,
        array_agg(lg.admin1 order by lg.id) as regions, array_agg(${prefectureIdOf('lg', 'parent')} order by lg.id) as prefectures,
        array_agg(lg.population order by lg.id) as populations,
        array_agg(coalesce(lg.latitude, parent.latitude) order by lg.id) as latitudes,
        array_agg(lg.name_romaji order by lg.id) as romaji, array_agg(lg.name_en order by lg.id) as english,
        array_agg(lg.geonames_id is not null order by lg.id) as gazetteer
      from local_governments lg left join local_governments parent on parent.id = lg.parent_id and lg.country = 'JP'
      where lg.in_coverage`,
  );
  const table: PlaceTable = { version, places: new Map(), sides: new Map(), gazetteerByCountry: new Map(), byCountry: new Map(), membersByRegion: new Map(), largestId: columns!.ids.at(-1) ?? 0 };
  const push = (map: Map<string, number[]>, key: string, id: number) => {
    const list = map.get(key);
    if (list) list.push(id);
    else map.set(key, [id]);
  };
  columns!.ids.forEach((id, i) => {
    const country = columns!.countries[i]!.trim();
    const prefecture = columns!.prefectures[i] ?? null;
    const admin1 = columns!.regions[i];
    const region = country === 'JP' ? (prefecture === null ? null : String(prefecture)) : admin1 ? `${country}|${admin1}` : null;
    const name = comparableName(country, columns!.romaji[i]!, columns!.english[i]!);
    const place: MatchPlace = {
      id,
      country,
      region,
      regionLgId: country === 'JP' ? prefecture : null,
      population: columns!.populations[i] ?? null,
      latitude: columns!.latitudes[i] ?? null,
      name,
      nameGrams: trigramsOf(name),
    };
    table.places.set(id, place);
    table.sides.set(id, { place, listing: null });
    push(table.byCountry, country, id);
    if (columns!.gazetteer[i]) push(table.gazetteerByCountry, country, id);
    if (region !== null) push(table.membersByRegion, region, id);
  });
  return table;
}

async function loadTies(db: Db, version: string): Promise<Ties> {
  const [columns] = await queryRows<{ firsts: number[] | null; seconds: number[] | null; first_countries: string[] | null; second_countries: string[] | null }>(
    db,
    sql`select array_agg(first_id) as firsts, array_agg(second_id) as seconds,
          array_agg(first_country) as first_countries, array_agg(second_country) as second_countries
        from relationships where status <> 'ended'`,
  );
  const partners = new Map<number, Set<number>>();
  const partnerCountries = new Map<number, Set<string>>();
  const add = <T>(map: Map<number, Set<T>>, key: number, value: T) => {
    const set = map.get(key);
    if (set) set.add(value);
    else map.set(key, new Set([value]));
  };
  (columns?.firsts ?? []).forEach((first, i) => {
    const second = columns!.seconds![i]!;
    add(partners, first, second);
    add(partners, second, first);
    add(partnerCountries, first, columns!.second_countries![i]!.trim());
    add(partnerCountries, second, columns!.first_countries![i]!.trim());
  });
  return { version, partners, partnerCountries };
}

async function tiesVersion(db: Db): Promise<string> {
  const [row] = await queryRows<{ version: string }>(db, sql`select concat(count(*), '/', max(id), '/', max(updated_at)) as version from relationships`);
  return row!.version;
}

/** The places and the ties, from memory when neither has changed since they were read. */
export async function matchTables(db: Db): Promise<{ places: PlaceTable; ties: Ties }> {
  const [places, ties] = await Promise.all([
    searchVersion(db).then((version) => cached(placeTables, db, version, () => loadPlaces(db, version))),
    tiesVersion(db).then((version) => cached(tieTables, db, version, () => loadTies(db, version))),
  ]);
  return { places, ties };
}

const NO_PARTNERS: ReadonlySet<number> = new Set();
const NO_COUNTRIES: ReadonlySet<string> = new Set();

/** The ties over the places, as the domain's rules read them. */
export function matchGraph(places: PlaceTable, ties: Ties): MatchGraph {
  return {
    partnersOf: (id) => ties.partners.get(id) ?? NO_PARTNERS,
    partnerCountriesOf: (id) => ties.partnerCountries.get(id) ?? NO_COUNTRIES,
    placeOf: (id) => places.places.get(id),
    membersOf: (region) => places.membersByRegion.get(region) ?? [],
  };
}

/** A listing's texts in both languages, for its themes and its words. */
const listingText = (listing: Listing) =>
  [listing.outline, listing.characteristics, listing.pr].flatMap((text) => [text.en, text.ja]).join('\n');

/** What matchmaking reads from listings: their wants, themes and unit text vectors over these listings' own vocabulary. */
function matchListings(listings: readonly Listing[]): Map<number, MatchListing> {
  const terms = listings.map((listing) => termsOf(listingText(listing)));
  const corpus = new TextSimilarity(terms);
  return new Map(
    listings.map((listing, i) => {
      const wants =
        listing.direction === 'to-japan'
          ? [{ code: 'country:JP', countries: new Set(['JP']) }]
          : listing.desiredRegions.map((code) => ({ code, countries: countriesOfDesiredRegions([code]) }));
      const text = listingText(listing);
      return [
        listing.localGovernment.id,
        { listingId: listing.id, wants, population: listing.population, themes: themesIn(text), fields: new Set(listing.fields), text: corpus.vectorOf(terms[i]!) },
      ];
    }),
  );
}

/** The listing matchmaking uses for an LG: its open one if the actor may see it, else its published one. */
async function seekerListing(db: Db, actor: Actor, lgId: number, published: readonly Listing[]): Promise<Listing | null> {
  if (decide(actor, { do: 'listing.read-unpublished', localGovernmentId: lgId }).allowed) {
    const [open] = await queryRows<{ id: number }>(db, sql`select id from listings where local_government_id = ${lgId} and status <> 'closed'`);
    if (open) return getListing(db, actor, open.id);
  }
  return published.find((listing) => listing.localGovernment.id === lgId) ?? null;
}

/** Candidates scored between two turns of the event loop (a few milliseconds). */
const RANKING_SLICE = 1_000;

export interface MatchOptions {
  weights: MatchWeights;
  limit: number;
}

export interface MatchCandidate {
  rank: number;
  localGovernment: LocalGovernmentSummary;
  listing: { id: number; url: string } | null;
  score: number;
  parts: MatchPart[];
}

export interface MatchResult {
  seeker: LocalGovernmentSummary;
  seekerListing: { id: number; url: string; status: ListingStatus } | null;
  /** How many candidates were ranked. */
  poolSize: number;
  weights: MatchWeights;
  candidates: MatchCandidate[];
  /** Every LG a reason names, by id. */
  named: Map<number, LocalGovernmentSummary>;
}

/** The short forms of some LGs, by id; unknown ids are left out. */
export async function localGovernmentSummaries(db: Db, ids: readonly number[]): Promise<Map<number, LocalGovernmentSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<LocalGovernmentRow>(db, sql`select ${sql.raw(summaryColumns('lg'))} from local_governments lg where lg.id in ${[...new Set(ids)]}`);
  return new Map(rows.map((row) => [row.id, presentLocalGovernmentSummary(row)]));
}

const namedIn = (reason: MatchReason): number[] => {
  switch (reason.factor) {
    case 'network':
      return reason.kind === 'sharedPartner' ? [reason.partner] : reason.kind === 'regionPartner' ? [reason.region, reason.partner] : reason.kind === 'neighbourTwinned' ? [reason.neighbour] : [reason.member, reason.partner];
    case 'name':
      return [reason.seekerId, reason.candidateId];
    default:
      return [];
  }
};

/**
 * Candidates for a local government, best first. The pool: every LG with a published listing that
 * could want it, every LG of the registry with a relationship, and, for a listing, the gazetteer's
 * places of the countries it wants. A Japanese LG is matched with LGs abroad, and one abroad with
 * Japanese LGs; its present partners are left out.
 */
export async function matchCandidates(db: Db, actor: Actor, lgId: number, options: MatchOptions): Promise<MatchResult> {
  const [{ places, ties }, published] = await Promise.all([
    matchTables(db),
    Promise.all([publishedListings(db, { direction: 'from-japan' }), publishedListings(db, { direction: 'to-japan' })]).then((lists) => lists.flat()),
  ]);
  const place = places.places.get(lgId);
  if (!place) throw notFound(`Local government ${lgId}`);
  const own = await seekerListing(db, actor, lgId, published);
  const listings = matchListings(own ? [own, ...published.filter((listing) => listing.id !== own.id)] : published);
  const graph = matchGraph(places, ties);
  const seeker: MatchSide = { place, listing: listings.get(lgId) ?? null };
  await nextTurn();
  const pool = candidatePool(places, ties, graph, seeker, listings);
  await nextTurn();
  const context = seekerContext(seeker, graph);
  // A slice at a time, so that other requests are answered in between; the best of the slices, slice
  // after slice, are ranked again, which ranks them as one pass over the pool would.
  const finalists = await inTurns(pool, RANKING_SLICE, (slice) => bestCandidates(context, slice, options.weights, options.limit));
  const ranked = rankCandidates(context, finalists.flat(), options.weights, options.limit);

  const named = await localGovernmentSummaries(db, [lgId, ...ranked.flatMap((candidate) => [candidate.id, ...candidate.parts.flatMap((part) => part.reasons.flatMap(namedIn))])]);
  const listingLink = (id: number | undefined) => (id === undefined ? null : { id, url: `/listings/${id}` });
  return {
    seeker: named.get(lgId)!,
    seekerListing: own && { id: own.id, url: own.url, status: own.status },
    poolSize: pool.length,
    weights: options.weights,
    candidates: ranked.map((candidate, i) => ({
      rank: i + 1,
      localGovernment: named.get(candidate.id)!,
      listing: listingLink(listings.get(candidate.id)?.listingId),
      score: candidate.score,
      parts: candidate.parts,
    })),
    named,
  };
}

function candidatePool(places: PlaceTable, ties: Ties, graph: MatchGraph, seeker: MatchSide, listings: ReadonlyMap<number, MatchListing>): MatchSide[] {
  const self = seeker.place;
  const fromJapan = self.country === 'JP';
  const partners = graph.partnersOf(self.id);
  const pool: MatchSide[] = [];
  // Ids are dense, so a byte per id is far cheaper than a set of tens of thousands.
  const taken = new Uint8Array(places.largestId + 1);
  for (const id of [self.id, ...partners]) taken[id] = 1;
  const add = (id: number) => {
    if (taken[id]) return;
    taken[id] = 1;
    const listing = listings.get(id);
    const side = listing ? { place: places.places.get(id)!, listing } : places.sides.get(id);
    if (side && (side.place.country === 'JP') !== fromJapan) pool.push(side);
  };
  if (fromJapan) {
    for (const country of new Set(seeker.listing?.wants.flatMap((region) => [...region.countries]) ?? [])) {
      for (const id of places.gazetteerByCountry.get(country) ?? []) add(id);
    }
    for (const id of listings.keys()) add(id);
    for (const id of ties.partners.keys()) add(id);
  } else {
    for (const id of places.byCountry.get('JP') ?? []) add(id);
    for (const id of listings.keys()) add(id);
  }
  return pool;
}
