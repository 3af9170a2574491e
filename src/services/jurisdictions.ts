import { asc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows, type Db } from '../db/client.js';
import { jurisdictionMembers, jurisdictions } from '../db/schema.js';
import { FIRST_LEVEL_KINDS } from '../domain/firstLevelRegions.js';
import { accountIdOf, authorize, type Actor } from '../domain/authorization.js';
import { memberCode, memberCovers, parseMemberCode, SLUG_PATTERN, type JurisdictionMember } from '../domain/jurisdictions.js';
import { slugify } from '../domain/names.js';
import { CodedProblemsError, notFound, refusingDuplicates, type ErrorId } from '../errors.js';
import { countryName, t, type Lang } from '../i18n/index.js';
import { countyNameOf } from '../reference/counties.js';
import { loadCountries } from '../reference/countries.js';
import { writeAudit } from './audit.js';
import { fromJapaneseSide, partnerLines, type PartnerLine } from './lists.js';
import type { LifeOptions } from './vitality.js';

/**
 * Jurisdictions: named sets of places that coordinators keep (a consulate's "Northern and Central
 * California"). Everyone reads them; coordinators and administrators create, change and delete
 * them, each change audited and whole (a jurisdiction and its members in one transaction).
 */

/** A member as pages and the API show it: its code, its kind and its name in both languages. */
export interface PresentedMember {
  code: string;
  kind: JurisdictionMember['kind'];
  name: { en: string; ja: string };
  /** The page of a single LG; null for the other kinds. */
  url: string | null;
}

export interface Jurisdiction {
  id: number;
  slug: string;
  url: string;
  name: { en: string; ja: string };
  description: { en: string; ja: string };
  members: PresentedMember[];
  updatedAt: string;
}

export const JURISDICTION_LIMITS = { name: 120, description: 2000, members: 200 } as const;

/** Every problem a jurisdiction's input can have; the words are the catalogue's `jurisdictions.problem.<code>`. */
export const JURISDICTION_PROBLEM_CODES = [
  'name-en-required',
  'name-too-long',
  'description-too-long',
  'slug-invalid',
  'slug-taken',
  'members-required',
  'members-too-many',
  'member-unreadable',
  'member-country-unknown',
  'member-region-unknown',
  'member-county-unknown',
  'member-lg-unknown',
  'member-repeated',
  'member-covered',
] as const;
export type JurisdictionProblemCode = (typeof JURISDICTION_PROBLEM_CODES)[number];

export interface JurisdictionProblem {
  field: 'nameEn' | 'nameJa' | 'descriptionEn' | 'descriptionJa' | 'slug' | 'members';
  code: JurisdictionProblemCode;
  /** For a member: its line (from 1) and what was typed; for a covered one, the member that covers it. */
  line?: number;
  typed?: string;
  by?: string;
}

/** A problem in a language. */
export const jurisdictionProblemText = (lang: Lang, problem: JurisdictionProblem): string =>
  t(lang, `jurisdictions.problem.${problem.code}`, {
    line: problem.line ?? '',
    typed: problem.typed ?? '',
    by: problem.by ?? '',
    max: problem.code === 'members-too-many' ? JURISDICTION_LIMITS.members : problem.field === 'descriptionEn' || problem.field === 'descriptionJa' ? JURISDICTION_LIMITS.description : JURISDICTION_LIMITS.name,
  });

/** A refusal naming every problem, in English for the log and the API; pages put it into the reader's language. */
export class JurisdictionError extends CodedProblemsError<JurisdictionProblem> {
  constructor(reasons: JurisdictionProblem[], id: ErrorId = 'validation_failed') {
    super(reasons, (reason) => jurisdictionProblemText('en', reason), id);
  }
}

const text = (max: number, code: JurisdictionProblemCode) => z.string().trim().max(max, code).default('');

