/**
 * Benchmark of the CLI's analysis of a big HAR (`npm run bench:analyze`).
 *
 * Generates a HAR of 10 000 entries (~50 MB: 200 Japanese pages with OK SKY tags, their widget
 * script and `/login` POSTs, and big script/JSON/image response bodies) in a temporary
 * directory, then measures in separate child processes (so heaps and peak RSS do not mix):
 * - floor:    modules loaded and the file read as text, nothing parsed
 * - parse:    bare JSON.parse of the file text
 * - analysis: harToSession + analyzeSession + buildSnapshot (the pipeline, from the text)
 * - cli:      what `renkei analyze --format json` does from the file: read + decode + recognise +
 *             assemble + analyse + snapshot + JSON.stringify
 * - pool:     what `renkei analyze --format json` does for a big HAR with RENKEI_WORKERS=N (default
 *             here 1): the file's bytes (read before the span, like the text for parse) read in parts
 *             by the worker threads and this thread (utils/cli/har-pool.ts), then analyse + snapshot
 *             + JSON.stringify; the first run starts the worker threads (cold), the others reuse them
 * - alternate: JSON.parse, analysis and pool back to back in one process, round after round: their
 *             ratios within a round (robust against the machine's load changing), and the CPU time
 *             of the analysing thread alone (Linux; the pool's critical path when its worker has an
 *             idle core)
 * Each child runs its phase 3 times (time: median; first run reported too) and reports
 * process.resourceUsage().maxRSS, and the CPU time of the span (process.cpuUsage: on a loaded
 * machine, wall time also counts waiting for a core). Targets: analysis ≤ 1.5 × JSON.parse (warm
 * wall time; CPU time shown next to it); peak RSS ≤ 3 × file size, judged on the RSS above the
 * runtime floor (node + tsx + modules, measured by the `floor` phase) of the cli phase; the
 * absolute peak is printed too.
 *
 * Then a vendor tag at the end of a huge inline script (issue: limits that speak): pages with
 * 5, 20 and 50 MB of unrelated script and the OK SKY or Channel Talk tag (without loginKey /
 * pluginKey) at its end, generated in the temporary directory; each analysed as
 * `renkei analyze --format json` would (read + recognise + analyse + snapshot), in its own
 * process: wall time (cold run and a warm second run), peak RSS, and whether the missing
 * loginKey / pluginKey was diagnosed (it must be).
 *
 * HTML parses per page: every htmlparser2 parse (Parser#end) is counted in the cli phase (per
 * page of the HAR) and for `renkei analyze` of single HTML files (a plain page, a settings page, a
 * shop page, big shop pages of 2.5 and 12 MB), with the warm time of each: the tag analysis builds
 * the settings-page reader's DOM in its own pass, so every page is parsed once.
 *
 * Scaling: the cli phase (cold, one process each) on the same kind of HAR at ¼, ½ and the full
 * size (1×, 2×, 4×): time and peak RSS above the floor must grow linearly (ratios printed).
 *
 * Options: --entries N (default 10000) --pages N (default 200) --runs N (default 3) --keep
 *          --big-sizes 5,20,50 (MB; 0 to skip) --only-big (skip the HAR part) --only-html (only the HTML parses per page) --no-scaling
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SELF = fileURLToPath(import.meta.url);

// ---------------------------------------------------------------------------------------------
// HAR generation

const T0 = Date.parse('2026-03-02T01:00:00.000Z');
const iso = (ms: number) => new Date(T0 + ms).toISOString();

function loader(host: string): string {
  return `!function(t,e,o,n){var i=function(t,e){i.q.push([t,e])};t.OkskyChat=i,i.q=[],o=e.createElement("script"),o.async=1,o.src="https://${host}/widget/widget.js",n=e.getElementsByTagName("script")[0],n.parentNode.insertBefore(o,n)}(window,document);`;
}

/** A ~15 KB Japanese shop page; logged-in pages carry linkage, logged-out ones a plain tag. */
function pageHtml(i: number, loggedIn: boolean): string {
  const products = Array.from(
    { length: 40 },
    (_, k) => `<li class="item item-${k}"><a href="/items/${i * 100 + k}"><img src="/img/${i}-${k}.jpg" alt="商品${k}">商品名 サンプル${i}-${k} 税込${(k + 1) * 980}円</a></li>`,
  ).join('\n');
  const nav = loggedIn ? '<a href="/mypage">マイページ</a> <a href="/logout">ログアウト</a>' : '<a href="/login">ログイン</a><form action="/login"><input type="password" name="pw"></form>';
  const tag = loggedIn
    ? `${loader('kobuna-s-001.okskychat.net')}\nOkskyChat("key", "kobuna-s-001-0D5ACD179B043831");\nOkskyChat("loginKey", "customer_id");\nOkskyChat("customer_id", "A${String(10000000 + i)}");`
    : `${loader('kobuna-s-001.okskychat.net')}\nOkskyChat("key", "kobuna-s-001-0D5ACD179B043831");`;
  return `<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>サンプルショップ ページ${i}</title>
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag("js",new Date());gtag("config","G-XXXX${i}");</script>
<link rel="stylesheet" href="/css/app.css"><script src="/js/app.${i % 7}.js"></script></head>
<body><header><nav>${nav}</nav></header>
<main><h1>おすすめ商品 ${i}</h1><p>季節のおすすめをご紹介します。送料無料キャンペーン実施中です。</p><ul>
${products}
</ul></main>
<footer><p>© サンプルショップ</p></footer>
<script>${tag}
</script>
</body></html>
`;
}

