/**
 * The DevTools panel 「連携」 opened as an extension page attached to a tab's capture
 * (`devtools-panel.html?tabId=N`): findings with their test-contract attributes, keyboard tabs,
 * the login-state override reaching the background, HAR import, a 320 px wide panel, and the
 * filter on a 10 000-request session (its repaint time is measured by `npm run bench:panel`).
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { smallHar } from '../components/__fixtures__/har';
import { Snapshot } from '../utils/core/snapshot';
import { bigHar } from './big-har';
import { test, expect } from './fixtures';

const SHOP = 'shop.example.jp';

async function selectedTab(panel: Page): Promise<string> {
  return panel.locator('[role="tab"][aria-selected="true"]').innerText();
}

test('shows the tab session: findings with data-rule-id/data-severity, tags, /login query, timeline', async ({ page, server, ext }) => {
  await page.goto(server.url(SHOP, '/no-loginkey'));
  const tabId = await ext.tabIdOf(page);
  await ext.waitForRules(tabId, ['oksky/loginkey-missing']);
  // the widget's /login comes after the tag ran: wait for the network evidence too (no event
  // Chrome delivered may be lost, so no reload to make up for one: issue 9)
  const logins = async () => (await ext.capture(tabId)).session.requests.filter((r) => r.url.endsWith('/login')).length;
  await expect.poll(logins).toBeGreaterThan(0);
  const pages = (await ext.capture(tabId)).session.pages.length;
  const panel = await ext.openPanel(tabId);
  const row = panel.locator('.finding-row[data-rule-id="oksky/loginkey-missing"]');
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute('data-severity', 'error');
  await row.click();
  const finding = panel.locator('article[data-rule-id="oksky/loginkey-missing"]');
  await expect(finding).toHaveAttribute('data-severity', 'error');
  await expect(finding).toContainText('loginKey');
  await expect(finding).toContainText('出典: 000');
  // the header names the inspected page (host and title), never an internal tab id
  await expect(panel.locator('.context')).toContainText('shop.example.jp');
  await expect(panel.locator('.panel-head')).not.toContainText(String(tabId));
  // every finding the background found is in the panel too (the same core, the same evidence)
  const status = await ext.status(tabId);
  const shown = await panel.locator('.finding-row[data-rule-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule-id')).sort());
  expect(shown).toEqual(status.findings.map((f) => f.ruleId).sort());

  await panel.getByRole('tab', { name: 'タグ' }).click();
  const p1 = panel.locator(`[data-page-index="${pages - 1}"]`);
  await expect(p1).toContainText('kobuna-s-001-0D5ACD179B043831');
  await expect(p1).toContainText('A1****67');
  await expect(panel.locator('body')).not.toContainText('A1234567');

  await panel.getByRole('tab', { name: '通信' }).click();
  // 000: without loginKey the widget's /login carries an empty query
  const login = panel.locator('[data-request-kind="login"]').first();
  await expect(login).toContainText('/login');
  await expect(login.locator('[data-query-status]')).toHaveAttribute('data-query-status', 'empty');
  await expect(login).toContainText('空です');
  // every widget load the background captured is listed as one (a reload may be served from cache)
  const widgets = (await ext.capture(tabId)).session.requests.filter((r) => r.url.endsWith('/widget/widget.js')).length;
  await expect(panel.locator('[data-request-kind="widget-script"]')).toHaveCount(widgets);

  await panel.getByRole('tab', { name: 'タイムライン' }).click();
  await expect(panel.locator('.timeline-item')).toHaveCount(pages);
  await panel.close();
});

test('tabs move with the arrow keys and focus stays visible on the selected tab', async ({ page, server, ext }) => {
  await page.goto(server.url(SHOP, '/mypage'));
  const tabId = await ext.tabIdOf(page);
  const panel = await ext.openPanel(tabId);
  await expect(panel.getByRole('tab', { name: /診断結果/ })).toHaveAttribute('aria-selected', 'true');
  await panel.getByRole('tab', { name: /診断結果/ }).focus();
  await panel.keyboard.press('ArrowRight');
  expect(await selectedTab(panel)).toBe('タイムライン');
  await expect(panel.getByRole('tab', { name: 'タイムライン' })).toBeFocused();
  await panel.keyboard.press('Home');
  expect(await selectedTab(panel)).toBe('タグ');
  await panel.keyboard.press('ArrowLeft');
  expect(await selectedTab(panel)).toBe('比較');
  // the focus ring is drawn (outline) on the focused tab
  const outline = await panel.getByRole('tab', { name: '比較' }).evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  // Tab leaves the tab list for the panel content (one tab stop for the whole list)
  await panel.keyboard.press('Tab');
  await expect(panel.locator('[role="tabpanel"]:not([hidden])')).toBeFocused();
  await panel.close();
});

test('the login-state override reaches the background and changes the findings; auto removes it', async ({ page, server, ext }) => {
  await page.goto(server.url(SHOP, '/mypage'));
  const tabId = await ext.tabIdOf(page);
  await expect.poll(async () => (await ext.capture(tabId)).session.pages.length).toBe(1);
  const pageId = (await ext.capture(tabId)).session.pages[0]!.id;
  const panel = await ext.openPanel(tabId);
  await panel.getByRole('tab', { name: 'タグ' }).click();
  const select = panel.getByLabel('ページ 1 のログイン状態');
  await expect(select).toHaveValue('auto');
  await expect(select.locator('option').first()).toHaveText('自動（推定: ログイン中）');
  await select.selectOption('logged-out');
  await expect.poll(async () => (await ext.capture(tabId)).overrides).toEqual({ [pageId]: 'logged-out' });
  // a logged-out page that still sends linkage: 000's 「ログインしていないユーザーのルームが毎回変わってしまう」
  await panel.getByRole('tab', { name: /診断結果/ }).click();
  await expect(panel.locator('.finding-row[data-rule-id="oksky/linkage-tag-while-logged-out"]')).toBeVisible();
  await panel.getByRole('tab', { name: 'タグ' }).click();
  await panel.getByLabel('ページ 1 のログイン状態').selectOption('auto');
  await expect.poll(async () => (await ext.capture(tabId)).overrides).toEqual({});
  await panel.getByRole('tab', { name: /診断結果/ }).click();
  await expect(panel.locator('.finding-row[data-rule-id="oksky/linkage-tag-while-logged-out"]')).toHaveCount(0);
  await panel.close();
});

test('Clear empties the tab session in the background', async ({ page, server, ext }) => {
  await page.goto(server.url(SHOP, '/mypage'));
  const tabId = await ext.tabIdOf(page);
  await expect.poll(async () => (await ext.capture(tabId)).session.pages.length).toBe(1);
  const panel = await ext.openPanel(tabId);
  await panel.getByRole('button', { name: '記録をクリア' }).click();
  await expect.poll(async () => (await ext.capture(tabId)).session.pages.length).toBe(0);
  await panel.getByRole('tab', { name: 'タグ' }).click();
  await expect(panel.getByText(/まだページが記録されていません/)).toBeVisible();
  await panel.close();
});

test('Import HAR analyses the file like `renkei analyze`, and explains a broken one', async ({ page, server, ext }) => {
  await page.goto(server.url(SHOP, '/about'));
  const tabId = await ext.tabIdOf(page);
  const panel = await ext.openPanel(tabId);
  const input = panel.getByLabel(/HAR ファイルを選ぶ/);
  await input.setInputFiles({ name: 'shop.har', mimeType: 'application/json', buffer: Buffer.from(smallHar()) });
  await expect(panel.getByText(/HAR「shop\.har」を表示中/)).toBeVisible();
  await expect(panel.locator('.finding-row[data-rule-id="oksky/loginkey-missing"][data-severity="error"]')).toBeVisible();
  await expect(panel.locator('body')).not.toContainText('A1234567');
  await input.setInputFiles({ name: 'broken.har', mimeType: 'application/json', buffer: Buffer.from('{"log": {"entries": [') });
  await expect(panel.getByRole('alert')).toContainText('「broken.har」の JSON が壊れているため読み込めません');
  await panel.getByRole('button', { name: 'タブの記録に戻る' }).click();
  await expect(panel.locator('.context')).toHaveAttribute('data-context', 'tab');
  await expect(panel.locator('.context')).toContainText('shop.example.jp');
  await panel.close();
});

test('a 320 px wide panel has no horizontal overflow on any tab', async ({ page, server, ext }) => {
  await page.goto(server.url(SHOP, '/mypage'));
  const tabId = await ext.tabIdOf(page);
  await page.goto(server.url(SHOP, '/logged-out-000'));
  await expect.poll(async () => (await ext.capture(tabId)).session.pages.length).toBe(2);
  const panel = await ext.openPanel(tabId);
  await panel.setViewportSize({ width: 320, height: 640 });
  for (const name of ['タグ', '通信', /診断結果/, 'タイムライン', '比較'] as const) {
    await panel.getByRole('tab', { name }).click();
    // the tab's content is shown (a state), then its layout must settle with nothing sticking out
    await expect(panel.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
    await expect(panel.locator('[role="tabpanel"]:not([hidden])')).toBeVisible();
    const widths = () =>
      panel.evaluate(() => {
        const wide = [...document.querySelectorAll<HTMLElement>('body *')]
          .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
        return { wide: wide.slice(0, 5), overflow: document.documentElement.scrollWidth > document.documentElement.clientWidth };
      });
    await expect.poll(widths, { message: String(name) }).toEqual({ wide: [], overflow: false });
  }
  await panel.close();
});

test('follows the language setting of the options page (English)', async ({ page, server, ext, context }) => {
  await page.goto(server.url(SHOP, '/no-loginkey'));
  const tabId = await ext.tabIdOf(page);
  await ext.waitForRules(tabId, ['oksky/loginkey-missing']);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${ext.id}/options.html`);
  await options.getByLabel('画面と診断結果の言語').selectOption('en');
  await options.getByRole('button', { name: '保存' }).click();
  const panel = await ext.openPanel(tabId);
  try {
    await expect(panel.getByRole('tab', { name: /Findings/ })).toBeVisible();
    const title = await panel.locator('.finding-row[data-rule-id="oksky/loginkey-missing"] .row-title').innerText();
    expect(title).toMatch(/[A-Za-z]/);
    expect(title).not.toMatch(/[\u3040-\u30ff]/);
    expect(await panel.locator('html').getAttribute('lang')).toBe('en');
  } finally {
    await options.getByLabel(/Language of the UI|画面と診断結果の言語/).selectOption('auto');
    await options.getByRole('button', { name: /Save|保存/ }).click();
    await options.close();
    await panel.close();
  }
});

test('the filter of a 10 000-request session shows exactly the matching requests, keystroke after keystroke', async ({ page, server, ext }) => {
  // what the user sees after each keystroke; how fast it repaints is measured by `npm run bench:panel`
  await page.goto(server.url(SHOP, '/about'));
  const tabId = await ext.tabIdOf(page);
  const panel = await ext.openPanel(tabId);
  const har = bigHar(10_000);
  const urls = (JSON.parse(har) as { log: { entries: { request: { url: string } }[] } }).log.entries.map((e) => e.request.url.toLowerCase());
  await panel.getByLabel(/HAR ファイルを選ぶ/).setInputFiles({ name: 'big.har', mimeType: 'application/json', buffer: Buffer.from(har) });
  await expect(panel.getByText(/HAR「big\.har」を表示中/)).toBeVisible({ timeout: 30_000 });
  await panel.getByRole('tab', { name: '通信' }).click();
  await expect(panel.getByText('10000 件中 10000 件')).toBeVisible();
  const input = panel.locator('.network-view input[type="search"]');
  // queries that only an address can match: the expected count comes from the HAR itself
  for (const q of ['tenant3.okskychat.net', '', 'cdn3.example.jp', 'cdn3.example.jp /assets/app-1', '', '/rapi/v1/clients/', 'no-such-request']) {
    await input.fill(q);
    const terms = q.split(/\s+/).filter(Boolean);
    const expected = urls.filter((u) => terms.every((t) => u.includes(t))).length;
    await expect(panel.locator('.network-view .filter-count')).toHaveText(`10000 件中 ${expected} 件`);
    expect(expected, q).toBeGreaterThanOrEqual(q === 'no-such-request' ? 0 : 1);
    // the rows in view are matching ones (the list is virtual: only a window of rows is in the DOM)
    const rows = () => panel.locator('.network-view .request-url').evaluateAll((els) => els.map((e) => (e.getAttribute('title') ?? '').toLowerCase()));
    await expect
      .poll(async () => {
        const shown = await rows();
        if (shown.length === 0) return expected === 0 ? 'ok' : 'no rows';
        if (shown.length > Math.min(expected, 100)) return `${shown.length} rows for ${expected} matches`;
        const wrong = shown.find((u) => !terms.every((t) => u.includes(t)));
        return wrong ? `not matching: ${wrong}` : 'ok';
      }, { message: `rows for "${q}"` })
      .toBe('ok');
  }
  await panel.close();
});

test('Copy report and Export snapshot give the Markdown report and a snapshot `renkei compare` reads', async ({ page, server, ext }) => {
  await page.goto(server.url(SHOP, '/no-loginkey'));
  const tabId = await ext.tabIdOf(page);
  await ext.waitForRules(tabId, ['oksky/loginkey-missing']);
  const panel = await ext.openPanel(tabId);
  await expect(panel.locator('.finding-row[data-rule-id="oksky/loginkey-missing"]')).toBeVisible();
  // record what reaches the clipboard (headless Chromium cannot grant clipboard-read to an extension page)
  await panel.evaluate(() => {
    const w = window as unknown as { copied?: string };
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t: string) => void (w.copied = t) } });
  });
  await panel.getByRole('button', { name: 'レポートをコピー' }).click();
  await expect(panel.getByText(/レポート（Markdown）をクリップボードにコピーしました/)).toBeVisible();
  const copied = await panel.evaluate(() => (window as unknown as { copied?: string }).copied ?? '');
  expect(copied).toContain('oksky/loginkey-missing');
  expect(copied).toMatch(/^#/m);
  expect(copied).not.toContain('A1234567');
  const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: 'スナップショットを書き出す' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^renkei-snapshot-shop\.example\.jp-.*\.json$/);
  const text = readFileSync((await download.path())!, 'utf8');
  const snapshot = Snapshot.parse(JSON.parse(text));
  expect(snapshot.findings.map((f) => f.ruleId)).toContain('oksky/loginkey-missing');
  expect(snapshot.site).toBe('shop.example.jp');
  expect(text).not.toContain('A1234567');
  await panel.close();
});

/** Six pages of the fixture shop: eleven findings of every severity. */
async function sixPages(page: Page, server: { url(host: string, path: string): string }, ext: { tabIdOf(p: Page): Promise<number>; capture(id: number): Promise<{ session: { pages: unknown[] } }> }): Promise<number> {
  for (const p of ['/mypage', '/no-loginkey', '/smart-quotes', '/logged-out-000', '/mismatch', '/plain-while-logged-in']) await page.goto(server.url(SHOP, p));
  const tabId = await ext.tabIdOf(page);
  await expect.poll(async () => (await ext.capture(tabId)).session.pages.length).toBe(6);
  return tabId;
}

