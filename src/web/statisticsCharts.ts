import { createHash } from 'node:crypto';
import { countryName, formatNumber, lgName, t, type Lang, type MessageKey } from '../i18n/index.js';
import type { JapanStatistics } from '../services/stats.js';
import { coverageChart, cumulativeLineChart, horizontalBarChart, prefectureTileMap, type ChartLayout } from './charts/index.js';
import { statisticsTables, type StatisticsTable } from './statisticsTables.js';

/** One chart in both layouts: a page shows the wide one, and the narrow one on a phone (site.css). */
export interface ChartPair {
  wide: string;
  narrow: string;
}

/**
 * A prefecture's name as its tile and bar write it: in Japanese without 都・府・県 (東京, 大阪,
 * 北海道), in English without "Prefecture" or "Metropolis", macrons kept (Tōkyō, Tokushima), so that
 * no two read alike.
 */
export function prefectureLabel(lang: Lang, name: { en: string; ja: string }): string {
  return lang === 'ja' ? name.ja.replace(/[都府県]$/, '') : name.en.replace(/ (Prefecture|Metropolis)$/, '');
}

/** The chart of one statistics table in one layout; null for a table without one, or growth without a dated relationship. */
function draw(lang: Lang, stats: JapanStatistics, table: StatisticsTable, layout: ChartLayout): string | null {
  const text = { title: table.title, summary: table.summary, formatNumber: (n: number) => formatNumber(lang, n) };
  switch (table.id) {
    case 'countries':
      return horizontalBarChart(
        stats.byCountry.slice(0, 20).map((row) => ({ label: countryName(lang, row.country), value: row.count })),
        text,
        { layout },
      );
    case 'kinds':
      return coverageChart(
        stats.byKind.map((row) => ({ label: t(lang, `kinds.${row.kind}` as MessageKey), total: row.total, withPartner: row.withPartner })),
        { ...text, totalLabel: t(lang, 'stats.total'), withPartnerLabel: t(lang, 'stats.lgsWithPartner'), coverageLabel: t(lang, 'stats.coverage') },
        { layout },
      );
    case 'prefectures':
      // On a phone, all 47 as bars, most first: a tile map that narrow has no room for names.
      return layout === 'narrow'
        ? horizontalBarChart(
            [...stats.byPrefecture]
              .sort((a, b) => b.relationships - a.relationships)
              .map((row) => ({ label: prefectureLabel(lang, row.prefecture.name), value: row.relationships })),
            text,
            { layout, maxBars: 47 },
          )
        : prefectureTileMap(
            stats.byPrefecture.map((row) => ({
              jisCode: row.prefecture.jisCode,
              shortLabel: prefectureLabel(lang, row.prefecture.name),
              fullLabel: lgName(lang, row.prefecture),
              value: row.relationships,
            })),
            { ...text, legendLabel: t(lang, 'stats.count') },
          );
    case 'labels':
      return null;
    case 'growth':
      if (!stats.growth.years.some((year) => year.inForce > 0 || year.signed > 0)) return null;
      return cumulativeLineChart(
        stats.growth.years.map((year) => ({ year: year.year, total: year.inForce })),
        stats.growth.milestones.map((milestone) => ({
          year: Number(milestone.signedOn.slice(0, 4)),
          label: milestone.ordinal === 1 ? t(lang, 'stats.milestoneFirst') : t(lang, 'stats.milestoneNth', { ordinal: formatNumber(lang, milestone.ordinal) }),
        })),
        text,
        // Relationships without a date stand apart, as a bar beside the years.
        {
          layout,
          ...(stats.undated > 0
            ? { undated: { label: t(lang, 'stats.growthUndatedBand'), value: stats.undated, title: t(lang, 'stats.growthUndatedTip', { count: formatNumber(lang, stats.undated) }) } }
            : {}),
        },
      );
  }
}

const drawn = new Map<string, ChartPair | null>();
const hashes = new WeakMap<JapanStatistics, string>();

/**
 * The chart of a statistics table in both layouts, drawn once: the same figures in the same
 * language give the same charts, on the statistics page and the home page alike.
 */
export function statisticsChart(lang: Lang, stats: JapanStatistics, id: StatisticsTable['id']): ChartPair | null {
  let hash = hashes.get(stats);
  if (!hash) hashes.set(stats, (hash = createHash('sha1').update(JSON.stringify(stats)).digest('base64')));
  const key = `${hash}|${lang}|${id}`;
  const found = drawn.get(key);
  if (found !== undefined) return found;
  const table = statisticsTables(lang, stats).find((candidate) => candidate.id === id)!;
  const wide = draw(lang, stats, table, 'wide');
  const narrow = draw(lang, stats, table, 'narrow');
  const pair = wide && narrow ? { wide, narrow } : null;
  // A few versions of the figures at most (today's, and the days people ask for), each in two languages.
  if (drawn.size >= 40) drawn.delete(drawn.keys().next().value!);
  drawn.set(key, pair);
  return pair;
}
