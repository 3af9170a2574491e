import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { decide, type Action } from '../../domain/authorization.js';
import { INTRODUCTION_STATUSES, type IntroductionStatus } from '../../domain/introductions.js';
import { KizunaError, notFound } from '../../errors.js';
import { localePath, t } from '../../i18n/index.js';
import { getAccount } from '../../services/accounts.js';
import {
  expressInterest,
  getIntroduction,
  interestPreview,
  IntroductionError,
  listIntroductions,
  saveTrackerStep,
  takeIntroductionStep,
  type Notifier,
  type TrackerStepInput,
} from '../../services/introductions.js';
import { getLocalGovernment, today } from '../../services/registry.js';
import { LgSearchFields, lgPickerState, searchAsked } from '../forms/lgPicker.js';
import { pageContext } from '../pageContext.js';
import { ForbiddenPage, localMessage } from '../pages/account.js';
import { ChooseSenderPage, IntroductionPage, IntroductionsPage, NewIntroductionPage, STEP_PATHS, type FailedForm } from '../pages/introductions.js';
import { href } from '../pages/layout.js';
import type { KizunaEnv, SessionOptions } from '../session.js';
import { admit, currentPath, notifierOf } from './access.js';

/** What a browser sends for a text field; anything else (a file, a missing field) reads as ''. */
const text = z.unknown().optional().transform((value) => (typeof value === 'string' ? value : ''));
/** A row id as typed in an address or a form; 0 (which no row has) when it is not one. */
const rowId = z.unknown().optional().transform((value) => (typeof value === 'string' && /^\s*\d{1,9}\s*$/.test(value) ? Number(value) : 0));

/** The form of a new expression of interest (the rules on it are in domain/introductions.ts). */
export const InterestForm = z.object({ from: rowId, to: rowId, message: text });
export type InterestForm = z.infer<typeof InterestForm>;

/** The form of each step of an introduction: its words. */
export const StepMessageForm = z.object({ message: text });
export type StepMessageForm = z.infer<typeof StepMessageForm>;

/** The fixed fields of a tracker step's form; its links come as links[N].url and links[N].label. */
export const TrackerStepForm = z.object({ doneOn: text, notes: text, label: text, labelOriginal: text });
export type TrackerStepForm = z.infer<typeof TrackerStepForm>;

/** Link rows read at most: the rules refuse more than ten, and a forged form cannot make the page read without end. */
const MOST_LINK_ROWS = 50;

/** A tracker step's form as the service takes it, and its values as typed to fill the form again. */
export function readTrackerStepForm(body: Record<string, unknown>): { entry: TrackerStepInput; values: Record<string, string> } {
  const fields = TrackerStepForm.parse(body);
  const values: Record<string, string> = { ...fields };
  const links: { url: string; label: string }[] = [];
  for (let row = 0; row < MOST_LINK_ROWS; row++) {
    const url = text.parse(body[`links[${row}].url`]).trim();
    const label = text.parse(body[`links[${row}].label`]).trim();
    if (url || label) {
      values[`links[${row}].url`] = url;
      values[`links[${row}].label`] = label;
      links.push({ url, label });
    }
  }
  return { entry: { ...fields, links }, values };
}

/** Any signed-in account may open these pages; what it may do there is decided by the service. */
const SIGNED_IN: Action = { do: 'account.self' };

/** A refusal of the actor as a page in its language (the services say why in English). */
async function forbiddenAsPage<T>(c: Context<KizunaEnv>, work: () => Promise<T>): Promise<T | Response> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof KizunaError) || error.id !== 'forbidden') throw error;
    const ctx = pageContext(c);
    return c.html(<ForbiddenPage ctx={ctx} reason={localMessage(ctx.lang, error.message)} />, 403);
  }
}

const introductionId = (c: Context) => Number(c.req.param('id'));

