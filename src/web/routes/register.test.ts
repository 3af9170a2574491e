import { sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestAccount, type TestAccount } from '../../../test/accounts.js';
import { signedInClient, TestClient } from '../../../test/client.js';
import { openTestDatabase } from '../../../test/database.js';
import { queryRows, type Database } from '../../db/client.js';
import { createApp } from '../app.js';

let database: Database;
let coordinator: TestAccount;
let officer: TestAccount;

const app = () => createApp({ db: database.db });
const SHEET = '都道府県,自治体名,国名,州・省名,提携先自治体名,提携日,提携名称\n長崎県,長崎市,アメリカ合衆国,ミネソタ州,セントポール市,昭和30年12月7日,姉妹都市\n長崎県,長崎市,ドイツ,,ミュンヘン市,平成31年5月1日,姉妹都市\n';
const relationshipCount = async () => (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from relationships`))[0]!.n;

/** Sends the import form with a file, as a browser does. */
async function upload(client: TestClient, bytes: Uint8Array, fileName: string, dryRun: boolean): Promise<{ status: number; html: string }> {
  const form = new FormData();
  form.append('_csrf', client.csrf);
  form.append('sheet', new File([bytes as Uint8Array<ArrayBuffer>], fileName, { type: 'text/csv' }));
  if (dryRun) form.append('dryRun', '1');
  const response = await client.request('/registry/import', { method: 'POST', body: form });
  return { status: response.status, html: await response.text() };
}

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  const [ibara] = await queryRows<{ id: number }>(database.db, sql`select id from local_governments where jis_code = '332071'`);
  coordinator = await createTestAccount(database.db, 'coordinator');
  officer = await createTestAccount(database.db, 'officer', [ibara!.id]);
});
afterAll(() => database.close());

describe('the register import page', () => {
  it('sends the public to sign in and refuses officers', async () => {
    const visitor = new TestClient(app());
    const page = await visitor.request('/registry/import');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/sign-in?next=%2Fregistry%2Fimport');
    const refused = await (await signedInClient(app(), database.db, officer)).page('/registry/import');
    expect(refused.status).toBe(403);
  });

  it('shows a dry run row by row, refused rows first with their column and reason, writing nothing', async () => {
    const client = await signedInClient(app(), database.db, coordinator);
    const form = await client.page('/ja/registry/import');
    expect(form.html).toContain('提携一覧表の取り込み');
    const before = await relationshipCount();
    const { status, html } = await upload(client, iconv.encode(SHEET, 'Shift_JIS'), 'list.csv', true);
    expect(status).toBe(200);
    expect(html).toContain('CSV (shift_jis)');
    expect(html).toMatch(/<td class="number">3<\/td><td class="nowrap">refused<\/td><td lang="ja" class="nowrap">提携日<\/td><td><span lang="en">[^<]*Heisei/);
    expect(html).toContain('This was a dry run');
    expect(await relationshipCount()).toBe(before);
  });

  it('imports for real when the box is unticked', async () => {
    const client = await signedInClient(app(), database.db, coordinator);
    await client.page('/registry/import');
    const before = await relationshipCount();
    const { status, html } = await upload(client, new TextEncoder().encode(SHEET), 'list.csv', false);
    expect(status).toBe(200);
    expect(html).toContain('The sheet was imported in one transaction.');
    expect(await relationshipCount()).toBe(before + 1);
  });

  it('refuses a file that is no register, saying which column is missing, and keeps the form', async () => {
    const client = await signedInClient(app(), database.db, coordinator);
    await client.page('/registry/import');
    const { status, html } = await upload(client, new TextEncoder().encode('name,country\nGlasgow,GB\n'), 'other.csv', false);
    expect(status).toBe(422);
    expect(html).toContain('The sheet was not read');
    expect(html).toContain('自治体名');
    expect(html).toContain('name="sheet"');
  });

  it('refuses the form without its CSRF token', async () => {
    const client = await signedInClient(app(), database.db, coordinator);
    await client.page('/registry/import');
    client.csrf = 'wrong';
    const before = await relationshipCount();
    const { status } = await upload(client, new TextEncoder().encode(SHEET), 'list.csv', false);
    expect(status).toBe(403);
    expect(await relationshipCount()).toBe(before);
  });
});

describe('the register as a sheet', () => {
  it('is offered on the statistics page, and its import only to those who may', async () => {
    const publicPage = await (await app().request('/statistics')).text();
    expect(publicPage).toContain('href="/registry/register.xlsx"');
    expect(publicPage).not.toContain('href="/registry/import"');
    const staff = await (await signedInClient(app(), database.db, coordinator)).page('/ja/statistics');
    expect(staff.html).toContain('href="/ja/registry/import"');
  });

  it('gives every relationship of Japan in CLAIR’s columns, in UTF-8 with a BOM, in Shift_JIS and as XLSX', async () => {
    const csv = await app().request('/registry/register.csv');
    expect(csv.status).toBe(200);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('都道府県,自治体名,国名,州・省名,提携先自治体名,提携日,提携名称,備考');
    expect(text).toContain('長崎県,長崎市,アメリカ合衆国,ミネソタ州,セントポール,昭和30年12月7日,姉妹都市');
    const sjis = await app().request('/registry/register.csv?encoding=shift_jis');
    expect(iconv.decode(Buffer.from(await sjis.arrayBuffer()), 'Shift_JIS')).toContain('長崎市');
    const xlsx = await app().request('/registry/register.xlsx');
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect([...new Uint8Array(await xlsx.arrayBuffer()).slice(0, 2)]).toEqual([0x50, 0x4b]);
  });
});
