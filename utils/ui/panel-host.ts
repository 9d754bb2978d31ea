/**
 * Where the panel runs (pure: the DevTools API object is passed in): which tab it shows and
 * which theme it draws in.
 */
export interface DevtoolsLike {
  inspectedWindow?: { tabId: number };
  panels?: {
    themeName?: string;
    setThemeChangeHandler?: (cb: (themeName: string) => void) => void;
    /** lineNumber is 0-based (DevTools' own UI locations); the callback gets DevTools' status */
    openResource?: (url: string, lineNumber: number, columnNumber: number, callback?: (status?: { isError?: boolean; code?: string; description?: string }) => void) => void;
  };
}

/**
 * DevTools' "open in Sources" for a 1-based document line, when the panel runs in DevTools;
 * rejects with DevTools' description when it cannot (the resource is not loaded, for one).
 */
export function openResourceFn(dt: DevtoolsLike | undefined): ((url: string, line: number) => Promise<void>) | undefined {
  const panels = dt?.panels;
  if (typeof panels?.openResource !== 'function') return undefined;
  return (url, line) =>
    new Promise<void>((resolve, reject) => {
      panels.openResource!(url, Math.max(0, line - 1), 0, (status) => {
        if (status?.isError) reject(new Error(status.description ?? status.code ?? 'openResource failed'));
        else resolve();
      });
    });
}

/** `?tabId=N` wins (tests, opening the panel as a tab); inside DevTools, the inspected tab. */
export function panelTabId(search: string, dt: DevtoolsLike | undefined): number | undefined {
  const q = new URLSearchParams(search).get('tabId');
  if (q !== null && /^\d{1,10}$/.test(q)) return Number(q);
  return dt?.inspectedWindow?.tabId;
}

/** DevTools' own theme when hosted there; otherwise undefined (CSS follows prefers-color-scheme). */
export function devtoolsTheme(dt: DevtoolsLike | undefined): 'dark' | 'light' | undefined {
  const name = dt?.panels?.themeName;
  if (!name) return undefined;
  return name === 'dark' ? 'dark' : 'light';
}

export function applyTheme(theme: 'dark' | 'light' | undefined, root: HTMLElement = document.documentElement): void {
  if (theme) root.dataset.theme = theme;
  else delete root.dataset.theme;
}

/** Re-applies DevTools' theme when the user switches it while the panel is open. */
export function followDevtoolsTheme(dt: DevtoolsLike | undefined): void {
  dt?.panels?.setThemeChangeHandler?.((name) => applyTheme(name === 'dark' ? 'dark' : 'light'));
}
