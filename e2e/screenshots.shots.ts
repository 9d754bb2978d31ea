/**
 * `npm run screenshots`: every surface and state of the extension, rendered from the browser-test
 * fixtures (the HTTPS fixture server under the real host names, the built extension), into
 * docs/screenshots/<surface>-<state>-<lang>-<scheme>.png for Japanese light, English light and
 * Japanese dark; and the store listing's 1280×800 pictures into docs/store/screenshots/.
 * Run by playwright.screenshots.config.ts (not part of `npm test`; e2e/visual.spec.ts is the
 * visual regression test). Waits are on states, never on time.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { clearRecordings, recordSlot, SLOTS } from './compare-helpers';
import { test, expect, type ExtensionHelpers } from './fixtures';
import { BOTTOM_DOCK, POPUP, RIGHT_DOCK, TALL_BOTTOM_DOCK, VARIANTS, openExtensionPage, panelWithFindings, popupContentHeight, setLanguage, storeScreenshots, type Size, type Variant } from './screens';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'docs', 'screenshots');
const STORE_OUT = join(ROOT, 'docs', 'store', 'screenshots');
const SETTINGS = join(ROOT, 'tests', 'fixtures', 'settings');
const SHOP = 'shop.example.jp';
/** a settings host for ECAI and Luxliner, as an operator enters it in the options */
const ECAI_HOST = 'admin.ecai.example.jp';
const LUX_HOST = 'members.luxliner.jp';

type Chrome = { storage: { sync: { set(v: object): Promise<void>; remove(k: string | string[]): Promise<void> }; local: { set(v: object): Promise<void>; remove(k: string | string[]): Promise<void> } } };
declare const chrome: Chrome;

mkdirSync(OUT, { recursive: true });

const file = (surface: string, state: string, v: Variant) => join(OUT, `${surface}-${state}-${v.lang}-${v.scheme}.png`);

/** each variant in turn: the language set in the extension's storage first (the page opens in it) */
async function eachVariant(ext: ExtensionHelpers, fn: (v: Variant) => Promise<void>) {
  for (const v of VARIANTS) {
    await setLanguage(await ext.worker(), v.lang);
    await fn(v);
  }
}

async function open(ext: ExtensionHelpers, path: string, size: Size, v: Variant): Promise<Page> {
  return openExtensionPage(ext.context, ext.id, path, size, v);
}

/** the picture, with the pointer moved off every control (a hovered tab or row looks different) */
async function shoot(page: Page, path: string, fullPage = false) {
  const size = page.viewportSize()!;
  await page.mouse.move(size.width - 1, size.height - 1);
  // a popup is as high as its content (Chrome sizes it so, up to 600 px)
  const clip = page.url().includes('/popup.html') ? { x: 0, y: 0, width: size.width, height: await popupContentHeight(page) } : undefined;
  await page.screenshot({ path, fullPage, clip, animations: 'disabled', caret: 'hide' });
}

/** the popup once everything it loads on its own has arrived */
async function popupReady(popup: Page, verdict = true) {
  if (verdict) await expect(popup.locator('[data-verdict]').first()).toBeAttached();
  await expect(popup.locator('main')).not.toHaveAttribute('data-checklist-phase', 'loading');
  await expect(popup.locator('[data-capture-on]')).toBeAttached();
}

test.afterEach(async ({ ext }) => {
  await setLanguage(await ext.worker(), undefined);
});

test('panel findings (bottom and right dock) and the popup on /no-loginkey', async ({ page, server, ext }) => {
  await page.goto(server.url(SHOP, '/no-loginkey'));
  const tabId = await ext.tabIdOf(page);
  await ext.waitForRules(tabId, ['oksky/loginkey-missing']);
  await eachVariant(ext, async (v) => {
    const panel = await open(ext, `devtools-panel.html?tabId=${tabId}`, BOTTOM_DOCK, v);
    await panelWithFindings(panel, await ext.worker(), tabId);
    await expect(panel.locator('article.finding .fix-block, article.finding [data-fix]').first()).toBeVisible();
    await shoot(panel, file('panel', 'findings-bottom', v));
    await panel.setViewportSize(RIGHT_DOCK);
    await expect.poll(() => panel.evaluate(() => document.documentElement.clientWidth)).toBeLessThanOrEqual(RIGHT_DOCK.width);
    await shoot(panel, file('panel', 'findings-right', v));
    await panel.close();

    const popup = await open(ext, `popup.html?tabId=${tabId}`, POPUP, v);
    await popupReady(popup);
    await expect(popup.locator('li[data-rule-id="oksky/loginkey-missing"]')).toBeVisible();
    await shoot(popup, file('popup', 'findings', v));
    await popup.close();
  });
});