/** A jurisdiction as a coordinator gives it: the members one per line (or as a list), as codes. */
export const JurisdictionInput = z.object({
  nameEn: z.string('name-en-required').trim().min(1, 'name-en-required').max(JURISDICTION_LIMITS.name, 'name-too-long'),
  nameJa: text(JURISDICTION_LIMITS.name, 'name-too-long'),
  descriptionEn: text(JURISDICTION_LIMITS.description, 'description-too-long'),
  descriptionJa: text(JURISDICTION_LIMITS.description, 'description-too-long'),
  /** Left empty, made from the English name. */
  slug: z.string().trim().toLowerCase().default(''),
  members: z.union([z.string(), z.array(z.string())], 'members-required'),
});
export type JurisdictionInput = z.input<typeof JurisdictionInput>;

type Checked = Omit<z.output<typeof JurisdictionInput>, 'members'> & { members: JurisdictionMember[] };

let countryCodes: Set<string> | undefined;
const knownCountry = (code: string) => (countryCodes ??= new Set(loadCountries().map((country) => country.code))).has(code);

/** The English name of each region and county the members name, and whether each LG exists: one query each. */
async function placesNamed(db: Db, members: JurisdictionMember[], checkCounties: boolean): Promise<{ regions: Map<string, { en: string; ja: string | null }>; counties: Set<string>; lgs: Map<number, { en: string; ja: string | null; url: string }> }> {
  const regionKeys = members.flatMap((member) => (member.kind === 'region' || member.kind === 'county' ? [`${member.country}|${member.admin1}`] : []));
  const countyKeys = members.flatMap((member) => (checkCounties && member.kind === 'county' ? [`${member.country}|${member.admin1}|${member.admin2}`] : []));
  const lgIds = members.flatMap((member) => (member.kind === 'lg' ? [member.localGovernmentId] : []));
  const countries = [...new Set(members.flatMap((member) => (member.kind === 'lg' ? [] : [member.country])))];
  const [regionLgs, counties, lgs] = await Promise.all([
    regionKeys.length === 0
      ? []
      : queryRows<{ key: string; name_en: string; name_ja: string | null }>(
          db,
          sql`select lg.country || '|' || ${regionCodeOf('lg')} as key, lg.name_en, lg.name_ja from local_governments lg
            where lg.country = any(${sql.param(countries)}::char(2)[]) and lg.kind = any(${sql.param(REGION_KINDS)}::text[])
              and lg.country || '|' || ${regionCodeOf('lg')} = any(${sql.param(regionKeys)}::text[])`,
        ),
    countyKeys.length === 0
      ? []
      : queryRows<{ key: string }>(
          db,
          sql`select distinct lg.country || '|' || lg.admin1 || '|' || lg.admin2 as key from local_governments lg
            where lg.country = any(${sql.param(countries)}::char(2)[]) and lg.admin2 = any(${sql.param(members.flatMap((member) => (member.kind === 'county' ? [member.admin2] : [])))}::text[])
              and lg.country || '|' || lg.admin1 || '|' || lg.admin2 = any(${sql.param(countyKeys)}::text[])`,
        ),
    lgIds.length === 0
      ? []
      : queryRows<{ id: number; name_en: string; name_ja: string | null; slug: string }>(db, sql`select id, name_en, name_ja, slug from local_governments where id = any(${sql.param(lgIds)}::int[])`),
  ]);
  const regions = new Map(regionLgs.map((row) => [row.key, { en: row.name_en, ja: row.name_ja }]));
  // A first-level code without a region of its own in the register is named by its places.
  const unnamed = regionKeys.filter((key) => !regions.has(key));
  if (unnamed.length > 0) {
    const byPlaces = await queryRows<{ key: string; name_en: string | null; name_ja: string | null }>(
      db,
      sql`select distinct on (key) lg.country || '|' || lg.admin1 as key, lg.region_name as name_en, lg.region_name_ja as name_ja from local_governments lg
        where lg.country = any(${sql.param(countries)}::char(2)[]) and lg.country || '|' || lg.admin1 = any(${sql.param(unnamed)}::text[])
        order by key, (lg.region_name is null)`,
    );
    for (const row of byPlaces) regions.set(row.key, { en: row.name_en ?? row.key.split('|')[1]!, ja: row.name_ja });
  }
  return {
    regions,
    counties: new Set(counties.map((row) => row.key)),
    lgs: new Map(lgs.map((row) => [row.id, { en: row.name_en, ja: row.name_ja, url: `/lg/${row.id}-${row.slug}` }])),
  };
}

