import { describe, expect, it } from 'vitest';
import { foldName } from './names.js';
import { distanceKm, isLongerFormOf, isSpellingVariant, namesAdministrativeUnit, resolveSide, type Candidate, type PairSide } from './resolution.js';

function place(
  id: number,
  name: string,
  country: string,
  admin1: string | null,
  population: number | null,
  latitude: number | null,
  longitude: number | null,
  regionName: string | null = null,
): Candidate {
  return { id, foldedNames: [foldName(name)], country, admin1, regionName, population, latitude, longitude, kind: 'PPL' };
}

const STATES: Record<string, string> = { Kentucky: 'KY', Illinois: 'IL', Massachusetts: 'MA', Minnesota: 'MN' };
const qualifierAdmin1 = (country: string, qualifier: string): string[] =>
  country === 'US' && STATES[qualifier] ? [STATES[qualifier]] : [];

function side(fields: Partial<PairSide> & Pick<PairSide, 'name' | 'country'>): PairSide {
  return { qualifiers: [], ...fields };
}

const glasgowScotland = place(2648579, 'Glasgow', 'GB', 'SCT', 591_620, 55.865, -4.257, 'Scotland');
const glasgowKentucky = place(4292826, 'Glasgow', 'US', 'KY', 14_470, 36.996, -85.912, 'Kentucky');
const glasgowDelaware = place(4142683, 'Glasgow', 'US', 'DE', 14_303, 39.605, -75.745, 'Delaware');
const springfieldIllinois = place(4250542, 'Springfield', 'US', 'IL', 116_565, 39.801, -89.644, 'Illinois');
const springfieldMassachusetts = place(4951788, 'Springfield', 'US', 'MA', 154_341, 42.101, -72.59, 'Massachusetts');
const springfieldKentucky = place(4309329, 'Springfield', 'US', 'KY', 3_055, 37.685, -85.222, 'Kentucky');
const glasgows = [glasgowScotland, glasgowKentucky, glasgowDelaware];
const springfields = [springfieldIllinois, springfieldMassachusetts, springfieldKentucky];

describe('distanceKm', () => {
  it('measures great-circle distance', () => {
    expect(distanceKm(51.5074, -0.1278, 48.8566, 2.3522)).toBeCloseTo(343.5, 0);
    expect(distanceKm(35.0, 135.0, 35.0, 135.0)).toBe(0);
  });
});

