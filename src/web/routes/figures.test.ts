import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createTestAccount, type TestAccount } from '../../../test/accounts.js';
import { signedInClient, TestClient } from '../../../test/client.js';
import { openTestDatabase } from '../../../test/database.js';
import { queryRows, type Database } from '../../db/client.js';
import { createApp } from '../app.js';

let database: Database;
let coordinator: TestAccount;
let officer: TestAccount;

const app = () => createApp({ db: database.db });
const clientOf = (account: TestAccount) => signedInClient(app(), database.db, account);
const figures = () =>
  queryRows<{ id: number; publisher: string; published_on: string; scope: string; subject: string; value: number; citation: string }>(
    database.db,
    sql`select id, publisher, to_char(published_on, 'YYYY-MM-DD') as published_on, scope, subject, value, citation from published_figures order by id`,
  );
const figureOf = async (scope: string, subject: string) => (await figures()).find((figure) => figure.scope === scope && figure.subject === subject)!;

const GOOD = { publisher: 'CLAIR', publishedOn: '2021-03-01', counts: 'country:CN', value: '372', citation: 'A count read for the test.' };

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  const [ibara] = await queryRows<{ id: number }>(database.db, sql`select id from local_governments where jis_code = '332071'`);
  coordinator = await createTestAccount(database.db, 'coordinator');
  officer = await createTestAccount(database.db, 'officer', [ibara!.id]);
});
afterAll(() => database.close());

describe('who may reach the published figures', () => {
  it('sends the public to sign in, for the page and for its forms, saving nothing', async () => {
    const visitor = new TestClient(app());
    const page = await visitor.request('/ja/statistics/figures');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/ja/sign-in?next=%2Fja%2Fstatistics%2Ffigures');
    const before = await figures();
    await visitor.page('/sign-in');
    const posted = await visitor.post('/statistics/figures', GOOD);
    expect(posted.status).toBe(303);
    expect(posted.response.headers.get('location')).toMatch(/^\/sign-in\?next=/);
    const target = before[0]!;
    expect((await visitor.post(`/statistics/figures/${target.id}/delete`)).status).toBe(303);
    expect(await figures()).toEqual(before);
  });

  it('refuses officers with a page saying why, saving nothing', async () => {
    const client = await clientOf(officer);
    const page = await client.page('/statistics/figures');
    expect(page.status).toBe(403);
    expect(page.html).toContain('Only coordinators and administrators');
    const before = await figures();
    expect((await client.post('/statistics/figures', GOOD)).status).toBe(403);
    expect((await client.post(`/statistics/figures/${before[0]!.id}`, GOOD)).status).toBe(403);
    expect((await client.post(`/statistics/figures/${before[0]!.id}/delete`)).status).toBe(403);
    expect(await figures()).toEqual(before);
  });

  it('refuses a form without its CSRF token', async () => {
    const client = await clientOf(coordinator);
    const before = await figures();
    expect((await client.post('/statistics/figures', { ...GOOD, _csrf: 'forged' })).status).toBe(403);
    expect(await figures()).toEqual(before);
  });

  it('links the page from the statistics for coordinators only', async () => {
    const client = await clientOf(coordinator);
    expect((await client.page('/statistics')).html).toContain('href="/statistics/figures"');
    expect((await client.page('/ja/statistics')).html).toContain('href="/ja/statistics/figures"');
    expect((await (await clientOf(officer)).page('/statistics')).html).not.toContain('/statistics/figures"');
    expect((await new TestClient(app()).page('/statistics')).html).not.toContain('/statistics/figures"');
  });
});

