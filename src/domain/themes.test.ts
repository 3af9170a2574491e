import { describe, expect, it } from 'vitest';
import { DEMO_LISTINGS, type DemoListing } from '../content/demoListings.js';
import type { Lang } from '../i18n/index.js';
import { findTheme, THEMES, themesIn } from './themes.js';

const demoListing = (jisCode: string): DemoListing => DEMO_LISTINGS.find((listing) => listing.jisCode === jisCode)!;
const ibara = demoListing('332071');
const ujitawara = demoListing('263443');
const nagi = demoListing('336238');

const textOf = (listing: DemoListing, lang: Lang) => [listing.outline[lang], listing.characteristics[lang], listing.pr[lang]].join('\n');

describe('themesIn on the demo listings', () => {
  it('finds denim and stars in Ibara, in English and in Japanese', () => {
    for (const lang of ['en', 'ja'] as const) {
      const themes = themesIn(textOf(ibara, lang));
      expect(themes).toContain('textiles');
      expect(themes).toContain('astronomy');
      expect(themes).toContain('art');
      expect(themes).toContain('fruit');
      expect(themes).toContain('flowers');
      expect(themes).not.toContain('tea');
    }
  });

  it('finds tea in Ujitawara, in English and in Japanese', () => {
    for (const lang of ['en', 'ja'] as const) {
      const themes = themesIn(textOf(ujitawara, lang));
      expect(themes).toContain('tea');
      expect(themes).toContain('flowers');
      expect(themes).not.toContain('textiles');
    }
  });

  it('finds Yokozen Kabuki, wagyu and fossils in Nagi, in English and in Japanese', () => {
    for (const lang of ['en', 'ja'] as const) {
      const themes = themesIn(textOf(nagi, lang));
      expect(themes).toContain('theatre');
      expect(themes).toContain('cattle');
      expect(themes).toContain('fossils');
      expect(themes).toContain('mountains');
      expect(themes).not.toContain('astronomy');
    }
  });
});

describe('themesIn on English', () => {
  it('matches plurals and any case', () => {
    expect(themesIn('Stars shine over the Ports')).toEqual(new Set(['astronomy', 'ports']));
    expect(themesIn('three universities and two observatories')).toEqual(new Set(['universities', 'astronomy']));
    expect(themesIn('peaches and cherries')).toEqual(new Set(['fruit']));
    expect(themesIn('Hot-springs and hot springs')).toEqual(new Set(['hot_springs']));
  });

  it('does not take a theme word inside a longer word', () => {
    expect(themesIn('We start early and sell starch')).not.toContain('astronomy');
    expect(themesIn('Sport needs support: see the report on the important passport')).not.toContain('ports');
    expect(themesIn('The team had steak instead')).not.toContain('tea');
    expect(themesIn('Part of the start')).not.toContain('art');
    expect(themesIn('African swine fever')).not.toContain('wine');
    expect(themesIn('The skies are dark')).not.toContain('snow_sports');
  });

  it('does not take a theme from a phrase that means something else', () => {
    expect(themesIn('A dojo for martial arts')).toEqual(new Set(['martial_arts']));
    expect(themesIn('A state-of-the-art plant')).not.toContain('art');
    expect(themesIn('For the sake of our children')).not.toContain('sake');
    expect(themesIn('Rice wine from the valley')).not.toContain('wine');
  });
});

describe('themesIn on Japanese', () => {
  it('matches words anywhere in a text', () => {
    expect(themesIn('港町の朝')).toEqual(new Set(['ports']));
    expect(themesIn('抹茶と煎茶の里')).toEqual(new Set(['tea']));
    expect(themesIn('星空の町')).toEqual(new Set(['astronomy']));
  });

  it('does not take a theme from a word that means something else', () => {
    expect(themesIn('空港から車で10分')).toEqual(new Set(['aviation']));
    expect(themesIn('茶色の屋根')).toEqual(new Set());
    expect(themesIn('海外との交流')).not.toContain('sea');
    expect(themesIn('広島県と接しています')).not.toContain('islands');
    expect(themesIn('花火大会')).toEqual(new Set(['festivals']));
    expect(themesIn('新しいスキームをつくる')).not.toContain('snow_sports');
  });

  it('folds full-width letters and half-width kana, and reads both languages in one text', () => {
    expect(themesIn('ＳＫＩ ＲＥＳＯＲＴ')).toEqual(new Set(['snow_sports']));
    expect(themesIn('ｽｷｰ場')).toEqual(new Set(['snow_sports']));
    expect(themesIn('Our 温泉 and our wineries')).toEqual(new Set(['hot_springs', 'wine']));
  });
});

describe('the vocabulary', () => {
  it('has unique ids, names in both languages and words in both', () => {
    expect(THEMES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(THEMES.map((theme) => theme.id)).size).toBe(THEMES.length);
    for (const theme of THEMES) {
      expect(theme.id).toMatch(/^[a-z_]+$/);
      expect(theme.en.length).toBeGreaterThan(0);
      expect(theme.ja.length).toBeGreaterThan(0);
      expect(theme.enWords.length).toBeGreaterThan(0);
      expect(theme.jaWords.length).toBeGreaterThan(0);
    }
  });

  it('writes every word as texts are folded: English in lower-case letters, Japanese without Latin letters', () => {
    for (const theme of THEMES) {
      for (const word of theme.enWords) expect(word).toMatch(/^[a-z]+(?:[ -][a-z]+)*$/);
      for (const word of theme.jaWords) {
        expect(word).toBe(word.normalize('NFKC'));
        expect(word).not.toMatch(/[a-z]/i);
      }
    }
  });

  it('finds each theme from each of its own words', () => {
    for (const theme of THEMES) {
      for (const word of [...theme.enWords, ...theme.jaWords]) expect(themesIn(word), `${theme.id}: ${word}`).toContain(theme.id);
    }
  });

  it('finds a theme by its id', () => {
    expect(findTheme('astronomy')).toMatchObject({ en: 'stars and astronomy', ja: '星・天文' });
    expect(findTheme('no_such_theme')).toBeUndefined();
  });
});
