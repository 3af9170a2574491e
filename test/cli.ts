import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../src/paths.js';

/** The CLI's source entry, run through tsx. */
export const CLI_ENTRY = path.join(projectRoot, 'src', 'cli', 'main.ts');

/** Runs the real CLI (from source, through tsx) on PGlite and returns its exit code and output. */
export function kizuna(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI_ENTRY, ...args], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
