import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { authorize, decide, type Action } from '../../domain/authorization.js';
import { listingNotices, LISTING_STEPS, type ListingStep } from '../../domain/listings.js';
import { KizunaError, type FieldProblem } from '../../errors.js';
import { lgName, localePath, t } from '../../i18n/index.js';
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
  openListingOf,
  removeListingImage,
  setListingImage,
  takeListingStep,
  updateListing,
  type Listing,
} from '../../services/listings.js';
import { getLocalGovernment, localGovernmentSummaries, today } from '../../services/registry.js';
import { pageContext } from '../pageContext.js';
import { lifeDashboard } from '../../services/terms.js';
import type { VitalityThresholds } from '../../domain/vitality.js';
import { chosenIds, LgSearchFields, lgPickerState, searchAsked } from '../forms/lgPicker.js';
import { listingFormValues, prefilledValues, readListingForm, readListingPicture, registryFigures, type PictureChange } from '../forms/listingForm.js';
import {
  ChooseListingLgPage,
  DashboardPage,
  DONE,
  doneNotice,
  ListingFormPage,
  ModerationQueuePage,
  ModerationReviewPage,
  type Done,
  type Notice,
} from '../pages/dashboard.js';
import type { KizunaEnv } from '../session.js';
import { href } from '../pages/layout.js';
import { admit, currentPath, type AccountActor } from './access.js';

const id = (c: Context, name = 'id') => Number(c.req.param(name));

/** The step that starts a listing: the LG chosen (?lg=ID), or the picker's search for it. */
export const NewListingQuery = z.object({ lg: z.unknown().optional(), ...LgSearchFields });
export type NewListingQuery = z.infer<typeof NewListingQuery>;

/** What a page says after a change, by the `done` of its address (and `listing`, the listing it was done to). */
export const DoneQuery = z.object({
  done: z.enum(DONE).optional().catch(undefined),
  listing: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
});
export type DoneQuery = z.infer<typeof DoneQuery>;

