import { describe, expect, it } from 'vitest';
import { trustedReading } from '../domain/placeReadings.js';
import { loadAnalyser } from './readings.js';

describe('loadAnalyser', () => {
  it('reads former municipalities the dictionary knows, and declines the rest', async () => {
    const analyse = await loadAnalyser();
    expect(trustedReading('栗沢', analyse('栗沢'))?.romaji).toBe('Kurisawa');
    expect(trustedReading('静内', analyse('静内'))?.romaji).toBe('Shizunai');
    expect(trustedReading('三石', analyse('三石'))).toBeNull();
  });
});
