import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ErrorBody } from '../../../test/client.js';
import { openTestDatabase } from '../../../test/database.js';
import { queryRows, type Database } from '../../db/client.js';
import type { LocalGovernmentSummary } from '../../services/presenters.js';
import { today, type LocalGovernmentDetail, type Relationship } from '../../services/registry.js';
import type { SearchResult } from '../../services/search.js';
import type { JapanStatistics } from '../../services/stats.js';
import { createApp } from '../app.js';
import { createTestAccount } from '../../../test/accounts.js';
import { listApiTokens, revokeApiToken } from '../../services/accounts.js';

let database: Database;
/** A coordinator's API token: coordinators may change every relationship. */
let TOKEN: string;
let coordinatorEmail: string;
beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  const coordinator = await createTestAccount(database.db, 'coordinator');
  TOKEN = coordinator.token;
  coordinatorEmail = coordinator.email;
});
afterAll(() => database.close());

const app = () => createApp({ db: database.db });

interface PageOf<T> {
  total: number;
  results: T[];
}

async function get<T>(path: string): Promise<{ status: number; body: T; response: Response }> {
  const response = await app().request(path);
  return { status: response.status, body: (await response.json()) as T, response };
}

interface WriteOptions {
  token?: string | null;
  method?: string;
  raw?: string;
  headers?: Record<string, string>;
}

