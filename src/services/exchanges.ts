import { and, desc, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { accounts, exchanges, relationships } from '../db/schema.js';
import { accountIdOf, authorize, type Actor } from '../domain/authorization.js';
import { checkExchange, type ExchangeDirection, type ExchangeKind } from '../domain/exchanges.js';
import { failIfProblems, KizunaError, notFound } from '../errors.js';
import { writeAudit } from './audit.js';
import type { ExchangeInput } from './inputs.js';
import { presentLocalGovernmentSummary, relationshipUrl, summaryColumns, toDateString, toTimestampString, type LocalGovernmentRow, type LocalGovernmentSummary } from './presenters.js';
import { today } from './registry.js';

/** An exchange as pages and the API show it. */
export interface Exchange {
  id: number;
  relationshipId: number;
  startedOn: string;
  endedOn: string | null;
  kind: ExchangeKind;
  direction: ExchangeDirection;
  /** For a visit, the party whose people travelled. */
  visitorId: number | null;
  participants: number | null;
  description: { en: string; ja: string };
  links: { url: string; label: string }[];
  /** The name of the account that recorded it; null for the command line. */
  recordedBy: string | null;
  createdAt: string;
}

type ExchangeRecord = typeof exchanges.$inferSelect;

function presentExchange(record: ExchangeRecord, recordedBy: string | null): Exchange {
  return {
    id: record.id,
    relationshipId: record.relationshipId,
    startedOn: toDateString(record.startedOn)!,
    endedOn: toDateString(record.endedOn),
    kind: record.kind,
    direction: record.direction,
    visitorId: record.visitorId,
    participants: record.participants,
    description: { en: record.descriptionEn, ja: record.descriptionJa },
    links: record.links as { url: string; label: string }[],
    recordedBy,
    createdAt: toTimestampString(record.createdAt),
  };
}

/** The relationship an exchange is recorded for, locked in the transaction, or a 404. */
async function relationshipFor(db: Db, id: number, forUpdate: boolean) {
  const query = db.select().from(relationships).where(eq(relationships.id, id));
  const [record] = forUpdate ? await query.for('update') : await query;
  if (!record) throw notFound(`Relationship ${id}`);
  return record;
}

/** The exchange log of a relationship, newest first; a 404 when the relationship does not exist. */
export async function listExchanges(db: Db, relationshipId: number): Promise<Exchange[]> {
  await relationshipFor(db, relationshipId, false);
  const rows = await db
    .select({ exchange: exchanges, recordedBy: accounts.name })
    .from(exchanges)
    .leftJoin(accounts, eq(accounts.id, exchanges.recordedBy))
    .where(eq(exchanges.relationshipId, relationshipId))
    .orderBy(desc(exchanges.startedOn), desc(exchanges.id));
  return rows.map((row) => presentExchange(row.exchange, row.recordedBy));
}

/**
 * The relationship an exchange is written for, locked, once the actor may write for it and the
 * exchange fits its dates and parties; a proposed relationship not yet signed takes none.
 */
async function relationshipToWrite(tx: Db, actor: Actor, relationshipId: number, input: ExchangeInput, now: string) {
  const relationship = await relationshipFor(tx, relationshipId, true);
  authorize(actor, { do: 'relationship.write', parties: [relationship.firstId, relationship.secondId] });
  failIfProblems(
    checkExchange(
      { startedOn: input.startedOn, endedOn: input.endedOn, direction: input.direction, visitorId: input.visitorId, description: input.description },
      { parties: [relationship.firstId, relationship.secondId], signedOn: toDateString(relationship.signedOn), endedOn: toDateString(relationship.endedOn) },
      now,
    ),
  );
  if (relationship.status === 'proposed' && relationship.signedOn === null) {
    throw new KizunaError('conflict', `Relationship ${relationshipId} is proposed and not yet signed: record its exchanges once it is signed.`, [
      { field: 'relationship', message: 'not yet signed' },
    ]);
  }
  return relationship;
}

/** The columns an exchange's input sets. */
const exchangeColumns = (input: ExchangeInput) => ({
  startedOn: input.startedOn,
  endedOn: input.endedOn,
  kind: input.kind,
  direction: input.direction,
  visitorId: input.visitorId,
  participants: input.participants,
  descriptionEn: input.description.en,
  descriptionJa: input.description.ja,
  links: input.links,
});

/**
 * Records an exchange of a relationship: by the officers of either party and by coordinators,
 * checked against the relationship's dates and parties, audited in the same transaction.
 */
export async function recordExchange(db: Db, actor: Actor, relationshipId: number, input: ExchangeInput, now = today()): Promise<Exchange> {
  return db.transaction(async (tx) => {
    await relationshipToWrite(tx, actor, relationshipId, input, now);
    const [record] = await tx
      .insert(exchanges)
      .values({ relationshipId, ...exchangeColumns(input), recordedBy: accountIdOf(actor) })
      .returning();
    const exchange = presentExchange(record!, actor.kind === 'account' ? actor.name : null);
    await writeAudit(tx, actor, { action: 'create', entity: 'exchange', entityId: exchange.id, before: null, after: exchange });
    return exchange;
  });
}

/** One exchange of a relationship with the name of who recorded it, or a 404. */
async function exchangeRow(db: Db, relationshipId: number, exchangeId: number) {
  const [row] = await db
    .select({ exchange: exchanges, recordedBy: accounts.name })
    .from(exchanges)
    .leftJoin(accounts, eq(accounts.id, exchanges.recordedBy))
    .where(and(eq(exchanges.id, exchangeId), eq(exchanges.relationshipId, relationshipId)));
  if (!row) throw notFound(`Exchange ${exchangeId} of relationship ${relationshipId}`);
  return row;
}

/** One exchange of a relationship; a 404 when either does not exist. */
export async function getExchange(db: Db, relationshipId: number, exchangeId: number): Promise<Exchange> {
  const row = await exchangeRow(db, relationshipId, exchangeId);
  return presentExchange(row.exchange, row.recordedBy);
}

/**
 * Corrects an exchange, given whole as when it was recorded: by the same people who record them,
 * under the same rules; it keeps who first recorded it, and the audit log says who changed what.
 */
export async function updateExchange(db: Db, actor: Actor, relationshipId: number, exchangeId: number, input: ExchangeInput, now = today()): Promise<Exchange> {
  return db.transaction(async (tx) => {
    await relationshipToWrite(tx, actor, relationshipId, input, now);
    const row = await exchangeRow(tx, relationshipId, exchangeId);
    const [record] = await tx.update(exchanges).set(exchangeColumns(input)).where(eq(exchanges.id, exchangeId)).returning();
    const exchange = presentExchange(record!, row.recordedBy);
    await writeAudit(tx, actor, { action: 'update', entity: 'exchange', entityId: exchangeId, before: presentExchange(row.exchange, row.recordedBy), after: exchange });
    return exchange;
  });
}

/** Deletes an exchange recorded by mistake: by the same people who record them; audited. */
export async function deleteExchange(db: Db, actor: Actor, relationshipId: number, exchangeId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const relationship = await relationshipFor(tx, relationshipId, true);
    authorize(actor, { do: 'relationship.write', parties: [relationship.firstId, relationship.secondId] });
    const row = await exchangeRow(tx, relationshipId, exchangeId);
    await tx.delete(exchanges).where(eq(exchanges.id, exchangeId));
    await writeAudit(tx, actor, { action: 'delete', entity: 'exchange', entityId: exchangeId, before: presentExchange(row.exchange, row.recordedBy), after: null });
  });
}

