import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import type { Db } from '../db/client.js';
import { KizunaError } from '../errors.js';
import { countryName, lgName, pathWithoutLocale, t, type Lang } from '../i18n/index.js';
import { countryList, japaneseAnniversaries, latestSignedJapaneseRelationships, prefectureCodeOf, prefectureList, type PartnerLine } from '../services/lists.js';
import { downloadRows, pageOf, sortLines, SORTS, type ListSort } from './detailsLists.js';
import { getLocalGovernment, getRelationship, today } from '../services/registry.js';
import { EARLIEST_YEAR } from '../domain/relationships.js';
import { SEARCH_KINDS } from '../domain/statistics.js';
import { searchLocalGovernments, type SearchResult } from '../services/search.js';
import { loadCountries } from '../reference/countries.js';
import { japanStatistics } from '../services/stats.js';
import { API_DOCUMENT, createApi } from './api/routes.js';
import { etagMatches, serveAsset } from './assets.js';
import { ApiDocsPage } from './pages/apiDocs.js';
import { GuidePage, GuidesIndexPage } from './pages/guides.js';
import { StatisticsPage } from './pages/statistics.js';
import { statisticsTables } from './statisticsTables.js';
import { csvResponse, xlsxResponse } from './downloads.js';
import { StatisticsQuery } from './api/schemas.js';
import { findGuide } from '../content/guides.js';
import { relationshipMap, type MapDataset } from '../services/mapData.js';
import { renderWorldMapSvg, worldMapData } from './map/worldMap.js';
import { MapPage } from './pages/map.js';
import type { PageContext } from './pages/layout.js';
import { identify, type KizunaEnv, type SessionOptions } from './session.js';
import { registerAccountPages } from './routes/account.js';
import { registerDashboardPages } from './routes/dashboard.js';
import { registerIntroductionPages } from './routes/introductions.js';
import { registerListingPages } from './routes/listings.js';
import { registerMatchPages } from './routes/match.js';
import { registerFigurePages } from './routes/figures.js';
import { registerRegisterPages } from './routes/register.js';
import { decide } from '../domain/authorization.js';
import {
  CountryIndexPage,
  CountryPage,
  ErrorPage,
  HomePage,
  LocalGovernmentPage,
  PrefectureIndexPage,
  PrefecturePage,
  RelationshipPage,
  SearchPage,
  type ListView,
} from './pages/registry.js';

export interface AppOptions {
  db: Db;
  /** Behind a reverse proxy that sets X-Forwarded-For and X-Forwarded-Proto. */
  trustProxy?: boolean | undefined;
}

const ONE_MEGABYTE = 1024 * 1024;
/** Forms may carry a listing's picture (at most 1 MB) besides their text. */
const FORM_BODY_LIMIT = 3 * ONE_MEGABYTE;

/** The language of a page address: /ja and below are Japanese. */
const languageOf = (path: string): Lang => (path === '/ja' || path.startsWith('/ja/') ? 'ja' : 'en');

/** What a page needs to know of its request: language, address without the language prefix, who is signed in. */
export function pageContext(c: Context<KizunaEnv>): PageContext {
  const url = new URL(c.req.url);
  const actor = c.get('actor');
  return {
    lang: languageOf(url.pathname),
    path: pathWithoutLocale(url.pathname) + url.search,
    viewer: actor?.kind === 'account' ? { name: actor.name, role: actor.role } : undefined,
    csrf: c.get('csrf') ?? '',
  };
}

