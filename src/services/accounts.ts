import { createHash, randomBytes } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify, Algorithm } from '@node-rs/argon2';
import { and, asc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { accountLocalGovernments, accounts, apiTokens, localGovernments, meta, oneTimeLinks, sessions, signInFailures } from '../db/schema.js';
import { LIFETIMES, looksLikeEmail, normaliseEmail, PASSWORD_LENGTH, passwordProblem, SIGN_IN_THROTTLE, signInFailureKeys, throttledUntil } from '../domain/accounts.js';
import { authorize, decide, ROLES, type Actor, type Role } from '../domain/authorization.js';
import { failIfProblems, KizunaError, notFound, refusingDuplicates, tooManyRequests, type FieldProblem } from '../errors.js';
import { writeAudit } from './audit.js';
import { localGovernmentUrl } from './presenters.js';

/**
 * Accounts, one-time links, sessions, API tokens and sign-in throttling. Secrets (session ids, link
 * tokens, API tokens) are handed out once and stored only as their SHA-256.
 */

const ARGON2_OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const newSecret = () => randomBytes(32).toString('base64url');
const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');

export const hashPassword = (password: string) => argon2Hash(password, ARGON2_OPTIONS);

/** Verified against this when the address is unknown, so that a wrong address takes as long as a wrong password. */
let decoyHash: Promise<string> | undefined;

export interface Account {
  id: number;
  email: string;
  name: string;
  role: Role;
  status: 'invited' | 'active' | 'disabled';
  localGovernments: { id: number; url: string; name: string; nameJa: string | null; country: string }[];
  createdAt: string;
  lastSignInAt: string | null;
}

async function accountsWithLocalGovernments(db: Db, ids: number[]): Promise<Account[]> {
  if (ids.length === 0) return [];
  const [rows, links] = await Promise.all([
    db.select().from(accounts).where(inArray(accounts.id, ids)).orderBy(asc(accounts.id)),
    db
      .select({ accountId: accountLocalGovernments.accountId, id: localGovernments.id, slug: localGovernments.slug, name: localGovernments.nameEn, nameJa: localGovernments.nameJa, country: localGovernments.country })
      .from(accountLocalGovernments)
      .innerJoin(localGovernments, eq(localGovernments.id, accountLocalGovernments.localGovernmentId))
      .where(inArray(accountLocalGovernments.accountId, ids))
      .orderBy(asc(localGovernments.id)),
  ]);
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: row.status,
    localGovernments: links
      .filter((link) => link.accountId === row.id)
      .map(({ accountId: _, slug, ...lg }) => ({ ...lg, url: localGovernmentUrl({ id: lg.id, slug }), country: lg.country.trim() })),
    createdAt: row.createdAt.toISOString(),
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
  }));
}

export async function getAccount(db: Db, id: number): Promise<Account> {
  const [account] = await accountsWithLocalGovernments(db, [id]);
  if (!account) throw notFound(`Account ${id}`);
  return account;
}

export async function listAccounts(db: Db, actor: Actor): Promise<Account[]> {
  authorize(actor, { do: 'account.list' });
  const rows = await db.select({ id: accounts.id }).from(accounts);
  return accountsWithLocalGovernments(db, rows.map((row) => row.id));
}

export interface InvitationInput {
  email: string;
  name: string;
  role: Role;
  /** An officer's local governments; must be empty for the other roles. */
  localGovernmentIds: number[];
}

/** The secret of a one-time link, for the address /account/password/SECRET. */
export interface OneTimeLink {
  secret: string;
  expiresAt: Date;
  account: Account;
}

