import { describe, expect, it } from 'vitest';
import { RANKERS, type RankerFigures, type SettingResult } from '../domain/matchEvaluation.js';
import type { EvaluationReport } from '../services/matchEvaluation.js';
import { evaluationLines, presentEvaluation } from './evaluate.js';

const figures = (base: number): RankerFigures => ({
  medianRankPercentile: { value: base, low: base - 1, high: base + 1.25 },
  mrr: { value: base / 10, low: 0, high: base / 5 },
  recallAt10: { value: 12.345, low: 10, high: 15 },
  recallAt50: { value: 30, low: 25.5, high: 34.5 },
});

const setting = (cases: number, averagePool: number): SettingResult => ({
  cases,
  averagePool,
  rankers: Object.fromEntries(RANKERS.map((ranker, index) => [ranker, figures(index + 2)])) as SettingResult['rankers'],
  outcomes: Object.fromEntries(RANKERS.map((ranker) => [ranker, []])) as unknown as SettingResult['outcomes'],
});

const report: EvaluationReport = { seed: 3, skipped: 2, seconds: 12.34, withinCountry: setting(40, 1234.4), allAbroad: setting(40, 225752), order: [], folds: [] };

describe('the evaluation as the CLI prints it', () => {
  it('lays out a table per setting, each ranker a row, every figure with its interval', () => {
    const lines = evaluationLines(report);
    expect(lines[0]).toBe(
      'Leave-one-out over the registry: 40 Japanese LGs with a partner abroad, one hidden each (seed 3); 2 skipped, no partner of theirs could be a party with them; 12.3 s. Figures in %, 95 % intervals in brackets.',
    );
    expect(lines).toContain('Within the hidden partner’s country (1,234 candidates per case on average)');
    expect(lines).toContain('Over every candidate abroad (225,752 candidates per case on average)');
    const adamicAdar = lines.filter((line) => line.startsWith('Adamic–Adar'));
    expect(adamicAdar).toHaveLength(2);
    expect(adamicAdar[0]!.split(/ {2,}/)).toEqual(['Adamic–Adar', '8.0 (7.0–9.3)', '0.8 (0.0–1.6)', '12.3 (10.0–15.0)', '30.0 (25.5–34.5)']);
  });

  it('prints JSON with one key per setting and the figures rounded to hundredths', () => {
    const json = JSON.parse(JSON.stringify(presentEvaluation(report))) as ReturnType<typeof presentEvaluation>;
    expect(Object.keys(json)).toEqual(['seed', 'skipped', 'seconds', 'withinCountry', 'allAbroad']);
    expect(json.withinCountry.rankers.kizuna).toEqual({
      medianRankPercentile: 2,
      mrr: 0.2,
      recallAt10: 12.35,
      recallAt50: 30,
      intervals: { medianRankPercentile: [1, 3.25], mrr: [0, 0.4], recallAt10: [10, 15], recallAt50: [25.5, 34.5] },
    });
    expect(json.allAbroad.averagePool).toBe(225752);
  });
});
