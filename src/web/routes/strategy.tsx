import type { Context, Hono } from 'hono';
import type { z } from '@hono/zod-openapi';
import type { Db } from '../../db/client.js';
import { EARLIEST_YEAR } from '../../domain/relationships.js';
import { KizunaError, type FieldProblem } from '../../errors.js';
import { t, type Lang } from '../../i18n/index.js';
import { today } from '../../services/registry.js';
import { prefectureCodeOf } from '../../services/lists.js';
import { DEFAULT_VITALITY_THRESHOLDS, type VitalityThresholds } from '../../domain/vitality.js';
import { filterLocalGovernments, loadStrategyRegister, measureStrategy, prefectureProposals, prefectureReport, readVitality, strategyOverview, type LocalGovernmentFilter } from '../../services/strategy.js';
import { StatisticsQuery, StrategyListQuery, StrategyQuery } from '../api/schemas.js';
import { csvResponse, xlsxWorkbookResponse } from '../downloads.js';
import { pageContext } from '../pageContext.js';
import { PrefectureReportPage, StrategyListPage, StrategyPage } from '../pages/strategy.js';
import { localGovernmentTable, reportTables, strategyTables } from '../strategyTables.js';
import type { KizunaEnv } from '../session.js';

/** A field's problem in the reader's language: what to write instead. */
function problemText(lang: Lang, field: string, value: string | undefined): string {
  switch (field) {
    case 'asOf':
      return t(lang, 'strategy.badDate', { earliest: `${EARLIEST_YEAR}-01-01`, today: today() });
    case 'targetMin':
    case 'targetMax':
      return t(lang, 'strategy.badTarget');
    case 'continent':
      return t(lang, 'strategy.badContinent', { code: value ?? '' });
    case 'country':
      return t(lang, 'strategy.badCountry', { code: value ?? '' });
    case 'kind':
      return t(lang, 'strategy.badKind', { kind: value ?? '' });
    case 'prefecture':
      return t(lang, 'strategy.badPrefecture', { code: value ?? '' });
    default:
      return t(lang, 'strategy.badNumber', { field });
  }
}

/** A strategy page's query, checked by its schema; each problem in the page's language. */
export function strategyQueryOf<S extends typeof StrategyQuery | typeof StrategyListQuery | typeof StatisticsQuery>(c: Context<KizunaEnv>, schema: S): z.infer<S> {
  const query = c.req.query();
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data as z.infer<S>;
  const lang = pageContext(c).lang;
  const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? 'query')))];
  const problems: FieldProblem[] = fields.map((field) => ({ field, message: problemText(lang, field, query[field]) }));
  throw new KizunaError('validation_failed', problems.map((problem) => problem.message).join(' '), problems);
}

/** The target a query asks for, or the default. */
export const targetOf = (query: StrategyQuery | StrategyListQuery) => ({ min: query.targetMin ?? 4, max: query.targetMax ?? 8 });

/** The list filter a query asks for. */
const filterOf = (query: StrategyListQuery): LocalGovernmentFilter => ({
  kind: query.kind,
  prefecture: query.prefecture,
  minPartners: query.minPartners,
  maxPartners: query.maxPartners,
  oneCountry: query.oneCountry !== undefined,
});

