import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createTestAccount, OPERATOR, type TestAccount } from '../test/accounts.js';
import { startSmtpServer } from '../test/smtp.js';
import { queryRows } from '../src/db/client.js';
import { recordCommendation } from '../src/services/commendations.js';
import { createJurisdiction } from '../src/services/jurisdictions.js';
import { publishNews, type NewsItem } from '../src/services/news.js';
import { assembleIssue, publishIssue, type NewsletterIssue } from '../src/services/newsletter.js';
import { createRelationship, type Relationship } from '../src/services/registry.js';
import { describeViolations, inPage, launchChromium, requireChromium, runAxe, startPortal, type PortalWithDatabase } from './support.js';

/**
 * News, commendations and the newsletter in a real Chromium: a coordinator publishes news and records
 * a commendation through the forms (after refusals that name the field); a visitor subscribes and
 * confirms through the mailed link; the new pages pass axe-core in English and Japanese and fit a
 * phone without scrolling sideways.
 */

let portal: PortalWithDatabase;
let browser: Browser;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let setupError: unknown;
const contexts: BrowserContext[] = [];
let relationship: Relationship;
let coordinator: TestAccount;
let item: NewsItem;
let issue: NewsletterIssue;
let ibaraUrl: string;
let jurisdictionUrl: string;

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
    smtp = await startSmtpServer();
    process.env.KIZUNA_SMTP_URL = smtp.url;
    process.env.KIZUNA_MAIL_FROM = 'Kizuna <no-reply@example.org>';
    const [ibara] = await queryRows<{ id: number; slug: string }>(portal.db, sql`select id, slug from local_governments where jis_code = '332071'`);
    ibaraUrl = `/lg/${ibara!.id}-${ibara!.slug}`;
    const [abroad] = await queryRows<{ id: number }>(portal.db, sql`select id from local_governments where country = 'US' and name_en = 'Topeka' limit 1`);
    relationship = await createRelationship(portal.db, { localGovernmentIds: [ibara!.id, abroad!.id], label: 'sister city', signedOn: '2001-05-01' }, OPERATOR);
    item = await publishNews(portal.db, OPERATOR, {
      title: { en: 'Pupils from Topeka visit Ibara', ja: 'トピカの生徒が井原市を訪問' },
      body: { en: 'Ten pupils stayed for a week.\n\nThey planted a tree at the city hall.', ja: '10名の生徒が1週間滞在した。' },
      tags: [{ kind: 'relationship', value: String(relationship.id) }, { kind: 'country', value: 'US' }],
    });
    await recordCommendation(portal.db, OPERATOR, {
      award: 'international-exchange',
      year: 2022,
      localGovernmentId: ibara!.id,
      organisation: { en: '', ja: '' },
      category: { en: 'Youth exchange', ja: '青少年交流' },
      citation: { en: 'Two decades of pupils’ visits with its partner in Kansas.', ja: 'カンザス州の提携先との20年にわたる生徒の相互訪問。' },
      relationshipIds: [relationship.id],
      exchangeIds: [],
    });
    const year = new Date().getUTCFullYear();
    issue = await publishIssue(portal.db, OPERATOR, (await assembleIssue(portal.db, OPERATOR, { periodFrom: `${year}-01-01`, periodTo: `${year}-12-31`, country: 'US', jurisdiction: '' }, portal.url)).id);
    const jurisdiction = await createJurisdiction(portal.db, OPERATOR, { nameEn: 'Kansas and its neighbours', nameJa: 'カンザス州と近隣', members: 'US-KS' });
    jurisdictionUrl = jurisdiction.url;
    await publishNews(portal.db, OPERATOR, { title: { en: 'A reception for the sister cities of Kansas', ja: 'カンザス州の姉妹都市の交流会' }, body: { en: 'Mayors met in Topeka.', ja: 'トピカで市長が集った。' }, tags: [{ kind: 'jurisdiction', value: jurisdiction.slug }] });
    coordinator = await createTestAccount(portal.db, 'coordinator');
  } catch (error) {
    setupError = error;
  }
}, 180_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  delete process.env.KIZUNA_SMTP_URL;
  delete process.env.KIZUNA_MAIL_FROM;
  await smtp?.close();
  await browser?.close();
  await portal?.stop();
});

async function pageAs(account: TestAccount | null, viewport: { width: number; height: number }): Promise<Page> {
  if (setupError) throw setupError;
  const context = await browser.newContext({ baseURL: portal.url, viewport });
  contexts.push(context);
  const page = await context.newPage();
  if (account) {
    await page.goto('/sign-in');
    const form = page.locator('main form[action^="/sign-in"]');
    await form.locator('input[name="email"]').fill(account.email);
    await form.locator('input[name="password"]').fill(account.password);
    await Promise.all([page.waitForURL((url) => url.pathname === '/dashboard'), form.getByRole('button', { name: 'Sign in' }).click()]);
  }
  return page;
}

