import { sql } from 'drizzle-orm';
import { bulkInsert } from '../db/bulk.js';
import { queryRows, type Db } from '../db/client.js';
import { baseName, formerNameKeys, type FormerMunicipality } from '../domain/municipalMergers.js';
import { trustedReading } from '../domain/placeReadings.js';
import type { JapaneseLocalGovernment } from '../reference/japan.js';
import type { Analyser } from '../reference/readings.js';

/**
 * Stores the former municipalities with the LG of today each became part of, and a reading of
 * their names where the dictionary knows one. Those whose successor is not one LG are left out.
 */
export async function insertFormerMunicipalities(
  db: Db,
  formers: FormerMunicipality[],
  japanese: JapaneseLocalGovernment[],
  idByCode: Map<string, number>,
  analyse: Analyser,
): Promise<void> {
  const prefectures = new Map(japanese.filter((lg) => lg.kind === 'prefecture').map((lg) => [lg.name, lg]));
  const municipalities = new Map<string, string[]>();
  for (const lg of japanese) {
    if (lg.kind === 'prefecture' || lg.kind === 'ward') continue;
    const key = `${lg.prefectureCode}|${lg.name}`;
    municipalities.set(key, [...(municipalities.get(key) ?? []), lg.jisCode]);
  }
  const rows = formers.flatMap((former) => {
    const prefecture = prefectures.get(former.prefecture);
    const successors = municipalities.get(`${prefectures.get(former.successor.prefecture)?.prefectureCode}|${former.successor.name}`) ?? [];
    if (prefecture === undefined || successors.length !== 1) return [];
    const base = baseName(former.name);
    const reading = trustedReading(base, analyse(base));
    return [{ former, prefectureId: idByCode.get(prefecture.jisCode)!, successorId: idByCode.get(successors[0]!)!, reading }];
  });
  await bulkInsert(
    db,
    'former_municipalities',
    [
      { name: 'name', type: 'text', value: (row) => row.former.name },
      { name: 'name_kana', type: 'text', value: (row) => row.reading?.kana ?? null },
      { name: 'name_romaji', type: 'text', value: (row) => row.reading?.romaji ?? null },
      { name: 'district', type: 'text', value: (row) => row.former.district },
      { name: 'prefecture_id', type: 'int', value: (row) => row.prefectureId },
      { name: 'successor_id', type: 'int', value: (row) => row.successorId },
      { name: 'merged_on', type: 'date', value: (row) => row.former.mergedOn },
    ],
    rows,
  );
}

/** A municipality merged into an LG of today, with the folded keys its names give. */
export interface FormerName {
  successorId: number;
  prefectureId: number;
  /** 栗沢町. */
  name: string;
  keys: string[];
}

/** Every former municipality with its keys, oldest merger first: what search and both importers find them by. */
export async function readFormerNames(db: Db): Promise<FormerName[]> {
  const rows = await queryRows<{ successor_id: number; prefecture_id: number; name: string; name_kana: string | null; name_romaji: string | null }>(
    db,
    sql`select successor_id, prefecture_id, name, name_kana, name_romaji from former_municipalities order by merged_on, id`,
  );
  return rows.map((row) => ({
    successorId: row.successor_id,
    prefectureId: row.prefecture_id,
    name: row.name,
    keys: formerNameKeys({ name: row.name, kana: row.name_kana, romaji: row.name_romaji }),
  }));
}
