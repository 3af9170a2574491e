import { z } from '@hono/zod-openapi';
import { EXCHANGE_FIELDS, parsePartialDate, RELATIONSHIP_STATUSES } from '../domain/relationships.js';
import { LISTING_LIMITS } from '../domain/listings.js';
import { EXCHANGE_DIRECTIONS, EXCHANGE_KINDS, EXCHANGE_LINKS_MAX } from '../domain/exchanges.js';
import { checkDesiredRegions } from '../reference/desiredRegions.js';


const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'write the date as YYYY-MM-DD')
  .refine((text) => typeof parsePartialDate(text) !== 'string', { message: 'is not a day of the calendar' });
/** A web address a page may link to: http or https only, at most 2,000 characters (agreements, listing and tracker documents). */
export const WebAddress = z.url({ protocol: /^https?$/, error: 'must be an http(s) address' }).max(2000);

/** A row id: a positive 32-bit integer, as the database stores it. */
export const localGovernmentId = z.number().int().positive().max(2_147_483_647);

const clairConditions = z
  .object({
    signedByLeaders: z.boolean().nullable().optional().openapi({ description: 'An agreement signed by the leaders of both LGs exists.' }),
    multipleFields: z.boolean().nullable().optional().openapi({ description: 'Exchange is not limited to one field.' }),
    budgetApproved: z.boolean().nullable().optional().openapi({ description: "The Japanese LG's assembly approved a budget for it." }),
  })
  .strict();

const relationshipFields = {
  label: z.string().trim().max(100).optional().openapi({ description: 'The label as signed, in English: sister city, friendship city, twin town…', example: 'sister city' }),
  labelOriginal: z.string().trim().max(200).nullable().optional().openapi({ description: 'The label in the original language', example: '姉妹都市' }),
  signedOn: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'write the date as YYYY, YYYY-MM or YYYY-MM-DD')
    .nullable()
    .optional()
    .openapi({ description: 'Date signed, as precise as known: YYYY, YYYY-MM or YYYY-MM-DD', example: '1955-12' }),
  status: z
    .enum(RELATIONSHIP_STATUSES)
    .refine((status) => status !== 'ended', { message: 'a relationship is ended by its end action, which records the date' })
    .optional(),
  fixedTermEnd: isoDate.nullable().optional().openapi({ description: 'For a fixed-term relationship, when the current term ends' }),
  renewals: z
    .array(z.object({ renewedOn: isoDate, newEnd: isoDate }).strict())
    .max(50)
    .optional()
    .openapi({ description: 'Every renewal of the fixed term, given whole: one given as recorded keeps who recorded it; the others are recorded as the caller’s, and any not given are removed' }),
  fields: z.array(z.enum(EXCHANGE_FIELDS)).max(EXCHANGE_FIELDS.length).optional().openapi({ description: 'Fields of exchange' }),
  clair: clairConditions.optional(),
  agreementUrl: WebAddress.nullable().optional(),
  source: z.string().trim().min(1).max(500).optional().openapi({ description: 'Where the facts come from', example: 'CLAIR list, June 2019' }),
  verified: z.boolean().optional(),
  notes: z.string().max(5000).nullable().optional(),
};

/** The body of POST /api/relationships. */
export const RelationshipCreateInput = z
  .object({
    localGovernmentIds: z
      .array(localGovernmentId)
      .length(2, 'name exactly two local governments')
      .openapi({ description: 'The ids of the two parties', example: [1, 2] }),
    ...relationshipFields,
  })
  .strict()
  .openapi('RelationshipCreateInput');
export type RelationshipCreateInput = z.infer<typeof RelationshipCreateInput>;

/** The body of PATCH /api/relationships/{id}: any field but the parties. */
export const RelationshipUpdateInput = z.object(relationshipFields).strict().openapi('RelationshipUpdateInput');
export type RelationshipUpdateInput = z.infer<typeof RelationshipUpdateInput>;

/** The body of POST /api/relationships/{id}/end. */
export const RelationshipEndInput = z
  .object({
    endedOn: isoDate.openapi({ example: '2020-03-31' }),
    notes: z.string().max(5000).optional(),
  })
  .strict()
  .openapi('RelationshipEndInput');
export type RelationshipEndInput = z.infer<typeof RelationshipEndInput>;

const bilingualText = (max: number, description: string) =>
  z
    .object({
      en: z.string().trim().max(max, `use at most ${max} characters`).default(''),
      ja: z.string().trim().max(max, `use at most ${max} characters`).default(''),
    })
    .strict()
    .openapi({ description: `${description}, in English, Japanese or both` });

