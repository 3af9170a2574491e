import { SOURCE_KINDS, type SourceKind } from './relationships.js';
import { FIRST_LEVEL_KINDS } from './firstLevelRegions.js';
import { termExpiredOn, type Term } from './terms.js';
import { noVitalities, vitalityOn, type Vitality, type VitalityCounts, type VitalityThresholds } from './vitality.js';

/** A Japanese local government as the statistics need it. */
export interface JapaneseUnit {
  id: number;
  kind: string;
  inCoverage: boolean;
  /** The prefecture it lies in (itself for a prefecture). */
  prefectureId: number;
}

/** A relationship with at least one Japanese party. */
export interface JapaneseTie {
  /** The relationship's id, where the caller needs to name it. */
  id?: number;
  firstId: number;
  secondId: number;
  firstCountry: string;
  secondCountry: string;
  label: string;
  status: string;
  /** YYYY-MM-DD, or null when the date is not recorded. */
  signedOn: string | null;
  endedOn: string | null;
  /** The day (in Japan) its record was made: the first day an undated relationship is known to exist. */
  recordedOn: string;
  /** Where its record comes from: the kind of source, and the sheet, file, person or tracker by name. */
  sourceKind: SourceKind;
  source: string;
  /** Its fixed term and renewals, when it has one. */
  term?: Term | undefined;
  /** The day (in Japan) its record was last changed after it was made; null or absent when never. */
  editedOn?: string | null | undefined;
}

/** What a relationship's dates, status and fixed term (if any) are, for whether it is in force on a day. */
export type TieDates = Pick<JapaneseTie, 'status' | 'signedOn' | 'endedOn' | 'recordedOn' | 'term'>;

/**
 * The first day a relationship is known to exist: its day of signing, or, when that is not
 * recorded, the day its record was made. Nothing says an undated relationship existed before then,
 * so it is never counted in the past.
 */
export const knownSince = (tie: TieDates): string => tie.signedOn ?? tie.recordedOn;

/** Ended by the day, or ended at a day nobody recorded. */
function endedBy(tie: TieDates, day: string): boolean {
  if (tie.endedOn !== null) return tie.endedOn <= day;
  return tie.status === 'ended';
}

/** Its fixed term had ended by the day without a renewal extending it. */
export const tieExpiredOn = (tie: TieDates, day: string): boolean => tie.term !== undefined && termExpiredOn(tie.term, day);

/**
 * In force on a day: known to exist by then (signed by then, or, without a date of signing,
 * recorded by then), not ended by then, not merely proposed, and not expired (a fixed term that
 * ended without renewal).
 */
export function tieInForceOn(tie: TieDates, day: string): boolean {
  return tie.status !== 'proposed' && knownSince(tie) <= day && !endedBy(tie, day) && !tieExpiredOn(tie, day);
}

/** Expired on a day: it would be in force but for its fixed term, which ended without renewal. */
export function tieCountedExpiredOn(tie: TieDates, day: string): boolean {
  return tie.status !== 'proposed' && knownSince(tie) <= day && !endedBy(tie, day) && tieExpiredOn(tie, day);
}

/**
 * Could have been in force on a day, as far as its own dates say: one without a date of signing
 * could have been signed at any time before it was recorded. Used for what the register may hold
 * at most on a past day, and for changes, where an undated relationship must never count as new.
 */
export function tieCouldBeInForceOn(tie: JapaneseTie, day: string): boolean {
  return tie.status !== 'proposed' && (tie.signedOn === null || tie.signedOn <= day) && !endedBy(tie, day) && !tieExpiredOn(tie, day);
}

/**
 * Signed, but its first exchange has not begun: recorded as proposed with a day of signing on or
 * before the day (as a formation tracker records a signing). Not in force, so never counted as such;
 * the statistics show it on a line of its own.
 */
export function tieSignedAwaitingExchange(tie: JapaneseTie, day: string): boolean {
  return tie.status === 'proposed' && tie.signedOn !== null && tie.signedOn <= day && (tie.endedOn === null || tie.endedOn > day);
}

/** A tie with a party abroad; one between two Japanese LGs is domestic. */
export const isInternational = (tie: Pick<JapaneseTie, 'firstCountry' | 'secondCountry'>): boolean => !(tie.firstCountry === 'JP' && tie.secondCountry === 'JP');

/**
 * The change in the relationships in force from one day to a later one: those signed in between
 * less those ended in between. A relationship without a date of signing is never counted as new,
 * even when its record was made in between; its ending, when recorded, is counted.
 */
export function changeBetween(ties: JapaneseTie[], before: string, after: string): { international: number; domestic: number } {
  const change = { international: 0, domestic: 0 };
  for (const tie of ties) {
    const difference = Number(tieCouldBeInForceOn(tie, after)) - Number(tieCouldBeInForceOn(tie, before));
    if (difference !== 0) change[isInternational(tie) ? 'international' : 'domestic'] += difference;
  }
  return change;
}

