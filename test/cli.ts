import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { projectRoot } from '../src/paths.js';

/**
 * The CLI as `npm start` runs it, compiled and bundled into dist/ by the tests' global setup
 * (buildCli): the bundle starts in about a third of the time tsx needs to compile the sources first.
 */
export const CLI_ENTRY = path.join(projectRoot, 'dist', 'kizuna.mjs');

/** Compiles and bundles the project (tsc and esbuild, a few seconds), so the CLI the tests run is the code under test. */
export function buildCli(): void {
  execFileSync(process.execPath, [path.join(projectRoot, 'scripts', 'bundle.mjs')], { cwd: projectRoot, stdio: 'inherit' });
}

/** Runs the real CLI on PGlite and returns its exit code and output. */
export function kizuna(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [CLI_ENTRY, ...args], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: '', ...env },
    encoding: 'utf8',
    // A ranking over every candidate abroad in a fresh process may take a minute on a busy machine.
    timeout: 180_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A `kizuna serve` process of a test: its output so far, and a stop that waits for it to exit. */
export interface ServingProcess {
  process: ChildProcess;
  log(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the real CLI (`kizuna serve …`) and resolves once its output contains `readyWhen`; rejects if it exits first. */
export async function serveKizuna(args: string[], env: NodeJS.ProcessEnv, readyWhen: string): Promise<ServingProcess> {
  const child = spawn(process.execPath, [CLI_ENTRY, 'serve', ...args], { cwd: projectRoot, env: { ...process.env, DATABASE_URL: '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes(readyWhen)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`kizuna serve exited (${code}): ${log}`)));
  });
  return {
    process: child,
    log: () => log,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** A port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('No free port found'))));
    });
  });
}
