import { writeFileSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { KizunaError } from '../errors.js';
import type { Lang } from '../i18n/index.js';
import { matchReport } from '../i18n/matchReasons.js';
import { prefectureCodeOf } from '../services/lists.js';
import { PROPOSAL_CITIES, strategyProposals } from '../services/strategy.js';
import { csvResponse, xlsxWorkbookResponse } from '../web/downloads.js';
import { proposalTable } from '../web/strategyTables.js';
import { withDatabase } from './database.js';

function count(most: number) {
  return (value: string): number => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || number < 1 || number > most) throw new InvalidArgumentError(`must be a whole number from 1 to ${most}`);
    return number;
  };
}

interface ProposalOptions {
  prefecture?: string;
  format: 'csv' | 'xlsx' | 'json';
  limit: number;
  cities: number;
  lang: Lang;
  output?: string;
}

/** `kizuna strategy proposals`: the matchmaker's proposals for Japan's gaps, in one batch. */
export function registerStrategyCommand(program: Command): void {
  const strategy = program.command('strategy').description("the strategy's figures and proposals (see /strategy)");
  strategy
    .command('proposals')
    .description('for each Japanese LG without a partner abroad, the places abroad that fit it best; for each of the most populous great cities abroad without a Japanese partner, the Japanese LGs that fit it best')
    .option('--prefecture <prefecture>', 'only this prefecture: its LGs without a partner, and its LGs as candidates for the great cities (JIS code, number or name: 330001, 33, okayama)')
    .addOption(new Option('--format <format>', 'csv, xlsx or json').choices(['csv', 'xlsx', 'json']).default('csv'))
    .option('--limit <n>', 'candidates for each', count(20), 3)
    .option('--cities <n>', 'how many great cities, the most populous first', count(5000), PROPOSAL_CITIES)
    .addOption(new Option('--lang <lang>', 'language of the names and reasons').choices(['en', 'ja']).default('en'))
    .option('--output <file>', 'where to write it (default: standard output)')
    .action((options: ProposalOptions) =>
      withDatabase(async (database) => {
        const given = options.prefecture;
        const prefecture = given === undefined ? undefined : /^\d{6}$/.test(given) ? given : await prefectureCodeOf(database.db, given);
        if (prefecture === null) throw new KizunaError('not_found', `There is no prefecture "${options.prefecture}"; give its JIS code (330001), number (33) or name (okayama).`);
        const proposals = await strategyProposals(database.db, { prefecture: prefecture?.trim(), limit: options.limit, greatCities: options.cities });
        let bytes: Uint8Array;
        if (options.format === 'json') {
          const { forJapanese, forGreatCities, ...rest } = proposals;
          const present = (results: typeof forJapanese) => results.map((result) => matchReport(options.lang, result));
          bytes = Buffer.from(`${JSON.stringify({ ...rest, forJapanese: present(forJapanese), forGreatCities: present(forGreatCities) }, null, 2)}\n`);
        } else {
          const table = proposalTable(options.lang, proposals);
          const header = table.columns.map((column) => column.label);
          const response =
            options.format === 'csv'
              ? csvResponse('proposals.csv', header, table.rows)
              : await xlsxWorkbookResponse('proposals.xlsx', [{ name: table.title, header, rows: table.rows }]);
          bytes = new Uint8Array(await response.arrayBuffer());
        }
        if (options.output) writeFileSync(options.output, bytes);
        else process.stdout.write(bytes);
        process.stderr.write(
          `Proposals for ${proposals.forJapanese.length} LGs without a partner abroad and ${proposals.forGreatCities.length} great cities${proposals.prefecture ? ` (prefecture ${proposals.prefecture})` : ''} in ${proposals.seconds} s${options.output ? `: ${options.output}` : ''}\n`,
        );
      }),
    );
}
