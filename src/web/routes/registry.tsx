import type { Context, Hono } from 'hono';
import type { Db } from '../../db/client.js';
import { KizunaError } from '../../errors.js';
import { createCountryNormaliser, type NormalisedCountry } from '../../domain/countryNames.js';
import { SEARCH_KINDS } from '../../domain/statistics.js';
import { countryName, lgName, t } from '../../i18n/index.js';
import { loadCountries } from '../../reference/countries.js';
import { anniversariesOf } from '../../services/anniversaries.js';
import { countryList, latestSignedJapaneseRelationships, prefectureCodeOf, prefectureList, type PartnerLine } from '../../services/lists.js';
import { getLocalGovernment, getRelationship, today } from '../../services/registry.js';
import { searchLocalGovernments, type SearchResult } from '../../services/search.js';
import { japanStatistics } from '../../services/stats.js';
import { findGuide } from '../../content/guides.js';
import { downloadRows, pageOf, sortLines, SORTS, type ListSort } from '../detailsLists.js';
import { csvResponse, xlsxResponse } from '../downloads.js';
import { pageContext } from '../pageContext.js';
import { GuidePage, GuidesIndexPage } from '../pages/guides.js';
import type { PageContext } from '../pages/layout.js';
import {
  CountryIndexPage,
  CountryPage,
  HomePage,
  LocalGovernmentPage,
  PrefectureIndexPage,
  PrefecturePage,
  RelationshipPage,
  SearchPage,
  type ListView,
} from '../pages/registry.js';
import type { KizunaEnv } from '../session.js';
import { decide } from '../../domain/authorization.js';
import { VITALITIES, type Vitality, type VitalityThresholds } from '../../domain/vitality.js';
import { exchangeDigestOf, listExchanges } from '../../services/exchanges.js';
import type { LifeOptions } from '../../services/vitality.js';
import { relationshipDoneNotice } from './exchanges.js';
import { listCommendations } from '../../services/commendations.js';
import { LgCommendations } from '../pages/commendations.js';
import { listNews, tagsOfLocalGovernment } from '../../services/news.js';
import { NewsSection } from '../pages/news.js';
import { NEWS_ON_PAGES } from './news.js';

let knownCountryCodes: string[] | undefined;
/** Every country code Kizuna knows, for the search form. */
const countryCodes = () => (knownCountryCodes ??= loadCountries().map((country) => country.code));

let countryNamed: ((name: string) => NormalisedCountry | null) | undefined;
/** The country a name in an address means, in English or Japanese (germany, united-states, ドイツ). */
const countryOfName = (name: string) => (countryNamed ??= createCountryNormaliser(loadCountries()))(name.replace(/[-_]+/g, ' '));

/** The order a list page asks for (?sort=), or the list's own. */
function sortFrom(c: Context, fallback: ListSort): ListSort {
  const sort = c.req.query('sort');
  return (SORTS as readonly string[]).includes(sort ?? '') ? (sort as ListSort) : fallback;
}

/** The vitality a list page is filtered by (?vitality=), or none; a value the form cannot give is ignored. */
function vitalityFrom(c: Context): Vitality | undefined {
  const vitality = c.req.query('vitality');
  return (VITALITIES as readonly string[]).includes(vitality ?? '') ? (vitality as Vitality) : undefined;
}

/** The lines of a list with the vitality asked for. */
const withVitality = (lines: PartnerLine[], vitality: Vitality | undefined) => (vitality ? lines.filter((line) => line.vitality === vitality) : lines);

/** One page of a details list, in the order asked for, filtered by vitality. */
function listView(c: Context, ctx: PageContext, lines: PartnerLine[], base: string, fallback: ListSort): ListView {
  const sort = sortFrom(c, fallback);
  const vitality = vitalityFrom(c);
  const shown = withVitality(lines, vitality);
  const paged = pageOf(sortLines(ctx.lang, shown, sort), Number(c.req.query('page') ?? 1));
  return { lines: paged.items, total: shown.length, all: lines.length, sort, vitality, page: paged.page, pages: paged.pages, base };
}

/** A details list as CSV or XLSX, in the order asked for and the reader's language, filtered by vitality. */
async function listDownload(c: Context, ctx: PageContext, lines: PartnerLine[], filename: string, title: string, extension: string): Promise<Response> {
  const { header, rows } = downloadRows(ctx.lang, sortLines(ctx.lang, withVitality(lines, vitalityFrom(c)), sortFrom(c, 'local')), new URL(c.req.url).origin);
  return extension === 'xlsx' ? xlsxResponse(`${filename}.xlsx`, title, header, rows) : csvResponse(`${filename}.csv`, header, rows);
}

