/**
 * The popup (`popup.html?tabId=N` in a tab, as the toolbar button would show it for tab N):
 * counts by severity, the worst findings in one line each, and how to open the panel.
 */
import { test, expect } from './fixtures';

test('summarises the current tab: counts, worst findings first, how to open the panel', async ({ page, server, ext, context }) => {
  await page.goto(server.url('shop.example.jp', '/no-loginkey'));
  const tabId = await ext.tabIdOf(page);
  const status = await ext.waitForRules(tabId, ['oksky/loginkey-missing']);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${ext.id}/popup.html?tabId=${tabId}`);
  const first = popup.locator('li[data-rule-id]').first();
  await expect(first).toHaveAttribute('data-severity', 'error');
  await expect(popup.locator('li[data-rule-id="oksky/loginkey-missing"]')).toBeVisible();
  await expect(popup.locator('[data-count="error"]')).toHaveText(`エラー ${status.summary.errors}`);
  await expect(popup.locator('[data-count="warning"]')).toHaveText(`警告 ${status.summary.warnings}`);
  await expect(popup.locator('[data-count="info"]')).toHaveText(`情報 ${status.summary.infos}`);
  await expect(popup.getByText(/F12 → 連携タブ/)).toBeVisible();
  await expect(popup.getByText('shop.example.jp')).toBeVisible();
  await expect(popup.locator('[data-site-access="withheld"]')).toHaveCount(0);
  // severities never go up the list: error → warning → info
  const order = await popup.locator('li[data-rule-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-severity')));
  const rank = { error: 0, warning: 1, info: 2 } as Record<string, number>;
  expect(order.map((s) => rank[s!])).toEqual([...order.map((s) => rank[s!])].sort());
  await popup.close();
});

test('an empty tab says there is nothing yet', async ({ page, server, ext, context }) => {
  await page.goto(server.url('shop.example.jp', '/about'));
  const tabId = await ext.tabIdOf(page);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${ext.id}/popup.html?tabId=${tabId}`);
  await expect(popup.getByText(/F12 → 連携タブ/)).toBeVisible();
  await expect(popup.locator('[data-count="error"]')).toHaveText('エラー 0');
  await popup.close();
});
