/**
 * The popup's operator checklist with the built extension in Chromium: our fixture settings pages
 * (tests/fixtures/settings, the documents' labels) served under `manager.line.biz` and a
 * configured ECAI admin host through the host mapping; the popup (`popup.html?tabId=N` in a tab)
 * injects the settings reader into the tab (`scripting.executeScript`) to read the page, shows
 * the checklist, keeps the progress in `storage.local`, compares ECAI's Webhook URL with LINE's, and runs the live LINE check against a
 * stub answering at `api.line.me` (shapes from tests/mocks/line, the LINE OpenAPI).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import type { WxtBrowser } from 'wxt/browser';
import { test, expect, type ExtensionHelpers } from './fixtures';
import type { FixtureServer } from './server';

declare const chrome: WxtBrowser;

const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fixtures', 'settings');
const fixture = (name: string) => readFileSync(join(DIR, `${name}.html`), 'utf8');

const ECAI_HOST = 'admin.ecai.example.jp';
const ECAI_PATH = '/bots/12/line-accounts/3/edit';
const OAM_RESPONSE = '/account/@123abcde/setting/response';
const OAM_API = '/account/@123abcde/setting/messaging-api';
const SECRET = '0123456789abcdef0123456789abcdef';
const LOGIN_SECRET = 'fedcba9876543210fedcba9876543210';

/** Each test works on its own site key (the browser, and so storage, is shared by the tests). */
async function configure(ext: ExtensionHelpers, site: string) {
  const sw = await ext.worker();
  await sw.evaluate(
    async ([s, host]) => {
      await chrome.storage.sync.set({ settingsHosts: { ecai: [host], luxliner: [] } });
      await chrome.storage.local.set({ checklistSite: s, companion: { url: '', token: '' } });
    },
    [site, ECAI_HOST] as const,
  );
}

async function openPopup(ext: ExtensionHelpers, page: Page): Promise<Page> {
  const tabId = await ext.tabIdOf(page);
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.id}/popup.html?tabId=${tabId}`);
  await expect(popup.locator('[data-checklist-id]')).toBeVisible();
  return popup;
}

async function visit(page: Page, server: FixtureServer, host: string, path: string, name: string) {
  server.page(host, path, fixture(name));
  await page.goto(server.url(host, path));
}

const item = (popup: Page, id: string) => popup.locator(`li[data-item-id="${id}"]`);

async function localStorageText(ext: ExtensionHelpers): Promise<string> {
  const sw = await ext.worker();
  return sw.evaluate(async () => JSON.stringify(await chrome.storage.local.get(null)));
}

/** one item of the progress stored for a site (storage.local, WXT item `local:checklistProgress:SITE:CHECKLIST`) */
async function storedItem(ext: ExtensionHelpers, site: string, itemId: string, checklistId = 'ecai-line-connect'): Promise<unknown> {
  const sw = await ext.worker();
  const key = `checklistProgress:${site}:${checklistId}`;
  const all = await sw.evaluate(async (k) => (await chrome.storage.local.get(k))[k] as { items?: Record<string, unknown> } | undefined, key);
  return all?.items?.[itemId];
}

test('OAM 応答設定: the checklist with each item state, the fix, the next step; the tab summary stays', async ({ page, server, ext }) => {
  await configure(ext, 'e2e-states');
  await visit(page, server, 'manager.line.biz', OAM_RESPONSE, 'oam-response-switches');
  const popup = await openPopup(ext, page);
  await expect(popup.locator('[data-checklist-id="ecai-line-connect"]')).toBeVisible();
  await expect(item(popup, 'chat-off')).toHaveAttribute('data-state', 'pass');
  await expect(item(popup, 'webhook-on')).toHaveAttribute('data-state', 'pass');
  await expect(item(popup, 'auto-response-off')).toHaveAttribute('data-state', 'pass');
  await expect(item(popup, 'greeting-off')).toHaveAttribute('data-state', 'fail');
  await expect(popup.locator('li[data-rule-id="ecai-line-connect/greeting-off"]')).toContainText('直し方');
  await expect(item(popup, 'account-name')).toHaveAttribute('data-state', 'unknown');
  await expect(popup.locator('[data-next-item]')).toHaveAttribute('data-next-item', 'greeting-off');
  await expect(popup.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '3');
  // no companion configured: it works locally and says so
  await expect(popup.locator('[data-sync="local"]')).toContainText('このブラウザにだけ保存');
  // a LINE console has no tag: no 0/0/0 tag summary above or below the checklist
  await expect(popup.locator('main')).toHaveAttribute('data-checklist-phase', 'ready');
  await expect(popup.locator('[data-count="error"]')).toHaveCount(0);
  await expect(popup.locator('[data-verdict]')).toHaveCount(0);
  await expect(popup.getByText(/F12 → 「連携」タブ/)).toBeVisible();
  await popup.close();
});

test('on a settings page the checklist comes first: the items this page can check in view, the rest collapsed by page', async ({ page, server, ext }) => {
  await configure(ext, 'e2e-order');
  await visit(page, server, 'manager.line.biz', OAM_RESPONSE, 'oam-response-switches');
  const tabId = await ext.tabIdOf(page);
  const popup = await ext.context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`chrome-extension://${ext.id}/popup.html?tabId=${tabId}`);
  await expect(popup.locator('[data-checklist-id]')).toBeVisible();
  const here = popup.getByRole('list', { name: 'この画面で確認できる項目' });
  await expect(here.locator('li[data-item-id]')).toHaveCount(4);
  // the next step and the first item of this page are in view without scrolling
  for (const el of [popup.locator('[data-next-item]'), here.locator('li[data-item-id]').first()]) {
    const box = (await el.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(600);
    expect(box.x + box.width).toBeLessThanOrEqual(400);
  }
  // one numbering style: the documents' step numbers in their own column, no (n) or 【n】
  await expect(here.locator('.checklist-step')).toHaveText(['⑰', '⑱', '⑲', '⑳']);
  const titles = await popup.locator('.checklist-title').allTextContents();
  expect(titles.length).toBe(19);
  for (const t of titles) expect(t).not.toMatch(/[(（]\d+[)）]|【\d+】/u);
  // the rest, collapsed by the page they are checked on
  const groups = popup.locator('details.checklist-group');
  await expect(groups).toHaveCount(5);
  for (const g of await groups.all()) await expect(g).not.toHaveAttribute('open', '');
  const ecai = popup.locator('details[data-group="ecai-line-account"]');
  await expect(ecai.locator('summary')).toContainText('ECAI › LINE公式アカウントの追加・編集');
  await ecai.locator('summary').click();
  await expect(ecai.locator('li[data-item-id="account-name"]')).toBeVisible();
  // every manual tick has its own name (all groups open)
  for (const g of await groups.all()) if ((await g.getAttribute('open')) === null) await g.locator('summary').click();
  const names = await popup.getByRole('checkbox').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).labels?.[0]?.textContent ?? ''));
  expect(names.length).toBeGreaterThan(1);
  expect(new Set(names).size).toBe(names.length);
  // the integration name this test chose
  await expect(popup.getByLabel('連携の名前')).toHaveValue('e2e-order');
  await popup.close();
});

