/**
 * The session store keeps every event Chrome delivered, whatever the interleaving: events of a
 * page arrive in any order (requests and runtime calls before the page's own report), the
 * storage answers reads and writes after random delays and completes them out of order, and the
 * service worker restarts between any two events (a new store over the same storage, whose first
 * events race its read of the stored session). Relay messages are numbered and may arrive twice
 * (a resend after a lost acknowledgement): each is applied once.
 *
 * The second property stops the worker at any instant (a forced stop, a crash): what it held
 * and had not acknowledged is lost with it, and the relay sends it again to the next worker, as
 * relay-outbox.ts does. Every page report, call and CSP violation is then kept exactly once.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { TagCall } from '../core/model';
import type { PageMsg, RelayMsg } from './protocol';
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
  | { kind: 'restart' }
  /** a relay message delivered again (the relay resent it: its acknowledgement was lost or late) */
  | { kind: 'dup'; of: Event };

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
    dups: fc.array(fc.nat(), { maxLength: 6 }),
  })
  .map(({ docs, callsPerDoc, requestsPerDoc, restarts, seed, delays, dups }) => {
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
    // resends: a page report or a batch of calls delivered again, anywhere after its first delivery
    for (const d of dups) {
      const relayed = fixed.map((e, i) => [e, i] as const).filter(([e]) => e.kind === 'page' || e.kind === 'calls');
      if (relayed.length === 0) break;
      const [of, at] = relayed[d % relayed.length]!;
      const to = at + 1 + (Math.floor(d / relayed.length) % (fixed.length - at));
      fixed.splice(to, 0, { kind: 'dup', of });
    }
    return { events: fixed, delays, docs, callsPerDoc, requestsPerDoc };
  });

