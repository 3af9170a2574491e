/**
 * Introductions through a coordinator, and the formation tracker an accepted one opens. Pure: days
 * come in as YYYY-MM-DD strings (Japan's days), and problems go out as codes with their facts, which
 * the message catalogues put into words in either language (i18n/introductions.ts).
 *
 * An officer of LG A (the sender) expresses interest in LG B (the recipient). A coordinator
 * forwards it to B, asks A for more, or declines it. Once forwarded, B's officers see the thread and
 * accept or decline; A may withdraw while it is open. Accepting opens the tracker of the eight steps
 * of forming a relationship.
 */
import type { ErrorId } from '../errors.js';
import { EARLIEST_YEAR, parsePartialDate } from './relationships.js';

/**
 * pending (waiting for a coordinator) → more-info (the coordinator asked the sender for more; the
 * sender's reply makes it pending again) → forwarded (the recipient sees it) → accepted; or declined
 * (by a coordinator before forwarding, by the recipient after) or withdrawn (by the sender).
 */
export const INTRODUCTION_STATUSES = ['pending', 'more-info', 'forwarded', 'accepted', 'declined', 'withdrawn'] as const;
export type IntroductionStatus = (typeof INTRODUCTION_STATUSES)[number];

/** Waiting for someone to act: a pair has at most one introduction in these, in either direction. */
export const OPEN_STATUSES = ['pending', 'more-info', 'forwarded'] as const satisfies readonly IntroductionStatus[];
export const isOpen = (status: IntroductionStatus) => (OPEN_STATUSES as readonly IntroductionStatus[]).includes(status);

/** Whom a message speaks for: the sender's side, the recipient's side, or the coordinators. */
export const SIDES = ['from', 'to', 'coordinator'] as const;
export type Side = (typeof SIDES)[number];

/** Who takes a step: a coordinator, the sender's officers, the recipient's officers, or anyone who sees the thread. */
export type StepTaker = 'coordinator' | 'sender' | 'recipient' | 'reader';

/** What can happen to an introduction, from which statuses, by whom, and whether it needs words. */
export const INTRODUCTION_STEPS = {
  forward: { from: ['pending', 'more-info'], by: 'coordinator', message: 'optional' },
  askMore: { from: ['pending', 'more-info'], by: 'coordinator', message: 'required' },
  /** A coordinator's before forwarding; the recipient's after (see whoTakes). */
  decline: { from: ['pending', 'more-info', 'forwarded'], by: 'coordinator', message: 'required' },
  accept: { from: ['forwarded'], by: 'recipient', message: 'required' },
  withdraw: { from: ['pending', 'more-info', 'forwarded'], by: 'sender', message: 'optional' },
  /** A message on the thread; the sender's answer to a request for more puts it back to the coordinators. */
  reply: { from: ['pending', 'more-info', 'forwarded', 'accepted'], by: 'reader', message: 'required' },
} as const satisfies Record<string, { from: readonly IntroductionStatus[]; by: StepTaker; message: 'required' | 'optional' }>;
export type IntroductionStep = keyof typeof INTRODUCTION_STEPS;
export const INTRODUCTION_STEP_NAMES = Object.keys(INTRODUCTION_STEPS) as IntroductionStep[];

/** Who takes a step in a status: declining is the coordinators' while they review it, then the recipient's. */
export function whoTakes(step: IntroductionStep, status: IntroductionStatus): StepTaker {
  if (step === 'decline' && status !== 'pending' && status !== 'more-info') return 'recipient';
  return INTRODUCTION_STEPS[step].by;
}

/** The side a step speaks for, given the side of whoever takes it (for a reply). */
export function sideOfStep(step: IntroductionStep, status: IntroductionStatus, takerSide: Side): Side {
  if (step === 'reply') return takerSide;
  const taker = whoTakes(step, status);
  return taker === 'sender' ? 'from' : taker === 'recipient' ? 'to' : 'coordinator';
}

/** A local government's name in both languages, as the problems and notices name it. */
export interface Names {
  en: string;
  ja: string | null;
}

/**
 * A fact a problem's words need: text, a number, a local government (named in the page's
 * language), a day (written for the language), or another message of the catalogue (by its key).
 */
