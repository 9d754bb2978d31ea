import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseHtmlPage } from '../core/html';
import type { Session } from '../core/model';
import { createMemorySource, type MemorySource } from '../ui/memory-source';
import type { TabCapture } from '../ui/source';
import { chooseMode, createFallbackSource, type ProbeReloadSource, type SourceMode } from './fallback-source';

const TAB = 9;
const page = (url: string, id: string) => parseHtmlPage('<html><body><script>OkskyChat("key","k")</script></body></html>', url, { id, time: 1 });
const session = (url?: string): Session => ({ pages: url ? [page(url, 'p1')] : [], requests: [] });
const capture = (siteAccess: TabCapture['siteAccess'], url?: string): TabCapture => ({ tabId: TAB, session: session(url), overrides: {}, siteAccess, limits: { pages: 50, requests: 100 }, updatedAt: 1 });

function fakeDevtools(url = 'https://shop.example.jp/mypage') {
  const mem = createMemorySource();
  mem.put(TAB, session(url), { siteAccess: 'withheld' });
  const reloads: number[] = [];
  const source: ProbeReloadSource & { mem: MemorySource } = { ...mem, subscribe: mem.subscribe, setStateOverride: mem.setStateOverride, clear: mem.clear, reloadWithProbe: () => reloads.push(1), mem };
  return { source, reloads, load: vi.fn(async () => source) };
}

function watch(fb: ReturnType<typeof createFallbackSource>) {
  const seen: TabCapture[] = [];
  const modes: SourceMode[] = [];
  fb.subscribe(TAB, (c) => seen.push(c));
  fb.watchMode((m) => modes.push(m));
  return { seen, modes, last: () => seen[seen.length - 1] };
}

let open: { close(): void }[] = [];
afterEach(() => {
  for (const s of open) s.close();
  open = [];
});

describe('chooseMode', () => {
  it('devtools where site access is withheld or the background has nothing while DevTools sees a page', () => {
    const dt = capture('withheld', 'https://a.example.jp/');
    expect(chooseMode(capture('withheld'), dt, false)).toBe('devtools');
    expect(chooseMode(capture('granted'), dt, false)).toBe('devtools');
    expect(chooseMode(undefined, dt, true)).toBe('devtools');
    expect(chooseMode(undefined, dt, false)).toBe('background');
    expect(chooseMode(capture('granted', 'https://a.example.jp/'), dt, false)).toBe('background');
    expect(chooseMode(capture('unknown'), capture('withheld'), true)).toBe('background');
    expect(chooseMode(capture('withheld'), undefined, true)).toBe('background');
    // the background has nothing, DevTools has access: only vendor traffic the background missed counts
    const granted = capture('granted', 'https://a.example.jp/');
    expect(chooseMode(capture('unknown'), granted, false)).toBe('background');
    const req = { id: 'r', url: 'https://k.okskychat.net/widget/widget.js', method: 'GET', type: 'script', time: 2 } as const;
    expect(chooseMode(capture('unknown'), { ...granted, session: { ...granted.session, requests: [req] } }, false)).toBe('devtools');
    expect(chooseMode(capture('unknown', 'https://a.example.jp/'), { ...granted, session: { ...granted.session, requests: [req] } }, false)).toBe('background');
  });
});