/** The kinds of LG that are a first-level region: a prefecture, a state, a province … */
const REGION_KINDS = ['prefecture', ...FIRST_LEVEL_KINDS];

/** The first-level code of an LG: GeoNames' abroad, the prefecture's number in Japan. */
const regionCodeOf = (alias: string): SQL => sql.raw(`(case when ${alias}.country = 'JP' then left(${alias}.jis_code, 2) else ${alias}.admin1 end)`);

/** Checks the input and every member against the register; a JurisdictionError names each problem, members by their line. */
async function checkInput(db: Db, input: unknown): Promise<Checked> {
  const parsed = JurisdictionInput.safeParse(input);
  const reasons: JurisdictionProblem[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'nameEn') as JurisdictionProblem['field'];
      const code = (JURISDICTION_PROBLEM_CODES as readonly string[]).includes(issue.message) ? (issue.message as JurisdictionProblemCode) : field === 'members' ? 'members-required' : 'name-en-required';
      if (!reasons.some((reason) => reason.field === field)) reasons.push({ field, code });
    }
  }
  const given = parsed.success ? parsed.data : undefined;
  // The address and the places are checked even when another field is wrong, so that the form shows every problem at once.
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const typedSlug = typeof raw.slug === 'string' ? raw.slug.trim().toLowerCase() : '';
  const slug = typedSlug || (given ? slugify(given.nameEn) : '');
  if ((given || typedSlug) && (!SLUG_PATTERN.test(slug) || slug.length > JURISDICTION_LIMITS.name || RESERVED_SLUGS.includes(slug))) reasons.push({ field: 'slug', code: 'slug-invalid' });
  const rawMembers = given?.members ?? raw.members;
  const lines = typeof rawMembers === 'string' ? rawMembers.split(/\r?\n|,/) : Array.isArray(rawMembers) ? rawMembers.filter((line): line is string => typeof line === 'string') : [];
  const typed = lines.map((line, index) => ({ line: index + 1, typed: line.trim() })).filter((line) => line.typed !== '');
  const members: { line: number; typed: string; member: JurisdictionMember }[] = [];
  const memberProblems: JurisdictionProblem[] = [];
  for (const { line, typed: code } of typed) {
    const member = parseMemberCode(code);
    if (typeof member === 'string') memberProblems.push({ field: 'members', code: member, line, typed: code });
    else members.push({ line, typed: code, member });
  }
  if (!reasons.some((reason) => reason.field === 'members') && typed.length === 0) memberProblems.push({ field: 'members', code: 'members-required' });
  if (typed.length > JURISDICTION_LIMITS.members) memberProblems.push({ field: 'members', code: 'members-too-many' });
  const known = await placesNamed(db, members.map((entry) => entry.member), true);
  const seen = new Map<string, number>();
  for (const { line, typed: code, member } of members) {
    const problem = (problemCode: JurisdictionProblemCode, by?: string) => memberProblems.push({ field: 'members', code: problemCode, line, typed: code, by });
    if (member.kind !== 'lg' && !knownCountry(member.country)) problem('member-country-unknown');
    else if (member.kind === 'region' && !known.regions.has(`${member.country}|${member.admin1}`)) problem('member-region-unknown');
    else if (member.kind === 'county' && !known.counties.has(`${member.country}|${member.admin1}|${member.admin2}`)) problem('member-county-unknown');
    else if (member.kind === 'lg' && !known.lgs.has(member.localGovernmentId)) problem('member-lg-unknown');
    else if (seen.has(memberCode(member))) problem('member-repeated', String(seen.get(memberCode(member))));
    else {
      const cover = members.find((other) => memberCovers(other.member, member));
      if (cover) problem('member-covered', memberCode(cover.member));
    }
    if (!seen.has(memberCode(member))) seen.set(memberCode(member), line);
  }
  reasons.push(...memberProblems);
  if (reasons.length > 0 || !given) throw new JurisdictionError(reasons);
  return { ...given, slug, members: members.map((entry) => entry.member) };
}

