import {
  blueScale,
  chartId,
  colours,
  defaultFormatNumber,
  emptyChart,
  escapeXml,
  estimateTextWidth,
  openSvg,
  round,
  sizeOf,
  type ChartSize,
  type ChartText,
  type TypeSizes,
} from './svg.js';

export interface PrefectureValue {
  /** JIS X 0401/0402 code of the prefecture: 6 digits with the check digit ('010006'), 5 ('01000') or 2 ('01'). */
  jisCode: string;
  /** Written on the tile, in type shrunk to fit it: a few kanji (北海道, 東京) or a name (Kagoshima). */
  shortLabel: string;
  /** In the tile's `<title>`, with the value. */
  fullLabel: string;
  value: number;
}

export interface TileMapText extends ChartText {
  /** Written above the colour scale (e.g. "Relationships"). */
  legendLabel?: string;
  /** Legend entry for prefectures without a value; without it the entry is left out. */
  noDataLabel?: string;
}

/** A tile map has no narrow layout: thirteen tiles across a phone leave no room for words. */
export interface TileMapOptions extends Omit<ChartSize, 'layout'> {
  /** Write each value under its label (default true): phones have no hover. */
  showValues?: boolean;
  /** How values map to colour; 'sqrt' spreads the light end when a few prefectures dwarf the rest. Default 'linear'. */
  scale?: 'linear' | 'sqrt';
}

/**
 * Column and row of each prefecture (by its two-digit number) on a 13 × 9 grid: Hokkaido top
 * right, Tōhoku down the right edge, Kantō in a block, Kyūshū bottom left, Okinawa in the corner.
 */
export const prefectureTiles: readonly (readonly [prefecture: number, column: number, row: number])[] = [
  [1, 12, 0], [2, 12, 1], [3, 12, 2], [4, 12, 3], [5, 11, 2], [6, 11, 3], [7, 12, 4],
  [8, 12, 5], [9, 11, 4], [10, 10, 4], [11, 10, 5], [12, 11, 6], [13, 11, 5], [14, 10, 6],
  [15, 10, 3], [16, 9, 3], [17, 8, 3], [18, 7, 4], [19, 9, 5], [20, 9, 4], [21, 8, 4],
  [22, 9, 6], [23, 8, 5], [24, 7, 6], [25, 7, 5], [26, 6, 4], [27, 5, 5], [28, 5, 4],
  [29, 6, 5], [30, 6, 6], [31, 4, 4], [32, 3, 4], [33, 4, 5], [34, 3, 5], [35, 2, 5],
  [36, 4, 7], [37, 4, 6], [38, 3, 6], [39, 3, 7], [40, 1, 5], [41, 0, 5], [42, 0, 6],
  [43, 1, 6], [44, 2, 6], [45, 2, 7], [46, 1, 7], [47, 0, 8],
];

const columns = 13;
const rows = 9;
const margin = 12;

/** The 6-digit JIS code of prefecture `prefecture` (1–47): its 5 digits and the check digit of JIS X 0402. */
export function prefectureJisCode(prefecture: number): string {
  const five = `${String(prefecture).padStart(2, '0')}000`;
  const sum = [...five].reduce((total, digit, i) => total + Number(digit) * (6 - i), 0);
  return `${five}${(11 - (sum % 11)) % 10}`;
}

/** The prefecture number (1–47) of a prefecture's JIS code; throws on anything else, such as a municipality's code. */
export function prefectureNumber(jisCode: string): number {
  const match = /^(\d{2})(?:000\d?)?$/.exec(jisCode.trim());
  const prefecture = match ? Number(match[1]) : NaN;
  if (!(prefecture >= 1 && prefecture <= 47)) throw new RangeError(`Not the JIS code of a prefecture: "${jisCode}"`);
  return prefecture;
}