describe('createFallbackSource', () => {
  it('keeps the background where it has the tab, and never loads the devtools source', async () => {
    const bg = createMemorySource([capture('granted', 'https://shop.example.jp/')]);
    const dt = fakeDevtools();
    const fb = createFallbackSource(bg, TAB, dt.load, { silenceMs: 10 });
    open.push(fb);
    const w = watch(fb);
    await new Promise((r) => setTimeout(r, 30));
    expect(dt.load).not.toHaveBeenCalled();
    expect(fb.mode()).toBe('background');
    expect(w.modes).toEqual(['background']);
    expect(w.last()!.session.pages[0]!.url).toBe('https://shop.example.jp/');
    await fb.setStateOverride(TAB, 'p1', 'logged-in');
    expect(bg.calls).toEqual([{ method: 'setStateOverride', tabId: TAB, pageId: 'p1', state: 'logged-in' }]);
  });

  it('switches to the devtools source when the background reports site access withheld; overrides go there', async () => {
    const bg = createMemorySource([capture('withheld')]);
    const dt = fakeDevtools();
    const fb = createFallbackSource(bg, TAB, dt.load, { silenceMs: 10_000 });
    open.push(fb);
    const w = watch(fb);
    await vi.waitFor(() => expect(fb.mode()).toBe('devtools'));
    expect(dt.load).toHaveBeenCalledTimes(1);
    expect(w.modes).toEqual(['background', 'devtools']);
    const c = w.last()!;
    expect(c.session.pages[0]!.url).toBe('https://shop.example.jp/mypage');
    // read from DevTools: the panel's "cannot read this site" notice does not apply
    expect(c.siteAccess).toBe('unknown');
    await fb.setStateOverride(TAB, 'p1', 'logged-out');
    expect(dt.source.mem.calls).toEqual([{ method: 'setStateOverride', tabId: TAB, pageId: 'p1', state: 'logged-out' }]);
    expect(bg.calls).toEqual([]);
    // the devtools source's later captures reach the panel
    dt.source.mem.put(TAB, session('https://shop.example.jp/cart'), { siteAccess: 'withheld' });
    expect(w.last()!.session.pages[0]!.url).toBe('https://shop.example.jp/cart');
    await fb.reloadWithProbe();
    expect(dt.reloads).toHaveLength(1);
  });

  it('switches back when site access is granted and the background sees the page', async () => {
    const bg = createMemorySource([capture('withheld')]);
    const dt = fakeDevtools();
    const fb = createFallbackSource(bg, TAB, dt.load, { silenceMs: 10_000 });
    open.push(fb);
    const w = watch(fb);
    await vi.waitFor(() => expect(fb.mode()).toBe('devtools'));
    bg.put(TAB, session('https://shop.example.jp/granted'), { siteAccess: 'granted' });
    expect(fb.mode()).toBe('background');
    expect(w.modes).toEqual(['background', 'devtools', 'background']);
    expect(w.last()!.session.pages[0]!.url).toBe('https://shop.example.jp/granted');
  });

  it('the background has nothing for the tab (or stays silent): DevTools pages are shown', async () => {
    const empty = createMemorySource([capture('unknown')]);
    const dt1 = fakeDevtools();
    const a = createFallbackSource(empty, TAB, dt1.load, { silenceMs: 10_000 });
    open.push(a);
    await vi.waitFor(() => expect(a.mode()).toBe('devtools'));

    const silentBg = { subscribe: () => () => undefined, setStateOverride: async () => undefined, clear: async () => undefined };
    const dt2 = fakeDevtools();
    const b = createFallbackSource(silentBg, TAB, dt2.load, { silenceMs: 20 });
    open.push(b);
    expect(b.mode()).toBe('background');
    expect(dt2.load).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(b.mode()).toBe('devtools'));
  });

  it('clear empties both, so the devtools pages do not take the cleared background\'s place', async () => {
    const bg = createMemorySource([capture('granted', 'https://shop.example.jp/')]);
    const dt = fakeDevtools();
    const fb = createFallbackSource(bg, TAB, dt.load, { silenceMs: 10_000 });
    open.push(fb);
    watch(fb);
    // an empty background loads the devtools source
    bg.put(TAB, session(), { siteAccess: 'unknown' });
    await vi.waitFor(() => expect(fb.mode()).toBe('devtools'));
    await fb.clear(TAB);
    expect(bg.calls.map((c) => c.method)).toEqual(['clear']);
    expect(dt.source.mem.calls.map((c) => c.method)).toEqual(['clear']);
    expect(fb.mode()).toBe('background');
  });

  it('a devtools source that fails to load leaves the background in place; close stops both', async () => {
    const bg = createMemorySource([capture('withheld')]);
    const fb = createFallbackSource(bg, TAB, () => Promise.reject(new Error('no devtools')), { silenceMs: 5 });
    const w = watch(fb);
    await new Promise((r) => setTimeout(r, 20));
    expect(fb.mode()).toBe('background');
    expect(w.last()!.siteAccess).toBe('withheld');
    await expect(fb.reloadWithProbe()).resolves.toBeUndefined();
    fb.close();
    const n = w.seen.length;
    bg.put(TAB, session('https://x.example.jp/'), { siteAccess: 'granted' });
    expect(w.seen).toHaveLength(n);
  });

  it('other tabs go straight to the background', () => {
    const bg = createMemorySource([capture('granted', 'https://shop.example.jp/'), { ...capture('granted', 'https://other.example.jp/'), tabId: 3 }]);
    const fb = createFallbackSource(bg, TAB, fakeDevtools().load);
    open.push(fb);
    let got: TabCapture | undefined;
    fb.subscribe(3, (c) => (got = c));
    expect(got!.session.pages[0]!.url).toBe('https://other.example.jp/');
  });
});

