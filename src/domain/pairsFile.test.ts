import { describe, expect, it } from 'vitest';
import { KizunaError } from '../errors.js';
import { MAX_LINE_BYTES, parsePairsFile } from './pairsFile.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const HEADER = 'city1,country1,lat1,lng1,city2,country2,lat2,lng2\n';

function fileProblem(input: Uint8Array): string {
  try {
    parsePairsFile(input);
  } catch (error) {
    expect(error).toBeInstanceOf(KizunaError);
    return (error as KizunaError).message;
  }
  throw new Error('the file was accepted');
}

describe('parsePairsFile', () => {
  it('reads rows with and without coordinates', () => {
    const withCoordinates = parsePairsFile(bytes(`${HEADER}Berat,Albania,40.7022,19.9583,Bérat,France,43.3786,1.1767\n`));
    expect(withCoordinates.hasCoordinates).toBe(true);
    expect(withCoordinates.rows).toEqual([
      {
        row: 2,
        sides: [
          { name: 'Berat', country: 'Albania', latitude: 40.7022, longitude: 19.9583 },
          { name: 'Bérat', country: 'France', latitude: 43.3786, longitude: 1.1767 },
        ],
      },
    ]);
    const raw = parsePairsFile(bytes('\uFEFFcity1,country1,city2,country2\r\n"Setagaya (Tokyo)",Japan,"Bayside, New South Wales",Australia\r\n'));
    expect(raw.hasCoordinates).toBe(false);
    expect(raw.rows[0]?.sides.map((side) => side.name)).toEqual(['Setagaya (Tokyo)', 'Bayside, New South Wales']);
  });

  it('rejects rows with empty names, missing fields or bad coordinates, naming row and field', () => {
    const parsed = parsePairsFile(
      bytes(
        HEADER +
          ',Albania,1,2,Bérat,France,3,4\n' +
          'Berat,,1,2,Bérat,France,3,4\n' +
          'Berat,Albania,1,2\n' +
          'Berat,Albania,north,2,Bérat,France,3,4\n' +
          'Berat,Albania,1,2,Bérat,France,3,200\n' +
          'Fermo,Italy,43.1,13.7,Berat,Albania,40.7,19.9\n',
      ),
    );
    expect(parsed.rejected).toEqual([
      { row: 2, field: 'city1', reason: 'is empty' },
      { row: 3, field: 'country1', reason: 'is empty' },
      { row: 4, field: '(row)', reason: 'has 4 fields where the header has 8' },
      { row: 5, field: 'lat1', reason: '"north" is not a number' },
      { row: 6, field: 'lng2', reason: '200 is outside -180 to 180' },
    ]);
    expect(parsed.rows.map((row) => row.row)).toEqual([7]);
  });

  it('rejects a row with a NUL character in a cell it reads, naming row and field, rather than drop the character', () => {
    const nul = (at: number) => `contains a NUL character (U+0000) at character ${at}, which no field may hold: remove it`;
    const parsed = parsePairsFile(
      bytes(
        `${HEADER.trim()},notes\n` +
          'Ber\u0000at,Albania,1,2,Bérat,France,3,4,\n' +
          'Berat,Albania,1,2,Bérat,\u0000France,3,4,\n' +
          'Berat,Albania,1,2\u0000,Bérat,France,3,4,\n' +
          // A column the import does not read may hold anything.
          'Fermo,Italy,43.1,13.7,Berat,Albania,40.7,19.9,\u0000\n',
      ),
    );
    expect(parsed.rejected).toEqual([
      { row: 2, field: 'city1', reason: nul(4) },
      { row: 3, field: 'country2', reason: nul(1) },
      { row: 4, field: 'lng1', reason: nul(2) },
    ]);
    expect(parsed.rows.map((row) => row.row)).toEqual([5]);
  });

  it('refuses a file that is not UTF-8, naming the line', () => {
    const latin1 = Uint8Array.from([...bytes('city1,country1,city2,country2\nK'), 0xf6, ...bytes('ln,Germany,Kyoto,Japan\n')]);
    expect(fileProblem(latin1)).toMatch(/not UTF-8 text: line 2/);
  });

  it('refuses a file that is not CSV', () => {
    expect(fileProblem(bytes('{"pairs": [["Berat", "Bérat"]]}'))).toMatch(/not valid CSV near line 1/);
    expect(fileProblem(bytes('Twin towns of Berat\nAmasya; Fermo\n'))).toMatch(/lacks the columns city1, country1, city2, country2/);
    expect(fileProblem(bytes('city1,country1,city2,country2\n"Berat,Albania,Bérat,France\n'))).toMatch(/not valid CSV/);
    expect(fileProblem(bytes(''))).toMatch(/empty/);
  });

  it('refuses a header with some coordinate columns only', () => {
    expect(fileProblem(bytes('city1,country1,lat1,city2,country2\n'))).toMatch(/not lng1, lat2, lng2/);
  });

  it('refuses a 5 MB line without reading it all as a name', () => {
    const huge = `city1,country1,city2,country2\n${'x'.repeat(5 * 1024 * 1024)},Japan,Kyoto,Japan\n`;
    expect(fileProblem(bytes(huge))).toMatch(new RegExp(`longer than ${MAX_LINE_BYTES / 1024} KB`));
  });
});

describe('parsePairsFile line numbers', () => {
  it('names the line a row ends on, past blank lines and quoted line breaks', () => {
    const parsed = parsePairsFile(bytes('city1,country1,city2,country2\n\n"Fermo\nItaly",Italy,Berat,Albania\n,Japan,Kyoto,Japan\n'));
    expect(parsed.rejected).toEqual([{ row: 5, field: 'city1', reason: 'is empty' }]);
    expect(parsed.rows[0]?.row).toBe(4);
  });

  it('rejects a side with one coordinate of two', () => {
    const parsed = parsePairsFile(bytes(`${HEADER}Berat,Albania,40.7,,Bérat,France,43.3,1.1\n`));
    expect(parsed.rejected).toEqual([{ row: 2, field: 'lng1', reason: 'is empty while the other coordinate is given' }]);
  });
});
