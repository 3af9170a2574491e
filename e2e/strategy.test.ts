import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { queryRows } from '../src/db/client.js';
import { createRelationship, today } from '../src/services/registry.js';
import { OPERATOR } from '../test/accounts.js';
import { describeViolations, inPage, launchChromium, requireChromium, runAxe, startPortal, watchContentSecurityPolicy, type PortalWithDatabase } from './support.js';

/**
 * The strategy page and a prefecture's printed report in a real Chromium: axe-core in both
 * languages, a phone without scrolling sideways, nothing refused by the Content-Security-Policy,
 * and the report printed to a PDF on A4 without the site's navigation.
 */

let portal: PortalWithDatabase;
let browser: Browser;
let setupError: unknown;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  try {
    requireChromium();
    const launching = launchChromium();
    launching.catch(() => {});
    try {
      portal = await startPortal(inject('databaseTemplate'), { pairs: false });
      const ids = await queryRows<{ id: number; name_en: string }>(
        portal.db,
        sql`select id, name_en from local_governments where jis_code in ('330001', '332071') or (name_en in ('Kansas', 'Topeka') and country = 'US' and kind in ('state', 'municipality'))`,
      );
      const id = (name: string) => ids.find((row) => row.name_en === name)!.id;
      for (const [a, b, signedOn] of [['Okayama Prefecture', 'Kansas', '1998-05-01'], ['Ibara City', 'Topeka', '2017-04-01']] as const) {
        await createRelationship(portal.db, { localGovernmentIds: [id(a), id(b)], label: 'sister city', signedOn }, OPERATOR, today(), 'entry');
      }
    } finally {
      browser = await launching;
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

describe('the strategy in the browser', () => {
  test('passes axe-core in English and Japanese, with nothing refused by the page’s policy', async () => {
    const page = await tab({ width: 1280, height: 900 });
    const refused = await watchContentSecurityPolicy(page);
    for (const path of ['/strategy', '/ja/strategy', '/strategy/local-governments?kind=village&maxPartners=0', '/strategy/prefectures/330001', '/ja/strategy/prefectures/330001']) {
      await page.goto(path, { timeout: 120_000 });
      const violations = await runAxe(page);
      expect(violations, describeViolations(path, violations)).toEqual([]);
      expect(await refused(), path).toEqual([]);
    }
  }, 300_000);

  test('fits a phone without scrolling sideways', async () => {
    const page = await tab({ width: 375, height: 812 });
    for (const path of ['/strategy', '/ja/strategy', '/strategy/prefectures/330001', '/ja/strategy/prefectures/330001']) {
      await page.goto(path, { timeout: 120_000 });
      expect(await inPage<number>(page, 'document.documentElement.scrollWidth'), path).toBeLessThanOrEqual(375);
    }
  }, 300_000);

  test('follows a count to the list behind it', async () => {
    const page = await tab({ width: 1280, height: 900 });
    await page.goto('/strategy');
    await page.locator('a[href="/strategy/local-governments?oneCountry=1"]').click();
    await page.waitForURL((url) => url.pathname === '/strategy/local-governments');
    expect(await page.locator('main').textContent()).toContain('with two partners abroad or more, all in one country');
  });

  test('prints a prefecture’s report on A4, without the site’s navigation or forms', async () => {
    const page = await tab({ width: 1280, height: 900 });
    await page.goto('/strategy/prefectures/330001', { timeout: 120_000 });
    await page.emulateMedia({ media: 'print' });
    const hidden = await inPage<boolean[]>(page, `['.site-header', '.site-footer', '.strategy-report .downloads', '.strategy-report .no-print'].map((selector) => getComputedStyle(document.querySelector(selector)).display === 'none')`);
    expect(hidden).toEqual([true, true, true, true]);
    expect(await page.locator('#report-without').isVisible()).toBe(true);
    expect(await page.locator('.strategy-report table').first().isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    const pages = text.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(6);
    expect(text).toMatch(/\/MediaBox\s*\[\s*0 0 595\.9\d* 842\.\d+\s*\]/);
  }, 180_000);
});
