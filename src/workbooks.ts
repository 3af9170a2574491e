import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';

/** ExcelJS, loaded with the first workbook rather than at start, which it would slow by ≈ 0.3 s. */
let loaded: typeof ExcelJS | undefined;

export function newWorkbook(): ExcelJS.Workbook {
  loaded ??= createRequire(import.meta.url)('exceljs') as typeof ExcelJS;
  return new loaded.Workbook();
}
