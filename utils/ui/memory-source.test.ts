import { describe, expect, it } from 'vitest';
import { createMemorySource, emptyCapture } from './memory-source';
import type { TabCapture } from './source';

describe('memory SessionSource', () => {
  it('delivers the current capture at once and every change, until unsubscribed', async () => {
    const source = createMemorySource();
    const seen: TabCapture[] = [];
    const off = source.subscribe(1, (c) => seen.push(c));
    expect(seen).toEqual([emptyCapture(1)]);
    source.put(1, { pages: [], requests: [{ id: 'r', url: 'https://a.example.jp/', method: 'GET', time: 1 }] });
    expect(seen.at(-1)!.session.requests).toHaveLength(1);
    await source.setStateOverride(1, 'p1', 'logged-in');
    expect(seen.at(-1)!.overrides).toEqual({ p1: 'logged-in' });
    await source.setStateOverride(1, 'p1', null);
    expect(seen.at(-1)!.overrides).toEqual({});
    await source.clear(1);
    expect(seen.at(-1)!.session.requests).toHaveLength(0);
    off();
    const n = seen.length;
    source.put(1, { pages: [], requests: [] });
    expect(seen).toHaveLength(n);
    // other tabs are independent
    const other: TabCapture[] = [];
    source.subscribe(2, (c) => other.push(c));
    expect(other).toHaveLength(1);
    expect(source.calls.map((c) => c.method)).toEqual(['setStateOverride', 'setStateOverride', 'clear']);
  });
});
