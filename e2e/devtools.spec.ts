/**
 * The panel 「連携」 inside real DevTools. Where the user withheld site access (issue 9 §4) the
 * panel must diagnose from DevTools' own records whether it was open before the page loaded (the
 * usual way support staff work) or opened after — the mode is decided on every navigation of the
 * inspected tab, not once. With access (issue 11): the inspected tab's session, DevTools' theme
 * (light and dark, followed while the panel is open) and 「Sources で開く」 (openResource).
 *
 * Headful Chromium on a virtual display (Xvfb, started here on a free display number: CI runs as
 * root without a display), `--auto-open-devtools-for-tabs`; the DevTools front-end and our panel
 * frame are driven over CDP (Target.attachToTarget / sendMessageToTarget through a Playwright CDP
 * session); site access is withheld with `chrome.developerPrivate.updateExtensionConfiguration`
 * (see the browser-testing guide, "The DevTools panel").
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { openTabWithDevtools, showOurPanel, startXvfb, Targets } from './devtools-harness';
import { chromiumArgs, chromiumPath, EXTENSION_DIR, expect, test } from './fixtures';
import { SITES_DIR } from './server';

const SHOP = 'shop.example.jp';
const NO_LOGINKEY = readFileSync(join(SITES_DIR, SHOP, 'no-loginkey.html'), 'utf8');

interface PanelState {
  mode: string | null;
  verdict: string | null;
  rules: string[];
  reloadButton: boolean;
}

const PANEL_STATE = `JSON.stringify({
  mode: document.querySelector('[data-source-mode]')?.getAttribute('data-source-mode') ?? null,
  verdict: document.querySelector('.panel [data-verdict]')?.getAttribute('data-verdict') ?? null,
  rules: [...document.querySelectorAll('.finding-row[data-rule-id]')].map((e) => e.getAttribute('data-rule-id')),
  reloadButton: [...document.querySelectorAll('button')].some((b) => b.textContent === 'プローブを入れて再読み込み'),
})`;

let xvfb: { display: string; proc: ChildProcess };
let context: BrowserContext;
let profile: string;
let extensionId: string;
let targets: Targets;
let control: Page;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ server }) => {
  xvfb = await startXvfb();
  profile = mkdtempSync(join(tmpdir(), 'renkei-devtools-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: false,
    ignoreHTTPSErrors: true,
    locale: 'ja-JP',
    env: { ...process.env, DISPLAY: xvfb.display },
    args: [...chromiumArgs(server.port, EXTENSION_DIR), '--auto-open-devtools-for-tabs'],
  });
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  extensionId = new URL(sw.url()).host;
  // the panel in Japanese (the setting a support desk would choose)
  await sw.evaluate(() => (globalThis as unknown as { chrome: { storage: { sync: { set(v: object): Promise<void> } } } }).chrome.storage.sync.set({ language: 'ja' }));
  // withhold site access: Chrome's "on click" (the user's setting in chrome://extensions)
  control = await context.newPage();
  await control.goto(`chrome://extensions/?id=${extensionId}`);
  await control.evaluate(
    (id) =>
      new Promise<void>((ok) =>
        (globalThis as unknown as { chrome: { developerPrivate: { updateExtensionConfiguration(c: object, cb: () => void): void } } }).chrome.developerPrivate.updateExtensionConfiguration(
          { extensionId: id, hostAccess: 'ON_CLICK' },
          ok,
        ),
      ),
    extensionId,
  );
  await expect
    .poll(() => sw.evaluate(() => (globalThis as unknown as { chrome: { permissions: { contains(p: object): Promise<boolean> } } }).chrome.permissions.contains({ origins: ['https://shop.example.jp/*'] })))
    .toBe(false);
  targets = new Targets(await context.newCDPSession(control));
});

test.afterAll(async () => {
  await context?.close();
  xvfb?.proc.kill();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

const tabWithDevtools = () => openTabWithDevtools({ context, targets, extensionId });
const showPanel = (devtools: string, known: Set<string>) => showOurPanel({ context, targets, extensionId }, devtools, known);

const panelState = async (session: string): Promise<PanelState> => JSON.parse(await targets.eval<string>(session, PANEL_STATE)) as PanelState;

test('panel open before the page loads: the navigation switches it to DevTools at once, and the findings come when the page has loaded', async ({ server }) => {
  // the page arrives in two parts: its head now, the body (with the tag) when the test says so
  let release!: () => void;
  const released = new Promise<void>((ok) => (release = ok));
  const cut = NO_LOGINKEY.indexOf('<main>');
  server.route({ host: SHOP, path: '/slow-no-loginkey' }, async (_req, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.write(NO_LOGINKEY.slice(0, cut));
    await released;
    res.end(NO_LOGINKEY.slice(cut));
  });
  const { page, devtools, known } = await tabWithDevtools();
  const panel = await showPanel(devtools, known);
  // nothing yet in this tab (about:blank): nothing read from DevTools either
  expect((await panelState(panel)).rules).toEqual([]);

  const loading = page.goto(server.url(SHOP, '/slow-no-loginkey'));
  // decided on the navigation itself, while the page is still loading
  await expect.poll(async () => (await panelState(panel)).mode).toBe('devtools');
  expect((await panelState(panel)).reloadButton).toBe(true);
  release();
  await loading;
  await expect.poll(async () => (await panelState(panel)).rules).toContain('oksky/loginkey-missing');
  const state = await panelState(panel);
  expect(state.verdict).toBe('problems');
  // the /login seen in DevTools' network log belongs to this page: no false "no /login request"
  await expect.poll(async () => (await panelState(panel)).rules).toContain('oksky/login-query-empty');
  expect((await panelState(panel)).rules).not.toContain('oksky/login-request-missing');

  // a second navigation in the same tab is read too (the mode and the reader follow every one)
  const pages = () => targets.eval<number>(panel, `document.querySelectorAll('#panel-panel-timeline .timeline-item').length`);
  await targets.eval(panel, `document.querySelector('#panel-tab-timeline').click()`);
  await expect.poll(pages).toBe(1);
  await page.goto(server.url(SHOP, '/about'));
  await expect.poll(pages).toBe(2);
  expect((await panelState(panel)).mode).toBe('devtools');
  await page.close();
});

test('panel opened after the page loaded: the fallback banner, the reload button and the findings', async ({ server }) => {
  const { page, devtools, known } = await tabWithDevtools();
  await page.goto(server.url(SHOP, '/no-loginkey'));
  const panel = await showPanel(devtools, known);
  await expect.poll(async () => (await panelState(panel)).mode).toBe('devtools');
  expect((await panelState(panel)).reloadButton).toBe(true);
  await expect.poll(async () => (await panelState(panel)).rules).toContain('oksky/loginkey-missing');
  expect((await panelState(panel)).verdict).toBe('problems');
  await page.close();
});

/**
 * The panel's own DevTools paths with site access granted (the usual setup): the inspected tab's
 * session, DevTools' theme, and "Open in Sources" (devtools.panels.openResource).
 */
