import type { FC } from 'hono/jsx';
import { MATCH_FACTORS, MAX_WEIGHT, type MatchFactor } from '../../domain/matching.js';
import { countryName, formatNumber, lgName, regionName, t, tCount, type MessageKey } from '../../i18n/index.js';
import { describePart } from '../../i18n/matchReasons.js';
import type { FieldProblem } from '../../errors.js';
import type { MatchCandidate, MatchResult } from '../../services/matching.js';
import { href, Layout, type PageContext } from './layout.js';

const factorLabel = (factor: string): MessageKey => `match.factor.${factor}` as MessageKey;

/** The weights as a GET form, so that a ranking is an address that can be shared. */
const WeightsForm: FC<{ ctx: PageContext; lgId: number; values: Record<MatchFactor, string>; problems: readonly FieldProblem[] }> = ({ ctx, lgId, values, problems }) => (
  <form class="match-weights" id="weights" method="get" action={href(ctx, '/match')}>
    <input type="hidden" name="lg" value={String(lgId)} />
    <fieldset>
      <legend>{t(ctx.lang, 'match.weights')}</legend>
      <p class="muted">{t(ctx.lang, 'match.weightsHint')}</p>
      <div class="weights">
        {MATCH_FACTORS.map((factor) => {
          const problem = problems.find((item) => item.field === `w_${factor}`);
          return (
            <div class="field">
              <label for={`w_${factor}`}>{t(ctx.lang, factorLabel(factor))}</label>
              <input
                id={`w_${factor}`}
                name={`w_${factor}`}
                type="number"
                min="0"
                max={String(MAX_WEIGHT)}
                step="0.1"
                value={values[factor]}
                aria-invalid={problem ? 'true' : undefined}
                aria-describedby={problem ? `w_${factor}-problem` : undefined}
              />
              {problem ? <p class="field-error" id={`w_${factor}-problem`}>{problem.message}</p> : null}
            </div>
          );
        })}
      </div>
      <p>
        <button type="submit">{t(ctx.lang, 'match.rerank')}</button>{' '}
        <a href={href(ctx, `/match?lg=${lgId}`)}>{t(ctx.lang, 'match.resetWeights')}</a>
      </p>
    </fieldset>
  </form>
);

const CandidateCard: FC<{ ctx: PageContext; result: MatchResult; candidate: MatchCandidate; introduce: boolean }> = ({ ctx, result, candidate, introduce }) => {
  const { lang } = ctx;
  const lg = candidate.localGovernment;
  const names = { seeker: result.seeker, candidate: lg, named: result.named };
  const where = [regionName(lang, lg), countryName(lang, lg.country)].filter(Boolean).join(lang === 'ja' ? '、' : ', ');
  return (
    <li class="match-candidate">
      <div class="match-head">
        <span class="match-rank">{candidate.rank}</span>
        <div>
          <h2>
            <a href={href(ctx, lg.url)}>{lgName(lang, lg)}</a>
          </h2>
          <p class="muted">
            {where}
            {lg.population === null ? '' : ` · ${t(lang, 'listings.people', { count: formatNumber(lang, lg.population) })}`}
            {candidate.listing ? (
              <>
                {' · '}
                <a href={href(ctx, candidate.listing.url)}>{t(lang, 'match.hasListing')}</a>
              </>
            ) : null}
          </p>
        </div>
        <p class="match-score">
          <span class="visually-hidden">{t(lang, 'match.col.score')}: </span>
          {candidate.score.toFixed(1)}
        </p>
      </div>
      <ul class="match-reasons">
        {candidate.parts.map((part) => {
          const described = describePart(lang, part, names);
          return (
            <li>
              <span class="match-points">{t(lang, 'match.points', { points: described.points.toFixed(1) })}</span> {described.text}
            </li>
          );
        })}
      </ul>
      {introduce ? (
        <p>
          <a class="button" href={href(ctx, `/introductions/new?from=${result.seeker.id}&to=${lg.id}`)}>
            {t(lang, 'match.expressInterest')}
            <span class="visually-hidden">: {lgName(lang, lg)}</span>
          </a>
        </p>
      ) : null}
    </li>
  );
};

/** The candidates of a local government, with the weights that ranked them. */
export const MatchPage: FC<{ ctx: PageContext; lgId: number; result: MatchResult | null; values: Record<MatchFactor, string>; problems: readonly FieldProblem[]; introduce: boolean; seekerName: string }> = ({
  ctx,
  lgId,
  result,
  values,
  problems,
  introduce,
  seekerName,
}) => {
  const { lang } = ctx;
  const title = t(lang, 'match.title', { lg: seekerName });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">{t(lang, 'match.lead', { lg: seekerName })}</p>
      {result?.seekerListing ? (
        <p>
          <a href={href(ctx, result.seekerListing.url)}>{t(lang, 'match.seekerListing', { lg: seekerName })}</a>
        </p>
      ) : result ? (
        <p class="note">{t(lang, 'match.noListing', { lg: seekerName })}</p>
      ) : null}
      <p class="match-jump">
        <a href="#weights">{t(lang, 'match.changeWeights')}</a>
      </p>
      <div class="match-layout">
        <div class="match-results">
          {result === null ? null : result.candidates.length === 0 ? (
            <p>{t(lang, 'match.noCandidates')}</p>
          ) : (
            <>
              <p class="muted">{tCount(lang, 'match.pool', result.poolSize, { shown: formatNumber(lang, result.candidates.length) })}</p>
              <ol class="match-list">
                {result.candidates.map((candidate) => (
                  <CandidateCard ctx={ctx} result={result} candidate={candidate} introduce={introduce} />
                ))}
              </ol>
            </>
          )}
        </div>
        <WeightsForm ctx={ctx} lgId={lgId} values={values} problems={problems} />
      </div>
    </Layout>
  );
};
