import { and, eq, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { accounts, localGovernments, relationshipRenewals, relationships } from '../db/schema.js';
import {
  checkRelationshipDates,
  formatPartialDate,
  japanDayOf,
  normaliseLabel,
  orderedPair,
  parsePartialDate,
  staysVerified,
  type DatePrecision,
  type PreciseDate,
  type SourceKind,
} from '../domain/relationships.js';
import { failIfProblems, KizunaError, notFound, refusingDuplicates, type FieldProblem } from '../errors.js';
import { accountIdOf, actorLabel, authorize, decide, type Action, type Actor } from '../domain/authorization.js';
import { writeAudit, type AuditAction } from './audit.js';
import type { RelationshipCreateInput, RelationshipEndInput, RelationshipUpdateInput } from './inputs.js';
import { renewalsGivenWhole, withPreviousEnds } from '../domain/terms.js';
import { DEFAULT_VITALITY_THRESHOLDS, type Vitality } from '../domain/vitality.js';
import { editedOnOf, vitalityOfRecord, type LifeOptions } from './vitality.js';
import {
  prefixedRow,
  presentLocalGovernmentSummary,
  relationshipUrl,
  summaryColumns,
  type LocalGovernmentRow,
  toDateString,
  toTimestampString,
  type LocalGovernmentSummary,
} from './presenters.js';

/** Today's date in Japan as YYYY-MM-DD: the registry's days are Japanese days. */
export function today(): string {
  return japanDayOf(new Date().toISOString());
}

export interface Relationship {
  id: number;
  url: string;
  parties: [LocalGovernmentSummary, LocalGovernmentSummary];
  label: string;
  labelOriginal: string | null;
  signedOn: string | null;
  signedPrecision: DatePrecision | null;
  status: string;
  endedOn: string | null;
  fixedTermEnd: string | null;
  /** Renewals of the fixed term, oldest first: the day agreed, the new end, the end it extended (when known), who recorded it (when a person did). */
  renewals: RelationshipRenewal[];
  /** How many exchanges are recorded, and the last day of the last one. */
  exchanges: { count: number; lastExchangeOn: string | null };
  /** Whether it is alive, today (domain/vitality.ts); null when it is not in force. */
  vitality: Vitality | null;
  fields: string[];
  clair: { signedByLeaders: boolean | null; multipleFields: boolean | null; budgetApproved: boolean | null; meetsAll: boolean };
  agreementUrl: string | null;
  source: string;
  sourceKind: SourceKind;
  /** The names the parties signed under, where one has since merged into another; else null. */
  signedAs: [string | null, string | null];
  verified: boolean;
  notes: string | null;
  domestic: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface RelationshipRenewal {
  renewedOn: string;
  newEnd: string;
  previousEnd: string | null;
  /** The name of the account that recorded it; null for the command line and imports. */
  recordedBy: string | null;
}

type RelationshipRecord = typeof relationships.$inferSelect;

/** Today, judged by the default thresholds, unless told otherwise. */
const lifeToday = (): LifeOptions => ({ today: today(), thresholds: DEFAULT_VITALITY_THRESHOLDS });

/**
 * Relationships with both parties, shaped for the outside: one query for the parties, one for
 * renewals. The exchange log is summarised by the relationship's own columns, which triggers keep.
 */
async function presentRelationships(db: Db, records: RelationshipRecord[], life: LifeOptions = lifeToday()): Promise<Relationship[]> {
  if (records.length === 0) return [];
  const partyIds = [...new Set(records.flatMap((record) => [record.firstId, record.secondId]))];
  const parties = await queryRows<LocalGovernmentRow>(
    db,
    sql`select ${sql.raw(summaryColumns('lg'))} from local_governments lg where lg.id = any(${sql.param(partyIds)}::int[])`,
  );
  const partyById = new Map(parties.map((row) => [row.id, presentLocalGovernmentSummary(row)]));
  const ids = records.map((record) => record.id);
  const renewals = await db
    .select({
      relationshipId: relationshipRenewals.relationshipId,
      renewedOn: relationshipRenewals.renewedOn,
      newEnd: relationshipRenewals.newEnd,
      previousEnd: relationshipRenewals.previousEnd,
      recordedBy: accounts.name,
    })
    .from(relationshipRenewals)
    .leftJoin(accounts, eq(accounts.id, relationshipRenewals.recordedBy))
    .where(inArray(relationshipRenewals.relationshipId, ids))
    .orderBy(relationshipRenewals.renewedOn, relationshipRenewals.newEnd);
  return records.map((record) => {
    const clair = {
      signedByLeaders: record.clairSignedByLeaders,
      multipleFields: record.clairMultipleFields,
      budgetApproved: record.clairBudgetApproved,
    };
    const signedOn = toDateString(record.signedOn);
    const last = toDateString(record.lastExchangeOn);
    // No exchange lies in the future; a day asked for before today caps the last one.
    const summary = { count: record.exchangeCount, lastExchangeOn: last !== null && last > life.today ? life.today : last };
    const vitality = vitalityOfRecord(
      {
        status: record.status,
        signedOn,
        endedOn: toDateString(record.endedOn),
        fixedTermEnd: toDateString(record.fixedTermEnd),
        recordedOn: japanDayOf(toTimestampString(record.createdAt)),
        editedOn: editedOnOf(record.createdAt, record.updatedAt),
        lastExchangeOn: summary.lastExchangeOn,
      },
      life,
    );
    return {
      id: record.id,
      url: relationshipUrl(record),
      parties: [partyById.get(record.firstId)!, partyById.get(record.secondId)!],
      label: record.label,
      labelOriginal: record.labelOriginal,
      signedOn: signedOn && record.signedPrecision ? formatPartialDate(signedOn, record.signedPrecision) : null,
      signedPrecision: record.signedPrecision,
      status: record.status,
      endedOn: toDateString(record.endedOn),
      fixedTermEnd: toDateString(record.fixedTermEnd),
      renewals: renewals
        .filter((renewal) => renewal.relationshipId === record.id)
        .map((renewal) => ({
          renewedOn: toDateString(renewal.renewedOn)!,
          newEnd: toDateString(renewal.newEnd)!,
          previousEnd: toDateString(renewal.previousEnd),
          recordedBy: renewal.recordedBy,
        })),
      exchanges: summary,
      vitality,
      fields: record.fields,
      clair: { ...clair, meetsAll: Object.values(clair).every((value) => value === true) },
      agreementUrl: record.agreementUrl,
      source: record.source,
      sourceKind: record.sourceKind,
      signedAs: [record.firstSignedAs, record.secondSignedAs],
      verified: record.verified,
      notes: record.notes,
      domestic: record.domestic ?? record.firstCountry === record.secondCountry,
      createdAt: toTimestampString(record.createdAt),
      updatedAt: toTimestampString(record.updatedAt),
    };
  });
}

/** One relationship by id, or a 404. */
export async function getRelationship(db: Db, id: number, life?: LifeOptions): Promise<Relationship> {
  const [record] = await db.select().from(relationships).where(eq(relationships.id, id));
  if (!record) throw notFound(`Relationship ${id}`);
  return (await presentRelationships(db, [record], life))[0]!;
}

export interface RelationshipListQuery {
  localGovernmentId?: number | undefined;
  country?: string | undefined;
  status?: string | undefined;
  page?: number | undefined;
  limit?: number | undefined;
}

/** Limit and offset of a page request: 50 a page by default, 500 at most. */
function pageWindow(page: number | undefined, limit: number | undefined): { limit: number; offset: number } {
  const size = Math.min(Math.max(limit ?? 50, 1), 500);
  return { limit: size, offset: (Math.max(page ?? 1, 1) - 1) * size };
}

/** The conditions given, joined with "and" (true when there are none). */
function allOf(conditions: (SQL | undefined)[]): SQL {
  return sql.join([sql`true`, ...conditions.filter((condition) => condition !== undefined)], sql` and `);
}

/** Relationships, newest signing first, filtered by party, country of a party or status. */
export async function listRelationships(db: Db, query: RelationshipListQuery, life?: LifeOptions): Promise<{ total: number; results: Relationship[] }> {
  const { limit, offset } = pageWindow(query.page, query.limit);
  const where = allOf([
    query.localGovernmentId !== undefined ? sql`(r.first_id = ${query.localGovernmentId} or r.second_id = ${query.localGovernmentId})` : undefined,
    query.country !== undefined ? sql`(r.first_country = ${query.country} or r.second_country = ${query.country})` : undefined,
    query.status !== undefined ? sql`r.status = ${query.status}` : undefined,
  ]);
  const [counted] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total from relationships r where ${where}`);
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select r.id from relationships r where ${where} order by r.signed_on desc nulls last, r.id limit ${limit} offset ${offset}`,
  );
  const total = counted?.total ?? 0;
  if (rows.length === 0) return { total, results: [] };
  const records = await db.select().from(relationships).where(inArray(relationships.id, rows.map((row) => row.id)));
  const byId = new Map(records.map((record) => [record.id, record]));
  return { total, results: await presentRelationships(db, rows.map((row) => byId.get(row.id)!), life) };
}

function signedDate(text: string | null | undefined, problems: FieldProblem[]): PreciseDate | null {
  if (!text) return null;
  const parsed = parsePartialDate(text);
  if (typeof parsed === 'string') {
    problems.push({ field: 'signedOn', message: parsed });
    return null;
  }
  return parsed;
}

async function assertNoDuplicate(db: Db, firstId: number, secondId: number, label: string, exceptId?: number): Promise<void> {
  const [existing] = await db
    .select({ id: relationships.id })
    .from(relationships)
    .where(and(eq(relationships.firstId, firstId), eq(relationships.secondId, secondId), eq(relationships.label, label)));
  if (existing && existing.id !== exceptId) {
    throw new KizunaError(
      'conflict',
      `These two local governments already have a relationship labelled "${label || '(no label)'}" (relationship ${existing.id}).`,
      [{ field: 'label', message: `duplicate of relationship ${existing.id}` }],
    );
  }
}

/** True for PostgreSQL's unique-violation error, however the driver wraps it. */
/** Runs a write; a unique violation (a duplicate that slipped in at the same moment) becomes a 409. */
/** The conflict of two relationships of one pair under one label. */
const duplicateLabel = () =>
  new KizunaError('conflict', 'These two local governments already have a relationship with this label.', [{ field: 'label', message: 'duplicate of an existing relationship' }]);

const auditRelationship = (db: Db, actor: Actor, action: AuditAction, id: number, before: unknown, after: unknown) =>
  writeAudit(db, actor, { action, entity: 'relationship', entityId: id, before, after });

const VERIFY: Action = { do: 'relationship.verify' };

/**
 * Records a relationship after checking its parties, dates and uniqueness; audited. `sourceKind`
 * says whether a person entered it (the default) or a formation tracker's signing did. Only a
 * coordinator records one as verified.
 */
export async function createRelationship(
  db: Db,
  input: RelationshipCreateInput,
  actor: Actor,
  now = today(),
  sourceKind: SourceKind = 'entry',
): Promise<Relationship> {
  const problems: FieldProblem[] = [];
  const [a, b] = input.localGovernmentIds as [number, number];
  authorize(actor, { do: 'relationship.write', parties: [a, b] });
  if (input.verified) authorize(actor, VERIFY);
  if (a === b) problems.push({ field: 'localGovernmentIds', message: 'a local government cannot be paired with itself' });
  const signedOn = signedDate(input.signedOn, problems);
  problems.push(...checkRelationshipDates({ signedOn, fixedTermEnd: input.fixedTermEnd, renewals: input.renewals }, now));
  failIfProblems(problems);

  const parties = await db
    .select({ id: localGovernments.id, country: localGovernments.country })
    .from(localGovernments)
    .where(inArray(localGovernments.id, [a, b]));
  for (const id of [a, b]) {
    if (!parties.some((party) => party.id === id)) {
      throw new KizunaError('validation_failed', `localGovernmentIds: there is no local government ${id}.`, [
        { field: 'localGovernmentIds', message: `there is no local government ${id}` },
      ]);
    }
  }
  const [firstId, secondId] = orderedPair(a, b);
  const countryOf = (id: number) => parties.find((party) => party.id === id)!.country;
  const label = normaliseLabel(input.label);
  return refusingDuplicates(() => db.transaction(async (tx) => {
    await assertNoDuplicate(tx, firstId, secondId, label);
    const [record] = await tx
      .insert(relationships)
      .values({
        firstId,
        secondId,
        label,
        labelOriginal: input.labelOriginal ?? null,
        signedOn: signedOn?.date ?? null,
        signedPrecision: signedOn?.precision ?? null,
        status: input.status ?? 'active',
        fixedTermEnd: input.fixedTermEnd ?? null,
        fields: input.fields ?? [],
        clairSignedByLeaders: input.clair?.signedByLeaders ?? null,
        clairMultipleFields: input.clair?.multipleFields ?? null,
        clairBudgetApproved: input.clair?.budgetApproved ?? null,
        agreementUrl: input.agreementUrl ?? null,
        source: input.source ?? `entered by ${actorLabel(actor)}`,
        sourceKind,
        verified: input.verified ?? false,
        notes: input.notes ?? null,
        firstCountry: countryOf(firstId),
        secondCountry: countryOf(secondId),
      })
      .returning();
    if (input.renewals?.length) {
      await tx.insert(relationshipRenewals).values(withPreviousEnds(input.renewals).map((renewal) => ({ relationshipId: record!.id, ...renewal, recordedBy: accountIdOf(actor) })));
    }
    const created = (await presentRelationships(tx, [record!]))[0]!;
    await auditRelationship(tx, actor, 'create', created.id, null, created);
    return created;
  }), duplicateLabel);
}

/** Changes any field of a relationship but its parties; dates are checked against the result. */
export async function updateRelationship(
  db: Db,
  id: number,
  input: RelationshipUpdateInput,
  actor: Actor,
  now = today(),
): Promise<Relationship> {
  return refusingDuplicates(() => db.transaction(async (tx) => {
    const [record] = await tx.select().from(relationships).where(eq(relationships.id, id)).for('update');
    if (!record) throw notFound(`Relationship ${id}`);
    authorize(actor, { do: 'relationship.write', parties: [record.firstId, record.secondId] });
    if (input.verified !== undefined && input.verified !== record.verified) authorize(actor, VERIFY);
    if (record.status === 'ended' && input.status !== undefined) {
      throw new KizunaError('conflict', `Relationship ${id} ended on ${toDateString(record.endedOn) ?? 'an unknown date'}; an ended relationship is not reopened by a change of status. Record a new one instead.`, [
        { field: 'status', message: 'the relationship has ended' },
      ]);
    }
    const before = (await presentRelationships(tx, [record]))[0]!;
    const problems: FieldProblem[] = [];
    const signedOn =
      input.signedOn === undefined
        ? record.signedOn && record.signedPrecision
          ? { date: toDateString(record.signedOn)!, precision: record.signedPrecision }
          : null
        : signedDate(input.signedOn, problems);
    const renewals = input.renewals ?? before.renewals;
    problems.push(
      ...checkRelationshipDates(
        {
          signedOn,
          endedOn: before.endedOn,
          fixedTermEnd: input.fixedTermEnd === undefined ? before.fixedTermEnd : input.fixedTermEnd,
          renewals,
        },
        now,
      ),
    );
    failIfProblems(problems);
    const label = input.label === undefined ? record.label : normaliseLabel(input.label);
    if (label !== record.label) await assertNoDuplicate(tx, record.firstId, record.secondId, label, id);

    const changes: Partial<typeof relationships.$inferInsert> = { label, updatedAt: new Date() };
    if (input.signedOn !== undefined) {
      changes.signedOn = signedOn?.date ?? null;
      changes.signedPrecision = signedOn?.precision ?? null;
    }
    if (input.labelOriginal !== undefined) changes.labelOriginal = input.labelOriginal;
    if (input.status !== undefined) changes.status = input.status;
    if (input.fixedTermEnd !== undefined) changes.fixedTermEnd = input.fixedTermEnd;
    if (input.fields !== undefined) changes.fields = input.fields;
    if (input.clair?.signedByLeaders !== undefined) changes.clairSignedByLeaders = input.clair.signedByLeaders;
    if (input.clair?.multipleFields !== undefined) changes.clairMultipleFields = input.clair.multipleFields;
    if (input.clair?.budgetApproved !== undefined) changes.clairBudgetApproved = input.clair.budgetApproved;
    if (input.agreementUrl !== undefined) changes.agreementUrl = input.agreementUrl;
    if (input.source !== undefined) changes.source = input.source;
    const changesFacts = Object.keys(input).some((key) => key !== 'verified');
    changes.verified = input.verified ?? staysVerified(record.verified, changesFacts, decide(actor, VERIFY).allowed);
    if (input.notes !== undefined) changes.notes = input.notes;
    const [updated] = await tx.update(relationships).set(changes).where(eq(relationships.id, id)).returning();
    if (input.renewals !== undefined) {
      const recorded = (
        await tx
          .select({ id: relationshipRenewals.id, renewedOn: relationshipRenewals.renewedOn, newEnd: relationshipRenewals.newEnd })
          .from(relationshipRenewals)
          .where(eq(relationshipRenewals.relationshipId, id))
      ).map((row) => ({ id: row.id, renewedOn: toDateString(row.renewedOn)!, newEnd: toDateString(row.newEnd)! }));
      const { kept, added } = renewalsGivenWhole(recorded, input.renewals);
      const keptIds = kept.map((renewal) => renewal.id);
      await tx.delete(relationshipRenewals).where(and(eq(relationshipRenewals.relationshipId, id), keptIds.length ? notInArray(relationshipRenewals.id, keptIds) : undefined));
      if (added.length > 0) {
        await tx.insert(relationshipRenewals).values(added.map((renewal) => ({ relationshipId: id, ...renewal, recordedBy: accountIdOf(actor) })));
      }
    }
    const after = (await presentRelationships(tx, [updated!]))[0]!;
    await auditRelationship(tx, actor, 'update', id, before, after);
    return after;
  }), duplicateLabel);
}

/** Ends a relationship on a date: its status becomes "ended". Ending an ended one is a conflict. */
export async function endRelationship(db: Db, id: number, input: RelationshipEndInput, actor: Actor, now = today()): Promise<Relationship> {
  return db.transaction(async (tx) => {
    const [record] = await tx.select().from(relationships).where(eq(relationships.id, id)).for('update');
    if (!record) throw notFound(`Relationship ${id}`);
    authorize(actor, { do: 'relationship.write', parties: [record.firstId, record.secondId] });
    if (record.status === 'ended') {
      throw new KizunaError('conflict', `Relationship ${id} ended already, on ${toDateString(record.endedOn) ?? 'an unknown date'}.`);
    }
    const before = (await presentRelationships(tx, [record]))[0]!;
    const signedOn = record.signedOn && record.signedPrecision ? { date: toDateString(record.signedOn)!, precision: record.signedPrecision } : null;
    failIfProblems(checkRelationshipDates({ signedOn, endedOn: input.endedOn }, now));
    const notes = input.notes ? [record.notes, input.notes].filter(Boolean).join('\n\n') : record.notes;
    const [updated] = await tx
      .update(relationships)
      .set({ status: 'ended', endedOn: input.endedOn, notes, verified: staysVerified(record.verified, true, decide(actor, VERIFY).allowed), updatedAt: new Date() })
      .where(eq(relationships.id, id))
      .returning();
    const after = (await presentRelationships(tx, [updated!]))[0]!;
    await auditRelationship(tx, actor, 'end', id, before, after);
    return after;
  });
}

export interface LocalGovernmentDetail extends LocalGovernmentSummary {
  nameLocal: string;
  nameKana: string | null;
  nameRomaji: string;
  parent: LocalGovernmentSummary | null;
  populationYear: number | null;
  areaKm2: number | null;
  latitude: number | null;
  longitude: number | null;
  website: string | null;
  inCoverage: boolean;
  verified: boolean;
  source: string;
  relationships: Relationship[];
  /** Municipalities merged into this one, oldest merger first. */
  formerMunicipalities: { name: string; nameRomaji: string | null; district: string | null; mergedOn: string }[];
}

/** One local government with its parent and its relationships, or a 404. */
export async function getLocalGovernment(db: Db, id: number, life?: LifeOptions): Promise<LocalGovernmentDetail> {
  const [row] = await queryRows<LocalGovernmentRow & Record<string, unknown>>(
    db,
    sql`select lg.*, ${sql.raw(summaryColumns('parent', 'up_'))}
      from local_governments lg left join local_governments parent on parent.id = lg.parent_id where lg.id = ${id}`,
  );
  if (!row) throw notFound(`Local government ${id}`);
  const records = await db
    .select()
    .from(relationships)
    .where(sql`${relationships.firstId} = ${id} or ${relationships.secondId} = ${id}`)
    .orderBy(sql`${relationships.signedOn} nulls last`, relationships.id);
  const parent = row.parent_id === null ? null : presentLocalGovernmentSummary(prefixedRow(row, 'up_'));
  return {
    ...presentLocalGovernmentSummary(row),
    nameLocal: row.name_local,
    nameKana: row.name_kana as string | null,
    nameRomaji: row.name_romaji as string,
    parent,
    populationYear: row.population_year as number | null,
    areaKm2: row.area_km2 as number | null,
    latitude: row.latitude as number | null,
    longitude: row.longitude as number | null,
    website: row.website as string | null,
    inCoverage: row.in_coverage as boolean,
    verified: row.verified as boolean,
    source: row.source as string,
    relationships: await presentRelationships(db, records, life),
    formerMunicipalities: (
      await queryRows<{ name: string; name_romaji: string | null; district: string | null; merged_on: string | Date }>(
        db,
        sql`select name, name_romaji, district, merged_on from former_municipalities where successor_id = ${id} order by merged_on, name`,
      )
    ).map((former) => ({ name: former.name, nameRomaji: former.name_romaji, district: former.district, mergedOn: toDateString(former.merged_on)! })),
  };
}

/** The local governments of these ids that exist, in the order asked for. */
export async function localGovernmentSummaries(db: Db, ids: readonly number[]): Promise<LocalGovernmentSummary[]> {
  const wanted = ids.filter((id) => Number.isInteger(id) && id > 0 && id <= 2_147_483_647);
  if (wanted.length === 0) return [];
  const rows = await queryRows<LocalGovernmentRow>(db, sql`select ${sql.raw(summaryColumns('lg'))} from local_governments lg where lg.id = any(${sql.param(wanted)}::int[])`);
  const byId = new Map(rows.map((row) => [row.id, presentLocalGovernmentSummary(row)]));
  return [...new Set(wanted)].flatMap((id) => byId.get(id) ?? []);
}

export interface LocalGovernmentListQuery {
  country?: string | undefined;
  kind?: string | undefined;
  parentId?: number | undefined;
  page?: number | undefined;
  limit?: number | undefined;
}

/** Local governments by country, kind or parent, in code order for Japan and name order abroad. */
export async function listLocalGovernments(
  db: Db,
  query: LocalGovernmentListQuery,
): Promise<{ total: number; results: LocalGovernmentSummary[] }> {
  const { limit, offset } = pageWindow(query.page, query.limit);
  const where = allOf([
    query.country !== undefined ? sql`lg.country = ${query.country}` : undefined,
    query.kind !== undefined ? sql`lg.kind = ${query.kind}` : undefined,
    query.parentId !== undefined ? sql`lg.parent_id = ${query.parentId}` : undefined,
  ]);
  const [counted] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total from local_governments lg where ${where}`);
  const rows = await queryRows<LocalGovernmentRow>(
    db,
    sql`select ${sql.raw(summaryColumns('lg'))} from local_governments lg
      where ${where} order by lg.jis_code nulls last, lg.name_en, lg.id limit ${limit} offset ${offset}`,
  );
  return { total: counted?.total ?? 0, results: rows.map(presentLocalGovernmentSummary) };
}
