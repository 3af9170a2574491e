import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder (the one with package.json), whether code runs from src/ or dist/src/. */
export const projectRoot: string = (() => {
  let folder = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(folder, 'package.json'))) {
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error('Kizuna cannot find its package.json above ' + fileURLToPath(import.meta.url));
    folder = parent;
  }
  return folder;
})();
