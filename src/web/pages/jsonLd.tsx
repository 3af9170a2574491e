import type { FC } from 'hono/jsx';
import { raw } from 'hono/html';
import { lgName, t } from '../../i18n/index.js';
import type { LocalGovernmentSummary } from '../../services/presenters.js';
import type { LocalGovernmentDetail, Relationship } from '../../services/registry.js';
import { href, type PageContext } from './layout.js';

/** Structured data for search engines, as a script of type application/ld+json. */
export const JsonLd: FC<{ data: Record<string, unknown> }> = ({ data }) => (
  // "<" is escaped so that no text in the data can close the script element.
  <script type="application/ld+json">{raw(JSON.stringify(data).replace(/</g, '\\u003c'))}</script>
);

/** A local government as a schema.org AdministrativeArea. */
function area(ctx: PageContext, lg: LocalGovernmentSummary) {
  return {
    '@type': 'AdministrativeArea',
    name: lgName(ctx.lang, lg),
    ...(lg.name.ja && lg.name.ja !== lg.name.en ? { alternateName: ctx.lang === 'ja' ? lg.name.en : lg.name.ja } : {}),
    url: href(ctx, lg.url),
    ...(lg.jisCode ? { identifier: lg.jisCode } : {}),
    ...(lg.geonamesId ? { sameAs: `https://www.geonames.org/${lg.geonamesId}` } : {}),
    address: { '@type': 'PostalAddress', addressCountry: lg.country, ...(lg.region ? { addressRegion: lg.region.en } : {}) },
  };
}

export function localGovernmentJsonLd(ctx: PageContext, lg: LocalGovernmentDetail): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    ...area(ctx, lg),
    ...(lg.latitude !== null && lg.longitude !== null ? { geo: { '@type': 'GeoCoordinates', latitude: lg.latitude, longitude: lg.longitude } } : {}),
    ...(lg.parent ? { containedInPlace: area(ctx, lg.parent) } : {}),
  };
}

/** A relationship as the schema.org Event of its signing, with both parties as its location. */
export function relationshipJsonLd(ctx: PageContext, relationship: Relationship): Record<string, unknown> {
  const [first, second] = relationship.parties.map((party) => area(ctx, party)) as [ReturnType<typeof area>, ReturnType<typeof area>];
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: t(ctx.lang, 'rel.jsonLdName', { first: first.name, second: second.name }),
    url: href(ctx, relationship.url),
    ...(relationship.signedOn ? { startDate: relationship.signedOn } : {}),
    ...(relationship.endedOn ? { endDate: relationship.endedOn } : {}),
    eventStatus: relationship.status === 'ended' ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    location: [first, second],
    ...(relationship.label ? { description: relationship.label } : {}),
  };
}
