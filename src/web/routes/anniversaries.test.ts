import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestAccount, OPERATOR, type TestAccount } from '../../../test/accounts.js';
import { signedInClient, TestClient } from '../../../test/client.js';
import { openTestDatabase } from '../../../test/database.js';
import { queryRows, type Database } from '../../db/client.js';
import { createRelationship, endRelationship, today } from '../../services/registry.js';
import { createApp } from '../app.js';

let database: Database;
let coordinator: TestAccount;
let administrator: TestAccount;
let officer: TestAccount;
/** Okayama Prefecture's cities, by JIS code. */
let okayama: { id: number; name_en: string }[];
let sanJose: { id: number; name_en: string };
let california: { id: number };
let ohio: { id: number; name_en: string };
let wellington: { id: number };
const YEAR = Number(today().slice(0, 4));

const app = () => createApp({ db: database.db, cacheBytes: 0 });
const clientOf = (account: TestAccount) => signedInClient(app(), database.db, account);
const jurisdictionRows = () =>
  queryRows<{ slug: string; name_en: string; members: string }>(
    database.db,
    sql`select j.slug, j.name_en, coalesce(string_agg(m.kind || ':' || coalesce(m.country, '') || ':' || coalesce(m.admin1, '') || ':' || coalesce(m.admin2, '') || ':' || coalesce(m.local_government_id::text, ''), ',' order by m.position), '') as members
      from jurisdictions j left join jurisdiction_members m on m.jurisdiction_id = j.id group by j.id order by j.slug`,
  );
const audits = (action: string) => queryRows<{ actor: string }>(database.db, sql`select actor from audit_log where entity = 'jurisdiction' and action = ${action} order by id`);

const relate = (a: number, b: number, signedOn: string, label = 'sister city') => createRelationship(database.db, { localGovernmentIds: [a, b], label, signedOn } as never, OPERATOR);

const NORCAL = () => ({
  nameEn: 'Northern and Central California',
  nameJa: '北カリフォルニア・中部カリフォルニア',
  slug: '',
  descriptionEn: 'The consulate’s area.',
  descriptionJa: '',
  members: `US-CA-085\nus-ca-081\nlg:${california.id}`,
});

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  okayama = await queryRows(database.db, sql`select id, name_en from local_governments where country = 'JP' and kind = 'city' and jis_code like '33%' order by jis_code limit 6`);
  [sanJose] = await queryRows(database.db, sql`select id, name_en from local_governments where country = 'US' and admin1 = 'CA' and admin2 = '085' and kind = 'municipality' order by population desc nulls last limit 1`) as [typeof sanJose];
  [california] = await queryRows(database.db, sql`select id from local_governments where country = 'US' and kind = 'state' and admin1 = 'CA'`) as [typeof california];
  [ohio] = await queryRows(database.db, sql`select id, name_en from local_governments where country = 'US' and admin1 = 'OH' and kind = 'municipality' order by population desc nulls last limit 1`) as [typeof ohio];
  [wellington] = await queryRows(database.db, sql`select id from local_governments where country = 'NZ' and kind = 'municipality' order by population desc nulls last limit 1`) as [typeof wellington];
  coordinator = await createTestAccount(database.db, 'coordinator');
  administrator = await createTestAccount(database.db, 'administrator');
  officer = await createTestAccount(database.db, 'officer', [okayama[0]!.id]);
  // 2026: 25 years by the day, 30 by the month, 10 by the year; one of two years; one ended.
  await relate(okayama[0]!.id, sanJose.id, '2001-04-01');
  await relate(okayama[1]!.id, california.id, '1996-04');
  await relate(okayama[2]!.id, ohio.id, '2016');
  await relate(okayama[3]!.id, sanJose.id, '2024-03-03');
  const ended = await relate(okayama[4]!.id, sanJose.id, '2001-05-05');
  await endRelationship(database.db, ended.id, { endedOn: '2020-01-01' } as never, OPERATOR);
  // For the feeds, which hold this year's and next year's: 10 years this year by the day, 5 next year by the month, 3 this year by the year.
  await relate(okayama[0]!.id, wellington.id, `${YEAR - 10}-07-15`);
  await relate(okayama[5]!.id, wellington.id, `${YEAR - 4}-02`);
  await relate(okayama[1]!.id, wellington.id, `${YEAR - 3}`, 'friendship city');
});
afterAll(() => database.close());

