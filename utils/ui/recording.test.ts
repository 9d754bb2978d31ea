import { describe, expect, it } from 'vitest';
import { fixtureCapture } from '../../components/__fixtures__/session';
import { compareCore } from '../../components/compare/core';
import { Snapshot } from '../core/snapshot';
import {
  clearSlot,
  emptyRecordings,
  latestPageCapture,
  loadRecordings,
  mergeSnapshots,
  recordingPlan,
  RecordingError,
  recordSlot,
  suggestLabel,
  type BuildSnapshot,
  type Recordings,
} from './recording';

const build: BuildSnapshot = (capture, meta) => compareCore.snapshotOf(capture, { version: '1.0.0', lang: 'ja', env: meta.env, salt: meta.salt });

function memory(initial?: unknown) {
  let value = initial;
  return {
    load: async () => value,
    save: async (v: Recordings) => {
      value = JSON.parse(JSON.stringify(v));
    },
    get value() {
      return value;
    },
  };
}

describe('recording', () => {
  it('takes only the latest page and its requests, with the slot’s login state', () => {
    const c = fixtureCapture(3);
    const one = latestPageCapture(c, 'production-in')!;
    expect(one.session.pages.map((p) => p.id)).toEqual(['p2']);
    expect(one.session.requests.map((r) => r.id)).toEqual(['r3', 'r4']);
    expect(one.overrides).toEqual({ p2: 'logged-in' });
    expect(latestPageCapture({ ...c, session: { pages: [], requests: [] } }, 'staging-in')).toBeUndefined();
  });

  it('records into a slot with the env label and the records’ salt, and throws without a page', () => {
    const r0 = emptyRecordings('salt-abcdef123');
    const r1 = recordSlot(r0, 'staging-out', fixtureCapture(3), build, new Date('2026-11-22T00:00:00Z'));
    const e = r1.slots['staging-out']!;
    expect(e.snapshot.env).toBe('staging');
    expect(e.snapshot.pages).toHaveLength(1);
    expect(e.snapshot.pages[0]!.state).toBe('logged-out');
    expect(e.recordedAt).toBe('2026-11-22T00:00:00.000Z');
    expect(r0.slots['staging-out']).toBeUndefined();
    expect(() => recordSlot(r0, 'staging-in', undefined, build)).toThrow(RecordingError);
    expect(clearSlot(r1, 'staging-out').slots['staging-out']).toBeUndefined();
  });

  it('loads stored records, keeps valid slots of a damaged store, starts fresh from garbage', async () => {
    const r = recordSlot(emptyRecordings('salt-abcdef123'), 'staging-in', fixtureCapture(3), build);
    const m = memory();
    await m.save(r);
    expect((await loadRecordings(m)).slots['staging-in']!.snapshot.pages).toHaveLength(1);
    const damaged = { ...(m.value as object), version: 99, slots: { ...(m.value as Recordings).slots, 'production-in': { snapshot: 'x' } } };
    const back = await loadRecordings(memory(damaged));
    expect(back.salt).toBe('salt-abcdef123');
    expect(back.slots['staging-in']).toBeDefined();
    expect(back.slots['production-in']).toBeUndefined();
    const fresh = await loadRecordings(memory('garbage'));
    expect(fresh.slots).toEqual({});
    expect(fresh.salt.length).toBeGreaterThanOrEqual(8);
    const failing = await loadRecordings({ load: () => Promise.reject(new Error('no storage')), save: async () => undefined });
    expect(failing.version).toBe(1);
  });

  it('merges records per environment and plans the four-way comparison', () => {
    let r = emptyRecordings('salt-abcdef123');
    const session = fixtureCapture(3);
    // staging: page 1 (linkage) logged in; production: page 2 (no linkage) logged in
    const first = { ...session, session: { pages: [session.session.pages[0]!], requests: session.session.requests.filter((q) => q.pageId === 'p1') } };
    r = recordSlot(r, 'staging-in', first, build);
    r = recordSlot(r, 'production-in', session, build);
    let plan = recordingPlan(r);
    expect(plan.loggedIn).toBeDefined();
    expect(plan.loggedOut).toBeUndefined();
    const c = compareCore.compare(plan.loggedIn![0], plan.loggedIn![1], 'ja');
    expect(c.findings.map((f) => f.ruleId)).toContain('compare/linkage-missing');
    // same salt: fingerprints comparable
    expect(c.rows.every((row) => row.comparable !== false)).toBe(true);
    r = recordSlot(r, 'staging-out', session, build);
    plan = recordingPlan(r);
    expect(plan.stagingStates).toBeDefined();
    const merged = mergeSnapshots([r.slots['staging-in']!.snapshot, r.slots['staging-out']!.snapshot], { env: 'staging' })!;
    expect(Snapshot.parse(merged).pages.map((p) => p.state)).toEqual(['logged-in', 'logged-out']);
    expect(merged.requests.filter((q) => q.pageIndex === 1).length).toBeGreaterThan(0);
    expect(plan.overall![0].pages).toHaveLength(2);
  });

  it('suggests staging from host names such as stg., staging., dev., test.', () => {
    for (const h of ['stg.shop.example.jp', 'staging.example.jp', 'dev.example.jp', 'test.example.jp', 'shop-stg.example.jp', 'qa2.example.jp']) expect(suggestLabel(h)).toBe('staging');
    for (const h of ['shop.example.jp', 'www.testament.jp', 'devices.example.jp']) expect(suggestLabel(h)).toBe('production');
    expect(suggestLabel(undefined)).toBeUndefined();
  });
});
