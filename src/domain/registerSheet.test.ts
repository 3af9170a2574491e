import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { KizunaError } from '../errors.js';
import {
  MAX_SHEET_BYTES,
  REGISTER_FIELDS,
  REGISTER_HEADERS,
  REGISTER_HEADER_VARIANTS,
  affiliationLabel,
  decodeSheetText,
  matchHeader,
  parsePartnerName,
  parseRegionName,
  readRegisterSheet,
  shiftJisProblems,
  splitPartners,
  writeRegisterCsv,
  writeRegisterXlsx,
  type RegisterExportRow,
} from './registerSheet.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const shiftJis = (text: string) => new Uint8Array(iconv.encode(text, 'cp932'));

async function problemOf(run: () => unknown): Promise<KizunaError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(KizunaError);
    return error as KizunaError;
  }
  throw new Error('no error was thrown');
}

const messageOf = async (run: () => unknown) => (await problemOf(run)).message;

async function xlsxBytes(build: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook.addWorksheet('一覧'));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('matchHeader', () => {
  it('accepts every header variant of every column', () => {
    for (const field of REGISTER_FIELDS) {
      for (const variant of REGISTER_HEADER_VARIANTS[field]) expect([variant, matchHeader(variant)]).toEqual([variant, field]);
    }
  });

  it('ignores spaces, line breaks, full-width forms, case, ・ and bracketed notes', () => {
    expect(matchHeader(' 提携先\n自治体名 ')).toBe('partnerLocalGovernment');
    expect(matchHeader('都道府県名　')).toBe('prefecture');
    expect(matchHeader('ＰＲＥＦＥＣＴＵＲＥ')).toBe('prefecture');
    expect(matchHeader('州 ・ 省名')).toBe('partnerRegion');
    expect(matchHeader('州省名')).toBe('partnerRegion');
    expect(matchHeader('STATE/PROVINCE')).toBe('partnerRegion');
    expect(matchHeader('提携日（西暦）')).toBe('signedOn');
    expect(matchHeader('提携年月日 ※1')).toBe('signedOn');
    expect(matchHeader('Date of Affiliation')).toBe('signedOn');
    expect(matchHeader('partner_local_government')).toBe('partnerLocalGovernment');
  });

  it('names no column for readings, translations and unknown headers', () => {
    expect(matchHeader('自治体名（カナ）')).toBeNull();
    expect(matchHeader('国名(英語)')).toBeNull();
    expect(matchHeader('提携先自治体名ふりがな')).toBeNull();
    expect(matchHeader('No.')).toBeNull();
    expect(matchHeader('人口')).toBeNull();
    expect(matchHeader('')).toBeNull();
  });
});

