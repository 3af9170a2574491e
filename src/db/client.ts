import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type pg from 'pg';
import { projectRoot } from '../paths.js';
import { isCostlyWork, nextTurn } from '../turns.js';
import { acquireDataDirLock, type DataDirLock } from './lock.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** A drizzle database or transaction on either engine. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** Where the data lives: the PGlite folder, or the server URL without its password. */
  location: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A PostgreSQL URL; when absent the embedded PGlite database is used. */
  databaseUrl?: string;
  /** PGlite's data folder; `memory://` for a throwaway in-memory database. */
  dataDir?: string;
}

const migrationsFolder = path.join(projectRoot, 'drizzle');

/** PostgreSQL advisory lock keys: work that two processes must not do at the same time. */
export const ADVISORY_LOCKS = { migrate: 4_151_001, bootstrap: 4_151_002, import: 4_151_003 } as const;

/** Reads the engine settings from the environment: DATABASE_URL, else KIZUNA_DATA_DIR (default ./var/db). */
export function optionsFromEnvironment(env: NodeJS.ProcessEnv = process.env): OpenOptions {
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL };
  return { dataDir: path.resolve(env.KIZUNA_DATA_DIR ?? 'var', 'db') };
}

/** Opens the database (PGlite or PostgreSQL) and applies any pending migrations. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  const database = options.databaseUrl
    ? await openPostgres(options.databaseUrl)
    : await openPglite(options.dataDir ?? 'memory://');
  try {
    await applyMigrations(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  let lock: DataDirLock | undefined;
  if (!inMemory) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    lock = acquireDataDirLock(dataDir);
  }
  try {
    const client = await PGlite.create(inMemory ? undefined : dataDir, { relaxedDurability: true });
    takeTurns(client);
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return {
      db,
      engine: 'pglite',
      location: inMemory ? 'memory' : dataDir,
      async close() {
        await client.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/**
 * PGlite answers in this thread and never waits, so that a request's queries run one after another
 * without a pause for anyone else. Those of costly work (see turns.ts) first give the event loop a
 * turn, as a query sent to a server would; the others keep going, being short.
 */
function takeTurns(client: PGlite): void {
  const [query, exec, transaction] = [client.query.bind(client), client.exec.bind(client), client.transaction.bind(client)];
  client.query = ((...args: Parameters<typeof query>) => (isCostlyWork() ? nextTurn().then(() => query(...args)) : query(...args))) as typeof query;
  client.exec = (...args) => (isCostlyWork() ? nextTurn().then(() => exec(...args)) : exec(...args));
  client.transaction = ((...args: Parameters<typeof transaction>) => (isCostlyWork() ? nextTurn().then(() => transaction(...args)) : transaction(...args))) as typeof transaction;
}

async function openPostgres(databaseUrl: string): Promise<Database> {
  // Loaded here rather than at the top: a start on PGlite need not spend its time on them.
  const [{ default: pg }, { drizzle: drizzleNodePostgres }] = await Promise.all([import('pg'), import('drizzle-orm/node-postgres')]);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 8 });
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end();
    throw error;
  }
  const db = drizzleNodePostgres(pool, { schema }) as unknown as Db;
  const url = new URL(databaseUrl);
  url.password = '';
  return { db, engine: 'postgres', location: url.toString(), close: () => pool.end() };
}

/** When the newest migration of the migrations folder was made (drizzle's journal). */
function newestMigrationTime(): number {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((entry) => entry.when));
}

/**
 * True when the database has had the newest migration, by the same test drizzle's migrator makes
 * (the time of the last migration applied): two small queries, where the migrator reads and hashes
 * every migration file and takes a lock first, which a later start would spend a tenth of a second on.
 */
export async function isMigrated(database: Database): Promise<boolean> {
  const [table] = await queryRows<{ found: string | null }>(database.db, sql`select to_regclass('drizzle.__drizzle_migrations')::text as found`);
  if (!table?.found) return false;
  const [applied] = await queryRows<{ newest: string | null }>(database.db, sql`select max(created_at)::text as newest from drizzle.__drizzle_migrations`);
  return applied?.newest != null && Number(applied.newest) >= newestMigrationTime();
}

async function applyMigrations(database: Database): Promise<void> {
  if (await isMigrated(database)) return;
  const config = { migrationsFolder };
  if (database.engine === 'pglite') {
    await migratePglite(database.db as never, config);
    return;
  }
  // Two processes starting at once against one server would race to migrate: one waits.
  const client = await (database.db as unknown as { $client: pg.Pool }).$client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [ADVISORY_LOCKS.migrate]);
    const [{ drizzle: drizzleNodePostgres }, { migrate: migrateNodePostgres }] = await Promise.all([import('drizzle-orm/node-postgres'), import('drizzle-orm/node-postgres/migrator')]);
    await migrateNodePostgres(drizzleNodePostgres(client), config);
  } finally {
    await client.query('select pg_advisory_unlock($1)', [ADVISORY_LOCKS.migrate]).catch(() => undefined);
    client.release();
  }
}

/** Runs a raw SQL statement and returns its rows, on either engine. */
export async function queryRows<Row>(db: Db, statement: SQL): Promise<Row[]> {
  const result = (await db.execute(statement)) as unknown as { rows: Row[] };
  return result.rows;
}
