import { sql } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OPERATOR } from '../../test/accounts.js';
import { openTestDatabase } from '../../test/database.js';
import { queryRows, type Database } from '../db/client.js';
import { yearsBefore } from '../domain/vitality.js';
import { recordExchange } from '../services/exchanges.js';
import { createRelationship, today } from '../services/registry.js';
import type { Strategy } from '../services/strategy.js';
import { newWorkbook } from '../workbooks.js';
import { createApp } from './app.js';
import { costlyWorkOf } from './fairUse.js';

/**
 * The strategy page, its lists and the API on a register built here: Ibara City with two partners,
 * both American; Okayama Prefecture with Kansas (a state); Kagawa Prefecture with Dalian (a city);
 * Glasgow, Edinburgh and every other great city abroad without a Japanese partner.
 */

let database: Database;
const app = () => createApp({ db: database.db });
const get = async (path: string) => {
  const response = await app().request(path);
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type') ?? '' };
};
const api = async (query = '') => {
  const response = await get(`/api/strategy${query}`);
  expect(response.status, response.text).toBe(200);
  return JSON.parse(response.text) as Strategy;
};

const lg = { ibara: 0, okayama: 0, kagawa: 0, kurashiki: 0, kansas: 0, topeka: 0, wichita: 0, dalian: 0, glasgow: 0, edinburgh: 0, kiel: 0 };
/** The year after this one, whose anniversaries a report lists. */
const comingYear = Number(today().slice(0, 4)) + 1;

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  const japanese = await queryRows<{ id: number; jis_code: string }>(database.db, sql`select id, jis_code from local_governments where jis_code in ('332071', '330001', '370002', '332020')`);
  const byCode = (code: string) => japanese.find((row) => row.jis_code.trim() === code)!.id;
  const abroad = async (name: string, country: string, kind?: string) => {
    const [row] = await queryRows<{ id: number }>(
      database.db,
      sql`select id from local_governments where name_en = ${name} and country = ${country} ${kind ? sql`and kind = ${kind}` : sql``} order by population desc nulls last limit 1`,
    );
    return row!.id;
  };
  Object.assign(lg, {
    ibara: byCode('332071'),
    okayama: byCode('330001'),
    kagawa: byCode('370002'),
    kurashiki: byCode('332020'),
    kansas: await abroad('Kansas', 'US', 'state'),
    topeka: await abroad('Topeka', 'US'),
    wichita: await abroad('Wichita', 'US'),
    dalian: await abroad('Dalian', 'CN'),
    glasgow: await abroad('Glasgow', 'GB'),
    edinburgh: await abroad('Edinburgh', 'GB'),
    kiel: await abroad('Kiel', 'DE'),
  });
  const relate = (a: number, b: number, signedOn?: string) =>
    createRelationship(database.db, { localGovernmentIds: [a, b], label: 'sister city', ...(signedOn ? { signedOn } : {}) }, OPERATOR, today(), 'entry');
  await relate(lg.ibara, lg.topeka, '1990-04-01');
  await relate(lg.ibara, lg.wichita, '2001-10-01');
  await relate(lg.okayama, lg.kansas, '1998-05-01');
  await relate(lg.kagawa, lg.dalian, '2005-01-01');
  await relate(lg.glasgow, lg.dalian, '1986-01-01');
  // Ten years old in the coming year.
  await relate(lg.kurashiki, lg.kiel, `${comingYear - 10}-06-01`);
}, 120_000);
afterAll(() => database.close());