test('panel Tags, Network and Timeline on a session of four pages', async ({ page, server, ext }) => {
  const paths = ['/', '/mypage', '/no-loginkey', '/mismatch'];
  for (const p of paths) await page.goto(server.url(SHOP, p));
  const tabId = await ext.tabIdOf(page);
  await expect.poll(async () => (await ext.capture(tabId)).session.pages.length).toBe(paths.length);
  await ext.waitForRules(tabId, ['oksky/loginkey-missing']);
  // every page's widget has logged in (the Network tab's /login rows)
  await expect.poll(async () => (await ext.capture(tabId)).session.requests.filter((r) => r.url.endsWith('/login')).length).toBe(paths.length);
  await eachVariant(ext, async (v) => {
    const panel = await open(ext, `devtools-panel.html?tabId=${tabId}`, TALL_BOTTOM_DOCK, v);
    await panelWithFindings(panel, await ext.worker(), tabId);
    await panel.locator('#panel-tab-tags').click();
    await expect(panel.locator('#panel-panel-tags .tag-card, #panel-panel-tags [data-tag]').first()).toBeVisible();
    await shoot(panel, file('panel', 'tags', v));
    await panel.locator('#panel-tab-network').click();
    await expect(panel.locator('#panel-panel-network [data-request-kind]').first()).toBeVisible();
    await shoot(panel, file('panel', 'network', v));
    await panel.locator('#panel-tab-timeline').click();
    await expect(panel.locator('#panel-panel-timeline [data-level]')).toHaveCount(paths.length);
    await shoot(panel, file('panel', 'timeline', v));
    await panel.close();
  });
});

test('panel Compare with the four recordings (staging / production × logged in / out)', async ({ page, server, ext }) => {
  test.setTimeout(600_000);
  await clearRecordings(ext);
  const drops = new Map<string, () => void>();
  try {
    await setLanguage(await ext.worker(), 'ja');
    await page.goto(server.url(SHOP, '/about'));
    const tabId = await ext.tabIdOf(page);
    const recorder = await ext.openPanel(tabId);
    await recorder.getByRole('tab', { name: '比較' }).click();
    for (const slot of SLOTS) await recordSlot({ page, panel: recorder, server, ext, tabId, slot, path: '/account', drops });
    await recorder.close();
    await eachVariant(ext, async (v) => {
      const panel = await open(ext, `devtools-panel.html?tabId=${tabId}`, BOTTOM_DOCK, v);
      await panel.locator('#panel-tab-compare').click();
      const pair = panel.locator('[data-testid="compare-main"][data-pair="loggedIn"]');
      await expect(pair.locator('article[data-rule-id="compare/linkage-missing"]')).toBeVisible();
      for (const slot of SLOTS) await expect(panel.locator(`[data-slot="${slot}"]`)).toHaveAttribute('data-recorded', 'true');
      await shoot(panel, file('panel', 'compare', v));
      await panel.setViewportSize(RIGHT_DOCK);
      await expect.poll(() => panel.evaluate(() => document.documentElement.clientWidth)).toBeLessThanOrEqual(RIGHT_DOCK.width);
      await shoot(panel, file('panel', 'compare-right', v));
      await panel.close();
    });
  } finally {
    for (const drop of drops.values()) drop();
    await clearRecordings(ext);
  }
});

