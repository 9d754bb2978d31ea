/**
 * The session store keeps every event Chrome delivered, whatever the interleaving: events of a
 * page arrive in any order (requests and runtime calls before the page's own report), the
 * storage answers reads and writes after random delays and completes them out of order, and the
 * service worker restarts between any two events (a new store over the same storage, whose first
 * events race its read of the stored session).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TagCall } from '../core/model';
import type { PageMsg } from './protocol';
import { SessionStore, toSession, type KeyValueStorage } from './session-store';

/** A storage whose operations complete after random delays, in any order; each applies when it completes. */
function chaoticStorage(delays: number[]) {
  const data = new Map<string, string>();
  let i = 0;
  const later = <T>(fn: () => T): Promise<T> =>
    new Promise((resolve) => setTimeout(() => resolve(fn()), delays.length ? delays[i++ % delays.length]! : 0));
  const storage: KeyValueStorage = {
    get: (keys) =>
      later(() => {
        const out: Record<string, unknown> = {};
        for (const k of keys) {
          const v = data.get(k);
          if (v !== undefined) out[k] = JSON.parse(v);
        }
        return out;
      }),
    set: (items) => {
      // the value is taken when the call is made, as chrome.storage does
      const texts = Object.entries(items).map(([k, v]) => [k, JSON.stringify(v)] as const);
      return later(() => {
        for (const [k, t] of texts) data.set(k, t);
      });
    },
    remove: (keys) =>
      later(() => {
        for (const k of keys) data.delete(k);
      }),
  };
  return { storage, data };
}

type Event =
  | { kind: 'page'; doc: number }
  | { kind: 'calls'; doc: number; n: number }
  | { kind: 'request'; doc: number; id: number }
  | { kind: 'finish'; id: number }
  | { kind: 'restart' };

const url = (doc: number) => `https://shop.example.jp/p${doc}`;
const pageMsg = (doc: number): PageMsg => ({
  type: 'page',
  url: url(doc),
  title: `page ${doc}`,
  time: 1_000 + doc * 100,
  light: false,
  scripts: [{ text: `OkskyChat("key","k${doc}")`, line: 1, column: 1 }],
  scriptUrls: [],
  controls: [],
  passwordField: false,
});
const call = (doc: number, i: number): TagCall => ({
  vendor: 'oksky',
  form: 'queue',
  name: `c${doc}-${i}`,
  args: [{ kind: 'string', value: 'v' }],
  origin: 'runtime',
});

/** Events of `docs` pages in a random order that keeps Chrome's one guarantee: a request starts before it ends. */
const scenario = fc
  .record({
    docs: fc.integer({ min: 1, max: 4 }),
    callsPerDoc: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
    requestsPerDoc: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
    restarts: fc.integer({ min: 0, max: 3 }),
    seed: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
    delays: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 20 }),
  })
  .map(({ docs, callsPerDoc, requestsPerDoc, restarts, seed, delays }) => {
    const pool: Event[] = [];
    let id = 0;
    for (let d = 0; d < docs; d++) {
      pool.push({ kind: 'page', doc: d });
      for (let c = 0; c < callsPerDoc[d]!; c++) pool.push({ kind: 'calls', doc: d, n: c });
      for (let r = 0; r < requestsPerDoc[d]!; r++) pool.push({ kind: 'request', doc: d, id: id++ });
    }
    for (let r = 0; r < restarts; r++) pool.push({ kind: 'restart' });
    // a random order (Fisher–Yates from the seed), then each request's end after its start
    for (let i = pool.length - 1; i > 0; i--) {
      const j = seed[i % seed.length]! % (i + 1);
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    const events: Event[] = [];
    for (const e of pool) {
      events.push(e);
      if (e.kind === 'request') {
        const at = events.length + (seed[e.id % seed.length]! % Math.max(1, pool.length - events.length + 1));
        events.splice(Math.min(at, events.length), 0, { kind: 'finish', id: e.id });
      }
    }
    // a finish inserted before its own request cannot happen: move it after
    const fixed: Event[] = [];
    const started = new Set<number>();
    const waiting: number[] = [];
    for (const e of events) {
      if (e.kind === 'finish' && !started.has(e.id)) {
        waiting.push(e.id);
        continue;
      }
      fixed.push(e);
      if (e.kind === 'request') {
        started.add(e.id);
        const w = waiting.indexOf(e.id);
        if (w >= 0) {
          waiting.splice(w, 1);
          fixed.push({ kind: 'finish', id: e.id });
        }
      }
    }
    return { events: fixed, delays, docs, callsPerDoc, requestsPerDoc };
  });

describe('SessionStore under any interleaving', () => {
  it('keeps every page, call, request and request end across restarts and out-of-order storage', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ events, delays, docs, callsPerDoc, requestsPerDoc }) => {
        const TAB = 7;
        const { storage } = chaoticStorage(delays);
        let store = new SessionStore({ storage });
        const docOfRequest = new Map<number, number>();
        let pending: Promise<unknown>[] = [];
        for (const e of events) {
          // Chrome calls the listeners one after the other; the store's work is asynchronous
          switch (e.kind) {
            case 'restart':
              // Chrome stops a worker that is idle: what it was doing has been written
              await Promise.all(pending);
              await store.flush();
              pending = [];
              store = new SessionStore({ storage });
              break;
            case 'page':
              pending.push(store.pageData(TAB, `D${e.doc}`, pageMsg(e.doc)));
              break;
            case 'calls':
              pending.push(store.calls(TAB, `D${e.doc}`, [call(e.doc, e.n)], 0, url(e.doc)));
              break;
            case 'request':
              docOfRequest.set(e.id, e.doc);
              pending.push(
                store.addRequest(TAB, { id: `r${e.id}`, url: 'https://t.okskychat.net/widget/widget.js', method: 'GET', time: 5_000 + e.id, documentId: `D${e.doc}` }),
              );
              break;
            case 'finish':
              pending.push(store.finishRequest(TAB, `r${e.id}`, 6_000 + e.id, { status: 200 }));
              break;
          }
        }
        await Promise.all(pending);
        await store.flush();
        // read back by a new worker: everything is in storage
        const session = toSession(await new SessionStore({ storage }).get(TAB));
        expect(session.pages.map((p) => p.url).sort()).toEqual(Array.from({ length: docs }, (_, d) => url(d)).sort());
        for (let d = 0; d < docs; d++) {
          const page = session.pages.find((p) => p.url === url(d))!;
          expect(page.title).toBe(`page ${d}`);
          expect(page.scripts).toHaveLength(1);
          expect(page.runtimeCalls.map((c) => c.name).sort()).toEqual(Array.from({ length: callsPerDoc[d]! }, (_, i) => `c${d}-${i}`).sort());
        }
        const expectedRequests = requestsPerDoc.slice(0, docs).reduce((a, b) => a + b, 0);
        expect(session.requests).toHaveLength(expectedRequests);
        for (const r of session.requests) {
          const id = Number(r.id.slice(1));
          expect(r.status).toBe(200);
          expect(r.durationMs).toBe(1_000);
          expect(session.pages.find((p) => p.id === r.pageId)?.url).toBe(url(docOfRequest.get(id)!));
        }
      }),
      { numRuns: 150 },
    );
  });
});
