import { refusal } from '../../test/refusal.js';
import { tinyPng } from '../../test/images.js';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestAccount, OPERATOR, type TestAccount } from '../../test/accounts.js';
import { openTestDatabase } from '../../test/database.js';
import { queryRows, type Database } from '../db/client.js';
import { PUBLIC } from '../domain/authorization.js';
import { KizunaError } from '../errors.js';
import { ListingInput } from './inputs.js';
import {
  changeRequests,
  contentColumns,
  createListing,
  getListing,
  listingHistory,
  listingImage,
  moderationQueue,
  publishedListings,
  setListingImage,
  takeListingStep,
  updateListing,
  type Listing,
  type ListingFilters,
} from './listings.js';
import { today } from './registry.js';

let database: Database;
const lg = { ibara: 0, ujitawara: 0, nagi: 0, okayama: 0, sapporo: 0, chiyoda: 0, abroad: 0 };
let okayamaOfficer: TestAccount;
let sapporoOfficer: TestAccount;
let chiyodaOfficer: TestAccount;
let abroadOfficer: TestAccount;
let coordinator: TestAccount;

const rows = <Row>(statement: ReturnType<typeof sql>) => queryRows<Row>(database.db, statement);

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  const found = await rows<{ id: number; jis_code: string }>(
    sql`select id, jis_code from local_governments where jis_code in ('332071', '263443', '336238', '331007', '011002', '131016')`,
  );
  const byCode = (code: string) => found.find((row) => row.jis_code === code)!.id;
  Object.assign(lg, {
    ibara: byCode('332071'),
    ujitawara: byCode('263443'),
    nagi: byCode('336238'),
    okayama: byCode('331007'),
    sapporo: byCode('011002'),
    chiyoda: byCode('131016'),
  });
  const [abroad] = await rows<{ id: number }>(sql`select id from local_governments where country = 'AU' order by id limit 1`);
  lg.abroad = abroad!.id;
  okayamaOfficer = await createTestAccount(database.db, 'officer', [lg.okayama]);
  sapporoOfficer = await createTestAccount(database.db, 'officer', [lg.sapporo]);
  chiyodaOfficer = await createTestAccount(database.db, 'officer', [lg.chiyoda]);
  abroadOfficer = await createTestAccount(database.db, 'officer', [lg.abroad]);
  coordinator = await createTestAccount(database.db, 'coordinator');
});
afterAll(() => database.close());

const EMPTY = ListingInput.parse({});

/** Everything a coordinator needs to review a listing of Okayama City. */
const COMPLETE = ListingInput.parse({
  population: 719_474,
  populationAsOf: '2020-10',
  areaKm2: 789.95,
  desiredRegions: ['country:US', 'continent:EU'],
  fields: ['economy_trade', 'culture_arts'],
  outline: { en: 'Okayama is the prefectural capital, known for Korakuen garden and peaches.', ja: '岡山市は県庁所在地で、後楽園と白桃で知られています。' },
  characteristics: { en: 'A city with a famous garden or castle.', ja: '庭園または城で知られるまち。' },
  pr: { en: 'Korakuen\nOne of the three great gardens of Japan.', ja: '' },
  links: [{ url: 'https://www.city.okayama.jp/', label: 'Official website' }],
  contact: { name: 'International Affairs Division', email: 'kokusai@city.okayama.example.jp', phone: '' },
});

/** A listing from abroad seeks Japanese partners: it names no other desired region. */
const FROM_ABROAD = { ...COMPLETE, desiredRegions: [] };

/** The same day a year later, as people count it (29 February becomes 28 February). */
function sameDayNextYear(day: string): string {
  const [year, month, date] = day.split('-') as [string, string, string];
  return `${Number(year) + 1}-${month}-${month === '02' && date === '29' ? '28' : date}`;
}

/** A day some months before another, the day of the month kept where it exists. */
function monthsBefore(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 - months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(date, lastDay));
  return first.toISOString().slice(0, 10);
}

const setFreshSince = (id: number, day: string) => database.db.execute(sql`update listings set fresh_since = ${day} where id = ${id}`);

const names = (listings: Listing[]) => listings.map((listing) => listing.localGovernment.name.en);
const published = (filters: Partial<ListingFilters> = {}, day?: string) => publishedListings(database.db, { direction: 'from-japan', ...filters }, day);

const eventsOf = (id: number) =>
  rows<{ step: string; account_id: number | null; comment: string | null }>(sql`select step, account_id, comment from listing_events where listing_id = ${id} order by id`);
