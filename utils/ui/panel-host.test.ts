// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { applyTheme, devtoolsTheme, followDevtoolsTheme, panelTabId } from './panel-host';

describe('panel host glue', () => {
  it('takes ?tabId=N first, else the inspected window of DevTools', () => {
    expect(panelTabId('?tabId=12', { inspectedWindow: { tabId: 3 } })).toBe(12);
    expect(panelTabId('', { inspectedWindow: { tabId: 3 } })).toBe(3);
    expect(panelTabId('?tabId=abc', undefined)).toBeUndefined();
    expect(panelTabId('?tabId=-1', { inspectedWindow: { tabId: 4 } })).toBe(4);
    expect(panelTabId('', undefined)).toBeUndefined();
  });

  it('follows the DevTools theme, and the OS when not in DevTools', () => {
    expect(devtoolsTheme({ panels: { themeName: 'dark' } })).toBe('dark');
    expect(devtoolsTheme({ panels: { themeName: 'default' } })).toBe('light');
    expect(devtoolsTheme(undefined)).toBeUndefined();
    const root = document.createElement('html');
    applyTheme('dark', root);
    expect(root.dataset.theme).toBe('dark');
    applyTheme(undefined, root);
    expect(root.dataset.theme).toBeUndefined();
    let handler: ((n: string) => void) | undefined;
    followDevtoolsTheme({ panels: { setThemeChangeHandler: (cb) => (handler = cb) } });
    handler!('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    handler!('default');
    expect(document.documentElement.dataset.theme).toBe('light');
  });
});
