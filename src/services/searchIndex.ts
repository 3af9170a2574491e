import { sql } from 'drizzle-orm';
import { isFirstLevelKind } from '../domain/firstLevelRegions.js';
import { itemsOf, selectMany } from '../db/bulk.js';
import { queryRows, type Db } from '../db/client.js';
import { inTurns, nextTurn } from '../turns.js';
import { trigramsOf, trigramSimilarity } from '../domain/trigrams.js';
import { readFormerNames } from './formerMunicipalities.js';

/** Below this trigram similarity a name is not offered as a near match. */
const MIN_SIMILARITY = 0.3;
/** How many names sharing the typed beginning are considered at most (the shortest of them). */
const MAX_PREFIX_MATCHES = 400;
/** How much of the index is built between two turns of the event loop: each slice takes a few milliseconds. */
const PLACES_PER_TURN = 1_000;
const KEYS_PER_TURN = 5_000;
/** Groups of keys by their first two characters: about seventy keys each, a few thousand for the commonest. */
const GROUPS_PER_TURN = 50;

interface Entry {
  country: string;
  kind: string;
  /** Prefectures, designated cities and larger places come first among equal matches. */
  importance: number;
}

/** One local government as the index takes it: its keys and what ranking needs of it. */
export interface SearchIndexPlace {
  id: number;
  country: string;
  kind: string;
  population: number | null;
  designatedCity: boolean;
  /** Keys of record, found exactly, by their beginning or as near spellings. */
  keys: { key: string; isBase: boolean }[];
  /** Keys of alternate names, found exactly or by their beginning. */
  alternateKeys: string[];
  /** Municipalities merged into this one, with the keys of their names: a hit says "formerly 栗沢町". */
  formerNames?: { name: string; keys: string[] }[];
}

export interface SearchHit {
  id: number;
  match: number;
  /** The former municipality whose name matched, when it was not the LG's own name. */
  formerName?: string;
}

export interface SearchFilters {
  country?: string | undefined;
  kind?: string | undefined;
}

/** Higher rank first; the smaller id among equals, so that results are stable. */
const outranks = (rank: number, id: number, other: { id: number; rank: number }) => rank > other.rank || (rank === other.rank && id < other.id);

/** An owner of a key packed in one number: the LG's id, and whether the key is its base name. */
const packOwner = (id: number, isBase: boolean) => id * 2 + (isBase ? 1 : 0);

/**
 * Every search key in memory, with a trigram index for typos and a sorted list for prefixes.
 * Built from the database and rebuilt when its search version changes, so a key another process
 * adds is found too. With GeoNames' alternate names there are about 800,000 keys, so owners are
 * packed in numbers rather than objects: most keys have one owner, the rest keep a small list.
 */
export class SearchIndex {
  private readonly keys: string[] = [];
  private readonly keyByText = new Map<string, number>();
  private readonly firstOwner: number[] = [];
  private readonly moreOwners = new Map<number, number[]>();
  private readonly trigramCounts: number[] = [];
  private readonly postings = new Map<string, number[]>();
  /** Every key in code-unit order, with its number: the keys that begin with what is typed are one run of it. */
  private sortedKeys: string[] = [];
  private sortedNumbers: Int32Array = new Int32Array(0);
  private readonly entries = new Map<number, Entry>();
  /** For keys of former municipalities' names: which LG's former municipality each names. */
  private readonly formerNameByKey = new Map<number, Map<number, string>>();
  private counts: Int32Array = new Int32Array(0);

  private constructor(readonly version: string) {}

  /**
   * Builds the index a slice at a time, giving the event loop a turn between slices, so that the
   * requests of others wait a few milliseconds at most while it is built (seconds, with 800,000 keys).
   */
  static async build(version: string, places: readonly SearchIndexPlace[]): Promise<SearchIndex> {
    const index = new SearchIndex(version);
    await inTurns(places, PLACES_PER_TURN, (slice) => {
      for (const place of slice) index.addPlace(place);
    });
    // Sorted a group at a time, by their first two characters: keys that differ there are in the
    // groups' order, so the groups sorted one after another are the keys sorted.
    const groups = new Map<string, string[]>();
    await inTurns(index.keys, KEYS_PER_TURN, (slice) => {
      for (const key of slice) {
        const group = groups.get(key.slice(0, 2));
        if (group) group.push(key);
        else groups.set(key.slice(0, 2), [key]);
      }
    });
    index.sortedNumbers = new Int32Array(index.keys.length);
    await inTurns([...groups.keys()].sort(), GROUPS_PER_TURN, (names) => {
      for (const name of names) {
        for (const key of groups.get(name)!.sort()) {
          index.sortedNumbers[index.sortedKeys.length] = index.keyByText.get(key)!;
          index.sortedKeys.push(key);
        }
      }
    });
    index.counts = new Int32Array(index.keys.length);
    return index;
  }

