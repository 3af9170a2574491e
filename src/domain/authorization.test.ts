import { describe, expect, it } from 'vitest';
import { KizunaError } from '../errors.js';
import { accountIdOf, actorLabel, authorize, decide, PUBLIC, type Action, type Actor, type Role } from './authorization.js';

const IBARA = 1;
const NAGI = 2;
const ELSEWHERE = 3;

const account = (accountId: number, role: Role, localGovernmentIds: number[] = []): Actor => ({
  kind: 'account',
  accountId,
  role,
  localGovernmentIds,
  label: `${role}@city.example.jp`,
  name: `A ${role}`,
});

const ACTORS = {
  public: PUBLIC,
  system: { kind: 'system', label: 'kizuna import' },
  officer: account(10, 'officer', [IBARA]),
  coordinator: account(20, 'coordinator'),
  administrator: account(30, 'administrator'),
} satisfies Record<string, Actor>;
type ActorName = keyof typeof ACTORS;

/** Every action, once for the officer's own local government and once for another where it matters. */
const ACTIONS = {
  'relationship.write of LG 1 with LG 3': { do: 'relationship.write', parties: [IBARA, ELSEWHERE] },
  'relationship.write of LG 3 with LG 1': { do: 'relationship.write', parties: [ELSEWHERE, IBARA] },
  'relationship.write of LG 2 with LG 3': { do: 'relationship.write', parties: [NAGI, ELSEWHERE] },
  'relationship.verify': { do: 'relationship.verify' },
  'listing.write for LG 1': { do: 'listing.write', localGovernmentId: IBARA },
  'listing.write for LG 2': { do: 'listing.write', localGovernmentId: NAGI },
  'listing.read-unpublished of LG 1': { do: 'listing.read-unpublished', localGovernmentId: IBARA },
  'listing.read-unpublished of LG 2': { do: 'listing.read-unpublished', localGovernmentId: NAGI },
  'listing.moderate': { do: 'listing.moderate' },
  'account.invite of an officer': { do: 'account.invite', role: 'officer' },
  'account.invite of a coordinator': { do: 'account.invite', role: 'coordinator' },
  'account.invite of an administrator': { do: 'account.invite', role: 'administrator' },
  'account.list': { do: 'account.list' },
  'account.manage': { do: 'account.manage' },
  'audit.read': { do: 'audit.read' },
  'import.run': { do: 'import.run' },
  'register.import': { do: 'register.import' },
  'account.self': { do: 'account.self' },
  'introduction.read of LG 1 in LG 3, not forwarded': { do: 'introduction.read', from: IBARA, to: ELSEWHERE, forwarded: false },
  'introduction.read of LG 3 in LG 1, not forwarded': { do: 'introduction.read', from: ELSEWHERE, to: IBARA, forwarded: false },
  'introduction.read of LG 3 in LG 1, forwarded': { do: 'introduction.read', from: ELSEWHERE, to: IBARA, forwarded: true },
  'introduction.read of LG 2 in LG 3, forwarded': { do: 'introduction.read', from: NAGI, to: ELSEWHERE, forwarded: true },
  'introduction.send from LG 1': { do: 'introduction.send', from: IBARA },
  'introduction.send from LG 2': { do: 'introduction.send', from: NAGI },
  'introduction.answer to LG 1': { do: 'introduction.answer', to: IBARA },
  'introduction.answer to LG 2': { do: 'introduction.answer', to: NAGI },
  'introduction.coordinate': { do: 'introduction.coordinate' },
  'tracker.record of LG 3 with LG 1': { do: 'tracker.record', parties: [ELSEWHERE, IBARA] },
  'tracker.record of LG 2 with LG 3': { do: 'tracker.record', parties: [NAGI, ELSEWHERE] },
  'figures.edit': { do: 'figures.edit' },
  'commendation.write': { do: 'commendation.write' },
  'news.write': { do: 'news.write' },
  'newsletter.edit': { do: 'newsletter.edit' },
  'subscriber.list': { do: 'subscriber.list' },
  'jurisdiction.edit': { do: 'jurisdiction.edit' },
} satisfies Record<string, Action>;
type ActionName = keyof typeof ACTIONS;

