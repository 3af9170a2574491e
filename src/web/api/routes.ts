import { createRoute, OpenAPIHono, type z } from '@hono/zod-openapi';
import { registerAnniversaryApi } from './anniversaries.js';
import type { Db } from '../../db/client.js';
import { authorize } from '../../domain/authorization.js';
import type { KizunaEnv } from '../session.js';
import { KizunaError, problemsFromZod } from '../../errors.js';
import { ExchangeInput, RelationshipCreateInput, RelationshipEndInput, RelationshipUpdateInput, RenewalInput } from '../../services/inputs.js';
import { deleteExchange, listExchanges, recordExchange, updateExchange } from '../../services/exchanges.js';
import { recordRenewal } from '../../services/terms.js';
import { DEFAULT_VITALITY_THRESHOLDS, type VitalityThresholds } from '../../domain/vitality.js';
import {
  createRelationship,
  endRelationship,
  getLocalGovernment,
  getRelationship,
  listLocalGovernments,
  listRelationships,
  today,
  updateRelationship,
} from '../../services/registry.js';
import { getListing, publishedListings } from '../../services/listings.js';
import { matchCandidates } from '../../services/matching.js';
import { matchReport } from '../../i18n/matchReasons.js';
import { searchLocalGovernments } from '../../services/search.js';
import { japanStatistics } from '../../services/stats.js';
import { strategyOverview } from '../../services/strategy.js';
import { registerCommendationApi } from './commendations.js';
import { registerNewsApi } from './news.js';
import {
  ErrorBody,
  Exchange,
  ExchangeIdParams,
  ExchangeList,
  IdParam,
  Listing,
  ListingListQuery,
  ListingListResponse,
  LocalGovernmentDetail,
  LocalGovernmentListQuery,
  LocalGovernmentSummary,
  MatchQuery,
  MatchResponse,
  Page,
  weightsOf,
  Relationship,
  RelationshipListQuery,
  SearchQuery,
  SearchResponse,
  Statistics,
  StatisticsQuery,
  Strategy,
  StrategyQuery,
} from './schemas.js';

export interface ApiOptions {
  db: Db;
  /** The spans that make a relationship active or quiet (settings); the defaults unless given. */
  vitality?: VitalityThresholds | undefined;
}

