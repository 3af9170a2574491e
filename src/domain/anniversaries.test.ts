import { describe, expect, it } from 'vitest';
import { anniversaryIn } from './anniversaries.js';

describe('anniversaryIn', () => {
  it('marks every five years up to 30, then every ten', () => {
    expect(anniversaryIn('1955-12-07', 2025)).toBe(70);
    expect(anniversaryIn('2001-04-01', 2026)).toBe(25);
    expect(anniversaryIn('1991-04-01', 2026)).toBeNull();
    expect(anniversaryIn('1986', 2026)).toBe(40);
    expect(anniversaryIn('2026-01-01', 2026)).toBeNull();
  });
});