test('the integration name field is empty until the operator names one', async ({ page, server, ext }) => {
  const sw = await ext.worker();
  await sw.evaluate(async () => {
    await chrome.storage.local.remove('checklistSite');
    await chrome.storage.sync.set({ settingsHosts: { ecai: ['admin.ecai.example.jp'], luxliner: [] } });
  });
  await visit(page, server, 'manager.line.biz', OAM_RESPONSE, 'oam-response-switches');
  const popup = await openPopup(ext, page);
  const site = popup.getByLabel('連携の名前');
  await expect(site).toHaveValue('');
  await expect(site).toHaveAttribute('placeholder', '例: shop-a');
  await expect(popup.locator('[data-checklist-site]')).toHaveAttribute('data-checklist-site', 'default');
  await popup.close();
});

test('pages pay nothing for the checklist: no settings content script, the reader is injected only when the popup opens', async ({ page, server, ext }) => {
  const sw = await ext.worker();
  const manifest = await sw.evaluate(() => chrome.runtime.getManifest());
  // no static content script; the only registered ones are the probe and the relay (utils/ext/capture-sites.ts)
  expect((manifest.content_scripts ?? []).flatMap((c) => c.js ?? [])).toEqual([]);
  const registered = await sw.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((c) => c.js ?? []));
  expect(registered.sort()).toEqual(['probe.js', 'relay.js']);
  expect(manifest.permissions).toContain('scripting');
  // before the popup opens, the settings page holds nothing of ours in its isolated world
  await configure(ext, 'e2e-inject');
  await visit(page, server, 'manager.line.biz', OAM_RESPONSE, 'oam-response-switches');
  const tabId = await ext.tabIdOf(page);
  // whether anything of ours listens for messages in the page's isolated world
  const probe = async () =>
    sw.evaluate(async (id) => {
      const [r] = await chrome.scripting.executeScript({ target: { tabId: id }, func: () => chrome.runtime.onMessage.hasListeners() });
      return r?.result;
    }, tabId);
  expect(await probe()).toBe(false);
  const popup = await openPopup(ext, page);
  await expect(item(popup, 'chat-off')).toHaveAttribute('data-state', 'pass');
  // the reader answered once and left no listener behind
  expect(await probe()).toBe(false);
  await popup.close();
});

