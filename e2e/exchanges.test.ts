import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createTestAccount, OPERATOR, type TestAccount } from '../test/accounts.js';
import { queryRows } from '../src/db/client.js';
import { recordExchange } from '../src/services/exchanges.js';
import { createRelationship, today, type Relationship } from '../src/services/registry.js';
import { addDays } from '../src/services/terms.js';
import { describeViolations, inPage, launchChromium, requireChromium, runAxe, startPortal, type PortalWithDatabase } from './support.js';

/**
 * The exchange log in a real Chromium: an officer records an exchange through the form (after a
 * refused attempt) and a renewal of the fixed term; the relationship's page, the forms, the LG's
 * page, a list filtered by vitality, the statistics and the dashboard pass axe-core in English and
 * Japanese and fit a phone without scrolling sideways.
 */

let portal: PortalWithDatabase;
let browser: Browser;
let setupError: unknown;
const contexts: BrowserContext[] = [];
let relationship: Relationship;
let officer: TestAccount;

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
    const [abroad] = await queryRows<{ id: number }>(portal.db, sql`select id from local_governments where country = 'US' and name_en = 'Topeka' limit 1`);
    relationship = await createRelationship(
      portal.db,
      { localGovernmentIds: [ibara!.id, abroad!.id], label: 'sister city', signedOn: '1991-05-01', fixedTermEnd: addDays(today(), 45) },
      OPERATOR,
    );
    await recordExchange(portal.db, OPERATOR, relationship.id, {
      startedOn: '2012-08-01',
      endedOn: '2012-08-09',
      kind: 'student_youth',
      direction: 'visit',
      visitorId: ibara!.id,
      participants: 14,
      description: { en: 'Fourteen high-school pupils stayed with families in Topeka.', ja: '高校生14名がトピカでホームステイ。' },
      links: [{ url: 'https://example.org/report-2012', label: 'Report' }],
    });
    officer = await createTestAccount(portal.db, 'officer', [ibara!.id]);
  } catch (error) {
    setupError = error;
  }
}, 180_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await portal?.stop();
});

async function officerPage(viewport: { width: number; height: number }): Promise<Page> {
  if (setupError) throw setupError;
  const context = await browser.newContext({ baseURL: portal.url, viewport });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto('/sign-in');
  const form = page.locator('main form[action^="/sign-in"]');
  await form.locator('input[name="email"]').fill(officer.email);
  await form.locator('input[name="password"]').fill(officer.password);
  await Promise.all([page.waitForURL((url) => url.pathname === '/dashboard'), form.getByRole('button', { name: 'Sign in' }).click()]);
  return page;
}

const pages = () => [
  relationship.url,
  `${relationship.url}/exchanges/new`,
  `${relationship.url}/renewals/new`,
  relationship.parties[0].url,
  '/countries/US?vitality=quiet',
  '/statistics',
  '/dashboard',
];

describe('the exchange log in the browser', () => {
  test('an officer records an exchange through the form, after a refusal that names the field', async () => {
    const page = await officerPage({ width: 1280, height: 900 });
    await page.goto('/dashboard');
    expect(await page.locator('.notice-term-ending').textContent()).toContain('ends on');
    expect(await page.locator('#quiet').count()).toBe(1);
    await page.goto(relationship.url);
    await page.getByRole('link', { name: 'Record an exchange' }).click();
    await page.locator('#exchange-startedOn').fill('1990-01-10');
    await page.locator('#exchange-kind').selectOption('culture_arts');
    await page.getByLabel('Visits both ways').check();
    await page.locator('#exchange-descriptionEn').fill('A joint exhibition of pupils’ drawings.');
    await page.getByRole('button', { name: 'Record the exchange' }).click();
    expect(await page.locator('#exchange-startedOn-problem').textContent()).toContain('before the relationship was signed');
    const refused = await runAxe(page);
    expect(refused, describeViolations('refused exchange form', refused)).toEqual([]);
    await page.locator('#exchange-startedOn').fill('2024-10-05');
    await Promise.all([page.waitForURL((url) => url.searchParams.get('done') === 'recorded'), page.getByRole('button', { name: 'Record the exchange' }).click()]);
    expect(await page.locator('[role="status"]').textContent()).toContain('The exchange was recorded.');
    expect(await page.locator('table.exchange-log').textContent()).toContain('A joint exhibition of pupils’ drawings.');
    expect(await page.locator('.vitality').first().textContent()).toBe('Active');

    await page.getByRole('link', { name: /^Correct the exchange of/ }).first().click();
    expect(await page.locator('h1').textContent()).toBe('Correct an exchange');
    expect(await page.locator('#exchange-descriptionEn').inputValue()).toBe('A joint exhibition of pupils’ drawings.');
    const editing = await runAxe(page);
    expect(editing, describeViolations('exchange correction form', editing)).toEqual([]);
    await page.locator('#exchange-participants').fill('45');
    await Promise.all([page.waitForURL((url) => url.searchParams.get('done') === 'updated'), page.getByRole('button', { name: 'Save the changes' }).click()]);
    expect(await page.locator('[role="status"]').textContent()).toContain('The exchange was corrected.');
    expect(await page.locator('table.exchange-log').textContent()).toContain('45');
  });

  test('the new and changed pages pass axe-core in English and Japanese', async () => {
    const page = await officerPage({ width: 1280, height: 900 });
    for (const path of pages().flatMap((path) => [path, `/ja${path}`])) {
      await page.goto(path);
      const violations = await runAxe(page);
      expect(violations, describeViolations(path, violations)).toEqual([]);
    }
  });

  test('fit a phone without scrolling sideways', async () => {
    const page = await officerPage({ width: 375, height: 812 });
    for (const path of pages().flatMap((path) => [path, `/ja${path}`])) {
      await page.goto(path);
      expect(await inPage<number>(page, 'document.documentElement.scrollWidth'), path).toBeLessThanOrEqual(375);
    }
  });
});
