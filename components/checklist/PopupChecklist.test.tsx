// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { zendeskTokenRetirement } from '@/utils/core/checklists/luxliner-integrations';
import type { ChecklistProgress } from '@/utils/core/checklists/progress';
import type { CrossPageStore } from '@/utils/core/checklists/cross-page';
import type { ChecklistHost } from '@/utils/ext/checklist-host';
import type { CompanionConfig } from '@/utils/ext/checklist-sync';
import { lineLiveItems, luxlinerLiveItems } from '@/utils/live/items';
import type { LiveContext, LiveRequest } from '@/utils/live/run';
import { PopupChecklist } from './PopupChecklist';

afterEach(cleanup);

const fixture = (name: string) => readFileSync(join(__dirname, '..', '..', 'tests', 'fixtures', 'settings', `${name}.html`), 'utf8');
const OAM_RESPONSE = 'https://manager.line.biz/account/@123abcde/setting/response';
const OAM_API = 'https://manager.line.biz/account/@123abcde/setting/messaging-api';
const ECAI = 'https://admin.ecai.example.jp/bots/12/line-accounts/3/edit';
const SECRET = '0123456789abcdef0123456789abcdef';

/** The browser as the popup sees it, in memory: one storage shared by every "popup opening". */
function fakeBrowser(opts: { companion?: CompanionConfig; fetch?: typeof fetch; ecai?: string[] } = {}) {
  const storage = new Map<string, string>();
  const put = (k: string, v: unknown): void => {
    storage.set(k, JSON.stringify(v));
  };
  const get = (k: string): unknown => (storage.has(k) ? JSON.parse(storage.get(k)!) : undefined);
  const live: { req: LiveRequest; ctx: LiveContext }[] = [];
  let liveAnswer: (req: LiveRequest, ctx: LiveContext) => ReturnType<ChecklistHost['runLive']> = async () => [];
  const host = (page: { html: string; url: string } | null): ChecklistHost => ({
    readPage: async () => page,
    hosts: async () => ({ ecai: opts.ecai ?? ['admin.ecai.example.jp'], luxliner: [] }),
    salt: async () => 'fake-installation-salt-0001',
    loadStore: async () => get('store'),
    saveStore: async (s: CrossPageStore) => put('store', s),
    loadSite: async () => (get('site') as string | undefined) ?? 'default',
    saveSite: async (s) => put('site', s),
    loadProgress: async (site, id) => get(`progress:${site}:${id}`),
    saveProgress: async (p: ChecklistProgress) => put(`progress:${p.site}:${p.checklistId}`, p),
    companion: async () => opts.companion,
    fetch: opts.fetch ?? (async () => Promise.reject(new Error('no network in this test'))),
    runLive: (req, ctx) => {
      live.push({ req, ctx });
      return liveAnswer(req, ctx);
    },
  });
  return {
    host,
    storage,
    live,
    setLive(f: typeof liveAnswer) {
      liveAnswer = f;
    },
    progress: (site: string, id: string) => get(`progress:${site}:${id}`) as ChecklistProgress | undefined,
  };
}

const item = (id: string) => document.querySelector<HTMLElement>(`li[data-item-id="${id}"]`);

async function open(host: ChecklistHost, lang: 'ja' | 'en' = 'ja') {
  const r = render(<PopupChecklist host={host} lang={lang} />);
  await waitFor(() => expect(r.container.querySelector('[data-checklist-id]')).not.toBeNull());
  return r;
}

