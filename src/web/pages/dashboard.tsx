import type { FC } from 'hono/jsx';
import type { FieldProblem } from '../../errors.js';
import { LISTING_LIMITS, type ListingNotice, type ListingStep } from '../../domain/listings.js';
import { EXCHANGE_FIELDS } from '../../domain/relationships.js';
import { formatJapanTime, formatNumber, formatPreciseDate, lgName, t, tCount, type Lang, type MessageKey } from '../../i18n/index.js';
import { DESIRED_REGION_KINDS, desiredRegionChoices } from '../../reference/desiredRegions.js';
import type { IntroductionNotice } from '../../domain/introductions.js';
import type { DashboardIntroduction } from '../../services/introductions.js';
import type { Listing, ListingEvent } from '../../services/listings.js';
import { IntroductionsTable } from './introductions.js';
import { LINK_ROWS, type ListingFormValues } from '../forms/listingForm.js';
import { CsrfField, href, Layout, type PageContext } from './layout.js';
import { ListingProfile } from './listings.js';

/** The dashboard's notices: the listings' and introductions' own, and for coordinators what waits for them. */
export type Notice =
  | ListingNotice<Listing>
  | { kind: 'queue'; count: number }
  | { kind: 'introductionsWaiting'; count: number }
  | { kind: 'introduction'; notice: IntroductionNotice<DashboardIntroduction> };

/** An introduction's notice in words: "A coordinator asked for more about Ibara City’s interest in Nagi Town". */
function introductionNoticeText(lang: Lang, notice: IntroductionNotice<DashboardIntroduction>): string {
  const names = { from: lgName(lang, notice.introduction.from), to: lgName(lang, notice.introduction.to) };
  if (notice.kind !== 'declined') return t(lang, `introductions.notice.${notice.kind}`, names);
  return t(lang, 'introductions.notice.declined', { who: notice.by === 'to' ? names.to : t(lang, 'introductions.aCoordinator'), reason: notice.reason });
}

/** A listing's status in words, with the reason it closed. */
export const statusText = (lang: Lang, listing: Pick<Listing, 'status' | 'closedReason'>) =>
  t(lang, (listing.status === 'closed' && listing.closedReason ? `status.closed.${listing.closedReason}` : `status.${listing.status}`) as MessageKey);

/** A button that takes one step of a listing's life (a POST form with the CSRF token). */
const StepButton: FC<{ ctx: PageContext; listing: Listing; step: ListingStep; secondary?: boolean }> = ({ ctx, listing, step, secondary }) => (
  <form method="post" action={href(ctx, `/dashboard/listings/${listing.id}/steps/${step}`)} class="inline-form">
    <CsrfField ctx={ctx} />
    <button type="submit" class={secondary ? 'button secondary' : 'button'}>{t(ctx.lang, `step.${step}` as MessageKey)}</button>
  </form>
);

/** The steps an owner can take from a listing's status. */
const OWNER_STEPS: Record<Listing['status'], ListingStep[]> = {
  draft: ['submit', 'withdraw'],
  submitted: ['withdraw'],
  published: ['renew', 'markMatched', 'withdraw'],
  closed: [],
};

const NoticeItem: FC<{ ctx: PageContext; notice: Notice }> = ({ ctx, notice }) => {
  if (notice.kind === 'queue') {
    return <li><a href={href(ctx, '/moderation')}>{tCount(ctx.lang, 'dashboard.notice.queue', notice.count)}</a></li>;
  }
  if (notice.kind === 'introductionsWaiting') {
    return <li><a href={href(ctx, '/introductions?status=pending')}>{tCount(ctx.lang, 'introductions.notice.waiting', notice.count)}</a></li>;
  }
  if (notice.kind === 'introduction') {
    return (
      <li class={`notice notice-introduction-${notice.notice.kind}`}>
        <a href={href(ctx, notice.notice.introduction.url)}>{introductionNoticeText(ctx.lang, notice.notice)}</a>
      </li>
    );
  }
  const lg = lgName(ctx.lang, notice.listing.localGovernment);
  const text =
    notice.kind === 'changes'
      ? t(ctx.lang, 'dashboard.notice.changes', { lg, comment: notice.comment })
      : notice.kind === 'submitted'
        ? t(ctx.lang, 'dashboard.notice.submitted', { lg })
        : notice.kind === 'expiring'
          ? tCount(ctx.lang, 'dashboard.notice.expiring', notice.days, { lg, date: formatPreciseDate(ctx.lang, notice.date, 'day') })
          : t(ctx.lang, 'dashboard.notice.expired', { lg, date: formatPreciseDate(ctx.lang, notice.date, 'day') });
  return (
    <li class={`notice notice-${notice.kind}`}>
      <a href={href(ctx, `/dashboard/listings/${notice.listing.id}/edit`)}>{text}</a>
    </li>
  );
};

