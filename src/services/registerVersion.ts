import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';

/**
 * The register's version: a number the database advances at every write to a table whose contents
 * the public sees, whichever process or path makes it (triggers of drizzle/0006_register_version.sql).
 * Answers cached under one version are fresh while it lasts.
 */
export async function registerVersion(db: Db): Promise<string> {
  const [row] = await queryRows<{ value: string }>(db, sql`select value from meta where key = 'register_version'`);
  return row?.value ?? '0';
}
