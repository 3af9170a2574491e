import { parse } from 'csv-parse/sync';
import { parseRegisterDate } from './eraDates.js';
import { foldName } from './names.js';
import type { PreciseDate } from './relationships.js';

/** Japan's 47 prefectures, in JIS order, as their names are written. */
export const PREFECTURE_NAMES = [
  '北海道', '青森県', '岩手県', '宮城県', '秋田県', '山形県', '福島県', '茨城県', '栃木県', '群馬県',
  '埼玉県', '千葉県', '東京都', '神奈川県', '新潟県', '富山県', '石川県', '福井県', '山梨県', '長野県',
  '岐阜県', '静岡県', '愛知県', '三重県', '滋賀県', '京都府', '大阪府', '兵庫県', '奈良県', '和歌山県',
  '鳥取県', '島根県', '岡山県', '広島県', '山口県', '徳島県', '香川県', '愛媛県', '高知県', '福岡県',
  '佐賀県', '長崎県', '熊本県', '大分県', '宮崎県', '鹿児島県', '沖縄県',
] as const;

/**
 * What a municipality is, from the last character of its name: 市 city, 町 town, 村 village,
 * 区 ward (one of Tokyo's special wards, which are municipalities of their own).
 */
export type MunicipalityKind = 'city' | 'town' | 'village' | 'ward';

const KIND_BY_SUFFIX: Record<string, MunicipalityKind> = { 市: 'city', 町: 'town', 村: 'village', 区: 'ward' };

/** A municipality's name as a merger table writes it, taken apart. */
export interface MunicipalityName {
  /** The prefecture, only when the text names one (栃木県下都賀郡岩舟町, 岐阜県中津川市). */
  prefecture: string | null;
  /** The district (郡) a town or village lies in: 空知郡 for 空知郡栗沢町. */
  district: string | null;
  /** The municipality itself: 栗沢町; 広島市 for 広島市佐伯区. */
  name: string;
  kind: MunicipalityKind;
  /** The ward of a designated city, when the text names one: 佐伯区 for 広島市佐伯区. */
  ward: string | null;
  /** A remark in brackets after the name: 分村：梯・古関 (the part of a village that went this way). */
  note: string | null;
}

/** A municipality as the merger table knows it: enough to tell apart 群馬県吾妻郡東村 and 群馬県勢多郡東村. */
export interface Municipality {
  prefecture: string;
  district: string | null;
  name: string;
  kind: MunicipalityKind;
}

/**
 * One change in the list of Japan's municipalities: a municipality merged into another, absorbed,
 * renamed, raised from town to city or moved to another district.
 *
 * The successor is a municipality, never a ward: when a town became part of a designated city
 * (佐伯郡湯来町 → 広島市佐伯区), `successorName` is the city (広島市), which is the local government
 * that carries on its relationships, and `successorWard` says where its territory now lies (佐伯区).
 */
export interface Merger {
  /** The prefecture of the former municipality (the file's prefecture column). */
  prefecture: string;
  /** 栗沢町, without its district. */
  formerName: string;
  /** 空知郡, or null for a city, or when the table leaves the district out. */
  formerDistrict: string | null;
  formerKind: MunicipalityKind;
  /** The ward of a designated city when the former entity was a ward; following successors skips such rows. */
  formerWard: string | null;
  /** The successor's prefecture: the row's, unless the successor is written with another (長野県山口村 → 岐阜県中津川市). */
  successorPrefecture: string;
  /** 岩見沢市, 新ひだか町; the city for a designated-city ward. */
  successorName: string;
  successorDistrict: string | null;
  successorKind: MunicipalityKind;
  successorWard: string | null;
  changedOn: PreciseDate;
  /** Remarks in brackets from either name (分村：梯・古関, 旧富沢町域のみ掲載), or null. */
  note: string | null;
  /** Where the row comes from (a page of Japan Post's municipal change lists). */
  source: string;
  /** The line of the row in the file read. */
  line: number;
}

export interface MergerProblem {
  line: number;
  message: string;
}

/** The columns of the table Kizuna ships, and of the per-prefecture files it was made from. */
export const MERGER_COLUMNS = ['prefecture', 'former', 'successor', 'changed_on', 'source'] as const;
const SOURCE_COLUMNS = ['都道府県', '変更前', '変更後', '変更日', '典拠'];

