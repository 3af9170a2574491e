import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmptyDatabase } from '../../test/database.js';
import { bulkInsert, type BulkColumn } from './bulk.js';
import { queryRows, type Database } from './client.js';

interface Sample {
  name: string | null;
  tags: string[] | null;
  count: number | null;
  share: number;
  on: boolean;
  day: string | null;
}

// Values that each way of sending rows must carry unchanged: every character that COPY's text
// format or an array literal escapes, nulls, empty arrays and non-Latin scripts.
const samples: Sample[] = [
  { name: 'plain', tags: ['a', 'b'], count: 1, share: 0.5, on: true, day: '2024-02-29' },
  { name: 'tab\there, newline\nthere, return\rand a back\\slash', tags: ['quote " inside', 'back\\slash', 'comma, brace {}', 'tab\tin item'], count: -7, share: -1e-9, on: false, day: null },
  { name: null, tags: null, count: null, share: 123456.789, on: true, day: '1955-10-01' },
  { name: '\\N', tags: [], count: 2147483647, share: 0, on: false, day: '2000-01-01' },
  { name: '井原市 · Île-de-France · 서울', tags: ['NULL', ''], count: 0, share: 1 / 3, on: true, day: null },
];

const columns: BulkColumn<Sample>[] = [
  { name: 'name', type: 'text', value: (row) => row.name },
  { name: 'tags', type: 'text[]', value: (row) => row.tags },
  { name: 'count', type: 'int', value: (row) => row.count },
  { name: 'share', type: 'float8', value: (row) => row.share },
  { name: 'on', type: 'bool', value: (row) => row.on },
  { name: 'day', type: 'date', value: (row) => row.day },
];

let database: Database;
beforeAll(async () => {
  database = await openEmptyDatabase();
  await database.db.execute(sql`create table bulk_samples (id serial primary key, name text, tags text[], count int, share float8, "on" bool not null, day date)`);
});
afterAll(async () => {
  await database?.close();
});

const stored = () =>
  queryRows<{ id: number; name: string | null; tags: string[] | null; count: number | null; share: number; on: boolean; day: string | null }>(
    database.db,
    sql`select id, name, tags, count, share, "on", to_char(day, 'YYYY-MM-DD') as day from bulk_samples order by id`,
  );

describe(`bulkInsert (${process.env.KIZUNA_TEST_DATABASE_URL ? 'PostgreSQL: unnested arrays' : 'PGlite: COPY'})`, () => {
  it('stores every value as given, an empty array as null, and returns the new ids in the rows’ order', async () => {
    const ids = await bulkInsert<Sample, { id: number }>(database.db, 'bulk_samples', columns, samples, { returning: 'id' });
    const rows = await stored();
    expect(ids.map((row) => row.id)).toEqual(rows.map((row) => row.id));
    expect(rows.map(({ id: _, ...row }) => row)).toEqual(samples.map((sample) => ({ ...sample, tags: sample.tags?.length ? sample.tags : null })));
  });

  it('draws the next ids after those already taken, inside a transaction too', async () => {
    const before = await stored();
    const ids = await database.db.transaction((tx) => bulkInsert<Sample, { id: number }>(tx, 'bulk_samples', columns, samples.slice(0, 2), { returning: 'id' }));
    const last = before.at(-1)!.id;
    expect(ids).toEqual([{ id: last + 1 }, { id: last + 2 }]);
    const [row] = await queryRows<{ id: number }>(database.db, sql`insert into bulk_samples ("on") values (true) returning id`);
    expect(row!.id).toBe(last + 3);
  });

  it('leaves nothing behind when a row breaks a constraint', async () => {
    const before = (await stored()).length;
    const broken = [...samples, { ...samples[0]!, on: null as unknown as boolean }];
    await expect(database.db.transaction((tx) => bulkInsert(tx, 'bulk_samples', columns, broken))).rejects.toThrow(/null/i);
    expect((await stored()).length).toBe(before);
  });

  it('inserts nothing and returns nothing for no rows', async () => {
    expect(await bulkInsert(database.db, 'bulk_samples', columns, [], { returning: 'id' })).toEqual([]);
  });
});
