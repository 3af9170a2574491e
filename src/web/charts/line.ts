import { renderECharts } from './echarts.js';
import {
  chartId,
  colours,
  defaultFormatNumber,
  DEFAULT_WIDTH,
  emptyChart,
  estimateTextWidth,
  fontFamily,
  typeSizes,
  type ChartSize,
  type ChartText,
} from './svg.js';

export interface YearTotal {
  year: number;
  total: number;
}

export interface Milestone {
  year: number;
  label: string;
}

/**
 * Cumulative total per year as a line, with milestones marked as dots and labelled ("first" at
 * 1955, "1,000th" in 1993), the last total written at the end. Milestones outside the years given are
 * left out; a milestone between two points sits on the total of the latest year not after it.
 * Years are written as they are, never through `formatNumber`. Default 720 × 420.
 */
export function cumulativeLineChart(points: YearTotal[], milestones: Milestone[], text: ChartText, options: ChartSize = {}): string {
  const width = options.width ?? DEFAULT_WIDTH;
  if (points.length === 0) return emptyChart('line', text, options);
  const height = options.height ?? 420;
  const format = text.formatNumber ?? defaultFormatNumber;
  const series = [...points].sort((a, b) => a.year - b.year);
  const first = series[0]!;
  const last = series.at(-1)!;
  const [minYear, maxYear] = first.year === last.year ? [first.year - 1, last.year + 1] : [first.year, last.year];
  const totalIn = (year: number): number => series.filter((point) => point.year <= year).at(-1)?.total ?? 0;
  const marks = milestones
    .filter((milestone) => milestone.year >= first.year && milestone.year <= last.year)
    .map((milestone) => ({ ...milestone, total: totalIn(milestone.year) }));
  const isEarly = (mark: Milestone): boolean => (mark.year - minYear) / (maxYear - minYear) < 0.3;
  const maxTotal = Math.max(...series.map((point) => point.total), 1);
  const left = Math.ceil(estimateTextWidth(format(maxTotal), typeSizes.axis)) + 22;
  const right = Math.ceil(estimateTextWidth(format(last.total), typeSizes.label) * 1.1) + 24;
  return renderECharts({
    id: options.id ?? chartId('line', [text.title, text.summary, series, milestones]),
    kind: 'line',
    width,
    height,
    text,
    option: {
      textStyle: { fontFamily, color: colours.ink },
      grid: { left, right, top: 28, bottom: 44, outerBoundsMode: 'none' },
      xAxis: {
        type: 'value',
        min: minYear,
        max: maxYear,
        minInterval: 1,
        splitLine: { show: false },
        axisLine: { lineStyle: { color: colours.muted } },
        axisTick: { lineStyle: { color: colours.muted } },
        axisLabel: { color: colours.muted, fontSize: typeSizes.axis, margin: 10, formatter: (year: number) => String(year), showMinLabel: false, showMaxLabel: false },
      },
      yAxis: {
        type: 'value',
        min: 0,
        splitLine: { lineStyle: { color: colours.line } },
        axisLabel: { color: colours.muted, fontSize: typeSizes.axis, formatter: (value: number) => format(value) },
      },
      series: [
        {
          type: 'line',
          data: series.map((point) => [point.year, point.total]),
          showSymbol: false,
          color: colours.primary,
          lineStyle: { color: colours.primary, width: 2.5 },
          areaStyle: { color: colours.primary, opacity: 0.08 },
          emphasis: { disabled: true },
          endLabel: { show: true, color: colours.ink, fontSize: typeSizes.label, fontWeight: 'bold', distance: 6, formatter: () => format(last.total) },
        },
        {
          type: 'scatter',
          // Early milestones sit where the curve is still flat: their words go up and right; later ones
          // up and left, into the empty space above a rising curve.
          data: marks.map((mark) => ({ value: [mark.year, mark.total], label: { align: isEarly(mark) ? 'left' : 'right' } })),
          labelLayout: ({ dataIndex }) => {
            const mark = marks[dataIndex ?? -1];
            return { dx: mark && isEarly(mark) ? 6 : -2, moveOverlap: 'shiftY' };
          },
          symbol: 'circle',
          symbolSize: 10,
          itemStyle: { color: colours.background, borderColor: colours.primary, borderWidth: 2.5, opacity: 1 },
          emphasis: { disabled: true },
          z: 3,
          label: {
            show: true,
            position: 'top',
            distance: 8,
            formatter: ({ dataIndex }) => {
              const mark = marks[dataIndex]!;
              return `{name|${richSafe(mark.label)}}\n{year|${mark.year}}`;
            },
            rich: {
              name: { fontSize: typeSizes.label, fontWeight: 'bold', color: colours.ink, lineHeight: 22, fontFamily, textBorderColor: colours.background, textBorderWidth: 3 },
              year: { fontSize: typeSizes.axis, color: colours.muted, lineHeight: 20, fontFamily, textBorderColor: colours.background, textBorderWidth: 3 },
            },
            // A white halo keeps the words readable over gridlines without hiding the axis.
            textBorderColor: colours.background,
            textBorderWidth: 3,
          },
        },
      ],
    },
    note: (seriesIndex, index) => {
      const mark = seriesIndex === 1 ? marks[index] : undefined;
      return mark && { title: `${mark.label}: ${mark.year} (${format(mark.total)})`, data: { label: mark.label, year: mark.year, total: mark.total } };
    },
  });
}

/** ECharts' rich text reads `{`, `}` and `|` as markup: keep them out of caller text. */
function richSafe(text: string): string {
  return text.replace(/[{}|]/g, ' ');
}
