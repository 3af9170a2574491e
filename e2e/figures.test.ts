import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createTestAccount } from '../test/accounts.js';
import { describeViolations, inPage, launchChromium, requireChromium, runAxe, startPortal, type PortalWithDatabase } from './support.js';

/**
 * A coordinator keeps the published figures in a real Chromium: the page and its refused form pass
 * axe-core in both languages, fit a phone without scrolling sideways, and a corrected figure shows
 * on the statistics page beside the register's own.
 */

let portal: PortalWithDatabase;
let browser: Browser;
/** Why setup failed, if it did: every test then fails with it (a missing Chromium fails, never skips). */
let setupError: unknown;
const contexts: BrowserContext[] = [];

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
  } catch (error) {
    setupError = error;
  }
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await portal?.stop();
});

/** A coordinator's tab, signed in through the sign-in form. */
async function coordinatorPage(viewport: { width: number; height: number }): Promise<Page> {
  if (setupError) throw setupError;
  const coordinator = await createTestAccount(portal.db, 'coordinator');
  const context = await browser.newContext({ baseURL: portal.url, viewport });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto('/sign-in');
  const form = page.locator('main form[action^="/sign-in"]');
  await form.locator('input[name="email"]').fill(coordinator.email);
  await form.locator('input[name="password"]').fill(coordinator.password);
  await Promise.all([page.waitForURL((url) => url.pathname === '/dashboard'), form.getByRole('button', { name: 'Sign in' }).click()]);
  return page;
}

/** Sends the form of adding a figure with a figure no one can count, skipping the browser's own checks. */
async function sendWrongFigure(page: Page): Promise<void> {
  await inPage(page, "document.querySelectorAll('form').forEach((form) => form.setAttribute('novalidate', ''))");
  await page.locator('#figure-new-value').fill('many');
  await Promise.all([page.waitForURL((url) => url.hash === '#figure-new'), page.locator('#figure-new button[type="submit"]').click()]);
}

describe('the published figures in the browser', () => {
  test('pass axe-core in English and Japanese, the refused form too', async () => {
    const page = await coordinatorPage({ width: 1440, height: 900 });
    for (const path of ['/statistics/figures', '/ja/statistics/figures']) {
      await page.goto(path);
      const violations = await runAxe(page);
      expect(violations, describeViolations(path, violations)).toEqual([]);
      await sendWrongFigure(page);
      const refused = await runAxe(page);
      expect(refused, describeViolations(`${path}, refused`, refused)).toEqual([]);
      expect(await page.locator('#figure-new-value-problem').count()).toBe(1);
    }
  });

  test('fit a phone without scrolling sideways', async () => {
    const page = await coordinatorPage({ width: 375, height: 812 });
    for (const path of ['/statistics/figures', '/ja/statistics/figures', '/statistics', '/ja/statistics']) {
      await page.goto(path);
      expect(await inPage<number>(page, 'document.documentElement.scrollWidth'), path).toBeLessThanOrEqual(375);
    }
  });

  test('a corrected figure shows on the statistics page beside the register’s', async () => {
    const page = await coordinatorPage({ width: 1280, height: 900 });
    await page.goto('/statistics');
    await page.getByRole('link', { name: 'Add or correct the published figures' }).click();
    const card = page.locator('section.figure-card', { hasText: 'United States: relationships with Japan' });
    await card.locator('input[name="value"]').fill('460');
    await Promise.all([page.waitForURL((url) => url.searchParams.get('done') === 'saved'), card.getByRole('button', { name: 'Save changes' }).click()]);
    expect(await page.locator('[role="status"]').textContent()).toContain('The figure was saved.');
    await page.goto('/statistics');
    const row = page.locator('tr', { hasText: 'United States: relationships with Japan' });
    expect(await row.textContent()).toContain('460');
    expect(await row.textContent()).toContain('460 fewer than published');
  });
});
