import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { takeToken, type BucketOutcome, type Quota } from '../domain/rateLimits.js';

/** Takes a token for a request from a bucket ("search address:203.0.113.9"): the outcome says whether there was one. */
export type BucketKeeper = (bucket: string, quota: Quota) => Promise<BucketOutcome>;

/** Full buckets are swept away at most this often by each process. */
const SWEEP_EVERY_MS = 60_000;

/**
 * The keeper of the buckets of a database. On PostgreSQL the buckets are rows of rate_limits,
 * shared by every process on the database and timed by its clock. PGlite is opened by one process
 * alone, so its buckets are kept in that process's memory, sparing a write at every costly request
 * (each costs PGlite about as much as the search it limits). The rule is domain/rateLimits.ts's.
 */
export function bucketKeeper(db: Db): BucketKeeper {
  let keeper = keepers.get(db);
  if (!keeper) {
    keeper = (db as { $client?: unknown }).$client instanceof PGlite ? bucketsInMemory() : bucketsInTable(db);
    keepers.set(db, keeper);
  }
  return keeper;
}

/** One keeper per database, so that apps made over the same database (as tests make) share the buckets. */
const keepers = new WeakMap<Db, BucketKeeper>();

export function bucketsInMemory(): BucketKeeper {
  const fullAt = new Map<string, number>();
  let lastSweep = 0;
  return async (bucket, quota) => {
    const now = Date.now();
    const outcome = takeToken(quota, fullAt.get(bucket) ?? null, now);
    if (outcome.allowed) fullAt.set(bucket, outcome.fullAt);
    if (now - lastSweep >= SWEEP_EVERY_MS) {
      lastSweep = now;
      for (const [key, full] of fullAt) if (full < now) fullAt.delete(key);
    }
    return outcome;
  };
}

/**
 * Buckets in the rate_limits table. A bucket is written only if no other request changed it since it
 * was read (else it is read again), so that two processes cannot both take the last token.
 */
export function bucketsInTable(db: Db): BucketKeeper {
  let lastSweep = 0;
  return async (bucket, quota) => {
    for (;;) {
      const [state] = await queryRows<{ full_at: number | null; now: number }>(
        db,
        sql`select (select full_at from rate_limits where bucket = ${bucket}) as full_at, floor(extract(epoch from clock_timestamp()) * 1000)::float8 as now`,
      );
      const fullAt = state!.full_at === null ? null : Number(state!.full_at);
      const now = Number(state!.now);
      const outcome = takeToken(quota, fullAt, now);
      if (!outcome.allowed) return outcome;
      const written = await queryRows(
        db,
        sql`insert into rate_limits (bucket, full_at) values (${bucket}, ${outcome.fullAt})
          on conflict (bucket) do update set full_at = excluded.full_at where rate_limits.full_at is not distinct from ${fullAt}::float8
          returning 1`,
      );
      if (written.length === 0) continue;
      // Buckets full by now say nothing that a missing bucket does not.
      if (now - lastSweep >= SWEEP_EVERY_MS) {
        lastSweep = now;
        await db.execute(sql`delete from rate_limits where full_at < ${now}`);
      }
      return outcome;
    }
  };
}
