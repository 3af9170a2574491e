import { refusal } from '../../test/refusal.js';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createTestAccount, OPERATOR, type TestAccount } from '../../test/accounts.js';
import { openTestDatabase } from '../../test/database.js';
import { queryRows, type Database } from '../db/client.js';
import { addDays, type IntroductionStep } from '../domain/introductions.js';
import type { KizunaError } from '../errors.js';
import {
  expressInterest,
  getIntroduction,
  interestPreview,
  IntroductionError,
  introductionDashboard,
  listIntroductions,
  saveTrackerStep,
  takeIntroductionStep,
  type Introduction,
  type Notifier,
  type TrackerStepInput,
} from './introductions.js';
import { createMailer } from './mailer.js';
import { createRelationship, today } from './registry.js';
import { japanStatistics } from './stats.js';

let database: Database;
const lg = { ibara: 0, ujitawara: 0, nagi: 0, okayama: 0 };
/** Places in Hungary, each used by one test as a fresh partner. */
let abroad: number[] = [];
const accounts = {} as Record<'ibara' | 'nagi' | 'ujitawara' | 'okayama' | 'coordinator' | 'administrator', TestAccount>;
/** The day every change of these tests happens on, fixed so that a run across midnight in Japan stays consistent. */
const DAY = today();

const rows = <Row>(statement: ReturnType<typeof sql>) => queryRows<Row>(database.db, statement);

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  const found = await rows<{ id: number; jis_code: string }>(sql`select id, jis_code from local_governments where jis_code in ('332071', '263443', '336238', '331007')`);
  const byCode = (code: string) => found.find((row) => row.jis_code === code)!.id;
  Object.assign(lg, { ibara: byCode('332071'), ujitawara: byCode('263443'), nagi: byCode('336238'), okayama: byCode('331007') });
  abroad = (await rows<{ id: number }>(sql`select id from local_governments where country = 'HU' order by id limit 60`)).map((row) => row.id);
  accounts.ibara = await createTestAccount(database.db, 'officer', [lg.ibara]);
  accounts.nagi = await createTestAccount(database.db, 'officer', [lg.nagi]);
  accounts.ujitawara = await createTestAccount(database.db, 'officer', [lg.ujitawara]);
  accounts.okayama = await createTestAccount(database.db, 'officer', [lg.okayama]);
  accounts.coordinator = await createTestAccount(database.db, 'coordinator');
  accounts.administrator = await createTestAccount(database.db, 'administrator');
});
afterAll(() => database.close());

const actor = (who: keyof typeof accounts) => accounts[who].actor;
const partner = () => {
  const id = abroad.shift();
  if (id === undefined) throw new Error('Out of partners abroad');
  return id;
};

const reasons = (error: KizunaError) => (error instanceof IntroductionError ? error.reasons.map((reason) => reason.code) : [`(${error.id}) ${error.message}`]);

const interest = (who: keyof typeof accounts, from: number, to: number, message = 'We would like to know you better.', day = DAY) =>
  expressInterest(database.db, actor(who), { from, to, message }, { day });
const step = (who: keyof typeof accounts, id: number, name: IntroductionStep, message = '', notifier?: Notifier) =>
  takeIntroductionStep(database.db, actor(who), id, name, message, { day: DAY, notifier });
const entry = (changes: Partial<TrackerStepInput> = {}): TrackerStepInput => ({ doneOn: DAY, notes: '', links: [], ...changes });
const record = (who: keyof typeof accounts, id: number, number: number, changes: Partial<TrackerStepInput> = {}) =>
  saveTrackerStep(database.db, actor(who), id, number, entry(changes), 'record', { day: DAY });
const correct = (who: keyof typeof accounts, id: number, number: number, changes: Partial<TrackerStepInput> = {}) =>
  saveTrackerStep(database.db, actor(who), id, number, entry(changes), 'correct', { day: DAY });