describe('resolveSide', () => {
  it('takes the Glasgow in the given country', () => {
    const result = resolveSide(side({ name: 'Glasgow', country: 'GB' }), glasgows, qualifierAdmin1);
    expect(result.status).toBe('resolved');
    expect(result.candidate?.id).toBe(glasgowScotland.id);
    expect(result.reason).toContain('exact name');
  });

  it('counts the admin1 the country column implies', () => {
    const glasgowEngland = place(1, 'Glasgow', 'GB', 'ENG', 500_000, null, null);
    const result = resolveSide(
      side({ name: 'Glasgow', country: 'GB', admin1: 'SCT' }),
      [glasgowScotland, glasgowEngland],
      qualifierAdmin1,
    );
    expect(result.candidate?.id).toBe(glasgowScotland.id);
  });

  it('calls two similar-sized places of one name ambiguous without coordinates or state', () => {
    const result = resolveSide(
      side({ name: 'Springfield', country: 'US' }),
      [springfieldIllinois, springfieldMassachusetts],
      qualifierAdmin1,
    );
    expect(result.status).toBe('ambiguous');
    expect(result.candidate).toBeUndefined();
    expect(result.reason).toBe(
      `two places named Springfield in US, no coordinates or state given: ids ${springfieldMassachusetts.id}, ${springfieldIllinois.id}`,
    );
  });

  it('prefers a much larger place of the same name', () => {
    const result = resolveSide(
      side({ name: 'Springfield', country: 'US' }),
      [springfieldMassachusetts, springfieldKentucky],
      qualifierAdmin1,
    );
    expect(result.status).toBe('resolved');
    expect(result.candidate?.id).toBe(springfieldMassachusetts.id);
    expect(result.reason).toContain('largest');
  });

  it('lets coordinates pick the place', () => {
    const result = resolveSide(
      side({ name: 'Springfield', country: 'US', latitude: 42.11, longitude: -72.54 }),
      springfields,
      qualifierAdmin1,
    );
    expect(result.status).toBe('resolved');
    expect(result.candidate?.id).toBe(springfieldMassachusetts.id);
    expect(result.distanceKm).toBeLessThan(10);
  });

  it('lets a state qualifier pick the place, even against wrong coordinates', () => {
    expect(
      resolveSide(side({ name: 'Glasgow', qualifiers: ['Kentucky'], country: 'US' }), glasgows, qualifierAdmin1).candidate
        ?.id,
    ).toBe(glasgowKentucky.id);
    const misplaced = resolveSide(
      side({ name: 'Springfield', qualifiers: ['Kentucky'], country: 'US', latitude: 39.8, longitude: -89.64 }),
      springfields,
      qualifierAdmin1,
    );
    expect(misplaced.candidate?.id).toBe(springfieldKentucky.id);
    expect(misplaced.reason).toContain('qualifier "Kentucky"');
  });

  it('calls two Glasgows in the US ambiguous with no state given', () => {
    const result = resolveSide(side({ name: 'Glasgow', country: 'US' }), glasgows, qualifierAdmin1);
    expect(result.status).toBe('ambiguous');
    expect(result.reason).toContain(`ids ${glasgowKentucky.id}, ${glasgowDelaware.id}`);
  });

  it('matches spelling variants and region names', () => {
    const saintPaul = place(5045360, 'Saint Paul', 'US', 'MN', 285_068, 44.944, -93.093, 'Minnesota');
    const stPaulAlberta = place(6149374, 'St. Paul', 'CA', '01', 5_827, 53.99, -111.3, 'Alberta');
    const result = resolveSide(
      side({ name: 'St. Paul', qualifiers: ['Minnesota'], country: 'US' }),
      [saintPaul, stPaulAlberta],
      qualifierAdmin1,
    );
    expect(result.candidate?.id).toBe(saintPaul.id);

    const setagaya = place(1852140, 'Setagaya-ku', 'JP', '40', 939_099, 35.646, 139.653, 'Tokyo');
    const setagayaElsewhere = place(9, 'Setagaya', 'JP', '13', 2_000_000, null, null, 'Ibaraki');
    const ward = resolveSide(
      side({ name: 'Setagaya', qualifiers: ['Tokyo'], country: 'JP' }),
      [setagaya, setagayaElsewhere],
      qualifierAdmin1,
    );
    expect(ward.candidate?.id).toBe(setagaya.id);
    expect(ward.reason).toContain('qualifier "Tokyo"');
  });

  it('matches written-out umlauts and Hepburn spellings as variants', () => {
    const dusseldorf = place(2934246, 'Duesseldorf', 'DE', '07', 573_057, 51.222, 6.776);
    const result = resolveSide(side({ name: 'Düsseldorf', country: 'DE' }), [dusseldorf], qualifierAdmin1);
    expect(result.status).toBe('resolved');
    expect(result.reason).toContain('name variant');
    const kyotamba = place(7, 'Kyotamba-cho', 'JP', '26', 14_000, 35.16, 135.42);
    expect(resolveSide(side({ name: 'Kyōtanba', country: 'JP' }), [kyotamba], qualifierAdmin1).status).toBe('resolved');
  });

  it('accepts a near spelling only when it is close, or near the given coordinates', () => {
    const petersburg = place(498817, 'Saint Petersburg', 'RU', '66', 5_351_935, 59.939, 30.314);
    const near = resolveSide(side({ name: 'Sankt Peterburg', country: 'RU' }), [petersburg], qualifierAdmin1);
    expect(near.status).toBe('resolved');
    expect(near.reason).toContain('similar name');

    const lisbon = place(2267057, 'Lisbon', 'PT', '14', 517_802, 38.717, -9.133);
    const alone = resolveSide(side({ name: 'Lisboa', country: 'PT' }), [lisbon], qualifierAdmin1);
    expect(alone.status).toBe('unresolved');
    expect(alone.reason).toContain('closest is "lisbon"');
    const located = resolveSide(
      side({ name: 'Lisboa', country: 'PT', latitude: 38.72, longitude: -9.14 }),
      [lisbon],
      qualifierAdmin1,
    );
    expect(located.status).toBe('resolved');
  });

  it('takes two entries for one town, a few km apart, as the same place', () => {
    const town = place(1650527, 'Balikpapan', 'ID', '14', 433_866, -1.268, 116.829);
    const city = place(8224624, 'City of Balikpapan', 'ID', '14', 700_000, -1.242, 116.894);
    const result = resolveSide(side({ name: 'Balikpapan', country: 'ID' }), [town, city], qualifierAdmin1);
    expect(result.status).toBe('resolved');
    expect(result.candidate?.id).toBe(town.id);
    expect(result.reason).toContain('same place');
  });

  it('prefers the clearly nearest of two close scores', () => {
    // Kashihara in Nara is listed as "Kashihara-shi"; plain "Kashihara" is Kashiwara, Osaka, 18 km off.
    const nara = place(1859951, 'Kashihara-shi', 'JP', '28', 124_521, 34.509, 135.793);
    const osaka = place(1859952, 'Kashihara', 'JP', '32', 79_058, 34.583, 135.617);
    const result = resolveSide(
      side({ name: 'Kashihara', country: 'JP', latitude: 34.5094, longitude: 135.793 }),
      [osaka, nara],
      qualifierAdmin1,
    );
    expect(result.candidate?.id).toBe(nara.id);
    expect(result.reason).toContain('nearest of 2');
  });

  it('does not let size outvote coordinates that point elsewhere or an unmet qualifier', () => {
    const guangdong = place(1785974, 'Zhongshan', 'CN', '30', 3_121_275, 22.517, 113.392, 'Guangdong');
    const guangxi = place(2, 'Zhongshan', 'CN', '16', 100_000, 24.5, 111.3, 'Guangxi');
    const dalian = { latitude: 38.9213, longitude: 121.6376 };
    const far = resolveSide(side({ name: 'Zhongshan', country: 'CN', ...dalian }), [guangdong, guangxi], qualifierAdmin1);
    expect(far.status).toBe('ambiguous');
    expect(far.reason).toContain('over 100 km from all of them');
    const unmet = resolveSide(
      side({ name: 'Zhongshan', qualifiers: ['Dalian'], country: 'CN' }),
      [guangdong, guangxi],
      qualifierAdmin1,
    );
    expect(unmet.status).toBe('ambiguous');
    expect(unmet.reason).toContain('"Dalian" does not tell them apart');
  });

  it('does not take the containing city for a district', () => {
    const prague = place(3067696, 'Prague', 'CZ', '52', 1_165_581, 50.088, 14.421);
    const result = resolveSide(
      side({ name: 'Prague 1', qualifiers: ['Prague'], country: 'CZ', latitude: 50.088, longitude: 14.42 }),
      [prague],
      qualifierAdmin1,
    );
    expect(result.status).toBe('unresolved');
  });

  it('explains why nothing was found', () => {
    expect(resolveSide(side({ name: 'Glasgow', country: 'FR' }), glasgows, qualifierAdmin1)).toEqual({
      status: 'unresolved',
      reason: 'no place named "Glasgow" in FR (only in GB, US)',
    });
    const edinburgh = resolveSide(side({ name: 'Edinburgh', country: 'GB' }), glasgows, qualifierAdmin1);
    expect(edinburgh.status).toBe('unresolved');
    expect(edinburgh.reason).toContain('no place named "Edinburgh" in GB');
  });
});

