import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestAccount, OPERATOR, TEST_PASSWORD, type TestAccount } from '../../test/accounts.js';
import { COMPLETE_LISTING_FORM, signedInClient, TestClient } from '../../test/client.js';
import { openTestDatabase } from '../../test/database.js';
import { queryRows, type Database } from '../db/client.js';
import { actorOfSession, createApiToken, inviteAccount, setAccountEnabled } from '../services/accounts.js';
import { addDays } from '../domain/introductions.js';
import { expressInterest, saveTrackerStep, takeIntroductionStep } from '../services/introductions.js';
import { createListing, setListingImage, takeListingStep } from '../services/listings.js';
import { createRelationship, today } from '../services/registry.js';
import { createJurisdiction } from '../services/jurisdictions.js';
import { recordExchange } from '../services/exchanges.js';
import { recordCommendation } from '../services/commendations.js';
import { publishNews } from '../services/news.js';
import { assembleIssue, publishIssue } from '../services/newsletter.js';
import { createApp } from './app.js';
import { readListingForm } from './forms/listingForm.js';
import { SESSION_COOKIE } from './session.js';

/**
 * The web face's defences, in process over a real database: who may make each change (and that a
 * refusal changes nothing), CSRF on every form, the session cookie, sign-in throttling, hostile
 * strings in every search and filter, and the security headers of every route.
 */

let database: Database;
let app: ReturnType<typeof createApp>;
/** The LG the matrix acts on (Kurashiki: no demo listing, so fresh listings can be made for it), and another. */
const lg = { target: 0, other: 0 };
/** Foreign LGs, each the partner of one fresh relationship. */
let partners: number[] = [];
/** Foreign LGs, each the other party of one fresh introduction with the target LG. */
let strangers: number[] = [];

/** Who asks, in the columns' order. */
const WHO = ['public', 'officer', 'otherOfficer', 'coordinator', 'administrator'] as const;
type Who = (typeof WHO)[number];
const DESCRIBED: Record<Who, string> = {
  public: 'the public',
  officer: 'an officer of the LG',
  otherOfficer: 'an officer of another LG',
  coordinator: 'a coordinator',
  administrator: 'an administrator',
};
type AccountWho = Exclude<Who, 'public'>;
const accounts = {} as Record<AccountWho, TestAccount>;
/** One browser per account, signed in, and one for the public; rows that sign in or out get their own. */
const clients = {} as Record<Who, TestClient>;

async function lgId(jisCode: string): Promise<number> {
  const [row] = await queryRows<{ id: number }>(database.db, sql`select id from local_governments where jis_code = ${jisCode}`);
  return row!.id;
}

/** A browser of the public that has opened the sign-in page, so that it holds a visitor's CSRF token. */
async function publicClient(target = app): Promise<TestClient> {
  const client = new TestClient(target);
  await client.page('/sign-in');
  return client;
}

const accountClient = (account: TestAccount) => signedInClient(app, database.db, account);

const clientOf = (who: Who) => (who === 'public' ? publicClient() : accountClient(accounts[who]));

beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
  app = createApp({ db: database.db });
  lg.target = await lgId('332020');
  lg.other = await lgId('336238');
  partners = (await queryRows<{ id: number }>(database.db, sql`select id from local_governments where country = 'FR' order by id limit 200`)).map((row) => row.id);
  strangers = (await queryRows<{ id: number }>(database.db, sql`select id from local_governments where country = 'DE' order by id limit 400`)).map((row) => row.id);
  accounts.officer = await createTestAccount(database.db, 'officer', [lg.target]);
  accounts.otherOfficer = await createTestAccount(database.db, 'officer', [lg.other]);
  accounts.coordinator = await createTestAccount(database.db, 'coordinator');
  accounts.administrator = await createTestAccount(database.db, 'administrator');
  for (const who of WHO) clients[who] = await clientOf(who);
});
afterAll(() => database.close());

/** The tables a request could change. A token's last use is written by any Bearer request, allowed or not. */
const WATCHED = [
  'jurisdictions',
  'jurisdiction_members',
  'listings',
  'listing_events',
  'listing_images',
  'relationships',
  'relationship_renewals',
  'exchanges',
  'accounts',
  'account_local_governments',
  'one_time_links',
  'sessions',
  'api_tokens',
  'audit_log',
  'sign_in_failures',
  'introductions',
  'introduction_messages',
  'trackers',
  'tracker_steps',
  'commendations',
  'news_items',
  'news_tags',
  'newsletter_issues',
  'subscribers',
] as const;

/** Every watched table as its row count and a digest of all its rows. */
async function snapshot(): Promise<Record<string, string>> {
  const tables: Record<string, string> = {};
  for (const table of WATCHED) {
    const [row] = await queryRows<{ rows: number; digest: string }>(
      database.db,
      sql`select count(*)::int as rows,
            md5(coalesce(string_agg((to_jsonb(t) - 'last_used_at')::text, '|' order by (to_jsonb(t) - 'last_used_at')::text), '')) as digest
          from ${sql.identifier(table)} t`,
    );
    tables[table] = `${row!.rows} rows, ${row!.digest}`;
  }
  return tables;
}

const rowCounts = async () =>
  (await queryRows<{ listings: number; accounts: number; relationships: number }>(
    database.db,
    sql`select (select count(*)::int from listings) as listings, (select count(*)::int from accounts) as accounts, (select count(*)::int from relationships) as relationships`,
  ))[0]!;

const COMPLETE_INPUT = readListingForm(COMPLETE_LISTING_FORM).input!;

/** The smallest bytes the picture check takes for a PNG. */
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

/** Closes the target LG's open listing, if any: one open listing per LG. */
async function closeOpenListings(): Promise<void> {
  const open = await queryRows<{ id: number }>(database.db, sql`select id from listings where local_government_id = ${lg.target} and status <> 'closed'`);
  for (const { id } of open) await takeListingStep(database.db, OPERATOR, id, 'withdraw');
}

/** A new listing of the target LG in the status asked for. */
async function freshListing(status: 'draft' | 'submitted' | 'published'): Promise<number> {
  await closeOpenListings();
  const { id } = await createListing(database.db, OPERATOR, lg.target, COMPLETE_INPUT);
  if (status !== 'draft') await takeListingStep(database.db, OPERATOR, id, 'submit');
  if (status === 'published') await takeListingStep(database.db, OPERATOR, id, 'publish');
  return id;
}

const listingRow = async (id: number) =>
  (await queryRows<{ status: string; closed_reason: string | null; outline_en: string }>(
    database.db,
    sql`select status, closed_reason, outline_en from listings where id = ${id}`,
  ))[0]!;

const listingSteps = async (id: number) =>
  (await queryRows<{ step: string }>(database.db, sql`select step from listing_events where listing_id = ${id} order by id`)).map((row) => row.step);

/** A new relationship of the target LG with a foreign LG no other test uses. */
async function freshRelationship(extra: { fixedTermEnd?: string } = {}): Promise<number> {
  const partner = partners.shift();
  if (partner === undefined) throw new Error('Out of partners for fresh relationships');
  return (await createRelationship(database.db, { localGovernmentIds: [lg.target, partner], signedOn: '2020-04-01', ...extra }, OPERATOR)).id;
}

const relationshipRow = async (id: number) =>
  (await queryRows<{ status: string; notes: string | null; fixed_term_end: string | null }>(database.db, sql`select status, notes, fixed_term_end::text from relationships where id = ${id}`))[0]!;

const EXCHANGE_INPUT = {
  startedOn: '2024-07-20',
  endedOn: null,
  kind: 'culture_arts' as const,
  direction: 'mutual' as const,
  visitorId: null,
  participants: 8,
  description: { en: 'An exhibition of pupils’ drawings.', ja: '' },
  links: [],
};

const exchangeCount = async (relationshipId: number) =>
  (await queryRows<{ count: number }>(database.db, sql`select count(*)::int as count from exchanges where relationship_id = ${relationshipId}`))[0]!.count;
/** A jurisdiction's members as codes, in order; null when there is no such jurisdiction. */
const jurisdictionMembers = async (slug: string) =>
  (await queryRows<{ codes: string[] | null }>(database.db, sql`select (select array_agg(concat_ws('-', m.country, m.admin1) order by m.position) from jurisdiction_members m where m.jurisdiction_id = j.id) as codes from jurisdictions j where j.slug = ${slug}`))[0]?.codes ?? null;
const exchangeParticipants = async (exchangeId: number) =>
  (await queryRows<{ participants: number | null }>(database.db, sql`select participants from exchanges where id = ${exchangeId}`))[0]!.participants;