const auditOf = (entity: string, id: number) =>
  rows<{ action: string; account_id: number | null }>(sql`select action, account_id from audit_log where entity = ${entity} and entity_id = ${id} order by id`);
const openListingOf = async (id: number) => (await rows<{ id: number; status: string }>(sql`select id, status from listings where local_government_id = ${id} order by id desc limit 1`))[0]!;

/** An introduction from one LG to another, forwarded and accepted, with its tracker open. */
async function accepted(from: number, to: number, sender: keyof typeof accounts = 'coordinator'): Promise<Introduction> {
  const { id } = await interest(sender, from, to);
  await step('coordinator', id, 'forward');
  return step('coordinator', id, 'accept', 'Accepted on behalf of our partner, who has no account.');
}

describe('the life of an introduction: Ibara City’s interest in Nagi Town', () => {
  let id = 0;

  it('is previewed with Nagi Town’s listing and nothing against it', async () => {
    const preview = await interestPreview(database.db, actor('ibara'), lg.ibara, lg.nagi, DAY);
    expect(preview).toMatchObject({ from: { id: lg.ibara }, to: { id: lg.nagi }, refusal: null, toListing: { localGovernment: { id: lg.nagi }, status: 'published' } });
  });

  it('is expressed by an officer of Ibara City, waits for a coordinator, and keeps both open listings', async () => {
    const ibaraListing = await openListingOf(lg.ibara);
    const nagiListing = await openListingOf(lg.nagi);
    const created = await interest('ibara', lg.ibara, lg.nagi, '  Ibara makes denim; Nagi has its own kabuki. Shall we talk?  ');
    id = created.id;
    expect(created).toMatchObject({ status: 'pending', sentOn: DAY, forwarded: false, from: { id: lg.ibara }, to: { id: lg.nagi } });
    expect(created.listings).toEqual({ from: { id: ibaraListing.id, url: `/listings/${ibaraListing.id}` }, to: { id: nagiListing.id, url: `/listings/${nagiListing.id}` } });
    expect(created.messages).toMatchObject([{ side: 'from', kind: 'interest', body: 'Ibara makes denim; Nagi has its own kabuki. Shall we talk?', author: { coordinator: false } }]);
    expect(created.viewer).toEqual({ side: 'from', steps: ['withdraw', 'reply'], recordSteps: false });
    const [stored] = await rows<{ from_listing_id: number; to_listing_id: number; account_id: number }>(sql`select from_listing_id, to_listing_id, account_id from introductions where id = ${id}`);
    expect(stored).toEqual({ from_listing_id: ibaraListing.id, to_listing_id: nagiListing.id, account_id: accounts.ibara.id });
    expect(await auditOf('introduction', id)).toEqual([{ action: 'create', account_id: accounts.ibara.id }]);
  });

  it('is hidden from Nagi Town until forwarded, and from everyone else always', async () => {
    expect((await refusal(getIntroduction(database.db, actor('nagi'), id))).status).toBe(403);
    expect((await refusal(getIntroduction(database.db, actor('okayama'), id))).status).toBe(403);
    expect((await refusal(step('nagi', id, 'reply', 'Hello?'))).status).toBe(403);
    expect((await listIntroductions(database.db, actor('nagi'))).map((introduction) => introduction.id)).not.toContain(id);
    expect((await listIntroductions(database.db, actor('okayama'))).map((introduction) => introduction.id)).not.toContain(id);
    expect((await listIntroductions(database.db, actor('ibara'))).map((introduction) => introduction.id)).toContain(id);
    expect((await listIntroductions(database.db, actor('coordinator'), { status: 'pending' })).map((introduction) => introduction.id)).toContain(id);
    expect((await listIntroductions(database.db, actor('coordinator'), { status: 'accepted' })).map((introduction) => introduction.id)).not.toContain(id);
  });

  it('refuses a repeated interest in either direction while it is open, saying who and since when', async () => {
    const again = await refusal(interest('ibara', lg.ibara, lg.nagi));
    expect(again.status).toBe(409);
    expect(reasons(again)).toEqual(['open-with-coordinator']);
    expect(again.message).toContain('Ibara City already expressed interest in Nagi Town on ');
    expect(again.message).toContain('a coordinator is looking at it');
    const reverse = await refusal(interest('nagi', lg.nagi, lg.ibara));
    expect(reverse.status).toBe(409);
    expect(reverse.message).toMatch(/^Ibara City already expressed interest in Nagi Town/);
    expect(await rows(sql`select id from introductions where least(from_lg_id, to_lg_id) = ${Math.min(lg.ibara, lg.nagi)} and greatest(from_lg_id, to_lg_id) = ${Math.max(lg.ibara, lg.nagi)}`)).toHaveLength(1);
  });

  it('lets a coordinator ask for more, which needs words and tells Ibara City on its dashboard', async () => {
    expect((await refusal(step('ibara', id, 'askMore', 'Me?'))).status).toBe(403);
    const empty = await refusal(step('coordinator', id, 'askMore', '   '));
    expect(empty.status).toBe(422);
    expect(reasons(empty)).toEqual(['message-required']);
    const asked = await step('coordinator', id, 'askMore', 'Which exchange do you have in mind: school visits, or trade?');
    expect(asked.status).toBe('more-info');
    expect(asked.messages.at(-1)).toMatchObject({ side: 'coordinator', kind: 'askMore', author: { coordinator: true } });
    const dashboard = await introductionDashboard(database.db, actor('ibara'), DAY);
    expect(dashboard.notices).toEqual([expect.objectContaining({ kind: 'asked', introduction: expect.objectContaining({ id }) })]);
  });

  it('goes back to the coordinators when Ibara City answers', async () => {
    const answered = await step('ibara', id, 'reply', 'School visits first: our high school has a denim course.');
    expect(answered.status).toBe('pending');
    expect(answered.messages.at(-1)).toMatchObject({ side: 'from', kind: 'reply' });
    expect((await introductionDashboard(database.db, actor('coordinator'), DAY)).waiting).toBeGreaterThanOrEqual(1);
  });

  it('is forwarded once, and Nagi Town then sees the whole thread and its notice', async () => {
    const forwarded = await step('coordinator', id, 'forward', 'Both towns are in Okayama and love the stage.');
    expect(forwarded).toMatchObject({ status: 'forwarded', forwarded: true });
    const twice = await refusal(step('coordinator', id, 'forward'));
    expect(twice.status).toBe(409);
    expect(twice.message).toBe('This introduction’s status is “Forwarded, waiting for an answer”: it cannot be forwarded now.');
    const seen = await getIntroduction(database.db, actor('nagi'), id);
    expect(seen.messages.map((message) => `${message.side} ${message.kind}`)).toEqual([
      'from interest',
      'coordinator askMore',
      'from reply',
      'coordinator forward',
    ]);
    expect(seen.viewer).toEqual({ side: 'to', steps: ['decline', 'accept', 'reply'], recordSteps: false });
    expect((await listIntroductions(database.db, actor('nagi'))).map((introduction) => introduction.id)).toContain(id);
    const dashboard = await introductionDashboard(database.db, actor('nagi'), DAY);
    expect(dashboard.notices).toEqual([expect.objectContaining({ kind: 'received', introduction: expect.objectContaining({ id }) })]);
  });

  it('takes Nagi Town’s reply, refuses Ibara City’s acceptance of its own interest, and takes Nagi Town’s', async () => {
    expect((await step('nagi', id, 'reply', 'Welcome! Our kabuki troupe tours in spring.')).messages.at(-1)).toMatchObject({ side: 'to', kind: 'reply' });
    expect((await refusal(step('ibara', id, 'accept', 'Yes'))).status).toBe(403);
    expect(reasons(await refusal(step('nagi', id, 'accept', '')))).toEqual(['message-required']);
    const done = await step('nagi', id, 'accept', 'We accept with joy.');
    expect(done).toMatchObject({ status: 'accepted', closedOn: DAY });
    expect(done.tracker?.steps[0]).toMatchObject({ step: 1, name: 'candidates', recorded: { doneOn: DAY } });
    expect(done.tracker?.next).toBe(2);
    expect(done.viewer.recordSteps).toBe(true);
    expect((await auditOf('tracker', id)).map((entry) => entry.action)).toEqual(['open']);
    expect((await introductionDashboard(database.db, actor('ibara'), DAY)).notices.map((notice) => notice.kind)).toEqual(['accepted']);
  });

  it('refuses what makes no sense any more: accepting twice, declining or withdrawing an accepted introduction', async () => {
    for (const [who, name] of [['nagi', 'accept'], ['nagi', 'decline'], ['ibara', 'withdraw'], ['coordinator', 'forward']] as const) {
      const error = await refusal(step(who, id, name, 'Once more.'));
      expect(error.status, `${who} ${name}`).toBe(409);
      expect(reasons(error)).toEqual(['wrong-status']);
    }
  });

  it('lets only the two sides and coordinators record steps, in order, on days that keep their order', async () => {
    expect((await refusal(record('okayama', id, 2))).status).toBe(403);
    const early = await refusal(record('nagi', id, 3));
    expect(early.status).toBe(409);
    expect(early.message).toBe('“Visit” cannot be recorded yet: “Sounded out” comes next.');
    const future = await refusal(record('nagi', id, 2, { doneOn: addDays(DAY, 1) }));
    expect(future.status).toBe(422);
    expect(reasons(future)).toEqual(['date-future']);
    const before = await refusal(record('nagi', id, 2, { doneOn: addDays(DAY, -1) }));
    expect(reasons(before)).toEqual(['date-before-previous']);
    const badLink = await refusal(record('nagi', id, 2, { links: [{ url: 'javascript:alert(1)', label: 'Minutes' }] }));
    expect(badLink.problems).toEqual([{ field: 'links[0].url', message: 'Give an address that starts with http:// or https://.' }]);
    const sounded = await record('nagi', id, 2, { notes: ' Telephone call of the two mayors. ', links: [{ url: 'https://www.town.nagi.okayama.jp/', label: 'Nagi Town' }] });
    expect(sounded.tracker?.steps[1]?.recorded).toMatchObject({ doneOn: DAY, notes: 'Telephone call of the two mayors.', links: [{ url: 'https://www.town.nagi.okayama.jp/', label: 'Nagi Town' }] });
    expect(reasons(await refusal(record('ibara', id, 2)))).toEqual(['step-recorded']);
  });

  it('corrects a recorded step without breaking the order of the later ones', async () => {
    const earlier = addDays(DAY, -30);
    const corrected = await correct('ibara', id, 1, { doneOn: earlier, notes: 'Found through the listings.' });
    expect(corrected.tracker?.steps[0]?.recorded).toMatchObject({ doneOn: earlier, notes: 'Found through the listings.' });
    expect(reasons(await refusal(correct('ibara', id, 1, { doneOn: addDays(DAY, 1) })))).toEqual(['date-future']);
    await correct('ibara', id, 2, { doneOn: addDays(DAY, -20) });
    expect(reasons(await refusal(correct('ibara', id, 1, { doneOn: addDays(DAY, -10) })))).toEqual(['date-after-next']);
    expect(reasons(await refusal(correct('ibara', id, 3)))).toEqual(['step-not-recorded']);
    expect((await auditOf('tracker', id)).map((entry) => entry.action)).toEqual(['open', 'record-step', 'correct-step', 'correct-step']);
  });

  it('creates the relationship at signing, closes both listings as matched, and makes it active when exchange begins', async () => {
    for (const number of [3, 4, 5, 6]) await record(number % 2 ? 'ibara' : 'nagi', id, number, { doneOn: addDays(DAY, -10) });
    const ibaraListing = await openListingOf(lg.ibara);
    const nagiListing = await openListingOf(lg.nagi);
    const missing = await refusal(record('nagi', id, 7));
    expect(reasons(missing)).toEqual(['label-required']);
    const signed = await record('nagi', id, 7, {
      doneOn: addDays(DAY, -2),
      label: 'Friendship City',
      labelOriginal: '友好都市',
      links: [{ url: 'https://example.org/agreement.pdf', label: 'Agreement' }],
    });
    const relationship = signed.tracker?.relationship;
    expect(relationship).toMatchObject({ label: 'friendship city', status: 'proposed' });
    const [stored] = await rows<Record<string, unknown>>(
      sql`select first_id, second_id, label_original, to_char(signed_on, 'YYYY-MM-DD') as signed_on, signed_precision, status, source, agreement_url from relationships where id = ${relationship!.id}`,
    );
    expect(stored).toEqual({
      first_id: Math.min(lg.ibara, lg.nagi),
      second_id: Math.max(lg.ibara, lg.nagi),
      label_original: '友好都市',
      signed_on: addDays(DAY, -2),
      signed_precision: 'day',
      status: 'proposed',
      source: `formation tracker, introduction ${id}`,
      agreement_url: 'https://example.org/agreement.pdf',
    });
    expect(await auditOf('relationship', relationship!.id)).toEqual([{ action: 'create', account_id: accounts.nagi.id }]);
    for (const listing of [ibaraListing, nagiListing]) {
      expect(await rows(sql`select status, closed_reason from listings where id = ${listing.id}`)).toEqual([{ status: 'closed', closed_reason: 'matched' }]);
      expect((await rows<{ step: string }>(sql`select step from listing_events where listing_id = ${listing.id} order by id desc limit 1`))[0]).toEqual({ step: 'closeOnSigning' });
      expect((await auditOf('listing', listing.id)).at(-1)).toEqual({ action: 'closeOnSigning', account_id: accounts.nagi.id });
    }

    // Signed, not yet in force: the statistics say so on a line of their own.
    const stats = await japanStatistics(database.db, DAY);
    expect(stats.signedAwaitingExchange.relationships.map((line) => line.id)).toContain(relationship!.id);

    const begun = await record('ibara', id, 8, { notes: 'First pupils visit Nagi.' });
    expect(begun.tracker).toMatchObject({ next: null, relationship: { id: relationship!.id, status: 'active' } });
    expect((await auditOf('relationship', relationship!.id)).map((entry) => entry.action)).toEqual(['create', 'update']);
    const after = await japanStatistics(database.db, DAY);
    expect(after.signedAwaitingExchange.relationships.map((line) => line.id)).not.toContain(relationship!.id);
    expect(after.totals.international).toBe(stats.totals.international);
    expect(after.totals.domestic).toBe(stats.totals.domestic + 1);
    expect(reasons(await refusal(interest('ibara', lg.ibara, lg.nagi)))).toEqual(['already-partners']);
    expect((await interestPreview(database.db, actor('ibara'), lg.ibara, lg.nagi, DAY)).refusal?.code).toBe('already-partners');
  });

  it('moves the registry’s date of signing when the signing is corrected', async () => {
    const corrected = await correct('nagi', id, 7, { doneOn: addDays(DAY, -1), links: [{ url: 'https://example.org/signed.pdf', label: 'Signed' }] });
    const [stored] = await rows<{ signed_on: string; agreement_url: string }>(
      sql`select to_char(signed_on, 'YYYY-MM-DD') as signed_on, agreement_url from relationships where id = ${corrected.tracker!.relationship!.id}`,
    );
    expect(stored).toEqual({ signed_on: addDays(DAY, -1), agreement_url: 'https://example.org/signed.pdf' });
  });
});

