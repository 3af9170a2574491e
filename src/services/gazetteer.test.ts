import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openTestDatabase } from '../../test/database.js';
import type { Database } from '../db/client.js';
import { loadGazetteer } from './gazetteer.js';
import { searchVersion } from './searchIndex.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase(inject('databaseTemplate'));
});
afterAll(() => database.close());

describe('the gazetteer loaded for some names', () => {
  it('finds those names as the whole gazetteer does, with the regions, and refuses to answer for others', async () => {
    const version = await searchVersion(database.db);
    const whole = await loadGazetteer(database.db, version);
    const partial = await loadGazetteer(database.db, version, ['Portland', 'ケルン', 'オレゴン']);
    const ids = (found: { id: number }[]) => found.map((place) => place.id).sort((a, b) => a - b);
    expect(ids(partial.candidates('US', ['Portland']))).toEqual(ids(whole.candidates('US', ['Portland'])));
    expect(partial.candidates('US', ['Portland']).length).toBeGreaterThan(5);
    expect(ids(partial.candidates('DE', ['ケルン']))).toEqual(ids(whole.candidates('DE', ['ケルン'])));
    expect(partial.firstLevelRegion('US', ['オレゴン'])?.regionName).toBe('Oregon');
    expect(() => partial.candidates('US', ['Seattle'])).toThrow('loaded for other names');
    expect(() => partial.near('US', 45.5, -122.7, 10)).toThrow('cannot tell what lies near a point');
    expect(whole.candidates('US', ['Seattle']).length).toBeGreaterThan(0);
  });
});
