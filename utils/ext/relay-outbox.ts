/**
 * The relay's outbox: every message to the background is numbered and kept until the background
 * acknowledges it (`RelayAck`, sent once the message is applied to the session store and
 * written to `storage.session`). A message whose sending fails (the service worker was stopped
 * or crashed while it held the message: the message channel closes) or that gets no answer in
 * time is sent again; Chrome starts a new worker for it. The store applies each (document,
 * number) once, so a resend after a lost acknowledgement duplicates nothing.
 *
 * Bounded, and nothing a page does can grow it: the page cannot send or answer these messages (they go
 * from the isolated world over the extension's own channel), the relay creates them from bounded
 * evidence (calls per page, violations per page, two page reports), and the outbox holds at most
 * `maxCount` messages and `maxChars` characters: over either bound the oldest message (sent at
 * least once already) stops being resent. Each message is tried at most `maxAttempts` times, with
 * a growing pause between tries. When the extension itself is gone (reloaded, updated: sending
 * throws at once), nothing is resent.
 *
 * No browser API here: the relay injects `send` (chrome.runtime.sendMessage) and the timers.
 */
import type { RelayAck, RelayMsg, RelayPayload } from './protocol';

export interface OutboxOptions {
  /** sends one message; resolves with the background's answer (throws at once when the extension is gone) */
  send(msg: RelayMsg): Promise<unknown> | unknown;
  /** this document's id (random, made by the relay) */
  doc: string;
  /** messages kept for resending (default 64) */
  maxCount?: number;
  /** characters kept for resending, estimated (default 2,000,000) */
  maxChars?: number;
  /** tries per message (default 8) */
  maxAttempts?: number;
  /** no answer after this long: send again (ms, default 10,000) */
  ackTimeoutMs?: number;
  /** pause before try n + 1 (ms; default 100 · 2ⁿ⁻¹, at most 5,000) */
  backoffMs?: (attempt: number) => number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

export interface Outbox {
  /** numbers the message and sends it (again, until acknowledged) */
  post(msg: RelayPayload): number;
  /** messages not acknowledged yet (their numbers, oldest first) */
  pending(): number[];
  /** what happened so far (for tests and the benchmark) */
  stats(): { sent: number; resent: number; acked: number; givenUp: number };
  /** stops every timer (the relay stopped) */
  stop(): void;
}

interface Entry {
  seq: number;
  msg: RelayMsg;
  chars: number;
  attempts: number;
  /** the timer of the next try or of the answer awaited */
  timer?: unknown;
  /** an answer to the latest try is awaited (an acknowledgement of any try counts) */
  waiting: boolean;
}

/** A rough size of a message: the texts it carries (a page's scripts dominate). */
export function estimateChars(msg: RelayPayload): number {
  switch (msg.type) {
    case 'page': {
      let n = 200 + msg.url.length + (msg.title?.length ?? 0);
      for (const s of msg.scripts) n += s.text.length + 40;
      for (const u of msg.scriptUrls) n += u.length;
      for (const c of msg.controls) n += c.text.length + (c.href?.length ?? 0) + 20;
      if (msg.calls && msg.calls.length > 0) n += JSON.stringify(msg.calls).length;
      return n;
    }
    case 'calls':
      // calls are bounded by the relay's checks (bounds.ts): their JSON is small
      return 50 + JSON.stringify(msg.calls).length;
    case 'csp':
      return 50 + msg.violations.reduce((n, v) => n + v.url.length + v.directive.length + 30, 0);
  }
}

export function isAck(answer: unknown, seq: number): boolean {
  return !!answer && typeof answer === 'object' && (answer as Partial<RelayAck>).ack === seq;
}

export function createOutbox(opts: OutboxOptions): Outbox {
  const maxCount = opts.maxCount ?? 64;
  const maxChars = opts.maxChars ?? 2_000_000;
  const maxAttempts = opts.maxAttempts ?? 8;
  const ackTimeoutMs = opts.ackTimeoutMs ?? 10_000;
  const backoff = opts.backoffMs ?? ((n: number) => Math.min(5_000, 100 * 2 ** (n - 1)));
  const later = opts.setTimeout ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const cancel = opts.clearTimeout ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const entries = new Map<number, Entry>();
  let chars = 0;
  let next = 1;
  let dead = false;
  const stats = { sent: 0, resent: 0, acked: 0, givenUp: 0 };

  const drop = (e: Entry) => {
    if (!entries.delete(e.seq)) return;
    chars -= e.chars;
    if (e.timer !== undefined) cancel(e.timer);
    e.timer = undefined;
  };

  /** try `n` of `e` failed or got no answer in time (a stale try's failure is ignored) */
  const failed = (e: Entry, n: number) => {
    if (!entries.has(e.seq) || !e.waiting || e.attempts !== n) return;
    e.waiting = false;
    if (e.timer !== undefined) cancel(e.timer);
    e.timer = undefined;
    if (dead || e.attempts >= maxAttempts) {
      stats.givenUp++;
      drop(e);
      return;
    }
    e.timer = later(() => {
      e.timer = undefined;
      stats.resent++;
      attempt(e);
    }, backoff(e.attempts));
  };

  function attempt(e: Entry) {
    if (dead || !entries.has(e.seq)) return;
    const n = ++e.attempts;
    e.waiting = true;
    stats.sent++;
    let answer: unknown;
    try {
      answer = opts.send(e.msg);
    } catch {
      // the extension is gone (reloaded, updated): no later try can reach it
      dead = true;
      for (const x of [...entries.values()]) drop(x);
      return;
    }
    e.timer = later(() => {
      e.timer = undefined;
      failed(e, n);
    }, ackTimeoutMs);
    Promise.resolve(answer).then(
      (a) => {
        if (isAck(a, e.seq)) {
          if (entries.has(e.seq)) stats.acked++;
          drop(e);
        } else failed(e, n);
      },
      () => failed(e, n),
    );
  }

  return {
    post(payload) {
      const seq = next++;
      if (dead) return seq;
      const msg = { ...payload, doc: opts.doc, seq } as RelayMsg;
      const e: Entry = { seq, msg, chars: estimateChars(payload), attempts: 0, waiting: false };
      entries.set(seq, e);
      chars += e.chars;
      // over a bound: the oldest messages (each sent at least once) are no longer resent
      for (const old of entries.values()) {
        if (entries.size <= maxCount && chars <= maxChars) break;
        if (old === e) break;
        stats.givenUp++;
        drop(old);
      }
      attempt(e);
      return seq;
    },
    pending: () => [...entries.keys()],
    stats: () => ({ ...stats }),
    stop() {
      dead = true;
      for (const e of [...entries.values()]) drop(e);
    },
  };
}
