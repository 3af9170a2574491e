import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestAccount, OPERATOR, type TestAccount } from '../../../test/accounts.js';
import { TestClient } from '../../../test/client.js';
import { openTestDatabase } from '../../../test/database.js';
import type { Database } from '../../db/client.js';
import { listAccounts, listApiTokens } from '../../services/accounts.js';
import type { SearchResult } from '../../services/search.js';
import { createApp } from '../app.js';
import { changedFields } from '../pages/account.js';
import { localNext } from './access.js';
import { PERSONAL_ANSWER } from '../session.js';

let database: Database;
let app: ReturnType<typeof createApp>;
let ibara: SearchResult;

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  app = createApp({ db: database.db });
  const response = await app.request('/api/search?q=ibara&country=JP');
  ibara = ((await response.json()) as { results: SearchResult[] }).results.find((lg) => lg.jisCode === '332071')!;
});
afterAll(() => database.close());

const SESSION = 'kizuna_session';

/** The CSRF token of a page's forms. */
const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

/**
 * One person's browser: sends back the cookies the app set, as a browser would, and reads the CSRF
 * token from the sign-in page (which every visitor can open) before each form it posts.
 */
class Browser extends TestClient {
  constructor(target: ReturnType<typeof createApp> = app, headers: Record<string, string> = {}) {
    super(target, headers);
  }

  async get(path: string) {
    const response = await this.request(path);
    return { status: response.status, html: await response.text(), response };
  }

  async freshCsrf(): Promise<string> {
    const token = csrfIn((await this.get('/sign-in')).html);
    expect(token).toBeTruthy();
    return token!;
  }

  /** Posts a form; with a fresh CSRF token unless `csrf` says otherwise (null: none at all). */
  override async post(path: string, fields: Record<string, string | string[]>, csrf?: string | null) {
    const token = csrf === undefined ? await this.freshCsrf() : csrf;
    return super.post(path, token === null ? { ...fields, _csrf: [] } : { ...fields, _csrf: token });
  }

  async signInAs(account: { email: string; password: string }) {
    const result = await this.post('/sign-in', { email: account.email, password: account.password });
    expect(result.status, result.html).toBe(303);
    return result;
  }

  get session() {
    return this.cookies.get(SESSION);
  }
}

/** A browser that holds only the given session cookie. */
function browserWithSession(session: string): Browser {
  const browser = new Browser();
  browser.cookies.set(SESSION, session);
  return browser;
}

const secretIn = (html: string) => /\/account\/password\/([A-Za-z0-9_-]{20,})/.exec(html)?.[1];

