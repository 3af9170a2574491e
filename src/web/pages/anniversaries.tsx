import type { Child, FC } from 'hono/jsx';
import type { Anniversary } from '../../domain/anniversaries.js';
import { VITALITIES, type Vitality } from '../../domain/vitality.js';
import { countryName, formatNumber, formatPartial, formatPreciseDate, lgName, t, tCount, type Lang } from '../../i18n/index.js';
import type { AnniversaryLine } from '../../services/anniversaries.js';
import type { ExchangeDigest } from '../../services/exchanges.js';
import type { Jurisdiction } from '../../services/jurisdictions.js';
import type { PartnerLine } from '../../services/lists.js';
import { exchangeWhen, VitalityBadge, vitalityName } from './exchanges.js';
import { CsrfField, href, Layout, type PageContext } from './layout.js';
import { AnniversaryLinks, LgLink, RelationshipsTable } from './registry.js';

/** When an anniversary falls, as precisely as the signing is known: "7 December 2026", "in April 2026", "during the year". */
export function anniversaryWhen(lang: Lang, anniversary: Anniversary): string {
  if (anniversary.precision === 'day') return formatPreciseDate(lang, anniversary.startsOn, 'day');
  if (anniversary.precision === 'month') return t(lang, 'anniversaries.wholeMonth', { month: formatPreciseDate(lang, anniversary.startsOn, 'month') });
  return t(lang, 'anniversaries.wholeYear');
}

