import { describe, expect, it } from 'vitest';
import { plainLetters } from '../domain/names.js';
import { loadJapaneseLocalGovernments } from '../reference/japan.js';
import { prefectureTileMap } from './charts/index.js';
import { prefectureLabel } from './statisticsCharts.js';

const prefectures = loadJapaneseLocalGovernments()
  .filter((lg) => lg.kind === 'prefecture')
  .map((lg) => ({ jisCode: lg.jisCode, name: { en: lg.english, ja: lg.name } }));

describe('prefectureLabel', () => {
  it('names the 47 prefectures apart in English, even read without macrons or capitals (no Tok, Tōk and Tot)', () => {
    expect(prefectures).toHaveLength(47);
    const labels = prefectures.map((prefecture) => prefectureLabel('en', prefecture.name));
    expect(new Set(labels.map(plainLetters)).size).toBe(47);
    expect(labels).toContain('Tōkyō');
    expect(labels).toContain('Tokushima');
    expect(labels).toContain('Tottori');
    expect(labels).toContain('Hokkaidō');
    // Whole names: each is the name without its kind, never a cut one.
    for (const [index, label] of labels.entries()) expect(prefectures[index]!.name.en.startsWith(label)).toBe(true);
  });

  it('names them apart in Japanese, without 都, 府 or 県 but keeping 北海道 whole', () => {
    const labels = prefectures.map((prefecture) => prefectureLabel('ja', prefecture.name));
    expect(new Set(labels).size).toBe(47);
    expect(labels).toEqual(expect.arrayContaining(['北海道', '東京', '京都', '大阪', '鹿児島']));
  });

  for (const lang of ['en', 'ja'] as const) {
    it(`writes every ${lang} name whole on its tile, large enough to read where the map is 1,184 px wide (a 1,280 px screen)`, () => {
      const svg = prefectureTileMap(
        prefectures.map((prefecture, index) => ({ jisCode: prefecture.jisCode, shortLabel: prefectureLabel(lang, prefecture.name), fullLabel: prefecture.name.en, value: index * 3 })),
        { title: 't', summary: 's' },
      );
      const written = [...svg.matchAll(/<text [^>]*font-size="([\d.]+)" font-weight="bold"[^>]*>([^<]+)<\/text>/g)].map(([, size, label]) => ({ size: Number(size), label }));
      expect(written.map((tile) => tile.label).sort()).toEqual(prefectures.map((prefecture) => prefectureLabel(lang, prefecture.name)).sort());
      for (const tile of written) expect((tile.size * 1184) / 720, tile.label).toBeGreaterThanOrEqual(11);
    });
  }
});
