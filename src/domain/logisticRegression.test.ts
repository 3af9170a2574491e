import { describe, expect, it } from 'vitest';
import { fitPairwise } from './logisticRegression.js';

/** Rows of two features from pairs: the partner minus another candidate. */
const rows = (pairs: [number, number][]) => Float64Array.from(pairs.flat());

describe('logistic regression on pairs', () => {
  it('weighs the feature that tells partners apart, and not one that does not', () => {
    // The first feature is higher for the partner in 8 pairs of 10; the second goes either way as often.
    const pairs: [number, number][] = [];
    for (let i = 0; i < 20; i++) pairs.push([i < 16 ? 1 : -1, i % 2 ? 0.5 : -0.5]);
    const [telling, noise] = fitPairwise(rows(pairs), 2);
    expect(telling).toBeGreaterThan(1);
    expect(Math.abs(noise!)).toBeLessThan(0.05);
  });

  it('never gives a feature a weight below 0: one that counts against partners is left out', () => {
    const pairs: [number, number][] = [];
    for (let i = 0; i < 20; i++) pairs.push([i < 16 ? 1 : -1, i < 16 ? -1 : 1]);
    const [good, bad] = fitPairwise(rows(pairs), 2);
    expect(good).toBeGreaterThan(0);
    expect(bad).toBe(0);
  });

  it('keeps the weights finite when the pairs are separated perfectly', () => {
    const [weight] = fitPairwise(rows([[1, 0], [0.5, 0], [2, 0]]), 2);
    expect(Number.isFinite(weight)).toBe(true);
    expect(weight).toBeGreaterThan(0);
  });
});
