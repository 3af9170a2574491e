import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestAccount, type TestAccount } from '../../../test/accounts.js';
import { COMPLETE_LISTING_FORM, signedInClient, TestClient } from '../../../test/client.js';
import { tinyPng } from '../../../test/images.js';
import { openTestDatabase } from '../../../test/database.js';
import { queryRows, type Database } from '../../db/client.js';
import { createApp } from '../app.js';
import { formatNumber, formatPreciseDate } from '../../i18n/index.js';
import { expiryOf } from '../../domain/listings.js';
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
    expect(html).toMatch(/<input type="checkbox" name="desiredRegions" value="country:FR" checked/);
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

describe('starting a listing', () => {
  let soja: { id: number; population: number | null; geonames_id: number | null };

  beforeAll(async () => {
    [soja] = (await queryRows<typeof soja>(database.db, sql`select id, population, geonames_id from local_governments where jis_code = '332089'`)) as [typeof soja];
  });

  it('lets an officer choose among the local governments they act for, with no search of the registry', async () => {
    const client = await clientOf(officer);
    const { status, html } = await client.page('/dashboard/listings/new');
    expect(status).toBe(200);
    expect(html).toContain(`<input type="radio" name="lg" value="${ids.ibara}"`);
    expect(html).toContain(`<input type="radio" name="lg" value="${ids.kurashiki}"`);
    expect(html).not.toContain('name="lgQuery"');
  });

  it('refuses an LG the officer does not act for (403), one that does not exist and one not chosen (422), and one with an open listing (409), on the choosing page', async () => {
    const client = await clientOf(officer);
    const other = await client.page(`/dashboard/listings/new?lg=${ids.nagi}`);
    expect(other.status).toBe(403);
    expect(other.html).toContain('You do not act for Nagi Town: choose one of your own local governments.');
    expect(other.html).toContain(`<input type="radio" name="lg" value="${ids.kurashiki}"`);
    const unknown = await client.page('/dashboard/listings/new?lg=999999999');
    expect(unknown.status).toBe(422);
    expect(unknown.html).toContain('There is no local government number 999999999.');
    const none = await client.page('/ja/dashboard/listings/new?lg=x');
    expect(none.status).toBe(422);
    expect(none.html).toContain('掲載する自治体を選んでください。');
    const open = await client.page(`/dashboard/listings/new?lg=${ids.ibara}`);
    expect(open.status).toBe(409);
    expect(open.html).toContain('Ibara City has an open listing already');
  });

  it('gives a coordinator the registry’s picker on the dashboard, and a search step without JavaScript, in both languages', async () => {
    const client = await clientOf(coordinator);
    const dashboard = await client.page('/dashboard');
    expect(dashboard.html).toContain('<form method="get" action="/dashboard/listings/new" class="start-listing">');
    expect(dashboard.html).toContain('data-lg-picker="single"');
    expect(dashboard.html).toContain('<button type="submit" name="lgFind" value="1"');
    const found = await client.page('/dashboard/listings/new?lgQuery=soja&lgFind=1');
    expect(found.status).toBe(200);
    expect(found.html).toContain(`<input type="radio" name="lg" value="${soja.id}"/> <span>Sōja City`);
    expect(found.html).toMatch(/<p class="lg-status" role="status" data-lg-status="true">\d+ match(es)? for “soja”/);
    expect(found.html).toContain('value="soja"');
    const ja = await client.page(`/ja/dashboard/listings/new?lgQuery=${encodeURIComponent('総社')}&lgFind=1`);
    expect(ja.html).toContain(`<input type="radio" name="lg" value="${soja.id}"/> <span>総社市`);
    const byNumber = await client.page(`/dashboard/listings/new?lgQuery=${soja.id}&lgFind=1`);
    expect(byNumber.html).toContain(`<input type="radio" name="lg" value="${soja.id}"/> <span>Sōja City`);
  });

  it('answers an empty search with the choice still to make (422), and one of no letters by saying so', async () => {
    const client = await clientOf(coordinator);
    const empty = await client.page('/dashboard/listings/new?lgQuery=&lgFind=1');
    expect(empty.status).toBe(422);
    expect(empty.html).toContain('Choose a local government: type part of its name, press “Find”, then choose from the matches.');
    const marks = await client.page(`/dashboard/listings/new?lgQuery=${encodeURIComponent('!!')}&lgFind=1`);
    expect(marks.status).toBe(200);
    expect(marks.html).toContain('Type at least one letter or character of a name.');
  });

  it('offers the script the same matches as JSON, named in the page’s language', async () => {
    const client = await clientOf(coordinator);
    const english = await client.request('/lg-choices?q=soja');
    expect(english.headers.get('content-type')).toMatch(/^application\/json/);
    const answer = (await english.json()) as { status: string; matches: { id: number; name: string; place: string }[] };
    expect(answer.matches).toContainEqual({ id: soja.id, name: 'Sōja City', place: expect.stringContaining('Japan') });
    expect(answer.status).toMatch(/match(es)? for “soja”/);
    const japanese = (await (await client.request(`/ja/lg-choices?q=${encodeURIComponent('総社')}`)).json()) as typeof answer;
    expect(japanese.matches[0]).toMatchObject({ id: soja.id, name: '総社市', place: expect.stringContaining('日本') });
    expect(((await (await client.request('/lg-choices?q=')).json()) as typeof answer)).toEqual({ status: 'Type at least one letter or character of a name.', matches: [] });
  });

  it('fills a new listing with the population the registry knows, saying it came from GeoNames', async () => {
    expect(soja.population).toBeGreaterThan(0);
    expect(soja.geonames_id).not.toBeNull();
    const client = await clientOf(coordinator);
    const { status, html } = await client.page(`/dashboard/listings/new?lg=${soja.id}`);
    expect(status).toBe(200);
    expect(html).toContain(`value="${soja.population}"`);
    expect(html).toContain(`Filled in from the registry: ${formatNumber('en', soja.population!)}, from GeoNames.`);
    expect(html).toContain('Figures the registry knows of Sōja City are filled in below');
    const ja = await client.page(`/ja/dashboard/listings/new?lg=${soja.id}`);
    expect(ja.html).toContain(`登録簿から入力：${formatNumber('ja', soja.population!)}（出典：GeoNames）`);
  });
});

