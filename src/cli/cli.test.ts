import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { kizuna, serveKizuna } from '../../test/cli.js';
import { copyTemplateFolder, engineName } from '../../test/database.js';


describe('kizuna --help', () => {
  it.each([
    [[], ['serve', 'migrate', 'bootstrap', 'import', 'search', 'stats', 'match', 'evaluate', 'fit', 'backup', 'restore']],
    [['restore'], ['--replace']],
    [['match'], ['--limit', '--weight', '--lang', '--json', 'network']],
    [['evaluate', 'matching'], ['--seed', '--json', 'leave-one-out']],
    [['fit', 'matching'], ['--seed', '--output']],
    [['serve'], ['--port', '--host', '--workers']],
    [['import', 'pairs'], ['--dry-run', '--report']],
    [['import', 'register'], ['--dry-run', '--report']],
    [['export', 'register'], ['--format', '--encoding', '--output']],
    [['search'], ['--country', '--kind', '--limit', '--json']],
  ])('describes kizuna %s', (command, words) => {
    const { code, stdout } = kizuna([...command, '--help']);
    expect(code).toBe(0);
    for (const word of words) expect(stdout).toContain(word);
  });

  it('refuses a seed that is not a number', () => {
    for (const seed of ['abc', '-1', '1.5']) {
      const { code, stderr } = kizuna(['evaluate', 'matching', '--seed', seed]);
      expect(code).not.toBe(0);
      expect(stderr).toContain('must be a whole number from 0 to 4294967295');
    }
  });

  it('refuses to serve with several workers on the embedded database, which one process alone may open', () => {
    const { code, stderr } = kizuna(['serve', '--workers', '2', '--port', '39498']);
    expect(code).toBe(1);
    expect(stderr).toContain('the embedded database (PGlite) can be opened by one process only. Set DATABASE_URL to a PostgreSQL server');
  });

  it('refuses a port that is not a number', () => {
    const { code, stderr } = kizuna(['serve', '--port', 'eighty']);
    expect(code).not.toBe(0);
    expect(stderr).toContain('must be a whole number from 1 to 65535');
  });
});

