import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { listingEvents, listings, localGovernments, meta } from '../db/schema.js';
import { DEMO_LISTINGS } from '../content/demoListings.js';
import { directionOf } from '../domain/listings.js';
import type { ProgressReporter } from './bootstrap.js';
import { ListingInput } from './inputs.js';
import { contentColumns } from './listings.js';
import { today } from './registry.js';
import { writeAudit } from './audit.js';
import type { Actor } from '../domain/authorization.js';

const LOADER: Actor = { kind: 'system', label: 'first start (demo listings)' };

const DEMO_KEY = 'demo_listings';

/**
 * Loads the three listings of CLAIR's "Finding a sister city" page as published listings, once:
 * a database that has had them never gets them again, even after they are closed.
 */
export async function loadDemoListings(db: Db, say: ProgressReporter = () => {}): Promise<number> {
  const [loaded] = await db.select().from(meta).where(eq(meta.key, DEMO_KEY));
  if (loaded) return 0;
  const codes = DEMO_LISTINGS.map((listing) => listing.jisCode);
  const lgs = await db
    .select({ id: localGovernments.id, jisCode: localGovernments.jisCode, country: localGovernments.country })
    .from(localGovernments)
    .where(inArray(localGovernments.jisCode, codes));
  const day = today();
  await db.transaction(async (tx) => {
    for (const demo of DEMO_LISTINGS) {
      const lg = lgs.find((row) => row.jisCode?.trim() === demo.jisCode);
      if (!lg) throw new Error(`The demo listing's local government ${demo.jisCode} is not in the reference data`);
      const { jisCode: _, ...contents } = demo;
      const input = ListingInput.parse(contents);
      const [row] = await tx
        .insert(listings)
        .values({
          localGovernmentId: lg.id,
          direction: directionOf(lg.country.trim()),
          status: 'published',
          ...contentColumns(input),
          freshSince: day,
          publishedAt: new Date(),
        })
        .returning({ id: listings.id });
      await tx.insert(listingEvents).values({ listingId: row!.id, step: 'publish', comment: 'Loaded from CLAIR’s “Finding a sister city” page' });
      await writeAudit(tx, LOADER, { action: 'load-demo', entity: 'listing', entityId: row!.id, before: null, after: { localGovernmentId: lg.id, ...input } });
    }
    await tx.insert(meta).values({ key: DEMO_KEY, value: day });
  });
  say(`Demo listings: ${DEMO_LISTINGS.length} published (Ibara City, Ujitawara Town, Nagi Town)`);
  return DEMO_LISTINGS.length;
}
