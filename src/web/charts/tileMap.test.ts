import { describe, expect, it } from 'vitest';
import { colourAt, luminance, prefectureJisCode, prefectureNumber, prefectureTileMap, prefectureTiles, type PrefectureValue } from './tileMap.js';
import { xmlProblems } from './testing.js';

const names = [
  ['北海道', 'Hokkaido'], ['青森', 'Aomori'], ['岩手', 'Iwate'], ['宮城', 'Miyagi'], ['秋田', 'Akita'], ['山形', 'Yamagata'],
  ['福島', 'Fukushima'], ['茨城', 'Ibaraki'], ['栃木', 'Tochigi'], ['群馬', 'Gunma'], ['埼玉', 'Saitama'], ['千葉', 'Chiba'],
  ['東京', 'Tokyo'], ['神奈川', 'Kanagawa'], ['新潟', 'Niigata'], ['富山', 'Toyama'], ['石川', 'Ishikawa'], ['福井', 'Fukui'],
  ['山梨', 'Yamanashi'], ['長野', 'Nagano'], ['岐阜', 'Gifu'], ['静岡', 'Shizuoka'], ['愛知', 'Aichi'], ['三重', 'Mie'],
  ['滋賀', 'Shiga'], ['京都', 'Kyoto'], ['大阪', 'Osaka'], ['兵庫', 'Hyogo'], ['奈良', 'Nara'], ['和歌山', 'Wakayama'],
  ['鳥取', 'Tottori'], ['島根', 'Shimane'], ['岡山', 'Okayama'], ['広島', 'Hiroshima'], ['山口', 'Yamaguchi'], ['徳島', 'Tokushima'],
  ['香川', 'Kagawa'], ['愛媛', 'Ehime'], ['高知', 'Kochi'], ['福岡', 'Fukuoka'], ['佐賀', 'Saga'], ['長崎', 'Nagasaki'],
  ['熊本', 'Kumamoto'], ['大分', 'Oita'], ['宮崎', 'Miyazaki'], ['鹿児島', 'Kagoshima'], ['沖縄', 'Okinawa'],
] as const;

/** All 47 prefectures, values out of order so that colour order cannot come from the layout. */
const prefectures: PrefectureValue[] = names.map(([ja, en], i) => ({
  jisCode: prefectureJisCode(i + 1),
  shortLabel: ja,
  fullLabel: `${en} Prefecture`,
  value: ((i * 37) % 47) * 3 + (i === 12 ? 1_000 : 0),
}));
const text = { title: 'Relationships by prefecture', summary: 'Tokyo has the most.', legendLabel: 'Relationships' };

interface Tile {
  jis: string;
  value: number;
  fill: string;
}
function tilesOf(svg: string): Tile[] {
  return [...svg.matchAll(/<rect [^>]*fill="(#[0-9a-f]{6})" data-jis="(\d{6})"(?: data-value="([^"]*)")?/g)].map(([, fill, jis, value]) => ({
    jis: jis!,
    value: value === undefined ? NaN : Number(value),
    fill: fill!,
  }));
}