  private addPlace(place: SearchIndexPlace): void {
    this.entries.set(place.id, {
      country: place.country,
      kind: place.kind,
      importance:
        // Prefectures, and the states and provinces abroad, which have no population of their own here.
        (place.kind === 'prefecture' || isFirstLevelKind(place.kind) ? 0.12 : 0) + (place.designatedCity ? 0.05 : 0) + 0.02 * Math.log10((place.population ?? 0) + 1),
    });
    for (const { key, isBase } of place.keys) {
      const index = this.add(key, packOwner(place.id, isBase));
      // Near spellings are looked for among the names of record only: hundreds of thousands of
      // alternate names would slow every query and turn up far-fetched matches.
      if (this.trigramCounts[index] === 0) this.addTrigrams(index);
    }
    for (const key of place.alternateKeys) this.add(key, packOwner(place.id, false));
    for (const former of place.formerNames ?? []) {
      for (const key of former.keys) {
        const index = this.add(key, packOwner(place.id, false));
        if (this.trigramCounts[index] === 0) this.addTrigrams(index);
        const names = this.formerNameByKey.get(index) ?? new Map<number, string>();
        if (!names.has(place.id)) names.set(place.id, former.name);
        this.formerNameByKey.set(index, names);
      }
    }
  }

  /** Adds an owner to a key, the key first if it is new; returns the key's number. */
  private add(key: string, owner: number): number {
    let index = this.keyByText.get(key);
    if (index === undefined) {
      index = this.keys.length;
      this.keys.push(key);
      this.keyByText.set(key, index);
      this.firstOwner.push(owner);
      this.trigramCounts.push(0);
      return index;
    }
    if (this.firstOwner[index] === owner) return index;
    const more = this.moreOwners.get(index);
    if (!more) this.moreOwners.set(index, [owner]);
    else if (!more.includes(owner)) more.push(owner);
    return index;
  }

  private addTrigrams(index: number): void {
    const grams = trigramsOf(this.keys[index]!);
    this.trigramCounts[index] = grams.length;
    for (const gram of grams) {
      const list = this.postings.get(gram);
      if (list) list.push(index);
      else this.postings.set(gram, [index]);
    }
  }

  /** Keys that begin with the query, the shortest (closest to it) first, at most MAX_PREFIX_MATCHES. */
  private keysBeginningWith(folded: string): number[] {
    if (folded.length === 0) return [];
    let low = 0;
    let high = this.sortedKeys.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.sortedKeys[middle]! < folded) low = middle + 1;
      else high = middle;
    }
    const found: number[] = [];
    for (let i = low; i < this.sortedKeys.length && this.sortedKeys[i]!.startsWith(folded); i++) found.push(this.sortedNumbers[i]!);
    // In the order the keys were added, as the ranking's ties are broken by it.
    found.sort((a, b) => a - b);
    if (found.length <= MAX_PREFIX_MATCHES) return found;
    // The shortest, without sorting thousands: the length up to which there are enough of them.
    const byLength: number[] = [];
    for (const index of found) {
      const length = this.keys[index]!.length;
      byLength[length] = (byLength[length] ?? 0) + 1;
    }
    let longest = 0;
    for (let total = 0; total < MAX_PREFIX_MATCHES; longest++) total += byLength[longest] ?? 0;
    return found.filter((index) => this.keys[index]!.length < longest).slice(0, MAX_PREFIX_MATCHES);
  }

  private ownersOf(index: number): number[] {
    const first = this.firstOwner[index]!;
    const more = this.moreOwners.get(index);
    return more ? [first, ...more] : [first];
  }

  /** Local governments whose names match the folded query: exact, then prefix, then near, best first. */
  search(folded: string, filters: SearchFilters, limit: number): SearchHit[] {
    const matchByKey = new Map<number, number>();
    const exact = this.keyByText.get(folded);
    const queryGrams = trigramsOf(folded);
    const similarity = (index: number, shared: number) => trigramSimilarity(shared, queryGrams.length, this.trigramCounts[index]!);

    const touched: number[] = [];
    for (const gram of queryGrams) {
      for (const index of this.postings.get(gram) ?? []) {
        if (this.counts[index] === 0) touched.push(index);
        this.counts[index] = this.counts[index]! + 1;
      }
    }
    const sharedOf = (index: number) => this.counts[index]!;
    // A key sharing fewer trigrams than this cannot reach MIN_SIMILARITY, however short it is.
    const needed = MIN_SIMILARITY * queryGrams.length;
    for (const index of touched) {
      if (sharedOf(index) < needed) continue;
      const value = similarity(index, sharedOf(index));
      if (value >= MIN_SIMILARITY) matchByKey.set(index, 0.9 * value);
    }
    for (const index of this.keysBeginningWith(folded)) matchByKey.set(index, 0.6 + 0.4 * similarity(index, sharedOf(index)));
    if (exact !== undefined) matchByKey.set(exact, 1);
    for (const index of touched) this.counts[index] = 0;

    const best = new Map<number, number>();
    const formerNameOf = new Map<number, string | undefined>();
    for (const [index, match] of matchByKey) {
      for (const owner of this.ownersOf(index)) {
        const id = owner >> 1;
        const entry = this.entries.get(id)!;
        if (filters.country && entry.country !== filters.country) continue;
        if (filters.kind && entry.kind !== filters.kind) continue;
        const score = match + (owner & 1 ? 0.02 : 0);
        const known = best.get(id);
        const formerName = this.formerNameByKey.get(index)?.get(id);
        // Among equal matches, the LG's own name wins over a former municipality's.
        if (known === undefined || score > known || (score === known && formerName === undefined)) {
          best.set(id, score);
          formerNameOf.set(id, formerName);
        }
      }
    }
    // The best few of what may be thousands of candidates ("san"), kept in order as they come.
    const top: { id: number; rank: number }[] = [];
    for (const [id, match] of best) {
      const rank = match + this.entries.get(id)!.importance;
      if (top.length === limit && !outranks(rank, id, top[limit - 1]!)) continue;
      let position = top.length;
      while (position > 0 && outranks(rank, id, top[position - 1]!)) position--;
      top.splice(position, 0, { id, rank });
      if (top.length > limit) top.pop();
    }
    return top.map(({ id }) => {
      const formerName = formerNameOf.get(id);
      return { id, match: Math.round(best.get(id)! * 1000) / 1000, ...(formerName === undefined ? {} : { formerName }) };
    });
  }
}

