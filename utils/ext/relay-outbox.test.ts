/**
 * The relay's outbox against a background that loses messages: the worker is stopped while it
 * holds one (the send fails), it applies one and is stopped before answering (the
 * acknowledgement is lost), or it never answers. Every message reaches the background within the
 * tries allowed (the store applies a number once: session-store.property.test.ts); the outbox
 * stays bounded.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RelayMsg, RelayPayload } from './protocol';
import { createOutbox, estimateChars, isAck } from './relay-outbox';

/** A clock the test advances by hand: timers run in time order. */
function manualClock() {
  let now = 0;
  let id = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    setTimeout: (fn: () => void, ms: number) => {
      timers.set(++id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (h: unknown) => void timers.delete(h as number),
    /** runs every timer due up to `now + ms`, letting promise callbacks run between them */
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        await flushMicrotasks();
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = end;
      await flushMicrotasks();
    },
    pending: () => timers.size,
  };
}

const flushMicrotasks = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

const callsMsg = (i: number): RelayPayload => ({
  type: 'calls',
  calls: [{ vendor: 'oksky', form: 'queue', name: `c${i}`, args: [], origin: 'runtime' }],
  dropped: 0,
});

/** What the background does with one try: applies and answers, applies and dies before answering, dies before applying, or never answers. */
type Fate = 'ok' | 'ack-lost' | 'lost' | 'silent';

describe('relay outbox', () => {
  it('numbers messages 1, 2, … with the document id and forgets each once acknowledged', async () => {
    const clock = manualClock();
    const sent: RelayMsg[] = [];
    const box = createOutbox({
      doc: 'd1',
      send: (m) => {
        sent.push(m);
        return Promise.resolve({ ack: m.seq, ok: true });
      },
      ...clock,
    });
    box.post(callsMsg(1));
    box.post(callsMsg(2));
    expect(sent.map((m) => [m.doc, m.seq])).toEqual([
      ['d1', 1],
      ['d1', 2],
    ]);
    await clock.advance(0);
    expect(box.pending()).toEqual([]);
    expect(clock.pending()).toBe(0);
    expect(box.stats()).toMatchObject({ sent: 2, resent: 0, acked: 2 });
  });

  it('a send that fails (the worker stopped while it held the message) is sent again, same number', async () => {
    const clock = manualClock();
    const sent: RelayMsg[] = [];
    let fail = true;
    const box = createOutbox({
      doc: 'd1',
      send: (m) => {
        sent.push(m);
        if (fail) {
          fail = false;
          return Promise.reject(new Error('A listener indicated an asynchronous response by returning true, but the message channel closed'));
        }
        return Promise.resolve({ ack: m.seq, ok: true });
      },
      ...clock,
    });
    box.post(callsMsg(1));
    await clock.advance(0);
    expect(sent).toHaveLength(1);
    expect(box.pending()).toEqual([1]);
    await clock.advance(100);
    expect(sent.map((m) => m.seq)).toEqual([1, 1]);
    expect(box.pending()).toEqual([]);
  });

  it('an answer that is not the acknowledgement, or none in time, counts as a failure; an acknowledgement of an earlier try still counts', async () => {
    const clock = manualClock();
    const answers: ((v: unknown) => void)[] = [];
    const box = createOutbox({ doc: 'd', send: () => new Promise((r) => answers.push(r)), ackTimeoutMs: 1_000, ...clock });
    box.post(callsMsg(1));
    answers[0]!(undefined); // no listener answered
    await clock.advance(100);
    expect(answers).toHaveLength(2);
    await clock.advance(1_000); // no answer in time
    await clock.advance(200);
    expect(answers).toHaveLength(3);
    answers[1]!({ ack: 1, ok: true }); // the second try's answer comes late: it acknowledges the message
    await clock.advance(0);
    expect(box.pending()).toEqual([]);
    expect(isAck({ ack: 2, ok: true }, 1)).toBe(false);
  });

  it('gives up after the allowed tries, and at once for everything when the extension is gone', async () => {
    const clock = manualClock();
    let tries = 0;
    const box = createOutbox({ doc: 'd', send: () => (tries++, Promise.reject(new Error('closed'))), maxAttempts: 3, ...clock });
    box.post(callsMsg(1));
    await clock.advance(60_000);
    expect(tries).toBe(3);
    expect(box.pending()).toEqual([]);
    expect(clock.pending()).toBe(0);

    let calls = 0;
    const gone = createOutbox({
      doc: 'd',
      send: () => {
        calls++;
        throw new Error('Extension context invalidated.');
      },
      ...clock,
    });
    gone.post(callsMsg(1));
    gone.post(callsMsg(2));
    await clock.advance(60_000);
    expect(calls).toBe(1);
    expect(gone.pending()).toEqual([]);
  });

  it('stays within its bounds: the oldest messages stop being resent', async () => {
    const clock = manualClock();
    const box = createOutbox({ doc: 'd', send: () => new Promise(() => undefined), maxCount: 5, maxChars: 10_000, ...clock });
    for (let i = 0; i < 20; i++) box.post(callsMsg(i));
    expect(box.pending()).toEqual([16, 17, 18, 19, 20]);
    const big: RelayPayload = {
      type: 'page',
      url: 'https://shop.example.jp/',
      time: 1,
      light: false,
      scripts: [{ text: 'x'.repeat(6_000), line: 1, column: 1 }],
      scriptUrls: [],
      controls: [],
      passwordField: false,
    };
    expect(estimateChars(big)).toBeGreaterThan(6_000);
    box.post(big);
    box.post({ ...big, title: 'second' });
    // two pages of ~6,000 characters do not fit in 10,000: only the newest is kept
    expect(box.pending()).toEqual([22]);
    box.stop();
    expect(box.pending()).toEqual([]);
    expect(clock.pending()).toBe(0);
  });

  it('whatever the background loses, each message reaches it (within the tries allowed) and is then no longer sent', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        // the fate of each try, in the order tries happen; after the list, every try succeeds
        fc.array(fc.constantFrom<Fate>('ok', 'ack-lost', 'lost', 'silent'), { maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 10 }),
        async (count, fates, latencies) => {
          const clock = manualClock();
          const applied = new Set<number>();
          let t = 0;
          const box = createOutbox({
            doc: 'd',
            maxAttempts: 40,
            ackTimeoutMs: 1_000,
            ...clock,
            send: (m) => {
              const fate = fates[t] ?? 'ok';
              const delay = latencies[t % latencies.length]!;
              t++;
              return new Promise((resolve, reject) => {
                if (fate === 'silent') return;
                clock.setTimeout(() => {
                  if (fate === 'lost') return reject(new Error('closed'));
                  applied.add(m.seq!);
                  if (fate === 'ack-lost') reject(new Error('closed'));
                  else resolve({ ack: m.seq, ok: true });
                }, delay);
              });
            },
          });
          for (let i = 0; i < count; i++) box.post(callsMsg(i));
          await clock.advance(10 * 60_000);
          expect(box.pending()).toEqual([]);
          // every number reached the background (a second delivery is the store's to ignore: session-store.property.test.ts)
          expect([...applied].sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
          expect(box.stats().givenUp).toBe(0);
          expect(clock.pending()).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});