/** The relay's message for an event: the page report is number 1 of its document, call batch n is n + 2. */
function relayMsg(e: Event): RelayMsg | undefined {
  if (e.kind === 'page') return { ...pageMsg(e.doc), doc: `R${e.doc}`, seq: 1 };
  if (e.kind === 'calls') return { type: 'calls', calls: [call(e.doc, e.n)], dropped: 0, doc: `R${e.doc}`, seq: e.n + 2 };
  return undefined;
}

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
            case 'calls':
              pending.push(store.relay(TAB, `D${e.doc}`, relayMsg(e)!, url(e.doc)));
              break;
            case 'dup': {
              const of = e.of as Extract<Event, { kind: 'page' | 'calls' }>;
              pending.push(store.relay(TAB, `D${of.doc}`, relayMsg(of)!, url(of.doc)));
              break;
            }
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

  it('a worker stopped at any instant loses nothing the relay resends, and a resend duplicates nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          docs: fc.integer({ min: 1, max: 3 }),
          callsPerDoc: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 3, maxLength: 3 }),
          cspPerDoc: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 3 }),
          kills: fc.array(fc.nat(), { maxLength: 3 }),
          // between two deliveries the worker gets 0–3 ms (acknowledgements may or may not come back)
          gaps: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 10 }),
          // which acknowledged messages are sent again anyway at a stop (their acknowledgement was lost on the way)
          lostAcks: fc.array(fc.boolean(), { minLength: 1, maxLength: 10 }),
          seed: fc.array(fc.nat(), { minLength: 20, maxLength: 20 }),
          delays: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 20 }),
        }),
        async ({ docs, callsPerDoc, cspPerDoc, kills, gaps, lostAcks, seed, delays }) => {
          const TAB = 9;
          const { storage: shared } = chaoticStorage(delays);
          // each worker reaches the storage through its own handle: a stopped worker makes no new
          // call, and the calls it made before are done before the next worker's first (the
          // browser handles a profile's storage calls in order)
          const workerStorage = () => {
            const inFlight = new Set<Promise<unknown>>();
            let dead = false;
            const wrap =
              <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
              (...a: A): Promise<R> => {
                if (dead) return new Promise<R>(() => undefined);
                const p = fn(...a);
                inFlight.add(p);
                void p.finally(() => inFlight.delete(p)).catch(() => undefined);
                return p;
              };
            const storage: KeyValueStorage = { get: wrap(shared.get), set: wrap(shared.set), remove: wrap(shared.remove) };
            return {
              storage,
              isDead: () => dead,
              async kill() {
                dead = true;
                await Promise.all([...inFlight].map((p) => p.catch(() => undefined)));
              },
            };
          };
          type Delivery = { doc: number; msg: RelayMsg };
          const queue: (Delivery | 'kill')[] = [];
          for (let d = 0; d < docs; d++) {
            queue.push({ doc: d, msg: { ...pageMsg(d), doc: `R${d}`, seq: 1 } });
            for (let c = 0; c < callsPerDoc[d]!; c++) queue.push({ doc: d, msg: { type: 'calls', calls: [call(d, c)], dropped: 0, doc: `R${d}`, seq: c + 2 } });
            for (let v = 0; v < cspPerDoc[d]!; v++) {
              queue.push({
                doc: d,
                msg: { type: 'csp', violations: [{ url: `https://t.okskychat.net/w${v}.js`, directive: 'script-src', time: 9_000 + d * 10 + v }], doc: `R${d}`, seq: 100 + v },
              });
            }
          }
          for (let i = queue.length - 1; i > 0; i--) {
            const j = seed[i % seed.length]! % (i + 1);
            [queue[i], queue[j]] = [queue[j]!, queue[i]!];
          }
          for (const k of kills) queue.splice(k % (queue.length + 1), 0, 'kill');

          let worker = workerStorage();
          let store = new SessionStore({ storage: worker.storage });
          // what the relay still holds: sent, no acknowledgement seen
          const unacked = new Map<string, Delivery>();
          const acked = new Map<string, Delivery>();
          let step = 0;
          for (let i = 0; i < queue.length; i++) {
            const e = queue[i]!;
            if (e === 'kill') {
              await worker.kill();
              // the relay sends again what was not acknowledged, and what was but whose
              // acknowledgement was lost, each at a random later point
              const again = [...unacked.values(), ...[...acked.values()].filter((_, j) => lostAcks[j % lostAcks.length])];
              unacked.clear();
              for (const d of again) queue.splice(i + 1 + (seed[(i + d.msg.seq!) % seed.length]! % (queue.length - i)), 0, d);
              worker = workerStorage();
              store = new SessionStore({ storage: worker.storage });
              continue;
            }
            const key = `${e.doc}:${e.msg.seq}`;
            unacked.set(key, e);
            const s = store;
            const w = worker;
            void s
              .relay(TAB, `D${e.doc}`, e.msg, url(e.doc))
              .then(() => s.persisted(TAB))
              .then(() => {
                // the acknowledgement reaches the relay only from a worker still running
                if (w.isDead()) return;
                unacked.delete(key);
                acked.set(key, e);
              });
            const gap = gaps[step++ % gaps.length]!;
            if (gap > 0) await new Promise((r) => setTimeout(r, gap));
          }
          // the last worker runs until everything it holds is written and acknowledged
          await store.flush();
          await vi.waitFor(() => expect([...unacked.keys()]).toEqual([]), { timeout: 5_000, interval: 1 });

          const session = toSession(await new SessionStore({ storage: shared }).get(TAB));
          expect(session.pages.map((p) => p.url).sort()).toEqual(Array.from({ length: docs }, (_, d) => url(d)).sort());
          for (let d = 0; d < docs; d++) {
            const page = session.pages.find((p) => p.url === url(d))!;
            expect(page.title).toBe(`page ${d}`);
            expect(page.scripts).toHaveLength(1);
            expect(page.runtimeCalls.map((c) => c.name).sort()).toEqual(Array.from({ length: callsPerDoc[d]! }, (_, c) => `c${d}-${c}`).sort());
          }
          const blocked = session.requests.filter((r) => r.error?.startsWith('csp')).map((r) => r.url);
          const expected = Array.from({ length: docs }, (_, d) => Array.from({ length: cspPerDoc[d]! }, (_, v) => `https://t.okskychat.net/w${v}.js`)).flat();
          expect(blocked.sort()).toEqual(expected.sort());
        },
      ),
      { numRuns: 150 },
    );
  });
});
