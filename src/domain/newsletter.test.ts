import { describe, expect, it } from 'vitest';
import { anniversaryIn } from './anniversaries.js';
import { fallsWithin, periodCovering } from './newsletter.js';

describe('fallsWithin', () => {
  it('counts an anniversary on its day within the period, and not on the day after the period', () => {
    const seventy = anniversaryIn('1955-12-07', 'day', 2025)!;
    expect(fallsWithin(seventy, '2025-11-01', '2025-12-31')).toBe(true);
    expect(fallsWithin(seventy, '2025-11-01', '2025-12-06')).toBe(false);
    expect(fallsWithin(seventy, '2025-12-07', '2025-12-07')).toBe(true);
    expect(fallsWithin(seventy, '2025-12-08', '2025-12-31')).toBe(false);
  });

  it('counts a relationship dated by its month when the month meets the period, and by its year when the year does', () => {
    const byMonth = anniversaryIn('2000-04', 'month', 2025)!;
    expect(fallsWithin(byMonth, '2025-04-30', '2025-06-30')).toBe(true);
    expect(fallsWithin(byMonth, '2025-05-01', '2025-06-30')).toBe(false);
    expect(fallsWithin(anniversaryIn('1995', 'year', 2025)!, '2025-11-01', '2025-12-31')).toBe(true);
  });
});

describe('periodCovering', () => {
  it('gives the two months of a bi-monthly issue', () => {
    expect(periodCovering('2026-12-07')).toEqual({ from: '2026-11-01', to: '2026-12-31' });
    expect(periodCovering('2024-02-10')).toEqual({ from: '2024-01-01', to: '2024-02-29' });
  });
});
