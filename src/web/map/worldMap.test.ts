import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ARC_BEND, arcBetween, MAP_HEIGHT, MAP_WIDTH, renderWorldMapSvg, worldMapData, type MapLink, type MapPlace } from './worldMap.js';

const PLACES: MapPlace[] = [
  { id: 1, latitude: 35.6895, longitude: 139.6917, country: 'JP', name: 'Tokyo' },
  { id: 2, latitude: 34.6937, longitude: 135.5023, country: 'JP', name: 'Osaka' },
  { id: 3, latitude: 55.8642, longitude: -4.2518, country: 'GB', name: 'Glasgow' },
  { id: 4, latitude: 40.7128, longitude: -74.006, country: 'US', name: 'New York' },
  { id: 5, latitude: -33.8688, longitude: 151.2093, country: 'AU', name: 'Sydney' },
  { id: 6, latitude: 48.8566, longitude: 2.3522, country: 'fr', name: 'Paris' },
];
const LINKS: MapLink[] = [
  { firstId: 1, secondId: 4 },
  { firstId: 1, secondId: 6 },
  { firstId: 2, secondId: 3 },
  { firstId: 2, secondId: 5 },
  { firstId: 3, secondId: 4 },
  { firstId: 1, secondId: 99 }, // unknown place: left out
];

const options = (cacheKey: string, extra: Partial<Parameters<typeof renderWorldMapSvg>[2]> = {}) => ({
  cacheKey,
  title: 'Every relationship',
  summary: '5 relationships between 6 places',
  ...extra,
});

/** The `d` of the first path carrying the attribute. */
function pathD(svg: string, attribute: string): string {
  const match = new RegExp(`<path ${attribute}="" d="([^"]*)"`).exec(svg);
  if (!match) throw new Error(`no path with ${attribute}`);
  return match[1]!;
}

/** The arcs of a path: [x1, y1, cx, cy, x2, y2] each. */
function segments(d: string): number[][] {
  return d
    .split('M')
    .filter(Boolean)
    .map((s) => s.replace('Q', ' ').trim().split(/\s+/).map(Number));
}

/** Synthetic data: `placeCount` places spread over the land-ish latitudes, `linkCount` links between them. */
function synthetic(placeCount: number, linkCount: number): { places: MapPlace[]; links: MapLink[] } {
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const ccs = ['JP', 'US', 'CN', 'KR', 'FR', 'DE', 'BR', 'AU', 'GB', 'CA'];
  const places = Array.from({ length: placeCount }, (_, i) => ({
    id: i + 1,
    latitude: random() * 120 - 55,
    longitude: random() * 360 - 180,
    country: ccs[i % ccs.length]!,
    name: `Place ${i + 1}`,
  }));
  const links = Array.from({ length: linkCount }, () => ({
    firstId: 1 + Math.floor(random() * placeCount),
    secondId: 1 + Math.floor(random() * placeCount),
  }));
  return { places, links };
}

