import type { Context, Hono } from 'hono';
import type { Db } from '../../db/client.js';
import { decide } from '../../domain/authorization.js';
import { COMMENDATION_AWARDS, type CommendationAward } from '../../domain/commendations.js';
import { KizunaError, type FieldProblem } from '../../errors.js';
import { t, type Lang } from '../../i18n/index.js';
import { deleteCommendation, getCommendation, listCommendations, commendationYears, recordCommendation, updateCommendation, type Commendation, type CommendationFilter } from '../../services/commendations.js';
import { csvResponse } from '../downloads.js';
import { lgPickerState, searchAsked } from '../forms/lgPicker.js';
import { commendationFormField, readCommendationForm, type CommendationFormValues } from '../forms/newsForms.js';
import { pageContext } from '../pageContext.js';
import { awardName, CommendationFormPage, CommendationsIndexPage, CommendationYearPage, inLanguage } from '../pages/commendations.js';
import { href } from '../pages/layout.js';
import type { KizunaEnv } from '../session.js';
import { admit, currentPath } from './access.js';

const AWARD = `:award{${COMMENDATION_AWARDS.join('|')}}`;
const COMMENDATION = '/commendations/:id{[0-9]{1,9}}';

const EMPTY_FORM: CommendationFormValues = {
  award: COMMENDATION_AWARDS[0],
  year: '',
  localGovernmentIds: [],
  organisationEn: '',
  organisationJa: '',
  categoryEn: '',
  categoryJa: '',
  citationEn: '',
  citationJa: '',
  relationshipIds: '',
  exchangeIds: '',
  lgQuery: '',
  lgFind: false,
};

/** A commendation as its form shows it for correcting. */
const formOf = (commendation: Commendation): CommendationFormValues => ({
  ...EMPTY_FORM,
  award: commendation.award,
  year: String(commendation.year),
  localGovernmentIds: commendation.localGovernment ? [commendation.localGovernment.id] : [],
  organisationEn: commendation.organisation.en,
  organisationJa: commendation.organisation.ja,
  categoryEn: commendation.category.en,
  categoryJa: commendation.category.ja,
  citationEn: commendation.citation.en,
  citationJa: commendation.citation.ja,
  relationshipIds: commendation.relationships.map((relationship) => relationship.id).join(', '),
  exchangeIds: commendation.exchanges.map((exchange) => exchange.id).join(', '),
});

/** Commendations as CSV rows, in the reader's language with both languages' texts. */
function commendationsCsv(lang: Lang, filename: string, commendations: Commendation[]): Response {
  return csvResponse(
    filename,
    ['award', 'year', 'localGovernmentId', 'recipient', 'country', 'categoryEn', 'categoryJa', 'citationEn', 'citationJa', 'relationshipIds', 'exchangeIds'].map((column) => t(lang, `commendations.csv.${column}` as never)),
    commendations.map((commendation) => [
      awardName(lang, commendation.award),
      commendation.year,
      commendation.localGovernment?.id ?? '',
      commendation.localGovernment ? (lang === 'ja' ? (commendation.localGovernment.name.ja ?? commendation.localGovernment.name.en) : commendation.localGovernment.name.en) : inLanguage(lang, commendation.organisation),
      commendation.localGovernment?.country ?? '',
      commendation.category.en,
      commendation.category.ja,
      commendation.citation.en,
      commendation.citation.ja,
      commendation.relationships.map((relationship) => relationship.id).join(' '),
      commendation.exchanges.map((exchange) => exchange.id).join(' '),
    ]),
  );
}

/**
 * The commendations' pages: the awards and their years, a page per award and year (and its CSV),
 * the CSV of all, and the form coordinators record, correct and delete them with.
 */
