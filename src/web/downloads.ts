import { inert } from '../domain/spreadsheetCells.js';
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../workbooks.js';
import { stringify } from 'csv-stringify/sync';

/** A file to download, under a name reduced to safe characters. */
function attachment(body: string | ArrayBuffer, type: string, filename: string): Response {
  return new Response(body, {
    headers: { 'Content-Type': type, 'Content-Disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"` },
  });
}

/**
 * A CSV download: UTF-8 with a byte-order mark, so that spreadsheet programs read Japanese names
 * correctly, and CRLF line ends as RFC 4180 has them.
 */
export function csvResponse(filename: string, header: string[], rows: (string | number | null)[][]): Response {
  const body = '\uFEFF' + stringify([header, ...rows.map((row) => row.map(inert))], { record_delimiter: 'windows' });
  return attachment(body, 'text/csv; charset=utf-8', filename);
}

/** One sheet of a workbook: its name, a header row and the rows under it. */
export interface Sheet {
  name: string;
  header: string[];
  rows: (string | number)[][];
}

/** The same rows as an XLSX workbook: one sheet, a bold frozen header with filters, sensible widths. */
export async function xlsxResponse(filename: string, sheetName: string, header: string[], rows: string[][]): Promise<Response> {
  return xlsxWorkbookResponse(filename, [{ name: sheetName, header, rows }]);
}

/** A workbook of several sheets, each with a bold frozen header with filters and sensible widths. */
export async function xlsxWorkbookResponse(filename: string, sheets: Sheet[]): Promise<Response> {
  const workbook = newWorkbook();
  workbook.creator = 'Kizuna';
  for (const { name, header, rows } of sheets) {
    const sheet = workbook.addWorksheet(name.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
    sheet.addRow(header).font = { bold: true };
    for (const row of rows) sheet.addRow(row);
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
    sheet.columns.forEach((column, index) => {
      const longest = Math.max(header[index]!.length, ...rows.slice(0, 500).map((row) => String(row[index] ?? '').length));
      column.width = Math.min(Math.max(longest + 2, 8), 60);
    });
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return attachment(buffer as ArrayBuffer, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename);
}
