/**
 * Hostile and oversized pages: forged probe messages, huge scripts, floods of requests and
 * navigations. Everything stays within the bounds (utils/ext/protocol.ts LIMITS), nothing
 * crashes, and the extension keeps working on the next page.
 */
import { test, expect, type ExtensionHelpers } from './fixtures';
import type { Page } from '@playwright/test';

const SHOP = 'shop.example.jp';
const TAG = `!function(t,e,o,n){var i=function(t,e){i.q.push([t,e])};t.OkskyChat=i,i.q=[],o=e.createElement("script"),o.async=1,o.src="https://kobuna-s-001.okskychat.net/widget/widget.js",n=e.getElementsByTagName("script")[0],n.parentNode.insertBefore(o,n)}(window,document);
OkskyChat("key", "kobuna-s-001-0D5ACD179B043831");
OkskyChat("loginKey", "customer_id");
OkskyChat("customer_id", "A1234567");`;

function html(body: string, head = ''): string {
  return `<!DOCTYPE html>\n<html>\n<head>\n<title>hostile</title>${head}\n</head>\n<body>\n<a href="/logout">ログアウト</a>\n${body}\n</body>\n</html>`;
}

/** the extension still works: a correct page in a new tab is analysed with no finding */
async function stillWorks(ext: ExtensionHelpers, page: Page, url: string) {
  const fresh = await ext.context.newPage();
  try {
    await fresh.goto(url);
    const tabId = await ext.tabIdOf(fresh);
    await expect
      .poll(async () => (await ext.capture(tabId)).session.requests.some((r) => r.url.endsWith('/login') && r.status === 200))
      .toBe(true);
    expect((await ext.status(tabId)).findings).toEqual([]);
  } finally {
    await fresh.close();
    await page.bringToFront();
  }
}

test('forged probe messages (wrong shapes, huge, deep, thousands) are bounded and dropped', async ({ page, server, ext }) => {
  server.page(
    SHOP,
    '/forged',
    html(`<script>
${TAG}
(function () {
  var ch = '__renkei_doctor_probe_v1__';
  var big = 'x'.repeat(5 * 1024 * 1024);
  var deep = {}; var cur = deep; for (var i = 0; i < 5000; i++) { cur.a = {}; cur = cur.a; }
  var wide = {}; for (var j = 0; j < 20000; j++) wide['k' + j] = j;
  var bad = [
    null, 1, 'str', { ch: ch }, { ch: ch, call: null }, { ch: ch, call: { vendor: 'evil' } },
    { ch: ch, call: { vendor: 'oksky', form: 'queue', name: 'x', args: [], time: 'now' } },
  ];
  var huge = [
    { ch: ch, call: { vendor: 'oksky', form: 'queue', name: big, args: [] } },
    { ch: ch, call: { vendor: 'oksky', form: 'queue', name: 'customer_id', args: [{ kind: 'string', value: big }] } },
    { ch: ch, call: { vendor: 'oksky', form: 'queue', name: 'customer_id', args: [deep] } },
    { ch: ch, call: { vendor: 'oksky', form: 'queue', name: 'customer_id', args: [{ kind: 'object', entries: [wide] }] } },
  ];
  var post = function (m) { try { window.postMessage(m, '*'); } catch (e) { /* not cloneable */ } };
  for (var n = 0; n < 300; n++) bad.forEach(post);
  for (var h = 0; h < 5; h++) huge.forEach(post);
  // well-formed forgeries: page-reported evidence, accepted up to the per-page bound
  for (var k = 0; k < 3000; k++) {
    window.postMessage({ ch: ch, call: { vendor: 'oksky', form: 'queue', name: 'forged' + k, args: [{ kind: 'string', value: 'v' }] } }, '*');
  }
})();
</script>`),
  );
  await page.goto(server.url(SHOP, '/forged'));
  const tabId = await ext.tabIdOf(page);
  // 300 × 4 malformed claims + 5 × 3 oversized + (3,003 − 500) well-formed beyond the bound
  await expect.poll(async () => (await ext.status(tabId)).dropped.calls, { timeout: 30_000 }).toBeGreaterThanOrEqual(1_200 + 15 + 2_503);
  const c = await ext.capture(tabId);
  const calls = c.session.pages[0]!.runtimeCalls;
  expect(calls.length).toBeLessThanOrEqual(500);
  // the real calls came first and are intact
  expect(calls.slice(0, 3).map((r) => r.name)).toEqual(['key', 'loginKey', 'customer_id']);
  // nothing oversized got through
  expect(calls.every((r) => r.name.length <= 200)).toBe(true);
  expect(JSON.stringify(calls).length).toBeLessThan(500 * 2_000);
  await stillWorks(ext, page, server.url(SHOP, '/mypage'));
});

