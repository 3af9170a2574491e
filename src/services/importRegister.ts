import { sql } from 'drizzle-orm';
import { bulkInsert, selectMany } from '../db/bulk.js';
import { ADVISORY_LOCKS, queryRows, type Db } from '../db/client.js';
import { authorize, type Actor } from '../domain/authorization.js';
import { createCountryNormaliser } from '../domain/countryNames.js';
import { parseRegisterDate, preciseDateFromDate } from '../domain/eraDates.js';
import { foldName } from '../domain/names.js';
import { kanaToHepburn } from '../domain/romanisation.js';
import { affiliationLabel, parsePartnerName, parseRegionName, readRegisterSheet, splitPartners, type RegisterField, type RegisterRow, type RegisterSheet } from '../domain/registerSheet.js';
import { betterDate, type DatePrecision, type PreciseDate } from '../domain/relationships.js';
import { resolveSide } from '../domain/resolution.js';
import { firstLevelKindOf } from '../domain/firstLevelRegions.js';
import { loadCountries } from '../reference/countries.js';
import { createQualifierIndex } from '../reference/regions.js';
import { writeAudit, writeAudits } from './audit.js';
import { insertForeignPlaces, type ForeignPlace } from './foreignPlaces.js';
import { readFormerNames } from './formerMunicipalities.js';
import { loadGazetteer } from './gazetteer.js';
import { bumpSearchVersion, searchVersion } from './searchIndex.js';

export interface RegisterImportOptions {
  /** The sheet's name, recorded as the source of what it adds: "CLAIR 2019-06.xlsx". */
  source: string;
  dryRun?: boolean;
  /** Coordinators and administrators, or the machine's operator through the kizuna command. */
  actor: Actor;
}

/** What became of one row: its relationships added, updated or already there; or why it was refused. */
export interface RegisterRowOutcome {
  line: number;
  outcome: 'added' | 'updated' | 'unchanged' | 'refused';
  /** The column at fault, by its header in the sheet, for a refused row. */
  column?: string;
  reason: string;
  relationshipIds: number[];
}

export interface RegisterImportReport {
  source: string;
  dryRun: boolean;
  format: RegisterSheet['format'];
  encoding: RegisterSheet['encoding'] | null;
  headerRow: number;
  ignoredHeaders: string[];
  rows: { total: number; added: number; updated: number; unchanged: number; refused: number };
  relationships: { added: number; updated: number; unchanged: number };
  /** Partners the gazetteer lacks, created as unverified local governments. */
  newLocalGovernments: number;
  outcomes: RegisterRowOutcome[];
  seconds: number;
}

/** A row's problem with one of its columns. */
class RowProblem extends Error {
  constructor(
    readonly field: RegisterField,
    message: string,
  ) {
    super(message);
  }
}

/** Thrown at the end of a dry run to roll back everything it did. */
class DryRunDone extends Error {}

/** Below this score a name match has region or distance evidence against it (as in the pairs import). */
const MIN_SCORE = 60;
/** Prefecture names are written with or without their kind: 岡山県 or 岡山, 東京都 or 東京. */
const PREFECTURE_SUFFIX = /[都道府県]$/;

interface JapaneseLg {
  id: number;
  kind: string;
  name: string;
  prefectureCode: string;
  parentName: string | null;
}

/** Japan's LGs by the names register sheets give them, with the municipalities merged away. */
class JapaneseNames {
  private readonly prefectures = new Map<string, JapaneseLg>();
  private readonly byName = new Map<string, JapaneseLg[]>();
  private readonly formers = new Map<string, { successorId: number; name: string }[]>();

