/**
 * The Compare tab, one workflow: the recording wizard's records (staging / production × logged in /
 * logged out) first, two of them picked, their differences. With the REAL companion API on
 * loopback: a vendor records the staging and the production page, uploads both, compares them
 * from the companion's list (compare/linkage-missing: staging's My page sends no linkage;
 * compare/key-differs), creates a share link and opens it in the panel. With four records the tab
 * fits a bottom dock (1280×400) and axe finds nothing, light and dark, Japanese and English.
 */
import AxeBuilder from '@axe-core/playwright';
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { Snapshot } from '../utils/core/snapshot';
import { accountPage, clearRecordings, recordSlot, SLOTS } from './compare-helpers';
import { test, expect } from './fixtures';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);

interface Companion {
  url: string;
  token: string;
  stop(): Promise<void>;
}

async function startCompanion(extensionId: string): Promise<Companion> {
  const dataDir = mkdtempSync(join(tmpdir(), 'renkei-compare-e2e-'));
  const port = 20_000 + Math.floor(Math.random() * 30_000);
  const env = { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, EXTENSION_ORIGINS: extensionId, RATE_LIMIT_PER_SEC: '1000', RATE_LIMIT_BURST: '1000' };
  // the token first: the embedded database has one process at a time
  const out = await run(process.execPath, [join(ROOT, 'bin/renkei.mjs'), 'companion', 'token', 'create', '--workspace', 'e2e-compare'], { env, cwd: ROOT, timeout: 60_000 });
  const token = out.stdout.trim().split('\n').pop()!.trim();
  expect(token).toMatch(/^rk_[A-Za-z0-9_-]{43}$/);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'companion/main.ts'), 'serve'], { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  // started = /healthz answers (a state, polled); the test's own timeout bounds a companion that never starts
  await expect
    .poll(
      async () => {
        if (child.exitCode !== null) throw new Error(`companion exited (${child.exitCode}): ${log.slice(-2000)}`);
        return fetch(`${url}/healthz`).then((r) => r.ok, () => false);
      },
      { timeout: 120_000, message: 'the companion answers /healthz' },
    )
    .toBe(true);
  return {
    url,
    token,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function record(panel: Page, slot: string) {
  const card = panel.locator(`[data-slot="${slot}"]`);
  await card.getByRole('button', { name: /このページを記録|記録し直す|Record this page|Record again/ }).click();
  await expect(card).toHaveAttribute('data-recorded', 'true');
}

type Chrome = { storage: { local: { get(k: string): Promise<Record<string, unknown>>; remove(k: string | string[]): Promise<void>; set(v: object): Promise<void> }; sync: { set(v: object): Promise<void>; remove(k: string): Promise<void> } } };
declare const chrome: Chrome;

test('records staging and production, uploads both to the companion, compares them and opens a share link', async ({ page, server, ext }) => {
  test.setTimeout(300_000);
  const companion = await startCompanion(ext.id);
  try {
    // the companion settings, as the options page stores them (WXT item local:companion)
    const sw = await ext.worker();
    await sw.evaluate(async (c) => {
      await (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void>; remove(k: string): Promise<void> } } } }).chrome.storage.local.set({ companion: c });
      await (globalThis as unknown as { chrome: { storage: { local: { remove(k: string): Promise<void> } } } }).chrome.storage.local.remove('recordings');
    }, { url: companion.url, token: companion.token });

    await page.goto(server.url('stg.shop.example.jp', '/compare-mypage'));
    const tabId = await ext.tabIdOf(page);
    await expect.poll(async () => (await ext.capture(tabId)).session.pages.length).toBeGreaterThan(0);
    await expect.poll(async () => (await ext.capture(tabId)).session.requests.some((r) => r.url.includes('stg') || r.url.endsWith('/widget/widget.js'))).toBe(true);
    const panel = await ext.openPanel(tabId);
    await panel.getByRole('tab', { name: '比較' }).click();
    await expect(panel.getByTestId('companion-status')).toHaveText(`共有サーバー: ${companion.url}/`);
    await expect(panel.getByTestId('recording-wizard')).toContainText('ログインした状態でページ');
    await record(panel, 'staging-in');
    await expect(panel.locator('[data-slot="staging-in"]')).toContainText('stg.shop.example.jp/compare-mypage');
    // the message appears in the row of the button that caused it
    await expect(panel.locator('[data-slot="staging-in"] [data-testid="compare-status"]')).toHaveText('記録しました。');

    // the same tab moves to production: the capture follows, the staging record stays
    await page.goto(server.url('shop.example.jp', '/compare-mypage'));
    await expect.poll(async () => (await ext.capture(tabId)).session.pages.at(-1)?.url).toBe(server.url('shop.example.jp', '/compare-mypage'));
    await expect.poll(async () => (await ext.capture(tabId)).session.requests.filter((r) => r.url.endsWith('/login')).length).toBeGreaterThan(0);
    // the panel coalesces capture updates: record again until the slot holds the production page
    await expect(async () => {
      await record(panel, 'production-in');
      await expect(panel.locator('[data-slot="production-in"] .record-url')).toHaveText(/^shop\.example\.jp\/compare-mypage/, { timeout: 5_000 });
    }).toPass({ timeout: 60_000 });

    // staging ⇄ production, logged in: shown without picking, the pair's button says what to check
    const pair = panel.locator('[data-testid="compare-main"][data-pair="loggedIn"]');
    await expect(panel.locator('[data-preset="loggedIn"]')).toHaveAttribute('aria-pressed', 'true');
    await expect(panel.locator('[data-preset="loggedIn"]')).toContainText(/要確認 [1-9]/);
    await expect(pair.locator('article[data-rule-id="compare/linkage-missing"]')).toHaveAttribute('data-severity', 'error');
    await expect(pair.locator('tr.diff').first()).toBeVisible();
    await expect(pair.locator('tr.diff .mark').first()).toHaveText('要確認');

    // the records survive a reload of the panel (extension storage)
    await panel.reload();
    await panel.getByRole('tab', { name: '比較' }).click();
    await expect(panel.locator('[data-slot="staging-in"]')).toHaveAttribute('data-recorded', 'true');
    await expect(panel.locator('[data-slot="production-in"]')).toHaveAttribute('data-recorded', 'true');

    // upload both
    for (const slot of ['staging-in', 'production-in']) {
      const card = panel.locator(`[data-slot="${slot}"]`);
      await card.getByRole('button', { name: /^共有サーバーに保存/ }).click();
      await expect(card.getByTestId('compare-status')).toContainText('共有サーバーに保存しました');
      await expect(card.locator('[data-companion-id]')).toHaveAttribute('data-companion-id', /^sn_/);
    }
    const stgId = (await panel.locator('[data-slot="staging-in"] [data-companion-id]').getAttribute('data-companion-id'))!;
    const prodId = (await panel.locator('[data-slot="production-in"] [data-companion-id]').getAttribute('data-companion-id'))!;

    // the server compares them the same way
    const auth = { Authorization: `Bearer ${companion.token}` };
    const cmp = (await (await fetch(`${companion.url}/v1/compare?a=${stgId}&b=${prodId}`, { headers: auth })).json()) as { findings: { ruleId: string }[] };
    expect(cmp.findings.map((f) => f.ruleId)).toContain('compare/linkage-missing');

    // compare from the companion's list in the Compare tab
    await panel.getByText('共有リンク・共有サーバーから').click();
    await panel.getByRole('textbox', { name: '環境', exact: true }).fill('staging');
    await panel.getByRole('button', { name: '一覧を読み込む' }).click();
    const stgItem = panel.locator(`[data-snapshot-id="${stgId}"]`);
    await expect(stgItem).toBeVisible();
    await expect(panel.locator(`[data-snapshot-id="${prodId}"]`)).toHaveCount(0);
    await stgItem.getByRole('button', { name: /^記録 A に読み込む/ }).click();
    await expect(panel.locator('.pair-side[data-side="a"]')).toHaveAttribute('data-env', 'staging');
    await expect(panel.locator('[data-record="x1"]')).toContainText(`共有サーバー ${stgId}`);
    await panel.getByRole('textbox', { name: '環境', exact: true }).fill('production');
    await panel.getByRole('button', { name: '一覧を読み込む' }).click();
    await panel.locator(`[data-snapshot-id="${prodId}"]`).getByRole('button', { name: /^記録 B に読み込む/ }).click();
    await expect(panel.locator('.pair-side[data-side="b"]')).toHaveAttribute('data-env', 'production');
    const main = panel.getByTestId('compare-main');
    await expect(main.locator('article[data-rule-id="compare/linkage-missing"]')).toHaveAttribute('data-severity', 'error');
    await expect(main.locator('article[data-rule-id="compare/key-differs"]')).toHaveAttribute('data-severity', 'warning');
    // the environment itself differs as chosen: muted, in words, not counted
    await expect(main.locator('tr[data-aspect="env"]')).toHaveAttribute('data-same', 'false');
    await expect(main.locator('tr[data-aspect="env"]')).toHaveClass('context');
    await expect(main.locator('tr[data-aspect="env"]')).toHaveText(/^想定どおり 環境ラベルステージング本番$/);
    await expect(main.locator('tr[data-aspect="site"]')).toHaveClass('context');

    // share A, then the link works without a token and the panel opens it
    await panel.locator('[data-record="x1"]').getByRole('button', { name: /^共有リンクをコピー/ }).click();
    const link = (await panel.locator('[data-record="x1"]').getByTestId('share-url').textContent())!.trim();
    expect(link).toMatch(new RegExp(`^${companion.url.replace(/[.:/]/g, '\\$&')}/v1/shared/rks_[A-Za-z0-9_-]{43}$`));
    const shared = await fetch(link);
    expect(shared.status).toBe(200);
    const body = (await shared.json()) as { id: string; snapshot: unknown };
    expect(body.id).toBe(stgId);
    expect(Snapshot.parse(body.snapshot).site).toBe('stg.shop.example.jp');
    // a share link opened goes into B (A is taken)
    await panel.getByLabel('共有リンクまたはトークン（rks_…）').fill(link);
    await panel.getByRole('button', { name: '開く', exact: true }).click();
    await expect(panel.locator('.pair-side[data-side="b"]')).toContainText('共有リンク（stg.shop.example.jp）');
    // A and B are now the same staging record: no differences
    await expect(main.locator('article[data-rule-id^="compare/"]')).toHaveCount(0);
    // a narrow DevTools panel (320 px) with both sides, the table and the wizard: nothing sticks out
    await panel.setViewportSize({ width: 320, height: 640 });
    // wait for the narrow layout (a state, not a time), then nothing may stick out
    await expect.poll(() => panel.evaluate(() => document.documentElement.clientWidth)).toBeLessThanOrEqual(320);
    await expect
      .poll(() =>
        panel.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('body *')]
            .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .map((e) => `${e.tagName.toLowerCase()}.${e.className}`)
            .slice(0, 5),
        ),
      )
      .toEqual([]);
    // nothing personal left the browser
    await expect(panel.locator('body')).not.toContainText('A1234567');
    expect(JSON.stringify(body)).not.toContain('A1234567');
  } finally {
    await companion.stop();
    const sw = await ext.worker();
    await sw.evaluate(async () => {
      await (globalThis as unknown as { chrome: { storage: { local: { remove(k: string[]): Promise<void> } } } }).chrome.storage.local.remove(['companion', 'recordings']);
    });
  }
});

