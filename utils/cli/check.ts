/**
 * `renkei check URL... [--state …] [--storage-state FILE] [--env LABEL] [--wait SECONDS]
 *                      [--out SNAPSHOT.json] [--format json|markdown|chatwork|text] [--lang ja|en]`
 *
 * Opens each URL in headless Chromium (Debian's, `CHROMIUM_PATH` or /usr/bin/chromium) with the
 * extension's own probe injected at document start, watches the vendors' requests (with the
 * `/login` body), waits for the widget and its `/login` (at most `--wait` seconds per page,
 * finishing early once `/login` was answered), and analyses the pages as one session exactly as
 * the extension does. Output and exit status as `renkei analyze` (CLI.md): 0 no error finding,
 * 1 at least one, 2 unusable input (one line on stderr, nothing on stdout).
 *
 * Options for tests and local fixture sites (not in the help):
 *   --host-rules "MAP host 127.0.0.1:PORT, …"   Chromium's --host-resolver-rules
 *   --ignore-https-errors                        accept self-signed certificates
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyzeSession } from '../core/analyze';
import { parseHtmlPage } from '../core/html';
import { oneLine } from '../core/input-error';
import { randomSalt } from '../core/mask';
import { LoginState, type Finding, type Lang, type NetworkRequest, type Page, type Session } from '../core/model';
import { renderAnalysisMarkdown } from '../core/report/markdown';
import { renderAnalysisChatwork } from '../core/report/chatwork';
import { reportFromResult } from '../core/report/from-result';
import { renderAnalysisText } from '../core/report/text';
import { buildSnapshot } from '../core/snapshot-build';
import { PROBE_GLOBAL } from '../ext/constants';
import { wantsBody } from '../ext/network';
import { LIMITS, ProbeCall, toRuntimeCall } from '../ext/protocol';
import { PROBE_SOURCE } from '../ext/probe-source';
import { VENDOR_URL_RE } from '../ext/relay';
import { defaultLang, toolVersion, type CliIo } from './main';

const MAX_URLS = 50;
const MAX_WAIT_S = 120;
const DEFAULT_WAIT_S = 10;
const MAX_HTML_BYTES = 32 * 1024 * 1024;

const TEXT: Record<Lang, Record<string, string>> = {
  ja: {
    help: `使い方: renkei check URL... [オプション]

ヘッドレス Chromium で各 URL を開き、拡張機能と同じプローブでタグの実行を記録し、
ウィジェットと /login のリクエストを待ってから解析します。複数の URL は一つのセッションです。

  --state logged-in|logged-out|unknown  ログイン状態を指定 (推定より優先)
  --storage-state FILE                  Playwright の storage state (ログイン済みのセッション)
  --env LABEL                           環境ラベル (staging, production など)
  --wait SECONDS                        1 ページで待つ最大秒数 (既定 10、/login が届けば早く終わる)
  --out SNAPSHOT.json                   スナップショットを保存 (renkei compare で比較できます)
  --format json|markdown|chatwork|text  出力形式 (既定 text)
  --lang ja|en                          言語
  --reveal                              個人の値をマスクせずに表示 (スナップショットには残りません)

Chromium が必要です: apt-get install -y chromium (または CHROMIUM_PATH を指定)
終了コード: 0 エラーなし / 1 エラーあり / 2 入力を使えない
`,
    noUrl: 'URL を一つ以上指定してください',
    badUrl: 'URL ではありません (http:// または https:// で始まる必要があります): {value}',
    tooMany: 'URL が多すぎます (最大 {max})',
    badValue: '{option} の値 {value} は使えません ({allowed})',
    noChromium: 'Chromium が見つかりません ({path})。apt-get install -y chromium でインストールするか、CHROMIUM_PATH を指定してください',
    launch: 'Chromium を起動できません: {reason}',
    storage: 'storage state を読めません: {reason}',
    navigate: 'ページを開けません: {reason}',
    option: '{reason}',
    out: 'スナップショットを書き込めません: {reason}',
  },
  en: {
    help: `Usage: renkei check URL... [options]

Opens each URL in headless Chromium, records the tag's calls with the extension's probe, waits
for the widget and its /login request, then analyses. Several URLs form one session.

  --state logged-in|logged-out|unknown  the pages' login state (wins over inference)
  --storage-state FILE                  a Playwright storage state (a logged-in session)
  --env LABEL                           environment label (staging, production, ...)
  --wait SECONDS                        longest wait per page (default 10; ends early once /login arrived)
  --out SNAPSHOT.json                   save the snapshot (for renkei compare)
  --format json|markdown|chatwork|text  output format (default text)
  --lang ja|en                          language
  --reveal                              show personal values unmasked (never in the snapshot)

Needs Chromium: apt-get install -y chromium (or set CHROMIUM_PATH)
Exit status: 0 no error / 1 errors / 2 input unusable
`,
    noUrl: 'give at least one URL',
    badUrl: 'not a URL (must start with http:// or https://): {value}',
    tooMany: 'too many URLs (at most {max})',
    badValue: '{option}: {value} is not allowed ({allowed})',
    noChromium: 'Chromium not found ({path}). Install it with apt-get install -y chromium, or set CHROMIUM_PATH',
    launch: 'cannot start Chromium: {reason}',
    storage: 'cannot read the storage state: {reason}',
    navigate: 'cannot open the page: {reason}',
    option: '{reason}',
    out: 'cannot write the snapshot: {reason}',
  },
};

function t(lang: Lang, id: string, data: Record<string, string | number> = {}): string {
  return (TEXT[lang][id] ?? id).replace(/\{(\w+)\}/g, (_, k: string) => String(data[k] ?? ''));
}

class CheckError extends Error {
  constructor(
    readonly subject: string,
    message: string,
  ) {
    super(message);
  }
}

export interface CheckOptions {
  urls: string[];
  state?: LoginState;
  storageState?: string;
  env?: string;
  waitMs: number;
  out?: string;
  format: 'json' | 'markdown' | 'chatwork' | 'text';
  lang: Lang;
  reveal: boolean;
  salt?: string;
  hostRules?: string;
  ignoreHttpsErrors: boolean;
}

export function parseCheckArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): CheckOptions | 'help' {
  const li = argv.indexOf('--lang');
  const early: Lang = li >= 0 && (argv[li + 1] === 'en' || argv[li + 1] === 'ja') ? (argv[li + 1] as Lang) : defaultLang(env);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        state: { type: 'string' },
        'storage-state': { type: 'string' },
        env: { type: 'string' },
        wait: { type: 'string' },
        out: { type: 'string' },
        format: { type: 'string' },
        lang: { type: 'string' },
        reveal: { type: 'boolean' },
        salt: { type: 'string' },
        'host-rules': { type: 'string' },
        'ignore-https-errors': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new CheckError('check', t(early, 'option', { reason: oneLine(e instanceof Error ? e.message : String(e), 200) }));
  }
  const v = parsed.values;
  const lang: Lang = v.lang === undefined ? early : v.lang === 'ja' || v.lang === 'en' ? v.lang : early;
  if (v.lang !== undefined && v.lang !== 'ja' && v.lang !== 'en') {
    throw new CheckError('--lang', t(lang, 'badValue', { option: '--lang', value: oneLine(v.lang, 40), allowed: 'ja, en' }));
  }
  if (v.help) return 'help';
  const urls = parsed.positionals;
  if (urls.length === 0) throw new CheckError('check', t(lang, 'noUrl'));
  if (urls.length > MAX_URLS) throw new CheckError('check', t(lang, 'tooMany', { max: MAX_URLS }));
  for (const u of urls) {
    let ok: boolean;
    try {
      ok = /^https?:$/.test(new URL(u).protocol);
    } catch {
      ok = false;
    }
    if (!ok) throw new CheckError(oneLine(u, 200), t(lang, 'badUrl', { value: oneLine(u, 200) }));
  }
  let state: LoginState | undefined;
  if (v.state !== undefined) {
    const s = LoginState.safeParse(v.state);
    if (!s.success) throw new CheckError('--state', t(lang, 'badValue', { option: '--state', value: oneLine(v.state, 40), allowed: LoginState.options.join(', ') }));
    state = s.data;
  }
  let waitS = DEFAULT_WAIT_S;
  if (v.wait !== undefined) {
    waitS = Number(v.wait);
    if (!Number.isFinite(waitS) || waitS < 0 || waitS > MAX_WAIT_S) {
      throw new CheckError('--wait', t(lang, 'badValue', { option: '--wait', value: oneLine(v.wait, 40), allowed: `0–${MAX_WAIT_S}` }));
    }
  }
  const format = v.format === undefined ? 'text' : v.format === 'md' ? 'markdown' : v.format;
  if (format !== 'json' && format !== 'markdown' && format !== 'chatwork' && format !== 'text') {
    throw new CheckError('--format', t(lang, 'badValue', { option: '--format', value: oneLine(String(v.format), 40), allowed: 'json, markdown, chatwork, text' }));
  }
  return {
    urls,
    ...(state ? { state } : {}),
    ...(v['storage-state'] ? { storageState: v['storage-state'] } : {}),
    ...(v.env ? { env: v.env } : {}),
    waitMs: Math.round(waitS * 1000),
    ...(v.out ? { out: v.out } : {}),
    format,
    lang,
    reveal: v.reveal === true,
    ...((v.salt ?? env.RENKEI_SALT) ? { salt: v.salt ?? env.RENKEI_SALT } : {}),
    ...(v['host-rules'] ? { hostRules: v['host-rules'] } : {}),
    ignoreHttpsErrors: v['ignore-https-errors'] === true,
  };
}

/** Records CSP-blocked vendor URLs (the network never sees them) for the capture. */
const CSP_WATCH = `(function(){var a=[];try{Object.defineProperty(window,'__renkeiDoctorCsp',{value:a});document.addEventListener('securitypolicyviolation',function(e){if(a.length<50&&typeof e.blockedURI==='string')a.push({url:e.blockedURI.slice(0,8192),directive:String(e.effectiveDirective||e.violatedDirective||'').slice(0,200),time:Date.now()})})}catch(e){}})();`;

