import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestAccount } from '../../../test/accounts.js';
import { signedInClient } from '../../../test/client.js';
import { openTestDatabase } from '../../../test/database.js';
import { queryRows, type Database } from '../../db/client.js';
import { MATCH_FACTORS } from '../../domain/matching.js';
import { createApp } from '../app.js';

let database: Database;
let ibara = 0;
let nagi = 0;
const app = () => createApp({ db: database.db });

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  const rows = await queryRows<{ id: number; jis_code: string }>(database.db, sql`select id, jis_code from local_governments where jis_code in ('332071', '336238')`);
  ibara = rows.find((row) => row.jis_code === '332071')!.id;
  nagi = rows.find((row) => row.jis_code === '336238')!.id;
});
afterAll(() => database.close());

type Report = { seeker: { id: number }; poolSize: number; weights: Record<string, number>; candidates: { rank: number; score: number; localGovernment: { id: number; country: string }; reasons: { factor: string; points: number; text: string }[] }[] };

describe('GET /api/match', () => {
  it('gives candidates with a score and reasons in words that add up to it', async () => {
    const response = await app().request(`/api/match?lg=${ibara}&limit=5`);
    expect(response.status).toBe(200);
    const report = (await response.json()) as Report;
    expect(report.seeker.id).toBe(ibara);
    expect(report.candidates.map((candidate) => candidate.rank)).toEqual([1, 2, 3, 4, 5]);
    for (const candidate of report.candidates) {
      expect(candidate.localGovernment.country).not.toBe('JP');
      expect(candidate.reasons.length).toBeGreaterThan(0);
      expect(Math.abs(candidate.reasons.reduce((sum, reason) => sum + reason.points, 0) - candidate.score)).toBeLessThan(0.5);
      expect(candidate.reasons.every((reason) => reason.text.length > 10)).toBe(true);
    }
    expect(report.candidates[0]!.reasons.map((reason) => reason.text)).toContain('In a region Ibara City asks for: English-speaking countries');
  });

  it('takes weights and the language of the reasons', async () => {
    const response = await app().request(`/api/match?lg=${nagi}&limit=3&lang=ja&w_population=10&w_desiredRegion=0`);
    const report = (await response.json()) as Report;
    expect(report.weights).toMatchObject({ population: 10, desiredRegion: 0, reciprocity: 10 });
    expect(report.candidates[0]!.reasons[0]!.text).toMatch(/^人口規模が近い：/);
    expect(report.candidates.flatMap((candidate) => candidate.reasons).some((reason) => reason.factor === 'desiredRegion')).toBe(false);
  });

  it.each([
    ['', 'lg', 'give the id of a local government'],
    ['lg=abc', 'lg', 'give the id of a local government'],
    ['lg=1496&w_population=11', 'w_population', 'write a number from 0 to 10'],
    ['lg=1496&w_population=-1', 'w_population', 'write a number from 0 to 10'],
    ['lg=1496&w_name=many', 'w_name', 'write a number from 0 to 10'],
    ['lg=1496&limit=500', 'limit', 'at most 100'],
    ['lg=1496&lang=fr', 'lang', 'give en or ja'],
    [`lg=1496&${MATCH_FACTORS.map((factor) => `w_${factor}=0`).join('&')}`, 'w_reciprocity', 'at least one weight must be above 0'],
  ])('refuses ?%s naming %s', async (query, field, message) => {
    const response = await app().request(`/api/match?${query}`);
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { problems: { field: string; message: string }[] } };
    expect(body.error.problems).toContainEqual({ field, message: expect.stringContaining(message) });
  });

  it('answers 404 for a local government that does not exist', async () => {
    expect((await app().request('/api/match?lg=999999999')).status).toBe(404);
  });

  it('is described in the OpenAPI document', async () => {
    const document = (await (await app().request('/api/openapi.json')).json()) as { paths: Record<string, { get?: { parameters: { name: string }[] } }> };
    const names = document.paths['/match']!.get!.parameters.map((parameter) => parameter.name);
    expect(names).toEqual(expect.arrayContaining(['lg', 'limit', 'lang', 'w_population', 'w_reciprocity', 'w_network']));
  });
});

describe('the matches page', () => {
  it('shows the candidates with their reasons and the weights, in English and Japanese', async () => {
    const en = await app().request(`/match?lg=${ibara}`);
    expect(en.status).toBe(200);
    const html = await en.text();
    expect(html).toContain('Partner candidates for Ibara City');
    expect(html).toContain('In a region Ibara City asks for: English-speaking countries');
    expect(html).toMatch(/<label for="w_population">Similar population<\/label>/);
    expect(html).toMatch(/<ol class="match-list">/);
    expect(html).not.toContain('Express interest');
    const ja = await (await app().request(`/ja/match?lg=${ibara}`)).text();
    expect(ja).toContain('井原市の提携候補');
    expect(ja).toContain('井原市の希望地域（英語圏）にあります');
  });

  it('ranks again with the weights given, and changes the order', async () => {
    const first = (html: string) => /<li class="match-candidate">[\s\S]*?<h2><a href="([^"]+)"/.exec(html)?.[1];
    const byDefault = await (await app().request(`/match?lg=${ibara}`)).text();
    const byName = await (await app().request(`/match?lg=${ibara}&w_name=10&w_population=0&w_desiredRegion=0`)).text();
    expect(byName).toMatch(/value="10"/);
    expect(first(byName)).not.toBe(first(byDefault));
  });

  it('keeps a bad weight in its box with the reason beside it, and ranks nothing', async () => {
    const response = await app().request(`/match?lg=${ibara}&w_population=lots`);
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('value="lots"');
    expect(html).toMatch(/id="w_population-problem">write a number from 0 to 10/);
    expect(html).not.toContain('match-candidate');
  });

  it('offers the officers of the LG to express interest', async () => {
    const officer = await createTestAccount(database.db, 'officer', [ibara]);
    const client = await signedInClient(app(), database.db, officer);
    const { html } = await client.page(`/match?lg=${ibara}`);
    expect(html).toMatch(new RegExp(`href="/introductions/new\\?from=${ibara}&amp;to=\\d+"`));
    const other = await client.page(`/match?lg=${nagi}`);
    expect(other.html).not.toContain('/introductions/new');
  });

  it('is linked from the page of the local government', async () => {
    const page = await (await app().request(`/lg/${ibara}-ibara-city`)).text();
    expect(page).toContain(`href="/match?lg=${ibara}"`);
  });
});
