import type { FC, PropsWithChildren } from 'hono/jsx';
import { EARLIEST_YEAR } from '../../domain/relationships.js';
import { formatNumber, formatPercent, formatPreciseDate, lgName, t, tCount, type Lang, type MessageKey } from '../../i18n/index.js';
import { today } from '../../services/registry.js';
import type { LocalGovernmentFilter, PrefectureReport, Proposals, Strategy, StrategyLocalGovernment } from '../../services/strategy.js';
import { assetUrl } from '../assets.js';
import { coverageComparisonChart, strategyChart } from '../strategyCharts.js';
import { listAddress, localGovernmentTable, prefectureNames, reportTables, strategyQuery, strategyTables, type StrategyTable } from '../strategyTables.js';
import { href, Layout, type PageContext } from './layout.js';
import { ChartFigure, StatisticsTableDetails } from './statistics.js';

/** What the reader asked for beyond the defaults, so that links keep it. */
export interface StrategyAsked {
  asOf: boolean;
}

const CONTINENTS = ['AF', 'AS', 'EU', 'NA', 'OC', 'SA'] as const;

/** The first rows of a table, for a page that shows a few and offers the rest as CSV. */
const firstRows = (table: StrategyTable, count: number): StrategyTable => ({ ...table, rows: table.rows.slice(0, count), links: table.links?.slice(0, count) });

/** One part of the strategy: its heading, how it is computed, its picture, its table and its CSV. */
const Part: FC<PropsWithChildren<{ ctx: PageContext; id: string; title: string; explain: string; table?: StrategyTable; csv?: string; open?: boolean; strategy: Strategy }>> = ({
  ctx,
  id,
  title,
  explain,
  table,
  csv,
  open,
  strategy,
  children,
}) => {
  const chart = table ? strategyChart(ctx.lang, strategy, table) : null;
  return (
    <section aria-labelledby={id} class="strategy-part">
      <h2 id={id}>{title}</h2>
      <details class="explain">
        <summary>{t(ctx.lang, 'strategy.howComputed')}</summary>
        <p>{explain}</p>
        <p>{t(ctx.lang, 'strategy.data')}</p>
      </details>
      {children}
      {chart ? <ChartFigure pair={chart} /> : null}
      {table ? <StatisticsTableDetails lang={ctx.lang} table={table} {...(open === undefined ? {} : { open })} /> : null}
      {csv ? (
        <p class="downloads">
          <a class="button secondary" href={csv} download>{t(ctx.lang, 'strategy.downloadCsv')}</a>
        </p>
      ) : null}
    </section>
  );
};

/** The form choosing the day and the target; the other filters ride along. */
const StrategyForm: FC<{ ctx: PageContext; strategy: Strategy }> = ({ ctx, strategy }) => (
  <form method="get" action={href(ctx, '/strategy')} class="as-of strategy-form">
    <label for="as-of">{t(ctx.lang, 'strategy.form.asOf')}</label>{' '}
    <input id="as-of" name="asOf" type="date" value={strategy.asOf} min={`${EARLIEST_YEAR}-01-01`} max={today()} />{' '}
    <fieldset>
      <legend>{t(ctx.lang, 'strategy.form.target')}</legend>
      <label for="target-min">{t(ctx.lang, 'strategy.form.targetMin')}</label>{' '}
      <input id="target-min" name="targetMin" type="number" min={1} max={50} value={strategy.target.min} />{' '}
      <label for="target-max">{t(ctx.lang, 'strategy.form.targetMax')}</label>{' '}
      <input id="target-max" name="targetMax" type="number" min={1} max={50} value={strategy.target.max} />
    </fieldset>{' '}
    {strategy.greatCities.filter.country ? <input type="hidden" name="country" value={strategy.greatCities.filter.country} /> : null}
    {strategy.greatCities.filter.continent ? <input type="hidden" name="continent" value={strategy.greatCities.filter.continent} /> : null}
    <button type="submit">{t(ctx.lang, 'strategy.form.show')}</button>
  </form>
);

