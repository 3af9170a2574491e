import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createTestAccount, OPERATOR } from '../test/accounts.js';
import { queryRows } from '../src/db/client.js';
import { createRelationship, today } from '../src/services/registry.js';
import { describeViolations, inPage, launchChromium, requireChromium, runAxe, signInThroughForm, startPortal, type PortalWithDatabase } from './support.js';

/**
 * The anniversaries and a consulate's jurisdiction in a real Chromium: a coordinator defines the
 * jurisdiction through its form (refused first, then saved); its page, the anniversaries page and
 * the editor pass axe-core in English and Japanese and fit a phone without scrolling sideways.
 */

let portal: PortalWithDatabase;
let browser: Browser;
let setupError: unknown;
const contexts: BrowserContext[] = [];
const YEAR = Number(today().slice(0, 4));

beforeAll(async () => {
  try {
    requireChromium();
    const launching = launchChromium();
    launching.catch(() => {}); // reported by the await below
    try {
      portal = await startPortal(inject('databaseTemplate'), { pairs: false });
    } finally {
      browser = await launching;
    }
    const okayama = await queryRows<{ id: number }>(portal.db, sql`select id from local_governments where country = 'JP' and kind = 'city' and jis_code like '33%' order by jis_code limit 3`);
    const californians = await queryRows<{ id: number }>(
      portal.db,
      sql`select id from local_governments where country = 'US' and admin1 = 'CA' and admin2 = '085' and kind = 'municipality' order by population desc nulls last limit 3`,
    );
    for (const [index, signedOn] of [`${YEAR - 25}-04-01`, `${YEAR - 10}-10`, `${YEAR - 3}`].entries()) {
      await createRelationship(portal.db, { localGovernmentIds: [okayama[index]!.id, californians[index]!.id], label: 'sister city', signedOn } as never, OPERATOR);
    }
  } catch (error) {
    setupError = error;
  }
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await portal?.stop();
});

async function tab(viewport: { width: number; height: number }): Promise<Page> {
  if (setupError) throw setupError;
  const context = await browser.newContext({ baseURL: portal.url, viewport });
  contexts.push(context);
  return context.newPage();
}

/** A coordinator's tab, signed in through the sign-in form. */
async function coordinatorTab(viewport: { width: number; height: number }): Promise<Page> {
  const coordinator = await createTestAccount(portal.db, 'coordinator');
  const page = await tab(viewport);
  await signInThroughForm(page, coordinator);
  return page;
}

async function expectAccessible(page: Page, where: string): Promise<void> {
  const violations = await runAxe(page);
  expect(violations, describeViolations(where, violations)).toEqual([]);
}

describe('anniversaries and jurisdictions in the browser', () => {
  test('a coordinator defines a jurisdiction through the form, refused first, and the form passes axe-core', async () => {
    const page = await coordinatorTab({ width: 1280, height: 900 });
    await page.goto('/jurisdictions');
    await page.getByRole('link', { name: 'Define a jurisdiction' }).click();
    await expectAccessible(page, '/jurisdictions/new');
    await page.locator('#jurisdiction-nameEn').fill('Northern and Central California');
    await page.locator('#jurisdiction-members').fill('US-CA-085\nUS-ZZ');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Save' }).click()]);
    expect(await page.locator('#jurisdiction-members-problem').textContent()).toContain('Line 2: the register knows no state or province “US-ZZ”.');
    await expectAccessible(page, '/jurisdictions, refused');
    await page.locator('#jurisdiction-members').fill('US-CA-085\nUS-CA-081');
    await Promise.all([page.waitForURL((url) => url.searchParams.get('done') === 'created'), page.getByRole('button', { name: 'Save' }).click()]);
    expect(await page.locator('[role="status"]').textContent()).toContain('The jurisdiction was defined.');
    expect(await page.locator('#anniversaries + form + .table-wrap tbody tr').count()).toBe(3);
  }, 120_000);

  test('a jurisdiction’s page, the list of them and the counties of a state pass axe-core in both languages', async () => {
    const page = await coordinatorTab({ width: 1280, height: 900 });
    for (const path of ['/jurisdictions/northern-and-central-california', '/ja/jurisdictions/northern-and-central-california', '/ja/jurisdictions/new?counties=US-CA', '/ja/jurisdictions']) {
      await page.goto(path);
      await expectAccessible(page, path);
    }
  }, 120_000);

  test('the anniversaries page lists the year’s, narrows them, says what is wrong, and passes axe-core', async () => {
    const page = await tab({ width: 1280, height: 900 });
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Anniversaries' }).click();
    expect(await page.locator('main tbody tr').count()).toBe(3);
    await expectAccessible(page, '/anniversaries');
    await page.locator('#anniversaries-country').selectOption('US');
    await page.locator('#anniversaries-region').fill('ZZ');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Show' }).click()]);
    expect(await page.locator('[role="alert"]').textContent()).toContain('“ZZ” is no first-level region of United States');
    await expectAccessible(page, '/anniversaries, refused');
    await page.goto('/ja/anniversaries?country=US&region=CA');
    expect(await page.locator('main tbody tr').count()).toBe(3);
    expect(await page.locator('main tbody').textContent()).toContain('25周年');
    await expectAccessible(page, '/ja/anniversaries');
  }, 120_000);

  test('the new pages fit a phone without scrolling sideways', async () => {
    const page = await tab({ width: 390, height: 844 });
    for (const path of ['/anniversaries', '/ja/anniversaries', '/jurisdictions', '/ja/jurisdictions/northern-and-central-california']) {
      await page.goto(path);
      expect(await inPage<number>(page, 'document.documentElement.scrollWidth'), path).toBeLessThanOrEqual(390);
    }
  });
});
