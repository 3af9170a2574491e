import type { FC } from 'hono/jsx';
import { EXCHANGE_KINDS } from '../../domain/exchanges.js';
import type { FieldProblem } from '../../errors.js';
import { formatNumber, formatPartial, lgName, t, tCount, type CountedKey, type Lang, type MessageKey } from '../../i18n/index.js';
import { VITALITIES, type Vitality, type VitalityThresholds } from '../../domain/vitality.js';
import type { Exchange, ExchangeDigest } from '../../services/exchanges.js';
import type { LocalGovernmentSummary } from '../../services/presenters.js';
import type { Relationship } from '../../services/registry.js';
import type { JapanStatistics } from '../../services/stats.js';
import type { RelationshipLine, TermNotice } from '../../services/terms.js';
import { formProblemText, type ExchangeFormValues, type RenewalFormValues } from '../forms/exchangeForm.js';
import { CsrfField, href, Layout, type PageContext } from './layout.js';

/** A vitality in words. */
export const vitalityName = (lang: Lang, vitality: Vitality) => t(lang, `exchanges.vitality.${vitality}`);

/** What a vitality means, with the installation's spans. */
export const vitalityAbout = (lang: Lang, vitality: Vitality, thresholds: VitalityThresholds) =>
  t(lang, `exchanges.vitality.${vitality}.about` as MessageKey, { active: thresholds.activeYears, quiet: thresholds.quietYears });

/** A vitality as a small label whose colour repeats, never replaces, its words. */
export const VitalityBadge: FC<{ lang: Lang; vitality: Vitality | null }> = ({ lang, vitality }) =>
  vitality ? <span class={`vitality vitality-${vitality}`}>{vitalityName(lang, vitality)}</span> : <span class="muted">—</span>;

/** An exchange's day or period. */
export const exchangeWhen = (lang: Lang, exchange: Pick<Exchange, 'startedOn' | 'endedOn'>) =>
  exchange.endedOn && exchange.endedOn !== exchange.startedOn
    ? t(lang, 'exchanges.log.period', { from: formatPartial(lang, exchange.startedOn), to: formatPartial(lang, exchange.endedOn) })
    : formatPartial(lang, exchange.startedOn);

/** Who travelled, in words naming the parties. */
export function directionText(lang: Lang, exchange: Pick<Exchange, 'direction' | 'visitorId'>, parties: readonly LocalGovernmentSummary[]): string {
  if (exchange.direction !== 'visit') return t(lang, `exchanges.direction.${exchange.direction}`);
  const visitor = parties.find((party) => party.id === exchange.visitorId);
  const host = parties.find((party) => party.id !== exchange.visitorId);
  return t(lang, 'exchanges.direction.visit', { visitor: visitor ? lgName(lang, visitor) : '?', host: host ? lgName(lang, host) : '?' });
}

/** The description in the reader's language first, the other below it when both are written. */
const Description: FC<{ lang: Lang; description: Exchange['description'] }> = ({ lang, description }) => {
  const other: Lang = lang === 'en' ? 'ja' : 'en';
  const first = description[lang] || description[other];
  const firstLang = description[lang] ? lang : other;
  const second = description[lang] && description[other] ? description[other] : '';
  return (
    <>
      <p lang={firstLang} class="exchange-description">{first}</p>
      {second ? <p lang={other} class="exchange-description muted">{second}</p> : null}
    </>
  );
};