const pages = () => [
  '/news',
  item.url,
  '/news/new',
  '/commendations',
  '/commendations/international-exchange/2022',
  '/commendations/new',
  '/newsletter',
  issue.url,
  `${issue.url}/edit`,
  ibaraUrl,
  relationship.url,
  jurisdictionUrl,
];

describe('news, commendations and the newsletter in the browser', () => {
  test('a coordinator publishes news through the form, after a refusal that names the field', async () => {
    const page = await pageAs(coordinator, { width: 1280, height: 900 });
    await page.goto('/news');
    await page.getByRole('link', { name: 'Publish news' }).click();
    await page.locator('#news-titleEn').fill('A tree for the city hall');
    await page.getByRole('button', { name: 'Publish' }).click();
    expect(await page.locator('#news-bodyEn-problem').textContent()).toContain('Give the text in English too');
    const refused = await runAxe(page);
    expect(refused, describeViolations('refused news form', refused)).toEqual([]);
    await page.locator('#news-bodyEn').fill('Pupils planted a cherry tree.');
    await page.locator('#news-countries').fill('US');
    await Promise.all([page.waitForURL((url) => url.searchParams.get('done') === 'saved'), page.getByRole('button', { name: 'Publish' }).click()]);
    expect(await page.locator('h1').textContent()).toBe('A tree for the city hall');
    await page.goto('/countries/US');
    expect(await page.locator('#news ~ article, section[aria-labelledby="news"]').first().textContent()).toContain('A tree for the city hall');
  });

  test('a coordinator records a commendation, choosing the local government with the picker', async () => {
    const page = await pageAs(coordinator, { width: 1280, height: 900 });
    await page.goto('/ja/commendations/new');
    await page.locator('#commendation-year').fill('2023');
    await page.locator('#commendation-citationJa').fill('姉妹都市との交流を長く続けてきた。');
    await page.getByRole('button', { name: '保存' }).click();
    expect(await page.locator('#field-localGovernmentId-problem').textContent()).toContain('受賞した地方公共団体を選ぶか');
    await page.locator('#field-localGovernmentId').fill('井原市');
    await page.getByRole('option', { name: /井原市/ }).first().click();
    await Promise.all([page.waitForURL((url) => url.pathname === '/ja/commendations/international-exchange/2023'), page.getByRole('button', { name: '保存' }).click()]);
    expect(await page.locator('main').textContent()).toContain('姉妹都市との交流を長く続けてきた。');
  });

  test('a visitor subscribes and confirms through the mailed link', async () => {
    const page = await pageAs(null, { width: 1280, height: 900 });
    const email = `reader-${Date.now()}@example.jp`;
    await page.goto('/newsletter');
    await page.getByLabel('Your e-mail address').fill(email);
    await page.getByRole('button', { name: 'Subscribe' }).click();
    expect(await page.locator('h1').textContent()).toBe('Check your mail');
    const mail = smtp.received.find((received) => received.to.includes(email))!;
    const link = /http:\/\/127\.0\.0\.1:\d+(\/newsletter\/confirm\/[A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    await page.goto(link);
    const confirmPage = await runAxe(page);
    expect(confirmPage, describeViolations('confirmation page', confirmPage)).toEqual([]);
    await page.getByRole('button', { name: 'Confirm' }).click();
    expect(await page.locator('[role="status"]').textContent()).toContain('Your subscription is confirmed.');
    const [row] = await queryRows<{ status: string }>(portal.db, sql`select status from subscribers where email = ${email}`);
    expect(row!.status).toBe('confirmed');
  });

  test('the new pages pass axe-core in English and Japanese', async () => {
    const page = await pageAs(coordinator, { width: 1280, height: 900 });
    for (const path of pages().flatMap((path) => [path, `/ja${path}`])) {
      await page.goto(path);
      const violations = await runAxe(page);
      expect(violations, describeViolations(path, violations)).toEqual([]);
    }
  });

  test('fit a phone without scrolling sideways', async () => {
    const page = await pageAs(coordinator, { width: 375, height: 812 });
    for (const path of pages().flatMap((path) => [path, `/ja${path}`])) {
      await page.goto(path);
      expect(await inPage<number>(page, 'document.documentElement.scrollWidth'), path).toBeLessThanOrEqual(375);
    }
  });
});
