import { sql } from 'drizzle-orm';
import { tinyPng } from '../../../test/images.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestAccount } from '../../../test/accounts.js';
import { OPERATOR } from '../../../test/accounts.js';
import { openTestDatabase } from '../../../test/database.js';
import { queryRows, type Database } from '../../db/client.js';
import { ListingInput } from '../../services/inputs.js';
import { createListing, setListingImage, takeListingStep, type Listing } from '../../services/listings.js';
import { createApp } from '../app.js';

let database: Database;
const app = () => createApp({ db: database.db });
/** A coordinator's API token: coordinators see every listing, published or not. */
let coordinatorToken: string;
let demo: { ibara: number; ujitawara: number; nagi: number };

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  coordinatorToken = (await createTestAccount(database.db, 'coordinator')).token;
  const rows = await queryRows<{ id: number; jis_code: string }>(
    database.db,
    sql`select l.id, lg.jis_code from listings l join local_governments lg on lg.id = l.local_government_id where lg.jis_code in ('332071', '263443', '336238')`,
  );
  const idOf = (code: string) => Number(rows.find((row) => row.jis_code.trim() === code)!.id);
  demo = { ibara: idOf('332071'), ujitawara: idOf('263443'), nagi: idOf('336238') };
});
afterAll(() => database.close());

async function page(path: string, token?: string) {
  const response = await app().request(path, token ? { headers: { authorization: `Bearer ${token}` } } : undefined);
  return { status: response.status, html: await response.text(), response };
}

/** The local governments a listings page's table names, in order. */
const listedNames = (html: string) => [...html.matchAll(/<th scope="row"[^>]*><a href="(?:\/ja)?\/listings\/\d+">([^<]+)<\/a>/g)].map((match) => match[1]);

/** A local government abroad without a listing yet. */
async function foreignLocalGovernment(country: string, skip = 0): Promise<{ id: number; name: string }> {
  const [row] = await queryRows<{ id: number; name_en: string }>(
    database.db,
    sql`select id, name_en from local_governments lg where country = ${country}
          and not exists (select 1 from listings l where l.local_government_id = lg.id)
        order by id limit 1 offset ${skip}`,
  );
  return { id: Number(row!.id), name: row!.name_en };
}

/** Contents complete enough to submit, in English only unless told otherwise. */
const completeInput = (overrides: Record<string, unknown> = {}) =>
  ListingInput.parse({
    population: 125_000,
    populationAsOf: '2023-07',
    areaKm2: 88.5,
    desiredRegions: ['country:JP'],
    fields: ['sport'],
    outline: { en: 'A coastal city with a busy port and a rugby club.' },
    characteristics: { en: 'A Japanese town that loves rugby.' },
    contact: { name: 'International Relations Officer', email: 'partners@city.example.org' },
    ...overrides,
  });

/** A listing taken through submission and moderation, as an officer and a coordinator would. */
async function publishedListing(localGovernmentId: number, input: ListingInput, image?: Uint8Array): Promise<Listing> {
  const draft = await createListing(database.db, OPERATOR, localGovernmentId, input);
  if (image) await setListingImage(database.db, OPERATOR, draft.id, image);
  await takeListingStep(database.db, OPERATOR, draft.id, 'submit');
  return takeListingStep(database.db, OPERATOR, draft.id, 'publish');
}

const PNG = new Uint8Array(tinyPng());

