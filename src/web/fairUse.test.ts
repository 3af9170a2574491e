import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createTestAccount, type TestAccount } from '../../test/accounts.js';
import { openAnotherConnection, openTestDatabase } from '../../test/database.js';
import type { Database } from '../db/client.js';
import { createApp } from './app.js';
import { costlyWorkOf } from './fairUse.js';

let database: Database;
let coordinator: TestAccount;

/**
 * Two of each kind of costly work an hour for the public (a token every 30 minutes, so that none
 * comes back while a test runs), ten times that for accounts; behind a proxy, so that tests choose
 * the address.
 */
const TWO_AN_HOUR = { limit: 2, windowSeconds: 3600 };
const appWithQuotas = (db = database.db) =>
  createApp({ db, trustProxy: true, fairUse: { quotas: { match: TWO_AN_HOUR, search: TWO_AN_HOUR, export: TWO_AN_HOUR, statistics: TWO_AN_HOUR }, signedInFactor: 10 } });
let app: ReturnType<typeof createApp>;

const from = (address: string, headers: Record<string, string> = {}) => ({ headers: { 'x-forwarded-for': address, ...headers } });

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  coordinator = await createTestAccount(database.db, 'coordinator');
});

beforeEach(() => {
  app = appWithQuotas();
});

afterAll(async () => {
  await database?.close();
});

describe('costlyWorkOf', () => {
  const none = () => false;
  it('names matchmaking, search, exports and statistics of another day, in either language', () => {
    expect(costlyWorkOf('/api/match', none)).toBe('match');
    expect(costlyWorkOf('/ja/match', none)).toBe('match');
    expect(costlyWorkOf('/search', none)).toBe('search');
    expect(costlyWorkOf('/ja/lg-choices', none)).toBe('search');
    expect(costlyWorkOf('/api/search', none)).toBe('search');
    expect(costlyWorkOf('/registry/register.xlsx', none)).toBe('export');
    expect(costlyWorkOf('/ja/prefectures/330001.csv', none)).toBe('export');
    expect(costlyWorkOf('/statistics/countries.csv', () => true)).toBe('export');
    expect(costlyWorkOf('/statistics', (parameter) => parameter === 'asOf')).toBe('statistics');
    expect(costlyWorkOf('/api/stats', (parameter) => parameter === 'asOf')).toBe('statistics');
  });

  it('leaves the pages the cache answers: today’s statistics, lists, a place', () => {
    for (const path of ['/statistics', '/api/stats', '/', '/countries/US', '/prefectures', '/map', '/lg/1-x', '/api/local-governments']) expect(costlyWorkOf(path, none), path).toBeUndefined();
  });
});

