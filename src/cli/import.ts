import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import { Option, type Command } from 'commander';
import { KizunaError } from '../errors.js';
import { importPairs, type ImportReport } from '../services/importPairs.js';
import { importRegister, type RegisterImportReport } from '../services/importRegister.js';
import { exportRegister, type RegisterFormat } from '../services/exportRegister.js';
import type { SheetEncoding } from '../domain/registerSheet.js';
import { withDatabase } from './database.js';

function summary(report: ImportReport): string {
  const share = (n: number) => `${((n / Math.max(report.sides.total, 1)) * 100).toFixed(1)} %`;
  const d = report.sides.distanceKm;
  return [
    `${report.dryRun ? 'Dry run (nothing written)' : 'Imported'} ${report.source} in ${report.seconds} s`,
    `rows: ${report.rows.total} (${report.rows.accepted} accepted, ${report.rows.rejected} rejected)`,
    `sides: ${report.sides.total}; resolved to an existing place ${report.sides.resolvedExisting} (${share(report.sides.resolvedExisting)}), ` +
      `new unverified places ${report.sides.created} (${share(report.sides.created)}), ambiguous ${report.sides.ambiguous}, unresolved ${report.sides.unresolved}`,
    `distance from the file's coordinates to the chosen place: ${d.checked} checked, median ${d.median ?? '—'} km, ` +
      `${d.within10} within 10 km, ${d.within50} within 50 km, ${d.beyond100} beyond 100 km`,
    `pairs: ${report.pairs.distinct} distinct; ${report.dryRun ? 'would add' : 'added'} ${report.pairs.added}, already present ${report.pairs.alreadyPresent}, ` +
      `duplicate rows ${report.pairs.duplicatesInFile}, held back (a side ambiguous or unresolved) ${report.pairs.heldBack}, both sides one place ${report.pairs.selfPairs}`,
    `new local governments: ${report.newLocalGovernments}`,
  ].join('\n');
}

function registerSummary(report: RegisterImportReport): string {
  const verb = report.dryRun ? 'would be' : '';
  const lines = [
    `${report.dryRun ? 'Dry run (nothing written)' : 'Imported'} ${report.source} (${report.format}${report.encoding ? `, ${report.encoding}` : ''}, header on row ${report.headerRow}) in ${report.seconds} s`,
    `rows: ${report.rows.total}; added ${report.rows.added}, updated ${report.rows.updated}, unchanged ${report.rows.unchanged}, refused ${report.rows.refused}`,
    `relationships ${verb ? `that ${verb} ` : ''}added ${report.relationships.added}, updated ${report.relationships.updated}, unchanged ${report.relationships.unchanged}; new local governments ${report.newLocalGovernments}`,
  ];
  if (report.ignoredHeaders.length > 0) lines.push(`columns ignored: ${report.ignoredHeaders.join(', ')}`);
  for (const refused of report.outcomes.filter((outcome) => outcome.outcome === 'refused')) {
    lines.push(`  row ${refused.line}, ${refused.column}: ${refused.reason}`);
  }
  return lines.join('\n');
}

function readInput(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new KizunaError('import_failed', `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
}

/** `kizuna import pairs FILE [--dry-run] [--report FILE.json]` and `kizuna import register FILE …`. */
export function registerImportCommand(program: Command): void {
  const importCommand = program.command('import').description('import relationships from a file');
  importCommand
    .command('pairs')
    .description('import a twin-town pairs CSV (city1,country1[,lat1,lng1],city2,country2[,lat2,lng2]); all or nothing, safe to run again')
    .argument('<file>', 'the CSV file')
    .option('--dry-run', 'show what would change without writing')
    .option('--report <file.json>', 'write the full report (every rejected row, ambiguous and unresolved side) as JSON')
    .action((file: string, options: { dryRun?: boolean; report?: string }) =>
      withDatabase(async (database) => {
        const bytes = readInput(file);
        const bar = process.stderr.isTTY ? new SingleBar({ format: '{phase} [{bar}] {percentage}% {value}/{total}', hideCursor: true }) : undefined;
        let phase = '';
        const report = await importPairs(database.db, bytes, {
          actor: { kind: 'system', label: 'kizuna import' },
          source: path.basename(file),
          dryRun: options.dryRun ?? false,
          progress: (next, done, total) => {
            if (!bar) return;
            if (next !== phase) {
              if (phase) bar.stop();
              phase = next;
              bar.start(total, done, { phase: next.padEnd(9) });
            } else bar.update(done);
          },
        });
        bar?.stop();
        if (options.report) writeFileSync(options.report, JSON.stringify(report, null, 2));
        console.log(summary(report));
        if (options.report) console.log(`report: ${options.report}`);
      }),
    );
  importCommand
    .command('register')
    .description('import a register sheet as CLAIR and the prefectures keep them (CSV in UTF-8 or Shift_JIS, or XLSX); all or nothing, safe to run again')
    .argument('<file>', 'the CSV or XLSX file')
    .option('--dry-run', 'show what would change without writing')
    .option('--report <file.json>', 'write the full report (what became of every row) as JSON')
    .action((file: string, options: { dryRun?: boolean; report?: string }) =>
      withDatabase(async (database) => {
        const report = await importRegister(database.db, readInput(file), {
          actor: { kind: 'system', label: 'kizuna import' },
          source: path.basename(file),
          dryRun: options.dryRun ?? false,
        });
        if (options.report) writeFileSync(options.report, JSON.stringify(report, null, 2));
        console.log(registerSummary(report));
        if (options.report) console.log(`report: ${options.report}`);
      }),
    );
}

/** `kizuna export register --format csv|xlsx [--encoding shift_jis] [--output FILE]`. */
export function registerExportCommand(program: Command): void {
  const exportCommand = program.command('export').description('export the register');
  exportCommand
    .command('register')
    .description("write every relationship of Japan's local governments as a CLAIR-style register sheet")
    .addOption(new Option('--format <format>', 'csv or xlsx').choices(['csv', 'xlsx']).default('csv'))
    .addOption(new Option('--encoding <encoding>', 'for CSV: utf-8 (with a BOM, as Excel wants) or shift_jis').choices(['utf-8', 'shift_jis']).default('utf-8'))
    .option('--output <file>', 'where to write it (default: standard output)')
    .action((options: { format: RegisterFormat; encoding: SheetEncoding; output?: string }) =>
      withDatabase(async (database) => {
        const bytes = await exportRegister(database.db, options.format, options.encoding);
        if (options.output) {
          writeFileSync(options.output, bytes);
          console.error(`${options.output}: ${bytes.length} bytes`);
        } else process.stdout.write(bytes);
      }),
    );
}