const auditOf = (id: number) =>
  rows<{ action: string; account_id: number | null }>(sql`select action, account_id from audit_log where entity = 'listing' and entity_id = ${id} order by id`);


describe('publishedListings', () => {
  it('gives the three demo listings from Japan by English name, and none to Japan', async () => {
    expect(names(await published())).toEqual(['Ibara City', 'Nagi Town', 'Ujitawara Town']);
    expect(await publishedListings(database.db, { direction: 'to-japan' })).toEqual([]);
  });

  it.each<[string, Partial<ListingFilters>, string[]]>([
    ['an English-speaking country', { region: 'country:NZ' }, ['Ibara City', 'Nagi Town', 'Ujitawara Town']],
    ['Canada', { region: 'country:CA' }, ['Ibara City', 'Ujitawara Town']],
    ['a country no listing wants', { region: 'country:FR' }, []],
    ['a continent', { region: 'continent:OC' }, ['Ibara City', 'Nagi Town', 'Ujitawara Town']],
    ['towns', { kind: 'town' }, ['Nagi Town', 'Ujitawara Town']],
    ['cities', { kind: 'city' }, ['Ibara City']],
    ['under 10,000 people', { band: 'under-10k' }, ['Nagi Town', 'Ujitawara Town']],
    ['10,000 to 50,000 people', { band: '10k-50k' }, ['Ibara City']],
    ['over a million people', { band: 'over-1m' }, []],
    ['economy and trade', { field: 'economy_trade' }, ['Ibara City']],
    ['education and youth', { field: 'education_youth' }, ['Nagi Town', 'Ujitawara Town']],
    ['the word denim', { words: 'denim' }, ['Ibara City']],
    ['two words, both needed', { words: 'yuyadani SOEN' }, ['Ujitawara Town']],
    ['two words, one of which no listing has', { words: 'denim volcano' }, []],
    ['the prefecture', { words: 'Okayama' }, ['Ibara City', 'Nagi Town']],
    ['the prefecture in Japanese', { words: '岡山県' }, ['Ibara City', 'Nagi Town']],
    ['a word in kanji', { words: '宇治茶' }, ['Ujitawara Town']],
    ['a name in kanji', { words: '奈義町' }, ['Nagi Town']],
    ['kanji and English together', { words: '井原市 denim' }, ['Ibara City']],
    ['a word no listing has', { words: 'volcano' }, []],
    ['a town, tea and a field together', { kind: 'town', words: 'tea', field: 'culture_arts' }, ['Ujitawara Town']],
  ])('filters by %s', async (_, filters, expected) => {
    expect(names(await published(filters))).toEqual(expected);
  });

  it.each([
    ['デニム', ['Ibara City']],
    ['ハート', ['Ujitawara Town']],
  ])('finds the katakana word %s written in the Japanese texts', async (words, expected) => {
    expect(names(await published({ words }))).toEqual(expected);
  });

  it('leaves out a listing not renewed for 13 months, from the list and from the public', async () => {
    const [nagi] = await rows<{ id: number; fresh_since: string }>(sql`select id, fresh_since::text from listings where local_government_id = ${lg.nagi}`);
    try {
      await setFreshSince(nagi!.id, monthsBefore(today(), 13));
      expect(names(await published())).toEqual(['Ibara City', 'Ujitawara Town']);
      expect((await refusal(getListing(database.db, PUBLIC, nagi!.id))).id).toBe('not_found');
      // Its officers and the coordinators still see it, to renew it; renewed, it is public again.
      expect((await getListing(database.db, coordinator.actor, nagi!.id)).status).toBe('published');
      await takeListingStep(database.db, coordinator.actor, nagi!.id, 'renew');
      expect(names(await published())).toEqual(['Ibara City', 'Nagi Town', 'Ujitawara Town']);
    } finally {
      await setFreshSince(nagi!.id, nagi!.fresh_since);
    }
  });

  it('leaves a listing out on the day it expires, and keeps it the day before', async () => {
    const [nagi] = await rows<{ id: number; fresh_since: string }>(sql`select id, fresh_since::text from listings where local_government_id = ${lg.nagi}`);
    try {
      await setFreshSince(nagi!.id, monthsBefore(today(), 12));
      expect(names(await published())).not.toContain('Nagi Town');
      const dayBefore = new Date(Date.parse(today()) - 86_400_000).toISOString().slice(0, 10);
      expect(names(await published({}, dayBefore))).toContain('Nagi Town');
    } finally {
      await setFreshSince(nagi!.id, nagi!.fresh_since);
    }
  });
});

