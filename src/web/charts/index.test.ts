import { describe, expect, it } from 'vitest';
import { coverageChart, cumulativeLineChart, horizontalBarChart, prefectureTileMap, type BarDatum } from './index.js';
import { escapeXml } from './svg.js';
import { xmlProblems } from './testing.js';

function expectWellFormed(svg: string): void {
  expect(xmlProblems(svg)).toEqual([]);
}

function expectAccessibleFrame(svg: string, title: string, summary: string): void {
  expect(svg.startsWith('<svg')).toBe(true);
  expect(svg.endsWith('</svg>')).toBe(true);
  const root = svg.slice(0, svg.indexOf('>') + 1);
  expect(root).toContain('role="img"');
  expect(root).toContain('width="100%"');
  expect(root).toMatch(/viewBox="0 0 \d+ \d+"/);
  const labelledBy = /aria-labelledby="([^"]+)"/.exec(root)?.[1];
  const describedBy = /aria-describedby="([^"]+)"/.exec(root)?.[1];
  expect(svg).toContain(`<title id="${labelledBy}">${escapeXml(title)}</title>`);
  expect(svg).toContain(`<desc id="${describedBy}">${escapeXml(summary)}</desc>`);
  expectWellFormed(svg);
}

const countries: BarDatum[] = [
  { label: 'United States', value: 458 },
  { label: '中華人民共和国', value: 380 },
  { label: 'South Korea', value: 1_167 },
  { label: 'Australia', value: 109 },
];

const kinds = [
  { label: 'Prefecture', total: 47, withPartner: 41 },
  { label: '市', total: 792, withPartner: 561 },
  { label: 'Town', total: 743, withPartner: 287 },
  { label: 'Village', total: 183, withPartner: 0 },
];
const coverageText = {
  title: 'Coverage by kind',
  summary: 'Most cities have a partner.',
  totalLabel: 'All local governments',
  withPartnerLabel: 'With a partner',
  coverageLabel: 'Coverage',
};

const years = Array.from({ length: 70 }, (_, i) => ({ year: 1955 + i, total: (i + 1) * 25 }));

describe('horizontalBarChart', () => {
  it('draws an accessible SVG with every label, its formatted value and a hover title per bar', () => {
    const svg = horizontalBarChart(countries, { title: 'Partners by country', summary: 'The United States leads.' });
    expectAccessibleFrame(svg, 'Partners by country', 'The United States leads.');
    for (const { label } of countries) expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain('>1,167</text>');
    expect(svg).toContain('<title>South Korea: 1,167</title>');
    expect(svg).toContain('data-label="South Korea" data-value="1167"');
  });

  it('writes numbers with the formatter it is given', () => {
    const svg = horizontalBarChart(countries, { title: '相手国', summary: '米国が最多。', formatNumber: (n) => `${n.toLocaleString('ja')}件` });
    expect(svg).toContain('>1,167件</text>');
    expect(svg).toContain(`font-family="'Noto Sans JP'`);
  });

  it('keeps the order given and stops at maxBars', () => {
    const svg = horizontalBarChart(countries, { title: 't', summary: 's' }, { maxBars: 2 });
    expect(svg).toContain('United States');
    expect(svg).toContain('中華人民共和国');
    expect(svg).not.toContain('South Korea');
    expect(svg.match(/<title[ >]/g)).toHaveLength(3);
  });

  it('escapes labels and text instead of passing markup through', () => {
    const svg = horizontalBarChart([{ label: '<script>alert(1)</script> & Co', value: 3 }], { title: 'Tom & Jerry <b>', summary: '"quoted" & \'single\'' });
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(svg).toContain('Tom &amp; Jerry &lt;b&gt;');
    expectWellFormed(svg);
  });

  it('cuts a very long label on the chart but keeps it whole in the hover title', () => {
    const label = 'United Kingdom of Great Britain and Northern Ireland';
    const svg = horizontalBarChart([{ label, value: 25 }, { label: 'Chile', value: 9 }], { title: 't', summary: 's' });
    expect(svg).toContain(`<title>${label}: 25</title>`);
    expect(svg).toMatch(/>United Kingdom[^<]*…<\/text>|>United Kingdom[^<]*\.\.\.<\/text>/);
  });

  it('gives the same string for the same chart, and different ids to different charts', () => {
    const text = { title: 'Partners', summary: 's' };
    expect(horizontalBarChart(countries, text)).toBe(horizontalBarChart(countries, text));
    const id = (svg: string) => / id="([^"]+)"/.exec(svg.slice(0, svg.indexOf('>')))?.[1];
    expect(id(horizontalBarChart(countries, text))).not.toBe(id(horizontalBarChart(countries.slice(1), text)));
    expect(id(horizontalBarChart(countries, text, { id: 'home-countries' }))).toBe('home-countries');
  });

  it('keeps ECharts internals out: no page-wide style, no per-process ids', () => {
    const svg = horizontalBarChart(countries, { title: 't', summary: 's' });
    expect(svg).not.toContain('<style');
    expect(svg).not.toMatch(/zr\d+-/);
    expect(svg).not.toContain('ecmeta_');
  });
});

