import { refusal } from '../../test/refusal.js';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestAccount, OPERATOR, TEST_PASSWORD, type TestAccount } from '../../test/accounts.js';
import { openTestDatabase } from '../../test/database.js';
import { queryRows, type Database } from '../db/client.js';
import { signInFailureKeys } from '../domain/accounts.js';
import { PUBLIC, type Actor } from '../domain/authorization.js';
import {
  actorOfApiToken,
  actorOfSession,
  createApiToken,
  getAccount,
  inviteAccount,
  listApiTokens,
  openOneTimeLink,
  passwordResetLink,
  revokeApiToken,
  setAccountEnabled,
  setPasswordWithLink,
  signIn,
  signOut,
  type InvitationInput,
} from './accounts.js';

let database: Database;
let ibaraId: number;
let nagiId: number;

const rows = <Row>(statement: ReturnType<typeof sql>) => queryRows<Row>(database.db, statement);
const count = async (statement: ReturnType<typeof sql>) => (await rows<{ n: number }>(statement))[0]!.n;

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  const lgs = await rows<{ id: number; jis_code: string }>(sql`select id, jis_code from local_governments where jis_code in ('332071', '336238')`);
  ibaraId = lgs.find((lg) => lg.jis_code === '332071')!.id;
  nagiId = lgs.find((lg) => lg.jis_code === '336238')!.id;
});
afterAll(() => database.close());

let serial = 0;
/** A fresh address no other test uses. */
const newEmail = (what: string) => `${what}-${++serial}@city.example.jp`;
/** A fresh client address, so that one test's failures do not throttle another's. */
const newAddress = () => `198.51.100.${++serial}`;

const invitation = (overrides: Partial<InvitationInput> = {}): InvitationInput => ({
  email: newEmail('officer'),
  name: 'Hanako Ibara',
  role: 'officer',
  localGovernmentIds: [ibaraId],
  ...overrides,
});

const auditRows = (entity: string, entityId: number) =>
  rows<{ action: string; entity: string; entity_id: number; account_id: number | null; actor: string }>(
    sql`select action, entity, entity_id, account_id, actor from audit_log where entity = ${entity} and entity_id = ${entityId} order by id`,
  );