type Row = typeof jurisdictions.$inferSelect;
type MemberRow = typeof jurisdictionMembers.$inferSelect;

const memberOf = (row: MemberRow): JurisdictionMember =>
  row.kind === 'lg'
    ? { kind: 'lg', localGovernmentId: row.localGovernmentId! }
    : row.kind === 'country'
      ? { kind: 'country', country: row.country!.trim() }
      : row.kind === 'region'
        ? { kind: 'region', country: row.country!.trim(), admin1: row.admin1! }
        : { kind: 'county', country: row.country!.trim(), admin1: row.admin1!, admin2: row.admin2! };

/** The members with their names: countries from the reference data, regions and LGs from the register, US counties from the Census list. */
async function presentMembers(db: Db, members: JurisdictionMember[]): Promise<PresentedMember[]> {
  const known = await placesNamed(db, members, false);
  return members.map((member) => {
    const code = memberCode(member);
    if (member.kind === 'lg') {
      const lg = known.lgs.get(member.localGovernmentId);
      return { code, kind: member.kind, name: { en: lg?.en ?? code, ja: lg?.ja ?? lg?.en ?? code }, url: lg?.url ?? null };
    }
    const country = { en: countryName('en', member.country), ja: countryName('ja', member.country) };
    if (member.kind === 'country') return { code, kind: member.kind, name: country, url: null };
    const region = known.regions.get(`${member.country}|${member.admin1}`);
    const regionName = { en: `${region?.en ?? member.admin1}, ${country.en}`, ja: `${country.ja}・${region?.ja ?? region?.en ?? member.admin1}` };
    if (member.kind === 'region') return { code, kind: member.kind, name: regionName, url: null };
    const county = countyNameOf(member.country, member.admin1, member.admin2);
    return {
      code,
      kind: member.kind,
      name: {
        en: `${county ?? t('en', 'jurisdictions.member.county', { code: member.admin2 })}, ${regionName.en}`,
        ja: `${regionName.ja}・${county ?? t('ja', 'jurisdictions.member.county', { code: member.admin2 })}`,
      },
      url: null,
    };
  });
}

