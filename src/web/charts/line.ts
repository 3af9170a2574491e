import { renderECharts } from './echarts.js';
import {
  chartId,
  colours,
  defaultFormatNumber,
  emptyChart,
  estimateTextWidth,
  fontFamily,
  sizeOf,
  type ChartSize,
  type ChartText,
  type DatumNote,
} from './svg.js';

export interface YearTotal {
  year: number;
  total: number;
}

export interface Milestone {
  year: number;
  label: string;
}

/** Relationships no year can be given for, drawn as a bar of their own at the right of the years. */
export interface UndatedBand {
  /** A short word under the bar ("No date"). */
  label: string;
  value: number;
  /** What a hover says of the bar. */
  title: string;
}

/** The bar of relationships of no known year: a grey with 3.5:1 contrast on white, lighter than the text. */
const UNDATED_GREY = '#87878b';

/** A value axis of about five whole steps reaching at or above the largest value, so that two axes can share it. */
function roundScale(value: number): { top: number; step: number } {
  const rough = Math.max(value, 1) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 2.5, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough)!);
  return { top: Math.ceil(Math.max(value, 1) / step) * step, step };
}

/**
 * Cumulative total per year as a line, with milestones marked as dots and labelled ("first" at
 * 1955, "1,000th" in 1993), the last total written at the end. Milestones outside the years given are
 * left out; a milestone between two points sits on the total of the latest year not after it.
 * With `undated`, relationships of no known year stand apart as a bar at the right, on the same
 * scale. Years are written as they are, never through `formatNumber`. Default 720 × 420; narrow 360 × 300.
 */
export function cumulativeLineChart(points: YearTotal[], milestones: Milestone[], text: ChartText, options: ChartSize & { undated?: UndatedBand } = {}): string {
  const { layout, width, type } = sizeOf(options);
  if (points.length === 0) return emptyChart('line', text, options);
  const height = options.height ?? (layout === 'narrow' ? 300 : 420);
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
  const band = options.undated && options.undated.value > 0 ? options.undated : undefined;
  const maxTotal = Math.max(...series.map((point) => point.total), band?.value ?? 0, 1);
  // With a bar beside the line, both axes share one scale.
  const scale = band ? roundScale(maxTotal) : undefined;
  const left = Math.ceil(estimateTextWidth(format(scale?.top ?? maxTotal), type.axis)) + 22;
  const right = Math.ceil(estimateTextWidth(format(last.total), type.label) * 1.1) + 24;
  const bandWidth = band ? Math.max(56, Math.ceil(estimateTextWidth(band.label, type.axis)) + 16) : 0;
  const grid = { top: 28, bottom: 44, outerBoundsMode: 'none' as const };
  const lineWidth = width - left - (band ? right + bandWidth + 20 : right);
  const yearStep = yearInterval(maxYear - minYear, Math.floor(lineWidth / (estimateTextWidth('2000', type.axis) * 1.25)));
  // Round years strictly inside the span: the ends are left bare, as the line starts and stops there.
  const roundYears = Array.from({ length: Math.floor(maxYear / yearStep) - Math.floor(minYear / yearStep) }, (_, i) => (Math.floor(minYear / yearStep) + i + 1) * yearStep).filter(
    (year) => year > minYear && year < maxYear,
  );
  const valueAxis = {
    type: 'value' as const,
    min: 0,
    ...(scale ? { max: scale.top, interval: scale.step } : {}),
    splitLine: { lineStyle: { color: colours.line } },
    axisLabel: { color: colours.muted, fontSize: type.axis, formatter: (value: number) => format(value) },
  };
  return renderECharts({
    id: options.id ?? chartId('line', [text.title, text.summary, series, milestones, band ?? null], layout),
    kind: 'line',
    layout,
    width,
    height,
    text,
    option: {
      textStyle: { fontFamily, color: colours.ink },
      grid: band ? [{ ...grid, left, right: right + bandWidth + 12 }, { ...grid, right: 8, width: bandWidth }] : { ...grid, left, right },
      xAxis: [
        {
          type: 'value',
          min: minYear,
          max: maxYear,
          splitLine: { show: false },
          axisLine: { lineStyle: { color: colours.muted } },
          axisTick: { lineStyle: { color: colours.muted }, customValues: roundYears },
          axisLabel: { color: colours.muted, fontSize: type.axis, margin: 10, formatter: (year: number) => String(year), customValues: roundYears },
        },
        ...(band
          ? [
              {
                type: 'category' as const,
                gridIndex: 1,
                data: [band.label],
                axisLine: { lineStyle: { color: colours.muted } },
                axisTick: { show: false },
                axisLabel: { color: colours.muted, fontSize: type.axis, margin: 10, interval: 0 },
              },
            ]
          : []),
      ],
      yAxis: [valueAxis, ...(band ? [{ ...valueAxis, gridIndex: 1, axisLabel: { show: false } }] : [])],
      series: [
        {
          type: 'line',
          data: series.map((point) => [point.year, point.total]),
          showSymbol: false,
          color: colours.primary,
          lineStyle: { color: colours.primary, width: 2.5 },
          areaStyle: { color: colours.primary, opacity: 0.08 },
          emphasis: { disabled: true },
          endLabel: { show: true, color: colours.ink, fontSize: type.label, fontWeight: 'bold', distance: 6, formatter: () => format(last.total) },
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
              name: { fontSize: type.label, fontWeight: 'bold', color: colours.ink, lineHeight: Math.round(type.label * 1.25), fontFamily, textBorderColor: colours.background, textBorderWidth: 3 },
              year: { fontSize: type.axis, color: colours.muted, lineHeight: Math.round(type.axis * 1.25), fontFamily, textBorderColor: colours.background, textBorderWidth: 3 },
            },
            // A white halo keeps the words readable over gridlines without hiding the axis.
            textBorderColor: colours.background,
            textBorderWidth: 3,
          },
        },
        ...(band
          ? [
              {
                type: 'bar' as const,
                xAxisIndex: 1,
                yAxisIndex: 1,
                data: [band.value],
                barWidth: '60%',
                // Grey and hatched: counted, but of no known year, unlike the blue of the dated line.
                itemStyle: { color: UNDATED_GREY, decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: -Math.PI / 4, color: 'rgba(255,255,255,0.45)' } },
                emphasis: { disabled: true },
                label: { show: true, position: 'top' as const, color: colours.ink, fontSize: type.label, fontWeight: 'bold' as const, formatter: () => format(band.value) },
              },
            ]
          : []),
      ],
    },
    note: (seriesIndex, index): DatumNote | undefined => {
      if (seriesIndex === 2 && band) return { title: band.title, data: { label: band.label, total: band.value } };
      const mark = seriesIndex === 1 ? marks[index] : undefined;
      return mark && { title: `${mark.label}: ${mark.year} (${format(mark.total)})`, data: { label: mark.label, year: mark.year, total: mark.total } };
    },
  });
}

/** The smallest round step of years (1, 2, 5, 10, 20, 25, 50…) that writes at most `fitting` years across `span`. */
export function yearInterval(span: number, fitting: number): number {
  const steps = [1, 2, 5, 10, 20, 25, 50, 100];
  return steps.find((step) => span / step <= Math.max(fitting, 1)) ?? steps.at(-1)!;
}

/** ECharts' rich text reads `{`, `}` and `|` as markup: keep them out of caller text. */
function richSafe(text: string): string {
  return text.replace(/[{}|]/g, ' ');
}