/** Creates an invited account and the one-time link with which its owner sets a password. */
export async function inviteAccount(db: Db, actor: Actor, input: InvitationInput): Promise<OneTimeLink> {
  const email = normaliseEmail(input.email);
  const name = input.name.trim();
  const lgIds = [...new Set(input.localGovernmentIds)];
  const problems: FieldProblem[] = [];
  if (!looksLikeEmail(email)) problems.push({ field: 'email', message: 'write an e-mail address such as name@city.example.jp' });
  if (!name) problems.push({ field: 'name', message: 'write the person’s name' });
  else if (name.length > 100) problems.push({ field: 'name', message: 'use at most 100 characters' });
  if (!(ROLES as readonly string[]).includes(input.role)) problems.push({ field: 'role', message: `choose one of ${ROLES.join(', ')}` });
  else if (input.role === 'officer' && lgIds.length === 0) problems.push({ field: 'localGovernmentIds', message: 'an officer acts for at least one local government' });
  else if (input.role !== 'officer' && lgIds.length > 0) problems.push({ field: 'localGovernmentIds', message: 'only officers are bound to local governments' });
  if (lgIds.length > 50) problems.push({ field: 'localGovernmentIds', message: 'bind at most 50 local governments' });
  failIfProblems(problems);
  authorize(actor, { do: 'account.invite', role: input.role });
  const taken = () => new KizunaError('conflict', `There is an account for ${email} already.`, [{ field: 'email', message: 'there is an account for this address already' }]);
  return refusingDuplicates(() => db.transaction(async (tx) => {
    if (lgIds.length) {
      const found = await tx.select({ id: localGovernments.id }).from(localGovernments).where(inArray(localGovernments.id, lgIds));
      const missing = lgIds.filter((id) => !found.some((row) => row.id === id));
      if (missing.length) failIfProblems([{ field: 'localGovernmentIds', message: `there is no local government ${missing.join(', ')}` }]);
    }
    const [existing] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.email, email));
    if (existing) throw taken();
    const [created] = await tx
      .insert(accounts)
      .values({ email, name, role: input.role, invitedBy: actor.kind === 'account' ? actor.accountId : null })
      .returning({ id: accounts.id });
    if (lgIds.length) await tx.insert(accountLocalGovernments).values(lgIds.map((localGovernmentId) => ({ accountId: created!.id, localGovernmentId })));
    const account = await getAccount(tx, created!.id);
    await writeAudit(tx, actor, { action: 'invite', entity: 'account', entityId: account.id, before: null, after: account });
    return { ...(await issueLink(tx, account.id, 'invitation')), account };
  }), taken);
}

async function issueLink(db: Db, accountId: number, purpose: 'invitation' | 'reset'): Promise<{ secret: string; expiresAt: Date }> {
  const secret = newSecret();
  const expiresAt = new Date(Date.now() + LIFETIMES[purpose]);
  // A new link replaces any earlier unused one.
  await db.delete(oneTimeLinks).where(and(eq(oneTimeLinks.accountId, accountId), isNull(oneTimeLinks.usedAt)));
  await db.insert(oneTimeLinks).values({ tokenHash: digest(secret), accountId, purpose, expiresAt });
  return { secret, expiresAt };
}

/** A password reset link for an account, made by an administrator (or printed by the CLI). */
export async function passwordResetLink(db: Db, actor: Actor, accountId: number): Promise<OneTimeLink> {
  authorize(actor, { do: 'account.manage' });
  const account = await getAccount(db, accountId);
  if (account.status === 'disabled') throw new KizunaError('conflict', `The account of ${account.email} is disabled; enable it first.`);
  return db.transaction(async (tx) => {
    const link = await issueLink(tx, accountId, account.status === 'invited' ? 'invitation' : 'reset');
    await writeAudit(tx, actor, { action: 'password-link', entity: 'account', entityId: accountId, before: null, after: { expiresAt: link.expiresAt.toISOString() } });
    return { ...link, account };
  });
}

/** The account and purpose of a one-time link that can still be used; a clear refusal otherwise. */
export async function openOneTimeLink(db: Db, secret: string): Promise<{ account: Account; purpose: 'invitation' | 'reset' }> {
  const [link] = await db.select().from(oneTimeLinks).where(eq(oneTimeLinks.tokenHash, digest(secret)));
  if (!link) throw new KizunaError('not_found', 'This link is not known: it may have been replaced by a newer one. Ask your coordinator or administrator for a new link.');
  if (link.usedAt) throw new KizunaError('conflict', 'This link has been used already. Sign in with your password, or ask for a new link.');
  if (link.expiresAt.getTime() <= Date.now()) throw new KizunaError('conflict', 'This link has expired. Ask your coordinator or administrator for a new one.');
  const account = await getAccount(db, link.accountId);
  if (account.status === 'disabled') throw new KizunaError('forbidden', 'This account is disabled.');
  return { account, purpose: link.purpose };
}

