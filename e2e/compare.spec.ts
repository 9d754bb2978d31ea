/**
 * The Compare tab with the REAL companion API on loopback: a vendor records the staging and the
 * production page with the recording wizard, uploads both, compares them from the companion's
 * list (compare/linkage-missing: staging's My page sends no linkage; compare/key-differs), creates a share link and
 * opens it in the panel.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { Snapshot } from '../utils/core/snapshot';
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
  await card.getByRole('button', { name: 'このページを記録' }).click();
  await expect(card).toHaveAttribute('data-recorded', 'true');
}

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
    await expect(panel.locator('[data-slot="staging-in"]')).toContainText('https://stg.shop.example.jp/compare-mypage');

    // the same tab moves to production: the capture follows, the staging record stays
    await page.goto(server.url('shop.example.jp', '/compare-mypage'));
    await expect.poll(async () => (await ext.capture(tabId)).session.pages.at(-1)?.url).toBe(server.url('shop.example.jp', '/compare-mypage'));
    await expect.poll(async () => (await ext.capture(tabId)).session.requests.filter((r) => r.url.endsWith('/login')).length).toBeGreaterThan(0);
    // the panel coalesces capture updates: record again until the slot holds the production page
    await expect(async () => {
      await record(panel, 'production-in');
      await expect(panel.locator('[data-slot="production-in"]')).toContainText('https://shop.example.jp/compare-mypage', { timeout: 5_000 });
    }).toPass({ timeout: 60_000 });

    // the four-record view: staging vs production, logged in
    const pair = panel.locator('[data-pair="loggedIn"]');
    await expect(pair.locator('article[data-rule-id="compare/linkage-missing"]')).toHaveAttribute('data-severity', 'error');
    await expect(pair.locator('tr.diff').first()).toBeVisible();

    // the records survive a reload of the panel (extension storage)
    await panel.reload();
    await panel.getByRole('tab', { name: '比較' }).click();
    await expect(panel.locator('[data-slot="staging-in"]')).toHaveAttribute('data-recorded', 'true');
    await expect(panel.locator('[data-slot="production-in"]')).toHaveAttribute('data-recorded', 'true');

    // upload both
    for (const slot of ['staging-in', 'production-in']) {
      const card = panel.locator(`[data-slot="${slot}"]`);
      await card.getByRole('button', { name: '共有サーバーに保存' }).click();
      await expect(panel.getByTestId('compare-status')).toContainText('共有サーバーに保存しました');
      await expect(card.locator('[data-companion-id]')).toHaveAttribute('data-companion-id', /^sn_/);
    }
    const stgId = (await panel.locator('[data-slot="staging-in"] [data-companion-id]').getAttribute('data-companion-id'))!;
    const prodId = (await panel.locator('[data-slot="production-in"] [data-companion-id]').getAttribute('data-companion-id'))!;

    // the server compares them the same way
    const auth = { Authorization: `Bearer ${companion.token}` };
    const cmp = (await (await fetch(`${companion.url}/v1/compare?a=${stgId}&b=${prodId}`, { headers: auth })).json()) as { findings: { ruleId: string }[] };
    expect(cmp.findings.map((f) => f.ruleId)).toContain('compare/linkage-missing');

    // compare from the companion's list in the Compare tab
    await panel.getByRole('textbox', { name: '環境', exact: true }).fill('staging');
    await panel.getByRole('button', { name: '一覧を読み込む' }).click();
    const stgItem = panel.locator(`[data-snapshot-id="${stgId}"]`);
    await expect(stgItem).toBeVisible();
    await expect(panel.locator(`[data-snapshot-id="${prodId}"]`)).toHaveCount(0);
    await stgItem.getByRole('button', { name: '記録 A に読み込む' }).click();
    await expect(panel.locator('[data-side="a"]')).toHaveAttribute('data-env', 'staging');
    await panel.getByRole('textbox', { name: '環境', exact: true }).fill('production');
    await panel.getByRole('button', { name: '一覧を読み込む' }).click();
    await panel.locator(`[data-snapshot-id="${prodId}"]`).getByRole('button', { name: '記録 B に読み込む' }).click();
    await expect(panel.locator('[data-side="b"]')).toHaveAttribute('data-env', 'production');
    const main = panel.getByTestId('compare-main');
    await expect(main.locator('article[data-rule-id="compare/linkage-missing"]')).toHaveAttribute('data-severity', 'error');
    await expect(main.locator('article[data-rule-id="compare/key-differs"]')).toHaveAttribute('data-severity', 'warning');
    await expect(main.locator('tr[data-aspect="env"]')).toHaveAttribute('data-same', 'false');
    await expect(main.locator('tr[data-aspect="site"]')).toHaveClass('diff');

    // share A, then the link works without a token and the panel opens it
    await panel.locator('[data-side="a"]').getByRole('button', { name: '共有リンクを作ってコピー' }).click();
    const link = (await panel.getByTestId('share-url').textContent())!.trim();
    expect(link).toMatch(new RegExp(`^${companion.url.replace(/[.:/]/g, '\\$&')}/v1/shared/rks_[A-Za-z0-9_-]{43}$`));
    const shared = await fetch(link);
    expect(shared.status).toBe(200);
    const body = (await shared.json()) as { id: string; snapshot: unknown };
    expect(body.id).toBe(stgId);
    expect(Snapshot.parse(body.snapshot).site).toBe('stg.shop.example.jp');
    await panel.getByRole('radio', { name: /記録 B/ }).check();
    await panel.getByLabel('共有リンクまたはトークン（rks_…）').fill(link);
    await panel.getByRole('button', { name: '開く', exact: true }).click();
    await expect(panel.locator('[data-side="b"]')).toContainText('共有リンク');
    await expect(panel.locator('[data-side="b"]')).toContainText('stg.shop.example.jp');
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

/** One page of production at one path, as the site serves it logged in (linkage) or logged out (the plain tag). */
function accountPage(state: 'in' | 'out'): string {
  const linkage = state === 'in' ? 'OkskyChat("loginKey", "customer_id");\nOkskyChat("customer_id", "A1234567");\n' : '';
  const header = state === 'in' ? '<a href="/logout">ログアウト</a>' : '<a href="/login">ログイン</a>';
  return `<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>アカウント</title></head><body>
<header><a href="/">こぶなショップ</a> ${header}</header><main><h1>アカウント</h1></main>
<script>
!function(t,e,o,n){var i=function(t,e){i.q.push([t,e])};t.OkskyChat=i,i.q=[],o=e.createElement("script"),o.async=1,o.src="https://kobuna-s-001.okskychat.net/widget/widget.js",n=e.getElementsByTagName("script")[0],n.parentNode.insertBefore(o,n)}(window,document);
OkskyChat("key", "kobuna-s-001-prd01");
${linkage}</script></body></html>`;
}

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

    const pair = panel.locator('[data-pair="productionStates"]');
    await expect(pair).toContainText('本番: ログイン中 ⇄ ログアウト中');
    await expect(pair.locator('article[data-rule-id="compare/login-state-differs"]')).toHaveAttribute('data-severity', 'info');
    await expect(pair.locator('article[data-severity="error"]')).toHaveCount(0);
    await expect(pair.locator('article[data-rule-id="compare/query-empty-on-one-side"]')).toHaveCount(0);
    await expect(pair).not.toContainText('環境によって');
    // the login-state differences are shown muted, with the reason, and not counted as differences
    await expect(pair.locator('tr[data-aspect="/e2e-account /login query"]')).toHaveClass('expected');
    await expect(pair.locator('tr[data-aspect="login state"]')).toContainText('想定どおりの違いです');
    await expect(pair.locator('tr[data-aspect="/e2e-account loginKey"]')).toHaveClass('expected');
    await expect(pair.locator('tr[data-aspect="/e2e-account linkage"]')).toHaveClass('expected');
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
    await panel.getByRole('button', { name: '一覧を読み込む' }).click();
    await expect(panel.getByRole('alert')).toContainText('トークンが正しくないか、無効化されています');
  } finally {
    await companion.stop();
    const sw = await ext.worker();
    await sw.evaluate(async () => {
      await (globalThis as unknown as { chrome: { storage: { local: { remove(k: string): Promise<void> } } } }).chrome.storage.local.remove('companion');
    });
  }
});
