/**
 * Playwright fixtures for the browser tests: Debian's Chromium with the built extension loaded,
 * the HTTPS fixture server under the real vendor host names, and helpers to read the
 * extension's state from its service worker. See e2e/README.md.
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

export const test = base.extend<{ ext: ExtensionHelpers }, { server: FixtureServer; extContext: BrowserContext; extensionId: string }>({
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
        const started = extContext.waitForEvent('serviceworker', { timeout: 20_000 });
        // a worker that is not running yet starts on the extension's first event: a page's content scripts
        const wake = await extContext.newPage();
        await wake.goto(server.url('shop.example.jp', '/about')).catch(() => undefined);
        sw = extContext.serviceWorkers()[0] ?? (await started);
        await wake.close();
      }
      // the worker is announced before its script has run: wait until its listeners are registered
      // (startBackground defines renkeiStatus last), or the first page's requests go unobserved
      await expect
        .poll(() => sw.evaluate(() => typeof (globalThis as unknown as { renkeiStatus?: unknown }).renkeiStatus).catch(() => 'error'), {
          timeout: 20_000,
        })
        .toBe('function');
      await use(new URL(sw.url()).host);
    },
    { scope: 'worker' },
  ],
  // every test gets a fresh tab (a fresh per-tab session) in the shared browser
  page: async ({ extContext, server }, use) => {
    server.reset();
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
      return sw ?? (await extContext.waitForEvent('serviceworker', { timeout: 15_000 }));
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
            { timeout: 20_000, message: `rules ${ruleIds.join(', ')} on tab ${tabId}` },
          )
          .toEqual([]);
        return last!;
      },
      async stopWorker(page) {
        const cdp = await extContext.newCDPSession(page);
        const { targetInfos } = await cdp.send('Target.getTargets');
        const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
        if (!sw) throw new Error('the extension has no running service worker');
        await cdp.send('Target.closeTarget', { targetId: sw.targetId });
        await expect
          .poll(async () => (await cdp.send('Target.getTargets')).targetInfos.some((t) => t.targetId === sw.targetId))
          .toBe(false);
        await cdp.detach();
      },
      async openPanel(tabId) {
        const panel = await extContext.newPage();
        await panel.goto(`chrome-extension://${extensionId}/devtools-panel.html?tabId=${tabId}`);
        return panel;
      },
    };
    await use(helpers);
  },
});

export { expect };