describe('a signing the registry refuses', () => {
  it('keeps nothing of the step: no step, no relationship, the listings open; the error names the label', async () => {
    const other = partner();
    const introduction = await accepted(lg.ujitawara, other, 'ujitawara');
    for (const number of [2, 3, 4, 5, 6]) await record('ujitawara', introduction.id, number);
    // Someone recorded the relationship in the registry meanwhile, under the label the signing gives.
    await createRelationship(database.db, { localGovernmentIds: [lg.ujitawara, other], label: 'sister city', status: 'proposed' }, OPERATOR);
    const listing = await openListingOf(lg.ujitawara);
    const before = await rows(sql`select count(*)::int as count from relationships`);
    const audited = await auditOf('tracker', introduction.id);
    const error = await refusal(record('ujitawara', introduction.id, 7, { label: 'Sister City' }));
    expect(error.status).toBe(409);
    expect(error.problems).toEqual([{ field: 'label', message: 'These two local governments already have a relationship labelled “sister city” in the registry.' }]);
    expect(await rows(sql`select step from tracker_steps where introduction_id = ${introduction.id} and step = 7`)).toEqual([]);
    expect(await rows(sql`select relationship_id from trackers where introduction_id = ${introduction.id}`)).toEqual([{ relationship_id: null }]);
    expect(await rows(sql`select count(*)::int as count from relationships`)).toEqual(before);
    expect(await openListingOf(lg.ujitawara)).toEqual(listing);
    expect(await auditOf('tracker', introduction.id)).toEqual(audited);

    // Under its own label the signing goes through.
    const signed = await record('ujitawara', introduction.id, 7, { label: 'friendship city' });
    expect(signed.tracker?.relationship?.label).toBe('friendship city');
  });
});

