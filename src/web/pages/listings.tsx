import type { FC } from 'hono/jsx';
import { EXCHANGE_FIELDS } from '../../domain/relationships.js';
import { LISTING_DIRECTIONS, POPULATION_BANDS, type ListingDirection } from '../../domain/listings.js';
import { countryName, formatNumber, formatPreciseDate, lgName, regionName, t, type Lang, type MessageKey } from '../../i18n/index.js';
import { japanDayOf } from '../../domain/relationships.js';
import { DESIRED_REGION_KINDS, desiredRegionChoices, desiredRegionName, type DesiredRegionChoice } from '../../reference/desiredRegions.js';
import { isPublic, type Listing, type ListingFilters } from '../../services/listings.js';
import { href, Layout, type PageContext } from './layout.js';
import { kindName } from './registry.js';

const listSeparator = (lang: Lang) => (lang === 'ja' ? '、' : ', ');
/** A timestamp's day as the language writes it: "7 July 2021", "2021年7月7日". */
const formatDay = (lang: Lang, timestamp: string) => formatPreciseDate(lang, japanDayOf(timestamp), 'day');
const otherLang = (lang: Lang): Lang => (lang === 'en' ? 'ja' : 'en');

/** Where a listed LG lies: its prefecture in Japan, its country (and state or province) abroad. */
const placeOf = (lang: Lang, listing: Listing): string => {
  if (listing.prefecture) return lgName(lang, listing.prefecture);
  return [regionName(lang, listing.localGovernment), countryName(lang, listing.localGovernment.country)].filter(Boolean).join(listSeparator(lang));
};

const desiredRegionNames = (lang: Lang, codes: readonly string[]) => codes.map((code) => desiredRegionName(code, lang)).join(listSeparator(lang));

const population = (lang: Lang, listing: Listing) =>
  listing.population === null ? '—' : t(lang, 'listings.people', { count: formatNumber(lang, listing.population) });

/** The two lists, each linking to the other; the current one is marked. */
const DirectionLinks: FC<{ ctx: PageContext; current?: ListingDirection }> = ({ ctx, current }) => (
  <nav class="listing-directions" aria-label={t(ctx.lang, 'listings.directions')}>
    <ul>
      {LISTING_DIRECTIONS.map((direction) => (
        <li>
          <a href={href(ctx, `/listings/${direction}`)} aria-current={direction === current ? 'page' : undefined}>
            {t(ctx.lang, `listings.${direction}.short`)}
          </a>
        </li>
      ))}
    </ul>
  </nav>
);

/** How an officer gets a listing here: sign in, then the dashboard. */
const HowToPost: FC<{ ctx: PageContext }> = ({ ctx }) => (
  <p class="note">
    {t(ctx.lang, 'listings.howToPost')}{' '}
    {ctx.viewer ? (
      <a href={href(ctx, '/dashboard')}>{t(ctx.lang, 'listings.dashboardToPost')}</a>
    ) : (
      <a href={href(ctx, '/sign-in')}>{t(ctx.lang, 'listings.signInToPost')}</a>
    )}
  </p>
);

/** The desired-region choices grouped by kind; countries sorted by their name in the page's language. */
function regionGroups(lang: Lang): { kind: (typeof DESIRED_REGION_KINDS)[number]; choices: DesiredRegionChoice[] }[] {
  const collator = new Intl.Collator(lang);
  return DESIRED_REGION_KINDS.map((kind) => {
    const choices = desiredRegionChoices().filter((choice) => choice.kind === kind);
    return { kind, choices: kind === 'country' ? [...choices].sort((a, b) => collator.compare(a.name[lang], b.name[lang])) : choices };
  });
}

export interface ListingsPageProps {
  ctx: PageContext;
  direction: ListingDirection;
  filters: ListingFilters;
  /** The words as typed, for the form (at most 200 characters of them). */
  words: string;
  /** The kinds of the listed LGs, for the kind filter. */
  kinds: readonly string[];
  results: Listing[];
  /** How many listings there are in this direction without filters. */
  total: number;
  problem?: string | undefined;
}

