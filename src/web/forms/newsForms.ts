import { t, type Lang, type MessageKey } from '../../i18n/index.js';
import { problemsFromZod, type FieldProblem } from '../../errors.js';
import { checkNewsItem } from '../../domain/news.js';
import { CommendationInput, NewsInput } from '../../services/newsInputs.js';
import { chosenIds } from './lgPicker.js';

/** The commendation form as typed, to show again when refused. */
export interface CommendationFormValues {
  award: string;
  year: string;
  localGovernmentIds: number[];
  organisationEn: string;
  organisationJa: string;
  categoryEn: string;
  categoryJa: string;
  citationEn: string;
  citationJa: string;
  /** Ids separated by commas or spaces. */
  relationshipIds: string;
  exchangeIds: string;
  lgQuery: string;
  lgFind: boolean;
}

export type FormBody = Record<string, string | File | (string | File)[]>;

/** A text field of a posted form, trimmed; '' when absent. */
export const formText = (body: FormBody, name: string): string => {
  const value = body[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
};

/** Whole numbers typed in a line, separated by commas, spaces or 、; anything else is a problem of the field. */
export function idsTyped(text: string, field: string, problems: FieldProblem[]): number[] {
  const parts = text.split(/[\s,、]+/).filter(Boolean);
  if (parts.some((part) => !/^\d{1,9}$/.test(part))) problems.push({ field, message: 'write ids as whole numbers separated by commas' });
  return parts.filter((part) => /^\d{1,9}$/.test(part)).map(Number);
}

/** The form's field a problem of the input belongs to. */
export function commendationFormField(field: string): string {
  const [head = '', lang] = field.split('.');
  if (['organisation', 'category', 'citation'].includes(head)) return `${head}${lang === 'ja' ? 'Ja' : 'En'}`;
  return field.replace(/\[\d+\]$/, '');
}

/** Reads the posted commendation form: what was typed, and the input when the schema accepts it (else its problems, by form field). */
export function readCommendationForm(body: FormBody): { values: CommendationFormValues; input?: CommendationInput; problems: FieldProblem[] } {
  const values: CommendationFormValues = {
    award: formText(body, 'award'),
    year: formText(body, 'year'),
    localGovernmentIds: chosenIds(body.localGovernmentId),
    organisationEn: formText(body, 'organisationEn'),
    organisationJa: formText(body, 'organisationJa'),
    categoryEn: formText(body, 'categoryEn'),
    categoryJa: formText(body, 'categoryJa'),
    citationEn: formText(body, 'citationEn'),
    citationJa: formText(body, 'citationJa'),
    relationshipIds: formText(body, 'relationshipIds'),
    exchangeIds: formText(body, 'exchangeIds'),
    lgQuery: formText(body, 'lgQuery'),
    lgFind: body.lgFind !== undefined,
  };
  const problems: FieldProblem[] = [];
  const year = /^\d{1,4}$/.test(values.year.normalize('NFKC')) ? Number(values.year.normalize('NFKC')) : NaN;
  if (Number.isNaN(year)) problems.push({ field: 'year', message: 'write the year as a number, such as 2023' });
  const parsed = CommendationInput.safeParse({
    award: values.award,
    year: Number.isNaN(year) ? 0 : year,
    localGovernmentId: values.localGovernmentIds[0] ?? null,
    organisation: { en: values.organisationEn, ja: values.organisationJa },
    category: { en: values.categoryEn, ja: values.categoryJa },
    citation: { en: values.citationEn, ja: values.citationJa },
    relationshipIds: idsTyped(values.relationshipIds, 'relationshipIds', problems),
    exchangeIds: idsTyped(values.exchangeIds, 'exchangeIds', problems),
  });
  if (!parsed.success) {
    for (const problem of problemsFromZod(parsed.error)) {
      const field = commendationFormField(problem.field);
      if (!problems.some((known) => known.field === field)) problems.push({ field, message: problem.message });
    }
  }
  return problems.length || !parsed.success ? { values, problems } : { values, input: parsed.data, problems };
}

/**
 * A problem of the commendation, news or newsletter forms in the reader's language: the service's
 * own words in English; in Japanese, what the field needs (the catalogue's `news.problem.<field>`).
 */
export function newsProblemText(lang: Lang, problem: FieldProblem): string {
  if (lang === 'en') return problem.message.charAt(0).toUpperCase() + problem.message.slice(1);
  const key = `news.problem.${problem.field}` as MessageKey;
  const text = t(lang, key);
  return text === key ? problem.message : text;
}

/** The news form as typed, to show again when refused. */
export interface NewsFormValues {
  titleEn: string;
  titleJa: string;
  bodyEn: string;
  bodyJa: string;
  /** Country codes separated by commas or spaces. */
  countries: string;
  localGovernmentIds: number[];
  relationshipIds: string;
  /** The slugs of the jurisdictions ticked. */
  jurisdictions: string[];
  lgQuery: string;
  lgFind: boolean;
}

export const EMPTY_NEWS_FORM: NewsFormValues = { titleEn: '', titleJa: '', bodyEn: '', bodyJa: '', countries: '', localGovernmentIds: [], relationshipIds: '', jurisdictions: [], lgQuery: '', lgFind: false };

/** The form's field a problem of the news input belongs to. */
export function newsFormField(field: string, tags: string[]): string {
  const [head = '', lang] = field.split('.');
  if (head === 'title' || head === 'body') return `${head}${lang === 'ja' ? 'Ja' : 'En'}`;
  const tag = /^tags\[(\d+)\]$/.exec(field);
  if (tag) {
    const kind = tags[Number(tag[1])]?.split(':')[0];
    return { country: 'countries', lg: 'localGovernmentId', jurisdiction: 'jurisdictions' }[kind ?? ''] ?? 'relationshipIds';
  }
  return field;
}

/** Reads the posted news form: what was typed, and the input when the schema accepts it (else its problems, by form field). */
export function readNewsForm(body: FormBody): { values: NewsFormValues; input?: NewsInput; problems: FieldProblem[]; tags: string[] } {
  const values: NewsFormValues = {
    titleEn: formText(body, 'titleEn'),
    titleJa: formText(body, 'titleJa'),
    bodyEn: formText(body, 'bodyEn'),
    bodyJa: formText(body, 'bodyJa'),
    countries: formText(body, 'countries'),
    localGovernmentIds: chosenIds(body.localGovernmentId),
    relationshipIds: formText(body, 'relationshipIds'),
    jurisdictions: [body.jurisdictions ?? []].flat().filter((value): value is string => typeof value === 'string'),
    lgQuery: formText(body, 'lgQuery'),
    lgFind: body.lgFind !== undefined,
  };
  const problems: FieldProblem[] = [];
  const tags = [
    ...values.jurisdictions.map((slug) => `jurisdiction:${slug}`),
    ...values.countries.split(/[\s,、]+/).filter(Boolean).map((code) => `country:${code}`),
    ...values.localGovernmentIds.map((id) => `lg:${id}`),
    ...idsTyped(values.relationshipIds, 'relationshipIds', problems).map((id) => `relationship:${id}`),
  ];
  const text = { title: { en: values.titleEn, ja: values.titleJa }, body: { en: values.bodyEn, ja: values.bodyJa } };
  const parsed = NewsInput.safeParse({ ...text, tags });
  // The rules of the text are checked here too, so that the form names every problem at once.
  for (const problem of [...(parsed.success ? [] : problemsFromZod(parsed.error)), ...checkNewsItem(text)]) {
    const field = newsFormField(problem.field, tags);
    if (!problems.some((known) => known.field === field)) problems.push({ field, message: problem.message });
  }
  return problems.length || !parsed.success ? { values, problems, tags } : { values, input: parsed.data, problems, tags };
}
