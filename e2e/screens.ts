/**
 * Rendering the extension's surfaces for pictures: shared by `npm run screenshots`
 * (e2e/screenshots.shots.ts), the visual regression tests (e2e/visual.spec.ts) and the demo's
 * `npm start -- --headless` (scripts/demo.ts). Works with any Playwright browser context that has
 * the extension loaded (the e2e fixtures' or the demo's), outside the test runner too: every wait
 * is on a state (a polled condition, a locator), bounded only against a real failure.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Lang = 'ja' | 'en';
export type Scheme = 'light' | 'dark';
export interface Variant {
  lang: Lang;
  scheme: Scheme;
}
/** the three looks of every picture: Japanese light (the users' default), English light, Japanese dark */
export const VARIANTS: Variant[] = [
  { lang: 'ja', scheme: 'light' },
  { lang: 'en', scheme: 'light' },
  { lang: 'ja', scheme: 'dark' },
];

export interface Size {
  width: number;
  height: number;
}
/** DevTools docked at the bottom of a laptop screen, and at the right */
export const BOTTOM_DOCK: Size = { width: 1280, height: 400 };
export const RIGHT_DOCK: Size = { width: 420, height: 900 };
/** a taller bottom dock, for the tabs whose pictures show more of a session (Tags, Network, Timeline) */
export const TALL_BOTTOM_DOCK: Size = { width: 1280, height: 600 };
/** Chrome sizes a popup to its content (at most 800×600); ours is 400 px wide */
export const POPUP: Size = { width: 400, height: 600 };
/** the Chrome Web Store's screenshot size */
export const STORE: Size = { width: 1280, height: 800 };

// the extension API as seen inside `worker.evaluate` (runs in the service worker)
declare const chrome: {
  storage: { sync: { set(v: object): Promise<void>; remove(k: string): Promise<void> } };
  tabs: { query(q: object): Promise<{ id?: number }[]> };
};

/** Polls `probe` until `ok` holds (a wait on a state); throws with the last value after `timeoutMs`. */
export async function until<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  let error: unknown;
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    try {
      last = await probe();
      if (ok(last)) return last;
    } catch (e) {
      error = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}${error ? ` (${String(error)})` : ''}`);
    await new Promise((r) => setTimeout(r, delay));
  }
}

/** The extension's newest service worker in `context`. */
export async function extensionWorker(context: BrowserContext, id: string): Promise<Worker> {
  return until(
    'the extension service worker',
    async () => context.serviceWorkers().filter((w) => w.url().startsWith(`chrome-extension://${id}/`)).pop(),
    (w) => w !== undefined,
  ) as Promise<Worker>;
}

/** the UI language setting (as the options page stores it); `undefined` = "auto" */
export async function setLanguage(worker: Worker, lang: Lang | undefined): Promise<void> {
  await worker.evaluate(async (value) => {
    if (value) await chrome.storage.sync.set({ language: value });
    else await chrome.storage.sync.remove('language');
  }, lang);
}

/** the tab id of a page (its tab is the active one once brought to front) */
export async function tabIdOf(worker: Worker, page: Page): Promise<number> {
  await page.bringToFront();
  const ids = await worker.evaluate(async () => (await chrome.tabs.query({ active: true })).map((t) => t.id ?? -1));
  const id = ids.find((i) => i >= 0);
  if (ids.length !== 1 || id === undefined) throw new Error(`expected one active tab, got ${JSON.stringify(ids)}`);
  return id;
}

export interface Status {
  verdict?: string;
  requests: number;
  findings: { ruleId: string; severity: string }[];
}
/** the background's analysis of a tab (renkeiStatus in the service worker) */
export async function tabStatus(worker: Worker, tabId: number): Promise<Status> {
  return worker.evaluate(async (t) => (globalThis as unknown as { renkeiStatus(t: number): Promise<unknown> }).renkeiStatus(t), tabId) as Promise<Status>;
}

/** a picture holds still: no animation, transition or blinking caret, the web fonts loaded */
export async function holdStill(page: Page): Promise<void> {
  await page.addStyleTag({
    content: '*, *::before, *::after { animation: none !important; transition: none !important; caret-color: transparent !important; scroll-behavior: auto !important; }',
  });
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
}

/**
 * Opens an extension page (`path` with its query) in a new tab at `size`, in `variant`'s language
 * and colour scheme: returns once the page has rendered in that language (`<html lang>`).
 * The language is the extension's setting: set it with `setLanguage` first.
 */
export async function openExtensionPage(context: BrowserContext, id: string, path: string, size: Size, variant: Variant): Promise<Page> {
  const page = await context.newPage();
  // the page as a new user sees it: no list/detail split moved (Splitter.tsx), no report format
  // chosen (CopyReport.tsx) by an earlier page — the UI's own `renkei.*` keys in localStorage
  await page.addInitScript(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('renkei.')) localStorage.removeItem(key);
  });
  await page.setViewportSize(size);
  await page.emulateMedia({ colorScheme: variant.scheme, reducedMotion: 'reduce' });
  await page.goto(`chrome-extension://${id}/${path}`);
  await page.locator(`html[lang="${variant.lang}"]`).waitFor({ state: 'attached', timeout: 30_000 });
  await page.locator('#root > *').first().waitFor({ timeout: 30_000 });
  await holdStill(page);
  return page;
}

