import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openEmptyDatabase } from '../../test/database.js';
import { isMigrated, queryRows, type Database } from './client.js';

let database: Database | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

describe('isMigrated: whether a start may skip the migrator', () => {
  it('is true once the newest migration is applied', async () => {
    database = await openEmptyDatabase();
    expect(await isMigrated(database)).toBe(true);
  });

  it('is false when the newest migration is missing, as in a database made by an earlier Kizuna', async () => {
    database = await openEmptyDatabase();
    await database.db.execute(sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`);
    const [left] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(left!.n).toBeGreaterThan(0);
    expect(await isMigrated(database)).toBe(false);
  });

  it('is false when no migration was ever applied', async () => {
    database = await openEmptyDatabase();
    await database.db.execute(sql`drop schema drizzle cascade`);
    expect(await isMigrated(database)).toBe(false);
  });
});
