import { countryName, formatNumber, formatPartial, lgName, localePath, regionName, t, tCount, type Lang, type MessageKey } from '../i18n/index.js';
import { matchReport } from '../i18n/matchReasons.js';
import { partnersShort } from '../domain/strategy.js';
import type { LocalGovernmentFilter, PrefectureReport, Proposals, Strategy, StrategyLocalGovernment } from '../services/strategy.js';
import type { FigureTable } from './statisticsTables.js';

export type StrategyTableId = 'kinds' | 'prefectures' | 'regional' | 'cities' | 'countries' | 'spread' | 'one-country';
export type StrategyTable = FigureTable<StrategyTableId | 'local-governments'>;

const percent = (share: number) => Math.round(share * 1000) / 10;
const kindName = (lang: Lang, kind: string) => t(lang, `kind.${kind}` as MessageKey);

/** The query of the strategy's addresses: the day and target asked for, and what else is given. */
export function strategyQuery(strategy: Pick<Strategy, 'asOf' | 'target'>, asked: { asOf: boolean }, extra: Record<string, string | number | boolean | undefined> = {}): string {
  const parameters = new URLSearchParams();
  if (asked.asOf) parameters.set('asOf', strategy.asOf);
  if (strategy.target.min !== 4 || strategy.target.max !== 8) {
    parameters.set('targetMin', String(strategy.target.min));
    parameters.set('targetMax', String(strategy.target.max));
  }
  for (const [key, value] of Object.entries(extra)) if (value !== undefined && value !== false) parameters.set(key, value === true ? '1' : String(value));
  const text = parameters.toString();
  return text ? `?${text}` : '';
}

/** The address of the list behind a figure, in the reader's language. */
export function listAddress(lang: Lang, strategy: Pick<Strategy, 'asOf' | 'target'>, asked: { asOf: boolean }, filter: LocalGovernmentFilter, file = ''): string {
  return localePath(lang, `/strategy/local-governments${file}${strategyQuery(strategy, asked, { ...filter })}`);
}

/** A prefecture's name by its JIS code, from the strategy's figures. */
export function prefectureNames(strategy: Strategy): Map<string, { name: { en: string; ja: string } }> {
  return new Map(strategy.coverage.byPrefecture.map((row) => [row.prefecture.jisCode, row.prefecture]));
}

/** The table of Japanese LGs: a list behind a figure, its CSV, and the largest gaps on the page. */
export function localGovernmentTable(lang: Lang, strategy: Strategy, localGovernments: StrategyLocalGovernment[], title: string): StrategyTable {
  const prefectures = prefectureNames(strategy);
  return {
    id: 'local-governments',
    rowHeader: 0,
    title,
    summary: '',
    columns: [
      { label: t(lang, 'table.localGovernment'), kind: 'text' },
      { label: t(lang, 'table.kind'), kind: 'text' },
      { label: t(lang, 'table.prefecture'), kind: 'text' },
      { label: t(lang, 'table.population'), kind: 'count' },
      { label: t(lang, 'strategy.col.partnersAbroad'), kind: 'count' },
      { label: t(lang, 'strategy.col.countries'), kind: 'text' },
      { label: t(lang, 'strategy.col.short'), kind: 'count' },
    ],
    rows: localGovernments.map((lg) => {
      const prefecture = prefectures.get(lg.prefecture);
      return [
        lgName(lang, lg),
        kindName(lang, lg.kind),
        prefecture ? lgName(lang, prefecture) : '',
        lg.population ?? '',
        lg.partnersAbroad,
        lg.countries.map((country) => countryName(lang, country)).join(', '),
        partnersShort(lg.partnersAbroad, strategy.target),
      ];
    }),
    links: localGovernments.map((lg) => [localePath(lang, lg.url), null, null, null, null, null, null]),
  };
}

