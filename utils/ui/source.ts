/**
 * The one interface through which UI surfaces (DevTools panel, popup) receive a tab's capture
 * (Apollo Client Devtools' MessageAdapter model). The extension adapter talks to the background
 * over a runtime port; tests and the HAR import use an in-memory source.
 */
import type { LoginState, Session } from '../core/model';

export interface TabCapture {
  tabId: number;
  session: Session;
  /** per-page login-state overrides chosen by a person (Page.id → state) */
  overrides: Record<string, LoginState>;
  /**
   * whether the extension may read the tab's site (Chrome's site access settings); `restricted`:
   * a page Chrome never lets extensions read (chrome:// pages, the Chrome Web Store)
   */
  siteAccess: 'granted' | 'withheld' | 'restricted' | 'unknown';
  /** the bounds in force, shown in the UI when something was dropped */
  limits: { pages: number; requests: number };
  updatedAt: number;
}

export interface SessionSource {
  /** calls `listener` with the current capture at once and on every change; returns unsubscribe */
  subscribe(tabId: number, listener: (capture: TabCapture) => void): () => void;
  /** null removes the override (back to inferred) */
  setStateOverride(tabId: number, pageId: string, state: LoginState | null): Promise<void>;
  clear(tabId: number): Promise<void>;
}

/** Pages Chrome never lets an extension read: its own pages and the Chrome Web Store. */
export function isRestrictedUrl(url: string): boolean {
  if (/^(chrome|chrome-untrusted|edge|brave|opera|vivaldi|devtools|view-source|about|chrome-search):/i.test(url)) return true;
  if (/^chrome-extension:/i.test(url)) return true;
  try {
    const u = new URL(url);
    if (!/^https?:$/.test(u.protocol)) return false;
    return u.hostname === 'chromewebstore.google.com' || (u.hostname === 'chrome.google.com' && u.pathname.startsWith('/webstore')) || u.hostname === 'microsoftedge.microsoft.com';
  } catch {
    return false;
  }
}
