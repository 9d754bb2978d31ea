/**
 * Capture only where someone is diagnosing (utils/ext/capture-sites.ts): no content script on a
 * site that is not turned on; opening the panel for a tab turns its site on (the next navigation
 * is captured from document_start) and offers 「再読み込みして記録」; the options page and the popup
 * list the sites and add, remove, or choose "all sites".
 */
import type { Page, Worker } from '@playwright/test';
import { PROBE_GLOBAL } from '../utils/ext/constants';
import { test, expect } from './fixtures';

const SHOP = 'shop.example.jp';
const OTHER = 'support.example.jp';

// these tests start from nothing turned on (the other specs run with "all sites")
test.use({ captureSites: { all: false, hosts: [] } });

/** whether the probe ran in the page (it defines its marker at document_start) */
const probed = (page: Page) => page.evaluate((g) => Object.getOwnPropertyDescriptor(window, g) !== undefined, PROBE_GLOBAL);

async function registered(sw: Worker): Promise<{ id: string; matches?: string[] }[]> {
  return sw.evaluate(async () => {
    const api = (globalThis as unknown as { renkeiCaptureSites: { registered(): Promise<unknown> } }).renkeiCaptureSites;
    return (await api.registered()) as { id: string; matches?: string[] }[];
  });
}

test('a site that is not turned on gets no content script and no recorded request', async ({ page, server, ext }) => {
  expect(await registered(await ext.worker())).toEqual([]);
  await page.goto(server.url(SHOP, '/no-loginkey'));
  await expect.poll(() => server.requests({ path: /\/login$/, method: 'POST' }).length).toBeGreaterThan(0);
  expect(await probed(page)).toBe(false);
  const tabId = await ext.tabIdOf(page);
  // a sentinel request after the page's /login, once the tab is diagnosed: webRequest events reach
  // the worker in order, so when the sentinel is recorded the earlier /login has been seen (and dropped)
  const panel = await ext.openPanel(tabId);
  await page.evaluate(() => fetch('https://kobuna-s-001.okskychat.net/widget/widget.js?sentinel=1').then((r) => r.text()));
  await expect.poll(async () => (await ext.capture(tabId)).session.requests.map((r) => new URL(r.url).search)).toEqual(['?sentinel=1']);
  expect((await ext.status(tabId)).pages).toEqual([]);
  expect(await ext.badgeText(tabId)).toBe('');
  await panel.close();
});

test('opening the panel turns the tab site on and offers the reload; the next load is captured', async ({ page, server, ext }) => {
  await page.goto(server.url(SHOP, '/no-loginkey'));
  const tabId = await ext.tabIdOf(page);
  expect(await probed(page)).toBe(false);
  const panel = await ext.openPanel(tabId);
  const bar = panel.locator('[data-capture]');
  await expect(bar).toHaveAttribute('data-capture', 'turned-on');
  await expect(bar).toHaveAttribute('data-site', SHOP);
  const rules = await registered(await ext.worker());
  expect(rules.map((r) => r.id).sort()).toEqual(['renkei-probe', 'renkei-relay']);
  for (const r of rules) expect(r.matches).toEqual([`*://${SHOP}/*`]);
  await bar.getByRole('button', { name: /再読み込みして記録|Reload and record/ }).click();
  await ext.waitForRules(tabId, ['oksky/loginkey-missing']);
  expect(await probed(page)).toBe(true);
  await expect(bar).toHaveAttribute('data-capture', 'on');
  // the finding reaches the panel with the test-contract attributes
  await expect(panel.locator('.finding-row[data-rule-id="oksky/loginkey-missing"]').first()).toHaveAttribute('data-severity', 'error');
  // another site stays off
  const other = await page.context().newPage();
  await other.goto(server.url(OTHER, '/'));
  expect(await probed(other)).toBe(false);
  await other.close();
  // the site stays on (storage.local): a later panel for the tab says so, without the reload offer
  await panel.close();
  const again = await ext.openPanel(tabId);
  await expect(again.locator('[data-capture]')).toHaveAttribute('data-capture', 'on');
  await expect(again.getByRole('button', { name: /再読み込みして記録|Reload and record/ })).toHaveCount(0);
  await again.close();
});

test('panel opened first: the next navigation of the tab is captured from document_start', async ({ page, server, ext }) => {
  await page.goto(server.url(SHOP, '/about'));
  const tabId = await ext.tabIdOf(page);
  const panel = await ext.openPanel(tabId);
  await page.goto(server.url(SHOP, '/no-loginkey'));
  await ext.waitForRules(tabId, ['oksky/loginkey-missing']);
  expect(await probed(page)).toBe(true);
  await panel.close();
});

test('the options page lists the sites: add, remove, all sites, bad input', async ({ page, server, ext }) => {
  const options = await page.context().newPage();
  await options.goto(`chrome-extension://${ext.id}/options.html`);
  const list = options.locator('section.capture-sites');
  await expect(list).toContainText(/まだありません|None yet/);
  const input = list.getByLabel(/サイトを追加|Add a site/);
  await input.fill('https://Shop.Example.JP/mypage');
  await input.press('Enter');
  await expect(list.locator(`li[data-site="${SHOP}"]`)).toBeVisible();
  await expect.poll(async () => (await registered(await ext.worker())).map((r) => r.matches)).toEqual([[`*://${SHOP}/*`], [`*://${SHOP}/*`]]);
  await page.goto(server.url(SHOP, '/no-loginkey'));
  expect(await probed(page)).toBe(true);

  await input.fill('not a site!!');
  await list.getByRole('button', { name: /^(追加|Add)$/ }).click();
  await expect(list.locator('.notice.error')).toContainText('not a site!!');

  // all sites: every page gets the scripts
  await list.getByTestId('capture-all-sites').check();
  await expect.poll(async () => (await registered(await ext.worker())).map((r) => r.matches)).toEqual([['<all_urls>'], ['<all_urls>']]);
  await page.goto(server.url(OTHER, '/'));
  expect(await probed(page)).toBe(true);
  await list.getByTestId('capture-all-sites').uncheck();

  // remove: nothing registered, a new load is not captured
  await list.getByRole('button', { name: new RegExp(`${SHOP} (を外す)?|Remove ${SHOP}`) }).click();
  await expect(list.locator(`li[data-site="${SHOP}"]`)).toHaveCount(0);
  await expect.poll(async () => registered(await ext.worker())).toEqual([]);
  await page.goto(server.url(SHOP, '/no-loginkey'));
  expect(await probed(page)).toBe(false);
  await options.close();
});

test('the popup turns the current site on and off', async ({ page, server, ext }) => {
  await page.goto(server.url(SHOP, '/about'));
  const tabId = await ext.tabIdOf(page);
  const popup = await page.context().newPage();
  await popup.goto(`chrome-extension://${ext.id}/popup.html?tabId=${tabId}`);
  const toggle = popup.getByTestId('capture-this-site');
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await expect(popup.locator('[data-capture-on]')).toHaveAttribute('data-capture-on', 'true');
  await expect.poll(async () => (await registered(await ext.worker())).length).toBe(2);
  await page.goto(server.url(SHOP, '/no-loginkey'));
  await ext.waitForRules(tabId, ['oksky/loginkey-missing']);
  await popup.reload();
  await popup.getByTestId('capture-this-site').uncheck();
  await expect.poll(async () => registered(await ext.worker())).toEqual([]);
  await popup.close();
});
