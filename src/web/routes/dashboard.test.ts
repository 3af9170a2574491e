import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestAccount, type TestAccount } from '../../../test/accounts.js';
import { COMPLETE_LISTING_FORM, signedInClient, TestClient } from '../../../test/client.js';
import { openTestDatabase } from '../../../test/database.js';
import { queryRows, type Database } from '../../db/client.js';
import { createApp } from '../app.js';
import { today } from '../../services/registry.js';

let database: Database;
const ids = { ibara: 0, nagi: 0, kurashiki: 0 };
let officer: TestAccount;
let coordinator: TestAccount;

async function lgId(jisCode: string): Promise<number> {
  const [row] = await queryRows<{ id: number }>(database.db, sql`select id from local_governments where jis_code = ${jisCode}`);
  return row!.id;
}

const clientOf = (account: TestAccount) => signedInClient(createApp({ db: database.db }), database.db, account);

const listingOf = async (lg: number) =>
  (await queryRows<{ id: number; status: string; population: number | null; outline_en: string }>(
    database.db,
    sql`select id, status, population, outline_en from listings where local_government_id = ${lg} order by id desc limit 1`,
  ))[0];

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  ids.ibara = await lgId('332071');
  ids.nagi = await lgId('336238');
  ids.kurashiki = await lgId('332020');
  officer = await createTestAccount(database.db, 'officer', [ids.ibara, ids.kurashiki]);
  coordinator = await createTestAccount(database.db, 'coordinator');
});
afterAll(() => database.close());

describe('the dashboard', () => {
  it('sends a visitor without a session to the sign-in page, coming back afterwards', async () => {
    const response = await new TestClient(createApp({ db: database.db })).request('/ja/dashboard');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/ja/sign-in?next=%2Fja%2Fdashboard');
  });

  it("shows an officer their local governments, their listings and a way to start one for an LG without", async () => {
    const client = await clientOf(officer);
    const { status, html } = await client.page('/dashboard');
    expect(status).toBe(200);
    expect(html).toContain('Ibara City');
    expect(html).toContain('Kurashiki City');
    expect(html).toContain(`/dashboard/listings/new?lg=${ids.kurashiki}`);
    expect(html).not.toContain(`/dashboard/listings/new?lg=${ids.ibara}`); // Ibara's demo listing is open
    expect(html).toMatch(/Published/);
    const ja = await client.page('/ja/dashboard');
    expect(ja.html).toContain('井原市');
    expect(ja.html).toContain('公開中');
  });
});

