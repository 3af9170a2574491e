import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openTestDatabase } from '../../test/database.js';
import type { Database } from '../db/client.js';
import { KizunaError } from '../errors.js';
import { searchLocalGovernments } from './search.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
});
afterAll(() => database.close());

const first = async (q: string, country?: string) => (await searchLocalGovernments(database.db, { q, country, limit: 5 }))[0];

describe('search', () => {
  it.each(['井原市', '井原', 'いばら', 'Ibara', 'ibara', 'Ibara-shi', 'Ibara City', 'IBARA CITY'])('finds Ibara City first for %s', async (q) => {
    const top = await first(q);
    expect(top?.jisCode).toBe('332071');
    expect(top?.url).toMatch(/^\/lg\/\d+-ibara-city$/);
  });

  it.each(['Ōsaka', 'Oosaka', 'Osaka', 'osaka', 'おおさか', '大阪'])('puts Osaka City and Osaka Prefecture first for %s', async (q) => {
    const results = await searchLocalGovernments(database.db, { q, limit: 5 });
    expect(new Set(results.slice(0, 2).map((lg) => lg.jisCode))).toEqual(new Set(['271004', '270008']));
  });

  it.each(['Bérat', 'Berat'])('finds Berat and Bérat with or without the accent: %s', async (q) => {
    const results = await searchLocalGovernments(database.db, { q, limit: 5 });
    expect(results.slice(0, 2).map((lg) => lg.country).sort()).toEqual(['AL', 'FR']);
  });

  it('forgives a typo and prefers Glasgow, Scotland to Glasgow, Kentucky', async () => {
    const results = await searchLocalGovernments(database.db, { q: 'Glasgo', limit: 5 });
    expect(results[0]?.name.en).toBe('Glasgow');
    expect(results[0]?.country).toBe('GB');
    expect(results.some((lg) => lg.country === 'US')).toBe(true);
  });

  it('finds states and provinces, first among places of their name, in English and in Japanese kanji', async () => {
    expect(await first('Oregon')).toMatchObject({ kind: 'state', country: 'US', name: expect.objectContaining({ en: 'Oregon' }) });
    expect(await first('遼寧省')).toMatchObject({ kind: 'province', country: 'CN', name: expect.objectContaining({ en: 'Liaoning' }) });
    const states = await searchLocalGovernments(database.db, { q: 'Washington', kind: 'state' });
    expect(states.map((lg) => `${lg.name.en} ${lg.country}`)).toEqual(['Washington US']);
  });

  it('narrows by country and kind', async () => {
    const us = await searchLocalGovernments(database.db, { q: 'Glasgow', country: 'US', limit: 10 });
    expect(us.length).toBeGreaterThan(1);
    expect(us.every((lg) => lg.country === 'US')).toBe(true);
    const prefectures = await searchLocalGovernments(database.db, { q: 'Okayama', kind: 'prefecture' });
    expect(prefectures[0]?.jisCode).toBe('330001');
    expect(prefectures.every((lg) => lg.kind === 'prefecture')).toBe(true);
  });

  it('answers with the fields the API promises', async () => {
    const top = await first('Ibara');
    expect(top).toMatchObject({ name: { en: 'Ibara City', ja: '井原市' }, kind: 'city', country: 'JP', jisCode: '332071' });
    expect(top?.geonamesId).toBe(1862034);
    expect(top?.population).toBeGreaterThan(0);
  });

  it('treats SQL and wildcard characters as plain text', async () => {
    expect(await searchLocalGovernments(database.db, { q: "'; drop table local_governments; --" })).toEqual([]);
    const percent = await searchLocalGovernments(database.db, { q: '%' }).catch((error: unknown) => error);
    expect(percent).toBeInstanceOf(KizunaError);
    expect(await first('Glasgow')).toBeDefined();
  });

  it('refuses a query with no letters', async () => {
    await expect(searchLocalGovernments(database.db, { q: ' - ' })).rejects.toMatchObject({ id: 'validation_failed' });
  });
});
