/**
 * The published figures loaded once on the portal's first start, so that the register's own counts
 * have something to be set beside from the outset. Each is a figure CLAIR counted, with where it
 * can be read; coordinators correct, add and delete figures on /statistics/figures afterwards.
 *
 * The citations are written for Kizuna; the figures are as the cited texts give them.
 */

import type { FigureScope } from '../domain/publishedFigures.js';

/** What a published figure says: who counted what, to which day, and where to read it. */
export interface FigureSeed {
  publisher: string;
  /** The day the figure counts to (YYYY-MM-DD). */
  publishedOn: string;
  scope: FigureScope;
  /** '' for the total, a partner country's ISO code, or a Japanese kind. */
  subject: string;
  value: number;
  citation: string;
}

/**
 * Robert D. Eldridge's op-ed in The Japan Times (2019) gives CLAIR's counts "as of June 1": the
 * total of Japan's relationships, and the local governments of each kind with at least one. The
 * figures share one citation, so that pages show it once for them all.
 */
const ELDRIDGE =
  'Robert D. Eldridge, op-ed in The Japan Times (2019) on Japan’s need for a sister-city strategy, giving CLAIR’s counts as of 1 June 2019: 1,751 relationships of prefectures, cities, wards, towns and villages; 43 prefectures, 567 cities, 21 (special) wards, 214 towns and 36 villages with at least one relationship abroad.';

export const FIGURE_SEEDS: readonly FigureSeed[] = [
  { publisher: 'CLAIR', publishedOn: '2019-06-01', scope: 'total', subject: '', value: 1751, citation: ELDRIDGE },
  { publisher: 'CLAIR', publishedOn: '2019-06-01', scope: 'kind', subject: 'prefecture', value: 43, citation: ELDRIDGE },
  { publisher: 'CLAIR', publishedOn: '2019-06-01', scope: 'kind', subject: 'city', value: 567, citation: ELDRIDGE },
  { publisher: 'CLAIR', publishedOn: '2019-06-01', scope: 'kind', subject: 'special_ward', value: 21, citation: ELDRIDGE },
  { publisher: 'CLAIR', publishedOn: '2019-06-01', scope: 'kind', subject: 'town', value: 214, citation: ELDRIDGE },
  { publisher: 'CLAIR', publishedOn: '2019-06-01', scope: 'kind', subject: 'village', value: 36, citation: ELDRIDGE },
  {
    publisher: 'CLAIR',
    publishedOn: '2018-05-01',
    scope: 'country',
    subject: 'US',
    value: 451,
    citation:
      'Consulate General of Japan in San Francisco, “Northern and Central Californian Sister Cities in Japan”, citing CLAIR’s statistics: 451 relationships between Japan and the United States as of 1 May 2018.',
  },
];