describe('decodeSheetText', () => {
  it('reads UTF-8 with and without a byte-order mark', () => {
    expect(decodeSheetText(utf8('自治体名,国名\n'))).toEqual({ text: '自治体名,国名\n', encoding: 'utf-8' });
    expect(decodeSheetText(utf8('\uFEFF自治体名,国名\n'))).toEqual({ text: '自治体名,国名\n', encoding: 'utf-8' });
  });

  it('reads Shift_JIS, CP932 extensions included', () => {
    expect(decodeSheetText(shiftJis('自治体名,備考\n髙梁市,①\n'))).toEqual({ text: '自治体名,備考\n髙梁市,①\n', encoding: 'shift_jis' });
    expect(decodeSheetText(shiftJis('ｾﾝﾄ･ﾎﾟｰﾙ市'))).toEqual({ text: 'ｾﾝﾄ･ﾎﾟｰﾙ市', encoding: 'shift_jis' });
  });

  it('refuses an empty file, binary junk and UTF-16, saying why', async () => {
    expect(await messageOf(() => decodeSheetText(new Uint8Array()))).toMatch(/^The file is empty/);
    const junk = Uint8Array.from({ length: 512 }, (_, index) => (index * 73 + 11) % 256);
    expect(await messageOf(() => decodeSheetText(junk))).toMatch(/NUL bytes, so it is a binary file/);
    const png = Uint8Array.from([0x89, ...utf8('PNG\r\n'), 0x1a, 0x0a, 0, 0, 0, 0x0d, ...utf8('IHDR'), 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0]);
    expect(await messageOf(() => decodeSheetText(png))).toMatch(/NUL bytes, so it is a binary file/);
    expect(await messageOf(() => decodeSheetText(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x01])))).toMatch(/not text: line 3 holds a control character/);
    expect(await messageOf(() => decodeSheetText(new Uint8Array(iconv.encode('\uFEFF自治体名', 'utf-16le'))))).toMatch(/UTF-16 text/);
    expect(await messageOf(() => decodeSheetText(new Uint8Array(iconv.encode('Prefecture,Country', 'utf-16le'))))).toMatch(/UTF-16 text without a byte-order mark/);
    expect(await messageOf(() => decodeSheetText(new Uint8Array(iconv.encode('都道府県名,自治体名,国名\n岡山県,井原市,イタリア\n', 'utf-16be'))))).toMatch(/UTF-16 text without a byte-order mark/);
  });

  it('reads text with a stray NUL character as text, leaving it to the row (refused there)', () => {
    expect(decodeSheetText(utf8('自治体名,国名\n井原\u0000市,イタリア\n'))).toEqual({ text: '自治体名,国名\n井原\u0000市,イタリア\n', encoding: 'utf-8' });
    expect(decodeSheetText(shiftJis('自治体名,国名\n井原\u0000市,イタリア\n'))).toEqual({ text: '自治体名,国名\n井原\u0000市,イタリア\n', encoding: 'shift_jis' });
  });

  it('names the line of broken bytes in a UTF-8 file instead of reading it as Shift_JIS', async () => {
    const broken = Uint8Array.from([...utf8('自治体名,国名\n井原市,アメリカ\n井原'), 0xff, ...utf8('市,イタリア\n')]);
    expect(await messageOf(() => decodeSheetText(broken))).toMatch(/UTF-8 text except for line 3/);
  });

  it('refuses bytes that are neither UTF-8 nor Shift_JIS', async () => {
    expect(await messageOf(() => decodeSheetText(Uint8Array.from([0x41, 0x0a, 0x82, 0xa0, 0xfd])))).toMatch(/neither UTF-8 nor Shift_JIS text: line 2/);
    // Latin-1 "Köln" is a lead byte of Shift_JIS's user-defined area.
    expect(await messageOf(() => decodeSheetText(Uint8Array.from([0x4b, 0xf6, 0x6c, 0x6e])))).toMatch(/user-defined character \(gaiji\)/);
  });
});

