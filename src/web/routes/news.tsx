import type { Context, Hono } from 'hono';
import type { Db } from '../../db/client.js';
import { decide } from '../../domain/authorization.js';
import type { NewsTag } from '../../domain/news.js';
import { KizunaError, type FieldProblem } from '../../errors.js';
import { countryName, lgName, t } from '../../i18n/index.js';
import { loadCountries } from '../../reference/countries.js';
import { countNews, deleteNews, getNewsItem, listNews, publishNews, tagsOfJurisdiction, tagsOfLocalGovernment, updateNews, type NewsItem } from '../../services/news.js';
import { getJurisdiction, listJurisdictions } from '../../services/jurisdictions.js';
import { getLocalGovernment, getRelationship } from '../../services/registry.js';
import { FEED_ITEMS, newsAtom } from '../feeds.js';
import { lgPickerState, searchAsked } from '../forms/lgPicker.js';
import { EMPTY_NEWS_FORM, newsFormField, readNewsForm, type NewsFormValues } from '../forms/newsForms.js';
import { pageContext } from '../pageContext.js';
import { href } from '../pages/layout.js';
import { NewsFormPage, NewsItemPage, NewsListPage } from '../pages/news.js';
import type { KizunaEnv } from '../session.js';
import { admit, currentPath } from './access.js';

const NEWS = '/news/:id{[0-9]{1,9}}';
const PAGE_SIZE = 20;
/** How many items the page of what they are tagged with shows. */
export const NEWS_ON_PAGES = 5;

/** A news item as its form shows it for correcting. */
const formOf = (item: NewsItem): NewsFormValues => ({
  ...EMPTY_NEWS_FORM,
  titleEn: item.title.en,
  titleJa: item.title.ja,
  bodyEn: item.body.en,
  bodyJa: item.body.ja,
  countries: item.tags.flatMap((tag) => (tag.kind === 'country' ? [tag.value] : [])).join(', '),
  localGovernmentIds: item.tags.flatMap((tag) => (tag.kind === 'lg' ? [Number(tag.value)] : [])),
  relationshipIds: item.tags.flatMap((tag) => (tag.kind === 'relationship' ? [tag.value] : [])).join(', '),
  jurisdictions: item.tags.flatMap((tag) => (tag.kind === 'jurisdiction' ? [tag.value] : [])),
});

let countryCodes: Set<string> | undefined;
const knownCountry = (code: string) => (countryCodes ??= new Set(loadCountries().map((country) => country.code))).has(code);

/**
 * The news pages: the news page and each item's page, the Atom feeds (site-wide, and of a country,
 * a local government and a relationship, whose pages show the same news), and the form coordinators
 * publish, correct and delete items with.
 */