/** The anniversaries as a table: how many years, when, both parties, the label and vitality. */
export const AnniversaryTable: FC<{ ctx: PageContext; lines: AnniversaryLine[] }> = ({ ctx, lines }) => {
  const label = (key: Parameters<typeof t>[1]) => t(ctx.lang, key);
  return (
    <div class="table-wrap">
      <table class="stack-table anniversary-table">
        <thead>
          <tr>
            <th scope="col">{label('anniversaries.column.years')}</th>
            <th scope="col">{label('anniversaries.column.when')}</th>
            <th scope="col">{label('anniversaries.column.japanese')}</th>
            <th scope="col">{label('anniversaries.column.partner')}</th>
            <th scope="col">{label('anniversaries.column.relationship')}</th>
            <th scope="col">{label('anniversaries.column.vitality')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr>
              <th scope="row">{tCount(ctx.lang, 'home.years', line.anniversary.years)}</th>
              <td data-label={label('anniversaries.column.when')}>{anniversaryWhen(ctx.lang, line.anniversary)}</td>
              <td data-label={label('anniversaries.column.japanese')}><LgLink ctx={ctx} lg={line.localGovernment} /></td>
              <td data-label={label('anniversaries.column.partner')}><LgLink ctx={ctx} lg={line.partner} /></td>
              <td data-label={label('anniversaries.column.relationship')}>
                <a href={href(ctx, line.relationshipUrl)}>{line.label || t(ctx.lang, 'rel.noLabel')}</a>
                <span class="muted"> ({formatPartial(ctx.lang, line.signedOn!)})</span>
              </td>
              <td data-label={label('anniversaries.column.vitality')}><VitalityBadge lang={ctx.lang} vitality={line.vitality} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

/** The choices of the anniversaries page, as typed. */
export interface AnniversaryChoices {
  year: string;
  country: string;
  region: string;
  prefecture: string;
  jurisdiction: string;
}

export interface AnniversaryOptions {
  countries: string[];
  prefectures: { code: string; name: { en: string; ja: string | null } }[];
  jurisdictions: { slug: string; name: { en: string; ja: string } }[];
}

const jurisdictionName = (lang: Lang, jurisdiction: { name: { en: string; ja: string } }) => (lang === 'ja' && jurisdiction.name.ja ? jurisdiction.name.ja : jurisdiction.name.en);

/** The address of the page (or its CSV or feed) with the choices made. */
export function anniversariesQuery(choices: AnniversaryChoices): string {
  const query = new URLSearchParams(Object.entries(choices).filter(([, value]) => value !== ''));
  const text = query.toString();
  return text ? `?${text}` : '';
}

export const AnniversariesPage: FC<{
  ctx: PageContext;
  year: number;
  choices: AnniversaryChoices;
  options: AnniversaryOptions;
  lines: AnniversaryLine[];
  problems: string[];
}> = ({ ctx, year, choices, options, lines, problems }) => {
  const { lang } = ctx;
  const query = anniversariesQuery(choices);
  return (
    <Layout ctx={ctx} title={t(lang, 'anniversaries.title', { year })} section="anniversaries">
      <h1>{t(lang, 'anniversaries.title', { year })}</h1>
      <p class="lead">{t(lang, 'anniversaries.lead')}</p>
      <p class="muted">{t(lang, 'anniversaries.precision')}</p>
      {problems.length ? (
        <div class="problem-summary" role="alert" tabindex={-1} id="problems">
          <h2>{t(lang, 'anniversaries.problems')}</h2>
          <ul>
            {problems.map((problem) => (
              <li>{problem}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form class="listing-filters" method="get" action={href(ctx, '/anniversaries')}>
        <h2>{t(lang, 'anniversaries.filters')}</h2>
        <div class="fields">
          <p>
            <label for="anniversaries-year">{t(lang, 'anniversaries.year')}</label>
            <input id="anniversaries-year" name="year" type="number" inputmode="numeric" value={choices.year || String(year)} />
          </p>
          <p>
            <label for="anniversaries-country">{t(lang, 'anniversaries.country')}</label>
            <select id="anniversaries-country" name="country">
              <option value="">{t(lang, 'anniversaries.any')}</option>
              {options.countries.map((code) => (
                <option value={code} selected={code === choices.country}>{countryName(lang, code)}</option>
              ))}
            </select>
          </p>
          <p>
            <label for="anniversaries-region">{t(lang, 'anniversaries.region')}</label>
            <small class="hint" id="anniversaries-region-hint">{t(lang, 'anniversaries.regionHint')}</small>
            <input id="anniversaries-region" name="region" type="text" value={choices.region} maxlength={10} aria-describedby="anniversaries-region-hint" />
          </p>
          <p>
            <label for="anniversaries-prefecture">{t(lang, 'anniversaries.prefecture')}</label>
            <select id="anniversaries-prefecture" name="prefecture">
              <option value="">{t(lang, 'anniversaries.any')}</option>
              {options.prefectures.map((prefecture) => (
                <option value={prefecture.code} selected={prefecture.code === choices.prefecture}>{lgName(lang, prefecture)}</option>
              ))}
            </select>
          </p>
          <p>
            <label for="anniversaries-jurisdiction">{t(lang, 'anniversaries.jurisdiction')}</label>
            <select id="anniversaries-jurisdiction" name="jurisdiction">
              <option value="">{t(lang, 'anniversaries.any')}</option>
              {options.jurisdictions.map((jurisdiction) => (
                <option value={jurisdiction.slug} selected={jurisdiction.slug === choices.jurisdiction}>{jurisdictionName(lang, jurisdiction)}</option>
              ))}
            </select>
          </p>
        </div>
        <p class="actions">
          <button type="submit">{t(lang, 'anniversaries.show')}</button>
        </p>
      </form>
      {problems.length ? null : (
        <>
          <p>
            {lines.length ? tCount(lang, 'anniversaries.count', lines.length) : t(lang, 'anniversaries.none', { year })}{' '}
            <a href={href(ctx, `/anniversaries.csv${query}`)}>{t(lang, 'anniversaries.csv')}</a> ·{' '}
            <a href={href(ctx, `/anniversaries.ics${anniversariesQuery({ ...choices, year: '' })}`)} type="text/calendar">{t(lang, 'anniversaries.ics')}</a>
          </p>
          <p class="muted">{t(lang, 'anniversaries.feedsExplain')}</p>
          {lines.length ? <AnniversaryTable ctx={ctx} lines={lines} /> : null}
        </>
      )}
      <p>
        <a href={href(ctx, '/jurisdictions')}>{t(lang, 'jurisdictions.title')}</a>
      </p>
    </Layout>
  );
};

export const JurisdictionIndexPage: FC<{ ctx: PageContext; jurisdictions: Jurisdiction[]; canEdit: boolean; notice?: string | undefined }> = ({ ctx, jurisdictions, canEdit, notice }) => (
  <Layout ctx={ctx} title={t(ctx.lang, 'jurisdictions.title')} section="anniversaries">
    <h1>{t(ctx.lang, 'jurisdictions.title')}</h1>
    {notice ? <p class="notice" role="status">{notice}</p> : null}
    <p class="lead">{t(ctx.lang, 'jurisdictions.lead')}</p>
    {canEdit ? (
      <p class="actions-row">
        <a class="button" href={href(ctx, '/jurisdictions/new')}>{t(ctx.lang, 'jurisdictions.new')}</a>
      </p>
    ) : null}
    {jurisdictions.length === 0 ? (
      <p>{t(ctx.lang, 'jurisdictions.none')}</p>
    ) : (
      <ul class="jurisdiction-list">
        {jurisdictions.map((jurisdiction) => (
          <li>
            <a href={href(ctx, jurisdiction.url)}>{jurisdictionName(ctx.lang, jurisdiction)}</a>{' '}
            <span class="muted">({tCount(ctx.lang, 'jurisdictions.memberCount', jurisdiction.members.length)})</span>
          </li>
        ))}
      </ul>
    )}
  </Layout>
);

const memberName = (lang: Lang, member: Jurisdiction['members'][number]) => (lang === 'ja' ? member.name.ja : member.name.en);

export const JurisdictionPage: FC<{
  ctx: PageContext;
  jurisdiction: Jurisdiction;
  year: number;
  anniversaries: AnniversaryLine[];
  lines: PartnerLine[];
  exchanges: ExchangeDigest;
  canEdit: boolean;
  notice?: string | undefined;
  /** Sections of other parts of the register (its news), at the end. */
  more?: Child;
}> = ({ ctx, jurisdiction, year, anniversaries, lines, exchanges, canEdit, notice, more }) => {
  const { lang } = ctx;
  const name = jurisdictionName(lang, jurisdiction);
  const description = lang === 'ja' && jurisdiction.description.ja ? jurisdiction.description.ja : jurisdiction.description.en;
  const counts = VITALITIES.map((vitality) => ({ vitality, count: lines.filter((line) => line.vitality === vitality).length })).filter((row) => row.count > 0);
  return (
    <Layout ctx={ctx} title={name} section="anniversaries">
      <p class="breadcrumbs">
        <a href={href(ctx, '/jurisdictions')}>{t(lang, 'jurisdictions.title')}</a>
      </p>
      <h1>{name}</h1>
      {notice ? <p class="notice" role="status">{notice}</p> : null}
      {description ? <p class="lead">{description}</p> : null}
      {canEdit ? (
        <p class="actions-row">
          <a class="button" href={href(ctx, `${jurisdiction.url}/edit`)}>{t(lang, 'jurisdictions.edit')}</a>
        </p>
      ) : null}
      <section aria-labelledby="members">
        <h2 id="members">{t(lang, 'jurisdictions.members')}</h2>
        <ul class="jurisdiction-members">
          {jurisdiction.members.map((member) => (
            <li>
              {member.url ? <a href={href(ctx, member.url)}>{memberName(lang, member)}</a> : memberName(lang, member)} <code>{member.code}</code>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="anniversaries">
        <h2 id="anniversaries">{t(lang, 'jurisdictions.anniversaries', { year })}</h2>
        <form class="year-choice" method="get" action={href(ctx, jurisdiction.url)}>
          <label for="jurisdiction-year">{t(lang, 'jurisdictions.otherYear')}</label>{' '}
          <input id="jurisdiction-year" name="year" type="number" inputmode="numeric" value={String(year)} />{' '}
          <button type="submit">{t(lang, 'anniversaries.show')}</button>
        </form>
        {anniversaries.length ? <AnniversaryTable ctx={ctx} lines={anniversaries} /> : <p>{t(lang, 'anniversaries.none', { year })}</p>}
        <p>
          <a href={href(ctx, `/anniversaries.csv?year=${year}&jurisdiction=${jurisdiction.slug}`)}>{t(lang, 'anniversaries.csv')}</a>
        </p>
        <AnniversaryLinks ctx={ctx} feed={`${jurisdiction.url}/anniversaries.ics`} name={name} />
      </section>
      <section aria-labelledby="vitality">
        <h2 id="vitality">{t(lang, 'jurisdictions.vitality')}</h2>
        {counts.length ? (
          <ul class="vitality-counts">
            {counts.map((row) => (
              <li>
                <VitalityBadge lang={lang} vitality={row.vitality as Vitality} /> {formatNumber(lang, row.count)}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t(lang, 'jurisdictions.noRelationships')}</p>
        )}
      </section>
      <section aria-labelledby="exchanges">
        <h2 id="exchanges">{t(lang, 'jurisdictions.exchanges')}</h2>
        {exchanges.latest.length ? (
          <ul class="exchange-digest">
            {exchanges.latest.map((exchange) => (
              <li>
                <span class="when">{exchangeWhen(lang, exchange)}</span> {t(lang, `exchanges.kind.${exchange.kind}`)}{' '}
                <a href={href(ctx, `${exchange.relationshipUrl}#exchange-${exchange.id}`)}>
                  {t(lang, 'jurisdictions.exchangeOf', { own: lgName(lang, exchange.own), partner: lgName(lang, exchange.partner) })}
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t(lang, 'jurisdictions.noExchanges')}</p>
        )}
      </section>
      <section aria-labelledby="relationships">
        <h2 id="relationships">{t(lang, 'jurisdictions.relationships')}</h2>
        {lines.length ? (
          <>
            <p>{tCount(lang, 'jurisdictions.relationshipCount', lines.length)}</p>
            <RelationshipsTable ctx={ctx} lines={lines} showOwn={true} />
          </>
        ) : (
          <p>{t(lang, 'jurisdictions.noRelationships')}</p>
        )}
      </section>
      {canEdit ? (
        <form method="post" action={href(ctx, `${jurisdiction.url}/delete`)} class="danger-zone">
          <CsrfField ctx={ctx} />
          <p class="muted">{t(lang, 'jurisdictions.deleteConfirm')}</p>
          <button type="submit" class="secondary">{t(lang, 'jurisdictions.delete')}</button>
        </form>
      ) : null}
      {more}
    </Layout>
  );
};

/** The editor's fields, as typed. */
export interface JurisdictionFormValues {
  nameEn: string;
  nameJa: string;
  slug: string;
  descriptionEn: string;
  descriptionJa: string;
  members: string;
}

export type JurisdictionFormProblems = Partial<Record<keyof JurisdictionFormValues, string[]>>;

export interface CountyChoice {
  region: string;
  counties: { code: string; name: string | null; places: string[]; count: number }[] | null;
  problem?: string;
}

const FIELDS: { field: keyof JurisdictionFormValues; label: Parameters<typeof t>[1]; hint?: Parameters<typeof t>[1]; rows?: number; max: number }[] = [
  { field: 'nameEn', label: 'jurisdictions.form.nameEn', max: 120 },
  { field: 'nameJa', label: 'jurisdictions.form.nameJa', max: 120 },
  { field: 'slug', label: 'jurisdictions.form.slug', hint: 'jurisdictions.form.slugHint', max: 120 },
  { field: 'members', label: 'jurisdictions.form.members', hint: 'jurisdictions.form.membersHint', rows: 8, max: 20000 },
  { field: 'descriptionEn', label: 'jurisdictions.form.descriptionEn', rows: 3, max: 2000 },
  { field: 'descriptionJa', label: 'jurisdictions.form.descriptionJa', rows: 3, max: 2000 },
];

export const JurisdictionFormPage: FC<{
  ctx: PageContext;
  title: string;
  action: string;
  values: JurisdictionFormValues;
  problems: JurisdictionFormProblems;
  counties: CountyChoice;
}> = ({ ctx, title, action, values, problems, counties }) => {
  const { lang } = ctx;
  const listed = FIELDS.flatMap(({ field }) => (problems[field] ?? []).map((message) => ({ field, message })));
  return (
    <Layout ctx={ctx} title={title} section="anniversaries">
      <p class="breadcrumbs">
        <a href={href(ctx, '/jurisdictions')}>{t(lang, 'jurisdictions.title')}</a>
      </p>
      <h1>{title}</h1>
      <form method="post" action={href(ctx, action)} class="figure-form jurisdiction-form">
        <CsrfField ctx={ctx} />
        {listed.length ? (
          <div class="problem-summary" role="alert" tabindex={-1} id="problems">
            <h2>{tCount(lang, 'jurisdictions.form.problems', listed.length)}</h2>
            <ul>
              {listed.map((problem) => (
                <li><a href={`#jurisdiction-${problem.field}`}>{problem.message}</a></li>
              ))}
            </ul>
          </div>
        ) : null}
        {FIELDS.map(({ field, label, hint, rows, max }) => {
          const id = `jurisdiction-${field}`;
          const wrong = problems[field] ?? [];
          const describedBy = [hint ? `${id}-hint` : '', wrong.length ? `${id}-problem` : ''].filter(Boolean).join(' ') || undefined;
          const attributes = { id, name: field, 'aria-invalid': wrong.length ? 'true' : undefined, 'aria-describedby': describedBy };
          return (
            <div class={wrong.length ? 'field has-problem' : 'field'}>
              <label for={id}>{t(lang, label)}</label>
              {hint ? <p class="hint" id={`${id}-hint`}>{t(lang, hint)}</p> : null}
              {wrong.length ? (
                <div class="field-error" id={`${id}-problem`}>
                  {wrong.map((message) => (
                    <p>{message}</p>
                  ))}
                </div>
              ) : null}
              {rows ? <textarea {...attributes} rows={rows} maxlength={max}>{values[field]}</textarea> : <input {...attributes} type="text" value={values[field]} maxlength={max} />}
            </div>
          );
        })}
        <p class="actions">
          <button type="submit">{t(lang, 'jurisdictions.form.save')}</button>
        </p>
      </form>
      <section aria-labelledby="counties">
        <h2 id="counties">{t(lang, 'jurisdictions.counties.title')}</h2>
        <p class="muted">{t(lang, 'jurisdictions.counties.explain')}</p>
        <form method="get" action={`${href(ctx, ctx.path.split('?')[0]!)}#counties`} class="year-choice">
          <label for="counties-region">{t(lang, 'jurisdictions.counties.region')}</label>{' '}
          <input id="counties-region" name="counties" type="text" value={counties.region} maxlength={24} aria-describedby={counties.problem ? 'counties-problem' : undefined} />{' '}
          <button type="submit">{t(lang, 'jurisdictions.counties.show')}</button>
        </form>
        {counties.problem ? <p class="field-error" id="counties-problem">{counties.problem}</p> : null}
        {counties.counties === null ? null : counties.counties.length === 0 ? (
          <p>{t(lang, 'jurisdictions.counties.none', { region: counties.region })}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'jurisdictions.counties.code')}</th>
                  <th scope="col">{t(lang, 'jurisdictions.counties.name')}</th>
                  <th scope="col">{t(lang, 'jurisdictions.counties.places')}</th>
                </tr>
              </thead>
              <tbody>
                {counties.counties.map((county) => (
                  <tr>
                    <td><code>{county.code}</code></td>
                    <td>{county.name ?? '—'}</td>
                    <td>
                      {county.places.join(', ')}
                      {county.count > county.places.length ? ` (${formatNumber(lang, county.count)})` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Layout>
  );
};

/** The vitality's name, for the CSV. */
export const vitalityText = (lang: Lang, vitality: Vitality | null) => (vitality ? vitalityName(lang, vitality) : '');
