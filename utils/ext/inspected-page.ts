/**
 * The inspected tab as the DevTools panel sees it (`chrome.devtools`): its address now, its
 * navigations and the extension's host access to a site — what the panel's fallback source
 * (fallback-source.ts) needs to decide, on every navigation, whether the page can be read by the
 * background or only from DevTools. Small on purpose: the DevTools reader itself
 * (devtools-source.ts) loads only when it is needed.
 */
import type { InspectedPage } from './fallback-source';

interface ChromeDevtoolsLike {
  devtools: {
    inspectedWindow: { eval(expression: string, callback: (result: unknown, error?: unknown) => void): void };
    network: { onNavigated: { addListener(l: (url: string) => void): void } };
  };
  permissions: { contains(p: { origins: string[] }): Promise<boolean> };
}

export function chromeInspectedPage(): InspectedPage {
  const c = (globalThis as unknown as { chrome: ChromeDevtoolsLike }).chrome;
  return {
    url: () =>
      new Promise((ok) =>
        c.devtools.inspectedWindow.eval('location.href', (result, error) => ok(!error && typeof result === 'string' ? result : undefined)),
      ),
    onNavigated: (l) => c.devtools.network.onNavigated.addListener(l),
    hasAccess: (origin) => c.permissions.contains({ origins: [origin] }),
  };
}
