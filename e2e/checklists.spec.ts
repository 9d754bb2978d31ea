/**
 * Operator checklists on settings pages in a real browser: our fixture settings pages
 * (tests/fixtures/settings, the documents' labels in our own markup) served under the real LINE
 * console hosts through the host mapping; the page as the operator sees it (typed values and
 * toggles included) is snapshotted in Chromium and evaluated by the same core as the popup and the
 * CLI. No vendor is contacted.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { analyzeSettingsPage } from '../utils/core/checklists/analyze';
import { snapshotSettingsHtml } from '../utils/core/checklists/dom-snapshot';
import { test, expect } from './fixtures';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fixtures', 'settings');
const fixture = (name: string) => readFileSync(join(DIR, `${name}.html`), 'utf8');
const expected = (name: string) => JSON.parse(readFileSync(join(DIR, `${name}.expected.json`), 'utf8')) as { url: string; pass: string[]; fail: string[]; checklistId: string; page: string };

const SALT = 'e2e-salt';

async function snapshot(page: Page): Promise<string> {
  return page.evaluate(`(${snapshotSettingsHtml.toString()})(document)`) as Promise<string>;
}

function states(html: string, url: string, store?: unknown, hosts?: { ecai?: string[] }) {
  const r = analyzeSettingsPage(html, url, { salt: SALT, lang: 'ja', store, hosts, now: Date.parse('2026-11-22T00:00:00Z') });
  expect(r, `recognised ${url}`).not.toBeNull();
  return { r: r!, state: Object.fromEntries(r!.items.map((i) => [i.itemId, i.state])) };
}

for (const name of ['oam-response-radios', 'oam-response-checkboxes', 'oam-response-switches', 'oam-messaging-api', 'developers-login-channel']) {
  test(`${name}: read by its labels in Chromium on the LINE host`, async ({ page, server }) => {
    const exp = expected(name);
    const u = new URL(exp.url);
    server.page(u.hostname, u.pathname, fixture(name));
    await page.goto(server.url(u.hostname, u.pathname));
    const { r, state } = states(await snapshot(page), page.url());
    expect(r.checklistId).toBe(exp.checklistId);
    expect(r.page).toBe(exp.page);
    for (const id of exp.pass) expect(state[id], id).toBe('pass');
    for (const id of exp.fail) expect(state[id], id).toBe('fail');
    expect(r.findings.map((f) => f.ruleId).sort()).toEqual(exp.fail.map((id) => `${exp.checklistId}/${id}`).sort());
  });
}

test('toggling 応答設定 in the page is what counts, not the HTML the server sent', async ({ page, server }) => {
  const path = '/account/@123abcde/setting/response';
  server.page('manager.line.biz', path, fixture('oam-response-checkboxes'));
  await page.goto(server.url('manager.line.biz', path));
  expect(states(await snapshot(page), page.url()).state['chat-off']).toBe('fail');
  await page.getByLabel('チャット', { exact: true }).uncheck();
  await page.getByLabel('Webhook', { exact: true }).check();
  const after = states(await snapshot(page), page.url()).state;
  expect(after['chat-off']).toBe('pass');
  expect(after['webhook-on']).toBe('pass');
  // the markup alone still shows the old state: reading outerHTML would be wrong
  const raw = states(await page.content(), page.url()).state;
  expect(raw['chat-off']).toBe('fail');
});

test('cross-page: ECAI\'s Webhook URL compared with the one pasted in LINE, fixed in the page', async ({ page, server }) => {
  // ECAI's admin host differs per customer: configured in the options (here admin.ecai.example.jp)
  const hosts = { ecai: ['admin.ecai.example.jp'] };
  server.page('admin.ecai.example.jp', '/bots/12/line-accounts/3/edit', fixture('ecai-account-table'));
  await page.goto(server.url('admin.ecai.example.jp', '/bots/12/line-accounts/3/edit'));
  const ecai = states(await snapshot(page), page.url(), undefined, hosts);
  expect(ecai.state['webhook-issued']).toBe('pass');
  expect(JSON.stringify(ecai.r.store)).not.toContain('0123456789abcdef0123456789abcdef');

  const path = '/account/@123abcde/setting/messaging-api';
  server.page('manager.line.biz', path, fixture('oam-messaging-api'));
  await page.goto(server.url('manager.line.biz', path));
  const before = states(await snapshot(page), page.url(), ecai.r.store);
  expect(before.state['webhook-url-set']).toBe('fail');
  expect(before.r.findings.find((f) => f.ruleId === 'ecai-line-connect/webhook-url-set')!.message).toContain('一致しません');

  await page.getByLabel('Webhook URL').fill('https://ecai.example.jp/line/webhook/8f3k2j');
  const after = states(await snapshot(page), page.url(), ecai.r.store);
  expect(after.state['webhook-url-set']).toBe('pass');
  expect(after.state['login-channel-is-messaging-api']).toBe('pass');
});
