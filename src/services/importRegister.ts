import { sql } from 'drizzle-orm';
import { ADVISORY_LOCKS, queryRows, type Db } from '../db/client.js';
import { authorize, type Actor } from '../domain/authorization.js';
import { createCountryNormaliser } from '../domain/countryNames.js';
import { parseRegisterDate, preciseDateFromDate } from '../domain/eraDates.js';
import { foldName } from '../domain/names.js';
import { kanaToHepburn } from '../domain/romanisation.js';
import { affiliationLabel, parsePartnerName, parseRegionName, readRegisterSheet, splitPartners, type RegisterField, type RegisterRow, type RegisterSheet } from '../domain/registerSheet.js';
import { betterDate, orderedPair, type DatePrecision, type PreciseDate } from '../domain/relationships.js';
import { resolveSide } from '../domain/resolution.js';
import { firstLevelKindOf, isFirstLevelKind } from '../domain/firstLevelRegions.js';
import { loadCountries } from '../reference/countries.js';
import { toDateString } from './presenters.js';
import { createQualifierIndex } from '../reference/regions.js';
import { writeAudit } from './audit.js';
import { insertForeignPlaces } from './foreignPlaces.js';
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
      const gazetteer = await loadGazetteer(tx, await searchVersion(tx));
      const japan = await loadJapaneseNames(tx);
      /** The GeoNames codes a state or province names, as the reference lists or the register's regions know it (オレゴン). */
      const regionCodes = (country: string, qualifier: string): string[] => {
        const codes = qualifierIndex(country, qualifier);
        if (codes.length > 0) return codes;
        const admin1 = gazetteer.firstLevelRegion(country, [qualifier])?.admin1;
        return admin1 ? [admin1] : [];
      };
      /** Partners this import created, by country, kind, name and region: later rows find them. */
      const created = new Map<string, number>();

      /** A partner abroad: a gazetteer place, one created by an earlier row, or a new one. */
      const foreignPartner = async (text: string, country: string, regionCell: string | undefined): Promise<number> => {
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
          const candidates = gazetteer.candidates(country, [name, text]).filter((candidate) => candidate.kind !== 'prefecture' && !isFirstLevelKind(candidate.kind));
          const resolution = resolveSide({ name, qualifiers: region ? [region.name] : [], country }, candidates, regionCodes);
          if (resolution.status === 'resolved' && (resolution.score ?? 0) >= MIN_SCORE) return resolution.candidate!.id;
          if (resolution.status === 'ambiguous') {
            throw new RowProblem('partnerLocalGovernment', `${resolution.reason}; give the state or province`);
          }
        }
        const [id] = await insertForeignPlaces(tx, [
          {
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
          },
        ]);
        created.set(key, id!);
        return id!;
      };

      /** The partners a cell names: the first reading whose every part is a known place, else the cell as one partner. */
      const partners = async (row: RegisterRow, country: string): Promise<{ id: number; signedAs: string | null }[]> => {
        const cell = row.cells.partnerLocalGovernment ?? '';
        if (cell.length === 0) {
          if (!row.cells.partnerRegion) throw new RowProblem('partnerLocalGovernment', 'neither a partner nor its state or province is given');
          return [{ id: await foreignPartner('', country, row.cells.partnerRegion), signedAs: null }];
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
        for (const part of chosen) ids.push({ id: await foreignPartner(part, country, row.cells.partnerRegion), signedAs: null });
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
        // A refused row's savepoint takes back the places it created: so must the map of them.
        const createdBefore = new Map(created);
        try {
          const outcome = await tx.transaction(async (savepoint) => {
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
            const results: { id: number; change: 'added' | 'updated' | 'unchanged' }[] = [];
            for (const partner of await partners(row, country)) {
              if (partner.id === japanese.id) throw new RowProblem('partnerLocalGovernment', 'names the Japanese local government itself');
              results.push(await recordRelationship(savepoint, options, japanese, partner, { signedOn, ...label, remarks: row.cells.remarks ?? null }));
            }
            return results;
          });
          const change = outcome.some((result) => result.change === 'added') ? 'added' : outcome.some((result) => result.change === 'updated') ? 'updated' : 'unchanged';
          for (const result of outcome) report.relationships[result.change]++;
          report.rows[change]++;
          report.outcomes.push({ line: row.line, outcome: change, reason: `${outcome.length} relationship${outcome.length === 1 ? '' : 's'} ${change}`, relationshipIds: outcome.map((result) => result.id) });
        } catch (error) {
          if (!(error instanceof RowProblem)) throw error;
          created.clear();
          for (const [key, id] of createdBefore) created.set(key, id);
          report.rows.refused++;
          report.outcomes.push({ line: row.line, outcome: 'refused', column: headerOf(error.field), reason: error.message, relationshipIds: [] });
        }
      }
      report.newLocalGovernments = created.size;
      if (created.size > 0) await bumpSearchVersion(tx);
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

interface RowFacts {
  signedOn: PreciseDate | null;
  label: string;
  labelOriginal: string;
  remarks: string | null;
}

/**
 * Adds the relationship of a row, or brings the one already recorded for the pair up to date: the
 * same label, or one recorded without a label (a pairs file knows none). Returns what it did.
 */
async function recordRelationship(
  db: Db,
  options: RegisterImportOptions,
  japanese: { id: number; signedAs: string | null },
  partner: { id: number; signedAs: string | null },
  facts: RowFacts,
): Promise<{ id: number; change: 'added' | 'updated' | 'unchanged' }> {
  const [firstId, secondId] = orderedPair(japanese.id, partner.id);
  const signedAsOf = (id: number) => (id === japanese.id ? japanese.signedAs : partner.signedAs);
  const existing = await queryRows<{
    id: number;
    label: string;
    label_original: string | null;
    signed_on: string | Date | null;
    signed_precision: string | null;
    first_signed_as: string | null;
    second_signed_as: string | null;
  }>(
    db,
    sql`select id, label, label_original, signed_on, signed_precision, first_signed_as, second_signed_as from relationships
      where first_id = ${firstId} and second_id = ${secondId} and label in (${facts.label}, '') order by (label = ${facts.label}) desc, id limit 1`,
  );
  const current = existing[0];
  if (!current) {
    const [inserted] = await queryRows<{ id: number }>(
      db,
      sql`insert into relationships (first_id, second_id, label, label_original, signed_on, signed_precision, status, source, source_kind,
          first_signed_as, second_signed_as, notes, verified, first_country, second_country)
        select ${firstId}, ${secondId}, ${facts.label}, ${facts.labelOriginal || null}, ${facts.signedOn?.date ?? null}::date, ${facts.signedOn?.precision ?? null},
          'active', ${options.source}, 'register', ${signedAsOf(firstId)}, ${signedAsOf(secondId)}, ${facts.remarks}, false, first.country, second.country
        from local_governments first, local_governments second where first.id = ${firstId} and second.id = ${secondId}
        returning id`,
    );
    return { id: inserted!.id, change: 'added' };
  }
  const before = {
    label: current.label,
    labelOriginal: current.label_original,
    signedOn: toDateString(current.signed_on),
    signedPrecision: current.signed_precision,
    firstSignedAs: current.first_signed_as,
    secondSignedAs: current.second_signed_as,
  };
  const known = before.signedOn && before.signedPrecision ? { date: before.signedOn, precision: before.signedPrecision as DatePrecision } : null;
  const signedOn = betterDate(known, facts.signedOn);
  const after = {
    label: facts.label || before.label,
    labelOriginal: facts.labelOriginal || before.labelOriginal,
    signedOn: signedOn?.date ?? null,
    signedPrecision: signedOn?.precision ?? null,
    firstSignedAs: signedAsOf(firstId) ?? before.firstSignedAs,
    secondSignedAs: signedAsOf(secondId) ?? before.secondSignedAs,
  };
  if (JSON.stringify(before) === JSON.stringify(after)) return { id: current.id, change: 'unchanged' };
  await db.execute(sql`update relationships set label = ${after.label}, label_original = ${after.labelOriginal}, signed_on = ${after.signedOn}::date,
      signed_precision = ${after.signedPrecision}, first_signed_as = ${after.firstSignedAs}, second_signed_as = ${after.secondSignedAs}, updated_at = now()
    where id = ${current.id}`);
  await writeAudit(db, options.actor, { action: 'update', entity: 'relationship', entityId: current.id, before, after: { ...after, source: options.source } });
  return { id: current.id, change: 'updated' };
}
