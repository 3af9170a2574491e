import { serve, type ServerType } from '@hono/node-server';
import { openDatabase, type Database, type OpenOptions } from './db/client.js';
import { bootstrapReferenceData, type ProgressReporter } from './services/bootstrap.js';
import { createApp } from './web/app.js';

export interface RunningServer {
  database: Database;
  server: ServerType;
  url: string;
  stop(): Promise<void>;
}

export interface StartOptions extends OpenOptions {
  port: number;
  hostname?: string;
  adminToken?: string | undefined;
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
  } catch (error) {
    await database.close();
    throw error;
  }
  const app = createApp({ db: database.db, adminToken: options.adminToken });
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
