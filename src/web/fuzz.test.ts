import { sql } from 'drizzle-orm';
import { HonoRequest } from 'hono/request';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { createTestAccount, OPERATOR, type TestAccount } from '../../test/accounts.js';
import { recordExchange } from '../services/exchanges.js';
import { createJurisdiction } from '../services/jurisdictions.js';
import { recordCommendation } from '../services/commendations.js';
import { publishNews } from '../services/news.js';
import { assembleIssue } from '../services/newsletter.js';
import { COMPLETE_LISTING_FORM, signedInClient, TestClient } from '../../test/client.js';
import { openTestDatabase } from '../../test/database.js';
import { queryRows, type Database } from '../db/client.js';
import { MATCH_FACTORS } from '../domain/matching.js';
import { createApiToken, inviteAccount } from '../services/accounts.js';
import { expressInterest, takeIntroductionStep } from '../services/introductions.js';
import { createListing, takeListingStep } from '../services/listings.js';
import { listPublishedFigures } from '../services/publishedFigures.js';
import { createRelationship } from '../services/registry.js';
import { AuditQuery } from './routes/account.js';
import { DoneQuery, NewListingQuery } from './routes/dashboard.js';
import { LgChoicesQuery } from './routes/lgPicker.js';
import { LgSearchFields } from './forms/lgPicker.js';
import { ListingFilterQuery, MatchQuery, StatisticsQuery, StrategyListQuery, StrategyQuery } from './api/schemas.js';
import { createApp } from './app.js';
import { readListingForm } from './forms/listingForm.js';

/**
 * Every route of the app's route table, the pages in both languages, with hostile values in its
 * path parameters, its query parameters and its body, and each field of a good form alone out of
 * range; sent as whoever reaches the handler (the public, or a signed-in officer or administrator
 * with a valid CSRF token). None may answer with a server error (5xx) or log an error. Each test
 * collects every failing request and then lists them all.
 */

let database: Database;
let app: ReturnType<typeof createApp>;

/** Values people and programs send that a handler may not expect, as they stand in an address (percent-encoded). */
const HOSTILE = [
  '%00',
  'a%00b',
  'constructor',
  '__proto__',
  'toString',
  '-1',
  '0',
  '1.5',
  '99999999999999999999',
  '1e3',
  'x'.repeat(5000),
  '%E0%A4%A', // broken percent-encoding
  '..%2F..%2Fetc%2Fpasswd',
  encodeURIComponent('東京'),
  encodeURIComponent('🗾'),
  '',
];