/** The public list of one direction: intro, filters, and a summary table linking to each listing. */
export const ListingsPage: FC<ListingsPageProps> = ({ ctx, direction, filters, words, kinds, results, total, problem }) => {
  const title = t(ctx.lang, `listings.${direction}.title`);
  const filtered = Boolean(filters.region || filters.kind || filters.band || filters.field || filters.words);
  const any = t(ctx.lang, 'search.any');
  return (
    <Layout ctx={ctx} title={title} section="listings" description={t(ctx.lang, `listings.${direction}.intro`)}>
      <DirectionLinks ctx={ctx} current={direction} />
      <h1>{title}</h1>
      <p class="lead prose">{t(ctx.lang, `listings.${direction}.intro`)}</p>
      <HowToPost ctx={ctx} />
      <form method="get" action={href(ctx, `/listings/${direction}`)} class="listing-filters" aria-labelledby="listing-filters-title">
        <h2 id="listing-filters-title">{t(ctx.lang, 'listings.filters')}</h2>
        <div class="fields">
          <p>
            <label for="filter-region">{t(ctx.lang, 'listings.filter.region')}</label>
            <select id="filter-region" name="region">
              <option value="">{any}</option>
              {regionGroups(ctx.lang).map((group) => (
                <optgroup label={t(ctx.lang, `listings.regionKind.${group.kind}`)}>
                  {group.choices.map((choice) => (
                    <option value={choice.code} selected={choice.code === filters.region}>{choice.name[ctx.lang]}</option>
                  ))}
                </optgroup>
              ))}
            </select>
          </p>
          <p>
            <label for="filter-kind">{t(ctx.lang, 'listings.filter.kind')}</label>
            <select id="filter-kind" name="kind">
              <option value="">{any}</option>
              {kinds.map((kind) => (
                <option value={kind} selected={kind === filters.kind}>{kindName(ctx.lang, kind)}</option>
              ))}
            </select>
          </p>
          <p>
            <label for="filter-band">{t(ctx.lang, 'listings.filter.band')}</label>
            <select id="filter-band" name="band">
              <option value="">{any}</option>
              {POPULATION_BANDS.map((band) => (
                <option value={band.id} selected={band.id === filters.band}>{t(ctx.lang, `listings.band.${band.id}`)}</option>
              ))}
            </select>
          </p>
          <p>
            <label for="filter-field">{t(ctx.lang, 'listings.filter.field')}</label>
            <select id="filter-field" name="field">
              <option value="">{any}</option>
              {EXCHANGE_FIELDS.map((field) => (
                <option value={field} selected={field === filters.field}>{t(ctx.lang, `field.${field}`)}</option>
              ))}
            </select>
          </p>
          <p>
            <label for="filter-words">{t(ctx.lang, 'listings.filter.words')}</label>
            <input id="filter-words" name="q" type="search" value={words} maxlength={200} />
          </p>
        </div>
        <p class="actions">
          <button type="submit">{t(ctx.lang, 'listings.filter.apply')}</button>
          {filtered || words ? <a href={href(ctx, `/listings/${direction}`)}>{t(ctx.lang, 'listings.filter.clear')}</a> : null}
        </p>
      </form>
      {problem ? (
        <p role="alert" class="problem">{problem}</p>
      ) : (
        <>
          <p role="status">
            {filtered
              ? t(ctx.lang, 'listings.matching', { count: formatNumber(ctx.lang, results.length), total: formatNumber(ctx.lang, total) })
              : t(ctx.lang, 'listings.count', { count: formatNumber(ctx.lang, results.length) })}
          </p>
          {results.length === 0 ? (
            <p>{t(ctx.lang, filtered ? 'listings.noneMatch' : 'listings.noneYet')}</p>
          ) : (
            <ListingsTable ctx={ctx} direction={direction} listings={results} />
          )}
        </>
      )}
    </Layout>
  );
};

