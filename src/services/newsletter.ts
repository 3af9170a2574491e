import { createHash, randomBytes } from 'node:crypto';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { newsletterDeliveries, newsletterIssues, subscribers, subscriberTokens } from '../db/schema.js';
import { accountIdOf, authorize, decide, type Actor } from '../domain/authorization.js';
import type { NewsTag } from '../domain/news.js';
import { fallsWithin } from '../domain/newsletter.js';
import type { Quota } from '../domain/rateLimits.js';
import { KizunaError, notFound, tooManyRequests } from '../errors.js';
import { countryName, formatPartial, lgName, t, tCount, type Lang } from '../i18n/index.js';
import { writeAudit } from './audit.js';
import type { Notifier } from './introductions.js';
import { anniversariesOf, type AnniversaryFilter } from './anniversaries.js';
import { getJurisdiction, relationshipIdsWithin } from './jurisdictions.js';
import type { Mail } from './mailer.js';
import { listNews, type NewsItem } from './news.js';
import type { NewsletterIssueEdit, NewsletterIssueRequest } from './newsInputs.js';
import { prefixedRow, presentLocalGovernmentSummary, relationshipUrl, summaryColumns, toDateString, toTimestampString, type LocalGovernmentSummary } from './presenters.js';
import { bucketKeeper } from './rateLimits.js';

/**
 * The newsletter: issues assembled for a period and a scope from the register (news, anniversaries,
 * new relationships, recorded exchanges), edited by a coordinator, published as a page and mailed to
 * the subscribers; and the subscribers, who confirm their address by a link (double opt-in) and leave
 * with one click. Only administrators see the addresses.
 */

/** A confirmation link works this long. */
const CONFIRMATION_HOURS = 48;

/** How often one client address, and one mail address, may ask to subscribe. */
export const SUBSCRIPTION_QUOTAS: { address: Quota; email: Quota } = { address: { limit: 5, windowSeconds: 3600 }, email: { limit: 3, windowSeconds: 86_400 } };

const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** What an issue covers: a kind of place and its value (a country's code, a jurisdiction's slug, with its name), or everywhere. */
export type IssueScope = (NewsTag & { name?: { en: string; ja: string } }) | null;

/** An issue as pages show it. */
export interface NewsletterIssue {
  id: number;
  url: string;
  periodFrom: string;
  periodTo: string;
  scope: IssueScope;
  title: { en: string; ja: string };
  body: { en: string; ja: string };
  publishedAt: string | null;
  updatedAt: string;
  /** How many subscribers it was mailed to, and how many mails are taken but not known to have gone. */
  deliveries: { sent: number; unsettled: number; failed: number };
}

/** The lines an issue is assembled from, before they are written out as text. */
export interface IssueContents {
  news: NewsItem[];
  anniversaries: { relationshipId: number; parties: [LocalGovernmentSummary, LocalGovernmentSummary]; years: number; on: string }[];
  newRelationships: { relationshipId: number; parties: [LocalGovernmentSummary, LocalGovernmentSummary]; signedOn: string }[];
  exchanges: { relationshipId: number; exchangeId: number; parties: [LocalGovernmentSummary, LocalGovernmentSummary]; startedOn: string; kind: string; description: { en: string; ja: string } }[];
}

/** What a scope reaches: the relationships' condition (on relationships aliased r), the anniversaries' filter, and which news is about it. */
interface ScopeReach {
  relationships: SQL;
  anniversaries: AnniversaryFilter;
  news: (item: NewsItem) => boolean;
}

/**
 * A country reaches the relationships with a party there and the news tagged with it or with an LG
 * or a relationship there; a jurisdiction (its membership by jurisdictions.ts) the relationships
 * within it and the news tagged with it, with them, with their parties or with its countries.
 */
