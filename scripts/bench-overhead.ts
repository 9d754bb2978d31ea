/**
 * `npm run bench:overhead`: what the extension costs a page, and how big its parts are.
 *
 * The machine's load moves single runs a lot: compare medians of many alternating runs, and read
 * the near-empty page's Δ as the fixed cost of the content scripts.
 *
 * Loads fixture pages many times in two browsers of one Chromium build — with the extension and
 * without — alternating run by run, in one process. For each load: main-thread script and task
 * time of the page (CDP Performance.getMetrics `ScriptDuration` / `TaskDuration`, which include
 * the content scripts) from the navigation until one second after the load event (work the
 * extension defers past the load event — its batch of calls, anything done when the page is
 * idle — is counted, not moved out of sight), and the load-event time. Prints the medians and the ratio with/without
 * (target ≤ 1.01 on a site not turned on: no content script runs there; main-thread script
 * Δ ≤ 10 ms on a tagged page of a turned-on site), the probe's minified size (target ≤ 4 KB) and
 * the initial JavaScript of the popup and the panel, gzipped (target ≤ 200 KB each).
 *
 *   npm run bench:overhead               (build first: npm run build)
 *   BENCH_RUNS=60 npm run bench:overhead
 *   BENCH_ONLY=off npm run bench:overhead (only the site not turned on; `on`: only the turned-on site)
 *   BENCH_CONTROL=1 npm run bench:overhead
 *
 * BENCH_CONTROL=1 adds a third browser, alternating with the other two on the rows of a site not
 * turned on: a minimal extension that is not ours (a service worker with one `tabs` listener and
 * host access to all sites, nothing else). Its ratio is what any such extension costs a page in
 * this harness — what ours costs beyond it is ours to find.
 */
import { chromium, type BrowserContext } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { chromiumArgs, chromiumPath, EXTENSION_DIR } from '../e2e/fixtures';
import { startFixtureServer } from '../e2e/server';

const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 30));
const ONLY = process.env.BENCH_ONLY === 'off' || process.env.BENCH_ONLY === 'on' ? process.env.BENCH_ONLY : undefined;
/** how long after the load event the page's main-thread time is still counted */
const AFTER_LOAD_MS = 1_000;
/**
 * a typical shop page (its own catalogue script), without and with the OK SKY tag, and a near-empty
 * page; capture runs only on the sites turned on (utils/ext/capture-sites.ts): `on` is whether
 * shop.example.jp is turned on for the run
 */
const PAGES = [
  ['https://shop.example.jp/bench/catalog', 'no vendor tag, site not turned on', false],
  ['https://shop.example.jp/about', 'near-empty page, site not turned on', false],
  ['https://shop.example.jp/bench/catalog-tagged', 'OK SKY tag, site turned on', true],
  ['https://shop.example.jp/bench/catalog', 'no vendor tag, site turned on', true],
  ['https://shop.example.jp/about', 'near-empty page, site turned on (absolute cost)', true],
] as const;

