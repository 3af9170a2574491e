/** Starting the servers the bench measures: Kizuna through its CLI, and the bare Hono page beside it. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../src/paths.js';

/** The kizuna command as npm start runs it: the bundle. */
export const cli = path.join(projectRoot, 'dist', 'kizuna.mjs');

/** A database the bench runs Kizuna on: its settings in the environment, and how to throw it away. */
export interface Engine {
  name: string;
  env: NodeJS.ProcessEnv;
  cleanUp(): Promise<void>;
}

export interface RunningServer {
  child: ChildProcess;
  url: string;
  /** From the command to the first 200 of its ready path (/readyz for Kizuna: the database open and loaded). */
  readyMs: number;
  log(): string;
  stop(): Promise<void>;
}

async function waitUntilServing(url: string, child: ChildProcess, started: number): Promise<number> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Runs a Node.js program that serves at a port, and waits until `readyPath` answers. */
async function startProcess(args: string[], env: NodeJS.ProcessEnv, port: number, readyPath: string): Promise<RunningServer> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const readyMs = await waitUntilServing(url + readyPath, child, started).catch((error: Error) => {
    throw new Error(`${error.message}\n${log}`);
  });
  return {
    child,
    url,
    readyMs,
    log: () => log,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * `kizuna serve` on an engine, with Server-Timing on (the bench reads it) and any further settings;
 * ready at /readyz, then the home page asked for once.
 */
export async function startServer(engine: Engine, port: number, settings: NodeJS.ProcessEnv = {}): Promise<RunningServer & { firstPageMs: number }> {
  const started = performance.now();
  const server = await startProcess([cli, 'serve', '--port', String(port), '--host', '127.0.0.1'], { ...process.env, ...engine.env, KIZUNA_SERVER_TIMING: '1', ...settings }, port, '/readyz');
  const home = await fetch(`${server.url}/`);
  await home.arrayBuffer();
  if (!home.ok) throw new Error(`the home page answered ${home.status} after the start`);
  return { ...server, firstPageMs: performance.now() - started };
}

/** The bare Hono page (bench/bareHono.tsx), for what the machine serves with no work behind a page. */
export function startBareHono(port: number): Promise<RunningServer> {
  return startProcess([path.join(projectRoot, 'dist', 'bench', 'bareHono.js'), String(port)], process.env, port, '/');
}