export const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
export const errors = {
  400: json(ErrorBody, 'Malformed request (e.g. the body is not JSON)'),
  404: json(ErrorBody, 'No such thing'),
  422: json(ErrorBody, 'The input breaks a rule; each problem names its field'),
};
export const writeErrors = {
  ...errors,
  401: json(ErrorBody, 'No valid API token or session'),
  403: json(ErrorBody, 'The account may not change this'),
  409: json(ErrorBody, 'Conflicts with what is stored (a duplicate, or ended already)'),
  413: json(ErrorBody, 'The body is over 1 MB'),
};
export const bearer = [{ bearerAuth: [] }];

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
export function createApi({ db, vitality = DEFAULT_VITALITY_THRESHOLDS }: ApiOptions): OpenAPIHono<KizunaEnv> {
  const life = () => ({ today: today(), thresholds: vitality });
  const api = new OpenAPIHono<KizunaEnv>({
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
    description: 'An API token of an account, made on its account page: "Authorization: Bearer kz_…". What it may change follows the account\'s role.',
  });

  // Who is asking is known before the body is read, so that no one learns the rules without an account.
  api.use('*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') authorize(c.get('actor'), { do: 'account.self' });
    await next();
  });

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
    async (c) => c.json(await getLocalGovernment(db, c.req.valid('param').id, life()), 200),
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
      return c.json(await listRelationships(db, { ...query, localGovernmentId: lg }, life()), 200);
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
    async (c) => c.json(await getRelationship(db, c.req.valid('param').id, life()), 200),
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
      return c.json(await createRelationship(db, c.req.valid('json'), c.get('actor')), 201);
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
      return c.json(await updateRelationship(db, c.req.valid('param').id, c.req.valid('json'), c.get('actor')), 200);
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
      return c.json(await endRelationship(db, c.req.valid('param').id, c.req.valid('json'), c.get('actor')), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/relationships/{id}/exchanges',
      summary: 'The exchange log of a relationship',
      description: 'Every recorded exchange of the relationship, the latest first.',
      tags: ['Exchanges'],
      request: { params: IdParam },
      responses: { 200: json(ExchangeList, 'The exchanges, latest first'), 404: errors[404], 422: errors[422] },
    }),
    async (c) => c.json({ results: await listExchanges(db, c.req.valid('param').id) }, 200),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/relationships/{id}/exchanges',
      summary: 'Record an exchange',
      description:
        'By an officer of either party or a coordinator. Refused with 422 naming the field: a day before the signing, after the relationship ended or in the future; a period ending before it starts; negative participants; an unknown kind or direction; a visit without the visiting party (one of the two), or a visiting party for another direction; no description in either language.',
      tags: ['Exchanges'],
      security: bearer,
      request: { params: IdParam, body: { content: { 'application/json': { schema: ExchangeInput } }, required: true } },
      responses: { 201: json(Exchange, 'Recorded'), ...writeErrors },
    }),
    async (c) => c.json(await recordExchange(db, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/relationships/{id}/exchanges/{exchangeId}',
      summary: 'Correct an exchange',
      description:
        'The exchange given whole, as when it is recorded, by the same people and under the same rules (422 naming the field). It keeps who recorded it; the audit log keeps the change.',
      tags: ['Exchanges'],
      security: bearer,
      request: { params: ExchangeIdParams, body: { content: { 'application/json': { schema: ExchangeInput } }, required: true } },
      responses: { 200: json(Exchange, 'Corrected'), ...writeErrors },
    }),
    async (c) => {
      const { id, exchangeId } = c.req.valid('param');
      return c.json(await updateExchange(db, c.get('actor'), id, exchangeId, c.req.valid('json')), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/relationships/{id}/exchanges/{exchangeId}',
      summary: 'Delete an exchange recorded by mistake',
      tags: ['Exchanges'],
      security: bearer,
      request: { params: ExchangeIdParams },
      responses: { 204: { description: 'Deleted' }, ...writeErrors },
    }),
    async (c) => {
      const { id, exchangeId } = c.req.valid('param');
      await deleteExchange(db, c.get('actor'), id, exchangeId);
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/relationships/{id}/renewals',
      summary: 'Record a renewal of a fixed term',
      description:
        'By an officer of either party or a coordinator: the day the renewal was agreed and the new end, which becomes fixedTermEnd. Refused with 422: a new end not after the end of the term it renews, a renewal in the future, before the signing or before the last renewal; with 409: a relationship without a fixed term, or ended.',
      tags: ['Relationships'],
      security: bearer,
      request: { params: IdParam, body: { content: { 'application/json': { schema: RenewalInput } }, required: true } },
      responses: { 201: json(Relationship, 'Renewed: the relationship with its renewals'), ...writeErrors },
    }),
    async (c) => c.json(await recordRenewal(db, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/stats',
      summary: "Statistics of Japan's relationships",
      description:
        'Relationships in force on a day (today unless asOf is given). Domestic relationships are counted apart and left out of every international figure. A relationship without a recorded date of signing counts only from the day its record was made, so it is never counted in the past; the figures say how many such there are, and which sources they rest on. Figures published elsewhere (CLAIR’s counts) come each with the register’s own for the same day.',
      tags: ['Statistics'],
      request: { query: StatisticsQuery },
      responses: {
        200: json(Statistics, 'Totals, change in the month, by partner country, by Japanese kind with coverage, by prefecture, by label, growth per year, sources, and published figures beside the register’s'),
        422: errors[422],
      },
    }),
    async (c) => c.json(await japanStatistics(db, c.req.valid('query').asOf, vitality), 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/strategy',
      summary: 'Where Japan’s ties are missing, thin or only on paper',
      description:
        'The strategy’s figures from the relationships in force on a day (today unless asOf is given): Japanese LGs without a partner abroad by kind and prefecture, and each of them; each prefecture’s partners at its own level (states, provinces, regions); great cities abroad without a Japanese partner (filtered by country or continent); countries set against their population and their ties elsewhere; relationships in name only (not available while no exchange log exists); and the spread of partners per LG against a target range (default 4 to 8). An unknown country code is answered with 404.',
      tags: ['Statistics'],
      request: { query: StrategyQuery },
      responses: { 200: json(Strategy, 'The strategy’s figures'), 404: errors[404], 422: errors[422] },
    }),
    async (c) => {
      const query = c.req.valid('query');
      return c.json(
        await strategyOverview(db, { asOf: query.asOf, target: { min: query.targetMin ?? 4, max: query.targetMax ?? 8 }, country: query.country, continent: query.continent, vitality }),
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/listings',
      summary: 'Local governments looking for a partner',
      description:
        'The published listings of one direction, by local government name. Every filter given must hold; an unknown filter value is refused with 422 naming the field.',
      tags: ['Listings'],
      request: { query: ListingListQuery },
      responses: { 200: json(ListingListResponse, 'The published listings that pass the filters'), 422: errors[422] },
    }),
    async (c) => {
      const { q, ...filters } = c.req.valid('query');
      return c.json({ results: await publishedListings(db, { ...filters, words: q }) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/listings/{id}',
      summary: 'One listing',
      description: 'A published listing; with the API token of its officer or of a coordinator, also a draft, one awaiting moderation or a closed one.',
      tags: ['Listings'],
      request: { params: IdParam },
      responses: { 200: json(Listing, 'The listing'), 404: errors[404], 422: errors[422] },
    }),
    async (c) => c.json(await getListing(db, c.get('actor'), c.req.valid('param').id), 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/match',
      summary: 'Partner candidates for a local government',
      description:
        'Candidates ranked by a score from 0 to 100 whose parts say why, in English or Japanese: what the two listings want of each other, the regions asked for, population (by ratio), shared themes and words of the listings, latitude and seasons, names, the network of existing ties, and whether the candidate has a partner in the seeker’s country yet. Each w_ parameter changes one weight (0 to 10).',
      tags: ['Matchmaking'],
      request: { query: MatchQuery },
      responses: { 200: json(MatchResponse, 'The best candidates, best first'), 404: errors[404], 422: errors[422] },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const result = await matchCandidates(db, c.get('actor'), query.lg, { weights: weightsOf(query), limit: query.limit ?? 20 });
      return c.json(matchReport(query.lang ?? 'en', result), 200);
    },
  );

  registerCommendationApi(api, db);
  registerNewsApi(api, db);
  api.doc31('/openapi.json', API_DOCUMENT);
  registerAnniversaryApi(api, db, vitality);
  return api;
}
