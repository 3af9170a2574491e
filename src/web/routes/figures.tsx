import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Db } from '../../db/client.js';
import type { Action } from '../../domain/authorization.js';
import { t } from '../../i18n/index.js';
import {
  createPublishedFigure,
  deletePublishedFigure,
  FigureError,
  listPublishedFigures,
  updatePublishedFigure,
  type PublishedFigure,
} from '../../services/publishedFigures.js';
import { publishedComparisons } from '../../services/stats.js';
import { pageContext } from '../pageContext.js';
import { EMPTY_FIGURE_FORM, figureFormProblems, figureFormValues, readFigureForm } from '../forms/figureForm.js';
import { FiguresPage, type FigureEditing } from '../pages/figures.js';
import { href } from '../pages/layout.js';
import type { KizunaEnv } from '../session.js';
import { admit, currentPath, type AccountActor } from './access.js';

const EDIT_FIGURES: Action = { do: 'figures.edit' };

/** What the page says after a change, by the `done` of its address. */
const DONE = { added: 'figures.added', saved: 'figures.saved', deleted: 'figures.deleted' } as const;

/**
 * The coordinators' page of published figures (/statistics/figures): a form per figure to correct
 * it, a button to delete it, and a form to add one. A save that succeeds goes back to the page
 * (POST, then redirect); a refused one shows the form again with what was typed and each problem.
 */
export function registerFigurePages(pages: Hono<KizunaEnv>, db: Db): void {
  const render = async (c: Context<KizunaEnv>, shown: { status?: ContentfulStatusCode; editing?: FigureEditing } = {}) => {
    const ctx = pageContext(c);
    const [figures, comparisons] = await Promise.all([listPublishedFigures(db), publishedComparisons(db)]);
    const done = c.req.query('done');
    // Object.hasOwn, not `in`: ?done=constructor names no notice.
    const notice = shown.editing === undefined && done && Object.hasOwn(DONE, done) ? t(ctx.lang, DONE[done as keyof typeof DONE]) : undefined;
    return c.html(
      <FiguresPage
        ctx={ctx}
        figures={figures.map((figure) => ({ figure, values: figureFormValues(figure), beside: comparisons.find((comparison) => comparison.id === figure.id)?.register }))}
        editing={shown.editing}
        blank={EMPTY_FIGURE_FORM}
        notice={notice}
      />,
      shown.status ?? 200,
    );
  };

  /** Saves, then goes back to the page at the figure; a refusal shows the form again with its problems. */
  const save = async (c: Context<KizunaEnv>, id: number | 'new', write: (actor: AccountActor, input: ReturnType<typeof readFigureForm>['input']) => Promise<PublishedFigure>) => {
    const ctx = pageContext(c);
    const actor = await admit(c, EDIT_FIGURES, href(ctx, '/statistics/figures'));
    if (actor instanceof Response) return actor;
    const form = readFigureForm(await c.req.parseBody());
    try {
      const figure = await write(actor, form.input);
      return c.redirect(href(ctx, `/statistics/figures?done=${id === 'new' ? 'added' : 'saved'}#figure-${figure.id}`), 303);
    } catch (error) {
      if (!(error instanceof FigureError)) throw error;
      return render(c, { status: error.status, editing: { id, values: form.values, problems: figureFormProblems(ctx.lang, error) } });
    }
  };

  pages.get('/statistics/figures', async (c) => {
    const actor = await admit(c, EDIT_FIGURES, currentPath(c));
    return actor instanceof Response ? actor : render(c);
  });

  pages.post('/statistics/figures', (c) => save(c, 'new', (actor, input) => createPublishedFigure(db, actor, input)));

  pages.post('/statistics/figures/:id{[0-9]{1,9}}', (c) => {
    const id = Number(c.req.param('id'));
    return save(c, id, (actor, input) => updatePublishedFigure(db, actor, id, input));
  });

  pages.post('/statistics/figures/:id{[0-9]{1,9}}/delete', async (c) => {
    const ctx = pageContext(c);
    const actor = await admit(c, EDIT_FIGURES, href(ctx, '/statistics/figures'));
    if (actor instanceof Response) return actor;
    await deletePublishedFigure(db, actor, Number(c.req.param('id')));
    return c.redirect(href(ctx, '/statistics/figures?done=deleted'), 303);
  });
}
