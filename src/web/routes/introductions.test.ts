import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestAccount, type TestAccount } from '../../../test/accounts.js';
import { signedInClient, TestClient } from '../../../test/client.js';
import { openTestDatabase } from '../../../test/database.js';
import { queryRows, type Database } from '../../db/client.js';
import { addDays } from '../../domain/introductions.js';
import { formatJapanTime, formatPreciseDate } from '../../i18n/index.js';
import { expressInterest, getIntroduction, saveTrackerStep, takeIntroductionStep } from '../../services/introductions.js';
import { today } from '../../services/registry.js';
import type { JapanStatistics } from '../../services/stats.js';
import { createApp } from '../app.js';

let database: Database;
let app: ReturnType<typeof createApp>;
const lg = { ibara: 0, ujitawara: 0, nagi: 0, kurashiki: 0, abroad: 0 };
const accounts = {} as Record<'ibara' | 'nagi' | 'ujitawara' | 'kurashiki' | 'twoLgs' | 'coordinator', TestAccount>;
const DAY = today();

async function lgId(jisCode: string): Promise<number> {
  const [row] = await queryRows<{ id: number }>(database.db, sql`select id from local_governments where jis_code = ${jisCode}`);
  return row!.id;
}

const clientOf = (who: keyof typeof accounts) => signedInClient(app, database.db, accounts[who]);

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  app = createApp({ db: database.db });
  Object.assign(lg, { ibara: await lgId('332071'), ujitawara: await lgId('263443'), nagi: await lgId('336238'), kurashiki: await lgId('332020') });
  lg.abroad = (await queryRows<{ id: number }>(database.db, sql`select id from local_governments where country = 'NZ' order by population desc nulls last limit 1`))[0]!.id;
  accounts.ibara = await createTestAccount(database.db, 'officer', [lg.ibara]);
  accounts.nagi = await createTestAccount(database.db, 'officer', [lg.nagi]);
  accounts.ujitawara = await createTestAccount(database.db, 'officer', [lg.ujitawara]);
  accounts.kurashiki = await createTestAccount(database.db, 'officer', [lg.kurashiki]);
  accounts.twoLgs = await createTestAccount(database.db, 'officer', [lg.kurashiki, lg.ujitawara]);
  accounts.coordinator = await createTestAccount(database.db, 'coordinator');
});
afterAll(() => database.close());

const nagiListing = async () => (await queryRows<{ id: number }>(database.db, sql`select id from listings where local_government_id = ${lg.nagi} order by id desc limit 1`))[0]!.id;
const introductionsBetween = (from: number, to: number) =>
  queryRows<{ id: number; status: string }>(database.db, sql`select id, status from introductions where from_lg_id = ${from} and to_lg_id = ${to} order by id`);

