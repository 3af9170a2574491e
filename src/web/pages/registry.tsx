import type { Child, FC } from 'hono/jsx';
import { countryName, formatNumber, formatPartial, lgName, regionName, t, tCount, type Lang, type MessageKey } from '../../i18n/index.js';
import { partnerLinesOf, type PartnerLine } from '../../services/lists.js';
import type { AnniversaryLine } from '../../services/anniversaries.js';
import { sortLines, SORTS, type ListSort } from '../detailsLists.js';
import { SEARCH_KINDS } from '../../domain/statistics.js';
import type { LocalGovernmentSummary } from '../../services/presenters.js';
import type { LocalGovernmentDetail, Relationship } from '../../services/registry.js';
import type { SearchResult } from '../../services/search.js';
import type { JapanStatistics } from '../../services/stats.js';
import { statisticsChart } from '../statisticsCharts.js';
import { statisticsTables, type StatisticsTable } from '../statisticsTables.js';
import { SourcesNote } from './figures.js';
import { ChartFigure, StatisticsTableDetails } from './statistics.js';
import { isFirstLevelKind } from '../../domain/firstLevelRegions.js';
import { href, Layout, type PageContext } from './layout.js';
import { JsonLd, localGovernmentJsonLd, relationshipJsonLd } from './jsonLd.js';
import { VITALITIES, type Vitality, type VitalityThresholds } from '../../domain/vitality.js';
import type { Exchange, ExchangeDigest } from '../../services/exchanges.js';
import { ExchangeLog, LgExchanges, TermFacts, VitalityBadge, VitalityFacts, vitalityName } from './exchanges.js';

/** A kind as a person reads it in the page's language. */
export const kindName = (lang: Lang, kind: string, designatedCity = false): string =>
  t(lang, designatedCity ? 'kind.designated_city' : (`kind.${kind}` as MessageKey));

const number = (lang: Lang, value: number | null | undefined) => (value === null || value === undefined ? '—' : formatNumber(lang, value));

/** Where an LG lies: its region (prefecture, state) and country; a state or province, in its country. */
export const placeOf = (lang: Lang, lg: LocalGovernmentSummary) =>
  [isFirstLevelKind(lg.kind) ? null : regionName(lang, lg), countryName(lang, lg.country)].filter(Boolean).join(lang === 'ja' ? '・' : ', ');

/** A link to an LG's page, with where it lies. */
export const LgLink: FC<{ ctx: PageContext; lg: LocalGovernmentSummary }> = ({ ctx, lg }) => (
  <>
    <a href={href(ctx, lg.url)}>{lgName(ctx.lang, lg)}</a>
    <span class="muted"> ({placeOf(ctx.lang, lg)})</span>
  </>
);

