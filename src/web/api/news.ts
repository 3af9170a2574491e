import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Db } from '../../db/client.js';
import { NEWS_TAG_KINDS, parseTag } from '../../domain/news.js';
import { deleteNews, getNewsItem, listNews, publishNews, updateNews } from '../../services/news.js';
import { NewsInput } from '../../services/newsInputs.js';
import type { KizunaEnv } from '../session.js';
import { bearer, errors, json, writeErrors } from './routes.js';
import { IdParam, LocalGovernmentSummary } from './schemas.js';

const inTwoLanguages = z.object({ en: z.string(), ja: z.string() });

export const NewsItem = z
  .object({
    id: z.number().int(),
    url: z.string().openapi({ example: '/news/1' }),
    title: inTwoLanguages,
    body: inTwoLanguages,
    tags: z.array(
      z.object({
        kind: z.enum(NEWS_TAG_KINDS),
        value: z.string().openapi({ description: 'The country code, or the id of the local government or relationship' }),
        url: z.string(),
        localGovernment: LocalGovernmentSummary.optional(),
        parties: z.tuple([LocalGovernmentSummary, LocalGovernmentSummary]).optional(),
      }),
    ),
    publishedAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('NewsItem');

const NewsQuery = z.object({
  tag: z
    .string()
    .transform((text, context) => {
      const tag = parseTag(text);
      if (typeof tag === 'string') {
        context.addIssue({ code: 'custom', message: tag });
        return z.NEVER;
      }
      return tag;
    })
    .optional()
    .openapi({ description: 'Only the news of a tag: country:US, lg:1123, relationship:45', example: 'country:US' }),
  limit: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200').optional(),
});

/** The news's routes of the API: everyone reads, coordinators and administrators write. */
export function registerNewsApi(api: OpenAPIHono<KizunaEnv>, db: Db): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/news',
      summary: 'News',
      description: 'News items, the latest first (50 unless limit is given), all or of one tag.',
      tags: ['News'],
      request: { query: NewsQuery },
      responses: { 200: json(z.object({ results: z.array(NewsItem) }).openapi('NewsList'), 'The news, latest first'), 422: errors[422] },
    }),
    async (c) => {
      const query = c.req.valid('query');
      return c.json({ results: await listNews(db, { tags: query.tag ? [query.tag] : undefined, limit: query.limit ?? 50 }) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/news/{id}',
      summary: 'One news item',
      tags: ['News'],
      request: { params: IdParam },
      responses: { 200: json(NewsItem, 'The news item'), 404: errors[404], 422: errors[422] },
    }),
    async (c) => c.json(await getNewsItem(db, c.req.valid('param').id), 200),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/news',
      summary: 'Publish a news item',
      description:
        'By a coordinator or an administrator; published at once. Refused with 422 naming the field: no title and text in either language, a language with a title but no text (or the other way round), a tag not written kind:value, of an unknown kind, or naming a country, local government or relationship that does not exist.',
      tags: ['News'],
      security: bearer,
      request: { body: { content: { 'application/json': { schema: NewsInput } }, required: true } },
      responses: { 201: json(NewsItem, 'Published'), ...writeErrors },
    }),
    async (c) => c.json(await publishNews(db, c.get('actor'), c.req.valid('json')), 201),
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/news/{id}',
      summary: 'Correct a news item',
      description: 'Its text and tags as they should read; it keeps the moment it was published.',
      tags: ['News'],
      security: bearer,
      request: { params: IdParam, body: { content: { 'application/json': { schema: NewsInput } }, required: true } },
      responses: { 200: json(NewsItem, 'Corrected'), ...writeErrors },
    }),
    async (c) => c.json(await updateNews(db, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/news/{id}',
      summary: 'Delete a news item',
      tags: ['News'],
      security: bearer,
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...writeErrors },
    }),
    async (c) => {
      await deleteNews(db, c.get('actor'), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
}
