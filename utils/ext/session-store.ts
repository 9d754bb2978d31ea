/**
 * The per-tab session timeline kept by the background: pages in visit order (across
 * navigations), each with its static evidence, login state and runtime calls, and the vendors'
 * requests. Bounded (LIMITS.pages / LIMITS.requests per tab, oldest dropped and counted) and
 * persisted through a small key-value interface (`browser.storage.session` in the extension) so
 * that a service-worker restart loses nothing.
 *
 * Design (why no event is lost):
 * - One operation at a time per tab (a promise chain), and the first operation of a tab reads the
 *   stored copy before it applies: an event that woke a restarted worker is applied on top of
 *   what the previous worker stored, never on an empty session that later overwrites it.
 * - Write-through: every change is written right after it is applied, not after a debounce, so a
 *   worker stopped soon after an event (Chrome stops idle workers; an update or a crash stops
 *   them at any time) has already stored it. At most one write per tab is in flight; changes made
 *   meanwhile are written by the next one, so writes of one tab can never land out of order.
 * - The tab is stored in pieces: a small head (page order, counters, overrides), one entry per
 *   page and the requests in chunks, and a write carries only the pieces that changed — the cost
 *   of a write does not grow with the session.
 * - Evidence that arrives before its page is known is kept: a request keeps the document id
 *   Chrome gave it and is attached to its page when the session is read (`toSession`); runtime
 *   calls whose page has not reported yet create the page record, which the page's own report
 *   fills in when it arrives.
 *
 * No browser API here: the background injects the storage, tests use a Map.
 */
import type { LoginState, NetworkRequest, Page, Session, TagCall } from '../core/model';
import { inferLoginState } from '../core/state';
import { cspRequest } from './network';
import { LIMITS, type PageMsg, type RelayMsg } from './protocol';

/** The subset of `chrome.storage.StorageArea` the store uses (several keys per call, as Chrome's). */
export interface KeyValueStorage {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
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
  /** made from evidence that arrived before the page's own report (its time is an estimate until then) */
  provisional?: true;
}

/**
 * The relay messages of one document already applied: every number up to `lo`, and those in `x`
 * (numbers above `lo` that arrived before a smaller one: a resend after a worker restart).
 */
export interface AppliedDoc {
  doc: string;
  lo: number;
  x: number[];
}

/** documents whose applied message numbers are kept per tab (the most recent ones) */
export const APPLIED_DOCS = 32;
/** numbers kept above `lo` per document (the relay keeps at most 64 messages unacknowledged) */
export const APPLIED_GAPS = 256;

export interface TabState {
  tabId: number;
  pages: PageRecord[];
  requests: RequestRecord[];
  overrides: Record<string, LoginState>;
  dropped: { pages: number; requests: number; calls: number };
  seq: number;
  updatedAt: number;
  /** relay messages applied, per document, most recent last (a resend is recognised and ignored) */
  applied: AppliedDoc[];
}

export function emptyTabState(tabId: number): TabState {
  return { tabId, pages: [], requests: [], overrides: {}, dropped: { pages: 0, requests: 0, calls: 0 }, seq: 0, updatedAt: 0, applied: [] };
}

function isAppliedDoc(v: unknown): v is AppliedDoc {
  if (!v || typeof v !== 'object') return false;
  const a = v as Partial<AppliedDoc>;
  return typeof a.doc === 'string' && typeof a.lo === 'number' && Array.isArray(a.x) && a.x.every((n) => typeof n === 'number');
}

/** Requests per stored chunk. */
export const REQUEST_CHUNK = 100;

/** Storage keys of a tab: its head, one per page, one per chunk of requests. */
export const storageKeys = {
  head: (tabId: number) => `s:${tabId}`,
  page: (tabId: number, pageId: string) => `s:${tabId}:p:${pageId}`,
  chunk: (tabId: number, k: number) => `s:${tabId}:r:${k}`,
};

interface StoredHead {
  v: 2;
  tabId: number;
  pageIds: string[];
  /** sequence number of the first kept request (requests[i] has number reqBase + i) */
  reqBase: number;
  reqCount: number;
  overrides: Record<string, LoginState>;
  dropped: TabState['dropped'];
  seq: number;
  updatedAt: number;
  applied?: AppliedDoc[];
}

