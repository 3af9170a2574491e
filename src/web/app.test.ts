import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openTestDatabase } from '../../test/database.js';
import type { Database } from '../db/client.js';
import { today, type Relationship } from '../services/registry.js';
import type { SearchResult } from '../services/search.js';
import type { JapanStatistics } from '../services/stats.js';
import { createApp } from './app.js';
import { createTestAccount } from '../../test/accounts.js';
import { inlineSvgsOf, xmlError } from '../../test/xml.js';

let database: Database;
const app = () => createApp({ db: database.db });

async function page(path: string) {
  const response = await app().request(path);
  return { status: response.status, html: await response.text(), response };
}

async function searchOne(query: string, check: (lg: SearchResult) => boolean): Promise<SearchResult> {
  const response = await app().request(`/api/search?${query}`);
  const { results } = (await response.json()) as { results: SearchResult[] };
  const found = results.find(check);
  expect(found, query).toBeDefined();
  return found!;
}

async function createRelationship(body: Record<string, unknown>): Promise<Relationship> {
  const response = await app().request('/api/relationships', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${coordinatorToken}` },
    body: JSON.stringify(body),
  });
  const created = (await response.json()) as Relationship;
  expect(response.status, JSON.stringify(created)).toBe(201);
  return created;
}

let ibara: SearchResult;
let nagasaki: SearchResult;
let saintPaul: SearchResult;
let okayamaPrefecture: SearchResult;
let relationship: Relationship;
let coordinatorToken: string;

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  coordinatorToken = (await createTestAccount(database.db, 'coordinator')).token;
  ibara = await searchOne('q=ibara', (lg) => lg.jisCode === '332071');
  nagasaki = await searchOne('q=Nagasaki&country=JP', (lg) => lg.jisCode === '422011');
  okayamaPrefecture = await searchOne('q=Okayama&kind=prefecture', (lg) => lg.jisCode === '330001');
  // The largest Saint Paul in the US is the one in Minnesota.
  saintPaul = await searchOne('q=Saint+Paul&country=US', (lg) => lg.name.en === 'Saint Paul' && (lg.population ?? 0) > 200_000);
  relationship = await createRelationship({
    localGovernmentIds: [nagasaki.id, saintPaul.id],
    label: 'sister city',
    labelOriginal: '姉妹都市',
    signedOn: '1955-12',
    notes: '<script>alert("notes")</script>',
  });
  await createRelationship({ localGovernmentIds: [ibara.id, saintPaul.id], label: 'friendship city', signedOn: '1990-04-01' });
});
afterAll(() => database.close());

const expectHtmlPage = (response: Response, html: string) => {
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
  expect(html).toMatch(/<html lang="[a-z]{2}/);
};

describe('pages', () => {
  it.each(['/', '/search', '/search?q=ibara', '/prefectures', '/prefectures/330001', '/countries', '/countries/US', '/api/docs'])(
    '%s is a whole HTML page',
    async (path) => {
      const { status, html, response } = await page(path);
      expect(status).toBe(200);
      expectHtmlPage(response, html);
    },
  );

  it('shows the headline figures on the home page', async () => {
    const stats = (await (await app().request('/api/stats')).json()) as JapanStatistics;
    expect(stats.totals.international).toBeGreaterThanOrEqual(2);
    const { status, html } = await page('/');
    expect(status).toBe(200);
    expect(html).toContain(`${stats.totals.international.toLocaleString('en')} international relationships in force`);
    const japanese = (await page('/ja')).html;
    expect(japanese).toContain(`海外との提携が ${stats.totals.international.toLocaleString('ja')} 件`);
    expect(html).toContain('href="/countries/US"');
    const city = stats.byKind.find((row) => row.kind === 'city')!;
    expect(html).toContain(`${city.total.toLocaleString('en')}</td>`);
  });

  it('shows Japan’s relationships on the home page as pictures, each with its table', async () => {
    const { html } = await page('/');
    expect(html).toMatch(/<img src="\/map\/japan\.svg" alt="A world map with a line for each relationship of a Japanese local government, reaching \d+ countries\."/);
    expect(html).toContain('<a href="/map">Open the map to light up a country or a place</a>');
    // Growth and coverage, each drawn wide and narrow, as on the statistics page, with their tables folded away.
    for (const kind of ['line', 'coverage']) {
      expect(html).toContain(`data-chart="${kind}" data-layout="wide"`);
      expect(html).toContain(`data-chart="${kind}" data-layout="narrow"`);
    }
    expect(html.match(/<figure class="chart chart-pair">/g)).toHaveLength(2);
    expect(html).toContain('<summary>Table (6)</summary>');
    expect(html).toContain('aria-label="Table: Growth since 1955"');
    expect((await page('/ja')).html).toContain('<img src="/map/japan.svg" alt="日本の自治体の提携を1件ずつ線で示した世界地図。');
  });

  it('finds Ibara City on the search page, linking to its page', async () => {
    const { status, html } = await page('/search?q=ibara');
    expect(status).toBe(200);
    expect(html).toContain(`<a href="/lg/${ibara.id}-ibara-city">Ibara City</a>`);
    expect(html).toContain('井原市');
    expect(html).toContain('value="ibara"');
  });

  it('explains an empty search and refuses a query with no letters', async () => {
    const empty = await page('/search?q=');
    expect(empty.status).toBe(200);
    expect(empty.html).toContain('Type a name');
    const punctuation = await page('/search?q=%25');
    expect(punctuation.status).toBe(422);
    expectHtmlPage(punctuation.response, punctuation.html);
    expect(punctuation.html).toContain('role="alert"');
  });

  it('escapes the query it shows back', async () => {
    const { html } = await page(`/search?q=${encodeURIComponent('<b>ibara</b>')}`);
    expect(html).not.toContain('<b>ibara</b>');
    expect(html).toContain('&lt;b&gt;ibara&lt;/b&gt;');
  });

  it("shows Ibara City's page with both names, its prefecture and its partner", async () => {
    const { status, html, response } = await page(`/lg/${ibara.id}-ibara-city`);
    expect(status).toBe(200);
    expectHtmlPage(response, html);
    expect(html).toContain('井原市');
    expect(html).toContain('Ibara City');
    expect(html).toContain('332071');
    expect(html).toContain(`href="/lg/${saintPaul.id}-saint-paul"`);
    expect(html).toContain('friendship city');
  });

  it("links Ibara City's page to Okayama Prefecture's page", async () => {
    const { html } = await page(`/lg/${ibara.id}-ibara-city`);
    expect(html).toContain(`<a href="/lg/${okayamaPrefecture.id}-okayama-prefecture">Okayama Prefecture</a>`);
    expect(html).not.toContain('/lg/undefined');
  });

  it.each(['-wrong', '', '-ibara'])('redirects /lg/<id>%s to the right address (301)', async (suffix) => {
    const { status, response } = await page(`/lg/${ibara.id}${suffix}`);
    expect(status).toBe(301);
    expect(response.headers.get('location')).toBe(`/lg/${ibara.id}-ibara-city`);
  });

  it.each(['/lg/999999999-nowhere', '/lg/ibara-city', '/relationships/999999999', '/prefectures/999999', '/countries/ZZ', '/no-such-page'])(
    'answers %s with a 404 HTML page',
    async (path) => {
      const { status, html, response } = await page(path);
      expect(status).toBe(404);
      expectHtmlPage(response, html);
      expect(html).toContain('<h1>Not found</h1>');
    },
  );

  it('shows a relationship with both parties and its date at its precision', async () => {
    const { status, html, response } = await page(`/relationships/${relationship.id}`);
    expect(status).toBe(200);
    expectHtmlPage(response, html);
    expect(html).toContain('Nagasaki City');
    expect(html).toContain('Saint Paul');
    expect(html).toContain('Minnesota');
    expect(html).toContain('<dd>December 1955</dd>');
    const japanese = (await page(`/ja/relationships/${relationship.id}`)).html;
    expect(japanese).toContain('長崎市');
    expect(japanese).toContain('<dd>1955年12月</dd>');
    expect(html).toContain('姉妹都市');
  });

  it('escapes the text it stores instead of running it', async () => {
    const { html } = await page(`/relationships/${relationship.id}`);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;');
  });

  it('lists the 47 prefectures, each linking to its page', async () => {
    const { status, html } = await page('/prefectures');
    expect(status).toBe(200);
    const links = html.match(/href="\/prefectures\/\d{6}"/g) ?? [];
    expect(links).toHaveLength(47);
    expect((html.match(/<tr>/g) ?? []).length).toBe(48);
    expect(html).toContain('Okayama Prefecture');
    const japanese = (await page('/ja/prefectures')).html;
    expect(japanese.match(/href="\/ja\/prefectures\/\d{6}"/g) ?? []).toHaveLength(47);
    expect(japanese).toContain('岡山県');
  });

  it("shows Okayama Prefecture's page with Ibara City's partner", async () => {
    const { status, html } = await page('/prefectures/330001');
    expect(status).toBe(200);
    expect(html).toContain('Okayama Prefecture');
    expect(html).toContain(`href="/lg/${ibara.id}-ibara-city"`);
    const japanese = (await page('/ja/prefectures/330001')).html;
    expect(japanese).toContain('<h1>岡山県</h1>');
    expect(japanese).toContain(`href="/ja/lg/${ibara.id}-ibara-city"`);
    expect(html).toContain('Saint Paul');
  });

  it('lists the countries with relationships with Japan', async () => {
    const { status, html } = await page('/countries');
    expect(status).toBe(200);
    expect(html).toContain('href="/countries/US"');
    expect(html).not.toContain('href="/countries/JP"');
  });

  it("shows the United States' page grouped by state", async () => {
    const { status, html } = await page('/countries/US');
    expect(status).toBe(200);
    expect(html).toContain('<h2>Minnesota</h2>');
    expect(html).toContain('Nagasaki City');
    expect(html).toContain('Ibara City');
    const lower = await page('/countries/us');
    expect(lower.status).toBe(200);
    expect(lower.html).toContain('<h2>Minnesota</h2>');
  });

  it('answers unknown API paths with 404 JSON, not a page', async () => {
    const response = await app().request('/api/unknown');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { error: { id: string; message: string } };
    expect(body.error.id).toBe('not_found');
    expect(body.error.message).toContain('/api/unknown');
  });
});

describe('country pages', () => {
  it('sends Japan to the prefecture lists', async () => {
    const response = await createApp({ db: database.db }).request('/countries/JP');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/prefectures');
  });
});

describe('portal pages in both languages', () => {
  it('shows the statistics with charts, tables and CSV links, in English and Japanese', async () => {
    const english = await page('/statistics');
    expect(english.status).toBe(200);
    expect(english.html).toContain('<html lang="en">');
    expect((english.html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(english.html).toContain('href="/statistics/countries.csv?asOf=');
    const japanese = await page('/ja/statistics');
    expect(japanese.html).toContain('<html lang="ja">');
    expect(japanese.html).toContain('提携先の国別');
    expect(japanese.html).toContain('href="/ja/statistics/prefectures.csv?asOf=');
  });

  it('gives each statistics table as CSV with headers in the language, the same figures as the API', async () => {
    const stats = (await (await app().request('/api/stats')).json()) as { byPrefecture: { prefecture: { jisCode: string }; relationships: number }[] };
    const response = await app().request('/ja/statistics/prefectures.csv');
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('コード,都道府県,提携数,うち提携日不明,提携先がある自治体');
    expect(lines).toHaveLength(48);
    const okayama = lines.find((line) => line.startsWith('330001,'))!;
    expect(okayama.split(',')[2]).toBe(String(stats.byPrefecture.find((row) => row.prefecture.jisCode === '330001')!.relationships));
    expect((await app().request('/statistics/nothing.csv')).status).toBe(404);
  });

  it('refuses a statistics date that is not a day, on the page itself', async () => {
    const { status, html } = await page('/statistics?asOf=2019-02-30');
    expect(status).toBe(422);
    expect(html).toContain('Pick a day from 1900-01-01 to');
    const japanese = await page('/ja/statistics?asOf=2999-01-01');
    expect(japanese.status).toBe(422);
    expect(japanese.html).toContain('1900-01-01から');
  });

  it('shows the guides and the FAQ in both languages', async () => {
    const index = await page('/guides');
    expect(index.html).toContain('href="/guides/forming-a-relationship"');
    const guide = await page('/ja/guides/forming-a-relationship');
    expect(guide.status).toBe(200);
    expect((guide.html.match(/<ol>[\s\S]*?<\/ol>/)?.[0].match(/<li>/g) ?? []).length).toBe(8);
    expect((await page('/guides/no-such-guide')).status).toBe(404);
  });

  it('draws the world map on the server and serves its data to the script', async () => {
    const map = await page('/map?country=US');
    expect(map.status).toBe(200);
    expect(map.html).toContain('data-map-links');
    expect(map.html).toContain('data-map-highlight');
    expect(map.html).toMatch(/<script src="\/assets\/worldMap\.js\?v=[\w-]{8}" defer=""><\/script>/);
    expect(map.html).toContain('data-src="/map/data.json?lang=en&amp;scope=japan"');
    const place = await page(`/ja/map?place=${ibara.id}`);
    expect(place.html).toContain(`data-highlight-place="${ibara.id}"`);
    const named = (await (await app().request('/map/data.json?lang=ja')).json()) as { places: { name: string }[] };
    expect(named.places.some((candidate) => candidate.name === '井原市')).toBe(true);
    const etag = (await app().request('/map/data.json', { headers: { 'accept-encoding': 'gzip' } })).headers.get('etag')!;
    expect((await app().request('/map/data.json', { headers: { 'if-none-match': etag } })).status).toBe(304);
    const data = (await (await app().request('/map/data.json')).json()) as { places: unknown[]; links: [number, number][]; crossings: number[][] };
    expect(data.links.length).toBeGreaterThan(0);
    expect(data.links.every(([a, b]) => a < data.places.length && b < data.places.length)).toBe(true);
    expect(Array.isArray(data.crossings)).toBe(true);
  });

  it('opens the map on Japan’s relationships, with the world’s one link away', async () => {
    const glasgow = await searchOne('q=Glasgow&country=GB', (lg) => lg.name.en === 'Glasgow');
    await createRelationship({ localGovernmentIds: [saintPaul.id, glasgow.id], label: 'sister city', signedOn: '1990' });
    type Data = { places: { id: number; cc: string }[]; links: [number, number][] };
    const japan = (await (await app().request('/map/data.json?scope=japan')).json()) as Data;
    const world = (await (await app().request('/map/data.json?scope=world')).json()) as Data;
    expect(japan.links.every(([a, b]) => japan.places[a]!.cc === 'JP' || japan.places[b]!.cc === 'JP')).toBe(true);
    expect(world.links.length).toBeGreaterThan(japan.links.length);
    expect(japan.places.some((place) => place.id === glasgow.id)).toBe(false);

    const opening = await page('/map');
    expect(opening.html).toContain('relationships of Japanese local governments');
    expect(opening.html).toContain(`${japan.links.length.toLocaleString('en')} relationships of Japanese local governments`);
    expect(opening.html).toMatch(/<a href="\/map" aria-current="page">Japan’s relationships<\/a>/);
    expect(opening.html).toContain('<a href="/map?scope=world">All relationships in the world</a>');
    expect(opening.html).not.toContain('name="scope"');
    const everywhere = await page('/map?scope=world&country=GB');
    expect(everywhere.html).toContain(`${world.links.length.toLocaleString('en')} relationships between`);
    expect(everywhere.html).toContain('<input type="hidden" name="scope" value="world"/>');
    expect(everywhere.html).toContain('data-src="/map/data.json?lang=en&amp;scope=world"');
    expect(everywhere.html).toContain('<a href="/map?country=GB">Japan’s relationships</a>');
    expect((await page('/ja/map')).html).toContain('日本の自治体の提携');
    // A place abroad asked for by its page shows all its partners.
    expect((await page(`/map?place=${glasgow.id}`)).html).toContain('data-src="/map/data.json?lang=en&amp;scope=world"');
    expect((await page(`/map?place=${ibara.id}`)).html).toContain('data-src="/map/data.json?lang=en&amp;scope=japan"');
  });

  it('draws Japan’s relationships as a picture for the home page, with an ETag', async () => {
    const response = await app().request('/map/japan.svg');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('image/svg+xml');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'");
    const svg = await response.text();
    expect(xmlError(svg)).toBeNull();
    expect(svg).toContain('data-map-highlight');
    expect(svg).toMatch(/data-cc="JP" data-selected=""/);
    expect(svg).not.toContain('data-map-links');
    const etag = response.headers.get('etag')!;
    expect((await app().request('/map/japan.svg', { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('serves its stylesheets and script with an ETag, and a 304 when the browser has them', async () => {
    const css = await app().request('/assets/site.css');
    expect(css.headers.get('content-type')).toContain('text/css');
    const etag = css.headers.get('etag')!;
    expect((await app().request('/assets/site.css', { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await app().request('/assets/tokens.css')).status).toBe(200);
    expect((await app().request('/assets/worldMap.js')).headers.get('content-type')).toContain('javascript');
    expect((await app().request('/assets/secret.txt')).status).toBe(404);
  });

  it('links every page to the same page in the other language', async () => {
    const { html } = await page('/prefectures/330001');
    expect(html).toContain('href="/ja/prefectures/330001"');
    const japanese = await page('/ja/prefectures/330001');
    expect(japanese.html).toContain('href="/prefectures/330001" hreflang="en"');
  });
});

describe('details lists', () => {
  it('sort, and download as CSV and XLSX in the order and language asked for', async () => {
    const sorted = await page('/countries/US?sort=partner');
    expect(sorted.status).toBe(200);
    expect(sorted.html).toContain('href="/countries/US.csv?sort=partner"');
    expect(sorted.html).toContain('href="/countries/US.xlsx?sort=partner"');
    const csv = await (await app().request('/ja/countries/US.csv')).text();
    const [header, first] = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe('自治体,コード,地域,国,提携先,提携先の地域,提携先の国,名称,提携日,状態,交流の状況,アドレス');
    expect(first).toContain('アメリカ合衆国');
    expect(first).toContain('日本');
    const xlsx = await app().request('/prefectures/330001.xlsx');
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]);
  });

  it('falls back to the list’s own order and first page for a sort or page it does not know', async () => {
    const { status, html } = await page('/prefectures/330001?sort=%3Cscript%3E&page=999');
    expect(status).toBe(200);
    expect(html).not.toContain('<script>');
    expect(html).toContain('href="/prefectures/330001.csv?sort=local"');
  });
});

describe('home, local government and relationship pages', () => {
  it('lists the latest signed relationships and this year’s anniversaries on the home page', async () => {
    const year = Number(today().slice(0, 4));
    await createRelationship({ localGovernmentIds: [okayamaPrefecture.id, saintPaul.id], label: 'sister state', signedOn: `${year - 25}-06-01` });
    const { html } = await page('/');
    expect(html).toContain('<h2>Latest signed</h2>');
    expect(html).toContain(`Anniversaries in ${year}`);
    expect(html).toContain('<strong>25 years</strong>');
    const japanese = (await page('/ja')).html;
    expect(japanese).toContain('<strong>25周年</strong>');
  });

  it('describes a local government for search engines, with a timeline and a map of its partners', async () => {
    const { html } = await page(`/lg/${ibara.id}-ibara-city`);
    const data = JSON.parse(html.match(/<script type="application\/ld\+json">(.*?)<\/script>/)![1]!) as Record<string, unknown>;
    expect(data).toMatchObject({ '@type': 'AdministrativeArea', name: 'Ibara City', alternateName: '井原市', identifier: '332071' });
    expect(data.containedInPlace).toMatchObject({ name: 'Okayama Prefecture' });
    expect(html).toContain('<ol class="timeline">');
    // Where it lies is a location, not a country: "Okayama Prefecture, Japan".
    expect(html).toMatch(/<dt>Location<\/dt>\s*<dd>Okayama Prefecture, Japan<\/dd>/);
    expect(html).toContain(`src="/map/places/${ibara.id}.svg"`);
    const map = await app().request(`/map/places/${ibara.id}.svg`);
    expect(map.headers.get('content-type')).toContain('image/svg+xml');
    const svg = await map.text();
    expect(svg).toContain('data-map-highlight');
    // Served as an image, the SVG must be well-formed XML, or the browser shows a broken image.
    expect(xmlError(svg)).toBeNull();
    expect((await app().request('/map/places/999999999.svg')).status).toBe(404);
  });

  it('sends the addresses people type on to the canonical ones, and has an icon', async () => {
    const location = async (path: string) => {
      const response = await app().request(path);
      return `${response.status} ${response.headers.get('location')}`;
    };
    expect(await location('/prefectures/13')).toBe('301 /prefectures/130001');
    expect(await location('/prefectures/1')).toBe('301 /prefectures/010006');
    expect(await location('/prefectures/tokyo')).toBe('301 /prefectures/130001');
    expect(await location('/ja/prefectures/Osaka')).toBe('301 /ja/prefectures/270008');
    expect(await location('/prefectures/okayama-prefecture?sort=date')).toBe('301 /prefectures/330001?sort=date');
    expect((await app().request('/prefectures/48')).status).toBe(404);
    expect((await app().request('/prefectures/atlantis')).status).toBe(404);
    expect(await location('/countries/germany')).toBe('301 /countries/DE');
    expect(await location('/countries/united-states?sort=partner')).toBe('301 /countries/US?sort=partner');
    expect(await location('/countries/South%20Korea')).toBe('301 /countries/KR');
    expect(await location(`/ja/countries/${encodeURIComponent('ドイツ')}`)).toBe('301 /ja/countries/DE');
    expect((await app().request('/countries/atlantis')).status).toBe(404);
    expect(await location('/ja/')).toBe('301 /ja');
    expect(await location('/favicon.ico')).toBe('301 /assets/favicon.svg');
    const icon = await app().request('/assets/favicon.svg');
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(xmlError(await icon.text())).toBeNull();
    expect((await page('/')).html).toMatch(/<link rel="icon" type="image\/svg\+xml" href="\/assets\/favicon\.svg\?v=/);
  });

  it('draws every chart and map of its pages as well-formed SVG, in English and Japanese', async () => {
    const pages = ['/', '/statistics', '/map', '/map?country=US', '/prefectures', `/lg/${ibara.id}-ibara-city`];
    let drawn = 0;
    for (const path of [...pages, ...pages.map((path) => `/ja${path === '/' ? '' : path}`)]) {
      for (const svg of inlineSvgsOf((await page(path)).html)) {
        drawn++;
        expect(xmlError(svg), `an SVG of ${path}: ${svg.slice(0, 120)}`).toBeNull();
      }
    }
    expect(drawn).toBeGreaterThan(6);
  });

  it('describes a relationship as the event of its signing', async () => {
    const { html } = await page(`/ja/relationships/${relationship.id}`);
    const data = JSON.parse(html.match(/<script type="application\/ld\+json">(.*?)<\/script>/)![1]!) as { name: string; startDate: string; location: { name: string }[] };
    expect(data.startDate).toBe('1955-12');
    expect(data.location.map((place) => place.name)).toContain('長崎市');
    expect(html).not.toContain('<script>alert');
  });
});

describe('the search page', () => {
  it('narrows by country and kind as the API does, and keeps the choices in the form', async () => {
    const { html } = await page('/search?q=Glasgow&country=US');
    expect(html).toContain('<option value="US" selected="">United States</option>');
    expect(html).not.toContain('Scotland');
    expect(html).toContain('Kentucky');
    const japanese = (await page('/ja/search?q=okayama&kind=prefecture')).html;
    expect(japanese).toContain('岡山県');
    expect(japanese).not.toContain('岡山市');
  });

  it('says a name is too long rather than cutting it silently, and ignores filters it does not know', async () => {
    const long = await page(`/search?q=${'a'.repeat(201)}`);
    expect(long.status).toBe(422);
    expect(long.html).toContain('A name is at most 200 characters long.');
    const unknown = await page('/search?q=Glasgow&country=ZZ&kind=castle');
    expect(unknown.status).toBe(200);
    expect(unknown.html).toContain('Scotland');
  });
});

describe('the API reference page', () => {
  it('lists each body field with its type and whether it is required', async () => {
    const { html } = await page('/api/docs');
    expect(html).toContain('<h3>Body (JSON)</h3>');
    expect(html).toMatch(/<code>localGovernmentIds<\/code><\/td><td>array of integer[^<]*<\/td><td>yes<\/td>/);
    expect(html).toMatch(/<code>clair.budgetApproved<\/code>/);
    expect(html).toMatch(/<code>status<\/code><\/td><td>one of proposed, active, dormant, ended/);
  });
});