describe('the life of a listing', () => {
  let listing: Listing;

  it('an officer starts a draft for their Japanese local government, seeking partners abroad', async () => {
    listing = await createListing(database.db, okayamaOfficer.actor, lg.okayama, EMPTY);
    expect(listing).toMatchObject({
      status: 'draft',
      direction: 'from-japan',
      closedReason: null,
      localGovernment: { id: lg.okayama },
      prefecture: { name: { ja: '岡山県' } },
      publishedAt: null,
      expiresOn: null,
      imageUrl: null,
      url: `/listings/${listing.id}`,
    });
    expect(await eventsOf(listing.id)).toEqual([{ step: 'create', account_id: okayamaOfficer.id, comment: null }]);
    expect(await auditOf(listing.id)).toEqual([{ action: 'create', account_id: okayamaOfficer.id }]);
  });

  it('an officer abroad starts a listing seeking Japanese partners', async () => {
    const abroad = await createListing(database.db, abroadOfficer.actor, lg.abroad, FROM_ABROAD);
    expect(abroad).toMatchObject({ status: 'draft', direction: 'to-japan', prefecture: null, population: 719_474 });
  });

  it('an officer cannot start a listing for another local government', async () => {
    const refused = await refusal(createListing(database.db, okayamaOfficer.actor, lg.chiyoda, COMPLETE));
    expect(refused.id).toBe('forbidden');
    expect(await rows(sql`select id from listings where local_government_id = ${lg.chiyoda}`)).toEqual([]);
  });

  it('a second open listing for the same local government is a conflict', async () => {
    const refused = await refusal(createListing(database.db, okayamaOfficer.actor, lg.okayama, COMPLETE));
    expect(refused.id).toBe('conflict');
    expect(refused.message).toContain(`/listings/${listing.id}`);
    // The demo listings are open too.
    expect((await refusal(createListing(database.db, coordinator.actor, lg.ibara, COMPLETE))).id).toBe('conflict');
    expect(await rows(sql`select id from listings where local_government_id = ${lg.okayama}`)).toEqual([{ id: listing.id }]);
  });

  it('submitting an incomplete draft names each missing field and changes nothing', async () => {
    const refused = await refusal(takeListingStep(database.db, okayamaOfficer.actor, listing.id, 'submit'));
    expect(refused.id).toBe('validation_failed');
    expect(refused.problems.map((problem) => problem.field)).toEqual(['population', 'areaKm2', 'desiredRegions', 'outline', 'characteristics', 'contact']);
    expect(refused.message).toContain('population');
    expect((await getListing(database.db, okayamaOfficer.actor, listing.id)).status).toBe('draft');
    expect((await eventsOf(listing.id)).map((event) => event.step)).toEqual(['create']);
    expect((await auditOf(listing.id)).map((entry) => entry.action)).toEqual(['create']);
  });

  it('a completed draft stays a draft until it is submitted, then waits for a coordinator', async () => {
    const edited = await updateListing(database.db, okayamaOfficer.actor, listing.id, COMPLETE);
    expect(edited).toMatchObject({ status: 'draft', population: 719_474, populationAsOf: { date: '2020-10-01', precision: 'month' }, areaKm2: 789.95 });
    listing = await takeListingStep(database.db, okayamaOfficer.actor, listing.id, 'submit');
    expect(listing.status).toBe('submitted');
    expect((await moderationQueue(database.db, coordinator.actor)).map((queued) => queued.id)).toContain(listing.id);
    expect(names(await published())).not.toContain(listing.localGovernment.name.en);
  });

  it('an officer cannot take a coordinator’s steps', async () => {
    expect((await refusal(takeListingStep(database.db, okayamaOfficer.actor, listing.id, 'publish'))).id).toBe('forbidden');
    expect((await refusal(takeListingStep(database.db, okayamaOfficer.actor, listing.id, 'requestChanges', 'Looks fine to me'))).id).toBe('forbidden');
    expect((await refusal(moderationQueue(database.db, okayamaOfficer.actor))).id).toBe('forbidden');
    expect((await getListing(database.db, coordinator.actor, listing.id)).status).toBe('submitted');
  });

  it('a coordinator cannot send a listing back without saying why', async () => {
    for (const comment of [undefined, '', '   ']) {
      const refused = await refusal(takeListingStep(database.db, coordinator.actor, listing.id, 'requestChanges', comment));
      expect(refused.id).toBe('validation_failed');
      expect(refused.problems.map((problem) => problem.field)).toEqual(['comment']);
    }
    const rambling = await refusal(takeListingStep(database.db, coordinator.actor, listing.id, 'requestChanges', 'x'.repeat(2001)));
    expect(rambling.problems).toEqual([{ field: 'comment', message: 'use at most 2000 characters' }]);
    expect((await getListing(database.db, coordinator.actor, listing.id)).status).toBe('submitted');
  });

  it('sent back with a comment, the listing is a draft again and the officer reads the comment', async () => {
    const comment = 'Please add the population date in full and a Japanese PR text.';
    listing = await takeListingStep(database.db, coordinator.actor, listing.id, 'requestChanges', `  ${comment}  `);
    expect(listing.status).toBe('draft');
    expect(await changeRequests(database.db, [listing.id])).toEqual(new Map([[listing.id, comment]]));
    const history = await listingHistory(database.db, okayamaOfficer.actor, listing.id);
    expect(history.at(-1)).toMatchObject({ step: 'requestChanges', comment, by: coordinator.actor.name });
  });

  it('resubmitted and published, it is public for 12 months from today', async () => {
    listing = await takeListingStep(database.db, okayamaOfficer.actor, listing.id, 'submit');
    expect(await changeRequests(database.db, [listing.id])).toEqual(new Map());
    listing = await takeListingStep(database.db, coordinator.actor, listing.id, 'publish');
    expect(listing.status).toBe('published');
    expect(listing.publishedAt).not.toBeNull();
    expect(listing.expiresOn).toBe(sameDayNextYear(today()));
    expect(names(await published())).toContain('Okayama City');
    expect((await getListing(database.db, PUBLIC, listing.id)).id).toBe(listing.id);
  });

  it('editing a published listing sends it back to review and off the public pages', async () => {
    // Back to review it must be complete: an emptied outline is refused and nothing changes.
    const emptied = await refusal(updateListing(database.db, okayamaOfficer.actor, listing.id, { ...COMPLETE, outline: { en: '', ja: '' } }));
    expect(emptied.problems.map((problem) => problem.field)).toEqual(['outline']);
    expect((await getListing(database.db, okayamaOfficer.actor, listing.id)).status).toBe('published');
    listing = await updateListing(database.db, okayamaOfficer.actor, listing.id, { ...COMPLETE, pr: { en: COMPLETE.pr.en, ja: '後楽園\n日本三名園のひとつ。' } });
    expect(listing.status).toBe('submitted');
    expect(listing.expiresOn).toBeNull();
    expect(names(await published())).not.toContain('Okayama City');
    expect((await refusal(getListing(database.db, PUBLIC, listing.id))).id).toBe('not_found');
    listing = await takeListingStep(database.db, coordinator.actor, listing.id, 'publish');
    expect(names(await published())).toContain('Okayama City');
  });

  it('renewing restarts the 12 months', async () => {
    await setFreshSince(listing.id, monthsBefore(today(), 11));
    const ageing = await getListing(database.db, okayamaOfficer.actor, listing.id);
    expect(ageing.expiresOn! < sameDayNextYear(today())).toBe(true);
    listing = await takeListingStep(database.db, okayamaOfficer.actor, listing.id, 'renew');
    expect(listing.status).toBe('published');
    expect(listing.expiresOn).toBe(sameDayNextYear(today()));
  });

  it('a listing is marked as matched only once it is published', async () => {
    const [abroad] = await rows<{ id: number }>(sql`select id from listings where local_government_id = ${lg.abroad}`);
    const refused = await refusal(takeListingStep(database.db, abroadOfficer.actor, abroad!.id, 'markMatched'));
    expect(refused.id).toBe('conflict');
    expect(refused.message).toContain('draft');
    expect(refused.message).toContain('published');
    await takeListingStep(database.db, abroadOfficer.actor, abroad!.id, 'submit');
    await takeListingStep(database.db, coordinator.actor, abroad!.id, 'publish');
    expect(names(await publishedListings(database.db, { direction: 'to-japan' }))).toHaveLength(1);
    const matched = await takeListingStep(database.db, abroadOfficer.actor, abroad!.id, 'markMatched');
    expect(matched).toMatchObject({ status: 'closed', closedReason: 'matched', expiresOn: null });
    expect(await publishedListings(database.db, { direction: 'to-japan' })).toEqual([]);
  });

  it('withdrawn, it is closed for good, and the local government may start a new one', async () => {
    listing = await takeListingStep(database.db, okayamaOfficer.actor, listing.id, 'withdraw');
    expect(listing).toMatchObject({ status: 'closed', closedReason: 'withdrawn' });
    expect(names(await published())).not.toContain('Okayama City');
    expect((await refusal(updateListing(database.db, okayamaOfficer.actor, listing.id, COMPLETE))).id).toBe('conflict');
    expect((await refusal(takeListingStep(database.db, okayamaOfficer.actor, listing.id, 'renew'))).id).toBe('conflict');
    expect((await refusal(takeListingStep(database.db, okayamaOfficer.actor, listing.id, 'withdraw'))).id).toBe('conflict');
    const next = await createListing(database.db, okayamaOfficer.actor, lg.okayama, EMPTY);
    expect(next.id).not.toBe(listing.id);
    expect(next.status).toBe('draft');
  });

  it('every step was kept as an event and written to the audit log, by whoever took it', async () => {
    const officer = okayamaOfficer.id;
    const moderator = coordinator.id;
    expect(await eventsOf(listing.id)).toEqual([
      { step: 'create', account_id: officer, comment: null },
      { step: 'edit', account_id: officer, comment: null },
      { step: 'submit', account_id: officer, comment: null },
      { step: 'requestChanges', account_id: moderator, comment: 'Please add the population date in full and a Japanese PR text.' },
      { step: 'submit', account_id: officer, comment: null },
      { step: 'publish', account_id: moderator, comment: null },
      { step: 'edit', account_id: officer, comment: null },
      { step: 'publish', account_id: moderator, comment: null },
      { step: 'renew', account_id: officer, comment: null },
      { step: 'withdraw', account_id: officer, comment: null },
    ]);
    expect(await auditOf(listing.id)).toEqual([
      { action: 'create', account_id: officer },
      { action: 'update', account_id: officer },
      { action: 'submit', account_id: officer },
      { action: 'requestChanges', account_id: moderator },
      { action: 'submit', account_id: officer },
      { action: 'publish', account_id: moderator },
      { action: 'update', account_id: officer },
      { action: 'publish', account_id: moderator },
      { action: 'renew', account_id: officer },
      { action: 'withdraw', account_id: officer },
    ]);
  });
});

