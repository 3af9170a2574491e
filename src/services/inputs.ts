import { z } from '@hono/zod-openapi';
import { EXCHANGE_FIELDS, parsePartialDate, RELATIONSHIP_STATUSES } from '../domain/relationships.js';


const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'write the date as YYYY-MM-DD')
  .refine((text) => typeof parsePartialDate(text) !== 'string', { message: 'is not a day of the calendar' });
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
  renewals: z.array(z.object({ renewedOn: isoDate, newEnd: isoDate }).strict()).max(50).optional(),
  fields: z.array(z.enum(EXCHANGE_FIELDS)).max(EXCHANGE_FIELDS.length).optional().openapi({ description: 'Fields of exchange' }),
  clair: clairConditions.optional(),
  agreementUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) address' }).max(2000).nullable().optional(),
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