describe('the listing form', () => {
  it('keeps what was typed and names each wrong field, storing nothing', async () => {
    const client = await clientOf(officer);
    await client.page(`/dashboard/listings/new?lg=${ids.kurashiki}`);
    const { status, html } = await client.post(`/dashboard/listings?lg=${ids.kurashiki}`, {
      population: 'many',
      areaKm2: '-3',
      'outline.en': 'Kurashiki keeps its canal quarter <b>alive</b>.',
      desiredRegions: ['country:FR', 'continent:XX'],
      'links[1].url': 'javascript:alert(1)',
      'links[1].label': 'Bad link',
    });
    expect(status).toBe(422);
    expect(html).toContain('id="error-population"');
    expect(html).toContain('id="error-areaKm2"');
    expect(html).toContain('id="error-desiredRegions"');
    expect(html).toContain('id="error-links[1].url"');
    expect(html).toContain('value="many"');
    expect(html).toContain('Kurashiki keeps its canal quarter &lt;b&gt;alive&lt;/b&gt;.');
    expect(html).toMatch(/<option value="country:FR" selected/);
    expect(await listingOf(ids.kurashiki)).toBeUndefined();
  });

  it('keeps what was typed when the service refuses what the form alone cannot check (a date in the future)', async () => {
    const client = await clientOf(officer);
    await client.page(`/dashboard/listings/new?lg=${ids.kurashiki}`);
    const nextYear = Number(today().slice(0, 4)) + 1;
    const { status, html } = await client.post(`/dashboard/listings?lg=${ids.kurashiki}`, { populationAsOf: `${nextYear}-01`, 'outline.en': 'Canals and white walls.' });
    expect(status).toBe(422);
    expect(html).toContain('id="error-populationAsOf"');
    expect(html).toContain('Canals and white walls.');
    expect(html).toContain('Population as of');
    expect(await listingOf(ids.kurashiki)).toBeUndefined();
  });

  it('saves a draft, refuses to submit it while incomplete, then submits it when complete', async () => {
    const client = await clientOf(officer);
    await client.page(`/dashboard/listings/new?lg=${ids.kurashiki}`);
    const draft = await client.post(`/dashboard/listings?lg=${ids.kurashiki}`, { population: '474,592', 'outline.en': 'A city of canals and white walls.' });
    expect(draft.status).toBe(303);
    const stored = await listingOf(ids.kurashiki);
    expect(stored).toMatchObject({ status: 'draft', population: 474592 });

    await client.page(`/dashboard/listings/${stored!.id}/edit`);
    const early = await client.post(`/dashboard/listings/${stored!.id}/steps/submit`);
    expect(early.status).toBe(422);
    expect(early.html).toContain('id="error-areaKm2"');
    expect(early.html).toContain('id="error-contact"');
    expect((await listingOf(ids.kurashiki))!.status).toBe('draft');

    const complete = await client.post(`/dashboard/listings/${stored!.id}`, { ...COMPLETE_LISTING_FORM, then: 'submit' });
    expect(complete.status).toBe(303);
    expect((await listingOf(ids.kurashiki))!.status).toBe('submitted');
  });

  it("refuses an officer the listing of another local government (403) and changes nothing", async () => {
    const client = await clientOf(officer);
    const nagi = (await listingOf(ids.nagi))!;
    const edit = await client.page(`/dashboard/listings/${nagi.id}/edit`);
    expect(edit.status).toBe(403);
    const post = await client.post(`/dashboard/listings/${nagi.id}`, { population: '1', 'outline.en': 'taken over' });
    expect(post.status).toBe(403);
    const withdraw = await client.post(`/dashboard/listings/${nagi.id}/steps/withdraw`);
    expect(withdraw.status).toBe(403);
    expect(await listingOf(ids.nagi)).toMatchObject({ status: 'published', population: nagi.population, outline_en: nagi.outline_en });
  });

  it('refuses a form without the CSRF token (403)', async () => {
    const client = await clientOf(officer);
    const ibara = (await listingOf(ids.ibara))!;
    const { status } = await client.post(`/dashboard/listings/${ibara.id}/steps/withdraw`, { _csrf: 'forged' });
    expect(status).toBe(403);
    expect((await listingOf(ids.ibara))!.status).toBe('published');
  });
});

describe('moderation', () => {
  it('lets a coordinator ask for changes with a comment, which the officer then sees, and publish after', async () => {
    const listing = (await listingOf(ids.kurashiki))!;
    expect(listing.status).toBe('submitted');
    const staff = await clientOf(coordinator);
    const queue = await staff.page('/moderation');
    expect(queue.html).toContain(`/moderation/${listing.id}`);
    await staff.page(`/moderation/${listing.id}`);
    const noComment = await staff.post(`/moderation/${listing.id}`, { step: 'requestChanges', comment: ' ' });
    expect(noComment.status).toBe(422);
    expect(noComment.html).toContain('id="error-comment"');
    const sentBack = await staff.post(`/moderation/${listing.id}`, { step: 'requestChanges', comment: 'Please add the population date in Japanese too.' });
    expect(sentBack.status).toBe(303);
    expect((await listingOf(ids.kurashiki))!.status).toBe('draft');

    const client = await clientOf(officer);
    const dashboard = await client.page('/dashboard');
    expect(dashboard.html).toContain('Please add the population date in Japanese too.');
    expect((await client.post(`/dashboard/listings/${listing.id}/steps/submit`)).status).toBe(303);

    await staff.page(`/moderation/${listing.id}`);
    expect((await staff.post(`/moderation/${listing.id}`, { step: 'publish' })).status).toBe(303);
    expect((await listingOf(ids.kurashiki))!.status).toBe('published');
  });

  it('is closed to officers (403)', async () => {
    const client = await clientOf(officer);
    expect((await client.page('/moderation')).status).toBe(403);
    const listing = (await listingOf(ids.kurashiki))!;
    expect((await client.post(`/moderation/${listing.id}`, { step: 'publish' })).status).toBe(403);
  });
});