/** How many of the international relationships counted come from one source. */
export interface SourceCount {
  kind: SourceKind;
  /** The sheet, file, person or tracker, by the name the record gives. */
  source: string;
  count: number;
}

/**
 * The sources international relationships rest on: one line per kind of source and name, in the
 * order of SOURCE_KINDS (register sheets first), then the largest first.
 */
export function countSources(ties: JapaneseTie[]): SourceCount[] {
  const counts = new Map<string, SourceCount>();
  for (const tie of ties) {
    if (!isInternational(tie)) continue;
    const key = `${tie.sourceKind}\u0000${tie.source}`;
    const found = counts.get(key);
    if (found) found.count++;
    else counts.set(key, { kind: tie.sourceKind, source: tie.source, count: 1 });
  }
  const order = (kind: SourceKind) => SOURCE_KINDS.indexOf(kind);
  return [...counts.values()].sort((a, b) => order(a.kind) - order(b.kind) || b.count - a.count || a.source.localeCompare(b.source));
}

export interface GrowthYear {
  year: number;
  /** International relationships signed that year (of those with a recorded date). */
  signed: number;
  /** International relationships in force at the end of that year (dated ones only). */
  inForce: number;
}

export interface Milestone {
  /** 1 for the first, 1000 for the 1,000th, by date of signing. */
  ordinal: number;
  signedOn: string;
  tieIndex: number;
}

/**
 * Growth of Japan's international relationships per year, from those with a recorded date, and
 * the milestones of the count (the first, the 1,000th, each further thousand).
 */
export function growthByYear(ties: JapaneseTie[], fromYear: number, toYear: number, asOf = `${toYear}-12-31`): { years: GrowthYear[]; milestones: Milestone[] } {
  const dated = ties
    .map((tie, tieIndex) => ({ tie, tieIndex }))
    .filter(({ tie }) => isInternational(tie) && tie.signedOn !== null && tie.status !== 'proposed')
    .sort((a, b) => a.tie.signedOn!.localeCompare(b.tie.signedOn!) || a.tieIndex - b.tieIndex);
  const years: GrowthYear[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    // The current year is counted on the day asked for, not at its end.
    const end = `${year}-12-31` < asOf ? `${year}-12-31` : asOf;
    years.push({
      year,
      signed: dated.filter(({ tie }) => tie.signedOn!.startsWith(String(year))).length,
      inForce: dated.filter(({ tie }) => tieInForceOn(tie, end)).length,
    });
  }
  const milestones = dated
    .map((entry, index) => ({ ordinal: index + 1, signedOn: entry.tie.signedOn!, tieIndex: entry.tieIndex }))
    .filter((entry) => entry.ordinal === 1 || entry.ordinal % 1000 === 0);
  return { years, milestones };
}

/** The kinds in the order statistics show them. */
export const JAPANESE_KINDS = ['prefecture', 'city', 'special_ward', 'ward', 'town', 'village'] as const;

/** The kinds searches and lists filter by: Japan's, and 'municipality' for places abroad. */
export const SEARCH_KINDS = [...JAPANESE_KINDS, 'municipality', ...FIRST_LEVEL_KINDS] as const;

export interface TieStatistics {
  totals: { international: number; domestic: number };
  /** Per partner country: relationships, and how many of them have no recorded date. */
  byCountry: { country: string; count: number; undated: number }[];
  byKind: { kind: string; total: number; withPartner: number; coverage: number }[];
  byPrefecture: Map<number, { relationships: number; undated: number; localGovernmentsWithPartner: number }>;
  /** International ties without a recorded date. */
  undated: number;
  /** International relationships by their label as signed ('' when not recorded). */
  byLabel: { label: string; count: number; undated: number }[];
}

/**
 * Coverage by kind: of the LGs of each kind counted in coverage, how many have a partner abroad
 * (`withPartner`), and their share to four decimals.
 */
export function coverageByKind(units: readonly JapaneseUnit[], withPartner: ReadonlySet<number>): TieStatistics['byKind'] {
  return JAPANESE_KINDS.map((kind) => {
    const counted = units.filter((unit) => unit.kind === kind && unit.inCoverage);
    const partnered = counted.filter((unit) => withPartner.has(unit.id)).length;
    return {
      kind,
      total: counted.length,
      withPartner: partnered,
      coverage: counted.length === 0 ? 0 : Math.round((partnered / counted.length) * 10000) / 10000,
    };
  });
}

/**
 * Counts Japan's relationships: domestic ties (both parties Japanese) on their own, and every
 * international figure from the others only. Coverage is the share of LGs of a kind with at least
 * one international partner, over the LGs of that kind counted in coverage. Each count says how
 * many of its relationships have no recorded date.
 */