describe.runIf(engineName === 'pglite')('the CLI on a data folder', () => {
  let dataDir = '';
  let env: NodeJS.ProcessEnv = {};
  beforeAll(() => {
    dataDir = copyTemplateFolder(inject('databaseTemplate'));
    env = { KIZUNA_DATA_DIR: path.dirname(dataDir) };
  });
  afterAll(() => rmSync(path.dirname(dataDir), { recursive: true, force: true }));

  it('searches and prints one local government a line', () => {
    const { code, stdout } = kizuna(['search', '井原市', '--limit', '1'], env);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Ibara City\t井原市\tcity\tJP\t332071/);
  });

  // Each run builds the search index and reads 230,000 places (about 10 s), beside the rest of the suite.
  it('ranks partner candidates with their reasons, by name or id, and as JSON', () => {
    const { code, stdout } = kizuna(['match', '井原市', '--limit', '3'], env);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Ibara City: [\d,]+ candidates ranked, with listing \d+/);
    expect(stdout).toMatch(/\n {2}1\. .+ \(.+, id \d+\) {2}\d+\.\d/);
    expect(stdout).toContain('In a region Ibara City asks for: English-speaking countries');
    const json = kizuna(['match', 'Ibara', '--json', '--limit', '2', '--lang', 'ja', '--weight', 'population=10'], env);
    const report = JSON.parse(json.stdout) as { weights: { population: number }; candidates: { reasons: { text: string }[] }[] };
    expect(report.weights.population).toBe(10);
    expect(report.candidates).toHaveLength(2);
    expect(report.candidates[0]!.reasons.map((reason) => reason.text).join()).toContain('英語圏');
  }, 180_000);

  it('refuses a name that several places share, an unknown factor and a weight out of range', () => {
    const osaka = kizuna(['match', 'Osaka', '--limit', '1'], env).stderr;
    expect(osaka).toContain('"Osaka" could be any of: ');
    expect(osaka).toMatch(/\d+ Ōsaka City \(city, JP\)/);
    expect(osaka).toMatch(/\d+ Ōsaka Prefecture \(prefecture, JP\)/);
    expect(osaka).toContain('Give the id.');
    expect(kizuna(['match', 'Ibara', '--weight', 'charm=3'], env).stderr).toContain('unknown factor "charm"');
    const outOfRange = kizuna(['match', 'Ibara', '--weight', 'population=11'], env);
    expect(outOfRange.code).not.toBe(0);
    expect(outOfRange.stderr).toContain('w_population: write a number from 0 to 10');
  }, 180_000);

  it('refuses to import a file it cannot read, and a file that is not CSV, writing nothing', () => {
    const missing = kizuna(['import', 'pairs', '/no/such/file.csv'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Cannot read /no/such/file.csv: ENOENT');
    const notCsv = path.join(os.tmpdir(), `kizuna-not-csv-${process.pid}.csv`);
    writeFileSync(notCsv, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00]));
    const binary = kizuna(['import', 'pairs', notCsv], env);
    rmSync(notCsv);
    expect(binary.code).toBe(1);
    expect(binary.stderr).toContain('not UTF-8');
    expect(kizuna(['stats'], env).stdout).toContain('"international": 0');
  });

  it('imports a register sheet, reports its refused rows, and exports the register in the same form', () => {
    const sheet = path.join(os.tmpdir(), `kizuna-register-${process.pid}.csv`);
    const exported = path.join(os.tmpdir(), `kizuna-register-${process.pid}.xlsx`);
    writeFileSync(sheet, '都道府県,自治体名,国名,提携先自治体名,提携日,提携名称\n北海道,栗沢町,アメリカ合衆国,ポートランド市（オレゴン州）,平成元年,姉妹都市\n北海道,架空町,アメリカ合衆国,ポートランド市,平成元年,姉妹都市\n');
    try {
      const imported = kizuna(['import', 'register', sheet], env);
      expect(imported.code).toBe(0);
      expect(imported.stdout).toContain('rows: 2; added 1, updated 0, unchanged 0, refused 1');
      expect(imported.stdout).toContain('row 3, 自治体名: no local government called 架空町 in 北海道');
      const csv = kizuna(['export', 'register'], env);
      expect(csv.code).toBe(0);
      expect(csv.stdout).toContain('北海道,栗沢町,アメリカ合衆国,オレゴン州,ポートランド,平成元年,姉妹都市');
      const xlsx = kizuna(['export', 'register', '--format', 'xlsx', '--output', exported], env);
      expect(xlsx.code).toBe(0);
      expect(xlsx.stderr).toMatch(/kizuna-register-\d+\.xlsx: \d+ bytes/);
      expect(kizuna(['export', 'register', '--format', 'pdf'], env).stderr).toContain("Allowed choices are csv, xlsx");
    } finally {
      rmSync(sheet, { force: true });
      rmSync(exported, { force: true });
    }
  });

  // Reads 230,000 places and ranks each hidden partner among all of them (about 20 s here).
  it('evaluates matchmaking on the registry as it stands, as JSON a script can compare', () => {
    const pairs = path.join(os.tmpdir(), `kizuna-pairs-${process.pid}.csv`);
    writeFileSync(pairs, 'city1,country1,city2,country2\nKobe,Japan,Seattle,United States\nKobe,Japan,Marseille,France\nSapporo,Japan,Munich,Germany\nSendai,Japan,Dallas,United States\nKyoto,Japan,Paris,France\nKyoto,Japan,Boston,United States\nSeattle,United States,Marseille,France\n');
    try {
      expect(kizuna(['import', 'pairs', pairs], env).code).toBe(0);
    } finally {
      rmSync(pairs, { force: true });
    }
    const { code, stdout } = kizuna(['evaluate', 'matching', '--json', '--seed', '3'], env);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Record<'withinCountry' | 'allAbroad', { cases: number; rankers: Record<string, Record<string, number | number[]>> }> & { seed: number };
    expect(report.seed).toBe(3);
    for (const setting of [report.withinCountry, report.allAbroad]) {
      expect(setting.cases).toBeGreaterThanOrEqual(4);
      expect(Object.keys(setting.rankers)).toEqual(['kizuna', 'random', 'population', 'popularity', 'japanTies', 'commonNeighbours', 'adamicAdar']);
      for (const figures of Object.values(setting.rankers)) {
        for (const name of ['medianRankPercentile', 'mrr', 'recallAt10', 'recallAt50']) {
          expect(figures[name]).toBeGreaterThanOrEqual(0);
          expect(figures[name]).toBeLessThanOrEqual(100);
        }
        expect(Object.keys(figures.intervals!)).toEqual(['medianRankPercentile', 'mrr', 'recallAt10', 'recallAt50']);
      }
    }
    // The table the command prints without --json is evaluate.test.ts's, from the same report.
  }, 180_000);

  it('answers health checks once serving, and stops a second process on the same data folder at once, with a clear message', async () => {
    const server = await serveKizuna(['--port', '39499', '--host', '127.0.0.1'], env, 'Kizuna is serving');
    try {
      const second = kizuna(['search', 'Ibara'], env);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`is in use by another Kizuna process (pid ${server.process.pid})`);
      const page = await fetch('http://127.0.0.1:39499/api/search?q=Ibara');
      expect(((await page.json()) as { results: { jisCode: string }[] }).results[0]?.jisCode).toBe('332071');
      const ready = await fetch('http://127.0.0.1:39499/readyz');
      expect([ready.status, await ready.text()]).toEqual([200, 'ready\n']);
      expect((await fetch('http://127.0.0.1:39499/healthz')).status).toBe(200);
    } finally {
      await server.stop();
    }
    const afterwards = kizuna(['search', 'Ibara', '--limit', '1'], env);
    expect(afterwards.code).toBe(0);
    expect(afterwards.stdout).toContain('Ibara City');
  }, 180_000);
});
