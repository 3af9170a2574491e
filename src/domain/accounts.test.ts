import { describe, expect, it } from 'vitest';
import { looksLikeEmail, normaliseEmail, PASSWORD_LENGTH, passwordProblem, SIGN_IN_THROTTLE, signInFailureKeys, throttledUntil } from './accounts.js';

describe('normaliseEmail', () => {
  it('lowers the case and trims the spaces around an address', () => {
    expect(normaliseEmail('  Exchange@City.IBARA.Okayama.JP \n')).toBe('exchange@city.ibara.okayama.jp');
  });

  it('leaves a normal address as it is', () => {
    expect(normaliseEmail('kokusai@town.nagi.okayama.jp')).toBe('kokusai@town.nagi.okayama.jp');
  });
});

describe('looksLikeEmail', () => {
  it.each(['a@b.jp', 'exchange@city.ibara.okayama.jp', 'first.last+sister-cities@example.org', 'obrien@council.example.ie', `${'a'.repeat(240)}@example.org`])(
    'takes %s',
    (email) => {
      expect(looksLikeEmail(email)).toBe(true);
    },
  );

  it.each([
    ['empty', ''],
    ['no @', 'exchange.city.example.jp'],
    ['no domain', 'exchange@'],
    ['no local part', '@city.example.jp'],
    ['no dot in the domain', 'exchange@localhost'],
    ['a dot at the end only', 'exchange@city.'],
    ['two @', 'exchange@city@example.jp'],
    ['a space inside', 'inter national@city.example.jp'],
    ['a display name', 'Ibara City <exchange@city.example.jp>'],
    ['a list of two', 'a@example.jp,b@example.jp'],
    ['a quoted local part', '"exchange"@city.example.jp'],
    ['over 254 characters', `${'a'.repeat(243)}@example.org`],
  ])('refuses %s', (_, email) => {
    expect(looksLikeEmail(email)).toBe(false);
  });
});

describe('passwordProblem', () => {
  const email = 'exchange.officer@city.example.jp';

  it('takes a long passphrase', () => {
    expect(passwordProblem('seven blue herons over Ibara', email)).toBeUndefined();
  });

  it('refuses 11 characters and takes 12', () => {
    expect(passwordProblem('herons-over', email)).toMatch(/at least 12 characters/);
    expect(passwordProblem('herons-overs', email)).toBeUndefined();
  });

  it('counts characters, not bytes: 12 kanji pass and 11 do not', () => {
    const twelve = '東京大阪京都福岡札幌仙台';
    expect([...twelve]).toHaveLength(12);
    expect(Buffer.byteLength(twelve)).toBe(36);
    expect(passwordProblem(twelve, email)).toBeUndefined();
    expect(passwordProblem(twelve.slice(0, 11), email)).toMatch(/at least 12 characters/);
  });

  it('counts characters, not UTF-16 units: 11 characters outside the basic plane are too few', () => {
    const eleven = Array.from({ length: 11 }, (_, index) => String.fromCodePoint(0x20000 + index)).join('');
    expect(eleven.length).toBe(22);
    expect(passwordProblem(eleven, email)).toMatch(/at least 12 characters/);
  });

  it(`refuses more than ${PASSWORD_LENGTH.max} characters`, () => {
    const long = 'correct horse battery staple '.repeat(7);
    expect(passwordProblem(long.slice(0, 200), email)).toBeUndefined();
    expect(passwordProblem(long.slice(0, 201), email)).toMatch(/at most 200 characters/);
  });

  it('refuses the e-mail address as the password, in any case', () => {
    expect(passwordProblem(email, email)).toMatch(/e-mail address/);
    expect(passwordProblem('Exchange.Officer@City.Example.JP', email)).toMatch(/e-mail address/);
  });

  it('refuses the part of the address before the @', () => {
    expect(passwordProblem('exchange.officer', email)).toMatch(/e-mail address/);
  });

  it('refuses twelve times the same letter, and three letters repeated', () => {
    expect(passwordProblem('aaaaaaaaaaaa', email)).toMatch(/different characters/);
    expect(passwordProblem('abcabcabcabc', email)).toMatch(/different characters/);
    expect(passwordProblem('abcdabcdabcd', email)).toBeUndefined();
  });

  it('gives each reason as words a person can act on', () => {
    for (const password of ['short', 'aaaaaaaaaaaa', email, 'x'.repeat(201)]) {
      expect(passwordProblem(password, email)).toMatch(/^(use|do not use) /);
    }
  });
});

