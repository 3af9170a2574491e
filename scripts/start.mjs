/**
 * `npm start`: runs the bundled CLI (dist/kizuna.mjs) with the arguments given, compiling and
 * bundling first only when a source file is newer than the bundle (npm ci builds it already).
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUNDLE, build } from './bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestChange(entry) {
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

function bundleTime() {
  try {
    return statSync(BUNDLE).mtimeMs;
  } catch {
    return -Infinity;
  }
}

const sources = ['src', 'tsconfig.json', 'package.json', 'scripts/bundle.mjs'].map((name) => path.join(root, name));
if (Math.max(...sources.map(newestChange)) > bundleTime()) {
  process.stderr.write('Building Kizuna (the sources changed since the last build)…\n');
  await build();
}
await import(pathToFileURL(BUNDLE).href);
