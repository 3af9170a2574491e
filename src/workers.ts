import cluster, { type Worker } from 'node:cluster';
import { KizunaError } from './errors.js';
import type { ProgressReporter } from './services/bootstrap.js';
import { openPreparedDatabase, sayFirstAdministratorLink, type StartOptions } from './server.js';

/** A worker that stops within this long of its start, before serving, is a failed start rather than a crash. */
const WORKERS_STOP_WAIT_MS = 10_000;

/** What a worker tells the primary once it serves. */
export const WORKER_SERVING = 'kizuna:serving';

/**
 * Serves with several processes on one port (node:cluster, which hands each connection to one of
 * them): the primary prepares the database once (migrations, reference data), then starts the
 * workers, each of which runs startServer over the same PostgreSQL database. They share no memory:
 * sessions, sign-in failures and rate limits are rows, and each reads the register's version from the
 * database, so what one writes the others show at the next request. A worker that dies is replaced;
 * SIGTERM or SIGINT stops them all. PGlite is one process's, so this needs DATABASE_URL.
 */
export async function serveWithWorkers(options: StartOptions, count: number, say: ProgressReporter): Promise<void> {
  if (!options.databaseUrl) {
    throw new KizunaError('bad_request', `--workers ${count}: the embedded database (PGlite) can be opened by one process only. Set DATABASE_URL to a PostgreSQL server to serve with several processes, or leave --workers out.`);
  }
  const prepared = await openPreparedDatabase(options, say);
  const url = `http://localhost:${options.port}`;
  try {
    if (options.firstAdministrator) await sayFirstAdministratorLink(prepared, options.firstAdministrator, url, say);
  } finally {
    await prepared.close();
  }

  let stopping = false;
  const serving = new Set<Worker>();
  let firstStart = true;
  const start = () => {
    const worker = cluster.fork();
    worker.on('message', (message: unknown) => {
      if (message !== WORKER_SERVING) return;
      serving.add(worker);
      if (firstStart && serving.size === count) {
        firstStart = false;
        say(`Kizuna is serving at ${url} with ${count} workers (processes ${[...serving].map((each) => each.process.pid).join(', ')}).`);
      }
    });
    worker.on('exit', (code, signal) => {
      const wasServing = serving.delete(worker);
      if (stopping) return;
      const how = signal ? `on signal ${signal}` : `with code ${code}`;
      if (!wasServing) {
        // A worker that cannot start (port in use, database unreachable) would fail again at once.
        say(`Worker ${worker.process.pid} stopped ${how} before it served; stopping Kizuna.`);
        void stopAll(1);
        return;
      }
      say(`Worker ${worker.process.pid} stopped ${how}; starting another.`);
      start();
    });
  };

  const stopAll = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    say('Stopping…');
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            const killer = setTimeout(() => worker.process.kill('SIGKILL'), WORKERS_STOP_WAIT_MS);
            worker.once('exit', () => {
              clearTimeout(killer);
              resolve();
            });
            worker.process.kill('SIGTERM');
          }),
      ),
    );
    process.exit(exitCode);
  };
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));
  for (let i = 0; i < count; i += 1) start();
}
