import { describe, expect, it } from 'vitest';
import type { TagCall } from '../core/model';
import { LIMITS, type PageMsg } from './protocol';
import { SessionStore, storageKeys, toSession, type KeyValueStorage } from './session-store';

function memoryStorage(opts: { failWhenLargerThan?: number } = {}) {
  const data = new Map<string, string>();
  const storage: KeyValueStorage = {
    async get(keys) {
      const out: Record<string, unknown> = {};
      for (const k of keys) {
        const v = data.get(k);
        if (v !== undefined) out[k] = JSON.parse(v);
      }
      return out;
    },
    async set(items) {
      const texts = Object.entries(items).map(([k, v]) => [k, JSON.stringify(v)] as const);
      // a quota on everything stored, as storage.session has
      const after = new Map(data);
      for (const [k, t] of texts) after.set(k, t);
      const size = [...after.values()].reduce((n, t) => n + t.length, 0);
      if (opts.failWhenLargerThan !== undefined && size > opts.failWhenLargerThan) throw new Error('QUOTA_BYTES quota exceeded');
      for (const [k, t] of texts) data.set(k, t);
    },
    async remove(keys) {
      for (const k of keys) data.delete(k);
    },
  };
  return { storage, data };
}

const pageMsg = (url: string, extra: Partial<PageMsg> = {}): PageMsg => ({
  type: 'page',
  url,
  title: 't',
  time: 1_000,
  light: false,
  scripts: [{ text: 'OkskyChat("key","k")', line: 3, column: 9 }],
  scriptUrls: ['https://t.okskychat.net/widget/widget.js'],
  controls: [{ kind: 'link', text: 'ログアウト', href: '/logout' }],
  passwordField: false,
  ...extra,
});

const call = (name: string): TagCall => ({ vendor: 'oksky', form: 'queue', name, args: [{ kind: 'string', value: 'v' }], origin: 'runtime' });

