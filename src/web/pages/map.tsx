import type { FC } from 'hono/jsx';
import { raw } from 'hono/html';
import { countryName, formatNumber, t, tCount } from '../../i18n/index.js';
import { assetUrl } from '../assets.js';
import { href, Layout, type PageContext } from './layout.js';

/** The world map page: the server's SVG of every link, enhanced by a canvas script when it can run. */
export const MapPage: FC<{
  ctx: PageContext;
  svg: string;
  countries: string[];
  selected: string | undefined;
  /** A place whose links are lit from the start (/map?place=ID, linked from an LG's page). */
  place?: number | undefined;
  links: number;
  places: number;
}> = ({ ctx, svg, countries, selected, place, links, places }) => {
  const options = countries
    .map((code) => ({ code, name: countryName(ctx.lang, code) }))
    .sort((a, b) => a.name.localeCompare(b.name, ctx.lang));
  return (
    <Layout ctx={ctx} title={t(ctx.lang, 'map.title')} section="map" head={<script src={assetUrl('worldMap.js')} defer></script>}>
      <h1>{t(ctx.lang, 'map.title')}</h1>
      <p class="lead">{tCount(ctx.lang, 'map.lead', links, { places: formatNumber(ctx.lang, places) })}</p>
      <form method="get" action={href(ctx, '/map')} class="as-of">
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
      <figure class="world-map-figure" data-world-map data-src={`/map/data.json?lang=${ctx.lang}`} data-highlight-place={place === undefined ? undefined : String(place)}>
        {raw(svg)}
      </figure>
    </Layout>
  );
};
