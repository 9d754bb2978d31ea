/**
 * A SessionSource built from `chrome.devtools` alone: for the DevTools panel where the user
 * withheld site access (Chrome's "site access" settings), so neither the content scripts nor
 * webRequest see the page. DevTools still gives:
 * - the network: `devtools.network.getHAR()` and `onRequestFinished` (with request bodies),
 *   turned into requests with `harObjectToSession` (utils/core/har.ts);
 * - the document: `inspectedWindow.eval` of the live DOM's HTML → `parseHtmlPage`, and the probe's
 *   records (`window.__renkeiDoctorProbe.calls`) when the page was reloaded with the probe
 *   (`reloadWithProbe()` → `inspectedWindow.reload({injectedScript: PROBE_SOURCE})`).
 * Pages follow `network.onNavigated`: on every navigation the site access of the new address is
 * checked at once, then the new document is read as soon as it exists (polled until the
 * inspected window holds a document other than the previous one and it is past `loading`), read
 * again when it has finished loading and whenever a vendor request finishes (tags inserted late
 * by tag managers, the probe's records). A page's time is its navigation start
 * (`performance.timeOrigin`), so the requests it made are attributed to it. Overrides and clear
 * are kept here (no background).
 *
 * The `chrome.devtools` glue is the small `DevtoolsApi` interface so tests can drive it.
 */
import { harObjectToSession } from '../core/har';
import { parseHtmlPage } from '../core/html';
import type { LoginState, NetworkRequest, Page } from '../core/model';
import type { SessionSource, TabCapture } from '../ui/source';
import { PROBE_GLOBAL } from './constants';
import { LIMITS, ProbeCall, toRuntimeCall } from './protocol';
import { PROBE_SOURCE } from './probe-source';
import { VENDOR_URL_RE } from './relay';

/** The parts of `chrome.devtools` (and `chrome.permissions`) this source uses. */
export interface DevtoolsApi {
  tabId: number;
  eval<T>(expression: string): Promise<T>;
  reload(injectedScript: string): void;
  getHAR(): Promise<{ entries: unknown[] }>;
  onRequestFinished(listener: (entry: unknown) => void): void;
  onNavigated(listener: (url: string) => void): void;
  /** whether the extension has host access to an origin pattern */
  hasAccess(originPattern: string): Promise<boolean>;
  now?: () => number;
}

export interface DevtoolsSessionSource extends SessionSource {
  /** reloads the inspected page with the probe injected at document start */
  reloadWithProbe(): void;
  /** reads the current document again (after a navigation or on demand) */
  refresh(): Promise<void>;
  /** the inspected tab navigated to `url` (seen by the panel before this source was loaded): read its document */
  navigated(url: string): void;
}

const HTML_EXPR = `(function(){var d=document,h=d.documentElement?d.documentElement.outerHTML:'';return {url:location.href,title:d.title,ready:d.readyState,origin:performance.timeOrigin,html:(d.doctype?'<!DOCTYPE html>\\n':'')+h.slice(0,${8 * 1024 * 1024})};})()`;
const CALLS_EXPR = `(function(){var m=window[${JSON.stringify(PROBE_GLOBAL)}];return m&&Array.isArray(m.calls)?m.calls.slice(0,${LIMITS.callsPerPage}):null;})()`;

/** One read of the inspected document. `ready` and `origin` are missing from older callers' fakes. */
interface DocRead {
  url: string;
  title: string;
  html: string;
  ready?: string;
  origin?: number;
}

/** How often and how long a new document is waited for after a navigation (ms). */
const READ_EVERY_MS = 250;
const READ_FOR_MS = 30_000;
/** A finished vendor request triggers a new read of the document after this quiet time (ms). */
const REREAD_MS = 400;

async function accessOf(api: DevtoolsApi, url: string | undefined): Promise<TabCapture['siteAccess']> {
  if (!url || !/^https?:/.test(url)) return 'unknown';
  try {
    return (await api.hasAccess(`${new URL(url).origin}/*`)) ? 'granted' : 'withheld';
  } catch {
    return 'unknown';
  }
}

