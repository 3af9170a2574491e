import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCaller } from '../../../test/client.js';
import { createTestAccount, OPERATOR, type TestAccount } from '../../../test/accounts.js';
import { openTestDatabase } from '../../../test/database.js';
import { queryRows, type Database } from '../../db/client.js';
import { createRelationship } from '../../services/registry.js';
import { createApp } from '../app.js';

let database: Database;
let coordinator: TestAccount;
let administrator: TestAccount;
let officer: TestAccount;

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  const [okayama] = await queryRows<{ id: number }>(database.db, sql`select id from local_governments where jis_code = '330001'`);
  const [sanJose] = await queryRows<{ id: number }>(database.db, sql`select id from local_governments where country = 'US' and admin1 = 'CA' and admin2 = '085' order by population desc nulls last limit 1`);
  await createRelationship(database.db, { localGovernmentIds: [okayama!.id, sanJose!.id], label: 'sister state', signedOn: '2001-04' } as never, OPERATOR);
  coordinator = await createTestAccount(database.db, 'coordinator');
  administrator = await createTestAccount(database.db, 'administrator');
  officer = await createTestAccount(database.db, 'officer', [okayama!.id]);
});
afterAll(() => database.close());

const call = apiCaller(() => createApp({ db: database.db, cacheBytes: 0 }));
type Problems = { error: { id: string; problems: { field: string; message: string }[] } };
const slugs = async () => (await call<{ results: { slug: string }[] }>('/api/jurisdictions')).body.results.map((jurisdiction) => jurisdiction.slug);
const BAY = { nameEn: 'Bay Area', members: ['US-CA-085', 'US-CA-081'] };

describe('the jurisdictions in the API', () => {
  it('refuses writes from the public (401) and officers (403), saving nothing', async () => {
    expect((await call('/api/jurisdictions', { method: 'POST', body: BAY, token: null })).status).toBe(401);
    const refused = await call<Problems>('/api/jurisdictions', { method: 'POST', body: BAY, token: officer.token });
    expect(refused.status).toBe(403);
    expect(refused.body.error.id).toBe('forbidden');
    expect(await slugs()).toEqual([]);
  });

  it('lets a coordinator define one and an administrator change and delete it', async () => {
    const created = await call<{ slug: string; members: { code: string; name: { en: string } }[] }>('/api/jurisdictions', { method: 'POST', body: BAY, token: coordinator.token });
    expect(created.status).toBe(201);
    expect(created.body.slug).toBe('bay-area');
    expect(created.body.members.map((member) => member.name.en)).toEqual(['Santa Clara County, California, United States', 'San Mateo County, California, United States']);
    expect((await call('/api/jurisdictions/bay-area', { method: 'PUT', body: { ...BAY, nameJa: 'ベイエリア', members: 'US-CA' }, token: officer.token })).status).toBe(403);
    const changed = await call<{ name: { ja: string }; members: { code: string }[] }>('/api/jurisdictions/bay-area', { method: 'PUT', body: { ...BAY, nameJa: 'ベイエリア', members: 'US-CA' }, token: administrator.token });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: { ja: 'ベイエリア' }, members: [{ code: 'US-CA' }] });
    const year = (await call<{ year: number; results: { anniversary: { years: number } }[] }>('/api/anniversaries?year=2026&jurisdiction=bay-area')).body;
    expect(year.results.map((line) => line.anniversary)).toEqual([{ years: 25, startsOn: '2026-04-01', endsBefore: '2026-05-01', precision: 'month' }]);
    expect((await call('/api/jurisdictions/bay-area', { method: 'DELETE', token: officer.token })).status).toBe(403);
    expect((await call('/api/jurisdictions/bay-area', { method: 'DELETE', token: administrator.token })).status).toBe(204);
    expect((await call('/api/jurisdictions/bay-area')).status).toBe(404);
  });

  it('names each problem of a body by its field, with 409 for a slug taken', async () => {
    const wrong = await call<Problems>('/api/jurisdictions', { method: 'POST', body: { slug: 'Bad Slug!', members: ['US-CA', 'US-CA-085', 'lg:x'] }, token: coordinator.token });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.problems).toEqual([
      { field: 'nameEn', message: 'Give the jurisdiction a name in English.' },
      { field: 'slug', message: 'Write the address in lower-case letters, digits and hyphens, such as northern-california.' },
      { field: 'members', message: 'Line 3: “lg:x” is no place code. Write US, US-CA, US-CA-085 or lg:123.' },
      { field: 'members', message: 'Line 2: “US-CA-085” lies within US-CA, named already.' },
    ]);
    expect((await call('/api/jurisdictions', { method: 'POST', body: BAY, token: coordinator.token })).status).toBe(201);
    const taken = await call<Problems>('/api/jurisdictions', { method: 'POST', body: BAY, token: coordinator.token });
    expect(taken.status).toBe(409);
    expect(taken.body.error.problems[0]!.field).toBe('slug');
    expect(await slugs()).toEqual(['bay-area']);
  });
});

describe('the anniversaries in the API', () => {
  it('lists a year’s and refuses choices that name nothing, by field', async () => {
    const found = await call<{ year: number; results: { signedOn: string; label: string }[] }>('/api/anniversaries?year=2026&country=US&region=CA');
    expect(found.body).toMatchObject({ year: 2026, results: [{ signedOn: '2001-04', label: 'sister state' }] });
    const wrong = await call<Problems>('/api/anniversaries?year=12&country=ZZ&prefecture=99');
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.problems.map((problem) => problem.field)).toEqual(['year', 'country', 'prefecture']);
  });
});
