import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { foldName } from '../domain/names.js';
import { KizunaError } from '../errors.js';
import { presentLocalGovernmentSummary, summaryColumns, type LocalGovernmentRow, type LocalGovernmentSummary } from './presenters.js';
import { localGovernmentSummaries } from './registry.js';
import { searchIndexFor } from './searchIndex.js';

export interface SearchQuery {
  q: string;
  country?: string | undefined;
  kind?: string | undefined;
  limit?: number | undefined;
}

export interface SearchResult extends LocalGovernmentSummary {
  /** How well the name matched: 1 for an exact name, a little more for an exact base name. */
  match: number;
  /** The municipality merged into this one whose name matched (栗沢町 for 岩見沢市), if that is how it was found. */
  formerName?: string;
}

/**
 * Finds local governments however a person types the name: kanji, kana, romaji with or without
 * macrons or suffix, foreign names with or without diacritics, small typos. Exact names beat
 * prefixes, which beat near matches; among equals, prefectures, designated cities and larger
 * places come first, so "Osaka" means Osaka City and Osaka Prefecture before any small Osaka.
 */
export async function searchLocalGovernments(db: Db, query: SearchQuery): Promise<SearchResult[]> {
  const folded = foldName(query.q);
  if (folded.length === 0) {
    throw new KizunaError('validation_failed', 'q: type at least one letter or character of a name.', [
      { field: 'q', message: 'type at least one letter or character of a name' },
    ]);
  }
  const limit = Math.min(Math.max(query.limit ?? 10, 1), 100);
  const index = await searchIndexFor(db);
  const hits = index.search(folded, { country: query.country, kind: query.kind }, limit);
  if (hits.length === 0) return [];
  const rows = await queryRows<LocalGovernmentRow>(
    db,
    sql`select ${sql.raw(summaryColumns('lg'))} from local_governments lg where lg.id = any(${sql.param(hits.map((hit) => hit.id))}::int[])`,
  );
  const rowById = new Map(rows.map((row) => [row.id, row]));
  return hits
    .filter((hit) => rowById.has(hit.id))
    .map((hit) => ({ ...presentLocalGovernmentSummary(rowById.get(hit.id)!), match: hit.match, ...(hit.formerName ? { formerName: hit.formerName } : {}) }));
}

/**
 * The local governments a person may mean by what they typed into a form: the one of that id when
 * they typed a number, else the best ten by name (refused, as by searchLocalGovernments, when there is
 * no letter to search for).
 */
export async function findLocalGovernments(db: Db, typed: string): Promise<LocalGovernmentSummary[]> {
  const words = typed.trim();
  if (/^\d{1,9}$/.test(words)) return localGovernmentSummaries(db, [Number(words)]);
  return searchLocalGovernments(db, { q: words, limit: 10 });
}