test.describe('with site access', () => {
  test.beforeAll(async () => {
    const sw = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`)) ?? (await context.waitForEvent('serviceworker'));
    await control.evaluate(
      (id) =>
        new Promise<void>((ok) =>
          (globalThis as unknown as { chrome: { developerPrivate: { updateExtensionConfiguration(c: object, cb: () => void): void } } }).chrome.developerPrivate.updateExtensionConfiguration(
            { extensionId: id, hostAccess: 'ON_ALL_SITES' },
            ok,
          ),
        ),
      extensionId,
    );
    await expect
      .poll(() => sw.evaluate(() => (globalThis as unknown as { chrome: { permissions: { contains(p: object): Promise<boolean> } } }).chrome.permissions.contains({ origins: ['https://shop.example.jp/*'] })))
      .toBe(true);
  });

  const evalIn = <T>(session: string, js: string) => targets.eval<T>(session, js);

  test("the panel shows the inspected tab's session: its page in the header, its findings, recorded by the extension", async ({ server }) => {
    // as support staff work: the page is open, then DevTools and the panel
    const { page, devtools, known } = await tabWithDevtools();
    await page.goto(server.url(SHOP, '/mypage'));
    const panel = await showPanel(devtools, known);
    // opening the panel turns recording on for the inspected tab's site
    const bar = () => evalIn<string>(panel, `(document.querySelector('[data-capture]')?.getAttribute('data-capture') ?? '') + ' ' + (document.querySelector('[data-capture]')?.getAttribute('data-site') ?? '')`);
    await expect.poll(bar).toBe('turned-on shop.example.jp');
    // its 「再読み込みして記録」 records the page open now
    await evalIn(panel, `document.querySelector('[data-capture] button').click()`);
    await expect.poll(bar).toBe('on shop.example.jp');
    await expect.poll(() => evalIn<string>(panel, `document.querySelector('.context').textContent`)).toBe('shop.example.jp — マイページ');
    await page.goto(server.url(SHOP, '/no-loginkey'));
    await expect.poll(async () => (await panelState(panel)).rules).toContain('oksky/loginkey-missing');
    // the extension's own capture of this tab (no DevTools fallback), named by host and title in the header
    expect((await panelState(panel)).mode).toBeNull();
    await expect.poll(() => evalIn<string>(panel, `document.querySelector('.context').textContent`)).toMatch(/^shop\.example\.jp — (?!マイページ$)/);
    await evalIn(panel, `document.querySelector('#panel-tab-timeline').click()`);
    await expect.poll(() => evalIn<number>(panel, `document.querySelectorAll('#panel-panel-timeline .timeline-item').length`)).toBe(2);
    await evalIn(panel, `document.querySelector('#panel-tab-findings').click()`);
    // the tab id came from inspectedWindow (no ?tabId=): the same session the background holds for the tab
    expect(await evalIn<string>(panel, `location.search`)).toBe('');
    const rows = await evalIn<number>(panel, `document.querySelectorAll('.finding-row[data-rule-id][data-severity]').length`);
    expect(rows).toBeGreaterThan(0);
    await page.close();
  });

  test("the panel follows DevTools' theme (chrome.devtools.panels.themeName), light and dark, while open and when opened", async ({ server }) => {
    const setTheme = (devtools: string, name: 'dark' | 'default') =>
      evalIn<string>(
        devtools,
        `(async () => {
          const common = await import('./core/common/common.js');
          const settings = common.Settings.Settings.instance();
          for (const key of ['ui-theme', 'uiTheme']) {
            try { const s = settings.moduleSetting(key); s.set('${name}'); return key + '=' + s.get(); } catch {}
          }
          return 'no theme setting';
        })()`,
      );
    const look = (panel: string) => evalIn<string>(panel, `document.documentElement.dataset.theme + ' ' + getComputedStyle(document.body).backgroundColor`);
    const first = await tabWithDevtools();
    await first.page.goto(server.url(SHOP, '/no-loginkey'));
    expect(await setTheme(first.devtools, 'default')).toMatch(/=default$/);
    const panel = await showPanel(first.devtools, first.known);
    await expect.poll(() => look(panel)).toBe('light rgb(255, 255, 255)');
    // switched in DevTools' settings while the panel is open: it follows, both ways
    expect(await setTheme(first.devtools, 'dark')).toMatch(/=dark$/);
    await expect.poll(() => look(panel)).toBe('dark rgb(32, 33, 36)');
    expect(await setTheme(first.devtools, 'default')).toMatch(/=default$/);
    await expect.poll(() => look(panel)).toBe('light rgb(255, 255, 255)');
    // a DevTools that starts dark (the setting is kept): the panel is dark from the start
    expect(await setTheme(first.devtools, 'dark')).toMatch(/=dark$/);
    const second = await tabWithDevtools();
    await second.page.goto(server.url(SHOP, '/no-loginkey'));
    const darkPanel = await showPanel(second.devtools, second.known);
    expect(await evalIn<string>(darkPanel, `chrome.devtools.panels.themeName`)).toBe('dark');
    await expect.poll(() => look(darkPanel)).toBe('dark rgb(32, 33, 36)');
    // back to the default theme (the setting is kept in the profile), followed by the open panel
    await setTheme(second.devtools, 'default');
    await expect.poll(() => look(darkPanel)).toBe('light rgb(255, 255, 255)');
    await second.page.close();
    await first.page.close();
  });

  test('"Open in Sources" opens the page at the line in DevTools\' Sources panel, and the panel says so', async ({ server }) => {
    const { page, devtools, known } = await tabWithDevtools();
    await page.goto(server.url(SHOP, '/logged-out-000'));
    const panel = await showPanel(devtools, known);
    // recorded by the extension: the site is on (this test may run alone), the page reloaded if it was not
    const bar = () => evalIn<string>(panel, `document.querySelector('[data-capture]')?.getAttribute('data-capture') ?? ''`);
    await expect.poll(bar).toMatch(/^(turned-on|on)$/);
    if ((await bar()) === 'turned-on') await evalIn(panel, `document.querySelector('[data-capture] button').click()`);
    await expect.poll(bar).toBe('on');
    await expect.poll(async () => (await panelState(panel)).rules).toContain('oksky/linkage-commented-out');
    await evalIn(panel, `document.querySelector('#panel-tab-tags').click()`);
    const button = `document.querySelector('#panel-panel-tags [data-page-index] button[data-open-resource]')`;
    await expect.poll(() => evalIn<string | null>(panel, `${button}?.getAttribute('data-open-resource') ?? null`)).toBe('open');
    const line = Number(await evalIn<string>(panel, `${button}.getAttribute('data-line')`));
    expect(line).toBeGreaterThan(1);
    // DevTools knows the document as a source (else it shows the resource without a line: its race, not ours)
    const url = server.url(SHOP, '/logged-out-000');
    await expect
      .poll(() =>
        evalIn<boolean>(
          devtools,
          `(async () => { const w = await import('./models/workspace/workspace.js'); return w.Workspace.WorkspaceImpl.instance().uiSourceCodeForURL(${JSON.stringify(url)}) !== null; })()`,
        ),
      )
      .toBe(true);
    await evalIn(panel, `${button}.click()`);
    // DevTools shows Sources with the page's document, the cursor on that line
    const sources = () =>
      evalIn<string>(
        devtools,
        `(async () => {
          const legacy = await import('./ui/legacy/legacy.js');
          const view = legacy.InspectorView.InspectorView.instance();
          if (view.tabbedPane.selectedTabId !== 'sources') return 'panel ' + view.tabbedPane.selectedTabId;
          const sources = await import('./panels/sources/sources.js');
          const frame = sources.SourcesPanel.SourcesPanel.instance().visibleView;
          if (!frame || !frame.uiSourceCode) return 'no editor';
          const state = frame.textEditor.state;
          return frame.uiSourceCode().url() + ' @' + state.doc.lineAt(state.selection.main.head).number;
        })()`,
      );
    await expect.poll(sources).toBe(`${server.url(SHOP, '/logged-out-000')} @${line}`);
    await expect.poll(() => evalIn<string>(panel, `document.querySelector('#panel-panel-tags .source-note')?.textContent ?? ''`)).toBe(`Sources パネルで ${line} 行目を開きます。`);
    await page.close();
  });
});
