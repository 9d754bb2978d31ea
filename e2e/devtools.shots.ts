/**
 * `npm run screenshots`, inside real DevTools: the panel 「連携」 as support staff see it, docked at
 * the bottom and at the right of a Chromium window, in DevTools' light and dark themes, Japanese and
 * English — taken from the DevTools window itself (headful Chromium on a virtual display, the
 * DevTools front-end driven over CDP as in e2e/devtools.spec.ts). Written to
 * docs/screenshots/devtools-<dock>-<lang>-<scheme>.png; the README shows them.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openTabWithDevtools, showOurPanel, startXvfb, Targets, type DevtoolsBrowser } from './devtools-harness';
import { chromiumArgs, chromiumPath, EXTENSION_DIR, expect, test } from './fixtures';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'screenshots');
const SHOP = 'shop.example.jp';
const VARIANTS = [
  { lang: 'ja', scheme: 'light' },
  { lang: 'en', scheme: 'light' },
  { lang: 'ja', scheme: 'dark' },
] as const;

let xvfb: { display: string; proc: ChildProcess };
let context: BrowserContext;
let profile: string;
let browser: DevtoolsBrowser;
let control: Page;

/**
 * The browser window as the user sees it: DevTools' picture (where the inspected page's area is
 * blank) with the page's own picture laid into that area (top left, for a bottom or right dock).
 */
async function windowPicture(devtoolsPng: Buffer, page: Page): Promise<Buffer> {
  const pagePng = await page.screenshot({ animations: 'disabled', caret: 'hide' });
  const [width, height] = [devtoolsPng.readUInt32BE(16), devtoolsPng.readUInt32BE(20)];
  const src = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;
  await control.setContent(
    `<body style="margin:0"><div style="position:relative;width:${width}px;height:${height}px">` +
      `<img style="position:absolute;left:0;top:0" src="${src(devtoolsPng)}"><img style="position:absolute;left:0;top:0" src="${src(pagePng)}"></div></body>`,
  );
  await control.evaluate(() => Promise.all([...document.images].map((i) => i.decode())));
  return control.screenshot({ fullPage: true, clip: { x: 0, y: 0, width, height } });
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ server }) => {
  mkdirSync(OUT, { recursive: true });
  xvfb = await startXvfb();
  profile = mkdtempSync(join(tmpdir(), 'renkei-devtools-shots-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: false,
    viewport: null,
    ignoreHTTPSErrors: true,
    locale: 'ja-JP',
    env: { ...process.env, DISPLAY: xvfb.display },
    args: [...chromiumArgs(server.port, EXTENSION_DIR), '--auto-open-devtools-for-tabs', '--window-position=0,0', '--window-size=1280,900'],
  });
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  control = context.pages()[0] ?? (await context.newPage());
  browser = { context, targets: new Targets(await context.newCDPSession(control)), extensionId: new URL(sw.url()).host };
});

test.afterAll(async () => {
  await context?.close();
  xvfb?.proc.kill();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** DevTools' own settings, in its front-end: the dock side and the theme */
const devtoolsSetting = (dock: 'bottom' | 'right', theme: 'default' | 'dark') => `(async () => {
  const common = await import('./core/common/common.js');
  const settings = common.Settings.Settings.instance();
  // no "1279px × 512px" label drawn on the page when the dock changes its size
  const sdk = await import('./core/sdk/sdk.js');
  for (const overlay of sdk.TargetManager.TargetManager.instance().models(sdk.OverlayModel.OverlayModel)) overlay.setShowViewportSizeOnResize(false);
  for (const key of ['ui-theme', 'uiTheme']) {
    try { settings.moduleSetting(key).set('${theme}'); break; } catch {}
  }
  const legacy = await import('./ui/legacy/legacy.js');
  const dc = legacy.DockController.DockController.instance();
  dc.setDockSide('${dock}');
  return dc.dockSide();
})()`;


for (const v of VARIANTS) {
  test(`the panel docked in DevTools, ${v.lang} ${v.scheme}`, async ({ server }) => {
    const sw = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${browser.extensionId}/`))!;
    await sw.evaluate((lang) => (globalThis as unknown as { chrome: { storage: { sync: { set(v: object): Promise<void> } } } }).chrome.storage.sync.set({ language: lang }), v.lang);
    const { page, devtools, known } = await openTabWithDevtools(browser);
    await page.goto(server.url(SHOP, '/no-loginkey'));
    const { targets } = browser;
    const panel = await showOurPanel(browser, devtools, known);
    // opening the panel turns recording on for the site; its button reloads the page and records it
    const bar = () => targets.eval<string>(panel, `document.querySelector('[data-capture]')?.getAttribute('data-capture') ?? ''`);
    await expect.poll(bar).toMatch(/^(turned-on|on)$/);
    if ((await bar()) === 'turned-on') await targets.eval(panel, `document.querySelector('[data-capture] button').click()`);
    await expect.poll(bar).toBe('on');
    await expect
      .poll(() => targets.eval<number>(panel, `document.querySelectorAll('.finding-row[data-rule-id="oksky/loginkey-missing"]').length`))
      .toBeGreaterThan(0);
    // the widget's /login has arrived too (its finding is the second one the page has)
    await expect.poll(() => targets.eval<number>(panel, `document.querySelectorAll('.finding-row[data-rule-id="oksky/login-query-empty"]').length`)).toBeGreaterThan(0);
    for (const dock of ['bottom', 'right'] as const) {
      expect(await targets.eval<string>(devtools, devtoolsSetting(dock, v.scheme === 'dark' ? 'dark' : 'default'))).toBe(dock);
      await expect.poll(() => targets.eval<string>(panel, `document.documentElement.dataset.theme ?? ''`)).toBe(v.scheme);
      await expect.poll(() => targets.eval<string>(panel, `document.documentElement.lang`)).toBe(v.lang);
      // the first finding selected, its detail beside the list; the pointer nowhere
      await targets.eval(panel, `document.querySelector('.finding-row')?.click(); document.activeElement?.blur(); true`);
      // two frames, so that the new dock size and theme are painted
      await targets.eval(panel, `new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok(true))))`);
      writeFileSync(join(OUT, `devtools-${dock}-${v.lang}-${v.scheme}.png`), await windowPicture(await targets.screenshot(devtools), page));
    }
    await page.close();
  });
}
