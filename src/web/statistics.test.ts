import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OPERATOR } from '../../test/accounts.js';
import { openTestDatabase } from '../../test/database.js';
import { queryRows, type Database } from '../db/client.js';
import type { SourceKind } from '../domain/relationships.js';
import { createRelationship, today } from '../services/registry.js';
import type { JapanStatistics } from '../services/stats.js';
import { createApp } from './app.js';

/**
 * The figures' rule for relationships without a date, the sources they rest on, and the latest
 * signed on the home page, through the pages and the API, on a register that starts empty.
 */

let database: Database;
const app = () => createApp({ db: database.db });
const page = async (path: string) => {
  const response = await app().request(path);
  return { status: response.status, html: await response.text() };
};
const stats = async (query = '') => {
  const response = await app().request(`/api/stats${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as JapanStatistics;
};

const lg = { nagasaki: 0, ibara: 0, okayama: 0, kurashiki: 0 };
let abroad: number[] = [];
let next = 0;

/** A relationship of a Japanese LG with the next place abroad, from a source of a kind. */
async function relate(japanese: number, kind: SourceKind, signedOn?: string) {
  const partner = abroad[next++]!;
  return createRelationship(
    database.db,
    { localGovernmentIds: [japanese, partner], label: 'sister city', ...(signedOn ? { signedOn } : {}), ...(kind === 'pairs' ? { source: 'twin_cities.csv' } : {}) },
    OPERATOR,
    today(),
    kind,
  );
}

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  const found = await queryRows<{ id: number; jis_code: string }>(
    database.db,
    sql`select id, jis_code from local_governments where jis_code in ('422011', '332071', '331007', '332020')`,
  );
  const byCode = (code: string) => found.find((row) => row.jis_code.trim() === code)!.id;
  Object.assign(lg, { nagasaki: byCode('422011'), ibara: byCode('332071'), okayama: byCode('331007'), kurashiki: byCode('332020') });
  abroad = (await queryRows<{ id: number }>(database.db, sql`select id from local_governments where country = 'US' order by population desc nulls last limit 12`)).map(
    (row) => row.id,
  );
});
afterAll(() => database.close());

describe('a register of undated relationships only', () => {
  beforeAll(async () => {
    await relate(lg.ibara, 'pairs');
  });

  it('counts an undated relationship today but never in the past', async () => {
    expect((await stats()).totals.international).toBe(1);
    expect((await stats()).undated).toBe(1);
    const past = await stats('?asOf=1960-01-01');
    expect(past.totals.international).toBe(0);
    expect(past.undated).toBe(0);
    expect(past.byCountry).toEqual([]);
    const pastPage = await page('/statistics?asOf=1960-01-01');
    expect(pastPage.html).toContain('No international relationship is in force on this day');
  });

  it('says on the home page that no relationship is dated, instead of listing undated ones as the latest', async () => {
    const { html } = await page('/');
    expect(html).toContain('<h2>Latest signed</h2>');
    expect(html).toContain('No relationship has a recorded day of signing yet, so none is listed as the latest signed.');
    expect(html).toContain('These figures rest on 1 relationship: 1 from the pairs file twin_cities.csv; 1 has no recorded date.');
    const ja = (await page('/ja')).html;
    expect(ja).toContain('<h2>最近の締結</h2>');
    expect(ja).toContain('提携日が記録された提携がまだないため');
    expect(ja).toContain('この統計は1件の提携に基づいています（ペアファイル「twin_cities.csv」から1件）。うち1件は提携日の記録がありません。');
  });

  it('draws no growth chart, and counts the undated on a row of their own', async () => {
    const { html } = await page('/statistics');
    expect(html).toContain('No relationship has a recorded date yet, so growth cannot be drawn.');
    expect(html).toContain('1 relationship has no recorded date, so it is not placed in any year; the last row of the table counts it.');
    expect(html).toMatch(/<th scope="row">Date not recorded<\/th><td class="number"><\/td><td class="number">1<\/td>/);
  });
});

describe('a register of dated and undated relationships', () => {
  let signedToday: number;
  beforeAll(async () => {
    await relate(lg.ibara, 'pairs');
    await relate(lg.okayama, 'pairs');
    await relate(lg.nagasaki, 'entry', '1955-12');
    await relate(lg.kurashiki, 'entry', '1990-04-01');
    signedToday = (await relate(lg.okayama, 'tracker', today())).id;
  });

  it('counts each relationship from its day of signing, or from the day of its record when it has none', async () => {
    const now = await stats();
    expect(now.totals.international).toBe(6);
    expect(now.undated).toBe(3);
    expect(now.byCountry).toEqual([{ country: 'US', count: 6, undated: 3 }]);
    const okayamaPrefecture = now.byPrefecture.find((row) => row.prefecture.jisCode === '330001')!;
    expect(okayamaPrefecture).toMatchObject({ relationships: 5, undated: 3 });
    expect((await stats('?asOf=1960-01-01')).totals.international).toBe(1);
    expect((await stats('?asOf=1995-01-01')).totals.international).toBe(2);
  });

  it('counts only the relationship signed in the month as new, never those recorded in it without a date', async () => {
    const now = await stats();
    expect(now.previousMonth.international).toBe(2);
    expect(now.change).toEqual({ international: 1, domestic: 0 });
    const { html } = await page('/statistics');
    expect(html).toMatch(/<strong>\+1<\/strong>Change since/);
  });

  it('says which sources the figures rest on, each by name in the API', async () => {
    const now = await stats();
    expect(now.sources).toEqual({
      relationships: 6,
      undated: 3,
      bySource: [
        { kind: 'pairs', source: 'twin_cities.csv', count: 3 },
        { kind: 'entry', source: 'entered by test operator', count: 2 },
        { kind: 'tracker', source: 'entered by test operator', count: 1 },
      ],
    });
    expect((await stats('?asOf=1960-01-01')).sources).toEqual({ relationships: 1, undated: 0, bySource: [{ kind: 'entry', source: 'entered by test operator', count: 1 }] });
  });

  it('says which sources the figures rest on, in words and in both languages', async () => {
    const english = (await page('/statistics')).html;
    expect(english).toContain(
      'These figures rest on 6 relationships: 3 from the pairs file twin_cities.csv, 2 entered by people and 1 recorded at its signing by a formation tracker; 3 have no recorded date.',
    );
    expect(english).toContain('<td class="source-name">twin_cities.csv</td>');
    expect(english).toContain('3 of these relationships have no recorded date of signing.');
    expect((await page('/statistics?asOf=1960-01-01')).html).toContain('These figures rest on 1 relationship: 1 entered by a person; it has a recorded date.');
    const japanese = (await page('/ja/statistics')).html;
    expect(japanese).toContain(
      'この統計は6件の提携に基づいています（ペアファイル「twin_cities.csv」から3件、担当者の入力2件、結成トラッカーで調印時に記録された1件）。うち3件は提携日の記録がありません。',
    );
    expect((await page('/')).html).toContain('These figures rest on 6 relationships:');
  });

  it('draws the dated ones per year with the undated as a bar apart, and counts them on the last row of the table and CSV', async () => {
    const { html } = await page('/statistics');
    expect(html).toContain('<title>Without a recorded date: 3</title>');
    expect(html).toContain('3 relationships have no recorded date, so they are not placed in any year: the bar at the right stands for them');
    const growth = await app().request('/statistics/growth.csv');
    const lines = (await growth.text()).trim().split('\r\n');
    expect(lines.at(-1)).toBe('Date not recorded,,3');
    expect(lines.find((line) => line.startsWith('1955,'))).toBe('1955,1,1');
    const countries = (await (await app().request('/statistics/countries.csv')).text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(countries[0]).toBe('Code,Country,Relationships,Of which without a date,Share (%)');
    expect(countries[1]).toBe('US,United States,6,3,100');
  });

  it('lists the latest signed on the home page, newest first, and no undated relationship', async () => {
    const { html } = await page('/');
    expect(html).toContain('The ten signed most recently, by their recorded day of signing');
    expect(html).toContain(`/relationships/${signedToday}`);
    const listed = [...html.matchAll(/href="\/relationships\/(\d+)"/g)].map((match) => Number(match[1]));
    expect(listed).toHaveLength(3);
    expect(listed[0]).toBe(signedToday);
    expect(html).not.toContain('No relationship has a recorded day of signing yet');
  });

  it('sets the published figures beside the register’s own for their day in the API and on the page', async () => {
    const now = await stats();
    const total = now.published.find((figure) => figure.scope === 'total')!;
    expect(total).toMatchObject({ publisher: 'CLAIR', publishedOn: '2019-06-01', value: 1751 });
    expect(total.register).toEqual({ inForce: 2, withUndated: 5, difference: { inForce: -1749, withUndated: -1746 }, verdict: 'fewer' });
    const us = now.published.find((figure) => figure.scope === 'country' && figure.subject === 'US')!;
    expect(us.register).toMatchObject({ inForce: 2, withUndated: 5, verdict: 'fewer' });
    const cities = now.published.find((figure) => figure.scope === 'kind' && figure.subject === 'city')!;
    expect(cities.register).toMatchObject({ inForce: 2, withUndated: 4 });
    const { html } = await page('/statistics');
    expect(html).toContain('Beside published figures');
    expect(html).toContain('<h3 id="published-group-0">CLAIR, as of 1 June 2019</h3>');
    const row = html.match(/<tr role="row"><th scope="row" role="rowheader">International relationships<\/th>.*?<\/tr>/)?.[0];
    expect(row).toContain('data-label="CLAIR">1,751</td>');
    expect(row).toContain('>2<span class="with-undated">5 counting those without a date</span></td>');
    expect(row).toContain('>1,746 fewer than published</td>');
    expect(html).toContain('role="rowheader">United States: relationships with Japan</th>');
    // The figures of one citation show it once.
    expect(html.match(/Robert D. Eldridge/g)).toHaveLength(1);
    const japanese = (await page('/ja/statistics')).html;
    expect(japanese).toContain('CLAIR（2019年6月1日現在）');
    expect(japanese).toContain('公表値より1,746少ない');
  });
});

describe('the API document', () => {
  it('describes the change, the undated, the sources and the published figures of /api/stats', async () => {
    const response = await app().request('/api/openapi.json');
    const document = (await response.json()) as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
    const properties = Object.keys(document.components.schemas.Statistics!.properties);
    expect(properties).toEqual(expect.arrayContaining(['change', 'undated', 'sources', 'published']));
    expect(document.components.schemas).toHaveProperty('RegisterBesidePublished');
  });
});