test('all clear: the panel and the popup on /mypage', async ({ page, server, ext }) => {
  await page.goto(server.url(SHOP, '/mypage'));
  const tabId = await ext.tabIdOf(page);
  await expect.poll(async () => ((await ext.status(tabId)) as { verdict?: string }).verdict).toBe('clear');
  await eachVariant(ext, async (v) => {
    const panel = await open(ext, `devtools-panel.html?tabId=${tabId}`, BOTTOM_DOCK, v);
    await expect(panel.locator('[data-verdict="clear"]').first()).toBeVisible();
    await shoot(panel, file('panel', 'clear', v));
    await panel.close();
    const popup = await open(ext, `popup.html?tabId=${tabId}`, POPUP, v);
    await popupReady(popup);
    await expect(popup.locator('[data-verdict]').first()).toHaveAttribute('data-verdict', 'clear');
    await shoot(popup, file('popup', 'clear', v));
    await popup.close();
  });
});

test.describe('a site that is not turned on', () => {
  test.use({ captureSites: { all: false, hosts: [] } });
  test('the popup offers to turn it on', async ({ page, server, ext }) => {
    await page.goto(server.url(SHOP, '/no-loginkey'));
    const tabId = await ext.tabIdOf(page);
    await eachVariant(ext, async (v) => {
      const popup = await open(ext, `popup.html?tabId=${tabId}`, POPUP, v);
      await popupReady(popup);
      await expect(popup.locator('[data-capture-on="false"]')).toBeVisible();
      await shoot(popup, file('popup', 'site-off', v));
      await popup.close();
    });
  });
});

async function configureHosts(ext: ExtensionHelpers) {
  await (await ext.worker()).evaluate(
    async ([ecai, lux]) => {
      await chrome.storage.sync.set({ settingsHosts: { ecai: [ecai], luxliner: [lux] } });
      await chrome.storage.local.set({ checklistSite: 'shop', companion: { url: '', token: '' } });
    },
    [ECAI_HOST, LUX_HOST] as const,
  );
}

test('the popup checklist on LINE Official Account Manager and on ECAI', async ({ page, server, ext }) => {
  await configureHosts(ext);
  const pages = [
    { state: 'checklist-line', host: 'manager.line.biz', path: '/account/@123abcde/setting/response', fixture: 'oam-response-switches' },
    { state: 'checklist-ecai', host: ECAI_HOST, path: '/bots/12/line-accounts/3/edit', fixture: 'ecai-account-table' },
  ];
  for (const p of pages) {
    server.page(p.host, p.path, readFileSync(join(SETTINGS, `${p.fixture}.html`), 'utf8'));
    await page.goto(server.url(p.host, p.path));
    const tabId = await ext.tabIdOf(page);
    await eachVariant(ext, async (v) => {
      const popup = await open(ext, `popup.html?tabId=${tabId}`, POPUP, v);
      await expect(popup.locator('[data-checklist-phase]')).toHaveAttribute('data-checklist-phase', 'ready');
      await popupReady(popup, false);
      await shoot(popup, file('popup', p.state, v));
      await popup.close();
    });
  }
});

test('the options page, and an invalid host explained', async ({ ext }) => {
  await configureHosts(ext);
  await eachVariant(ext, async (v) => {
    const options = await open(ext, 'options.html', { width: 1280, height: 800 }, v);
    await expect(options.locator('textarea').first()).toHaveValue(ECAI_HOST);
    await shoot(options, file('options', 'hosts', v), true);
    await options.locator('textarea').first().fill(`${ECAI_HOST}\nhttps://bad host/`);
    await options.getByRole('button', { name: v.lang === 'ja' ? '保存' : 'Save', exact: true }).click();
    await expect(options.locator('.field-errors')).toContainText('bad host');
    await shoot(options, file('options', 'invalid-host', v), true);
    await options.close();
  });
  await (await ext.worker()).evaluate(async () => chrome.storage.sync.remove('settingsHosts'));
});

test('the store listing (1280×800): the panel docked below a page and the popup over it', async ({ server, ext }) => {
  const written = await storeScreenshots(ext.context, ext.id, (host, path) => server.url(host, path), STORE_OUT);
  expect(written).toHaveLength(6);
});
