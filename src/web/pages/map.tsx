import type { FC } from 'hono/jsx';
import { raw } from 'hono/html';
import { countryName, formatNumber, t, tCount } from '../../i18n/index.js';
import type { MapScope } from '../../services/mapData.js';
import { assetUrl } from '../assets.js';
import { href, Layout, type PageContext } from './layout.js';

/**
 * The world map page: the server's SVG of the links of its scope (Japan's relationships, or the
 * world's), enhanced by a canvas script when it can run.
 */
export const MapPage: FC<{
  ctx: PageContext;
  scope: MapScope;
  svg: string;
  countries: string[];
  selected: string | undefined;
  /** A place whose links are lit from the start (/map?place=ID, linked from an LG's page). */
  place?: number | undefined;
  links: number;
  places: number;
}> = ({ ctx, scope, svg, countries, selected, place, links, places }) => {
  const options = countries
    .map((code) => ({ code, name: countryName(ctx.lang, code) }))
    .sort((a, b) => a.name.localeCompare(b.name, ctx.lang));
  // Switching scope keeps the country lit up.
  const scopeHref = (other: MapScope) => {
    const query = new URLSearchParams({ ...(other === 'world' ? { scope: 'world' } : {}), ...(selected ? { country: selected } : {}) }).toString();
    return href(ctx, query ? `/map?${query}` : '/map');
  };
  return (
    <Layout ctx={ctx} title={t(ctx.lang, 'map.title')} section="map" head={<script src={assetUrl('worldMap.js')} defer></script>}>
      <h1>{t(ctx.lang, 'map.title')}</h1>
      <nav class="map-scope" aria-label={t(ctx.lang, 'map.scopeLabel')}>
        <ul>
          {(['japan', 'world'] as const).map((option) => (
            <li>
              <a href={scopeHref(option)} aria-current={option === scope ? 'page' : undefined}>
                {t(ctx.lang, option === 'japan' ? 'map.scopeJapan' : 'map.scopeWorld')}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p class="lead">{tCount(ctx.lang, scope === 'japan' ? 'map.leadJapan' : 'map.lead', links, { places: formatNumber(ctx.lang, places) })}</p>
      <form method="get" action={href(ctx, '/map')} class="as-of">
        {scope === 'world' ? <input type="hidden" name="scope" value="world" /> : null}
        <label for="map-country">{t(ctx.lang, 'map.country')}</label>
        <select id="map-country" name="country" data-map-country>
          <option value="">{t(ctx.lang, 'map.allCountries')}</option>
          {options.map((option) => (
            <option value={option.code} selected={option.code === selected}>{option.name}</option>
          ))}
        </select>
        <button type="submit">{t(ctx.lang, 'map.show')}</button>
      </form>
      <p
        class="muted"
        data-map-status
        aria-live="polite"
        data-one={t(ctx.lang, 'map.one')}
        data-other={t(ctx.lang, 'map.other')}
        data-cleared={t(ctx.lang, 'map.cleared')}
      >
        {t(ctx.lang, 'map.noScript')}
      </p>
      <figure class="world-map-figure" data-world-map data-src={`/map/data.json?lang=${ctx.lang}&scope=${scope}`} data-highlight-place={place === undefined ? undefined : String(place)}>
        {raw(svg)}
      </figure>
    </Layout>
  );
};
