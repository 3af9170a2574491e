import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { withChecksDeferred } from '../db/bulk.js';
import { queryRows, type Db } from '../db/client.js';
import { KizunaError } from '../errors.js';
import { registerVersion } from './registerVersion.js';

/**
 * A backup is one text of lines (the CLI gzips it): a header naming the format and the schema, then
 * for each table a line naming it, its columns and its number of rows, one line a row (the row in
 * PostgreSQL's own text form for a row of that table, as a JSON string, so that either engine reads
 * it back), and a line with the SHA-256 of the row lines; a last line closes the file. Rows go in primary-key order, so a table's checksum is the same
 * on any engine that holds the same rows.
 */
export const BACKUP_FORMAT = 1;

interface Header {
  kizuna: 'backup';
  format: number;
  /** How many migrations the schema has had, and the last one's tag time: the schema's version. */
  migrations: number;
  engine: string;
  createdAt: string;
  tables: string[];
}

interface TableStart {
  table: string;
  columns: string[];
  rows: number;
}

interface TableEnd {
  end: string;
  sha256: string;
}

export interface TableChecksum {
  table: string;
  rows: number;
  sha256: string;
}

export interface BackupReport {
  migrations: number;
  tables: TableChecksum[];
  seconds: number;
}

export interface RestoreReport extends BackupReport {
  replaced: boolean;
}

/** Times, dates and bytes are written as the session's settings say: the same settings on every engine. */
async function sameTextEverywhere(db: Db): Promise<void> {
  await db.execute(sql`set local timezone to 'UTC'`);
  await db.execute(sql`set local datestyle to 'ISO, YMD'`);
  await db.execute(sql`set local bytea_output to 'hex'`);
  await db.execute(sql`set local extra_float_digits to 1`);
}

/** Rows read or written in one statement. */
const CHUNK = 5_000;

/** The fair-use buckets: a few minutes' state of one server, not part of the register. */
const NOT_BACKED_UP = new Set(['rate_limits']);

/**
 * The rows of a table a backup holds. The register's version (a counter of this database's writes,
 * which caches are keyed by) is left out: restore moves it past where it was instead.
 */
const rowsOf = (table: string) => (table === 'meta' ? `(select * from meta where key <> 'register_version')` : `"${table}"`);

/** The register's tables by name (restore checks keys after loading, so their order does not matter). */
async function tablesOf(db: Db): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind = 'r' order by c.relname`,
  );
  return rows.map((row) => row.name).filter((name) => !NOT_BACKED_UP.has(name));
}

async function schemaMigrations(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return row?.n ?? 0;
}

/** The primary key's columns, in key order (none for a table without one). */
async function keyOf(db: Db, table: string): Promise<string[]> {
  const key = await queryRows<{ name: string }>(
    db,
    sql`select a.attname as name from pg_index i
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where i.indrelid = ${table}::regclass and i.indisprimary order by array_position(i.indkey::int[], a.attnum::int)`,
  );
  return key.map((column) => column.name);
}

/** Columns a row is written with: all but generated ones, which the database computes again. */
async function writableColumns(db: Db, table: string): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select column_name as name from information_schema.columns
      where table_schema = current_schema() and table_name = ${table} and is_generated = 'NEVER' order by ordinal_position`,
  );
  return rows.map((row) => row.name);
}

/**
 * Each row of a table as a JSON line, in key order (a table without a key, such as search_keys, in
 * the byte order of its rows' text), a chunk at a time from one cursor: the rows are sorted once, however
 * many chunks they fill. Call inside a transaction, which the cursor lives in. The row text is made
 * JSON here rather than by the database, which costs PGlite more than the reading.
 */
async function* rowLines(tx: Db, table: string): AsyncGenerator<string[]> {
  const key = await keyOf(tx, table);
  // Byte order ("C"), not the database's collation: the same on every engine and locale, and quicker.
  const order = key.length > 0 ? key.map((column) => `t."${column}"`).join(', ') : 't::text collate "C"';
  await tx.execute(sql.raw(`declare backup_rows no scroll cursor for select t::text as line from ${rowsOf(table)} t order by ${order}`));
  try {
    for (;;) {
      const rows = await queryRows<{ line: string }>(tx, sql.raw(`fetch forward ${CHUNK} from backup_rows`));
      if (rows.length === 0) return;
      yield rows.map((row) => JSON.stringify(row.line));
      if (rows.length < CHUNK) return;
    }
  } finally {
    await tx.execute(sql.raw('close backup_rows'));
  }
}