/** A write with the coordinator's token unless told otherwise; `raw` sends the body text as it is. */
async function write<T = Relationship>(path: string, body: unknown, options: WriteOptions = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  const token = options.token === undefined ? TOKEN : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const response = await app().request(path, {
    method: options.method ?? 'POST',
    headers,
    body: options.raw ?? JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as T, response };
}

const create = (body: Record<string, unknown>, options?: WriteOptions) => write('/api/relationships', body, options);
const patch = (id: number | string, body: Record<string, unknown>, options?: WriteOptions) =>
  write(`/api/relationships/${id}`, body, { method: 'PATCH', ...options });
const end = (id: number | string, body: Record<string, unknown>, options?: WriteOptions) => write(`/api/relationships/${id}/end`, body, options);

/** Creates a relationship that must succeed. */
async function created(body: Record<string, unknown>): Promise<Relationship> {
  const { status, body: relationship } = await create(body);
  expect(status, JSON.stringify(relationship)).toBe(201);
  return relationship;
}

/** The fields named by an error answer. */
const fields = (body: unknown) => (body as ErrorBody).error.problems.map((problem) => problem.field);

/** How many relationships a local government has, as the API lists them. */
async function relationshipCount(lgId: number): Promise<number> {
  const { status, body } = await get<PageOf<Relationship>>(`/api/relationships?lg=${lgId}&limit=500`);
  expect(status).toBe(200);
  return body.total;
}

async function auditRows(entityId: number) {
  return queryRows<{ actor: string; action: string; before: Relationship | null; after: Relationship | null }>(
    database.db,
    sql`select actor, action, before, after from audit_log where entity = 'relationship' and entity_id = ${entityId} order by id`,
  );
}

/** A Japanese local government by name and JIS code, found through the search API. */
async function japanese(name: string, jisCode: string): Promise<number> {
  const { status, body } = await get<{ results: SearchResult[] }>(`/api/search?q=${encodeURIComponent(name)}&country=JP&limit=10`);
  expect(status).toBe(200);
  const found = body.results.find((lg) => lg.jisCode === jisCode);
  expect(found, `${name} ${jisCode}`).toBeDefined();
  return found!.id;
}

const nextYear = Number(today().slice(0, 4)) + 1;
// The registry's days are Japan's: after 15:00 UTC, UTC's tomorrow is Japan's today.
const tomorrow = new Date(Date.parse(today()) + 86_400_000).toISOString().slice(0, 10);

const ids = { ibara: 0, nagasaki: 0, saintPaul: 0, okayamaPrefecture: 0, okayamaCity: 0, kurashiki: 0, glasgow: 0 };

beforeAll(async () => {
  ids.ibara = await japanese('Ibara', '332071');
  ids.nagasaki = await japanese('Nagasaki', '422011');
  ids.okayamaPrefecture = await japanese('Okayama', '330001');
  ids.okayamaCity = await japanese('Okayama', '331007');
  ids.kurashiki = await japanese('Kurashiki', '332020');

  const saintPauls = await get<{ results: SearchResult[] }>('/api/search?q=Saint+Paul&country=US&limit=20');
  for (const candidate of saintPauls.body.results) {
    const detail = await get<LocalGovernmentDetail>(`/api/local-governments/${candidate.id}`);
    if (detail.body.region?.en === 'Minnesota' && detail.body.name.en === 'Saint Paul') {
      ids.saintPaul = candidate.id;
      break;
    }
  }
  expect(ids.saintPaul, 'Saint Paul, Minnesota').toBeGreaterThan(0);

  const glasgow = await get<{ results: SearchResult[] }>('/api/search?q=Glasgow&country=GB&limit=1');
  ids.glasgow = glasgow.body.results[0]!.id;
});

describe('GET /api/search', () => {
  it('finds Ibara City first for "ibara", with the promised fields', async () => {
    const { status, body } = await get<{ results: SearchResult[] }>('/api/search?q=ibara');
    expect(status).toBe(200);
    const top = body.results[0]!;
    expect(Object.keys(top).sort()).toEqual(['country', 'designatedCity', 'geonamesId', 'id', 'jisCode', 'kind', 'match', 'name', 'population', 'region', 'url'].sort());
    expect(top).toMatchObject({
      id: ids.ibara,
      url: `/lg/${ids.ibara}-ibara-city`,
      name: { en: 'Ibara City', ja: '井原市' },
      kind: 'city',
      country: 'JP',
      jisCode: '332071',
      geonamesId: 1862034,
    });
    expect(top.population).toBeGreaterThan(0);
    expect(typeof top.match).toBe('number');
    expect(top.match).toBeGreaterThanOrEqual(body.results[1]!.match);
  });

  it('narrows by country, also given in lower case', async () => {
    const { status, body } = await get<{ results: SearchResult[] }>('/api/search?q=Glasgow&country=us&limit=20');
    expect(status).toBe(200);
    expect(body.results.length).toBeGreaterThan(1);
    expect(body.results.every((lg) => lg.country === 'US')).toBe(true);
  });

  it('narrows by kind', async () => {
    const { status, body } = await get<{ results: SearchResult[] }>('/api/search?q=Okayama&kind=prefecture');
    expect(status).toBe(200);
    expect(body.results[0]?.jisCode).toBe('330001');
    expect(body.results.every((lg) => lg.kind === 'prefecture')).toBe(true);
    const none = await get<{ results: SearchResult[] }>('/api/search?q=Okayama&kind=no_such_kind');
    expect(none.body.results).toEqual([]);
  });

  it('answers at most limit results', async () => {
    const { status, body } = await get<{ results: SearchResult[] }>('/api/search?q=Glasgow&limit=2');
    expect(status).toBe(200);
    expect(body.results).toHaveLength(2);
    const one = await get<{ results: SearchResult[] }>('/api/search?q=Glasgow&limit=1');
    expect(one.body.results).toHaveLength(1);
    expect(one.body.results[0]!.id).toBe(body.results[0]!.id);
  });

  it('accepts a query of exactly 200 characters', async () => {
    const { status } = await get(`/api/search?q=${'a'.repeat(200)}`);
    expect(status).toBe(200);
  });

  it.each([
    ['a missing q', '/api/search', 'q'],
    ['an empty q', '/api/search?q=', 'q'],
    ['a q of only punctuation', '/api/search?q=%25', 'q'],
    ['a q over 200 characters', `/api/search?q=${'a'.repeat(201)}`, 'q'],
    ['limit 0', '/api/search?q=ibara&limit=0', 'limit'],
    ['limit 101', '/api/search?q=ibara&limit=101', 'limit'],
    ['limit "abc"', '/api/search?q=ibara&limit=abc', 'limit'],
    ['limit 2.5', '/api/search?q=ibara&limit=2.5', 'limit'],
    ['country "JPN"', '/api/search?q=ibara&country=JPN', 'country'],
  ])('refuses %s with 422 naming the parameter', async (_, path, field) => {
    const { status, body } = await get<ErrorBody>(path);
    expect(status).toBe(422);
    expect(body.error.id).toBe('validation_failed');
    expect(fields(body)).toContain(field);
  });
});

describe('GET /api/local-governments', () => {
  it('lists the 47 prefectures of Japan', async () => {
    const { status, body } = await get<PageOf<LocalGovernmentSummary>>('/api/local-governments?country=JP&kind=prefecture&limit=100');
    expect(status).toBe(200);
    expect(body.total).toBe(47);
    expect(body.results).toHaveLength(47);
    expect(body.results.every((lg) => lg.kind === 'prefecture' && lg.country === 'JP')).toBe(true);
    expect(body.results[0]).toMatchObject({ jisCode: '010006', name: { ja: '北海道' } });
  });

  it('lists the municipalities of a parent', async () => {
    const { status, body } = await get<PageOf<LocalGovernmentSummary>>(`/api/local-governments?parent=${ids.okayamaPrefecture}&limit=100`);
    expect(status).toBe(200);
    expect(body.total).toBe(27);
    expect(body.results.map((lg) => lg.jisCode)).toContain('332071');
    expect(body.results.every((lg) => lg.jisCode?.startsWith('33'))).toBe(true);
  });

  it('pages with page and limit, keeping the total', async () => {
    const first = await get<PageOf<LocalGovernmentSummary>>('/api/local-governments?country=JP&kind=prefecture&limit=10&page=1');
    const second = await get<PageOf<LocalGovernmentSummary>>('/api/local-governments?country=JP&kind=prefecture&limit=10&page=2');
    const last = await get<PageOf<LocalGovernmentSummary>>('/api/local-governments?country=JP&kind=prefecture&limit=10&page=5');
    expect(first.body.results).toHaveLength(10);
    expect(second.body.results).toHaveLength(10);
    expect(last.body.results).toHaveLength(7);
    expect(second.body.total).toBe(47);
    const firstIds = new Set(first.body.results.map((lg) => lg.id));
    expect(second.body.results.some((lg) => firstIds.has(lg.id))).toBe(false);
  });

  it.each([
    ['country "J"', '/api/local-governments?country=J', 'country'],
    ['page 0', '/api/local-governments?page=0', 'page'],
    ['limit 501', '/api/local-governments?limit=501', 'limit'],
    ['parent "abc"', '/api/local-governments?parent=abc', 'parent'],
  ])('refuses %s with 422', async (_, path, field) => {
    const { status, body } = await get<ErrorBody>(path);
    expect(status).toBe(422);
    expect(fields(body)).toContain(field);
  });

  it('refuses a parent id too large to exist rather than failing (422, not 500)', async () => {
    const { status, body } = await get<ErrorBody>('/api/local-governments?parent=3000000000');
    expect(status).toBe(422);
    expect(fields(body)).toContain('parent');
  });
});

describe('GET /api/local-governments/{id}', () => {
  it('answers Ibara City with its parent Okayama Prefecture and its relationships', async () => {
    const { status, body } = await get<LocalGovernmentDetail>(`/api/local-governments/${ids.ibara}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: ids.ibara,
      name: { en: 'Ibara City', ja: '井原市' },
      nameLocal: '井原市',
      kind: 'city',
      country: 'JP',
      jisCode: '332071',
      parent: { id: ids.okayamaPrefecture, url: `/lg/${ids.okayamaPrefecture}-okayama-prefecture`, jisCode: '330001', name: { en: 'Okayama Prefecture', ja: '岡山県' }, kind: 'prefecture' },
    });
    expect(Array.isArray(body.relationships)).toBe(true);
  });

  it('lists a relationship of the local government once it is created', async () => {
    const before = (await get<LocalGovernmentDetail>(`/api/local-governments/${ids.kurashiki}`)).body.relationships.length;
    const relationship = await created({ localGovernmentIds: [ids.kurashiki, ids.glasgow], label: 'detail test' });
    const after = (await get<LocalGovernmentDetail>(`/api/local-governments/${ids.kurashiki}`)).body.relationships;
    expect(after).toHaveLength(before + 1);
    expect(after.map((r) => r.id)).toContain(relationship.id);
  });

  it('answers 404 for an unknown id', async () => {
    const { status, body } = await get<ErrorBody>('/api/local-governments/999999999');
    expect(status).toBe(404);
    expect(body.error.id).toBe('not_found');
  });

  it.each(['abc', '12x', '1234567890'])('answers 422 for the id %s', async (id) => {
    const { status, body } = await get<ErrorBody>(`/api/local-governments/${id}`);
    expect(status).toBe(422);
    expect(fields(body)).toEqual(['id']);
  });
});

describe('POST /api/relationships', () => {
  it('creates Nagasaki City – Saint Paul with a month-precise date and a normalised label', async () => {
    const { status, body } = await create({
      localGovernmentIds: [ids.nagasaki, ids.saintPaul],
      label: '  Sister   CITY ',
      labelOriginal: '姉妹都市',
      signedOn: '1955-12',
      fields: ['culture_arts', 'education_youth'],
      clair: { signedByLeaders: true, multipleFields: true, budgetApproved: true },
      source: 'test',
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      url: `/relationships/${body.id}`,
      label: 'sister city',
      labelOriginal: '姉妹都市',
      signedOn: '1955-12',
      signedPrecision: 'month',
      status: 'active',
      endedOn: null,
      domestic: false,
      source: 'test',
      fields: ['culture_arts', 'education_youth'],
      clair: { signedByLeaders: true, multipleFields: true, budgetApproved: true, meetsAll: true },
    });
    expect(body.parties.map((party) => party.id).sort((a, b) => a - b)).toEqual([ids.nagasaki, ids.saintPaul].sort((a, b) => a - b));
    expect(body.parties.find((party) => party.id === ids.saintPaul)).toMatchObject({ country: 'US', region: { en: 'Minnesota', ja: 'ミネソタ州' } });
    const stored = await get<Relationship>(`/api/relationships/${body.id}`);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ signedOn: '1955-12', signedPrecision: 'month', label: 'sister city' });
    const audit = await auditRows(body.id);
    expect(audit.map((row) => row.action)).toEqual(['create']);
    expect(audit[0]!.before).toBeNull();
  });

  it.each([
    ['1955', 'year'],
    ['1955-12-07', 'day'],
  ])('keeps the signing date %s at its precision (%s)', async (signedOn, precision) => {
    const body = await created({ localGovernmentIds: [ids.okayamaCity, ids.saintPaul], label: `precision ${precision}`, signedOn });
    expect(body.signedOn).toBe(signedOn);
    expect(body.signedPrecision).toBe(precision);
  });

  it('marks a relationship between two Japanese local governments as domestic', async () => {
    const body = await created({ localGovernmentIds: [ids.ibara, ids.kurashiki], label: 'friendship city' });
    expect(body.domestic).toBe(true);
  });

  it('accepts a fixed term that ends in the future, with renewals', async () => {
    const body = await created({
      localGovernmentIds: [ids.okayamaCity, ids.glasgow],
      signedOn: '2010-04-01',
      fixedTermEnd: `${nextYear + 2}-03-31`,
      renewals: [{ renewedOn: '2015-04-01', newEnd: `${nextYear + 2}-03-31` }],
    });
    expect(body.fixedTermEnd).toBe(`${nextYear + 2}-03-31`);
    // Given whole, the first renewal has no recorded end it extended; the caller recorded it.
    expect(body.renewals).toEqual([{ renewedOn: '2015-04-01', newEnd: `${nextYear + 2}-03-31`, previousEnd: null, recordedBy: expect.stringMatching(/^Test coordinator/) }]);
  });

  it('refuses a write without a token (401) and stores nothing', async () => {
    const before = await relationshipCount(ids.ibara);
    const { status, body } = await create({ localGovernmentIds: [ids.ibara, ids.glasgow] }, { token: null });
    expect(status).toBe(401);
    expect((body as unknown as ErrorBody).error.id).toBe('unauthorized');
    expect(await relationshipCount(ids.ibara)).toBe(before);
  });

  it.each([
    ['a wrong token', { authorization: 'Bearer wrong-token' }],
    ['a token with extra characters', { authorization: `Bearer ${TOKEN}x` }],
    ['another scheme', { authorization: `Basic ${TOKEN}` }],
    ['an empty bearer', { authorization: 'Bearer ' }],
  ])('refuses a write with %s (401)', async (_, headers) => {
    const before = await relationshipCount(ids.ibara);
    const { status, body } = await create({ localGovernmentIds: [ids.ibara, ids.glasgow] }, { token: null, headers });
    expect(status).toBe(401);
    expect((body as unknown as ErrorBody).error.id).toBe('unauthorized');
    expect(await relationshipCount(ids.ibara)).toBe(before);
  });

  it('checks the token before the body: an anonymous invalid write gets 401, not 422', async () => {
    const { status } = await create({ localGovernmentIds: [ids.ibara], colour: 'red' }, { token: null });
    expect(status).toBe(401);
  });

  it('refuses an unknown local government (422 localGovernmentIds) and stores nothing', async () => {
    const before = await relationshipCount(ids.ibara);
    const { status, body } = await create({ localGovernmentIds: [ids.ibara, 999_999_999] });
    expect(status).toBe(422);
    expect(fields(body)).toEqual(['localGovernmentIds']);
    expect(await relationshipCount(ids.ibara)).toBe(before);
  });

  it('rejects a relationship of an LG with itself', async () => {
    const before = await relationshipCount(ids.ibara);
    const { status, body } = await create({ localGovernmentIds: [ids.ibara, ids.ibara] });
    expect(status).toBe(422);
    expect(fields(body)).toContain('localGovernmentIds');
    expect(await relationshipCount(ids.ibara)).toBe(before);
  });

  it('refuses a local government id too large to exist with 422, not a server error', async () => {
    const before = await relationshipCount(ids.ibara);
    const { status, body } = await create({ localGovernmentIds: [ids.ibara, 3_000_000_000] });
    expect(await relationshipCount(ids.ibara)).toBe(before);
    expect(status).toBe(422);
    expect(fields(body)).toContain('localGovernmentIds[1]');
  });

  it('stores one relationship when the same one is sent twice at once (201 and 409)', async () => {
    const body = { localGovernmentIds: [ids.kurashiki, ids.okayamaPrefecture], label: 'simultaneous' };
    const answers = await Promise.all([create(body), create(body)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    const { body: list } = await get<PageOf<Relationship>>(`/api/relationships?lg=${ids.kurashiki}&limit=500`);
    expect(list.results.filter((r) => r.label === 'simultaneous')).toHaveLength(1);
  });

  it.each([[[]], [[1]], [[1, 2, 3]]])('refuses %j as localGovernmentIds (422)', async (localGovernmentIds) => {
    const { status, body } = await create({ localGovernmentIds });
    expect(status).toBe(422);
    expect(fields(body)).toContain('localGovernmentIds');
  });

  it('refuses a duplicate pair with the same label (409), in either order, and stores nothing', async () => {
    const first = await created({ localGovernmentIds: [ids.ibara, ids.saintPaul], label: 'Sister City', signedOn: '1990' });
    const before = await relationshipCount(ids.ibara);
    const same = await create({ localGovernmentIds: [ids.ibara, ids.saintPaul], label: 'sister city' });
    expect(same.status).toBe(409);
    expect((same.body as unknown as ErrorBody).error.id).toBe('conflict');
    expect(fields(same.body)).toEqual(['label']);
    expect((same.body as unknown as ErrorBody).error.message).toContain(`relationship ${first.id}`);
    const reversed = await create({ localGovernmentIds: [ids.saintPaul, ids.ibara], label: ' SISTER  city' });
    expect(reversed.status).toBe(409);
    expect(fields(reversed.body)).toEqual(['label']);
    expect(await relationshipCount(ids.ibara)).toBe(before);
  });

  it('allows the same pair with a different label (201)', async () => {
    await created({ localGovernmentIds: [ids.ibara, ids.glasgow], label: 'sister city' });
    const other = await created({ localGovernmentIds: [ids.glasgow, ids.ibara], label: 'friendship city' });
    expect(other.label).toBe('friendship city');
  });

  it.each([
    ['a date before 1900', { signedOn: '1899-12-31' }, 'signedOn'],
    ['a year before 1900', { signedOn: '1899' }, 'signedOn'],
    ['a signing in the future', { signedOn: tomorrow }, 'signedOn'],
    ['a signing next year', { signedOn: String(nextYear) }, 'signedOn'],
    ['an impossible date', { signedOn: '2001-02-30' }, 'signedOn'],
    ['month 13', { signedOn: '2001-13' }, 'signedOn'],
    ['a date in another format', { signedOn: '12/07/1955' }, 'signedOn'],
    ['a fixed term ending before the signing', { signedOn: '2000-05-01', fixedTermEnd: '2000-04-30' }, 'fixedTermEnd'],
    [
      'a renewal ending before it was made',
      { signedOn: '2000-05-01', renewals: [{ renewedOn: '2005-05-01', newEnd: '2005-04-30' }] },
      'renewals[0].newEnd',
    ],
    ['a renewal before the signing', { signedOn: '2000-05-01', renewals: [{ renewedOn: '1999-05-01', newEnd: '2005-04-30' }] }, 'renewals[0].renewedOn'],
    ['a renewal in the future', { signedOn: '2000-05-01', renewals: [{ renewedOn: tomorrow, newEnd: `${nextYear + 3}-01-01` }] }, 'renewals[0].renewedOn'],
    ['an unknown field', { colour: 'red' }, '(body)'],
    ['an unknown CLAIR condition', { clair: { signedByMayor: true } }, 'clair'],
    ['an unknown field of a renewal', { renewals: [{ renewedOn: '2005-05-01', newEnd: '2006-05-01', by: 'x' }] }, 'renewals[0]'],
    ['ids as strings', { localGovernmentIds: ['1', '2'] }, 'localGovernmentIds[0]'],
    ['a label that is a number', { label: 42 }, 'label'],
    ['verified as a string', { verified: 'yes' }, 'verified'],
    ['an unknown status', { status: 'married' }, 'status'],
    ['an unknown field of exchange', { fields: ['knitting'] }, 'fields[0]'],
    ['a javascript: agreement address', { agreementUrl: 'javascript:alert(1)' }, 'agreementUrl'],
    ['a label over 100 characters', { label: 'x'.repeat(101) }, 'label'],
  ])('refuses %s (422) and stores nothing', async (_, extra, field) => {
    const before = await relationshipCount(ids.ibara);
    const { status, body } = await create({ localGovernmentIds: [ids.ibara, ids.okayamaPrefecture], ...extra });
    expect(status).toBe(422);
    expect((body as unknown as ErrorBody).error.id).toBe('validation_failed');
    expect(fields(body)).toContain(field);
    expect(await relationshipCount(ids.ibara)).toBe(before);
  });

  it('names the unknown field in the problem message', async () => {
    const { body } = await create({ localGovernmentIds: [ids.ibara, ids.okayamaPrefecture], colour: 'red' });
    expect((body as unknown as ErrorBody).error.problems[0]!.message).toContain('colour');
  });

  it.each([
    ['an impossible fixed-term end', { fixedTermEnd: '2001-02-30' }, 'fixedTermEnd'],
    ['an impossible renewal date', { renewals: [{ renewedOn: '2001-02-30', newEnd: '2002-01-01' }] }, 'renewals[0].renewedOn'],
    ['an impossible renewal end', { renewals: [{ renewedOn: '2001-02-01', newEnd: '2002-02-30' }] }, 'renewals[0].newEnd'],
  ])('refuses %s with 422, not a server error, and stores nothing', async (_, extra, field) => {
    const before = await relationshipCount(ids.ibara);
    const { status, body } = await create({ localGovernmentIds: [ids.ibara, ids.okayamaPrefecture], label: 'impossible', ...extra });
    expect(await relationshipCount(ids.ibara)).toBe(before);
    expect(status).toBe(422);
    expect(fields(body)).toContain(field);
  });

  it('answers malformed JSON with 400 malformed_json', async () => {
    const before = await relationshipCount(ids.ibara);
    const { status, body } = await create({}, { raw: `{"localGovernmentIds": [${ids.ibara}, ${ids.glasgow}],` });
    expect(status).toBe(400);
    expect((body as unknown as ErrorBody).error.id).toBe('malformed_json');
    expect(await relationshipCount(ids.ibara)).toBe(before);
  });

  it('answers a body over 1 MB with 413', async () => {
    const before = await relationshipCount(ids.ibara);
    const { status, body } = await create({ localGovernmentIds: [ids.ibara, ids.glasgow], label: 'huge', notes: 'x'.repeat(1024 * 1024 + 10) });
    expect(status).toBe(413);
    expect((body as unknown as ErrorBody).error.id).toBe('payload_too_large');
    expect(await relationshipCount(ids.ibara)).toBe(before);
  });

  it('answers a body that is not declared as JSON with 415 Unsupported Media Type', async () => {
    const { status, body } = await create({}, {
      raw: JSON.stringify({ localGovernmentIds: [ids.ibara, ids.glasgow] }),
      headers: { 'content-type': 'text/plain' },
    });
    expect((body as unknown as ErrorBody).error.message).toMatch(/Content-Type: application\/json/);
    expect(status).toBe(415);
  });

  it('refuses the write of an officer of neither party (403) and stores nothing', async () => {
    const officer = await createTestAccount(database.db, 'officer', [ids.okayamaCity]);
    const before = await relationshipCount(ids.ibara);
    const { status, body } = await create({ localGovernmentIds: [ids.ibara, ids.glasgow], label: 'not mine' }, { token: officer.token });
    expect(status).toBe(403);
    expect((body as unknown as ErrorBody).error.message).toMatch(/only the relationships of their own local governments/);
    expect(await relationshipCount(ids.ibara)).toBe(before);
    const own = await create({ localGovernmentIds: [ids.okayamaCity, ids.glasgow], label: 'officer’s own' }, { token: officer.token });
    expect(own.status).toBe(201);
  });

  it('records an officer’s entry as not verified, and refuses an officer’s verified: true (403) without storing it', async () => {
    const officer = await createTestAccount(database.db, 'officer', [ids.okayamaCity]);
    const claimed = await create({ localGovernmentIds: [ids.okayamaCity, ids.saintPaul], label: 'claimed by one side' }, { token: officer.token });
    expect(claimed.status).toBe(201);
    expect(claimed.body).toMatchObject({ verified: false });
    for (const [path, words] of [[`/relationships/${claimed.body.id}`, 'entered by one side'], [`/ja/relationships/${claimed.body.id}`, '一方の自治体による登録']] as const) {
      expect(await (await app().request(path)).text()).toContain(words);
    }
    const before = await relationshipCount(ids.okayamaCity);
    const refused = await create({ localGovernmentIds: [ids.okayamaCity, ids.glasgow], label: 'self-verified', verified: true }, { token: officer.token });
    expect(refused.status).toBe(403);
    expect((refused.body as unknown as ErrorBody).error.message).toMatch(/Only a coordinator verifies a relationship/);
    expect(await relationshipCount(ids.okayamaCity)).toBe(before);
    const stillClaimed = await patch(claimed.body.id, { verified: true }, { token: officer.token });
    expect(stillClaimed.status).toBe(403);
    expect((await get<Relationship>(`/api/relationships/${claimed.body.id}`)).body.verified).toBe(false);
  });

  it('keeps a coordinator’s verification through their own changes, and an officer’s change of the facts makes it a claim again', async () => {
    const officer = await createTestAccount(database.db, 'officer', [ids.okayamaCity]);
    const claimed = await create({ localGovernmentIds: [ids.okayamaCity, ids.glasgow], label: 'checked later', signedOn: '1990' }, { token: officer.token });
    const verified = await patch(claimed.body.id, { verified: true });
    expect(verified.body).toMatchObject({ verified: true });
    expect((await patch(claimed.body.id, { notes: 'checked against the agreement' })).body).toMatchObject({ verified: true });
    // An officer sending back the value it has changes nothing.
    expect((await patch(claimed.body.id, { verified: true }, { token: officer.token })).status).toBe(200);
    const redated = await patch(claimed.body.id, { signedOn: '1991' }, { token: officer.token });
    expect(redated.status).toBe(200);
    expect(redated.body).toMatchObject({ signedOn: '1991', verified: false });
    expect((await patch(claimed.body.id, { verified: true })).body).toMatchObject({ verified: true });
    const ended = await end(claimed.body.id, { endedOn: '2020-01-01' }, { token: officer.token });
    expect(ended.body).toMatchObject({ status: 'ended', verified: false });
  });

  it('refuses a revoked token (401)', async () => {
    const coordinator = await createTestAccount(database.db, 'coordinator');
    const [token] = await listApiTokens(database.db, coordinator.actor);
    await revokeApiToken(database.db, coordinator.actor, token!.id);
    const { status, body } = await create({ localGovernmentIds: [ids.ibara, ids.glasgow], label: 'revoked' }, { token: coordinator.token });
    expect(status).toBe(401);
    expect((body as unknown as ErrorBody).error.message).toMatch(/unknown or revoked/);
  });
});

describe('PATCH /api/relationships/{id}', () => {
  it('changes label, status, notes and CLAIR conditions, and writes an audit row', async () => {
    const original = await created({ localGovernmentIds: [ids.kurashiki, ids.saintPaul], label: 'sister city', signedOn: '1970-06' });
    const { status, body } = await patch(original.id, {
      label: 'Friendship City',
      status: 'dormant',
      notes: 'quiet since 2010',
      clair: { signedByLeaders: true, budgetApproved: false },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: original.id,
      label: 'friendship city',
      status: 'dormant',
      notes: 'quiet since 2010',
      signedOn: '1970-06',
      signedPrecision: 'month',
      clair: { signedByLeaders: true, multipleFields: null, budgetApproved: false, meetsAll: false },
    });
    expect(Date.parse(body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(original.updatedAt));
    const stored = await get<Relationship>(`/api/relationships/${original.id}`);
    expect(stored.body).toMatchObject({ label: 'friendship city', status: 'dormant', notes: 'quiet since 2010' });

    const audit = await auditRows(original.id);
    expect(audit.map((row) => row.action)).toEqual(['create', 'update']);
    const update = audit[1]!;
    expect(update.actor).toBe(coordinatorEmail);
    expect(update.before).toMatchObject({ label: 'sister city', status: 'active', notes: null });
    expect(update.after).toMatchObject({ label: 'friendship city', status: 'dormant', notes: 'quiet since 2010' });
  });

  it('clears the signing date with null and sets a new one at its precision', async () => {
    const original = await created({ localGovernmentIds: [ids.kurashiki, ids.saintPaul], label: 'dates', signedOn: '1970-06-01' });
    const cleared = await patch(original.id, { signedOn: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ signedOn: null, signedPrecision: null });
    const set = await patch(original.id, { signedOn: '1971' });
    expect(set.body).toMatchObject({ signedOn: '1971', signedPrecision: 'year' });
  });

  it('answers 404 for an unknown id', async () => {
    const { status, body } = await patch(999_999_999, { notes: 'x' });
    expect(status).toBe(404);
    expect((body as unknown as ErrorBody).error.id).toBe('not_found');
  });

  it('answers 409 when the new label duplicates another relationship of the pair, changing nothing', async () => {
    const sister = await created({ localGovernmentIds: [ids.nagasaki, ids.glasgow], label: 'sister city' });
    const friendship = await created({ localGovernmentIds: [ids.glasgow, ids.nagasaki], label: 'friendship city' });
    const { status, body } = await patch(friendship.id, { label: 'Sister  City', notes: 'should not stay' });
    expect(status).toBe(409);
    expect(fields(body)).toEqual(['label']);
    expect((body as unknown as ErrorBody).error.message).toContain(`relationship ${sister.id}`);
    const stored = await get<Relationship>(`/api/relationships/${friendship.id}`);
    expect(stored.body).toMatchObject({ label: 'friendship city', notes: null });
    expect((await auditRows(friendship.id)).map((row) => row.action)).toEqual(['create']);
  });

  it('allows a relationship to keep its own label', async () => {
    const own = await created({ localGovernmentIds: [ids.okayamaPrefecture, ids.glasgow], label: 'sister state' });
    const { status, body } = await patch(own.id, { label: 'Sister State', verified: true });
    expect(status).toBe(200);
    expect(body).toMatchObject({ label: 'sister state', verified: true });
  });

  it.each([
    ['an impossible signing date', { signedOn: '2001-02-30' }, 'signedOn'],
    ['a signing before 1900', { signedOn: '1850' }, 'signedOn'],
    ['a signing in the future', { signedOn: tomorrow }, 'signedOn'],
    ['a fixed term ending before the signing', { fixedTermEnd: '1979-12-31' }, 'fixedTermEnd'],
    ['a renewal ending before it was made', { renewals: [{ renewedOn: '1990-01-01', newEnd: '1989-01-01' }] }, 'renewals[0].newEnd'],
    ['an unknown field', { localGovernmentIds: [1, 2] }, '(body)'],
    ['a wrong type', { notes: 5 }, 'notes'],
  ])('refuses %s (422), changing nothing', async (what, change, field) => {
    const original = await created({ localGovernmentIds: [ids.okayamaCity, ids.nagasaki], label: `patch: ${what}`, signedOn: '1980' });
    const { status, body } = await patch(original.id, change);
    expect(status).toBe(422);
    expect(fields(body)).toContain(field);
    const stored = await get<Relationship>(`/api/relationships/${original.id}`);
    expect(stored.body).toEqual(original);
  });

  it('refuses a signing date after the end of an ended relationship (422 endedOn)', async () => {
    const original = await created({ localGovernmentIds: [ids.okayamaCity, ids.nagasaki], label: 'ended then redated', signedOn: '1980' });
    expect((await end(original.id, { endedOn: '1990-01-01' })).status).toBe(200);
    const { status, body } = await patch(original.id, { signedOn: '1995' });
    expect(status).toBe(422);
    expect(fields(body)).toContain('endedOn');
  });

  it('refuses an impossible fixed-term end with 422, not a server error', async () => {
    const original = await created({ localGovernmentIds: [ids.okayamaCity, ids.nagasaki], label: 'impossible term', signedOn: '1980' });
    const { status, body } = await patch(original.id, { fixedTermEnd: '2030-02-30' });
    expect(status).toBe(422);
    expect(fields(body)).toContain('fixedTermEnd');
  });

  it('refuses a change without a token (401), changing nothing', async () => {
    const original = await created({ localGovernmentIds: [ids.okayamaCity, ids.nagasaki], label: 'anonymous patch' });
    const { status } = await patch(original.id, { notes: 'sneaky' }, { token: null });
    expect(status).toBe(401);
    expect((await get<Relationship>(`/api/relationships/${original.id}`)).body.notes).toBeNull();
  });

  it('answers 422 for a non-numeric id', async () => {
    const { status, body } = await patch('abc', { notes: 'x' });
    expect(status).toBe(422);
    expect(fields(body)).toEqual(['id']);
  });
});

describe('POST /api/relationships/{id}/end', () => {
  it('ends a relationship on a date and appends the notes', async () => {
    const original = await created({ localGovernmentIds: [ids.ibara, ids.nagasaki], label: 'to end', signedOn: '1975-04', notes: 'first note' });
    const { status, body } = await end(original.id, { endedOn: '2020-03-31', notes: 'merged' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: original.id, status: 'ended', endedOn: '2020-03-31', notes: 'first note\n\nmerged' });
    expect((await get<Relationship>(`/api/relationships/${original.id}`)).body).toMatchObject({ status: 'ended', endedOn: '2020-03-31' });
    const audit = await auditRows(original.id);
    expect(audit.map((row) => row.action)).toEqual(['create', 'end']);
    expect(audit[1]!.after).toMatchObject({ status: 'ended', endedOn: '2020-03-31' });
  });

  it('answers 409 when the relationship has ended already, keeping the first end', async () => {
    const original = await created({ localGovernmentIds: [ids.ibara, ids.nagasaki], label: 'ended twice', signedOn: '1975' });
    expect((await end(original.id, { endedOn: '2001-01-01' })).status).toBe(200);
    const { status, body } = await end(original.id, { endedOn: '2002-01-01' });
    expect(status).toBe(409);
    expect((body as unknown as ErrorBody).error.id).toBe('conflict');
    expect((await get<Relationship>(`/api/relationships/${original.id}`)).body.endedOn).toBe('2001-01-01');
  });

  it.each([
    ['before the signing', '1974-12-31'],
    ['in the future', tomorrow],
    ['before 1900', '1899-01-01'],
  ])('refuses an end %s (422 endedOn), leaving it active', async (_, endedOn) => {
    const original = await created({ localGovernmentIds: [ids.ibara, ids.nagasaki], label: `end ${endedOn}`, signedOn: '1975-01-01' });
    const { status, body } = await end(original.id, { endedOn });
    expect(status).toBe(422);
    expect(fields(body)).toEqual(['endedOn']);
    expect((await get<Relationship>(`/api/relationships/${original.id}`)).body).toMatchObject({ status: 'active', endedOn: null });
  });

  it.each([
    ['a date with no day', { endedOn: '2020-03' }, 'endedOn'],
    ['no date', {}, 'endedOn'],
    ['an unknown field', { endedOn: '2020-03-31', reason: 'x' }, '(body)'],
  ])('refuses %s (422)', async (what, body, field) => {
    const original = await created({ localGovernmentIds: [ids.ibara, ids.nagasaki], label: `end: ${what}` });
    const answer = await end(original.id, body);
    expect(answer.status).toBe(422);
    expect(fields(answer.body)).toContain(field);
  });

  it('refuses an impossible end date with 422, not a server error', async () => {
    const original = await created({ localGovernmentIds: [ids.ibara, ids.nagasaki], label: 'impossible end', signedOn: '1975' });
    const { status, body } = await end(original.id, { endedOn: '2001-02-30' });
    expect(status).toBe(422);
    expect(fields(body)).toEqual(['endedOn']);
    expect((await get<Relationship>(`/api/relationships/${original.id}`)).body.status).toBe('active');
  });

  it('answers 404 for an unknown relationship and 401 without a token', async () => {
    expect((await end(999_999_999, { endedOn: '2020-01-01' })).status).toBe(404);
    const original = await created({ localGovernmentIds: [ids.ibara, ids.nagasaki], label: 'anonymous end' });
    expect((await end(original.id, { endedOn: '2020-01-01' }, { token: null })).status).toBe(401);
    expect((await get<Relationship>(`/api/relationships/${original.id}`)).body.status).toBe('active');
  });
});

describe('GET /api/relationships', () => {
  it('lists the relationships of one local government, newest signing first', async () => {
    const older = await created({ localGovernmentIds: [ids.okayamaPrefecture, ids.saintPaul], label: 'list older', signedOn: '1960' });
    const newer = await created({ localGovernmentIds: [ids.okayamaPrefecture, ids.saintPaul], label: 'list newer', signedOn: '1999-09' });
    const { status, body } = await get<PageOf<Relationship>>(`/api/relationships?lg=${ids.okayamaPrefecture}&limit=500`);
    expect(status).toBe(200);
    expect(body.total).toBe(body.results.length);
    expect(body.results.every((r) => r.parties.some((party) => party.id === ids.okayamaPrefecture))).toBe(true);
    const order = body.results.map((r) => r.id);
    expect(order.indexOf(newer.id)).toBeGreaterThanOrEqual(0);
    expect(order.indexOf(newer.id)).toBeLessThan(order.indexOf(older.id));
  });

  it('filters by partner country and by status', async () => {
    const gb = await get<PageOf<Relationship>>('/api/relationships?country=gb&limit=500');
    expect(gb.status).toBe(200);
    expect(gb.body.total).toBeGreaterThan(0);
    expect(gb.body.results.every((r) => r.parties.some((party) => party.country === 'GB'))).toBe(true);

    const ended = await get<PageOf<Relationship>>('/api/relationships?status=ended&limit=500');
    expect(ended.body.total).toBeGreaterThan(0);
    expect(ended.body.results.every((r) => r.status === 'ended')).toBe(true);
    const active = await get<PageOf<Relationship>>('/api/relationships?status=active&limit=500');
    expect(active.body.results.every((r) => r.status === 'active')).toBe(true);
    const all = await get<PageOf<Relationship>>('/api/relationships?limit=1');
    expect(all.body.total).toBeGreaterThanOrEqual(ended.body.total + active.body.total);
  });

  it('pages with page and limit', async () => {
    const first = await get<PageOf<Relationship>>('/api/relationships?limit=2&page=1');
    const second = await get<PageOf<Relationship>>('/api/relationships?limit=2&page=2');
    expect(first.body.results).toHaveLength(2);
    expect(second.body.results).toHaveLength(2);
    expect(second.body.total).toBe(first.body.total);
    const firstIds = first.body.results.map((r) => r.id);
    expect(second.body.results.some((r) => firstIds.includes(r.id))).toBe(false);
    const far = await get<PageOf<Relationship>>('/api/relationships?limit=2&page=100000');
    expect(far.body.results).toEqual([]);
  });

  it.each([
    ['status "married"', '/api/relationships?status=married', 'status'],
    ['lg "abc"', '/api/relationships?lg=abc', 'lg'],
    ['country "USA"', '/api/relationships?country=USA', 'country'],
    ['limit 0', '/api/relationships?limit=0', 'limit'],
    ['page 0', '/api/relationships?page=0', 'page'],
    ['an lg id too large to exist', '/api/relationships?lg=3000000000', 'lg'],
  ])('refuses %s with 422', async (_, path, field) => {
    const { status, body } = await get<ErrorBody>(path);
    expect(status).toBe(422);
    expect(fields(body)).toContain(field);
  });
});

describe('GET /api/relationships/{id}', () => {
  it('answers one relationship with both parties', async () => {
    const relationship = await created({ localGovernmentIds: [ids.kurashiki, ids.nagasaki], label: 'one' });
    const { status, body } = await get<Relationship>(`/api/relationships/${relationship.id}`);
    expect(status).toBe(200);
    expect(body).toEqual(relationship);
    expect(body.parties).toHaveLength(2);
  });

  it('answers 404 for an unknown id and 422 for a non-numeric one', async () => {
    const missing = await get<ErrorBody>('/api/relationships/999999999');
    expect(missing.status).toBe(404);
    expect(missing.body.error.id).toBe('not_found');
    const bad = await get<ErrorBody>('/api/relationships/x1');
    expect(bad.status).toBe(422);
    expect(fields(bad.body)).toEqual(['id']);
  });
});

describe('GET /api/stats', () => {
  const stats = async () => {
    const { status, body } = await get<JapanStatistics>('/api/stats');
    expect(status).toBe(200);
    return body;
  };
  const us = (s: JapanStatistics) => s.byCountry.find((row) => row.country === 'US')?.count ?? 0;
  const nagasakiPrefecture = (s: JapanStatistics) => s.byPrefecture.find((row) => row.prefecture.jisCode === '420000')!;

  it('counts a new international and a new domestic relationship exactly once each', async () => {
    const before = await stats();
    const international = await created({ localGovernmentIds: [ids.nagasaki, ids.saintPaul], label: 'stats sister city', signedOn: '1955-12' });
    expect(international.domestic).toBe(false);
    const domestic = await created({ localGovernmentIds: [ids.nagasaki, ids.okayamaCity], label: 'stats domestic' });
    expect(domestic.domestic).toBe(true);
    const after = await stats();
    expect(after.totals.international).toBe(before.totals.international + 1);
    expect(after.totals.domestic).toBe(before.totals.domestic + 1);
    expect(us(after)).toBe(us(before) + 1);
    expect(after.byCountry.some((row) => row.country === 'JP')).toBe(false);
    expect(nagasakiPrefecture(after).relationships).toBe(nagasakiPrefecture(before).relationships + 1);
    expect(nagasakiPrefecture(after).localGovernmentsWithPartner).toBeGreaterThanOrEqual(1);

    const ended = await end(international.id, { endedOn: '2000-01-01' });
    expect(ended.status).toBe(200);
    const afterEnd = await stats();
    expect(afterEnd.totals.international).toBe(before.totals.international);
    expect(us(afterEnd)).toBe(us(before));
  });

  it('covers every Japanese kind with total, withPartner and coverage', async () => {
    await created({ localGovernmentIds: [ids.kurashiki, ids.glasgow], label: 'stats coverage' });
    const body = await stats();
    expect(body.byKind.map((row) => row.kind)).toEqual(['prefecture', 'city', 'special_ward', 'ward', 'town', 'village']);
    const kind = (name: string) => body.byKind.find((row) => row.kind === name)!;
    expect(kind('prefecture').total).toBe(47);
    expect(kind('city').total).toBe(792);
    expect(kind('special_ward').total).toBe(23);
    expect(kind('village').total).toBe(183);
    for (const row of body.byKind) {
      expect(row.withPartner).toBeLessThanOrEqual(row.total);
      expect(row.coverage).toBeCloseTo(row.withPartner / row.total, 3);
    }
    expect(kind('city').withPartner).toBeGreaterThan(0);
  });

  it('has one row for each of the 47 prefectures, in code order', async () => {
    const body = await stats();
    expect(body.byPrefecture).toHaveLength(47);
    expect(body.byPrefecture[0]!.prefecture).toMatchObject({ jisCode: '010006', name: { ja: '北海道' } });
    expect(body.byPrefecture.find((row) => row.prefecture.jisCode === '330001')?.prefecture.name.en).toBe('Okayama Prefecture');
    const codes = body.byPrefecture.map((row) => row.prefecture.jisCode);
    expect([...codes].sort()).toEqual(codes);
  });
});

describe('API documentation', () => {
  const paths = [
    '/search',
    '/local-governments',
    '/local-governments/{id}',
    '/relationships',
    '/relationships/{id}',
    '/relationships/{id}/end',
    '/relationships/{id}/exchanges',
    '/relationships/{id}/exchanges/{exchangeId}',
    '/relationships/{id}/renewals',
    '/stats',
    '/strategy',
    '/listings',
    '/listings/{id}',
    '/match',
    '/commendations',
    '/commendations/{id}',
    '/news',
    '/news/{id}',
    '/anniversaries',
    '/jurisdictions',
    '/jurisdictions/{slug}',
  ];

  it('serves an OpenAPI 3.1 document listing every path', async () => {
    const { status, body } = await get<{
      openapi: string;
      info: { title: string; version: string };
      paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
      components: { securitySchemes: Record<string, { type: string; scheme: string }>; schemas: Record<string, unknown> };
    }>('/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    expect(body.info.title).toBeTruthy();
    expect(body.info.version).toBeTruthy();
    expect(Object.keys(body.paths).sort()).toEqual([...paths].sort());
    expect(Object.keys(body.paths['/relationships']!).sort()).toEqual(['get', 'post']);
    expect(Object.keys(body.paths['/relationships/{id}']!).sort()).toEqual(['get', 'patch']);
    expect(body.paths['/relationships']!.post!.security).toEqual([{ bearerAuth: [] }]);
    expect(body.paths['/relationships']!.post!.responses).toHaveProperty('201');
    expect(body.paths['/relationships']!.get!.security).toBeUndefined();
    expect(body.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(body.components.schemas)).toEqual(expect.arrayContaining(['Relationship', 'RelationshipCreateInput', 'Error', 'Statistics']));
  });

  it('serves an HTML page listing every operation', async () => {
    const response = await app().request('/api/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    for (const operation of [
      'GET /api/search',
      'GET /api/local-governments',
      'GET /api/local-governments/{id}',
      'GET /api/relationships',
      'POST /api/relationships',
      'GET /api/relationships/{id}',
      'PATCH /api/relationships/{id}',
      'POST /api/relationships/{id}/end',
      'GET /api/stats',
    ]) {
      expect(html).toContain(`<code>${operation}</code>`);
    }
  });
});

describe('unknown API paths', () => {
  it('answers 404 as JSON', async () => {
    const response = await app().request('/api/no-such-thing');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(((await response.json()) as ErrorBody).error.id).toBe('not_found');
  });
});

describe('GET /api/stats as of a day', () => {
  it('counts a relationship from the day it was signed, and says what changed in the month before', async () => {
    const dated = await created({ localGovernmentIds: [ids.okayamaCity, ids.glasgow], label: 'as-of test', signedOn: '1960-06-15' });
    type Stats = { asOf: string; totals: { international: number }; previousMonth: { asOf: string; international: number }; growth: { years: { year: number; signed: number }[] } };
    const before = await get<Stats>('/api/stats?asOf=1960-06-14');
    const after = await get<Stats>('/api/stats?asOf=1960-06-15');
    const monthLater = await get<Stats>('/api/stats?asOf=1960-07-15');
    expect(after.body.totals.international).toBe(before.body.totals.international + 1);
    expect(monthLater.body.previousMonth).toMatchObject({ asOf: '1960-06-15', international: after.body.totals.international });
    expect(after.body.growth.years.find((year) => year.year === 1960)?.signed).toBeGreaterThanOrEqual(1);
    expect(after.body.asOf).toBe('1960-06-15');
    await end(dated.id, { endedOn: '1961-01-31' });
    expect((await get<Stats>('/api/stats?asOf=1961-02-01')).body.totals.international).toBe(before.body.totals.international);
  });

  it.each(['1955-13-01', '1899-12-31', 'yesterday'])('refuses asOf=%s with 422', async (asOf) => {
    const { status, body } = await get<ErrorBody>(`/api/stats?asOf=${asOf}`);
    expect(status).toBe(422);
    expect(fields(body)).toContain('asOf');
  });
});
