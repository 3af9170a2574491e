/**
 * Charts drawn on the server as SVG strings that read without JavaScript: each is an accessible
 * image (`role="img"`, `<title>`, `<desc>`) that scales to its container (`width="100%"`, viewBox).
 * Callers pass translated words; numbers go through their `formatNumber`.
 */
export { horizontalBarChart, coverageChart, type BarDatum, type CoverageDatum, type CoverageText } from './bars.js';
export { cumulativeLineChart, type YearTotal, type Milestone } from './line.js';
export {
  prefectureTileMap,
  prefectureJisCode,
  prefectureNumber,
  type PrefectureValue,
  type TileMapText,
  type TileMapOptions,
} from './tileMap.js';
export type { ChartText, ChartSize, ChartLayout } from './svg.js';
