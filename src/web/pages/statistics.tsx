import type { FC } from 'hono/jsx';
import { raw } from 'hono/html';
import { countryName, formatNumber, formatPreciseDate, lgName, t, tCount, type Lang, type MessageKey } from '../../i18n/index.js';
import type { JapanStatistics } from '../../services/stats.js';
import { statisticsChart, type ChartPair } from '../statisticsCharts.js';
import { formatCell, statisticsTables, type FigureTable, type StatisticsTable } from '../statisticsTables.js';
import { EARLIEST_YEAR } from '../../domain/relationships.js';
import { today } from '../../services/registry.js';
import { assetUrl } from '../assets.js';
import { PublishedBeside, SourcesNote } from './figures.js';
import { RegisterDownloads } from './register.js';
import { href, Layout, type PageContext } from './layout.js';
import { VitalityStatisticsSection } from './exchanges.js';

/** A chart in both its layouts, site.css showing the one that suits the screen. */
export const ChartFigure: FC<{ pair: ChartPair }> = ({ pair }) => <figure class="chart chart-pair">{raw(pair.wide)}{raw(pair.narrow)}</figure>;

/**
 * A statistics table under its chart, for those who would rather read: open when short, unless
 * told. On a phone a table of more than three columns becomes one card per row, each value labelled.
 */
