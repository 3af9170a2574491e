import { z } from '@hono/zod-openapi';
import { COMMENDATION_AWARDS, COMMENDATION_LINKS_MAX } from '../domain/commendations.js';
import { NEWS_LIMITS, NEWS_TAG_KINDS, NEWS_TAGS_MAX, parseTag, type NewsTag } from '../domain/news.js';
import { parsePartialDate } from '../domain/relationships.js';
import { localGovernmentId } from './inputs.js';

/** Text in English, Japanese or both, each at most `max` characters. */
const inTwoLanguages = (max: number, description: string) =>
  z
    .object({
      en: z.string({ error: 'write text' }).trim().max(max, `use at most ${max.toLocaleString('en')} characters`).default(''),
      ja: z.string({ error: 'write text' }).trim().max(max, `use at most ${max.toLocaleString('en')} characters`).default(''),
    })
    .strict()
    .default({ en: '', ja: '' })
    .openapi({ description: `${description}, in English, Japanese or both` });

const rowIds = (what: string) =>
  z
    .array(localGovernmentId)
    .max(COMMENDATION_LINKS_MAX, `link at most ${COMMENDATION_LINKS_MAX} ${what}`)
    .default([])
    .transform((ids) => [...new Set(ids)]);

/** The body of POST /api/commendations and PATCH /api/commendations/{id}. */
export const CommendationInput = z
  .object({
    award: z.enum(COMMENDATION_AWARDS, { error: `must be one of ${COMMENDATION_AWARDS.join(', ')}` }).openapi({ description: 'The award', example: 'international-exchange' }),
    year: z.number({ error: 'write the year as a number, such as 2023' }).int('write the year as a whole number').openapi({ description: 'The year it was awarded', example: 2023 }),
    localGovernmentId: localGovernmentId.nullable().default(null).openapi({ description: 'The local government commended; null when an organisation was', example: 1123 }),
    organisation: inTwoLanguages(200, 'The organisation commended, when not a local government'),
    category: inTwoLanguages(200, 'The category of the award, as the awarding body names it'),
    citation: inTwoLanguages(5000, 'The citation: what was recognised (at least one language)'),
    relationshipIds: rowIds('relationships').openapi({ description: 'The relationships it recognises (of the commended local government)' }),
    exchangeIds: rowIds('exchanges').openapi({ description: 'The exchanges it recognises (of those relationships)' }),
  })
  .strict()
  .openapi('CommendationInput');
export type CommendationInput = z.infer<typeof CommendationInput>;

/** Tags as "kind:value" strings, checked and made objects. */
const NewsTags = z
  .array(z.string({ error: 'write each tag as kind:value' }).max(40, 'a tag is at most 40 characters'))
  .max(NEWS_TAGS_MAX, `give at most ${NEWS_TAGS_MAX} tags`)
  .default([])
  .transform((texts, context) => {
    const tags: NewsTag[] = [];
    texts.forEach((text, index) => {
      const tag = parseTag(text);
      if (typeof tag === 'string') context.addIssue({ code: 'custom', message: tag, path: [index] });
      else if (!tags.some((known) => known.kind === tag.kind && known.value === tag.value)) tags.push(tag);
    });
    return tags;
  })
  .openapi({ description: `What the item is about, as kind:value (${NEWS_TAG_KINDS.join(', ')}): relationship:45, lg:1123, country:US`, example: ['country:US', 'lg:1123'] });

/** The body of POST /api/news and PATCH /api/news/{id}. */
export const NewsInput = z
  .object({
    title: inTwoLanguages(NEWS_LIMITS.title, 'The headline'),
    body: inTwoLanguages(NEWS_LIMITS.body, 'The text (plain text; blank lines part paragraphs)'),
    tags: NewsTags,
  })
  .strict()
  .openapi('NewsInput');
export type NewsInput = z.infer<typeof NewsInput>;

const day = z
  .string({ error: 'write the day as YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'write the day as YYYY-MM-DD')
  .refine((text) => typeof parsePartialDate(text) !== 'string', { message: 'is not a day of the calendar' });

/** What a coordinator asks to assemble an issue of the newsletter from. */
export const NewsletterIssueRequest = z
  .object({
    periodFrom: day,
    periodTo: day,
    /** A country's code, or empty for everywhere. */
    country: z
      .string()
      .trim()
      .regex(/^([A-Za-z]{2})?$/, 'a country is its two-letter ISO code, such as US, or empty for everywhere')
      .transform((code) => code.toUpperCase())
      .default(''),
    /** A jurisdiction's slug, or empty; not with a country. */
    jurisdiction: z.string().trim().regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/, 'choose a jurisdiction from the list, or none').default(''),
  })
  .strict()
  .refine((request) => request.periodTo >= request.periodFrom, { message: 'must not be before the first day of the period', path: ['periodTo'] })
  .refine((request) => !(request.country && request.jurisdiction), { message: 'choose a country or a jurisdiction, not both', path: ['jurisdiction'] });
export type NewsletterIssueRequest = z.infer<typeof NewsletterIssueRequest>;

/** What a coordinator edits of an issue. */
export const NewsletterIssueEdit = z
  .object({
    title: inTwoLanguages(NEWS_LIMITS.title, 'The title of the issue'),
    body: inTwoLanguages(100_000, 'The text of the issue'),
  })
  .strict()
  .refine((edit) => Boolean(edit.title.en || edit.title.ja), { message: 'give the issue a title in English, Japanese or both', path: ['title'] });
export type NewsletterIssueEdit = z.infer<typeof NewsletterIssueEdit>;

/** An address someone subscribes with. */
export const SubscriptionRequest = z
  .object({ email: z.string({ error: 'write your e-mail address' }).trim().toLowerCase().pipe(z.email('write an e-mail address such as hanako@example.jp').max(254, 'use at most 254 characters')) })
  .strict();
