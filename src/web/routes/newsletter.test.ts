import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestAccount, OPERATOR, type TestAccount } from '../../../test/accounts.js';
import { signedInClient, TestClient } from '../../../test/client.js';
import { openTestDatabase } from '../../../test/database.js';
import { startSmtpServer, type ReceivedMail } from '../../../test/smtp.js';
import { queryRows, type Database } from '../../db/client.js';
import { recordExchange } from '../../services/exchanges.js';
import { createJurisdiction } from '../../services/jurisdictions.js';
import { publishNews } from '../../services/news.js';
import { createRelationship, type Relationship } from '../../services/registry.js';
import { createApp } from '../app.js';

let database: Database;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let coordinator: TestAccount;
let administrator: TestAccount;
let officer: TestAccount;
let relationship: Relationship;
let counter = 0;

// Behind a trusted proxy, so that each visitor comes from an address of its own (the limits are per address).
const app = () => createApp({ db: database.db, cacheBytes: 0, trustProxy: true });
/** A visitor from an address of its own, so that the limit per address of one test does not meet another's. */
const visitor = () => new TestClient(app(), { 'x-forwarded-for': `192.0.2.${++counter}` });
const statusOf = async (email: string) => (await queryRows<{ status: string }>(database.db, sql`select status from subscribers where email = ${email}`))[0]?.status;
const mailsTo = (email: string) => smtp.received.filter((mail) => mail.to.includes(email));
const linkIn = (mail: ReceivedMail, path: string) => new RegExp(`http://localhost(/newsletter/${path}/[A-Za-z0-9_-]+)`).exec(mail.text)?.[1];

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  smtp = await startSmtpServer();
  process.env.KIZUNA_SMTP_URL = smtp.url;
  process.env.KIZUNA_MAIL_FROM = 'Kizuna <no-reply@example.org>';
  const [ibara] = await queryRows<{ id: number }>(database.db, sql`select id from local_governments where jis_code = '332071'`);
  const [partner] = await queryRows<{ id: number }>(database.db, sql`select id from local_governments where country = 'CA' and kind <> 'province' order by id limit 1`);
  relationship = await createRelationship(database.db, { localGovernmentIds: [ibara!.id, partner!.id], label: 'sister city', signedOn: '2000-03-15' } as never, OPERATOR);
  coordinator = await createTestAccount(database.db, 'coordinator');
  administrator = await createTestAccount(database.db, 'administrator');
  officer = await createTestAccount(database.db, 'officer', [ibara!.id]);
});
afterAll(async () => {
  delete process.env.KIZUNA_SMTP_URL;
  delete process.env.KIZUNA_MAIL_FROM;
  await smtp.close();
  await database.close();
});

/** Subscribes an address as a visitor would, and confirms it through the mailed link. */
async function subscribed(email: string): Promise<void> {
  const person = visitor();
  await person.page('/newsletter');
  expect((await person.post('/newsletter/subscribe', { email })).status).toBe(200);
  const confirm = linkIn(mailsTo(email).at(-1)!, 'confirm')!;
  await person.page(confirm);
  expect((await person.post(confirm)).status).toBe(200);
  expect(await statusOf(email)).toBe('confirmed');
}

