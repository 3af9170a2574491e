import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCaller, type ErrorBody } from '../../../test/client.js';
import { createTestAccount, OPERATOR, type TestAccount } from '../../../test/accounts.js';
import { openTestDatabase } from '../../../test/database.js';
import { queryRows, type Database } from '../../db/client.js';
import type { NewsItem } from '../../services/news.js';
import { createRelationship, type Relationship } from '../../services/registry.js';
import { createApp } from '../app.js';

let database: Database;
let coordinator: TestAccount;
let administrator: TestAccount;
let officer: TestAccount;
let ibara: number;
let relationship: Relationship;

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  [{ id: ibara }] = (await queryRows<{ id: number }>(database.db, sql`select id from local_governments where jis_code = '332071'`)) as [{ id: number }];
  const [partner] = await queryRows<{ id: number }>(database.db, sql`select id from local_governments where country = 'US' and kind <> 'state' order by id limit 1`);
  relationship = await createRelationship(database.db, { localGovernmentIds: [ibara, partner!.id], label: 'sister city', signedOn: '1990-04-01' } as never, OPERATOR);
  coordinator = await createTestAccount(database.db, 'coordinator');
  administrator = await createTestAccount(database.db, 'administrator');
  officer = await createTestAccount(database.db, 'officer', [ibara]);
});
afterAll(() => database.close());

const app = () => createApp({ db: database.db, cacheBytes: 0 });

const call = apiCaller(app, () => coordinator.token);

const anItem = (extra: Record<string, unknown> = {}) => ({
  title: { en: 'Pupils from Ibara visit their partner', ja: '' },
  body: { en: 'Twelve pupils spent a week with families.\n\nThey return next year.', ja: '' },
  tags: ['country:us', `lg:${ibara}`, `relationship:${relationship.id}`],
  ...extra,
});

const audits = async () => (await queryRows<{ count: number }>(database.db, sql`select count(*)::int as count from audit_log where entity = 'news'`))[0]!.count;
const itemCount = async () => (await queryRows<{ count: number }>(database.db, sql`select count(*)::int as count from news_items`))[0]!.count;

