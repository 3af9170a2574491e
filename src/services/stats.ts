import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { prefectureIdOf } from '../db/fragments.js';
import { besidePublished, registerFigure, type RegisterBeside } from '../domain/publishedFigures.js';
import type { SourceKind } from '../domain/relationships.js';
import {
  changeBetween,
  computeTieStatistics,
  computeVitalityStatistics,
  countSources,
  growthByYear,
  isInternational,
  tieCouldBeInForceOn,
  tieInForceOn,
  tieSignedAwaitingExchange,
  type GrowthYear,
  type JapaneseTie,
  type JapaneseUnit,
  type SourceCount,
  type VitalityStatistics,
} from '../domain/statistics.js';
import type { Renewal } from '../domain/terms.js';
import { DEFAULT_VITALITY_THRESHOLDS, type VitalityThresholds } from '../domain/vitality.js';
import { lastExchangesOn } from './vitality.js';
import { keptUnderVersion, registerVersionReader } from './registerVersion.js';
import { localGovernmentUrl, relationshipUrl } from './presenters.js';
import { listPublishedFigures, type PublishedFigure } from './publishedFigures.js';
import { today } from './registry.js';

/** The year of Japan's first sister-city relationship, where growth charts begin. */
export const FIRST_YEAR = 1955;

export interface JapanStatistics {
  /** The day the figures describe (YYYY-MM-DD). */
  asOf: string;
  totals: { international: number; domestic: number };
  /** The totals one month before asOf, by the same rule. */
  previousMonth: { asOf: string; international: number; domestic: number };
  /**
   * The change since previousMonth.asOf: relationships signed since less those ended since. One
   * without a date of signing never counts as new, even when it was recorded in the month.
   */
  change: { international: number; domestic: number };
  /**
   * International relationships in force without a recorded date of signing. They are counted from
   * the day their record was made, never before, and left out of the growth per year.
   */
  undated: number;
  byCountry: { country: string; count: number; undated: number }[];
  byKind: { kind: string; total: number; withPartner: number; coverage: number }[];
  byPrefecture: {
    prefecture: { id: number; jisCode: string; name: { en: string; ja: string } };
    relationships: number;
    undated: number;
    localGovernmentsWithPartner: number;
  }[];
  byLabel: { label: string; count: number; undated: number }[];
  growth: { years: GrowthYear[]; milestones: { ordinal: number; signedOn: string }[] };
  /**
   * Relationships signed by asOf whose first exchange has not begun (status proposed with a day of
   * signing): not in force, so in no figure above; counted and listed here, domestic ones apart.
   */
  signedAwaitingExchange: { international: number; domestic: number; relationships: SignedRelationship[] };
  /** What the international figures rest on: each source of the relationships counted, and how many have no date. */
  sources: { relationships: number; undated: number; bySource: SourceCount[] };
  /** Figures published elsewhere, each beside the register's own for the same thing on the same day. */
  published: PublishedComparison[];
  /**
   * Whether the international relationships are alive on asOf, from their exchange log: in all, by
   * partner country and by kind of the Japanese party; expired ones (a fixed term ended without
   * renewal) apart, and in no other figure.
   */
  vitality: VitalityStatistics & { thresholds: VitalityThresholds };
}

/** A published figure beside the register's figure for the same thing on the figure's day. */
export interface PublishedComparison extends Omit<PublishedFigure, 'updatedAt'> {
  register: RegisterBeside;
}

/** A relationship as the statistics list it: its parties, label and day of signing. */
export interface SignedRelationship {
  id: number;
  url: string;
  parties: { id: number; url: string; name: { en: string; ja: string | null } }[];
  label: string;
  signedOn: string;
  domestic: boolean;
}

/** The earlier of a day and another, or null. */
const minDay = (day: string | null, limit: string): string | null => (day !== null && day > limit ? limit : day);

