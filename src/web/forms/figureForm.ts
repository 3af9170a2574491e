import { FIGURE_SCOPES, type FigureScope } from '../../domain/publishedFigures.js';
import type { Lang } from '../../i18n/index.js';
import { figureProblemText, type FigureError, type PublishedFigure, type PublishedFigureInput } from '../../services/publishedFigures.js';

/**
 * The form of a published figure. What the figure counts is one choice ("total", "country:US",
 * "kind:city") rather than a scope and a subject, so that the form cannot name a country for the
 * total; the service's problems with either land on that one field.
 */
export const FIGURE_FORM_FIELDS = ['publisher', 'publishedOn', 'counts', 'value', 'citation'] as const;
export type FigureFormField = (typeof FIGURE_FORM_FIELDS)[number];

/** The form as typed, every field as text. */
export type FigureFormValues = Record<FigureFormField, string>;

/** The form's problems, field by field, in the reader's language. */
export type FigureFormProblems = Partial<Record<FigureFormField, string>>;

export const EMPTY_FIGURE_FORM: FigureFormValues = { publisher: '', publishedOn: '', counts: 'total', value: '', citation: '' };

/** The choice of the counts field for a scope and a subject. */
export const countsChoice = (scope: FigureScope, subject: string): string => (scope === 'total' ? 'total' : `${scope}:${subject}`);

/** A figure as its form shows it. */
export function figureFormValues(figure: PublishedFigure): FigureFormValues {
  return {
    publisher: figure.publisher,
    publishedOn: figure.publishedOn,
    counts: countsChoice(figure.scope, figure.subject),
    value: String(figure.value),
    citation: figure.citation,
  };
}

type FormBody = Record<string, string | File | (string | File)[]>;

/** Reads the posted form: what was typed (to show it again), and the service's input. */
export function readFigureForm(body: FormBody): { values: FigureFormValues; input: PublishedFigureInput } {
  const text = (name: string): string => {
    const value = body[name];
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === 'string' ? first : '';
  };
  const values = Object.fromEntries(FIGURE_FORM_FIELDS.map((field) => [field, text(field)])) as FigureFormValues;
  const [scope = '', ...rest] = values.counts.split(':');
  return {
    values,
    input: {
      publisher: values.publisher,
      publishedOn: values.publishedOn,
      // An unknown choice reaches the service as an unknown scope, which it refuses by name.
      scope: ((FIGURE_SCOPES as readonly string[]).includes(scope) ? scope : values.counts) as FigureScope,
      subject: rest.join(':'),
      value: values.value,
      citation: values.citation,
    },
  };
}

/** The service's refusal as the form's problems, in the language. */
export function figureFormProblems(lang: Lang, error: FigureError): FigureFormProblems {
  const problems: FigureFormProblems = {};
  for (const reason of error.reasons) {
    const field: FigureFormField = reason.field === 'scope' || reason.field === 'subject' ? 'counts' : reason.field;
    problems[field] ??= figureProblemText(lang, reason);
  }
  return problems;
}
