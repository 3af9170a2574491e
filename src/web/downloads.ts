import { stringify } from 'csv-stringify/sync';

/**
 * A text cell that a spreadsheet would read as a formula (=, +, -, @, or a tab or carriage return
 * first) gets a leading apostrophe, so that opening a download never runs anything.
 */
export function inert(cell: string | number | null): string | number | null {
  return typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/**
 * A CSV download: UTF-8 with a byte-order mark, so that spreadsheet programs read Japanese names
 * correctly, and CRLF line ends as RFC 4180 has them.
 */
export function csvResponse(filename: string, header: string[], rows: (string | number | null)[][]): Response {
  const body = '\uFEFF' + stringify([header, ...rows.map((row) => row.map(inert))], { record_delimiter: 'windows' });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    },
  });
}