/** The summary table; on a phone each row becomes a card whose cells carry their column's name. */
const ListingsTable: FC<{ ctx: PageContext; direction: ListingDirection; listings: Listing[] }> = ({ ctx, direction, listings }) => {
  const headings = {
    name: t(ctx.lang, 'table.localGovernment'),
    place: t(ctx.lang, direction === 'from-japan' ? 'table.prefecture' : 'table.country'),
    regions: t(ctx.lang, 'listings.desiredRegions'),
    population: t(ctx.lang, 'table.population'),
    modified: t(ctx.lang, 'listings.modified'),
  };
  return (
    <div class="table-wrap">
      <table class="listings-table">
        <caption class="visually-hidden">{t(ctx.lang, 'listings.table.summary')}</caption>
        <thead>
          <tr>
            <th scope="col">{headings.name}</th>
            <th scope="col">{headings.place}</th>
            <th scope="col">{headings.regions}</th>
            <th scope="col" class="number">{headings.population}</th>
            <th scope="col">{headings.modified}</th>
          </tr>
        </thead>
        <tbody>
          {listings.map((listing) => (
            <tr>
              <th scope="row" data-label={headings.name}>
                <a href={href(ctx, listing.url)}>{lgName(ctx.lang, listing.localGovernment)}</a>
              </th>
              <td data-label={headings.place}>{placeOf(ctx.lang, listing)}</td>
              <td data-label={headings.regions}>{desiredRegionNames(ctx.lang, listing.desiredRegions)}</td>
              <td data-label={headings.population} class="number">{population(ctx.lang, listing)}</td>
              <td data-label={headings.modified}>
                <time datetime={japanDayOf(listing.updatedAt)}>{formatDay(ctx.lang, listing.updatedAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

/**
 * A paragraph's heading: its first line when more lines follow and that line is short and ends
 * without a full stop, as the sections of PR texts are written ("Ibara Denim\nIts many…").
 */
function leadInOf(paragraph: string): { heading: string | null; body: string } {
  const [first = '', ...rest] = paragraph.split('\n');
  if (rest.length && first.trim().length <= 80 && !/[.。!?！？:：]$/.test(first.trim())) return { heading: first.trim(), body: rest.join('\n') };
  return { heading: null, body: paragraph };
}

/** Text as paragraphs (split on blank lines); single line breaks are kept by the stylesheet. */
const Paragraphs: FC<{ text: string }> = ({ text }) => (
  <>
    {text
      .split(/\n\s*\n/)
      .map((paragraph) => paragraph.trim())
      .filter(Boolean)
      .map(leadInOf)
      .map(({ heading, body }) => (
        <p>
          {heading ? <strong class="lead-in">{heading}</strong> : null}
          {body}
        </p>
      ))}
  </>
);

/**
 * A text written in English, Japanese or both, in the page's language when there is one; otherwise
 * in the other, marked with its language and a note saying so.
 */
const BilingualText: FC<{ ctx: PageContext; text: { en: string; ja: string } }> = ({ ctx, text }) => {
  const own = text[ctx.lang].trim();
  if (own) return <div class="listing-text"><Paragraphs text={own} /></div>;
  const other = otherLang(ctx.lang);
  if (!text[other].trim()) return <p class="muted">{t(ctx.lang, 'listings.notGiven')}</p>;
  return (
    <div class="listing-text">
      <p class="muted language-note">{t(ctx.lang, 'listings.otherLanguage')}</p>
      <div lang={other}>
        <Paragraphs text={text[other]} />
      </div>
    </div>
  );
};

/** What a listing's officer or a coordinator needs to know: whether the public sees it, and until when. */
function statusMessage(lang: Lang, listing: Listing, day: string): string {
  if (listing.status === 'closed') return t(lang, listing.closedReason ? `listings.status.${listing.closedReason}` : 'listings.status.closed');
  if (listing.status !== 'published') return t(lang, `listings.status.${listing.status}`);
  const date = listing.expiresOn ? formatPreciseDate(lang, listing.expiresOn, 'day') : '—';
  return t(lang, isPublic(listing, day) ? 'listings.status.published' : 'listings.status.expired', { date });
}

/** Only plain web addresses become links; anything else is shown as text. */
const isWebAddress = (url: string) => /^https?:\/\//i.test(url);

/** Whom a signed-in visitor may express interest for: any LG (a coordinator, who chooses next), or their own other LGs. */
export type InterestSenders = { kind: 'staff' } | { kind: 'officer'; localGovernments: { id: number; name: { en: string; ja: string | null } }[] };

/** "Express interest": a link for one sender, a choice for several. */
const ExpressInterest: FC<{ ctx: PageContext; listing: Listing; senders: InterestSenders }> = ({ ctx, listing, senders }) => {
  const to = listing.localGovernment.id;
  const label = t(ctx.lang, 'introductions.expressInterest');
  if (senders.kind === 'staff') return <p class="express-interest"><a class="button" href={href(ctx, `/introductions/new?to=${to}`)}>{label}</a></p>;
  const [only] = senders.localGovernments;
  if (senders.localGovernments.length === 1 && only) {
    return <p class="express-interest"><a class="button" href={href(ctx, `/introductions/new?from=${only.id}&to=${to}`)}>{label}</a></p>;
  }
  return (
    <form method="get" action={href(ctx, '/introductions/new')} class="express-interest inline-form">
      <input type="hidden" name="to" value={String(to)} />
      <label for="interest-from">{t(ctx.lang, 'introductions.new.chooseFrom')}</label>{' '}
      <select id="interest-from" name="from">
        {senders.localGovernments.map((lg) => (
          <option value={String(lg.id)}>{lgName(ctx.lang, lg)}</option>
        ))}
      </select>{' '}
      <button type="submit">{label}</button>
    </form>
  );
};

/** One listing's profile, as CLAIR's page shows each local government, in the page's language. */
export const ListingPage: FC<{ ctx: PageContext; listing: Listing; today: string; interest?: InterestSenders | undefined }> = ({ ctx, listing, today, interest }) => {
  const lg = listing.localGovernment;
  const name = lgName(ctx.lang, lg);
  const visible = isPublic(listing, today);
  return (
    <Layout
      ctx={ctx}
      title={t(ctx.lang, 'listings.profileTitle', { name })}
      section="listings"
      head={visible ? undefined : <meta name="robots" content="noindex" />}
    >
      <p class="breadcrumb">
        <a href={href(ctx, `/listings/${listing.direction}`)}>{t(ctx.lang, `listings.${listing.direction}.title`)}</a>
      </p>
      {!visible || ctx.viewer ? (
        <p class={`listing-status ${visible ? 'is-public' : 'is-hidden'}`} role="status">
          <strong>{statusMessage(ctx.lang, listing, today)}</strong>
          {ctx.viewer ? (
            <>
              {' '}
              <a href={href(ctx, '/dashboard')}>{t(ctx.lang, 'listings.status.manage')}</a>
            </>
          ) : null}
        </p>
      ) : null}
      <h1>
        {name}
        {ctx.lang === 'en' && lg.name.ja ? <span lang="ja" class="muted"> {lg.name.ja}</span> : null}
        {ctx.lang === 'ja' && lg.name.ja ? <span lang="en" class="muted"> {lg.name.en}</span> : null}
      </h1>
      <p class="lead">{t(ctx.lang, 'listings.lookingFor')}</p>
      {interest ? <ExpressInterest ctx={ctx} listing={listing} senders={interest} /> : null}
      <ListingProfile ctx={ctx} listing={listing} />
      <p>
        <a href={href(ctx, lg.url)}>{t(ctx.lang, 'listings.registryPage', { name })}</a>
      </p>
      <DirectionLinks ctx={ctx} />
    </Layout>
  );
};

/** The facts and texts of a listing, for its page and for the coordinator who reviews it. */
export const ListingProfile: FC<{ ctx: PageContext; listing: Listing }> = ({ ctx, listing }) => {
  const lg = listing.localGovernment;
  const name = lgName(ctx.lang, lg);
  const sep = listSeparator(ctx.lang);
  return (
    <>
        <div class="listing-profile">
          <dl class="facts">
            <dt>{t(ctx.lang, listing.prefecture ? 'table.prefecture' : 'lg.country')}</dt>
            <dd>{placeOf(ctx.lang, listing)}</dd>
            <dt>{t(ctx.lang, 'lg.kind')}</dt>
            <dd>{kindName(ctx.lang, lg.kind, lg.designatedCity)}</dd>
            <dt>{t(ctx.lang, 'lg.population')}</dt>
            <dd>
              {population(ctx.lang, listing)}
              {listing.population !== null && listing.populationAsOf
                ? t(ctx.lang, 'listings.asOf', { date: formatPreciseDate(ctx.lang, listing.populationAsOf.date, listing.populationAsOf.precision) })
                : ''}
            </dd>
            <dt>{t(ctx.lang, 'listings.area')}</dt>
            <dd>{listing.areaKm2 === null ? '—' : t(ctx.lang, 'listings.areaValue', { area: formatNumber(ctx.lang, listing.areaKm2) })}</dd>
            <dt>{t(ctx.lang, 'listings.desiredRegions')}</dt>
            <dd>{listing.desiredRegions.length ? desiredRegionNames(ctx.lang, listing.desiredRegions) : t(ctx.lang, 'listings.notGiven')}</dd>
            {listing.fields.length ? (
              <>
                <dt>{t(ctx.lang, 'rel.fields')}</dt>
                <dd>{listing.fields.map((field) => t(ctx.lang, `field.${field}` as MessageKey)).join(sep)}</dd>
              </>
            ) : null}
            <dt>{t(ctx.lang, 'listings.modified')}</dt>
            <dd>
              <time datetime={japanDayOf(listing.updatedAt)}>{formatDay(ctx.lang, listing.updatedAt)}</time>
            </dd>
          </dl>
          {listing.imageUrl ? (
            <figure class="listing-picture">
              <img src={listing.imageUrl} alt={t(ctx.lang, 'listings.picture', { name })} loading="lazy" />
            </figure>
          ) : null}
        </div>
        <h2>{t(ctx.lang, 'listings.outline')}</h2>
        <BilingualText ctx={ctx} text={listing.outline} />
        <h2>{t(ctx.lang, 'listings.characteristics')}</h2>
        <BilingualText ctx={ctx} text={listing.characteristics} />
        {listing.pr.en.trim() || listing.pr.ja.trim() ? (
          <>
            <h2>{t(ctx.lang, 'listings.pr')}</h2>
            <BilingualText ctx={ctx} text={listing.pr} />
          </>
        ) : null}
        {listing.links.length ? (
          <>
            <h2>{t(ctx.lang, 'listings.links')}</h2>
            <ul>
              {listing.links.map((link) => (
                <li>
                  {isWebAddress(link.url) ? (
                    <a href={link.url} rel="nofollow noopener">{link.label}</a>
                  ) : (
                    <>{link.label}: {link.url}</>
                  )}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <h2>{t(ctx.lang, 'listings.contact')}</h2>
        <ListingContact ctx={ctx} contact={listing.contact} />
    </>
  );
};

const ListingContact: FC<{ ctx: PageContext; contact: Listing['contact'] }> = ({ ctx, contact }) => {
  if (!contact.name && !contact.email && !contact.phone) return <p class="muted">{t(ctx.lang, 'listings.notGiven')}</p>;
  return (
    <dl class="facts">
      {contact.name ? (
        <>
          <dt>{t(ctx.lang, 'listings.contactName')}</dt>
          <dd>{contact.name}</dd>
        </>
      ) : null}
      {contact.email ? (
        <>
          <dt>{t(ctx.lang, 'listings.email')}</dt>
          <dd><a href={`mailto:${contact.email}`}>{contact.email}</a></dd>
        </>
      ) : null}
      {contact.phone ? (
        <>
          <dt>{t(ctx.lang, 'listings.phone')}</dt>
          <dd><a href={`tel:${contact.phone.replace(/[^0-9+]/g, '')}`}>{contact.phone}</a></dd>
        </>
      ) : null}
    </dl>
  );
};