/** The filter of the great cities by country and continent; the day and target ride along. */
const CityFilter: FC<{ ctx: PageContext; strategy: Strategy; asked: StrategyAsked }> = ({ ctx, strategy, asked }) => (
  <form method="get" action={`${href(ctx, '/strategy')}#cities`} class="as-of strategy-form">
    {asked.asOf ? <input type="hidden" name="asOf" value={strategy.asOf} /> : null}
    <input type="hidden" name="targetMin" value={strategy.target.min} />
    <input type="hidden" name="targetMax" value={strategy.target.max} />
    <fieldset>
      <legend>{t(ctx.lang, 'strategy.cities.filter')}</legend>
      <label for="city-country">{t(ctx.lang, 'strategy.cities.country')}</label>{' '}
      <input id="city-country" name="country" type="text" size={3} maxlength={2} pattern="[A-Za-z]{2}" value={strategy.greatCities.filter.country ?? ''} />{' '}
      <label for="city-continent">{t(ctx.lang, 'strategy.cities.continent')}</label>{' '}
      <select id="city-continent" name="continent">
        <option value="">{t(ctx.lang, 'strategy.cities.anyContinent')}</option>
        {CONTINENTS.map((code) => (
          <option value={code} selected={strategy.greatCities.filter.continent === code}>
            {t(ctx.lang, `continent.${code}` as MessageKey)}
          </option>
        ))}
      </select>
    </fieldset>{' '}
    <button type="submit">{t(ctx.lang, 'strategy.form.show')}</button>
  </form>
);

const CITIES_SHOWN = 50;