describe('who sees a draft', () => {
  let draft: Listing;

  beforeAll(async () => {
    draft = await createListing(database.db, sapporoOfficer.actor, lg.sapporo, COMPLETE);
  });

  it('is not found for the public', async () => {
    const refused = await refusal(getListing(database.db, PUBLIC, draft.id));
    expect(refused.id).toBe('not_found');
    expect(refused.status).toBe(404);
  });

  it('is shown to its officer, a coordinator and the machine’s operator', async () => {
    expect((await getListing(database.db, sapporoOfficer.actor, draft.id)).status).toBe('draft');
    expect((await getListing(database.db, coordinator.actor, draft.id)).id).toBe(draft.id);
    expect((await getListing(database.db, OPERATOR, draft.id)).id).toBe(draft.id);
  });

  it('is not found for an officer of another local government, who cannot change it either', async () => {
    expect((await refusal(getListing(database.db, chiyodaOfficer.actor, draft.id))).id).toBe('not_found');
    expect((await refusal(listingHistory(database.db, chiyodaOfficer.actor, draft.id))).id).toBe('forbidden');
    expect((await refusal(updateListing(database.db, chiyodaOfficer.actor, draft.id, EMPTY))).id).toBe('forbidden');
    expect((await refusal(takeListingStep(database.db, chiyodaOfficer.actor, draft.id, 'withdraw'))).id).toBe('forbidden');
    expect((await getListing(database.db, coordinator.actor, draft.id)).status).toBe('draft');
  });

  it('a listing that does not exist is not found', async () => {
    expect((await refusal(getListing(database.db, coordinator.actor, 2_000_000_000))).id).toBe('not_found');
  });
});