describe('readRegisterSheet from CSV', () => {
  it('finds the header row under a title and blank rows, and numbers rows as Excel does', async () => {
    const sheet = await readRegisterSheet(
      utf8(
        '姉妹都市提携一覧（令和6年4月1日現在）,,,,,,\n' +
          ',,,,,,\n' +
          'No., 都道府県 ,自治体名,国名,州・省名,提携先自治体名,提携日,提携名称,備考,人口\n' +
          '1,岡山県,井原市,アメリカ合衆国,ミネソタ州,セント・ポール市,平成2年4月1日,姉妹都市,,41000\n' +
          ',,,,,,,,,\n' +
          '2,岡山県,岡山県,アメリカ合衆国,ミネソタ州,,昭和36年,姉妹州,  再締結　平成元年 ,\n',
      ),
    );
    expect(sheet).toMatchObject({ format: 'csv', encoding: 'utf-8', headerRow: 3, ignoredHeaders: ['No.', '人口'] });
    expect(sheet.columns).toEqual([
      { field: 'prefecture', header: '都道府県', column: 2 },
      { field: 'localGovernment', header: '自治体名', column: 3 },
      { field: 'partnerCountry', header: '国名', column: 4 },
      { field: 'partnerRegion', header: '州・省名', column: 5 },
      { field: 'partnerLocalGovernment', header: '提携先自治体名', column: 6 },
      { field: 'signedOn', header: '提携日', column: 7 },
      { field: 'label', header: '提携名称', column: 8 },
      { field: 'remarks', header: '備考', column: 9 },
    ]);
    expect(sheet.rows).toEqual([
      {
        line: 4,
        cells: {
          prefecture: '岡山県',
          localGovernment: '井原市',
          partnerCountry: 'アメリカ合衆国',
          partnerRegion: 'ミネソタ州',
          partnerLocalGovernment: 'セント・ポール市',
          signedOn: '平成2年4月1日',
          label: '姉妹都市',
        },
      },
      {
        line: 6,
        cells: {
          prefecture: '岡山県',
          localGovernment: '岡山県',
          partnerCountry: 'アメリカ合衆国',
          partnerRegion: 'ミネソタ州',
          signedOn: '昭和36年',
          label: '姉妹州',
          remarks: '再締結 平成元年',
        },
      },
    ]);
  });

  it('reads English headers', async () => {
    const sheet = await readRegisterSheet(
      utf8('Prefecture,Japanese local government,Partner country,Partner state,Partner local government,Date of affiliation,Name of affiliation,Notes\nOkayama,Ibara,United States,Minnesota,Saint Paul,1990-04-01,Sister city,\n'),
    );
    expect(sheet.columns.map((column) => column.field)).toEqual(REGISTER_FIELDS);
    expect(sheet.rows[0]?.cells).toMatchObject({ localGovernment: 'Ibara', partnerLocalGovernment: 'Saint Paul', label: 'Sister city' });
  });

  it('reads quoted cells over several lines: headers, names and remarks', async () => {
    const sheet = await readRegisterSheet(
      utf8('"自治体\n名",国名,"提携先\r\n自治体名",備考\r\n井原市,アメリカ,"ポートランド市\n（オレゴン州）","1行目\n  2行目  \n"\r\n倉敷市,アメリカ,カンザスシティ市,\r\n'),
    );
    expect(sheet.headerRow).toBe(1);
    expect(sheet.columns.map((column) => column.header)).toEqual(['自治体 名', '国名', '提携先 自治体名', '備考']);
    expect(sheet.rows).toEqual([
      { line: 2, cells: { localGovernment: '井原市', partnerCountry: 'アメリカ', partnerLocalGovernment: 'ポートランド市 （オレゴン州）', remarks: '1行目\n2行目' } },
      { line: 3, cells: { localGovernment: '倉敷市', partnerCountry: 'アメリカ', partnerLocalGovernment: 'カンザスシティ市' } },
    ]);
  });

  it('reads Shift_JIS and UTF-8 with a byte-order mark alike', async () => {
    const text = '都道府県名,団体名,相手国,相手自治体\r\n岡山県,井原市,イタリア,フィレンツェ市\r\n';
    const fromShiftJis = await readRegisterSheet(shiftJis(text));
    const fromUtf8 = await readRegisterSheet(utf8(`\uFEFF${text}`));
    expect(fromShiftJis.encoding).toBe('shift_jis');
    expect(fromUtf8.encoding).toBe('utf-8');
    expect(fromShiftJis.rows).toEqual(fromUtf8.rows);
    expect(fromUtf8.rows[0]?.cells).toEqual({ prefecture: '岡山県', localGovernment: '井原市', partnerCountry: 'イタリア', partnerLocalGovernment: 'フィレンツェ市' });
  });

  it('accepts a register of states and provinces without a partner local government column', async () => {
    const sheet = await readRegisterSheet(utf8('都道府県,自治体名,国名,州・省名,提携名称\n岡山県,岡山県,中国,江西省,友好省\n'));
    expect(sheet.rows[0]?.cells).toEqual({ prefecture: '岡山県', localGovernment: '岡山県', partnerCountry: '中国', partnerRegion: '江西省', label: '友好省' });
  });

  it('skips blank rows and a header repeated further down', async () => {
    const sheet = await readRegisterSheet(utf8('自治体名,国名,提携先\n井原市,イタリア,フィレンツェ市\n\n,,\n自治体名,国名,提携先\n倉敷市,アメリカ,カンザスシティ市\n'));
    expect(sheet.rows.map((row) => row.line)).toEqual([2, 6]);
  });

  it('falls back on a reading column only when nothing else gives its field', async () => {
    const sheet = await readRegisterSheet(utf8('自治体名,自治体名（カナ）,国名,提携先自治体名(英語)\n井原市,いばらし,アメリカ,Saint Paul\n'));
    expect(sheet.columns.map(({ field, header }) => [field, header])).toEqual([
      ['localGovernment', '自治体名'],
      ['partnerCountry', '国名'],
      ['partnerLocalGovernment', '提携先自治体名(英語)'],
    ]);
    expect(sheet.ignoredHeaders).toEqual(['自治体名（カナ）']);
  });

  it('strips the apostrophe that guards a formula-like cell', async () => {
    const sheet = await readRegisterSheet(utf8("自治体名,国名,提携先自治体名,備考\n井原市,アメリカ,セント・ポール市,'=1+1\n井原市,オランダ,'s-Hertogenbosch,\n"));
    expect(sheet.rows.map((row) => [row.cells.remarks, row.cells.partnerLocalGovernment])).toEqual([
      ['=1+1', 'セント・ポール市'],
      [undefined, "'s-Hertogenbosch"],
    ]);
  });
});

