import { serve, type ServerType } from '@hono/node-server';
import { openDatabase, type Database, type OpenOptions } from './db/client.js';
import { bootstrapReferenceData, type ProgressReporter, type FurtherPlaces } from './services/bootstrap.js';
import { createApp, type AppOptions } from './web/app.js';
import { startGate } from './web/startGate.js';
import { firstAdministratorLink } from './services/accounts.js';
import { loadDemoListings } from './services/demoListings.js';
import { loadPublishedFigureSeeds } from './services/publishedFigures.js';
import { matchTables } from './services/matching.js';
import { searchIndexFor } from './services/searchIndex.js';
import { createMailer, mailSettingsFromEnv } from './services/mailer.js';
import { scheduleTermReminders } from './services/terms.js';
import { DEFAULT_VITALITY_THRESHOLDS } from './domain/vitality.js';
import { asCostlyWork } from './turns.js';

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
  /** The database was prepared already (by the first process, for a worker): open it without loading anything. */
  prepared?: boolean;
  /** The regions and towns abroad being worked out meanwhile (readFurtherPlacesAside), for a first start's bootstrap. */
  furtherPlaces?: Promise<FurtherPlaces> | undefined;
  say?: ProgressReporter;
}

/**
 * Opens the database, creating and migrating it if need be and loading the reference data, the
 * demonstration listings and the published figures on first start (each a no-op afterwards).
 */
export async function openPreparedDatabase(options: OpenOptions & { furtherPlaces?: Promise<FurtherPlaces> | undefined }, say: ProgressReporter): Promise<Database> {
  const database = await openDatabase(options);
  say(`Database: ${database.engine} at ${database.location}`);
  try {
    await bootstrapReferenceData(database.db, say, options.furtherPlaces);
    await loadDemoListings(database.db, say);
    await loadPublishedFigureSeeds(database.db, say);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/** Opens and prepares the database (openPreparedDatabase), and serves the portal and the API. */
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
    database = options.prepared ? await openDatabase(options) : await openPreparedDatabase(options, say);
  } catch (error) {
    await closeServer();
    throw error;
  }
  const app = createApp({ db: database.db, trustProxy: options.trustProxy, serverTiming: options.serverTiming, cacheBytes: options.cacheBytes, fairUse: options.fairUse, vitality: options.vitality });
  gate.open(app.fetch);
  const url = `http://localhost:${options.port}`;
  say(`Kizuna is serving at ${url} (ready in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  warmUp(app, database, say);
  // With mail set up, the officers and coordinators hear of fixed terms about to end (90 and 30 days
  // before); with several processes each looks, and term_reminders lets one alone send each notice.
  let stopReminders = () => {};
  try {
    const mailer = createMailer(mailSettingsFromEnv());
    if (mailer) stopReminders = scheduleTermReminders(database.db, { mailer, origin: (options.publicUrl ?? url).replace(/\/+$/, '') }, options.vitality ?? DEFAULT_VITALITY_THRESHOLDS, say);
  } catch (error) {
    say(`No reminders of fixed terms by mail: ${(error as Error).message}`);
  }
  if (options.firstAdministrator) await sayFirstAdministratorLink(database, options.firstAdministrator, url, say);
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

/** Prints the first administrator's link to set a password, while no administrator has signed in. */
export async function sayFirstAdministratorLink(database: Database, email: string, url: string, say: ProgressReporter): Promise<void> {
  try {
    const link = await firstAdministratorLink(database.db, email);
    if (link) say(`No administrator has signed in yet. ${link.account.email} sets a password at ${url}/account/password/${link.secret} (valid for 7 days; a new link is printed at each start until then).`);
  } catch (error) {
    say(`No link for the first administrator: ${(error as Error).message} Use kizuna accounts invite instead.`);
  }
}

/**
 * Work the first visitors would otherwise wait for, done in the background one piece after another:
 * the home page (the charts' library loaded, the statistics' tables read from disk), then, a moment
 * later, the search index and matchmaking's places and ties (seconds each), one at a time. The home
 * page is rendered as costly work, giving the loop a turn before each query, so that the requests
 * that came with the start (a load balancer's /readyz) are answered meanwhile; the search index is
 * built a slice at a time; matchmaking's places are read in one query, which holds the loop for
 * that long. A failure is forgotten: the first use tries again.
 */
function warmUp(app: { request(path: string): Response | Promise<Response> }, database: Database, say: ProgressReporter): void {
  void asCostlyWork(async () => (await app.request('/')).arrayBuffer())
    .catch((error: unknown) => say(`Warming up the home page failed: ${(error as Error).message}`))
    .then(() => new Promise<void>((resolve) => setTimeout(resolve, 1000).unref()))
    .then(() => searchIndexFor(database.db))
    .catch(() => undefined)
    .then(() => matchTables(database.db))
    .catch(() => undefined);
}
