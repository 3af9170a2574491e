import type { FC } from 'hono/jsx';
import type { FieldProblem } from '../../errors.js';
import { LISTING_LIMITS, type ListingNotice, type ListingStep } from '../../domain/listings.js';
import { EXCHANGE_FIELDS } from '../../domain/relationships.js';
import { formatJapanTime, formatNumber, formatPreciseDate, lgName, t, tCount, type Lang, type MessageKey } from '../../i18n/index.js';
import { desiredRegionGroups, findDesiredRegion, type DesiredRegionChoice } from '../../reference/desiredRegions.js';
import { EXCHANGE_STEP, formationStepOf, type IntroductionNotice } from '../../domain/introductions.js';
import type { DashboardIntroduction } from '../../services/introductions.js';
import type { Listing, ListingEvent } from '../../services/listings.js';
import type { LocalGovernmentSummary } from '../../services/presenters.js';
import { assetUrl } from '../assets.js';
import type { LgPickerState } from '../forms/lgPicker.js';
import { IntroductionsTable } from './introductions.js';
import { LINK_ROWS, type ListingFormValues, type registryFigures } from '../forms/listingForm.js';
import { CsrfField, href, Layout, type PageContext } from './layout.js';
import { LgPicker, LgPickerScript, OwnLgChoice } from './lgPicker.js';
import { ListingProfile } from './listings.js';
import { QuietRelationships, TermNoticeItem } from './exchanges.js';
import type { RelationshipLine, TermNotice } from '../../services/terms.js';

/** The dashboard's notices: the listings' and introductions' own, and for coordinators what waits for them. */
export type Notice =
  | ListingNotice<Listing>
  | { kind: 'queue'; count: number }
  | { kind: 'introductionsWaiting'; count: number }
  | { kind: 'introduction'; notice: IntroductionNotice<DashboardIntroduction> }
  | { kind: 'term'; notice: TermNotice };

/** An introduction's notice in words: "A coordinator asked for more about Ibara City’s interest in Nagi Town". */
function introductionNoticeText(lang: Lang, notice: IntroductionNotice<DashboardIntroduction>): string {
  const names = { from: lgName(lang, notice.introduction.from), to: lgName(lang, notice.introduction.to) };
  const day = (date: string) => formatPreciseDate(lang, date, 'day');
  const stepName = (step: number) => t(lang, `tracker.step.${formationStepOf(step) ?? 'exchange'}`);
  switch (notice.kind) {
    case 'declined':
      return t(lang, 'introductions.notice.declined', { who: notice.by === 'to' ? names.to : t(lang, 'introductions.aCoordinator'), reason: notice.reason });
    case 'forming':
      return t(lang, 'introductions.notice.forming', { ...names, step: stepName(notice.latest.step), day: day(notice.latest.doneOn), next: stepName(notice.next) });
    case 'signed':
      return t(lang, 'introductions.notice.signed', { ...names, day: day(notice.signedOn) });
    case 'underway':
      return t(lang, 'introductions.notice.underway', { ...names, day: day(notice.exchangeOn) });
    default:
      return t(lang, `introductions.notice.${notice.kind}`, names);
  }
}

/** Where an introduction's notice leads: the relationship once it is under way, else the tracker's step to record next, else the thread. */
function introductionNoticeLink(notice: IntroductionNotice<DashboardIntroduction>): string {
  const { url, relationship } = notice.introduction;
  if (notice.kind === 'underway' && relationship) return relationship.url;
  if (notice.kind === 'signed') return `${url}#tracker-step-${EXCHANGE_STEP}`;
  if (notice.kind === 'forming') return `${url}#tracker-step-${notice.next}`;
  return url;
}

/** What was done to a listing, for the page one lands on afterwards: saved (a draft, or back to review), or a step. */
export const DONE = ['saved', 'savedForReview', 'submit', 'withdraw', 'renew', 'markMatched', 'publish', 'requestChanges'] as const;
export type Done = (typeof DONE)[number];

/** What was done, in words naming the listing's LG (and until when it is public, for a publication or a renewal). */
export const doneNotice = (lang: Lang, done: Done, listing: Listing): string =>
  t(lang, `dashboard.done.${done}`, { lg: lgName(lang, listing.localGovernment), date: listing.expiresOn ? formatPreciseDate(lang, listing.expiresOn, 'day') : '—' });

