/**
 * Fair use of the costly work: a token bucket per kind of work and per client. A quota of `limit`
 * requests in `windowSeconds` is a bucket of `limit` tokens that refills one token every
 * windowSeconds / limit seconds; each request takes one token, and a request finding none is refused.
 * A bucket is kept as one number, the moment it will be full again (the "theoretical arrival time"
 * of the generic cell rate algorithm): a bucket full long ago and no bucket at all are the same.
 */

export const COSTLY_WORK = ['match', 'search', 'export', 'statistics'] as const;
export type CostlyWork = (typeof COSTLY_WORK)[number];

export interface Quota {
  limit: number;
  windowSeconds: number;
}

export type Quotas = Record<CostlyWork, Quota>;

/**
 * The public's quotas per client address. A ranking takes about 0.15 s of the server, a search
 * 5–10 ms, an export up to a second, the statistics of a past day about 60 ms: a person exploring
 * never meets these, a script looping on them gets its share and no more.
 */
export const DEFAULT_QUOTAS: Quotas = {
  match: { limit: 10, windowSeconds: 60 },
  search: { limit: 60, windowSeconds: 60 },
  export: { limit: 10, windowSeconds: 60 },
  statistics: { limit: 30, windowSeconds: 60 },
};

/** Signed-in people and API tokens get this many times the public's quota, per account. */
export const DEFAULT_SIGNED_IN_FACTOR = 10;

/**
 * Reads quotas as KIZUNA_RATE_LIMITS gives them, "match=10/60,search=60/60" (requests / seconds),
 * over the defaults; `off` turns fair use off (undefined). Throws with the reason on anything else.
 */
export function parseQuotas(text: string | undefined): Quotas | undefined {
  if (text?.trim() === 'off') return undefined;
  const quotas: Quotas = { ...DEFAULT_QUOTAS };
  for (const part of (text ?? '').split(',').map((item) => item.trim()).filter(Boolean)) {
    const match = /^([a-z]+)=(\d{1,6})\/(\d{1,6})$/.exec(part);
    const work = match?.[1] as CostlyWork | undefined;
    if (!match || !work || !COSTLY_WORK.includes(work) || Number(match[2]) < 1 || Number(match[3]) < 1) {
      throw new Error(`KIZUNA_RATE_LIMITS: "${part}" is not KIND=REQUESTS/SECONDS with KIND one of ${COSTLY_WORK.join(', ')} and both numbers at least 1 (or "off").`);
    }
    quotas[work] = { limit: Number(match[2]), windowSeconds: Number(match[3]) };
  }
  return quotas;
}

/** The quota of a signed-in person or API token: `factor` times as many requests in the same window. */
export const scaledQuota = (quota: Quota, factor: number): Quota => ({ limit: quota.limit * factor, windowSeconds: quota.windowSeconds });

export interface BucketOutcome {
  allowed: boolean;
  /** When the bucket will be full again (milliseconds, the clock of `now`), after this request if it is allowed. */
  fullAt: number;
  /** Whole tokens left. */
  remaining: number;
  /** Seconds until one more token is there (for a refused request, until it may be sent again). */
  resetSeconds: number;
}

/** Takes a token for a request at `now` from a bucket that is full at `fullAt` (null: no bucket yet, a full one). */
export function takeToken(quota: Quota, fullAt: number | null, now: number): BucketOutcome {
  const interval = (quota.windowSeconds * 1000) / quota.limit;
  const capacity = quota.limit * interval;
  const from = Math.max(fullAt ?? now, now);
  const taken = from + interval;
  if (taken - now > capacity) {
    // Refused: the bucket stays as it is; one token is there when `from - now` has shrunk to `capacity - interval`.
    return { allowed: false, fullAt: from, remaining: 0, resetSeconds: Math.max(1, Math.ceil((from - now - capacity + interval) / 1000)) };
  }
  const emptiness = taken - now;
  const nextToken = emptiness % interval || interval;
  return { allowed: true, fullAt: Math.ceil(taken), remaining: Math.floor((capacity - emptiness) / interval + 1e-9), resetSeconds: Math.max(1, Math.ceil(nextToken / 1000)) };
}

/**
 * The fields of draft-ietf-httpapi-ratelimit-headers-11 for a request under a quota:
 * `RateLimit-Policy: "search";q=60;w=60` and `RateLimit: "search";r=12;t=1`.
 */
export function rateLimitFields(work: CostlyWork, quota: Quota, outcome: BucketOutcome): { policy: string; limit: string } {
  return { policy: `"${work}";q=${quota.limit};w=${quota.windowSeconds}`, limit: `"${work}";r=${outcome.remaining};t=${outcome.resetSeconds}` };
}

/**
 * Whose bucket a request of the public fills: its address; for IPv6 the /64 network, which one
 * household or machine usually holds whole. An IPv4 address written as IPv6 (::ffff:192.0.2.1) is IPv4.
 */
export function addressPartition(address: string): string {
  const bare = address.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(bare);
  if (mapped) return mapped[1]!;
  if (!bare.includes(':')) return bare;
  const groups = (text: string) => (text ? text.split(':') : []);
  const [head = '', tail] = bare.split('::');
  const hextets = tail === undefined ? groups(head) : [...groups(head), ...Array<string>(Math.max(0, 8 - groups(head).length - groups(tail).length)).fill('0'), ...groups(tail)];
  return `${hextets
    .slice(0, 4)
    .map((hextet) => (Number.parseInt(hextet, 16) || 0).toString(16))
    .join(':')}::/64`;
}