describe('who may define jurisdictions', () => {
  it('sends the public to sign in for the editor and its writes, saving nothing', async () => {
    const visitor = new TestClient(app());
    const page = await visitor.request('/ja/jurisdictions/new');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/ja/sign-in?next=%2Fja%2Fjurisdictions%2Fnew');
    await visitor.page('/sign-in');
    const posted = await visitor.post('/jurisdictions', NORCAL());
    expect(posted.status).toBe(303);
    expect(posted.response.headers.get('location')).toMatch(/^\/sign-in\?next=/);
    expect(await jurisdictionRows()).toEqual([]);
  });

  it('refuses officers with a page saying why, saving nothing', async () => {
    const client = await clientOf(officer);
    const page = await client.page('/jurisdictions/new');
    expect(page.status).toBe(403);
    expect(page.html).toContain('Only coordinators and administrators');
    expect((await client.post('/jurisdictions', NORCAL())).status).toBe(403);
    expect(await jurisdictionRows()).toEqual([]);
  });

  it('refuses a form without its CSRF token', async () => {
    const client = await clientOf(coordinator);
    expect((await client.post('/jurisdictions', { ...NORCAL(), _csrf: 'forged' })).status).toBe(403);
    expect(await jurisdictionRows()).toEqual([]);
  });

  it('lets a coordinator define one, audited, and an administrator change and delete another', async () => {
    const client = await clientOf(coordinator);
    await client.page('/jurisdictions/new');
    const created = await client.post('/jurisdictions', NORCAL());
    expect(created.status).toBe(303);
    expect(created.response.headers.get('location')).toBe('/jurisdictions/northern-and-central-california?done=created');
    expect(await jurisdictionRows()).toEqual([
      { slug: 'northern-and-central-california', name_en: 'Northern and Central California', members: `county:US:CA:085:,county:US:CA:081:,lg::::${california.id}` },
    ]);
    expect((await audits('create')).map((row) => row.actor)).toEqual([coordinator.email]);

    const admin = await clientOf(administrator);
    await admin.page('/ja/jurisdictions/new');
    expect((await admin.post('/ja/jurisdictions', { ...NORCAL(), nameEn: 'Ohio', slug: 'ohio-state', members: 'US-OH' })).status).toBe(303);
    const edit = await admin.page('/ja/jurisdictions/ohio-state/edit');
    expect(edit.status).toBe(200);
    expect(edit.html).toContain('US-OH</textarea>');
    const saved = await admin.post('/ja/jurisdictions/ohio-state', { ...NORCAL(), nameEn: 'Ohio and Wellington', slug: 'ohio', members: `US-OH\nlg:${wellington.id}` });
    expect(saved.status).toBe(303);
    expect(saved.response.headers.get('location')).toBe('/ja/jurisdictions/ohio?done=saved');
    expect((await jurisdictionRows()).find((row) => row.slug === 'ohio')?.members).toBe(`region:US:OH::,lg::::${wellington.id}`);
    expect((await client.post('/jurisdictions/ohio/delete')).status).toBe(303);
    expect((await jurisdictionRows()).map((row) => row.slug)).toEqual(['northern-and-central-california']);
    expect((await audits('update')).map((row) => row.actor)).toEqual([administrator.email]);
    expect((await audits('delete')).map((row) => row.actor)).toEqual([coordinator.email]);
  });

  it('refuses officers the changes and the deletion of a jurisdiction', async () => {
    const client = await clientOf(officer);
    await client.page('/jurisdictions');
    const before = await jurisdictionRows();
    expect((await client.page('/jurisdictions/northern-and-central-california/edit')).status).toBe(403);
    expect((await client.post('/jurisdictions/northern-and-central-california', { ...NORCAL(), nameEn: 'Taken over' })).status).toBe(403);
    expect((await client.post('/jurisdictions/northern-and-central-california/delete')).status).toBe(403);
    expect(await jurisdictionRows()).toEqual(before);
  });
});

