import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createTestAccount } from '../test/accounts.js';
import { queryRows } from '../src/db/client.js';
import { describeViolations, inPage, launchChromium, requireChromium, runAxe, startPortal, watchContentSecurityPolicy, type PortalWithDatabase } from './support.js';

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

/** A new browser context (its own cookies: another person) with one tab; 1280 px wide unless told otherwise. */
async function person(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  ready();
  const context = await browser.newContext({ baseURL: portal.url, viewport: { width: 1280, height: 900 }, ...options });
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
    // The picker lists the registry's matches as the administrator types; Enter chooses the first.
    await invite.locator('#field-localGovernmentIds').pressSequentially('ibara');
    await invite.getByRole('option', { name: /^Ibara City/ }).waitFor();
    await invite.locator('#field-localGovernmentIds').press('Enter');
    expect(await invite.locator(`input[name="localGovernmentIds"][value="${lgs.ibara}"]`).isChecked()).toBe(true);
    await Promise.all([admin.waitForURL((url) => url.pathname === '/admin/accounts/invite'), invite.getByRole('button', { name: 'Invite' }).click()]);
    expect(await admin.locator('main [role="status"]').first().innerText()).toBe('Invitation made for Yamada Hanako as officer of Ibara City. Pass on the one-time link below.');
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
    await Promise.all([officer.waitForURL(/\/edit\?done=savedForReview&listing=\d+$/), officer.locator('button[name="then"][value="save"]').click()]);
    expect(await mainText(officer)).toContain('Awaiting moderation');
    expect(await officer.locator('main [role="status"]').innerText()).toBe('Saved. The changes to the listing of Ibara City go to a coordinator, who publishes them.');
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
    await officer.locator('form.listing-form summary', { hasText: 'Language groups' }).click();
    await officer.locator('form.listing-form input[name="desiredRegions"][value="language:fra"]').check();
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

/** The serious and critical violations axe finds on the page, described for the failure message. */
async function blockingViolations(page: Page, where: string): Promise<string> {
  const blocking = (await runAxe(page)).filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  return describeViolations(where, blocking);
}

/** How far the page is wider than its window, in pixels (0 when nothing scrolls sideways). */
const sidewaysOverflow = (page: Page) => inPage<number>(page, 'document.documentElement.scrollWidth - document.documentElement.clientWidth');

const SIZES = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
] as const;