describe('the mode is decided on every navigation of the inspected tab', () => {
  function inspectedPage(start: string | undefined, withheld: (origin: string) => boolean) {
    const listeners: ((url: string) => void)[] = [];
    return {
      page: {
        url: async () => start,
        onNavigated: (l: (url: string) => void) => void listeners.push(l),
        hasAccess: async (origin: string) => !withheld(origin),
      },
      navigate: (url: string) => listeners.forEach((l) => l(url)),
    };
  }

  it('panel open before the page loaded: a navigation to a withheld site switches to DevTools at once, and tells the source loaded for it', async () => {
    // the background holds a page of a granted site from before (site access "on specific sites")
    const bg = createMemorySource([capture('granted', 'https://granted.example.jp/')]);
    const dt = fakeDevtools();
    const navigated: string[] = [];
    const source = { ...dt.source, navigated: (u: string) => void navigated.push(u) };
    const inspected = inspectedPage('https://granted.example.jp/', (o) => o.includes('shop.example.jp'));
    const fb = createFallbackSource(bg, TAB, async () => source, { silenceMs: 10, inspected: inspected.page });
    open.push(fb);
    const w = watch(fb);
    await new Promise((r) => setTimeout(r, 30));
    expect(fb.mode()).toBe('background');
    inspected.navigate('https://shop.example.jp/mypage');
    await vi.waitFor(() => expect(fb.mode()).toBe('devtools'));
    expect(w.modes).toEqual(['background', 'devtools']);
    expect(navigated).toEqual(['https://shop.example.jp/mypage']);
    await vi.waitFor(() => expect(w.last()!.session.pages[0]!.url).toBe('https://shop.example.jp/mypage'));
    // back to a granted site: the background's capture again
    inspected.navigate('https://granted.example.jp/next');
    await vi.waitFor(() => expect(fb.mode()).toBe('background'));
    expect(w.modes).toEqual(['background', 'devtools', 'background']);
  });

  it('panel opened after the page loaded: the page now decides, even while the background is still silent', async () => {
    const bg = createMemorySource();
    const dt = fakeDevtools();
    const inspected = inspectedPage('https://shop.example.jp/mypage', () => true);
    const fb = createFallbackSource(bg, TAB, dt.load, { silenceMs: 60_000, inspected: inspected.page });
    open.push(fb);
    const w = watch(fb);
    await vi.waitFor(() => expect(fb.mode()).toBe('devtools'));
    expect(dt.load).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(w.last()!.session.pages).toHaveLength(1));
  });

  it('the answer for an older navigation never overrides a newer one', async () => {
    const bg = createMemorySource([capture('granted', 'https://granted.example.jp/')]);
    const dt = fakeDevtools();
    let release: (() => void) | undefined;
    const slow = new Promise<void>((r) => (release = r));
    const listeners: ((url: string) => void)[] = [];
    const page = {
      url: async () => undefined,
      onNavigated: (l: (url: string) => void) => void listeners.push(l),
      // the withheld site's answer comes late
      hasAccess: async (origin: string) => (origin.includes('slow') ? (await slow, false) : true),
    };
    const fb = createFallbackSource(bg, TAB, dt.load, { silenceMs: 10, inspected: page });
    open.push(fb);
    listeners.forEach((l) => l('https://slow.example.jp/'));
    listeners.forEach((l) => l('https://granted.example.jp/again'));
    await new Promise((r) => setTimeout(r, 20));
    release!();
    await new Promise((r) => setTimeout(r, 20));
    expect(fb.mode()).toBe('background');
    expect(dt.load).not.toHaveBeenCalled();
  });

  it('chooseMode: a withheld inspected page is read from DevTools whatever the background holds', () => {
    expect(chooseMode(capture('granted', 'https://granted.example.jp/'), undefined, false, 'withheld')).toBe('devtools');
    expect(chooseMode(capture('granted', 'https://granted.example.jp/'), capture('withheld', 'https://a.example.jp/'), false, 'granted')).toBe('background');
  });
});
