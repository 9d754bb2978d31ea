/**
 * The OK SKY rules that need a browser (a session across pages, the network, the tag running),
 * on the fixture sites under the real host names, as the user sees them: the toolbar badge
 * (count of the worst severity, its colour) and the panel (one element per finding with
 * `data-rule-id` / `data-severity`), opened as a tab attached to the page's tab.
 */
import { test, expect, type ExtensionHelpers } from './fixtures';
import type { Page } from '@playwright/test';

const SHOP = 'shop.example.jp';
const RED = [217, 48, 37, 255];
const ORANGE = [227, 116, 0, 255];
const BLUE = [26, 115, 232, 255];

interface Expected {
  /** rule id → severity; every one must be reported */
  rules: Record<string, 'error' | 'warning' | 'info'>;
  /** rule ids that must NOT be reported */
  absent?: string[];
  badge: { text: string; color: number[] };
}

async function verify(ext: ExtensionHelpers, tabId: number, expected: Expected) {
  const ids = Object.keys(expected.rules);
  const status = await ext.waitForRules(tabId, ids);
  for (const [ruleId, severity] of Object.entries(expected.rules)) {
    expect(status.findings.filter((f) => f.ruleId === ruleId).map((f) => f.severity), ruleId).toContain(severity);
  }
  for (const ruleId of expected.absent ?? []) {
    expect(status.findings.map((f) => f.ruleId), `${ruleId} must not fire`).not.toContain(ruleId);
  }
  // the badge: the count of the worst severity, in its colour
  await expect.poll(() => ext.badgeText(tabId)).toBe(expected.badge.text);
  expect(await ext.badgeColor(tabId)).toEqual(expected.badge.color);
  const worst = status.summary.errors > 0 ? status.summary.errors : status.summary.warnings > 0 ? status.summary.warnings : status.summary.infos;
  expect(expected.badge.text).toBe(worst > 0 ? String(worst) : '');

  // the panel, attached to this tab's capture
  const panel = await ext.openPanel(tabId);
  try {
    for (const [ruleId, severity] of Object.entries(expected.rules)) {
      await expect(panel.locator(`[data-rule-id="${ruleId}"][data-severity="${severity}"]`).first()).toBeVisible();
    }
    for (const ruleId of expected.absent ?? []) {
      await expect(panel.locator(`[data-rule-id="${ruleId}"]`)).toHaveCount(0);
    }
  } finally {
    await panel.close();
  }
  return status;
}

async function visit(page: Page, url: string) {
  await page.goto(url);
  await page.waitForLoadState('load');
}

test('correct logged-in tag (000 例(正) with straight quotes): no finding, empty badge', async ({ page, server, ext }) => {
  await visit(page, server.url(SHOP, '/mypage'));
  const tabId = await ext.tabIdOf(page);
  await expect.poll(async () => (await ext.capture(tabId)).session.requests.some((r) => r.url.endsWith('/login') && r.status === 200)).toBe(true);
  const status = await ext.status(tabId);
  expect(status.findings).toEqual([]);
  expect(await ext.badgeText(tabId)).toBe('');
});

test('oksky/smart-quotes: 000 例(正) verbatim (typographic quotes) — the script is a SyntaxError', async ({ page, server, ext }) => {
  await visit(page, server.url(SHOP, '/smart-quotes'));
  const tabId = await ext.tabIdOf(page);
  const status = await verify(ext, tabId, {
    rules: { 'oksky/smart-quotes': 'error' },
    badge: { text: '2', color: RED },
  });
  // nothing of the script ran: no runtime call, no widget
  const c = await ext.capture(tabId);
  expect(c.session.pages[0]!.runtimeCalls).toEqual([]);
  expect(status.summary.errors).toBe(2);
});

test('oksky/loginkey-missing: 000 例(誤) — values sent without loginKey', async ({ page, server, ext }) => {
  await visit(page, server.url(SHOP, '/no-loginkey'));
  const tabId = await ext.tabIdOf(page);
  await verify(ext, tabId, {
    rules: { 'oksky/loginkey-missing': 'error', 'oksky/login-query-empty': 'error' },
    badge: { text: '2', color: RED },
  });
});

test('oksky/login-query-empty: logged-in page with the plain tag sends an empty query', async ({ page, server, ext }) => {
  await visit(page, server.url(SHOP, '/plain-while-logged-in'));
  const tabId = await ext.tabIdOf(page);
  await verify(ext, tabId, {
    rules: { 'oksky/login-query-empty': 'error', 'oksky/plain-tag-while-logged-in': 'error' },
    badge: { text: '2', color: RED },
  });
});

test('oksky/login-query-empty is only info on a logged-out page with the plain tag (000: correct)', async ({ page, server, ext }) => {
  await visit(page, server.url(SHOP, '/'));
  const tabId = await ext.tabIdOf(page);
  await verify(ext, tabId, {
    rules: { 'oksky/login-query-empty': 'info' },
    absent: ['oksky/plain-tag-while-logged-in'],
    badge: { text: '1', color: BLUE },
  });
});

test('oksky/login-query-mismatch: the member id changed after the widget sent /login', async ({ page, server, ext }) => {
  await visit(page, server.url(SHOP, '/mismatch'));
  const tabId = await ext.tabIdOf(page);
  await expect.poll(async () => (await ext.capture(tabId)).session.pages[0]?.runtimeCalls.length).toBe(4);
  await verify(ext, tabId, {
    rules: { 'oksky/login-query-mismatch': 'error' },
    badge: { text: '1', color: RED },
  });
});

