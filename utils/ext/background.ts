/**
 * The background service worker: receives the relay's evidence, observes the vendors' requests,
 * keeps the per-tab session (utils/ext/session-store.ts) in `storage.session`, analyses it
 * (debounced) and sets the toolbar badge, and serves the UI surfaces over a runtime Port.
 *
 * Every listener is registered synchronously at start-up (MV3: a restarted worker must see the
 * event that woke it).
 */
import { browser, type Browser } from 'wxt/browser';
import { analyzeSession } from '../core/analyze';
import type { Finding, Lang, LoginState, Summary } from '../core/model';
import { applyOverrides } from '../ui/view-model';
import type { TabCapture } from '../ui/source';
import { verdictOf, type Verdict } from '../core/verdict';
import { currentLang, watchLang } from '../ui/extension-env';
import { badgeFor, showBadge } from './badge';
import { initiatorOf, startCaptureSites } from './capture-sites';
import { requestFromDetails, VENDOR_HOST_PATTERNS, type BeforeRequestDetails } from './network';
import { CommandMsg, LIMITS, RelayMsg, SESSION_PORT, UiToBackground, type RelayAck } from './protocol';
import { SessionStore, toSession, type KeyValueStorage, type TabState } from './session-store';

export interface TabStatus {
  tabId: number;
  pages: { id: string; url: string; state: LoginState; light: boolean; calls: number; scripts: number }[];
  requests: number;
  summary: Summary;
  findings: { ruleId: string; severity: string; pageIndex?: number }[];
  badge: { text: string; color: string };
  dropped: TabState['dropped'];
  /** the verdict kind (utils/core/verdict.ts): empty, no-tag, clear or problems */
  verdict?: Verdict['kind'];
}

const ANALYZE_MS = 250;
const PUSH_MS = 150;

/** The number of a relay message that failed its schema, when it has one. */
function seqOf(raw: unknown): number | undefined {
  const seq = raw && typeof raw === 'object' ? (raw as { seq?: unknown }).seq : undefined;
  return typeof seq === 'number' && Number.isInteger(seq) && seq >= 1 ? seq : undefined;
}

function storageSession(): KeyValueStorage {
  const area = browser.storage.session;
  return {
    get: (keys) => area.get(keys),
    set: (items) => area.set(items),
    remove: (keys) => area.remove(keys),
  };
}

/**
 * For the end-to-end tests (set by evaluating in the worker): hold the relay's messages before
 * they are applied (`apply`) or after they are stored but before the acknowledgement (`ack`),
 * so that a test can stop the worker while it holds them. Unset in use: costs one property read.
 */
const testHooks = globalThis as {
  renkeiHoldRelay?: { stage: 'apply' | 'ack'; until: Promise<unknown> };
  renkeiHeldRelay?: number;
  /** relay messages this worker received, and how many of them were resends of a message already stored */
  renkeiRelayStats?: { received: number; duplicates: number };
};
const relayStats = (testHooks.renkeiRelayStats = { received: 0, duplicates: 0 });

