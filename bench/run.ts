/**
 * `npm run bench`: the figures issue budgets are checked against, on PGlite and, when
 * KIZUNA_BENCH_DATABASE_URL names a PostgreSQL database the bench may empty, on PostgreSQL.
 * Each engine: first start with bootstrap, a later start, the full import of the Wikipedia pairs,
 * search p50/p95 over 1,000 mixed queries, /api/stats on the imported data, matchmaking, the portal's
 * pages, the exchange log's pages (bench/exchanges.ts), the strategy page, a prefecture's report and
 * the proposals batch — all through the real CLI and HTTP server — and the leave-one-out evaluation
 * of matchmaking.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import pg from 'pg';
import { projectRoot } from '../src/paths.js';
import { openDatabase, optionsFromEnvironment } from '../src/db/client.js';
import { benchAccountsAndListings } from './accounts.js';
import { benchAnniversaries } from './anniversaries.js';
import { benchExchanges } from './exchanges.js';
import { benchNews } from './news.js';
import { benchMatchRequests, evaluateMatching } from './matching.js';
import { benchLoad } from './load.js';
import { benchPortal, line, percentile } from './portal.js';
import { benchProposals, benchStrategyPages } from './strategy.js';
import { buildSearchQueries } from './queries.js';
import { cli, startServer, type Engine } from './server.js';

const pairsFile = path.resolve(projectRoot, '..', 'shared', 'data', 'wikipedia-twin-cities', 'twin_cities.csv');

function runCli(engine: Engine, args: string[]): Promise<{ ms: number; output: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...engine.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve({ ms: performance.now() - started, output }) : reject(new Error(`kizuna ${args.join(' ')} failed:\n${output}`))));
  });
}

async function timeRequests(url: string, paths: string[]): Promise<number[]> {
  const times: number[] = [];
  for (const requestPath of paths) {
    const started = performance.now();
    const response = await fetch(url + requestPath);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${requestPath} answered ${response.status}`);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

/** The resident memory of a process, from /proc. */
function residentMegabytes(pid: number): string {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return (kilobytes / 1024).toFixed(0);
}

/**
 * A register sheet of 2,000 rows made from the register itself: its export, with an era date and a
 * label on every row (so each updates a relationship), topped up with rows pairing its Japanese LGs
 * with other rows' partners (new relationships). Times the export by HTTP; writes the sheet to a file.
 */
async function makeRegisterSheet(url: string, report: typeof line): Promise<{ file: string; rows: number }> {
  const started = performance.now();
  const response = await fetch(`${url}/registry/register.csv`);
  const exported = new TextDecoder().decode(await response.arrayBuffer());
  report('register export (CSV, HTTP)', `${((performance.now() - started) / 1000).toFixed(2)} s`, '≤ 2 s');
  const [header, ...rows] = parse(exported, { bom: true }) as string[][];
  const international = rows.filter((row) => row[2] !== '日本');
  if (international.length === 0) throw new Error('The register has no international relationship to build a sheet from');
  const byCountry = new Map<string, string[][]>();
  for (const row of international) byCountry.set(row[2]!, [...(byCountry.get(row[2]!) ?? []), row]);
  const sheet: string[][] = [];
  // The register's rows first, then its Japanese LGs paired with other partners of the same country.
  for (let i = 0; sheet.length < 2000; i++) {
    const row = [...international[i % international.length]!];
    if (i >= international.length) {
      const sameCountry = byCountry.get(row[2]!)!;
      const other = sameCountry[(i * 7 + 3) % sameCountry.length]!;
      row[3] = other[3]!;
      row[4] = other[4]!;
    }
    row[5] = `平成${1 + (i % 30)}年${1 + (i % 12)}月`;
    row[6] = '姉妹都市';
    sheet.push(row);
  }
  const file = path.join(os.tmpdir(), `kizuna-bench-register-${process.pid}.csv`);
  writeFileSync(file, stringify([header!, ...sheet]));
  return { file, rows: sheet.length };
}

/** Imports the sheet makeRegisterSheet wrote, through the CLI, and reports the time it gives. */
async function importRegisterSheet(engine: Engine, sheet: { file: string; rows: number }, report: typeof line): Promise<void> {
  try {
    const imported = await runCli(engine, ['import', 'register', sheet.file]);
    report(`register import (${sheet.rows} rows)`, `${/in ([\d.]+) s/.exec(imported.output)?.[1]} s`, '≤ 5 s');
    console.log(`  ${'  '.padEnd(34)} ${imported.output.split('\n').slice(1, 3).join('; ')}`);
  } finally {
    rmSync(sheet.file, { force: true });
  }
}


