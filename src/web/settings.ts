import { DEFAULT_SIGNED_IN_FACTOR, parseQuotas } from '../domain/rateLimits.js';
import { DEFAULT_CACHE_BYTES, type AppOptions } from './app.js';
import { checkVitalityThresholds, DEFAULT_VITALITY_THRESHOLDS, type VitalityThresholds } from '../domain/vitality.js';

export type WebSettings = Required<Pick<AppOptions, 'trustProxy' | 'serverTiming' | 'cacheBytes' | 'vitality'>> & Pick<AppOptions, 'fairUse'>;

/** A whole number of at least `least` from a setting, or the default when it is not set; throws naming the setting otherwise. */
function wholeNumber(env: NodeJS.ProcessEnv, name: string, least: number, fallback: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  if (!/^\d{1,6}$/.test(text) || Number(text) < least) throw new Error(`${name}: "${text}" is not a whole number of at least ${least}.`);
  return Number(text);
}

/** The web face's settings from the environment (the README's table of settings). */
export function webSettingsFromEnvironment(env: NodeJS.ProcessEnv = process.env): WebSettings {
  const quotas = parseQuotas(env.KIZUNA_RATE_LIMITS);
  return {
    trustProxy: env.KIZUNA_TRUST_PROXY === '1',
    serverTiming: env.KIZUNA_SERVER_TIMING === '1',
    cacheBytes: wholeNumber(env, 'KIZUNA_CACHE_MB', 0, DEFAULT_CACHE_BYTES / 1024 / 1024) * 1024 * 1024,
    fairUse: quotas && { quotas, signedInFactor: wholeNumber(env, 'KIZUNA_RATE_LIMIT_SIGNED_IN', 1, DEFAULT_SIGNED_IN_FACTOR) },
    vitality: vitalityThresholdsFromEnvironment(env),
  };
}

/**
 * The spans that make a relationship active (KIZUNA_VITALITY_ACTIVE_YEARS, default 3) or quiet
 * rather than in name only (KIZUNA_VITALITY_QUIET_YEARS, default 10); throws naming the setting
 * when they make no sense.
 */
export function vitalityThresholdsFromEnvironment(env: NodeJS.ProcessEnv = process.env): VitalityThresholds {
  const thresholds = {
    activeYears: wholeNumber(env, 'KIZUNA_VITALITY_ACTIVE_YEARS', 1, DEFAULT_VITALITY_THRESHOLDS.activeYears),
    quietYears: wholeNumber(env, 'KIZUNA_VITALITY_QUIET_YEARS', 2, DEFAULT_VITALITY_THRESHOLDS.quietYears),
  };
  const problem = checkVitalityThresholds(thresholds);
  if (problem) throw new Error(`KIZUNA_VITALITY_QUIET_YEARS: ${problem}.`);
  return thresholds;
}
