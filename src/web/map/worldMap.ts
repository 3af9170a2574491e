/**
 * The world map of every relationship: a server-rendered SVG (countries + one path of arcs, readable
 * without JavaScript) and compact pre-projected JSON for the client script `assets/worldMap.js`, which
 * redraws the arcs on a canvas and adds highlighting.
 *
 * Pure functions: the caller passes the places and links. The caller should pass only places with
 * coordinates (skip rows whose latitude or longitude is null); places with non-finite coordinates are
 * dropped here too, and links naming a place that is not in `places` are left out of both outputs.
 *
 * Projection: Natural Earth centred on 150°E (Pacific-centred, as maps are drawn in Japan), so the
 * Japan–Americas relationships cross the Pacific instead of the whole map. Arcs are quadratic curves
 * between the projected points, bent towards the north by ARC_BEND of their length; the client script
 * draws the same curve from the same rounded points.
 */
import { createRequire } from 'node:module';
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import isoCountries from 'i18n-iso-countries';
import { escapeXml } from '../charts/svg.js';

/** A place to draw. Callers pass only places with coordinates (skip rows with a null latitude or longitude). */
export interface MapPlace {
  id: number;
  latitude: number;
  longitude: number;
  /** ISO 3166-1 alpha-2. */
  country: string;
  name: string;
}
export interface MapLink {
  firstId: number;
  secondId: number;
}

export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 500;
/** How far an arc bows from the straight line, as a fraction of its length (kept in step with worldMap.js). */
export const ARC_BEND = 0.15;

const COLOURS = {
  ocean: '#f2f6fa',
  oceanStroke: '#c5d0dc',
  land: '#dfe3e8',
  border: '#ffffff',
  selectedLand: '#fcd9c2',
  link: '#1f56c2',
  highlight: '#c2410c',
};

const projection = geoNaturalEarth1()
  .rotate([-150, 0])
  .fitExtent(
    [
      [4, 4],
      [MAP_WIDTH - 4, MAP_HEIGHT - 4],
    ],
    { type: 'Sphere' },
  );

/** world-atlas has no numeric code for these; Kosovo uses the user-assigned XK, as elsewhere in Kizuna. */
const UNCODED: Record<string, string> = { Kosovo: 'XK', 'N. Cyprus': 'CY', Somaliland: 'SO' };

interface CountryShape {
  numeric: string;
  cc: string;
  d: string;
}

let countryShapes: { sphere: string; shapes: CountryShape[] } | undefined;

/** The country outlines, projected once per process. */
function baseMap(): { sphere: string; shapes: CountryShape[] } {
  if (countryShapes) return countryShapes;
  const require = createRequire(import.meta.url);
  const topology = require('world-atlas/countries-110m.json') as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  const path = geoPath(projection).digits(1);
  const shapes: CountryShape[] = [];
  for (const f of feature(topology, topology.objects.countries).features) {
    const d = path(f);
    if (!d) continue;
    const numeric = f.id === undefined ? '' : String(f.id);
    const cc = (numeric && isoCountries.numericToAlpha2(numeric)) || UNCODED[f.properties?.name ?? ''] || '';
    shapes.push({ numeric, cc, d });
  }
  countryShapes = { sphere: path({ type: 'Sphere' }) ?? '', shapes };
  return countryShapes;
}

const round1 = (v: number) => Math.round(v * 10) / 10;

interface Projected {
  id: number;
  x: number;
  y: number;
  name: string;
  cc: string;
}

/** Projects the places (rounded to 0.1), skipping any without finite coordinates. */
function projectPlaces(places: MapPlace[]): Projected[] {
  const out: Projected[] = [];
  for (const p of places) {
    if (!Number.isFinite(p.latitude) || !Number.isFinite(p.longitude)) continue;
    const xy = projection([p.longitude, p.latitude]);
    if (!xy) continue;
    out.push({ id: p.id, x: round1(xy[0]), y: round1(xy[1]), name: p.name, cc: p.country.toUpperCase() });
  }
  return out;
}

/** The links whose two ends are both known, as pairs of projected places. */
function resolveLinks(projected: Projected[], links: MapLink[]): [Projected, Projected][] {
  const byId = new Map<number, Projected>();
  for (const p of projected) byId.set(p.id, p);
  const out: [Projected, Projected][] = [];
  for (const l of links) {
    const a = byId.get(l.firstId);
    const b = byId.get(l.secondId);
    if (a && b) out.push([a, b]);
  }
  return out;
}

/** One arc as an SVG path segment: `M x1 y1 Q cx cy x2 y2`, drawn west to east, bowing north. */
function arcSegment(p: Projected, q: Projected): string {
  const [a, b] = p.x <= q.x ? [p, q] : [q, p];
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const cx = round1((a.x + b.x) / 2 + ARC_BEND * dy);
  const cy = round1((a.y + b.y) / 2 - ARC_BEND * dx);
  return `M${a.x} ${a.y}Q${cx} ${cy} ${b.x} ${b.y}`;
}

function arcsPath(pairs: [Projected, Projected][]): string {
  const parts = new Array<string>(pairs.length);
  for (let i = 0; i < pairs.length; i++) parts[i] = arcSegment(pairs[i]![0], pairs[i]![1]);
  return parts.join('');
}


interface LinkLayer {
  pairs: [Projected, Projected][];
  d: string;
}

/** Arcs per data version (a few versions kept) and whole SVG strings per request shape (a few kept). */
const layers = new Map<string, LinkLayer>();
const svgs = new Map<string, string>();
const MAX_LAYERS = 4;
const MAX_SVGS = 24;

