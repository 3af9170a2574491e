import type ExcelJS from 'exceljs';
import { newWorkbook } from '../workbooks.js';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import { KizunaError } from '../errors.js';
import { MAX_LINE_BYTES } from './pairsFile.js';
import { inert, nulInCell } from './spreadsheetCells.js';

/**
 * Registers of sister-city relationships as CLAIR and the prefectures keep them: Excel workbooks,
 * or CSV saved from Excel in Shift_JIS (CP932) or UTF-8. Bytes in, values out; the importer
 * resolves the places and the era dates (eraDates.ts) itself.
 */

/** The columns of a register that Kizuna reads, in the order it writes them. */
export const REGISTER_FIELDS = [
  'prefecture',
  'localGovernment',
  'partnerCountry',
  'partnerRegion',
  'partnerLocalGovernment',
  'signedOn',
  'label',
  'remarks',
] as const;

export type RegisterField = (typeof REGISTER_FIELDS)[number];

/**
 * The header names accepted for each column, as registers write them. The first of each list is
 * CLAIR's own and is the one written on export, so that an exported sheet reads back.
 */
export const REGISTER_HEADER_VARIANTS: Readonly<Record<RegisterField, readonly string[]>> = {
  prefecture: ['都道府県', '都道府県名', 'Prefecture'],
  localGovernment: ['自治体名', '地方公共団体名', '団体名', '日本側自治体', '日本側自治体名', '市区町村名', 'Local government', 'Japanese local government'],
  partnerCountry: ['国名', '相手国', '相手国名', '提携先国名', '国', 'Country', 'Partner country'],
  partnerRegion: ['州・省名', '相手州・省', '州・省', '州名', '省名', '州等', 'State', 'Province', 'State / Province', 'Partner state', 'Partner province'],
  partnerLocalGovernment: ['提携先自治体名', '相手自治体', '相手自治体名', '相手先自治体名', '姉妹都市名', '提携先', 'Partner', 'Partner local government', 'Partner city'],
  signedOn: ['提携日', '提携年月日', '締結日', '提携年月', 'Date', 'Date of affiliation', 'Date signed'],
  label: ['提携名称', '提携の名称', '名称', '種別', 'Type', 'Name of affiliation'],
  remarks: ['備考', 'Remarks', 'Notes'],
};

/** The header row Kizuna writes: CLAIR's name for each column. */
export const REGISTER_HEADERS: Readonly<Record<RegisterField, string>> = Object.fromEntries(
  REGISTER_FIELDS.map((field) => [field, REGISTER_HEADER_VARIANTS[field][0]!]),
) as Record<RegisterField, string>;

/** What each column holds, in the words of error messages. */
const FIELD_DESCRIPTIONS: Readonly<Record<RegisterField, string>> = {
  prefecture: 'the prefecture',
  localGovernment: 'the Japanese local government',
  partnerCountry: 'the partner country',
  partnerRegion: 'the partner state or province',
  partnerLocalGovernment: 'the partner local government',
  signedOn: 'the date of affiliation',
  label: 'the name of the affiliation',
  remarks: 'remarks',
};

/** A file larger than this is no register: it is refused before it is parsed. */
export const MAX_SHEET_BYTES = 20 * 1024 * 1024;
/** The header row must be among the first this many rows of the sheet. */
const HEADER_SEARCH_ROWS = 10;

/** One column of the sheet that Kizuna reads: its field, its header as written and its position. */
export interface RegisterColumn {
  field: RegisterField;
  header: string;
  /** 1-based, as column A is 1. */
  column: number;
}

/** A row of a register with text in at least one column that Kizuna reads. */
export interface RegisterRow {
  /** The row number a person sees: Excel's row number (for CSV, the record's row when Excel opens it). */
  line: number;
  /** The cells that are not empty, trimmed, runs of white space made one space (remarks keep their line breaks). */
  cells: Partial<Record<RegisterField, string>>;
  /** The date itself, when the XLSX cell of the date column holds a real date. */
  signedOnValue?: Date;
  /** Why the row is refused as it stands in the file (a cell holds a NUL character); its cells are then left out. */
  refused?: { field: RegisterField; reason: string };
}

export interface RegisterSheet {
  format: 'csv' | 'xlsx';
  /** For CSV: how the bytes were decoded. */
  encoding?: SheetEncoding;
  /** The row number of the header row. */
  headerRow: number;
  columns: RegisterColumn[];
  /** Headers of columns that Kizuna does not read, as written. */
  ignoredHeaders: string[];
  rows: RegisterRow[];
}

export type SheetEncoding = 'utf-8' | 'shift_jis';

/** A row to export, every column already text (the date in the era form the caller chose). */
export type RegisterExportRow = Record<RegisterField, string>;

function fileError(message: string, field = 'file'): KizunaError {
  return new KizunaError('import_failed', message, [{ field, message }]);
}

// ——— Decoding ———

/** CP932 is what Excel on Japanese Windows means by Shift_JIS (with NEC and IBM extensions: ①, 髙). */
const SHIFT_JIS = 'cp932';
const UTF8_BOM = [0xef, 0xbb, 0xbf];