/** The same day a month earlier (the last day of that month when it is shorter). */
export function monthBefore(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const lastOfPrevious = new Date(Date.UTC(year, month - 1, 0)).getUTCDate();
  const previous = new Date(Date.UTC(year, month - 2, Math.min(date, lastOfPrevious)));
  return previous.toISOString().slice(0, 10);
}

/** Japan's local governments and the relationships of any of them, as the counting needs them. */
export interface JapanTies {
  units: JapaneseUnit[];
  ties: JapaneseTie[];
  /** Each relationship's last exchange, by its id. */
  lastExchanges: Map<number, string>;
  /** The register's version they were read at. */
  version: string;
}

const keptTies = new WeakMap<Db, Promise<JapanTies>>();

/**
 * Japan's local governments and ties, read once per version of the register and shared by every
 * count of them (statistics, published figures beside them, the strategy's vitality): read again
 * only after a change. Shared, so never changed by those who read them.
 */
export async function japanTies(db: Db): Promise<JapanTies> {
  const version = await registerVersionReader(db)();
  return keptUnderVersion(keptTies, db, version, async () => ({ ...(await readTies(db)), version }));
}

async function readTies(db: Db): Promise<Omit<JapanTies, 'version'>> {
  // Column arrays in one row each: PGlite spends far more on each row it hands back than on the query.
  const [units] = await queryRows<{ ids: number[]; kinds: string[]; in_coverage: boolean[]; prefecture_ids: number[] }>(
    db,
    sql`select array_agg(lg.id) as ids, array_agg(lg.kind) as kinds, array_agg(lg.in_coverage) as in_coverage,
        array_agg(${prefectureIdOf('lg', 'parent')}) as prefecture_ids
      from local_governments lg left join local_governments parent on parent.id = lg.parent_id
      where lg.country = 'JP'`,
  );
  // Japan keeps no summer time, so its day is UTC's moment nine hours on.
  const [rows] = await queryRows<{
    ids: number[];
    first_ids: number[] | null;
    second_ids: number[];
    first_countries: string[];
    second_countries: string[];
    labels: string[];
    statuses: string[];
    signed: (string | null)[];
    ended: (string | null)[];
    recorded: string[];
    source_kinds: SourceKind[];
    sources: string[];
    term_ends: (string | null)[];
    edited: (string | null)[];
    last_exchanges: (string | null)[];
  }>(
    db,
    sql`select array_agg(id) as ids, array_agg(first_id) as first_ids, array_agg(second_id) as second_ids,
        array_agg(first_country) as first_countries, array_agg(second_country) as second_countries,
        array_agg(label) as labels, array_agg(status) as statuses,
        array_agg(to_char(signed_on, 'YYYY-MM-DD')) as signed, array_agg(to_char(ended_on, 'YYYY-MM-DD')) as ended,
        array_agg(to_char(created_at at time zone 'Asia/Tokyo', 'YYYY-MM-DD')) as recorded,
        array_agg(source_kind) as source_kinds, array_agg(source) as sources,
        array_agg(to_char(fixed_term_end, 'YYYY-MM-DD')) as term_ends,
        array_agg(case when updated_at > created_at + interval '1 second' then to_char(updated_at at time zone 'Asia/Tokyo', 'YYYY-MM-DD') end) as edited,
        array_agg(to_char(last_exchange_on, 'YYYY-MM-DD')) as last_exchanges
      from relationships where first_country = 'JP' or second_country = 'JP'`,
  );
  // Renewals are few: all of them, in one row.
  const [renewalRows] = await queryRows<{ ids: number[] | null; renewed: string[]; ends: string[]; previous: (string | null)[] }>(
    db,
    sql`select array_agg(relationship_id) as ids, array_agg(to_char(renewed_on, 'YYYY-MM-DD')) as renewed,
        array_agg(to_char(new_end, 'YYYY-MM-DD')) as ends, array_agg(to_char(previous_end, 'YYYY-MM-DD')) as previous
      from relationship_renewals`,
  );
  const renewals = new Map<number, Renewal[]>();
  (renewalRows?.ids ?? []).forEach((id, i) => {
    const renewal = { renewedOn: renewalRows!.renewed[i]!, newEnd: renewalRows!.ends[i]!, previousEnd: renewalRows!.previous[i] ?? null };
    const known = renewals.get(id);
    if (known) known.push(renewal);
    else renewals.set(id, [renewal]);
  });
  const ids = rows?.ids ?? [];
  return {
    lastExchanges: new Map(ids.flatMap((id, i) => (rows!.last_exchanges[i] ? [[id, rows!.last_exchanges[i]!] as const] : []))),
    units: (units?.ids ?? []).map((id, i) => ({ id, kind: units!.kinds[i]!, inCoverage: units!.in_coverage[i]!, prefectureId: units!.prefecture_ids[i]! })),
    ties: (rows?.first_ids ?? []).map<JapaneseTie>((firstId, i) => ({
      id: rows!.ids[i]!,
      firstId,
      secondId: rows!.second_ids[i]!,
      firstCountry: rows!.first_countries[i]!.trim(),
      secondCountry: rows!.second_countries[i]!.trim(),
      label: rows!.labels[i]!,
      status: rows!.statuses[i]!,
      signedOn: rows!.signed[i] ?? null,
      endedOn: rows!.ended[i] ?? null,
      recordedOn: rows!.recorded[i]!,
      sourceKind: rows!.source_kinds[i]!,
      source: rows!.sources[i]!,
      term: rows!.term_ends[i] || renewals.has(rows!.ids[i]!) ? { fixedTermEnd: rows!.term_ends[i] ?? null, renewals: renewals.get(rows!.ids[i]!) ?? [] } : undefined,
      editedOn: rows!.edited[i] ?? null,
    })),
  };
}