describe('prefectureTileMap', () => {
  it('draws exactly 47 tiles, one per prefecture, each with its JIS code', () => {
    const svg = prefectureTileMap(prefectures, text);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<rect /g)).toHaveLength(47);
    const codes = tilesOf(svg).map((tile) => tile.jis);
    expect(new Set(codes).size).toBe(47);
    expect(codes).toContain('010006');
    expect(codes).toContain('130001');
    expect(codes).toContain('330001');
    expect(codes).toContain('470007');
    expect(xmlProblems(svg)).toEqual([]);
  });

  it('is an accessible image with the title, the summary and a legend from min to max', () => {
    const svg = prefectureTileMap(prefectures, text);
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="([^"]+)"/);
    expect(svg).toContain('>Relationships by prefecture</title>');
    expect(svg).toContain('>Tokyo has the most.</desc>');
    expect(svg).toContain('>Relationships</text>');
    expect(svg).toContain('>0</text>');
    expect(svg).toContain('>1,063</text>');
  });

  it('writes every short label on its tile and the full label with the formatted value in its title', () => {
    const svg = prefectureTileMap(prefectures, { ...text, formatNumber: (n) => `${n.toLocaleString('ja')}件` });
    for (const prefecture of prefectures) expect(svg).toContain(`>${prefecture.shortLabel}</text>`);
    expect(svg).toContain('<title>Tokyo Prefecture: 1,063件</title>');
    expect(svg).toContain('>1,063件</text>');
    expect(svg.match(/<g><title>/g)).toHaveLength(47);
  });

  it('colours darker as values grow, the largest value darkest', () => {
    const tiles = tilesOf(prefectureTileMap(prefectures, text)).sort((a, b) => a.value - b.value);
    for (let i = 1; i < tiles.length; i++) {
      expect(luminance(tiles[i]!.fill)).toBeLessThanOrEqual(luminance(tiles[i - 1]!.fill));
    }
    const darkest = Math.min(...tiles.map((tile) => luminance(tile.fill)));
    expect(luminance(tiles.at(-1)!.fill)).toBe(darkest);
    expect(tiles.at(-1)!.jis).toBe('130001');
  });

  it('keeps colour order on the square-root scale too', () => {
    const tiles = tilesOf(prefectureTileMap(prefectures, text, { scale: 'sqrt' })).sort((a, b) => a.value - b.value);
    for (let i = 1; i < tiles.length; i++) expect(luminance(tiles[i]!.fill)).toBeLessThanOrEqual(luminance(tiles[i - 1]!.fill));
  });

  it('gives prefectures without a value a dashed tile, still 47 in all', () => {
    const svg = prefectureTileMap(prefectures.slice(0, 10), { ...text, noDataLabel: 'No data' });
    expect(svg.match(/<rect /g)).toHaveLength(47);
    expect(svg.match(/stroke-dasharray/g)!.length).toBeGreaterThanOrEqual(37);
    expect(svg).toContain('>No data</text>');
    expect(prefectureTileMap(prefectures, { ...text, noDataLabel: 'No data' })).not.toContain('No data');
  });

  it('accepts 2-, 5- and 6-digit prefecture codes', () => {
    const short = prefectures.map((prefecture, i) => ({ ...prefecture, jisCode: i % 2 ? prefecture.jisCode.slice(0, 2) : prefecture.jisCode.slice(0, 5) }));
    expect(prefectureTileMap(short, text, { id: 'map' })).toBe(prefectureTileMap(prefectures, text, { id: 'map' }));
  });

  it('refuses a municipality code and a prefecture given twice', () => {
    expect(() => prefectureTileMap([{ ...prefectures[0]!, jisCode: '131016' }], text)).toThrow(/Not the JIS code of a prefecture/);
    expect(() => prefectureTileMap([prefectures[0]!, { ...prefectures[0]!, jisCode: '01' }], text)).toThrow(/given twice/);
  });

  it('escapes labels', () => {
    const svg = prefectureTileMap([{ ...prefectures[0]!, shortLabel: '<script>', fullLabel: 'A & B "C"' }], { ...text, title: '<b>&' });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('A &amp; B &quot;C&quot;');
    expect(svg).toContain('&lt;b&gt;&amp;');
    expect(xmlProblems(svg)).toEqual([]);
  });
});

describe('prefecture tile layout', () => {
  it('places the 47 prefectures in distinct cells, Hokkaido top right and Okinawa bottom left', () => {
    expect(prefectureTiles.map(([prefecture]) => prefecture).sort((a, b) => a - b)).toEqual(Array.from({ length: 47 }, (_, i) => i + 1));
    expect(new Set(prefectureTiles.map(([, column, row]) => `${column},${row}`)).size).toBe(47);
    const columns = prefectureTiles.map(([, column]) => column);
    const rows = prefectureTiles.map(([, , row]) => row);
    expect(prefectureTiles.find(([prefecture]) => prefecture === 1)).toEqual([1, Math.max(...columns), Math.min(...rows)]);
    expect(prefectureTiles.find(([prefecture]) => prefecture === 47)).toEqual([47, Math.min(...columns), Math.max(...rows)]);
  });

  it('computes JIS check digits and reads codes back', () => {
    expect(prefectureJisCode(1)).toBe('010006');
    expect(prefectureJisCode(13)).toBe('130001');
    expect(prefectureJisCode(33)).toBe('330001');
    expect(prefectureJisCode(47)).toBe('470007');
    expect(prefectureNumber('330001')).toBe(33);
    expect(() => prefectureNumber('48')).toThrow(RangeError);
  });

  it('has a colour scale that only darkens', () => {
    for (let step = 1; step <= 100; step++) expect(luminance(colourAt(step / 100))).toBeLessThan(luminance(colourAt((step - 1) / 100)));
  });
});