/** The address to go to after a change, saying what was done to which listing. */
const doneAddress = (c: Context<KizunaEnv>, path: string, done: Done, listing: Listing) => `${localePath(pageContext(c).lang, path)}?done=${done}&listing=${listing.id}`;

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
export function registerDashboardPages(pages: Hono<KizunaEnv>, db: Db, thresholds: VitalityThresholds): void {
  pages.get('/dashboard', async (c) => {
    const actor = await admit(c, SIGNED_IN, currentPath(c));
    if (actor instanceof Response) return actor;
    const staff = decide(actor, { do: 'listing.moderate' }).allowed;
    const day = today();
    const [account, listings, queue, introductions, life] = await Promise.all([
      getAccount(db, actor.accountId),
      listingsOfActor(db, actor),
      staff ? moderationQueue(db, actor) : [],
      introductionDashboard(db, actor, day),
      lifeDashboard(db, actor, { today: day, thresholds }),
    ]);
    const comments = await changeRequests(db, listings.map((listing) => listing.id));
    const notices: Notice[] = [
      ...(queue.length ? [{ kind: 'queue' as const, count: queue.length }] : []),
      ...(introductions.waiting ? [{ kind: 'introductionsWaiting' as const, count: introductions.waiting }] : []),
      ...introductions.notices.map((notice) => ({ kind: 'introduction' as const, notice })),
      ...life.termNotices.map((notice) => ({ kind: 'term' as const, notice })),
      ...listingNotices(listings, comments, day),
    ];
    const done = DoneQuery.parse(c.req.query());
    const doneTo = done.listing === undefined ? undefined : await listingDoneTo(actor, done.listing);
    return c.html(
      <DashboardPage
        ctx={pageContext(c)}
        staff={staff}
        localGovernments={account.localGovernments.map((lg) => ({ id: lg.id, url: lg.url, name: { en: lg.name, ja: lg.nameJa } }))}
        listings={listings}
        introductions={introductions.introductions}
        notices={notices}
        quiet={life.quiet}
        done={done.done && doneTo ? doneNotice(pageContext(c).lang, done.done, doneTo) : undefined}
      />,
    );
  });

  /** The listing a notice of what was done names, when the viewer may still see it. */
  async function listingDoneTo(actor: AccountActor, listingId: number): Promise<Listing | undefined> {
    try {
      return await getListing(db, actor, listingId);
    } catch (error) {
      if (error instanceof KizunaError && error.id === 'not_found') return undefined;
      throw error;
    }
  }

  pages.get('/dashboard/listings/new', async (c) => {
    const actor = await admit(c, SIGNED_IN, currentPath(c));
    if (actor instanceof Response) return actor;
    const ctx = pageContext(c);
    const query = NewListingQuery.parse(c.req.query());
    // Coordinators search the whole registry; an officer chooses among the LGs they act for.
    const staff = decide(actor, { do: 'listing.moderate' }).allowed;
    // An officer's choice has no search step: the words of one are ignored.
    const sent = { ids: chosenIds(query.lg), lgQuery: staff ? query.lgQuery : '', lgFind: staff && query.lgFind };
    const choose = async (status: 200 | 403 | 409 | 422, problem?: string) =>
      c.html(
        <ChooseListingLgPage
          ctx={ctx}
          own={staff ? undefined : await localGovernmentSummaries(db, actor.localGovernmentIds)}
          picker={await lgPickerState(db, ctx.lang, sent)}
          problem={problem}
        />,
        status,
      );
    if (searchAsked(sent)) return choose(200);
    if (query.lg === undefined && !sent.lgFind) return choose(200);
    const lgId = sent.ids[0];
    if (lgId === undefined) return choose(422, t(ctx.lang, staff ? 'lgPicker.choose' : 'listingForm.chooseOwn'));
    const [lg] = await localGovernmentSummaries(db, [lgId]);
    if (!lg) return choose(422, t(ctx.lang, 'lgPicker.noNumber', { id: String(lgId) }));
    if (!decide(actor, { do: 'listing.write', localGovernmentId: lgId }).allowed) return choose(403, t(ctx.lang, 'listingForm.notYourLg', { lg: lgName(ctx.lang, lg) }));
    const open = await openListingOf(db, lgId);
    if (open) return choose(409, t(ctx.lang, 'listingForm.openAlready', { lg: lgName(ctx.lang, lg) }));
    const figures = registryFigures(await getLocalGovernment(db, lgId));
    return c.html(
      <ListingFormPage ctx={ctx} lg={lg} action={`/dashboard/listings?lg=${lgId}`} values={prefilledValues(figures)} problems={[]} registry={figures} />,
    );
  });

  pages.post('/dashboard/listings', async (c) => {
    const actor = await admit(c, SIGNED_IN, href(pageContext(c), '/dashboard'));
    if (actor instanceof Response) return actor;
    const lgId = Number(c.req.query('lg'));
    const lg = await getLocalGovernment(db, Number.isInteger(lgId) && lgId > 0 && lgId < 2_147_483_647 ? lgId : 0);
    authorize(actor, { do: 'listing.write', localGovernmentId: lg.id });
    const body = await c.req.parseBody({ all: true });
    const form = readListingForm(body);
    const picture = await readListingPicture(body);
    const ctx = pageContext(c);
    const refill = (problems: FieldProblem[], status: 409 | 422) =>
      c.html(
        <ListingFormPage ctx={ctx} lg={lg} action={`/dashboard/listings?lg=${lg.id}`} values={form.values} problems={problems} pictureNotKept={picture.name} />,
        status,
      );
    if (!form.input || picture.problems.length) return refill([...form.problems, ...picture.problems], 422);
    const listing = await keepingTheForm(() => createListing(db, actor, lg.id, form.input!), refill);
    if (listing instanceof Response) return listing;
    return afterSave(c, actor, listing, picture.picture, body.then === 'submit');
  });

  pages.get('/dashboard/listings/:id{[0-9]{1,9}}/edit', async (c) => {
    const actor = await admit(c, SIGNED_IN, currentPath(c));
    if (actor instanceof Response) return actor;
    const listing = await listingToChange(db, actor, id(c));
    const { done } = DoneQuery.parse(c.req.query());
    return renderForm(c, actor, listing, listingFormValues(inputOf(listing)), [], 200, { done });
  });

  pages.post('/dashboard/listings/:id{[0-9]{1,9}}', async (c) => {
    const actor = await admit(c, SIGNED_IN, href(pageContext(c), '/dashboard'));
    if (actor instanceof Response) return actor;
    const listing = await listingToChange(db, actor, id(c));
    const body = await c.req.parseBody({ all: true });
    const form = readListingForm(body);
    const picture = await readListingPicture(body);
    const refill = (problems: FieldProblem[], status: 409 | 422) => renderForm(c, actor, listing, form.values, problems, status, { pictureNotKept: picture.name });
    if (!form.input || picture.problems.length) return refill([...form.problems, ...picture.problems], 422);
    const saved = await keepingTheForm(() => updateListing(db, actor, listing.id, form.input!), refill);
    if (saved instanceof Response) return saved;
    return afterSave(c, actor, saved, picture.picture, body.then === 'submit');
  });

  pages.post('/dashboard/listings/:id{[0-9]{1,9}}/steps/:step', async (c) => {
    const actor = await admit(c, SIGNED_IN, href(pageContext(c), '/dashboard'));
    if (actor instanceof Response) return actor;
    const step = c.req.param('step') as ListingStep;
    if (!Object.hasOwn(LISTING_STEPS, step) || LISTING_STEPS[step].by !== 'owner') throw new KizunaError('not_found', `There is no step ${step} for an officer.`);
    const done = step as Done; // every step an owner takes has its words
    const listing = await listingToChange(db, actor, id(c));
    let after: Listing;
    try {
      after = await takeListingStep(db, actor, listing.id, step);
    } catch (error) {
      // A listing that is not complete goes back to its form, with the fields to fill.
      if (step === 'submit' && error instanceof KizunaError && error.id === 'validation_failed') {
        return renderForm(c, actor, listing, listingFormValues(inputOf(listing)), error.problems, 422);
      }
      throw error;
    }
    return c.redirect(doneAddress(c, '/dashboard', done, after), 303);
  });

  pages.get('/moderation', async (c) => {
    const actor = await admit(c, { do: 'listing.moderate' }, currentPath(c));
    if (actor instanceof Response) return actor;
    const done = DoneQuery.parse(c.req.query());
    const doneTo = done.listing === undefined ? undefined : await listingDoneTo(actor, done.listing);
    const notice = done.done && doneTo ? doneNotice(pageContext(c).lang, done.done, doneTo) : undefined;
    return c.html(<ModerationQueuePage ctx={pageContext(c)} queue={await moderationQueue(db, actor)} done={notice} />);
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
    let after: Listing;
    try {
      after = await takeListingStep(db, actor, id(c), step, comment);
    } catch (error) {
      if (error instanceof KizunaError && error.id === 'validation_failed') {
        const listing = await getListing(db, actor, id(c));
        return c.html(<ModerationReviewPage ctx={pageContext(c)} listing={listing} history={await listingHistory(db, actor, listing.id)} comment={comment} problems={error.problems} />, 422);
      }
      throw error;
    }
    return c.redirect(doneAddress(c, '/moderation', step, after), 303);
  });

  async function renderForm(
    c: Context<KizunaEnv>,
    actor: AccountActor,
    listing: Listing,
    values: ReturnType<typeof listingFormValues>,
    problems: KizunaError['problems'],
    status: 200 | 409 | 422,
    shown: { done?: Done | undefined; pictureNotKept?: string } = {},
  ) {
    const lang = pageContext(c).lang;
    return c.html(
      <ListingFormPage
        ctx={pageContext(c)}
        lg={listing.localGovernment}
        action={`/dashboard/listings/${listing.id}`}
        listing={listing}
        history={await listingHistory(db, actor, listing.id)}
        values={values}
        problems={problems}
        done={shown.done ? doneNotice(lang, shown.done, listing) : undefined}
        pictureNotKept={shown.pictureNotKept}
      />,
      status,
    );
  }

  /**
   * After saving the texts: the picture asked for, then the submission if asked (back to the form
   * if something is missing), and the page that says what was done.
   */
  async function afterSave(c: Context<KizunaEnv>, actor: AccountActor, listing: Listing, picture: PictureChange, submit: boolean) {
    let saved = listing;
    if (picture === 'remove') saved = listing.imageUrl ? await removeListingImage(db, actor, listing.id) : listing;
    else if (picture) saved = await setListingImage(db, actor, listing.id, picture);
    if (submit) {
      try {
        return c.redirect(doneAddress(c, '/dashboard', 'submit', await takeListingStep(db, actor, saved.id, 'submit')), 303);
      } catch (error) {
        if (error instanceof KizunaError && error.id === 'validation_failed') return renderForm(c, actor, saved, listingFormValues(inputOf(saved)), error.problems, 422);
        throw error;
      }
    }
    return c.redirect(doneAddress(c, `/dashboard/listings/${saved.id}/edit`, saved.status === 'draft' ? 'saved' : 'savedForReview', saved), 303);
  }
}