describe('throttledUntil', () => {
  const now = new Date('2026-04-01T09:00:00Z');
  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  const minutesFromNow = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

  it('uses a 15-minute window with 5 failures per account from one address and 20 per address', () => {
    expect(SIGN_IN_THROTTLE).toEqual({ windowMs: 15 * 60_000, perAccountFromAddress: 5, perAddress: 20 });
  });

  it('lets a try through under the limit', () => {
    expect(throttledUntil([], 5, now)).toBeUndefined();
    expect(throttledUntil([minutesAgo(4), minutesAgo(3), minutesAgo(2), minutesAgo(1)], 5, now)).toBeUndefined();
  });

  it('at the limit, waits until the oldest failure leaves the window', () => {
    const failures = [minutesAgo(10), minutesAgo(8), minutesAgo(6), minutesAgo(4), minutesAgo(2)];
    expect(throttledUntil(failures, 5, now)).toEqual(minutesFromNow(5));
  });

  it('reads failures in any order', () => {
    const failures = [minutesAgo(2), minutesAgo(10), minutesAgo(6), minutesAgo(4), minutesAgo(8)];
    expect(throttledUntil(failures, 5, now)).toEqual(minutesFromNow(5));
  });

  it('over the limit, waits until enough failures have left the window to allow one more try', () => {
    const failures = [minutesAgo(12), minutesAgo(10), minutesAgo(8), minutesAgo(6), minutesAgo(4), minutesAgo(2)];
    // The failures of 12 and 10 minutes ago must both leave: 4 remain, one under the limit.
    expect(throttledUntil(failures, 5, now)).toEqual(minutesFromNow(5));
  });

  it('ignores failures older than the window', () => {
    const old = Array.from({ length: 30 }, (_, index) => minutesAgo(16 + index));
    expect(throttledUntil([...old, minutesAgo(3), minutesAgo(2), minutesAgo(1)], 5, now)).toBeUndefined();
  });

  it('counts a failure exactly 15 minutes old as gone', () => {
    const failures = [minutesAgo(15), minutesAgo(4), minutesAgo(3), minutesAgo(2), minutesAgo(1)];
    expect(throttledUntil(failures, 5, now)).toBeUndefined();
  });

  it('applies the limit it is given: 20 for an address', () => {
    const nineteen = Array.from({ length: 19 }, (_, index) => minutesAgo(14 - index * 0.5));
    expect(throttledUntil(nineteen, 20, now)).toBeUndefined();
    const twenty = [...nineteen, minutesAgo(0.25)];
    expect(throttledUntil(twenty, 20, now)).toEqual(minutesFromNow(1));
  });
});

describe('signInFailureKeys', () => {
  it('counts an account from each address apart, and an address for all accounts', () => {
    const fromOffice = signInFailureKeys('mika@example.org', '203.0.113.9');
    const fromHome = signInFailureKeys('mika@example.org', '198.51.100.7');
    expect(fromOffice).toEqual({ accountFromAddress: 'account:mika@example.org|address:203.0.113.9', address: 'address:203.0.113.9' });
    expect(fromHome.accountFromAddress).not.toBe(fromOffice.accountFromAddress);
    expect(signInFailureKeys('ken@example.org', '203.0.113.9').address).toBe(fromOffice.address);
  });

  it('keeps at most 100 characters of an address', () => {
    expect(signInFailureKeys('mika@example.org', 'x'.repeat(300)).address).toBe(`address:${'x'.repeat(100)}`);
  });
});
