/**
 * The Compare tab's browser-test helpers: recording the wizard's slots from real pages served by
 * the fixture server (staging and production, logged in and logged out).
 */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import type { FixtureServer } from './server';

type Chrome = { storage: { local: { get(k: string): Promise<Record<string, unknown>>; remove(k: string | string[]): Promise<void> } } };
declare const chrome: Chrome;

interface Ext {
  worker(): Promise<{ evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> }>;
  capture(tabId: number): Promise<{ session: { pages: { url: string }[]; requests: { url: string }[] } }>;
}

export const STAGING = 'stg.shop.example.jp';
export const PRODUCTION = 'shop.example.jp';
export const SLOTS = ['staging-in', 'staging-out', 'production-in', 'production-out'] as const;

/** One page at one path, as the site serves it logged in (with or without linkage) or logged out (the plain tag). */
export function accountPage(state: 'in' | 'out', opts: { linkage?: boolean; key?: string } = {}): string {
  const linkage = state === 'in' && opts.linkage !== false ? 'OkskyChat("loginKey", "customer_id");\nOkskyChat("customer_id", "A1234567");\n' : '';
  const header = state === 'in' ? '<a href="/logout">ログアウト</a>' : '<a href="/login">ログイン</a>';
  return `<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>アカウント</title></head><body>
<header><a href="/">こぶなショップ</a> ${header}</header><main><h1>アカウント</h1></main>
<script>
!function(t,e,o,n){var i=function(t,e){i.q.push([t,e])};t.OkskyChat=i,i.q=[],o=e.createElement("script"),o.async=1,o.src="https://kobuna-s-001.okskychat.net/widget/widget.js",n=e.getElementsByTagName("script")[0],n.parentNode.insertBefore(o,n)}(window,document);
OkskyChat("key", "${opts.key ?? 'kobuna-s-001-prd01'}");
${linkage}</script></body></html>`;
}

/** The recorded slot as stored: its page URL and whether its tag sends linkage. */
export async function recorded(ext: Ext, slot: string): Promise<{ url?: string; linkage?: boolean } | undefined> {
  const sw = await ext.worker();
  return sw.evaluate(async (s: string) => {
    const r = (await chrome.storage.local.get('recordings')).recordings as { slots: Record<string, { snapshot: { pages: { url: string; tags: { linkage?: boolean }[] }[] } } | undefined> } | undefined;
    const p = r?.slots[s]?.snapshot.pages[0];
    return p ? { url: p.url, linkage: p.tags[0]?.linkage } : undefined;
  }, slot);
}

export async function clearRecordings(ext: Ext): Promise<void> {
  const sw = await ext.worker();
  await sw.evaluate(async () => chrome.storage.local.remove('recordings'), undefined);
}

/**
 * Serves the page of `slot` at `path` (staging's logged-in page lacks the linkage lines), opens it
 * in the tab and records it with the wizard (the panel coalesces capture updates: it records
 * again until the slot holds this page).
 */
export async function recordSlot(args: { page: Page; panel: Page; server: FixtureServer; ext: Ext; tabId: number; slot: (typeof SLOTS)[number]; path: string; drops: Map<string, () => void> }): Promise<void> {
  const { page, panel, server, ext, tabId, slot, path, drops } = args;
  const host = slot.startsWith('staging') ? STAGING : PRODUCTION;
  const state = slot.endsWith('-in') ? 'in' : 'out';
  const linkage = state === 'in' && host === PRODUCTION;
  drops.get(host)?.();
  drops.set(host, server.page(host, path, accountPage(state, { linkage, key: host === STAGING ? 'kobuna-s-001-stg01' : 'kobuna-s-001-prd01' })));
  const url = server.url(host, path);
  const pages = async () => (await ext.capture(tabId)).session.pages.length;
  const before = await pages();
  await page.goto(url);
  await expect.poll(pages).toBeGreaterThan(before);
  await expect.poll(async () => (await ext.capture(tabId)).session.pages.at(-1)?.url).toBe(url);
  const card = panel.locator(`[data-slot="${slot}"]`);
  await expect(async () => {
    await card.getByRole('button', { name: /このページを記録|記録し直す|Record this page|Record again/ }).click();
    expect(await recorded(ext, slot)).toEqual({ url, linkage });
  }).toPass({ timeout: 60_000 });
  await expect(card).toHaveAttribute('data-recorded', 'true');
}
