import { sql } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestAccount, type TestAccount } from '../../test/accounts.js';
import { signedInClient, TestClient } from '../../test/client.js';
import { openAnotherConnection, openTestDatabase } from '../../test/database.js';
import type { Database } from '../db/client.js';
import type { Relationship } from '../services/registry.js';
import { createApp } from './app.js';
import { PUBLIC_ANSWER, publicCache } from './publicCache.js';

let database: Database;
let coordinator: TestAccount;
let relationship: Relationship;

/** One app for all the tests, as one server process is: its cache lives as long as it does. */
let app: ReturnType<typeof createApp>;

const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });

async function setNotes(notes: string): Promise<void> {
  const response = await app.request(`/api/relationships/${relationship.id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${coordinator.token}` },
    body: JSON.stringify({ notes }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  coordinator = await createTestAccount(database.db, 'coordinator');
  app = createApp({ db: database.db });
  const search = async (query: string) => ((await (await get(`/api/search?${query}`)).json()) as { results: { id: number }[] }).results[0]!.id;
  const created = await app.request('/api/relationships', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${coordinator.token}` },
    body: JSON.stringify({ localGovernmentIds: [await search('q=Ibara&country=JP'), await search('q=Lille&country=FR')], label: 'friendship city', notes: 'first notes' }),
  });
  relationship = (await created.json()) as Relationship;
});

afterAll(async () => {
  await database?.close();
});

describe('the public cache, on the whole app', () => {
  it('answers the same request again from memory, with an ETag and Cache-Control for browsers and proxies', async () => {
    const first = await get(`/relationships/${relationship.id}`);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe(PUBLIC_ANSWER);
    expect(first.headers.get('etag')).toMatch(/^"[\w-]{22}"$/);
    expect(await first.text()).toContain('first notes');
    // A change that slips past the register's version, which no write of Kizuna's can: the answer
    // still shows what it showed, so it came from memory and was not made again.
    await database.db.execute(sql`alter table relationships disable trigger advance_register_version`);
    try {
      await database.db.execute(sql`update relationships set notes = 'changed unseen' where id = ${relationship.id}`);
    } finally {
      await database.db.execute(sql`alter table relationships enable trigger advance_register_version`);
    }
    const second = await get(`/relationships/${relationship.id}`);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(await second.text()).toContain('first notes');
  });

  it('answers afresh at the next request after a write through the API', async () => {
    const before = await get(`/relationships/${relationship.id}`);
    await setNotes('notes from the API');
    const after = await get(`/relationships/${relationship.id}`);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(await after.text()).toContain('notes from the API');
  });

  it('answers afresh after a write by another process (another connection on PostgreSQL; on PGlite, which one process opens, SQL no service runs)', async () => {
    const before = await get(`/relationships/${relationship.id}`);
    const other = await openAnotherConnection(database);
    try {
      await (other ?? database).db.execute(sql`update relationships set notes = 'notes from elsewhere' where id = ${relationship.id}`);
    } finally {
      await other?.close();
    }
    const after = await get(`/relationships/${relationship.id}`);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(await after.text()).toContain('notes from elsewhere');
  });

  it('answers 304 without a body to an If-None-Match of the current ETag, and 200 once a write has changed it', async () => {
    const first = await get('/api/stats');
    const etag = first.headers.get('etag')!;
    const again = await get('/api/stats', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    expect((await get('/api/stats', { 'if-none-match': `W/${etag}, "other"` })).status).toBe(304);
    await setNotes('notes that change the version');
    const changed = await get('/api/stats', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('keeps each language, query and encoding apart', async () => {
    const tags = await Promise.all(
      [['/statistics', ''], ['/ja/statistics', ''], ['/statistics?asOf=2000-01-01', ''], ['/statistics', 'gzip']].map(async ([path, encoding]) => {
        const response = await get(path!, encoding ? { 'accept-encoding': encoding } : {});
        expect(response.status).toBe(200);
        return response.headers.get('etag');
      }),
    );
    expect(new Set(tags).size).toBe(4);
    const gzipped = await get('/statistics', { 'accept-encoding': 'gzip' });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect((await get('/statistics')).headers.get('content-encoding')).toBeNull();
  });

  it('never answers a signed-in person from memory, nor keeps their pages: each is marked private', async () => {
    const browser = await signedInClient(app, database.db, coordinator);
    await get('/');
    const mine = await browser.page('/');
    expect(mine.response.headers.get('cache-control')).toBe('private, no-store');
    expect(mine.response.headers.get('etag')).toBeNull();
    expect(mine.html).toContain('/sign-out');
    const anonymous = await (await get('/')).text();
    expect(anonymous).not.toContain('/sign-out');
    // An API token is a signed-in caller too, even for an answer the public gets from memory.
    const withToken = await get('/api/stats', { authorization: `Bearer ${coordinator.token}` });
    expect(withToken.headers.get('cache-control')).toBe('private, no-store');
    expect(withToken.headers.get('etag')).toBeNull();
  });

  it('sets no cookie on pages without a form, and never keeps an answer carrying a CSRF token or a cookie', async () => {
    const home = await get('/');
    expect(home.headers.getSetCookie()).toEqual([]);
    const [one, two] = [new TestClient(app), new TestClient(app)];
    const [first, second] = [await one.page('/sign-in'), await two.page('/sign-in')];
    for (const form of [first, second]) {
      expect(form.response.headers.getSetCookie().some((line) => line.startsWith('kizuna_visitor='))).toBe(true);
      expect(form.response.headers.get('cache-control')).toBe('private, no-store');
      expect(form.response.headers.get('etag')).toBeNull();
    }
    expect(one.csrf).not.toBe(two.csrf);
    // A visitor who holds a cookie already gets no Set-Cookie, and still their own token.
    const again = await one.page('/sign-in');
    expect(again.response.headers.getSetCookie()).toEqual([]);
    expect(again.response.headers.get('cache-control')).toBe('private, no-store');
    expect((await two.page('/sign-in')).html).toContain(two.csrf);
    expect(one.csrf).not.toBe(two.csrf);
  });
});

describe('publicCache, on a counting handler', () => {
  /** An app of one handler behind the cache, counting how often it answers. */
  function countingApp(answer: (c: Context) => Response | Promise<Response>, maxBytes = 1024 * 1024) {
    const counting = new Hono();
    let made = 0;
    counting.use(publicCache(database.db, maxBytes));
    counting.get('*', async (c) => {
      made += 1;
      return answer(c);
    });
    return { app: counting, made: () => made };
  }

  it('makes an answer once for requests that arrive together', async () => {
    const { app: counting, made } = countingApp(async (c) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return c.text('slow to make');
    });
    const answers = await Promise.all(Array.from({ length: 5 }, () => counting.request('/slow')));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(answers.map((answer) => answer.headers.get('etag'))).size).toBe(1);
    expect(made()).toBe(1);
  });

  it('makes again what it may not keep: an answer setting a cookie, one marked private, one not 200', async () => {
    const answers: [string, (c: Context) => Response][] = [
      ['/cookie', (c) => (setCookie(c, 'kizuna_visitor', 'someone'), c.text('with a cookie'))],
      ['/private', (c) => c.text('mine', 200, { 'Cache-Control': 'private, no-store' })],
      ['/missing', (c) => c.text('no', 404)],
    ];
    for (const [path, answer] of answers) {
      const { app: counting, made } = countingApp(answer);
      const first = await counting.request(path);
      await counting.request(path);
      expect(made(), path).toBe(2);
      expect(first.headers.get('etag'), path).toBeNull();
    }
  });

  it("keeps the asker's rate-limit headers to the asker", async () => {
    const { app: counting } = countingApp((c) => c.text('limited', 200, { RateLimit: '"search";r=3;t=1', 'RateLimit-Policy': '"search";q=60;w=60' }));
    const first = await counting.request('/limited');
    expect(first.headers.get('ratelimit')).toBe('"search";r=3;t=1');
    const second = await counting.request('/limited');
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(second.headers.get('ratelimit')).toBeNull();
    expect(second.headers.get('ratelimit-policy')).toBeNull();
  });

  it('keeps no answer larger than an eighth of its memory', async () => {
    const { app: counting, made } = countingApp((c) => c.text('x'.repeat(2000)), 8 * 1024);
    await counting.request('/large');
    await counting.request('/large');
    expect(made()).toBe(2);
  });
});