describe('readRegisterSheet refusals', () => {
  it('names the missing columns, the headers found and the names accepted', async () => {
    const noCountry = await problemOf(() => readRegisterSheet(utf8('一覧\n都道府県,自治体名,提携先自治体名\n岡山県,井原市,セント・ポール市\n')));
    expect(noCountry.id).toBe('import_failed');
    expect(noCountry.message).toBe(
      'The header row (row 2) has 「都道府県」「自治体名」「提携先自治体名」. ' +
        'There is no column for the partner country: name it 国名, 相手国, 相手国名, 提携先国名, 国, Country or Partner country.',
    );
    expect(noCountry.problems.map((problem) => problem.field)).toEqual(['partnerCountry']);

    const noSides = await problemOf(() => readRegisterSheet(utf8('都道府県,国名,提携日\n')));
    expect(noSides.message).toBe(
      'The header row (row 1) has 「都道府県」「国名」「提携日」. ' +
        'There is no column for the Japanese local government: name it 自治体名, 地方公共団体名, 団体名, 日本側自治体, 日本側自治体名, 市区町村名, Local government or Japanese local government. ' +
        'There is no column for the partner local government: name it 提携先自治体名, 相手自治体, 相手自治体名, 相手先自治体名, 姉妹都市名, 提携先, Partner, Partner local government or Partner city ' +
        '(or, for a register of states and provinces only, give the partner state or province as 州・省名, 相手州・省, 州・省, 州名, 省名, 州等, State, Province, State / Province, Partner state or Partner province).',
    );
    expect(noSides.problems.map((problem) => problem.field)).toEqual(['localGovernment', 'partnerLocalGovernment']);
  });

  it('refuses two columns for one field', async () => {
    expect(await messageOf(() => readRegisterSheet(utf8('自治体名,国名,提携先自治体名,相手国\n')))).toBe(
      'Columns B「国名」 and D「相手国」 of the header row (row 1) both give the partner country: keep one of them, or rename the other.',
    );
  });

  it('says so when no header row is found in the first ten rows', async () => {
    const late = `${'注記\n'.repeat(10)}自治体名,国名,提携先自治体名\n`;
    expect(await messageOf(() => readRegisterSheet(utf8(late)))).toBe(
      'No header row was found in the first 10 rows: none names a column such as 自治体名, 国名 or 提携先自治体名. Row 1 reads 「注記」.',
    );
  });

  it('refuses empty files, junk, old .xls, false .xlsx, huge files and huge lines', async () => {
    expect(await messageOf(() => readRegisterSheet(new Uint8Array()))).toMatch(/^The file is empty/);
    expect(await messageOf(() => readRegisterSheet(utf8('\uFEFF \n\n')))).toMatch(/^The file is empty/);
    expect(await messageOf(() => readRegisterSheet(Uint8Array.from({ length: 300 }, (_, index) => index % 256)))).toMatch(/binary file/);
    expect(await messageOf(() => readRegisterSheet(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), '一覧.xls'))).toMatch(/“一覧.xls” is an old Excel 97–2003 workbook/);
    expect(await messageOf(() => readRegisterSheet(utf8('自治体名,国名,提携先\n'), 'list.xlsx'))).toMatch(/named as an Excel workbook but is not one/);
    expect(await messageOf(() => readRegisterSheet(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6])))).toMatch(/ZIP archive but not an Excel workbook/);
    expect(await messageOf(() => readRegisterSheet(new Uint8Array(MAX_SHEET_BYTES + 1)))).toMatch(/larger than 20 MB/);
    expect(await messageOf(() => readRegisterSheet(utf8(`自治体名,国名,提携先\n井原市,イタリア,${'あ'.repeat(70 * 1024)}\n`)))).toMatch(/Line 2 is longer than 64 KB/);
  });

  it('refuses a row with a NUL character in a cell it reads, naming its column, rather than drop the character', async () => {
    const sheet = await readRegisterSheet(
      utf8(
        '自治体名,国名,提携先自治体名,備考,人口\n' +
          '井原市,アメリカ合衆国,セント\u0000ポール市,,\n' +
          '井原市,イタリア,フィレンツェ市,友好\u0000,\n' +
          // A column the import does not read may hold anything.
          '倉敷市,アメリカ合衆国,カンザスシティ市,,\u0000\n',
      ),
    );
    const nul = (at: number) => `contains a NUL character (U+0000) at character ${at}, which no field may hold: remove it`;
    expect(sheet.rows).toEqual([
      { line: 2, cells: {}, refused: { field: 'partnerLocalGovernment', reason: nul(4) } },
      { line: 3, cells: {}, refused: { field: 'remarks', reason: nul(3) } },
      { line: 4, cells: { localGovernment: '倉敷市', partnerCountry: 'アメリカ合衆国', partnerLocalGovernment: 'カンザスシティ市' } },
    ]);
  });

  it('refuses a header with a NUL character, naming its column', async () => {
    expect(await messageOf(() => readRegisterSheet(utf8('自治体名,国名,提携先自治体名,備\u0000考\n井原市,イタリア,フィレンツェ市,\n')))).toBe(
      'Column D of the header row (row 1) contains a NUL character (U+0000) at character 2, which no field may hold: remove it.',
    );
  });

  it('refuses a CSV whose quotes are not closed', async () => {
    expect(await messageOf(() => readRegisterSheet(utf8('自治体名,国名,提携先\n"井原市,イタリア,フィレンツェ市\n')))).toMatch(/not valid CSV/);
  });
});

