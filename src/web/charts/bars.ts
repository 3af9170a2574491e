import { renderECharts } from './echarts.js';
import {
  chartId,
  colours,
  dataAttributes,
  defaultFormatNumber,
  emptyChart,
  escapeXml,
  estimateTextWidth,
  fontFamily,
  openSvg,
  round,
  sizeOf,
  wrapText,
  type ChartSize,
  type ChartText,
  type DatumNote,
  type TypeSizes,
} from './svg.js';

export interface BarDatum {
  label: string;
  value: number;
}

/** Height of a bar's row and of the bar itself, by layout. */
const barRows = { wide: { row: 38, bar: 22 }, narrow: { row: 26, bar: 16 } } as const;

/**
 * Horizontal bar chart in the order given, largest first as the caller sorted it (e.g. relationships
 * by partner country, top 20): one bar per label, its value written at the end of the bar.
 * Labels wider than 40 % of the chart are cut with an ellipsis; the bar's `<title>` keeps them whole.
 * Height: 16 px + 38 px a bar (26 px when narrow), unless `height` is given.
 * @example horizontalBarChart([{ label: 'United States', value: 458 }], { title: 'Partners by country', summary: '…' })
 */
export function horizontalBarChart(data: BarDatum[], text: ChartText, options: ChartSize & { maxBars?: number } = {}): string {
  const bars = data.slice(0, options.maxBars ?? 20);
  const { layout, width, type } = sizeOf(options);
  if (bars.length === 0) return emptyChart('bar', text, options);
  const format = text.formatNumber ?? defaultFormatNumber;
  const labelFont = type.label;
  const valueFont = type.label;
  const height = options.height ?? 16 + bars.length * barRows[layout].row;
  const widestLabel = Math.max(...bars.map((bar) => estimateTextWidth(bar.label, labelFont)));
  const labelWidth = Math.min(widestLabel, width * 0.4);
  // ECharts cuts by its own estimate, narrower than many real fonts: cut early enough to stay inside.
  const truncate = widestLabel > labelWidth ? { width: Math.floor(labelWidth * 0.88), overflow: 'truncate' as const } : {};
  const valueWidth = Math.max(...bars.map((bar) => estimateTextWidth(format(bar.value), valueFont)));
  return renderECharts({
    id: options.id ?? chartId('bar', [text.title, text.summary, bars], layout),
    kind: 'bar',
    layout,
    width,
    height,
    text,
    option: {
      textStyle: { fontFamily, color: colours.ink },
      grid: { left: Math.ceil(labelWidth) + 14, right: Math.ceil(valueWidth) + 14, top: 8, bottom: 8, outerBoundsMode: 'none' },
      xAxis: { type: 'value', show: false, min: 0, max: Math.max(...bars.map((bar) => bar.value), 1) },
      yAxis: {
        type: 'category',
        inverse: true,
        data: bars.map((bar) => bar.label),
        axisTick: { show: false },
        axisLine: { lineStyle: { color: colours.muted } },
        axisLabel: { color: colours.ink, fontSize: labelFont, margin: 10, ...truncate },
      },
      series: [
        {
          type: 'bar',
          data: bars.map((bar) => bar.value),
          barWidth: barRows[layout].bar,
          itemStyle: { color: colours.primary },
          emphasis: { disabled: true },
          label: { show: true, position: 'right', distance: 6, color: colours.ink, fontSize: valueFont, formatter: ({ value }) => format(Number(value)) },
        },
      ],
    },
    note: (_series, index) => {
      const bar = bars[index];
      return bar && { title: `${bar.label}: ${format(bar.value)}`, data: { label: bar.label, value: bar.value } };
    },
  });
}

export interface CoverageDatum {
  label: string;
  total: number;
  withPartner: number;
}

export interface CoverageText extends ChartText {
  totalLabel: string;
  withPartnerLabel: string;
  coverageLabel: string;
}

/**
 * Coverage by kind of local government: two panels over the same kinds, the share with a partner
 * (a line, 0–100 %) above, grouped bars of all LGs and LGs with a partner below. Two panels rather
 * than a second y axis, so the percentage labels never sit on the bars. Default 720 × 566.
 * Narrow, one row per kind instead: its name and share, and a bar of all its LGs filled as far as
 * those with a partner reach.
 */