describe('GET /api/strategy', () => {
  it('counts LGs with and without a partner abroad, nationally, by kind and by prefecture', async () => {
    const strategy = await api();
    expect(strategy.coverage.national.withPartner).toBe(4);
    expect(strategy.coverage.byKind.find((row) => row.kind === 'prefecture')).toMatchObject({ total: 47, withPartner: 2 });
    const okayama = strategy.coverage.byPrefecture.find((row) => row.prefecture.jisCode === '330001')!;
    expect(okayama).toMatchObject({ withPartner: 3 });
    expect(okayama.prefecture.url).toBe('/strategy/prefectures/330001');
    expect(strategy.withoutPartner.map((row) => row.id)).not.toContain(lg.ibara);
    expect(strategy.withoutPartner[0]!.population).toBeGreaterThan(strategy.withoutPartner[100]!.population ?? 0);
  });

  it('finds the prefecture whose only partner abroad is a city, not the one twinned with a state', async () => {
    const { regionalPartners } = await api();
    expect(regionalPartners.find((row) => row.prefecture.jisCode === '370002')).toMatchObject({ regionalPartners: 0, partnersAbroad: 1 });
    expect(regionalPartners.find((row) => row.prefecture.jisCode === '330001')).toMatchObject({ regionalPartners: 1, partnersAbroad: 1 });
  });

  it('lists Glasgow and Edinburgh among the great cities without a Japanese partner, with their ties elsewhere, not Dalian', async () => {
    const { greatCities } = await api('?country=GB');
    const names = greatCities.withoutJapanesePartner.map((city) => city.name.en);
    expect(names).toEqual(expect.arrayContaining(['Glasgow', 'Edinburgh']));
    expect(greatCities.withoutJapanesePartner.find((city) => city.id === lg.glasgow)!.tiesAbroad).toEqual([{ country: 'CN', count: 1 }]);
    expect(greatCities.withoutJapanesePartner.find((city) => city.id === lg.edinburgh)!.capital).toBe('region');
    expect(greatCities.filter).toEqual({ country: 'GB', continent: null });
    const asia = await api('?continent=AS');
    expect(asia.greatCities.withoutJapanesePartner.map((city) => city.id)).not.toContain(lg.dalian);
    expect(asia.greatCities.withJapanesePartner).toBe(1);
  });

  it('sets countries against Japan, says no exchange log exists, and spreads partners against the target', async () => {
    const strategy = await api('?targetMin=2&targetMax=3');
    expect(strategy.countries.find((row) => row.country === 'US')).toMatchObject({ withJapan: 3, elsewhere: 0 });
    expect(strategy.countries.find((row) => row.country === 'CN')).toMatchObject({ withJapan: 1, elsewhere: 1 });
    expect(strategy.nameOnly).toEqual({ available: false });
    expect(strategy.spread.target).toEqual({ min: 2, max: 3 });
    expect(strategy.spread.within).toBe(1);
    expect(strategy.spread.oneCountry.map((row) => row.id)).toEqual([lg.ibara]);
  });

  it('counts only the relationships in force on the day asked for', async () => {
    const strategy = await api('?asOf=1995-01-01');
    expect(strategy.coverage.national.withPartner).toBe(1);
    expect(strategy.spread.oneCountry).toEqual([]);
  });

  it('refuses a day in the future, a bad target or continent (422) and a country that does not exist (404), each said precisely', async () => {
    const future = await get('/api/strategy?asOf=2999-01-01');
    expect(future.status).toBe(422);
    expect(JSON.parse(future.text).error.message).toBe('asOf: must not be in the future');
    const target = await get('/api/strategy?targetMin=9&targetMax=3');
    expect(target.status).toBe(422);
    expect(JSON.parse(target.text).error.message).toBe('targetMax: the lower end of the target must not be above its upper end');
    expect((await get('/api/strategy?continent=XX')).status).toBe(422);
    const country = await get('/api/strategy?country=XX');
    expect(country.status).toBe(404);
    expect(JSON.parse(country.text).error).toMatchObject({ id: 'not_found', message: 'Country XX does not exist.' });
  });
});

