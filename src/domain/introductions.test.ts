import { describe, expect, it } from 'vitest';
import {
  addDays,
  errorIdOf,
  FORMATION_STEPS,
  INTEREST_LIMITS,
  interestRefusal,
  introductionNotices,
  introductionStatusAfter,
  INTRODUCTION_STATUSES,
  INTRODUCTION_STEPS,
  isOpen,
  messageProblems,
  sideOfStep,
  stepEntryProblems,
  stepOrderProblem,
  whoTakes,
  type InterestFacts,
  type IntroductionStatus,
  type IntroductionStep,
  type NoticeFacts,
} from './introductions.js';

const IBARA = { id: 1, name: { en: 'Ibara City', ja: '井原市' } };
const NAGI = { id: 2, name: { en: 'Nagi Town', ja: '奈義町' } };
const TODAY = '2026-11-21';

describe('introductionStatusAfter', () => {
  /** The life of an introduction, written out by hand: the status after a step from each status, or null where it is refused. */
  const TABLE: Record<IntroductionStep, Record<IntroductionStatus, IntroductionStatus | null>> = {
    forward: { pending: 'forwarded', 'more-info': 'forwarded', forwarded: null, accepted: null, declined: null, withdrawn: null },
    askMore: { pending: 'more-info', 'more-info': 'more-info', forwarded: null, accepted: null, declined: null, withdrawn: null },
    decline: { pending: 'declined', 'more-info': 'declined', forwarded: 'declined', accepted: null, declined: null, withdrawn: null },
    accept: { pending: null, 'more-info': null, forwarded: 'accepted', accepted: null, declined: null, withdrawn: null },
    withdraw: { pending: 'withdrawn', 'more-info': 'withdrawn', forwarded: 'withdrawn', accepted: null, declined: null, withdrawn: null },
    reply: { pending: 'pending', 'more-info': 'more-info', forwarded: 'forwarded', accepted: 'accepted', declined: null, withdrawn: null },
  };
  const cases = (Object.keys(TABLE) as IntroductionStep[]).flatMap((step) => INTRODUCTION_STATUSES.map((status) => ({ step, status, expected: TABLE[step][status] })));

  it('the table covers every step and every status', () => {
    expect(Object.keys(TABLE).sort()).toEqual(Object.keys(INTRODUCTION_STEPS).sort());
    expect(cases).toHaveLength(6 * 6);
  });

  it.each(cases.filter((c) => c.expected !== null))('$step from $status leads to $expected (said by a coordinator)', ({ step, status, expected }) => {
    expect(introductionStatusAfter(status, step, 'coordinator')).toEqual({ status: expected });
  });

  it.each(cases.filter((c) => c.expected === null))('$step from $status is a conflict naming the status and the step', ({ step, status }) => {
    const result = introductionStatusAfter(status, step, 'coordinator');
    expect(result).toEqual({
      problem: { field: 'step', code: 'wrong-status', facts: { status: { key: `introductions.status.${status}` }, step: { key: `introductions.step.${step}` } } },
    });
    expect(errorIdOf([(result as { problem: never }).problem])).toBe('conflict');
  });

  it("puts an introduction back to the coordinators when the sender answers a request for more, and only then", () => {
    expect(introductionStatusAfter('more-info', 'reply', 'from')).toEqual({ status: 'pending' });
    expect(introductionStatusAfter('more-info', 'reply', 'coordinator')).toEqual({ status: 'more-info' });
    expect(introductionStatusAfter('forwarded', 'reply', 'from')).toEqual({ status: 'forwarded' });
  });

  it('counts pending, more-info and forwarded as open', () => {
    expect(INTRODUCTION_STATUSES.filter(isOpen)).toEqual(['pending', 'more-info', 'forwarded']);
  });
});

