import { describe, expect, it } from 'vitest';
import { ERAS, eraOf, formatEraDate, parseRegisterDate, preciseDateFromDate } from './eraDates.js';
import type { PreciseDate } from './relationships.js';

const day = (date: string): PreciseDate => ({ date, precision: 'day' });
const month = (date: string): PreciseDate => ({ date, precision: 'month' });
const year = (date: string): PreciseDate => ({ date, precision: 'year' });

/** The explanation parseRegisterDate gives, failing the test when it read a date instead. */
function explanation(text: string): string {
  const result = parseRegisterDate(text);
  if (typeof result !== 'string') throw new Error(`expected "${text}" to be refused, but it was read as ${JSON.stringify(result)}`);
  return result;
}

describe('parseRegisterDate at the era boundaries', () => {
  it('reads 明治元年10月23日 as the first day of Meiji and refuses the day before', () => {
    expect(parseRegisterDate('明治元年10月23日')).toEqual(day('1868-10-23'));
    expect(explanation('明治元年10月22日')).toMatch(/^"明治元年10月22日" is not a day of the Meiji era as Kizuna reads it: Meiji was proclaimed on 23 October 1868/);
  });

  it('reads 明治45年7月29日 as the last day of Meiji and refuses the day after', () => {
    expect(parseRegisterDate('明治45年7月29日')).toEqual(day('1912-07-29'));
    expect(explanation('明治45年7月30日')).toBe(
      '"明治45年7月30日" is not a day of the Meiji era: Meiji ended on 29 July 1912 (大正元年7月30日 began the Taishō era)',
    );
  });

  it('reads 大正元年7月30日 as the first day of Taishō and refuses the day before', () => {
    expect(parseRegisterDate('大正元年7月30日')).toEqual(day('1912-07-30'));
    expect(explanation('大正元年7月29日')).toBe(
      '"大正元年7月29日" is not a day of the Taishō era: Taishō began on 30 July 1912 (the day before was 明治45年7月29日)',
    );
  });

  it('reads 大正15年12月24日 as the last day of Taishō and refuses 大正15年12月25日', () => {
    expect(parseRegisterDate('大正15年12月24日')).toEqual(day('1926-12-24'));
    expect(explanation('大正15年12月25日')).toBe(
      '"大正15年12月25日" is not a day of the Taishō era: Taishō ended on 24 December 1926 (昭和元年12月25日 began the Shōwa era)',
    );
  });

  it('reads 昭和元年12月25日 as the first day of Shōwa and refuses 昭和元年12月24日', () => {
    expect(parseRegisterDate('昭和元年12月25日')).toEqual(day('1926-12-25'));
    expect(explanation('昭和元年12月24日')).toBe(
      '"昭和元年12月24日" is not a day of the Shōwa era: Shōwa began on 25 December 1926 (the day before was 大正15年12月24日)',
    );
  });

  it('reads 昭和64年1月7日 as the last day of Shōwa and refuses 昭和64年1月8日', () => {
    expect(parseRegisterDate('昭和64年1月7日')).toEqual(day('1989-01-07'));
    expect(explanation('昭和64年1月8日')).toBe(
      '"昭和64年1月8日" is not a day of the Shōwa era: Shōwa ended on 7 January 1989 (平成元年1月8日 began the Heisei era)',
    );
  });

  it('reads 平成元年1月8日 as the first day of Heisei and refuses 平成元年1月7日', () => {
    expect(parseRegisterDate('平成元年1月8日')).toEqual(day('1989-01-08'));
    expect(explanation('平成元年1月7日')).toBe(
      '"平成元年1月7日" is not a day of the Heisei era: Heisei began on 8 January 1989 (the day before was 昭和64年1月7日)',
    );
  });

  it('reads 平成31年4月30日 as the last day of Heisei and refuses 平成31年5月1日', () => {
    expect(parseRegisterDate('平成31年4月30日')).toEqual(day('2019-04-30'));
    expect(explanation('平成31年5月1日')).toBe(
      '"平成31年5月1日" is not a day of the Heisei era: Heisei ended on 30 April 2019 (令和元年5月1日 began the Reiwa era)',
    );
  });

  it('reads 令和元年5月1日 as the first day of Reiwa and refuses 令和元年4月30日', () => {
    expect(parseRegisterDate('令和元年5月1日')).toEqual(day('2019-05-01'));
    expect(explanation('令和元年4月30日')).toBe(
      '"令和元年4月30日" is not a day of the Reiwa era: Reiwa began on 1 May 2019 (the day before was 平成31年4月30日)',
    );
  });

  it('refuses an era year after the era ended', () => {
    expect(explanation('平成32年')).toBe(
      '"平成32年" is not a year of the Heisei era: Heisei ended in 平成31年 (2019), and later years belong to the Reiwa era',
    );
    expect(explanation('昭和65年')).toMatch(/Shōwa ended in 昭和64年 \(1989\)/);
    expect(explanation('大正16年')).toMatch(/Taishō ended in 大正15年 \(1926\)/);
    expect(explanation('明治46年')).toMatch(/Meiji ended in 明治45年 \(1912\)/);
  });

  it('refuses year 0 of an era', () => {
    expect(explanation('平成0年')).toBe('"平成0年" is not a year: the first year of an era is 元年');
  });

  it('reads 元年 as the first year of every era', () => {
    expect(parseRegisterDate('明治元年')).toEqual(year('1868-01-01'));
    expect(parseRegisterDate('大正元年')).toEqual(year('1912-01-01'));
    expect(parseRegisterDate('昭和元年')).toEqual(year('1926-01-01'));
    expect(parseRegisterDate('平成元年')).toEqual(year('1989-01-01'));
    expect(parseRegisterDate('令和元年')).toEqual(year('2019-01-01'));
    expect(parseRegisterDate('令和元年12月')).toEqual(month('2019-12-01'));
    expect(parseRegisterDate('H元.1.8')).toEqual(day('1989-01-08'));
  });

  it('accepts a year or a month when any part of it lies in the era', () => {
    expect(parseRegisterDate('平成31年')).toEqual(year('2019-01-01'));
    expect(parseRegisterDate('昭和64年1月')).toEqual(month('1989-01-01'));
    expect(parseRegisterDate('平成元年1月')).toEqual(month('1989-01-01'));
    expect(parseRegisterDate('令和元年5月')).toEqual(month('2019-05-01'));
    expect(parseRegisterDate('明治元年10月')).toEqual(month('1868-10-01'));
    expect(parseRegisterDate('大正15年12月')).toEqual(month('1926-12-01'));
    expect(parseRegisterDate('昭和元年12月')).toEqual(month('1926-12-01'));
  });

  it('refuses a month wholly outside its era', () => {
    expect(explanation('平成31年5月')).toBe(
      '"平成31年5月" is not a month of the Heisei era: Heisei ended on 30 April 2019 (令和元年5月1日 began the Reiwa era)',
    );
    expect(explanation('令和元年4月')).toMatch(/is not a month of the Reiwa era: Reiwa began on 1 May 2019/);
    expect(explanation('昭和64年2月')).toMatch(/is not a month of the Shōwa era/);
    expect(explanation('明治元年9月')).toMatch(/is not a month of the Meiji era as Kizuna reads it/);
  });
});