describe('subscribing to the newsletter', () => {
  it('mails a link to confirm, with a one-click unsubscribe, and confirms through the link once', async () => {
    const email = `hanako-${Date.now()}@example.jp`;
    const person = visitor();
    await person.page('/ja/newsletter');
    const asked = await person.post('/ja/newsletter/subscribe', { email: `  ${email.toUpperCase()} ` });
    expect(asked.status).toBe(200);
    expect(asked.html).toContain('確認のメールをお送りしました');
    expect(await statusOf(email)).toBe('pending');
    const [mail] = mailsTo(email);
    expect(mail!.headers.get('subject')).toMatch(/=\?UTF-8\?|Confirm your subscription/);
    expect(mail!.headers.get('list-unsubscribe')).toMatch(/^<http:\/\/localhost\/newsletter\/unsubscribe\/[A-Za-z0-9_-]+>$/);
    expect(mail!.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const confirm = linkIn(mail!, 'confirm')!;
    // Opening the link changes nothing (mail scanners open links); the button confirms.
    const page = await person.page(confirm);
    expect(page.html).toContain('Press the button');
    expect(await statusOf(email)).toBe('pending');
    expect((await person.post(confirm)).status).toBe(200);
    expect(await statusOf(email)).toBe('confirmed');
    const again = await person.post(confirm);
    expect(again.status).toBe(404);
  });

  it('answers the same whether or not the address has subscribed, mailing the subscriber a note instead of a link', async () => {
    const known = `known-${Date.now()}@example.jp`;
    await subscribed(known);
    const unknown = `unknown-${Date.now()}@example.jp`;
    const person = visitor();
    await person.page('/newsletter');
    const forKnown = await person.post('/newsletter/subscribe', { email: known });
    const forUnknown = await person.post('/newsletter/subscribe', { email: unknown });
    expect(forKnown.status).toBe(forUnknown.status);
    const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)![0];
    expect(main(forKnown.html)).toBe(main(forUnknown.html));
    expect(await statusOf(known)).toBe('confirmed');
    const note = mailsTo(known).at(-1)!;
    expect(note.text).toContain('It is subscribed already');
    expect(linkIn(note, 'confirm')).toBeUndefined();
    expect(linkIn(note, 'unsubscribe')).toBeDefined();
  });

  it('refuses an address that is not one (422) and limits requests for one address (429)', async () => {
    const person = visitor();
    await person.page('/newsletter');
    const bad = await person.post('/newsletter/subscribe', { email: 'not an address' });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('Write an e-mail address such as hanako@example.jp');
    const email = `often-${Date.now()}@example.jp`;
    const ask = async () => {
      const someone = visitor();
      await someone.page('/newsletter');
      return someone.post('/newsletter/subscribe', { email });
    };
    for (let time = 0; time < 3; time++) expect((await ask()).status).toBe(200);
    const limited = await ask();
    expect(limited.status).toBe(429);
    expect(limited.response.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(mailsTo(email)).toHaveLength(3);
  });

  it('unsubscribes with the one-click POST of RFC 8058, without a page or a cookie, and through the page', async () => {
    const email = `leaving-${Date.now()}@example.jp`;
    await subscribed(email);
    const url = mailsTo(email).at(-1)!.headers.get('list-unsubscribe')!.slice(1, -1);
    const response = await app().request(url.replace('http://localhost', ''), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
    expect(await statusOf(email)).toBe('unsubscribed');
    const person = visitor();
    const path = url.replace('http://localhost', '/ja');
    expect((await person.page(path)).html).toContain('配信を停止する');
    expect((await person.post(path)).status).toBe(200);
    expect(await statusOf(email)).toBe('unsubscribed');
    expect((await app().request('/newsletter/unsubscribe/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(404);
  });

  it('refuses subscriptions when the site sends no mail', async () => {
    const url = process.env.KIZUNA_SMTP_URL;
    delete process.env.KIZUNA_SMTP_URL;
    try {
      const person = visitor();
      const page = await person.page('/newsletter');
      expect(page.html).toContain('this site is not set up to send mail');
      await person.page('/sign-in');
      expect((await person.post('/newsletter/subscribe', { email: 'someone@example.jp' })).status).toBe(409);
    } finally {
      process.env.KIZUNA_SMTP_URL = url;
    }
  });
});

describe('issues of the newsletter', () => {
  it('are assembled, edited, published and sent by coordinators, once to each confirmed subscriber, never again after an interruption', async () => {
    await recordExchange(database.db, OPERATOR, relationship.id, {
      startedOn: '2025-03-20',
      endedOn: null,
      kind: 'culture_arts',
      direction: 'mutual',
      visitorId: null,
      participants: 8,
      description: { en: 'An exhibition of pottery.', ja: '陶芸の展覧会' },
      links: [],
    });
    await publishNews(database.db, OPERATOR, { title: { en: 'Maple trees for Ibara', ja: '' }, body: { en: 'A gift.', ja: '' }, tags: [{ kind: 'country', value: 'CA' }] });
    const [first, second, third, departed] = ['first', 'second', 'third', 'departed'].map((name) => `${name}-${Date.now()}@example.jp`);
    for (const email of [first!, second!, third!, departed!]) await subscribed(email);
    await app().request(linkIn(mailsTo(departed!).at(-1)!, 'unsubscribe')!, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });

    const client = await signedInClient(app(), database.db, coordinator);
    const page = await client.page('/newsletter');
    expect(page.html).not.toContain(first);
    const refused = await client.post('/newsletter/issues', { periodFrom: '2025-03-01', periodTo: '2025-02-01', country: 'CA' });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('Must not be before the first day of the period');
    const assembled = await client.post('/newsletter/issues', { periodFrom: '2025-03-01', periodTo: `${new Date().getUTCFullYear()}-12-31`, country: 'ca' });
    expect(assembled.status).toBe(303);
    const editPath = assembled.response.headers.get('location')!;
    const issuePath = editPath.replace(/\/edit$/, '');
    const edit = await client.page(editPath);
    expect(edit.html).toContain('Sister-city newsletter, Canada');
    expect(edit.html).toContain('Maple trees for Ibara');
    expect(edit.html).toContain('Culture and the arts');
    expect(edit.html).toContain('An exhibition of pottery.');
    expect(edit.html).toContain('25 years on 15 March 2025');
    expect(edit.html).toContain('陶芸の展覧会');
    expect((await visitor().request(issuePath)).status).toBe(404);
    expect((await client.post(issuePath, { titleEn: '', titleJa: '', bodyEn: 'x', bodyJa: '' })).status).toBe(422);
    expect((await client.post(issuePath, { titleEn: 'Spring in Canada', titleJa: 'カナダの春', bodyEn: 'Our news.\n\nMore soon.', bodyJa: '' })).status).toBe(303);
    expect((await client.post(`${issuePath}/publish`)).status).toBe(303);
    const published = await visitor().page(`/ja${issuePath}`);
    expect(published.status).toBe(200);
    expect(published.html).toContain('カナダの春');
    expect(published.html).toContain('Our news.');

    // An interrupted send: the delivery to the third was taken but never marked sent.
    const [{ id: thirdId }] = (await queryRows<{ id: number }>(database.db, sql`select id from subscribers where email = ${third!}`)) as [{ id: number }];
    await database.db.execute(sql`insert into newsletter_deliveries (issue_id, subscriber_id) values (${Number(issuePath.split('/').at(-1))}, ${thirdId})`);
    const before = smtp.received.length;
    const sent = await client.post(`${issuePath}/send`);
    expect(sent.status).toBe(303);
    const issueMails = smtp.received.slice(before);
    const recipients = issueMails.flatMap((mail) => mail.to);
    expect(recipients).toContain(first);
    expect(recipients).toContain(second);
    expect(recipients).not.toContain(third);
    expect(recipients).not.toContain(departed);
    for (const mail of issueMails) {
      expect(mail.headers.get('list-unsubscribe')).toMatch(/^<http:\/\/localhost\/newsletter\/unsubscribe\/[A-Za-z0-9_-]+>$/);
      expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      expect(mail.text).toContain('Our news.');
      expect(mail.text).toContain(`http://localhost/ja${issuePath}`);
    }
    const report = await client.page(sent.response.headers.get('location')!);
    expect(report.html).toMatch(/Mailed to \d+ more subscribers/);
    expect(report.html).toMatch(/\d+ interrupted before they were known to have gone/);
    const again = smtp.received.length;
    await client.post(`${issuePath}/send`);
    expect(smtp.received.length).toBe(again);
  });

  it('are assembled for a jurisdiction from the relationships within it and the news about it, not with a country too', async () => {
    const { slug } = await createJurisdiction(database.db, OPERATOR, { nameEn: `Canada ${Date.now()}`, nameJa: 'カナダ管轄', members: 'CA' });
    await publishNews(database.db, OPERATOR, { title: { en: 'A consulate’s reception', ja: '' }, body: { en: 'For the sister cities.', ja: '' }, tags: [{ kind: 'jurisdiction', value: slug }] });
    await publishNews(database.db, OPERATOR, { title: { en: 'Far away in Chile', ja: '' }, body: { en: 'Not in Canada.', ja: '' }, tags: [{ kind: 'country', value: 'CL' }] });
    const client = await signedInClient(app(), database.db, coordinator);
    await client.page('/newsletter');
    const both = await client.post('/newsletter/issues', { periodFrom: '2025-01-01', periodTo: '2025-12-31', country: 'CA', jurisdiction: slug });
    expect(both.status).toBe(422);
    expect(both.html).toContain('Choose a country or a jurisdiction, not both');
    const unknown = await client.post('/newsletter/issues', { periodFrom: '2025-01-01', periodTo: '2025-12-31', country: '', jurisdiction: 'nowhere-at-all' });
    expect(unknown.status).toBe(422);
    const assembled = await client.post('/newsletter/issues', { periodFrom: '2025-01-01', periodTo: `${new Date().getUTCFullYear()}-12-31`, country: '', jurisdiction: slug });
    expect(assembled.status).toBe(303);
    const edit = await client.page(assembled.response.headers.get('location')!);
    expect(edit.html).toContain('Sister-city newsletter, Canada ');
    expect(edit.html).toContain('A consulate’s reception');
    expect(edit.html).toContain('An exhibition of pottery.');
    expect(edit.html).not.toContain('Far away in Chile');
    expect(edit.html).toContain('Covers: Canada ');
  });

  it('keeps drafts, assembling and the subscribers’ addresses from those who may not see them', async () => {
    const email = `private-${Date.now()}@example.jp`;
    await subscribed(email);
    const public_ = visitor();
    await public_.page('/newsletter');
    expect((await public_.post('/newsletter/issues', { periodFrom: '2025-01-01', periodTo: '2025-02-28', country: '' })).status).toBe(303);
    expect((await public_.request('/newsletter/subscribers')).headers.get('location')).toMatch(/^\/sign-in/);
    const asOfficer = await signedInClient(app(), database.db, officer);
    expect((await asOfficer.post('/newsletter/issues', { periodFrom: '2025-01-01', periodTo: '2025-02-28', country: '' })).status).toBe(403);
    const asCoordinator = await signedInClient(app(), database.db, coordinator);
    const forbidden = await asCoordinator.page('/newsletter/subscribers');
    expect(forbidden.status).toBe(403);
    expect(forbidden.html).not.toContain(email);
    const asAdministrator = await signedInClient(app(), database.db, administrator);
    const list = await asAdministrator.page('/newsletter/subscribers');
    expect(list.status).toBe(200);
    expect(list.html).toContain(email);
  });
});
