import { describe, expect, it } from 'vitest';
import {
  bestCandidates,
  bestOfPrepared,
  preparePool,
  canPartner,
  DEFAULT_WEIGHTS,
  explain,
  latitudeSimilarity,
  MATCH_FACTORS,
  populationSimilarity,
  rankCandidates,
  shortlistFor,
  scoreOf,
  scorePool,
  seekerContext,
  sizeValue,
  weightsFrom,
  type MatchGraph,
  type MatchListing,
  type MatchPlace,
  type MatchSide,
  type MatchWeights,
} from './matching.js';
import { graphOf, place } from '../../test/matchGraph.js';


function listing(fields: Partial<MatchListing>): MatchListing {
  return { listingId: 1, wants: [], population: null, themes: new Set(), fields: new Set(), text: new Map(), ...fields };
}



const weightsOnly = (factor: keyof MatchWeights): MatchWeights => Object.fromEntries(MATCH_FACTORS.map((f) => [f, f === factor ? 1 : 0])) as MatchWeights;
const english = { code: 'language:eng', countries: new Set(['US', 'GB', 'AU']) };

// Okayama Prefecture (1), with Ibara City (2) and Kurashiki City (3) in it.
const okayama = place(1, { name: 'Okayama', country: 'JP', kind: 'prefecture', region: '1', regionLgId: 1, latitude: 34.65 });
const ibara = place(2, { name: 'Ibara', country: 'JP', region: '1', regionLgId: 1, population: 39_019, latitude: 34.6, longitude: 133.46 });
const kurashiki = place(3, { name: 'Kurashiki', country: 'JP', region: '1', regionLgId: 1, population: 474_000, latitude: 34.58, longitude: 133.72 });
// Niimi lies in the same prefecture, 42 km north of Ibara: no neighbour.
const niimi = place(4, { name: 'Niimi', country: 'JP', region: '1', regionLgId: 1, population: 27_000, latitude: 34.98, longitude: 133.47 });

describe('the measures', () => {
  it('compares populations by ratio, not difference, alike both ways', () => {
    expect(populationSimilarity(39_019, 39_019)).toBe(1);
    expect(populationSimilarity(35_000, 70_000)).toBeCloseTo(1 - Math.log(2) / Math.log(20), 9);
    expect(populationSimilarity(3_500_000, 7_000_000)).toBeCloseTo(populationSimilarity(35_000, 70_000), 9);
    expect(populationSimilarity(70_000, 35_000)).toBe(populationSimilarity(35_000, 70_000));
    expect(populationSimilarity(1_000, 20_000)).toBe(0);
    expect(populationSimilarity(1_000, 2_000_000)).toBe(0);
  });

  it('compares latitudes by distance from the equator', () => {
    expect(latitudeSimilarity(35, -35)).toBe(1);
    expect(latitudeSimilarity(35, 42.5)).toBeCloseTo(0.5, 9);
    expect(latitudeSimilarity(35, 60)).toBe(0);
  });
});

