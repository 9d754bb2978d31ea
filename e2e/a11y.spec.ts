/**
 * Accessibility of the popup and the options page with axe-core (`@axe-core/playwright`, every
 * rule it runs by default, best practices included): zero violations in each state, light and
 * dark, Japanese and English. The popup is opened as the e2e tests open it (`popup.html?tabId=N`
 * in a tab) at a popup's width; every collapsed checklist group is opened before the check so
 * that its items are checked too. Each state also checks that nothing overflows sideways.
 *
 * Non-text contrast (WCAG 1.4.11) is outside axe: the field borders are measured here.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { WxtBrowser } from 'wxt/browser';
import { test, expect, type ExtensionHelpers } from './fixtures';
import type { FixtureServer } from './server';

declare const chrome: WxtBrowser;

const SETTINGS = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fixtures', 'settings');
const fixture = (name: string) => readFileSync(join(SETTINGS, `${name}.html`), 'utf8');

/** Chrome sizes a popup to its content (at most 800×600); ours is 400 px wide */
const POPUP = { width: 400, height: 600 };
const ECAI_HOST = 'admin.ecai.example.jp';
const LUX_HOST = 'members.luxliner.jp';

async function setLanguage(ext: ExtensionHelpers, language: 'ja' | 'en' | undefined) {
  const sw = await ext.worker();
  await sw.evaluate(async (value) => {
    if (value) await chrome.storage.sync.set({ language: value });
    else await chrome.storage.sync.remove('language');
  }, language);
}

test.afterEach(async ({ ext }) => setLanguage(ext, undefined));

/** axe on the page as it is now; the violations with their targets, for a readable failure */
async function violations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')} — ${v.nodes[0]?.failureSummary ?? ''}`);
}

/** nothing wider than the viewport */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width) out.push(`document ${document.documentElement.scrollWidth} > ${width}`);
    for (const el of document.querySelectorAll<HTMLElement>('main *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 0.5) out.push(`${el.tagName.toLowerCase()}.${el.className} right ${Math.round(r.right)} > ${width}`);
    }
    return out.slice(0, 5);
  });
}

/**
 * Every language × colour scheme on one open page: the language setting is changed in storage
 * (the page re-renders and sets <html lang>), the scheme by media emulation.
 */
async function checkAll(page: Page, ext: ExtensionHelpers, ready: (lang: 'ja' | 'en') => Promise<void>) {
  for (const lang of ['ja', 'en'] as const) {
    await setLanguage(ext, lang);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await ready(lang);
    if (page.url().includes('/popup.html')) {
      // everything the popup loads on its own has arrived: the page read for a checklist, the site switch
      await expect(page.locator('main')).not.toHaveAttribute('data-checklist-phase', 'loading');
      await expect(page.locator('[data-capture-on]')).toBeAttached();
    }
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expect.poll(() => page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
      // open every collapsed group so that its items are checked too
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      expect(await violations(page), `axe, ${lang} ${scheme}`).toEqual([]);
      expect(await overflow(page), `overflow, ${lang} ${scheme}`).toEqual([]);
    }
  }
}

async function openPopup(ext: ExtensionHelpers, tabId: number): Promise<Page> {
  const popup = await ext.context.newPage();
  await popup.setViewportSize(POPUP);
  await popup.goto(`chrome-extension://${ext.id}/popup.html?tabId=${tabId}`);
  return popup;
}

