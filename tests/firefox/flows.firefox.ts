/**
 * The core flows in Firefox ESR for real (`npm run test:firefox`; its own Vitest config,
 * vitest.firefox.config.ts, so the Playwright Chromium suite stays as it is): Debian's Firefox
 * ESR driven by puppeteer-core over WebDriver BiDi, the built Firefox package
 * (`.output/firefox-mv3`, or RENKEI_OUT_DIR) installed as a temporary add-on, and the HTTPS
 * fixture server (e2e/server.ts) under the real vendor host names: Firefox's
 * `network.dns.localDomains` maps them to 127.0.0.1, so the server listens on 443 (as root, as
 * the CI runs; elsewhere the test fails saying so, it never skips).
 *
 * Flows: opening the panel page for a tab turns its site on (capture registered per site, MAIN
 * world in Firefox), the next load gives `oksky/loginkey-missing` and `oksky/login-query-empty`
 * on the panel page with their data attributes, the badge, and the popup summary.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../../e2e/server';

const ROOT = join(import.meta.dirname, '..', '..');
const EXT_DIR = join(ROOT, process.env.RENKEI_OUT_DIR ?? '.output', 'firefox-mv3');
const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const ADDON_ID = 'renkei-doctor@renkei-doctor.jp';
/** the add-on's moz-extension:// host, fixed through a preference so extension pages can be opened */
const UUID = '5f0c2a8e-7d1b-4c1e-9a57-2b6f3e9d1c40';
const HOSTS = ['shop.example.jp', 'support.example.jp', 'kobuna-s-001.okskychat.net'];
const BASE = `moz-extension://${UUID}`;

let server: FixtureServer;
let browser: Browser;

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  let error: unknown;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (ok(last)) return last;
    } catch (e) {
      error = e;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)}${error ? `, error: ${String(error)}` : ''})`);
}

/** runs a step, naming it in the error when it fails */
async function step<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw new Error(`${what}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

/**
 * Opens an extension page in a tab. Firefox loads moz-extension:// pages in the extension's
 * process and puppeteer does not see that navigation finish: wait for the document instead.
 */
async function openExtensionPage(page: Page, url: string): Promise<void> {
  await page.goto(url, { timeout: 2_000 }).catch(() => undefined);
  await until(() => page.evaluate(() => `${location.href}|${document.readyState}`), (v) => v === `${url}|complete`, `${url} to load`);
}

/** evaluates in an extension page (which has the `browser` API) */
async function inExtension<T>(page: Page, fn: string): Promise<T> {
  return page.evaluate(`(async () => { ${fn} })()`) as Promise<T>;
}

beforeAll(async () => {
  if (!existsSync(FIREFOX)) throw new Error(`Firefox not found at ${FIREFOX}: apt-get install -y firefox-esr (scripts/setup.sh), or set FIREFOX_PATH`);
  if (!existsSync(join(EXT_DIR, 'manifest.json'))) throw new Error(`the Firefox package is not built: npx wxt build -b firefox --mv3 (expected ${EXT_DIR})`);
  try {
    server = await startFixtureServer({ port: 443 });
  } catch (e) {
    throw new Error(`the fixture server needs port 443 for Firefox's host mapping (run as root): ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true,
    // lets WebDriver BiDi open moz-extension:// pages (the panel, the popup) like a user would
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.dns.localDomains': HOSTS.join(','),
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: UUID }),
      'intl.locale.requested': 'ja',
    },
  });
  const id = await browser.installExtension(EXT_DIR);
  expect(id).toBe(ADDON_ID);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('Firefox ESR with the built extension', () => {
  it('the panel turns the site on; missing loginKey and empty /login query on the panel page, the badge, the popup summary', async () => {
    const page = await browser.newPage();
    await step('page → ' + 'https://shop.example.jp/about', () => page.goto('https://shop.example.jp/about', { waitUntil: 'domcontentloaded' }));
    // an extension page to reach the extension's API (tab ids, badge)
    const ext = await browser.newPage();
    await openExtensionPage(ext, `${BASE}/options.html`);
    const tabId = await until(
      () => inExtension<number>(ext, `return (await browser.tabs.query({})).find((t) => (t.url || '').startsWith('https://shop.example.jp/about'))?.id ?? -1;`),
      (id) => id >= 0,
      'the tab id',
    );

    // opening the panel page for the tab turns its site on and offers the reload
    const panel = await browser.newPage();
    await openExtensionPage(panel, `${BASE}/devtools-panel.html?tabId=${tabId}`);
    await until(() => panel.$eval('[data-capture]', (e) => e.getAttribute('data-capture')), (v) => v === 'turned-on', 'the capture line');
    expect(await panel.$eval('[data-capture]', (e) => e.getAttribute('data-site'))).toBe('shop.example.jp');

    // the next navigation of the tab is captured from document_start
    await step('page → ' + 'https://shop.example.jp/no-loginkey', () => page.goto('https://shop.example.jp/no-loginkey', { waitUntil: 'domcontentloaded' }));
    await until(async () => server.requests({ path: /\/login$/, method: 'POST' }).length, (n) => n > 0, 'the widget /login');
    const ruleIds = await until(
      () => panel.$$eval('.finding-row[data-rule-id]', (els) => els.map((e) => `${e.getAttribute('data-rule-id')}|${e.getAttribute('data-severity')}`)),
      (ids) => ids.includes('oksky/loginkey-missing|error') && ids.includes('oksky/login-query-empty|error'),
      'the findings on the panel page',
    );
    expect(ruleIds).toContain('oksky/loginkey-missing|error');

    // the badge: the error count on the tab
    const badge = await until(() => inExtension<string>(ext, `return browser.action.getBadgeText({ tabId: ${tabId} });`), (t) => t !== '', 'the badge');
    expect(Number(badge)).toBeGreaterThanOrEqual(2);

    // the popup summary for the tab
    const popup = await browser.newPage();
    await openExtensionPage(popup, `${BASE}/popup.html?tabId=${tabId}`);
    const errors = await until(() => popup.$eval('[data-count="error"]', (e) => e.textContent ?? ''), (t) => /\d/.test(t), 'the popup error count');
    expect(errors).toContain(badge);
    expect(await popup.$$eval('li[data-rule-id]', (els) => els.map((e) => e.getAttribute('data-rule-id')))).toContain('oksky/loginkey-missing');

    // another site stays off: no probe there
    await step('page → ' + 'https://support.example.jp/', () => page.goto('https://support.example.jp/', { waitUntil: 'domcontentloaded' }));
    expect(await page.evaluate(() => Object.getOwnPropertyDescriptor(window, '__renkeiDoctorProbe') !== undefined)).toBe(false);
    await Promise.all([popup.close(), panel.close(), ext.close(), page.close()]);
  }, 120_000);
});