describe('the factors of a candidate', () => {
  const weights = DEFAULT_WEIGHTS;

  it('counts two listings that want each other as reciprocity, and one-sided wanting less', () => {
    const seeker: MatchSide = { place: ibara, listing: listing({ wants: [english] }) };
    const wantsJapan = listing({ wants: [{ code: 'country:JP', countries: new Set(['JP']) }] });
    const mutual: MatchSide = { place: place(10, { name: 'Fresno', country: 'US' }), listing: wantsJapan };
    const oneSided: MatchSide = { place: place(11, { name: 'Lyon', country: 'FR' }), listing: wantsJapan };
    const context = seekerContext(seeker, graphOf([ibara], []));
    const reciprocity = (side: MatchSide) => explain(context, side, weightsOnly('reciprocity'));
    expect(reciprocity(mutual).score).toBe(100);
    expect(reciprocity(mutual).parts[0]!.reasons).toEqual([{ factor: 'reciprocity', mutual: true, candidateWants: 'country:JP', seekerWants: 'language:eng' }]);
    expect(reciprocity(oneSided).score).toBeCloseTo(70, 9);
    expect(reciprocity(oneSided).parts[0]!.reasons[0]).toMatchObject({ mutual: false, seekerWants: null });
    expect(reciprocity({ place: oneSided.place, listing: null }).score).toBe(0);
  });

  it('names the desired region a candidate lies in, and says when it lies outside them', () => {
    const seeker: MatchSide = { place: ibara, listing: listing({ wants: [english] }) };
    const context = seekerContext(seeker, graphOf([ibara], []));
    expect(explain(context, { place: place(10, { name: 'Leeds', country: 'GB' }), listing: null }, weightsOnly('desiredRegion')).parts[0]).toMatchObject({
      points: 100,
      reasons: [{ factor: 'desiredRegion', code: 'language:eng', wanted: true }],
    });
    expect(explain(context, { place: place(11, { name: 'Lyon', country: 'FR' }), listing: null }, weightsOnly('desiredRegion')).parts[0]).toMatchObject({
      points: 0,
      reasons: [{ wanted: false, code: null }],
    });
  });

  it('prefers the population a listing gives to the gazetteer’s, and says both sizes', () => {
    const seeker: MatchSide = { place: { ...ibara, population: 10 }, listing: listing({ population: 39_019 }) };
    const context = seekerContext(seeker, graphOf([ibara], []));
    const part = explain(context, { place: place(10, { name: 'Sandpoint', country: 'US', population: 35_000 }), listing: null }, weightsOnly('population')).parts[0]!;
    expect(part.reasons).toEqual([{ factor: 'population', seeker: 39_019, candidate: 35_000 }]);
    expect(part.points).toBeCloseTo(100 * populationSimilarity(39_019, 35_000), 9);
    expect(explain(context, { place: place(11, { name: 'Nowhere', country: 'US' }), listing: null }, weightsOnly('population')).score).toBe(0);
  });

  it('lists the themes and fields both listings share', () => {
    const seeker: MatchSide = { place: ibara, listing: listing({ themes: new Set(['astronomy', 'denim']), fields: new Set(['education_youth', 'sport']) }) };
    const candidate: MatchSide = { place: place(10, { name: 'X', country: 'US' }), listing: listing({ themes: new Set(['denim', 'tea', 'astronomy']), fields: new Set(['sport']) }) };
    const context = seekerContext(seeker, graphOf([ibara], []));
    expect(explain(context, candidate, weightsOnly('themes')).parts[0]).toMatchObject({ points: 75, reasons: [{ factor: 'themes', themes: ['astronomy', 'denim'] }] });
    expect(explain(context, candidate, weightsOnly('fields')).parts[0]).toMatchObject({ points: 50, reasons: [{ factor: 'fields', fields: ['sport'] }] });
  });

  it('finds shared themes in the description of a place that has no listing', () => {
    const seeker: MatchSide = { place: ibara, listing: listing({ themes: new Set(['astronomy', 'denim']) }) };
    const described: MatchSide = { place: place(10, { name: 'Flagstaff', country: 'US', themes: new Set(['astronomy']) }), listing: null };
    const context = seekerContext(seeker, graphOf([ibara], []));
    expect(explain(context, described, weightsOnly('themes')).parts[0]).toMatchObject({ points: 50, reasons: [{ factor: 'themes', themes: ['astronomy'] }] });
    const scores = new Float64Array(1);
    scorePool(context, [described], weightsOnly('themes'), scores);
    expect(scores[0]).toBe(50);
  });

  it('scores texts by the cosine of their vectors, full at 0.4', () => {
    const seeker: MatchSide = { place: ibara, listing: listing({ text: new Map([['denim', 0.6], ['star', 0.8]]) }) };
    const alike: MatchSide = { place: place(10, { name: 'X', country: 'US' }), listing: listing({ text: new Map([['denim', 0.6], ['star', 0.8]]) }) };
    const apart: MatchSide = { place: place(11, { name: 'Y', country: 'US' }), listing: listing({ text: new Map([['tea', 1]]) }) };
    const context = seekerContext(seeker, graphOf([ibara], []));
    expect(explain(context, alike, weightsOnly('text')).parts[0]).toMatchObject({ points: 100, reasons: [{ factor: 'text', similarity: expect.closeTo(1, 9) }] });
    expect(explain(context, apart, weightsOnly('text')).score).toBe(0);
  });

  it('tells the same hemisphere from the opposite one, and similar latitudes', () => {
    const context = seekerContext({ place: ibara, listing: null }, graphOf([ibara], []));
    const north = explain(context, { place: place(10, { name: 'Modesto', country: 'US', latitude: 37.6 }), listing: null }, { ...weightsOnly('season'), latitude: 1 });
    expect(north.parts.map((part) => part.reasons[0])).toEqual([
      { factor: 'season', sameHemisphere: true, north: true },
      { factor: 'latitude', seeker: 34.6, candidate: 37.6 },
    ]);
    const south = explain(context, { place: place(11, { name: 'Adelaide', country: 'AU', latitude: -34.9 }), listing: null }, weightsOnly('season'));
    expect(south.score).toBe(0);
    expect(south.parts[0]!.reasons).toEqual([{ factor: 'season', sameHemisphere: false, north: true }]);
  });

  it('finds the same and similar names', () => {
    const context = seekerContext({ place: ibara, listing: null }, graphOf([ibara], []));
    const name = (candidate: string) => explain(context, { place: place(10, { name: candidate, country: 'ES' }), listing: null }, weightsOnly('name'));
    expect(name('Ibara').parts[0]!.reasons[0]).toMatchObject({ identical: true });
    expect(name('Ibarra').score).toBeGreaterThan(40);
    expect(name('Ibarra').parts[0]!.reasons[0]).toMatchObject({ identical: false, seekerId: 2, candidateId: 10 });
    expect(name('Toledo').score).toBe(0);
  });

  it('reads the network: shared partners, the prefecture’s partners, neighbours’ partners and ties between regions', () => {
    // Ibara is twinned with Sandpoint (10); Okayama Prefecture with Kansas City (11, Kansas);
    // Kurashiki with Wichita (12, Kansas) and Topeka (13, Kansas).
    const sandpoint = place(10, { name: 'Sandpoint', country: 'US', region: 'US|ID' });
    const kansasCity = place(11, { name: 'Kansas City', country: 'US', region: 'US|KS' });
    const wichita = place(12, { name: 'Wichita', country: 'US', region: 'US|KS' });
    const topeka = place(13, { name: 'Topeka', country: 'US', region: 'US|KS' });
    const candidate = place(20, { name: 'Lawrence', country: 'US', region: 'US|KS' });
    const places = [okayama, ibara, kurashiki, sandpoint, kansasCity, wichita, topeka, candidate];
    const graph = graphOf(places, [
      [2, 10],
      [1, 11],
      [3, 12],
      [3, 13],
      [20, 10],
      [20, 11],
      [20, 3],
    ]);
    const context = seekerContext({ place: ibara, listing: null }, graph);
    const network = explain(context, { place: candidate, listing: null }, weightsOnly('network')).parts[0]!;
    expect(network.reasons).toEqual([
      { factor: 'network', kind: 'sharedPartner', partner: 10 },
      { factor: 'network', kind: 'regionPartner', region: 1, partner: 11 },
      { factor: 'network', kind: 'neighbourTwinned', neighbour: 3, km: expect.closeTo(23.9, 1) },
      // Okayama–Kansas City, Kurashiki–Wichita, –Topeka and –Lawrence; Ibara–Sandpoint is Idaho's.
      { factor: 'network', kind: 'regionTies', count: 4, member: 1, partner: 11 },
    ]);
    expect(network.points).toBeGreaterThan(90);
    const stranger = place(30, { name: 'Salem', country: 'US', region: 'US|OR' });
    expect(explain(context, { place: stranger, listing: null }, weightsOnly('network')).score).toBe(0);
  });

  it('calls a neighbour only an LG close by, and one elsewhere in the prefecture no more than that', () => {
    const eugene = place(10, { name: 'Eugene', country: 'US', region: 'US|OR' });
    const bend = place(11, { name: 'Bend', country: 'US', region: 'US|OR' });
    const graph = graphOf([okayama, ibara, kurashiki, niimi, eugene, bend], [[3, 10], [4, 11]]);
    const context = seekerContext({ place: ibara, listing: null }, graph);
    const network = (candidate: MatchPlace) => explain(context, { place: candidate, listing: null }, weightsOnly('network')).parts[0]!;
    expect(network(eugene).reasons).toContainEqual({ factor: 'network', kind: 'neighbourTwinned', neighbour: 3, km: expect.closeTo(23.9, 1) });
    expect(network(bend).reasons).toContainEqual({ factor: 'network', kind: 'regionTwinned', member: 4 });
    expect(network(bend).reasons.some((reason) => reason.factor === 'network' && reason.kind === 'neighbourTwinned')).toBe(false);
    expect(network(eugene).points).toBeGreaterThan(network(bend).points);
  });

  it('counts the ties a candidate has, those with the seeker’s country, and its size', () => {
    const portland = place(10, { name: 'Portland', country: 'US', population: 650_000 });
    const salem = place(11, { name: 'Salem', country: 'US', population: 175_000 });
    const graph = graphOf([ibara, kurashiki, niimi, portland, salem, place(20, { name: 'Guadalajara', country: 'MX' })], [[10, 3], [10, 4], [10, 20]]);
    const context = seekerContext({ place: ibara, listing: null }, graph);
    const part = (candidate: MatchPlace, factor: keyof MatchWeights) => explain(context, { place: candidate, listing: null }, weightsOnly(factor)).parts[0];
    expect(part(portland, 'popularity')).toMatchObject({ points: expect.closeTo(100 * (0.5 + 0.5 * (3 / 7)), 9), reasons: [{ factor: 'popularity', ties: 3 }] });
    expect(part(salem, 'popularity')).toBeUndefined();
    expect(part(portland, 'countryTies')).toMatchObject({ points: expect.closeTo((100 * 2) / 3, 9), reasons: [{ factor: 'countryTies', country: 'JP', count: 2, example: 3 }] });
    expect(part(salem, 'countryTies')).toBeUndefined();
    expect(part(portland, 'size')!.points).toBeCloseTo(100 * sizeValue(650_000), 9);
    expect(sizeValue(1_000)).toBe(0);
    expect(sizeValue(100_000)).toBe(0.5);
    expect(sizeValue(20_000_000)).toBe(1);
  });

  it('proposes only places that could be a party: a village small places, a prefecture regions and large cities, never a ward', () => {
    const village = place(5, { name: 'Nishiawakura', country: 'JP', kind: 'village' });
    const prefecture = okayama;
    const town = place(10, { name: 'Sandpoint', country: 'US', population: 9_000 });
    const city = place(11, { name: 'Seattle', country: 'US', population: 750_000 });
    const state = place(12, { name: 'Washington', country: 'US', kind: 'state' });
    const ward = place(13, { name: 'Naka', country: 'JP', kind: 'ward' });
    expect([town, city, state].map((candidate) => canPartner(village, candidate))).toEqual([true, false, false]);
    expect([town, city, state].map((candidate) => canPartner(ibara, candidate))).toEqual([true, true, false]);
    expect([town, city, state].map((candidate) => canPartner(prefecture, candidate))).toEqual([false, true, true]);
    expect(canPartner(ibara, kurashiki)).toBe(false);
    expect(canPartner(city, ward)).toBe(false);
    expect(canPartner(city, ibara)).toBe(true);
  });

  it('counts a candidate with no partner in the seeker’s country yet', () => {
    const fresh = place(10, { name: 'Fresno', country: 'US' });
    const twinned = place(11, { name: 'Modesto', country: 'US' });
    const graph = graphOf([ibara, kurashiki, fresh, twinned], [[11, 3]]);
    const context = seekerContext({ place: ibara, listing: null }, graph);
    expect(explain(context, { place: fresh, listing: null }, weightsOnly('newToCountry')).parts[0]!.reasons).toEqual([{ factor: 'newToCountry', country: 'JP' }]);
    expect(explain(context, { place: twinned, listing: null }, weightsOnly('newToCountry')).score).toBe(0);
  });
});