/** The decision table, written out by hand: Y allowed, N refused. Columns: public, system, officer of LG 1, coordinator, administrator. */
const TABLE: Record<ActionName, Record<ActorName, 'Y' | 'N'>> = {
  'relationship.write of LG 1 with LG 3': { public: 'N', system: 'Y', officer: 'Y', coordinator: 'Y', administrator: 'Y' },
  'relationship.write of LG 3 with LG 1': { public: 'N', system: 'Y', officer: 'Y', coordinator: 'Y', administrator: 'Y' },
  'relationship.write of LG 2 with LG 3': { public: 'N', system: 'Y', officer: 'N', coordinator: 'Y', administrator: 'Y' },
  'relationship.verify': { public: 'N', system: 'Y', officer: 'N', coordinator: 'Y', administrator: 'Y' },
  'listing.write for LG 1': { public: 'N', system: 'Y', officer: 'Y', coordinator: 'Y', administrator: 'Y' },
  'listing.write for LG 2': { public: 'N', system: 'Y', officer: 'N', coordinator: 'Y', administrator: 'Y' },
  'listing.read-unpublished of LG 1': { public: 'N', system: 'Y', officer: 'Y', coordinator: 'Y', administrator: 'Y' },
  'listing.read-unpublished of LG 2': { public: 'N', system: 'Y', officer: 'N', coordinator: 'Y', administrator: 'Y' },
  'listing.moderate': { public: 'N', system: 'Y', officer: 'N', coordinator: 'Y', administrator: 'Y' },
  'account.invite of an officer': { public: 'N', system: 'Y', officer: 'N', coordinator: 'Y', administrator: 'Y' },
  'account.invite of a coordinator': { public: 'N', system: 'Y', officer: 'N', coordinator: 'N', administrator: 'Y' },
  'account.invite of an administrator': { public: 'N', system: 'Y', officer: 'N', coordinator: 'N', administrator: 'Y' },
  'account.list': { public: 'N', system: 'Y', officer: 'N', coordinator: 'Y', administrator: 'Y' },
  'account.manage': { public: 'N', system: 'Y', officer: 'N', coordinator: 'N', administrator: 'Y' },
  'audit.read': { public: 'N', system: 'Y', officer: 'N', coordinator: 'Y', administrator: 'Y' },
  'import.run': { public: 'N', system: 'Y', officer: 'N', coordinator: 'N', administrator: 'Y' },
  'register.import': { public: 'N', system: 'Y', officer: 'N', coordinator: 'Y', administrator: 'Y' },
  'account.self': { public: 'N', system: 'Y', officer: 'Y', coordinator: 'Y', administrator: 'Y' },
  'introduction.read of LG 1 in LG 3, not forwarded': { public: 'N', system: 'Y', officer: 'Y', coordinator: 'Y', administrator: 'Y' },
  'introduction.read of LG 3 in LG 1, not forwarded': { public: 'N', system: 'Y', officer: 'N', coordinator: 'Y', administrator: 'Y' },
  'introduction.read of LG 3 in LG 1, forwarded': { public: 'N', system: 'Y', officer: 'Y', coordinator: 'Y', administrator: 'Y' },
  'introduction.read of LG 2 in LG 3, forwarded': { public: 'N', system: 'Y', officer: 'N', coordinator: 'Y', administrator: 'Y' },
  'introduction.send from LG 1': { public: 'N', system: 'Y', officer: 'Y', coordinator: 'Y', administrator: 'Y' },
  'introduction.send from LG 2': { public: 'N', system: 'Y', officer: 'N', coordinator: 'Y', administrator: 'Y' },
  'introduction.answer to LG 1': { public: 'N', system: 'Y', officer: 'Y', coordinator: 'Y', administrator: 'Y' },
  'introduction.answer to LG 2': { public: 'N', system: 'Y', officer: 'N', coordinator: 'Y', administrator: 'Y' },
  'introduction.coordinate': { public: 'N', system: 'Y', officer: 'N', coordinator: 'Y', administrator: 'Y' },
  'tracker.record of LG 3 with LG 1': { public: 'N', system: 'Y', officer: 'Y', coordinator: 'Y', administrator: 'Y' },
  'tracker.record of LG 2 with LG 3': { public: 'N', system: 'Y', officer: 'N', coordinator: 'Y', administrator: 'Y' },
  'figures.edit': { public: 'N', system: 'Y', officer: 'N', coordinator: 'Y', administrator: 'Y' },
  'commendation.write': { public: 'N', system: 'Y', officer: 'N', coordinator: 'Y', administrator: 'Y' },
  'news.write': { public: 'N', system: 'Y', officer: 'N', coordinator: 'Y', administrator: 'Y' },
  'newsletter.edit': { public: 'N', system: 'Y', officer: 'N', coordinator: 'Y', administrator: 'Y' },
  'subscriber.list': { public: 'N', system: 'Y', officer: 'N', coordinator: 'N', administrator: 'Y' },
  'jurisdiction.edit': { public: 'N', system: 'Y', officer: 'N', coordinator: 'Y', administrator: 'Y' },
};

const cases = (Object.keys(TABLE) as ActionName[]).flatMap((actionName) =>
  (Object.keys(ACTORS) as ActorName[]).map((actorName) => ({ actionName, actorName, expected: TABLE[actionName][actorName] })),
);