describe('a listing’s picture', () => {
  let draft: Listing;

  beforeAll(async () => {
    draft = await createListing(database.db, chiyodaOfficer.actor, lg.chiyoda, COMPLETE);
  });

  it('takes a small real PNG and gives it back', async () => {
    const png = tinyPng();
    const withImage = await setListingImage(database.db, chiyodaOfficer.actor, draft.id, png);
    expect(withImage.imageUrl).toBe(`/listings/${draft.id}/image`);
    expect(withImage.status).toBe('draft');
    const image = await listingImage(database.db, chiyodaOfficer.actor, draft.id);
    expect(image.contentType).toBe('image/png');
    expect(Buffer.from(image.bytes).equals(png)).toBe(true);
    expect((await eventsOf(draft.id)).map((event) => event.step)).toEqual(['create', 'edit']);
    expect((await auditOf(draft.id)).map((entry) => entry.action)).toEqual(['create', 'set-image']);
  });

  it('does not show a draft’s picture to the public', async () => {
    expect((await refusal(listingImage(database.db, PUBLIC, draft.id))).id).toBe('not_found');
  });

  it.each([
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00,', 'latin1')],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>')],
    ['an HTML page', Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>')],
    ['nothing', Buffer.alloc(0)],
  ])('refuses %s as the image, keeping the picture it had', async (_, bytes) => {
    const refused = await refusal(setListingImage(database.db, chiyodaOfficer.actor, draft.id, bytes));
    expect(refused.id).toBe('validation_failed');
    expect(refused.problems).toEqual([{ field: 'image', message: 'send a PNG, JPEG or WebP picture' }]);
    expect((await listingImage(database.db, chiyodaOfficer.actor, draft.id)).contentType).toBe('image/png');
  });

  it('refuses a PNG of 1 MB and one byte, and takes one of exactly 1 MB', async () => {
    const signature = tinyPng().subarray(0, 8);
    const tooBig = Buffer.alloc(1024 * 1024 + 1);
    signature.copy(tooBig);
    const refused = await refusal(setListingImage(database.db, chiyodaOfficer.actor, draft.id, tooBig));
    expect(refused.id).toBe('validation_failed');
    expect(refused.problems).toEqual([{ field: 'image', message: expect.stringContaining('at most 1 MB') }]);
    const atTheLimit = tooBig.subarray(0, 1024 * 1024);
    await setListingImage(database.db, chiyodaOfficer.actor, draft.id, atTheLimit);
    expect((await listingImage(database.db, chiyodaOfficer.actor, draft.id)).bytes.length).toBe(1024 * 1024);
  });

  it('lets only the listing’s officers and coordinators change it', async () => {
    expect((await refusal(setListingImage(database.db, sapporoOfficer.actor, draft.id, tinyPng()))).id).toBe('forbidden');
    expect((await refusal(setListingImage(database.db, PUBLIC, draft.id, tinyPng()))).id).toBe('unauthorized');
  });

  it('a listing without a picture has none to give', async () => {
    const [ibara] = await rows<{ id: number }>(sql`select id from listings where local_government_id = ${lg.ibara}`);
    expect((await refusal(listingImage(database.db, PUBLIC, ibara!.id))).id).toBe('not_found');
  });
});

