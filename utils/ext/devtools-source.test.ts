import { describe, expect, it, vi } from 'vitest';
import type { TabCapture } from '../ui/source';
import { createDevtoolsSessionSource, type DevtoolsApi } from './devtools-source';
import { PROBE_SOURCE } from './probe-source';

const TAG_HTML = `<!DOCTYPE html>
<html><head><title>マイページ</title></head><body><a href="/logout">ログアウト</a>
<script>
OkskyChat("key", "kobuna-s-001-0D5ACD179B043831");
OkskyChat("loginKey", "customer_id");
OkskyChat("customer_id", "A1234567");
</script></body></html>`;

const harEntry = (url: string, method: string, time: string, postData?: string) => ({
  startedDateTime: time,
  time: 10,
  request: { method, url, headers: [], ...(postData ? { postData: { mimeType: 'application/json', text: postData } } : {}) },
  response: { status: 200, headers: [], content: { mimeType: 'text/javascript' } },
  _resourceType: method === 'POST' ? 'fetch' : 'script',
});

function fakeApi(overrides: Partial<DevtoolsApi> = {}) {
  const finished: ((e: unknown) => void)[] = [];
  const navigated: ((u: string) => void)[] = [];
  const reloads: string[] = [];
  let doc = { url: 'https://shop.example.jp/mypage', title: 'マイページ', html: TAG_HTML };
  let calls: unknown[] | null = null;
  const api: DevtoolsApi = {
    tabId: 42,
    eval: async <T,>(expr: string) => (expr.includes('outerHTML') ? doc : calls) as T,
    reload: (s) => reloads.push(s),
    getHAR: async () => ({
      entries: [
        harEntry('https://shop.example.jp/mypage', 'GET', '2026-01-01T00:00:00.000Z'),
        harEntry('https://kobuna-s-001.okskychat.net/widget/widget.js', 'GET', '2099-01-01T00:00:00.100Z'),
      ],
    }),
    onRequestFinished: (l) => finished.push(l),
    onNavigated: (l) => navigated.push(l),
    hasAccess: async () => false,
    now: () => Date.parse('2099-01-01T00:00:00.000Z'),
    ...overrides,
  };
  return {
    api,
    finished,
    navigated,
    reloads,
    setDoc: (d: typeof doc) => (doc = d),
    setCalls: (c: unknown[] | null) => (calls = c),
  };
}

async function latest(source: ReturnType<typeof createDevtoolsSessionSource>, tabId: number, ready: (c: TabCapture) => boolean) {
  let last: TabCapture | undefined;
  const off = source.subscribe(tabId, (c) => (last = c));
  await vi.waitFor(() => expect(last && ready(last)).toBe(true));
  off();
  return last!;
}

describe('createDevtoolsSessionSource', () => {
  it('builds a session from the HAR (vendor entries only) and the inspected document; site access withheld', async () => {
    const f = fakeApi();
    const source = createDevtoolsSessionSource(f.api);
    const c = await latest(source, 42, (c) => c.session.pages.length === 1);
    expect(c.siteAccess).toBe('withheld');
    expect(c.session.pages[0]).toMatchObject({ url: 'https://shop.example.jp/mypage', title: 'マイページ' });
    expect(c.session.pages[0]!.state.value).toBe('logged-in');
    expect(c.session.pages[0]!.scripts[0]!.text).toContain('OkskyChat("loginKey"');
    expect(c.session.requests.map((r) => r.url)).toEqual(['https://kobuna-s-001.okskychat.net/widget/widget.js']);
    expect(c.session.requests[0]!.pageId).toBe(c.session.pages[0]!.id);

    // the /login POST arrives later with its body
    f.finished.forEach((l) =>
      l(harEntry('https://kobuna-s-001.okskychat.net/rapi/v1/clients/k/login', 'POST', '2099-01-01T00:00:01.000Z', '{"key":"k","query":{"customer_id":"A1234567"}}')),
    );
    const after = await latest(source, 42, (c) => c.session.requests.length === 2);
    expect(after.session.requests[1]!.body).toBe('{"key":"k","query":{"customer_id":"A1234567"}}');
  });

  it('reads the probe records after a reload with the probe, and starts a new page on navigation', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const f = fakeApi();
      const source = createDevtoolsSessionSource(f.api);
      await latest(source, 42, (c) => c.session.pages.length === 1);
      source.reloadWithProbe();
      expect(f.reloads).toEqual([PROBE_SOURCE]);
      f.setCalls([
        { vendor: 'oksky', form: 'queue', name: 'key', args: [{ kind: 'string', value: 'k' }], global: 'OkskyChat', time: 1 },
        { vendor: 'evil' },
      ]);
      f.setDoc({ url: 'https://shop.example.jp/', title: 'トップ', html: '<html><body><a href="/login">ログイン</a></body></html>' });
      f.navigated.forEach((l) => l('https://shop.example.jp/'));
      await vi.advanceTimersByTimeAsync(2_000);
      const c = await latest(source, 42, (c) => c.session.pages.length === 2);
      expect(c.session.pages[1]!.runtimeCalls.map((r) => [r.name, r.origin])).toEqual([['key', 'runtime']]);
      expect(c.session.pages[1]!.state.value).toBe('logged-out');
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps overrides and clear locally; other tabs get an empty capture', async () => {
    const f = fakeApi({ hasAccess: async () => true });
    const source = createDevtoolsSessionSource(f.api);
    const c = await latest(source, 42, (c) => c.session.pages.length === 1);
    expect(c.siteAccess).toBe('granted');
    const id = c.session.pages[0]!.id;
    await source.setStateOverride(42, id, 'logged-out');
    expect((await latest(source, 42, () => true)).overrides).toEqual({ [id]: 'logged-out' });
    await source.clear(42);
    const cleared = await latest(source, 42, () => true);
    expect(cleared.session).toEqual({ pages: [], requests: [] });
    expect(cleared.overrides).toEqual({});
    expect((await latest(source, 7, () => true)).session.pages).toEqual([]);
  });
});