/**
 * Reads a table of municipal changes: a header (`prefecture,former,successor,changed_on,source`, or
 * the Japanese `都道府県,変更前,変更後,変更日,典拠` of the source files), then one change a row.
 *
 * A row naming several former towns of one district (宗像郡福間町・津屋崎町) gives one merger for each,
 * and a row that repeats an earlier one exactly is dropped. A row that cannot be read is left out and
 * described in `problems`, with its line.
 */
export function parseMergers(text: string): { mergers: Merger[]; problems: MergerProblem[] } {
  const mergers: Merger[] = [];
  const problems: MergerProblem[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      info: true,
      on_skip: (error) => {
        const line = typeof error?.lines === 'number' ? error.lines : 0;
        problems.push({ line, message: `is not valid CSV: ${error?.message ?? 'unreadable record'}` });
        return undefined;
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    return { mergers, problems: [...problems, { line: (error as { lines?: number }).lines ?? 0, message: `is not valid CSV: ${(error as Error).message}` }] };
  }

  const header = records[0]?.record.map((cell) => cell.trim());
  if (!header || (header.join(',') !== MERGER_COLUMNS.join(',') && header.join(',') !== SOURCE_COLUMNS.join(','))) {
    problems.unshift({ line: records[0]?.info.lines ?? 1, message: `the header must be ${MERGER_COLUMNS.join(',')} (or ${SOURCE_COLUMNS.join(',')})` });
    return { mergers, problems };
  }

  const seen = new Set<string>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const read = readMergerRow(record, line);
    if (typeof read === 'string') {
      problems.push({ line, message: read });
      continue;
    }
    for (const merger of read) {
      const key = JSON.stringify({ ...merger, line: 0 });
      if (seen.has(key)) continue;
      seen.add(key);
      mergers.push(merger);
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return { mergers, problems };
}

/** One row as its mergers (several when it names several former towns), or why it cannot be read. */
function readMergerRow(record: string[], line: number): Merger[] | string {
  if (record.length !== MERGER_COLUMNS.length) return `has ${record.length} fields where the header has ${MERGER_COLUMNS.length}`;
  const [prefecture, formerText, successorText, changedOnText, source] = record.map((cell) => cell.trim()) as [string, string, string, string, string];
  if (!(PREFECTURE_NAMES as readonly string[]).includes(prefecture)) return `prefecture "${prefecture}" is not one of Japan's 47 prefectures`;

  const formers = readNameList(formerText);
  if (typeof formers === 'string') return `former ${formers}`;
  const successor = readMunicipalityName(successorText);
  if (typeof successor === 'string') return `successor ${successor}`;
  if (formers.prefecture && formers.prefecture !== prefecture) {
    return `former "${formerText}" lies in ${formers.prefecture}, not in the row's prefecture ${prefecture}`;
  }
  const changedOn = parseRegisterDate(changedOnText);
  if (typeof changedOn === 'string') return `changed_on: ${changedOn}`;

  const notes = [formers.note, successor.note].filter((note): note is string => note !== null);
  return formers.names.map((former) => ({
    prefecture,
    formerName: former.name,
    formerDistrict: former.district,
    formerKind: former.kind,
    formerWard: former.ward,
    successorPrefecture: successor.prefecture ?? prefecture,
    successorName: successor.name,
    successorDistrict: successor.district,
    successorKind: successor.kind,
    successorWard: successor.ward,
    changedOn,
    note: notes.length > 0 ? notes.join('; ') : null,
    source,
    line,
  }));
}

/**
 * Takes apart a municipality's name as merger tables write it: an optional prefecture, the district
 * of a town or village, the name, a designated city's ward, a remark in brackets
 * (北海道日高郡新ひだか町, 空知郡栗沢町, 広島市佐伯区, 南巨摩郡南部町（旧富沢町域のみ掲載）).
 * Returns an explanation instead when the text names no municipality, or several.
 */
export function readMunicipalityName(text: string): MunicipalityName | string {
  const list = readNameList(text);
  if (typeof list === 'string') return list;
  if (list.names.length > 1) return `"${text.trim()}" names ${list.names.length} municipalities where one is expected`;
  const [only] = list.names as [NameList['names'][number]];
  return { prefecture: list.prefecture, ...only, note: list.note };
}

interface NameList {
  prefecture: string | null;
  names: { district: string | null; name: string; kind: MunicipalityKind; ward: string | null }[];
  note: string | null;
}

/**
 * Like readMunicipalityName, but for several names joined with ・; a name without a district takes
 * that of the name before it (宗像郡福間町・津屋崎町 is two towns of 宗像郡).
 */
function readNameList(text: string): NameList | string {
  const written = text.trim();
  if (written === '') return 'is empty';
  let rest = written.replace(/\s+/g, '');
  let note: string | null = null;
  const remark = /[（(]([^（）()]*)[）)]$/.exec(rest);
  if (remark) {
    note = remark[1]!.trim() || null;
    rest = rest.slice(0, remark.index);
  }
  const prefecture = PREFECTURE_NAMES.find((name) => rest.startsWith(name) && rest.length > name.length) ?? null;
  if (prefecture) rest = rest.slice(prefecture.length);

  const names: NameList['names'] = [];
  let district: string | null = null;
  for (const part of rest.split('・')) {
    // Only towns and villages lie in districts. The district is the shortest lead ending in 郡, so
    // 郡上郡八幡町 splits after 郡上郡 and 日置郡郡山町 keeps its town 郡山町 whole.
    const inDistrict = /^(.+?郡)(.+[町村])$/.exec(part);
    if (inDistrict) {
      names.push({ district: inDistrict[1]!, name: inDistrict[2]!, kind: KIND_BY_SUFFIX[part.slice(-1)]!, ward: null });
      district = inDistrict[1]!;
      continue;
    }
    // A designated city's ward: the city is the longest lead ending in 市 (四日市市 stays whole).
    const cityWard = /^(.+市)(.+区)$/.exec(part);
    if (cityWard) {
      names.push({ district: null, name: cityWard[1]!, kind: 'city', ward: cityWard[2]! });
      continue;
    }
    const kind = KIND_BY_SUFFIX[part.slice(-1)];
    if (part.length < 2 || !kind) return `"${written}" is not the name of a municipality: it should end in 市, 町, 村 or 区`;
    names.push({ district: kind === 'town' || kind === 'village' ? district : null, name: part, kind, ward: null });
  }
  return { prefecture, names, note };
}

/** The changes followed from a former municipality to one that the table records no later change of. */
export interface SuccessorPath {
  /** The changes, oldest first. */
  steps: Merger[];
  /** Where the path ends: the municipality of the last step's successor. */
  today: Municipality;
}

const indexes = new WeakMap<readonly Merger[], Map<string, Merger[]>>();

/** The mergers of each former municipality, by prefecture and name, built once per table. */
function mergersByFormer(mergers: readonly Merger[]): Map<string, Merger[]> {
  let index = indexes.get(mergers);
  if (!index) {
    index = new Map();
    for (const merger of mergers) {
      // A row about a ward of a city is no change of the city itself.
      if (merger.formerWard !== null) continue;
      const key = `${merger.prefecture}|${merger.formerName}`;
      const list = index.get(key);
      if (list) list.push(merger);
      else index.set(key, [merger]);
    }
    indexes.set(mergers, index);
  }
  return index;
}

/** Two districts are the same when equal, or when either side leaves it out. */
const sameDistrict = (a: string | null, b: string | null) => a === null || b === null || a === b;

/**
 * Every way a former municipality leads, through later changes, to a municipality the table records
 * no later change of: usually one path; several when the name is shared by towns of different
 * districts (群馬県東村 without its district), or when the municipality was split (上九一色村).
 * `name` may carry its district (静内郡静内町) to tell such towns apart. Each step must be strictly
 * later than the one before, so rows that name a new municipality after an old one (二本松市 →
 * 二本松市) end the path instead of looping, and no cycle can be followed. Empty when the table
 * records no change of the municipality.
 */
export function successorPaths(mergers: readonly Merger[], prefecture: string, name: string): SuccessorPath[] {
  const index = mergersByFormer(mergers);
  const wanted = readMunicipalityName(name);
  const formerName = typeof wanted === 'string' ? name.trim() : wanted.name;
  const formerDistrict = typeof wanted === 'string' ? null : wanted.district;
  const candidates = (index.get(`${prefecture}|${formerName}`) ?? []).filter((merger) => sameDistrict(merger.formerDistrict, formerDistrict));
  // A candidate another candidate led to is part of that one's path, not a start of its own
  // (北設楽郡稲武町 became 東加茂郡稲武町 in 2003, which merged into 豊田市 in 2005).
  const starts = candidates.filter(
    (merger) =>
      !candidates.some(
        (earlier) =>
          earlier !== merger &&
          earlier.changedOn.date < merger.changedOn.date &&
          earlier.successorPrefecture === merger.prefecture &&
          earlier.successorName === merger.formerName &&
          sameDistrict(earlier.successorDistrict, merger.formerDistrict),
      ),
  );
  const paths: SuccessorPath[] = [];
  const follow = (steps: Merger[]) => {
    const last = steps[steps.length - 1]!;
    const later = (index.get(`${last.successorPrefecture}|${last.successorName}`) ?? []).filter(
      (merger) => merger.changedOn.date > last.changedOn.date && sameDistrict(merger.formerDistrict, last.successorDistrict) && !steps.includes(merger),
    );
    const next = earliest(later);
    if (next.length === 0) {
      paths.push({
        steps,
        today: { prefecture: last.successorPrefecture, district: last.successorDistrict, name: last.successorName, kind: last.successorKind },
      });
    }
    for (const merger of next) follow([...steps, merger]);
  };
  for (const start of starts) follow([start]);
  return paths;
}

/** The distinct municipalities a former one lives on in today, as far as the table knows: see successorPaths. */
export function finalSuccessors(mergers: readonly Merger[], prefecture: string, name: string): Municipality[] {
  const byKey = new Map<string, Municipality>();
  for (const { today } of successorPaths(mergers, prefecture, name)) {
    byKey.set(`${today.prefecture}|${today.district ?? ''}|${today.name}`, today);
  }
  return [...byKey.values()];
}

/**
 * The one municipality a former one lives on in today (静内町 → 新ひだか町), or null when the table
 * records no change of it, or when the answer is not one municipality (a split, or a name shared by
 * towns of different districts: give the district, or use finalSuccessors).
 */
export function finalSuccessor(mergers: readonly Merger[], prefecture: string, name: string): Municipality | null {
  const found = finalSuccessors(mergers, prefecture, name);
  return found.length === 1 ? found[0]! : null;
}

/** The changes of the earliest date among some. */
function earliest(mergers: Merger[]): Merger[] {
  const first = mergers.reduce<string | null>((min, merger) => (min === null || merger.changedOn.date < min ? merger.changedOn.date : min), null);
  return mergers.filter((merger) => merger.changedOn.date === first);
}

/** A municipality that no longer exists, with the one it lives on in today. */
export interface FormerMunicipality {
  prefecture: string;
  district: string | null;
  /** 栗沢町. */
  name: string;
  kind: MunicipalityKind;
  /** The day it ceased to exist: its first change. */
  mergedOn: string;
  successor: Municipality;
}

/**
 * Every former municipality of the table that leads to one municipality of today. Left out: a
 * municipality whose successor bears its own name (a merger that kept the name, or a town made a
 * city: the local government carries on under that name), and one that leads to several (a split,
 * or a name shared by towns the table does not tell apart).
 */
export function formerMunicipalities(mergers: readonly Merger[]): FormerMunicipality[] {
  const seen = new Set<string>();
  const formers: FormerMunicipality[] = [];
  for (const merger of mergers) {
    if (merger.formerWard !== null) continue;
    const key = `${merger.prefecture}|${merger.formerDistrict ?? ''}|${merger.formerName}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const qualified = `${merger.formerDistrict ?? ''}${merger.formerName}`;
    const paths = successorPaths(mergers, merger.prefecture, qualified);
    const successors = finalSuccessors(mergers, merger.prefecture, qualified);
    if (successors.length !== 1) continue;
    const successor = successors[0]!;
    if (successor.prefecture === merger.prefecture && baseName(successor.name) === baseName(merger.formerName)) continue;
    const mergedOn = paths.map((path) => path.steps[0]!.changedOn.date).sort()[0]!;
    formers.push({ prefecture: merger.prefecture, district: merger.formerDistrict, name: merger.formerName, kind: merger.formerKind, mergedOn, successor });
  }
  return formers;
}

/** The folded keys a former municipality is found by: its name with and without its kind, and its reading. */
export function formerNameKeys(former: { name: string; kana: string | null; romaji: string | null }): string[] {
  return [...new Set([former.name, baseName(former.name), former.kana, former.romaji].flatMap((name) => (name ? [foldName(name)] : [])))];
}

/** A municipality's name without its kind (栗沢町 → 栗沢), the part that stays when a town becomes a city. */
export function baseName(name: string): string {
  return name.length > 2 && /[市町村区]$/.test(name) ? name.slice(0, -1) : name;
}