/** Partner countries with their number of relationships with Japan, each linking to its list. */
const CountriesTable: FC<{ ctx: PageContext; rows: JapanStatistics['byCountry'] }> = ({ ctx, rows }) => (
  <div class="table-wrap">
    <table>
      <thead>
        <tr>
          <th scope="col">{t(ctx.lang, 'table.country')}</th>
          <th scope="col" class="number">{t(ctx.lang, 'table.relationships')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr>
            <td><a href={href(ctx, `/countries/${row.country}`)}>{countryName(ctx.lang, row.country)}</a></td>
            <td class="number">{number(ctx.lang, row.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

/**
 * Japan's relationships at a glance: where they reach on the map, how they grew, how many local
 * governments of each kind have one, the last two with their tables for those who would rather read.
 */
const HomePictures: FC<{ ctx: PageContext; stats: JapanStatistics }> = ({ ctx, stats }) => {
  const tables = statisticsTables(ctx.lang, stats);
  const table = (id: StatisticsTable['id']) => tables.find((candidate) => candidate.id === id)!;
  const growth = statisticsChart(ctx.lang, stats, 'growth');
  const coverage = statisticsChart(ctx.lang, stats, 'kinds');
  return (
    <>
      <section aria-labelledby="home-map">
        <h2 id="home-map">{t(ctx.lang, 'home.map')}</h2>
        <figure class="chart home-map">
          <img src="/map/japan.svg" alt={t(ctx.lang, 'home.mapAlt', { countries: formatNumber(ctx.lang, stats.byCountry.length) })} width="960" height="500" />
          <figcaption><a href={href(ctx, '/map')}>{t(ctx.lang, 'home.mapLink')}</a></figcaption>
        </figure>
      </section>
      <div class="home-pictures">
        <section aria-labelledby="home-growth">
          <h2 id="home-growth">{table('growth').title}</h2>
          <p class="muted">{table('growth').summary}</p>
          {growth ? <ChartFigure pair={growth} /> : <p>{t(ctx.lang, 'stats.growthNone')}</p>}
          {stats.undated > 0 ? <p>{tCount(ctx.lang, growth ? 'stats.growthUndated' : 'stats.growthUndatedApart', stats.undated)}</p> : null}
          <StatisticsTableDetails lang={ctx.lang} table={table('growth')} open={false} />
        </section>
        <section aria-labelledby="home-coverage">
          <h2 id="home-coverage">{t(ctx.lang, 'home.coverage')}</h2>
          <p class="muted">{table('kinds').summary}</p>
          {coverage ? <ChartFigure pair={coverage} /> : null}
          <StatisticsTableDetails lang={ctx.lang} table={table('kinds')} open={false} />
        </section>
      </div>
    </>
  );
};

const yesNo = (lang: Lang, value: boolean | null) => t(lang, value === null ? 'unknown' : value ? 'yes' : 'no');

export const HomePage: FC<{
  ctx: PageContext;
  stats: JapanStatistics;
  latest: PartnerLine[];
  anniversaries: AnniversaryLine[];
  year: number;
}> = ({ ctx, stats, latest, anniversaries, year }) => (
  <Layout ctx={ctx} title={t(ctx.lang, 'site.tagline')} section="home">
    <h1>{t(ctx.lang, 'site.tagline')}</h1>
    <p class="lead">
      {t(ctx.lang, 'home.lead', { international: formatNumber(ctx.lang, stats.totals.international), domestic: formatNumber(ctx.lang, stats.totals.domestic) })}
    </p>
    <SourcesNote ctx={ctx} sources={stats.sources} />
    <HomePictures ctx={ctx} stats={stats} />
    <h2>{t(ctx.lang, 'home.countries')}</h2>
    <CountriesTable ctx={ctx} rows={stats.byCountry.slice(0, 15)} />
    <p>
      <a href={href(ctx, '/countries')}>{t(ctx.lang, 'home.allCountries')}</a> · <a href={href(ctx, '/prefectures')}>{t(ctx.lang, 'home.allPrefectures')}</a>
    </p>
    <h2>{t(ctx.lang, 'home.latest')}</h2>
    {latest.length === 0 ? (
      <p>{t(ctx.lang, 'home.latestNone')}</p>
    ) : (
      <>
        <p class="muted">{t(ctx.lang, 'home.latestNote')}</p>
        <RelationshipsTable ctx={ctx} lines={latest} showOwn={true} />
      </>
    )}
    <h2>{t(ctx.lang, 'home.anniversaries', { year })}</h2>
    {anniversaries.length === 0 ? (
      <p>{t(ctx.lang, 'home.noAnniversaries')}</p>
    ) : (
      <ul>
        {anniversaries.slice(0, 20).map((line) => (
          <li>
            <strong>{tCount(ctx.lang, 'home.years', line.anniversary.years)}</strong>: <LgLink ctx={ctx} lg={line.localGovernment} /> – <LgLink ctx={ctx} lg={line.partner} />{' '}
            ({formatPartial(ctx.lang, line.signedOn!)})
          </li>
        ))}
      </ul>
    )}
  </Layout>
);


export interface SearchFilters {
  country?: string | undefined;
  kind?: string | undefined;
}

export const SearchPage: FC<{ ctx: PageContext; query: string; results: SearchResult[]; problem?: string | undefined; filters?: SearchFilters; countries?: string[] }> = ({
  ctx,
  query,
  results,
  problem,
  filters = {},
  countries = [],
}) => (
  <Layout ctx={ctx} title={query ? `${t(ctx.lang, 'search.title')}: ${query}` : t(ctx.lang, 'search.title')} section="search" query={query}>
    <h1>{t(ctx.lang, 'search.title')}</h1>
    <form method="get" action={href(ctx, '/search')} class="as-of search-filters">
      <label for="search-q" class="visually-hidden">{t(ctx.lang, 'search.label')}</label>
      <input id="search-q" name="q" type="search" value={query} maxlength={200} />
      <label for="search-country">{t(ctx.lang, 'search.country')}</label>
      <select id="search-country" name="country">
        <option value="">{t(ctx.lang, 'search.any')}</option>
        {countries
          .map((code) => ({ code, name: countryName(ctx.lang, code) }))
          .sort((x, y) => x.name.localeCompare(y.name, ctx.lang))
          .map((country) => (
            <option value={country.code} selected={country.code === filters.country}>{country.name}</option>
          ))}
      </select>
      <label for="search-kind">{t(ctx.lang, 'search.kind')}</label>
      <select id="search-kind" name="kind">
        <option value="">{t(ctx.lang, 'search.any')}</option>
        {SEARCH_KINDS.map((kind) => (
          <option value={kind} selected={kind === filters.kind}>{kindName(ctx.lang, kind)}</option>
        ))}
      </select>
      <button type="submit">{t(ctx.lang, 'search.button')}</button>
    </form>
    {problem ? <p role="alert">{problem}</p> : null}
    {query && !problem && results.length > 0 ? <p>{tCount(ctx.lang, 'search.shown', results.length)}</p> : null}
    {query && !problem ? (
      results.length === 0 ? (
        <p>{t(ctx.lang, 'search.none', { query })}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t(ctx.lang, 'table.localGovernment')}</th>
                <th scope="col">{t(ctx.lang, 'table.kind')}</th>
                <th scope="col">{t(ctx.lang, 'table.country')}</th>
                <th scope="col" class="number">{t(ctx.lang, 'table.population')}</th>
                <th scope="col">{t(ctx.lang, 'table.code')}</th>
              </tr>
            </thead>
            <tbody>
              {results.map((lg) => (
                <tr>
                  <td>
                    <a href={href(ctx, lg.url)}>{lgName(ctx.lang, lg)}</a>
                    {ctx.lang === 'en' && lg.name.ja ? <span lang="ja"> {lg.name.ja}</span> : null}
                    {lg.formerName ? (
                      <span class="muted">
                        {' '}
                        {t(ctx.lang, 'search.formerly', { name: lg.formerName })}
                      </span>
                    ) : null}
                  </td>
                  <td>{kindName(ctx.lang, lg.kind, lg.designatedCity)}</td>
                  <td>{placeOf(ctx.lang, lg)}</td>
                  <td class="number">{number(ctx.lang, lg.population)}</td>
                  <td>{lg.jisCode ?? (lg.geonamesId ? `GeoNames ${lg.geonamesId}` : '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )
    ) : (
      <p class="muted">{t(ctx.lang, 'search.hint')}</p>
    )}
  </Layout>
);

/** Links to the anniversaries of a place: their page (narrowed to it) where there is one, and its calendar feed. */
export const AnniversaryLinks: FC<{ ctx: PageContext; page?: string; feed: string; name: string }> = ({ ctx, page, feed, name }) => (
  <p class="anniversary-links">
    {page ? (
      <>
        <a href={href(ctx, page)}>{t(ctx.lang, 'anniversaries.pageOf', { name })}</a> ·{' '}
      </>
    ) : null}
    <a href={href(ctx, feed)} type="text/calendar">{t(ctx.lang, 'anniversaries.feedOf', { name })}</a>
  </p>
);

export const RelationshipsTable: FC<{ ctx: PageContext; lines: PartnerLine[]; showOwn: boolean }> = ({ ctx, lines, showOwn }) => (
  <div class="table-wrap">
    <table>
      <thead>
        <tr>
          {showOwn ? <th scope="col">{t(ctx.lang, 'table.localGovernment')}</th> : null}
          <th scope="col">{t(ctx.lang, 'table.partner')}</th>
          <th scope="col">{t(ctx.lang, 'table.label')}</th>
          <th scope="col">{t(ctx.lang, 'table.signed')}</th>
          <th scope="col">{t(ctx.lang, 'table.status')}</th>
          <th scope="col">{t(ctx.lang, 'exchanges.list.vitality')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr>
            {showOwn ? <td><LgLink ctx={ctx} lg={line.localGovernment} /></td> : null}
            <td><LgLink ctx={ctx} lg={line.partner} /></td>
            <td>
              <a href={href(ctx, line.relationshipUrl)}>{line.label || t(ctx.lang, 'rel.noLabel')}</a>
              {line.domestic ? ` ${t(ctx.lang, 'lists.domestic')}` : ''}
            </td>
            <td>{line.signedOn ? formatPartial(ctx.lang, line.signedOn) : '—'}</td>
            <td>{t(ctx.lang, `status.${line.status}` as MessageKey)}</td>
            <td><VitalityBadge lang={ctx.lang} vitality={line.vitality} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

export const LocalGovernmentPage: FC<{ ctx: PageContext; lg: LocalGovernmentDetail; exchanges: ExchangeDigest; more?: Child }> = ({ ctx, lg, exchanges, more }) => {
  const lines = partnerLinesOf(lg, lg.relationships);
  const name = lgName(ctx.lang, lg);
  return (
    <Layout ctx={ctx} title={name} head={<JsonLd data={localGovernmentJsonLd(ctx, lg)} />}>
      <h1>
        {name}
        {ctx.lang === 'en' && lg.name.ja ? <span lang="ja"> {lg.name.ja}</span> : null}
        {ctx.lang === 'ja' && lg.name.ja ? <span lang="en" class="muted"> {lg.name.en}</span> : null}
      </h1>
      <dl class="facts">
        <dt>{t(ctx.lang, 'lg.kind')}</dt>
        <dd>{kindName(ctx.lang, lg.kind, lg.designatedCity)}</dd>
        {lg.nameKana ? (
          <>
            <dt>{t(ctx.lang, 'lg.reading')}</dt>
            <dd><span lang="ja">{lg.nameKana}</span> ({lg.nameRomaji})</dd>
          </>
        ) : null}
        <dt>{t(ctx.lang, 'lg.location')}</dt>
        <dd>{placeOf(ctx.lang, lg)}</dd>
        {lg.parent ? (
          <>
            <dt>{t(ctx.lang, 'lg.partOf')}</dt>
            <dd><a href={href(ctx, lg.parent.url)}>{lgName(ctx.lang, lg.parent)}</a></dd>
          </>
        ) : null}
        {lg.jisCode ? (
          <>
            <dt>{t(ctx.lang, 'lg.code')}</dt>
            <dd>{lg.jisCode}</dd>
          </>
        ) : null}
        <dt>{t(ctx.lang, 'lg.population')}</dt>
        <dd>{number(ctx.lang, lg.population)}{lg.population && lg.geonamesId ? ' (GeoNames)' : ''}</dd>
        {lg.latitude !== null && lg.longitude !== null ? (
          <>
            <dt>{t(ctx.lang, 'lg.coordinates')}</dt>
            <dd>{lg.latitude.toFixed(4)}, {lg.longitude.toFixed(4)}</dd>
          </>
        ) : null}
        {!lg.verified ? (
          <>
            <dt>{t(ctx.lang, 'lg.status')}</dt>
            <dd>{t(ctx.lang, 'lg.unverified', { source: lg.source })}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <a href={href(ctx, `/match?lg=${lg.id}`)}>{t(ctx.lang, 'match.findPartners')}</a>
      </p>
      {lg.formerMunicipalities.length ? (
        <>
          <h2>{t(ctx.lang, 'lg.formerMunicipalities', { count: formatNumber(ctx.lang, lg.formerMunicipalities.length) })}</h2>
          <ul class="former-municipalities">
            {lg.formerMunicipalities.map((former) => (
              <li>
                <span lang="ja">{former.district ?? ''}{former.name}</span>
                {ctx.lang === 'en' && former.nameRomaji ? ` (${former.nameRomaji})` : ''}
                {' '}
                {t(ctx.lang, 'lg.mergedOn', { date: formatPartial(ctx.lang, former.mergedOn) })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t(ctx.lang, 'lg.partners', { count: formatNumber(ctx.lang, lines.length) })}</h2>
      {lines.length ? <RelationshipsTable ctx={ctx} lines={lines} showOwn={false} /> : <p>{t(ctx.lang, 'lg.noPartners')}</p>}
      {lg.latitude !== null && lines.length > 0 ? (
        <figure class="chart">
          <img src={`/map/places/${lg.id}.svg`} alt={t(ctx.lang, 'lg.map', { name })} width="960" height="500" loading="lazy" />
          <figcaption><a href={href(ctx, `/map?place=${lg.id}`)}>{t(ctx.lang, 'lg.onMap')}</a></figcaption>
        </figure>
      ) : null}
      {lines.length ? <AnniversaryLinks ctx={ctx} feed={`/lg/${lg.id}/anniversaries.ics`} name={name} /> : null}
      {lines.length ? <LgExchanges ctx={ctx} digest={exchanges} /> : null}
      {lines.length ? (
        <>
          <h2>{t(ctx.lang, 'lg.timeline')}</h2>
          <ol class="timeline">
            {sortLines(ctx.lang, lines, 'signed').map((line) => (
              <li>
                <span class="when">{line.signedOn ? formatPartial(ctx.lang, line.signedOn) : t(ctx.lang, 'lg.undated')}</span>{' '}
                <LgLink ctx={ctx} lg={line.partner} />
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {more}
    </Layout>
  );
};

export const RelationshipPage: FC<{
  ctx: PageContext;
  relationship: Relationship;
  exchanges: Exchange[];
  /** The viewer may record exchanges and renewals (an officer of a party, a coordinator). */
  canRecord: boolean;
  thresholds: VitalityThresholds;
  /** What was just done, in words. */
  done?: string | undefined;
  /** Sections of other parts of the register (its news), after the log. */
  more?: Child;
}> = ({ ctx, relationship, exchanges, canRecord, thresholds, done, more }) => {
  const [a, b] = relationship.parties;
  const title = `${lgName(ctx.lang, a)} – ${lgName(ctx.lang, b)}`;
  const clair = relationship.clair;
  return (
    <Layout ctx={ctx} title={title} head={<JsonLd data={relationshipJsonLd(ctx, relationship)} />}>
      <h1>{title}</h1>
      {done ? <p class="note success" role="status">{done}</p> : null}
      <dl class="facts">
        <dt>{t(ctx.lang, 'rel.parties')}</dt>
        <dd>
          <LgLink ctx={ctx} lg={a} />
          {relationship.signedAs[0] ? <> {t(ctx.lang, 'rel.signedAs', { name: relationship.signedAs[0] })}</> : null}
          <br />
          <LgLink ctx={ctx} lg={b} />
          {relationship.signedAs[1] ? <> {t(ctx.lang, 'rel.signedAs', { name: relationship.signedAs[1] })}</> : null}
        </dd>
        <dt>{t(ctx.lang, 'rel.label')}</dt>
        <dd>{relationship.label || t(ctx.lang, 'notRecorded')}{relationship.labelOriginal ? ` (${relationship.labelOriginal})` : ''}</dd>
        <dt>{t(ctx.lang, 'rel.signed')}</dt>
        <dd>{relationship.signedOn ? formatPartial(ctx.lang, relationship.signedOn) : t(ctx.lang, 'rel.dateUnknown')}</dd>
        <dt>{t(ctx.lang, 'rel.status')}</dt>
        <dd>
          {t(ctx.lang, `status.${relationship.status}` as MessageKey)}
          {relationship.endedOn ? `, ${t(ctx.lang, 'rel.endedOn', { date: formatPartial(ctx.lang, relationship.endedOn) })}` : ''}
        </dd>
        <VitalityFacts ctx={ctx} relationship={relationship} thresholds={thresholds} />
        <TermFacts ctx={ctx} relationship={relationship} />
        {relationship.fields.length ? (
          <>
            <dt>{t(ctx.lang, 'rel.fields')}</dt>
            <dd>{relationship.fields.map((field) => t(ctx.lang, `field.${field}` as MessageKey)).join(ctx.lang === 'ja' ? '、' : ', ')}</dd>
          </>
        ) : null}
        <dt>{t(ctx.lang, 'rel.clair')}</dt>
        <dd>
          <ul>
            <li>{t(ctx.lang, 'rel.clairSigned')}: {yesNo(ctx.lang, clair.signedByLeaders)}</li>
            <li>{t(ctx.lang, 'rel.clairFields')}: {yesNo(ctx.lang, clair.multipleFields)}</li>
            <li>{t(ctx.lang, 'rel.clairBudget')}: {yesNo(ctx.lang, clair.budgetApproved)}</li>
          </ul>
        </dd>
        {relationship.agreementUrl ? (
          <>
            <dt>{t(ctx.lang, 'rel.agreement')}</dt>
            <dd><a href={relationship.agreementUrl}>{relationship.agreementUrl}</a></dd>
          </>
        ) : null}
        <dt>{t(ctx.lang, 'rel.domestic')}</dt>
        <dd>{relationship.domestic ? t(ctx.lang, 'rel.domesticYes') : t(ctx.lang, 'no')}</dd>
        <dt>{t(ctx.lang, 'rel.source')}</dt>
        <dd>{relationship.source}</dd>
        <dt>{t(ctx.lang, 'rel.verified')}</dt>
        <dd>{relationship.verified ? t(ctx.lang, 'yes') : t(ctx.lang, `rel.unverified.${relationship.sourceKind}`)}</dd>
        {relationship.notes ? (
          <>
            <dt>{t(ctx.lang, 'rel.notes')}</dt>
            <dd>{relationship.notes}</dd>
          </>
        ) : null}
      </dl>
      <ExchangeLog ctx={ctx} relationship={relationship} exchanges={exchanges} canRecord={canRecord} />
      {more}
    </Layout>
  );
};

export const PrefectureIndexPage: FC<{ ctx: PageContext; rows: JapanStatistics['byPrefecture'] }> = ({ ctx, rows }) => (
  <Layout ctx={ctx} title={t(ctx.lang, 'lists.byPrefecture')} section="prefectures">
    <h1>{t(ctx.lang, 'lists.byPrefecture')}</h1>
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t(ctx.lang, 'table.code')}</th>
            <th scope="col">{t(ctx.lang, 'table.prefecture')}</th>
            <th scope="col" class="number">{t(ctx.lang, 'table.international')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              <td>{row.prefecture.jisCode}</td>
              <td><a href={href(ctx, `/prefectures/${row.prefecture.jisCode}`)}>{lgName(ctx.lang, row.prefecture)}</a></td>
              <td class="number">{number(ctx.lang, row.relationships)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  </Layout>
);

/** What a details list page shows of its list: one page of lines in the order asked for. */
export interface ListView {
  lines: PartnerLine[];
  /** The lines with the vitality asked for; `all` when none is. */
  total: number;
  /** Every line of the list, whatever its vitality. */
  all: number;
  sort: ListSort;
  /** The vitality the list is filtered by, if any. */
  vitality?: Vitality | undefined;
  page: number;
  pages: number;
  /** The list's address without language, query or extension: /prefectures/330001. */
  base: string;
}

/** Sorting, downloads and paging of a details list; plain links, so they work without JavaScript. */
const ListControls: FC<{ ctx: PageContext; view: ListView }> = ({ ctx, view }) => {
  const filter = view.vitality ? `&vitality=${view.vitality}` : '';
  const at = (sort: ListSort, page: number) => href(ctx, `${view.base}?sort=${sort}${filter}${page > 1 ? `&page=${page}` : ''}`);
  const sortNames: Record<ListSort, MessageKey> = { local: 'lists.sortLocal', partner: 'lists.sortPartner', signed: 'lists.sortSigned' };
  return (
    <div class="list-controls">
      <p>{tCount(ctx.lang, 'lists.count', view.total)}</p>
      <p>
        {t(ctx.lang, 'lists.sortBy')}:{' '}
        {SORTS.map((sort, index) => (
          <>
            {index > 0 ? ' · ' : ''}
            <a href={at(sort, 1)} aria-current={sort === view.sort ? 'true' : undefined}>{t(ctx.lang, sortNames[sort])}</a>
          </>
        ))}
      </p>
      <form method="get" action={href(ctx, view.base)} class="as-of vitality-filter">
        <input type="hidden" name="sort" value={view.sort} />
        <label for="list-vitality">{t(ctx.lang, 'exchanges.list.filter')}</label>
        <select id="list-vitality" name="vitality">
          <option value="">{t(ctx.lang, 'exchanges.list.all')}</option>
          {VITALITIES.map((vitality) => (
            <option value={vitality} selected={vitality === view.vitality}>{vitalityName(ctx.lang, vitality)}</option>
          ))}
        </select>
        <button type="submit">{t(ctx.lang, 'exchanges.list.filterButton')}</button>
      </form>
      {view.vitality ? <p>{t(ctx.lang, 'exchanges.list.filtered', { vitality: vitalityName(ctx.lang, view.vitality) })}</p> : null}
      <p class="downloads">
        <span>{t(ctx.lang, 'lists.download')}:</span>
        <a class="button secondary" href={href(ctx, `${view.base}.csv?sort=${view.sort}${filter}`)} download>{t(ctx.lang, 'lists.downloadCsv')}</a>
        <a class="button secondary" href={href(ctx, `${view.base}.xlsx?sort=${view.sort}${filter}`)} download>{t(ctx.lang, 'lists.downloadXlsx')}</a>
      </p>
      {view.pages > 1 ? (
        <nav class="pager" aria-label={t(ctx.lang, 'lists.page', { page: view.page, pages: view.pages })}>
          {view.page > 1 ? <a href={at(view.sort, view.page - 1)} rel="prev">{t(ctx.lang, 'lists.previous')}</a> : null}
          <span>{t(ctx.lang, 'lists.page', { page: view.page, pages: view.pages })}</span>
          {view.page < view.pages ? <a href={at(view.sort, view.page + 1)} rel="next">{t(ctx.lang, 'lists.next')}</a> : null}
        </nav>
      ) : null}
    </div>
  );
};

export const PrefecturePage: FC<{ ctx: PageContext; prefecture: LocalGovernmentSummary; view: ListView }> = ({ ctx, prefecture, view }) => (
  <Layout ctx={ctx} title={lgName(ctx.lang, prefecture)} section="prefectures">
    <h1>{lgName(ctx.lang, prefecture)}</h1>
    <p><a href={href(ctx, prefecture.url)}>{t(ctx.lang, 'lists.prefecturePage')}</a></p>
    <AnniversaryLinks ctx={ctx} page={`/anniversaries?prefecture=${prefecture.jisCode}`} feed={`/prefectures/${prefecture.jisCode}/anniversaries.ics`} name={lgName(ctx.lang, prefecture)} />
    {view.all ? (
      <>
        <ListControls ctx={ctx} view={view} />
        <RelationshipsTable ctx={ctx} lines={view.lines} showOwn={true} />
      </>
    ) : (
      <p>{t(ctx.lang, 'lists.none')}</p>
    )}
  </Layout>
);

export const CountryIndexPage: FC<{ ctx: PageContext; rows: JapanStatistics['byCountry'] }> = ({ ctx, rows }) => (
  <Layout ctx={ctx} title={t(ctx.lang, 'lists.byCountry')} section="countries">
    <h1>{t(ctx.lang, 'lists.byCountry')}</h1>
    <CountriesTable ctx={ctx} rows={rows} />
  </Layout>
);

export const CountryPage: FC<{ ctx: PageContext; code: string; view: ListView; more?: Child }> = ({ ctx, code, view, more }) => {
  // Grouped by state or province when ordered by local government; one table otherwise.
  const groups: { region: string | null; lines: PartnerLine[] }[] = [];
  for (const line of view.lines) {
    const region = view.sort === 'local' ? regionName(ctx.lang, line.localGovernment) : null;
    const last = groups.at(-1);
    if (last && last.region === region) last.lines.push(line);
    else groups.push({ region, lines: [line] });
  }
  return (
    <Layout ctx={ctx} title={countryName(ctx.lang, code)} section="countries">
      <h1>{countryName(ctx.lang, code)}</h1>
      <AnniversaryLinks ctx={ctx} page={`/anniversaries?country=${code}`} feed={`/countries/${code}/anniversaries.ics`} name={countryName(ctx.lang, code)} />
      {view.all === 0 ? <p>{t(ctx.lang, 'lists.none')}</p> : <ListControls ctx={ctx} view={view} />}
      {groups.map((group) => (
        <section>
          {groups.length > 1 || group.region ? <h2>{group.region ?? t(ctx.lang, 'lists.regionUnknown')}</h2> : null}
          <RelationshipsTable ctx={ctx} lines={group.lines} showOwn={true} />
        </section>
      ))}
      {more}
    </Layout>
  );
};

const errorTitle = (status: number): MessageKey => (status === 404 ? 'error.notFound' : status === 429 ? 'error.tooMany' : status >= 500 ? 'error.server' : 'error.invalid');

export const ErrorPage: FC<{ ctx: PageContext; status: number; message: string }> = ({ ctx, status, message }) => (
  <Layout ctx={ctx} title={t(ctx.lang, errorTitle(status))}>
    <h1>{t(ctx.lang, errorTitle(status))}</h1>
    <p>{message}</p>
    <p>
      <a href={href(ctx, '/')}>{t(ctx.lang, 'error.home')}</a> · <a href={href(ctx, '/search')}>{t(ctx.lang, 'search.title')}</a>
    </p>
  </Layout>
);