describe('invitations and one-time links', () => {
  it('opens an invitation link, sets the password with it and activates the account', async () => {
    const link = await inviteAccount(database.db, OPERATOR, invitation());
    expect(link.account.status).toBe('invited');
    expect(link.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const hours = (link.expiresAt.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(7 * 24 - 1);
    expect(hours).toBeLessThanOrEqual(7 * 24);

    const opened = await openOneTimeLink(database.db, link.secret);
    expect(opened).toMatchObject({ purpose: 'invitation', account: { id: link.account.id, status: 'invited' } });

    const account = await setPasswordWithLink(database.db, link.secret, TEST_PASSWORD);
    expect(account.status).toBe('active');
    expect((await getAccount(database.db, link.account.id)).status).toBe('active');
  });

  it('uses a link once: the second time is a conflict', async () => {
    const link = await inviteAccount(database.db, OPERATOR, invitation());
    await setPasswordWithLink(database.db, link.secret, TEST_PASSWORD);
    const again = await refusal(setPasswordWithLink(database.db, link.secret, 'another long passphrase'));
    expect(again.id).toBe('conflict');
    expect(again.status).toBe(409);
    expect(again.message).toMatch(/used already/);
    expect((await refusal(openOneTimeLink(database.db, link.secret))).id).toBe('conflict');
  });

  it('refuses an expired link', async () => {
    const link = await inviteAccount(database.db, OPERATOR, invitation());
    await database.db.execute(sql`update one_time_links set expires_at = now() - interval '1 minute' where account_id = ${link.account.id}`);
    const opened = await refusal(openOneTimeLink(database.db, link.secret));
    expect(opened.id).toBe('conflict');
    expect(opened.message).toMatch(/expired/);
    expect((await refusal(setPasswordWithLink(database.db, link.secret, TEST_PASSWORD))).message).toMatch(/expired/);
    expect((await getAccount(database.db, link.account.id)).status).toBe('invited');
  });

  it('replaces the old link with a new one', async () => {
    const first = await inviteAccount(database.db, OPERATOR, invitation());
    const second = await passwordResetLink(database.db, OPERATOR, first.account.id);
    expect(second.secret).not.toBe(first.secret);
    expect((await refusal(openOneTimeLink(database.db, first.secret))).id).toBe('not_found');
    // The account has never had a password: the new link is still an invitation.
    expect((await openOneTimeLink(database.db, second.secret)).purpose).toBe('invitation');
    await setPasswordWithLink(database.db, second.secret, TEST_PASSWORD);
    expect(await count(sql`select count(*)::int as n from one_time_links where account_id = ${first.account.id}`)).toBe(1);
  });

  it('gives an active account a reset link, which ends its sessions and API tokens when used', async () => {
    const officer = await createTestAccount(database.db, 'officer', [ibaraId]);
    const { session } = await signIn(database.db, { email: officer.email, password: officer.password, address: newAddress() });
    const reset = await passwordResetLink(database.db, OPERATOR, officer.id);
    expect((await openOneTimeLink(database.db, reset.secret)).purpose).toBe('reset');
    const hours = (reset.expiresAt.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(1.9);
    expect(hours).toBeLessThanOrEqual(2);
    await setPasswordWithLink(database.db, reset.secret, 'a brand new passphrase for Ibara');
    expect(await actorOfSession(database.db, session)).toBeUndefined();
    expect(await actorOfApiToken(database.db, officer.token)).toBeUndefined();
    await expect(signIn(database.db, { email: officer.email, password: officer.password, address: newAddress() })).rejects.toMatchObject({ id: 'unauthorized' });
    await expect(signIn(database.db, { email: officer.email, password: 'a brand new passphrase for Ibara', address: newAddress() })).resolves.toBeDefined();
  });

  it('refuses a weak password without using up the link', async () => {
    const link = await inviteAccount(database.db, OPERATOR, invitation());
    const weak = await refusal(setPasswordWithLink(database.db, link.secret, 'short'));
    expect(weak.id).toBe('validation_failed');
    expect(weak.problems).toEqual([{ field: 'password', message: expect.stringMatching(/at least 12/) }]);
    const asEmail = await refusal(setPasswordWithLink(database.db, link.secret, link.account.email));
    expect(asEmail.problems[0]!.message).toMatch(/e-mail address/);
    await expect(setPasswordWithLink(database.db, link.secret, TEST_PASSWORD)).resolves.toMatchObject({ status: 'active' });
  });

  it('does not know a made-up link', async () => {
    expect((await refusal(openOneTimeLink(database.db, 'not-a-link-anyone-was-given'))).id).toBe('not_found');
  });

  it('stores an Argon2id hash of the password, never the password itself', async () => {
    const officer = await createTestAccount(database.db, 'officer', [ibaraId]);
    const [row] = await rows<{ password_hash: string }>(sql`select password_hash from accounts where id = ${officer.id}`);
    expect(row!.password_hash.startsWith('$argon2id$')).toBe(true);
    expect(row!.password_hash).not.toBe(TEST_PASSWORD);
    expect(row!.password_hash).not.toContain(TEST_PASSWORD);
    // Salted: the same password gives another hash for another account.
    const other = await createTestAccount(database.db, 'coordinator');
    const [otherRow] = await rows<{ password_hash: string }>(sql`select password_hash from accounts where id = ${other.id}`);
    expect(otherRow!.password_hash).not.toBe(row!.password_hash);
  });

  it('keeps only the SHA-256 of a link', async () => {
    const link = await inviteAccount(database.db, OPERATOR, invitation());
    const stored = await rows<{ token_hash: string }>(sql`select token_hash from one_time_links where account_id = ${link.account.id}`);
    expect(stored).toEqual([{ token_hash: createHash('sha256').update(link.secret).digest('hex') }]);
  });
});

describe('signing in', () => {
  it('opens a session that resolves to the officer with their local governments', async () => {
    const officer = await createTestAccount(database.db, 'officer', [nagiId, ibaraId]);
    const before = Date.now();
    const signedIn = await signIn(database.db, { email: officer.email, password: officer.password, address: newAddress() });
    expect(signedIn.session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(signedIn.account.lastSignInAt).not.toBeNull();
    expect(Date.parse(signedIn.account.lastSignInAt!)).toBeGreaterThanOrEqual(before - 1000);
    const actor = await actorOfSession(database.db, signedIn.session);
    expect(actor).toMatchObject({ kind: 'account', accountId: officer.id, role: 'officer', label: officer.email });
    expect([...actor!.localGovernmentIds].sort((a, b) => a - b)).toEqual([ibaraId, nagiId].sort((a, b) => a - b));
    // Only the SHA-256 of the session id is kept.
    expect(await count(sql`select count(*)::int as n from sessions where id_hash = ${signedIn.session}`)).toBe(0);
  });

  it('takes the address in any case and with spaces around it', async () => {
    const officer = await createTestAccount(database.db, 'officer', [ibaraId]);
    const signedIn = await signIn(database.db, { email: `  ${officer.email.toUpperCase()} `, password: officer.password, address: newAddress() });
    expect(signedIn.account.id).toBe(officer.id);
  });

  it('ends the previous session at the next sign-in, and only that one', async () => {
    const officer = await createTestAccount(database.db, 'officer', [ibaraId]);
    const address = newAddress();
    const first = await signIn(database.db, { email: officer.email, password: officer.password, address });
    const otherBrowser = await signIn(database.db, { email: officer.email, password: officer.password, address });
    const second = await signIn(database.db, { email: officer.email, password: officer.password, address, previousSession: first.session });
    expect(second.session).not.toBe(first.session);
    expect(await actorOfSession(database.db, first.session)).toBeUndefined();
    expect((await actorOfSession(database.db, second.session))?.accountId).toBe(officer.id);
    expect((await actorOfSession(database.db, otherBrowser.session))?.accountId).toBe(officer.id);
  });

  it('ends a session at sign-out and when it expires', async () => {
    const officer = await createTestAccount(database.db, 'officer', [ibaraId]);
    const one = await signIn(database.db, { email: officer.email, password: officer.password, address: newAddress() });
    const two = await signIn(database.db, { email: officer.email, password: officer.password, address: newAddress() });
    await signOut(database.db, one.session);
    expect(await actorOfSession(database.db, one.session)).toBeUndefined();
    await database.db.execute(sql`update sessions set expires_at = now() - interval '1 second' where account_id = ${officer.id}`);
    expect(await actorOfSession(database.db, two.session)).toBeUndefined();
  });

  it('refuses a wrong password as unauthorized and records a failure for the account from the address and for the address', async () => {
    const officer = await createTestAccount(database.db, 'officer', [ibaraId]);
    const address = newAddress();
    const wrong = await refusal(signIn(database.db, { email: officer.email, password: 'not the password at all', address }));
    expect(wrong.id).toBe('unauthorized');
    expect(wrong.status).toBe(401);
    expect(wrong.problems.map((problem) => problem.field)).toEqual(['password']);
    const keys = signInFailureKeys(officer.email, address);
    expect(await count(sql`select count(*)::int as n from sign_in_failures where key = ${keys.accountFromAddress}`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from sign_in_failures where key = ${keys.address}`)).toBe(1);
  });

  it('answers an unknown address exactly as a wrong password', async () => {
    const officer = await createTestAccount(database.db, 'officer', [ibaraId]);
    const wrongPassword = await refusal(signIn(database.db, { email: officer.email, password: 'not the password at all', address: newAddress() }));
    const unknown = await refusal(signIn(database.db, { email: newEmail('nobody'), password: TEST_PASSWORD, address: newAddress() }));
    expect(unknown.id).toBe('unauthorized');
    expect(unknown.message).toBe(wrongPassword.message);
    expect(unknown.problems).toEqual(wrongPassword.problems);
  });

  it('refuses an invited account that has no password yet', async () => {
    const link = await inviteAccount(database.db, OPERATOR, invitation());
    const refused = await refusal(signIn(database.db, { email: link.account.email, password: TEST_PASSWORD, address: newAddress() }));
    expect(refused.id).toBe('unauthorized');
  });

  it('after five failures from one address, throttles that address for the account, even with the right password, until the window passes', async () => {
    const officer = await createTestAccount(database.db, 'officer', [ibaraId]);
    const guesser = newAddress();
    const now = new Date();
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await refusal(signIn(database.db, { email: officer.email, password: `wrong guess number ${attempt}`, address: guesser }, now))).id).toBe('unauthorized');
    }
    const throttled = await refusal(signIn(database.db, { email: officer.email, password: officer.password, address: guesser }, now));
    expect(throttled.id).toBe('too_many_requests');
    expect(throttled.status).toBe(429);
    expect(throttled.retryAfter).toBeGreaterThan(0);
    expect(throttled.retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(throttled.message).toMatch(/Wait \d+ minutes/);
    // A throttled attempt is not a failure of its own: it would otherwise keep the address waiting.
    expect(await count(sql`select count(*)::int as n from sign_in_failures where key = ${signInFailureKeys(officer.email, guesser).accountFromAddress}`)).toBe(5);

    const later = new Date(now.getTime() + 15 * 60_000 + 1000);
    const signedIn = await signIn(database.db, { email: officer.email, password: officer.password, address: guesser }, later);
    expect(signedIn.account.id).toBe(officer.id);
  });

  it('lets the right password through from an address that has not failed, so that no one can lock an account out', async () => {
    const officer = await createTestAccount(database.db, 'officer', [ibaraId]);
    const guesser = newAddress();
    for (let attempt = 0; attempt < 5; attempt++) {
      await refusal(signIn(database.db, { email: officer.email, password: `wrong guess number ${attempt}`, address: guesser }));
    }
    const signedIn = await signIn(database.db, { email: officer.email, password: officer.password, address: newAddress() });
    expect(signedIn.account.id).toBe(officer.id);
    // Signing in from one address does not forgive the guesses of another.
    expect((await refusal(signIn(database.db, { email: officer.email, password: officer.password, address: guesser }))).id).toBe('too_many_requests');
  });

  it('counts the failures for one account from each address on their own', async () => {
    const officer = await createTestAccount(database.db, 'officer', [ibaraId]);
    const [first, second] = [newAddress(), newAddress()];
    for (let attempt = 0; attempt < 5; attempt++) {
      await refusal(signIn(database.db, { email: officer.email, password: `wrong guess number ${attempt}`, address: first }));
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await refusal(signIn(database.db, { email: officer.email, password: `a slip number ${attempt}`, address: second }))).id).toBe('unauthorized');
    }
    expect((await refusal(signIn(database.db, { email: officer.email, password: officer.password, address: second }))).id).toBe('too_many_requests');
  });

  it('forgets an account’s failures from an address once it signs in from there', async () => {
    const officer = await createTestAccount(database.db, 'officer', [ibaraId]);
    const address = newAddress();
    const failTimes = async (times: number) => {
      for (let attempt = 0; attempt < times; attempt++) {
        await refusal(signIn(database.db, { email: officer.email, password: 'a wrong passphrase', address }));
      }
    };
    await failTimes(4);
    await signIn(database.db, { email: officer.email, password: officer.password, address });
    await failTimes(4);
    await expect(signIn(database.db, { email: officer.email, password: officer.password, address })).resolves.toBeDefined();
  });

  it('allows 20 failures from one address across accounts, then throttles that address only', async () => {
    const office = newAddress();
    const colleagues: TestAccount[] = [];
    for (let index = 0; index < 5; index++) colleagues.push(await createTestAccount(database.db, 'officer', [ibaraId]));
    // Four failures each: no account reaches its limit of five from one address.
    for (const colleague of colleagues) {
      for (let attempt = 0; attempt < 4; attempt++) {
        expect((await refusal(signIn(database.db, { email: colleague.email, password: 'typo in the passphrase', address: office }))).id).toBe('unauthorized');
      }
    }
    const newcomer = await createTestAccount(database.db, 'officer', [nagiId]);
    const throttled = await refusal(signIn(database.db, { email: newcomer.email, password: newcomer.password, address: office }));
    expect(throttled.id).toBe('too_many_requests');
    expect(throttled.retryAfter).toBeGreaterThan(0);
    // From another address the same people sign in.
    await expect(signIn(database.db, { email: newcomer.email, password: newcomer.password, address: newAddress() })).resolves.toBeDefined();
    await expect(signIn(database.db, { email: colleagues[0]!.email, password: colleagues[0]!.password, address: newAddress() })).resolves.toBeDefined();
  });

  it('lets the twentieth try from an address through after nineteen failures', async () => {
    const office = newAddress();
    const officer = await createTestAccount(database.db, 'officer', [ibaraId]);
    for (let attempt = 0; attempt < 19; attempt++) {
      await refusal(signIn(database.db, { email: newEmail('unknown'), password: 'guess', address: office }));
    }
    await expect(signIn(database.db, { email: officer.email, password: officer.password, address: office })).resolves.toBeDefined();
  });
});

describe('disabled accounts', () => {
  it('cannot sign in, and their sessions and API tokens stop working', async () => {
    const officer = await createTestAccount(database.db, 'officer', [ibaraId]);
    const { session } = await signIn(database.db, { email: officer.email, password: officer.password, address: newAddress() });
    expect(await actorOfApiToken(database.db, officer.token)).toBeDefined();

    const disabled = await setAccountEnabled(database.db, OPERATOR, officer.id, false);
    expect(disabled.status).toBe('disabled');
    const refused = await refusal(signIn(database.db, { email: officer.email, password: officer.password, address: newAddress() }));
    expect(refused.id).toBe('forbidden');
    expect(refused.message).toMatch(/disabled/);
    expect(await actorOfSession(database.db, session)).toBeUndefined();
    expect(await actorOfApiToken(database.db, officer.token)).toBeUndefined();
  });

  it('on enabling, signs in again, but the revoked tokens stay revoked', async () => {
    const officer = await createTestAccount(database.db, 'officer', [ibaraId]);
    await setAccountEnabled(database.db, OPERATOR, officer.id, false);
    const enabled = await setAccountEnabled(database.db, OPERATOR, officer.id, true);
    expect(enabled.status).toBe('active');
    await expect(signIn(database.db, { email: officer.email, password: officer.password, address: newAddress() })).resolves.toBeDefined();
    expect(await actorOfApiToken(database.db, officer.token)).toBeUndefined();
  });

  it('a disabled account’s one-time link no longer opens, even once enabled again, and no new one is made', async () => {
    const link = await inviteAccount(database.db, OPERATOR, invitation());
    await setAccountEnabled(database.db, OPERATOR, link.account.id, false);
    // Disabling deletes the account's unused links.
    expect((await refusal(openOneTimeLink(database.db, link.secret))).id).toBe('not_found');
    expect((await refusal(passwordResetLink(database.db, OPERATOR, link.account.id))).id).toBe('conflict');
    // Enabled again without ever having set a password, it is back to invited, and the old link stays dead.
    expect((await setAccountEnabled(database.db, OPERATOR, link.account.id, true)).status).toBe('invited');
    expect((await refusal(openOneTimeLink(database.db, link.secret))).id).toBe('not_found');
  });

  it('only administrators disable accounts, and not their own', async () => {
    const officer = await createTestAccount(database.db, 'officer', [ibaraId]);
    const coordinator = await createTestAccount(database.db, 'coordinator');
    const administrator = await createTestAccount(database.db, 'administrator');
    expect((await refusal(setAccountEnabled(database.db, coordinator.actor, officer.id, false))).id).toBe('forbidden');
    expect((await refusal(setAccountEnabled(database.db, administrator.actor, administrator.id, false))).id).toBe('conflict');
    expect((await setAccountEnabled(database.db, administrator.actor, officer.id, false)).status).toBe('disabled');
  });
});

describe('API tokens', () => {
  it('gives a kz_ token once and stores only its SHA-256', async () => {
    const officer = await createTestAccount(database.db, 'officer', [ibaraId]);
    const { token, record } = await createApiToken(database.db, officer.actor, '  prefecture website sync ');
    expect(token).toMatch(/^kz_[A-Za-z0-9_-]{43}$/);
    expect(record).toMatchObject({ name: 'prefecture website sync', prefix: token.slice(0, 9), revokedAt: null, lastUsedAt: null });
    const stored = await rows<Record<string, unknown>>(sql`select * from api_tokens where id = ${record.id}`);
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(token.slice(3));
    expect(stored[0]!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
  });

  it('acts as its account until it is revoked', async () => {
    const officer = await createTestAccount(database.db, 'officer', [ibaraId]);
    const { token, record } = await createApiToken(database.db, officer.actor, 'sync');
    const actor = await actorOfApiToken(database.db, token);
    expect(actor).toMatchObject({ kind: 'account', accountId: officer.id, role: 'officer', localGovernmentIds: [ibaraId] });
    const [used] = await listApiTokens(database.db, officer.actor).then((tokens) => tokens.filter((t) => t.id === record.id));
    expect(used!.lastUsedAt).not.toBeNull();

    const revoked = await revokeApiToken(database.db, officer.actor, record.id);
    expect(revoked.revokedAt).not.toBeNull();
    expect(await actorOfApiToken(database.db, token)).toBeUndefined();
    // The account's other token still works.
    expect((await actorOfApiToken(database.db, officer.token))?.accountId).toBe(officer.id);
  });

  it('does not know a token it never made', async () => {
    expect(await actorOfApiToken(database.db, 'kz_made-up-token-that-was-never-issued-by-kizuna')).toBeUndefined();
    expect(await actorOfApiToken(database.db, 'Bearer something')).toBeUndefined();
    expect(await actorOfApiToken(database.db, '')).toBeUndefined();
  });

  it('lets an officer neither see nor revoke another account’s token', async () => {
    const owner = await createTestAccount(database.db, 'officer', [ibaraId]);
    const other = await createTestAccount(database.db, 'officer', [ibaraId]);
    const { token, record } = await createApiToken(database.db, owner.actor, 'owner’s');
    const refused = await refusal(revokeApiToken(database.db, other.actor, record.id));
    expect(refused.id).toBe('not_found');
    expect(refused.status).toBe(404);
    expect((await actorOfApiToken(database.db, token))?.accountId).toBe(owner.id);
    expect((await listApiTokens(database.db, other.actor)).map((t) => t.id)).not.toContain(record.id);
  });

  it('lets an administrator revoke anyone’s token', async () => {
    const owner = await createTestAccount(database.db, 'officer', [ibaraId]);
    const administrator = await createTestAccount(database.db, 'administrator');
    const { token, record } = await createApiToken(database.db, owner.actor, 'leaked');
    await revokeApiToken(database.db, administrator.actor, record.id);
    expect(await actorOfApiToken(database.db, token)).toBeUndefined();
  });

  it('refuses a token without a name, and a token for the public', async () => {
    const officer = await createTestAccount(database.db, 'officer', [ibaraId]);
    const unnamed = await refusal(createApiToken(database.db, officer.actor, '   '));
    expect(unnamed.id).toBe('validation_failed');
    expect(unnamed.problems.map((p) => p.field)).toEqual(['name']);
    expect((await refusal(createApiToken(database.db, officer.actor, 'n'.repeat(101)))).id).toBe('validation_failed');
    expect((await refusal(createApiToken(database.db, PUBLIC, 'mine'))).id).toBe('unauthorized');
  });
});

describe('inviteAccount', () => {
  const accountsWith = (email: string) => count(sql`select count(*)::int as n from accounts where email = ${email.trim().toLowerCase()}`);
  const auditCount = () => count(sql`select count(*)::int as n from audit_log`);

  it.each([
    ['a bad e-mail address', { email: 'hanako at ibara' }, 'email', /e-mail address/],
    ['no name', { name: '   ' }, 'name', /name/],
    ['a name over 100 characters', { name: 'N'.repeat(101) }, 'name', /100/],
    ['an officer without a local government', { localGovernmentIds: [] }, 'localGovernmentIds', /at least one local government/],
    ['a coordinator with a local government', { role: 'coordinator' as const }, 'localGovernmentIds', /only officers/],
    ['an administrator with a local government', { role: 'administrator' as const }, 'localGovernmentIds', /only officers/],
    ['an unknown role', { role: 'mayor' as never }, 'role', /officer, coordinator, administrator/],
  ])('refuses %s and stores nothing', async (_, overrides, field, message) => {
    const input = invitation(overrides as Partial<InvitationInput>);
    const auditBefore = await auditCount();
    const refused = await refusal(inviteAccount(database.db, OPERATOR, input));
    expect(refused.id).toBe('validation_failed');
    expect(refused.status).toBe(422);
    expect(refused.problems).toEqual([{ field, message: expect.stringMatching(message) }]);
    expect(await accountsWith(input.email)).toBe(0);
    expect(await auditCount()).toBe(auditBefore);
  });

  it('refuses an unknown local government id, naming it, and stores nothing', async () => {
    const input = invitation({ localGovernmentIds: [ibaraId, 2_000_000_000] });
    const auditBefore = await auditCount();
    const refused = await refusal(inviteAccount(database.db, OPERATOR, input));
    expect(refused.id).toBe('validation_failed');
    expect(refused.problems).toEqual([{ field: 'localGovernmentIds', message: expect.stringContaining('2000000000') }]);
    expect(await accountsWith(input.email)).toBe(0);
    expect(await auditCount()).toBe(auditBefore);
  });

  it('refuses a second account for an address, in whatever case it is written', async () => {
    const email = newEmail('twice');
    await inviteAccount(database.db, OPERATOR, invitation({ email }));
    const auditBefore = await auditCount();
    const refused = await refusal(inviteAccount(database.db, OPERATOR, invitation({ email: ` ${email.toUpperCase()} ` })));
    expect(refused.id).toBe('conflict');
    expect(refused.status).toBe(409);
    expect(refused.problems.map((p) => p.field)).toEqual(['email']);
    expect(await accountsWith(email)).toBe(1);
    expect(await auditCount()).toBe(auditBefore);
  });

  it('stores the address in lower case and binds an officer to each local government once', async () => {
    const link = await inviteAccount(database.db, OPERATOR, invitation({ email: ' Hanako.Ibara@City.Example.JP ', localGovernmentIds: [ibaraId, nagiId, ibaraId] }));
    expect(link.account.email).toBe('hanako.ibara@city.example.jp');
    expect(link.account.localGovernments.map((lg) => lg.id).sort((a, b) => a - b)).toEqual([ibaraId, nagiId].sort((a, b) => a - b));
    expect(link.account.localGovernments.find((lg) => lg.id === ibaraId)).toMatchObject({ name: 'Ibara City', nameJa: '井原市', country: 'JP' });
  });

  it('lets a coordinator invite an officer but not a coordinator or an administrator', async () => {
    const coordinator = await createTestAccount(database.db, 'coordinator');
    const link = await inviteAccount(database.db, coordinator.actor, invitation());
    expect(link.account.role).toBe('officer');
    for (const role of ['coordinator', 'administrator'] as const) {
      const input = invitation({ role, localGovernmentIds: [] });
      const refused = await refusal(inviteAccount(database.db, coordinator.actor, input));
      expect(refused.id).toBe('forbidden');
      expect(refused.status).toBe(403);
      expect(await accountsWith(input.email)).toBe(0);
    }
  });

  it('lets an administrator invite every role, and no officer or member of the public invite anyone', async () => {
    const administrator = await createTestAccount(database.db, 'administrator');
    const officer = await createTestAccount(database.db, 'officer', [ibaraId]);
    const link = await inviteAccount(database.db, administrator.actor, invitation({ role: 'administrator', localGovernmentIds: [] }));
    expect(link.account.role).toBe('administrator');
    expect((await refusal(inviteAccount(database.db, officer.actor, invitation()))).id).toBe('forbidden');
    expect((await refusal(inviteAccount(database.db, PUBLIC, invitation()))).id).toBe('unauthorized');
  });
});

describe('the audit log of accounts', () => {
  it('records the invitation, the password, the reset link, disabling and enabling, each with who did it', async () => {
    const coordinator = await createTestAccount(database.db, 'coordinator');
    const administrator = await createTestAccount(database.db, 'administrator');
    const link = await inviteAccount(database.db, coordinator.actor, invitation());
    const id = link.account.id;
    await setPasswordWithLink(database.db, link.secret, TEST_PASSWORD);
    await passwordResetLink(database.db, administrator.actor, id);
    await setAccountEnabled(database.db, administrator.actor, id, false);
    await setAccountEnabled(database.db, OPERATOR, id, true);
    expect(await auditRows('account', id)).toEqual([
      { action: 'invite', entity: 'account', entity_id: id, account_id: coordinator.id, actor: coordinator.email },
      { action: 'set-password', entity: 'account', entity_id: id, account_id: id, actor: link.account.email },
      { action: 'password-link', entity: 'account', entity_id: id, account_id: administrator.id, actor: administrator.email },
      { action: 'disable', entity: 'account', entity_id: id, account_id: administrator.id, actor: administrator.email },
      { action: 'enable', entity: 'account', entity_id: id, account_id: null, actor: 'test operator' },
    ]);
  });

  it('records making and revoking a token', async () => {
    const officer = await createTestAccount(database.db, 'officer', [ibaraId]);
    const { record } = await createApiToken(database.db, officer.actor, 'audited');
    await revokeApiToken(database.db, officer.actor, record.id);
    expect(await auditRows('api_token', record.id)).toEqual([
      { action: 'create-token', entity: 'api_token', entity_id: record.id, account_id: officer.id, actor: officer.email },
      { action: 'revoke-token', entity: 'api_token', entity_id: record.id, account_id: officer.id, actor: officer.email },
    ]);
  });

  it('records an account without its password hash', async () => {
    const officer = await createTestAccount(database.db, 'officer', [ibaraId]);
    const logged = await rows<{ text: string }>(sql`select coalesce(before::text, '') || coalesce(after::text, '') as text from audit_log where entity = 'account' and entity_id = ${officer.id}`);
    expect(logged.length).toBeGreaterThan(0);
    for (const row of logged) {
      expect(row.text).not.toContain('argon2');
      expect(row.text).not.toContain(TEST_PASSWORD);
    }
  });

  it('does not record a refused revocation', async () => {
    const owner = await createTestAccount(database.db, 'officer', [ibaraId]);
    const other: Actor = (await createTestAccount(database.db, 'officer', [nagiId])).actor;
    const { record } = await createApiToken(database.db, owner.actor, 'kept');
    await refusal(revokeApiToken(database.db, other, record.id));
    expect((await auditRows('api_token', record.id)).map((row) => row.action)).toEqual(['create-token']);
  });
});
