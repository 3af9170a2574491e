import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { prefectureIdOf } from '../db/fragments.js';
import { decide, type Actor } from '../domain/authorization.js';
import {
  bestCandidates,
  bestOfPrepared,
  canPartner,
  preparePool,
  partnerClass,
  shortlistFor,
  rankCandidates,
  seekerContext,
  type MatchGraph,
  type MatchListing,
  type MatchPart,
  type MatchPlace,
  type MatchReason,
  type MatchSide,
  type MatchWeights,
  type CountryLinks,
  type PreparedPool,
  type RankedCandidate,
} from '../domain/matching.js';
import type { ListingStatus } from '../domain/listings.js';
import { keptUnderVersion } from './registerVersion.js';
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
  /** Every place of each country. */
  byCountry: Map<string, number[]>;
  /**
   * Each country's places as candidates without a listing, and (under null) every place outside
   * Japan: made once rather than on every request.
   */
  sidesIn: Map<string | null, MatchSide[]>;
  /** The sides that could be a party with a seeker, by partnerClass: filtered once, not on every request. */
  eligible: Map<string, MatchSide[]>;
  membersByRegion: Map<string, number[]>;
}

export interface Ties {
  version: string;
  partners: Map<number, Set<number>>;
  /** Each LG's number of partners, by id. */
  degrees: Int32Array;
  /** Each LG's number of partners in a country, by id: made for a country when first asked for. */
  tiesWith: Map<string, Int32Array>;

  /** The ties as read, for tiesWith. */
  pairs: { firsts: number[]; seconds: number[]; firstCountries: string[]; secondCountries: string[] };
}

const placeTables = new WeakMap<Db, Promise<PlaceTable>>();
const tieTables = new WeakMap<Db, Promise<Ties>>();


/** The name matchmaking compares: the romaji in Japan, which has no "-shi", the English name elsewhere. */
const comparableName = (country: string, romaji: string, english: string) => foldName(country === 'JP' ? romaji : english);

async function loadPlaces(db: Db, version: string): Promise<PlaceTable> {
  // One row of arrays: PGlite returns a few long arrays much faster than 140,000 rows.
  const [columns] = await queryRows<{
    ids: number[];
    countries: string[];
    regions: (string | null)[];
    prefectures: (number | null)[];
    kinds: string[];
    populations: (number | null)[];
    latitudes: (number | null)[];
    longitudes: (number | null)[];
    romaji: string[];
    english: string[];
  }>(
    db,
    sql`select array_agg(lg.id order by lg.id) as ids, array_agg(lg.country order by lg.id) as countries,
        array_agg(lg.admin1 order by lg.id) as regions, array_agg(${prefectureIdOf('lg', 'parent')} order by lg.id) as prefectures,
        array_agg(lg.kind order by lg.id) as kinds, array_agg(lg.population order by lg.id) as populations,
        array_agg(case when lg.latitude is null then parent.latitude else lg.latitude end order by lg.id) as latitudes,
        array_agg(case when lg.latitude is null then parent.longitude else lg.longitude end order by lg.id) as longitudes,
        array_agg(lg.name_romaji order by lg.id) as romaji, array_agg(lg.name_en order by lg.id) as english
      from local_governments lg left join local_governments parent on parent.id = lg.parent_id and lg.country = 'JP'
      where lg.in_coverage`,
  );
  const table: PlaceTable = { version, places: new Map(), byCountry: new Map(), sidesIn: new Map([[null, []]]), eligible: new Map(), membersByRegion: new Map() };
  const push = <K, T>(map: Map<K, T[]>, key: K, item: T) => {
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  };
  for (let i = 0; i < columns!.ids.length; i++) {
    // Read in the background while serving: let requests through between slices of places.
    if (i % 20_000 === 19_999) await new Promise((resolve) => setImmediate(resolve));
    const id = columns!.ids[i]!;
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
      kind: columns!.kinds[i]!,
      population: columns!.populations[i] ?? null,
      latitude: columns!.latitudes[i] ?? null,
      longitude: columns!.longitudes[i] ?? null,
      name,
      nameGrams: trigramsOf(name),
      themes: null,
    };
    const side = { place, listing: null };
    table.places.set(id, place);
    push(table.byCountry, country, id);
    push(table.sidesIn, country, side);
    if (country !== 'JP') push(table.sidesIn, null, side);
    if (region !== null) push(table.membersByRegion, region, id);
  }
  // Few places have a description: read apart, so that the long arrays above carry no texts.
  const described = await queryRows<{ id: number; description: string }>(db, sql`select id, description from local_governments where in_coverage and description <> ''`);
  for (const { id, description } of described) {
    const place = table.places.get(id);
    if (place) place.themes = themesIn(description);
  }
  return table;
}

