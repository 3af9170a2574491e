import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { commendationExchanges, commendationRelationships, commendations, exchanges, relationships } from '../db/schema.js';
import { accountIdOf, authorize, type Actor } from '../domain/authorization.js';
import { checkCommendation, type CommendationAward } from '../domain/commendations.js';
import { failIfProblems, KizunaError, notFound } from '../errors.js';
import { writeAudit } from './audit.js';
import type { CommendationInput } from './newsInputs.js';
import { prefixedRow, presentLocalGovernmentSummary, relationshipUrl, summaryColumns, toDateString, toTimestampString, type LocalGovernmentSummary } from './presenters.js';
import { today } from './registry.js';

/**
 * The register of commendations: awards to local governments and organisations, each linked to the
 * relationships and exchanges it recognises. Everyone reads them; coordinators and administrators
 * record, correct and delete them, each change audited.
 */

/** A relationship a commendation recognises, with both parties. */
export interface CommendedRelationship {
  id: number;
  url: string;
  parties: [LocalGovernmentSummary, LocalGovernmentSummary];
}

/** An exchange a commendation recognises, in short. */
export interface CommendedExchange {
  id: number;
  relationshipId: number;
  url: string;
  startedOn: string;
  kind: string;
  description: { en: string; ja: string };
}

/** A commendation as pages and the API show it. */
export interface Commendation {
  id: number;
  url: string;
  award: CommendationAward;
  year: number;
  localGovernment: LocalGovernmentSummary | null;
  organisation: { en: string; ja: string };
  category: { en: string; ja: string };
  citation: { en: string; ja: string };
  relationships: CommendedRelationship[];
  exchanges: CommendedExchange[];
  updatedAt: string;
}

/** The page of an award's year. */
export const commendationYearUrl = (award: string, year: number) => `/commendations/${award}/${year}`;

/** Which commendations to read: of an award, a year, a local government (all when none is given). */
export interface CommendationFilter {
  award?: CommendationAward | undefined;
  year?: number | undefined;
  localGovernmentId?: number | undefined;
  ids?: number[] | undefined;
}

/** Commendations with their recipients and links, in four queries whatever their number: by year (latest first), award, recipient. */
export async function listCommendations(db: Db, filter: CommendationFilter = {}): Promise<Commendation[]> {
  const conditions: SQL[] = [sql`true`];
  if (filter.award) conditions.push(sql`c.award = ${filter.award}`);
  if (filter.year !== undefined) conditions.push(sql`c.year = ${filter.year}`);
  if (filter.localGovernmentId !== undefined) conditions.push(sql`c.local_government_id = ${filter.localGovernmentId}`);
  if (filter.ids) conditions.push(sql`c.id = any(${sql.param(filter.ids)}::int[])`);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select c.*, ${sql.raw(summaryColumns('lg', 'lg_'))}
      from commendations c left join local_governments lg on lg.id = c.local_government_id
      where ${sql.join(conditions, sql` and `)}
      order by c.year desc, c.award, coalesce(lg.name_en, c.organisation_en, c.organisation_ja), c.id`,
  );
  if (rows.length === 0) return [];
  const ids = rows.map((row) => Number(row.id));
  const linkedRelationships = await queryRows<Record<string, unknown>>(
    db,
    sql`select cr.commendation_id, r.id, ${sql.raw(summaryColumns('a', 'a_'))}, ${sql.raw(summaryColumns('b', 'b_'))}
      from commendation_relationships cr join relationships r on r.id = cr.relationship_id
      join local_governments a on a.id = r.first_id join local_governments b on b.id = r.second_id
      where cr.commendation_id = any(${sql.param(ids)}::int[]) order by r.id`,
  );
  const linkedExchanges = await queryRows<Record<string, unknown>>(
    db,
    sql`select ce.commendation_id, e.id, e.relationship_id, e.started_on, e.kind, e.description_en, e.description_ja
      from commendation_exchanges ce join exchanges e on e.id = ce.exchange_id
      where ce.commendation_id = any(${sql.param(ids)}::int[]) order by e.started_on, e.id`,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    url: `${commendationYearUrl(String(row.award), Number(row.year))}#commendation-${Number(row.id)}`,
    award: row.award as CommendationAward,
    year: Number(row.year),
    localGovernment: row.lg_id === null ? null : presentLocalGovernmentSummary(prefixedRow(row, 'lg_')),
    organisation: { en: String(row.organisation_en), ja: String(row.organisation_ja) },
    category: { en: String(row.category_en), ja: String(row.category_ja) },
    citation: { en: String(row.citation_en), ja: String(row.citation_ja) },
    relationships: linkedRelationships
      .filter((link) => link.commendation_id === row.id)
      .map((link) => ({
        id: Number(link.id),
        url: relationshipUrl({ id: Number(link.id) }),
        parties: [presentLocalGovernmentSummary(prefixedRow(link, 'a_')), presentLocalGovernmentSummary(prefixedRow(link, 'b_'))],
      })),
    exchanges: linkedExchanges
      .filter((link) => link.commendation_id === row.id)
      .map((link) => ({
        id: Number(link.id),
        relationshipId: Number(link.relationship_id),
        url: `${relationshipUrl({ id: Number(link.relationship_id) })}#exchange-${Number(link.id)}`,
        startedOn: toDateString(link.started_on)!,
        kind: String(link.kind),
        description: { en: String(link.description_en), ja: String(link.description_ja) },
      })),
    updatedAt: toTimestampString(row.updated_at),
  }));
}