describe('the strategy page', () => {
  it('shows every part, explained, in English and Japanese, with the strategy in the navigation', async () => {
    const english = await get('/strategy');
    expect(english.status).toBe(200);
    for (const heading of ['Local governments without a partner abroad', 'Prefectures without a partner at their level', 'Great cities abroad without a Japanese partner', 'Countries Japan hardly reaches', 'Relationships in name only', 'How many partners each local government has']) {
      expect(english.text).toContain(heading);
    }
    expect(english.text).toContain('No exchange has been recorded in the register yet');
    expect(english.text).toContain('How this is computed');
    expect(english.text).toMatch(/<a href="\/strategy" aria-current="page">Strategy<\/a>/);
    const japanese = await get('/ja/strategy');
    expect(japanese.status).toBe(200);
    expect(japanese.text).toContain('海外に提携先のない自治体');
    expect(japanese.text).toContain('登録簿にはまだ交流が一件も記録されていないため');
    expect(japanese.text).toMatch(/<a href="\/ja\/strategy" aria-current="page">戦略<\/a>/);
  });

  it('links each count to the list behind it, and the list holds what the count says', async () => {
    const { text } = await get('/strategy');
    const kagawa = /<a href="(\/strategy\/local-governments\?prefecture=370002&amp;minPartners=1)">(\d+)<\/a>/.exec(text)!;
    expect(kagawa[2]).toBe('1');
    const list = await get(kagawa[1]!.replace(/&amp;/g, '&'));
    expect(list.status).toBe(200);
    expect(list.text).toContain('1 local government, the most populous first.');
    expect(list.text).toContain('Kagawa Prefecture');
    const ja = await get('/ja/strategy/local-governments?oneCountry=1');
    expect(ja.text).toContain('1団体（人口の多い順）。');
    expect(ja.text).toContain('井原市');
  });

  it('offers each table as CSV, the list behind a figure too', async () => {
    const cities = await get('/strategy/cities.csv?country=GB');
    expect(cities.type).toContain('text/csv');
    const [header, ...rows] = parse(cities.text, { bom: true }) as string[][];
    expect(header).toEqual(['Rank', 'City', 'Country', 'Continent', 'Population', 'Capital', 'Partners in other countries']);
    expect(rows.find((row) => row[1] === 'Glasgow')).toEqual([expect.any(String), 'Glasgow', 'United Kingdom', 'Europe', expect.any(String), '', 'China 1']);
    const spread = parse((await get('/ja/strategy/spread.csv')).text, { bom: true }) as string[][];
    expect(spread[0]).toEqual(['海外の提携先の数', '自治体の数', '目標との比較']);
    const list = parse((await get('/strategy/local-governments.csv?oneCountry=1')).text, { bom: true }) as string[][];
    expect(list.slice(1).map((row) => row[0])).toEqual(['Ibara City']);
    expect((await get('/strategy/nothing.csv')).status).toBe(404);
  });

  it('refuses bad input with a precise message in the page’s language', async () => {
    const future = await get('/strategy?asOf=2999-01-01');
    expect(future.status).toBe(422);
    expect(future.text).toContain(`from 1900-01-01 to today (${today()})`);
    const japanese = await get('/ja/strategy?continent=XX');
    expect(japanese.status).toBe(422);
    expect(japanese.text).toContain('大陸コードXXはありません');
    expect((await get('/strategy?country=XX')).status).toBe(404);
    expect((await get('/strategy/local-governments?prefecture=990001')).status).toBe(404);
    const kind = await get('/strategy/local-governments?kind=county');
    expect(kind.status).toBe(422);
    expect(kind.text).toContain('There is no kind county of Japanese local government');
  });
});

