import { execFileSync, spawnSync } from 'node:child_process';
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
