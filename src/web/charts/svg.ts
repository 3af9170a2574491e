/**
 * What every chart shares: the palette, the type, the words callers pass, and the SVG frame that
 * makes a chart an accessible image (`role="img"`, `<title>`, `<desc>`) that scales to its container.
 */

/** Words and number format of one chart, already in the reader's language. */
export interface ChartText {
  /** Short name of the chart: the SVG's `<title>` (its accessible name). */
  title: string;
  /** One sentence saying what the chart shows: the SVG's `<desc>`. */
  summary: string;
  /** Formats counts; default `n.toLocaleString('en')`. Years are never passed through it. */
  formatNumber?: (n: number) => string;
  /** Shown in place of the chart when there is no data; defaults to `summary`. */
  emptyText?: string;
}

/**
 * How a chart is laid out: `wide` for a column of 600 px or more, `narrow` for a phone, whose
 * column is about 360 px. A page that shows both lets site.css pick one by the screen's width.
 */
export type ChartLayout = 'wide' | 'narrow';

/** Size and identity of one rendered chart; every chart function takes these. */
export interface ChartSize {
  /** Default `wide`. */
  layout?: ChartLayout;
  /** Width of the viewBox in px (the SVG itself is `width="100%"`); default the layout's, 720 or 360. */
  width?: number;
  /** Height of the viewBox; each chart has its own default. */
  height?: number;
  /** Prefix of the ids inside the SVG; default a hash of the chart's text and data, so the same chart gives the same string. */
  id?: string;
}


/** The Digital Agency palette (design tokens): blues for data, greys for text and rules. */
export const colours = {
  ink: '#1a1a1c',
  muted: '#626264',
  line: '#d8d8db',
  soft: '#f2f2f2',
  primary: '#0017c1',
  secondary: '#3460fb',
  secondaryLight: '#7096f8',
  background: '#ffffff',
} as const;

/** Blue 50 → 1000 of the same tokens: a sequential scale, lightest first, each step darker. */
export const blueScale = [
  '#e8f1fe', '#d9e6ff', '#c5d7fb', '#9db7f9', '#7096f8', '#4979f5', '#3460fb', '#264af4', '#0031d8', '#0017c1', '#00118f',
] as const;

/**
 * Japanese faces first so kanji and kana get a Japanese design rather than a Chinese fallback.
 * Single quotes: the list is written inside double-quoted attributes.
 */
export const fontFamily = "'Noto Sans JP', 'Hiragino Sans', 'Hiragino Kaku Gothic ProN', 'Yu Gothic', Meiryo, system-ui, sans-serif";

/**
 * Width and type sizes (viewBox px) of each layout. A wide chart is shown 600 px wide or more, where
 * its smallest words stay above 12 px; a narrow one at about its own width on a phone (358 px on a
 * 390 px screen), where they stay near 12 px.
 */
export const layouts: Record<ChartLayout, { width: number; type: TypeSizes }> = {
  wide: { width: 720, type: { label: 18, axis: 16, small: 15 } },
  narrow: { width: 360, type: { label: 14, axis: 13, small: 12 } },
};

/** Type sizes in viewBox px: of labels and values, of axes and legends, of small print. */
export interface TypeSizes {
  label: number;
  axis: number;
  small: number;
}

/** The layout, width and type sizes a chart is drawn with. */
export function sizeOf(options: ChartSize): { layout: ChartLayout; width: number; type: TypeSizes } {
  const layout = options.layout ?? 'wide';
  return { layout, width: options.width ?? layouts[layout].width, type: layouts[layout].type };
}

export const defaultFormatNumber = (n: number): string => n.toLocaleString('en');

/** What a hover shows for one drawn datum, and the `data-*` attributes a page script can read. */
export interface DatumNote {
  title: string;
  data: Record<string, string | number>;
}

