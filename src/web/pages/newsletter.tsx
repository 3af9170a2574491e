import type { FC } from 'hono/jsx';
import type { FieldProblem } from '../../errors.js';
import { formatJapanTime, formatPartial, t, type Lang } from '../../i18n/index.js';
import { scopeName, type NewsletterIssue, type Subscriber } from '../../services/newsletter.js';
import { preferred } from '../feeds.js';
import { newsProblemText } from '../forms/newsForms.js';
import { Field, problemOf, ProblemSummary } from './exchanges.js';
import { CsrfField, href, Layout, type PageContext } from './layout.js';
import { Paragraphs } from './news.js';

/** The period and scope of an issue, in words. */
const IssueFacts: FC<{ ctx: PageContext; issue: NewsletterIssue }> = ({ ctx, issue }) => (
  <p class="muted">
    {t(ctx.lang, 'newsletter.period', { from: formatPartial(ctx.lang, issue.periodFrom), to: formatPartial(ctx.lang, issue.periodTo) })}
    {' · '}
    {t(ctx.lang, 'newsletter.scope', { scope: scopeName(ctx.lang, issue.scope) })}
    {issue.publishedAt ? null : <strong> · {t(ctx.lang, 'newsletter.draft')}</strong>}
  </p>
);

export interface AssembleValues {
  periodFrom: string;
  periodTo: string;
  country: string;
  jurisdiction: string;
}

/** The newsletter's page: subscribing, the issues, and for coordinators assembling one. */
export const NewsletterPage: FC<{
  ctx: PageContext;
  issues: NewsletterIssue[];
  mailConfigured: boolean;
  canEdit: boolean;
  canListSubscribers: boolean;
  subscriberCount: number | null;
  assemble: AssembleValues;
  /** The jurisdictions an issue may cover, by slug. */
  jurisdictions: { slug: string; name: { en: string; ja: string } }[];
  problems: FieldProblem[];
}> = ({ ctx, issues, mailConfigured, canEdit, canListSubscribers, subscriberCount, assemble, jurisdictions, problems }) => (
  <Layout ctx={ctx} title={t(ctx.lang, 'newsletter.title')} section="news">
    <p class="breadcrumb"><a href={href(ctx, '/news')}>{t(ctx.lang, 'news.title')}</a></p>
    <h1>{t(ctx.lang, 'newsletter.title')}</h1>
    <p class="prose">{t(ctx.lang, 'newsletter.intro')}</p>
    {mailConfigured ? (
      <form method="post" action={href(ctx, '/newsletter/subscribe')} class="subscribe-form narrow">
        <CsrfField ctx={ctx} />
        <div class="field">
          <label for="subscribe-email">{t(ctx.lang, 'newsletter.subscribe.label')}</label>
          <input id="subscribe-email" name="email" type="email" autocomplete="email" required maxlength={254} />
        </div>
        <p><button type="submit">{t(ctx.lang, 'newsletter.subscribe.button')}</button></p>
      </form>
    ) : (
      <p class="note">{t(ctx.lang, 'newsletter.subscribe.noMail')}</p>
    )}
    <h2>{t(ctx.lang, 'newsletter.issues')}</h2>
    {issues.length ? (
      <ul class="issue-list">
        {issues.map((issue) => {
          const title = preferred(ctx.lang, issue.title);
          return (
            <li>
              <a href={href(ctx, issue.url)} lang={title.lang}>{title.text}</a>
              <IssueFacts ctx={ctx} issue={issue} />
            </li>
          );
        })}
      </ul>
    ) : (
      <p>{t(ctx.lang, 'newsletter.noIssues')}</p>
    )}
    {canEdit ? (
      <section aria-labelledby="assemble">
        <h2 id="assemble">{t(ctx.lang, 'newsletter.assemble.title')}</h2>
        <p class="prose">{t(ctx.lang, 'newsletter.assemble.intro')}</p>
        {subscriberCount !== null ? <p>{t(ctx.lang, 'newsletter.subscribers', { count: subscriberCount })}</p> : null}
        {canListSubscribers ? <p><a href={href(ctx, '/newsletter/subscribers')}>{t(ctx.lang, 'newsletter.subscribersLink')}</a></p> : null}
        <ProblemSummary ctx={ctx} problems={problems} counted="newsletter.assemble.problems" fieldId={(field) => `assemble-${field}`} explain={newsProblemText} />
        <form method="post" action={href(ctx, '/newsletter/issues')} class="narrow" novalidate>
          <CsrfField ctx={ctx} />
          <div class="field-pair">
            <Field ctx={ctx} id="assemble-periodFrom" label={t(ctx.lang, 'newsletter.assemble.from')} problem={problemOf(problems, 'periodFrom')} explain={newsProblemText} control={(attributes) => <input {...attributes} name="periodFrom" type="date" value={assemble.periodFrom} />} />
            <Field ctx={ctx} id="assemble-periodTo" label={t(ctx.lang, 'newsletter.assemble.to')} problem={problemOf(problems, 'periodTo')} explain={newsProblemText} control={(attributes) => <input {...attributes} name="periodTo" type="date" value={assemble.periodTo} />} />
          </div>
          <Field ctx={ctx} id="assemble-country" label={t(ctx.lang, 'newsletter.assemble.country')} problem={problemOf(problems, 'country')} explain={newsProblemText} control={(attributes) => <input {...attributes} name="country" value={assemble.country} class="short" maxlength={2} />} />
          <Field
            ctx={ctx}
            id="assemble-jurisdiction"
            label={t(ctx.lang, 'newsletter.assemble.jurisdiction')}
            problem={problemOf(problems, 'jurisdiction')}
            explain={newsProblemText}
            control={(attributes) => (
              <select {...attributes} name="jurisdiction">
                <option value="">—</option>
                {jurisdictions.map((jurisdiction) => (
                  <option value={jurisdiction.slug} selected={assemble.jurisdiction === jurisdiction.slug}>{jurisdiction.name[ctx.lang] || jurisdiction.name.en}</option>
                ))}
              </select>
            )}
          />
          <p><button type="submit">{t(ctx.lang, 'newsletter.assemble.button')}</button></p>
        </form>
      </section>
    ) : null}
  </Layout>
);

