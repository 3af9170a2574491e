import { describe, expect, it } from 'vitest';
import {
  countriesAgainstJapan,
  coverageGaps,
  greatCities,
  isGreatCity,
  partnerSpread,
  partnersAbroad,
  partnersShort,
  regionalPartners,
  quietTies,
  regionOf,
  type PlaceAbroad,
  type StrategyUnit,
  type Tie,
} from './strategy.js';

/**
 * A small register where every answer is known: two prefectures, Okayama (1) with a sister state
 * and Kagawa (10) without one; Ibara City (2) with partners only in the United States; a town (3)
 * with none; a village (4) with one partner; a Northern Territories village (5) out of coverage.
 * Abroad: Kansas (100, a state), Topeka (101), Glasgow (102, a city of a million without a Japanese
 * partner, twinned with Dalian), Dalian (103), Edinburgh (104, a capital of its region), Busan (105).
 */
const units: StrategyUnit[] = [
  { id: 1, kind: 'prefecture', inCoverage: true, prefectureId: 1, population: 1_880_000 },
  { id: 2, kind: 'city', inCoverage: true, prefectureId: 1, population: 38_000 },
  { id: 3, kind: 'town', inCoverage: true, prefectureId: 1, population: 12_000 },
  { id: 4, kind: 'village', inCoverage: true, prefectureId: 1, population: 900 },
  { id: 5, kind: 'village', inCoverage: false, prefectureId: 1, population: null },
  { id: 10, kind: 'prefecture', inCoverage: true, prefectureId: 10, population: 950_000 },
  { id: 11, kind: 'city', inCoverage: true, prefectureId: 10, population: 420_000 },
];
const places: PlaceAbroad[] = [
  { id: 100, country: 'US', kind: 'state', population: 2_900_000, capital: null },
  { id: 101, country: 'US', kind: 'municipality', population: 126_000, capital: 'region' },
  { id: 102, country: 'GB', kind: 'municipality', population: 1_000_000, capital: null },
  { id: 103, country: 'CN', kind: 'municipality', population: 6_000_000, capital: null },
  { id: 104, country: 'GB', kind: 'municipality', population: 506_000, capital: 'region' },
  { id: 105, country: 'KR', kind: 'municipality', population: 3_400_000, capital: null },
  { id: 106, country: 'US', kind: 'municipality', population: 30_000, capital: null },
];
let nextId = 1;
const tie = (firstId: number, firstCountry: string, secondId: number, secondCountry: string): Tie => ({ id: nextId++, firstId, firstCountry, secondId, secondCountry });
const ties: Tie[] = [
  tie(1, 'JP', 100, 'US'), // Okayama – Kansas: a sister state
  tie(2, 'JP', 101, 'US'), // Ibara – Topeka
  tie(2, 'JP', 106, 'US'), // Ibara – a small American town: all Ibara's ties in one country
  tie(4, 'JP', 105, 'KR'), // the village – Busan
  tie(10, 'JP', 103, 'CN'), // Kagawa – Dalian, a city: no state partner
  tie(102, 'GB', 103, 'CN'), // Glasgow – Dalian
  tie(2, 'JP', 3, 'JP'), // domestic: never counted
  tie(103, 'CN', 105, 'KR'),
];
const partners = partnersAbroad(ties);
const placeById = new Map(places.map((place) => [place.id, place]));

describe('coverageGaps', () => {
  const gaps = coverageGaps(units, partners);

  it('finds every LG without a partner abroad, the most populous first, leaving out those out of coverage', () => {
    expect(gaps.withoutPartner.map((unit) => unit.id)).toEqual([11, 3]);
  });

  it('counts coverage by prefecture, kind and nationally, a domestic tie giving no partner', () => {
    expect(gaps.byPrefecture).toEqual([
      { prefectureId: 1, total: 4, withPartner: 3, coverage: 0.75 },
      { prefectureId: 10, total: 2, withPartner: 1, coverage: 0.5 },
    ]);
    expect(gaps.national).toEqual({ total: 6, withPartner: 4, coverage: 0.6667 });
    expect(gaps.byKind.find((row) => row.kind === 'town')).toEqual({ kind: 'town', total: 1, withPartner: 0, coverage: 0 });
    expect(gaps.byKind.find((row) => row.kind === 'village')).toEqual({ kind: 'village', total: 1, withPartner: 1, coverage: 1 });
  });
});

describe('regionalPartners', () => {
  it('finds a prefecture whose partners abroad are all cities, with how many it has', () => {
    expect(regionalPartners(units, placeById, partners)).toEqual([
      { prefectureId: 1, regionalPartners: 1, partnersAbroad: 1 },
      { prefectureId: 10, regionalPartners: 0, partnersAbroad: 1 },
    ]);
  });
});