describe('parseRegisterDate with the ways sheets write dates', () => {
  it('reads day, month-only and year-only era dates', () => {
    expect(parseRegisterDate('昭和30年12月7日')).toEqual(day('1955-12-07'));
    expect(parseRegisterDate('昭和30年12月')).toEqual(month('1955-12-01'));
    expect(parseRegisterDate('昭和30年')).toEqual(year('1955-01-01'));
  });

  it('reads the letter abbreviations M, T, S, H and R, in either case', () => {
    expect(parseRegisterDate('H17.3.1')).toEqual(day('2005-03-01'));
    expect(parseRegisterDate('S30.12')).toEqual(month('1955-12-01'));
    expect(parseRegisterDate('R2')).toEqual(year('2020-01-01'));
    expect(parseRegisterDate('T10/4/1')).toEqual(day('1921-04-01'));
    expect(parseRegisterDate('M40-2-11')).toEqual(day('1907-02-11'));
    expect(parseRegisterDate('h17.3.1')).toEqual(day('2005-03-01'));
    expect(parseRegisterDate('H.17.3.1')).toEqual(day('2005-03-01'));
    expect(parseRegisterDate('H17年3月1日')).toEqual(day('2005-03-01'));
    expect(parseRegisterDate('Ｈ１７．３．１')).toEqual(day('2005-03-01'));
  });

  it('reads the one-character abbreviations 明, 大, 昭, 平 and 令', () => {
    expect(parseRegisterDate('昭30.12.1')).toEqual(day('1955-12-01'));
    expect(parseRegisterDate('平17年3月')).toEqual(month('2005-03-01'));
    expect(parseRegisterDate('令2')).toEqual(year('2020-01-01'));
    expect(parseRegisterDate('大10.4.1')).toEqual(day('1921-04-01'));
    expect(parseRegisterDate('明40.2.11')).toEqual(day('1907-02-11'));
  });

  it('reads full-width digits and spaces anywhere', () => {
    expect(parseRegisterDate('昭和３０年１２月７日')).toEqual(day('1955-12-07'));
    expect(parseRegisterDate(' 昭和 30 年　12 月 7 日 ')).toEqual(day('1955-12-07'));
    expect(parseRegisterDate('１９５５／１２／７')).toEqual(day('1955-12-07'));
    expect(parseRegisterDate('１９５５年１２月')).toEqual(month('1955-12-01'));
  });

  it('reads kanji numerals', () => {
    expect(parseRegisterDate('昭和三十年十二月')).toEqual(month('1955-12-01'));
    expect(parseRegisterDate('平成二十九年十一月二十一日')).toEqual(day('2017-11-21'));
    expect(parseRegisterDate('令和元年十月')).toEqual(month('2019-10-01'));
    expect(parseRegisterDate('二〇一九年五月一日')).toEqual(day('2019-05-01'));
  });

  it('reads the square era signs ㍻ and ㋿', () => {
    expect(parseRegisterDate('㍻17年3月1日')).toEqual(day('2005-03-01'));
    expect(parseRegisterDate('㋿2年')).toEqual(year('2020-01-01'));
  });

  it('reads a day without its final 日', () => {
    expect(parseRegisterDate('平成15年10月1')).toEqual(day('2003-10-01'));
    expect(parseRegisterDate('1955年12月7')).toEqual(day('1955-12-07'));
  });

  it('reads Western dates with dashes, slashes, dots or 年月日', () => {
    expect(parseRegisterDate('1955')).toEqual(year('1955-01-01'));
    expect(parseRegisterDate('1955-12')).toEqual(month('1955-12-01'));
    expect(parseRegisterDate('1955-12-07')).toEqual(day('1955-12-07'));
    expect(parseRegisterDate('1955/12/7')).toEqual(day('1955-12-07'));
    expect(parseRegisterDate('1955.12.7')).toEqual(day('1955-12-07'));
    expect(parseRegisterDate('1955年12月7日')).toEqual(day('1955-12-07'));
    expect(parseRegisterDate('1955年12月')).toEqual(month('1955-12-01'));
    expect(parseRegisterDate('1955年')).toEqual(year('1955-01-01'));
    expect(parseRegisterDate('西暦1955年')).toEqual(year('1955-01-01'));
  });

  it('refuses a date marked as approximate rather than rounding it', () => {
    expect(explanation('昭和30年12月7日頃')).toMatch(/is not an exact date: instead of 頃 \(about\)/);
    expect(explanation('1955年ごろ')).toMatch(/頃 \(about\)/);
    expect(explanation('昭和30年12月上旬')).toMatch(/give the year and month alone/);
  });

  it('refuses other words after the date and says what they are', () => {
    expect(explanation('1955-12-07 締結')).toMatch(/"締結" follows the date/);
    expect(explanation('1955-12/7')).toMatch(/"\/7" follows the date/);
    expect(explanation('1955年12')).toMatch(/write 月 after the month/);
  });

  it('refuses text that is no date, and explains an empty one', () => {
    expect(explanation('')).toBe('the date is empty');
    expect(explanation('   ')).toBe('the date is empty');
    expect(explanation('unknown')).toMatch(/^"unknown" is not a date Kizuna can read: write it like 昭和30年12月7日/);
    expect(explanation('12月7日')).toMatch(/give the year in full with four digits or an era/);
    expect(explanation('55.12.7')).toMatch(/give the year in full/);
    expect(explanation('平成')).toMatch(/is not a date Kizuna can read: after the era/);
  });
});