/** A local government's exchanges in summary: how many, the latest few, and by kind. */
export interface ExchangeDigest {
  count: number;
  latest: (Exchange & { relationshipUrl: string; own: LocalGovernmentSummary; partner: LocalGovernmentSummary })[];
  byKind: { kind: ExchangeKind; count: number }[];
}

/**
 * The exchanges of some relationships, summarised for a page (a local government's, a jurisdiction's),
 * each seen from the side `ownSide` names (the LG of the page, a relationship's Japanese party): nothing
 * to read when none of them has one (their own counts say so), else two queries through the log's index.
 */
export async function exchangeDigestOf(db: Db, ownSide: (relationshipId: number) => number, itsRelationships: readonly { id: number; exchanges: { count: number } }[], latest = 5): Promise<ExchangeDigest> {
  const logged = itsRelationships.filter((relationship) => relationship.exchanges.count > 0).map((relationship) => relationship.id);
  if (logged.length === 0) return { count: 0, byKind: [], latest: [] };
  const ids = sql`${sql.param(logged)}::int[]`;
  const byKind = await queryRows<{ kind: ExchangeKind; count: number }>(
    db,
    sql`select kind, count(*)::int as count from exchanges where relationship_id = any(${ids}) group by kind order by count desc, kind`,
  );
  const rows = await db
    .select({ exchange: exchanges, recordedBy: accounts.name, firstId: relationships.firstId, secondId: relationships.secondId })
    .from(exchanges)
    .innerJoin(relationships, eq(relationships.id, exchanges.relationshipId))
    .leftJoin(accounts, eq(accounts.id, exchanges.recordedBy))
    .where(sql`${exchanges.relationshipId} = any(${ids})`)
    .orderBy(desc(exchanges.startedOn), desc(exchanges.id))
    .limit(latest);
  const ownIds = rows.map((row) => ownSide(row.exchange.relationshipId));
  const partnerIds = rows.map((row, index) => (row.firstId === ownIds[index] ? row.secondId : row.firstId));
  const partners = await queryRows<LocalGovernmentRow>(
    db,
    sql`select ${sql.raw(summaryColumns('lg'))} from local_governments lg where lg.id = any(${sql.param([...ownIds, ...partnerIds])}::int[])`,
  );
  const partnerById = new Map(partners.map((row) => [row.id, presentLocalGovernmentSummary(row)]));
  return {
    count: byKind.reduce((sum, row) => sum + row.count, 0),
    byKind,
    latest: rows.map((row, index) => ({
      ...presentExchange(row.exchange, row.recordedBy),
      relationshipUrl: relationshipUrl({ id: row.exchange.relationshipId }),
      own: partnerById.get(ownIds[index]!)!,
      partner: partnerById.get(partnerIds[index]!)!,
    })),
  };
}

/** The exchanges of a relationship in the order of a log read from its beginning, for CSV. */
export async function exchangesInOrder(db: Db, relationshipId: number): Promise<Exchange[]> {
  return (await listExchanges(db, relationshipId)).sort((a, b) => a.startedOn.localeCompare(b.startedOn) || a.id - b.id);
}