describe('declining and withdrawing', () => {
  it('lets a coordinator decline with a reason, which the sender sees, and holds a new interest back for 180 days', async () => {
    const other = partner();
    const { id } = await interest('ibara', lg.ibara, other);
    expect(reasons(await refusal(step('coordinator', id, 'decline', '')))).toEqual(['message-required']);
    const declined = await step('coordinator', id, 'decline', 'This place has not asked for Japanese partners.');
    expect(declined).toMatchObject({ status: 'declined', closedOn: DAY, decline: { by: 'coordinator', reason: 'This place has not asked for Japanese partners.' } });
    const notices = (await introductionDashboard(database.db, actor('ibara'), DAY)).notices.filter((notice) => notice.introduction.id === id);
    expect(notices).toEqual([expect.objectContaining({ kind: 'declined', by: 'coordinator', reason: 'This place has not asked for Japanese partners.' })]);
    const again = await refusal(interest('ibara', lg.ibara, other));
    expect(again.status).toBe(409);
    expect(reasons(again)).toEqual(['declined-recently']);
    expect(again.message).toContain(`it can be expressed again from`);
    expect((await refusal(interest('ibara', lg.ibara, other, 'Still hoping.', addDays(DAY, 179)))).status).toBe(409);
    expect((await interest('ibara', lg.ibara, other, 'Half a year later, we ask again.', addDays(DAY, 180))).status).toBe('pending');
  });

  it('lets the recipient decline a forwarded introduction with a reason', async () => {
    const { id } = await interest('ujitawara', lg.ujitawara, lg.nagi, 'Tea and kabuki?');
    await step('coordinator', id, 'forward');
    expect((await refusal(step('coordinator', id, 'askMore', 'Too late?'))).status).toBe(409);
    const declined = await step('nagi', id, 'decline', 'We have just signed with another town.');
    expect(declined.decline).toEqual({ by: 'to', reason: 'We have just signed with another town.' });
    expect(declined.messages.at(-1)).toMatchObject({ side: 'to', kind: 'decline' });
    const dashboard = await introductionDashboard(database.db, actor('ujitawara'), DAY);
    expect(dashboard.notices.filter((notice) => notice.introduction.id === id).map((notice) => notice.kind)).toEqual(['declined']);
    expect(reasons(await refusal(step('nagi', id, 'accept', 'Changed our minds')))).toEqual(['wrong-status']);
  });

  it('lets the sender withdraw an open introduction, and express it again', async () => {
    const other = partner();
    const { id } = await interest('ujitawara', lg.ujitawara, other);
    expect((await refusal(step('nagi', id, 'withdraw'))).status).toBe(403);
    expect((await step('ujitawara', id, 'withdraw')).status).toBe('withdrawn');
    expect(reasons(await refusal(step('ujitawara', id, 'reply', 'Hello?')))).toEqual(['wrong-status']);
    expect((await interest('ujitawara', lg.ujitawara, other)).status).toBe('pending');
  });
});

