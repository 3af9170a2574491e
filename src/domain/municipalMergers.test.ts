import { describe, expect, it } from 'vitest';
import { finalSuccessor, finalSuccessors, formerMunicipalities, parseMergers, readMunicipalityName, successorPaths, type Merger } from './municipalMergers.js';

const SOURCE = 'https://www.post.japanpost.jp/zipcode/merge/hokkaido.html';
const HEADER = 'prefecture,former,successor,changed_on,source';

/** A table of the given rows, each `prefecture,former,successor,changed_on`, with a source added. */
function table(...rows: string[]): string {
  return [HEADER, ...rows.map((row) => `${row},${SOURCE}`)].join('\n') + '\n';
}

/** The mergers of a table that must read without problems. */
function mergersOf(...rows: string[]): Merger[] {
  const { mergers, problems } = parseMergers(table(...rows));
  expect(problems).toEqual([]);
  return mergers;
}

describe('parseMergers', () => {
  it('reads 空知郡栗沢町 merging into 岩見沢市 on 平成18年3月27日', () => {
    const [merger, ...others] = mergersOf('北海道,空知郡栗沢町,岩見沢市,平成18年3月27日');
    expect(others).toEqual([]);
    expect(merger).toEqual({
      prefecture: '北海道',
      formerName: '栗沢町',
      formerDistrict: '空知郡',
      formerKind: 'town',
      formerWard: null,
      successorPrefecture: '北海道',
      successorName: '岩見沢市',
      successorDistrict: null,
      successorKind: 'city',
      successorWard: null,
      changedOn: { date: '2006-03-27', precision: 'day' },
      note: null,
      source: SOURCE,
      line: 2,
    });
  });

  it('reads the source files’ Japanese header and quoted fields, with a byte order mark', () => {
    const text =
      '\uFEFF"都道府県","変更前","変更後","変更日","典拠"\n' +
      `"北海道","静内郡静内町","日高郡新ひだか町","平成18年3月31日","${SOURCE}"\n` +
      `北海道,三石郡三石町,日高郡新ひだか町,平成18年3月31日,"${SOURCE}"\n`;
    const { mergers, problems } = parseMergers(text);
    expect(problems).toEqual([]);
    expect(mergers.map((merger) => [merger.formerDistrict, merger.formerName, merger.successorDistrict, merger.successorName, merger.line])).toEqual([
      ['静内郡', '静内町', '日高郡', '新ひだか町', 2],
      ['三石郡', '三石町', '日高郡', '新ひだか町', 3],
    ]);
  });

  it('keeps the city as the successor of a town that became part of a designated-city ward', () => {
    const [merger] = mergersOf('広島県,佐伯郡湯来町,広島市佐伯区,平成17年4月25日');
    expect(merger).toMatchObject({ successorName: '広島市', successorKind: 'city', successorWard: '佐伯区', successorDistrict: null });
  });

  it('reads a successor in another prefecture, and a former written with its own prefecture', () => {
    const [crossing, prefixed] = mergersOf('長野県,木曽郡山口村,岐阜県中津川市,平成17年2月13日', '栃木県,栃木県下都賀郡岩舟町,栃木市,平成26年4月5日');
    expect(crossing).toMatchObject({ prefecture: '長野県', formerName: '山口村', successorPrefecture: '岐阜県', successorName: '中津川市' });
    expect(prefixed).toMatchObject({ prefecture: '栃木県', formerDistrict: '下都賀郡', formerName: '岩舟町', successorPrefecture: '栃木県' });
  });

  it('splits districts and names that themselves contain 郡, 県 or 市', () => {
    const mergers = mergersOf(
      '岐阜県,郡上郡八幡町,郡上市,平成16年3月1日',
      '鹿児島県,日置郡郡山町,鹿児島市,平成16年11月1日',
      '宮崎県,西諸県郡須木村,小林市,平成18年3月20日',
      '山梨県,西八代郡市川大門町,西八代郡市川三郷町,平成17年10月1日',
    );
    expect(mergers.map((merger) => [merger.formerDistrict, merger.formerName, merger.successorDistrict, merger.successorName])).toEqual([
      ['郡上郡', '八幡町', null, '郡上市'],
      ['日置郡', '郡山町', null, '鹿児島市'],
      ['西諸県郡', '須木村', null, '小林市'],
      ['西八代郡', '市川大門町', '西八代郡', '市川三郷町'],
    ]);
  });

  it('gives one merger for each town of a row that names several', () => {
    const mergers = mergersOf('長崎県,西彼杵郡香焼町・伊王島町・高島町,長崎市,平成17年1月4日');
    expect(mergers.map((merger) => [merger.formerDistrict, merger.formerName, merger.successorName, merger.line])).toEqual([
      ['西彼杵郡', '香焼町', '長崎市', 2],
      ['西彼杵郡', '伊王島町', '長崎市', 2],
      ['西彼杵郡', '高島町', '長崎市', 2],
    ]);
  });

  it('drops a row that repeats an earlier one exactly', () => {
    const mergers = mergersOf('福岡県,宗像郡福間町・津屋崎町,福津市,平成17年1月24日', '福岡県,宗像郡福間町・津屋崎町,福津市,平成17年1月24日');
    expect(mergers.map((merger) => merger.formerName)).toEqual(['福間町', '津屋崎町']);
  });

  it('keeps a remark in brackets as a note, apart from the name', () => {
    const [merger] = mergersOf('山梨県,西八代郡上九一色村（分村：梯・古関）,甲府市,平成18年3月1日');
    expect(merger).toMatchObject({ formerName: '上九一色村', formerDistrict: '西八代郡', successorName: '甲府市', note: '分村：梯・古関' });
  });

  it('reads dates without their final 日 and Western dates', () => {
    const mergers = mergersOf('愛知県,北設楽郡稲武町,東加茂郡稲武町,平成15年10月1', '兵庫県,篠山市,丹波篠山市,2019年5月1日');
    expect(mergers.map((merger) => merger.changedOn)).toEqual([
      { date: '2003-10-01', precision: 'day' },
      { date: '2019-05-01', precision: 'day' },
    ]);
  });

  it('leaves out malformed lines and says what is wrong with each', () => {
    const text = [
      HEADER,
      `北海道,空知郡栗沢町,岩見沢市,平成18年3月27日,${SOURCE}`,
      `北海道,空知郡北村,岩見沢市,${SOURCE}`,
      `北海道,空知郡北村,岩見沢市,平成31年5月1日,${SOURCE}`,
      `北海道,空知郡北村,,平成18年3月27日,${SOURCE}`,
      `北海道,空知郡北村,岩見沢,平成18年3月27日,${SOURCE}`,
      `北海道,空知郡北村・栗沢町,岩見沢市・美唄市,平成18年3月27日,${SOURCE}`,
      `蝦夷県,空知郡北村,岩見沢市,平成18年3月27日,${SOURCE}`,
      `北海道,青森県北村,岩見沢市,平成18年3月27日,${SOURCE}`,
      `北海道,"空知郡"北村",岩見沢市,平成18年3月27日,${SOURCE}`,
      `北海道,空知郡北村,岩見沢市,平成18年3月27日,${SOURCE}`,
    ].join('\n');
    const { mergers, problems } = parseMergers(text);
    expect(mergers.map((merger) => merger.line)).toEqual([2, 11]);
    expect(problems).toEqual([
      { line: 3, message: 'has 4 fields where the header has 5' },
      {
        line: 4,
        message:
          'changed_on: "平成31年5月1日" is not a day of the Heisei era: Heisei ended on 30 April 2019 (令和元年5月1日 began the Reiwa era)',
      },
      { line: 5, message: 'successor is empty' },
      { line: 6, message: 'successor "岩見沢" is not the name of a municipality: it should end in 市, 町, 村 or 区' },
      { line: 7, message: 'successor "岩見沢市・美唄市" names 2 municipalities where one is expected' },
      { line: 8, message: 'prefecture "蝦夷県" is not one of Japan\'s 47 prefectures' },
      { line: 9, message: 'former "青森県北村" lies in 青森県, not in the row\'s prefecture 北海道' },
      { line: 10, message: expect.stringMatching(/^is not valid CSV: /) },
    ]);
  });

  it('refuses a table without the expected header', () => {
    expect(parseMergers('a,b,c\n1,2,3\n')).toEqual({
      mergers: [],
      problems: [{ line: 1, message: 'the header must be prefecture,former,successor,changed_on,source (or 都道府県,変更前,変更後,変更日,典拠)' }],
    });
    expect(parseMergers('').problems).toHaveLength(1);
  });
});

