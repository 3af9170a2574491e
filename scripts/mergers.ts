/**
 * Builds reference/jp-municipal-mergers/mergers.csv from the per-prefecture CSV files of
 * YuukiToriyama's merged-town-names project (one file per prefecture, columns
 * 都道府県,変更前,変更後,変更日,典拠), and copies their MIT licence beside it.
 *
 *   npx tsx scripts/mergers.ts ../shared/data/jp-municipal-mergers
 *
 * Every input row becomes one output row with its fields as written (only the surrounding spaces
 * trimmed), files in the order of their names, rows in file order. The script stops without writing
 * when a file does not have the expected header or a row does not have five fields, and when the
 * result does not read cleanly with parseMergers (what the product will do with it).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { MERGER_COLUMNS, parseMergers } from '../src/domain/municipalMergers.js';
import { projectRoot } from '../src/paths.js';

const SOURCE_HEADER = '都道府県,変更前,変更後,変更日,典拠';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const sourceFolder = process.argv[2];
if (!sourceFolder) fail('usage: npx tsx scripts/mergers.ts <folder of per-prefecture CSV files>');
const outputFolder = path.join(projectRoot, 'reference', 'jp-municipal-mergers');

const files = readdirSync(sourceFolder)
  .filter((name) => name.endsWith('.csv'))
  .sort();
if (files.length === 0) fail(`${sourceFolder} has no .csv files`);

const rows: string[][] = [];
for (const file of files) {
  const records = parse(readFileSync(path.join(sourceFolder, file), 'utf8'), {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
  }) as string[][];
  const header = (records[0] ?? []).map((cell) => cell.trim()).join(',');
  if (header !== SOURCE_HEADER) fail(`${file}: the header is "${header}", not "${SOURCE_HEADER}"`);
  records.slice(1).forEach((record, index) => {
    if (record.length !== MERGER_COLUMNS.length) fail(`${file}: record ${index + 1} has ${record.length} fields, not ${MERGER_COLUMNS.length}`);
    rows.push(record.map((cell) => cell.trim()));
  });
}

const csv = stringify([[...MERGER_COLUMNS], ...rows], { record_delimiter: '\n' });
const { mergers, problems } = parseMergers(csv);
if (problems.length > 0) {
  fail(`The table would not load:\n${problems.map((problem) => `  line ${problem.line}: ${problem.message}`).join('\n')}`);
}

mkdirSync(outputFolder, { recursive: true });
writeFileSync(path.join(outputFolder, 'mergers.csv'), csv);
const licence = path.join(sourceFolder, 'LICENSE');
// Copied as text rather than as a file, so the copy does not keep a read-only mode of the source.
if (existsSync(licence)) writeFileSync(path.join(outputFolder, 'LICENSE'), readFileSync(licence));
else console.warn(`${licence} is missing: keep the MIT licence of the source beside the table by hand`);
console.log(`${files.length} files, ${rows.length} rows → ${path.relative(process.cwd(), path.join(outputFolder, 'mergers.csv'))} (${mergers.length} mergers once rows naming several towns are split and repeated rows dropped)`);