  constructor(lgs: JapaneseLg[], formers: { prefectureCode: string; name: string; successorId: number }[]) {
    for (const lg of lgs) {
      if (lg.kind === 'prefecture') {
        this.prefectures.set(lg.name, lg);
        this.prefectures.set(lg.name === '北海道' ? lg.name : lg.name.replace(PREFECTURE_SUFFIX, ''), lg);
        continue;
      }
      // A designated city's ward is also written with its city: 札幌市中央区.
      const names = lg.kind === 'ward' && lg.parentName ? [lg.name, `${lg.parentName}${lg.name}`] : [lg.name];
      for (const name of names) this.byName.set(name, [...(this.byName.get(name) ?? []), lg]);
    }
    for (const former of formers) {
      for (const name of new Set([former.name, `${former.prefectureCode}|${former.name}`])) {
        this.formers.set(name, [...(this.formers.get(name) ?? []), { successorId: former.successorId, name: former.name }]);
      }
    }
  }

  prefecture(name: string): JapaneseLg | undefined {
    return this.prefectures.get(name.trim());
  }

  /**
   * The LG a sheet names, in the prefecture when one is given: an LG of today, a prefecture, or a
   * municipality merged away (then `signedAs` keeps the name it signed under). Throws when the name
   * fits none or several.
   */
  resolve(name: string, prefecture: JapaneseLg | undefined, field: RegisterField): { id: number; signedAs: string | null } {
    const text = name.trim().replace(/\s+/g, '');
    const asPrefecture = this.prefecture(text);
    if (asPrefecture && (!prefecture || prefecture.id === asPrefecture.id)) return { id: asPrefecture.id, signedAs: null };
    const today = (this.byName.get(text) ?? []).filter((lg) => !prefecture || lg.prefectureCode === prefecture.prefectureCode);
    if (today.length === 1) return { id: today[0]!.id, signedAs: null };
    if (today.length > 1) {
      throw new RowProblem(field, `${today.length} local governments are called ${text}; give the prefecture in its column`);
    }
    const formers = prefecture ? (this.formers.get(`${prefecture.prefectureCode}|${text}`) ?? []) : (this.formers.get(text) ?? []);
    const successors = new Set(formers.map((former) => former.successorId));
    if (successors.size === 1) return { id: formers[0]!.successorId, signedAs: text };
    if (successors.size > 1) throw new RowProblem(field, `several municipalities called ${text} have merged into others; give the prefecture in its column`);
    const where = prefecture ? ` in ${prefecture.name}` : '';
    throw new RowProblem(field, `no local government called ${text}${where}, today or among the municipalities merged since 2003`);
  }
}

async function loadJapaneseNames(db: Db): Promise<JapaneseNames> {
  const lgs = await queryRows<{ id: number; kind: string; name_local: string; jis_code: string; parent_name: string | null }>(
    db,
    sql`select lg.id, lg.kind, lg.name_local, lg.jis_code, parent.name_local as parent_name
      from local_governments lg left join local_governments parent on parent.id = lg.parent_id
      where lg.country = 'JP' and lg.jis_code is not null`,
  );
  const prefectureCodeOf = new Map(lgs.filter((lg) => lg.kind === 'prefecture').map((lg) => [lg.id, lg.jis_code.slice(0, 2)]));
  const formers = await readFormerNames(db);
  return new JapaneseNames(
    lgs.map((lg) => ({ id: lg.id, kind: lg.kind, name: lg.name_local, prefectureCode: lg.jis_code.slice(0, 2), parentName: lg.parent_name })),
    formers.map((former) => ({ prefectureCode: prefectureCodeOf.get(former.prefectureId)!, name: former.name, successorId: former.successorId })),
  );
}

/** The English rendering of a name written in Japanese: Hepburn for kana (ポートランド → Pōtorando); the name itself otherwise. */
function latinName(name: string): string {
  if (!/^[\p{Script=Katakana}\p{Script=Hiragana}ー・\s]+$/u.test(name)) return name;
  return name
    .split(/[・\s]+/)
    .map((word) => kanaToHepburn(word))
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

const JAPANESE_SCRIPT = /[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}]/u;