describe('what expressing interest refuses', () => {
  it('refuses an officer who expresses interest for a local government not theirs (403), before reading the message', async () => {
    const error = await refusal(interest('ibara', lg.okayama, partner(), ''));
    expect(error.status).toBe(403);
    expect(error.message).toBe('An officer expresses interest only for their own local governments.');
  });

  it('refuses an LG with itself and an LG that does not exist (422), naming the field', async () => {
    const self = await refusal(interest('ibara', lg.ibara, lg.ibara));
    expect(self.status).toBe(422);
    expect(self.problems).toEqual([{ field: 'to', message: 'A local government cannot express interest in itself.' }]);
    const missing = await refusal(interest('coordinator', lg.ibara, 999_999_999));
    expect(missing.status).toBe(422);
    expect(missing.problems).toEqual([{ field: 'to', message: 'There is no local government 999999999.' }]);
  });

  it('refuses two LGs that are partners already, but not once their relationship has ended', async () => {
    const other = partner();
    const { id } = await createRelationship(database.db, { localGovernmentIds: [lg.okayama, other], label: 'sister city', signedOn: '1990' }, OPERATOR);
    const error = await refusal(interest('okayama', lg.okayama, other));
    expect(error.status).toBe(409);
    expect(error.message).toBe(`Okayama City and ${(await rows<{ name_en: string }>(sql`select name_en from local_governments where id = ${other}`))[0]!.name_en} are partners already (“sister city”, relationship ${id}).`);
    await database.db.execute(sql`update relationships set status = 'ended', ended_on = '2020-03-31' where id = ${id}`);
    expect((await interest('okayama', lg.okayama, other)).status).toBe('pending');
  });

  it('refuses a message that is empty, too long, full of links or holds a NUL (422), storing nothing', async () => {
    const other = partner();
    const links = [...Array(11).keys()].map((n) => `https://example.org/${n}`).join(' ');
    for (const [message, code] of [
      [' ', 'message-required'],
      ['x'.repeat(4001), 'message-too-long'],
      [links, 'message-too-many-links'],
      ['nul\u0000byte', 'message-nul'],
    ] as const) {
      const error = await refusal(interest('okayama', lg.okayama, other, message));
      expect(error.status).toBe(422);
      expect(reasons(error)).toEqual([code]);
    }
    expect(await rows(sql`select id from introductions where to_lg_id = ${other}`)).toEqual([]);
  });

  it('allows ten expressions of interest per LG and day, and answers the eleventh with 429', async () => {
    const day = '2026-01-05';
    for (let n = 0; n < 10; n++) await interest('ujitawara', lg.ujitawara, partner(), `Number ${n + 1}.`, day);
    const eleventh = await refusal(interest('ujitawara', lg.ujitawara, partner(), 'Number 11.', day));
    expect(eleventh.status).toBe(429);
    expect(eleventh.message).toBe('Ujitawara Town has expressed interest 10 times today, the most in one day. Try again tomorrow (Japan time).');
    expect((await interest('ujitawara', lg.ujitawara, partner(), 'The next day.', '2026-01-06')).status).toBe('pending');
  });

  it('previews with 404 for a place that does not exist, and 403 for an LG not the officer’s', async () => {
    expect((await refusal(interestPreview(database.db, actor('okayama'), lg.okayama, 999_999_999, DAY))).status).toBe(404);
    expect((await refusal(interestPreview(database.db, actor('okayama'), lg.ibara, lg.nagi, DAY))).status).toBe(403);
  });
});

