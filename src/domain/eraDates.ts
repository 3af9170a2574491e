import type { DatePrecision, PreciseDate } from './relationships.js';

/** One Japanese era (gengō) since the Meiji Restoration. */
export interface Era {
  /** The era name as written in full: 平成. */
  name: string;
  /** Its romanised name, used in explanations: Heisei. */
  romanised: string;
  /** The one-letter abbreviation of spreadsheets: H. */
  letter: string;
  /** The one-character abbreviation: 平. */
  shortName: string;
  /** Gregorian year of the era's first year (元年). */
  firstYear: number;
  /** The era's first day, YYYY-MM-DD. */
  startsOn: string;
  /** The era's last day, YYYY-MM-DD, or null for the era in force. */
  endsOn: string | null;
}

/**
 * The eras since Meiji, oldest first.
 *
 * Meiji was proclaimed on 23 October 1868 and back-dated to the start of that lunar year, and
 * Japan kept the lunar calendar until Meiji 5 (1872). Kizuna reads every era date as Gregorian
 * (明治n年 is 1867 + n) and starts Meiji on the day it was proclaimed, so 明治元年 accepts
 * Gregorian days from 23 October 1868 on. A day written in a Meiji 1–5 document by the lunar
 * calendar would be a few weeks off; sister-city relationships are far younger than that.
 */
export const ERAS: readonly Era[] = [
  { name: '明治', romanised: 'Meiji', letter: 'M', shortName: '明', firstYear: 1868, startsOn: '1868-10-23', endsOn: '1912-07-29' },
  { name: '大正', romanised: 'Taishō', letter: 'T', shortName: '大', firstYear: 1912, startsOn: '1912-07-30', endsOn: '1926-12-24' },
  { name: '昭和', romanised: 'Shōwa', letter: 'S', shortName: '昭', firstYear: 1926, startsOn: '1926-12-25', endsOn: '1989-01-07' },
  { name: '平成', romanised: 'Heisei', letter: 'H', shortName: '平', firstYear: 1989, startsOn: '1989-01-08', endsOn: '2019-04-30' },
  { name: '令和', romanised: 'Reiwa', letter: 'R', shortName: '令', firstYear: 2019, startsOn: '2019-05-01', endsOn: null },
];

const ERA_BY_WRITING = new Map<string, Era>(
  ERAS.flatMap((era) => [
    [era.name, era],
    [era.shortName, era],
    [era.letter, era],
  ]),
);

const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

