import type { Hono } from 'hono';
import type { Db } from '../../db/client.js';
import { KizunaError } from '../../errors.js';
import { t, type Lang } from '../../i18n/index.js';
import { mapScope, relationshipMap, type MapDataset, type MapScope } from '../../services/mapData.js';
import { etagMatches } from '../assets.js';
import { renderWorldMapSvg, worldMapData, type WorldMapData } from '../map/worldMap.js';
import { pageContext } from '../pageContext.js';
import { MapPage } from '../pages/map.js';
import { FILE_POLICY } from '../securityHeaders.js';
import type { KizunaEnv } from '../session.js';

const mapJsonByVersion = new Map<string, WorldMapData>();

/** The map's data for the browser in a language, built once per version of the relationships (two scopes in two languages kept). */
function mapJson(data: MapDataset, lang: Lang): WorldMapData {
  const key = `${data.version}|${lang}`;
  const found = mapJsonByVersion.get(key);
  if (found) return found;
  const built = worldMapData(
    data.places.map((place) => ({ ...place, name: lang === 'ja' ? (place.nameJa ?? place.name) : place.name })),
    data.links,
  );
  mapJsonByVersion.set(key, built);
  if (mapJsonByVersion.size > 4) mapJsonByVersion.delete(mapJsonByVersion.keys().next().value!);
  return built;
}

/** The scope a request asks for (?scope=world); Japan's relationships unless told otherwise. */
const scopeFrom = (asked: string | undefined): MapScope => (asked === 'world' ? 'world' : 'japan');

/** The map page of one language. */
export function registerMapPages(pages: Hono<KizunaEnv>, db: Db): void {
  pages.get('/map', async (c) => {
    const ctx = pageContext(c);
    const all = await relationshipMap(db);
    const placeId = Number(c.req.query('place'));
    const place = Number.isInteger(placeId) && all.places.some((candidate) => candidate.id === placeId) ? placeId : undefined;
    // A place abroad asked for by its page is shown with all its partners, not only its Japanese ones.
    const japanIncludes = (id: number) => mapScope(all, 'japan').places.some((candidate) => candidate.id === id);
    const scope = place !== undefined && !japanIncludes(place) ? 'world' : scopeFrom(c.req.query('scope'));
    const data = mapScope(all, scope);
    const countries = [...new Set(data.places.map((place) => place.country))];
    const requested = c.req.query('country')?.toUpperCase();
    const selected = requested && countries.includes(requested) ? requested : undefined;
    const svg = renderWorldMapSvg(data.places, data.links, {
      cacheKey: data.version,
      title: t(ctx.lang, 'map.title'),
      summary: t(ctx.lang, scope === 'japan' ? 'map.summaryJapan' : 'map.summary'),
      ...(place !== undefined ? { highlight: { placeId: place } } : selected ? { highlight: { country: selected } } : {}),
    });
    return c.html(
      <MapPage ctx={ctx} scope={scope} svg={svg} countries={countries} selected={selected} place={place} links={data.links.length} places={data.places.length} />,
    );
  });
}

/** What the map's pages load, in no language: a local government's partner map and the map's data for the browser. */
export function registerMapData(app: Hono<KizunaEnv>, db: Db): void {
  app.get('/map/places/:file{[0-9]{1,9}\\.svg}', async (c) => {
    const id = Number(c.req.param('file').replace('.svg', ''));
    const data = await relationshipMap(db);
    if (!data.places.some((place) => place.id === id)) throw new KizunaError('not_found', `Local government ${id} has no place on the map.`);
    const svg = renderWorldMapSvg(data.places, data.links, { cacheKey: data.version, title: 'Kizuna', summary: '', highlight: { placeId: id }, allLinks: false, idPrefix: `place-${id}` });
    return c.body(svg, 200, { 'Content-Type': 'image/svg+xml; charset=utf-8', 'Content-Security-Policy': FILE_POLICY, 'Cache-Control': 'public, max-age=300' });
  });
  app.get('/map/japan.svg', async (c) => {
    const data = mapScope(await relationshipMap(db), 'japan');
    const etag = `"japan-${data.version}"`;
    if (etagMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304);
    const svg = renderWorldMapSvg(data.places, data.links, { cacheKey: data.version, title: 'Kizuna', summary: '', highlight: { country: 'JP' }, allLinks: false, idPrefix: 'japan' });
    return c.body(svg, 200, { 'Content-Type': 'image/svg+xml; charset=utf-8', 'Content-Security-Policy': FILE_POLICY, 'Cache-Control': 'public, max-age=300', ETag: etag });
  });
  app.get('/map/data.json', async (c) => {
    // Every relationship unless Japan's are asked for (?scope=japan), as the map page does by default.
    const data = mapScope(await relationshipMap(db), c.req.query('scope') === 'japan' ? 'japan' : 'world');
    const lang: Lang = c.req.query('lang') === 'ja' ? 'ja' : 'en';
    const etag = `"map-${data.version}-${lang}"`;
    if (etagMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304);
    c.header('ETag', etag);
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(mapJson(data, lang));
  });

}
