import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Db } from '../../db/client.js';
import type { VitalityThresholds } from '../../domain/vitality.js';
import { KizunaError } from '../../errors.js';
import { anniversariesOf, readAnniversaryQuery, yearsAnswered, type AnniversaryQueryProblem } from '../../services/anniversaries.js';
import { createJurisdiction, deleteJurisdiction, getJurisdiction, listJurisdictions, updateJurisdiction } from '../../services/jurisdictions.js';
import { today } from '../../services/registry.js';
import type { KizunaEnv } from '../session.js';
import { ErrorBody, LocalGovernmentSummary } from './schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const readErrors = { 404: json(ErrorBody, 'No such jurisdiction'), 422: json(ErrorBody, 'A choice names nothing; each problem names its field') };
const writeErrors = {
  ...readErrors,
  400: json(ErrorBody, 'Malformed request (e.g. the body is not JSON)'),
  401: json(ErrorBody, 'No valid API token or session'),
  403: json(ErrorBody, 'Only coordinators and administrators define jurisdictions'),
  409: json(ErrorBody, 'Another jurisdiction has the slug'),
};

const AnniversaryList = z
  .object({
    year: z.number().int(),
    results: z.array(
      z.object({
        relationshipId: z.number().int(),
        relationshipUrl: z.string(),
        localGovernment: LocalGovernmentSummary,
        partner: LocalGovernmentSummary,
        label: z.string(),
        signedOn: z.string().openapi({ example: '1996-04', description: 'As precisely as it is known: YYYY, YYYY-MM or YYYY-MM-DD' }),
        anniversary: z.object({
          years: z.number().int(),
          startsOn: z.string().openapi({ example: '2026-04-01' }),
          endsBefore: z.string().openapi({ example: '2026-05-01', description: 'The day after its last: a day, a month or a year after startsOn' }),
          precision: z.enum(['year', 'month', 'day']),
        }),
        vitality: z.string().nullable(),
      }),
    ),
  })
  .openapi('AnniversaryList');

const AnniversaryQuery = z.object({
  year: z.string().optional().openapi({ example: '2026', description: 'This year when left out' }),
  country: z.string().optional().openapi({ example: 'US', description: 'The partner’s country' }),
  region: z.string().optional().openapi({ example: 'CA', description: 'The partner’s first-level region by GeoNames’ code; with country' }),
  prefecture: z.string().optional().openapi({ example: '33', description: 'The Japanese side’s prefecture: its number, JIS code or name' }),
  jurisdiction: z.string().optional().openapi({ example: 'northern-and-central-california', description: 'A jurisdiction’s slug' }),
});

const Jurisdiction = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    url: z.string(),
    name: z.object({ en: z.string(), ja: z.string() }),
    description: z.object({ en: z.string(), ja: z.string() }),
    members: z.array(z.object({ code: z.string().openapi({ example: 'US-CA-085' }), kind: z.enum(['country', 'region', 'county', 'lg']), name: z.object({ en: z.string(), ja: z.string() }), url: z.string().nullable() })),
    updatedAt: z.string(),
  })
  .openapi('Jurisdiction');

/** The body as the API documents it; the service checks it and names every problem. */
const JurisdictionBody = z
  .object({
    nameEn: z.string().openapi({ example: 'Northern and Central California' }),
    nameJa: z.string().optional(),
    descriptionEn: z.string().optional(),
    descriptionJa: z.string().optional(),
    slug: z.string().optional().openapi({ description: 'Made from nameEn when left out' }),
    members: z.union([z.string(), z.array(z.string())]).openapi({ example: ['US-CA-085', 'US-CA-081', 'lg:195711'], description: 'US, US-CA, US-CA-085 or lg:ID, as a list or one per line' }),
  })
  .partial()
  .openapi('JurisdictionInput');

const SlugParam = z.object({ slug: z.string().openapi({ param: { name: 'slug', in: 'path' }, example: 'northern-and-central-california' }) });