describe('signing in', () => {
  it('opens a new session in an HttpOnly, SameSite=Lax cookie and ends the one the browser had', async () => {
    const account = await createTestAccount(database.db, 'coordinator');
    const browser = new Browser();
    const page = await browser.get('/sign-in');
    expect(page.status).toBe(200);
    expect(page.html).toContain('action="/sign-in"');
    expect(page.html).toContain('autocomplete="current-password"');

    await browser.signInAs(account);
    const earlier = browser.session!;
    expect(earlier).toBeTruthy();

    const again = await browser.post('/sign-in', { email: account.email, password: account.password });
    expect(again.status).toBe(303);
    expect(again.response.headers.get('location')).toBe('/dashboard');
    const cookie = again.response.headers.getSetCookie().find((line) => line.startsWith(`${SESSION}=`))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(browser.session).toBeTruthy();
    expect(browser.session).not.toBe(earlier);

    expect((await browser.get('/account')).html).toContain(account.email);
    const withEarlier = await browserWithSession(earlier).request('/account');
    expect(withEarlier.status).toBe(303);
    expect(withEarlier.headers.get('location')).toBe('/sign-in?next=%2Faccount');
  });

  it('goes back to the local page it was sent from, never to another site', async () => {
    const account = await createTestAccount(database.db, 'coordinator');
    const toAudit = await new Browser().post('/sign-in?next=%2Faudit%3Fentity%3Daccount', { email: account.email, password: account.password });
    expect(toAudit.response.headers.get('location')).toBe('/audit?entity=account');
    const elsewhere = await new Browser().post('/sign-in?next=%2F%2Fevil.example', { email: account.email, password: account.password });
    expect(elsewhere.response.headers.get('location')).toBe('/dashboard');
    const japanese = await new Browser().post('/ja/sign-in', { email: account.email, password: account.password });
    expect(japanese.response.headers.get('location')).toBe('/ja/dashboard');
    expect([localNext('/a'), localNext('//x'), localNext('/\\x'), localNext('https://x'), localNext(undefined)]).toEqual(['/a', undefined, undefined, undefined, undefined]);
  });

  it('refuses a wrong password (401) and keeps the e-mail address but not the password', async () => {
    const account = await createTestAccount(database.db, 'officer', [ibara.id]);
    const browser = new Browser();
    const { status, html, response } = await browser.post('/sign-in', { email: account.email, password: 'not the right one at all' });
    expect(status).toBe(401);
    expect(html).toContain('The e-mail address or the password is wrong.');
    expect(html).toContain(`value="${account.email}"`);
    expect(html).not.toContain('not the right one at all');
    expect(response.headers.getSetCookie().some((line) => line.startsWith(`${SESSION}=`))).toBe(false);

    const japanese = await browser.post('/ja/sign-in', { email: account.email, password: '' });
    expect(japanese.status).toBe(422);
    expect(japanese.html).toContain('入力してください。');
  });

  it('refuses a form without its CSRF token or with a wrong one (403), changing nothing', async () => {
    const administrator = await createTestAccount(database.db, 'administrator');
    const browser = new Browser();
    const noToken = await browser.post('/sign-in', { email: administrator.email, password: administrator.password }, null);
    expect(noToken.status).toBe(403);
    expect(browser.session).toBeUndefined();

    await browser.signInAs(administrator);
    const email = `csrf-${Date.now()}@test.example.org`;
    const invitation = { email, name: 'Nobody', role: 'coordinator', localGovernmentIds: '' };
    expect((await browser.post('/admin/accounts/invite', invitation, null)).status).toBe(403);
    expect((await browser.post('/admin/accounts/invite', invitation, 'forged-token')).status).toBe(403);
    // A token of another visitor is no better than a forged one.
    expect((await browser.post('/admin/accounts/invite', invitation, await new Browser().freshCsrf())).status).toBe(403);
    expect((await listAccounts(database.db, OPERATOR)).some((account) => account.email === email)).toBe(false);
    expect((await browser.post('/sign-out', {}, null)).status).toBe(403);
    expect((await browser.get('/account')).status).toBe(200);
  });

  it('refuses a sixth attempt on one account from one address within 15 minutes, even with the right password (429, Retry-After)', async () => {
    const account = await createTestAccount(database.db, 'officer', [ibara.id]);
    const browser = new Browser();
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await browser.post('/sign-in', { email: account.email, password: `wrong password ${attempt}` })).status).toBe(401);
    }
    const { status, html, response } = await browser.post('/sign-in', { email: account.email, password: account.password });
    expect(status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(html).toMatch(/Too many failed sign-ins\. Wait \d+ minutes/);
    expect(html).toContain(`value="${account.email}"`);
    expect(browser.session).toBeUndefined();
  });

  it('lets the right password in from another address while one address is held back for the account', async () => {
    const proxied = createApp({ db: database.db, trustProxy: true });
    const account = await createTestAccount(database.db, 'officer', [ibara.id]);
    const guesser = new Browser(proxied, { 'x-forwarded-for': '203.0.113.66' });
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await guesser.post('/sign-in', { email: account.email, password: `wrong password ${attempt}` })).status).toBe(401);
    }
    expect((await guesser.post('/sign-in', { email: account.email, password: account.password })).status).toBe(429);
    await new Browser(proxied, { 'x-forwarded-for': '198.51.100.66' }).signInAs(account);
  });

  it('refuses an address after 20 failures across accounts, behind a trusted proxy', async () => {
    const proxied = createApp({ db: database.db, trustProxy: true });
    const accounts: TestAccount[] = [];
    for (let index = 0; index < 5; index++) accounts.push(await createTestAccount(database.db, 'coordinator'));
    const office = new Browser(proxied, { 'x-forwarded-for': '203.0.113.9, 10.0.0.1' });
    for (const account of accounts.slice(0, 4)) {
      for (let attempt = 1; attempt <= 5; attempt++) {
        expect((await office.post('/sign-in', { email: account.email, password: `wrong password ${attempt}` })).status).toBe(401);
      }
    }
    const further = accounts[4]!;
    const refused = await office.post('/sign-in', { email: further.email, password: further.password });
    expect(refused.status).toBe(429);
    expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThan(0);
    // A hop the client writes itself before the proxy's does not make it another address.
    const spoofing = new Browser(proxied, { 'x-forwarded-for': '192.0.2.200, 10.0.0.1' });
    expect((await spoofing.post('/sign-in', { email: further.email, password: further.password })).status).toBe(429);
    // Another address is not held back by this one's failures.
    await new Browser(proxied, { 'x-forwarded-for': '198.51.100.20' }).signInAs(further);
  });
});

