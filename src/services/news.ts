import { eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { newsItems, newsTags } from '../db/schema.js';
import { accountIdOf, authorize, type Actor } from '../domain/authorization.js';
import { checkNewsItem, type NewsTag, type NewsTagKind } from '../domain/news.js';
import { failIfProblems, notFound, type FieldProblem } from '../errors.js';
import { loadCountries } from '../reference/countries.js';
import { writeAudit } from './audit.js';
import { localGovernmentSummaries } from './registry.js';
import type { NewsInput } from './newsInputs.js';
import { prefixedRow, presentLocalGovernmentSummary, relationshipUrl, summaryColumns, toTimestampString, type LocalGovernmentSummary } from './presenters.js';

/**
 * News items that coordinators publish, each tagged with what it is about (relationships, local
 * governments, countries). Everyone reads them; coordinators and administrators publish, correct and
 * delete them, each change audited.
 */

/** A tag as pages show it: what it names, and where that is. */
export type ShownTag = NewsTag &
  (
    | { kind: 'relationship'; parties: [LocalGovernmentSummary, LocalGovernmentSummary]; url: string }
    | { kind: 'lg'; localGovernment: LocalGovernmentSummary; url: string }
    | { kind: 'country'; url: string }
    | { kind: 'jurisdiction'; name: { en: string; ja: string }; url: string }
  );

/** A news item as pages, feeds and the API show it. */
export interface NewsItem {
  id: number;
  url: string;
  title: { en: string; ja: string };
  body: { en: string; ja: string };
  tags: ShownTag[];
  publishedAt: string;
  updatedAt: string;
}

/** The page of a tag's news and its Atom feed: the page of what it names. */
export function tagPageUrl(tag: NewsTag): string {
  switch (tag.kind) {
    case 'country':
      return `/countries/${tag.value}`;
    case 'lg':
      return `/lg/${tag.value}`;
    case 'relationship':
      return relationshipUrl({ id: Number(tag.value) });
    case 'jurisdiction':
      return `/jurisdictions/${tag.value}`;
  }
}

/** The news of any of these tags (all news when none is given), latest first: one page of them. */
export interface NewsQuery {
  tags?: NewsTag[] | undefined;
  /** Published within these days (Japan's), for an issue of the newsletter. */
  publishedFrom?: string | undefined;
  publishedTo?: string | undefined;
  ids?: number[] | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

const tagCondition = (tags: NewsTag[]): SQL =>
  sql`exists (select 1 from news_tags t where t.news_id = n.id and (${sql.join(
    tags.map((tag) => sql`(t.kind = ${tag.kind} and t.value = ${tag.value})`),
    sql` or `,
  )}))`;

/** News items with their tags, latest first, in three queries whatever their number. */
export async function listNews(db: Db, query: NewsQuery = {}): Promise<NewsItem[]> {
  const conditions: SQL[] = [sql`true`];
  if (query.tags) conditions.push(query.tags.length ? tagCondition(query.tags) : sql`false`);
  if (query.publishedFrom) conditions.push(sql`n.published_at >= (${query.publishedFrom}::date::timestamp at time zone 'Asia/Tokyo')`);
  if (query.publishedTo) conditions.push(sql`n.published_at < ((${query.publishedTo}::date + 1)::timestamp at time zone 'Asia/Tokyo')`);
  if (query.ids) conditions.push(sql`n.id = any(${sql.param(query.ids)}::int[])`);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select n.* from news_items n where ${sql.join(conditions, sql` and `)}
      order by n.published_at desc, n.id desc limit ${query.limit ?? 1000} offset ${query.offset ?? 0}`,
  );
  if (rows.length === 0) return [];
  const ids = rows.map((row) => Number(row.id));
  const tags = await shownTags(db, ids);
  return rows.map((row) => ({
    id: Number(row.id),
    url: `/news/${Number(row.id)}`,
    title: { en: String(row.title_en), ja: String(row.title_ja) },
    body: { en: String(row.body_en), ja: String(row.body_ja) },
    tags: tags.filter((tag) => tag.newsId === Number(row.id)).map(({ newsId: _, ...tag }) => tag as ShownTag),
    publishedAt: toTimestampString(row.published_at),
    updatedAt: toTimestampString(row.updated_at),
  }));
}

/** How many news items any of these tags have (all when none is given). */
export async function countNews(db: Db, tags?: NewsTag[]): Promise<number> {
  const [row] = await queryRows<{ count: number }>(db, sql`select count(*)::int as count from news_items n where ${tags ? (tags.length ? tagCondition(tags) : sql`false`) : sql`true`}`);
  return row!.count;
}

/** The tags of news items with what they name, in three queries through primary keys. */
async function shownTags(db: Db, newsIds: number[]): Promise<(ShownTag & { newsId: number })[]> {
  const tags = await queryRows<{ news_id: number; kind: NewsTagKind; value: string }>(
    db,
    sql`select news_id, kind, value from news_tags where news_id = any(${sql.param(newsIds)}::int[]) order by kind, value`,
  );
  const idsOf = (kind: NewsTagKind) => [...new Set(tags.filter((tag) => tag.kind === kind).map((tag) => Number(tag.value)))];
  const localGovernments = new Map((await localGovernmentSummaries(db, idsOf('lg'))).map((lg) => [lg.id, lg]));
  const pairs = await queryRows<Record<string, unknown>>(
    db,
    sql`select r.id, ${sql.raw(summaryColumns('a', 'a_'))}, ${sql.raw(summaryColumns('b', 'b_'))}
      from relationships r join local_governments a on a.id = r.first_id join local_governments b on b.id = r.second_id
      where r.id = any(${sql.param(idsOf('relationship'))}::int[])`,
  );
  const jurisdictionNames = new Map(
    (await queryRows<{ slug: string; name_en: string; name_ja: string }>(db, sql`select slug, name_en, name_ja from jurisdictions where slug = any(${sql.param(tags.filter((tag) => tag.kind === 'jurisdiction').map((tag) => tag.value))}::text[])`)).map((row) => [
      row.slug,
      { en: row.name_en, ja: row.name_ja },
    ]),
  );
  const parties = new Map(pairs.map((row) => [Number(row.id), [presentLocalGovernmentSummary(prefixedRow(row, 'a_')), presentLocalGovernmentSummary(prefixedRow(row, 'b_'))] as [LocalGovernmentSummary, LocalGovernmentSummary]]));
  return tags.flatMap((tag): (ShownTag & { newsId: number })[] => {
    const base = { newsId: tag.news_id, value: tag.value };
    if (tag.kind === 'country') return [{ ...base, kind: tag.kind, url: tagPageUrl({ kind: tag.kind, value: tag.value }) }];
    if (tag.kind === 'jurisdiction') {
      const name = jurisdictionNames.get(tag.value);
      return name ? [{ ...base, kind: tag.kind, name, url: tagPageUrl({ kind: tag.kind, value: tag.value }) }] : [];
    }
    if (tag.kind === 'lg') {
      const localGovernment = localGovernments.get(Number(tag.value));
      return localGovernment ? [{ ...base, kind: tag.kind, localGovernment, url: localGovernment.url }] : [];
    }
    const pair = parties.get(Number(tag.value));
    return pair ? [{ ...base, kind: tag.kind, parties: pair, url: tagPageUrl({ kind: tag.kind, value: tag.value }) }] : [];
  });
}

/** One news item, or a 404. */
export async function getNewsItem(db: Db, id: number): Promise<NewsItem> {
  const [item] = await listNews(db, { ids: [id] });
  if (!item) throw notFound(`News item ${id}`);
  return item;
}

let countryCodes: Set<string> | undefined;

/** The tags that name nothing in the register, each a problem of its place in the list. */
async function unknownTags(db: Db, tags: NewsTag[]): Promise<FieldProblem[]> {
  countryCodes ??= new Set(loadCountries().map((country) => country.code));
  const ids = (kind: 'lg' | 'relationship') => tags.filter((tag) => tag.kind === kind).map((tag) => Number(tag.value));
  const lgs = new Set((await queryRows<{ id: number }>(db, sql`select id from local_governments where id = any(${sql.param(ids('lg'))}::int[])`)).map((row) => row.id));
  const relationships = new Set((await queryRows<{ id: number }>(db, sql`select id from relationships where id = any(${sql.param(ids('relationship'))}::int[])`)).map((row) => row.id));
  const slugs = tags.filter((tag) => tag.kind === 'jurisdiction').map((tag) => tag.value);
  const jurisdictions = new Set((await queryRows<{ slug: string }>(db, sql`select slug from jurisdictions where slug = any(${sql.param(slugs)}::text[])`)).map((row) => row.slug));
  const known = (tag: NewsTag) => {
    switch (tag.kind) {
      case 'country':
        return countryCodes!.has(tag.value);
      case 'jurisdiction':
        return jurisdictions.has(tag.value);
      case 'lg':
        return lgs.has(Number(tag.value));
      case 'relationship':
        return relationships.has(Number(tag.value));
    }
  };
  const words = { country: 'country', jurisdiction: 'jurisdiction', lg: 'local government', relationship: 'relationship' } as const;
  return tags.flatMap((tag, index) => {
    if (known(tag)) return [];
    return [{ field: `tags[${index}]`, message: `${words[tag.kind]} ${tag.value} does not exist` }];
  });
}

async function checked(db: Db, input: NewsInput): Promise<void> {
  failIfProblems([...checkNewsItem(input), ...(await unknownTags(db, input.tags))]);
}

async function writeTags(db: Db, newsId: number, tags: NewsTag[]): Promise<void> {
  await db.delete(newsTags).where(eq(newsTags.newsId, newsId));
  if (tags.length) await db.insert(newsTags).values(tags.map((tag) => ({ newsId, kind: tag.kind, value: tag.value })));
}

const columnsOf = (input: NewsInput) => ({ titleEn: input.title.en, titleJa: input.title.ja, bodyEn: input.body.en, bodyJa: input.body.ja });

/** Publishes a news item now: coordinators and administrators; checked, audited in the same transaction. */
export async function publishNews(db: Db, actor: Actor, input: NewsInput): Promise<NewsItem> {
  authorize(actor, { do: 'news.write' });
  return db.transaction(async (tx) => {
    await checked(tx, input);
    const [record] = await tx.insert(newsItems).values({ ...columnsOf(input), recordedBy: accountIdOf(actor) }).returning({ id: newsItems.id });
    await writeTags(tx, record!.id, input.tags);
    const after = await getNewsItem(tx, record!.id);
    await writeAudit(tx, actor, { action: 'create', entity: 'news', entityId: after.id, before: null, after });
    return after;
  });
}

/** Corrects a news item (its text and tags; it keeps its day of publication). */
export async function updateNews(db: Db, actor: Actor, id: number, input: NewsInput): Promise<NewsItem> {
  authorize(actor, { do: 'news.write' });
  return db.transaction(async (tx) => {
    const [locked] = await tx.select({ id: newsItems.id }).from(newsItems).where(eq(newsItems.id, id)).for('update');
    if (!locked) throw notFound(`News item ${id}`);
    const before = await getNewsItem(tx, id);
    await checked(tx, input);
    await tx.update(newsItems).set({ ...columnsOf(input), updatedAt: new Date() }).where(eq(newsItems.id, id));
    await writeTags(tx, id, input.tags);
    const after = await getNewsItem(tx, id);
    await writeAudit(tx, actor, { action: 'update', entity: 'news', entityId: id, before, after });
    return after;
  });
}

/** Deletes a news item; audited. */
export async function deleteNews(db: Db, actor: Actor, id: number): Promise<void> {
  authorize(actor, { do: 'news.write' });
  await db.transaction(async (tx) => {
    const before = await getNewsItem(tx, id);
    await tx.delete(newsItems).where(eq(newsItems.id, id));
    await writeAudit(tx, actor, { action: 'delete', entity: 'news', entityId: id, before, after: null });
  });
}

/** The tags whose news a local government's page shows: its own, and its relationships'. */
export const tagsOfLocalGovernment = (id: number, relationshipIds: readonly number[]): NewsTag[] => [
  { kind: 'lg', value: String(id) },
  ...relationshipIds.map((relationshipId): NewsTag => ({ kind: 'relationship', value: String(relationshipId) })),
];

/** The tags whose news a jurisdiction's page shows: its own (the news of the places within it stays on their pages). */
export const tagsOfJurisdiction = (jurisdiction: { slug: string }): NewsTag[] => [{ kind: 'jurisdiction', value: jurisdiction.slug }];
