/**
 * The DevTools panel's SessionSource when it is hosted in DevTools: the background's capture
 * (content scripts + webRequest) while it has the tab, and the `chrome.devtools` source
 * (devtools-source.ts: DevTools' network log, the inspected document, the probe injected by a
 * reload) where it does not — the user withheld site access in Chrome's settings, or the
 * background has nothing for the tab although DevTools sees a page.
 *
 * The mode is decided again on every navigation of the inspected tab (`InspectedPage`): the new
 * address's site access is checked at once, so a page of a withheld site is read from DevTools
 * whether the panel was open before it loaded or opened after — not from whatever the background
 * held for the tab before.
 *
 * The devtools source is loaded (a separate chunk: it carries the HTML and HAR readers) only when
 * it is needed. No browser API here: both sources are passed in, tests give fakes.
 */
import type { LoginState } from '../core/model';
import type { SessionSource, TabCapture } from '../ui/source';

export type SourceMode = 'background' | 'devtools';

export interface ProbeReloadSource extends SessionSource {
  reloadWithProbe(): void;
  /** the inspected tab navigated to `url` (the source may have been loaded after the event) */
  navigated?(url: string): void;
}

/** The inspected tab, as DevTools sees it (utils/ext/inspected-page.ts in the extension). */
export interface InspectedPage {
  /** the address of the inspected page now (undefined when it cannot be read) */
  url(): Promise<string | undefined>;
  /** every navigation of the inspected tab's top frame, with the new address */
  onNavigated(listener: (url: string) => void): void;
  /** whether the extension has host access to an origin pattern (`https://host/*`) */
  hasAccess(originPattern: string): Promise<boolean>;
}

export type PageAccess = TabCapture['siteAccess'];