describe('PopupChecklist', () => {
  it('shows nothing on a page that is not a settings page, or where the tab does not answer', async () => {
    const b = fakeBrowser();
    const a = render(<PopupChecklist host={b.host({ html: '<html><body><h1>ようこそ</h1><p>ショップ</p></body></html>', url: 'https://shop.example.jp/' })} lang="ja" />);
    await waitFor(() => expect(a.container.querySelector('[data-checklist-status="none"]')).not.toBeNull());
    expect(a.container.textContent).toBe('');
    a.unmount();
    const c = render(<PopupChecklist host={b.host(null)} lang="ja" />);
    await waitFor(() => expect(c.container.querySelector('[data-checklist-status="none"]')).not.toBeNull());
    expect(c.container.textContent).toBe('');
    expect(b.storage.size).toBe(0);
  });

  it("OAM 応答設定: each item's state, the failing one with its fix, progress kept locally (and it says so)", async () => {
    const b = fakeBrowser();
    await open(b.host({ html: fixture('oam-response-switches'), url: OAM_RESPONSE }));
    expect(item('chat-off')!.dataset.state).toBe('pass');
    expect(item('webhook-on')!.dataset.state).toBe('pass');
    expect(item('greeting-off')!.dataset.state).toBe('fail');
    expect(item('greeting-off')!.dataset.ruleId).toBe('ecai-line-connect/greeting-off');
    expect(item('greeting-off')!.textContent).toContain('直し方');
    expect(item('account-name')!.dataset.state).toBe('unknown');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('3');
    expect(document.querySelector('[data-next-item]')!.getAttribute('data-next-item')).toBe('greeting-off');
    await waitFor(() => expect(document.querySelector('[data-sync="local"]')).not.toBeNull());
    expect(document.querySelector('[data-sync="local"]')!.textContent).toContain('このブラウザにだけ保存');
    const stored = b.progress('default', 'ecai-line-connect')!;
    expect(stored.items['greeting-off']).toMatchObject({ state: 'fail', ruleId: 'ecai-line-connect/greeting-off' });
    // the operator can choose another checklist that reads this page (連携解除)
    const select = screen.getByLabelText('チェックリスト') as HTMLSelectElement;
    await act(async () => {
      fireEvent.change(select, { target: { value: 'ecai-unlink' } });
    });
    await waitFor(() => expect(document.querySelector('[data-checklist-id="ecai-unlink"]')).not.toBeNull());
    expect(item('oam-chat-on')!.dataset.state).toBe('fail');
  });

  it('a manual tick is stored and still there when the popup opens again; an untick is recorded too', async () => {
    const b = fakeBrowser();
    const page = { html: fixture('oam-response-switches'), url: OAM_RESPONSE };
    const first = await open(b.host(page));
    const box = within(item('line-oa-created')!).getByRole('checkbox', { name: /^完了にする/ });
    await act(async () => {
      fireEvent.click(box);
    });
    expect(item('line-oa-created')!.dataset.state).toBe('manual-done');
    await waitFor(() => expect(b.progress('default', 'ecai-line-connect')!.items['line-oa-created']?.state).toBe('manual-done'));
    first.unmount();

    await open(b.host(page));
    expect(item('line-oa-created')!.dataset.state).toBe('manual-done');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('4');
    await act(async () => {
      fireEvent.click(within(item('line-oa-created')!).getByRole('checkbox'));
    });
    expect(item('line-oa-created')!.dataset.state).toBe('unknown');
    await waitFor(() => expect(b.progress('default', 'ecai-line-connect')!.items['line-oa-created']).toMatchObject({ state: 'unknown', by: 'manual' }));
  });

  it("cross-page: ECAI's issued Webhook URL, then LINE's different one fails webhook-url-set; nothing secret is stored", async () => {
    const b = fakeBrowser();
    const ecai = await open(b.host({ html: fixture('ecai-account-table'), url: ECAI }));
    expect(item('webhook-issued')!.dataset.state).toBe('pass');
    expect(document.querySelector('[data-captured]')!.getAttribute('data-captured')).toContain('ecai.webhookUrl');
    ecai.unmount();
    await open(b.host({ html: fixture('oam-messaging-api'), url: OAM_API }));
    expect(item('webhook-url-set')!.dataset.state).toBe('fail');
    expect(item('webhook-url-set')!.textContent).toContain('一致しません');
    const all = [...b.storage.values()].join('\n');
    expect(all).not.toContain('8f3k2j');
    expect(all).not.toContain('OLD999');
    expect(all).not.toContain(SECRET);
  });

  it('the ECAI host configured in the options is what makes a sparse ECAI page recognised', async () => {
    const sparse = '<html><body><h1>LINE公式アカウント編集</h1><label for=a>LINEアカウント名</label><input id=a value="ショップ"></body></html>';
    const configured = fakeBrowser({ ecai: ['admin.ecai.example.jp'] });
    await open(configured.host({ html: sparse, url: ECAI }));
    expect(item('account-name')!.dataset.state).toBe('pass');
    cleanup();
    const other = fakeBrowser({ ecai: [] });
    const r = render(<PopupChecklist host={other.host({ html: sparse, url: ECAI })} lang="ja" />);
    await waitFor(() => expect(r.container.querySelector('[data-checklist-status="none"]')).not.toBeNull());
    expect(r.container.querySelector('[data-checklist-id]')).toBeNull();
  });

  it('a live LINE check with credentials typed for it: items updated, the secret never stored', async () => {
    const b = fakeBrowser();
    const ecai = await open(b.host({ html: fixture('ecai-account-table'), url: ECAI }));
    ecai.unmount();
    b.setLive(async (_req, ctx) =>
      lineLiveItems(
        {
          authenticated: true,
          bot: { ok: true, value: { chatMode: 'chat', markAsReadMode: 'auto', displayName: 'shop', basicId: '@shop' } },
          webhook: { ok: true, value: { endpointMasked: 'https://ecai.example.jp/li****2j', endpointFingerprint: 'fp:0000000000000000', empty: false, active: true, matchesEcai: false } },
        },
        ctx.checklistId,
        ctx.lang,
      ),
    );
    await open(b.host({ html: fixture('oam-response-switches'), url: OAM_RESPONSE }));
    expect(item('chat-off')!.dataset.state).toBe('pass');
    fireEvent.change(screen.getByLabelText('Channel ID'), { target: { value: '1656012345' } });
    fireEvent.change(screen.getByLabelText('Channel secret'), { target: { value: SECRET } });
    await act(async () => {
      fireEvent.submit(screen.getByRole('button', { name: '確認する' }).closest('form')!);
    });
    await waitFor(() => expect(item('chat-off')!.dataset.state).toBe('fail'));
    expect(item('webhook-url-set')!.dataset.state).toBe('fail');
    expect(b.live).toHaveLength(1);
    expect(b.live[0]!.req).toEqual({ service: 'line', channelId: '1656012345', channelSecret: SECRET });
    // ECAI's Webhook URL fingerprint (captured on the ECAI page) goes to the live check for comparison
    expect(b.live[0]!.ctx.ecaiWebhookFingerprint).toMatch(/^fp:[0-9a-f]{16}$/);
    await waitFor(() => expect(b.progress('default', 'ecai-line-connect')!.items['chat-off']).toMatchObject({ state: 'fail', by: 'live' }));
    expect([...b.storage.values()].join('\n')).not.toContain(SECRET);
  });

  it('with a companion: reads, saves with If-Match, and on 409 merges per item and says who changed what', async () => {
    const calls: { method: string; url: string; ifMatch?: string; body?: unknown }[] = [];
    let version = 0;
    let conflictOnce = true;
    const otherTick = { id: 'friend-test', state: 'manual-done', updatedAt: '2099-01-01T00:00:00.000Z', by: 'manual' };
    const fetchFake = (async (url: string, init?: RequestInit) => {
      const headers = (init?.headers ?? {}) as Record<string, string>;
      const method = init?.method ?? 'GET';
      calls.push({ method, url, ifMatch: headers['if-match'], body: init?.body ? JSON.parse(String(init.body)) : undefined });
      expect(headers.authorization).toBe('Bearer tok-123');
      if (method === 'GET') return new Response(JSON.stringify({ items: [], version, updatedAt: null }), { status: 200 });
      const body = JSON.parse(String(init!.body)) as { items: unknown[] };
      if (conflictOnce && version === 1) {
        conflictOnce = false;
        version = 2;
        return new Response(JSON.stringify({ error: 'conflict', message: 'x', message_ja: 'x', current: { items: [otherTick], version: 2, updatedAt: null } }), { status: 409 });
      }
      expect(headers['if-match']).toBe(`"${version}"`);
      version += 1;
      return new Response(JSON.stringify({ items: body.items, version, updatedAt: null }), { status: 200 });
    }) as unknown as typeof fetch;
    const b = fakeBrowser({ companion: { url: 'https://companion.example.jp/', token: 'tok-123' }, fetch: fetchFake });
    await open(b.host({ html: fixture('oam-response-switches'), url: OAM_RESPONSE }));
    await waitFor(() => expect(document.querySelector('[data-sync="synced"]')).not.toBeNull());
    expect(calls.map((c) => `${c.method} ${c.ifMatch ?? ''}`)).toEqual(['GET ', 'PUT "0"']);
    expect(calls[0]!.url).toBe('https://companion.example.jp/v1/checklists/default/ecai-line-connect');
    // only states go to the server
    expect(JSON.stringify(calls[1]!.body)).not.toMatch(/https?:|1656012345/);

    await act(async () => {
      fireEvent.click(within(item('line-oa-created')!).getByRole('checkbox'));
    });
    await waitFor(() => expect(document.querySelector('[data-sync="conflict"]')).not.toBeNull());
    expect(calls.slice(2).map((c) => `${c.method} ${c.ifMatch}`)).toEqual(['PUT "1"', 'PUT "2"']);
    const changed = document.querySelector('[data-changed-item="friend-test"]')!;
    expect(changed.textContent).toContain('完了(手動)');
    expect(changed.textContent).toContain('manual');
    expect(changed.getAttribute('data-taken')).toBe('true');
    // both ticks survive: ours and the other operator's
    expect(item('friend-test')!.dataset.state).toBe('manual-done');
    expect(item('line-oa-created')!.dataset.state).toBe('manual-done');
    const last = calls.at(-1)!.body as { items: { id: string }[] };
    expect(last.items.map((i) => i.id)).toEqual(expect.arrayContaining(['friend-test', 'line-oa-created']));
    await waitFor(() => expect(b.progress('default', 'ecai-line-connect')!.remoteVersion).toBe(3));
  });

  it('a companion that cannot be reached: it says so and keeps the progress locally', async () => {
    const b = fakeBrowser({ companion: { url: 'https://companion.example.jp', token: 't' }, fetch: (async () => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch });
    await open(b.host({ html: fixture('oam-response-switches'), url: OAM_RESPONSE }), 'en');
    await waitFor(() => expect(document.querySelector('[data-sync="error"]')).not.toBeNull());
    expect(document.querySelector('[data-sync="error"]')!.textContent).toContain('cannot connect');
    expect(b.progress('default', 'ecai-line-connect')!.items['greeting-off']!.state).toBe('fail');
  });

  it('the site key groups pages: another name starts its own progress', async () => {
    const b = fakeBrowser();
    await open(b.host({ html: fixture('oam-response-switches'), url: OAM_RESPONSE }));
    const input = screen.getByLabelText('連携の名前') as HTMLInputElement;
    // nothing named yet: an empty field with a placeholder (not `default`), and what empty means
    expect(input.value).toBe('');
    expect(input.placeholder).toBe('例: shop-a');
    expect(input.getAttribute('aria-invalid')).toBeNull();
    expect(document.getElementById(input.getAttribute('aria-describedby')!)!.textContent).toContain('空欄のときは');
    fireEvent.change(input, { target: { value: 'not valid!' } });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(input, { target: { value: 'shop-b' } });
    await act(async () => {
      fireEvent.blur(input);
    });
    await waitFor(() => expect(document.querySelector('[data-checklist-site="shop-b"]')).not.toBeNull());
    await waitFor(() => expect(b.progress('shop-b', 'ecai-line-connect')?.items['greeting-off']?.state).toBe('fail'));
    expect(JSON.parse(b.storage.get('site')!)).toBe('shop-b');
    // emptied again: back to the shared record, saved as such, the field stays empty
    fireEvent.change(input, { target: { value: '  ' } });
    expect(input.getAttribute('aria-invalid')).toBeNull();
    await act(async () => {
      fireEvent.blur(input);
    });
    await waitFor(() => expect(document.querySelector('[data-checklist-site="default"]')).not.toBeNull());
    expect(JSON.parse(b.storage.get('site')!)).toBe('default');
    expect(input.value).toBe('  ');
  });

  it('a named site shows its name in the field; the phase is reported to the popup', async () => {
    const b = fakeBrowser();
    b.storage.set('site', JSON.stringify('shop-c'));
    const phases: string[] = [];
    const r = render(<PopupChecklist host={b.host({ html: fixture('oam-response-switches'), url: OAM_RESPONSE })} lang="en" onPhase={(p) => phases.push(p)} />);
    await waitFor(() => expect(r.container.querySelector('[data-checklist-id]')).not.toBeNull());
    expect((screen.getByLabelText('Integration name') as HTMLInputElement).value).toBe('shop-c');
    expect(phases[0]).toBe('loading');
    expect(phases.at(-1)).toBe('ready');
    // the items of this page come first
    expect(within(screen.getByRole('list', { name: 'Items this page can check' })).getAllByRole('listitem').map((li) => li.dataset.itemId)).toEqual([
      'chat-off',
      'greeting-off',
      'webhook-on',
      'auto-response-off',
    ]);
  });
  it('Luxliner: the Chatwork and Zendesk live checks are offered; a Zendesk answer for an anonymous user fails the token', async () => {
    const b = fakeBrowser();
    b.setLive(async (req, ctx) => {
      expect(req.service).toBe('zendesk');
      return luxlinerLiveItems({ zendesk: { authenticated: false, anonymous: true, retirement: zendeskTokenRetirement(Date.parse('2026-11-22T00:00:00Z')) } }, ctx.lang);
    });
    const html = fixture('luxliner-integrations-ok');
    const r = render(<PopupChecklist host={{ ...b.host({ html, url: 'https://members.example.com/luxliner/admin/external' }), hosts: async () => ({ ecai: [], luxliner: ['members.example.com'] }) }} lang="ja" />);
    await waitFor(() => expect(r.container.querySelector('[data-checklist-id="luxliner-integrations"]')).not.toBeNull());
    expect(item('zendesk-token')!.dataset.state).toBe('pass');
    expect(screen.getByText('Chatwork APIで確認')).toBeTruthy();
    const zendesk = screen.getByText('Zendesk APIで確認').closest('form')!;
    fireEvent.change(within(zendesk).getByLabelText('サブドメイン'), { target: { value: 'myshop' } });
    fireEvent.change(within(zendesk).getByLabelText('メールアドレス'), { target: { value: 'ops@example.jp' } });
    fireEvent.change(within(zendesk).getByLabelText('APIトークン'), { target: { value: 'zd-token-abcdef123456' } });
    await act(async () => {
      fireEvent.submit(zendesk);
    });
    await waitFor(() => expect(item('zendesk-token')!.dataset.state).toBe('fail'));
    expect([...b.storage.values()].join('\n')).not.toContain('zd-token-abcdef123456');
  });
});