describe('SessionStore', () => {
  it('keeps pages in visit order with state, scripts and calls; requests resolve to their document', async () => {
    const { storage } = memoryStorage();
    const store = new SessionStore({ storage });
    await store.pageStart(1, 'D1', 'https://shop.example.jp/mypage', 1_000);
    // a request that arrives before its page's data still lands on the right page
    await store.addRequest(1, { id: 'r1', url: 'https://t.okskychat.net/widget/widget.js', method: 'GET', time: 1_100, documentId: 'D1' });
    await store.pageData(1, 'D1', pageMsg('https://shop.example.jp/mypage'));
    await store.calls(1, 'D1', [call('key'), call('loginKey')], 0);
    await store.pageStart(1, 'D2', 'https://shop.example.jp/', 2_000);
    await store.pageData(1, 'D2', pageMsg('https://shop.example.jp/', { controls: [{ kind: 'link', text: 'ログイン', href: '/login' }] }));
    // an iframe's request: its parent document; an unknown document: by time
    await store.addRequest(1, { id: 'r2', url: 'https://t.okskychat.net/x', method: 'GET', time: 2_100, documentId: 'F', parentDocumentId: 'D2' });
    await store.addRequest(1, { id: 'r3', url: 'https://t.okskychat.net/y', method: 'GET', time: 1_500 });
    const s = toSession(await store.get(1));
    expect(s.pages.map((p) => [p.url, p.state.value, p.runtimeCalls.length])).toEqual([
      ['https://shop.example.jp/mypage', 'logged-in', 2],
      ['https://shop.example.jp/', 'logged-out', 0],
    ]);
    expect(s.requests.map((r) => [r.id, s.pages.findIndex((p) => p.id === r.pageId)])).toEqual([
      ['r1', 0],
      ['r2', 1],
      ['r3', 0],
    ]);
    expect((s.requests[0] as Record<string, unknown>).documentId).toBeUndefined();
    expect(s.dropped).toBeUndefined();
  });

  it('bounds pages, requests and calls per tab, counting what was dropped', async () => {
    const store = new SessionStore({ storage: memoryStorage().storage });
    for (let i = 0; i < LIMITS.pages + 3; i++) await store.pageStart(2, `D${i}`, `https://a.example.jp/${i}`, i);
    for (let i = 0; i < LIMITS.requests + 7; i++) await store.addRequest(2, { id: `r${i}`, url: 'https://t.okskychat.net/p', method: 'GET', time: i });
    await store.calls(2, `D${LIMITS.pages + 2}`, Array.from({ length: LIMITS.callsPerPage + 4 }, (_, i) => call(`c${i}`)), 2);
    const st = await store.get(2);
    const s = toSession(st);
    expect(s.pages).toHaveLength(LIMITS.pages);
    expect(s.pages[0]!.url).toBe('https://a.example.jp/3');
    expect(s.requests).toHaveLength(LIMITS.requests);
    expect(s.requests[0]!.id).toBe('r7');
    expect(s.dropped).toEqual({ pages: 3, requests: 7 });
    expect(st.dropped.calls).toBe(6);
    expect(s.pages.at(-1)!.runtimeCalls).toHaveLength(LIMITS.callsPerPage);
  });

  it('over the page bound, pages without a tag are dropped before tagged ones', async () => {
    const store = new SessionStore({ storage: memoryStorage().storage });
    await store.pageData(6, 'T0', pageMsg('https://a.example.jp/tagged-first'));
    for (let i = 0; i < LIMITS.pages + 2; i++) {
      await store.pageData(6, `L${i}`, { ...pageMsg(`https://a.example.jp/plain-${i}`), light: true, scripts: [], scriptUrls: [] });
    }
    const st = await store.get(6);
    expect(st.pages).toHaveLength(LIMITS.pages);
    expect(st.pages[0]!.page.url).toBe('https://a.example.jp/tagged-first');
    expect(st.pages[st.pages.length - 1]!.page.url).toBe(`https://a.example.jp/plain-${LIMITS.pages + 1}`);
    expect(st.dropped.pages).toBe(3);
  });

  it('survives a restart: a new store reads the tab back from storage', async () => {
    const { storage } = memoryStorage();
    const a = new SessionStore({ storage });
    await a.pageStart(5, 'D1', 'https://shop.example.jp/mypage', 1);
    await a.pageData(5, 'D1', pageMsg('https://shop.example.jp/mypage'));
    const pageId = (await a.get(5)).pages[0]!.page.id;
    await a.setOverride(5, pageId, 'logged-out');
    await a.flush();
    const b = new SessionStore({ storage });
    const st = await b.get(5);
    expect(st.pages.map((p) => p.page.url)).toEqual(['https://shop.example.jp/mypage']);
    expect(st.overrides).toEqual({ [pageId]: 'logged-out' });
    // the next page continues the same session with fresh ids
    await b.pageStart(5, 'D2', 'https://shop.example.jp/', 2);
    const s = toSession(await b.get(5));
    expect(new Set(s.pages.map((p) => p.id)).size).toBe(2);
  });

  it('overrides only known pages; null removes; clear empties; remove forgets the stored copy', async () => {
    const { storage, data } = memoryStorage();
    const store = new SessionStore({ storage });
    await store.pageStart(9, 'D1', 'https://shop.example.jp/', 1);
    const id = (await store.get(9)).pages[0]!.page.id;
    await store.setOverride(9, 'unknown-page', 'logged-in');
    await store.setOverride(9, id, 'logged-in');
    expect((await store.get(9)).overrides).toEqual({ [id]: 'logged-in' });
    await store.setOverride(9, id, null);
    expect((await store.get(9)).overrides).toEqual({});
    await store.clear(9);
    expect(toSession(await store.get(9)).pages).toEqual([]);
    await store.flush();
    expect(data.has(storageKeys.head(9))).toBe(true);
    await store.remove(9);
    expect([...data.keys()].filter((k) => k.startsWith('s:9'))).toEqual([]);
  });

  it('when the storage is full, older pages are stored without their script text', async () => {
    const { storage, data } = memoryStorage({ failWhenLargerThan: 45_000 });
    const store = new SessionStore({ storage });
    for (let i = 0; i < 8; i++) {
      await store.pageStart(3, `D${i}`, `https://a.example.jp/${i}`, i);
      await store.pageData(3, `D${i}`, pageMsg(`https://a.example.jp/${i}`, { scripts: [{ text: 'x'.repeat(7_000), line: 1, column: 1 }] }));
    }
    await store.flush();
    const st = await store.get(3);
    const stored = st.pages.map((p) => JSON.parse(data.get(storageKeys.page(3, p.page.id))!));
    expect(stored).toHaveLength(8);
    expect(stored[0].page.scripts[0].text).toBe('');
    expect(stored[0].page.truncated).toBe(true);
    expect(stored[7].page.scripts[0].text).toHaveLength(7_000);
    // a restarted worker reads the cut pages back, marked as cut
    const again = new SessionStore({ storage });
    const back = await again.get(3);
    expect(back.pages).toHaveLength(8);
    expect(back.pages[0]!.page.truncated).toBe(true);
    expect(back.pages[7]!.page.scripts[0]!.text).toHaveLength(7_000);
    // the in-memory copy keeps everything
    expect((await store.get(3)).pages[0]!.page.scripts[0]!.text).toHaveLength(7_000);
  });

  it('notifies on change, one operation at a time per tab', async () => {
    const changes: number[] = [];
    const store = new SessionStore({ storage: memoryStorage().storage, onChange: (t) => changes.push(t) });
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.addRequest(4, { id: `r${i}`, url: 'https://t.okskychat.net/', method: 'GET', time: i })));
    expect(toSession(await store.get(4)).requests.map((r) => r.id)).toEqual(Array.from({ length: 20 }, (_, i) => `r${i}`));
    expect(changes).toHaveLength(20);
  });

  it('relay messages: each (document, number) applied once; a late light report never undoes a full one; persisted waits for the write', async () => {
    const { storage, data } = memoryStorage();
    const store = new SessionStore({ storage });
    const full = { ...pageMsg('https://shop.example.jp/mypage'), calls: [call('key'), call('loginKey')], dropped: 1, doc: 'R1', seq: 2 };
    expect(await store.relay(1, 'D1', full)).toBe(true);
    // the same message again (its acknowledgement was lost): nothing changes
    expect(await store.relay(1, 'D1', full)).toBe(false);
    // the light report (number 1) arrives after the full one (resent after a restart): applied, but the evidence stays
    expect(await store.relay(1, 'D1', { ...pageMsg('https://shop.example.jp/mypage'), light: true, scripts: [], scriptUrls: [], controls: [], doc: 'R1', seq: 1 })).toBe(true);
    expect(await store.relay(1, 'D1', { type: 'calls', calls: [call('customer_id')], dropped: 0, doc: 'R1', seq: 3 })).toBe(true);
    expect(await store.relay(1, 'D1', { type: 'calls', calls: [call('customer_id')], dropped: 0, doc: 'R1', seq: 3 })).toBe(false);
    // the same number from another document is another message
    expect(await store.relay(1, 'D2', { type: 'calls', calls: [call('other')], dropped: 0, doc: 'R2', seq: 3 }, 'https://shop.example.jp/')).toBe(true);
    await store.persisted(1);
    // written: a new worker reads the same, and still knows which numbers were applied
    expect(data.size).toBeGreaterThan(0);
    const again = new SessionStore({ storage });
    expect(await again.relay(1, 'D1', full)).toBe(false);
    const session = toSession(await again.get(1));
    expect(session.pages).toHaveLength(2);
    const p = session.pages[0]!;
    expect(p.scripts).toHaveLength(1);
    expect(p.runtimeCalls.map((c) => c.name)).toEqual(['key', 'loginKey', 'customer_id']);
    expect(session.limits).toEqual([{ kind: 'relay-calls', skipped: 1, unit: 'items' }]);
    expect(session.pages[1]!.runtimeCalls.map((c) => c.name)).toEqual(['other']);
  });

  it('a message without Chrome\'s document id is told apart by the relay\'s own id', async () => {
    const { storage } = memoryStorage();
    const store = new SessionStore({ storage });
    const msg = { type: 'calls' as const, calls: [call('key')], dropped: 0, doc: 'R9', seq: 1 };
    expect(await store.relay(2, undefined, msg, 'https://shop.example.jp/')).toBe(true);
    expect(await store.relay(2, undefined, msg, 'https://shop.example.jp/')).toBe(false);
    expect(await store.relay(2, undefined, { ...msg, doc: 'R10' }, 'https://shop.example.jp/')).toBe(true);
    expect(toSession(await store.get(2)).pages[0]!.runtimeCalls).toHaveLength(2);
  });

  it('closing a tab nothing was stored for (a site not turned on) costs one read and no write', async () => {
    const { storage } = memoryStorage();
    const calls: string[] = [];
    const counted: KeyValueStorage = {
      get: (k) => (calls.push('get'), storage.get(k)),
      set: (i) => (calls.push('set'), storage.set(i)),
      remove: (k) => (calls.push('remove'), storage.remove(k)),
    };
    await new SessionStore({ storage: counted }).remove(11);
    expect(calls).toEqual(['get']);
    // a tab with a session is removed from the storage, also by a worker that did not write it
    const writer = new SessionStore({ storage: counted });
    await writer.calls(12, 'D', [call('key')], 0, 'https://shop.example.jp/');
    await writer.flush();
    calls.length = 0;
    await new SessionStore({ storage: counted }).remove(12);
    expect(calls).toContain('remove');
    expect(await storage.get(['s:12'])).toEqual({});
  });
});
