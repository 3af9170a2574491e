/**
 * Letter trigrams of a folded name, as pg_trgm forms them: each word padded with two spaces in
 * front and one behind, so that "ibara" gives "  i", " ib", "iba", "bar", "ara", "ra ".
 */
export function trigramsOf(folded: string): string[] {
  const grams = new Set<string>();
  for (const word of folded.split(' ')) {
    if (word.length === 0) continue;
    const padded = `  ${word} `;
    const letters = Array.from(padded);
    for (let i = 0; i + 3 <= letters.length; i++) grams.add(letters[i]! + letters[i + 1]! + letters[i + 2]!);
  }
  return [...grams];
}

/** Shared trigrams over all trigrams of the two (0 to 1), the measure pg_trgm calls similarity. */
export function trigramSimilarity(shared: number, countA: number, countB: number): number {
  const union = countA + countB - shared;
  return union === 0 ? 0 : shared / union;
}

/** The Dice coefficient of two folded names' trigram sets (0 to 1): how alike two spellings are. */
export function diceSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const left = trigramsOf(a);
  const right = new Set(trigramsOf(b));
  const shared = left.filter((gram) => right.has(gram)).length;
  return left.length + right.size === 0 ? 0 : (2 * shared) / (left.length + right.size);
}
