import { and, asc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { accountLocalGovernments, accounts, introductionMessages, introductions, listings, localGovernments, trackers, trackerSteps } from '../db/schema.js';
import { accountIdOf, authorize, decide, PUBLIC, type Action, type Actor } from '../domain/authorization.js';
import {
  errorIdOf,
  EXCHANGE_STEP,
  formationStepOf,
  FORMATION_STEPS,
  INTRODUCTION_STEP_NAMES,
  INTRODUCTION_STEPS,
  interestRefusal,
  introductionNotices,
  introductionStatusAfter,
  messageProblems,
  SIGNING_STEP,
  sideOfStep,
  stepEntryProblems,
  stepOrderProblem,
  whoTakes,
  type FormationStep,
  type IntroductionNotice,
  type IntroductionStatus,
  type IntroductionStep,
  type Problem,
  type RecordedStep,
  type Side,
  type StepEntry,
  type StepTaker,
} from '../domain/introductions.js';
import { normaliseLabel, orderedPair } from '../domain/relationships.js';
import { KizunaError, notFound, refusingDuplicates } from '../errors.js';
import { lgName, problemText, t, type Lang, type MessageKey } from '../i18n/index.js';
import { writeAudit } from './audit.js';
import { WebAddress } from './inputs.js';
import { closeListingsOnSigning, getListing, type Listing } from './listings.js';
import type { Mail, Mailer } from './mailer.js';
import { prefixedRow, presentLocalGovernmentSummary, relationshipUrl, summaryColumns, toDateString, toTimestampString, type LocalGovernmentSummary } from './presenters.js';
import { createRelationship, today, updateRelationship } from './registry.js';

/**
 * Introductions through a coordinator and their formation trackers. The rules are in
 * domain/introductions.ts; this module loads what they need, writes each change in one transaction
 * with its audit entry, and mails the people concerned once the change is committed.
 */

/**
 * A refusal of an introduction or a tracker step: the problems as codes with their facts (which
 * pages put into the reader's language), and in English for the API, the CLI and the log.
 */
export class IntroductionError extends KizunaError {
  constructor(readonly reasons: Problem[]) {
    super(
      errorIdOf(reasons),
      reasons.map((reason) => problemText('en', reason)).join(' '),
      reasons.map((reason) => ({ field: reason.field, message: problemText('en', reason) })),
    );
  }
}

function failIf(problems: Problem[]): void {
  if (problems.length > 0) throw new IntroductionError(problems);
}

export interface IntroductionSummary {
  id: number;
  url: string;
  status: IntroductionStatus;
  from: LocalGovernmentSummary;
  to: LocalGovernmentSummary;
  /** The day in Japan the interest was expressed. */
  sentOn: string;
  /** Whether a coordinator forwarded it, so that the recipient sees it. */
  forwarded: boolean;
  closedOn: string | null;
  updatedAt: string;
  /** Who declined it (the coordinators or the recipient) and why. */
  decline: { by: Side; reason: string } | null;
}

export interface IntroductionMessage {
  id: number;
  at: string;
  /** Whom the message speaks for. */
  side: Side;
  kind: 'interest' | IntroductionStep;
  body: string;
  /** The person who wrote it, and whether they are a coordinator (who may write for a side). */
  author: { name: string; coordinator: boolean } | null;
}

export interface TrackerStepView {
  step: number;
  name: FormationStep;
  recorded: { doneOn: string; notes: string; links: { url: string; label: string }[]; recordedBy: string | null; updatedAt: string } | null;
}

export interface Tracker {
  steps: TrackerStepView[];
  /** The step to record next, or null when all eight are. */
  next: number | null;
  /** The relationship signing created. */
  relationship: { id: number; url: string; label: string; status: string } | null;
}

export interface Introduction extends IntroductionSummary {
  /** The open listings of each side when the interest was expressed, where the viewer may see them. */
  listings: { from: { id: number; url: string } | null; to: { id: number; url: string } | null };
  messages: IntroductionMessage[];
  tracker: Tracker | null;
  /** What the viewer may do now: the side they speak for, the steps they may take, whether they may record tracker steps. */
  viewer: { side: Side; steps: IntroductionStep[]; recordSteps: boolean };
}

/** Where mail goes after a change, when this installation sends mail: the mailer and the site's address for links. */
export interface Notifier {
  mailer: Mailer;
  /** The site's address as people reach it, such as https://kizuna.example.org. */
  origin: string;
}

export interface ChangeOptions {
  /** The day in Japan (default today), for tests. */
  day?: string | undefined;
  notifier?: Notifier | undefined;
}

const introductionUrl = (id: number) => `/introductions/${id}`;

type Row = Record<string, unknown>;

/** Introductions with both parties, their tracker's relationship and their latest refusal, in one query. */
async function loadSummaries(db: Db, where: SQL): Promise<(IntroductionSummary & { fromListingId: number | null; toListingId: number | null; relationshipId: number | null; hasTracker: boolean })[]> {
  const rows = await queryRows<Row>(
    db,
    sql`select to_jsonb(i.*) as introduction, ${sql.raw(summaryColumns('f', 'f_'))}, ${sql.raw(summaryColumns('t', 't_'))},
          tr.introduction_id is not null as has_tracker, tr.relationship_id,
          (select jsonb_build_object('side', m.side, 'body', m.body) from introduction_messages m
            where m.introduction_id = i.id and m.kind = 'decline' order by m.id desc limit 1) as decline
        from introductions i
        join local_governments f on f.id = i.from_lg_id
        join local_governments t on t.id = i.to_lg_id
        left join trackers tr on tr.introduction_id = i.id
        where ${where}
        order by i.id desc`,
  );
  return rows.map((row) => {
    const i = row.introduction as Row;
    const decline = row.decline as { side: Side; body: string } | null;
    return {
      id: Number(i.id),
      url: introductionUrl(Number(i.id)),
      status: i.status as IntroductionStatus,
      from: presentLocalGovernmentSummary(prefixedRow(row, 'f_')),
      to: presentLocalGovernmentSummary(prefixedRow(row, 't_')),
      sentOn: toDateString(i.sent_on)!,
      forwarded: i.forwarded_at !== null,
      closedOn: toDateString(i.closed_on),
      updatedAt: toTimestampString(i.updated_at),
      decline: i.status === 'declined' && decline ? { by: decline.side, reason: decline.body } : null,
      fromListingId: (i.from_listing_id as number | null) ?? null,
      toListingId: (i.to_listing_id as number | null) ?? null,
      relationshipId: (row.relationship_id as number | null) ?? null,
      hasTracker: Boolean(row.has_tracker),
    };
  });
}

const summaryOf = ({ fromListingId: _f, toListingId: _t, relationshipId: _r, hasTracker: _h, ...summary }: Awaited<ReturnType<typeof loadSummaries>>[number]): IntroductionSummary => summary;

async function loadSummary(db: Db, id: number) {
  const [found] = await loadSummaries(db, sql`i.id = ${id}`);
  if (!found) throw notFound(`Introduction ${id}`);
  return found;
}

/** Locks an introduction's row for a change and loads it. */
async function lockedSummary(db: Db, id: number) {
  const [row] = await db.select({ id: introductions.id }).from(introductions).where(eq(introductions.id, id)).for('update');
  if (!row) throw notFound(`Introduction ${id}`);
  return loadSummary(db, id);
}

const readAction = (introduction: IntroductionSummary): Action => ({ do: 'introduction.read', from: introduction.from.id, to: introduction.to.id, forwarded: introduction.forwarded });

/** The permission each kind of step taker needs. */
function takerAction(taker: StepTaker, introduction: IntroductionSummary): Action {
  switch (taker) {
    case 'coordinator':
      return { do: 'introduction.coordinate' };
    case 'sender':
      return { do: 'introduction.send', from: introduction.from.id };
    case 'recipient':
      return { do: 'introduction.answer', to: introduction.to.id };
    case 'reader':
      return readAction(introduction);
  }
}

/** The side an actor speaks for when they write on a thread: coordinators for the coordinators, officers for their local government. */
function sideOf(actor: Actor, introduction: IntroductionSummary): Side {
  if (decide(actor, { do: 'introduction.coordinate' }).allowed) return 'coordinator';
  return actor.kind === 'account' && actor.localGovernmentIds.includes(introduction.from.id) ? 'from' : 'to';
}

/** One introduction with its thread and tracker, for someone who may see it (403 for others, sign-in first for the public). */
export async function getIntroduction(db: Db, actor: Actor, id: number): Promise<Introduction> {
  const found = await loadSummary(db, id);
  authorize(actor, readAction(found));
  const [messages, tracker, listingLinks] = await Promise.all([loadMessages(db, id), found.hasTracker ? loadTracker(db, id, found.relationshipId) : null, visibleListings(db, actor, found)]);
  const steps = INTRODUCTION_STEP_NAMES.filter(
    (step) =>
      (INTRODUCTION_STEPS[step].from as readonly IntroductionStatus[]).includes(found.status) && decide(actor, takerAction(whoTakes(step, found.status), found)).allowed,
  );
  const recordSteps = tracker !== null && decide(actor, { do: 'tracker.record', parties: [found.from.id, found.to.id] }).allowed;
  return { ...summaryOf(found), listings: listingLinks, messages, tracker, viewer: { side: sideOf(actor, found), steps, recordSteps } };
}

/** The listings an introduction kept, linked only where the viewer may see them. */
async function visibleListings(db: Db, actor: Actor, found: { fromListingId: number | null; toListingId: number | null }): Promise<Introduction['listings']> {
  const visible = async (listingId: number | null) => {
    if (listingId === null) return null;
    try {
      const listing = await getListing(db, actor, listingId);
      return { id: listing.id, url: listing.url };
    } catch (error) {
      if (error instanceof KizunaError && error.id === 'not_found') return null;
      throw error;
    }
  };
  return { from: await visible(found.fromListingId), to: await visible(found.toListingId) };
}

async function loadMessages(db: Db, id: number): Promise<IntroductionMessage[]> {
  const rows = await db
    .select({ message: introductionMessages, name: accounts.name, role: accounts.role })
    .from(introductionMessages)
    .leftJoin(accounts, eq(accounts.id, introductionMessages.accountId))
    .where(eq(introductionMessages.introductionId, id))
    .orderBy(asc(introductionMessages.id));
  return rows.map(({ message, name, role }) => ({
    id: message.id,
    at: message.at.toISOString(),
    side: message.side,
    kind: message.kind as IntroductionMessage['kind'],
    body: message.body,
    author: name === null ? null : { name, coordinator: role === 'coordinator' || role === 'administrator' },
  }));
}

async function recordedSteps(db: Db, id: number) {
  return db
    .select({ step: trackerSteps, recordedBy: accounts.name })
    .from(trackerSteps)
    .leftJoin(accounts, eq(accounts.id, trackerSteps.recordedBy))
    .where(eq(trackerSteps.introductionId, id))
    .orderBy(asc(trackerSteps.step));
}

async function loadTracker(db: Db, id: number, relationshipId: number | null): Promise<Tracker> {
  const rows = await recordedSteps(db, id);
  const [relationship] = relationshipId === null ? [] : await queryRows<{ id: number; label: string; status: string }>(db, sql`select id, label, status from relationships where id = ${relationshipId}`);
  const steps = FORMATION_STEPS.map((name, index): TrackerStepView => {
    const found = rows.find((row) => row.step.step === index + 1);
    return {
      step: index + 1,
      name,
      recorded: found
        ? {
            doneOn: toDateString(found.step.doneOn)!,
            notes: found.step.notes,
            links: found.step.links as { url: string; label: string }[],
            recordedBy: found.recordedBy,
            updatedAt: found.step.updatedAt.toISOString(),
          }
        : null,
    };
  });
  const next = steps.find((step) => step.recorded === null)?.step ?? null;
  return { steps, next, relationship: relationship ? { ...relationship, url: relationshipUrl(relationship) } : null };
}

/** What the page of a new expression of interest shows: both parties, the recipient's public listing, and why it cannot be sent, if it cannot. */
export interface InterestPreview {
  from: LocalGovernmentSummary;
  to: LocalGovernmentSummary;
  toListing: Listing | null;
  refusal: Problem | null;
}

async function lgSummary(db: Db, id: number): Promise<LocalGovernmentSummary | null> {
  const [row] = await queryRows<Row>(db, sql`select ${sql.raw(summaryColumns('lg'))} from local_governments lg where lg.id = ${id}`);
  return row ? presentLocalGovernmentSummary(row as never) : null;
}

/** The open listing of a local government (any status but closed), if it has one. */
async function openListingOf(db: Db, localGovernmentId: number): Promise<number | null> {
  const [row] = await db.select({ id: listings.id }).from(listings).where(and(eq(listings.localGovernmentId, localGovernmentId), ne(listings.status, 'closed')));
  return row?.id ?? null;
}

/** What the rules on expressing interest need (domain/introductions.ts, interestRefusal). */
async function interestFacts(db: Db, from: LocalGovernmentSummary, toId: number, to: LocalGovernmentSummary | null, day: string) {
  const [first, second] = orderedPair(from.id, toId);
  const [partners, existing, [sent]] = await Promise.all([
    queryRows<{ id: number; label: string }>(db, sql`select id, label from relationships where first_id = ${first} and second_id = ${second} and status <> 'ended' order by id`),
    loadSummaries(db, sql`least(i.from_lg_id, i.to_lg_id) = ${first} and greatest(i.from_lg_id, i.to_lg_id) = ${second}`),
    queryRows<{ count: number }>(db, sql`select count(*)::int as count from introductions where from_lg_id = ${from.id} and sent_on = ${day}`),
  ]);
  return {
    from: { id: from.id, name: from.name },
    to: to ? { id: to.id, name: to.name } : null,
    toId,
    relationships: partners.map((row) => ({ id: row.id, label: row.label })),
    introductions: existing.map((row) => ({
      fromId: row.from.id,
      from: row.from.name,
      to: row.to.name,
      status: row.status,
      sentOn: row.sentOn,
      closedOn: row.closedOn,
      relationshipId: row.relationshipId,
    })),
    sentToday: sent?.count ?? 0,
    today: day,
  };
}

/**
 * The page of a new expression of interest of one local government in another: 403 unless the
 * actor acts for the first, 404 when either does not exist; with the reason it would be refused.
 */
export async function interestPreview(db: Db, actor: Actor, fromId: number, toId: number, day = today()): Promise<InterestPreview> {
  authorize(actor, { do: 'introduction.send', from: fromId });
  const [from, to] = await Promise.all([lgSummary(db, fromId), lgSummary(db, toId)]);
  if (!from) throw notFound(`Local government ${fromId}`);
  if (!to) throw notFound(`Local government ${toId}`);
  const listingId = await openListingOf(db, toId);
  // Only a listing the public sees is shown to the sender; a draft or one under review stays the recipient's.
  const toListing: Listing | null =
    listingId === null
      ? null
      : await getListing(db, PUBLIC, listingId, day).catch((error: unknown) => {
          if (error instanceof KizunaError && error.id === 'not_found') return null;
          throw error;
        });
  return { from, to, toListing, refusal: interestRefusal(await interestFacts(db, from, toId, to, day)) };
}

export interface InterestInput {
  from: number;
  to: number;
  message: string;
}

/**
 * An officer of one local government (or a coordinator for it) expresses interest in another: the
 * introduction waits for a coordinator, and the recipient sees nothing yet. Refused when the rules
 * of domain/introductions.ts say so (already partners, an open introduction, a recent refusal, ten
 * today), with the reason.
 */
export async function expressInterest(db: Db, actor: Actor, input: InterestInput, options: ChangeOptions = {}): Promise<Introduction> {
  authorize(actor, { do: 'introduction.send', from: input.from });
  const day = options.day ?? today();
  const messageIssues = messageProblems(input.message, true);
  /** What a request that won the race at the same moment is refused with (the unique index of open introductions). */
  let lostRace: Problem | undefined;
  const id = await refusingDuplicates(
    () =>
      db.transaction(async (tx) => {
        // The sender's row is locked so that expressions sent at the same moment count against each other's daily limit.
        const [locked] = await tx.select({ id: localGovernments.id }).from(localGovernments).where(eq(localGovernments.id, input.from)).for('update');
        if (!locked) failIf([{ field: 'from', code: 'no-such-local-government', facts: { id: String(input.from) } }]);
        const from = (await lgSummary(tx, input.from))!;
        const to = await lgSummary(tx, input.to);
        const refusal = interestRefusal(await interestFacts(tx, from, input.to, to, day));
        if (refusal) failIf([refusal]);
        failIf(messageIssues);
        lostRace = { field: 'to', code: 'open-with-coordinator', facts: { from: { lg: from.name }, to: { lg: to!.name }, day: { day } } };
        const [fromListingId, toListingId] = await Promise.all([openListingOf(tx, from.id), openListingOf(tx, input.to)]);
        const [row] = await tx
          .insert(introductions)
          .values({ fromId: from.id, toId: input.to, fromListingId, toListingId, accountId: accountIdOf(actor), sentOn: day })
          .returning({ id: introductions.id });
        await tx.insert(introductionMessages).values({ introductionId: row!.id, accountId: accountIdOf(actor), side: 'from', kind: 'interest', body: input.message.trim() });
        const created = summaryOf(await loadSummary(tx, row!.id));
        await writeAudit(tx, actor, { action: 'create', entity: 'introduction', entityId: created.id, before: null, after: { ...created, fromListingId, toListingId, message: input.message.trim() } });
        return created.id;
      }),
    () => new IntroductionError([lostRace ?? { field: 'to', code: 'open-with-coordinator' }]),
  );
  const introduction = await getIntroduction(db, actor, id);
  await notify(db, options.notifier, introduction, 'interest', input.message.trim());
  return introduction;
}

/**
 * Takes one step of an introduction: a coordinator forwards it, asks for more or declines it; the
 * recipient accepts or declines it; the sender withdraws it; anyone who sees it replies. 403 for
 * someone who may not, 409 when the step makes no sense in its status, 422 for a wrong message.
 * Accepting opens the formation tracker with its first step recorded on that day.
 */
export async function takeIntroductionStep(db: Db, actor: Actor, id: number, step: IntroductionStep, message: string, options: ChangeOptions = {}): Promise<Introduction> {
  const day = options.day ?? today();
  const body = message.trim();
  const before = await db.transaction(async (tx) => {
    const current = await lockedSummary(tx, id);
    authorize(actor, readAction(current));
    authorize(actor, takerAction(whoTakes(step, current.status), current));
    const side = sideOfStep(step, current.status, sideOf(actor, current));
    const next = introductionStatusAfter(current.status, step, side);
    if ('problem' in next) failIf([next.problem]);
    failIf(messageProblems(message, INTRODUCTION_STEPS[step].message === 'required'));
    const status = (next as { status: IntroductionStatus }).status;
    const changes: Partial<typeof introductions.$inferInsert> = { status, updatedAt: new Date() };
    if (step === 'forward') changes.forwardedAt = new Date();
    if (status !== current.status && (status === 'accepted' || status === 'declined' || status === 'withdrawn')) changes.closedOn = day;
    await tx.update(introductions).set(changes).where(eq(introductions.id, id));
    await tx.insert(introductionMessages).values({ introductionId: id, accountId: accountIdOf(actor), side, kind: step, body });
    if (step === 'accept') {
      await tx.insert(trackers).values({ introductionId: id });
      await tx.insert(trackerSteps).values({ introductionId: id, step: 1, doneOn: day, recordedBy: accountIdOf(actor) });
      await writeAudit(tx, actor, { action: 'open', entity: 'tracker', entityId: id, before: null, after: { introductionId: id, steps: [{ step: 1, name: formationStepOf(1), doneOn: day }] } });
    }
    const after = summaryOf(await loadSummary(tx, id));
    await writeAudit(tx, actor, { action: step, entity: 'introduction', entityId: id, before: summaryOf(current), after: { ...after, side, message: body } });
    return current;
  });
  const introduction = await getIntroduction(db, actor, id);
  // Mail for what the step means to the other people: an answer to a request for more goes back to the coordinators.
  const event = step === 'reply' ? (before.status === 'more-info' && introduction.status === 'pending' ? 'answer' : null) : step === 'withdraw' ? null : step;
  if (event) await notify(db, options.notifier, introduction, event, body);
  return introduction;
}

/** The introductions an actor may see (every one for coordinators), newest first, optionally of one status. */
export async function listIntroductions(db: Db, actor: Actor, query: { status?: IntroductionStatus | undefined } = {}): Promise<IntroductionSummary[]> {
  authorize(actor, { do: 'account.self' });
  const conditions: SQL[] = [];
  if (query.status) conditions.push(sql`i.status = ${query.status}`);
  if (!decide(actor, { do: 'introduction.coordinate' }).allowed) {
    const own = actor.kind === 'account' ? actor.localGovernmentIds : [];
    if (own.length === 0) return [];
    conditions.push(sql`(i.from_lg_id = any(${sql.param([...own])}::int[]) or i.to_lg_id = any(${sql.param([...own])}::int[]))`);
  }
  const rows = await loadSummaries(db, conditions.length ? sql.join(conditions, sql` and `) : sql`true`);
  // The database narrows the rows; who sees which is decided in one place.
  return rows.filter((row) => decide(actor, readAction(row)).allowed).map(summaryOf);
}

/** An officer's introductions with the sides they act for and where their trackers stand, for the dashboard. */
export interface DashboardIntroduction extends IntroductionSummary {
  mine: { from: boolean; to: boolean };
  /** The steps its formation tracker has recorded, in order. */
  steps: RecordedStep[];
  /** The relationship its tracker's signing created. */
  relationship: { id: number; url: string } | null;
}

/** The recorded steps and the relationship of the trackers of some introductions, in two queries. */
async function trackerProgress(db: Db, ids: readonly number[]): Promise<Map<number, Pick<DashboardIntroduction, 'steps' | 'relationship'>>> {
  const progress = new Map<number, Pick<DashboardIntroduction, 'steps' | 'relationship'>>();
  if (ids.length === 0) return progress;
  const [trackerRows, stepRows] = await Promise.all([
    queryRows<{ introduction_id: number; relationship_id: number | null }>(db, sql`select introduction_id, relationship_id from trackers where introduction_id = any(${sql.param([...ids])}::int[])`),
    queryRows<{ introduction_id: number; step: number; done_on: unknown }>(
      db,
      sql`select introduction_id, step, done_on from tracker_steps where introduction_id = any(${sql.param([...ids])}::int[]) order by introduction_id, step`,
    ),
  ]);
  for (const row of trackerRows) {
    progress.set(row.introduction_id, {
      steps: stepRows.filter((step) => step.introduction_id === row.introduction_id).map((step) => ({ step: step.step, doneOn: toDateString(step.done_on)! })),
      relationship: row.relationship_id === null ? null : { id: row.relationship_id, url: relationshipUrl({ id: row.relationship_id }) },
    });
  }
  return progress;
}

/** What the dashboard shows of introductions: an officer's own with their notices; for coordinators, how many wait for them. */
export async function introductionDashboard(
  db: Db,
  actor: Actor,
  day = today(),
): Promise<{ introductions: DashboardIntroduction[]; notices: IntroductionNotice<DashboardIntroduction>[]; waiting: number }> {
  if (decide(actor, { do: 'introduction.coordinate' }).allowed) {
    const [row] = await queryRows<{ count: number }>(db, sql`select count(*)::int as count from introductions where status = 'pending'`);
    return { introductions: [], notices: [], waiting: row?.count ?? 0 };
  }
  const own = actor.kind === 'account' ? actor.localGovernmentIds : [];
  const introductions = await listIntroductions(db, actor);
  const progress = await trackerProgress(db, introductions.map((introduction) => introduction.id));
  const mine = introductions.map((introduction) => ({
    ...introduction,
    mine: { from: own.includes(introduction.from.id), to: own.includes(introduction.to.id) },
    ...(progress.get(introduction.id) ?? { steps: [], relationship: null }),
  }));
  return { introductions: mine, notices: introductionNotices(mine, day), waiting: 0 };
}

/** A tracker step's form: the step's contents, and for signing the label as signed. */
export type TrackerStepInput = StepEntry;

/**
 * Records the next step of an introduction's formation tracker (intent 'record'), or corrects a
 * recorded one ('correct'). Only the officers of the two local governments and coordinators may.
 * Signing creates the relationship in the registry (status proposed) and closes both sides' open
 * listings as matched; the first exchange makes the relationship active. Everything of one step is
 * one transaction: when the registry refuses the relationship, nothing of the step is kept.
 */
export async function saveTrackerStep(
  db: Db,
  actor: Actor,
  id: number,
  step: number,
  entry: TrackerStepInput,
  intent: 'record' | 'correct',
  options: ChangeOptions = {},
): Promise<Introduction> {
  const day = options.day ?? today();
  await db.transaction(async (tx) => {
    const introduction = await lockedSummary(tx, id);
    authorize(actor, readAction(introduction));
    authorize(actor, { do: 'tracker.record', parties: [introduction.from.id, introduction.to.id] });
    const [tracker] = await tx.select().from(trackers).where(eq(trackers.introductionId, id)).for('update');
    if (!tracker) failIf([{ field: 'step', code: 'no-tracker' }]);
    const rows = await recordedSteps(tx, id);
    const recorded: RecordedStep[] = rows.map((row) => ({ step: row.step.step, doneOn: toDateString(row.step.doneOn)! }));
    const order = stepOrderProblem(step, recorded, intent);
    if (order) failIf([order]);
    const links = entry.links.map((link) => ({ url: link.url.trim(), label: link.label.trim() }));
    const problems = stepEntryProblems(step, entry, recorded, day, intent);
    links.forEach((link, index) => {
      if (!WebAddress.safeParse(link.url).success) problems.push({ field: `links[${index}].url`, code: 'link-not-web' });
    });
    failIf(problems);
    const doneOn = entry.doneOn.trim();
    const contents = { doneOn, notes: entry.notes.trim(), links };
    const before = rows.find((row) => row.step.step === step)?.step ?? null;
    if (intent === 'record') await tx.insert(trackerSteps).values({ introductionId: id, step, ...contents, recordedBy: accountIdOf(actor) });
    else await tx.update(trackerSteps).set({ ...contents, updatedAt: new Date() }).where(and(eq(trackerSteps.introductionId, id), eq(trackerSteps.step, step)));

    let relationshipId = tracker!.relationshipId;
    if (step === SIGNING_STEP && intent === 'record') {
      relationshipId = await signRelationship(tx, actor, introduction, { ...entry, ...contents }, day);
      await tx.update(trackers).set({ relationshipId }).where(eq(trackers.introductionId, id));
      await closeListingsOnSigning(tx, actor, [introduction.from.id, introduction.to.id], `Signed through the formation tracker of introduction ${id}.`, day);
    } else if (step === SIGNING_STEP && relationshipId !== null) {
      // The registry follows a corrected day of signing and its agreement document.
      await updateRelationship(tx, relationshipId, { signedOn: doneOn, ...(links[0] ? { agreementUrl: links[0].url } : {}) }, actor, day);
    } else if (step === EXCHANGE_STEP && intent === 'record' && relationshipId !== null) {
      await updateRelationship(tx, relationshipId, { status: 'active' }, actor, day);
    }
    await writeAudit(tx, actor, {
      action: intent === 'record' ? 'record-step' : 'correct-step',
      entity: 'tracker',
      entityId: id,
      before: before ? { step, name: formationStepOf(step), doneOn: toDateString(before.doneOn), notes: before.notes, links: before.links } : null,
      after: { step, name: formationStepOf(step), ...contents, relationshipId },
    });
  });
  return getIntroduction(db, actor, id);
}

/** Creates the relationship a signing records, with the registry's own checks; its refusal of a label names the field. */
async function signRelationship(db: Db, actor: Actor, introduction: IntroductionSummary, entry: TrackerStepInput, day: string): Promise<number> {
  const label = (entry.label ?? '').trim();
  try {
    const relationship = await createRelationship(
      db,
      {
        localGovernmentIds: [introduction.from.id, introduction.to.id],
        label,
        labelOriginal: entry.labelOriginal?.trim() || null,
        signedOn: entry.doneOn,
        status: 'proposed',
        agreementUrl: entry.links[0]?.url ?? null,
        source: `formation tracker, introduction ${introduction.id}`,
      },
      actor,
      day,
      'tracker',
    );
    return relationship.id;
  } catch (error) {
    if (error instanceof KizunaError && error.id === 'conflict' && error.problems.some((problem) => problem.field === 'label')) {
      throw new IntroductionError([{ field: 'label', code: 'label-taken', facts: { label: normaliseLabel(label) } }]);
    }
    throw error;
  }
}

type MailEvent = 'interest' | 'answer' | Exclude<IntroductionStep, 'reply' | 'withdraw'>;

/** Who hears of each event: the coordinators of new interest and answers, the recipient's officers of forwarding, the sender's of the rest. */
const RECIPIENTS: Record<MailEvent, 'staff' | 'from' | 'to'> = {
  interest: 'staff',
  answer: 'staff',
  forward: 'to',
  askMore: 'from',
  decline: 'from',
  accept: 'from',
};

/** The active accounts to mail: coordinators and administrators, or the officers of a local government. */
async function addressesOf(db: Db, who: 'staff' | { localGovernmentId: number }): Promise<string[]> {
  const rows =
    who === 'staff'
      ? await db.select({ email: accounts.email }).from(accounts).where(and(inArray(accounts.role, ['coordinator', 'administrator']), eq(accounts.status, 'active')))
      : await db
          .select({ email: accounts.email })
          .from(accounts)
          .innerJoin(accountLocalGovernments, eq(accountLocalGovernments.accountId, accounts.id))
          .where(and(eq(accountLocalGovernments.localGovernmentId, who.localGovernmentId), eq(accounts.role, 'officer'), eq(accounts.status, 'active')));
  return [...new Set(rows.map((row) => row.email))].sort();
}

/** The short mail of an event, in Japanese and then English (the reader's language is not known). */
export function introductionMail(introduction: IntroductionSummary, event: MailEvent, message: string, origin: string): Omit<Mail, 'to'> {
  const inLanguage = (lang: Lang) => {
    const facts = {
      from: lgName(lang, introduction.from),
      to: lgName(lang, introduction.to),
      message,
      who: introduction.decline?.by === 'to' ? lgName(lang, introduction.to) : t(lang, 'introductions.aCoordinator'),
    };
    const url = `${origin}${lang === 'ja' ? '/ja' : ''}${introduction.url}`;
    return {
      subject: t(lang, `introductions.mail.${event}.subject` as MessageKey, facts),
      text: `${t(lang, `introductions.mail.${event}.text` as MessageKey, facts)}\n\n${t(lang, 'introductions.mail.open', { url })}\n\n${t(lang, 'introductions.mail.signature')}`,
    };
  };
  const [ja, en] = [inLanguage('ja'), inLanguage('en')];
  return { subject: `${ja.subject} / ${en.subject}`, text: `${ja.text}\n\n----\n\n${en.text}\n` };
}

/**
 * Mails the people concerned by a committed change, one mail each. Without mail settings nothing is
 * sent; a server that refuses is logged and does not undo the change, which is saved already.
 */
async function notify(db: Db, notifier: Notifier | undefined, introduction: IntroductionSummary, event: MailEvent, message: string): Promise<void> {
  if (!notifier) return;
  const audience = RECIPIENTS[event];
  const addresses = await addressesOf(db, audience === 'staff' ? 'staff' : { localGovernmentId: audience === 'from' ? introduction.from.id : introduction.to.id });
  const mail = introductionMail(introduction, event, message, notifier.origin);
  for (const to of addresses) {
    try {
      await notifier.mailer.send({ to, ...mail });
    } catch (error) {
      console.error(`Introduction ${introduction.id}: the mail to ${to} was not sent: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