export type Fact = string | number | { lg: Names } | { day: string } | { key: string };

/** Every problem an introduction or its tracker can meet, and the error it answers with. */
const PROBLEMS = {
  'message-required': 'validation_failed',
  'message-too-long': 'validation_failed',
  'message-too-many-links': 'validation_failed',
  'message-nul': 'validation_failed',
  'same-local-government': 'validation_failed',
  'no-such-local-government': 'validation_failed',
  'already-partners': 'conflict',
  'open-with-coordinator': 'conflict',
  'open-with-recipient': 'conflict',
  'open-forming': 'conflict',
  'declined-recently': 'conflict',
  'daily-limit': 'too_many_requests',
  'wrong-status': 'conflict',
  'no-tracker': 'conflict',
  'step-unknown': 'not_found',
  'step-recorded': 'conflict',
  'step-out-of-order': 'conflict',
  'step-not-recorded': 'conflict',
  'date-required': 'validation_failed',
  'date-invalid': 'validation_failed',
  'date-too-early': 'validation_failed',
  'date-future': 'validation_failed',
  'date-before-previous': 'validation_failed',
  'date-after-next': 'validation_failed',
  'notes-too-long': 'validation_failed',
  'text-nul': 'validation_failed',
  'links-too-many': 'validation_failed',
  'link-not-web': 'validation_failed',
  'link-label-too-long': 'validation_failed',
  'label-required': 'validation_failed',
  'label-too-long': 'validation_failed',
  'label-original-too-long': 'validation_failed',
  'label-taken': 'conflict',
} as const satisfies Record<string, ErrorId>;
export type ProblemCode = keyof typeof PROBLEMS;
export const PROBLEM_CODES = Object.keys(PROBLEMS) as ProblemCode[];

/** One problem: the form field it belongs to, what it is, and the facts its words need. */
export interface Problem {
  field: string;
  code: ProblemCode;
  facts?: Record<string, Fact>;
}

/** The error several problems answer with: a limit or a conflict before a wrong field. */
export function errorIdOf(problems: readonly Problem[]): ErrorId {
  const ids = problems.map((problem) => PROBLEMS[problem.code]);
  for (const id of ['too_many_requests', 'conflict', 'not_found'] as const) if (ids.includes(id)) return id;
  return 'validation_failed';
}

/** The status after a step, or the conflict when the step makes no sense in this status. */
export function introductionStatusAfter(status: IntroductionStatus, step: IntroductionStep, side: Side): { status: IntroductionStatus } | { problem: Problem } {
  if (!(INTRODUCTION_STEPS[step].from as readonly IntroductionStatus[]).includes(status)) {
    return { problem: { field: 'step', code: 'wrong-status', facts: { status: { key: `introductions.status.${status}` }, step: { key: `introductions.step.${step}` } } } };
  }
  const after: Record<Exclude<IntroductionStep, 'reply'>, IntroductionStatus> = {
    forward: 'forwarded',
    askMore: 'more-info',
    decline: 'declined',
    accept: 'accepted',
    withdraw: 'withdrawn',
  };
  if (step === 'reply') return { status: status === 'more-info' && side === 'from' ? 'pending' : status };
  return { status: after[step] };
}

/** How long a message may be and how many web addresses it may carry. */
export const MESSAGE_LIMITS = { length: 4000, links: 10 } as const;

/** The web addresses in a text: http://, https:// or www. up to the next space. */
const WEB_ADDRESS = /(?:https?:\/\/|www\.)\S+/gi;

/** What is wrong with a message as typed (it is stored trimmed): missing when required, too long, too many links, a NUL. */
export function messageProblems(text: string, required: boolean, field = 'message'): Problem[] {
  if (text.includes('\0')) return [{ field, code: 'message-nul' }];
  const trimmed = text.trim();
  if (!trimmed) return required ? [{ field, code: 'message-required' }] : [];
  const problems: Problem[] = [];
  if (trimmed.length > MESSAGE_LIMITS.length) problems.push({ field, code: 'message-too-long', facts: { max: MESSAGE_LIMITS.length, count: trimmed.length } });
  const links = trimmed.match(WEB_ADDRESS)?.length ?? 0;
  if (links > MESSAGE_LIMITS.links) problems.push({ field, code: 'message-too-many-links', facts: { max: MESSAGE_LIMITS.links, count: links } });
  return problems;
}