/** The strategy page: six parts, each explained, with its picture, its table whose numbers lead to the lists behind them, and its CSV. */
export const StrategyPage: FC<{ ctx: PageContext; strategy: Strategy; asked: StrategyAsked }> = ({ ctx, strategy, asked }) => {
  const lang = ctx.lang;
  const tables = new Map(strategyTables(lang, strategy, asked).map((table) => [table.id, table]));
  const csv = (id: string) => href(ctx, `/strategy/${id}.csv${strategyQuery(strategy, asked, { country: strategy.greatCities.filter.country ?? undefined, continent: strategy.greatCities.filter.continent ?? undefined })}`);
  const list = (filter: LocalGovernmentFilter) => listAddress(lang, strategy, asked, filter);
  const { national } = strategy.coverage;
  const withoutRegional = strategy.regionalPartners.filter((row) => row.regionalPartners === 0);
  const cities = strategy.greatCities;
  const { min, max } = strategy.target;
  const largest = localGovernmentTable(lang, strategy, strategy.withoutPartner.slice(0, 20), t(lang, 'strategy.gaps.largest'));
  return (
    <Layout ctx={ctx} title={t(lang, 'nav.strategy')} section="strategy" head={<script src={assetUrl('chartTips.js')} defer></script>}>
      <h1>{t(lang, 'strategy.title')}</h1>
      <StrategyForm ctx={ctx} strategy={strategy} />
      <p class="lead">{t(lang, 'strategy.lead', { date: formatPreciseDate(lang, strategy.asOf, 'day') })}</p>
      <ul class="figures">
        <li>
          <strong><a href={list({ minPartners: 1 })}>{formatPercent(lang, national.coverage)}</a></strong>
          {t(lang, 'strategy.headline.coverage', { withPartner: formatNumber(lang, national.withPartner), total: formatNumber(lang, national.total) })}
        </li>
        <li>
          <strong><a href="#regional">{formatNumber(lang, withoutRegional.length)}</a></strong>
          {t(lang, 'strategy.headline.regional')}
        </li>
        <li>
          <strong><a href="#cities">{formatPercent(lang, cities.total === 0 ? 0 : (cities.total - cities.withJapanesePartner) / cities.total)}</a></strong>
          {t(lang, 'strategy.headline.cities', { total: formatNumber(lang, cities.total) })}
        </li>
        <li>
          <strong><a href={list({ minPartners: min, maxPartners: max })}>{formatNumber(lang, strategy.spread.within)}</a></strong>
          {t(lang, 'strategy.headline.target', { min, max })}
        </li>
      </ul>

      <Part ctx={ctx} id="gaps" title={t(lang, 'strategy.gaps.title')} explain={t(lang, 'strategy.gaps.explain')} strategy={strategy}>
        <h3>{t(lang, 'strategy.gaps.byKind')}</h3>
        <SubPart ctx={ctx} strategy={strategy} table={tables.get('kinds')!} csv={csv('kinds')} />
        <h3>{t(lang, 'strategy.gaps.byPrefecture')}</h3>
        <SubPart ctx={ctx} strategy={strategy} table={tables.get('prefectures')!} csv={csv('prefectures')} />
        <h3 id="largest">{t(lang, 'strategy.gaps.largest')}</h3>
        <p class="muted">{t(lang, 'strategy.gaps.largestExplain')}</p>
        <StatisticsTableDetails lang={lang} table={largest} open={true} />
        <p class="downloads">
          <a href={list({ maxPartners: 0 })}>{tCount(lang, 'strategy.gaps.allWithout', strategy.withoutPartner.length)}</a>{' '}
          <a class="button secondary" href={listAddress(lang, strategy, asked, { maxPartners: 0 }, '.csv')} download>{t(lang, 'strategy.downloadCsv')}</a>
        </p>
      </Part>

      <Part ctx={ctx} id="regional" title={t(lang, 'strategy.regional.title')} explain={t(lang, 'strategy.regional.explain')} table={tables.get('regional')} csv={csv('regional')} open={false} strategy={strategy}>
        {withoutRegional.length === 0 ? (
          <p>{t(lang, 'strategy.regional.none')}</p>
        ) : (
          <p>
            {tCount(lang, 'strategy.regional.without', withoutRegional.length)}{' '}
            {withoutRegional.map((row, index) => (
              <>
                {index > 0 ? (lang === 'ja' ? '、' : ', ') : ''}
                <a href={href(ctx, row.prefecture.url + strategyQuery(strategy, asked))}>{lgName(lang, row.prefecture)}</a>
              </>
            ))}
          </p>
        )}
      </Part>

      <Part
        ctx={ctx}
        id="cities"
        title={t(lang, 'strategy.cities.title')}
        explain={t(lang, 'strategy.cities.explain', { population: formatNumber(lang, cities.rule.population), regional: formatNumber(lang, cities.rule.regionalCapitalPopulation) })}
        table={firstRows(tables.get('cities')!, CITIES_SHOWN)}
        csv={csv('cities')}
        open={true}
        strategy={strategy}
      >
        <CityFilter ctx={ctx} strategy={strategy} asked={asked} />
        <p>
          {cities.withoutJapanesePartner.length === 0
            ? t(lang, 'strategy.cities.none')
            : t(lang, 'strategy.cities.count', { without: formatNumber(lang, cities.total - cities.withJapanesePartner), total: formatNumber(lang, cities.total) })}
          {cities.withoutJapanesePartner.length > CITIES_SHOWN ? ` ${t(lang, 'strategy.cities.shown', { shown: CITIES_SHOWN })}` : ''}
        </p>
      </Part>

      <Part ctx={ctx} id="countries" title={t(lang, 'strategy.countries.title')} explain={t(lang, 'strategy.countries.explain')} table={firstRows(tables.get('countries')!, 30)} csv={csv('countries')} open={false} strategy={strategy} />

      <Part ctx={ctx} id="name-only" title={t(lang, 'strategy.nameOnly.title')} explain={t(lang, 'strategy.nameOnly.explain')} strategy={strategy}>
        <NameOnly ctx={ctx} strategy={strategy} />
      </Part>

      <Part ctx={ctx} id="spread" title={t(lang, 'strategy.spread.title')} explain={t(lang, 'strategy.spread.explain', { min, max })} strategy={strategy}>
        <p>
          {t(lang, 'strategy.spread.figures', {
            below: formatNumber(lang, strategy.spread.below),
            within: formatNumber(lang, strategy.spread.within),
            above: formatNumber(lang, strategy.spread.above),
          })}
        </p>
        <SubPart ctx={ctx} strategy={strategy} table={tables.get('spread')!} csv={csv('spread')} />
        <h3 id="one-country">{t(lang, 'strategy.spread.oneCountry')}</h3>
        <p class="muted">{t(lang, 'strategy.spread.oneCountryExplain')}</p>
        <StatisticsTableDetails lang={lang} table={firstRows(tables.get('one-country')!, 20)} open={true} />
        <p class="downloads">
          <a href={list({ oneCountry: true })}>{tCount(lang, 'strategy.spread.allOneCountry', strategy.spread.oneCountry.length)}</a>{' '}
          <a class="button secondary" href={csv('one-country')} download>{t(lang, 'strategy.downloadCsv')}</a>
        </p>
      </Part>
    </Layout>
  );
};