const accountRow = async (email: string) =>
  (await queryRows<{ id: number; status: string; role: string }>(database.db, sql`select id, status, role from accounts where email = ${email}`))[0];

let fixtureDays = 0;
/**
 * A past day for each introduction the target LG sends as a fixture, so that the fixtures never
 * reach its limit of ten a day, which the rows that send one through the form count against.
 */
const fixtureDay = () => addDays('2020-01-01', fixtureDays++);

/** A new introduction between the target LG and a stranger abroad: sent by the target or received by it, in a status. */
async function freshIntroduction(direction: 'sent' | 'received', status: 'pending' | 'more-info' | 'forwarded' | 'accepted'): Promise<number> {
  const stranger = strangers.shift();
  if (stranger === undefined) throw new Error('Out of strangers for fresh introductions');
  const [from, to] = direction === 'sent' ? [lg.target, stranger] : [stranger, lg.target];
  const { id } = await expressInterest(database.db, OPERATOR, { from, to, message: 'Shall we meet?' }, { day: direction === 'sent' ? fixtureDay() : today() });
  if (status === 'more-info') await takeIntroductionStep(database.db, OPERATOR, id, 'askMore', 'Tell us more.');
  if (status === 'forwarded' || status === 'accepted') await takeIntroductionStep(database.db, OPERATOR, id, 'forward', '');
  if (status === 'accepted') await takeIntroductionStep(database.db, OPERATOR, id, 'accept', 'Gladly.');
  return id;
}

/** An accepted introduction of the target LG whose tracker has its steps recorded up to one. */
async function trackerAt(recordedUpTo: number): Promise<number> {
  const id = await freshIntroduction('sent', 'accepted');
  for (let step = 2; step <= recordedUpTo; step++) {
    await saveTrackerStep(database.db, OPERATOR, id, step, { doneOn: today(), notes: '', links: [], label: step === 7 ? 'sister city' : undefined }, 'record');
  }
  return id;
}

const introductionRow = async (id: number) =>
  (await queryRows<{ status: string; to_lg_id: number }>(database.db, sql`select status, to_lg_id from introductions where id = ${id}`))[0]!;
const repliesOf = async (id: number) =>
  (await queryRows<{ count: number }>(database.db, sql`select count(*)::int as count from introduction_messages where introduction_id = ${id} and kind = 'reply'`))[0]!.count;
const trackerRelationship = async (id: number) =>
  (await queryRows<{ status: string; label: string }>(database.db, sql`select r.status, r.label from trackers t join relationships r on r.id = t.relationship_id where t.introduction_id = ${id}`))[0];

/** A step of an introduction of the target LG, from a status, and the status it must reach. */
const introductionStep = (
  name: string,
  path: string,
  direction: 'sent' | 'received',
  from: 'pending' | 'more-info' | 'forwarded',
  expected: Row['expected'],
  message: string,
  effect: (id: number) => Promise<void>,
): Row => ({
  name: `POST /introductions/:id/${path} (${name})`,
  expected,
  async prepare() {
    const id = await freshIntroduction(direction, from);
    return { call: { path: `/introductions/${id}/${path}`, form: { message } }, effect: () => effect(id) };
  },
});

/** A tracker step of the target LG's introduction, recorded or corrected, with what it must change. */
const trackerStep = (name: string, recordedUpTo: number, path: string, form: Record<string, string>, effect: (id: number) => Promise<void>): Row => ({
  name: `POST /introductions/:id/${path} (${name})`,
  expected: ['sign-in', 303, 403, 303, 303],
  async prepare() {
    const id = await trackerAt(recordedUpTo);
    return { call: { path: `/introductions/${id}/${path}`, form }, effect: () => effect(id) };
  },
});

let serial = 0;
const unique = (what: string) => `${what}-${process.pid}-${++serial}-${Date.now()}`;

/** A request to make: a JSON API call, a form, or a form with a file. */
type Call =
  | { method: 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: string; json: unknown }
  | { path: string; form: Record<string, string | string[]> }
  | { path: string; multipart: Record<string, string | Blob> };

interface Prepared {
  call: Call;
  /** For an allowed request: checks that it did what it should. */
  effect?: () => Promise<void>;
}

/**
 * What a cell expects: 'sign-in' is a 303 to the sign-in page that comes back to the form; a
 * number is the status. 401, 403, 404 and 'sign-in' are refusals, which must change nothing.
 */
type Outcome = 'sign-in' | 200 | 201 | 204 | 303 | 401 | 403 | 404;
const REFUSED = new Set<Outcome>(['sign-in', 401, 403, 404]);

interface Row {
  name: string;
  /** Public, officer of the LG, officer of another LG, coordinator, administrator. */
  expected: readonly [Outcome, Outcome, Outcome, Outcome, Outcome];
  /** Signs in or out: each cell gets a browser of its own. */
  ownBrowser?: boolean;
  prepare(who: Who, client: TestClient): Promise<Prepared>;
}

/** Sends a form with the given CSRF token (null: none at all). */
async function sendForm(client: TestClient, path: string, fields: Record<string, string | string[]>, token: string | null): Promise<Response> {
  const body = new URLSearchParams();
  if (token !== null) body.append('_csrf', token);
  for (const [name, value] of Object.entries(fields)) for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  return client.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
}

async function sendMultipart(client: TestClient, path: string, fields: Record<string, string | Blob>, token: string | null): Promise<Response> {
  const body = new FormData();
  if (token !== null) body.append('_csrf', token);
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return client.request(path, { method: 'POST', body });
}

/** Makes the call as `who`: the API with the account's Bearer token (none for the public), forms in the browser. */
async function send(who: Who, client: TestClient, call: Call, token: string | null = client.csrf): Promise<Response> {
  if ('json' in call) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (who !== 'public') headers.authorization = `Bearer ${accounts[who].token}`;
    return app.request(call.path, { method: call.method, headers, body: JSON.stringify(call.json) });
  }
  if ('multipart' in call) return sendMultipart(client, call.path, call.multipart, token);
  return sendForm(client, call.path, call.form, token);
}

const listingStep = (step: 'submit' | 'renew' | 'withdraw' | 'markMatched', from: 'draft' | 'published', after: { status: string; closed_reason?: string }): Row => ({
  name: `POST /dashboard/listings/:id/steps/${step}`,
  expected: ['sign-in', 303, 403, 303, 303],
  async prepare() {
    const id = await freshListing(from);
    return {
      call: { path: `/dashboard/listings/${id}/steps/${step}`, form: {} },
      effect: async () => {
        expect(await listingRow(id)).toMatchObject(after);
        expect(await listingSteps(id)).toContain(step);
      },
    };
  },
});

/**
 * Every change the web face offers, and what each kind of visitor gets. Written out by hand from
 * PRODUCT.md's roles, not computed with decide(), so that a wrong rule there fails here.
 */