describe('scores and rankings', () => {
  const seeker: MatchSide = { place: ibara, listing: listing({ wants: [english], population: 39_019, themes: new Set(['denim']) }) };
  const big: MatchSide = { place: place(10, { name: 'Los Angeles', country: 'US', population: 3_900_000, latitude: 34 }), listing: listing({ themes: new Set(['denim']) }) };
  const small: MatchSide = { place: place(11, { name: 'Sandpoint', country: 'US', population: 38_000, latitude: 48 }), listing: null };
  const context = seekerContext(seeker, graphOf([ibara], []));

  it('adds up the points of the parts to the score, on a scale of 100', () => {
    const explained = explain(context, big, DEFAULT_WEIGHTS);
    expect(explained.score).toBeCloseTo(scoreOf(context, big, DEFAULT_WEIGHTS), 9);
    expect(explained.parts.reduce((sum, part) => sum + part.points, 0)).toBeCloseTo(explained.score, 9);
    expect(explained.score).toBeGreaterThan(0);
    expect(explained.score).toBeLessThanOrEqual(100);
    expect(explained.parts.map((part) => part.points)).toEqual([...explained.parts.map((part) => part.points)].sort((a, b) => b - a));
  });

  it('scores a whole pool as it scores each candidate', () => {
    const scores = new Float64Array(2);
    scorePool(context, [big, small], DEFAULT_WEIGHTS, scores);
    expect([...scores]).toEqual([scoreOf(context, big, DEFAULT_WEIGHTS), scoreOf(context, small, DEFAULT_WEIGHTS)]);
  });

  it('takes the registry’s weights from fitted coefficients, in their proportions, the largest at 4', () => {
    const weights = weightsFrom({ population: 2, latitude: 0, season: 0, network: 1, popularity: 3, countryTies: 0.5, countryLinks: 0, regionLinks: 0, size: 0, newToCountry: 0 });
    expect(weights).toMatchObject({ popularity: 4, population: 2.7, network: 1.3, countryTies: 0.7, size: 0, reciprocity: 10, desiredRegion: 6 });
  });

  it('shows no more than three of one state among the first while another scores nearly as well', () => {
    const sized = (id: number, region: string, population: number): MatchSide => ({ place: place(id, { name: `Town ${id}`, country: 'US', region, population }), listing: null });
    // Five Californian towns of Ibara's size, and an Oregonian one a little larger.
    const pool = [...[20, 21, 22, 23, 24].map((id) => sized(id, 'US|CA', 39_000 + id)), sized(30, 'US|OR', 40_500)];
    const ranked = rankCandidates(seekerContext({ place: ibara, listing: null }, graphOf([ibara], [])), pool, weightsOnly('population'), 5);
    expect(ranked.map((candidate) => candidate.id)).toEqual([20, 21, 22, 30, 23]);
    // Far below, it waits its turn.
    const far = rankCandidates(seekerContext({ place: ibara, listing: null }, graphOf([ibara], [])), [...pool.slice(0, 5), sized(31, 'US|OR', 400_000)], weightsOnly('population'), 5);
    expect(far.map((candidate) => candidate.id)).toEqual([20, 21, 22, 23, 24]);
  });

  it('leaves out a factor weighted 0', () => {
    const explained = explain(context, big, { ...DEFAULT_WEIGHTS, themes: 0 });
    expect(explained.parts.some((part) => part.factor === 'themes')).toBe(false);
  });

  it('ranks by score, and a change of weight changes the order', () => {
    const bySize = rankCandidates(context, [big, small], { ...weightsOnly('population'), themes: 0.1 }, 10);
    expect(bySize.map((candidate) => candidate.id)).toEqual([11, 10]);
    const byThemes = rankCandidates(context, [big, small], { ...weightsOnly('population'), themes: 10 }, 10);
    expect(byThemes.map((candidate) => candidate.id)).toEqual([10, 11]);
    expect(rankCandidates(context, [big, small], DEFAULT_WEIGHTS, 1)).toHaveLength(1);
  });

  it('ranks the best of each slice, slice after slice, as one pass ranks them all, equal scores in the pool’s order', () => {
    // Four populations among sixty places: many equal scores.
    const pool: MatchSide[] = Array.from({ length: 60 }, (_, i) => ({
      place: place(100 + i, { name: `Town ${i}`, country: 'US', population: [38_000, 40_000, 120_000, 1_000_000][(i * 7) % 4]! }),
      listing: null,
    }));
    const weights = weightsOnly('population');
    const slices = Array.from({ length: Math.ceil(pool.length / 7) }, (_, i) => pool.slice(i * 7, i * 7 + 7));
    const finalists = slices.flatMap((slice) => bestCandidates(context, slice, weights, shortlistFor(5)));
    expect(rankCandidates(context, finalists, weights, 5)).toEqual(rankCandidates(context, pool, weights, 5));
  });
});