/** A table of a part with its picture and CSV, under a heading of its own. */
const SubPart: FC<{ ctx: PageContext; strategy: Strategy; table: StrategyTable; csv: string }> = ({ ctx, strategy, table, csv }) => {
  const chart = strategyChart(ctx.lang, strategy, table);
  return (
    <>
      <p class="muted">{table.summary}</p>
      {chart ? <ChartFigure pair={chart} /> : null}
      <StatisticsTableDetails lang={ctx.lang} table={table} />
      <p class="downloads">
        <a class="button secondary" href={csv} download>{t(ctx.lang, 'strategy.downloadCsv')}</a>
      </p>
    </>
  );
};

/** Relationships in name only: what the exchange log says, or that there is no log to say it. */
export const NameOnly: FC<{ ctx: PageContext; strategy: Pick<Strategy, 'nameOnly'> }> = ({ ctx, strategy }) => {
  const { nameOnly } = strategy;
  if (!nameOnly.available) return <p class="note">{t(ctx.lang, 'strategy.nameOnly.unavailable')}</p>;
  return (
    <>
      <p>{tCount(ctx.lang, 'strategy.nameOnly.relationships', nameOnly.relationships.length)}</p>
      <p>{tCount(ctx.lang, 'strategy.nameOnly.localGovernments', nameOnly.localGovernments.length)}</p>
      <ul>
        {nameOnly.localGovernments.map((lg) => (
          <li>
            <a href={href(ctx, lg.url)}>{lgName(ctx.lang, lg)}</a>
          </li>
        ))}
      </ul>
    </>
  );
};

/** The words of a list's filter: "of kind: Towns, in Okayama Prefecture, with 0 to 0 partners abroad". */
function filterWords(lang: Lang, strategy: Strategy, filter: LocalGovernmentFilter): string[] {
  const words: string[] = [];
  if (filter.kind) words.push(t(lang, 'strategy.list.kind', { kind: t(lang, `kinds.${filter.kind}` as MessageKey) }));
  const prefecture = filter.prefecture ? prefectureNames(strategy).get(filter.prefecture) : undefined;
  if (prefecture) words.push(t(lang, 'strategy.list.prefecture', { prefecture: lgName(lang, prefecture) }));
  if (filter.minPartners !== undefined && filter.maxPartners !== undefined) words.push(t(lang, 'strategy.list.partners', { min: filter.minPartners, max: filter.maxPartners }));
  else if (filter.minPartners !== undefined) words.push(t(lang, 'strategy.list.partnersAtLeast', { min: filter.minPartners }));
  else if (filter.maxPartners !== undefined) words.push(t(lang, 'strategy.list.partnersAtMost', { max: filter.maxPartners }));
  if (filter.oneCountry) words.push(t(lang, 'strategy.list.oneCountry'));
  return words;
}

/** The list behind a figure of the strategy page: the Japanese LGs of a kind, prefecture or number of partners. */
export const StrategyListPage: FC<{ ctx: PageContext; strategy: Strategy; asked: StrategyAsked; filter: LocalGovernmentFilter; localGovernments: StrategyLocalGovernment[] }> = ({
  ctx,
  strategy,
  asked,
  filter,
  localGovernments,
}) => {
  const lang = ctx.lang;
  const table = localGovernmentTable(lang, strategy, localGovernments, t(lang, 'strategy.list.title'));
  const words = filterWords(lang, strategy, filter);
  return (
    <Layout ctx={ctx} title={t(lang, 'strategy.list.title')} section="strategy">
      <h1>{t(lang, 'strategy.list.title')}</h1>
      <p class="lead">
        {t(lang, 'strategy.list.filter', { date: formatPreciseDate(lang, strategy.asOf, 'day') })}
        {words.length ? `${lang === 'ja' ? '：' : ': '}${words.join(lang === 'ja' ? '、' : ', ')}` : ''}
      </p>
      <p>{tCount(lang, 'strategy.list.count', localGovernments.length)}</p>
      <StatisticsTableDetails lang={lang} table={table} open={true} />
      <p class="downloads">
        <a class="button secondary" href={listAddress(lang, strategy, asked, filter, '.csv')} download>{t(lang, 'strategy.downloadCsv')}</a>{' '}
        <a href={href(ctx, `/strategy${strategyQuery(strategy, asked)}`)}>{t(lang, 'strategy.list.back')}</a>
      </p>
    </Layout>
  );
};