export function startBackground(): void {
  // content scripts only on the sites being diagnosed (utils/ext/capture-sites.ts)
  const sites = startCaptureSites();
  // the tooltip of tabs nothing was captured from (each analysed tab gets its own: analyzeTab),
  // in the language chosen now and after every change of the setting
  const defaultTitle = (lang: Lang) => void showBadge(browser.action, undefined, undefined, undefined, lang);
  void currentLang().then(defaultTitle, () => defaultTitle('ja'));
  watchLang(defaultTitle);
  const subscribers = new Map<number, Set<Browser.runtime.Port>>();
  const analyzeTimers = new Map<number, ReturnType<typeof setTimeout>>();
  const pushTimers = new Map<number, ReturnType<typeof setTimeout>>();
  const statuses = new Map<number, TabStatus>();

  const store = new SessionStore({
    storage: storageSession(),
    onChange(tabId) {
      debounce(analyzeTimers, tabId, ANALYZE_MS, () => void analyzeTab(tabId));
      if (subscribers.get(tabId)?.size) debounce(pushTimers, tabId, PUSH_MS, () => void pushCapture(tabId));
    },
  });

  function debounce(timers: Map<number, ReturnType<typeof setTimeout>>, tabId: number, ms: number, fn: () => void) {
    if (timers.has(tabId)) return;
    timers.set(
      tabId,
      setTimeout(() => {
        timers.delete(tabId);
        fn();
      }, ms),
    );
  }

  async function analyzeTab(tabId: number): Promise<TabStatus> {
    const state = await store.get(tabId);
    const session = applyOverrides(toSession(state), state.overrides);
    let summary: Summary = { errors: 0, warnings: 0, infos: 0 };
    let findings: TabStatus['findings'] = [];
    let verdict: Verdict | undefined;
    try {
      const result = analyzeSession(session, { lang: 'ja' });
      verdict = verdictOf(result);
      summary = result.summary;
      findings = result.findings.map((f: Finding) => ({ ruleId: f.ruleId, severity: f.severity, ...(f.pageIndex !== undefined ? { pageIndex: f.pageIndex } : {}) }));
    } catch (e) {
      console.warn('renkei: analysis failed', e instanceof Error ? e.message : String(e));
    }
    const badge = badgeFor(summary);
    // the tooltip tells "nothing yet", "no tag", "all clear" and "problems" apart (badge.ts)
    await showBadge(browser.action, tabId, badge, verdict, await currentLang().catch(() => 'ja' as const));
    const status: TabStatus = {
      tabId,
      pages: state.pages.map((p) => ({
        id: p.page.id,
        url: p.page.url,
        state: session.pages.find((s) => s.id === p.page.id)?.state.value ?? p.page.state.value,
        light: p.light,
        calls: p.page.runtimeCalls.length,
        scripts: p.page.scripts.length,
      })),
      requests: state.requests.length,
      summary,
      findings,
      badge: { text: badge.text, color: badge.color },
      dropped: { ...state.dropped },
      ...(verdict ? { verdict: verdict.kind } : {}),
    };
    statuses.set(tabId, status);
    return status;
  }

  async function siteAccess(state: TabState): Promise<TabCapture['siteAccess']> {
    const last = state.pages[state.pages.length - 1];
    let url: string | undefined = last?.page.url;
    if (!url) {
      try {
        url = (await browser.tabs.get(state.tabId)).url;
      } catch {
        url = undefined;
      }
    }
    if (!url || !/^https?:/.test(url)) return last ? 'granted' : 'unknown';
    try {
      const origin = new URL(url).origin;
      return (await browser.permissions.contains({ origins: [`${origin}/*`] })) ? 'granted' : 'withheld';
    } catch {
      return 'unknown';
    }
  }

  async function captureOf(tabId: number): Promise<TabCapture> {
    const state = await store.get(tabId);
    return {
      tabId,
      session: toSession(state),
      overrides: { ...state.overrides },
      siteAccess: await siteAccess(state),
      limits: { pages: LIMITS.pages, requests: LIMITS.requests },
      updatedAt: state.updatedAt,
    };
  }

  async function pushCapture(tabId: number) {
    const ports = subscribers.get(tabId);
    if (!ports || ports.size === 0) return;
    const capture = await captureOf(tabId);
    for (const port of ports) {
      try {
        port.postMessage({ type: 'capture', capture });
      } catch {
        ports.delete(port);
      }
    }
  }

  // --- relay (content scripts) -------------------------------------------------------------
  browser.runtime.onMessage.addListener(
    (raw: unknown, sender: Browser.runtime.MessageSender, sendResponse: (response: unknown) => void) => {
      if (sender.id !== browser.runtime.id) return undefined;
      const tabId = sender.tab?.id;
      const fromPage = tabId !== undefined && sender.url !== undefined && !sender.url.startsWith(browser.runtime.getURL('/'));
      if (fromPage) {
        const parsed = sender.frameId === 0 ? RelayMsg.safeParse(raw) : undefined;
        if (!parsed?.success) {
          // refused for good (not the top frame, malformed): say so, so that it is not sent again
          const seq = seqOf(raw);
          if (seq !== undefined) sendResponse({ ack: seq, ok: false } satisfies RelayAck);
          return undefined;
        }
        const msg = parsed.data;
        const documentId = (sender as { documentId?: string }).documentId;
        // applied once per (document, number), then acknowledged when written to storage.session:
        // a message the worker held when it was stopped is not acknowledged, and the relay sends it
        // again to the next worker (utils/ext/relay-outbox.ts)
        const hold = testHooks.renkeiHoldRelay;
        if (hold) testHooks.renkeiHeldRelay = (testHooks.renkeiHeldRelay ?? 0) + 1;
        const apply = () =>
          store.relay(tabId, documentId, msg, sender.url).then((fresh) => {
            if (!fresh) relayStats.duplicates++;
          });
        relayStats.received++;
        const applied = hold?.stage === 'apply' ? hold.until.then(apply) : apply();
        if (msg.seq === undefined) return undefined;
        const seq = msg.seq;
        applied
          .then(() => store.persisted(tabId))
          .then(() => (hold?.stage === 'ack' ? hold.until : undefined))
          .then(
            () => sendResponse({ ack: seq, ok: true } satisfies RelayAck),
            () => undefined,
          );
        return true;
      }
      // extension pages (panel, popup, options)
      const cmd = CommandMsg.safeParse(raw);
      if (!cmd.success) return undefined;
      const c = cmd.data;
      const done =
        c.type === 'renkei/override'
          ? store.setOverride(c.tabId, c.pageId, c.state).then(() => ({ ok: true }))
          : c.type === 'renkei/clear'
            ? store.clear(c.tabId).then(() => ({ ok: true }))
            : statusOf(c.tabId);
      done.then(sendResponse, (e: unknown) => sendResponse({ ok: false, error: e instanceof Error ? e.message : String(e) }));
      return true;
    },
  );

  async function statusOf(tabId: number): Promise<TabStatus> {
    return statuses.get(tabId) ?? analyzeTab(tabId);
  }

  // --- network -----------------------------------------------------------------------------
  // (a build without the webRequest permission — RENKEI_NO_WEBREQUEST, the overhead benchmark's
  // comparison — records no network evidence)
  if (browser.webRequest) {
    const filter = { urls: [...VENDOR_HOST_PATTERNS] };
    browser.webRequest.onBeforeRequest.addListener(
      (details) => {
        const d = details as unknown as BeforeRequestDetails;
        if (d.tabId < 0) return undefined;
        sites.whenAllowed(d.tabId, initiatorOf(details), () => store.addRequest(d.tabId, requestFromDetails(d)));
        return undefined;
      },
      filter,
      ['requestBody'],
    );
    browser.webRequest.onSendHeaders.addListener(
      (d) => {
        if (d.tabId < 0 || d.method !== 'POST') return;
        const ct = d.requestHeaders?.find((h) => h.name.toLowerCase() === 'content-type')?.value;
        if (ct) sites.whenAllowed(d.tabId, initiatorOf(d), () => store.updateRequest(d.tabId, `wr-${d.requestId}`, { contentType: ct.slice(0, 200) }));
      },
      filter,
      ['requestHeaders'],
    );
    // the duration is measured from the start kept in the request record: a request that started
    // under the previous worker (stopped while the page loaded) still gets its end and duration
    const finish = (d: { tabId: number; requestId: string; timeStamp: number }, patch: { status?: number; error?: string }) => {
      if (d.tabId < 0) return;
      sites.whenAllowed(d.tabId, initiatorOf(d), () => store.finishRequest(d.tabId, `wr-${d.requestId}`, d.timeStamp, patch));
    };
    browser.webRequest.onCompleted.addListener((d) => finish(d, { status: d.statusCode }), filter);
    browser.webRequest.onErrorOccurred.addListener((d) => finish(d, { error: d.error.slice(0, 500) }), filter);
  }

  // --- tabs ----------------------------------------------------------------------------------
  browser.tabs.onRemoved.addListener((tabId) => {
    statuses.delete(tabId);
    void store.remove(tabId);
  });

  // --- UI port -------------------------------------------------------------------------------
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== SESSION_PORT || port.sender?.id !== browser.runtime.id) return;
    const mine = new Set<number>();
    port.onMessage.addListener((raw: unknown) => {
      const parsed = UiToBackground.safeParse(raw);
      if (!parsed.success) return;
      const { tabId } = parsed.data;
      if (parsed.data.type === 'subscribe') {
        let set = subscribers.get(tabId);
        if (!set) subscribers.set(tabId, (set = new Set()));
        set.add(port);
        mine.add(tabId);
        sites.setDiagnosed(tabId, true);
        void captureOf(tabId).then((capture) => {
          try {
            port.postMessage({ type: 'capture', capture });
          } catch {
            /* disconnected */
          }
        });
      } else {
        subscribers.get(tabId)?.delete(port);
        mine.delete(tabId);
      }
    });
    port.onDisconnect.addListener(() => {
      for (const tabId of mine) subscribers.get(tabId)?.delete(port);
    });
  });

  browser.permissions.onAdded.addListener(() => {
    for (const tabId of subscribers.keys()) void pushCapture(tabId);
  });
  browser.permissions.onRemoved.addListener(() => {
    for (const tabId of subscribers.keys()) void pushCapture(tabId);
  });

  // for the end-to-end tests (evaluated in the worker): the analysed status of a tab
  const g = globalThis as { renkeiStatus?: unknown; renkeiCapture?: unknown; renkeiFlush?: unknown };
  g.renkeiStatus = (tabId: number) => analyzeTab(tabId);
  // the capture as the UI receives it
  g.renkeiCapture = (tabId: number) => captureOf(tabId);
  // writes pending tabs to storage.session now
  g.renkeiFlush = () => store.flush();
}
