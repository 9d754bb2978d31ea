/**
 * The per-tab session timeline kept by the background: pages in visit order (across
 * navigations), each with its static evidence, login state and runtime calls, and the vendors'
 * requests. Bounded (LIMITS.pages / LIMITS.requests per tab, oldest dropped and counted) and
 * persisted through a small key-value interface (`browser.storage.session` in the extension) so
 * that a service-worker restart loses nothing.
 *
 * No browser API here: the background injects the storage, tests use a Map.
 */
import type { LoginState, NetworkRequest, Page, Session, TagCall } from '../core/model';
import { inferLoginState } from '../core/state';
import { LIMITS, type PageMsg } from './protocol';

export interface KeyValueStorage {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}

/** A request with what the browser told us about its document (resolved to a page when exported). */
export interface RequestRecord extends NetworkRequest {
  documentId?: string;
  parentDocumentId?: string;
  frameId?: number;
}

export interface PageRecord {
  page: Page;
  documentId?: string;
  /** no vendor marker: only address and title */
  light: boolean;
}

export interface TabState {
  tabId: number;
  pages: PageRecord[];
  requests: RequestRecord[];
  overrides: Record<string, LoginState>;
  dropped: { pages: number; requests: number; calls: number };
  seq: number;
  updatedAt: number;
}

export function emptyTabState(tabId: number): TabState {
  return { tabId, pages: [], requests: [], overrides: {}, dropped: { pages: 0, requests: 0, calls: 0 }, seq: 0, updatedAt: 0 };
}

const key = (tabId: number) => `tab:${tabId}`;

function isTabState(v: unknown, tabId: number): v is TabState {
  if (!v || typeof v !== 'object') return false;
  const s = v as Partial<TabState>;
  return s.tabId === tabId && Array.isArray(s.pages) && Array.isArray(s.requests) && typeof s.overrides === 'object';
}

/** The session as the analysis core reads it: every request resolved to the page that made it. */
export function toSession(state: TabState): Session {
  const byDoc = new Map<string, string>();
  for (const r of state.pages) if (r.documentId) byDoc.set(r.documentId, r.page.id);
  const requests: NetworkRequest[] = state.requests.map((r) => {
    const { documentId, parentDocumentId, frameId: _frameId, ...req } = r;
    let pageId = (documentId && byDoc.get(documentId)) || (parentDocumentId && byDoc.get(parentDocumentId)) || undefined;
    if (!pageId) {
      // by time: the last page that started before the request
      for (const p of state.pages) if ((p.page.time ?? 0) <= r.time) pageId = p.page.id;
    }
    return pageId ? { ...req, pageId } : req;
  });
  const session: Session = { pages: state.pages.map((p) => p.page), requests };
  if (state.dropped.pages > 0 || state.dropped.requests > 0) {
    session.dropped = { pages: state.dropped.pages, requests: state.dropped.requests };
  }
  return session;
}

export interface StoreOptions {
  storage: KeyValueStorage;
  onChange?: (tabId: number) => void;
  /** delay before a changed tab is written (ms) */
  persistMs?: number;
  now?: () => number;
}

export class SessionStore {
  private readonly tabs = new Map<number, TabState>();
  private readonly locks = new Map<number, Promise<unknown>>();
  private readonly writes = new Map<number, ReturnType<typeof setTimeout>>();
  private readonly now: () => number;

  constructor(private readonly opts: StoreOptions) {
    this.now = opts.now ?? (() => Date.now());
  }

  /** Runs `fn` on the tab's state, one operation at a time per tab. */
  private run<T>(tabId: number, fn: (s: TabState) => T, change = true): Promise<T> {
    const prev = this.locks.get(tabId) ?? Promise.resolve();
    const next = prev
      .catch(() => undefined)
      .then(async () => {
        const state = await this.load(tabId);
        const result = fn(state);
        if (change) {
          state.updatedAt = this.now();
          this.schedulePersist(tabId);
          this.opts.onChange?.(tabId);
        }
        return result;
      });
    this.locks.set(tabId, next);
    return next;
  }

  private async load(tabId: number): Promise<TabState> {
    const cached = this.tabs.get(tabId);
    if (cached) return cached;
    let stored: unknown;
    try {
      stored = await this.opts.storage.get(key(tabId));
    } catch {
      stored = undefined;
    }
    const state = isTabState(stored, tabId) ? stored : emptyTabState(tabId);
    state.dropped ??= { pages: 0, requests: 0, calls: 0 };
    this.tabs.set(tabId, state);
    return state;
  }

  private schedulePersist(tabId: number) {
    if (this.writes.has(tabId)) return;
    this.writes.set(
      tabId,
      setTimeout(() => {
        this.writes.delete(tabId);
        void this.persist(tabId);
      }, this.opts.persistMs ?? 200),
    );
  }

