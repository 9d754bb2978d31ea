/**
 * Capture: the probe, the relay and the background record what the documents describe —
 * the tag's calls as they run, the inline tag text with its position, the `/login` payload as
 * the network saw it — into one per-tab session across navigations, persisted across a
 * service-worker restart.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures';
import type { TabCapture } from '../utils/ui/source';
import { buildSync } from 'esbuild';
import { serializeUpTo, SERIALIZE_MAX_ELEMENTS } from '../utils/ext/relay';

const SHOP = 'shop.example.jp';

async function waitForCapture(
  ext: { capture(tabId: number): Promise<TabCapture> },
  tabId: number,
  ready: (c: TabCapture) => boolean,
  message: string,
): Promise<TabCapture> {
  let last: TabCapture | undefined;
  await expect
    .poll(
      async () => {
        last = await ext.capture(tabId);
        return ready(last);
      },
      { timeout: 15_000, message },
    )
    .toBe(true);
  return last!;
}

const loginRequests = (c: TabCapture) => c.session.requests.filter((r) => r.method === 'POST' && /\/login$/.test(new URL(r.url).pathname));

test('logged-in page with 000 tag: static script with position, runtime calls, widget load and /login body', async ({ page, server, ext }) => {
  await page.goto(server.url(SHOP, '/mypage'));
  const tabId = await ext.tabIdOf(page);
  const c = await waitForCapture(ext, tabId, (c) => loginRequests(c).length === 1 && (c.session.pages[0]?.runtimeCalls.length ?? 0) >= 3, 'login request and calls');
  expect(c.session.pages).toHaveLength(1);
  const p = c.session.pages[0]!;
  expect(p.url).toBe('https://shop.example.jp/mypage');
  expect(p.title).toBe('マイページ');
  expect(p.state.value).toBe('logged-in');
  expect(p.state.source).toBe('inferred');
  // the tag script is the only inline script; it starts on the line after `<script>`
  const tag = p.scripts.find((s) => s.text.includes('OkskyChat("loginKey"'));
  expect(tag).toBeDefined();
  expect(tag!.line).toBe(17);
  expect(tag!.column).toBe(9);
  expect(p.scriptUrls).toContain('https://kobuna-s-001.okskychat.net/widget/widget.js');
  // runtime calls, page-reported
  const calls = p.runtimeCalls.map((r) => [r.name, r.args[0]?.kind === 'string' ? r.args[0].value : r.args[0]?.kind]);
  expect(calls).toEqual([
    ['key', 'kobuna-s-001-0D5ACD179B043831'],
    ['loginKey', 'customer_id'],
    ['customer_id', 'A1234567'],
  ]);
  expect(p.runtimeCalls.every((r) => r.origin === 'runtime' && r.vendor === 'oksky' && r.form === 'queue' && r.global === 'OkskyChat')).toBe(true);
  // network: the widget load and the /login POST with its raw JSON body
  const widget = c.session.requests.find((r) => r.url === 'https://kobuna-s-001.okskychat.net/widget/widget.js');
  expect(widget?.status).toBe(200);
  expect(widget?.type).toBe('script');
  expect(widget?.pageId).toBe(p.id);
  const [login] = loginRequests(c);
  expect(login!.url).toBe('https://kobuna-s-001.okskychat.net/rapi/v1/clients/kobuna-s-001-0D5ACD179B043831/login');
  expect(JSON.parse(login!.body!)).toEqual({ key: 'kobuna-s-001-0D5ACD179B043831', query: { customer_id: 'A1234567' } });
  expect(login!.contentType).toBe('application/json');
  expect(login!.pageId).toBe(p.id);
  await expect.poll(async () => (await ext.capture(tabId)).session.requests.find((r) => r.id === login!.id)?.status).toBe(200);
  expect(c.siteAccess).toBe('granted');
  // the server saw the same payload
  expect(JSON.parse(server.requests({ path: /\/login$/, method: 'POST' })[0]!.body)).toEqual({
    key: 'kobuna-s-001-0D5ACD179B043831',
    query: { customer_id: 'A1234567' },
  });
});

test('tenant-named queue global is found and recorded before the widget drains it', async ({ page, server, ext }) => {
  await page.goto(server.url(SHOP, '/tenant-global'));
  const tabId = await ext.tabIdOf(page);
  const c = await waitForCapture(ext, tabId, (c) => (c.session.pages[0]?.runtimeCalls.length ?? 0) >= 3 && loginRequests(c).length === 1, 'tenant calls');
  const calls = c.session.pages[0]!.runtimeCalls;
  expect(calls.map((r) => r.global)).toEqual(['KobunaChat', 'KobunaChat', 'KobunaChat']);
  expect(calls.map((r) => r.name)).toEqual(['key', 'loginKey', 'customer_id']);
  // the stub widget found the same queue: its /login carries the linkage
  expect(JSON.parse(loginRequests(c)[0]!.body!).query).toEqual({ customer_id: 'A1234567' });
});

test('SDK form: new OkskyChat(id, url, options) and .show() are recorded', async ({ page, server, ext }) => {
  await page.goto(server.url(SHOP, '/sdk'));
  const tabId = await ext.tabIdOf(page);
  const c = await waitForCapture(ext, tabId, (c) => (c.session.pages[0]?.runtimeCalls.length ?? 0) >= 2, 'sdk calls');
  const [created, shown] = c.session.pages[0]!.runtimeCalls;
  expect(created!.form).toBe('sdk');
  expect(created!.name).toBe('new');
  expect(created!.args[0]).toEqual({ kind: 'string', value: 'kobuna-s-001-0D5ACD179B043831' });
  expect(created!.args[2]).toMatchObject({ kind: 'object' });
  const login = created!.args[2]!.kind === 'object' ? created!.args[2]!.entries.find((e) => e.key === 'login') : undefined;
  expect(login?.value).toEqual({ kind: 'object', entries: [{ key: 'customer_id', value: { kind: 'string', value: 'A1234567' } }] });
  expect(shown!.name).toBe('show');
  await expect.poll(async () => loginRequests(await ext.capture(tabId)).length).toBe(1);
});

test('Channel Talk snippet: ChannelIO(command, arg) calls are recorded and the boot request is seen', async ({ page, server, ext }) => {
  server.page(
    SHOP,
    '/channel',
    `<!DOCTYPE html><html><head><title>channel</title></head><body><a href="/logout">ログアウト</a>
<script>
(function(){var w=window;if(w.ChannelIO){return w.console.error("ChannelIO script included twice.");}var ch=function(){ch.c(arguments);};ch.q=[];ch.c=function(args){ch.q.push(args);};w.ChannelIO=ch;function l(){if(w.ChannelIOInitialized){return;}w.ChannelIOInitialized=true;var s=document.createElement("script");s.type="text/javascript";s.async=true;s.src="https://cdn.channel.io/plugin/ch-plugin-web.js";var x=document.getElementsByTagName("script")[0];if(x.parentNode){x.parentNode.insertBefore(s,x);}}if(document.readyState==="complete"){l();}else{w.addEventListener("DOMContentLoaded",l);w.addEventListener("load",l);}})();
ChannelIO('boot', { pluginKey: 'plugin-key-1', memberId: 'M-0001', profile: { name: 'こぶな', lastCheckoutCompletedAt: 1700000000000 } });
</script></body></html>`,
  );
  await page.goto(server.url(SHOP, '/channel'));
  const tabId = await ext.tabIdOf(page);
  const c = await waitForCapture(
    ext,
    tabId,
    (c) => (c.session.pages[0]?.runtimeCalls.length ?? 0) >= 1 && c.session.requests.some((r) => /\/boot$/.test(r.url)),
    'channel boot',
  );
  const boot = c.session.pages[0]!.runtimeCalls[0]!;
  expect(boot).toMatchObject({ vendor: 'channeltalk', form: 'snippet', name: 'boot', global: 'ChannelIO', origin: 'runtime' });
  const req = c.session.requests.find((r) => /\/boot$/.test(r.url))!;
  expect(JSON.parse(req.body!)).toMatchObject({ pluginKey: 'plugin-key-1', memberId: 'M-0001' });
});

test('one session per tab across navigations, in order, with each page state', async ({ page, server, ext }) => {
  await page.goto(server.url(SHOP, '/mypage'));
  const tabId = await ext.tabIdOf(page);
  await waitForCapture(ext, tabId, (c) => loginRequests(c).length === 1, 'first page');
  await page.goto(server.url(SHOP, '/'));
  await page.goto(server.url('support.example.jp', '/'));
  // a page without any vendor tag is recorded by its address and title only (so the panel can say "no tag here")
  await page.goto(server.url(SHOP, '/about'));
  await page.goto(server.url(SHOP, '/login'));
  const c = await waitForCapture(ext, tabId, (c) => c.session.pages.length === 5 && loginRequests(c).length === 4, 'five pages, four with a tag');
  expect(c.session.pages.map((p) => [p.url, p.state.value])).toEqual([
    ['https://shop.example.jp/mypage', 'logged-in'],
    ['https://shop.example.jp/', 'logged-out'],
    ['https://support.example.jp/', 'logged-out'],
    ['https://shop.example.jp/about', 'unknown'],
    ['https://shop.example.jp/login', 'logged-out'],
  ]);
  expect(c.session.pages[3]!.scripts).toEqual([]);
  // the page time is the navigation start, before the page's own requests
  for (const r of c.session.requests) {
    const p = c.session.pages.find((x) => x.id === r.pageId)!;
    expect(r.time).toBeGreaterThanOrEqual(p.time!);
  }
  // each page's requests are attributed to it
  // (the widget logs in on every page; with the plain tag its query is empty, as 000 shows)
  const logins = loginRequests(c).map((r) => [c.session.pages.findIndex((p) => p.id === r.pageId), JSON.parse(r.body!).query]);
  expect(logins).toEqual([
    [0, { customer_id: 'A1234567' }],
    [1, {}],
    [2, {}],
    [4, {}],
  ]);
  const widgetPages = c.session.requests.filter((r) => r.url.endsWith('/widget/widget.js')).map((r) => c.session.pages.findIndex((p) => p.id === r.pageId));
  expect(widgetPages).toEqual([0, 1, 2, 4]);
});

test('the session survives a service-worker restart (storage.session)', async ({ page, server, ext }) => {
  await page.goto(server.url(SHOP, '/mypage'));
  const tabId = await ext.tabIdOf(page);
  await waitForCapture(ext, tabId, (c) => loginRequests(c).length === 1 && (c.session.pages[0]?.runtimeCalls.length ?? 0) === 3, 'first page');
  const sw = await ext.worker();
  // a marker in the running worker's globals: gone once the worker restarted
  await sw.evaluate(() => ((globalThis as unknown as { __oldWorker: boolean }).__oldWorker = true));
  // no flush: every event is written as it is applied, so a stop right after it loses nothing
  await ext.stopWorker(page);
  await page.goto(server.url(SHOP, '/'));
  await expect
    .poll(async () => (await ext.worker()).evaluate(() => (globalThis as unknown as { __oldWorker?: boolean }).__oldWorker ?? false).catch(() => true))
    .toBe(false);
  // the page's report and its /login arrive separately: wait for both (state, not time)
  const c = await waitForCapture(ext, tabId, (c) => c.session.pages.length === 2 && loginRequests(c).length === 2, 'second page and its /login after restart');
  expect(c.session.pages.map((p) => p.url)).toEqual(['https://shop.example.jp/mypage', 'https://shop.example.jp/']);
  // the first page's evidence came back from storage.session; the second page's was added by the new worker
  expect(c.session.pages[0]!.runtimeCalls).toHaveLength(3);
  expect(loginRequests(c).map((r) => JSON.parse(r.body!).query)).toEqual([{ customer_id: 'A1234567' }, {}]);
  expect(loginRequests(c).map((r) => r.pageId)).toEqual(c.session.pages.map((p) => p.id));
});

test('the worker is stopped while a page is loading: the request that started before and everything after are kept', async ({ page, server, ext }) => {
  // the widget is held until the old worker is gone: its end, the queue drain and the /login
  // happen under the new worker, its start under the old one
  let release!: () => void;
  const released = new Promise<void>((ok) => (release = ok));
  const widget = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'stubs', 'oksky-widget.js'), 'utf8').replace('/*__STUB_CONFIG__*/ {}', '{"login":true}');
  server.route({ host: 'kobuna-s-001.okskychat.net', path: '/widget/widget.js' }, async (_req, res) => {
    await released;
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
    res.end(widget);
  });
  await page.goto(server.url(SHOP, '/mypage'), { waitUntil: 'domcontentloaded' });
  const tabId = await ext.tabIdOf(page);
  const widgetUrl = 'https://kobuna-s-001.okskychat.net/widget/widget.js';
  // the stop comes as soon as the widget request has started: the relay's page report and calls
  // (sent at DOMContentLoaded) may not have reached the old worker yet, may be in its hands, or
  // may be stored — a message the stopped worker held unacknowledged is sent again by the relay to
  // the new worker, and one it had stored is not applied twice
  await waitForCapture(ext, tabId, (c) => c.session.requests.some((r) => r.url === widgetUrl && r.status === undefined), 'the pending widget request');
  await ext.stopWorker(page);
  release();
  const c = await waitForCapture(
    ext,
    tabId,
    // the relay's report with the calls may come last: sent to the old worker, which was stopped
    // holding it, it is sent again after a pause (relay-outbox.ts), possibly after the widget's end
    (c) =>
      loginRequests(c).length === 1 &&
      c.session.requests.some((r) => r.url === widgetUrl && r.status === 200) &&
      (c.session.pages[0]?.runtimeCalls.length ?? 0) >= 3,
    'the widget end, the /login and the page report with its calls, under the new worker',
  );
  expect(c.session.pages).toHaveLength(1);
  const p = c.session.pages[0]!;
  expect(p.runtimeCalls.map((r) => r.name)).toEqual(['key', 'loginKey', 'customer_id']);
  const w = c.session.requests.find((r) => r.url === widgetUrl)!;
  expect(w.pageId).toBe(p.id);
  expect(w.durationMs).toBeGreaterThan(0);
  const [login] = loginRequests(c);
  expect(login!.pageId).toBe(p.id);
  expect(JSON.parse(login!.body!).query).toEqual({ customer_id: 'A1234567' });
  // and the analysis sees a complete, correct linkage: no "login request missing"
  const status = await ext.status(tabId);
  expect(status.findings.map((f) => f.ruleId)).not.toContain('oksky/login-request-missing');
});

