import cluster from 'node:cluster';
import { Command, InvalidArgumentError } from 'commander';
import { optionsFromEnvironment } from '../db/client.js';
import { withDatabase } from './database.js';
import { KizunaError } from '../errors.js';
import { bootstrapReferenceData } from '../services/bootstrap.js';
import { answerFurtherPlaces, readFurtherPlacesAside } from '../services/referenceReader.js';
import { searchLocalGovernments } from '../services/search.js';
import { japanStatistics } from '../services/stats.js';
import { startServer } from '../server.js';
import { serveWithWorkers, WORKER_SERVING } from '../workers.js';
import { webSettingsFromEnvironment } from '../web/settings.js';
import { registerExportCommand, registerImportCommand } from './import.js';
import { registerAccountsCommand } from './accounts.js';
import { registerMatchCommand } from './match.js';
import { registerEvaluateCommands } from './evaluate.js';
import { registerBackupCommands } from './backup.js';
import { registerStrategyCommand } from './strategy.js';

const say = (message: string) => process.stderr.write(`${message}\n`);

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < 1 || parsed > 65_535) throw new InvalidArgumentError('must be a whole number from 1 to 65535');
  return parsed;
}

const program = new Command('kizuna')
  .description('Kizuna: the registry of sister-city relationships.\nDATABASE_URL selects a PostgreSQL server; otherwise the embedded database lives in KIZUNA_DATA_DIR (default ./var).')
  .showHelpAfterError();

program
  .command('serve')
  .description('serve the portal and the API (creates, migrates and loads the database on first start)')
  .option('-p, --port <port>', 'port to listen on (default: $PORT or 3000)', positiveInteger)
  .option('--host <hostname>', 'address to listen on', '0.0.0.0')
  .option('--workers <n>', 'serve with this many processes on one port (PostgreSQL only: DATABASE_URL)', positiveInteger, 1)
  .action(async (options: { port?: number; host: string; workers: number }) => {
    const port = options.port ?? (process.env.PORT ? positiveInteger(process.env.PORT) : 3000);
    const settings = { ...optionsFromEnvironment(), ...webSettingsFromEnvironment(), port, hostname: options.host, publicUrl: process.env.KIZUNA_PUBLIC_URL || undefined };
    const firstAdministrator = process.env.KIZUNA_ADMIN_EMAIL || 'admin@kizuna.localhost';
    if (options.workers > 1 && cluster.isPrimary) return serveWithWorkers({ ...settings, firstAdministrator }, options.workers, say);
    // A worker's messages name it; the primary prepared the database and prints the first administrator's link, once.
    const tell = cluster.isWorker ? (message: string) => say(`[worker ${process.pid}] ${message}`) : say;
    const furtherPlaces = cluster.isWorker ? undefined : readFurtherPlacesAside(settings, new URL(import.meta.url));
    const running = await startServer({ ...settings, firstAdministrator: cluster.isWorker ? undefined : firstAdministrator, prepared: cluster.isWorker, furtherPlaces, say: tell });
    if (cluster.isWorker) process.send?.(WORKER_SERVING);
    const stop = async () => {
      tell('Stopping…');
      await running.stop();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('migrate')
  .description('create the database or bring its schema up to date')
  .action(() =>
    withDatabase(async (database) => {
      say(`Schema up to date (${database.engine} at ${database.location}).`);
    }),
  );

program
  .command('bootstrap')
  .description('load the reference data: countries, Japanese local governments, GeoNames places (safe to run again)')
  .action(() => {
    const furtherPlaces = readFurtherPlacesAside(optionsFromEnvironment(), new URL(import.meta.url));
    return withDatabase(async (database) => {
      const report = await bootstrapReferenceData(database.db, say, furtherPlaces);
      if (report.skipped) say('Reference data is loaded already; nothing to do.');
    });
  });

program
  .command('search')
  .description('find local governments by name')
  .argument('<name...>', 'the name, in any script')
  .option('--country <code>', 'ISO 3166-1 alpha-2 country code')
  .option('--kind <kind>', 'prefecture, city, special_ward, ward, town, village, municipality, state, province, region, territory, county')
  .option('--limit <n>', 'how many results', positiveInteger, 10)
  .option('--json', 'print JSON')
  .action((words: string[], options: { country?: string; kind?: string; limit: number; json?: boolean }) =>
    withDatabase(async (database) => {
      const results = await searchLocalGovernments(database.db, { q: words.join(' '), country: options.country?.toUpperCase(), kind: options.kind, limit: options.limit });
      if (options.json) return void console.log(JSON.stringify(results, null, 2));
      if (results.length === 0) return void console.log('No match.');
      for (const lg of results) {
        const formerly = lg.formerName ? `formerly ${lg.formerName}` : '';
        console.log([String(lg.id).padStart(7), lg.name.en, lg.name.ja ?? '', lg.kind, lg.country, lg.jisCode ?? '', lg.population ?? '', formerly].join('\t'));
      }
    }),
  );

program
  .command('stats')
  .description("print the statistics of Japan's relationships as JSON")
  .action(() => withDatabase(async (database) => console.log(JSON.stringify(await japanStatistics(database.db), null, 2))));

registerImportCommand(program);
registerExportCommand(program);
registerAccountsCommand(program);
registerMatchCommand(program);
registerEvaluateCommands(program);
registerBackupCommands(program);
registerStrategyCommand(program);

// The same module runs in the thread that works out the regions and towns abroad on a first start (referenceReader.ts).
if (!answerFurtherPlaces()) program.parseAsync().catch((error: unknown) => {
  if (error instanceof KizunaError) {
    say(`kizuna: ${error.message}`);
    for (const problem of error.problems) say(`  ${problem.field}: ${problem.message}`);
  } else {
    say(`kizuna: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  process.exit(1);
});