describe('whoTakes and sideOfStep', () => {
  it('gives declining to the coordinators while they review, and to the recipient once forwarded', () => {
    expect(whoTakes('decline', 'pending')).toBe('coordinator');
    expect(whoTakes('decline', 'more-info')).toBe('coordinator');
    expect(whoTakes('decline', 'forwarded')).toBe('recipient');
    // A recipient who tries to decline an accepted introduction learns that it is accepted, not that they may not.
    expect(whoTakes('decline', 'accepted')).toBe('recipient');
    expect(whoTakes('accept', 'forwarded')).toBe('recipient');
    expect(whoTakes('withdraw', 'forwarded')).toBe('sender');
    expect(whoTakes('forward', 'pending')).toBe('coordinator');
    expect(whoTakes('reply', 'accepted')).toBe('reader');
  });

  it('records a step as said for the side it speaks for, whoever enters it; a reply for the writer’s own side', () => {
    expect(sideOfStep('accept', 'forwarded', 'coordinator')).toBe('to');
    expect(sideOfStep('decline', 'forwarded', 'coordinator')).toBe('to');
    expect(sideOfStep('decline', 'pending', 'coordinator')).toBe('coordinator');
    expect(sideOfStep('withdraw', 'pending', 'coordinator')).toBe('from');
    expect(sideOfStep('reply', 'forwarded', 'to')).toBe('to');
    expect(sideOfStep('reply', 'forwarded', 'coordinator')).toBe('coordinator');
  });
});

describe('messageProblems', () => {
  it('asks for a message when one is required, and lets an optional one be empty', () => {
    expect(messageProblems('   \n ', true)).toEqual([{ field: 'message', code: 'message-required' }]);
    expect(messageProblems('', false)).toEqual([]);
  });

  it('counts the trimmed text: 4,000 characters pass, 4,001 do not', () => {
    expect(messageProblems(`  ${'a'.repeat(4000)}  `, true)).toEqual([]);
    expect(messageProblems('a'.repeat(4001), true)).toEqual([{ field: 'message', code: 'message-too-long', facts: { max: 4000, count: 4001 } }]);
  });

  it('allows ten web addresses and refuses eleven', () => {
    const links = (n: number) => [...Array(n).keys()].map((i) => `https://example.org/${i}`).join(' and ');
    expect(messageProblems(links(10), true)).toEqual([]);
    expect(messageProblems(`${links(10)} www.example.jp`, true)).toEqual([{ field: 'message', code: 'message-too-many-links', facts: { max: 10, count: 11 } }]);
  });

  it('refuses a NUL character, which the database cannot store', () => {
    expect(messageProblems('before\u0000after', true)).toEqual([{ field: 'message', code: 'message-nul' }]);
  });
});

