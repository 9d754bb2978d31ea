/**
 * Capture only where someone is diagnosing.
 *
 * The probe (MAIN world) and the relay (isolated world) are not declared in the manifest: they
 * are registered with `scripting.registerContentScripts` for the sites the user turned on, so a
 * page of any other site gets no content script and nothing of it is read. A site is turned on
 *
 * - by opening our DevTools panel (or the panel page as a tab, `devtools-panel.html?tabId=N`) for
 *   a tab: that tab's site (host name) is added and the panel offers 「再読み込みして記録」;
 * - in the popup and the options page, which list the sites that are on and let the user add or
 *   remove one, or choose "all sites" (every page, as before this design).
 *
 * The list lives in `storage.local` (key `captureSites`); the registration follows it (at every
 * change, and at start-up: a browser update or an extension update may drop registrations).
 * Network evidence (webRequest, no content script) is kept only for pages of sites that are on
 * and for tabs whose panel is open: `allowsRequest`.
 */
import { browser, type Browser } from 'wxt/browser';

export const CAPTURE_SITES_KEY = 'captureSites';
export const SCRIPT_IDS = { probe: 'renkei-probe', relay: 'renkei-relay' } as const;
/** at most this many sites in the list (each becomes a match pattern) */
export const MAX_SITES = 500;

export interface CaptureSites {
  /** every site (the behaviour before this design: for support desks that want it) */
  all: boolean;
  /** host names (`shop.example.jp`) or a domain with its subdomains (`*.example.jp`) */
  hosts: string[];
}

export const NO_SITES: CaptureSites = { all: false, hosts: [] };

