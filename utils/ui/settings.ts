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
 * One host per line (or comma separated); URLs are reduced to their host; duplicates and blanks
 * are dropped. An entry that is not a host name is never split or guessed at (`https://bad host/`
 * is one wrong entry, not the two hosts `bad` and `host`): it is rejected with the reason.
 */
export type HostProblem = 'space' | 'chars' | 'scheme';

export function parseHostList(text: string): { hosts: string[]; rejected: string[]; problems: { item: string; reason: HostProblem }[] } {
  const hosts: string[] = [];
  const rejected: string[] = [];
  const problems: { item: string; reason: HostProblem }[] = [];
  const reject = (item: string, reason: HostProblem) => {
    rejected.push(item.slice(0, 100));
    problems.push({ item: item.slice(0, 100), reason });
  };
  for (const raw of text.split(/[\n,、]+/)) {
    const item = raw.replace(/[\s\u3000]+/g, ' ').trim();
    if (!item) continue;
    if (item.includes(' ')) {
      reject(item, 'space');
      continue;
    }
    let host = item;
    if (/^[a-z][a-z0-9+.-]*:/i.test(item) && !/^[^:/]+:\d{1,5}(\/|$)/.test(item)) {
      if (!/^https?:\/\//i.test(item)) {
        reject(item, 'scheme');
        continue;
      }
      try {
        host = new URL(item).host;
      } catch {
        reject(item, 'chars');
        continue;
      }
    }
    host = host.toLowerCase().replace(/\/.*$/, '');
    if (!/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/.test(host) || host.length > 253) {
      reject(item, 'chars');
      continue;
    }
    if (!hosts.includes(host)) hosts.push(host);
  }
  return { hosts: hosts.slice(0, 100), rejected, problems };
}
