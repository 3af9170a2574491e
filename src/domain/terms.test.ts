import { describe, expect, it } from 'vitest';
import { checkRenewal, daysBetween, renewalsGivenWhole, termEndOn, termExpiredOn, termNoticeOn, withPreviousEnds, type Term } from './terms.js';

// Kochi City and Surabaya: five years from April 1997, extended by five (CLAIR's FAQ, question 8).
const KOCHI_SURABAYA: Term = {
  fixedTermEnd: '2007-03-31',
  renewals: [{ renewedOn: '2002-02-01', newEnd: '2007-03-31', previousEnd: '2002-03-31' }],
};

describe('termEndOn and termExpiredOn', () => {
  it('give the end of the term in force on a day, as renewals extended it', () => {
    expect(termEndOn(KOCHI_SURABAYA, '2000-01-01')).toBe('2002-03-31');
    expect(termEndOn(KOCHI_SURABAYA, '2002-02-01')).toBe('2007-03-31');
    expect(termExpiredOn(KOCHI_SURABAYA, '2002-04-01')).toBe(false);
    expect(termExpiredOn(KOCHI_SURABAYA, '2007-03-31')).toBe(false);
    expect(termExpiredOn(KOCHI_SURABAYA, '2007-04-01')).toBe(true);
  });

  it('expire a term that ended without renewal the day after its last day', () => {
    const term: Term = { fixedTermEnd: '2005-09-30', renewals: [] };
    expect(termExpiredOn(term, '2005-09-30')).toBe(false);
    expect(termExpiredOn(term, '2005-10-01')).toBe(true);
  });

  it('count a term renewed after it lapsed as expired in between', () => {
    const term: Term = { fixedTermEnd: '2012-09-30', renewals: [{ renewedOn: '2006-01-10', newEnd: '2012-09-30', previousEnd: '2005-09-30' }] };
    expect(termExpiredOn(term, '2005-12-01')).toBe(true);
    expect(termExpiredOn(term, '2006-01-10')).toBe(false);
  });

  it('keep a term in force until its first renewal when the end it extended is not recorded', () => {
    const term: Term = { fixedTermEnd: '2010-01-01', renewals: [{ renewedOn: '2005-01-01', newEnd: '2010-01-01', previousEnd: null }] };
    expect(termEndOn(term, '2004-12-31')).toBe('2005-01-01');
    expect(termExpiredOn(term, '2004-12-31')).toBe(false);
  });

  it('have no end without a fixed term', () => {
    expect(termEndOn({ fixedTermEnd: null, renewals: [] }, '2026-01-01')).toBeNull();
    expect(termExpiredOn({ fixedTermEnd: null, renewals: [] }, '2026-01-01')).toBe(false);
  });
});

describe('termNoticeOn', () => {
  it('asks for a notice 90 days before the end, then 30, and none once ended', () => {
    expect(daysBetween('2026-01-01', '2026-04-01')).toBe(90);
    expect(termNoticeOn('2026-04-01', '2026-01-01')).toBe(90);
    expect(termNoticeOn('2026-04-02', '2026-01-01')).toBeNull();
    expect(termNoticeOn('2026-01-31', '2026-01-01')).toBe(30);
    expect(termNoticeOn('2026-02-01', '2026-01-01')).toBe(90);
    expect(termNoticeOn('2026-01-01', '2026-01-01')).toBe(30);
    expect(termNoticeOn('2025-12-31', '2026-01-01')).toBeNull();
    expect(termNoticeOn(null, '2026-01-01')).toBeNull();
  });
});

describe('withPreviousEnds', () => {
  it('chains each renewal to the end the one before set', () => {
    expect(withPreviousEnds([{ renewedOn: '2008', newEnd: '2011' }, { renewedOn: '2005', newEnd: '2008' }])).toEqual([
      { renewedOn: '2005', newEnd: '2008', previousEnd: null },
      { renewedOn: '2008', newEnd: '2011', previousEnd: '2008' },
    ]);
  });
});

describe('renewalsGivenWhole', () => {
  const recorded = [
    { id: 1, renewedOn: '2005-08-01', newEnd: '2008-09-30', previousEnd: '2005-09-30', recordedBy: 7 },
    { id: 2, renewedOn: '2008-08-01', newEnd: '2011-09-30', previousEnd: '2008-09-30', recordedBy: 8 },
  ];

  it('keeps a renewal given again as it was, with its recorder and the end it extended', () => {
    expect(renewalsGivenWhole(recorded, [{ renewedOn: '2008-08-01', newEnd: '2011-09-30' }, { renewedOn: '2005-08-01', newEnd: '2008-09-30' }])).toEqual({ kept: recorded, added: [] });
  });

  it('adds a new one chained to the end before it, and drops one not given again', () => {
    expect(renewalsGivenWhole(recorded, [{ renewedOn: '2005-08-01', newEnd: '2008-09-30' }, { renewedOn: '2008-07-01', newEnd: '2012-03-31' }])).toEqual({
      kept: [recorded[0]],
      added: [{ renewedOn: '2008-07-01', newEnd: '2012-03-31', previousEnd: '2008-09-30' }],
    });
  });

  it('matches each recorded renewal once: the same renewal given twice is kept once and added once', () => {
    const twice = { renewedOn: '2005-08-01', newEnd: '2008-09-30' };
    const { kept, added } = renewalsGivenWhole(recorded, [twice, twice]);
    expect(kept).toEqual([recorded[0]]);
    expect(added).toEqual([{ ...twice, previousEnd: '2008-09-30' }]);
  });
});

describe('checkRenewal', () => {
  const context = { signedOn: '2002-10-01', endedOn: null, fixedTermEnd: '2005-09-30', lastRenewedOn: null };
  const today = '2026-06-15';

  it('accepts a renewal that extends the term', () => {
    expect(checkRenewal({ renewedOn: '2005-08-01', newEnd: '2008-09-30' }, context, today)).toEqual([]);
  });

  it('refuses a new end before or on the end of the term it renews', () => {
    expect(checkRenewal({ renewedOn: '2005-08-01', newEnd: '2005-09-30' }, context, today)).toEqual([
      { field: 'newEnd', message: 'must be after the end of the term it renews (2005-09-30)' },
    ]);
  });

  it('refuses a renewal in the future, before the signing or before the last renewal', () => {
    expect(checkRenewal({ renewedOn: '2026-06-16', newEnd: '2030-01-01' }, context, today)[0]?.field).toBe('renewedOn');
    expect(checkRenewal({ renewedOn: '2002-09-30', newEnd: '2008-01-01' }, context, today)[0]?.message).toBe('must not be before the signing (2002-10-01)');
    expect(checkRenewal({ renewedOn: '2007-01-01', newEnd: '2012-01-01' }, { ...context, fixedTermEnd: '2011-09-30', lastRenewedOn: '2008-08-01' }, today)[0]?.message).toBe(
      'must not be before the last renewal (2008-08-01)',
    );
  });

  it('refuses a new end before the renewal itself when no term end is known', () => {
    expect(checkRenewal({ renewedOn: '2010-01-01', newEnd: '2009-01-01' }, { ...context, fixedTermEnd: null }, today)[0]?.field).toBe('newEnd');
  });
});
