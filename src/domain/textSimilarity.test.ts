import { describe, expect, it } from 'vitest';
import { cosine, termsOf, TextSimilarity } from './textSimilarity.js';

describe('termsOf', () => {
  it('drops stop words, numbers and punctuation', () => {
    expect(termsOf('It is the one that was, and will be: 1,500!')).toEqual([]);
    expect(termsOf('In 1970 Ibara made 15 million pairs of jeans.')).toEqual(['ibara', 'made', 'million', 'pair', 'jean']);
  });

  it('folds plurals and possessives into one term', () => {
    expect(termsOf('stars')).toEqual(termsOf('star'));
    expect(termsOf('textiles exchanges cities peaches')).toEqual(['textile', 'exchange', 'city', 'peach']);
    expect(termsOf("Ibara's glass campus")).toEqual(['ibara', 'glass', 'campus']);
  });

  it('makes character bigrams of Japanese, without those made only of hiragana', () => {
    expect(termsOf('宇治茶の里です')).toEqual(['宇治', '治茶', '茶の', 'の里', '里で']);
    expect(termsOf('星、デニム')).toEqual(['星', 'デニ', 'ニム']);
    expect(termsOf('これは、です。')).toEqual([]);
  });

  it('reads English and Japanese in one text', () => {
    expect(termsOf('Stars over 美星町')).toEqual(['star', '美星', '星町']);
  });
});

describe('TextSimilarity', () => {
  const texts = {
    ibara: 'Ibara, the holy land of denim, where the stars shine over the observatory.',
    bisei: 'Stars and denim: jeans factories and a public observatory under dark skies.',
    ujitawara: 'Ujitawara, where Japanese green tea began, with its tea fields and tea merchants.',
    hoshinoJa: 'デニムと星空の町',
    jeansJa: 'ジーンズとデニムの産地で、星空も美しい',
    teaJa: '宇治茶の里',
  };
  const corpus = new TextSimilarity(Object.values(texts).map(termsOf));
  const vectorOf = (text: string) => corpus.vectorOf(termsOf(text));

  it('gives unit vectors, and 1 for identical texts', () => {
    const vector = vectorOf(texts.ibara);
    const length = Math.sqrt([...vector.values()].reduce((sum, weight) => sum + weight * weight, 0));
    expect(length).toBeCloseTo(1, 9);
    expect(cosine(vector, vectorOf(texts.ibara))).toBeCloseTo(1, 9);
  });

  it('gives 0 for texts without a shared term', () => {
    expect(cosine(vectorOf('denim and stars'), vectorOf('green tea fields'))).toBe(0);
    expect(cosine(vectorOf('デニムの町'), vectorOf('Denim town'))).toBe(0);
  });

  it('finds English texts about denim and stars closer to each other than to a text about tea', () => {
    const ibara = vectorOf(texts.ibara);
    expect(cosine(ibara, vectorOf(texts.bisei))).toBeGreaterThan(cosine(ibara, vectorOf(texts.ujitawara)));
  });

  it('finds Japanese texts about denim and stars closer to each other than to a text about tea', () => {
    const denim = vectorOf(texts.hoshinoJa);
    expect(cosine(denim, vectorOf(texts.jeansJa))).toBeGreaterThan(cosine(denim, vectorOf(texts.teaJa)));
  });

  it('weighs rare terms above common ones, and unseen ones highest', () => {
    const vector = corpus.vectorOf(['denim', 'tea', 'unheard']);
    expect(vector.get('tea')).toBeGreaterThan(vector.get('denim')!);
    expect(vector.get('unheard')).toBeGreaterThan(vector.get('tea')!);
  });

  it('gives an empty vector for a text without terms, and cosine 0 with it', () => {
    const empty = vectorOf('');
    expect(empty.size).toBe(0);
    expect(cosine(empty, vectorOf(texts.ibara))).toBe(0);
    expect(cosine(empty, empty)).toBe(0);
  });
});
