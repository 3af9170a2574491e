import type { FC } from 'hono/jsx';
import type { LocalGovernmentSummary } from '../../services/presenters.js';
import type { CountryList, PartnerLine, PrefectureList } from '../../services/lists.js';
import type { LocalGovernmentDetail, Relationship } from '../../services/registry.js';
import type { SearchResult } from '../../services/search.js';
import type { JapanStatistics } from '../../services/stats.js';
import { Layout } from './layout.js';

const KIND_NAMES: Record<string, string> = {
  prefecture: 'Prefecture',
  city: 'City',
  special_ward: 'Special ward',
  ward: 'Ward',
  town: 'Town',
  village: 'Village',
  municipality: 'Municipality',
};

/** A kind as a person reads it. */
export const kindName = (kind: string, designatedCity = false): string =>
  designatedCity ? 'Designated city' : (KIND_NAMES[kind] ?? kind);

const number = (value: number | null | undefined) => (value === null || value === undefined ? '—' : value.toLocaleString('en'));

/** A link to an LG's page with both names. */
const LgLink: FC<{ lg: LocalGovernmentSummary }> = ({ lg }) => (
  <>
    <a href={lg.url}>{lg.name.en}</a>
    {lg.name.ja && lg.name.ja !== lg.name.en ? <span lang="ja"> {lg.name.ja}</span> : null}
    <span class="muted"> ({[lg.region, lg.country].filter(Boolean).join(', ')})</span>
  </>
);

const yesNo = (value: boolean | null) => (value === null ? 'unknown' : value ? 'yes' : 'no');

export const HomePage: FC<{ stats: JapanStatistics; countries: { code: string; nameEn: string; nameJa: string; relationships: number }[] }> = ({ stats, countries }) => (
  <Layout title="Sister-city relationships">
    <h1>Sister-city relationships of Japan's local governments</h1>
    <p>
      <strong>{number(stats.totals.international)}</strong> international relationships in force, and{' '}
      {number(stats.totals.domestic)} between Japanese local governments (counted apart).
    </p>
    <h2>Coverage by kind</h2>
    <table>
      <thead><tr><th>Kind</th><th class="number">Local governments</th><th class="number">With a partner abroad</th><th class="number">Share</th></tr></thead>
      <tbody>
        {stats.byKind.map((row) => (
          <tr><td>{kindName(row.kind)}</td><td class="number">{number(row.total)}</td><td class="number">{number(row.withPartner)}</td><td class="number">{(row.coverage * 100).toFixed(1)} %</td></tr>
        ))}
      </tbody>
    </table>
    <h2>Partner countries</h2>
    <table>
      <thead><tr><th>Country</th><th class="number">Relationships</th></tr></thead>
      <tbody>
        {countries.slice(0, 15).map((row) => (
          <tr><td><a href={`/countries/${row.code}`}>{row.nameEn}</a> <span lang="ja">{row.nameJa}</span></td><td class="number">{number(row.relationships)}</td></tr>
        ))}
      </tbody>
    </table>
    <p><a href="/countries">All countries</a> · <a href="/prefectures">All prefectures</a></p>
  </Layout>
);