describe('renderWorldMapSvg', () => {
  const svg = renderWorldMapSvg(PLACES, LINKS, options('test-base'));

  it('draws a path per country, with ISO numeric and alpha-2 codes', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 960 500"')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    const countries = svg.match(/<path d="[^"]+"[^>]* data-cc="[A-Z]{2}"/g) ?? [];
    expect(countries.length).toBeGreaterThanOrEqual(170);
    expect(svg).toContain('data-country="392" data-cc="JP"');
    expect(svg).toContain('data-cc="XK"'); // Kosovo has no numeric code in world-atlas
  });

  it('draws every link with both ends known in one path: a piece each, two for Glasgow–New York across the map’s edge', () => {
    expect(svg.match(/data-map-links/g)).toHaveLength(1);
    const d = pathD(svg, 'data-map-links');
    expect(d.match(/M/g)).toHaveLength(6);
    const glasgowNewYork = arcBetween(PLACES[2]!, PLACES[3]!).map((piece) => piece.join(' '));
    for (const s of segments(d)) {
      expect(s).toHaveLength(6);
      expect(s.every(Number.isFinite)).toBe(true);
      if (glasgowNewYork.includes(s.join(' '))) continue;
      // West end first; the control point bows north (smaller y) by ARC_BEND of the run.
      const [x1, y1, cx, cy, x2, y2] = s as [number, number, number, number, number, number];
      expect(x1).toBeLessThanOrEqual(x2);
      expect(cx).toBeCloseTo((x1 + x2) / 2 + ARC_BEND * (y2 - y1), 0);
      expect(cy).toBeCloseTo((y1 + y2) / 2 - ARC_BEND * (x2 - x1), 0);
    }
    expect(svg).not.toContain('data-map-highlight');
  });

  it('memoises by cache key', () => {
    const started = performance.now();
    const again = renderWorldMapSvg(PLACES, LINKS, options('test-base'));
    expect(performance.now() - started).toBeLessThan(20);
    expect(again).toBe(svg);
    // The key names the data: the same key with other data gives the remembered map.
    expect(renderWorldMapSvg([], [], options('test-base'))).toBe(svg);
    expect(pathD(renderWorldMapSvg([], [], options('test-empty')), 'data-map-links')).toBe('');
  });

  it('escapes the title and summary', () => {
    const out = renderWorldMapSvg(PLACES, LINKS, options('test-base', { title: '<script>alert("x")</script> & co', summary: "O'Brien <b>" }));
    expect(out).not.toContain('<script>');
    expect(out).toContain('<title id="world-map-title">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</title>');
    expect(out).toContain('<desc id="world-map-desc">O&apos;Brien &lt;b&gt;</desc>');
    expect(out).toContain('aria-labelledby="world-map-title world-map-desc"');
  });

  it('lights up the chosen country: its land and only its links', () => {
    const out = renderWorldMapSvg(PLACES, LINKS, options('test-base', { highlight: { country: 'gb' } }));
    expect(out.match(/data-selected=""/g)?.length).toBeGreaterThanOrEqual(1);
    expect(out).toMatch(/data-cc="GB" data-selected=""/);
    const data = worldMapData(PLACES, LINKS);
    const ccAt = new Map(data.places.map((p) => [`${p.x} ${p.y}`, p.cc]));
    const highlighted = segments(pathD(out, 'data-map-highlight'));
    expect(highlighted).toHaveLength(3); // Osaka–Glasgow, and Glasgow–New York in two pieces
    const glasgowNewYork = arcBetween(PLACES[2]!, PLACES[3]!).map((piece) => piece.join(' '));
    expect(highlighted.filter((piece) => glasgowNewYork.includes(piece.join(' ')))).toHaveLength(2);
    const [x1, y1, , , x2, y2] = highlighted.find((piece) => !glasgowNewYork.includes(piece.join(' ')))!;
    expect([ccAt.get(`${x1} ${y1}`), ccAt.get(`${x2} ${y2}`)]).toEqual(['GB', 'JP']);
    // Highlight drawn on top of all the links, which stay.
    expect(out.indexOf('data-map-highlight')).toBeGreaterThan(out.indexOf('data-map-links'));
    expect(segments(pathD(out, 'data-map-links'))).toHaveLength(6);
    // Lower-case alpha-2 from the data matches too.
    expect(segments(pathD(renderWorldMapSvg(PLACES, LINKS, options('test-base', { highlight: { country: 'FR' } })), 'data-map-highlight'))).toHaveLength(1);
  });

  it('lights up the chosen place: its links and dots at both ends', () => {
    const out = renderWorldMapSvg(PLACES, LINKS, options('test-base', { highlight: { placeId: 1 } }));
    expect(segments(pathD(out, 'data-map-highlight'))).toHaveLength(2); // Tokyo–New York, Tokyo–Paris
    expect(out.match(/<circle /g)).toHaveLength(3);
    expect(out).not.toContain('data-selected');
  });

  it('draws 25,000 links as 25,000 arcs, in two pieces those across the map’s edge', () => {
    const { places, links } = synthetic(20_000, 25_000);
    const out = renderWorldMapSvg(places, links, options('test-25k'));
    const { crossings } = worldMapData(places, links);
    expect(crossings.length).toBeGreaterThan(1_000);
    expect(pathD(out, 'data-map-links').match(/M/g)).toHaveLength(25_000 + crossings.length);
  });
});

describe('arcBetween: each arc the short way round', () => {
  const [tokyo, , glasgow, newYork, sydney, paris] = PLACES as [MapPlace, MapPlace, MapPlace, MapPlace, MapPlace, MapPlace];
  const xOf = (place: MapPlace) => worldMapData([place], []).places[0]!.x;

  it('crosses the Pacific from Japan to America and Asia to Europe, in one piece each', () => {
    for (const [a, b] of [[tokyo, newYork], [tokyo, paris], [tokyo, sydney]] as const) {
      const pieces = arcBetween(a, b);
      expect(pieces).toHaveLength(1);
      const [x1, , cx, , x2] = pieces[0]!;
      // Between its two ends, never round the back of the map.
      expect(Math.min(x1, x2)).toBe(Math.min(xOf(a), xOf(b)));
      expect(Math.max(x1, x2)).toBe(Math.max(xOf(a), xOf(b)));
      expect(cx).toBeGreaterThan(Math.min(x1, x2) - 60);
      expect(cx).toBeLessThan(Math.max(x1, x2) + 60);
    }
  });

  it('crosses the Atlantic from America to Europe, off the right edge and back in at the left, not across Asia', () => {
    for (const [a, b] of [[newYork, paris], [paris, newYork], [newYork, glasgow]] as const) {
      const pieces = arcBetween(a, b);
      expect(pieces).toHaveLength(2);
      const europe = a === newYork ? b : a;
      const [[x1, y1, cx1, , edgeRight, edgeY], [edgeLeft, edgeY2, cx2, , x2, y2]] = pieces as [[number, number, number, number, number, number], [number, number, number, number, number, number]];
      // From New York eastwards to the right edge…
      expect([x1, y1]).toEqual([xOf(newYork), worldMapData([newYork], []).places[0]!.y]);
      expect(cx1).toBeGreaterThanOrEqual(x1);
      expect(edgeRight).toBeGreaterThan(MAP_WIDTH - 100);
      // …and from the left edge, at the same height, on to Europe.
      expect(edgeLeft).toBeLessThan(100);
      expect(edgeY2).toBe(edgeY);
      expect(cx2).toBeLessThanOrEqual(x2);
      expect([x2, y2]).toEqual([xOf(europe), worldMapData([europe], []).places[0]!.y]);
      // Both edge points lie on the map's outline: as far from its middle, on either side.
      expect(edgeRight - MAP_WIDTH / 2).toBeCloseTo(MAP_WIDTH / 2 - edgeLeft, 0);
    }
  });

  it('draws the same arc whichever place is named first', () => {
    expect(arcBetween(paris, newYork)).toEqual(arcBetween(newYork, paris));
    expect(arcBetween(newYork, tokyo)).toEqual(arcBetween(tokyo, newYork));
  });

  it('gives the client script the pieces of every arc across the edge', () => {
    const data = worldMapData(PLACES, LINKS);
    expect(data.crossings).toEqual([[4, ...arcBetween(glasgow, newYork).flat()]]);
    expect(data.links[4]).toEqual([2, 3]);
  });
});