test('the wizard compares one environment logged in ⇄ logged out without a false error (issue 9)', async ({ page, server, ext }) => {
  test.setTimeout(240_000);
  const sw = await ext.worker();
  const recorded = (slot: string) =>
    sw.evaluate(async (s) => {
      const r = (await (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome.storage.local.get('recordings')).recordings as
        | { slots: Record<string, { snapshot: { pages: { tags: { linkage?: boolean }[] }[]; requests: { query?: { status: string } }[] } } | undefined> }
        | undefined;
      const snap = r?.slots[s]?.snapshot;
      return snap ? { linkage: snap.pages[0]?.tags[0]?.linkage, query: snap.requests.find((q) => q.query)?.query?.status } : undefined;
    }, slot);
  await sw.evaluate(async () => {
    await (globalThis as unknown as { chrome: { storage: { local: { remove(k: string): Promise<void> } } } }).chrome.storage.local.remove('recordings');
  });
  const path = '/e2e-account';
  let drop = server.page('shop.example.jp', path, accountPage('in'));
  try {
    await page.goto(server.url('shop.example.jp', path));
    const tabId = await ext.tabIdOf(page);
    const loginRequests = async () => (await ext.capture(tabId)).session.requests.filter((r) => r.url.endsWith('/login')).length;
    await expect.poll(loginRequests).toBeGreaterThan(0);
    const panel = await ext.openPanel(tabId);
    await panel.getByRole('tab', { name: '比較' }).click();
    await expect(async () => {
      await record(panel, 'production-in');
      expect(await recorded('production-in')).toEqual({ linkage: true, query: 'ok' });
    }).toPass({ timeout: 60_000 });

    // log out: the same page, now with the plain tag (its /login query is empty, as it should be)
    drop();
    drop = server.page('shop.example.jp', path, accountPage('out'));
    const before = await loginRequests();
    await page.reload();
    await expect.poll(loginRequests).toBeGreaterThan(before);
    await expect(async () => {
      await record(panel, 'production-out');
      expect(await recorded('production-out')).toEqual({ linkage: false, query: 'empty' });
    }).toPass({ timeout: 60_000 });

    const pair = panel.locator('[data-testid="compare-main"][data-pair="productionStates"]');
    await expect(panel.locator('[data-preset="productionStates"]')).toContainText('本番: ログイン中 ⇄ ログアウト中');
    await expect(pair.locator('article[data-rule-id="compare/login-state-differs"]')).toHaveAttribute('data-severity', 'info');
    await expect(pair.locator('article[data-severity="error"]')).toHaveCount(0);
    await expect(pair.locator('article[data-rule-id="compare/query-empty-on-one-side"]')).toHaveCount(0);
    await expect(pair).not.toContainText('環境によって');
    // the login-state differences are shown muted, with the reason, and not counted as differences
    await expect(pair.locator('tr[data-aspect="/e2e-account /login query"]')).toHaveClass('expected');
    await expect(pair.locator('tr[data-aspect="login state"]')).toHaveText(/^想定どおり ログイン状態ログイン中ログアウト中$/);
    await expect(pair.locator('[data-note="expected"]')).toContainText('ログイン状態による違いです');
    await expect(pair.locator('tr[data-aspect="/e2e-account loginKey"]')).toHaveClass('expected');
    await expect(pair.locator('tr[data-aspect="/e2e-account linkage"]')).toHaveClass('expected');
    // rows without a difference only on request
    await expect(pair.locator('tr.same')).toHaveCount(0);
    await pair.getByRole('checkbox', { name: /同じ項目も表示する/ }).check();
    await expect(pair.locator('tr[data-aspect="/e2e-account page"]')).toHaveClass('same');
    await expect(pair.locator('tr[data-aspect="/e2e-account widget host"]')).toHaveClass('same');
    await expect(pair.locator('tr[data-aspect="/e2e-account key"]')).toHaveClass('same');
    await expect(pair.locator('tr[data-aspect^="/e2e-account"].diff')).toHaveCount(0);
  } finally {
    drop();
    await sw.evaluate(async () => {
      await (globalThis as unknown as { chrome: { storage: { local: { remove(k: string): Promise<void> } } } }).chrome.storage.local.remove('recordings');
    });
  }
});

test('says plainly when the companion refuses the token', async ({ page, server, ext }) => {
  const companion = await startCompanion(ext.id);
  try {
    const sw = await ext.worker();
    await sw.evaluate(async (c) => {
      await (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ companion: c });
    }, { url: companion.url, token: `rk_${'x'.repeat(43)}` });
    await page.goto(server.url('shop.example.jp', '/compare-mypage'));
    const tabId = await ext.tabIdOf(page);
    await expect.poll(async () => (await ext.capture(tabId)).session.pages.length).toBeGreaterThan(0);
    const panel = await ext.openPanel(tabId);
    await panel.getByRole('tab', { name: '比較' }).click();
    await panel.getByText('共有リンク・共有サーバーから').click();
    await panel.getByRole('button', { name: '一覧を読み込む' }).click();
    await expect(panel.locator('[data-at="companion"]').getByRole('alert')).toContainText('トークンが正しくないか、無効化されています');
  } finally {
    await companion.stop();
    const sw = await ext.worker();
    await sw.evaluate(async () => {
      await (globalThis as unknown as { chrome: { storage: { local: { remove(k: string): Promise<void> } } } }).chrome.storage.local.remove('companion');
    });
  }
});

