import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import type { Db } from '../db/client.js';
import { KizunaError } from '../errors.js';
import { t } from '../i18n/index.js';
import { API_DOCUMENT, createApi } from './api/routes.js';
import { serveAsset } from './assets.js';
import { refuseNulCharacters } from './nulCharacters.js';
import { pageContext } from './pageContext.js';
import { ApiDocsPage } from './pages/apiDocs.js';
import { fairUse, takeTurnsForLongWork, type FairUseSettings } from './fairUse.js';
import { ErrorPage } from './pages/registry.js';
import { publicCache } from './publicCache.js';
import { identify, type KizunaEnv, type SessionOptions } from './session.js';
import { registerAccountPages } from './routes/account.js';
import { registerDashboardPages } from './routes/dashboard.js';
import { registerFigurePages } from './routes/figures.js';
import { registerIntroductionPages } from './routes/introductions.js';
import { registerLgPickerRoute } from './routes/lgPicker.js';
import { registerListingPages } from './routes/listings.js';
import { registerMapData, registerMapPages } from './routes/map.js';
import { registerMatchPages } from './routes/match.js';
import { registerRegisterPages } from './routes/register.js';
import { registerRegistryPages } from './routes/registry.js';
import { registerStatisticsPages } from './routes/statistics.js';
import { registerStrategyPages } from './routes/strategy.js';
import { securityHeaders } from './securityHeaders.js';
import { registerExchangePages } from './routes/exchanges.js';
import { registerCommendationPages } from './routes/commendations.js';
import { registerNewsPages } from './routes/news.js';
import { registerNewsletterPages } from './routes/newsletter.js';
import { registerAnniversaryPages } from './routes/anniversaries.js';
import { DEFAULT_VITALITY_THRESHOLDS, type VitalityThresholds } from '../domain/vitality.js';

export interface AppOptions {
  db: Db;
  /** Behind a reverse proxy that sets X-Forwarded-For and X-Forwarded-Proto. */
  trustProxy?: boolean | undefined;
  /** Tell browsers (and the benchmark) in a Server-Timing header how long each answer took; off, since it helps timing attacks too. */
  serverTiming?: boolean | undefined;
  /** How many bytes of the public's answers to keep in memory (see publicCache); 0 keeps none. */
  cacheBytes?: number | undefined;
  /** The quotas of costly work (see fairUse); without them it is not limited. */
  fairUse?: FairUseSettings | undefined;
  /** The spans that make a relationship active or quiet (KIZUNA_VITALITY_*); the defaults unless given. */
  vitality?: VitalityThresholds | undefined;
}

const ONE_MEGABYTE = 1024 * 1024;
/** The memory kept for the public's answers unless told otherwise (KIZUNA_CACHE_MB). */
export const DEFAULT_CACHE_BYTES = 64 * ONE_MEGABYTE;
/** Forms may carry a listing's picture (at most 1 MB) besides their text. */
const FORM_BODY_LIMIT = 3 * ONE_MEGABYTE;
/**
 * The listing form takes a photo as a phone makes it, so that one over 1 MB is refused beside its
 * field with everything typed kept, rather than at the door with the form lost.
 */
const LISTING_FORM_BODY_LIMIT = 20 * ONE_MEGABYTE;
const LISTING_FORM = /^(\/ja)?\/dashboard\/listings(\/\d{1,9})?$/;
/** Static files and the map's data: the same for everyone, with ETags of their own. */
const isFileOrMapData = (c: Context) => c.req.path.startsWith('/assets/') || c.req.path.startsWith('/map/');

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
  const message =
    known.status === 404
      ? t(ctx.lang, 'error.notFoundText')
      : known.status >= 500
        ? t(ctx.lang, 'error.serverText')
        : known.id === 'too_many_requests' && 'retryAfter' in known
          ? t(ctx.lang, 'error.tooManyText', { seconds: Number(known.retryAfter) })
          : known.message;
  return c.html(<ErrorPage ctx={ctx} status={known.status} message={message} />, known.status);
}