describe('interestRefusal', () => {
  const facts = (changes: Partial<InterestFacts> = {}): InterestFacts => ({
    from: IBARA,
    to: NAGI,
    toId: NAGI.id,
    relationships: [],
    introductions: [],
    sentToday: 0,
    today: TODAY,
    ...changes,
  });
  const introduction = (status: IntroductionStatus, changes: Partial<InterestFacts['introductions'][number]> = {}) => ({
    fromId: IBARA.id,
    from: IBARA.name,
    to: NAGI.name,
    status,
    sentOn: '2026-11-02',
    closedOn: null,
    relationshipId: null,
    ...changes,
  });

  it('lets a first expression of interest through', () => {
    expect(interestRefusal(facts())).toBeNull();
  });

  it('refuses an LG that does not exist, and an LG with itself', () => {
    expect(interestRefusal(facts({ to: null, toId: 99 }))).toEqual({ field: 'to', code: 'no-such-local-government', facts: { id: '99' } });
    expect(interestRefusal(facts({ to: IBARA, toId: IBARA.id }))?.code).toBe('same-local-government');
  });

  it('refuses two LGs that are partners already, naming the relationship', () => {
    expect(interestRefusal(facts({ relationships: [{ id: 7, label: 'friendship city' }] }))).toEqual({
      field: 'to',
      code: 'already-partners',
      facts: { from: { lg: IBARA.name }, to: { lg: NAGI.name }, label: 'friendship city', relationship: '7' },
    });
  });

  it('refuses while an introduction of the two is open, in either direction, saying who expressed it and since when', () => {
    const named = { from: { lg: IBARA.name }, to: { lg: NAGI.name }, day: { day: '2026-11-02' } };
    expect(interestRefusal(facts({ introductions: [introduction('pending')] }))).toEqual({ field: 'to', code: 'open-with-coordinator', facts: named });
    expect(interestRefusal(facts({ introductions: [introduction('more-info')] }))?.code).toBe('open-with-coordinator');
    expect(interestRefusal(facts({ introductions: [introduction('forwarded')] }))?.code).toBe('open-with-recipient');
    const reverse = introduction('pending', { fromId: NAGI.id, from: NAGI.name, to: IBARA.name });
    expect(interestRefusal(facts({ introductions: [reverse] }))).toMatchObject({ code: 'open-with-coordinator', facts: { from: { lg: NAGI.name }, to: { lg: IBARA.name } } });
  });

  it('refuses while an accepted introduction is still being formed, and not once signed (the relationship then decides)', () => {
    expect(interestRefusal(facts({ introductions: [introduction('accepted', { closedOn: '2026-11-10' })] }))?.code).toBe('open-forming');
    expect(interestRefusal(facts({ introductions: [introduction('accepted', { closedOn: '2026-11-10', relationshipId: 3 })] }))).toBeNull();
  });

  it('refuses for 180 days after the same direction was declined, saying from when it is possible again', () => {
    const declined = introduction('declined', { closedOn: '2026-06-01' });
    const again = addDays('2026-06-01', INTEREST_LIMITS.daysAfterDecline);
    expect(again).toBe('2026-11-28');
    expect(interestRefusal(facts({ introductions: [declined], today: '2026-11-27' }))).toEqual({
      field: 'to',
      code: 'declined-recently',
      facts: { from: { lg: IBARA.name }, to: { lg: NAGI.name }, day: { day: '2026-06-01' }, again: { day: '2026-11-28' } },
    });
    expect(interestRefusal(facts({ introductions: [declined], today: '2026-11-28' }))).toBeNull();
    // The other direction is a new wish, not a repeated one.
    const declinedReverse = introduction('declined', { fromId: NAGI.id, closedOn: '2026-11-01' });
    expect(interestRefusal(facts({ introductions: [declinedReverse] }))).toBeNull();
  });

  it('does not hold a withdrawn introduction against the sender', () => {
    expect(interestRefusal(facts({ introductions: [introduction('withdrawn', { closedOn: TODAY })] }))).toBeNull();
  });

  it('allows ten expressions of interest per sender and day, and answers the eleventh with a limit', () => {
    expect(interestRefusal(facts({ sentToday: 9 }))).toBeNull();
    const refusal = interestRefusal(facts({ sentToday: 10 }))!;
    expect(refusal).toEqual({ field: 'to', code: 'daily-limit', facts: { from: { lg: IBARA.name }, max: 10 } });
    expect(errorIdOf([refusal])).toBe('too_many_requests');
  });
});

