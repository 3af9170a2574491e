import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createTestAccount } from '../test/accounts.js';
import { queryRows } from '../src/db/client.js';
import { inPage, launchChromium, requireChromium, startPortal, type PortalWithDatabase } from './support.js';

/**
 * Listings as people make them, in a real Chromium against the real server: an administrator
 * invites an officer, the officer changes their listing, a coordinator sends it back and then
 * publishes it, the public reads it; and text written to break out of the page stays text.
 */

let portal: PortalWithDatabase;
let browser: Browser;
/** Why setup failed, if it did: every test then fails with it (a missing Chromium fails, never skips). */
let setupError: unknown;

const lgs = { ibara: 0, nagi: 0, kurashiki: 0 };
const listings = { ibara: 0, nagi: 0 };

beforeAll(async () => {
  const started = performance.now();
  try {
    requireChromium();
    const launching = launchChromium();
    launching.catch(() => {}); // reported by the await below
    try {
      portal = await startPortal(inject('databaseTemplate'), { pairs: false });
    } finally {
      browser = await launching;
    }
    const rows = await queryRows<{ jis: string; lg: number; listing: number | null }>(
      portal.db,
      sql`select lg.jis_code as jis, lg.id as lg, l.id as listing
          from local_governments lg left join listings l on l.local_government_id = lg.id and l.status = 'published'
          where lg.jis_code in ('332071', '336238', '332020')`,
    );
    const of = (jis: string) => rows.find((row) => row.jis === jis)!;
    lgs.ibara = of('332071').lg;
    lgs.nagi = of('336238').lg;
    lgs.kurashiki = of('332020').lg;
    listings.ibara = of('332071').listing!;
    listings.nagi = of('336238').listing!;
    if (!listings.ibara || !listings.nagi) throw new Error(`Setup: the demo listings of Ibara and Nagi are not published: ${JSON.stringify(rows)}`);
    console.log(`e2e listings setup on ${portal.engine}: ${((performance.now() - started) / 1000).toFixed(1)} s (database, server, Chromium)`);
  } catch (error) {
    setupError = error;
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

function ready(): void {
  if (setupError) throw setupError;
}

const contexts: BrowserContext[] = [];
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
});

/** A new browser context (its own cookies: another person) with one tab. */
async function person(): Promise<Page> {
  ready();
  const context = await browser.newContext({ baseURL: portal.url, viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  return context.newPage();
}

const pathOf = (page: Page) => new URL(page.url()).pathname;

/** Signs in through the sign-in form; lands on the dashboard. */
async function signInThroughForm(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  const form = page.locator('main form[action^="/sign-in"]');
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="password"]').fill(password);
  await Promise.all([page.waitForURL((url) => url.pathname === '/dashboard'), form.getByRole('button', { name: 'Sign in' }).click()]);
}

const mainText = async (page: Page) => (await page.locator('main').textContent()) ?? '';

describe('a listing’s life in the browser', () => {
  test('invitation, password, editing, a refused LG, changes asked, resubmitted, published, read by the public', async () => {
    const administrator = await createTestAccount(portal.db, 'administrator');
    const coordinator = await createTestAccount(portal.db, 'coordinator');
    const officerEmail = `hanako-${Date.now()}@city.ibara.example.jp`;
    const officerPassword = 'denim looms along the Oda river';
    const sentence = `Our denim mills welcome visiting students (${Date.now()}).`;

    // The administrator invites an officer of Ibara City and reads the one-time link.
    const admin = await person();
    await signInThroughForm(admin, administrator.email, administrator.password);
    await admin.goto('/admin/accounts');
    const invite = admin.locator('form[action="/admin/accounts/invite"]');
    await invite.locator('input[name="email"]').fill(officerEmail);
    await invite.locator('input[name="name"]').fill('Yamada Hanako');
    await invite.locator('select[name="role"]').selectOption('officer');
    await invite.locator('[name="localGovernmentIds"]').fill(String(lgs.ibara));
    await Promise.all([admin.waitForURL((url) => url.pathname === '/admin/accounts/invite'), invite.getByRole('button', { name: 'Invite' }).click()]);
    const link = await admin.locator('#issued-link').inputValue();
    expect(link).toMatch(new RegExp(`^${portal.url}/account/password/[A-Za-z0-9_-]{20,}$`));

    // The officer, in a browser of their own, sets a password: a mismatch first.
    const officer = await person();
    await officer.goto(link);
    expect(await mainText(officer)).toContain('Yamada Hanako');
    const passwordForm = officer.locator('main form[action^="/account/password/"]');
    await passwordForm.locator('input[name="password"]').fill(officerPassword);
    await passwordForm.locator('input[name="confirmation"]').fill(`${officerPassword}!`);
    const [mismatch] = await Promise.all([officer.waitForResponse((response) => response.request().method() === 'POST'), passwordForm.getByRole('button').click()]);
    expect(mismatch.status()).toBe(422);
    expect(await officer.locator('#field-confirmation-problem').innerText()).toContain('The two passwords differ');
    expect(pathOf(officer)).toMatch(/^\/account\/password\//);
    await passwordForm.locator('input[name="password"]').fill(officerPassword);
    await passwordForm.locator('input[name="confirmation"]').fill(officerPassword);
    await Promise.all([officer.waitForURL((url) => url.pathname === '/dashboard'), passwordForm.getByRole('button').click()]);
    expect(await mainText(officer)).toContain('Ibara City');

    // The officer edits Ibara's published listing: saving sends it back to moderation.
    await Promise.all([officer.waitForURL(/\/edit$/), officer.locator(`main a[href="/dashboard/listings/${listings.ibara}/edit"]`).first().click()]);
    const outline = officer.locator('textarea[name="outline.en"]');
    const original = await outline.inputValue();
    await outline.fill(`${original.trimEnd()} ${sentence}`);
    await Promise.all([officer.waitForURL(/\/edit\?saved=1$/), officer.locator('button[name="then"][value="save"]').click()]);
    expect(await mainText(officer)).toContain('Awaiting moderation');
    // It is submitted by the save itself: the form offers no separate "submit" for a listing under review.
    expect(await officer.locator('button[name="then"][value="submit"]').count()).toBe(0);
    await officer.goto('/dashboard');
    expect(await officer.locator(`form[action="/dashboard/listings/${listings.ibara}/steps/submit"]`).count()).toBe(0);

    // Nagi Town's listing is not the officer's.
    const refused = await officer.goto(`/dashboard/listings/${listings.nagi}/edit`);
    expect(refused?.status()).toBe(403);

    // A coordinator asks for a change.
    const comment = 'Please give the population date as well.';
    const staff = await person();
    await signInThroughForm(staff, coordinator.email, coordinator.password);
    await staff.goto('/moderation');
    await Promise.all([staff.waitForURL(new RegExp(`/moderation/${listings.ibara}$`)), staff.locator(`main a[href="/moderation/${listings.ibara}"]`).click()]);
    expect(await staff.locator('h1').innerText()).toContain('Ibara City');
    await staff.locator('textarea[name="comment"]').fill(comment);
    await Promise.all([staff.waitForURL((url) => url.pathname === '/moderation'), staff.getByRole('button', { name: 'Ask for changes' }).click()]);

    // The officer sees the comment and submits again.
    await officer.goto('/dashboard');
    expect(await mainText(officer)).toContain(comment);
    const submit = officer.locator(`form[action="/dashboard/listings/${listings.ibara}/steps/submit"] button`);
    await Promise.all([officer.waitForURL((url) => url.pathname === '/dashboard'), submit.click()]);
    await officer.goto('/dashboard');
    expect(await mainText(officer)).not.toContain(comment);

    // The coordinator publishes.
    await staff.goto(`/moderation/${listings.ibara}`);
    await Promise.all([staff.waitForURL((url) => url.pathname === '/moderation'), staff.getByRole('button', { name: 'Publish' }).click()]);

    // The public finds it in both languages, with the new sentence.
    const visitor = await person();
    await visitor.goto('/listings/from-japan');
    const english = visitor.locator(`main a[href="/listings/${listings.ibara}"]`);
    expect(await english.innerText()).toBe('Ibara City');
    await visitor.goto('/ja/listings/from-japan');
    const japanese = visitor.locator(`main a[href="/ja/listings/${listings.ibara}"]`);
    expect(await japanese.innerText()).toBe('井原市');
    await Promise.all([visitor.waitForURL(new RegExp(`/ja/listings/${listings.ibara}$`)), japanese.click()]);
    expect(await visitor.locator('h1').innerText()).toContain('井原市');
    await visitor.goto(`/listings/${listings.ibara}`);
    expect(await visitor.locator('h1').innerText()).toContain('Ibara City');
    expect(await mainText(visitor)).toContain(sentence);
  });
});

/** Payloads that run a script if a page puts them into its markup unescaped. */
const XSS = {
  outlineEn: '<script>window.__xss=1</script>',
  outlineJa: '"><img src=x onerror="window.__xss=1">',
  characteristicsEn: '<svg onload="window.__xss=1">',
  characteristicsJa: '</textarea><script>window.__xss=1</script>',
  prEn: '<img src=x onerror=alert(1)>',
  prJa: '<iframe src="javascript:window.__xss=1"></iframe>',
  contactName: '"><script>alert(document.domain)</script>',
  linkLabel: '<b onmouseover="window.__xss=1">Our site</b>',
  comment: '<img src=x onerror="window.__xss=1">Add the area, please.',
};
const SCRIPT_URL = 'javascript:window.__xss=1';
const HOSTILE_URL = 'https://example.org/?q="><script>window.__xss=1</script>';

/** Fails on any dialog; records whether one opened. */
function watchDialogs(page: Page, dialogs: string[]): void {
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()} on ${page.url()}`);
    void dialog.dismiss().catch(() => {});
  });
}

async function noScriptRan(page: Page, where: string): Promise<void> {
  // Give onerror/onload handlers of broken images a moment to fire, had they been markup.
  await page.waitForLoadState('load');
  await page.waitForTimeout(100);
  expect(await inPage<unknown>(page, 'typeof window.__xss'), `${where}: window.__xss`).toBe('undefined');
}

describe('stored XSS, in the browser', () => {
  test('every text field of a listing, a link and a coordinator’s comment stay text on every page', async () => {
    const officerAccount = await createTestAccount(portal.db, 'officer', [lgs.kurashiki]);
    const coordinatorAccount = await createTestAccount(portal.db, 'coordinator');
    const dialogs: string[] = [];

    const officer = await person();
    watchDialogs(officer, dialogs);
    await signInThroughForm(officer, officerAccount.email, officerAccount.password);
    await officer.goto(`/dashboard/listings/new?lg=${lgs.kurashiki}`);
    const field = (name: string) => officer.locator(`form.listing-form [name="${name}"]`);
    await field('population').fill('474592');
    await field('populationAsOf').fill('2024-04');
    await field('areaKm2').fill('355.63');
    await field('desiredRegions').selectOption(['language:fra']);
    await field('outline.en').fill(XSS.outlineEn);
    await field('outline.ja').fill(XSS.outlineJa);
    await field('characteristics.en').fill(XSS.characteristicsEn);
    await field('characteristics.ja').fill(XSS.characteristicsJa);
    await field('pr.en').fill(XSS.prEn);
    await field('pr.ja').fill(XSS.prJa);
    await field('contact.name').fill(XSS.contactName);
    await field('contact.email').fill('kokusai@city.kurashiki.example.jp');
    await field('contact.phone').fill('+81 86-426-3030');
    await field('links[0].url').fill(SCRIPT_URL);
    await field('links[0].label').fill(XSS.linkLabel);

    // A javascript: address is refused; the form comes back with everything as typed, as text.
    const submitButton = officer.locator('button[name="then"][value="submit"]');
    const [refused] = await Promise.all([officer.waitForResponse((response) => response.request().method() === 'POST'), submitButton.click()]);
    expect(refused.status()).toBe(422);
    await officer.waitForLoadState('load');
    expect(await officer.locator('[id="error-links[0].url"]').innerText()).toContain('http(s)');
    await noScriptRan(officer, 'the refused form');
    expect(await field('outline.en').inputValue()).toBe(XSS.outlineEn);
    expect(await field('characteristics.ja').inputValue()).toBe(XSS.characteristicsJa);
    expect(await field('outline.ja').inputValue()).toBe(XSS.outlineJa);
    expect(await field('links[0].url').inputValue()).toBe(SCRIPT_URL);
    const [stored] = await queryRows<{ count: number }>(portal.db, sql`select count(*)::int as count from listings where local_government_id = ${lgs.kurashiki}`);
    expect(stored!.count).toBe(0);

    await field('links[0].url').fill(HOSTILE_URL);
    await Promise.all([officer.waitForURL((url) => url.pathname === '/dashboard'), submitButton.click()]);
    const [row] = await queryRows<{ id: number; status: string }>(portal.db, sql`select id, status from listings where local_government_id = ${lgs.kurashiki} and status <> 'closed'`);
    expect(row?.status).toBe('submitted');
    const id = row!.id;

    // A coordinator sends it back with a hostile comment, then publishes the resubmission.
    const staff = await person();
    watchDialogs(staff, dialogs);
    await signInThroughForm(staff, coordinatorAccount.email, coordinatorAccount.password);
    await staff.goto(`/moderation/${id}`);
    await noScriptRan(staff, 'the moderation page');
    await staff.locator('textarea[name="comment"]').fill(XSS.comment);
    await Promise.all([staff.waitForURL((url) => url.pathname === '/moderation'), staff.getByRole('button', { name: 'Ask for changes' }).click()]);

    await officer.goto('/dashboard');
    await noScriptRan(officer, 'the dashboard with the comment');
    expect(await mainText(officer)).toContain(XSS.comment);
    await officer.goto(`/dashboard/listings/${id}/edit`);
    await noScriptRan(officer, 'the listing form with its history');
    expect(await mainText(officer)).toContain(XSS.comment);
    for (const [name, value] of [
      ['outline.en', XSS.outlineEn],
      ['outline.ja', XSS.outlineJa],
      ['characteristics.en', XSS.characteristicsEn],
      ['characteristics.ja', XSS.characteristicsJa],
      ['pr.en', XSS.prEn],
      ['pr.ja', XSS.prJa],
      ['contact.name', XSS.contactName],
      ['links[0].url', HOSTILE_URL],
      ['links[0].label', XSS.linkLabel],
    ] as const) {
      expect(await field(name).inputValue(), name).toBe(value);
    }
    await officer.goto('/dashboard');
    await Promise.all([officer.waitForURL((url) => url.pathname === '/dashboard'), officer.locator(`form[action="/dashboard/listings/${id}/steps/submit"] button`).click()]);

    await staff.goto(`/moderation/${id}`);
    await noScriptRan(staff, 'the moderation page with its history');
    expect(await mainText(staff)).toContain(XSS.comment);
    await Promise.all([staff.waitForURL((url) => url.pathname === '/moderation'), staff.getByRole('button', { name: 'Publish' }).click()]);

    // The public pages, in both languages.
    const visitor = await person();
    watchDialogs(visitor, dialogs);
    await visitor.goto(`/listings/${id}`);
    await noScriptRan(visitor, 'the listing page');
    const english = await mainText(visitor);
    for (const text of [XSS.outlineEn, XSS.characteristicsEn, XSS.prEn, XSS.contactName, XSS.linkLabel]) expect(english).toContain(text);
    await visitor.getByText(XSS.outlineEn, { exact: true }).waitFor();
    const link = visitor.locator('main a', { hasText: XSS.linkLabel });
    expect(await link.getAttribute('href')).toBe(HOSTILE_URL);
    expect(await visitor.locator('main a[href^="javascript:" i], main [onerror], main [onload], main [onmouseover], main script, main iframe').count()).toBe(0);
    await link.hover();
    await noScriptRan(visitor, 'the listing page after hovering the link');

    await visitor.goto(`/ja/listings/${id}`);
    await noScriptRan(visitor, 'the Japanese listing page');
    const japanese = await mainText(visitor);
    for (const text of [XSS.outlineJa, XSS.characteristicsJa, XSS.prJa]) expect(japanese).toContain(text);

    for (const list of ['/listings/from-japan', '/ja/listings/from-japan']) {
      await visitor.goto(list);
      await noScriptRan(visitor, list);
      expect(await visitor.locator(`main a[href$="/listings/${id}"]`).count(), `${list} lists the listing`).toBe(1);
    }
    // The words typed into the filter come back into its box as a value, not as markup.
    await visitor.goto(`/listings/from-japan?q=${encodeURIComponent(XSS.outlineJa)}`);
    await noScriptRan(visitor, 'the list filtered by a hostile word');
    expect(await visitor.locator('#filter-words').inputValue()).toBe(XSS.outlineJa);

    await officer.goto('/dashboard');
    await noScriptRan(officer, 'the dashboard after publication');
    expect(await officer.locator(`main a[href="/dashboard/listings/${id}/edit"]`).count()).toBeGreaterThan(0);

    expect(dialogs).toEqual([]);
  });
});