function lineOf(text: string, index: number): number {
  return text.slice(0, Math.max(index, 0)).split('\n').length;
}

/**
 * Control characters other than tab and line ends do not occur in a register's text. A NUL is
 * left to the cells, whose rows are refused with their column (gridToSheet).
 */
function refuseControlCharacters(text: string, encoding: string): void {
  const at = text.search(/[\u0001-\u0008\u000b\u000c\u000e-\u0019\u001b-\u001f\u007f-\u009f]/);
  if (at >= 0) {
    throw fileError(`The file is not text: line ${lineOf(text, at)} holds a control character (read as ${encoding}). Upload the register as CSV or as an Excel workbook.`);
  }
}

/**
 * Decodes the bytes of a CSV file: UTF-8 (with or without BOM) when they are valid UTF-8, else
 * Shift_JIS (CP932), the encoding Excel on Japanese Windows saves CSV in. Refuses, saying why,
 * bytes that are neither: UTF-16, binary files, UTF-8 with a few broken bytes, Shift_JIS gaiji.
 *
 * @example decodeSheetText(iconv.encode('自治体名', 'cp932')) // { text: '自治体名', encoding: 'shift_jis' }
 */
export function decodeSheetText(bytes: Uint8Array): { text: string; encoding: SheetEncoding } {
  if (bytes.length === 0) throw fileError('The file is empty: a register starts with a header row such as 都道府県, 自治体名, 国名, 提携先自治体名.');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw fileError('The file is UTF-16 text (Excel’s “Unicode text”), which Kizuna does not read: save it as “CSV UTF-8” or as an Excel workbook (.xlsx).');
  }
  // UTF-16 has many NUL bytes (the high bytes of commas, digits and line ends), all at even or
  // all at odd positions; other files with many are binary.
  const parities = new Set<number>();
  let nuls = 0;
  bytes.forEach((byte, index) => {
    if (byte === 0) {
      nuls += 1;
      parities.add(index % 2);
    }
  });
  const binary = () => fileError('The file holds NUL bytes, so it is a binary file and not a CSV: upload the register as CSV or as an Excel workbook (.xlsx).');
  if (nuls > 0 && nuls * 16 >= bytes.length) {
    throw parities.size === 1
      ? fileError('The file looks like UTF-16 text without a byte-order mark, which Kizuna does not read: save it as “CSV UTF-8” or as an Excel workbook (.xlsx).')
      : binary();
  }
  try {
    return decodeText(bytes);
  } catch (error) {
    // Text with a stray NUL reads as text, and the row of that cell is refused; anything else with NUL bytes is a binary file.
    throw nuls > 0 && error instanceof KizunaError ? binary() : error;
  }
}

/** UTF-8 (with or without BOM), else Shift_JIS; decodeSheetText without its checks for UTF-16 and binary files. */
function decodeText(bytes: Uint8Array): { text: string; encoding: SheetEncoding } {
  const hasBom = UTF8_BOM.every((byte, index) => bytes[index] === byte);
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    refuseControlCharacters(text, 'UTF-8');
    return { text: text.replace(/\u001a$/, ''), encoding: 'utf-8' };
  } catch (error) {
    if (error instanceof KizunaError) throw error;
  }
  // Text that is mostly valid UTF-8 is UTF-8 with a few broken bytes, not Shift_JIS: say where.
  const lenient = new TextDecoder('utf-8').decode(body);
  const broken = (lenient.match(/\uFFFD/g) ?? []).length;
  const wellFormed = (lenient.match(/[^\u0000-\u007f\uFFFD]/g) ?? []).length;
  if (hasBom || wellFormed >= 4 * broken) {
    throw fileError(
      `The file is UTF-8 text except for line ${lineOf(lenient, lenient.indexOf('\uFFFD'))}, which holds bytes that are not UTF-8. Correct that line, or save the file again as “CSV UTF-8”.`,
    );
  }
  const text = iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), SHIFT_JIS);
  const undecodable = text.indexOf('\uFFFD');
  if (undecodable >= 0) {
    throw fileError(
      `The file is neither UTF-8 nor Shift_JIS text: line ${lineOf(text, undecodable)} holds bytes that are neither. Save the register as “CSV UTF-8” or as an Excel workbook (.xlsx).`,
    );
  }
  const gaiji = text.search(/[\uE000-\uF8FF]/);
  if (gaiji >= 0) {
    throw fileError(
      `Line ${lineOf(text, gaiji)} holds a user-defined character (gaiji) of Shift_JIS, which other computers cannot show, or the file is not Shift_JIS at all. Replace the character, or save the file as “CSV UTF-8”.`,
    );
  }
  refuseControlCharacters(text, 'Shift_JIS');
  // Old Windows programs end a text file with Ctrl-Z.
  return { text: text.replace(/\u001a$/, ''), encoding: 'shift_jis' };
}

// ——— Headers ———