/** Introductions: the list, expressing interest, each introduction's thread and steps, and its formation tracker. */
export function registerIntroductionPages(pages: Hono<KizunaEnv>, db: Db, options: SessionOptions): void {
  pages.get('/introductions', async (c) => {
    const actor = await admit(c, SIGNED_IN, currentPath(c));
    if (actor instanceof Response) return actor;
    const requested = c.req.query('status');
    const status = (INTRODUCTION_STATUSES as readonly string[]).includes(requested ?? '') ? (requested as IntroductionStatus) : undefined;
    const staff = decide(actor, { do: 'introduction.coordinate' }).allowed;
    return c.html(<IntroductionsPage ctx={pageContext(c)} introductions={await listIntroductions(db, actor, { status })} status={status} staff={staff} />);
  });

  pages.get('/introductions/new', async (c) => {
    const actor = await admit(c, SIGNED_IN, currentPath(c));
    if (actor instanceof Response) return actor;
    const ctx = pageContext(c);
    const toId = rowId.parse(c.req.query('to'));
    if (!toId) throw notFound('The local government to express interest in (?to=ID)');
    let fromId = rowId.parse(c.req.query('from'));
    const search = z.object(LgSearchFields).parse(c.req.query());
    if (!fromId || searchAsked(search)) {
      const to = await getLocalGovernment(db, toId);
      if (decide(actor, { do: 'introduction.coordinate' }).allowed) {
        const picker = await lgPickerState(db, ctx.lang, { ids: fromId ? [fromId] : [], ...search });
        const problem = search.lgFind && !searchAsked(search) ? t(ctx.lang, 'lgPicker.choose') : undefined;
        return c.html(<ChooseSenderPage ctx={ctx} to={to} choice={{ kind: 'staff', picker, problem }} />, problem ? 422 : 200);
      }
      const own = (await getAccount(db, actor.accountId)).localGovernments.filter((lg) => lg.id !== toId);
      if (own.length !== 1) {
        const choices = own.map((lg) => ({ id: lg.id, name: { en: lg.name, ja: lg.nameJa } }));
        return c.html(<ChooseSenderPage ctx={ctx} to={to} choice={{ kind: 'officer', localGovernments: choices }} />);
      }
      fromId = own[0]!.id;
    }
    const preview = await forbiddenAsPage(c, () => interestPreview(db, actor, fromId, toId));
    if (preview instanceof Response) return preview;
    return c.html(<NewIntroductionPage ctx={ctx} preview={preview} message="" problems={[]} />);
  });

  pages.post('/introductions', async (c) => {
    const ctx = pageContext(c);
    const actor = await admit(c, SIGNED_IN, href(ctx, '/dashboard'));
    if (actor instanceof Response) return actor;
    const form = InterestForm.parse(await c.req.parseBody());
    const saved = await forbiddenAsPage(c, async () => {
      try {
        return await expressInterest(db, actor, form, { notifier: notifierOf(c, options) });
      } catch (error) {
        if (!(error instanceof IntroductionError)) throw error;
        // The form again, with what was typed and why it was refused; an unknown party has no form to show.
        const preview = await interestPreview(db, actor, form.from, form.to).catch((lookup: unknown) => {
          throw lookup instanceof KizunaError && lookup.id === 'not_found' ? error : lookup;
        });
        return c.html(<NewIntroductionPage ctx={ctx} preview={preview} message={form.message} problems={error.reasons} />, error.status);
      }
    });
    if (saved instanceof Response) return saved;
    return c.redirect(localePath(ctx.lang, saved.url), 303);
  });

  pages.get('/introductions/:id{[0-9]{1,9}}', async (c) => {
    const actor = await admit(c, SIGNED_IN, currentPath(c));
    if (actor instanceof Response) return actor;
    const introduction = await forbiddenAsPage(c, () => getIntroduction(db, actor, introductionId(c)));
    if (introduction instanceof Response) return introduction;
    return c.html(<IntroductionPage ctx={pageContext(c)} introduction={introduction} today={today()} />);
  });

  /** The page again after a refused change, with what was typed in the form that failed and why. */
  async function again(c: Context<KizunaEnv>, failed: FailedForm, status: number): Promise<Response> {
    const introduction = await getIntroduction(db, c.get('actor'), introductionId(c));
    return c.html(<IntroductionPage ctx={pageContext(c)} introduction={introduction} today={today()} failed={failed} />, status as 409 | 422 | 429);
  }

  pages.post('/introductions/:id{[0-9]{1,9}}/:action{forward|ask|decline|accept|withdraw|messages}', async (c) => {
    const ctx = pageContext(c);
    const id = introductionId(c);
    const actor = await admit(c, SIGNED_IN, href(ctx, `/introductions/${id}`));
    if (actor instanceof Response) return actor;
    const step = STEP_PATHS[c.req.param('action')]!;
    const { message } = StepMessageForm.parse(await c.req.parseBody());
    const done = await forbiddenAsPage(c, async () => {
      try {
        return await takeIntroductionStep(db, actor, id, step, message, { notifier: notifierOf(c, options) });
      } catch (error) {
        if (error instanceof IntroductionError) return again(c, { form: step, values: { message }, problems: error.reasons }, error.status);
        throw error;
      }
    });
    if (done instanceof Response) return done;
    return c.redirect(localePath(ctx.lang, done.url), 303);
  });

  for (const intent of ['record', 'correct'] as const) {
    pages.post(`/introductions/:id{[0-9]{1,9}}/steps/:step{[0-9]{1,2}}${intent === 'correct' ? '/correction' : ''}`, async (c) => {
      const ctx = pageContext(c);
      const id = introductionId(c);
      const actor = await admit(c, SIGNED_IN, href(ctx, `/introductions/${id}`));
      if (actor instanceof Response) return actor;
      const step = Number(c.req.param('step'));
      const { entry, values } = readTrackerStepForm(await c.req.parseBody());
      const done = await forbiddenAsPage(c, async () => {
        try {
          return await saveTrackerStep(db, actor, id, step, entry, intent);
        } catch (error) {
          if (error instanceof IntroductionError) return again(c, { form: `${intent}-${step}`, values, problems: error.reasons }, error.status);
          throw error;
        }
      });
      if (done instanceof Response) return done;
      return c.redirect(`${localePath(ctx.lang, done.url)}#tracker-step-${step}`, 303);
    });
  }
}
