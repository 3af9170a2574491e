import { refusal } from '../../test/refusal.js';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestAccount, OPERATOR } from '../../test/accounts.js';
import { openTestDatabase } from '../../test/database.js';
import { queryRows, type Database } from '../db/client.js';
import { PUBLIC } from '../domain/authorization.js';
import { DEFAULT_WEIGHTS, MATCH_FACTORS, type MatchWeights } from '../domain/matching.js';
import { matchReport } from '../i18n/matchReasons.js';
import { ListingInput } from './inputs.js';
import { createListing, takeListingStep } from './listings.js';
import { matchCandidates, type MatchResult } from './matching.js';
import { createRelationship } from './registry.js';

let database: Database;
const lg = { ibara: 0, okayama: 0, kurashiki: 0, ujitawara: 0, nagi: 0, sapporo: 0 };
/** Places of the gazetteer in Kansas and elsewhere in the US. */
const us = { wichita: 0, topeka: 0, lawrence: 0, salina: 0, boise: 0 };

const rows = <Row>(statement: ReturnType<typeof sql>) => queryRows<Row>(database.db, statement);
const idOf = async (name: string, country: string, admin1?: string) => {
  const [row] = await rows<{ id: number }>(
    sql`select id from local_governments where name_en = ${name} and country = ${country} ${admin1 ? sql`and admin1 = ${admin1}` : sql``} order by population desc nulls last limit 1`,
  );
  return row!.id;
};
const tie = (a: number, b: number) => createRelationship(database.db, { localGovernmentIds: [a, b], label: 'sister city', signedOn: '1990' }, OPERATOR);
const weights = (changes: Partial<MatchWeights> = {}) => ({ ...DEFAULT_WEIGHTS, ...changes });
const ids = (result: MatchResult) => result.candidates.map((candidate) => candidate.localGovernment.id);
const candidate = (result: MatchResult, id: number) => result.candidates.find((item) => item.localGovernment.id === id);

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  const found = await rows<{ id: number; jis_code: string }>(
    sql`select id, jis_code from local_governments where jis_code in ('332071', '330001', '332020', '263443', '336238', '011002')`,
  );
  const byCode = (code: string) => found.find((row) => row.jis_code === code)!.id;
  Object.assign(lg, { ibara: byCode('332071'), okayama: byCode('330001'), kurashiki: byCode('332020'), ujitawara: byCode('263443'), nagi: byCode('336238'), sapporo: byCode('011002') });
  Object.assign(us, {
    wichita: await idOf('Wichita', 'US', 'KS'),
    topeka: await idOf('Topeka', 'US', 'KS'),
    lawrence: await idOf('Lawrence', 'US', 'KS'),
    salina: await idOf('Salina', 'US', 'KS'),
    boise: await idOf('Boise', 'US', 'ID'),
  });
});
afterAll(() => database.close());

