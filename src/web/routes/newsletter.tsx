import type { Context, Hono } from 'hono';
import type { Db } from '../../db/client.js';
import { decide } from '../../domain/authorization.js';
import { periodCovering } from '../../domain/newsletter.js';
import { KizunaError, problemsFromZod, type FieldProblem } from '../../errors.js';
import { t, tCount } from '../../i18n/index.js';
import { mailSettingsFromEnv } from '../../services/mailer.js';
import { NewsletterIssueEdit, NewsletterIssueRequest, SubscriptionRequest } from '../../services/newsInputs.js';
import {
  assembleIssue,
  confirmedCount,
  confirmSubscription,
  editIssue,
  getIssue,
  listIssues,
  listSubscribers,
  publishIssue,
  requestSubscription,
  sendIssue,
  unsubscribe,
} from '../../services/newsletter.js';
import { listJurisdictions } from '../../services/jurisdictions.js';
import { today } from '../../services/registry.js';
import { formText, newsProblemText } from '../forms/newsForms.js';
import { pageContext } from '../pageContext.js';
import { href } from '../pages/layout.js';
import { IssueEditPage, IssuePage, NewsletterMessagePage, NewsletterPage, SubscribersPage, type AssembleValues, type IssueEditValues } from '../pages/newsletter.js';
import { clientAddress, type KizunaEnv, type SessionOptions } from '../session.js';
import { admit, currentPath, notifierOf, publicOrigin } from './access.js';
import { keepSecret } from './account.js';

const ISSUE = '/newsletter/issues/:id{[0-9]{1,9}}';
const SECRET = ':secret{[A-Za-z0-9_-]{20,64}}';

/** Whether mail is set up, so that subscriptions can be confirmed and issues sent; wrong settings count as none. */
function mailConfigured(): boolean {
  try {
    return mailSettingsFromEnv() !== undefined;
  } catch {
    return false;
  }
}

/**
 * The newsletter's pages: subscribing (double opt-in), confirming and unsubscribing (also with one
 * POST from a mail program, RFC 8058), the issues, and the coordinators' assembling, editing,
 * publishing and sending of issues; the subscribers' addresses for administrators only.
 */
