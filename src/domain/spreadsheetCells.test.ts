import { describe, expect, it } from 'vitest';
import { inert } from './spreadsheetCells.js';

describe('inert', () => {
  it('makes cells that a spreadsheet would run as formulas inert', () => {
    expect(inert('=HYPERLINK("http://example.com")')).toBe(`'=HYPERLINK("http://example.com")`);
    expect(inert('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(inert('-2+3')).toBe(`'-2+3`);
    expect(inert('Ibara City')).toBe('Ibara City');
    expect(inert(-5)).toBe(-5);
  });
});
