import { createRequire } from 'node:module';
import path from 'node:path';
import kuromoji from 'kuromoji';
import type { AnalysedWord } from '../domain/placeReadings.js';

/** Splits Japanese text into words with their readings. */
export type Analyser = (text: string) => AnalysedWord[];

/**
 * Loads kuromoji's IPADIC dictionary (about 2 s) and gives an analyser. Used for readings of
 * names no other source reads, such as the municipalities merged away.
 */
export function loadAnalyser(): Promise<Analyser> {
  const dicPath = path.join(path.dirname(createRequire(import.meta.url).resolve('kuromoji/package.json')), 'dict');
  return new Promise((resolve, reject) => {
    kuromoji.builder({ dicPath }).build((error, tokenizer) => {
      if (error) {
        reject(error);
        return;
      }
      resolve((text) =>
        tokenizer.tokenize(text).map((token) => ({
          surface: token.surface_form,
          reading: token.reading,
          partOfSpeech: token.pos,
          detail: token.pos_detail_1,
        })),
      );
    });
  });
}