test('oksky/login-request-missing: the widget loaded but never sent /login', async ({ page, server, ext }) => {
  await visit(page, server.url(SHOP, '/no-login-request'));
  const tabId = await ext.tabIdOf(page);
  await verify(ext, tabId, {
    rules: { 'oksky/login-request-missing': 'warning' },
    absent: ['oksky/widget-load-failed'],
    badge: { text: '1', color: ORANGE },
  });
});

test('oksky/widget-load-failed: widget.js answers 404', async ({ page, server, ext }) => {
  await visit(page, server.url(SHOP, '/widget-404'));
  const tabId = await ext.tabIdOf(page);
  await verify(ext, tabId, {
    rules: { 'oksky/widget-load-failed': 'error' },
    badge: { text: '1', color: RED },
  });
  const c = await ext.capture(tabId);
  expect(c.session.requests.find((r) => r.url.endsWith('/widget/widget.js'))?.status).toBe(404);
});

test('oksky/widget-load-failed: widget.js blocked by the page CSP (the network never saw it)', async ({ page, server, ext }) => {
  await visit(page, server.url(SHOP, '/csp-blocked'));
  const tabId = await ext.tabIdOf(page);
  await verify(ext, tabId, {
    rules: { 'oksky/widget-load-failed': 'error' },
    badge: { text: '1', color: RED },
  });
});

test('oksky/widget-load-failed: widget host unreachable (network error)', async ({ page, server, ext }) => {
  server.page(
    SHOP,
    '/unreachable',
    `<!DOCTYPE html><html><head><title>t</title></head><body><a href="/logout">ログアウト</a><script>
!function(t,e,o,n){var i=function(t,e){i.q.push([t,e])};t.OkskyChat=i,i.q=[],o=e.createElement("script"),o.async=1,o.src="https://kobuna-s-001.okskychat.net/widget/widget.js",n=e.getElementsByTagName("script")[0],n.parentNode.insertBefore(o,n)}(window,document);
OkskyChat("key", "kobuna-s-001-0D5ACD179B043831");
OkskyChat("loginKey", "customer_id");
OkskyChat("customer_id", "A1234567");
</script></body></html>`,
  );
  // the connection is cut before any response
  server.route({ host: 'kobuna-s-001.okskychat.net', path: '/widget/widget.js' }, (_req, res) => {
    res.socket?.destroy();
  });
  await visit(page, server.url(SHOP, '/unreachable'));
  const tabId = await ext.tabIdOf(page);
  await verify(ext, tabId, { rules: { 'oksky/widget-load-failed': 'error' }, badge: { text: '1', color: RED } });
  const c = await ext.capture(tabId);
  expect(c.session.requests.find((r) => r.url.endsWith('/widget/widget.js'))?.error).toMatch(/^net::/);
});

test('oksky/identity-switched: logged in with linkage, then logged out (cookie): different rooms', async ({ page, server, ext }) => {
  await visit(page, server.url(SHOP, '/mypage'));
  const tabId = await ext.tabIdOf(page);
  await expect.poll(async () => (await ext.capture(tabId)).session.requests.filter((r) => r.url.endsWith('/login')).length).toBe(1);
  await visit(page, server.url(SHOP, '/'));
  const status = await verify(ext, tabId, {
    rules: { 'oksky/identity-switched': 'info', 'oksky/login-query-empty': 'info' },
    absent: ['oksky/key-changed-in-session'],
    badge: { text: '2', color: BLUE },
  });
  expect(status.pages.map((p) => p.state)).toEqual(['logged-in', 'logged-out']);
});

test('oksky/cross-domain-cookie: logged out on shop.example.jp, then on support.example.jp', async ({ page, server, ext }) => {
  await visit(page, server.url(SHOP, '/'));
  const tabId = await ext.tabIdOf(page);
  await visit(page, server.url('support.example.jp', '/'));
  await verify(ext, tabId, {
    rules: { 'oksky/cross-domain-cookie': 'warning' },
    badge: { text: '1', color: ORANGE },
  });
});

test('oksky/key-changed-in-session: 000 ログイン時のタグ then 未ログイン時のタグ (another key and domain)', async ({ page, server, ext }) => {
  await visit(page, server.url(SHOP, '/mypage'));
  const tabId = await ext.tabIdOf(page);
  await visit(page, server.url(SHOP, '/logged-out-000'));
  await verify(ext, tabId, {
    rules: { 'oksky/key-changed-in-session': 'warning', 'oksky/linkage-commented-out': 'info' },
    badge: { text: String((await ext.waitForRules(tabId, ['oksky/key-changed-in-session'])).summary.warnings), color: ORANGE },
  });
});

test('a login-state override from the panel is applied when the background analyses', async ({ page, server, ext }) => {
  await visit(page, server.url(SHOP, '/'));
  const tabId = await ext.tabIdOf(page);
  await verify(ext, tabId, { rules: { 'oksky/login-query-empty': 'info' }, badge: { text: '1', color: BLUE } });
  const pageId = (await ext.capture(tabId)).session.pages[0]!.id;
  // an extension page sends the override as the panel does
  const panel = await ext.openPanel(tabId);
  const res = await panel.evaluate(
    ([t, p]) => chrome.runtime.sendMessage({ type: 'renkei/override', tabId: t, pageId: p, state: 'logged-in' }),
    [tabId, pageId] as const,
  );
  await panel.close();
  expect(res).toEqual({ ok: true });
  const c = await ext.capture(tabId);
  expect(c.overrides).toEqual({ [pageId]: 'logged-in' });
  // logged-in with the plain tag: now an error
  await verify(ext, tabId, {
    rules: { 'oksky/plain-tag-while-logged-in': 'error', 'oksky/login-query-empty': 'error' },
    badge: { text: '2', color: RED },
  });
});

declare const chrome: { runtime: { sendMessage(msg: unknown): Promise<unknown> } };