describe('the editor’s refusals', () => {
  it('names each wrong field and each wrong place by its line, in English and Japanese, and saves nothing', async () => {
    const client = await clientOf(coordinator);
    await client.page('/jurisdictions/new');
    const before = await jurisdictionRows();
    const members = ['US-CA', 'US-CA-085', 'XX', 'US-ZZ', 'US-CA-999', 'lg:999999999', 'Calif/ornia', 'US-CA'].join('\n');
    const english = await client.post('/jurisdictions', { nameEn: ' ', nameJa: '', slug: 'Not A Slug', descriptionEn: '', descriptionJa: '', members });
    expect(english.status).toBe(422);
    for (const message of [
      'Give the jurisdiction a name in English.',
      'Write the address in lower-case letters, digits and hyphens, such as northern-california.',
      'Line 2: “US-CA-085” lies within US-CA, named already.',
      'Line 3: there is no country “XX”.',
      'Line 4: the register knows no state or province “US-ZZ”.',
      'Line 5: the register knows no place in the county “US-CA-999”.',
      'Line 6: there is no local government “lg:999999999”.',
      'Line 7: “Calif/ornia” is no place code. Write US, US-CA, US-CA-085 or lg:123.',
      'Line 8: “US-CA” is named already on line 1.',
    ]) {
      expect(english.html).toContain(message);
    }
    expect(english.html).toMatch(/id="jurisdiction-members"[^>]*aria-invalid="true"/);
    expect(english.html).toContain('Calif/ornia');
    const japanese = await client.post('/ja/jurisdictions', { nameEn: 'A', members: '' });
    expect(japanese.status).toBe(422);
    expect(japanese.html).toContain('地域を一つ以上書いてください');
    expect(await jurisdictionRows()).toEqual(before);
  });

  it('refuses an address another jurisdiction has, with 409', async () => {
    const client = await clientOf(coordinator);
    await client.page('/jurisdictions/new');
    const taken = await client.post('/jurisdictions', NORCAL());
    expect(taken.status).toBe(409);
    expect(taken.html).toContain('Another jurisdiction has this address already');
    expect((await client.post('/jurisdictions', { ...NORCAL(), slug: 'new' })).status).toBe(422);
    expect(await jurisdictionRows()).toHaveLength(1);
  });

  it('names the counties of a state in the editor, and says when it cannot read the state', async () => {
    const client = await clientOf(coordinator);
    const page = await client.page('/jurisdictions/new?counties=US-CA');
    expect(page.html).toContain('<code>US-CA-085</code>');
    expect(page.html).toContain('Santa Clara County');
    expect(page.html).toContain(sanJose.name_en);
    expect((await client.page('/ja/jurisdictions/new?counties=California')).html).toContain('州・省は国とコードで書いてください');
  });
});