describe('POST /api/news', () => {
  it('publishes an item by a coordinator and an administrator, with its tags resolved, audited', async () => {
    const before = await audits();
    const first = await call<NewsItem>('/api/news', { method: 'POST', body: anItem() });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.tags.map((tag) => `${tag.kind}:${tag.value}`)).toEqual(['country:US', `lg:${ibara}`, `relationship:${relationship.id}`]);
    expect(first.body.tags.find((tag) => tag.kind === 'lg')).toMatchObject({ url: expect.stringMatching(/^\/lg\/\d+-ibara/) });
    const second = await call<NewsItem>('/api/news', { method: 'POST', body: anItem({ title: { en: '', ja: '井原市の生徒が訪問' }, body: { en: '', ja: '一週間滞在した。' }, tags: [] }), token: administrator.token });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(await audits()).toBe(before + 2);
    const byTag = await call<{ results: NewsItem[] }>(`/api/news?tag=lg:${ibara}`, { token: null });
    expect(byTag.body.results.map((item) => item.id)).toContain(first.body.id);
    expect(byTag.body.results.map((item) => item.id)).not.toContain(second.body.id);
    expect((await call<NewsItem>(`/api/news/${second.body.id}`, { token: null })).body.title.ja).toBe('井原市の生徒が訪問');
    expect((await call<ErrorBody>('/api/news?tag=planet:mars', { token: null })).status).toBe(422);
    expect((await call('/api/news/999999999', { token: null })).status).toBe(404);
  });

  it('refuses the public (401) and an officer (403), publishing nothing', async () => {
    const [items, before] = [await itemCount(), await audits()];
    expect((await call('/api/news', { method: 'POST', body: anItem(), token: null })).status).toBe(401);
    const forbidden = await call<ErrorBody>('/api/news', { method: 'POST', body: anItem(), token: officer.token });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toMatch(/Only coordinators and administrators/);
    expect(await itemCount()).toBe(items);
    expect(await audits()).toBe(before);
  });

  const BAD: [string, Record<string, unknown>, string, RegExp][] = [
    ['no text in either language', { title: { en: '', ja: '' }, body: { en: '', ja: '' } }, 'title', /English, Japanese or both/],
    ['a title without its text', { body: { en: '', ja: '' } }, 'body.en', /give the text in English too/],
    ['a text without its title', { title: { en: '', ja: '' } }, 'title.en', /give the title in English too/],
    ['a title over 200 characters', { title: { en: 'x'.repeat(201), ja: '' } }, 'title.en', /at most 200 characters/],
    ['a tag not written kind:value', { tags: ['Ibara'] }, 'tags[0]', /write a tag as kind:value/],
    ['a tag of an unknown kind', { tags: ['planet:mars'] }, 'tags[0]', /the kind of tag "planet" is unknown/],
    ['a country that does not exist', { tags: ['country:XQ'] }, 'tags[0]', /country XQ does not exist/],
    ['a local government that does not exist', { tags: ['lg:999999999'] }, 'tags[0]', /local government 999999999 does not exist/],
    ['a relationship that does not exist', { tags: ['country:US', 'relationship:999999999'] }, 'tags[1]', /relationship 999999999 does not exist/],
    ['a relationship not named by a number', { tags: ['relationship:first'] }, 'tags[0]', /named by its id/],
    ['a jurisdiction that does not exist', { tags: ['jurisdiction:nowhere-at-all'] }, 'tags[0]', /jurisdiction nowhere-at-all does not exist/],
    ['a jurisdiction not named by a slug', { tags: ['jurisdiction:Northern California'] }, 'tags[0]', /slug of its address/],
  ];
  it.each(BAD)('refuses %s with 422 naming the field, publishing nothing', async (_name, change, field, message) => {
    const [items, before] = [await itemCount(), await audits()];
    const refused = await call<ErrorBody>('/api/news', { method: 'POST', body: anItem(change) });
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    const problem = refused.body.error.problems.find((candidate) => candidate.field === field);
    expect(problem, JSON.stringify(refused.body.error.problems)).toBeDefined();
    expect(problem!.message).toMatch(message);
    expect(await itemCount()).toBe(items);
    expect(await audits()).toBe(before);
  });
});

describe('PUT and DELETE /api/news/{id}', () => {
  it('corrects and deletes by coordinators and administrators, refusing the public and officers, each change audited', async () => {
    const item = (await call<NewsItem>('/api/news', { method: 'POST', body: anItem() })).body;
    const path = `/api/news/${item.id}`;
    expect((await call(path, { method: 'PUT', body: anItem({ tags: [] }), token: null })).status).toBe(401);
    expect((await call(path, { method: 'PUT', body: anItem({ tags: [] }), token: officer.token })).status).toBe(403);
    expect((await call(path, { method: 'DELETE', token: null })).status).toBe(401);
    expect((await call(path, { method: 'DELETE', token: officer.token })).status).toBe(403);
    const corrected = await call<NewsItem>(path, { method: 'PUT', body: anItem({ tags: ['country:DE'] }), token: administrator.token });
    expect(corrected.status).toBe(200);
    expect(corrected.body.tags.map((tag) => tag.value)).toEqual(['DE']);
    expect(corrected.body.publishedAt).toBe(item.publishedAt);
    expect((await call<ErrorBody>(path, { method: 'PUT', body: anItem({ tags: ['lg:0'] }) })).status).toBe(422);
    expect((await call('/api/news/999999999', { method: 'PUT', body: anItem() })).status).toBe(404);
    expect((await call(path, { method: 'DELETE' })).status).toBe(204);
    expect((await call(path, { token: null })).status).toBe(404);
    const actions = await queryRows<{ action: string }>(database.db, sql`select action from audit_log where entity = 'news' and entity_id = ${item.id} order by id`);
    expect(actions.map((row) => row.action)).toEqual(['create', 'update', 'delete']);
  });
});
