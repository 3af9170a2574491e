import type { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { lgMatches } from '../forms/lgPicker.js';
import { pageContext } from '../pageContext.js';
import { lgChoiceText } from '../pages/lgPicker.js';
import type { KizunaEnv } from '../session.js';

/** What the picker's script asks: the words typed. */
export const LgChoicesQuery = z.object({ q: z.string().optional().default('') });
export type LgChoicesQuery = z.infer<typeof LgChoicesQuery>;

/**
 * The matches the picker's script offers as a person types, named and placed as the page's own
 * search step names them (in the page's language), with the sentence to announce.
 */
export function registerLgPickerRoute(pages: Hono<KizunaEnv>, db: Db): void {
  pages.get('/lg-choices', async (c) => {
    const lang = pageContext(c).lang;
    const query = LgChoicesQuery.parse(c.req.query());
    const { found, status } = await lgMatches(db, lang, query.q);
    return c.json({ status, matches: found.map((lg) => ({ id: lg.id, ...lgChoiceText(lang, lg) })) });
  });
}
