/**
 * The popup (`popup.html?tabId=N` in a tab, as the toolbar button would show it for tab N, at a
 * popup's width): per finding its title, the page path and the fix with a copy button, the same
 * rule on several pages grouped with a count; the full panel for this tab and the options one
 * click away; nothing overflowing, the first useful action in view without scrolling.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { test, expect, type ExtensionHelpers } from './fixtures';

/** Chrome sizes a popup to its content, at most 800×600; ours is 400 px wide */
const POPUP = { width: 400, height: 600 };

async function openPopup(ext: ExtensionHelpers, tabId: number): Promise<Page> {
  const popup = await ext.context.newPage();
  await popup.setViewportSize(POPUP);
  await popup.goto(`chrome-extension://${ext.id}/popup.html?tabId=${tabId}`);
  return popup;
}

/** the element lies inside the first screen of the popup (no scrolling) */
async function inFirstScreen(el: Locator): Promise<void> {
  const box = await el.boundingBox();
  expect(box, 'laid out').not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(POPUP.height);
  expect(box!.x + box!.width).toBeLessThanOrEqual(POPUP.width);
}

/** nothing is wider than the popup */
async function noOverflow(popup: Page): Promise<void> {
  const wide = await popup.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const out = [...document.querySelectorAll<HTMLElement>('main *')]
      .filter((el) => el.getBoundingClientRect().right > w + 0.5)
      .map((el) => `${el.tagName}.${el.className}`);
    if (document.documentElement.scrollWidth > w) out.unshift(`document ${document.documentElement.scrollWidth} > ${w}`);
    return out;
  });
  expect(wide).toEqual([]);
}

test('per finding: title, page path and the fix with copy; worst first; the panel and options one click away', async ({ page, server, ext, context }) => {
  await page.goto(server.url('shop.example.jp', '/no-loginkey'));
  const tabId = await ext.tabIdOf(page);
  const status = await ext.waitForRules(tabId, ['oksky/loginkey-missing']);
  const popup = await openPopup(ext, tabId);
  const first = popup.locator('li[data-rule-id]').first();
  await expect(first).toHaveAttribute('data-severity', 'error');
  const missing = popup.locator('li[data-rule-id="oksky/loginkey-missing"]');
  await expect(missing).toBeVisible();
  // the title once, the page path, the fix: the line to add and a copy button
  await expect(missing.getByRole('heading')).toHaveText(/loginKey が指定されていません/);
  await expect(missing.getByText('loginKey が指定されていません')).toHaveCount(1);
  await expect(missing.locator('.popup-path')).toHaveText(['/no-loginkey']);
  await expect(missing.locator('ins[data-op="add"]')).toContainText('OkskyChat("loginKey"');
  await expect(missing.getByRole('button', { name: '直したあとのコードをコピー' })).toBeVisible();
  // no excerpt of the explanation
  await expect(popup.getByText('原因です', { exact: false })).toHaveCount(0);
  await expect(popup.locator('[data-count="error"]')).toHaveText(`エラー ${status.summary.errors}`);
  await expect(popup.locator('[data-count="warning"]')).toHaveText(`警告 ${status.summary.warnings}`);
  await expect(popup.locator('[data-count="info"]')).toHaveText(`情報 ${status.summary.infos}`);
  await expect(popup.locator('.popup-site')).toHaveText('shop.example.jp');
  await expect(popup.locator('[data-site-access="withheld"]')).toHaveCount(0);
  // severities never go up the list: error → warning → info
  const order = await popup.locator('li[data-rule-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-severity')));
  const rank = { error: 0, warning: 1, info: 2 } as Record<string, number>;
  expect(order.map((s) => rank[s!])).toEqual([...order.map((s) => rank[s!])].sort());

  // the first useful actions are in view without scrolling, and nothing overflows
  await inFirstScreen(popup.getByRole('button', { name: '詳細パネルを開く' }));
  await inFirstScreen(first.getByRole('heading'));
  await inFirstScreen(popup.locator('li[data-rule-id] .fix-copy').first());
  await noOverflow(popup);

  // the copy button copies the corrected code: read back by pasting it, as a person would
  // (clipboard-read cannot be granted to an extension origin)
  const copy = missing.getByRole('button', { name: '直したあとのコードをコピー' });
  await copy.click();
  await expect(copy).toHaveText('コピーしました');
  await popup.evaluate(() => document.body.append(Object.assign(document.createElement('textarea'), { id: 'paste-target' })));
  await popup.locator('#paste-target').focus();
  await popup.keyboard.press('ControlOrMeta+V');
  await expect(popup.locator('#paste-target')).toHaveValue(/^OkskyChat\("key", "[^"]+"\);\nOkskyChat\("loginKey", "customer_id"\);$/);

  // the full panel for this tab, as a tab
  const opened = context.waitForEvent('page');
  await popup.getByRole('button', { name: '詳細パネルを開く' }).click();
  const panel = await opened;
  await panel.waitForLoadState();
  expect(panel.url()).toBe(`chrome-extension://${ext.id}/devtools-panel.html?tabId=${tabId}`);
  await expect(panel.locator('[data-rule-id="oksky/loginkey-missing"]').first()).toBeVisible();
  await panel.close();
  // the popup closes itself, as Chrome closes a popup when a tab opens
  await expect.poll(() => popup.isClosed()).toBe(true);

  // the options page
  const again = await openPopup(ext, tabId);
  const options = context.waitForEvent('page');
  await again.getByRole('button', { name: '設定' }).click();
  const optionsPage = await options;
  await optionsPage.waitForLoadState();
  expect(optionsPage.url()).toMatch(new RegExp(`^chrome-extension://${ext.id}/options\\.html`));
  await expect(optionsPage.getByRole('heading', { level: 1 })).toBeVisible();
  await optionsPage.close();
  await expect.poll(() => again.isClosed()).toBe(true);
});