const MATRIX: Row[] = [
  {
    name: 'POST /api/relationships',
    expected: [401, 201, 403, 201, 201],
    async prepare() {
      const partner = partners.shift()!;
      return {
        call: { method: 'POST', path: '/api/relationships', json: { localGovernmentIds: [lg.target, partner], label: 'friendship city' } },
        effect: async () => {
          const rows = await queryRows(database.db, sql`select id from relationships where first_id = ${partner} or second_id = ${partner}`);
          expect(rows).toHaveLength(1);
        },
      };
    },
  },
  {
    name: 'PATCH /api/relationships/:id',
    expected: [401, 200, 403, 200, 200],
    async prepare() {
      const id = await freshRelationship();
      return {
        call: { method: 'PATCH', path: `/api/relationships/${id}`, json: { notes: 'Renewed by letter.' } },
        effect: async () => expect((await relationshipRow(id)).notes).toBe('Renewed by letter.'),
      };
    },
  },
  {
    name: 'POST /api/relationships/:id/end',
    expected: [401, 200, 403, 200, 200],
    async prepare() {
      const id = await freshRelationship();
      return {
        call: { method: 'POST', path: `/api/relationships/${id}/end`, json: { endedOn: '2024-03-31' } },
        effect: async () => expect((await relationshipRow(id)).status).toBe('ended'),
      };
    },
  },
  {
    name: 'POST /api/relationships/:id/exchanges',
    expected: [401, 201, 403, 201, 201],
    async prepare() {
      const id = await freshRelationship();
      return {
        call: { method: 'POST', path: `/api/relationships/${id}/exchanges`, json: EXCHANGE_INPUT },
        effect: async () => expect(await exchangeCount(id)).toBe(1),
      };
    },
  },
  {
    name: 'DELETE /api/relationships/:id/exchanges/:exchangeId',
    expected: [401, 204, 403, 204, 204],
    async prepare() {
      const id = await freshRelationship();
      const exchange = await recordExchange(database.db, OPERATOR, id, EXCHANGE_INPUT);
      return {
        call: { method: 'DELETE', path: `/api/relationships/${id}/exchanges/${exchange.id}`, json: {} },
        effect: async () => expect(await exchangeCount(id)).toBe(0),
      };
    },
  },
  {
    name: 'PUT /api/relationships/:id/exchanges/:exchangeId',
    expected: [401, 200, 403, 200, 200],
    async prepare() {
      const id = await freshRelationship();
      const exchange = await recordExchange(database.db, OPERATOR, id, EXCHANGE_INPUT);
      return {
        call: { method: 'PUT', path: `/api/relationships/${id}/exchanges/${exchange.id}`, json: { ...EXCHANGE_INPUT, participants: 80 } },
        effect: async () => expect(await exchangeParticipants(exchange.id)).toBe(80),
      };
    },
  },
  {
    name: 'POST /api/relationships/:id/renewals',
    expected: [401, 201, 403, 201, 201],
    async prepare() {
      const id = await freshRelationship({ fixedTermEnd: '2025-03-31' });
      return {
        call: { method: 'POST', path: `/api/relationships/${id}/renewals`, json: { renewedOn: '2025-01-10', newEnd: '2030-03-31' } },
        effect: async () => expect((await relationshipRow(id)).fixed_term_end).toMatch(/^2030-03-31/),
      };
    },
  },
  {
    name: 'POST /relationships/:id/exchanges (the form)',
    expected: ['sign-in', 303, 403, 303, 303],
    async prepare() {
      const id = await freshRelationship();
      return {
        call: { path: `/relationships/${id}/exchanges`, form: { startedOn: '2024-07-20', kind: 'sport', travel: 'mutual', descriptionEn: 'A friendly match.' } },
        effect: async () => expect(await exchangeCount(id)).toBe(1),
      };
    },
  },
  {
    name: 'POST /relationships/:id/exchanges/:exchangeId (the form that corrects one)',
    expected: ['sign-in', 303, 403, 303, 303],
    async prepare() {
      const id = await freshRelationship();
      const exchange = await recordExchange(database.db, OPERATOR, id, EXCHANGE_INPUT);
      return {
        call: { path: `/relationships/${id}/exchanges/${exchange.id}`, form: { startedOn: '2024-07-20', kind: 'sport', travel: 'mutual', participants: '80', descriptionEn: 'A friendly match.' } },
        effect: async () => expect(await exchangeParticipants(exchange.id)).toBe(80),
      };
    },
  },
  {
    name: 'POST /api/jurisdictions',
    expected: [401, 403, 403, 201, 201],
    async prepare() {
      const slug = unique('area');
      return {
        call: { method: 'POST', path: '/api/jurisdictions', json: { nameEn: `Area ${slug}`, slug, members: ['US-CA'] } },
        effect: async () => expect(await jurisdictionMembers(slug)).toEqual(['US-CA']),
      };
    },
  },
  {
    name: 'PUT /api/jurisdictions/:slug',
    expected: [401, 403, 403, 200, 200],
    async prepare() {
      const { slug } = await createJurisdiction(database.db, OPERATOR, { nameEn: `Area ${unique('area')}`, members: 'US-CA' });
      return {
        call: { method: 'PUT', path: `/api/jurisdictions/${slug}`, json: { nameEn: 'Oregon', slug, members: ['US-OR'] } },
        effect: async () => expect(await jurisdictionMembers(slug)).toEqual(['US-OR']),
      };
    },
  },
  {
    name: 'DELETE /api/jurisdictions/:slug',
    expected: [401, 403, 403, 204, 204],
    async prepare() {
      const { slug } = await createJurisdiction(database.db, OPERATOR, { nameEn: `Area ${unique('area')}`, members: 'US-CA' });
      return {
        call: { method: 'DELETE', path: `/api/jurisdictions/${slug}`, json: {} },
        effect: async () => expect(await jurisdictionMembers(slug)).toBeNull(),
      };
    },
  },
  {
    name: 'POST /jurisdictions (a new jurisdiction)',
    expected: ['sign-in', 403, 403, 303, 303],
    async prepare() {
      const slug = unique('area');
      return {
        call: { path: '/jurisdictions', form: { nameEn: `Area ${slug}`, nameJa: '', slug, descriptionEn: '', descriptionJa: '', members: 'US-CA' } },
        effect: async () => expect(await jurisdictionMembers(slug)).toEqual(['US-CA']),
      };
    },
  },
  {
    name: 'POST /jurisdictions/:slug (changed)',
    expected: ['sign-in', 403, 403, 303, 303],
    async prepare() {
      const { slug } = await createJurisdiction(database.db, OPERATOR, { nameEn: `Area ${unique('area')}`, members: 'US-CA' });
      return {
        call: { path: `/jurisdictions/${slug}`, form: { nameEn: 'Oregon', nameJa: '', slug, descriptionEn: '', descriptionJa: '', members: 'US-OR' } },
        effect: async () => expect(await jurisdictionMembers(slug)).toEqual(['US-OR']),
      };
    },
  },
  {
    name: 'POST /jurisdictions/:slug/delete',
    expected: ['sign-in', 403, 403, 303, 303],
    async prepare() {
      const { slug } = await createJurisdiction(database.db, OPERATOR, { nameEn: `Area ${unique('area')}`, members: 'US-CA' });
      return {
        call: { path: `/jurisdictions/${slug}/delete`, form: {} },
        effect: async () => expect(await jurisdictionMembers(slug)).toBeNull(),
      };
    },
  },
  {
    name: 'POST /relationships/:id/exchanges/:exchangeId/delete',
    expected: ['sign-in', 303, 403, 303, 303],
    async prepare() {
      const id = await freshRelationship();
      const exchange = await recordExchange(database.db, OPERATOR, id, EXCHANGE_INPUT);
      return {
        call: { path: `/relationships/${id}/exchanges/${exchange.id}/delete`, form: {} },
        effect: async () => expect(await exchangeCount(id)).toBe(0),
      };
    },
  },
  {
    name: 'POST /relationships/:id/renewals (the form)',
    expected: ['sign-in', 303, 403, 303, 303],
    async prepare() {
      const id = await freshRelationship({ fixedTermEnd: '2025-03-31' });
      return {
        call: { path: `/relationships/${id}/renewals`, form: { renewedOn: '2025-01-10', newEnd: '2030-03-31' } },
        effect: async () => expect((await relationshipRow(id)).fixed_term_end).toMatch(/^2030-03-31/),
      };
    },
  },
  {
    name: 'POST /dashboard/listings?lg= (start a listing)',
    expected: ['sign-in', 303, 403, 303, 303],
    async prepare() {
      await closeOpenListings();
      return {
        call: { path: `/dashboard/listings?lg=${lg.target}`, form: COMPLETE_LISTING_FORM },
        effect: async () => {
          const open = await queryRows<{ status: string }>(database.db, sql`select status from listings where local_government_id = ${lg.target} and status <> 'closed'`);
          expect(open).toEqual([{ status: 'draft' }]);
        },
      };
    },
  },
  {
    name: 'POST /dashboard/listings/:id (save)',
    expected: ['sign-in', 303, 403, 303, 303],
    async prepare() {
      const id = await freshListing('draft');
      return {
        call: { path: `/dashboard/listings/${id}`, form: { ...COMPLETE_LISTING_FORM, 'outline.en': 'Changed by the matrix.' } },
        effect: async () => expect((await listingRow(id)).outline_en).toBe('Changed by the matrix.'),
      };
    },
  },
  {
    name: 'POST /dashboard/listings/:id (save, with a picture)',
    expected: ['sign-in', 303, 403, 303, 303],
    async prepare() {
      const id = await freshListing('draft');
      return {
        call: { path: `/dashboard/listings/${id}`, multipart: { 'outline.en': 'A picture by the matrix.', image: new File([PNG], 'ibara.png', { type: 'image/png' }) } },
        effect: async () => expect(await queryRows(database.db, sql`select content_type from listing_images where listing_id = ${id}`)).toEqual([{ content_type: 'image/png' }]),
      };
    },
  },
  {
    name: 'POST /introductions (express interest for the LG)',
    expected: ['sign-in', 303, 403, 303, 303],
    async prepare() {
      const stranger = strangers.shift()!;
      return {
        call: { path: '/introductions', form: { from: String(lg.target), to: String(stranger), message: 'Canals and white walls; shall we meet?' } },
        effect: async () => {
          const rows = await queryRows<{ status: string }>(database.db, sql`select status from introductions where from_lg_id = ${lg.target} and to_lg_id = ${stranger}`);
          expect(rows).toEqual([{ status: 'pending' }]);
        },
      };
    },
  },
  introductionStep('a coordinator forwards', 'forward', 'sent', 'pending', ['sign-in', 403, 403, 303, 303], '', async (id) => expect((await introductionRow(id)).status).toBe('forwarded')),
  introductionStep('a coordinator asks for more', 'ask', 'sent', 'pending', ['sign-in', 403, 403, 303, 303], 'Which season suits you?', async (id) =>
    expect((await introductionRow(id)).status).toBe('more-info'),
  ),
  introductionStep('a coordinator declines before forwarding', 'decline', 'sent', 'pending', ['sign-in', 403, 403, 303, 303], 'They seek no partner.', async (id) =>
    expect((await introductionRow(id)).status).toBe('declined'),
  ),
  introductionStep('the sender answers a request for more', 'messages', 'sent', 'more-info', ['sign-in', 303, 403, 303, 303], 'In spring.', async (id) => expect(await repliesOf(id)).toBe(1)),
  introductionStep('the sender withdraws', 'withdraw', 'sent', 'pending', ['sign-in', 303, 403, 303, 303], '', async (id) => expect((await introductionRow(id)).status).toBe('withdrawn')),
  introductionStep('the recipient, before forwarding, writes', 'messages', 'received', 'pending', ['sign-in', 403, 403, 303, 303], 'Hello?', async (id) => expect(await repliesOf(id)).toBe(1)),
  introductionStep('the recipient writes once forwarded', 'messages', 'received', 'forwarded', ['sign-in', 303, 403, 303, 303], 'Welcome.', async (id) => expect(await repliesOf(id)).toBe(1)),
  introductionStep('the recipient accepts', 'accept', 'received', 'forwarded', ['sign-in', 303, 403, 303, 303], 'With joy.', async (id) => {
    expect((await introductionRow(id)).status).toBe('accepted');
    expect(await queryRows(database.db, sql`select step from tracker_steps where introduction_id = ${id}`)).toEqual([{ step: 1 }]);
  }),
  introductionStep('the recipient declines', 'decline', 'received', 'forwarded', ['sign-in', 303, 403, 303, 303], 'Not this year.', async (id) =>
    expect((await introductionRow(id)).status).toBe('declined'),
  ),
  trackerStep('record the next step', 1, 'steps/2', { doneOn: today(), notes: 'Mayors spoke.' }, async (id) =>
    expect(await queryRows(database.db, sql`select notes from tracker_steps where introduction_id = ${id} and step = 2`)).toEqual([{ notes: 'Mayors spoke.' }]),
  ),
  trackerStep('correct a recorded step', 1, 'steps/1/correction', { doneOn: today(), notes: 'Found through the listings.' }, async (id) =>
    expect(await queryRows(database.db, sql`select notes from tracker_steps where introduction_id = ${id} and step = 1`)).toEqual([{ notes: 'Found through the listings.' }]),
  ),
  trackerStep('signing creates the relationship', 6, 'steps/7', { doneOn: today(), label: 'friendship city' }, async (id) =>
    expect(await trackerRelationship(id)).toEqual({ status: 'proposed', label: 'friendship city' }),
  ),
  trackerStep('exchange begun makes it active', 7, 'steps/8', { doneOn: today() }, async (id) => expect(await trackerRelationship(id)).toEqual({ status: 'active', label: 'sister city' })),
  listingStep('submit', 'draft', { status: 'submitted' }),
  listingStep('renew', 'published', { status: 'published' }),
  listingStep('withdraw', 'published', { status: 'closed', closed_reason: 'withdrawn' }),
  listingStep('markMatched', 'published', { status: 'closed', closed_reason: 'matched' }),
  {
    name: 'POST /moderation/:id (publish)',
    expected: ['sign-in', 403, 403, 303, 303],
    async prepare() {
      const id = await freshListing('submitted');
      return { call: { path: `/moderation/${id}`, form: { step: 'publish' } }, effect: async () => expect((await listingRow(id)).status).toBe('published') };
    },
  },
  {
    name: 'POST /moderation/:id (ask for changes)',
    expected: ['sign-in', 403, 403, 303, 303],
    async prepare() {
      const id = await freshListing('submitted');
      return {
        call: { path: `/moderation/${id}`, form: { step: 'requestChanges', comment: 'Add the area in Japanese too.' } },
        effect: async () => expect((await listingRow(id)).status).toBe('draft'),
      };
    },
  },
  {
    name: 'POST /admin/accounts/invite (an officer)',
    expected: ['sign-in', 403, 403, 200, 200],
    async prepare() {
      const email = `${unique('invited-officer')}@city.example.jp`;
      return {
        call: { path: '/admin/accounts/invite', form: { email, name: 'Invited Officer', role: 'officer', localGovernmentIds: String(lg.target) } },
        effect: async () => expect(await accountRow(email)).toMatchObject({ status: 'invited', role: 'officer' }),
      };
    },
  },
  {
    name: 'POST /admin/accounts/invite (a coordinator)',
    expected: ['sign-in', 403, 403, 403, 200],
    async prepare() {
      const email = `${unique('invited-coordinator')}@example.org`;
      return {
        call: { path: '/admin/accounts/invite', form: { email, name: 'Invited Coordinator', role: 'coordinator', localGovernmentIds: '' } },
        effect: async () => expect(await accountRow(email)).toMatchObject({ status: 'invited', role: 'coordinator' }),
      };
    },
  },
  {
    name: 'POST /admin/accounts/:id/disable',
    expected: ['sign-in', 403, 403, 403, 200],
    async prepare() {
      const target = await createTestAccount(database.db, 'officer', [lg.target]);
      return { call: { path: `/admin/accounts/${target.id}/disable`, form: {} }, effect: async () => expect((await accountRow(target.email))!.status).toBe('disabled') };
    },
  },
  {
    name: 'POST /admin/accounts/:id/enable',
    expected: ['sign-in', 403, 403, 403, 200],
    async prepare() {
      const target = await createTestAccount(database.db, 'officer', [lg.target]);
      await setAccountEnabled(database.db, OPERATOR, target.id, false);
      return { call: { path: `/admin/accounts/${target.id}/enable`, form: {} }, effect: async () => expect((await accountRow(target.email))!.status).toBe('active') };
    },
  },
  {
    name: 'POST /admin/accounts/:id/reset-link',
    expected: ['sign-in', 403, 403, 403, 200],
    async prepare() {
      const target = await createTestAccount(database.db, 'officer', [lg.target]);
      return {
        call: { path: `/admin/accounts/${target.id}/reset-link`, form: {} },
        effect: async () => {
          const links = await queryRows(database.db, sql`select 1 from one_time_links where account_id = ${target.id} and purpose = 'reset' and used_at is null`);
          expect(links).toHaveLength(1);
        },
      };
    },
  },
  {
    name: 'POST /account/tokens',
    expected: ['sign-in', 200, 200, 200, 200],
    async prepare(who) {
      const name = unique('matrix token');
      return {
        call: { path: '/account/tokens', form: { name } },
        effect: async () => {
          const owner = accounts[who as AccountWho].id;
          expect(await queryRows(database.db, sql`select 1 from api_tokens where name = ${name} and account_id = ${owner} and revoked_at is null`)).toHaveLength(1);
        },
      };
    },
  },
  {
    // One's own tokens; administrators may revoke anyone's (services/accounts.ts). Others learn nothing: 404.
    name: 'POST /account/tokens/:id/revoke (a token of the officer of the LG)',
    expected: ['sign-in', 200, 404, 404, 200],
    async prepare() {
      const { record } = await createApiToken(database.db, accounts.officer.actor, unique('to revoke'));
      return {
        call: { path: `/account/tokens/${record.id}/revoke`, form: {} },
        effect: async () => expect(await queryRows(database.db, sql`select 1 from api_tokens where id = ${record.id} and revoked_at is not null`)).toHaveLength(1),
      };
    },
  },
  {
    name: 'POST /sign-in (with the right password of another account)',
    expected: [303, 303, 303, 303, 303],
    ownBrowser: true,
    async prepare(_who, client) {
      const someone = await createTestAccount(database.db, 'coordinator');
      return {
        call: { path: '/sign-in', form: { email: someone.email, password: someone.password } },
        effect: async () => {
          const session = client.cookies.get(SESSION_COOKIE);
          expect((await actorOfSession(database.db, session ?? ''))?.accountId).toBe(someone.id);
        },
      };
    },
  },
  {
    name: 'POST /sign-out',
    expected: [303, 303, 303, 303, 303],
    ownBrowser: true,
    async prepare(_who, client) {
      const session = client.cookies.get(SESSION_COOKIE);
      return {
        call: { path: '/sign-out', form: {} },
        effect: async () => {
          expect(client.cookies.has(SESSION_COOKIE)).toBe(false);
          if (session) expect(await actorOfSession(database.db, session)).toBeUndefined();
        },
      };
    },
  },
  {
    // The link's secret is the authority here, whoever holds it.
    name: 'POST /account/password/:secret (an invitation)',
    expected: [303, 303, 303, 303, 303],
    ownBrowser: true,
    async prepare() {
      const email = `${unique('newcomer')}@city.example.jp`;
      const link = await inviteAccount(database.db, OPERATOR, { email, name: 'Newcomer', role: 'officer', localGovernmentIds: [lg.target] });
      return {
        call: { path: `/account/password/${link.secret}`, form: { password: TEST_PASSWORD, confirmation: TEST_PASSWORD } },
        effect: async () => expect((await accountRow(email))!.status).toBe('active'),
      };
    },
  },
  {
    name: 'POST /api/commendations',
    expected: [401, 403, 403, 201, 201],
    async prepare() {
      return { call: { method: 'POST', path: '/api/commendations', json: { award: 'international-exchange', year: 2021, organisation: { en: unique('Association') }, citation: { en: 'For its exchanges.' } } } };
    },
  },
  {
    name: 'POST /commendations (the form)',
    expected: ['sign-in', 403, 403, 303, 303],
    async prepare() {
      return { call: { path: '/commendations', form: { award: 'international-exchange', year: '2021', organisationEn: unique('Association'), citationEn: 'For its exchanges.' } } };
    },
  },
  {
    name: 'POST /api/news',
    expected: [401, 403, 403, 201, 201],
    async prepare() {
      return { call: { method: 'POST', path: '/api/news', json: { title: { en: 'A visit' }, body: { en: 'Pupils visited.' }, tags: [`lg:${lg.target}`] } } };
    },
  },
  {
    name: 'POST /news (the form)',
    expected: ['sign-in', 403, 403, 303, 303],
    async prepare() {
      return { call: { path: '/news', form: { titleEn: 'A visit', bodyEn: 'Pupils visited.', countries: 'FR' } } };
    },
  },
  {
    name: 'POST /news/:id/delete',
    expected: ['sign-in', 403, 403, 303, 303],
    async prepare() {
      const item = await publishNews(database.db, OPERATOR, { title: { en: 'To delete', ja: '' }, body: { en: 'Soon gone.', ja: '' }, tags: [] });
      return {
        call: { path: `/news/${item.id}/delete`, form: {} },
        effect: async () => expect(await queryRows(database.db, sql`select id from news_items where id = ${item.id}`)).toHaveLength(0),
      };
    },
  },
  {
    name: 'POST /newsletter/issues (assemble)',
    expected: ['sign-in', 403, 403, 303, 303],
    async prepare() {
      return { call: { path: '/newsletter/issues', form: { periodFrom: '2024-01-01', periodTo: '2024-02-29', country: '' } } };
    },
  },
];

