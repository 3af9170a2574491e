import { describe, expect, it } from 'vitest';
import { diceSimilarity, trigramSimilarity, trigramsOf } from './trigrams.js';

describe('trigrams', () => {
  it('pads each word as pg_trgm does', () => {
    expect(trigramsOf('ibara')).toEqual(['  i', ' ib', 'iba', 'bar', 'ara', 'ra ']);
    expect(trigramsOf('st ives')).toContain(' st');
    expect(trigramsOf('井原')).toEqual(['  井', ' 井原', '井原 ']);
  });

  it('measures how alike two spellings are', () => {
    const glasgo = trigramsOf('glasgo');
    const glasgow = trigramsOf('glasgow');
    const shared = glasgo.filter((gram) => glasgow.includes(gram)).length;
    expect(trigramSimilarity(shared, glasgo.length, glasgow.length)).toBeCloseTo(6 / 9, 5);
    expect(diceSimilarity('glasgo', 'glasgow')).toBeCloseTo(12 / 15, 5);
    expect(diceSimilarity('osaka', 'osaka')).toBe(1);
    expect(diceSimilarity('osaka', 'berat')).toBe(0);
  });
});