for (const stage of ['apply', 'ack'] as const) {
  test(`a relay message the worker held when it was stopped (${stage === 'apply' ? 'before applying it' : 'stored, not yet acknowledged'}) is sent again to the next worker and kept once`, async ({
    page,
    server,
    ext,
  }) => {
    // the worker holds the relay's messages (a test hook): before applying them, or after storing
    // them but before acknowledging them — the instant a forced stop or a crash can hit
    const sw = await ext.worker();
    await sw.evaluate((stage) => {
      const g = globalThis as unknown as { renkeiHoldRelay?: unknown; renkeiHeldRelay?: number };
      g.renkeiHeldRelay = 0;
      g.renkeiHoldRelay = { stage, until: new Promise(() => undefined) };
    }, stage);
    await page.goto(server.url(SHOP, '/mypage'));
    const tabId = await ext.tabIdOf(page);
    // the page report, with the calls recorded before it, is in the worker's hands
    await expect.poll(() => sw.evaluate(() => (globalThis as unknown as { renkeiHeldRelay?: number }).renkeiHeldRelay ?? 0), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    if (stage === 'apply') expect((await ext.capture(tabId)).session.pages).toHaveLength(0);
    else await waitForCapture(ext, tabId, (c) => c.session.pages.length === 1 && c.session.pages[0]!.runtimeCalls.length === 3, 'stored, not acknowledged');
    await ext.stopWorker(page);
    // the relay sends it again; the new worker (no hold) applies it, or recognises it as stored
    const c = await waitForCapture(
      ext,
      tabId,
      (c) => c.session.pages.length === 1 && c.session.pages[0]!.title === 'マイページ' && c.session.pages[0]!.runtimeCalls.length >= 3,
      'the page and its calls under the new worker',
    );
    if (stage === 'ack') {
      await expect
        .poll(async () => (await ext.worker()).evaluate(() => (globalThis as unknown as { renkeiRelayStats?: { duplicates: number } }).renkeiRelayStats?.duplicates ?? 0))
        .toBeGreaterThanOrEqual(1);
    }
    const p = (await ext.capture(tabId)).session.pages;
    expect(p).toHaveLength(1);
    expect(p[0]!.runtimeCalls.map((r) => r.name)).toEqual(['key', 'loginKey', 'customer_id']);
    expect(p[0]!.state.value).toBe('logged-in');
    expect(p[0]!.scripts.find((s) => s.text.includes('OkskyChat("loginKey"'))).toMatchObject({ line: 17, column: 9 });
    expect(c.session.pages[0]!.id).toBe(p[0]!.id);
  });
}

test('the panel reconnects after a worker restart and shows the same session, then the next page, without a reload', async ({ page, server, ext }) => {
  await page.goto(server.url(SHOP, '/no-loginkey'));
  const tabId = await ext.tabIdOf(page);
  const panel = await ext.openPanel(tabId);
  await expect(panel.locator('.finding-row[data-rule-id="oksky/loginkey-missing"]').first()).toBeVisible();
  await panel.evaluate(() => ((window as unknown as { __samePanel: boolean }).__samePanel = true));
  await ext.stopWorker(page);
  // still shown while the worker is away and after it is back
  await expect(panel.locator('.finding-row[data-rule-id="oksky/loginkey-missing"]').first()).toBeVisible();
  await page.bringToFront();
  await page.goto(server.url(SHOP, '/smart-quotes'));
  await expect(panel.locator('.finding-row[data-rule-id="oksky/smart-quotes"]').first()).toBeVisible();
  await expect(panel.locator('.finding-row[data-rule-id="oksky/loginkey-missing"]').first()).toBeVisible();
  expect(await panel.evaluate(() => (window as unknown as { __samePanel?: boolean }).__samePanel)).toBe(true);
  await panel.close();
});

/** The OK SKY 000 tag of the long-page tests. */
const LONG_PAGE_TAG = `
OkskyChat("key", "kobuna-s-001-0D5ACD179B043831");
OkskyChat("loginKey", "customer_id");
OkskyChat("customer_id", "A1234567");
`;
/** The start of a long page, one tag per line, up to `</head>`: site.js first, then the snippet with the tag. */
const longPageHead = (title: string) => `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>${title}</title>
<script src="/assets/site.js"></script>
<script>
!function(t,e,o,n){var i=function(t,e){i.q.push([t,e])};t.OkskyChat=i,i.q=[],o=e.createElement("script"),o.async=1,o.src="https://kobuna-s-001.okskychat.net/widget/widget.js",n=e.getElementsByTagName("script")[0],n.parentNode.insertBefore(o,n)}(window,document);${LONG_PAGE_TAG}</script>
</head>`;
/** Where offset `i` of `html` is in the source (1-based line and column). */
const sourcePlace = (html: string, i: number) => ({ line: html.slice(0, i).split('\n').length, column: i - html.lastIndexOf('\n', i - 1) });

test('inline scripts of a long page are placed at their source lines, the page serialized only up to the last one', async ({ page, server, ext }) => {
  const html = `${longPageHead('head tag')}
<body>
<!-- a comment
 over two lines -->
<a href="/logout" title="line
break">ログアウト</a>
${Array.from({ length: 300 }, (_, i) => `<p data-i="${i}">商品 &amp; ${i}</p>`).join('\n')}
<script>var later = "<b>";</script>
<p>end</p>
</body>
</html>`;
  server.page(SHOP, '/head-tag', html);
  await page.goto(server.url(SHOP, '/head-tag'));
  const tabId = await ext.tabIdOf(page);
  const c = await waitForCapture(ext, tabId, (c) => (c.session.pages[0]?.scripts.length ?? 0) === 2 && (c.session.pages[0]?.runtimeCalls.length ?? 0) >= 3, 'the head tag');
  // where each inline script's text starts in the source
  const at = (i: number) => sourcePlace(html, i);
  // (the snippet inserts the widget's script element before the first script: site.js's line)
  const first = html.indexOf('<script>') + '<script>'.length;
  const second = html.indexOf('<script>', first) + '<script>'.length;
  const [s1, s2] = c.session.pages[0]!.scripts;
  expect({ line: s1!.line, column: s1!.column }).toEqual(at(first));
  expect({ line: s2!.line, column: s2!.column }).toEqual(at(second));
  expect(s1!.text.endsWith(LONG_PAGE_TAG)).toBe(true);
  expect(c.session.pages[0]!.state.value).toBe('logged-in');
  // the same prefix rule in this browser's own serializer, on the page as it is now (the widget
  // added elements): up to each script, the start of the whole serialization
  const same = await page.evaluate(
    (fn) => {
      const upTo = new Function(`return ${fn}`)() as (root: Element, last: Element) => string;
      const full = document.documentElement.outerHTML;
      return Array.from(document.querySelectorAll('script')).map((s) => {
        const prefix = upTo(document.documentElement, s);
        return full.startsWith(prefix) && (prefix === full || prefix.endsWith(s.outerHTML)) ? (prefix === full ? 'whole' : 'prefix') : 'DIFFERENT';
      });
    },
    serializeUpTo.toString(),
  );
  expect(same).not.toContain('DIFFERENT');
  expect(same).toContain('prefix');
});

test('inline scripts of a big page are placed by counting, at their source lines; Chromium\'s serializer agrees', async ({ page, server, ext }) => {
  const items = SERIALIZE_MAX_ELEMENTS + 100;
  const html = `${longPageHead('big page')}
<body>
<!-- a comment
 over two lines -->
<a href="/logout">ログアウト</a>
<ul id="list">
${Array.from({ length: items }, (_, i) => `  <li data-i="${i}">商品 &amp; ${i}&nbsp;<b>円</b></li>`).join('\n')}
</ul>
<ul id="built"></ul>
<script>document.getElementById("built").innerHTML = Array.from({ length: 500 }, (_, i) => "<li>" + i + " &lt; x</li>").join("");</script>
  <p>end</p>  <script type="text/x-late">var later = "<b>" + 1;</script>
</body>
</html>`;
  server.page(SHOP, '/big-page', html);
  await page.goto(server.url(SHOP, '/big-page'));
  const tabId = await ext.tabIdOf(page);
  const c = await waitForCapture(ext, tabId, (c) => (c.session.pages[0]?.scripts.length ?? 0) === 3 && (c.session.pages[0]?.runtimeCalls.length ?? 0) >= 3, 'the big page');
  const at = (i: number) => sourcePlace(html, i);
  // (the snippet inserts the widget's script element before the first script: site.js's line)
  const starts: number[] = [];
  for (let i = html.indexOf('<script>'); i >= 0; i = html.indexOf('<script', i + 1)) starts.push(html.indexOf('>', i) + 1);
  const scripts = c.session.pages[0]!.scripts;
  expect(scripts.map((s) => ({ line: s.line, column: s.column }))).toEqual(starts.map(at));
  expect(scripts[0]!.text.endsWith(LONG_PAGE_TAG)).toBe(true);
  expect(scripts[2]!.text).toBe('var later = "<b>" + 1;');
  // the counting against this browser's own serializer, on the page as it is now (the widget and
  // the page's script added elements), then with a line break inside an attribute value before
  // the last script: the one difference, by exactly that line
  const { outputFiles } = buildSync({
    stdin: { contents: 'export { placeByCount, locateScripts } from "./utils/ext/relay";', resolveDir: join(dirname(fileURLToPath(import.meta.url)), '..'), loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName: 'renkeiPlace',
    write: false,
    alias: { '@': join(dirname(fileURLToPath(import.meta.url)), '..') },
  });
  await page.addScriptTag({ content: outputFiles[0]!.text });
  const compare = () =>
    page.evaluate(() => {
      const m = (window as unknown as { renkeiPlace: typeof import('../utils/ext/relay') }).renkeiPlace;
      const inline = Array.from(document.scripts).filter((s) => !s.src && s.text.length > 0 && !s.text.includes('renkeiPlace'));
      const counted = m.placeByCount(document.documentElement, inline, 1);
      const serialized = m.locateScripts(document.documentElement.outerHTML, inline.map((s) => ({ text: s.text })), 1).map((p) => ({ line: p.line, column: p.column }));
      return { counted, serialized };
    });
  const now = await compare();
  expect(now.counted).toEqual(now.serialized);
  // an element inserted on a script's line (as the snippet does before the first script)
  await page.evaluate(() => document.querySelector('script[type="text/x-late"]')!.before(Object.assign(document.createElement('i'), { textContent: 'a & b' })));
  const inserted = await compare();
  expect(inserted.counted).toEqual(inserted.serialized);
  expect(inserted.counted![2]!.column).toBe(now.counted![2]!.column + '<i>a &amp; b</i>'.length);
  await page.evaluate(() => document.getElementById('built')!.setAttribute('title', 'two\nlines'));
  const withBreak = await compare();
  // (the list with the attribute precedes the second and third scripts)
  expect(withBreak.counted![0]).toEqual(withBreak.serialized[0]);
  expect(withBreak.counted!.slice(1)).toEqual(withBreak.serialized.slice(1).map((p) => ({ ...p, line: p.line - 1 })));
});

test('a script blocked by the page CSP is recorded as a blocked request', async ({ page, server, ext }) => {
  await page.goto(server.url(SHOP, '/csp-blocked'));
  const tabId = await ext.tabIdOf(page);
  const c = await waitForCapture(ext, tabId, (c) => c.session.requests.some((r) => r.error?.startsWith('csp')), 'csp violation');
  const blocked = c.session.requests.find((r) => r.error?.startsWith('csp'))!;
  expect(blocked.url).toBe('https://kobuna-s-001.okskychat.net/widget/widget.js');
  expect(blocked.type).toBe('script');
  expect(server.requests({ path: '/widget/widget.js' })).toHaveLength(0);
});