describe('greatCities', () => {
  const cities = greatCities(places, ties);

  it('counts a city of a million, a regional capital of 100,000 or more and a country’s capital, not a small town', () => {
    expect(cities.map((city) => city.id)).toEqual([103, 105, 100, 102, 104, 101]);
    expect(isGreatCity({ id: 1, country: 'TV', kind: 'municipality', population: 600, capital: 'country' })).toBe(true);
    expect(isGreatCity({ id: 1, country: 'US', kind: 'municipality', population: 90_000, capital: 'region' })).toBe(false);
  });

  it('sees at once a city of a million without a Japanese partner and its ties elsewhere', () => {
    const glasgow = cities.find((city) => city.id === 102)!;
    expect(glasgow.japaneseTies).toBe(0);
    expect(glasgow.tiesAbroad).toEqual([{ country: 'CN', count: 1 }]);
    const dalian = cities.find((city) => city.id === 103)!;
    expect(dalian.japaneseTies).toBe(1);
    expect(dalian.tiesAbroad).toEqual([
      { country: 'GB', count: 1 },
      { country: 'KR', count: 1 },
    ]);
    expect(cities.filter((city) => city.japaneseTies === 0).map((city) => city.id)).toEqual([102, 104]);
  });
});

describe('countriesAgainstJapan', () => {
  const rows = countriesAgainstJapan(
    ties,
    new Map([
      ['US', 330_000_000],
      ['GB', 67_000_000],
      ['CN', 1_400_000_000],
      ['KR', 51_000_000],
      ['JP', 125_000_000],
      ['BV', null],
    ]),
  );

  it('sets ties with Japan against population and ties elsewhere, the least represented first, uninhabited and Japan left out', () => {
    expect(rows.map((row) => row.country)).toEqual(['GB', 'CN', 'US', 'KR']);
    expect(rows[0]).toEqual({ country: 'GB', population: 67_000_000, withJapan: 0, elsewhere: 1, japanShare: 0, withJapanPerTenMillion: 0 });
    expect(rows.find((row) => row.country === 'CN')).toMatchObject({ withJapan: 1, elsewhere: 2, japanShare: 0.3333 });
    expect(rows.find((row) => row.country === 'US')).toMatchObject({ withJapan: 3, elsewhere: 0, japanShare: 1 });
    expect(rows.find((row) => row.country === 'US')!.withJapanPerTenMillion).toBeCloseTo(0.0909, 4);
  });
});

describe('quietTies', () => {
  it('says nothing where no exchange log exists, rather than guess', () => {
    expect(quietTies(ties, { available: false })).toEqual({ available: false });
  });

  it('names the relationships the log finds quiet, and the LGs whose every relationship abroad is quiet', () => {
    const [okayamaKansas, ibaraTopeka] = ties;
    const quiet = quietTies(ties, { available: true, quiet: new Set([okayamaKansas!.id, ibaraTopeka!.id]) });
    expect(quiet).toEqual({ available: true, relationships: [okayamaKansas!.id, ibaraTopeka!.id], localGovernments: [1] });
  });
});

describe('partnerSpread', () => {
  it('counts LGs by their number of partners abroad against the target, and those with every tie in one country', () => {
    const spread = partnerSpread(units, partners, { min: 2, max: 3 });
    expect(spread.histogram.slice(0, 3)).toEqual([
      { partners: 0, orMore: false, localGovernments: 2 },
      { partners: 1, orMore: false, localGovernments: 3 },
      { partners: 2, orMore: false, localGovernments: 1 },
    ]);
    expect(spread.histogram.at(-1)).toEqual({ partners: 10, orMore: true, localGovernments: 0 });
    expect({ below: spread.below, within: spread.within, above: spread.above }).toEqual({ below: 5, within: 1, above: 0 });
    expect(spread.oneCountry).toEqual([{ id: 2, country: 'US', partners: 2 }]);
    expect(partnersShort(1, { min: 4, max: 8 })).toBe(3);
    expect(partnersShort(9, { min: 4, max: 8 })).toBe(0);
  });

  it('counts a partner once however many agreements the two signed', () => {
    const twice = partnersAbroad([...ties, { id: 99, firstId: 2, firstCountry: 'JP', secondId: 101, secondCountry: 'US' }]);
    expect(twice.partners.get(2)?.size).toBe(2);
    expect(twice.countries.get(2)).toEqual(new Map([['US', 2]]));
  });
});

describe('regionOf', () => {
  it('gives a prefecture’s region and its neighbours there, Hokkaidō with Tōhoku', () => {
    expect(regionOf(33)).toEqual({ key: 'chugoku', neighbours: [31, 32, 34, 35] });
    expect(regionOf(1).neighbours).toEqual([2, 3, 4, 5, 6, 7]);
    expect(regionOf(47).key).toBe('kyushu');
    expect(() => regionOf(48)).toThrow(RangeError);
  });
});
