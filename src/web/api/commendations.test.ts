import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCaller, type ErrorBody } from '../../../test/client.js';
import { createTestAccount, OPERATOR, type TestAccount } from '../../../test/accounts.js';
import { openTestDatabase } from '../../../test/database.js';
import { queryRows, type Database } from '../../db/client.js';
import type { Commendation } from '../../services/commendations.js';
import { recordExchange } from '../../services/exchanges.js';
import { createRelationship, type Relationship } from '../../services/registry.js';
import { createApp } from '../app.js';

let database: Database;
let coordinator: TestAccount;
let administrator: TestAccount;
let officer: TestAccount;
let japanese: number[];
let abroad: number[];
let relationship: Relationship;
let otherRelationship: Relationship;
let exchangeId: number;
let otherExchangeId: number;
const THIS_YEAR = new Date().getUTCFullYear();

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  japanese = (await queryRows<{ id: number }>(database.db, sql`select id from local_governments where country = 'JP' and kind = 'city' order by jis_code limit 4`)).map((row) => row.id);
  abroad = (await queryRows<{ id: number }>(database.db, sql`select id from local_governments where country = 'US' and kind <> 'state' order by id limit 4`)).map((row) => row.id);
  coordinator = await createTestAccount(database.db, 'coordinator');
  administrator = await createTestAccount(database.db, 'administrator');
  officer = await createTestAccount(database.db, 'officer', [japanese[0]!]);
  relationship = await createRelationship(database.db, { localGovernmentIds: [japanese[0]!, abroad[0]!], label: 'sister city', signedOn: '1990-04-01' } as never, OPERATOR);
  otherRelationship = await createRelationship(database.db, { localGovernmentIds: [japanese[1]!, abroad[1]!], label: 'sister city', signedOn: '1991-04-01' } as never, OPERATOR);
  const exchange = { endedOn: null, kind: 'student_youth', direction: 'mutual', visitorId: null, participants: 20, description: { en: 'A summer school.', ja: '' }, links: [] } as const;
  exchangeId = (await recordExchange(database.db, OPERATOR, relationship.id, { ...exchange, startedOn: '2019-08-01', links: [] })).id;
  otherExchangeId = (await recordExchange(database.db, OPERATOR, otherRelationship.id, { ...exchange, startedOn: '2019-08-01', links: [] })).id;
});
afterAll(() => database.close());

const app = () => createApp({ db: database.db, cacheBytes: 0 });

const call = apiCaller(app, () => coordinator.token);

const aCommendation = (extra: Record<string, unknown> = {}) => ({
  award: 'international-exchange',
  year: 2020,
  localGovernmentId: japanese[0],
  category: { en: 'Sister-city exchange', ja: '姉妹都市交流' },
  citation: { en: 'Thirty years of pupils’ exchanges with its partner.', ja: '' },
  relationshipIds: [relationship.id],
  exchangeIds: [exchangeId],
  ...extra,
});

async function auditCount(): Promise<number> {
  const [row] = await queryRows<{ count: number }>(database.db, sql`select count(*)::int as count from audit_log where entity = 'commendation'`);
  return row!.count;
}

const commendationCount = async () => (await call<{ results: Commendation[] }>('/api/commendations', { token: null })).body.results.length;