export function coverageChart(data: CoverageDatum[], text: CoverageText, options: ChartSize = {}): string {
  const { layout, width, type } = sizeOf(options);
  if (data.length === 0) return emptyChart('coverage', text, options);
  const format = text.formatNumber ?? defaultFormatNumber;
  const percent = (share: number | null): string => (share === null ? '—' : `${format(roundShare(share))}%`);
  const shares = data.map((kind) => (kind.total > 0 ? (kind.withPartner / kind.total) * 100 : null));
  const id = options.id ?? chartId('coverage', [text.title, text.summary, text.totalLabel, text.withPartnerLabel, text.coverageLabel, data], layout);
  const note = (series: number, index: number): DatumNote | undefined => {
    const kind = data[index];
    if (!kind) return undefined;
    const share = shares[index] ?? null;
    const [name, value] =
      series === 0 ? [text.totalLabel, format(kind.total)] : series === 1 ? [text.withPartnerLabel, format(kind.withPartner)] : [text.coverageLabel, percent(share)];
    return {
      title: `${kind.label} — ${name}: ${value}`,
      data: {
        series: ['total', 'with-partner', 'coverage'][series] ?? '',
        label: kind.label,
        total: kind.total,
        'with-partner': kind.withPartner,
        coverage: share === null ? '' : roundShare(share),
      },
    };
  };
  if (layout === 'narrow') return coverageRows({ id, width, height: options.height, type, text, data, shares, percent, format, note });
  const axisFont = type.axis;
  const height = options.height ?? 566;
  // Room for the legend in two rows: its three entries are wider than the chart.
  const lineTop = 106;
  const lineHeight = 96;
  const barsTop = lineTop + lineHeight + 64;
  const left = Math.ceil(Math.max(estimateTextWidth(format(Math.max(...data.map((kind) => kind.total))), axisFont), estimateTextWidth('100%', axisFont))) + 24;
  const slot = Math.floor((width - left - 16) / data.length) - 8;
  const categoryFont = fittingFont(data.map((kind) => kind.label), slot, type.label);
  const axisLabel = { color: colours.muted, fontSize: axisFont };
  const category = { type: 'category' as const, data: data.map((kind) => kind.label), axisTick: { show: false }, axisLine: { lineStyle: { color: colours.muted } } };
  const barLabel = { show: true, position: 'top' as const, distance: 4, color: colours.ink, fontSize: type.small, formatter: ({ value }: { value: unknown }) => format(Number(value)) };
  /** A series of bars in the lower panel, where the counts are. */
  const lowerBars = (name: string, values: number[], color: string) => ({
    name,
    type: 'bar' as const,
    xAxisIndex: 1,
    yAxisIndex: 1,
    data: values,
    itemStyle: { color },
    barMaxWidth: 44,
    emphasis: { disabled: true },
    label: barLabel,
  });
  return renderECharts({
    id,
    kind: 'coverage',
    layout,
    width,
    height,
    text,
    option: {
      textStyle: { fontFamily, color: colours.ink },
      legend: {
        top: 8,
        left: left - 8,
        itemGap: 32,
        itemWidth: 18,
        itemHeight: 14,
        textStyle: { fontSize: type.label, color: colours.ink },
        data: [
          { name: text.totalLabel, icon: 'rect' },
          { name: text.withPartnerLabel, icon: 'rect' },
          { name: text.coverageLabel },
        ],
      },
      grid: [
        { left, right: 16, top: lineTop, height: lineHeight, outerBoundsMode: 'none' },
        { left, right: 16, top: barsTop, bottom: 80, outerBoundsMode: 'none' },
      ],
      xAxis: [
        { ...category, gridIndex: 0, axisLabel: { show: false }, axisLine: { show: false } },
        {
          ...category,
          gridIndex: 1,
          // Long kind names wrap onto a second line within their own slot rather than run into the next.
          axisLabel: { color: colours.ink, fontSize: categoryFont, margin: 12, interval: 0, width: slot, overflow: 'break', lineHeight: Math.round(categoryFont * 1.25) },
        },
      ],
      yAxis: [
        {
          type: 'value',
          gridIndex: 0,
          min: 0,
          max: 100,
          interval: 50,
          axisLabel: { ...axisLabel, formatter: (value: number) => `${format(value)}%` },
          splitLine: { lineStyle: { color: colours.line } },
        },
        {
          type: 'value',
          gridIndex: 1,
          min: 0,
          splitNumber: 4,
          axisLabel: { ...axisLabel, formatter: (value: number) => format(value) },
          splitLine: { lineStyle: { color: colours.line } },
        },
      ],
      series: [
        { ...lowerBars(text.totalLabel, data.map((kind) => kind.total), colours.secondaryLight), barGap: '12%' },
        lowerBars(text.withPartnerLabel, data.map((kind) => kind.withPartner), colours.primary),
        {
          name: text.coverageLabel,
          type: 'line',
          xAxisIndex: 0,
          yAxisIndex: 0,
          data: shares,
          connectNulls: false,
          color: colours.ink,
          lineStyle: { color: colours.ink, width: 2 },
          symbol: 'circle',
          symbolSize: 9,
          itemStyle: { color: colours.background, borderColor: colours.ink, borderWidth: 2 },
          emphasis: { disabled: true },
          label: {
            show: true,
            position: 'top',
            distance: 8,
            color: colours.ink,
            fontSize: type.label,
            fontWeight: 'bold',
            formatter: ({ value }) => percent(value === null || value === undefined ? null : Number(value)),
          },
        },
      ],
      labelLayout: { hideOverlap: true },
    },
    note,
  });
}