/** A note's data as ` data-name="value"` attributes. */
export function dataAttributes(note: DatumNote): string {
  return Object.entries(note.data)
    .map(([name, value]) => ` data-${name}="${escapeXml(String(value))}"`)
    .join('');
}

/** Escapes text for SVG content and double-quoted attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' } as const)[c as '&']};`);
}

/** Rounds to two decimals for compact coordinates. */
export function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * A stable id prefix from the chart's kind, content and layout (FNV-1a), so that two charts on one
 * page, or the two layouts of one chart, never share ids.
 */
export function chartId(kind: string, content: unknown, layout: ChartLayout = 'wide'): string {
  const input = JSON.stringify(content);
  let hash = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) {
    hash ^= input.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `kz-${kind}-${(hash >>> 0).toString(36)}${layout === 'narrow' ? '-narrow' : ''}`;
}

/**
 * Rough width of a text in px: East Asian characters take a full em, Latin letters about 0.6 em.
 * (The server has no fonts to measure with; ECharts estimates the same way.)
 */
export function estimateTextWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0x1100) ems += 1;
    else if (/[ilI.,:;'|!()[\]1 ]/.test(char)) ems += 0.35;
    else if (/[mwMW%@]/.test(char)) ems += 0.9;
    else if (/[A-Z0-9]/.test(char)) ems += 0.68;
    else ems += 0.56;
  }
  return ems * fontSize;
}

/** Breaks a text into lines no wider than `maxWidth`: at spaces, or between any two East Asian characters. */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const tokens = text.match(/[\u1100-\uffff]|[^\s\u1100-\uffff]+\s*|\s+/g) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    if (line && estimateTextWidth((line + token).trimEnd(), fontSize) > maxWidth) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else {
      line += token;
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

interface FrameMeta {
  id: string;
  kind: string;
  layout: ChartLayout;
  width: number;
  height: number;
  text: ChartText;
}

/**
 * The opening tag and accessible name of every chart; the body is drawn in a `width × height` viewBox.
 * No `style` attribute, which the pages' Content-Security-Policy refuses: the type is a presentation
 * attribute and the box is set by `.kz-chart` in site.css.
 */
export function openSvg({ id, kind, layout, width, height, text }: FrameMeta): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" ` +
    `preserveAspectRatio="xMidYMid meet" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-desc" ` +
    `class="kz-chart kz-chart-${kind}" data-chart="${kind}" data-layout="${layout}" id="${id}" font-family="${escapeXml(fontFamily)}">` +
    `<title id="${id}-title">${escapeXml(text.title)}</title><desc id="${id}-desc">${escapeXml(text.summary)}</desc>`
  );
}

/** A chart with nothing to show: the frame, a quiet box and the empty-state sentence. */
export function emptyChart(kind: string, text: ChartText, size: ChartSize = {}): string {
  const { layout, width, type } = sizeOf(size);
  const height = size.height ?? 160;
  const id = size.id ?? chartId(kind, ['empty', text.title, text.summary, text.emptyText], layout);
  const fontSize = type.label;
  const lines = wrapText(text.emptyText ?? text.summary, width - 64, fontSize).slice(0, 4);
  const lineHeight = fontSize * 1.5;
  const firstY = height / 2 - ((lines.length - 1) * lineHeight) / 2;
  const tspans = lines
    .map((line, i) => `<tspan x="${width / 2}" y="${round(firstY + i * lineHeight)}">${escapeXml(line)}</tspan>`)
    .join('');
  return (
    openSvg({ id, kind, layout, width, height, text }) +
    `<g data-empty="true"><rect x="1" y="1" width="${width - 2}" height="${height - 2}" rx="8" fill="${colours.soft}" stroke="${colours.line}" stroke-dasharray="6 4"/>` +
    `<text text-anchor="middle" dominant-baseline="central" font-size="${fontSize}" fill="${colours.muted}" font-family="${escapeXml(fontFamily)}">${tspans}</text></g></svg>`
  );
}