export const StatisticsTableDetails: FC<{ lang: Lang; table: FigureTable; open?: boolean }> = ({ lang, table, open = table.rows.length <= 12 }) => {
  const stacked = table.columns.length > 3;
  // The row's name: the last text column (the country, not its code).
  const heading = table.rowHeader ?? table.columns.map((column) => column.kind).lastIndexOf('text');
  return (
    <details open={open}>
      <summary>{t(lang, 'stats.table')} ({formatNumber(lang, table.rows.length)})</summary>
      {/* Focusable, so that keyboards can scroll a table wider than a phone. */}
      <div class="table-wrap narrow-headings" tabindex={0} role="region" aria-label={`${t(lang, 'stats.table')}: ${table.title}`}>
        <table class={stacked ? 'stack-table' : undefined}>
          <caption class="visually-hidden">{table.title}</caption>
          <thead>
            <tr>
              {table.columns.map((column) => (
                <th scope="col" class={column.kind === 'text' ? undefined : 'number'}>{column.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, rowIndex) => (
              <tr>
                {row.map((cell, index) => {
                  const column = table.columns[index]!;
                  const link = table.links?.[rowIndex]?.[index];
                  const text = link ? <a href={link}>{formatCell(lang, table, index, cell)}</a> : formatCell(lang, table, index, cell);
                  const kind = column.kind === 'text' ? undefined : 'number';
                  return index === heading ? (
                    <th scope="row" class={kind}>{text}</th>
                  ) : (
                    <td class={kind} data-label={stacked ? column.label : undefined}>{text}</td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
};

const signed = (value: number) => (value > 0 ? `+${value}` : String(value));

/** Agreements signed whose first exchange has not begun: counted apart from those in force, each pair linked. */
const SignedAwaitingExchange: FC<{ ctx: PageContext; signed: JapanStatistics['signedAwaitingExchange'] }> = ({ ctx, signed: awaiting }) => (
  <section aria-labelledby="signed-awaiting-exchange" class="signed-awaiting">
    <h2 id="signed-awaiting-exchange">
      {t(ctx.lang, 'stats.signedAwaitingExchange', { count: formatNumber(ctx.lang, awaiting.international) })}
      {awaiting.domestic > 0 ? ` ${t(ctx.lang, 'stats.signedAwaitingExchangeDomestic', { count: formatNumber(ctx.lang, awaiting.domestic) })}` : ''}
    </h2>
    <p class="muted">{t(ctx.lang, 'stats.signedAwaitingExchangeNote')}</p>
    {awaiting.relationships.length ? (
      <ul>
        {awaiting.relationships.map((relationship) => (
          <li>
            {relationship.parties.map((party, index) => (
              <>
                {index > 0 ? ' – ' : ''}
                <a href={href(ctx, party.url)}>{lgName(ctx.lang, party)}</a>
              </>
            ))}{' '}
            (<a href={href(ctx, relationship.url)}>{relationship.label || t(ctx.lang, 'rel.noLabel')}</a>, {t(ctx.lang, 'stats.signedOn', { date: formatPreciseDate(ctx.lang, relationship.signedOn, 'day') })})
          </li>
        ))}
      </ul>
    ) : null}
  </section>
);

/** The overview statistics, as of a day a person picks: figures, a chart and a table per view, CSV beside each. */
export const StatisticsPage: FC<{ ctx: PageContext; stats: JapanStatistics; canEditFigures: boolean; canImportRegister: boolean }> = ({
  ctx,
  stats,
  canEditFigures,
  canImportRegister,
}) => {
  const tables = statisticsTables(ctx.lang, stats);
  const chartOf = (id: StatisticsTable['id']) => statisticsChart(ctx.lang, stats, id);
  const asOfText = formatPreciseDate(ctx.lang, stats.asOf, 'day');
  const csv = (id: string) => href(ctx, `/statistics/${id}.csv?asOf=${stats.asOf}`);
  return (
    <Layout ctx={ctx} title={t(ctx.lang, 'stats.title')} section="statistics" head={<script src={assetUrl('chartTips.js')} defer></script>}>
      <h1>{t(ctx.lang, 'stats.title')}</h1>
      <form method="get" action={href(ctx, '/statistics')} class="as-of">
        <label for="as-of">{t(ctx.lang, 'stats.asOfLabel')}</label>{' '}
        <input id="as-of" name="asOf" type="date" value={stats.asOf} min={`${EARLIEST_YEAR}-01-01`} max={today()} />{' '}
        <button type="submit">{t(ctx.lang, 'stats.show')}</button>
      </form>
      <p class="lead">{t(ctx.lang, 'stats.asOf', { date: asOfText })}</p>
      <ul class="figures">
        <li>
          <strong>{formatNumber(ctx.lang, stats.totals.international)}</strong>
          {t(ctx.lang, 'stats.international')}
        </li>
        <li>
          <strong>{formatNumber(ctx.lang, stats.totals.domestic)}</strong>
          {t(ctx.lang, 'stats.domestic')}
        </li>
        <li>
          <strong>{signed(stats.change.international)}</strong>
          {t(ctx.lang, 'stats.change', { date: formatPreciseDate(ctx.lang, stats.previousMonth.asOf, 'day') })}
        </li>
        <li>
          <strong>{formatNumber(ctx.lang, stats.undated)}</strong>
          {t(ctx.lang, 'stats.undatedFigure')}
        </li>
      </ul>
      <section aria-labelledby="sources" class="sources">
        <h2 id="sources">{t(ctx.lang, 'stats.sources.title')}</h2>
        <SourcesNote ctx={ctx} sources={stats.sources} each={true} />
        {stats.undated > 0 ? <p class="muted">{tCount(ctx.lang, 'stats.undatedNote', stats.undated)}</p> : null}
      </section>
      <SignedAwaitingExchange ctx={ctx} signed={stats.signedAwaitingExchange} />
      <VitalityStatisticsSection ctx={ctx} stats={stats} kindName={(kind) => t(ctx.lang, `kind.${kind}` as MessageKey)} countryName={(code) => countryName(ctx.lang, code)} />
      <p class="downloads">
        <a class="button secondary" href={csv('vitality')} download>{t(ctx.lang, 'stats.downloadCsv')}</a>
      </p>
      <PublishedBeside ctx={ctx} published={stats.published} canEdit={canEditFigures} />
      {tables.map((table) => (
        <section aria-labelledby={`section-${table.id}`}>
          <h2 id={`section-${table.id}`}>{table.title}</h2>
          <p class="muted">{table.summary}</p>
          {chartOf(table.id) ? <ChartFigure pair={chartOf(table.id)!} /> : table.id === 'growth' ? <p>{t(ctx.lang, 'stats.growthNone')}</p> : null}
          {table.id === 'growth' && stats.undated > 0 ? <p>{tCount(ctx.lang, chartOf('growth') ? 'stats.growthUndated' : 'stats.growthUndatedApart', stats.undated)}</p> : null}
          <StatisticsTableDetails lang={ctx.lang} table={table} />
          <p class="downloads">
            <a class="button secondary" href={csv(table.id)} download>{t(ctx.lang, 'stats.downloadCsv')}</a>
          </p>
        </section>
      ))}
      <RegisterDownloads ctx={ctx} canImport={canImportRegister} />
    </Layout>
  );
};