/** Renders any error: JSON under /api, a page in the page's language elsewhere. Unknown errors are logged and hidden. */
function renderError(error: unknown, c: Context<KizunaEnv>) {
  let known: KizunaError;
  if (error instanceof KizunaError) known = error;
  else if (error instanceof HTTPException && error.status === 400) known = new KizunaError('malformed_json', `The body is not valid JSON: ${error.message}.`);
  else if (error instanceof HTTPException && error.status === 415) known = new KizunaError('unsupported_media_type', 'Send the body as JSON, with Content-Type: application/json.');
  else if (error instanceof HTTPException) known = new KizunaError(error.status === 404 ? 'not_found' : 'bad_request', error.message);
  else {
    console.error(error);
    known = new KizunaError('internal', 'Kizuna failed to answer this request; the error is in the server log.');
  }
  if (known.id === 'too_many_requests' && 'retryAfter' in known) c.header('Retry-After', String(known.retryAfter));
  if (c.req.path.startsWith('/api/') || c.req.path === '/api') {
    return c.json({ error: { id: known.id, message: known.message, problems: known.problems } }, known.status);
  }
  const ctx = pageContext(c);
  const message = known.status === 404 ? t(ctx.lang, 'error.notFoundText') : known.status >= 500 ? t(ctx.lang, 'error.serverText') : known.message;
  return c.html(<ErrorPage ctx={ctx} status={known.status} message={message} />, known.status);
}

let knownCountryCodes: string[] | undefined;
/** Every country code Kizuna knows, for the search form. */
const countryCodes = () => (knownCountryCodes ??= loadCountries().map((country) => country.code));