/** Sets the password through a one-time link; the account becomes active and every other session of it ends. */
export async function setPasswordWithLink(db: Db, secret: string, password: string): Promise<Account> {
  const { account } = await openOneTimeLink(db, secret);
  const problem = passwordProblem(password, account.email);
  if (problem) failIfProblems([{ field: 'password', message: problem }]);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const used = await tx
      .update(oneTimeLinks)
      .set({ usedAt: new Date() })
      .where(and(eq(oneTimeLinks.tokenHash, digest(secret)), isNull(oneTimeLinks.usedAt)))
      .returning({ accountId: oneTimeLinks.accountId });
    if (used.length === 0) throw new KizunaError('conflict', 'This link has been used already. Sign in with your password, or ask for a new link.');
    await tx.update(accounts).set({ passwordHash, status: 'active' }).where(eq(accounts.id, account.id));
    // A new password ends whatever the old one opened: sessions and API tokens.
    await tx.delete(sessions).where(eq(sessions.accountId, account.id));
    await tx.update(apiTokens).set({ revokedAt: new Date() }).where(and(eq(apiTokens.accountId, account.id), isNull(apiTokens.revokedAt)));
    const actor = await actorOf(tx, account.id);
    await writeAudit(tx, actor, { action: 'set-password', entity: 'account', entityId: account.id, before: { status: account.status }, after: { status: 'active' } });
    return getAccount(tx, account.id);
  });
}

/** Disables or enables an account; disabling ends its sessions and revokes its API tokens. */
export async function setAccountEnabled(db: Db, actor: Actor, accountId: number, enabled: boolean): Promise<Account> {
  authorize(actor, { do: 'account.manage' });
  if (actor.kind === 'account' && actor.accountId === accountId && !enabled) {
    throw new KizunaError('conflict', 'You cannot disable your own account; ask another administrator.');
  }
  return db.transaction(async (tx) => {
    const before = await getAccount(tx, accountId);
    const status = !enabled ? 'disabled' : (await hasPassword(tx, accountId)) ? 'active' : 'invited';
    await tx.update(accounts).set({ status }).where(eq(accounts.id, accountId));
    if (!enabled) {
      await tx.delete(sessions).where(eq(sessions.accountId, accountId));
      await tx.delete(oneTimeLinks).where(and(eq(oneTimeLinks.accountId, accountId), isNull(oneTimeLinks.usedAt)));
      await tx.update(apiTokens).set({ revokedAt: new Date() }).where(and(eq(apiTokens.accountId, accountId), isNull(apiTokens.revokedAt)));
    }
    const after = await getAccount(tx, accountId);
    await writeAudit(tx, actor, { action: enabled ? 'enable' : 'disable', entity: 'account', entityId: accountId, before, after });
    return after;
  });
}

async function hasPassword(db: Db, accountId: number): Promise<boolean> {
  const [row] = await db.select({ passwordHash: accounts.passwordHash }).from(accounts).where(eq(accounts.id, accountId));
  return Boolean(row?.passwordHash);
}

/** The actor an account acts as: its role and, for an officer, its local governments. */
export async function actorOf(db: Db, accountId: number): Promise<Actor & { kind: 'account' }> {
  // One query: this runs for every signed-in request.
  const [row] = await queryRows<{ role: Role; email: string; name: string; lg_ids: number[] }>(
    db,
    sql`select a.role, a.email, a.name, coalesce(array_agg(l.local_government_id order by l.local_government_id) filter (where l.local_government_id is not null), '{}') as lg_ids
      from accounts a left join account_local_governments l on l.account_id = a.id where a.id = ${accountId} group by a.id`,
  );
  if (!row) throw notFound(`Account ${accountId}`);
  return { kind: 'account', accountId, role: row.role, localGovernmentIds: row.lg_ids, label: row.email, name: row.name };
}

export interface SignInAttempt {
  email: string;
  password: string;
  /** The client's address, for the per-address limit. */
  address: string;
  /** The session the browser had before, which is ended: a new session id at every sign-in. */
  previousSession?: string | undefined;
}