/** boxes of the panel's chrome and of the findings rows that are entirely inside the list's view */
const densityOf = (panel: Page) =>
  panel.evaluate(() => {
    const box = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
    const list = box('[role="listbox"]');
    const rows = [...document.querySelectorAll('.finding-row')].map((r) => r.getBoundingClientRect());
    return {
      chrome: box('[role="tabpanel"]:not([hidden])').top,
      height: document.documentElement.clientHeight,
      rowsInView: rows.filter((r) => r.top >= list.top - 0.5 && r.bottom <= list.bottom + 0.5 && r.height > 0).length,
      rows: rows.length,
      overflow: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    };
  });

test('DevTools density: ≥ 6 findings in view docked at the bottom (1280×400); at 420 px nothing overflows and the chrome is ≤ 20 % of the height', async ({ page, server, ext }) => {
  const tabId = await sixPages(page, server, ext);
  const panel = await ext.openPanel(tabId);
  await panel.setViewportSize({ width: 1280, height: 400 });
  await expect(panel.locator('.finding-row')).not.toHaveCount(0);
  await expect.poll(async () => (await densityOf(panel)).rowsInView).toBeGreaterThanOrEqual(6);
  const bottom = await densityOf(panel);
  expect(bottom.rows).toBeGreaterThanOrEqual(6);
  // the detail is beside the list when wide (the Issues panel), its top level with the list
  const side = await panel.evaluate(() => {
    const l = document.querySelector('.master')!.getBoundingClientRect();
    const d = document.querySelector('.detail')!.getBoundingClientRect();
    return { besides: d.left >= l.right - 1, sameTop: Math.abs(d.top - l.top) < 2 };
  });
  expect(side).toEqual({ besides: true, sameTop: true });
  // no permanent prose in the header: the header is one toolbar row
  expect(bottom.chrome).toBeLessThanOrEqual(0.2 * bottom.height);

  await panel.setViewportSize({ width: 420, height: 900 });
  for (const name of ['タグ', '通信', /診断結果/, 'タイムライン', '比較'] as const) {
    await panel.getByRole('tab', { name }).click();
    await expect(panel.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
    await expect
      .poll(
        () =>
          panel.evaluate(() => {
            const panelTop = document.querySelector('[role="tabpanel"]:not([hidden])')!.getBoundingClientRect().top;
            const wide = [...document.querySelectorAll<HTMLElement>('body *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((e) => e.className);
            return { chromeShare: panelTop / document.documentElement.clientHeight <= 0.2, wide: wide.slice(0, 5), overflow: document.documentElement.scrollWidth > document.documentElement.clientWidth };
          }),
        { message: String(name) },
      )
      .toEqual({ chromeShare: true, wide: [], overflow: false });
  }
  // narrow: the detail goes below the list
  await panel.getByRole('tab', { name: /診断結果/ }).click();
  const stacked = await panel.evaluate(() => document.querySelector('.detail')!.getBoundingClientRect().top >= document.querySelector('.master')!.getBoundingClientRect().bottom - 1);
  expect(stacked).toBe(true);
  await panel.close();
});

test('Findings: ↑/↓, Home/End move the selection and the detail follows; the split resizes from the keyboard', async ({ page, server, ext }) => {
  const tabId = await sixPages(page, server, ext);
  const panel = await ext.openPanel(tabId);
  await panel.setViewportSize({ width: 1280, height: 400 });
  const list = panel.getByRole('listbox');
  const rows = panel.locator('.finding-row');
  await expect(rows.first()).toHaveAttribute('aria-selected', 'true');
  const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-rule-id')));
  const detail = panel.locator('.detail article[data-rule-id]');
  await expect(detail).toHaveAttribute('data-rule-id', ids[0]!);
  await list.focus();
  await panel.keyboard.press('ArrowDown');
  await panel.keyboard.press('ArrowDown');
  await expect(rows.nth(2)).toHaveAttribute('aria-selected', 'true');
  await expect(detail).toHaveAttribute('data-rule-id', ids[2]!);
  await expect(list).toHaveAttribute('aria-activedescendant', (await rows.nth(2).getAttribute('id'))!);
  await panel.keyboard.press('End');
  await expect(detail).toHaveAttribute('data-rule-id', ids.at(-1)!);
  // the last row was scrolled into the list's view
  const inView = await panel.evaluate(() => {
    const l = document.querySelector('[role="listbox"]')!.getBoundingClientRect();
    const r = document.querySelector('.finding-row[aria-selected="true"]')!.getBoundingClientRect();
    return r.top >= l.top - 0.5 && r.bottom <= l.bottom + 0.5;
  });
  expect(inView).toBe(true);
  await panel.keyboard.press('ArrowUp');
  await expect(detail).toHaveAttribute('data-rule-id', ids.at(-2)!);
  await panel.keyboard.press('Home');
  await expect(detail).toHaveAttribute('data-rule-id', ids[0]!);
  // every row keeps the contract attributes
  expect(await rows.evaluateAll((els) => els.every((e) => e.getAttribute('data-rule-id') && /^(error|warning|info)$/.test(e.getAttribute('data-severity') ?? '')))).toBe(true);

  // the separator: Tab reaches it, → widens the list, aria-valuenow follows, the boxes agree
  const sep = panel.getByRole('separator');
  const width = () => panel.locator('.master').evaluate((e) => e.getBoundingClientRect().width);
  const before = { now: Number(await sep.getAttribute('aria-valuenow')), width: await width() };
  await sep.focus();
  await panel.keyboard.press('ArrowRight');
  await panel.keyboard.press('ArrowRight');
  await expect(sep).toHaveAttribute('aria-valuenow', String(before.now + 10));
  await expect.poll(width).toBeGreaterThan(before.width + 50);
  await panel.keyboard.press('Home');
  await expect(sep).toHaveAttribute('aria-valuenow', '20');
  await panel.keyboard.press('End');
  await expect(sep).toHaveAttribute('aria-valuenow', '80');
  await panel.close();
});

test('Tags: newest page first, each tag with its findings inline (loginKey なし flagged), errors per page, one card for the source and run-time views', async ({ page, server, ext }) => {
  await page.goto(server.url(SHOP, '/mypage'));
  await page.goto(server.url(SHOP, '/plain-while-logged-in'));
  const tabId = await ext.tabIdOf(page);
  await ext.waitForRules(tabId, ['oksky/plain-tag-while-logged-in']);
  const panel = await ext.openPanel(tabId);
  // the errors of page 2 as the Findings list shows them
  await expect(panel.locator('.finding-row').first()).toBeVisible();
  const errors = await panel.locator('.finding-row[data-severity="error"] .row-page').evaluateAll((els) => els.filter((e) => e.textContent?.startsWith('2: ')).length);
  expect(errors).toBeGreaterThan(0);
  await panel.getByRole('tab', { name: 'タグ' }).click();
  const cards = panel.locator('[data-page-index]');
  await expect(cards).toHaveCount(2);
  expect(await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-page-index')))).toEqual(['1', '0']);
  const newest = cards.first();
  // errors of the page, counted in its header
  await expect(newest.locator('.page-counts')).toContainText(/エラー [1-9]/);
  await expect(newest.locator('.page-counts')).toHaveAttribute('data-page-errors', String(errors));
  // the loginKey row: なし, flagged with the finding's severity (icon + text) and title
  const loginKey = newest.locator('[data-field="loginKey"]');
  await expect(loginKey).toHaveAttribute('data-flagged', 'error');
  await expect(loginKey).toContainText('なし');
  await expect(loginKey.locator('[data-rule-ref="oksky/plain-tag-while-logged-in"]')).toContainText('エラー');
  // the source and the run-time view of the one tag: one card, two source chips
  const tagCards = newest.locator('.tag-card');
  await expect(tagCards).toHaveCount(1);
  await expect(tagCards.locator('[data-tag-source]')).toHaveText(['ページのソース', '実行時の呼び出し']);
  // the correct page before it: no problem, nothing flagged
  await expect(cards.nth(1).locator('.page-counts')).toContainText('問題なし');
  await expect(cards.nth(1).locator('[data-flagged]')).toHaveCount(0);
  await panel.close();
});

test('the jump from a finding to its source line keeps the focus on the line; "Open in Sources" explains itself outside DevTools', async ({ page, server, ext }) => {
  await page.goto(server.url(SHOP, '/logged-out-000'));
  const tabId = await ext.tabIdOf(page);
  await ext.waitForRules(tabId, ['oksky/linkage-commented-out']);
  const panel = await ext.openPanel(tabId);
  await panel.locator('.finding-row[data-rule-id="oksky/linkage-commented-out"]').click();
  const detail = panel.locator('article[data-rule-id="oksky/linkage-commented-out"]');
  await detail.locator('details.evidence > summary').click();
  const jump = detail.getByRole('button', { name: /行 \d+ 文字目/ }).first();
  const line = Number(/^(\d+) 行/.exec(await jump.innerText())![1]);
  await jump.focus();
  await panel.keyboard.press('Enter');
  await expect(panel.getByRole('tab', { name: 'タグ' })).toHaveAttribute('aria-selected', 'true');
  // the focus is on the line it jumped to (never lost to <body>)
  await expect.poll(() => panel.evaluate(() => ({ tag: document.activeElement?.tagName, focused: document.activeElement?.getAttribute('data-focused') }))).toEqual({ tag: 'LI', focused: 'true' });
  expect(Number(await panel.evaluate(() => document.activeElement?.getAttribute('data-line')))).toBeGreaterThanOrEqual(line);
  // as a tab (not in DevTools): the button is there, says it cannot, and why
  const open = panel.getByRole('button', { name: 'Sources で開く' }).first();
  await expect(open).toHaveAttribute('aria-disabled', 'true');
  await expect(open).toHaveAttribute('data-open-resource', 'not-devtools');
  // aria-disabled, not disabled: it stays in the tab order and answers with the reason
  await open.focus();
  await panel.keyboard.press('Enter');
  await expect(open).toHaveAttribute('aria-describedby', /.+/);
  await expect(panel.getByRole('status').filter({ hasText: 'DevTools の「連携」パネルとして開いているときだけ' })).toBeVisible();
  await panel.close();
});

test('Timeline: a page is coloured by its worst severity with a text marker; a correct page says so', async ({ page, server, ext }) => {
  await page.goto(server.url(SHOP, '/mypage'));
  await page.goto(server.url(SHOP, '/no-loginkey'));
  const tabId = await ext.tabIdOf(page);
  await ext.waitForRules(tabId, ['oksky/loginkey-missing']);
  const panel = await ext.openPanel(tabId);
  await panel.getByRole('tab', { name: 'タイムライン' }).click();
  const items = panel.locator('.timeline-item');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toHaveAttribute('data-level', 'ok');
  await expect(items.nth(0).locator('[data-node-level]')).toHaveText(/問題なし/);
  await expect(items.nth(1)).toHaveAttribute('data-level', 'error');
  await expect(items.nth(1).locator('[data-node-level]')).toContainText(/エラー [1-9]/);
  // colour follows the level: the error page's bar is the error colour, the correct page's is not
  const colours = await items.evaluateAll((els) => els.map((e) => getComputedStyle(e.querySelector('.room-bar')!).backgroundColor));
  const error = await panel.evaluate(() => {
    const probe = document.createElement('span');
    probe.style.color = 'var(--error)';
    document.body.append(probe);
    const c = getComputedStyle(probe).color;
    probe.remove();
    return c;
  });
  expect(colours[1]).toBe(error);
  expect(colours[0]).not.toBe(error);
  // the strip: the marker in each dot
  await expect(panel.locator('.timeline-strip .strip-mark')).toHaveText(['✓', '✕']);
  await panel.close();
});