/** Marks the search keys as changed, so that every process rebuilds its index. Call inside the writing transaction. */
export async function bumpSearchVersion(db: Db): Promise<void> {
  await db.execute(sql`insert into meta (key, value) values ('search_version', '1')
    on conflict (key) do update set value = (meta.value::bigint + 1)::text`);
}

const loaded = new WeakMap<Db, Promise<SearchIndex>>();

/** The version of the search keys: it changes whenever LGs are added by bootstrap or an import. */
export async function searchVersion(db: Db): Promise<string> {
  const [row] = await queryRows<{ value: string }>(db, sql`select value from meta where key = 'search_version'`);
  return row?.value ?? '0';
}

/** How many ids of local governments are read at a time: a read of a few tens of milliseconds. */
const IDS_PER_READ = 5_000;

async function buildIndex(db: Db, version: string): Promise<SearchIndex> {
  // Plain reads joined here: PostgreSQL grouping the keys by LG and joining them took three times
  // as long on PGlite as reading each table. A range of ids at a time, with a turn of the event
  // loop between, so that the requests of others are not held up while 800,000 keys are read.
  const [range] = await queryRows<{ last: number | null }>(db, sql`select max(id)::int as last from local_governments`);
  const formerNamesOf = new Map<number, { name: string; keys: string[] }[]>();
  for (const former of await readFormerNames(db)) {
    const list = formerNamesOf.get(former.successorId) ?? [];
    list.push(former);
    formerNamesOf.set(former.successorId, list);
  }
  const places: SearchIndexPlace[] = [];
  for (let after = 0; after < (range?.last ?? 0); after += IDS_PER_READ) {
    await nextTurn();
    const until = after + IDS_PER_READ;
    const keysOf = new Map<number, { key: string; isBase: boolean }[]>();
    for (const row of await selectMany(
      db,
      ['id', 'key', 'is_base'],
      sql`select local_government_id as id, key, is_base::int as is_base from search_keys where local_government_id > ${after} and local_government_id <= ${until}`,
    )) {
      const id = Number(row.id);
      const list = keysOf.get(id);
      const key = { key: row.key!, isBase: row.is_base === '1' };
      if (list) list.push(key);
      else keysOf.set(id, [key]);
    }
    await nextTurn();
    for (const place of await selectMany(
      db,
      ['id', 'country', 'kind', 'population', 'designated_city', 'alternates'],
      sql`select id, country, kind, population, designated_city::int as designated_city, array_to_string(alternate_keys, chr(31)) as alternates
        from local_governments where id > ${after} and id <= ${until} order by id`,
    )) {
      places.push({
        id: Number(place.id),
        country: place.country!.trim(),
        kind: place.kind!,
        population: place.population === null ? null : Number(place.population),
        designatedCity: place.designated_city === '1',
        keys: keysOf.get(Number(place.id)) ?? [],
        alternateKeys: itemsOf(place.alternates),
        formerNames: formerNamesOf.get(Number(place.id)) ?? [],
      });
    }
  }
  return SearchIndex.build(version, places);
}

/** The search index of this database, built on first use and rebuilt when the keys have changed. */
export async function searchIndexFor(db: Db): Promise<SearchIndex> {
  const version = await searchVersion(db);
  const cached = loaded.get(db);
  if (cached) {
    const index = await cached;
    if (index.version === version) return index;
  }
  const building = buildIndex(db, version);
  loaded.set(db, building);
  building.catch(() => loaded.delete(db));
  return building;
}