describe('the listing form’s desired regions', () => {
  it('groups them in folds of checkboxes, each once, without the uninhabited, in both languages', async () => {
    const client = await clientOf(coordinator);
    for (const path of [`/dashboard/listings/new?lg=${await lgId('332038')}`, `/ja/dashboard/listings/${(await listingOf(ids.nagi))!.id}/edit`]) {
      const { html } = await client.page(path);
      expect(html).not.toContain('<select id="field-desiredRegions"');
      const codes = [...html.matchAll(/name="desiredRegions" value="([^"]+)"/g)].map((match) => match[1]);
      expect(codes.filter((code, index) => codes.indexOf(code) !== index)).toEqual([]);
      for (const code of ['continent:SA', 'country:FR', 'language:eng', 'subregion:eastern-asia']) expect(codes).toContain(code);
      for (const code of ['subregion:south-america', 'country:BV', 'country:HM', 'continent:AN']) expect(codes).not.toContain(code);
      expect(html.match(/<details class="region-group"/g)?.length).toBe(7);
    }
  });
});

describe('a listing’s picture, sent with its form', () => {
  const form = (changes: Record<string, string | string[] | File> = {}) => ({ ...COMPLETE_LISTING_FORM, ...changes });
  const png = (name = 'sunrise.png') => new File([new Uint8Array(tinyPng())], name, { type: 'image/png' });
  let sojaOfficer: TestAccount;
  let soja = 0;
  let listing = 0;
  const storedImage = async () => (await queryRows<{ bytes: number }>(database.db, sql`select length(bytes) as bytes from listing_images where listing_id = ${listing}`))[0]?.bytes;

  beforeAll(async () => {
    soja = await lgId('332089');
    sojaOfficer = await createTestAccount(database.db, 'officer', [soja]);
  });

  it('is stored with a new listing, and the form says what was saved', async () => {
    const client = await clientOf(sojaOfficer);
    await client.page(`/dashboard/listings/new?lg=${soja}`);
    const created = await client.post(`/dashboard/listings?lg=${soja}`, form({ image: png() }));
    expect(created.status).toBe(303);
    listing = (await listingOf(soja))!.id;
    expect(created.response.headers.get('location')).toBe(`/dashboard/listings/${listing}/edit?done=saved&listing=${listing}`);
    expect(await storedImage()).toBe(tinyPng().length);
    const { html } = await client.page(`/dashboard/listings/${listing}/edit?done=saved&listing=${listing}`);
    expect(html).toContain('<p class="note success" role="status">Saved. The listing of Sōja City stays a draft until you submit it.</p>');
    expect(html).toContain(`<img src="/listings/${listing}/image"`);
    expect(html).toContain('<input type="checkbox" name="removeImage" value="1"/> Remove the picture');
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toContain('PNG, JPEG or WebP, at most 1 MB');
  });

  it('refuses a picture over 1 MB, even one over the 3 MB other forms may carry, keeping the text typed and the picture it had', async () => {
    const client = await clientOf(sojaOfficer);
    await client.page(`/dashboard/listings/${listing}/edit`);
    const big = new Uint8Array(5 * 1024 * 1024);
    big.set(tinyPng().subarray(0, 8));
    const refused = await client.post(`/dashboard/listings/${listing}`, form({ 'outline.en': 'Soja keeps its five-storey pagoda.', image: new File([big], 'phone.png', { type: 'image/png' }) }));
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('<p class="field-error" id="error-image">the picture is 5.0 MB; send at most 1 MB</p>');
    expect(refused.html).toContain('Soja keeps its five-storey pagoda.');
    expect(await storedImage()).toBe(tinyPng().length);
  });

  it('refuses a file that is not a picture whatever its name, and says a good picture sent with a refused form was not kept', async () => {
    const client = await clientOf(sojaOfficer);
    await client.page(`/dashboard/listings/${listing}/edit`);
    const svg = new File(['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'], 'pagoda.png', { type: 'image/png' });
    const wrong = await client.post(`/dashboard/listings/${listing}`, form({ image: svg }));
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain('<p class="field-error" id="error-image">send a PNG, JPEG or WebP picture</p>');
    const otherField = await client.post(`/dashboard/listings/${listing}`, form({ population: 'many', image: png('pagoda.png') }));
    expect(otherField.status).toBe(422);
    expect(otherField.html).toContain('The picture “pagoda.png” was not saved, because the form was refused: choose it again.');
    expect(otherField.html).toContain('value="many"');
  });

  it('is taken away when its box is ticked', async () => {
    const client = await clientOf(sojaOfficer);
    await client.page(`/dashboard/listings/${listing}/edit`);
    expect((await client.post(`/dashboard/listings/${listing}`, form({ removeImage: '1' }))).status).toBe(303);
    expect(await storedImage()).toBeUndefined();
    expect((await client.page(`/dashboard/listings/${listing}/edit`)).html).toContain('The listing has no picture yet.');
  });
});