describe('authorisation matrix: every change × every kind of visitor', () => {
  for (const row of MATRIX) {
    describe(row.name, () => {
      WHO.forEach((who, column) => {
        const expected = row.expected[column]!;
        const verdict = REFUSED.has(expected) ? `refused (${expected}), nothing changes` : `allowed (${expected})`;
        it(`${DESCRIBED[who]}: ${verdict}`, async () => {
          const client = row.ownBrowser ? await clientOf(who) : clients[who];
          const { call, effect } = await row.prepare(who, client);
          const before = await snapshot();
          const response = await send(who, client, call);
          const body = await response.text();
          const location = response.headers.get('location') ?? '';
          const where = `${row.name} as ${DESCRIBED[who]}: ${response.status} ${location} ${body.slice(0, 300)}`;
          if (expected === 'sign-in') {
            expect(response.status, where).toBe(303);
            expect(location, where).toMatch(/^\/sign-in\?next=%2F/);
          } else {
            expect(response.status, where).toBe(expected);
            if (expected === 303) expect(location, where).not.toMatch(/^\/sign-in/);
          }
          if (REFUSED.has(expected)) expect(await snapshot(), where).toEqual(before);
          else await effect?.();
        });
      });
    });
  }
});

describe('permission before input', () => {
  it('refuses an officer of another LG who starts a listing with a wrong form (403), rather than showing the form’s problems (422)', async () => {
    await closeOpenListings();
    const client = clients.otherOfficer;
    const before = await snapshot();
    const response = await sendForm(client, `/dashboard/listings?lg=${lg.target}`, { population: 'many', 'outline.en': 'Taken over' }, client.csrf);
    expect(response.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });
});

describe('permission before input, for introductions', () => {
  it('refuses an officer of another LG who expresses interest for the LG with an empty message (403, not 422)', async () => {
    const client = clients.otherOfficer;
    const before = await snapshot();
    const response = await sendForm(client, '/introductions', { from: String(lg.target), to: String(strangers.shift()!), message: '' }, client.csrf);
    expect(response.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses the recipient’s officer who answers before forwarding, with an empty message (403, not 422), and shows nothing of the thread', async () => {
    const id = await freshIntroduction('received', 'pending');
    const client = clients.officer;
    const before = await snapshot();
    expect((await sendForm(client, `/introductions/${id}/accept`, { message: '' }, client.csrf)).status).toBe(403);
    const page = await client.request(`/introductions/${id}`);
    expect(page.status).toBe(403);
    expect(await page.text()).not.toContain('Shall we meet?');
    expect(await snapshot()).toEqual(before);
  });

  it('sends the public to sign in for a thread, and never shows it', async () => {
    const id = await freshIntroduction('sent', 'pending');
    const page = await clients.public.request(`/introductions/${id}`);
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(`/introductions/${id}`)}`);
  });
});

describe('CSRF', () => {
  /** Every row of the matrix but the JSON API's, whose CSRF check is below. */
  const forms = MATRIX.filter((row) => !row.name.includes(' /api/'));

  const badTokens: { name: string; token: () => Promise<string | null> }[] = [
    { name: 'without _csrf', token: async () => null },
    { name: 'with a wrong _csrf', token: async () => 'forged-token' },
    { name: 'with another visitor’s _csrf', token: async () => (await publicClient()).csrf },
    { name: 'with another signed-in account’s _csrf', token: async () => clients.coordinator.csrf },
  ];

  for (const row of forms) {
    for (const bad of badTokens) {
      it(`refuses ${row.name} ${bad.name} (403), changing nothing`, async () => {
        // The administrator may make every change; only the token is wrong.
        const client = row.ownBrowser ? await clientOf('administrator') : clients.administrator;
        const { call } = await row.prepare('administrator', client);
        const token = await bad.token();
        expect(token === null || token !== client.csrf).toBe(true);
        const before = await snapshot();
        const response = await send('administrator', client, call, token);
        expect(response.status, `${row.name} ${bad.name}: ${(await response.text()).slice(0, 200)}`).toBe(403);
        expect(await snapshot()).toEqual(before);
      });
    }
  }

  it('refuses a form sent as text/plain or as JSON to a page, with the session cookie (403)', async () => {
    const client = clients.administrator;
    const id = await freshListing('published');
    const before = await snapshot();
    // Another site can post these encodings without a preflight; the token is read from form encodings only.
    const plain = await client.request(`/dashboard/listings/${id}/steps/withdraw`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: `_csrf=${client.csrf}` });
    expect(plain.status).toBe(403);
    const json = await client.request(`/dashboard/listings/${id}/steps/withdraw`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ _csrf: client.csrf }) });
    expect(json.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a JSON API write with a session cookie but no x-csrf-token (403); accepts it with the token, or with a Bearer token and none', async () => {
    const client = clients.administrator;
    const write = (partner: number, headers: Record<string, string>, useCookies: boolean) => {
      const init = { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ localGovernmentIds: [lg.target, partner] }) };
      return useCookies ? client.request('/api/relationships', init) : app.request('/api/relationships', init);
    };
    const partner = partners.shift()!;
    const before = await snapshot();
    const bare = await write(partner, {}, true);
    expect(bare.status).toBe(403);
    expect(((await bare.json()) as { error: { id: string } }).error.id).toBe('forbidden');
    expect((await write(partner, { 'x-csrf-token': 'forged-token' }, true)).status).toBe(403);
    expect((await write(partner, { 'x-csrf-token': clients.coordinator.csrf }, true)).status).toBe(403);
    expect(await snapshot()).toEqual(before);

    expect((await write(partner, { 'x-csrf-token': client.csrf }, true)).status).toBe(201);
    expect((await write(partners.shift()!, { authorization: `Bearer ${accounts.administrator.token}` }, false)).status).toBe(201);
  });
});

describe('the session cookie', () => {
  const cookieLine = (response: Response, name: string) => response.headers.getSetCookie().find((line) => line.startsWith(`${name}=`));

  it('is a new value at each sign-in; the old value then identifies no one', async () => {
    const first = await createTestAccount(database.db, 'officer', [lg.target]);
    const second = await createTestAccount(database.db, 'coordinator');
    const browser = new TestClient(app);
    // A value planted before signing in (session fixation) is not what the browser ends up with.
    browser.cookies.set(SESSION_COOKIE, 'planted-by-someone-else');
    await browser.signIn(first.email, first.password);
    const before = browser.cookies.get(SESSION_COOKIE)!;
    expect(before).toBeTruthy();
    expect(before).not.toBe('planted-by-someone-else');
    expect((await actorOfSession(database.db, before))?.accountId).toBe(first.id);

    await browser.signIn(second.email, second.password);
    const after = browser.cookies.get(SESSION_COOKIE)!;
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
    expect((await actorOfSession(database.db, after))?.accountId).toBe(second.id);
    expect(await actorOfSession(database.db, before)).toBeUndefined();

    const replay = new TestClient(app);
    replay.cookies.set(SESSION_COOKIE, before);
    const page = await replay.request('/account');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/sign-in?next=%2Faccount');
  });

  it('is HttpOnly, SameSite=Lax, Path=/, and Secure over HTTPS only', async () => {
    const account = await createTestAccount(database.db, 'coordinator');
    for (const origin of ['http://kizuna.example', 'https://kizuna.example']) {
      const browser = new TestClient(app);
      const form = await browser.page(`${origin}/sign-in`);
      const visitor = cookieLine(form.response, 'kizuna_visitor');
      expect(visitor, 'the visitor cookie that binds the sign-in form’s CSRF token').toBeDefined();
      const response = await browser.request(`${origin}/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: browser.csrf, email: account.email, password: account.password }),
      });
      expect(response.status, origin).toBe(303);
      const session = cookieLine(response, SESSION_COOKIE)!;
      expect(session, origin).toBeDefined();
      const attributes = session.split(';').slice(1).map((part) => part.trim().toLowerCase());
      expect(attributes).toContain('httponly');
      expect(attributes).toContain('samesite=lax');
      expect(attributes).toContain('path=/');
      const secure = origin.startsWith('https:');
      expect(attributes.includes('secure'), `${origin}: ${session}`).toBe(secure);
      expect(/;\s*Secure/i.test(visitor!), `${origin}: ${visitor}`).toBe(secure);
      expect(/;\s*HttpOnly/i.test(visitor!)).toBe(true);
    }
  });
});

