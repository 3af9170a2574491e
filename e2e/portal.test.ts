import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createTestAccount } from '../test/accounts.js';
import { signIn } from '../src/services/accounts.js';
import { SESSION_COOKIE } from '../src/web/session.js';
import {
  describeViolations,
  inPage,
  launchChromium,
  renderedFonts,
  requireChromium,
  runAxe,
  startPortal,
  watchContentSecurityPolicy,
  type PortalWithDatabase,
} from './support.js';

/**
 * A visitor's journeys through the portal in a real Chromium, against the real server over a
 * database with the Wikipedia pairs imported; axe-core's accessibility checks on every kind of page
 * in both languages; no page refused anything by its Content-Security-Policy; Japanese drawn in a
 * Japanese font.
 */

let portal: PortalWithDatabase;
let browser: Browser;
/** Addresses found at setup: Okayama City's page and one of its relationships. */
let okayamaCity: string;
let okayamaRelationship: string;

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 375, height: 812 };

/** Why setup failed, if it did: every test then fails with it (a missing Chromium fails, never skips). */
let setupError: unknown;

beforeAll(async () => {
  const started = performance.now();
  try {
    requireChromium(); // before the slow part, so a missing browser is reported at once
    // The browser starts while the database is prepared.
    const launching = launchChromium();
    launching.catch(() => {}); // reported by the await below, not as an unhandled rejection
    try {
      portal = await startPortal(inject('databaseTemplate'));
      // The imported pairs have no dates; a register has many. Two in three get a day of signing from
      // 1955 on, so that the growth of the statistics and the home page is drawn.
      await portal.db.execute(
        sql`update relationships set signed_on = make_date(1955 + floor(69 * sqrt(((id * 7919) % 1000) / 1000.0))::int, 1 + id % 12, 1 + id % 28), signed_precision = 'day' where id % 3 <> 0`,
      );
    } finally {
      browser = await launching;
    }
    const search = (await (await fetch(`${portal.url}/api/search?q=${encodeURIComponent('Okayama City')}&country=JP&limit=1`)).json()) as {
      results: { id: number; url: string; name: { en: string } }[];
    };
    const lg = search.results[0];
    if (lg?.name.en !== 'Okayama City') throw new Error(`Setup: /api/search did not find Okayama City first: ${JSON.stringify(search).slice(0, 300)}`);
    okayamaCity = lg.url;
    const detail = (await (await fetch(`${portal.url}/api/local-governments/${lg.id}`)).json()) as { relationships: { url: string }[] };
    const relationship = detail.relationships[0];
    if (!relationship) throw new Error('Setup: Okayama City has no relationships after the import');
    okayamaRelationship = relationship.url;
    console.log(`e2e setup on ${portal.engine}: ${((performance.now() - started) / 1000).toFixed(1)} s (database, import, server, Chromium)`);
  } catch (error) {
    setupError = error;
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

/** Throws setup's error, so that each test fails with the reason instead of being skipped. */
function ready(): void {
  if (setupError) throw setupError;
}

/** A fresh context per test, so that no test sees another's state; closed after the test. */
async function withPage<T>(options: Parameters<Browser['newContext']>[0], run: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
  ready();
  const context = await browser.newContext({ baseURL: portal.url, viewport: DESKTOP, ...options });
  try {
    return await run(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

const pathOf = (page: Page) => new URL(page.url()).pathname;
const h1Of = (page: Page) => page.locator('h1').innerText();

describe('a visitor’s journeys', () => {
  test.concurrent('1. searching “ibara” from the header and following the first result lands on Ibara City', async ({ expect }) => {
    await withPage({}, async (page) => {
      await page.goto('/');
      await page.locator('header #site-search').fill('ibara');
      await Promise.all([page.waitForURL((url) => url.pathname === '/search'), page.locator('header #site-search').press('Enter')]);
      expect(new URL(page.url()).searchParams.get('q')).toBe('ibara');
      const first = page.locator('main table tbody tr').first().locator('a').first();
      await expect.poll(() => first.count()).toBe(1);
      await Promise.all([page.waitForURL(/\/lg\//), first.click()]);
      expect(pathOf(page)).toMatch(/^\/lg\/\d+-ibara-city$/);
      expect(await h1Of(page)).toContain('Ibara City');
    });
  });

  test.concurrent('2. “By prefecture”, then Okayama Prefecture lists the relationships of Okayama’s local governments', async ({ expect }) => {
    await withPage({}, async (page) => {
      await page.goto('/');
      await Promise.all([page.waitForURL((url) => url.pathname === '/prefectures'), page.getByRole('navigation').getByRole('link', { name: 'By prefecture' }).click()]);
      await Promise.all([page.waitForURL(/\/prefectures\/330001/), page.locator('main').getByRole('link', { name: 'Okayama Prefecture', exact: true }).click()]);
      expect((await h1Of(page)).trim()).toBe('Okayama Prefecture');
      const rows = page.locator('main table tbody tr');
      expect(await rows.count()).toBeGreaterThan(0);
      // Every row's own local government lies in Okayama Prefecture.
      const own = await rows.locator('td:first-child').allInnerTexts();
      const elsewhere = own.filter((cell) => !/Okayama/.test(cell));
      expect(elsewhere, `rows whose own LG is not in Okayama: ${elsewhere.slice(0, 5).join(' / ')}`).toEqual([]);
    });
  });

  test.concurrent('3. switching an LG page to Japanese and back with the header language link', async ({ expect }) => {
    await withPage({}, async (page) => {
      await page.goto(okayamaCity);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await h1Of(page)).toMatch(/^Okayama City/);

      await Promise.all([page.waitForURL((url) => url.pathname.startsWith('/ja/')), page.locator('header a.lang-switch').click()]);
      expect(pathOf(page)).toBe(`/ja${okayamaCity}`);
      expect(await page.locator('html').getAttribute('lang')).toBe('ja');
      expect(await h1Of(page)).toMatch(/^岡山市/);

      await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/ja')), page.locator('header a.lang-switch').click()]);
      expect(pathOf(page)).toBe(okayamaCity);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await h1Of(page)).toMatch(/^Okayama City/);
    });
  });

  test.concurrent('3b. an LG page shows the map of its partners as an image Chromium can draw', async ({ expect }) => {
    await withPage({}, async (page) => {
      for (const path of [okayamaCity, `/ja${okayamaCity}`]) {
        await page.goto(path);
        const map = page.locator('img[src^="/map/places/"]');
        expect(await map.count()).toBe(1);
        // A broken image (an SVG that is not well-formed XML) completes with no width.
        const drawn = () => map.evaluate((element) => {
          const image = element as unknown as { complete: boolean; naturalWidth: number };
          return image.complete && image.naturalWidth > 0;
        });
        await expect.poll(drawn).toBe(true);
      }
    });
  });

  test.concurrent('4. downloading the United States list as CSV from /countries/US', async ({ expect }) => {
    await withPage({ acceptDownloads: true }, async (page) => {
      await page.goto('/countries/US');
      expect((await h1Of(page)).trim()).toBe('United States');
      const link = page.locator('main a[href*="/countries/US.csv"]');
      expect(await link.count(), 'a CSV download link on /countries/US').toBeGreaterThan(0);
      const [download] = await Promise.all([page.waitForEvent('download'), link.first().click()]);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      const text = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
      const [header, ...rows] = parse(text, { relax_column_count: false }) as string[][];
      expect(header).toEqual([
        'Local government',
        'Code',
        'Region',
        'Country',
        'Partner',
        'Partner’s region',
        'Partner’s country',
        'Label',
        'Signed',
        'Status',
        'Vitality',
        'Address',
      ]);
      expect(rows.length).toBeGreaterThan(100);
      const column = (name: string) => header!.indexOf(name);
      // Every row: a US place on its own side, a Japanese local government as partner, a link to the relationship.
      expect(rows.filter((row) => row[column('Country')] !== 'United States')).toEqual([]);
      expect(rows.filter((row) => row[column('Partner’s country')] !== 'Japan')).toEqual([]);
      expect(rows.filter((row) => !/\/relationships\/\d+$/.test(row[column('Address')] ?? ''))).toEqual([]);
      const places = new Set(rows.map((row) => row[column('Local government')]));
      const partners = new Set(rows.map((row) => row[column('Partner')]));
      expect([...places]).toContain('San Jose');
      expect([...partners]).toContain('Okayama City');
      const notJapaneseLg = [...partners].filter((name) => !/ (City|Town|Village|Ward|Prefecture|Metropolis)$/.test(name ?? ''));
      expect(notJapaneseLg, 'partners named as Japanese local governments (“… City”, “… Town”, …)').toEqual([]);
      console.log(`CSV of the United States list: ${rows.length} rows, ${places.size} US places, ${partners.size} Japanese partners`);
    });
  });

  test.concurrent('6. keyboard: skip link, main, search box, Enter submits', async ({ expect }) => {
    await withPage({}, async (page) => {
      await page.goto('/');
      await page.keyboard.press('Tab');
      const focused = () => inPage<string>(page, `(() => { const e = document.activeElement; return e ? (e.id ? '#' + e.id : e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')) : 'none'; })()`);
      expect(await focused()).toBe('a.skip');
      expect(await inPage<boolean>(page, `(() => { const r = document.activeElement.getBoundingClientRect(); return r.width > 1 && r.height > 1 && r.top >= 0; })()`), 'the skip link is visible when focused').toBe(true);

      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.hash === '#content');
      // Focus (or at least the sequential focus starting point) is now main: the next Tab lands inside it.
      const focusIsMain = await inPage<boolean>(page, `document.activeElement === document.getElementById('content')`);
      await page.keyboard.press('Tab');
      expect(
        await inPage<boolean>(page, `document.getElementById('content').contains(document.activeElement) && document.activeElement !== document.getElementById('content')`),
        'after the skip link, Tab goes into main',
      ).toBe(true);
      console.log(`keyboard: after Enter on the skip link document.activeElement ${focusIsMain ? 'is' : 'is not'} main#content; the next Tab focuses ${await focused()}`);

      // From the top of the page, Tab reaches the header search box; typing and Enter search.
      await page.goto('/');
      let presses = 0;
      while ((await focused()) !== '#site-search' && presses < 20) {
        await page.keyboard.press('Tab');
        presses++;
      }
      expect(await focused(), `the search box within ${presses} Tab presses`).toBe('#site-search');
      console.log(`keyboard: the search box is reached after ${presses} Tab presses from the top of the home page`);
      await page.keyboard.type('okayama');
      await Promise.all([page.waitForURL((url) => url.pathname === '/search'), page.keyboard.press('Enter')]);
      expect(new URL(page.url()).searchParams.get('q')).toBe('okayama');
      expect(await page.locator('main table tbody tr').count()).toBeGreaterThan(0);
    });
  });

  test.concurrent('7. without JavaScript: the server map, its country form, and search', async ({ expect }) => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await page.goto('/map');
      const figure = page.locator('figure[data-world-map]');
      expect(await figure.locator('svg').count()).toBe(1);
      expect(await figure.locator('svg path[data-map-links]').count()).toBeGreaterThan(0);
      expect((await figure.locator('svg path[data-map-links]').first().getAttribute('d'))?.length ?? 0).toBeGreaterThan(1000);
      expect(await figure.locator('canvas').count()).toBe(0);
      expect(await figure.locator('path[data-map-highlight]').count()).toBe(0);

      // The form works without the script: choose a country, press Show.
      await page.locator('select[data-map-country]').selectOption({ label: 'United States' });
      await Promise.all([page.waitForURL(/\/map\?country=US/), page.getByRole('button', { name: 'Show' }).click()]);
      expect(await figure.locator('path[data-map-highlight]').count()).toBeGreaterThan(0);
      expect(await page.locator('select[data-map-country]').inputValue()).toBe('US');
      expect((await figure.locator('path[data-map-highlight]').first().getAttribute('d'))?.length ?? 0).toBeGreaterThan(100);

      await page.locator('header #site-search').fill('Ibara');
      await Promise.all([page.waitForURL((url) => url.pathname === '/search'), page.locator('header #site-search').press('Enter')]);
      const first = page.locator('main table tbody tr').first().locator('a').first();
      expect(await first.innerText()).toBe('Ibara City');
      await Promise.all([page.waitForURL(/\/lg\/\d+-ibara-city$/), first.click()]);
      expect(await h1Of(page)).toContain('Ibara City');
    });
  });

  test('5. the world map: canvas drawn, United States selected and announced', async () => {
    await withPage({}, async (page) => {
      const started = performance.now();
      await page.goto('/map', { waitUntil: 'commit' });
      await page.locator('figure[data-world-map] canvas').first().waitFor({ state: 'attached', timeout: 20_000 });
      const canvasAfter = performance.now() - started;
      await page.locator('figure[data-world-map][data-map-ready]').waitFor({ state: 'attached', timeout: 20_000 });
      const readyAfter = performance.now() - started;
      console.log(`map: canvas exists ${canvasAfter.toFixed(0)} ms after navigation started; data-map-ready after ${readyAfter.toFixed(0)} ms`);

      await page.locator('select[data-map-country]').selectOption({ label: 'United States' });
      const status = page.locator('[data-map-status]');
      expect(await status.getAttribute('aria-live')).toBe('polite');
      await expect.poll(() => status.innerText()).toMatch(/^United States: [\d,]+ links?$/);
      const count = Number((await status.innerText()).replace(/\D/g, ''));
      expect(count).toBeGreaterThan(0);
      console.log(`map: status announces “${await status.innerText()}”`);
      // The figure marks the selection: the United States' land is coloured on the SVG.
      expect(await page.locator('figure[data-world-map] svg [data-cc="US"][data-selected]').count()).toBeGreaterThan(0);
      expect(await page.locator('figure[data-world-map] svg [data-selected]:not([data-cc="US"])').count()).toBe(0);
    });
  });
});

/** Every kind of page, by its path without language. */
const PAGE_TYPES: { name: string; path: () => string; status?: number }[] = [
  { name: 'home', path: () => '/' },
  { name: 'search results', path: () => '/search?q=okayama' },
  { name: 'LG page', path: () => okayamaCity },
  { name: 'relationship page', path: () => okayamaRelationship },
  { name: 'prefecture index', path: () => '/prefectures' },
  { name: 'prefecture list', path: () => '/prefectures/330001' },
  { name: 'country index', path: () => '/countries' },
  { name: 'country list', path: () => '/countries/US' },
  { name: 'statistics', path: () => '/statistics' },
  { name: 'map', path: () => '/map' },
  { name: 'guides index', path: () => '/guides' },
  { name: 'a guide', path: () => '/guides/what-is-a-sister-city' },
  { name: '404 page', path: () => '/no-such-page', status: 404 },
];

/**
 * At most `size` tasks at a time, each lent one of `size` resources that are made when first needed
 * and then reused (tabs: a new tab costs Chromium a renderer process).
 */
function pool<R>(size: number, create: () => Promise<R>) {
  const idle: R[] = [];
  const waiting: ((resource: R) => void)[] = [];
  let made = 0;
  async function acquire(): Promise<R> {
    const free = idle.pop();
    if (free) return free;
    if (made < size) {
      made++;
      return create();
    }
    return new Promise((resolve) => waiting.push(resolve));
  }
  function release(resource: R): void {
    const next = waiting.shift();
    if (next) next(resource);
    else idle.push(resource);
  }
  return {
    async use<T>(task: (resource: R) => Promise<T>): Promise<T> {
      const resource = await acquire();
      try {
        return await task(resource);
      } finally {
        release(resource);
      }
    },
  };
}

const inLanguage = (lang: 'en' | 'ja', path: string) => (lang === 'en' ? path : path === '/' ? '/ja' : `/ja${path}`);

/**
 * What a page must give at this width, in this language: nothing serious for axe, nothing refused by
 * the Content-Security-Policy, no sideways scrolling of the page.
 */
async function expectSound(page: Page, where: string, refusals: () => Promise<string[]>, width: number): Promise<void> {
  expect.soft(await refusals(), `${where}: refused by the Content-Security-Policy`).toEqual([]);
  const blocking = (await runAxe(page)).filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  if (blocking.length) console.log(`axe, serious or critical:\n${describeViolations(where, blocking)}`);
  expect.soft(blocking.map((violation) => `${violation.id} (${violation.impact})`), `${where}: serious or critical axe violations`).toEqual([]);
  expect.soft(await inPage<number>(page, 'document.documentElement.scrollWidth'), `${where}: the page's width`).toBeLessThanOrEqual(width);
}

interface DrawnCharts {
  /** The layouts of the charts shown (wide or narrow), in page order; hidden ones are left out. */
  shown: string[];
  hidden: number;
  /** The smallest words of the charts shown, as drawn on the screen: px, and which words. */
  smallest: { size: number; text: string; chart: string }[];
}

/** The charts of the page as Chromium draws them: which layout shows, and how large their smallest words come out. */
const drawnCharts = (page: Page) =>
  inPage<DrawnCharts>(
    page,
    `(() => {
      const shown = [], sizes = [];
      let hidden = 0;
      for (const svg of document.querySelectorAll('svg.kz-chart')) {
        if (!svg.getClientRects().length) { hidden++; continue; }
        shown.push(svg.dataset.layout);
        for (const text of svg.querySelectorAll('text')) {
          if (!text.textContent.trim()) continue;
          const ctm = text.getScreenCTM();
          sizes.push({ size: parseFloat(getComputedStyle(text).fontSize) * Math.hypot(ctm.a, ctm.b), text: text.textContent, chart: svg.dataset.chart });
        }
      }
      sizes.sort((a, b) => a.size - b.size);
      return { shown, hidden, smallest: sizes.slice(0, 3) };
    })()`,
  );

/** Opens every <details> of the page, so that the tables in them are laid out. */
const openDetails = (page: Page) => inPage(page, `document.querySelectorAll('details').forEach((details) => { details.open = true; })`);

describe('charts and maps on a phone (390 px) and a desktop (1280 px), in English and Japanese', () => {
  const VIEWPORTS = [
    { width: 1280, height: 900 },
    { width: 390, height: 844 },
  ];
  for (const lang of ['en', 'ja'] as const) {
    for (const viewport of VIEWPORTS) {
      const layout = viewport.width < 640 ? 'narrow' : 'wide';

      test(`statistics (${lang}, ${viewport.width} px): the ${layout} charts, words of 11 px or more, tables that fit`, async () => {
        await withPage({ viewport }, async (page) => {
          const refusals = await watchContentSecurityPolicy(page);
          const where = `statistics (${lang}) at ${viewport.width} px`;
          await page.goto(inLanguage(lang, '/statistics'));
          const charts = await drawnCharts(page);
          console.log(`${where}: charts shown ${charts.shown.join(', ')}; smallest words ${charts.smallest.map((word) => `${word.size.toFixed(1)} px “${word.text}” (${word.chart})`).join(', ')}`);
          // Countries, kinds, prefectures and growth, each drawn twice and shown once.
          expect(charts.shown).toEqual([layout, layout, layout, layout]);
          expect(charts.hidden).toBe(4);
          expect(charts.smallest[0]!.size, where).toBeGreaterThanOrEqual(11);
          await openDetails(page);
          // Every table fits its column, those of more than three columns as cards on a phone.
          const wider = await inPage<string[]>(
            page,
            `[...document.querySelectorAll('main .table-wrap')].filter((wrap) => wrap.scrollWidth > wrap.clientWidth + 1).map((wrap) => wrap.getAttribute('aria-label') + ': ' + wrap.scrollWidth + ' > ' + wrap.clientWidth)`,
          );
          if (viewport.width < 640) expect(wider, `${where}: tables wider than their column`).toEqual([]);
          await expectSound(page, where, refusals, viewport.width);
        });
      });

      test(`home (${lang}, ${viewport.width} px): Japan's relationships on the map, growth and coverage as pictures, each with its table`, async () => {
        await withPage({ viewport }, async (page) => {
          const refusals = await watchContentSecurityPolicy(page);
          const where = `home (${lang}) at ${viewport.width} px`;
          await page.goto(inLanguage(lang, '/'));
          const map = page.locator('main img[src="/map/japan.svg"]');
          expect(await map.getAttribute('alt')).toMatch(lang === 'en' ? /^A world map with a line for each relationship/ : /^日本の自治体の提携を/);
          await expect.poll(() => map.evaluate((element) => (element as unknown as { complete: boolean; naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
          const box = (await map.boundingBox())!;
          expect(box.width).toBeGreaterThan(viewport.width * 0.8);
          const charts = await drawnCharts(page);
          console.log(`${where}: charts shown ${charts.shown.join(', ')}; smallest words ${charts.smallest.map((word) => `${word.size.toFixed(1)} px “${word.text}” (${word.chart})`).join(', ')}`);
          expect(charts.shown).toEqual([layout, layout]);
          expect(charts.smallest[0]!.size, where).toBeGreaterThanOrEqual(11);
          // The figures as tables, a click away.
          const summaries = page.locator('.home-pictures details > summary');
          expect(await summaries.count()).toBe(2);
          await summaries.last().click();
          expect(await page.locator('.home-pictures details').last().locator('tbody tr').count()).toBeGreaterThanOrEqual(5);
          await expectSound(page, where, refusals, viewport.width);
        });
      });

      test(`map (${lang}, ${viewport.width} px): opens on Japan's relationships, the world one link away, arcs the short way round`, async () => {
        await withPage({ viewport }, async (page) => {
          const refusals = await watchContentSecurityPolicy(page);
          const where = `map (${lang}) at ${viewport.width} px`;
          const ready = () => page.locator('figure[data-world-map][data-map-ready]').waitFor({ state: 'attached', timeout: 20_000 });
          const dataSource = () => page.locator('figure[data-world-map]').getAttribute('data-src');
          await page.goto(inLanguage(lang, '/map'));
          await ready();
          expect(await dataSource()).toBe(`/map/data.json?lang=${lang}&scope=japan`);
          const scopes = page.locator('nav.map-scope a');
          expect(await scopes.first().getAttribute('aria-current')).toBe('page');
          await expectSound(page, `${where}, Japan's`, refusals, viewport.width);

          await Promise.all([page.waitForURL(/\/map\?scope=world$/), scopes.last().click()]);
          await ready();
          expect(await scopes.last().getAttribute('aria-current')).toBe('page');
          const counts = await inPage<number[]>(
            page,
            `Promise.all(['japan', 'world'].map((scope) => fetch('/map/data.json?lang=${lang}&scope=' + scope).then((response) => response.json()).then((data) => data.links.length)))`,
          );
          console.log(`${where}: ${counts[0]} links of Japan's, ${counts[1]} in the world`);
          expect(counts[1]!).toBeGreaterThan(counts[0]! * 5);

          // The United States' links in the world: none drawn across more than half the map, some across its edge.
          await page.goto(inLanguage(lang, '/map?scope=world&country=US'));
          await ready();
          const status = await page.locator('[data-map-status]').innerText();
          expect(status).toMatch(lang === 'en' ? /^United States: [\d,]+ links$/ : /^アメリカ合衆国：[\d,]+件$/);
          const d = (await page.locator('figure[data-world-map] path[data-map-highlight]').getAttribute('d')) ?? '';
          const pieces = d.split('M').filter(Boolean).map((piece) => piece.replace('Q', ' ').trim().split(/\s+/).map(Number) as [number, number, number, number, number, number]);
          expect(pieces.length).toBeGreaterThan(100);
          const across = pieces.filter(([x1, , , , x2]) => Math.abs(x2 - x1) > 480);
          expect(across, `${where}: arcs drawn across more than half the map`).toEqual([]);
          // Those to Europe leave by the right edge and come back by the left.
          expect(pieces.filter(([x1, , , , x2]) => Math.max(x1, x2) > 860).length).toBeGreaterThan(10);
          expect(pieces.filter(([x1, , , , x2]) => Math.min(x1, x2) < 100).length).toBeGreaterThan(10);
          const crossings = await inPage<number>(page, `fetch('/map/data.json?scope=world').then((response) => response.json()).then((data) => data.crossings.length)`);
          expect(crossings).toBeGreaterThan(100);
          await expectSound(page, `${where}, the world's, United States`, refusals, viewport.width);
        });
      });
    }

    test(`the tile map of prefectures (${lang}, 1280 px) names all 47 apart, each name inside its tile`, async () => {
      await withPage({ viewport: VIEWPORTS[0] }, async (page) => {
        await page.goto(inLanguage(lang, '/statistics'));
        const tiles = await inPage<{ label: string; inside: boolean; size: number }[]>(
          page,
          `[...document.querySelectorAll('svg[data-chart="tilemap"] .kz-tiles g')].map((tile) => {
            const rect = tile.querySelector('rect').getBBox();
            const label = tile.querySelector('text[font-weight="bold"]');
            const box = label.getBBox();
            const ctm = label.getScreenCTM();
            return {
              label: label.textContent,
              inside: box.x >= rect.x && box.x + box.width <= rect.x + rect.width && box.y >= rect.y && box.y + box.height <= rect.y + rect.height,
              size: parseFloat(getComputedStyle(label).fontSize) * ctm.a,
            };
          })`,
        );
        expect(tiles).toHaveLength(47);
        expect(new Set(tiles.map((tile) => tile.label.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase())).size).toBe(47);
        expect(tiles.filter((tile) => !tile.inside).map((tile) => tile.label), 'names running out of their tiles').toEqual([]);
        expect(Math.min(...tiles.map((tile) => tile.size))).toBeGreaterThanOrEqual(11);
        if (lang === 'en') expect(tiles.map((tile) => tile.label)).toEqual(expect.arrayContaining(['Tōkyō', 'Tokushima', 'Tottori', 'Yamagata', 'Yamaguchi', 'Yamanashi']));
      });
    });
  }
});

describe('chart tips', () => {
  test.concurrent('pointing at a bar of the statistics shows its country and count', async ({ expect }) => {
    await withPage({ viewport: { width: 1440, height: 900 } }, async (page) => {
      await page.goto('/statistics');
      const bar = page.locator('figure.chart [data-tip]').first();
      await expect.poll(() => bar.count()).toBe(1);
      await bar.hover();
      const tip = page.locator('figure.chart .chart-tip:not([hidden])').first();
      await expect.poll(() => tip.count()).toBe(1);
      expect(await tip.textContent()).toMatch(/^United States: \d/);
    });
  });
});

describe('accessibility (axe-core, 1440 px), no sideways scrolling at 375 px, and nothing refused by the Content-Security-Policy', () => {
  let desktop: BrowserContext;
  let phone: BrowserContext;
  beforeAll(async () => {
    if (setupError) return;
    desktop = await browser.newContext({ baseURL: portal.url, viewport: DESKTOP });
    phone = await browser.newContext({ baseURL: portal.url, viewport: PHONE });
  });
  afterAll(async () => {
    await desktop?.close();
    await phone?.close();
  });

  // Pages are checked three at a time, each in a pair of reused tabs: axe is CPU-bound, and this machine has two cores.
  const tabs = pool(3, async () => {
    const [wide, narrow] = await Promise.all([desktop.newPage(), phone.newPage()]);
    const [wideRefusals, narrowRefusals] = await Promise.all([watchContentSecurityPolicy(wide), watchContentSecurityPolicy(narrow)]);
    return { wide, narrow, wideRefusals, narrowRefusals };
  });

  for (const lang of ['en', 'ja'] as const) {
    for (const type of PAGE_TYPES) {
      test.concurrent(`${type.name} (${lang})`, ({ expect }) => {
        ready();
        return tabs.use(async ({ wide, narrow, wideRefusals, narrowRefusals }) => {
          const path = inLanguage(lang, type.path());
          const where = `${type.name} (${lang}) ${path}`;
          const [wideResponse, narrowResponse] = await Promise.all([wide.goto(path), narrow.goto(path)]);
          expect(wideResponse?.status(), where).toBe(type.status ?? 200);
          expect(narrowResponse?.status(), where).toBe(type.status ?? 200);
          expect(await wide.locator('html').getAttribute('lang'), `${where}: <html lang>`).toBe(lang);
          if (type.name === 'map') await wide.locator('figure[data-world-map][data-map-ready]').waitFor({ state: 'attached', timeout: 20_000 });
          // Before axe runs: its checks are no part of the page.
          const refused = [...(await wideRefusals()), ...(await narrowRefusals())];
          expect.soft(refused, `${where}: refused by the Content-Security-Policy`).toEqual([]);

          const [violations, sizes] = await Promise.all([
            runAxe(wide),
            inPage<{ scrollWidth: number; clientWidth: number; culprits: string[] }>(
              narrow,
              `(() => {
                const root = document.documentElement;
                const culprits = [];
                for (const el of document.body.querySelectorAll('*')) {
                  const r = el.getBoundingClientRect();
                  if (r.right > root.clientWidth + 0.5 && !el.closest('.table-wrap') && culprits.length < 5) {
                    culprits.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ' right=' + Math.round(r.right));
                  }
                }
                return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, culprits };
              })()`,
            ),
          ]);
          const blocking = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
          const minor = violations.filter((violation) => !blocking.includes(violation));
          if (minor.length) console.log(`axe, minor or moderate (not failing):\n${describeViolations(where, minor)}`);
          if (blocking.length) console.log(`axe, serious or critical:\n${describeViolations(where, blocking)}`);
          const overflow = sizes.scrollWidth > PHONE.width;
          if (overflow) console.log(`${where} at ${PHONE.width} px: document scrolls sideways, scrollWidth ${sizes.scrollWidth}; widest: ${sizes.culprits.join(', ')}`);
          expect.soft(blocking.map((violation) => `${violation.id} (${violation.impact})`), `${where}: serious or critical axe violations`).toEqual([]);
          expect.soft(sizes.scrollWidth, `${where}: document.documentElement.scrollWidth at ${PHONE.width} px (${sizes.culprits.join(', ')})`).toBeLessThanOrEqual(PHONE.width);
        });
      });
    }
  }
});

describe('the Content-Security-Policy', () => {
  test.concurrent('refuses nothing on the pages the accessibility checks do not visit, signed in as an administrator, in both languages', async ({ expect }) => {
    ready();
    const administrator = await createTestAccount(portal.db, 'administrator');
    const { session } = await signIn(portal.db, { email: administrator.email, password: administrator.password, address: 'e2e' });
    const listings = (await (await fetch(`${portal.url}/api/listings?direction=from-japan`)).json()) as { results: { id: number }[] };
    const listing = listings.results[0]?.id;
    expect(listing, 'a published demo listing').toBeDefined();
    const okayamaId = /^\/lg\/(\d+)/.exec(okayamaCity)![1];
    const paths = [
      '/sign-in',
      '/account',
      '/admin/accounts',
      '/audit',
      '/dashboard',
      '/dashboard/listings/new',
      '/dashboard/listings/new?lgQuery=ibara&lgFind=1',
      `/dashboard/listings/${listing}/edit`,
      '/moderation',
      '/introductions',
      '/statistics/figures',
      '/registry/import',
      '/listings/from-japan',
      '/listings/to-japan',
      `/listings/${listing}`,
      `/match?lg=${okayamaId}&limit=5`,
      '/api/docs',
    ];
    await withPage({}, async (page, context) => {
      await context.addCookies([{ name: SESSION_COOKIE, value: session, url: portal.url }]);
      const refusals = await watchContentSecurityPolicy(page);
      const found: string[] = [];
      let visited = 0;
      for (const lang of ['en', 'ja'] as const) {
        for (const path of paths) {
          const address = path === '/api/docs' ? path : inLanguage(lang, path);
          const response = await page.goto(address);
          expect.soft(response?.status(), address).toBe(200);
          if (pathOf(page).startsWith('/sign-in') && path !== '/sign-in') found.push(`${address}: sent to sign in`);
          found.push(...(await refusals()).map((line) => `${address}: ${line}`));
          visited++;
        }
      }
      expect(visited).toBe(paths.length * 2);
      expect(found).toEqual([]);
    });
  });

  test.concurrent('is watched for real: a style attribute added by the page is refused and reported', async ({ expect }) => {
    await withPage({}, async (page) => {
      const refusals = await watchContentSecurityPolicy(page);
      await page.goto('/guides');
      expect(await refusals()).toEqual([]);
      await inPage(page, `document.querySelector('main').setAttribute('style', 'outline: 3px solid red')`);
      await expect.poll(async () => (await refusals()).join('\n')).toMatch(/style-src/);
    });
  });
});

describe('Japanese text', () => {
  test.concurrent('is drawn in a Japanese font, not as empty boxes (install fonts-noto-cjk where this fails)', async ({ expect }) => {
    await withPage({}, async (page) => {
      await page.goto('/ja');
      const heading = await page.locator('h1').innerText();
      const japanese = [...heading].filter((char) => /[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]/.test(char)).length;
      expect(japanese, `the Japanese home page's heading “${heading}” has Japanese to draw`).toBeGreaterThan(5);
      const fonts = await renderedFonts(page, 'h1');
      expect(fonts.length, 'Chromium names the fonts it drew the heading with').toBeGreaterThan(0);
      const japaneseFonts = fonts.filter((font) => /CJK|Noto (Sans|Serif) JP|Source Han|Hiragino|Yu Gothic|Meiryo|IPA|Takao|VL Gothic/i.test(font.familyName));
      const glyphs = japaneseFonts.reduce((sum, font) => sum + font.glyphCount, 0);
      console.log(`Japanese heading drawn with ${fonts.map((font) => `${font.familyName} (${font.glyphCount} glyphs)`).join(', ')}`);
      expect(
        glyphs,
        `The ${japanese} Japanese characters of “${heading}” were drawn with ${JSON.stringify(fonts)}: no Japanese font is installed, so kanji come out as empty boxes. Install fonts-noto-cjk (apt-get install fonts-noto-cjk); CI does.`,
      ).toBeGreaterThanOrEqual(japanese);
    });
  });
});
