import { sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestAccount, OPERATOR } from '../../test/accounts.js';
import { openTestDatabase } from '../../test/database.js';
import { queryRows, type Database } from '../db/client.js';
import { PUBLIC } from '../domain/authorization.js';
import { readRegisterSheet, writeRegisterXlsx, REGISTER_FIELDS, type RegisterExportRow } from '../domain/registerSheet.js';
import { exportRegister } from './exportRegister.js';
import { importRegister, type RegisterImportReport } from './importRegister.js';

const HEADER = '都道府県,自治体名,国名,州・省名,提携先自治体名,提携日,提携名称,備考';
/** A sheet as a prefecture would keep it: merged towns, two partners in a row, a state, and every kind of bad row. */
const SHEET_ROWS = [
  '長崎県,長崎市,アメリカ合衆国,ミネソタ州,セントポール市,昭和30年12月7日,姉妹都市,日本で最初の姉妹都市',
  '北海道,栗沢町,アメリカ合衆国,,ポートランド市（オレゴン州）,平成元年,姉妹都市,',
  '大阪府,大阪府,アメリカ合衆国,カリフォルニア州,,昭和55年5月,姉妹州,',
  '岡山県,岡山市,アメリカ合衆国,,サンノゼ市・ソルトレイクシティ,Ｓ５７．１０,友好都市,',
  '長崎県,長崎市,アメリカ合衆国,ミネソタ州,セントポール市,昭和30年12月7日,姉妹都市,日本で最初の姉妹都市',
  '北海道,札幌市,ドイツ,,ミュンヘン市,平成31年5月1日,姉妹都市,',
  '北海道,札幌市,アトランティス,,ポセイドニア,1990,姉妹都市,',
  '岡山県,架空市,アメリカ合衆国,,サンノゼ市,1990,姉妹都市,',
  '東京都,府中市,アメリカ合衆国,,,1990,姉妹都市,',
];
const sheet = (rows: string[]) => new TextEncoder().encode([HEADER, ...rows].join('\n') + '\n');

let database: Database;
let report: RegisterImportReport;

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  report = await importRegister(database.db, sheet(SHEET_ROWS), { actor: OPERATOR, source: 'prefecture-list.csv' });
});
afterAll(() => database.close());

const outcomeOf = (line: number) => report.outcomes.find((outcome) => outcome.line === line);

/** The relationships a source added, each as "Japanese LG – partner (country) | label | date precision | signed as", read by a query of its own. */
async function registerOf(db: Database['db'], source?: string): Promise<string[]> {
  const rows = await queryRows<{ line: string }>(
    db,
    sql`select concat_ws(' | ', a.name_local || ' – ' || coalesce(b.name_ja, b.name_local) || ' (' || trim(b.country) || ')', r.label,
        coalesce(to_char(r.signed_on, 'YYYY-MM-DD'), '-') || ' ' || coalesce(r.signed_precision, '-'), coalesce(r.first_signed_as, r.second_signed_as, '-')) as line
      from relationships r
      join local_governments a on a.id = case when r.first_country = 'JP' then r.first_id else r.second_id end
      join local_governments b on b.id = case when r.first_country = 'JP' then r.second_id else r.first_id end
      where ${source === undefined ? sql`true` : sql`r.source = ${source}`} order by 1`,
  );
  return rows.map((row) => row.line);
}

