import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { kizuna } from '../../test/cli.js';

// Embedded databases in folders of their own: the CLI's own backup and restore, gzip included.
// Each run opens (and first creates) an embedded database in a fresh process: tens of seconds on a busy machine.
describe('kizuna backup and kizuna restore', { timeout: 180_000 }, () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'kizuna-backup-cli-'));
  const env = (name: string) => ({ KIZUNA_DATA_DIR: path.join(folder, name) });
  const file = path.join(folder, 'register.backup.gz');
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('writes a gzipped backup, refuses to overwrite it, and restores it into an empty folder', () => {
    const written = kizuna(['backup', file], env('source'));
    expect(written.stderr).toMatch(/Backup written to .*register\.backup\.gz: \d+ tables, 0 rows, schema \d+/);
    expect(written.code).toBe(0);
    expect(existsSync(`${file}.partial`)).toBe(false);
    const header = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8').split('\n')[0]!) as { kizuna: string; engine: string };
    expect(header).toMatchObject({ kizuna: 'backup', engine: 'pglite' });

    const again = kizuna(['backup', file], env('source'));
    expect([again.code, again.stderr]).toEqual([1, `kizuna: ${file} exists already; give --force to overwrite it.\n`]);

    const restored = kizuna(['restore', file], env('target'));
    expect(restored.stderr).toContain("every table's checksum matches the file");
    expect(restored.code).toBe(0);
  });

  it('refuses a file that is not a backup, and one that is missing', () => {
    const notGzip = path.join(folder, 'notes.txt');
    writeFileSync(notGzip, 'not a backup\n');
    const refused = kizuna(['restore', notGzip], env('other'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not a whole Kizuna backup');
    expect(refused.stderr).toContain('Nothing was restored.');
    const missing = kizuna(['restore', path.join(folder, 'nowhere.gz')], env('other'));
    expect([missing.code, missing.stderr]).toEqual([1, `kizuna: Cannot read ${path.join(folder, 'nowhere.gz')}: there is no such file.\n`]);
  });
});