/**
 * Imports a register sheet as CLAIR and the prefectures keep them (CSV in UTF-8 or Shift_JIS, or
 * XLSX): each row's Japanese LG (today's, or one merged away, whose name is kept as signed) and its
 * partners (one relationship each, found through the gazetteer's names in every script, created
 * as unverified places when it has none), with the date in the era calendar or the Western one and
 * the name of the affiliation. A row that names a relationship already in the register updates it
 * when it says more (a date now known, a label); a second run changes nothing. Everything is
 * written in one transaction; a dry run does the same work and rolls it back.
 */
export async function importRegister(db: Db, bytes: Uint8Array, options: RegisterImportOptions): Promise<RegisterImportReport> {
  authorize(options.actor, { do: 'register.import' });
  const started = performance.now();
  const sheet = await readRegisterSheet(bytes, options.source);
  const headerOf = (field: RegisterField) => sheet.columns.find((column) => column.field === field)?.header ?? field;
  const qualifierIndex = createQualifierIndex();
  const normaliseCountry = createCountryNormaliser(loadCountries(), qualifierIndex);
  const report: RegisterImportReport = {
    source: options.source,
    dryRun: options.dryRun ?? false,
    format: sheet.format,
    encoding: sheet.encoding ?? null,
    headerRow: sheet.headerRow,
    ignoredHeaders: sheet.ignoredHeaders,
    rows: { total: sheet.rows.length, added: 0, updated: 0, unchanged: 0, refused: 0 },
    relationships: { added: 0, updated: 0, unchanged: 0 },
    newLocalGovernments: 0,
    outcomes: [],
    seconds: 0,
  };

  try {
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${ADVISORY_LOCKS.import})`);
      const gazetteer = await loadGazetteer(tx, await searchVersion(tx), namesLookedUp(sheet.rows));
      const japan = await loadJapaneseNames(tx);
      /** The GeoNames codes a state or province names, as the reference lists or the register's regions know it (オレゴン). */
      const regionCodes = (country: string, qualifier: string): string[] => {
        const codes = qualifierIndex(country, qualifier);
        if (codes.length > 0) return codes;
        const admin1 = gazetteer.firstLevelRegion(country, [qualifier])?.admin1;
        return admin1 ? [admin1] : [];
      };
      /** Partners this import creates, by country, kind, name and region, with the ids they stand under until written: later rows find them. */
      const created = new Map<string, number>();
      const placesToCreate: ForeignPlace[] = [];
      const plan = new RelationshipPlan(await readJapanRelationships(tx));

      /** A partner abroad: a gazetteer place, one created by an earlier row, or a new one. */
      const foreignPartner = (text: string, country: string, regionCell: string | undefined): number => {
        const parsed = parsePartnerName(text);
        const regionText = parsed.region ?? regionCell ?? null;
        const region = regionText ? parseRegionName(regionText) : null;
        const isRegionItself = parsed.name.length === 0;
        const name = isRegionItself ? region!.name : parsed.name;
        const kind = isRegionItself ? (firstLevelKindOf(region?.kind ?? null) ?? 'region') : 'municipality';
        const key = `${country}|${kind}|${foldName(name)}|${isRegionItself ? '' : foldName(region?.name ?? '')}`;
        const known = created.get(key);
        if (known !== undefined) return known;
        if (isRegionItself) {
          const found = gazetteer.firstLevelRegion(country, [name, regionText!]);
          if (found) return found.id;
        } else {
          const candidates = gazetteer.towns(country, [name, text]).filter((candidate) => candidate.kind !== 'prefecture');
          const resolution = resolveSide({ name, qualifiers: region ? [region.name] : [], country }, candidates, regionCodes);
          if (resolution.status === 'resolved' && (resolution.score ?? 0) >= MIN_SCORE) return resolution.candidate!.id;
          if (resolution.status === 'ambiguous') {
            throw new RowProblem('partnerLocalGovernment', `${resolution.reason}; give the state or province`);
          }
        }
        const id = -(placesToCreate.length + 1);
        placesToCreate.push({
          country,
          name: JAPANESE_SCRIPT.test(name) ? latinName(name) : name,
          nameJa: JAPANESE_SCRIPT.test(name) ? name : null,
          alternateNames: JAPANESE_SCRIPT.test(name) ? [name] : [],
          kind,
          geonamesId: null,
          admin1: region ? (regionCodes(country, region.name)[0] ?? null) : null,
          // A state named in katakana is recorded by its English name where the register has the state.
          regionName: isRegionItself || !region ? null : (gazetteer.firstLevelRegion(country, [region.name, regionText!])?.regionName ?? region.name),
          population: null,
          latitude: null,
          longitude: null,
          verified: false,
          source: `register: ${options.source}`,
        });
        created.set(key, id);
        return id;
      };

      /** The partners a cell names: the first reading whose every part is a known place, else the cell as one partner. */
      const partners = (row: RegisterRow, country: string): { id: number; signedAs: string | null }[] => {
        const cell = row.cells.partnerLocalGovernment ?? '';
        if (cell.length === 0) {
          if (!row.cells.partnerRegion) throw new RowProblem('partnerLocalGovernment', 'neither a partner nor its state or province is given');
          return [{ id: foreignPartner('', country, row.cells.partnerRegion), signedAs: null }];
        }
        const readings = splitPartners(cell);
        if (country === 'JP') {
          for (const reading of readings) {
            try {
              const prefecture = row.cells.partnerRegion ? japan.prefecture(row.cells.partnerRegion) : undefined;
              return reading.map((part) => japan.resolve(part, prefecture, 'partnerLocalGovernment'));
            } catch (error) {
              if (!(error instanceof RowProblem) || reading === readings.at(-1)) throw error;
            }
          }
        }
        const known = readings.find((reading) =>
          reading.every((part) => {
            const parsed = parsePartnerName(part);
            return parsed.name.length > 0 && gazetteer.candidates(country, [parsed.name, part]).length > 0;
          }),
        );
        const chosen = known ?? readings[0]!;
        const ids: { id: number; signedAs: string | null }[] = [];
        for (const part of chosen) ids.push({ id: foreignPartner(part, country, row.cells.partnerRegion), signedAs: null });
        return ids;
      };

      const signedOnOf = (row: RegisterRow): PreciseDate | null => {
        if (row.signedOnValue) return preciseDateFromDate(row.signedOnValue);
        const text = row.cells.signedOn?.trim();
        if (!text) return null;
        const parsed = parseRegisterDate(text);
        if (typeof parsed === 'string') throw new RowProblem('signedOn', parsed);
        return parsed;
      };

      for (const row of sheet.rows) {
        // A refused row takes back the places it would have created.
        const createdBefore = new Map(created);
        const placesBefore = placesToCreate.length;
        try {
          if (row.refused) throw new RowProblem(row.refused.field, row.refused.reason);
          const prefectureCell = row.cells.prefecture?.trim();
          const prefecture = prefectureCell ? japan.prefecture(prefectureCell) : undefined;
          if (prefectureCell && !prefecture) throw new RowProblem('prefecture', `${prefectureCell} is not one of Japan's 47 prefectures`);
          const lgCell = row.cells.localGovernment?.trim();
          if (!lgCell) throw new RowProblem('localGovernment', 'is empty');
          const japanese = japan.resolve(lgCell, prefecture, 'localGovernment');
          const countryCell = row.cells.partnerCountry?.trim();
          if (!countryCell) throw new RowProblem('partnerCountry', 'is empty');
          const country = normaliseCountry(countryCell)?.country;
          if (!country) throw new RowProblem('partnerCountry', `"${countryCell}" is not a country Kizuna knows`);
          const signedOn = signedOnOf(row);
          const label = row.cells.label?.trim() ? affiliationLabel(row.cells.label) : { label: '', labelOriginal: '' };
          const found = partners(row, country);
          if (found.some((partner) => partner.id === japanese.id)) throw new RowProblem('partnerLocalGovernment', 'names the Japanese local government itself');
          const outcome = found.map((partner) =>
            plan.record({ id: japanese.id, country: 'JP', signedAs: japanese.signedAs }, { ...partner, country }, { signedOn, ...label, remarks: row.cells.remarks ?? null }),
          );
          const change = outcome.some((result) => result.change === 'added') ? 'added' : outcome.some((result) => result.change === 'updated') ? 'updated' : 'unchanged';
          for (const result of outcome) report.relationships[result.change]++;
          report.rows[change]++;
          report.outcomes.push({ line: row.line, outcome: change, reason: `${outcome.length} relationship${outcome.length === 1 ? '' : 's'} ${change}`, relationshipIds: outcome.map((result) => result.id) });
        } catch (error) {
          if (!(error instanceof RowProblem)) throw error;
          created.clear();
          for (const [key, id] of createdBefore) created.set(key, id);
          placesToCreate.length = placesBefore;
          report.rows.refused++;
          report.outcomes.push({ line: row.line, outcome: 'refused', column: headerOf(error.field), reason: error.message, relationshipIds: [] });
        }
      }

      // What the rows decided is written in a few statements.
      const placeIds = await insertForeignPlaces(tx, placesToCreate);
      const relationshipIds = await plan.write(tx, options, (id) => (id > 0 ? id : placeIds[-id - 1]!));
      for (const outcome of report.outcomes) outcome.relationshipIds = outcome.relationshipIds.map((id) => relationshipIds.get(id) ?? id);
      report.newLocalGovernments = placesToCreate.length;
      if (placesToCreate.length > 0) await bumpSearchVersion(tx);
      await writeAudit(tx, options.actor, {
        action: 'import',
        entity: 'relationship',
        entityId: null,
        before: null,
        after: { source: options.source, kind: 'register', rows: report.rows, relationships: report.relationships, newLocalGovernments: report.newLocalGovernments },
      });
      if (report.dryRun) throw new DryRunDone();
    });
  } catch (error) {
    if (!(error instanceof DryRunDone)) throw error;
  }
  if (!report.dryRun) await db.execute(sql`analyze relationships`);
  report.seconds = Math.round((performance.now() - started) / 100) / 10;
  return report;
}