describe('readRegisterSheet from XLSX', () => {
  it('reads dates, rich text, formulas, numbers, links and merged cells as text', async () => {
    const bytes = await xlsxBytes((sheet) => {
      sheet.addRow(['姉妹都市提携一覧']);
      sheet.mergeCells('A1:F1');
      sheet.addRow(['都道府県', '市区町村名', '国名', '提携先', '提携年月日', '更新日', '備考']);
      sheet.addRow(['岡山県', '井原市', 'アメリカ合衆国', { richText: [{ text: 'セント・', font: { bold: true } }, { text: 'ポール市' }] }, new Date(Date.UTC(1990, 3, 1)), null, 1990]);
      sheet.addRow([null, '井原市', 'イタリア', { text: 'フィレンツェ市', hyperlink: 'https://www.comune.fi.it/' }, '平成元年', null, { formula: '1+1', result: 2 }]);
      sheet.mergeCells('A3:A4');
      sheet.getCell('F3').value = new Date(Date.UTC(1955, 11, 1));
      sheet.getCell('F3').numFmt = 'yyyy"年"m"月"';
    });
    const sheet = await readRegisterSheet(bytes, 'register.xlsx');
    expect(sheet).toMatchObject({ format: 'xlsx', headerRow: 2, ignoredHeaders: ['更新日'] });
    expect(sheet.encoding).toBeUndefined();
    expect(sheet.rows).toEqual([
      {
        line: 3,
        cells: { prefecture: '岡山県', localGovernment: '井原市', partnerCountry: 'アメリカ合衆国', partnerLocalGovernment: 'セント・ポール市', signedOn: '1990-04-01', remarks: '1990' },
        signedOnValue: new Date(Date.UTC(1990, 3, 1)),
      },
      {
        line: 4,
        cells: { prefecture: '岡山県', localGovernment: '井原市', partnerCountry: 'イタリア', partnerLocalGovernment: 'フィレンツェ市', signedOn: '平成元年', remarks: '2' },
      },
    ]);
  }, 20_000);

  it('gives a month-only date format as year and month', async () => {
    const bytes = await xlsxBytes((sheet) => {
      sheet.addRow(['自治体名', '国名', '提携先自治体名', '提携年月']);
      sheet.addRow(['倉敷市', 'アメリカ', 'カンザスシティ市', new Date(Date.UTC(1972, 4, 1))]);
      sheet.getCell('D2').numFmt = 'yyyy"年"m"月"';
    });
    const [row] = (await readRegisterSheet(bytes)).rows;
    expect(row?.cells.signedOn).toBe('1972-05');
    expect(row?.signedOnValue).toEqual(new Date(Date.UTC(1972, 4, 1)));
  });

  it('refuses a row with a NUL character in a cell, as Excel writes it (_x0000_)', async () => {
    const bytes = await xlsxBytes((sheet) => {
      sheet.addRow(['自治体名', '国名', '提携先自治体名', '提携名称']);
      sheet.addRow(['倉敷市', 'アメリカ', 'カンザスシティ市', '姉妹_x0000_都市']);
      sheet.addRow(['倉敷市', 'オーストリア', 'ザンクト・ペルテン市', '姉妹都市']);
    });
    expect((await readRegisterSheet(bytes)).rows).toEqual([
      { line: 2, cells: {}, refused: { field: 'label', reason: 'contains a NUL character (U+0000) at character 3, which no field may hold: remove it' } },
      { line: 3, cells: { localGovernment: '倉敷市', partnerCountry: 'オーストリア', partnerLocalGovernment: 'ザンクト・ペルテン市', label: '姉妹都市' } },
    ]);
  });

  it('refuses a workbook whose first worksheet is empty', async () => {
    expect(await messageOf(async () => readRegisterSheet(await xlsxBytes(() => undefined)))).toMatch(/first worksheet is empty/);
  });
});

