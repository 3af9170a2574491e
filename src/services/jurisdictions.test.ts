import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openTestDatabase } from '../../test/database.js';
import { queryRows, type Database } from '../db/client.js';
import { bootstrapReferenceData } from './bootstrap.js';

let database: Database;

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
});
afterAll(() => database.close());

const santaClara = () => queryRows<{ count: number }>(database.db, sql`select count(*)::int as count from local_governments where country = 'US' and admin1 = 'CA' and admin2 = '085'`);

describe('second-level codes', () => {
  it('are loaded with the places, and given once to a database loaded before they were kept', async () => {
    const [loaded] = await santaClara();
    expect(loaded!.count).toBeGreaterThan(10);
    await database.db.execute(sql`update local_governments set admin2 = null where country = 'US' and geonames_id is not null`);
    await database.db.execute(sql`delete from meta where key = 'gazetteer_admin2'`);
    const messages: string[] = [];
    await bootstrapReferenceData(database.db, (message) => messages.push(message));
    expect(messages).toEqual(['Giving the GeoNames places their second-level regions (counties), once…']);
    expect(await santaClara()).toEqual([loaded]);
    messages.length = 0;
    await bootstrapReferenceData(database.db, (message) => messages.push(message));
    expect(messages).toEqual([]);
  });
});