/** A page that says one thing, with a button to act on it when there is one (confirming, unsubscribing). */
export const NewsletterMessagePage: FC<{ ctx: PageContext; title: string; text: string; action?: { path: string; button: string } | undefined; status?: 'success' | undefined }> = ({ ctx, title, text, action, status }) => (
  <Layout ctx={ctx} title={title} section="news">
    <h1>{title}</h1>
    <p class={status ? 'note success' : 'prose'} role={status ? 'status' : undefined}>{text}</p>
    {action ? (
      <form method="post" action={href(ctx, action.path)}>
        <CsrfField ctx={ctx} />
        <button type="submit">{action.button}</button>
      </form>
    ) : null}
    <p><a href={href(ctx, '/newsletter')}>{t(ctx.lang, 'newsletter.title')}</a></p>
  </Layout>
);

/** An issue's page; for coordinators with what they may do to it. */
export const IssuePage: FC<{ ctx: PageContext; issue: NewsletterIssue; canEdit: boolean; mailConfigured: boolean; done?: string | undefined }> = ({ ctx, issue, canEdit, mailConfigured, done }) => {
  const title = preferred(ctx.lang, issue.title);
  const body = preferred(ctx.lang, issue.body);
  return (
    <Layout ctx={ctx} title={title.text} section="news">
      <p class="breadcrumb"><a href={href(ctx, '/newsletter')}>{t(ctx.lang, 'newsletter.title')}</a></p>
      {done ? <p class="note success" role="status">{done}</p> : null}
      <h1 lang={title.lang}>{title.text}</h1>
      <IssueFacts ctx={ctx} issue={issue} />
      {issue.publishedAt ? <p class="muted"><time datetime={issue.publishedAt}>{formatJapanTime(ctx.lang, issue.publishedAt)}</time></p> : null}
      <div class="newsletter-text">
        <Paragraphs text={body.text} lang={body.lang} />
      </div>
      {canEdit ? (
        <section aria-labelledby="issue-actions" class="issue-actions">
          <h2 id="issue-actions" class="visually-hidden">{t(ctx.lang, 'newsletter.editLink')}</h2>
          {issue.publishedAt ? <p>{t(ctx.lang, 'newsletter.deliveries', issue.deliveries)}</p> : null}
          <div class="actions-row">
            <a class="button secondary" href={href(ctx, `${issue.url}/edit`)}>{t(ctx.lang, 'newsletter.editLink')}</a>
            {issue.publishedAt ? null : (
              <form method="post" action={href(ctx, `${issue.url}/publish`)} class="inline-form">
                <CsrfField ctx={ctx} />
                <button type="submit">{t(ctx.lang, 'newsletter.publish')}</button>
              </form>
            )}
            {issue.publishedAt && mailConfigured ? (
              <form method="post" action={href(ctx, `${issue.url}/send`)} class="inline-form">
                <CsrfField ctx={ctx} />
                <button type="submit">{t(ctx.lang, issue.deliveries.sent + issue.deliveries.failed + issue.deliveries.unsettled ? 'newsletter.sendAgain' : 'newsletter.send')}</button>
              </form>
            ) : null}
          </div>
        </section>
      ) : null}
    </Layout>
  );
};