/** Every name the rows may look a partner or its region up by: the cells, their parts, and those without brackets or kind. */
function namesLookedUp(rows: readonly RegisterRow[]): string[] {
  const names = new Set<string>();
  const addRegion = (text: string) => {
    names.add(text);
    names.add(parseRegionName(text).name);
  };
  for (const row of rows) {
    const cell = row.cells.partnerLocalGovernment ?? '';
    if (row.cells.partnerRegion) addRegion(row.cells.partnerRegion);
    if (cell.length === 0) continue;
    names.add(cell);
    for (const part of splitPartners(cell).flat()) {
      const parsed = parsePartnerName(part);
      names.add(part);
      names.add(parsed.name);
      if (parsed.region) addRegion(parsed.region);
    }
  }
  return [...names].filter((name) => name.length > 0);
}

interface RowFacts {
  signedOn: PreciseDate | null;
  label: string;
  labelOriginal: string;
  remarks: string | null;
}

/** A relationship as the import sees it: sides in id order, each with the name it was signed under. */
interface PlannedRelationship {
  /** The register's id, or a negative one for a relationship this import adds. */
  id: number;
  sides: [{ id: number; country: string; signedAs: string | null }, { id: number; country: string; signedAs: string | null }];
  label: string;
  labelOriginal: string | null;
  signedOn: string | null;
  signedPrecision: DatePrecision | null;
  notes: string | null;
}

