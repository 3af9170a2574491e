import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Db } from '../../db/client.js';
import { COMMENDATION_AWARDS } from '../../domain/commendations.js';
import { deleteCommendation, getCommendation, listCommendations, recordCommendation, updateCommendation } from '../../services/commendations.js';
import { CommendationInput } from '../../services/newsInputs.js';
import type { KizunaEnv } from '../session.js';
import { bearer, errors, json, writeErrors } from './routes.js';
import { IdParam, LocalGovernmentSummary } from './schemas.js';

const inTwoLanguages = z.object({ en: z.string(), ja: z.string() });

export const Commendation = z
  .object({
    id: z.number().int(),
    url: z.string().openapi({ example: '/commendations/international-exchange/2023#commendation-1' }),
    award: z.enum(COMMENDATION_AWARDS).openapi({ description: 'international-exchange: the International Exchange Commendation (Minister for Internal Affairs and Communications Award)' }),
    year: z.number().int(),
    localGovernment: LocalGovernmentSummary.nullable().openapi({ description: 'The local government commended; null when an organisation was' }),
    organisation: inTwoLanguages,
    category: inTwoLanguages,
    citation: inTwoLanguages,
    relationships: z.array(z.object({ id: z.number().int(), url: z.string(), parties: z.tuple([LocalGovernmentSummary, LocalGovernmentSummary]) })),
    exchanges: z.array(z.object({ id: z.number().int(), relationshipId: z.number().int(), url: z.string(), startedOn: z.string(), kind: z.string(), description: inTwoLanguages })),
    updatedAt: z.string(),
  })
  .openapi('Commendation');

const CommendationQuery = z.object({
  award: z.enum(COMMENDATION_AWARDS, { error: `must be one of ${COMMENDATION_AWARDS.join(', ')}` }).optional(),
  year: z.coerce.number({ error: 'must be a year' }).int('must be a year').min(1900).max(9999).optional(),
  lg: z.coerce.number({ error: 'must be the id of a local government' }).int().positive().max(2_147_483_647).optional(),
});

/** The commendations' routes of the API: everyone reads, coordinators and administrators write. */
export function registerCommendationApi(api: OpenAPIHono<KizunaEnv>, db: Db): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/commendations',
      summary: 'Commendations',
      description: 'Awards recorded in the register, latest year first; filtered by award, year and local government.',
      tags: ['Commendations'],
      request: { query: CommendationQuery },
      responses: { 200: json(z.object({ results: z.array(Commendation) }).openapi('CommendationList'), 'The commendations'), 422: errors[422] },
    }),
    async (c) => {
      const query = c.req.valid('query');
      return c.json({ results: await listCommendations(db, { award: query.award, year: query.year, localGovernmentId: query.lg }) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/commendations/{id}',
      summary: 'One commendation',
      tags: ['Commendations'],
      request: { params: IdParam },
      responses: { 200: json(Commendation, 'The commendation'), 404: errors[404], 422: errors[422] },
    }),
    async (c) => c.json(await getCommendation(db, c.req.valid('param').id), 200),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/commendations',
      summary: 'Record a commendation',
      description:
        'By a coordinator or an administrator. Refused with 422 naming the field: a year before 1950 or after this one; no recipient, or both a local government and an organisation; no citation in either language; a relationship that is not the commended local government’s; an exchange of a relationship not linked; a local government, relationship or exchange that does not exist. With 409: the same award, year, recipient and category recorded already.',
      tags: ['Commendations'],
      security: bearer,
      request: { body: { content: { 'application/json': { schema: CommendationInput } }, required: true } },
      responses: { 201: json(Commendation, 'Recorded'), ...writeErrors },
    }),
    async (c) => c.json(await recordCommendation(db, c.get('actor'), c.req.valid('json')), 201),
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/commendations/{id}',
      summary: 'Correct a commendation',
      description: 'The whole commendation as it should read, with the same rules as recording one.',
      tags: ['Commendations'],
      security: bearer,
      request: { params: IdParam, body: { content: { 'application/json': { schema: CommendationInput } }, required: true } },
      responses: { 200: json(Commendation, 'Corrected'), ...writeErrors },
    }),
    async (c) => c.json(await updateCommendation(db, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/commendations/{id}',
      summary: 'Delete a commendation recorded by mistake',
      tags: ['Commendations'],
      security: bearer,
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...writeErrors },
    }),
    async (c) => {
      await deleteCommendation(db, c.get('actor'), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
}