describe('expressing interest', () => {
  it('sends the public to sign in, coming back to the page', async () => {
    const response = await new TestClient(app).request(`/ja/introductions/new?from=${lg.ibara}&to=${lg.nagi}`);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/ja/sign-in?next=${encodeURIComponent(`/ja/introductions/new?from=${lg.ibara}&to=${lg.nagi}`)}`);
  });

  it('shows both local governments, linked, the recipient’s listing and the message box, in English and Japanese', async () => {
    const client = await clientOf('ibara');
    const { status, html } = await client.page(`/introductions/new?from=${lg.ibara}&to=${lg.nagi}`);
    expect(status).toBe(200);
    expect(html).toContain('<h1>Express interest in Nagi Town</h1>');
    expect(html).toMatch(new RegExp(`<a href="/lg/${lg.ibara}-[a-z-]+">Ibara City</a>`));
    expect(html).toMatch(new RegExp(`<a href="/lg/${lg.nagi}-[a-z-]+">Nagi Town</a>`));
    expect(html).toContain(`href="/listings/${await nagiListing()}">Read the listing of Nagi Town</a>`);
    expect(html).toContain('<label for="interest-message">Message</label>');
    expect(html).toContain('<button type="submit">Send to a coordinator</button>');
    const ja = await client.page(`/ja/introductions/new?from=${lg.ibara}&to=${lg.nagi}`);
    expect(ja.html).toContain('<h1>奈義町への関心を表明する</h1>');
    expect(ja.html).toContain('コーディネーターに送る');
    expect(ja.html).toContain('action="/ja/introductions"');
  });

  it('asks an officer of several local governments which one expresses the interest, and skips the question for one', async () => {
    const several = await (await clientOf('twoLgs')).page(`/introductions/new?to=${lg.nagi}`);
    expect(several.status).toBe(200);
    expect(several.html).toContain('<label for="interest-from">Express interest for</label>');
    expect(several.html).toContain(`<option value="${lg.kurashiki}">Kurashiki City</option>`);
    expect(several.html).toContain(`<option value="${lg.ujitawara}">Ujitawara Town</option>`);
    const one = await (await clientOf('kurashiki')).page(`/introductions/new?to=${lg.nagi}`);
    expect(one.html).toContain(`name="from" value="${lg.kurashiki}"`);
    expect(one.html).toContain('Send to a coordinator');
  });

  it('lets a coordinator find the interested local government with the registry’s picker, without JavaScript', async () => {
    const staff = await clientOf('coordinator');
    const ask = await staff.page(`/introductions/new?to=${lg.nagi}`);
    expect(ask.status).toBe(200);
    expect(ask.html).toContain('data-lg-picker="single" data-name="from"');
    expect(ask.html).toContain(`<input type="hidden" name="to" value="${lg.nagi}"/>`);
    const found = await staff.page(`/introductions/new?to=${lg.nagi}&lgQuery=${encodeURIComponent('宇治田原')}&lgFind=1`);
    expect(found.html).toContain(`<input type="radio" name="from" value="${lg.ujitawara}"/> <span>Ujitawara Town`);
    const empty = await staff.page(`/introductions/new?to=${lg.nagi}&lgQuery=&lgFind=1`);
    expect(empty.status).toBe(422);
    expect(empty.html).toContain('Choose a local government: type part of its name');
    const chosen = await staff.page(`/introductions/new?to=${lg.nagi}&from=${lg.ujitawara}&lgQuery=${encodeURIComponent('宇治田原')}`);
    expect(chosen.html).toContain('<h1>Express interest in Nagi Town</h1>');
    expect(chosen.html).toContain('<label for="interest-message">Message</label>');
  });

  it('refuses an officer who would speak for another local government (403), on the page and on sending', async () => {
    const client = await clientOf('kurashiki');
    expect((await client.page(`/introductions/new?from=${lg.ibara}&to=${lg.nagi}`)).status).toBe(403);
    const sent = await client.post('/introductions', { from: String(lg.ibara), to: String(lg.nagi), message: 'Taken over' });
    expect(sent.status).toBe(403);
    expect(sent.html).toContain('An officer expresses interest only for their own local governments.');
    expect(await introductionsBetween(lg.ibara, lg.nagi)).toEqual([]);
    expect((await client.page(`/introductions/new?from=${lg.kurashiki}&to=999999999`)).status).toBe(404);
  });

  it('keeps what was typed and shows the problem next to the message box, storing nothing', async () => {
    const client = await clientOf('ibara');
    await client.page(`/introductions/new?from=${lg.ibara}&to=${lg.nagi}`);
    const empty = await client.post('/introductions', { from: String(lg.ibara), to: String(lg.nagi), message: '   ' });
    expect(empty.status).toBe(422);
    expect(empty.html).toContain('<p class="field-error" id="interest-message-error">Write a message.</p>');
    expect(empty.html).toContain('aria-invalid="true"');
    const long = `Denim <b>and</b> kabuki. ${'x'.repeat(4000)}`;
    const tooLong = await client.post('/introductions', { from: String(lg.ibara), to: String(lg.nagi), message: long });
    expect(tooLong.status).toBe(422);
    expect(tooLong.html).toContain('Denim &lt;b&gt;and&lt;/b&gt; kabuki.');
    expect(tooLong.html).toContain('Use at most 4,000 characters (this has 4,025).');
    const ja = await client.post('/ja/introductions', { from: String(lg.ibara), to: String(lg.nagi), message: '' });
    expect(ja.html).toContain('メッセージを書いてください。');
    const nul = await client.post('/introductions', { from: String(lg.ibara), to: String(lg.nagi), message: 'nul\u0000byte' });
    expect(nul.status).toBe(400);
    expect(await introductionsBetween(lg.ibara, lg.nagi)).toEqual([]);
  });
});

describe('Ibara City’s interest in Nagi Town, through the pages', () => {
  let id = 0;

  it('is sent, and the thread shows the author, the side and the time in Japan', async () => {
    const client = await clientOf('ibara');
    await client.page(`/introductions/new?from=${lg.ibara}&to=${lg.nagi}`);
    const sent = await client.post('/introductions', { from: String(lg.ibara), to: String(lg.nagi), message: 'Ibara makes denim; Nagi has kabuki.' });
    expect(sent.status).toBe(303);
    id = (await introductionsBetween(lg.ibara, lg.nagi))[0]!.id;
    expect(sent.response.headers.get('location')).toBe(`/introductions/${id}`);
    const { html } = await client.page(`/introductions/${id}`);
    const [message] = (await getIntroduction(database.db, accounts.ibara.actor, id)).messages;
    expect(html).toContain('<strong class="author">Test officer');
    expect(html).toContain('<span class="side">Ibara City (interested)</span>');
    expect(html).toContain(`<time datetime="${message!.at}">${formatJapanTime('en', message!.at)}</time>`);
    expect(html).toContain('Waiting for a coordinator');
    expect(html).toContain('Nagi Town does not see this introduction yet.');
    expect(html).toContain('Withdraw the introduction');
    expect(html).not.toContain('Forward the introduction');
    const ja = await client.page(`/ja/introductions/${id}`);
    expect(ja.html).toContain(formatJapanTime('ja', message!.at));
    expect(ja.html).toContain('井原市（関心を表明した側）');
  });

  it('refuses a second expression of interest with the reason and its day, in the page’s language', async () => {
    const client = await clientOf('ibara');
    await client.page(`/introductions/new?from=${lg.ibara}&to=${lg.nagi}`);
    const again = await client.post('/introductions', { from: String(lg.ibara), to: String(lg.nagi), message: 'Again' });
    expect(again.status).toBe(409);
    expect(again.html).toContain(`Ibara City already expressed interest in Nagi Town on ${formatPreciseDate('en', DAY, 'day')}; a coordinator is looking at it.`);
    const ja = await client.page(`/ja/introductions/new?from=${lg.ibara}&to=${lg.nagi}`);
    expect(ja.html).toContain(`井原市は${formatPreciseDate('ja', DAY, 'day')}に奈義町への関心を表明済みで、コーディネーターが確認しています。`);
    expect(ja.html).not.toContain('name="message"');
  });

  it('is hidden from Nagi Town and from other officers until forwarded (403), and missing from their lists', async () => {
    for (const who of ['nagi', 'kurashiki'] as const) {
      const client = await clientOf(who);
      expect((await client.page(`/introductions/${id}`)).status).toBe(403);
      expect((await client.post(`/introductions/${id}/messages`, { message: 'Hello?' })).status).toBe(403);
      expect((await client.page('/introductions')).html).not.toContain(`/introductions/${id}"`);
      expect((await client.page('/dashboard')).html).not.toContain(`/introductions/${id}"`);
    }
    const ja = await (await clientOf('nagi')).page(`/ja/introductions/${id}`);
    expect(ja.html).toContain('この紹介は、まだコーディネーターからあなたの自治体に紹介されていません。');
  });

  it('waits for a coordinator, who asks for more; Ibara City’s dashboard says so', async () => {
    const staff = await clientOf('coordinator');
    expect((await staff.page('/dashboard')).html).toMatch(/<a href="\/introductions\?status=pending">\d+ introductions? (?:is|are) waiting for a coordinator\.<\/a>/);
    expect((await staff.page('/introductions?status=pending')).html).toContain(`/introductions/${id}"`);
    const page = await staff.page(`/introductions/${id}`);
    for (const button of ['Forward the introduction', 'Ask for more', 'Decline the introduction', 'Send the message']) expect(page.html).toContain(`>${button}</button>`);
    expect(page.html).toContain('<label for="ask-message">What should Ibara City add?</label>');
    const empty = await staff.post(`/introductions/${id}/ask`, { message: '' });
    expect(empty.status).toBe(422);
    expect(empty.html).toContain('<p class="field-error" id="ask-message-error">Write a message.</p>');
    expect((await staff.post(`/introductions/${id}/ask`, { message: 'Which exchange first?' })).status).toBe(303);
    const dashboard = await (await clientOf('ibara')).page('/dashboard');
    expect(dashboard.html).toContain('A coordinator asked for more about Ibara City’s interest in Nagi Town.');
  });

  it('goes back to the coordinator on Ibara City’s answer, and is forwarded once (409 the second time)', async () => {
    const ibara = await clientOf('ibara');
    await ibara.page(`/introductions/${id}`);
    expect((await ibara.post(`/introductions/${id}/messages`, { message: 'Pupils first.' })).status).toBe(303);
    const staff = await clientOf('coordinator');
    await staff.page(`/introductions/${id}`);
    expect((await staff.post(`/introductions/${id}/forward`, { message: '' })).status).toBe(303);
    const twice = await staff.post(`/introductions/${id}/forward`, { message: '' });
    expect(twice.status).toBe(409);
    expect(twice.html).toContain('This introduction’s status is “Forwarded, waiting for an answer”: it cannot be forwarded now.');
  });

  it('shows Nagi Town its notice and the whole thread, with the coordinator marked as such', async () => {
    const nagi = await clientOf('nagi');
    const dashboard = await nagi.page('/dashboard');
    expect(dashboard.html).toContain(`<a href="/introductions/${id}">Ibara City is interested in Nagi Town: reply.</a>`);
    const { status, html } = await nagi.page(`/introductions/${id}`);
    expect(status).toBe(200);
    expect(html).toContain('<span class="side">Coordinator</span>');
    expect(html).toContain('Pupils first.');
    for (const button of ['Accept the introduction', 'Decline the introduction', 'Send the message']) expect(html).toContain(`>${button}</button>`);
    expect(html).not.toContain('Forward the introduction');
  });

  it('is accepted by Nagi Town, which opens the tracker with its first step recorded', async () => {
    const nagi = await clientOf('nagi');
    await nagi.page(`/introductions/${id}`);
    expect((await nagi.post(`/introductions/${id}/accept`, { message: 'With joy.' })).status).toBe(303);
    const { html } = await nagi.page(`/introductions/${id}`);
    expect(html).toContain('<h2 id="tracker">Formation tracker</h2>');
    expect(html).toContain('<span class="step-number">Step 1</span> Candidates gathered');
    expect(html).toContain(`Done on ${formatPreciseDate('en', DAY, 'day')}`);
    expect(html).toContain('<label for="record-2-doneOn">Day (YYYY-MM-DD)</label>');
    expect(html).toContain('<button type="submit">Record this step</button>');
    expect(html).toContain('<summary>Correct this step</summary>');
    const accepted = await nagi.post(`/introductions/${id}/accept`, { message: 'Twice.' });
    expect(accepted.status).toBe(409);
    const ibara = await (await clientOf('ibara')).page('/dashboard');
    expect(ibara.html).toContain('Nagi Town accepted: the formation tracker is open.');
  });

  it('records steps in order, keeping what was typed when a day is wrong', async () => {
    const ibara = await clientOf('ibara');
    await ibara.page(`/introductions/${id}`);
    const early = await ibara.post(`/introductions/${id}/steps/3`, { doneOn: DAY });
    expect(early.status).toBe(409);
    expect(early.html).toContain('“Visit” cannot be recorded yet: “Sounded out” comes next.');
    const future = await ibara.post(`/introductions/${id}/steps/2`, { doneOn: addDays(DAY, 1), notes: 'Mayors spoke by telephone.', 'links[0].url': 'ftp://example.org/minutes' });
    expect(future.status).toBe(422);
    expect(future.html).toContain('id="record-2-doneOn-error"');
    expect(future.html).toContain('id="record-2-links-0--url-error"');
    expect(future.html).toContain('Mayors spoke by telephone.');
    expect(future.html).toContain('value="ftp://example.org/minutes"');
    const saved = await ibara.post(`/introductions/${id}/steps/2`, { doneOn: DAY, notes: 'Mayors spoke by telephone.', 'links[0].url': 'https://example.org/minutes', 'links[0].label': 'Minutes' });
    expect(saved.status).toBe(303);
    expect(saved.response.headers.get('location')).toBe(`/introductions/${id}#tracker-step-2`);
    const page = await ibara.page(`/introductions/${id}`);
    expect(page.html).toContain('<a href="https://example.org/minutes" rel="nofollow noopener">Minutes</a>');
    const stranger = await clientOf('kurashiki');
    expect((await stranger.post(`/introductions/${id}/steps/3`, { doneOn: DAY })).status).toBe(403);
  });

  it('signs through the form: the relationship shows on the LG page as proposed', async () => {
    for (const number of [3, 4, 5, 6]) await saveTrackerStep(database.db, accounts.nagi.actor, id, number, { doneOn: DAY, notes: '', links: [] }, 'record');
    const nagi = await clientOf('nagi');
    const page = await nagi.page(`/introductions/${id}`);
    expect(page.html).toContain('<label for="record-7-label">Label as signed (e.g. sister city, friendship city)</label>');
    expect(page.html).toContain('<label for="record-7-labelOriginal">Label in the original language (optional)</label>');
    const missing = await nagi.post(`/introductions/${id}/steps/7`, { doneOn: DAY, label: '' });
    expect(missing.status).toBe(422);
    expect(missing.html).toContain('id="record-7-label-error"');
    expect((await nagi.post(`/introductions/${id}/steps/7`, { doneOn: DAY, label: 'friendship city', labelOriginal: '友好都市' })).status).toBe(303);
    const after = await nagi.page(`/introductions/${id}`);
    expect(after.html).toMatch(/<a href="\/relationships\/\d+">The relationship in the registry: friendship city \(proposed\)<\/a>/);
    const lgPage = await new TestClient(app).page(`/lg/${lg.nagi}`);
    const lgHtml = lgPage.status === 301 ? (await new TestClient(app).page(lgPage.response.headers.get('location')!)).html : lgPage.html;
    expect(lgHtml).toContain('friendship city');
    expect(lgHtml).toContain('<td>proposed</td>');
  });

  it('tells both dashboards where the tracker stands: signed, then under way with a link to the relationship', async () => {
    const signedOn = formatPreciseDate('en', DAY, 'day');
    for (const who of ['ibara', 'nagi'] as const) {
      const { html } = await (await clientOf(who)).page('/dashboard');
      expect(html).toContain(`<a href="/introductions/${id}#tracker-step-8">Ibara City and Nagi Town signed on ${signedOn}: record the first exchange, which makes the relationship active.</a>`);
      expect(html).not.toContain('the formation tracker is open');
      expect(html).toContain('>Accepted: Signed at a ceremony (step 7 of 8)</td>');
    }
    const ja = await (await clientOf('ibara')).page('/ja/dashboard');
    expect(ja.html).toContain(`井原市と奈義町は${formatPreciseDate('ja', DAY, 'day')}に調印しました。交流の開始を記録すると、提携が「有効」になります。`);

    const nagi = await clientOf('nagi');
    await nagi.page(`/introductions/${id}`);
    expect((await nagi.post(`/introductions/${id}/steps/8`, { doneOn: DAY, notes: 'Pupils visited Ibara.' })).status).toBe(303);
    const [relationship] = await queryRows<{ relationship_id: number }>(database.db, sql`select relationship_id from trackers where introduction_id = ${id}`);
    const { html } = await (await clientOf('ibara')).page('/dashboard');
    expect(html).toContain(`<a href="/relationships/${relationship!.relationship_id}">The relationship of Ibara City and Nagi Town is under way: the first exchange was on ${signedOn}. See it in the registry.</a>`);
    expect(html).not.toContain('record the first exchange');
    expect(html).toContain('>Accepted: Exchange begun (step 8 of 8)</td>');
    expect((await (await clientOf('ibara')).page('/ja/dashboard')).html).toContain(`<a href="/ja/relationships/${relationship!.relationship_id}">井原市と奈義町の提携が始まりました`);
  });
});