/** The public pages of one language; mounted at / for English and /ja for Japanese. */
function createPages(db: Db, options: SessionOptions): Hono<KizunaEnv> {
  const pages = new Hono<KizunaEnv>();
  registerAccountPages(pages, db, options);
  registerListingPages(pages, db);
  registerDashboardPages(pages, db);
  registerIntroductionPages(pages, db, options);
  registerMatchPages(pages, db);
  registerFigurePages(pages, db);
  registerRegisterPages(pages, db);
  pages.get('/', async (c) => {
    const year = Number(today().slice(0, 4));
    const stats = await japanStatistics(db);
    return c.html(
      <HomePage
        ctx={pageContext(c)}
        stats={stats}
        latest={await latestSignedJapaneseRelationships(db, 10)}
        anniversaries={await japaneseAnniversaries(db, year)}
        year={year}
      />,
    );
  });
  pages.get('/search', async (c) => {
    const ctx = pageContext(c);
    const query = c.req.query('q') ?? '';
    const countries = countryCodes();
    const country = c.req.query('country')?.toUpperCase();
    const kind = c.req.query('kind');
    // Filters a person cannot have picked from the form are left out rather than refused.
    const filters = {
      country: country && countries.includes(country) ? country : undefined,
      kind: kind && (SEARCH_KINDS as readonly string[]).includes(kind) ? kind : undefined,
    };
    const render = (results: SearchResult[], problem?: string, status: 200 | 422 = 200) =>
      c.html(<SearchPage ctx={ctx} query={query.slice(0, 200)} results={results} problem={problem} filters={filters} countries={countries} />, status);
    if (!query.trim()) return render([]);
    if (query.length > 200) return render([], t(ctx.lang, 'search.tooLong'), 422);
    try {
      return render(await searchLocalGovernments(db, { q: query, limit: 30, ...filters }));
    } catch (error) {
      if (error instanceof KizunaError && error.id === 'validation_failed') return render([], t(ctx.lang, 'search.tooShort'), 422);
      throw error;
    }
  });
  pages.get('/lg/:key', async (c) => {
    const ctx = pageContext(c);
    const id = /^(\d{1,9})(?:-|$)/.exec(c.req.param('key'))?.[1];
    if (!id) throw new KizunaError('not_found', `There is no local government at ${c.req.path}.`);
    const lg = await getLocalGovernment(db, Number(id));
    const canonical = (ctx.lang === 'ja' ? '/ja' : '') + lg.url;
    if (c.req.path !== canonical) return c.redirect(canonical, 301);
    return c.html(<LocalGovernmentPage ctx={ctx} lg={lg} />);
  });
  pages.get('/relationships/:id{[0-9]{1,9}}', async (c) =>
    c.html(<RelationshipPage ctx={pageContext(c)} relationship={await getRelationship(db, Number(c.req.param('id')))} />),
  );
  pages.get('/prefectures', async (c) => c.html(<PrefectureIndexPage ctx={pageContext(c)} rows={(await japanStatistics(db)).byPrefecture} />));
  pages.get('/prefectures/:code{[0-9]{6}}', async (c) => {
    const ctx = pageContext(c);
    const list = await prefectureList(db, c.req.param('code'));
    const view = listView(c, ctx, list.lines, `/prefectures/${c.req.param('code')}`, 'local');
    return c.html(<PrefecturePage ctx={ctx} prefecture={list.prefecture} view={view} />);
  });
  // A prefecture as people write its address: its number (13) or its name (tokyo), sent on to the six-digit code.
  const toPrefecture = async (c: Context<KizunaEnv>, key: string) => {
    const code = await prefectureCodeOf(db, key);
    if (!code) throw new KizunaError('not_found', `There is no prefecture ${key}.`);
    return c.redirect(`${pageContext(c).lang === 'ja' ? '/ja' : ''}/prefectures/${code}${new URL(c.req.url).search}`, 301);
  };
  pages.get('/prefectures/:number{[0-9]{1,2}}', (c) => toPrefecture(c, c.req.param('number')));
  pages.get('/prefectures/:name{[A-Za-z-]+}', (c) => toPrefecture(c, c.req.param('name')));
  pages.get('/prefectures/:file{[0-9]{6}\\.(?:csv|xlsx)}', async (c) => {
    const ctx = pageContext(c);
    const [code, extension] = c.req.param('file').split('.') as [string, string];
    const list = await prefectureList(db, code);
    return listDownload(c, ctx, list.lines, `kizuna-${code}`, lgName(ctx.lang, list.prefecture), extension);
  });
  pages.get('/countries', async (c) =>
    c.html(<CountryIndexPage ctx={pageContext(c)} rows={(await japanStatistics(db)).byCountry} />),
  );
  pages.get('/countries/:code{[A-Za-z]{2}}', async (c) => {
    const ctx = pageContext(c);
    const code = c.req.param('code').toUpperCase();
    // Japan's own relationships are listed by prefecture.
    if (code === 'JP') return c.redirect(ctx.lang === 'ja' ? '/ja/prefectures' : '/prefectures', 302);
    const list = await countryList(db, code);
    const view = listView(c, ctx, list.lines, `/countries/${code}`, 'local');
    return c.html(<CountryPage ctx={ctx} code={code} view={view} />);
  });
  pages.get('/countries/:file{[A-Za-z]{2}\\.(?:csv|xlsx)}', async (c) => {
    const ctx = pageContext(c);
    const [code, extension] = c.req.param('file').split('.') as [string, string];
    const list = await countryList(db, code.toUpperCase());
    return listDownload(c, ctx, list.lines, `kizuna-${code.toUpperCase()}`, countryName(ctx.lang, code.toUpperCase()), extension);
  });
  pages.get('/statistics', async (c) => {
    const ctx = pageContext(c);
    const canEditFigures = decide(c.get('actor'), { do: 'figures.edit' }).allowed;
    const canImportRegister = decide(c.get('actor'), { do: 'register.import' }).allowed;
    return c.html(
      <StatisticsPage ctx={ctx} stats={await japanStatistics(db, asOfFrom(c))} canEditFigures={canEditFigures} canImportRegister={canImportRegister} />,
    );
  });
  pages.get('/statistics/:file{[a-z]+\\.csv}', async (c) => {
    const ctx = pageContext(c);
    const id = c.req.param('file').replace(/\.csv$/, '');
    const table = statisticsTables(ctx.lang, await japanStatistics(db, asOfFrom(c))).find((candidate) => candidate.id === id);
    if (!table) throw new KizunaError('not_found', `There is no statistics table ${id}.`);
    return csvResponse(`kizuna-${table.id}-${asOfFrom(c) ?? 'today'}.csv`, table.columns.map((column) => column.label), table.rows);
  });
  pages.get('/map', async (c) => {
    const ctx = pageContext(c);
    const data = await relationshipMap(db);
    const countries = [...new Set(data.places.map((place) => place.country))];
    const requested = c.req.query('country')?.toUpperCase();
    const selected = requested && countries.includes(requested) ? requested : undefined;
    const placeId = Number(c.req.query('place'));
    const place = Number.isInteger(placeId) && data.places.some((candidate) => candidate.id === placeId) ? placeId : undefined;
    const svg = renderWorldMapSvg(data.places, data.links, {
      cacheKey: data.version,
      title: t(ctx.lang, 'map.title'),
      summary: t(ctx.lang, 'map.summary'),
      ...(place !== undefined ? { highlight: { placeId: place } } : selected ? { highlight: { country: selected } } : {}),
    });
    return c.html(
      <MapPage ctx={ctx} svg={svg} countries={countries} selected={selected} place={place} links={data.links.length} places={data.places.length} />,
    );
  });
  pages.get('/guides', (c) => c.html(<GuidesIndexPage ctx={pageContext(c)} />));
  pages.get('/guides/:slug', (c) => {
    const guide = findGuide(c.req.param('slug'));
    if (!guide) throw new KizunaError('not_found', `There is no guide ${c.req.param('slug')}.`);
    return c.html(<GuidePage ctx={pageContext(c)} guide={guide} />);
  });
  return pages;
}

