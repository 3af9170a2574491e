import { describe, expect, it } from 'vitest';
import { trustedReading, type AnalysedWord } from './placeReadings.js';

const word = (surface: string, reading: string | undefined, detail = '固有名詞', partOfSpeech = '名詞'): AnalysedWord => ({ surface, reading, partOfSpeech, detail });

describe('trustedReading', () => {
  it('reads a name the dictionary knows as proper nouns, in kana and Hepburn', () => {
    expect(trustedReading('栗沢', [word('栗沢', 'クリサワ')])).toEqual({ kana: 'くりさわ', romaji: 'Kurisawa' });
    expect(trustedReading('東藻琴', [word('東藻琴', 'ヒガシモコト')])).toEqual({ kana: 'ひがしもこと', romaji: 'Higashimokoto' });
  });

  it('gives no reading when a word is no proper noun, unknown, or the words do not cover the name', () => {
    expect(trustedReading('三石', [word('三', 'サン', '数'), word('石', 'セキ', '接尾')])).toBeNull();
    expect(trustedReading('上紋別', [word('上', 'ウエ', '一般'), word('紋別', 'モンベツ')])).toBeNull();
    expect(trustedReading('藻別', [word('藻別', undefined)])).toBeNull();
    expect(trustedReading('栗沢', [word('栗', 'クリ')])).toBeNull();
    expect(trustedReading('', [])).toBeNull();
  });
});