describe('resolveSide with coordinates in another country', () => {
  it('lets size decide when the coordinates lie outside the side’s country', () => {
    const alabama = place(4049979, 'Birmingham', 'US', 'AL', 212_237, 33.52, -86.8);
    const michigan = place(4986172, 'Birmingham', 'US', 'MI', 20_103, 42.55, -83.21);
    const england = { latitude: 52.48, longitude: -1.89 };
    const inside = resolveSide(side({ name: 'Birmingham', country: 'US', ...england }), [alabama, michigan], qualifierAdmin1);
    expect(inside.status).toBe('ambiguous');
    const outside = resolveSide(
      side({ name: 'Birmingham', country: 'US', ...england, coordinatesOutsideCountry: true }),
      [alabama, michigan],
      qualifierAdmin1,
    );
    expect(outside.candidate?.id).toBe(alabama.id);
  });
});

describe('isSpellingVariant', () => {
  it('takes transliterations that differ by a letter or two in a long name', () => {
    expect(isSpellingVariant('yevpatoria', 'yevpatoriya')).toBe(true);
    expect(isSpellingVariant('svietlahorsk', 'svyetlahorsk')).toBe(true);
    expect(isSpellingVariant('zhukovsky', 'zhukovskiy')).toBe(true);
  });

  it('refuses neighbours that merely look alike, and a name inside a longer one', () => {
    expect(isSpellingVariant('wolverton', 'calverton')).toBe(false);
    expect(isSpellingVariant('sovetsky', 'sovetskoye')).toBe(false);
    expect(isSpellingVariant('taipei', 'new taipei')).toBe(false);
    expect(isSpellingVariant('peng', 'pengzhou')).toBe(false);
  });
});

