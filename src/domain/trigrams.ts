/**
 * Letter trigrams of a folded name, as pg_trgm forms them: each word padded with two spaces in
 * front and one behind, so that "ibara" gives "  i", " ib", "iba", "bar", "ara", "ra ".
 */
export function trigramsOf(folded: string): string[] {
  const grams = new Set<string>();
  // Most keys are ASCII: sliced directly; others letter by letter, so that a letter outside the BMP counts once.
  const ascii = /^[\x00-\x7f]*$/.test(folded);
  for (const word of folded.split(' ')) {
    if (word.length === 0) continue;
    const padded = `  ${word} `;
    if (ascii) {
      for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
      continue;
    }
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

/** Optimal string alignment distance, stopping early once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, previous2[j - 2]! + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length]!;
}
