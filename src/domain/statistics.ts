/** A Japanese local government as the statistics need it. */
export interface JapaneseUnit {
  id: number;
  kind: string;
  inCoverage: boolean;
  /** The prefecture it lies in (itself for a prefecture). */
  prefectureId: number;
}

/** A relationship in force with at least one Japanese party. */
export interface JapaneseTie {
  firstId: number;
  secondId: number;
  firstCountry: string;
  secondCountry: string;
}

/** The kinds in the order statistics show them. */
export const JAPANESE_KINDS = ['prefecture', 'city', 'special_ward', 'ward', 'town', 'village'] as const;

export interface TieStatistics {
  totals: { international: number; domestic: number };
  byCountry: { country: string; count: number }[];
  byKind: { kind: string; total: number; withPartner: number; coverage: number }[];
  byPrefecture: Map<number, { relationships: number; localGovernmentsWithPartner: number }>;
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
  for (const tie of ties) {
    if (tie.firstCountry === 'JP' && tie.secondCountry === 'JP') {
      domestic++;
      continue;
    }
    international++;
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
  };
}