/** Opens the URLs in one headless browser tab and returns them as one session. */
export async function captureSession(opts: CheckOptions): Promise<Session> {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) throw new CheckError('chromium', t(opts.lang, 'noChromium', { path }));
  let storageState: unknown;
  if (opts.storageState) {
    try {
      storageState = JSON.parse(readFileSync(opts.storageState, 'utf8'));
    } catch (e) {
      throw new CheckError(opts.storageState, t(opts.lang, 'storage', { reason: oneLine(e instanceof Error ? e.message : String(e), 200) }));
    }
  }
  const { chromium } = await import('playwright-core');
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: path,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        ...(opts.ignoreHttpsErrors ? ['--ignore-certificate-errors'] : []),
        ...(opts.hostRules ? [`--host-resolver-rules=${opts.hostRules}`] : []),
      ],
    });
  } catch (e) {
    throw new CheckError('chromium', t(opts.lang, 'launch', { reason: oneLine(e instanceof Error ? e.message : String(e), 200) }));
  }
  try {
    const context = await browser.newContext({
      ignoreHTTPSErrors: opts.ignoreHttpsErrors,
      locale: opts.lang === 'ja' ? 'ja-JP' : 'en-US',
      ...(storageState ? { storageState: storageState as never } : {}),
    });
    await context.addInitScript({ content: PROBE_SOURCE });
    await context.addInitScript({ content: CSP_WATCH });
    const tab = await context.newPage();

    const requests: NetworkRequest[] = [];
    const byRequest = new Map<object, NetworkRequest>();
    let currentPageId = '';
    let dropped = 0;
    let seq = 0;
    tab.on('request', (r) => {
      const url = r.url();
      if (!VENDOR_URL_RE.test(url)) return;
      const method = r.method();
      const req: NetworkRequest = { id: `cdp-${++seq}`, url: url.slice(0, 8_192), method, type: r.resourceType(), time: Date.now(), pageId: currentPageId };
      if (wantsBody(url, method)) {
        const body = r.postData();
        if (body !== null) {
          req.body = body.slice(0, LIMITS.bodyBytes);
          if (body.length > LIMITS.bodyBytes) req.bodyTruncated = true;
        }
        const ct = r.headers()['content-type'];
        if (ct) req.contentType = ct.slice(0, 200);
      }
      if (requests.length >= LIMITS.requests) {
        requests.shift();
        dropped++;
      }
      requests.push(req);
      byRequest.set(r, req);
    });
    tab.on('response', (res) => {
      const req = byRequest.get(res.request());
      if (!req) return;
      req.status = res.status();
      req.durationMs = Date.now() - req.time;
    });
    tab.on('requestfailed', (r) => {
      const req = byRequest.get(r);
      if (!req) return;
      req.error = (r.failure()?.errorText ?? 'failed').slice(0, 500);
      req.durationMs = Date.now() - req.time;
    });

    const pages: Page[] = [];
    for (const [i, url] of opts.urls.entries()) {
      currentPageId = `p${i + 1}`;
      const start = Date.now();
      let response;
      try {
        response = await tab.goto(url, { waitUntil: 'domcontentloaded', timeout: Math.max(15_000, opts.waitMs) });
      } catch (e) {
        throw new CheckError(url, t(opts.lang, 'navigate', { reason: oneLine(e instanceof Error ? e.message.split('\n')[0]! : String(e), 200) }));
      }
      const deadline = start + opts.waitMs;
      await tab.waitForLoadState('load', { timeout: Math.max(1, deadline - Date.now()) }).catch(() => undefined);
      // wait for the widget's /login (answered), unless the page carries no vendor tag at all
      const graceEnd = Date.now() + 1_000;
      for (;;) {
        const mine = requests.filter((r) => r.pageId === currentPageId);
        const login = mine.find((r) => r.method === 'POST' && /\/login\/?$/.test(new URL(r.url).pathname));
        if (login && (login.status !== undefined || login.error !== undefined)) break;
        // a /login whose answer never comes (hanging server): seen is enough after a second
        if (login && Date.now() - login.time > 1_000) break;
        const calls = await probeCalls(tab).catch(() => []);
        const tagged = calls.length > 0 || mine.length > 0;
        if (!tagged && Date.now() >= graceEnd) break;
        if (Date.now() >= deadline) break;
        await tab.waitForTimeout(100);
      }
      let html = '';
      try {
        html = response ? await response.text() : '';
      } catch {
        html = '';
      }
      if (!html || !/<html|<script|<body/i.test(html)) html = await tab.content().catch(() => '');
      if (html.length > MAX_HTML_BYTES) html = html.slice(0, MAX_HTML_BYTES);
      const page = parseHtmlPage(html, tab.url() || url, { ...(opts.state ? { state: opts.state } : {}), time: start, id: currentPageId });
      page.runtimeCalls = (await probeCalls(tab).catch(() => [])).map(toRuntimeCall);
      const title = await tab.title().catch(() => '');
      if (title && !page.title) page.title = title.slice(0, 500);
      const csp = (await tab.evaluate(() => (window as unknown as { __renkeiDoctorCsp?: unknown[] }).__renkeiDoctorCsp ?? []).catch(() => [])) as {
        url?: unknown;
        directive?: unknown;
        time?: unknown;
      }[];
      for (const [k, v] of csp.slice(0, LIMITS.violationsPerPage).entries()) {
        if (typeof v?.url !== 'string' || !VENDOR_URL_RE.test(v.url)) continue;
        requests.push({
          id: `csp-${i}-${k}`,
          url: v.url,
          method: 'GET',
          type: 'script',
          error: `csp: blocked by Content-Security-Policy (${typeof v.directive === 'string' ? v.directive : ''})`,
          time: typeof v.time === 'number' ? v.time : Date.now(),
          pageId: currentPageId,
        });
      }
      pages.push(page);
    }
    await context.close();
    return { pages, requests, ...(dropped > 0 ? { dropped: { pages: 0, requests: dropped } } : {}) };
  } finally {
    await browser.close().catch(() => undefined);
  }
}