const BRACKETED = /\(([^()]*)\)|\[([^\]]*)\]|【([^】]*)】|〔([^〕]*)〕/g;
/** Words that mark a column as a reading or a translation of another column: 自治体名（カナ）, 国名(英語). */
const READING_WORDS = /ふりがな|フリガナ|よみがな|ヨミガナ|読み|よみ|ヨミ|カナ|かな|英語|英文|英字|ローマ字|english|romaji|roman/i;
const READING_SUFFIX = /(ふりがな|フリガナ|よみがな|ヨミガナ|読み|よみ|ヨミ|カナ|かな|(英語|英文|英字|ローマ字)(表記)?|english|romaji)$/i;

/** The header folded to the form the variants are compared in, and whether it names a reading column. */
function headerKey(header: string): { key: string; reading: boolean } {
  let reading = false;
  let key = header.normalize('NFKC').replace(BRACKETED, (...groups: unknown[]) => {
    const inner = groups.slice(1, 5).find((group) => typeof group === 'string') as string;
    if (READING_WORDS.test(inner)) reading = true;
    return '';
  });
  // Footnote marks (提携日※1, 提携日*1, 名称注2) go with their numbers.
  key = key.replace(/(?:[※*]|注(?=\d))\d*/g, '').replace(/[\s・_.:：\-/]/g, '').toLowerCase();
  const suffix = READING_SUFFIX.exec(key);
  if (suffix && suffix.index > 0) {
    reading = true;
    key = key.slice(0, suffix.index);
  }
  return { key, reading };
}

const FIELD_BY_KEY = new Map<string, RegisterField>(
  REGISTER_FIELDS.flatMap((field) => REGISTER_HEADER_VARIANTS[field].map((variant) => [headerKey(variant).key, field] as const)),
);

/** The field a header names, and whether the column is a reading or a translation of that field. */
function classifyHeader(header: string): { field: RegisterField | null; reading: boolean } {
  const { key, reading } = headerKey(header);
  return { field: key.length > 0 ? (FIELD_BY_KEY.get(key) ?? null) : null, reading };
}

/**
 * The register column a header names, or null. Compares after NFKC, ignoring case, spaces, line
 * breaks, ・, punctuation and bracketed notes (提携日（西暦） is 提携日). A column marked as a reading
 * or a translation (自治体名（カナ）, 国名(英語), 自治体名ふりがな) names none here, so that it does
 * not clash with the column it transcribes; readRegisterSheet falls back on it only when it is the
 * sole column for its field.
 *
 * @example matchHeader(' 提携先\n自治体名 ') // 'partnerLocalGovernment'
 */
export function matchHeader(header: string): RegisterField | null {
  const { field, reading } = classifyHeader(header);
  return reading ? null : field;
}

// ——— Reading ———

interface GridCell {
  text: string;
  date?: Date;
}

interface GridRow {
  line: number;
  cells: GridCell[];
}

/** A sheet as rows of cells, whatever the file format. */
interface Grid {
  rows: GridRow[];
  /** Whether a cell may start with the apostrophe that writeRegisterCsv adds before = + - @. */
  apostrophes: boolean;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function csvGrid(text: string): Grid {
  if (text.trim().length === 0) throw fileError('The file is empty: a register starts with a header row such as 都道府県, 自治体名, 国名, 提携先自治体名.');
  let records: { record: string[]; info: { lines: number; records: number } }[];
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: MAX_LINE_BYTES,
      info: true,
    }) as unknown as typeof records;
  } catch (error) {
    const { code, lines } = error as { code?: string; lines?: number };
    if (code === 'CSV_MAX_RECORD_SIZE') {
      throw fileError(`Line ${lines ?? '?'} is longer than ${MAX_LINE_BYTES / 1024} KB: this is not a register.`);
    }
    throw fileError(`The file is not valid CSV near line ${lines ?? '?'}: ${(error as Error).message}`);
  }
  // Excel shows one row per record, a blank line included, so the record's number is the row.
  return {
    rows: records.map(({ record, info }) => ({ line: info.records, cells: record.map((text) => ({ text })) })),
    apostrophes: true,
  };
}

function richText(value: { richText: { text: string }[] }): string {
  return value.richText.map((run) => run.text).join('');
}

/** An Excel date as ISO text, to the precision its number format shows: 1955-12-01, 1955-12 or 1955. */
function dateText(date: Date, numFmt: string | undefined): string {
  const iso = date.toISOString().slice(0, 10);
  // Quoted literals ("年") and bracketed codes ([$-411], [Red]) say nothing about precision.
  const format = (numFmt ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, '').toLowerCase();
  if (format.length === 0 || /d/.test(format)) return iso;
  if (/m/.test(format)) return iso.slice(0, 7);
  return iso.slice(0, 4);
}

/** The text a cell shows, whatever it holds: rich text, a formula's result, a hyperlink, a date. */
function cellContent(value: ExcelJS.CellValue, numFmt: string | undefined): GridCell {
  if (value === null || value === undefined) return { text: '' };
  if (value instanceof Date) return { text: dateText(value, numFmt), date: value };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number' || typeof value === 'boolean') return { text: String(value) };
  if ('richText' in value) return { text: richText(value) };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    return cellContent(result ?? null, numFmt);
  }
  if ('hyperlink' in value) {
    const text = value.text as unknown;
    return { text: typeof text === 'string' ? text : text && typeof text === 'object' && 'richText' in text ? richText(text as { richText: { text: string }[] }) : '' };
  }
  if ('error' in value) return { text: value.error };
  return { text: '' };
}

