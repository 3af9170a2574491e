import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { decide, ROLES, type Action, type Actor } from '../../domain/authorization.js';
import { KizunaError } from '../../errors.js';
import { formatJapanTime, t, tCount, type Lang, type MessageKey } from '../../i18n/index.js';
import {
  createApiToken,
  getAccount,
  inviteAccount,
  listAccounts,
  listApiTokens,
  openOneTimeLink,
  passwordResetLink,
  revokeApiToken,
  setAccountEnabled,
  setPasswordWithLink,
  signIn,
  signOut,
  type ApiToken,
  type OneTimeLink,
} from '../../services/accounts.js';
import { AUDIT_PAGE_SIZE, listAuditEntries } from '../../services/audit.js';
import { createMailer, mailSettingsFromEnv, type Mailer } from '../../services/mailer.js';
import { chosenIds, LgSearchFields, lgPickerState, searchAsked, type LgPickerState } from '../forms/lgPicker.js';
import { pageContext } from '../pageContext.js';
import {
  AccountPage,
  AdminAccountsPage,
  AUDIT_ENTITIES,
  AuditPage,
  EMPTY_FORM,
  invitedNotice,
  LinkProblemPage,
  localMessage,
  PasswordPage,
  SignInPage,
  type FormState,
  type IssuedLink,
  type LinkProblem,
  type Notice,
} from '../pages/account.js';
import { href } from '../pages/layout.js';
import { admit, currentPath, localNext, publicOrigin, type AccountActor } from './access.js';
import { clientAddress, CSRF_FIELD, endSessionCookie, markPersonal, startSessionCookie, type KizunaEnv, type SessionOptions } from '../session.js';

/** What a browser sends for a text field; anything else (a file, a missing field) reads as ''. */
const text = z.unknown().transform((value) => (typeof value === 'string' ? value : ''));
const filled = text.refine((value) => value.trim() !== '', { error: 'accounts.problem.required' satisfies MessageKey });

export const SignInForm = z.object({ email: filled, password: filled });
export type SignInForm = z.infer<typeof SignInForm>;

export const PasswordForm = z
  .object({ password: filled, confirmation: text })
  .refine((form) => form.password === form.confirmation, { path: ['confirmation'], error: 'accounts.problem.mismatch' satisfies MessageKey });
export type PasswordForm = z.infer<typeof PasswordForm>;

export const TokenForm = z.object({ name: text });
export type TokenForm = z.infer<typeof TokenForm>;

