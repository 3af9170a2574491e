import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { createTestAccount, OPERATOR } from '../../test/accounts.js';
import { PUBLIC } from '../domain/authorization.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openTestDatabase, sharedData } from '../../test/database.js';
import { queryRows, type Database } from '../db/client.js';
import { importPairs, type ImportReport } from './importPairs.js';
import { createRelationship } from './registry.js';
import { japanStatistics } from './stats.js';

let database: Database;
let report: ImportReport;
const pairsFile = sharedData('wikipedia-twin-cities/twin_cities.csv');

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  report = await importPairs(database.db, readFileSync(pairsFile), { actor: OPERATOR, source: 'twin_cities.csv' });
});
afterAll(() => database.close());

const scalar = async (statement: ReturnType<typeof sql>) =>
  (await queryRows<{ n: number }>(database.db, statement))[0]!.n;

describe('import of the Wikipedia pairs', () => {
  it('reads every row and rejects exactly the five with an empty country', () => {
    expect(report.rows).toEqual({ total: 25_917, accepted: 25_912, rejected: 5 });
    expect(report.rejectedRows.map((row) => row.row)).toEqual([4827, 6915, 12309, 20844, 25541]);
    expect(report.rejectedRows.every((row) => row.field === 'country2' && row.reason === 'is empty')).toBe(true);
  });

  it('accounts for every accepted row', () => {
    const { distinct, duplicatesInFile, heldBack, selfPairs } = report.pairs;
    expect(distinct + duplicatesInFile + heldBack + selfPairs).toBe(report.rows.accepted);
    const { resolvedExisting, created, ambiguous, unresolved, total } = report.sides;
    expect(resolvedExisting + created + ambiguous + unresolved).toBe(total);
  });

  it('stores each distinct pair once, as counted by the database itself', async () => {
    expect(report.pairs.added).toBe(23_987);
    expect(await scalar(sql`select count(*)::int as n from relationships where source = 'twin_cities.csv' and source_kind = 'pairs'`)).toBe(23_987);
    expect(await scalar(sql`select count(distinct (first_id, second_id))::int as n from relationships`)).toBe(23_987);
    expect(await scalar(sql`select count(*)::int as n from local_governments where not verified`)).toBe(report.newLocalGovernments);
  });

  it('resolves most sides to the place the coordinates point at', () => {
    expect(report.sides.resolvedExisting / report.sides.total).toBeGreaterThan(0.935);
    expect(report.sides.distanceKm.median).toBeLessThan(2);
    expect(report.sides.distanceKm.within10 / report.sides.distanceKm.checked).toBeGreaterThan(0.95);
  });

  it('creates no place beside a gazetteer place named the same in full or in short', async () => {
    const created = await scalar(sql`select count(*)::int as n from local_governments where not verified and name_en in ('Rottenburg am Neckar', 'Lake Macquarie', 'Ebensee am Traunsee', 'Bad Kötzting')`);
    expect(created).toBe(0);
    const ebensee = report.resolutions.find((side) => side.name === 'Ebensee am Traunsee');
    expect(ebensee?.outcome).toBe('existing');
    expect(ebensee?.reason).toContain('the same name in full or in short ("ebensee")');
  });

  it('resolves known pairs to the right local governments', async () => {
    const partners = async (jisCode: string) =>
      (
        await queryRows<{ name: string; country: string }>(
          database.db,
          sql`select partner.name_en as name, partner.country from local_governments lg
            join relationships r on lg.id in (r.first_id, r.second_id)
            join local_governments partner on partner.id = case when r.first_id = lg.id then r.second_id else r.first_id end
            where lg.jis_code = ${jisCode}`,
        )
      ).map((row) => `${row.name}, ${row.country.trim()}`);
    expect(await partners('422011')).toContain('Saint Paul, US');
    expect(await partners('131121')).toEqual(expect.arrayContaining(['Winnipeg, CA']));
  });

  it('resolves towns that only the countries-states-cities database has, Korean districts without their kind, and regions named as such', async () => {
    const resolution = (row: number, side: 1 | 2) => report.resolutions.find((entry) => entry.row === row && entry.side === side);
    // Frederiksberg – Bærum (file line 5971), Córdoba – Friuli-Venezia Giulia (line 119).
    expect(resolution(5971, 2)).toMatchObject({ outcome: 'existing', reason: expect.stringMatching(/^"Bærum" is id \d+ in NO: exact name, 5 km from the given coordinates, only candidate$/) });
    expect(resolution(119, 2)).toMatchObject({ outcome: 'existing', reason: expect.stringMatching(/^"Friuli-Venezia Giulia" is the region id \d+ in IT$/) });
    // Sioux City – Yamanashi, line 25595: a bare name is the city, not the prefecture 12 km away.
    expect(resolution(25595, 2)).toMatchObject({ outcome: 'existing', reason: expect.stringMatching(/^"Yamanashi" is id \d+ in JP: exact name/) });
    const [yamanashi] = await queryRows<{ kind: string }>(database.db, sql`select kind from local_governments where id = ${resolution(25595, 2)!.localGovernmentId!}`);
    expect(yamanashi?.kind).toBe('city');
    // Woluwe-Saint-Pierre – Gangnam (Seoul), line 2377: Gangnam-gu, written without its kind.
    expect(resolution(2377, 2)).toMatchObject({ outcome: 'existing', reason: expect.stringMatching(/^"Gangnam \(Seoul\)" is id \d+ in KR: exact name, 3 km/) });
  });

  it('lists every ambiguous and unresolved side with its reason', () => {
    expect(report.ambiguousSides.length).toBe(report.sides.ambiguous);
    expect(report.unresolvedSides.length).toBe(report.sides.unresolved);
    for (const side of [...report.ambiguousSides, ...report.unresolvedSides]) {
      expect(side.row).toBeGreaterThan(1);
      expect(side.reason.length).toBeGreaterThan(10);
    }
  });

  it('says of every side how it was resolved, and agrees with the counts', () => {
    expect(report.resolutions).toHaveLength(report.sides.total);
    const outcomes = (outcome: string) => report.resolutions.filter((side) => side.outcome === outcome).length;
    expect(outcomes('existing')).toBe(report.sides.resolvedExisting);
    expect(outcomes('created')).toBe(report.sides.created);
    expect(report.resolutions.find((side) => side.row === 2 && side.side === 1)).toMatchObject({ outcome: expect.any(String), reason: expect.any(String) });
  });

  it('resolves Japanese sides that GeoNames and the Wikipedia lists romanise otherwise', async () => {
    const jisCodesOf = async (name: string) => {
      const ids = report.resolutions.filter((side) => side.name === name).map((side) => side.localGovernmentId ?? 0);
      const rows = await queryRows<{ jis_code: string }>(database.db, sql`select distinct jis_code from local_governments where id = any(${sql.param(ids)}::int[])`);
      return rows.map((row) => row.jis_code);
    };
    expect(await jisCodesOf('Minami-Alps')).toEqual(['192082']);
    expect(await jisCodesOf('Kyōtamba')).toEqual(['264075']);
    expect(report.unresolvedSides.filter((side) => side.country === 'Japan').map((side) => side.name)).toEqual(['Higashichikuma District']);
  });

  it("gives Japan's statistics that match a direct count", async () => {
    const stats = await japanStatistics(database.db);
    const direct = await queryRows<{ international: number; domestic: number; us: number }>(
      database.db,
      sql`select count(*) filter (where a.country <> b.country)::int as international,
          count(*) filter (where a.country = b.country)::int as domestic,
          count(*) filter (where 'US' in (a.country, b.country))::int as us
        from relationships r join local_governments a on a.id = r.first_id join local_governments b on b.id = r.second_id
        where 'JP' in (a.country, b.country)`,
    );
    expect(stats.totals).toEqual({ international: direct[0]!.international, domestic: direct[0]!.domestic });
    expect(stats.totals).toEqual({ international: 1074, domestic: 140 });
    expect(stats.byCountry[0]).toEqual({ country: 'US', count: direct[0]!.us, undated: direct[0]!.us });
    expect(stats.byCountry.slice(0, 4).map((row) => row.country)).toEqual(['US', 'CN', 'KR', 'AU']);
    expect(stats.byPrefecture).toHaveLength(47);
    expect(stats.byPrefecture.reduce((sum, row) => sum + row.relationships, 0)).toBe(stats.totals.international);
  });

  it('adds nothing when run again', async () => {
    const before = await scalar(sql`select count(*)::int as n from relationships`);
    const places = await scalar(sql`select count(*)::int as n from local_governments`);
    const again = await importPairs(database.db, readFileSync(pairsFile), { actor: OPERATOR, source: 'twin_cities.csv' });
    expect(again.pairs.added).toBe(0);
    expect(again.newLocalGovernments).toBe(0);
    expect(again.pairs.alreadyPresent).toBe(report.pairs.added);
    expect(await scalar(sql`select count(*)::int as n from relationships`)).toBe(before);
    expect(await scalar(sql`select count(*)::int as n from local_governments`)).toBe(places);
  });

  it('writes nothing on a dry run, and reports what it would add', async () => {
    const before = await scalar(sql`select count(*)::int as n from relationships`);
    const raw = readFileSync(sharedData('wikipedia-twin-cities/twin_cities_raw.csv'));
    const dry = await importPairs(database.db, raw, { actor: OPERATOR, source: 'twin_cities_raw.csv', dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.rows.total).toBe(26_114);
    expect(dry.pairs.added).toBeGreaterThan(0);
    expect(await scalar(sql`select count(*)::int as n from relationships`)).toBe(before);
  });

  it('lets only administrators and the machine’s operator import', async () => {
    const coordinator = await createTestAccount(database.db, 'coordinator');
    const administrator = await createTestAccount(database.db, 'administrator');
    const file = new TextEncoder().encode('city1,country1,city2,country2\nBerat,Albania,Fermo,Italy\n');
    await expect(importPairs(database.db, file, { actor: coordinator.actor, source: 'x.csv', dryRun: true })).rejects.toMatchObject({ id: 'forbidden' });
    await expect(importPairs(database.db, file, { actor: PUBLIC, source: 'x.csv', dryRun: true })).rejects.toMatchObject({ id: 'unauthorized' });
    expect((await importPairs(database.db, file, { actor: administrator.actor, source: 'x.csv', dryRun: true })).rows.total).toBe(1);
  });

  it('refuses a bad file whole and leaves nothing behind', async () => {
    const before = await scalar(sql`select count(*)::int as n from relationships`);
    const good = 'city1,country1,city2,country2\nBerat,Albania,Fermo,Italy\n';
    const notUtf8 = Uint8Array.from([...new TextEncoder().encode(good), 0xff, 0xfe]);
    await expect(importPairs(database.db, notUtf8, { actor: OPERATOR, source: 'bad.csv' })).rejects.toMatchObject({ id: 'import_failed' });
    await expect(importPairs(database.db, new TextEncoder().encode('<html><body>not a list</body></html>'), { actor: OPERATOR, source: 'page.html' })).rejects.toMatchObject({
      id: 'import_failed',
    });
    expect(await scalar(sql`select count(*)::int as n from relationships`)).toBe(before);
  });

  it('rejects rows with unknown countries and keeps the good ones', async () => {
    const file = 'city1,country1,city2,country2\nBerat,Atlantis,Fermo,Italy\nNagasaki,Japan,Santos,Brazil\n';
    const result = await importPairs(database.db, new TextEncoder().encode(file), { actor: OPERATOR, source: 'small.csv', dryRun: true });
    expect(result.rejectedRows).toEqual([{ row: 2, field: 'country1', reason: '"Atlantis" is not a country Kizuna knows' }]);
    expect(result.rows.accepted).toBe(1);
  });

  it('rejects rows with a NUL character in a name, naming row and field, rather than fail writing them', async () => {
    const before = await scalar(sql`select count(*)::int as n from local_governments`);
    const file = 'city1,country1,city2,country2\nZzyq\u0000wx,France,Ibara,Japan\nBer\u0000at,Albania,Fermo,Italy\n';
    const result = await importPairs(database.db, new TextEncoder().encode(file), { actor: OPERATOR, source: 'nul.csv' });
    expect(result.rejectedRows).toEqual([
      { row: 2, field: 'city1', reason: 'contains a NUL character (U+0000) at character 5, which no field may hold: remove it' },
      { row: 3, field: 'city1', reason: 'contains a NUL character (U+0000) at character 4, which no field may hold: remove it' },
    ]);
    expect(result.rows).toEqual({ total: 2, accepted: 0, rejected: 2 });
    expect(await scalar(sql`select count(*)::int as n from local_governments`)).toBe(before);
  });

  it('does not add a pair that already has a relationship under a label', async () => {
    const [ibara, berat] = await queryRows<{ id: number }>(
      database.db,
      sql`select id from local_governments where jis_code = '332071' or (country = 'FR' and name_en = 'Bérat') order by country desc`,
    );
    await createRelationship(database.db, { localGovernmentIds: [ibara!.id, berat!.id], label: 'friendship city' }, OPERATOR);
    const before = await scalar(sql`select count(*)::int as n from relationships`);
    const result = await importPairs(database.db, new TextEncoder().encode('city1,country1,city2,country2\nIbara,Japan,Bérat,France\n'), { actor: OPERATOR, source: 'one.csv' });
    expect(result.pairs).toMatchObject({ distinct: 1, added: 0, alreadyPresent: 1 });
    expect(await scalar(sql`select count(*)::int as n from relationships`)).toBe(before);
  });
});
