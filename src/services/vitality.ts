import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { japanDayOf } from '../domain/relationships.js';
import { DEFAULT_VITALITY_THRESHOLDS, vitalityOn, type Vitality, type VitalityThresholds } from '../domain/vitality.js';

/** The day and the thresholds a page or an answer judges vitality by. */
export interface LifeOptions {
  today: string;
  thresholds: VitalityThresholds;
}

/** A relationship's own facts that vitality is decided from, today. */
export interface RelationshipLifeFacts {
  status: string;
  /** The first day of the day, month or year of signing; null when not recorded. */
  signedOn: string | null;
  endedOn: string | null;
  /** The end of the current term (renewals included); null without a fixed term. */
  fixedTermEnd: string | null;
  /** The day (in Japan) its record was made. */
  recordedOn: string;
  /** The day (in Japan) its record was last changed after it was made; null when never. */
  editedOn: string | null;
  lastExchangeOn: string | null;
}

/** The day in Japan a record was changed after it was made, or null when it never was (both moments set by one statement). */
export function editedOnOf(createdAt: Date | string, updatedAt: Date | string): string | null {
  const [created, updated] = [new Date(createdAt), new Date(updatedAt)];
  return updated.getTime() - created.getTime() > 1000 ? japanDayOf(updated.toISOString()) : null;
}

/**
 * A relationship's vitality on the day of the options, from its current record: not in force when
 * proposed, ended, or known only from a later day; expired when its current term ended before the day.
 */
export function vitalityOfRecord(facts: RelationshipLifeFacts, life: LifeOptions): Vitality | null {
  const knownSince = facts.signedOn ?? facts.recordedOn;
  const ended = facts.status === 'ended' || (facts.endedOn !== null && facts.endedOn <= life.today);
  return vitalityOn(
    {
      knownSince,
      lastExchangeOn: facts.lastExchangeOn,
      editedOn: facts.editedOn,
      inForce: facts.status !== 'proposed' && !ended && knownSince <= life.today,
      expired: facts.fixedTermEnd !== null && facts.fixedTermEnd < life.today,
    },
    life.today,
    life.thresholds,
  );
}

/**
 * The last day of each relationship's last exchange on or before a day, as two arrays in one row
 * (PGlite spends far more on each row it returns than on the query).
 */
export async function lastExchangesOn(db: Db, day: string): Promise<Map<number, string>> {
  const [row] = await queryRows<{ ids: number[] | null; days: string[] | null }>(
    db,
    sql`select array_agg(relationship_id) as ids, array_agg(to_char(last, 'YYYY-MM-DD')) as days from (
        select relationship_id, max(least(coalesce(ended_on, started_on), ${day}::date)) as last
        from exchanges where started_on <= ${day}::date group by relationship_id) x`,
  );
  const ids = row?.ids ?? [];
  return new Map(ids.map((id, index) => [id, row!.days![index]!]));
}

export { DEFAULT_VITALITY_THRESHOLDS };