function isVendorEntry(entry: unknown): boolean {
  const url = (entry as { request?: { url?: unknown } })?.request?.url;
  return typeof url === 'string' && VENDOR_URL_RE.test(url);
}

export function createDevtoolsSessionSource(api: DevtoolsApi): DevtoolsSessionSource {
  const now = api.now ?? (() => Date.now());
  const tabId = api.tabId;
  const pages: Page[] = [];
  let entries: unknown[] = [];
  let droppedRequests = 0;
  let droppedPages = 0;
  let overrides: Record<string, LoginState> = {};
  let siteAccess: TabCapture['siteAccess'] = 'unknown';
  let seq = 0;
  let updatedAt = now();
  /** the navigation start of each page's document (Page.id → performance.timeOrigin) */
  const origins = new Map<string, number>();
  /** bumped by every navigation: a read loop of an older navigation stops */
  let navigation = 0;
  /** the navigation start of the last document read (a new document has another) */
  let lastOrigin: number | undefined;
  let rereadTimer: ReturnType<typeof setTimeout> | undefined;
  const listeners = new Set<(c: TabCapture) => void>();

  const requests = (): NetworkRequest[] => {
    if (entries.length === 0) return [];
    try {
      return harObjectToSession({ log: { entries } }, { idPrefix: 'dt-' }).requests;
    } catch {
      return [];
    }
  };

  const capture = (): TabCapture => {
    const reqs = requests().map((r) => {
      // each request belongs to the last page that started before it
      let pageId: string | undefined;
      for (const p of pages) if ((p.time ?? 0) <= r.time) pageId = p.id;
      return pageId ? { ...r, pageId } : r;
    });
    return {
      tabId,
      session: {
        pages: [...pages],
        requests: reqs,
        ...(droppedPages || droppedRequests ? { dropped: { pages: droppedPages, requests: droppedRequests } } : {}),
      },
      overrides: { ...overrides },
      siteAccess,
      limits: { pages: LIMITS.pages, requests: LIMITS.requests },
      updatedAt,
    };
  };

  const emit = () => {
    updatedAt = now();
    const c = capture();
    for (const l of listeners) l(c);
  };

  /** entries already taken (onRequestFinished and getHAR give the same request twice) */
  const seen = new Set<string>();
  const addEntry = (entry: unknown) => {
    if (!isVendorEntry(entry)) return;
    const key = entryKey(entry);
    if (seen.has(key)) {
      // the log can list a request before its answer: the finished entry replaces it
      if (statusOf(entry) > 0) {
        const at = entries.findIndex((e) => entryKey(e) === key && statusOf(e) === 0);
        if (at >= 0) entries[at] = entry;
      }
      return;
    }
    if (seen.size > 4 * LIMITS.requests) seen.clear();
    seen.add(key);
    entries.push(entry);
    while (entries.length > LIMITS.requests) {
      entries.shift();
      droppedRequests++;
    }
  };

  /**
   * Takes what DevTools' network log holds that this source has not seen: onRequestFinished does
   * not deliver every request (a POST right after its preflight can be missing), the log does.
   */
  const syncHar = async (): Promise<void> => {
    try {
      const har = await api.getHAR();
      const before = entries.map(statusOf).join();
      for (const e of Array.isArray(har?.entries) ? har.entries : []) addEntry(e);
      if (entries.map(statusOf).join() !== before) {
        entries.sort((a, b) => startOf(a) - startOf(b));
        emit();
      }
    } catch {
      /* DevTools closed */
    }
  };

  const readDocument = async (): Promise<DocRead | undefined> => {
    try {
      const doc = await api.eval<DocRead>(HTML_EXPR);
      return doc && typeof doc.html === 'string' && typeof doc.url === 'string' ? doc : undefined;
    } catch {
      // no document right now (the navigation is committing)
      return undefined;
    }
  };

  /** Puts one read of the document (and the probe's records) into the session. */
  const record = async (doc: DocRead, startNewPage: boolean): Promise<void> => {
    let calls: unknown[] | null;
    try {
      calls = await api.eval<unknown[] | null>(CALLS_EXPR);
    } catch {
      calls = null;
    }
    siteAccess = await accessOf(api, doc.url);
    const origin = typeof doc.origin === 'number' && Number.isFinite(doc.origin) ? Math.round(doc.origin) : undefined;
    const last = pages[pages.length - 1];
    const lastStart = last ? origins.get(last.id) : undefined;
    // the same document read again is the same page (a new document has another navigation start):
    // two reads racing (a navigation's and a re-read's) never make two pages of one document
    const sameDocument = last !== undefined && last.url === doc.url && (origin === undefined || lastStart === undefined || lastStart === origin);
    const reuse = sameDocument && (!startNewPage || (origin !== undefined && lastStart === origin));
    const id = reuse ? last.id : `dt${++seq}`;
    const page = parseHtmlPage(doc.html, doc.url, { id, time: reuse ? last.time : (origin ?? now()) });
    if (doc.title && !page.title) page.title = doc.title.slice(0, 500);
    if (Array.isArray(calls)) {
      page.runtimeCalls = calls
        .map((c) => ProbeCall.safeParse(c))
        .filter((r) => r.success)
        .map((r) => toRuntimeCall(r.data));
    }
    if (origin !== undefined) {
      origins.set(id, origin);
      lastOrigin = origin;
    }
    if (reuse) pages[pages.length - 1] = page;
    else {
      pages.push(page);
      while (pages.length > LIMITS.pages) {
        const gone = pages.shift()!;
        delete overrides[gone.id];
        origins.delete(gone.id);
        droppedPages++;
      }
    }
    emit();
  };

  /** Reads the inspected document into the current page (or a new page). */
  const refresh = async (startNewPage = false): Promise<void> => {
    const doc = await readDocument();
    if (doc) await record(doc, startNewPage);
  };

  /** Reads the current page's document again; a new document is left to its navigation's reads. */
  const rereadCurrent = async (): Promise<void> => {
    const last = pages[pages.length - 1];
    if (!last) return;
    const doc = await readDocument();
    if (!doc) return;
    const origin = typeof doc.origin === 'number' && Number.isFinite(doc.origin) ? Math.round(doc.origin) : undefined;
    const lastStart = origins.get(last.id);
    const same = origin !== undefined && lastStart !== undefined ? origin === lastStart : doc.url === last.url;
    if (same) await record(doc, false);
  };

  /**
   * After a navigation: waits for the new document (another navigation start than the last one
   * read, or at least its address after a while), reads it as soon as it is past `loading`, and
   * once more when it has finished loading.
   */
  const followNavigation = async (url: string | undefined): Promise<void> => {
    const mine = ++navigation;
    const previous = lastOrigin;
    const started = now();
    let recorded = false;
    for (let tries = 0; mine === navigation; tries++) {
      const doc = await readDocument();
      if (mine !== navigation) return;
      if (doc && doc.ready !== 'loading' && isNew(doc, previous, url, tries)) {
        await record(doc, !recorded);
        recorded = true;
        if (doc.ready === undefined || doc.ready === 'complete') {
          await syncHar();
          return;
        }
      }
      if (now() - started > READ_FOR_MS) return;
      await new Promise((ok) => setTimeout(ok, READ_EVERY_MS));
    }
  };

  api.onRequestFinished((entry) => {
    if (!isVendorEntry(entry)) return;
    addEntry(entry);
    emit();
    // the widget called home: the tag ran, read the document (and the probe's records) again
    if (rereadTimer !== undefined) clearTimeout(rereadTimer);
    rereadTimer = setTimeout(() => {
      rereadTimer = undefined;
      void syncHar().then(() => rereadCurrent());
    }, REREAD_MS);
  });
  const onNavigation = (url: string) => {
    // the new address decides the site access at once (the panel's mode follows every navigation)
    void accessOf(api, url).then((a) => {
      siteAccess = a;
      emit();
    });
    void followNavigation(typeof url === 'string' ? url : undefined);
  };
  api.onNavigated(onNavigation);
  void syncHar()
    // the first read, unless a navigation already asked for its document
    .then(() => (navigation === 0 ? followNavigation(undefined) : undefined));

  return {
    subscribe(id, listener) {
      if (id !== tabId) {
        listener({ ...capture(), tabId: id, session: { pages: [], requests: [] } });
        return () => undefined;
      }
      listeners.add(listener);
      listener(capture());
      return () => {
        listeners.delete(listener);
      };
    },
    async setStateOverride(id, pageId, state) {
      if (id !== tabId) return;
      if (state === null) delete overrides[pageId];
      else overrides = { ...overrides, [pageId]: state };
      emit();
    },
    async clear(id) {
      if (id !== tabId) return;
      pages.length = 0;
      origins.clear();
      // what the log holds now stays cleared
      if (rereadTimer !== undefined) clearTimeout(rereadTimer);
      entries = [];
      overrides = {};
      droppedPages = 0;
      droppedRequests = 0;
      emit();
    },
    reloadWithProbe() {
      api.reload(PROBE_SOURCE);
    },
    refresh: () => refresh(false),
    navigated: onNavigation,
  };
}

