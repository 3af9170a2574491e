import { describe, expect, it } from 'vitest';
import { inJapaneseKanji } from './japaneseKanji.js';

describe('inJapaneseKanji', () => {
  it('writes Chinese simplified and Taiwanese traditional names in Japanese kanji', () => {
    expect(inJapaneseKanji('CN', '大连')).toBe('大連');
    expect(inJapaneseKanji('CN', '辽宁省')).toBe('遼寧省');
    expect(inJapaneseKanji('TW', '臺北')).toBe('台北');
  });

  it('leaves names of other countries and names not wholly in kanji as they are', () => {
    expect(inJapaneseKanji('KR', '釜山')).toBe('釜山');
    expect(inJapaneseKanji('CN', 'ダーリエン')).toBe('ダーリエン');
    expect(inJapaneseKanji('CN', 'Dalian')).toBe('Dalian');
  });
});
