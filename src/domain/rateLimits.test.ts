import { describe, expect, it } from 'vitest';
import { addressPartition, DEFAULT_QUOTAS, parseQuotas, rateLimitFields, scaledQuota, takeToken, type BucketOutcome, type Quota } from './rateLimits.js';

const sixAMinute: Quota = { limit: 6, windowSeconds: 60 };

/** Sends requests at the given seconds through one bucket; the outcome of each. */
function sendAt(quota: Quota, seconds: number[]): BucketOutcome[] {
  let fullAt: number | null = null;
  return seconds.map((second) => {
    const outcome = takeToken(quota, fullAt, second * 1000);
    if (outcome.allowed) fullAt = outcome.fullAt;
    return outcome;
  });
}

describe('takeToken', () => {
  it('lets a burst of the whole quota through at once, then refuses the next', () => {
    const outcomes = sendAt(sixAMinute, [0, 0, 0, 0, 0, 0, 0]);
    expect(outcomes.map((outcome) => outcome.allowed)).toEqual([true, true, true, true, true, true, false]);
    expect(outcomes.map((outcome) => outcome.remaining)).toEqual([5, 4, 3, 2, 1, 0, 0]);
  });

  it('refills one token every window / limit seconds, and says when the next is there', () => {
    const outcomes = sendAt(sixAMinute, [0, 0, 0, 0, 0, 0, 3, 10, 11, 20]);
    // Empty at 0 s; a token every 10 s: the one at 3 s waits 7 s, 10 s gets one, 11 s none, 20 s one.
    expect(outcomes.slice(6).map((outcome) => [outcome.allowed, outcome.resetSeconds])).toEqual([
      [false, 7],
      [true, 10],
      [false, 9],
      [true, 10],
    ]);
  });

  it('a refused request does not use the bucket up further', () => {
    const refusedOften = sendAt(sixAMinute, [0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 10]);
    expect(refusedOften.at(-1)!.allowed).toBe(true);
  });

  it('fills up to the quota and no further however long it rests', () => {
    const rested = sendAt(sixAMinute, [0, 3600]);
    expect(rested[1]!.remaining).toBe(5);
    expect(takeToken(sixAMinute, 1_000, 5_000_000).remaining).toBe(5);
  });

  it('keeps whole milliseconds when the interval is not whole', () => {
    const outcome = takeToken({ limit: 7, windowSeconds: 60 }, null, 1_000);
    expect(Number.isInteger(outcome.fullAt)).toBe(true);
    expect(outcome.remaining).toBe(6);
  });
});

describe('rateLimitFields', () => {
  it('writes the fields of the IETF draft: the policy as q and w, the state as r and t', () => {
    const [outcome] = sendAt(sixAMinute, [0]);
    expect(rateLimitFields('search', sixAMinute, outcome!)).toEqual({ policy: '"search";q=6;w=60', limit: '"search";r=5;t=10' });
  });
});

describe('parseQuotas', () => {
  it('gives the defaults when nothing is set, and changes only the kinds named', () => {
    expect(parseQuotas(undefined)).toEqual(DEFAULT_QUOTAS);
    expect(parseQuotas(' match=2/10 , export=5/3600')).toEqual({ ...DEFAULT_QUOTAS, match: { limit: 2, windowSeconds: 10 }, export: { limit: 5, windowSeconds: 3600 } });
  });

  it('turns fair use off with "off"', () => {
    expect(parseQuotas('off')).toBeUndefined();
  });

  it('refuses what it cannot read, naming the part', () => {
    expect(() => parseQuotas('match=10')).toThrow(/"match=10"/);
    expect(() => parseQuotas('matching=10/60')).toThrow(/one of match, search, export, statistics/);
    expect(() => parseQuotas('search=0/60')).toThrow(/at least 1/);
  });

  it('scales a quota for signed-in people over the same window', () => {
    expect(scaledQuota(sixAMinute, 10)).toEqual({ limit: 60, windowSeconds: 60 });
  });
});

describe('addressPartition', () => {
  it('keeps an IPv4 address, also one written as IPv6', () => {
    expect(addressPartition('203.0.113.9')).toBe('203.0.113.9');
    expect(addressPartition('::ffff:203.0.113.9')).toBe('203.0.113.9');
  });

  it('takes an IPv6 address by its /64 network, however it is written', () => {
    expect(addressPartition('2001:db8:0:1:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:0:1::/64');
    expect(addressPartition('2001:0db8:0000:0001::1')).toBe('2001:db8:0:1::/64');
    expect(addressPartition('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressPartition('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressPartition('::1')).toBe('0:0:0:0::/64');
  });
});
