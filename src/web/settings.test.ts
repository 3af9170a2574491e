import { describe, expect, it } from 'vitest';
import { DEFAULT_QUOTAS } from '../domain/rateLimits.js';
import { webSettingsFromEnvironment } from './settings.js';

describe('webSettingsFromEnvironment', () => {
  it('caches 64 MB and limits costly work by default, signed-in people ten times as much', () => {
    expect(webSettingsFromEnvironment({})).toEqual({
      trustProxy: false,
      serverTiming: false,
      cacheBytes: 64 * 1024 * 1024,
      fairUse: { quotas: DEFAULT_QUOTAS, signedInFactor: 10 },
      vitality: { activeYears: 3, quietYears: 10 },
    });
  });

  it('reads each setting', () => {
    const settings = webSettingsFromEnvironment({ KIZUNA_TRUST_PROXY: '1', KIZUNA_CACHE_MB: '0', KIZUNA_RATE_LIMITS: 'search=5/10', KIZUNA_RATE_LIMIT_SIGNED_IN: '3' });
    expect(settings).toMatchObject({ trustProxy: true, cacheBytes: 0, fairUse: { quotas: { search: { limit: 5, windowSeconds: 10 } }, signedInFactor: 3 } });
    expect(webSettingsFromEnvironment({ KIZUNA_RATE_LIMITS: 'off' }).fairUse).toBeUndefined();
  });

  it('refuses a setting it cannot read, naming it', () => {
    expect(() => webSettingsFromEnvironment({ KIZUNA_CACHE_MB: 'lots' })).toThrow(/KIZUNA_CACHE_MB/);
    expect(() => webSettingsFromEnvironment({ KIZUNA_RATE_LIMIT_SIGNED_IN: '0' })).toThrow(/KIZUNA_RATE_LIMIT_SIGNED_IN: "0" is not a whole number of at least 1/);
    expect(() => webSettingsFromEnvironment({ KIZUNA_RATE_LIMITS: 'all=1/1' })).toThrow(/KIZUNA_RATE_LIMITS/);
    expect(() => webSettingsFromEnvironment({ KIZUNA_VITALITY_ACTIVE_YEARS: 'three' })).toThrow(/KIZUNA_VITALITY_ACTIVE_YEARS/);
    expect(() => webSettingsFromEnvironment({ KIZUNA_VITALITY_ACTIVE_YEARS: '5', KIZUNA_VITALITY_QUIET_YEARS: '4' })).toThrow(
      /KIZUNA_VITALITY_QUIET_YEARS: the quiet span must be a whole number of years longer than the active span \(5\)/,
    );
  });

  it('reads the spans of vitality', () => {
    expect(webSettingsFromEnvironment({ KIZUNA_VITALITY_ACTIVE_YEARS: '2', KIZUNA_VITALITY_QUIET_YEARS: '5' }).vitality).toEqual({ activeYears: 2, quietYears: 5 });
  });
});
