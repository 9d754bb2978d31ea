/**
 * A SessionSource built from `chrome.devtools` alone: for the DevTools panel where the user
 * withheld site access (Chrome's "site access" settings), so neither the content scripts nor
 * webRequest see the page. DevTools still gives:
 * - the network: `devtools.network.getHAR()` and `onRequestFinished` (with request bodies),
 *   turned into requests with `harObjectToSession` (utils/core/har.ts);
 * - the document: `inspectedWindow.eval` of the live DOM's HTML → `parseHtmlPage`, and the probe's
 *   records (`window.__renkeiDoctorProbe.calls`) when the page was reloaded with the probe
 *   (`reloadWithProbe()` → `inspectedWindow.reload({injectedScript: PROBE_SOURCE})`).
 * Pages follow `network.onNavigated`. Overrides and clear are kept here (no background).
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
}

const HTML_EXPR = `(function(){var d=document,h=d.documentElement?d.documentElement.outerHTML:'';return {url:location.href,title:d.title,html:(d.doctype?'<!DOCTYPE html>\\n':'')+h.slice(0,${8 * 1024 * 1024})};})()`;
const CALLS_EXPR = `(function(){var m=window[${JSON.stringify(PROBE_GLOBAL)}];return m&&Array.isArray(m.calls)?m.calls.slice(0,${LIMITS.callsPerPage}):null;})()`;

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

  const addEntry = (entry: unknown) => {
    if (!isVendorEntry(entry)) return;
    entries.push(entry);
    while (entries.length > LIMITS.requests) {
      entries.shift();
      droppedRequests++;
    }
  };

  /** Reads the inspected document (and the probe's records) into the current page. */
  const refresh = async (startNewPage = false): Promise<void> => {
    let doc: { url: string; title: string; html: string } | undefined;
    try {
      doc = await api.eval<{ url: string; title: string; html: string }>(HTML_EXPR);
    } catch {
      doc = undefined;
    }
    if (!doc || typeof doc.html !== 'string' || typeof doc.url !== 'string') return;
    let calls: unknown[] | null;
    try {
      calls = await api.eval<unknown[] | null>(CALLS_EXPR);
    } catch {
      calls = null;
    }
    try {
      siteAccess = /^https?:/.test(doc.url) ? ((await api.hasAccess(`${new URL(doc.url).origin}/*`)) ? 'granted' : 'withheld') : 'unknown';
    } catch {
      siteAccess = 'unknown';
    }
    const last = pages[pages.length - 1];
    const reuse = last && !startNewPage && last.url === doc.url;
    const id = reuse ? last.id : `dt${++seq}`;
    const page = parseHtmlPage(doc.html, doc.url, { id, time: reuse ? last.time : now() });
    if (doc.title && !page.title) page.title = doc.title.slice(0, 500);
    if (Array.isArray(calls)) {
      page.runtimeCalls = calls
        .map((c) => ProbeCall.safeParse(c))
        .filter((r) => r.success)
        .map((r) => toRuntimeCall(r.data));
    }
    if (reuse) pages[pages.length - 1] = page;
    else {
      pages.push(page);
      while (pages.length > LIMITS.pages) {
        const gone = pages.shift()!;
        delete overrides[gone.id];
        droppedPages++;
      }
    }
    emit();
  };

  api.onRequestFinished((entry) => {
    addEntry(entry);
    emit();
  });
  api.onNavigated(() => {
    // the document is read once it had time to load; read again when the widget calls home
    setTimeout(() => void refresh(true), 1_500);
  });
  void api
    .getHAR()
    .then((har) => {
      entries = [];
      for (const e of Array.isArray(har?.entries) ? har.entries : []) addEntry(e);
    })
    .catch(() => undefined)
    .then(() => refresh(true));

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
