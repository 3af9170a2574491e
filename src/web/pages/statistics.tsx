import { createHash } from 'node:crypto';
import type { FC } from 'hono/jsx';
import { raw } from 'hono/html';
import { countryName, formatNumber, formatPreciseDate, lgName, t, tCount, type Lang, type MessageKey } from '../../i18n/index.js';
import type { JapanStatistics } from '../../services/stats.js';
import { coverageChart, cumulativeLineChart, horizontalBarChart, prefectureTileMap } from '../charts/index.js';
import { formatCell, statisticsTables, type StatisticsTable } from '../statisticsTables.js';
import { EARLIEST_YEAR } from '../../domain/relationships.js';
import { today } from '../../services/registry.js';
import { assetUrl } from '../assets.js';
import { PublishedBeside, SourcesNote } from './figures.js';
import { RegisterDownloads } from './register.js';
import { href, Layout, type PageContext } from './layout.js';

/** Short English names for the tiles: the shortest beginning of at least three letters that no other prefecture shares. */
function shortEnglishNames(names: string[]): string[] {
  const bases = names.map((name) => name.replace(/ (Prefecture|Metropolis)$/, ''));
  return bases.map((base) => {
    for (let length = 3; length <= base.length; length++) {
      const prefix = base.slice(0, length);
      if (bases.filter((other) => other.startsWith(prefix)).length === 1) return prefix;
    }
    return base;
  });
}

/** The charts of the page, one per table, drawn on the server. */
function charts(lang: Lang, stats: JapanStatistics, tables: StatisticsTable[]): Record<StatisticsTable['id'], string | null> {
  const formatNumberFor = (n: number) => formatNumber(lang, n);
  const text = (table: StatisticsTable) => ({ title: table.title, summary: table.summary, formatNumber: formatNumberFor });
  const table = (id: StatisticsTable['id']) => tables.find((candidate) => candidate.id === id)!;
  const [countries, kinds, prefectures, growth] = [table('countries'), table('kinds'), table('prefectures'), table('growth')];
  const englishShort = shortEnglishNames(stats.byPrefecture.map((row) => row.prefecture.name.en));
  const datedYears = stats.growth.years.filter((year) => year.inForce > 0 || year.signed > 0);
  return {
    countries: horizontalBarChart(
      stats.byCountry.slice(0, 20).map((row) => ({ label: countryName(lang, row.country), value: row.count })),
      text(countries),
    ),
    kinds: coverageChart(
      stats.byKind.map((row) => ({ label: t(lang, `kinds.${row.kind}` as MessageKey), total: row.total, withPartner: row.withPartner })),
      { ...text(kinds), totalLabel: t(lang, 'stats.total'), withPartnerLabel: t(lang, 'stats.lgsWithPartner'), coverageLabel: t(lang, 'stats.coverage') },
    ),
    prefectures: prefectureTileMap(
      stats.byPrefecture.map((row, index) => ({
        jisCode: row.prefecture.jisCode,
        shortLabel: lang === 'ja' ? lgName(lang, row.prefecture).replace(/[都府県]$/, '') : englishShort[index]!,
        fullLabel: lgName(lang, row.prefecture),
        value: row.relationships,
      })),
      { ...text(prefectures), legendLabel: t(lang, 'stats.count') },
    ),
    labels: null,
    growth:
      datedYears.length === 0
        ? null
        : cumulativeLineChart(
            stats.growth.years.map((year) => ({ year: year.year, total: year.inForce })),
            stats.growth.milestones.map((milestone) => ({
              year: Number(milestone.signedOn.slice(0, 4)),
              label: milestone.ordinal === 1 ? t(lang, 'stats.milestoneFirst') : t(lang, 'stats.milestoneNth', { ordinal: formatNumber(lang, milestone.ordinal) }),
            })),
            text(growth),
            // Relationships without a date stand apart, as a bar beside the years.
            stats.undated > 0 ? { undated: { label: t(lang, 'stats.growthUndatedBand'), value: stats.undated, title: t(lang, 'stats.growthUndatedTip', { count: formatNumber(lang, stats.undated) }) } } : {},
          ),
  };
}

const drawnCharts = new Map<string, Record<StatisticsTable['id'], string | null>>();

/** The charts for these figures, drawn once: the same figures in the same language give the same charts. */
function cachedCharts(lang: Lang, stats: JapanStatistics, tables: StatisticsTable[]): Record<StatisticsTable['id'], string | null> {
  const key = createHash('sha1').update(lang).update(JSON.stringify(stats)).digest('base64');
  const found = drawnCharts.get(key);
  if (found) return found;
  const drawn = charts(lang, stats, tables);
  if (drawnCharts.size >= 16) drawnCharts.delete(drawnCharts.keys().next().value!);
  drawnCharts.set(key, drawn);
  return drawn;
}

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
  const drawn = cachedCharts(ctx.lang, stats, tables);
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
      <PublishedBeside ctx={ctx} published={stats.published} canEdit={canEditFigures} />
      {tables.map((table) => (
        <section aria-labelledby={`section-${table.id}`}>
          <h2 id={`section-${table.id}`}>{table.title}</h2>
          <p class="muted">{table.summary}</p>
          {drawn[table.id] ? <figure class="chart">{raw(drawn[table.id])}</figure> : table.id === 'growth' ? <p>{t(ctx.lang, 'stats.growthNone')}</p> : null}
          {table.id === 'growth' && stats.undated > 0 ? <p>{tCount(ctx.lang, drawn.growth ? 'stats.growthUndated' : 'stats.growthUndatedApart', stats.undated)}</p> : null}
          <details open={table.rows.length <= 12}>
            <summary>{t(ctx.lang, 'stats.table')} ({formatNumber(ctx.lang, table.rows.length)})</summary>
            {/* Focusable, so that keyboards can scroll a table wider than a phone. */}
            <div class="table-wrap narrow-headings" tabindex={0} role="region" aria-label={`${t(ctx.lang, 'stats.table')}: ${table.title}`}>
              <table>
                <caption class="visually-hidden">{table.title}</caption>
                <thead>
                  <tr>
                    {table.columns.map((column) => (
                      <th scope="col" class={column.kind === 'text' ? undefined : 'number'}>{column.label}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map((row) => (
                    <tr>
                      {row.map((cell, column) => (
                        <td class={table.columns[column]!.kind === 'text' ? undefined : 'number'}>{formatCell(ctx.lang, table, column, cell)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
          <p class="downloads">
            <a class="button secondary" href={csv(table.id)} download>{t(ctx.lang, 'stats.downloadCsv')}</a>
          </p>
        </section>
      ))}
      <RegisterDownloads ctx={ctx} canImport={canImportRegister} />
    </Layout>
  );
};
