import { describe, expect, it } from 'vitest';
import { csvResponse, inert } from './downloads.js';

describe('CSV downloads', () => {
  it('make cells that a spreadsheet would run as formulas inert', () => {
    expect(inert('=HYPERLINK("http://example.com")')).toBe(`'=HYPERLINK("http://example.com")`);
    expect(inert('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(inert('-2+3')).toBe(`'-2+3`);
    expect(inert('Ibara City')).toBe('Ibara City');
    expect(inert(-5)).toBe(-5);
  });

  it('start with a byte-order mark and end lines with CRLF', async () => {
    const bytes = new Uint8Array(await csvResponse('x.csv', ['name', 'count'], [['井原市', 1], ['=1+1', 2]]).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).toBe("name,count\r\n井原市,1\r\n'=1+1,2\r\n");
  });
});