/**
 * The public registry in one language: the home page, search, a local government's and a
 * relationship's page, the lists by prefecture and by country with their downloads, and the guides.
 */
export function registerRegistryPages(pages: Hono<KizunaEnv>, db: Db, thresholds: VitalityThresholds): void {
  const life = (): LifeOptions => ({ today: today(), thresholds });
  pages.get('/', async (c) => {
    const year = Number(today().slice(0, 4));
    const stats = await japanStatistics(db);
    return c.html(
      <HomePage
        ctx={pageContext(c)}
        stats={stats}
        latest={await latestSignedJapaneseRelationships(db, 10)}
        anniversaries={await anniversariesOf(db, year)}
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
    const lg = await getLocalGovernment(db, Number(id), life());
    const canonical = (ctx.lang === 'ja' ? '/ja' : '') + lg.url;
    if (c.req.path !== canonical) return c.redirect(canonical, 301);
    return c.html(
      <LocalGovernmentPage
        ctx={ctx}
        lg={lg}
        exchanges={await exchangeDigestOf(db, () => lg.id, lg.relationships)}
        more={
          <>
            <LgCommendations ctx={ctx} commendations={await listCommendations(db, { localGovernmentId: lg.id })} />
            <NewsSection
              ctx={ctx}
              items={await listNews(db, { tags: tagsOfLocalGovernment(lg.id, lg.relationships.map((relationship) => relationship.id)), limit: NEWS_ON_PAGES })}
              feedPath={`/lg/${lg.id}/news.atom`}
            />
          </>
        }
      />,
    );
  });
  pages.get('/relationships/:id{[0-9]{1,9}}', async (c) => {
    const relationship = await getRelationship(db, Number(c.req.param('id')), life());
    const [a, b] = relationship.parties;
    const canRecord = decide(c.get('actor'), { do: 'relationship.write', parties: [a.id, b.id] }).allowed;
    return c.html(
      <RelationshipPage
        ctx={pageContext(c)}
        relationship={relationship}
        exchanges={await listExchanges(db, relationship.id)}
        canRecord={canRecord}
        thresholds={thresholds}
        done={relationshipDoneNotice(c, relationship)}
        more={
          <NewsSection
            ctx={pageContext(c)}
            items={await listNews(db, { tags: [{ kind: 'relationship', value: String(relationship.id) }], limit: NEWS_ON_PAGES })}
            feedPath={`${relationship.url}/news.atom`}
          />
        }
      />,
    );
  });
  pages.get('/prefectures', async (c) => c.html(<PrefectureIndexPage ctx={pageContext(c)} rows={(await japanStatistics(db)).byPrefecture} />));
  pages.get('/prefectures/:code{[0-9]{6}}', async (c) => {
    const ctx = pageContext(c);
    const list = await prefectureList(db, c.req.param('code'), life());
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
    const list = await prefectureList(db, code, life());
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
    const list = await countryList(db, code, life());
    const view = listView(c, ctx, list.lines, `/countries/${code}`, 'local');
    const news = await listNews(db, { tags: [{ kind: 'country', value: code }], limit: NEWS_ON_PAGES });
    return c.html(<CountryPage ctx={ctx} code={code} view={view} more={<NewsSection ctx={ctx} items={news} feedPath={`/countries/${code}/news.atom`} />} />);
  });
  // A country as people write its address, by name: sent on to its two-letter code.
  pages.get('/countries/:name{[^/.]{3,}}', (c) => {
    const name = c.req.param('name');
    const found = countryOfName(name);
    if (!found) throw new KizunaError('not_found', `There is no country ${name}.`);
    return c.redirect(`${pageContext(c).lang === 'ja' ? '/ja' : ''}/countries/${found.country}${new URL(c.req.url).search}`, 301);
  });
  pages.get('/countries/:file{[A-Za-z]{2}\\.(?:csv|xlsx)}', async (c) => {
    const ctx = pageContext(c);
    const [code, extension] = c.req.param('file').split('.') as [string, string];
    const list = await countryList(db, code.toUpperCase(), life());
    return listDownload(c, ctx, list.lines, `kizuna-${code.toUpperCase()}`, countryName(ctx.lang, code.toUpperCase()), extension);
  });
  pages.get('/guides', (c) => c.html(<GuidesIndexPage ctx={pageContext(c)} />));
  pages.get('/guides/:slug', (c) => {
    const guide = findGuide(c.req.param('slug'));
    if (!guide) throw new KizunaError('not_found', `There is no guide ${c.req.param('slug')}.`);
    return c.html(<GuidePage ctx={pageContext(c)} guide={guide} />);
  });
}
