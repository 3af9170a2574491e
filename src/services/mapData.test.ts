import { describe, expect, it } from 'vitest';
import { mapScope, type MapDataset } from './mapData.js';

const place = (id: number, country: string) => ({ id, latitude: 0, longitude: 0, country, name: `Place ${id}`, nameJa: null });
const data: MapDataset = {
  version: '3-3-0',
  places: [place(1, 'JP'), place(2, 'JP'), place(3, 'US'), place(4, 'FR'), place(5, 'DE')],
  links: [
    { firstId: 1, secondId: 3 },
    { firstId: 1, secondId: 2 },
    { firstId: 3, secondId: 4 },
    { firstId: 4, secondId: 5 },
  ],
};

describe('mapScope', () => {
  it('keeps, for Japan, the relationships with a Japanese party, domestic ones too, and only their places', () => {
    const japan = mapScope(data, 'japan');
    expect(japan.links).toEqual([
      { firstId: 1, secondId: 3 },
      { firstId: 1, secondId: 2 },
    ]);
    expect(japan.places.map((kept) => kept.id)).toEqual([1, 2, 3]);
    expect(japan.version).not.toBe(data.version);
  });

  it('keeps everything for the world, and works Japan’s out once per dataset', () => {
    expect(mapScope(data, 'world')).toBe(data);
    expect(mapScope(data, 'japan')).toBe(mapScope(data, 'japan'));
  });
});