describe('declining, on the sender’s dashboard', () => {
  it('names the local government that declined, and the reason', async () => {
    const { id } = await expressInterest(database.db, accounts.ujitawara.actor, { from: lg.ujitawara, to: lg.kurashiki, message: 'Tea?' });
    await takeIntroductionStep(database.db, accounts.coordinator.actor, id, 'forward', '');
    const kurashiki = await clientOf('kurashiki');
    const page = await kurashiki.page(`/introductions/${id}`);
    expect(page.html).toContain('<label for="decline-message">Reason for declining, shown to Ujitawara Town</label>');
    expect((await kurashiki.post(`/introductions/${id}/decline`, { message: 'We are busy with our canal festival this year.' })).status).toBe(303);
    const dashboard = await (await clientOf('ujitawara')).page('/dashboard');
    expect(dashboard.html).toContain('Kurashiki City declined: We are busy with our canal festival this year.');
    const ja = await (await clientOf('ujitawara')).page('/ja/dashboard');
    expect(ja.html).toContain('倉敷市がお断りしました：We are busy with our canal festival this year.');
  });
});

describe('a listing’s page', () => {
  it('offers a signed-in officer of another LG to express interest; a choice for several; nothing for the public or its own officer', async () => {
    const listing = (await queryRows<{ id: number }>(database.db, sql`select id from listings where local_government_id = ${lg.ujitawara} and status = 'published'`))[0]!.id;
    const one = await (await clientOf('kurashiki')).page(`/listings/${listing}`);
    expect(one.html).toContain(`<a class="button" href="/introductions/new?from=${lg.kurashiki}&amp;to=${lg.ujitawara}">Express interest</a>`);
    const ja = await (await clientOf('ibara')).page(`/ja/listings/${listing}`);
    expect(ja.html).toContain(`href="/ja/introductions/new?from=${lg.ibara}&amp;to=${lg.ujitawara}">関心を表明する</a>`);
    const severalAccount = await createTestAccount(database.db, 'officer', [lg.kurashiki, lg.ibara]);
    const several = await (await signedInClient(app, database.db, severalAccount)).page(`/listings/${listing}`);
    expect(several.html).toContain('<label for="interest-from">Express interest for</label>');
    expect(several.html).toContain(`<option value="${lg.ibara}">Ibara City</option>`);
    expect(several.html).toContain('<button type="submit">Express interest</button>');
    const own = await (await clientOf('ujitawara')).page(`/listings/${listing}`);
    expect(own.html).not.toContain('Express interest');
    const staff = await (await clientOf('coordinator')).page(`/listings/${listing}`);
    expect(staff.html).toContain(`href="/introductions/new?to=${lg.ujitawara}"`);
    expect((await new TestClient(app).page(`/listings/${listing}`)).html).not.toContain('Express interest');
  });
});

