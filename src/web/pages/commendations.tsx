import type { FC } from 'hono/jsx';
import { COMMENDATION_AWARDS, type CommendationAward } from '../../domain/commendations.js';
import type { FieldProblem } from '../../errors.js';
import { formatNumber, formatPartial, lgName, t, type Lang } from '../../i18n/index.js';
import { commendationYearUrl, type Commendation } from '../../services/commendations.js';
import { newsProblemText, type CommendationFormValues } from '../forms/newsForms.js';
import type { LgPickerState } from '../forms/lgPicker.js';
import { Field, problemOf, ProblemSummary } from './exchanges.js';
import { CsrfField, href, Layout, type PageContext } from './layout.js';
import { LgPicker, LgPickerScript } from './lgPicker.js';

/** An award's name in the language. */
export const awardName = (lang: Lang, award: CommendationAward) => t(lang, `commendations.award.${award}`);

/** Text in the reader's language, else in the other. */
export const inLanguage = (lang: Lang, text: { en: string; ja: string }) => text[lang] || text[lang === 'en' ? 'ja' : 'en'];

/** Who was commended: the local government's name, or the organisation's. */
export const recipientName = (lang: Lang, commendation: Commendation) =>
  commendation.localGovernment ? lgName(lang, commendation.localGovernment) : inLanguage(lang, commendation.organisation);

