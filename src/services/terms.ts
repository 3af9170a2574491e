import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { accountLocalGovernments, accounts, relationshipRenewals, relationships, termReminders } from '../db/schema.js';
import { accountIdOf, authorize, decide, type Actor } from '../domain/authorization.js';
import { japanDayOf } from '../domain/relationships.js';
import { checkRenewal, daysBetween, termNoticeOn, type TermNoticeDays } from '../domain/terms.js';
import type { Vitality } from '../domain/vitality.js';
import { failIfProblems, KizunaError, notFound } from '../errors.js';
import { formatPreciseDate, lgName, t, type Lang } from '../i18n/index.js';
import { writeAudit } from './audit.js';
import type { RenewalInput } from './inputs.js';
import type { Notifier } from './introductions.js';
import type { Mail } from './mailer.js';
import { prefixedRow, presentLocalGovernmentSummary, relationshipUrl, summaryColumns, toDateString, toTimestampString, type LocalGovernmentSummary } from './presenters.js';
import { getRelationship, today, type Relationship } from './registry.js';
import { editedOnOf, vitalityOfRecord, type LifeOptions } from './vitality.js';

/**
 * Records a renewal of a relationship's fixed term (the day agreed and the new end): by the
 * officers of either party and coordinators. The new end becomes the term's end; the renewal keeps
 * the end it extended and who recorded it. Audited in the same transaction.
 */
export async function recordRenewal(db: Db, actor: Actor, relationshipId: number, input: RenewalInput, now = today()): Promise<Relationship> {
  await db.transaction(async (tx) => {
    const [record] = await tx.select().from(relationships).where(eq(relationships.id, relationshipId)).for('update');
    if (!record) throw notFound(`Relationship ${relationshipId}`);
    authorize(actor, { do: 'relationship.write', parties: [record.firstId, record.secondId] });
    if (record.status === 'ended') {
      throw new KizunaError('conflict', `Relationship ${relationshipId} ended on ${toDateString(record.endedOn) ?? 'an unknown date'}; an ended relationship is not renewed. Record a new one instead.`, [
        { field: 'relationship', message: 'the relationship has ended' },
      ]);
    }
    const fixedTermEnd = toDateString(record.fixedTermEnd);
    if (fixedTermEnd === null) {
      throw new KizunaError('conflict', `Relationship ${relationshipId} has no fixed term to renew: give its end first (fixedTermEnd, with PATCH /api/relationships/${relationshipId}).`, [
        { field: 'fixedTermEnd', message: 'the relationship has no fixed term' },
      ]);
    }
    const [last] = await tx
      .select({ renewedOn: relationshipRenewals.renewedOn })
      .from(relationshipRenewals)
      .where(eq(relationshipRenewals.relationshipId, relationshipId))
      .orderBy(desc(relationshipRenewals.renewedOn))
      .limit(1);
    failIfProblems(
      checkRenewal(input, { signedOn: toDateString(record.signedOn), endedOn: toDateString(record.endedOn), fixedTermEnd, lastRenewedOn: toDateString(last?.renewedOn) }, now),
    );
    const before = await getRelationship(tx, relationshipId);
    await tx.insert(relationshipRenewals).values({ relationshipId, renewedOn: input.renewedOn, newEnd: input.newEnd, previousEnd: fixedTermEnd, recordedBy: accountIdOf(actor) });
    await tx.update(relationships).set({ fixedTermEnd: input.newEnd, updatedAt: new Date() }).where(eq(relationships.id, relationshipId));
    await writeAudit(tx, actor, { action: 'renew', entity: 'relationship', entityId: relationshipId, before, after: await getRelationship(tx, relationshipId) });
  });
  return getRelationship(db, relationshipId);
}

/** A relationship as the dashboard lists it: both parties, its term's end and its vitality. */
export interface RelationshipLine {
  id: number;
  url: string;
  parties: [LocalGovernmentSummary, LocalGovernmentSummary];
  label: string;
  fixedTermEnd: string | null;
  lastExchangeOn: string | null;
  vitality: Vitality | null;
}

type LineRow = Record<string, unknown> & {
  id: number;
  label: string;
  status: string;
  signed_on: string | null;
  ended_on: string | null;
  fixed_term_end: string | null;
  created_at: string | Date;
  updated_at: string | Date;
  last_exchange_on: string | null;
};