describe('the formation tracker', () => {
  it('has the eight steps in the order of the guide', () => {
    expect(FORMATION_STEPS).toEqual(['candidates', 'sounding', 'visit', 'intent', 'policy', 'agreement', 'signing', 'exchange']);
  });

  const recorded = [
    { step: 1, doneOn: '2026-04-01' },
    { step: 2, doneOn: '2026-05-10' },
    { step: 3, doneOn: '2026-07-20' },
  ];

  it('records only the next step, and corrects only a recorded one', () => {
    expect(stepOrderProblem(4, recorded, 'record')).toBeNull();
    expect(stepOrderProblem(5, recorded, 'record')).toEqual({
      field: 'step',
      code: 'step-out-of-order',
      facts: { step: { key: 'tracker.step.policy' }, previous: { key: 'tracker.step.intent' } },
    });
    expect(stepOrderProblem(2, recorded, 'record')?.code).toBe('step-recorded');
    expect(stepOrderProblem(2, recorded, 'correct')).toBeNull();
    expect(stepOrderProblem(4, recorded, 'correct')?.code).toBe('step-not-recorded');
    expect(stepOrderProblem(9, recorded, 'record')?.code).toBe('step-unknown');
    expect(stepOrderProblem(0, recorded, 'correct')?.code).toBe('step-unknown');
    expect(errorIdOf([stepOrderProblem(5, recorded, 'record')!])).toBe('conflict');
  });

  const entry = (doneOn: string, changes = {}) => ({ doneOn, notes: '', links: [], ...changes });

  it('takes a day from the step before it up to today', () => {
    expect(stepEntryProblems(4, entry('2026-07-20'), recorded, TODAY)).toEqual([]);
    expect(stepEntryProblems(4, entry(TODAY), recorded, TODAY)).toEqual([]);
    expect(stepEntryProblems(4, entry('2026-11-22'), recorded, TODAY)).toEqual([{ field: 'doneOn', code: 'date-future', facts: { today: { day: TODAY } } }]);
    expect(stepEntryProblems(4, entry('2026-07-19'), recorded, TODAY)).toEqual([
      { field: 'doneOn', code: 'date-before-previous', facts: { previous: { key: 'tracker.step.visit' }, day: { day: '2026-07-20' } } },
    ]);
  });

  it('keeps a corrected step between its neighbours', () => {
    expect(stepEntryProblems(2, entry('2026-07-20'), recorded, TODAY)).toEqual([]);
    expect(stepEntryProblems(2, entry('2026-07-21'), recorded, TODAY)).toEqual([
      { field: 'doneOn', code: 'date-after-next', facts: { next: { key: 'tracker.step.visit' }, day: { day: '2026-07-20' } } },
    ]);
    expect(stepEntryProblems(1, entry('2025-01-01'), recorded, TODAY)).toEqual([]);
  });

  it('refuses a missing, malformed or impossible day, and one before 1900', () => {
    expect(stepEntryProblems(4, entry(''), recorded, TODAY)[0]?.code).toBe('date-required');
    expect(stepEntryProblems(4, entry('21/11/2026'), recorded, TODAY)[0]?.code).toBe('date-invalid');
    expect(stepEntryProblems(4, entry('2026-02-30'), recorded, TODAY)[0]?.code).toBe('date-invalid');
    expect(stepEntryProblems(1, entry('1899-12-31'), [], TODAY)[0]?.code).toBe('date-too-early');
  });

  it('limits the notes to 2,000 characters and the documents to ten', () => {
    expect(stepEntryProblems(4, entry(TODAY, { notes: 'n'.repeat(2000) }), recorded, TODAY)).toEqual([]);
    expect(stepEntryProblems(4, entry(TODAY, { notes: 'n'.repeat(2001) }), recorded, TODAY)).toEqual([{ field: 'notes', code: 'notes-too-long', facts: { max: 2000 } }]);
    const links = (n: number) => [...Array(n).keys()].map((i) => ({ url: `https://example.org/${i}`, label: '' }));
    expect(stepEntryProblems(4, entry(TODAY, { links: links(10) }), recorded, TODAY)).toEqual([]);
    expect(stepEntryProblems(4, entry(TODAY, { links: links(11) }), recorded, TODAY)).toEqual([{ field: 'links', code: 'links-too-many', facts: { max: 10 } }]);
  });

  it('asks the signing for the label as signed, and nothing else for it', () => {
    const signed = [...recorded, { step: 4, doneOn: '2026-08-01' }, { step: 5, doneOn: '2026-09-01' }, { step: 6, doneOn: '2026-10-01' }];
    expect(stepEntryProblems(7, entry(TODAY, { label: ' ' }), signed, TODAY)).toEqual([{ field: 'label', code: 'label-required' }]);
    expect(stepEntryProblems(7, entry(TODAY, { label: 'friendship city', labelOriginal: '友好都市' }), signed, TODAY)).toEqual([]);
    expect(stepEntryProblems(6, entry('2026-10-01'), signed, TODAY)).toEqual([]);
    expect(stepEntryProblems(7, entry(TODAY), [...signed, { step: 7, doneOn: TODAY }], TODAY, 'correct')).toEqual([]);
  });
});

