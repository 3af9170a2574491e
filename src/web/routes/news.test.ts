import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseAtom } from '../../../test/atom.js';
import { createTestAccount, OPERATOR, type TestAccount } from '../../../test/accounts.js';
import { signedInClient, TestClient } from '../../../test/client.js';
import { openTestDatabase } from '../../../test/database.js';
import { queryRows, type Database } from '../../db/client.js';
import { createJurisdiction } from '../../services/jurisdictions.js';
import { publishNews, type NewsItem } from '../../services/news.js';
import { createRelationship, getLocalGovernment, type Relationship } from '../../services/registry.js';
import { createApp } from '../app.js';

let database: Database;
let coordinator: TestAccount;
let officer: TestAccount;
let ibara: number;
let relationship: Relationship;
let tagged: NewsItem;
let japaneseOnly: NewsItem;
let elsewhere: NewsItem;

const app = () => createApp({ db: database.db, cacheBytes: 0 });
const itemCount = async () => (await queryRows<{ count: number }>(database.db, sql`select count(*)::int as count from news_items`))[0]!.count;

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  [{ id: ibara }] = (await queryRows<{ id: number }>(database.db, sql`select id from local_governments where jis_code = '332071'`)) as [{ id: number }];
  const [partner] = await queryRows<{ id: number }>(database.db, sql`select id from local_governments where country = 'NZ' and kind <> 'region' order by id limit 1`);
  relationship = await createRelationship(database.db, { localGovernmentIds: [ibara, partner!.id], label: 'sister city', signedOn: '1995-05-01' } as never, OPERATOR);
  coordinator = await createTestAccount(database.db, 'coordinator');
  officer = await createTestAccount(database.db, 'officer', [ibara]);
  tagged = await publishNews(database.db, OPERATOR, {
    title: { en: 'Ibara & its partner <plant> cherry trees', ja: '井原市と提携先が桜を植樹' },
    body: { en: 'Forty trees were planted.\n\nMore next spring.', ja: '四十本を植えた。' },
    tags: [{ kind: 'relationship', value: String(relationship.id) }, { kind: 'country', value: 'NZ' }],
  });
  japaneseOnly = await publishNews(database.db, OPERATOR, { title: { en: '', ja: '井原市で交流会' }, body: { en: '', ja: '市民が集まった。' }, tags: [{ kind: 'lg', value: String(ibara) }] });
  elsewhere = await publishNews(database.db, OPERATOR, { title: { en: 'A festival in Kansas', ja: '' }, body: { en: 'Far from Ibara.', ja: '' }, tags: [{ kind: 'country', value: 'US' }] });
});
afterAll(() => database.close());

/** An Atom feed fetched and parsed, with its answer's content type. */
async function feed(client: TestClient, path: string) {
  const response = await client.request(path);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
  return parseAtom(await response.text());
}

describe('the Atom feeds, parsed as a reader parses them', () => {
  it('gives the site’s news, latest first, each entry in the page’s language where written', async () => {
    const visitor = new TestClient(app());
    const english = await feed(visitor, '/news.atom');
    expect(english.id).toBe('http://localhost/news.atom');
    expect(english.links).toEqual(expect.arrayContaining([{ rel: 'alternate', href: 'http://localhost/news' }, { rel: 'self', href: 'http://localhost/news.atom' }]));
    expect(english.author).toBe('Kizuna');
    const ids = english.entries.map((entry) => entry.link);
    expect(ids.indexOf(`http://localhost/news/${elsewhere.id}`)).toBeLessThan(ids.indexOf(`http://localhost/news/${tagged.id}`));
    const entry = english.entries.find((candidate) => candidate.link === `http://localhost/news/${tagged.id}`)!;
    // The title is HTML (type="html"): the reader unescapes it once.
    expect(entry.title).toBe('Ibara &amp; its partner &lt;plant&gt; cherry trees');
    expect(entry.contentType).toBe('html');
    expect(entry.content).toBe('<p>Forty trees were planted.</p><p>More next spring.</p>');
    expect(entry.published).toBe(tagged.publishedAt);
    expect(english.entries.find((candidate) => candidate.link.endsWith(`/news/${japaneseOnly.id}`))!.title).toBe('井原市で交流会');
    const japanese = await feed(visitor, '/ja/news.atom');
    expect(japanese.title).toBe('ニュース | 絆 Kizuna');
    expect(japanese.entries.find((candidate) => candidate.link === `http://localhost/ja/news/${tagged.id}`)!.title).toBe('井原市と提携先が桜を植樹');
    expect(japanese.entries.find((candidate) => candidate.link.endsWith(`/news/${elsewhere.id}`))!.title).toBe('A festival in Kansas');
  });

  it('gives the news of a country, of a local government (with its relationships’) and of a relationship, and 404 for what does not exist', async () => {
    const visitor = new TestClient(app());
    const links = (parsed: { entries: { link: string }[] }) => parsed.entries.map((entry) => Number(entry.link.split('/').at(-1)));
    const country = await feed(visitor, '/countries/nz/news.atom');
    expect(links(country)).toEqual([tagged.id]);
    expect(country.title).toBe('News of New Zealand | Kizuna');
    expect(links(await feed(visitor, `/lg/${ibara}/news.atom`))).toEqual([japaneseOnly.id, tagged.id]);
    expect(links(await feed(visitor, `/relationships/${relationship.id}/news.atom`))).toEqual([tagged.id]);
    const empty = await feed(visitor, '/countries/IS/news.atom');
    expect(empty.entries).toEqual([]);
    expect((await visitor.request('/countries/XQ/news.atom')).status).toBe(404);
    expect((await visitor.request('/lg/999999999/news.atom')).status).toBe(404);
    expect((await visitor.request('/relationships/999999999/news.atom')).status).toBe(404);
  });
});

