import type { Context, Hono } from 'hono';
import type { Db } from '../../db/client.js';
import type { VitalityThresholds } from '../../domain/vitality.js';
import { KizunaError, type FieldProblem } from '../../errors.js';
import { formatPartial, lgName, t } from '../../i18n/index.js';
import { deleteExchange, exchangesInOrder, getExchange, recordExchange, updateExchange } from '../../services/exchanges.js';
import { getRelationship, today, type Relationship } from '../../services/registry.js';
import type { ExchangeInput } from '../../services/inputs.js';
import { recordRenewal } from '../../services/terms.js';
import { csvResponse } from '../downloads.js';
import { EMPTY_EXCHANGE_FORM, exchangeFormField, exchangeFormValues, readExchangeForm, readRenewalForm, type ExchangeFormValues, type RenewalFormValues } from '../forms/exchangeForm.js';
import { pageContext } from '../pageContext.js';
import { directionText } from '../pages/exchanges.js';
import { ExchangeFormPage, RenewalFormPage } from '../pages/exchanges.js';
import { href } from '../pages/layout.js';
import type { KizunaEnv } from '../session.js';
import { admit, currentPath } from './access.js';

const RELATIONSHIP = '/relationships/:id{[0-9]{1,9}}';

/**
 * The exchange log's pages: the forms to record or correct an exchange and to record a renewal
 * (officers of either party and coordinators), deleting an exchange, and the log as CSV
 * (everyone). A save that succeeds goes back to the relationship's page saying what was done; a
 * refused one shows the form again with what was typed and each problem beside its field.
 */