describe('readMunicipalityName', () => {
  it('takes a name apart into prefecture, district, municipality, ward and note', () => {
    expect(readMunicipalityName('北海道日高郡新ひだか町')).toEqual({
      prefecture: '北海道',
      district: '日高郡',
      name: '新ひだか町',
      kind: 'town',
      ward: null,
      note: null,
    });
    expect(readMunicipalityName('さいたま市岩槻区')).toMatchObject({ name: 'さいたま市', kind: 'city', ward: '岩槻区' });
    expect(readMunicipalityName('千代田区')).toMatchObject({ name: '千代田区', kind: 'ward', ward: null });
    expect(readMunicipalityName('四日市市')).toMatchObject({ name: '四日市市', kind: 'city', district: null });
    expect(readMunicipalityName('倉石村')).toMatchObject({ name: '倉石村', kind: 'village', district: null });
    expect(readMunicipalityName('南巨摩郡南部町（旧富沢町域のみ掲載）')).toMatchObject({ district: '南巨摩郡', name: '南部町', note: '旧富沢町域のみ掲載' });
  });
});

describe('successorPaths and finalSuccessor', () => {
  const mergers = mergersOf(
    '北海道,静内郡静内町,日高郡新ひだか町,平成18年3月31日',
    '北海道,空知郡栗沢町,岩見沢市,平成18年3月27日',
    // A made-up chain: 甲町 into 乙町 in 2005, 乙町 into 丙市 in 2006.
    '北海道,空知郡甲町,空知郡乙町,平成17年4月1日',
    '北海道,空知郡乙町,丙市,平成18年4月1日',
    // A district move, then a merger.
    '愛知県,北設楽郡稲武町,東加茂郡稲武町,平成15年10月1日',
    '愛知県,東加茂郡稲武町,豊田市,平成17年4月1日',
    // A new town named after one of the towns that formed it.
    '岐阜県,揖斐郡揖斐川町,揖斐郡揖斐川町,平成17年1月31日',
    '岐阜県,揖斐郡谷汲村,揖斐郡揖斐川町,平成17年1月31日',
    // Three villages of one name in different districts.
    '群馬県,吾妻郡東村,吾妻郡東吾妻町,平成18年3月27日',
    '群馬県,勢多郡東村,みどり市,平成18年3月27日',
    '群馬県,佐波郡東村,伊勢崎市,平成17年1月1日',
    // A village split between two municipalities.
    '山梨県,西八代郡上九一色村（分村：富士ケ嶺・本栖・精進）,南都留郡富士河口湖町,平成18年3月1日',
    '山梨県,西八代郡上九一色村（分村：梯・古関）,甲府市,平成18年3月1日',
    // A cycle no real table has: each change on the same day as the one before.
    '北海道,空知郡丁町,空知郡戊町,平成18年3月27日',
    '北海道,空知郡戊町,空知郡丁町,平成18年3月27日',
    // A town into a designated-city ward, and across a prefectural border.
    '広島県,佐伯郡湯来町,広島市佐伯区,平成17年4月25日',
    '長野県,木曽郡山口村,岐阜県中津川市,平成17年2月13日',
  );

  it('leads 静内町 to 新ひだか町 and 栗沢町 to 岩見沢市', () => {
    expect(finalSuccessor(mergers, '北海道', '静内町')).toEqual({ prefecture: '北海道', district: '日高郡', name: '新ひだか町', kind: 'town' });
    expect(finalSuccessor(mergers, '北海道', '静内郡静内町')?.name).toBe('新ひだか町');
    expect(finalSuccessor(mergers, '北海道', '栗沢町')).toEqual({ prefecture: '北海道', district: null, name: '岩見沢市', kind: 'city' });
  });

  it('follows a town through later mergers to the municipality of today', () => {
    const [path, ...others] = successorPaths(mergers, '北海道', '甲町');
    expect(others).toEqual([]);
    expect(path?.steps.map((step) => `${step.formerName}→${step.successorName}`)).toEqual(['甲町→乙町', '乙町→丙市']);
    expect(path?.today.name).toBe('丙市');
    expect(finalSuccessor(mergers, '北海道', '乙町')?.name).toBe('丙市');
  });

  it('follows a town that changed district and then merged, from either district', () => {
    expect(successorPaths(mergers, '愛知県', '稲武町').map((path) => path.steps.length)).toEqual([2]);
    expect(finalSuccessor(mergers, '愛知県', '稲武町')?.name).toBe('豊田市');
    expect(finalSuccessor(mergers, '愛知県', '北設楽郡稲武町')?.name).toBe('豊田市');
    expect(successorPaths(mergers, '愛知県', '東加茂郡稲武町').map((path) => path.steps.length)).toEqual([1]);
  });

  it('ends at a new municipality that kept the name of an old one instead of looping', () => {
    expect(finalSuccessor(mergers, '岐阜県', '揖斐川町')).toMatchObject({ name: '揖斐川町', district: '揖斐郡' });
    expect(successorPaths(mergers, '岐阜県', '谷汲村').map((path) => path.steps.length)).toEqual([1]);
  });

  it('guards against a cycle of changes', () => {
    const paths = successorPaths(mergers, '北海道', '丁町');
    expect(paths.map((path) => path.steps.length)).toEqual([1]);
    expect(paths[0]?.today.name).toBe('戊町');
  });

  it('gives no single answer for a name shared by villages of different districts, unless the district is given', () => {
    expect(finalSuccessors(mergers, '群馬県', '東村').map((municipality) => municipality.name)).toEqual(['東吾妻町', 'みどり市', '伊勢崎市']);
    expect(finalSuccessor(mergers, '群馬県', '東村')).toBeNull();
    expect(finalSuccessor(mergers, '群馬県', '勢多郡東村')?.name).toBe('みどり市');
  });

  it('gives both municipalities a split village went to', () => {
    expect(finalSuccessors(mergers, '山梨県', '上九一色村').map((municipality) => municipality.name)).toEqual(['富士河口湖町', '甲府市']);
    expect(finalSuccessor(mergers, '山梨県', '上九一色村')).toBeNull();
  });

  it('leads a town that joined a designated-city ward to the city, and across a prefectural border', () => {
    expect(finalSuccessor(mergers, '広島県', '湯来町')).toEqual({ prefecture: '広島県', district: null, name: '広島市', kind: 'city' });
    expect(finalSuccessor(mergers, '長野県', '山口村')).toEqual({ prefecture: '岐阜県', district: null, name: '中津川市', kind: 'city' });
  });

  it('has no answer for a municipality the table records no change of', () => {
    expect(successorPaths(mergers, '北海道', '岩見沢市')).toEqual([]);
    expect(finalSuccessor(mergers, '北海道', '札幌市')).toBeNull();
    expect(finalSuccessor(mergers, '青森県', '静内町')).toBeNull();
  });
});