describe('throttling', () => {
  it('answers the sixth attempt on one account from one address with 429 and Retry-After, even with the right password', async () => {
    const account = await createTestAccount(database.db, 'officer', [lg.target]);
    // Behind a trusted proxy, so that this test's failures count against an address of its own.
    const browser = await publicClient(createApp({ db: database.db, trustProxy: true }));
    const attempt = (password: string) =>
      browser.request('/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '192.0.2.61' },
        body: new URLSearchParams({ _csrf: browser.csrf, email: account.email, password }),
      });
    for (let n = 1; n <= 5; n++) expect((await attempt(`wrong password number ${n}`)).status).toBe(401);
    const sixth = await attempt(account.password);
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
  });
});

describe('hostile strings in searches, filters and the sign-in form', () => {
  const PAYLOADS = [
    "' or 1=1 --",
    "'; drop table listings; --",
    "%' union select password_hash from accounts --",
    '\\x00',
    'nul\u0000byte',
    '"); delete from accounts where (\'1\'=\'1',
    '井原\'; truncate relationships cascade; --',
  ];

  const addresses = (payload: string): string[] => {
    const p = encodeURIComponent(payload);
    return [
      `/search?q=${p}`,
      `/ja/search?q=${p}&country=${p}&kind=${p}`,
      `/api/search?q=${p}`,
      `/api/search?q=ibara&country=${p}&kind=${p}`,
      `/listings/from-japan?q=${p}`,
      // The page's words parameter is q; words= is not one of its parameters and is ignored.
      `/listings/from-japan?words=${p}&region=${p}&kind=${p}&band=${p}&field=${p}`,
      `/listings/to-japan?region=${p}`,
      `/api/listings?direction=from-japan&q=${p}`,
      `/api/listings?direction=${p}`,
      `/api/listings?direction=from-japan&region=${p}&kind=${p}&band=${p}&field=${p}`,
      `/api/relationships?country=${p}`,
      `/api/relationships?status=${p}&lg=${p}`,
      `/api/local-governments?country=${p}&kind=${p}`,
    ];
  };

  for (const payload of PAYLOADS) {
    it(`answers ${JSON.stringify(payload)} without a server error, and every table keeps its rows`, async () => {
      await freshRelationship(); // so that relationships has rows to lose
      const counts = await rowCounts();
      const failures: string[] = [];
      for (const address of addresses(payload)) {
        const response = await app.request(address);
        if (response.status >= 500) failures.push(`${address} → ${response.status}`);
        // A NUL character is refused as such (400), before any query; anything else is read as text.
        else expect(payload.includes('\u0000') ? [400] : [200, 422], address).toContain(response.status);
      }
      // The sign-in form, from an address of this test's own (behind a trusted proxy).
      const browser = await publicClient(createApp({ db: database.db, trustProxy: true }));
      const signInResponse = await browser.request('/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `198.51.100.${PAYLOADS.indexOf(payload) + 1}` },
        body: new URLSearchParams({ _csrf: browser.csrf, email: payload, password: payload }),
      });
      if (signInResponse.status >= 500) failures.push(`POST /sign-in email=${JSON.stringify(payload)} → ${signInResponse.status}`);
      // 400: a NUL character is refused before the form is read.
      else expect([400, 401, 422]).toContain(signInResponse.status);
      expect(failures).toEqual([]);
      expect(await rowCounts()).toEqual(counts);
    });
  }
});