async function loadTies(db: Db, version: string): Promise<Ties> {
  const [columns] = await queryRows<{ firsts: number[] | null; seconds: number[] | null; first_countries: string[] | null; second_countries: string[] | null }>(
    db,
    sql`select array_agg(first_id) as firsts, array_agg(second_id) as seconds,
          array_agg(first_country) as first_countries, array_agg(second_country) as second_countries
        from relationships where status <> 'ended'`,
  );
  const pairs = {
    firsts: columns?.firsts ?? [],
    seconds: columns?.seconds ?? [],
    firstCountries: (columns?.first_countries ?? []).map((country) => country.trim()),
    secondCountries: (columns?.second_countries ?? []).map((country) => country.trim()),
  };
  const partners = new Map<number, Set<number>>();
  const add = (key: number, value: number) => {
    const set = partners.get(key);
    if (set) set.add(value);
    else partners.set(key, new Set([value]));
  };
  pairs.firsts.forEach((first, i) => {
    add(first, pairs.seconds[i]!);
    add(pairs.seconds[i]!, first);
  });
  const degrees = new Int32Array([...partners.keys()].reduce((largest, id) => Math.max(largest, id), 0) + 1);
  for (const [id, set] of partners) degrees[id] = set.size;
  return { version, partners, degrees, tiesWith: new Map(), pairs };
}