const KANJI_DIGITS: Record<string, number> = { 〇: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** An era date: era, era year (元 is 1), then 年月日 or separators (S30.12.7); the rest is kept to explain it. */
const ERA_FORM = /^(明治|大正|昭和|平成|令和|[明大昭平令]|[MTSHR]\.?)(元|\d+)(?:年(?:(\d+)月(?:(\d+)日?)?)?|([./-])(\d+)(?:\5(\d+))?)?(.*)$/;

/** A Western date: 1955, 1955年12月7日, 1955-12-07, 1955/12/7 or 1955.12.7; the rest is kept to explain it. */
const WESTERN_FORM = /^(?:西暦)?(\d{4})(?:年(?:(\d+)月(?:(\d+)日?)?)?|([./-])(\d+)(?:\4(\d+))?)?(.*)$/;

/** The shapes a register accepts, quoted in explanations. */
const ACCEPTED_SHAPES = 'write it like 昭和30年12月7日, S30.12.7, 1955-12-07 or 1955/12/7, leaving out the day or the month when they are not known';

interface DateParts {
  era: Era | null;
  /** The year as written: the era year (元 is 1) or the Gregorian year. */
  writtenYear: number;
  month: number | null;
  day: number | null;
}

/**
 * Reads a date as Japanese local governments write it in register sheets: era forms since Meiji
 * (昭和30年12月7日, 平成元年1月8日, S30.12.7, 昭30.12, R2) or Western forms (1955-12-07, 1955/12/7,
 * 1955.12.7, 1955年12月7日), to the day, the month or the year. Full-width digits, kanji numerals
 * (昭和三十年十二月) and spaces are accepted, and the final 日 may be left out.
 * A date with words after it (頃 "about", 上旬 "early in the month") is refused rather than rounded:
 * the sheet should give only the part that is known (昭和30年12月).
 * Returns an explanation in English instead when the text is not a date of the calendar and its era.
 *
 * @example parseRegisterDate('H17.3.1') // { date: '2005-03-01', precision: 'day' }
 */
export function parseRegisterDate(text: string): PreciseDate | string {
  const compact = compactDateText(text);
  const quoted = `"${text.trim()}"`;
  if (compact === '') return 'the date is empty';
  const read = readParts(compact);
  if (typeof read === 'string') return `${quoted} ${read}`;
  const { era, writtenYear, month, day } = read;

  if (era && writtenYear < 1) return `${quoted} is not a year: the first year of an era is 元年`;
  if (!era && writtenYear < 1) return `${quoted} is not a year: there is no year 0`;
  const year = era ? era.firstYear + writtenYear - 1 : writtenYear;
  if (year > 9999) return `${quoted} is too far in the future to be a date`;
  if (era?.endsOn && year > Number(era.endsOn.slice(0, 4))) {
    const lastYear = Number(era.endsOn.slice(0, 4));
    return `${quoted} is not a year of the ${era.romanised} era: ${era.romanised} ended in ${era.name}${lastYear - era.firstYear + 1}年 (${lastYear}), and later years belong to the ${nextEra(era)?.romanised ?? 'next'} era`;
  }
  if (month !== null && (month < 1 || month > 12)) return `${quoted} has no month ${month}: months run from 1 to 12`;
  if (day !== null && month !== null) {
    if (day < 1) return `${quoted} has no day 0: days start at 1`;
    const length = daysInMonth(year, month);
    if (day > length) return `${quoted} is not a day of the calendar: ${MONTH_NAMES[month - 1]} ${year} has ${length} days`;
  }

  const precision: DatePrecision = day !== null ? 'day' : month !== null ? 'month' : 'year';
  const first = isoDate(year, month ?? 1, day ?? 1);
  if (era) {
    const outside = explainOutsideEra(era, first, lastDayOf(year, month, day), precision);
    if (outside) return `${quoted} ${outside}`;
  }
  return { date: first, precision };
}

/**
 * Writes a date in era form at its precision (昭和30年12月, 平成元年1月8日, 令和2年), for register
 * sheets. The era is the one in force for the greater part of the period, so the year 1989 is
 * 平成元年, the year 2019 令和元年 and December 1926 大正15年12月. Periods starting before Meiji (23 October 1868) are written in Western
 * form with 年月日 (1868年9月), which parseRegisterDate reads back too.
 */
export function formatEraDate(date: PreciseDate): string {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.date);
  if (!parts) throw new Error(`formatEraDate expects a YYYY-MM-DD date, not "${date.date}"`);
  const [year, month, day] = parts.slice(1).map(Number) as [number, number, number];
  // A year or a month with an era change is written in the era of its greater part (the middle of
  // it): 1989 is 平成元年, not 昭和64年 of its first seven days; 1926 stays 大正15年.
  const middle = date.precision === 'year' ? `${parts[1]}-07-02` : date.precision === 'month' ? `${parts[1]}-${parts[2]}-16` : date.date;
  const era = eraOf(middle);
  const yearText = era ? `${era.name}${year === era.firstYear ? '元' : year - era.firstYear + 1}年` : `${year}年`;
  if (date.precision === 'year') return yearText;
  if (date.precision === 'month') return `${yearText}${month}月`;
  return `${yearText}${month}月${day}日`;
}

/** The era in force on a day (YYYY-MM-DD), or null before Meiji. */
export function eraOf(isoDate: string): Era | null {
  for (let index = ERAS.length - 1; index >= 0; index--) {
    const era = ERAS[index]!;
    if (isoDate >= era.startsOn) return era.endsOn === null || isoDate <= era.endsOn ? era : null;
  }
  return null;
}

/**
 * A date Excel delivered as a JavaScript Date, to the day. exceljs gives dates as UTC midnight,
 * so the UTC year, month and day are the ones the sheet shows.
 */
export function preciseDateFromDate(d: Date): PreciseDate {
  if (Number.isNaN(d.getTime())) throw new RangeError('preciseDateFromDate was given an invalid Date');
  return { date: isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()), precision: 'day' };
}

/** Folds the text to one form: half-width digits and letters (NFKC), upper case, no spaces, kanji numerals as digits. */
function compactDateText(text: string): string {
  return text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/\s+/g, '')
    .replace(/[‐‑‒–—―−]/g, '-')
    .replace(/[〇一二三四五六七八九十]+/g, (numeral) => kanjiNumber(numeral) ?? numeral);
}

/** 三十 → 30, 十二 → 12, 二十九 → 29, 一九五五 → 1955; null for runs that are no number (十十). */
function kanjiNumber(numeral: string): string | null {
  if (!numeral.includes('十')) return [...numeral].map((digit) => KANJI_DIGITS[digit]).join('');
  const counted = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/.exec(numeral);
  if (!counted) return null;
  const [, tens, units] = counted;
  return String((tens ? KANJI_DIGITS[tens]! : 1) * 10 + (units ? KANJI_DIGITS[units]! : 0));
}

