import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createTestAccount, OPERATOR, type TestAccount } from '../test/accounts.js';
import { queryRows } from '../src/db/client.js';
import { ListingInput } from '../src/services/inputs.js';
import { createListing, takeListingStep } from '../src/services/listings.js';
import { launchChromium, requireChromium, runAxe, describeViolations, startPortal, type PortalWithDatabase } from './support.js';

/**
 * Finding a partner, end to end in a real Chromium against the real server: Ibara City's officer
 * opens its matches, changes a weight and sees the order change, and expresses interest in a town
 * abroad that has a listing; a coordinator forwards it; the town's officer accepts; the two officers
 * take the formation tracker to the signing; the relationship is then on both LG pages and in the
 * statistics.
 */

let portal: PortalWithDatabase;
let browser: Browser;
let setupError: unknown;
const lgs = { ibara: 0, salina: 0 };
let ibaraOfficer: TestAccount;
let salinaOfficer: TestAccount;
let coordinator: TestAccount;

beforeAll(async () => {
  try {
    requireChromium();
    const launching = launchChromium();
    launching.catch(() => {});
    try {
      portal = await startPortal(inject('databaseTemplate'), { pairs: false });
    } finally {
      browser = await launching;
    }
    const [ibara] = await queryRows<{ id: number }>(portal.db, sql`select id from local_governments where jis_code = '332071'`);
    const [salina] = await queryRows<{ id: number }>(portal.db, sql`select id from local_governments where name_en = 'Salina' and country = 'US' and admin1 = 'KS'`);
    lgs.ibara = ibara!.id;
    lgs.salina = salina!.id;
    ibaraOfficer = await createTestAccount(portal.db, 'officer', [lgs.ibara]);
    salinaOfficer = await createTestAccount(portal.db, 'officer', [lgs.salina]);
    coordinator = await createTestAccount(portal.db, 'coordinator');
    // Salina, Kansas, seeks a Japanese partner: a published listing, as its officer and a coordinator made it.
    const listing = await createListing(
      portal.db,
      salinaOfficer.actor,
      lgs.salina,
      ListingInput.parse({
        population: 46_000,
        populationAsOf: '2020',
        areaKm2: 67,
        fields: ['education_youth', 'culture_arts'],
        outline: { en: 'A prairie city with a dark-sky observatory, a denim workshop and a university campus.', ja: '' },
        characteristics: { en: 'A Japanese town that loves stars and denim as we do.', ja: '' },
        pr: { en: 'Stargazing\nOur observatory opens its telescope every Friday night.', ja: '' },
        contact: { name: 'International office', email: 'international@salina.example.org', phone: '' },
      }),
    );
    await takeListingStep(portal.db, salinaOfficer.actor, listing.id, 'submit');
    await takeListingStep(portal.db, OPERATOR, listing.id, 'publish');
  } catch (error) {
    setupError = error;
  }
}, 180_000);

const contexts: BrowserContext[] = [];
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await portal?.stop();
});

async function person(): Promise<Page> {
  if (setupError) throw setupError;
  const context = await browser.newContext({ baseURL: portal.url, viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  return context.newPage();
}

async function signIn(page: Page, account: TestAccount): Promise<void> {
  await page.goto('/sign-in');
  const form = page.locator('main form[action^="/sign-in"]');
  await form.locator('input[name="email"]').fill(account.email);
  await form.locator('input[name="password"]').fill(account.password);
  await Promise.all([page.waitForURL((url) => url.pathname === '/dashboard'), form.getByRole('button', { name: 'Sign in' }).click()]);
}

const candidateNames = (page: Page) => page.locator('.match-candidate h2').allInnerTexts();
const mainText = async (page: Page) => (await page.locator('main').textContent()) ?? '';

/** Records the tracker's next step, which must be the one named, as the officer on the page. */
async function recordStep(page: Page, number: number, name: string, fields: Record<string, string> = {}): Promise<void> {
  const form = page.getByRole('form', { name: `Step ${number}: ${name}` });
  await form.getByLabel('Notes').fill(`${name}: recorded in the browser test.`);
  for (const [label, value] of Object.entries(fields)) await form.getByLabel(label, { exact: true }).fill(value);
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), form.getByRole('button', { name: 'Record this step' }).click()]);
  expect(response.status(), `recording step ${number}`).toBeLessThan(400);
  await page.waitForLoadState();
  await expect.poll(() => page.locator(`#tracker-step-${number}`).locator('..').getAttribute('class')).toContain('is-done');
}

