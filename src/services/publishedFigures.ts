import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { meta, publishedFigures } from '../db/schema.js';
import { FIGURE_SEEDS, type FigureSeed } from '../content/publishedFigures.js';
import { accountIdOf, authorize, type Actor } from '../domain/authorization.js';
import { FIGURE_KINDS, FIGURE_SCOPES, type FigureScope } from '../domain/publishedFigures.js';
import { EARLIEST_YEAR, parsePartialDate } from '../domain/relationships.js';
import { CodedProblemsError, notFound, refusingDuplicates, type ErrorId } from '../errors.js';
import { formatNumber, t, type Lang } from '../i18n/index.js';
import { loadCountries } from '../reference/countries.js';
import { writeAudit } from './audit.js';
import type { ProgressReporter } from './bootstrap.js';
import { today } from './registry.js';

/**
 * Figures published elsewhere, kept in the register so that the statistics can set the register's
 * own figures beside them. Everyone reads them; coordinators and administrators add, correct and
 * delete them, each change audited.
 */

/** A published figure as pages and the API show it. */
export interface PublishedFigure extends FigureSeed {
  id: number;
  updatedAt: string;
}

/** Every problem a figure's input can have; the words are the catalogue's `figures.problem.<code>`. */
export const FIGURE_PROBLEM_CODES = [
  'publisher-required',
  'publisher-too-long',
  'published-on-required',
  'published-on-not-a-day',
  'published-on-too-early',
  'published-on-future',
  'scope-unknown',
  'country-unknown',
  'country-japan',
  'kind-unknown',
  'value-required',
  'value-not-whole',
  'value-negative',
  'value-too-large',
  'citation-required',
  'citation-too-long',
  'figure-taken',
] as const;
export type FigureProblemCode = (typeof FIGURE_PROBLEM_CODES)[number];

/** One problem of a figure's input: the field at fault and what is wrong, by its code. */
export interface FigureProblem {
  field: 'publisher' | 'publishedOn' | 'scope' | 'subject' | 'value' | 'citation';
  code: FigureProblemCode;
}

export const FIGURE_LIMITS = { publisher: 100, citation: 1000, value: 1_000_000 } as const;

/** A figure's problem in a language. */
export const figureProblemText = (lang: Lang, problem: FigureProblem): string =>
  t(lang, `figures.problem.${problem.code}`, {
    max: formatNumber(lang, problem.field === 'publisher' ? FIGURE_LIMITS.publisher : problem.field === 'citation' ? FIGURE_LIMITS.citation : FIGURE_LIMITS.value),
    earliest: `${EARLIEST_YEAR}-01-01`,
  });

/**
 * A refusal of a figure's input: the problems by code (which pages put into the reader's language),
 * and in English for the log and any other caller.
 */
export class FigureError extends CodedProblemsError<FigureProblem> {
  constructor(reasons: FigureProblem[], id: ErrorId = 'validation_failed') {
    super(reasons, (reason) => figureProblemText('en', reason), id);
  }
}

let countryCodes: Set<string> | undefined;
const knownCountry = (code: string) => (countryCodes ??= new Set(loadCountries().map((country) => country.code))).has(code);

const problem = (code: FigureProblemCode) => ({ error: code });

/** The subject as stored: none for the total, a country's code in capitals, a kind as it is. */
const subjectOf = (scope: FigureScope, subject: string): string => (scope === 'total' ? '' : scope === 'country' ? subject.trim().toUpperCase() : subject.trim());

/** What is wrong with the subject for the scope, if anything (nothing when the scope itself is wrong). */
function subjectProblem(scope: unknown, subject: unknown): FigureProblemCode | undefined {
  if (!(FIGURE_SCOPES as readonly unknown[]).includes(scope) || scope === 'total') return undefined;
  const given = subjectOf(scope as FigureScope, typeof subject === 'string' ? subject : '');
  if (scope === 'kind') return (FIGURE_KINDS as readonly string[]).includes(given) ? undefined : 'kind-unknown';
  if (given === 'JP') return 'country-japan';
  return knownCountry(given) ? undefined : 'country-unknown';
}

