/**
 * The settings in WXT storage items with versions (migrations go in `migrations` when a shape
 * changes). The token stays in `local` (never synced to other devices).
 */
import { storage } from 'wxt/utils/storage';
import type { LanguageSetting } from './i18n';
import type { CompanionSettings, SettingsAdapter, SettingsHosts } from './settings';

export const languageItem = storage.defineItem<LanguageSetting>('sync:language', { fallback: 'auto', version: 1 });
export const companionItem = storage.defineItem<CompanionSettings>('local:companion', { fallback: { url: '', token: '' }, version: 1 });
export const settingsHostsItem = storage.defineItem<SettingsHosts>('sync:settingsHosts', { fallback: { ecai: [], luxliner: [] }, version: 1 });

export const extensionSettings: SettingsAdapter = {
  async load() {
    const [language, companion, hosts] = await Promise.all([languageItem.getValue(), companionItem.getValue(), settingsHostsItem.getValue()]);
    return { language, companion, hosts };
  },
  async save(s) {
    await Promise.all([languageItem.setValue(s.language), companionItem.setValue(s.companion), settingsHostsItem.setValue(s.hosts)]);
  },
};

