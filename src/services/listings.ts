import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { prefectureIdOf } from '../db/fragments.js';
import { listingEvents, listingImages, listings, localGovernments } from '../db/schema.js';
import { accountIdOf, authorize, decide, type Actor } from '../domain/authorization.js';
import {
  directionOf,
  expiryOf,
  imageTypeOf,
  LISTING_STEPS,
  pictureProblems,
  populationBandOf,
  problemsBeforeSubmission,
  problemsOfDirection,
  statusAfter,
  statusAfterEdit,
  type ClosedReason,
  type ListingDirection,
  type ListingStatus,
  type ListingStep,
  type PopulationBand,
} from '../domain/listings.js';
import { plainLetters } from '../domain/names.js';
import { EARLIEST_YEAR, parsePartialDate, type ExchangeField, type PreciseDate } from '../domain/relationships.js';
import { failIfProblems, KizunaError, notFound, refusingDuplicates, type FieldProblem } from '../errors.js';
import { countriesOfDesiredRegions, desiredRegionsOverlap } from '../reference/desiredRegions.js';
import { writeAudit } from './audit.js';
import type { ListingInput } from './inputs.js';
import { presentLocalGovernmentSummary, summaryColumns, toDateString, toTimestampString, type LocalGovernmentRow, type LocalGovernmentSummary } from './presenters.js';
import { today } from './registry.js';

/**
 * Partner-seeking listings: written by officers, moderated by coordinators, published for a year at
 * a time. Every change is audited and every step of a listing's life is kept as an event.
 */

export interface Listing {
  id: number;
  url: string;
  direction: ListingDirection;
  status: ListingStatus;
  closedReason: ClosedReason | null;
  localGovernment: LocalGovernmentSummary;
  /** The prefecture of a Japanese LG (itself for a prefecture); null abroad. */
  prefecture: { id: number; name: { en: string; ja: string | null } } | null;
  population: number | null;
  populationAsOf: PreciseDate | null;
  areaKm2: number | null;
  desiredRegions: string[];
  fields: ExchangeField[];
  outline: { en: string; ja: string };
  characteristics: { en: string; ja: string };
  pr: { en: string; ja: string };
  links: { url: string; label: string }[];
  contact: { name: string; email: string; phone: string };
  imageUrl: string | null;
  /** The date modified, as the profile shows it. */
  updatedAt: string;
  publishedAt: string | null;
  /** For a published listing: when it leaves the public pages unless renewed. */
  expiresOn: string | null;
}

export interface ListingEvent {
  at: string;
  step: ListingStep | 'create' | 'edit';
  by: string | null;
  comment: string | null;
}

const listingUrl = (id: number) => `/listings/${id}`;

interface ListingRow extends Record<string, unknown> {
  listing: typeof listings.$inferSelect;
}