describe('splitPartners', () => {
  it('offers the whole text first, then the split', () => {
    expect(splitPartners('セント・ポール市')).toEqual([['セント・ポール市'], ['セント', 'ポール市']]);
    expect(splitPartners('A市・B市')).toEqual([['A市・B市'], ['A市', 'B市']]);
    expect(splitPartners('A市及びB市')).toEqual([['A市及びB市'], ['A市', 'B市']]);
    expect(splitPartners('A市 及び B市並びにC町')).toEqual([['A市 及び B市並びにC町'], ['A市', 'B市', 'C町']]);
    expect(splitPartners('Ghent and Bruges')).toEqual([['Ghent and Bruges'], ['Ghent', 'Bruges']]);
    expect(splitPartners('A市とB市')).toEqual([['A市とB市'], ['A市', 'B市']]);
    expect(splitPartners('フィレンツェ市')).toEqual([['フィレンツェ市']]);
    expect(splitPartners('  ')).toEqual([]);
  });

  it('splits at the surest separators first', () => {
    expect(splitPartners('セント・ポール市及びミネアポリス市')).toEqual([['セント・ポール市及びミネアポリス市'], ['セント・ポール市', 'ミネアポリス市'], ['セント', 'ポール市', 'ミネアポリス市']]);
    expect(splitPartners('Portland, Oregon & Salem, Oregon')).toEqual([
      ['Portland, Oregon & Salem, Oregon'],
      ['Portland, Oregon', 'Salem, Oregon'],
      ['Portland', 'Oregon', 'Salem', 'Oregon'],
    ]);
    expect(splitPartners('A市、B市・C市')).toEqual([['A市、B市・C市'], ['A市', 'B市・C市'], ['A市', 'B市', 'C市']]);
  });

  it('does not split inside brackets, nor at と inside a name in kana', () => {
    expect(splitPartners('ポートランド市（オレゴン州・米国）')).toEqual([['ポートランド市（オレゴン州・米国）']]);
    expect(splitPartners('A市(X州、Y郡)・B市')).toEqual([['A市(X州、Y郡)・B市'], ['A市(X州、Y郡)', 'B市']]);
    expect(splitPartners('ことひら町')).toEqual([['ことひら町']]);
    expect(splitPartners('とうかい町')).toEqual([['とうかい町']]);
    expect(splitPartners('A市 と B市')).toEqual([['A市 と B市'], ['A市', 'B市']]);
  });
});

describe('parsePartnerName', () => {
  it('reads the region in brackets or after a comma', () => {
    expect(parsePartnerName('ポートランド市（オレゴン州）')).toEqual({ name: 'ポートランド', region: 'オレゴン州', kind: 'city' });
    expect(parsePartnerName('ポートランド市(オレゴン州)')).toEqual({ name: 'ポートランド', region: 'オレゴン州', kind: 'city' });
    expect(parsePartnerName('Portland, Oregon')).toEqual({ name: 'Portland', region: 'Oregon', kind: null });
    expect(parsePartnerName('Portland, Oregon, USA')).toEqual({ name: 'Portland', region: 'Oregon', kind: null });
  });

  it('reads a region written before the name in Japanese', () => {
    expect(parsePartnerName('オレゴン州ポートランド市')).toEqual({ name: 'ポートランド', region: 'オレゴン州', kind: 'city' });
    expect(parsePartnerName('江蘇省蘇州市')).toEqual({ name: '蘇州', region: '江蘇省', kind: 'city' });
    expect(parsePartnerName('京畿道水原市')).toEqual({ name: '水原', region: '京畿道', kind: 'city' });
    expect(parsePartnerName('済州特別自治道')).toEqual({ name: '済州', region: null, kind: 'special self-governing province' });
  });

  it('reads the kind from Japanese suffixes and keeps the name otherwise intact', () => {
    const kinds = (names: string[]) => names.map((name) => { const { name: base, kind } = parsePartnerName(name); return [base, kind]; });
    expect(
      kinds(['ミネアポリス市', 'ホワイトフィッシュ町', 'ロイヤルヴィレッジ村', 'クイーンズランド州', '江西省', '京畿道', '釜山広域市', 'ソウル特別市', '世宗特別自治市', '江南区', '昆山県', 'マリン郡', '新疆ウイグル自治区', '延辺朝鮮族自治州', 'ｾﾝﾄ･ﾎﾟｰﾙ市']),
    ).toEqual([
      ['ミネアポリス', 'city'],
      ['ホワイトフィッシュ', 'town'],
      ['ロイヤルヴィレッジ', 'village'],
      ['クイーンズランド', 'state'],
      ['江西', 'province'],
      ['京畿', 'province'],
      ['釜山', 'metropolitan city'],
      ['ソウル', 'special city'],
      ['世宗', 'special self-governing city'],
      ['江南', 'district'],
      ['昆山', 'county'],
      ['マリン', 'county'],
      ['新疆ウイグル', 'autonomous region'],
      ['延辺朝鮮族', 'autonomous prefecture'],
      ['セント・ポール', 'city'],
    ]);
  });

  it('keeps a one-character name, Chinese cities in 州 and 北海道 whole', () => {
    expect(parsePartnerName('津市')).toEqual({ name: '津市', region: null, kind: 'city' });
    expect(parsePartnerName('蘇州')).toEqual({ name: '蘇州', region: null, kind: null });
    expect(parsePartnerName('杭州市')).toEqual({ name: '杭州', region: null, kind: 'city' });
    expect(parsePartnerName('北海道')).toEqual({ name: '北海道', region: null, kind: null });
    expect(parsePartnerName('哈爾浜市道里区')).toEqual({ name: '哈爾浜市道里', region: null, kind: 'district' });
  });

  it('reads English kinds, keeping City and County in the name and dropping State and Province', () => {
    expect(parsePartnerName('Kansas City')).toEqual({ name: 'Kansas City', region: null, kind: 'city' });
    expect(parsePartnerName('Marin County, California')).toEqual({ name: 'Marin County', region: 'California', kind: 'county' });
    expect(parsePartnerName('Guangdong Province')).toEqual({ name: 'Guangdong', region: null, kind: 'province' });
    expect(parsePartnerName('State of Washington')).toEqual({ name: 'Washington', region: null, kind: 'state' });
    expect(parsePartnerName('City of Saint Paul')).toEqual({ name: 'City of Saint Paul', region: null, kind: 'city' });
    expect(parsePartnerName('Twin Falls Town')).toEqual({ name: 'Twin Falls Town', region: null, kind: 'town' });
  });
});

