/**
 * `npm run bench:overhead`: what the extension costs a page, and how big its parts are.
 *
 * The machine's load moves single runs a lot: compare medians of many alternating runs, and read
 * the near-empty page's Δ as the fixed cost of the content scripts.
 *
 * Loads fixture pages many times in two browsers of one Chromium build — with the extension and
 * without — alternating run by run, in one process. For each load: main-thread script and task
 * time of the page (CDP Performance.getMetrics `ScriptDuration` / `TaskDuration`, which include
 * the content scripts) and the load-event time. Prints the medians and the ratio with/without
 * (target ≤ 1.02 on a page without a vendor tag), the probe's minified size (target ≤ 4 KB) and
 * the initial JavaScript of the popup and the panel, gzipped (target ≤ 200 KB each).
 *
 *   npm run bench:overhead               (build first: npm run build)
 *   BENCH_RUNS=60 npm run bench:overhead
 */
import { chromium, type BrowserContext } from '@playwright/test';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromiumArgs, chromiumPath, EXTENSION_DIR } from '../e2e/fixtures';
import { startFixtureServer } from '../e2e/server';

const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 30));
/** a typical shop page (its own catalogue script), without and with the OK SKY tag, and a near-empty page */
const PAGES = [
  ['https://shop.example.jp/bench/catalog', 'no vendor tag'],
  ['https://shop.example.jp/bench/catalog-tagged', 'OK SKY tag'],
  ['https://shop.example.jp/about', 'near-empty page (absolute cost)'],
] as const;

interface Sample {
  script: number;
  task: number;
  load: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function measure(context: BrowserContext, url: string): Promise<Sample> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url, { waitUntil: 'load' });
    // let async work after load (the widget, the relay's batch) finish
    await page.waitForTimeout(300);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
    const load = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return nav ? nav.loadEventEnd - nav.startTime : 0;
    });
    await cdp.detach();
    return { script: get('ScriptDuration'), task: get('TaskDuration'), load };
  } finally {
    await page.close();
  }
}

function initialJsGzip(html: string): { files: string[]; bytes: number } | undefined {
  const file = join(EXTENSION_DIR, html);
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  const refs = [...text.matchAll(/<script[^>]+src="([^"]+)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => (m[1] ?? m[2])!);
  let bytes = 0;
  const files: string[] = [];
  for (const ref of refs) {
    const path = join(EXTENSION_DIR, ref.replace(/^\//, ''));
    if (!existsSync(path)) continue;
    files.push(ref);
    bytes += gzipSync(readFileSync(path)).length;
  }
  return { files, bytes };
}

async function main() {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    process.stderr.write('bench:overhead: build the extension first (npm run build)\n');
    process.exit(1);
  }
  const server = await startFixtureServer();
  const launch = (withExtension: boolean) =>
    chromium.launchPersistentContext('', {
      executablePath: chromiumPath(),
      headless: true,
      ignoreHTTPSErrors: true,
      args: chromiumArgs(server.port, withExtension ? EXTENSION_DIR : undefined),
    });
  const withExt = await launch(true);
  const without = await launch(false);
  const out: string[] = [];
  let worstRatio = 0;
  try {
    for (const [url, label] of PAGES) {
      const a: Sample[] = [];
      const b: Sample[] = [];
      // warm-up (caches, code cache), then alternate
      await measure(withExt, url);
      await measure(without, url);
      for (let i = 0; i < RUNS; i++) {
        if (i % 2 === 0) {
          a.push(await measure(withExt, url));
          b.push(await measure(without, url));
        } else {
          b.push(await measure(without, url));
          a.push(await measure(withExt, url));
        }
      }
      const row = (k: keyof Sample) => {
        const x = median(a.map((s) => s[k]));
        const y = median(b.map((s) => s[k]));
        return { x, y, ratio: y > 0 ? x / y : 1 };
      };
      const script = row('script');
      const task = row('task');
      const load = row('load');
      if (label === 'no vendor tag') worstRatio = Math.max(script.ratio, load.ratio);
      out.push(
        `${label} (${url}), ${RUNS} loads each, medians:`,
        ...(
          [
            ['main-thread script', script],
            ['main-thread tasks ', task],
            ['load event        ', load],
          ] as const
        ).map(
          ([name, r]) =>
            `  ${name}  with ${r.x.toFixed(2)} ms  without ${r.y.toFixed(2)} ms  Δ ${(r.x - r.y >= 0 ? '+' : '') + (r.x - r.y).toFixed(2)} ms  ratio ${r.ratio.toFixed(3)}`,
        ),
      );
    }
  } finally {
    await withExt.close();
    await without.close();
    await server.close();
  }
  const probe = join(EXTENSION_DIR, 'probe.js');
  const relay = join(EXTENSION_DIR, 'relay.js');
  const probeBytes = statSync(probe).size;
  out.push(
    '',
    `probe (MAIN world) minified: ${(probeBytes / 1024).toFixed(2)} KB (${probeBytes} B; gzip ${gzipSync(readFileSync(probe)).length} B) — target ≤ 4 KB: ${probeBytes <= 4096 ? 'OK' : 'OVER'}`,
    `relay (isolated world) minified: ${(statSync(relay).size / 1024).toFixed(1)} KB (gzip ${(gzipSync(readFileSync(relay)).length / 1024).toFixed(1)} KB)`,
  );
  for (const html of ['popup.html', 'devtools-panel.html']) {
    const r = initialJsGzip(html);
    out.push(r ? `${html} initial JS gzip: ${(r.bytes / 1024).toFixed(1)} KB (${r.files.length} files) — target ≤ 200 KB: ${r.bytes <= 200 * 1024 ? 'OK' : 'OVER'}` : `${html}: not built`);
  }
  out.push('', `page without a vendor tag, worst ratio with/without: ${worstRatio.toFixed(3)} — target ≤ 1.02: ${worstRatio <= 1.02 ? 'OK' : 'OVER'}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

void main().catch((e: unknown) => {
  process.stderr.write(`bench:overhead: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
