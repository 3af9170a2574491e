import type { Context } from 'hono';
import type { Action, Actor } from '../../domain/authorization.js';
import { decide } from '../../domain/authorization.js';
import type { Notifier } from '../../services/introductions.js';
import { createMailer, mailSettingsFromEnv } from '../../services/mailer.js';
import { pageContext } from '../pageContext.js';
import { ForbiddenPage, localMessage } from '../pages/account.js';
import { href } from '../pages/layout.js';
import type { KizunaEnv, SessionOptions } from '../session.js';

/** Who may reach the pages of accounts, the dashboard and moderation: signed in, and allowed the action. */

/** Where to go after signing in: a path of this site (not //host, which browsers read as another site). */
export function localNext(next: string | undefined): string | undefined {
  if (!next || !next.startsWith('/') || next.startsWith('//') || /[\\\s]/.test(next)) return undefined;
  const base = 'http://kizuna.invalid';
  return new URL(next, base).origin === base ? next : undefined;
}

/** The page's own address with its query, to come back to after signing in. */
export const currentPath = (c: Context) => {
  const url = new URL(c.req.url);
  return url.pathname + url.search;
};

export function signInFirst(c: Context<KizunaEnv>, back: string): Response {
  return c.redirect(href(pageContext(c), `/sign-in?next=${encodeURIComponent(back)}`), 303);
}

export type AccountActor = Actor & { kind: 'account' };

/**
 * The signed-in account when it may do the action; otherwise the answer: the sign-in page (which
 * comes back to `back`) for the public, a page saying why for an account that may not.
 */
export async function admit(c: Context<KizunaEnv>, action: Action, back: string): Promise<AccountActor | Response> {
  const actor = c.get('actor');
  if (actor.kind !== 'account') return signInFirst(c, back);
  const decision = decide(actor, action);
  if (decision.allowed) return actor;
  const ctx = pageContext(c);
  return c.html(<ForbiddenPage ctx={ctx} reason={localMessage(ctx.lang, decision.reason)} />, 403);
}

/** This site's address as visitors see it, for links that leave the site (in mail, passed on by hand). */
export function publicOrigin(c: Context, options: SessionOptions): string {
  const url = new URL(c.req.url);
  if (options.trustProxy) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
    const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim();
    if (proto === 'http' || proto === 'https') url.protocol = `${proto}:`;
    if (host && /^[a-z0-9.-]+(:\d{1,5})?$/i.test(host)) url.host = host;
  }
  return url.origin;
}

/** The mailer and this site's address when mail is configured; wrong settings are logged and mean no mail. */
export function notifierOf(c: Context, options: SessionOptions): Notifier | undefined {
  try {
    const mailer = createMailer(mailSettingsFromEnv());
    return mailer ? { mailer, origin: publicOrigin(c, options) } : undefined;
  } catch (error) {
    console.error(`No mail is sent: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
