import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ErrorBody } from '../../../test/client.js';
import { createTestAccount, OPERATOR } from '../../../test/accounts.js';
import { openTestDatabase } from '../../../test/database.js';
import { queryRows, type Database } from '../../db/client.js';
import { ListingInput } from '../../services/inputs.js';
import { createListing, type Listing } from '../../services/listings.js';
import { createApp } from '../app.js';

let database: Database;
const app = () => createApp({ db: database.db });

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
});
afterAll(() => database.close());

async function get<T>(path: string, token?: string): Promise<{ status: number; body: T }> {
  const response = await app().request(path, token ? { headers: { authorization: `Bearer ${token}` } } : undefined);
  return { status: response.status, body: (await response.json()) as T };
}

const names = (listings: Listing[]) => listings.map((listing) => listing.localGovernment.name.en);
const fields = (body: unknown) => (body as ErrorBody).error.problems.map((problem) => problem.field);

describe('GET /api/listings', () => {
  it('gives the three published Japanese listings with their facts', async () => {
    const { status, body } = await get<{ results: Listing[] }>('/api/listings?direction=from-japan');
    expect(status).toBe(200);
    expect(names(body.results)).toEqual(['Ibara City', 'Nagi Town', 'Ujitawara Town']);
    const ibara = body.results[0]!;
    expect(ibara).toMatchObject({
      direction: 'from-japan',
      status: 'published',
      population: 39_019,
      populationAsOf: { date: '2021-06-01', precision: 'month' },
      areaKm2: 243.54,
      desiredRegions: ['language:eng'],
      prefecture: { name: { ja: '岡山県' } },
      url: `/listings/${ibara.id}`,
    });
    expect(ibara.localGovernment.jisCode).toBe('332071');
    expect(body.results.map((listing) => listing.areaKm2)).toEqual([243.54, 69.52, 58.16]);
  });

  it('gives no listing from abroad yet', async () => {
    const { status, body } = await get<{ results: Listing[] }>('/api/listings?direction=to-japan');
    expect(status).toBe(200);
    expect(body.results).toEqual([]);
  });

  it.each([
    ['region=continent%3AOC', ['Ibara City', 'Nagi Town', 'Ujitawara Town']],
    ['region=country%3ACA', ['Ibara City', 'Ujitawara Town']],
    ['band=under-10k', ['Nagi Town', 'Ujitawara Town']],
    ['field=economy_trade', ['Ibara City']],
    ['kind=town&q=tea', ['Ujitawara Town']],
    ['q=denim', ['Ibara City']],
    [`q=${encodeURIComponent("' or 1=1 --")}&band=over-1m`, []],
  ])('filters by %s', async (query, expected) => {
    const { status, body } = await get<{ results: Listing[] }>(`/api/listings?direction=from-japan&${query}`);
    expect(status).toBe(200);
    expect(names(body.results)).toEqual(expected);
  });

  it.each([
    ['', 'direction'],
    ['direction=japan', 'direction'],
    ['direction=from-japan&region=country%3AXX', 'region'],
    ['direction=from-japan&region=NZ', 'region'],
    ['direction=from-japan&kind=castle', 'kind'],
    ['direction=from-japan&band=huge', 'band'],
    ['direction=from-japan&field=magic', 'field'],
    [`direction=from-japan&q=${'a'.repeat(201)}`, 'q'],
  ])('refuses "%s" with 422 naming %s', async (query, field) => {
    const { status, body } = await get<ErrorBody>(`/api/listings?${query}`);
    expect(status).toBe(422);
    expect(body.error.id).toBe('validation_failed');
    expect(fields(body)).toEqual([field]);
  });

  it('is in the OpenAPI document under Listings', async () => {
    const { body } = await get<{ paths: Record<string, { get: { tags: string[] } }>; components: { schemas: Record<string, unknown> } }>('/api/openapi.json');
    expect(body.paths['/listings']!.get.tags).toEqual(['Listings']);
    expect(body.paths['/listings/{id}']!.get.tags).toEqual(['Listings']);
    expect(body.components.schemas).toHaveProperty('Listing');
    const docs = await (await app().request('/api/docs')).text();
    expect(docs).toContain('<code>GET /api/listings</code>');
    expect(docs).toContain('<code>GET /api/listings/{id}</code>');
  });
});

describe('GET /api/listings/{id}', () => {
  it('gives a published listing to anyone', async () => {
    const { body: list } = await get<{ results: Listing[] }>('/api/listings?direction=from-japan');
    const nagi = list.results.find((listing) => listing.localGovernment.name.en === 'Nagi Town')!;
    const { status, body } = await get<Listing>(`/api/listings/${nagi.id}`);
    expect(status).toBe(200);
    expect(body).toEqual(nagi);
  });

  it('gives a draft only to an account that may see it', async () => {
    const [lg, other] = await queryRows<{ id: number }>(database.db, sql`select id from local_governments where country = 'AU' order by id limit 2`);
    const draft = await createListing(database.db, OPERATOR, Number(lg!.id), ListingInput.parse({ population: 5000 }));
    expect((await get<ErrorBody>(`/api/listings/${draft.id}`)).status).toBe(404);

    const stranger = await createTestAccount(database.db, 'officer', [Number(other!.id)]);
    expect((await get<ErrorBody>(`/api/listings/${draft.id}`, stranger.token)).status).toBe(404);

    const officer = await createTestAccount(database.db, 'officer', [Number(lg!.id)]);
    const own = await get<Listing>(`/api/listings/${draft.id}`, officer.token);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ status: 'draft', direction: 'to-japan', population: 5000 });

    const coordinator = await createTestAccount(database.db, 'coordinator');
    expect((await get<Listing>(`/api/listings/${draft.id}`, coordinator.token)).status).toBe(200);
    // Drafts are never listed, whoever asks.
    expect((await get<{ results: Listing[] }>('/api/listings?direction=to-japan', coordinator.token)).body.results).toEqual([]);
  });

  it.each(['999999999', 'abc'])('answers /api/listings/%s with an error', async (id) => {
    const { status } = await get<ErrorBody>(`/api/listings/${id}`);
    expect([404, 422]).toContain(status);
  });
});
