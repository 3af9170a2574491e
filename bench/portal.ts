/**
 * The portal's budgets (issue 3): server time of the statistics, list and LG pages (from their
 * Server-Timing header), the JavaScript and CSS they send (gzipped), Largest Contentful Paint in
 * headless Chromium, and how long the world map takes to become interactive.
 */
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

export type Line = (label: string, value: string, budget: string) => void;

/** Prints a figure with its budget. */
export const line: Line = (label, value, budget) => console.log(`  ${label.padEnd(34)} ${value.padStart(12)}   (budget ${budget})`);

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Server times (from Server-Timing) of GETting a path a number of times, sorted. */
export async function serverTimes(url: string, path: string, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const response = await fetch(url + path);
    await response.arrayBuffer();
    const duration = /dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1];
    if (!response.ok || !duration) throw new Error(`${path} answered ${response.status} without Server-Timing`);
    times.push(Number(duration));
  }
  return times.sort((a, b) => a - b);
}

/** Bytes of JavaScript and CSS a page refers to, each gzipped as the server would send it. */
async function assetBytes(url: string, path: string): Promise<{ js: number; css: number }> {
  const html = await (await fetch(url + path)).text();
  const sources = (pattern: RegExp) => [...html.matchAll(pattern)].map((match) => match[1]!);
  const gzipped = async (paths: string[]) => {
    let total = 0;
    for (const asset of paths) total += gzipSync(Buffer.from(await (await fetch(url + asset)).arrayBuffer())).length;
    return total;
  };
  const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*application\/ld\+json)[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]!).join('');
  return {
    js: (await gzipped(sources(/<script[^>]+src="([^"]+)"/g))) + (inlineScripts ? gzipSync(inlineScripts).length : 0),
    css: await gzipped(sources(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)),
  };
}

export async function benchPortal(url: string, line: Line): Promise<void> {
  const found = (await (await fetch(`${url}/api/search?q=Okayama&kind=city&limit=1`)).json()) as { results: { url: string }[] };
  const pages = { statistics: '/statistics', list: '/countries/US', lg: found.results[0]!.url };
  for (const path of Object.values(pages)) await serverTimes(url, path, 3);
  const statistics = await serverTimes(url, pages.statistics, 30);
  line('statistics page server p50 / p95', `${percentile(statistics, 50).toFixed(1)} / ${percentile(statistics, 95).toFixed(1)} ms`, '≤ 80 ms');
  const list = await serverTimes(url, pages.list, 30);
  line('list page (/countries/US) p50 / p95', `${percentile(list, 50).toFixed(1)} / ${percentile(list, 95).toFixed(1)} ms`, '≤ 50 ms');
  const prefecture = await serverTimes(url, '/prefectures/130001', 30);
  line('list page (Tokyo) p50 / p95', `${percentile(prefecture, 50).toFixed(1)} / ${percentile(prefecture, 95).toFixed(1)} ms`, '≤ 50 ms');
  const lg = await serverTimes(url, pages.lg, 30);
  line('LG page p50 / p95', `${percentile(lg, 50).toFixed(1)} / ${percentile(lg, 95).toFixed(1)} ms`, '≤ 30 ms');
  for (const [name, path] of [['list', pages.list], ['LG', pages.lg]] as const) {
    const bytes = await assetBytes(url, path);
    line(`${name} page JS / CSS gzipped`, `${(bytes.js / 1024).toFixed(1)} / ${(bytes.css / 1024).toFixed(1)} KB`, '≤ 30 KB each');
  }

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    for (const [name, path] of [['list', pages.list], ['LG', pages.lg]] as const) {
      const paints: number[] = [];
      for (let run = 0; run < 5; run++) {
        await page.goto(url + path, { waitUntil: 'load' });
        paints.push(
          await page.evaluate(
            () =>
              new Promise<number>((resolve) => {
                new PerformanceObserver((entries) => {
                  const all = entries.getEntries();
                  resolve(all[all.length - 1]!.startTime);
                }).observe({ type: 'largest-contentful-paint' as never, buffered: true });
              }),
          ),
        );
      }
      paints.sort((a, b) => a - b);
      line(`${name} page LCP (median of 5)`, `${percentile(paints, 50).toFixed(0)} ms`, '≤ 1,000 ms');
    }
    const ready: number[] = [];
    for (let run = 0; run < 3; run++) {
      // A new context each time: nothing cached from the run before.
      const fresh = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
      await fresh.goto(url + '/map', { waitUntil: 'commit' });
      await fresh.waitForSelector('figure[data-world-map] canvas', { timeout: 20_000 });
      // The links are drawn on the next frames after the canvas appears; wait for two.
      ready.push(await fresh.evaluate<number>('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now()))))'));
      await fresh.context().close();
    }
    ready.sort((a, b) => a - b);
    line('map interactive with all pairs', `${(percentile(ready, 50) / 1000).toFixed(2)} s`, '≤ 2 s');
  } finally {
    await browser.close();
  }
}