/** axe on the Compare tab (its details opened, so what they hold is checked too), light and dark */
async function axeBoth(panel: Page, state: string) {
  for (const d of await panel.locator('.compare-view details').all()) await d.evaluate((e) => ((e as HTMLDetailsElement).open = true));
  for (const scheme of ['light', 'dark'] as const) {
    await panel.emulateMedia({ colorScheme: scheme });
    const r = await new AxeBuilder({ page: panel }).include('.compare-view').analyze();
    expect(
      r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      `${state} (${scheme})`,
    ).toEqual([]);
  }
  await panel.emulateMedia({ colorScheme: 'light' });
  for (const d of await panel.locator('.compare-view details').all()) await d.evaluate((e) => ((e as HTMLDetailsElement).open = false));
}

test('four records fit a bottom dock (1280×400), the differences table is bounded, and axe finds nothing (empty, records, comparison; light, dark; ja, en)', async ({ page, server, ext }) => {
  test.setTimeout(360_000);
  await clearRecordings(ext);
  const sw = await ext.worker();
  const path = '/e2e-four';
  const drops = new Map<string, () => void>();
  try {
    await page.goto(server.url('shop.example.jp', '/about'));
    const tabId = await ext.tabIdOf(page);
    const panel = await ext.openPanel(tabId);
    await panel.setViewportSize({ width: 1280, height: 400 });
    await panel.getByRole('tab', { name: '比較' }).click();
    await expect(panel.locator('[data-slot="staging-in"]')).toHaveAttribute('aria-current', 'step');
    await axeBoth(panel, 'ja, empty');

    await recordSlot({ page, panel, server, ext, tabId, slot: 'staging-in', path, drops });
    await expect(panel.locator('[data-slot="staging-out"]')).toHaveAttribute('aria-current', 'step');
    await axeBoth(panel, 'ja, one record');
    for (const slot of SLOTS.slice(1)) await recordSlot({ page, panel, server, ext, tabId, slot, path, drops });

    // the wizard and the list of records are visible without scrolling anything
    const main = panel.locator('[data-testid="compare-main"][data-pair="loggedIn"]');
    await expect(main.locator('article[data-rule-id="compare/linkage-missing"]')).toHaveAttribute('data-severity', 'error');
    for (const slot of SLOTS) await expect(panel.locator(`[data-slot="${slot}"]`), slot).toBeInViewport({ ratio: 1 });
    await expect(panel.getByRole('button', { name: 'このタブの記録を追加' })).toBeInViewport({ ratio: 1 });
    await expect(panel.getByText('ファイルを読み込む')).toBeInViewport({ ratio: 1 });
    const scroll = () =>
      panel.evaluate(() => ({
        page: document.documentElement.scrollHeight - innerHeight,
        records: (() => {
          const e = document.querySelector('.compare-records')!;
          return e.scrollHeight - e.clientHeight;
        })(),
      }));
    expect(await scroll()).toEqual({ page: 0, records: 0 });
    // the differences: only the differing rows; all rows on request, scrolled inside a bounded table
    await expect(main.locator('tr.same')).toHaveCount(0);
    await expect(main.locator('tr.diff').first()).toBeInViewport();
    await main.getByRole('checkbox', { name: /同じ項目も表示する/ }).check();
    const wrap = main.locator('.compare-table-wrap');
    await expect.poll(() => wrap.evaluate((e) => e.scrollHeight > e.clientHeight)).toBe(true);
    expect((await wrap.boundingBox())!.height).toBeLessThanOrEqual(400 * 0.5);
    expect((await scroll()).page).toBe(0);
    // every other pair is one click away, each with its verdict in words
    for (const key of ['loggedOut', 'stagingStates', 'productionStates', 'overall']) {
      await panel.locator(`[data-preset="${key}"]`).click();
      await expect(panel.locator(`[data-testid="compare-main"][data-pair="${key}"]`)).toBeVisible();
      await expect(panel.locator(`[data-preset="${key}"] .mark`)).toHaveText(/^(要確認 \d+|問題なし)$/);
    }
    await panel.locator('[data-preset="loggedIn"]').click();
    await axeBoth(panel, 'ja, four records compared');
    // a record of this tab joins the list as B, with its own label; the message is beside the button
    await panel.getByRole('button', { name: 'このタブの記録を追加' }).click();
    await expect(panel.locator('[data-at="add"]')).toHaveText('このタブ（shop.example.jp）を記録 B に入れました。');
    const extra = panel.locator('li[data-record="x1"]');
    await expect(panel.locator('.pair-side[data-side="b"]')).toContainText('このタブ（shop.example.jp）');
    await extra.getByRole('combobox').selectOption('custom');
    await extra.getByRole('textbox').fill('本番（改修後）');
    await expect(panel.locator('[data-testid="compare-main"] tr[data-aspect="env"]')).toContainText('本番（改修後）');
    await axeBoth(panel, 'ja, four records and this tab compared');
    await extra.getByRole('button', { name: /^削除/ }).click();
    await expect(extra).toHaveCount(0);
    // the focus stays in the list, not lost to the page
    await expect(panel.locator('.record-list')).toBeFocused();
    // B is gone with it: the tab asks for two records again
    await expect(panel.locator('[data-testid="compare-main"]')).toHaveCount(0);
    await panel.locator('[data-preset="loggedIn"]').click();
    await expect(main).toBeVisible();

    // the right dock (420×900): nothing sticks out, the records come first
    await panel.setViewportSize({ width: 420, height: 900 });
    await expect.poll(() => panel.evaluate(() => document.documentElement.clientWidth)).toBeLessThanOrEqual(420);
    await expect
      .poll(() =>
        panel.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('.compare-view *')]
            .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.compare-table-wrap, .sr-only'))
            .map((e) => `${e.tagName.toLowerCase()}.${e.className}`)
            .slice(0, 5),
        ),
      )
      .toEqual([]);
    for (const slot of SLOTS) await expect(panel.locator(`[data-slot="${slot}"]`), slot).toBeInViewport({ ratio: 1 });
    // the table fits the width too (it scrolls only vertically)
    expect(await wrap.evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(0);

    // English: every label in English, no internal key on screen
    await sw.evaluate(async () => chrome.storage.sync.set({ language: 'en' }));
    await panel.setViewportSize({ width: 1280, height: 400 });
    await panel.reload();
    await panel.getByRole('tab', { name: 'Compare' }).click();
    const en = panel.locator('[data-testid="compare-main"][data-pair="loggedIn"]');
    await expect(en.locator('tr.diff .mark').first()).toHaveText('Check');
    for (const slot of SLOTS) await expect(panel.locator(`[data-slot="${slot}"]`), slot).toBeInViewport({ ratio: 1 });
    expect(await scroll()).toEqual({ page: 0, records: 0 });
    await expect(panel.locator('.compare-view')).not.toContainText(/[\u3040-\u30ff]/);
    // no row is named by its key (`env`, `/e2e-four [logged-in] loginKey`, `findings (errors / warnings / infos)` …)
    const named = await en.locator('tbody tr[data-aspect]').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-aspect')!, r.querySelector('th')!.textContent!]));
    expect(named.length).toBeGreaterThan(5);
    for (const [aspect, label] of named) {
      expect(label).not.toBe(aspect);
      expect(label).not.toBe(aspect.replace(/^\S+( \[[a-z-]+\])? /, ''));
      expect(label).not.toMatch(/\[logged-|^findings \(|^finding /);
    }
    await axeBoth(panel, 'en, four records compared');
    for (const slot of SLOTS.slice(1)) {
      await panel.locator(`[data-slot="${slot}"]`).getByRole('button', { name: /^Remove/ }).press('Enter');
      // removed from the keyboard: the focus lands on the slot's own record button
      await expect(panel.locator(`[data-slot="${slot}"]`).getByRole('button', { name: /^Record this page/ })).toBeFocused();
    }
    await expect(panel.locator('[data-recorded="true"]')).toHaveCount(1);
    await axeBoth(panel, 'en, one record');
    await panel.locator('[data-slot="staging-in"]').getByRole('button', { name: /^Remove/ }).click();
    await expect(panel.locator('[data-recorded="true"]')).toHaveCount(0);
    await axeBoth(panel, 'en, empty');
  } finally {
    for (const drop of drops.values()) drop();
    await sw.evaluate(async () => chrome.storage.sync.remove('language'));
    await clearRecordings(ext);
  }
});