test('a page that is not a settings page shows no checklist', async ({ page, server, ext }) => {
  await configure(ext, 'e2e-none');
  await page.goto(server.url('shop.example.jp', '/about'));
  const tabId = await ext.tabIdOf(page);
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.id}/popup.html?tabId=${tabId}`);
  await expect(popup.locator('[data-count="error"]')).toBeVisible();
  await expect(popup.locator('[data-checklist-status="none"]')).toBeAttached();
  await expect(popup.locator('[data-checklist-id]')).toHaveCount(0);
  await popup.close();
});

test('a manual tick persists after the popup is opened again', async ({ page, server, ext }) => {
  await configure(ext, 'e2e-manual');
  await visit(page, server, 'manager.line.biz', OAM_RESPONSE, 'oam-response-switches');
  const popup = await openPopup(ext, page);
  await expect(item(popup, 'line-oa-created')).toHaveAttribute('data-state', 'unknown');
  // a step done outside any page: in the collapsed group of manual items
  await popup.locator('details[data-group="manual"] > summary').click();
  await item(popup, 'line-oa-created').getByRole('checkbox', { name: /^完了にする/ }).check();
  await expect(item(popup, 'line-oa-created')).toHaveAttribute('data-state', 'manual-done');
  await expect.poll(async () => (await storedItem(ext, 'e2e-manual', 'line-oa-created'))).toMatchObject({ state: 'manual-done', by: 'manual' });
  await popup.close();

  const again = await openPopup(ext, page);
  await expect(item(again, 'line-oa-created')).toHaveAttribute('data-state', 'manual-done');
  await expect(again.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '4');
  await again.close();
});

test("cross-page: ECAI's issued Webhook URL caught when LINE has another one, then fixed in the page", async ({ page, server, ext }) => {
  await configure(ext, 'e2e-cross');
  await visit(page, server, ECAI_HOST, ECAI_PATH, 'ecai-account-table');
  const ecai = await openPopup(ext, page);
  await expect(item(ecai, 'webhook-issued')).toHaveAttribute('data-state', 'pass');
  await expect(ecai.locator('[data-captured]')).toHaveAttribute('data-captured', /ecai\.webhookUrl/);
  await ecai.close();

  await visit(page, server, 'manager.line.biz', OAM_API, 'oam-messaging-api');
  const line = await openPopup(ext, page);
  await expect(item(line, 'webhook-url-set')).toHaveAttribute('data-state', 'fail');
  await expect(line.locator('li[data-rule-id="ecai-line-connect/webhook-url-set"]')).toContainText('一致しません');
  // the progress remembers what ECAI's page showed
  await expect(item(line, 'webhook-issued')).toHaveAttribute('data-state', 'pass');
  await line.close();

  // the operator pastes the right URL (not saved yet): the popup reads the page as it is now
  await page.getByLabel('Webhook URL').fill('https://ecai.example.jp/line/webhook/8f3k2j');
  const fixed = await openPopup(ext, page);
  await expect(item(fixed, 'webhook-url-set')).toHaveAttribute('data-state', 'pass');
  await fixed.close();

  // secrets and the Webhook URLs are kept only as fingerprints and masked values
  const stored = await localStorageText(ext);
  expect(stored).not.toContain(SECRET);
  expect(stored).not.toContain('8f3k2j');
  expect(stored).not.toContain('OLD999');
});

test('live LINE check against api.line.me: token, bot info and webhook endpoint update the items', async ({ page, server, ext }) => {
  await configure(ext, 'e2e-live');
  const json = (res: import('node:http').ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  // channel-access-token.yml: POST /oauth2/v3/token (client_credentials) → {access_token, expires_in, token_type}
  server.route({ host: 'api.line.me', path: '/oauth2/v3/token', method: 'POST' }, (req, res) => {
    const form = new URLSearchParams(req.body);
    if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== '1656012345' || form.get('client_secret') !== SECRET) {
      json(res, 400, { error: 'invalid_client', error_description: 'invalid client' });
      return;
    }
    json(res, 200, { access_token: 'stateless-token-xyz', expires_in: 900, token_type: 'Bearer' });
  });
  const authed = (req: { headers: Record<string, string | string[] | undefined> }) => req.headers.authorization === 'Bearer stateless-token-xyz';
  // messaging-api.yml: GET /v2/bot/info → BotInfoResponse
  server.route({ host: 'api.line.me', path: '/v2/bot/info', method: 'GET' }, (req, res) =>
    authed(req) ? json(res, 200, { userId: 'U0123456789abcdef0123456789abcdef', basicId: '@123abcde', displayName: 'ショップ', chatMode: 'chat', markAsReadMode: 'auto' }) : json(res, 401, { message: 'Authentication failed' }),
  );
  // GET /v2/bot/channel/webhook/endpoint → GetWebhookEndpointResponse
  server.route({ host: 'api.line.me', path: '/v2/bot/channel/webhook/endpoint', method: 'GET' }, (req, res) =>
    authed(req) ? json(res, 200, { endpoint: 'https://ecai.example.jp/line/webhook/8f3k2j', active: true }) : json(res, 401, { message: 'Authentication failed' }),
  );
  server.route({ host: 'api.line.me', path: '/v2/bot/channel/webhook/test', method: 'POST' }, (req, res) =>
    authed(req) ? json(res, 200, { success: true, timestamp: '2026-11-22T00:00:00Z', statusCode: 200, reason: 'OK', detail: '200' }) : json(res, 401, { message: 'Authentication failed' }),
  );
  server.route({ host: 'api.line.me', path: '/v2/bot/message/quota', method: 'GET' }, (_req, res) => json(res, 200, { type: 'limited', value: 1000 }));
  server.route({ host: 'api.line.me', path: '/v2/bot/message/quota/consumption', method: 'GET' }, (_req, res) => json(res, 200, { totalUsage: 120 }));

  // ECAI's page first: its Webhook URL is what LINE's endpoint is compared with
  await visit(page, server, ECAI_HOST, ECAI_PATH, 'ecai-account-table');
  const ecai = await openPopup(ext, page);
  await expect(item(ecai, 'webhook-issued')).toHaveAttribute('data-state', 'pass');
  await ecai.close();

  await visit(page, server, 'manager.line.biz', OAM_RESPONSE, 'oam-response-switches');
  const popup = await openPopup(ext, page);
  await expect(item(popup, 'chat-off')).toHaveAttribute('data-state', 'pass');
  await expect(item(popup, 'webhook-url-set')).toHaveAttribute('data-state', 'unknown');
  await popup.locator('.checklist-live-checks > summary').click();
  await popup.getByLabel('Channel ID').fill('1656012345');
  await popup.getByLabel('Channel secret').fill(SECRET);
  await popup.getByRole('button', { name: '確認する' }).click();
  // the API says chat mode is on although the page said off (the page was not saved): live wins
  await expect(item(popup, 'chat-off')).toHaveAttribute('data-state', 'fail');
  await expect(item(popup, 'webhook-url-set')).toHaveAttribute('data-state', 'pass');
  await expect(item(popup, 'webhook-on')).toHaveAttribute('data-state', 'pass');
  await expect(popup.getByLabel('Channel secret')).toHaveValue('');

  const token = server.requests({ host: 'api.line.me', path: '/oauth2/v3/token', method: 'POST' });
  expect(token).toHaveLength(1);
  expect(server.requests({ host: 'api.line.me', path: '/v2/bot/info', method: 'GET' })).toHaveLength(1);
  expect(server.requests({ host: 'api.line.me', path: '/v2/bot/channel/webhook/endpoint', method: 'GET' })).toHaveLength(1);
  // the credentials went to the API only, and are not stored
  const stored = await localStorageText(ext);
  expect(stored).not.toContain(SECRET);
  expect(stored).not.toContain(LOGIN_SECRET);
  expect(stored).not.toContain('stateless-token-xyz');
  await expect.poll(async () => (await storedItem(ext, 'e2e-live', 'chat-off'))).toMatchObject({ state: 'fail', by: 'live' });
  await popup.close();
});

test('the ECAI admin host entered in the options page is what makes a sparse ECAI page recognised', async ({ page, server, ext }) => {
  await configure(ext, 'e2e-options');
  const html = '<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>LINE公式アカウント編集</title></head><body><h1>LINE公式アカウント編集</h1><label for="n">LINEアカウント名</label><input id="n" value="ショップB"></body></html>';
  server.page('kanri.shop-b.example.jp', '/line-accounts/1/edit', html);
  await page.goto(server.url('kanri.shop-b.example.jp', '/line-accounts/1/edit'));
  const tabId = await ext.tabIdOf(page);
  const before = await ext.context.newPage();
  await before.goto(`chrome-extension://${ext.id}/popup.html?tabId=${tabId}`);
  await expect(before.locator('[data-count="error"]')).toBeVisible();
  await expect(before.locator('[data-checklist-status="none"]')).toBeAttached();
  await expect(before.locator('[data-checklist-id]')).toHaveCount(0);
  await before.close();

  const options = await ext.context.newPage();
  await options.goto(`chrome-extension://${ext.id}/options.html`);
  await options.getByLabel('ECAI の管理画面').fill(`${ECAI_HOST}\nkanri.shop-b.example.jp`);
  await options.getByRole('button', { name: '保存', exact: true }).click();
  await expect(options.getByText('保存しました。')).toBeVisible();
  await options.close();

  const after = await openPopup(ext, page);
  await expect(after.locator('[data-checklist-id="ecai-line-connect"]')).toBeVisible();
  await expect(item(after, 'account-name')).toHaveAttribute('data-state', 'pass');
  await after.close();
});
