import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestAccount, OPERATOR, type TestAccount } from '../../../test/accounts.js';
import { signedInClient, TestClient } from '../../../test/client.js';
import { openTestDatabase } from '../../../test/database.js';
import { queryRows, type Database } from '../../db/client.js';
import { recordCommendation } from '../../services/commendations.js';
import { getLocalGovernment } from '../../services/registry.js';
import { createApp } from '../app.js';

let database: Database;
let coordinator: TestAccount;
let officer: TestAccount;
let ibara: number;

const app = () => createApp({ db: database.db, cacheBytes: 0 });
const count = async () => (await queryRows<{ count: number }>(database.db, sql`select count(*)::int as count from commendations`))[0]!.count;

const FORM = { award: 'international-exchange', year: '2016', localGovernmentId: '', citationEn: 'Exchanges of pupils for forty years.', categoryEn: 'Youth' };

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  [{ id: ibara }] = (await queryRows<{ id: number }>(database.db, sql`select id from local_governments where jis_code = '332071'`)) as [{ id: number }];
  coordinator = await createTestAccount(database.db, 'coordinator');
  officer = await createTestAccount(database.db, 'officer', [ibara]);
});
afterAll(() => database.close());

describe('the commendations pages', () => {
  it('shows an award’s year, the LG page’s section and the CSV to everyone, in English and Japanese', async () => {
    await recordCommendation(database.db, OPERATOR, {
      award: 'international-exchange',
      year: 2015,
      localGovernmentId: ibara,
      organisation: { en: '', ja: '' },
      category: { en: 'Youth exchange', ja: '青少年交流' },
      citation: { en: 'Pupils have visited their partner every summer.', ja: '毎夏、生徒が提携先を訪れてきた。' },
      relationshipIds: [],
      exchangeIds: [],
    });
    const visitor = new TestClient(app());
    const index = await visitor.page('/commendations');
    expect(index.status).toBe(200);
    expect(index.html).toContain('href="/commendations/international-exchange/2015"');
    expect(index.html).not.toContain('/commendations/new');
    const year = await visitor.page('/ja/commendations/international-exchange/2015');
    expect(year.status).toBe(200);
    expect(year.html).toContain('国際交流表彰（総務大臣賞）　2015年');
    expect(year.html).toContain('毎夏、生徒が提携先を訪れてきた。');
    expect(year.html).toContain('部門：青少年交流');
    const lg = await getLocalGovernment(database.db, ibara);
    const lgPage = await visitor.page(lg.url);
    expect(lgPage.html).toContain('id="lg-commendations"');
    expect(lgPage.html).toContain('Pupils have visited their partner every summer.');
    const csv = await visitor.request('/commendations/international-exchange/2015.csv');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parse((await csv.text()).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ Year: '2015', 'Local government id': String(ibara), Commended: 'Ibara City', 'Category (Japanese)': '青少年交流' });
    expect((await visitor.request('/commendations/nobel/2015')).status).toBe(404);
  });

  it('sends the public to sign in and refuses officers, saving nothing', async () => {
    const before = await count();
    const visitor = new TestClient(app());
    const form = await visitor.request('/commendations/new');
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe('/sign-in?next=%2Fcommendations%2Fnew');
    await visitor.page('/sign-in');
    expect((await visitor.post('/commendations', FORM)).status).toBe(303);
    const client = await signedInClient(app(), database.db, officer);
    const refused = await client.page('/commendations/new');
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('Only coordinators and administrators');
    expect((await client.post('/commendations', { ...FORM, localGovernmentId: String(ibara) })).status).toBe(403);
    expect(await count()).toBe(before);
  });

  it('lets a coordinator record, correct and delete one through the form, and shows problems beside their fields', async () => {
    const client = await signedInClient(app(), database.db, coordinator);
    const empty = await client.page('/ja/commendations/new');
    expect(empty.status).toBe(200);
    const refused = await client.post('/ja/commendations', { ...FORM, year: '2999', citationEn: '' });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('受賞年を1950年から今年までの数字で記入してください。');
    expect(refused.html).toContain('表彰理由を英語、日本語または両方で記入してください');
    expect(refused.html).toContain('受賞した地方公共団体を選ぶか、団体名を記入してください');
    expect(refused.html).toContain('value="2999"');
    const found = await client.post('/commendations', { ...FORM, lgQuery: 'Ibara', lgFind: '1' });
    expect(found.status).toBe(200);
    expect(found.html).toContain(`value="${ibara}"`);
    const saved = await client.post('/commendations', { ...FORM, localGovernmentId: String(ibara) });
    expect(saved.status).toBe(303);
    const location = saved.response.headers.get('location')!;
    expect(location).toMatch(/^\/commendations\/international-exchange\/2016#commendation-\d+$/);
    const id = Number(location.split('-').at(-1));
    const edit = await client.page(`/commendations/${id}/edit`);
    expect(edit.html).toContain('Exchanges of pupils for forty years.');
    const corrected = await client.post(`/commendations/${id}`, { ...FORM, localGovernmentId: String(ibara), year: '2017' });
    expect(corrected.response.headers.get('location')).toBe(`/commendations/international-exchange/2017#commendation-${id}`);
    const duplicate = await client.post('/commendations', { ...FORM, localGovernmentId: String(ibara), year: '2017' });
    expect(duplicate.status).toBe(409);
    const deleted = await client.post(`/commendations/${id}/delete`);
    expect(deleted.response.headers.get('location')).toBe('/commendations?done=deleted');
    expect((await queryRows(database.db, sql`select 1 from commendations where id = ${id}`)).length).toBe(0);
  });
});