function bigBody(seed: number, size: number): string {
  const lines: string[] = [];
  let len = 0;
  for (let k = 0; len < size; k++) {
    const line = `function f${seed}_${k}(a,b){var x${k}=a*${k}+b;return x${k}>${seed}?"v${seed}-${k}":x${k}.toString(36)}\n`;
    lines.push(line);
    len += line.length;
  }
  return lines.join('');
}

function entry(pageref: string, at: number, url: string, type: string, mime: string, text: string, extra: Record<string, unknown> = {}) {
  return {
    pageref,
    startedDateTime: iso(at),
    time: 30,
    _resourceType: type,
    request: { method: 'GET', url, httpVersion: 'HTTP/2', headers: [{ name: 'accept', value: '*/*' }], queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
    response: {
      status: 200,
      statusText: '',
      httpVersion: 'HTTP/2',
      headers: [{ name: 'content-type', value: mime }],
      cookies: [],
      content: { size: text.length, mimeType: mime, text },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 1, wait: 20, receive: 9 },
    ...extra,
  };
}

export function generateHar(entries: number, pages: number): string {
  const perPage = Math.floor(entries / pages);
  const out: unknown[] = [];
  const harPages: unknown[] = [];
  for (let p = 0; p < pages; p++) {
    const ref = `page_${p + 1}`;
    const t = p * 30_000;
    const loggedIn = p % 2 === 0;
    const host = p % 3 === 0 ? 'www.shop.example.jp' : 'shop.example.jp';
    harPages.push({ id: ref, startedDateTime: iso(t), title: `ページ${p}`, pageTimings: { onLoad: 900 } });
    out.push(entry(ref, t, `https://${host}/page/${p}`, 'document', 'text/html; charset=utf-8', pageHtml(p, loggedIn)));
    out.push(entry(ref, t + 300, 'https://kobuna-s-001.okskychat.net/widget/widget.js', 'script', 'application/javascript', bigBody(p, 25_000)));
    const query = loggedIn && p % 4 === 0 ? `{"customer_id":"A${String(10000000 + p)}"}` : '{}';
    const body = `{"key":"kobuna-s-001-0D5ACD179B043831","query":${query},"client":{"ua":"Mozilla/5.0","lang":"ja"}}`;
    out.push({
      ...entry(ref, t + 1200, 'https://kobuna-s-001.okskychat.net/rapi/v1/clients/8812/login', 'xhr', 'application/json', '{"ok":true}'),
      request: { method: 'POST', url: 'https://kobuna-s-001.okskychat.net/rapi/v1/clients/8812/login', httpVersion: 'HTTP/2', headers: [{ name: 'content-type', value: 'application/json' }], queryString: [], cookies: [], headersSize: -1, bodySize: body.length, postData: { mimeType: 'application/json', text: body } },
    });
    for (let k = 3; k < perPage; k++) {
      const at = t + 100 + k * 20;
      const kind = k % 10;
      if (kind === 0) out.push(entry(ref, at, `https://cdn.example.jp/js/vendor.${p}.${k}.js`, 'script', 'application/javascript', bigBody(p * 100 + k, 30_000)));
      else if (kind < 4) out.push(entry(ref, at, `https://${host}/api/items?page=${p}&k=${k}`, 'fetch', 'application/json', JSON.stringify({ items: Array.from({ length: 12 }, (_, n) => ({ id: p * 1000 + k * 10 + n, name: `商品${n}`, price: n * 100 })) })));
      else if (kind < 8) out.push(entry(ref, at, `https://${host}/img/${p}-${k}.jpg`, 'image', 'image/jpeg', Buffer.from(bigBody(k, 3_000)).toString('base64'), {}));
      else out.push(entry(ref, at, `https://www.google-analytics.com/g/collect?v=2&tid=G-X&p=${p}&k=${k}`, 'ping', 'text/plain', ''));
    }
  }
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages: harPages, entries: out } });
}

