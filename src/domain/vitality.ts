/**
 * Which relationships are alive, from their exchange log and their own dates.
 *
 * - active: an exchange in the last `activeYears` (3);
 * - quiet: the last exchange between `activeYears` and `quietYears` (10) ago;
 * - in name only: none in `quietYears`, or none ever although the relationship is older than
 *   `activeYears` and its record was kept up (changed by someone) within `activeYears`;
 * - unrecorded: no exchange ever recorded and a record nobody has kept up, or a relationship too
 *   young to judge: undocumented is not dormant, so it is not accused;
 * - expired: a fixed term that ended without renewal.
 *
 * Relationships not in force (proposed, or ended) have no vitality.
 */
export const VITALITIES = ['active', 'quiet', 'in-name-only', 'unrecorded', 'expired'] as const;
export type Vitality = (typeof VITALITIES)[number];

export interface VitalityThresholds {
  /** An exchange within this many years makes a relationship active. */
  activeYears: number;
  /** No exchange within this many years makes it in name only. */
  quietYears: number;
}

export const DEFAULT_VITALITY_THRESHOLDS: VitalityThresholds = { activeYears: 3, quietYears: 10 };

/** What vitality is decided from. */
export interface VitalityFacts {
  /** The first day the relationship is known to exist: its signing, or the day its record was made. */
  knownSince: string;
  /** The last day of the last exchange on or before the day; null when none is recorded. */
  lastExchangeOn: string | null;
  /** The day (in Japan) its record was last changed after it was made; null when never. */
  editedOn: string | null;
  /** In force on the day (not proposed, not ended). */
  inForce: boolean;
  /** Its fixed term had ended by the day without renewal. */
  expired: boolean;
}

/** yearsBefore's answers by day and years: statistics ask the same two thousands of times. */
const daysYearsBefore = new Map<string, string>();

/** The same day a number of years earlier (29 February becomes 28 February in a common year). */
export function yearsBefore(day: string, years: number): string {
  const key = `${day}|${years}`;
  let earlier = daysYearsBefore.get(key);
  if (earlier === undefined) {
    if (daysYearsBefore.size > 1000) daysYearsBefore.clear();
    daysYearsBefore.set(key, (earlier = computeYearsBefore(day, years)));
  }
  return earlier;
}

function computeYearsBefore(day: string, years: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const target = year - years;
  const last = new Date(Date.UTC(target, month, 0)).getUTCDate();
  return `${String(target).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(date, last)).padStart(2, '0')}`;
}

/**
 * A relationship's vitality on a day; null when it is not in force. The boundaries are inclusive:
 * an exchange exactly three years before the day still makes it active.
 */
export function vitalityOn(facts: VitalityFacts, day: string, thresholds: VitalityThresholds = DEFAULT_VITALITY_THRESHOLDS): Vitality | null {
  if (!facts.inForce) return null;
  if (facts.expired) return 'expired';
  const activeSince = yearsBefore(day, thresholds.activeYears);
  if (facts.lastExchangeOn !== null) {
    if (facts.lastExchangeOn >= activeSince) return 'active';
    return facts.lastExchangeOn >= yearsBefore(day, thresholds.quietYears) ? 'quiet' : 'in-name-only';
  }
  const keptUp = facts.editedOn !== null && facts.editedOn <= day && facts.editedOn >= activeSince;
  return keptUp && facts.knownSince < activeSince ? 'in-name-only' : 'unrecorded';
}

/** Counts of each vitality. */
export type VitalityCounts = Record<Vitality, number>;

export const noVitalities = (): VitalityCounts => ({ active: 0, quiet: 0, 'in-name-only': 0, unrecorded: 0, expired: 0 });

/** Thresholds that make sense: whole years, the active span shorter than the quiet one. */
export function checkVitalityThresholds(thresholds: VitalityThresholds): string | null {
  const { activeYears, quietYears } = thresholds;
  if (!Number.isInteger(activeYears) || activeYears < 1) return 'the active span must be a whole number of years, at least 1';
  if (!Number.isInteger(quietYears) || quietYears <= activeYears) return `the quiet span must be a whole number of years longer than the active span (${activeYears})`;
  return null;
}