describe('contentColumns', () => {
  const year = Number(today().slice(0, 4));

  it.each([
    ['next year', `${year + 1}`, 'is in the future'],
    ['tomorrow', new Date(Date.parse(today()) + 86_400_000).toISOString().slice(0, 10), 'is in the future'],
    ['before 1900', '1899-12', 'must not be before 1900'],
    ['in the year 0, which the database cannot store', '0000', 'must not be before 1900'],
  ])('refuses a population counted %s', (_, populationAsOf, message) => {
    let thrown: unknown;
    try {
      contentColumns({ ...COMPLETE, populationAsOf });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(KizunaError);
    expect((thrown as KizunaError).id).toBe('validation_failed');
    expect((thrown as KizunaError).problems).toEqual([{ field: 'populationAsOf', message }]);
  });

  it.each([
    ['today', today()],
    ['this month', today().slice(0, 7)],
    ['this year', `${year}`],
    ['long ago', '1920-10-01'],
  ])('takes a population counted %s, with its precision', (_, populationAsOf) => {
    const columns = contentColumns({ ...COMPLETE, populationAsOf });
    expect(columns.populationAsOf!.startsWith(populationAsOf)).toBe(true);
    expect(columns.populationAsOfPrecision).toBe(populationAsOf.length === 4 ? 'year' : populationAsOf.length === 7 ? 'month' : 'day');
  });

  it('refuses a listing dated in the future before storing anything', async () => {
    const before = await rows<{ n: number }>(sql`select count(*)::int as n from listings`);
    const refused = await refusal(createListing(database.db, coordinator.actor, lg.abroad, { ...FROM_ABROAD, populationAsOf: `${year + 1}-01` }));
    expect(refused.problems.map((problem) => problem.field)).toEqual(['populationAsOf']);
    expect(await rows(sql`select count(*)::int as n from listings`)).toEqual(before);
  });
});
