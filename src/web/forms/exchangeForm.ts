import { problemsFromZod, type FieldProblem } from '../../errors.js';
import { formatPartial, t, type Lang, type MessageKey } from '../../i18n/index.js';
import { EXCHANGE_LINKS_MAX } from '../../domain/exchanges.js';
import type { Exchange } from '../../services/exchanges.js';
import { ExchangeInput, RenewalInput } from '../../services/inputs.js';

/** How many rows of links the form offers at least: more when the exchange has more (up to EXCHANGE_LINKS_MAX). */
export const EXCHANGE_FORM_LINK_ROWS = 3;

/** The exchange form as typed, every field as text, to show again when refused. */
export interface ExchangeFormValues {
  startedOn: string;
  endedOn: string;
  kind: string;
  /** "visit:ID" for a visit by the party ID, "mutual" or "remote". */
  travel: string;
  participants: string;
  descriptionEn: string;
  descriptionJa: string;
  links: { url: string; label: string }[];
}

export const EMPTY_EXCHANGE_FORM: ExchangeFormValues = {
  startedOn: '',
  endedOn: '',
  kind: '',
  travel: '',
  participants: '',
  descriptionEn: '',
  descriptionJa: '',
  links: Array.from({ length: EXCHANGE_FORM_LINK_ROWS }, () => ({ url: '', label: '' })),
};

/** A recorded exchange as its form shows it, to correct it. */
export function exchangeFormValues(exchange: Exchange): ExchangeFormValues {
  return {
    startedOn: exchange.startedOn,
    endedOn: exchange.endedOn ?? '',
    kind: exchange.kind,
    travel: exchange.direction === 'visit' ? `visit:${exchange.visitorId}` : exchange.direction,
    participants: exchange.participants === null ? '' : String(exchange.participants),
    descriptionEn: exchange.description.en,
    descriptionJa: exchange.description.ja,
    links: linkRows(exchange.links),
  };
}

/** The links as rows of the form: each link a row, and empty rows up to EXCHANGE_FORM_LINK_ROWS. */
const linkRows = (links: readonly { url: string; label: string }[]) =>
  Array.from({ length: Math.max(EXCHANGE_FORM_LINK_ROWS, links.length) }, (_, index) => links[index] ?? { url: '', label: '' });

type FormBody = Record<string, string | File | (string | File)[]>;