const mapJsonByVersion = new Map<string, ReturnType<typeof worldMapData>>();

/** The map's data for the browser in a language, built once per version of the relationships. */
function mapJson(data: MapDataset, lang: Lang): ReturnType<typeof worldMapData> {
  const key = `${data.version}|${lang}`;
  const built =
    mapJsonByVersion.get(key) ??
    worldMapData(
      data.places.map((place) => ({ ...place, name: lang === 'ja' ? (place.nameJa ?? place.name) : place.name })),
      data.links,
    );
  if (!mapJsonByVersion.has(key)) {
    for (const old of [...mapJsonByVersion.keys()]) if (!old.startsWith(`${data.version}|`)) mapJsonByVersion.delete(old);
    mapJsonByVersion.set(key, built);
  }
  return built;
}

/** The order a list page asks for (?sort=), or the list's own. */
function sortFrom(c: Context, fallback: ListSort): ListSort {
  const sort = c.req.query('sort');
  return (SORTS as readonly string[]).includes(sort ?? '') ? (sort as ListSort) : fallback;
}

/** One page of a details list, in the order asked for. */
function listView(c: Context, ctx: PageContext, lines: PartnerLine[], base: string, fallback: ListSort): ListView {
  const sort = sortFrom(c, fallback);
  const paged = pageOf(sortLines(ctx.lang, lines, sort), Number(c.req.query('page') ?? 1));
  return { lines: paged.items, total: lines.length, sort, page: paged.page, pages: paged.pages, base };
}

/** A details list as CSV or XLSX, in the order asked for and the reader's language. */
async function listDownload(c: Context, ctx: PageContext, lines: PartnerLine[], filename: string, title: string, extension: string): Promise<Response> {
  const { header, rows } = downloadRows(ctx.lang, sortLines(ctx.lang, lines, sortFrom(c, 'local')), new URL(c.req.url).origin);
  return extension === 'xlsx' ? xlsxResponse(`${filename}.xlsx`, title, header, rows) : csvResponse(`${filename}.csv`, header, rows);
}

/** The day a statistics page asks for (?asOf=YYYY-MM-DD), checked; undefined for today. */
function asOfFrom(c: Context): string | undefined {
  const asOf = c.req.query('asOf');
  if (!asOf) return undefined;
  if (!StatisticsQuery.safeParse({ asOf }).success) {
    const message = t(pageContext(c).lang, 'stats.badDate', { earliest: `${EARLIEST_YEAR}-01-01`, today: today() });
    throw new KizunaError('validation_failed', message, [{ field: 'asOf', message }]);
  }
  return asOf;
}

