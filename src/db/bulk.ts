import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from './client.js';

/** The PostgreSQL array type of each column of a bulk insert. */
export type ColumnType = 'int' | 'text' | 'bool' | 'float8' | 'real' | 'smallint' | 'char(2)' | 'char(6)';

export interface BulkColumn<Row> {
  name: string;
  type: ColumnType;
  value: (row: Row) => unknown;
}

const CHUNK = 20_000;

/**
 * Inserts many rows in a few statements: each column is sent as one array parameter and unnested,
 * which is far faster than building a VALUES list for each row. Returns what `returning` asks for.
 */
export async function bulkInsert<Row, Returned = never>(
  db: Db,
  table: string,
  columns: BulkColumn<Row>[],
  rows: Row[],
  options: { returning?: string; onConflict?: string } = {},
): Promise<Returned[]> {
  const returned: Returned[] = [];
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const names = sql.raw(columns.map((column) => `"${column.name}"`).join(', '));
    const arrays = sql.join(
      columns.map((column) => sql`${sql.param(chunk.map(column.value))}::${sql.raw(column.type)}[]`),
      sql`, `,
    );
    const tail: SQL[] = [];
    if (options.onConflict) tail.push(sql.raw(` on conflict ${options.onConflict}`));
    if (options.returning) tail.push(sql.raw(` returning ${options.returning}`));
    const statement = sql`insert into ${sql.raw(`"${table}"`)} (${names}) select * from unnest(${arrays})${sql.join(tail)}`;
    returned.push(...(await queryRows<Returned>(db, statement)));
  }
  return returned;
}
