import type { FC } from 'hono/jsx';
import type { FigureSubject, RegisterBeside } from '../../domain/publishedFigures.js';
import { FIGURE_KINDS } from '../../domain/publishedFigures.js';
import { EARLIEST_YEAR } from '../../domain/relationships.js';
import { countryName, formatJapanTime, formatList, formatNumber, formatPreciseDate, t, tCount, type Lang, type MessageKey } from '../../i18n/index.js';
import { loadCountries } from '../../reference/countries.js';
import { FIGURE_LIMITS, type PublishedFigure } from '../../services/publishedFigures.js';
import { today } from '../../services/registry.js';
import type { JapanStatistics, PublishedComparison } from '../../services/stats.js';
import { FIGURE_FORM_FIELDS, type FigureFormField, type FigureFormProblems, type FigureFormValues } from '../forms/figureForm.js';
import { CsrfField, href, Layout, type PageContext } from './layout.js';

/** Where figures come from, and published figures beside the register's: parts of the statistics and home pages, and the coordinators' page. */

const day = (lang: Lang, date: string) => formatPreciseDate(lang, date, 'day');

/**
 * The sources of the figures in one sentence: each register sheet and pairs file by name, people's
 * entries and formation trackers together, and how many have no date.
 */
export function sourcesSentence(lang: Lang, sources: JapanStatistics['sources']): string {
  if (sources.relationships === 0) return t(lang, 'stats.sources.none');
  const parts: string[] = [];
  const together = { entry: 0, tracker: 0 };
  for (const line of sources.bySource) {
    if (line.kind === 'entry' || line.kind === 'tracker') together[line.kind] += line.count;
    else parts.push(tCount(lang, `stats.sources.${line.kind}`, line.count, { source: line.source }));
  }
  if (together.entry) parts.push(tCount(lang, 'stats.sources.entry', together.entry));
  if (together.tracker) parts.push(tCount(lang, 'stats.sources.tracker', together.tracker));
  const dates = sources.undated > 0 ? tCount(lang, 'stats.sources.undated', sources.undated) : tCount(lang, 'stats.sources.allDated', sources.relationships);
  return tCount(lang, 'stats.sources.lead', sources.relationships, { parts: formatList(lang, parts), dates });
}