describe('the forms, in English and Japanese, at 1280 and 390 px', () => {
  const words = {
    en: { search: 'soja', name: 'Sōja City', title: 'New listing: Sōja City', chosen: 'Sōja City chosen.', start: 'Start a listing', found: /\d+ match(es)? for “soja”\./ },
    ja: { search: '総社', name: '総社市', title: '新しい掲載：総社市', chosen: '総社市を選びました。', start: '掲載を作成する', found: /「総社」の候補が\d+件あります。/ },
  } as const;

  test('with JavaScript, the picker lists the matches as one types; the keys choose; the listing form that follows is filled from the registry', async () => {
    const coordinator = await createTestAccount(portal.db, 'coordinator');
    const [soja] = await queryRows<{ id: number; population: number }>(portal.db, sql`select id, population from local_governments where jis_code = '332089'`);
    for (const lang of ['en', 'ja'] as const) {
      for (const viewport of SIZES) {
        const where = `${lang} ${viewport.width} px`;
        const page = await person({ viewport });
        const refused = await watchContentSecurityPolicy(page);
        await signInThroughForm(page, coordinator.email, coordinator.password);
        await page.goto(lang === 'ja' ? '/ja/dashboard' : '/dashboard');
        const box = page.locator('form.start-listing #field-lg');
        expect(await box.getAttribute('role'), where).toBe('combobox');
        // Find no longer sends the form, so that Enter elsewhere presses the form's own button.
        expect(await page.locator('form.start-listing [data-lg-find]').getAttribute('type'), where).toBe('button');
        await box.pressSequentially(words[lang].search);
        const option = page.getByRole('option', { name: new RegExp(`^${words[lang].name}`) });
        await option.waitFor();
        expect(await box.getAttribute('aria-expanded'), where).toBe('true');
        expect(await page.locator('form.start-listing [data-lg-status]').innerText(), where).toMatch(words[lang].found);
        expect(await blockingViolations(page, `${where}, the picker's list open`)).toBe('');

        // Down arrows move through the matches (announced as the active one) until Sōja; Enter chooses it.
        for (let step = 0; step < 10 && (await option.getAttribute('aria-selected')) !== 'true'; step++) await box.press('ArrowDown');
        expect(await box.getAttribute('aria-activedescendant'), where).toBe(await option.getAttribute('id'));
        await box.press('Enter');
        expect(await page.locator(`form.start-listing input[name="lg"][value="${soja!.id}"]`).isChecked(), where).toBe(true);
        expect(await box.getAttribute('aria-expanded'), where).toBe('false');
        expect(await page.locator('form.start-listing [data-lg-status]').innerText(), where).toBe(words[lang].chosen);
        // Escape closes a list opened again, choosing nothing.
        await box.pressSequentially(words[lang].search);
        await option.waitFor();
        await box.press('Escape');
        expect(await box.getAttribute('aria-expanded'), where).toBe('false');
        expect(await refused(), `${where}: the dashboard`).toEqual([]);

        await Promise.all([page.waitForURL(/\/dashboard\/listings\/new\?/), page.getByRole('button', { name: words[lang].start }).click()]);
        expect(await page.locator('h1').innerText(), where).toBe(words[lang].title);
        expect(await page.locator('input[name="population"]').inputValue(), where).toBe(String(soja!.population));
        // Desired regions: folds of checkboxes; opening one and ticking a box says so.
        await page.locator('form.listing-form details.region-group', { has: page.locator('input[value="country:NZ"]') }).locator('summary').click();
        await page.locator('form.listing-form input[name="desiredRegions"][value="country:NZ"]').check();
        expect(await page.locator('form.listing-form details.region-group[open] [data-region-count]').first().innerText(), where).toMatch(/1/);
        expect(await page.locator('[data-regions-chosen]').innerText(), where).toContain(lang === 'ja' ? 'ニュージーランド' : 'New Zealand');
        expect(await page.locator('form.listing-form input[type="file"][name="image"]').getAttribute('accept'), where).toBe('image/png,image/jpeg,image/webp');
        expect(await blockingViolations(page, `${where}, the listing form`)).toBe('');
        expect(await sidewaysOverflow(page), `${where}: the listing form scrolls sideways`).toBeLessThanOrEqual(0);
        expect(await refused(), `${where}: the listing form`).toEqual([]);
      }
    }
  });

  test('without JavaScript, the picker is a Find step whose matches are radio buttons; Enter in the box finds', async () => {
    const coordinator = await createTestAccount(portal.db, 'coordinator');
    const [soja] = await queryRows<{ id: number }>(portal.db, sql`select id from local_governments where jis_code = '332089'`);
    for (const lang of ['en', 'ja'] as const) {
      for (const viewport of SIZES) {
        const where = `${lang} ${viewport.width} px, no JavaScript`;
        const page = await person({ viewport, javaScriptEnabled: false });
        await signInThroughForm(page, coordinator.email, coordinator.password);
        await page.goto(lang === 'ja' ? '/ja/dashboard/listings/new' : '/dashboard/listings/new');
        const box = page.locator('#field-lg');
        expect(await box.getAttribute('role'), where).toBeNull();
        await box.fill(words[lang].search);
        await Promise.all([page.waitForURL(/lgFind=1/), box.press('Enter')]);
        expect(await page.locator('[data-lg-status]').innerText(), where).toMatch(words[lang].found);
        expect(await box.inputValue(), where).toBe(words[lang].search);
        expect(await sidewaysOverflow(page), `${where}: the Find step scrolls sideways`).toBeLessThanOrEqual(0);
        // axe needs timers, which a page without JavaScript does not run: it checks the same page in a
        // tab whose picker script is not loaded, so that the markup is the server's alone.
        const checker = await person({ viewport });
        await checker.context().addCookies(await page.context().cookies());
        await checker.route('**/assets/lgPicker.js*', (route) => route.abort());
        await checker.goto(page.url());
        expect(await checker.locator('#field-lg').getAttribute('role'), where).toBeNull();
        expect(await blockingViolations(checker, `${where}, the Find step`)).toBe('');
        await page.locator(`input[type="radio"][name="lg"][value="${soja!.id}"]`).check();
        await Promise.all([page.waitForURL(new RegExp(`lg=${soja!.id}`)), page.getByRole('button', { name: words[lang].start }).click()]);
        expect(await page.locator('h1').innerText(), where).toBe(words[lang].title);
      }
    }
  });
});
