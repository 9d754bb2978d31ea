/**
 * Where the popup checklist keeps its state, in `browser.storage.local` (never synced to other
 * devices), as versioned WXT storage items:
 * - the per-installation random salt of the fingerprints (created on first use, never leaves the browser),
 * - the cross-page store (values captured on one settings page for another: secrets only as salted
 *   fingerprints and masked displays, see utils/core/checklists/cross-page.ts),
 * - the progress per site and checklist (states and manual ticks only, no values),
 * - the site key the operator works on (the integration's name; ECAI's and LINE's pages are
 *   compared within one site key).
 * Stored JSON is untrusted: the core's parseStore / parseProgress validate it on every read.
 */
import { storage } from 'wxt/utils/storage';
import { randomSalt } from '../core/mask';
import type { ChecklistProgress } from '../core/checklists/progress';
import type { CrossPageStore } from '../core/checklists/cross-page';

export const DEFAULT_SITE = 'default';
/** the companion API's site parameter (a host-like name) */
export const SITE_KEY = /^[A-Za-z0-9][A-Za-z0-9.:_-]{0,254}$/u;

export const checklistSaltItem = storage.defineItem<string>('local:checklistSalt', { fallback: '', version: 1 });
export const crossPageStoreItem = storage.defineItem<CrossPageStore | null>('local:checklistCrossPage', { fallback: null, version: 1 });
export const checklistSiteItem = storage.defineItem<string>('local:checklistSite', { fallback: DEFAULT_SITE, version: 1 });

const progressItems = new Map<string, ReturnType<typeof defineProgressItem>>();

function defineProgressItem(key: string) {
  return storage.defineItem<ChecklistProgress | null>(`local:checklistProgress:${key}`, { fallback: null, version: 1 });
}

/** The progress item of one site and checklist. */
export function progressItem(site: string, checklistId: string) {
  const key = `${encodeURIComponent(site)}:${encodeURIComponent(checklistId)}`;
  let item = progressItems.get(key);
  if (!item) {
    item = defineProgressItem(key);
    progressItems.set(key, item);
  }
  return item;
}

/** The installation's salt, created on first use. */
export async function checklistSalt(): Promise<string> {
  const current = await checklistSaltItem.getValue();
  if (typeof current === 'string' && current.length >= 16) return current;
  const salt = randomSalt();
  await checklistSaltItem.setValue(salt);
  return salt;
}

export function validSiteKey(site: string): boolean {
  return SITE_KEY.test(site);
}
