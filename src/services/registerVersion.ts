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
 * A reader of the register's version for a process that asks at every request. On PostgreSQL each
 * caller gets the number from a read that began after it asked, since another process may have
 * written a moment before; callers that ask while a read is under way share the next one, so that a
 * hundred requests at once make a few reads rather than a hundred. PGlite is opened by one process
 * alone, so every write is this process's own: the number is read once and again only after the
 * triggers' notification of a write, which PGlite hands over before the writing statement's answer;
 * a query that costs most of a millisecond on PGlite is saved at every request.
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
    reader = readsBegunAfterAsking(() => registerVersion(db));
  }
  readers.set(db, reader);
  return reader;
}

/** One reader per database, so that apps made over the same database (as tests make) listen once. */
const readers = new WeakMap<Db, () => Promise<string>>();

/**
 * Shares reads between callers without giving any a value read before it asked: one read at a
 * time; whoever asks while one is under way waits for the next, which starts when it ends and which
 * all who asked meanwhile share.
 */
export function readsBegunAfterAsking<T>(read: () => Promise<T>): () => Promise<T> {
  let underWay: Promise<T> | undefined;
  let following: Promise<T> | undefined;
  const begin = () => {
    const reading = read();
    underWay = reading;
    const done = () => {
      if (underWay === reading) underWay = undefined;
    };
    reading.then(done, done);
    return reading;
  };
  return () => {
    if (!underWay) return begin();
    following ??= underWay.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      following = undefined;
      return begin();
    });
    return following;
  };
}

/**
 * A table kept in memory per database while the version it was read under (the register's, or a
 * narrower one such as the search keys') is current; read again when it has changed. A failed read
 * is forgotten, so the next caller tries again.
 */
export async function keptUnderVersion<T extends { version: string }>(cache: WeakMap<Db, Promise<T>>, db: Db, version: string, load: () => Promise<T>): Promise<T> {
  const current = cache.get(db);
  if (current) {
    const table = await current.catch(() => undefined);
    if (table?.version === version) return table;
  }
  const loading = load();
  cache.set(db, loading);
  loading.catch(() => cache.delete(db));
  return loading;
}