describe('the published figures page', () => {
  it('shows a form per figure, filled in, with the register’s figure beside it, in English and Japanese', async () => {
    const client = await clientOf(coordinator);
    const total = await figureOf('total', '');
    const { status, html } = await client.page('/statistics/figures');
    expect(status).toBe(200);
    expect(html).toContain(`action="/statistics/figures/${total.id}#figure-${total.id}"`);
    expect(html).toContain(`id="figure-${total.id}-value"`);
    expect(html).toContain('value="1751"');
    expect(html).toContain('International relationships — CLAIR, 1 June 2019');
    expect(html).toContain('<option value="kind:city" selected="">Cities</option>');
    expect(html).toContain('<option value="country:US" selected="">United States</option>');
    expect(html).toContain('The register on that day: 0; 1,751 fewer than published.');
    expect(html).toContain(`action="/statistics/figures/${total.id}/delete"`);
    expect(html).toContain('action="/statistics/figures#figure-new"');
    const ja = await client.page('/ja/statistics/figures');
    expect(ja.html).toContain('海外との提携（CLAIR、2019年6月1日）');
    expect(ja.html).toContain('海外に提携先がある市');
    expect(ja.html).toContain(`action="/ja/statistics/figures/${total.id}#figure-${total.id}"`);
    expect(ja.html).toContain('その日の登録簿：0。公表値より1,751少ない。');
  });

  it('adds a figure and comes back to it with a notice', async () => {
    const client = await clientOf(coordinator);
    await client.page('/statistics/figures');
    const { status, response } = await client.post('/statistics/figures', GOOD);
    expect(status).toBe(303);
    const added = await figureOf('country', 'CN');
    expect(added).toMatchObject({ publisher: 'CLAIR', published_on: '2021-03-01', value: 372 });
    expect(response.headers.get('location')).toBe(`/statistics/figures?done=added#figure-${added.id}`);
    const page = await client.page(response.headers.get('location')!);
    expect(page.html).toContain('The figure was added.');
    expect(page.html).toContain('China: relationships with Japan — CLAIR, 1 March 2021');
  });

  it('names each wrong field in the language of the page, keeps what was typed, and saves nothing', async () => {
    const client = await clientOf(coordinator);
    await client.page('/statistics/figures');
    const before = await figures();
    const typed = { publisher: '', publishedOn: '2019-02-30', counts: 'country:JP', value: '1.5 <b>', citation: '' };
    const english = await client.post('/statistics/figures', typed);
    expect(english.status).toBe(422);
    expect(english.html).toContain('The figure was not saved');
    for (const [field, message] of [
      ['publisher', 'Name who published the figure, such as CLAIR.'],
      ['publishedOn', 'Write the day as YYYY-MM-DD, a day of the calendar.'],
      ['counts', 'Relationships with Japan itself are domestic: choose a country abroad.'],
      ['value', 'Write the figure as a whole number, such as 1751 or 1,751.'],
      ['citation', 'Say where the figure was published, so that others can check it.'],
    ]) {
      expect(english.html).toContain(`<p class="field-error" id="figure-new-${field}-problem">${message}</p>`);
      expect(english.html).toContain(`<a href="#figure-new-${field}">${message}</a>`);
    }
    expect(english.html).toMatch(/id="figure-new-value"[^>]*aria-invalid="true"/);
    expect(english.html).toContain('value="1.5 &lt;b&gt;"');
    expect(english.html).toContain('value="2019-02-30"');
    const japanese = await client.post('/ja/statistics/figures', { ...typed, publishedOn: '2999-01-01', value: '-4' });
    expect(japanese.status).toBe(422);
    expect(japanese.html).toContain('公表元を書いてください（例：CLAIR）。');
    expect(japanese.html).toContain('基準日に未来の日付は使えません。');
    expect(japanese.html).toContain('数に負の値は使えません。');
    expect(await figures()).toEqual(before);
  });

  it('refuses a second figure of the publisher for the same thing on the same day, on the field of what it counts', async () => {
    const client = await clientOf(coordinator);
    await client.page('/statistics/figures');
    const before = await figures();
    const { status, html } = await client.post('/statistics/figures', { ...GOOD, value: '400' });
    expect(status).toBe(409);
    expect(html).toContain('id="figure-new-counts-problem">This publisher already has a figure for the same thing on the same day');
    expect(await figures()).toEqual(before);
  });

  it('corrects a figure, and shows a refused correction in that figure’s own form', async () => {
    const client = await clientOf(coordinator);
    await client.page('/statistics/figures');
    const us = await figureOf('country', 'US');
    const saved = await client.post(`/statistics/figures/${us.id}`, { publisher: 'CLAIR', publishedOn: '2018-05-01', counts: 'country:US', value: '452', citation: us.citation });
    expect(saved.status).toBe(303);
    expect(saved.response.headers.get('location')).toBe(`/statistics/figures?done=saved#figure-${us.id}`);
    expect((await figureOf('country', 'US')).value).toBe(452);

    const refused = await client.post(`/statistics/figures/${us.id}`, { publisher: 'CLAIR', publishedOn: '2018-05-01', counts: 'kind:hamlet', value: '452', citation: us.citation });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain(`id="figure-${us.id}-counts-problem">Choose a kind of local government from the list.`);
    expect(refused.html).not.toContain('id="figure-new-counts-problem"');
    expect((await figureOf('country', 'US')).value).toBe(452);
    expect((await client.post('/statistics/figures/999999', GOOD)).status).toBe(404);
  });

  it('deletes a figure, which the audit log keeps', async () => {
    const client = await clientOf(coordinator);
    await client.page('/ja/statistics/figures');
    const china = await figureOf('country', 'CN');
    const { status, response } = await client.post(`/ja/statistics/figures/${china.id}/delete`);
    expect(status).toBe(303);
    expect(response.headers.get('location')).toBe('/ja/statistics/figures?done=deleted');
    expect(await figureOf('country', 'CN')).toBeUndefined();
    const [audit] = await queryRows<{ action: string }>(database.db, sql`select action from audit_log where entity = 'published_figure' and entity_id = ${china.id} order by id desc limit 1`);
    expect(audit?.action).toBe('delete');
    expect((await client.page('/ja/statistics/figures?done=deleted')).html).toContain('数を削除しました。');
  });
});