/** The real `chrome.devtools` behind DevtoolsApi (call from a DevTools page or panel only). */
export function chromeDevtoolsApi(): DevtoolsApi {
  const c = (globalThis as unknown as { chrome: ChromeLike }).chrome;
  return {
    tabId: c.devtools.inspectedWindow.tabId,
    eval: <T>(expression: string) =>
      new Promise<T>((ok, fail) =>
        c.devtools.inspectedWindow.eval(expression, (result: unknown, error?: { isException?: boolean; value?: string }) => {
          if (error) fail(new Error(error.value ?? 'eval failed'));
          else ok(result as T);
        }),
      ),
    reload: (injectedScript) => c.devtools.inspectedWindow.reload({ ignoreCache: false, injectedScript }),
    getHAR: () => new Promise((ok) => c.devtools.network.getHAR((har: { entries: unknown[] }) => ok(har))),
    onRequestFinished: (l) => c.devtools.network.onRequestFinished.addListener(l),
    onNavigated: (l) => c.devtools.network.onNavigated.addListener(l),
    hasAccess: (origin) => c.permissions.contains({ origins: [origin] }),
  };
}

interface ChromeLike {
  devtools: {
    inspectedWindow: {
      tabId: number;
      eval(expression: string, callback: (result: unknown, error?: { isException?: boolean; value?: string }) => void): void;
      reload(options: { ignoreCache?: boolean; injectedScript?: string }): void;
    };
    network: {
      getHAR(callback: (har: { entries: unknown[] }) => void): void;
      onRequestFinished: { addListener(l: (entry: unknown) => void): void };
      onNavigated: { addListener(l: (url: string) => void): void };
    };
  };
  permissions: { contains(p: { origins: string[] }): Promise<boolean> };
}

