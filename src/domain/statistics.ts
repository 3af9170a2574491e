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
}

/**
 * In force on a day: signed by then (or of unknown date: counted at every date, since it exists),
 * not ended by then, and not merely proposed.
 */
export function tieInForceOn(tie: JapaneseTie, day: string): boolean {
  if (tie.status === 'proposed') return false;
  if (tie.signedOn !== null && tie.signedOn > day) return false;
  if (tie.endedOn !== null && tie.endedOn <= day) return false;
  if (tie.status === 'ended' && tie.endedOn === null) return false;
  return true;
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
export const isInternational = (tie: JapaneseTie): boolean => !(tie.firstCountry === 'JP' && tie.secondCountry === 'JP');

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
export const SEARCH_KINDS = [...JAPANESE_KINDS, 'municipality'] as const;

export interface TieStatistics {
  totals: { international: number; domestic: number };
  byCountry: { country: string; count: number }[];
  byKind: { kind: string; total: number; withPartner: number; coverage: number }[];
  byPrefecture: Map<number, { relationships: number; localGovernmentsWithPartner: number }>;
  /** International ties without a recorded date. */
  undated: number;
  /** International relationships by their label as signed ('' when not recorded). */
  byLabel: { label: string; count: number }[];
}

/**
 * Counts Japan's relationships: domestic ties (both parties Japanese) on their own, and every
 * international figure from the others only. Coverage is the share of LGs of a kind with at least
 * one international partner, over the LGs of that kind counted in coverage.
 */
export function computeTieStatistics(units: JapaneseUnit[], ties: JapaneseTie[]): TieStatistics {
  const unitById = new Map(units.map((unit) => [unit.id, unit]));
  const withPartner = new Set<number>();
  const byCountry = new Map<string, number>();
  const byPrefecture = new Map<number, { relationships: number; localGovernmentsWithPartner: number }>();
  for (const unit of units) {
    if (unit.kind === 'prefecture') byPrefecture.set(unit.id, { relationships: 0, localGovernmentsWithPartner: 0 });
  }
  let domestic = 0;
  let international = 0;
  let undated = 0;
  const byLabel = new Map<string, number>();
  for (const tie of ties) {
    if (!isInternational(tie)) {
      domestic++;
      continue;
    }
    international++;
    if (tie.signedOn === null) undated++;
    byLabel.set(tie.label, (byLabel.get(tie.label) ?? 0) + 1);
    const [japaneseId, partnerCountry] = tie.firstCountry === 'JP' ? [tie.firstId, tie.secondCountry] : [tie.secondId, tie.firstCountry];
    byCountry.set(partnerCountry, (byCountry.get(partnerCountry) ?? 0) + 1);
    const unit = unitById.get(japaneseId);
    if (!unit) continue;
    const prefecture = byPrefecture.get(unit.prefectureId);
    if (prefecture) {
      prefecture.relationships++;
      if (!withPartner.has(unit.id)) prefecture.localGovernmentsWithPartner++;
    }
    withPartner.add(unit.id);
  }
  const byKind = JAPANESE_KINDS.map((kind) => {
    const counted = units.filter((unit) => unit.kind === kind && unit.inCoverage);
    const partnered = counted.filter((unit) => withPartner.has(unit.id)).length;
    return {
      kind,
      total: counted.length,
      withPartner: partnered,
      coverage: counted.length === 0 ? 0 : Math.round((partnered / counted.length) * 10000) / 10000,
    };
  });
  return {
    totals: { international, domestic },
    byCountry: [...byCountry].map(([country, count]) => ({ country, count })).sort((a, b) => b.count - a.count || a.country.localeCompare(b.country)),
    byKind,
    byPrefecture,
    undated,
    byLabel: [...byLabel].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
  };
}
