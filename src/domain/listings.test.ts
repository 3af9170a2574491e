import { tinyPng } from '../../test/images.js';
import { describe, expect, it } from 'vitest';
import {
  directionOf,
  expiryOf,
  expiryStateOn,
  imageTypeOf,
  LISTING_STATUSES,
  LISTING_STEPS,
  populationBandOf,
  problemsBeforeSubmission,
  problemsOfDirection,
  listingNotices,
  statusAfter,
  statusAfterEdit,
  type ListingContents,
  type ListingStatus,
  type ListingStep,
} from './listings.js';

describe('directionOf', () => {
  it('has Japanese local governments seek partners abroad and others seek Japanese partners', () => {
    expect(directionOf('JP')).toBe('from-japan');
    expect(directionOf('AU')).toBe('to-japan');
    expect(directionOf('US')).toBe('to-japan');
  });
});

describe('statusAfter', () => {
  /** The life of a listing, written out by hand: the status a step leads to from each status, or null where it is refused. */
  const TABLE: Record<ListingStep, Record<ListingStatus, ListingStatus | null>> = {
    submit: { draft: 'submitted', submitted: null, published: null, closed: null },
    requestChanges: { draft: null, submitted: 'draft', published: null, closed: null },
    publish: { draft: null, submitted: 'published', published: null, closed: null },
    renew: { draft: null, submitted: null, published: 'published', closed: null },
    withdraw: { draft: 'closed', submitted: 'closed', published: 'closed', closed: null },
    markMatched: { draft: null, submitted: null, published: 'closed', closed: null },
    closeOnSigning: { draft: 'closed', submitted: 'closed', published: 'closed', closed: null },
  };
  const cases = (Object.keys(TABLE) as ListingStep[]).flatMap((step) =>
    LISTING_STATUSES.map((status) => ({ step, status, expected: TABLE[step][status] })),
  );

  it('the table covers every step and every status', () => {
    expect(Object.keys(TABLE).sort()).toEqual(Object.keys(LISTING_STEPS).sort());
    expect(cases).toHaveLength(7 * 4);
  });

  it.each(cases.filter((c) => c.expected !== null))('$step from $status leads to $expected', ({ step, status, expected }) => {
    expect(statusAfter(status, step)).toEqual({ status: expected });
  });

  it.each(cases.filter((c) => c.expected === null))('$step from $status is refused with a sentence naming the statuses', ({ step, status }) => {
    const result = statusAfter(status, step);
    expect(result).not.toHaveProperty('status');
    const problem = 'problem' in result ? result.problem : '';
    expect(problem).toMatch(new RegExp(`^A ${status} listing cannot be `));
    expect(problem.endsWith('.')).toBe(true);
    const allowedFrom = LISTING_STATUSES.filter((from) => TABLE[step][from] !== null);
    for (const from of allowedFrom) expect(problem).toContain(from);
    // "draft, submitted or published" reads as words, not as a list of codes.
    expect(problem).not.toMatch(/[[\]",]/);
  });

  it('names both statuses a withdrawal needs besides the published one', () => {
    expect(statusAfter('closed', 'withdraw')).toEqual({
      problem: 'A closed listing cannot be withdrawn; that needs a listing that is draft or submitted or published.',
    });
  });
});

describe('statusAfterEdit', () => {
  it('keeps a draft a draft', () => {
    expect(statusAfterEdit('draft')).toEqual({ status: 'draft' });
  });

  it('sends a listing under review or published (back) to review', () => {
    expect(statusAfterEdit('submitted')).toEqual({ status: 'submitted' });
    expect(statusAfterEdit('published')).toEqual({ status: 'submitted' });
  });

  it('refuses to change a closed listing', () => {
    expect(statusAfterEdit('closed')).toEqual({ problem: expect.stringContaining('closed listing cannot be changed') });
  });
});

describe('expiryOf', () => {
  it.each([
    ['2025-01-31', '2026-01-31'],
    ['2024-02-29', '2025-02-28'],
    ['2025-03-15', '2026-03-15'],
    ['2025-12-31', '2026-12-31'],
    ['2023-02-28', '2024-02-28'],
    ['2025-01-01', '2026-01-01'],
  ])('a listing confirmed on %s expires on %s', (freshSince, expiresOn) => {
    expect(expiryOf(freshSince)).toBe(expiresOn);
  });
});

describe('expiryStateOn', () => {
  const expiresOn = '2026-01-31';

  it.each([
    ['2025-06-01', 'current', 244],
    ['2025-12-31', 'current', 31],
    ['2026-01-01', 'expiring', 30],
    ['2026-01-30', 'expiring', 1],
    ['2026-01-31', 'expired', 0],
    ['2026-02-10', 'expired', -10],
  ])('on %s a listing expiring on 2026-01-31 is %s with %i days left', (today, state, daysLeft) => {
    expect(expiryStateOn(expiresOn, today)).toEqual({ state, daysLeft });
  });

  it('counts days across a change to summer time as whole days', () => {
    // Date.parse reads YYYY-MM-DD as UTC, so no daylight saving shifts the count.
    expect(expiryStateOn('2026-04-15', '2026-03-01')).toEqual({ state: 'current', daysLeft: 45 });
  });
});

describe('populationBandOf', () => {
  it.each([
    [1, 'under-10k'],
    [9_999, 'under-10k'],
    [10_000, '10k-50k'],
    [39_019, '10k-50k'],
    [49_999, '10k-50k'],
    [50_000, '50k-200k'],
    [199_999, '50k-200k'],
    [200_000, '200k-1m'],
    [999_999, '200k-1m'],
    [1_000_000, 'over-1m'],
    [40_000_000, 'over-1m'],
  ])('puts %i people in %s', (population, band) => {
    expect(populationBandOf(population)).toBe(band);
  });
});


/** The start of a JFIF file as cameras and editors write it. */
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);
/** A RIFF container of kind WEBP with a VP8L chunk. */
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x1a, 0, 0, 0]), Buffer.from('WEBPVP8L'), Buffer.from([0x0d, 0, 0, 0, 0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0x00])]);

