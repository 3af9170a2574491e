import type { Hono } from 'hono';
import type { Db } from '../../db/client.js';
import { decide } from '../../domain/authorization.js';
import { DEFAULT_WEIGHTS, MATCH_FACTORS, type MatchFactor } from '../../domain/matching.js';
import { KizunaError, notFound, problemsFromZod } from '../../errors.js';
import { lgName } from '../../i18n/index.js';
import { localGovernmentSummaries, matchCandidates } from '../../services/matching.js';
import { MatchQuery, weightsOf } from '../api/schemas.js';
import { pageContext } from '../pageContext.js';
import { MatchPage } from '../pages/match.js';
import type { KizunaEnv } from '../session.js';

/** The matchmaking page of a local government: candidates, their reasons, and the weights. */
export function registerMatchPages(pages: Hono<KizunaEnv>, db: Db): void {
  pages.get('/match', async (c) => {
    const ctx = pageContext(c);
    const actor = c.get('actor');
    // An empty box keeps its default weight, as a form left alone would.
    const given = Object.fromEntries(Object.entries(c.req.query()).filter(([, value]) => value.trim() !== ''));
    const checked = MatchQuery.safeParse(given);
    const lgId = Number(given.lg);
    if (!checked.success && checked.error.issues.some((issue) => issue.path[0] === 'lg')) {
      throw new KizunaError('validation_failed', 'lg: give the id of a local government, as in /match?lg=1496.', [{ field: 'lg', message: 'give the id of a local government' }]);
    }
    const seeker = (await localGovernmentSummaries(db, [lgId])).get(lgId);
    if (!seeker) throw notFound(`Local government ${lgId}`);
    const introduce = decide(actor, { do: 'introduction.send', from: lgId }).allowed;
    if (!checked.success) {
      const typed = Object.fromEntries(MATCH_FACTORS.map((factor) => [factor, given[`w_${factor}`] ?? String(DEFAULT_WEIGHTS[factor])])) as Record<MatchFactor, string>;
      return c.html(
        <MatchPage ctx={ctx} lgId={lgId} seekerName={lgName(ctx.lang, seeker)} result={null} values={typed} problems={problemsFromZod(checked.error)} introduce={introduce} />,
        422,
      );
    }
    const weights = weightsOf(checked.data);
    const result = await matchCandidates(db, actor, lgId, { weights, limit: checked.data.limit ?? 20 });
    return c.html(<MatchPage ctx={ctx} lgId={lgId} seekerName={lgName(ctx.lang, seeker)} result={result} values={Object.fromEntries(MATCH_FACTORS.map((factor) => [factor, String(weights[factor])])) as Record<MatchFactor, string>} problems={[]} introduce={introduce} />);
  });
}