describe('the statistics after a signing', () => {
  it('list the signed relationship apart, not counted as in force, on the page (both languages) and in the API', async () => {
    const before = (await (await app.request('/api/stats')).json()) as JapanStatistics;
    const { id } = await expressInterest(database.db, accounts.ujitawara.actor, { from: lg.ujitawara, to: lg.abroad, message: 'Green tea for you.' });
    await takeIntroductionStep(database.db, accounts.coordinator.actor, id, 'forward', '');
    await takeIntroductionStep(database.db, accounts.coordinator.actor, id, 'accept', 'Accepted for our partner.');
    for (const number of [2, 3, 4, 5, 6]) await saveTrackerStep(database.db, accounts.ujitawara.actor, id, number, { doneOn: DAY, notes: '', links: [] }, 'record');
    await saveTrackerStep(database.db, accounts.ujitawara.actor, id, 7, { doneOn: DAY, notes: '', links: [], label: 'sister city' }, 'record');
    const after = (await (await app.request('/api/stats')).json()) as JapanStatistics;
    expect(after.totals).toEqual(before.totals);
    expect(after.signedAwaitingExchange.international).toBe(before.signedAwaitingExchange.international + 1);
    const page = await new TestClient(app).page('/statistics');
    expect(page.html).toContain(`Signed, first exchange not yet begun: ${after.signedAwaitingExchange.international}`);
    expect(page.html).toMatch(new RegExp(`<a href="/lg/${lg.ujitawara}-[a-z-]+">Ujitawara Town</a>`));
    const ja = await new TestClient(app).page('/ja/statistics');
    expect(ja.html).toContain(`調印済みで交流がまだ始まっていない提携：${after.signedAwaitingExchange.international}件`);
  });
});