describe('imageTypeOf', () => {
  it('recognises a real PNG', () => {
    expect(imageTypeOf(tinyPng())).toBe('image/png');
  });

  it('recognises a JPEG', () => {
    expect(imageTypeOf(JPEG)).toBe('image/jpeg');
  });

  it('recognises a WebP', () => {
    expect(imageTypeOf(WEBP)).toBe('image/webp');
  });

  it.each([
    ['an HTML page', '<!DOCTYPE html><html><script>alert(1)</script></html>'],
    ['an SVG picture with a script', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
    ['an XML-declared SVG', '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'],
    ['a GIF', 'GIF89a\x01\x00\x01\x00\x80\x00\x00'],
    ['a WAVE sound in a RIFF container', 'RIFF\x24\x00\x00\x00WAVEfmt '],
    ['the word PNG', 'PNG image'],
  ])('refuses %s whatever it claims to be', (_, payload) => {
    expect(imageTypeOf(Buffer.from(payload, 'latin1'))).toBeUndefined();
  });

  it('refuses an empty upload and a cut-off signature', () => {
    expect(imageTypeOf(new Uint8Array())).toBeUndefined();
    expect(imageTypeOf(tinyPng().slice(0, 4))).toBeUndefined();
    expect(imageTypeOf(Buffer.from([0xff, 0xd8]))).toBeUndefined();
    expect(imageTypeOf(WEBP.subarray(0, 10))).toBeUndefined();
  });

  it('refuses HTML with a PNG signature further in', () => {
    const html = Buffer.concat([Buffer.from('<html>'), tinyPng()]);
    expect(imageTypeOf(html)).toBeUndefined();
  });
});

describe('problemsBeforeSubmission', () => {
  const complete: ListingContents = {
    population: 39_019,
    areaKm2: 243.54,
    desiredRegions: ['language:eng'],
    outline: { en: 'A city of stars and denim.', ja: '' },
    characteristics: { en: '', ja: '星またはデニムにゆかりのあるまち。' },
    contact: { name: 'International Exchange Section', email: 'exchange@city.example.jp', phone: '' },
  };
  const fieldsOf = (contents: ListingContents) => problemsBeforeSubmission('from-japan', contents).map((problem) => problem.field);

  it('finds nothing missing in a complete listing', () => {
    expect(problemsBeforeSubmission('from-japan', complete)).toEqual([]);
  });

  it('names every missing field of an empty draft, each with a message', () => {
    const empty: ListingContents = {
      population: null,
      areaKm2: null,
      desiredRegions: [],
      outline: { en: '', ja: '' },
      characteristics: { en: '', ja: '' },
      contact: { name: '', email: '', phone: '' },
    };
    const problems = problemsBeforeSubmission('from-japan', empty);
    expect(problems.map((problem) => problem.field)).toEqual(['population', 'areaKm2', 'desiredRegions', 'outline', 'characteristics', 'contact']);
    for (const problem of problems) expect(problem.message).toMatch(/^[a-z].{10,}/);
    // A listing from abroad wants Japan and need not say so.
    expect(problemsBeforeSubmission('to-japan', empty).map((problem) => problem.field)).toEqual(['population', 'areaKm2', 'outline', 'characteristics', 'contact']);
  });

  it('keeps each direction to its own side of the sea', () => {
    expect(problemsOfDirection('from-japan', ['language:eng', 'country:AU'])).toEqual([]);
    expect(problemsOfDirection('from-japan', ['country:JP']).map((problem) => problem.field)).toEqual(['desiredRegions']);
    expect(problemsOfDirection('to-japan', [])).toEqual([]);
    expect(problemsOfDirection('to-japan', ['country:JP'])).toEqual([]);
    expect(problemsOfDirection('to-japan', ['country:FR']).map((problem) => problem.field)).toEqual(['desiredRegions']);
  });

  it.each([
    ['population', { population: null }],
    ['areaKm2', { areaKm2: null }],
    ['desiredRegions', { desiredRegions: [] }],
    ['outline', { outline: { en: '   ', ja: '\n' } }],
    ['characteristics', { characteristics: { en: '', ja: '\u3000' } }],
    ['contact', { contact: { name: '', email: 'exchange@city.example.jp', phone: '' } }],
    ['contact', { contact: { name: 'Exchange Section', email: '', phone: '  ' } }],
  ] as [string, Partial<ListingContents>][])('names %s alone when only it is missing', (field, change) => {
    expect(fieldsOf({ ...complete, ...change })).toEqual([field]);
  });

  it('takes a contact name with a telephone number instead of an e-mail address', () => {
    expect(fieldsOf({ ...complete, contact: { name: 'CLAIR', email: '', phone: '+81-3-5213-1723' } })).toEqual([]);
  });

  it('takes a text written in Japanese only or in English only', () => {
    expect(fieldsOf({ ...complete, outline: { en: '', ja: '星のまち' }, characteristics: { en: 'Stars', ja: '' } })).toEqual([]);
  });
});

describe('listingNotices', () => {
  const listing = (id: number, status: 'draft' | 'submitted' | 'published' | 'closed', expiresOn: string | null = null) => ({ id, status, expiresOn });

  it('tells of comments on listings sent back, of listings waiting, and of those expiring or expired', () => {
    const notices = listingNotices(
      [listing(1, 'draft'), listing(2, 'draft'), listing(3, 'submitted'), listing(4, 'published', '2026-12-11'), listing(5, 'published', '2026-11-20'), listing(6, 'published', '2027-06-01'), listing(7, 'closed')],
      new Map([[1, 'Add the population date.']]),
      '2026-11-21',
    );
    expect(notices).toEqual([
      { kind: 'changes', listing: listing(1, 'draft'), comment: 'Add the population date.' },
      { kind: 'submitted', listing: listing(3, 'submitted') },
      { kind: 'expiring', listing: listing(4, 'published', '2026-12-11'), date: '2026-12-11', days: 20 },
      { kind: 'expired', listing: listing(5, 'published', '2026-11-20'), date: '2026-11-20', days: 0 },
    ]);
  });
});