/**
 * A prefecture's strategy report: its coverage against Japan and its region, its partners at its
 * level, its LGs without a partner abroad (with proposals when given), its relationships in name
 * only and its anniversaries of the coming year. Laid out to print on A4 (site.css).
 */
export const PrefectureReportPage: FC<{ ctx: PageContext; report: PrefectureReport; proposals: Proposals; asked: StrategyAsked }> = ({ ctx, report, proposals, asked }) => {
  const lang = ctx.lang;
  const tables = reportTables(lang, report, proposals);
  const name = lgName(lang, report.prefecture);
  const query = asked.asOf ? `?asOf=${report.asOf}` : '';
  const chart = coverageComparisonChart(lang, report, tables.coverage);
  return (
    <Layout ctx={ctx} title={t(lang, 'strategy.prefecture.title', { prefecture: name })} section="strategy">
      <article class="strategy-report">
        <h1>{t(lang, 'strategy.prefecture.title', { prefecture: name })}</h1>
        <p class="lead">{t(lang, 'strategy.prefecture.lead', { prefecture: name, date: formatPreciseDate(lang, report.asOf, 'day') })}</p>
        <p class="no-print muted">{t(lang, 'strategy.prefecture.print')}</p>
        <p class="downloads">
          <a class="button secondary" href={href(ctx, `${report.prefecture.url}.xlsx${query}`)} download>{t(lang, 'strategy.prefecture.xlsx')}</a>{' '}
          <a href={href(ctx, `/strategy${query}`)}>{t(lang, 'strategy.list.back')}</a>
        </p>
        <section aria-labelledby="report-coverage">
          <h2 id="report-coverage">{tables.coverage.title}</h2>
          <p class="muted">{t(lang, 'strategy.prefecture.coverageExplain', { region: t(lang, `region.${report.region}` as MessageKey) })}</p>
          {chart ? <ChartFigure pair={chart} /> : null}
          <StatisticsTableDetails lang={lang} table={tables.coverage} open={true} />
          <p>
            {report.regional.regionalPartners === 0
              ? t(lang, 'strategy.prefecture.regionalNone')
              : tCount(lang, 'strategy.prefecture.regionalSome', report.regional.regionalPartners)}
          </p>
        </section>
        <section aria-labelledby="report-without">
          <h2 id="report-without">{tables.withoutPartner.title}</h2>
          {report.withoutPartner.length === 0 ? (
            <p>{t(lang, 'strategy.prefecture.noneWithout')}</p>
          ) : (
            <>
              <p class="muted">{tables.withoutPartner.summary}</p>
              <StatisticsTableDetails lang={lang} table={tables.withoutPartner} open={true} />
            </>
          )}
        </section>
        <section aria-labelledby="report-great-cities" class="keep-together">
          <h2 id="report-great-cities">{tables.greatCities.title}</h2>
          <p class="muted">{tables.greatCities.summary}</p>
          <StatisticsTableDetails lang={lang} table={tables.greatCities} open={true} />
        </section>
        <section aria-labelledby="report-name-only">
          <h2 id="report-name-only">{t(lang, 'strategy.nameOnly.title')}</h2>
          <NameOnly ctx={ctx} strategy={report} />
        </section>
        <section aria-labelledby="report-anniversaries">
          <h2 id="report-anniversaries">{tables.anniversaries.title}</h2>
          <p class="muted">{tables.anniversaries.summary}</p>
          {report.anniversaries.lines.length === 0 ? (
            <p>{t(lang, 'strategy.prefecture.noAnniversaries', { year: report.anniversaries.year })}</p>
          ) : (
            <StatisticsTableDetails lang={lang} table={tables.anniversaries} open={true} />
          )}
        </section>
        <p class="muted">{t(lang, 'strategy.data')}</p>
      </article>
    </Layout>
  );
};