/** The limits on expressing interest: per sender and day, and after a refusal. */
export const INTEREST_LIMITS = { perDay: 10, daysAfterDecline: 180 } as const;

/** The day a number of days after another. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** What the rules on expressing interest need to know of two local governments. */
export interface InterestFacts {
  from: { id: number; name: Names };
  /** Null when there is no such local government. */
  to: { id: number; name: Names } | null;
  /** The id asked for, to name it when it does not exist. */
  toId: number;
  /** Relationships of the two that have not ended. */
  relationships: readonly { id: number; label: string }[];
  /** Introductions between the two, in either direction. */
  introductions: readonly {
    fromId: number;
    from: Names;
    to: Names;
    status: IntroductionStatus;
    sentOn: string;
    closedOn: string | null;
    /** The relationship its tracker created, once signed. */
    relationshipId: number | null;
  }[];
  /** How many expressions of interest the sender made today. */
  sentToday: number;
  today: string;
}

/**
 * Why interest cannot be expressed now, or null: the same LG, no such LG, partners already (a
 * relationship that has not ended), an introduction of the two still open or being formed, one of
 * the same direction declined less than 180 days ago, or ten sent by the LG today.
 */
export function interestRefusal(facts: InterestFacts): Problem | null {
  const { from, to } = facts;
  if (to === null) return { field: 'to', code: 'no-such-local-government', facts: { id: String(facts.toId) } };
  if (from.id === to.id) return { field: 'to', code: 'same-local-government' };
  const pair = { from: { lg: from.name }, to: { lg: to.name } };
  const partners = facts.relationships[0];
  if (partners) return { field: 'to', code: 'already-partners', facts: { ...pair, label: partners.label || '—', relationship: String(partners.id) } };
  for (const existing of facts.introductions) {
    const named = { from: { lg: existing.from }, to: { lg: existing.to }, day: { day: existing.sentOn } };
    if (existing.status === 'pending' || existing.status === 'more-info') return { field: 'to', code: 'open-with-coordinator', facts: named };
    if (existing.status === 'forwarded') return { field: 'to', code: 'open-with-recipient', facts: named };
    if (existing.status === 'accepted' && existing.relationshipId === null) return { field: 'to', code: 'open-forming', facts: named };
  }
  const declined = facts.introductions
    .filter((existing) => existing.status === 'declined' && existing.fromId === from.id && existing.closedOn !== null)
    .map((existing) => existing.closedOn!)
    .sort()
    .at(-1);
  if (declined && facts.today < addDays(declined, INTEREST_LIMITS.daysAfterDecline)) {
    return { field: 'to', code: 'declined-recently', facts: { ...pair, day: { day: declined }, again: { day: addDays(declined, INTEREST_LIMITS.daysAfterDecline) } } };
  }
  if (facts.sentToday >= INTEREST_LIMITS.perDay) return { field: 'to', code: 'daily-limit', facts: { from: { lg: from.name }, max: INTEREST_LIMITS.perDay } };
  return null;
}

/** The eight steps of forming a relationship, in order; the tracker numbers them 1 to 8. */
export const FORMATION_STEPS = ['candidates', 'sounding', 'visit', 'intent', 'policy', 'agreement', 'signing', 'exchange'] as const;
export type FormationStep = (typeof FORMATION_STEPS)[number];
/** Signing at a ceremony creates the relationship in the registry; the first exchange makes it active. */
export const SIGNING_STEP = 7;
export const EXCHANGE_STEP = 8;

/** A step's name by its number (1 to 8). */
export const formationStepOf = (step: number): FormationStep | undefined => FORMATION_STEPS[step - 1];
const stepKey = (step: number): Fact => ({ key: `tracker.step.${formationStepOf(step) ?? 'candidates'}` });

export const TRACKER_LIMITS = { notes: 2000, links: 10, linkLabel: 100, label: 100, labelOriginal: 200 } as const;

