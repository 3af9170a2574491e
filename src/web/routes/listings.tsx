import type { Hono } from 'hono';
import type { Db } from '../../db/client.js';
import { LISTING_DIRECTIONS, type ListingDirection } from '../../domain/listings.js';
import { t } from '../../i18n/index.js';
import { decide } from '../../domain/authorization.js';
import { getAccount } from '../../services/accounts.js';
import { getListing, isPublic, listingImage, listingsMatching, publishedListings, type Listing, type ListingFilters } from '../../services/listings.js';
import { today } from '../../services/registry.js';
import { ListingFilterQuery } from '../api/schemas.js';
import { pageContext } from '../pageContext.js';
import { href } from '../pages/layout.js';
import { ListingPage, ListingsPage, type InterestSenders } from '../pages/listings.js';
import { SEARCH_KINDS } from '../../domain/statistics.js';
import { FILE_POLICY } from '../securityHeaders.js';
import type { KizunaEnv } from '../session.js';

/**
 * The filters of a listings page from its query string, checked by the API's schema. Values a person
 * cannot have picked from the form are left out, as /search does; only words too long are refused.
 */
export function listingFiltersOf(direction: ListingDirection, query: Record<string, string>): { filters: ListingFilters; wordsTooLong: boolean } {
  const given = Object.fromEntries(Object.entries(query).filter(([key, value]) => Object.hasOwn(ListingFilterQuery.shape, key) && value.trim() !== ''));
  const checked = ListingFilterQuery.safeParse(given);
  const refused = new Set(checked.success ? [] : checked.error.issues.map((issue) => issue.path[0]));
  const kept = ListingFilterQuery.parse(Object.fromEntries(Object.entries(given).filter(([key]) => !refused.has(key))));
  const { q, ...filters } = kept;
  return { filters: { direction, ...filters, words: q }, wordsTooLong: refused.has('q') };
}


/** The public lists of partner-seeking listings, each listing's page and its picture. */
export function registerListingPages(pages: Hono<KizunaEnv>, db: Db): void {
  pages.get('/listings', (c) => c.redirect(href(pageContext(c), '/listings/from-japan'), 302));

  for (const direction of LISTING_DIRECTIONS) {
    pages.get(`/listings/${direction}`, async (c) => {
      const ctx = pageContext(c);
      const words = c.req.query('q') ?? '';
      const { filters, wordsTooLong } = listingFiltersOf(direction, c.req.query());
      const all = await publishedListings(db, { direction });
      const results = wordsTooLong ? [] : listingsMatching(all, filters);
      const present = new Set(all.map((listing) => listing.localGovernment.kind));
      const kinds = SEARCH_KINDS.filter((kind) => present.has(kind) || kind === filters.kind);
      return c.html(
        <ListingsPage
          ctx={ctx}
          direction={direction}
          filters={filters}
          words={words.slice(0, 200)}
          kinds={kinds}
          results={results}
          total={all.length}
          problem={wordsTooLong ? t(ctx.lang, 'listings.wordsTooLong') : undefined}
        />,
        wordsTooLong ? 422 : 200,
      );
    });
  }

  pages.get('/listings/:id{[0-9]{1,9}}', async (c) => {
    const day = today();
    const listing = await getListing(db, c.get('actor'), Number(c.req.param('id')), day);
    return c.html(<ListingPage ctx={pageContext(c)} listing={listing} today={day} interest={await interestSenders(c.get('actor'), listing, day)} />);
  });

  /** Who the viewer may express interest in a published listing for: a coordinator for any LG, an officer for each of their other LGs. */
  async function interestSenders(actor: KizunaEnv['Variables']['actor'], listing: Listing, day: string): Promise<InterestSenders | undefined> {
    if (actor.kind !== 'account' || !isPublic(listing, day)) return undefined;
    if (decide(actor, { do: 'introduction.coordinate' }).allowed) return { kind: 'staff' };
    const own = (await getAccount(db, actor.accountId)).localGovernments.filter((lg) => lg.id !== listing.localGovernment.id);
    return own.length ? { kind: 'officer', localGovernments: own.map((lg) => ({ id: lg.id, name: { en: lg.name, ja: lg.nameJa } })) } : undefined;
  }

  // The picture is served as an image and nothing else: no sniffing, no scripts, cached privately unless public.
  pages.get('/listings/:id{[0-9]{1,9}}/image', async (c) => {
    const image = await listingImage(db, c.get('actor'), Number(c.req.param('id')));
    return c.body(new Uint8Array(image.bytes), 200, {
      'Content-Type': image.contentType,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': FILE_POLICY,
      'Cache-Control': image.listingIsPublic ? 'public, max-age=300' : 'private, max-age=60',
      'Last-Modified': image.uploadedAt.toUTCString(),
    });
  });
}
