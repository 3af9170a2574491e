import { stringify } from 'csv-stringify/sync';

/**
 * A CSV download: UTF-8 with a byte-order mark, so that spreadsheet programs read Japanese names
 * correctly, and CRLF line ends as RFC 4180 has them.
 */
export function csvResponse(filename: string, header: string[], rows: (string | number | null)[][]): Response {
  const body = '\uFEFF' + stringify([header, ...rows], { record_delimiter: 'windows' });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    },
  });
}