describe('coverageChart', () => {
  it('draws totals, LGs with a partner and the coverage line, each labelled and titled', () => {
    const svg = coverageChart(kinds, coverageText);
    expectAccessibleFrame(svg, coverageText.title, coverageText.summary);
    for (const { label } of kinds) expect(svg).toContain(`>${label}</text>`);
    for (const legend of [coverageText.totalLabel, coverageText.withPartnerLabel, coverageText.coverageLabel]) expect(svg).toContain(`>${legend}</text>`);
    expect(svg).toContain('>87%</text>');
    expect(svg).toContain('>0%</text>');
    expect(svg).toContain('<title>市 — With a partner: 561</title>');
    expect(svg).toContain('<title>市 — Coverage: 71%</title>');
    expect(svg).toContain('data-series="total" data-label="Town" data-total="743" data-with-partner="287" data-coverage="39"');
  });

  it('leaves a gap in the line rather than dividing by zero for a kind with no LGs', () => {
    const svg = coverageChart([...kinds, { label: 'Empty kind', total: 0, withPartner: 0 }], coverageText);
    expect(svg).toContain('<title>Empty kind — All local governments: 0</title>');
    expect(svg).toContain('data-label="Empty kind" data-total="0" data-with-partner="0" data-coverage=""');
    expect(svg).not.toContain('Empty kind — Coverage');
    expect(svg).not.toContain('NaN');
  });

  it('writes small shares with a decimal instead of rounding them to 0 %', () => {
    const svg = coverageChart([{ label: 'Village', total: 1000, withPartner: 3 }], coverageText);
    expect(svg).toContain('>0.3%</text>');
  });

  it('escapes labels', () => {
    const svg = coverageChart([{ label: 'A & <B>', total: 2, withPartner: 1 }], { ...coverageText, coverageLabel: '<script>' });
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<B>');
    expect(svg).toContain('A &amp; &lt;B&gt;');
    expectWellFormed(svg);
  });
});