describe('worldMapData', () => {
  it('projects places to rounded coordinates inside the map', () => {
    const data = worldMapData(PLACES, LINKS);
    expect(data.width).toBe(MAP_WIDTH);
    expect(data.height).toBe(MAP_HEIGHT);
    expect(data.places.map((p) => p.id)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const p of data.places) {
      expect(Math.abs(p.x * 10 - Math.round(p.x * 10))).toBeLessThan(1e-9);
      expect(Math.abs(p.y * 10 - Math.round(p.y * 10))).toBeLessThan(1e-9);
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(MAP_WIDTH);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(MAP_HEIGHT);
    }
    expect(data.places[5]).toMatchObject({ name: 'Paris', cc: 'FR' });
    // Pacific-centred: Europe, then Japan, then America from west to east; north above south.
    const [tokyo, , glasgow, newYork, sydney] = data.places;
    expect(glasgow!.x).toBeLessThan(tokyo!.x);
    expect(tokyo!.x).toBeLessThan(newYork!.x);
    expect(tokyo!.y).toBeLessThan(sydney!.y);
  });

  it('gives links as index pairs into places, leaving out unknown places', () => {
    const data = worldMapData(PLACES, LINKS);
    expect(data.links).toEqual([
      [0, 3],
      [0, 5],
      [1, 2],
      [1, 4],
      [2, 3],
    ]);
  });

  it('skips places without finite coordinates (callers should not pass them) and their links', () => {
    const places = [...PLACES, { id: 7, latitude: Number.NaN, longitude: 10, country: 'DE', name: 'Nowhere' }];
    const data = worldMapData(places, [...LINKS, { firstId: 7, secondId: 1 }]);
    expect(data.places).toHaveLength(6);
    expect(data.links).toHaveLength(5);
    const svg = renderWorldMapSvg(places, [...LINKS, { firstId: 7, secondId: 1 }], options('test-nan'));
    expect(segments(pathD(svg, 'data-map-links'))).toHaveLength(6); // five links, one in two pieces
  });
});

describe('assets/worldMap.js', () => {
  const source = readFileSync(new URL('../assets/worldMap.js', import.meta.url), 'utf8');

  it('is valid script, bends arcs as the server does and draws the pieces of those across the edge', () => {
    expect(() => new Function(source)).not.toThrow();
    expect(source).toContain(`const BEND = ${ARC_BEND};`);
    expect(source).toContain('data.crossings');
  });

  it('stays small', () => {
    expect(source.length).toBeLessThan(14_000);
  });
});

describe('renderWorldMapSvg without the other links', () => {
  it('draws only the chosen place and its partners', () => {
    const places = [
      { id: 1, latitude: 34.6, longitude: 133.5, country: 'JP', name: 'Ibara' },
      { id: 2, latitude: 55.9, longitude: -4.3, country: 'GB', name: 'Glasgow' },
      { id: 3, latitude: 40.7, longitude: -74, country: 'US', name: 'New York' },
    ];
    const links = [{ firstId: 1, secondId: 2 }, { firstId: 2, secondId: 3 }];
    const svg = renderWorldMapSvg(places, links, { cacheKey: 'light', title: 'Ibara', summary: 'One place', highlight: { placeId: 1 }, allLinks: false });
    expect(svg).not.toContain('data-map-links');
    expect(svg).toContain('data-map-highlight');
    expect((svg.match(/<circle/g) ?? []).length).toBe(2);
  });
});
