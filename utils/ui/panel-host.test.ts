// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { applyTheme, devtoolsTheme, followDevtoolsTheme, openResourceFn, panelTabId } from './panel-host';

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

describe('openResourceFn', () => {
  it('is absent outside DevTools', () => {
    expect(openResourceFn(undefined)).toBeUndefined();
    expect(openResourceFn({ panels: { themeName: 'default' } })).toBeUndefined();
  });

  it("passes DevTools a 0-based line and settles on DevTools' status", async () => {
    const calls: unknown[][] = [];
    const answer: { status?: { isError?: boolean; description?: string } } = {};
    const open = openResourceFn({
      panels: {
        openResource: (url, line, column, cb) => {
          calls.push([url, line, column]);
          cb?.(answer.status);
        },
      },
    })!;
    await expect(open('https://shop.example.jp/', 18)).resolves.toBeUndefined();
    expect(calls).toEqual([['https://shop.example.jp/', 17, 0]]);
    answer.status = { isError: true, description: 'Resource not found' };
    await expect(open('https://shop.example.jp/gone', 1)).rejects.toThrow('Resource not found');
    expect(calls.at(-1)).toEqual(['https://shop.example.jp/gone', 0, 0]);
  });
});