/** Refuses the query's problems with 422, each naming its field, in English. */
function refuse(problems: AnniversaryQueryProblem[]): void {
  if (problems.length === 0) return;
  const { min, max } = yearsAnswered(Number(today().slice(0, 4)));
  const message = (problem: AnniversaryQueryProblem) =>
    problem.code === 'year' ? `write a year from ${min} to ${max}` : problem.code === 'regionWithoutCountry' ? 'give the country too' : `there is no ${problem.field} “${problem.value}”`;
  throw new KizunaError('validation_failed', problems.map((problem) => `${problem.field}: ${message(problem)}`).join('; '), problems.map((problem) => ({ field: problem.field, message: message(problem) })));
}

/** The anniversaries and the jurisdictions in the API: reading for everyone, writing for coordinators and administrators. */
export function registerAnniversaryApi(api: OpenAPIHono<KizunaEnv>, db: Db, vitality: VitalityThresholds): void {
  const bearer = [{ bearerAuth: [] }];
  api.openapi(
    createRoute({
      method: 'get',
      path: '/anniversaries',
      summary: 'The relationships with an anniversary in a year',
      description: 'Relationships of Japan’s LGs in force with a recorded date that turn 1, 3, 5, 10 … 30, 40 … years old in the year, each from its Japanese side, as precisely as the signing is known.',
      tags: ['Anniversaries'],
      request: { query: AnniversaryQuery },
      responses: { 200: json(AnniversaryList, 'The year’s anniversaries, in the order they fall'), ...readErrors },
    }),
    async (c) => {
      const read = await readAnniversaryQuery(db, c.req.valid('query'), Number(today().slice(0, 4)));
      refuse(read.problems);
      const lines = await anniversariesOf(db, read.year, read.filter, { today: today(), thresholds: vitality });
      return c.json(
        {
          year: read.year,
          results: lines.map((line) => ({
            relationshipId: line.relationshipId,
            relationshipUrl: line.relationshipUrl,
            localGovernment: line.localGovernment,
            partner: line.partner,
            label: line.label,
            signedOn: line.signedOn!,
            anniversary: line.anniversary,
            vitality: line.vitality,
          })),
        },
        200,
      );
    },
  );
  api.openapi(
    createRoute({ method: 'get', path: '/jurisdictions', summary: 'Every jurisdiction', tags: ['Jurisdictions'], responses: { 200: json(z.object({ results: z.array(Jurisdiction) }), 'By English name') } }),
    async (c) => c.json({ results: await listJurisdictions(db) }, 200),
  );
  api.openapi(
    createRoute({ method: 'get', path: '/jurisdictions/{slug}', summary: 'A jurisdiction and its places', tags: ['Jurisdictions'], request: { params: SlugParam }, responses: { 200: json(Jurisdiction, 'The jurisdiction'), ...readErrors } }),
    async (c) => c.json(await getJurisdiction(db, c.req.valid('param').slug), 200),
  );
  const body = { content: { 'application/json': { schema: JurisdictionBody } }, required: true };
  api.openapi(
    createRoute({ method: 'post', path: '/jurisdictions', summary: 'Define a jurisdiction', tags: ['Jurisdictions'], security: bearer, request: { body }, responses: { 201: json(Jurisdiction, 'Defined'), ...writeErrors } }),
    async (c) => c.json(await createJurisdiction(db, c.get('actor'), c.req.valid('json')), 201),
  );
  api.openapi(
    createRoute({
      method: 'put',
      path: '/jurisdictions/{slug}',
      summary: 'Change a jurisdiction, its places replaced whole',
      tags: ['Jurisdictions'],
      security: bearer,
      request: { params: SlugParam, body },
      responses: { 200: json(Jurisdiction, 'Changed'), ...writeErrors },
    }),
    async (c) => c.json(await updateJurisdiction(db, c.get('actor'), c.req.valid('param').slug, c.req.valid('json')), 200),
  );
  api.openapi(
    createRoute({ method: 'delete', path: '/jurisdictions/{slug}', summary: 'Delete a jurisdiction', tags: ['Jurisdictions'], security: bearer, request: { params: SlugParam }, responses: { 204: { description: 'Deleted' }, ...writeErrors } }),
    async (c) => {
      await deleteJurisdiction(db, c.get('actor'), c.req.valid('param').slug);
      return c.body(null, 204);
    },
  );
}