describe('signing out', () => {
  it('ends the session: the old cookie no longer signs anyone in', async () => {
    const account = await createTestAccount(database.db, 'coordinator');
    const browser = new Browser();
    await browser.signInAs(account);
    const session = browser.session!;
    const { status, response } = await browser.post('/sign-out', {});
    expect(status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    expect(browser.session).toBeUndefined();
    const replayed = await browserWithSession(session).request('/account');
    expect(replayed.status).toBe(303);
    expect(replayed.headers.get('location')).toMatch(/^\/sign-in\?next=/);
  });
});

describe('inviting and setting a password', () => {
  it('takes an invited officer from the link to the dashboard, once', async () => {
    const administrator = await createTestAccount(database.db, 'administrator');
    const admin = new Browser();
    await admin.signInAs(administrator);
    const form = await admin.get('/admin/accounts');
    expect(form.status).toBe(200);
    for (const role of ['officer', 'coordinator', 'administrator']) expect(form.html).toContain(`value="${role}"`);

    const email = `hanako-${Date.now()}@city.example.jp`;
    const invited = await admin.post('/admin/accounts/invite', { email, name: 'Yamada Hanako', role: 'officer', localGovernmentIds: String(ibara.id) });
    expect(invited.status, invited.html).toBe(200);
    expect(invited.response.headers.get('cache-control')).toBe(PERSONAL_ANSWER);
    expect(invited.html).toContain('Invitation for Yamada Hanako');
    expect(invited.html).toContain('<p class="note success" role="status">Invitation made for Yamada Hanako as officer of Ibara City. Pass on the one-time link below.</p>');
    expect(invited.html).toContain('Ibara');
    expect(invited.html).toContain('This installation does not send mail');
    expect(invited.html).toMatch(/value="http:\/\/localhost\/account\/password\/[A-Za-z0-9_-]+"/);
    const secret = secretIn(invited.html)!;

    const officer = new Browser();
    const page = await officer.get(`/account/password/${secret}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Set your password');
    expect(page.html).toContain('Yamada Hanako');
    expect(page.html).toContain(email);
    expect(page.html).toContain('Officer');
    expect(page.html).toContain('Ibara');
    expect(page.html).toContain('At least 12 characters. A few words together make a good one');
    expect(page.response.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await officer.get(`/ja/account/password/${secret}`)).html).toContain('井原市');

    const mismatched = await officer.post(`/account/password/${secret}`, { password: 'cranes above Okayama', confirmation: 'cranes above Okayama!' });
    expect(mismatched.status).toBe(422);
    expect(mismatched.html).toContain('The two passwords differ');
    expect(mismatched.html).not.toContain('cranes above');

    const short = await officer.post(`/account/password/${secret}`, { password: 'herons', confirmation: 'herons' });
    expect(short.status).toBe(422);
    expect(short.html).toContain('Use at least 12 characters');
    const shortJa = await officer.post(`/ja/account/password/${secret}`, { password: 'herons', confirmation: 'herons' });
    expect(shortJa.html).toContain('12文字以上にしてください');

    const good = await officer.post(`/account/password/${secret}`, { password: 'herons over the Oda river', confirmation: 'herons over the Oda river' });
    expect(good.status).toBe(303);
    expect(good.response.headers.get('location')).toBe('/dashboard');
    expect(officer.session).toBeTruthy();
    const own = await officer.get('/account');
    expect(own.status).toBe(200);
    expect(own.html).toContain('Yamada Hanako');

    const reused = await new Browser().get(`/account/password/${secret}`);
    expect(reused.status).toBe(409);
    expect(reused.html).toContain('This link has been used already');
    expect(reused.html).toContain('href="/sign-in"');
    expect((await new Browser().post(`/account/password/${secret}`, { password: 'another long password', confirmation: 'another long password' })).status).toBe(409);
    expect((await new Browser().get('/account/password/no-such-link-at-all')).status).toBe(404);

    await new Browser().signInAs({ email, password: 'herons over the Oda river' });
  });

  it('shows the form again with field messages when an invitation is wrong (422), and refuses a taken address (409)', async () => {
    const administrator = await createTestAccount(database.db, 'administrator');
    const admin = new Browser();
    await admin.signInAs(administrator);
    const noLg = await admin.post('/admin/accounts/invite', { email: 'not-an-address', name: 'Sato', role: 'officer', localGovernmentIds: '' });
    expect(noLg.status).toBe(422);
    expect(noLg.html).toContain('Write an e-mail address such as name@city.example.jp.');
    expect(noLg.html).toContain('An officer acts for at least one local government');
    expect(noLg.html).toContain('value="not-an-address"');
    expect(noLg.html).toContain('value="Sato"');

    const notNumber = await admin.post('/ja/admin/accounts/invite', { email: 'sato@example.jp', name: 'Sato', role: 'officer', localGovernmentIds: '井原市' });
    expect(notNumber.status).toBe(422);
    expect(notNumber.html).toContain('「井原市」は自治体の番号ではありません');

    const taken = await admin.post('/admin/accounts/invite', { email: administrator.email, name: 'Again', role: 'coordinator', localGovernmentIds: '' });
    expect(taken.status).toBe(409);
    expect(taken.html).toContain('There is an account for this address already.');
  });

  it('finds the local governments of an officer by name without JavaScript, keeping what was typed, then invites with those ticked', async () => {
    const coordinator = await createTestAccount(database.db, 'coordinator');
    const browser = new Browser();
    await browser.signInAs(coordinator);
    const form = await browser.get('/admin/accounts');
    expect(form.html).toContain('<input id="field-localGovernmentIds" name="lgQuery" type="search"');
    expect(form.html).toContain('<button type="submit" name="lgFind" value="1"');
    expect(form.html).toContain(`<script src="/assets/lgPicker.js?v=`);

    const email = `kenji-${Date.now()}@city.example.jp`;
    const typed = { email, name: 'Mori Kenji', role: 'officer' };
    const found = await browser.post('/admin/accounts/invite', { ...typed, lgQuery: 'ibara', lgFind: '1' });
    expect(found.status).toBe(200);
    expect(found.html).toContain(`<input type="checkbox" name="localGovernmentIds" value="${ibara.id}"/> <span>Ibara City`);
    expect(found.html).toMatch(/\d+ match(es)? for “ibara”/);
    expect(found.html).toContain(`value="${email}"`);
    expect(found.html).toContain('value="Mori Kenji"');
    expect((await listAccounts(database.db, OPERATOR)).some((account) => account.email === email)).toBe(false);

    // A second search keeps the local government ticked before.
    const again = await browser.post('/admin/accounts/invite', { ...typed, localGovernmentIds: String(ibara.id), lgQuery: '倉敷', lgFind: '1' });
    expect(again.html).toContain(`<input type="checkbox" name="localGovernmentIds" value="${ibara.id}" checked=""/> <span>Ibara City`);
    const kurashiki = /<input type="checkbox" name="localGovernmentIds" value="(\d+)"\/> <span>Kurashiki City/.exec(again.html)?.[1];
    expect(kurashiki).toBeDefined();

    const invited = await browser.post('/admin/accounts/invite', { ...typed, localGovernmentIds: [String(ibara.id), kurashiki!], lgQuery: '倉敷' });
    expect(invited.status).toBe(200);
    expect(invited.html).toMatch(/<p class="note success" role="status">Invitation made for Mori Kenji as officer of (Ibara City, Kurashiki City|Kurashiki City, Ibara City)\. Pass on the one-time link below\.<\/p>/);
    const account = (await listAccounts(database.db, OPERATOR)).find((candidate) => candidate.email === email);
    expect(account?.localGovernments.map((lg) => lg.id).sort()).toEqual([ibara.id, Number(kurashiki)].sort());
  });

  it('says what a search of the picker found nothing for, and refuses an LG that does not exist', async () => {
    const coordinator = await createTestAccount(database.db, 'coordinator');
    const browser = new Browser();
    await browser.signInAs(coordinator);
    const typed = { email: `nobody-${Date.now()}@example.jp`, name: 'Nobody', role: 'officer' };
    const nothing = await browser.post('/admin/accounts/invite', { ...typed, lgQuery: 'qqzzxxvv', lgFind: '1' });
    expect(nothing.status).toBe(200);
    expect(nothing.html).toContain('No local government matches “qqzzxxvv”.');
    const noLetters = await browser.post('/ja/admin/accounts/invite', { ...typed, lgQuery: '!!!', lgFind: '1' });
    expect(noLetters.html).toContain('名前の文字を一文字以上入力してください。');
    const noNumber = await browser.post('/admin/accounts/invite', { ...typed, lgQuery: '999999999', lgFind: '1' });
    expect(noNumber.html).toContain('There is no local government number 999999999.');
    // Enter in a text field presses Find first: with nothing to find, the invitation is sent as it is.
    const empty = await browser.post('/admin/accounts/invite', { ...typed, lgQuery: '', lgFind: '1' });
    expect(empty.status).toBe(422);
    expect(empty.html).toContain('An officer acts for at least one local government');
    const noneTicked = await browser.post('/admin/accounts/invite', { email: `chief-${Date.now()}@example.jp`, name: 'Chief', role: 'officer' });
    expect(noneTicked.html).toContain('An officer acts for at least one local government');
    const unknown = await browser.post('/admin/accounts/invite', { ...typed, localGovernmentIds: '999999999' });
    expect(unknown.status).toBe(422);
    expect(unknown.html).toContain('<p class="field-error" id="field-localGovernmentIds-problem">There is no local government 999999999.</p>');
  });

  it('lets a coordinator invite officers only (403 for an administrator)', async () => {
    const coordinator = await createTestAccount(database.db, 'coordinator');
    const browser = new Browser();
    await browser.signInAs(coordinator);
    const page = await browser.get('/admin/accounts');
    expect(page.status).toBe(200);
    expect(page.html).toContain('value="officer"');
    expect(page.html).not.toContain('value="administrator"');
    const email = `chief-${Date.now()}@test.example.org`;
    const refused = await browser.post('/admin/accounts/invite', { email, name: 'Chief', role: 'administrator', localGovernmentIds: '' });
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('A coordinator invites officers');
    expect((await listAccounts(database.db, OPERATOR)).some((account) => account.email === email)).toBe(false);
  });

  it('mails the link when mail is set up, and says so', async () => {
    const received: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push(Buffer.concat(chunks).toString('utf8'));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    process.env.KIZUNA_SMTP_URL = `smtp://127.0.0.1:${port}`;
    process.env.KIZUNA_MAIL_FROM = 'Kizuna <no-reply@example.org>';
    try {
      const administrator = await createTestAccount(database.db, 'administrator');
      const admin = new Browser();
      await admin.signInAs(administrator);
      const email = `mailed-${Date.now()}@city.example.jp`;
      const invited = await admin.post('/admin/accounts/invite', { email, name: 'Suzuki Ichiro', role: 'coordinator', localGovernmentIds: '' });
      expect(invited.status).toBe(200);
      expect(invited.html).toContain(`It has also been mailed to ${email}.`);
      expect(received).toHaveLength(1);
      const raw = received[0]!;
      const headers = raw.slice(0, raw.indexOf('\r\n\r\n'));
      const body = raw.slice(headers.length + 4);
      expect(headers).toContain(`To: ${email}`);
      const text = /Content-Transfer-Encoding: base64/i.test(headers)
        ? Buffer.from(body, 'base64').toString('utf8')
        : Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
      expect(text).toContain(`http://localhost/account/password/${secretIn(invited.html)}`);
    } finally {
      delete process.env.KIZUNA_SMTP_URL;
      delete process.env.KIZUNA_MAIL_FROM;
      await new Promise<void>((resolve) => server.close(resolve));
    }
  });
});

describe('managing accounts', () => {
  it('lets an administrator disable, enable and make a reset link, but not disable themselves', async () => {
    const administrator = await createTestAccount(database.db, 'administrator');
    const officerAccount = await createTestAccount(database.db, 'officer', [ibara.id]);
    const admin = new Browser();
    await admin.signInAs(administrator);
    const officer = new Browser();
    await officer.signInAs(officerAccount);

    const list = await admin.get('/admin/accounts');
    expect(list.html).toContain(officerAccount.email);
    expect(list.html).toContain(`action="/admin/accounts/${officerAccount.id}/disable"`);
    expect(list.html).not.toContain(`action="/admin/accounts/${administrator.id}/disable"`);

    const disabled = await admin.post(`/admin/accounts/${officerAccount.id}/disable`, {});
    expect(disabled.status).toBe(200);
    expect(disabled.html).toMatch(/The account of Test officer \d+ is disabled/);
    expect(disabled.html).toContain(`action="/admin/accounts/${officerAccount.id}/enable"`);
    expect((await officer.request('/account')).status).toBe(303);

    const self = await admin.post(`/admin/accounts/${administrator.id}/disable`, {});
    expect(self.status).toBe(409);
    expect(self.html).toContain('You cannot disable your own account');

    expect((await admin.post(`/admin/accounts/${officerAccount.id}/reset-link`, {})).status).toBe(409);
    expect((await admin.post(`/admin/accounts/${officerAccount.id}/enable`, {})).status).toBe(200);
    const reset = await admin.post(`/ja/admin/accounts/${officerAccount.id}/reset-link`, {});
    expect(reset.status).toBe(200);
    expect(reset.html).toContain('パスワード再設定リンク');
    const page = await new Browser().get(`/account/password/${secretIn(reset.html)}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Choose a new password');
  });

  it('keeps officers out of the accounts and the audit log (403) and sends the public to sign in', async () => {
    const officerAccount = await createTestAccount(database.db, 'officer', [ibara.id]);
    const officer = new Browser();
    await officer.signInAs(officerAccount);
    const accounts = await officer.get('/admin/accounts');
    expect(accounts.status).toBe(403);
    expect(accounts.html).toContain('You may not open this page');
    expect((await officer.get('/audit')).status).toBe(403);
    const japanese = await officer.get('/ja/audit');
    expect(japanese.status).toBe(403);
    expect(japanese.html).toContain('コーディネーターと管理者だけ');
    expect((await officer.post(`/admin/accounts/invite`, { email: 'x@example.jp', name: 'X', role: 'officer', localGovernmentIds: String(ibara.id) })).status).toBe(403);

    const anonymous = await new Browser().request('/ja/audit?entity=listing');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe(`/ja/sign-in?next=${encodeURIComponent('/ja/audit?entity=listing')}`);
  });
});

describe('API tokens on the account page', () => {
  it('shows a new token once; it works as a Bearer token until revoked', async () => {
    const account = await createTestAccount(database.db, 'coordinator');
    const browser = new Browser();
    await browser.signInAs(account);
    const created = await browser.post('/account/tokens', { name: 'prefecture website sync' });
    expect(created.status).toBe(200);
    expect(created.html).toContain('Copy it now');
    const token = /value="(kz_[A-Za-z0-9_-]+)"/.exec(created.html)?.[1];
    expect(token).toBeTruthy();
    expect((await browser.get('/account')).html).not.toContain(token!);

    const bearer = { authorization: `Bearer ${token}` };
    expect((await app.request('/api/local-governments/1', { headers: bearer })).status).toBe(200);
    const listed = await browser.get('/account');
    expect(listed.html).toContain('prefecture website sync');
    expect(listed.html).toContain(`${token!.slice(0, 9)}…`);

    const record = (await listApiTokens(database.db, account.actor)).find((candidate) => candidate.name === 'prefecture website sync')!;
    const revoked = await browser.post(`/account/tokens/${record.id}/revoke`, {});
    expect(revoked.status).toBe(200);
    expect(revoked.html).toContain('The token “prefecture website sync” is revoked');
    const write = await app.request('/api/relationships', {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: JSON.stringify({ localGovernmentIds: [ibara.id, 1] }),
    });
    expect(write.status).toBe(401);

    const unnamed = await browser.post('/account/tokens', { name: '  ' });
    expect(unnamed.status).toBe(422);
    expect(unnamed.html).toContain('Name the token');
  });
});

describe('the audit log', () => {
  it('lists changes newest first with what changed, filtered by kind', async () => {
    const coordinator = await createTestAccount(database.db, 'coordinator');
    const browser = new Browser();
    await browser.signInAs(coordinator);
    await browser.post('/account/tokens', { name: 'audited token' });
    const all = await browser.get('/audit');
    expect(all.status).toBe(200);
    // Actions in words, not the names the code writes.
    expect(all.html).toContain('API token made');
    expect(all.html).not.toContain('create-token');
    expect(all.html).toContain(coordinator.email);
    const tokens = await browser.get('/audit?entity=api_token');
    expect(tokens.html).toContain('audited token');
    expect(tokens.html).not.toContain('>Invited<');
    expect((await browser.get('/ja/audit?entity=account')).html).toContain('監査ログ');
    expect((await browser.get('/ja/audit?entity=api_token')).html).toContain('APIトークンの発行');

    expect(changedFields({ status: 'invited', name: 'A' }, { status: 'active', name: 'A' })).toEqual([{ field: 'status', before: 'invited', after: 'active' }]);
    expect(changedFields(null, { id: 3 })).toEqual([{ field: 'id', before: '—', after: '3' }]);
    expect(changedFields({ notes: 'x'.repeat(100) }, {})[0]!.before).toHaveLength(60);
  });
});
