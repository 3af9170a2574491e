import { z } from '@hono/zod-openapi';
import { today } from '../../services/registry.js';
import { DATE_PRECISIONS, EARLIEST_YEAR, EXCHANGE_FIELDS, parsePartialDate, RELATIONSHIP_STATUSES, SOURCE_KINDS } from '../../domain/relationships.js';
import { FIGURE_SCOPES } from '../../domain/publishedFigures.js';
import { CLOSED_REASONS, LISTING_DIRECTIONS, LISTING_STATUSES, POPULATION_BANDS, type PopulationBand } from '../../domain/listings.js';
import { findDesiredRegion } from '../../reference/desiredRegions.js';
import { JAPANESE_KINDS, SEARCH_KINDS } from '../../domain/statistics.js';
import { DEFAULT_WEIGHTS, MATCH_FACTORS, MAX_WEIGHT, type MatchFactor } from '../../domain/matching.js';
import { EXCHANGE_DIRECTIONS, EXCHANGE_KINDS } from '../../domain/exchanges.js';
import { VITALITIES } from '../../domain/vitality.js';

/** A numeric path parameter that stays a string in the OpenAPI document. */
export const IdParam = z.object({
  id: z.string().regex(/^\d{1,9}$/, 'must be a whole number').transform(Number).openapi({ param: { name: 'id', in: 'path' }, example: '1' }),
});

const countryCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as JP or GB')
  .transform((code) => code.toUpperCase());
const page = z.coerce.number().int().min(1).max(100_000).optional();

export const LocalGovernmentSummary = z
  .object({
    id: z.number().int(),
    url: z.string().openapi({ example: '/lg/1123-ibara-city' }),
    name: z.object({ en: z.string(), ja: z.string().nullable() }),
    kind: z.string().openapi({ example: 'city' }),
    country: z.string().openapi({ example: 'JP' }),
    region: z
      .object({ en: z.string(), ja: z.string().nullable() })
      .nullable()
      .openapi({ description: 'The prefecture, state or province it lies in, in English and, where known, Japanese', example: { en: 'Okayama Prefecture', ja: '岡山県' } }),
    jisCode: z.string().nullable().openapi({ example: '332071' }),
    geonamesId: z.number().int().nullable(),
    population: z.number().int().nullable(),
    designatedCity: z.boolean(),
  })
  .openapi('LocalGovernmentSummary');

export const SearchQuery = z.object({
  q: z.string().min(1, 'type a name to search for').max(200, 'at most 200 characters').openapi({ example: 'ibara' }),
  country: countryCode.optional().openapi({ example: 'JP' }),
  kind: z.string().max(40).optional().openapi({ example: 'city' }),
  limit: z.coerce.number().int().min(1, 'at least 1').max(100, 'at most 100').optional().openapi({ example: 10 }),
});

export const SearchResponse = z
  .object({
    results: z.array(
      LocalGovernmentSummary.extend({
        match: z.number().openapi({ description: '1 for an exact name; lower for a prefix or a near match' }),
        formerName: z.string().optional().openapi({ description: 'The municipality merged into this one whose name matched', example: '栗沢町' }),
      }),
    ),
  })
  .openapi('SearchResponse');