/** Splits the compact text into era, year, month and day, or says (after the quoted text) why it cannot. */
function readParts(compact: string): DateParts | string {
  const eraMatch = ERA_FORM.exec(compact);
  if (eraMatch) {
    const [, eraWriting, yearText, kanjiMonth, kanjiDay, , separatedMonth, separatedDay, rest] = eraMatch;
    const era = ERA_BY_WRITING.get(eraWriting!.replace('.', ''))!;
    const problem = explainRest(rest!, compact);
    if (problem) return problem;
    return {
      era,
      writtenYear: yearText === '元' ? 1 : Number(yearText),
      month: numberOrNull(kanjiMonth ?? separatedMonth),
      day: numberOrNull(kanjiDay ?? separatedDay),
    };
  }
  const westernMatch = WESTERN_FORM.exec(compact);
  if (westernMatch) {
    const [, yearText, kanjiMonth, kanjiDay, , separatedMonth, separatedDay, rest] = westernMatch;
    const problem = explainRest(rest!, compact);
    if (problem) return problem;
    return {
      era: null,
      writtenYear: Number(yearText),
      month: numberOrNull(kanjiMonth ?? separatedMonth),
      day: numberOrNull(kanjiDay ?? separatedDay),
    };
  }
  if (/^(?:明治|大正|昭和|平成|令和)/.test(compact)) return `is not a date Kizuna can read: after the era, ${ACCEPTED_SHAPES}`;
  if (/^\d{1,3}(?:\D|$)/.test(compact)) return `is not a date Kizuna can read: give the year in full with four digits or an era (${ACCEPTED_SHAPES})`;
  return `is not a date Kizuna can read: ${ACCEPTED_SHAPES}`;
}

/** Why text left over after a date makes it unreadable, or null when nothing is left. */
function explainRest(rest: string, compact: string): string | null {
  if (rest === '') return null;
  if (/^(?:頃|ごろ|ころ|位|くらい)/.test(rest)) {
    return 'is not an exact date: instead of 頃 (about), give only the part of the date that is known, such as the year';
  }
  if (/^[上中下初]旬/.test(rest)) return 'is not an exact date: instead of a part of the month (上旬, 中旬, 下旬), give the year and month alone';
  if (/^\d+$/.test(rest) && /年$/.test(compact.slice(0, compact.length - rest.length))) {
    return `is not a date Kizuna can read: write 月 after the month (${ACCEPTED_SHAPES})`;
  }
  return `is not a date Kizuna can read: "${rest}" follows the date (${ACCEPTED_SHAPES})`;
}

/** Why a period does not lie (even in part) in the era it is written in, or null when it does. */
function explainOutsideEra(era: Era, first: string, last: string, precision: DatePrecision): string | null {
  const what = precision === 'day' ? 'a day' : precision === 'month' ? 'a month' : 'a year';
  if (last < era.startsOn) {
    if (era.name === '明治') {
      return `is not ${what} of the Meiji era as Kizuna reads it: Meiji was proclaimed on ${englishDate(era.startsOn)}, and Kizuna reads era dates by the Gregorian calendar, so write an earlier date in Western form (1868年9月1日)`;
    }
    const dayBefore = formatEraDate({ date: addDays(era.startsOn, -1), precision: 'day' });
    return `is not ${what} of the ${era.romanised} era: ${era.romanised} began on ${englishDate(era.startsOn)} (the day before was ${dayBefore})`;
  }
  if (era.endsOn && first > era.endsOn) {
    const following = nextEra(era)!;
    const dayAfter = formatEraDate({ date: following.startsOn, precision: 'day' });
    return `is not ${what} of the ${era.romanised} era: ${era.romanised} ended on ${englishDate(era.endsOn)} (${dayAfter} began the ${following.romanised} era)`;
  }
  return null;
}

function nextEra(era: Era): Era | undefined {
  return ERAS[ERAS.indexOf(era) + 1];
}

function numberOrNull(text: string | undefined): number | null {
  return text === undefined ? null : Number(text);
}

/** Days in a month of the (proleptic) Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years below 100 as 19xx.
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

/** The last day of the period a year, month or day stands for. */
function lastDayOf(year: number, month: number | null, day: number | null): string {
  if (month === null) return isoDate(year, 12, 31);
  return isoDate(year, month, day ?? daysInMonth(year, month));
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** 30 April 2019. */
function englishDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return `${day} ${MONTH_NAMES[month - 1]} ${year}`;
}