/** A sentence a person can read: a capital, several words, a full stop, and no machine names. */
const isSentence = (text: string) =>
  /^[A-Z]/.test(text) && text.endsWith('.') && text.split(/\s+/).length >= 4 && !/[a-z]\.[a-z]|_|undefined|\[object/.test(text);

describe('decide', () => {
  it('covers every action for every kind of actor in the table', () => {
    expect(cases).toHaveLength(35 * 5);
  });

  it.each(cases)('$actionName by $actorName: $expected', ({ actionName, actorName, expected }) => {
    const decision = decide(ACTORS[actorName], ACTIONS[actionName]);
    expect(decision.allowed).toBe(expected === 'Y');
    if (!decision.allowed) expect(isSentence(decision.reason), decision.reason).toBe(true);
  });

  it('tells the public to sign in, whatever they try', () => {
    for (const action of Object.values(ACTIONS)) {
      const decision = decide(PUBLIC, action);
      expect(decision).toEqual({ allowed: false, reason: expect.stringMatching(/sign in/i) });
    }
  });

  it('lets an officer of several local governments act for each of them', () => {
    const officer = account(11, 'officer', [IBARA, NAGI]);
    expect(decide(officer, { do: 'listing.write', localGovernmentId: NAGI }).allowed).toBe(true);
    expect(decide(officer, { do: 'listing.write', localGovernmentId: ELSEWHERE }).allowed).toBe(false);
    expect(decide(officer, { do: 'relationship.write', parties: [NAGI, IBARA] }).allowed).toBe(true);
  });

  it('lets an officer bound to no local government change none', () => {
    const officer = account(12, 'officer', []);
    expect(decide(officer, { do: 'listing.write', localGovernmentId: IBARA }).allowed).toBe(false);
    expect(decide(officer, { do: 'relationship.write', parties: [IBARA, NAGI] }).allowed).toBe(false);
    expect(decide(officer, { do: 'account.self' }).allowed).toBe(true);
  });

  it('explains to a coordinator that only officers are theirs to invite', () => {
    const decision = decide(ACTORS.coordinator, { do: 'account.invite', role: 'administrator' });
    expect(decision).toEqual({ allowed: false, reason: expect.stringContaining('A coordinator invites officers') });
  });

  it('gives an officer a reason about their own local governments when refusing another one', () => {
    const listing = decide(ACTORS.officer, { do: 'listing.write', localGovernmentId: NAGI });
    const relationship = decide(ACTORS.officer, { do: 'relationship.write', parties: [NAGI, ELSEWHERE] });
    expect(listing).toEqual({ allowed: false, reason: expect.stringContaining('their own local governments') });
    expect(relationship).toEqual({ allowed: false, reason: expect.stringContaining('relationships') });
  });
});

describe('introductions', () => {
  it('tells the recipient’s officer that the introduction is not forwarded yet, and anyone else whose it is', () => {
    expect(decide(ACTORS.officer, { do: 'introduction.read', from: ELSEWHERE, to: IBARA, forwarded: false })).toEqual({
      allowed: false,
      reason: expect.stringContaining('has not forwarded'),
    });
    expect(decide(ACTORS.officer, { do: 'introduction.read', from: NAGI, to: ELSEWHERE, forwarded: true })).toEqual({
      allowed: false,
      reason: expect.stringContaining('only by the officers of its two local governments'),
    });
  });
});

describe('authorize', () => {
  it.each(cases.filter((c) => c.expected === 'Y'))('returns quietly for $actionName by $actorName', ({ actionName, actorName }) => {
    expect(authorize(ACTORS[actorName], ACTIONS[actionName])).toBeUndefined();
  });

  it.each(cases.filter((c) => c.expected === 'N'))('throws for $actionName by $actorName', ({ actionName, actorName }) => {
    const actor = ACTORS[actorName];
    let thrown: unknown;
    try {
      authorize(actor, ACTIONS[actionName]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(KizunaError);
    const error = thrown as KizunaError;
    if (actor.kind === 'public') {
      expect(error.id).toBe('unauthorized');
      expect(error.status).toBe(401);
    } else {
      expect(error.id).toBe('forbidden');
      expect(error.status).toBe(403);
    }
    const decision = decide(actor, ACTIONS[actionName]);
    expect(error.message).toBe(decision.allowed ? '(allowed)' : decision.reason);
  });
});

describe('how the audit log names an actor', () => {
  it('names the public, the operator and an account', () => {
    expect(actorLabel(PUBLIC)).toBe('public');
    expect(actorLabel(ACTORS.system)).toBe('kizuna import');
    expect(actorLabel(ACTORS.officer)).toBe('officer@city.example.jp');
  });

  it('gives the account id of an account only', () => {
    expect(accountIdOf(ACTORS.officer)).toBe(10);
    expect(accountIdOf(ACTORS.administrator)).toBe(30);
    expect(accountIdOf(ACTORS.system)).toBeNull();
    expect(accountIdOf(PUBLIC)).toBeNull();
  });
});