export const DashboardPage: FC<{
  ctx: PageContext;
  staff: boolean;
  localGovernments: { id: number; url: string; name: { en: string; ja: string | null } }[];
  listings: Listing[];
  /** An officer's introductions, sent and received. */
  introductions: DashboardIntroduction[];
  notices: Notice[];
}> = ({ ctx, staff, localGovernments, listings, introductions, notices }) => {
  const lang = ctx.lang;
  const open = new Set(listings.filter((listing) => listing.status !== 'closed').map((listing) => listing.localGovernment.id));
  return (
    <Layout ctx={ctx} title={t(lang, 'dashboard.title')} section="account">
      <h1>{t(lang, 'dashboard.title')}</h1>
      <p class="lead">{t(lang, 'dashboard.greeting', { name: ctx.viewer?.name ?? '', role: ctx.viewer ? t(lang, `accounts.role.${ctx.viewer.role}`) : '' })}</p>
      <section aria-labelledby="notices">
        <h2 id="notices">{t(lang, 'dashboard.notices')}</h2>
        {notices.length ? <ul class="notices">{notices.map((notice) => <NoticeItem ctx={ctx} notice={notice} />)}</ul> : <p class="muted">{t(lang, 'dashboard.noNotices')}</p>}
      </section>
      {staff ? (
        <section aria-labelledby="staff">
          <h2 id="staff">{t(lang, 'dashboard.staffLinks')}</h2>
          <ul class="cards">
            <li><a href={href(ctx, '/moderation')}>{t(lang, 'dashboard.moderation')}</a></li>
            <li><a href={href(ctx, '/introductions')}>{t(lang, 'introductions.dashboard.all')}</a></li>
            <li><a href={href(ctx, '/admin/accounts')}>{t(lang, 'dashboard.accounts')}</a></li>
            <li><a href={href(ctx, '/audit')}>{t(lang, 'dashboard.audit')}</a></li>
          </ul>
          <form method="get" action={href(ctx, '/dashboard/listings/new')} class="inline-form">
            <label for="new-lg">{t(lang, 'dashboard.newForLg')}</label> <input id="new-lg" name="lg" inputmode="numeric" pattern="[0-9]{1,9}" required size={8} />{' '}
            <button type="submit">{t(lang, 'dashboard.startListing')}</button>
          </form>
        </section>
      ) : (
        <section aria-labelledby="lgs">
          <h2 id="lgs">{t(lang, 'dashboard.yourLgs')}</h2>
          {localGovernments.length ? (
            <ul class="lg-list">
              {localGovernments.map((lg) => (
                <li>
                  <a href={href(ctx, lg.url)}>{lgName(lang, lg)}</a>{' '}
                  {open.has(lg.id) ? null : (
                    <a class="button secondary" href={href(ctx, `/dashboard/listings/new?lg=${lg.id}`)}>{t(lang, 'dashboard.startListing')}</a>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t(lang, 'dashboard.noLgs')}</p>
          )}
        </section>
      )}
      <section aria-labelledby="listings">
        <h2 id="listings">{t(lang, 'dashboard.listings')}</h2>
        {listings.length ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'dashboard.col.lg')}</th>
                  <th scope="col">{t(lang, 'dashboard.col.status')}</th>
                  <th scope="col">{t(lang, 'dashboard.col.updated')}</th>
                  <th scope="col">{t(lang, 'dashboard.col.expires')}</th>
                  <th scope="col">{t(lang, 'dashboard.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {listings.map((listing) => (
                  <tr>
                    <th scope="row">
                      <a href={href(ctx, `/dashboard/listings/${listing.id}/edit`)}>{lgName(lang, listing.localGovernment)}</a>
                    </th>
                    <td>{statusText(lang, listing)}</td>
                    <td>{formatJapanTime(lang, listing.updatedAt)}</td>
                    <td>{listing.expiresOn ? formatPreciseDate(lang, listing.expiresOn, 'day') : '—'}</td>
                    <td class="actions">
                      {OWNER_STEPS[listing.status].map((step) => (
                        <StepButton ctx={ctx} listing={listing} step={step} secondary={step !== 'submit' && step !== 'renew'} />
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">{t(lang, 'dashboard.noListings')}</p>
        )}
      </section>
      {staff ? null : (
        <section aria-labelledby="introductions">
          <h2 id="introductions">{t(lang, 'introductions.dashboard.title')}</h2>
          {introductions.length ? <IntroductionsTable ctx={ctx} introductions={introductions} /> : <p class="muted">{t(lang, 'introductions.dashboard.none')}</p>}
        </section>
      )}
      <p>
        <a href={href(ctx, '/account')}>{t(lang, 'dashboard.account')}</a>
      </p>
    </Layout>
  );
};

const problemFor = (problems: FieldProblem[], field: string) => problems.find((problem) => problem.field === field || problem.field.startsWith(`${field}.`) || problem.field.startsWith(`${field}[`));

/** The message under a field, tied to it by aria-describedby. */
const FieldError: FC<{ problems: FieldProblem[]; field: string }> = ({ problems, field }) => {
  const problem = problemFor(problems, field);
  return problem ? <p class="field-error" id={`error-${field}`}>{problem.message}</p> : null;
};

const value = (values: ListingFormValues, name: string) => {
  const found = values[name];
  return Array.isArray(found) ? '' : (found ?? '');
};

const TextField: FC<{ ctx: PageContext; values: ListingFormValues; problems: FieldProblem[]; name: string; label: string; max: number; rows?: number; lang?: Lang }> = ({
  ctx,
  values,
  problems,
  name,
  label,
  max,
  rows,
  lang,
}) => {
  const invalid = problemFor(problems, name) !== undefined;
  const common = { id: `field-${name}`, name, maxlength: max, lang, 'aria-invalid': invalid ? 'true' : undefined, 'aria-describedby': invalid ? `error-${name}` : undefined };
  return (
    <div class="field">
      <label for={`field-${name}`}>
        {label} <small class="muted">({t(ctx.lang, 'listingForm.limit', { count: formatNumber(ctx.lang, max) })})</small>
      </label>
      {rows ? <textarea rows={rows} {...common}>{value(values, name)}</textarea> : <input type="text" value={value(values, name)} {...common} />}
      <FieldError problems={problems} field={name} />
    </div>
  );
};

/** A text in both languages, side by side on a wide screen. */
const Bilingual: FC<{ ctx: PageContext; values: ListingFormValues; problems: FieldProblem[]; name: string; label: string; max: number; rows: number }> = (props) => (
  <fieldset class="bilingual">
    <legend>{props.label}</legend>
    <TextField {...props} name={`${props.name}.en`} label={t(props.ctx.lang, 'listingForm.inEnglish')} lang="en" />
    <TextField {...props} name={`${props.name}.ja`} label={t(props.ctx.lang, 'listingForm.inJapanese')} lang="ja" />
    <FieldError problems={props.problems} field={props.name} />
  </fieldset>
);

const SimpleInput: FC<{ values: ListingFormValues; problems: FieldProblem[]; name: string; label: string; type?: string; inputmode?: 'numeric' | 'decimal'; max?: number }> = ({ values, problems, name, label, type, inputmode, max }) => {
  const invalid = problemFor(problems, name) !== undefined;
  return (
    <div class="field">
      <label for={`field-${name}`}>{label}</label>
      <input
        id={`field-${name}`}
        name={name}
        type={type ?? 'text'}
        inputmode={inputmode}
        maxlength={max ?? 200}
        value={value(values, name)}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={invalid ? `error-${name}` : undefined}
      />
      <FieldError problems={problems} field={name} />
    </div>
  );
};

export const ListingFormPage: FC<{
  ctx: PageContext;
  lgNames: { en: string; ja: string | null };
  /** Where the form posts: the new listing's address, or the listing's. */
  action: string;
  listing?: Listing | undefined;
  history?: ListingEvent[];
  values: ListingFormValues;
  problems: FieldProblem[];
  saved?: boolean;
}> = ({ ctx, lgNames, action, listing, history = [], values, problems, saved }) => {
  const lang = ctx.lang;
  const lg = lgName(lang, { name: lgNames });
  const title = listing ? t(lang, 'listingForm.editTitle', { lg }) : t(lang, 'listingForm.newTitle', { lg });
  const chosen = new Set(Array.isArray(values.desiredRegions) ? values.desiredRegions : []);
  const fields = new Set(Array.isArray(values.fields) ? values.fields : []);
  const choices = desiredRegionChoices();
  const linkRows = Math.max(LINK_ROWS, ...Object.keys(values).filter((key) => key.startsWith('links[') && value(values, key)).map((key) => Number(/\d+/.exec(key)![0]) + 2));
  const common = { ctx, values, problems };
  return (
    <Layout ctx={ctx} title={title} section="account">
      <h1>{title}</h1>
      {listing ? <p>{t(lang, 'dashboard.col.status')}: <strong>{statusText(lang, listing)}</strong> · <a href={href(ctx, listing.url)}>{t(lang, 'listingForm.view')}</a></p> : null}
      {saved ? <p class="note success" role="status">{t(lang, 'listingForm.saved')}</p> : null}
      {problems.length ? (
        <div class="note error" role="alert">
          <p>{tCount(lang, 'listingForm.problems', problems.length)}</p>
          <ul>{problems.map((problem) => <li><a href={`#field-${problem.field}`}>{fieldLabel(lang, problem.field)}</a>: {problem.message}</li>)}</ul>
        </div>
      ) : null}
      {listing?.status === 'published' ? <p class="note">{t(lang, 'listingForm.publishedNote')}</p> : null}
      <p>{t(lang, 'listingForm.intro')}</p>
      <form method="post" action={href(ctx, action)} class="listing-form" novalidate>
        <CsrfField ctx={ctx} />
        <fieldset>
          <legend>{t(lang, 'listingForm.facts')}</legend>
          <SimpleInput {...common} name="population" label={t(lang, 'listingForm.population')} inputmode="numeric" max={20} />
          <SimpleInput {...common} name="populationAsOf" label={t(lang, 'listingForm.populationAsOf')} max={10} />
          <SimpleInput {...common} name="areaKm2" label={t(lang, 'listingForm.area')} inputmode="decimal" max={20} />
        </fieldset>
        <fieldset>
          <legend>{t(lang, 'listingForm.wishes')}</legend>
          <div class="field">
            <label for="field-desiredRegions">{t(lang, 'listingForm.desiredRegions')}</label>
            <p class="muted" id="hint-desiredRegions">{t(lang, 'listingForm.desiredRegionsHint')}</p>
            <select id="field-desiredRegions" name="desiredRegions" multiple size={10} aria-describedby="hint-desiredRegions" aria-invalid={problemFor(problems, 'desiredRegions') ? 'true' : undefined}>
              {DESIRED_REGION_KINDS.map((kind) => (
                <optgroup label={t(lang, `listingForm.regionKind.${kind}` as MessageKey)}>
                  {choices
                    .filter((choice) => choice.kind === kind)
                    .map((choice) => (
                      <option value={choice.code} selected={chosen.has(choice.code)}>{choice.name[lang]}</option>
                    ))}
                </optgroup>
              ))}
            </select>
            <FieldError problems={problems} field="desiredRegions" />
          </div>
          <Bilingual {...common} name="characteristics" label={t(lang, 'listingForm.characteristics')} max={LISTING_LIMITS.characteristics} rows={3} />
          <fieldset class="checkboxes">
            <legend>{t(lang, 'listingForm.fields')}</legend>
            {EXCHANGE_FIELDS.map((field) => (
              <label>
                <input type="checkbox" name="fields" value={field} checked={fields.has(field)} /> {t(lang, `field.${field}` as MessageKey)}
              </label>
            ))}
            <FieldError problems={problems} field="fields" />
          </fieldset>
        </fieldset>
        <fieldset>
          <legend>{t(lang, 'listingForm.texts')}</legend>
          <Bilingual {...common} name="outline" label={t(lang, 'listingForm.outline')} max={LISTING_LIMITS.outline} rows={6} />
          <Bilingual {...common} name="pr" label={t(lang, 'listingForm.pr')} max={LISTING_LIMITS.pr} rows={10} />
          <fieldset>
            <legend>{t(lang, 'listingForm.links')}</legend>
            {[...Array(Math.min(linkRows, LISTING_LIMITS.links)).keys()].map((row) => (
              <div class="link-row">
                <SimpleInput {...common} name={`links[${row}].url`} label={t(lang, 'listingForm.linkUrl')} type="url" max={2000} />
                <SimpleInput {...common} name={`links[${row}].label`} label={t(lang, 'listingForm.linkLabel')} max={100} />
              </div>
            ))}
          </fieldset>
        </fieldset>
        <fieldset>
          <legend>{t(lang, 'listingForm.contact')}</legend>
          <SimpleInput {...common} name="contact.name" label={t(lang, 'listingForm.contactName')} max={LISTING_LIMITS.contactLine} />
          <SimpleInput {...common} name="contact.email" label={t(lang, 'listingForm.contactEmail')} type="email" max={254} />
          <SimpleInput {...common} name="contact.phone" label={t(lang, 'listingForm.contactPhone')} type="tel" max={40} />
          <FieldError problems={problems} field="contact" />
        </fieldset>
        <p class="actions">
          <button type="submit" name="then" value="save">{t(lang, 'listingForm.save')}</button>{' '}
          {!listing || listing.status === 'draft' ? (
            <button type="submit" name="then" value="submit" class="button secondary">{t(lang, 'listingForm.saveAndSubmit')}</button>
          ) : null}
        </p>
      </form>
      {listing ? (
        <section aria-labelledby="picture">
          <h2 id="picture">{t(lang, 'listingForm.image')}</h2>
          {listing.imageUrl ? <img src={listing.imageUrl} alt={t(lang, 'listingForm.currentImage')} class="listing-image" /> : null}
          <form method="post" action={href(ctx, `/dashboard/listings/${listing.id}/image`)} enctype="multipart/form-data">
            <CsrfField ctx={ctx} />
            <label for="field-image">{t(lang, 'listingForm.imageHint')}</label>{' '}
            <input id="field-image" type="file" name="image" accept="image/png,image/jpeg,image/webp" required /> <button type="submit">{t(lang, 'listingForm.upload')}</button>
          </form>
        </section>
      ) : null}
      {history.length ? <History ctx={ctx} history={history} /> : null}
    </Layout>
  );
};

const FIELD_LABELS: Record<string, MessageKey> = {
  population: 'listingForm.population',
  populationAsOf: 'listingForm.populationAsOf',
  areaKm2: 'listingForm.area',
  desiredRegions: 'listingForm.desiredRegions',
  fields: 'listingForm.fields',
  characteristics: 'listingForm.characteristics',
  outline: 'listingForm.outline',
  pr: 'listingForm.pr',
  links: 'listingForm.links',
  contact: 'listingForm.contact',
  image: 'listingForm.image',
};

/** A problem's field as the form labels it: "Outline (in Japanese)", "Links 2". */
function fieldLabel(lang: Lang, field: string): string {
  const [, head, row, rest] = /^(\w+)(?:\[(\d+)\])?(?:\.(\w+))?$/.exec(field) ?? [];
  const key = head ? FIELD_LABELS[head] : undefined;
  if (!key) return field;
  const part = rest === 'en' ? t(lang, 'listingForm.inEnglish') : rest === 'ja' ? t(lang, 'listingForm.inJapanese') : undefined;
  return `${t(lang, key)}${row !== undefined ? ` ${Number(row) + 1}` : ''}${part ? ` (${part})` : ''}`;
}

/** The steps of a listing's life with the coordinators' comments. */
export const History: FC<{ ctx: PageContext; history: ListingEvent[] }> = ({ ctx, history }) => (
  <section aria-labelledby="history">
    <h2 id="history">{t(ctx.lang, 'listingForm.history')}</h2>
    <ol class="timeline">
      {history.map((event) => (
        <li>
          <span class="when">{formatJapanTime(ctx.lang, event.at)}</span> {t(ctx.lang, (event.step === 'create' || event.step === 'edit' ? `step.${event.step}` : `step.done.${event.step}`) as MessageKey)}
          {event.by ? ` · ${event.by}` : ''}
          {event.comment ? <blockquote>{event.comment}</blockquote> : null}
        </li>
      ))}
    </ol>
  </section>
);

export const ModerationQueuePage: FC<{ ctx: PageContext; queue: Listing[] }> = ({ ctx, queue }) => (
  <Layout ctx={ctx} title={t(ctx.lang, 'moderation.title')} section="account">
    <h1>{t(ctx.lang, 'moderation.title')}</h1>
    {queue.length ? (
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t(ctx.lang, 'dashboard.col.lg')}</th>
              <th scope="col">{t(ctx.lang, 'dashboard.col.updated')}</th>
              <th scope="col">{t(ctx.lang, 'dashboard.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {queue.map((listing) => (
              <tr>
                <th scope="row">{lgName(ctx.lang, listing.localGovernment)}</th>
                <td>{formatJapanTime(ctx.lang, listing.updatedAt)}</td>
                <td><a href={href(ctx, `/moderation/${listing.id}`)}>{t(ctx.lang, 'moderation.review')}</a></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    ) : (
      <p class="muted">{t(ctx.lang, 'moderation.empty')}</p>
    )}
  </Layout>
);

export const ModerationReviewPage: FC<{ ctx: PageContext; listing: Listing; history: ListingEvent[]; comment: string; problems: FieldProblem[] }> = ({ ctx, listing, history, comment, problems }) => {
  const title = t(ctx.lang, 'moderation.reviewTitle', { lg: lgName(ctx.lang, listing.localGovernment) });
  return (
    <Layout ctx={ctx} title={title} section="account">
      <h1>{title}</h1>
      <p>
        {t(ctx.lang, 'dashboard.col.status')}: <strong>{statusText(ctx.lang, listing)}</strong> · <a href={href(ctx, listing.url)}>{t(ctx.lang, 'listingForm.view')}</a>
      </p>
      <ListingProfile ctx={ctx} listing={listing} />
      {listing.status === 'submitted' ? (
        <form method="post" action={href(ctx, `/moderation/${listing.id}`)} class="moderation-form">
          <CsrfField ctx={ctx} />
          <div class="field">
            <label for="field-comment">{t(ctx.lang, 'moderation.comment')}</label>
            <textarea id="field-comment" name="comment" rows={4} maxlength={2000} aria-invalid={problems.length ? 'true' : undefined} aria-describedby={problems.length ? 'error-comment' : undefined}>
              {comment}
            </textarea>
            <FieldError problems={problems} field="comment" />
          </div>
          <p class="actions">
            <button type="submit" name="step" value="publish">{t(ctx.lang, 'step.publish')}</button>{' '}
            <button type="submit" name="step" value="requestChanges" class="button secondary">{t(ctx.lang, 'step.requestChanges')}</button>
          </p>
        </form>
      ) : null}
      <History ctx={ctx} history={history} />
    </Layout>
  );
};