/** The sources sentence, and with `each` a table of every source by name. */
export const SourcesNote: FC<{ ctx: PageContext; sources: JapanStatistics['sources']; each?: boolean }> = ({ ctx, sources, each = false }) => (
  <>
    <p class="sources-note">{sourcesSentence(ctx.lang, sources)}</p>
    {each && sources.bySource.length > 0 ? (
      <details>
        <summary>{t(ctx.lang, 'stats.sources.each')}</summary>
        <div class="table-wrap narrow-headings">
          <table>
            <thead>
              <tr>
                <th scope="col">{t(ctx.lang, 'stats.sources.kind')}</th>
                <th scope="col">{t(ctx.lang, 'stats.sources.name')}</th>
                <th scope="col" class="number">{t(ctx.lang, 'stats.count')}</th>
              </tr>
            </thead>
            <tbody>
              {sources.bySource.map((line) => (
                <tr>
                  <td>{t(ctx.lang, `stats.sourceKind.${line.kind}`)}</td>
                  <td class="source-name">{line.source}</td>
                  <td class="number">{formatNumber(ctx.lang, line.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    ) : null}
  </>
);

/** What a figure counts, in words: "International relationships", "Relationships with the United States", "Cities with a partner abroad". */
export function countsName(lang: Lang, figure: FigureSubject): string {
  if (figure.scope === 'country') return t(lang, 'figures.counts.country', { country: countryName(lang, figure.subject) });
  if (figure.scope === 'kind') return t(lang, 'figures.counts.kind', { kind: t(lang, `kinds.${figure.subject}` as MessageKey) });
  return t(lang, 'figures.counts.total');
}

/** How the register stands beside a published value, in words: "685 fewer". */
export function verdictText(lang: Lang, beside: RegisterBeside): string {
  const count = (value: number) => formatNumber(lang, Math.abs(value));
  switch (beside.verdict) {
    case 'fewer':
      return t(lang, 'stats.published.fewer', { count: count(beside.difference.withUndated) });
    case 'more':
      return t(lang, 'stats.published.more', { count: count(beside.difference.inForce) });
    case 'same':
      return t(lang, 'stats.published.same');
    case 'within':
      return beside.difference.inForce < 0
        ? t(lang, 'stats.published.within', { count: count(beside.difference.inForce) })
        : t(lang, 'stats.published.withinMore', { count: count(beside.difference.withUndated) });
  }
}

/** A citation with its web addresses as links. */
const Citation: FC<{ text: string }> = ({ text }) => (
  <>
    {text.split(/(https?:\/\/[^\s)]+)/).map((part, index) => (index % 2 === 1 ? <a href={part}>{part}</a> : part))}
  </>
);

/** The register's figure, and the most it could be counting the relationships without a date. */
function registerText(lang: Lang, beside: RegisterBeside): string {
  const counted = formatNumber(lang, beside.inForce);
  if (beside.withUndated === beside.inForce) return counted;
  return t(lang, 'stats.published.registerWithUndated', { count: counted, withUndated: formatNumber(lang, beside.withUndated) });
}

/** Published figures of one publisher, day and citation, which read best together. */
function groupsOf(published: PublishedComparison[]): PublishedComparison[][] {
  const groups = new Map<string, PublishedComparison[]>();
  for (const figure of published) {
    const key = JSON.stringify([figure.publisher, figure.publishedOn, figure.citation]);
    groups.set(key, [...(groups.get(key) ?? []), figure]);
  }
  return [...groups.values()];
}

/** Each published figure beside the register's own, so that anyone sees how complete the register is. */
export const PublishedBeside: FC<{ ctx: PageContext; published: PublishedComparison[]; canEdit: boolean }> = ({ ctx, published, canEdit }) => (
  <section aria-labelledby="published-figures" class="published-beside">
    <h2 id="published-figures">{t(ctx.lang, 'stats.published.title')}</h2>
    <p class="muted prose">{t(ctx.lang, 'stats.published.lead')}</p>
    {published.length === 0 ? <p>{t(ctx.lang, 'stats.published.none')}</p> : null}
    {groupsOf(published).map((group, index) => {
      const first = group[0]!;
      const heading = t(ctx.lang, 'stats.published.group', { publisher: first.publisher, date: day(ctx.lang, first.publishedOn) });
      return (
        <div class="beside-group">
          <h3 id={`published-group-${index}`}>{heading}</h3>
          <div class="table-wrap">
            {/* Roles keep the table a table for screen readers where narrow screens lay its rows out as blocks. */}
            <table class="beside-table" role="table" aria-labelledby={`published-group-${index}`}>
              <thead role="rowgroup">
                <tr role="row">
                  <th scope="col" role="columnheader">{t(ctx.lang, 'stats.published.counts')}</th>
                  <th scope="col" role="columnheader" class="number">{first.publisher}</th>
                  <th scope="col" role="columnheader" class="number">{t(ctx.lang, 'stats.published.register')}</th>
                  <th scope="col" role="columnheader">{t(ctx.lang, 'stats.published.difference')}</th>
                </tr>
              </thead>
              <tbody role="rowgroup">
                {group.map((figure) => (
                  <tr role="row">
                    <th scope="row" role="rowheader">{countsName(ctx.lang, figure)}</th>
                    <td role="cell" class="number" data-label={first.publisher}>{formatNumber(ctx.lang, figure.value)}</td>
                    <td role="cell" class="number register" data-label={t(ctx.lang, 'stats.published.register')}>
                      {formatNumber(ctx.lang, figure.register.inForce)}
                      {figure.register.withUndated !== figure.register.inForce ? (
                        <span class="with-undated">{t(ctx.lang, 'stats.published.withUndated', { count: formatNumber(ctx.lang, figure.register.withUndated) })}</span>
                      ) : null}
                    </td>
                    <td role="cell" class={`verdict verdict-${figure.register.verdict}`} data-label={t(ctx.lang, 'stats.published.difference')}>
                      {verdictText(ctx.lang, figure.register)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="citation muted">
            {t(ctx.lang, 'stats.published.citation')} <Citation text={first.citation} />
          </p>
        </div>
      );
    })}
    {canEdit ? (
      <p>
        <a href={href(ctx, '/statistics/figures')}>{t(ctx.lang, 'stats.published.edit')}</a>
      </p>
    ) : null}
  </section>
);

const countryChoices = new Map<Lang, { code: string; name: string }[]>();

/** Every country abroad by its name in the language, for the counts field. */
function countriesFor(lang: Lang): { code: string; name: string }[] {
  let choices = countryChoices.get(lang);
  if (!choices) {
    choices = loadCountries()
      .filter((country) => country.code !== 'JP')
      .map((country) => ({ code: country.code, name: countryName(lang, country.code) }))
      .sort((a, b) => a.name.localeCompare(b.name, lang));
    countryChoices.set(lang, choices);
  }
  return choices;
}

interface FormProps {
  ctx: PageContext;
  /** A figure's id, or 'new' for the form that adds one. */
  id: number | 'new';
  values: FigureFormValues;
  problems: FigureFormProblems;
}

const fieldId = (id: FormProps['id'], field: FigureFormField) => `figure-${id}-${field}`;

/** A labelled field with its hint and, when it came back wrong, its problem. */
const Field: FC<FormProps & { field: FigureFormField; hint?: MessageKey; control: (attributes: Record<string, string | undefined>) => unknown }> = ({
  ctx,
  id,
  problems,
  field,
  hint,
  control,
}) => {
  const own = fieldId(id, field);
  const problem = problems[field];
  const describedBy = [hint ? `${own}-hint` : '', problem ? `${own}-problem` : ''].filter(Boolean).join(' ');
  return (
    <div class={problem ? 'field has-problem' : 'field'}>
      <label for={own}>{t(ctx.lang, `figures.field.${field}`)}</label>
      {hint ? (
        <p class="hint" id={`${own}-hint`}>
          {t(ctx.lang, hint)}
        </p>
      ) : null}
      {problem ? (
        <p class="field-error" id={`${own}-problem`}>
          {problem}
        </p>
      ) : null}
      {control({ id: own, name: field, 'aria-invalid': problem ? 'true' : undefined, 'aria-describedby': describedBy || undefined })}
    </div>
  );
};

/** The form of one figure, or of a new one: publisher, day, what it counts, the figure and where it was published. */
const FigureForm: FC<FormProps & { action: string; submit: MessageKey }> = (props) => {
  const { ctx, id, values, problems, action, submit } = props;
  const listed = FIGURE_FORM_FIELDS.filter((field) => problems[field]);
  const choice = values.counts;
  // The answer to a refused save opens at the form, where its problems are.
  return (
    <form method="post" action={`${href(ctx, action)}#figure-${id}`} class="figure-form">
      <CsrfField ctx={ctx} />
      {listed.length ? (
        <div class="problem-summary" role="alert" tabindex={-1}>
          <h3>{t(ctx.lang, 'figures.problemsTitle')}</h3>
          <ul>
            {listed.map((field) => (
              <li>
                <a href={`#${fieldId(id, field)}`}>{problems[field]}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div class="fields">
        <Field {...props} field="publisher" hint="figures.hint.publisher" control={(a) => <input {...a} type="text" value={values.publisher} maxlength={FIGURE_LIMITS.publisher} required />} />
        <Field
          {...props}
          field="publishedOn"
          hint="figures.hint.publishedOn"
          control={(a) => <input {...a} type="date" value={values.publishedOn} min={`${EARLIEST_YEAR}-01-01`} max={today()} required />}
        />
        <Field
          {...props}
          field="counts"
          hint="figures.hint.counts"
          control={(a) => (
            <select {...a}>
              <option value="total" selected={choice === 'total'}>
                {t(ctx.lang, 'figures.option.total')}
              </option>
              <optgroup label={t(ctx.lang, 'figures.option.kinds')}>
                {FIGURE_KINDS.map((kind) => (
                  <option value={`kind:${kind}`} selected={choice === `kind:${kind}`}>
                    {t(ctx.lang, `kinds.${kind}`)}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t(ctx.lang, 'figures.option.countries')}>
                {countriesFor(ctx.lang).map((country) => (
                  <option value={`country:${country.code}`} selected={choice === `country:${country.code}`}>
                    {country.name}
                  </option>
                ))}
              </optgroup>
            </select>
          )}
        />
        <Field {...props} field="value" hint="figures.hint.value" control={(a) => <input {...a} type="text" inputmode="numeric" value={values.value} required />} />
      </div>
      <Field
        {...props}
        field="citation"
        hint="figures.hint.citation"
        control={(a) => (
          <textarea {...a} rows={4} maxlength={FIGURE_LIMITS.citation} required>
            {values.citation}
          </textarea>
        )}
      />
      <button type="submit">{t(ctx.lang, submit)}</button>
    </form>
  );
};

/** A figure's form as it came back from a refused save: what was typed and why it was refused. */
export interface FigureEditing {
  id: number | 'new';
  values: FigureFormValues;
  problems: FigureFormProblems;
}

/** The coordinators' page of published figures: a form per figure, its delete button, and a form to add one. */
export const FiguresPage: FC<{
  ctx: PageContext;
  figures: { figure: PublishedFigure; values: FigureFormValues; beside: RegisterBeside | undefined }[];
  editing: FigureEditing | undefined;
  blank: FigureFormValues;
  notice: string | undefined;
}> = ({ ctx, figures, editing, blank, notice }) => {
  const formOf = (id: number | 'new', stored: FigureFormValues) =>
    editing?.id === id ? { values: editing.values, problems: editing.problems } : { values: stored, problems: {} };
  return (
    <Layout ctx={ctx} title={t(ctx.lang, 'figures.title')} section="statistics">
      <p class="breadcrumb">
        <a href={href(ctx, '/statistics')}>{t(ctx.lang, 'figures.back')}</a>
      </p>
      <h1>{t(ctx.lang, 'figures.title')}</h1>
      <p class="lead prose">{t(ctx.lang, 'figures.lead')}</p>
      {notice ? (
        <p class="note success" role="status">
          {notice}
        </p>
      ) : null}
      {figures.length === 0 ? <p>{t(ctx.lang, 'figures.none')}</p> : null}
      {figures.map(({ figure, values, beside }) => {
        const heading = t(ctx.lang, 'figures.heading', { counts: countsName(ctx.lang, figure), publisher: figure.publisher, date: day(ctx.lang, figure.publishedOn) });
        return (
          <section class="figure-card" id={`figure-${figure.id}`} aria-labelledby={`figure-${figure.id}-title`}>
            <h2 id={`figure-${figure.id}-title`}>{heading}</h2>
            <p class="muted">
              {beside ? (
                <>
                  {t(ctx.lang, 'figures.besideRegister', { register: registerText(ctx.lang, beside), verdict: verdictText(ctx.lang, beside) })}
                  <br />
                </>
              ) : null}
              {t(ctx.lang, 'figures.updated', { date: formatJapanTime(ctx.lang, figure.updatedAt) })}
            </p>
            <FigureForm ctx={ctx} id={figure.id} {...formOf(figure.id, values)} action={`/statistics/figures/${figure.id}`} submit="figures.save" />
            <form method="post" action={href(ctx, `/statistics/figures/${figure.id}/delete`)} class="delete-form">
              <CsrfField ctx={ctx} />
              <button type="submit" class="button secondary">
                {t(ctx.lang, 'figures.delete')}
                <span class="visually-hidden"> {t(ctx.lang, 'figures.deleteOf', { name: heading })}</span>
              </button>
            </form>
          </section>
        );
      })}
      <section class="figure-card new-figure" id="figure-new" aria-labelledby="figure-new-title">
        <h2 id="figure-new-title">{t(ctx.lang, 'figures.new')}</h2>
        <FigureForm ctx={ctx} id="new" {...formOf('new', blank)} action="/statistics/figures" submit="figures.add" />
      </section>
    </Layout>
  );
};