/** One commendation, or a 404. */
export async function getCommendation(db: Db, id: number): Promise<Commendation> {
  const [found] = await listCommendations(db, { ids: [id] });
  if (!found) throw notFound(`Commendation ${id}`);
  return found;
}

/** Each award with the years it has commendations for, and how many each year. */
export async function commendationYears(db: Db): Promise<{ award: CommendationAward; year: number; count: number }[]> {
  return queryRows(db, sql`select award, year, count(*)::int as count from commendations group by award, year order by award, year desc`);
}

/** The input checked against the register: the local government, relationships and exchanges exist, and the rules hold. */
async function checkAgainstRegister(db: Db, input: CommendationInput): Promise<void> {
  if (input.localGovernmentId !== null) {
    const [found] = await queryRows<{ id: number }>(db, sql`select id from local_governments where id = ${input.localGovernmentId}`);
    if (!found) failIfProblems([{ field: 'localGovernmentId', message: `local government ${input.localGovernmentId} does not exist` }]);
  }
  const linkedRelationships = input.relationshipIds.length
    ? await db.select({ id: relationships.id, firstId: relationships.firstId, secondId: relationships.secondId }).from(relationships).where(inArray(relationships.id, input.relationshipIds))
    : [];
  const linkedExchanges = input.exchangeIds.length
    ? await db.select({ id: exchanges.id, relationshipId: exchanges.relationshipId }).from(exchanges).where(inArray(exchanges.id, input.exchangeIds))
    : [];
  const missing = [
    ...input.relationshipIds.flatMap((id, index) => (linkedRelationships.some((row) => row.id === id) ? [] : [{ field: `relationshipIds[${index}]`, message: `relationship ${id} does not exist` }])),
    ...input.exchangeIds.flatMap((id, index) => (linkedExchanges.some((row) => row.id === id) ? [] : [{ field: `exchangeIds[${index}]`, message: `exchange ${id} does not exist` }])),
  ];
  failIfProblems(missing);
  const byOrder = <T extends { id: number }>(rows: T[], ids: number[]) => ids.map((id) => rows.find((row) => row.id === id)!);
  failIfProblems(
    checkCommendation(
      { year: input.year, localGovernmentId: input.localGovernmentId, organisation: input.organisation, citation: input.citation },
      byOrder(linkedRelationships, input.relationshipIds).map((row) => ({ id: row.id, parties: [row.firstId, row.secondId] as const })),
      byOrder(linkedExchanges, input.exchangeIds),
      Number(today().slice(0, 4)),
    ),
  );
}