/** Listings with their LG, prefecture and image flag, in one query. */
async function loadListings(db: Db, where: ReturnType<typeof sql>): Promise<Listing[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select l.id as listing_id, ${sql.raw(summaryColumns('lg', 'lg_'))},
          pref.id as pref_id, pref.name_en as pref_name_en, pref.name_ja as pref_name_ja,
          exists (select 1 from listing_images i where i.listing_id = l.id) as has_image,
          to_jsonb(l.*) as listing
        from listings l
        join local_governments lg on lg.id = l.local_government_id
        left join local_governments parent on parent.id = lg.parent_id
        left join local_governments pref on pref.id = ${prefectureIdOf('lg', 'parent')} and lg.country = 'JP'
        where ${where}
        order by l.id`,
  );
  return rows.map((row) => {
    const l = row.listing as Record<string, unknown>;
    const lg = Object.fromEntries(
      Object.entries(row)
        .filter(([key]) => key.startsWith('lg_'))
        .map(([key, value]) => [key.slice(3), value]),
    ) as unknown as LocalGovernmentRow;
    const status = l.status as ListingStatus;
    const freshSince = toDateString(l.fresh_since);
    const asOf = toDateString(l.population_as_of);
    return {
      id: Number(l.id),
      url: listingUrl(Number(l.id)),
      direction: l.direction as ListingDirection,
      status,
      closedReason: (l.closed_reason as ClosedReason | null) ?? null,
      localGovernment: presentLocalGovernmentSummary(lg),
      prefecture: row.pref_id ? { id: Number(row.pref_id), name: { en: String(row.pref_name_en), ja: (row.pref_name_ja as string | null) ?? null } } : null,
      population: (l.population as number | null) ?? null,
      populationAsOf: asOf && l.population_as_of_precision ? { date: asOf, precision: l.population_as_of_precision as PreciseDate['precision'] } : null,
      areaKm2: (l.area_km2 as number | null) ?? null,
      desiredRegions: l.desired_regions as string[],
      fields: l.fields as ExchangeField[],
      outline: { en: String(l.outline_en), ja: String(l.outline_ja) },
      characteristics: { en: String(l.characteristics_en), ja: String(l.characteristics_ja) },
      pr: { en: String(l.pr_en), ja: String(l.pr_ja) },
      links: l.links as { url: string; label: string }[],
      contact: { name: String(l.contact_name), email: String(l.contact_email), phone: String(l.contact_phone) },
      imageUrl: row.has_image ? `${listingUrl(Number(l.id))}/image` : null,
      updatedAt: toTimestampString(l.updated_at),
      publishedAt: l.published_at ? toTimestampString(l.published_at) : null,
      expiresOn: status === 'published' && freshSince ? expiryOf(freshSince) : null,
    };
  });
}

async function loadListing(db: Db, id: number): Promise<Listing> {
  const [listing] = await loadListings(db, sql`l.id = ${id}`);
  if (!listing) throw notFound(`Listing ${id}`);
  return listing;
}

/** Whether the public sees a listing on a day: published and not expired. */
export const isPublic = (listing: Listing, day: string) => listing.status === 'published' && listing.expiresOn !== null && listing.expiresOn > day;

/** One listing; the public sees only published ones, officers their own, coordinators all. */
export async function getListing(db: Db, actor: Actor, id: number, day = today()): Promise<Listing> {
  const listing = await loadListing(db, id);
  if (!isPublic(listing, day) && !decide(actor, { do: 'listing.read-unpublished', localGovernmentId: listing.localGovernment.id }).allowed) {
    throw notFound(`Listing ${id}`);
  }
  return listing;
}

/** A listing for its form: 404 if it does not exist, 403 if the actor may not change it. */
export async function listingToChange(db: Db, actor: Actor, id: number): Promise<Listing> {
  const listing = await loadListing(db, id);
  authorize(actor, { do: 'listing.write', localGovernmentId: listing.localGovernment.id });
  return listing;
}

/** The steps of a listing's life with who took them and the coordinators' comments, oldest first. */
export async function listingHistory(db: Db, actor: Actor, id: number): Promise<ListingEvent[]> {
  const listing = await loadListing(db, id);
  authorize(actor, { do: 'listing.read-unpublished', localGovernmentId: listing.localGovernment.id });
  const rows = await queryRows<{ at: unknown; step: string; comment: string | null; by: string | null }>(
    db,
    sql`select e.at, e.step, e.comment, a.name as by from listing_events e left join accounts a on a.id = e.account_id
        where e.listing_id = ${id} order by e.id`,
  );
  return rows.map((row) => ({ at: toTimestampString(row.at), step: row.step as ListingEvent['step'], by: row.by, comment: row.comment }));
}

/** The columns a listing's contents are stored in; refuses a population date in the future or before 1900 (the database has no year 0). */
export function contentColumns(input: ListingInput) {
  const problems: FieldProblem[] = [];
  const asOf = input.populationAsOf ? parsePartialDate(input.populationAsOf) : null;
  if (typeof asOf === 'string') problems.push({ field: 'populationAsOf', message: asOf });
  else if (asOf && asOf.date > today()) problems.push({ field: 'populationAsOf', message: 'is in the future' });
  else if (asOf && Number(asOf.date.slice(0, 4)) < EARLIEST_YEAR) problems.push({ field: 'populationAsOf', message: `must not be before ${EARLIEST_YEAR}` });
  failIfProblems(problems);
  const preciseAsOf = asOf && typeof asOf !== 'string' ? asOf : null;
  return {
    population: input.population,
    populationAsOf: preciseAsOf?.date ?? null,
    populationAsOfPrecision: preciseAsOf?.precision ?? null,
    areaKm2: input.areaKm2,
    desiredRegions: input.desiredRegions,
    fields: input.fields,
    outlineEn: input.outline.en,
    outlineJa: input.outline.ja,
    characteristicsEn: input.characteristics.en,
    characteristicsJa: input.characteristics.ja,
    prEn: input.pr.en,
    prJa: input.pr.ja,
    links: input.links,
    contactName: input.contact.name,
    contactEmail: input.contact.email,
    contactPhone: input.contact.phone,
  };
}

/** The contents of a stored listing, in the shape of the form's input. */
export function inputOf(listing: Listing): ListingInput {
  return {
    population: listing.population,
    populationAsOf: listing.populationAsOf ? precisePrefix(listing.populationAsOf) : null,
    areaKm2: listing.areaKm2,
    desiredRegions: listing.desiredRegions,
    fields: listing.fields,
    outline: listing.outline,
    characteristics: listing.characteristics,
    pr: listing.pr,
    links: listing.links,
    contact: listing.contact,
  };
}

const precisePrefix = (date: PreciseDate) => date.date.slice(0, date.precision === 'year' ? 4 : date.precision === 'month' ? 7 : 10);

async function recordStep(db: Db, actor: Actor, listingId: number, step: ListingEvent['step'], comment: string | null = null): Promise<void> {
  await db.insert(listingEvents).values({ listingId, accountId: accountIdOf(actor), step, comment });
}

/** The open listing (draft, under review or published) of a local government, if it has one. */
export async function openListingOf(db: Db, localGovernmentId: number): Promise<{ id: number; url: string } | null> {
  const [open] = await db
    .select({ id: listings.id })
    .from(listings)
    .where(and(eq(listings.localGovernmentId, localGovernmentId), ne(listings.status, 'closed')));
  return open ? { id: open.id, url: listingUrl(open.id) } : null;
}

/** Starts a draft listing for a local government; one open listing per local government. */
export async function createListing(db: Db, actor: Actor, localGovernmentId: number, input: ListingInput): Promise<Listing> {
  authorize(actor, { do: 'listing.write', localGovernmentId });
  const [lg] = await db.select({ id: localGovernments.id, country: localGovernments.country }).from(localGovernments).where(eq(localGovernments.id, localGovernmentId));
  if (!lg) throw notFound(`Local government ${localGovernmentId}`);
  const direction = directionOf(lg.country.trim());
  failIfProblems(problemsOfDirection(direction, input.desiredRegions));
  const columns = contentColumns(input);
  const alreadyOpen = (id?: number) =>
    new KizunaError('conflict', `This local government has an open listing already${id ? ` (${listingUrl(id)})` : ''}; change that one, or close it first.`);
  return refusingDuplicates(() => db.transaction(async (tx) => {
    const open = await openListingOf(tx, localGovernmentId);
    if (open) throw alreadyOpen(open.id);
    const [row] = await tx
      .insert(listings)
      .values({ localGovernmentId, direction, createdBy: accountIdOf(actor), ...columns })
      .returning({ id: listings.id });
    await recordStep(tx, actor, row!.id, 'create');
    const created = await loadListing(tx, row!.id);
    await writeAudit(tx, actor, { action: 'create', entity: 'listing', entityId: created.id, before: null, after: created });
    return created;
  }), alreadyOpen);
}

/** Saves changes; a listing under review or published goes back to review (see statusAfterEdit). */
export async function updateListing(db: Db, actor: Actor, id: number, input: ListingInput): Promise<Listing> {
  const columns = contentColumns(input);
  return db.transaction(async (tx) => {
    const before = await lockedListing(tx, id);
    authorize(actor, { do: 'listing.write', localGovernmentId: before.localGovernment.id });
    const next = statusAfterEdit(before.status);
    if ('problem' in next) throw new KizunaError('conflict', next.problem);
    failIfProblems(problemsOfDirection(before.direction, input.desiredRegions));
    // A listing that goes (back) to review must be complete, as a submitted one is.
    if (next.status === 'submitted') failIfProblems(problemsBeforeSubmission(before.direction, input));
    await tx.update(listings).set({ ...columns, status: next.status, updatedAt: new Date() }).where(eq(listings.id, id));
    await recordStep(tx, actor, id, 'edit');
    const after = await loadListing(tx, id);
    await writeAudit(tx, actor, { action: 'update', entity: 'listing', entityId: id, before, after });
    return after;
  });
}

async function lockedListing(db: Db, id: number): Promise<Listing> {
  const [row] = await db.select({ id: listings.id }).from(listings).where(eq(listings.id, id)).for('update');
  if (!row) throw notFound(`Listing ${id}`);
  return loadListing(db, id);
}

/**
 * Takes one step of a listing's life. Owners' steps need the right to write the listing; a
 * moderator's need moderation rights. Sending back needs a comment, which the officer then sees.
 * Closing on signing is the formation tracker's (closeListingsOnSigning), never asked for directly.
 */
export async function takeListingStep(db: Db, actor: Actor, id: number, step: ListingStep, comment?: string, day = today()): Promise<Listing> {
  return db.transaction(async (tx) => {
    const before = await lockedListing(tx, id);
    const by = LISTING_STEPS[step].by;
    if (by === 'tracker') throw new KizunaError('forbidden', 'A listing closes on signing only through the formation tracker of its introduction.');
    authorize(actor, by === 'moderator' ? { do: 'listing.moderate' } : { do: 'listing.write', localGovernmentId: before.localGovernment.id });
    return applyListingStep(tx, actor, before, step, comment?.trim() || null, day);
  });
}

/** A step of a listing the caller has locked and may take: checks its comment and status, records it and audits it. */
async function applyListingStep(tx: Db, actor: Actor, before: Listing, step: ListingStep, note: string | null, day: string): Promise<Listing> {
  const id = before.id;
  if (note && note.length > 2000) failIfProblems([{ field: 'comment', message: 'use at most 2000 characters' }]);
  if (step === 'requestChanges' && !note) failIfProblems([{ field: 'comment', message: 'say what should change, so that the officer knows' }]);
  const next = statusAfter(before.status, step);
  if ('problem' in next) throw new KizunaError('conflict', next.problem);
  if (step === 'submit' || step === 'publish') failIfProblems(problemsBeforeSubmission(before.direction, before));
  const changes: Partial<typeof listings.$inferInsert> = { status: next.status };
  if (step === 'publish') Object.assign(changes, { publishedAt: new Date(), freshSince: day });
  if (step === 'renew') Object.assign(changes, { freshSince: day });
  if (step === 'withdraw') changes.closedReason = 'withdrawn';
  if (step === 'markMatched' || step === 'closeOnSigning') changes.closedReason = 'matched';
  await tx.update(listings).set(changes).where(eq(listings.id, id));
  await recordStep(tx, actor, id, step, note);
  const after = await loadListing(tx, id);
  await writeAudit(tx, actor, { action: step, entity: 'listing', entityId: id, before, after: note ? { ...after, comment: note } : after });
  return after;
}

/**
 * Closes the open listings (draft, under review or published) of local governments as matched,
 * when they sign an agreement through a formation tracker. The tracker has decided who may record
 * the signing, so the listings' own permissions do not apply; each closing is kept as a listing
 * event and audited, in the caller's transaction.
 */
export async function closeListingsOnSigning(db: Db, actor: Actor, localGovernmentIds: readonly number[], comment: string, day = today()): Promise<Listing[]> {
  return db.transaction(async (tx) => {
    const open = await tx
      .select({ id: listings.id })
      .from(listings)
      .where(and(inArray(listings.localGovernmentId, [...localGovernmentIds]), ne(listings.status, 'closed')))
      .orderBy(asc(listings.id));
    const closed: Listing[] = [];
    for (const { id } of open) closed.push(await applyListingStep(tx, actor, await lockedListing(tx, id), 'closeOnSigning', comment, day));
    return closed;
  });
}

/** Replaces a listing's picture: PNG, JPEG or WebP as its first bytes show, at most 1 MB. */
export async function setListingImage(db: Db, actor: Actor, id: number, bytes: Uint8Array): Promise<Listing> {
  const contentType = imageTypeOf(bytes);
  return changePicture(db, actor, id, 'set-image', async (tx) => {
    failIfProblems(pictureProblems(bytes));
    await tx
      .insert(listingImages)
      .values({ listingId: id, contentType: contentType!, bytes })
      .onConflictDoUpdate({ target: listingImages.listingId, set: { contentType: contentType!, bytes, uploadedAt: new Date() } });
    return { contentType, bytes: bytes.length };
  });
}

/** Takes a listing's picture away; a listing without one is left as it is. */
export async function removeListingImage(db: Db, actor: Actor, id: number): Promise<Listing> {
  return changePicture(db, actor, id, 'remove-image', async (tx) => {
    await tx.delete(listingImages).where(eq(listingImages.listingId, id));
    return null;
  });
}

/** A change of a listing's picture: as any change, a listing under review or published goes back to review; kept as an edit and audited. */
async function changePicture(db: Db, actor: Actor, id: number, action: 'set-image' | 'remove-image', write: (tx: Db) => Promise<unknown>): Promise<Listing> {
  return db.transaction(async (tx) => {
    const before = await lockedListing(tx, id);
    authorize(actor, { do: 'listing.write', localGovernmentId: before.localGovernment.id });
    const next = statusAfterEdit(before.status);
    if ('problem' in next) throw new KizunaError('conflict', next.problem);
    const image = await write(tx);
    await tx.update(listings).set({ status: next.status, updatedAt: new Date() }).where(eq(listings.id, id));
    await recordStep(tx, actor, id, 'edit');
    const after = await loadListing(tx, id);
    await writeAudit(tx, actor, { action, entity: 'listing', entityId: id, before, after: { ...after, image } });
    return after;
  });
}

/** A listing's picture, for whoever may see the listing, and whether the listing is public (for caching). */
export async function listingImage(
  db: Db,
  actor: Actor,
  id: number,
  day = today(),
): Promise<{ contentType: string; bytes: Uint8Array; uploadedAt: Date; listingIsPublic: boolean }> {
  const listing = await getListing(db, actor, id, day);
  const [image] = await db.select().from(listingImages).where(eq(listingImages.listingId, id));
  if (!image) throw notFound(`The picture of listing ${id}`);
  return { contentType: image.contentType, bytes: image.bytes, uploadedAt: image.uploadedAt, listingIsPublic: isPublic(listing, day) };
}

export interface ListingFilters {
  direction: ListingDirection;
  /** A desired-region code: listings whose desired regions share a country with it. */
  region?: string | undefined;
  kind?: string | undefined;
  band?: PopulationBand | undefined;
  field?: ExchangeField | undefined;
  /** Words to find in the names and texts, in either language. */
  words?: string | undefined;
}

/** The published, unexpired listings of one direction that pass the filters, by local government name. */
export async function publishedListings(db: Db, filters: ListingFilters, day = today()): Promise<Listing[]> {
  const all = await loadListings(db, sql`l.status = 'published' and l.direction = ${filters.direction}`);
  return listingsMatching(all.filter((listing) => isPublic(listing, day)), filters);
}

/** The listings that pass the filters (all but the direction, which the caller chose), by local government name. */
export function listingsMatching(listings: readonly Listing[], filters: Omit<ListingFilters, 'direction'>): Listing[] {
  const words = filters.words ? textKey(filters.words).split(/\s+/).filter(Boolean) : [];
  return listings
    .filter((listing) => !filters.region || matchesRegion(listing, filters.region))
    .filter((listing) => !filters.kind || listing.localGovernment.kind === filters.kind)
    .filter((listing) => !filters.band || (listing.population !== null && populationBandOf(listing.population) === filters.band))
    .filter((listing) => !filters.field || listing.fields.includes(filters.field))
    .filter((listing) => {
      if (words.length === 0) return true;
      const text = textKey(searchableText(listing));
      return words.every((word) => text.includes(word));
    })
    .sort((a, b) => a.localGovernment.name.en.localeCompare(b.localGovernment.name.en));
}

/**
 * Whether a listing answers a region filter: a Japanese LG's listing by the regions it wants, a
 * foreign LG's (which wants Japan) by where the LG itself is.
 */
const matchesRegion = (listing: Listing, region: string) =>
  listing.direction === 'from-japan'
    ? desiredRegionsOverlap(listing.desiredRegions, [region])
    : countriesOfDesiredRegions([region]).has(listing.localGovernment.country);

/** Texts and words compared without case, accents or punctuation; kana stay kana (foldName's romaji is for names alone). */
const textKey = (text: string) => plainLetters(text.normalize('NFKC')).replace(/[^\p{L}\p{N}]+/gu, ' ');

const searchableText = (listing: Listing) =>
  [
    listing.localGovernment.name.en,
    listing.localGovernment.name.ja ?? '',
    listing.prefecture?.name.en ?? '',
    listing.prefecture?.name.ja ?? '',
    ...Object.values(listing.outline),
    ...Object.values(listing.characteristics),
    ...Object.values(listing.pr),
  ].join(' ');

/** The listings of the actor's local governments (every listing for coordinators), newest first. */
export async function listingsOfActor(db: Db, actor: Actor): Promise<Listing[]> {
  if (actor.kind === 'public') return [];
  if (decide(actor, { do: 'listing.moderate' }).allowed) return (await loadListings(db, sql`l.status <> 'closed'`)).reverse();
  const own = actor.kind === 'account' ? actor.localGovernmentIds : [];
  return own.length ? (await loadListings(db, sql`l.local_government_id in ${own}`)).reverse() : [];
}

/** Listings waiting for a coordinator, oldest first. */
export async function moderationQueue(db: Db, actor: Actor): Promise<Listing[]> {
  authorize(actor, { do: 'listing.moderate' });
  return loadListings(db, sql`l.status = 'submitted'`);
}

/** The latest comment of a coordinator who sent a listing back, for the officer's dashboard. */
export async function changeRequests(db: Db, listingIds: number[]): Promise<Map<number, string>> {
  if (listingIds.length === 0) return new Map();
  const rows = await db
    .select({ listingId: listingEvents.listingId, step: listingEvents.step, comment: listingEvents.comment })
    .from(listingEvents)
    .where(inArray(listingEvents.listingId, listingIds))
    .orderBy(asc(listingEvents.id));
  const latest = new Map<number, string>();
  for (const row of rows) {
    if (row.step === 'requestChanges' && row.comment) latest.set(row.listingId, row.comment);
    else if (row.step === 'submit' || row.step === 'publish') latest.delete(row.listingId);
  }
  return latest;
}