/** The whole web face: API, API docs, assets and the pages in both languages, over one database. */
export function createApp({ db, trustProxy = false }: AppOptions): Hono<KizunaEnv> {
  const sessionOptions: SessionOptions = { trustProxy };
  const app = new Hono<KizunaEnv>();
  app.onError(renderError);
  app.notFound((c) => renderError(new KizunaError('not_found', `There is no page at ${c.req.path}.`), c));
  // How long the server spent on each answer, for browsers' developer tools and the benchmark.
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    c.res.headers.set('Server-Timing', `app;dur=${(performance.now() - started).toFixed(1)}`);
  });
  app.use(compress());

  app.use(
    '/api/*',
    bodyLimit({
      maxSize: ONE_MEGABYTE,
      onError: () => {
        throw new KizunaError('payload_too_large', 'The body is over 1 MB; send less at a time.');
      },
    }),
  );
  app.use(
    '*',
    bodyLimit({
      maxSize: FORM_BODY_LIMIT,
      onError: () => {
        throw new KizunaError('payload_too_large', 'The form is over 3 MB; a picture may be at most 1 MB.');
      },
    }),
  );
  // PostgreSQL cannot store or compare a NUL character in text: refuse it in the query and in a text
  // body, before anything reads them.
  app.use(async (c, next) => {
    for (const [name, value] of new URL(c.req.url).searchParams) {
      if (name.includes('\0') || value.includes('\0')) {
        const field = name.replace(/\0/g, '');
        throw new KizunaError('bad_request', `The query parameter ${field} contains a NUL character, which no field may hold.`, [
          { field, message: 'must not contain a NUL character' },
        ]);
      }
    }
    const type = c.req.header('content-type') ?? '';
    const refuse = () => {
      throw new KizunaError('bad_request', 'The form or body contains a NUL character, which no field may hold. Remove it and send again.');
    };
    if (c.req.method !== 'GET' && (type.startsWith('application/json') || type.startsWith('application/x-www-form-urlencoded'))) {
      const text = await c.req.text();
      if (text.includes('\0') || /%00|\\u0000/i.test(text)) refuse();
    } else if (c.req.method === 'POST' && type.startsWith('multipart/form-data')) {
      const fields = Object.values(await c.req.parseBody({ all: true })).flat();
      if (fields.some((field) => typeof field === 'string' && field.includes('\0'))) refuse();
    }
    await next();
  });
  // Static files need no identity; everything else learns who is asking, and browser writes need a CSRF token.
  const identifyVisitor = identify(db, sessionOptions);
  app.use(async (c, next) => (c.req.path.startsWith('/assets/') || c.req.path.startsWith('/map/') ? next() : identifyVisitor(c, next)));
  const api = createApi({ db });
  // The API reference is in English only.
  app.get('/ja/api/docs', (c) => c.redirect('/api/docs', 302));
  app.get('/api/docs', (c) => c.html(<ApiDocsPage document={api.getOpenAPI31Document(API_DOCUMENT) as never} />));
  app.route('/api', api);
  app.get('/assets/:name{[a-zA-Z0-9._-]+}', (c) => serveAsset(c, c.req.param('name')));
  // Browsers ask for /favicon.ico whatever a page names; the Japanese home is also typed with a slash.
  app.get('/favicon.ico', (c) => c.redirect('/assets/favicon.svg', 301));
  app.get('/ja/', (c) => c.redirect('/ja', 301));
  app.get('/map/places/:file{[0-9]{1,9}\\.svg}', async (c) => {
    const id = Number(c.req.param('file').replace('.svg', ''));
    const data = await relationshipMap(db);
    if (!data.places.some((place) => place.id === id)) throw new KizunaError('not_found', `Local government ${id} has no place on the map.`);
    const svg = renderWorldMapSvg(data.places, data.links, { cacheKey: data.version, title: 'Kizuna', summary: '', highlight: { placeId: id }, allLinks: false, idPrefix: `place-${id}` });
    return c.body(svg, 200, { 'Content-Type': 'image/svg+xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' });
  });
  app.get('/map/data.json', async (c) => {
    const data = await relationshipMap(db);
    const lang: Lang = c.req.query('lang') === 'ja' ? 'ja' : 'en';
    const etag = `"map-${data.version}-${lang}"`;
    if (etagMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304);
    c.header('ETag', etag);
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(mapJson(data, lang));
  });

  const pages = createPages(db, sessionOptions);
  app.route('/ja', pages);
  app.route('/', pages);
  return app;
}
