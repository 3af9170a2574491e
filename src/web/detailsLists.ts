import { countryName, formatPartial, lgName, localePath, regionName, t, type Lang, type MessageKey } from '../i18n/index.js';
import type { PartnerLine } from '../services/lists.js';

/** The ways a details list can be ordered. */
export const SORTS = ['local', 'partner', 'signed'] as const;
export type ListSort = (typeof SORTS)[number];

/** Lines ordered as asked: by the list's own LG, by partner, or by date signed (undated last). */
export function sortLines(lang: Lang, lines: PartnerLine[], sort: ListSort): PartnerLine[] {
  const collator = new Intl.Collator(lang);
  const byName = (key: 'localGovernment' | 'partner') => (a: PartnerLine, b: PartnerLine) => collator.compare(lgName(lang, a[key]), lgName(lang, b[key]));
  const compare: Record<ListSort, (a: PartnerLine, b: PartnerLine) => number> = {
    local: (a, b) =>
      collator.compare(regionName(lang, a.localGovernment) ?? '\uffff', regionName(lang, b.localGovernment) ?? '\uffff') ||
      collator.compare(a.localGovernment.jisCode ?? '', b.localGovernment.jisCode ?? '') ||
      byName('localGovernment')(a, b),
    partner: byName('partner'),
    signed: (a, b) => (a.signedOn ?? '9999').localeCompare(b.signedOn ?? '9999') || byName('localGovernment')(a, b),
  };
  return [...lines].sort((a, b) => compare[sort](a, b) || a.relationshipId - b.relationshipId);
}

/** The columns and rows of a details list for download, in the reader's language. */
export function downloadRows(lang: Lang, lines: PartnerLine[], origin: string): { header: string[]; rows: string[][] } {
  const header = [
    t(lang, 'table.localGovernment'),
    t(lang, 'table.code'),
    t(lang, 'download.region'),
    t(lang, 'table.country'),
    t(lang, 'table.partner'),
    t(lang, 'download.partnerRegion'),
    t(lang, 'download.partnerCountry'),
    t(lang, 'table.label'),
    t(lang, 'table.signed'),
    t(lang, 'table.status'),
    t(lang, 'exchanges.list.vitality'),
    t(lang, 'download.address'),
  ];
  const rows = lines.map((line) => [
    lgName(lang, line.localGovernment),
    line.localGovernment.jisCode ?? '',
    regionName(lang, line.localGovernment) ?? '',
    countryName(lang, line.localGovernment.country),
    lgName(lang, line.partner),
    regionName(lang, line.partner) ?? '',
    countryName(lang, line.partner.country),
    line.label,
    line.signedOn ? formatPartial(lang, line.signedOn) : '',
    t(lang, `status.${line.status}` as MessageKey),
    line.vitality ? t(lang, `exchanges.vitality.${line.vitality}`) : '',
    origin + localePath(lang, line.relationshipUrl),
  ]);
  return { header, rows };
}

/** Lines a page shows at most; longer lists are paged. */
export const PAGE_SIZE = 100;

/** The page of a list that is asked for (1 when the number is missing or past the end). */
export function pageOf<T>(items: T[], requested: number): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
  const page = Number.isInteger(requested) && requested >= 1 && requested <= pages ? requested : 1;
  return { items: items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), page, pages };
}