/** A whole number as people type it: "1751", "1,751", "1 751", full-width digits too. */
const wholeNumber = z
  .union([z.number(), z.string()], problem('value-required'))
  .transform((typed, context) => {
    if (typeof typed === 'number') return typed;
    const text = typed.normalize('NFKC').trim();
    const fail = (code: FigureProblemCode) => {
      context.addIssue({ code: 'custom', message: code });
      return z.NEVER;
    };
    if (!text) return fail('value-required');
    if (/^[-−]\s*\d/.test(text)) return fail('value-negative');
    if (!/^(\d{1,3}([,\s_]\d{3})+|\d+)$/.test(text)) return fail('value-not-whole');
    return Number(text.replace(/[,\s_]/g, ''));
  })
  .pipe(z.number().int(problem('value-not-whole')).min(0, problem('value-negative')).max(FIGURE_LIMITS.value, problem('value-too-large')));

/** A figure as a coordinator gives it: from the form, or from the seeds. */
export const PublishedFigureInput = z
  .object({
    publisher: z.string(problem('publisher-required')).trim().min(1, problem('publisher-required')).max(FIGURE_LIMITS.publisher, problem('publisher-too-long')),
    publishedOn: z
      .string(problem('published-on-required'))
      .trim()
      .min(1, problem('published-on-required'))
      .refine((text) => /^\d{4}-\d{2}-\d{2}$/.test(text) && typeof parsePartialDate(text) !== 'string', problem('published-on-not-a-day'))
      .refine((text) => text >= `${EARLIEST_YEAR}-01-01`, problem('published-on-too-early'))
      .refine((text) => text <= today(), problem('published-on-future')),
    scope: z.enum(FIGURE_SCOPES, problem('scope-unknown')),
    /** The country's code or the kind; ignored for the total. */
    subject: z.string().trim().default(''),
    value: wholeNumber,
    citation: z.string(problem('citation-required')).trim().min(1, problem('citation-required')).max(FIGURE_LIMITS.citation, problem('citation-too-long')),
  })
  // Checked even when another field is wrong, so that the form shows every problem at once.
  .superRefine(
    (figure, context) => {
      const wrong = subjectProblem(figure.scope, figure.subject);
      if (wrong) context.addIssue({ code: 'custom', message: wrong, path: ['subject'] });
    },
    { when: () => true },
  )
  .transform((figure) => ({ ...figure, subject: subjectOf(figure.scope, figure.subject) }));
export type PublishedFigureInput = z.input<typeof PublishedFigureInput>;
type FigureValues = z.output<typeof PublishedFigureInput>;

/** The input checked, or a FigureError naming the first problem of each field. */
export function checkFigureInput(input: unknown): FigureValues {
  const parsed = PublishedFigureInput.safeParse(input);
  if (parsed.success) return parsed.data;
  const reasons: FigureProblem[] = [];
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'publisher') as FigureProblem['field'];
    const code = (FIGURE_PROBLEM_CODES as readonly string[]).includes(issue.message) ? (issue.message as FigureProblemCode) : codeForField(field);
    if (!reasons.some((reason) => reason.field === field)) reasons.push({ field, code });
  }
  throw new FigureError(reasons);
}

/** A field's plainest problem, for an issue zod words itself (a value of the wrong type). */
function codeForField(field: FigureProblem['field']): FigureProblemCode {
  const codes: Record<FigureProblem['field'], FigureProblemCode> = {
    publisher: 'publisher-required',
    publishedOn: 'published-on-required',
    scope: 'scope-unknown',
    subject: 'country-unknown',
    value: 'value-required',
    citation: 'citation-required',
  };
  return codes[field];
}

type Row = typeof publishedFigures.$inferSelect;

function present(row: Row): PublishedFigure {
  return {
    id: row.id,
    publisher: row.publisher,
    publishedOn: row.publishedOn,
    scope: row.scope,
    subject: row.subject,
    value: row.value,
    citation: row.citation,
    updatedAt: row.updatedAt.toISOString(),
  };
}

const SCOPE_ORDER: Record<FigureScope, number> = { total: 0, country: 1, kind: 2 };
const kindOrder = (figure: PublishedFigure) => (figure.scope === 'kind' ? (FIGURE_KINDS as readonly string[]).indexOf(figure.subject) : 0);

/** Every published figure: the latest day first, then the total, countries, and kinds in the order the statistics show them. */
export async function listPublishedFigures(db: Db): Promise<PublishedFigure[]> {
  const rows = await db.select().from(publishedFigures);
  return rows
    .map(present)
    .sort(
      (a, b) =>
        b.publishedOn.localeCompare(a.publishedOn) ||
        SCOPE_ORDER[a.scope] - SCOPE_ORDER[b.scope] ||
        kindOrder(a) - kindOrder(b) ||
        a.subject.localeCompare(b.subject) ||
        a.publisher.localeCompare(b.publisher) ||
        a.id - b.id,
    );
}