describe('news of a jurisdiction', () => {
  it('is tagged with the jurisdiction, shown on its page and given in its own feed', async () => {
    const { slug, url } = await createJurisdiction(database.db, OPERATOR, { nameEn: `Aotearoa ${Date.now()}`, nameJa: 'ニュージーランド', members: 'NZ' });
    const about = await publishNews(database.db, OPERATOR, { title: { en: 'A meeting of the sister cities of New Zealand', ja: '' }, body: { en: 'Twelve cities met.', ja: '' }, tags: [{ kind: 'jurisdiction', value: slug }] });
    const visitor = new TestClient(app());
    const parsed = await feed(visitor, `/ja/jurisdictions/${slug}/news.atom`);
    expect(parsed.title).toBe('ニュージーランドのニュース | 絆 Kizuna');
    expect(parsed.entries.map((entry) => entry.link)).toEqual([`http://localhost/ja/news/${about.id}`]);
    const page = await visitor.page(url);
    expect(page.html).toContain(`href="/news/${about.id}"`);
    expect(page.html).toContain(`href="${url}/news.atom"`);
    const item = await visitor.page(about.url);
    expect(item.html).toContain(`href="${url}"`);
    expect((await visitor.request('/jurisdictions/nowhere-at-all/news.atom')).status).toBe(404);
  });
});

describe('the news pages', () => {
  it('lists the news, shows an item with both languages, and the news of an LG, a country and a relationship on their pages', async () => {
    const visitor = new TestClient(app());
    const list = await visitor.page('/news');
    expect(list.status).toBe(200);
    expect(list.html).toContain(`href="/news/${tagged.id}"`);
    expect(list.html).toContain('type="application/atom+xml"');
    expect(list.html).not.toContain('href="/news/new"');
    const item = await visitor.page(`/ja/news/${tagged.id}`);
    expect(item.html).toContain('<h1 lang="ja">井原市と提携先が桜を植樹</h1>');
    expect(item.html).toContain('Forty trees were planted.');
    const lg = await getLocalGovernment(database.db, ibara);
    const lgPage = await visitor.page(lg.url);
    expect(lgPage.html).toContain(`href="/news/${japaneseOnly.id}"`);
    expect(lgPage.html).toContain(`href="/news/${tagged.id}"`);
    expect(lgPage.html).toContain(`href="/lg/${ibara}/news.atom"`);
    const country = await visitor.page('/countries/NZ');
    expect(country.html).toContain(`href="/news/${tagged.id}"`);
    expect(country.html).not.toContain(`href="/news/${elsewhere.id}"`);
    const relationshipPage = await visitor.page(`/ja${relationship.url}`);
    expect(relationshipPage.html).toContain(`href="/ja/news/${tagged.id}"`);
    expect(relationshipPage.html).toContain(`href="/ja${relationship.url}/news.atom"`);
    expect((await visitor.request('/news/999999999')).status).toBe(404);
  });

  it('sends the public to sign in and refuses officers, publishing nothing', async () => {
    const before = await itemCount();
    const visitor = new TestClient(app());
    const form = await visitor.request('/news/new');
    expect(form.headers.get('location')).toBe('/sign-in?next=%2Fnews%2Fnew');
    await visitor.page('/sign-in');
    expect((await visitor.post('/news', { titleEn: 'A', bodyEn: 'B' })).status).toBe(303);
    const client = await signedInClient(app(), database.db, officer);
    expect((await client.page('/news/new')).status).toBe(403);
    expect((await client.post('/news', { titleEn: 'A', bodyEn: 'B' })).status).toBe(403);
    expect((await client.post(`/news/${tagged.id}/delete`)).status).toBe(403);
    expect(await itemCount()).toBe(before);
  });

  it('lets a coordinator publish, correct and delete an item through the form, with problems beside their fields', async () => {
    const client = await signedInClient(app(), database.db, coordinator);
    await client.page('/ja/news/new');
    const refused = await client.post('/ja/news', { titleEn: 'Only a title', countries: 'NZ, XQ', relationshipIds: 'first' });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('英語の見出しと本文はそろえて記入してください');
    expect(refused.html).toContain('value="NZ, XQ"');
    const unknown = await client.post('/news', { titleEn: 'Trees', bodyEn: 'Planted.', countries: 'NZ, XQ' });
    expect(unknown.status).toBe(422);
    expect(unknown.html).toContain('Country XQ does not exist');
    const saved = await client.post('/news', { titleEn: 'Trees', bodyEn: 'Planted.', countries: 'nz', localGovernmentId: String(ibara), relationshipIds: String(relationship.id) });
    expect(saved.status).toBe(303);
    const location = saved.response.headers.get('location')!;
    expect(location).toMatch(/^\/news\/\d+\?done=saved$/);
    const id = Number(/\/news\/(\d+)/.exec(location)![1]);
    const edit = await client.page(`/news/${id}/edit`);
    expect(edit.html).toContain('value="NZ"');
    expect(edit.html).toContain(`value="${relationship.id}"`);
    const corrected = await client.post(`/news/${id}`, { titleEn: 'Trees again', bodyEn: 'Planted.', countries: 'NZ' });
    expect(corrected.status).toBe(303);
    expect((await client.page(`/news/${id}`)).html).toContain('Trees again');
    expect((await client.post(`/news/${id}/delete`)).response.headers.get('location')).toBe('/news?done=deleted');
    expect((await client.request(`/news/${id}`)).status).toBe(404);
  });
});
