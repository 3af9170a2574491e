import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { takeToken, type BucketOutcome, type Quota } from '../domain/rateLimits.js';

/** Full buckets are swept away at most this often by each process. */
const SWEEP_EVERY_MS = 60_000;
const lastSweep = new WeakMap<Db, number>();

/**
 * Takes a token from a bucket of the rate_limits table, shared by every process on the database and
 * timed by the database's clock. The rule is domain/rateLimits.ts's; the table is written only if
 * no other request changed the bucket since it was read (else it is read again), so that two
 * processes cannot both take the last token.
 */
export async function takeFromBucket(db: Db, bucket: string, quota: Quota): Promise<BucketOutcome> {
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
    if (written.length > 0) {
      await sweep(db, now);
      return outcome;
    }
  }
}

/** Deletes the buckets that are full by now: they say nothing that a missing bucket does not. */
async function sweep(db: Db, now: number): Promise<void> {
  if (now - (lastSweep.get(db) ?? 0) < SWEEP_EVERY_MS) return;
  lastSweep.set(db, now);
  await db.execute(sql`delete from rate_limits where full_at < ${now}`);
}