export function registerCommendationPages(pages: Hono<KizunaEnv>, db: Db): void {
  const canWrite = (c: Context<KizunaEnv>) => decide(c.get('actor'), { do: 'commendation.write' }).allowed;

  pages.get('/commendations', async (c) => {
    const ctx = pageContext(c);
    const done = c.req.query('done');
    return c.html(
      <CommendationsIndexPage ctx={ctx} years={await commendationYears(db)} canWrite={canWrite(c)} done={done === 'deleted' ? t(ctx.lang, 'commendations.done.deleted') : undefined} />,
    );
  });
  pages.get('/commendations.csv', async (c) => commendationsCsv(pageContext(c).lang, 'kizuna-commendations.csv', await listCommendations(db)));
  pages.get(`/commendations/${AWARD}/:year{[0-9]{4}}`, async (c) => {
    const award = c.req.param('award') as CommendationAward;
    const year = Number(c.req.param('year'));
    return c.html(<CommendationYearPage ctx={pageContext(c)} award={award} year={year} commendations={await listCommendations(db, { award, year })} canWrite={canWrite(c)} />);
  });
  pages.get(`/commendations/${AWARD}/:file{[0-9]{4}\\.csv}`, async (c) => {
    const filter: CommendationFilter = { award: c.req.param('award') as CommendationAward, year: Number(c.req.param('file').slice(0, 4)) };
    return commendationsCsv(pageContext(c).lang, `kizuna-commendations-${filter.award}-${filter.year}.csv`, await listCommendations(db, filter));
  });

  /** Shows the form again with what was typed, the picker's matches when asked for, and the problems. */
  const form = async (c: Context<KizunaEnv>, action: string, values: CommendationFormValues, problems: FieldProblem[], editing: boolean, status: 200 | 409 | 422 = 200) => {
    const ctx = pageContext(c);
    const picker = await lgPickerState(db, ctx.lang, { ids: values.localGovernmentIds, lgQuery: values.lgQuery, lgFind: values.lgFind });
    return c.html(<CommendationFormPage ctx={ctx} action={action} values={values} picker={picker} problems={problems} editing={editing} />, status);
  };

  /** Saves the posted form with the service; a refusal comes back beside its fields. */
  const save = async (c: Context<KizunaEnv>, action: string, editing: boolean, write: (input: NonNullable<ReturnType<typeof readCommendationForm>['input']>) => Promise<Commendation>) => {
    const ctx = pageContext(c);
    const sent = readCommendationForm(await c.req.parseBody({ all: true }));
    if (searchAsked(sent.values)) return form(c, action, sent.values, [], editing);
    if (!sent.input) return form(c, action, sent.values, sent.problems, editing, 422);
    try {
      const saved = await write(sent.input);
      return c.redirect(href(ctx, saved.url), 303);
    } catch (error) {
      if (error instanceof KizunaError && (error.id === 'validation_failed' || error.id === 'conflict')) {
        const problems = error.problems.map((problem) => ({ ...problem, field: commendationFormField(problem.field) }));
        return form(c, action, sent.values, problems, editing, error.id === 'conflict' ? 409 : 422);
      }
      throw error;
    }
  };

  pages.get('/commendations/new', async (c) => {
    const actor = await admit(c, { do: 'commendation.write' }, currentPath(c));
    if (actor instanceof Response) return actor;
    return form(c, '/commendations', EMPTY_FORM, [], false);
  });
  pages.post('/commendations', async (c) => {
    const actor = await admit(c, { do: 'commendation.write' }, href(pageContext(c), '/commendations/new'));
    if (actor instanceof Response) return actor;
    return save(c, '/commendations', false, (input) => recordCommendation(db, actor, input));
  });
  pages.get(`${COMMENDATION}/edit`, async (c) => {
    const actor = await admit(c, { do: 'commendation.write' }, currentPath(c));
    if (actor instanceof Response) return actor;
    const commendation = await getCommendation(db, Number(c.req.param('id')));
    return form(c, `/commendations/${commendation.id}`, formOf(commendation), [], true);
  });
  pages.post(COMMENDATION, async (c) => {
    const id = Number(c.req.param('id'));
    const actor = await admit(c, { do: 'commendation.write' }, href(pageContext(c), `/commendations/${id}/edit`));
    if (actor instanceof Response) return actor;
    return save(c, `/commendations/${id}`, true, (input) => updateCommendation(db, actor, id, input));
  });
  pages.post(`${COMMENDATION}/delete`, async (c) => {
    const ctx = pageContext(c);
    const actor = await admit(c, { do: 'commendation.write' }, href(ctx, '/commendations'));
    if (actor instanceof Response) return actor;
    await deleteCommendation(db, actor, Number(c.req.param('id')));
    return c.redirect(href(ctx, '/commendations?done=deleted'), 303);
  });
}