test('the same rule on several pages is one entry with a count and the pages', async ({ page, server, ext }) => {
  await page.goto(server.url('shop.example.jp', '/no-loginkey'));
  const tabId = await ext.tabIdOf(page);
  await ext.waitForRules(tabId, ['oksky/loginkey-missing']);
  // the same page again under another path: the rule fires on both
  const html = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'sites', 'shop.example.jp', 'no-loginkey.html'), 'utf8');
  server.page('shop.example.jp', '/no-loginkey-2', html);
  await page.goto(server.url('shop.example.jp', '/no-loginkey-2'));
  await expect
    .poll(async () => (await ext.status(tabId)).findings.filter((f) => f.ruleId === 'oksky/loginkey-missing').length)
    .toBe(2);
  const popup = await openPopup(ext, tabId);
  const entry = popup.locator('li[data-rule-id="oksky/loginkey-missing"]');
  await expect(entry).toHaveCount(1);
  await expect(entry).toHaveAttribute('data-count', '2');
  await expect(entry.locator('[data-dup]')).toContainText('×2');
  await expect(entry.locator('.popup-path')).toHaveText(['/no-loginkey', '/no-loginkey-2']);
  await noOverflow(popup);
  await popup.close();
});

test('an empty tab says there is nothing yet', async ({ page, server, ext }) => {
  await page.goto(server.url('shop.example.jp', '/about'));
  const tabId = await ext.tabIdOf(page);
  const popup = await openPopup(ext, tabId);
  await expect(popup.getByText(/F12 → 「連携」タブ/)).toBeVisible();
  await expect(popup.locator('[data-count="error"]')).toHaveText('エラー 0');
  await expect(popup.locator('li[data-rule-id]')).toHaveCount(0);
  await popup.close();
});

test.describe('a site that is not turned on', () => {
  test.use({ captureSites: { all: false, hosts: [] } });
  test('the checkbox to record it is the first thing in view', async ({ page, server, ext }) => {
    await page.goto(server.url('shop.example.jp', '/no-loginkey'));
    const tabId = await ext.tabIdOf(page);
    const popup = await openPopup(ext, tabId);
    const box = popup.getByTestId('capture-this-site');
    await expect(box).not.toBeChecked();
    await expect(popup.locator('[data-capture-on="false"]')).toContainText('再読み込み（F5）');
    await inFirstScreen(box);
    await noOverflow(popup);
    await popup.close();
  });
});