async function benchEngine(engine: Engine, port: number): Promise<void> {
  console.log(`\n${engine.name}`);
  const first = await startServer(engine, port);
  line('first start, bootstrap included', `${(first.readyMs / 1000).toFixed(2)} s`, '≤ 30 s');
  await first.stop();
  const later = await startServer(engine, port);
  line('later start, to /readyz', `${(later.readyMs / 1000).toFixed(2)} s`, '≤ 1.5 s');
  line('later start, to the home page', `${(later.firstPageMs / 1000).toFixed(2)} s`, '≤ 2 s');
  await later.stop();

  const imported = await runCli(engine, ['import', 'pairs', pairsFile]);
  const reported = /in ([\d.]+) s/.exec(imported.output)?.[1];
  line('import of the 25,917 pairs', `${reported} s`, '≤ 15 s');
  const resolved = /resolved to an existing place \d+ \(([\d.]+ %)\)/.exec(imported.output)?.[1];
  line('  sides resolved to a known place', resolved ?? '?', '≥ 95 %');
  console.log(`  ${'  (whole CLI process, start to exit)'.padEnd(34)} ${`${(imported.ms / 1000).toFixed(2)} s`.padStart(12)}`);

  // These figures time the work itself: nothing answered from the cache, nothing refused.
  const server = await startServer(engine, port, { KIZUNA_CACHE_MB: '0', KIZUNA_RATE_LIMITS: 'off' });
  const url = server.url;
  // Matchmaking first, so that its first ranking is the first after a start.
  await benchMatchRequests(url, line);
  const queries = buildSearchQueries(1000);
  await timeRequests(url, queries.slice(0, 50).map((q) => `/api/search?q=${encodeURIComponent(q)}`));
  const search = await timeRequests(url, queries.map((q) => `/api/search?q=${encodeURIComponent(q)}`));
  line('search p50 (1,000 mixed queries)', `${percentile(search, 50).toFixed(1)} ms`, '—');
  line('search p95', `${percentile(search, 95).toFixed(1)} ms`, '≤ 15 ms');
  line('server memory after searching (RSS)', `${residentMegabytes(server.child.pid!)} MB`, '—');
  const registerSheet = await makeRegisterSheet(url, line);
  const stats = await timeRequests(url, Array.from({ length: 30 }, () => '/api/stats'));
  line('/api/stats p50 (imported data)', `${percentile(stats, 50).toFixed(1)} ms`, '—');
  line('/api/stats p95', `${percentile(stats, 95).toFixed(1)} ms`, '≤ 100 ms');
  await benchAccountsAndListings(url, server.log, line);
  if (engine.name.startsWith('PGlite')) await benchPortal(url, line);
  await benchStrategyPages(url, line);
  await server.stop();
  // The exchange log is generated in this process (an embedded folder has one opener), then timed through a server of its own.
  await benchExchanges(engine, port, line);
  await benchNews(engine, port, line);
  await benchAnniversaries(engine, port, line);
  // The CLI cannot open an embedded data folder while the server holds it.
  await benchProposals((args) => runCli(engine, args), line);
  await benchLoad(engine, port, line);
  // The evaluation reads the same data on either engine, so it runs once, in this process, before
  // the register sheet adds its made-up pairs to the ties it learns from.
  if (engine.name.startsWith('PGlite')) {
    const database = await openDatabase(optionsFromEnvironment({ ...process.env, ...engine.env }));
    try {
      await evaluateMatching(database.db, line);
    } finally {
      await database.close();
    }
  }
  // The CLI cannot open an embedded data folder while the server holds it.
  await importRegisterSheet(engine, registerSheet, line);
  await backupAndRestore(engine, line);
}

/** `kizuna backup` of the imported register, then `kizuna restore --replace` of it into the same database. */
async function backupAndRestore(engine: Engine, report: typeof line): Promise<void> {
  const file = path.join(os.tmpdir(), `kizuna-bench-${process.pid}.backup.gz`);
  try {
    const written = await runCli(engine, ['backup', file, '--force']);
    report('backup (CLI, whole process)', `${(written.ms / 1000).toFixed(2)} s`, '≤ 20 s');
    console.log(`  ${'  '.padEnd(34)} ${written.output.trim()}`);
    const restored = await runCli(engine, ['restore', file, '--replace']);
    report('restore (CLI, whole process)', `${(restored.ms / 1000).toFixed(2)} s`, '≤ 20 s');
  } finally {
    rmSync(file, { force: true });
  }
}

function pgliteEngine(): Engine {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'kizuna-bench-'));
  return {
    name: 'PGlite (embedded)',
    env: { KIZUNA_DATA_DIR: folder, DATABASE_URL: '' },
    cleanUp: async () => rmSync(folder, { recursive: true, force: true }),
  };
}

async function postgresEngine(url: string): Promise<Engine> {
  const name = `kizuna_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const version = await (async () => {
    const client = new pg.Client({ connectionString: target.toString() });
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    await client.end();
    return rows[0]?.server_version ?? '?';
  })();
  return {
    name: `PostgreSQL ${version} (server)`,
    env: { DATABASE_URL: target.toString() },
    async cleanUp() {
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`drop database if exists "${name}"`);
      await dropper.end();
    },
  };
}

async function main(): Promise<void> {
  console.log(`Kizuna benchmark on ${os.cpus().length} cores, Node ${process.version}`);
  const engines: Engine[] = [pgliteEngine()];
  const serverUrl = process.env.KIZUNA_BENCH_DATABASE_URL;
  if (serverUrl) engines.push(await postgresEngine(serverUrl));
  else console.log('(PostgreSQL skipped: set KIZUNA_BENCH_DATABASE_URL to a database URL the bench may create databases through)');
  let port = 39_400;
  for (const engine of engines) {
    try {
      await benchEngine(engine, port++);
    } finally {
      await engine.cleanUp();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