/**
 * The panel on its Findings tab with every finding of the tab listed (as many rows as the
 * background's analysis has findings, both read anew on each poll: late requests may add one) and
 * the first one's detail (with its fix) shown.
 */
export async function panelWithFindings(panel: Page, worker: Worker, tabId: number): Promise<void> {
  await panel.locator('#panel-tab-findings').click();
  await until(
    'the findings listed',
    async () => [await panel.locator('.finding-row').count(), (await tabStatus(worker, tabId)).findings.length],
    ([rows, findings]) => rows === findings && rows > 0,
    45_000,
  );
  await panel.locator('article.finding').first().waitFor({ timeout: 30_000 });
}

/** turns capture on for `host` unless it is on (all sites, or the host listed) */
export async function captureOn(worker: Worker, host: string): Promise<void> {
  await until(
    'capture turned on',
    () =>
      worker.evaluate(async (h) => {
        const api = (globalThis as unknown as { renkeiCaptureSites?: { get(): Promise<{ all: boolean; hosts: string[] }>; set(s: unknown): Promise<unknown> } }).renkeiCaptureSites;
        if (!api) return false;
        const now = await api.get();
        if (!now.all && !now.hosts.includes(h)) await api.set({ all: false, hosts: [...now.hosts, h] });
        return true;
      }, host),
    (ok) => ok,
  );
}

/**
 * The store listing's pictures (1280×800, Japanese, light): for each demo page, the page with the
 * panel docked below it (as DevTools is docked), and the page with the popup open over it.
 * Files: panel-<name>.png, popup-<name>.png in `dir`.
 */
export async function storeScreenshots(context: BrowserContext, id: string, url: (host: string, path: string) => string, dir: string, log: (line: string) => void = () => undefined): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const worker = await extensionWorker(context, id);
  await setLanguage(worker, 'ja');
  await captureOn(worker, 'shop.example.jp');
  const variant: Variant = { lang: 'ja', scheme: 'light' };
  // `show`: the finding whose detail the panel shows (the one the page is about)
  const shots: { path: string; name: string; show?: string; ready(s: Status): boolean }[] = [
    { path: '/no-loginkey', name: 'no-loginkey', show: 'oksky/loginkey-missing', ready: (s) => s.findings.some((f) => f.ruleId === 'oksky/loginkey-missing') },
    { path: '/smart-quotes', name: 'smart-quotes', show: 'oksky/smart-quotes', ready: (s) => s.findings.some((f) => f.ruleId === 'oksky/smart-quotes') },
    { path: '/mypage', name: 'mypage-ok', ready: (s) => s.verdict === 'clear' },
  ];
  const written: string[] = [];
  for (const shot of shots) {
    const site = await context.newPage();
    await site.setViewportSize({ width: STORE.width, height: STORE.height - TOOLBAR_HEIGHT });
    await site.goto(url('shop.example.jp', shot.path), { waitUntil: 'load' });
    const tabId = await tabIdOf(worker, site);
    const status = await until(`the analysis of ${shot.path}`, () => tabStatus(worker, tabId), shot.ready);
    await holdStill(site);
    const sitePng = await site.screenshot();

    const panel = await openExtensionPage(context, id, `devtools-panel.html?tabId=${tabId}`, BOTTOM_DOCK, variant);
    if (status.findings.length > 0) await panelWithFindings(panel, worker, tabId);
    if (shot.show) {
      await panel.locator(`.finding-row[data-rule-id="${shot.show}"]`).click();
      await panel.locator(`article.finding[data-rule-id="${shot.show}"]`).waitFor({ timeout: 30_000 });
      await panel.mouse.move(BOTTOM_DOCK.width - 1, BOTTOM_DOCK.height - 1);
    }
    else await panel.locator('[data-verdict="clear"]').first().waitFor({ timeout: 30_000 });
    const panelPng = await panel.screenshot();

    const popup = await openExtensionPage(context, id, `popup.html?tabId=${tabId}`, POPUP, variant);
    await popup.locator('[data-verdict]').first().waitFor({ timeout: 30_000 });
    await until('the popup settled', () => popup.locator('main').getAttribute('data-checklist-phase'), (p) => p !== 'loading', 30_000);
    // Chrome sizes a popup to its content (at most 600 px high): crop to it
    const popupHeight = await popupContentHeight(popup);
    const popupPng = await popup.screenshot({ clip: { x: 0, y: 0, width: POPUP.width, height: popupHeight } });

    // the two pictures as the user sees them, in a plain browser window: DevTools docked below the
    // page; the popup open over the page, under the toolbar button with its badge
    const chrome_ = await toolbar(worker, tabId, url('shop.example.jp', shot.path));
    const frame = await context.newPage();
    await frame.setViewportSize(STORE);
    const img = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;
    const pageHeight = STORE.height - TOOLBAR_HEIGHT - BOTTOM_DOCK.height - 1;
    await frame.setContent(
      `${frameHead}<body>${chrome_}` +
        `<img src="${img(sitePng)}" style="display:block;width:${STORE.width}px;height:${pageHeight}px;object-fit:cover;object-position:top">` +
        `<div style="height:1px;background:#cbcdd1"></div>` +
        `<img src="${img(panelPng)}" style="display:block;width:${STORE.width}px;height:${BOTTOM_DOCK.height}px">` +
        `</body></html>`,
    );
    await frame.evaluate(() => Promise.all([...document.images].map((i) => i.decode())));
    const panelFile = join(dir, `panel-${shot.name}.png`);
    writeFileSync(panelFile, await frame.screenshot());
    await frame.setContent(
      `${frameHead}<body style="position:relative">${chrome_}` +
        `<img src="${img(sitePng)}" style="display:block;width:${STORE.width}px;height:${STORE.height - TOOLBAR_HEIGHT}px;object-fit:cover;object-position:top">` +
        `<img src="${img(popupPng)}" style="position:absolute;top:${TOOLBAR_HEIGHT - 4}px;right:12px;width:${POPUP.width}px;height:${popupHeight}px;border:1px solid #cbcdd1;border-radius:8px;box-shadow:0 4px 24px rgba(0,0,0,.28)">` +
        `</body></html>`,
    );
    await frame.evaluate(() => Promise.all([...document.images].map((i) => i.decode())));
    const popupFile = join(dir, `popup-${shot.name}.png`);
    writeFileSync(popupFile, await frame.screenshot());
    written.push(panelFile, popupFile);
    log(`  ${shot.name}: panel-${shot.name}.png, popup-${shot.name}.png`);
    await Promise.all([frame.close(), popup.close(), panel.close(), site.close()]);
  }
  return written;
}

