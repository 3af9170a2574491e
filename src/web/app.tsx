import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { Db } from '../db/client.js';
import { KizunaError } from '../errors.js';
import { countryIndex, countryList, prefectureList } from '../services/lists.js';
import { getLocalGovernment, getRelationship } from '../services/registry.js';
import { searchLocalGovernments } from '../services/search.js';
import { japanStatistics } from '../services/stats.js';
import { API_DOCUMENT, createApi } from './api/routes.js';
import { ApiDocsPage } from './pages/apiDocs.js';
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
} from './pages/registry.js';

export interface AppOptions {
  db: Db;
  adminToken?: string | undefined;
}

const ONE_MEGABYTE = 1024 * 1024;

/** Renders any error: JSON under /api, a page elsewhere. Unknown errors are logged and hidden. */
function renderError(error: unknown, c: Context) {
  let known: KizunaError;
  if (error instanceof KizunaError) known = error;
  else if (error instanceof HTTPException && error.status === 400) known = new KizunaError('malformed_json', `The body is not valid JSON: ${error.message}.`);
  else if (error instanceof HTTPException && error.status === 415) known = new KizunaError('unsupported_media_type', 'Send the body as JSON, with Content-Type: application/json.');
  else if (error instanceof HTTPException) known = new KizunaError(error.status === 404 ? 'not_found' : 'bad_request', error.message);
  else {
    console.error(error);
    known = new KizunaError('internal', 'Kizuna failed to answer this request; the error is in the server log.');
  }
  if (c.req.path.startsWith('/api/') || c.req.path === '/api') {
    return c.json({ error: { id: known.id, message: known.message, problems: known.problems } }, known.status);
  }
  return c.html(<ErrorPage status={known.status} message={known.message} />, known.status);
}

/** The whole web face: API, API docs and pages over one database. */
export function createApp({ db, adminToken }: AppOptions): Hono {
  const app = new Hono();
  app.onError(renderError);
  app.notFound((c) => renderError(new KizunaError('not_found', `There is no page at ${c.req.path}.`), c));

  app.use(
    '/api/*',
    bodyLimit({
      maxSize: ONE_MEGABYTE,
      onError: () => {
        throw new KizunaError('payload_too_large', 'The body is over 1 MB; send less at a time.');
      },
    }),
  );
  const api = createApi({ db, adminToken });
  app.get('/api/docs', (c) => c.html(<ApiDocsPage document={api.getOpenAPI31Document(API_DOCUMENT) as never} />));
  app.route('/api', api);

  app.get('/', async (c) => c.html(<HomePage stats={await japanStatistics(db)} countries={await countryIndex(db)} />));
  app.get('/search', async (c) => {
    const query = (c.req.query('q') ?? '').slice(0, 200);
    if (!query.trim()) return c.html(<SearchPage query="" results={[]} />);
    try {
      return c.html(<SearchPage query={query} results={await searchLocalGovernments(db, { q: query, limit: 30 })} />);
    } catch (error) {
      if (error instanceof KizunaError && error.id === 'validation_failed') {
        return c.html(<SearchPage query={query} results={[]} problem="Type at least one letter of a name." />, 422);
      }
      throw error;
    }
  });
  app.get('/lg/:key', async (c) => {
    const id = /^(\d{1,9})(?:-|$)/.exec(c.req.param('key'))?.[1];
    if (!id) throw new KizunaError('not_found', `There is no local government at ${c.req.path}.`);
    const lg = await getLocalGovernment(db, Number(id));
    if (c.req.path !== lg.url) return c.redirect(lg.url, 301);
    return c.html(<LocalGovernmentPage lg={lg} />);
  });
  app.get('/relationships/:id{[0-9]{1,9}}', async (c) => c.html(<RelationshipPage relationship={await getRelationship(db, Number(c.req.param('id')))} />));
  app.get('/prefectures', async (c) => c.html(<PrefectureIndexPage rows={(await japanStatistics(db)).byPrefecture} />));
  app.get('/prefectures/:code{[0-9]{6}}', async (c) => c.html(<PrefecturePage list={await prefectureList(db, c.req.param('code'))} />));
  app.get('/countries', async (c) => c.html(<CountryIndexPage rows={await countryIndex(db)} />));
  app.get('/countries/:code{[A-Za-z]{2}}', async (c) => {
    const code = c.req.param('code').toUpperCase();
    // Japan's own relationships are listed by prefecture.
    if (code === 'JP') return c.redirect('/prefectures', 302);
    return c.html(<CountryPage list={await countryList(db, code)} />);
  });
  return app;
}
