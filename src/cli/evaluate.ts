import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { RANKERS, SETTINGS, type RankerFigures, type Setting } from '../domain/matchEvaluation.js';
import { projectRoot } from '../paths.js';
import { evaluateMatching, fitMatchingModel, type EvaluationReport } from '../services/matchEvaluation.js';
import { withDatabase } from './database.js';

const FIGURES = ['medianRankPercentile', 'mrr', 'recallAt10', 'recallAt50'] as const;
const round = (value: number) => Math.round(value * 100) / 100;

/**
 * The evaluation as `--json` prints it: one key per setting, each with its number of cases and, per
 * ranker, the four figures as percentages from 0 to 100 and their 95 % intervals beside them
 * (`intervals.recallAt10` is `[low, high]`).
 */
export function presentEvaluation(report: EvaluationReport) {
  const setting = (name: Setting) => ({
    cases: report[name].cases,
    averagePool: Math.round(report[name].averagePool),
    rankers: Object.fromEntries(
      RANKERS.map((ranker) => {
        const figures = report[name].rankers[ranker];
        return [
          ranker,
          {
            ...Object.fromEntries(FIGURES.map((figure) => [figure, round(figures[figure].value)])),
            intervals: Object.fromEntries(FIGURES.map((figure) => [figure, [round(figures[figure].low), round(figures[figure].high)]])),
          },
        ];
      }),
    ),
  });
  return { seed: report.seed, skipped: report.skipped, seconds: round(report.seconds), withinCountry: setting('withinCountry'), allAbroad: setting('allAbroad') };
}

const RANKER_NAMES: Record<(typeof RANKERS)[number], string> = {
  kizuna: 'Kizuna (fitted per fold)',
  random: 'random',
  population: 'population similarity',
  popularity: 'preferential attachment',
  japanTies: 'ties with Japan',
  commonNeighbours: 'common neighbours',
  adamicAdar: 'Adamic–Adar',
};

/** The evaluation as lines of a table, each figure with its interval. */
export function evaluationLines(report: EvaluationReport): string[] {
  const cell = (interval: RankerFigures['mrr']) => `${interval.value.toFixed(1)} (${interval.low.toFixed(1)}–${interval.high.toFixed(1)})`.padStart(20);
  const lines = [
    `Leave-one-out over the registry: ${report.withinCountry.cases} Japanese LGs with a partner abroad, one hidden each (seed ${report.seed}); ` +
      `${report.skipped} skipped, no partner of theirs could be a party with them; ${report.seconds.toFixed(1)} s. Figures in %, 95 % intervals in brackets.`,
  ];
  for (const setting of SETTINGS) {
    lines.push(
      '',
      `${setting === 'withinCountry' ? 'Within the hidden partner’s country' : 'Over every candidate abroad'} (${Math.round(report[setting].averagePool).toLocaleString('en')} candidates per case on average)`,
      `${'ranker'.padEnd(26)}${'median rank pct'.padStart(20)}${'MRR'.padStart(20)}${'recall@10'.padStart(20)}${'recall@50'.padStart(20)}`,
    );
    for (const ranker of RANKERS) {
      const figures = report[setting].rankers[ranker];
      lines.push(`${RANKER_NAMES[ranker].padEnd(26)}${FIGURES.map((figure) => cell(figures[figure])).join('')}`);
    }
  }
  return lines;
}

function seedOption(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 2 ** 32 - 1) throw new InvalidArgumentError('must be a whole number from 0 to 4294967295');
  return Number(value);
}

/** The model file Kizuna ships with, beside the rules that read it. */
const MODEL_FILE = path.join(projectRoot, 'src', 'domain', 'matchingModel.json');

/** `kizuna evaluate matching` and `kizuna fit matching`. */
export function registerEvaluateCommands(program: Command): void {
  program
    .command('evaluate')
    .description('measure how well matchmaking finds real partners')
    .command('matching')
    .description('leave-one-out over the registry: one partner abroad of each Japanese LG hidden and ranked for, by Kizuna and by six baselines, within its country and over every candidate abroad')
    .option('--seed <n>', 'seed of the hidden partners, the random baseline and the bootstrap', seedOption, 1)
    .option('--json', 'print JSON: {"withinCountry": {"cases", "rankers": {"kizuna": {"medianRankPercentile", "mrr", "recallAt10", "recallAt50", "intervals"}, …}}, "allAbroad": {…}}')
    .action((options: { seed: number; json?: boolean }) =>
      withDatabase(async (database) => {
        const report = await evaluateMatching(database.db, options.seed);
        console.log(options.json ? JSON.stringify(presentEvaluation(report), null, 2) : evaluationLines(report).join('\n'));
      }),
    );
  program
    .command('fit')
    .description('fit what is learned from the registry')
    .command('matching')
    .description('fit the weights of the registry’s factors of matchmaking and write them to the model file')
    .option('--seed <n>', 'seed of the hidden partners and of the candidates compared with them', seedOption, 1)
    .option('--output <file>', 'where to write the model', MODEL_FILE)
    .action((options: { seed: number; output: string }) =>
      withDatabase(async (database) => {
        const model = await fitMatchingModel(database.db, options.seed);
        writeFileSync(options.output, `${JSON.stringify(model, null, 2)}\n`);
        process.stderr.write(`Fitted on ${model.cases} cases; written to ${options.output}. Build again (npm run build) for Kizuna to use it.\n`);
      }),
    );
}
