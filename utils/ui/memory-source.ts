/**
 * An in-memory SessionSource: the panel's test double, and the home of an imported HAR
 * (which has no browser tab behind it).
 */
import type { LoginState, Session } from '../core/model';
import type { SessionSource, TabCapture } from './source';

export const DEFAULT_LIMITS = { pages: 50, requests: 10_000 } as const;

export interface MemorySource extends SessionSource {
  /** replaces (or creates) a tab's capture and notifies subscribers */
  put(tabId: number, session: Session, extra?: Partial<Omit<TabCapture, 'tabId' | 'session'>>): void;
  get(tabId: number): TabCapture | undefined;
  /** every call made through the SessionSource methods, for tests */
  readonly calls: { method: 'setStateOverride' | 'clear'; tabId: number; pageId?: string; state?: LoginState | null }[];
}

export function emptyCapture(tabId: number): TabCapture {
  return {
    tabId,
    session: { pages: [], requests: [] },
    overrides: {},
    siteAccess: 'unknown',
    limits: { ...DEFAULT_LIMITS },
    updatedAt: 0,
  };
}

export function createMemorySource(initial: TabCapture[] = []): MemorySource {
  const captures = new Map<number, TabCapture>(initial.map((c) => [c.tabId, c]));
  const listeners = new Map<number, Set<(c: TabCapture) => void>>();
  const calls: MemorySource['calls'] = [];

  const emit = (tabId: number) => {
    const capture = captures.get(tabId) ?? emptyCapture(tabId);
    for (const l of listeners.get(tabId) ?? []) l(capture);
  };
  const update = (tabId: number, change: (c: TabCapture) => TabCapture) => {
    captures.set(tabId, change(captures.get(tabId) ?? emptyCapture(tabId)));
    emit(tabId);
  };

  return {
    calls,
    subscribe(tabId, listener) {
      let set = listeners.get(tabId);
      if (!set) listeners.set(tabId, (set = new Set()));
      set.add(listener);
      listener(captures.get(tabId) ?? emptyCapture(tabId));
      return () => {
        set.delete(listener);
      };
    },
    async setStateOverride(tabId, pageId, state) {
      calls.push({ method: 'setStateOverride', tabId, pageId, state });
      update(tabId, (c) => {
        const overrides = { ...c.overrides };
        if (state === null) delete overrides[pageId];
        else overrides[pageId] = state;
        return { ...c, overrides, updatedAt: Date.now() };
      });
    },
    async clear(tabId) {
      calls.push({ method: 'clear', tabId });
      update(tabId, (c) => ({ ...c, session: { pages: [], requests: [] }, overrides: {}, updatedAt: Date.now() }));
    },
    put(tabId, session, extra) {
      update(tabId, (c) => ({ ...c, ...extra, tabId, session, updatedAt: Date.now() }));
    },
    get(tabId) {
      return captures.get(tabId);
    },
  };
}