async function present(db: Db, row: Row): Promise<Jurisdiction> {
  const members = await db.select().from(jurisdictionMembers).where(eq(jurisdictionMembers.jurisdictionId, row.id)).orderBy(asc(jurisdictionMembers.position));
  return {
    id: row.id,
    slug: row.slug,
    url: `/jurisdictions/${row.slug}`,
    name: { en: row.nameEn, ja: row.nameJa },
    description: { en: row.descriptionEn, ja: row.descriptionJa },
    members: await presentMembers(db, members.map(memberOf)),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Every jurisdiction, by English name. */
export async function listJurisdictions(db: Db): Promise<Jurisdiction[]> {
  const rows = await db.select().from(jurisdictions).orderBy(asc(jurisdictions.nameEn), asc(jurisdictions.id));
  return Promise.all(rows.map((row) => present(db, row)));
}

/** Every jurisdiction's slug and name, by English name: the choices of the anniversaries page. */
export async function jurisdictionChoices(db: Db): Promise<{ slug: string; name: { en: string; ja: string } }[]> {
  const rows = await db.select({ slug: jurisdictions.slug, nameEn: jurisdictions.nameEn, nameJa: jurisdictions.nameJa }).from(jurisdictions).orderBy(asc(jurisdictions.nameEn), asc(jurisdictions.id));
  return rows.map((row) => ({ slug: row.slug, name: { en: row.nameEn, ja: row.nameJa } }));
}

async function findRow(db: Db, slug: string): Promise<Row> {
  const [row] = await db.select().from(jurisdictions).where(eq(jurisdictions.slug, slug));
  if (!row) throw notFound(`Jurisdiction ${slug}`);
  return row;
}

/** A jurisdiction by the slug of its address; 404 when there is none. */
export async function getJurisdiction(db: Db, slug: string): Promise<Jurisdiction> {
  return present(db, await findRow(db, slug));
}

/** Addresses under /jurisdictions/ that are pages of their own. */
const RESERVED_SLUGS = ['new'];

const slugTaken = () => new JurisdictionError([{ field: 'slug', code: 'slug-taken' }], 'conflict');

async function writeMembers(db: Db, jurisdictionId: number, members: JurisdictionMember[]): Promise<void> {
  await db.delete(jurisdictionMembers).where(eq(jurisdictionMembers.jurisdictionId, jurisdictionId));
  await db.insert(jurisdictionMembers).values(
    members.map((member, position) => ({
      jurisdictionId,
      position,
      kind: member.kind,
      country: member.kind === 'lg' ? null : member.country,
      admin1: member.kind === 'region' || member.kind === 'county' ? member.admin1 : null,
      admin2: member.kind === 'county' ? member.admin2 : null,
      localGovernmentId: member.kind === 'lg' ? member.localGovernmentId : null,
    })),
  );
}

const fieldsOf = (values: Checked) => ({ slug: values.slug, nameEn: values.nameEn, nameJa: values.nameJa, descriptionEn: values.descriptionEn, descriptionJa: values.descriptionJa });

/** Creates a jurisdiction with its members; refused whole when anything is wrong or its slug is taken. */
export async function createJurisdiction(db: Db, actor: Actor, input: Partial<JurisdictionInput>): Promise<Jurisdiction> {
  authorize(actor, { do: 'jurisdiction.edit' });
  const values = await checkInput(db, input);
  return db.transaction(async (tx) => {
    const [row] = await refusingDuplicates(() => tx.insert(jurisdictions).values({ ...fieldsOf(values), updatedBy: accountIdOf(actor) }).returning(), slugTaken);
    await writeMembers(tx, row!.id, values.members);
    const jurisdiction = await present(tx, row!);
    await writeAudit(tx, actor, { action: 'create', entity: 'jurisdiction', entityId: jurisdiction.id, before: null, after: jurisdiction });
    return jurisdiction;
  });
}

/** Changes a jurisdiction (its slug too, which moves its address); its members are replaced whole. */
export async function updateJurisdiction(db: Db, actor: Actor, slug: string, input: Partial<JurisdictionInput>): Promise<Jurisdiction> {
  authorize(actor, { do: 'jurisdiction.edit' });
  const values = await checkInput(db, input);
  return db.transaction(async (tx) => {
    const row = await findRow(tx, slug);
    const before = await present(tx, row);
    const [updated] = await refusingDuplicates(
      () => tx.update(jurisdictions).set({ ...fieldsOf(values), updatedBy: accountIdOf(actor), updatedAt: new Date() }).where(eq(jurisdictions.id, row.id)).returning(),
      slugTaken,
    );
    await writeMembers(tx, row.id, values.members);
    const jurisdiction = await present(tx, updated!);
    await writeAudit(tx, actor, { action: 'update', entity: 'jurisdiction', entityId: row.id, before, after: jurisdiction });
    return jurisdiction;
  });
}

/** Deletes a jurisdiction and its members; the audit log keeps what it was. */
export async function deleteJurisdiction(db: Db, actor: Actor, slug: string): Promise<Jurisdiction> {
  authorize(actor, { do: 'jurisdiction.edit' });
  return db.transaction(async (tx) => {
    const row = await findRow(tx, slug);
    const before = await present(tx, row);
    await tx.delete(jurisdictions).where(eq(jurisdictions.id, row.id));
    await writeAudit(tx, actor, { action: 'delete', entity: 'jurisdiction', entityId: row.id, before, after: null });
    return before;
  });
}

/** A jurisdiction's members as the rules read them (their codes are written one way only). */
const membersOf = (jurisdiction: Jurisdiction): JurisdictionMember[] => jurisdiction.members.map((member) => parseMemberCode(member.code) as JurisdictionMember);

/**
 * Whether the local government of `alias` lies within the members: it is one of the single LGs, or
 * in one of the countries, regions (a prefecture in Japan) or counties. Conditions on the LG's own
 * columns against arrays, so that the planner tests each row once rather than join the members.
 */
function withinMembers(members: JurisdictionMember[], alias: string): SQL {
  const lg = sql.raw(alias);
  const text = (values: string[]) => sql`${sql.param(values)}::text[]`;
  return sql`(${lg}.id = any(${sql.param(members.flatMap((member) => (member.kind === 'lg' ? [member.localGovernmentId] : [])))}::int[])
    or ${lg}.country::text = any(${text(members.flatMap((member) => (member.kind === 'country' ? [member.country] : [])))})
    or ${lg}.country || '|' || ${regionCodeOf(alias)} = any(${text(members.flatMap((member) => (member.kind === 'region' ? [`${member.country}|${member.admin1}`] : [])))})
    or ${lg}.country || '|' || ${lg}.admin1 || '|' || ${lg}.admin2 = any(${text(members.flatMap((member) => (member.kind === 'county' ? [`${member.country}|${member.admin1}|${member.admin2}`] : [])))}))`;
}

/** The ids of the relationships of Japan's LGs with a party within a jurisdiction, in one row. */
export async function relationshipIdsWithin(db: Db, jurisdiction: Jurisdiction): Promise<number[]> {
  const members = membersOf(jurisdiction);
  const [row] = await queryRows<{ ids: number[] }>(
    db,
    sql`select coalesce(array_agg(r.id order by r.id), '{}') as ids from relationships r
      join local_governments first_party on first_party.id = r.first_id
      join local_governments second_party on second_party.id = r.second_id
      where (r.first_country = 'JP' or r.second_country = 'JP') and (${withinMembers(members, 'first_party')} or ${withinMembers(members, 'second_party')})`,
  );
  return row?.ids ?? [];
}

/** Relationships by their ids, each from its Japanese side, by the partner's country, region and name: a jurisdiction's list. */
export async function jurisdictionLines(db: Db, relationshipIds: number[], life?: LifeOptions): Promise<PartnerLine[]> {
  return partnerLines(
    db,
    (own) => sql`r.id = any(${sql.param(relationshipIds)}::int[]) and ${fromJapaneseSide(own)}`,
    sql`partner.country, partner.region_name nulls last, partner.name_en, own.jis_code`,
    life,
  );
}

/** The counties (second-level regions) of a first-level region, with their names where known and a few of their places, for the editor. */
export async function countiesOf(db: Db, country: string, admin1: string): Promise<{ code: string; name: string | null; places: string[]; count: number }[]> {
  const rows = await queryRows<{ admin2: string; places: string[]; count: number }>(
    db,
    sql`select admin2, (array_agg(name_en order by population desc nulls last, name_en))[1:4] as places, count(*)::int as count
      from local_governments where country = ${country} and admin1 = ${admin1} and admin2 is not null group by admin2 order by admin2`,
  );
  return rows.map((row) => ({ code: `${country}-${admin1}-${row.admin2}`, name: countyNameOf(country, admin1, row.admin2), places: row.places, count: row.count }));
}