export interface IssueEditValues {
  titleEn: string;
  titleJa: string;
  bodyEn: string;
  bodyJa: string;
}

/** The form to edit an issue's title and text. */
export const IssueEditPage: FC<{ ctx: PageContext; issue: NewsletterIssue; values: IssueEditValues; problems: FieldProblem[] }> = ({ ctx, issue, values, problems }) => {
  const line = (name: 'titleEn' | 'titleJa', lang: Lang) => (
    <Field ctx={ctx} id={`issue-${name}`} label={t(ctx.lang, `newsletter.edit.${name}`)} problem={problemOf(problems, name)} explain={newsProblemText} control={(attributes) => <input {...attributes} name={name} lang={lang} value={values[name]} maxlength={200} />} />
  );
  const area = (name: 'bodyEn' | 'bodyJa', lang: Lang) => (
    <Field ctx={ctx} id={`issue-${name}`} label={t(ctx.lang, `newsletter.edit.${name}`)} problem={problemOf(problems, name)} explain={newsProblemText} control={(attributes) => <textarea {...attributes} name={name} lang={lang} rows={20} maxlength={100000}>{values[name]}</textarea>} />
  );
  return (
    <Layout ctx={ctx} title={t(ctx.lang, 'newsletter.edit.title')} section="news">
      <p class="breadcrumb"><a href={href(ctx, issue.url)}>{preferred(ctx.lang, issue.title).text}</a></p>
      <h1>{t(ctx.lang, 'newsletter.edit.title')}</h1>
      <IssueFacts ctx={ctx} issue={issue} />
      <ProblemSummary ctx={ctx} problems={problems} counted="newsletter.edit.problems" fieldId={(field) => `issue-${field}`} explain={newsProblemText} />
      <form method="post" action={href(ctx, issue.url)} novalidate>
        <CsrfField ctx={ctx} />
        {line('titleEn', 'en')}
        {area('bodyEn', 'en')}
        {line('titleJa', 'ja')}
        {area('bodyJa', 'ja')}
        <p><button type="submit">{t(ctx.lang, 'newsletter.edit.save')}</button></p>
      </form>
    </Layout>
  );
};

/** The subscribers with their addresses, for administrators. */
export const SubscribersPage: FC<{ ctx: PageContext; subscribers: Subscriber[] }> = ({ ctx, subscribers }) => (
  <Layout ctx={ctx} title={t(ctx.lang, 'newsletter.subscribersTitle')} section="news">
    <p class="breadcrumb"><a href={href(ctx, '/newsletter')}>{t(ctx.lang, 'newsletter.title')}</a></p>
    <h1>{t(ctx.lang, 'newsletter.subscribersTitle')}</h1>
    <p>{t(ctx.lang, 'newsletter.subscribersIntro')}</p>
    <div class="table-wrap" tabindex={0} role="region" aria-label={t(ctx.lang, 'newsletter.subscribersTitle')}>
      <table class="stack-table">
        <thead>
          <tr>
            <th scope="col">{t(ctx.lang, 'newsletter.subscriber.email')}</th>
            <th scope="col">{t(ctx.lang, 'newsletter.subscriber.status')}</th>
            <th scope="col">{t(ctx.lang, 'newsletter.subscriber.since')}</th>
            <th scope="col">{t(ctx.lang, 'newsletter.subscriber.confirmed')}</th>
          </tr>
        </thead>
        <tbody>
          {subscribers.map((subscriber) => (
            <tr>
              <th scope="row">{subscriber.email}</th>
              <td data-label={t(ctx.lang, 'newsletter.subscriber.status')}>{t(ctx.lang, `newsletter.status.${subscriber.status}`)}</td>
              <td data-label={t(ctx.lang, 'newsletter.subscriber.since')}>{formatJapanTime(ctx.lang, subscriber.createdAt)}</td>
              <td data-label={t(ctx.lang, 'newsletter.subscriber.confirmed')}>{subscriber.confirmedAt ? formatJapanTime(ctx.lang, subscriber.confirmedAt) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  </Layout>
);
