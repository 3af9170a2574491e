import { createRequire } from 'node:module';
import type * as ECharts from 'echarts';
import { dataAttributes, escapeXml, openSvg, type ChartLayout, type ChartText, type DatumNote } from './svg.js';

/**
 * ECharts loaded once per process, on the first chart rather than at start, which it would slow by
 * its load time. Its single-file CommonJS build loads in ≈ 0.17 s here, its ES modules in ≈ 0.8 s
 * (hundreds of files); the two render the same SVG.
 */
let loaded: typeof ECharts | undefined;
const echarts = () => (loaded ??= createRequire(import.meta.url)('echarts') as typeof ECharts);

export type EChartsOption = ECharts.EChartsOption;

interface RenderRequest {
  id: string;
  kind: string;
  layout: ChartLayout;
  width: number;
  height: number;
  text: ChartText;
  option: EChartsOption;
  /** Notes for the element ECharts drew for series `seriesIndex`, datum `dataIndex`; undefined leaves it bare. */
  note?: (seriesIndex: number, dataIndex: number) => DatumNote | undefined;
}

/** Renders an ECharts option on the server and frames the SVG as an accessible, scalable chart. */
export function renderECharts({ id, kind, layout, width, height, text, option, note }: RenderRequest): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  let svg: string;
  try {
    chart.setOption({ animation: false, ...option });
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  return frame(svg, { id, kind, layout, width, height, text }, note);
}

/** The properties ECharts writes in a text's `style` attribute, each also an SVG presentation attribute. */
const FONT_PROPERTIES = new Set(['font-size', 'font-family', 'font-style', 'font-weight']);

/**
 * A `style` attribute of font properties as presentation attributes, which the pages'
 * Content-Security-Policy allows (it refuses style attributes). Anything else is left as it is, for
 * the charts' tests to find.
 */
function styleAsAttributes(match: string, declarations: string): string {
  const pairs = declarations
    .split(';')
    .filter((declaration) => declaration.trim())
    .map((declaration) => {
      const colon = declaration.indexOf(':');
      return [declaration.slice(0, colon).trim(), declaration.slice(colon + 1).trim()] as const;
    });
  if (!pairs.every(([name]) => FONT_PROPERTIES.has(name))) return match;
  return pairs.map(([name, value]) => ` ${name}="${value}"`).join('');
}

/**
 * Replaces ECharts' root tag with ours, and keeps its output stable and self-contained: its ids
 * (`zr3-c0`) count charts per process, so they become the chart's own prefix; its hover `<style>`
 * would apply to the whole page, so it goes, with the classes; its texts' `style` attributes become
 * presentation attributes; its `ecmeta_*` attributes become `data-*` attributes and a `<title>` that
 * browsers show on hover without JavaScript.
 */
function frame(svg: string, meta: Omit<RenderRequest, 'option' | 'note'>, note: RenderRequest['note']): string {
  const body = svg
    .replace(/^<svg[^>]*>/, '')
    .replace(/<style\s*>[\s\S]*?<\/style>/g, '')
    .replace(/<rect width="[\d.]+" height="[\d.]+" x="0" y="0" fill="none"><\/rect>/, '')
    .replace(/ class="zr\d+-cls-\d+"/g, '')
    .replace(/ pointer-events="visible"/g, '')
    .replace(/ style="([^"]*)"/g, styleAsAttributes)
    .replace(/\bzr\d+-/g, `${meta.id}-`)
    .replace(
      /<(path|rect|circle)([^>]*?) ecmeta_series_index="(\d+)" ecmeta_data_index="(\d+)" ecmeta_ssr_type="(\w+)"((?: ecmeta_\w+="[^"]*")*)([^>]*)>(<\/\1>)?/g,
      (_match, tag: string, before: string, series: string, datum: string, type: string, _extra: string, after: string, close?: string) => {
        const found = type === 'chart' ? note?.(Number(series), Number(datum)) : undefined;
        const open = `<${tag}${before}${after}${found ? dataAttributes(found) : ''}>`;
        if (!found || !close) return open + (close ?? '');
        return `${open}<title>${escapeXml(found.title)}</title>${close}`;
      },
    )
    .replace(/\n+/g, '\n');
  return openSvg(meta) + body.trim().replace(/<\/svg>$/, '') + '</svg>';
}
