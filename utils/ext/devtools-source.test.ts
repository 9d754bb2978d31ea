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

describe('a navigation is followed until its document is there (issue 9: a slow page read too early showed 0 findings)', () => {
  it('waits out the old document, a failed read and `loading`, reads it when ready and again when complete; requests belong to the page by its navigation start', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const t0 = Date.parse('2099-01-01T00:00:00.000Z');
      const old = { url: 'https://shop.example.jp/', title: 'トップ', html: '<html><body>top</body></html>', ready: 'complete', origin: t0 - 60_000 };
      const reads: unknown[] = [old];
      let current: unknown = old;
      const f = fakeApi({
        eval: async <T,>(expr: string) => {
          if (!expr.includes('outerHTML')) return null as T;
          const next = reads.length > 0 ? reads.shift() : current;
          current = next;
          if (next instanceof Error) throw next;
          return next as T;
        },
        getHAR: async () => ({ entries: [] }),
      });
      const source = createDevtoolsSessionSource(f.api);
      await latest(source, 42, (c) => c.session.pages.length === 1);
      // the navigation: the old document is still there twice, then no document, then the new one loading
      const slowHtml = TAG_HTML.replace('<script>', '<main>').replace('</script>', '</main>');
      reads.push(old, old, new Error('Inspected frame has gone'), { url: 'https://shop.example.jp/mypage', title: '', html: '<html><head>', ready: 'loading', origin: t0 });
      reads.push({ url: 'https://shop.example.jp/mypage', title: 'マイページ', html: slowHtml, ready: 'interactive', origin: t0 });
      reads.push({ url: 'https://shop.example.jp/mypage', title: 'マイページ', html: TAG_HTML, ready: 'complete', origin: t0 });
      f.navigated.forEach((l) => l('https://shop.example.jp/mypage'));
      const c = await (async () => {
        for (let i = 0; i < 40; i++) {
          await vi.advanceTimersByTimeAsync(250);
          const got = await latest(source, 42, () => true);
          if (got.session.pages[1]?.scripts.some((s) => s.text.includes('loginKey'))) return got;
        }
        throw new Error('the new document was never read in full');
      })();
      expect(c.session.pages.map((p) => p.url)).toEqual(['https://shop.example.jp/', 'https://shop.example.jp/mypage']);
      // read twice (interactive, complete): still one page, at the navigation start
      expect(c.session.pages[1]!.time).toBe(t0);
      expect(c.siteAccess).toBe('withheld');
      // the widget's request made before the read belongs to the new page
      f.finished.forEach((l) => l(harEntry('https://kobuna-s-001.okskychat.net/widget/widget.js', 'GET', '2099-01-01T00:00:00.300Z')));
      const after = await latest(source, 42, (x) => x.session.requests.length === 1);
      expect(after.session.requests[0]!.pageId).toBe(after.session.pages[1]!.id);
    } finally {
      vi.useRealTimers();
    }
  });

  it('takes from the network log what onRequestFinished did not deliver, and the finished entry over a pending one', async () => {
    const login = (status: number) => ({
      ...harEntry('https://kobuna-s-001.okskychat.net/rapi/v1/clients/k/login', 'POST', '2099-01-01T00:00:00.500Z', '{"key":"k","query":{}}'),
      response: { status, headers: [], content: { mimeType: 'application/json' } },
    });
    let har: unknown[] = [login(0)];
    const f = fakeApi({ getHAR: async () => ({ entries: har }) });
    const source = createDevtoolsSessionSource(f.api);
    const first = await latest(source, 42, (c) => c.session.pages.length === 1 && c.session.requests.length === 1);
    expect(first.session.requests[0]!.status ?? 0).toBe(0);
    har = [login(200)];
    // any vendor request finishing makes the source look at the log again
    f.finished.forEach((l) => l(harEntry('https://kobuna-s-001.okskychat.net/widget/widget.js', 'GET', '2099-01-01T00:00:00.100Z')));
    const after = await latest(source, 42, (c) => c.session.requests.some((r) => r.status === 200 && r.url.endsWith('/login')));
    expect(after.session.requests.map((r) => r.url.split('/').pop())).toEqual(['widget.js', 'login']);
  });
});

describe('reads that race', () => {
  it('a re-read after a vendor request and the navigation reading the same new document make one page, not two', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const t0 = Date.parse('2099-01-01T00:00:00.000Z');
      const f = fakeApi({ getHAR: async () => ({ entries: [] }) });
      f.setDoc({ url: 'https://shop.example.jp/mypage', title: 'マイページ', html: TAG_HTML, ready: 'complete', origin: t0 } as never);
      const source = createDevtoolsSessionSource(f.api);
      await latest(source, 42, (c) => c.session.pages.length === 1);
      // the widget of the first page calls home (a re-read is due)…
      f.finished.forEach((l) => l(harEntry('https://kobuna-s-001.okskychat.net/widget/widget.js', 'GET', '2099-01-01T00:00:00.100Z')));
      // …while the tab already went on to another document
      const about = { url: 'https://shop.example.jp/about', title: 'について', html: '<html><body>about</body></html>', origin: t0 + 5_000 };
      f.setDoc({ ...about, ready: 'loading' } as never);
      f.navigated.forEach((l) => l('https://shop.example.jp/about'));
      // the re-read comes while the new document is still loading (the navigation's reads wait)
      await vi.advanceTimersByTimeAsync(600);
      f.setDoc({ ...about, ready: 'complete' } as never);
      for (let i = 0; i < 8; i++) await vi.advanceTimersByTimeAsync(250);
      const c = await latest(source, 42, () => true);
      expect(c.session.pages.map((p) => p.url)).toEqual(['https://shop.example.jp/mypage', 'https://shop.example.jp/about']);
      // the request made before the second document started stays with the first page
      expect(c.session.requests[0]!.pageId).toBe(c.session.pages[0]!.id);
    } finally {
      vi.useRealTimers();
    }
  });
});
