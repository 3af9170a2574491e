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
 * draws the same curve from the same rounded points. Each arc goes the short way round: one whose
 * short way crosses the map's edge (30°W, in the Atlantic: the United States and Europe) leaves
 * by one edge and comes back by the other, in two pieces the data gives the client script whole.
 */
import { createRequire } from 'node:module';
import { geoNaturalEarth1, geoNaturalEarth1Raw, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import isoCountries from 'i18n-iso-countries/index.js';
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

/** The map's central meridian, in degrees east. */
const CENTRE = 150;

const projection = geoNaturalEarth1()
  .rotate([-CENTRE, 0])
  .fitExtent(
    [
      [4, 4],
      [MAP_WIDTH - 4, MAP_HEIGHT - 4],
    ],
    { type: 'Sphere' },
  );
const scale = projection.scale();
const [originX, originY] = projection.translate();

/** Half the map's width at latitude `phi` (radians): from the central meridian to the edge. */
const halfWidth = (phi: number): number => scale * geoNaturalEarth1Raw(Math.PI, phi)[0];

/** The latitude (radians) of a height on the map, also beyond its top and bottom. */
const latitudeAt = (y: number): number => geoNaturalEarth1Raw.invert!(0, (originY - y) / scale)[1];

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
  /** Longitude east of the central meridian, −π to π, and latitude, in radians. */
  lambda: number;
  phi: number;
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
    const lambda = ((((p.longitude - CENTRE) % 360) + 540) % 360) - 180;
    out.push({ id: p.id, x: round1(xy[0]), y: round1(xy[1]), lambda: (lambda * Math.PI) / 180, phi: (p.latitude * Math.PI) / 180, name: p.name, cc: p.country.toUpperCase() });
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

/** A quadratic curve: from (x1, y1) towards (cx, cy) to (x2, y2). */
export type ArcPiece = [x1: number, y1: number, cx: number, cy: number, x2: number, y2: number];

/** The control point of an arc from (x1, y1) to (x2, y2), west to east: ARC_BEND of its length north of its middle. */
function control(x1: number, y1: number, x2: number, y2: number): [number, number] {
  return [(x1 + x2) / 2 + ARC_BEND * (y2 - y1), (y1 + y2) / 2 - ARC_BEND * (x2 - x1)];
}

const lerp = (a: number, b: number, t: number): number => a + (b - a) * t;

/**
 * A link's arc, drawn west to east, bowing north, the short way round: one piece, or two when the
 * short way crosses the map's edge. Then the arc runs from its western end on past the right edge,
 * to where its eastern end lies on a copy of the map to the right; it is cut where it meets the edge,
 * and the part beyond is brought round to the left edge, ending at the eastern end itself.
 */
function linkArc(p: Projected, q: Projected): ArcPiece[] {
  const apart = q.lambda - p.lambda;
  if (Math.abs(apart) <= Math.PI) {
    const [a, b] = p.x <= q.x ? [p, q] : [q, p];
    return [[a.x, a.y, ...control(a.x, a.y, b.x, b.y).map(round1), b.x, b.y] as ArcPiece];
  }
  const [west, east] = apart > 0 ? [q, p] : [p, q];
  const eastX = east.x + 2 * halfWidth(east.phi);
  const [cx, cy] = control(west.x, west.y, eastX, east.y);
  const at = (t: number): [number, number] => [lerp(lerp(west.x, cx, t), lerp(cx, eastX, t), t), lerp(lerp(west.y, cy, t), lerp(cy, east.y, t), t)];
  let inside = 0;
  let beyond = 1;
  for (let step = 0; step < 24; step++) {
    const t = (inside + beyond) / 2;
    const [x, y] = at(t);
    if (x - originX > halfWidth(latitudeAt(y))) beyond = t;
    else inside = t;
  }
  const t = (inside + beyond) / 2;
  const [edgeX, edgeY] = at(t);
  const onMap = (x: number): number => round1(Math.min(MAP_WIDTH, Math.max(0, x)));
  const across = 2 * halfWidth(latitudeAt(edgeY));
  return [
    [west.x, west.y, round1(lerp(west.x, cx, t)), round1(lerp(west.y, cy, t)), onMap(edgeX), round1(edgeY)],
    [onMap(edgeX - across), round1(edgeY), round1(lerp(cx, eastX, t) - across), round1(lerp(cy, east.y, t)), east.x, east.y],
  ];
}

/** The arc between two places, as the map draws it; empty when either has no finite coordinates. */
export function arcBetween(first: MapPlace, second: MapPlace): ArcPiece[] {
  const [p, q] = projectPlaces([first, second]);
  return p && q ? linkArc(p, q) : [];
}

/** The arcs of the links as one SVG path: `M x1 y1 Q cx cy x2 y2` a piece. */
function arcsPath(pairs: [Projected, Projected][]): string {
  const parts: string[] = [];
  for (const [p, q] of pairs) for (const [x1, y1, cx, cy, x2, y2] of linkArc(p, q)) parts.push(`M${x1} ${y1}Q${cx} ${cy} ${x2} ${y2}`);
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

export interface WorldMapData {
  places: { id: number; x: number; y: number; name: string; cc: string }[];
  /** Indexes into `places`. */
  links: [number, number][];
  /** The links whose arcs cross the map's edge: the link's index, then its two pieces (12 numbers). */
  crossings: number[][];
  width: number;
  height: number;
}

/**
 * Compact data for the client script: each place projected to map coordinates (rounded to 0.1) with
 * its name and country, the links as pairs of indexes into `places`, and the arcs the script cannot
 * draw from two points alone.
 */
export function worldMapData(places: MapPlace[], links: MapLink[]): WorldMapData {
  const projected = projectPlaces(places);
  const index = new Map<number, number>();
  projected.forEach((p, i) => index.set(p.id, i));
  const pairs: [number, number][] = [];
  const crossings: number[][] = [];
  for (const l of links) {
    const a = index.get(l.firstId);
    const b = index.get(l.secondId);
    if (a === undefined || b === undefined) continue;
    const pieces = linkArc(projected[a]!, projected[b]!);
    if (pieces.length > 1) crossings.push([pairs.length, ...pieces.flat()]);
    pairs.push([a, b]);
  }
  return {
    places: projected.map(({ id, x, y, name, cc }) => ({ id, x, y, name, cc })),
    links: pairs,
    crossings,
    width: MAP_WIDTH,
    height: MAP_HEIGHT,
  };
}