/** Checks the password (throttled per account from one address, and per address) and opens a new session. */
export async function signIn(db: Db, attempt: SignInAttempt, now = new Date()): Promise<{ session: string; expiresAt: Date; account: Account }> {
  const email = normaliseEmail(attempt.email);
  const wrong = () => new KizunaError('unauthorized', 'The e-mail address or the password is wrong.', [{ field: 'password', message: 'the e-mail address or the password is wrong' }]);
  if (email.length > 254 || [...attempt.password].length > PASSWORD_LENGTH.max) throw wrong();
  // No account-wide limit: it would let anyone lock anyone out; guessing spread over many addresses is left to the password rules.
  const keys = signInFailureKeys(email, attempt.address);
  const since = new Date(now.getTime() - SIGN_IN_THROTTLE.windowMs);
  // The attempt counts as a failure from the start, so that guesses sent at once see each other; a success takes it back.
  const pending = (
    await db.insert(signInFailures).values([{ key: keys.accountFromAddress, at: now }, { key: keys.address, at: now }]).returning({ id: signInFailures.id })
  ).map((row) => row.id);
  const failures = await db
    .select({ key: signInFailures.key, at: signInFailures.at })
    .from(signInFailures)
    .where(and(inArray(signInFailures.key, [keys.accountFromAddress, keys.address]), gt(signInFailures.at, since)));
  const until = [
    throttledUntil(failures.filter((f) => f.key === keys.accountFromAddress).map((f) => f.at), SIGN_IN_THROTTLE.perAccountFromAddress + 1, now),
    throttledUntil(failures.filter((f) => f.key === keys.address).map((f) => f.at), SIGN_IN_THROTTLE.perAddress + 1, now),
  ].filter((date): date is Date => date !== undefined);
  if (until.length) {
    await db.delete(signInFailures).where(inArray(signInFailures.id, pending));
    const retryAfter = Math.ceil((Math.max(...until.map((date) => date.getTime())) - now.getTime()) / 1000);
    throw tooManyRequests(`Too many failed sign-ins. Wait ${Math.ceil(retryAfter / 60)} minutes and try again, or ask for a password reset.`, retryAfter);
  }
  const [row] = await db.select().from(accounts).where(eq(accounts.email, email));
  const valid = row?.passwordHash ? await argon2Verify(row.passwordHash, attempt.password) : await argon2Verify(await (decoyHash ??= hashPassword(newSecret())), attempt.password);
  if (!row || !valid || row.status !== 'active') {
    // Old failures are of no use to the throttle; they go as new ones come.
    await db.delete(signInFailures).where(lt(signInFailures.at, since));
    if (row && valid && row.status === 'disabled') throw new KizunaError('forbidden', 'This account is disabled. Ask an administrator.');
    throw wrong();
  }
  const session = newSecret();
  const expiresAt = new Date(now.getTime() + LIFETIMES.session);
  await db.transaction(async (tx) => {
    if (attempt.previousSession) await tx.delete(sessions).where(eq(sessions.idHash, digest(attempt.previousSession)));
    await tx.delete(signInFailures).where(or(eq(signInFailures.key, keys.accountFromAddress), inArray(signInFailures.id, pending)));
    await tx.insert(sessions).values({ idHash: digest(session), accountId: row.id, expiresAt, address: attempt.address });
    await tx.update(accounts).set({ lastSignInAt: now }).where(eq(accounts.id, row.id));
  });
  return { session, expiresAt, account: await getAccount(db, row.id) };
}

export async function signOut(db: Db, session: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, digest(session)));
}

/** The actor behind a session cookie, or undefined when the session is unknown, expired or its account disabled. */
export async function actorOfSession(db: Db, session: string): Promise<(Actor & { kind: 'account' }) | undefined> {
  const [row] = await db
    .select({ accountId: sessions.accountId })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(eq(sessions.idHash, digest(session)), gt(sessions.expiresAt, sql`now()`), eq(accounts.status, 'active')));
  return row ? actorOf(db, row.accountId) : undefined;
}

/** The first characters of every Kizuna API token, so that a leaked one is easy to recognise. */
const TOKEN_PREFIX = 'kz_';