describe('finding a partner in the browser', () => {
  test('matches, a weight changed, interest, forwarding, acceptance, the tracker to signing, the registry and statistics', async () => {
    // Ibara's officer opens its matches from its page: Salina, which wants Japan, comes first.
    const ibara = await person();
    await signIn(ibara, ibaraOfficer);
    await ibara.goto(`/lg/${lgs.ibara}-ibara-city`);
    await Promise.all([ibara.waitForURL((url) => url.pathname === '/match'), ibara.getByRole('link', { name: 'Find partner candidates' }).click()]);
    const before = await candidateNames(ibara);
    expect(before[0]).toBe('Salina');
    expect(await ibara.locator('.match-candidate').first().innerText()).toContain('Both are looking: Salina asks for Japan, and Ibara City asks for English-speaking countries');
    expect(describeViolations('/match', await runAxe(ibara))).toBe('');

    // Mutual wanting counts for nothing and size for much: the order changes.
    await ibara.getByLabel('Both looking for each other').fill('0');
    await ibara.getByLabel('Similar population').fill('10');
    await Promise.all([ibara.waitForURL(/w_population=10/), ibara.getByRole('button', { name: 'Rank again' }).click()]);
    const after = await candidateNames(ibara);
    expect(after).not.toEqual(before);
    expect(await ibara.getByLabel('Similar population').inputValue()).toBe('10');

    // Back to the default weights, and interest in Salina.
    await Promise.all([ibara.waitForURL((url) => !url.search.includes('w_')), ibara.getByRole('link', { name: 'Default weights' }).click()]);
    await Promise.all([ibara.waitForURL((url) => url.pathname === '/introductions/new'), ibara.locator('.match-candidate', { has: ibara.getByRole('heading', { name: 'Salina', exact: true }) }).getByRole('link', { name: /^Express interest/ }).click()]);
    await ibara.getByLabel(/message/i).first().fill('Ibara City would like to know Salina: we share denim and a love of stars.');
    await Promise.all([ibara.waitForURL(/\/introductions\/\d+$/), ibara.getByRole('button', { name: 'Send to a coordinator' }).click()]);
    const introduction = new URL(ibara.url()).pathname;
    expect(await mainText(ibara)).toContain('we share denim and a love of stars');

    // Salina's officer sees nothing yet.
    const salina = await person();
    await signIn(salina, salinaOfficer);
    expect((await salina.goto(introduction))?.status()).toBe(403);

    // A coordinator forwards it.
    const broker = await person();
    await signIn(broker, coordinator);
    await broker.goto(introduction);
    await broker.getByLabel('Note for Salina (optional)').fill('Both cities asked for exactly this kind of partner.');
    await Promise.all([broker.waitForResponse((r) => r.request().method() === 'POST'), broker.getByRole('button', { name: 'Forward the introduction' }).click()]);
    await broker.waitForLoadState();

    // Salina's officer finds it on the dashboard, reads the one thread and accepts.
    await salina.goto('/dashboard');
    expect(await mainText(salina)).toContain('Ibara City');
    await salina.goto(introduction);
    const thread = await mainText(salina);
    expect(thread).toContain('we share denim and a love of stars');
    expect(thread).toContain('Both cities asked for exactly this kind of partner.');
    await salina.getByLabel('Message to Ibara City').fill('Salina is delighted: let us talk about students and stargazing.');
    await Promise.all([salina.waitForResponse((r) => r.request().method() === 'POST'), salina.getByRole('button', { name: 'Accept the introduction' }).click()]);
    await salina.waitForLoadState();
    expect(await mainText(salina)).toContain('Formation tracker');

    // The two officers take the tracker, a step each, to the signing.
    await ibara.goto(introduction);
    expect(await mainText(ibara)).toContain('let us talk about students and stargazing');
    await recordStep(ibara, 2, 'Sounded out');
    await salina.goto(introduction);
    await recordStep(salina, 3, 'Visit');
    await ibara.goto(introduction);
    await recordStep(ibara, 4, 'Intent confirmed');
    await salina.goto(introduction);
    await recordStep(salina, 5, 'Exchange policy agreed');
    await ibara.goto(introduction);
    await recordStep(ibara, 6, 'Agreement finalised');
    await salina.goto(introduction);
    await recordStep(salina, 7, 'Signed at a ceremony', { 'Label as signed (e.g. sister city, friendship city)': 'sister city' });
    expect(await mainText(salina)).toMatch(/The relationship in the registry: sister city \(Proposed\)/i);

    // The new relationship is on both LG pages and in the statistics.
    const reader = await person();
    await reader.goto(`/lg/${lgs.ibara}-ibara-city`);
    expect(await mainText(reader)).toContain('Salina');
    await reader.goto(`/lg/${lgs.salina}-salina`);
    expect(await mainText(reader)).toContain('Ibara City');
    await reader.goto('/statistics');
    expect(await reader.locator('#signed-awaiting-exchange').innerText()).toContain('Signed, first exchange not yet begun: 1');
    expect(await mainText(reader)).toContain('Salina');
  });
});
