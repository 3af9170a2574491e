import { createHash, randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/client.js';
import { projectRoot } from '../src/paths.js';
import { bootstrapReferenceData, REFERENCE_VERSION } from '../src/services/bootstrap.js';
import { loadDemoListings } from '../src/services/demoListings.js';
import { loadPublishedFigureSeeds } from '../src/services/publishedFigures.js';

/**
 * Tests run on PGlite by default and on a PostgreSQL server when KIZUNA_TEST_DATABASE_URL is set
 * (a URL of a database the tests may use to create and drop others, e.g. postgres://…/postgres).
 */
export const serverUrl = process.env.KIZUNA_TEST_DATABASE_URL;
export const engineName = serverUrl ? 'postgres' : 'pglite';

/** Changes whenever the schema, the reference data, the code that loads it or the packages change. */
function templateFingerprint(): string {
  const hash = createHash('sha256').update(REFERENCE_VERSION);
  const migrations = path.join(projectRoot, 'drizzle');
  for (const file of readdirSync(migrations).filter((name) => name.endsWith('.sql')).sort()) {
    hash.update(readFileSync(path.join(migrations, file)));
  }
  hash.update(readFileSync(path.join(projectRoot, 'package-lock.json')));
  // The code that loads the reference data: a change to it must give a new template.
  for (const folder of ['src/domain', 'src/reference', 'src/db']) {
    for (const file of readdirSync(path.join(projectRoot, folder)).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts')).sort()) {
      hash.update(readFileSync(path.join(projectRoot, folder, file)));
    }
  }
  for (const file of ['src/services/bootstrap.ts', 'src/services/foreignPlaces.ts', 'src/services/demoListings.ts', 'src/content/demoListings.ts', 'src/services/publishedFigures.ts', 'src/content/publishedFigures.ts']) hash.update(readFileSync(path.join(projectRoot, file)));
  return hash.digest('hex').slice(0, 12);
}

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Creates the bootstrapped template once per fingerprint: a PGlite folder or a server database. */
export async function prepareTemplate(): Promise<string> {
  const fingerprint = templateFingerprint();
  if (serverUrl) {
    const name = `kizuna_template_${fingerprint}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query('select datname from pg_database where datname = $1', [name]);
      if (rows.length === 0) {
        const building = `${name}_building_${process.pid}`;
        await admin.query(`drop database if exists "${building}"`);
        await admin.query(`create database "${building}"`);
        const database = await openDatabase({ databaseUrl: withDatabaseName(serverUrl, building) });
        await bootstrapReferenceData(database.db);
        await loadDemoListings(database.db);
        await loadPublishedFigureSeeds(database.db);
        await database.close();
        await admin.query(`alter database "${building}" rename to "${name}"`);
      }
    } finally {
      await admin.end();
    }
    return name;
  }
  const folder = path.join(os.tmpdir(), `kizuna-test-template-${fingerprint}`);
  if (!existsSync(folder)) {
    const building = `${folder}.building-${process.pid}`;
    rmSync(building, { recursive: true, force: true });
    const database = await openDatabase({ dataDir: building });
    await bootstrapReferenceData(database.db);
    await loadDemoListings(database.db);
    await loadPublishedFigureSeeds(database.db);
    await database.close();
    try {
      renameSync(building, folder);
    } catch (error) {
      // Another test run built the same template meanwhile: use theirs.
      if (!existsSync(folder)) throw error;
      rmSync(building, { recursive: true, force: true });
    }
  }
  return folder;
}

/** A new database on the test server, from a template or empty; closing it drops it. */
async function openServerDatabase(url: string, template?: string): Promise<Database> {
  const name = `kizuna_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database "${name}"${template ? ` template "${template}"` : ''}`);
  await admin.end();
  const database = await openDatabase({ databaseUrl: withDatabaseName(url, name) });
  return {
    ...database,
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`drop database if exists "${name}"`);
      await dropper.end();
    },
  };
}

/**
 * Another connection to a test database, as another process of Kizuna would have: on PostgreSQL a
 * pool of its own on the same database (closing it leaves the database); undefined on PGlite, which
 * one process alone may open.
 */
export async function openAnotherConnection(database: Database): Promise<Database | undefined> {
  const url = serverDatabaseUrl(database);
  return url ? openDatabase({ databaseUrl: url }) : undefined;
}

/** The URL by which another process reaches a test database on the server; undefined on PGlite. */
export function serverDatabaseUrl(database: Database): string | undefined {
  if (!serverUrl || database.engine !== 'postgres') return undefined;
  return withDatabaseName(serverUrl, new URL(database.location).pathname.slice(1));
}

/** A copy of the PGlite template in a new temporary folder (KIZUNA_DATA_DIR is its parent); returns the data folder. */
export function copyTemplateFolder(template: string): string {
  const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'kizuna-test-')), 'db');
  cpSync(template, dataDir, { recursive: true });
  return dataDir;
}

/** A bootstrapped database of the test's own, copied from the template; closing it deletes it. */
export async function openTestDatabase(template: string): Promise<Database> {
  if (serverUrl) return openServerDatabase(serverUrl, template);
  const dataDir = copyTemplateFolder(template);
  const parent = path.dirname(dataDir);
  const database = await openDatabase({ dataDir });
  return {
    ...database,
    async close() {
      await database.close();
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

/** An empty database (migrated, no reference data), for tests of bootstrap itself. */
export async function openEmptyDatabase(): Promise<Database> {
  return serverUrl ? openServerDatabase(serverUrl) : openDatabase({ dataDir: 'memory://' });
}

/** The shared data folder beside the project. */
export const sharedData = (file: string) => path.resolve(projectRoot, '..', 'shared', 'data', file);
