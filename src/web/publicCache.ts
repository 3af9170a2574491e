import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Db } from '../db/client.js';
import { registerVersionReader } from '../services/registerVersion.js';
import { today } from '../services/registry.js';
import { answerKey, answerTag, LruByBytes } from './answerCache.js';
import { etagMatches } from './assets.js';
import { PERSONAL_ANSWER, SESSION_COOKIE } from './session.js';

/** A cached answer tells browsers and proxies they may keep it, but must ask each time whether it is still current (a 304 when it is). */
export const PUBLIC_ANSWER = 'public, max-age=0, must-revalidate';

/** Headers that belong to one request rather than to its answer: the asker's own rate limit. */
const UNSHARED_HEADERS = new Set(['ratelimit', 'ratelimit-policy']);

interface StoredAnswer {
  version: string;
  day: string;
  etag: string;
  headers: [string, string][];
  body: Uint8Array;
  bytes: number;
}

/** Neither signed in (a session cookie) nor calling with an API token: one of the public, who all see the same. */
const fromThePublic = (c: Context) => c.req.header('authorization') === undefined && getCookie(c, SESSION_COOKIE) === undefined;

const storable = (response: Response) =>
  response.status === 200 && response.body !== null && !response.headers.has('set-cookie') && !/\b(private|no-store)\b/i.test(response.headers.get('cache-control') ?? '');

function answerFrom(stored: StoredAnswer, ifNoneMatch: string | undefined): Response {
  if (etagMatches(ifNoneMatch, stored.etag)) {
    return new Response(null, { status: 304, headers: stored.headers.filter(([name]) => name === 'etag' || name === 'cache-control' || name === 'vary') });
  }
  return new Response(stored.body, { status: 200, headers: stored.headers });
}

/**
 * Answers the public's GET requests from memory while the register's version and Japan's day are
 * those they were made under; otherwise the request is answered afresh and the answer kept, unless
 * it is not the same for everyone (not a 200, sets a cookie, or was marked personal). Requests for
 * the same answer that arrive while it is being made wait for it rather than make it again. Every
 * kept answer carries an ETag and Cache-Control: PUBLIC_ANSWER, and a matching If-None-Match gets a
 * 304. Requests of signed-in people and API tokens are never answered from here, and their answers
 * are marked PERSONAL_ANSWER unless they say otherwise.
 */
export function publicCache(db: Db, maxBytes: number): MiddlewareHandler {
  const answers = new LruByBytes<StoredAnswer>(maxBytes);
  const currentVersion = registerVersionReader(db);
  const inProgress = new Map<string, Promise<StoredAnswer | undefined>>();
  // One large answer (a register export) must not push out all the pages.
  const largestAnswer = maxBytes / 8;

  return async (c, next) => {
    if (c.req.method !== 'GET') return next();
    if (!fromThePublic(c)) {
      await next();
      if (!c.res.headers.has('cache-control')) c.header('Cache-Control', PERSONAL_ANSWER);
      return;
    }
    const version = await currentVersion();
    const day = today();
    const key = answerKey(c.req.url, c.req.header('accept-encoding'));
    const ifNoneMatch = c.req.header('if-none-match');
    const kept = answers.get(key);
    if (kept && kept.version === version && kept.day === day) return answerFrom(kept, ifNoneMatch);

    const turn = `${version} ${day} ${key}`;
    const made = inProgress.get(turn);
    if (made) {
      const answer = await made;
      if (answer) return answerFrom(answer, ifNoneMatch);
      return next();
    }
    let settle: (answer: StoredAnswer | undefined) => void = () => {};
    inProgress.set(turn, new Promise((resolve) => (settle = resolve)));
    let answer: StoredAnswer | undefined;
    try {
      await next();
      if (!storable(c.res)) return;
      const response = c.res;
      const body = new Uint8Array(await response.arrayBuffer());
      const etag = answerTag(version, day, key);
      const headers = new Headers(response.headers);
      headers.set('ETag', etag);
      headers.set('Cache-Control', PUBLIC_ANSWER);
      const shared: [string, string][] = [...headers].filter(([name]) => !UNSHARED_HEADERS.has(name));
      answer = { version, day, etag, headers: shared, body, bytes: body.byteLength + key.length + JSON.stringify(shared).length };
      if (answer.bytes <= largestAnswer) answers.set(key, answer);
      // The asker's own answer keeps its rate-limit headers; a 304 when it has this answer already.
      c.res = undefined;
      c.res = etagMatches(ifNoneMatch, etag) ? answerFrom(answer, ifNoneMatch) : new Response(body, { status: 200, headers });
    } finally {
      inProgress.delete(turn);
      settle(answer);
    }
  };
}
