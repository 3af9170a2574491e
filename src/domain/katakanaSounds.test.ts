import { describe, expect, it } from 'vitest';
import { closestBySound, soundKeys } from './katakanaSounds.js';

const named = (...names: string[]) => names.map((name) => ({ names: [name] }));
const US_STATES = named(
  'Oregon', 'California', 'Washington', 'New York', 'Hawaii', 'Texas', 'Kansas', 'Arkansas', 'Maine', 'Minnesota',
  'Virginia', 'West Virginia', 'Vermont', 'Georgia', 'New Jersey', 'North Carolina', 'South Carolina', 'Ohio', 'Iowa',
);

describe('katakana names by sound', () => {
  it('gives katakana and the Latin spelling the same key', () => {
    expect(soundKeys('oregon')).toEqual(soundKeys('oregon'));
    expect(soundKeys('kariforunia')[0]).toBe(soundKeys('california')[0]);
    // The r that katakana drops after a vowel is dropped in the second key only.
    expect(soundKeys('new york')).toEqual(['nrk', 'nk']);
  });

  it('finds the state a katakana name stands for', () => {
    const found = (katakana: string) => closestBySound(katakana, US_STATES)?.names[0] ?? null;
    expect(found('オレゴン')).toBe('Oregon');
    expect(found('カリフォルニア')).toBe('California');
    expect(found('ワシントン')).toBe('Washington');
    expect(found('ニューヨーク')).toBe('New York');
    expect(found('ハワイ')).toBe('Hawaii');
    expect(found('バーモント')).toBe('Vermont');
    expect(found('ウェストバージニア')).toBe('West Virginia');
    expect(found('バージニア')).toBe('Virginia');
    expect(found('ノースカロライナ')).toBe('North Carolina');
    expect(found('オハイオ')).toBe('Ohio');
  });

  it('tells apart names that differ by a sound katakana keeps', () => {
    expect(closestBySound('アーカンソー', US_STATES)?.names[0]).toBe('Arkansas');
    expect(closestBySound('カンザス', US_STATES)?.names[0]).toBe('Kansas');
  });

  it('answers nothing rather than a guess', () => {
    expect(closestBySound('ロンドン', US_STATES)).toBeNull();
    // Two candidates as near as each other: neither.
    expect(closestBySound('カンザス', named('Kansas', 'Kanzas'))).toBeNull();
    // Short keys must match exactly.
    expect(closestBySound('ユタ', named('Utah'))).toBeNull();
    expect(closestBySound('', US_STATES)).toBeNull();
  });
});