/** Local governments by number: the picker's ticked boxes, each a number (or numbers with commas, "1234, 5678"). */
const localGovernmentIds = z.unknown().optional().transform((value, ctx) => {
  const sent = (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');
  const parts = sent.flatMap((item) => item.split(/[\s,、，]+/)).filter(Boolean);
  const wrong = parts.find((part) => !/^\d{1,9}$/.test(part));
  if (wrong !== undefined) {
    ctx.addIssue({ code: 'custom', message: 'accounts.problem.lgNotNumber' satisfies MessageKey, params: { value: wrong.slice(0, 30) } });
    return z.NEVER;
  }
  return [...new Set(parts.map(Number))];
});

export const InviteForm = z.object({
  email: text,
  name: text,
  role: z.enum(ROLES, { error: 'accounts.problem.role' satisfies MessageKey }),
  localGovernmentIds,
  ...LgSearchFields,
});
export type InviteForm = z.infer<typeof InviteForm>;

export const AuditQuery = z.object({
  entity: z.enum(AUDIT_ENTITIES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** Fields whose values never go back into a page. */
const UNECHOED = new Set(['password', 'confirmation', CSRF_FIELD]);

/** A posted form read through its schema: the data when valid, and always what was typed and the problems in words. */
async function readForm<T extends z.ZodType>(c: Context<KizunaEnv>, schema: T): Promise<FormState & { data: z.output<T> | undefined; body: Record<string, unknown> }> {
  const body = await c.req.parseBody({ all: true });
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string' && !UNECHOED.has(name)) values[name] = value;
  const parsed = schema.safeParse(body);
  if (parsed.success) return { data: parsed.data, values, problems: {}, body };
  const lang = pageContext(c).lang;
  const problems: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    problems[field] ??= t(lang, issue.message as MessageKey, 'params' in issue ? (issue.params as Record<string, string>) : {});
  }
  return { data: undefined, values, problems, body };
}

/** A service's field problems, in the page's language. */
const problemsOf = (lang: Lang, error: KizunaError): Record<string, string> =>
  Object.fromEntries(error.problems.map((problem) => [problem.field, localMessage(lang, problem.message)]));

const problemNotice = (lang: Lang, error: KizunaError): Notice => ({ kind: 'problem', text: localMessage(lang, error.message) });

/** Pages that show a secret: not kept by caches, and their address (which may hold one) is not sent on. */
export function keepSecret(c: Context): void {
  markPersonal(c);
  c.header('Referrer-Policy', 'no-referrer');
}

/** Why a one-time link was refused, for its page; undefined for other errors. */
function linkProblemOf(error: unknown): LinkProblem | undefined {
  if (!(error instanceof KizunaError)) return undefined;
  if (error.id === 'not_found') return 'unknown';
  if (error.id === 'forbidden') return 'disabled';
  if (error.id === 'conflict') return /expired/i.test(error.message) ? 'expired' : 'used';
  return undefined;
}

/** Mails a one-time link to its account when this installation sends mail; says what happened. */
async function mailLink(link: OneTimeLink, url: string, purpose: IssuedLink['purpose']): Promise<IssuedLink['mail']> {
  let mailer: Mailer | undefined;
  try {
    mailer = createMailer(mailSettingsFromEnv());
  } catch (error) {
    return { sent: false, reason: error instanceof Error ? error.message : String(error) };
  }
  if (!mailer) return { sent: false };
  const [subject, body] = purpose === 'invitation' ? (['accounts.mail.invitationSubject', 'accounts.mail.invitationText'] as const) : (['accounts.mail.resetSubject', 'accounts.mail.resetText'] as const);
  // The person's language is not known yet: Japanese first, then English.
  const inLanguage = (lang: Lang) => t(lang, body, { name: link.account.name, url, when: formatJapanTime(lang, link.expiresAt.toISOString()) });
  try {
    await mailer.send({ to: link.account.email, subject: `${t('ja', subject)} / ${t('en', subject)}`, text: `${inLanguage('ja')}\n\n----\n\n${inLanguage('en')}\n` });
    return { sent: true };
  } catch (error) {
    return { sent: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** The account pages: signing in and out, one-time password links, one's account and tokens, accounts and the audit log. */
export function registerAccountPages(pages: Hono<KizunaEnv>, db: Db, options: SessionOptions): void {
  pages.get('/sign-in', (c) => c.html(<SignInPage ctx={pageContext(c)} form={EMPTY_FORM} next={localNext(c.req.query('next'))} />));

  pages.post('/sign-in', async (c) => {
    const ctx = pageContext(c);
    const next = localNext(c.req.query('next'));
    const form = await readForm(c, SignInForm);
    const again = (status: 401 | 403 | 422 | 429, problems: Record<string, string>, notice?: Notice) =>
      c.html(<SignInPage ctx={ctx} form={{ values: form.values, problems }} next={next} notice={notice} />, status);
    if (!form.data) return again(422, form.problems);
    try {
      const signedIn = await signIn(db, { ...form.data, address: clientAddress(c, options), previousSession: c.get('session') });
      startSessionCookie(c, signedIn.session, options);
      return c.redirect(next ?? href(ctx, '/dashboard'), 303);
    } catch (error) {
      if (!(error instanceof KizunaError)) throw error;
      if (error.id === 'too_many_requests') {
        const retryAfter = 'retryAfter' in error && typeof error.retryAfter === 'number' ? error.retryAfter : 15 * 60;
        c.header('Retry-After', String(retryAfter));
        return again(429, {}, { kind: 'problem', text: tCount(ctx.lang, 'accounts.problem.throttled', Math.ceil(retryAfter / 60)) });
      }
      if (error.id === 'unauthorized') return again(401, { password: t(ctx.lang, 'accounts.problem.wrongPassword') });
      if (error.id === 'forbidden') return again(403, {}, problemNotice(ctx.lang, error));
      throw error;
    }
  });

  pages.post('/sign-out', async (c) => {
    const session = c.get('session');
    if (session) await signOut(db, session);
    endSessionCookie(c);
    return c.redirect(href(pageContext(c), '/'), 303);
  });

  const refuseLink = (c: Context<KizunaEnv>, error: unknown) => {
    const problem = linkProblemOf(error);
    if (!problem) throw error;
    return c.html(<LinkProblemPage ctx={pageContext(c)} problem={problem} />, (error as KizunaError).status);
  };

  pages.get('/account/password/:secret', async (c) => {
    keepSecret(c);
    const secret = c.req.param('secret');
    try {
      const { account, purpose } = await openOneTimeLink(db, secret);
      return c.html(<PasswordPage ctx={pageContext(c)} account={account} purpose={purpose} secret={secret} form={EMPTY_FORM} />);
    } catch (error) {
      return refuseLink(c, error);
    }
  });

  pages.post('/account/password/:secret', async (c) => {
    keepSecret(c);
    const ctx = pageContext(c);
    const secret = c.req.param('secret');
    let link: Awaited<ReturnType<typeof openOneTimeLink>>;
    try {
      link = await openOneTimeLink(db, secret);
    } catch (error) {
      return refuseLink(c, error);
    }
    const form = await readForm(c, PasswordForm);
    const again = (problems: Record<string, string>) =>
      c.html(<PasswordPage ctx={ctx} account={link.account} purpose={link.purpose} secret={secret} form={{ values: form.values, problems }} />, 422);
    if (!form.data) return again(form.problems);
    let email: string;
    try {
      email = (await setPasswordWithLink(db, secret, form.data.password)).email;
    } catch (error) {
      if (error instanceof KizunaError && error.id === 'validation_failed') return again(problemsOf(ctx.lang, error));
      return refuseLink(c, error);
    }
    try {
      const signedIn = await signIn(db, { email, password: form.data.password, address: clientAddress(c, options), previousSession: c.get('session') });
      startSessionCookie(c, signedIn.session, options);
    } catch (error) {
      // The password is set; if this address may not sign in just now, the sign-in page says why.
      if (error instanceof KizunaError && error.id === 'too_many_requests') return c.redirect(href(ctx, '/sign-in'), 303);
      throw error;
    }
    return c.redirect(href(ctx, '/dashboard'), 303);
  });

  const renderAccount = async (
    c: Context<KizunaEnv>,
    actor: AccountActor,
    shown: { status?: ContentfulStatusCode; form?: FormState; created?: { token: string; record: ApiToken }; notice?: Notice } = {},
  ) => {
    const [account, tokens] = await Promise.all([getAccount(db, actor.accountId), listApiTokens(db, actor)]);
    return c.html(
      <AccountPage ctx={pageContext(c)} account={account} tokens={tokens} form={shown.form ?? EMPTY_FORM} created={shown.created} notice={shown.notice} />,
      shown.status ?? 200,
    );
  };

  pages.get('/account', async (c) => {
    const actor = await admit(c, { do: 'account.self' }, currentPath(c));
    return actor instanceof Response ? actor : renderAccount(c, actor);
  });

  pages.post('/account/tokens', async (c) => {
    const actor = await admit(c, { do: 'account.self' }, href(pageContext(c), '/account'));
    if (actor instanceof Response) return actor;
    const form = await readForm(c, TokenForm);
    try {
      const created = await createApiToken(db, actor, form.data?.name ?? '');
      keepSecret(c);
      return renderAccount(c, actor, { created });
    } catch (error) {
      if (!(error instanceof KizunaError) || error.id !== 'validation_failed') throw error;
      return renderAccount(c, actor, { status: 422, form: { values: form.values, problems: problemsOf(pageContext(c).lang, error) } });
    }
  });

  pages.post('/account/tokens/:id{[0-9]{1,9}}/revoke', async (c) => {
    const ctx = pageContext(c);
    const actor = await admit(c, { do: 'account.self' }, href(ctx, '/account'));
    if (actor instanceof Response) return actor;
    try {
      const revoked = await revokeApiToken(db, actor, Number(c.req.param('id')));
      return renderAccount(c, actor, { notice: { kind: 'done', text: t(ctx.lang, 'accounts.tokens.revokedNotice', { name: revoked.name }) } });
    } catch (error) {
      if (!(error instanceof KizunaError) || error.id !== 'not_found') throw error;
      return renderAccount(c, actor, { status: 404, notice: problemNotice(ctx.lang, error) });
    }
  });

  /** Coordinators invite officers; administrators invite anyone and manage accounts. */
  const MAY_INVITE_OFFICERS: Action = { do: 'account.invite', role: 'officer' };

  const renderAdmin = async (
    c: Context<KizunaEnv>,
    actor: AccountActor,
    shown: { status?: ContentfulStatusCode; form?: FormState; picker?: LgPickerState; issued?: IssuedLink; notice?: Notice } = {},
  ) => {
    const accounts = decide(actor, { do: 'account.list' }).allowed ? await listAccounts(db, actor) : undefined;
    const invitableRoles = ROLES.filter((role) => decide(actor, { do: 'account.invite', role }).allowed);
    return c.html(
      <AdminAccountsPage
        ctx={pageContext(c)}
        accounts={accounts}
        canManage={decide(actor, { do: 'account.manage' }).allowed}
        invitableRoles={invitableRoles}
        form={shown.form ?? { values: { role: 'officer' }, problems: {} }}
        picker={shown.picker ?? { chosen: [], query: '' }}
        issued={shown.issued}
        notice={shown.notice}
        viewerId={actor.accountId}
      />,
      shown.status ?? 200,
    );
  };

  /** A one-time link made for someone: its address to pass on, mailed too when mail is set up. */
  const passOn = async (c: Context<KizunaEnv>, link: OneTimeLink, purpose: IssuedLink['purpose']): Promise<IssuedLink> => {
    keepSecret(c);
    const url = `${publicOrigin(c, options)}/account/password/${link.secret}`;
    return { purpose, url, expiresAt: link.expiresAt.toISOString(), account: link.account, mail: await mailLink(link, url, purpose) };
  };

  pages.get('/admin/accounts', async (c) => {
    const actor = await admit(c, MAY_INVITE_OFFICERS, currentPath(c));
    return actor instanceof Response ? actor : renderAdmin(c, actor);
  });

  pages.post('/admin/accounts/invite', async (c) => {
    const ctx = pageContext(c);
    const actor = await admit(c, MAY_INVITE_OFFICERS, href(ctx, '/admin/accounts'));
    if (actor instanceof Response) return actor;
    const form = await readForm(c, InviteForm);
    const sent = { ids: chosenIds(form.body.localGovernmentIds), lgQuery: form.values.lgQuery ?? '', lgFind: form.body.lgFind !== undefined };
    const picker = await lgPickerState(db, ctx.lang, sent);
    if (searchAsked(sent)) return renderAdmin(c, actor, { form: { values: form.values, problems: {} }, picker });
    if (!form.data) return renderAdmin(c, actor, { status: 422, form, picker });
    try {
      const link = await inviteAccount(db, actor, form.data);
      // Not a redirect: the page shows the one-time link, which is made once and kept nowhere.
      return renderAdmin(c, actor, { issued: await passOn(c, link, 'invitation'), notice: { kind: 'done', text: invitedNotice(ctx.lang, link.account) } });
    } catch (error) {
      if (!(error instanceof KizunaError)) throw error;
      if (error.id === 'validation_failed' || error.id === 'conflict') {
        return renderAdmin(c, actor, { status: error.status, form: { values: form.values, problems: problemsOf(ctx.lang, error) }, picker });
      }
      if (error.id === 'forbidden') return renderAdmin(c, actor, { status: 403, form: { values: form.values, problems: { role: localMessage(ctx.lang, error.message) } }, picker });
      throw error;
    }
  });

  for (const enabled of [true, false]) {
    pages.post(`/admin/accounts/:id{[0-9]{1,9}}/${enabled ? 'enable' : 'disable'}`, async (c) => {
      const ctx = pageContext(c);
      const actor = await admit(c, { do: 'account.manage' }, href(ctx, '/admin/accounts'));
      if (actor instanceof Response) return actor;
      try {
        const account = await setAccountEnabled(db, actor, Number(c.req.param('id')), enabled);
        const done = t(ctx.lang, enabled ? 'accounts.list.enabledNotice' : 'accounts.list.disabledNotice', { name: account.name });
        return renderAdmin(c, actor, { notice: { kind: 'done', text: done } });
      } catch (error) {
        if (!(error instanceof KizunaError) || (error.id !== 'conflict' && error.id !== 'not_found')) throw error;
        return renderAdmin(c, actor, { status: error.status, notice: problemNotice(ctx.lang, error) });
      }
    });
  }

  pages.post('/admin/accounts/:id{[0-9]{1,9}}/reset-link', async (c) => {
    const ctx = pageContext(c);
    const actor = await admit(c, { do: 'account.manage' }, href(ctx, '/admin/accounts'));
    if (actor instanceof Response) return actor;
    try {
      const link = await passwordResetLink(db, actor, Number(c.req.param('id')));
      return renderAdmin(c, actor, { issued: await passOn(c, link, link.account.status === 'invited' ? 'invitation' : 'reset') });
    } catch (error) {
      if (!(error instanceof KizunaError) || (error.id !== 'conflict' && error.id !== 'not_found')) throw error;
      return renderAdmin(c, actor, { status: error.status, notice: problemNotice(ctx.lang, error) });
    }
  });

  pages.get('/audit', async (c) => {
    const actor = await admit(c, { do: 'audit.read' }, currentPath(c));
    if (actor instanceof Response) return actor;
    const query = AuditQuery.parse(c.req.query());
    const { total, entries } = await listAuditEntries(db, actor, query);
    const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
    return c.html(<AuditPage ctx={pageContext(c)} entries={entries} total={total} page={query.page} pages={pageCount} entity={query.entity} />);
  });
}