const HOST_RE = /^(\*\.)?([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * A site as the user typed it (a host name, `*.domain`, or a URL) → the host name kept in the
 * list, or undefined when it is not one. IP addresses and `localhost` are accepted as typed.
 */
export function normalizeSite(input: string): string | undefined {
  let s = input.trim().toLowerCase();
  if (!s || s.length > 260) return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(s)) {
    try {
      const u = new URL(s);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
      s = u.hostname;
    } catch {
      return undefined;
    }
  } else {
    s = s.replace(/[/?#].*$/, '').replace(/:\d+$/, '');
  }
  s = s.replace(/\.$/, '');
  if (s.startsWith('[')) return undefined; // IPv6 literals: not expressible per host in a match pattern we keep simple
  return HOST_RE.test(s) ? s : undefined;
}

/** The site (host name) of a page URL, when capture can run there (http/https). */
export function siteOfUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    return normalizeSite(u.hostname);
  } catch {
    return undefined;
  }
}

/** Whether a host is covered by the list. */
export function siteIsOn(sites: CaptureSites, host: string | undefined): boolean {
  if (sites.all) return true;
  if (!host) return false;
  const h = host.toLowerCase();
  return sites.hosts.some((s) => (s.startsWith('*.') ? h === s.slice(2) || h.endsWith(s.slice(1)) : h === s));
}

/** The content scripts' match patterns for the list (none: nothing registered). */
export function matchPatterns(sites: CaptureSites): string[] {
  if (sites.all) return ['<all_urls>'];
  const out = new Set<string>();
  for (const h of sites.hosts) {
    if (h.startsWith('*.')) {
      out.add(`*://${h.slice(2)}/*`);
      out.add(`*://${h}/*`);
    } else out.add(`*://${h}/*`);
  }
  return [...out];
}

/** Reads a stored value defensively (anything malformed is no site). */
export function parseSites(raw: unknown): CaptureSites {
  if (!raw || typeof raw !== 'object') return { ...NO_SITES };
  const r = raw as { all?: unknown; hosts?: unknown };
  const hosts = Array.isArray(r.hosts)
    ? [...new Set(r.hosts.filter((h): h is string => typeof h === 'string').map((h) => normalizeSite(h)).filter((h): h is string => !!h))].slice(0, MAX_SITES)
    : [];
  return { all: r.all === true, hosts };
}

// ---------------------------------------------------------------------------------------------
// messages from extension pages (panel, popup, options)

export type CaptureSitesCommand =
  | { type: 'renkei/sites/get'; tabId?: number }
  | { type: 'renkei/sites/set'; sites: CaptureSites }
  | { type: 'renkei/sites/add'; site: string }
  | { type: 'renkei/sites/remove'; site: string }
  | { type: 'renkei/sites/enable-tab'; tabId: number }
  | { type: 'renkei/sites/reload-tab'; tabId: number };

export interface CaptureSitesReply {
  ok: boolean;
  sites: CaptureSites;
  /** the tab's site, when a tab was named */
  tabSite?: string;
  /** whether the tab's site is on */
  tabOn?: boolean;
  /** enable-tab: the site was off until now (its open page was not captured) */
  turnedOn?: boolean;
  error?: string;
}

function isCommand(raw: unknown): raw is CaptureSitesCommand {
  if (!raw || typeof raw !== 'object') return false;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'renkei/sites/get':
      return m.tabId === undefined || Number.isInteger(m.tabId);
    case 'renkei/sites/set':
      return !!m.sites && typeof m.sites === 'object';
    case 'renkei/sites/add':
    case 'renkei/sites/remove':
      return typeof m.site === 'string';
    case 'renkei/sites/enable-tab':
    case 'renkei/sites/reload-tab':
      return Number.isInteger(m.tabId);
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// the background side

export interface CaptureSitesController {
  /** resolves once the stored list is loaded and the registration follows it */
  ready: Promise<void>;
  get(): CaptureSites;
  set(sites: CaptureSites): Promise<CaptureSites>;
  /** turns on the tab's site and marks the tab as diagnosed (network evidence flows) */
  enableTab(tabId: number): Promise<CaptureSitesReply>;
  /** marks a tab as diagnosed (its panel is open) or not */
  setDiagnosed(tabId: number, on: boolean): void;
  /** webRequest gate: a request of tab `tabId` made by a page at `initiator` */
  allowsRequest(tabId: number, initiator: string | undefined): boolean;
  /** runs `fn` when the gate allows the request (after the list has loaded; order preserved) */
  whenAllowed(tabId: number, initiator: string | undefined, fn: () => unknown): void;
}

export function startCaptureSites(): CaptureSitesController {
  let sites: CaptureSites = { ...NO_SITES };
  let loaded = false;
  const diagnosed = new Set<number>();
  let chain: Promise<unknown> = Promise.resolve();

  const scripting = browser.scripting as unknown as {
    getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<{ id: string }[]>;
    registerContentScripts(scripts: unknown[]): Promise<void>;
    updateContentScripts(scripts: unknown[]): Promise<void>;
    unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
  };

  const scriptsFor = (matches: string[]) => [
    { id: SCRIPT_IDS.probe, matches, js: ['probe.js'], runAt: 'document_start', allFrames: false, world: 'MAIN', persistAcrossSessions: true },
    { id: SCRIPT_IDS.relay, matches, js: ['relay.js'], runAt: 'document_start', allFrames: false, persistAcrossSessions: true },
  ];

  /** makes the registration follow `sites` (serialised: one change at a time) */
  function sync(): Promise<void> {
    const next = chain.then(async () => {
      const matches = matchPatterns(sites);
      const ids = [SCRIPT_IDS.probe, SCRIPT_IDS.relay];
      const existing = (await scripting.getRegisteredContentScripts({ ids })).map((s) => s.id);
      if (matches.length === 0) {
        if (existing.length) await scripting.unregisterContentScripts({ ids: existing });
        return;
      }
      if (existing.length === ids.length) {
        await scripting.updateContentScripts(scriptsFor(matches).map(({ persistAcrossSessions: _p, ...s }) => s));
        return;
      }
      if (existing.length) await scripting.unregisterContentScripts({ ids: existing });
      await scripting.registerContentScripts(scriptsFor(matches));
    });
    chain = next.catch((e: unknown) => console.warn('renkei: content script registration failed', e instanceof Error ? e.message : String(e)));
    return next;
  }

  async function save(next: CaptureSites): Promise<CaptureSites> {
    sites = parseSites(next);
    await browser.storage.local.set({ [CAPTURE_SITES_KEY]: sites });
    await sync();
    return sites;
  }

  // the list, read once at start-up; `loaded` flips in the first callback on it, so requests that
  // waited for it (whenAllowed) run before any later one (order kept)
  const listLoaded = (async () => {
    try {
      sites = parseSites((await browser.storage.local.get(CAPTURE_SITES_KEY))[CAPTURE_SITES_KEY]);
    } catch {
      sites = { ...NO_SITES };
    }
  })();
  void listLoaded.then(() => {
    loaded = true;
  });
  const ready = listLoaded.then(() => sync().catch(() => undefined));

  // another extension page may write the list directly (the options page): follow it
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !(CAPTURE_SITES_KEY in changes)) return;
    const next = parseSites(changes[CAPTURE_SITES_KEY]!.newValue);
    if (JSON.stringify(next) === JSON.stringify(sites)) return;
    sites = next;
    void sync().catch(() => undefined);
  });

  async function tabUrl(tabId: number): Promise<string | undefined> {
    try {
      return (await browser.tabs.get(tabId)).url;
    } catch {
      return undefined;
    }
  }

  const controller: CaptureSitesController = {
    ready,
    get: () => sites,
    set: async (next) => {
      await ready;
      return save(next);
    },
    async enableTab(tabId) {
      await ready;
      diagnosed.add(tabId);
      const site = siteOfUrl(await tabUrl(tabId));
      if (!site) return { ok: true, sites, tabOn: false };
      if (siteIsOn(sites, site)) return { ok: true, sites, tabSite: site, tabOn: true, turnedOn: false };
      if (sites.hosts.length >= MAX_SITES) return { ok: false, sites, tabSite: site, tabOn: false, error: 'too-many-sites' };
      await save({ ...sites, hosts: [...sites.hosts, site] });
      return { ok: true, sites, tabSite: site, tabOn: true, turnedOn: true };
    },
    setDiagnosed(tabId, on) {
      if (on) diagnosed.add(tabId);
      else diagnosed.delete(tabId);
    },
    allowsRequest(tabId, initiator) {
      if (sites.all || diagnosed.has(tabId)) return true;
      return siteIsOn(sites, siteOfUrl(initiator));
    },
    whenAllowed(tabId, initiator, fn) {
      if (loaded) {
        if (controller.allowsRequest(tabId, initiator)) fn();
        return;
      }
      void listLoaded.then(() => {
        if (controller.allowsRequest(tabId, initiator)) fn();
      });
    },
  };

  browser.tabs.onRemoved.addListener((tabId) => diagnosed.delete(tabId));

  browser.runtime.onMessage.addListener((raw: unknown, sender: Browser.runtime.MessageSender, sendResponse: (r: unknown) => void) => {
    if (sender.id !== browser.runtime.id || !isCommand(raw)) return undefined;
    // extension pages only (a page's content script cannot change what is captured)
    if (sender.url !== undefined && !sender.url.startsWith(browser.runtime.getURL('/'))) return undefined;
    void handle(raw).then(sendResponse, (e: unknown) => sendResponse({ ok: false, sites, error: e instanceof Error ? e.message : String(e) }));
    return true;
  });

  async function handle(c: CaptureSitesCommand): Promise<CaptureSitesReply> {
    await ready;
    switch (c.type) {
      case 'renkei/sites/get': {
        if (c.tabId === undefined) return { ok: true, sites };
        const site = siteOfUrl(await tabUrl(c.tabId));
        return { ok: true, sites, ...(site ? { tabSite: site } : {}), tabOn: siteIsOn(sites, site) };
      }
      case 'renkei/sites/set':
        return { ok: true, sites: await save(c.sites) };
      case 'renkei/sites/add': {
        const site = normalizeSite(c.site);
        if (!site) return { ok: false, sites, error: 'bad-site' };
        if (sites.hosts.includes(site)) return { ok: true, sites };
        if (sites.hosts.length >= MAX_SITES) return { ok: false, sites, error: 'too-many-sites' };
        return { ok: true, sites: await save({ ...sites, hosts: [...sites.hosts, site] }) };
      }
      case 'renkei/sites/remove': {
        const site = normalizeSite(c.site) ?? c.site;
        return { ok: true, sites: await save({ ...sites, hosts: sites.hosts.filter((h) => h !== site) }) };
      }
      case 'renkei/sites/enable-tab':
        return controller.enableTab(c.tabId);
      case 'renkei/sites/reload-tab':
        await browser.tabs.reload(c.tabId);
        return { ok: true, sites };
    }
  }

  // for the end-to-end tests and the benchmark (evaluated in the worker)
  const g = globalThis as { renkeiCaptureSites?: unknown };
  g.renkeiCaptureSites = {
    get: async () => {
      await ready;
      return sites;
    },
    set: (next: CaptureSites) => controller.set(next),
    registered: async () => {
      await chain;
      return (await scripting.getRegisteredContentScripts({ ids: [SCRIPT_IDS.probe, SCRIPT_IDS.relay] })) as unknown;
    },
  };

  return controller;
}