describe('POST /api/commendations', () => {
  it('records a commendation by a coordinator and by an administrator, audited, linked to its relationship and exchange', async () => {
    const audits = await auditCount();
    const first = await call<Commendation>('/api/commendations', { method: 'POST', body: aCommendation() });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({
      award: 'international-exchange',
      year: 2020,
      localGovernment: { id: japanese[0] },
      category: { en: 'Sister-city exchange', ja: '姉妹都市交流' },
      relationships: [{ id: relationship.id }],
      exchanges: [{ id: exchangeId, relationshipId: relationship.id }],
      url: `/commendations/international-exchange/2020#commendation-${first.body.id}`,
    });
    const second = await call<Commendation>('/api/commendations', {
      method: 'POST',
      body: aCommendation({ localGovernmentId: null, organisation: { en: 'A friendship association', ja: '' }, relationshipIds: [], exchangeIds: [] }),
      token: administrator.token,
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body.localGovernment).toBeNull();
    expect(await auditCount()).toBe(audits + 2);
    const [audit] = await queryRows<{ actor: string; action: string }>(database.db, sql`select actor, action from audit_log where entity = 'commendation' and entity_id = ${first.body.id}`);
    expect(audit).toEqual({ actor: coordinator.email, action: 'create' });
  });

  it('lists them for everyone, filtered by award, year and local government, and gives one by its id', async () => {
    const recorded = await call<Commendation>('/api/commendations', { method: 'POST', body: aCommendation({ year: 2018, localGovernmentId: japanese[1], relationshipIds: [otherRelationship.id], exchangeIds: [otherExchangeId] }) });
    expect(recorded.status).toBe(201);
    const byYear = await call<{ results: Commendation[] }>('/api/commendations?year=2018', { token: null });
    expect(byYear.body.results.map((commendation) => commendation.id)).toEqual([recorded.body.id]);
    const byLg = await call<{ results: Commendation[] }>(`/api/commendations?lg=${japanese[1]}&award=international-exchange`, { token: null });
    expect(byLg.body.results.map((commendation) => commendation.id)).toEqual([recorded.body.id]);
    expect((await call<Commendation>(`/api/commendations/${recorded.body.id}`, { token: null })).body.citation.en).toMatch(/Thirty years/);
    expect((await call<ErrorBody>('/api/commendations/999999999', { token: null })).status).toBe(404);
    const badQuery = await call<ErrorBody>('/api/commendations?award=nobel', { token: null });
    expect(badQuery.status).toBe(422);
    expect(badQuery.body.error.problems[0]!.field).toBe('award');
  });

  it('refuses the public (401) and an officer (403), saving nothing', async () => {
    const [before, audits] = [await commendationCount(), await auditCount()];
    expect((await call('/api/commendations', { method: 'POST', body: aCommendation({ year: 2001 }), token: null })).status).toBe(401);
    const forbidden = await call<ErrorBody>('/api/commendations', { method: 'POST', body: aCommendation({ year: 2001 }), token: officer.token });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toMatch(/Only coordinators and administrators/);
    expect(await commendationCount()).toBe(before);
    expect(await auditCount()).toBe(audits);
  });

  const BAD: [string, () => Record<string, unknown>, string, RegExp][] = [
    ['a year to come', () => ({ year: THIS_YEAR + 1 }), 'year', /must not be after this year/],
    ['a year before 1950', () => ({ year: 1949 }), 'year', /must not be before 1950/],
    ['a year that is not whole', () => ({ year: 2020.5 }), 'year', /whole number/],
    ['an unknown award', () => ({ award: 'nobel-peace' }), 'award', /must be one of international-exchange/],
    ['no recipient', () => ({ localGovernmentId: null, relationshipIds: [], exchangeIds: [] }), 'localGovernmentId', /name the local government commended, or the organisation/],
    ['both a local government and an organisation', () => ({ organisation: { en: 'An association', ja: '' } }), 'organisation', /not both/],
    ['no citation', () => ({ citation: { en: ' ', ja: '' } }), 'citation', /English, Japanese or both/],
    ['a local government that does not exist', () => ({ localGovernmentId: 2_000_000_000, relationshipIds: [], exchangeIds: [] }), 'localGovernmentId', /does not exist/],
    ['a relationship of another local government', () => ({ relationshipIds: [otherRelationship.id], exchangeIds: [] }), 'relationshipIds[0]', /not one of the commended local government's/],
    ['a relationship that does not exist', () => ({ relationshipIds: [999_999_999], exchangeIds: [] }), 'relationshipIds[0]', /does not exist/],
    ['an exchange of a relationship not linked', () => ({ exchangeIds: [otherExchangeId] }), 'exchangeIds[0]', /link that relationship too/],
    ['a field it does not know', () => ({ prize: 'gold' }), '(body)', /unknown field prize/],
  ];
  it.each(BAD)('refuses %s with 422 naming the field, saving nothing', async (_name, change, field, message) => {
    const [before, audits] = [await commendationCount(), await auditCount()];
    const refused = await call<ErrorBody>('/api/commendations', { method: 'POST', body: aCommendation({ year: 2005, ...change() }) });
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    const problem = refused.body.error.problems.find((candidate) => candidate.field === field);
    expect(problem, JSON.stringify(refused.body.error.problems)).toBeDefined();
    expect(problem!.message).toMatch(message);
    expect(await commendationCount()).toBe(before);
    expect(await auditCount()).toBe(audits);
  });

  it('refuses the same award, year, recipient and category twice with 409', async () => {
    const body = aCommendation({ year: 2010 });
    expect((await call('/api/commendations', { method: 'POST', body })).status).toBe(201);
    const again = await call<ErrorBody>('/api/commendations', { method: 'POST', body });
    expect(again.status).toBe(409);
    expect(again.body.error.problems[0]).toMatchObject({ field: 'year' });
  });
});

describe('PUT and DELETE /api/commendations/{id}', () => {
  it('corrects and deletes by coordinators and administrators, refusing the public and officers, each change audited', async () => {
    const recorded = (await call<Commendation>('/api/commendations', { method: 'POST', body: aCommendation({ year: 2012 }) })).body;
    const path = `/api/commendations/${recorded.id}`;
    const audits = await auditCount();
    expect((await call(path, { method: 'PUT', body: aCommendation({ year: 2013 }), token: null })).status).toBe(401);
    expect((await call(path, { method: 'PUT', body: aCommendation({ year: 2013 }), token: officer.token })).status).toBe(403);
    expect((await call(path, { method: 'DELETE', token: officer.token })).status).toBe(403);
    expect(await auditCount()).toBe(audits);
    const corrected = await call<Commendation>(path, { method: 'PUT', body: aCommendation({ year: 2013, exchangeIds: [] }), token: administrator.token });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ year: 2013, exchanges: [] });
    const bad = await call<ErrorBody>(path, { method: 'PUT', body: aCommendation({ year: 2013, citation: { en: '', ja: '' } }) });
    expect(bad.status).toBe(422);
    expect((await call<ErrorBody>('/api/commendations/999999999', { method: 'PUT', body: aCommendation() })).status).toBe(404);
    expect((await call(path, { method: 'DELETE' })).status).toBe(204);
    expect((await call(path, { token: null })).status).toBe(404);
    expect((await call(path, { method: 'DELETE' })).status).toBe(404);
    const actions = await queryRows<{ action: string }>(database.db, sql`select action from audit_log where entity = 'commendation' and entity_id = ${recorded.id} order by id`);
    expect(actions.map((row) => row.action)).toEqual(['create', 'update', 'delete']);
  });
});
