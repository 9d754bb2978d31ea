/**
 * The extension's settings: their shapes and the host-list parser (pure; the WXT storage items
 * are in settings-storage.ts so tests and pages that only parse need no browser).
 */
import type { LanguageSetting } from './i18n';

export interface CompanionSettings {
  url: string;
  token: string;
}

/** Hosts of the admin/settings pages the operator checklists run on (one list per product). */
export interface SettingsHosts {
  ecai: string[];
  luxliner: string[];
}

export interface Settings {
  language: LanguageSetting;
  companion: CompanionSettings;
  hosts: SettingsHosts;
}

/** What the options page reads and writes (the storage items in the extension, a double in tests). */
export interface SettingsAdapter {
  load(): Promise<Settings>;
  save(settings: Settings): Promise<void>;
}

/**
 * One host per line (or comma separated); URLs are reduced to their host; duplicates, blanks and
 * anything that is not a host name are dropped.
 */
export function parseHostList(text: string): { hosts: string[]; rejected: string[] } {
  const hosts: string[] = [];
  const rejected: string[] = [];
  for (const raw of text.split(/[\n,、\s]+/)) {
    const item = raw.trim();
    if (!item) continue;
    let host = item;
    if (/^[a-z]+:\/\//i.test(item)) {
      try {
        host = new URL(item).host;
      } catch {
        rejected.push(item);
        continue;
      }
    }
    host = host.toLowerCase().replace(/\/.*$/, '');
    if (!/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/.test(host) || host.length > 253) {
      rejected.push(item.slice(0, 100));
      continue;
    }
    if (!hosts.includes(host)) hosts.push(host);
  }
  return { hosts: hosts.slice(0, 100), rejected };
}