/** The strategy page's tables in the reader's language, in one place for the page and the CSVs. */
export function strategyTables(lang: Lang, strategy: Strategy, asked: { asOf: boolean }): StrategyTable[] {
  const list = (filter: LocalGovernmentFilter) => listAddress(lang, strategy, asked, filter);
  const report = (url: string) => localePath(lang, `${url}${strategyQuery(strategy, asked)}`);
  const prefectures = prefectureNames(strategy);
  const { min, max } = strategy.target;
  return [
    {
      id: 'kinds',
      rowHeader: 0,
      title: t(lang, 'strategy.gaps.byKind'),
      summary: t(lang, 'strategy.gaps.kindSummary'),
      columns: [
        { label: t(lang, 'table.kind'), kind: 'text' },
        { label: t(lang, 'strategy.col.counted'), kind: 'count' },
        { label: t(lang, 'strategy.col.withPartner'), kind: 'count' },
        { label: t(lang, 'strategy.col.withoutPartner'), kind: 'count' },
        { label: t(lang, 'strategy.col.coverage'), kind: 'percent' },
      ],
      rows: strategy.coverage.byKind.map((row) => [t(lang, `kinds.${row.kind}` as MessageKey), row.total, row.withPartner, row.total - row.withPartner, percent(row.coverage)]),
      links: strategy.coverage.byKind.map((row) => [null, list({ kind: row.kind }), list({ kind: row.kind, minPartners: 1 }), list({ kind: row.kind, maxPartners: 0 }), null]),
    },
    {
      id: 'prefectures',
      rowHeader: 1,
      title: t(lang, 'strategy.gaps.byPrefecture'),
      summary: t(lang, 'strategy.gaps.mapSummary'),
      columns: [
        { label: t(lang, 'table.code'), kind: 'text' },
        { label: t(lang, 'table.prefecture'), kind: 'text' },
        { label: t(lang, 'strategy.col.counted'), kind: 'count' },
        { label: t(lang, 'strategy.col.withPartner'), kind: 'count' },
        { label: t(lang, 'strategy.col.withoutPartner'), kind: 'count' },
        { label: t(lang, 'strategy.col.coverage'), kind: 'percent' },
      ],
      rows: strategy.coverage.byPrefecture.map((row) => [row.prefecture.jisCode, lgName(lang, row.prefecture), row.total, row.withPartner, row.total - row.withPartner, percent(row.coverage)]),
      links: strategy.coverage.byPrefecture.map((row) => {
        const prefecture = row.prefecture.jisCode;
        return [null, report(row.prefecture.url), list({ prefecture }), list({ prefecture, minPartners: 1 }), list({ prefecture, maxPartners: 0 }), null];
      }),
    },
    {
      id: 'regional',
      rowHeader: 1,
      title: t(lang, 'strategy.regional.title'),
      summary: t(lang, 'strategy.regional.summary'),
      columns: [
        { label: t(lang, 'table.code'), kind: 'text' },
        { label: t(lang, 'table.prefecture'), kind: 'text' },
        { label: t(lang, 'strategy.col.regionalPartners'), kind: 'count' },
        { label: t(lang, 'strategy.col.partnersAbroad'), kind: 'count' },
      ],
      rows: strategy.regionalPartners.map((row) => [row.prefecture.jisCode, lgName(lang, row.prefecture), row.regionalPartners, row.partnersAbroad]),
      links: strategy.regionalPartners.map((row) => [null, report(row.prefecture.url), null, localePath(lang, `/prefectures/${row.prefecture.jisCode}`)]),
    },
    {
      id: 'cities',
      rowHeader: 1,
      title: t(lang, 'strategy.cities.title'),
      summary: t(lang, 'strategy.cities.chartSummary'),
      columns: [
        { label: t(lang, 'strategy.col.rank'), kind: 'count' },
        { label: t(lang, 'strategy.col.city'), kind: 'text' },
        { label: t(lang, 'table.country'), kind: 'text' },
        { label: t(lang, 'strategy.col.continent'), kind: 'text' },
        { label: t(lang, 'table.population'), kind: 'count' },
        { label: t(lang, 'strategy.col.capital'), kind: 'text' },
        { label: t(lang, 'strategy.col.tiesAbroad'), kind: 'text' },
      ],
      rows: strategy.greatCities.withoutJapanesePartner.map((city, index) => [
        index + 1,
        lgName(lang, city),
        countryName(lang, city.country),
        t(lang, `continent.${city.continent}` as MessageKey),
        city.population ?? '',
        city.capital ? t(lang, `strategy.capital.${city.capital}`) : '',
        city.tiesAbroad.map((tie) => `${countryName(lang, tie.country)} ${formatNumber(lang, tie.count)}`).join(', '),
      ]),
      links: strategy.greatCities.withoutJapanesePartner.map((city) => [null, localePath(lang, city.url), null, null, null, null, null]),
    },
    {
      id: 'countries',
      rowHeader: 1,
      title: t(lang, 'strategy.countries.title'),
      summary: t(lang, 'strategy.countries.chartSummary'),
      columns: [
        { label: t(lang, 'table.code'), kind: 'text' },
        { label: t(lang, 'table.country'), kind: 'text' },
        { label: t(lang, 'strategy.col.continent'), kind: 'text' },
        { label: t(lang, 'table.population'), kind: 'count' },
        { label: t(lang, 'strategy.col.withJapan'), kind: 'count' },
        { label: t(lang, 'strategy.col.elsewhere'), kind: 'count' },
        { label: t(lang, 'strategy.col.japanShare'), kind: 'percent' },
        { label: t(lang, 'strategy.col.perTenMillion'), kind: 'count' },
      ],
      rows: strategy.countries.map((row) => [
        row.country,
        countryName(lang, row.country),
        t(lang, `continent.${row.continent}` as MessageKey),
        row.population,
        row.withJapan,
        row.elsewhere,
        percent(row.japanShare),
        Math.round(row.withJapanPerTenMillion * 100) / 100,
      ]),
      links: strategy.countries.map((row) => {
        const country = localePath(lang, `/countries/${row.country}`);
        return [null, country, null, null, country, null, null, null];
      }),
    },
    {
      id: 'spread',
      rowHeader: 0,
      title: t(lang, 'strategy.spread.title'),
      summary: t(lang, 'strategy.spread.summary'),
      columns: [
        { label: t(lang, 'strategy.col.partners'), kind: 'text' },
        { label: t(lang, 'strategy.col.localGovernments'), kind: 'count' },
        { label: t(lang, 'strategy.col.band'), kind: 'text' },
      ],
      rows: strategy.spread.histogram.map((row) => [
        row.orMore ? t(lang, 'strategy.spread.orMore', { count: formatNumber(lang, row.partners) }) : tCount(lang, 'strategy.spread.partners', row.partners),
        row.localGovernments,
        t(lang, row.partners < min ? 'strategy.band.below' : row.partners > max ? 'strategy.band.above' : 'strategy.band.within'),
      ]),
      links: strategy.spread.histogram.map((row) => [null, list({ minPartners: row.partners, ...(row.orMore ? {} : { maxPartners: row.partners }) }), null]),
    },
    {
      id: 'one-country',
      rowHeader: 0,
      title: t(lang, 'strategy.spread.oneCountry'),
      summary: t(lang, 'strategy.spread.oneCountryExplain'),
      columns: [
        { label: t(lang, 'table.localGovernment'), kind: 'text' },
        { label: t(lang, 'table.prefecture'), kind: 'text' },
        { label: t(lang, 'table.country'), kind: 'text' },
        { label: t(lang, 'strategy.col.partnersAbroad'), kind: 'count' },
      ],
      rows: strategy.spread.oneCountry.map((lg) => {
        const prefecture = prefectures.get(lg.prefecture);
        return [lgName(lang, lg), prefecture ? lgName(lang, prefecture) : '', countryName(lang, lg.countries[0] ?? ''), lg.partnersAbroad];
      }),
      links: strategy.spread.oneCountry.map((lg) => [localePath(lang, lg.url), null, null, null]),
    },
  ];
}

