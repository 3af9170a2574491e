import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseMergers, type Merger } from '../domain/municipalMergers.js';
import { projectRoot } from '../paths.js';

/** The table of Japan's municipal changes that Kizuna ships (see reference/jp-municipal-mergers/README.md). */
export const MUNICIPAL_MERGERS_FILE = path.join(projectRoot, 'reference', 'jp-municipal-mergers', 'mergers.csv');

let loaded: Merger[] | undefined;

/**
 * Japan's municipal mergers, absorptions and renamings of 2003–2019, read once from the shipped table.
 * Throws when the table has a row it cannot read: the file ships with the product, so that is a bug.
 */
export function loadMunicipalMergers(): Merger[] {
  if (loaded) return loaded;
  const { mergers, problems } = parseMergers(readFileSync(MUNICIPAL_MERGERS_FILE, 'utf8'));
  if (problems.length > 0) {
    const listed = problems.slice(0, 5).map((problem) => `line ${problem.line}: ${problem.message}`).join('; ');
    throw new Error(`${MUNICIPAL_MERGERS_FILE} has ${problems.length} unreadable row(s): ${listed}`);
  }
  loaded = mergers;
  return mergers;
}
