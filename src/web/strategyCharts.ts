import { createHash } from 'node:crypto';
import { countryName, formatNumber, lgName, t, type Lang, type MessageKey } from '../i18n/index.js';
import type { PrefectureReport, Strategy } from '../services/strategy.js';
import { coverageChart, horizontalBarChart, prefectureTileMap, type BarDatum, type ChartLayout, type PrefectureValue } from './charts/index.js';
import { prefectureLabel, type ChartPair } from './statisticsCharts.js';
import type { FigureTable } from './statisticsTables.js';
import type { StrategyTable, StrategyTableId } from './strategyTables.js';

/** A tile map of the 47 wide; on a phone, all 47 as bars, most first (as the statistics page does). */
function prefectureChart(lang: Lang, values: (PrefectureValue & { name: { en: string; ja: string } })[], text: { title: string; summary: string; formatNumber: (n: number) => string }, legendLabel: string, layout: ChartLayout): string {
  if (layout === 'wide') return prefectureTileMap(values, { ...text, legendLabel });
  const bars: BarDatum[] = [...values].sort((a, b) => b.value - a.value).map((row) => ({ label: prefectureLabel(lang, row.name), value: row.value }));
  return horizontalBarChart(bars, text, { layout, maxBars: 47 });
}

/** The picture of one strategy table in one layout; null for a table without one. */
function draw(lang: Lang, strategy: Strategy, table: StrategyTable, layout: ChartLayout): string | null {
  const text = { title: table.title, summary: table.summary, formatNumber: (n: number) => formatNumber(lang, n) };
  const prefectureValue = (prefecture: Strategy['regionalPartners'][number]['prefecture'], value: number) => ({
    jisCode: prefecture.jisCode,
    shortLabel: prefectureLabel(lang, prefecture.name),
    fullLabel: lgName(lang, prefecture),
    name: prefecture.name,
    value,
  });
  switch (table.id as StrategyTableId) {
    case 'kinds':
      return coverageChart(
        strategy.coverage.byKind.map((row) => ({ label: t(lang, `kinds.${row.kind}` as MessageKey), total: row.total, withPartner: row.withPartner })),
        { ...text, totalLabel: t(lang, 'strategy.col.counted'), withPartnerLabel: t(lang, 'strategy.col.withPartner'), coverageLabel: t(lang, 'stats.coverage') },
        { layout },
      );
    case 'prefectures':
      return prefectureChart(
        lang,
        strategy.coverage.byPrefecture.map((row) => prefectureValue(row.prefecture, Math.round(row.coverage * 1000) / 10)),
        text,
        t(lang, 'strategy.col.coverage'),
        layout,
      );
    case 'regional':
      return prefectureChart(
        lang,
        strategy.regionalPartners.map((row) => prefectureValue(row.prefecture, row.regionalPartners)),
        text,
        t(lang, 'strategy.col.regionalPartners'),
        layout,
      );
    case 'cities':
      if (strategy.greatCities.withoutJapanesePartner.length === 0) return null;
      return horizontalBarChart(
        strategy.greatCities.withoutJapanesePartner.slice(0, 20).map((city) => ({ label: `${lgName(lang, city)} (${countryName(lang, city.country)})`, value: city.population ?? 0 })),
        text,
        { layout },
      );
    case 'countries':
      return horizontalBarChart(
        [...strategy.countries]
          .sort((a, b) => b.population - a.population)
          .slice(0, 20)
          .map((row) => ({ label: countryName(lang, row.country), value: Math.round(row.withJapanPerTenMillion * 100) / 100 })),
        text,
        { layout },
      );
    case 'spread':
      return horizontalBarChart(
        table.rows.map((row) => ({ label: String(row[0]), value: Number(row[1]) })),
        text,
        { layout, maxBars: table.rows.length },
      );
    default:
      return null;
  }
}

const drawn = new Map<string, ChartPair | null>();

/**
 * A picture in both layouts, drawn once for the same inputs: the figures change with the register,
 * the day and the filters, and drawing costs more than reading them.
 */
function drawnOnce(inputs: unknown[], draw: (layout: ChartLayout) => string | null): ChartPair | null {
  const key = createHash('sha1').update(JSON.stringify(inputs)).digest('base64');
  const found = drawn.get(key);
  if (found !== undefined) return found;
  const wide = draw('wide');
  const narrow = draw('narrow');
  const pair = wide && narrow ? { wide, narrow } : null;
  if (drawn.size >= 60) drawn.delete(drawn.keys().next().value!);
  drawn.set(key, pair);
  return pair;
}

/** The picture of a strategy table in both layouts. */
export function strategyChart(lang: Lang, strategy: Strategy, table: StrategyTable): ChartPair | null {
  return drawnOnce([lang, table.id, table.title, table.rows], (layout) => draw(lang, strategy, table, layout));
}

/** A prefecture's coverage beside Japan's and its neighbours', as bars, from its report's table; prefectures by their short names. */
export function coverageComparisonChart(lang: Lang, report: PrefectureReport, table: FigureTable): ChartPair | null {
  const names = [prefectureLabel(lang, report.prefecture.name), t(lang, 'strategy.prefecture.japan'), ...report.coverage.neighbours.map((row) => prefectureLabel(lang, row.prefecture.name))];
  const bars = table.rows.map((row, i) => ({ label: names[i] ?? String(row[0]), value: Number(row[4]) }));
  const text = { title: table.title, summary: table.summary, formatNumber: (n: number) => `${formatNumber(lang, n)}%` };
  return drawnOnce([lang, table.id, table.title, table.rows], (layout) => horizontalBarChart(bars, text, { layout }));
}