function remember<V>(cache: Map<string, V>, max: number, key: string, value: V): V {
  cache.set(key, value);
  while (cache.size > max) cache.delete(cache.keys().next().value!);
  return value;
}

export interface WorldMapOptions {
  /** Names the data version: the same key must mean the same places and links (e.g. a max updated_at). */
  cacheKey: string;
  title: string;
  summary: string;
  /** Draws this country's (alpha-2) or this place's links in a strong colour on top. */
  highlight?: { country?: string; placeId?: number };
  /** Prefix of the ids of the SVG's <title> and <desc> (default "world-map"); distinct per map on a page. */
  idPrefix?: string;
  /** Draw every link under the highlight (default true); false gives a light map of one place's links. */
  allLinks?: boolean;
}

/**
 * The base map with every link as one <path data-map-links>, and optionally the highlighted links as
 * <path data-map-highlight>. Memoised by `cacheKey` (and the other options): computed once per process
 * for a data version. Country paths carry data-country (ISO numeric) and data-cc (alpha-2).
 */
export function renderWorldMapSvg(places: MapPlace[], links: MapLink[], options: WorldMapOptions): string {
  const hlCountry = options.highlight?.country?.toUpperCase() || undefined;
  const hlPlace = options.highlight?.placeId;
  const idPrefix = options.idPrefix ?? 'world-map';
  const allLinks = options.allLinks ?? true;
  const svgKey = JSON.stringify([options.cacheKey, options.title, options.summary, hlCountry, hlPlace, idPrefix, allLinks]);
  const cached = svgs.get(svgKey);
  if (cached !== undefined) return cached;

  let layer = layers.get(options.cacheKey);
  if (!layer) {
    const pairs = resolveLinks(projectPlaces(places), links);
    layer = remember(layers, MAX_LAYERS, options.cacheKey, { pairs, d: arcsPath(pairs) });
  }
  const { sphere, shapes } = baseMap();

  const out: string[] = [];
  const id = escapeXml(idPrefix);
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" role="img" aria-labelledby="${id}-title ${id}-desc" class="world-map">`,
    `<title id="${id}-title">${escapeXml(options.title)}</title><desc id="${id}-desc">${escapeXml(options.summary)}</desc>`,
    `<path d="${sphere}" fill="${COLOURS.ocean}" stroke="${COLOURS.oceanStroke}" stroke-width="0.5"/>`,
    `<g data-map-countries="" fill="${COLOURS.land}" stroke="${COLOURS.border}" stroke-width="0.4" stroke-linejoin="round">`,
  );
  for (const s of shapes) {
    const attrs = (s.numeric ? ` data-country="${s.numeric}"` : '') + (s.cc ? ` data-cc="${s.cc}"` : '');
    const selected = hlCountry && s.cc === hlCountry ? ` data-selected="" fill="${COLOURS.selectedLand}"` : '';
    out.push(`<path d="${s.d}"${attrs}${selected}/>`);
  }
  out.push('</g>');
  const highlighting = Boolean(hlCountry) || hlPlace !== undefined;
  // Fainter links under a highlight, as the client script dims its canvas.
  if (allLinks) {
    out.push(
      `<path data-map-links="" d="${layer.d}" fill="none" stroke="${COLOURS.link}" stroke-opacity="${highlighting ? 0.05 : 0.12}" stroke-width="0.5"/>`,
    );
  }

  if (highlighting) {
    const chosen = layer.pairs.filter(([a, b]) =>
      hlCountry ? a.cc === hlCountry || b.cc === hlCountry : a.id === hlPlace || b.id === hlPlace,
    );
    const many = chosen.length > 300;
    out.push(
      `<path data-map-highlight="" d="${arcsPath(chosen)}" fill="none" stroke="${COLOURS.highlight}" stroke-opacity="${many ? 0.5 : 0.85}" stroke-width="${many ? 0.5 : 1}"/>`,
    );
    if (hlPlace !== undefined) {
      // The chosen place and its partners as dots.
      const dots = new Map<number, [Projected, number]>();
      for (const [a, b] of chosen) for (const p of [a, b]) dots.set(p.id, [p, p.id === hlPlace ? 3 : 1.8]);
      out.push(`<g data-map-highlight-places="" fill="${COLOURS.highlight}" stroke="#fff" stroke-width="0.6">`);
      for (const [p, r] of dots.values()) out.push(`<circle cx="${p.x}" cy="${p.y}" r="${r}"/>`);
      out.push('</g>');
    }
  }
  out.push('</svg>');
  return remember(svgs, MAX_SVGS, svgKey, out.join(''));
}

/**
 * Compact data for the client script: each place projected to map coordinates (rounded to 0.1) with
 * its name and country, and the links as pairs of indexes into `places`.
 */
export function worldMapData(
  places: MapPlace[],
  links: MapLink[],
): { places: { id: number; x: number; y: number; name: string; cc: string }[]; links: [number, number][]; width: number; height: number } {
  const projected = projectPlaces(places);
  const index = new Map<number, number>();
  projected.forEach((p, i) => index.set(p.id, i));
  const pairs: [number, number][] = [];
  for (const l of links) {
    const a = index.get(l.firstId);
    const b = index.get(l.secondId);
    if (a !== undefined && b !== undefined) pairs.push([a, b]);
  }
  return { places: projected, links: pairs, width: MAP_WIDTH, height: MAP_HEIGHT };
}