describe('matchmaking over the registry', () => {
  it('ranks the gazetteer’s places of the countries a listing wants, best first, each score the sum of its parts', async () => {
    const result = await matchCandidates(database.db, PUBLIC, lg.ibara, { weights: weights(), limit: 20 });
    expect(result.seeker.id).toBe(lg.ibara);
    expect(result.seekerListing).toMatchObject({ status: 'published' });
    // Ibara wants English-speaking countries: thousands of American, British, Australian… places.
    expect(result.poolSize).toBeGreaterThan(20_000);
    expect(result.candidates).toHaveLength(20);
    const scores = result.candidates.map((item) => item.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const item of result.candidates) {
      expect(item.localGovernment.country).not.toBe('JP');
      expect(item.parts.reduce((sum, part) => sum + part.points, 0)).toBeCloseTo(item.score, 6);
      expect(item.parts.some((part) => part.factor === 'desiredRegion' && part.points > 0)).toBe(true);
    }
  });

  it('puts a listing abroad that wants Japan first, for both listings want each other, and says so in words', async () => {
    const officer = await createTestAccount(database.db, 'officer', [us.salina]);
    const listing = await createListing(
      database.db,
      officer.actor,
      us.salina,
      ListingInput.parse({
        population: 46_000,
        populationAsOf: '2020',
        areaKm2: 67,
        fields: ['education_youth'],
        outline: { en: 'Salina is a prairie city with a dark-sky observatory, denim makers and a university campus.', ja: '' },
        characteristics: { en: 'A Japanese town that loves stars and denim.', ja: '' },
        pr: { en: 'Stargazing\nOur observatory opens every Friday night.', ja: '' },
        contact: { name: 'City Manager', email: 'manager@salina.example.org', phone: '' },
      }),
    );
    await takeListingStep(database.db, officer.actor, listing.id, 'submit');
    await takeListingStep(database.db, OPERATOR, listing.id, 'publish');

    const result = await matchCandidates(database.db, PUBLIC, lg.ibara, { weights: weights(), limit: 5 });
    expect(ids(result)[0]).toBe(us.salina);
    const salina = candidate(result, us.salina)!;
    expect(salina.listing).toEqual({ id: listing.id, url: `/listings/${listing.id}` });
    const reasons = matchReport('en', result).candidates[0]!.reasons.map((reason) => reason.text);
    expect(reasons).toContain('Both are looking: Salina asks for Japan, and Ibara City asks for English-speaking countries');
    expect(reasons.find((text) => text.startsWith('Both mention'))).toMatch(/stars and astronomy/);
    expect(reasons.find((text) => text.startsWith('Both mention'))).toMatch(/denim/);
    expect(reasons).toContain('Similar size: 39,019 and 46,000 inhabitants');
    const ja = matchReport('ja', result).candidates[0]!.reasons.map((reason) => reason.text);
    expect(ja).toContain('人口規模が近い：39,019人と46,000人');

    // Salina, seeking Japan, finds Ibara among its candidates, all of them Japanese.
    const back = await matchCandidates(database.db, PUBLIC, us.salina, { weights: weights(), limit: 5 });
    expect(ids(back)[0]).toBe(lg.ibara);
    expect(back.candidates.every((item) => item.localGovernment.country === 'JP')).toBe(true);
    expect(back.poolSize).toBeGreaterThan(1_700);
  });

  it('reads the network, leaves out present partners and sees new ties at once', async () => {
    const before = await matchCandidates(database.db, PUBLIC, lg.ibara, { weights: weights({ network: 10 }), limit: 100 });
    expect(candidate(before, us.wichita)?.parts.some((part) => part.factor === 'network')).toBeFalsy();

    // Okayama Prefecture is twinned with Topeka, Kansas; Kurashiki with Lawrence; Topeka with Wichita.
    await tie(lg.okayama, us.topeka);
    await tie(lg.kurashiki, us.lawrence);
    await tie(us.topeka, us.wichita);
    await tie(lg.ibara, us.boise);
    const after = await matchCandidates(database.db, PUBLIC, lg.ibara, { weights: weights({ network: 10 }), limit: 100 });
    expect(ids(after)).not.toContain(us.boise);
    const wichita = matchReport('en', after).candidates.find((item) => item.localGovernment.id === us.wichita)!;
    const network = wichita.reasons.find((reason) => reason.factor === 'network')!.text;
    expect(network).toContain('Already twinned with Topeka, a partner of Okayama Prefecture');
    expect(network).toMatch(/ties already link the two regions/);
    const lawrence = matchReport('en', after).candidates.find((item) => item.localGovernment.id === us.lawrence)!;
    expect(lawrence.reasons.find((reason) => reason.factor === 'network')!.text).toMatch(/Already twinned with Kurashiki City, \d+ km from Ibara City/);
  });

  it('changes the order when a weight changes', async () => {
    const bySize = await matchCandidates(database.db, PUBLIC, lg.ibara, { weights: Object.fromEntries(MATCH_FACTORS.map((f) => [f, f === 'population' ? 1 : 0])) as MatchWeights, limit: 10 });
    const byName = await matchCandidates(database.db, PUBLIC, lg.ibara, { weights: Object.fromEntries(MATCH_FACTORS.map((f) => [f, f === 'name' ? 1 : 0])) as MatchWeights, limit: 10 });
    expect(ids(bySize)).not.toEqual(ids(byName));
    expect(bySize.candidates.every((item) => item.parts.every((part) => part.factor === 'population'))).toBe(true);
  });

  it('uses an open listing only for those who may see it', async () => {
    const officer = await createTestAccount(database.db, 'officer', [lg.sapporo]);
    await createListing(database.db, officer.actor, lg.sapporo, ListingInput.parse({ desiredRegions: ['country:FR'] }));
    const own = await matchCandidates(database.db, officer.actor, lg.sapporo, { weights: weights(), limit: 5 });
    expect(own.seekerListing).toMatchObject({ status: 'draft' });
    const outsider = await matchCandidates(database.db, PUBLIC, lg.sapporo, { weights: weights(), limit: 5 });
    expect(outsider.seekerListing).toBeNull();
    // Without a listing the pool is the same, every place abroad that could be a party, and France no nearer the top.
    expect(outsider.poolSize).toBe(own.poolSize);
    expect(outsider.candidates.filter((item) => item.localGovernment.country === 'FR').length).toBeLessThan(own.candidates.filter((item) => item.localGovernment.country === 'FR').length);
  });

  it('lets listings that want each other meet: ski towns abroad for a Japanese ski village, the English-speaking one first', async () => {
    const [hakuba, nozawa] = (await Promise.all(['204854', '205630'].map((code) => rows<{ id: number }>(sql`select id from local_governments where jis_code = ${code}`)))).map(([row]) => row!.id) as [number, number];
    const aspen = await idOf('Aspen', 'US', 'CO');
    const bariloche = await idOf('San Carlos de Bariloche', 'AR');
    const publish = async (lgId: number, fields: Record<string, unknown>) => {
      const officer = await createTestAccount(database.db, 'officer', [lgId]);
      const listing = await createListing(
        database.db,
        officer.actor,
        lgId,
        ListingInput.parse({ population: 9_000, populationAsOf: '2020', areaKm2: 100, characteristics: { en: 'A partner for exchanges of young people.', ja: '' }, contact: { name: 'Exchange desk', email: `desk${lgId}@example.org`, phone: '' }, ...fields }),
      );
      await takeListingStep(database.db, officer.actor, listing.id, 'submit');
      await takeListingStep(database.db, OPERATOR, listing.id, 'publish');
    };
    await publish(hakuba, { desiredRegions: ['language:eng'], outline: { en: 'A mountain village of ski slopes and snowboarding, with powder snow all winter.', ja: '' } });
    await publish(nozawa, { desiredRegions: ['country:AR'], outline: { en: 'A hot-spring village whose skiing began a century ago.', ja: '' } });
    await publish(aspen, { outline: { en: 'A mountain town known for skiing and snowboarding.', ja: '' } });
    await publish(bariloche, { outline: { en: 'A rural lakeside town in Patagonia: skiing in winter, rafting on its rivers in summer.', ja: '' } });

    const forHakuba = ids(await matchCandidates(database.db, PUBLIC, hakuba, { weights: weights(), limit: 10 }));
    expect(forHakuba[0]).toBe(aspen);
    expect(forHakuba).toContain(bariloche);
    // Bariloche, seeking Japan: the village that wants Argentina first, then the ski village that wants English-speaking partners.
    const forBariloche = ids(await matchCandidates(database.db, PUBLIC, bariloche, { weights: weights(), limit: 10 }));
    expect(forBariloche[0]).toBe(nozawa);
    expect(forBariloche).toContain(hakuba);
    expect(forBariloche.indexOf(hakuba)).toBeGreaterThan(0);
  });

  it('refuses a local government that does not exist', async () => {
    expect((await refusal(matchCandidates(database.db, PUBLIC, 999_999_999, { weights: weights(), limit: 5 }))).id).toBe('not_found');
  });
});