/** A listing's contents, as an officer writes them; any part may still be missing in a draft. */
export const ListingInput = z
  .object({
    population: z
      .number()
      .int('write a whole number')
      .min(LISTING_LIMITS.population.min, 'must be at least 1')
      .max(LISTING_LIMITS.population.max, 'is larger than any local government (over 40 million)')
      .nullable()
      .default(null),
    populationAsOf: z
      .string()
      .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'write the date as YYYY, YYYY-MM or YYYY-MM-DD')
      .refine((text) => typeof parsePartialDate(text) !== 'string', { message: 'is not a day of the calendar' })
      .nullable()
      .default(null)
      .openapi({ description: 'When the population was counted', example: '2021-06' }),
    areaKm2: z
      .number()
      .min(LISTING_LIMITS.areaKm2.min, 'must be at least 0.01 km²')
      .max(LISTING_LIMITS.areaKm2.max, 'is larger than any local government (over 3.2 million km²)')
      .nullable()
      .default(null),
    desiredRegions: z
      .array(z.string().max(60))
      .max(LISTING_LIMITS.desiredRegions, `choose at most ${LISTING_LIMITS.desiredRegions}`)
      .default([])
      .superRefine((codes, context) => {
        for (const message of checkDesiredRegions(codes)) context.addIssue({ code: 'custom', message });
      })
      .openapi({ description: 'Codes of countries, continents, sub-regions and language groups: country:AU, continent:OC, language:eng' }),
    fields: z.array(z.enum(EXCHANGE_FIELDS)).max(EXCHANGE_FIELDS.length).default([]),
    outline: bilingualText(LISTING_LIMITS.outline, 'Outline of the local government').default({ en: '', ja: '' }),
    characteristics: bilingualText(LISTING_LIMITS.characteristics, 'Desired characteristics of the partner').default({ en: '', ja: '' }),
    pr: bilingualText(LISTING_LIMITS.pr, 'PR information').default({ en: '', ja: '' }),
    links: z
      .array(
        z
          .object({
            url: WebAddress,
            label: z.string().trim().min(1, 'give the link a label').max(100, 'use at most 100 characters'),
          })
          .strict(),
      )
      .max(LISTING_LIMITS.links, `give at most ${LISTING_LIMITS.links} links`)
      .default([]),
    contact: z
      .object({
        name: z.string().trim().max(LISTING_LIMITS.contactLine, `use at most ${LISTING_LIMITS.contactLine} characters`).default(''),
        email: z.union([z.literal(''), z.email('write an e-mail address such as exchange@city.example.jp').max(254)]).default(''),
        phone: z
          .string()
          .trim()
          .max(40, 'use at most 40 characters')
          .regex(/^[0-9+()\-.\s]*$/, 'use digits, spaces and + ( ) - only')
          .default(''),
      })
      .strict()
      .default({ name: '', email: '', phone: '' }),
  })
  .strict()
  .openapi('ListingInput');
export type ListingInput = z.infer<typeof ListingInput>;

/** A link of an exchange: an address and the words to show for it. */
const ExchangeLink = z
  .object({
    url: WebAddress,
    label: z.string().trim().min(1, 'give the link a label').max(100, 'use at most 100 characters'),
  })
  .strict();

/** The body of POST /api/relationships/{id}/exchanges. */
export const ExchangeInput = z
  .object({
    startedOn: isoDate.openapi({ description: 'The day of the exchange, or the first day of its period', example: '2024-07-20' }),
    endedOn: isoDate.nullable().default(null).openapi({ description: 'The last day of a period; null for one day', example: '2024-07-28' }),
    kind: z.enum(EXCHANGE_KINDS, { error: `must be one of ${EXCHANGE_KINDS.join(', ')}` }).openapi({ description: 'The kind of exchange, after CLAIR’s kinds', example: 'student_youth' }),
    direction: z
      .enum(EXCHANGE_DIRECTIONS, { error: `must be one of ${EXCHANGE_DIRECTIONS.join(', ')}` })
      .openapi({ description: 'visit: the people of one party (visitorId) visited the other; mutual: both ways; remote: nobody travelled (online, by post)', example: 'visit' }),
    visitorId: localGovernmentId.nullable().default(null).openapi({ description: 'For a visit, the id of the party whose people travelled', example: 1123 }),
    participants: z
      .number({ error: 'write a whole number' })
      .int('write a whole number')
      .min(0, 'must not be negative')
      .max(1_000_000, 'must be at most 1,000,000')
      .nullable()
      .default(null)
      .openapi({ description: 'How many took part; null when not known', example: 12 }),
    description: z
      .object({
        en: z.string().trim().max(2000, 'use at most 2,000 characters').default(''),
        ja: z.string().trim().max(2000, 'use at most 2,000 characters').default(''),
      })
      .strict()
      .openapi({ description: 'A short description in English, Japanese or both (at least one)' }),
    links: z.array(ExchangeLink).max(EXCHANGE_LINKS_MAX, `give at most ${EXCHANGE_LINKS_MAX} links`).default([]),
  })
  .strict()
  .openapi('ExchangeInput');
export type ExchangeInput = z.infer<typeof ExchangeInput>;

/** The body of POST /api/relationships/{id}/renewals. */
export const RenewalInput = z
  .object({
    renewedOn: isoDate.openapi({ description: 'The day the renewal was agreed', example: '2005-09-01' }),
    newEnd: isoDate.openapi({ description: 'The last day of the renewed term', example: '2008-09-30' }),
  })
  .strict()
  .openapi('RenewalInput');
export type RenewalInput = z.infer<typeof RenewalInput>;
