import { serve, type ServerType } from '@hono/node-server';
import { openDatabase, type Database, type OpenOptions } from './db/client.js';
import { bootstrapReferenceData, type ProgressReporter } from './services/bootstrap.js';
import { createApp, type AppOptions } from './web/app.js';
import { firstAdministratorLink } from './services/accounts.js';
import { loadDemoListings } from './services/demoListings.js';
import { loadPublishedFigureSeeds } from './services/publishedFigures.js';

export interface RunningServer {
  database: Database;
  server: ServerType;
  url: string;
  stop(): Promise<void>;
}

/** Where to serve, and the web face's settings (behind a proxy, Server-Timing, the cache, fair use). */
export interface StartOptions extends OpenOptions, Omit<AppOptions, 'db'> {
  port: number;
  hostname?: string;
  /** The address of the first administrator, invited when the database has no administrator. */
  firstAdministrator?: string | undefined;
  say?: ProgressReporter;
}

/**
 * Opens (creating and migrating if need be) the database, loads the reference data on first
 * start, and serves the portal and the API.
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const say = options.say ?? (() => {});
  const started = performance.now();
  const database = await openDatabase(options);
  say(`Database: ${database.engine} at ${database.location}`);
  try {
    await bootstrapReferenceData(database.db, say);
    await loadDemoListings(database.db, say);
    await loadPublishedFigureSeeds(database.db, say);
  } catch (error) {
    await database.close();
    throw error;
  }
  const app = createApp({ db: database.db, trustProxy: options.trustProxy, serverTiming: options.serverTiming, cacheBytes: options.cacheBytes, fairUse: options.fairUse });
  const hostname = options.hostname ?? '0.0.0.0';
  let server: ServerType;
  try {
    server = await new Promise<ServerType>((resolve, reject) => {
      const running = serve({ fetch: app.fetch, port: options.port, hostname }, () => resolve(running));
      running.once('error', reject);
    });
  } catch (error) {
    await database.close();
    throw error;
  }
  const url = `http://localhost:${options.port}`;
  say(`Kizuna is serving at ${url} (ready in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  if (options.firstAdministrator) {
    try {
      const link = await firstAdministratorLink(database.db, options.firstAdministrator);
      if (link) say(`No administrator has signed in yet. ${link.account.email} sets a password at ${url}/account/password/${link.secret} (valid for 7 days; a new link is printed at each start until then).`);
    } catch (error) {
      say(`No link for the first administrator: ${(error as Error).message} Use kizuna accounts invite instead.`);
    }
  }
  return {
    database,
    server,
    url,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}
