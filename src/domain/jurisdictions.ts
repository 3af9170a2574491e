/**
 * Jurisdictions: named sets of places (a consulate's "Northern and Central California"). A member
 * is written as a code a coordinator can type and read:
 *
 * - `US`: a country (ISO 3166-1 alpha-2);
 * - `US-CA`: a first-level region, by GeoNames' first-level code (a US state's postal code); for
 *   Japan a prefecture by its number (`JP-13` is Tokyo);
 * - `US-CA-085`: a second-level region (a county), by GeoNames' second-level code (a US county's FIPS code);
 * - `lg:123`: a single local government, by its id (as in its address, /lg/123-…).
 */
export const JURISDICTION_MEMBER_KINDS = ['country', 'region', 'county', 'lg'] as const;
export type JurisdictionMemberKind = (typeof JURISDICTION_MEMBER_KINDS)[number];

export type JurisdictionMember =
  | { kind: 'country'; country: string }
  | { kind: 'region'; country: string; admin1: string }
  | { kind: 'county'; country: string; admin1: string; admin2: string }
  | { kind: 'lg'; localGovernmentId: number };

/** Why a member's code cannot be read. */
export type MemberCodeProblem = 'member-unreadable';

const CODE = /^([A-Za-z]{2})(?:-([0-9A-Za-z]{1,10})(?:-([0-9A-Za-z]{1,10}))?)?$/;
const LG = /^(?:lg:|\/?(?:ja\/)?lg\/)(\d{1,9})(?:-\S*)?$/i;

/** Reads one member as a coordinator types it: `US`, `US-CA`, `US-CA-085`, `lg:123` or an LG's address. */
export function parseMemberCode(text: string): JurisdictionMember | MemberCodeProblem {
  const typed = text.normalize('NFKC').trim();
  const lg = LG.exec(typed);
  if (lg) return { kind: 'lg', localGovernmentId: Number(lg[1]) };
  const parts = CODE.exec(typed);
  if (!parts) return 'member-unreadable';
  const [, country, admin1, admin2] = parts as unknown as [string, string, string | undefined, string | undefined];
  const code = country.toUpperCase();
  // GeoNames writes codes with letters in capitals (CA, ENG); Japan's prefectures by two digits (JP-1 is JP-01).
  const region = admin1 === undefined ? undefined : code === 'JP' && /^\d{1,2}$/.test(admin1) ? admin1.padStart(2, '0') : admin1.toUpperCase();
  if (region === undefined) return { kind: 'country', country: code };
  if (admin2 === undefined) return { kind: 'region', country: code, admin1: region };
  return { kind: 'county', country: code, admin1: region, admin2: admin2.toUpperCase() };
}

/** A member written back as its code. */
export function memberCode(member: JurisdictionMember): string {
  switch (member.kind) {
    case 'country':
      return member.country;
    case 'region':
      return `${member.country}-${member.admin1}`;
    case 'county':
      return `${member.country}-${member.admin1}-${member.admin2}`;
    case 'lg':
      return `lg:${member.localGovernmentId}`;
  }
}

/** Whether a member takes in another: a country its regions, a region its counties. Single LGs are not looked into. */
export function memberCovers(outer: JurisdictionMember, inner: JurisdictionMember): boolean {
  if (outer.kind === 'lg' || inner.kind === 'lg' || outer.country !== inner.country) return false;
  if (outer.kind === 'country') return inner.kind !== 'country';
  if (outer.kind === 'region') return inner.kind === 'county' && inner.admin1 === outer.admin1;
  return false;
}

/** A slug for an address: lower-case ASCII words joined by hyphens ("northern-and-central-california"). */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