export const SearchPage: FC<{ query: string; results: SearchResult[]; problem?: string | undefined }> = ({ query, results, problem }) => (
  <Layout title={query ? `Search: ${query}` : 'Search'} query={query}>
    <h1>Search</h1>
    {problem ? <p role="alert">{problem}</p> : null}
    {query && !problem ? (
      results.length === 0 ? (
        <p>No local government matches “{query}”.</p>
      ) : (
        <table>
          <thead><tr><th>Local government</th><th>Kind</th><th>Country</th><th class="number">Population</th><th>Code</th></tr></thead>
          <tbody>
            {results.map((lg) => (
              <tr>
                <td><a href={lg.url}>{lg.name.en}</a>{lg.name.ja ? <span lang="ja"> {lg.name.ja}</span> : null}</td>
                <td>{kindName(lg.kind, lg.designatedCity)}</td>
                <td>{[lg.region, lg.country].filter(Boolean).join(', ')}</td>
                <td class="number">{number(lg.population)}</td>
                <td>{lg.jisCode ?? (lg.geonamesId ? `GeoNames ${lg.geonamesId}` : '')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )
    ) : (
      <p class="muted">Type a name in kanji, kana or romaji, with or without accents: 井原市, いばら, Ibara, Ōsaka, Glasgow.</p>
    )}
  </Layout>
);

const RelationshipsTable: FC<{ lines: PartnerLine[]; showOwn: boolean }> = ({ lines, showOwn }) => (
  <table>
    <thead>
      <tr>{showOwn ? <th>Local government</th> : null}<th>Partner</th><th>Label</th><th>Signed</th><th>Status</th></tr>
    </thead>
    <tbody>
      {lines.map((line) => (
        <tr>
          {showOwn ? <td><LgLink lg={line.localGovernment} /></td> : null}
          <td><LgLink lg={line.partner} /></td>
          <td><a href={line.relationshipUrl}>{line.label || 'relationship'}</a>{line.domestic ? ' (domestic)' : ''}</td>
          <td>{line.signedOn ?? '—'}</td>
          <td>{line.status}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

export const LocalGovernmentPage: FC<{ lg: LocalGovernmentDetail }> = ({ lg }) => {
  const lines: PartnerLine[] = lg.relationships.map((relationship) => {
    const partner = relationship.parties[0].id === lg.id ? relationship.parties[1] : relationship.parties[0];
    return {
      relationshipId: relationship.id,
      relationshipUrl: relationship.url,
      localGovernment: lg,
      partner,
      label: relationship.label,
      signedOn: relationship.signedOn,
      status: relationship.status,
      domestic: relationship.domestic,
    };
  });
  return (
    <Layout title={lg.name.en}>
      <h1>
        {lg.name.en}
        {lg.name.ja ? <span lang="ja"> {lg.name.ja}</span> : null}
      </h1>
      <dl>
        <dt>Kind</dt><dd>{kindName(lg.kind, lg.designatedCity)}</dd>
        {lg.nameKana ? <><dt>Reading</dt><dd lang="ja">{lg.nameKana} ({lg.nameRomaji})</dd></> : null}
        <dt>Country</dt><dd>{lg.country}{lg.region ? `, ${lg.region}` : ''}</dd>
        {lg.parent ? <><dt>Part of</dt><dd><LgLink lg={lg.parent} /></dd></> : null}
        {lg.jisCode ? <><dt>Local government code</dt><dd>{lg.jisCode}</dd></> : null}
        <dt>Population</dt><dd>{number(lg.population)}{lg.population && lg.geonamesId ? ' (GeoNames)' : ''}</dd>
        {lg.latitude !== null && lg.longitude !== null ? <><dt>Coordinates</dt><dd>{lg.latitude.toFixed(4)}, {lg.longitude.toFixed(4)}</dd></> : null}
        {lg.geonamesId ? <><dt>GeoNames</dt><dd>{lg.geonamesId}</dd></> : null}
        {!lg.verified ? <><dt>Status</dt><dd>Not yet verified (created by an import: {lg.source})</dd></> : null}
      </dl>
      <h2>Partners ({lines.length})</h2>
      {lines.length ? <RelationshipsTable lines={lines} showOwn={false} /> : <p>No relationship is recorded.</p>}
    </Layout>
  );
};

export const RelationshipPage: FC<{ relationship: Relationship }> = ({ relationship }) => {
  const [a, b] = relationship.parties;
  return (
    <Layout title={`${a.name.en} – ${b.name.en}`}>
      <h1>{a.name.en} – {b.name.en}</h1>
      <dl>
        <dt>Parties</dt><dd><LgLink lg={a} /><br /><LgLink lg={b} /></dd>
        <dt>Label as signed</dt><dd>{relationship.label || 'not recorded'}{relationship.labelOriginal ? ` (${relationship.labelOriginal})` : ''}</dd>
        <dt>Signed</dt><dd>{relationship.signedOn ?? 'date not recorded'}</dd>
        <dt>Status</dt><dd>{relationship.status}{relationship.endedOn ? `, ended ${relationship.endedOn}` : ''}</dd>
        {relationship.fixedTermEnd ? <><dt>Fixed term ends</dt><dd>{relationship.fixedTermEnd}</dd></> : null}
        {relationship.renewals.length ? <><dt>Renewals</dt><dd>{relationship.renewals.map((r) => `${r.renewedOn} → ${r.newEnd}`).join('; ')}</dd></> : null}
        {relationship.fields.length ? <><dt>Fields of exchange</dt><dd>{relationship.fields.join(', ')}</dd></> : null}
        <dt>CLAIR's conditions</dt>
        <dd>
          Signed by both leaders: {yesNo(relationship.clair.signedByLeaders)}; more than one field: {yesNo(relationship.clair.multipleFields)};
          budget approved: {yesNo(relationship.clair.budgetApproved)}
        </dd>
        {relationship.agreementUrl ? <><dt>Agreement</dt><dd><a href={relationship.agreementUrl}>{relationship.agreementUrl}</a></dd></> : null}
        <dt>Domestic</dt><dd>{relationship.domestic ? 'yes, both in one country' : 'no'}</dd>
        <dt>Source</dt><dd>{relationship.source}</dd>
        <dt>Verified</dt><dd>{relationship.verified ? 'yes' : 'no'}</dd>
        {relationship.notes ? <><dt>Notes</dt><dd>{relationship.notes}</dd></> : null}
      </dl>
    </Layout>
  );
};

export const PrefectureIndexPage: FC<{ rows: JapanStatistics['byPrefecture'] }> = ({ rows }) => (
  <Layout title="Relationships by prefecture">
    <h1>Relationships by prefecture</h1>
    <table>
      <thead><tr><th>Code</th><th>Prefecture</th><th class="number">International relationships</th></tr></thead>
      <tbody>
        {rows.map((row) => (
          <tr>
            <td>{row.prefecture.jisCode}</td>
            <td><a href={`/prefectures/${row.prefecture.jisCode}`}>{row.prefecture.name.en}</a> <span lang="ja">{row.prefecture.name.ja}</span></td>
            <td class="number">{number(row.relationships)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </Layout>
);

export const PrefecturePage: FC<{ list: PrefectureList }> = ({ list }) => (
  <Layout title={list.prefecture.name.en}>
    <h1>{list.prefecture.name.en} <span lang="ja">{list.prefecture.name.ja}</span></h1>
    <p><a href={list.prefecture.url}>The prefecture's own page</a></p>
    {list.lines.length ? <RelationshipsTable lines={list.lines} showOwn={true} /> : <p>No relationship is recorded.</p>}
  </Layout>
);

export const CountryIndexPage: FC<{ rows: { code: string; nameEn: string; nameJa: string; relationships: number }[] }> = ({ rows }) => (
  <Layout title="Relationships by country">
    <h1>Relationships with Japan by country</h1>
    <table>
      <thead><tr><th>Country</th><th class="number">Relationships with Japan</th></tr></thead>
      <tbody>
        {rows.map((row) => (
          <tr>
            <td><a href={`/countries/${row.code}`}>{row.nameEn}</a> <span lang="ja">{row.nameJa}</span></td>
            <td class="number">{number(row.relationships)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </Layout>
);

export const CountryPage: FC<{ list: CountryList }> = ({ list }) => (
  <Layout title={list.country.nameEn}>
    <h1>{list.country.nameEn} <span lang="ja">{list.country.nameJa}</span></h1>
    {list.groups.length === 0 ? <p>No relationship with Japan is recorded.</p> : null}
    {list.groups.map((group) => (
      <section>
        {list.groups.length > 1 || group.region ? <h2>{group.region ?? 'Region not recorded'}</h2> : null}
        <RelationshipsTable lines={group.lines} showOwn={true} />
      </section>
    ))}
  </Layout>
);

export const ErrorPage: FC<{ status: number; message: string }> = ({ status, message }) => (
  <Layout title={status === 404 ? 'Not found' : 'Error'}>
    <h1>{status === 404 ? 'Not found' : 'Something went wrong'}</h1>
    <p>{message}</p>
    <p><a href="/">Home</a> · <a href="/search">Search</a></p>
  </Layout>
);
