import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';

/** The channel the triggers of drizzle/0006_register_version.sql notify at each write to the register. */
const CHANGES = 'register_changed';

/**
 * The register's version: a number the database advances at every write to a table whose contents
 * the public sees, whichever process or path makes it (triggers of drizzle/0006_register_version.sql).
 * Answers cached under one version are fresh while it lasts.
 */
export async function registerVersion(db: Db): Promise<string> {
  const [row] = await queryRows<{ value: string }>(db, sql`select value from meta where key = 'register_version'`);
  return row?.value ?? '0';
}

/**
 * A reader of the register's version for a process that asks at every request. On PostgreSQL it
 * reads the number each time: another process may have written a moment ago. PGlite is opened by one
 * process alone, so every write is this process's own: the number is read once and again only after
 * the triggers' notification of a write, which PGlite hands over before the writing statement's
 * answer; a query that costs most of a millisecond on PGlite is saved at every request.
 */
export function registerVersionReader(db: Db): () => Promise<string> {
  let reader = readers.get(db);
  if (reader) return reader;
  const client = (db as { $client?: unknown }).$client;
  if (client instanceof PGlite) {
    let known: Promise<string> | undefined;
    const listening = client.listen(CHANGES, () => {
      known = undefined;
    });
    reader = async () => {
      await listening;
      known ??= registerVersion(db).catch((error: unknown) => {
        known = undefined;
        throw error;
      });
      return known;
    };
  } else {
    reader = () => registerVersion(db);
  }
  readers.set(db, reader);
  return reader;
}

/** One reader per database, so that apps made over the same database (as tests make) listen once. */
const readers = new WeakMap<Db, () => Promise<string>>();