describe('the lists of listings', () => {
  it('lists the three demo listings with their prefectures in English', async () => {
    const { status, html } = await page('/listings/from-japan');
    expect(status).toBe(200);
    expect(listedNames(html)).toEqual(['Ibara City', 'Nagi Town', 'Ujitawara Town']);
    expect(html).toContain(`<a href="/listings/${demo.ibara}">Ibara City</a>`);
    expect(html).toContain('<td data-label="Prefecture">Okayama Prefecture</td>');
    expect(html).toContain('<td data-label="Prefecture">Kyōto Prefecture</td>');
    expect(html).toContain('English-speaking countries');
    expect(html).toContain('Australia, New Zealand');
    expect(html).toContain('39,019');
    expect(html).toContain('Listings: 3');
  });

  it('lists them in Japanese with Japanese names of places and regions', async () => {
    const { status, html } = await page('/ja/listings/from-japan');
    expect(status).toBe(200);
    expect(listedNames(html)).toHaveLength(3);
    for (const name of ['井原市', '宇治田原町', '奈義町', '岡山県', '京都府', '英語圏', 'オーストラリア']) expect(html).toContain(name);
    expect(html).toContain(`<a href="/ja/listings/${demo.nagi}">奈義町</a>`);
    expect(html).toContain('<html lang="ja"');
  });

  it('links each list to the other and tells an officer how to post', async () => {
    const { html } = await page('/listings/from-japan');
    expect(html).toContain('href="/listings/to-japan"');
    expect(html).toContain('href="/sign-in"');
    const other = await page('/ja/listings/to-japan');
    expect(other.html).toContain('href="/ja/listings/from-japan"');
    expect(other.html).toContain('日本の提携先を探している海外の自治体');
  });

  it('sends /listings to the Japanese local governments', async () => {
    const { status, response } = await page('/ja/listings');
    expect(status).toBe(302);
    expect(response.headers.get('location')).toBe('/ja/listings/from-japan');
  });

  // A region matches a listing whose desired regions share a country with it: New Zealand is English-speaking.
  it.each([
    ['region=country%3ANZ', ['Ibara City', 'Nagi Town', 'Ujitawara Town']],
    ['region=country%3AFR', []],
    ['region=country%3ACA', ['Ibara City', 'Ujitawara Town']],
    ['region=continent%3AOC', ['Ibara City', 'Nagi Town', 'Ujitawara Town']],
    ['region=country%3AUS', ['Ibara City', 'Ujitawara Town']],
    ['band=under-10k', ['Nagi Town', 'Ujitawara Town']],
    ['band=10k-50k', ['Ibara City']],
    ['field=education_youth', ['Nagi Town', 'Ujitawara Town']],
    ['kind=city', ['Ibara City']],
    ['q=denim', ['Ibara City']],
    [`q=${encodeURIComponent('デニムの聖地')}`, ['Ibara City']],
    [`q=${encodeURIComponent('井原')}`, ['Ibara City']],
    ['q=tea+Kyoto', ['Ujitawara Town']],
    ['region=country%3AAU&band=10k-50k', ['Ibara City']],
    ['region=country%3AFR&band=10k-50k', []],
  ])('filters by %s', async (query, names) => {
    const { status, html } = await page(`/listings/from-japan?${query}`);
    expect(status).toBe(200);
    expect(listedNames(html)).toEqual(names);
    expect(html).toContain(`Listings matching the filters: ${names.length} of 3`);
    if (names.length === 0) expect(html).toContain('No listing matches these filters');
  });

  it('keeps the chosen filters in the form', async () => {
    const { html } = await page('/listings/from-japan?region=continent%3AOC&band=under-10k&field=education_youth&kind=town&q=tea');
    expect(html).toMatch(/<option value="continent:OC" selected="">Oceania<\/option>/);
    expect(html).toMatch(/<option value="under-10k" selected="">/);
    expect(html).toMatch(/<option value="education_youth" selected="">/);
    expect(html).toMatch(/<option value="town" selected="">Town<\/option>/);
    expect(html).toContain('value="tea"');
    expect(html).toContain('<optgroup label="Continents">');
    expect(html).toContain('<optgroup label="Countries">');
    expect(listedNames(html)).toEqual(['Ujitawara Town']);
  });

  it('offers only the kinds of local government that are listed', async () => {
    const { html } = await page('/listings/from-japan');
    const kindSelect = /<select id="filter-kind"[^>]*>([\s\S]*?)<\/select>/.exec(html)![1]!;
    expect([...kindSelect.matchAll(/value="([^"]*)"/g)].map((match) => match[1])).toEqual(['', 'city', 'town']);
  });

  it('ignores filter values that are not in the form', async () => {
    const { status, html } = await page('/listings/from-japan?region=country%3AXX&kind=castle&band=huge&field=magic&toString=1');
    expect(status).toBe(200);
    expect(listedNames(html)).toHaveLength(3);
    expect(html).toContain('Listings: 3');
    expect(html).not.toMatch(/value="(country:XX|castle|huge|magic)"/);
  });

  it('refuses words over 200 characters with a message', async () => {
    const { status, html } = await page(`/listings/from-japan?q=${'a'.repeat(201)}`);
    expect(status).toBe(422);
    expect(html).toContain('role="alert"');
    expect(html).toContain('Type at most 200 characters');
    expect(listedNames(html)).toEqual([]);
    expect(html).not.toContain('No listing matches');
    const japanese = await page(`/ja/listings/from-japan?q=${'あ'.repeat(201)}`);
    expect(japanese.status).toBe(422);
    expect(japanese.html).toContain('200文字以内');
  });

  // Words are found anywhere in the names and texts: all three have "or" and "1" in them, none has "drop".
  it.each([
    ["' or 1=1 --", 3],
    ["%' ; drop table listings; --", 0],
    ["1'); delete from listings; --", 0],
  ])('treats %s as plain words and plain regions', async (attack, found) => {
    const words = await page(`/listings/from-japan?q=${encodeURIComponent(attack)}`);
    expect(words.status).toBe(200);
    expect(listedNames(words.html)).toHaveLength(found);
    const region = await page(`/listings/from-japan?region=${encodeURIComponent(attack)}`);
    expect(region.status).toBe(200);
    expect(listedNames(region.html)).toHaveLength(3);
    const [row] = await queryRows<{ count: number }>(database.db, sql`select count(*)::int as count from listings where status = 'published'`);
    expect(Number(row!.count)).toBeGreaterThanOrEqual(3);
    expect(listedNames((await page('/listings/from-japan')).html)).toHaveLength(3);
  });

  it('escapes what it shows back of the query', async () => {
    const { html } = await page(`/listings/from-japan?q=${encodeURIComponent('"><script>alert(1)</script>')}&region=${encodeURIComponent('<script>x</script>')}`);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('a listing page', () => {
  it("shows Ibara City's profile with its population, area and texts", async () => {
    const { status, html } = await page(`/listings/${demo.ibara}`);
    expect(status).toBe(200);
    expect(html).toContain('<h1>Ibara City');
    expect(html).toContain('39,019 (as of June 2021)');
    expect(html).toContain('243.54 km²');
    expect(html).toContain('English-speaking countries');
    expect(html).toContain('culture and arts, economy and trade');
    expect(html).toContain('holy land of denim');
    // Each PR section is a paragraph of its own.
    expect(html).toContain('<p><strong class="lead-in">Ibara Denim</strong>Its many denim');
    expect(html).toContain('<p><strong class="lead-in">Grapes</strong>Ibara is one');
    expect(html).toContain('<a href="https://www.city.ibara.okayama.jp/" rel="nofollow noopener">Official website</a>');
    expect(html).toMatch(/href="\/lg\/\d+-ibara-city"/);
    expect(html).toContain('+81-3-5213-1723');
    // The public sees no status banner on a published listing.
    expect(html).not.toContain('listing-status');
  });

  it('shows it in Japanese', async () => {
    const { html } = await page(`/ja/listings/${demo.ibara}`);
    expect(html).toContain('39,019人（2021年6月現在）');
    expect(html).toContain('243.54 km²');
    expect(html).toContain('英語圏');
    expect(html).toContain('デニムの聖地');
    expect(html).toContain('岡山県');
    expect(html).toMatch(/href="\/ja\/lg\/\d+-ibara-city"/);
    expect(html).not.toContain('（英語）');
  });

  it('shows the status to a signed-in person', async () => {
    const { html } = await page(`/listings/${demo.nagi}`, coordinatorToken);
    expect(html).toContain('Published — expires on');
  });

  it.each(['/listings/999999999', '/ja/listings/999999999', '/listings/1x', '/listings/999999999/image'])('answers %s with 404', async (path) => {
    expect((await page(path)).status).toBe(404);
  });
});

describe('listings that are not public, and listings from abroad', () => {
  it('lists no local government abroad at first', async () => {
    const { status, html } = await page('/listings/to-japan');
    expect(status).toBe(200);
    expect(listedNames(html)).toEqual([]);
    expect(html).toContain('No local government is looking for a partner here at the moment.');
  });

  it('shows a draft to a coordinator with its status, and to no one else', async () => {
    const lg = await foreignLocalGovernment('AU', 5);
    const draft = await createListing(database.db, OPERATOR, lg.id, ListingInput.parse({}));
    expect((await page(`/listings/${draft.id}`)).status).toBe(404);
    expect((await page(`/ja/listings/${draft.id}`)).status).toBe(404);
    const seen = await page(`/listings/${draft.id}`, coordinatorToken);
    expect(seen.status).toBe(200);
    expect(seen.html).toContain('Draft — not public');
    expect(seen.html).toContain('<meta name="robots" content="noindex"/>');
    expect(listedNames((await page('/listings/to-japan')).html)).toEqual([]);

    await takeListingStep(database.db, OPERATOR, draft.id, 'withdraw');
    expect((await page(`/listings/${draft.id}`, coordinatorToken)).html).toContain('Closed: withdrawn — not public');
  });

  it('lists a published listing from Australia with its country, and its English text on the Japanese page', async () => {
    const lg = await foreignLocalGovernment('AU');
    const listing = await publishedListing(lg.id, completeInput());
    const list = await page('/listings/to-japan');
    expect(listedNames(list.html)).toEqual([lg.name]);
    expect(list.html).toContain('Australia');
    expect(list.html).toContain('<th scope="col">Country</th>');
    expect(listedNames((await page('/listings/from-japan')).html)).toHaveLength(3);
    // A listing from abroad is found by where it is, not by what it wants (Japan).
    expect(listedNames((await page('/listings/to-japan?region=continent%3AOC&field=sport')).html)).toEqual([lg.name]);
    expect(listedNames((await page('/listings/to-japan?region=country%3AJP')).html)).toEqual([]);

    const japanese = await page(`/ja/listings/${listing.id}`);
    expect(japanese.status).toBe(200);
    expect(japanese.html).toContain('オーストラリア');
    expect(japanese.html).toContain('（英語）');
    expect(japanese.html).toContain('<div lang="en"><p>A coastal city with a busy port and a rugby club.</p></div>');
    expect(japanese.html).toContain('125,000人（2023年7月現在）');
  });

  it('serves a published picture to everyone and an unpublished one only to those who may see it', async () => {
    const lg = await foreignLocalGovernment('NZ');
    const listing = await publishedListing(lg.id, completeInput(), PNG);
    const { html } = await page(`/listings/${listing.id}`);
    expect(html).toContain(`<img src="/listings/${listing.id}/image" alt="A picture from ${lg.name}"`);
    const image = await app().request(`/listings/${listing.id}/image`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(image.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(image.headers.get('cache-control')).toMatch(/^public/);
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(PNG);

    const other = await foreignLocalGovernment('NZ', 1);
    const draft = await createListing(database.db, OPERATOR, other.id, completeInput());
    await setListingImage(database.db, OPERATOR, draft.id, PNG);
    expect((await app().request(`/listings/${draft.id}/image`)).status).toBe(404);
    const hidden = await app().request(`/listings/${draft.id}/image`, { headers: { authorization: `Bearer ${coordinatorToken}` } });
    expect(hidden.status).toBe(200);
    expect(hidden.headers.get('cache-control')).toBe('private, max-age=60');
  });

  it('escapes markup in every text of a listing', async () => {
    const lg = await foreignLocalGovernment('US');
    const attack = '<script>alert(1)</script> "><img src=x onerror=alert(1)>';
    const listing = await publishedListing(
      lg.id,
      completeInput({
        outline: { en: attack, ja: attack },
        characteristics: { en: attack },
        pr: { en: `${attack}\n\n${attack}` },
        links: [{ url: 'https://example.org/"><script>alert(1)</script>', label: attack }],
        contact: { name: attack, email: 'partners@city.example.org', phone: '' },
      }),
    );
    for (const path of [`/listings/${listing.id}`, `/ja/listings/${listing.id}`, '/listings/to-japan']) {
      const { status, html } = await page(path);
      expect(status).toBe(200);
      expect(html).not.toContain('<script>');
      expect(html).not.toContain('<img src=x');
      expect(html).not.toContain('"><img');
    }
    const { html } = await page(`/listings/${listing.id}`);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