/** Site access of an address: only http(s) pages can be granted or withheld. */
export async function accessOfUrl(page: Pick<InspectedPage, 'hasAccess'>, url: string | undefined): Promise<PageAccess> {
  if (!url || !/^https?:\/\//i.test(url)) return 'unknown';
  try {
    return (await page.hasAccess(`${new URL(url).origin}/*`)) ? 'granted' : 'withheld';
  } catch {
    return 'unknown';
  }
}

export interface FallbackSource extends SessionSource {
  /** where the captures come from now */
  mode(): SourceMode;
  /** calls `listener` with the mode at once and on every change; returns unwatch */
  watchMode(listener: (mode: SourceMode) => void): () => void;
  /** reloads the inspected page with the probe (loads the devtools source first if needed) */
  reloadWithProbe(): Promise<void>;
  /** stops listening to both sources */
  close(): void;
}

export interface FallbackOptions {
  /** the background says nothing for this long: treat it as having nothing for the tab (ms) */
  silenceMs?: number;
  /** the inspected tab's navigations: the mode is decided again on each */
  inspected?: InspectedPage;
}

const hasNothing = (c: TabCapture | undefined) => !c || (c.session.pages.length === 0 && c.session.requests.length === 0);

/**
 * Which source to show, from the latest capture of each (pure). Where site access is withheld
 * the background usually cannot even read the tab's address: it reports `unknown` with nothing
 * captured, while the devtools source (which reads the address from the page) says `withheld`.
 */
export function chooseMode(background: TabCapture | undefined, devtools: TabCapture | undefined, backgroundSilent: boolean, inspected?: PageAccess): SourceMode {
  // the page in the inspected tab now is on a withheld site: only DevTools can read it
  if (inspected === 'withheld') return 'devtools';
  if (!devtools) return 'background';
  if (background?.siteAccess === 'withheld') return 'devtools';
  const nothing = background ? hasNothing(background) : backgroundSilent;
  if (!nothing) return 'background';
  // the background has nothing: DevTools says the site is withheld, or saw vendor traffic the
  // background missed (a page without a vendor tag is nothing to diagnose either way)
  if (devtools.siteAccess === 'withheld' && devtools.session.pages.length > 0) return 'devtools';
  return devtools.session.requests.length > 0 ? 'devtools' : 'background';
}

/** Whether the devtools source should be started at all. */
function needsFallback(background: TabCapture | undefined, backgroundSilent: boolean): boolean {
  if (!background) return backgroundSilent;
  return background.siteAccess === 'withheld' || hasNothing(background);
}

export function createFallbackSource(background: SessionSource, tabId: number, loadDevtools: () => Promise<ProbeReloadSource>, opts: FallbackOptions = {}): FallbackSource {
  const listeners = new Set<(c: TabCapture) => void>();
  const modeListeners = new Set<(m: SourceMode) => void>();
  let fromBackground: TabCapture | undefined;
  let fromDevtools: TabCapture | undefined;
  let silent = false;
  let mode: SourceMode = 'background';
  let devtools: ProbeReloadSource | undefined;
  let loading: Promise<ProbeReloadSource | undefined> | undefined;
  let offDevtools: (() => void) | undefined;
  let closed = false;
  /** the site access of the inspected page, decided on every navigation */
  let inspectedAccess: PageAccess | undefined;
  let check = 0;

  const current = (): TabCapture | undefined => {
    if (mode === 'background') return fromBackground;
    // the panel's own "site access withheld" notice says the page cannot be read: here it is read,
    // from DevTools (the fallback notice says so and why)
    return fromDevtools ? { ...fromDevtools, tabId, siteAccess: fromDevtools.siteAccess === 'withheld' ? 'unknown' : fromDevtools.siteAccess } : undefined;
  };

  const update = () => {
    if (closed) return;
    const next = chooseMode(fromBackground, fromDevtools, silent, inspectedAccess);
    if (next !== mode) {
      mode = next;
      for (const l of modeListeners) l(mode);
    }
    const c = current();
    if (c) for (const l of listeners) l(c);
  };

  const ensureDevtools = (): Promise<ProbeReloadSource | undefined> => {
    loading ??= loadDevtools().then(
      (s) => {
        if (closed) return undefined;
        devtools = s;
        offDevtools = s.subscribe(tabId, (c) => {
          fromDevtools = c;
          update();
        });
        return s;
      },
      () => undefined,
    );
    return loading;
  };

  const offBackground = background.subscribe(tabId, (c) => {
    fromBackground = c;
    if (needsFallback(c, silent)) void ensureDevtools();
    update();
  });
  const timer = setTimeout(() => {
    silent = true;
    if (needsFallback(fromBackground, silent)) void ensureDevtools();
    update();
  }, opts.silenceMs ?? 2_000);

  /** Decides the mode for the inspected page at `url` (a navigation, or the page at start). */
  const decide = async (url: string | undefined, navigated: boolean) => {
    const mine = ++check;
    const access = await accessOfUrl(opts.inspected!, url);
    if (closed || mine !== check) return;
    inspectedAccess = access;
    if (access === 'withheld') {
      const loaded = devtools !== undefined;
      const s = await ensureDevtools();
      // loaded just now: it did not see this navigation itself
      if (s && !loaded && navigated && url) s.navigated?.(url);
    }
    update();
  };
  if (opts.inspected) {
    const inspected = opts.inspected;
    inspected.onNavigated((url) => void decide(url, true));
    void inspected.url().then(
      (url) => (check === 0 ? decide(url, false) : undefined),
      () => undefined,
    );
  }

  const target = (): SessionSource => (mode === 'devtools' && devtools ? devtools : background);

  return {
    subscribe(id, listener) {
      if (id !== tabId) return background.subscribe(id, listener);
      listeners.add(listener);
      const c = current();
      if (c) listener(c);
      return () => {
        listeners.delete(listener);
      };
    },
    setStateOverride: (id: number, pageId: string, state: LoginState | null) => (id === tabId ? target() : background).setStateOverride(id, pageId, state),
    async clear(id) {
      // both: a cleared background must not make the devtools pages show up in its place
      await Promise.all([background.clear(id), id === tabId && devtools ? devtools.clear(id) : undefined]);
    },
    mode: () => mode,
    watchMode(listener) {
      modeListeners.add(listener);
      listener(mode);
      return () => {
        modeListeners.delete(listener);
      };
    },
    async reloadWithProbe() {
      const s = await ensureDevtools();
      s?.reloadWithProbe();
    },
    close() {
      closed = true;
      clearTimeout(timer);
      offBackground();
      offDevtools?.();
      listeners.clear();
      modeListeners.clear();
    },
  };
}