interface CoverageRows {
  id: string;
  width: number;
  height: number | undefined;
  type: TypeSizes;
  text: CoverageText;
  data: CoverageDatum[];
  shares: (number | null)[];
  percent: (share: number | null) => string;
  format: (n: number) => string;
  note: (series: number, index: number) => DatumNote | undefined;
}

/**
 * The narrow coverage chart, in plain SVG: a legend of the two colours, then per kind its name and
 * share on one line, under it a bar of all its LGs filled as far as those with a partner reach, and
 * the two counts. Each mark has a `<title>` and the `data-*` attributes of the wide chart's.
 */
function coverageRows({ id, width, height, type, text, data, shares, percent, format, note }: CoverageRows): string {
  const parts: string[] = [];
  const bar = (attributes: string, found: DatumNote | undefined): string =>
    found ? `<rect ${attributes}${dataAttributes(found)}><title>${escapeXml(found.title)}</title></rect>` : `<rect ${attributes}/>`;
  const words = (x: number, y: number, content: string, size: number, more = ''): string =>
    `<text x="${round(x)}" y="${round(y)}" font-size="${size}" fill="${colours.ink}"${more}>${escapeXml(content)}</text>`;
  let y = 0;
  for (const [colour, label] of [
    [colours.primary, text.withPartnerLabel],
    [colours.secondaryLight, text.totalLabel],
  ] as const) {
    for (const [line, content] of wrapText(label, width - 24, type.axis).entries()) {
      if (line === 0) parts.push(`<path d="M0 ${y + 4}h14v14h-14z" fill="${colour}"/>`);
      parts.push(words(22, y + 16, content, type.axis));
      y += type.axis + 8;
    }
  }
  y += 10;
  const barHeight = 14;
  for (const [index, kind] of data.entries()) {
    const share = shares[index] ?? null;
    const shareText = percent(share);
    const nameWidth = width - estimateTextWidth(shareText, type.label) - 12;
    const names = wrapText(kind.label, nameWidth, type.label);
    for (const [line, content] of names.entries()) parts.push(words(0, y + type.label + line * (type.label + 4), content, type.label));
    parts.push(words(width, y + type.label, shareText, type.label, ` font-weight="bold" text-anchor="end"`));
    y += names.length * (type.label + 4) + 6;
    // A kind without LGs has no bar; a share near 0 still shows as a sliver.
    if (share !== null) {
      const filled = Math.max(share > 0 ? 2 : 0, (share / 100) * width);
      parts.push(bar(`x="0" y="${round(y)}" width="${width}" height="${barHeight}" fill="${colours.secondaryLight}"`, note(0, index)));
      parts.push(bar(`x="0" y="${round(y)}" width="${round(filled)}" height="${barHeight}" fill="${colours.primary}"`, note(1, index)));
    }
    y += barHeight + type.small + 4;
    parts.push(
      `<text x="0" y="${round(y)}" font-size="${type.small}" fill="${colours.muted}"><tspan fill="${colours.primary}" font-weight="bold">${escapeXml(format(kind.withPartner))}</tspan> / ${escapeXml(format(kind.total))}</text>`,
    );
    y += 24;
  }
  const drawn = height ?? Math.ceil(y);
  return openSvg({ id, kind: 'coverage', layout: 'narrow', width, height: drawn, text }) + `<g>${parts.join('')}</g></svg>`;
}

/** Whole percents, but one decimal near the ends, where rounding would say 0 % or 100 % untruly. */
function roundShare(share: number): number {
  const tenths = Math.round(share * 10) / 10;
  if (share > 0 && share < 10) return Math.max(tenths, 0.1);
  if (share > 99 && share < 100) return Math.min(tenths, 99.9);
  return Math.round(share);
}

/**
 * The largest type size up to `largest`, down to 12 px, at which each label fits its slot in three
 * lines without breaking a word (East Asian characters break anywhere): three, so that a kind's
 * name stays near 12 px where the chart is drawn at 0.8 of its size.
 */
function fittingFont(labels: string[], slot: number, largest: number): number {
  let ems = 0;
  for (const label of labels) {
    const longestWord = Math.max(...(label.match(/[\u1100-\uffff]|[^\s\u1100-\uffff]+/g) ?? ['']).map((word) => estimateTextWidth(word, 1)));
    ems = Math.max(ems, longestWord, estimateTextWidth(label, 1) / 3);
  }
  return Math.max(12, Math.min(largest, Math.floor(slot / (ems * 1.1 || 1))));
}