/** A recorded step: its number and day. */
export interface RecordedStep {
  step: number;
  doneOn: string;
}

/**
 * Whether a step may be recorded now (only the next one) or corrected (only a recorded one); the
 * conflict otherwise, naming the step that must come first.
 */
export function stepOrderProblem(step: number, recorded: readonly RecordedStep[], intent: 'record' | 'correct'): Problem | null {
  if (!Number.isInteger(step) || !formationStepOf(step)) return { field: 'step', code: 'step-unknown', facts: { step: String(step) } };
  const done = recorded.some((entry) => entry.step === step);
  if (intent === 'correct') return done ? null : { field: 'step', code: 'step-not-recorded', facts: { step: stepKey(step) } };
  if (done) return { field: 'step', code: 'step-recorded', facts: { step: stepKey(step) } };
  const next = Math.max(0, ...recorded.map((entry) => entry.step)) + 1;
  return step === next ? null : { field: 'step', code: 'step-out-of-order', facts: { step: stepKey(step), previous: stepKey(next) } };
}

/** What a step's form carries; the label (and its original) only for signing. */
export interface StepEntry {
  doneOn: string;
  notes: string;
  links: readonly { url: string; label: string }[];
  label?: string | undefined;
  labelOriginal?: string | undefined;
}

/**
 * What is wrong with a step as entered: its day (a real day, not before 1900, not in the future,
 * not before the step before it nor, when correcting, after the step after it), its notes, the
 * number of its links and their labels, and when signing is recorded the label as signed. Web addresses are
 * checked by the caller with the registry's own rule.
 */
export function stepEntryProblems(step: number, entry: StepEntry, recorded: readonly RecordedStep[], today: string, intent: 'record' | 'correct' = 'record'): Problem[] {
  const problems: Problem[] = [];
  const day = entry.doneOn.trim();
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(day) ? parsePartialDate(day) : 'invalid';
  if (!day) problems.push({ field: 'doneOn', code: 'date-required' });
  else if (typeof parsed === 'string') problems.push({ field: 'doneOn', code: 'date-invalid' });
  else if (Number(day.slice(0, 4)) < EARLIEST_YEAR) problems.push({ field: 'doneOn', code: 'date-too-early', facts: { year: EARLIEST_YEAR } });
  else if (day > today) problems.push({ field: 'doneOn', code: 'date-future', facts: { today: { day: today } } });
  else {
    const previous = recorded.filter((entry) => entry.step < step).sort((a, b) => b.step - a.step)[0];
    const next = recorded.filter((entry) => entry.step > step).sort((a, b) => a.step - b.step)[0];
    if (previous && day < previous.doneOn) problems.push({ field: 'doneOn', code: 'date-before-previous', facts: { previous: stepKey(previous.step), day: { day: previous.doneOn } } });
    else if (next && day > next.doneOn) problems.push({ field: 'doneOn', code: 'date-after-next', facts: { next: stepKey(next.step), day: { day: next.doneOn } } });
  }
  const texts = [entry.notes, entry.label ?? '', entry.labelOriginal ?? '', ...entry.links.flatMap((link) => [link.url, link.label])];
  if (texts.some((text) => text.includes('\0'))) problems.push({ field: 'notes', code: 'text-nul' });
  if (entry.notes.trim().length > TRACKER_LIMITS.notes) problems.push({ field: 'notes', code: 'notes-too-long', facts: { max: TRACKER_LIMITS.notes } });
  if (entry.links.length > TRACKER_LIMITS.links) problems.push({ field: 'links', code: 'links-too-many', facts: { max: TRACKER_LIMITS.links } });
  entry.links.forEach((link, index) => {
    if (link.label.trim().length > TRACKER_LIMITS.linkLabel) problems.push({ field: `links[${index}].label`, code: 'link-label-too-long', facts: { max: TRACKER_LIMITS.linkLabel } });
  });
  // The label is given once, at signing; later it is changed in the registry.
  if (step === SIGNING_STEP && intent === 'record') {
    const label = (entry.label ?? '').trim();
    if (!label) problems.push({ field: 'label', code: 'label-required' });
    else if (label.length > TRACKER_LIMITS.label) problems.push({ field: 'label', code: 'label-too-long', facts: { max: TRACKER_LIMITS.label } });
    if ((entry.labelOriginal ?? '').trim().length > TRACKER_LIMITS.labelOriginal) {
      problems.push({ field: 'labelOriginal', code: 'label-original-too-long', facts: { max: TRACKER_LIMITS.labelOriginal } });
    }
  }
  return problems;
}