/**
 * A tile map of Japan's 47 prefectures: one square each, placed roughly where it lies, coloured on
 * a sequential blue scale from the smallest value (lightest) to the largest (darkest), with a
 * legend. Each tile shows its short label (and value), and its `<title>` the full label and value.
 * Prefectures missing from `values` get a white dashed tile. Plain SVG, no ECharts.
 * Default 720 wide, 502 high (the grid fixes the height; `height` is ignored).
 */
export function prefectureTileMap(values: PrefectureValue[], text: TileMapText, options: TileMapOptions = {}): string {
  const { width, type } = sizeOf(options);
  if (values.length === 0) return emptyChart('tilemap', text, options);
  const format = text.formatNumber ?? defaultFormatNumber;
  const showValues = options.showValues ?? true;
  const byPrefecture = new Map<number, PrefectureValue>();
  for (const entry of values) {
    const prefecture = prefectureNumber(entry.jisCode);
    if (byPrefecture.has(prefecture)) throw new RangeError(`Prefecture ${entry.jisCode} is given twice`);
    byPrefecture.set(prefecture, entry);
  }
  const known = values.map((entry) => entry.value).filter(Number.isFinite);
  const min = known.length ? Math.min(...known) : 0;
  const max = known.length ? Math.max(...known) : 0;
  const position = scalePosition(min, max, options.scale ?? 'linear');

  const pitch = (width - 2 * margin) / columns;
  const gap = Math.max(2, pitch * 0.08);
  const size = pitch - gap;
  const height = Math.ceil(2 * margin + rows * pitch - gap);
  const id = options.id ?? chartId('tilemap', [text.title, text.summary, text.legendLabel, text.noDataLabel, values, showValues, options.scale]);

  const tiles = prefectureTiles.map(([prefecture, column, row]) => {
    const x = round(margin + column * pitch);
    const y = round(margin + row * pitch);
    const jis = prefectureJisCode(prefecture);
    const entry = byPrefecture.get(prefecture);
    const rect = `x="${x}" y="${y}" width="${round(size)}" height="${round(size)}" rx="4"`;
    if (!entry || !Number.isFinite(entry.value)) {
      const name = entry ? escapeXml(entry.fullLabel) : jis;
      return (
        `<g><title>${name}: —</title><rect ${rect} fill="${colours.background}" stroke="${colours.muted}" stroke-dasharray="3 3" data-jis="${jis}"/>` +
        (entry ? tileText(entry.shortLabel, undefined, x, y, size, colours.muted) : '') +
        '</g>'
      );
    }
    const fill = colourAt(position(entry.value));
    const ink = contrast(fill, '#ffffff') >= contrast(fill, colours.ink) ? '#ffffff' : colours.ink;
    return (
      `<g><title>${escapeXml(entry.fullLabel)}: ${escapeXml(format(entry.value))}</title>` +
      `<rect ${rect} fill="${fill}" data-jis="${jis}" data-value="${entry.value}" data-label="${escapeXml(entry.fullLabel)}"/>` +
      tileText(entry.shortLabel, showValues ? format(entry.value) : undefined, x, y, size, ink) +
      '</g>'
    );
  });

  return (
    openSvg({ id, kind: 'tilemap', layout: 'wide', width, height, text }) +
    legend(id, text, format(min), format(max), byPrefecture.size < prefectureTiles.length, pitch, type) +
    `<g class="kz-tiles">${tiles.join('')}</g></svg>`
  );
}

/**
 * The type size at which a tile's words fit inside it with a margin, up to `preferred`: bold type
 * runs about a tenth wider than the estimate.
 */
export function tileFontSize(text: string, tileSize: number, preferred: number, bold: boolean): number {
  return round(Math.max(7, Math.min(preferred, (tileSize - 8) / ((estimateTextWidth(text, 1) * (bold ? 1.1 : 1)) || 1))));
}

