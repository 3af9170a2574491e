import { serve, type ServerType } from '@hono/node-server';
import { openDatabase, type Database, type OpenOptions } from './db/client.js';
import { bootstrapReferenceData, type ProgressReporter } from './services/bootstrap.js';
import { createApp, type AppOptions } from './web/app.js';
import { startGate } from './web/startGate.js';
import { firstAdministratorLink } from './services/accounts.js';
import { loadDemoListings } from './services/demoListings.js';
import { loadPublishedFigureSeeds } from './services/publishedFigures.js';
import { matchTables } from './services/matching.js';
import { createMailer, mailSettingsFromEnv } from './services/mailer.js';
import { scheduleTermReminders } from './services/terms.js';
import { DEFAULT_VITALITY_THRESHOLDS } from './domain/vitality.js';

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
  /** The site's address as people reach it, for links in mail sent without a request (KIZUNA_PUBLIC_URL); http://localhost:PORT when not given. */
  publicUrl?: string | undefined;
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
  // The port listens from the first moment (health checks, and a port in use fails at once rather
  // than after a first start's bootstrap); other requests wait in the gate until the portal opens.
  const gate = startGate();
  const hostname = options.hostname ?? '0.0.0.0';
  const server = await new Promise<ServerType>((resolve, reject) => {
    const running = serve({ fetch: gate.fetch, port: options.port, hostname }, () => resolve(running));
    running.once('error', reject);
  });
  const closeServer = () => new Promise<void>((resolve) => server.close(() => resolve()));
  let database: Database;
  try {
    database = await openDatabase(options);
  } catch (error) {
    await closeServer();
    throw error;
  }
  say(`Database: ${database.engine} at ${database.location}`);
  try {
    await bootstrapReferenceData(database.db, say);
    await loadDemoListings(database.db, say);
    await loadPublishedFigureSeeds(database.db, say);
  } catch (error) {
    await closeServer();
    await database.close();
    throw error;
  }
  const app = createApp({ db: database.db, trustProxy: options.trustProxy, serverTiming: options.serverTiming, cacheBytes: options.cacheBytes, fairUse: options.fairUse, vitality: options.vitality });
  gate.open(app.fetch);
  // The home page once, in the background: the first visitor then does not wait for the charts'
  // library to load and the statistics' tables to be read from disk.
  void Promise.resolve(app.request('/'))
    .then((response) => response.arrayBuffer())
    .catch((error: unknown) => say(`Warming up the home page failed: ${(error as Error).message}`));
  const url = `http://localhost:${options.port}`;
  say(`Kizuna is serving at ${url} (ready in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  // Matchmaking's places and ties take seconds to read: read them in a moment, while serving (the
  // first requests answered first), so that the first ranking does not wait for them. A failure is
  // forgotten, and the first ranking tries again.
  setTimeout(() => matchTables(database.db).catch(() => undefined), 1000).unref();
  // With mail set up, the officers and coordinators hear of fixed terms about to end (90 and 30 days before).
  let stopReminders = () => {};
  try {
    const mailer = createMailer(mailSettingsFromEnv());
    if (mailer) stopReminders = scheduleTermReminders(database.db, { mailer, origin: (options.publicUrl ?? url).replace(/\/+$/, '') }, options.vitality ?? DEFAULT_VITALITY_THRESHOLDS, say);
  } catch (error) {
    say(`No reminders of fixed terms by mail: ${(error as Error).message}`);
  }
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
      stopReminders();
      await closeServer();
      await database.close();
    },
  };
}
