import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { projectRoot } from '../src/paths.js';

/**
 * The CLI as `npm start` runs it, compiled and bundled into dist/ by the tests' global setup
 * (buildCli): the bundle starts in about a third of the time tsx needs to compile the sources first.
 */
export const CLI_ENTRY = path.join(projectRoot, 'dist', 'kizuna.mjs');

/** Compiles and bundles the project (tsc and esbuild, a few seconds), so the CLI the tests run is the code under test. */
export function buildCli(): void {
  const tsc = path.join(path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(projectRoot, 'tsconfig.json')], { cwd: projectRoot, stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(projectRoot, 'scripts', 'bundle.mjs')], { cwd: projectRoot, stdio: 'inherit' });
}

/** Runs the real CLI on PGlite and returns its exit code and output. */
export function kizuna(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [CLI_ENTRY, ...args], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