/** The same checksum backup writes, of a table as the database holds it now. */
async function checksumOf(db: Db, table: string): Promise<TableChecksum> {
  const hash = createHash('sha256');
  let rows = 0;
  for await (const lines of rowLines(db, table)) {
    hash.update(`${lines.join('\n')}\n`);
    rows += lines.length;
  }
  return { table, rows, sha256: hash.digest('hex') };
}

/**
 * Writes the whole register, consistent as of one moment: one repeatable-read transaction, so that
 * writes made meanwhile by Kizuna's other processes are not half in it. `write` is given one line,
 * or a chunk of row lines joined by newlines, without the last newline.
 */
export async function writeBackup(db: Db, engine: string, write: (lines: string) => Promise<void> | void): Promise<BackupReport> {
  const started = performance.now();
  return db.transaction(
    async (tx) => {
      await sameTextEverywhere(tx);
      const tables = await tablesOf(tx);
      const migrations = await schemaMigrations(tx);
      const header: Header = { kizuna: 'backup', format: BACKUP_FORMAT, migrations, engine, createdAt: new Date().toISOString(), tables };
      await write(JSON.stringify(header));
      const checksums: TableChecksum[] = [];
      for (const table of tables) {
        const [count] = await queryRows<{ n: number }>(tx, sql.raw(`select count(*)::int as n from ${rowsOf(table)} t`));
        const rows = count?.n ?? 0;
        await write(JSON.stringify({ table, columns: await writableColumns(tx, table), rows } satisfies TableStart));
        const hash = createHash('sha256');
        for await (const lines of rowLines(tx, table)) {
          const text = lines.join('\n');
          hash.update(`${text}\n`);
          await write(text);
        }
        const end: TableEnd = { end: table, sha256: hash.digest('hex') };
        await write(JSON.stringify(end));
        checksums.push({ table, rows, sha256: end.sha256 });
      }
      await write(JSON.stringify({ end: 'backup', tables: tables.length }));
      return { migrations, tables: checksums, seconds: (performance.now() - started) / 1000 };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

const damaged = (line: number, why: string) => new KizunaError('import_failed', `This is not a whole Kizuna backup (line ${line}): ${why}. Nothing was restored.`);

function parseLine<T>(text: string, line: number, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw damaged(line, `expected ${what}, found text that is not JSON`);
  }
}

/**
 * Restores a backup into this database in one transaction: refused whole if the file is damaged (a
 * checksum, a count or a line that does not fit), if it comes from another schema, or if the
 * database holds data and `replace` is not given. After loading, every table's checksum is computed
 * again from the database and must equal the file's.
 */
export async function restoreBackup(db: Db, lines: AsyncIterable<string>, options: { replace: boolean }): Promise<RestoreReport> {
  const started = performance.now();
  const iterator = lines[Symbol.asyncIterator]();
  let lineNumber = 0;
  const next = async (what: string): Promise<string> => {
    const result = await iterator.next();
    lineNumber++;
    if (result.done) throw damaged(lineNumber, `the file ends where ${what} should be`);
    return result.value;
  };

  const header = parseLine<Partial<Header>>(await next('the header'), lineNumber, 'the header');
  if (header.kizuna !== 'backup' || !Array.isArray(header.tables) || typeof header.migrations !== 'number') throw damaged(1, 'the first line is not the header of a Kizuna backup');
  if (header.format !== BACKUP_FORMAT) throw new KizunaError('import_failed', `This backup is in format ${String(header.format)}; this Kizuna reads format ${BACKUP_FORMAT}. Nothing was restored.`);

  return db.transaction(async (tx) => {
    await sameTextEverywhere(tx);
    const migrations = await schemaMigrations(tx);
    if (header.migrations! > migrations) {
      throw new KizunaError('conflict', `This backup comes from a newer Kizuna (schema ${header.migrations}; this one has ${migrations}). Upgrade Kizuna, then restore. Nothing was restored.`);
    }
    if (header.migrations! < migrations) {
      throw new KizunaError('conflict', `This backup comes from an older Kizuna (schema ${header.migrations}; this one has ${migrations}). Restore it with the version that wrote it, then upgrade. Nothing was restored.`);
    }
    const tables = await tablesOf(tx);
    const unknown = header.tables!.filter((table) => !tables.includes(table));
    if (unknown.length > 0) throw damaged(1, `it names tables this schema lacks (${unknown.join(', ')})`);

    const filled: string[] = [];
    for (const table of tables) {
      const [row] = await queryRows<{ any: boolean }>(tx, sql.raw(`select exists (select 1 from ${rowsOf(table)} t) as any`));
      if (row?.any) filled.push(table);
    }
    if (filled.length > 0 && !options.replace) {
      throw new KizunaError('conflict', `This database is not empty (${filled.join(', ')} hold rows). Restore into an empty database, or give --replace to replace everything in it. Nothing was restored.`);
    }
    const versionBefore = await registerVersion(tx);
    if (filled.length > 0) await tx.execute(sql.raw(`truncate table ${tables.map((table) => `"${table}"`).join(', ')} restart identity cascade`));

    const expected: TableChecksum[] = [];
    await withChecksDeferred(tx, tables, async () => {
      for (const table of header.tables!) {
        const start = parseLine<Partial<TableStart>>(await next(`the start of table ${table}`), lineNumber, `the start of table ${table}`);
        if (start.table !== table || !Array.isArray(start.columns) || typeof start.rows !== 'number') throw damaged(lineNumber, `expected the start of table ${table}`);
        const columns = start.columns.map((column) => `"${column}"`).join(', ');
        const fields = start.columns.map((column) => `(row)."${column}"`).join(', ');
        const hash = createHash('sha256');
        let chunk: string[] = [];
        const flush = async () => {
          if (chunk.length === 0) return;
          try {
            // The lateral subquery reads each row's text once; flattened, the cast would run once a column.
            await tx.execute(sql`insert into ${sql.raw(`"${table}"`)} (${sql.raw(columns)})
              select ${sql.raw(fields)} from unnest(${sql.param(chunk.map((line) => JSON.parse(line) as string))}::text[]) as line,
                lateral (select line::${sql.raw(`"${table}"`)} as row offset 0) as rows`);
          } catch (error) {
            throw damaged(lineNumber, `the rows of table ${table} before this line cannot be read back (${(error as Error).message})`);
          }
          chunk = [];
        };
        for (let row = 0; row < start.rows; row++) {
          const text = await next(`row ${row + 1} of the ${start.rows} of table ${table}`);
          hash.update(`${text}\n`);
          chunk.push(text);
          if (chunk.length === CHUNK) await flush();
        }
        await flush();
        const end = parseLine<Partial<TableEnd>>(await next(`the end of table ${table}`), lineNumber, `the end of table ${table}`);
        if (end.end !== table || end.sha256 !== hash.digest('hex')) throw damaged(lineNumber, `the rows of table ${table} do not match their checksum`);
        expected.push({ table, rows: start.rows, sha256: end.sha256 });
      }
    });
    const last = parseLine<{ end?: string; tables?: number }>(await next('the end of the backup'), lineNumber, 'the end of the backup');
    if (last.end !== 'backup' || last.tables !== header.tables!.length) throw damaged(lineNumber, 'the last line is not the end of the backup');

    // Every answer cached before, in any process, must be stale now: the version moves past both
    // where it was and where the loading's own writes took it.
    await tx.execute(sql`insert into meta (key, value) values ('register_version', ${String(Number(versionBefore) + 1)})
      on conflict (key) do update set value = (greatest(meta.value::bigint, ${Number(versionBefore)}) + 1)::text`);

    // Serial columns go on from the largest id restored.
    const sequences = await queryRows<{ table_name: string; column_name: string }>(
      tx,
      sql`select table_name, column_name from information_schema.columns
        where table_schema = current_schema() and column_default like 'nextval(%'`,
    );
    for (const { table_name: table, column_name: column } of sequences) {
      await tx.execute(sql.raw(`select setval(pg_get_serial_sequence('"${table}"', '${column}'), coalesce(max("${column}"), 0) + 1, false) from "${table}"`));
    }

    for (const want of expected) {
      const found = await checksumOf(tx, want.table);
      if (found.sha256 !== want.sha256 || found.rows !== want.rows) {
        throw new KizunaError('internal', `Table ${want.table} restored differently from the backup (${found.rows} rows, checksum ${found.sha256.slice(0, 12)}; the file has ${want.rows}, ${want.sha256.slice(0, 12)}). Nothing was restored.`);
      }
    }
    return { migrations, tables: expected, replaced: filled.length > 0, seconds: (performance.now() - started) / 1000 };
  });
}