describe('namesAdministrativeUnit', () => {
  it('knows counties, districts and numbered sections from towns', () => {
    expect(namesAdministrativeUnit('milwaukee county')).toBe(true);
    expect(namesAdministrativeUnit('ialoveni district')).toBe(true);
    expect(namesAdministrativeUnit('prague 9')).toBe(true);
    expect(namesAdministrativeUnit(foldName('Arlington County'))).toBe(true);
    expect(namesAdministrativeUnit(foldName('Gentofte Kommune'))).toBe(true);
    expect(namesAdministrativeUnit('yevpatoria')).toBe(false);
  });
});

describe('isLongerFormOf', () => {
  it('takes a name written in full or in short, either way round', () => {
    expect(isLongerFormOf('rottenburg am neckar', 'rottenburg')).toBe(true);
    expect(isLongerFormOf('lake macquarie', 'lake macquarie shire')).toBe(true);
    expect(isLongerFormOf('bad kotzting', 'kotzting')).toBe(true);
    expect(isLongerFormOf('pols oberkurzheim', 'pols')).toBe(true);
    expect(isLongerFormOf('budapest xv', 'budapest xv kerulet')).toBe(true);
  });

  it('refuses names that added words make another place, short names, and names that merely share a word', () => {
    expect(isLongerFormOf('saanich', 'north saanich')).toBe(false);
    expect(isLongerFormOf('africo', 'africo nuovo')).toBe(false);
    expect(isLongerFormOf('hope', 'fort good hope')).toBe(false);
    expect(isLongerFormOf('ried', 'ried im innkreis')).toBe(true);
    expect(isLongerFormOf('ulm', 'ulm an der donau')).toBe(false);
    expect(isLongerFormOf('southern downs', 'christie downs')).toBe(false);
    expect(isLongerFormOf(foldName('Košice-Juh'), 'kosice')).toBe(false);
    expect(isLongerFormOf('pekela', foldName('Oude Pekela'))).toBe(false);
    expect(isLongerFormOf('treptow kopenick', 'berlin treptow')).toBe(false);
    expect(isLongerFormOf('richmond', 'richmond')).toBe(false);
  });
});
