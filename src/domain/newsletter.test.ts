import { describe, expect, it } from 'vitest';
import { anniversaryWithin, periodCovering, spanOf } from './newsletter.js';

describe('spanOf', () => {
  it('gives the days a year, a month or a day stands for', () => {
    expect(spanOf('1990')).toEqual({ first: '1990-01-01', last: '1990-12-31' });
    expect(spanOf('2024-02')).toEqual({ first: '2024-02-01', last: '2024-02-29' });
    expect(spanOf('2023-02')).toEqual({ first: '2023-02-01', last: '2023-02-28' });
    expect(spanOf('1955-12-07')).toEqual({ first: '1955-12-07', last: '1955-12-07' });
  });
});

describe('anniversaryWithin', () => {
  it('finds an anniversary on its day within the period, and none on the day after the period', () => {
    expect(anniversaryWithin('1955-12-07', '2025-11-01', '2025-12-31')).toEqual({ years: 70, on: '2025-12-07' });
    expect(anniversaryWithin('1955-12-07', '2025-11-01', '2025-12-06')).toBeNull();
    expect(anniversaryWithin('1955-12-07', '2025-12-07', '2025-12-07')).toEqual({ years: 70, on: '2025-12-07' });
  });

  it('counts a relationship dated by its month when the month meets the period, and by its year when the year does', () => {
    expect(anniversaryWithin('2000-04', '2025-04-30', '2025-06-30')).toEqual({ years: 25, on: '2025-04' });
    expect(anniversaryWithin('2000-04', '2025-05-01', '2025-06-30')).toBeNull();
    expect(anniversaryWithin('1995', '2025-11-01', '2025-12-31')).toEqual({ years: 30, on: '2025' });
  });

  it('marks only the years worth marking, across a period that spans two years', () => {
    expect(anniversaryWithin('2001-01-15', '2025-12-01', '2026-01-31')).toEqual({ years: 25, on: '2026-01-15' });
    expect(anniversaryWithin('2002-06-01', '2025-01-01', '2025-12-31')).toBeNull();
  });

  it('moves 29 February to 28 February in a year without it', () => {
    expect(anniversaryWithin('1996-02-29', '2026-02-01', '2026-03-31')).toEqual({ years: 30, on: '2026-02-28' });
    expect(anniversaryWithin('2004-02-29', '2024-02-01', '2024-03-31')).toEqual({ years: 20, on: '2024-02-29' });
  });
});

describe('periodCovering', () => {
  it('gives the two months of a bi-monthly issue', () => {
    expect(periodCovering('2026-12-07')).toEqual({ from: '2026-11-01', to: '2026-12-31' });
    expect(periodCovering('2024-02-10')).toEqual({ from: '2024-01-01', to: '2024-02-29' });
  });
});
