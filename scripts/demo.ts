/**
 * `npm start`: the demo. Builds the extension, serves the demo shop (the documents' correct and
 * broken OK SKY tags, logged-in and logged-out pages, another subdomain, a staging copy) over
 * HTTPS under its real-looking host names with stub vendor widgets, starts the companion API when
 * it is there, and opens Chromium with the extension when a display exists (and says so only once
 * it really opened) — otherwise prints the extension id, the demo pages, the panel-as-a-tab URL
 * and how to open them by hand. As root, Chromium gets `--no-sandbox` (it refuses to start as
 * root without it). Runs until Ctrl-C.
 *
 *   npm start                      build + serve + browser (when DISPLAY is set)
 *   npm start -- --headless        the store listing's pictures (1280×800: the panel docked below
 *                                  a demo page, the popup over it) into a folder (--out DIR,
 *                                  default demo-screenshots/), then exits
 *   npm start -- --no-build        reuse .output/chrome-mv3
 *   npm start -- --port 8443       the local HTTPS port (default 8443, or PORT)
 *   npm start -- --no-companion    do not start the companion API
 */
import { chromium as playwrightChromium, type BrowserContext, type Worker } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { storeScreenshots } from '../e2e/screens';
import { FIXTURE_HOSTS, hostResolverRules, startFixtureServer } from '../e2e/server';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXT = join(ROOT, process.env.RENKEI_OUT_DIR ?? '.output', 'chrome-mv3');
const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const DEMO_PAGES: [string, string][] = [
  ['https://demo.example.jp/', 'シナリオ一覧 / scenario index'],
  ['https://shop.example.jp/mypage', 'ログイン中・正しい連携タグ (問題なし)'],
  ['https://shop.example.jp/', '未ログイン・通常のタグ (正しい)'],
  ['https://shop.example.jp/smart-quotes', '000 の例(正)をそのまま貼った (全角の引用符 → SyntaxError)'],
  ['https://shop.example.jp/no-loginkey', '000 の例(誤): loginKey なし'],
  ['https://shop.example.jp/plain-while-logged-in', 'ログイン後のタグが通常のタグのまま'],
  ['https://shop.example.jp/mismatch', '/login の query がタグと違う'],
  ['https://shop.example.jp/widget-404', 'ウィジェットが読み込めない (404)'],
  ['https://shop.example.jp/no-login-request', '/login が送られない'],
  ['https://shop.example.jp/logged-out-000', '000 の未ログイン時のタグ (別のキー・別ドメイン)'],
  ['https://support.example.jp/', '別サブドメイン (Cookie が引き継がれない)'],
  ['https://stg.shop.example.jp/mypage', 'ステージング: 連携タグが入っていない'],
];

/** Chrome's id for an unpacked extension: SHA-256 of its absolute path, first 32 hex digits mapped 0-f → a-p. */
function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(dir).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

const DEMO_HOSTS = [...new Set(DEMO_PAGES.map(([u]) => new URL(u).hostname))];

function log(line = '') {
  process.stdout.write(`${line}\n`);
}