/** News of what was just done, at the top of the page one lands on. */
const DoneBox: FC<{ text: string | undefined }> = ({ text }) => (text ? <p class="note success" role="status">{text}</p> : null);

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
  if (notice.kind === 'term') return <TermNoticeItem ctx={ctx} notice={notice.notice} />;
  if (notice.kind === 'introduction') {
    return (
      <li class={`notice notice-introduction-${notice.notice.kind}`}>
        <a href={href(ctx, introductionNoticeLink(notice.notice))}>{introductionNoticeText(ctx.lang, notice.notice)}</a>
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
  /** An officer's quiet relationships, to prompt recording their exchanges. */
  quiet?: RelationshipLine[] | undefined;
  /** What was just done, in words. */
  done?: string | undefined;
}> = ({ ctx, staff, localGovernments, listings, introductions, notices, quiet = [], done }) => {
  const lang = ctx.lang;
  const open = new Set(listings.filter((listing) => listing.status !== 'closed').map((listing) => listing.localGovernment.id));
  return (
    <Layout ctx={ctx} title={t(lang, 'dashboard.title')} section="account" head={staff ? <LgPickerScript /> : undefined}>
      <h1>{t(lang, 'dashboard.title')}</h1>
      <DoneBox text={done} />
      <p class="lead">{t(lang, 'dashboard.greeting', { name: ctx.viewer?.name ?? '', role: ctx.viewer ? t(lang, `accounts.role.${ctx.viewer.role}`) : '' })}</p>
      <section aria-labelledby="notices">
        <h2 id="notices">{t(lang, 'dashboard.notices')}</h2>
        {notices.length ? <ul class="notices">{notices.map((notice) => <NoticeItem ctx={ctx} notice={notice} />)}</ul> : <p class="muted">{t(lang, 'dashboard.noNotices')}</p>}
      </section>
      <QuietRelationships ctx={ctx} lines={quiet} />
      {staff ? (
        <section aria-labelledby="staff">
          <h2 id="staff">{t(lang, 'dashboard.staffLinks')}</h2>
          <ul class="cards">
            <li><a href={href(ctx, '/moderation')}>{t(lang, 'dashboard.moderation')}</a></li>
            <li><a href={href(ctx, '/introductions')}>{t(lang, 'introductions.dashboard.all')}</a></li>
            <li><a href={href(ctx, '/admin/accounts')}>{t(lang, 'dashboard.accounts')}</a></li>
            <li><a href={href(ctx, '/audit')}>{t(lang, 'dashboard.audit')}</a></li>
          </ul>
          <form method="get" action={href(ctx, '/dashboard/listings/new')} class="start-listing">
            <LgPicker ctx={ctx} name="lg" label={t(lang, 'dashboard.newForLg')} state={{ chosen: [], query: '' }} />
            <p><button type="submit">{t(lang, 'dashboard.startListing')}</button></p>
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

const SimpleInput: FC<{ values: ListingFormValues; problems: FieldProblem[]; name: string; label: string; type?: string; inputmode?: 'numeric' | 'decimal'; max?: number; hint?: string | undefined }> = ({
  values,
  problems,
  name,
  label,
  type,
  inputmode,
  max,
  hint,
}) => {
  const invalid = problemFor(problems, name) !== undefined;
  const describedBy = [hint ? `hint-${name}` : '', invalid ? `error-${name}` : ''].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={`field-${name}`}>{label}</label>
      {hint ? <p class="hint" id={`hint-${name}`}>{hint}</p> : null}
      <input
        id={`field-${name}`}
        name={name}
        type={type ?? 'text'}
        inputmode={inputmode}
        maxlength={max ?? 200}
        value={value(values, name)}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
      <FieldError problems={problems} field={name} />
    </div>
  );
};

/** The step before a new listing's form: which local government it is for. */
export const ChooseListingLgPage: FC<{
  ctx: PageContext;
  /** An officer's own LGs to choose among; undefined for coordinators, who search the registry. */
  own: LocalGovernmentSummary[] | undefined;
  picker: LgPickerState;
  problem?: string | undefined;
}> = ({ ctx, own, picker, problem }) => {
  const lang = ctx.lang;
  const title = t(lang, 'listingForm.chooseTitle');
  return (
    <Layout ctx={ctx} title={title} section="account" head={own ? undefined : <LgPickerScript />}>
      <h1>{title}</h1>
      {problem ? (
        <div class="note error" role="alert">
          <p><a href="#field-lg">{problem}</a></p>
        </div>
      ) : null}
      {own && own.length === 0 ? (
        <p>{t(lang, 'dashboard.noLgs')}</p>
      ) : (
        <form method="get" action={href(ctx, '/dashboard/listings/new')} class="stacked">
          {own ? (
            <OwnLgChoice ctx={ctx} name="lg" label={t(lang, 'listingForm.chooseOwnLabel')} localGovernments={own} chosen={picker.chosen[0]?.id} problem={problem} />
          ) : (
            <LgPicker ctx={ctx} name="lg" label={t(lang, 'dashboard.newForLg')} state={picker} problem={problem} />
          )}
          <p><button type="submit">{t(lang, 'dashboard.startListing')}</button></p>
        </form>
      )}
    </Layout>
  );
};

/** Desired regions as grouped checkboxes: language groups, then each continent with its sub-regions and countries, each in a fold. */
const DesiredRegionsField: FC<{ ctx: PageContext; chosen: ReadonlySet<string>; problems: FieldProblem[] }> = ({ ctx, chosen, problems }) => {
  const lang = ctx.lang;
  const collator = new Intl.Collator(lang);
  const byName = (choices: readonly DesiredRegionChoice[]) => [...choices].sort((a, b) => collator.compare(a.name[lang], b.name[lang]));
  const { languages, continents } = desiredRegionGroups();
  const offered = new Set([...languages, ...continents.flatMap((group) => [group.continent, ...group.countries, ...group.subregions.flatMap((entry) => [entry.subregion, ...entry.countries])])].map((choice) => choice.code));
  const earlier = [...chosen].filter((code) => !offered.has(code)).flatMap((code) => findDesiredRegion(code) ?? []);
  const invalid = problemFor(problems, 'desiredRegions') !== undefined;
  const Box: FC<{ choice: DesiredRegionChoice; whole?: boolean }> = ({ choice, whole }) => (
    <label class={whole ? 'region-whole' : undefined}>
      <input type="checkbox" name="desiredRegions" value={choice.code} checked={chosen.has(choice.code)} />{' '}
      {whole ? t(lang, 'listingForm.regionWhole', { region: choice.name[lang] }) : choice.name[lang]}
    </label>
  );
  const Fold: FC<{ title: string; choices: readonly DesiredRegionChoice[]; children: unknown }> = ({ title, choices, children }) => {
    const count = choices.filter((choice) => chosen.has(choice.code)).length;
    return (
      <details class="region-group" open={count > 0}>
        <summary>
          {title} <span class="region-count" data-region-count>{count ? tCount(lang, 'listingForm.regionsChosen', count) : ''}</span>
        </summary>
        {children}
      </details>
    );
  };
  const chosenNames = [...chosen].map((code) => findDesiredRegion(code)?.name[lang] ?? code);
  return (
    <fieldset
      class="region-choices"
      id="field-desiredRegions"
      data-region-choices
      data-count-one={t(lang, 'listingForm.regionsChosen.one')}
      data-count-other={t(lang, 'listingForm.regionsChosen.other')}
      aria-describedby={invalid ? 'hint-desiredRegions error-desiredRegions' : 'hint-desiredRegions'}
    >
      <legend>{t(lang, 'listingForm.desiredRegions')}</legend>
      <p class="hint" id="hint-desiredRegions">{t(lang, 'listingForm.desiredRegionsHint')}</p>
      <FieldError problems={problems} field="desiredRegions" />
      <p class="regions-chosen" data-regions-chosen data-none={t(lang, 'listingForm.regionsNone')} data-template={t(lang, 'listingForm.regionsChosenList')}>
        {chosenNames.length ? t(lang, 'listingForm.regionsChosenList', { names: chosenNames.join(lang === 'ja' ? '、' : ', ') }) : t(lang, 'listingForm.regionsNone')}
      </p>
      {earlier.length ? (
        <div class="region-group region-earlier">
          <p>{t(lang, 'listingForm.regionsEarlier')}</p>
          <div class="region-boxes">{earlier.map((choice) => <Box choice={choice} />)}</div>
        </div>
      ) : null}
      <Fold title={t(lang, 'listingForm.regionKind.language')} choices={languages}>
        <div class="region-boxes">{languages.map((choice) => <Box choice={choice} />)}</div>
      </Fold>
      {[...continents]
        .sort((a, b) => collator.compare(a.continent.name[lang], b.continent.name[lang]))
        .map((group) => (
          <Fold
            title={group.continent.name[lang]}
            choices={[group.continent, ...group.countries, ...group.subregions.flatMap((entry) => [entry.subregion, ...entry.countries])]}
          >
            <div class="region-boxes">
              <Box choice={group.continent} whole />
            </div>
            {[...group.subregions]
              .sort((a, b) => collator.compare(a.subregion.name[lang], b.subregion.name[lang]))
              .map((entry) => (
                <fieldset class="region-subgroup">
                  <legend>{entry.subregion.name[lang]}</legend>
                  <div class="region-boxes">
                    <Box choice={entry.subregion} whole />
                    {byName(entry.countries).map((choice) => <Box choice={choice} />)}
                  </div>
                </fieldset>
              ))}
            {group.countries.length ? (
              group.subregions.length ? (
                <fieldset class="region-subgroup">
                  <legend>{t(lang, 'listingForm.regionsOther')}</legend>
                  <div class="region-boxes">{byName(group.countries).map((choice) => <Box choice={choice} />)}</div>
                </fieldset>
              ) : (
                <div class="region-boxes">{byName(group.countries).map((choice) => <Box choice={choice} />)}</div>
              )
            ) : null}
          </Fold>
        ))}
    </fieldset>
  );
};

/** The picture of a listing: the one it has (with a box to remove it), and a file to send, with its limits. */
const PictureField: FC<{ ctx: PageContext; listing: Listing | undefined; problems: FieldProblem[]; notKept: string | undefined }> = ({ ctx, listing, problems, notKept }) => {
  const lang = ctx.lang;
  const invalid = problemFor(problems, 'image') !== undefined;
  const describedBy = ['hint-image', notKept && !invalid ? 'image-not-kept' : '', invalid ? 'error-image' : ''].filter(Boolean).join(' ');
  return (
    <fieldset class="picture-field">
      <legend>{t(lang, 'listingForm.image')}</legend>
      {listing?.imageUrl ? (
        <>
          <img src={listing.imageUrl} alt={t(lang, 'listingForm.currentImage')} class="listing-image" />
          <p class="checkboxes">
            <label>
              <input type="checkbox" name="removeImage" value="1" /> {t(lang, 'listingForm.removeImage')}
            </label>
          </p>
        </>
      ) : (
        <p class="muted">{t(lang, 'listingForm.noImage')}</p>
      )}
      <div class="field">
        <label for="field-image">{t(lang, listing?.imageUrl ? 'listingForm.replaceImage' : 'listingForm.chooseImage')}</label>
        <p class="hint" id="hint-image">{t(lang, 'listingForm.imageHint')}</p>
        {notKept && !invalid ? <p class="note" id="image-not-kept">{t(lang, 'listingForm.imageNotKept', { name: notKept })}</p> : null}
        <input
          id="field-image"
          type="file"
          name="image"
          accept={LISTING_LIMITS.image.types.join(',')}
          data-max-bytes={String(LISTING_LIMITS.image.maxBytes)}
          data-too-big={t(lang, 'listingForm.imageTooBig')}
          data-wrong-type={t(lang, 'listingForm.imageWrongType')}
          aria-invalid={invalid ? 'true' : undefined}
          aria-describedby={describedBy}
        />
        <p class="picture-check" data-picture-check aria-live="polite"></p>
        <FieldError problems={problems} field="image" />
      </div>
    </fieldset>
  );
};

/** Where the figures of a new listing came from: the registry, and which source it had them from. */
type RegistryFigures = ReturnType<typeof registryFigures>;

const registryHint = (lang: Lang, figure: RegistryFigures['population']) =>
  figure ? t(lang, figure.year ? 'listingForm.fromRegistryFigureYear' : 'listingForm.fromRegistryFigure', { value: formatNumber(lang, figure.value), year: String(figure.year ?? ''), source: figure.source }) : undefined;

export const ListingFormPage: FC<{
  ctx: PageContext;
  lg: { name: { en: string; ja: string | null }; url: string };
  /** Where the form posts: the new listing's address, or the listing's. */
  action: string;
  listing?: Listing | undefined;
  history?: ListingEvent[];
  values: ListingFormValues;
  problems: FieldProblem[];
  /** What was just done, in words. */
  done?: string | undefined;
  /** For a new listing: the figures filled in from the registry. */
  registry?: RegistryFigures | undefined;
  /** The name of a picture sent with a form that was refused: files cannot be filled in again. */
  pictureNotKept?: string | undefined;
}> = ({ ctx, lg, action, listing, history = [], values, problems, done, registry, pictureNotKept }) => {
  const lang = ctx.lang;
  const name = lgName(lang, lg);
  const title = listing ? t(lang, 'listingForm.editTitle', { lg: name }) : t(lang, 'listingForm.newTitle', { lg: name });
  const chosen = new Set(Array.isArray(values.desiredRegions) ? values.desiredRegions : []);
  const fields = new Set(Array.isArray(values.fields) ? values.fields : []);
  const linkRows = Math.max(LINK_ROWS, ...Object.keys(values).filter((key) => key.startsWith('links[') && value(values, key)).map((key) => Number(/\d+/.exec(key)![0]) + 2));
  const common = { ctx, values, problems };
  return (
    <Layout ctx={ctx} title={title} section="account" head={<script src={assetUrl('listingForm.js')} defer></script>}>
      <h1>{title}</h1>
      {listing ? <p>{t(lang, 'dashboard.col.status')}: <strong>{statusText(lang, listing)}</strong> · <a href={href(ctx, listing.url)}>{t(lang, 'listingForm.view')}</a></p> : null}
      <DoneBox text={done} />
      {problems.length ? (
        <div class="note error" role="alert">
          <p>{tCount(lang, 'listingForm.problems', problems.length)}</p>
          <ul>{problems.map((problem) => <li><a href={`#field-${problem.field}`}>{fieldLabel(lang, problem.field)}</a>: {problem.message}</li>)}</ul>
        </div>
      ) : null}
      {listing?.status === 'published' ? <p class="note">{t(lang, 'listingForm.publishedNote')}</p> : null}
      <p>{t(lang, 'listingForm.intro')}</p>
      <form method="post" action={href(ctx, action)} class="listing-form" enctype="multipart/form-data" novalidate>
        <CsrfField ctx={ctx} />
        <fieldset>
          <legend>{t(lang, 'listingForm.facts')}</legend>
          {registry ? (
            <p class="note" id="registry-note">
              {t(lang, registry.population || registry.areaKm2 ? 'listingForm.fromRegistry' : 'listingForm.notInRegistry', { lg: name })}{' '}
              <a href={href(ctx, lg.url)}>{t(lang, 'listingForm.registryPage', { lg: name })}</a>
            </p>
          ) : null}
          <SimpleInput {...common} name="population" label={t(lang, 'listingForm.population')} inputmode="numeric" max={20} hint={registry ? registryHint(lang, registry.population) : undefined} />
          <SimpleInput {...common} name="populationAsOf" label={t(lang, 'listingForm.populationAsOf')} max={10} />
          <SimpleInput {...common} name="areaKm2" label={t(lang, 'listingForm.area')} inputmode="decimal" max={20} hint={registry ? registryHint(lang, registry.areaKm2) : undefined} />
        </fieldset>
        <fieldset>
          <legend>{t(lang, 'listingForm.wishes')}</legend>
          <DesiredRegionsField ctx={ctx} chosen={chosen} problems={problems} />
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
          <PictureField ctx={ctx} listing={listing} problems={problems} notKept={pictureNotKept} />
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

export const ModerationQueuePage: FC<{ ctx: PageContext; queue: Listing[]; done?: string | undefined }> = ({ ctx, queue, done }) => (
  <Layout ctx={ctx} title={t(ctx.lang, 'moderation.title')} section="account">
    <h1>{t(ctx.lang, 'moderation.title')}</h1>
    <DoneBox text={done} />
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
