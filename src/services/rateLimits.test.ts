import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openTestDatabase } from '../../test/database.js';
import { queryRows, type Database } from '../db/client.js';
import { bucketsInMemory, bucketsInTable, type BucketKeeper } from './rateLimits.js';

let database: Database;

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
});

afterAll(async () => {
  await database?.close();
});

/** Three an hour: no token comes back while a test runs. */
const THREE_AN_HOUR = { limit: 3, windowSeconds: 3600 };

describe.each([
  ['in the rate_limits table (PostgreSQL)', () => bucketsInTable(database.db)],
  ['in memory (PGlite, one process)', () => bucketsInMemory()],
])('buckets %s', (_, keeper: () => BucketKeeper) => {
  it('give the quota and then refuse, each bucket apart', async () => {
    const take = keeper();
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await take('search address:192.0.2.1', THREE_AN_HOUR));
    expect(outcomes.map((outcome) => [outcome.allowed, outcome.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
      [false, 0],
    ]);
    expect((await take('search address:192.0.2.2', THREE_AN_HOUR)).allowed).toBe(true);
  });
});

describe('buckets in the rate_limits table', () => {
  it('give the last token once when many requests of two processes take at once', async () => {
    const [one, two] = [bucketsInTable(database.db), bucketsInTable(database.db)];
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two)('match address:192.0.2.3', THREE_AN_HOUR)));
    expect(outcomes.filter((outcome) => outcome.allowed)).toHaveLength(3);
    const [row] = await queryRows<{ full_at: number }>(database.db, sql`select full_at from rate_limits where bucket = 'match address:192.0.2.3'`);
    expect(Number(row!.full_at)).toBe(Math.max(...outcomes.map((outcome) => (outcome.allowed ? outcome.fullAt : 0))));
  });
});
