import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_ENTRY } from '../../test/cli.js';
import { loadWorldPlaces } from '../reference/places.js';
import { readFurtherPlaces } from './bootstrap.js';
import { readFurtherPlacesAside } from './referenceReader.js';

const made: string[] = [];
afterAll(() => {
  for (const folder of made) rmSync(folder, { recursive: true, force: true });
});
const entry = pathToFileURL(CLI_ENTRY);

describe('readFurtherPlacesAside: a first start works out the regions and towns in a worker thread', () => {
  it('starts no thread for PostgreSQL, an in-memory database or a data folder that exists', () => {
    // A data folder PGlite has made holds PG_VERSION.
    const existing = mkdtempSync(path.join(os.tmpdir(), 'kizuna-existing-'));
    made.push(existing);
    writeFileSync(path.join(existing, 'PG_VERSION'), '17\n');
    expect(readFurtherPlacesAside({ databaseUrl: 'postgres://kizuna@localhost/kizuna' }, entry)).toBeUndefined();
    expect(readFurtherPlacesAside({ dataDir: 'memory://' }, entry)).toBeUndefined();
    expect(readFurtherPlacesAside({ dataDir: existing }, entry)).toBeUndefined();
  });

  it('hands over, for a data folder not yet made, the very regions and towns the main thread would work out', async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'kizuna-first-'));
    made.push(parent);
    const aside = readFurtherPlacesAside({ dataDir: path.join(parent, 'db') }, entry);
    expect(aside).toBeDefined();
    const [fromThread, here] = [await aside!, readFurtherPlaces(loadWorldPlaces())];
    expect(fromThread.supplementary.length).toBeGreaterThan(30_000);
    expect(fromThread.regions.list.length).toBeGreaterThan(1_500);
    expect(fromThread).toEqual(here);
  }, 120_000);
});