describe('parseRegionName', () => {
  it('drops the kind of a state or province', () => {
    expect(parseRegionName('オレゴン州')).toEqual({ name: 'オレゴン', kind: 'state' });
    expect(parseRegionName('江蘇省')).toEqual({ name: '江蘇', kind: 'province' });
    expect(parseRegionName(' ミネソタ州（米国） ')).toEqual({ name: 'ミネソタ', kind: 'state' });
    expect(parseRegionName('Oregon')).toEqual({ name: 'Oregon', kind: null });
    expect(parseRegionName('New York State')).toEqual({ name: 'New York', kind: 'state' });
  });
});

describe('affiliationLabel', () => {
  it('gives the English label of each Japanese name of an affiliation', () => {
    const labels = Object.fromEntries(
      ['姉妹都市', '友好都市', '姉妹州', '姉妹州省', '友好省', '友好州', '友好交流都市', '友好提携', '姉妹提携', '友好姉妹都市', '経済交流'].map((text) => [text, affiliationLabel(text).label]),
    );
    expect(labels).toEqual({
      姉妹都市: 'sister city',
      友好都市: 'friendship city',
      姉妹州: 'sister state',
      姉妹州省: 'sister state',
      友好省: 'friendship province',
      友好州: 'friendship state',
      友好交流都市: 'friendly exchange city',
      友好提携: 'friendship',
      姉妹提携: 'sister',
      友好姉妹都市: 'friendship sister city',
      経済交流: 'economic partnership',
    });
  });

  it('keeps the name as written as the original, and reads variants of writing', () => {
    expect(affiliationLabel(' 姉妹都市提携 ')).toEqual({ label: 'sister city', labelOriginal: '姉妹都市提携' });
    expect(affiliationLabel('友好 都市')).toEqual({ label: 'friendship city', labelOriginal: '友好 都市' });
    expect(affiliationLabel('Twin Town')).toEqual({ label: 'twin town', labelOriginal: 'Twin Town' });
    expect(affiliationLabel('Partner City')).toEqual({ label: 'partner city', labelOriginal: 'Partner City' });
    expect(affiliationLabel('Sister Cities')).toEqual({ label: 'sister city', labelOriginal: 'Sister Cities' });
  });

  it('keeps a name it does not know as written', () => {
    expect(affiliationLabel(' 教育交流協定 ')).toEqual({ label: '教育交流協定', labelOriginal: '教育交流協定' });
    expect(affiliationLabel('')).toEqual({ label: '', labelOriginal: '' });
  });
});