type RelationshipFacts = Pick<PlannedRelationship, 'label' | 'labelOriginal' | 'signedOn' | 'signedPrecision'> & { firstSignedAs: string | null; secondSignedAs: string | null };

/** The relationships with a Japanese side, as the import starts: the ones a sheet may name again. */
async function readJapanRelationships(db: Db): Promise<PlannedRelationship[]> {
  const rows = await selectMany(
    db,
    ['id', 'first_id', 'second_id', 'first_country', 'second_country', 'label', 'label_original', 'signed_on', 'signed_precision', 'first_signed_as', 'second_signed_as', 'notes'] as const,
    sql`select id, first_id, second_id, first_country, second_country, label, label_original, signed_on, signed_precision, first_signed_as, second_signed_as, notes
      from relationships where first_country = 'JP' or second_country = 'JP'`,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    sides: [
      { id: Number(row.first_id), country: row.first_country!.trim(), signedAs: row.first_signed_as },
      { id: Number(row.second_id), country: row.second_country!.trim(), signedAs: row.second_signed_as },
    ],
    label: row.label ?? '',
    labelOriginal: row.label_original,
    signedOn: row.signed_on,
    signedPrecision: row.signed_precision as DatePrecision | null,
    notes: row.notes,
  }));
}

/**
 * The register's relationships with a Japanese side, and what the import's rows add to them or
 * change, kept in memory so that each row costs no statement: plan.write then writes it all.
 */
