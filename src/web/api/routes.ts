import { createRoute, OpenAPIHono, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { KizunaError, type FieldProblem } from '../../errors.js';
import { RelationshipCreateInput, RelationshipEndInput, RelationshipUpdateInput } from '../../services/inputs.js';
import {
  createRelationship,
  endRelationship,
  getLocalGovernment,
  getRelationship,
  listLocalGovernments,
  listRelationships,
  updateRelationship,
} from '../../services/registry.js';
import { searchLocalGovernments } from '../../services/search.js';
import { japanStatistics } from '../../services/stats.js';
import {
  ErrorBody,
  IdParam,
  LocalGovernmentDetail,
  LocalGovernmentListQuery,
  LocalGovernmentSummary,
  Page,
  Relationship,
  RelationshipListQuery,
  SearchQuery,
  SearchResponse,
  Statistics,
  StatisticsQuery,
} from './schemas.js';

export interface ApiOptions {
  db: Db;
  /** The bearer token that writes need; writes are refused when none is set. */
  adminToken: string | undefined;
}

/** Turns zod's issues into Kizuna's field problems: "signedOn: write the date as …". */
export function problemsFromZod(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => {
    const field = issue.path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`)).join('');
    const message =
      issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}` : issue.message;
    return { field: field || '(body)', message };
  });
}

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const errors = {
  400: json(ErrorBody, 'Malformed request (e.g. the body is not JSON)'),
  404: json(ErrorBody, 'No such thing'),
  422: json(ErrorBody, 'The input breaks a rule; each problem names its field'),
};
const writeErrors = {
  ...errors,
  401: json(ErrorBody, 'No valid bearer token'),
  409: json(ErrorBody, 'Conflicts with what is stored (a duplicate, or ended already)'),
  413: json(ErrorBody, 'The body is over 1 MB'),
};
const bearer = [{ bearerAuth: [] }];

function tokensMatch(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Who the audit log names for a write made with the admin token (accounts come later). */
const ADMIN_ACTOR = 'admin-token';

/** The top of the OpenAPI document. */
export const API_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'Kizuna API',
    version: '0.1.0',
    description: 'The registry of sister-city relationships: local governments, relationships, search and statistics.',
  },
  servers: [{ url: '/api' }],
};

/** The JSON API under /api, with its OpenAPI 3.1 document at /api/openapi.json. */
export function createApi({ db, adminToken }: ApiOptions): OpenAPIHono {
  const api = new OpenAPIHono({
    defaultHook: (result) => {
      if (!result.success) {
        const problems = problemsFromZod(result.error);
        throw new KizunaError('validation_failed', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
      }
    },
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'The server\'s KIZUNA_ADMIN_TOKEN',
  });

  // The token is checked before the body is read, so that no one learns the rules without it.
  for (const path of ['/relationships', '/relationships/*']) {
    api.use(path, async (c, next) => {
      if (c.req.method !== 'GET') requireAdmin(c);
      await next();
    });
  }

  function requireAdmin(c: Context): void {
    if (!adminToken) {
      throw new KizunaError('unauthorized', 'This server accepts no writes: start it with KIZUNA_ADMIN_TOKEN set.');
    }
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match || !tokensMatch(match[1]!.trim(), adminToken)) {
      throw new KizunaError('unauthorized', 'Writes need the header "Authorization: Bearer <KIZUNA_ADMIN_TOKEN>".');
    }
  }

  api.openapi(
    createRoute({
      method: 'get',
      path: '/search',
      summary: 'Find local governments by name',
      description: 'Kanji, kana, romaji with or without macrons or suffix, foreign names with or without diacritics, small typos.',
      tags: ['Local governments'],
      request: { query: SearchQuery },
      responses: { 200: json(SearchResponse, 'Best match first'), 422: errors[422] },
    }),
    async (c) => {
      const query = c.req.valid('query');
      return c.json({ results: await searchLocalGovernments(db, query) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/local-governments',
      summary: 'List local governments',
      tags: ['Local governments'],
      request: { query: LocalGovernmentListQuery },
      responses: { 200: json(Page(LocalGovernmentSummary, 'LocalGovernmentPage'), 'A page of local governments'), 422: errors[422] },
    }),
    async (c) => {
      const { parent, ...query } = c.req.valid('query');
      return c.json(await listLocalGovernments(db, { ...query, parentId: parent }), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/local-governments/{id}',
      summary: 'One local government with its relationships',
      tags: ['Local governments'],
      request: { params: IdParam },
      responses: { 200: json(LocalGovernmentDetail, 'The local government'), 404: errors[404], 422: errors[422] },
    }),
    async (c) => c.json(await getLocalGovernment(db, c.req.valid('param').id), 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/relationships',
      summary: 'List relationships',
      tags: ['Relationships'],
      request: { query: RelationshipListQuery },
      responses: { 200: json(Page(Relationship, 'RelationshipPage'), 'A page of relationships, newest first'), 422: errors[422] },
    }),
    async (c) => {
      const { lg, ...query } = c.req.valid('query');
      return c.json(await listRelationships(db, { ...query, localGovernmentId: lg }), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/relationships/{id}',
      summary: 'One relationship',
      tags: ['Relationships'],
      request: { params: IdParam },
      responses: { 200: json(Relationship, 'The relationship'), 404: errors[404], 422: errors[422] },
    }),
    async (c) => c.json(await getRelationship(db, c.req.valid('param').id), 200),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/relationships',
      summary: 'Create a relationship',
      tags: ['Relationships'],
      security: bearer,
      request: { body: { content: { 'application/json': { schema: RelationshipCreateInput } }, required: true } },
      responses: { 201: json(Relationship, 'Created'), ...writeErrors },
    }),
    async (c) => {
      return c.json(await createRelationship(db, c.req.valid('json'), ADMIN_ACTOR), 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/relationships/{id}',
      summary: 'Change a relationship',
      tags: ['Relationships'],
      security: bearer,
      request: { params: IdParam, body: { content: { 'application/json': { schema: RelationshipUpdateInput } }, required: true } },
      responses: { 200: json(Relationship, 'Changed'), ...writeErrors },
    }),
    async (c) => {
      return c.json(await updateRelationship(db, c.req.valid('param').id, c.req.valid('json'), ADMIN_ACTOR), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/relationships/{id}/end',
      summary: 'End a relationship',
      tags: ['Relationships'],
      security: bearer,
      request: { params: IdParam, body: { content: { 'application/json': { schema: RelationshipEndInput } }, required: true } },
      responses: { 200: json(Relationship, 'Ended'), ...writeErrors },
    }),
    async (c) => {
      return c.json(await endRelationship(db, c.req.valid('param').id, c.req.valid('json'), ADMIN_ACTOR), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/stats',
      summary: "Statistics of Japan's relationships",
      description:
        'Relationships in force on a day (today unless asOf is given). Domestic relationships are counted apart and left out of every international figure; relationships without a recorded date are counted at every date.',
      tags: ['Statistics'],
      request: { query: StatisticsQuery },
      responses: { 200: json(Statistics, 'Totals, by partner country, by Japanese kind with coverage, by prefecture, by label, growth per year'), 422: errors[422] },
    }),
    async (c) => c.json(await japanStatistics(db, c.req.valid('query').asOf), 200),
  );

  api.doc31('/openapi.json', API_DOCUMENT);
  return api;
}