describe('parseRegisterDate with impossible dates', () => {
  it('refuses days that are not in the calendar', () => {
    expect(explanation('昭和30年2月30日')).toBe('"昭和30年2月30日" is not a day of the calendar: February 1955 has 28 days');
    expect(explanation('1955-04-31')).toBe('"1955-04-31" is not a day of the calendar: April 1955 has 30 days');
    expect(explanation('昭和30年12月32日')).toMatch(/December 1955 has 31 days/);
  });

  it('knows leap years: 平成4年2月29日 is a day, 平成5年2月29日 is not', () => {
    expect(parseRegisterDate('平成4年2月29日')).toEqual(day('1992-02-29'));
    expect(explanation('平成5年2月29日')).toBe('"平成5年2月29日" is not a day of the calendar: February 1993 has 28 days');
    expect(parseRegisterDate('2000-02-29')).toEqual(day('2000-02-29'));
    expect(explanation('1900-02-29')).toMatch(/February 1900 has 28 days/);
  });

  it('refuses month 0, month 13 and day 0', () => {
    expect(explanation('昭和30年13月')).toBe('"昭和30年13月" has no month 13: months run from 1 to 12');
    expect(explanation('S30.0.1')).toBe('"S30.0.1" has no month 0: months run from 1 to 12');
    expect(explanation('1955-12-00')).toBe('"1955-12-00" has no day 0: days start at 1');
    expect(explanation('0000')).toBe('"0000" is not a year: there is no year 0');
  });
});

