/**
 * Visual regression: a few stable states compared with their baselines in
 * e2e/visual.spec.ts-snapshots/ (Debian's Chromium with fonts-noto-cjk, as scripts/setup.sh
 * installs them). The tolerance survives font hinting and anti-aliasing (per-pixel colour
 * threshold 0.2, at most 1 % of the pixels) but not a layout regression: the last test shifts
 * the findings list by 20 px and must see the comparison fail.
 *
 * After an intended UI change, look at the new pictures and update the baselines:
 *   npx playwright test e2e/visual.spec.ts --update-snapshots
 *
 * Everything that changes between runs is fixed or masked: the language and colour scheme are set,
 * the UI's remembered choices (list/detail split, report format) are reset (screens.ts), animations and the caret are off, the extension's
 * settings are set before the options page opens, and anything showing a time or a duration is
 * masked (MASK).
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect, type ExtensionHelpers } from './fixtures';
import { BOTTOM_DOCK, POPUP, RIGHT_DOCK, openExtensionPage, panelWithFindings, setLanguage, type Variant } from './screens';

type Chrome = { storage: { sync: { set(v: object): Promise<void>; remove(k: string | string[]): Promise<void> }; local: { set(v: object): Promise<void>; remove(k: string | string[]): Promise<void> } } };
declare const chrome: Chrome;

/** one comparison's tolerance: font hinting moves a few edge pixels, a layout change moves many */
const TOLERANCE = { maxDiffPixelRatio: 0.002, threshold: 0.2 } as const;
/** shown times and durations (none in the states below today; masked should one appear) */
const MASK = 'time, [data-time], .request-meta, .record-time';

const JA_LIGHT: Variant = { lang: 'ja', scheme: 'light' };
const JA_DARK: Variant = { lang: 'ja', scheme: 'dark' };

const shot = (page: Page, extra: Locator[] = []) => ({ ...TOLERANCE, animations: 'disabled' as const, caret: 'hide' as const, scale: 'css' as const, mask: [page.locator(MASK), ...extra] });

test.afterEach(async ({ ext }) => setLanguage(await ext.worker(), undefined));

/** /no-loginkey in a fresh tab, analysed: its two findings */
async function noLoginKey(page: Page, server: { url(h: string, p: string): string }, ext: ExtensionHelpers): Promise<number> {
  await page.goto(server.url('shop.example.jp', '/no-loginkey'));
  const tabId = await ext.tabIdOf(page);
  await ext.waitForRules(tabId, ['oksky/loginkey-missing', 'oksky/login-query-empty']);
  await setLanguage(await ext.worker(), 'ja');
  return tabId;
}

async function findingsPanel(ext: ExtensionHelpers, tabId: number): Promise<Page> {
  const panel = await openExtensionPage(ext.context, ext.id, `devtools-panel.html?tabId=${tabId}`, BOTTOM_DOCK, JA_LIGHT);
  await panelWithFindings(panel, await ext.worker(), tabId);
  // the pointer away from every control (a hovered tab or row looks different)
  await panel.mouse.move(BOTTOM_DOCK.width - 1, BOTTOM_DOCK.height - 1);
  return panel;
}

/** the platform fonts Chromium used for the text of the elements matching `selector` (CDP) */
async function fontsOf(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
    const families = new Set<string>();
    for (const nodeId of nodeIds) for (const f of (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts) families.add(f.familyName);
    return [...families].sort();
  } finally {
    await cdp.detach();
  }
}

test('the fonts of the baselines are the ones in use (DejaVu Sans, Noto Sans CJK JP, Noto Sans Mono CJK JP)', async ({ page, server, ext }) => {
  // a machine with other fonts draws every picture differently: say so instead of failing on pixels
  const tabId = await noLoginKey(page, server, ext);
  const panel = await findingsPanel(ext, tabId);
  const hint = 'the visual baselines were made with Debian\'s fonts-dejavu-core and fonts-noto-cjk (scripts/setup.sh installs them)';
  // the finding's title mixes Latin (loginKey) and Japanese; the fix is code
  expect(await fontsOf(panel, 'article.finding .finding-title'), hint).toEqual(['DejaVu Sans', 'Noto Sans CJK JP']);
  expect(await fontsOf(panel, 'article.finding pre, article.finding pre *'), hint).toEqual(['Noto Sans Mono CJK JP']);
  await panel.close();
});