describe('writing registers', () => {
  const rows: RegisterExportRow[] = [
    {
      prefecture: '岡山県',
      localGovernment: '井原市',
      partnerCountry: 'アメリカ合衆国',
      partnerRegion: 'ミネソタ州',
      partnerLocalGovernment: 'セント・ポール市',
      signedOn: '平成2年4月1日',
      label: '姉妹都市',
      remarks: '1990年に提携\n2020年に30周年, 記念式典',
    },
    {
      prefecture: '岡山県',
      localGovernment: '岡山県',
      partnerCountry: '中華人民共和国',
      partnerRegion: '江西省',
      partnerLocalGovernment: '',
      signedOn: '平成4年',
      label: '友好省',
      remarks: '-',
    },
    {
      prefecture: '岡山県',
      localGovernment: '髙梁市',
      partnerCountry: 'アメリカ合衆国',
      partnerRegion: '',
      partnerLocalGovernment: '"=HYPERLINK(1)" 市',
      signedOn: '',
      label: '',
      remarks: '=1+1 ①',
    },
  ];
  /** The cells a reader gives back: every column that is not empty. */
  const expected = rows.map((row) => Object.fromEntries(Object.entries(row).filter(([, text]) => text !== '')));

  it('writes CLAIR’s header names', () => {
    expect(Object.values(REGISTER_HEADERS)).toEqual(['都道府県', '自治体名', '国名', '州・省名', '提携先自治体名', '提携日', '提携名称', '備考']);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(writeRegisterCsv([], 'utf-8'));
    expect(text).toBe('\uFEFF都道府県,自治体名,国名,州・省名,提携先自治体名,提携日,提携名称,備考\r\n');
  });

  it('reads back what it wrote as UTF-8 CSV, Shift_JIS CSV and XLSX', async () => {
    const fromUtf8 = await readRegisterSheet(writeRegisterCsv(rows, 'utf-8'));
    expect(fromUtf8.encoding).toBe('utf-8');
    expect(fromUtf8.rows.map((row) => row.cells)).toEqual(expected);
    const fromShiftJis = await readRegisterSheet(writeRegisterCsv(rows, 'shift_jis'));
    expect(fromShiftJis.encoding).toBe('shift_jis');
    expect(fromShiftJis.rows.map((row) => row.cells)).toEqual(expected);
    const fromXlsx = await readRegisterSheet(await writeRegisterXlsx(rows));
    expect(fromXlsx.format).toBe('xlsx');
    expect(fromXlsx.rows.map((row) => row.cells)).toEqual(expected);
    expect(fromXlsx.rows.map((row) => row.line)).toEqual([2, 3, 4]);
  });

  it('guards formula-like cells in CSV with an apostrophe', () => {
    const text = new TextDecoder().decode(writeRegisterCsv(rows, 'utf-8'));
    expect(text).toContain(",'-\r\n");
    expect(text).toContain(",'=1+1 ①\r\n");
    expect(text).toContain('"""=HYPERLINK(1)"" 市"');
  });

  it('writes the CP932 forms of the wave dash and the minus to Shift_JIS', async () => {
    const tilde = { ...rows[0]!, remarks: '1990〜2000年 −5' };
    const sheet = await readRegisterSheet(writeRegisterCsv([tilde], 'shift_jis'));
    expect(sheet.rows[0]?.cells.remarks).toBe('1990～2000年 －5');
  });

  it('refuses a character Shift_JIS cannot hold, naming it, or writes 〓 when asked', async () => {
    const besancon = { ...rows[0]!, partnerCountry: 'フランス', partnerRegion: '', partnerLocalGovernment: 'Besançon', remarks: '𠮷野家' };
    expect(shiftJisProblems([rows[0]!, besancon])).toEqual([
      { index: 1, field: 'partnerLocalGovernment', character: 'ç' },
      { index: 1, field: 'remarks', character: '𠮷' },
    ]);
    const refusal = await problemOf(() => writeRegisterCsv([rows[0]!, besancon], 'shift_jis'));
    expect(refusal.message).toBe(
      'Shift_JIS cannot hold 「ç」 (U+00E7) in 提携先自治体名 of row 2 (井原市 – Besançon), 「𠮷」 (U+20BB7) in 備考 of row 2 (井原市 – Besançon): ' +
        'export as UTF-8, or let Kizuna write 〓 in their place.',
    );
    const substituted = await readRegisterSheet(writeRegisterCsv([besancon], 'shift_jis', { substitute: true }));
    expect(substituted.rows[0]?.cells).toMatchObject({ partnerLocalGovernment: 'Besan〓on', remarks: '〓野家' });
    expect((await readRegisterSheet(writeRegisterCsv([besancon], 'utf-8'))).rows[0]?.cells.partnerLocalGovernment).toBe('Besançon');
  });
});
