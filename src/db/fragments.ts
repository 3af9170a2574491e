import { sql, type SQL } from 'drizzle-orm';

/**
 * The id of the prefecture a Japanese LG lies in, from the LG's row and its parent's (joined as
 * `parentAlias`): itself for a prefecture, its designated city's parent for a ward, its parent else.
 */
export function prefectureIdOf(alias: string, parentAlias: string): SQL {
  return sql.raw(
    `(case when ${alias}.kind = 'prefecture' then ${alias}.id when ${alias}.kind = 'ward' then ${parentAlias}.parent_id else ${alias}.parent_id end)`,
  );
}