/** The fixed term and its renewals, as rows of the relationship's facts. */
export const TermFacts: FC<{ ctx: PageContext; relationship: Relationship }> = ({ ctx, relationship }) => {
  if (!relationship.fixedTermEnd) return null;
  const expired = relationship.vitality === 'expired';
  const day = (date: string) => formatPartial(ctx.lang, date);
  return (
    <>
      <dt>{t(ctx.lang, 'exchanges.rel.term')}</dt>
      <dd>
        {t(ctx.lang, expired ? 'exchanges.rel.termEnded' : 'exchanges.rel.termEnds', { date: day(relationship.fixedTermEnd) })}
        {relationship.renewals.length ? (
          <ul class="renewals">
            {relationship.renewals.map((renewal) => (
              <li>
                {renewal.previousEnd
                  ? t(ctx.lang, 'exchanges.rel.renewalFrom', { date: day(renewal.renewedOn), previous: day(renewal.previousEnd), end: day(renewal.newEnd) })
                  : t(ctx.lang, 'exchanges.rel.renewalTo', { date: day(renewal.renewedOn), end: day(renewal.newEnd) })}
                {renewal.recordedBy ? <span class="muted"> {t(ctx.lang, 'exchanges.rel.recordedBy', { name: renewal.recordedBy })}</span> : null}
              </li>
            ))}
          </ul>
        ) : null}
      </dd>
    </>
  );
};

/** The vitality row of the relationship's facts: the word, what it means, the last exchange. */
export const VitalityFacts: FC<{ ctx: PageContext; relationship: Relationship; thresholds: VitalityThresholds }> = ({ ctx, relationship, thresholds }) =>
  relationship.vitality ? (
    <>
      <dt>{t(ctx.lang, 'exchanges.rel.vitality')}</dt>
      <dd>
        <VitalityBadge lang={ctx.lang} vitality={relationship.vitality} /> {vitalityAbout(ctx.lang, relationship.vitality, thresholds)}
        {relationship.exchanges.lastExchangeOn ? (
          <>
            {ctx.lang === 'ja' ? '' : ' '}
            {t(ctx.lang, 'exchanges.rel.lastExchange', { date: formatPartial(ctx.lang, relationship.exchanges.lastExchangeOn) })}
          </>
        ) : null}
      </dd>
    </>
  ) : null;

