/** A local government as raw SQL returns it (snake_case columns). */
export interface LocalGovernmentRow {
  id: number;
  slug: string;
  kind: string;
  country: string;
  name_en: string;
  name_ja: string | null;
  name_local: string;
  jis_code: string | null;
  geonames_id: number | null;
  population: number | null;
  designated_city: boolean;
  region_name: string | null;
  region_name_ja: string | null;
}

/** The short form of a local government used in lists, search results and relationships. */
export interface LocalGovernmentSummary {
  id: number;
  url: string;
  name: { en: string; ja: string | null };
  kind: string;
  country: string;
  /** The prefecture, state or province it lies in, where known. */
  region: { en: string; ja: string | null } | null;
  jisCode: string | null;
  geonamesId: number | null;
  population: number | null;
  designatedCity: boolean;
}

/** The page of a local government. */
export function localGovernmentUrl(lg: { id: number; slug: string }): string {
  return `/lg/${lg.id}-${lg.slug}`;
}

/** The page of a relationship. */
export function relationshipUrl(relationship: { id: number }): string {
  return `/relationships/${relationship.id}`;
}

export function presentLocalGovernmentSummary(row: LocalGovernmentRow): LocalGovernmentSummary {
  return {
    id: row.id,
    url: localGovernmentUrl(row),
    name: { en: row.name_en, ja: row.name_ja },
    kind: row.kind,
    country: row.country.trim(),
    region: row.region_name === null ? null : { en: row.region_name, ja: row.region_name_ja },
    jisCode: row.jis_code?.trim() ?? null,
    geonamesId: row.geonames_id,
    population: row.population,
    designatedCity: row.designated_city,
  };
}

/** The columns presentLocalGovernmentSummary needs, for a select list with a table alias. */
export function summaryColumns(alias: string, prefix = ''): string {
  const columns = ['id', 'slug', 'kind', 'country', 'name_en', 'name_ja', 'name_local', 'jis_code', 'geonames_id', 'population', 'designated_city', 'region_name', 'region_name_ja'];
  return columns.map((column) => `${alias}.${column} as ${prefix}${column}`).join(', ');
}

/** The columns of one joined LG, taken out of a row where summaryColumns gave them a prefix. */
export function prefixedRow(row: Record<string, unknown>, prefix: string): LocalGovernmentRow {
  return Object.fromEntries(
    Object.entries(row)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => [key.slice(prefix.length), value]),
  ) as unknown as LocalGovernmentRow;
}

/** A date column as YYYY-MM-DD, whichever way the driver gave it. */
export function toDateString(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}

/** A timestamp column as ISO 8601, whichever way the driver gave it. */
export function toTimestampString(value: unknown): string {
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}
