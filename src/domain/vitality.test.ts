import { describe, expect, it } from 'vitest';
import { checkVitalityThresholds, vitalityOn, yearsBefore, type VitalityFacts } from './vitality.js';

const DAY = '2026-06-15';
const facts = (over: Partial<VitalityFacts>): VitalityFacts => ({
  knownSince: '1990-04-01',
  lastExchangeOn: null,
  editedOn: null,
  inForce: true,
  expired: false,
  ...over,
});

describe('yearsBefore', () => {
  it('goes back whole years, 29 February to 28 February in a common year', () => {
    expect(yearsBefore('2026-06-15', 3)).toBe('2023-06-15');
    expect(yearsBefore('2024-02-29', 1)).toBe('2023-02-28');
    expect(yearsBefore('2024-02-29', 4)).toBe('2020-02-29');
  });
});

describe('vitalityOn', () => {
  it('calls a relationship active with an exchange in the last three years, the day three years before included', () => {
    expect(vitalityOn(facts({ lastExchangeOn: DAY }), DAY)).toBe('active');
    expect(vitalityOn(facts({ lastExchangeOn: '2023-06-15' }), DAY)).toBe('active');
    expect(vitalityOn(facts({ lastExchangeOn: '2023-06-14' }), DAY)).toBe('quiet');
  });

  it('calls it quiet with its last exchange three to ten years ago, the day ten years before included', () => {
    expect(vitalityOn(facts({ lastExchangeOn: '2016-06-15' }), DAY)).toBe('quiet');
    expect(vitalityOn(facts({ lastExchangeOn: '2016-06-14' }), DAY)).toBe('in-name-only');
    expect(vitalityOn(facts({ lastExchangeOn: '1991-01-01' }), DAY)).toBe('in-name-only');
  });

  it('calls a relationship never recorded in name only only when someone kept its record up lately and it is older than three years', () => {
    expect(vitalityOn(facts({ editedOn: '2025-01-01' }), DAY)).toBe('in-name-only');
    expect(vitalityOn(facts({ editedOn: '2023-06-15' }), DAY)).toBe('in-name-only');
    // Nobody has kept it up: undocumented is not dormant.
    expect(vitalityOn(facts({ editedOn: null }), DAY)).toBe('unrecorded');
    expect(vitalityOn(facts({ editedOn: '2023-06-14' }), DAY)).toBe('unrecorded');
    // Too young to judge: signed three years ago to the day, or later.
    expect(vitalityOn(facts({ knownSince: '2023-06-15', editedOn: '2026-01-01' }), DAY)).toBe('unrecorded');
    expect(vitalityOn(facts({ knownSince: '2023-06-14', editedOn: '2026-01-01' }), DAY)).toBe('in-name-only');
  });

  it('judges an undated relationship from the day its record was made, and its exchanges as any other', () => {
    // An undated relationship recorded last year and edited since: too young a record to accuse.
    expect(vitalityOn(facts({ knownSince: '2025-09-01', editedOn: '2026-02-01' }), DAY)).toBe('unrecorded');
    expect(vitalityOn(facts({ knownSince: '2025-09-01', lastExchangeOn: '2026-03-01' }), DAY)).toBe('active');
  });

  it('ignores an edit after the day asked for', () => {
    expect(vitalityOn(facts({ editedOn: '2026-06-16' }), DAY)).toBe('unrecorded');
  });

  it('says expired for a term ended without renewal, whatever its exchanges, and nothing for one not in force', () => {
    expect(vitalityOn(facts({ expired: true, lastExchangeOn: DAY }), DAY)).toBe('expired');
    expect(vitalityOn(facts({ inForce: false, lastExchangeOn: DAY }), DAY)).toBeNull();
  });

  it('follows other thresholds', () => {
    const thresholds = { activeYears: 1, quietYears: 5 };
    expect(vitalityOn(facts({ lastExchangeOn: '2025-06-15' }), DAY, thresholds)).toBe('active');
    expect(vitalityOn(facts({ lastExchangeOn: '2025-06-14' }), DAY, thresholds)).toBe('quiet');
    expect(vitalityOn(facts({ lastExchangeOn: '2021-06-14' }), DAY, thresholds)).toBe('in-name-only');
  });
});

describe('checkVitalityThresholds', () => {
  it('wants whole years, the quiet span longer than the active one', () => {
    expect(checkVitalityThresholds({ activeYears: 3, quietYears: 10 })).toBeNull();
    expect(checkVitalityThresholds({ activeYears: 0, quietYears: 10 })).toMatch(/at least 1/);
    expect(checkVitalityThresholds({ activeYears: 3, quietYears: 3 })).toMatch(/longer than the active span \(3\)/);
  });
});
