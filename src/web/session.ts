import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Db } from '../db/client.js';
import { LIFETIMES } from '../domain/accounts.js';
import { PUBLIC, type Actor } from '../domain/authorization.js';
import { KizunaError } from '../errors.js';
import { actorOfApiToken, actorOfSession, installationSecret } from '../services/accounts.js';

/** What every request carries once identify() has run. */
export type KizunaEnv = {
  Variables: {
    actor: Actor;
    /** The session secret of a signed-in browser. */
    session: string | undefined;
    /**
     * The CSRF token every form of this visitor must send back. A visitor without a cookie to bind
     * it to gets one only when a form needs the token, and the answer carrying it is marked personal.
     */
    csrf: () => string;
  };
};

export const SESSION_COOKIE = 'kizuna_session';
/** A random id for visitors without a session, so that the sign-in form is protected against CSRF too. */
const VISITOR_COOKIE = 'kizuna_visitor';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** The newsletter's unsubscribe links, which mail programs POST to without a page (RFC 8058). */
const ONE_CLICK_UNSUBSCRIBE = /^(\/ja)?\/newsletter\/unsubscribe\/[A-Za-z0-9_-]{20,64}$/;

/** An answer for one person (it names them, or carries their CSRF token): kept by no cache. */
export const PERSONAL_ANSWER = 'private, no-store';

/** Marks the answer as one person's: no cache keeps it, in the server, a proxy or a browser. */
export function markPersonal(c: Context): void {
  c.header('Cache-Control', PERSONAL_ANSWER);
}

export interface SessionOptions {
  /** Behind a reverse proxy: trust X-Forwarded-For and X-Forwarded-Proto. */
  trustProxy: boolean;
}

/**
 * The client's address: the socket's, or behind a trusted proxy the last X-Forwarded-For hop, the
 * one the proxy itself added (the hops before it are whatever the client chose to send).
 */
export function clientAddress(c: Context, options: SessionOptions): string {
  if (options.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // requests made in-process (tests) have no socket
  }
}

const isHttps = (c: Context, options: SessionOptions) =>
  new URL(c.req.url).protocol === 'https:' || (options.trustProxy && c.req.header('x-forwarded-proto') === 'https');

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure over HTTPS. */
export function startSessionCookie(c: Context, session: string, options: SessionOptions): void {
  setCookie(c, SESSION_COOKIE, session, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c, options),
    path: '/',
    maxAge: LIFETIMES.session / 1000,
  });
}

export function endSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Finds who is asking (an API token, a session cookie, or the public), works out the CSRF token
 * bound to the browser's session or visitor id, and refuses a browser's write without it.
 * Requests with an API token carry no cookies' authority, so they need no CSRF token.
 */
export function identify(db: Db, options: SessionOptions): MiddlewareHandler<KizunaEnv> {
  let secret: Promise<string> | undefined;
  return async (c, next) => {
    const authorization = c.req.header('authorization');
    if (authorization !== undefined) {
      const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
      const actor = token ? await actorOfApiToken(db, token) : undefined;
      if (!actor) throw new KizunaError('unauthorized', 'The API token is unknown or revoked. Send "Authorization: Bearer <token>" with a token made on your account page.');
      c.set('actor', actor);
      c.set('session', undefined);
      c.set('csrf', () => '');
      return next();
    }

    let session = getCookie(c, SESSION_COOKIE);
    const actor = session ? await actorOfSession(db, session) : undefined;
    if (session && !actor) {
      endSessionCookie(c);
      session = undefined;
    }
    const known = session ?? getCookie(c, VISITOR_COOKIE);
    const key = await (secret ??= installationSecret(db));
    // Worked out when first needed: most answers carry no form.
    let binding: string | undefined;
    let csrf: string | undefined;
    const token = () => {
      binding ??= known && known.length <= 100 ? known : randomBytes(24).toString('base64url');
      return (csrf ??= createHmac('sha256', key).update(binding).digest('base64url'));
    };
    let handedOut = false;
    c.set('actor', actor ?? PUBLIC);
    c.set('session', session);
    c.set('csrf', () => {
      const handed = token();
      if (!handedOut) {
        handedOut = true;
        if (binding !== known) setCookie(c, VISITOR_COOKIE, binding!, { httpOnly: true, sameSite: 'Lax', secure: isHttps(c, options), path: '/' });
        markPersonal(c);
      }
      return handed;
    });

    // An API call without a session has no cookie's authority to abuse; the API refuses it as anonymous.
    const anonymousApiCall = !session && c.req.path.startsWith('/api/');
    // A mail program unsubscribes with one POST (RFC 8058) carrying no token but the link's own secret.
    const oneClickUnsubscribe = ONE_CLICK_UNSUBSCRIBE.test(c.req.path);
    if (!SAFE_METHODS.has(c.req.method) && !anonymousApiCall && !oneClickUnsubscribe) {
      let given = c.req.header(CSRF_HEADER);
      const type = c.req.header('content-type') ?? '';
      if (given === undefined && (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data'))) {
        const value = (await c.req.parseBody())[CSRF_FIELD];
        given = typeof value === 'string' ? value : undefined;
      }
      if (!given || !sameText(given, token())) {
        throw new KizunaError('forbidden', 'This form has expired or did not come from this site (its CSRF token is missing or wrong). Reload the page and try again.');
      }
    }
    return next();
  };
}