async function reachOf(db: Db, scope: IssueScope): Promise<ScopeReach> {
  if (!scope) return { relationships: sql`true`, anniversaries: {}, news: () => true };
  if (scope.kind === 'jurisdiction') {
    const jurisdiction = await getJurisdiction(db, scope.value);
    const ids = await relationshipIdsWithin(db, jurisdiction);
    const parties = new Set((await queryRows<{ id: number }>(db, sql`select unnest(array[first_id, second_id]) as id from relationships where id = any(${sql.param(ids)}::int[])`)).map((row) => row.id));
    const countries = new Set(jurisdiction.members.flatMap((member) => (member.kind === 'country' ? [member.code] : [])));
    const within = new Set(ids);
    return {
      relationships: sql`r.id = any(${sql.param(ids)}::int[])`,
      anniversaries: { relationshipIds: ids },
      news: (item) =>
        item.tags.some((tag) => {
          if (tag.kind === 'jurisdiction') return tag.value === scope.value;
          if (tag.kind === 'country') return countries.has(tag.value);
          if (tag.kind === 'lg') return parties.has(tag.localGovernment.id);
          return within.has(Number(tag.value));
        }),
    };
  }
  const country = scope.value;
  return {
    relationships: sql`(r.first_country = ${country} or r.second_country = ${country})`,
    anniversaries: { country },
    news: (item) =>
      item.tags.some((tag) => {
        if (tag.kind === 'country') return tag.value === country;
        if (tag.kind === 'lg') return tag.localGovernment.country === country;
        if (tag.kind === 'relationship') return tag.parties.some((party) => party.country === country);
        return false;
      }),
  };
}

const pairOf = (row: Record<string, unknown>): [LocalGovernmentSummary, LocalGovernmentSummary] => [presentLocalGovernmentSummary(prefixedRow(row, 'a_')), presentLocalGovernmentSummary(prefixedRow(row, 'b_'))];

/** What the register holds for a period and a scope: its news, anniversaries, relationships signed, and exchanges. */
export async function issueContents(db: Db, periodFrom: string, periodTo: string, scope: IssueScope): Promise<IssueContents> {
  const reach = await reachOf(db, scope);
  const news = (await listNews(db, { publishedFrom: periodFrom, publishedTo: periodTo })).filter(reach.news).reverse();
  const anniversaries: IssueContents['anniversaries'] = [];
  for (let year = Number(periodFrom.slice(0, 4)); year <= Number(periodTo.slice(0, 4)); year++) {
    for (const line of await anniversariesOf(db, year, reach.anniversaries)) {
      if (fallsWithin(line.anniversary, periodFrom, periodTo)) {
        anniversaries.push({ relationshipId: line.relationshipId, parties: [line.localGovernment, line.partner], years: line.anniversary.years, on: line.anniversary.startsOn.slice(0, { day: 10, month: 7, year: 4 }[line.anniversary.precision]) });
      }
    }
  }
  const pairs = sql.raw(`${summaryColumns('a', 'a_')}, ${summaryColumns('b', 'b_')}`);
  const signed = await queryRows<Record<string, unknown>>(
    db,
    sql`select r.id, r.signed_on, r.signed_precision, ${pairs} from relationships r
      join local_governments a on a.id = r.first_id join local_governments b on b.id = r.second_id
      where r.signed_on between ${periodFrom}::date and ${periodTo}::date and r.signed_precision = 'day' and ${reach.relationships}
      order by r.signed_on, r.id`,
  );
  const exchanges = await queryRows<Record<string, unknown>>(
    db,
    sql`select e.id, e.relationship_id, e.started_on, e.kind, e.description_en, e.description_ja, ${pairs} from exchanges e
      join relationships r on r.id = e.relationship_id
      join local_governments a on a.id = r.first_id join local_governments b on b.id = r.second_id
      where e.started_on between ${periodFrom}::date and ${periodTo}::date and ${reach.relationships}
      order by e.started_on, e.id`,
  );
  return {
    news,
    anniversaries,
    newRelationships: signed.map((row) => ({ relationshipId: Number(row.id), parties: pairOf(row), signedOn: toDateString(row.signed_on)! })),
    exchanges: exchanges.map((row) => ({
      relationshipId: Number(row.relationship_id),
      exchangeId: Number(row.id),
      parties: pairOf(row),
      startedOn: toDateString(row.started_on)!,
      kind: String(row.kind),
      description: { en: String(row.description_en), ja: String(row.description_ja) },
    })),
  };
}

/** The name of an issue's scope in a language. */
export function scopeName(lang: Lang, scope: IssueScope): string {
  if (!scope) return t(lang, 'newsletter.everywhere');
  if (scope.kind === 'country') return countryName(lang, scope.value);
  return scope.name?.[lang] || scope.name?.en || scope.value;
}

