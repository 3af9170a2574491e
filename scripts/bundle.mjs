/**
 * Builds Kizuna: compiles it (tsc, into dist/) and bundles the compiled CLI (dist/src/cli/main.js, from tsc) into one file, dist/kizuna.mjs, which
 * `npm start`, `bin/kizuna.js` and the tests' CLI run: Node then reads one module instead of about
 * 500, which takes about half a second off every start.
 *
 * Left outside the bundle: packages that find files beside their own code (PGlite's WebAssembly,
 * Argon2's native binary), and whatever the code loads through createRequire (reference data,
 * ExcelJS, ECharts, OpenCC), which Node resolves from node_modules when first used.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const BUNDLE = path.join(root, 'dist', 'kizuna.mjs');

/** Compiles the project with tsc, then bundles it. */
export async function build() {
  const tsc = path.join(path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json')], { cwd: root, stdio: 'inherit' });
  await esbuild({
    entryPoints: [path.join(root, 'dist', 'src', 'cli', 'main.js')],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['@electric-sql/pglite', '@node-rs/argon2', 'pg-native'],
    // Bundled CommonJS packages call require(); an ES module has none of its own.
    banner: { js: "import { createRequire as kizunaCreateRequire } from 'node:module'; const require = kizunaCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await build();