// ---------------------------------------------------------------------------------------------
// Child: run one phase

interface BigResult {
  times: number[];
  maxRssBytes: number;
  /** the missing loginKey / pluginKey was found */
  diagnosed: boolean;
  /** renkei/input-limited said what was not parsed */
  limited: boolean;
  fragments: number;
}

/** A page with a tag at the end of a huge inline script, analysed as the CLI's --format json does. */
async function bigChild(file: string, vendor: string): Promise<void> {
  const { analyzeSession } = await import('../utils/core/analyze');
  const { buildSnapshot } = await import('../utils/core/snapshot-build');
  const { assembleSession } = await import('../utils/core/input');
  const { loadInput } = await import('../utils/cli/load');
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const want = vendor === 'oksky' ? 'oksky/loginkey-missing' : 'channeltalk/plugin-key-missing';
  const out: BigResult = { times: [], maxRssBytes: 0, diagnosed: false, limited: false, fragments: 0 };
  for (let r = 0; r < 2; r++) {
    gc();
    const t = performance.now();
    const session = assembleSession([loadInput(file, 0, 'ja', 'https://shop.example.jp/mypage')]);
    const result = analyzeSession(session, { salt: 'bench' });
    const json = JSON.stringify(buildSnapshot(result, { version: 'bench', createdAt: new Date(0).toISOString() }));
    out.times.push(performance.now() - t);
    out.diagnosed = result.findings.some((f) => f.ruleId === want);
    out.limited = result.findings.some((f) => f.ruleId === 'renkei/input-limited');
    out.fragments = session.pages[0]?.scripts.filter((s) => s.fragment === true).length ?? 0;
    if (json.length === 0) throw new Error('empty output');
  }
  out.maxRssBytes = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

async function bigScripts(dir: string, sizes: number[]): Promise<void> {
  const { bigScriptPage } = await import('../tests/fixtures/big/big-script');
  console.log('');
  console.log('a tag at the end of a huge inline script (one process per case: read + recognise + analyse + snapshot):');
  const rows: string[][] = [['case', 'file', 'cold', 'warm', 'peak RSS', 'fragments', 'diagnosed', 'input-limited']];
  for (const size of sizes) {
    for (const vendor of ['oksky', 'channeltalk'] as const) {
      const file = join(dir, `big-${vendor}-${size}.html`);
      writeFileSync(file, bigScriptPage(vendor, size * 1024 * 1024, { broken: true }).html);
      const fileSize = statSync(file).size;
      const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', SELF, '--big-child', file, vendor], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
      rmSync(file, { force: true });
      if (r.status !== 0) throw new Error(`big ${vendor} ${size} MB failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
      const res = JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as BigResult;
      rows.push([`${vendor} ${size} MB`, mb(fileSize), ms(res.times[0]), ms(res.times[1]), mb(res.maxRssBytes), String(res.fragments), res.diagnosed ? 'yes' : 'NO', res.limited ? 'yes' : 'no']);
      if (!res.diagnosed) process.exitCode = 1;
    }
  }
  table(rows);
  console.log('diagnosed: the missing loginKey (OK SKY) / pluginKey (Channel Talk) after the unrelated script was found; it must be "yes".');
}

interface PhaseResult {
  phase: string;
  /** ms per run, in order (the first run is cold: nothing JIT-compiled yet) */
  times: number[];
  /** CPU ms (user + system, all threads of the process) per run: robust against a loaded machine */
  cpu: number[];
  maxRssBytes: number;
  findings?: number;
  pages?: number;
  /** alternate phase: ms of JSON.parse, analysis and pool in each round */
  rounds?: Record<string, number>[];
  /** breakdown phase: ms per stage (median of runs) */
  stages?: Record<string, number>;
  /** HTML parses (htmlparser2 Parser#end calls) in the last run */
  parses?: number;
}

/** Count htmlparser2 parses: every parse, streaming or into a DOM, ends with Parser#end. */
async function countParses(): Promise<{ take: () => number }> {
  const { Parser } = await import('htmlparser2');
  let n = 0;
  const end = Parser.prototype.end;
  Parser.prototype.end = function (this: InstanceType<typeof Parser>, ...a: Parameters<typeof end>) {
    n++;
    return end.apply(this, a);
  };
  return {
    take: () => {
      const v = n;
      n = 0;
      return v;
    },
  };
}

/**
 * `renkei analyze FILE --format json` in this process: the number of HTML parses it made (first
 * run), and the warm wall time (median of the next runs).
 */
async function parsesChild(files: string[]): Promise<void> {
  const counter = await countParses();
  const { runAnalyze } = await import('../utils/cli/analyze');
  const out: Record<string, { parses: number; ms: number }> = {};
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  for (const f of files) {
    const once = async () => {
      let text = '';
      await runAnalyze(
        { files: [f], urls: [], format: 'json', lang: 'ja', reveal: false, version: 'bench', salt: 'bench' },
        { stdout: (t) => void (text += t), stderr: () => undefined, env: {} },
      );
      if (!text) throw new Error(`no output for ${f}`);
    };
    counter.take();
    await once();
    const parses = counter.take();
    const size = statSync(f).size;
    const runs = size > 1_000_000 ? 5 : size > 50_000 ? 20 : 100;
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      if (size > 1_000_000) gc();
      const t = performance.now();
      await once();
      times.push(performance.now() - t);
    }
    out[f] = { parses, ms: median(times) };
  }
  console.log(JSON.stringify(out));
}

/** Shop pages (pageHtml) one after another in one document: a big page with many forms, links and lists. */
function bigShopPage(size: number): string {
  const parts: string[] = ['<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>大きなページ</title></head><body>'];
  let len = 0;
  for (let i = 0; len < size; i++) {
    const body = /<body>([\s\S]*)<\/body>/.exec(pageHtml(i, i % 2 === 0))![1];
    parts.push(`<section>${body}</section>`);
    len += body.length + 19;
  }
  parts.push('</body></html>');
  return parts.join('\n');
}

/** CPU time of the calling thread (Linux; NaN elsewhere), in 10 ms ticks */
function threadCpuMs(): number {
  try {
    const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

async function child(phase: string, file: string, runs: number): Promise<void> {
  const { harToSession } = await import('../utils/core/har');
  const { analyzeSession } = await import('../utils/core/analyze');
  const { buildSnapshot } = await import('../utils/core/snapshot-build');
  const { assembleSession } = await import('../utils/core/input');
  const { loadInput } = await import('../utils/cli/load');
  const { parseHtmlPage } = await import('../utils/core/html');
  const counter = await countParses();
  let parses: number | undefined;
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const times: number[] = [];
  const cpu: number[] = [];
  const cpuNow = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let c0: number;
  const stageRuns: Record<string, number>[] = [];
  let findings: number | undefined;
  let pages: number | undefined;
  // the pool phase: the worker threads are started in the first (cold) run, and reused after
  const { HarPool, readShared } = await import('../utils/cli/har-pool');
  let pool: InstanceType<typeof HarPool> | undefined;
  for (let r = 0; r < runs; r++) {
    gc();
    c0 = cpuNow();
    if (phase === 'floor') {
      times.push(0);
      cpu.push(0);
    } else if (phase === 'pool') {
      // what `renkei analyze --format json` does for a big HAR with 2+ cores: the file's bytes
      // (read before the span, as the text is for the parse phase) read in parts by the worker
      // threads and this one (utils/cli/har-pool.ts), then analysed with the evidence they derived
      let bytes: Uint8Array | undefined = readShared(file);
      if (!bytes) throw new Error('not readable by the pool');
      gc();
      c0 = cpuNow();
      const t = performance.now();
      pool ??= new HarPool({ workers: Number(process.env.RENKEI_WORKERS ?? 1) });
      const read = await pool.readHar(bytes, true, { idPrefix: 'f1:' });
      if (!read) throw new Error('the pool declined the HAR');
      // eslint-disable-next-line no-useless-assignment -- the assignment frees the 50 MB of bytes for the GC before the analysis, as the CLI does
      bytes = undefined;
      const result = analyzeSession(read.session, { salt: 'bench', evidence: read.evidence });
      const json = JSON.stringify(buildSnapshot(result, { version: 'bench', createdAt: new Date(0).toISOString() }), null, 2);
      times.push(performance.now() - t);
      cpu.push(cpuNow() - c0);
      findings = result.findings.length;
      pages = read.session.pages.length;
      if (json.length === 0) throw new Error('empty output');
    } else if (phase === 'alternate') {
      // one round: JSON.parse of the text, the analysis from the text, the pool from the bytes,
      // back to back in this process: their ratios in the same round are robust against the
      // machine's load changing between processes (the median of the rounds is reported). Also
      // the CPU time of this thread alone (Linux: /proc/thread-self/stat, 10 ms ticks, summed
      // over the rounds): the pool's critical path when the worker has a core of its own.
      const text = readFileSync(file, 'utf8');
      const bytes = readShared(file)!;
      pool ??= new HarPool({ workers: Number(process.env.RENKEI_WORKERS ?? 1) });
      const round: Record<string, number> = {};
      const measure = async (name: string, f: () => unknown) => {
        gc();
        const c = threadCpuMs();
        const t = performance.now();
        await f();
        round[name] = performance.now() - t;
        round[`${name} thread CPU`] = threadCpuMs() - c;
      };
      await measure('JSON.parse', () => {
        if ((JSON.parse(text) as { log: { entries: unknown[] } }).log.entries.length === 0) throw new Error('no entries');
      });
      await measure('analysis', () => buildSnapshot(analyzeSession(harToSession(text), { salt: 'bench' }), { version: 'bench', createdAt: new Date(0).toISOString() }));
      await measure('pool', async () => {
        const read = await pool!.readHar(bytes, true);
        if (!read) throw new Error('the pool declined the HAR');
        buildSnapshot(analyzeSession(read.session, { salt: 'bench', evidence: read.evidence }), { version: 'bench', createdAt: new Date(0).toISOString() });
      });
      stageRuns.push(round);
      times.push(round.pool);
      cpu.push(0);
    } else if (phase === 'cli') {
      // what `renkei analyze FILE --format json` does, from the file on disk to the JSON text
      const t = performance.now();
      counter.take();
      const session = assembleSession([loadInput(file, 0, 'ja', undefined)]);
      const result = analyzeSession(session, { salt: 'bench' });
      const json = JSON.stringify(buildSnapshot(result, { version: 'bench', createdAt: new Date(0).toISOString() }), null, 2);
      times.push(performance.now() - t);
      cpu.push(cpuNow() - c0);
      parses = counter.take();
      findings = result.findings.length;
      pages = session.pages.length;
      if (json.length === 0) throw new Error('empty output');
    } else {
      let text: string | undefined = readFileSync(file, 'utf8');
      gc();
      c0 = cpuNow();
      if (phase === 'parse') {
        const t = performance.now();
        const v = JSON.parse(text) as { log: { entries: unknown[] } };
        times.push(performance.now() - t);
        cpu.push(cpuNow() - c0);
        if (v.log.entries.length === 0) throw new Error('no entries');
      } else if (phase === 'analysis') {
        const t = performance.now();
        const session = harToSession(text);
        // drop the text before the analysis, as the CLI does
        // eslint-disable-next-line no-useless-assignment -- the assignment frees the 50 MB text for the GC before the analysis is measured
        text = undefined;
        const result = analyzeSession(session, { salt: 'bench' });
        const snapshot = buildSnapshot(result, { version: 'bench', createdAt: new Date(0).toISOString() });
        times.push(performance.now() - t);
        cpu.push(cpuNow() - c0);
        findings = snapshot.findings.length;
        pages = session.pages.length;
      } else if (phase === 'breakdown') {
        // each stage timed alone, with a collection between stages (not timed)
        let t = performance.now();
        JSON.parse(text);
        const parseMs = performance.now() - t;
        gc();
        t = performance.now();
        const session = harToSession(text);
        const harMs = performance.now() - t;
        gc();
        t = performance.now();
        const result = analyzeSession(session, { salt: 'bench' });
        const analyzeMs = performance.now() - t;
        gc();
        t = performance.now();
        buildSnapshot(result, { version: 'bench', createdAt: new Date(0).toISOString() });
        const snapshotMs = performance.now() - t;
        // the HTML parsing inside harToSession, measured alone on the same documents
        const docs = (JSON.parse(text) as { log: { entries: { _resourceType?: string; request: { url: string }; response: { content: { text?: string } } }[] } }).log.entries.filter((e) => e._resourceType === 'document');
        gc();
        t = performance.now();
        for (const d of docs) parseHtmlPage(d.response.content.text ?? '', d.request.url, {});
        const htmlMs = performance.now() - t;
        stageRuns.push({
          'JSON.parse': parseMs,
          'harToSession − JSON.parse': harMs - parseMs,
          '  of which parseHtmlPage (documents)': htmlMs,
          '  of which the HAR walk (the rest)': harMs - parseMs - htmlMs,
          analyzeSession: analyzeMs,
          buildSnapshot: snapshotMs,
        });
        const t1 = 0;
        const t4 = harMs + analyzeMs + snapshotMs;
        times.push(t4 - t1);
        cpu.push(0);
      }
    }
  }
  await pool?.close();
  const out: PhaseResult = { phase, times, cpu, maxRssBytes: process.resourceUsage().maxRSS * 1024, findings, pages, parses };
  if (stageRuns.length && phase === 'alternate') out.rounds = stageRuns;
  else if (stageRuns.length) {
    const warm = stageRuns.length > 1 ? stageRuns.slice(1) : stageRuns;
    out.stages = Object.fromEntries(Object.keys(warm[0]).map((k) => [k, median(warm.map((x) => x[k]))]));
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

// ---------------------------------------------------------------------------------------------
// Parent

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function runPhase(phase: string, file: string, runs: number): PhaseResult {
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', SELF, '--child', phase, file, String(runs)], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`phase ${phase} failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as PhaseResult;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
const ms = (t: number) => `${t.toFixed(0)} ms`;

function table(rows: string[][]): void {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  for (const row of rows) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
}

/**
 * HTML parses per page: the HAR's pages (cli phase) and `renkei analyze` of single HTML files: a
 * small plain page, a settings page, a shop page, and big shop pages below and above the size the
 * settings-page reader reads (READ_LIMITS.htmlChars); with the warm time of each.
 */
function parsesPerPage(dir: string, cli?: PhaseResult): void {
  const files: [string, string][] = [
    ['plain page (tag only)', join(ROOT, 'tests', 'fixtures', 'cli', 'oksky-correct.html')],
    ['settings page (ECAI)', join(ROOT, 'tests', 'fixtures', 'settings', 'ecai-cart-abandonment.html')],
  ];
  const gen: [string, string][] = [
    ['shop page', pageHtml(1, true)],
    ['big shop page', bigShopPage(2_500_000)],
    ['huge shop page', bigShopPage(12_000_000)],
  ];
  for (const [name, html] of gen) {
    const f = join(dir, `${name.replace(/ /g, '-')}.html`);
    writeFileSync(f, html);
    files.push([name, f]);
  }
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', SELF, '--parses-child', ...files.map(([, f]) => f)], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`parse count failed: ${r.stderr.slice(0, 1000)}`);
  const counts = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Record<string, { parses: number; ms: number }>;
  console.log('');
  console.log('HTML parses per page (target 1; every htmlparser2 Parser#end counted):');
  if (cli) console.log(`  HAR (cli phase): ${((cli.parses ?? 0) / (cli.pages || 1)).toFixed(2)} (${cli.parses} parses, ${cli.pages} pages)`);
  table([
    ['  renkei analyze FILE --format json', 'size', 'parses', 'warm (median)'],
    ...files.map(([name, f]) => [`  ${name}`, statSync(f).size > 100_000 ? mb(statSync(f).size) : `${(statSync(f).size / 1024).toFixed(1)} KB`, String(counts[f].parses), `${counts[f].ms.toFixed(2)} ms`]),
  ]);
}

/** The cli phase (cold, fresh processes) at ¼, ½ and the full HAR: time and RSS must grow linearly. */
function scaling(dir: string, entries: number, pages: number, fullSize: number, fullCold: PhaseResult[], floor: number): void {
  const points: { factor: number; size: number; ms: number; rss: number }[] = [];
  for (const q of [4, 2]) {
    const f = join(dir, `scale-${q}.har`);
    writeFileSync(f, generateHar(Math.round(entries / q), Math.max(1, Math.round(pages / q))));
    const rs = [runPhase('cli', f, 1), runPhase('cli', f, 1)];
    points.push({ factor: 4 / q, size: statSync(f).size, ms: median(rs.map((r) => r.times[0])), rss: median(rs.map((r) => r.maxRssBytes)) });
    rmSync(f, { force: true });
  }
  points.push({ factor: 4, size: fullSize, ms: median(fullCold.map((r) => r.times[0])), rss: median(fullCold.map((r) => r.maxRssBytes)) });
  const [one] = points;
  console.log('');
  console.log(`scaling (cli phase, cold; the HAR at 1×, 2×, 4×; linear growth means ratios ≈ 1, 2, 4):`);
  for (const p of points) {
    console.log(
      `  ${p.factor}×  ${mb(p.size).padStart(8)}  time ${ms(p.ms).padStart(7)} (${(p.ms / one.ms).toFixed(2)}×)  peak RSS ${mb(p.rss).padStart(8)} (${(p.rss / one.rss).toFixed(2)}×; above the floor ${((p.rss - floor) / (one.rss - floor)).toFixed(2)}×)`,
    );
  }
}

async function parent(): Promise<void> {
  const entries = arg('entries', 10_000);
  const pages = arg('pages', 200);
  const runs = arg('runs', 3);
  const dir = mkdtempSync(join(tmpdir(), 'renkei-bench-'));
  const file = join(dir, 'bench.har');
  const si = process.argv.indexOf('--big-sizes');
  const bigSizes = (si >= 0 ? process.argv[si + 1] : '5,20,50')
    .split(',')
    .map(Number)
    .filter((n) => Number.isFinite(n) && n > 0);
  if (process.argv.includes('--only-html')) {
    try {
      parsesPerPage(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  if (process.argv.includes('--only-big')) {
    try {
      await bigScripts(dir, bigSizes);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  try {
    const t = performance.now();
    writeFileSync(file, generateHar(entries, pages));
    const size = statSync(file).size;
    console.log(`HAR: ${entries} entries, ${pages} pages, ${mb(size)} (generated in ${ms(performance.now() - t)})`);
    console.log(`each phase: ${runs} fresh processes (cold: what one CLI run costs, and its peak RSS) + 1 process running it ${runs + 1}× (warm: median of the last ${runs})`);
    console.log('');

    const phases = ['floor', 'parse', 'analysis', 'cli', 'pool'];
    const cold = new Map<string, PhaseResult[]>();
    const warm = new Map<string, PhaseResult>();
    for (const p of phases) {
      cold.set(p, Array.from({ length: runs }, () => runPhase(p, file, 1)));
      if (p !== 'floor') warm.set(p, runPhase(p, file, runs + 1));
    }
    const coldMs = (p: string) => median(cold.get(p)!.map((r) => r.times[0]));
    const warmMs = (p: string) => median(warm.get(p)!.times.slice(1));
    const warmCpu = (p: string) => median(warm.get(p)!.cpu.slice(1));
    const rss = (p: string) => median(cold.get(p)!.map((r) => r.maxRssBytes));
    const floor = rss('floor');
    table([
      ['phase', 'cold (median)', 'warm (median)', 'warm CPU (median)', 'peak RSS', 'RSS / file', '(RSS − floor) / file'],
      ...phases.map((p) => [
        p,
        p === 'floor' ? '—' : ms(coldMs(p)),
        p === 'floor' ? '—' : ms(warmMs(p)),
        p === 'floor' ? '—' : ms(warmCpu(p)),
        mb(rss(p)),
        `${(rss(p) / size).toFixed(2)}×`,
        p === 'floor' ? '—' : `${((rss(p) - floor) / size).toFixed(2)}×`,
      ]),
    ]);
    console.log('');
    console.log('floor: node + tsx + the analysis modules loaded, no file read.');
    console.log('parse: the file read as UTF-8 text, then JSON.parse (timed). analysis: the same text → harToSession + analyzeSession + buildSnapshot (timed).');
    console.log('cli: renkei analyze --format json from the file (timed from the read to the JSON text; big UTF-8 JSON is read as Latin-1).');
    console.log('warm CPU: process.cpuUsage() (user + system, all threads incl. the GC) over the same span: on a loaded machine wall time also counts the time the process waited for a core.');
    console.log('floor: what the runtime costs before any data (node, the tsx loader and its worker, the modules); "RSS − floor" is the memory the data costs.');

    const bd = runPhase('breakdown', file, runs + 1);
    console.log('');
    console.log('warm breakdown of the analysis:');
    table([['stage', 'ms', '× JSON.parse'], ...Object.entries(bd.stages ?? {}).map(([k, v]) => [k, v.toFixed(0), (v / (bd.stages?.['JSON.parse'] ?? 1)).toFixed(2)])]);

    const alt = runPhase('alternate', file, runs * 2 + 1);
    const altRounds = (alt.rounds ?? []).slice(1);
    const altRatio = (k: string) => median(altRounds.map((r) => r[k] / r['JSON.parse']));
    console.log('');
    console.log(`alternating in one process (${altRounds.length} warm rounds: JSON.parse, analysis, pool; ratios within each round, median):`);
    const sum = (k: string) => altRounds.reduce((n, r) => n + r[k], 0);
    console.log(`  wall: JSON.parse ${ms(median(altRounds.map((r) => r['JSON.parse'])))}, analysis ${altRatio('analysis').toFixed(2)}×, pool (${process.env.RENKEI_WORKERS ?? 1} worker thread${(process.env.RENKEI_WORKERS ?? '1') === '1' ? '' : 's'} + this one) ${altRatio('pool').toFixed(2)}×`);
    console.log(`  CPU of this thread (sum of the rounds): JSON.parse ${ms(sum('JSON.parse thread CPU') / altRounds.length)} per round, analysis ${(sum('analysis thread CPU') / sum('JSON.parse thread CPU')).toFixed(2)}×, pool ${(sum('pool thread CPU') / sum('JSON.parse thread CPU')).toFixed(2)}× (the pool's critical path when its worker has a core to itself)`);
    console.log('pool: what renkei analyze does for a big HAR with 2+ cores: the bytes read in parts by worker threads and this thread (utils/cli/har-pool.ts), with the page evidence they derive; the result is the same.');
    console.log(`  pool phase (separate processes): cold ${ms(coldMs('pool'))} (starting the worker threads included), warm ${ms(warmMs('pool'))} = ${(warmMs('pool') / warmMs('parse')).toFixed(2)}× JSON.parse, peak RSS ${mb(rss('pool'))} (above the floor ${((rss('pool') - floor) / size).toFixed(2)}× the file)`);

    const ratioCold = coldMs('analysis') / coldMs('parse');
    const ratioWarm = warmMs('analysis') / warmMs('parse');
    const ratioCli = coldMs('cli') / coldMs('parse');
    const rssRatio = rss('analysis') / size;
    const cliRss = rss('cli') / size;
    console.log('');
    const ratioCpu = warmCpu('analysis') / warmCpu('parse');
    console.log(`analysis / JSON.parse: cold ${ratioCold.toFixed(2)}×, warm ${ratioWarm.toFixed(2)}×, warm CPU time ${ratioCpu.toFixed(2)}× (target ≤ 1.5×, judged on warm wall time) ${ratioWarm <= 1.5 ? 'OK' : 'OVER'}`);
    console.log(`cli / JSON.parse (cold, includes reading the file and writing the JSON): ${ratioCli.toFixed(2)}×`);
    const cliAbove = (rss('cli') - floor) / size;
    console.log(`peak RSS / file size (target ≤ 3×):`);
    console.log(`  absolute peak RSS:  analysis ${rssRatio.toFixed(2)}×, cli ${cliRss.toFixed(2)}× ${cliRss <= 3 ? 'OK' : 'OVER'} (the floor alone is ${(floor / size).toFixed(2)}×, a bare JSON.parse of the UTF-8 text ${(rss('parse') / size).toFixed(2)}×)`);
    console.log(`  above the floor:    analysis ${((rss('analysis') - floor) / size).toFixed(2)}×, cli ${cliAbove.toFixed(2)}× ${cliAbove <= 3 ? 'OK' : 'OVER'} (JSON.parse ${((rss('parse') - floor) / size).toFixed(2)}×) — the verdict of the target is this line, for the cli`);
    console.log(`pages analysed: ${warm.get('analysis')?.pages}, findings: ${warm.get('analysis')?.findings}`);
    parsesPerPage(dir, warm.get('cli')!);
    if (!process.argv.includes('--no-scaling')) scaling(dir, entries, pages, size, cold.get('cli')!, floor);
    if (bigSizes.length > 0) await bigScripts(dir, bigSizes);
  } finally {
    if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${file}`);
  }
}

const pi = process.argv.indexOf('--parses-child');
if (pi >= 0 && process.argv[1] === SELF) await parsesChild(process.argv.slice(pi + 1));
const ci = process.argv.indexOf('--child');
const bi = process.argv.indexOf('--big-child');
if (bi >= 0 && process.argv[1] === SELF) await bigChild(process.argv[bi + 1], process.argv[bi + 2]);
else if (ci >= 0 && process.argv[1] === SELF) await child(process.argv[ci + 1], process.argv[ci + 2], Number(process.argv[ci + 3] ?? 3));
else if (process.argv[1] === SELF && pi < 0) await parent();