/** the height Chrome gives a popup: its content's, at most POPUP.height */
export async function popupContentHeight(popup: Page): Promise<number> {
  const bottom = await popup.evaluate(() => Math.max(0, ...[...document.querySelectorAll('#root *')].map((e) => e.getBoundingClientRect().bottom + window.scrollY)));
  return Math.min(POPUP.height, Math.ceil(bottom));
}

const TOOLBAR_HEIGHT = 40;
const frameHead = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body { margin: 0; width: ${STORE.width}px; height: ${STORE.height}px; overflow: hidden; background: #fff; font: 14px system-ui, sans-serif; }
.bar { height: ${TOOLBAR_HEIGHT}px; box-sizing: border-box; display: flex; align-items: center; gap: 10px; padding: 0 12px; background: #f1f3f4; border-bottom: 1px solid #cbcdd1; }
.url { flex: 1; height: 28px; border-radius: 14px; background: #fff; display: flex; align-items: center; padding: 0 14px; color: #202124; }
.url .host { color: #202124; } .url .path { color: #5f6368; }
.btn { position: relative; width: 28px; height: 28px; display: flex; align-items: center; justify-content: center; border-radius: 50%; background: #e3e5e8; }
.btn img { width: 16px; height: 16px; }
.badge { position: absolute; right: -4px; bottom: -2px; min-width: 14px; height: 14px; padding: 0 3px; border-radius: 3px; color: #fff; font-size: 10px; font-weight: 700; line-height: 14px; text-align: center; }
</style></head>`;

/** a plain browser toolbar: the address, and the extension's button with the tab's badge as the extension set it */
async function toolbar(worker: Worker, tabId: number, address: string): Promise<string> {
  const { icon, text, color } = await worker.evaluate(async (t) => {
    const api = (globalThis as unknown as {
      chrome: { runtime: { getURL(p: string): string }; action: { getBadgeText(d: object): Promise<string>; getBadgeBackgroundColor(d: object): Promise<number[]> } };
    }).chrome;
    const bytes = new Uint8Array(await (await fetch(api.runtime.getURL('icon/32.png'))).arrayBuffer());
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    return { icon: btoa(bin), text: await api.action.getBadgeText({ tabId: t }), color: Array.from(await api.action.getBadgeBackgroundColor({ tabId: t })) };
  }, tabId);
  const u = new URL(address);
  const esc = (v: string) => v.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const badge = text ? `<span class="badge" style="background:rgb(${color.slice(0, 3).join(',')})">${esc(text)}</span>` : '';
  return `<div class="bar"><div class="url"><span class="host">${esc(u.host)}</span><span class="path">${esc(u.pathname)}</span></div><div class="btn"><img src="data:image/png;base64,${icon}" alt="">${badge}</div></div>`;
}
