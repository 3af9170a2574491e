import type { Context, Hono } from 'hono';
import type { Db } from '../../db/client.js';
import { authorize, decide, type Action } from '../../domain/authorization.js';
import { listingNotices, LISTING_STEPS, type ListingStep } from '../../domain/listings.js';
import { KizunaError, type FieldProblem } from '../../errors.js';
import { localePath } from '../../i18n/index.js';
import { getAccount } from '../../services/accounts.js';
import { introductionDashboard } from '../../services/introductions.js';
import {
  changeRequests,
  createListing,
  getListing,
  listingToChange,
  inputOf,
  listingHistory,
  listingsOfActor,
  moderationQueue,
  setListingImage,
  takeListingStep,
  updateListing,
  type Listing,
} from '../../services/listings.js';
import { getLocalGovernment, today } from '../../services/registry.js';
import { pageContext } from '../pageContext.js';
import { listingFormValues, readListingForm } from '../forms/listingForm.js';
import { DashboardPage, ListingFormPage, ModerationQueuePage, ModerationReviewPage, type Notice } from '../pages/dashboard.js';
import type { KizunaEnv } from '../session.js';
import { href } from '../pages/layout.js';
import { admit, currentPath, type AccountActor } from './access.js';

const id = (c: Context, name = 'id') => Number(c.req.param(name));

/**
 * Saves, or when the service refuses (a rule the form alone cannot check, or another open listing)
 * shows the form again with what was typed and why.
 */
async function keepingTheForm(save: () => Promise<Listing>, refill: (problems: FieldProblem[], status: 409 | 422) => Response | Promise<Response>): Promise<Listing | Response> {
  try {
    return await save();
  } catch (error) {
    if (error instanceof KizunaError && (error.id === 'validation_failed' || error.id === 'conflict')) {
      return refill(error.problems.length ? error.problems : [{ field: 'listing', message: error.message }], error.id === 'conflict' ? 409 : 422);
    }
    throw error;
  }
}

/** Any signed-in account may open its dashboard; what it may do there is decided action by action. */
const SIGNED_IN: Action = { do: 'account.self' };

