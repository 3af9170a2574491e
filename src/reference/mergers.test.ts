import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { finalSuccessor } from '../domain/municipalMergers.js';
import { MUNICIPAL_MERGERS_FILE, loadMunicipalMergers } from './mergers.js';

describe('loadMunicipalMergers', () => {
  const mergers = loadMunicipalMergers();

  it('ships the 1,800 rows of the 47 source files, one a line after the header', () => {
    const lines = readFileSync(MUNICIPAL_MERGERS_FILE, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('prefecture,former,successor,changed_on,source');
    expect(lines).toHaveLength(1 + 1800);
  });

  it('reads every row of the shipped table', () => {
    // 1,800 rows in the 47 source files (wc -l less one header each); four rows name several
    // towns (+5 mergers) and one repeats the row before it (-2).
    expect(mergers).toHaveLength(1803);
    expect(new Set(mergers.map((merger) => merger.line)).size).toBe(1799);
  });

  it('leads 静内町 of Hokkaidō to 新ひだか町', () => {
    expect(finalSuccessor(mergers, '北海道', '静内町')).toEqual({ prefecture: '北海道', district: '日高郡', name: '新ひだか町', kind: 'town' });
  });

  it('has 空知郡栗沢町 merging into 岩見沢市 on 27 March 2006', () => {
    expect(mergers.find((merger) => merger.formerName === '栗沢町')).toMatchObject({
      prefecture: '北海道',
      formerDistrict: '空知郡',
      successorName: '岩見沢市',
      changedOn: { date: '2006-03-27', precision: 'day' },
    });
  });

  it('is read once', () => {
    expect(loadMunicipalMergers()).toBe(mergers);
  });
});