interface StoredChunk {
  /** sequence number of items[0] */
  start: number;
  items: RequestRecord[];
}

function isHead(v: unknown, tabId: number): v is StoredHead {
  if (!v || typeof v !== 'object') return false;
  const h = v as Partial<StoredHead>;
  return (
    h.v === 2 &&
    h.tabId === tabId &&
    Array.isArray(h.pageIds) &&
    typeof h.reqBase === 'number' &&
    typeof h.reqCount === 'number' &&
    typeof h.overrides === 'object' &&
    h.overrides !== null
  );
}

function isPageRecord(v: unknown): v is PageRecord {
  if (!v || typeof v !== 'object') return false;
  const p = (v as Partial<PageRecord>).page;
  return !!p && typeof p.id === 'string' && typeof p.url === 'string' && Array.isArray(p.scripts) && Array.isArray(p.runtimeCalls);
}

function isChunk(v: unknown): v is StoredChunk {
  return !!v && typeof v === 'object' && typeof (v as StoredChunk).start === 'number' && Array.isArray((v as StoredChunk).items);
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
  // runtime calls the bounds dropped (renkei/input-limited says how many)
  if (state.dropped.calls > 0) session.limits = [{ kind: 'relay-calls', skipped: state.dropped.calls, unit: 'items' }];
  return session;
}

export interface StoreOptions {
  storage: KeyValueStorage;
  onChange?: (tabId: number) => void;
  now?: () => number;
  /** pages kept with their script text when the storage is full (older ones are stored without) */
  keepFullPages?: number;
}

/** What one operation changed, so that only those pieces are written. */
interface Changes {
  pages: Set<string>;
  chunks: Set<number>;
  removed: Set<string>;
}

interface TabEntry {
  state: TabState;
  /** sequence number of state.requests[0] */
  reqBase: number;
  /** pieces changed since the last write started */
  dirty: Changes;
  headDirty: boolean;
  /** the write in flight, if any */
  writing?: Promise<void>;
  /** pages stored without script text because the storage was full */
  slim: Set<string>;
  /** changes applied so far (one per operation that changed the tab) */
  gen: number;
  /** changes written to the storage so far */
  savedGen: number;
  /** `persisted` calls waiting for a change to be written */
  waiters: { gen: number; resolve: () => void }[];
  /** the storage held the tab when it was read (or its read failed: assume it did) */
  stored: boolean;
}

const noChanges = (): Changes => ({ pages: new Set(), chunks: new Set(), removed: new Set() });

export class SessionStore {
  private readonly tabs = new Map<number, TabEntry>();
  private readonly locks = new Map<number, Promise<unknown>>();
  private readonly now: () => number;

  constructor(private readonly opts: StoreOptions) {
    this.now = opts.now ?? (() => Date.now());
  }

  /** Runs `fn` on the tab's state, one operation at a time per tab, then writes what changed. */
  private run<T>(tabId: number, fn: (s: TabState, tx: Tx) => T, change = true): Promise<T> {
    const prev = this.locks.get(tabId) ?? Promise.resolve();
    const next = prev
      .catch(() => undefined)
      .then(async () => {
        const entry = await this.load(tabId);
        const tx = new Tx(tabId, entry);
        const result = fn(entry.state, tx);
        if (change) {
          entry.state.updatedAt = this.now();
          entry.headDirty = true;
          entry.gen++;
          this.write(tabId, entry);
          this.opts.onChange?.(tabId);
        }
        return result;
      });
    this.locks.set(tabId, next);
    return next;
  }