describe('fair use of costly work', () => {
  it('says where the client stands in RateLimit-Policy and RateLimit, then refuses with 429 and Retry-After', async () => {
    const answers = [];
    for (const q of ['osaka', 'kyoto', 'nara']) answers.push(await app.request(`/api/search?q=${q}`, from('203.0.113.1')));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 429]);
    expect(answers.map((answer) => answer.headers.get('ratelimit-policy'))).toEqual(Array(3).fill('"search";q=2;w=3600'));
    // r: tokens left; t: seconds until the next token, a little under 30 minutes by the time it is read.
    const states = answers.map((answer) => /^"search";r=(\d+);t=(\d+)$/.exec(answer.headers.get('ratelimit') ?? '')!.slice(1).map(Number));
    expect(states.map(([remaining]) => remaining)).toEqual([1, 0, 0]);
    for (const [, seconds] of states) expect(seconds).toBeGreaterThan(1700);
    expect(states.map(([, seconds]) => seconds).every((seconds) => seconds! <= 1800)).toBe(true);
    const refused = answers[2]!;
    expect(refused.headers.get('retry-after')).toBe(String(states[2]![1]));
    const body = (await refused.json()) as { error: { id: string; message: string } };
    expect(body.error.id).toBe('too_many_requests');
    expect(body.error.message).toMatch(/2 are answered in 3600 seconds/);
  });

  it('charges nothing for an answer already made: the cache answers it before any bucket is asked', async () => {
    for (const q of ['osaka', 'kyoto']) expect((await app.request(`/api/search?q=${q}`, from('203.0.113.2'))).status).toBe(200);
    const again = await app.request('/api/search?q=osaka', from('203.0.113.2'));
    expect(again.status).toBe(200);
    expect(again.headers.get('ratelimit')).toBeNull();
    expect((await app.request('/api/search?q=sakai', from('203.0.113.2'))).status).toBe(429);
  });

  it('keeps a bucket per address, and one per /64 network for IPv6', async () => {
    for (const [q, address] of [['one', '203.0.113.3'], ['two', '203.0.113.3'], ['three', '203.0.113.4']]) expect((await app.request(`/search?q=${q}`, from(address!))).status).toBe(200);
    expect((await app.request('/search?q=third', from('203.0.113.3'))).status).toBe(429);
    expect((await app.request('/search?q=a', from('2001:db8:1:2::a'))).status).toBe(200);
    expect((await app.request('/search?q=b', from('2001:db8:1:2::b'))).status).toBe(200);
    expect((await app.request('/search?q=c', from('2001:db8:1:2:ffff::c'))).status).toBe(429);
    expect((await app.request('/search?q=d', from('2001:db8:1:3::d'))).status).toBe(200);
  });

  it('answers a page with the reason in its language', async () => {
    for (const q of ['a', 'b']) await app.request(`/ja/search?q=${q}`, from('203.0.113.5'));
    const refused = await app.request('/ja/search?q=c', from('203.0.113.5'));
    expect(refused.status).toBe(429);
    const html = await refused.text();
    expect(html).toContain('リクエストが多すぎます');
    expect(html).toMatch(/\d+秒ほど待ってから/);
  });

  it('gives an API token ten times the public’s quota, counted per account rather than per address', async () => {
    const withToken = (address: string, q: string) => app.request(`/api/search?q=${q}`, from(address, { authorization: `Bearer ${coordinator.token}` }));
    const first = await withToken('198.51.100.1', 'one');
    expect(first.headers.get('ratelimit-policy')).toBe('"search";q=20;w=3600');
    expect(first.headers.get('ratelimit')).toMatch(/^"search";r=19;/);
    const second = await withToken('198.51.100.2', 'two');
    expect(second.headers.get('ratelimit')).toMatch(/^"search";r=18;/);
  });

  it('limits exports and the statistics of another day, not today’s statistics', async () => {
    for (let i = 0; i < 2; i++) expect((await app.request(`/statistics/countries.csv?v=${i}`, from('203.0.113.6'))).status).toBe(200);
    expect((await app.request('/registry/register.csv', from('203.0.113.6'))).status).toBe(429);
    for (const day of ['2001-01-01', '2002-01-01']) expect((await app.request(`/api/stats?asOf=${day}`, from('203.0.113.6'))).status).toBe(200);
    expect((await app.request('/statistics?asOf=2003-01-01', from('203.0.113.6'))).status).toBe(429);
    const today = await app.request('/statistics', from('203.0.113.6'));
    expect(today.status).toBe(200);
    expect(today.headers.get('ratelimit')).toBeNull();
  });

  it('shares the buckets between processes on one database (two apps; on PostgreSQL, two connections)', async () => {
    const other = await openAnotherConnection(database);
    try {
      const elsewhere = appWithQuotas((other ?? database).db);
      expect((await app.request('/api/search?q=one', from('203.0.113.7'))).status).toBe(200);
      expect((await elsewhere.request('/api/search?q=two', from('203.0.113.7'))).status).toBe(200);
      expect((await app.request('/api/search?q=three', from('203.0.113.7'))).status).toBe(429);
      expect((await elsewhere.request('/api/search?q=four', from('203.0.113.7'))).status).toBe(429);
    } finally {
      await other?.close();
    }
  });

  it('is off unless quotas are given', async () => {
    const unlimited = createApp({ db: database.db });
    for (let i = 0; i < 5; i++) expect((await unlimited.request(`/api/search?q=n${i}`)).status).toBe(200);
    expect((await unlimited.request('/api/search?q=n6')).headers.get('ratelimit')).toBeNull();
  });
});
