import type { FC } from 'hono/jsx';
import type { FieldProblem } from '../../errors.js';
import { countryName, formatJapanTime, lgName, t, type Lang } from '../../i18n/index.js';
import type { NewsItem, ShownTag } from '../../services/news.js';
import { preferred } from '../feeds.js';
import type { LgPickerState } from '../forms/lgPicker.js';
import { newsProblemText, type NewsFormValues } from '../forms/newsForms.js';
import { Field, problemOf, ProblemSummary } from './exchanges.js';
import { CsrfField, href, Layout, type PageContext } from './layout.js';
import { LgPicker, LgPickerScript } from './lgPicker.js';

/** What a tag names, in words. */
export function tagName(lang: Lang, tag: ShownTag): string {
  switch (tag.kind) {
    case 'country':
      return countryName(lang, tag.value);
    case 'lg':
      return lgName(lang, tag.localGovernment);
    case 'relationship':
      return `${lgName(lang, tag.parties[0])} – ${lgName(lang, tag.parties[1])}`;
    case 'jurisdiction':
      return tag.name[lang] || tag.name.en;
  }
}

/** A line of plain text with its web addresses as links. */
export const Linked: FC<{ text: string }> = ({ text }) => (
  <>{text.split(/(https?:\/\/[^\s<>"]+)/).map((part, index) => (index % 2 ? <a href={part} rel="nofollow noopener">{part}</a> : part))}</>
);

/** Plain text as paragraphs: blank lines part them, single line breaks stay, web addresses are links. */
export const Paragraphs: FC<{ text: string; lang: Lang }> = ({ text, lang }) => (
  <>
    {text
      .split(/\n\s*\n/)
      .filter((paragraph) => paragraph.trim())
      .map((paragraph) => (
        <p lang={lang} class="prose news-text">
          {paragraph
            .trim()
            .split('\n')
            .map((line, index) => (
              <>
                {index ? <br /> : null}
                <Linked text={line} />
              </>
            ))}
        </p>
      ))}
  </>
);

/** The day and time a news item was published, and its tags as links. */
const NewsMeta: FC<{ ctx: PageContext; item: NewsItem }> = ({ ctx, item }) => (
  <p class="news-meta muted">
    <time datetime={item.publishedAt}>{formatJapanTime(ctx.lang, item.publishedAt)}</time>
    {item.tags.length ? (
      <>
        {' · '}
        <span class="visually-hidden">{t(ctx.lang, 'news.tagsLabel')} </span>
        {item.tags.map((tag, index) => (
          <>
            {index ? (ctx.lang === 'ja' ? '、' : ', ') : ''}
            <a href={href(ctx, tag.url)}>{tagName(ctx.lang, tag)}</a>
          </>
        ))}
      </>
    ) : null}
  </p>
);

/** A news item in a list: its title linked to its page, when and what about, its first paragraph. */
const NewsSummary: FC<{ ctx: PageContext; item: NewsItem; heading: 'h2' | 'h3' }> = ({ ctx, item, heading }) => {
  const Heading = heading;
  const title = preferred(ctx.lang, item.title);
  const body = preferred(ctx.lang, item.body);
  const first = body.text.split(/\n\s*\n/)[0] ?? '';
  return (
    <article class="news-summary">
      <Heading lang={title.lang}><a href={href(ctx, item.url)}>{title.text}</a></Heading>
      <NewsMeta ctx={ctx} item={item} />
      <p lang={body.lang} class="prose">{first.length > 300 ? `${first.slice(0, 300)}…` : first}</p>
    </article>
  );
};

/** The link to a feed, with its address for feed readers. */
const FeedLink: FC<{ ctx: PageContext; feedPath: string }> = ({ ctx, feedPath }) => (
  <p class="feed-link">
    <a href={href(ctx, feedPath)} type="application/atom+xml">{t(ctx.lang, 'news.feed')}</a>
  </p>
);

/** The feed's address for browsers and readers to find, in a page's head. */
export const FeedHead: FC<{ ctx: PageContext; feedPath: string; title: string }> = ({ ctx, feedPath, title }) => (
  <link rel="alternate" type="application/atom+xml" title={title} href={href(ctx, feedPath)} />
);

/** The news of a page's subject (a local government, a country, a relationship): the latest few and its feed. */
export const NewsSection: FC<{ ctx: PageContext; items: NewsItem[]; feedPath: string }> = ({ ctx, items, feedPath }) => (
  <section aria-labelledby="news">
    <h2 id="news">{t(ctx.lang, 'news.sectionTitle')}</h2>
    {items.length ? items.map((item) => <NewsSummary ctx={ctx} item={item} heading="h3" />) : <p>{t(ctx.lang, 'news.noneHere')}</p>}
    <FeedLink ctx={ctx} feedPath={feedPath} />
  </section>
);

/** The news page: every item, latest first, a page at a time. */
export const NewsListPage: FC<{ ctx: PageContext; items: NewsItem[]; page: number; pages: number; canWrite: boolean; done?: string | undefined }> = ({ ctx, items, page, pages, canWrite, done }) => (
  <Layout ctx={ctx} title={t(ctx.lang, 'news.title')} section="news" head={<FeedHead ctx={ctx} feedPath="/news.atom" title={t(ctx.lang, 'news.title')} />}>
    <h1>{t(ctx.lang, 'news.title')}</h1>
    {done ? <p class="note success" role="status">{done}</p> : null}
    <p class="prose">{t(ctx.lang, 'news.intro')}</p>
    <p class="actions-row">
      {canWrite ? <a class="button" href={href(ctx, '/news/new')}>{t(ctx.lang, 'news.publish')}</a> : null}
      <a class="button secondary" href={href(ctx, '/newsletter')}>{t(ctx.lang, 'news.newsletterLink')}</a>
      <a class="button secondary" href={href(ctx, '/commendations')}>{t(ctx.lang, 'news.commendationsLink')}</a>
    </p>
    {items.length ? items.map((item) => <NewsSummary ctx={ctx} item={item} heading="h2" />) : <p>{t(ctx.lang, 'news.none')}</p>}
    {pages > 1 ? (
      <nav class="pager" aria-label={t(ctx.lang, 'news.pages')}>
        {page > 1 ? <a href={href(ctx, `/news?page=${page - 1}`)} rel="prev">{t(ctx.lang, 'news.newer')}</a> : null}
        <span>{t(ctx.lang, 'news.pageOf', { page, pages })}</span>
        {page < pages ? <a href={href(ctx, `/news?page=${page + 1}`)} rel="next">{t(ctx.lang, 'news.older')}</a> : null}
      </nav>
    ) : null}
    <FeedLink ctx={ctx} feedPath="/news.atom" />
  </Layout>
);

/** A news item's own page, with the other language's text below when both are written. */
export const NewsItemPage: FC<{ ctx: PageContext; item: NewsItem; canWrite: boolean; done?: string | undefined }> = ({ ctx, item, canWrite, done }) => {
  const title = preferred(ctx.lang, item.title);
  const body = preferred(ctx.lang, item.body);
  const other: Lang = body.lang === 'en' ? 'ja' : 'en';
  return (
    <Layout ctx={ctx} title={title.text} section="news">
      <p class="breadcrumb"><a href={href(ctx, '/news')}>{t(ctx.lang, 'news.title')}</a></p>
      {done ? <p class="note success" role="status">{done}</p> : null}
      <article>
        <h1 lang={title.lang}>{title.text}</h1>
        <NewsMeta ctx={ctx} item={item} />
        <Paragraphs text={body.text} lang={body.lang} />
        {item.body[other] && item.title[other] ? (
          <section lang={other} class="news-other-language" aria-labelledby="other-language">
            <h2 id="other-language">{item.title[other]}</h2>
            <Paragraphs text={item.body[other]} lang={other} />
          </section>
        ) : null}
      </article>
      {canWrite ? (
        <div class="actions-row">
          <a class="button secondary" href={href(ctx, `${item.url}/edit`)}>{t(ctx.lang, 'news.edit')}</a>
          <form method="post" action={href(ctx, `${item.url}/delete`)} class="inline-form">
            <CsrfField ctx={ctx} />
            <button type="submit" class="button secondary">{t(ctx.lang, 'news.delete')}</button>
          </form>
        </div>
      ) : null}
    </Layout>
  );
};

const fieldId = (field: string) => (field === 'localGovernmentId' ? 'field-localGovernmentId' : `news-${field}`);

/** The form to publish or correct a news item. */
export const NewsFormPage: FC<{
  ctx: PageContext;
  action: string;
  values: NewsFormValues;
  picker: LgPickerState;
  jurisdictions: { slug: string; name: { en: string; ja: string } }[];
  problems: FieldProblem[];
  editing: boolean;
}> = ({ ctx, action, values, picker, jurisdictions, problems, editing }) => {
  const title = t(ctx.lang, editing ? 'news.form.editTitle' : 'news.form.title');
  const line = (name: 'titleEn' | 'titleJa' | 'countries' | 'relationshipIds', label: string, lang: Lang, hint?: string) => (
    <Field
      ctx={ctx}
      id={`news-${name}`}
      label={label}
      hint={hint}
      problem={problemOf(problems, name)}
      explain={newsProblemText}
      control={(attributes) => <input {...attributes} name={name} lang={lang} value={values[name]} maxlength={200} />}
    />
  );
  const area = (name: 'bodyEn' | 'bodyJa', label: string, lang: Lang) => (
    <Field
      ctx={ctx}
      id={`news-${name}`}
      label={label}
      hint={t(ctx.lang, 'news.form.bodyHint')}
      problem={problemOf(problems, name)}
      explain={newsProblemText}
      control={(attributes) => <textarea {...attributes} name={name} lang={lang} rows={8} maxlength={20000}>{values[name]}</textarea>}
    />
  );
  const lgProblem = problemOf(problems, 'localGovernmentId');
  return (
    <Layout ctx={ctx} title={title} section="news" head={<LgPickerScript />}>
      <p class="breadcrumb"><a href={href(ctx, '/news')}>{t(ctx.lang, 'news.title')}</a></p>
      <h1>{title}</h1>
      <p class="prose">{t(ctx.lang, 'news.form.intro')}</p>
      <ProblemSummary ctx={ctx} problems={problems} counted="news.form.problems" fieldId={fieldId} explain={newsProblemText} />
      <form method="post" action={href(ctx, action)} class="narrow" novalidate>
        <CsrfField ctx={ctx} />
        {line('titleEn', t(ctx.lang, 'news.form.titleEn'), 'en')}
        {area('bodyEn', t(ctx.lang, 'news.form.bodyEn'), 'en')}
        {line('titleJa', t(ctx.lang, 'news.form.titleJa'), 'ja')}
        {area('bodyJa', t(ctx.lang, 'news.form.bodyJa'), 'ja')}
        <h2>{t(ctx.lang, 'news.form.tags')}</h2>
        {line('countries', t(ctx.lang, 'news.form.countries'), ctx.lang, t(ctx.lang, 'news.form.countriesHint'))}
        <LgPicker
          ctx={ctx}
          name="localGovernmentId"
          multiple
          label={t(ctx.lang, 'news.form.localGovernments')}
          state={picker}
          problem={lgProblem ? newsProblemText(ctx.lang, lgProblem) : undefined}
        />
        {line('relationshipIds', t(ctx.lang, 'news.form.relationships'), ctx.lang, t(ctx.lang, 'commendations.form.relationshipIdsHint'))}
        {jurisdictions.length ? (
          <fieldset class={problemOf(problems, 'jurisdictions') ? 'field has-problem' : 'field'} id="news-jurisdictions">
            <legend>{t(ctx.lang, 'news.form.jurisdictions')}</legend>
            {problemOf(problems, 'jurisdictions') ? <p class="field-error">{newsProblemText(ctx.lang, problemOf(problems, 'jurisdictions')!)}</p> : null}
            {jurisdictions.map((jurisdiction, index) => (
              <p class="choice">
                <input type="checkbox" name="jurisdictions" id={`news-jurisdiction-${index}`} value={jurisdiction.slug} checked={values.jurisdictions.includes(jurisdiction.slug)} />
                <label for={`news-jurisdiction-${index}`}>{jurisdiction.name[ctx.lang] || jurisdiction.name.en}</label>
              </p>
            ))}
          </fieldset>
        ) : null}
        <p class="actions-row">
          <button type="submit" name="save" value="1">{t(ctx.lang, editing ? 'news.form.save' : 'news.form.publish')}</button>
          <a href={href(ctx, '/news')}>{t(ctx.lang, 'news.form.back')}</a>
        </p>
      </form>
    </Layout>
  );
};