  /** Writes a tab now; when the storage is full, older pages' script texts are left out of the stored copy. */
  async persist(tabId: number): Promise<void> {
    const state = this.tabs.get(tabId);
    if (!state) return;
    try {
      await this.opts.storage.set(key(tabId), state);
    } catch {
      const slim: TabState = {
        ...state,
        pages: state.pages.map((p, i) =>
          i < state.pages.length - 5
            ? { ...p, page: { ...p.page, scripts: p.page.scripts.map((s) => ({ ...s, text: '', truncated: true })), truncated: true } }
            : p,
        ),
      };
      try {
        await this.opts.storage.set(key(tabId), slim);
      } catch {
        /* storage unavailable: the in-memory copy remains */
      }
    }
  }

  /** Writes every pending tab at once (tests, shutdown). */
  async flush(): Promise<void> {
    const ids = [...this.writes.keys()];
    for (const id of ids) {
      clearTimeout(this.writes.get(id));
      this.writes.delete(id);
    }
    await Promise.all([...this.locks.values()].map((p) => p.catch(() => undefined)));
    await Promise.all(ids.map((id) => this.persist(id)));
  }

  get(tabId: number): Promise<TabState> {
    return this.run(tabId, (s) => s, false);
  }

  /** Forgets an in-memory copy (simulates a service-worker restart in tests). */
  evict(tabId: number) {
    this.tabs.delete(tabId);
  }

  private findPage(s: TabState, documentId: string | undefined): PageRecord | undefined {
    if (documentId) return s.pages.find((p) => p.documentId === documentId);
    return s.pages[s.pages.length - 1];
  }

  private addPage(s: TabState, url: string, time: number, documentId: string | undefined): PageRecord {
    s.seq++;
    const rec: PageRecord = {
      page: {
        id: `p${s.seq}-${time.toString(36)}`,
        url,
        time,
        state: { value: 'unknown', source: 'inferred', hints: [] },
        scripts: [],
        scriptUrls: [],
        runtimeCalls: [],
      },
      ...(documentId ? { documentId } : {}),
      light: true,
    };
    s.pages.push(rec);
    while (s.pages.length > LIMITS.pages) {
      const gone = s.pages.shift()!;
      s.dropped.pages++;
      delete s.overrides[gone.page.id];
    }
    return rec;
  }

  pageStart(tabId: number, documentId: string | undefined, url: string, time: number): Promise<string> {
    return this.run(tabId, (s) => {
      const existing = documentId ? this.findPage(s, documentId) : undefined;
      return (existing ?? this.addPage(s, url, time, documentId)).page.id;
    });
  }

  pageData(tabId: number, documentId: string | undefined, msg: PageMsg): Promise<string> {
    return this.run(tabId, (s) => {
      const rec = this.findPage(s, documentId) ?? this.addPage(s, msg.url, msg.time, documentId);
      const p = rec.page;
      p.url = msg.url;
      if (msg.title) p.title = msg.title;
      rec.light = msg.light;
      if (!msg.light) {
        p.scripts = msg.scripts;
        p.scriptUrls = msg.scriptUrls;
        p.state = inferLoginState({ controls: msg.controls, passwordField: msg.passwordField });
        if (msg.truncated) p.truncated = true;
      }
      return p.id;
    });
  }

  calls(tabId: number, documentId: string | undefined, calls: TagCall[], dropped: number): Promise<void> {
    return this.run(tabId, (s) => {
      const rec = this.findPage(s, documentId);
      if (!rec) {
        s.dropped.calls += calls.length + dropped;
        return;
      }
      const room = LIMITS.callsPerPage - rec.page.runtimeCalls.length;
      rec.page.runtimeCalls.push(...calls.slice(0, Math.max(0, room)));
      s.dropped.calls += Math.max(0, calls.length - room) + dropped;
    });
  }

  addRequest(tabId: number, req: RequestRecord): Promise<void> {
    return this.run(tabId, (s) => {
      s.requests.push(req);
      while (s.requests.length > LIMITS.requests) {
        s.requests.shift();
        s.dropped.requests++;
      }
    });
  }

  updateRequest(tabId: number, id: string, patch: Partial<NetworkRequest>): Promise<boolean> {
    return this.run(tabId, (s) => {
      for (let i = s.requests.length - 1; i >= 0; i--) {
        const r = s.requests[i]!;
        if (r.id === id) {
          Object.assign(r, patch);
          return true;
        }
      }
      return false;
    });
  }

  setOverride(tabId: number, pageId: string, state: LoginState | null): Promise<void> {
    return this.run(tabId, (s) => {
      if (state === null) delete s.overrides[pageId];
      else if (s.pages.some((p) => p.page.id === pageId)) s.overrides[pageId] = state;
    });
  }

  clear(tabId: number): Promise<void> {
    return this.run(tabId, (s) => {
      const seq = s.seq;
      Object.assign(s, emptyTabState(tabId), { seq });
    });
  }

  /** The tab was closed: forget it. */
  async remove(tabId: number): Promise<void> {
    await this.run(tabId, () => undefined, false);
    this.tabs.delete(tabId);
    this.locks.delete(tabId);
    const w = this.writes.get(tabId);
    if (w) clearTimeout(w);
    this.writes.delete(tabId);
    try {
      await this.opts.storage.remove(key(tabId));
    } catch {
      /* nothing stored */
    }
  }
}