export function registerNewsPages(pages: Hono<KizunaEnv>, db: Db): void {
  const canWrite = (c: Context<KizunaEnv>) => decide(c.get('actor'), { do: 'news.write' }).allowed;
  const origin = (c: Context) => new URL(c.req.url).origin;

  pages.get('/news', async (c) => {
    const ctx = pageContext(c);
    const pages = Math.max(1, Math.ceil((await countNews(db)) / PAGE_SIZE));
    const page = Math.min(pages, Math.max(1, Number(c.req.query('page')) || 1));
    const items = await listNews(db, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const done = c.req.query('done') === 'deleted' ? t(ctx.lang, 'news.done.deleted') : undefined;
    return c.html(<NewsListPage ctx={ctx} items={items} page={page} pages={pages} canWrite={canWrite(c)} done={done} />);
  });
  pages.get('/news.atom', async (c) => {
    const { lang } = pageContext(c);
    return newsAtom(lang, origin(c), t(lang, 'news.title'), '/news', '/news.atom', await listNews(db, { limit: FEED_ITEMS }));
  });
  pages.get('/countries/:code{[A-Za-z]{2}}/news.atom', async (c) => {
    const { lang } = pageContext(c);
    const code = c.req.param('code').toUpperCase();
    if (!knownCountry(code)) throw new KizunaError('not_found', `There is no country ${code}.`);
    const tags: NewsTag[] = [{ kind: 'country', value: code }];
    return newsAtom(lang, origin(c), t(lang, 'news.feedOf', { name: countryName(lang, code) }), `/countries/${code}`, `/countries/${code}/news.atom`, await listNews(db, { tags, limit: FEED_ITEMS }));
  });
  pages.get('/lg/:id{[0-9]{1,9}}/news.atom', async (c) => {
    const { lang } = pageContext(c);
    const lg = await getLocalGovernment(db, Number(c.req.param('id')));
    const tags = tagsOfLocalGovernment(lg.id, lg.relationships.map((relationship) => relationship.id));
    return newsAtom(lang, origin(c), t(lang, 'news.feedOf', { name: lgName(lang, lg) }), lg.url, `/lg/${lg.id}/news.atom`, await listNews(db, { tags, limit: FEED_ITEMS }));
  });
  pages.get('/relationships/:id{[0-9]{1,9}}/news.atom', async (c) => {
    const { lang } = pageContext(c);
    const relationship = await getRelationship(db, Number(c.req.param('id')));
    const name = `${lgName(lang, relationship.parties[0])} – ${lgName(lang, relationship.parties[1])}`;
    const tags: NewsTag[] = [{ kind: 'relationship', value: String(relationship.id) }];
    return newsAtom(lang, origin(c), t(lang, 'news.feedOf', { name }), relationship.url, `${relationship.url}/news.atom`, await listNews(db, { tags, limit: FEED_ITEMS }));
  });
  pages.get('/jurisdictions/:slug{[a-z0-9]+(?:-[a-z0-9]+)*}/news.atom', async (c) => {
    const { lang } = pageContext(c);
    const jurisdiction = await getJurisdiction(db, c.req.param('slug'));
    const tags = tagsOfJurisdiction(jurisdiction);
    return newsAtom(lang, origin(c), t(lang, 'news.feedOf', { name: jurisdiction.name[lang] || jurisdiction.name.en }), jurisdiction.url, `${jurisdiction.url}/news.atom`, await listNews(db, { tags, limit: FEED_ITEMS }));
  });
  pages.get(NEWS, async (c) => {
    const ctx = pageContext(c);
    const done = c.req.query('done') === 'saved' ? t(ctx.lang, 'news.done.saved') : undefined;
    return c.html(<NewsItemPage ctx={ctx} item={await getNewsItem(db, Number(c.req.param('id')))} canWrite={canWrite(c)} done={done} />);
  });

  const form = async (c: Context<KizunaEnv>, action: string, values: NewsFormValues, problems: FieldProblem[], editing: boolean, status: 200 | 422 = 200) => {
    const ctx = pageContext(c);
    const picker = await lgPickerState(db, ctx.lang, { ids: values.localGovernmentIds, lgQuery: values.lgQuery, lgFind: values.lgFind });
    return c.html(<NewsFormPage ctx={ctx} action={action} values={values} picker={picker} jurisdictions={await listJurisdictions(db)} problems={problems} editing={editing} />, status);
  };

  const save = async (c: Context<KizunaEnv>, action: string, editing: boolean, write: (input: NonNullable<ReturnType<typeof readNewsForm>['input']>) => Promise<NewsItem>) => {
    const sent = readNewsForm(await c.req.parseBody({ all: true }));
    if (searchAsked(sent.values)) return form(c, action, sent.values, [], editing);
    if (!sent.input) return form(c, action, sent.values, sent.problems, editing, 422);
    try {
      const saved = await write(sent.input);
      return c.redirect(href(pageContext(c), `${saved.url}?done=saved`), 303);
    } catch (error) {
      if (error instanceof KizunaError && error.id === 'validation_failed') {
        return form(c, action, sent.values, error.problems.map((problem) => ({ ...problem, field: newsFormField(problem.field, sent.tags) })), editing, 422);
      }
      throw error;
    }
  };

  pages.get('/news/new', async (c) => {
    const actor = await admit(c, { do: 'news.write' }, currentPath(c));
    if (actor instanceof Response) return actor;
    return form(c, '/news', EMPTY_NEWS_FORM, [], false);
  });
  pages.post('/news', async (c) => {
    const actor = await admit(c, { do: 'news.write' }, href(pageContext(c), '/news/new'));
    if (actor instanceof Response) return actor;
    return save(c, '/news', false, (input) => publishNews(db, actor, input));
  });
  pages.get(`${NEWS}/edit`, async (c) => {
    const actor = await admit(c, { do: 'news.write' }, currentPath(c));
    if (actor instanceof Response) return actor;
    const item = await getNewsItem(db, Number(c.req.param('id')));
    return form(c, item.url, formOf(item), [], true);
  });
  pages.post(NEWS, async (c) => {
    const id = Number(c.req.param('id'));
    const actor = await admit(c, { do: 'news.write' }, href(pageContext(c), `/news/${id}/edit`));
    if (actor instanceof Response) return actor;
    return save(c, `/news/${id}`, true, (input) => updateNews(db, actor, id, input));
  });
  pages.post(`${NEWS}/delete`, async (c) => {
    const ctx = pageContext(c);
    const actor = await admit(c, { do: 'news.write' }, href(ctx, '/news'));
    if (actor instanceof Response) return actor;
    await deleteNews(db, actor, Number(c.req.param('id')));
    return c.redirect(href(ctx, '/news?done=deleted'), 303);
  });
}
