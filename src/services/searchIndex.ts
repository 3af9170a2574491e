import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { trigramsOf, trigramSimilarity } from '../domain/trigrams.js';

/** Below this trigram similarity a name is not offered as a near match. */
const MIN_SIMILARITY = 0.3;
/** How many names sharing the typed beginning are considered at most. */
const MAX_PREFIX_MATCHES = 400;

interface Entry {
  country: string;
  kind: string;
  /** Prefectures, designated cities and larger places come first among equal matches. */
  importance: number;
}

export interface SearchHit {
  id: number;
  match: number;
}

export interface SearchFilters {
  country?: string | undefined;
  kind?: string | undefined;
}

/**
 * Every search key in memory, with a trigram index for typos and a sorted list for prefixes.
 * Built from the database and rebuilt when its search version changes, so a key another process
 * adds is found too.
 */
export class SearchIndex {
  private readonly keys: string[] = [];
  private readonly keyOwners: { id: number; isBase: boolean }[][] = [];
  private readonly keyByText = new Map<string, number>();
  private readonly trigramCounts: number[] = [];
  private readonly postings = new Map<string, number[]>();
  private readonly sorted: number[];
  private readonly entries = new Map<number, Entry>();
  private readonly counts: Int32Array;

  constructor(
    readonly version: string,
    rows: { id: number; key: string; isBase: boolean; country: string; kind: string; population: number | null; designatedCity: boolean }[],
  ) {
    for (const row of rows) {
      let index = this.keyByText.get(row.key);
      if (index === undefined) {
        index = this.keys.length;
        this.keys.push(row.key);
        this.keyOwners.push([]);
        this.keyByText.set(row.key, index);
        const grams = trigramsOf(row.key);
        this.trigramCounts.push(grams.length);
        for (const gram of grams) {
          const list = this.postings.get(gram);
          if (list) list.push(index);
          else this.postings.set(gram, [index]);
        }
      }
      this.keyOwners[index]!.push({ id: row.id, isBase: row.isBase });
      if (!this.entries.has(row.id)) {
        this.entries.set(row.id, {
          country: row.country,
          kind: row.kind,
          importance:
            (row.kind === 'prefecture' ? 0.12 : 0) + (row.designatedCity ? 0.05 : 0) + 0.02 * Math.log10((row.population ?? 0) + 1),
        });
      }
    }
    this.sorted = this.keys.map((_, index) => index).sort((a, b) => (this.keys[a]! < this.keys[b]! ? -1 : this.keys[a]! > this.keys[b]! ? 1 : 0));
    this.counts = new Int32Array(this.keys.length);
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
    for (const index of touched) {
      const value = similarity(index, sharedOf(index));
      if (value >= MIN_SIMILARITY) matchByKey.set(index, 0.9 * value);
    }
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.keys[this.sorted[middle]!]! < folded) low = middle + 1;
      else high = middle;
    }
    for (let position = low, taken = 0; position < this.sorted.length && taken < MAX_PREFIX_MATCHES; position++, taken++) {
      const index = this.sorted[position]!;
      if (!this.keys[index]!.startsWith(folded)) break;
      matchByKey.set(index, 0.6 + 0.4 * similarity(index, sharedOf(index)));
    }
    if (exact !== undefined) matchByKey.set(exact, 1);
    for (const index of touched) this.counts[index] = 0;

    const best = new Map<number, number>();
    for (const [index, match] of matchByKey) {
      for (const owner of this.keyOwners[index]!) {
        const entry = this.entries.get(owner.id)!;
        if (filters.country && entry.country !== filters.country) continue;
        if (filters.kind && entry.kind !== filters.kind) continue;
        const score = match + (owner.isBase ? 0.02 : 0);
        if (score > (best.get(owner.id) ?? -1)) best.set(owner.id, score);
      }
    }
    const rank = (id: number) => best.get(id)! + this.entries.get(id)!.importance;
    return [...best.keys()]
      .sort((a, b) => rank(b) - rank(a) || a - b)
      .slice(0, limit)
      .map((id) => ({ id, match: Math.round(best.get(id)! * 1000) / 1000 }));
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

async function buildIndex(db: Db, version: string): Promise<SearchIndex> {
  const rows = await queryRows<{ id: number; key: string; is_base: boolean; country: string; kind: string; population: number | null; designated_city: boolean }>(
    db,
    sql`select k.local_government_id as id, k.key, k.is_base, lg.country, lg.kind, lg.population, lg.designated_city
      from search_keys k join local_governments lg on lg.id = k.local_government_id order by k.local_government_id`,
  );
  return new SearchIndex(
    version,
    rows.map((row) => ({
      id: row.id,
      key: row.key,
      isBase: row.is_base,
      country: row.country.trim(),
      kind: row.kind,
      population: row.population,
      designatedCity: row.designated_city,
    })),
  );
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