/** The exchange log of a relationship, with what the viewer may do to it. */
export const ExchangeLog: FC<{ ctx: PageContext; relationship: Relationship; exchanges: Exchange[]; canRecord: boolean }> = ({ ctx, relationship, exchanges, canRecord }) => (
  <section aria-labelledby="exchanges">
    <h2 id="exchanges">{t(ctx.lang, 'exchanges.log.title', { count: formatNumber(ctx.lang, exchanges.length) })}</h2>
    {canRecord ? (
      <p class="actions-row">
        <a class="button" href={href(ctx, `${relationship.url}/exchanges/new`)}>{t(ctx.lang, 'exchanges.log.record')}</a>
        {relationship.fixedTermEnd && relationship.status !== 'ended' ? (
          <a class="button secondary" href={href(ctx, `${relationship.url}/renewals/new`)}>{t(ctx.lang, 'exchanges.log.renew')}</a>
        ) : null}
      </p>
    ) : null}
    {exchanges.length === 0 ? (
      <p>{t(ctx.lang, 'exchanges.log.none')}</p>
    ) : (
      <>
        <div class="table-wrap exchange-log-wrap">
          {/* Roles keep the table a table for screen readers where narrow screens lay its rows out as cards. */}
          <table class="exchange-log" role="table" aria-labelledby="exchanges">
            <thead role="rowgroup">
              <tr role="row">
                <th scope="col" role="columnheader">{t(ctx.lang, 'exchanges.log.when')}</th>
                <th scope="col" role="columnheader">{t(ctx.lang, 'exchanges.log.kind')}</th>
                <th scope="col" role="columnheader">{t(ctx.lang, 'exchanges.log.direction')}</th>
                <th scope="col" role="columnheader" class="number">{t(ctx.lang, 'exchanges.log.participants')}</th>
                <th scope="col" role="columnheader">{t(ctx.lang, 'exchanges.log.description')}</th>
                {canRecord ? (
                  <th scope="col" role="columnheader">
                    <span class="visually-hidden">{`${t(ctx.lang, 'exchanges.log.edit')}, ${t(ctx.lang, 'exchanges.log.delete')}`}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody role="rowgroup">
              {exchanges.map((exchange) => (
                <tr id={`exchange-${exchange.id}`} role="row">
                  <td role="cell" class="nowrap when">{exchangeWhen(ctx.lang, exchange)}</td>
                  <td role="cell" data-label={t(ctx.lang, 'exchanges.log.kind')}>{t(ctx.lang, `exchanges.kind.${exchange.kind}`)}</td>
                  <td role="cell" data-label={t(ctx.lang, 'exchanges.log.direction')}>{directionText(ctx.lang, exchange, relationship.parties)}</td>
                  <td role="cell" class="number" data-label={t(ctx.lang, 'exchanges.log.participants')}>
                    {exchange.participants === null ? '—' : formatNumber(ctx.lang, exchange.participants)}
                  </td>
                  <td role="cell">
                    <Description lang={ctx.lang} description={exchange.description} />
                    {exchange.links.length ? (
                      <ul class="exchange-links" aria-label={t(ctx.lang, 'exchanges.log.links')}>
                        {exchange.links.map((link) => (
                          <li><a href={link.url} rel="nofollow noopener">{link.label}</a></li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                  {canRecord ? (
                    <td role="cell" class="exchange-actions">
                      <a
                        class="button secondary"
                        href={href(ctx, `${relationship.url}/exchanges/${exchange.id}/edit`)}
                        aria-label={t(ctx.lang, 'exchanges.log.editLabel', { date: exchangeWhen(ctx.lang, exchange) })}
                      >
                        {t(ctx.lang, 'exchanges.log.edit')}
                      </a>
                      <form method="post" action={href(ctx, `${relationship.url}/exchanges/${exchange.id}/delete`)} class="inline-form">
                        <CsrfField ctx={ctx} />
                        <button type="submit" class="button secondary" aria-label={t(ctx.lang, 'exchanges.log.deleteLabel', { date: exchangeWhen(ctx.lang, exchange) })}>
                          {t(ctx.lang, 'exchanges.log.delete')}
                        </button>
                      </form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p class="downloads">
          <a class="button secondary" href={href(ctx, `${relationship.url}/exchanges.csv`)} download>{t(ctx.lang, 'exchanges.log.csv')}</a>
        </p>
      </>
    )}
  </section>
);

/** A local government's exchanges in summary, for its page. */
export const LgExchanges: FC<{ ctx: PageContext; digest: ExchangeDigest }> = ({ ctx, digest }) => (
  <section aria-labelledby="lg-exchanges">
    <h2 id="lg-exchanges">{t(ctx.lang, 'exchanges.lg.title')}</h2>
    {digest.count === 0 ? (
      <p>{t(ctx.lang, 'exchanges.lg.none')}</p>
    ) : (
      <>
        <p>
          {tCount(ctx.lang, 'exchanges.lg.summary', digest.count)}{' '}
          <span class="muted">
            {digest.byKind.map((row) => `${t(ctx.lang, `exchanges.kind.${row.kind}`)} ${formatNumber(ctx.lang, row.count)}`).join(ctx.lang === 'ja' ? '、' : ', ')}
          </span>
        </p>
        <h3>{t(ctx.lang, 'exchanges.lg.latest')}</h3>
        <ul class="exchange-digest">
          {digest.latest.map((exchange) => (
            <li>
              <span class="when">{exchangeWhen(ctx.lang, exchange)}</span> {t(ctx.lang, `exchanges.kind.${exchange.kind}`)}{' '}
              <a href={href(ctx, `${exchange.relationshipUrl}#exchange-${exchange.id}`)}>{t(ctx.lang, 'exchanges.lg.with', { partner: lgName(ctx.lang, exchange.partner) })}</a>
              <Description lang={ctx.lang} description={exchange.description} />
            </li>
          ))}
        </ul>
      </>
    )}
  </section>
);

/** How a form's problem is put to the reader: the exchange forms' words unless a form has its own. */
type ProblemText = (lang: Lang, problem: FieldProblem) => string;

/** The problems of a refused form, each linking to its field. */
export const ProblemSummary: FC<{ ctx: PageContext; problems: FieldProblem[]; counted: CountedKey; fieldId: (field: string) => string; explain?: ProblemText }> = ({
  ctx,
  problems,
  counted,
  fieldId,
  explain = formProblemText,
}) =>
  problems.length ? (
    <div class="problem-summary" role="alert" tabindex={-1} id="problems">
      <h2>{tCount(ctx.lang, counted, problems.length)}</h2>
      <ul>
        {problems.map((problem) => (
          <li><a href={`#${fieldId(problem.field)}`}>{explain(ctx.lang, problem)}</a></li>
        ))}
      </ul>
    </div>
  ) : null;

export const problemOf = (problems: FieldProblem[], field: string) => problems.find((problem) => problem.field === field);

/** A labelled field with its hint and, when it came back wrong, its problem. */
export const Field: FC<{
  ctx: PageContext;
  id: string;
  label: string;
  hint?: string;
  problem?: FieldProblem | undefined;
  explain?: ProblemText;
  control: (attributes: Record<string, string | undefined>) => unknown;
}> = ({ ctx, id, label, hint, problem, explain = formProblemText, control }) => {
  const describedBy = [hint ? `${id}-hint` : '', problem ? `${id}-problem` : ''].filter(Boolean).join(' ');
  return (
    <div class={problem ? 'field has-problem' : 'field'}>
      <label for={id}>{label}</label>
      {hint ? <p class="hint" id={`${id}-hint`}>{hint}</p> : null}
      {problem ? <p class="field-error" id={`${id}-problem`}>{explain(ctx.lang, problem)}</p> : null}
      {control({ id, 'aria-invalid': problem ? 'true' : undefined, 'aria-describedby': describedBy || undefined })}
    </div>
  );
};

const exchangeFieldId = (field: string) => (field.startsWith('links') ? `exchange-linkUrl${field.slice(5) || '0'}` : `exchange-${field}`);

/** The form to record an exchange of a relationship. */
/** The form to record an exchange, or to correct the one given by its id. */
export const ExchangeFormPage: FC<{ ctx: PageContext; relationship: Relationship; values: ExchangeFormValues; problems: FieldProblem[]; exchangeId?: number }> = ({
  ctx,
  relationship,
  values,
  problems,
  exchangeId,
}) => {
  const editing = exchangeId !== undefined;
  const [a, b] = relationship.parties;
  const title = `${lgName(ctx.lang, a)} – ${lgName(ctx.lang, b)}`;
  const travelChoices = [
    { value: `visit:${a.id}`, text: t(ctx.lang, 'exchanges.form.visitFrom', { visitor: lgName(ctx.lang, a), host: lgName(ctx.lang, b) }) },
    { value: `visit:${b.id}`, text: t(ctx.lang, 'exchanges.form.visitFrom', { visitor: lgName(ctx.lang, b), host: lgName(ctx.lang, a) }) },
    { value: 'mutual', text: t(ctx.lang, 'exchanges.direction.mutual') },
    { value: 'remote', text: t(ctx.lang, 'exchanges.direction.remote') },
  ];
  const travelProblem = problemOf(problems, 'travel');
  return (
    <Layout ctx={ctx} title={`${t(ctx.lang, editing ? 'exchanges.edit.title' : 'exchanges.form.title')}: ${title}`}>
      <p class="breadcrumb"><a href={href(ctx, relationship.url)}>{title}</a></p>
      <h1>{t(ctx.lang, editing ? 'exchanges.edit.title' : 'exchanges.form.title')}</h1>
      <p class="prose">{t(ctx.lang, editing ? 'exchanges.edit.intro' : 'exchanges.form.intro')}</p>
      <ProblemSummary ctx={ctx} problems={problems} counted={editing ? 'exchanges.edit.problems' : 'exchanges.form.problems'} fieldId={exchangeFieldId} />
      <form method="post" action={href(ctx, `${relationship.url}/exchanges${editing ? `/${exchangeId}` : ''}`)} class="exchange-form narrow" novalidate>
        <CsrfField ctx={ctx} />
        <div class="field-pair">
          <Field ctx={ctx} id="exchange-startedOn" label={t(ctx.lang, 'exchanges.form.startedOn')} problem={problemOf(problems, 'startedOn')} control={(attributes) => <input {...attributes} name="startedOn" type="date" value={values.startedOn} required />} />
          <Field ctx={ctx} id="exchange-endedOn" label={t(ctx.lang, 'exchanges.form.endedOn')} problem={problemOf(problems, 'endedOn')} control={(attributes) => <input {...attributes} name="endedOn" type="date" value={values.endedOn} />} />
        </div>
        <Field
          ctx={ctx}
          id="exchange-kind"
          label={t(ctx.lang, 'exchanges.form.kind')}
          problem={problemOf(problems, 'kind')}
          control={(attributes) => (
            <select {...attributes} name="kind" required>
              <option value="">—</option>
              {EXCHANGE_KINDS.map((kind) => (
                <option value={kind} selected={values.kind === kind}>{t(ctx.lang, `exchanges.kind.${kind}`)}</option>
              ))}
            </select>
          )}
        />
        <fieldset class={travelProblem ? 'field has-problem' : 'field'} aria-describedby={travelProblem ? 'exchange-travel-problem' : undefined}>
          <legend>{t(ctx.lang, 'exchanges.form.direction')}</legend>
          {travelProblem ? <p class="field-error" id="exchange-travel-problem">{formProblemText(ctx.lang, travelProblem)}</p> : null}
          {travelChoices.map((choice, index) => (
            <p class="choice">
              <input type="radio" name="travel" id={index === 0 ? 'exchange-travel' : `exchange-travel-${index}`} value={choice.value} checked={values.travel === choice.value} />
              <label for={index === 0 ? 'exchange-travel' : `exchange-travel-${index}`}>{choice.text}</label>
            </p>
          ))}
        </fieldset>
        <Field ctx={ctx} id="exchange-participants" label={t(ctx.lang, 'exchanges.form.participants')} problem={problemOf(problems, 'participants')} control={(attributes) => <input {...attributes} name="participants" inputmode="numeric" value={values.participants} class="short" />} />
        <Field
          ctx={ctx}
          id="exchange-descriptionEn"
          label={t(ctx.lang, 'exchanges.form.descriptionEn')}
          hint={t(ctx.lang, 'exchanges.form.descriptionHint')}
          problem={problemOf(problems, 'descriptionEn')}
          control={(attributes) => <textarea {...attributes} name="descriptionEn" lang="en" rows={3} maxlength={2000}>{values.descriptionEn}</textarea>}
        />
        <Field
          ctx={ctx}
          id="exchange-descriptionJa"
          label={t(ctx.lang, 'exchanges.form.descriptionJa')}
          problem={problemOf(problems, 'descriptionJa')}
          control={(attributes) => <textarea {...attributes} name="descriptionJa" lang="ja" rows={3} maxlength={2000}>{values.descriptionJa}</textarea>}
        />
        <fieldset class="field exchange-links-field">
          <legend>{t(ctx.lang, 'exchanges.form.links')}</legend>
          {values.links.map((link, index) => {
            const problem = problemOf(problems, `links${index}`);
            return (
              <div class="link-row">
                {problem ? <p class="field-error" id={`exchange-link-problem-${index}`}>{formProblemText(ctx.lang, problem)}</p> : null}
                <p>
                  <label for={`exchange-linkUrl${index}`}>{t(ctx.lang, 'exchanges.form.linkUrl')} {index + 1}</label>
                  <input id={`exchange-linkUrl${index}`} name={`linkUrl${index}`} type="url" value={link.url} aria-invalid={problem ? 'true' : undefined} aria-describedby={problem ? `exchange-link-problem-${index}` : undefined} />
                </p>
                <p>
                  <label for={`exchange-linkLabel${index}`}>{t(ctx.lang, 'exchanges.form.linkLabel')} {index + 1}</label>
                  <input id={`exchange-linkLabel${index}`} name={`linkLabel${index}`} value={link.label} maxlength={100} />
                </p>
              </div>
            );
          })}
        </fieldset>
        <p class="actions-row">
          <button type="submit">{t(ctx.lang, editing ? 'exchanges.edit.save' : 'exchanges.form.save')}</button>
          <a href={href(ctx, relationship.url)}>{t(ctx.lang, 'exchanges.form.back')}</a>
        </p>
      </form>
    </Layout>
  );
};

/** The form to record a renewal of a relationship's fixed term. */
export const RenewalFormPage: FC<{ ctx: PageContext; relationship: Relationship; values: RenewalFormValues; problems: FieldProblem[] }> = ({ ctx, relationship, values, problems }) => {
  const [a, b] = relationship.parties;
  const title = `${lgName(ctx.lang, a)} – ${lgName(ctx.lang, b)}`;
  return (
    <Layout ctx={ctx} title={`${t(ctx.lang, 'exchanges.renewal.title')}: ${title}`}>
      <p class="breadcrumb"><a href={href(ctx, relationship.url)}>{title}</a></p>
      <h1>{t(ctx.lang, 'exchanges.renewal.title')}</h1>
      <p class="prose">{t(ctx.lang, 'exchanges.renewal.intro', { date: relationship.fixedTermEnd ? formatPartial(ctx.lang, relationship.fixedTermEnd) : '—' })}</p>
      <ProblemSummary ctx={ctx} problems={problems} counted="exchanges.renewal.problems" fieldId={(field) => `renewal-${field}`} />
      <form method="post" action={href(ctx, `${relationship.url}/renewals`)} class="narrow" novalidate>
        <CsrfField ctx={ctx} />
        <div class="field-pair">
          <Field ctx={ctx} id="renewal-renewedOn" label={t(ctx.lang, 'exchanges.renewal.renewedOn')} problem={problemOf(problems, 'renewedOn')} control={(attributes) => <input {...attributes} name="renewedOn" type="date" value={values.renewedOn} required />} />
          <Field ctx={ctx} id="renewal-newEnd" label={t(ctx.lang, 'exchanges.renewal.newEnd')} problem={problemOf(problems, 'newEnd')} control={(attributes) => <input {...attributes} name="newEnd" type="date" value={values.newEnd} required />} />
        </div>
        <p class="actions-row">
          <button type="submit">{t(ctx.lang, 'exchanges.renewal.save')}</button>
          <a href={href(ctx, relationship.url)}>{t(ctx.lang, 'exchanges.form.back')}</a>
        </p>
      </form>
    </Layout>
  );
};

/** One table of vitality counts by a first column (a kind, a country); a card per row on a phone, as the statistics' other tables. */
const VitalityTable: FC<{ ctx: PageContext; caption?: string; label: string; summary: string; head: string; rows: { name: string; counts: Record<Vitality, number> }[] }> = ({
  ctx,
  caption,
  label,
  summary,
  head,
  rows,
}) => (
  <>
    {caption ? <h3>{caption}</h3> : null}
    <p class="muted">{summary}</p>
    {/* Focusable, so that keyboards can scroll a table wider than its column. */}
    <div class="table-wrap" tabindex={0} role="region" aria-label={label}>
      <table class="vitality-table stack-table">
        <caption class="visually-hidden">{label}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            {VITALITIES.map((vitality) => (
              <th scope="col" class="number">{vitalityName(ctx.lang, vitality)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              <th scope="row">{row.name}</th>
              {VITALITIES.map((vitality) => (
                <td class="number" data-label={vitalityName(ctx.lang, vitality)}>{formatNumber(ctx.lang, row.counts[vitality])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  </>
);

/** The statistics page's vitality: the headline, what the words mean, by kind and by country, expired apart. */
export const VitalityStatisticsSection: FC<{ ctx: PageContext; stats: JapanStatistics; kindName: (kind: string) => string; countryName: (code: string) => string }> = ({ ctx, stats, kindName, countryName }) => {
  const { totals, thresholds } = stats.vitality;
  const inForce = totals.active + totals.quiet + totals['in-name-only'] + totals.unrecorded;
  return (
    <section aria-labelledby="vitality">
      <h2 id="vitality">{t(ctx.lang, 'exchanges.stats.title')}</h2>
      <p class="lead">
        {tCount(ctx.lang, 'exchanges.stats.lead', thresholds.activeYears, { active: formatNumber(ctx.lang, totals.active), total: formatNumber(ctx.lang, inForce) })}
      </p>
      <ul class="figures vitality-figures">
        {VITALITIES.map((vitality) => (
          <li class={`vitality-figure-${vitality}`}>
            <strong>{formatNumber(ctx.lang, totals[vitality])}</strong> <VitalityBadge lang={ctx.lang} vitality={vitality} />
          </li>
        ))}
      </ul>
      {totals.expired ? <p>{tCount(ctx.lang, 'exchanges.stats.expired', totals.expired)}</p> : null}
      <p class="muted prose">{t(ctx.lang, 'exchanges.stats.thresholds', { active: thresholds.activeYears, quiet: thresholds.quietYears })}</p>
      <VitalityTable
        ctx={ctx}
        caption={t(ctx.lang, 'exchanges.stats.byKind')}
        label={t(ctx.lang, 'exchanges.stats.byKind')}
        summary={t(ctx.lang, 'exchanges.stats.kindSummary')}
        head={t(ctx.lang, 'table.kind')}
        rows={stats.vitality.byKind.map((row) => ({ name: kindName(row.kind), counts: row }))}
      />
      <details>
        <summary>{t(ctx.lang, 'exchanges.stats.byCountry')}</summary>
        <VitalityTable
          ctx={ctx}
          label={t(ctx.lang, 'exchanges.stats.byCountry')}
          summary={t(ctx.lang, 'exchanges.stats.countrySummary')}
          head={t(ctx.lang, 'table.country')}
          rows={stats.vitality.byCountry.map((row) => ({ name: countryName(row.country), counts: row }))}
        />
      </details>
    </section>
  );
};

/** A term's notice on the dashboard, linking to its relationship. */
export const TermNoticeItem: FC<{ ctx: PageContext; notice: TermNotice }> = ({ ctx, notice }) => {
  const [first, second] = notice.relationship.parties.map((party) => lgName(ctx.lang, party)) as [string, string];
  const key = notice.kind === 'ending' ? 'exchanges.dashboard.ending' : 'exchanges.dashboard.expired';
  return (
    <li class={`notice notice-term-${notice.kind}${notice.notice ? ` notice-term-${notice.notice}` : ''}`}>
      <a href={href(ctx, notice.relationship.url)}>{tCount(ctx.lang, key, notice.days, { first, second, date: formatPartial(ctx.lang, notice.end) })}</a>
    </li>
  );
};

/** An officer's quiet relationships, with a prompt to record their exchanges. */
export const QuietRelationships: FC<{ ctx: PageContext; lines: RelationshipLine[] }> = ({ ctx, lines }) =>
  lines.length ? (
    <section aria-labelledby="quiet">
      <h2 id="quiet">{t(ctx.lang, 'exchanges.dashboard.quiet')}</h2>
      <p>{t(ctx.lang, 'exchanges.dashboard.quietLead')}</p>
      <ul class="quiet-list">
        {lines.map((line) => (
          <li>
            <a href={href(ctx, line.url)}>{line.parties.map((party) => lgName(ctx.lang, party)).join(' – ')}</a> <VitalityBadge lang={ctx.lang} vitality={line.vitality} />
            {line.lastExchangeOn ? <span class="muted"> {t(ctx.lang, 'exchanges.rel.lastExchange', { date: formatPartial(ctx.lang, line.lastExchangeOn) })}</span> : null}{' '}
            <a class="button secondary" href={href(ctx, `${line.url}/exchanges/new`)}>{t(ctx.lang, 'exchanges.log.record')}</a>
          </li>
        ))}
      </ul>
    </section>
  ) : null;

