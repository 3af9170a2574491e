import type { Context, MiddlewareHandler } from 'hono';
import type { Db } from '../db/client.js';
import { addressPartition, rateLimitFields, scaledQuota, type CostlyWork, type Quotas } from '../domain/rateLimits.js';
import { tooManyRequests } from '../errors.js';
import { bucketKeeper } from '../services/rateLimits.js';
import { asCostlyWork } from '../turns.js';
import { clientAddress, type KizunaEnv, type SessionOptions } from './session.js';

export interface FairUseSettings {
  /** The public's quotas, per client address. */
  quotas: Quotas;
  /** Signed-in people and API tokens get this many times the public's quota, per account. */
  signedInFactor: number;
}

/** The addresses of costly work, in either language; the first that fits a request names its kind. */
const COSTLY_ADDRESSES: { work: CostlyWork; path: RegExp; asked?: string }[] = [
  // A prefecture's report ranks partners for its LGs (kept once made, until the register changes).
  { work: 'match', path: /^(\/ja)?\/strategy\/prefectures\/\d{6}(\.xlsx)?$/ },
  { work: 'export', path: /\.(csv|xlsx)$/ },
  { work: 'match', path: /^(\/ja)?\/match$|^\/api\/match$/ },
  { work: 'search', path: /^(\/ja)?\/(search|lg-choices)$|^\/api\/search$/ },
  // Today's statistics are the same for everyone and kept by the cache; another day's are worked out.
  { work: 'statistics', path: /^(\/ja)?\/statistics$|^\/api\/stats$/, asked: 'asOf' },
  // The strategy's figures likewise: today's are kept by the cache, another day's are worked out.
  { work: 'statistics', path: /^(\/ja)?\/strategy(\/local-governments)?$|^\/api\/strategy$/, asked: 'asOf' },
];

/** Which costly work a GET of a path does, if any: `asked` tells whether the query names a parameter. */
export function costlyWorkOf(path: string, asked: (parameter: string) => boolean): CostlyWork | undefined {
  return COSTLY_ADDRESSES.find((address) => address.path.test(path) && (address.asked === undefined || asked(address.asked)))?.work;
}

/** The costly work a request asks for, if any. */
const costlyWorkAsked = (c: Context): CostlyWork | undefined => (c.req.method === 'GET' ? costlyWorkOf(c.req.path, (parameter) => c.req.query(parameter) !== undefined) : undefined);

/**
 * Takes a token for each request that does costly work (matchmaking, search, exports, statistics of
 * another day) from its client's bucket: the public's by address, signed-in people's and API tokens'
 * by account with a larger quota. Every such answer says where the client stands in RateLimit-Policy
 * and RateLimit; a request finding the bucket empty is refused with 429 and Retry-After. Runs after
 * the public cache, so that answers already made cost nothing.
 */
export function fairUse(db: Db, settings: FairUseSettings, sessionOptions: SessionOptions): MiddlewareHandler<KizunaEnv> {
  const takeFromBucket = bucketKeeper(db);
  return async (c, next) => {
    const work = costlyWorkAsked(c);
    if (!work) return next();
    const actor = c.get('actor');
    const [client, quota] =
      actor.kind === 'account'
        ? [`account:${actor.accountId}`, scaledQuota(settings.quotas[work], settings.signedInFactor)]
        : [`address:${addressPartition(clientAddress(c, sessionOptions))}`, settings.quotas[work]];
    const outcome = await takeFromBucket(`${work} ${client}`, quota);
    const fields = rateLimitFields(work, quota, outcome);
    c.header('RateLimit-Policy', fields.policy);
    c.header('RateLimit', fields.limit);
    if (!outcome.allowed) {
      throw tooManyRequests(
        `Too many requests for ${work} from ${actor.kind === 'account' ? 'this account' : 'this address'}: ${quota.limit} are answered in ${quota.windowSeconds} seconds. Try again in ${outcome.resetSeconds} seconds.`,
        outcome.resetSeconds,
      );
    }
    return next();
  };
}

/** The kinds of work long enough (a tenth of a second and more) to take turns with everyone else's requests; a search takes a few milliseconds. */
const TAKES_TURNS: ReadonlySet<CostlyWork> = new Set(['match', 'export', 'statistics']);

/**
 * Runs the requests for long costly work as costly work (see turns.ts): one at a time in a process,
 * giving the other requests a turn before each query and between slices, so that ten scripts
 * looping on matchmaking leave a search waiting a few milliseconds rather than seconds.
 */
export function takeTurnsForLongWork(): MiddlewareHandler<KizunaEnv> {
  return (c, next) => {
    const work = costlyWorkAsked(c);
    return work && TAKES_TURNS.has(work) ? asCostlyWork(next) : next();
  };
}
