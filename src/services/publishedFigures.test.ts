import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestAccount, OPERATOR, type TestAccount } from '../../test/accounts.js';
import { openTestDatabase } from '../../test/database.js';
import { refusal } from '../../test/refusal.js';
import { queryRows, type Database } from '../db/client.js';
import { PUBLIC } from '../domain/authorization.js';
import {
  createPublishedFigure,
  deletePublishedFigure,
  FigureError,
  listPublishedFigures,
  loadPublishedFigureSeeds,
  updatePublishedFigure,
  type PublishedFigureInput,
} from './publishedFigures.js';
import { createRelationship, today } from './registry.js';
import { japanStatistics } from './stats.js';

let database: Database;
let coordinator: TestAccount;
let administrator: TestAccount;
let officer: TestAccount;

const auditOf = (id: number) =>
  queryRows<{ action: string; actor: string; before: { value: number } | null; after: { value: number } | null }>(
    database.db,
    sql`select action, actor, before, after from audit_log where entity = 'published_figure' and entity_id = ${id} order by id`,
  );
const count = async () => (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from published_figures`))[0]!.n;

const FRANCE: PublishedFigureInput = {
  publisher: 'CLAIR',
  publishedOn: '2020-04-01',
  scope: 'country',
  subject: 'fr',
  value: '1,234',
  citation: 'A test citation, https://example.org/figures',
};

/** The codes of a FigureError by field. */
async function problems(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = await refusal(promise);
  expect(error).toBeInstanceOf(FigureError);
  return Object.fromEntries((error as FigureError).reasons.map((reason) => [reason.field, reason.code]));
}

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  const [ibara] = await queryRows<{ id: number }>(database.db, sql`select id from local_governments where jis_code = '332071'`);
  coordinator = await createTestAccount(database.db, 'coordinator');
  administrator = await createTestAccount(database.db, 'administrator');
  officer = await createTestAccount(database.db, 'officer', [ibara!.id]);
});
afterAll(() => database.close());

describe('the first published figures', () => {
  it('are in the template once, CLAIR’s counts of 2019 and the United States’ of 2018, each cited', async () => {
    const figures = await listPublishedFigures(database.db);
    const of = (scope: string, subject: string) => figures.find((figure) => figure.scope === scope && figure.subject === subject);
    expect(of('total', '')).toMatchObject({ publisher: 'CLAIR', publishedOn: '2019-06-01', value: 1751 });
    expect(of('country', 'US')).toMatchObject({ publishedOn: '2018-05-01', value: 451 });
    expect([of('kind', 'prefecture'), of('kind', 'city'), of('kind', 'special_ward'), of('kind', 'town'), of('kind', 'village')].map((figure) => figure?.value)).toEqual([
      43, 567, 21, 214, 36,
    ]);
    for (const figure of figures) expect(figure.citation.length).toBeGreaterThan(20);
    // The latest day first, the total before the kinds, the kinds in the order the statistics show them.
    expect(figures.slice(0, 6).map((figure) => figure.subject)).toEqual(['', 'prefecture', 'city', 'special_ward', 'town', 'village']);
  });

  it('are never loaded again, even after one was deleted', async () => {
    expect(await loadPublishedFigureSeeds(database.db)).toBe(0);
  });
});

describe('createPublishedFigure', () => {
  it('adds a figure, reading the number as people type it and the country in capitals, and audits it', async () => {
    const figure = await createPublishedFigure(database.db, coordinator.actor, FRANCE);
    expect(figure).toMatchObject({ publisher: 'CLAIR', publishedOn: '2020-04-01', scope: 'country', subject: 'FR', value: 1234 });
    const audit = await auditOf(figure.id);
    expect(audit).toEqual([expect.objectContaining({ action: 'create', actor: coordinator.email, before: null, after: expect.objectContaining({ value: 1234 }) })]);
  });

  it('refuses the same publisher’s second figure for the same thing on the same day', async () => {
    const error = await refusal(createPublishedFigure(database.db, administrator.actor, { ...FRANCE, value: 1 }));
    expect(error.status).toBe(409);
    expect((error as FigureError).reasons).toEqual([{ field: 'scope', code: 'figure-taken' }]);
  });

  it('names the problem of every wrong field at once, and stores nothing', async () => {
    const before = await count();
    expect(
      await problems(
        createPublishedFigure(database.db, coordinator.actor, { publisher: '  ', publishedOn: '2019-02-30', scope: 'kind', subject: 'hamlet', value: '12.5', citation: '' }),
      ),
    ).toEqual({ publisher: 'publisher-required', publishedOn: 'published-on-not-a-day', subject: 'kind-unknown', value: 'value-not-whole', citation: 'citation-required' });
    expect(await count()).toBe(before);
  });

  it.each([
    [{ publishedOn: '' }, { publishedOn: 'published-on-required' }],
    [{ publishedOn: '1899-12-31' }, { publishedOn: 'published-on-too-early' }],
    [{ publishedOn: '2999-01-01' }, { publishedOn: 'published-on-future' }],
    [{ scope: 'region' }, { scope: 'scope-unknown' }],
    [{ subject: 'JP' }, { subject: 'country-japan' }],
    [{ subject: 'XX' }, { subject: 'country-unknown' }],
    [{ value: '' }, { value: 'value-required' }],
    [{ value: '-3' }, { value: 'value-negative' }],
    [{ value: '2,000,000' }, { value: 'value-too-large' }],
    [{ value: 'many' }, { value: 'value-not-whole' }],
    [{ publisher: 'x'.repeat(101) }, { publisher: 'publisher-too-long' }],
    [{ citation: 'x'.repeat(1001) }, { citation: 'citation-too-long' }],
  ])('refuses %j', async (change, expected) => {
    expect(await problems(createPublishedFigure(database.db, coordinator.actor, { ...FRANCE, publishedOn: '2021-01-01', ...change } as PublishedFigureInput))).toEqual(expected);
  });

  it('reads full-width digits and takes no subject for the total', async () => {
    const figure = await createPublishedFigure(database.db, coordinator.actor, { ...FRANCE, publisher: 'Test ministry', scope: 'total', subject: 'FR', value: '１，７００' });
    expect(figure).toMatchObject({ scope: 'total', subject: '', value: 1700 });
  });

  it('is refused to the public and to officers, before the input is read', async () => {
    expect((await refusal(createPublishedFigure(database.db, PUBLIC, FRANCE))).status).toBe(401);
    expect((await refusal(createPublishedFigure(database.db, officer.actor, { ...FRANCE, value: 'many' }))).status).toBe(403);
  });
});

describe('updatePublishedFigure and deletePublishedFigure', () => {
  it('corrects a figure, keeping before and after in the audit log', async () => {
    const figure = await createPublishedFigure(database.db, coordinator.actor, { ...FRANCE, publishedOn: '2020-05-01' });
    const corrected = await updatePublishedFigure(database.db, administrator.actor, figure.id, { ...FRANCE, publishedOn: '2020-05-01', value: 1240 });
    expect(corrected.value).toBe(1240);
    expect(Date.parse(corrected.updatedAt)).toBeGreaterThanOrEqual(Date.parse(figure.updatedAt));
    const audit = await auditOf(figure.id);
    expect(audit.at(-1)).toMatchObject({ action: 'update', actor: administrator.email, before: { value: 1234 }, after: { value: 1240 } });
  });

  it('refuses a correction that would make it another figure of the same day, and one with a wrong field', async () => {
    const figure = await createPublishedFigure(database.db, coordinator.actor, { ...FRANCE, publishedOn: '2020-06-01' });
    expect((await refusal(updatePublishedFigure(database.db, coordinator.actor, figure.id, FRANCE))).status).toBe(409);
    expect(await problems(updatePublishedFigure(database.db, coordinator.actor, figure.id, { ...FRANCE, value: '' }))).toEqual({ value: 'value-required' });
    expect((await listPublishedFigures(database.db)).find((one) => one.id === figure.id)?.publishedOn).toBe('2020-06-01');
  });

  it('deletes a figure and audits what it said; an unknown one is not found', async () => {
    const figure = await createPublishedFigure(database.db, coordinator.actor, { ...FRANCE, publishedOn: '2020-07-01' });
    await deletePublishedFigure(database.db, coordinator.actor, figure.id);
    expect((await listPublishedFigures(database.db)).some((one) => one.id === figure.id)).toBe(false);
    expect((await auditOf(figure.id)).at(-1)).toMatchObject({ action: 'delete', before: { value: 1234 }, after: null });
    expect((await refusal(deletePublishedFigure(database.db, coordinator.actor, figure.id))).status).toBe(404);
    expect((await refusal(updatePublishedFigure(database.db, coordinator.actor, figure.id, FRANCE))).status).toBe(404);
  });

  it('is refused to officers', async () => {
    const [figure] = await listPublishedFigures(database.db);
    expect((await refusal(deletePublishedFigure(database.db, officer.actor, figure!.id))).status).toBe(403);
    expect((await refusal(updatePublishedFigure(database.db, officer.actor, figure!.id, FRANCE))).status).toBe(403);
  });
});

describe('published figures in the statistics', () => {
  it('sets each figure beside the register’s own for its day, counting undated relationships only as the most the register could hold', async () => {
    const [nagasaki] = await queryRows<{ id: number }>(database.db, sql`select id from local_governments where jis_code = '422011'`);
    const [paris] = await queryRows<{ id: number }>(database.db, sql`select id from local_governments where country = 'FR' order by population desc nulls last limit 1`);
    const [lyon] = await queryRows<{ id: number }>(database.db, sql`select id from local_governments where country = 'FR' order by population desc nulls last offset 1 limit 1`);
    await createRelationship(database.db, { localGovernmentIds: [nagasaki!.id, paris!.id], label: 'published test', signedOn: '2000-05' }, OPERATOR);
    await createRelationship(database.db, { localGovernmentIds: [nagasaki!.id, lyon!.id], label: 'published test undated' }, OPERATOR);
    const stats = await japanStatistics(database.db);
    const france = stats.published.find((figure) => figure.scope === 'country' && figure.subject === 'FR' && figure.publishedOn === '2020-04-01')!;
    expect(france.register).toEqual({ inForce: 1, withUndated: 2, difference: { inForce: -1233, withUndated: -1232 }, verdict: 'fewer' });
    const total = stats.published.find((figure) => figure.scope === 'total' && figure.publisher === 'CLAIR')!;
    expect(total).toMatchObject({ publishedOn: '2019-06-01', value: 1751, citation: expect.stringContaining('Eldridge') });
    expect(total.register.inForce).toBeLessThan(total.register.withUndated);
    // Today the undated relationship is counted: its record was made today.
    expect(stats.byCountry.find((row) => row.country === 'FR')).toMatchObject({ count: 2, undated: 1 });
    expect(stats.asOf).toBe(today());
  });
});