export function registerExchangePages(pages: Hono<KizunaEnv>, db: Db, thresholds: VitalityThresholds): void {
  const relationshipOf = (c: Context<KizunaEnv>) => getRelationship(db, Number(c.req.param('id')), { today: today(), thresholds });
  /** The signed-in account when it may record for the relationship; otherwise the answer that says why. */
  const writer = async (c: Context<KizunaEnv>, relationship: Relationship, back: string) =>
    admit(c, { do: 'relationship.write', parties: [relationship.parties[0].id, relationship.parties[1].id] }, back);

  /** Runs a save; a refusal the form can show (a rule, a conflict) comes back as problems. */
  async function saving(save: () => Promise<unknown>): Promise<FieldProblem[] | undefined> {
    try {
      await save();
      return undefined;
    } catch (error) {
      if (error instanceof KizunaError && (error.id === 'validation_failed' || error.id === 'conflict')) {
        return error.problems.length ? error.problems : [{ field: 'relationship', message: error.message }];
      }
      throw error;
    }
  }

  const exchangeForm = (c: Context<KizunaEnv>, relationship: Relationship, values: ExchangeFormValues, problems: FieldProblem[], status: 200 | 409 | 422 = 200, exchangeId?: number) =>
    c.html(<ExchangeFormPage ctx={pageContext(c)} relationship={relationship} values={values} problems={problems} exchangeId={exchangeId} />, status);

  /** Reads the posted form and saves it; the form again with its problems when refused, else back to the relationship saying what was done. */
  async function savingExchangeForm(c: Context<KizunaEnv>, relationship: Relationship, save: (input: ExchangeInput) => Promise<unknown>, done: string, exchangeId?: number) {
    const form = readExchangeForm(await c.req.parseBody());
    if (!form.input) return exchangeForm(c, relationship, form.values, form.problems, 422, exchangeId);
    const problems = await saving(() => save(form.input!));
    if (problems) {
      const conflict = problems.some((problem) => problem.field === 'relationship');
      return exchangeForm(c, relationship, form.values, problems.map((problem) => ({ ...problem, field: exchangeFormField(problem.field) })), conflict ? 409 : 422, exchangeId);
    }
    return c.redirect(href(pageContext(c), `${relationship.url}?done=${done}#exchanges`), 303);
  }

  pages.get(`${RELATIONSHIP}/exchanges/new`, async (c) => {
    const relationship = await relationshipOf(c);
    const actor = await writer(c, relationship, currentPath(c));
    if (actor instanceof Response) return actor;
    return exchangeForm(c, relationship, EMPTY_EXCHANGE_FORM, []);
  });

  pages.post(`${RELATIONSHIP}/exchanges`, async (c) => {
    const ctx = pageContext(c);
    const relationship = await relationshipOf(c);
    const actor = await writer(c, relationship, href(ctx, `${relationship.url}/exchanges/new`));
    if (actor instanceof Response) return actor;
    return savingExchangeForm(c, relationship, (input) => recordExchange(db, actor, relationship.id, input), 'recorded');
  });

  pages.get(`${RELATIONSHIP}/exchanges/:exchangeId{[0-9]{1,9}}/edit`, async (c) => {
    const relationship = await relationshipOf(c);
    const actor = await writer(c, relationship, currentPath(c));
    if (actor instanceof Response) return actor;
    const exchangeId = Number(c.req.param('exchangeId'));
    return exchangeForm(c, relationship, exchangeFormValues(await getExchange(db, relationship.id, exchangeId)), [], 200, exchangeId);
  });

  pages.post(`${RELATIONSHIP}/exchanges/:exchangeId{[0-9]{1,9}}`, async (c) => {
    const ctx = pageContext(c);
    const relationship = await relationshipOf(c);
    const exchangeId = Number(c.req.param('exchangeId'));
    const actor = await writer(c, relationship, href(ctx, `${relationship.url}/exchanges/${exchangeId}/edit`));
    if (actor instanceof Response) return actor;
    await getExchange(db, relationship.id, exchangeId); // a 404 for an exchange of another relationship, before the form is read
    return savingExchangeForm(c, relationship, (input) => updateExchange(db, actor, relationship.id, exchangeId, input), 'updated', exchangeId);
  });

  pages.post(`${RELATIONSHIP}/exchanges/:exchangeId{[0-9]{1,9}}/delete`, async (c) => {
    const ctx = pageContext(c);
    const relationship = await relationshipOf(c);
    const actor = await writer(c, relationship, href(ctx, relationship.url));
    if (actor instanceof Response) return actor;
    await deleteExchange(db, actor, relationship.id, Number(c.req.param('exchangeId')));
    return c.redirect(href(ctx, `${relationship.url}?done=deleted#exchanges`), 303);
  });

  const renewalForm = (c: Context<KizunaEnv>, relationship: Relationship, values: RenewalFormValues, problems: FieldProblem[], status: 200 | 409 | 422 = 200) =>
    c.html(<RenewalFormPage ctx={pageContext(c)} relationship={relationship} values={values} problems={problems} />, status);

  pages.get(`${RELATIONSHIP}/renewals/new`, async (c) => {
    const relationship = await relationshipOf(c);
    const actor = await writer(c, relationship, currentPath(c));
    if (actor instanceof Response) return actor;
    return renewalForm(c, relationship, { renewedOn: '', newEnd: '' }, []);
  });

  pages.post(`${RELATIONSHIP}/renewals`, async (c) => {
    const ctx = pageContext(c);
    const relationship = await relationshipOf(c);
    const actor = await writer(c, relationship, href(ctx, `${relationship.url}/renewals/new`));
    if (actor instanceof Response) return actor;
    const form = readRenewalForm(await c.req.parseBody());
    if (!form.input) return renewalForm(c, relationship, form.values, form.problems, 422);
    const problems = await saving(() => recordRenewal(db, actor, relationship.id, form.input!));
    if (problems) return renewalForm(c, relationship, form.values, problems, problems.some((problem) => problem.field === 'relationship' || problem.field === 'fixedTermEnd') ? 409 : 422);
    return c.redirect(href(ctx, `${relationship.url}?done=renewed`), 303);
  });

  pages.get(`${RELATIONSHIP}/exchanges.csv`, async (c) => {
    const { lang } = pageContext(c);
    const relationship = await relationshipOf(c);
    const exchanges = await exchangesInOrder(db, relationship.id);
    const party = (id: number | null) => relationship.parties.find((candidate) => candidate.id === id);
    return csvResponse(
      `kizuna-relationship-${relationship.id}-exchanges.csv`,
      [
        t(lang, 'exchanges.csv.startedOn'),
        t(lang, 'exchanges.csv.endedOn'),
        t(lang, 'exchanges.log.kind'),
        t(lang, 'exchanges.log.direction'),
        t(lang, 'exchanges.csv.visitor'),
        t(lang, 'exchanges.log.participants'),
        t(lang, 'exchanges.csv.descriptionEn'),
        t(lang, 'exchanges.csv.descriptionJa'),
        t(lang, 'exchanges.log.links'),
        t(lang, 'exchanges.csv.recordedBy'),
      ],
      exchanges.map((exchange) => {
        const visitor = party(exchange.visitorId);
        return [
          exchange.startedOn,
          exchange.endedOn ?? '',
          t(lang, `exchanges.kind.${exchange.kind}`),
          directionText(lang, exchange, relationship.parties),
          visitor ? lgName(lang, visitor) : '',
          exchange.participants,
          exchange.description.en,
          exchange.description.ja,
          exchange.links.map((link) => `${link.label} <${link.url}>`).join('\n'),
          exchange.recordedBy ?? '',
        ];
      }),
    );
  });
}

/** What the relationship's page says after a change, by the `done` of its address. */
export function relationshipDoneNotice(c: Context<KizunaEnv>, relationship: Relationship): string | undefined {
  const { lang } = pageContext(c);
  switch (c.req.query('done')) {
    case 'recorded':
      return t(lang, 'exchanges.done.recorded');
    case 'deleted':
      return t(lang, 'exchanges.done.deleted');
    case 'updated':
      return t(lang, 'exchanges.done.updated');
    case 'renewed':
      return relationship.fixedTermEnd ? t(lang, 'exchanges.done.renewed', { date: formatPartial(lang, relationship.fixedTermEnd) }) : undefined;
    default:
      return undefined;
  }
}