describe('a NUL byte, which PostgreSQL cannot store in text', () => {
  const NUL = 'before\u0000after';

  it('is refused in every text field of the forms and the API without a server error, changing nothing', async () => {
    const admin = clients.administrator;
    const draft = await freshListing('draft');
    const relationship = await freshRelationship();
    const link = await inviteAccount(database.db, OPERATOR, { email: `${unique('nul')}@city.example.jp`, name: 'Nul', role: 'officer', localGovernmentIds: [lg.target] });
    const [introduction, tracker, signing] = [await freshIntroduction('sent', 'pending'), await trackerAt(1), await trackerAt(6)];
    const attempts: { name: string; response: () => Promise<Response> }[] = [
      { name: 'listing form, outline', response: () => sendForm(admin, `/dashboard/listings/${draft}`, { ...COMPLETE_LISTING_FORM, 'outline.en': NUL }, admin.csrf) },
      { name: 'listing form, contact name', response: () => sendForm(admin, `/dashboard/listings/${draft}`, { ...COMPLETE_LISTING_FORM, 'contact.name': NUL }, admin.csrf) },
      { name: 'listing form, link label', response: () => sendForm(admin, `/dashboard/listings/${draft}`, { ...COMPLETE_LISTING_FORM, 'links[0].url': 'https://example.org/', 'links[0].label': NUL }, admin.csrf) },
      { name: 'token name', response: () => sendForm(admin, '/account/tokens', { name: NUL }, admin.csrf) },
      {
        name: 'introduction message',
        response: () => sendForm(admin, '/introductions', { from: String(lg.target), to: String(strangers.shift()!), message: NUL }, admin.csrf),
      },
      { name: 'introduction reply', response: () => sendForm(admin, `/introductions/${introduction}/messages`, { message: NUL }, admin.csrf) },
      { name: 'tracker step notes', response: () => sendForm(admin, `/introductions/${tracker}/steps/2`, { doneOn: today(), notes: NUL }, admin.csrf) },
      { name: 'signing label', response: () => sendForm(admin, `/introductions/${signing}/steps/7`, { doneOn: today(), label: NUL }, admin.csrf) },
      { name: 'invitation name', response: () => sendForm(admin, '/admin/accounts/invite', { email: `${unique('nul')}@city.example.jp`, name: NUL, role: 'coordinator', localGovernmentIds: '' }, admin.csrf) },
      { name: 'invitation e-mail', response: () => sendForm(admin, '/admin/accounts/invite', { email: `nul${NUL}@city.example.jp`, name: 'Nul', role: 'coordinator', localGovernmentIds: '' }, admin.csrf) },
      {
        name: 'password',
        response: async () => {
          const newcomer = await publicClient();
          return sendForm(newcomer, `/account/password/${link.secret}`, { password: `long enough ${NUL}`, confirmation: `long enough ${NUL}` }, newcomer.csrf);
        },
      },
      {
        name: 'API relationship notes',
        response: async () =>
          app.request(`/api/relationships/${relationship}`, {
            method: 'PATCH',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${accounts.administrator.token}` },
            body: JSON.stringify({ notes: NUL }),
          }),
      },
    ];
    const failures: string[] = [];
    for (const attempt of attempts) {
      const before = await snapshot();
      const response = await attempt.response();
      if (response.status >= 500) failures.push(`${attempt.name} → ${response.status}`);
      // A refusal changes nothing; an acceptance is fine too if the byte did not reach the database.
      if (response.status >= 400) expect(await snapshot(), attempt.name).toEqual(before);
    }
    expect(failures).toEqual([]);
  });

  it('is refused in any query parameter with a 400 that names the parameter', async () => {
    for (const path of ['/api/local-governments?kind=%00', '/api/local-governments?kind=a%00b', '/api/search?q=Ibara&country=J%00P']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(400);
      const body = (await response.json()) as { error: { problems: { field: string }[] } };
      expect(body.error.problems.map((problem) => problem.field), path).toEqual([path.includes('country') ? 'country' : 'kind']);
    }
    for (const path of ['/search?q=Iba%00ra', '/countries?sort=%00', '/ja/statistics?asOf=%00']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(400);
      expect(await response.text(), path).toContain('NUL');
    }
  });
});

describe('assets', () => {
  it('knows only its own files, not the names every object carries', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect((await app.request(`/assets/${name}`)).status, name).toBe(404);
    }
    expect((await app.request('/assets/site.css')).status).toBe(200);
  });
});

describe('security headers', () => {
  /** The Content-Security-Policy of every page, written out rather than imported so that a change to it fails here. */
  const PAGE_POLICY =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  /** Pictures and partner maps, which may load nothing. */
  const FILE_POLICY = "default-src 'none'";

  interface Visit {
    address: string;
    status: number;
    policy?: string;
    referrer?: string;
  }

  /** The headers an answer lacks or gets wrong, as lines naming the address. */
  function headerProblems(response: Response, visit: Visit): string[] {
    const expected: Record<string, string> = {
      'content-security-policy': visit.policy ?? PAGE_POLICY,
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': visit.referrer ?? 'strict-origin-when-cross-origin',
    };
    const problems = Object.entries(expected)
      .filter(([name, value]) => response.headers.get(name) !== value)
      .map(([name, value]) => `${visit.address}: ${name} is ${JSON.stringify(response.headers.get(name))}, not ${JSON.stringify(value)}`);
    if (response.headers.has('server-timing')) problems.push(`${visit.address}: Server-Timing is sent without the setting`);
    if (response.status !== visit.status) problems.push(`${visit.address}: status ${response.status}, not ${visit.status}`);
    return problems;
  }

  /**
   * A real address for every GET route, by the route's pattern as app.routes lists it, so that a new
   * route without one fails the walk. page() adds the Japanese twin.
   */
  async function addresses(): Promise<Map<string, Visit>> {
    const table = new Map<string, Visit>();
    const route = (pattern: string, address: string, more: Partial<Visit> = {}) => table.set(pattern, { address, status: 200, ...more });
    const page = (pattern: string, address: string, more: Partial<Visit> = {}) => {
      route(pattern, address, more);
      route(pattern === '/' ? '/ja' : `/ja${pattern}`, address === '/' ? '/ja' : `/ja${address}`, more);
    };

    await closeOpenListings();
    const draft = (await createListing(database.db, OPERATOR, lg.target, COMPLETE_INPUT)).id;
    await setListingImage(database.db, OPERATOR, draft, PNG);
    const okayama = await lgId('331007');
    const submitted = (await createListing(database.db, OPERATOR, okayama, COMPLETE_INPUT)).id;
    await takeListingStep(database.db, OPERATOR, submitted, 'submit');
    const [published] = await queryRows<{ id: number }>(database.db, sql`select id from listings where local_government_id = ${lg.other} and status = 'published'`);
    const relationship = await freshRelationship();
    const exchange = await recordExchange(database.db, OPERATOR, relationship, EXCHANGE_INPUT);
    const introduction = await freshIntroduction('sent', 'pending');
    const link = await inviteAccount(database.db, OPERATOR, { email: `${unique('headers')}@city.example.jp`, name: 'Headers', role: 'officer', localGovernmentIds: [lg.target] });
    const lgUrl = ((await (await app.request(`/api/local-governments/${lg.target}`)).json()) as { url: string }).url;
    const jurisdiction = (await createJurisdiction(database.db, OPERATOR, { nameEn: unique('headers'), members: 'US-CA' })).url;

    route('/api/docs', '/api/docs');
    route('/ja/api/docs', '/ja/api/docs', { status: 302 });
    route('/api/search', '/api/search?q=ibara');
    route('/api/local-governments', '/api/local-governments?country=JP&kind=prefecture');
    route('/api/local-governments/:id', `/api/local-governments/${lg.target}`);
    route('/api/relationships', '/api/relationships');
    route('/api/relationships/:id', `/api/relationships/${relationship}`);
    route('/api/relationships/:id/exchanges', `/api/relationships/${relationship}/exchanges`);
    route('/api/stats', '/api/stats');
    route('/api/strategy', '/api/strategy?continent=EU');
    route('/api/listings', '/api/listings?direction=from-japan');
    route('/api/listings/:id', `/api/listings/${published!.id}`);
    // Seekers abroad: their candidates are Japan's LGs, a quicker ranking than every place abroad.
    route('/api/match', `/api/match?lg=${strangers.at(-1)}&limit=3`);
    route('/api/openapi.json', '/api/openapi.json');
    route('/api/anniversaries', '/api/anniversaries?country=US');
    route('/api/jurisdictions', '/api/jurisdictions');
    route('/api/jurisdictions/:slug', `/api${jurisdiction}`);
    route('/assets/:name{[a-zA-Z0-9._-]+}', '/assets/worldMap.js');
    route('/favicon.ico', '/favicon.ico', { status: 301 });
    route('/ja/', '/ja/', { status: 301 });
    route('/map/places/:file{[0-9]{1,9}\\.svg}', `/map/places/${lg.target}.svg`, { policy: FILE_POLICY });
    route('/map/japan.svg', '/map/japan.svg', { policy: FILE_POLICY });
    route('/map/data.json', '/map/data.json');
    page('/sign-in', '/sign-in');
    // A page that shows a secret sends no referrer at all.
    page('/account/password/:secret', `/account/password/${link.secret}`, { referrer: 'no-referrer' });
    page('/account', '/account');
    page('/admin/accounts', '/admin/accounts');
    page('/audit', '/audit');
    page('/listings', '/listings', { status: 302 });
    page('/listings/from-japan', '/listings/from-japan');
    page('/listings/to-japan', '/listings/to-japan');
    page('/listings/:id{[0-9]{1,9}}', `/listings/${published!.id}`);
    page('/listings/:id{[0-9]{1,9}}/image', `/listings/${draft}/image`, { policy: FILE_POLICY });
    page('/dashboard', '/dashboard');
    page('/dashboard/listings/new', '/dashboard/listings/new');
    page('/dashboard/listings/:id{[0-9]{1,9}}/edit', `/dashboard/listings/${draft}/edit`);
    page('/moderation', '/moderation');
    page('/moderation/:id{[0-9]{1,9}}', `/moderation/${submitted}`);
    page('/introductions', '/introductions');
    page('/introductions/new', `/introductions/new?from=${lg.target}&to=${strangers.at(-1)}`);
    page('/introductions/:id{[0-9]{1,9}}', `/introductions/${introduction}`);
    page('/match', `/match?lg=${strangers.at(-1)}&limit=3`);
    page('/statistics/figures', '/statistics/figures');
    page('/registry/register.csv', '/registry/register.csv');
    page('/registry/register.xlsx', '/registry/register.xlsx');
    page('/registry/import', '/registry/import');
    page('/', '/');
    page('/search', '/search?q=ibara');
    page('/lg/:key', lgUrl);
    page('/relationships/:id{[0-9]{1,9}}', `/relationships/${relationship}`);
    page('/relationships/:id{[0-9]{1,9}}/exchanges/new', `/relationships/${relationship}/exchanges/new`);
    page('/relationships/:id{[0-9]{1,9}}/exchanges/:exchangeId{[0-9]{1,9}}/edit', `/relationships/${relationship}/exchanges/${exchange.id}/edit`);
    page('/relationships/:id{[0-9]{1,9}}/renewals/new', `/relationships/${relationship}/renewals/new`);
    page('/relationships/:id{[0-9]{1,9}}/exchanges.csv', `/relationships/${relationship}/exchanges.csv`);
    page('/statistics/vitality.csv', '/statistics/vitality.csv');
    page('/prefectures', '/prefectures');
    page('/prefectures/:code{[0-9]{6}}', '/prefectures/330001');
    page('/prefectures/:number{[0-9]{1,2}}', '/prefectures/33', { status: 301 });
    page('/prefectures/:name{[A-Za-z-]+}', '/prefectures/okayama', { status: 301 });
    page('/prefectures/:file{[0-9]{6}\\.(?:csv|xlsx)}', '/prefectures/330001.csv');
    page('/countries', '/countries');
    page('/countries/:code{[A-Za-z]{2}}', '/countries/FR');
    page('/countries/:name{[^/.]{3,}}', '/countries/france', { status: 301 });
    page('/countries/:file{[A-Za-z]{2}\\.(?:csv|xlsx)}', '/countries/FR.xlsx');
    page('/guides', '/guides');
    page('/guides/:slug', '/guides/what-is-a-sister-city');
    page('/statistics', '/statistics');
    page('/statistics/:file{[a-z]+\\.csv}', '/statistics/growth.csv');
    page('/strategy', '/strategy');
    page('/strategy/local-governments', '/strategy/local-governments?kind=village');
    page('/strategy/local-governments.csv', '/strategy/local-governments.csv?kind=village');
    page('/strategy/prefectures/:code{[0-9]{6}}', '/strategy/prefectures/330001');
    page('/strategy/prefectures/:file{[0-9]{6}\\.xlsx}', '/strategy/prefectures/330001.xlsx');
    page('/strategy/prefectures/:key{[0-9]{1,2}|[A-Za-z-]+}', '/strategy/prefectures/33', { status: 301 });
    page('/strategy/:file{[a-z-]+\\.csv}', '/strategy/spread.csv');
    page('/map', '/map');
    page('/lg-choices', '/lg-choices?q=ibara');
    const commendation = await recordCommendation(database.db, OPERATOR, {
      award: 'international-exchange',
      year: 2020,
      localGovernmentId: lg.target,
      organisation: { en: '', ja: '' },
      category: { en: '', ja: '' },
      citation: { en: 'For its exchanges.', ja: '' },
      relationshipIds: [relationship],
      exchangeIds: [],
    });
    const news = await publishNews(database.db, OPERATOR, { title: { en: 'A visit', ja: '' }, body: { en: 'Pupils visited.', ja: '' }, tags: [{ kind: 'relationship', value: String(relationship) }] });
    const issue = await publishIssue(database.db, OPERATOR, (await assembleIssue(database.db, OPERATOR, { periodFrom: '2024-01-01', periodTo: '2024-02-29', country: 'FR', jurisdiction: '' }, 'http://localhost')).id);
    const secret = 'A'.repeat(32);
    route('/api/commendations', '/api/commendations?year=2020');
    route('/api/commendations/:id', `/api/commendations/${commendation.id}`);
    route('/api/news', '/api/news?tag=country:FR');
    route('/api/news/:id', `/api/news/${news.id}`);
    page('/news', '/news');
    page('/news.atom', '/news.atom');
    page('/countries/:code{[A-Za-z]{2}}/news.atom', '/countries/FR/news.atom');
    page('/lg/:id{[0-9]{1,9}}/news.atom', `/lg/${lg.target}/news.atom`);
    page('/relationships/:id{[0-9]{1,9}}/news.atom', `/relationships/${relationship}/news.atom`);
    page('/news/:id{[0-9]{1,9}}', `/news/${news.id}`);
    page('/news/new', '/news/new');
    page('/news/:id{[0-9]{1,9}}/edit', `/news/${news.id}/edit`);
    page('/commendations', '/commendations');
    page('/commendations.csv', '/commendations.csv');
    page('/commendations/:award{international-exchange}/:year{[0-9]{4}}', '/commendations/international-exchange/2020');
    page('/commendations/:award{international-exchange}/:file{[0-9]{4}\\.csv}', '/commendations/international-exchange/2020.csv');
    page('/commendations/new', '/commendations/new');
    page('/commendations/:id{[0-9]{1,9}}/edit', `/commendations/${commendation.id}/edit`);
    page('/newsletter', '/newsletter');
    page('/newsletter/subscribers', '/newsletter/subscribers');
    page('/newsletter/issues/:id{[0-9]{1,9}}', issue.url);
    page('/newsletter/issues/:id{[0-9]{1,9}}/edit', `${issue.url}/edit`);
    page('/newsletter/confirm/:secret{[A-Za-z0-9_-]{20,64}}', `/newsletter/confirm/${secret}`, { referrer: 'no-referrer' });
    page('/newsletter/unsubscribe/:secret{[A-Za-z0-9_-]{20,64}}', `/newsletter/unsubscribe/${secret}`, { referrer: 'no-referrer' });
    page('/anniversaries', '/anniversaries?year=2026');
    page('/anniversaries.csv', '/anniversaries.csv?country=US');
    page('/anniversaries.ics', '/anniversaries.ics?country=US');
    page('/lg/:id{[0-9]{1,9}}/anniversaries.ics', `/lg/${lg.target}/anniversaries.ics`);
    page('/prefectures/:code{[0-9]{6}}/anniversaries.ics', '/prefectures/330001/anniversaries.ics');
    page('/countries/:code{[A-Za-z]{2}}/anniversaries.ics', '/countries/US/anniversaries.ics');
    page('/jurisdictions', '/jurisdictions');
    page('/jurisdictions/new', '/jurisdictions/new?counties=US-CA');
    page('/jurisdictions/:slug{[a-z0-9]+(?:-[a-z0-9]+)*}', jurisdiction);
    page('/jurisdictions/:slug{[a-z0-9]+(?:-[a-z0-9]+)*}/edit', `${jurisdiction}/edit`);
    page('/jurisdictions/:slug{[a-z0-9]+(?:-[a-z0-9]+)*}/news.atom', `${jurisdiction}/news.atom`);
    page('/jurisdictions/:slug{[a-z0-9]+(?:-[a-z0-9]+)*}/anniversaries.ics', `${jurisdiction}/anniversaries.ics`);
    return table;
  }

  it('are on the answer of every GET route, in both languages, pages or not, for an administrator', async () => {
    const table = await addresses();
    const patterns = [...new Set(app.routes.filter((route) => route.method === 'GET').map((route) => route.path))];
    expect(patterns.filter((pattern) => !table.has(pattern)), 'GET routes without an address to try in this test').toEqual([]);
    expect(patterns.length).toBeGreaterThan(90);
    const problems: string[] = [];
    let pages = 0;
    for (const pattern of patterns) {
      const visit = table.get(pattern)!;
      const response = await clients.administrator.request(visit.address);
      if (response.headers.get('content-type')?.startsWith('text/html') && response.status === 200) pages++;
      problems.push(...headerProblems(response, visit));
      await response.arrayBuffer();
    }
    expect(problems).toEqual([]);
    // Not vacuous: most routes are pages, in two languages.
    expect(pages).toBeGreaterThan(60);
  }, 180_000);

  it('are on a page the public is sent away from, on error pages in both languages, and on API errors', async () => {
    const visits: Visit[] = [
      { address: '/dashboard', status: 303 },
      { address: '/no-such-page', status: 404 },
      { address: '/ja/no-such-page', status: 404 },
      { address: '/api/no-such-thing', status: 404 },
      { address: '/api/local-governments/999999999', status: 404 },
      { address: '/search?q=Iba%00ra', status: 400 },
    ];
    const problems: string[] = [];
    for (const visit of visits) problems.push(...headerProblems(await clients.public.request(visit.address), visit));
    expect(problems).toEqual([]);
  });

  it('send Server-Timing only when the setting asks for it', async () => {
    const timed = await createApp({ db: database.db, serverTiming: true }).request('/guides');
    expect(timed.headers.get('server-timing')).toMatch(/^app;dur=\d+(\.\d)?$/);
    expect(timed.headers.get('content-security-policy')).toBe(PAGE_POLICY);
    expect((await app.request('/guides')).headers.has('server-timing')).toBe(false);
  });
});