describe('what was done, said on the page one lands on', () => {
  let sojaOfficer: TestAccount;
  let soja = 0;

  beforeAll(async () => {
    soja = await lgId('332089');
    sojaOfficer = await createTestAccount(database.db, 'officer', [soja]);
  });

  it('for each step of a listing, the officer’s and the coordinator’s, in both languages', async () => {
    const client = await clientOf(sojaOfficer);
    const staff = await clientOf(coordinator);
    const listing = (await listingOf(soja))!.id;
    const step = async (who: TestClient, path: string, fields: Record<string, string> = {}) => {
      const response = await who.post(path, fields);
      expect(response.status, response.html.slice(0, 500)).toBe(303);
      return response.response.headers.get('location')!;
    };
    await client.page('/dashboard');
    const submitted = await step(client, `/dashboard/listings/${listing}/steps/submit`);
    expect(submitted).toBe(`/dashboard?done=submit&listing=${listing}`);
    expect((await client.page(submitted)).html).toContain('<p class="note success" role="status">The listing of Sōja City was submitted: a coordinator will review it, then publish it or ask for changes.</p>');
    expect((await client.page(`/ja${submitted}`)).html).toContain('総社市の掲載の確認を依頼しました。');

    await staff.page(`/moderation/${listing}`);
    const sentBack = await step(staff, `/moderation/${listing}`, { step: 'requestChanges', comment: 'Add the area in Japanese too.' });
    expect(sentBack).toBe(`/moderation?done=requestChanges&listing=${listing}`);
    expect((await staff.page(sentBack)).html).toContain('The listing of Sōja City went back to its officers with your comment.');
    await client.page('/dashboard');
    await step(client, `/dashboard/listings/${listing}/steps/submit`);
    await staff.page(`/moderation/${listing}`);
    const published = await step(staff, `/moderation/${listing}`, { step: 'publish' });
    expect(published).toBe(`/moderation?done=publish&listing=${listing}`);
    const until = formatPreciseDate('en', expiryOf(today()), 'day');
    expect((await staff.page(published)).html).toContain(`The listing of Sōja City is published: it is public until ${until}.`);

    await client.page(`/dashboard/listings/${listing}/edit`);
    const resaved = await step(client, `/dashboard/listings/${listing}`, { ...COMPLETE_LISTING_FORM } as Record<string, string>);
    expect(resaved).toBe(`/dashboard/listings/${listing}/edit?done=savedForReview&listing=${listing}`);
    expect((await client.page(resaved)).html).toContain('Saved. The changes to the listing of Sōja City go to a coordinator, who publishes them.');
    await staff.page(`/moderation/${listing}`);
    await step(staff, `/moderation/${listing}`, { step: 'publish' });

    await client.page('/dashboard');
    const renewed = await step(client, `/dashboard/listings/${listing}/steps/renew`);
    expect((await client.page(renewed)).html).toContain(`The listing of Sōja City is confirmed as current: it stays public until ${until}.`);
    const matched = await step(client, `/dashboard/listings/${listing}/steps/markMatched`);
    expect((await client.page(`/ja${matched}`)).html).toContain('総社市の掲載を「提携先決定」で終了し、一覧から外しました。');

    await client.page(`/dashboard/listings/new?lg=${soja}`);
    await step(client, `/dashboard/listings?lg=${soja}`, { population: '69000' });
    const second = (await listingOf(soja))!.id;
    await client.page('/dashboard');
    const withdrawn = await step(client, `/dashboard/listings/${second}/steps/withdraw`);
    expect((await client.page(withdrawn)).html).toContain('The listing of Sōja City was withdrawn: it is closed and not public.');
  });

  it('says nothing for a listing the viewer may not see, nor for an unknown word', async () => {
    const client = await clientOf(officer);
    const soja = (await listingOf(await lgId('332089')))!.id;
    expect((await client.page(`/dashboard?done=withdraw&listing=${soja}`)).html).not.toContain('role="status"');
    expect((await client.page('/dashboard?done=exploded&listing=1')).status).toBe(200);
  });
});