/** A hostile value as a form or JSON carries it: decoded where it decodes. */
function decoded(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Shortens a 5,000-character value for the failure list. */
const shown = (url: string) => url.replace(/x{20,}/g, (run) => `x…(${run.length})`);

/**
 * Query parameters a handler might read: those the route files read with c.req.query(name), those
 * of the API's schemas (src/web/api/schemas.ts), and common ones a person might try. Every route is
 * sent all of them at once; each alone goes to the routes that read it.
 */
const QUERY_NAMES = [
  ...['q', 'page', 'sort', 'kind', 'country', 'asOf', 'lang', 'place', 'limit', 'offset', 'cursor', 'year', 'format', 'from', 'to'],
  ...['status', 'lg', 'parent', 'direction', 'region', 'band', 'field', 'entity', 'next', 'saved', 'done', 'encoding', 'v'],
  ...MATCH_FACTORS.map((factor) => `w_${factor}`),
];

/** The fields of every form of the pages (sign-in, accounts, listings, introductions, trackers, figures, moderation, import). */
const FORM_FIELDS = [
  ...['email', 'password', 'confirmation', 'name', 'role', 'localGovernmentIds', 'from', 'to', 'message', 'step', 'comment', 'then', 'dryRun'],
  ...['doneOn', 'notes', 'label', 'labelOriginal', 'links[0].url', 'links[0].label', 'links[]'],
  ...['population', 'populationAsOf', 'areaKm2', 'desiredRegions', 'fields', 'outline.en', 'outline.ja', 'characteristics.en', 'characteristics.ja'],
  ...['pr.en', 'pr.ja', 'contact.name', 'contact.email', 'contact.phone'],
  ...['publisher', 'publishedOn', 'counts', 'value', 'citation'],
];
/**
 * Form fields that carry a file, and what each holds for a value: for the import, a register sheet
 * whose label and remarks hold it (its partner a known place, as new places would slow every later page).
 */
const FILE_FIELDS: Record<string, (value: string) => string> = {
  image: (value) => value,
  sheet: (value) => `自治体名,国名,提携先自治体名,提携名称,備考\n井原市,アメリカ合衆国,セントポール市,${value},${value}\n`,
};

/** The fields of the API's JSON bodies (src/services/inputs.ts). */
const JSON_FIELDS = ['localGovernmentIds', 'label', 'labelOriginal', 'signedOn', 'status', 'fixedTermEnd', 'renewals', 'fields', 'clair', 'agreementUrl', 'source', 'verified', 'notes', 'endedOn'];

/** JSON bodies of the wrong shape, and one that is not JSON at all. */
const WRONG_JSON = [
  '{"label": ',
  '',
  'null',
  '[]',
  '"text"',
  '42',
  '{"__proto__": {"admin": true}}',
  JSON.stringify({ localGovernmentIds: 'x', label: 5, notes: [], endedOn: {}, status: true, renewals: [{ renewedOn: 1 }], clair: [], verified: 'yes' }),
  JSON.stringify({ localGovernmentIds: [-1, 1e308], signedOn: '0000-00-00', fixedTermEnd: '2024-02-30', endedOn: '99999-01-01', agreementUrl: 'javascript:alert(1)' }),
  JSON.stringify({ localGovernmentIds: [2_147_483_648, 0] }),
];

/** A route of the table, split into its literal text and its parameters (`:id{[0-9]{1,9}}` → id with its pattern). */
type Part = string | { name: string };

function partsOf(pattern: string): Part[] {
  const parts: Part[] = [];
  let literal = '';
  for (let index = 0; index < pattern.length; index++) {
    const startsParameter = pattern[index] === ':' && (index === 0 || pattern[index - 1] === '/');
    if (!startsParameter) {
      literal += pattern[index];
      continue;
    }
    if (literal) parts.push(literal);
    literal = '';
    const name = /^[A-Za-z0-9_]+/.exec(pattern.slice(index + 1))![0];
    index += name.length;
    if (pattern[index + 1] === '{') {
      // Skip the parameter's pattern, whose own braces ({1,9}) nest.
      let depth = 0;
      do {
        index++;
        if (pattern[index] === '{') depth++;
        if (pattern[index] === '}') depth--;
      } while (depth > 0);
    }
    parts.push({ name });
  }
  if (literal) parts.push(literal);
  return parts;
}

const plainPath = (parts: Part[]) => parts.map((part) => (typeof part === 'string' ? part : `:${part.name}`)).join('');
const filledPath = (parts: Part[], values: Record<string, string>) => parts.map((part) => (typeof part === 'string' ? part : values[part.name]!)).join('');

interface Route {
  method: string;
  /** As the route table has it, with the parameters' patterns. */
  pattern: string;
  /** Without the patterns and without the /ja of the Japanese pages: the key of SAMPLES. */
  key: string;
  parts: Part[];
}

/** The handlers of the route table, once each (middleware, registered for ALL methods, left out). */
function routeTable(): Route[] {
  const seen = new Set<string>();
  const routes: Route[] = [];
  for (const { method, path } of app.routes) {
    if (method === 'ALL' || seen.has(`${method} ${path}`)) continue;
    seen.add(`${method} ${path}`);
    const parts = partsOf(path);
    routes.push({ method, pattern: path, key: `${method} ${plainPath(parts).replace(/^\/ja(?=\/|$)/, '') || '/'}`, parts });
  }
  return routes;
}

/**
 * Values for one field of an otherwise good form, where a handler that checks the form as a whole
 * might let them through to the service or the database: dates and numbers out of range, besides
 * some of the hostile values.
 */
const FIELD_VALUES = ['0000', '9999-12-31', '99999999999999999999', '2147483648', '-1', '1.5', 'x'.repeat(5000), 'constructor', ''];

/** Fixtures the samples name. */
const fixture = {
  target: 0,
  relationship: 0,
  publishedListing: 0,
  draftListing: 0,
  submittedListing: 0,
  introduction: 0,
  /** A foreign LG the target has no introduction with. */
  stranger: 0,
  figure: 0,
  spareAccount: 0,
  spareToken: 0,
  linkSecret: '',
  exchange: 0,
  jurisdiction: '',
  commendation: 0,
  news: 0,
  issue: 0,
};

const TRACKER_STEP_FORM = { doneOn: '2024-01-10', notes: 'Met online.', 'links[0].url': 'https://example.org/minutes', 'links[0].label': 'Minutes' };
const EXCHANGE_FORM = { startedOn: '2024-07-20', endedOn: '2024-07-28', kind: 'student_youth', travel: 'mutual', participants: '12', descriptionEn: 'Pupils stayed with families.', linkUrl0: 'https://example.org/report', linkLabel0: 'Report' };
const FIGURE_FORM = { publisher: 'CLAIR', publishedOn: '2020-01-01', counts: 'total', value: '1700', citation: 'https://example.org/figures' };

/** A route's sample: path parameters and a query that reach its handler, the base the hostile values replace one at a time. */
interface Sample {
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** For a form, one its handler takes (or refuses for a rule of the service only), the base each field's hostile values replace. */
  form?: Record<string, string | string[]>;
}

/** For each route with parameters, and each that needs a query to go past its first check, a sample (keys as Route.key). */
const SAMPLES: Record<string, () => Sample> = {
  'GET /api/search': () => ({ query: { q: 'Okayama' } }),
  'GET /api/local-governments/:id': () => ({ params: { id: String(fixture.target) } }),
  'GET /api/relationships/:id': () => ({ params: { id: String(fixture.relationship) } }),
  'PATCH /api/relationships/:id': () => ({ params: { id: String(fixture.relationship) } }),
  'POST /api/relationships/:id/end': () => ({ params: { id: String(fixture.relationship) } }),
  'GET /api/relationships/:id/exchanges': () => ({ params: { id: String(fixture.relationship) } }),
  'POST /api/relationships/:id/exchanges': () => ({ params: { id: String(fixture.relationship) } }),
  'DELETE /api/relationships/:id/exchanges/:exchangeId': () => ({ params: { id: String(fixture.relationship), exchangeId: String(fixture.exchange) } }),
  'PUT /api/relationships/:id/exchanges/:exchangeId': () => ({ params: { id: String(fixture.relationship), exchangeId: String(fixture.exchange) } }),
  'POST /api/relationships/:id/renewals': () => ({ params: { id: String(fixture.relationship) } }),
  'GET /relationships/:id/exchanges/new': () => ({ params: { id: String(fixture.relationship) } }),
  'POST /relationships/:id/exchanges': () => ({ params: { id: String(fixture.relationship) }, form: EXCHANGE_FORM }),
  'POST /relationships/:id/exchanges/:exchangeId/delete': () => ({ params: { id: String(fixture.relationship), exchangeId: String(fixture.exchange) } }),
  'GET /relationships/:id/exchanges/:exchangeId/edit': () => ({ params: { id: String(fixture.relationship), exchangeId: String(fixture.exchange) } }),
  'POST /relationships/:id/exchanges/:exchangeId': () => ({ params: { id: String(fixture.relationship), exchangeId: String(fixture.exchange) }, form: EXCHANGE_FORM }),
  'GET /relationships/:id/renewals/new': () => ({ params: { id: String(fixture.relationship) } }),
  'POST /relationships/:id/renewals': () => ({ params: { id: String(fixture.relationship) }, form: { renewedOn: '2024-04-01', newEnd: '2030-03-31' } }),
  'GET /relationships/:id/exchanges.csv': () => ({ params: { id: String(fixture.relationship) } }),
  'GET /api/listings': () => ({ query: { direction: 'from-japan' } }),
  'GET /api/listings/:id': () => ({ params: { id: String(fixture.publishedListing) } }),
  // A seeker abroad, whose candidates are Japan's 1,900 LGs: the hostile queries reach the same
  // checks as for a Japanese seeker, without ranking 230,000 places abroad hundreds of times.
  'GET /api/match': () => ({ query: { lg: String(fixture.stranger) } }),
  'GET /assets/:name': () => ({ params: { name: 'site.css' } }),
  'GET /map/places/:file': () => ({ params: { file: `${fixture.target}.svg` } }),
  'GET /sign-in': () => ({ query: { next: '/dashboard' } }),
  'GET /account/password/:secret': () => ({ params: { secret: fixture.linkSecret } }),
  'POST /sign-in': () => ({ form: { email: 'nobody@city.example.jp', password: 'seven blue herons' } }),
  'POST /account/password/:secret': () => ({ params: { secret: fixture.linkSecret }, form: { password: 'seven blue herons', confirmation: 'seven blue herons' } }),
  'POST /account/tokens': () => ({ form: { name: 'fuzz' } }),
  'POST /admin/accounts/invite': () => ({ form: { email: 'invited@city.example.jp', name: 'Invited', role: 'officer', localGovernmentIds: String(fixture.target) } }),
  'POST /account/tokens/:id/revoke': () => ({ params: { id: String(fixture.spareToken) } }),
  'POST /admin/accounts/:id/enable': () => ({ params: { id: String(fixture.spareAccount) } }),
  'POST /admin/accounts/:id/disable': () => ({ params: { id: String(fixture.spareAccount) } }),
  'POST /admin/accounts/:id/reset-link': () => ({ params: { id: String(fixture.spareAccount) } }),
  'GET /listings/:id': () => ({ params: { id: String(fixture.publishedListing) } }),
  'GET /listings/:id/image': () => ({ params: { id: String(fixture.publishedListing) } }),
  'GET /dashboard/listings/new': () => ({ query: { lg: String(fixture.target) } }),
  'POST /dashboard/listings': () => ({ query: { lg: String(fixture.target) } }),
  'GET /dashboard/listings/:id/edit': () => ({ params: { id: String(fixture.draftListing) } }),
  'POST /dashboard/listings/:id': () => ({ params: { id: String(fixture.draftListing) }, form: COMPLETE_LISTING_FORM }),
  'POST /dashboard/listings/:id/image': () => ({ params: { id: String(fixture.draftListing) } }),
  'POST /dashboard/listings/:id/steps/:step': () => ({ params: { id: String(fixture.draftListing), step: 'submit' } }),
  'GET /moderation/:id': () => ({ params: { id: String(fixture.submittedListing) } }),
  'POST /moderation/:id': () => ({ params: { id: String(fixture.submittedListing) }, form: { step: 'requestChanges', comment: 'Add a picture, please.' } }),
  'GET /introductions/new': () => ({ query: { to: String(fixture.stranger), from: String(fixture.target) } }),
  'GET /introductions/:id': () => ({ params: { id: String(fixture.introduction) } }),
  'POST /introductions': () => ({ form: { from: String(fixture.target), to: String(fixture.stranger), message: 'Shall we meet?' } }),
  'POST /introductions/:id/:action': () => ({ params: { id: String(fixture.introduction), action: 'messages' }, form: { message: 'Thank you.' } }),
  'POST /introductions/:id/steps/:step': () => ({ params: { id: String(fixture.introduction), step: '2' }, form: TRACKER_STEP_FORM }),
  'POST /introductions/:id/steps/:step/correction': () => ({ params: { id: String(fixture.introduction), step: '2' }, form: TRACKER_STEP_FORM }),
  'GET /match': () => ({ query: { lg: String(fixture.stranger) } }),
  'POST /statistics/figures': () => ({ form: FIGURE_FORM }),
  'POST /statistics/figures/:id': () => ({ params: { id: String(fixture.figure) }, form: FIGURE_FORM }),
  'POST /statistics/figures/:id/delete': () => ({ params: { id: String(fixture.figure) } }),
  'GET /search': () => ({ query: { q: 'Okayama' } }),
  'GET /lg/:key': () => ({ params: { key: String(fixture.target) } }),
  'GET /relationships/:id': () => ({ params: { id: String(fixture.relationship) } }),
  'GET /prefectures/:code': () => ({ params: { code: '330001' } }),
  'GET /prefectures/:number': () => ({ params: { number: '33' } }),
  'GET /prefectures/:name': () => ({ params: { name: 'okayama' } }),
  'GET /prefectures/:file': () => ({ params: { file: '330001.csv' } }),
  'GET /countries/:code': () => ({ params: { code: 'FR' } }),
  'GET /lg/:id/anniversaries.ics': () => ({ params: { id: String(fixture.target) } }),
  'GET /prefectures/:code/anniversaries.ics': () => ({ params: { code: '330001' } }),
  'GET /countries/:code/anniversaries.ics': () => ({ params: { code: 'FR' } }),
  'GET /jurisdictions/:slug': () => ({ params: { slug: fixture.jurisdiction } }),
  'GET /api/commendations/:id': () => ({ params: { id: String(fixture.commendation) } }),
  'PUT /api/commendations/:id': () => ({ params: { id: String(fixture.commendation) } }),
  'DELETE /api/commendations/:id': () => ({ params: { id: String(fixture.commendation) } }),
  'GET /api/news/:id': () => ({ params: { id: String(fixture.news) } }),
  'PUT /api/news/:id': () => ({ params: { id: String(fixture.news) } }),
  'DELETE /api/news/:id': () => ({ params: { id: String(fixture.news) } }),
  'GET /countries/:code/news.atom': () => ({ params: { code: 'FR' } }),
  'GET /lg/:id/news.atom': () => ({ params: { id: String(fixture.target) } }),
  'GET /relationships/:id/news.atom': () => ({ params: { id: String(fixture.relationship) } }),
  'GET /jurisdictions/:slug/news.atom': () => ({ params: { slug: fixture.jurisdiction } }),
  'GET /news/:id': () => ({ params: { id: String(fixture.news) } }),
  'GET /news/:id/edit': () => ({ params: { id: String(fixture.news) } }),
  'POST /news/:id': () => ({ params: { id: String(fixture.news) }, form: { titleEn: 'A visit', titleJa: '', bodyEn: 'Pupils visited.', bodyJa: '', countries: 'FR' } }),
  'POST /news/:id/delete': () => ({ params: { id: String(fixture.news) } }),
  'GET /commendations/:award/:year': () => ({ params: { award: 'international-exchange', year: '2020' } }),
  'GET /commendations/:award/:file': () => ({ params: { award: 'international-exchange', file: '2020.csv' } }),
  'GET /commendations/:id/edit': () => ({ params: { id: String(fixture.commendation) } }),
  'POST /commendations/:id': () => ({ params: { id: String(fixture.commendation) }, form: { award: 'international-exchange', year: '2020', localGovernmentId: String(fixture.target), citationEn: 'For its exchanges.' } }),
  'POST /commendations/:id/delete': () => ({ params: { id: String(fixture.commendation) } }),
  'GET /newsletter/confirm/:secret': () => ({ params: { secret: 'A'.repeat(32) } }),
  'POST /newsletter/confirm/:secret': () => ({ params: { secret: 'A'.repeat(32) } }),
  'GET /newsletter/unsubscribe/:secret': () => ({ params: { secret: 'A'.repeat(32) } }),
  'POST /newsletter/unsubscribe/:secret': () => ({ params: { secret: 'A'.repeat(32) } }),
  'GET /newsletter/issues/:id': () => ({ params: { id: String(fixture.issue) } }),
  'GET /newsletter/issues/:id/edit': () => ({ params: { id: String(fixture.issue) } }),
  'POST /newsletter/issues/:id': () => ({ params: { id: String(fixture.issue) } }),
  'POST /newsletter/issues/:id/publish': () => ({ params: { id: String(fixture.issue) } }),
  'POST /newsletter/issues/:id/send': () => ({ params: { id: String(fixture.issue) } }),
  'GET /api/jurisdictions/:slug': () => ({ params: { slug: fixture.jurisdiction } }),
  'PUT /api/jurisdictions/:slug': () => ({ params: { slug: fixture.jurisdiction } }),
  'DELETE /api/jurisdictions/:slug': () => ({ params: { slug: fixture.jurisdiction } }),
  'GET /jurisdictions/:slug/edit': () => ({ params: { slug: fixture.jurisdiction } }),
  'POST /jurisdictions/:slug': () => ({ params: { slug: fixture.jurisdiction }, form: { nameEn: 'Fuzzed area', nameJa: '', slug: fixture.jurisdiction, descriptionEn: '', descriptionJa: '', members: 'US-CA\nFR' } }),
  'POST /jurisdictions/:slug/delete': () => ({ params: { slug: fixture.jurisdiction } }),
  'GET /jurisdictions/:slug/anniversaries.ics': () => ({ params: { slug: fixture.jurisdiction } }),
  'GET /countries/:name': () => ({ params: { name: 'france' } }),
  'GET /countries/:file': () => ({ params: { file: 'FR.xlsx' } }),
  'GET /guides/:slug': () => ({ params: { slug: 'what-is-a-sister-city' } }),
  'GET /statistics/:file': () => ({ params: { file: 'countries.csv' } }),
  'GET /strategy/prefectures/:code': () => ({ params: { code: '330001' } }),
  'GET /strategy/prefectures/:file': () => ({ params: { file: '330001.xlsx' } }),
  'GET /strategy/prefectures/:key': () => ({ params: { key: '33' } }),
  'GET /strategy/:file': () => ({ params: { file: 'spread.csv' } }),
};

/**
 * The query parameters of the pages that read the whole query (c.req.query() with no name) through
 * a schema; the API's routes are looked up in its OpenAPI document instead.
 */
const WHOLE_QUERY_NAMES: Record<string, string[]> = {
  'GET /listings/from-japan': Object.keys(ListingFilterQuery.shape),
  'GET /listings/to-japan': Object.keys(ListingFilterQuery.shape),
  'GET /match': Object.keys(MatchQuery.shape),
  'GET /audit': Object.keys(AuditQuery.shape),
  'GET /dashboard': Object.keys(DoneQuery.shape),
  'GET /dashboard/listings/new': Object.keys(NewListingQuery.shape),
  'GET /dashboard/listings/:id/edit': Object.keys(DoneQuery.shape),
  'GET /moderation': Object.keys(DoneQuery.shape),
  'GET /introductions/new': Object.keys(LgSearchFields),
  'GET /lg-choices': Object.keys(LgChoicesQuery.shape),
  'GET /strategy': Object.keys(StrategyQuery.shape),
  'GET /strategy/:file': Object.keys(StrategyQuery.shape),
  'GET /strategy/local-governments': Object.keys(StrategyListQuery.shape),
  'GET /strategy/local-governments.csv': Object.keys(StrategyListQuery.shape),
  'GET /strategy/prefectures/:code': Object.keys(StatisticsQuery.shape),
  'GET /strategy/prefectures/:file': Object.keys(StatisticsQuery.shape),
};

/** Who asks: the public, an officer of the target LG, and an administrator (who may do everything). */
const PERSONAS = ['public', 'officer', 'administrator'] as const;
type Persona = (typeof PERSONAS)[number];
const accounts = {} as Record<Exclude<Persona, 'public'>, TestAccount>;
const clients = {} as Record<Persona, TestClient>;

/** A browser of the public holding a visitor's CSRF token. */
async function publicClient(): Promise<TestClient> {
  const client = new TestClient(app);
  await client.page('/sign-in');
  return client;
}

/** Routes that sign a browser in or out: only the public asks, in a new browser each time, so that the accounts' sessions last. */
const changesSession = (route: Route) => /^POST \/(sign-in|sign-out|account\/password\/:secret)$/.test(route.key);

/** The browser a request is sent from. */
const browserFor = async (persona: Persona, route: Route) => (changesSession(route) ? publicClient() : clients[persona]);

/** What a request carries besides its method and address. */
interface Body {
  label: string;
  contentType?: string;
  body?: string | FormData;
}

/** An empty form: a write reaches its handler with the CSRF token, which every request carries in x-csrf-token. */
const EMPTY_FORM: Body = { label: 'empty form', contentType: 'application/x-www-form-urlencoded', body: '' };

/** An empty JSON object, for the API's writes. */
const EMPTY_JSON: Body = { label: 'empty JSON object', contentType: 'application/json', body: '{}' };

/** What a route is sent when the test is not about its body. */
const plainBody = (route: Route) => (route.method === 'GET' ? undefined : route.key.includes(' /api/') ? EMPTY_JSON : EMPTY_FORM);

/** The failures of one test: every request that answered 5xx or threw. */
let failures: string[] = [];

/**
 * Sends a request as a persona from its browser (cookies, and the CSRF token in x-csrf-token for
 * writes), to the API with its Bearer token, and notes a failure for a 5xx.
 */
async function check(persona: Persona, route: Route, url: string, body?: Body, browser?: TestClient): Promise<Response | undefined> {
  const client = browser ?? (await browserFor(persona, route));
  const headers: Record<string, string> = {};
  if (body?.contentType) headers['content-type'] = body.contentType;
  if (route.method !== 'GET') headers['x-csrf-token'] = client.csrf;
  if (url.startsWith('/api/') && persona !== 'public') headers.authorization = `Bearer ${accounts[persona].token}`;
  const what = `${persona}: ${route.method} ${shown(url)}${body ? ` [${body.label}]` : ''}`;
  let response: Response;
  try {
    response = await client.request(url, { method: route.method, headers, ...(body?.body !== undefined ? { body: body.body } : {}) });
  } catch (error) {
    failures.push(`${what} → threw ${String(error)}`);
    return undefined;
  }
  const text = await response.text();
  if (response.status >= 500) failures.push(`${what} → ${response.status} ${shown(text.slice(0, 300))}`);
  return response;
}

/** A query string of [name, percent-encoded value] pairs. */
const queryString = (pairs: [string, string][]) => (pairs.length ? `?${pairs.map(([name, value]) => `${encodeURIComponent(name)}=${value}`).join('&')}` : '');

/** The URL of a route with its sample's path parameters (some replaced) and query (some replaced or added). */
function urlOf(route: Route, params: Record<string, string> = {}, query: [string, string][] = []): string {
  const sample = SAMPLES[route.key]?.() ?? {};
  const given = new Map(Object.entries(sample.query ?? {}).map(([name, value]) => [name, encodeURIComponent(value)]));
  for (const [name, value] of query) given.set(name, value);
  return filledPath(route.parts, { ...sample.params, ...params }) + queryString([...given]);
}

/** How a persona fares with a route's sample: whether it reaches the handler, and the query parameters the handler reads. */
interface Reach {
  reached: boolean;
  /** Names read with c.req.query(name); '*' when the whole query is read. */
  queryNames: Set<string>;
}

/** A refusal before the handler reads anything: the sign-in page for the public, 401 or 403 for an account without the right. */
function refusedAtTheDoor(persona: Persona, response: Response): boolean {
  if (response.status === 401 || response.status === 403) return true;
  return persona === 'public' && response.status === 303 && (response.headers.get('location') ?? '').includes('/sign-in?next=');
}

/** Sends each route's sample as each persona, noting who reaches the handler and which query parameters it reads. */
async function survey(): Promise<Map<string, Reach>> {
  const reach = new Map<string, Reach>();
  for (const route of routeTable()) {
    for (const persona of PERSONAS) {
      if (changesSession(route) && persona !== 'public') continue;
      const browser = await browserFor(persona, route);
      const query = vi.spyOn(HonoRequest.prototype, 'query');
      const queries = vi.spyOn(HonoRequest.prototype, 'queries');
      let response: Response | undefined;
      let queryNames: Set<string>;
      try {
        response = await check(persona, route, urlOf(route), plainBody(route), browser);
        queryNames = new Set([...query.mock.calls, ...queries.mock.calls].map((args: unknown[]) => (args[0] === undefined ? '*' : String(args[0]))));
      } finally {
        query.mockRestore();
        queries.mockRestore();
      }
      reach.set(`${persona} ${route.method} ${route.pattern}`, { reached: response !== undefined && !refusedAtTheDoor(persona, response), queryNames });
    }
  }
  return reach;
}

let surveyed: Promise<Map<string, Reach>> | undefined;
/** The survey, made once for the whole file (by its first test, which reports what it found). */
const reachOf = () => (surveyed ??= survey());

/**
 * Who a route is fuzzed as: the public where it reaches the handler (the input is read the same
 * for everyone); otherwise each account that does (the officer for its own LG's pages, the
 * administrator for everything), or with `one`, the first of them (the administrator).
 */
async function personasOf(route: Route, one = false): Promise<{ persona: Persona; reach: Reach }[]> {
  const reach = await reachOf();
  const reaching = (['public', 'administrator', 'officer'] as const).flatMap((persona) => {
    const found = reach.get(`${persona} ${route.method} ${route.pattern}`);
    return found?.reached ? [{ persona, reach: found }] : [];
  });
  return reaching[0]?.persona === 'public' || one ? reaching.slice(0, 1) : reaching;
}

/** The query parameters of each API route, from its OpenAPI document. */
let apiQueryNames = new Map<string, string[]>();

/** The names of the query parameters a route reads, as its handler showed in the survey. */
function queryNamesOf(route: Route, reach: Reach): string[] {
  const names = new Set([...reach.queryNames].filter((name) => name !== '*'));
  if (reach.queryNames.has('*')) {
    const whole = route.key.startsWith('GET /api/') ? apiQueryNames.get(route.key.slice('GET /api'.length)) : WHOLE_QUERY_NAMES[route.key];
    if (!whole) failures.push(`${route.key} reads the whole query, but this test does not know its names: add them to WHOLE_QUERY_NAMES`);
    for (const name of whole ?? []) names.add(name);
  }
  return [...names];
}

let errorsLogged: string[] = [];
beforeEach(() => {
  failures = [];
  errorsLogged = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    errorsLogged.push(args.map((arg) => (arg instanceof Error ? (arg.stack ?? arg.message) : String(arg))).join(' ').slice(0, 600));
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Fails with every failing request and every error logged, all at once. */
function expectNoFailures(): void {
  expect({ failures, errorsLogged }).toEqual({ failures: [], errorsLogged: [] });
}

const lgId = async (jisCode: string) => (await queryRows<{ id: number }>(database.db, sql`select id from local_governments where jis_code = ${jisCode}`))[0]!.id;

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  app = createApp({ db: database.db });
  fixture.target = await lgId('332020');
  // Another Japanese LG without a listing of its own, for the listing awaiting moderation.
  const other = (await queryRows<{ id: number }>(database.db, sql`select id from local_governments where country = 'JP' and jis_code like '33%' and id <> ${fixture.target} and id not in (select local_government_id from listings) order by id limit 1`))[0]!.id;
  const foreign = (country: string, offset: number) =>
    queryRows<{ id: number }>(database.db, sql`select id from local_governments where country = ${country} order by id limit 1 offset ${offset}`).then((rows) => rows[0]!.id);
  fixture.relationship = (await createRelationship(database.db, { localGovernmentIds: [fixture.target, await foreign('FR', 0)], fixedTermEnd: '2025-03-31' }, OPERATOR)).id;
  fixture.exchange = (
    await recordExchange(database.db, OPERATOR, fixture.relationship, {
      startedOn: '2024-05-01',
      endedOn: null,
      kind: 'school',
      direction: 'remote',
      visitorId: null,
      participants: 30,
      description: { en: 'Letters exchanged between classes.', ja: '' },
      links: [],
    })
  ).id;
  fixture.jurisdiction = (await createJurisdiction(database.db, OPERATOR, { nameEn: 'Fuzzed area', members: 'US-CA\nFR' })).slug;
  fixture.commendation = (
    await recordCommendation(database.db, OPERATOR, {
      award: 'international-exchange',
      year: 2020,
      localGovernmentId: fixture.target,
      organisation: { en: '', ja: '' },
      category: { en: '', ja: '' },
      citation: { en: 'For its exchanges.', ja: '' },
      relationshipIds: [fixture.relationship],
      exchangeIds: [],
    })
  ).id;
  fixture.news = (await publishNews(database.db, OPERATOR, { title: { en: 'A visit', ja: '' }, body: { en: 'Pupils visited.', ja: '' }, tags: [{ kind: 'country', value: 'FR' }] })).id;
  fixture.issue = (await assembleIssue(database.db, OPERATOR, { periodFrom: '2024-01-01', periodTo: '2024-02-29', country: 'FR', jurisdiction: '' }, 'http://localhost')).id;
  const input = readListingForm(COMPLETE_LISTING_FORM).input!;
  fixture.draftListing = (await createListing(database.db, OPERATOR, fixture.target, input)).id;
  fixture.submittedListing = (await createListing(database.db, OPERATOR, other, input)).id;
  await takeListingStep(database.db, OPERATOR, fixture.submittedListing, 'submit');
  fixture.publishedListing = (await queryRows<{ id: number }>(database.db, sql`select id from listings where status = 'published' order by id limit 1`))[0]!.id;
  const introduction = await expressInterest(database.db, OPERATOR, { from: fixture.target, to: await foreign('DE', 0), message: 'Shall we meet?' });
  await takeIntroductionStep(database.db, OPERATOR, introduction.id, 'forward', '');
  await takeIntroductionStep(database.db, OPERATOR, introduction.id, 'accept', 'Gladly.');
  fixture.introduction = introduction.id;
  fixture.stranger = await foreign('DE', 1);
  fixture.figure = (await listPublishedFigures(database.db))[0]!.id;
  const spare = await inviteAccount(database.db, OPERATOR, { email: `spare-${process.pid}@city.example.jp`, name: 'Spare', role: 'officer', localGovernmentIds: [fixture.target] });
  fixture.spareAccount = spare.account.id;
  fixture.linkSecret = spare.secret;
  accounts.officer = await createTestAccount(database.db, 'officer', [fixture.target]);
  accounts.administrator = await createTestAccount(database.db, 'administrator');
  fixture.spareToken = (await createApiToken(database.db, accounts.administrator.actor, 'spare')).record.id;
  clients.public = await publicClient();
  clients.officer = await signedInClient(app, database.db, accounts.officer);
  clients.administrator = await signedInClient(app, database.db, accounts.administrator);
  const document = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>> };
  apiQueryNames = new Map(
    Object.entries(document.paths).map(([path, operations]) => [`${path.replace(/\{(\w+)\}/g, ':$1')}`, (operations.get?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name)]),
  );
});
afterAll(() => database?.close());