async function findRow(db: Db, id: number): Promise<Row> {
  const [row] = await db.select().from(publishedFigures).where(eq(publishedFigures.id, id));
  if (!row) throw notFound(`Published figure ${id}`);
  return row;
}

/** The refusal when another figure of the publisher counts the same thing on the same day. */
const taken = () => new FigureError([{ field: 'scope', code: 'figure-taken' }], 'conflict');

async function refuseTaken(db: Db, values: FigureValues, except: number | null): Promise<void> {
  const same = and(
    eq(publishedFigures.publisher, values.publisher),
    eq(publishedFigures.publishedOn, values.publishedOn),
    eq(publishedFigures.scope, values.scope),
    eq(publishedFigures.subject, values.subject),
    except === null ? undefined : ne(publishedFigures.id, except),
  );
  const [found] = await db.select({ id: publishedFigures.id }).from(publishedFigures).where(same).limit(1);
  if (found) throw taken();
}

/** Adds a figure; refused when the same publisher has one for the same thing on the same day. */
export async function createPublishedFigure(db: Db, actor: Actor, input: PublishedFigureInput): Promise<PublishedFigure> {
  authorize(actor, { do: 'figures.edit' });
  const values = checkFigureInput(input);
  return db.transaction(async (tx) => {
    await refuseTaken(tx, values, null);
    const [row] = await refusingDuplicates(() => tx.insert(publishedFigures).values({ ...values, updatedBy: accountIdOf(actor) }).returning(), taken);
    const figure = present(row!);
    await writeAudit(tx, actor, { action: 'create', entity: 'published_figure', entityId: figure.id, before: null, after: figure });
    return figure;
  });
}

/** Corrects a figure: any of its fields, checked as when it was added. */
export async function updatePublishedFigure(db: Db, actor: Actor, id: number, input: PublishedFigureInput): Promise<PublishedFigure> {
  authorize(actor, { do: 'figures.edit' });
  const values = checkFigureInput(input);
  return db.transaction(async (tx) => {
    const before = present(await findRow(tx, id));
    await refuseTaken(tx, values, id);
    const [row] = await refusingDuplicates(
      () => tx.update(publishedFigures).set({ ...values, updatedBy: accountIdOf(actor), updatedAt: new Date() }).where(eq(publishedFigures.id, id)).returning(),
      taken,
    );
    const figure = present(row!);
    await writeAudit(tx, actor, { action: 'update', entity: 'published_figure', entityId: id, before, after: figure });
    return figure;
  });
}

/** Deletes a figure; the audit log keeps what it said. */
export async function deletePublishedFigure(db: Db, actor: Actor, id: number): Promise<PublishedFigure> {
  authorize(actor, { do: 'figures.edit' });
  return db.transaction(async (tx) => {
    const before = present(await findRow(tx, id));
    await tx.delete(publishedFigures).where(eq(publishedFigures.id, id));
    await writeAudit(tx, actor, { action: 'delete', entity: 'published_figure', entityId: id, before, after: null });
    return before;
  });
}

const LOADER: Actor = { kind: 'system', label: 'first start (published figures)' };
const SEEDED_KEY = 'published_figures_seeded';

/**
 * Loads the published figures of src/content/publishedFigures.ts, once: a database that has had
 * them never gets them again, so a figure a coordinator deleted or corrected stays so.
 */
export async function loadPublishedFigureSeeds(db: Db, say: ProgressReporter = () => {}): Promise<number> {
  const [loaded] = await db.select().from(meta).where(eq(meta.key, SEEDED_KEY));
  if (loaded) return 0;
  const figures = FIGURE_SEEDS.map((seed) => checkFigureInput(seed));
  const added = await db.transaction(async (tx) => {
    let count = 0;
    for (const values of figures) {
      const [row] = await tx.insert(publishedFigures).values(values).onConflictDoNothing().returning();
      if (!row) continue;
      count++;
      await writeAudit(tx, LOADER, { action: 'load-seed', entity: 'published_figure', entityId: row.id, before: null, after: present(row) });
    }
    await tx.insert(meta).values({ key: SEEDED_KEY, value: today() });
    return count;
  });
  say(`Published figures: ${added} loaded (CLAIR's counts of 2018 and 2019, to set beside the register's)`);
  return added;
}
