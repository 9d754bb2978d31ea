/**
 * The extension's SessionSource (utils/ui/source.ts): the panel and the popup receive a tab's
 * capture from the background over one runtime Port, and send login-state overrides and
 * "clear" as runtime messages. The capture is validated before it reaches the UI.
 *
 * `siteAccess`: when the background cannot tell (it never saw the page), the UI side asks
 * itself — the popup, opened by a click on the toolbar button, can read the tab's address
 * (activeTab) and check `permissions.contains` for its origin.
 */
import { browser, type Browser } from 'wxt/browser';
import type { LoginState } from '../core/model';
import { isRestrictedUrl, type SessionSource, type TabCapture } from '../ui/source';
import { BackgroundToUi, SESSION_PORT, type CommandMsg } from './protocol';

export async function siteAccessOfTab(tabId: number): Promise<TabCapture['siteAccess']> {
  try {
    const tab = await browser.tabs.get(tabId);
    if (tab.url && isRestrictedUrl(tab.url)) return 'restricted';
    if (!tab.url || !/^https?:/.test(tab.url)) return 'unknown';
    const granted = await browser.permissions.contains({ origins: [`${new URL(tab.url).origin}/*`] });
    return granted ? 'granted' : 'withheld';
  } catch {
    return 'unknown';
  }
}

export function createExtensionSessionSource(): SessionSource {
  let port: Browser.runtime.Port | undefined;
  const listeners = new Map<number, Set<(c: TabCapture) => void>>();
  const latest = new Map<number, TabCapture>();
  const access = new Map<number, TabCapture['siteAccess']>();

  const deliver = (capture: TabCapture) => {
    const known = access.get(capture.tabId);
    const c = capture.siteAccess === 'unknown' && known ? { ...capture, siteAccess: known } : capture;
    latest.set(c.tabId, c);
    for (const l of listeners.get(c.tabId) ?? []) l(c);
  };

  const connect = (): Browser.runtime.Port => {
    if (port) return port;
    const p = browser.runtime.connect({ name: SESSION_PORT });
    p.onMessage.addListener((raw: unknown) => {
      const parsed = BackgroundToUi.safeParse(raw);
      if (!parsed.success) return;
      const capture = parsed.data.capture as TabCapture;
      deliver(capture);
      if (capture.siteAccess === 'unknown' && !access.has(capture.tabId)) {
        access.set(capture.tabId, 'unknown');
        void siteAccessOfTab(capture.tabId).then((a) => {
          access.set(capture.tabId, a);
          const last = latest.get(capture.tabId);
          if (a !== 'unknown' && last) deliver({ ...last, siteAccess: a });
        });
      }
    });
    p.onDisconnect.addListener(() => {
      port = undefined;
      // the service worker went away (update, restart): reconnect and resubscribe
      if (listeners.size > 0) {
        setTimeout(() => {
          const again = connect();
          for (const tabId of listeners.keys()) again.postMessage({ type: 'subscribe', tabId });
        }, 100);
      }
    });
    port = p;
    return p;
  };

  const command = async (msg: CommandMsg) => {
    const res = (await browser.runtime.sendMessage(msg)) as { ok?: boolean; error?: string } | undefined;
    if (res && res.ok === false) throw new Error(res.error ?? 'background error');
  };

  return {
    subscribe(tabId, listener) {
      let set = listeners.get(tabId);
      const first = !set;
      if (!set) listeners.set(tabId, (set = new Set()));
      set.add(listener);
      const p = connect();
      if (first) p.postMessage({ type: 'subscribe', tabId });
      else {
        const last = latest.get(tabId);
        if (last) listener(last);
      }
      return () => {
        set.delete(listener);
        if (set.size === 0) {
          listeners.delete(tabId);
          try {
            port?.postMessage({ type: 'unsubscribe', tabId });
          } catch {
            /* disconnected */
          }
        }
      };
    },
    setStateOverride: (tabId: number, pageId: string, state: LoginState | null) =>
      command({ type: 'renkei/override', tabId, pageId, state }),
    clear: (tabId: number) => command({ type: 'renkei/clear', tabId }),
  };
}