/** Officers' dashboard, the listing form and its steps, and the coordinators' moderation. */
export function registerDashboardPages(pages: Hono<KizunaEnv>, db: Db): void {
  pages.get('/dashboard', async (c) => {
    const actor = await admit(c, SIGNED_IN, currentPath(c));
    if (actor instanceof Response) return actor;
    const staff = decide(actor, { do: 'listing.moderate' }).allowed;
    const day = today();
    const [account, listings, queue, introductions] = await Promise.all([
      getAccount(db, actor.accountId),
      listingsOfActor(db, actor),
      staff ? moderationQueue(db, actor) : [],
      introductionDashboard(db, actor, day),
    ]);
    const comments = await changeRequests(db, listings.map((listing) => listing.id));
    const notices: Notice[] = [
      ...(queue.length ? [{ kind: 'queue' as const, count: queue.length }] : []),
      ...(introductions.waiting ? [{ kind: 'introductionsWaiting' as const, count: introductions.waiting }] : []),
      ...introductions.notices.map((notice) => ({ kind: 'introduction' as const, notice })),
      ...listingNotices(listings, comments, day),
    ];
    return c.html(
      <DashboardPage
        ctx={pageContext(c)}
        staff={staff}
        localGovernments={account.localGovernments.map((lg) => ({ id: lg.id, url: lg.url, name: { en: lg.name, ja: lg.nameJa } }))}
        listings={listings}
        introductions={introductions.introductions}
        notices={notices}
      />,
    );
  });

  pages.get('/dashboard/listings/new', async (c) => {
    const actor = await admit(c, SIGNED_IN, currentPath(c));
    if (actor instanceof Response) return actor;
    const lgId = Number(c.req.query('lg'));
    if (!Number.isInteger(lgId) || lgId < 1 || lgId > 2_147_483_647) throw new KizunaError('validation_failed', 'Choose the local government the listing is for (?lg=ID).');
    const lg = await getLocalGovernment(db, lgId);
    authorize(actor, { do: 'listing.write', localGovernmentId: lgId });
    return c.html(<ListingFormPage ctx={pageContext(c)} lgNames={lg.name} action={`/dashboard/listings?lg=${lgId}`} values={{}} problems={[]} />);
  });

  pages.post('/dashboard/listings', async (c) => {
    const actor = await admit(c, SIGNED_IN, href(pageContext(c), '/dashboard'));
    if (actor instanceof Response) return actor;
    const lgId = Number(c.req.query('lg'));
    const lg = await getLocalGovernment(db, Number.isInteger(lgId) && lgId > 0 && lgId < 2_147_483_647 ? lgId : 0);
    authorize(actor, { do: 'listing.write', localGovernmentId: lg.id });
    const body = await c.req.parseBody({ all: true });
    const form = readListingForm(body);
    const ctx = pageContext(c);
    const refill = (problems: FieldProblem[], status: 409 | 422) =>
      c.html(<ListingFormPage ctx={ctx} lgNames={lg.name} action={`/dashboard/listings?lg=${lg.id}`} values={form.values} problems={problems} />, status);
    if (!form.input) return refill(form.problems, 422);
    const listing = await keepingTheForm(() => createListing(db, actor, lg.id, form.input!), refill);
    if (listing instanceof Response) return listing;
    return afterSave(c, actor, listing, body.then === 'submit');
  });

  pages.get('/dashboard/listings/:id{[0-9]{1,9}}/edit', async (c) => {
    const actor = await admit(c, SIGNED_IN, currentPath(c));
    if (actor instanceof Response) return actor;
    const listing = await listingToChange(db, actor, id(c));
    return renderForm(c, actor, listing, listingFormValues(inputOf(listing)), [], 200, c.req.query('saved') === '1');
  });

  pages.post('/dashboard/listings/:id{[0-9]{1,9}}', async (c) => {
    const actor = await admit(c, SIGNED_IN, href(pageContext(c), '/dashboard'));
    if (actor instanceof Response) return actor;
    const listing = await listingToChange(db, actor, id(c));
    const body = await c.req.parseBody({ all: true });
    const form = readListingForm(body);
    const refill = (problems: FieldProblem[], status: 409 | 422) => renderForm(c, actor, listing, form.values, problems, status);
    if (!form.input) return refill(form.problems, 422);
    const saved = await keepingTheForm(() => updateListing(db, actor, listing.id, form.input!), refill);
    if (saved instanceof Response) return saved;
    return afterSave(c, actor, saved, body.then === 'submit');
  });

  pages.post('/dashboard/listings/:id{[0-9]{1,9}}/image', async (c) => {
    const actor = await admit(c, SIGNED_IN, href(pageContext(c), '/dashboard'));
    if (actor instanceof Response) return actor;
    const listing = await listingToChange(db, actor, id(c));
    const image = (await c.req.parseBody()).image;
    try {
      if (!(image instanceof File) || image.size === 0) throw new KizunaError('validation_failed', 'image: choose a picture', [{ field: 'image', message: 'choose a picture to upload' }]);
      await setListingImage(db, actor, listing.id, new Uint8Array(await image.arrayBuffer()));
    } catch (error) {
      if (error instanceof KizunaError && error.id === 'validation_failed') {
        return renderForm(c, actor, listing, listingFormValues(inputOf(listing)), error.problems, 422);
      }
      throw error;
    }
    return c.redirect(`${localePath(pageContext(c).lang, `/dashboard/listings/${listing.id}/edit`)}?saved=1`, 303);
  });

  pages.post('/dashboard/listings/:id{[0-9]{1,9}}/steps/:step', async (c) => {
    const actor = await admit(c, SIGNED_IN, href(pageContext(c), '/dashboard'));
    if (actor instanceof Response) return actor;
    const step = c.req.param('step') as ListingStep;
    if (!Object.hasOwn(LISTING_STEPS, step) || LISTING_STEPS[step].by !== 'owner') throw new KizunaError('not_found', `There is no step ${step} for an officer.`);
    const listing = await listingToChange(db, actor, id(c));
    try {
      await takeListingStep(db, actor, listing.id, step);
    } catch (error) {
      // A listing that is not complete goes back to its form, with the fields to fill.
      if (step === 'submit' && error instanceof KizunaError && error.id === 'validation_failed') {
        return renderForm(c, actor, listing, listingFormValues(inputOf(listing)), error.problems, 422);
      }
      throw error;
    }
    return c.redirect(localePath(pageContext(c).lang, '/dashboard'), 303);
  });

  pages.get('/moderation', async (c) => {
    const actor = await admit(c, { do: 'listing.moderate' }, currentPath(c));
    if (actor instanceof Response) return actor;
    return c.html(<ModerationQueuePage ctx={pageContext(c)} queue={await moderationQueue(db, actor)} />);
  });

  pages.get('/moderation/:id{[0-9]{1,9}}', async (c) => {
    const actor = await admit(c, { do: 'listing.moderate' }, currentPath(c));
    if (actor instanceof Response) return actor;
    const listing = await getListing(db, actor, id(c));
    return c.html(<ModerationReviewPage ctx={pageContext(c)} listing={listing} history={await listingHistory(db, actor, listing.id)} comment="" problems={[]} />);
  });

  pages.post('/moderation/:id{[0-9]{1,9}}', async (c) => {
    const actor = await admit(c, { do: 'listing.moderate' }, href(pageContext(c), '/moderation'));
    if (actor instanceof Response) return actor;
    const body = await c.req.parseBody();
    const step = body.step === 'publish' || body.step === 'requestChanges' ? body.step : undefined;
    if (!step) throw new KizunaError('validation_failed', 'Choose to publish the listing or to ask for changes.', [{ field: 'step', message: 'choose publish or ask for changes' }]);
    const comment = typeof body.comment === 'string' ? body.comment : '';
    try {
      await takeListingStep(db, actor, id(c), step, comment);
    } catch (error) {
      if (error instanceof KizunaError && error.id === 'validation_failed') {
        const listing = await getListing(db, actor, id(c));
        return c.html(<ModerationReviewPage ctx={pageContext(c)} listing={listing} history={await listingHistory(db, actor, listing.id)} comment={comment} problems={error.problems} />, 422);
      }
      throw error;
    }
    return c.redirect(localePath(pageContext(c).lang, '/moderation'), 303);
  });

  async function renderForm(
    c: Context<KizunaEnv>,
    actor: AccountActor,
    listing: Listing,
    values: ReturnType<typeof listingFormValues>,
    problems: KizunaError['problems'],
    status: 200 | 409 | 422,
    saved = false,
  ) {
    return c.html(
      <ListingFormPage
        ctx={pageContext(c)}
        lgNames={listing.localGovernment.name}
        action={`/dashboard/listings/${listing.id}`}
        listing={listing}
        history={await listingHistory(db, actor, listing.id)}
        values={values}
        problems={problems}
        saved={saved}
      />,
      status,
    );
  }

  /** After saving: submit if asked (back to the form if something is missing), else back to the form. */
  async function afterSave(c: Context<KizunaEnv>, actor: AccountActor, listing: Listing, submit: boolean) {
    const lang = pageContext(c).lang;
    if (submit) {
      try {
        await takeListingStep(db, actor, listing.id, 'submit');
        return c.redirect(localePath(lang, '/dashboard'), 303);
      } catch (error) {
        if (error instanceof KizunaError && error.id === 'validation_failed') return renderForm(c, actor, listing, listingFormValues(inputOf(listing)), error.problems, 422);
        throw error;
      }
    }
    return c.redirect(`${localePath(lang, `/dashboard/listings/${listing.id}/edit`)}?saved=1`, 303);
  }
}