describe('a jurisdiction’s page', () => {
  it('lists its places, the relationships within it, their anniversaries of a year and the feeds', async () => {
    const { status, html } = await new TestClient(app()).page('/jurisdictions/northern-and-central-california?year=2026');
    expect(status).toBe(200);
    expect(html).toContain('Santa Clara County, California, United States');
    expect(html).toContain('4 relationships of Japanese local governments have a party within this jurisdiction.');
    expect(html).not.toContain(ohio.name_en);
    const anniversaries = html.slice(html.indexOf('id="anniversaries"'), html.indexOf('id="vitality"'));
    expect(anniversaries).toContain('25 years');
    expect(anniversaries).toContain('1 April 2026');
    expect(anniversaries).toContain('30 years');
    expect(anniversaries).toContain('in April 2026');
    expect(html).toContain('href="/jurisdictions/northern-and-central-california/anniversaries.ics"');
    const ja = await new TestClient(app()).page('/ja/jurisdictions/northern-and-central-california?year=2026');
    expect(ja.html).toContain('北カリフォルニア・中部カリフォルニア');
    expect(ja.html).toContain('25周年');
    expect((await new TestClient(app()).page('/jurisdictions/northern-and-central-california?year=tomorrow')).status).toBe(422);
    expect((await new TestClient(app()).page('/jurisdictions/nowhere')).status).toBe(404);
  });
});

describe('the anniversaries page', () => {
  const years = (html: string) => [...html.matchAll(/<th scope="row">(\d+) years?<\/th>/g)].map((match) => Number(match[1])).sort((a, b) => a - b);

  it('lists a year’s anniversaries by the precision of each date, leaving out ended relationships and other ages', async () => {
    const { status, html } = await new TestClient(app()).page('/anniversaries?year=2026&prefecture=33&country=US');
    expect(status).toBe(200);
    expect(years(html)).toEqual([10, 25, 30]);
    expect(html).toContain('during the year');
  });

  it('narrows by the partner’s country and state, and by jurisdiction', async () => {
    const visitor = new TestClient(app());
    expect(years((await visitor.page('/anniversaries?year=2026&country=US')).html)).toEqual([10, 25, 30]);
    expect(years((await visitor.page('/anniversaries?year=2026&country=us&region=ca')).html)).toEqual([25, 30]);
    expect(years((await visitor.page('/anniversaries?year=2026&jurisdiction=northern-and-central-california')).html)).toEqual([25, 30]);
    expect(years((await visitor.page('/anniversaries?year=2027&country=US')).html)).toEqual([3]);
    expect(years((await visitor.page('/anniversaries?year=2025&country=US')).html)).toEqual([1]);
    expect(years((await visitor.page('/anniversaries?year=2028&country=US')).html)).toEqual([]);
  });

  it('refuses choices it cannot read, naming the field, in the page’s language', async () => {
    const visitor = new TestClient(app());
    const english = await visitor.page('/anniversaries?year=20x6&country=ZZ&region=CA&prefecture=99&jurisdiction=atlantis');
    expect(english.status).toBe(422);
    expect(english.html).toContain('Year: write a year from 1901 to');
    expect(english.html).toContain('Partner’s country: there is no country “ZZ”.');
    expect(english.html).toContain('Prefecture: there is no prefecture “99”.');
    expect(english.html).toContain('Jurisdiction: there is no jurisdiction “atlantis”.');
    expect((await visitor.page('/anniversaries?region=CA')).html).toContain('choose the partner’s country too');
    expect((await visitor.page('/ja/anniversaries?country=US&region=ZZ')).html).toContain('相手の州・省：「ZZ」は登録簿にあるアメリカ合衆国の第一級行政区画ではありません。');
    const csv = await visitor.request('/anniversaries.csv?year=1800');
    expect(csv.status).toBe(422);
  });

  it('gives the list as CSV with a link back to each relationship', async () => {
    const response = await new TestClient(app()).request('/anniversaries.csv?year=2026&country=US&region=CA');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Anniversary,When,Japanese local government,Partner,Country,Label,Signed,Vitality,Relationship');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^30,in April 2026,.*California.*,United States,sister city,April 1996,.*,http:\/\/localhost\/relationships\/\d+$/);
    expect(lines[2]).toMatch(/^25,1 April 2026,/);
  });
});