/** The strategy page, its tables as CSV, and the lists behind its figures. */
export function registerStrategyPages(pages: Hono<KizunaEnv>, db: Db, vitality: VitalityThresholds = DEFAULT_VITALITY_THRESHOLDS): void {
  const overview = (c: Context<KizunaEnv>) => {
    const query = strategyQueryOf(c, StrategyQuery);
    return { query, strategy: strategyOverview(db, { asOf: query.asOf, target: targetOf(query), country: query.country, continent: query.continent, vitality }) };
  };
  pages.get('/strategy', async (c) => {
    const { query, strategy } = overview(c);
    return c.html(<StrategyPage ctx={pageContext(c)} strategy={await strategy} asked={{ asOf: query.asOf !== undefined }} />);
  });

  const list = async (c: Context<KizunaEnv>) => {
    const query = strategyQueryOf(c, StrategyListQuery);
    const filter = filterOf(query);
    const register = await loadStrategyRegister(db, query.asOf);
    if (filter.prefecture && ![...register.prefectures.values()].some((prefecture) => prefecture.jisCode === filter.prefecture)) {
      throw new KizunaError('not_found', problemText(pageContext(c).lang, 'prefecture', filter.prefecture));
    }
    const strategy = measureStrategy(register, await readVitality(db, register.asOf, vitality), { target: targetOf(query) });
    return { query, filter, strategy, localGovernments: filterLocalGovernments(register, filter) };
  };
  pages.get('/strategy/local-governments', async (c) => {
    const { query, filter, strategy, localGovernments } = await list(c);
    return c.html(<StrategyListPage ctx={pageContext(c)} strategy={strategy} asked={{ asOf: query.asOf !== undefined }} filter={filter} localGovernments={localGovernments} />);
  });
  pages.get('/strategy/local-governments.csv', async (c) => {
    const { strategy, localGovernments } = await list(c);
    const lang = pageContext(c).lang;
    const table = localGovernmentTable(lang, strategy, localGovernments, t(lang, 'strategy.list.title'));
    return csvResponse(`kizuna-strategy-local-governments-${strategy.asOf}.csv`, table.columns.map((column) => column.label), table.rows);
  });
  const report = async (c: Context<KizunaEnv>, code: string) => {
    const query = strategyQueryOf(c, StatisticsQuery);
    try {
      const found = await prefectureReport(db, code, { asOf: query.asOf, vitality });
      return { query, report: found, proposals: await prefectureProposals(db, found.prefecture.jisCode) };
    } catch (error) {
      if (error instanceof KizunaError && error.id === 'not_found') throw new KizunaError('not_found', problemText(pageContext(c).lang, 'prefecture', code));
      throw error;
    }
  };
  pages.get('/strategy/prefectures/:code{[0-9]{6}}', async (c) => {
    const { query, report: found, proposals } = await report(c, c.req.param('code'));
    return c.html(<PrefectureReportPage ctx={pageContext(c)} report={found} proposals={proposals} asked={{ asOf: query.asOf !== undefined }} />);
  });
  pages.get('/strategy/prefectures/:file{[0-9]{6}\\.xlsx}', async (c) => {
    const lang = pageContext(c).lang;
    const { report: found, proposals } = await report(c, c.req.param('file').replace(/\.xlsx$/, ''));
    const tables = reportTables(lang, found, proposals);
    const sheet = (name: string, table: (typeof tables)[keyof typeof tables]) => ({ name, header: table.columns.map((column) => column.label), rows: table.rows });
    return xlsxWorkbookResponse(`kizuna-strategy-${found.prefecture.jisCode}-${found.asOf}.xlsx`, [
      sheet(t(lang, 'strategy.sheet.coverage'), tables.coverage),
      sheet(t(lang, 'strategy.sheet.without'), tables.withoutPartner),
      sheet(t(lang, 'strategy.sheet.greatCities'), tables.greatCities),
      sheet(tables.anniversaries.title, tables.anniversaries),
    ]);
  });
  // A prefecture as people write its address: its number (33) or its name (okayama), sent on to its six-digit code.
  pages.get('/strategy/prefectures/:key{[0-9]{1,2}|[A-Za-z-]+}', async (c) => {
    const code = await prefectureCodeOf(db, c.req.param('key'));
    if (!code) throw new KizunaError('not_found', problemText(pageContext(c).lang, 'prefecture', c.req.param('key')));
    return c.redirect(`${pageContext(c).lang === 'ja' ? '/ja' : ''}/strategy/prefectures/${code.trim()}${new URL(c.req.url).search}`, 301);
  });
  pages.get('/strategy/:file{[a-z-]+\\.csv}', async (c) => {
    const id = c.req.param('file').replace(/\.csv$/, '');
    const { query, strategy } = overview(c);
    const table = strategyTables(pageContext(c).lang, await strategy, { asOf: query.asOf !== undefined }).find((candidate) => candidate.id === id);
    if (!table) throw new KizunaError('not_found', `There is no strategy table ${id}.`);
    return csvResponse(`kizuna-strategy-${table.id}-${(await strategy).asOf}.csv`, table.columns.map((column) => column.label), table.rows);
  });
}
