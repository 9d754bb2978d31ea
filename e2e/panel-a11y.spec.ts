/**
 * axe-core on the DevTools panel 「連携」 (opened as a tab on a tab's capture): every tab with data
 * and empty, a 2,000-request virtualised Network list, light and dark, Japanese and English —
 * zero violations (WCAG 2.x A/AA and axe's best practices).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { bigHar } from './big-har';
import { test, expect, type ExtensionHelpers } from './fixtures';

const SHOP = 'shop.example.jp';
const TABS = ['tags', 'network', 'findings', 'timeline', 'compare'] as const;

async function setLanguage(ext: ExtensionHelpers, lang: 'ja' | 'en' | undefined): Promise<void> {
  const sw = await ext.worker();
  await sw.evaluate(async (v) => {
    const sync = (globalThis as unknown as { chrome: { storage: { sync: { set(x: object): Promise<void>; remove(k: string): Promise<void> } } } }).chrome.storage.sync;
    if (v) await sync.set({ language: v });
    else await sync.remove('language');
  }, lang);
}

/** the violations on the page as it is now, one line each (rule, impact, the first nodes) */
async function violations(panel: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page: panel }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

async function checkTabs(panel: Page, label: string): Promise<void> {
  for (const tab of TABS) {
    await panel.locator(`#panel-tab-${tab}`).click();
    await expect(panel.locator(`#panel-panel-${tab}`)).toBeVisible();
    // the tab's content has drawn (not the loading line)
    await expect(panel.locator(`#panel-panel-${tab} > *`).first()).toBeVisible();
    await expect(panel.locator(`#panel-panel-${tab}`)).not.toContainText(/読み込み中…|Loading…/);
    expect(await violations(panel), `${label} · ${tab}`).toEqual([]);
  }
}

for (const lang of ['ja', 'en'] as const) {
  test(`no axe violation on any panel tab with data, light and dark (${lang})`, async ({ page, server, ext }) => {
    for (const p of ['/mypage', '/no-loginkey', '/smart-quotes', '/logged-out-000']) await page.goto(server.url(SHOP, p));
    const tabId = await ext.tabIdOf(page);
    await expect.poll(async () => (await ext.capture(tabId)).session.pages.length).toBe(4);
    await setLanguage(ext, lang);
    const panel = await ext.openPanel(tabId);
    try {
      await expect(panel.locator('html')).toHaveAttribute('lang', lang);
      await expect(panel.locator('.finding-row').first()).toBeVisible();
      for (const scheme of ['light', 'dark'] as const) {
        await panel.emulateMedia({ colorScheme: scheme });
        await panel.setViewportSize({ width: 1280, height: 400 });
        await checkTabs(panel, `${lang} ${scheme} 1280×400`);
      }
      // docked at the right: the detail goes below the list
      await panel.setViewportSize({ width: 420, height: 900 });
      await checkTabs(panel, `${lang} dark 420×900`);
      // with the evidence open and the jump to the source done
      await panel.locator('#panel-tab-findings').click();
      await panel.locator('.finding-row[data-rule-id="oksky/linkage-commented-out"]').click();
      await panel.locator('.detail details.evidence > summary').click();
      await panel.locator('.detail').getByRole('button', { name: /行 \d+ 文字目|line \d+, column/ }).first().click();
      await expect(panel.locator('li[data-focused="true"]')).toBeFocused();
      expect(await violations(panel), `${lang} after the jump`).toEqual([]);
    } finally {
      await setLanguage(ext, undefined);
      await panel.close();
    }
  });
}

test('no axe violation on the empty panel (nothing captured yet), light and dark, ja and en', async ({ page, ext }) => {
  const tabId = await ext.tabIdOf(page);
  for (const lang of ['ja', 'en'] as const) {
    await setLanguage(ext, lang);
    const panel = await ext.openPanel(tabId);
    try {
      await expect(panel.locator('[data-verdict="empty"]').first()).toBeVisible();
      for (const scheme of ['light', 'dark'] as const) {
        await panel.emulateMedia({ colorScheme: scheme });
        await checkTabs(panel, `empty ${lang} ${scheme}`);
      }
    } finally {
      await setLanguage(ext, undefined);
      await panel.close();
    }
  }
});

test('no axe violation on a 2,000-request virtualised Network list, light and dark', async ({ page, server, ext }) => {
  await page.goto(server.url(SHOP, '/about'));
  const tabId = await ext.tabIdOf(page);
  await setLanguage(ext, 'ja');
  const panel = await ext.openPanel(tabId);
  try {
    await panel.getByLabel(/HAR ファイルを選ぶ/).setInputFiles({ name: 'big.har', mimeType: 'application/json', buffer: Buffer.from(bigHar(2000)) });
    await expect(panel.locator('.context')).toContainText('big.har');
    await panel.locator('#panel-tab-network').click();
    await expect(panel.getByText('2000 件中 2000 件')).toBeVisible();
    // virtualised: a window of the rows is in the DOM
    const inDom = await panel.locator('[data-request-kind]').count();
    expect(inDom).toBeGreaterThan(0);
    expect(inDom).toBeLessThan(200);
    for (const scheme of ['light', 'dark'] as const) {
      await panel.emulateMedia({ colorScheme: scheme });
      expect(await violations(panel), `network 2000 ${scheme}`).toEqual([]);
    }
    // scrolled to the middle, the rows there are in the DOM and still clean
    await panel.locator('.list.virtual').evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await expect.poll(() => panel.locator('[data-request-kind]').first().evaluate((e) => Number(e.closest('[data-index]')?.getAttribute('data-index') ?? 0))).toBeGreaterThan(100);
    expect(await violations(panel), 'network 2000 scrolled').toEqual([]);
  } finally {
    await setLanguage(ext, undefined);
    await panel.close();
  }
});