/** The events of a feed, read by ical.js. */
async function feedOf(path: string): Promise<{ name: string; events: { summary: string; start: string; end: string; allDay: boolean; url: string; uid: string }[] }> {
  const response = await new TestClient(app()).request(path);
  expect(response.status, path).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  const calendar = new ICAL.Component(ICAL.parse(await response.text()));
  expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return { summary: event.summary, start: event.startDate.toString(), end: event.endDate.toString(), allDay: event.startDate.isDate, url: String(vevent.getFirstPropertyValue('url')), uid: event.uid };
  });
  return { name: String(calendar.getFirstPropertyValue('x-wr-calname')), events };
}
const eventsOf = async (path: string) => (await feedOf(path)).events;

describe('the iCalendar feeds', () => {
  it('hold this year’s and next year’s anniversaries of a country as all-day events linked back, dated as precisely as known', async () => {
    const events = await eventsOf('/countries/NZ/anniversaries.ics');
    expect(events.map(({ start, end, allDay }) => ({ start, end, allDay }))).toEqual([
      { start: `${YEAR}-01-01`, end: `${YEAR + 1}-01-01`, allDay: true },
      { start: `${YEAR}-07-15`, end: `${YEAR}-07-16`, allDay: true },
      { start: `${YEAR + 1}-02-01`, end: `${YEAR + 1}-03-01`, allDay: true },
    ]);
    expect(events.map((event) => event.summary.split(':')[0])).toEqual(['3 years', '10 years', '5 years']);
    for (const event of events) expect(event.url).toMatch(/^http:\/\/localhost\/relationships\/\d+$/);
    expect(new Set(events.map((event) => event.uid)).size).toBe(3);
  });

  it('are given per local government, prefecture and jurisdiction, in Japanese too', async () => {
    const newZealand = (await eventsOf('/countries/NZ/anniversaries.ics')).map((event) => event.uid);
    expect((await eventsOf(`/lg/${okayama[5]!.id}/anniversaries.ics`)).map((event) => event.start)).toEqual([`${YEAR + 1}-02-01`]);
    expect((await eventsOf('/prefectures/330001/anniversaries.ics')).map((event) => event.uid)).toEqual(expect.arrayContaining(newZealand));
    expect((await eventsOf(`/anniversaries.ics?country=NZ&prefecture=33`)).map((event) => event.uid)).toEqual(newZealand);
    const japanese = await feedOf('/ja/jurisdictions/northern-and-central-california/anniversaries.ics');
    expect(japanese.name).toBe('Kizuna：北カリフォルニア・中部カリフォルニアの周年');
    expect(japanese.events.every((event) => event.url.startsWith('http://localhost/ja/relationships/'))).toBe(true);
    const japaneseNewZealand = await eventsOf('/ja/countries/NZ/anniversaries.ics');
    expect(japaneseNewZealand[1]!.summary).toMatch(/10周年$/);
    expect(japaneseNewZealand[1]!.url).toMatch(/^http:\/\/localhost\/ja\/relationships\/\d+$/);
    expect((await new TestClient(app()).request('/countries/ZZ/anniversaries.ics')).status).toBe(404);
    expect((await new TestClient(app()).request('/anniversaries.ics?country=ZZ')).status).toBe(422);
  });

  it('are linked from the pages of an LG, a prefecture and a country', async () => {
    const visitor = new TestClient(app());
    const [lg] = await queryRows<{ slug: string }>(database.db, sql`select slug from local_governments where id = ${okayama[0]!.id}`);
    expect((await visitor.page(`/lg/${okayama[0]!.id}-${lg!.slug}`)).html).toContain(`href="/lg/${okayama[0]!.id}/anniversaries.ics"`);
    expect((await visitor.page('/prefectures/330001')).html).toContain('href="/prefectures/330001/anniversaries.ics"');
    const country = (await visitor.page('/ja/countries/US')).html;
    expect(country).toContain('href="/ja/countries/US/anniversaries.ics"');
    expect(country).toContain('href="/ja/anniversaries?country=US"');
  });
});