test.describe('popup summary', () => {
  test('with findings', async ({ page, server, ext }) => {
    await page.goto(server.url('shop.example.jp', '/no-loginkey'));
    const tabId = await ext.tabIdOf(page);
    await ext.waitForRules(tabId, ['oksky/loginkey-missing']);
    const popup = await openPopup(ext, tabId);
    await checkAll(popup, ext, async (lang) => {
      // the popup's own strings follow the language too
      await expect(popup.locator('[data-action="open-panel"]')).toHaveText(lang === 'ja' ? '詳細パネルを開く' : 'Open the full panel');
      await expect(popup.locator('li[data-rule-id="oksky/loginkey-missing"] .popup-finding-text')).toHaveText(lang === 'ja' ? 'loginKey が指定されていません' : 'loginKey is not set');
      await expect(popup.locator('li[data-rule-id="oksky/loginkey-missing"]')).toBeVisible();
      await expect(popup.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'problems');
    });
    await popup.close();
  });

  test('all clear', async ({ page, server, ext }) => {
    await page.goto(server.url('shop.example.jp', '/mypage'));
    const tabId = await ext.tabIdOf(page);
    await expect.poll(async () => ((await ext.status(tabId)) as { verdict?: string }).verdict).toBe('clear');
    const popup = await openPopup(ext, tabId);
    await checkAll(popup, ext, async () => {
      await expect(popup.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'clear');
    });
    await popup.close();
  });

  test('no tag on the page', async ({ page, server, ext }) => {
    await page.goto(server.url('shop.example.jp', '/about'));
    const tabId = await ext.tabIdOf(page);
    await expect.poll(async () => ((await ext.status(tabId)) as { verdict?: string }).verdict).toBe('no-tag');
    const popup = await openPopup(ext, tabId);
    await checkAll(popup, ext, async () => {
      await expect(popup.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'no-tag');
      await expect(popup.locator('[data-checklist-status="none"]')).toBeAttached();
    });
    await popup.close();
  });
});

test.describe('popup on a site that is not turned on', () => {
  test.use({ captureSites: { all: false, hosts: [] } });
  test('the site is off: the checkbox to turn it on comes first', async ({ page, server, ext }) => {
    await page.goto(server.url('shop.example.jp', '/no-loginkey'));
    const tabId = await ext.tabIdOf(page);
    const popup = await openPopup(ext, tabId);
    await checkAll(popup, ext, async () => {
      await expect(popup.locator('[data-capture-on="false"]')).toBeVisible();
      await expect(popup.getByTestId('capture-this-site')).not.toBeChecked();
      await expect(popup.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'empty');
    });
    await popup.close();
  });
});

/** each settings page fixture on the host it is recognised on */
const SETTINGS_PAGES: { name: string; host: string; path: string; checklist: string }[] = [
  { name: 'oam-response-switches', host: 'manager.line.biz', path: '/account/@123abcde/setting/response', checklist: 'ecai-line-connect' },
  { name: 'oam-response-radios', host: 'manager.line.biz', path: '/account/@123abcde/setting/response', checklist: 'ecai-line-connect' },
  { name: 'oam-response-checkboxes', host: 'manager.line.biz', path: '/account/@123abcde/setting/response', checklist: 'ecai-line-connect' },
  { name: 'oam-messaging-api', host: 'manager.line.biz', path: '/account/@123abcde/setting/messaging-api', checklist: 'ecai-line-connect' },
  { name: 'developers-login-channel', host: 'developers.line.biz', path: '/console/channel/1656099999/basics', checklist: 'ecai-line-connect' },
  { name: 'ecai-account-table', host: ECAI_HOST, path: '/bots/12/line-accounts/3/edit', checklist: 'ecai-line-connect' },
  { name: 'ecai-account-dl', host: ECAI_HOST, path: '/bots/12/line-accounts/3', checklist: 'ecai-line-connect' },
  { name: 'ecai-account-labels', host: ECAI_HOST, path: '/bots/12/line-accounts/4/edit', checklist: 'ecai-line-connect' },
  { name: 'ecai-account-list', host: ECAI_HOST, path: '/bots/12/line-accounts', checklist: 'ecai-line-connect' },
  { name: 'ecai-cart-abandonment', host: ECAI_HOST, path: '/contents/integrations/shopify/cart-abandonment', checklist: 'ecai-cart-abandonment' },
  { name: 'ecai-operator', host: ECAI_HOST, path: '/operators/5/edit', checklist: 'ecai-quota-alert' },
  { name: 'ecai-step-messages', host: ECAI_HOST, path: '/step-messages', checklist: 'ecai-migration' },
  { name: 'luxliner-integrations', host: LUX_HOST, path: '/admin/external', checklist: 'luxliner-integrations' },
  { name: 'luxliner-integrations-ok', host: LUX_HOST, path: '/admin/external-ok', checklist: 'luxliner-integrations' },
];

