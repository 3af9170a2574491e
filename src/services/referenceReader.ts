import { existsSync } from 'node:fs';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { OpenOptions } from '../db/client.js';
import { loadWorldPlaces } from '../reference/places.js';
import { readFurtherPlaces, type FurtherPlaces } from './bootstrap.js';

/** What a worker thread started by readFurtherPlacesAside is asked to do. */
const TASK = 'kizuna:read-further-places';

/**
 * On a first start on PGlite (its data folder not yet made), starts working out the regions and
 * further towns abroad (readFurtherPlaces, about six seconds) in a worker thread that runs `entry`,
 * the CLI's own module, which answers through answerFurtherPlaces: they then take the second core
 * while PGlite creates its folder and the migrations run on the first. Undefined when the database
 * exists or is a PostgreSQL server, which bootstrap finds loaded or works them out for at once.
 */
export function readFurtherPlacesAside(options: OpenOptions, entry: URL): Promise<FurtherPlaces> | undefined {
  if (options.databaseUrl || !options.dataDir || options.dataDir.startsWith('memory://')) return undefined;
  if (existsSync(path.join(options.dataDir, 'PG_VERSION'))) return undefined;
  const worker = new Worker(entry, { workerData: { task: TASK } });
  // A start that fails before bootstrap must not wait for the thread to end.
  worker.unref();
  const reading = new Promise<FurtherPlaces>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the thread reading it stopped with code ${code}`)));
  });
  // Bootstrap awaits it; a start that fails before then leaves it unread without a warning.
  reading.catch(() => undefined);
  return reading;
}

/** In a worker thread started by readFurtherPlacesAside: works them out, hands them over and says true. Elsewhere false. */
export function answerFurtherPlaces(): boolean {
  if (isMainThread || (workerData as { task?: unknown } | null)?.task !== TASK) return false;
  // The places are read again here: handing 200,000 of them over would cost the main thread as much.
  parentPort!.postMessage(readFurtherPlaces(loadWorldPlaces()));
  return true;
}