describe('mail', () => {
  const received: { to: string[]; raw: string }[] = [];
  let server: SMTPServer;
  let notifier: Notifier;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) =>
        address.address.endsWith('@refused.example.org') ? callback(Object.assign(new Error('No such mailbox here'), { responseCode: 550 })) : callback(),
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((recipient) => recipient.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    notifier = { mailer: createMailer({ url: `smtp://127.0.0.1:${port}`, from: 'Kizuna <no-reply@example.org>' })!, origin: 'https://kizuna.example.org' };
  });
  afterAll(() => new Promise<void>((resolve) => server.close(resolve)));

  const recipientsSince = (count: number) => received.slice(count).flatMap((mail) => mail.to).sort();
  /** A mail's body as written: quoted-printable decoded. */
  const bodyOf = (raw: string) => {
    const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => `%${hex}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/g, '%25'));
  };
  const staffAddresses = async () =>
    (await rows<{ email: string }>(sql`select email from accounts where role in ('coordinator', 'administrator') and status = 'active' order by email`)).map((row) => row.email).sort();

  it('tells the coordinators of new interest, the recipient’s officers of forwarding, the sender’s of the rest', async () => {
    const nagiColleague = await createTestAccount(database.db, 'officer', [lg.nagi]);
    const other = partner();
    let count = received.length;
    const { id } = await expressInterest(database.db, actor('okayama'), { from: lg.okayama, to: other, message: 'Peaches and castles.' }, { day: DAY, notifier });
    expect(recipientsSince(count)).toEqual(await staffAddresses());
    const mail = bodyOf(received.at(-1)!.raw);
    expect(mail).toContain(`紹介を開く：https://kizuna.example.org/ja/introductions/${id}`);
    expect(mail).toContain(`Open the introduction: https://kizuna.example.org/introductions/${id}`);
    expect(mail).toContain('Okayama City expressed interest in');

    count = received.length;
    await step('coordinator', id, 'askMore', 'Which season suits you?', notifier);
    expect(recipientsSince(count)).toEqual([accounts.okayama.email]);

    count = received.length;
    await takeIntroductionStep(database.db, actor('okayama'), id, 'reply', 'Spring.', { day: DAY, notifier });
    expect(recipientsSince(count)).toEqual(await staffAddresses());

    // Nagi Town: the recipient's officers hear of forwarding; the sender's of acceptance.
    const toNagi = await expressInterest(database.db, actor('okayama'), { from: lg.okayama, to: lg.nagi, message: 'Neighbours in Okayama.' }, { day: DAY });
    count = received.length;
    await step('coordinator', toNagi.id, 'forward', '', notifier);
    expect(recipientsSince(count)).toEqual([accounts.nagi.email, nagiColleague.email].sort());
    count = received.length;
    await takeIntroductionStep(database.db, actor('nagi'), toNagi.id, 'accept', 'Gladly.', { day: DAY, notifier });
    expect(recipientsSince(count)).toEqual([accounts.okayama.email]);
    expect(bodyOf(received.at(-1)!.raw)).toContain('Their message: Gladly.');
  });

  it('sends nothing and fails nothing without mail settings; a server that refuses does not undo the change', async () => {
    const count = received.length;
    const { id } = await interest('okayama', lg.okayama, partner());
    expect(received.length).toBe(count);

    const refused = await createTestAccount(database.db, 'officer', [lg.okayama]);
    await database.db.execute(sql`update accounts set email = ${`someone-${refused.id}@refused.example.org`} where id = ${refused.id}`);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const asked = await step('coordinator', id, 'askMore', 'More, please.', notifier);
      expect(asked.status).toBe('more-info');
      expect(logged).toHaveBeenCalledWith(expect.stringContaining('No such mailbox here'));
    } finally {
      logged.mockRestore();
    }
    expect(recipientsSince(count)).toEqual([accounts.okayama.email]);
  });
});
