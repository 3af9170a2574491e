/** Rules of accounts that need no database: addresses, passwords, how long secrets live, throttling. */

/** E-mail addresses are compared in lower case, without surrounding spaces. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** A plausible address: one @, something on each side, a dot in the domain, no spaces. */
export const looksLikeEmail = (email: string) => email.length <= 254 && /^[^\s@<>()"',;]+@[^\s@<>()"',;]+\.[^\s@<>()"',;]+$/.test(email);

export const PASSWORD_LENGTH = { min: 12, max: 200 } as const;

/** Why a password is refused, or undefined when it will do. Length matters more than character classes. */
export function passwordProblem(password: string, email: string): string | undefined {
  if ([...password].length < PASSWORD_LENGTH.min) return `use at least ${PASSWORD_LENGTH.min} characters; a few words together make a good one`;
  if ([...password].length > PASSWORD_LENGTH.max) return `use at most ${PASSWORD_LENGTH.max} characters`;
  if (normaliseEmail(password) === normaliseEmail(email) || normaliseEmail(password) === normaliseEmail(email).split('@')[0]) {
    return 'do not use your e-mail address as your password';
  }
  if (new Set(password).size < 4) return 'use more than a few different characters';
  return undefined;
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export const LIFETIMES = {
  invitation: 7 * DAY,
  reset: 2 * HOUR,
  session: 7 * DAY,
} as const;

/**
 * Sign-in throttling: at most 5 failures for one account from one address, and 20 from one address
 * for all accounts, in 15 minutes. Failures from one address never hold back the right password from
 * another, so no one can lock an account out. The address limit is higher because colleagues may
 * share an office's address.
 */
export const SIGN_IN_THROTTLE = { windowMs: 15 * 60 * 1000, perAccountFromAddress: 5, perAddress: 20 } as const;

/** The keys sign-in failures are counted under: one account from one address, and one address for all accounts. */
export function signInFailureKeys(email: string, address: string): { accountFromAddress: string; address: string } {
  const addressKey = `address:${address.slice(0, 100)}`;
  return { accountFromAddress: `account:${email}|${addressKey}`, address: addressKey };
}

/** When sign-in may be tried again, given the times of recent failures for one key; undefined if now. */
export function throttledUntil(failureTimes: readonly Date[], limit: number, now: Date): Date | undefined {
  const recent = failureTimes.filter((at) => now.getTime() - at.getTime() < SIGN_IN_THROTTLE.windowMs).sort((a, b) => a.getTime() - b.getTime());
  if (recent.length < limit) return undefined;
  // The window must slide past enough of the oldest failures to leave room for one more try.
  const oldestThatMustExpire = recent[recent.length - limit]!;
  return new Date(oldestThatMustExpire.getTime() + SIGN_IN_THROTTLE.windowMs);
}