/** The short label, and the value under it, each shrunk to fit the tile. */
function tileText(label: string, value: string | undefined, x: number, y: number, size: number, fill: string): string {
  const labelSize = tileFontSize(label, size, size * 0.3, true);
  const centre = x + size / 2;
  const text = (content: string, fontSize: number, baseline: number, weight: string): string =>
    `<text x="${round(centre)}" y="${round(baseline)}" text-anchor="middle" font-size="${fontSize}" font-weight="${weight}" fill="${fill}">${escapeXml(content)}</text>`;
  if (value === undefined) return text(label, labelSize, y + size / 2 + labelSize * 0.36, 'bold');
  const valueSize = tileFontSize(value, size, size * 0.26, false);
  return text(label, labelSize, y + size * 0.44, 'bold') + text(value, valueSize, y + size * 0.44 + valueSize * 1.25, 'normal');
}

/** The colour scale in the empty top-left corner of the grid: gradient, min and max, and the no-data entry. */
function legend(id: string, text: TileMapText, min: string, max: string, someMissing: boolean, pitch: number, type: TypeSizes): string {
  const x = margin;
  const barWidth = Math.min(pitch * 5, 280);
  const parts: string[] = [];
  let y = margin + 4;
  if (text.legendLabel) {
    parts.push(`<text x="${x}" y="${round(y + 16)}" font-size="${type.label}" font-weight="bold" fill="${colours.ink}">${escapeXml(text.legendLabel)}</text>`);
    y += 28;
  }
  const stops = scaleStops.map((colour, i) => `<stop offset="${round((i / (scaleStops.length - 1)) * 100)}%" stop-color="${colour}"/>`).join('');
  // A path, not a rect: every <rect> in the map is a prefecture.
  parts.push(
    `<defs><linearGradient id="${id}-scale" x1="0" x2="1" y1="0" y2="0">${stops}</linearGradient></defs>`,
    `<path d="M${x} ${y}h${round(barWidth)}v16h${-round(barWidth)}z" fill="url(#${id}-scale)"/>`,
    `<text x="${x}" y="${y + 38}" font-size="${type.axis}" fill="${colours.ink}">${escapeXml(min)}</text>`,
    `<text x="${round(x + barWidth)}" y="${y + 38}" font-size="${type.axis}" text-anchor="end" fill="${colours.ink}">${escapeXml(max)}</text>`,
  );
  y += 54;
  if (someMissing && text.noDataLabel) {
    parts.push(
      `<path d="M${x} ${y}h16v16h-16z" fill="${colours.background}" stroke="${colours.muted}" stroke-dasharray="3 3"/>`,
      `<text x="${x + 24}" y="${y + 14}" font-size="${type.axis}" fill="${colours.ink}">${escapeXml(text.noDataLabel)}</text>`,
    );
  }
  return `<g class="kz-legend">${parts.join('')}</g>`;
}

/** Blue 100 → 1000: blue 50 is too close to the white page for the lightest tile to read as a tile. */
const scaleStops = blueScale.slice(1);

/** Where a value sits on the scale, 0 (min) to 1 (max); a single value everywhere gets the darkest colour. */
function scalePosition(min: number, max: number, scale: 'linear' | 'sqrt'): (value: number) => number {
  const transform = scale === 'sqrt' ? (value: number) => Math.sqrt(Math.max(0, value)) : (value: number) => value;
  const low = transform(min);
  const span = transform(max) - low;
  return (value) => (span > 0 ? Math.min(1, Math.max(0, (transform(value) - low) / span)) : 1);
}

/** The colour at `position` (0–1) along the scale, interpolated between its stops. */
export function colourAt(position: number): string {
  const scaled = position * (scaleStops.length - 1);
  const index = Math.min(Math.floor(scaled), scaleStops.length - 2);
  const [from, to] = [rgb(scaleStops[index]!), rgb(scaleStops[index + 1]!)];
  const t = scaled - index;
  return `#${from.map((channel, i) => Math.round(channel + (to[i]! - channel) * t).toString(16).padStart(2, '0')).join('')}`;
}

function rgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** Relative luminance (WCAG 2). */
export function luminance(hex: string): number {
  const [r, g, b] = rgb(hex).map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
