import { describe, expect, it } from 'vitest';
import { FAQ, GUIDES, findGuide, type Block } from './guides.js';
import type { Lang } from '../i18n/index.js';

/** Kana, CJK ideographs, CJK punctuation and full-width forms: none may appear in English. */
const JAPANESE_SCRIPT = /[\u3000-\u303f\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/;
/** Kana or kanji: every Japanese string must contain some. */
const JAPANESE_LETTER = /[\u3040-\u309f\u30a0-\u30ff\u4e00-\u9fff]/;
const HIRAGANA = /[\u3041-\u309f]/;

function blockTexts(block: Block): string[] {
  switch (block.type) {
    case 'p':
    case 'h2':
    case 'note':
      return [block.text];
    case 'ul':
    case 'ol':
      return block.items;
    case 'dl':
      return block.items.flatMap((item) => [item.term, item.definition]);
  }
}

function bodyTexts(blocks: Block[]): string[] {
  return blocks.flatMap(blockTexts);
}

/** The shape of a body: block types in order, with the item count of each list. */
function shape(blocks: Block[]): string[] {
  return blocks.map((block) =>
    block.type === 'ul' || block.type === 'ol' || block.type === 'dl'
      ? `${block.type}:${block.items.length}`
      : block.type,
  );
}

/** Words in English: whitespace-separated tokens with a letter or digit. */
function englishWords(text: string): number {
  return text.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

const japaneseSegmenter = new Intl.Segmenter('ja', { granularity: 'word' });
/** Words in Japanese: word-like segments as ICU's dictionary splits them. */
function japaneseWords(text: string): number {
  return [...japaneseSegmenter.segment(text)].filter((segment) => segment.isWordLike).length;
}

function wordCount(blocks: Block[], lang: Lang): number {
  const text = bodyTexts(blocks).join('\n');
  return lang === 'en' ? englishWords(text) : japaneseWords(text);
}

function listsOf(blocks: Block[], type: 'ul' | 'ol'): string[][] {
  return blocks.flatMap((block) => (block.type === type ? [block.items] : []));
}

function guide(slug: string) {
  const found = findGuide(slug);
  if (!found) throw new Error(`no guide ${slug}`);
  return found;
}

function guideText(slug: string, lang: Lang): string {
  const g = guide(slug);
  return [g.title[lang], g.summary[lang], ...bodyTexts(g.body[lang])].join('\n');
}

interface Bilingual {
  id: string;
  strings: Record<Lang, string[]>;
  bodies: Record<Lang, Block[]>;
}

const everything: Bilingual[] = [
  ...GUIDES.map((g) => ({
    id: `guide ${g.slug}`,
    strings: {
      en: [g.title.en, g.summary.en, ...bodyTexts(g.body.en)],
      ja: [g.title.ja, g.summary.ja, ...bodyTexts(g.body.ja)],
    },
    bodies: g.body,
  })),
  ...FAQ.map((entry) => ({
    id: `faq ${entry.id}`,
    strings: {
      en: [entry.question.en, ...bodyTexts(entry.answer.en)],
      ja: [entry.question.ja, ...bodyTexts(entry.answer.ja)],
    },
    bodies: entry.answer,
  })),
];

describe('guides and FAQ', () => {
  it('offers the six guides of the portal', () => {
    expect(GUIDES.map((g) => g.slug)).toEqual([
      'what-is-a-sister-city',
      'clair-conditions',
      'forming-a-relationship',
      'written-agreement',
      'fixed-term-relationships',
      'other-exchange',
    ]);
  });

  it('has between 8 and 12 FAQ entries', () => {
    expect(FAQ.length).toBeGreaterThanOrEqual(8);
    expect(FAQ.length).toBeLessThanOrEqual(12);
  });

  it('uses unique, URL-safe slugs and ids', () => {
    const slugs = GUIDES.map((g) => g.slug);
    const ids = FAQ.map((entry) => entry.id);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(new Set(ids).size).toBe(ids.length);
    for (const key of [...slugs, ...ids]) expect(key).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('finds a guide by its slug and nothing for an unknown slug', () => {
    expect(findGuide('written-agreement')?.title.en).toBe('The written agreement');
    expect(findGuide('no-such-guide')).toBeUndefined();
  });

  describe.each(everything)('$id', ({ strings, bodies }) => {
    it('is written in both languages, with no empty text', () => {
      for (const lang of ['en', 'ja'] as const) {
        expect(bodies[lang].length).toBeGreaterThan(0);
        for (const text of strings[lang]) expect(text.trim()).not.toBe('');
      }
    });

    it('has the same structure in English and Japanese', () => {
      expect(shape(bodies.ja)).toEqual(shape(bodies.en));
    });

    it('keeps Japanese out of the English texts', () => {
      for (const text of strings.en) expect(text).not.toMatch(JAPANESE_SCRIPT);
    });

    it('writes every Japanese text in Japanese', () => {
      for (const text of strings.ja) expect(text).toMatch(JAPANESE_LETTER);
      expect(strings.ja.join('')).toMatch(HIRAGANA);
    });

    it('holds plain text, not markup', () => {
      for (const text of [...strings.en, ...strings.ja]) {
        expect(text).not.toMatch(/<\/?[a-z][^>]*>/i);
        expect(text).not.toMatch(/&[a-z]+;|&#\d+;/i);
        expect(text).toBe(text.trim());
      }
    });
  });

  it.each(GUIDES.map((g) => g.slug))('%s runs to 250–600 words in each language', (slug) => {
    const g = guide(slug);
    for (const lang of ['en', 'ja'] as const) {
      const words = wordCount(g.body[lang], lang);
      expect(words, `${slug} ${lang}`).toBeGreaterThanOrEqual(250);
      expect(words, `${slug} ${lang}`).toBeLessThanOrEqual(600);
    }
  });
});

describe('key facts, in both languages', () => {
  it('dates the first relationship to 1955 and gives the milestones and shares', () => {
    for (const lang of ['en', 'ja'] as const) {
      const text = guideText('what-is-a-sister-city', lang);
      for (const fact of ['1955', '1993', '1,000', '1,700', '1,751', '2004', '30', '20']) {
        expect(text, `${lang} ${fact}`).toContain(fact);
      }
    }
    expect(guideText('what-is-a-sister-city', 'en')).toMatch(/Nagasaki City[\s\S]*Saint Paul, Minnesota/);
    expect(guideText('what-is-a-sister-city', 'ja')).toMatch(/長崎市[\s\S]*セントポール市/);
  });

  it('gives what each country calls the relationship', () => {
    const names = [
      'twin town',
      'ville jumelée',
      'città gemellata',
      'Partnerstadt',
      'Schwesterstadt',
      'ciudad hermana',
      'cidade irmã',
      'города-побратимы',
    ];
    for (const lang of ['en', 'ja'] as const) {
      const text = guideText('what-is-a-sister-city', lang);
      for (const name of names) expect(text, `${lang} ${name}`).toContain(name);
    }
    expect(guideText('what-is-a-sister-city', 'en')).toContain('friendship city');
    expect(guideText('what-is-a-sister-city', 'ja')).toContain('友好城市');
  });

  it('lists CLAIR’s three conditions', () => {
    const g = guide('clair-conditions');
    for (const lang of ['en', 'ja'] as const) {
      const [conditions] = listsOf(g.body[lang], 'ol');
      expect(conditions).toHaveLength(3);
    }
    const [ja] = listsOf(g.body.ja, 'ol');
    expect(ja?.[0]).toContain('協定書');
    expect(ja?.[2]).toMatch(/議会[\s\S]*予算/);
  });

  it('describes the eight steps of forming a relationship', () => {
    const g = guide('forming-a-relationship');
    for (const lang of ['en', 'ja'] as const) {
      const [steps] = listsOf(g.body[lang], 'ol');
      expect(steps).toHaveLength(8);
      expect(guideText('forming-a-relationship', lang)).toContain('CLAIR');
    }
  });

  it('gives the two fixed-term examples with their dates', () => {
    const facts: Record<Lang, string[]> = {
      en: ['Kochi City', 'Surabaya', 'April 1997', 'Osaka Prefecture', 'Dubai', 'October 2002'],
      ja: ['高知市', 'スラバヤ市', '1997年', '4月', '大阪府', 'ドバイ市', '2002年', '10月'],
    };
    for (const lang of ['en', 'ja'] as const) {
      for (const fact of facts[lang]) expect(guideText('fixed-term-relationships', lang)).toContain(fact);
    }
  });

  it('names the other kinds of exchange and the advice on keeping relationships alive', () => {
    const facts: Record<Lang, string[]> = {
      en: ['Shimonoseki', 'Kitakyushu', 'Fukuoka', 'Dalian', '1999', '2008', 'four to eight', 'in name only'],
      ja: ['下関市', '北九州市', '福岡市', '大連市', '1999年', '2008年', '4から8', '名ばかり'],
    };
    for (const lang of ['en', 'ja'] as const) {
      for (const fact of facts[lang]) expect(guideText('other-exchange', lang)).toContain(fact);
    }
  });

  it('uses the usual Japanese terms across the guides', () => {
    const ja = GUIDES.map((g) => guideText(g.slug, 'ja')).join('\n');
    for (const term of ['姉妹都市', '友好都市', '姉妹（友好）都市提携', '地方公共団体', '自治体', '協定書', '議会', '予算']) {
      expect(ja, term).toContain(term);
    }
  });

  it('explains what the statistics leave out', () => {
    const entry = FAQ.find((e) => e.id === 'what-the-statistics-count');
    expect(entry).toBeDefined();
    const en = bodyTexts(entry?.answer.en ?? []).join('\n');
    const ja = bodyTexts(entry?.answer.ja ?? []).join('\n');
    expect(en).toMatch(/two Japanese local governments/);
    expect(en).toMatch(/six villages of the Northern Territories/);
    expect(en).toMatch(/Wikipedia[\s\S]*no date and no label/);
    expect(ja).toContain('国内提携');
    expect(ja).toContain('北方領土の6村');
    expect(ja).toContain('Wikipedia');
  });
});