export function computeTieStatistics(units: JapaneseUnit[], ties: JapaneseTie[]): TieStatistics {
  const unitById = new Map(units.map((unit) => [unit.id, unit]));
  const withPartner = new Set<number>();
  const byCountry = new Map<string, { count: number; undated: number }>();
  const byPrefecture = new Map<number, { relationships: number; undated: number; localGovernmentsWithPartner: number }>();
  for (const unit of units) {
    if (unit.kind === 'prefecture') byPrefecture.set(unit.id, { relationships: 0, undated: 0, localGovernmentsWithPartner: 0 });
  }
  let domestic = 0;
  let international = 0;
  let undated = 0;
  const byLabel = new Map<string, { count: number; undated: number }>();
  const tally = <K>(map: Map<K, { count: number; undated: number }>, key: K, isUndated: number) => {
    const found = map.get(key);
    if (found) {
      found.count++;
      found.undated += isUndated;
    } else map.set(key, { count: 1, undated: isUndated });
  };
  for (const tie of ties) {
    if (!isInternational(tie)) {
      domestic++;
      continue;
    }
    international++;
    const isUndated = tie.signedOn === null ? 1 : 0;
    undated += isUndated;
    tally(byLabel, tie.label, isUndated);
    const [japaneseId, partnerCountry] = tie.firstCountry === 'JP' ? [tie.firstId, tie.secondCountry] : [tie.secondId, tie.firstCountry];
    tally(byCountry, partnerCountry, isUndated);
    const unit = unitById.get(japaneseId);
    if (!unit) continue;
    const prefecture = byPrefecture.get(unit.prefectureId);
    if (prefecture) {
      prefecture.relationships++;
      prefecture.undated += isUndated;
      if (!withPartner.has(unit.id)) prefecture.localGovernmentsWithPartner++;
    }
    withPartner.add(unit.id);
  }
  const byKind = coverageByKind(units, withPartner);
  return {
    totals: { international, domestic },
    byCountry: [...byCountry].map(([country, row]) => ({ country, ...row })).sort((a, b) => b.count - a.count || a.country.localeCompare(b.country)),
    byKind,
    byPrefecture,
    undated,
    byLabel: [...byLabel].map(([label, row]) => ({ label, ...row })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
  };
}

/** Vitality counts of Japan's international relationships: in all, by partner country, by kind of the Japanese party. */
export interface VitalityStatistics {
  totals: VitalityCounts;
  byCountry: ({ country: string } & VitalityCounts)[];
  byKind: ({ kind: string } & VitalityCounts)[];
}

/**
 * Counts the vitality of Japan's international relationships on a day: those in force, and those
 * expired (counted apart). `lastExchangeOn` gives the last day of a tie's last exchange on or
 * before the day. Domestic ties are left out, as in every international figure.
 */
export function computeVitalityStatistics(
  units: JapaneseUnit[],
  ties: JapaneseTie[],
  lastExchangeOn: (tie: JapaneseTie) => string | null,
  day: string,
  thresholds: VitalityThresholds,
): VitalityStatistics {
  const unitById = new Map(units.map((unit) => [unit.id, unit]));
  const totals = noVitalities();
  const byCountry = new Map<string, VitalityCounts>();
  const byKind = new Map<string, VitalityCounts>(JAPANESE_KINDS.map((kind) => [kind, noVitalities()]));
  for (const tie of ties) {
    if (!isInternational(tie)) continue;
    const vitality: Vitality | null = tieCountedExpiredOn(tie, day)
      ? 'expired'
      : vitalityOn(
          { knownSince: knownSince(tie), lastExchangeOn: lastExchangeOn(tie), editedOn: tie.editedOn ?? null, inForce: tieInForceOn(tie, day), expired: false },
          day,
          thresholds,
        );
    if (vitality === null) continue;
    totals[vitality]++;
    const [japaneseId, partnerCountry] = tie.firstCountry === 'JP' ? [tie.firstId, tie.secondCountry] : [tie.secondId, tie.firstCountry];
    let country = byCountry.get(partnerCountry);
    if (!country) byCountry.set(partnerCountry, (country = noVitalities()));
    country[vitality]++;
    const kind = unitById.get(japaneseId)?.kind;
    if (kind) byKind.get(kind)![vitality]++;
  }
  const inForce = (counts: VitalityCounts) => counts.active + counts.quiet + counts['in-name-only'] + counts.unrecorded;
  return {
    totals,
    byCountry: [...byCountry]
      .map(([country, counts]) => ({ country, ...counts }))
      .sort((a, b) => inForce(b) - inForce(a) || a.country.localeCompare(b.country)),
    byKind: [...byKind].map(([kind, counts]) => ({ kind, ...counts })),
  };
}