/** One commendation: recipient, category, citation, and what it recognises; with edit and delete for coordinators. */
const CommendationCard: FC<{ ctx: PageContext; commendation: Commendation; canWrite: boolean; headingLevel: 'h2' | 'h3' }> = ({ ctx, commendation, canWrite, headingLevel }) => {
  const Heading = headingLevel;
  const category = inLanguage(ctx.lang, commendation.category);
  const citation = inLanguage(ctx.lang, commendation.citation);
  return (
    <article class="commendation" id={`commendation-${commendation.id}`}>
      <Heading>
        {commendation.localGovernment ? <a href={href(ctx, commendation.localGovernment.url)}>{recipientName(ctx.lang, commendation)}</a> : recipientName(ctx.lang, commendation)}
      </Heading>
      {category ? <p class="muted">{t(ctx.lang, 'commendations.category', { category })}</p> : null}
      <p class="prose">{citation}</p>
      {commendation.relationships.length ? (
        <>
          <p class="small-heading">{t(ctx.lang, 'commendations.recognises')}</p>
          <ul>
            {commendation.relationships.map((relationship) => (
              <li><a href={href(ctx, relationship.url)}>{`${lgName(ctx.lang, relationship.parties[0])} – ${lgName(ctx.lang, relationship.parties[1])}`}</a></li>
            ))}
            {commendation.exchanges.map((exchange) => (
              <li>
                <a href={href(ctx, exchange.url)}>{`${formatPartial(ctx.lang, exchange.startedOn)} ${t(ctx.lang, `exchanges.kind.${exchange.kind}` as never)}`}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {canWrite ? (
        <div class="actions-row">
          <a class="button secondary" href={href(ctx, `/commendations/${commendation.id}/edit`)}>{t(ctx.lang, 'commendations.edit')}</a>
          <form method="post" action={href(ctx, `/commendations/${commendation.id}/delete`)} class="inline-form">
            <CsrfField ctx={ctx} />
            <button type="submit" class="button secondary" aria-label={t(ctx.lang, 'commendations.deleteLabel', { name: recipientName(ctx.lang, commendation) })}>
              {t(ctx.lang, 'commendations.delete')}
            </button>
          </form>
        </div>
      ) : null}
    </article>
  );
};

/** Every award with its years, and the button to record one for coordinators. */
export const CommendationsIndexPage: FC<{ ctx: PageContext; years: { award: CommendationAward; year: number; count: number }[]; canWrite: boolean; done?: string | undefined }> = ({ ctx, years, canWrite, done }) => (
  <Layout ctx={ctx} title={t(ctx.lang, 'commendations.title')}>
    <h1>{t(ctx.lang, 'commendations.title')}</h1>
    {done ? <p class="note success" role="status">{done}</p> : null}
    <p class="prose">{t(ctx.lang, 'commendations.intro')}</p>
    {canWrite ? (
      <p class="actions-row"><a class="button" href={href(ctx, '/commendations/new')}>{t(ctx.lang, 'commendations.record')}</a></p>
    ) : null}
    {COMMENDATION_AWARDS.map((award) => {
      const ofAward = years.filter((row) => row.award === award);
      return (
        <section aria-labelledby={`award-${award}`}>
          <h2 id={`award-${award}`}>{awardName(ctx.lang, award)}</h2>
          <p class="prose">{t(ctx.lang, `commendations.award.${award}.about`)}</p>
          {ofAward.length ? (
            <ul class="year-list">
              {ofAward.map((row) => (
                <li><a href={href(ctx, commendationYearUrl(award, row.year))}>{t(ctx.lang, 'commendations.yearLink', { year: row.year, count: formatNumber(ctx.lang, row.count) })}</a></li>
              ))}
            </ul>
          ) : (
            <p>{t(ctx.lang, 'commendations.none')}</p>
          )}
        </section>
      );
    })}
    <p class="downloads"><a class="button secondary" href={href(ctx, '/commendations.csv')} download>{t(ctx.lang, 'commendations.csvAll')}</a></p>
  </Layout>
);

/** The commendations of an award in a year. */
export const CommendationYearPage: FC<{ ctx: PageContext; award: CommendationAward; year: number; commendations: Commendation[]; canWrite: boolean }> = ({ ctx, award, year, commendations, canWrite }) => {
  const title = t(ctx.lang, 'commendations.yearTitle', { award: awardName(ctx.lang, award), year });
  return (
    <Layout ctx={ctx} title={title}>
      <p class="breadcrumb"><a href={href(ctx, '/commendations')}>{t(ctx.lang, 'commendations.title')}</a></p>
      <h1>{title}</h1>
      {commendations.length === 0 ? <p>{t(ctx.lang, 'commendations.noneInYear')}</p> : null}
      {commendations.map((commendation) => <CommendationCard ctx={ctx} commendation={commendation} canWrite={canWrite} headingLevel="h2" />)}
      {commendations.length ? (
        <p class="downloads"><a class="button secondary" href={href(ctx, `${commendationYearUrl(award, year)}.csv`)} download>{t(ctx.lang, 'commendations.csvYear')}</a></p>
      ) : null}
    </Layout>
  );
};

/** A local government's commendations, for its page. */
export const LgCommendations: FC<{ ctx: PageContext; commendations: Commendation[] }> = ({ ctx, commendations }) =>
  commendations.length ? (
    <section aria-labelledby="lg-commendations">
      <h2 id="lg-commendations">{t(ctx.lang, 'commendations.lgTitle')}</h2>
      <ul class="commendation-list">
        {commendations.map((commendation) => (
          <li>
            <a href={href(ctx, commendation.url)}>{t(ctx.lang, 'commendations.yearTitle', { award: awardName(ctx.lang, commendation.award), year: commendation.year })}</a>
            {inLanguage(ctx.lang, commendation.category) ? <span class="muted"> ({inLanguage(ctx.lang, commendation.category)})</span> : null}
            <p class="prose">{inLanguage(ctx.lang, commendation.citation)}</p>
          </li>
        ))}
      </ul>
    </section>
  ) : null;

const fieldId = (field: string) => (field === 'localGovernmentId' ? 'field-localGovernmentId' : `commendation-${field}`);

/** The form to record or correct a commendation. */
export const CommendationFormPage: FC<{ ctx: PageContext; action: string; values: CommendationFormValues; picker: LgPickerState; problems: FieldProblem[]; editing: boolean }> = ({
  ctx,
  action,
  values,
  picker,
  problems,
  editing,
}) => {
  const title = t(ctx.lang, editing ? 'commendations.form.editTitle' : 'commendations.form.title');
  const text = (id: string, name: keyof CommendationFormValues, label: string, lang: Lang, hint?: string) => (
    <Field
      ctx={ctx}
      id={`commendation-${id}`}
      label={label}
      hint={hint}
      problem={problemOf(problems, id)}
      explain={newsProblemText}
      control={(attributes) => <input {...attributes} name={name} lang={lang} value={String(values[name])} maxlength={200} />}
    />
  );
  const area = (id: 'citationEn' | 'citationJa', label: string, lang: Lang) => (
    <Field
      ctx={ctx}
      id={`commendation-${id}`}
      label={label}
      problem={problemOf(problems, id)}
      explain={newsProblemText}
      control={(attributes) => <textarea {...attributes} name={id} lang={lang} rows={4} maxlength={5000}>{values[id]}</textarea>}
    />
  );
  return (
    <Layout ctx={ctx} title={title} head={<LgPickerScript />}>
      <p class="breadcrumb"><a href={href(ctx, '/commendations')}>{t(ctx.lang, 'commendations.title')}</a></p>
      <h1>{title}</h1>
      <ProblemSummary ctx={ctx} problems={problems} counted="commendations.form.problems" fieldId={fieldId} explain={newsProblemText} />
      <form method="post" action={href(ctx, action)} class="narrow" novalidate>
        <CsrfField ctx={ctx} />
        <Field
          ctx={ctx}
          id="commendation-award"
          label={t(ctx.lang, 'commendations.form.award')}
          problem={problemOf(problems, 'award')}
          explain={newsProblemText}
          control={(attributes) => (
            <select {...attributes} name="award">
              {COMMENDATION_AWARDS.map((award) => <option value={award} selected={values.award === award}>{awardName(ctx.lang, award)}</option>)}
            </select>
          )}
        />
        <Field
          ctx={ctx}
          id="commendation-year"
          label={t(ctx.lang, 'commendations.form.year')}
          problem={problemOf(problems, 'year')}
          explain={newsProblemText}
          control={(attributes) => <input {...attributes} name="year" inputmode="numeric" value={values.year} class="short" />}
        />
        <LgPicker
          ctx={ctx}
          name="localGovernmentId"
          label={t(ctx.lang, 'commendations.form.localGovernment')}
          hint={t(ctx.lang, 'commendations.form.localGovernmentHint')}
          state={picker}
          problem={problemOf(problems, 'localGovernmentId') ? newsProblemText(ctx.lang, problemOf(problems, 'localGovernmentId')!) : undefined}
        />
        <div class="field-pair">
          {text('organisationEn', 'organisationEn', t(ctx.lang, 'commendations.form.organisationEn'), 'en')}
          {text('organisationJa', 'organisationJa', t(ctx.lang, 'commendations.form.organisationJa'), 'ja')}
        </div>
        <div class="field-pair">
          {text('categoryEn', 'categoryEn', t(ctx.lang, 'commendations.form.categoryEn'), 'en')}
          {text('categoryJa', 'categoryJa', t(ctx.lang, 'commendations.form.categoryJa'), 'ja')}
        </div>
        {area('citationEn', t(ctx.lang, 'commendations.form.citationEn'), 'en')}
        {area('citationJa', t(ctx.lang, 'commendations.form.citationJa'), 'ja')}
        {text('relationshipIds', 'relationshipIds', t(ctx.lang, 'commendations.form.relationshipIds'), ctx.lang, t(ctx.lang, 'commendations.form.relationshipIdsHint'))}
        {text('exchangeIds', 'exchangeIds', t(ctx.lang, 'commendations.form.exchangeIds'), ctx.lang, t(ctx.lang, 'commendations.form.exchangeIdsHint'))}
        <p class="actions-row">
          <button type="submit" name="save" value="1">{t(ctx.lang, 'commendations.form.save')}</button>
          <a href={href(ctx, '/commendations')}>{t(ctx.lang, 'commendations.form.back')}</a>
        </p>
      </form>
    </Layout>
  );
};