/**
 * Statistics of Japan's relationships in force on a day (default today). Domestic relationships
 * are counted on their own and left out of every international figure; the Northern Territories
 * villages are not counted in coverage; a relationship without a date of signing counts from the
 * day it was recorded. A few small queries fetch Japan's LGs, its ties, their sources and the
 * published figures; the counting is pure (domain/statistics.ts, domain/publishedFigures.ts).
 */
export async function japanStatistics(db: Db, asOf: string = today(), thresholds: VitalityThresholds = DEFAULT_VITALITY_THRESHOLDS): Promise<JapanStatistics> {
  const { units: japaneseUnits, ties, lastExchanges: latest } = await japanTies(db);
  // Today the relationships' own last exchange will do (no exchange lies in the future); another day
  // needs the log as it stood then.
  const lastExchanges = asOf >= today() ? latest : await lastExchangesOn(db, asOf);
  const prefectures = await queryRows<{ id: number; jis_code: string; name_en: string; name_ja: string }>(
    db,
    sql`select id, jis_code, name_en, name_ja from local_governments where country = 'JP' and kind = 'prefecture' order by jis_code`,
  );
  const inForce = ties.filter((tie) => tieInForceOn(tie, asOf));
  const statistics = computeTieStatistics(japaneseUnits, inForce);
  const previousDay = monthBefore(asOf);
  const previous = computeTieStatistics(japaneseUnits, ties.filter((tie) => tieInForceOn(tie, previousDay))).totals;
  const growth = growthByYear(
    ties.filter((tie) => tie.signedOn !== null && tie.signedOn <= asOf),
    FIRST_YEAR,
    Number(asOf.slice(0, 4)),
    asOf,
  );
  const awaiting = ties.filter((tie) => tieSignedAwaitingExchange(tie, asOf));
  return {
    asOf,
    totals: statistics.totals,
    previousMonth: { asOf: previousDay, ...previous },
    change: changeBetween(ties, previousDay, asOf),
    undated: statistics.undated,
    byCountry: statistics.byCountry,
    byKind: statistics.byKind,
    byPrefecture: prefectures.map((prefecture) => ({
      prefecture: { id: prefecture.id, jisCode: prefecture.jis_code.trim(), name: { en: prefecture.name_en, ja: prefecture.name_ja } },
      ...statistics.byPrefecture.get(prefecture.id)!,
    })),
    byLabel: statistics.byLabel,
    growth: { years: growth.years, milestones: growth.milestones.map(({ ordinal, signedOn }) => ({ ordinal, signedOn })) },
    signedAwaitingExchange: {
      international: awaiting.filter(isInternational).length,
      domestic: awaiting.filter((tie) => !isInternational(tie)).length,
      relationships: await signedRelationships(db, awaiting),
    },
    sources: { relationships: statistics.totals.international, undated: statistics.undated, bySource: countSources(inForce) },
    published: besidePublishedFigures(await listPublishedFigures(db), japaneseUnits, ties),
    vitality: {
      thresholds,
      ...computeVitalityStatistics(japaneseUnits, ties, (tie) => minDay(lastExchanges.get(tie.id!) ?? null, asOf), asOf, thresholds),
    },
  };
}

