import type { Context, Hono } from 'hono';
import type { Db } from '../../db/client.js';
import { decide } from '../../domain/authorization.js';
import { EARLIEST_YEAR } from '../../domain/relationships.js';
import { KizunaError } from '../../errors.js';
import { countryName, t, type MessageKey } from '../../i18n/index.js';
import { VITALITIES, type Vitality, type VitalityThresholds } from '../../domain/vitality.js';
import { today } from '../../services/registry.js';
import { japanStatistics } from '../../services/stats.js';
import { StatisticsQuery } from '../api/schemas.js';
import { csvResponse } from '../downloads.js';
import { pageContext } from '../pageContext.js';
import { StatisticsPage } from '../pages/statistics.js';
import { statisticsTables } from '../statisticsTables.js';
import type { KizunaEnv } from '../session.js';

/** The day a statistics page asks for (?asOf=YYYY-MM-DD), checked; undefined for today. */
function asOfFrom(c: Context): string | undefined {
  const asOf = c.req.query('asOf');
  if (!asOf) return undefined;
  if (!StatisticsQuery.safeParse({ asOf }).success) {
    const message = t(pageContext(c).lang, 'stats.badDate', { earliest: `${EARLIEST_YEAR}-01-01`, today: today() });
    throw new KizunaError('validation_failed', message, [{ field: 'asOf', message }]);
  }
  return asOf;
}

/** The statistics page, as of today or of a day asked for, and each of its tables as CSV. */
export function registerStatisticsPages(pages: Hono<KizunaEnv>, db: Db, thresholds: VitalityThresholds): void {
  pages.get('/statistics', async (c) => {
    const ctx = pageContext(c);
    const canEditFigures = decide(c.get('actor'), { do: 'figures.edit' }).allowed;
    const canImportRegister = decide(c.get('actor'), { do: 'register.import' }).allowed;
    return c.html(
      <StatisticsPage ctx={ctx} stats={await japanStatistics(db, asOfFrom(c), thresholds)} canEditFigures={canEditFigures} canImportRegister={canImportRegister} />,
    );
  });
  pages.get('/statistics/vitality.csv', async (c) => {
    const { lang } = pageContext(c);
    const { vitality } = await japanStatistics(db, asOfFrom(c), thresholds);
    const counts = (row: Record<Vitality, number>) => VITALITIES.map((name) => row[name]);
    return csvResponse(
      `kizuna-vitality-${asOfFrom(c) ?? 'today'}.csv`,
      [t(lang, 'exchanges.csv.group'), t(lang, 'table.code'), t(lang, 'exchanges.csv.name'), ...VITALITIES.map((name) => t(lang, `exchanges.vitality.${name}`))],
      [
        ...vitality.byKind.map((row) => [t(lang, 'table.kind'), row.kind, t(lang, `kind.${row.kind}` as MessageKey), ...counts(row)]),
        ...vitality.byCountry.map((row) => [t(lang, 'table.country'), row.country, countryName(lang, row.country), ...counts(row)]),
      ],
    );
  });
  pages.get('/statistics/:file{[a-z]+\\.csv}', async (c) => {
    const ctx = pageContext(c);
    const id = c.req.param('file').replace(/\.csv$/, '');
    const table = statisticsTables(ctx.lang, await japanStatistics(db, asOfFrom(c))).find((candidate) => candidate.id === id);
    if (!table) throw new KizunaError('not_found', `There is no statistics table ${id}.`);
    return csvResponse(`kizuna-${table.id}-${asOfFrom(c) ?? 'today'}.csv`, table.columns.map((column) => column.label), table.rows);
  });
}