export const LocalGovernmentListQuery = z.object({
  country: countryCode.optional(),
  kind: z.string().max(40).optional(),
  parent: z.coerce.number().int().positive().max(2_147_483_647).optional().openapi({ description: 'id of the parent (prefecture or designated city)' }),
  page,
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const RelationshipListQuery = z.object({
  lg: z.coerce.number().int().positive().max(2_147_483_647).optional().openapi({ description: 'id of a party' }),
  country: countryCode.optional().openapi({ description: 'a party in this country' }),
  status: z.enum(RELATIONSHIP_STATUSES).optional(),
  page,
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const Relationship = z
  .object({
    id: z.number().int(),
    url: z.string(),
    parties: z.tuple([LocalGovernmentSummary, LocalGovernmentSummary]),
    label: z.string(),
    labelOriginal: z.string().nullable(),
    signedOn: z.string().nullable().openapi({ example: '1955-12' }),
    signedPrecision: z.enum(DATE_PRECISIONS).nullable(),
    status: z.string(),
    endedOn: z.string().nullable(),
    fixedTermEnd: z.string().nullable().openapi({ description: 'For a fixed-term relationship, the last day of the current term (renewals included)' }),
    renewals: z.array(
      z.object({
        renewedOn: z.string(),
        newEnd: z.string(),
        previousEnd: z.string().nullable().openapi({ description: 'The end of the term it extended; null when not recorded' }),
        recordedBy: z.string().nullable().openapi({ description: 'The name of the account that recorded it; null when not recorded by a person' }),
      }),
    ),
    exchanges: z
      .object({ count: z.number().int(), lastExchangeOn: z.string().nullable() })
      .openapi({ description: 'How many exchanges are recorded (GET /relationships/{id}/exchanges lists them), and the last day of the last one' }),
    vitality: z
      .enum(VITALITIES)
      .nullable()
      .openapi({
        description:
          'active: an exchange in the last 3 years; quiet: the last 3 to 10 years ago; in-name-only: none in 10 years, or none ever for one signed over 3 years ago whose record is kept up; unrecorded: no exchange recorded; expired: a fixed term ended without renewal; null when not in force (proposed or ended). The spans are settings of the installation.',
      }),
    fields: z.array(z.string()),
    clair: z.object({
      signedByLeaders: z.boolean().nullable(),
      multipleFields: z.boolean().nullable(),
      budgetApproved: z.boolean().nullable(),
      meetsAll: z.boolean(),
    }),
    agreementUrl: z.string().nullable(),
    source: z.string(),
    verified: z.boolean(),
    notes: z.string().nullable(),
    domestic: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Relationship');

export const LocalGovernmentDetail = LocalGovernmentSummary.extend({
  nameLocal: z.string(),
  nameKana: z.string().nullable(),
  nameRomaji: z.string(),
  parent: LocalGovernmentSummary.nullable(),
  populationYear: z.number().int().nullable(),
  areaKm2: z.number().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  website: z.string().nullable(),
  inCoverage: z.boolean(),
  verified: z.boolean(),
  source: z.string(),
  relationships: z.array(Relationship),
}).openapi('LocalGovernmentDetail');

export const Page = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ total: z.number().int(), results: z.array(item) }).openapi(name);

export const StatisticsQuery = z.object({
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'write the date as YYYY-MM-DD')
    .refine((text) => typeof parsePartialDate(text) !== 'string', { message: 'is not a day of the calendar' })
    .refine((text) => text >= `${EARLIEST_YEAR}-01-01`, { message: `must not be before ${EARLIEST_YEAR}` })
    .refine((text) => text <= today(), { message: 'must not be in the future' })
    .optional()
    .openapi({ description: 'The day the figures describe; today when absent', example: '2019-06-01' }),
});

const Totals = z.object({ international: z.number().int(), domestic: z.number().int() });

const VitalityCounts = z.object({
  active: z.number().int(),
  quiet: z.number().int(),
  'in-name-only': z.number().int(),
  unrecorded: z.number().int(),
  expired: z.number().int(),
});

const RegisterBeside = z
  .object({
    inForce: z.number().int().openapi({ description: "The register's figure for the same thing on the figure's day, by the register's rule (an undated relationship counts from the day it was recorded)" }),
    withUndated: z
      .number()
      .int()
      .openapi({ description: 'The same, counting also every relationship without a date of signing not ended by then: the most the register could hold that day' }),
    difference: z
      .object({ inForce: z.number().int(), withUndated: z.number().int() })
      .openapi({ description: 'The register’s figures less the published value; negative when the register has fewer' }),
    verdict: z
      .enum(['fewer', 'more', 'same', 'within'])
      .openapi({
        description:
          'fewer: fewer even counting the undated relationships; more: more even without them; same: equal; within: the undated relationships could make up the difference',
      }),
  })
  .openapi('RegisterBesidePublished');

export const Statistics = z
  .object({
    asOf: z.string().openapi({ example: '2026-11-21' }),
    totals: Totals,
    previousMonth: Totals.extend({ asOf: z.string() }).openapi({ description: 'The totals a month before asOf, by the same rule' }),
    change: Totals.openapi({
      description: 'Relationships signed since previousMonth.asOf less those ended since; a relationship without a date of signing never counts as new',
    }),
    undated: z.number().int().openapi({
      description:
        'International relationships in force with no recorded date of signing: counted from the day their record was made (never in the past before it), and left out of growth per year',
    }),
    byCountry: z.array(z.object({ country: z.string(), count: z.number().int(), undated: z.number().int().openapi({ description: 'Of count, those without a recorded date' }) })),
    byKind: z.array(z.object({ kind: z.string(), total: z.number().int(), withPartner: z.number().int(), coverage: z.number() })),
    byPrefecture: z.array(
      z.object({
        prefecture: z.object({ id: z.number().int(), jisCode: z.string(), name: z.object({ en: z.string(), ja: z.string() }) }),
        relationships: z.number().int(),
        undated: z.number().int().openapi({ description: 'Of relationships, those without a recorded date' }),
        localGovernmentsWithPartner: z.number().int(),
      }),
    ),
    byLabel: z.array(z.object({ label: z.string(), count: z.number().int(), undated: z.number().int() })),
    growth: z
      .object({
        years: z.array(z.object({ year: z.number().int(), signed: z.number().int(), inForce: z.number().int() })),
        milestones: z.array(z.object({ ordinal: z.number().int(), signedOn: z.string() })),
      })
      .openapi({ description: 'Relationships with a recorded date only; those without one are counted in undated' }),
    signedAwaitingExchange: z
      .object({
        international: z.number().int(),
        domestic: z.number().int(),
        relationships: z.array(
          z.object({
            id: z.number().int(),
            url: z.string(),
            parties: z.array(z.object({ id: z.number().int(), url: z.string(), name: z.object({ en: z.string(), ja: z.string().nullable() }) })),
            label: z.string(),
            signedOn: z.string(),
            domestic: z.boolean(),
          }),
        ),
      })
      .openapi({ description: 'Agreements signed by the day whose first exchange has not begun (status proposed): not counted in any other figure' }),
    sources: z
      .object({
        relationships: z.number().int().openapi({ description: 'The international relationships the figures count' }),
        undated: z.number().int().openapi({ description: 'Of them, those without a recorded date of signing' }),
        bySource: z.array(
          z.object({
            kind: z.enum(SOURCE_KINDS).openapi({ description: 'register: a register sheet; pairs: a twin-town pairs file; entry: entered by a person; tracker: recorded on signing by a formation tracker' }),
            source: z.string().openapi({ description: 'The sheet, file, person or tracker, by name', example: 'twin_cities.csv' }),
            count: z.number().int(),
          }),
        ),
      })
      .openapi({ description: 'Which sources the international figures rest on, and how many relationships each gives' }),
    published: z
      .array(
        z.object({
          id: z.number().int(),
          publisher: z.string().openapi({ example: 'CLAIR' }),
          publishedOn: z.string().openapi({ description: 'The day the published figure counts to', example: '2019-06-01' }),
          scope: z.enum(FIGURE_SCOPES).openapi({ description: 'total: international relationships; country: those with one partner country; kind: Japanese LGs of one kind with a partner abroad' }),
          subject: z.string().openapi({ description: "'' for the total, the partner country's code, or the Japanese kind", example: 'US' }),
          value: z.number().int().openapi({ example: 1751 }),
          citation: z.string().openapi({ description: 'Where the figure can be read' }),
          register: RegisterBeside,
        }),
      )
      .openapi({ description: "Figures published elsewhere, each beside the register's own for the same thing on the same day" }),
    vitality: z
      .object({
        thresholds: z.object({ activeYears: z.number().int(), quietYears: z.number().int() }).openapi({ description: 'The spans of the installation (settings KIZUNA_VITALITY_ACTIVE_YEARS and KIZUNA_VITALITY_QUIET_YEARS)' }),
        totals: VitalityCounts,
        byCountry: z.array(VitalityCounts.extend({ country: z.string() })),
        byKind: z.array(VitalityCounts.extend({ kind: z.string() })),
      })
      .openapi({
        description:
          'International relationships by vitality on asOf, from the exchange log: active is how many have an exchange recorded in the last activeYears; expired ones (a fixed term ended without renewal) are counted here and in no other figure',
      }),
  })
  .openapi('Statistics');

export const Exchange = z
  .object({
    id: z.number().int(),
    relationshipId: z.number().int(),
    startedOn: z.string().openapi({ example: '2024-07-20' }),
    endedOn: z.string().nullable().openapi({ example: '2024-07-28' }),
    kind: z.enum(EXCHANGE_KINDS),
    direction: z.enum(EXCHANGE_DIRECTIONS),
    visitorId: z.number().int().nullable(),
    participants: z.number().int().nullable(),
    description: z.object({ en: z.string(), ja: z.string() }),
    links: z.array(z.object({ url: z.string(), label: z.string() })),
    recordedBy: z.string().nullable().openapi({ description: 'The name of the account that recorded it' }),
    createdAt: z.string(),
  })
  .openapi('Exchange');

export const ExchangeList = z.object({ results: z.array(Exchange) }).openapi('ExchangeList');

export const ExchangeIdParams = z.object({
  id: IdParam.shape.id,
  exchangeId: z.string().regex(/^\d{1,9}$/, 'must be a whole number').transform(Number).openapi({ param: { name: 'exchangeId', in: 'path' }, example: '1' }),
});

export const ErrorBody = z
  .object({
    error: z.object({
      id: z.string().openapi({ example: 'validation_failed' }),
      message: z.string(),
      problems: z.array(z.object({ field: z.string(), message: z.string() })),
    }),
  })
  .openapi('Error');

const bilingual = z.object({ en: z.string(), ja: z.string() });
const POPULATION_BAND_IDS = POPULATION_BANDS.map((band) => band.id) as [PopulationBand, ...PopulationBand[]];

/** The optional filters of the listings; the pages drop a value this refuses, the API answers 422 naming it. */
export const ListingFilterQuery = z.object({
  region: z
    .string()
    .max(60)
    .refine((code) => findDesiredRegion(code) !== undefined, { message: 'is not a known country or region; use a code such as country:AU, continent:OC or language:eng' })
    .optional()
    .openapi({ description: 'Listings whose desired countries and regions share a country with this one', example: 'continent:OC' }),
  kind: z.enum(SEARCH_KINDS, { error: `must be one of ${SEARCH_KINDS.join(', ')}` }).optional().openapi({ description: 'Kind of the local government', example: 'town' }),
  band: z
    .enum(POPULATION_BAND_IDS, { error: `must be one of ${POPULATION_BAND_IDS.join(', ')}` })
    .optional()
    .openapi({ description: 'Population band', example: 'under-10k' }),
  field: z.enum(EXCHANGE_FIELDS, { error: `must be one of ${EXCHANGE_FIELDS.join(', ')}` }).optional().openapi({ description: 'Field of exchange', example: 'education_youth' }),
  q: z.string().max(200, 'at most 200 characters').optional().openapi({ description: 'Words to find in the names and texts, in English or Japanese; all must occur', example: 'denim' }),
});

export const ListingListQuery = ListingFilterQuery.extend({
  direction: z
    .enum(LISTING_DIRECTIONS, { error: 'give from-japan (Japanese local governments seeking partners abroad) or to-japan (local governments abroad seeking Japanese partners)' })
    .openapi({ example: 'from-japan' }),
});

export const Listing = z
  .object({
    id: z.number().int(),
    url: z.string().openapi({ example: '/listings/1' }),
    direction: z.enum(LISTING_DIRECTIONS),
    status: z.enum(LISTING_STATUSES).openapi({ description: 'Only published listings are public; owners and coordinators see the others' }),
    closedReason: z.enum(CLOSED_REASONS).nullable(),
    localGovernment: LocalGovernmentSummary,
    prefecture: z
      .object({ id: z.number().int(), name: z.object({ en: z.string(), ja: z.string().nullable() }) })
      .nullable()
      .openapi({ description: 'The prefecture of a Japanese local government; null abroad' }),
    population: z.number().int().nullable().openapi({ example: 39019 }),
    populationAsOf: z.object({ date: z.string(), precision: z.enum(DATE_PRECISIONS) }).nullable().openapi({ description: 'When the population was counted' }),
    areaKm2: z.number().nullable().openapi({ example: 243.54 }),
    desiredRegions: z.array(z.string()).openapi({ example: ['language:eng'] }),
    fields: z.array(z.enum(EXCHANGE_FIELDS)),
    outline: bilingual,
    characteristics: bilingual,
    pr: bilingual.openapi({ description: 'Paragraphs separated by blank lines' }),
    links: z.array(z.object({ url: z.string(), label: z.string() })),
    contact: z.object({ name: z.string(), email: z.string(), phone: z.string() }),
    imageUrl: z.string().nullable().openapi({ example: '/listings/1/image' }),
    updatedAt: z.string(),
    publishedAt: z.string().nullable(),
    expiresOn: z.string().nullable().openapi({ description: 'For a published listing: the day it leaves the public pages unless renewed' }),
  })
  .openapi('Listing');

export const ListingListResponse = z.object({ results: z.array(Listing) }).openapi('ListingList');

const weightParams = Object.fromEntries(
  MATCH_FACTORS.map((factor) => [
    `w_${factor}`,
    z.coerce
      .number({ error: `write a number from 0 to ${MAX_WEIGHT}, such as 2 or 0.5` })
      .min(0, `write a number from 0 to ${MAX_WEIGHT}, such as 2 or 0.5`)
      .max(MAX_WEIGHT, `write a number from 0 to ${MAX_WEIGHT}, such as 2 or 0.5`)
      .optional()
      .openapi({ description: `Weight of the factor ${factor} (default ${DEFAULT_WEIGHTS[factor]})`, example: DEFAULT_WEIGHTS[factor] }),
  ]),
) as Record<`w_${MatchFactor}`, z.ZodOptional<z.ZodCoercedNumber>>;

/** Whom to match and how: the LG, how many candidates, and any weights other than the defaults. */
export const MatchQuery = z
  .object({
    lg: z.coerce.number({ error: 'give the id of a local government' }).int('give the id of a local government').positive('give the id of a local government').max(2_147_483_647).openapi({ description: 'id of the local government seeking partners', example: 1496 }),
    limit: z.coerce.number().int().min(1, 'at least 1').max(100, 'at most 100').optional().openapi({ description: 'How many candidates (default 20)', example: 20 }),
    lang: z.enum(['en', 'ja'], { error: 'give en or ja' }).optional().openapi({ description: 'Language of the reasons (default en)' }),
    ...weightParams,
  })
  .refine((query) => MATCH_FACTORS.some((factor) => (query[`w_${factor}`] ?? DEFAULT_WEIGHTS[factor]) > 0), { message: 'at least one weight must be above 0', path: ['w_reciprocity'] });

/** The weights a checked query asks for. */
export const weightsOf = (query: z.infer<typeof MatchQuery>) =>
  Object.fromEntries(MATCH_FACTORS.map((factor) => [factor, query[`w_${factor}`] ?? DEFAULT_WEIGHTS[factor]])) as Record<MatchFactor, number>;

export const MatchResponse = z
  .object({
    seeker: LocalGovernmentSummary,
    seekerListing: z.object({ id: z.number().int(), url: z.string(), status: z.enum(LISTING_STATUSES) }).nullable().openapi({ description: 'The listing the ranking used, if any' }),
    poolSize: z.number().int().openapi({ description: 'How many candidates were ranked' }),
    weights: z.record(z.enum(MATCH_FACTORS), z.number()),
    candidates: z.array(
      z.object({
        rank: z.number().int(),
        localGovernment: LocalGovernmentSummary,
        listing: z.object({ id: z.number().int(), url: z.string() }).nullable().openapi({ description: 'The candidate’s published listing, if any' }),
        score: z.number().openapi({ description: 'From 0 to 100: the sum of the points of the reasons', example: 41.2 }),
        reasons: z.array(
          z.object({
            factor: z.enum(MATCH_FACTORS),
            points: z.number().openapi({ example: 9.4 }),
            text: z.string().openapi({ example: 'Similar size: 34,424 and 39,019 inhabitants' }),
          }),
        ),
      }),
    ),
  })
  .openapi('MatchResponse');

/** The continents great cities can be filtered by (countries-list's codes). */
export const CONTINENT_CODES = ['AF', 'AN', 'AS', 'EU', 'NA', 'OC', 'SA'] as const;

const targetEnd = (end: string) =>
  z.coerce
    .number({ error: 'write a whole number from 1 to 50' })
    .int('write a whole number from 1 to 50')
    .min(1, 'write a whole number from 1 to 50')
    .max(50, 'write a whole number from 1 to 50')
    .optional()
    .openapi({ description: `The ${end} of the target range of partners abroad per LG (default ${end === 'lower end' ? 4 : 8}, as the op-ed suggests)` });

const strategyFields = {
  asOf: StatisticsQuery.shape.asOf,
  targetMin: targetEnd('lower end'),
  targetMax: targetEnd('upper end'),
};
const targetInOrder = (query: { targetMin?: number | undefined; targetMax?: number | undefined }) => (query.targetMin ?? 4) <= (query.targetMax ?? 8);
const targetOrder = { message: 'the lower end of the target must not be above its upper end', path: ['targetMax'] };

/** The strategy's day, target, and the filter of its great cities. */
export const StrategyQuery = z
  .object({
    ...strategyFields,
    country: countryCode.optional().openapi({ description: 'Only the great cities of this country (ISO 3166-1 alpha-2); an unknown code is answered with 404', example: 'GB' }),
    continent: z.enum(CONTINENT_CODES, { error: `give one of ${CONTINENT_CODES.join(', ')}` }).optional().openapi({ description: 'Only the great cities of this continent', example: 'EU' }),
  })
  .refine(targetInOrder, targetOrder);
export type StrategyQuery = z.infer<typeof StrategyQuery>;

const partnersBound = z.coerce.number({ error: 'write a whole number from 0 to 1000' }).int('write a whole number from 0 to 1000').min(0, 'write a whole number from 0 to 1000').max(1000, 'write a whole number from 0 to 1000').optional();

/** Which Japanese LGs the list behind a strategy figure holds. */
export const StrategyListQuery = z
  .object({
    ...strategyFields,
    kind: z.enum(JAPANESE_KINDS, { error: `give one of ${JAPANESE_KINDS.join(', ')}` }).optional(),
    prefecture: z.string().regex(/^\d{6}$/, 'give the six-digit JIS code of a prefecture, such as 330001').optional(),
    minPartners: partnersBound,
    maxPartners: partnersBound,
    oneCountry: z.enum(['1', 'true'], { error: 'give 1 to list only LGs with every partner in one country' }).optional(),
  })
  .refine(targetInOrder, targetOrder);
export type StrategyListQuery = z.infer<typeof StrategyListQuery>;

const StrategyPrefecture = z.object({ id: z.number().int(), jisCode: z.string(), name: z.object({ en: z.string(), ja: z.string() }), url: z.string().openapi({ example: '/strategy/prefectures/330001' }) });
const StrategyLocalGovernment = z.object({
  id: z.number().int(),
  url: z.string(),
  name: z.object({ en: z.string(), ja: z.string().nullable() }),
  kind: z.string(),
  population: z.number().int().nullable(),
  prefecture: z.string().openapi({ description: 'JIS code of its prefecture' }),
  partnersAbroad: z.number().int().openapi({ description: 'Distinct partners abroad in force on the day' }),
  countries: z.array(z.string()).openapi({ description: 'Their countries, most partners first' }),
});
const Coverage = { total: z.number().int(), withPartner: z.number().int(), coverage: z.number().openapi({ description: 'withPartner / total, to four decimals' }) };

export const Strategy = z
  .object({
    asOf: z.string().openapi({ example: '2026-12-07' }),
    target: z.object({ min: z.number().int(), max: z.number().int() }),
    coverage: z.object({
      national: z.object(Coverage),
      byKind: z.array(z.object({ kind: z.string(), ...Coverage })),
      byPrefecture: z.array(z.object({ prefecture: StrategyPrefecture, ...Coverage })),
    }).openapi({ description: 'Japanese LGs counted (in coverage) and those with at least one partner abroad; domestic relationships do not count' }),
    withoutPartner: z.array(StrategyLocalGovernment).openapi({ description: 'Every LG counted without a partner abroad, the most populous first' }),
    regionalPartners: z
      .array(z.object({ prefecture: StrategyPrefecture, regionalPartners: z.number().int(), partnersAbroad: z.number().int() }))
      .openapi({ description: 'Each prefecture’s partners abroad recorded as a state, province, region, territory or county (regionalPartners), and all its partners abroad' }),
    greatCities: z
      .object({
        rule: z.object({ population: z.number().int(), regionalCapitalPopulation: z.number().int() }),
        filter: z.object({ country: z.string().nullable(), continent: z.string().nullable() }),
        total: z.number().int(),
        withJapanesePartner: z.number().int(),
        withoutJapanesePartner: z.array(
          z.object({
            id: z.number().int(),
            url: z.string(),
            name: z.object({ en: z.string(), ja: z.string().nullable() }),
            country: z.string(),
            continent: z.string(),
            population: z.number().int().nullable(),
            capital: z.enum(['country', 'region']).nullable(),
            tiesAbroad: z.array(z.object({ country: z.string(), count: z.number().int() })),
          }),
        ),
      })
      .openapi({ description: 'Places abroad of rule.population or more, capitals of countries, and regional capitals of rule.regionalCapitalPopulation or more; those without a partner in Japan, the most populous first' }),
    countries: z
      .array(
        z.object({
          country: z.string(),
          continent: z.string(),
          population: z.number().int(),
          withJapan: z.number().int(),
          elsewhere: z.number().int().openapi({ description: 'Relationships with countries other than Japan' }),
          japanShare: z.number(),
          withJapanPerTenMillion: z.number(),
        }),
      )
      .openapi({ description: 'Inhabited countries, the least represented in Japan first' }),
    nameOnly: z
      .union([
        z.object({ available: z.literal(false) }),
        z.object({ available: z.literal(true), relationships: z.array(z.object({ id: z.number().int(), url: z.string() })), localGovernments: z.array(StrategyLocalGovernment) }),
      ])
      .openapi({ description: 'Relationships in name only, from the exchange log’s vitality; available is false while the register keeps no exchange log' }),
    spread: z.object({
      target: z.object({ min: z.number().int(), max: z.number().int() }),
      histogram: z.array(z.object({ partners: z.number().int(), orMore: z.boolean(), localGovernments: z.number().int() })),
      below: z.number().int(),
      within: z.number().int(),
      above: z.number().int(),
      oneCountry: z.array(StrategyLocalGovernment).openapi({ description: 'LGs with two partners abroad or more, all in one country' }),
    }),
  })
  .openapi('Strategy');