/** The public pages of one language; mounted at / for English and /ja for Japanese. */
function createPages(db: Db, options: SessionOptions, vitality: VitalityThresholds): Hono<KizunaEnv> {
  const pages = new Hono<KizunaEnv>();
  registerExchangePages(pages, db, vitality);
  registerNewsPages(pages, db);
  registerAccountPages(pages, db, options);
  registerListingPages(pages, db);
  registerDashboardPages(pages, db, vitality);
  registerIntroductionPages(pages, db, options);
  registerMatchPages(pages, db);
  registerFigurePages(pages, db);
  registerRegisterPages(pages, db);
  registerAnniversaryPages(pages, db, vitality);
  registerRegistryPages(pages, db, vitality);
  registerStatisticsPages(pages, db, vitality);
  registerStrategyPages(pages, db, vitality);
  registerMapPages(pages, db);
  registerLgPickerRoute(pages, db);
  registerCommendationPages(pages, db);
  registerNewsletterPages(pages, db, options);
  return pages;
}

/** The whole web face: API, API docs, assets and the pages in both languages, over one database. */
export function createApp({
  db,
  trustProxy = false,
  serverTiming = false,
  cacheBytes = DEFAULT_CACHE_BYTES,
  fairUse: quotas,
  vitality = DEFAULT_VITALITY_THRESHOLDS,
}: AppOptions): Hono<KizunaEnv> {
  const sessionOptions: SessionOptions = { trustProxy };
  const app = new Hono<KizunaEnv>();
  app.onError(renderError);
  app.notFound((c) => renderError(new KizunaError('not_found', `There is no page at ${c.req.path}.`), c));
  app.use(securityHeaders());
  // How long the server spent on each answer, for browsers' developer tools and the benchmark.
  if (serverTiming) {
    app.use(async (c, next) => {
      const started = performance.now();
      await next();
      c.res.headers.set('Server-Timing', `app;dur=${(performance.now() - started).toFixed(1)}`);
    });
  }
  // Outside compression, so that an answer is kept compressed as it was sent.
  if (cacheBytes > 0) {
    const cache = publicCache(db, cacheBytes);
    app.use((c, next) => (isFileOrMapData(c) ? next() : cache(c, next)));
  }
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
  const formLimit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new KizunaError('payload_too_large', `The form is over ${maxSize / ONE_MEGABYTE} MB; a picture may be at most 1 MB.`);
      },
    });
  const [anyForm, listingForm] = [formLimit(FORM_BODY_LIMIT), formLimit(LISTING_FORM_BODY_LIMIT)];
  app.use('*', (c, next) => (LISTING_FORM.test(c.req.path) ? listingForm(c, next) : anyForm(c, next)));
  app.use(refuseNulCharacters());
  // Static files need no identity; everything else learns who is asking, and browser writes need a CSRF token.
  const identifyVisitor = identify(db, sessionOptions);
  app.use(async (c, next) => (isFileOrMapData(c) ? next() : identifyVisitor(c, next)));
  if (quotas) app.use(fairUse(db, quotas, sessionOptions));
  app.use(takeTurnsForLongWork());
  const api = createApi({ db, vitality });
  // The API reference is in English only.
  app.get('/ja/api/docs', (c) => c.redirect('/api/docs', 302));
  app.get('/api/docs', (c) => c.html(<ApiDocsPage document={api.getOpenAPI31Document(API_DOCUMENT) as never} />));
  app.route('/api', api);
  app.get('/assets/:name{[a-zA-Z0-9._-]+}', (c) => serveAsset(c, c.req.param('name')));
  // Browsers ask for /favicon.ico whatever a page names; the Japanese home is also typed with a slash.
  app.get('/favicon.ico', (c) => c.redirect('/assets/favicon.svg', 301));
  app.get('/ja/', (c) => c.redirect('/ja', 301));
  registerMapData(app, db);
  const pages = createPages(db, sessionOptions, vitality);
  app.route('/ja', pages);
  app.route('/', pages);
  return app;
}