/** Each LG's number of partners in a country, by id. */
function tiesWithCountry(ties: Ties, country: string): Int32Array {
  let counts = ties.tiesWith.get(country);
  if (counts) return counts;
  const table = new Int32Array(ties.degrees.length);
  const { firsts, seconds, firstCountries, secondCountries } = ties.pairs;
  // A pair recorded twice under two labels is one partner, as partnersOf counts it.
  const seen = new Set<string>();
  for (let i = 0; i < firsts.length; i++) {
    const key = `${firsts[i]}|${seconds[i]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (secondCountries[i] === country) table[firsts[i]!]! += 1;
    if (firstCountries[i] === country) table[seconds[i]!]! += 1;
  }
  ties.tiesWith.set(country, table);
  counts = table;
  return counts;
}

async function tiesVersion(db: Db): Promise<string> {
  const [row] = await queryRows<{ version: string }>(db, sql`select concat(count(*), '/', max(id), '/', max(updated_at)) as version from relationships`);
  return row!.version;
}

/** The places and the ties, from memory when neither has changed since they were read. */
export async function matchTables(db: Db): Promise<{ places: PlaceTable; ties: Ties }> {
  const [places, ties] = await Promise.all([
    searchVersion(db).then((version) => keptUnderVersion(placeTables, db, version, () => loadPlaces(db, version))),
    tiesVersion(db).then((version) => keptUnderVersion(tieTables, db, version, () => loadTies(db, version))),
  ]);
  return { places, ties };
}

const NO_PARTNERS: ReadonlySet<number> = new Set();

/** The ties over the places, as the domain's rules read them. */
export function matchGraph(places: PlaceTable, ties: Ties): MatchGraph {
  return {
    partnersOf: (id) => ties.partners.get(id) ?? NO_PARTNERS,
    degreeOf: (id) => ties.degrees[id] ?? 0,
    tiesWith: (id, country) => tiesWithCountry(ties, country)[id] ?? 0,
    placeOf: (id) => places.places.get(id),
    membersOf: (region) => places.membersByRegion.get(region) ?? [],
    placesIn: (country) => places.byCountry.get(country) ?? [],
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
      switch (reason.kind) {
        case 'sharedPartner':
          return [reason.partner];
        case 'regionPartner':
          return [reason.region, reason.partner];
        case 'neighbourTwinned':
          return [reason.neighbour];
        case 'regionTwinned':
          return [reason.member];
        case 'regionTies':
          return [reason.member, reason.partner];
      }
      break;
    case 'name':
      return [reason.seekerId, reason.candidateId];
    case 'countryTies':
      return [reason.example];
  }
  return [];
};

/** Candidates for a local government, best first, from every candidate that could be a party with it (candidatePool). */
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
  const pool = candidatePool(places, graph, seeker, listings);
  await nextTurn();
  const context = seekerContext(seeker, graph);
  // A slice at a time, so that other requests are answered in between; the best of the slices, slice
  // after slice, are ranked again, which ranks them as one pass over the pool would.
  const finalists = await inTurns(pool, RANKING_SLICE, (slice) => bestCandidates(context, slice, options.weights, shortlistFor(options.limit)));
  const ranked = rankCandidates(context, finalists.flat(), options.weights, options.limit);

  const named = await localGovernmentSummaries(db, [lgId, ...namedBy(ranked)]);
  return matchResult({ seekerId: lgId, own, poolSize: pool.length, weights: options.weights, ranked }, listings, named);
}

/** Every LG the candidates and their reasons name. */
const namedBy = (ranked: readonly RankedCandidate[]) => ranked.flatMap((candidate) => [candidate.id, ...candidate.parts.flatMap((part) => part.reasons.flatMap(namedIn))]);

/** A seeker's ranking as the API, the pages and the CLI present it: each LG by its short form, each candidate's listing linked. */
function matchResult(
  ranking: { seekerId: number; own: Listing | null | undefined; poolSize: number; weights: MatchWeights; ranked: readonly RankedCandidate[] },
  listings: ReadonlyMap<number, MatchListing>,
  named: Map<number, LocalGovernmentSummary>,
): MatchResult {
  const listingLink = (id: number | undefined) => (id === undefined ? null : { id, url: `/listings/${id}` });
  const { own } = ranking;
  return {
    seeker: named.get(ranking.seekerId)!,
    seekerListing: own ? { id: own.id, url: own.url, status: own.status } : null,
    poolSize: ranking.poolSize,
    weights: ranking.weights,
    candidates: ranking.ranked.map((candidate, i) => ({
      rank: i + 1,
      localGovernment: named.get(candidate.id)!,
      listing: listingLink(listings.get(candidate.id)?.listingId),
      score: candidate.score,
      parts: candidate.parts,
    })),
    named,
  };
}

/**
 * Candidates for many LGs in one batch, each ranked as matchCandidates ranks it for the public (with
 * the published listings), its best `limit` with their reasons. Each kind of seeker's pool is
 * prepared once per country with the factors every seeker of that country shares (preparePool), so
 * that each ranking adds only the seeker's own factors over flat arrays: a few milliseconds a seeker
 * rather than a full pass over two hundred thousand places. `candidates` narrows every pool (to one
 * prefecture's LGs, say). Gives way to other work between seekers.
 */
export async function matchCandidatesInBatch(
  db: Db,
  lgIds: readonly number[],
  options: MatchOptions & { candidates?: (place: MatchPlace) => boolean },
): Promise<MatchResult[]> {
  const [{ places, ties }, published] = await Promise.all([
    matchTables(db),
    Promise.all([publishedListings(db, { direction: 'from-japan' }), publishedListings(db, { direction: 'to-japan' })]).then((lists) => lists.flat()),
  ]);
  const listings = matchListings(published);
  const graph = matchGraph(places, ties);
  const pools = new Map<string, PreparedPool>();
  const countryLinks = new Map<string, CountryLinks>();
  const ranked: { seeker: MatchSide; poolSize: number; candidates: ReturnType<typeof rankCandidates> }[] = [];
  for (const id of lgIds) {
    const place = places.places.get(id);
    if (!place) throw notFound(`Local government ${id}`);
    const seeker: MatchSide = { place, listing: listings.get(id) ?? null };
    const context = seekerContext(seeker, graph, countryLinks);
    const key = `${place.country}|${partnerClass(place)}`;
    let prepared = pools.get(key);
    if (!prepared) {
      // Every eligible place, partners too: each seeker leaves out its own.
      const pool = eligibleFor(places, place)
        .filter((side) => !options.candidates || options.candidates(side.place))
        .map((side) => {
          const listing = listings.get(side.place.id);
          return listing ? { place: side.place, listing } : side;
        });
      pools.set(key, (prepared = preparePool(context, pool, options.weights)));
    }
    const partners = graph.partnersOf(id);
    const shortlist = bestOfPrepared(context, prepared, options.weights, shortlistFor(options.limit), partners);
    ranked.push({ seeker, poolSize: prepared.sides.length, candidates: rankCandidates(context, shortlist, options.weights, options.limit) });
    await nextTurn();
  }
  const named = await localGovernmentSummaries(db, [...lgIds, ...ranked.flatMap((result) => namedBy(result.candidates))]);
  return ranked.map(({ seeker, poolSize, candidates }) => {
    const own = seeker.listing ? published.find((listing) => listing.id === seeker.listing!.listingId) : undefined;
    return matchResult({ seekerId: seeker.place.id, own, poolSize, weights: options.weights, ranked: candidates }, listings, named);
  });
}

/** Every place that could be a party with the seeker (canPartner), whatever its ties: filtered once per kind of seeker. */
function eligibleFor(places: PlaceTable, self: MatchPlace): MatchSide[] {
  const fromJapan = self.country === 'JP';
  const key = `${fromJapan ? 'abroad' : 'JP'}|${partnerClass(self)}`;
  let eligible = places.eligible.get(key);
  if (!eligible) {
    eligible = (places.sidesIn.get(fromJapan ? null : 'JP') ?? []).filter((side) => canPartner(self, side.place));
    places.eligible.set(key, eligible);
  }
  return eligible;
}

/**
 * Every candidate that could be a party with the seeker (canPartner): for a Japanese LG every place
 * abroad, for one abroad every Japanese LG; an LG with a listing as the listing's side; present
 * partners left out.
 */
function candidatePool(places: PlaceTable, graph: MatchGraph, seeker: MatchSide, listings: ReadonlyMap<number, MatchListing>): MatchSide[] {
  const self = seeker.place;
  const partners = graph.partnersOf(self.id);
  const pool: MatchSide[] = [];
  for (const side of eligibleFor(places, self)) {
    const id = side.place.id;
    if (partners.has(id) || id === self.id) continue;
    const listing = listings.get(id);
    pool.push(listing ? { place: side.place, listing } : side);
  }
  return pool;
}