class RelationshipPlan {
  private readonly byPair = new Map<string, PlannedRelationship[]>();
  private readonly added: PlannedRelationship[] = [];
  /** Relationships of the register that rows change, with how they were before the first change. */
  private readonly changed = new Map<number, { before: RelationshipFacts; relationship: PlannedRelationship }>();

  constructor(known: PlannedRelationship[]) {
    for (const relationship of known) this.remember(relationship);
  }

  private remember(relationship: PlannedRelationship): void {
    const key = `${relationship.sides[0].id}|${relationship.sides[1].id}`;
    const list = this.byPair.get(key);
    if (list) list.push(relationship);
    else this.byPair.set(key, [relationship]);
  }

  /**
   * Adds the relationship of a row, or brings the one already known for the pair up to date: the
   * one of the same label, else one recorded without a label (a pairs file knows none). Says what it did.
   */
  record(
    japanese: { id: number; country: string; signedAs: string | null },
    partner: { id: number; country: string; signedAs: string | null },
    facts: RowFacts,
  ): { id: number; change: 'added' | 'updated' | 'unchanged' } {
    const sides = japanese.id < partner.id ? ([japanese, partner] as const) : ([partner, japanese] as const);
    const candidates = (this.byPair.get(`${sides[0].id}|${sides[1].id}`) ?? []).filter((known) => known.label === facts.label || known.label === '');
    // The same label first, then the register's own before this import's, then the oldest.
    const order = (known: PlannedRelationship) => [known.label === facts.label ? 0 : 1, known.id > 0 ? known.id : Number.MAX_SAFE_INTEGER + known.id];
    candidates.sort((a, b) => order(a)[0]! - order(b)[0]! || order(a)[1]! - order(b)[1]!);
    const current = candidates[0];
    if (!current) {
      const relationship: PlannedRelationship = {
        id: -(this.added.length + 1),
        sides: [{ ...sides[0] }, { ...sides[1] }],
        label: facts.label,
        labelOriginal: facts.labelOriginal || null,
        signedOn: facts.signedOn?.date ?? null,
        signedPrecision: facts.signedOn?.precision ?? null,
        notes: facts.remarks,
      };
      this.added.push(relationship);
      this.remember(relationship);
      return { id: relationship.id, change: 'added' };
    }
    const before = factsOf(current);
    const known = before.signedOn && before.signedPrecision ? { date: before.signedOn, precision: before.signedPrecision } : null;
    const signedOn = betterDate(known, facts.signedOn);
    const after: RelationshipFacts = {
      label: facts.label || before.label,
      labelOriginal: facts.labelOriginal || before.labelOriginal,
      signedOn: signedOn?.date ?? null,
      signedPrecision: signedOn?.precision ?? null,
      firstSignedAs: (current.sides[0].id === japanese.id ? japanese.signedAs : partner.signedAs) ?? before.firstSignedAs,
      secondSignedAs: (current.sides[1].id === japanese.id ? japanese.signedAs : partner.signedAs) ?? before.secondSignedAs,
    };
    if (JSON.stringify(before) === JSON.stringify(after)) return { id: current.id, change: 'unchanged' };
    if (current.id > 0 && !this.changed.has(current.id)) this.changed.set(current.id, { before, relationship: current });
    Object.assign(current, { label: after.label, labelOriginal: after.labelOriginal, signedOn: after.signedOn, signedPrecision: after.signedPrecision });
    current.sides[0].signedAs = after.firstSignedAs;
    current.sides[1].signedAs = after.secondSignedAs;
    return { id: current.id, change: 'updated' };
  }

