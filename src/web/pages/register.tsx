import type { FC } from 'hono/jsx';
import { formatNumber, t, tCount, type MessageKey } from '../../i18n/index.js';
import type { RegisterImportReport } from '../../services/importRegister.js';
import { CsrfField, href, Layout, type PageContext } from './layout.js';

/** The coordinators' form to import a register sheet, with a refusal of the whole file when there was one. */
export const RegisterImportPage: FC<{ ctx: PageContext; problem?: string | undefined }> = ({ ctx, problem }) => (
  <Layout ctx={ctx} title={t(ctx.lang, 'register.import.title')}>
    <h1>{t(ctx.lang, 'register.import.title')}</h1>
    <p>{t(ctx.lang, 'register.import.lead')}</p>
    {problem ? (
      <div class="note error" role="alert">
        {problem}
      </div>
    ) : null}
    <form method="post" action={href(ctx, '/registry/import')} enctype="multipart/form-data">
      <CsrfField ctx={ctx} />
      <p>
        <label for="sheet">{t(ctx.lang, 'register.import.file')}</label>
        <br />
        <input id="sheet" name="sheet" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
      </p>
      <p>
        <input id="dryRun" name="dryRun" type="checkbox" value="1" checked />
        <label for="dryRun">{t(ctx.lang, 'register.import.dryRun')}</label>
      </p>
      <p>
        <button type="submit">{t(ctx.lang, 'register.import.submit')}</button>
      </p>
    </form>
  </Layout>
);

/** What an import (or its dry run) did with each row: refused rows first, each with its line, column and reason. */
export const RegisterReportPage: FC<{ ctx: PageContext; report: RegisterImportReport }> = ({ ctx, report }) => {
  const n = (value: number) => formatNumber(ctx.lang, value);
  const ordered = [...report.outcomes].sort((a, b) => Number(b.outcome === 'refused') - Number(a.outcome === 'refused') || a.line - b.line);
  return (
    <Layout ctx={ctx} title={t(ctx.lang, 'register.report.title', { source: report.source })}>
      <h1>{t(ctx.lang, 'register.report.title', { source: report.source })}</h1>
      <p class={report.dryRun ? 'note' : 'note success'} role="status">
        {t(ctx.lang, report.dryRun ? 'register.report.dryRun' : 'register.report.done')}
      </p>
      <ul>
        <li>{t(ctx.lang, 'register.report.format', { format: `${report.format.toUpperCase()}${report.encoding ? ` (${report.encoding})` : ''}`, row: n(report.headerRow) })}</li>
        <li>
          {t(ctx.lang, 'register.report.rows', {
            total: n(report.rows.total),
            added: n(report.rows.added),
            updated: n(report.rows.updated),
            unchanged: n(report.rows.unchanged),
            refused: n(report.rows.refused),
          })}
        </li>
        <li>
          {t(ctx.lang, 'register.report.relationships', {
            added: n(report.relationships.added),
            updated: n(report.relationships.updated),
            unchanged: n(report.relationships.unchanged),
            created: n(report.newLocalGovernments),
          })}
        </li>
        {report.ignoredHeaders.length ? <li>{t(ctx.lang, 'register.report.ignored', { headers: report.ignoredHeaders.join(', ') })}</li> : null}
      </ul>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col" class="number">{t(ctx.lang, 'register.report.line')}</th>
              <th scope="col">{t(ctx.lang, 'register.report.outcome')}</th>
              <th scope="col">{t(ctx.lang, 'register.report.column')}</th>
              <th scope="col">{t(ctx.lang, 'register.report.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((outcome) => (
              <tr class={outcome.outcome === 'refused' ? 'refused' : undefined}>
                <td class="number">{n(outcome.line)}</td>
                <td class="nowrap">{t(ctx.lang, `register.outcome.${outcome.outcome}` as MessageKey)}</td>
                <td lang="ja" class="nowrap">{outcome.column ?? ''}</td>
                <td>
                  {outcome.outcome === 'refused' ? (
                    <span lang="en">{outcome.reason}</span>
                  ) : (
                    <>
                      {tCount(ctx.lang, 'register.report.relationshipCount', outcome.relationshipIds.length)}
                      {report.dryRun
                        ? null
                        : outcome.relationshipIds.map((id) => (
                            <>
                              {' '}
                              <a href={href(ctx, `/relationships/${id}`)}>#{id}</a>
                            </>
                          ))}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <a href={href(ctx, '/registry/import')}>{t(ctx.lang, 'register.report.again')}</a>
      </p>
    </Layout>
  );
};

/** Links to the register as a sheet, for the statistics page; the import for those who may. */
export const RegisterDownloads: FC<{ ctx: PageContext; canImport: boolean }> = ({ ctx, canImport }) => (
  <section aria-labelledby="register-downloads">
    <h2 id="register-downloads">{t(ctx.lang, 'register.download.title')}</h2>
    <p>{t(ctx.lang, 'register.download.lead')}</p>
    <ul>
      <li><a href="/registry/register.csv" download>{t(ctx.lang, 'register.download.csv')}</a></li>
      <li><a href="/registry/register.csv?encoding=shift_jis" download>{t(ctx.lang, 'register.download.sjis')}</a></li>
      <li><a href="/registry/register.xlsx" download>{t(ctx.lang, 'register.download.xlsx')}</a></li>
      {canImport ? <li><a href={href(ctx, '/registry/import')}>{t(ctx.lang, 'register.download.import')}</a></li> : null}
    </ul>
  </section>
);