test('panel findings with the fix, bottom dock (1280×400) and right dock (420×900), Japanese light', async ({ page, server, ext }) => {
  const tabId = await noLoginKey(page, server, ext);
  const panel = await findingsPanel(ext, tabId);
  await expect(panel).toHaveScreenshot('panel-findings-bottom-ja-light.png', shot(panel));
  await panel.setViewportSize(RIGHT_DOCK);
  await expect.poll(() => panel.evaluate(() => document.documentElement.clientWidth)).toBeLessThanOrEqual(RIGHT_DOCK.width);
  await panel.mouse.move(RIGHT_DOCK.width - 1, RIGHT_DOCK.height - 1);
  await expect(panel).toHaveScreenshot('panel-findings-right-ja-light.png', shot(panel));
  await panel.close();
});

test('popup with findings, Japanese light', async ({ page, server, ext }) => {
  const tabId = await noLoginKey(page, server, ext);
  const popup = await openExtensionPage(ext.context, ext.id, `popup.html?tabId=${tabId}`, POPUP, JA_LIGHT);
  await expect(popup.locator('li[data-rule-id="oksky/loginkey-missing"]')).toBeVisible();
  await expect(popup.locator('li[data-rule-id="oksky/login-query-empty"]')).toBeVisible();
  await expect(popup.locator('main')).not.toHaveAttribute('data-checklist-phase', 'loading');
  await expect(popup.locator('[data-capture-on]')).toBeAttached();
  await popup.mouse.move(POPUP.width - 1, POPUP.height - 1);
  await expect(popup).toHaveScreenshot('popup-findings-ja-light.png', shot(popup));
  await popup.close();
});

test('options page, Japanese dark', async ({ page, ext }) => {
  // the settings it shows, as an operator left them (earlier tests may have changed any of them)
  await (await ext.worker()).evaluate(async () => {
    await chrome.storage.sync.set({ settingsHosts: { ecai: ['admin.ecai.example.jp'], luxliner: ['members.luxliner.jp'] } });
    await chrome.storage.local.set({ companion: { url: '', token: '' } });
  });
  try {
    await setLanguage(await ext.worker(), 'ja');
    const options = await openExtensionPage(ext.context, ext.id, 'options.html', { width: 1280, height: 800 }, JA_DARK);
    await expect(options.locator('textarea').first()).toHaveValue('admin.ecai.example.jp');
    await expect(options.locator('textarea').nth(1)).toHaveValue('members.luxliner.jp');
    // the capture sites as the fixture set them (all sites), once loaded
    await expect(options.getByRole('checkbox').first()).toBeChecked();
    await options.mouse.move(1279, 799);
    await expect(options).toHaveScreenshot('options-ja-dark.png', shot(options));
    await options.close();
  } finally {
    await (await ext.worker()).evaluate(async () => chrome.storage.sync.remove('settingsHosts'));
    await page.bringToFront();
  }
});

test('the comparison fails on a layout regression: the findings list shifted by 20 px', async ({ page, server, ext }) => {
  const tabId = await noLoginKey(page, server, ext);
  const panel = await findingsPanel(ext, tabId);
  await panel.addStyleTag({ content: '.finding-list { margin-top: 20px !important; }' });
  await expect.poll(() => panel.locator('.finding-list').evaluate((e) => getComputedStyle(e).marginTop)).toBe('20px');
  const shifted = await panel.screenshot({ animations: 'disabled', caret: 'hide', scale: 'css', mask: [panel.locator(MASK)] });
  // the same baseline and tolerance as the test above; `.not` never writes a baseline
  expect(shifted).not.toMatchSnapshot('panel-findings-bottom-ja-light.png', TOLERANCE);
  await panel.close();
});