/** How long the dashboard keeps telling of an acceptance, a refusal or a step of the tracker. */
export const NOTICE_DAYS = 30;

/** What the dashboard needs to know of an introduction to tell an officer about it. */
export interface NoticeFacts {
  status: IntroductionStatus;
  /** Whether the viewer acts for the sender, the recipient. */
  mine: { from: boolean; to: boolean };
  closedOn: string | null;
  /** Who declined it and why, for a declined one. */
  decline: { by: Side; reason: string } | null;
  /** The steps its formation tracker has recorded; none before it is accepted. */
  steps: readonly RecordedStep[];
}

/** What an officer should know of their introductions. */
export type IntroductionNotice<I> =
  | { kind: 'asked' | 'received'; introduction: I }
  /** Accepted: the formation tracker is open, nothing recorded in it yet. */
  | { kind: 'accepted'; introduction: I }
  | { kind: 'declined'; introduction: I; by: Side; reason: string }
  /** Steps of forming are recorded, up to the agreement: the latest, and the one that comes next. */
  | { kind: 'forming'; introduction: I; latest: RecordedStep; next: number }
  /** Signed: the first exchange is still to be recorded. */
  | { kind: 'signed'; introduction: I; signedOn: string }
  /** The first exchange is recorded: the relationship is under way. */
  | { kind: 'underway'; introduction: I; exchangeOn: string };

/**
 * The notices of an officer's introductions on a day: a coordinator asked them for more, an
 * introduction waits for their answer, or one they sent was declined (for 30 days). Of an accepted
 * one, where its tracker stands: open (told to the sender for 30 days), a later step recorded
 * (for 30 days after it), signed (until the first exchange is recorded, which makes the relationship
 * active), or under way (for 30 days after the first exchange).
 */
export function introductionNotices<I extends NoticeFacts>(introductions: readonly I[], today: string): IntroductionNotice<I>[] {
  const recent = (day: string | null) => day !== null && today < addDays(day, NOTICE_DAYS);
  const notices: IntroductionNotice<I>[] = [];
  for (const introduction of introductions) {
    const { status, mine } = introduction;
    if (mine.from && status === 'more-info') notices.push({ kind: 'asked', introduction });
    else if (mine.to && !mine.from && status === 'forwarded') notices.push({ kind: 'received', introduction });
    else if (status === 'accepted') {
      const notice = trackerNotice(introduction);
      const told = notice.kind === 'accepted' ? mine.from && recent(introduction.closedOn) : notice.kind === 'signed' || recent(notice.kind === 'forming' ? notice.latest.doneOn : notice.exchangeOn);
      if (told) notices.push(notice);
    } else if (mine.from && status === 'declined' && introduction.decline && recent(introduction.closedOn)) {
      notices.push({ kind: 'declined', introduction, by: introduction.decline.by, reason: introduction.decline.reason });
    }
  }
  return notices;
}

/** Where an accepted introduction's tracker stands, as a notice. */
function trackerNotice<I extends NoticeFacts>(introduction: I): Extract<IntroductionNotice<I>, { kind: 'accepted' | 'forming' | 'signed' | 'underway' }> {
  const at = (step: number) => introduction.steps.find((entry) => entry.step === step)?.doneOn;
  const exchangeOn = at(EXCHANGE_STEP);
  if (exchangeOn) return { kind: 'underway', introduction, exchangeOn };
  const signedOn = at(SIGNING_STEP);
  if (signedOn) return { kind: 'signed', introduction, signedOn };
  // Accepting records the first step (the candidates gathered) by itself: the tracker is just open.
  const latest = [...introduction.steps].sort((a, b) => b.step - a.step)[0];
  return latest && latest.step > 1 ? { kind: 'forming', introduction, latest, next: latest.step + 1 } : { kind: 'accepted', introduction };
}
