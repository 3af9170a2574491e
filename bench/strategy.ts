/**
 * The strategy's budgets (issue 15), on the imported register: server time of /strategy and of a
 * prefecture's report (from Server-Timing, answers not cached), and the proposals for all of Japan
 * in one batch through the CLI.
 */
import { percentile, serverTimes, type Line } from './portal.js';

/** The report the bench reads: Okayama's, the prefecture of the op-ed's Ibara City. */
const REPORT = '/strategy/prefectures/330001';

/** /strategy and a prefecture's report, on a server that keeps no answers: the first of each, then the median of twenty. */
export async function benchStrategyPages(url: string, line: Line): Promise<void> {
  for (const [label, path, budget] of [
    ['/strategy', '/strategy', '≤ 200 ms'],
    ['/ja/strategy', '/ja/strategy', '≤ 200 ms'],
    ["a prefecture's report", REPORT, '≤ 150 ms'],
  ] as const) {
    const [first] = await serverTimes(url, path, 1);
    const times = await serverTimes(url, path, 20);
    line(`${label}, first`, `${first!.toFixed(0)} ms`, '—');
    line(`${label} p50 (server)`, `${percentile(times, 50).toFixed(1)} ms`, budget);
    line(`${label} p95 (server)`, `${percentile(times, 95).toFixed(1)} ms`, '—');
  }
}

/**
 * `kizuna strategy proposals` for all of Japan (every LG without a partner abroad, the 500 most
 * populous great cities without a Japanese partner), the whole process timed and the batch's own
 * time as it prints it. `run` runs the CLI and gives its time and output.
 */
export async function benchProposals(run: (args: string[]) => Promise<{ ms: number; output: string }>, line: Line): Promise<void> {
  const { ms, output } = await run(['strategy', 'proposals', '--format', 'json', '--output', '/dev/null']);
  const [, lgs, cities, seconds] = /Proposals for (\d+) LGs without a partner abroad and (\d+) great cities in ([\d.]+) s/.exec(output) ?? [];
  line(`proposals (${lgs ?? '?'} LGs, ${cities ?? '?'} cities)`, `${seconds ?? '?'} s`, '≤ 60 s');
  line('  (whole CLI process, start to exit)', `${(ms / 1000).toFixed(1)} s`, '—');
}