/** The tables of a prefecture's report, in one place for the page and its workbook. */
export function reportTables(
  lang: Lang,
  report: PrefectureReport,
  proposals?: Proposals,
): { coverage: FigureTable<'coverage'>; withoutPartner: FigureTable<'without-partner'>; greatCities: FigureTable<'great-cities'>; anniversaries: FigureTable<'anniversaries'> } {
  const proposed = new Map((proposals?.forJapanese ?? []).map((result) => [result.seeker.id, matchReport(lang, result)]));
  const candidatesOf = (id: number) =>
    (proposed.get(id)?.candidates ?? [])
      .map((candidate) => t(lang, 'strategy.proposals.candidate', { name: lgName(lang, candidate.localGovernment), country: countryName(lang, candidate.localGovernment.country), score: formatNumber(lang, candidate.score) }))
      .join(lang === 'ja' ? '、' : '; ');
  // The great cities whose best candidate here scores highest.
  const cities = (proposals?.forGreatCities ?? [])
    .filter((result) => result.candidates.length > 0)
    .sort((a, b) => b.candidates[0]!.score - a.candidates[0]!.score)
    .slice(0, 10)
    .map((result) => matchReport(lang, result));
  const coverageRow = (name: string, row: { total: number; withPartner: number; coverage: number }) => [name, row.total, row.withPartner, row.total - row.withPartner, percent(row.coverage)];
  const { coverage } = report;
  return {
    coverage: {
      id: 'coverage',
      rowHeader: 0,
      title: t(lang, 'strategy.prefecture.coverage'),
      summary: t(lang, 'strategy.prefecture.coverageSummary'),
      columns: [
        { label: t(lang, 'table.prefecture'), kind: 'text' },
        { label: t(lang, 'strategy.col.counted'), kind: 'count' },
        { label: t(lang, 'strategy.col.withPartner'), kind: 'count' },
        { label: t(lang, 'strategy.col.withoutPartner'), kind: 'count' },
        { label: t(lang, 'strategy.col.coverage'), kind: 'percent' },
      ],
      rows: [
        coverageRow(lgName(lang, report.prefecture), coverage.prefecture),
        coverageRow(t(lang, 'strategy.prefecture.japan'), coverage.national),
        ...coverage.neighbours.map((row) => coverageRow(lgName(lang, row.prefecture), row)),
      ],
      links: [[null], [null], ...coverage.neighbours.map((row) => [localePath(lang, row.prefecture.url)])],
    },
    withoutPartner: {
      id: 'without-partner',
      rowHeader: 0,
      title: t(lang, 'strategy.prefecture.without'),
      summary: t(lang, 'strategy.prefecture.withoutExplain'),
      columns: [
        { label: t(lang, 'table.localGovernment'), kind: 'text' },
        { label: t(lang, 'table.kind'), kind: 'text' },
        { label: t(lang, 'table.population'), kind: 'count' },
        ...(proposals ? [{ label: t(lang, 'strategy.proposals.title'), kind: 'text' as const }] : []),
      ],
      rows: report.withoutPartner.map((lg) => [lgName(lang, lg), kindName(lang, lg.kind), lg.population ?? '', ...(proposals ? [candidatesOf(lg.id)] : [])]),
      links: report.withoutPartner.map((lg) => [localePath(lang, lg.url), null, null, localePath(lang, `/match?lg=${lg.id}`)]),
    },
    greatCities: {
      id: 'great-cities',
      rowHeader: 0,
      title: t(lang, 'strategy.prefecture.greatCities'),
      summary: t(lang, 'strategy.prefecture.greatCitiesExplain', { cities: formatNumber(lang, proposals?.greatCities ?? 0) }),
      columns: [
        { label: t(lang, 'strategy.col.city'), kind: 'text' },
        { label: t(lang, 'table.country'), kind: 'text' },
        { label: t(lang, 'table.population'), kind: 'count' },
        { label: t(lang, 'strategy.proposals.col.candidate'), kind: 'text' },
        { label: t(lang, 'strategy.proposals.col.score'), kind: 'count' },
        { label: t(lang, 'strategy.proposals.col.reasons'), kind: 'text' },
      ],
      rows: cities.map((result) => {
        const best = result.candidates[0]!;
        return [
          lgName(lang, result.seeker),
          countryName(lang, result.seeker.country),
          result.seeker.population ?? '',
          lgName(lang, best.localGovernment),
          best.score,
          best.reasons.slice(0, 2).map((reason) => reason.text).join(lang === 'ja' ? '。' : '; '),
        ];
      }),
      links: cities.map((result) => [localePath(lang, result.seeker.url), null, null, localePath(lang, result.candidates[0]!.localGovernment.url), null, null]),
    },
    anniversaries: {
      id: 'anniversaries',
      rowHeader: 1,
      title: t(lang, 'strategy.prefecture.anniversaries', { year: report.anniversaries.year }),
      summary: t(lang, 'strategy.prefecture.anniversariesExplain', { year: report.anniversaries.year }),
      columns: [
        { label: t(lang, 'strategy.prefecture.years'), kind: 'count' },
        { label: t(lang, 'table.localGovernment'), kind: 'text' },
        { label: t(lang, 'table.partner'), kind: 'text' },
        { label: t(lang, 'table.country'), kind: 'text' },
        { label: t(lang, 'table.signed'), kind: 'text' },
      ],
      rows: report.anniversaries.lines.map((line) => [line.anniversary.years, lgName(lang, line.localGovernment), lgName(lang, line.partner), countryName(lang, line.partner.country), formatPartial(lang, line.signedOn!)]),
      links: report.anniversaries.lines.map((line) => [null, localePath(lang, line.localGovernment.url), localePath(lang, line.partner.url), null, localePath(lang, line.relationshipUrl)]),
    },
  };
}

