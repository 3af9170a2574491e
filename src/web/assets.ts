import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Context } from 'hono';
import { KizunaError } from '../errors.js';
import { projectRoot } from '../paths.js';

const require = createRequire(import.meta.url);
const ownAssets = path.join(projectRoot, 'src', 'web', 'assets');

/** The files served under /assets: Kizuna's own, and the Digital Agency's design tokens from their package. */
const SOURCES = new Map<string, () => string>([
  ['site.css', () => path.join(ownAssets, 'site.css')],
  ['tokens.css', () => require.resolve('@digital-go-jp/design-tokens/dist/tokens.css')],
  ['worldMap.js', () => path.join(ownAssets, 'worldMap.js')],
  ['chartTips.js', () => path.join(ownAssets, 'chartTips.js')],
  ['lgPicker.js', () => path.join(ownAssets, 'lgPicker.js')],
  ['listingForm.js', () => path.join(ownAssets, 'listingForm.js')],
  ['favicon.svg', () => path.join(ownAssets, 'favicon.svg')],
]);

const TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml' };

interface Asset {
  body: string;
  etag: string;
  type: string;
}

const loaded = new Map<string, Asset>();

function load(name: string): Asset | undefined {
  const cached = loaded.get(name);
  if (cached) return cached;
  // A Map, not an object: /assets/constructor is no asset.
  const source = SOURCES.get(name);
  if (!source) return undefined;
  const file = source();
  const body = readFileSync(file, 'utf8');
  const asset = { body, etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`, type: TYPES[path.extname(file)] ?? 'application/octet-stream' };
  loaded.set(name, asset);
  return asset;
}

/** True when the browser's If-None-Match names this ETag (compression makes it weak: W/"…"). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  return (header ?? '').split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** The address of an asset with its version, so a browser may keep it as long as it likes. */
export function assetUrl(name: string): string {
  const asset = load(name);
  return asset ? `/assets/${name}?v=${asset.etag.slice(1, 9)}` : `/assets/${name}`;
}

/** Answers /assets/NAME with the file, its type and an ETag; a 304 when the browser has it already. */
export function serveAsset(c: Context, name: string): Response {
  const asset = load(name);
  if (!asset) throw new KizunaError('not_found', `There is no asset named ${name}.`);
  // A versioned address never changes its content; a bare one may, after an upgrade.
  const versioned = c.req.query('v') === asset.etag.slice(1, 9);
  const headers = { 'Content-Type': asset.type, ETag: asset.etag, 'Cache-Control': versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300' };
  if (etagMatches(c.req.header('if-none-match'), asset.etag)) return new Response(null, { status: 304, headers });
  return new Response(asset.body, { status: 200, headers });
}
