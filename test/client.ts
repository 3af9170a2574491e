import type { Db } from '../src/db/client.js';
import { signIn } from '../src/services/accounts.js';
import { SESSION_COOKIE } from '../src/web/session.js';

/** What a TestClient talks to: an app in process (Hono's app.request), or a real server over fetch. */
export interface RequestTarget {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

/** An API error's body: its id, message and the problems by field. */
export interface ErrorBody {
  error: { id: string; message: string; problems: { field: string; message: string }[] };
}

/** A JSON call of the API; `token` is a Bearer token, null or absent for none unless a default is given. */
export type ApiCall = <T>(path: string, init?: { method?: string; body?: unknown; token?: string | null }) => Promise<{ status: number; body: T }>;

/**
 * JSON calls of the API of the app that `app()` makes (a fresh one each call, as a test that changes
 * settings needs), with the Bearer token of `defaultToken()` unless the call gives its own (null: none).
 */
export function apiCaller(app: () => RequestTarget, defaultToken: () => string | null = () => null): ApiCall {
  return async <T>(path: string, init: { method?: string; body?: unknown; token?: string | null } = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const token = init.token === undefined ? defaultToken() : init.token;
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await app().request(path, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  };
}

/**
 * A browser stand-in for route tests: keeps cookies between requests to an app, reads the CSRF token
 * from the last page's form, and signs in through the real sign-in form.
 */
export class TestClient {
  readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(
    private readonly app: RequestTarget,
    private readonly headers: Record<string, string> = {},
  ) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(this.headers)) headers.set(name, value);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await this.app.request(path, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const expired = attributes.some((attribute) => /max-age=0/i.test(attribute.trim()) || /expires=Thu, 01 Jan 1970/i.test(attribute.trim()));
      if (expired || value === '') this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
    return response;
  }

  /** GETs a page and remembers its CSRF token. */
  async page(path: string): Promise<{ status: number; html: string; response: Response }> {
    const response = await this.request(path);
    const html = await response.text();
    const token = /name="_csrf" value="([^"]*)"/.exec(html)?.[1];
    if (token) this.csrf = token;
    return { status: response.status, html, response };
  }

  /**
   * POSTs a form with the remembered CSRF token (unless `_csrf` is given): URL-encoded, or as
   * multipart/form-data when it carries a file, as a browser sends a form with a file field.
   */
  async post(path: string, fields: Record<string, string | string[] | File> = {}): Promise<{ status: number; html: string; response: Response }> {
    const entries: [string, string | File][] = Object.entries(fields).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((item): [string, string | File] => [name, item]));
    if (!('_csrf' in fields)) entries.unshift(['_csrf', this.csrf]);
    const multipart = entries.some(([, value]) => value instanceof File);
    let init: RequestInit;
    if (multipart) {
      const body = new FormData();
      for (const [name, value] of entries) body.append(name, value);
      init = { method: 'POST', body };
    } else {
      init = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(entries as [string, string][]) };
    }
    const response = await this.request(path, init);
    return { status: response.status, html: await response.text(), response };
  }

  /** Signs in with the accounts service and carries its session cookie, then loads the dashboard for a CSRF token. */
  async useSession(session: string): Promise<void> {
    this.cookies.set(SESSION_COOKIE, session);
    await this.page('/dashboard');
  }

  /** Signs in through the sign-in form; throws unless it redirects. */
  async signIn(email: string, password: string): Promise<void> {
    await this.page('/sign-in');
    const { status, html } = await this.post('/sign-in', { email, password });
    if (status !== 303) throw new Error(`Sign-in of ${email} answered ${status}: ${html.slice(0, 300)}`);
    await this.page('/dashboard');
  }
}

/** A browser signed in as the account (through the service, which is quicker than the form). */
export async function signedInClient(app: RequestTarget, db: Db, account: { email: string; password: string }): Promise<TestClient> {
  const client = new TestClient(app);
  const { session } = await signIn(db, { email: account.email, password: account.password, address: 'test' });
  await client.useSession(session);
  return client;
}

/** A complete listing as the listing form sends it: enough to submit. */
export const COMPLETE_LISTING_FORM: Record<string, string | string[]> = {
  population: '474592',
  populationAsOf: '2024-04',
  areaKm2: '355.63',
  desiredRegions: ['language:fra'],
  'outline.en': 'A city of canals and white walls.',
  'characteristics.ja': '美観地区のある都市',
  'contact.name': 'International Affairs Section',
  'contact.email': 'intl@city.example.jp',
};