test('a tag at the end of a 5 MB inline bundle is read from a fragment around it, at its line', async ({ page, server, ext }) => {
  const chunk = 'window.__f=function(a,b){var c=a+b;return c>10?c*2:c-1};\n';
  const lines = Math.ceil((5 * 1024 * 1024) / chunk.length);
  const broken = TAG.replace('OkskyChat("loginKey", "customer_id");\n', '');
  server.page(SHOP, '/bundle', html(`<script>\n${chunk.repeat(lines)}${broken}\n</script>`));
  await page.goto(server.url(SHOP, '/bundle'));
  const tabId = await ext.tabIdOf(page);
  await expect.poll(async () => (await ext.capture(tabId)).session.pages[0]?.scripts.some((s) => s.fragment === true) ?? false, { timeout: 30_000 }).toBe(true);
  const c = await ext.capture(tabId);
  const p = c.session.pages[0]!;
  const frag = p.scripts.find((s) => s.fragment === true)!;
  expect(frag.text).toContain('OkskyChat("key", "kobuna-s-001-0D5ACD179B043831");');
  // html(): the bundle's first line is line 9 (after `<script>` and its line break); the tag follows it
  expect(frag.line).toBe(9 + lines);
  expect(p.limits?.map((l) => l.kind)).toEqual(['parse-chars']);
  await expect.poll(async () => (await ext.status(tabId)).findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['oksky/loginkey-missing', 'renkei/input-limited']));
});

test('a huge inline script and a huge tag script are cut to the bounds, the tag still analysed', async ({ page, server, ext }) => {
  const filler = `var filler = "${'a'.repeat(3 * 1024 * 1024)}";`;
  const tagWithComment = `${TAG}\n/* ${'コメント'.repeat(200_000)} */`;
  server.page(SHOP, '/huge', html(`<script>${filler}</script>\n<script>\n${tagWithComment}\n</script>`));
  await page.goto(server.url(SHOP, '/huge'));
  const tabId = await ext.tabIdOf(page);
  await expect.poll(async () => (await ext.capture(tabId)).session.pages[0]?.scripts.length ?? 0).toBe(2);
  const c = await ext.capture(tabId);
  const p = c.session.pages[0]!;
  // what was cut holds no vendor marker (a filler script, a comment after the tag): no limit to
  // report, the page is not marked cut
  expect(p.truncated).toBeUndefined();
  expect(p.limits).toBeUndefined();
  expect(p.scripts[0]!.text).toBe('');
  expect(p.scripts[0]!.truncated).toBe(true);
  expect(p.scripts[1]!.text.startsWith(`\n${TAG}`)).toBe(true);
  expect(p.scripts[1]!.text.length).toBeLessThanOrEqual(200_000);
  expect(p.scripts.reduce((n, s) => n + s.text.length, 0)).toBeLessThanOrEqual(400_000);
  const status = await ext.status(tabId);
  expect(status.findings.filter((f) => f.severity === 'error')).toEqual([]);
  await stillWorks(ext, page, server.url(SHOP, '/mypage'));
});

test('thousands of vendor requests: at most 2,000 kept per tab, the dropped ones counted', async ({ page, server, ext }) => {
  test.setTimeout(120_000);
  server.route({ host: 'kobuna-s-001.okskychat.net', path: '/ping' }, (_req, res) => {
    res.writeHead(204, { 'access-control-allow-origin': '*' });
    res.end();
  });
  server.page(
    SHOP,
    '/flood',
    html(`<script>
${TAG}
window.addEventListener('load', async function () {
  for (var b = 0; b < 25; b++) {
    var batch = [];
    for (var i = 0; i < 100; i++) batch.push(fetch('https://kobuna-s-001.okskychat.net/ping?i=' + (b * 100 + i), { mode: 'no-cors' }).catch(function () {}));
    await Promise.all(batch);
  }
  document.title = 'flood done';
});
</script>`),
  );
  await page.goto(server.url(SHOP, '/flood'));
  await expect(page).toHaveTitle('flood done', { timeout: 90_000 });
  const tabId = await ext.tabIdOf(page);
  await expect.poll(async () => (await ext.status(tabId)).dropped.requests, { timeout: 60_000 }).toBeGreaterThanOrEqual(500);
  const status = await ext.status(tabId);
  expect(status.requests).toBe(2_000);
  const c = await ext.capture(tabId);
  expect(c.session.requests).toHaveLength(2_000);
  expect(c.session.dropped?.requests).toBe(status.dropped.requests);
  // the newest are kept
  expect(c.session.requests.at(-1)!.url).toMatch(/\/ping\?i=\d+$/);
  await stillWorks(ext, page, server.url(SHOP, '/mypage'));
});

test('more than 50 navigations in one tab: the oldest pages are dropped and counted', async ({ page, server, ext }) => {
  test.setTimeout(120_000);
  for (let i = 0; i < 55; i++) await page.goto(server.url(SHOP, `/?n=${i}`), { waitUntil: 'domcontentloaded' });
  const tabId = await ext.tabIdOf(page);
  await expect.poll(async () => (await ext.status(tabId)).dropped.pages).toBe(5);
  const c = await ext.capture(tabId);
  expect(c.session.pages).toHaveLength(50);
  expect(c.session.pages[0]!.url).toBe('https://shop.example.jp/?n=5');
  expect(c.session.pages.at(-1)!.url).toBe('https://shop.example.jp/?n=54');
  expect(c.session.dropped?.pages).toBe(5);
});
