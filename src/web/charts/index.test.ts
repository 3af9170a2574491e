import { describe, expect, it } from 'vitest';
import { coverageChart, cumulativeLineChart, horizontalBarChart, prefectureTileMap, type BarDatum } from './index.js';
import { yearInterval } from './line.js';
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

/** The sizes of the chart's type as drawn when the SVG is `shownWidth` px wide, smallest first. */
function shownFontSizes(svg: string, shownWidth: number): number[] {
  const viewBoxWidth = Number(/viewBox="0 0 (\d+)/.exec(svg)![1]);
  return [...svg.matchAll(/ font-size="([\d.]+)(?:px)?"/g)].map(([, size]) => (Number(size) * shownWidth) / viewBoxWidth).sort((a, b) => a - b);
}

describe('narrow charts, for a phone', () => {
  const text = { title: 'Partners', summary: 's' };
  const narrow = {
    bar: horizontalBarChart(countries, text, { layout: 'narrow' }),
    coverage: coverageChart(kinds, coverageText, { layout: 'narrow' }),
    line: cumulativeLineChart(years, [{ year: 1993, label: '1,000th' }], text, { layout: 'narrow', undated: { label: 'No date', value: 20, title: 'No date: 20' } }),
  };

  for (const [kind, svg] of Object.entries(narrow)) {
    it(`${kind}: is 360 wide, with type at least 11 px where a 390 px phone shows it 358 px wide`, () => {
      expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 360 \d+"/);
      expect(svg.slice(0, svg.indexOf('>'))).toContain('data-layout="narrow"');
      expect(shownFontSizes(svg, 358)[0]).toBeGreaterThanOrEqual(11);
      expectWellFormed(svg);
      expect(svg.match(/<[^>]* style="[^"]*"/g) ?? []).toEqual([]);
    });
  }

  it('keeps ids apart from the wide layout of the same chart, so both can sit on one page', () => {
    const id = (svg: string) => / id="([^"]+)"/.exec(svg.slice(0, svg.indexOf('>')))?.[1];
    expect(id(narrow.bar)).not.toBe(id(horizontalBarChart(countries, text)));
    expect(horizontalBarChart(countries, text).slice(0, 400)).toContain('data-layout="wide"');
  });

  it('the wide layouts would be too small on a phone: that is why there is a narrow one', () => {
    expect(shownFontSizes(horizontalBarChart(countries, text), 358)[0]).toBeLessThan(11);
  });

  it('coverage: a row per kind with its name, share and counts, each bar titled for a hover', () => {
    const svg = narrow.coverage;
    for (const { label } of kinds) expect(svg).toContain(`>${label}</text>`);
    for (const legend of [coverageText.totalLabel, coverageText.withPartnerLabel]) expect(svg).toContain(`>${legend}</text>`);
    expect(svg).toContain('>87%</text>');
    expect(svg).toContain('>71%</text>');
    expect(svg).toContain('>561</tspan> / 792</text>');
    expect(svg).toContain('<title>市 — With a partner: 561</title>');
    expect(svg).toContain('<title>市 — All local governments: 792</title>');
    expect(svg).toContain('data-series="total" data-label="Town" data-total="743" data-with-partner="287" data-coverage="39"');
    // A kind without LGs has a bar of none and no share.
    const empty = coverageChart([{ label: 'Empty kind', total: 0, withPartner: 0 }], coverageText, { layout: 'narrow' });
    expect(empty).toContain('>—</text>');
    expect(empty).not.toContain('NaN');
  });

  it('line: writes fewer, round years, so that they never run into each other', () => {
    const written = [...narrow.line.matchAll(/>(\d{4})<\/text>/g)].map(([, year]) => Number(year)).filter((year) => year !== 1993);
    expect(written.length).toBeGreaterThanOrEqual(2);
    expect(written.length).toBeLessThanOrEqual(4);
    const step = written[1]! - written[0]!;
    expect(written.every((year) => year % step === 0)).toBe(true);
  });
});

describe('yearInterval', () => {
  it('picks the smallest round step that writes no more years than fit', () => {
    expect(yearInterval(70, 10)).toBe(10);
    expect(yearInterval(70, 4)).toBe(20);
    expect(yearInterval(70, 3)).toBe(25);
    expect(yearInterval(3, 10)).toBe(1);
    expect(yearInterval(70, 0)).toBe(100);
  });
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
