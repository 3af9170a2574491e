import { InvalidArgumentError, type Command } from 'commander';
import type { Db } from '../db/client.js';
import type { Actor } from '../domain/authorization.js';
import { MATCH_FACTORS, MAX_WEIGHT } from '../domain/matching.js';
import { failIfProblems, KizunaError, problemsFromZod } from '../errors.js';
import { lgName, regionName, type Lang } from '../i18n/index.js';
import { matchReport } from '../i18n/matchReasons.js';
import { matchCandidates } from '../services/matching.js';
import { searchLocalGovernments } from '../services/search.js';
import { MatchQuery, weightsOf } from '../web/api/schemas.js';
import { withDatabase } from './database.js';

/** The operator at the machine, who may see every listing, drafts included. */
const OPERATOR: Actor = { kind: 'system', label: 'kizuna match' };

/** "population=5" → { w_population: "5" }: the factor is checked here, the number by the API's own schema. */
function weightOption(value: string, previous: Record<string, string>): Record<string, string> {
  const [factor, weight = ''] = value.split('=') as [string, string | undefined];
  if (!(MATCH_FACTORS as readonly string[]).includes(factor)) throw new InvalidArgumentError(`unknown factor "${factor}"; the factors are ${MATCH_FACTORS.join(', ')}`);
  return { ...previous, [`w_${factor}`]: weight };
}

function positiveCount(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1 || number > 100) throw new InvalidArgumentError('must be a whole number from 1 to 100');
  return number;
}

/** An LG by id, or by a name that names one place only. */
async function resolveLocalGovernment(db: Db, given: string): Promise<number> {
  if (/^\d+$/.test(given)) return Number(given);
  const hits = await searchLocalGovernments(db, { q: given, limit: 5 });
  const exact = hits.filter((hit) => hit.match >= 1);
  if (exact.length === 1) return exact[0]!.id;
  const choices = (exact.length ? exact : hits).map((hit) => `${hit.id} ${hit.name.en} (${hit.kind}, ${hit.country})`);
  throw new KizunaError(
    'validation_failed',
    choices.length ? `"${given}" could be any of: ${choices.join('; ')}. Give the id.` : `No local government is called "${given}".`,
    [{ field: 'lg', message: choices.length ? 'more than one local government has this name' : 'no local government has this name' }],
  );
}

/** `kizuna match <lg>`: the partner candidates of a local government, with their reasons. */
export function registerMatchCommand(program: Command): void {
  program
    .command('match')
    .description('rank partner candidates for a local government and say why')
    .argument('<lg>', 'the id of the local government, or its name')
    .option('--limit <n>', 'how many candidates', positiveCount, 10)
    .option('--weight <factor=n>', `change a weight from 0 to ${MAX_WEIGHT} (repeatable); factors: ${MATCH_FACTORS.join(', ')}`, weightOption, {})
    .option('--lang <lang>', 'language of the reasons: en or ja', (value: string) => {
      if (value !== 'en' && value !== 'ja') throw new InvalidArgumentError('must be en or ja');
      return value;
    }, 'en')
    .option('--json', 'print JSON, as GET /api/match gives it')
    .action((given: string, options: { limit: number; weight: Record<string, string>; lang: Lang; json?: boolean }) =>
      withDatabase(async (database) => {
        const lgId = await resolveLocalGovernment(database.db, given);
        const checked = MatchQuery.safeParse({ lg: lgId, ...options.weight });
        if (!checked.success) failIfProblems(problemsFromZod(checked.error));
        const weights = weightsOf(checked.data!);
        const report = matchReport(options.lang, await matchCandidates(database.db, OPERATOR, lgId, { weights, limit: options.limit }));
        if (options.json) return void console.log(JSON.stringify(report, null, 2));
        console.log(`${lgName(options.lang, report.seeker)}: ${report.poolSize} candidates ranked${report.seekerListing ? `, with listing ${report.seekerListing.id}` : ', without a listing'}`);
        for (const candidate of report.candidates) {
          const lg = candidate.localGovernment;
          console.log(`\n${String(candidate.rank).padStart(3)}. ${lgName(options.lang, lg)} (${[regionName(options.lang, lg), lg.country].filter(Boolean).join(', ')}, id ${lg.id})  ${candidate.score.toFixed(1)}`);
          for (const reason of candidate.reasons) console.log(`     ${reason.points.toFixed(1).padStart(5)}  ${reason.text}`);
        }
      }),
    );
}
