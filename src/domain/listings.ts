/**
 * Partner-seeking listings: their two directions, their life and its rules, the bands the public
 * pages filter by. Pure: dates come in as YYYY-MM-DD strings.
 */

/** Japanese LGs seeking partners abroad, and LGs abroad seeking Japanese partners. */
export const LISTING_DIRECTIONS = ['from-japan', 'to-japan'] as const;
export type ListingDirection = (typeof LISTING_DIRECTIONS)[number];

export const directionOf = (countryCode: string): ListingDirection => (countryCode === 'JP' ? 'from-japan' : 'to-japan');

/** draft → submitted → published → closed; a coordinator may send a submitted listing back to draft. */
export const LISTING_STATUSES = ['draft', 'submitted', 'published', 'closed'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

export const CLOSED_REASONS = ['matched', 'withdrawn'] as const;
export type ClosedReason = (typeof CLOSED_REASONS)[number];

/** What can happen to a listing, and who does it. */
export const LISTING_STEPS = {
  submit: { from: ['draft'], to: 'submitted', by: 'owner' },
  requestChanges: { from: ['submitted'], to: 'draft', by: 'moderator' },
  publish: { from: ['submitted'], to: 'published', by: 'moderator' },
  /** The officer confirms a published listing is still current, which restarts its 12 months. */
  renew: { from: ['published'], to: 'published', by: 'owner' },
  withdraw: { from: ['draft', 'submitted', 'published'], to: 'closed', by: 'owner' },
  markMatched: { from: ['published'], to: 'closed', by: 'owner' },
  /**
   * The local government signed an agreement through a formation tracker: its open listing, whatever
   * its status, closes as matched, on the tracker's authority rather than the listing's.
   */
  closeOnSigning: { from: ['draft', 'submitted', 'published'], to: 'closed', by: 'tracker' },
} as const satisfies Record<string, { from: readonly ListingStatus[]; to: ListingStatus; by: 'owner' | 'moderator' | 'tracker' }>;
export type ListingStep = keyof typeof LISTING_STEPS;

/** The status after a step, or why the step cannot be taken from this status. */
export function statusAfter(status: ListingStatus, step: ListingStep): { status: ListingStatus } | { problem: string } {
  const rule = LISTING_STEPS[step];
  if ((rule.from as readonly ListingStatus[]).includes(status)) return { status: rule.to };
  return { problem: `A ${status} listing cannot be ${PAST_TENSE[step]}; that needs a listing that is ${rule.from.join(' or ')}.` };
}

const PAST_TENSE: Record<ListingStep, string> = {
  submit: 'submitted',
  requestChanges: 'sent back for changes',
  publish: 'published',
  renew: 'renewed',
  withdraw: 'withdrawn',
  markMatched: 'marked as matched',
  closeOnSigning: 'closed on signing',
};

/**
 * Saving changes to a listing: a draft stays a draft; a listing under review or published goes back
 * to review, so that what the public reads has always been moderated.
 */
export function statusAfterEdit(status: ListingStatus): { status: ListingStatus } | { problem: string } {
  if (status === 'closed') return { problem: 'A closed listing cannot be changed; start a new one.' };
  return { status: status === 'draft' ? 'draft' : 'submitted' };
}

/** A published listing not confirmed for this long leaves the public pages. */
export const LISTING_LIFETIME_MONTHS = 12;
/** How long before expiry the officer's dashboard warns. */
export const EXPIRY_NOTICE_DAYS = 30;

/** The day a listing confirmed on `freshSince` (YYYY-MM-DD) expires: 12 months later, or the month's last day. */
export function expiryOf(freshSince: string): string {
  const [year, month, day] = freshSince.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + LISTING_LIFETIME_MONTHS, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** Where a published listing that expires on a day stands on another: current, expiring within 30 days, or expired. */
export function expiryStateOn(expiresOn: string, today: string): { state: 'current' | 'expiring' | 'expired'; daysLeft: number } {
  const daysLeft = daysBetween(today, expiresOn);
  return { state: daysLeft <= 0 ? 'expired' : daysLeft <= EXPIRY_NOTICE_DAYS ? 'expiring' : 'current', daysLeft };
}

/** What an officer should know of a listing: sent back with a comment, waiting for review, expiring, expired. */
export type ListingNotice<L> =
  | { kind: 'changes'; listing: L; comment: string }
  | { kind: 'submitted'; listing: L }
  | { kind: 'expiring' | 'expired'; listing: L; date: string; days: number };

/** The notices of listings on a day, given the coordinators' latest comments on those sent back. */
export function listingNotices<L extends { id: number; status: ListingStatus; expiresOn: string | null }>(
  listings: readonly L[],
  comments: ReadonlyMap<number, string>,
  today: string,
): ListingNotice<L>[] {
  const notices: ListingNotice<L>[] = [];
  for (const listing of listings) {
    const comment = comments.get(listing.id);
    if (listing.status === 'draft' && comment) notices.push({ kind: 'changes', listing, comment });
    if (listing.status === 'submitted') notices.push({ kind: 'submitted', listing });
    if (listing.status === 'published' && listing.expiresOn) {
      const { state, daysLeft } = expiryStateOn(listing.expiresOn, today);
      if (state !== 'current') notices.push({ kind: state, listing, date: listing.expiresOn, days: Math.max(daysLeft, 0) });
    }
  }
  return notices;
}

/** Population bands of the public filters, by lower bound. */
export const POPULATION_BANDS = [
  { id: 'under-10k', min: 0, max: 10_000 },
  { id: '10k-50k', min: 10_000, max: 50_000 },
  { id: '50k-200k', min: 50_000, max: 200_000 },
  { id: '200k-1m', min: 200_000, max: 1_000_000 },
  { id: 'over-1m', min: 1_000_000, max: Number.POSITIVE_INFINITY },
] as const;
export type PopulationBand = (typeof POPULATION_BANDS)[number]['id'];

export const populationBandOf = (population: number): PopulationBand =>
  POPULATION_BANDS.find((band) => population >= band.min && population < band.max)!.id;

/**
 * What a listing may hold. Population and area are bounded by what a local government can be:
 * Chongqing has about 32 million people, the Sakha Republic about 3.1 million km².
 */
export const LISTING_LIMITS = {
  population: { min: 1, max: 40_000_000 },
  areaKm2: { min: 0.01, max: 3_200_000 },
  outline: 3000,
  characteristics: 1000,
  pr: 6000,
  contactLine: 200,
  links: 10,
  desiredRegions: 30,
  image: { maxBytes: 1024 * 1024, types: ['image/png', 'image/jpeg', 'image/webp'] as const },
} as const;

/** The image types a listing accepts, recognised by their first bytes rather than by what the browser claims. */
export function imageTypeOf(bytes: Uint8Array): (typeof LISTING_LIMITS.image.types)[number] | undefined {
  const starts = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp';
  return undefined;
}

/** What is wrong with a picture for a listing: over 1 MB, or not a PNG, JPEG or WebP by its first bytes. */
export function pictureProblems(bytes: Uint8Array): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (bytes.length > LISTING_LIMITS.image.maxBytes) problems.push({ field: 'image', message: `the picture is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; send at most 1 MB` });
  if (!imageTypeOf(bytes)) problems.push({ field: 'image', message: 'send a PNG, JPEG or WebP picture' });
  return problems;
}

/** What a listing needs before a coordinator can review it; a draft may lack any of it. */
export interface ListingContents {
  population: number | null;
  areaKm2: number | null;
  desiredRegions: readonly string[];
  outline: { en: string; ja: string };
  characteristics: { en: string; ja: string };
  contact: { name: string; email: string; phone: string };
}

/**
 * Which desired regions a listing may name: a Japanese LG seeks partners abroad, so not Japan; an LG
 * abroad seeks Japanese partners, and may narrow them by nothing but Japan.
 */
export function problemsOfDirection(direction: ListingDirection, desiredRegions: readonly string[]): { field: string; message: string }[] {
  if (direction === 'from-japan' && desiredRegions.includes('country:JP')) {
    return [{ field: 'desiredRegions', message: 'a Japanese local government seeks partners abroad: choose countries or regions other than Japan' }];
  }
  if (direction === 'to-japan' && desiredRegions.some((code) => code !== 'country:JP')) {
    return [{ field: 'desiredRegions', message: 'a listing from abroad seeks Japanese partners: leave the desired regions empty, or choose Japan' }];
  }
  return [];
}

/** Why a listing cannot be submitted yet, field by field. A listing from abroad wants Japan, and need not say so. */
export function problemsBeforeSubmission(direction: ListingDirection, listing: ListingContents): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const written = (text: { en: string; ja: string }) => Boolean(text.en.trim() || text.ja.trim());
  if (listing.population === null) problems.push({ field: 'population', message: 'give the population before submitting' });
  if (listing.areaKm2 === null) problems.push({ field: 'areaKm2', message: 'give the area before submitting' });
  if (direction === 'from-japan' && listing.desiredRegions.length === 0) problems.push({ field: 'desiredRegions', message: 'choose at least one desired country or region' });
  if (!written(listing.outline)) problems.push({ field: 'outline', message: 'write an outline in English or Japanese' });
  if (!written(listing.characteristics)) problems.push({ field: 'characteristics', message: 'say what kind of partner you hope for, in English or Japanese' });
  if (!listing.contact.name.trim() || !(listing.contact.email || listing.contact.phone.trim())) {
    problems.push({ field: 'contact', message: 'give a contact name and an e-mail address or a telephone number' });
  }
  return problems;
}