describe('formerMunicipalities', () => {
  const table = [
    'prefecture,former,successor,changed_on,source',
    '北海道,空知郡栗沢町,岩見沢市,平成18年3月27日,x',
    '北海道,空知郡北村,岩見沢市,平成18年3月27日,x',
    '岩手県,胆沢郡胆沢町,奥州市,平成18年2月20日,x',
    '岩手県,水沢市,奥州市,平成18年2月20日,x',
    '愛知県,愛知郡長久手町,長久手市,平成24年1月4日,x',
    '群馬県,新田郡新田町,太田市,平成17年3月28日,x',
    '静岡県,A郡甲町,乙町,平成15年4月1日,x',
    '静岡県,乙町,丙市,平成17年4月1日,x',
  ].join('\n');
  const formers = formerMunicipalities(parseMergers(table).mergers);
  const byName = new Map(formers.map((former) => [former.name, former]));

  it('leads each former municipality to the one it lives on in today, with the day it ceased', () => {
    expect(byName.get('栗沢町')).toMatchObject({ prefecture: '北海道', district: '空知郡', kind: 'town', mergedOn: '2006-03-27', successor: { name: '岩見沢市' } });
    expect(byName.get('甲町')).toMatchObject({ mergedOn: '2003-04-01', successor: { name: '丙市' } });
  });

  it('leaves out a town that only became a city of its own name', () => {
    expect(byName.has('長久手町')).toBe(false);
  });
});
