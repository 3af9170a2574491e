import type { FC, PropsWithChildren } from 'hono/jsx';
import { raw } from 'hono/html';
import { localePath, t, type Lang } from '../../i18n/index.js';
import { assetUrl } from '../assets.js';
import { CSRF_FIELD } from '../session.js';
import type { Role } from '../../domain/authorization.js';

/** What every page knows: its language and its address without the language prefix. */
export interface PageContext {
  lang: Lang;
  /** The page's path without /ja, with its query string. */
  path: string;
  /** The signed-in person, if any. */
  viewer?: { name: string; role: Role } | undefined;
  /** The token every form that changes something sends back (see web/session.ts); asking for it makes the page personal. */
  csrf?: (() => string) | undefined;
}

/** The address of a path in the page's language. */
export const href = (ctx: PageContext, path: string) => localePath(ctx.lang, path);

type Section = 'home' | 'statistics' | 'strategy' | 'prefectures' | 'countries' | 'anniversaries' | 'map' | 'listings' | 'news' | 'guides' | 'api' | 'search' | 'account';

const NAV: { section: Exclude<Section, 'search' | 'account'>; path: string; key: Parameters<typeof t>[1] }[] = [
  { section: 'home', path: '/', key: 'nav.home' },
  { section: 'statistics', path: '/statistics', key: 'nav.statistics' },
  { section: 'strategy', path: '/strategy', key: 'nav.strategy' },
  { section: 'prefectures', path: '/prefectures', key: 'nav.prefectures' },
  { section: 'countries', path: '/countries', key: 'nav.countries' },
  { section: 'anniversaries', path: '/anniversaries', key: 'nav.anniversaries' },
  { section: 'map', path: '/map', key: 'nav.map' },
  { section: 'listings', path: '/listings/from-japan', key: 'nav.listings' },
  { section: 'news', path: '/news', key: 'nav.news' },
  { section: 'guides', path: '/guides', key: 'nav.guides' },
  { section: 'api', path: '/api/docs', key: 'nav.api' },
];

/** The frame of every page: skip link, header with navigation, search and language switch, footer. */
export const Layout: FC<
  PropsWithChildren<{ ctx: PageContext; title: string; section?: Section; query?: string; head?: unknown; description?: string }>
> = ({ ctx, title, section, query, head, description, children }) => {
  const other: Lang = ctx.lang === 'en' ? 'ja' : 'en';
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={ctx.lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${title} | ${t(ctx.lang, 'site.name')}`}</title>
          {description ? <meta name="description" content={description} /> : null}
          <link rel="alternate" hreflang="en" href={localePath('en', ctx.path)} />
          <link rel="alternate" hreflang="ja" href={localePath('ja', ctx.path)} />
          <link rel="stylesheet" href={assetUrl('tokens.css')} />
          <link rel="stylesheet" href={assetUrl('site.css')} />
          <link rel="icon" type="image/svg+xml" href={assetUrl('favicon.svg')} />
          {head}
        </head>
        <body>
          <a class="skip" href="#content">{t(ctx.lang, 'skip')}</a>
          <header class="site-header">
            <div class="bar">
              <a class="brand" href={href(ctx, '/')}>
                <span>{ctx.lang === 'ja' ? '絆 Kizuna' : 'Kizuna 絆'}</span>
                <small>{t(ctx.lang, 'site.tagline')}</small>
              </a>
              <nav class="site-nav" aria-label={t(ctx.lang, 'nav.label')}>
                <ul>
                  {NAV.map((item) => (
                    <li>
                      <a href={item.section === 'api' ? item.path : href(ctx, item.path)} aria-current={item.section === section ? 'page' : undefined}>
                        {t(ctx.lang, item.key)}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
              <div class="tools">
                <form class="search-form" action={href(ctx, '/search')} method="get" role="search">
                  <label for="site-search" class="visually-hidden">{t(ctx.lang, 'search.label')}</label>
                  <input id="site-search" name="q" type="search" value={query ?? ''} placeholder={t(ctx.lang, 'search.placeholder')} maxlength={200} />
                  <button type="submit">{t(ctx.lang, 'search.button')}</button>
                </form>
 <AccountTools ctx={ctx} />
                <a class="lang-switch" href={localePath(other, ctx.path)} hreflang={other} lang={other} title={t(ctx.lang, 'language.switchLabel')}>
                  {t(ctx.lang, 'language.switch')}
                </a>
              </div>
            </div>
          </header>
          <main id="content" tabindex={-1}>{children}</main>
          <footer class="site-footer">
            <div class="bar">
              <p>{t(ctx.lang, 'footer.credits')}</p>
              <p><a href="/api/docs">{t(ctx.lang, 'footer.openData')}</a></p>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
};

/** Sign in, or the signed-in person's dashboard and sign-out (a form: signing out changes something). */
const AccountTools: FC<{ ctx: PageContext }> = ({ ctx }) =>
  ctx.viewer ? (
    <div class="account-tools">
      <a href={href(ctx, '/dashboard')}>{t(ctx.lang, 'nav.dashboard')}</a>
      <form method="post" action={href(ctx, '/sign-out')}>
        <CsrfField ctx={ctx} />
        <button type="submit" class="link-button">{t(ctx.lang, 'nav.signOut')}</button>
      </form>
    </div>
  ) : (
    <a class="account-tools" href={href(ctx, '/sign-in')}>{t(ctx.lang, 'nav.signIn')}</a>
  );

/** The hidden field every form that changes something carries (see web/session.ts). */
export const CsrfField: FC<{ ctx: PageContext }> = ({ ctx }) => <input type="hidden" name={CSRF_FIELD} value={ctx.csrf?.() ?? ''} />;
