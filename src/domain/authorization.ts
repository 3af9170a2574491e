import { KizunaError } from '../errors.js';

/**
 * Who may do what. Every action of the web, the API and the CLI is decided here and nowhere else.
 *
 * - public (no account): reads what is published.
 * - officer: bound to one or more local governments; changes only those (their listings, their relationships).
 * - coordinator: every local government, moderation, introductions, the audit log, inviting officers.
 * - administrator: everything a coordinator does, and accounts of every role, and imports.
 */
export const ROLES = ['officer', 'coordinator', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

export type Actor =
  | { kind: 'public' }
  /** Someone at the machine itself, through the kizuna command: they hold the database already. */
  | { kind: 'system'; label: string }
  | {
      kind: 'account';
      accountId: number;
      role: Role;
      /** The local governments an officer acts for; empty for coordinators and administrators. */
      localGovernmentIds: readonly number[];
      /** How the audit log names the actor: the account's e-mail address. */
      label: string;
      /** The person's name, for pages. */
      name: string;
    };

export const PUBLIC: Actor = { kind: 'public' };

export type Action =
  /** Create, change or end a relationship between the two parties. */
  | { do: 'relationship.write'; parties: readonly [number, number] }
  /** Mark a relationship verified (or not): an officer's entry is a claim until a coordinator checks it. */
  | { do: 'relationship.verify' }
  /** Start a listing for a local government, or change, submit, renew or withdraw it. */
  | { do: 'listing.write'; localGovernmentId: number }
  /** See a listing that is not published (a draft, one under review, a closed one). */
  | { do: 'listing.read-unpublished'; localGovernmentId: number }
  /** Publish a listing, or send it back with a comment. */
  | { do: 'listing.moderate' }
  /** Invite a person with a role (and, for an officer, the local governments they act for). */
  | { do: 'account.invite'; role: Role }
  /** See the accounts and whom they act for. */
  | { do: 'account.list' }
  /** Disable or enable an account, make a password reset link. */
  | { do: 'account.manage' }
  | { do: 'audit.read' }
  | { do: 'import.run' }
  /** Import a register sheet of relationships (CLAIR's or a prefecture's list), or its dry run. */
  | { do: 'register.import' }
  /** What any account may do for itself: open its dashboard, make and revoke its own API tokens. */
  | { do: 'account.self' }
  /**
   * See an introduction's thread and its formation tracker: the sender's officers always, the
   * recipient's once a coordinator has forwarded it.
   */
  | { do: 'introduction.read'; from: number; to: number; forwarded: boolean }
  /** Express interest for a local government in another, reply for it, or withdraw its interest. */
  | { do: 'introduction.send'; from: number }
  /** Accept or decline an introduction forwarded to a local government. */
  | { do: 'introduction.answer'; to: number }
  /** Review every introduction: forward it, ask its sender for more, or decline it. */
  | { do: 'introduction.coordinate' }
  /** Record or correct a step of the formation tracker of two local governments. */
  | { do: 'tracker.record'; parties: readonly [number, number] }
  /** Add, correct or delete the figures published elsewhere that the statistics set beside the register's. */
  | { do: 'figures.edit' }
  /** Record, correct or delete a commendation (an award to a local government or an organisation). */
  | { do: 'commendation.write' }
  /** Publish, correct or delete a news item. */
  | { do: 'news.write' }
  /** Assemble, edit, publish and send an issue of the newsletter. */
  | { do: 'newsletter.edit' }
  /** See the newsletter's subscribers and their addresses. */
  | { do: 'subscriber.list' }
  /** Create, change or delete a jurisdiction (a named set of places, such as a consulate's). */
  | { do: 'jurisdiction.edit' };

export type Decision = { allowed: true } | { allowed: false; reason: string };

const isStaff = (role: Role) => role === 'coordinator' || role === 'administrator';

/** Whether the actor may do the action, and if not, why (in words fit to show them). */
export function decide(actor: Actor, action: Action): Decision {
  if (actor.kind === 'public') return { allowed: false, reason: 'Sign in first: this needs an account.' };
  if (actor.kind === 'system') return { allowed: true };
  const { role, localGovernmentIds } = actor;
  const allow: Decision = { allowed: true };
  const deny = (reason: string): Decision => ({ allowed: false, reason });
  switch (action.do) {
    case 'account.self':
      return allow;
    case 'relationship.write':
      if (isStaff(role) || action.parties.some((party) => localGovernmentIds.includes(party))) return allow;
      return deny('An officer changes only the relationships of their own local governments.');
    case 'relationship.verify':
      if (isStaff(role)) return allow;
      return deny('Only a coordinator verifies a relationship: an officer’s entry shows as not yet verified until one has checked it.');
    case 'listing.write':
    case 'listing.read-unpublished':
      if (isStaff(role) || localGovernmentIds.includes(action.localGovernmentId)) return allow;
      return deny('An officer changes only the listings of their own local governments.');
    case 'introduction.read':
      if (isStaff(role) || localGovernmentIds.includes(action.from) || (action.forwarded && localGovernmentIds.includes(action.to))) return allow;
      return deny(
        localGovernmentIds.includes(action.to)
          ? 'A coordinator has not forwarded this introduction to your local government yet.'
          : 'An introduction is seen only by the officers of its two local governments and by coordinators.',
      );
    case 'introduction.send':
      if (isStaff(role) || localGovernmentIds.includes(action.from)) return allow;
      return deny('An officer expresses interest only for their own local governments.');
    case 'introduction.answer':
      if (isStaff(role) || localGovernmentIds.includes(action.to)) return allow;
      return deny('Only the officers of the local government an introduction was sent to answer it.');
    case 'tracker.record':
      if (isStaff(role) || action.parties.some((party) => localGovernmentIds.includes(party))) return allow;
      return deny('Only the officers of the two local governments and coordinators record the steps of forming their relationship.');
    case 'introduction.coordinate':
    case 'listing.moderate':
    case 'account.list':
    case 'audit.read':
    case 'figures.edit':
    case 'jurisdiction.edit':
    case 'register.import':
    case 'commendation.write':
    case 'news.write':
    case 'newsletter.edit':
      return isStaff(role) ? allow : deny('Only coordinators and administrators do this.');
    case 'account.invite':
      if (role === 'administrator') return allow;
      if (role === 'coordinator' && action.role === 'officer') return allow;
      return deny(role === 'coordinator' ? 'A coordinator invites officers; an administrator invites coordinators and administrators.' : 'Only coordinators and administrators invite people.');
    case 'account.manage':
    case 'import.run':
    case 'subscriber.list':
      return role === 'administrator' ? allow : deny('Only administrators do this.');
  }
}

/** Throws 401 for the public and 403 for an account that may not do the action. */
export function authorize(actor: Actor, action: Action): void {
  const decision = decide(actor, action);
  if (decision.allowed) return;
  throw new KizunaError(actor.kind === 'public' ? 'unauthorized' : 'forbidden', decision.reason);
}

/** How the audit log names an actor. */
export const actorLabel = (actor: Actor): string => (actor.kind === 'public' ? 'public' : actor.label);

/** The account behind an actor, if any. */
export const accountIdOf = (actor: Actor): number | null => (actor.kind === 'account' ? actor.accountId : null);