/** A 409 when the same recipient already holds the award for the year in the same category. */
async function refuseDuplicate(db: Db, input: CommendationInput, exceptId: number | null): Promise<void> {
  const [same] = await queryRows<{ id: number }>(
    db,
    sql`select id from commendations where award = ${input.award} and year = ${input.year}
      and local_government_id is not distinct from ${input.localGovernmentId}::int
      and organisation_en = ${input.organisation.en} and organisation_ja = ${input.organisation.ja}
      and category_en = ${input.category.en} and category_ja = ${input.category.ja}
      and id <> ${exceptId ?? 0}`,
  );
  if (same) {
    throw new KizunaError('conflict', `Commendation ${same.id} records the same award of ${input.year} to the same recipient in the same category.`, [
      { field: 'year', message: `already recorded as commendation ${same.id}` },
    ]);
  }
}

const columnsOf = (input: CommendationInput) => ({
  award: input.award,
  year: input.year,
  localGovernmentId: input.localGovernmentId,
  organisationEn: input.organisation.en,
  organisationJa: input.organisation.ja,
  categoryEn: input.category.en,
  categoryJa: input.category.ja,
  citationEn: input.citation.en,
  citationJa: input.citation.ja,
});

async function writeLinks(db: Db, id: number, input: CommendationInput): Promise<void> {
  await db.delete(commendationRelationships).where(eq(commendationRelationships.commendationId, id));
  await db.delete(commendationExchanges).where(eq(commendationExchanges.commendationId, id));
  if (input.relationshipIds.length) await db.insert(commendationRelationships).values(input.relationshipIds.map((relationshipId) => ({ commendationId: id, relationshipId })));
  if (input.exchangeIds.length) await db.insert(commendationExchanges).values(input.exchangeIds.map((exchangeId) => ({ commendationId: id, exchangeId })));
}

/** Records a commendation: coordinators and administrators; checked, audited in the same transaction. */
export async function recordCommendation(db: Db, actor: Actor, input: CommendationInput): Promise<Commendation> {
  authorize(actor, { do: 'commendation.write' });
  return db.transaction(async (tx) => {
    await checkAgainstRegister(tx, input);
    await refuseDuplicate(tx, input, null);
    const [record] = await tx.insert(commendations).values({ ...columnsOf(input), recordedBy: accountIdOf(actor) }).returning({ id: commendations.id });
    await writeLinks(tx, record!.id, input);
    const after = await getCommendation(tx, record!.id);
    await writeAudit(tx, actor, { action: 'create', entity: 'commendation', entityId: after.id, before: null, after });
    return after;
  });
}

/** Corrects a commendation: the whole of it, as recorded. */
export async function updateCommendation(db: Db, actor: Actor, id: number, input: CommendationInput): Promise<Commendation> {
  authorize(actor, { do: 'commendation.write' });
  return db.transaction(async (tx) => {
    const [locked] = await tx.select({ id: commendations.id }).from(commendations).where(eq(commendations.id, id)).for('update');
    if (!locked) throw notFound(`Commendation ${id}`);
    const before = await getCommendation(tx, id);
    await checkAgainstRegister(tx, input);
    await refuseDuplicate(tx, input, id);
    await tx.update(commendations).set({ ...columnsOf(input), updatedAt: new Date() }).where(eq(commendations.id, id));
    await writeLinks(tx, id, input);
    const after = await getCommendation(tx, id);
    await writeAudit(tx, actor, { action: 'update', entity: 'commendation', entityId: id, before, after });
    return after;
  });
}

/** Deletes a commendation recorded by mistake; audited. */
export async function deleteCommendation(db: Db, actor: Actor, id: number): Promise<void> {
  authorize(actor, { do: 'commendation.write' });
  await db.transaction(async (tx) => {
    const before = await getCommendation(tx, id);
    await tx.delete(commendations).where(eq(commendations.id, id));
    await writeAudit(tx, actor, { action: 'delete', entity: 'commendation', entityId: id, before, after: null });
  });
}