/**
 * The routes but the Japanese copies of the pages: those run the same handlers on the same query and
 * body, and only the words of their answers differ, so the costly passes send them nothing more.
 */
const englishRoutes = () => routeTable().filter((route) => !route.pattern.startsWith('/ja/'));

describe('hostile input on every route of the route table', () => {
  it('knows a sample that reaches the handler of every route with path parameters', () => {
    const missing = routeTable()
      .filter((route) => route.parts.some((part) => typeof part !== 'string') && !SAMPLES[route.key]?.().params)
      .map((route) => route.key);
    expect(missing).toEqual([]);
  });

  // Its first ranking reads matchmaking's 230,000 places: most of a minute on a busy machine.
  it('answers every route with its sample, as every persona, without a server error', { timeout: 300_000 }, async () => {
    await reachOf();
    // Each route is reached by someone, or the fuzzing below would stop at its door.
    for (const route of routeTable()) if ((await personasOf(route)).length === 0) failures.push(`no persona reaches ${route.method} ${route.pattern}`);
    expectNoFailures();
  });

  it('answers hostile path parameters without a server error', { timeout: 300_000 }, async () => {
    for (const route of routeTable()) {
      const names = route.parts.flatMap((part) => (typeof part === 'string' ? [] : [part.name]));
      for (const { persona } of await personasOf(route)) {
        for (const name of names) for (const value of HOSTILE) await check(persona, route, urlOf(route, { [name]: value }), plainBody(route));
      }
    }
    expectNoFailures();
  });

  it('answers hostile query parameters without a server error, each alone and all at once', { timeout: 300_000 }, async () => {
    for (const route of englishRoutes()) {
      for (const { persona, reach } of await personasOf(route, true)) {
        const names = queryNamesOf(route, reach);
        // All at once, with the common names no handler may read besides.
        const everyName = [...new Set([...names, ...QUERY_NAMES])];
        for (const value of HOSTILE) {
          for (const name of names) await check(persona, route, urlOf(route, {}, [[name, value]]), plainBody(route));
          await check(persona, route, urlOf(route, {}, everyName.map((name) => [name, value])), plainBody(route));
        }
        // A name given twice, which the API's validators read as a list.
        for (const name of names) await check(persona, route, urlOf(route) + `${urlOf(route).includes('?') ? '&' : '?'}${name}=1&${name}=2`, plainBody(route));
      }
    }
    expectNoFailures();
  });

  it('answers hostile bodies of every write without a server error', { timeout: 300_000 }, async () => {
    for (const route of englishRoutes().filter((candidate) => candidate.method !== 'GET')) {
      const api = route.key.includes(' /api/');
      const bodies: Body[] = [EMPTY_FORM];
      // Pages read forms only (a JSON body reads as an empty form); the API reads JSON only, and refuses anything else.
      for (const json of api ? WRONG_JSON : WRONG_JSON.slice(0, 2)) bodies.push({ label: `JSON ${json.slice(0, 40)}`, contentType: 'application/json', body: json });
      for (const [index, raw] of HOSTILE.entries()) {
        const value = decoded(raw);
        const label = `“${shown(raw)}”`;
        if (api) {
          bodies.push({ label: `JSON fields ${label}`, contentType: 'application/json', body: JSON.stringify(Object.fromEntries(JSON_FIELDS.map((field) => [field, value]))) });
        } else if (index % 2 === 0) {
          // Every field of every form holds the value; the values take turns at the two encodings of a form.
          bodies.push({ label: `form ${label}`, contentType: 'application/x-www-form-urlencoded', body: new URLSearchParams(FORM_FIELDS.map((field): [string, string] => [field, value])).toString() });
        } else {
          const multipart = new FormData();
          for (const field of FORM_FIELDS) multipart.append(field, value);
          for (const [field, content] of Object.entries(FILE_FIELDS)) multipart.append(field, new Blob([content(value)]), value || 'empty');
          bodies.push({ label: `multipart ${label}`, body: multipart });
        }
      }
      if (api) bodies.push({ label: 'a form to the API', contentType: 'application/x-www-form-urlencoded', body: 'notes=x' });
      else {
        // Files alone, good but for a NUL in their names.
        const named = new FormData();
        for (const [field, content] of Object.entries(FILE_FIELDS)) named.append(field, new Blob([content('friendship city')]), 'a\u0000b.csv');
        bodies.push({ label: 'multipart, files named with a NUL', body: named });
        // A file where text is expected.
        const files = new FormData();
        for (const field of [...FORM_FIELDS, ...Object.keys(FILE_FIELDS)]) files.append(field, new Blob(['\u0000\u00ff']), 'file.bin');
        bodies.push({ label: 'multipart, every field a file', body: files });
      }
      for (const { persona } of await personasOf(route, true)) for (const body of bodies) await check(persona, route, urlOf(route), body);
    }
    expectNoFailures();
  });

  it('answers a good form with each field alone given a value out of range, without a server error', { timeout: 300_000 }, async () => {
    // In English only: the Japanese pages are the same handlers, and the bodies above go to both.
    for (const route of englishRoutes()) {
      const form = SAMPLES[route.key]?.().form;
      if (!form) continue;
      for (const { persona } of await personasOf(route, true)) {
        for (const field of Object.keys(form)) {
          for (const value of FIELD_VALUES) {
            const body = new URLSearchParams();
            for (const [name, given] of Object.entries({ ...form, [field]: value })) for (const item of [given].flat()) body.append(name, item);
            await check(persona, route, urlOf(route), { label: `${field}=“${shown(value)}”`, contentType: 'application/x-www-form-urlencoded', body: body.toString() });
          }
        }
      }
    }
    expectNoFailures();
  });
});