/** turns capture on for shop.example.jp, or nothing, in the extension's service worker */
async function setSites(context: BrowserContext, on: boolean): Promise<void> {
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  for (let i = 0; ; i++) {
    const done = await sw
      .evaluate(async (hosts) => {
        const api = (globalThis as unknown as { renkeiCaptureSites?: { set(s: unknown): Promise<unknown> } }).renkeiCaptureSites;
        if (!api) return false;
        await api.set({ all: false, hosts });
        return true;
      }, on ? ['shop.example.jp'] : [])
      .catch(() => false);
    if (done) return;
    if (i > 100) throw new Error('the extension worker does not answer');
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Sample {
  script: number;
  task: number;
  load: number;
  /** whether the probe ran in the page (its marker property exists) */
  probed: boolean;
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
    // the window ends one second after the load event: async work after it (the widget, the
    // relay's batch, idle-time work) is counted
    await page.waitForTimeout(AFTER_LOAD_MS);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
    const load = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return nav ? nav.loadEventEnd - nav.startTime : 0;
    });
    const probed = await page.evaluate(() => Object.getOwnPropertyDescriptor(window, '__renkeiDoctorProbe') !== undefined);
    await cdp.detach();
    return { script: get('ScriptDuration'), task: get('TaskDuration'), load, probed };
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
  // the control: a minimal extension that is not ours (BENCH_CONTROL=1)
  let controlDir: string | undefined;
  let control: BrowserContext | undefined;
  if (process.env.BENCH_CONTROL === '1') {
    controlDir = mkdtempSync(join(tmpdir(), 'renkei-bench-control-'));
    writeFileSync(
      join(controlDir, 'manifest.json'),
      JSON.stringify({ manifest_version: 3, name: 'control', version: '1.0', background: { service_worker: 'bg.js' }, permissions: ['tabs'], host_permissions: ['<all_urls>'] }),
    );
    writeFileSync(join(controlDir, 'bg.js'), 'chrome.tabs.onRemoved.addListener(() => {});\n');
    control = await chromium.launchPersistentContext('', {
      executablePath: chromiumPath(),
      headless: true,
      ignoreHTTPSErrors: true,
      args: chromiumArgs(server.port, controlDir),
    });
  }
  const out: string[] = [`load average at start: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`];
  let worstRatio = 0;
  let taggedDelta = 0;
  try {
    for (const [url, label, on] of PAGES.filter(([, , on]) => ONLY === undefined || on === (ONLY === 'on'))) {
      await setSites(withExt, on);
      const a: Sample[] = [];
      const b: Sample[] = [];
      const ctl: Sample[] = [];
      const withControl = control !== undefined && !on;
      // warm-up (caches, code cache), then alternate
      await measure(withExt, url);
      await measure(without, url);
      if (withControl) await measure(control!, url);
      for (let i = 0; i < RUNS; i++) {
        if (i % 2 === 0) {
          a.push(await measure(withExt, url));
          b.push(await measure(without, url));
          if (withControl) ctl.push(await measure(control!, url));
        } else {
          if (withControl) ctl.push(await measure(control!, url));
          b.push(await measure(without, url));
          a.push(await measure(withExt, url));
        }
      }
      const row = (k: 'script' | 'task' | 'load') => {
        const x = median(a.map((s) => s[k]));
        const y = median(b.map((s) => s[k]));
        return { x, y, ratio: y > 0 ? x / y : 1 };
      };
      const script = row('script');
      const task = row('task');
      const load = row('load');
      const controlRow = (k: 'script' | 'task' | 'load') => {
        const x = median(ctl.map((s) => s[k]));
        const y = median(b.map((s) => s[k]));
        return { x, y, ratio: y > 0 ? x / y : 1 };
      };
      // the ratio target is for the typical page; the near-empty page's script time is ~0.1 ms
      // either way (a ratio of noise): its absolute Δ is printed
      if (!on && url.endsWith('/bench/catalog')) worstRatio = Math.max(worstRatio, script.ratio, load.ratio);
      const probedRuns = a.filter((x) => x.probed).length;
      if (!on && probedRuns > 0) throw new Error(`the probe ran on a site not turned on (${probedRuns} of ${a.length} loads)`);
      if (on && probedRuns !== a.length) throw new Error(`the probe did not run on a turned-on site (${probedRuns} of ${a.length} loads)`);
      if (label.startsWith('OK SKY tag')) taggedDelta = script.x - script.y;
      out.push(
        `${label} (${url}), ${RUNS} loads each, medians; extension scripts ran in ${probedRuns} of ${a.length} loads:`,
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
        ...(withControl
          ? (['script', 'load'] as const).map((k) => {
              const r = controlRow(k);
              return `  control extension (not ours), ${k === 'script' ? 'main-thread script' : 'load event        '}  ${r.x.toFixed(2)} ms  ratio ${r.ratio.toFixed(3)}`;
            })
          : []),
      );
    }
  } finally {
    await withExt.close();
    await without.close();
    await control?.close();
    await server.close();
    if (controlDir) rmSync(controlDir, { recursive: true, force: true });
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
  out.push(
    '',
    `load average at end: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`,
    ONLY === 'on'
      ? 'typical page of a site not turned on: not measured (BENCH_ONLY=on)'
      : `typical page of a site not turned on, worst ratio with/without (script, load event): ${worstRatio.toFixed(3)} — target ≤ 1.01: ${worstRatio <= 1.01 ? 'OK' : 'OVER'}`,
    ONLY === 'off'
      ? 'tagged page of a turned-on site: not measured (BENCH_ONLY=off)'
      : `tagged page of a turned-on site, main-thread script Δ: ${(taggedDelta >= 0 ? '+' : '') + taggedDelta.toFixed(2)} ms — target ≤ 10 ms: ${taggedDelta <= 10 ? 'OK' : 'OVER'}`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
}

void main().catch((e: unknown) => {
  process.stderr.write(`bench:overhead: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