  private async load(tabId: number): Promise<TabEntry> {
    const cached = this.tabs.get(tabId);
    if (cached) return cached;
    const state = emptyTabState(tabId);
    let reqBase = 0;
    const storage = this.opts.storage;
    // a failed read is tried again: starting empty would later overwrite what is stored
    const read = async (keys: string[]): Promise<Record<string, unknown>> => {
      let lastError: unknown;
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          return (await storage.get(keys)) ?? {};
        } catch (e) {
          lastError = e;
          await Promise.resolve();
        }
      }
      throw lastError;
    };
    let head: unknown;
    let stored: boolean;
    try {
      head = (await read([storageKeys.head(tabId)]))[storageKeys.head(tabId)];
      stored = head !== undefined;
    } catch {
      head = undefined;
      stored = true;
    }
    if (isHead(head, tabId)) {
      const first = Math.floor(head.reqBase / REQUEST_CHUNK);
      const last = head.reqCount > 0 ? Math.floor((head.reqBase + head.reqCount - 1) / REQUEST_CHUNK) : first - 1;
      const chunkKeys: string[] = [];
      for (let k = first; k <= last; k++) chunkKeys.push(storageKeys.chunk(tabId, k));
      let got: Record<string, unknown>;
      try {
        got = await read([...head.pageIds.map((id) => storageKeys.page(tabId, id)), ...chunkKeys]);
      } catch {
        got = {};
      }
      for (const id of head.pageIds) {
        const rec = got[storageKeys.page(tabId, id)];
        if (isPageRecord(rec)) state.pages.push(rec);
      }
      const end = head.reqBase + head.reqCount;
      let n = head.reqBase;
      for (const key of chunkKeys) {
        const chunk = got[key];
        if (!isChunk(chunk)) continue;
        chunk.items.forEach((item, i) => {
          const at = chunk.start + i;
          if (at >= n && at < end) {
            state.requests.push(item);
            n = at + 1;
          }
        });
      }
      reqBase = head.reqBase;
      state.overrides = { ...head.overrides };
      state.dropped = { ...emptyTabState(tabId).dropped, ...head.dropped };
      state.seq = head.seq ?? 0;
      state.updatedAt = head.updatedAt ?? 0;
      state.applied = Array.isArray(head.applied) ? head.applied.filter(isAppliedDoc).slice(-APPLIED_DOCS) : [];
    }
    const entry: TabEntry = { state, reqBase, dirty: noChanges(), headDirty: false, slim: new Set(), gen: 0, savedGen: 0, waiters: [], stored };
    this.tabs.set(tabId, entry);
    return entry;
  }

  /** Starts writing the tab's changed pieces unless a write is in flight (that one writes them when it ends). */
  private write(tabId: number, entry: TabEntry): void {
    if (entry.writing) return;
    const loop = async () => {
      // yield once so that operations already queued behind this one are written together
      await Promise.resolve();
      while (this.tabs.get(tabId) === entry && (entry.headDirty || entry.dirty.pages.size || entry.dirty.chunks.size || entry.dirty.removed.size)) {
        const changes = entry.dirty;
        entry.dirty = noChanges();
        entry.headDirty = false;
        // every change up to `gen` is in `changes` (operations apply synchronously)
        const gen = entry.gen;
        if (await this.persistChanges(tabId, entry, changes)) this.saved(entry, gen);
      }
    };
    entry.writing = loop().finally(() => {
      entry.writing = undefined;
      // a change applied between the loop's last check and here is written by a new loop
      if (this.tabs.get(tabId) === entry && (entry.headDirty || entry.dirty.pages.size || entry.dirty.chunks.size || entry.dirty.removed.size)) {
        this.write(tabId, entry);
      }
    });
  }

  private saved(entry: TabEntry, gen: number) {
    entry.savedGen = Math.max(entry.savedGen, gen);
    const ready = entry.waiters.filter((w) => w.gen <= entry.savedGen);
    entry.waiters = entry.waiters.filter((w) => w.gen > entry.savedGen);
    for (const w of ready) w.resolve();
  }

  /**
   * Resolves once every change applied to the tab so far is written to the storage (the relay's
   * acknowledgement waits for it: a worker stopped after the acknowledgement has stored the message).
   */
  async persisted(tabId: number): Promise<void> {
    await this.locks.get(tabId)?.catch(() => undefined);
    const entry = this.tabs.get(tabId);
    if (!entry || entry.savedGen >= entry.gen) return;
    const gen = entry.gen;
    await new Promise<void>((resolve) => entry.waiters.push({ gen, resolve }));
  }

  private headOf(entry: TabEntry): StoredHead {
    const s = entry.state;
    return {
      v: 2,
      tabId: s.tabId,
      pageIds: s.pages.map((p) => p.page.id),
      reqBase: entry.reqBase,
      reqCount: s.requests.length,
      overrides: { ...s.overrides },
      dropped: { ...s.dropped },
      seq: s.seq,
      updatedAt: s.updatedAt,
      applied: s.applied.map((a) => ({ doc: a.doc, lo: a.lo, x: [...a.x] })),
    };
  }

  private chunkOf(entry: TabEntry, k: number): StoredChunk | undefined {
    const from = Math.max(k * REQUEST_CHUNK, entry.reqBase);
    const to = Math.min((k + 1) * REQUEST_CHUNK, entry.reqBase + entry.state.requests.length);
    if (to <= from) return undefined;
    return { start: from, items: entry.state.requests.slice(from - entry.reqBase, to - entry.reqBase) };
  }

  private slimPage(rec: PageRecord): PageRecord {
    return { ...rec, page: { ...rec.page, scripts: rec.page.scripts.map((s) => ({ ...s, text: '', truncated: true })), truncated: true } };
  }

  /** Writes the changed pieces; false when the storage refused them (they stay dirty). */
  private async persistChanges(tabId: number, entry: TabEntry, changes: Changes): Promise<boolean> {
    const storage = this.opts.storage;
    const s = entry.state;
    const items: Record<string, unknown> = {};
    const removals = new Set(changes.removed);
    for (const id of changes.pages) {
      const rec = s.pages.find((p) => p.page.id === id);
      if (rec) items[storageKeys.page(tabId, id)] = entry.slim.has(id) ? this.slimPage(rec) : rec;
    }
    for (const k of changes.chunks) {
      const chunk = this.chunkOf(entry, k);
      if (chunk) items[storageKeys.chunk(tabId, k)] = chunk;
      else removals.add(storageKeys.chunk(tabId, k));
    }
    items[storageKeys.head(tabId)] = this.headOf(entry);
    for (const key of Object.keys(items)) removals.delete(key);
    try {
      if (removals.size) await storage.remove([...removals]);
      await storage.set(items);
      return true;
    } catch {
      // the storage is full: older pages are stored without their script text (the in-memory
      // copy keeps everything; a page read back after a restart says it was cut)
      const keep = this.opts.keepFullPages ?? 5;
      const slimItems: Record<string, unknown> = {};
      s.pages.forEach((rec, i) => {
        if (i < s.pages.length - keep) {
          entry.slim.add(rec.page.id);
          slimItems[storageKeys.page(tabId, rec.page.id)] = this.slimPage(rec);
        }
      });
      try {
        await storage.set({ ...slimItems });
        for (const key of Object.keys(slimItems)) delete items[key];
        await storage.set(items);
        return true;
      } catch {
        /* storage unavailable: the in-memory copy remains, and the next change tries again */
        for (const id of changes.pages) entry.dirty.pages.add(id);
        for (const k of changes.chunks) entry.dirty.chunks.add(k);
        return false;
      }
    }
  }

  /** Resolves when every operation so far has been applied and written. */
  async flush(): Promise<void> {
    for (;;) {
      await Promise.all([...this.locks.values()].map((p) => p.catch(() => undefined)));
      const writing = [...this.tabs.values()].map((e) => e.writing).filter((w): w is Promise<void> => !!w);
      if (writing.length === 0) return;
      await Promise.all(writing);
    }
  }

  get(tabId: number): Promise<TabState> {
    return this.run(tabId, (s) => s, false);
  }

  /** Forgets an in-memory copy (simulates a service-worker restart in tests). */
  evict(tabId: number) {
    this.tabs.delete(tabId);
  }

  pageStart(tabId: number, documentId: string | undefined, url: string, time: number): Promise<string> {
    return this.run(tabId, (s, tx) => {
      const existing = documentId ? tx.findPage(documentId) : undefined;
      return (existing ?? tx.addPage(url, time, documentId)).page.id;
    });
  }

  pageData(tabId: number, documentId: string | undefined, msg: PageMsg): Promise<string> {
    return this.run(tabId, (_s, tx) => applyPage(tx, documentId, msg));
  }

  /**
   * A relay message (page report, calls, CSP violations), applied once: a message whose
   * (document, number) was applied already — a resend after a lost acknowledgement — changes
   * nothing. The document is Chrome's `documentId` when there is one, else the relay's own id.
   * Resolves with whether it was applied.
   */
  relay(tabId: number, documentId: string | undefined, msg: RelayMsg, senderUrl?: string): Promise<boolean> {
    const key = documentId ?? (msg.doc ? `r:${msg.doc}` : undefined);
    return this.run(tabId, (s, tx) => {
      if (key !== undefined && msg.seq !== undefined && !tx.firstTime(key, msg.seq)) return false;
      switch (msg.type) {
        case 'page':
          applyPage(tx, documentId, msg);
          // the calls recorded before the report travel with it
          if ((msg.calls && msg.calls.length > 0) || (msg.dropped ?? 0) > 0) this.applyCalls(s, tx, documentId, msg.calls ?? [], msg.dropped ?? 0, senderUrl);
          break;
        case 'calls':
          this.applyCalls(s, tx, documentId, msg.calls, msg.dropped, senderUrl);
          break;
        case 'csp':
          msg.violations.forEach((v, i) => applyRequest(s, tx, cspRequest(i, v, documentId)));
          break;
      }
      return true;
    });
  }

  /**
   * Runtime calls of a document. When the document's page has not reported yet (the calls
   * arrived first), its page record is created from the sender's address and filled in later.
   */
  calls(tabId: number, documentId: string | undefined, calls: TagCall[], dropped: number, url?: string): Promise<void> {
    return this.run(tabId, (s, tx) => this.applyCalls(s, tx, documentId, calls, dropped, url));
  }

  private applyCalls(s: TabState, tx: Tx, documentId: string | undefined, calls: TagCall[], dropped: number, url?: string) {
    let rec = tx.findPage(documentId);
    if (!rec && url) {
      rec = tx.addPage(url, this.now(), documentId);
      rec.provisional = true;
    }
    if (!rec) {
      s.dropped.calls += calls.length + dropped;
      return;
    }
    const room = LIMITS.callsPerPage - rec.page.runtimeCalls.length;
    rec.page.runtimeCalls.push(...calls.slice(0, Math.max(0, room)));
    s.dropped.calls += Math.max(0, calls.length - room) + dropped;
    tx.touchPage(rec);
  }

  addRequest(tabId: number, req: RequestRecord): Promise<void> {
    return this.run(tabId, (s, tx) => applyRequest(s, tx, req));
  }

  updateRequest(tabId: number, id: string, patch: Partial<NetworkRequest>): Promise<boolean> {
    return this.run(tabId, (s, tx) => {
      for (let i = s.requests.length - 1; i >= 0; i--) {
        const r = s.requests[i]!;
        if (r.id === id) {
          Object.assign(r, patch);
          tx.touchRequest(i);
          return true;
        }
      }
      return false;
    });
  }

  /**
   * The end of a request (status or error). Its duration is measured from the start the record
   * holds, so a request that started under the previous worker still gets one.
   */
  finishRequest(tabId: number, id: string, time: number, patch: { status?: number; error?: string }): Promise<boolean> {
    return this.run(tabId, (s, tx) => {
      for (let i = s.requests.length - 1; i >= 0; i--) {
        const r = s.requests[i]!;
        if (r.id === id) {
          Object.assign(r, patch, { durationMs: Math.max(0, Math.round((time - r.time) * 1000) / 1000) });
          tx.touchRequest(i);
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
    return this.run(tabId, (s, tx) => tx.clear());
  }

  /** The tab was closed: forget it. */
  async remove(tabId: number): Promise<void> {
    const entry = await this.run(tabId, (_s, tx) => tx.entry, false);
    await entry.writing;
    this.tabs.delete(tabId);
    this.locks.delete(tabId);
    // nothing more will be written for the tab: nobody waits for it
    for (const w of entry.waiters.splice(0)) w.resolve();
    // a tab nothing was ever stored for (a site not turned on): no storage call
    if (!entry.stored && entry.gen === 0) return;
    const s = entry.state;
    const keys = [storageKeys.head(tabId), ...s.pages.map((p) => storageKeys.page(tabId, p.page.id))];
    if (s.requests.length) {
      for (let k = Math.floor(entry.reqBase / REQUEST_CHUNK); k <= Math.floor((entry.reqBase + s.requests.length - 1) / REQUEST_CHUNK); k++) {
        keys.push(storageKeys.chunk(tabId, k));
      }
    }
    try {
      await this.opts.storage.remove(keys);
    } catch {
      /* nothing stored */
    }
  }
}

function applyPage(tx: Tx, documentId: string | undefined, msg: PageMsg): string {
  const rec = tx.findPage(documentId) ?? tx.addPage(msg.url, msg.time, documentId);
  const p = rec.page;
  p.url = msg.url;
  if (rec.provisional) {
    p.time = msg.time;
    delete rec.provisional;
  }
  if (msg.title) p.title = msg.title;
  // a document's reports go from light to full, never back: a light report that arrives after
  // the full one (resent after a worker restart) leaves the full evidence as it is
  if (msg.light && !rec.light) {
    tx.touchPage(rec);
    return p.id;
  }
  rec.light = msg.light;
  if (!msg.light) {
    p.scripts = msg.scripts;
    p.scriptUrls = msg.scriptUrls;
    p.state = inferLoginState({ controls: msg.controls, passwordField: msg.passwordField });
    if (msg.truncated) p.truncated = true;
    if (msg.limits && msg.limits.length > 0) p.limits = msg.limits;
  }
  tx.touchPage(rec);
  return p.id;
}

function applyRequest(s: TabState, tx: Tx, req: RequestRecord) {
  s.requests.push(req);
  tx.touchRequest(s.requests.length - 1);
  while (s.requests.length > LIMITS.requests) tx.dropOldestRequest();
}

/** One operation's view of a tab: it records what it changes. */
class Tx {
  constructor(
    private readonly tabId: number,
    readonly entry: TabEntry,
  ) {}

  private get s() {
    return this.entry.state;
  }

  /** Whether message `seq` of document `doc` is applied for the first time (then it is marked applied). */
  firstTime(doc: string, seq: number): boolean {
    const list = this.s.applied;
    const at = list.findIndex((a) => a.doc === doc);
    const a = at >= 0 ? list.splice(at, 1)[0]! : { doc, lo: 0, x: [] };
    // the most recent document last; the oldest are forgotten
    list.push(a);
    while (list.length > APPLIED_DOCS) list.shift();
    if (seq <= a.lo || a.x.includes(seq)) return false;
    a.x.push(seq);
    a.x.sort((p, q) => p - q);
    while (a.x[0] === a.lo + 1) {
      a.lo++;
      a.x.shift();
    }
    // too many gaps (messages that never came): the oldest gaps are given up
    while (a.x.length > APPLIED_GAPS) a.lo = a.x.shift()!;
    return true;
  }

  findPage(documentId: string | undefined): PageRecord | undefined {
    if (documentId) return this.s.pages.find((p) => p.documentId === documentId);
    return this.s.pages[this.s.pages.length - 1];
  }

  touchPage(rec: PageRecord) {
    this.entry.dirty.pages.add(rec.page.id);
  }

  touchRequest(index: number) {
    this.entry.dirty.chunks.add(Math.floor((this.entry.reqBase + index) / REQUEST_CHUNK));
  }

  addPage(url: string, time: number, documentId: string | undefined): PageRecord {
    const s = this.s;
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
    this.touchPage(rec);
    while (s.pages.length > LIMITS.pages) {
      // pages without a tag (address and title only) go first: they carry the least evidence
      const light = s.pages.findIndex((p, i) => p.light && i < s.pages.length - 1);
      const gone = s.pages.splice(light >= 0 ? light : 0, 1)[0]!;
      s.dropped.pages++;
      delete s.overrides[gone.page.id];
      this.forgetPage(gone.page.id);
    }
    return rec;
  }

  private forgetPage(id: string) {
    this.entry.dirty.pages.delete(id);
    this.entry.slim.delete(id);
    this.entry.dirty.removed.add(storageKeys.page(this.tabId, id));
  }

  dropOldestRequest() {
    const e = this.entry;
    e.state.requests.shift();
    e.state.dropped.requests++;
    const k = Math.floor(e.reqBase / REQUEST_CHUNK);
    e.reqBase++;
    // the chunk is rewritten without it, or removed when it is empty
    e.dirty.chunks.add(k);
  }

  clear() {
    const e = this.entry;
    const s = e.state;
    for (const p of s.pages) this.forgetPage(p.page.id);
    if (s.requests.length) {
      for (let k = Math.floor(e.reqBase / REQUEST_CHUNK); k <= Math.floor((e.reqBase + s.requests.length - 1) / REQUEST_CHUNK); k++) {
        e.dirty.chunks.add(k);
      }
    }
    const { seq, applied } = s;
    e.reqBase += s.requests.length;
    // the applied message numbers stay: a resend after the clearing must not bring evidence back
    Object.assign(s, emptyTabState(this.tabId), { seq, applied });
  }
}
