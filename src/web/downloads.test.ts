import { describe, expect, it } from 'vitest';
import { csvResponse } from './downloads.js';

describe('CSV downloads', () => {
  it('start with a byte-order mark and end lines with CRLF', async () => {
    const bytes = new Uint8Array(await csvResponse('x.csv', ['name', 'count'], [['井原市', 1], ['=1+1', 2]]).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).toBe("name,count\r\n井原市,1\r\n'=1+1,2\r\n");
  });
});
