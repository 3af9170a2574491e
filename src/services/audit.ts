import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { auditLog } from '../db/schema.js';
import { accountIdOf, actorLabel, authorize, type Actor } from '../domain/authorization.js';
import { INTRODUCTION_STEPS, type IntroductionStep } from '../domain/introductions.js';
import { LISTING_STEPS, type ListingStep } from '../domain/listings.js';

/** What the audit log records being done, besides the steps of a listing or an introduction. */
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'end',
  'import',
  'invite',
  'enable',
  'disable',
  'set-password',
  'password-link',
  'create-token',
  'revoke-token',
  'set-image',
  'remove-image',
  'load-demo',
  'load-seed',
  'open',
  'record-step',
  'correct-step',
  'send',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number] | ListingStep | IntroductionStep;

/** Every action the audit log may hold, for its words in each language. */
export const EVERY_AUDIT_ACTION: readonly AuditAction[] = [
  ...AUDIT_ACTIONS,
  ...(Object.keys(LISTING_STEPS) as ListingStep[]),
  ...(Object.keys(INTRODUCTION_STEPS) as IntroductionStep[]),
].filter((action, index, all) => all.indexOf(action) === index);

export interface AuditChange {
  action: AuditAction;
  entity: string;
  entityId: number | null;
  before: unknown;
  after: unknown;
}

/** Records one change with who made it; called inside the change's own transaction. */
export async function writeAudit(db: Db, actor: Actor, change: AuditChange): Promise<void> {
  await writeAudits(db, actor, [change]);
}

/** Records many changes by one actor, a thousand to a statement. */
export async function writeAudits(db: Db, actor: Actor, changes: AuditChange[]): Promise<void> {
  for (let start = 0; start < changes.length; start += 1000) {
    await db.insert(auditLog).values(changes.slice(start, start + 1000).map((change) => ({ actor: actorLabel(actor), accountId: accountIdOf(actor), ...change })));
  }
}

/** A line of the audit log as stored: its action as it was written, whichever version wrote it. */
export interface AuditEntry extends Omit<AuditChange, 'action'> {
  action: string;
  id: number;
  at: string;
  actor: string;
}

export const AUDIT_PAGE_SIZE = 50;

/** The audit log, newest first, for coordinators; optionally of one kind of thing or one thing. */
export async function listAuditEntries(
  db: Db,
  actor: Actor,
  query: { entity?: string | undefined; entityId?: number | undefined; page?: number | undefined } = {},
): Promise<{ total: number; entries: AuditEntry[] }> {
  authorize(actor, { do: 'audit.read' });
  const conditions: SQL[] = [];
  if (query.entity) conditions.push(eq(auditLog.entity, query.entity));
  if (query.entityId !== undefined) conditions.push(eq(auditLog.entityId, query.entityId));
  const where = conditions.length ? and(...conditions) : undefined;
  const page = Math.max(1, query.page ?? 1);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(AUDIT_PAGE_SIZE)
      .offset((page - 1) * AUDIT_PAGE_SIZE),
    db.select({ value: count() }).from(auditLog).where(where),
  ]);
  return {
    total: total?.value ?? 0,
    entries: rows.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actor: row.actor,
      action: row.action,
      entity: row.entity,
      entityId: row.entityId,
      before: row.before,
      after: row.after,
    })),
  };
}
