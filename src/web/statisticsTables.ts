import { countryName, formatNumber, formatPercent, lgName, t, type Lang, type MessageKey } from '../i18n/index.js';
import type { JapanStatistics } from '../services/stats.js';

/** One table of figures: what a page shows under a chart and what its CSV holds. */
export interface FigureTable<Id extends string = string> {
  id: Id;
  title: string;
  summary: string;
  /** Text columns are written as they are; counts grouped for the language; percentages with their sign. */
  columns: { label: string; kind: 'text' | 'count' | 'percent' }[];
  /** Cells as written on the page; numbers stay numbers so that CSV keeps them plain. */
  rows: (string | number)[][];
  /** Which column names the row (a row header); default the last text column. */
  rowHeader?: number;
  /** The address of the list behind each cell, where there is one (same shape as rows; the page links the cell, the CSV does not). */
  links?: (string | null)[][];
}

/** One statistics table: what the statistics page shows under a chart and what its CSV holds. */
export type StatisticsTable = FigureTable<'countries' | 'kinds' | 'prefectures' | 'labels' | 'growth'>;

/** The tables of the statistics page in the reader's language, in one place for the page and the CSV. */
export function statisticsTables(lang: Lang, stats: JapanStatistics): StatisticsTable[] {
  const total = stats.totals.international;
  const share = (count: number) => (total === 0 ? 0 : Math.round((count / total) * 1000) / 10);
  return [
    {
      id: 'countries',
      title: t(lang, 'stats.byCountry'),
      summary: t(lang, 'stats.byCountrySummary'),
      columns: [
        { label: t(lang, 'table.code'), kind: 'text' },
        { label: t(lang, 'table.country'), kind: 'text' },
        { label: t(lang, 'stats.count'), kind: 'count' },
        { label: t(lang, 'stats.undatedColumn'), kind: 'count' },
        { label: `${t(lang, 'stats.share')} (%)`, kind: 'percent' },
      ],
      rows: stats.byCountry.map((row) => [row.country, countryName(lang, row.country), row.count, row.undated, share(row.count)]),
    },
    {
      id: 'kinds',
      title: t(lang, 'stats.byKind'),
      summary: t(lang, 'stats.byKindSummary'),
      columns: [
        { label: t(lang, 'table.kind'), kind: 'text' },
        { label: t(lang, 'stats.total'), kind: 'count' },
        { label: t(lang, 'stats.lgsWithPartner'), kind: 'count' },
        { label: `${t(lang, 'stats.coverage')} (%)`, kind: 'percent' },
      ],
      rows: stats.byKind.map((row) => [t(lang, `kinds.${row.kind}` as MessageKey), row.total, row.withPartner, Math.round(row.coverage * 1000) / 10]),
    },
    {
      id: 'prefectures',
      title: t(lang, 'stats.byPrefecture'),
      summary: t(lang, 'stats.byPrefectureSummary'),
      columns: [
        { label: t(lang, 'table.code'), kind: 'text' },
        { label: t(lang, 'table.prefecture'), kind: 'text' },
        { label: t(lang, 'stats.count'), kind: 'count' },
        { label: t(lang, 'stats.undatedColumn'), kind: 'count' },
        { label: t(lang, 'stats.lgsWithPartner'), kind: 'count' },
      ],
      rows: stats.byPrefecture.map((row) => [
        row.prefecture.jisCode,
        lgName(lang, row.prefecture),
        row.relationships,
        row.undated,
        row.localGovernmentsWithPartner,
      ]),
    },
    {
      id: 'labels',
      title: t(lang, 'stats.byLabel'),
      summary: t(lang, 'stats.byLabelSummary'),
      columns: [
        { label: t(lang, 'stats.label'), kind: 'text' },
        { label: t(lang, 'stats.count'), kind: 'count' },
        { label: t(lang, 'stats.undatedColumn'), kind: 'count' },
        { label: `${t(lang, 'stats.share')} (%)`, kind: 'percent' },
      ],
      rows: stats.byLabel.map((row) => [row.label || t(lang, 'stats.labelUnknown'), row.count, row.undated, share(row.count)]),
    },
    {
      id: 'growth',
      title: t(lang, 'stats.growth'),
      summary: t(lang, 'stats.growthSummary'),
      columns: [
        { label: t(lang, 'stats.year'), kind: 'text' },
        { label: t(lang, 'stats.signed'), kind: 'count' },
        { label: t(lang, 'stats.inForce'), kind: 'count' },
      ],
      // Those without a date on a row of their own: in force, but signed in no known year.
      rows: [...stats.growth.years.map((row) => [String(row.year), row.signed, row.inForce]), ...(stats.undated > 0 ? [[t(lang, 'stats.undatedRow'), '', stats.undated]] : [])],
    },
  ];
}

/** A cell as the page writes it: numbers grouped for the language, shares with a percent sign. */
export function formatCell(lang: Lang, table: FigureTable, column: number, value: string | number): string {
  if (typeof value === 'string') return value;
  return table.columns[column]!.kind === 'percent' ? formatPercent(lang, value / 100) : formatNumber(lang, value);
}
