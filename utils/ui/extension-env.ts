/**
 * The thin glue between extension pages and the browser: the DevTools API object, the tab the
 * popup reports on, the language setting. Everything else reaches the UI through SessionSource.
 */
import { browser } from 'wxt/browser';
import type { Lang } from '../core/model';
import { resolveLang } from './i18n';
import type { DevtoolsCaptureApi } from './devtools-har';
import type { DevtoolsLike } from './panel-host';
import { languageItem } from './settings-storage';

/** `browser.devtools` exists only in pages DevTools hosts (the panel inside F12). */
export function devtoolsApi(): DevtoolsLike | undefined {
  return (browser as unknown as { devtools?: DevtoolsLike }).devtools;
}

/** DevTools' network log and resources, when hosted in DevTools. */
export function devtoolsCaptureApi(): DevtoolsCaptureApi | undefined {
  const dt = (browser as unknown as { devtools?: Partial<DevtoolsCaptureApi> }).devtools;
  return dt?.network && dt.inspectedWindow ? (dt as DevtoolsCaptureApi) : undefined;
}

export async function currentLang(): Promise<Lang> {
  return resolveLang(await languageItem.getValue(), browser.i18n.getUILanguage());
}

/** Calls `cb` when the language setting changes; returns unwatch. */
export function watchLang(cb: (lang: Lang) => void): () => void {
  return languageItem.watch((setting) => cb(resolveLang(setting, browser.i18n.getUILanguage())));
}

export function setDocumentLang(lang: Lang): void {
  document.documentElement.lang = lang;
}

/** The tab the popup reports on: `?tabId=N` (tests) or the active tab of the current window. */
export async function popupTabId(search: string): Promise<number | undefined> {
  const q = new URLSearchParams(search).get('tabId');
  if (q !== null && /^\d{1,10}$/.test(q)) return Number(q);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

export function extensionVersion(): string {
  return browser.runtime.getManifest().version;
}
