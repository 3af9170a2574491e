import type { Context } from 'hono';
import { pathWithoutLocale, type Lang } from '../i18n/index.js';
import type { PageContext } from './pages/layout.js';
import type { KizunaEnv } from './session.js';

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
    csrf: c.get('csrf'),
  };
}