async function probeCalls(tab: { evaluate<R, A>(fn: (a: A) => R, arg: A): Promise<R> }) {
  const raw = (await tab.evaluate((g: string) => {
    const m = (window as unknown as Record<string, { calls?: unknown[] } | undefined>)[g];
    return m && Array.isArray(m.calls) ? m.calls.slice(0, 500) : [];
  }, PROBE_GLOBAL)) as unknown[];
  const calls = [];
  for (const c of raw) {
    const parsed = ProbeCall.safeParse(c);
    if (parsed.success) calls.push(parsed.data);
  }
  return calls;
}

const defaultIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
};

function hasError(findings: Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

export async function runCheck(argv: string[], io: CliIo = defaultIo): Promise<number> {
  let lang: Lang = defaultLang(io.env);
  try {
    const opts = parseCheckArgs(argv, io.env);
    if (opts === 'help') {
      const li = argv.indexOf('--lang');
      const l: Lang = li >= 0 && argv[li + 1] === 'en' ? 'en' : li >= 0 && argv[li + 1] === 'ja' ? 'ja' : lang;
      io.stdout(TEXT[l].help!);
      return 0;
    }
    lang = opts.lang;
    const session = await captureSession(opts);
    const salt = opts.salt || randomSalt();
    const result = analyzeSession(session, { lang, salt, reveal: opts.reveal, captureWindowMs: DEFAULT_WAIT_S * 1000, networkCaptured: true });
    const createdAt = new Date().toISOString();
    let site: string | undefined;
    try {
      site = new URL(opts.urls[0]!).hostname;
    } catch {
      site = undefined;
    }
    const snapshot = buildSnapshot(result, { version: toolVersion(), ...(opts.env ? { env: opts.env } : {}), ...(site ? { site } : {}), createdAt });
    if (opts.out) {
      try {
        writeFileSync(opts.out, `${JSON.stringify(snapshot, null, 2)}\n`);
      } catch (e) {
        throw new CheckError(opts.out, t(lang, 'out', { reason: oneLine(e instanceof Error ? e.message : String(e), 200) }));
      }
    }
    if (opts.format === 'json') {
      io.stdout(`${JSON.stringify(snapshot, null, 2)}\n`);
    } else {
      const report = reportFromResult(result, { env: opts.env, createdAt, revealed: opts.reveal, dropped: session.dropped });
      io.stdout(opts.format === 'markdown' ? renderAnalysisMarkdown(report) : opts.format === 'chatwork' ? renderAnalysisChatwork(report) : renderAnalysisText(report));
    }
    return hasError(result.findings) ? 1 : 0;
  } catch (e) {
    if (e instanceof CheckError) {
      io.stderr(`renkei check: ${e.subject}: ${oneLine(e.message, 400)}\n`);
      return 2;
    }
    io.stderr(`renkei check: ${oneLine(e instanceof Error ? `${e.name}: ${e.message}` : String(e), 400)}\n`);
    return 2;
  }
}
