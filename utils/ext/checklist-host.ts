/**
 * The popup checklist's view of the browser: the open tab's settings page (read on demand by
 * injecting the settings reader with `scripting.executeScript`), the configured hosts, the salt,
 * the stored cross-page values and progress, the companion settings, and the live checks.
 * Components get this interface, tests a fake; `createExtensionChecklistHost` is the thin browser
 * glue.
 */
import { browser } from 'wxt/browser';
import type { CrossPageStore } from '../core/checklists/cross-page';
import type { ChecklistProgress } from '../core/checklists/progress';
import type { ItemResult, SettingsHosts } from '../core/checklists/types';
import type { LiveContext, LiveRequest } from '../live/run';
import { companionItem, settingsHostsItem } from '../ui/settings-storage';
import { requestSettingsHtml, SETTINGS_READER_FILE, type SettingsHtmlResponse } from './checklist-messages';
import { checklistSalt, checklistSiteItem, crossPageStoreItem, DEFAULT_SITE, progressItem, validSiteKey } from './checklist-storage';
import type { CompanionConfig } from './checklist-sync';

export interface ChecklistHost {
  /** the open tab's page as the operator sees it, or null (the tab cannot be scripted) */
  readPage(): Promise<SettingsHtmlResponse | null>;
  hosts(): Promise<SettingsHosts>;
  salt(): Promise<string>;
  loadStore(): Promise<unknown>;
  saveStore(store: CrossPageStore): Promise<void>;
  loadSite(): Promise<string>;
  saveSite(site: string): Promise<void>;
  loadProgress(site: string, checklistId: string): Promise<unknown>;
  saveProgress(progress: ChecklistProgress): Promise<void>;
  companion(): Promise<CompanionConfig | undefined>;
  fetch: typeof fetch;
  runLive(req: LiveRequest, ctx: LiveContext): Promise<ItemResult[]>;
}

function cleanHosts(list: unknown): string[] {
  return Array.isArray(list) ? list.filter((h): h is string => typeof h === 'string' && h.trim() !== '').slice(0, 100) : [];
}

export function createExtensionChecklistHost(tabId: number): ChecklistHost {
  return {
    // the top frame only; the popup was opened by a click (activeTab) and the extension has host access
    readPage: () => requestSettingsHtml((id) => browser.scripting.executeScript({ target: { tabId: id }, files: [SETTINGS_READER_FILE] }), tabId),
    async hosts() {
      const h = await settingsHostsItem.getValue();
      return { ecai: cleanHosts(h?.ecai), luxliner: cleanHosts(h?.luxliner) };
    },
    salt: checklistSalt,
    loadStore: () => crossPageStoreItem.getValue(),
    saveStore: (store) => crossPageStoreItem.setValue(store),
    async loadSite() {
      const s = await checklistSiteItem.getValue();
      return typeof s === 'string' && validSiteKey(s) ? s : DEFAULT_SITE;
    },
    saveSite: (site) => checklistSiteItem.setValue(site),
    loadProgress: (site, checklistId) => progressItem(site, checklistId).getValue(),
    saveProgress: (p) => progressItem(p.site, p.checklistId).setValue(p),
    async companion() {
      const c = await companionItem.getValue();
      return c && typeof c.url === 'string' && typeof c.token === 'string' ? { url: c.url, token: c.token } : undefined;
    },
    fetch: (input, init) => globalThis.fetch(input, init),
    // the live checks load only when the operator runs one
    runLive: (req, ctx) => import('../live/run').then((m) => m.runLiveForChecklist(req, ctx)),
  };
}