  /**
   * Writes the relationships added and changed, with an audit entry for each change; `placeId`
   * gives the id of a place the import created for the one it stood under. Returns the ids of the
   * added relationships by the ones they stood under.
   */
  async write(db: Db, options: RegisterImportOptions, placeId: (id: number) => number): Promise<Map<number, number>> {
    const rows = this.added.map((relationship) => {
      const [a, b] = relationship.sides.map((side) => ({ ...side, id: placeId(side.id) }));
      const [first, second] = a!.id < b!.id ? [a!, b!] : [b!, a!];
      return { relationship, first, second };
    });
    const inserted = await bulkInsert<(typeof rows)[number], { id: number }>(
      db,
      'relationships',
      [
        { name: 'first_id', type: 'int', value: (row) => row.first.id },
        { name: 'second_id', type: 'int', value: (row) => row.second.id },
        { name: 'first_country', type: 'text', value: (row) => row.first.country },
        { name: 'second_country', type: 'text', value: (row) => row.second.country },
        { name: 'first_signed_as', type: 'text', value: (row) => row.first.signedAs },
        { name: 'second_signed_as', type: 'text', value: (row) => row.second.signedAs },
        { name: 'label', type: 'text', value: (row) => row.relationship.label },
        { name: 'label_original', type: 'text', value: (row) => row.relationship.labelOriginal },
        { name: 'signed_on', type: 'date', value: (row) => row.relationship.signedOn },
        { name: 'signed_precision', type: 'text', value: (row) => row.relationship.signedPrecision },
        { name: 'notes', type: 'text', value: (row) => row.relationship.notes },
        { name: 'status', type: 'text', value: () => 'active' },
        { name: 'source', type: 'text', value: () => options.source },
        { name: 'source_kind', type: 'text', value: () => 'register' },
        { name: 'verified', type: 'bool', value: () => false },
      ],
      rows,
      { returning: 'id' },
    );
    const changes = [...this.changed.values()].map(({ before, relationship }) => ({ id: relationship.id, before, after: factsOf(relationship) }));
    if (changes.length > 0) {
      const column = <T>(value: (change: (typeof changes)[number]) => T) => sql.param(changes.map(value));
      await db.execute(sql`update relationships as r set label = c.label, label_original = c.label_original, signed_on = c.signed_on,
          signed_precision = c.signed_precision, first_signed_as = c.first_signed_as, second_signed_as = c.second_signed_as, updated_at = now()
        from unnest(${column((c) => c.id)}::int[], ${column((c) => c.after.label)}::text[], ${column((c) => c.after.labelOriginal)}::text[],
          ${column((c) => c.after.signedOn)}::date[], ${column((c) => c.after.signedPrecision)}::text[], ${column((c) => c.after.firstSignedAs)}::text[],
          ${column((c) => c.after.secondSignedAs)}::text[]) as c(id, label, label_original, signed_on, signed_precision, first_signed_as, second_signed_as)
        where r.id = c.id`);
      await writeAudits(
        db,
        options.actor,
        changes.map((change) => ({ action: 'update', entity: 'relationship', entityId: change.id, before: change.before, after: { ...change.after, source: options.source } })),
      );
    }
    return new Map(rows.map((row, index) => [row.relationship.id, inserted[index]!.id]));
  }
}

function factsOf(relationship: PlannedRelationship): RelationshipFacts {
  return {
    label: relationship.label,
    labelOriginal: relationship.labelOriginal,
    signedOn: relationship.signedOn,
    signedPrecision: relationship.signedPrecision,
    firstSignedAs: relationship.sides[0].signedAs,
    secondSignedAs: relationship.sides[1].signedAs,
  };
}