/** Relationships chosen by a condition on `r`, with both parties, their term and their last exchange by the day. */
async function relationshipLines(db: Db, where: SQL, life: LifeOptions): Promise<RelationshipLine[]> {
  const rows = await queryRows<LineRow>(
    db,
    sql`select r.id, r.label, r.status, to_char(r.signed_on, 'YYYY-MM-DD') as signed_on, to_char(r.ended_on, 'YYYY-MM-DD') as ended_on,
        to_char(r.fixed_term_end, 'YYYY-MM-DD') as fixed_term_end, r.created_at, r.updated_at,
        to_char(least(r.last_exchange_on, ${life.today}::date), 'YYYY-MM-DD') as last_exchange_on,
        ${sql.raw(summaryColumns('a', 'a_'))}, ${sql.raw(summaryColumns('b', 'b_'))}
      from relationships r join local_governments a on a.id = r.first_id join local_governments b on b.id = r.second_id
      where ${where} order by r.fixed_term_end nulls last, r.id`,
  );
  return rows.map((row) => ({
    id: row.id,
    url: relationshipUrl(row),
    parties: [presentLocalGovernmentSummary(prefixedRow(row, 'a_')), presentLocalGovernmentSummary(prefixedRow(row, 'b_'))],
    label: row.label,
    fixedTermEnd: row.fixed_term_end,
    lastExchangeOn: row.last_exchange_on,
    vitality: vitalityOfRecord(
      {
        status: row.status,
        signedOn: row.signed_on,
        endedOn: row.ended_on,
        fixedTermEnd: row.fixed_term_end,
        recordedOn: japanDayOf(toTimestampString(row.created_at)),
        editedOn: editedOnOf(row.created_at, row.updated_at),
        lastExchangeOn: row.last_exchange_on,
      },
      life,
    ),
  }));
}

/** A notice of a term's end: 90 or 30 days before it, or after it ended without renewal. */
export interface TermNotice {
  kind: 'ending' | 'expired';
  relationship: RelationshipLine;
  end: string;
  /** Days until the end (ending), or since (expired). */
  days: number;
  /** For an ending term: which notice it is. */
  notice: TermNoticeDays | null;
}

/** How long after a term ended without renewal the dashboards keep saying so. */
export const EXPIRED_NOTICE_DAYS = 90;

/** What the dashboard shows of the life of an account's relationships. */
export interface LifeDashboard {
  termNotices: TermNotice[];
  /** An officer's relationships that are quiet or in name only: a prompt to record their exchanges. */
  quiet: RelationshipLine[];
}

/**
 * The dashboard's part of relationships' life: for an officer, the terms of their local
 * governments' relationships ending within 90 days or ended without renewal lately, and those of
 * their relationships that are quiet or in name only; for coordinators, every such term.
 */
export async function lifeDashboard(db: Db, actor: Actor, life: LifeOptions): Promise<LifeDashboard> {
  if (actor.kind !== 'account') return { termNotices: [], quiet: [] };
  const staff = decide(actor, { do: 'relationship.verify' }).allowed;
  const own = actor.localGovernmentIds;
  if (!staff && own.length === 0) return { termNotices: [], quiet: [] };
  const mine = staff ? sql`true` : sql`(r.first_id = any(${sql.param([...own])}::int[]) or r.second_id = any(${sql.param([...own])}::int[]))`;
  const from = addDays(life.today, -EXPIRED_NOTICE_DAYS);
  const to = addDays(life.today, 90);
  const ending = await relationshipLines(
    db,
    sql`${mine} and r.status not in ('proposed', 'ended') and r.fixed_term_end between ${from}::date and ${to}::date`,
    life,
  );
  const termNotices = ending.map<TermNotice>((line) => {
    const end = line.fixedTermEnd!;
    const expired = end < life.today;
    return { kind: expired ? 'expired' : 'ending', relationship: line, end, days: Math.abs(daysBetween(life.today, end)), notice: expired ? null : termNoticeOn(end, life.today) };
  });
  const quiet = staff
    ? []
    : (await relationshipLines(db, sql`${mine} and r.status not in ('proposed', 'ended')`, life))
        .filter((line) => line.vitality === 'quiet' || line.vitality === 'in-name-only')
        .sort((a, b) => (a.lastExchangeOn ?? '').localeCompare(b.lastExchangeOn ?? '') || a.id - b.id);
  return { termNotices, quiet };
}