export interface ApiToken {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A new API token of the actor's own account; the secret is shown once. */
export async function createApiToken(db: Db, actor: Actor, name: string): Promise<{ token: string; record: ApiToken }> {
  authorize(actor, { do: 'account.self' });
  if (actor.kind !== 'account') throw new KizunaError('forbidden', 'API tokens belong to accounts.');
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 100) failIfProblems([{ field: 'name', message: 'name the token (1 to 100 characters), e.g. “prefecture website sync”' }]);
  const token = TOKEN_PREFIX + newSecret();
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(apiTokens).values({ accountId: actor.accountId, name: trimmed, tokenHash: digest(token), prefix: token.slice(0, 9) }).returning();
    const record = presentToken(row!);
    await writeAudit(tx, actor, { action: 'create-token', entity: 'api_token', entityId: record.id, before: null, after: { name: record.name } });
    return { token, record };
  });
}

const presentToken = (row: typeof apiTokens.$inferSelect): ApiToken => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

export async function listApiTokens(db: Db, actor: Actor): Promise<ApiToken[]> {
  authorize(actor, { do: 'account.self' });
  if (actor.kind !== 'account') return [];
  const rows = await db.select().from(apiTokens).where(eq(apiTokens.accountId, actor.accountId)).orderBy(asc(apiTokens.id));
  return rows.map(presentToken);
}

/** Revokes one of the actor's own tokens (administrators may revoke anyone's). */
export async function revokeApiToken(db: Db, actor: Actor, tokenId: number): Promise<ApiToken> {
  authorize(actor, { do: 'account.self' });
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(apiTokens).where(eq(apiTokens.id, tokenId));
    const mine = row && actor.kind === 'account' && (row.accountId === actor.accountId || decide(actor, { do: 'account.manage' }).allowed);
    if (!row || !mine) throw notFound(`API token ${tokenId}`);
    if (row.revokedAt) return presentToken(row);
    const [revoked] = await tx.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, tokenId)).returning();
    const after = presentToken(revoked!);
    await writeAudit(tx, actor, { action: 'revoke-token', entity: 'api_token', entityId: tokenId, before: { name: row.name }, after: { name: row.name, revokedAt: after.revokedAt } });
    return after;
  });
}

/** The actor behind an API token, or undefined when the token is unknown, revoked or its account not active. */
export async function actorOfApiToken(db: Db, token: string): Promise<(Actor & { kind: 'account' }) | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const [row] = await db
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .from(accounts)
    .where(and(eq(apiTokens.tokenHash, digest(token)), isNull(apiTokens.revokedAt), eq(accounts.id, apiTokens.accountId), eq(accounts.status, 'active')))
    .returning({ accountId: apiTokens.accountId });
  return row ? actorOf(db, row.accountId) : undefined;
}


/**
 * A secret of this installation, made at first use and kept in the database, so that every process
 * behind a load balancer signs the same way (CSRF tokens).
 */
export async function installationSecret(db: Db): Promise<string> {
  await db.insert(meta).values({ key: 'installation_secret', value: newSecret() }).onConflictDoNothing();
  const [row] = await db.select({ value: meta.value }).from(meta).where(eq(meta.key, 'installation_secret'));
  return row!.value;
}

/**
 * The one-time link of the first administrator, while no administrator has a password: the account
 * is created (by the machine's operator) on the first start. Undefined once there is one.
 */
export async function firstAdministratorLink(db: Db, email: string): Promise<OneTimeLink | undefined> {
  const [active] = await db.select({ id: accounts.id }).from(accounts).where(and(eq(accounts.role, 'administrator'), eq(accounts.status, 'active'))).limit(1);
  if (active) return undefined;
  const operator: Actor = { kind: 'system', label: 'kizuna serve' };
  const [existing] = await db.select({ id: accounts.id, role: accounts.role, status: accounts.status }).from(accounts).where(eq(accounts.email, normaliseEmail(email)));
  // Only an administrator still waiting for their invitation gets a new link; anyone else's account is left alone.
  if (existing) return existing.role === 'administrator' && existing.status === 'invited' ? passwordResetLink(db, operator, existing.id) : undefined;
  return inviteAccount(db, operator, { email, name: 'Administrator', role: 'administrator', localGovernmentIds: [] });
}