describe('a prefecture’s report', () => {
  it('shows coverage against Japan and its region, its LGs without a partner with proposals, and says what it cannot know, in both languages', async () => {
    const english = await get('/strategy/prefectures/370002');
    expect(english.status).toBe(200);
    expect(english.text).toContain('Kagawa Prefecture: strategy report');
    expect(english.text).toContain('that of each other prefecture of its region (Shikoku)');
    for (const neighbour of ['Tokushima Prefecture', 'Ehime Prefecture', 'Kōchi Prefecture']) expect(english.text).toContain(neighbour);
    expect(english.text).toContain('The prefecture has no partner at its level');
    expect(english.text).toContain('Takamatsu City');
    expect(english.text).toMatch(/<a href="\/match\?lg=\d+">[^<]+ \([^)]+, [\d.]+\)/);
    expect(english.text).toContain('Great cities abroad that fit this prefecture');
    expect(english.text).toContain('No exchange has been recorded in the register yet');
    expect(english.text).toContain(`Anniversaries in ${comingYear}`);
    const japanese = await get('/ja/strategy/prefectures/370002');
    expect(japanese.status).toBe(200);
    expect(japanese.text).toContain('香川県：戦略レポート');
    expect(japanese.text).toContain('四国');
    expect(japanese.text).toMatch(/<a href="\/ja\/match\?lg=\d+">[^<（]+（[^、]+、[\d.]+点）/);
  }, 120_000);

  it('lists the anniversaries of the coming year', async () => {
    const { text } = await get('/strategy/prefectures/330001');
    const section = text.slice(text.indexOf('id="report-anniversaries"'));
    expect(section.slice(0, section.indexOf('</section>'))).toMatch(/>10<\/td>.*Kurashiki City.*Kiel.*Germany/);
    expect((await get('/strategy/prefectures/370002')).text).toContain(`No relationship of this prefecture turns 1, 3, 5, 10, 15… years old in ${comingYear}.`);
  }, 120_000);

  it('is an XLSX workbook of four sheets', async () => {
    const response = await app().request('/strategy/prefectures/370002.xlsx');
    expect(response.status).toBe(200);
    const workbook = newWorkbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Coverage',
      'Without a partner abroad',
      'Great cities',
      `Anniversaries in ${comingYear}`,
    ]);
    expect(workbook.worksheets[0]!.getRow(2).getCell(1).value).toBe('Kagawa Prefecture');
  }, 120_000);

  it('is found by the prefecture’s number or name, and refuses one that does not exist or a day to come', async () => {
    const byNumber = await app().request('/ja/strategy/prefectures/37?asOf=2020-01-01');
    expect(byNumber.status).toBe(301);
    expect(byNumber.headers.get('location')).toBe('/ja/strategy/prefectures/370002?asOf=2020-01-01');
    expect((await app().request('/strategy/prefectures/kagawa')).headers.get('location')).toBe('/strategy/prefectures/370002');
    const missing = await get('/strategy/prefectures/990001');
    expect(missing.status).toBe(404);
    expect((await get('/strategy/prefectures/atlantis')).status).toBe(404);
    const future = await get('/ja/strategy/prefectures/370002?asOf=2999-01-01');
    expect(future.status).toBe(422);
    expect(future.text).toContain('日付はYYYY-MM-DDの形で');
  });
});

describe('fair use of the strategy', () => {
  it('counts a report as matchmaking, another day’s figures as statistics, and today’s as nothing the cache does not keep', () => {
    const none = () => false;
    const asOf = (parameter: string) => parameter === 'asOf';
    expect(costlyWorkOf('/strategy/prefectures/330001', none)).toBe('match');
    expect(costlyWorkOf('/ja/strategy/prefectures/330001.xlsx', none)).toBe('match');
    expect(costlyWorkOf('/strategy', asOf)).toBe('statistics');
    expect(costlyWorkOf('/api/strategy', asOf)).toBe('statistics');
    expect(costlyWorkOf('/ja/strategy/local-governments', asOf)).toBe('statistics');
    expect(costlyWorkOf('/strategy/cities.csv', none)).toBe('export');
    for (const path of ['/strategy', '/api/strategy', '/strategy/local-governments']) expect(costlyWorkOf(path, none), path).toBeUndefined();
  });
});

describe('relationships in name only, once exchanges are recorded', () => {
  it('lists a relationship whose last exchange is over ten years old and the LG whose every tie abroad is such, never one with no exchange recorded', async () => {
    const ties = await queryRows<{ id: number; first_id: number; second_id: number }>(database.db, sql`select id, first_id, second_id from relationships`);
    const between = (a: number, b: number) => ties.find((tie) => (tie.first_id === a && tie.second_id === b) || (tie.first_id === b && tie.second_id === a))!.id;
    const exchange = { endedOn: null, kind: 'culture_arts' as const, direction: 'mutual' as const, visitorId: null, participants: 8, description: { en: 'An exhibition.', ja: '' }, links: [] };
    await recordExchange(database.db, OPERATOR, between(lg.kagawa, lg.dalian), { ...exchange, startedOn: '2008-05-01' });
    await recordExchange(database.db, OPERATOR, between(lg.okayama, lg.kansas), { ...exchange, startedOn: yearsBefore(today(), 1) });
    const { nameOnly } = await api();
    expect(nameOnly.available).toBe(true);
    if (!nameOnly.available) return;
    // Ibara's ties, never given an exchange, are undocumented rather than dormant.
    expect(nameOnly.relationships.map((relationship) => relationship.id)).toEqual([between(lg.kagawa, lg.dalian)]);
    expect(nameOnly.localGovernments.map((unit) => unit.id)).toEqual([lg.kagawa]);
    const page = await get('/strategy');
    expect(page.text).not.toContain('No exchange has been recorded in the register yet');
    expect(page.text).toContain('1 relationship in force shows no exchange for years.');
  });
});