describe('introductionNotices', () => {
  const facts = (status: IntroductionStatus, changes: Partial<NoticeFacts> = {}): NoticeFacts & { id: number } => ({
    id: 1,
    status,
    mine: { from: true, to: false },
    closedOn: null,
    decline: null,
    steps: [],
    ...changes,
  });

  it('tells the sender of a request for more, and the recipient of an introduction waiting for their answer', () => {
    expect(introductionNotices([facts('more-info')], TODAY).map((notice) => notice.kind)).toEqual(['asked']);
    expect(introductionNotices([facts('forwarded', { mine: { from: false, to: true } })], TODAY).map((notice) => notice.kind)).toEqual(['received']);
    expect(introductionNotices([facts('forwarded'), facts('pending')], TODAY)).toEqual([]);
  });

  it('tells the sender of an acceptance or a refusal for 30 days, with who declined and why', () => {
    const declined = facts('declined', { closedOn: '2026-11-01', decline: { by: 'to', reason: 'We have a partner in Hungary already.' } });
    expect(introductionNotices([declined], TODAY)).toEqual([{ kind: 'declined', introduction: declined, by: 'to', reason: 'We have a partner in Hungary already.' }]);
    expect(introductionNotices([declined], addDays('2026-11-01', 30))).toEqual([]);
    expect(introductionNotices([facts('accepted', { closedOn: TODAY })], TODAY).map((notice) => notice.kind)).toEqual(['accepted']);
    expect(introductionNotices([facts('accepted', { closedOn: TODAY, mine: { from: false, to: true } })], TODAY)).toEqual([]);
  });

  describe('of an accepted introduction, where its formation tracker stands', () => {
    const steps = (last: number, doneOn = '2026-11-05') => [...Array(last).keys()].map((index) => ({ step: index + 1, doneOn }));
    const accepted = (changes: Partial<NoticeFacts>) => facts('accepted', { closedOn: '2026-09-01', ...changes });

    it('tells both sides of the latest step and the next, for 30 days after its day', () => {
      const forming = accepted({ steps: steps(3), mine: { from: false, to: true } });
      expect(introductionNotices([forming], TODAY)).toEqual([{ kind: 'forming', introduction: forming, latest: { step: 3, doneOn: '2026-11-05' }, next: 4 }]);
      expect(introductionNotices([forming], addDays('2026-11-05', 30))).toEqual([]);
    });

    it('once signed, asks both sides for the first exchange until it is recorded, however long ago the signing', () => {
      const signed = accepted({ steps: steps(7, '2025-04-01') });
      expect(introductionNotices([signed], TODAY)).toEqual([{ kind: 'signed', introduction: signed, signedOn: '2025-04-01' }]);
      expect(introductionNotices([{ ...signed, mine: { from: false, to: true } }], TODAY).map((notice) => notice.kind)).toEqual(['signed']);
    });

    it('after the first exchange, says the relationship is under way, for 30 days', () => {
      const underway = accepted({ steps: [...steps(7, '2026-10-01'), { step: 8, doneOn: '2026-11-02' }] });
      expect(introductionNotices([underway], TODAY)).toEqual([{ kind: 'underway', introduction: underway, exchangeOn: '2026-11-02' }]);
      expect(introductionNotices([underway], addDays('2026-11-02', 30))).toEqual([]);
    });

    it('says the tracker is open while it holds only the step accepting records, and never after another', () => {
      expect(introductionNotices([accepted({ closedOn: TODAY, steps: steps(1, TODAY) })], TODAY).map((notice) => notice.kind)).toEqual(['accepted']);
      for (const last of [2, 6, 7, 8]) {
        const kinds = introductionNotices([accepted({ closedOn: TODAY, steps: steps(last, TODAY) })], TODAY).map((notice) => notice.kind);
        expect(kinds, `after step ${last}`).not.toContain('accepted');
      }
    });
  });
});
