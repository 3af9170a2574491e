import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { KizunaError } from '../../errors.js';
import { t, tCount, type Lang } from '../../i18n/index.js';
import type { LocalGovernmentSummary } from '../../services/presenters.js';
import { localGovernmentSummaries } from '../../services/registry.js';
import { findLocalGovernments } from '../../services/search.js';

/**
 * The local-government picker that every form asking for an LG shares. Without JavaScript it is a
 * search step: the person types part of a name into `lgQuery` and presses Find (`lgFind`); the page
 * comes back with everything as typed and the matches as radio buttons (or checkboxes, for several)
 * named as the form's own field, so that choosing one fills in the id. With JavaScript,
 * assets/lgPicker.js asks /lg-choices as the person types and offers the same matches in a list.
 */

/** What a browser sends for a text field; anything else reads as ''. */
const text = z.unknown().optional().transform((value) => (typeof value === 'string' ? value : ''));

/** The picker's own fields, for the schema of each form it is part of. */
export const LgSearchFields = {
  lgQuery: text,
  lgFind: z.unknown().optional().transform((value) => value !== undefined),
};

/** The ids a form sent under a field: one or several values, each a number (anything else is dropped). */
export const chosenIds = (value: unknown): number[] => [
  ...new Set((Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string' && /^\s*\d{1,9}\s*$/.test(item)).map(Number)),
];

/**
 * Whether the person asked for the search step rather than for the form's own action. Enter in any
 * field presses the first button of a form, which is Find: with nothing typed to find, the form is
 * sent as it is.
 */
export const searchAsked = (form: { lgQuery: string; lgFind: boolean }) => form.lgFind && form.lgQuery.trim() !== '';

/** What the picker shows: the LGs chosen, the words typed, and the matches of a search step with what they are. */
export interface LgPickerState {
  chosen: LocalGovernmentSummary[];
  query: string;
  matches?: { found: LocalGovernmentSummary[]; status: string } | undefined;
}

/** The matches of the words typed, and a sentence saying what they are (or why there are none). */
export async function lgMatches(db: Db, lang: Lang, query: string): Promise<{ found: LocalGovernmentSummary[]; status: string }> {
  const words = query.trim().slice(0, 200);
  let found: LocalGovernmentSummary[];
  try {
    found = await findLocalGovernments(db, words);
  } catch (error) {
    if (error instanceof KizunaError && error.id === 'validation_failed') return { found: [], status: t(lang, 'lgPicker.noLetters') };
    throw error;
  }
  if (found.length > 0) return { found, status: tCount(lang, 'lgPicker.matches', found.length, { query: words }) };
  return { found, status: /^\d+$/.test(words) ? t(lang, 'lgPicker.noNumber', { id: words }) : t(lang, 'lgPicker.none', { query: words }) };
}

/** The picker of a form as sent: the LGs chosen (those that exist), and the matches when the person asked for them. */
export async function lgPickerState(db: Db, lang: Lang, sent: { ids: readonly number[]; lgQuery: string; lgFind: boolean }): Promise<LgPickerState> {
  const chosen = await localGovernmentSummaries(db, sent.ids);
  if (!searchAsked(sent)) return { chosen, query: sent.lgQuery };
  return { chosen, query: sent.lgQuery, matches: await lgMatches(db, lang, sent.lgQuery) };
}
