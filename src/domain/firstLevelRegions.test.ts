import { describe, expect, it } from 'vitest';
import { admin1CodesByNearestPlace, firstLevelKindOf, isCityRegion, isFirstLevelKind } from './firstLevelRegions.js';

describe('first-level regions', () => {
  it('records regional governments and leaves out municipalities and city-regions', () => {
    expect(firstLevelKindOf('state')).toBe('state');
    expect(firstLevelKindOf('Autonomous Region')).toBe('region');
    expect(firstLevelKindOf('two-tier county')).toBe('county');
    expect(firstLevelKindOf('voivodship')).toBe('province');
    expect(firstLevelKindOf('municipality')).toBeNull();
    expect(firstLevelKindOf('metropolitan city')).toBeNull();
    expect(firstLevelKindOf('district')).toBeNull();
    expect(firstLevelKindOf(null)).toBeNull();
    expect(isFirstLevelKind('province')).toBe(true);
    expect(isFirstLevelKind('municipality')).toBe(false);
  });

  it("gives a region the code of the place nearest its point, unless another region has it too or it is too far", () => {
    const places = [
      { country: 'US', latitude: 44.9, longitude: -123.0, admin1: 'OR' },
      { country: 'US', latitude: 47.0, longitude: -122.9, admin1: 'WA' },
      { country: 'CA', latitude: 49.3, longitude: -123.1, admin1: '02' },
      { country: 'CA', latitude: 53.5, longitude: -113.5, admin1: '00' },
    ];
    const codes = admin1CodesByNearestPlace(
      [
        { country: 'US', latitude: 44.0, longitude: -120.5 }, // Oregon
        { country: 'US', latitude: 47.4, longitude: -120.7 }, // Washington
        { country: 'CA', latitude: 53.9, longitude: -116.6 }, // Alberta: only a place without a code is near
        { country: 'CA', latitude: 49.2, longitude: -123.0 }, // two regions whose nearest place is the same
        { country: 'CA', latitude: 49.4, longitude: -123.2 },
      ],
      places,
    );
    expect(codes).toEqual(['OR', 'WA', null, null, null]);
  });
});

describe('regions that are cities', () => {
  it('knows a city-state by a place of its name near its point', () => {
    const places = [
      { country: 'DE', name: 'Berlin', latitude: 52.52, longitude: 13.4 },
      { country: 'US', name: 'Washington', latitude: 38.9, longitude: -77.04 },
    ];
    const regions = [
      { country: 'DE', name: 'Berlin', latitude: 52.5, longitude: 13.45 },
      { country: 'US', name: 'Washington', latitude: 47.4, longitude: -120.7 },
      { country: 'DE', name: 'Bavaria', latitude: 48.8, longitude: 11.5 },
    ];
    expect(isCityRegion(regions, places)).toEqual([true, false, false]);
  });
});