/** The proposals as one table, a row per candidate: for the CLI's CSV and XLSX and a prefecture's report. */
export function proposalTable(lang: Lang, proposals: Pick<Proposals, 'forJapanese' | 'forGreatCities'>): FigureTable<'proposals'> {
  const rows: (string | number)[][] = [];
  for (const [side, results] of [
    ['japanese', proposals.forJapanese],
    ['greatCity', proposals.forGreatCities],
  ] as const) {
    for (const result of results) {
      const report = matchReport(lang, result);
      for (const candidate of report.candidates) {
        rows.push([
          t(lang, `strategy.proposals.side.${side}`),
          report.seeker.id,
          lgName(lang, report.seeker),
          countryName(lang, report.seeker.country),
          candidate.rank,
          candidate.localGovernment.id,
          lgName(lang, candidate.localGovernment),
          regionName(lang, candidate.localGovernment) ?? '',
          countryName(lang, candidate.localGovernment.country),
          candidate.score,
          candidate.reasons.map((reason) => `${reason.text} (${formatNumber(lang, Math.round(reason.points * 10) / 10)})`).join('; '),
        ]);
      }
    }
  }
  return {
    id: 'proposals',
    rowHeader: 2,
    title: t(lang, 'strategy.proposals.title'),
    summary: '',
    columns: [
      { label: t(lang, 'strategy.proposals.col.side'), kind: 'text' },
      { label: 'ID', kind: 'text' },
      { label: t(lang, 'strategy.proposals.col.for'), kind: 'text' },
      { label: t(lang, 'table.country'), kind: 'text' },
      { label: t(lang, 'strategy.col.rank'), kind: 'count' },
      { label: t(lang, 'strategy.proposals.col.candidateId'), kind: 'text' },
      { label: t(lang, 'strategy.proposals.col.candidate'), kind: 'text' },
      { label: t(lang, 'strategy.proposals.col.region'), kind: 'text' },
      { label: t(lang, 'table.country'), kind: 'text' },
      { label: t(lang, 'strategy.proposals.col.score'), kind: 'count' },
      { label: t(lang, 'strategy.proposals.col.reasons'), kind: 'text' },
    ],
    rows,
  };
}