/**
 * Whether a read is of the document the navigation led to: another navigation start than the
 * last document read; without one (or for a same-document navigation) its address, after a few
 * tries.
 */
function isNew(doc: DocRead, previous: number | undefined, url: string | undefined, tries: number): boolean {
  if (url === undefined) return true;
  const origin = typeof doc.origin === 'number' && Number.isFinite(doc.origin) ? Math.round(doc.origin) : undefined;
  const differs = origin !== undefined && previous !== undefined && origin !== previous;
  if (sameDocument(doc.url, url)) return previous === undefined || origin === undefined || differs || tries >= 8;
  // another address than the navigation's (a script changed it): a new document, after a while
  return differs && tries >= 8;
}

function entryKey(entry: unknown): string {
  const e = entry as { startedDateTime?: unknown; request?: { method?: unknown; url?: unknown } };
  return `${String(e.request?.method)} ${String(e.request?.url)} ${String(e.startedDateTime)}`;
}

function statusOf(entry: unknown): number {
  const status = (entry as { response?: { status?: unknown } }).response?.status;
  return typeof status === 'number' && status > 0 ? status : 0;
}

function startOf(entry: unknown): number {
  const t = Date.parse(String((entry as { startedDateTime?: unknown }).startedDateTime));
  return Number.isFinite(t) ? t : 0;
}

/** The same document address, ignoring the fragment. */
function sameDocument(a: string, b: string): boolean {
  return a.split('#')[0] === b.split('#')[0];
}