describe('formatEraDate', () => {
  it('writes the era form at the date’s precision', () => {
    expect(formatEraDate(month('1955-12-01'))).toBe('昭和30年12月');
    expect(formatEraDate(day('1989-01-08'))).toBe('平成元年1月8日');
    expect(formatEraDate(year('2020-01-01'))).toBe('令和2年');
    expect(formatEraDate(day('2019-05-01'))).toBe('令和元年5月1日');
  });

  it('writes a year or a month with an era change in the era of its greater part', () => {
    expect(formatEraDate(year('1989-01-01'))).toBe('平成元年');
    expect(formatEraDate(year('2019-01-01'))).toBe('令和元年');
    expect(formatEraDate(year('1926-01-01'))).toBe('大正15年');
    expect(formatEraDate(year('1912-01-01'))).toBe('明治45年');
    expect(formatEraDate(month('1989-01-01'))).toBe('平成元年1月');
    expect(formatEraDate(month('1926-12-01'))).toBe('大正15年12月');
  });

  it('writes periods that start before Meiji in Western form', () => {
    expect(formatEraDate(year('1868-01-01'))).toBe('1868年');
    expect(formatEraDate(day('1868-10-22'))).toBe('1868年10月22日');
    expect(formatEraDate(day('1868-10-23'))).toBe('明治元年10月23日');
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(() => formatEraDate({ date: '1955-12', precision: 'month' })).toThrow(/YYYY-MM-DD/);
  });

  it('is read back by parseRegisterDate for every day, month and year from 1868-10-23 to 2040', () => {
    const cursor = new Date(Date.UTC(1868, 9, 23));
    const end = Date.UTC(2040, 11, 31);
    let checked = 0;
    for (; cursor.getTime() <= end; cursor.setUTCDate(cursor.getUTCDate() + 1)) {
      const iso = cursor.toISOString().slice(0, 10);
      const samples = [day(iso)];
      if (iso.endsWith('-01')) samples.push(month(iso));
      if (iso.endsWith('-01-01')) samples.push(year(iso));
      for (const sample of samples) {
        const written = formatEraDate(sample);
        const read = parseRegisterDate(written);
        if (typeof read === 'string' || read.date !== sample.date || read.precision !== sample.precision) {
          expect.fail(`${JSON.stringify(sample)} was written as ${written} and read back as ${JSON.stringify(read)}`);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(62_000);
  });
});

describe('eraOf', () => {
  it('names the era in force on each side of every boundary', () => {
    expect(eraOf('1868-10-22')).toBeNull();
    for (const [index, era] of ERAS.entries()) {
      expect(eraOf(era.startsOn)?.name).toBe(era.name);
      if (era.endsOn) {
        expect(eraOf(era.endsOn)?.name).toBe(era.name);
        expect(eraOf(ERAS[index + 1]!.startsOn)?.name).not.toBe(era.name);
      }
    }
    expect(eraOf('2100-01-01')?.name).toBe('令和');
  });

  it('leaves no gap between eras', () => {
    for (const [index, era] of ERAS.slice(0, -1).entries()) {
      const next = new Date(`${era.endsOn}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      expect(next.toISOString().slice(0, 10)).toBe(ERAS[index + 1]!.startsOn);
    }
  });
});

describe('preciseDateFromDate', () => {
  it('takes the UTC day of the date exceljs delivers', () => {
    expect(preciseDateFromDate(new Date(Date.UTC(1955, 11, 7)))).toEqual(day('1955-12-07'));
    expect(preciseDateFromDate(new Date('2019-04-30T23:59:59Z'))).toEqual(day('2019-04-30'));
  });

  it('refuses an invalid Date', () => {
    expect(() => preciseDateFromDate(new Date('not a date'))).toThrow(RangeError);
  });
});
