import { createReadStream, createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import type { Command } from 'commander';
import { KizunaError } from '../errors.js';
import { restoreBackup, writeBackup, type BackupReport } from '../services/backup.js';
import { withDatabase } from './database.js';

const say = (message: string) => process.stderr.write(`${message}\n`);

const summary = (report: BackupReport) => {
  const rows = report.tables.reduce((total, table) => total + table.rows, 0);
  return `${report.tables.length} tables, ${rows} rows, schema ${report.migrations}, in ${report.seconds.toFixed(1)} s`;
};

/** `kizuna backup FILE` and `kizuna restore FILE [--replace]`: the whole register, gzipped, portable between engines. */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('write a consistent copy of the whole register to a file (gzipped; restores on PGlite or PostgreSQL)')
    .argument('<file>', 'the file to write, e.g. kizuna-2026-12-07.backup.gz')
    .option('--force', 'overwrite the file if it exists')
    .action((file: string, options: { force?: boolean }) => {
      if (existsSync(file) && !options.force) throw new KizunaError('conflict', `${file} exists already; give --force to overwrite it.`);
      return withDatabase(async (database) => {
        // Written beside, then renamed: a failed backup never leaves a file that looks whole.
        const partial = `${file}.partial`;
        const gzip = createGzip();
        const output = gzip.pipe(createWriteStream(partial));
        try {
          const report = await writeBackup(database.db, database.engine, async (lines) => {
            if (!gzip.write(`${lines}\n`)) await once(gzip, 'drain');
          });
          gzip.end();
          await once(output, 'finish');
          renameSync(partial, file);
          say(`Backup written to ${file}: ${summary(report)}.`);
        } catch (error) {
          gzip.destroy();
          output.destroy();
          rmSync(partial, { force: true });
          throw error;
        }
      });
    });
  program
    .command('restore')
    .description('restore a backup in one transaction; refuses a damaged file, another schema, or a database with data (unless --replace)')
    .argument('<file>', 'a file written by kizuna backup')
    .option('--replace', 'replace everything the database holds')
    .action((file: string, options: { replace?: boolean }) => {
      if (!existsSync(file)) throw new KizunaError('not_found', `Cannot read ${file}: there is no such file.`);
      return withDatabase(async (database) => {
        const gunzip = createReadStream(file).pipe(createGunzip());
        const lines = createInterface({ input: gunzip, crlfDelay: Infinity });
        // A file that is not gzip, or is cut short, fails the reading: the restore rolls back.
        const broken = new Promise<never>((_, reject) =>
          gunzip.once('error', (error) => reject(new KizunaError('import_failed', `${file} is not a whole Kizuna backup (${error.message}). Nothing was restored.`))),
        );
        broken.catch(() => undefined);
        const report = await Promise.race([restoreBackup(database.db, lines, { replace: options.replace ?? false }), broken]);
        say(`Restored ${file}${report.replaced ? ', replacing what the database held' : ''}: ${summary(report)}; every table's checksum matches the file.`);
      });
    });
}