async function configureHosts(ext: ExtensionHelpers) {
  const sw = await ext.worker();
  await sw.evaluate(
    async ([ecai, lux]) => {
      await chrome.storage.sync.set({ settingsHosts: { ecai: [ecai], luxliner: [lux] } });
      await chrome.storage.local.set({ checklistSite: 'e2e-a11y', companion: { url: '', token: '' } });
    },
    [ECAI_HOST, LUX_HOST] as const,
  );
}

async function visit(page: Page, server: FixtureServer, host: string, path: string, name: string) {
  server.page(host, path, fixture(name));
  await page.goto(server.url(host, path));
}

test.describe('popup checklist', () => {
  for (const p of SETTINGS_PAGES) {
    test(`on ${p.name}`, async ({ page, server, ext }) => {
      await configureHosts(ext);
      await visit(page, server, p.host, p.path, p.name);
      const tabId = await ext.tabIdOf(page);
      const popup = await openPopup(ext, tabId);
      await checkAll(popup, ext, async (lang) => {
        await expect(popup.locator('[data-checklist-id]')).toHaveAttribute('data-checklist-id', p.checklist);
        await expect(popup.locator('[data-checklist-phase]')).toHaveAttribute('data-checklist-phase', 'ready');
        await expect(popup.locator('.checklist-group-heading').first()).toHaveText(lang === 'ja' ? 'この画面で確認できる項目' : 'Items this page can check');
      });
      await popup.close();
    });
  }
});

test.describe('options', () => {
  test('with hosts, then an invalid host explained', async ({ ext }) => {
    await configureHosts(ext);
    const options = await ext.context.newPage();
    await options.goto(`chrome-extension://${ext.id}/options.html`);
    await checkAll(options, ext, async () => {
      await expect(options.locator('textarea').first()).toHaveValue(ECAI_HOST);
    });
    await setLanguage(ext, 'ja');
    await options.locator('textarea').first().fill(`${ECAI_HOST}\nhttps://bad host/`);
    await options.getByRole('button', { name: '保存', exact: true }).click();
    await expect(options.locator('.field-errors')).toContainText('bad host');
    await checkAll(options, ext, async () => {
      await expect(options.locator('textarea[aria-invalid="true"]')).toHaveCount(1);
    });
    // the check can fail: an unnamed field is caught
    await options.evaluate(() => document.querySelector('main')!.append(Object.assign(document.createElement('input'), { type: 'text' })));
    expect((await violations(options)).map((v) => v.split(' ')[0])).toContain('label');
    await options.close();
  });
});

/** WCAG 2.x relative luminance contrast of two CSS colours */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

test('field borders stand out from the page and the field (WCAG 1.4.11, at least 3:1)', async ({ ext }) => {
  await configureHosts(ext);
  const options = await ext.context.newPage();
  await options.goto(`chrome-extension://${ext.id}/options.html`);
  await expect(options.locator('textarea').first()).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await options.emulateMedia({ colorScheme: scheme });
    const colours = await options.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('input:not([type=checkbox]), textarea, select, button')].map((el) => {
        const s = getComputedStyle(el);
        return { border: s.borderTopColor, field: s.backgroundColor, page: getComputedStyle(document.body).backgroundColor };
      }),
    );
    expect(colours.length).toBeGreaterThan(4);
    for (const c of colours) {
      expect(contrast(c.border, c.page), `${scheme} border ${c.border} on page ${c.page}`).toBeGreaterThanOrEqual(3);
      expect(contrast(c.border, c.field), `${scheme} border ${c.border} on field ${c.field}`).toBeGreaterThanOrEqual(3);
    }
  }
  await options.close();
});