// ---------------------------------------------------------------------------------------------
// the UI side (panel, popup, options)

export interface CaptureSitesClient {
  get(tabId?: number): Promise<CaptureSitesReply>;
  setAll(all: boolean): Promise<CaptureSitesReply>;
  add(site: string): Promise<CaptureSitesReply>;
  remove(site: string): Promise<CaptureSitesReply>;
  enableTab(tabId: number): Promise<CaptureSitesReply>;
  reloadTab(tabId: number): Promise<CaptureSitesReply>;
}

export function extensionCaptureSitesClient(): CaptureSitesClient {
  const send = (msg: CaptureSitesCommand) => browser.runtime.sendMessage(msg) as Promise<CaptureSitesReply>;
  return {
    get: (tabId) => send(tabId === undefined ? { type: 'renkei/sites/get' } : { type: 'renkei/sites/get', tabId }),
    async setAll(all) {
      const now = await send({ type: 'renkei/sites/get' });
      return send({ type: 'renkei/sites/set', sites: { ...now.sites, all } });
    },
    add: (site) => send({ type: 'renkei/sites/add', site }),
    remove: (site) => send({ type: 'renkei/sites/remove', site }),
    enableTab: (tabId) => send({ type: 'renkei/sites/enable-tab', tabId }),
    reloadTab: (tabId) => send({ type: 'renkei/sites/reload-tab', tabId }),
  };
}

/** The page that made a request: Chrome's `initiator` (an origin), Firefox's `documentUrl`. */
export function initiatorOf(details: unknown): string | undefined {
  const d = details as { initiator?: unknown; documentUrl?: unknown; originUrl?: unknown };
  for (const v of [d.initiator, d.documentUrl, d.originUrl]) if (typeof v === 'string') return v;
  return undefined;
}