export function registerNewsletterPages(pages: Hono<KizunaEnv>, db: Db, options: SessionOptions): void {
  const allowed = (c: Context<KizunaEnv>, action: 'newsletter.edit' | 'subscriber.list') => decide(c.get('actor'), { do: action }).allowed;

  const newsletterPage = async (c: Context<KizunaEnv>, assemble: AssembleValues, problems: FieldProblem[], status: 200 | 422 = 200) => {
    const actor = c.get('actor');
    const canEdit = allowed(c, 'newsletter.edit');
    return c.html(
      <NewsletterPage
        ctx={pageContext(c)}
        issues={await listIssues(db, actor)}
        mailConfigured={mailConfigured()}
        canEdit={canEdit}
        canListSubscribers={allowed(c, 'subscriber.list')}
        subscriberCount={canEdit ? await confirmedCount(db) : null}
        assemble={assemble}
        jurisdictions={canEdit ? await listJurisdictions(db) : []}
        problems={problems}
      />,
      status,
    );
  };

  pages.get('/newsletter', async (c) => {
    const period = periodCovering(today());
    return newsletterPage(c, { periodFrom: period.from, periodTo: period.to, country: '', jurisdiction: '' }, []);
  });

  pages.post('/newsletter/subscribe', async (c) => {
    const ctx = pageContext(c);
    const parsed = SubscriptionRequest.safeParse({ email: formText(await c.req.parseBody(), 'email') });
    if (!parsed.success) {
      return c.html(<NewsletterMessagePage ctx={ctx} title={t(ctx.lang, 'newsletter.title')} text={newsProblemText(ctx.lang, problemsFromZod(parsed.error)[0]!)} />, 422);
    }
    await requestSubscription(db, parsed.data.email, clientAddress(c, options), notifierOf(c, options));
    return c.html(<NewsletterMessagePage ctx={ctx} title={t(ctx.lang, 'newsletter.subscribe.sentTitle')} text={t(ctx.lang, 'newsletter.subscribe.sent')} status="success" />);
  });

  // Their addresses hold a secret: no cache keeps these answers, and no referrer carries it away.
  for (const path of ['/newsletter/confirm/*', '/newsletter/unsubscribe/*']) {
    pages.use(path, async (c, next) => {
      await next();
      keepSecret(c);
    });
  }

  pages.get(`/newsletter/confirm/${SECRET}`, (c) => {
    const ctx = pageContext(c);
    return c.html(
      <NewsletterMessagePage
        ctx={ctx}
        title={t(ctx.lang, 'newsletter.confirm.title')}
        text={t(ctx.lang, 'newsletter.confirm.text')}
        action={{ path: `/newsletter/confirm/${c.req.param('secret')}`, button: t(ctx.lang, 'newsletter.confirm.button') }}
      />,
    );
  });
  pages.post(`/newsletter/confirm/${SECRET}`, async (c) => {
    const ctx = pageContext(c);
    await confirmSubscription(db, c.req.param('secret'));
    return c.html(<NewsletterMessagePage ctx={ctx} title={t(ctx.lang, 'newsletter.confirm.title')} text={t(ctx.lang, 'newsletter.confirm.done')} status="success" />);
  });

  pages.get(`/newsletter/unsubscribe/${SECRET}`, (c) => {
    const ctx = pageContext(c);
    return c.html(
      <NewsletterMessagePage
        ctx={ctx}
        title={t(ctx.lang, 'newsletter.unsubscribe.title')}
        text={t(ctx.lang, 'newsletter.unsubscribe.text')}
        action={{ path: `/newsletter/unsubscribe/${c.req.param('secret')}`, button: t(ctx.lang, 'newsletter.unsubscribe.button') }}
      />,
    );
  });
  // The page's button and a mail program's one-click POST (List-Unsubscribe=One-Click) alike.
  pages.post(`/newsletter/unsubscribe/${SECRET}`, async (c) => {
    const ctx = pageContext(c);
    await unsubscribe(db, c.req.param('secret'));
    return c.html(<NewsletterMessagePage ctx={ctx} title={t(ctx.lang, 'newsletter.unsubscribe.title')} text={t(ctx.lang, 'newsletter.unsubscribe.done')} status="success" />);
  });

  pages.get('/newsletter/subscribers', async (c) => {
    const actor = await admit(c, { do: 'subscriber.list' }, currentPath(c));
    if (actor instanceof Response) return actor;
    return c.html(<SubscribersPage ctx={pageContext(c)} subscribers={await listSubscribers(db, actor)} />);
  });

  pages.post('/newsletter/issues', async (c) => {
    const ctx = pageContext(c);
    const actor = await admit(c, { do: 'newsletter.edit' }, href(ctx, '/newsletter'));
    if (actor instanceof Response) return actor;
    const body = await c.req.parseBody();
    const values = { periodFrom: formText(body, 'periodFrom'), periodTo: formText(body, 'periodTo'), country: formText(body, 'country'), jurisdiction: formText(body, 'jurisdiction') };
    const parsed = NewsletterIssueRequest.safeParse(values);
    if (!parsed.success) return newsletterPage(c, values, problemsFromZod(parsed.error), 422);
    try {
      const issue = await assembleIssue(db, actor, parsed.data, publicOrigin(c, options));
      return c.redirect(href(ctx, `${issue.url}/edit`), 303);
    } catch (error) {
      if (error instanceof KizunaError && error.id === 'validation_failed') return newsletterPage(c, values, error.problems, 422);
      throw error;
    }
  });

  const doneText = (c: Context<KizunaEnv>) => {
    const { lang } = pageContext(c);
    const done = c.req.query('done');
    if (done === 'saved' || done === 'published') return t(lang, `newsletter.done.${done}`);
    if (done === 'sent') return tCount(lang, 'newsletter.done.sent', Number(c.req.query('count') ?? 0));
    return undefined;
  };
  pages.get(ISSUE, async (c) => {
    const issue = await getIssue(db, c.get('actor'), Number(c.req.param('id')));
    return c.html(<IssuePage ctx={pageContext(c)} issue={issue} canEdit={allowed(c, 'newsletter.edit')} mailConfigured={mailConfigured()} done={doneText(c)} />);
  });
  pages.get(`${ISSUE}/edit`, async (c) => {
    const actor = await admit(c, { do: 'newsletter.edit' }, currentPath(c));
    if (actor instanceof Response) return actor;
    const issue = await getIssue(db, actor, Number(c.req.param('id')));
    const values: IssueEditValues = { titleEn: issue.title.en, titleJa: issue.title.ja, bodyEn: issue.body.en, bodyJa: issue.body.ja };
    return c.html(<IssueEditPage ctx={pageContext(c)} issue={issue} values={values} problems={[]} />);
  });
  pages.post(ISSUE, async (c) => {
    const ctx = pageContext(c);
    const id = Number(c.req.param('id'));
    const actor = await admit(c, { do: 'newsletter.edit' }, href(ctx, `/newsletter/issues/${id}/edit`));
    if (actor instanceof Response) return actor;
    const body = await c.req.parseBody();
    const values: IssueEditValues = { titleEn: formText(body, 'titleEn'), titleJa: formText(body, 'titleJa'), bodyEn: formText(body, 'bodyEn'), bodyJa: formText(body, 'bodyJa') };
    const parsed = NewsletterIssueEdit.safeParse({ title: { en: values.titleEn, ja: values.titleJa }, body: { en: values.bodyEn, ja: values.bodyJa } });
    if (!parsed.success) {
      const problems = problemsFromZod(parsed.error).map((problem) => ({ ...problem, field: problem.field === 'title' ? 'titleEn' : problem.field.replace(/\.(en|ja)$/, (_, lang: string) => (lang === 'en' ? 'En' : 'Ja')) }));
      return c.html(<IssueEditPage ctx={ctx} issue={await getIssue(db, actor, id)} values={values} problems={problems} />, 422);
    }
    const issue = await editIssue(db, actor, id, parsed.data);
    return c.redirect(href(ctx, `${issue.url}?done=saved`), 303);
  });
  pages.post(`${ISSUE}/publish`, async (c) => {
    const ctx = pageContext(c);
    const actor = await admit(c, { do: 'newsletter.edit' }, href(ctx, '/newsletter'));
    if (actor instanceof Response) return actor;
    const issue = await publishIssue(db, actor, Number(c.req.param('id')));
    return c.redirect(href(ctx, `${issue.url}?done=published`), 303);
  });
  pages.post(`${ISSUE}/send`, async (c) => {
    const ctx = pageContext(c);
    const actor = await admit(c, { do: 'newsletter.edit' }, href(ctx, '/newsletter'));
    if (actor instanceof Response) return actor;
    const notifier = notifierOf(c, options);
    if (!notifier) throw new KizunaError('conflict', t(ctx.lang, 'newsletter.subscribe.noMail'));
    const id = Number(c.req.param('id'));
    const sent = await sendIssue(db, actor, id, notifier);
    return c.redirect(href(ctx, `/newsletter/issues/${id}?done=sent&count=${sent}`), 303);
  });
}