describe('bestOfPrepared', () => {
  // A country of 300 places of every size, some twinned with a few Japanese LGs, some with a listing.
  const japanese = Array.from({ length: 12 }, (_, i) =>
    place(i + 1, { name: `Machi ${i}`, country: 'JP', region: String(1 + (i % 3)), regionLgId: null, population: 5_000 * (i + 1) ** 2, latitude: 33 + i / 3, longitude: 133 + i / 4 }),
  );
  const abroad = Array.from({ length: 300 }, (_, i) =>
    place(100 + i, {
      name: `Town ${i}`,
      country: i % 3 === 0 ? 'US' : 'FR',
      region: i % 3 === 0 ? `US|${i % 7}` : `FR|${i % 5}`,
      population: 500 + ((i * 7919) % 400_000),
      latitude: 30 + (i % 25),
      longitude: -100 + i,
      themes: i % 40 === 0 ? new Set(['stars']) : null,
    }),
  );
  const ties: [number, number][] = abroad.filter((_, i) => i % 11 === 0).map((other, i) => [japanese[i % 12]!.id, other.id]);
  ties.push([abroad[5]!.id, abroad[6]!.id], [abroad[5]!.id, abroad[9]!.id]);
  const graph = graphOf([...japanese, ...abroad], ties);
  const pool: MatchSide[] = abroad.map((other, i) => ({ place: other, listing: i % 50 === 7 ? listing({ wants: [{ code: 'country:JP', countries: new Set(['JP']) }] }) : null }));

  it('finds the same best candidates as scoring the whole pool, for every seeker of the country, leaving out partners', () => {
    const prepared = preparePool(seekerContext({ place: japanese[0]!, listing: null }, graph), pool, DEFAULT_WEIGHTS);
    for (const seeker of japanese) {
      const context = seekerContext({ place: seeker, listing: seeker.id === 3 ? listing({ wants: [english] }) : null }, graph);
      const partners = graph.partnersOf(seeker.id);
      const expected = bestCandidates(context, pool.filter((side) => !partners.has(side.place.id)), DEFAULT_WEIGHTS, 12).map((side) => side.place.id);
      expect(bestOfPrepared(context, prepared, DEFAULT_WEIGHTS, 12, partners).map((side) => side.place.id), seeker.name).toEqual(expected);
    }
  });

  it('serves seekers of its own country only', () => {
    const prepared = preparePool(seekerContext({ place: japanese[0]!, listing: null }, graph), pool, DEFAULT_WEIGHTS);
    expect(() => bestOfPrepared(seekerContext({ place: abroad[0]!, listing: null }, graph), prepared, DEFAULT_WEIGHTS, 3, new Set())).toThrow(RangeError);
  });
});
