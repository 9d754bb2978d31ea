/**
 * Playwright fixtures for the browser tests: Debian's Chromium with the built extension loaded,
 * the HTTPS fixture server under the real vendor host names, and helpers to read the
 * extension's state from its service worker. See e2e/README.md.
 *
 * Every wait is on a state (expect.poll, an event, a locator); the bounds are generous, for a
 * loaded 2-core machine (`npm run test:e2e:stress`): a passing test never waits for them.
 *
 *   import { test, expect } from './fixtures';
 *   test('…', async ({ page, server, ext }) => {
 *     await page.goto(server.url('shop.example.jp', '/mypage'));
 *     const tabId = await ext.tabIdOf(page);
 *     await expect.poll(() => ext.badgeText(tabId)).toBe('1');
 *   });
 */
import { test as base, expect, chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WxtBrowser } from 'wxt/browser';
import type { TabCapture } from '../utils/ui/source';
import type { CaptureSites } from '../utils/ext/capture-sites';
import { hostResolverRules, startFixtureServer, type FixtureServer } from './server';

/** the extension API as seen inside `worker.evaluate` (runs in the service worker) */
declare const chrome: WxtBrowser;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const EXTENSION_DIR = process.env.RENKEI_EXT_DIR ? join(ROOT, process.env.RENKEI_EXT_DIR) : join(ROOT, '.output', 'chrome-mv3');

/** Debian's Chromium, or fail with what to install (browser tests never skip silently). */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Install Debian's Chromium (as root: apt-get update && apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  return path;
}

export function chromiumArgs(port: number, extensionDir?: string): string[] {
  return [
    ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
    '--ignore-certificate-errors',
    `--host-resolver-rules=${hostResolverRules(port)}`,
  ];
}

export interface TabStatus {
  tabId: number;
  pages: { id: string; url: string; state: string; light: boolean; calls: number; scripts: number }[];
  requests: number;
  summary: { errors: number; warnings: number; infos: number };
  findings: { ruleId: string; severity: string; pageIndex?: number }[];
  badge: { text: string; color: string };
  dropped: { pages: number; requests: number; calls: number };
}

export interface ExtensionHelpers {
  id: string;
  context: BrowserContext;
  worker(): Promise<Worker>;
  /** the tab id of a page, from the service worker (chrome.tabs.query needs no `tabs` permission for ids) */
  tabIdOf(page: Page): Promise<number>;
  badgeText(tabId: number): Promise<string>;
  badgeColor(tabId: number): Promise<number[]>;
  /** the background's analysed status of a tab (pages, findings, summary, dropped counts) */
  status(tabId: number): Promise<TabStatus>;
  /** the tab's capture as the UI receives it (session, overrides, siteAccess) */
  capture(tabId: number): Promise<TabCapture>;
  /** waits until the tab's findings contain every rule id */
  waitForRules(tabId: number, ruleIds: string[]): Promise<TabStatus>;
  /** stops the extension's service worker (CDP Target.closeTarget); the next event starts a new one */
  stopWorker(page: Page): Promise<void>;
  /** opens the panel as a tab, attached to a tab's capture */
  openPanel(tabId: number): Promise<Page>;
}

async function launch(port: number): Promise<BrowserContext> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`the extension is not built: run \`npm run build\` (expected ${EXTENSION_DIR}/manifest.json)`);
  }
  return chromium.launchPersistentContext('', {
    executablePath: chromiumPath(),
    headless: true,
    ignoreHTTPSErrors: true,
    locale: 'ja-JP',
    args: chromiumArgs(port, EXTENSION_DIR),
  });
}

export const test = base.extend<
  { ext: ExtensionHelpers; captureSites: CaptureSites },
  { server: FixtureServer; extContext: BrowserContext; extensionId: string }