describe('import of a register sheet', () => {
  it('adds one relationship a partner, keeps the name a merged town signed under, and links a prefecture with a state', async () => {
    expect(await registerOf(database.db, 'prefecture-list.csv')).toEqual([
      '大阪府 – カリフォルニア州 (US) | sister state | 1980-05-01 month | -',
      '岡山市 – サンノゼ (US) | friendship city | 1982-10-01 month | -',
      '岡山市 – ソルトレイクシティ (US) | friendship city | 1982-10-01 month | -',
      '岩見沢市 – ポートランド (US) | sister city | 1989-01-01 year | 栗沢町',
      '長崎市 – セントポール (US) | sister city | 1955-12-07 day | -',
    ]);
    // The state of the reference data, found by the sound of its katakana name: no new place.
    const [state] = await queryRows<{ kind: string; verified: boolean; source: string }>(
      database.db,
      sql`select b.kind, b.verified, b.source from relationships r join local_governments b on b.id in (r.first_id, r.second_id) and b.country = 'US'
        where r.source = 'prefecture-list.csv' and r.label = 'sister state'`,
    );
    expect(state).toEqual({ kind: 'state', verified: true, source: 'countries-states-cities' });
    const [portland] = await queryRows<{ region_name: string; geonames_id: number }>(
      database.db,
      sql`select b.region_name, b.geonames_id from relationships r join local_governments b on b.id in (r.first_id, r.second_id) and b.country = 'US'
        where r.source = 'prefecture-list.csv' and r.first_signed_as = '栗沢町' or r.second_signed_as = '栗沢町'`,
    );
    expect(portland).toEqual({ region_name: 'Oregon', geonames_id: 5746545 });
  });

  it('links prefectures with the states and provinces of the reference data, by kanji, katakana or English name', async () => {
    const states = await importRegister(
      database.db,
      sheet([
        '兵庫県,兵庫県,アメリカ合衆国,ワシントン州,,昭和38年,姉妹州,',
        '静岡県,静岡県,中華人民共和国,浙江省,,1982年4月20日,友好省,',
        '千葉県,千葉県,Canada,British Columbia,,,sister province,',
        '鳥取県,鳥取県,アメリカ合衆国,ミスカトニック州,,1990,姉妹州,',
      ]),
      { actor: OPERATOR, source: 'states.csv' },
    );
    expect(states.rows).toMatchObject({ added: 4, refused: 0 });
    const partners = await queryRows<{ partner: string }>(
      database.db,
      sql`select concat_ws(' | ', b.name_en, b.name_ja, b.kind, b.verified::text) as partner from relationships r
        join local_governments b on b.id in (r.first_id, r.second_id) and b.country <> 'JP' where r.source = 'states.csv' order by 1`,
    );
    // A state the reference data lacks is made, unverified, for a coordinator to check.
    expect(partners.map((row) => row.partner)).toEqual([
      'British Columbia | ブリティッシュコロンビア州 | province | true',
      'Misukatonikku | ミスカトニック | state | false',
      'Washington | ワシントン州 | state | true',
      'Zhejiang | 浙江省 | province | true',
    ]);
  });

  it('says of every row what became of it, and refuses bad rows with their line, column and reason', () => {
    expect(report.rows).toEqual({ total: 9, added: 4, updated: 0, unchanged: 1, refused: 4 });
    expect(outcomeOf(5)).toMatchObject({ outcome: 'added' });
    expect(outcomeOf(6)).toMatchObject({ outcome: 'unchanged' });
    expect(outcomeOf(7)).toMatchObject({ outcome: 'refused', column: '提携日', reason: expect.stringContaining('Heisei') });
    expect(outcomeOf(8)).toMatchObject({ outcome: 'refused', column: '国名', reason: '"アトランティス" is not a country Kizuna knows' });
    expect(outcomeOf(9)).toMatchObject({ outcome: 'refused', column: '自治体名', reason: expect.stringContaining('架空市') });
    expect(outcomeOf(10)).toMatchObject({ outcome: 'refused', column: '提携先自治体名', reason: 'neither a partner nor its state or province is given' });
  });

  it('adds nothing when run again, and updates a relationship whose date becomes known', async () => {
    const again = await importRegister(database.db, sheet(SHEET_ROWS), { actor: OPERATOR, source: 'prefecture-list.csv' });
    expect(again.relationships).toEqual({ added: 0, updated: 0, unchanged: 6 });
    const refined = await importRegister(database.db, sheet(['北海道,栗沢町,アメリカ合衆国,,ポートランド市（オレゴン州）,平成元年6月12日,姉妹都市,']), {
      actor: OPERATOR,
      source: 'prefecture-list.csv',
    });
    expect(refined.rows).toMatchObject({ updated: 1, added: 0 });
    expect((await registerOf(database.db, 'prefecture-list.csv')).find((line) => line.includes('栗沢町'))).toContain('1989-06-12 day');
  });

  it('reads the same sheet in Shift_JIS and as XLSX to the same outcomes, writing nothing on a dry run', async () => {
    const before = await registerOf(database.db, 'prefecture-list.csv');
    const text = [HEADER, ...SHEET_ROWS].join('\r\n');
    const shiftJis = await importRegister(database.db, iconv.encode(text, 'Shift_JIS'), { actor: OPERATOR, source: 'prefecture-list.csv', dryRun: true });
    expect(shiftJis.encoding).toBe('shift_jis');
    const parsed = await readRegisterSheet(sheet(SHEET_ROWS));
    const xlsxRows = parsed.rows.map((row) => Object.fromEntries(REGISTER_FIELDS.map((field) => [field, row.cells[field] ?? ''])) as RegisterExportRow);
    const xlsx = await importRegister(database.db, await writeRegisterXlsx(xlsxRows), { actor: OPERATOR, source: 'prefecture-list.csv', dryRun: true });
    expect(xlsx.format).toBe('xlsx');
    // Everything the sheet names is known by now: the good rows change nothing, the bad ones are refused alike.
    const expected = report.outcomes.map((outcome) => [outcome.line, outcome.outcome === 'refused' ? 'refused' : 'unchanged', outcome.column]);
    for (const dry of [shiftJis, xlsx]) {
      expect(dry.outcomes.map((outcome) => [outcome.line, outcome.outcome, outcome.column])).toEqual(expected);
    }
    expect(await registerOf(database.db, 'prefecture-list.csv')).toEqual(before);
  });

  it('refuses a row with a NUL character in a cell, naming its line and column, and imports the rest', async () => {
    const before = await registerOf(database.db, 'nul.csv');
    const result = await importRegister(database.db, sheet(['岡山県,井原市,イタリア,,フィレン\u0000ツェ市,1990,姉妹都市,', '岡山県,井原市,アメリカ合衆国,ミネソタ州,セントポール市,1990,姉妹都市,']), {
      actor: OPERATOR,
      source: 'nul.csv',
    });
    expect(result.outcomes.map(({ line, outcome, column, reason }) => ({ line, outcome, column, reason }))).toEqual([
      { line: 2, outcome: 'refused', column: '提携先自治体名', reason: 'contains a NUL character (U+0000) at character 5, which no field may hold: remove it' },
      { line: 3, outcome: 'added', column: undefined, reason: '1 relationship added' },
    ]);
    expect((await registerOf(database.db, 'nul.csv')).length).toBe(before.length + 1);
  });

  it('refuses a sheet without the partner country column whole, naming the column', async () => {
    const noCountry = new TextEncoder().encode('都道府県,自治体名,提携先自治体名\n長崎県,長崎市,セントポール市\n');
    await expect(importRegister(database.db, noCountry, { actor: OPERATOR, source: 'x.csv' })).rejects.toMatchObject({
      id: 'import_failed',
      message: expect.stringContaining('国名'),
    });
  });

  it('lets coordinators and administrators import, not officers or the public', async () => {
    const [nagasaki] = await queryRows<{ id: number }>(database.db, sql`select id from local_governments where jis_code = '422011'`);
    const officer = await createTestAccount(database.db, 'officer', [nagasaki!.id]);
    const coordinator = await createTestAccount(database.db, 'coordinator');
    const one = sheet([SHEET_ROWS[0]!]);
    await expect(importRegister(database.db, one, { actor: officer.actor, source: 'x.csv', dryRun: true })).rejects.toMatchObject({ id: 'forbidden' });
    await expect(importRegister(database.db, one, { actor: PUBLIC, source: 'x.csv', dryRun: true })).rejects.toMatchObject({ id: 'unauthorized' });
    expect((await importRegister(database.db, one, { actor: coordinator.actor, source: 'x.csv', dryRun: true })).rows.total).toBe(1);
  });

  it('exports the register in the same form, and importing the export into an empty register gives it back', async () => {
    const empty = await openTestDatabase(inject('databaseTemplate'));
    try {
      // UTF-8 CSV goes the same way through the CLI's test and the download's; here the other two forms.
      for (const [format, encoding] of [['csv', 'shift_jis'], ['xlsx', 'utf-8']] as const) {
        const bytes = await exportRegister(database.db, format, encoding);
        const source = `export.${format}`;
        await empty.db.execute(sql`delete from relationships`);
        const back = await importRegister(empty.db, bytes, { actor: OPERATOR, source });
        expect(back.rows.refused).toBe(0);
        // The whole register: the states and provinces of the test above go and come back too.
        expect(await registerOf(empty.db, source)).toEqual(await registerOf(database.db));
      }
    } finally {
      await empty.close();
    }
  });
});