/** The day a number of days after another (before, when negative). */
export function addDays(day: string, days: number): string {
  const moment = new Date(`${day}T00:00:00Z`);
  moment.setUTCDate(moment.getUTCDate() + days);
  return moment.toISOString().slice(0, 10);
}

/** The active accounts to tell of a relationship's term: the officers of both parties, and the coordinators and administrators. */
async function addressesFor(db: Db, parties: readonly number[]): Promise<string[]> {
  const staff = await db.select({ email: accounts.email }).from(accounts).where(and(inArray(accounts.role, ['coordinator', 'administrator']), eq(accounts.status, 'active')));
  const officers = await db
    .select({ email: accounts.email })
    .from(accounts)
    .innerJoin(accountLocalGovernments, eq(accountLocalGovernments.accountId, accounts.id))
    .where(and(inArray(accountLocalGovernments.localGovernmentId, [...parties]), eq(accounts.role, 'officer'), eq(accounts.status, 'active')));
  return [...new Set([...staff, ...officers].map((row) => row.email))].sort();
}

/** The mail of a term about to end, in Japanese and then English (the reader's language is not known). */
export function termReminderMail(line: RelationshipLine, end: string, origin: string): Omit<Mail, 'to'> {
  const inLanguage = (lang: Lang) => {
    const facts = { first: lgName(lang, line.parties[0]), second: lgName(lang, line.parties[1]), end: formatPreciseDate(lang, end, 'day') };
    const url = `${origin}${lang === 'ja' ? '/ja' : ''}${line.url}`;
    return {
      subject: t(lang, 'exchanges.mail.subject', facts),
      text: `${t(lang, 'exchanges.mail.text', facts)}\n\n${t(lang, 'exchanges.mail.open', { url })}\n\n${t(lang, 'introductions.mail.signature')}`,
    };
  };
  const [ja, en] = [inLanguage('ja'), inLanguage('en')];
  return { subject: `${ja.subject} / ${en.subject}`, text: `${ja.text}\n\n----\n\n${en.text}\n` };
}

/**
 * Mails the officers of both parties and the coordinators of every term that ends within 90 days,
 * then again within 30: each notice once per relationship and end (kept in term_reminders, taken
 * before sending so that two processes never both send it). A server that refuses a mail is
 * logged; the notice counts as sent, and the dashboards show it anyway. Returns how many mails went.
 */
export async function sendTermReminders(db: Db, notifier: Notifier, life: LifeOptions): Promise<number> {
  const lines = await relationshipLines(db, sql`r.status not in ('proposed', 'ended') and r.fixed_term_end between ${life.today}::date and ${addDays(life.today, 90)}::date`, life);
  let sent = 0;
  for (const line of lines) {
    const end = line.fixedTermEnd!;
    const notice = termNoticeOn(end, life.today);
    if (notice === null) continue;
    const taken = await db.insert(termReminders).values({ relationshipId: line.id, termEnd: end, daysBefore: notice }).onConflictDoNothing().returning();
    if (taken.length === 0) continue;
    const mail = termReminderMail(line, end, notifier.origin);
    for (const to of await addressesFor(db, line.parties.map((party) => party.id))) {
      try {
        await notifier.mailer.send({ to, ...mail });
        sent++;
      } catch (error) {
        console.error(`Relationship ${line.id}: the reminder of its term's end to ${to} was not sent: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return sent;
}

/** How often a serving process looks for terms to remind of (each notice is sent once whatever the rhythm). */
export const TERM_REMINDER_INTERVAL_MS = 6 * 60 * 60 * 1000;

/**
 * Sends the reminders of terms' ends now (after a moment, so that the first requests come first)
 * and every six hours while the process serves; returns what stops it. Failures are reported and
 * tried again at the next turn.
 */
export function scheduleTermReminders(db: Db, notifier: Notifier, thresholds: LifeOptions['thresholds'], say: (line: string) => void, firstAfterMs = 5000): () => void {
  const run = () =>
    sendTermReminders(db, notifier, { today: today(), thresholds })
      .then((sent) => {
        if (sent > 0) say(`Mailed ${sent} reminder${sent === 1 ? '' : 's'} of fixed terms about to end.`);
      })
      .catch((error: unknown) => say(`Reminders of fixed terms were not sent: ${error instanceof Error ? error.message : String(error)}`));
  const first = setTimeout(run, firstAfterMs);
  const every = setInterval(run, TERM_REMINDER_INTERVAL_MS);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
