import type { Hono } from 'hono';
import type { Db } from '../../db/client.js';
import type { Action } from '../../domain/authorization.js';
import type { SheetEncoding } from '../../domain/registerSheet.js';
import { KizunaError } from '../../errors.js';
import { t } from '../../i18n/index.js';
import { exportRegister } from '../../services/exportRegister.js';
import { importRegister } from '../../services/importRegister.js';
import { pageContext } from '../pageContext.js';
import { href } from '../pages/layout.js';
import { RegisterImportPage, RegisterReportPage } from '../pages/register.js';
import type { KizunaEnv } from '../session.js';
import { admit, currentPath } from './access.js';

const IMPORT_REGISTER: Action = { do: 'register.import' };

/** The register as a sheet for everyone (/registry/register.csv, .xlsx), and the coordinators' import page (/registry/import). */
export function registerRegisterPages(pages: Hono<KizunaEnv>, db: Db): void {
  pages.get('/registry/register.csv', async (c) => {
    const encoding: SheetEncoding = c.req.query('encoding') === 'shift_jis' ? 'shift_jis' : 'utf-8';
    const bytes = await exportRegister(db, 'csv', encoding);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': `text/csv; charset=${encoding === 'shift_jis' ? 'Shift_JIS' : 'utf-8'}`,
      'content-disposition': `attachment; filename="kizuna-register${encoding === 'shift_jis' ? '-sjis' : ''}.csv"`,
    });
  });

  pages.get('/registry/register.xlsx', async (c) => {
    const bytes = await exportRegister(db, 'xlsx');
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': 'attachment; filename="kizuna-register.xlsx"',
    });
  });

  pages.get('/registry/import', async (c) => {
    const actor = await admit(c, IMPORT_REGISTER, currentPath(c));
    return actor instanceof Response ? actor : c.html(<RegisterImportPage ctx={pageContext(c)} />);
  });

  pages.post('/registry/import', async (c) => {
    const ctx = pageContext(c);
    const actor = await admit(c, IMPORT_REGISTER, href(ctx, '/registry/import'));
    if (actor instanceof Response) return actor;
    const body = await c.req.parseBody();
    const sheet = body.sheet;
    if (!(sheet instanceof File) || sheet.size === 0) return c.html(<RegisterImportPage ctx={ctx} problem={t(ctx.lang, 'register.import.noFile')} />, 422);
    try {
      const report = await importRegister(db, new Uint8Array(await sheet.arrayBuffer()), { actor, source: sheet.name || 'register sheet', dryRun: body.dryRun === '1' });
      return c.html(<RegisterReportPage ctx={ctx} report={report} />);
    } catch (error) {
      if (!(error instanceof KizunaError) || error.id !== 'import_failed') throw error;
      return c.html(<RegisterImportPage ctx={ctx} problem={t(ctx.lang, 'register.import.failed', { message: error.message })} />, 422);
    }
  });
}
