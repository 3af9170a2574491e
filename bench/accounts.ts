/**
 * Issue 4's budgets: sign-in server time with the password hashing (Argon2id) included, and the
 * server time of the listing pages. The first administrator's one-time link, printed by the server
 * at its first start, gives the account to sign in with.
 */
import { percentile, serverTimes } from './portal.js';

type Line = (label: string, value: string, budget: string) => void;

const PASSWORD = 'benchmark passphrase of five words';

/** A tiny cookie jar: enough for one visitor going through the forms. */
class Visitor {
  private readonly cookies = new Map<string, string>();
  csrf = '';
  constructor(private readonly url: string) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(this.url + path, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [name, value] = line.split(';')[0]!.split('=') as [string, string];
      this.cookies.set(name, value);
    }
    return response;
  }

  async page(path: string): Promise<string> {
    const html = await (await this.fetch(path)).text();
    this.csrf = /name="_csrf" value="([^"]*)"/.exec(html)?.[1] ?? this.csrf;
    return html;
  }

  async post(path: string, fields: Record<string, string>): Promise<Response> {
    const response = await this.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: this.csrf, ...fields }),
    });
    await response.arrayBuffer();
    return response;
  }
}

async function adminLink(log: () => string): Promise<{ path: string; email: string }> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    const match = /(\S+@\S+) sets a password at https?:\/\/[^/\s]+(\/account\/password\/[\w-]+)/.exec(log());
    if (match) return { email: match[1]!, path: match[2]! };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`The server printed no one-time link for its first administrator:\n${log()}`);
}

export async function benchAccountsAndListings(url: string, log: () => string, line: Line): Promise<void> {
  const { path, email } = await adminLink(log);
  const admin = new Visitor(url);
  await admin.page(path);
  const set = await admin.post(path, { password: PASSWORD, confirmation: PASSWORD });
  if (set.status !== 303) throw new Error(`Setting the first administrator's password answered ${set.status}`);

  const times: number[] = [];
  for (let run = 0; run < 30; run++) {
    const visitor = new Visitor(url);
    await visitor.page('/sign-in');
    const response = await visitor.post('/sign-in', { email, password: PASSWORD });
    const duration = /dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1];
    if (response.status !== 303 || !duration) throw new Error(`Sign-in answered ${response.status}`);
    times.push(Number(duration));
  }
  times.sort((a, b) => a - b);
  line('sign-in p50 / p95 (Argon2id)', `${percentile(times, 50).toFixed(1)} / ${percentile(times, 95).toFixed(1)} ms`, '≤ 300 ms');

  const listings = (await (await fetch(`${url}/api/listings?direction=from-japan`)).json()) as { results: { url: string }[] };
  const one = listings.results[0]?.url;
  if (!one) throw new Error('No published listing to measure');
  for (const [label, page] of [
    ['listings page (from Japan)', '/listings/from-japan'],
    ['listings page, filtered (ja)', '/ja/listings/from-japan?region=continent%3AOC&words=denim'],
    ['listing page', one],
  ] as const) {
    await serverTimes(url, page, 3);
    const sorted = await serverTimes(url, page, 30);
    line(`${label} p50 / p95`, `${percentile(sorted, 50).toFixed(1)} / ${percentile(sorted, 95).toFixed(1)} ms`, '≤ 50 ms');
  }
}