async function xlsxGrid(bytes: Uint8Array): Promise<Grid> {
  const workbook = newWorkbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw fileError(`The file is a ZIP archive but not an Excel workbook (.xlsx) that Kizuna can read: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0) {
    throw fileError('The workbook’s first worksheet is empty: put the register on the first worksheet, a header row first.');
  }
  const rows: GridRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: GridCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      // A merged block holds its value in its top-left cell. A block down one column (the same
      // prefecture for many rows) gives every row the value; one across columns gives it once.
      if (cell.isMerged && cell.master !== cell && cell.master.fullAddress.col !== column) return;
      const source = cell.isMerged ? cell.master : cell;
      cells[column - 1] = cellContent(source.value, source.numFmt);
    });
    const length = cells.reduce((total, cell) => total + byteLength(cell?.text ?? ''), 0);
    if (length > MAX_LINE_BYTES) {
      throw fileError(`Row ${rowNumber} holds more than ${MAX_LINE_BYTES / 1024} KB of text: this is not a register.`);
    }
    rows.push({ line: rowNumber, cells: Array.from(cells, (cell) => cell ?? { text: '' }) });
  });
  return { rows, apostrophes: false };
}

/** A column's letter as Excel shows it: 1 → A, 27 → AA. */
function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** A header or a name with its white space made single spaces, as a person would quote it. */
function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function quoteList(texts: string[]): string {
  return texts.length > 0 ? texts.map((text) => `「${text}」`).join('') : '(nothing)';
}

function acceptedNames(field: RegisterField): string {
  const names = REGISTER_HEADER_VARIANTS[field];
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/** The row among the first ten that names the most register columns; the first such on a tie. */
function findHeaderRow(grid: Grid): GridRow | undefined {
  let best: { row: GridRow; score: number } | undefined;
  for (const row of grid.rows) {
    if (row.line > HEADER_SEARCH_ROWS) break;
    const fields = new Set(row.cells.map((cell) => matchHeader(cell.text)).filter((field) => field !== null));
    if (fields.size > 0 && (!best || fields.size > best.score)) best = { row, score: fields.size };
  }
  return best?.row;
}

/** Which column holds which field; throws when a required column is missing or given twice. */
function mapColumns(header: GridRow): { columns: RegisterColumn[]; ignoredHeaders: string[] } {
  const columns: RegisterColumn[] = [];
  const readings: RegisterColumn[] = [];
  const ignored: { header: string; column: number }[] = [];
  header.cells.forEach((cell, index) => {
    const nul = nulInCell(cell.text);
    if (nul) throw fileError(`Column ${columnLetter(index + 1)} of the header row (row ${header.line}) ${nul}.`);
    const text = collapse(cell.text);
    if (text.length === 0) return;
    const { field, reading } = classifyHeader(text);
    if (field === null) ignored.push({ header: text, column: index + 1 });
    else (reading ? readings : columns).push({ field, header: text, column: index + 1 });
  });
  // A reading or translation column stands in for its field only when nothing else gives it.
  for (const reading of readings) {
    const alone = !columns.some((other) => other.field === reading.field) && readings.filter((other) => other.field === reading.field).length === 1;
    (alone ? columns : ignored).push(reading);
  }
  const byColumn = (a: { column: number }, b: { column: number }) => a.column - b.column;
  columns.sort(byColumn);
  const ignoredHeaders = ignored.sort(byColumn).map((column) => column.header);

  for (const field of REGISTER_FIELDS) {
    const same = columns.filter((column) => column.field === field);
    if (same.length > 1) {
      throw fileError(
        `Columns ${same.map((column) => `${columnLetter(column.column)}「${column.header}」`).join(' and ')} of the header row (row ${header.line}) ` +
          `both give ${FIELD_DESCRIPTIONS[field]}: keep one of them, or rename the other.`,
        field,
      );
    }
  }

  const has = (field: RegisterField) => columns.some((column) => column.field === field);
  const problems: { field: string; message: string }[] = [];
  for (const field of ['localGovernment', 'partnerCountry'] as const) {
    if (!has(field)) {
      problems.push({ field, message: `There is no column for ${FIELD_DESCRIPTIONS[field]}: name it ${acceptedNames(field)}.` });
    }
  }
  if (!has('partnerLocalGovernment') && !has('partnerRegion')) {
    problems.push({
      field: 'partnerLocalGovernment',
      message:
        `There is no column for ${FIELD_DESCRIPTIONS.partnerLocalGovernment}: name it ${acceptedNames('partnerLocalGovernment')} ` +
        `(or, for a register of states and provinces only, give ${FIELD_DESCRIPTIONS.partnerRegion} as ${acceptedNames('partnerRegion')}).`,
    });
  }
  if (problems.length > 0) {
    const found = quoteList(header.cells.map((cell) => collapse(cell.text)).filter((text) => text.length > 0));
    throw new KizunaError('import_failed', `The header row (row ${header.line}) has ${found}. ${problems.map((problem) => problem.message).join(' ')}`, problems);
  }
  return { columns, ignoredHeaders };
}

/** A cell's text as written, trimmed, its white space runs made one space; remarks keep their lines. */
function cleanCell(text: string, field: RegisterField, apostrophes: boolean): string {
  const cleaned =
    field === 'remarks'
      ? text
          .split(/\r\n|\r|\n/)
          .map((line) => line.replace(/\s+/g, ' ').trim())
          .join('\n')
          .replace(/^\n+|\n+$/g, '')
      : collapse(text);
  return apostrophes ? cleaned.replace(/^'(?=[=+\-@\t\r])/, '') : cleaned;
}

function gridToSheet(grid: Grid): Omit<RegisterSheet, 'format'> {
  const header = findHeaderRow(grid);
  if (!header) {
    const first = grid.rows.find((row) => row.cells.some((cell) => cell.text.trim().length > 0));
    throw fileError(
      `No header row was found in the first ${HEADER_SEARCH_ROWS} rows: none names a column such as ` +
        `${REGISTER_HEADERS.localGovernment}, ${REGISTER_HEADERS.partnerCountry} or ${REGISTER_HEADERS.partnerLocalGovernment}. ` +
        (first ? `Row ${first.line} reads ${quoteList(first.cells.map((cell) => collapse(cell.text)).filter((text) => text.length > 0))}.` : 'The sheet is blank.'),
    );
  }
  const { columns, ignoredHeaders } = mapColumns(header);
  const rows: RegisterRow[] = [];
  for (const gridRow of grid.rows) {
    if (gridRow.line <= header.line) continue;
    const row: RegisterRow = { line: gridRow.line, cells: {} };
    for (const { field, column } of columns) {
      const cell = gridRow.cells[column - 1];
      if (!cell) continue;
      const nul = nulInCell(cell.text);
      if (nul) {
        row.refused ??= { field, reason: nul };
        continue;
      }
      const text = cleanCell(cell.text, field, grid.apostrophes);
      if (text.length > 0) row.cells[field] = text;
      if (field === 'signedOn' && cell.date) row.signedOnValue = cell.date;
    }
    if (row.refused) {
      rows.push({ line: row.line, cells: {}, refused: row.refused });
      continue;
    }
    const filled = Object.entries(row.cells);
    if (filled.length === 0) continue;
    // A header repeated further down, as printed registers do on every page.
    if (filled.length > 1 && filled.every(([field, text]) => matchHeader(text) === field)) continue;
    rows.push(row);
  }
  return { headerRow: header.line, columns, ignoredHeaders, rows };
}

/**
 * Reads a register of sister-city relationships: an Excel workbook (.xlsx, its first worksheet)
 * or CSV in UTF-8 or Shift_JIS. Finds the header row among the first ten rows, maps its headers to
 * the register's fields with matchHeader, and returns the rows that are not blank. Problems with
 * the file as a whole (not a register, a required column missing or doubled, over 20 MB, a line
 * over 64 KB) throw an import_failed KizunaError. The cells themselves are left to the importer,
 * except that a row with a NUL character in a cell comes marked as refused (RegisterRow.refused).
 */
export async function readRegisterSheet(bytes: Uint8Array, fileName?: string): Promise<RegisterSheet> {
  const named = fileName ? `“${fileName}” ` : 'The file ';
  if (bytes.length > MAX_SHEET_BYTES) {
    throw fileError(`${named}is larger than ${MAX_SHEET_BYTES / 1024 / 1024} MB: split the register, or upload it as CSV.`);
  }
  if (startsWith(bytes, OLE_MAGIC)) {
    throw fileError(`${named}is an old Excel 97–2003 workbook (.xls), which Kizuna does not read: save it as .xlsx or as CSV.`);
  }
  if (startsWith(bytes, ZIP_MAGIC)) return { format: 'xlsx', ...gridToSheet(await xlsxGrid(bytes)) };
  if (fileName && /\.xls[xm]?$/i.test(fileName) && bytes.length > 0) {
    throw fileError(`${named}is named as an Excel workbook but is not one: open it in Excel and save it again as .xlsx or as CSV.`);
  }
  const { text, encoding } = decodeSheetText(bytes);
  return { format: 'csv', encoding, ...gridToSheet(csvGrid(text)) };
}

// ——— Partner names ———

const OPENING = '(（[［「『【〔〈《';
const CLOSING = ')）]］」』】〕〉》';

/** Separators of a list of partners, from the most certain to the likeliest to be part of a name. */
const SEPARATOR_TIERS: RegExp[] = [
  /\s*(?:及び|並びに|[、&＆/／])\s*|\s+and\s+/gi,
  /\s*[,，]\s*/g,
  // と only after a character that is not hiragana: ひたちなか市とつくば市, not a name in kana.
  /\s*(?:[・･]|及)\s*|(?<=[^\p{Script=Hiragana}\s])\s*と\s*/gu,
];

/** For each index, whether it lies outside every bracket. */
function outsideBrackets(text: string): boolean[] {
  let depth = 0;
  return [...text].flatMap((character) => {
    if (OPENING.includes(character)) depth += 1;
    const outside = depth === 0;
    if (CLOSING.includes(character)) depth = Math.max(0, depth - 1);
    // Code units, not characters, index the regular expression's matches.
    return Array<boolean>(character.length).fill(outside);
  });
}

function splitOutsideBrackets(text: string, separators: RegExp[]): string[] {
  const outside = outsideBrackets(text);
  const cuts: [number, number][] = [];
  for (const separator of separators) {
    for (const match of text.matchAll(separator)) {
      const start = match.index;
      const end = start + match[0].length;
      if (match[0].length > 0 && outside.slice(start, end).every(Boolean)) cuts.push([start, end]);
    }
  }
  cuts.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let from = 0;
  for (const [start, end] of cuts) {
    if (start < from) continue;
    parts.push(text.slice(from, start));
    from = end;
  }
  parts.push(text.slice(from));
  return parts.map((part) => part.trim()).filter((part) => part.length > 0);
}

/**
 * The readings of a partner cell, the most literal first: the whole text as one partner, then the
 * text split at ever weaker list separators (及び, 、, / before commas, before ・ and と). Nothing
 * inside brackets is split. The importer takes the first reading whose every part is a place.
 *
 * @example splitPartners('セント・ポール市') // [['セント・ポール市'], ['セント', 'ポール市']]
 */
export function splitPartners(text: string): string[][] {
  const whole = collapse(text);
  if (whole.length === 0) return [];
  const readings: string[][] = [[whole]];
  const seen = new Set([JSON.stringify([whole])]);
  for (let tier = 1; tier <= SEPARATOR_TIERS.length; tier += 1) {
    const parts = splitOutsideBrackets(whole, SEPARATOR_TIERS.slice(0, tier));
    const key = JSON.stringify(parts);
    if (parts.length > 0 && !seen.has(key)) {
      seen.add(key);
      readings.push(parts);
    }
  }
  return readings;
}

/** Japanese words that end a place's name to say its kind, the longest first. */
const JAPANESE_KIND_SUFFIXES: readonly [string, string][] = [
  ['特別自治市', 'special self-governing city'],
  ['特別自治道', 'special self-governing province'],
  ['広域市', 'metropolitan city'],
  ['特別市', 'special city'],
  ['自治区', 'autonomous region'],
  ['自治州', 'autonomous prefecture'],
  ['自治県', 'autonomous county'],
  ['自治县', 'autonomous county'],
  ['市', 'city'],
  ['町', 'town'],
  ['村', 'village'],
  ['区', 'district'],
  ['區', 'district'],
  ['郡', 'county'],
  ['県', 'county'],
  ['县', 'county'],
  ['縣', 'county'],
  ['州', 'state'],
  ['省', 'province'],
  ['道', 'province'],
];

/** Names that end in a kind's character which is part of the name itself. */
const WHOLE_NAMES = new Set(['北海道']);

/** English kind words that are part of a place's usual name (Kansas City, Marin County) and are kept. */
const ENGLISH_KEPT_KINDS = ['city', 'town', 'village', 'county', 'district', 'municipality', 'borough', 'township'];
/** English kind words that gazetteers leave out (Oregon, not Oregon State) and are dropped. */
const ENGLISH_DROPPED_KINDS = ['state', 'province', 'prefecture'];

const KANJI_ONLY = /^\p{Script=Han}+$/u;

/** A name without the word that says its kind, and that kind, or the name as it is. */
function splitKind(name: string): { name: string; kind: string | null } {
  if (WHOLE_NAMES.has(name)) return { name, kind: null };
  for (const [suffix, kind] of JAPANESE_KIND_SUFFIXES) {
    if (!name.endsWith(suffix) || name.length === suffix.length) continue;
    const base = name.slice(0, -suffix.length).trim();
    // 州 after kanji ends Chinese city names (蘇州, 杭州); states abroad are written in katakana.
    if (suffix === '州' && KANJI_ONLY.test(base)) return { name, kind: null };
    // A one-character name keeps its suffix (津市): alone it is too short to look up.
    return base.length >= 2 ? { name: base, kind } : { name, kind };
  }
  const english = /^(.+?)\s+(\p{L}+)$/u.exec(name);
  const last = english?.[2]?.toLowerCase();
  if (english && last && ENGLISH_DROPPED_KINDS.includes(last)) return { name: english[1]!, kind: last };
  if (last && ENGLISH_KEPT_KINDS.includes(last)) return { name, kind: last };
  const ofForm = /^(\p{L}+)\s+of\s+(.+)$/iu.exec(name);
  const first = ofForm?.[1]?.toLowerCase();
  if (ofForm && first && ENGLISH_DROPPED_KINDS.includes(first)) return { name: ofForm[2]!, kind: first };
  if (first && ENGLISH_KEPT_KINDS.includes(first)) return { name, kind: first };
  return { name, kind: null };
}

/** A region written before the name in Japanese: オレゴン州ポートランド市, 江蘇省蘇州市, 京畿道水原市. */
const JAPANESE_REGION_PREFIX = /^([^市区町村郡県]{2,}?(?:省|道|自治区|自治州|[\p{Script=Katakana}ー]州))(.{2,})$/u;

/**
 * A partner's name split into the name, the region it is in and its kind, for looking it up:
 * ポートランド市（オレゴン州） → ポートランド in オレゴン州, a city; "Portland, Oregon" → Portland in
 * Oregon; 江蘇省蘇州市 → 蘇州 in 江蘇省. The text is NFKC-normalised (half-width kana made full-width,
 * full-width letters and brackets half-width). Japanese kind suffixes are dropped (市, 町, 村, 州, 省,
 * 道, 郡, 区, 県, 広域市, 自治区…) unless one character would be left (津市 stays 津市); 県 is read as
 * a county, as partners abroad with 県 are Chinese and Taiwanese counties. English names keep
 * City, Town, County (Kansas City and Marin County are names) but lose State and Province.
 */
export function parsePartnerName(text: string): { name: string; region: string | null; kind: string | null } {
  const normalised = collapse(text.normalize('NFKC'));
  let name = normalised;
  let region: string | null = null;
  const bracket = /^(.*?)\s*\(([^()]*)\)\s*(.*)$/.exec(normalised);
  const comma = /^([^,]+),\s*([^,]+)/.exec(normalised);
  if (bracket) {
    name = collapse(`${bracket[1]} ${bracket[3]}`);
    region = bracket[2]!.trim() || null;
  } else if (comma) {
    name = comma[1]!.trim();
    region = comma[2]!.trim() || null;
  } else {
    const prefix = JAPANESE_REGION_PREFIX.exec(normalised);
    if (prefix) {
      region = prefix[1]!;
      name = prefix[2]!;
    }
  }
  return { ...splitKind(name), region };
}

/**
 * A state or province as the register's region column gives it: オレゴン州 → オレゴン, a state;
 * 江蘇省 → 江蘇, a province; "State of Oregon" → Oregon. Bracketed notes are dropped.
 */
export function parseRegionName(text: string): { name: string; kind: string | null } {
  return splitKind(collapse(text.normalize('NFKC').replace(/\([^()]*\)/g, ' ')));
}

// ——— Labels ———

/** The name of an affiliation as registers write it, folded, and Kizuna's English label for it. */
const LABELS = new Map<string, string>([
  ['姉妹都市', 'sister city'],
  ['友好都市', 'friendship city'],
  ['姉妹州', 'sister state'],
  ['姉妹州省', 'sister state'],
  ['姉妹省', 'sister province'],
  ['姉妹県', 'sister prefecture'],
  ['姉妹県省', 'sister province'],
  ['友好州', 'friendship state'],
  ['友好省', 'friendship province'],
  ['友好州省', 'friendship state'],
  ['友好県', 'friendship prefecture'],
  ['友好県省', 'friendship province'],
  ['友好交流都市', 'friendly exchange city'],
  ['友好提携', 'friendship'],
  ['姉妹提携', 'sister'],
  ['友好姉妹都市', 'friendship sister city'],
  ['経済交流', 'economic partnership'],
  ['パートナー都市', 'partner city'],
  ['パートナーシティ', 'partner city'],
  ['sister city', 'sister city'],
  ['sister cities', 'sister city'],
  ['friendship city', 'friendship city'],
  ['friendship cities', 'friendship city'],
  ['sister state', 'sister state'],
  ['sister province', 'sister province'],
  ['friendship state', 'friendship state'],
  ['friendship province', 'friendship province'],
  ['friendly exchange city', 'friendly exchange city'],
  ['twin town', 'twin town'],
  ['twin towns', 'twin town'],
  ['twinned town', 'twin town'],
  ['partner city', 'partner city'],
  ['partner cities', 'partner city'],
  ['economic partnership', 'economic partnership'],
]);

function labelKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/・/g, '').replace(/\s+/g, ' ').trim();
}

/**
 * Kizuna's English label for the name of an affiliation (姉妹都市 → sister city, 友好省 → friendship
 * province, Twin Town → twin town; 姉妹都市提携 as 姉妹都市), with the name as written kept as the
 * original. A name Kizuna does not know is kept as written in both.
 */
export function affiliationLabel(text: string): { label: string; labelOriginal: string } {
  const labelOriginal = collapse(text);
  const key = labelKey(labelOriginal);
  const keys = [key, key.replace(/ /g, '')].flatMap((candidate) => [candidate, candidate.replace(/(提携|関係)$/, '')]);
  const known = keys.map((candidate) => LABELS.get(candidate)).find((label) => label !== undefined);
  return { label: known ?? labelOriginal, labelOriginal };
}

// ——— Writing ———

/**
 * Characters that Shift_JIS holds under another code point than Unicode's usual one: the JIS
 * mapping's wave dash, minus, double bar and dash, and the cent, pound and not signs. Written as
 * their CP932 forms, which Excel shows alike; read back, they are the CP932 forms.
 */
const CP932_FORMS: Readonly<Record<string, string>> = {
  '\u301C': '\uFF5E',
  '\u2212': '\uFF0D',
  '\u2016': '\u2225',
  '\u2014': '\u2015',
  '\u00A2': '\uFFE0',
  '\u00A3': '\uFFE1',
  '\u00AC': '\uFFE2',
};
const CP932_FORM_PATTERN = new RegExp(`[${Object.keys(CP932_FORMS).join('')}]`, 'g');
/** The geta mark, Japanese typesetting's sign for a character that cannot be printed. */
export const SHIFT_JIS_SUBSTITUTE = '〓';

/** A character of an export row that Shift_JIS cannot hold. */
export interface ShiftJisProblem {
  /** 0-based position of the row in the rows given; the file shows it on line index + 2. */
  index: number;
  field: RegisterField;
  character: string;
}

function toCp932Forms(text: string): string {
  return text.replace(CP932_FORM_PATTERN, (character) => CP932_FORMS[character] ?? character);
}

const fitsShiftJisByCharacter = new Map<string, boolean>();

function fitsShiftJis(character: string): boolean {
  let fits = fitsShiftJisByCharacter.get(character);
  if (fits === undefined) {
    fits = iconv.decode(iconv.encode(character, SHIFT_JIS), SHIFT_JIS) === character;
    fitsShiftJisByCharacter.set(character, fits);
  }
  return fits;
}

/**
 * Every character of the rows that a Shift_JIS export cannot hold (é of Besançon, 𠮷), so that a
 * caller can show them and offer UTF-8 or substitution before writing.
 */
export function shiftJisProblems(rows: readonly RegisterExportRow[]): ShiftJisProblem[] {
  const problems: ShiftJisProblem[] = [];
  rows.forEach((row, index) => {
    for (const field of REGISTER_FIELDS) {
      for (const character of new Set(toCp932Forms(row[field] ?? ''))) {
        if (!fitsShiftJis(character)) problems.push({ index, field, character });
      }
    }
  });
  return problems;
}

function codePoint(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}


/**
 * A register as CSV with CLAIR's Japanese headers and CRLF line ends: UTF-8 with a byte-order mark
 * (so that Excel reads it as UTF-8), or Shift_JIS (CP932) for older Excel. A character Shift_JIS
 * cannot hold is refused with its row and column, unless `substitute` is set: then it is written
 * as 〓 (list them first with shiftJisProblems). Cells starting with = + - @ get an apostrophe.
 */
export function writeRegisterCsv(rows: readonly RegisterExportRow[], encoding: SheetEncoding, options: { substitute?: boolean } = {}): Uint8Array {
  const records = [REGISTER_FIELDS.map((field) => REGISTER_HEADERS[field]), ...rows.map((row) => REGISTER_FIELDS.map((field) => inert(row[field] ?? '')))];
  if (encoding === 'utf-8') {
    return new TextEncoder().encode('\uFEFF' + stringify(records, { record_delimiter: 'windows' }));
  }
  const problems = shiftJisProblems(rows);
  let text = toCp932Forms(stringify(records, { record_delimiter: 'windows' }));
  if (problems.length > 0) {
    if (!options.substitute) {
      const listed = problems
        .slice(0, 5)
        .map(({ index, field, character }) => {
          const row = rows[index]!;
          const pair = `${row.localGovernment} – ${row.partnerLocalGovernment || row.partnerRegion}`;
          return `「${character}」 (${codePoint(character)}) in ${REGISTER_HEADERS[field]} of row ${index + 1} (${pair})`;
        })
        .join(', ');
      const more = problems.length > 5 ? ` and ${problems.length - 5} more` : '';
      throw new KizunaError(
        'validation_failed',
        `Shift_JIS cannot hold ${listed}${more}: export as UTF-8, or let Kizuna write ${SHIFT_JIS_SUBSTITUTE} in their place.`,
        problems.map(({ index, field, character }) => ({ field: `rows[${index}].${field}`, message: `Shift_JIS cannot hold 「${character}」 (${codePoint(character)})` })),
      );
    }
    const unfit = new Set(problems.map((problem) => problem.character));
    text = [...text].map((character) => (unfit.has(character) ? SHIFT_JIS_SUBSTITUTE : character)).join('');
  }
  return new Uint8Array(iconv.encode(text, SHIFT_JIS));
}

/**
 * A register as an Excel workbook: one worksheet, CLAIR's Japanese headers in a bold frozen row,
 * every cell text (dates as the caller formatted them).
 */
export async function writeRegisterXlsx(rows: readonly RegisterExportRow[]): Promise<Uint8Array> {
  const workbook = newWorkbook();
  workbook.creator = 'Kizuna';
  const sheet = workbook.addWorksheet('提携一覧');
  sheet.addRow(REGISTER_FIELDS.map((field) => REGISTER_HEADERS[field])).font = { bold: true };
  for (const row of rows) sheet.addRow(REGISTER_FIELDS.map((field) => row[field] ?? ''));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.columns.forEach((column, index) => {
    const field = REGISTER_FIELDS[index]!;
    const longest = Math.max(REGISTER_HEADERS[field].length * 2, ...rows.slice(0, 500).map((row) => (row[field] ?? '').length * 2));
    column.width = Math.min(Math.max(longest + 2, 8), 60);
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
