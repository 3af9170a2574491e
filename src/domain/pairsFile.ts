import { parse } from 'csv-parse/sync';
import { KizunaError } from '../errors.js';
import { nulInCell } from './spreadsheetCells.js';

/** One side of a row: the name and country columns as written, and coordinates if given. */
export interface RawSide {
  name: string;
  country: string;
  latitude?: number;
  longitude?: number;
}

/** A row of a pairs file that passed the checks; `row` is its line number in the file. */
export interface PairRow {
  row: number;
  sides: [RawSide, RawSide];
}

/** A row that was refused, with which field and why. */
export interface RejectedRow {
  row: number;
  field: string;
  reason: string;
}

export interface ParsedPairsFile {
  rows: PairRow[];
  rejected: RejectedRow[];
  hasCoordinates: boolean;
}

const REQUIRED = ['city1', 'country1', 'city2', 'country2'];
const COORDINATES = ['lat1', 'lng1', 'lat2', 'lng2'];
/** A line longer than this is no pair of place names: the file is refused. */
export const MAX_LINE_BYTES = 64 * 1024;
const MAX_NAME_LENGTH = 200;

function fileError(message: string): KizunaError {
  return new KizunaError('import_failed', message, [{ field: 'file', message }]);
}

/** Decodes UTF-8 strictly, naming the line of the first byte that is not UTF-8. */
function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const at = lenient.indexOf('\uFFFD');
    const line = lenient.slice(0, Math.max(at, 0)).split('\n').length;
    throw fileError(`The file is not UTF-8 text: line ${line} has bytes that are not UTF-8. Save it as UTF-8 and try again.`);
  }
}

function readCoordinate(text: string | undefined, min: number, max: number): number | undefined | string {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return `"${trimmed}" is not a number`;
  if (value < min || value > max) return `${value} is outside ${min} to ${max}`;
  return value;
}

/**
 * Reads a pairs file (`city1,country1[,lat1,lng1],city2,country2[,lat2,lng2]`, a header row first).
 * Problems with the file as a whole (not UTF-8, not CSV, columns missing, a line over 64 KB) throw
 * and nothing is imported; problems with one row (a NUL character in a cell among them) reject that
 * row with its line, field and reason.
 */
export function parsePairsFile(bytes: Uint8Array): ParsedPairsFile {
  const text = decodeUtf8(bytes);
  if (text.trim().length === 0) throw fileError('The file is empty: a pairs file starts with the header city1,country1,city2,country2.');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: MAX_LINE_BYTES,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const { code, lines } = error as { code?: string; lines?: number };
    if (code === 'CSV_MAX_RECORD_SIZE') {
      throw fileError(`Line ${lines ?? '?'} is longer than ${MAX_LINE_BYTES / 1024} KB: this is not a pairs file.`);
    }
    throw fileError(`The file is not valid CSV near line ${lines ?? '?'}: ${(error as Error).message}`);
  }
  const header = (records[0]?.record ?? []).map((cell) => cell.trim().toLowerCase());
  const missing = REQUIRED.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    throw fileError(
      `The header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: a pairs file starts with city1,country1,city2,country2 ` +
        `(and optionally lat1,lng1,lat2,lng2). Found: ${header.slice(0, 8).join(',').slice(0, 200) || '(nothing)'}.`,
    );
  }
  const coordinateColumns = COORDINATES.filter((column) => header.includes(column));
  if (coordinateColumns.length > 0 && coordinateColumns.length < COORDINATES.length) {
    const absent = COORDINATES.filter((column) => !header.includes(column));
    throw fileError(`The header has some coordinate columns but not ${absent.join(', ')}: give all four or none.`);
  }
  const hasCoordinates = coordinateColumns.length === COORDINATES.length;
  const index = Object.fromEntries(header.map((column, position) => [column, position]));
  const readColumns = header.filter((column) => REQUIRED.includes(column) || (hasCoordinates && COORDINATES.includes(column)));

  const rows: PairRow[] = [];
  const rejected: RejectedRow[] = [];
  // The row number is the line the record ends on, as an editor shows it.
  records.slice(1).forEach(({ record, info }) => {
    const row = info.lines;
    if (record.length !== header.length) {
      rejected.push({ row, field: '(row)', reason: `has ${record.length} fields where the header has ${header.length}` });
      return;
    }
    const cell = (column: string) => (record[index[column]!] ?? '').trim();
    for (const column of readColumns) {
      const nul = nulInCell(record[index[column]!] ?? '');
      if (nul) return void rejected.push({ row, field: column, reason: nul });
    }
    const sides: RawSide[] = [];
    for (const n of [1, 2]) {
      const name = cell(`city${n}`);
      const country = cell(`country${n}`);
      if (!name) return void rejected.push({ row, field: `city${n}`, reason: 'is empty' });
      if (name.length > MAX_NAME_LENGTH) return void rejected.push({ row, field: `city${n}`, reason: `is over ${MAX_NAME_LENGTH} characters` });
      if (!country) return void rejected.push({ row, field: `country${n}`, reason: 'is empty' });
      const side: RawSide = { name, country };
      if (hasCoordinates) {
        const latitude = readCoordinate(cell(`lat${n}`), -90, 90);
        const longitude = readCoordinate(cell(`lng${n}`), -180, 180);
        if (typeof latitude === 'string') return void rejected.push({ row, field: `lat${n}`, reason: latitude });
        if (typeof longitude === 'string') return void rejected.push({ row, field: `lng${n}`, reason: longitude });
        if ((latitude === undefined) !== (longitude === undefined)) {
          return void rejected.push({ row, field: latitude === undefined ? `lat${n}` : `lng${n}`, reason: 'is empty while the other coordinate is given' });
        }
        if (latitude !== undefined && longitude !== undefined) {
          side.latitude = latitude;
          side.longitude = longitude;
        }
      }
      sides.push(side);
    }
    rows.push({ row, sides: [sides[0]!, sides[1]!] });
  });
  return { rows, rejected, hasCoordinates };
}