const text = (body: FormBody, name: string): string => {
  const value = body[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
};

/** The rows of links as typed, up to the last one filled in (at most EXCHANGE_LINKS_MAX). */
function typedLinks(body: FormBody): { url: string; label: string }[] {
  const rows = Array.from({ length: EXCHANGE_LINKS_MAX }, (_, index) => ({ url: text(body, `linkUrl${index}`), label: text(body, `linkLabel${index}`) }));
  return linkRows(rows.slice(0, rows.findLastIndex((row) => row.url || row.label) + 1));
}

/** The form's field a problem of the input belongs to. */
export function exchangeFormField(field: string): string {
  if (field.startsWith('description.')) return field === 'description.ja' ? 'descriptionJa' : 'descriptionEn';
  if (field === 'description') return 'descriptionEn';
  if (field === 'direction' || field === 'visitorId') return 'travel';
  const link = /^links\[(\d+)\]/.exec(field);
  if (link) return `links${link[1]}`;
  return field;
}

/** Reads the posted exchange form: what was typed, and the input when the schema accepts it (else its problems, by form field). */
export function readExchangeForm(body: FormBody): { values: ExchangeFormValues; input?: ExchangeInput; problems: FieldProblem[] } {
  const values: ExchangeFormValues = {
    startedOn: text(body, 'startedOn'),
    endedOn: text(body, 'endedOn'),
    kind: text(body, 'kind'),
    travel: text(body, 'travel'),
    participants: text(body, 'participants'),
    descriptionEn: text(body, 'descriptionEn'),
    descriptionJa: text(body, 'descriptionJa'),
    links: typedLinks(body),
  };
  const problems: FieldProblem[] = [];
  const [direction = '', visitor] = values.travel.split(':');
  const typedParticipants = values.participants.replace(/[,\s]/g, '');
  const participants = typedParticipants === '' ? null : /^-?\d{1,9}$/.test(typedParticipants) ? Number(typedParticipants) : NaN;
  if (Number.isNaN(participants)) problems.push({ field: 'participants', message: 'write a whole number' });
  // Rows left empty are no links; a row half filled is checked, and its problems land on its row.
  const rows = values.links.map((link, index) => ({ link, index })).filter(({ link }) => link.url || link.label);
  const parsed = ExchangeInput.safeParse({
    startedOn: values.startedOn,
    endedOn: values.endedOn || null,
    kind: values.kind,
    direction,
    visitorId: visitor === undefined ? null : Number(visitor),
    participants: Number.isNaN(participants) ? null : participants,
    description: { en: values.descriptionEn, ja: values.descriptionJa },
    links: rows.map(({ link }) => link),
  });
  if (!parsed.success) {
    for (const problem of problemsFromZod(parsed.error)) {
      const field = exchangeFormField(problem.field.replace(/^links\[(\d+)\]/, (_, index: string) => `links[${rows[Number(index)]?.index ?? index}]`));
      if (!problems.some((known) => known.field === field)) problems.push({ field, message: problem.message });
    }
  }
  return problems.length || !parsed.success ? { values, problems } : { values, input: parsed.data, problems };
}

/** The renewal form as typed. */
export interface RenewalFormValues {
  renewedOn: string;
  newEnd: string;
}

/** Reads the posted renewal form. */
export function readRenewalForm(body: FormBody): { values: RenewalFormValues; input?: RenewalInput; problems: FieldProblem[] } {
  const values = { renewedOn: text(body, 'renewedOn'), newEnd: text(body, 'newEnd') };
  const parsed = RenewalInput.safeParse(values);
  return parsed.success ? { values, input: parsed.data, problems: [] } : { values, problems: problemsFromZod(parsed.error) };
}

/** Rules of the services whose messages have words of their own in Japanese: the pattern, the message, and the day it names. */
const LOCAL_PROBLEMS: [RegExp, MessageKey][] = [
  [/before the relationship was signed \((.+)\)/, 'exchanges.problem.beforeSigning'],
  [/before the signing \((.+)\)/, 'exchanges.problem.beforeSigning'],
  [/in the future \(today is ([\d-]+)\)/, 'exchanges.problem.future'],
  [/after the relationship ended \((.+)\)/, 'exchanges.problem.afterEnd'],
  [/before the first day \((.+)\)/, 'exchanges.problem.beforeFirst'],
  [/after the end of the term it renews \((.+)\)/, 'exchanges.problem.afterTerm'],
  [/before the last renewal \((.+)\)/, 'exchanges.problem.beforeLastRenewal'],
  [/before the renewal itself/, 'exchanges.problem.afterTerm'],
  [/YYYY-MM-DD|day of the calendar|expected string/, 'exchanges.problem.date'],
];

const LOCAL_FIELDS: Record<string, MessageKey> = {
  travel: 'exchanges.problem.visitor',
  descriptionEn: 'exchanges.problem.description',
  descriptionJa: 'exchanges.problem.description',
  participants: 'exchanges.problem.participants',
  kind: 'exchanges.problem.kind',
};

/** A problem of the exchange or renewal form in the reader's language: the service's own words in English. */
export function formProblemText(lang: Lang, problem: FieldProblem): string {
  if (lang === 'en') return problem.message.charAt(0).toUpperCase() + problem.message.slice(1);
  for (const [pattern, key] of LOCAL_PROBLEMS) {
    const match = pattern.exec(problem.message);
    if (match) return t(lang, key, { date: match[1] ? formatPartial(lang, match[1]) : '' });
  }
  if (problem.field.startsWith('links')) return t(lang, 'exchanges.problem.link');
  const key = LOCAL_FIELDS[problem.field];
  return key ? t(lang, key) : problem.message;
}
