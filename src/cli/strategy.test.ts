import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { kizuna } from '../../test/cli.js';
import { copyTemplateFolder, engineName } from '../../test/database.js';
import { newWorkbook } from '../workbooks.js';

interface Proposal {
  seeker: { id: number; name: { en: string }; country: string; jisCode: string | null };
  candidates: { rank: number; localGovernment: { id: number; country: string; jisCode: string | null }; score: number; reasons: { factor: string; points: number; text: string }[] }[];
}

/**
 * `kizuna strategy proposals` on the bootstrapped register, where no LG has a partner yet: its
 * outputs parsed. Each run reads the 230,000 places matchmaking ranks (ten seconds and more).
 */
describe.runIf(engineName === 'pglite')('kizuna strategy proposals', () => {
  let dataDir = '';
  let env: NodeJS.ProcessEnv = {};
  beforeAll(() => {
    dataDir = copyTemplateFolder(inject('databaseTemplate'));
    env = { KIZUNA_DATA_DIR: path.dirname(dataDir) };
  });
  afterAll(() => rmSync(path.dirname(dataDir), { recursive: true, force: true }));

  it('describes itself', () => {
    const { code, stdout } = kizuna(['strategy', 'proposals', '--help']);
    expect(code).toBe(0);
    for (const word of ['--prefecture', '--format', '--limit', '--cities', '--lang', '--output']) expect(stdout).toContain(word);
  });

  it('proposes places abroad for each LG of a prefecture, and its LGs for the great cities, as JSON', () => {
    const { code, stdout, stderr } = kizuna(['strategy', 'proposals', '--prefecture', 'okayama', '--format', 'json', '--cities', '20'], env);
    expect(code, stderr).toBe(0);
    const proposals = JSON.parse(stdout) as { prefecture: string; greatCities: number; forJapanese: Proposal[]; forGreatCities: Proposal[] };
    expect(proposals.prefecture).toBe('330001');
    expect(proposals.forJapanese.map((proposal) => proposal.seeker.name.en)).toEqual(expect.arrayContaining(['Ibara City', 'Okayama Prefecture']));
    for (const proposal of proposals.forJapanese) {
      expect(proposal.seeker.jisCode?.slice(0, 2)).toBe('33');
      expect(proposal.candidates).toHaveLength(3);
      expect(proposal.candidates.every((candidate) => candidate.localGovernment.country !== 'JP')).toBe(true);
      const scores = proposal.candidates.map((candidate) => candidate.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(proposal.candidates[0]!.reasons[0]!.text).not.toBe('');
    }
    expect(proposals.greatCities).toBe(20);
    expect(proposals.forGreatCities).toHaveLength(20);
    for (const proposal of proposals.forGreatCities) {
      expect(proposal.seeker.country).not.toBe('JP');
      for (const candidate of proposal.candidates) expect(candidate.localGovernment.jisCode?.slice(0, 2)).toBe('33');
    }
    expect(stderr).toMatch(/^Proposals for \d+ LGs without a partner abroad and 20 great cities \(prefecture 330001\) in [\d.]+ s/);
  }, 300_000);

  it('writes one row per candidate as CSV, and the same as XLSX in Japanese', async () => {
    const csv = kizuna(['strategy', 'proposals', '--prefecture', '33', '--cities', '5', '--limit', '2'], env);
    expect(csv.code, csv.stderr).toBe(0);
    const [header, ...rows] = parse(csv.stdout, { bom: true }) as string[][];
    expect(header).toEqual(['Proposals for', 'ID', 'For', 'Country', 'Rank', 'Candidate ID', 'Proposed partner', 'Its prefecture, state or province', 'Country', 'Score', 'Why']);
    expect(rows.filter((row) => row[2] === 'Ibara City').map((row) => row[4])).toEqual(['1', '2']);
    expect(rows.filter((row) => row[0] === 'a great city without a Japanese partner')).toHaveLength(10);
    const file = path.join(os.tmpdir(), `kizuna-proposals-${process.pid}.xlsx`);
    try {
      const xlsx = kizuna(['strategy', 'proposals', '--prefecture', '330001', '--cities', '5', '--limit', '2', '--format', 'xlsx', '--lang', 'ja', '--output', file], env);
      expect(xlsx.code, xlsx.stderr).toBe(0);
      const workbook = newWorkbook();
      await workbook.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.name).toBe('提携候補');
      expect(sheet.rowCount).toBe(rows.length + 1);
      expect(sheet.getRow(1).getCell(3).value).toBe('対象');
    } finally {
      rmSync(file, { force: true });
    }
  }, 300_000);

  it('refuses a prefecture that does not exist, saying how to name one', () => {
    const { code, stderr } = kizuna(['strategy', 'proposals', '--prefecture', 'atlantis'], env);
    expect(code).toBe(1);
    expect(stderr).toContain('There is no prefecture "atlantis"; give its JIS code (330001), number (33) or name (okayama).');
  });
});