>({
  // Capture runs only on the sites turned on (utils/ext/capture-sites.ts). Most specs test what is
  // captured, not where: they run with "all sites" on, set before each test by the `page` fixture.
  // e2e/capture-sites.spec.ts overrides it (`test.use({ captureSites: { all: false, hosts: [] } })`).
  captureSites: [{ all: true, hosts: [] }, { option: true }],
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies by destructuring
    async ({}, use) => {
      const server = await startFixtureServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  extContext: [
    async ({ server }, use) => {
      const context = await launch(server.port);
      await use(context);
      await context.close();
    },
    { scope: 'worker' },
  ],
  extensionId: [
    async ({ extContext, server }, use) => {
      let [sw] = extContext.serviceWorkers();
      if (!sw) {
        const started = extContext.waitForEvent('serviceworker', { timeout: 60_000 });
        // a worker that is not running yet starts on the extension's first event (its install; a page no
        // longer wakes it: capture scripts are registered per site, none at install)
        const wake = await extContext.newPage();
        await wake.goto(server.url('shop.example.jp', '/about')).catch(() => undefined);
        sw = extContext.serviceWorkers()[0] ?? (await started);
        await wake.close();
      }
      // the worker is announced before its script has run: wait until its listeners are registered
      // (startBackground defines renkeiStatus last), or the first page's requests go unobserved
      await expect
        .poll(() => sw.evaluate(() => typeof (globalThis as unknown as { renkeiStatus?: unknown }).renkeiStatus).catch(() => 'error'), {
          timeout: 60_000,
        })
        .toBe('function');
      await use(new URL(sw.url()).host);
    },
    { scope: 'worker' },
  ],
  // every test gets a fresh tab (a fresh per-tab session) in the shared browser
  page: async ({ extContext, server, extensionId, captureSites }, use) => {
    server.reset();
    await setCaptureSites(extContext, extensionId, captureSites);
    const page = await extContext.newPage();
    await use(page);
    await page.close();
  },
  context: async ({ extContext }, use) => {
    await use(extContext);
  },
  ext: async ({ extContext, extensionId }, use) => {
    const worker = async (): Promise<Worker> => {
      // the newest worker (a restarted worker is announced as a new one)
      const sw = extContext
        .serviceWorkers()
        .filter((w) => w.url().startsWith(`chrome-extension://${extensionId}/`))
        .pop();
      return sw ?? (await extContext.waitForEvent('serviceworker', { timeout: 60_000 }));
    };
    const helpers: ExtensionHelpers = {
      id: extensionId,
      context: extContext,
      worker,
      async tabIdOf(page) {
        // the page's tab is the active one of its window once brought to front
        await page.bringToFront();
        const sw = await worker();
        const ids = await sw.evaluate(async () => (await chrome.tabs.query({ active: true })).map((t) => t.id ?? -1));
        const id = ids.find((i) => i >= 0);
        if (ids.length !== 1 || id === undefined) throw new Error(`expected one active tab, got ${JSON.stringify(ids)}`);
        return id;
      },
      async badgeText(tabId) {
        const sw = await worker();
        return sw.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
      },
      async badgeColor(tabId) {
        const sw = await worker();
        return sw.evaluate(async (id) => Array.from(await chrome.action.getBadgeBackgroundColor({ tabId: id })), tabId);
      },
      async status(tabId) {
        const sw = await worker();
        return sw.evaluate(async (id) => {
          const fn = (globalThis as unknown as { renkeiStatus?: (id: number) => Promise<unknown> }).renkeiStatus;
          if (!fn) throw new Error('renkeiStatus is not defined in the service worker');
          return fn(id);
        }, tabId) as Promise<TabStatus>;
      },
      async capture(tabId) {
        const sw = await worker();
        return sw.evaluate(async (id) => {
          const fn = (globalThis as unknown as { renkeiCapture?: (id: number) => Promise<unknown> }).renkeiCapture;
          if (!fn) throw new Error('renkeiCapture is not defined in the service worker');
          return fn(id);
        }, tabId) as Promise<TabCapture>;
      },
      async waitForRules(tabId, ruleIds) {
        let last: TabStatus | undefined;
        await expect
          .poll(
            async () => {
              last = await helpers.status(tabId);
              const ids = new Set(last.findings.map((f) => f.ruleId));
              return ruleIds.filter((r) => !ids.has(r));
            },
            { timeout: 45_000, message: `rules ${ruleIds.join(', ')} on tab ${tabId}` },
          )
          .toEqual([]);
        return last!;
      },
      async stopWorker(page) {
        const cdp = await extContext.newCDPSession(page);
        const { targetInfos } = await cdp.send('Target.getTargets');
        const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
        if (!sw) throw new Error('the extension has no running service worker');
        // a marker in the running worker: a worker without it is a new one (an open panel or popup
        // reconnects at once, and Chrome may give the new worker the old target's id)
        const old = await worker();
        await old.evaluate(() => ((globalThis as unknown as { __renkeiStopping: boolean }).__renkeiStopping = true));
        await cdp.send('Target.closeTarget', { targetId: sw.targetId });
        await expect
          .poll(async () => {
            const running = (await cdp.send('Target.getTargets')).targetInfos.some(
              (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`),
            );
            if (!running) return 'stopped';
            const now = extContext
              .serviceWorkers()
              .filter((w) => w.url().startsWith(`chrome-extension://${extensionId}/`))
              .pop();
            if (!now) return 'stopped';
            // evaluating in a worker that is being closed can hang: such a call counts as "not yet"
            // and the poll asks again (a guard on a hung call, not a wait for time)
            const state = await Promise.race([
              now
                .evaluate(() => ((globalThis as unknown as { __renkeiStopping?: boolean }).__renkeiStopping ? 'old' : 'new'))
                .catch(() => 'stopped'),
              new Promise<string>((resolve) => setTimeout(() => resolve('pending'), 2_000)),
            ]);
            if (state === 'old') {
              // still running (a close under load can be lost): close it again
              const again = (await cdp.send('Target.getTargets')).targetInfos.find(
                (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`),
              );
              if (again) await cdp.send('Target.closeTarget', { targetId: again.targetId }).catch(() => undefined);
            }
            return state;
          })
          .toMatch(/^(stopped|new)$/);
        await cdp.detach();
      },
      async openPanel(tabId) {
        const panel = await extContext.newPage();
        await panel.goto(`chrome-extension://${extensionId}/devtools-panel.html?tabId=${tabId}`);
        // the panel turns the tab's site on; its capture line shows once the scripts are registered
        await panel.locator('[data-capture]').first().waitFor({ timeout: 45_000 });
        return panel;
      },
    };
    await use(helpers);
  },
});

/** turns capture on for `sites` (replacing the list) and waits until the content scripts follow */
async function setCaptureSites(context: BrowserContext, extensionId: string, sites: CaptureSites): Promise<void> {
  const apply = async (sw: Worker) =>
    sw.evaluate(async (next) => {
      const api = (globalThis as unknown as { renkeiCaptureSites?: { get(): Promise<unknown>; set(s: unknown): Promise<unknown> } }).renkeiCaptureSites;
      if (!api) throw new Error('renkeiCaptureSites is not defined in the service worker');
      if (JSON.stringify(await api.get()) !== JSON.stringify(next)) await api.set(next);
    }, sites);
  const sw = context
    .serviceWorkers()
    .filter((w) => w.url().startsWith(`chrome-extension://${extensionId}/`))
    .pop();
  try {
    if (!sw) throw new Error('no service worker');
    await apply(sw);
  } catch {
    // the worker was stopped (a test stopped it): an extension page's message starts a new one
    const started = context.waitForEvent('serviceworker', { timeout: 60_000 });
    const wake = await context.newPage();
    await wake.goto(`chrome-extension://${extensionId}/options.html`);
    const next = await started;
    await expect.poll(() => apply(next).then(() => 'ok', (e: unknown) => String(e)), { timeout: 45_000 }).toBe('ok');
    await wake.close();
  }
}

export { expect };