describe('cumulativeLineChart', () => {
  const milestones = [
    { year: 1955, label: 'first' },
    { year: 1993, label: '1,000th' },
    { year: 2100, label: 'not yet' },
  ];

  it('draws the line with its milestones marked and the last total written', () => {
    const svg = cumulativeLineChart(years, milestones, { title: 'Relationships over time', summary: 'From 1 in 1955 to 1,750.' });
    expectAccessibleFrame(svg, 'Relationships over time', 'From 1 in 1955 to 1,750.');
    expect(svg).toContain('>first</text>');
    expect(svg).toContain('>1,000th</text>');
    expect(svg).toContain('<title>1,000th: 1993 (975)</title>');
    expect(svg).toContain('>1,750</text>');
  });

  it('leaves out milestones outside the years drawn', () => {
    const svg = cumulativeLineChart(years, milestones, { title: 't', summary: 's' });
    expect(svg).not.toContain('not yet');
  });

  it('never writes a year through the number format', () => {
    const svg = cumulativeLineChart(years, milestones, { title: 't', summary: 's', formatNumber: (n) => n.toLocaleString('en') });
    expect(svg).toContain('>1990</text>');
    expect(svg).toContain('>1993</text>');
    expect(svg).not.toMatch(/>1,9\d\d</);
  });

  it('sorts the points and draws a single year', () => {
    const shuffled = [...years].reverse();
    expect(cumulativeLineChart(shuffled, [], { title: 't', summary: 's' })).toBe(cumulativeLineChart(years, [], { title: 't', summary: 's' }));
    expectWellFormed(cumulativeLineChart([{ year: 2024, total: 5 }], [{ year: 2024, label: 'first' }], { title: 't', summary: 's' }));
  });

  it('draws relationships of no known year as a bar of their own, on the scale of the line, with its hover title', () => {
    const svg = cumulativeLineChart(years, milestones, { title: 't', summary: 's', formatNumber: (n) => n.toLocaleString('en') }, { undated: { label: 'No date', value: 2400, title: 'Without a recorded date: 2,400' } });
    expectWellFormed(svg);
    expect(svg).toContain('>No date</text>');
    expect(svg).toContain('<title>Without a recorded date: 2,400</title>');
    expect(svg).toContain('>2,400</text>');
    // The axis reaches past the bar, to a round number.
    expect(svg).toContain('>2,500</text>');
    expect(cumulativeLineChart(years, milestones, { title: 't', summary: 's' }, { undated: { label: 'No date', value: 0, title: '' } })).toBe(cumulativeLineChart(years, milestones, { title: 't', summary: 's' }));
  });

  it('escapes milestone labels', () => {
    const svg = cumulativeLineChart(years, [{ year: 1960, label: '<script>x</script> & {rich|text}' }], { title: 't', summary: 's' });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;x&lt;/script&gt; &amp; {rich|text}');
    expectWellFormed(svg);
  });
});

describe('empty charts', () => {
  const text = { title: 'Partners by country', summary: 'No relationships yet.' };
  const charts = {
    bar: (t: typeof text & { emptyText?: string }) => horizontalBarChart([], t),
    coverage: (t: typeof text & { emptyText?: string }) => coverageChart([], { ...t, totalLabel: 'a', withPartnerLabel: 'b', coverageLabel: 'c' }),
    line: (t: typeof text & { emptyText?: string }) => cumulativeLineChart([], [{ year: 1955, label: 'first' }], t),
    tilemap: (t: typeof text & { emptyText?: string }) => prefectureTileMap([], t),
  };

  for (const [kind, draw] of Object.entries(charts)) {
    it(`${kind}: an accessible SVG with the empty-state sentence, the summary unless emptyText is given`, () => {
      const svg = draw(text);
      expectAccessibleFrame(svg, text.title, text.summary);
      expect(svg).toContain('data-empty="true"');
      expect(svg).toContain('>No relationships yet.</tspan>');
      const withEmptyText = draw({ ...text, emptyText: 'まだ & ありません' });
      expect(withEmptyText).toContain('まだ &amp; ありません');
      expectWellFormed(withEmptyText);
    });
  }
});

describe('every chart', () => {
  const text = { title: 'Partners', summary: 's' };
  const drawn = {
    bar: horizontalBarChart(countries, text),
    coverage: coverageChart(kinds, coverageText),
    line: cumulativeLineChart(years, [{ year: 1993, label: '1,000th' }], text, { undated: { label: 'No date', value: 20, title: 'No date: 20' } }),
    tilemap: prefectureTileMap([{ jisCode: '330001', shortLabel: '岡山', fullLabel: '岡山県', value: 12 }], text),
    'empty bar': horizontalBarChart([], text),
  };

  for (const [kind, svg] of Object.entries(drawn)) {
    it(`${kind}: writes no style attribute, which the pages’ Content-Security-Policy refuses, and names its type as an attribute`, () => {
      expect(svg.match(/<[^>]* style="[^"]*"/g) ?? []).toEqual([]);
      expect(svg.slice(0, svg.indexOf('>'))).toContain(`font-family="&apos;Noto Sans JP&apos;`);
    });
  }

  it('gives ECharts’ text its size and face as presentation attributes', () => {
    const label = /<text[^>]*>United States<\/text>/.exec(drawn.bar)?.[0];
    expect(label).toMatch(/ font-size="\d+px"/);
    expect(label).toContain(`font-family="'Noto Sans JP'`);
  });
});