/** Every published figure beside the register's figures for its day (what the statistics' `published` holds). */
export async function publishedComparisons(db: Db): Promise<PublishedComparison[]> {
  const [{ units, ties }, figures] = await Promise.all([japanTies(db), listPublishedFigures(db)]);
  return besidePublishedFigures(figures, units, ties);
}

/**
 * Each published figure beside the register's figures for its day: by the register's rule, and
 * counting also every relationship without a date that had not ended by then.
 */
function besidePublishedFigures(figures: PublishedFigure[], units: JapaneseUnit[], ties: JapaneseTie[]): PublishedComparison[] {
  const onDay = new Map<string, { inForce: ReturnType<typeof computeTieStatistics>; withUndated: ReturnType<typeof computeTieStatistics> }>();
  return figures.map(({ updatedAt: _, ...figure }) => {
    let day = onDay.get(figure.publishedOn);
    if (!day) {
      day = {
        inForce: computeTieStatistics(units, ties.filter((tie) => tieInForceOn(tie, figure.publishedOn))),
        withUndated: computeTieStatistics(units, ties.filter((tie) => tieCouldBeInForceOn(tie, figure.publishedOn))),
      };
      onDay.set(figure.publishedOn, day);
    }
    return { ...figure, register: besidePublished(figure.value, registerFigure(figure, day.inForce), registerFigure(figure, day.withUndated)) };
  });
}

/** The parties of the relationships signed and waiting for their first exchange (few: one query). */
async function signedRelationships(db: Db, ties: JapaneseTie[]): Promise<SignedRelationship[]> {
  if (ties.length === 0) return [];
  const ids = [...new Set(ties.flatMap((tie) => [tie.firstId, tie.secondId]))];
  const parties = await queryRows<{ id: number; slug: string; name_en: string; name_ja: string | null }>(
    db,
    sql`select id, slug, name_en, name_ja from local_governments where id = any(${sql.param(ids)}::int[])`,
  );
  const party = (id: number) => {
    const row = parties.find((candidate) => candidate.id === id)!;
    return { id, url: localGovernmentUrl(row), name: { en: row.name_en, ja: row.name_ja } };
  };
  return ties
    .map((tie) => ({
      id: tie.id!,
      url: relationshipUrl({ id: tie.id! }),
      // The Japanese party first, as the statistics read.
      parties: tie.firstCountry === 'JP' ? [party(tie.firstId), party(tie.secondId)] : [party(tie.secondId), party(tie.firstId)],
      label: tie.label,
      signedOn: tie.signedOn!,
      domestic: !isInternational(tie),
    }))
    .sort((a, b) => b.signedOn.localeCompare(a.signedOn) || a.id - b.id);
}