/** The draft text of an issue in a language, from its contents: a section each, with links to the pages. */
export function issueText(lang: Lang, origin: string, contents: IssueContents): string {
  const link = (path: string) => `${origin}${lang === 'ja' ? '/ja' : ''}${path}`;
  const pair = (parties: [LocalGovernmentSummary, LocalGovernmentSummary]) => `${lgName(lang, parties[0])} – ${lgName(lang, parties[1])}`;
  const either = (text: { en: string; ja: string }) => text[lang] || text[lang === 'en' ? 'ja' : 'en'];
  const section = (key: 'news' | 'anniversaries' | 'newRelationships' | 'exchanges', lines: string[]) =>
    `${t(lang, `newsletter.section.${key}`)}\n${lines.length ? lines.join('\n') : t(lang, 'newsletter.section.none')}`;
  return [
    section('news', contents.news.map((item) => `- ${either(item.title)} ${link(item.url)}`)),
    section('anniversaries', contents.anniversaries.map((line) => `- ${tCount(lang, 'newsletter.line.anniversary', line.years, { pair: pair(line.parties), date: formatPartial(lang, line.on) })} ${link(relationshipUrl({ id: line.relationshipId }))}`)),
    section('newRelationships', contents.newRelationships.map((line) => `- ${t(lang, 'newsletter.line.signed', { pair: pair(line.parties), date: formatPartial(lang, line.signedOn) })} ${link(relationshipUrl({ id: line.relationshipId }))}`)),
    section(
      'exchanges',
      contents.exchanges.map((line) => `- ${formatPartial(lang, line.startedOn)} ${t(lang, `exchanges.kind.${line.kind}` as never)}, ${pair(line.parties)}: ${either(line.description)} ${link(`${relationshipUrl({ id: line.relationshipId })}#exchange-${line.exchangeId}`)}`),
    ),
  ].join('\n\n');
}

function presentIssue(row: Record<string, unknown>): NewsletterIssue {
  return {
    id: Number(row.id),
    url: `/newsletter/issues/${Number(row.id)}`,
    periodFrom: toDateString(row.period_from)!,
    periodTo: toDateString(row.period_to)!,
    scope:
      row.scope_kind === null
        ? null
        : ({ kind: row.scope_kind, value: row.scope_value, ...(row.scope_name_en === null ? {} : { name: { en: String(row.scope_name_en), ja: String(row.scope_name_ja) } }) } as IssueScope),
    title: { en: String(row.title_en), ja: String(row.title_ja) },
    body: { en: String(row.body_en), ja: String(row.body_ja) },
    publishedAt: row.published_at === null ? null : toTimestampString(row.published_at),
    updatedAt: toTimestampString(row.updated_at),
    deliveries: { sent: Number(row.sent ?? 0), unsettled: Number(row.unsettled ?? 0), failed: Number(row.failed ?? 0) },
  };
}

const issueColumns = sql`i.*,
  (select j.name_en from jurisdictions j where i.scope_kind = 'jurisdiction' and j.slug = i.scope_value) as scope_name_en,
  (select j.name_ja from jurisdictions j where i.scope_kind = 'jurisdiction' and j.slug = i.scope_value) as scope_name_ja,
  (select count(*) from newsletter_deliveries d where d.issue_id = i.id and d.sent_at is not null)::int as sent,
  (select count(*) from newsletter_deliveries d where d.issue_id = i.id and d.sent_at is null and d.failure is null)::int as unsettled,
  (select count(*) from newsletter_deliveries d where d.issue_id = i.id and d.failure is not null)::int as failed`;

/** An issue: a published one for everyone, a draft for those who edit issues; otherwise a 404. */
export async function getIssue(db: Db, actor: Actor, id: number): Promise<NewsletterIssue> {
  const [row] = await queryRows<Record<string, unknown>>(db, sql`select ${issueColumns} from newsletter_issues i where i.id = ${id}`);
  if (!row || (row.published_at === null && !decide(actor, { do: 'newsletter.edit' }).allowed)) throw notFound(`Issue ${id} of the newsletter`);
  return presentIssue(row);
}

/** The published issues, latest first; with the drafts too for those who edit issues. */
export async function listIssues(db: Db, actor: Actor): Promise<NewsletterIssue[]> {
  const drafts = decide(actor, { do: 'newsletter.edit' }).allowed;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${issueColumns} from newsletter_issues i where ${drafts ? sql`true` : sql`i.published_at is not null`} order by i.published_at desc nulls first, i.period_to desc, i.id desc`,
  );
  return rows.map(presentIssue);
}

/** The scope a coordinator asked for: a country, a jurisdiction (refused naming the field when unknown), or everywhere. */
async function scopeOf(db: Db, request: NewsletterIssueRequest): Promise<IssueScope> {
  const refuse = (field: string, message: string) => {
    throw new KizunaError('validation_failed', `${field}: ${message}`, [{ field, message }]);
  };
  if (request.jurisdiction) {
    const [row] = await queryRows<{ name_en: string; name_ja: string }>(db, sql`select name_en, name_ja from jurisdictions where slug = ${request.jurisdiction}`);
    if (!row) return refuse('jurisdiction', `there is no jurisdiction ${request.jurisdiction}`);
    return { kind: 'jurisdiction', value: request.jurisdiction, name: { en: row.name_en, ja: row.name_ja } };
  }
  if (request.country) {
    if (countryName('en', request.country) === request.country) return refuse('country', `${request.country} is not a country code`);
    return { kind: 'country', value: request.country };
  }
  return null;
}

/** Assembles a draft issue for a period and a scope, its text written from the register in both languages. */
export async function assembleIssue(db: Db, actor: Actor, request: NewsletterIssueRequest, origin: string): Promise<NewsletterIssue> {
  authorize(actor, { do: 'newsletter.edit' });
  const scope = await scopeOf(db, request);
  const contents = await issueContents(db, request.periodFrom, request.periodTo, scope);
  const title = (lang: Lang) => t(lang, 'newsletter.defaultTitle', { scope: scopeName(lang, scope), from: formatPartial(lang, request.periodFrom), to: formatPartial(lang, request.periodTo) });
  return db.transaction(async (tx) => {
    const [record] = await tx
      .insert(newsletterIssues)
      .values({
        periodFrom: request.periodFrom,
        periodTo: request.periodTo,
        scopeKind: scope?.kind ?? null,
        scopeValue: scope?.value ?? null,
        titleEn: title('en'),
        titleJa: title('ja'),
        bodyEn: issueText('en', origin, contents),
        bodyJa: issueText('ja', origin, contents),
        createdBy: accountIdOf(actor),
      })
      .returning({ id: newsletterIssues.id });
    const issue = await getIssue(tx, actor, record!.id);
    await writeAudit(tx, actor, { action: 'create', entity: 'newsletter-issue', entityId: issue.id, before: null, after: issue });
    return issue;
  });
}

/** Changes an issue's title and text; a published issue may still be corrected. */
export async function editIssue(db: Db, actor: Actor, id: number, edit: NewsletterIssueEdit): Promise<NewsletterIssue> {
  authorize(actor, { do: 'newsletter.edit' });
  return db.transaction(async (tx) => {
    const before = await getIssue(tx, actor, id);
    await tx
      .update(newsletterIssues)
      .set({ titleEn: edit.title.en, titleJa: edit.title.ja, bodyEn: edit.body.en, bodyJa: edit.body.ja, updatedAt: new Date() })
      .where(eq(newsletterIssues.id, id));
    const after = await getIssue(tx, actor, id);
    await writeAudit(tx, actor, { action: 'update', entity: 'newsletter-issue', entityId: id, before, after });
    return after;
  });
}

/** Publishes an issue as a page; publishing one published already changes nothing. */
export async function publishIssue(db: Db, actor: Actor, id: number): Promise<NewsletterIssue> {
  authorize(actor, { do: 'newsletter.edit' });
  return db.transaction(async (tx) => {
    const before = await getIssue(tx, actor, id);
    if (before.publishedAt) return before;
    await tx.update(newsletterIssues).set({ publishedAt: new Date(), updatedAt: new Date() }).where(eq(newsletterIssues.id, id));
    const after = await getIssue(tx, actor, id);
    await writeAudit(tx, actor, { action: 'publish', entity: 'newsletter-issue', entityId: id, before, after });
    return after;
  });
}

/** A new secret for a subscriber's link, stored as its SHA-256. */
async function newToken(db: Db, subscriberId: number, purpose: 'confirm' | 'unsubscribe'): Promise<string> {
  const secret = randomBytes(24).toString('base64url');
  const expiresAt = purpose === 'confirm' ? new Date(Date.now() + CONFIRMATION_HOURS * 3600 * 1000) : null;
  await db.insert(subscriberTokens).values({ tokenHash: digest(secret), subscriberId, purpose, expiresAt });
  return secret;
}

/** The header fields and the last lines every mail to a subscriber carries: a link to leave with one click (RFC 8058). */
async function withUnsubscribe(db: Db, origin: string, subscriberId: number, mail: Omit<Mail, 'headers'>): Promise<Mail> {
  const url = `${origin}/newsletter/unsubscribe/${await newToken(db, subscriberId, 'unsubscribe')}`;
  return {
    ...mail,
    text: `${mail.text}\n\n${t('ja', 'newsletter.mail.leave', { url })}\n${t('en', 'newsletter.mail.leave', { url })}\n`,
    headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

/** A mail in Japanese and then English, as the term reminders are (the reader's language is not known). */
function inBothLanguages(write: (lang: Lang) => { subject: string; text: string }): { subject: string; text: string } {
  const [ja, en] = [write('ja'), write('en')];
  return { subject: `${ja.subject} / ${en.subject}`, text: `${ja.text}\n\n----\n\n${en.text}` };
}

/**
 * Asks to subscribe an address: the same answer whatever the address, so that nobody learns who has
 * subscribed. A new, pending or departed address is mailed a link to confirm; a confirmed one is
 * mailed a note that it is subscribed already. Limited per client address and per mail address.
 */
export async function requestSubscription(db: Db, email: string, clientAddress: string, notifier: Notifier | undefined): Promise<void> {
  if (!notifier) throw new KizunaError('conflict', 'This site sends no mail (KIZUNA_SMTP_URL and KIZUNA_MAIL_FROM are not set), so it cannot confirm a subscription.');
  const keeper = bucketKeeper(db);
  for (const [bucket, quota] of [
    [`subscribe address:${clientAddress}`, SUBSCRIPTION_QUOTAS.address],
    [`subscribe email:${digest(email)}`, SUBSCRIPTION_QUOTAS.email],
  ] as const) {
    const outcome = await keeper(bucket, quota);
    if (!outcome.allowed) throw tooManyRequests('Too many requests to subscribe from here or for this address: wait a while and try again.', outcome.resetSeconds);
  }
  const mail = await db.transaction(async (tx) => {
    const [subscriber] = await tx
      .insert(subscribers)
      .values({ email, status: 'pending' })
      .onConflictDoUpdate({ target: subscribers.email, set: { email: sql`excluded.email` } })
      .returning();
    if (subscriber!.status === 'confirmed') {
      return withUnsubscribe(tx, notifier.origin, subscriber!.id, { to: email, ...inBothLanguages((lang) => ({ subject: t(lang, 'newsletter.mail.alreadySubject'), text: t(lang, 'newsletter.mail.alreadyText') })) });
    }
    await tx.update(subscribers).set({ status: 'pending', unsubscribedAt: null }).where(eq(subscribers.id, subscriber!.id));
    await tx.delete(subscriberTokens).where(and(eq(subscriberTokens.subscriberId, subscriber!.id), eq(subscriberTokens.purpose, 'confirm')));
    const url = `${notifier.origin}/newsletter/confirm/${await newToken(tx, subscriber!.id, 'confirm')}`;
    return withUnsubscribe(tx, notifier.origin, subscriber!.id, {
      to: email,
      ...inBothLanguages((lang) => ({ subject: t(lang, 'newsletter.mail.confirmSubject'), text: t(lang, 'newsletter.mail.confirmText', { url, hours: CONFIRMATION_HOURS }) })),
    });
  });
  await notifier.mailer.send(mail);
}

/** The subscriber a link's secret belongs to, for the purpose; a 404 when it is unknown or expired. */
async function subscriberOfToken(db: Db, secret: string, purpose: 'confirm' | 'unsubscribe'): Promise<number> {
  const [token] = await db
    .select()
    .from(subscriberTokens)
    .where(and(eq(subscriberTokens.tokenHash, digest(secret)), eq(subscriberTokens.purpose, purpose)));
  if (!token || (token.expiresAt && token.expiresAt.getTime() < Date.now())) {
    throw new KizunaError('not_found', purpose === 'confirm' ? 'This confirmation link is unknown or has expired: subscribe again to get a new one.' : 'This link to unsubscribe is unknown.');
  }
  return token.subscriberId;
}

/** Confirms a subscription through its mailed link (its secret); the link works once. */
export async function confirmSubscription(db: Db, secret: string): Promise<void> {
  await db.transaction(async (tx) => {
    const id = await subscriberOfToken(tx, secret, 'confirm');
    await tx.update(subscribers).set({ status: 'confirmed', confirmedAt: new Date(), unsubscribedAt: null }).where(eq(subscribers.id, id));
    await tx.delete(subscriberTokens).where(and(eq(subscriberTokens.subscriberId, id), eq(subscriberTokens.purpose, 'confirm')));
  });
}

/** Unsubscribes through the link of any mail (its secret); unsubscribing twice is no error. */
export async function unsubscribe(db: Db, secret: string): Promise<void> {
  const id = await subscriberOfToken(db, secret, 'unsubscribe');
  await db.update(subscribers).set({ status: 'unsubscribed', unsubscribedAt: new Date() }).where(and(eq(subscribers.id, id), sql`${subscribers.status} <> 'unsubscribed'`));
}

/** A subscriber as administrators see them. */
export interface Subscriber {
  email: string;
  status: 'pending' | 'confirmed' | 'unsubscribed';
  createdAt: string;
  confirmedAt: string | null;
}

/** Every subscriber with their address: administrators only. */
export async function listSubscribers(db: Db, actor: Actor): Promise<Subscriber[]> {
  authorize(actor, { do: 'subscriber.list' });
  const rows = await db.select().from(subscribers).orderBy(subscribers.email);
  return rows.map((row) => ({ email: row.email, status: row.status, createdAt: toTimestampString(row.createdAt), confirmedAt: row.confirmedAt ? toTimestampString(row.confirmedAt) : null }));
}

/** How many subscribers have confirmed, for the coordinators' page (no address). */
export async function confirmedCount(db: Db): Promise<number> {
  const [row] = await queryRows<{ count: number }>(db, sql`select count(*)::int as count from subscribers where status = 'confirmed'`);
  return row!.count;
}

/** The mail of an issue: its title, the link to its page, and its text, in Japanese and then English. */
function issueMail(issue: NewsletterIssue, origin: string): { subject: string; text: string } {
  return inBothLanguages((lang) => {
    const other: Lang = lang === 'en' ? 'ja' : 'en';
    return {
      subject: issue.title[lang] || issue.title[other],
      text: `${issue.title[lang] || issue.title[other]}\n${origin}${lang === 'ja' ? '/ja' : ''}${issue.url}\n\n${issue.body[lang] || issue.body[other]}`,
    };
  });
}

/**
 * Mails a published issue to every confirmed subscriber not yet mailed it. Each delivery is taken
 * (a row) before its mail is sent and marked sent after, so that sending again, after an
 * interruption or from another process, never mails anyone twice: a delivery taken but not marked
 * is left alone and counted as unsettled. A refused mail is recorded with its reason. Returns how
 * many were sent now.
 */
export async function sendIssue(db: Db, actor: Actor, id: number, notifier: Notifier): Promise<number> {
  authorize(actor, { do: 'newsletter.edit' });
  const issue = await getIssue(db, actor, id);
  if (!issue.publishedAt) throw new KizunaError('conflict', `Issue ${id} is a draft: publish it before sending it.`);
  const waiting = await queryRows<{ id: number; email: string }>(
    db,
    sql`select s.id, s.email from subscribers s where s.status = 'confirmed'
      and not exists (select 1 from newsletter_deliveries d where d.issue_id = ${id} and d.subscriber_id = s.id) order by s.id`,
  );
  const mail = issueMail(issue, notifier.origin);
  let sent = 0;
  for (const subscriber of waiting) {
    const taken = await db.insert(newsletterDeliveries).values({ issueId: id, subscriberId: subscriber.id }).onConflictDoNothing().returning();
    if (taken.length === 0) continue;
    const delivery = and(eq(newsletterDeliveries.issueId, id), eq(newsletterDeliveries.subscriberId, subscriber.id));
    try {
      await notifier.mailer.send(await withUnsubscribe(db, notifier.origin, subscriber.id, { to: subscriber.email, ...mail }));
      await db.update(newsletterDeliveries).set({ sentAt: new Date() }).where(delivery);
      sent++;
    } catch (error) {
      await db.update(newsletterDeliveries).set({ failure: error instanceof Error ? error.message : String(error) }).where(delivery);
    }
  }
  await writeAudit(db, actor, { action: 'send', entity: 'newsletter-issue', entityId: id, before: null, after: { sent } });
  return sent;
}