async function main() {
  const children: ChildProcess[] = [];

  if (!flag('--no-build')) {
    log('連携ドクター demo: 拡張機能をビルドしています (wxt build)…');
    const r = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) {
      process.stderr.write('demo: wxt build failed\n');
      process.exit(1);
    }
  }
  if (!existsSync(join(EXT, 'manifest.json'))) {
    process.stderr.write(`demo: ${relative(ROOT, EXT)} がありません。npm run build を実行してください\n`);
    process.exit(1);
  }

  const port = Number(option('--port') ?? process.env.PORT ?? 8443);
  const server = await startFixtureServer({ port });
  const rules = hostResolverRules(server.port);

  // the companion API (shared snapshots, checklist progress) on its embedded database, with a demo
  // token and CORS for this unpacked extension's origin (its id is derived from its path)
  let companionInfo: { url: string; token?: string } | undefined;
  if (!flag('--no-companion') && existsSync(join(ROOT, 'companion', 'main.ts'))) {
    const companionPort = process.env.COMPANION_PORT ?? '8787';
    const env = { ...process.env, PORT: companionPort, EXTENSION_ORIGINS: unpackedExtensionId(EXT) };
    const made = spawnSync('node', ['bin/renkei.mjs', 'companion', 'token', 'create', '--workspace', 'demo'], { cwd: ROOT, env, encoding: 'utf8' });
    const token = made.status === 0 ? made.stdout.trim().split('\n').pop() : undefined;
    // its own process group: stopping the demo stops the server it started
    const child = spawn('node', ['--import', 'tsx', 'companion/main.ts', 'serve'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], env, detached: true });
    child.on('exit', (code) => {
      if (code !== null && code !== 0) log(`demo: companion API exited (${code}); the extension works without it`);
    });
    children.push(child);
    companionInfo = { url: `http://127.0.0.1:${companionPort}`, token };
    log(`companion API: ${companionInfo.url} (embedded database in ./data)`);
  }

  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const browserArgs = [
    `--disable-extensions-except=${EXT}`,
    `--load-extension=${EXT}`,
    '--ignore-certificate-errors',
    `--host-resolver-rules=${rules}`,
    '--no-first-run',
    '--no-default-browser-check',
    // Chromium refuses to start as root without it
    ...(IS_ROOT ? ['--no-sandbox'] : []),
  ];
  const launch = (headless: boolean) =>
    playwrightChromium.launchPersistentContext('', {
      executablePath: chromium,
      headless,
      ignoreHTTPSErrors: true,
      viewport: headless ? { width: 1280, height: 800 } : null,
      args: browserArgs,
      ignoreDefaultArgs: ['--disable-extensions'],
    });

  log('');
  log(`HTTPS demo sites on 127.0.0.1:${server.port} for: ${FIXTURE_HOSTS.join(' ')}`);
  log('');
  log('開くページ / pages to open:');
  for (const [url, what] of DEMO_PAGES) log(`  ${url.padEnd(48)} ${what}`);
  log('');

  if (flag('--headless')) {
    const dir = resolve(ROOT, option('--out') ?? 'demo-screenshots');
    const context = await launch(true);
    try {
      const { id } = await demoExtension(context);
      log(`extension id: ${id}`);
      // the store listing's pictures, as `npm run screenshots` makes them (e2e/screens.ts)
      await storeScreenshots(context, id, (host, path) => `https://${host}${path}`, dir, log);
      log(`スクリーンショット / screenshots: ${relative(ROOT, dir) || '.'}/`);
    } finally {
      await context.close();
      await stopAll(children, server);
    }
    process.exit(0);
  }

  let opened: BrowserContext | undefined;
  if (process.env.DISPLAY && existsSync(chromium)) {
    try {
      opened = await launch(false);
      const { id } = await demoExtension(opened);
      const first = opened.pages()[0] ?? (await opened.newPage());
      await first.goto(DEMO_PAGES[0]![0]);
      log(`extension id: ${id}`);
      log('Chromium を拡張機能つきで起動しました。ツールバーのバッジと、DevTools の「連携」パネルを見てください。');
      log('Chromium started with the extension: watch the toolbar badge and the DevTools panel 「連携」.');
      opened.on('close', () => void stop());
    } catch (e) {
      log(`Chromium を起動できませんでした / Chromium did not start: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      opened = undefined;
    }
  }
  if (!opened) {
    const id = unpackedExtensionId(EXT);
    log(
      !process.env.DISPLAY
        ? 'DISPLAY がないのでブラウザは起動しません。手で開く方法 / no display — by hand:'
        : existsSync(chromium)
          ? '手で開く方法 / by hand:'
          : `Chromium が見つかりません (${chromium}): apt-get install -y chromium`,
    );
    log('');
    log(`  extension id (unpacked from ${relative(ROOT, EXT)}): ${id}`);
    log('');
    log('  1. Chromium をホストの対応づけつきで起動 / start Chromium with the host mapping:');
    log('');
    log(`     ${chromium} \\`);
    log(`       --user-data-dir="$(mktemp -d)" \\`);
    if (IS_ROOT) log('       --no-sandbox \\');
    log(`       --load-extension=${EXT} \\`);
    log(`       --ignore-certificate-errors \\`);
    log(`       --host-resolver-rules="${rules}" \\`);
    log(`       ${DEMO_PAGES[0]![0]}`);
    log('');
    log(`  2. または chrome://extensions → デベロッパーモード → 「パッケージ化されていない拡張機能を読み込む」で`);
    log(`     ${EXT} を選ぶ (上の --host-resolver-rules と --ignore-certificate-errors は起動オプションで必要です)`);
    log(`     or load ${EXT} unpacked at chrome://extensions (Developer mode); the two flags above are still needed.`);
    log('     Google Chrome 137 以降 (ブランド版) は --load-extension を無視します: 2. の方法で読み込んでください。');
    log('     Branded Google Chrome 137 and later ignores --load-extension: load it unpacked as in 2.');
    log('');
    log('  3. 上のページを開き、F12 → 「連携」パネル (パネルが多いときは » の中) を開くと、そのサイトの記録が始まります');
    log('     (「再読み込みして記録」)。ツールバーのバッジとポップアップも確認します。');
    log('     Open a page above, then F12 → panel 「連携」 (under » when DevTools has many panels): that turns recording');
    log('     on for the site ("Reload and record"). See the badge and the popup too.');
    log('');
    log('  パネルをタブとして開く / the panel as a tab (N = the tab id; the popup\'s 「詳細パネルを開く」 opens it for the current tab):');
    log(`     chrome-extension://${id}/devtools-panel.html?tabId=N`);
    log(`     chrome-extension://${id}/popup.html?tabId=N`);
    log('');
    log('  スクリーンショットだけ / screenshots only: npm start -- --headless');
    log('');
    log(`  CLI: npx renkei check https://shop.example.jp/mypage https://shop.example.jp/ --host-rules "${rules}" --ignore-https-errors`);
  }
  if (companionInfo) {
    log('');
    log('コンパニオン API / companion API: 拡張機能のオプションで次を設定すると、スナップショットの共有とチェックリストの同期が使えます');
    log('  set these in the extension options to share snapshots and sync checklists:');
    log(`  URL:   ${companionInfo.url}`);
    if (companionInfo.token) log(`  token: ${companionInfo.token}`);
  }
  log('');
  log('Ctrl-C で終了 / Ctrl-C to stop.');

  let stopping = false;
  async function stop() {
    if (stopping) return;
    stopping = true;
    await opened?.close().catch(() => undefined);
    await stopAll(children, server);
    process.exit(0);
  }
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

async function stopAll(children: ChildProcess[], server: { close(): Promise<void> }) {
  for (const c of children) {
    if (c.pid === undefined || c.exitCode !== null) continue;
    try {
      process.kill(-c.pid, 'SIGTERM');
    } catch {
      c.kill('SIGTERM');
    }
  }
  await server.close();
}

/** the extension's worker in a launched browser, with the demo hosts turned on for capture */
async function demoExtension(context: BrowserContext): Promise<{ id: string; worker: Worker }> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  for (let i = 0; ; i++) {
    const ok = await worker
      .evaluate(async (hosts) => {
        const api = (globalThis as unknown as { renkeiCaptureSites?: { set(s: unknown): Promise<unknown> } }).renkeiCaptureSites;
        if (!api) return false;
        await api.set({ all: false, hosts });
        return true;
      }, DEMO_HOSTS)
      .catch(() => false);
    if (ok) break;
    if (i > 100) throw new Error('the extension did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { id: new URL(worker.url()).host, worker };
}

void main().catch((e: unknown) => {
  process.stderr.write(`demo: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
